//! The signals that say two documents tell one story, each a similarity in
//! [0, 1] times its weight, and their sum ([`compare`]).
//!
//! * **date** — publication dates within [`WINDOW_DAYS`] days (closer is
//!   more); farther apart the documents are never one story; an undated
//!   document is judged by the other signals alone;
//! * **entities** — the linked entities both mention, each weighted by its
//!   rarity in the store (a city counts more than its country);
//! * **words** — the cosine of their content words, TF-IDF weighted;
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

use crate::profile::{Profile, Stats};
use crate::terms::Terms;

/// Publication dates farther apart than this many days are different stories.
pub const WINDOW_DAYS: i64 = 3;

/// How many shared words a signal names when it is explained.
const WORDS_SHOWN: usize = 8;

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
    /// Similarity in [0, 1]; -1 for a signal against ([`SignalKind::Places`]).
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
/// contributions) and each signal that found anything.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Comparison {
    pub score: f64,
    pub signals: Vec<Signal>,
}

/// How close two publication dates are: `None` when both are known and
/// more than [`WINDOW_DAYS`] apart (never one story), `Some(None)` when one
/// is unknown, else the similarity (1 on the same day, falling linearly).
pub(crate) fn date_closeness(a: Option<i64>, b: Option<i64>) -> Option<Option<f64>> {
    let (Some(a), Some(b)) = (a, b) else {
        return Some(None);
    };
    let apart = (a - b).abs();
    (apart <= WINDOW_DAYS).then(|| Some(1.0 - apart as f64 / (WINDOW_DAYS + 1) as f64))
}

/// The cosine of two weighted term lists (sorted by id), each term's
/// weight multiplied by `idf(term)`; with the shared terms and what each
/// adds to the dot product, largest first.
pub(crate) fn weighted_cosine(
    a: &[(u32, f64)],
    b: &[(u32, f64)],
    idf: impl Fn(u32) -> f64,
) -> (f64, Vec<(u32, f64)>) {
    let norm = |l: &[(u32, f64)]| l.iter().map(|&(t, w)| (w * idf(t)).powi(2)).sum::<f64>();
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return (0.0, Vec::new());
    }
    let mut shared = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = idf(a[i].0).powi(2) * a[i].1 * b[j].1;
                shared.push((a[i].0, w));
                i += 1;
                j += 1;
            }
        }
    }
    let dot: f64 = shared.iter().map(|s| s.1).sum();
    shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    ((dot / (na * nb).sqrt()).min(1.0), shared)
}

/// Unit weights for a sorted list of term ids.
fn unweighted(ids: &[u32]) -> Vec<(u32, f64)> {
    ids.iter().map(|&t| (t, 1.0)).collect()
}

/// Compares two documents by every signal; `None` when their dates say
/// they are different stories, or nothing anchors them to one (neither
/// dates in the window nor a shared entity).
pub(crate) fn compare(stats: &Stats, a: &Profile, b: &Profile) -> Option<Comparison> {
    let date = date_closeness(a.day, b.day)?;
    let (entities, shared_entities) =
        weighted_cosine(&a.entities, &b.entities, |t| stats.entity_idf(t));
    if date.is_none() && shared_entities.is_empty() {
        return None;
    }
    let mut signals = Vec::with_capacity(7);
    if let Some(closeness) = date {
        let days = (a.day.unwrap_or(0) - b.day.unwrap_or(0)).abs();
        signals.push(signal(SignalKind::Date, closeness, vec![format!("{days} days apart")]));
    }
    let names = |terms: &Terms, shared: &[(u32, f64)], n: usize| -> Vec<String> {
        shared.iter().take(n).map(|&(t, _)| terms.name(t).to_string()).collect()
    };
    signals.push(signal(
        SignalKind::Entities,
        entities,
        names(&stats.entities, &shared_entities, usize::MAX),
    ));
    let (words, shared) = weighted_cosine(&a.words, &b.words, |t| stats.word_idf(t));
    signals.push(signal(SignalKind::Words, words, names(&stats.words, &shared, WORDS_SHOWN)));
    let idf_cosine = |x: &[u32], y: &[u32], idf: &dyn Fn(u32) -> f64| {
        weighted_cosine(&unweighted(x), &unweighted(y), idf)
    };
    let (headline, shared) = idf_cosine(&a.headline, &b.headline, &|t| stats.word_idf(t));
    signals.push(signal(SignalKind::Headline, headline, names(&stats.words, &shared, WORDS_SHOWN)));
    let (kinds, shared) = idf_cosine(&a.kinds, &b.kinds, &|t| stats.kind_idf(t));
    signals.push(signal(SignalKind::Kinds, kinds, names(&stats.kinds, &shared, usize::MAX)));
    let (figures, shared) = figures_shared(a, b);
    signals.push(signal(SignalKind::Figures, figures, shared));
    if places_differ(&a.places, &b.places) {
        let mut shown: Vec<String> = a.places.iter().map(|&p| stats.entities.name(p).to_string()).collect();
        shown.push("≠".into());
        shown.extend(b.places.iter().map(|&p| stats.entities.name(p).to_string()));
        signals.push(signal(SignalKind::Places, -1.0, shown));
    }
    signals.retain(|s| s.similarity != 0.0);
    let score = signals.iter().map(Signal::contribution).sum();
    Some(Comparison { score, signals })
}

