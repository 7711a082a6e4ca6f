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

type Counts = HashMap<u64, f32, BuildHasherDefault<PassThrough>>;

/// Up to three letters in one number (21 bits each), mixed by an odd
/// multiplier (a bijection, so distinct n-grams stay distinct) to serve as
/// its own hash.
fn pack(letters: &[char]) -> u64 {
    letters
        .iter()
        .fold(letters.len() as u64, |acc, &c| (acc << 21) | c as u64)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A character trigram model with add-k smoothing over seen contexts.
struct Trigrams {
    tri: Counts,
    bi: Counts,
    /// Each trigram's bigram context.
    context: HashMap<u64, u64, BuildHasherDefault<PassThrough>>,
    letters: f32,
}

const START: char = '^';
const END: char = '$';

impl Trigrams {
    fn new() -> Trigrams {
        Trigrams {
            tri: Counts::default(),
            bi: Counts::default(),
            context: Default::default(),
            letters: 40.0,
        }
    }

    fn add(&mut self, word: &str, weight: f32) {
        let mut a = START;
        let mut b = START;
        for c in word.chars().chain(std::iter::once(END)) {
            let (abc, ab) = (pack(&[a, b, c]), pack(&[a, b]));
            *self.tri.entry(abc).or_default() += weight;
            *self.bi.entry(ab).or_default() += weight;
            self.context.insert(abc, ab);
            a = b;
            b = c;
        }
    }

    /// Log-probability of each letter (and the end) given the two before it.
    #[cfg(test)]
    fn log_probs(&self, word: &str, out: &mut Vec<f32>) {
        out.clear();
        let mut a = START;
        let mut b = START;
        for c in word.chars().chain(std::iter::once(END)) {
            let t = self.tri.get(&pack(&[a, b, c])).copied().unwrap_or(0.0);
            let n = self.bi.get(&pack(&[a, b])).copied().unwrap_or(0.0);
            out.push(((t + 0.1) / (n + 0.1 * self.letters)).ln());
            a = b;
            b = c;
        }
    }
}

/// The three models' log-probabilities side by side (general, person,
/// place), so a letter costs one or two lookups instead of six.
struct Joint {
    /// By trigram any model has seen.
    tri: HashMap<u64, [f32; 3], BuildHasherDefault<PassThrough>>,
    /// By bigram any model has seen: a letter after it in no model's trigrams.
    bi: HashMap<u64, [f32; 3], BuildHasherDefault<PassThrough>>,
    /// A letter after a bigram no model has seen.
    unseen: [f32; 3],
}

impl Joint {
    /// Exactly what each model's [`Trigrams::log_probs`] gives, per letter.
    fn new(models: [&Trigrams; 3]) -> Joint {
        let log = |m: &Trigrams, t: f32, n: f32| ((t + 0.1) / (n + 0.1 * m.letters)).ln();
        let mut joint = Joint {
            tri: Default::default(),
            bi: Default::default(),
            unseen: models.map(|m| log(m, 0.0, 0.0)),
        };
        for m in models {
            for (&k, &ab) in &m.context {
                joint.tri.entry(k).or_insert_with(|| {
                    models.map(|x| {
                        let t = x.tri.get(&k).copied().unwrap_or(0.0);
                        log(x, t, x.bi.get(&ab).copied().unwrap_or(0.0))
                    })
                });
            }
            for &ab in m.bi.keys() {
                joint.bi.entry(ab).or_insert_with(|| {
                    models.map(|x| log(x, 0.0, x.bi.get(&ab).copied().unwrap_or(0.0)))
                });
            }
        }
        joint
    }

    /// Each model's log-probability of each letter of `word` (and its end)
    /// given the two before it: general, person, place.
    fn log_probs(&self, word: &str) -> [Vec<f32>; 3] {
        let mut out: [Vec<f32>; 3] = Default::default();
        let mut a = START;
        let mut b = START;
        for c in word.chars().chain(std::iter::once(END)) {
            let p = self
                .tri
                .get(&pack(&[a, b, c]))
                .or_else(|| self.bi.get(&pack(&[a, b])))
                .unwrap_or(&self.unseen);
            for (o, &x) in out.iter_mut().zip(p) {
                o.push(x);
            }
            a = b;
            b = c;
        }
        out
    }
}

/// The general, person and place models, from the shipped lists.
fn trigram_models() -> [Trigrams; 3] {
    let g = gazetteer();
    let mut person = Trigrams::new();
    let mut place = Trigrams::new();
    for (k, class) in g.transliterated_names() {
        match class {
            NameClass::Person => person.add(k, 1.0),
            NameClass::Location => place.add(k, 1.0),
            NameClass::Organization => {}
        }
    }
    for (k, _) in g.person_names() {
        person.add(k, 1.0);
    }
    for e in g.entries() {
        for n in &e.names_ar {
            for w in key(n).split(' ') {
                place.add(w, 0.5);
            }
        }
    }
    let mut general = Trigrams::new();
    for (w, zipf) in general_words() {
        // Common words count more, but not by their raw frequency (a
        // model of word types, like the name lists).
        general.add(&key(w), 1.0 + (zipf.saturating_sub(25) as f32) / 10.0);
    }
    [general, person, place]
}

/// The joint table of the three models (built once).
fn models() -> &'static Joint {
    static M: OnceLock<Joint> = OnceLock::new();
    M.get_or_init(|| {
        let [general, person, place] = trigram_models();
        Joint::new([&general, &person, &place])
    })
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

    #[test]
    fn the_joint_table_gives_each_models_own_log_probabilities() {
        let models = super::trigram_models();
        let mut own = Vec::new();
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
                model.log_probs(word, &mut own);
                assert_eq!(&own, joint, "{word}");
            }
        }
    }

    #[test]
    fn one_letter_says_nothing() {
        assert_eq!(name_likeness("و"), (0, 0));
    }
}
