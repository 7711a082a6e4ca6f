//! Tokenisation and proclitic segmentation.
//!
//! Tokens keep their surface form: a [`Token`] is a span of the original text.
//! Proclitics are an *analysis* of a word token ([`WordAnalysis`]), with a
//! span for every piece, so matchers can look up `رئيس` inside `للرئيس`
//! while the text and its offsets stay untouched.
//!
//! Segmentation is deliberately conservative. A proclitic is split off only
//! when what remains is a word of its own: a function word, a word with the
//! article, or a word the frequency lexicon (`data/ar_word_freq.tsv`) knows
//! better than the whole form. Words whose letters merely look like clitics
//! (`التي`, `الله`, `بلد`, `كان`, `وزير`) stay whole.

use crate::hash::FastMap as HashMap;
use std::sync::OnceLock;

use crate::arabic;
use crate::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (any script), with their diacritics and tatweel.
    Word,
    /// Digits of any script, with inner separators: `1,000` `٢,٧` `2022/1/5` `10:30`.
    Number,
    /// Punctuation.
    Punct,
    /// Anything else that is not white space (symbols, emoji).
    Symbol,
}

/// One token: a span of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    /// Where the token is, in bytes of the text it came from.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// How many bytes of text the tokeniser has read in this process: a check
/// that a pipeline tokenises each text once (tests build it with the
/// `count-tokenisation` feature; release builds do not count).
#[cfg(feature = "count-tokenisation")]
pub mod tokenised {
    use std::sync::atomic::{AtomicUsize, Ordering};

    static BYTES: AtomicUsize = AtomicUsize::new(0);

    pub(super) fn add(bytes: usize) {
        BYTES.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Bytes tokenised so far, by every thread.
    pub fn bytes() -> usize {
        BYTES.load(Ordering::Relaxed)
    }
}

/// Whether `c` of the Arabic block (U+0600 to U+06FF) belongs in a word:
/// everything but punctuation, digits and signs is a letter or mark.
const fn arabic_block_word_char(c: char) -> bool {
    !matches!(c as u32, 0x0600..=0x060F | 0x061B..=0x061F | 0x0660..=0x066D | 0x06D4 | 0x06DD | 0x06DE | 0x06E9 | 0x06F0..=0x06F9)
        || arabic::is_diacritic(c)
}

/// [`arabic_block_word_char`] of U+0600 + i, read by byte pairs in [`word_end`].
const ARABIC_BLOCK_WORD_CHARS: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = match char::from_u32(0x0600 + i as u32) {
            Some(c) => arabic_block_word_char(c),
            None => false,
        };
        i += 1;
    }
    table
};

#[inline]
fn is_word_char(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphabetic();
    }
    if (0x0600..=0x06FF).contains(&u) {
        return ARABIC_BLOCK_WORD_CHARS[(u - 0x0600) as usize];
    }
    (c.is_alphabetic() && !arabic::is_digit(c))
        || arabic::is_diacritic(c)
        || c == arabic::TATWEEL
        || c == '\u{200C}'
        || c == '\u{200D}'
}

#[inline]
fn is_number_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | '/' | ':' | '\u{066B}' | '\u{066C}')
}

/// Splits `text` into tokens; white space separates tokens and is not one.
///
/// ```
/// use isnad_text::token::{tokens, TokenKind};
/// let text = "قُتل 12 شخصاً، يوم ٢٠٢٢/١/٥.";
/// let toks: Vec<(&str, TokenKind)> = tokens(text).iter().map(|t| (t.span.slice(text), t.kind)).collect();
/// assert_eq!(toks, [
///     ("قُتل", TokenKind::Word), ("12", TokenKind::Number), ("شخصاً", TokenKind::Word),
///     ("،", TokenKind::Punct), ("يوم", TokenKind::Word), ("٢٠٢٢/١/٥", TokenKind::Number),
///     (".", TokenKind::Punct),
/// ]);
/// ```
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    tokenize_into(text, &mut out);
    out
}

