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
    let mut out = Vec::new();
    let mut seg = SentenceSegmenter::new(text);
    while let Some(s) = seg.next() {
        out.push(s);
    }
    out
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

    fn next(&mut self) -> Option<Span> {
        let text = self.text;
        // Skip leading white space.
        let rest = &text[self.pos..];
        let skipped = rest.len() - rest.trim_start().len();
        self.pos += skipped;
        if self.pos >= text.len() {
            return None;
        }
        let start = self.pos;
        // Quote state on the current line: ASCII '"' toggles, «/» and “/” nest.
        let mut in_ascii_quote = false;
        let mut guillemets: u32 = 0;
        let mut curly: u32 = 0;
        // Previous word: its length in letters and its first letter, for abbreviations.
        let mut word_len = 0usize;
        let mut word_last_start = 0usize;
        let mut prev_word_was_number = false;
        let mut last_number_end = 0usize;
        let mut iter = text[start..].char_indices().peekable();
        while let Some((rel, c)) = iter.next() {
            let i = start + rel;
            if c == '\n' || c == '\r' || c == '\u{2029}' {
                let end = trim_end(text, start, i);
                self.pos = i + c.len_utf8();
                return Some(Span::new(start, end));
            }
            match c {
                '"' => in_ascii_quote = !in_ascii_quote,
                '«' => guillemets += 1,
                '»' => guillemets = guillemets.saturating_sub(1),
                '“' => curly += 1,
                '”' => curly = curly.saturating_sub(1),
                _ => {}
            }
            if c.is_alphabetic() || arabic::is_diacritic(c) || c == arabic::TATWEEL {
                if word_len == 0 {
                    word_last_start = i;
                    prev_word_was_number = last_number_end != 0 && {
                        // a number and at most white space before this word
                        text[last_number_end..i].trim().is_empty()
                    };
                }
                if !arabic::is_diacritic(c) && c != arabic::TATWEEL {
                    word_len += 1;
                }
                continue;
            }
            let letters_before = word_len;
            let word_start = word_last_start;
            if arabic::is_digit(c) {
                last_number_end = i + c.len_utf8();
            }
            word_len = 0;
            if !is_terminator(c) {
                continue;
            }
            // Take the whole run of terminators and closers.
            let mut end = i + c.len_utf8();
            while let Some(&(r2, c2)) = iter.peek() {
                if is_terminator(c2) || (is_closer(c2) && c2 != '\'') {
                    match c2 {
                        '"' => in_ascii_quote = !in_ascii_quote,
                        '»' => guillemets = guillemets.saturating_sub(1),
                        '”' => curly = curly.saturating_sub(1),
                        _ => {}
                    }
                    end = start + r2 + c2.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let next = text[end..].chars().next();
            let boundary_follows = match next {
                None => true,
                Some(n) if n.is_whitespace() => true,
                // "…الوسطى.المقاطع": a full stop glued to the next Arabic word.
                Some(n) if c == '.' && arabic::is_arabic_letter(n) => {
                    letters_before >= 2 && word_start < i
                }
                Some(n) if c != '.' && arabic::is_arabic_letter(n) => true,
                _ => false,
            };
            if !boundary_follows {
                continue;
            }
            if in_ascii_quote || guillemets > 0 || curly > 0 {
                continue;
            }
            if c == '.'
                && end == i + 1
                && letters_before >= 1
                && letters_before <= 4
                && is_abbreviation(&text[word_start..i])
            {
                // One-letter abbreviation (د. / J.), except the era marks after a year.
                let word = &text[word_start..i];
                let era = (word == "م" || word == "ه") && prev_word_was_number;
                if !era {
                    continue;
                }
            }
            self.pos = end;
            return Some(Span::new(start, end));
        }
        let end = trim_end(text, start, text.len());
        self.pos = text.len();
        if end > start {
            Some(Span::new(start, end))
        } else {
            None
        }
    }
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
