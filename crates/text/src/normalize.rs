//! Normalisation for matching, with an offset map back to the original text.
//!
//! Two layers are kept apart (as charabia keeps `NORMALIZERS` apart from
//! `LOSSY_NORMALIZERS`):
//!
//! * **canonical** steps only remove what carries no meaning for a reader:
//!   tatweel, invisible format characters, and presentation-form glyphs
//!   replaced by the letters they draw;
//! * **key** steps are lossy folds used for matching and indexing only:
//!   diacritics dropped, alef forms folded, digits to ASCII, Persian letters
//!   to Arabic ones, Latin lower-cased, white space unified, and optionally
//!   ى→ي and ة→ه.
//!
//! A folded form is a *key*: it is never what isnad displays. Every
//! [`Normalized`] text keeps, for each of its bytes, the byte offset in the
//! original where the character that produced it starts, so a span found in
//! the folded text maps back to an exact span of the original.

use crate::arabic::{self, ALEF, ALEF_MAKSURA, HEH, TATWEEL, TEH_MARBUTA, YEH};
use crate::Span;

/// Which folds to apply. Build one with [`NormalizeOptions::canonical`] or
/// [`NormalizeOptions::matching`] and adjust the fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NormalizeOptions {
    /// Lossless: drop tatweel, invisible format characters (zero-width,
    /// bidi controls, BOM), and decompose presentation forms.
    pub canonical: bool,
    /// Lossy: drop harakat and Quranic marks.
    pub strip_diacritics: bool,
    /// Lossy: أ إ آ ٱ → ا.
    pub fold_alef: bool,
    /// Lossy: Arabic-Indic and Persian digits → ASCII; ٫ → `.`, ٬ → `,`.
    pub ascii_digits: bool,
    /// Lossy: Persian/Urdu letters that stand for Arabic ones (ی ک ە) → ي ك ه.
    pub fold_persian: bool,
    /// Lossy: ASCII upper case → lower case, every white space → one space.
    pub fold_latin_and_space: bool,
    /// Lossy, off by default: ى → ي.
    pub fold_yeh: bool,
    /// Lossy, off by default: ة → ه.
    pub fold_teh_marbuta: bool,
}

impl NormalizeOptions {
    /// Only the lossless steps.
    pub const fn canonical() -> NormalizeOptions {
        NormalizeOptions {
            canonical: true,
            strip_diacritics: false,
            fold_alef: false,
            ascii_digits: false,
            fold_persian: false,
            fold_latin_and_space: false,
            fold_yeh: false,
            fold_teh_marbuta: false,
        }
    }

    /// Every step used for matching keys, without the ى/ي and ة/ه folds.
    pub const fn matching() -> NormalizeOptions {
        NormalizeOptions {
            canonical: true,
            strip_diacritics: true,
            fold_alef: true,
            ascii_digits: true,
            fold_persian: true,
            fold_latin_and_space: true,
            fold_yeh: false,
            fold_teh_marbuta: false,
        }
    }

    /// [`matching`](Self::matching) plus the ى→ي and ة→ه folds: the loosest key.
    pub const fn loose() -> NormalizeOptions {
        let mut o = NormalizeOptions::matching();
        o.fold_yeh = true;
        o.fold_teh_marbuta = true;
        o
    }
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions::matching()
    }
}

/// What one original character becomes.
enum Fold {
    Drop,
    Keep,
    Char(char),
    Decompose,
}

/// The letters of the Arabic alphabet that every option keeps as they are
/// (all but the alef forms, teh marbuta and alef maksura): most characters
/// of a news text, answered before the option-by-option checks.
#[inline]
fn is_kept_by_every_option(c: char) -> bool {
    matches!(c, '\u{0621}' | '\u{0624}' | '\u{0626}'..='\u{0628}' | '\u{062A}'..='\u{063A}' | '\u{0641}'..='\u{0648}' | '\u{064A}')
}

#[inline]
fn fold_char(c: char, o: &NormalizeOptions) -> Fold {
    if is_kept_by_every_option(c) {
        return Fold::Keep;
    }
    fold_char_by_options(c, o)
}