/// Whether two documents both name places of their own and share none
/// (sorted id lists).
pub(crate) fn places_differ(a: &[u32], b: &[u32]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|p| b.binary_search(p).is_ok())
}

fn signal(kind: SignalKind, similarity: f64, shared: Vec<String>) -> Signal {
    Signal {
        kind,
        similarity,
        weight: kind.weight(),
        shared,
    }
}

/// The exact figures both documents state for one kind, as a share of the
/// smaller document's figures, and each as `kind N`.
fn figures_shared(a: &Profile, b: &Profile) -> (f64, Vec<String>) {
    let fewer = a.figures.len().min(b.figures.len());
    if fewer == 0 {
        return (0.0, Vec::new());
    }
    let shared: Vec<String> = a
        .figures
        .iter()
        .filter(|f| b.figures.binary_search(f).is_ok())
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    (shared.len() as f64 / fewer as f64, shared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_ledger::Kind;

    #[test]
    fn dates_within_the_window_are_close_and_beyond_it_apart() {
        assert_eq!(date_closeness(Some(10), Some(10)), Some(Some(1.0)));
        let one = date_closeness(Some(10), Some(11)).unwrap().unwrap();
        let three = date_closeness(Some(13), Some(10)).unwrap().unwrap();
        assert!(one > three && three > 0.0);
        assert_eq!(date_closeness(Some(10), Some(10 + WINDOW_DAYS + 1)), None);
        assert_eq!(date_closeness(None, Some(10)), Some(None), "undated: content alone");
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
        assert_eq!(shared[0].0, 1, "the rarer shared term first");
        assert_eq!(weighted_cosine(&a, &[], idf).0, 0.0);
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
        assert!(compare(&s, &a, &profile(Some(WINDOW_DAYS + 1), &[0, 1], &[])).is_none());
        let a = profile(Some(0), &[0, 1], &[3]);
        let undated = compare(&s, &a, &profile(None, &[0, 1], &[3])).unwrap();
        assert!(undated.signals.iter().all(|x| x.kind != SignalKind::Date));
        let dated = compare(&s, &a, &profile(Some(1), &[0, 1], &[3])).unwrap();
        assert!(dated.score > undated.score, "a close date adds to the score");
    }

    #[test]
    fn the_score_is_the_sum_of_contributions_and_rare_shared_words_score_more() {
        let s = stats(20);
        let rare = compare(&s, &profile(Some(0), &[0, 19], &[]), &profile(Some(0), &[0, 18], &[]))
            .unwrap();
        let common =
            compare(&s, &profile(Some(0), &[0, 19], &[]), &profile(Some(0), &[18, 19], &[]))
                .unwrap();
        let sum: f64 = rare.signals.iter().map(Signal::contribution).sum();
        assert!((rare.score - sum).abs() < 1e-12);
        assert!(rare.score > common.score);
        let words = &rare.signals.iter().find(|x| x.kind == SignalKind::Words).unwrap();
        assert_eq!(words.shared, vec!["w000"]);
    }

    #[test]
    fn undated_documents_sharing_no_entity_are_not_compared() {
        let s = stats(20);
        let (a, b) = (profile(None, &[0, 1, 2], &[]), profile(None, &[0, 1, 2], &[]));
        assert!(compare(&s, &a, &b).is_none(), "same words, nothing anchoring them");
        let (a, b) = (profile(None, &[0, 1, 2], &[5]), profile(None, &[0, 1, 2], &[5]));
        assert!(compare(&s, &a, &b).is_some(), "a shared entity anchors them");
        let (a, b) = (profile(Some(3), &[0, 1, 2], &[]), profile(Some(4), &[0, 1, 2], &[]));
        assert!(compare(&s, &a, &b).is_some(), "so do close dates");
    }

    #[test]
    fn documents_naming_only_different_places_of_their_own_count_against() {
        assert!(places_differ(&[1, 4], &[2, 3]));
        assert!(!places_differ(&[1, 4], &[3, 4]), "one place in common");
        assert!(!places_differ(&[], &[2]), "one names no place of its own");
        let s = stats(20);
        let mut a = profile(Some(0), &[0, 1], &[]);
        let mut b = profile(Some(0), &[0, 1], &[]);
        let alike = compare(&s, &a, &b).unwrap().score;
        (a.places, b.places) = (vec![7], vec![8]);
        let apart = compare(&s, &a, &b).unwrap();
        assert!((alike - apart.score - SignalKind::Places.weight()).abs() < 1e-9);
        let places = apart.signals.iter().find(|x| x.kind == SignalKind::Places).unwrap();
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
        assert_eq!((sim, shared), (1.0, vec!["killed 13".to_string()]));
        assert_eq!(figures_shared(&a, &with(&[(Kind::Injured, 13)])).0, 0.0);
        assert_eq!(figures_shared(&a, &with(&[])).0, 0.0);
    }
}
