//! The story index: documents assigned to stories one at a time, each
//! compared only with the candidates an inverted index finds (documents
//! sharing its rarest entities and words, published within the date
//! window), never with every document stored.

use std::collections::HashMap;

use isnad_text::hash::FastMap;

use crate::input::StoryInput;
use crate::membership::{joins, Growing, Join, Match, Member, Reason, SUPPORT};
use crate::profile::{Profile, Stats};
use crate::signals::{compare, Comparison, Vectors, FAR_DAYS};
use crate::story::{self, Story};

/// Content words a document looks its candidates up by: its most telling
/// ones (by TF-IDF) among those the index holds. (Every entity and every
/// content word of a document is indexed; a document looks up all its
/// entities.)
const QUERY_WORDS: usize = 16;
/// Documents fully compared for one assignment (those sharing the most).
const CANDIDATES: usize = 24;
/// How many documents of one term an undated document looks through: a
/// term held by more says little of one story, and is not looked up.
const UNDATED_SCAN: usize = 512;
/// How many postings one lookup reads at most, rarest terms first: past
/// that, what is found is enough to rank the candidates (this bounds the
/// cost of a lookup in a store of many documents a day).
const MAX_VISITS: usize = 2048;

/// A term of the inverted index: an entity or a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Term {
    Entity(u32),
    Word(u32),
}

/// The documents that hold one term: dated ones by (publication day,
/// document), so those of a few days are found by binary search; undated
/// ones in the order they were assigned.
#[derive(Clone, Debug, Default)]
struct Postings {
    dated: Vec<(i32, u32)>,
    undated: Vec<u32>,
}

/// Documents assigned to stories, with the statistics and the inverted
/// index that find a new document's candidates.
#[derive(Clone, Debug, Default)]
pub struct Index {
    stats: Stats,
    members: Vec<Member>,
    by_id: HashMap<String, usize>,
    stories: Vec<Growing>,
    /// The documents of each entity and content word.
    postings: FastMap<Term, Postings>,
}

impl Index {
    /// An empty index.
    pub fn new() -> Index {
        Index::default()
    }

    /// How many documents are assigned.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no document is assigned.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Counts a document's terms in the rarity statistics, without
    /// assigning it ([`group`](crate::group) counts every document first,
    /// so all are weighed alike).
    pub fn count(&mut self, input: &StoryInput) {
        self.stats.observe(input);
    }

    /// [`Index::count`], returning the document's profile for
    /// [`Index::assign_profiled`] (its terms interned once, not twice).
    pub(crate) fn count_profiled(&mut self, input: &StoryInput) -> Profile {
        self.stats.observe(input)
    }

    /// Computes every term's rarity once, for the assignments that follow
    /// (counting another document forgets them): [`group`](crate::group)
    /// counts every document, freezes, then assigns.
    pub fn freeze(&mut self) {
        self.stats.freeze();
    }

    /// Counts a new document and assigns it ([`Index::count`] then
    /// [`Index::assign`]); returns its story's id.
    pub fn add(&mut self, input: StoryInput) -> &str {
        self.count(&input);
        self.assign(input)
    }

    /// Assigns a counted document to the story it reports, or starts one;
    /// returns the story's id. A document already assigned stays where it is.
    pub fn assign(&mut self, input: StoryInput) -> &str {
        let profile = self.stats.profile(&input);
        self.assign_profiled(input, profile)
    }

    /// [`Index::assign`] with the document's profile already made.
    pub(crate) fn assign_profiled(&mut self, mut input: StoryInput, profile: Profile) -> &str {
        if let Some(&at) = self.by_id.get(&input.id) {
            return self.story_id(self.members[at].story);
        }
        let (story, reason) = self.decide(&input, &profile);
        let story = story.unwrap_or_else(|| {
            self.stories.push(Growing {
                id: format!("s{}", input.id),
                ..Growing::default()
            });
            self.stories.len() - 1
        });
        let at = self.members.len();
        self.index_terms(at, &profile);
        input.words = Vec::new();
        input.headline = Vec::new();
        self.by_id.insert(input.id.clone(), at);
        let join = Join {
            doc: input.id.clone(),
            reason,
        };
        self.stories[story].take(at, profile.day, join);
        let vectors = Vectors::of(&profile, &self.stats);
        self.members.push(Member {
            input,
            profile,
            vectors,
            story,
        });
        self.story_id(story)
    }

