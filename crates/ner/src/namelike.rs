//! How much a word looks like a name of some kind rather than a word of
//! general Arabic, from its letters alone: character trigram models of
//! personal names (Wikidata name parts and ANETAC person tokens), of place
//! names (ANETAC location tokens and gazetteer places), and of general words
//! (the wordfreq list). Unseen foreign names — transliterated surnames, towns —
//! have letter sequences general words rarely have.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use isnad_gazetteer::{gazetteer, key, NameClass};
use isnad_text::token::general_words;

use crate::model::PassThrough;

/// Up to three letters in one number (21 bits each), mixed by an odd
/// multiplier (a bijection, so distinct n-grams stay distinct) to serve as
/// its own hash.
fn pack(letters: &[char]) -> u64 {
    letters
        .iter()
        .fold(letters.len() as u64, |acc, &c| (acc << 21) | c as u64)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

const START: char = '^';
const END: char = '$';
/// The size of the alphabet the smoothing assumes.
const LETTERS: f32 = 40.0;

/// The log-probability of a letter seen `t` times after a context seen `n`
/// times (add-k smoothing over seen contexts).
fn log_prob(t: f32, n: f32) -> f32 {
    ((t + 0.1) / (n + 0.1 * LETTERS)).ln()
}

/// The models, as indices into the arrays of [`Joint`].
const GENERAL: usize = 0;
const PERSON: usize = 1;
const PLACE: usize = 2;

/// Feeds every training word (a key) to `add(model, word, weight)`, each
/// model's words in the order its counts are summed.
fn training_words(mut add: impl FnMut(usize, &str, f32)) {
    let g = gazetteer();
    for (k, class) in g.transliterated_names() {
        match class {
            NameClass::Person => add(PERSON, k, 1.0),
            NameClass::Location => add(PLACE, k, 1.0),
            NameClass::Organization => {}
        }
    }
    for (k, _) in g.person_names() {
        add(PERSON, k, 1.0);
    }
    for e in g.entries() {
        for n in &e.names_ar {
            for w in key(n).split(' ') {
                add(PLACE, w, 0.5);
            }
        }
    }
    for (w, zipf) in general_words() {
        // Common words count more, but not by their raw frequency (a
        // model of word types, like the name lists).
        add(
            GENERAL,
            &key(w),
            1.0 + (zipf.saturating_sub(25) as f32) / 10.0,
        );
    }
}

/// Each letter of a word (and its end) with the two before it: `f(trigram, bigram)`.
fn each_trigram(word: &str, mut f: impl FnMut(u64, u64)) {
    let mut a = START;
    let mut b = START;
    for c in word.chars().chain(std::iter::once(END)) {
        f(pack(&[a, b, c]), pack(&[a, b]));
        a = b;
        b = c;
    }
}

type ByGram<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// The three models' log-probabilities side by side (general, person,
/// place), so a letter costs one or two lookups instead of six.
struct Joint {
    /// By trigram any model has seen.
    tri: ByGram<[f32; 3]>,
    /// By bigram any model has seen: a letter after it in no model's trigrams.
    bi: ByGram<[f32; 3]>,
    /// A letter after a bigram no model has seen.
    unseen: [f32; 3],
}

impl Joint {
    /// Counts the training words of every model in one pass.
    fn train() -> Joint {
        // Trigram counts with their bigram, bigram counts: per model.
        let mut tri: ByGram<([f32; 3], u64)> = Default::default();
        let mut bi: ByGram<[f32; 3]> = Default::default();
        training_words(|model, word, weight| {
            each_trigram(word, |abc, ab| {
                tri.entry(abc).or_insert(([0.0; 3], ab)).0[model] += weight;
                bi.entry(ab).or_default()[model] += weight;
            })
        });
        let unseen = [log_prob(0.0, 0.0); 3];
        Joint {
            tri: tri
                .iter()
                .map(|(&abc, (t, ab))| {
                    let n = bi[ab];
                    (abc, [0, 1, 2].map(|m| log_prob(t[m], n[m])))
                })
                .collect(),
            bi: bi
                .iter()
                .map(|(&ab, n)| (ab, n.map(|n| log_prob(0.0, n))))
                .collect(),
            unseen,
        }
    }

    /// Each model's log-probability of each letter of `word` (and its end)
    /// given the two before it: general, person, place.
    fn log_probs(&self, word: &str) -> [Vec<f32>; 3] {
        let mut out: [Vec<f32>; 3] = Default::default();
        each_trigram(word, |abc, ab| {
            let p = self
                .tri
                .get(&abc)
                .or_else(|| self.bi.get(&ab))
                .unwrap_or(&self.unseen);
            for (o, &x) in out.iter_mut().zip(p) {
                o.push(x);
            }
        });
        out
    }
}

/// The joint table of the three models (trained once).
fn models() -> &'static Joint {
    static M: OnceLock<Joint> = OnceLock::new();
    M.get_or_init(Joint::train)
}