/// Like [`tokens`], appending to `out`.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    for_each_token(text, |t| out.push(t));
}

/// The tokens of [`tokens`], handed to `f` one by one without collecting them.
pub fn for_each_token(text: &str, mut f: impl FnMut(Token)) {
    #[cfg(feature = "count-tokenisation")]
    tokenised::add(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        // The common cases first, read as bytes: a space, and a word that
        // starts with a letter of the Arabic block (none is a space, an
        // invisible character or a digit).
        if x == b' ' {
            i += 1;
            continue;
        }
        if (0xD8..=0xDB).contains(&x) && ARABIC_BLOCK_WORD_CHARS[arabic_block_offset(x, b[i + 1])] {
            let end = word_end(text, i + 2);
            f(Token {
                span: Span::new(i, end),
                kind: TokenKind::Word,
            });
            i = end;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let start = i;
        let mut end = i + c.len_utf8();
        if c.is_whitespace() || arabic::is_invisible_format(c) && c != '\u{200C}' && c != '\u{200D}'
        {
            i = end;
            continue;
        }
        let kind = if arabic::is_digit(c) {
            // Digits, and separators only when a digit follows them.
            loop {
                match text[end..].chars().next() {
                    Some(d) if arabic::is_digit(d) => end += d.len_utf8(),
                    Some(s) if is_number_joiner(s) => {
                        let after = end + s.len_utf8();
                        match text[after..].chars().next() {
                            Some(d) if arabic::is_digit(d) => end = after,
                            _ => break,
                        }
                    }
                    _ => break,
                }
            }
            TokenKind::Number
        } else if is_word_char(c) {
            end = word_end(text, end);
            TokenKind::Word
        } else if is_punctuation(c) {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        f(Token {
            span: Span::new(start, end),
            kind,
        });
        i = end;
    }
}

/// The place in the Arabic block (U+0600 to U+06FF) of the character
/// whose UTF-8 bytes are `lead` (D8 to DB) and `next`.
#[inline]
fn arabic_block_offset(lead: u8, next: u8) -> usize {
    ((lead as usize & 0x1F) << 6 | (next as usize & 0x3F)) - 0x0600
}

/// Where the word going on at byte `end` of `text` ends. The letters of
/// the Arabic block (two bytes, lead byte D8 to DB) and ASCII are read as
/// bytes; other characters are decoded.
#[inline]
fn word_end(text: &str, mut end: usize) -> usize {
    let b = text.as_bytes();
    while let Some(&x) = b.get(end) {
        if x < 0x80 {
            if !x.is_ascii_alphabetic() {
                break;
            }
            end += 1;
        } else if (0xD8..=0xDB).contains(&x) {
            if !ARABIC_BLOCK_WORD_CHARS[arabic_block_offset(x, b[end + 1])] {
                break;
            }
            end += 2;
        } else {
            match text[end..].chars().next() {
                Some(c) if is_word_char(c) => end += c.len_utf8(),
                _ => break,
            }
        }
    }
    end
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '،' | '؛'
                | '؟'
                | '٪'
                | '«'
                | '»'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '…'
                | '–'
                | '—'
                | '۔'
                | '٭'
                | '·'
                | '‹'
                | '›'
        )
}

/// The role of a proclitic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CliticKind {
    /// و or ف.
    Conjunction,
    /// ب, ل or ك.
    Preposition,
    /// The definite article ال (including the ل of لل, whose alef is elided).
    Article,
}

/// A proclitic split off a word, with its span in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Clitic {
    /// What it is.
    pub kind: CliticKind,
    /// Where it is written (for the article of لل, the second lam).
    pub span: Span,
    /// Its dictionary form: `و` `ف` `ب` `ل` `ك` or `ال`.
    pub form: &'static str,
}

/// The proclitic analysis of one word token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WordAnalysis {
    clitics: [Option<Clitic>; 3],
    /// The rest of the word after its proclitics (the whole word when none).
    pub stem: Span,
}

