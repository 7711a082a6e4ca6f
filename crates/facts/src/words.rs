//! The word view of a sentence that the fact readers share.

use std::sync::Arc;

use isnad_gazetteer::key;
use isnad_text::keys::{word_keys, CONJUNCTION};
use isnad_text::{tokens, Span, TokenKind};

/// One token of a sentence with the keys the readers match on.
#[derive(Clone, Debug)]
pub struct Word {
    /// Where it is in the document text.
    pub span: Span,
    /// Where its stem starts (after proclitics and article).
    pub stem_start: usize,
    /// Where the name part starts: after و/ف/ب/ل/ك, at the article when it is written in full.
    pub name_start: usize,
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

/// The words of `span` in `text` (keys from the per-thread cache of [`word_keys`]).
pub fn words(text: &str, span: Span) -> Vec<Word> {
    tokens(span.slice(text))
        .into_iter()
        .map(|t| {
            let s = t.span.shift(span.start);
            let raw = s.slice(text);
            if t.kind != TokenKind::Word {
                let k = Key(Arc::from(key(raw)));
                return Word {
                    span: s,
                    stem_start: s.start,
                    name_start: s.start,
                    text: raw.to_string(),
                    stem: k.clone(),
                    base: k.clone(),
                    key: k,
                    kind: t.kind,
                    conj: false,
                };
            }
            let k = word_keys(raw);
            Word {
                span: s,
                stem_start: s.start + k.stem_offset,
                name_start: s.start + k.name_offset,
                text: raw.to_string(),
                key: Key(k.norm.clone()),
                stem: Key(k.stem.clone()),
                base: Key(k.base.clone()),
                kind: t.kind,
                conj: k.clitics & CONJUNCTION != 0,
            }
        })
        .collect()
}

/// Hashes a `usize` key (a pointer to static data) by one multiplication:
/// the caches below are looked up on every word compared.
#[derive(Default)]
struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type ByAddress<V> =
    std::collections::HashMap<usize, V, std::hash::BuildHasherDefault<AddressHasher>>;

thread_local! {
    static LITERALS: std::cell::RefCell<ByAddress<&'static str>> = Default::default();
}

/// The matching key of a word written in the source code, computed once
/// (cached by the literal's address and length).
pub fn lit(s: &'static str) -> &'static str {
    let id = (s.as_ptr() as usize) ^ (s.len() << 48);
    LITERALS.with(|cache| {
        if let Some(k) = cache.borrow().get(&id) {
            return *k;
        }
        let k: &'static str = Box::leak(key(s).into_boxed_str());
        cache.borrow_mut().insert(id, k);
        k
    })
}

thread_local! {
    static SETS: std::cell::RefCell<ByAddress<&'static isnad_text::hash::FastSet<String>>> = Default::default();
}

/// Whether the key `k` is the key of one of the words of `list` (a list in
/// the source code; its keys are computed once and kept in a set).
pub fn in_list(k: &str, list: &'static [&'static str]) -> bool {
    let set = SETS.with(|sets| {
        let id = (list.as_ptr() as usize) ^ (list.len() << 48);
        if let Some(s) = sets.borrow().get(&id) {
            return *s;
        }
        let s: &'static isnad_text::hash::FastSet<String> =
            Box::leak(Box::new(list.iter().map(|w| key(w)).collect()));
        sets.borrow_mut().insert(id, s);
        s
    });
    set.contains(k)
}
