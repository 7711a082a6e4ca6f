//! Sentence segmentation that knows Arabic punctuation.
//!
//! A sentence ends at `.` `!` `?` `؟` `…` `۔` (with any closing quotes or
//! brackets right after) when white space, the end of the text, or a new
//! Arabic word follows; and at every line break, since news text puts
//! headlines and paragraphs on lines of their own. It does not end
//! * inside numbers and dates (`2,5` · `٢,٧` · `1.5` · `٢٠٢٢/١/٥`): no white space follows;
//! * after a one-letter abbreviation (`د.` · `J.`), unless it is the era mark
//!   after a number (`١٩٩١ م.`);
//! * inside a quotation (`"…"` `«…»` `“…”`) still open on the same line;
//! * at the comma `،` or the semicolon `؛`, which join clauses.

use crate::arabic;
use crate::Span;

/// Splits `text` into sentence spans, in order, each trimmed of surrounding
/// white space; the text between two spans is white space only.
///
/// ```
/// use isnad_text::segment::sentences;
/// let text = "قال د. محمد إن النمو بلغ 2.5 بالمئة. وأضاف: «لن نتراجع. أبداً» ثم غادر؟ نعم";
/// let parts: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
/// assert_eq!(parts, ["قال د. محمد إن النمو بلغ 2.5 بالمئة.", "وأضاف: «لن نتراجع. أبداً» ثم غادر؟", "نعم"]);
/// ```
pub fn sentences(text: &str) -> Vec<Span> {
    SentenceSegmenter::new(text).collect()
}

/// An iterator over the sentence spans of a text; see [`sentences`].
pub struct SentenceSegmenter<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> SentenceSegmenter<'t> {
    /// A segmenter over `text`.
    pub fn new(text: &'t str) -> Self {
        SentenceSegmenter { text, pos: 0 }
    }
}

#[inline]
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

#[inline]
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '}' | '›')
}

impl Iterator for SentenceSegmenter<'_> {
    type Item = Span;

    /// Scans bytes, not characters: only a few bytes can matter (line ends,
    /// quotes, terminators, and the lead bytes of «»“”؟…۔), and UTF-8
    /// continuation bytes never equal any of them.
    fn next(&mut self) -> Option<Span> {
        let text = self.text;
        let b = text.as_bytes();
        let rest = &text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
        if self.pos >= text.len() {
            return None;
        }
        let start = self.pos;
        let mut quotes = Quotes::default();
        let mut i = start;
        while i < b.len() {
            if !STOPS[b[i] as usize] {
                i += 1;
                continue;
            }
            let (terminator_len, line_end) = match b[i] {
                b'\n' | b'\r' => (0, 1),
                b'"' => {
                    quotes.ascii = !quotes.ascii;
                    (0, 0)
                }
                b'.' | b'!' | b'?' => (1, 0),
                0xC2 => {
                    match b.get(i + 1) {
                        Some(0xAB) => quotes.guillemets += 1,
                        Some(0xBB) => quotes.guillemets = quotes.guillemets.saturating_sub(1),
                        _ => {}
                    }
                    (0, 0)
                }
                // ؟ (D8 9F), found by its second byte: D8 begins half the alphabet.
                0x9F if i > start && b[i - 1] == 0xD8 => {
                    i -= 1;
                    (2, 0)
                }
                0xDB if b.get(i + 1) == Some(&0x94) => (2, 0), // ۔
                0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                    Some(0x9C) => {
                        quotes.curly += 1;
                        (0, 0)
                    }
                    Some(0x9D) => {
                        quotes.curly = quotes.curly.saturating_sub(1);
                        (0, 0)
                    }
                    Some(0xA6) => (3, 0), // …
                    Some(0xA9) => (0, 3), // paragraph separator
                    _ => (0, 0),
                },
                _ => (0, 0),
            };
            if line_end > 0 {
                self.pos = i + line_end;
                return Some(Span::new(start, trim_end(text, start, i)));
            }
            if terminator_len == 0 {
                i += 1;
                continue;
            }
            if let Some(end) = self.boundary_at(start, i, terminator_len, &mut quotes) {
                self.pos = end;
                return Some(Span::new(start, end));
            }
            i += terminator_len;
        }
        let end = trim_end(text, start, text.len());
        self.pos = text.len();
        (end > start).then(|| Span::new(start, end))
    }
}

