//! The word view of a sentence that the fact readers share.

use std::rc::Rc;
use std::sync::Arc;

use isnad_gazetteer::key;
use isnad_text::keys::{word_keys, CONJUNCTION};
use isnad_text::token::for_each_token;
use isnad_text::{Span, TokenKind};

use crate::lexicon::lexicon;

/// One token of a sentence with the keys the readers match on; what its
/// spelling alone decides ([`Spelling`]: text, keys, kind, classes) reads
/// through it (`word.key`).
#[derive(Clone, Debug)]
pub struct Word {
    /// Where it is in the document text.
    pub span: Span,
    /// Where its stem starts (after proclitics and article).
    pub stem_start: usize,
    /// Where the name part starts: after و/ف/ب/ل/ك, at the article when it is written in full.
    pub name_start: usize,
    /// Its spelling's keys and classes, shared by every token so spelled.
    pub spelling: Rc<Spelling>,
}

impl std::ops::Deref for Word {
    type Target = Spelling;
    fn deref(&self) -> &Spelling {
        &self.spelling
    }
}

/// What a token's spelling alone decides, computed once per distinct
/// spelling and thread.
#[derive(Debug)]
pub struct Spelling {
    /// As written.
    pub text: String,
    /// Loose key of the whole token.
    pub key: Key,
    /// Loose key without proclitics and article.
    pub stem: Key,
    /// Loose key without conjunction/preposition, article kept.
    pub base: Key,
    /// Token kind.
    pub kind: TokenKind,
    /// Starts with the conjunction و/ف.
    pub conj: bool,
    /// The [`class`](crate::lexicon::class)es the word is in.
    pub classes: u32,
    /// Where the stem starts, in bytes from the start of the token.
    stem_offset: usize,
    /// Where the name part starts, in bytes from the start of the token.
    name_offset: usize,
}

/// A matching key shared with the per-thread cache of word keys; it reads
/// and compares as the `str` it holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key(Arc<str>);

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Key {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<Key> for &str {
    fn eq(&self, other: &Key) -> bool {
        *self == &*other.0
    }
}

impl Key {
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Word {
    /// Whether the word is in any of the [`class`](crate::lexicon::class)es of `classes`.
    pub fn is(&self, classes: u32) -> bool {
        self.classes & classes != 0
    }
}

thread_local! {
    static SPELLINGS: std::cell::RefCell<isnad_text::hash::FastMap<isnad_text::hash::WordKey, Rc<Spelling>>> =
        std::cell::RefCell::new(isnad_text::hash::word_cache());
}

/// The keys of one token (non-words keep one key for all three), without classes.
fn spelling(raw: &str, kind: TokenKind) -> Spelling {
    let (stem_offset, name_offset, norm, stem, base, conj) = if kind == TokenKind::Word {
        let k = word_keys(raw);
        (
            k.stem_offset,
            k.name_offset,
            Key(k.norm.clone()),
            Key(k.stem.clone()),
            Key(k.base.clone()),
            k.clitics & CONJUNCTION != 0,
        )
    } else {
        let k = Key(Arc::from(key(raw)));
        (0, 0, k.clone(), k.clone(), k, false)
    };
    Spelling {
        text: raw.into(),
        key: norm,
        stem,
        base,
        kind,
        conj,
        classes: 0,
        stem_offset,
        name_offset,
    }
}

fn word_at(spelling: Rc<Spelling>, span: Span) -> Word {
    Word {
        span,
        stem_start: span.start + spelling.stem_offset,
        name_start: span.start + spelling.name_offset,
        spelling,
    }
}

/// The words of `span` in `text` (spellings from a per-thread cache).
pub fn words(text: &str, span: Span) -> Vec<Word> {
    SPELLINGS.with(|cache| {
        let mut cache = cache.borrow_mut();
        // A token takes six bytes or more in most text (a word and a space).
        let mut out = Vec::with_capacity(span.len() / 6 + 4);
        for_each_token(span.slice(text), |t| {
            let s = t.span.shift(span.start);
            let raw = s.slice(text);
            if let Some(sp) = cache.get(raw.as_bytes()).filter(|sp| sp.kind == t.kind) {
                out.push(word_at(sp.clone(), s));
                return;
            }
            let mut sp = spelling(raw, t.kind);
            sp.classes = lexicon().classes(&sp.key, &sp.stem, &sp.base);
            let sp = Rc::new(sp);
            isnad_text::hash::remember(&mut cache, raw, sp.clone());
            out.push(word_at(sp, s));
        });
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::class;

    fn classes_of(text: &str) -> Vec<u32> {
        words(text, Span::new(0, text.len()))
            .iter()
            .map(|w| w.classes)
            .collect()
    }

    #[test]
    fn words_carry_their_classes_the_first_time_and_from_the_cache() {
        let text = "وأضاف المتحدث باسم الشرطة، بحسب مزاعم نفت الوزارة صحتها، أن 3 قتلوا ولقوا حتفهم في المستشفى";
        let first = classes_of(text);
        assert_eq!(first, classes_of(text), "cached classes differ");
        let of = |word: &str| {
            let w = words(text, Span::new(0, text.len()));
            w.iter().find(|w| w.text == word).unwrap().classes
        };
        assert_ne!(of("وأضاف") & class::SAYS, 0);
        assert_ne!(of("باسم") & class::CONNECTOR, 0);
        assert_ne!(of("بحسب") & class::ACCORDING, 0);
        assert_ne!(of("مزاعم") & class::HEDGE, 0);
        assert_ne!(of("نفت") & class::DENY, 0);
        assert_ne!(of("قتلوا") & class::EVENT, 0);
        assert_ne!(of("حتفهم") & class::DEATH, 0);
        assert_ne!(of("المستشفى") & class::HOSPITAL, 0);
        assert_eq!(
            of("الشرطة") & (class::SAYS | class::EVENT | class::HEDGE),
            0
        );
        assert_eq!(of("،"), classes_of("،")[0]);
    }
}
