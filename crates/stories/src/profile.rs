//! A document as its signals compare it ([`Profile`]: interned terms,
//! sorted), and the statistics of the documents seen ([`Stats`]: how many
//! hold each term).

use isnad_ledger::Kind;

use crate::input::StoryInput;
use crate::terms::{idf, tf_weight, Terms};

/// What the documents seen so far hold: how many there are and how many
/// hold each entity, word and fact kind.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stats {
    /// Documents counted.
    pub docs: u32,
    /// Linked entity ids.
    pub entities: Terms,
    /// Content-word keys (of the text and of headlines).
    pub words: Terms,
    /// Fact kinds.
    pub kinds: Terms,
    /// Every term's rarity, computed once no more documents are counted
    /// ([`Stats::freeze`]; counting one more forgets them).
    frozen: Option<Rarities>,
}

/// The rarity of every entity, word and kind, by id.
#[derive(Clone, Debug, Default)]
struct Rarities {
    entities: Vec<f64>,
    words: Vec<f64>,
    kinds: Vec<f64>,
}

/// A document's terms, by interned id, each list sorted by id.
#[derive(Clone, Debug, Default)]
pub(crate) struct Profile {
    /// Publication date, in days since 1970-01-01.
    pub day: Option<i64>,
    /// Entities with the weight of how often they are mentioned.
    pub entities: Vec<(u32, f64)>,
    /// Content words with the weight of how often they occur.
    pub words: Vec<(u32, f64)>,
    /// Headline words.
    pub headline: Vec<u32>,
    /// The kinds of its facts (negated ones aside).
    pub kinds: Vec<u32>,
    /// Its exact figures: (kind, number).
    pub figures: Vec<(Kind, u64)>,
    /// The places it names that are not broad ([`crate::EntityRef::broad`]).
    pub places: Vec<u32>,
}

impl Stats {
    /// Counts one more document (every term it holds, once) and returns its profile.
    pub(crate) fn observe(&mut self, input: &StoryInput) -> Profile {
        self.docs += 1;
        self.frozen = None;
        let p = self.profile(input);
        for &(id, _) in &p.entities {
            self.entities.count(id);
        }
        for &(id, _) in &p.words {
            self.words.count(id);
        }
        for &id in &p.kinds {
            self.kinds.count(id);
        }
        p
    }

    /// Computes every term's rarity once, for the assignments that follow
    /// (a logarithm per term, not one per term and comparison).
    pub(crate) fn freeze(&mut self) {
        let all = |terms: &Terms| {
            (0..terms.len())
                .map(|t| idf(terms.df(t), self.docs))
                .collect()
        };
        self.frozen = Some(Rarities {
            entities: all(&self.entities),
            words: all(&self.words),
            kinds: all(&self.kinds),
        });
    }

    /// The rarity of a term of `terms` (`of` picks its frozen table).
    fn rarity(&self, terms: &Terms, of: fn(&Rarities) -> &Vec<f64>, id: u32) -> f64 {
        match self.frozen.as_ref().and_then(|r| of(r).get(id as usize)) {
            Some(&known) => known,
            None => idf(terms.df(id), self.docs),
        }
    }

    /// The rarity of entity `id` among the documents seen.
    pub(crate) fn entity_idf(&self, id: u32) -> f64 {
        self.rarity(&self.entities, |r| &r.entities, id)
    }

    /// The rarity of word `id` among the documents seen.
    pub(crate) fn word_idf(&self, id: u32) -> f64 {
        self.rarity(&self.words, |r| &r.words, id)
    }

    /// The rarity of fact kind `id` among the documents seen.
    pub(crate) fn kind_idf(&self, id: u32) -> f64 {
        self.rarity(&self.kinds, |r| &r.kinds, id)
    }

    /// The profile of `input`, its terms interned (no count changes).
    pub(crate) fn profile(&mut self, input: &StoryInput) -> Profile {
        build(input, |table, key| match table {
            Table::Entities => self.entities.intern(key),
            Table::Words => self.words.intern(key),
            Table::Kinds => self.kinds.intern(key),
        })
    }

    /// The profile of `input` without changing anything: terms never seen
    /// get ids of their own past every known one (held by no document).
    pub(crate) fn provisional_profile(&self, input: &StoryInput) -> Profile {
        let mut unseen = isnad_text::hash::FastMap::default();
        build(input, |table, key| {
            let terms = match table {
                Table::Entities => &self.entities,
                Table::Words => &self.words,
                Table::Kinds => &self.kinds,
            };
            terms.id(key).unwrap_or_else(|| {
                let next = u32::MAX - unseen.len() as u32;
                *unseen.entry((table, key.to_string())).or_insert(next)
            })
        })
    }
}

