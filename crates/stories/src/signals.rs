//! The signals that say two documents tell one story, each a similarity in
//! [0, 1] times its weight, and their sum ([`compare`]).
//!
//! * **date** — publication dates within [`WINDOW_DAYS`] days count for
//!   (closer is more), farther apart against, more and more up to
//!   [`FAR_DAYS`]; farther still the documents are never one story (a
//!   story a reader follows for weeks is several happenings); an undated
//!   document is judged by the other signals alone;
//! * **entities** — the linked entities both mention, each weighted by its
//!   rarity in the store (a city counts more than its country);
//! * **words** — the cosine of their content words, TF-IDF weighted (each
//!   document's [`VECTOR_WORDS`] most telling ones);
//! * **headline** — the cosine of their headlines' words, IDF weighted;
//! * **kinds** — the kinds of event both report, IDF weighted;
//! * **figures** — exact figures both state for one kind;
//! * **places** — against: both name places of their own (not a country)
//!   and none is the same (a city and another city of one country).
//!
//! Two documents are compared only when something anchors them to one
//! happening: publication dates within the window, or a linked entity both
//! mention. Two undated reports naming no place, person or organisation
//! ("the police announced deaths in the market attack") may share every
//! word and still be any two happenings.

use serde::{Deserialize, Serialize};

use isnad_ledger::Kind;

use crate::profile::{Profile, Stats};
use crate::terms::Terms;

/// Publication dates at most this many days apart count for one story.
pub const WINDOW_DAYS: i64 = 3;
/// Publication dates farther apart than this many days are different stories.
pub const FAR_DAYS: i64 = 14;

/// How many shared words a signal names when it is explained.
const WORDS_SHOWN: usize = 8;

/// How many of a document's content words its word vector keeps: the most
/// telling ones (by TF-IDF). A long article's hundreds of other words add
/// little to what it is about and most of the cost of comparing it.
pub(crate) const VECTOR_WORDS: usize = 64;

/// One kind of evidence that two documents tell one story.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SignalKind {
    /// Publication dates close together.
    Date,
    /// Linked entities both mention, by rarity.
    Entities,
    /// Content words, TF-IDF.
    Words,
    /// Headline words, IDF.
    Headline,
    /// Kinds of event both report.
    Kinds,
    /// Exact figures both state for one kind.
    Figures,
    /// Both name places of their own, and none is the same (a contribution against).
    Places,
    /// One document nearly repeats the other.
    NearDuplicate,
}

impl SignalKind {
    /// What the signal's similarity is multiplied by in the score.
    pub fn weight(self) -> f64 {
        match self {
            SignalKind::Date => 0.10,
            SignalKind::Entities => 0.30,
            SignalKind::Words => 0.35,
            SignalKind::Headline => 0.10,
            SignalKind::Kinds => 0.05,
            SignalKind::Figures => 0.10,
            SignalKind::Places => 0.20,
            SignalKind::NearDuplicate => 1.0,
        }
    }

    /// Its name, as an explanation shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Date => "date",
            SignalKind::Entities => "entities",
            SignalKind::Words => "words",
            SignalKind::Headline => "headline",
            SignalKind::Kinds => "kinds",
            SignalKind::Figures => "figures",
            SignalKind::Places => "places",
            SignalKind::NearDuplicate => "near_duplicate",
        }
    }
}

/// One signal of a comparison: how similar the documents are by it, its
/// weight, and what they share (entity ids, word keys, kinds, figures, the
/// days between them; for [`SignalKind::Places`], the places of each,
/// the two lists parted by `≠`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// Which signal.
    pub kind: SignalKind,
    /// Similarity in [0, 1]; below 0 for evidence against (dates more
    /// than [`WINDOW_DAYS`] apart, [`SignalKind::Places`]).
    pub similarity: f64,
    /// Its weight ([`SignalKind::weight`]).
    pub weight: f64,
    /// What the documents share by this signal, most telling first.
    pub shared: Vec<String>,
}

impl Signal {
    /// What it adds to the score: similarity times weight.
    pub fn contribution(&self) -> f64 {
        self.similarity * self.weight
    }
}

/// Two documents compared: the score (the sum of the signals'
/// contributions) and each signal that found anything, with what it found
/// as term ids ([`Comparison::signals`] names them: only the comparison a
/// decision keeps is ever named).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Comparison {
    pub score: f64,
    parts: Vec<(SignalKind, f64, Shared)>,
}

