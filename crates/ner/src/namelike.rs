//! How much a word looks like a name of some kind rather than a word of
//! general Arabic, from its letters alone: character trigram models of
//! personal names (Wikidata name parts and ANETAC person tokens), of place
//! names (ANETAC location tokens and gazetteer places), and of general words
//! (the wordfreq list). Unseen foreign names — transliterated surnames, towns —
//! have letter sequences general words rarely have.

use std::sync::OnceLock;

use isnad_gazetteer::{gazetteer, key, NameClass};
use isnad_text::token::general_words;

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

/// The letters of the training words (a few dozen after key folding) and
/// the start and end marks, numbered from 0; every other letter has the
/// next number, which no training word has, so it is unseen in every model.
struct Alphabet {
    /// By code point below [`DIRECT`] (Latin, Arabic): number + 1, or 0.
    direct: Vec<u8>,
    /// Letters at or above [`DIRECT`], with their number.
    others: Vec<(char, u8)>,
    /// Letters in the alphabet; also the number of every other letter.
    len: usize,
}

/// Code points below this are numbered through a table.
const DIRECT: usize = 0x0800;

impl Alphabet {
    /// The start and end marks, numbered 0 and 1.
    fn new() -> Alphabet {
        let mut a = Alphabet {
            direct: vec![0; DIRECT],
            others: Vec::new(),
            len: 0,
        };
        a.number_or_add(START);
        a.number_or_add(END);
        a
    }

    /// The number of letter `c`, numbering it next when it has none yet.
    fn number_or_add(&mut self, c: char) -> usize {
        let n = self.number(c);
        if n < self.len {
            return n;
        }
        // Numbers and number + 1 fit a byte (the table is built into the binary: a test trains it).
        let next = u8::try_from(self.len + 1).expect("fewer than 255 letters in the name models");
        match self.direct.get_mut(c as usize) {
            Some(slot) => *slot = next,
            None => self.others.push((c, next - 1)),
        }
        self.len += 1;
        n
    }

    /// The number of letter `c` (`self.len` for letters outside the alphabet).
    fn number(&self, c: char) -> usize {
        match self.direct.get(c as usize) {
            Some(&n) if n > 0 => n as usize - 1,
            Some(_) => self.len,
            None => self
                .others
                .iter()
                .find(|o| o.0 == c)
                .map_or(self.len, |o| o.1 as usize),
        }
    }

    /// Numbers a letter can have (the letters and "any other").
    fn size(&self) -> usize {
        self.len + 1
    }
}

/// The three models' log-probabilities side by side (general, person,
/// place) for every trigram of the alphabet, so a letter costs one lookup
/// in a small dense table.
struct Joint {
    letters: Alphabet,
    /// By trigram number (`(a * size + b) * size + c`).
    log_probs: Vec<[f32; 3]>,
}

impl Joint {
    /// Counts the training words of every model in one pass, numbering
    /// their letters as they come.
    fn train() -> Joint {
        Joint::train_from(64)
    }

    /// [`Joint::train`], counting in a table laid out for `stride` letters
    /// at first (any power of two gives the same table).
    fn train_from(stride: usize) -> Joint {
        let mut letters = Alphabet::new();
        let mut counts = Counts::new(stride);
        let start = letters.number(START);
        training_words(|model, word, weight| {
            let (mut a, mut b) = (start, start);
            for c in word.chars().chain(std::iter::once(END)) {
                let c = letters.number_or_add(c);
                // Room for every letter and "any other letter" (the last number).
                counts.fit(letters.size());
                counts.add(a, b, c, model, weight);
                a = b;
                b = c;
            }
        });
        let size = letters.size();
        let mut log_probs = Vec::with_capacity(size * size * size);
        for a in 0..size {
            for b in 0..size {
                let n = counts.bi[a * counts.stride + b];
                for c in 0..size {
                    let t = counts.tri[(a * counts.stride + b) * counts.stride + c];
                    log_probs.push([0, 1, 2].map(|m| log_prob(t[m], n[m])));
                }
            }
        }
        Joint { letters, log_probs }
    }

    /// Each model's log-probability of each letter of `word` (and its end)
    /// given the two before it: general, person, place.
    #[cfg(test)]
    fn log_probs(&self, word: &str) -> [Vec<f32>; 3] {
        let mut out: [Vec<f32>; 3] = Default::default();
        each_trigram(&self.letters, word, |abc, _| {
            for (o, &x) in out.iter_mut().zip(&self.log_probs[abc]) {
                o.push(x);
            }
        });
        out
    }
}

/// Trigram and bigram counts of the three models while the alphabet grows:
/// laid out for `stride` letters (a power of two), and moved to a table
/// twice as wide when a new letter needs it. Each count is the same sum,
/// in the same order, whatever the layout.
struct Counts {
    stride: usize,
    /// By `(a * stride + b) * stride + c`.
    tri: Vec<[f32; 3]>,
    /// By `a * stride + b`.
    bi: Vec<[f32; 3]>,
}