fn fold_char_by_options(c: char, o: &NormalizeOptions) -> Fold {
    if o.canonical {
        if c == TATWEEL || arabic::is_invisible_format(c) {
            return Fold::Drop;
        }
        if arabic::is_presentation_form(c) {
            return Fold::Decompose;
        }
    }
    if o.strip_diacritics && arabic::is_diacritic(c) {
        return Fold::Drop;
    }
    if o.fold_alef && arabic::is_alef_variant(c) {
        return Fold::Char(ALEF);
    }
    if o.ascii_digits {
        if let Some(d) = arabic::digit_value(c) {
            if !c.is_ascii_digit() {
                return Fold::Char(char::from_digit(d, 10).unwrap_or('0'));
            }
        }
        match c {
            '\u{066B}' => return Fold::Char('.'),
            '\u{066C}' => return Fold::Char(','),
            _ => {}
        }
    }
    if o.fold_persian {
        match c {
            '\u{06CC}' | '\u{06D0}' => return Fold::Char(YEH),
            '\u{06A9}' | '\u{06AA}' => return Fold::Char('\u{0643}'),
            '\u{06D5}' => return Fold::Char(HEH),
            _ => {}
        }
    }
    if o.fold_yeh && c == ALEF_MAKSURA {
        return Fold::Char(YEH);
    }
    if o.fold_teh_marbuta && c == TEH_MARBUTA {
        return Fold::Char(HEH);
    }
    if o.fold_latin_and_space && c.is_whitespace() && c != ' ' {
        return Fold::Char(' ');
    }
    Fold::Keep
}

/// A normalised copy of a text with the way back to the original.
///
/// `offsets[i]` is the byte offset in the original of the character that
/// produced byte `i` of the normalised text; one more entry at the end holds
/// the original length. The map is monotone (never decreasing).
#[derive(Clone, Debug)]
pub struct Normalized<'a> {
    original: &'a str,
    text: String,
    offsets: Vec<u32>,
}

impl<'a> Normalized<'a> {
    /// The normalised text (a matching key: never display it).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text this was made from.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// For each normalised byte, the original byte offset its character came
    /// from; the last entry is the original length.
    pub fn offsets(&self) -> &[u32] {
        &self.offsets
    }

    /// The original byte offset where normalised byte `i` came from.
    pub fn original_offset(&self, i: usize) -> usize {
        self.offsets[i] as usize
    }

    /// Maps a span of the normalised text to the span of the original that
    /// produced it. The result always lies on character boundaries of the
    /// original; characters dropped inside or right after the span (such as a
    /// word's final diacritic) are included.
    pub fn to_original(&self, span: Span) -> Span {
        assert!(
            span.end <= self.text.len(),
            "span {span} beyond normalised text"
        );
        let start = self.offsets[span.start] as usize;
        if span.is_empty() {
            return Span::new(start, start);
        }
        let mut end = self.offsets[span.end] as usize;
        // The last normalised byte's source character must be wholly inside.
        let last_src = self.offsets[span.end - 1] as usize;
        let last_end = last_src + char_len_at(self.original, last_src);
        if last_end > end {
            end = last_end;
        }
        Span::new(start, end)
    }
}

#[inline]
fn char_len_at(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(0, char::len_utf8)
}

