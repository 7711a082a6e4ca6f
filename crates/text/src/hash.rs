//! A fast, non-cryptographic hasher for the in-memory word tables (a
//! `Vocabulary`, the tagger's and the fact reader's tables).
//!
//! The caches of the pipeline are looked up once or more per token, with
//! short keys the program itself produced (words of documents); the
//! standard SipHash, made to resist crafted keys, costs more than the rest
//! of such a lookup. This is the multiply-and-rotate hash of the Rust
//! compiler ("Fx"), eight bytes at a time.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher (see the module documentation).
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// Builds [`FastHasher`]s.
pub type FastBuild = BuildHasherDefault<FastHasher>;

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, FastBuild>;

/// A `HashSet` with [`FastHasher`].
pub type FastSet<K> = HashSet<K, FastBuild>;

/// Distinct words a per-word cache is made ready for ([`word_cache`]).
const WORD_CACHE_WORDS: usize = 1 << 16;

/// An empty per-word cache with room for the distinct words of a large
/// corpus: growing one a word at a time would rehash it into a fresh table
/// at every doubling. Until words come, only its control bytes are written.
pub fn word_cache<V>() -> FastMap<WordKey, V> {
    FastMap::with_capacity_and_hasher(WORD_CACHE_WORDS, FastBuild::default())
}

/// FNV-1a, 64 bits: the one hash of the project whose values are kept or
/// compared between runs (near-duplicate signatures, the tagger's feature
/// ids, code fingerprints), so it must never change across runs, versions
/// or platforms — unlike [`FastHasher`], which only keys in-memory tables.
///
/// ```
/// use isnad_text::hash::fnv1a;
/// assert_eq!(fnv1a::hash(b""), fnv1a::OFFSET);
/// assert_eq!(fnv1a::hash(b"ab"), fnv1a::more(fnv1a::hash(b"a"), b"b"));
/// assert_eq!(fnv1a::hash(b"a"), 0xaf63_dc4c_8601_ec8c);
/// ```
pub mod fnv1a {
    /// The hash of no bytes.
    pub const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    /// The multiplier applied after each byte.
    pub const PRIME: u64 = 0x0000_0100_0000_01b3;

    /// The hash of `bytes` following the bytes that hashed to `h`.
    #[inline]
    pub fn more(mut h: u64, bytes: &[u8]) -> u64 {
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
        h
    }

    /// The hash of `bytes`.
    #[inline]
    pub fn hash(bytes: &[u8]) -> u64 {
        more(OFFSET, bytes)
    }

    /// A starting value other than [`OFFSET`] for each `seed`: hashes of
    /// the same bytes under different seeds (feature templates) differ.
    #[inline]
    pub fn seeded(seed: u64) -> u64 {
        OFFSET ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// Bytes as lower-case hexadecimal, two digits each (what
/// `format!("{b:02x}")` writes for each byte), as ids and digests are shown.
///
/// ```
/// assert_eq!(isnad_text::hash::hex(&[0, 15, 16, 255]), "000f10ff");
/// ```
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// Distinct words a per-word cache keeps at most; past this it starts afresh.
const WORD_CACHE_MAX: usize = 1 << 17;

/// Puts `word` and its `value` in a per-word cache ([`word_cache`]),
/// emptying the cache first when it holds as many words as a cache keeps
/// (news repeats its words: most tokens were seen before).
pub fn remember<V>(cache: &mut FastMap<WordKey, V>, word: &str, value: V) {
    if cache.len() >= WORD_CACHE_MAX {
        cache.clear();
    }
    cache.insert(word.into(), value);
}

/// Bytes a [`WordKey`] holds in itself (an Arabic word of up to 11
/// letters); longer words go to the heap.
const INLINE: usize = 22;

/// A word as a cache key, held inside the table's own slot when it is
/// short (almost every word is). A lookup then compares the word against
/// memory it already reads for the slot, instead of following a pointer to
/// the key on the heap first: one cache miss fewer per token.
///
/// It hashes, compares and borrows as the word's bytes, so maps keyed by it
/// are looked up with `word.as_bytes()` (no UTF-8 check on the hot path).
#[derive(Clone)]
pub struct WordKey(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl WordKey {
    /// The word's UTF-8 bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..*len as usize],
            Repr::Heap(s) => s.as_bytes(),
        }
    }

    /// The word.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).expect("copied from a str whole")
    }
}

impl From<&str> for WordKey {
    fn from(s: &str) -> WordKey {
        if s.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            WordKey(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            WordKey(Repr::Heap(s.into()))
        }
    }
}

impl Borrow<[u8]> for WordKey {
    #[inline]
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl PartialEq for WordKey {
    #[inline]
    fn eq(&self, other: &WordKey) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for WordKey {}

impl Hash for WordKey {
    /// Exactly as the byte slice hashes (the `Borrow` contract).
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state)
    }
}

impl std::fmt::Debug for WordKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(s: &str) -> u64 {
        FastBuild::default().hash_one(s)
    }

    #[test]
    fn different_words_hash_apart() {
        // Words differing in one letter, in length only, or by a trailing NUL.
        let words = [
            "قتل",
            "قتلى",
            "قتيل",
            "مقتل",
            "",
            "a",
            "a\0",
            "abcdefgh",
            "abcdefgh\0",
        ];
        let hashes: FastSet<u64> = words.iter().map(|w| hash(w)).collect();
        assert_eq!(hashes.len(), words.len());
        assert_eq!(hash("قتل"), hash("قتل"));
    }

    #[test]
    fn a_map_finds_what_it_holds() {
        let mut m: FastMap<String, usize> = FastMap::default();
        for i in 0..10_000 {
            m.insert(format!("كلمة{i}"), i);
        }
        assert!((0..10_000).all(|i| m.get(&format!("كلمة{i}")) == Some(&i)));
        assert_eq!(m.get("كلمة10000"), None);
    }

    #[test]
    fn word_keys_hold_any_word_and_find_it_by_its_bytes() {
        // Short and long words, across the inline limit, and the empty word.
        let words: Vec<String> = [
            "",
            "a",
            "قتل",
            "والمستشفيات",
            "بالمستشفيات",
            "والمستشفياتها",
            "abcdefghijklmnopqrstuv",
            "abcdefghijklmnopqrstuvw",
        ]
        .iter()
        .map(|w| w.to_string())
        .chain((0..300).map(|n| "ب".repeat(n % 40) + &n.to_string()))
        .collect();
        let mut m: FastMap<WordKey, usize> = FastMap::default();
        for (i, w) in words.iter().enumerate() {
            let k = WordKey::from(w.as_str());
            assert_eq!(k.as_str(), w);
            let b = FastBuild::default();
            assert_eq!(b.hash_one(w.as_bytes()), b.hash_one(&k));
            m.insert(k, i);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w.as_bytes()), Some(&i), "{w}");
        }
        assert_eq!(m.get("قتلى".as_bytes()), None);
        assert_eq!(std::mem::size_of::<WordKey>(), 24);
    }
}