impl Counts {
    fn new(stride: usize) -> Counts {
        Counts {
            stride,
            tri: vec![[0.0; 3]; stride * stride * stride],
            bi: vec![[0.0; 3]; stride * stride],
        }
    }

    /// Makes room for letters numbered below `letters`.
    fn fit(&mut self, letters: usize) {
        if letters <= self.stride {
            return;
        }
        let mut wider = Counts::new(self.stride * 2);
        while wider.stride < letters {
            wider = Counts::new(wider.stride * 2);
        }
        let (old, new) = (self.stride, wider.stride);
        for a in 0..old {
            for b in 0..old {
                wider.bi[a * new + b] = self.bi[a * old + b];
                for c in 0..old {
                    wider.tri[(a * new + b) * new + c] = self.tri[(a * old + b) * old + c];
                }
            }
        }
        *self = wider;
    }

    fn add(&mut self, a: usize, b: usize, c: usize, model: usize, weight: f32) {
        let ab = a * self.stride + b;
        self.tri[ab * self.stride + c][model] += weight;
        self.bi[ab][model] += weight;
    }
}

/// Each letter of a word (and its end) with the two before it, as numbers
/// of `letters`: `f(trigram, bigram)`.
fn each_trigram(letters: &Alphabet, word: &str, mut f: impl FnMut(usize, usize)) {
    let size = letters.size();
    let mut a = letters.number(START);
    let mut b = a;
    for c in word.chars().chain(std::iter::once(END)) {
        let c = letters.number(c);
        let ab = a * size + b;
        f(ab * size + c, ab);
        a = b;
        b = c;
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
    // Each model's sum over the letters, added in order from negative zero
    // as `Iterator::sum` adds.
    let m = models();
    let mut sums = [-0.0f32; 3];
    let mut letters = 0usize;
    each_trigram(&m.letters, stem_key, |abc, _| {
        for (sum, &x) in sums.iter_mut().zip(&m.log_probs[abc]) {
            *sum += x;
        }
        letters += 1;
    });
    let [g, person, place] = sums;
    let n = letters as f32;
    let bucket = |s: f32| {
        let r = (s - g) / n;
        ((r * 2.0 + 4.0).floor()).clamp(0.0, 7.0) as u8
    };
    (bucket(person), bucket(place))
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

    /// One model on its own, as the tagger first had them (letter n-grams
    /// as strings in hash maps): the reference the joint table must match exactly.
    #[derive(Default)]
    struct Trigrams {
        tri: HashMap<String, f32>,
        bi: HashMap<String, f32>,
    }

    /// Each letter of `word` (and its end) with the two before it, as text.
    fn letter_trigrams(word: &str, mut f: impl FnMut(String, String)) {
        let (mut a, mut b) = (super::START, super::START);
        for c in word.chars().chain(std::iter::once(super::END)) {
            f([a, b, c].iter().collect(), [a, b].iter().collect());
            a = b;
            b = c;
        }
    }

    #[test]
    fn the_joint_table_gives_each_models_own_log_probabilities() {
        let mut models: [Trigrams; 3] = Default::default();
        super::training_words(|m, word, weight| {
            letter_trigrams(word, |abc, ab| {
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
            // Letters no training word has, first, inside and last.
            "жук",
            "باريسж",
            "ж^$",
        ] {
            let joint = super::models().log_probs(word);
            for (model, joint) in models.iter().zip(&joint) {
                let mut own = Vec::new();
                letter_trigrams(word, |abc, ab| {
                    let t = model.tri.get(&abc).copied().unwrap_or(0.0);
                    let n = model.bi.get(&ab).copied().unwrap_or(0.0);
                    own.push(super::log_prob(t, n));
                });
                assert_eq!(&own, joint, "{word}");
            }
        }
    }

    #[test]
    fn counting_in_a_narrow_table_that_grows_gives_the_same_table() {
        let grown = super::Joint::train_from(2);
        let joint = super::models();
        assert_eq!(grown.letters.size(), joint.letters.size());
        assert!(grown.log_probs == joint.log_probs, "tables differ");
    }

    #[test]
    fn likeness_is_read_from_each_models_summed_log_probabilities() {
        for word in [
            "كوفالتشوك",
            "الحكومه",
            "باريس",
            "qxz",
            "жук",
            "ستوكهولم",
            "اب",
        ] {
            let [general, person, place] = super::models().log_probs(word);
            let g: f32 = general.iter().sum();
            let n = general.len() as f32;
            let bucket = |other: &[f32]| {
                let s: f32 = other.iter().sum();
                ((((s - g) / n) * 2.0 + 4.0).floor()).clamp(0.0, 7.0) as u8
            };
            assert_eq!(
                name_likeness(word),
                (bucket(&person), bucket(&place)),
                "{word}"
            );
        }
    }

    #[test]
    fn one_letter_says_nothing() {
        assert_eq!(name_likeness("و"), (0, 0));
    }
}