impl WordAnalysis {
    /// The proclitics, outermost first.
    pub fn clitics(&self) -> impl Iterator<Item = &Clitic> {
        self.clitics.iter().flatten()
    }

    /// Whether the word carries the definite article.
    pub fn has_article(&self) -> bool {
        self.clitics().any(|c| c.kind == CliticKind::Article)
    }

    fn push(&mut self, mut c: Clitic) {
        if self.clitics[0].is_none() {
            // Marks written before the first letter belong to the first piece.
            c.span.start = self.stem.start;
        }
        if let Some(slot) = self.clitics.iter_mut().find(|s| s.is_none()) {
            *slot = Some(c);
        }
    }
}

struct Lexicon {
    freq: HashMap<&'static str, u32>,
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(|| {
        let data: &'static str = include_str!("../data/ar_word_freq.tsv");
        let mut freq = HashMap::with_capacity_and_hasher(16_000, Default::default());
        for line in data.lines() {
            if let Some((w, c)) = line.split_once('\t') {
                freq.insert(w, c.trim().parse().unwrap_or(0));
            }
        }
        Lexicon { freq }
    })
}

impl Lexicon {
    fn freq(&self, w: &str) -> u32 {
        self.freq.get(w).copied().unwrap_or(0)
    }

    /// Frequency of `w`, or of `w` without a common suffix (pronoun, plural, feminine).
    fn freq_with_suffixes(&self, w: &str) -> u32 {
        let f = self.freq(w);
        if f > 0 {
            return f;
        }
        for suffix in SUFFIXES {
            if let Some(base) = w.strip_suffix(suffix) {
                if base.chars().count() >= 3 {
                    let f = self.freq(base);
                    if f > 0 {
                        return f;
                    }
                }
            }
        }
        0
    }
}

const SUFFIXES: &[&str] = &[
    "هما", "كما", "هم", "هن", "ها", "كم", "نا", "ات", "ين", "ون", "ان", "ية", "ه", "ة", "ي", "ك",
];