/// The bytes the scan looks at (see `next`); every other byte is passed
/// over at once. UTF-8 continuation bytes never equal an ASCII or lead byte.
const STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let bytes = [b'\n', b'\r', b'"', b'.', b'!', b'?', 0xC2, 0x9F, 0xDB, 0xE2];
    let mut k = 0;
    while k < bytes.len() {
        stops[bytes[k] as usize] = true;
        k += 1;
    }
    stops
};

#[derive(Default)]
struct Quotes {
    ascii: bool,
    guillemets: u32,
    curly: u32,
}

impl Quotes {
    fn open(&self) -> bool {
        self.ascii || self.guillemets > 0 || self.curly > 0
    }
}

impl SentenceSegmenter<'_> {
    /// Whether the terminator at `i` (of `len` bytes) ends the sentence that
    /// began at `start`; if so, the sentence's end offset.
    fn boundary_at(
        &self,
        start: usize,
        i: usize,
        len: usize,
        quotes: &mut Quotes,
    ) -> Option<usize> {
        let text = self.text;
        let c = text[i..].chars().next()?;
        // Take the whole run of terminators and closing quotes/brackets.
        let mut end = i + len;
        for c2 in text[end..].chars() {
            if !(is_terminator(c2) || (is_closer(c2) && c2 != '\'')) {
                break;
            }
            match c2 {
                '"' => quotes.ascii = !quotes.ascii,
                '»' => quotes.guillemets = quotes.guillemets.saturating_sub(1),
                '”' => quotes.curly = quotes.curly.saturating_sub(1),
                _ => {}
            }
            end += c2.len_utf8();
        }
        let (word_start, letters_before) = word_before(text, start, i);
        let follows = match text[end..].chars().next() {
            None => true,
            Some(n) if n.is_whitespace() => true,
            // "…الوسطى.المقاطع": a full stop glued to the next Arabic word.
            Some(n) if c == '.' && arabic::is_arabic_letter(n) => letters_before >= 2,
            Some(n) if c != '.' && arabic::is_arabic_letter(n) => true,
            _ => false,
        };
        if !follows || quotes.open() {
            return None;
        }
        if c == '.'
            && end == i + 1
            && (1..=4).contains(&letters_before)
            && is_abbreviation(&text[word_start..i])
        {
            // One-letter abbreviation (د. / J.), except the era marks after a year.
            let word = &text[word_start..i];
            let after_number = text[start..word_start]
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(arabic::is_digit);
            if !((word == "م" || word == "ه") && after_number) {
                return None;
            }
        }
        Some(end)
    }
}

/// The word that ends right at `i`: its start and its number of letters
/// (diacritics and tatweel not counted). Looks back at most a few letters.
fn word_before(text: &str, floor: usize, i: usize) -> (usize, usize) {
    let mut letters = 0;
    let mut at = i;
    for (j, c) in text[floor..i].char_indices().rev() {
        if arabic::is_diacritic(c) || c == arabic::TATWEEL {
            at = floor + j;
            continue;
        }
        if arabic::is_alphabetic(c) {
            letters += 1;
            at = floor + j;
            if letters > 5 {
                break;
            }
        } else {
            break;
        }
    }
    (at, letters)
}

