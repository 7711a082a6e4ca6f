//! How much a word looks like a name of some kind rather than a word of
//! general Arabic, from its letters alone: character trigram models of
//! personal names (Wikidata name parts and ANETAC person tokens), of place
//! names (ANETAC location tokens and gazetteer places), and of general words
//! (the wordfreq list). Unseen foreign names — transliterated surnames, towns —
//! have letter sequences general words rarely have.

use std::sync::OnceLock;

// Training is for the build script and the tests; the tagger reads the bytes.
#[cfg_attr(not(test), allow(dead_code))]
mod table;

use table::{each_trigram, Joint};

/// The joint table of the three models (trained by the build script).
fn models() -> &'static Joint {
    static M: OnceLock<Joint> = OnceLock::new();
    M.get_or_init(|| {
        Joint::from_bytes(include_bytes!(concat!(env!("OUT_DIR"), "/namelike.bin")))
            .expect("the table the build script wrote")
    })
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
        let (mut a, mut b) = (super::table::START, super::table::START);
        for c in word.chars().chain(std::iter::once(super::table::END)) {
            f([a, b, c].iter().collect(), [a, b].iter().collect());
            a = b;
            b = c;
        }
    }

    #[test]
    fn the_joint_table_gives_each_models_own_log_probabilities() {
        let mut models: [Trigrams; 3] = Default::default();
        super::table::training_words(|m, word, weight| {
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
                    own.push(super::table::log_prob(t, n));
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
    fn the_table_the_build_script_wrote_is_the_one_training_gives() {
        let trained = super::Joint::train();
        // The bytes round-trip, and the shipped table is today's training.
        let again = super::Joint::from_bytes(&trained.to_bytes()).unwrap();
        assert_eq!(again.to_bytes(), trained.to_bytes());
        assert_eq!(super::models().to_bytes(), trained.to_bytes());
        let mut damaged = trained.to_bytes();
        damaged.pop();
        assert!(super::Joint::from_bytes(&damaged).is_err());
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