/// Normalises `input` with `options`, keeping the offset map.
///
/// ```
/// use isnad_text::normalize::{normalize, NormalizeOptions};
/// use isnad_text::Span;
/// let original = "أعلنَ الرئيسُ ٢٠٢٢";
/// let n = normalize(original, NormalizeOptions::matching());
/// assert_eq!(n.as_str(), "اعلن الرئيس 2022");
/// let found = n.as_str().find("الرئيس").unwrap();
/// let back = n.to_original(Span::new(found, found + "الرئيس".len()));
/// assert_eq!(back.slice(original), "الرئيسُ");
/// ```
pub fn normalize(input: &str, options: NormalizeOptions) -> Normalized<'_> {
    assert!(input.len() < u32::MAX as usize, "text larger than 4 GiB");
    let mut text = String::with_capacity(input.len());
    let mut offsets: Vec<u32> = Vec::with_capacity(input.len() + 1);
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // ASCII fast path.
            let out = if options.fold_latin_and_space {
                if b.is_ascii_uppercase() {
                    b.to_ascii_lowercase()
                } else if matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
                    b' '
                } else {
                    b
                }
            } else {
                b
            };
            text.push(out as char);
            offsets.push(i as u32);
            i += 1;
            continue;
        }
        // Common Arabic letters fold to themselves: copy their two bytes.
        if b == 0xD8 || b == 0xD9 {
            let c1 = bytes[i + 1];
            let u = (((b & 0x1F) as u32) << 6) | (c1 & 0x3F) as u32;
            let plain = matches!(u, 0x0626..=0x063A | 0x0641..=0x064A | 0x0621 | 0x0624)
                && u != 0x0629
                && !(options.fold_yeh && u == 0x0649);
            if plain {
                text.push_str(&input[i..i + 2]);
                offsets.push(i as u32);
                offsets.push(i as u32);
                i += 2;
                continue;
            }
        }
        let c = input[i..].chars().next().expect("char boundary");
        let len = c.len_utf8();
        match fold_char(c, &options) {
            Fold::Drop => {}
            Fold::Keep => push_char(&mut text, &mut offsets, c, i),
            Fold::Char(r) => push_char(&mut text, &mut offsets, r, i),
            Fold::Decompose => {
                let mut any = false;
                unicode_normalization::char::decompose_compatible(c, |d| {
                    any = true;
                    // Decomposed letters go through the other folds too.
                    match fold_char(d, &options) {
                        Fold::Drop | Fold::Decompose => {}
                        Fold::Keep => push_char(&mut text, &mut offsets, d, i),
                        Fold::Char(r) => push_char(&mut text, &mut offsets, r, i),
                    }
                });
                if !any {
                    push_char(&mut text, &mut offsets, c, i);
                }
            }
        }
        i += len;
    }
    offsets.push(input.len() as u32);
    Normalized {
        original: input,
        text,
        offsets,
    }
}

#[inline]
fn push_char(text: &mut String, offsets: &mut Vec<u32>, c: char, at: usize) {
    let before = text.len();
    text.push(c);
    for _ in before..text.len() {
        offsets.push(at as u32);
    }
}

/// The folded key of `s` without an offset map, for lexicon and gazetteer keys.
pub fn fold_key(s: &str, options: NormalizeOptions) -> String {
    let mut out = String::with_capacity(s.len());
    fold_key_into(s, options, &mut out);
    out
}

/// Like [`fold_key`], writing into a reused buffer (cleared first).
pub fn fold_key_into(s: &str, options: NormalizeOptions, out: &mut String) {
    out.clear();
    fold_key_pieces(s, options, |piece| out.push_str(piece));
}

/// The characters of [`fold_key`]`(s, options)`, one by one, without
/// building the string.
pub fn fold_key_chars(s: &str, options: NormalizeOptions, mut emit: impl FnMut(char)) {
    for c in s.chars() {
        fold_key_char(c, &options, &mut emit);
    }
}

/// The text of [`fold_key`]`(s, options)` in pieces, in order: runs of `s`
/// that every step leaves as they are (most of a text: spaces, plain
/// letters), handed out as slices of `s` without looking at their
/// characters one by one, and what each other character folds to.
pub fn fold_key_pieces(s: &str, options: NormalizeOptions, mut emit: impl FnMut(&str)) {
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let unchanged = if x < 0x80 {
            !options.fold_latin_and_space
                || x == b' '
                || !(x.is_ascii_whitespace() || x.is_ascii_uppercase())
        } else if x == 0xD8 || x == 0xD9 {
            // A letter of U+0600 to U+067F.
            let c = ((x as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F);
            char::from_u32(c).is_some_and(is_kept_by_every_option)
        } else {
            false
        };
        if unchanged {
            i += if x < 0x80 { 1 } else { 2 };
            continue;
        }
        if run < i {
            emit(&s[run..i]);
        }
        let c = s[i..].chars().next().expect("a character starts here");
        let mut buf = [0u8; 4];
        fold_key_char(c, &options, &mut |r: char| emit(r.encode_utf8(&mut buf)));
        i += c.len_utf8();
        run = i;
    }
    if run < b.len() {
        emit(&s[run..]);
    }
}