    /// The story a document would join, with the comparison, or the
    /// closest story it would not join (and `false`): the decision of
    /// [`Index::assign`] without assigning (nothing changes).
    pub fn closest(&self, input: &StoryInput) -> Option<(Match, bool)> {
        let profile = self.stats.provisional_profile(input);
        let vectors = Vectors::of(&profile, &self.stats);
        self.best_match(&profile, &vectors, None).map(|(_, m)| {
            let joins = joins(&m);
            (m, joins)
        })
    }

    /// The stories so far, in the order they were started (a story whose
    /// only document joined another on a second look is gone).
    pub fn stories(&self) -> Vec<Story> {
        self.stories
            .iter()
            .filter(|s| !s.members.is_empty())
            .map(|s| story::finish(s, &self.members, &self.stats))
            .collect()
    }

    /// The id of story `i`.
    fn story_id(&self, i: usize) -> &str {
        &self.stories[i].id
    }

    /// Which story a document joins (`None`: it starts one), and why.
    fn decide(&self, input: &StoryInput, profile: &Profile) -> (Option<usize>, Reason) {
        if let Some(&original) = input
            .near_duplicate_of
            .as_ref()
            .and_then(|of| self.by_id.get(of))
        {
            let of = self.members[original].input.id.clone();
            return (
                Some(self.members[original].story),
                Reason::NearDuplicate { of },
            );
        }
        match self.best_match(profile, &Vectors::of(profile, &self.stats), None) {
            Some((story, m)) if joins(&m) => (Some(story), Reason::Joined(m)),
            closest => (
                None,
                Reason::Founded {
                    closest: closest.map(|(_, m)| m),
                },
            ),
        }
    }

    /// The story with the best total among the candidates' stories other
    /// than `except` (ties: the earlier story), with its match.
    fn best_match(
        &self,
        profile: &Profile,
        vectors: &Vectors,
        except: Option<usize>,
    ) -> Option<(usize, Match)> {
        // Each candidate story's two best comparisons: (score, member, comparison).
        let mut per_story: FastMap<usize, Vec<(f64, usize, Comparison)>> = FastMap::default();
        for doc in self.candidates(profile) {
            let story = self.members[doc].story;
            if Some(story) == except || !self.stories[story].in_time(profile.day) {
                continue;
            }
            let member = &self.members[doc];
            let Some(c) = compare((profile, vectors), (&member.profile, &member.vectors)) else {
                continue;
            };
            let top = per_story.entry(story).or_default();
            top.push((c.score, doc, c));
            top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            top.truncate(2);
        }
        let total = |top: &[(f64, usize, Comparison)]| {
            top[0].0 + top.get(1).map_or(0.0, |s| SUPPORT * s.0.max(0.0))
        };
        let (story, mut top) = per_story
            .into_iter()
            .max_by(|(s, a), (t, b)| total(a).total_cmp(&total(b)).then(t.cmp(s)))?;
        let total = total(&top);
        let support = (top.len() > 1).then(|| top.remove(1));
        let (score, doc, c) = top.remove(0);
        let m = Match {
            story: self.story_id(story).to_string(),
            member: self.members[doc].input.id.clone(),
            score,
            signals: c.signals(&self.stats),
            total,
            support: support.map(|(s, d, _)| (self.members[d].input.id.clone(), s)),
        };
        Some((story, m))
    }

    /// A second look, once every document is assigned: each document that
    /// started a story and is still alone in it joins the story it now
    /// comes closest to, if that reaches [`JOIN_SCORE`] (a document
    /// assigned later may have made that story closer), in the order the
    /// stories were started.
    pub fn regroup(&mut self) {
        for alone in 0..self.stories.len() {
            let [member] = self.stories[alone].members[..] else {
                continue;
            };
            let alone_one = &self.members[member];
            let Some((story, m)) =
                self.best_match(&alone_one.profile, &alone_one.vectors, Some(alone))
            else {
                continue;
            };
            if !joins(&m) {
                continue;
            }
            let left = std::mem::take(&mut self.stories[alone]);
            self.members[member].story = story;
            let join = Join {
                doc: left.joins[0].doc.clone(),
                reason: Reason::Regrouped(m),
            };
            let day = self.members[member].profile.day;
            self.stories[story].take(member, day, join);
        }
    }