/// One letter (`د.` `J.`) or a common Latin title abbreviation.
fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    if chars.next().is_some() && chars.next().is_none() {
        return true;
    }
    matches!(
        word,
        "Dr" | "Mr"
            | "Mrs"
            | "Ms"
            | "Prof"
            | "St"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Jr"
            | "Sr"
            | "Inc"
            | "Co"
            | "Ltd"
            | "vs"
            | "No"
    )
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn arabic_question_mark_ends_a_sentence() {
        assert_eq!(split("ما القصة؟ لا أحد يعرف."), ["ما القصة؟", "لا أحد يعرف."]);
    }

    proptest::proptest! {
        /// Words of Arabic letters (those that share ؟'s first byte, and
        /// ٟ, which shares its second), some ending in ؟: every ؟ followed
        /// by a space ends a sentence, and nothing else does.
        #[test]
        fn every_question_mark_before_a_space_ends_a_sentence(
            words in proptest::collection::vec(("[ءاب-غٟ]{1,6}", proptest::bool::weighted(0.3)), 1..12)
        ) {
            let written: Vec<String> = words
                .iter()
                .map(|(w, asks)| if *asks { format!("{w}؟") } else { w.clone() })
                .collect();
            let text = written.join(" ");
            let mut expected = Vec::new();
            let mut current: Vec<&str> = Vec::new();
            for (k, w) in written.iter().enumerate() {
                current.push(w);
                if w.ends_with('؟') && k + 1 < written.len() {
                    expected.push(current.join(" "));
                    current.clear();
                }
            }
            expected.push(current.join(" "));
            proptest::prop_assert_eq!(split(&text), expected);
        }
    }

    #[test]
    fn comma_and_semicolon_do_not_end_sentences() {
        assert_eq!(
            split("قال الوزير، وأضاف؛ ثم غادر."),
            ["قال الوزير، وأضاف؛ ثم غادر."]
        );
    }

    #[test]
    fn numbers_and_dates_are_not_broken() {
        let t = "بلغت المساحة ٢,٧ مليون كلم و1.5 مليون برميل يوم ٢٠٢٢/١/٥ وقيمتها 2,5 مليار.";
        assert_eq!(split(t), [t]);
    }

    #[test]
    fn one_letter_abbreviation_does_not_end_a_sentence() {
        assert_eq!(
            split("وقال د. أحمد إن الوضع هادئ."),
            ["وقال د. أحمد إن الوضع هادئ."]
        );
        assert_eq!(split("Dr. J. Smith said so."), ["Dr. J. Smith said so."]);
    }

    #[test]
    fn era_mark_after_a_year_ends_a_sentence() {
        assert_eq!(
            split("استقلت عام ١٩٩١ م. ثم انضمت"),
            ["استقلت عام ١٩٩١ م.", "ثم انضمت"]
        );
    }

    #[test]
    fn quotations_stay_whole() {
        let t = "قال: \"لن نتراجع. سنبقى هنا.\" ثم صمت.";
        assert_eq!(split(t), ["قال: \"لن نتراجع. سنبقى هنا.\"", "ثم صمت."]);
        let t = "وقال «هذا خطأ. وذاك أيضاً» وغادر.";
        assert_eq!(split(t), [t]);
    }

    #[test]
    fn closing_quote_after_full_stop_belongs_to_the_sentence() {
        assert_eq!(split("«انتهى الأمر.» وسكت."), ["«انتهى الأمر.»", "وسكت."]);
    }

    #[test]
    fn line_breaks_end_headlines_and_paragraphs() {
        assert_eq!(
            split("عنوان الخبر\n\nالفقرة الأولى"),
            ["عنوان الخبر", "الفقرة الأولى"]
        );
    }

    #[test]
    fn full_stop_glued_to_next_word_ends_a_sentence() {
        assert_eq!(
            split("في آسيا الوسطى.المقاطع المصورة"),
            ["في آسيا الوسطى.", "المقاطع المصورة"]
        );
    }

    #[test]
    fn urls_are_not_split() {
        let t = "المصدر: https://www.example.com/a.html";
        assert_eq!(split(t), [t]);
    }
}
