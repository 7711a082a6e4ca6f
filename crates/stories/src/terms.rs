//! Interned terms (entity ids, word keys, fact kinds) and how many
//! documents hold each: the rarity every signal weighs what two documents
//! share by.

use std::sync::Arc;

use isnad_text::hash::FastMap;

/// One table of terms: each distinct key gets a small id and a document
/// frequency.
#[derive(Clone, Debug, Default)]
pub(crate) struct Terms {
    ids: FastMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
    df: Vec<u32>,
}

impl Terms {
    /// The id of `key`, made when it is new.
    pub(crate) fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = u32::try_from(self.names.len()).expect("fewer than 2^32 terms");
        let key: Arc<str> = Arc::from(key);
        self.ids.insert(key.clone(), id);
        self.names.push(key);
        self.df.push(0);
        id
    }

    /// The id of `key`, if it is known.
    pub(crate) fn id(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }

    /// One more document holds term `id`.
    pub(crate) fn count(&mut self, id: u32) {
        self.df[id as usize] += 1;
    }

    /// How many terms there are (ids are `0..len`).
    pub(crate) fn len(&self) -> u32 {
        self.names.len() as u32
    }

    /// How many documents hold term `id` (none for an id not made here).
    pub(crate) fn df(&self, id: u32) -> u32 {
        self.df.get(id as usize).copied().unwrap_or(0)
    }

    /// The key of term `id` (`?` for an id not made here: a term of a
    /// document looked at without being counted).
    pub(crate) fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("?", |n| n)
    }
}

/// Documents a store is taken to sit among, none holding the term: the
/// prior that keeps rarity meaningful in a small store (in a store of five
/// articles on one happening, the happening's own words are in all five,
/// yet they are rare in the news).
pub(crate) const BACKGROUND_DOCS: u32 = 50;

/// The rarity of a term held by `df` of `docs` documents (BM25's inverse
/// document frequency, never negative, over the store and
/// [`BACKGROUND_DOCS`] more): about `ln(docs)` for a term of one document
/// of a big store, low for a term of every document.
pub(crate) fn idf(df: u32, docs: u32) -> f64 {
    let (df, n) = (f64::from(df), f64::from(docs.max(df) + BACKGROUND_DOCS));
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The weight of a term occurring `tf` times in a document (sublinear:
/// the tenth mention of a word says less than the second).
pub(crate) fn tf_weight(tf: u32) -> f64 {
    if tf == 0 {
        0.0
    } else {
        1.0 + f64::from(tf).ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_terms_weigh_more_and_universal_ones_almost_nothing() {
        assert!(idf(1, 1000) > idf(10, 1000));
        assert!(idf(10, 1000) > idf(500, 1000));
        assert!(idf(100_000, 100_000) < 0.001);
        assert!(idf(1000, 1000) >= 0.0);
        assert!((idf(1, 100_000) - 100_000f64.ln()).abs() < 0.5);
        // In a small store, a term of every document is still rarer than a
        // function word of the news would be.
        assert!(idf(5, 5) > 0.5 * idf(1, 5), "{} {}", idf(5, 5), idf(1, 5));
    }

    #[test]
    fn repeated_mentions_count_less_and_less() {
        assert_eq!(tf_weight(0), 0.0);
        assert_eq!(tf_weight(1), 1.0);
        assert!(tf_weight(2) - tf_weight(1) > tf_weight(10) - tf_weight(9));
    }

    #[test]
    fn a_key_keeps_its_id_and_counts_documents() {
        let mut t = Terms::default();
        let a = t.intern("كركوك");
        let b = t.intern("سوق");
        assert_ne!(a, b);
        assert_eq!(t.intern("كركوك"), a);
        t.count(a);
        t.count(a);
        assert_eq!((t.df(a), t.df(b)), (2, 0));
        assert_eq!(t.name(b), "سوق");
        assert_eq!(t.name(99), "?");
    }
}