/// What a signal found, by term id.
#[derive(Clone, Debug, PartialEq)]
enum Shared {
    Days(i64),
    Entities(Vec<(u32, f64)>),
    Words(Vec<(u32, f64)>),
    Kinds(Vec<(u32, f64)>),
    Figures(Vec<(Kind, u64)>),
    Places(Vec<u32>, Vec<u32>),
}

impl Comparison {
    /// Each signal with what it found, named: entity ids, word keys (the
    /// [`WORDS_SHOWN`] most telling), kinds, figures as `kind N`, the days
    /// apart, or each side's places parted by `≠`.
    pub(crate) fn signals(&self, stats: &Stats) -> Vec<Signal> {
        let names = |terms: &Terms, shared: &[(u32, f64)], n: usize| -> Vec<String> {
            by_weight(shared)
                .into_iter()
                .take(n)
                .map(|t| terms.name(t).to_string())
                .collect()
        };
        self.parts
            .iter()
            .map(|(kind, similarity, shared)| {
                let shared = match shared {
                    Shared::Days(1) => vec!["1 day apart".to_string()],
                    Shared::Days(d) => vec![format!("{d} days apart")],
                    Shared::Entities(e) => names(&stats.entities, e, usize::MAX),
                    Shared::Words(w) => names(&stats.words, w, WORDS_SHOWN),
                    Shared::Kinds(k) => names(&stats.kinds, k, usize::MAX),
                    Shared::Figures(f) => f.iter().map(|(k, n)| format!("{k} {n}")).collect(),
                    Shared::Places(a, b) => {
                        let name = |p: &u32| stats.entities.name(*p).to_string();
                        let mut shown: Vec<String> = a.iter().map(name).collect();
                        shown.push("≠".into());
                        shown.extend(b.iter().map(name));
                        shown
                    }
                };
                Signal {
                    kind: *kind,
                    similarity: *similarity,
                    weight: kind.weight(),
                    shared,
                }
            })
            .collect()
    }
}

/// Shared terms, the largest share of the dot product first (ties: by id).
fn by_weight(shared: &[(u32, f64)]) -> Vec<u32> {
    let mut sorted = shared.to_vec();
    sorted.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    sorted.into_iter().map(|(t, _)| t).collect()
}

/// How close two publication dates are: `None` when both are known and
/// more than [`FAR_DAYS`] apart (never one story), `Some(None)` when one
/// is unknown, else the similarity: 1 on the same day, falling linearly to
/// 0 past [`WINDOW_DAYS`], then to -1 at [`FAR_DAYS`].
pub(crate) fn date_closeness(a: Option<i64>, b: Option<i64>) -> Option<Option<f64>> {
    let (Some(a), Some(b)) = (a, b) else {
        return Some(None);
    };
    let apart = (a - b).abs();
    if apart > FAR_DAYS {
        return None;
    }
    Some(Some(if apart <= WINDOW_DAYS {
        1.0 - apart as f64 / (WINDOW_DAYS + 1) as f64
    } else {
        -((apart - WINDOW_DAYS) as f64) / (FAR_DAYS - WINDOW_DAYS) as f64
    }))
}

/// A term of a list a cosine is taken over: its id and its weight.
pub(crate) trait Weighted {
    /// The term's id.
    fn id(&self) -> u32;
    /// Its weight before rarity.
    fn weight(&self) -> f64;
}

impl Weighted for (u32, f64) {
    fn id(&self) -> u32 {
        self.0
    }
    fn weight(&self) -> f64 {
        self.1
    }
}

impl Weighted for u32 {
    fn id(&self) -> u32 {
        *self
    }
    fn weight(&self) -> f64 {
        1.0
    }
}

/// A term list weighed by rarity (each term's weight times its rarity),
/// sorted by id, with its squared norm: what a cosine is taken over.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Vector {
    terms: Vec<(u32, f64)>,
    norm2: f64,
}

impl Vector {
    /// `list` (sorted by id) weighed by `idf`.
    pub(crate) fn of<T: Weighted>(list: &[T], idf: impl Fn(u32) -> f64) -> Vector {
        Vector::top(list, idf, usize::MAX)
    }

