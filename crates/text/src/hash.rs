//! A fast, non-cryptographic hasher for the per-thread word caches.
//!
//! The caches of the pipeline are looked up once or more per token, with
//! short keys the program itself produced (words of documents); the
//! standard SipHash, made to resist crafted keys, costs more than the rest
//! of such a lookup. This is the multiply-and-rotate hash of the Rust
//! compiler ("Fx"), eight bytes at a time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

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
}