/// The term tables of [`Stats`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Table {
    Entities,
    Words,
    Kinds,
}

/// The profile of `input`, each term given an id by `id_of`.
fn build(input: &StoryInput, mut id_of: impl FnMut(Table, &str) -> u32) -> Profile {
    let mut entities: Vec<(u32, f64)> = Vec::with_capacity(input.entities.len());
    let mut places: Vec<u32> = Vec::new();
    for e in &input.entities {
        let id = id_of(Table::Entities, &e.id);
        entities.push((id, tf_weight(e.mentions.max(1))));
        if e.kind == isnad_ledger::EntityType::Location && !e.broad {
            places.push(id);
        }
    }
    let mut words: Vec<(u32, f64)> = input
        .words
        .iter()
        .map(|(k, n)| (id_of(Table::Words, k), tf_weight(*n)))
        .collect();
    let mut headline: Vec<u32> = input
        .headline
        .iter()
        .map(|k| id_of(Table::Words, k))
        .collect();
    let mut kinds: Vec<u32> = Vec::new();
    let mut figures: Vec<(Kind, u64)> = Vec::new();
    for f in &input.facts {
        kinds.push(id_of(Table::Kinds, f.kind.as_str()));
        if let Some(n) = f.exact() {
            figures.push((f.kind, n));
        }
    }
    merge_sorted(&mut entities);
    merge_sorted(&mut words);
    for list in [&mut headline, &mut kinds, &mut places] {
        list.sort_unstable();
        list.dedup();
    }
    figures.sort_unstable();
    figures.dedup();
    Profile {
        day: input.published.map(|d| d.days_since_epoch()),
        entities,
        words,
        headline,
        kinds,
        figures,
        places,
    }
}

/// Sorts `(id, weight)` pairs by id, one pair per id (the larger weight).
fn merge_sorted(list: &mut Vec<(u32, f64)>) {
    list.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    list.dedup_by_key(|p| p.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{EntityRef, FactRef};
    use isnad_ledger::EntityType;

    fn input(words: &[&str], entity: &str) -> StoryInput {
        StoryInput {
            id: "d".into(),
            words: words
                .iter()
                .map(|w| (std::sync::Arc::from(*w), 1))
                .collect(),
            entities: vec![EntityRef {
                id: entity.into(),
                kind: EntityType::Location,
                mentions: 3,
                broad: false,
            }],
            facts: vec![
                FactRef {
                    kind: Kind::Killed,
                    count: Some((7, Some(7))),
                    time: None,
                },
                FactRef {
                    kind: Kind::Killed,
                    count: Some((10, Some(99))),
                    time: None,
                },
            ],
            ..StoryInput::default()
        }
    }

    #[test]
    fn observing_counts_each_term_once_per_document() {
        let mut stats = Stats::default();
        stats.observe(&input(&["سوق", "تفجير"], "e1"));
        stats.observe(&input(&["سوق"], "e2"));
        let p = stats.profile(&input(&["سوق"], "e1"));
        assert_eq!(stats.docs, 2);
        assert_eq!(stats.words.df(p.words[0].0), 2);
        assert_eq!(stats.entities.df(p.entities[0].0), 1);
        assert_eq!(
            stats.kinds.df(p.kinds[0]),
            2,
            "two facts of one kind count once"
        );
        assert!(stats.entity_idf(p.entities[0].0) > stats.word_idf(p.words[0].0));
    }

    #[test]
    fn frozen_rarities_are_the_ones_computed_and_counting_forgets_them() {
        let mut stats = Stats::default();
        stats.observe(&input(&["سوق", "تفجير"], "e1"));
        stats.observe(&input(&["سوق"], "e2"));
        let p = stats.profile(&input(&["سوق", "تفجير"], "e1"));
        let live: Vec<f64> = p.words.iter().map(|&(w, _)| stats.word_idf(w)).collect();
        stats.freeze();
        let frozen: Vec<f64> = p.words.iter().map(|&(w, _)| stats.word_idf(w)).collect();
        assert_eq!(live, frozen);
        stats.observe(&input(&["تفجير"], "e3"));
        assert_ne!(
            stats.word_idf(p.words[1].0),
            frozen[1],
            "a new document changes rarity"
        );
        assert_eq!(stats.word_idf(p.words[1].0), idf(2, 3));
    }

    #[test]
    fn a_profile_keeps_exact_figures_only_and_sorted_terms() {
        let mut stats = Stats::default();
        let p = stats.profile(&input(&["ب", "ا"], "e1"));
        assert_eq!(p.figures, vec![(Kind::Killed, 7)]);
        assert_eq!(p.kinds.len(), 1);
        assert!(p.words.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(p.entities[0].1 > 1.0, "three mentions weigh more than one");
    }
}