    /// The documents sharing the most (by rarity) of `profile`'s looked-up
    /// terms ([`Index::query_terms`]), published within [`FAR_DAYS`] of it
    /// (or undated), at most [`CANDIDATES`], best first. An undated
    /// document looks through a term's documents only when they are at most
    /// [`UNDATED_SCAN`].
    fn candidates(&self, profile: &Profile) -> Vec<usize> {
        let mut hits: FastMap<u32, f64> = FastMap::default();
        let mut visits = 0;
        for (postings, weight) in self.query_terms(profile) {
            if visits >= MAX_VISITS {
                break;
            }
            // A shared term adds its rarity squared: what it would add to
            // the dot product of the two documents' vectors.
            let weight = weight * weight;
            let mut hit = |docs: &mut dyn Iterator<Item = u32>| {
                for d in docs {
                    *hits.entry(d).or_default() += weight;
                    visits += 1;
                }
            };
            let undated = &postings.undated;
            match profile.day {
                Some(day) => {
                    let (from, to) = (day_of(day - FAR_DAYS), day_of(day + FAR_DAYS));
                    let first = postings.dated.partition_point(|&(d, _)| d < from);
                    let last = postings.dated.partition_point(|&(d, _)| d <= to);
                    hit(&mut postings.dated[first..last].iter().map(|&(_, doc)| doc));
                    let recent = &undated[undated.len().saturating_sub(UNDATED_SCAN)..];
                    hit(&mut recent.iter().copied());
                }
                None if postings.dated.len() + undated.len() <= UNDATED_SCAN => {
                    hit(&mut postings.dated.iter().map(|&(_, doc)| doc));
                    hit(&mut undated.iter().copied());
                }
                None => {}
            }
        }
        let mut ranked: Vec<(u32, f64)> = hits.into_iter().collect();
        let order = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > CANDIDATES {
            ranked.select_nth_unstable_by(CANDIDATES, order);
            ranked.truncate(CANDIDATES);
        }
        ranked.sort_by(order);
        ranked.into_iter().map(|(d, _)| d as usize).collect()
    }

    /// The postings a document looks its candidates up in, each with the
    /// term's rarity, rarest first: every entity it mentions, and its
    /// [`QUERY_WORDS`] most telling content words (TF-IDF) among those the
    /// index holds.
    fn query_terms(&self, profile: &Profile) -> Vec<(&Postings, f64)> {
        let mut terms: Vec<(&Postings, f64)> = profile
            .entities
            .iter()
            .filter_map(|&(e, _)| {
                let p = self.postings.get(&Term::Entity(e))?;
                Some((p, self.stats.entity_idf(e)))
            })
            .collect();
        let mut words: Vec<(&Postings, f64, f64, u32)> = profile
            .words
            .iter()
            .filter_map(|&(w, tf)| {
                let p = self.postings.get(&Term::Word(w))?;
                let idf = self.stats.word_idf(w);
                Some((p, idf, tf * idf, w))
            })
            .collect();
        if words.len() > QUERY_WORDS {
            let telling = |a: &(&Postings, f64, f64, u32), b: &(&Postings, f64, f64, u32)| {
                b.2.total_cmp(&a.2).then(a.3.cmp(&b.3))
            };
            words.select_nth_unstable_by(QUERY_WORDS, telling);
            words.truncate(QUERY_WORDS);
        }
        terms.extend(words.into_iter().map(|(p, idf, ..)| (p, idf)));
        // Stable: equal rarities keep entities before words, each in id order.
        terms.sort_by(|a, b| b.1.total_cmp(&a.1));
        terms
    }