/// Hands what `c` folds to ([`fold_key`]) to `emit`: nothing, itself, or
/// one or more other characters.
#[inline]
fn fold_key_char(c: char, options: &NormalizeOptions, emit: &mut impl FnMut(char)) {
    if c.is_ascii() {
        let c = if options.fold_latin_and_space {
            if c.is_ascii_whitespace() {
                ' '
            } else {
                c.to_ascii_lowercase()
            }
        } else {
            c
        };
        emit(c);
        return;
    }
    match fold_char(c, options) {
        Fold::Drop => {}
        Fold::Keep => emit(c),
        Fold::Char(r) => emit(r),
        Fold::Decompose => {
            unicode_normalization::char::decompose_compatible(c, |d| match fold_char(d, options) {
                Fold::Drop | Fold::Decompose => {}
                Fold::Keep => emit(d),
                Fold::Char(r) => emit(r),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Pieces read as bytes fold exactly as character by character.
        #[test]
        fn folding_in_pieces_is_folding_each_character(
            text in "[ءآأؤإئا-غـف-يًٌٍَُِّْٰٱ٠-٩۰-۹یکۀ-ۿ٫٬ﻻﺍ0-9a-zA-Z .,\t\n\u{200b}\u{200c}\u{feff}é]{0,40}",
            preset in 0usize..3,
        ) {
            let every = NormalizeOptions {
                fold_yeh: true,
                fold_teh_marbuta: true,
                ..NormalizeOptions::matching()
            };
            let options = [NormalizeOptions::canonical(), NormalizeOptions::matching(), every][preset];
            let mut by_chars = String::new();
            fold_key_chars(&text, options, |c| by_chars.push(c));
            proptest::prop_assert_eq!(fold_key(&text, options), by_chars);
        }
    }

    #[test]
    fn letters_kept_by_every_option_are_kept_by_each_option() {
        for c in ('\u{0600}'..='\u{06FF}').filter(|&c| is_kept_by_every_option(c)) {
            for bits in 0u32..256 {
                let on = |k: u32| bits & (1 << k) != 0;
                let o = NormalizeOptions {
                    canonical: on(0),
                    strip_diacritics: on(1),
                    fold_alef: on(2),
                    ascii_digits: on(3),
                    fold_persian: on(4),
                    fold_latin_and_space: on(5),
                    fold_yeh: on(6),
                    fold_teh_marbuta: on(7),
                };
                assert!(matches!(fold_char_by_options(c, &o), Fold::Keep), "{c:?}");
            }
        }
    }

    fn key(s: &str) -> String {
        normalize(s, NormalizeOptions::matching())
            .as_str()
            .to_string()
    }

    #[test]
    fn drops_diacritics_and_tatweel() {
        assert_eq!(key("مُحَمَّـــد"), "محمد");
    }

    #[test]
    fn folds_alef_forms() {
        assert_eq!(key("أإآٱا"), "ااااا");
    }

    #[test]
    fn yeh_and_teh_marbuta_are_folded_only_on_request() {
        assert_eq!(key("مستشفى المدينة"), "مستشفى المدينة");
        let loose = normalize("مستشفى المدينة", NormalizeOptions::loose());
        assert_eq!(loose.as_str(), "مستشفي المدينه");
    }

    #[test]
    fn digits_of_every_script_become_ascii() {
        assert_eq!(
            key("٢٠٢٢/١/٥ و۱۴۰۰ و٢٫٥ و١٬٠٠٠"),
            "2022/1/5 و1400 و2.5 و1,000"
        );
    }

    #[test]
    fn invisible_controls_are_removed() {
        assert_eq!(key("أوزبك\u{200F}ستان\u{200B}\u{202B}"), "اوزبكستان");
    }

    #[test]
    fn presentation_forms_become_letters() {
        // ﻻ (lam-alef ligature) and ﺑ (initial beh)
        assert_eq!(key("\u{FEFB}\u{FE91}"), "لاب");
    }

    #[test]
    fn persian_letters_fold_to_arabic() {
        assert_eq!(key("کی"), "كي");
    }

    #[test]
    fn canonical_keeps_diacritics_and_hamza() {
        let n = normalize("أَعـلن", NormalizeOptions::canonical());
        assert_eq!(n.as_str(), "أَعلن");
    }

    #[test]
    fn span_maps_back_over_expansion() {
        let original = "ب\u{FEFB}د";
        let n = normalize(original, NormalizeOptions::matching());
        assert_eq!(n.as_str(), "بلاد");
        // "ل" alone is half of the ligature: maps to the whole ligature.
        let l = n.as_str().find('ل').unwrap();
        let back = n.to_original(Span::new(l, l + 2));
        assert_eq!(back.slice(original), "\u{FEFB}");
    }

    #[test]
    fn fold_key_agrees_with_normalize() {
        for s in ["أَعْلَنَ", "١٢ ABC\tx", "\u{FEFB}ة", "ﷲ"] {
            assert_eq!(fold_key(s, NormalizeOptions::matching()), key(s));
        }
    }
}