    /// The `keep` heaviest terms of `list` (sorted by id) weighed by `idf`
    /// (ties: the smaller id), in id order.
    pub(crate) fn top<T: Weighted>(list: &[T], idf: impl Fn(u32) -> f64, keep: usize) -> Vector {
        let mut terms: Vec<(u32, f64)> = list
            .iter()
            .map(|t| (t.id(), t.weight() * idf(t.id())))
            .collect();
        if terms.len() > keep {
            let heavier = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            terms.select_nth_unstable_by(keep, heavier);
            terms.truncate(keep);
            terms.sort_unstable_by_key(|t| t.0);
        }
        let norm2 = terms.iter().map(|t| t.1 * t.1).sum();
        Vector { terms, norm2 }
    }
}

/// A document's vectors: entities, content words, headline words, kinds.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Vectors {
    entities: Vector,
    pub words: Vector,
    headline: Vector,
    kinds: Vector,
}

impl Vectors {
    /// The vectors of `p`, weighed by the rarities of `stats` now.
    pub(crate) fn of(p: &Profile, stats: &Stats) -> Vectors {
        Vectors {
            entities: Vector::of(&p.entities, |t| stats.entity_idf(t)),
            words: Vector::top(&p.words, |t| stats.word_idf(t), VECTOR_WORDS),
            headline: Vector::of(&p.headline, |t| stats.word_idf(t)),
            kinds: Vector::of(&p.kinds, |t| stats.kind_idf(t)),
        }
    }
}

