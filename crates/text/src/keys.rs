//! Matching keys: the loose [`key`] of a text, and the keys of one word
//! token ([`WordKeys`]) that every later stage (tagger, mention finder,
//! fact reader) matches on, computed once per distinct word by a
//! [`Vocabulary`](crate::Vocabulary) as a [`Doc`](crate::Doc) is made.

use std::sync::Arc;

use crate::normalize::{fold_key_into, NormalizeOptions};
use crate::token::{analyze_word, CliticKind};
use crate::Span;

/// The loose matching key of a text: letters folded as
/// [`NormalizeOptions::loose`] says, runs of white space made one space.
///
/// ```
/// assert_eq!(isnad_text::keys::key("  الأُمَم   المتحدة "), "الامم المتحده");
/// ```
pub fn key(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    fold_key_into(s, NormalizeOptions::loose(), &mut folded);
    if !may_hold_white_space(&folded) || !folded.contains(char::is_whitespace) {
        return folded;
    }
    let mut out = String::with_capacity(folded.len());
    for w in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether `s` has a byte that white space starts with in UTF-8: ASCII
/// white space, or the lead byte of U+0085/U+00A0, U+1680, U+2000–U+205F,
/// U+3000 (Arabic letters never have one).
fn may_hold_white_space(s: &str) -> bool {
    s.bytes()
        .any(|b| matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3))
}

/// Proclitic bit of [`WordKeys::clitics`]: the conjunction و/ف.
pub const CONJUNCTION: u8 = 1;
/// Proclitic bit of [`WordKeys::clitics`]: a preposition ب/ل/ك.
pub const PREPOSITION: u8 = 2;
/// Proclitic bit of [`WordKeys::clitics`]: the article ال.
pub const ARTICLE: u8 = 4;

/// The keys of one word token (a function of its text alone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordKeys {
    /// Loose key of the whole token.
    pub norm: Arc<str>,
    /// Loose key of the token without its proclitics and article.
    pub stem: Arc<str>,
    /// Loose key without conjunction and preposition, article kept: `ال` + `stem`
    /// when the word has the article (also the ل of لل), else `stem`.
    pub base: Arc<str>,
    /// Where the stem starts, in bytes from the start of the word.
    pub stem_offset: usize,
    /// Where the name part starts, in bytes from the start of the word: after
    /// و/ف/ب/ل/ك, at the article when it is written in full.
    pub name_offset: usize,
    /// Which proclitics the word carries ([`CONJUNCTION`], [`PREPOSITION`], [`ARTICLE`]).
    pub clitics: u8,
}

impl WordKeys {
    /// Computes the keys of `word` (no cache).
    pub fn of(word: &str) -> WordKeys {
        let a = analyze_word(word, Span::new(0, word.len()));
        let mut clitics = 0u8;
        let mut name_offset = a.stem.start;
        for c in a.clitics() {
            clitics |= match c.kind {
                CliticKind::Conjunction => CONJUNCTION,
                CliticKind::Preposition => PREPOSITION,
                CliticKind::Article => ARTICLE,
            };
            if c.kind == CliticKind::Article && c.span.slice(word) == "ال" {
                name_offset = c.span.start;
            }
        }
        let stem: Arc<str> = Arc::from(key(a.stem.slice(word)));
        let base = if clitics & ARTICLE != 0 {
            Arc::from(format!("ال{stem}"))
        } else {
            stem.clone()
        };
        WordKeys {
            norm: Arc::from(key(word)),
            stem,
            base,
            stem_offset: a.stem.start,
            name_offset,
            clitics,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_words_with_and_without_proclitics() {
        let k = WordKeys::of("للرئيس");
        assert_eq!((&*k.stem, &*k.base), ("رئيس", "الرئيس"));
        assert_eq!(k.clitics, PREPOSITION | ARTICLE);
        // The article of لل is not written in full: the name starts at the stem.
        assert_eq!(&"للرئيس"[k.name_offset..], "رئيس");
        let k = WordKeys::of("وقال");
        assert_eq!((&*k.stem, k.clitics), ("قال", CONJUNCTION));
        assert_eq!(&"وقال"[k.stem_offset..], "قال");
        let k = WordKeys::of("باريس");
        assert_eq!(&*k.base, &*k.stem);
    }

    #[test]
    fn every_white_space_character_starts_with_a_byte_the_check_knows() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_whitespace() {
                assert!(may_hold_white_space(c.encode_utf8(&mut [0; 4])), "{c:?}");
            }
        }
    }
}