/// A word without diacritics or tatweel (hamza kept): the form the
/// frequency lists ([`lexicon_frequency`], [`general_frequency`]) hold.
///
/// ```
/// assert_eq!(isnad_text::token::light_form("الحُكُومـة"), "الحكومة");
/// ```
pub fn light_form(word: &str) -> String {
    let removed = |c: char| crate::arabic::is_diacritic(c) || c == crate::arabic::TATWEEL;
    if !word.contains(removed) {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    out.extend(word.chars().filter(|&c| !removed(c)));
    out
}

/// How often a word (diacritics and tatweel removed, hamza kept) occurs in
/// the reference lexicon (`data/ar_word_freq.tsv`); 0 when unseen.
pub fn lexicon_frequency(light_word: &str) -> u32 {
    lexicon().freq(light_word)
}

/// How common a word (light form: no diacritics or tatweel) is in general
/// Arabic text: its Zipf frequency times ten (30 = once per million words,
/// 50 = once per thousand), from `data/ar_general_freq.tsv` (wordfreq,
/// words of Zipf 2.5 and above); 0 when rarer or unknown.
pub fn general_frequency(light_word: &str) -> u8 {
    general_table().get(light_word).copied().unwrap_or(0)
}

/// Every word of the general frequency list with its Zipf frequency times ten
/// (see [`general_frequency`]).
pub fn general_words() -> impl Iterator<Item = (&'static str, u8)> {
    general_table().iter().map(|(w, z)| (*w, *z))
}

fn general_table() -> &'static HashMap<&'static str, u8> {
    static GENERAL: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    GENERAL.get_or_init(|| {
        let data: &'static str = include_str!("../data/ar_general_freq.tsv");
        let mut map = HashMap::with_capacity_and_hasher(110_000, Default::default());
        for line in data.lines() {
            if let Some((w, z)) = line.split_once('\t') {
                map.entry(w).or_insert(z.trim().parse().unwrap_or(0));
            }
        }
        map
    })
}

/// Words never split, whatever their first letters.
const PROTECTED: &[&str] = &[
    "بحسب",
    "بين",
    "بينما",
    "بعد",
    "بعض",
    "بعيد",
    "بل",
    "بلا",
    "لكن",
    "لكنه",
    "لكنها",
    "لدى",
    "لذلك",
    "لذا",
    "لقد",
    "لماذا",
    "لما",
    "لم",
    "لن",
    "لا",
    "ليس",
    "ليست",
    "لعل",
    "لأن",
    "كذلك",
    "كما",
    "كل",
    "كلا",
    "كيف",
    "كان",
    "كانت",
    "كانوا",
    "فقط",
    "فوق",
    "فيه",
    "فيها",
    "في",
    "فإن",
    "لله",
    "الله",
    "اللهم",
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
    "اللاتي",
    "اللواتي",
    "اللائي",
    "الى",
    "الا",
    "الي",
    "اليه",
    "اليها",
    "اليهم",
    "اليهما",
    "اليك",
    "اليكم",
    "الينا",
    "الان",
    "الآن",
    "الاف",
    "الفا",
    "الفين",
    "اللازم",
];

/// Words that, after و or ف, show the conjunction was one.
const FUNCTION_WORDS: &[&str] = &[
    "في",
    "من",
    "عن",
    "إلى",
    "الى",
    "على",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "هو",
    "هي",
    "هم",
    "هن",
    "أن",
    "إن",
    "ان",
    "أنه",
    "أنها",
    "إنه",
    "كان",
    "كانت",
    "لكن",
    "لقد",
    "ثم",
    "أو",
    "أي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هنا",
    "هناك",
    "كل",
    "بعد",
    "قبل",
    "مع",
    "حتى",
    "عند",
    "بين",
    "منذ",
    "أما",
    "إذا",
    "إذ",
    "كما",
    "لدى",
    "ليس",
    "بحسب",
    "حسب",
    "لذلك",
    "نحن",
    "أنا",
    "له",
    "لها",
    "لهم",
    "به",
    "بها",
    "بهم",
    "فيه",
    "فيها",
    "منه",
    "منها",
    "عليه",
    "عليها",
    "إلا",
];

/// Segments the proclitics of the word at `span` in `text`.
///
/// ```
/// use isnad_text::token::analyze_word;
/// use isnad_text::Span;
/// let forms = |w: &str| {
///     let a = analyze_word(w, Span::new(0, w.len()));
///     let mut v: Vec<String> = a.clitics().map(|c| c.form.to_string()).collect();
///     v.push(a.stem.slice(w).to_string());
///     v
/// };
/// assert_eq!(forms("وبحسب"), ["و", "بحسب"]);
/// assert_eq!(forms("للرئيس"), ["ل", "ال", "رئيس"]);
/// assert_eq!(forms("والحكومة"), ["و", "ال", "حكومة"]);
/// assert_eq!(forms("التي"), ["التي"]);
/// assert_eq!(forms("بلد"), ["بلد"]);
/// ```
pub fn analyze_word(text: &str, span: Span) -> WordAnalysis {
    let mut analysis = WordAnalysis {
        clitics: [None; 3],
        stem: span,
    };
    let word = Letters::of(text, span);
    if !word.can_have_clitics() {
        return analysis;
    }
    let lex = lexicon();
    let pos = conjunction(&word, lex, 0, &mut analysis);
    let pos = match preposition(&word, lex, pos, &mut analysis) {
        AfterPreposition::ArticleMayFollow(pos) => article(&word, pos, &mut analysis),
        AfterPreposition::ArticleTaken(pos) => pos,
    };
    if pos > 0 {
        analysis.stem = Span::new(word.at[pos].1 as usize, span.end);
    }
    analysis
}

/// The letters of a word that [`analyze_word`] segments.
struct Letters {
    /// Letters with their byte offsets in the text, diacritics and tatweel
    /// skipped; the first `n` are the word's (at most 48).
    at: [(char, u32); 48],
    /// How many letters the word has.
    n: usize,
    /// The letters as a string (the word without diacritics and tatweel).
    light: String,
}

impl Letters {
    /// The letters of the word at `span` in `text`.
    #[inline(always)]
    fn of(text: &str, span: Span) -> Letters {
        let word = span.slice(text);
        let mut letters: [(char, u32); 48] = [('\0', 0); 48];
        let mut n = 0;
        let mut light = String::with_capacity(word.len());
        for (i, c) in word.char_indices() {
            if arabic::is_diacritic(c) || c == arabic::TATWEEL {
                continue;
            }
            if n == letters.len() {
                break;
            }
            letters[n] = (c, (span.start + i) as u32);
            light.push(c);
            n += 1;
        }
        Letters {
            at: letters,
            n,
            light,
        }
    }

    /// Whether the word may carry clitics: at least three letters, all
    /// Arabic.
    #[inline(always)]
    fn can_have_clitics(&self) -> bool {
        self.n >= 3
            && self.at[..self.n]
                .iter()
                .all(|&(c, _)| arabic::is_arabic_letter(c))
    }

    /// The light word from letter `k` on.
    #[inline(always)]
    fn rest(&self, k: usize) -> &str {
        let at = self
            .light
            .char_indices()
            .nth(k)
            .map_or(self.light.len(), |(b, _)| b);
        &self.light[at..]
    }
}

/// Whether a light word is never segmented.
#[inline(always)]
fn is_protected(w: &str) -> bool {
    PROTECTED.contains(&w)
}

/// Step 1: the conjunction و / ف at letter `pos`, split off when what
/// follows is a function word, starts with an article, or the lexicon finds
/// it about as often as the whole word. Returns the letter after it.
#[inline(always)]
fn conjunction(word: &Letters, lex: &Lexicon, pos: usize, analysis: &mut WordAnalysis) -> usize {
    let (letters, n) = (&word.at, word.n);
    if !(n - pos >= 3 && matches!(letters[pos].0, 'و' | 'ف') && !is_protected(word.rest(pos))) {
        return pos;
    }
    let whole = word.rest(pos);
    let cand = word.rest(pos + 1);
    let cand_letters = n - pos - 1;
    let clear = FUNCTION_WORDS.contains(&cand)
        || (cand_letters >= 5 && (cand.starts_with("ال") || cand.starts_with("لل")))
        || (cand_letters >= 6 && (cand.starts_with("بال") || cand.starts_with("كال")));
    let split = if clear {
        true
    } else if cand_letters >= 2 {
        let fw = lex.freq_with_suffixes(whole);
        let fc = lex.freq_with_suffixes(cand);
        if fw == 0 {
            fc > 0 || cand_letters >= 4
        } else {
            fc > 0 && fc * 3 >= fw
        }
    } else {
        false
    };
    if !split {
        return pos;
    }
    analysis.push(clitic(
        CliticKind::Conjunction,
        letters,
        pos,
        1,
        letter_form(letters[pos].0),
    ));
    pos + 1
}

/// Where [`preposition`] leaves the segmentation.
enum AfterPreposition {
    /// At this letter, where an article may follow.
    ArticleMayFollow(usize),
    /// At this letter, past لل (ل + article): the stem starts here.
    ArticleTaken(usize),
}

/// Step 2: the preposition ب / ك / ل at letter `pos`, and لل (ل + article),
/// split off when what follows starts with an article or the lexicon finds
/// it at least twice as often as the whole word.
#[inline(always)]
fn preposition(
    word: &Letters,
    lex: &Lexicon,
    pos: usize,
    analysis: &mut WordAnalysis,
) -> AfterPreposition {
    let (letters, n) = (&word.at, word.n);
    if !(n - pos >= 4 && matches!(letters[pos].0, 'ب' | 'ك' | 'ل') && !is_protected(word.rest(pos)))
    {
        return AfterPreposition::ArticleMayFollow(pos);
    }
    let whole = word.rest(pos);
    let cand = word.rest(pos + 1);
    if letters[pos].0 == 'ل' && letters[pos + 1].0 == 'ل' && !is_protected(cand) {
        analysis.push(clitic(CliticKind::Preposition, letters, pos, 1, "ل"));
        analysis.push(clitic(CliticKind::Article, letters, pos + 1, 1, "ال"));
        return AfterPreposition::ArticleTaken(pos + 2);
    }
    let cand_letters = n - pos - 1;
    // After the article at least three letters must remain ("بالقدس", not "كالات").
    let split = if cand.starts_with("ال") && cand_letters >= 5 && !is_protected(cand) {
        true
    } else if cand_letters >= 3 {
        let fw = lex.freq_with_suffixes(whole);
        let fc = lex.freq_with_suffixes(cand);
        fc > 0 && fc >= 2 * fw.max(1)
    } else {
        false
    };
    if !split {
        return AfterPreposition::ArticleMayFollow(pos);
    }
    analysis.push(clitic(
        CliticKind::Preposition,
        letters,
        pos,
        1,
        letter_form(letters[pos].0),
    ));
    AfterPreposition::ArticleMayFollow(pos + 1)
}

/// Step 3: the article ال at letter `pos`, when at least two letters follow
/// and the word is not protected. Returns the letter after it.
#[inline(always)]
fn article(word: &Letters, pos: usize, analysis: &mut WordAnalysis) -> usize {
    let letters = &word.at;
    if word.n - pos >= 4
        && letters[pos].0 == 'ا'
        && letters[pos + 1].0 == 'ل'
        && !is_protected(word.rest(pos))
    {
        analysis.push(clitic(CliticKind::Article, letters, pos, 2, "ال"));
        return pos + 2;
    }
    pos
}

fn letter_form(c: char) -> &'static str {
    match c {
        'و' => "و",
        'ف' => "ف",
        'ب' => "ب",
        'ك' => "ك",
        _ => "ل",
    }
}