    /// Puts document `at` in the postings of every entity and content word
    /// it holds (dated postings stay in (day, document) order: appended
    /// when documents come in that order, as [`group`](crate::group) gives them).
    fn index_terms(&mut self, at: usize, profile: &Profile) {
        let doc = u32::try_from(at).expect("fewer than 2^32 documents");
        let entities = profile.entities.iter().map(|&(e, _)| Term::Entity(e));
        let words = profile.words.iter().map(|&(w, _)| Term::Word(w));
        for term in entities.chain(words) {
            let postings = self.postings.entry(term).or_default();
            match profile.day {
                Some(day) => {
                    let key = (day_of(day), doc);
                    let at = postings.dated.partition_point(|&p| p < key);
                    postings.dated.insert(at, key);
                }
                None => postings.undated.push(doc),
            }
        }
    }
}

/// A day number as postings keep it (days since 1970 fit an `i32` for
/// five million years either way).
fn day_of(day: i64) -> i32 {
    day.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{EntityRef, FactRef};
    use crate::{canonical_order, group, Signal, JOIN_SCORE};
    use isnad_ledger::{EntityType, Kind};
    use isnad_time::Date;

    fn day(d: i64) -> Option<Date> {
        Some(Date::new(2024, 3, 1).unwrap().add_days(d))
    }

    fn place(id: &str) -> EntityRef {
        EntityRef {
            id: id.into(),
            kind: EntityType::Location,
            mentions: 2,
            broad: false,
        }
    }

    fn country(id: &str) -> EntityRef {
        EntityRef {
            broad: true,
            ..place(id)
        }
    }

    /// A report: its words (each once), places, publication day.
    fn report(
        id: &str,
        published: Option<Date>,
        words: &[&str],
        places: &[EntityRef],
    ) -> StoryInput {
        let mut words: Vec<(std::sync::Arc<str>, u32)> = words
            .iter()
            .map(|w| (std::sync::Arc::from(*w), 1))
            .collect();
        words.sort();
        StoryInput {
            id: id.into(),
            published,
            title: Some(format!("headline of {id}")),
            lead: format!("lead of {id}"),
            entities: places.to_vec(),
            words,
            ..StoryInput::default()
        }
    }

    /// Two happenings reported twice each (a bombing in one city, a flood
    /// in a city of another country), background noise, a one-line report pair.
    fn reports() -> Vec<StoryInput> {
        let bombing = ["تفجير", "سوق", "سياره", "مفخخه", "شرطه", "ضحايا", "حي"];
        let flood = ["سيول", "امطار", "غزيره", "احياء", "مياه", "ضحايا", "انقاذ"];
        let mut all = vec![
            report(
                "b1",
                day(0),
                &bombing,
                &[place("city-a"), country("land-a")],
            ),
            report("b2", day(1), &bombing[1..], &[place("city-a")]),
            report("f1", day(0), &flood, &[place("city-b"), country("land-b")]),
            report("f2", None, &flood[..6], &[place("city-b")]),
            report("one-1", None, &["اعلن", "شرطه", "مقتل", "هجوم", "سوق"], &[]),
            report("one-2", None, &["اعلن", "شرطه", "مقتل", "هجوم", "سوق"], &[]),
        ];
        for i in 0..12 {
            let words = [format!("كلمه{i}"), format!("اخري{i}"), "ضحايا".to_string()];
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            all.push(report(
                &format!("n{i:02}"),
                day(i * 9),
                &words,
                &[place(&format!("p{i}"))],
            ));
        }
        all
    }

    fn story_of(stories: &[Story], doc: &str) -> String {
        stories
            .iter()
            .find(|s| s.documents.iter().any(|d| d == doc))
            .map(|s| s.id.clone())
            .unwrap()
    }

    #[test]
    fn reports_of_one_happening_share_a_story_and_others_stay_apart() {
        let stories = group(reports());
        assert_eq!(story_of(&stories, "b1"), story_of(&stories, "b2"));
        assert_eq!(
            story_of(&stories, "f1"),
            story_of(&stories, "f2"),
            "undated: by content"
        );
        assert_ne!(story_of(&stories, "b1"), story_of(&stories, "f1"));
        assert_ne!(story_of(&stories, "one-1"), story_of(&stories, "one-2"));
        assert_eq!(stories.len(), 2 + 2 + 12);
    }

    #[test]
    fn the_grouping_does_not_depend_on_the_order_documents_come_in() {
        let first = group(reports());
        let mut shuffled = reports();
        shuffled.reverse();
        shuffled.swap(0, 7);
        shuffled.swap(3, 11);
        assert_eq!(group(shuffled), first);
        let mut sorted = reports();
        sorted.sort_by(canonical_order);
        assert_eq!(sorted[0].id, "b1", "earliest first, then by id");
        assert_eq!(sorted.last().unwrap().id, "one-2", "undated last");
    }

    #[test]
    fn a_story_keeps_its_id_as_later_documents_join() {
        let mut early: Vec<StoryInput> = reports();
        early.retain(|d| d.id != "b2");
        let before = story_of(&group(early), "b1");
        let after = group(reports());
        assert_eq!(story_of(&after, "b2"), before);
        assert_eq!(
            before, "sb1",
            "`s` and the id of the document that started it"
        );
    }

    #[test]
    fn reports_far_apart_in_time_are_different_stories() {
        let words = ["تفجير", "سوق", "سياره", "مفخخه", "شرطه"];
        let stories = group(vec![
            report("a", day(0), &words, &[place("city")]),
            report("b", day(crate::FAR_DAYS + 1), &words, &[place("city")]),
        ]);
        assert_eq!(stories.len(), 2);
    }

    #[test]
    fn a_near_duplicate_joins_its_originals_story_whatever_it_says() {
        let mut all = reports();
        let mut copy = report("copy", day(-5), &["غير", "متصل"], &[]);
        copy.near_duplicate_of = Some("f1".into());
        all.push(copy);
        let stories = group(all);
        assert_eq!(story_of(&stories, "copy"), story_of(&stories, "f1"));
        let s = stories
            .iter()
            .find(|s| s.id == story_of(&stories, "f1"))
            .unwrap();
        let join = s.joins.iter().find(|j| j.doc == "copy").unwrap();
        assert_eq!(join.reason, Reason::NearDuplicate { of: "f1".into() });
    }

    #[test]
    fn every_join_is_explained_by_its_signals() {
        let stories = group(reports());
        let s = stories
            .iter()
            .find(|s| s.id == story_of(&stories, "b2"))
            .unwrap();
        assert!(matches!(s.joins[0].reason, Reason::Founded { .. }));
        let Reason::Joined(m) = &s.joins[1].reason else {
            panic!("{:?}", s.joins[1]);
        };
        assert_eq!((m.member.as_str(), m.story.as_str()), ("b1", "sb1"));
        let sum: f64 = m.signals.iter().map(Signal::contribution).sum();
        assert!((m.score - sum).abs() < 1e-12 && m.total >= JOIN_SCORE);
        let entities = m
            .signals
            .iter()
            .find(|x| x.kind == crate::SignalKind::Entities)
            .unwrap();
        assert_eq!(entities.shared, vec!["city-a"]);
        // The one-line reports compared nothing: no date, no entity.
        let one = stories.iter().find(|s| s.documents == ["one-1"]).unwrap();
        assert_eq!(one.joins[0].reason, Reason::Founded { closest: None });
    }

    #[test]
    fn a_story_sums_up_its_members() {
        let mut all = reports();
        all[0].facts = vec![FactRef {
            kind: Kind::Killed,
            count: Some((9, Some(9))),
            time: day(-1).map(|d| (d, d)),
        }];
        // A background date, long before: not the story's span.
        all[1].facts = vec![FactRef {
            kind: Kind::Killed,
            count: Some((300, Some(300))),
            time: day(-400).map(|d| (d, d)),
        }];
        let stories = group(all);
        let s = stories.iter().find(|s| s.id == "sb1").unwrap();
        assert_eq!(s.documents, ["b1", "b2"]);
        assert_eq!((s.start, s.end), (day(-1), day(1)));
        assert_eq!(
            s.places,
            ["city-a", "land-a"],
            "what half the members name, most first"
        );
        assert!(s.title.starts_with("headline of"));
        let undated = stories.iter().find(|s| s.documents == ["one-1"]).unwrap();
        assert_eq!((undated.start, undated.end), (None, None));
        assert_eq!(undated.title, "headline of one-1");
    }

    #[test]
    fn a_document_alone_in_its_story_joins_the_story_grown_close_since() {
        // a is first and alone; b (9 days later: against by date) is too far
        // from a alone and starts a story; c and d, undated, join b. Seen
        // again, a is close enough to b with c behind it.
        let words = [
            "احتجاجات",
            "وقود",
            "اسعار",
            "شرطه",
            "متظاهرين",
            "عاصمه",
            "حكومه",
        ];
        let region = || vec![place("city"), place("region")];
        let a = report(
            "a",
            day(0),
            &["احتجاجات", "وقود", "اخري", "ثالثه", "رابعه", "خامسه"],
            &[place("city"), place("elsewhere")],
        );
        let stories = group(vec![
            a,
            report("b", day(9), &words, &region()),
            report("c", None, &words[1..], &region()),
            report("d", None, &words[2..], &region()),
        ]);
        assert_eq!(stories.len(), 1, "{stories:#?}");
        let join = stories[0].joins.iter().find(|j| j.doc == "a").unwrap();
        let Reason::Regrouped(m) = &join.reason else {
            panic!("{join:?}");
        };
        assert!(m.total >= JOIN_SCORE && m.support.is_some());
        assert_eq!(stories[0].id, "sb", "the story a joined keeps its id");
    }

    #[test]
    fn an_undated_member_does_not_carry_a_story_across_weeks() {
        let words = ["سيول", "امطار", "غزيره", "احياء", "مياه", "انقاذ"];
        let stories = group(vec![
            report("flood", day(0), &words, &[place("city")]),
            report("undated", None, &words, &[place("city")]),
            // Two months later, the same words and place: another story.
            report("later", day(60), &words, &[place("city")]),
        ]);
        assert_eq!(story_of(&stories, "flood"), story_of(&stories, "undated"));
        assert_ne!(story_of(&stories, "later"), story_of(&stories, "flood"));
    }

    #[test]
    fn a_rare_shared_place_outranks_many_common_words_among_candidates() {
        let common: Vec<String> = (0..12).map(|i| format!("شائع{i}")).collect();
        let common: Vec<&str> = common.iter().map(String::as_str).collect();
        let mut index = Index::new();
        for i in 0..40 {
            let own = format!("خاص{i}");
            let mut words = common.clone();
            words.push(&own);
            index.add(report(
                &format!("c{i:02}"),
                day(0),
                &words,
                &[place(&format!("p{i}"))],
            ));
        }
        index.add(report("same", day(0), &["نادر", "اخر"], &[place("city")]));
        let mut words = common.clone();
        words.push("نادر");
        let query = index
            .stats
            .provisional_profile(&report("q", day(0), &words, &[place("city")]));
        let found: Vec<&str> = index
            .candidates(&query)
            .into_iter()
            .map(|d| index.members[d].input.id.as_str())
            .collect();
        assert_eq!(found.len(), CANDIDATES);
        assert_eq!(found[0], "same", "{found:?}");
    }

    #[test]
    fn candidates_come_from_the_index_within_the_date_window() {
        let mut index = Index::new();
        // One document every other day.
        for i in 0..600 {
            index.add(report(
                &format!("d{i:03}"),
                day(2 * i),
                &["مشترك", "سوق"],
                &[place("city")],
            ));
        }
        let query = index
            .stats
            .provisional_profile(&report("q", day(400), &["سوق"], &[]));
        let found: Vec<i64> = index
            .candidates(&query)
            .into_iter()
            .map(|d| index.members[d].profile.day.unwrap() - query.day.unwrap())
            .collect();
        assert_eq!(found.len(), FAR_DAYS as usize + 1, "{found:?}");
        assert!(found.iter().all(|d| d.abs() <= FAR_DAYS));
        let undated = index
            .stats
            .provisional_profile(&report("u", None, &["سوق"], &[]));
        assert!(
            index.candidates(&undated).is_empty(),
            "a term of 600 documents is not looked up"
        );
        let rare = index
            .stats
            .provisional_profile(&report("r", None, &["نادر"], &[place("city")]));
        assert!(
            index.candidates(&rare).is_empty(),
            "nor is an entity of 600"
        );
    }
}