/// The cosine of two vectors, with the shared terms and what each adds to
/// the dot product, in id order.
pub(crate) fn cosine(a: &Vector, b: &Vector) -> (f64, Vec<(u32, f64)>) {
    if a.norm2 == 0.0 || b.norm2 == 0.0 {
        return (0.0, Vec::new());
    }
    let (a, b, norms) = (&a.terms, &b.terms, a.norm2 * b.norm2);
    let mut shared = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared.push((a[i].0, a[i].1 * b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    let dot: f64 = shared.iter().map(|s| s.1).sum();
    ((dot / norms.sqrt()).min(1.0), shared)
}

/// Compares two documents (each its profile and its [`Vectors`]) by every
/// signal; `None` when their dates say they are different stories, or
/// nothing anchors them to one (neither dates in the window nor a shared
/// entity).
pub(crate) fn compare(a: (&Profile, &Vectors), b: (&Profile, &Vectors)) -> Option<Comparison> {
    let ((a, va), (b, vb)) = (a, b);
    let date = date_closeness(a.day, b.day)?;
    let (entities, shared_entities) = cosine(&va.entities, &vb.entities);
    if date.is_none() && shared_entities.is_empty() {
        return None;
    }
    let mut parts = Vec::with_capacity(7);
    if let Some(closeness) = date {
        let days = (a.day.unwrap_or(0) - b.day.unwrap_or(0)).abs();
        parts.push((SignalKind::Date, closeness, Shared::Days(days)));
    }
    parts.push((
        SignalKind::Entities,
        entities,
        Shared::Entities(shared_entities),
    ));
    let (words, shared) = cosine(&va.words, &vb.words);
    parts.push((SignalKind::Words, words, Shared::Words(shared)));
    let (headline, shared) = cosine(&va.headline, &vb.headline);
    parts.push((SignalKind::Headline, headline, Shared::Words(shared)));
    let (kinds, shared) = cosine(&va.kinds, &vb.kinds);
    parts.push((SignalKind::Kinds, kinds, Shared::Kinds(shared)));
    let (figures, shared) = figures_shared(a, b);
    parts.push((SignalKind::Figures, figures, Shared::Figures(shared)));
    if places_differ(&a.places, &b.places) {
        let places = Shared::Places(a.places.clone(), b.places.clone());
        parts.push((SignalKind::Places, -1.0, places));
    }
    parts.retain(|p| p.1 != 0.0);
    let score = parts.iter().map(|(kind, sim, _)| sim * kind.weight()).sum();
    Some(Comparison { score, parts })
}

/// Whether two documents both name places of their own and share none
/// (sorted id lists).
pub(crate) fn places_differ(a: &[u32], b: &[u32]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|p| b.binary_search(p).is_ok())
}

/// The exact figures both documents state for one kind, as a share of the
/// smaller document's figures, and which.
fn figures_shared(a: &Profile, b: &Profile) -> (f64, Vec<(Kind, u64)>) {
    let fewer = a.figures.len().min(b.figures.len());
    if fewer == 0 {
        return (0.0, Vec::new());
    }
    let shared: Vec<(Kind, u64)> = a
        .figures
        .iter()
        .filter(|f| b.figures.binary_search(f).is_ok())
        .copied()
        .collect();
    (shared.len() as f64 / fewer as f64, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_vector_keeps_the_most_telling_words() {
        let idf = |t: u32| f64::from(t);
        let v = Vector::top(&[(1, 1.0), (2, 1.0), (3, 1.0), (4, 0.5)], idf, 2);
        assert_eq!(
            v.terms,
            [(2, 2.0), (3, 3.0)],
            "4 × 0.5 = 2 ties with 2 × 1; the smaller id"
        );
        assert_eq!(v.norm2, 13.0);
        assert_eq!(Vector::top(&[(1, 1.0)], idf, 2).terms.len(), 1);
    }

    #[test]
    fn dates_within_the_window_are_close_and_beyond_it_apart() {
        assert_eq!(date_closeness(Some(10), Some(10)), Some(Some(1.0)));
        let one = date_closeness(Some(10), Some(11)).unwrap().unwrap();
        let three = date_closeness(Some(13), Some(10)).unwrap().unwrap();
        assert!(one > three && three > 0.0);
        let week = date_closeness(Some(10), Some(17)).unwrap().unwrap();
        let far = date_closeness(Some(10), Some(10 + FAR_DAYS))
            .unwrap()
            .unwrap();
        assert!(
            week < 0.0 && far < week,
            "past the window, against: {week} {far}"
        );
        assert_eq!(far, -1.0);
        assert_eq!(date_closeness(Some(10), Some(10 + FAR_DAYS + 1)), None);
        assert_eq!(
            date_closeness(None, Some(10)),
            Some(None),
            "undated: content alone"
        );
    }

    #[test]
    fn cosine_weighs_shared_terms_by_rarity() {
        // Term 1 is rare (idf 4), term 2 common (idf 0.5).
        let idf = |t: u32| if t == 1 { 4.0 } else { 0.5 };
        let a = [(1, 1.0), (2, 1.0)];
        let rare = weighted_cosine(&a, &[(1, 1.0), (3, 1.0)], idf).0;
        let common = weighted_cosine(&a, &[(2, 1.0), (3, 1.0)], idf).0;
        assert!(rare > common, "{rare} vs {common}");
        let (same, shared) = weighted_cosine(&a, &a, idf);
        assert!((same - 1.0).abs() < 1e-9);
        assert_eq!(by_weight(&shared), [1, 2], "the rarer shared term first");
        assert_eq!(weighted_cosine(&a, &[], idf).0, 0.0);
        let ids: [u32; 2] = [1, 2];
        assert!(
            (weighted_cosine(&ids, &ids, idf).0 - 1.0).abs() < 1e-9,
            "ids weigh 1 each"
        );
    }

    /// The cosine of two weighted term lists (sorted by id), each term's
    /// weight multiplied by `idf(term)` ([`cosine`] of their [`Vector`]s).
    fn weighted_cosine<T: Weighted>(
        a: &[T],
        b: &[T],
        idf: impl Fn(u32) -> f64,
    ) -> (f64, Vec<(u32, f64)>) {
        cosine(&Vector::of(a, &idf), &Vector::of(b, &idf))
    }

    /// [`compare`] with each side weighed by `s`.
    fn compare_in(s: &Stats, a: &Profile, b: &Profile) -> Option<Comparison> {
        compare((a, &Vectors::of(a, s)), (b, &Vectors::of(b, s)))
    }

    fn profile(day: Option<i64>, words: &[u32], entities: &[u32]) -> Profile {
        Profile {
            day,
            words: words.iter().map(|&w| (w, 1.0)).collect(),
            entities: entities.iter().map(|&e| (e, 1.0)).collect(),
            ..Profile::default()
        }
    }

    /// Stats over `n` documents where word/entity `t` is held by `t + 1` of them.
    fn stats(n: u32) -> Stats {
        let mut s = Stats::default();
        for d in 0..n {
            let held: Vec<(std::sync::Arc<str>, u32)> = (0..n)
                .filter(|t| d <= *t)
                .map(|t| (std::sync::Arc::from(format!("w{t:03}")), 1))
                .collect();
            let input = crate::StoryInput {
                words: held,
                ..crate::StoryInput::default()
            };
            s.observe(&input);
        }
        s
    }

    #[test]
    fn documents_far_apart_in_time_are_never_compared() {
        let s = stats(20);
        let a = profile(Some(0), &[0, 1], &[]);
        assert!(compare_in(&s, &a, &profile(Some(FAR_DAYS + 1), &[0, 1], &[])).is_none());
        let a = profile(Some(0), &[0, 1], &[3]);
        let undated = compare_in(&s, &a, &profile(None, &[0, 1], &[3])).unwrap();
        assert!(undated
            .signals(&s)
            .iter()
            .all(|x| x.kind != SignalKind::Date));
        let dated = compare_in(&s, &a, &profile(Some(1), &[0, 1], &[3])).unwrap();
        assert!(
            dated.score > undated.score,
            "a close date adds to the score"
        );
    }

    #[test]
    fn the_score_is_the_sum_of_contributions_and_rare_shared_words_score_more() {
        let s = stats(20);
        let rare = compare_in(
            &s,
            &profile(Some(0), &[0, 19], &[]),
            &profile(Some(0), &[0, 18], &[]),
        )
        .unwrap();
        let common = compare_in(
            &s,
            &profile(Some(0), &[0, 19], &[]),
            &profile(Some(0), &[18, 19], &[]),
        )
        .unwrap();
        let sum: f64 = rare.signals(&s).iter().map(Signal::contribution).sum();
        assert!((rare.score - sum).abs() < 1e-12);
        assert!(rare.score > common.score);
        let words = &rare
            .signals(&s)
            .into_iter()
            .find(|x| x.kind == SignalKind::Words)
            .unwrap();
        assert_eq!(words.shared, vec!["w000"]);
    }

    #[test]
    fn undated_documents_sharing_no_entity_are_not_compared() {
        let s = stats(20);
        let (a, b) = (
            profile(None, &[0, 1, 2], &[]),
            profile(None, &[0, 1, 2], &[]),
        );
        assert!(
            compare_in(&s, &a, &b).is_none(),
            "same words, nothing anchoring them"
        );
        let (a, b) = (
            profile(None, &[0, 1, 2], &[5]),
            profile(None, &[0, 1, 2], &[5]),
        );
        assert!(
            compare_in(&s, &a, &b).is_some(),
            "a shared entity anchors them"
        );
        let (a, b) = (
            profile(Some(3), &[0, 1, 2], &[]),
            profile(Some(4), &[0, 1, 2], &[]),
        );
        assert!(compare_in(&s, &a, &b).is_some(), "so do close dates");
    }

    #[test]
    fn documents_naming_only_different_places_of_their_own_count_against() {
        assert!(places_differ(&[1, 4], &[2, 3]));
        assert!(!places_differ(&[1, 4], &[3, 4]), "one place in common");
        assert!(!places_differ(&[], &[2]), "one names no place of its own");
        let s = stats(20);
        let mut a = profile(Some(0), &[0, 1], &[]);
        let mut b = profile(Some(0), &[0, 1], &[]);
        let alike = compare_in(&s, &a, &b).unwrap().score;
        (a.places, b.places) = (vec![7], vec![8]);
        let apart = compare_in(&s, &a, &b).unwrap();
        assert!((alike - apart.score - SignalKind::Places.weight()).abs() < 1e-9);
        let places = apart
            .signals(&s)
            .into_iter()
            .find(|x| x.kind == SignalKind::Places)
            .unwrap();
        assert_eq!(places.contribution(), -SignalKind::Places.weight());
    }

    #[test]
    fn figures_count_exact_numbers_of_one_kind_both_state() {
        let with = |figures: &[(Kind, u64)]| Profile {
            figures: figures.to_vec(),
            ..Profile::default()
        };
        let a = with(&[(Kind::Injured, 40), (Kind::Killed, 13)]);
        let (sim, shared) = figures_shared(&a, &with(&[(Kind::Killed, 13)]));
        assert_eq!((sim, shared), (1.0, vec![(Kind::Killed, 13)]));
        assert_eq!(figures_shared(&a, &with(&[(Kind::Injured, 13)])).0, 0.0);
        assert_eq!(figures_shared(&a, &with(&[])).0, 0.0);
    }
}
