//! Word clusters learnt from unlabeled news (`data/word_clusters.tsv`, made
//! by `scripts/build_word_clusters.sh` from the ANT corpus; provenance and
//! licence in `data/README.md`): words that occur in the same contexts share
//! a path in a binary tree, so a name the training data never showed gets
//! the features of the names it behaves like (`بوتين` with `ماكرون`,
//! `أردوغان`), and a common word those of the common words.

use std::sync::LazyLock;

use isnad_text::hash::FastMap;

static TABLE: &str = include_str!("../data/word_clusters.tsv");

/// By folded stem key, its path: the bits behind a leading 1 bit.
static CLUSTERS: LazyLock<FastMap<&'static str, u32>> = LazyLock::new(|| {
    let mut map = FastMap::default();
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let Some((key, path)) = line.split_once('\t') else {
            continue;
        };
        let bits = path.bytes().fold(1u32, |b, c| b << 1 | (c == b'1') as u32);
        map.insert(key, bits);
    }
    map
});

/// The cluster of the word whose folded stem key (the tagger's
/// [`crate::features::WordInfo::stem`]) is `stem`: its path in the tree
/// behind a leading 1 bit (so prefixes of any length can be told apart),
/// or 0 when the clusters do not know the word.
pub fn cluster(stem: &str) -> u32 {
    CLUSTERS.get(stem).copied().unwrap_or(0)
}

static NAME_WORDS: &str = include_str!("../data/name_words.tsv");

/// By folded stem key, the kinds of name it is a word of.
static NAMES: LazyLock<FastMap<&'static str, u8>> = LazyLock::new(|| {
    let mut map = FastMap::default();
    for line in NAME_WORDS.lines().filter(|l| !l.starts_with('#')) {
        if let Some((key, bits)) = line.split_once('\t') {
            map.insert(key, bits.parse().unwrap_or(0));
        }
    }
    map
});

/// Which kinds of name of general name lists (`data/name_words.tsv`: LIMSI
/// NERAr, Arabic Wikipedia's category titles, Wikidata's people) the word
/// whose folded stem key is `stem` is a word of: 1 a one-word person name,
/// 2 a word of a longer one, 4 and 8 the same for places, 16 and 32 for
/// organisations; 0 for none. A feature, never an override: common words
/// are in these lists too.
pub fn name_word(stem: &str) -> u8 {
    NAMES.get(stem).copied().unwrap_or(0)
}

/// How many words have a cluster.
pub fn len() -> usize {
    CLUSTERS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_words_say_which_names_a_word_is_in() {
        let (key, bits) = NAME_WORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .find(|(_, b)| *b != "0")
            .expect("a name word");
        assert_eq!(name_word(key).to_string(), bits);
        assert_eq!(name_word("not a word of any name"), 0);
    }

    #[test]
    fn paths_keep_their_length_and_bits() {
        assert!(len() > 10_000, "the cluster table is loaded");
        let line = TABLE
            .lines()
            .find(|l| !l.starts_with('#'))
            .expect("a cluster row");
        let (key, path) = line.split_once('\t').unwrap();
        let c = cluster(key);
        assert_eq!(31 - c.leading_zeros() as usize, path.len());
        let bits: String = (0..path.len())
            .rev()
            .map(|i| if c >> i & 1 == 1 { '1' } else { '0' })
            .collect();
        assert_eq!(bits, path);
        assert_eq!(cluster("not a word the clusters know"), 0);
    }
}