/// How much `stem_key` (a token key without clitics) looks like a personal
/// name and like a place name rather than a general word: two buckets,
/// each 0 (not at all) to 7 (strongly), from the mean per-letter log ratio.
pub fn name_likeness(stem_key: &str) -> (u8, u8) {
    if stem_key.chars().count() < 2 {
        return (0, 0);
    }
    let [general, person, place] = models().log_probs(stem_key);
    let g: f32 = general.iter().sum();
    let n = general.len() as f32;
    let bucket = |other: &[f32]| {
        let s: f32 = other.iter().sum();
        let r = (s - g) / n;
        ((r * 2.0 + 4.0).floor()).clamp(0.0, 7.0) as u8
    };
    (bucket(&person), bucket(&place))
}

#[cfg(test)]
mod tests {
    use super::name_likeness;
    use std::collections::HashMap;

    #[test]
    fn unseen_foreign_surnames_look_like_names_and_common_words_do_not() {
        // None of these surnames is in the name lists as written here.
        for surname in ["كوفالتشوك", "فيترشتاين", "ماكغريغوري"] {
            let word = name_likeness("الاقتصاديه").0;
            let name = name_likeness(surname).0;
            assert!(name > word, "{surname}: {name} vs general word {word}");
            assert!(name >= 4, "{surname}: {name}");
        }
        for common in ["الحكومه", "الاقتصاديه", "وزاره", "المواطنين"]
        {
            assert!(name_likeness(common).0 <= 3, "{common}");
        }
    }

    /// One model on its own, as the tagger first had them: the reference
    /// the joint table must match exactly.
    #[derive(Default)]
    struct Trigrams {
        tri: HashMap<u64, f32>,
        bi: HashMap<u64, f32>,
    }

    #[test]
    fn the_joint_table_gives_each_models_own_log_probabilities() {
        let mut models: [Trigrams; 3] = Default::default();
        super::training_words(|m, word, weight| {
            super::each_trigram(word, |abc, ab| {
                *models[m].tri.entry(abc).or_default() += weight;
                *models[m].bi.entry(ab).or_default() += weight;
            })
        });
        for word in [
            "كوفالتشوك",
            "الحكومه",
            "باريس",
            "qxz",
            "ءءء",
            "محمد",
            "ستوكهولم",
        ] {
            let joint = super::models().log_probs(word);
            for (model, joint) in models.iter().zip(&joint) {
                let mut own = Vec::new();
                super::each_trigram(word, |abc, ab| {
                    let t = model.tri.get(&abc).copied().unwrap_or(0.0);
                    let n = model.bi.get(&ab).copied().unwrap_or(0.0);
                    own.push(super::log_prob(t, n));
                });
                assert_eq!(&own, joint, "{word}");
            }
        }
    }

    #[test]
    fn one_letter_says_nothing() {
        assert_eq!(name_likeness("و"), (0, 0));
    }
}