fn clitic(
    kind: CliticKind,
    letters: &[(char, u32)],
    at: usize,
    len: usize,
    form: &'static str,
) -> Clitic {
    let start = letters[at].1 as usize;
    let end = letters[at + len].1 as usize;
    Clitic {
        kind,
        span: Span::new(start, end),
        form,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokeniser as first written, character by character: the
    /// reference the byte-reading one is checked against.
    fn reference_tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace()
                || arabic::is_invisible_format(c) && c != '\u{200C}' && c != '\u{200D}'
            {
                continue;
            }
            let mut end = i + c.len_utf8();
            let kind = if arabic::is_digit(c) {
                while let Some(&(j, d)) = chars.peek() {
                    let after = j + d.len_utf8();
                    let joins = is_number_joiner(d)
                        && text[after..].chars().next().is_some_and(arabic::is_digit);
                    if !(arabic::is_digit(d) || joins) {
                        break;
                    }
                    chars.next();
                    end = after;
                }
                TokenKind::Number
            } else if is_word_char(c) {
                while let Some(&(j, d)) = chars.peek().filter(|(_, d)| is_word_char(*d)) {
                    chars.next();
                    end = j + d.len_utf8();
                }
                TokenKind::Word
            } else if is_punctuation(c) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            out.push(Token {
                span: Span::new(i, end),
                kind,
            });
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_those_of_the_character_by_character_reference(
            text in "[ءاأب-غـف-يًٌٍَُِّْٰ؟،؛٠-٩۰-۹۔ۀ-ۿ٫٬0-9a-zA-Z .,:/\\n\u{200c}\u{200d}\u{200b}«»ٮ-ٯ\u{0600}-\u{06ff}é中]{0,40}"
        ) {
            proptest::prop_assert_eq!(tokens(&text), reference_tokens(&text));
        }
    }

    #[test]
    fn the_arabic_block_table_says_what_the_character_test_says() {
        for (i, &word) in ARABIC_BLOCK_WORD_CHARS.iter().enumerate() {
            let c = char::from_u32(0x0600 + i as u32).unwrap();
            assert_eq!(word, arabic_block_word_char(c), "{c:?}");
            assert_eq!(word, is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn general_frequency_ranks_function_words_over_rare_words() {
        assert!(general_frequency("في") >= 70);
        assert!(general_frequency("الحكومة") >= 40);
        assert!(general_frequency("الحكومة") < general_frequency("في"));
        assert_eq!(general_frequency("ززززز"), 0);
        assert!(general_words().count() > 100_000);
    }

    fn forms(w: &str) -> Vec<String> {
        let a = analyze_word(w, Span::new(0, w.len()));
        let mut v: Vec<String> = a.clitics().map(|c| c.form.to_string()).collect();
        v.push(a.stem.slice(w).to_string());
        v
    }

    #[test]
    fn issue_examples() {
        assert_eq!(forms("وبحسب"), ["و", "بحسب"]);
        assert_eq!(forms("للرئيس"), ["ل", "ال", "رئيس"]);
        for whole in ["التي", "الله", "بلد", "كان"] {
            assert_eq!(forms(whole), [whole], "{whole} must stay whole");
        }
    }

    #[test]
    fn words_starting_with_clitic_letters_stay_whole() {
        for whole in [
            "وزير",
            "وزارة",
            "بيان",
            "لبنان",
            "كتاب",
            "فرنسا",
            "بوتين",
            "أوزبكستان",
            "الى",
            "الذين",
            "فقط",
            "واحد",
        ] {
            assert_eq!(forms(whole), [whole], "{whole} must stay whole");
        }
    }

    #[test]
    fn common_proclitic_chains() {
        assert_eq!(forms("وقال"), ["و", "قال"]);
        assert_eq!(forms("وفي"), ["و", "في"]);
        assert_eq!(forms("بالمدينة"), ["ب", "ال", "مدينة"]);
        assert_eq!(forms("وبالتالي"), ["و", "ب", "ال", "تالي"]);
        assert_eq!(forms("فالمتظاهرون"), ["ف", "ال", "متظاهرون"]);
        assert_eq!(forms("لروسيا"), ["ل", "روسيا"]);
        assert_eq!(forms("وأوزبكستان"), ["و", "أوزبكستان"]);
        assert_eq!(forms("والله"), ["و", "الله"]);
        assert_eq!(forms("وكالات"), ["وكالات"]);
        assert_eq!(forms("بالقدس"), ["ب", "ال", "قدس"]);
    }

    #[test]
    fn diacritics_stay_with_their_letters() {
        let w = "وَالرَّئِيسُ";
        let a = analyze_word(w, Span::new(0, w.len()));
        let pieces: Vec<&str> = a.clitics().map(|c| c.span.slice(w)).collect();
        assert_eq!(pieces, ["وَ", "ال"]);
        assert_eq!(a.stem.slice(w), "رَّئِيسُ");
    }

    #[test]
    fn analysis_offsets_are_relative_to_the_whole_text() {
        let text = "قال للصحفيين";
        let toks = tokens(text);
        let a = analyze_word(text, toks[1].span);
        let spans: Vec<&str> = a.clitics().map(|c| c.span.slice(text)).collect();
        assert_eq!(spans, ["ل", "ل"]);
        assert_eq!(a.stem.slice(text), "صحفيين");
    }

    #[test]
    fn numbers_keep_inner_separators_only_between_digits() {
        let text = "1,000 و١٬٠٠٠ و2.5، 10:30. 2022/";
        let got: Vec<&str> = tokens(text).iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(
            got,
            [
                "1,000",
                "و",
                "١٬٠٠٠",
                "و",
                "2.5",
                "،",
                "10:30",
                ".",
                "2022",
                "/"
            ]
        );
    }
}
