//! Event triggers: the words that say something happened, by ledger kind.

use crate::lexicon::{self, class, lexicon};
use crate::words::Word;

pub use crate::lexicon::KINDS;

/// The keys a word can start a lexicon form by ([`lexicon::candidates`]).
fn candidates(word: &Word) -> impl Iterator<Item = &str> {
    lexicon::candidates(&word.stem, &word.base)
}

/// An event word (or idiom) found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    /// Ledger kind.
    pub kind: &'static str,
    /// First word.
    pub first: usize,
    /// One past the last word.
    pub end: usize,
}

/// Whether `word` is the lexicon word `form_word` (by any of its [`match_keys`]).
fn matches(word: &Word, form_word: &str) -> bool {
    match_keys(word).any(|k| k == form_word)
}

/// Every key [`matches`] compares a lexicon word with ([`lexicon::match_keys`]).
fn match_keys(word: &Word) -> impl Iterator<Item = &str> {
    lexicon::match_keys(&word.stem, &word.base)
}

/// Whether a word is, by itself, an event word of the lexicon.
pub fn is_event_word(w: &Word) -> bool {
    w.is(class::EVENT)
}

/// Every event trigger in a sentence, left to right, not overlapping.
pub fn triggers(words: &[Word]) -> Vec<Trigger> {
    let mut out = lexicon_forms(words);
    add_hospital_stays(words, &mut out);
    add_idioms_around_counts(words, &mut out);
    out.retain(|t| !is_publishing(words, t) && !is_drone(words, t));
    out.sort_by_key(|t| t.first);
    out
}

/// The lexicon forms of a sentence, left to right, the longest at each word.
fn lexicon_forms(words: &[Word]) -> Vec<Trigger> {
    let lex = lexicon();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !words[i].is(class::EVENT_START) {
            i += 1;
            continue;
        }
        let hit = candidates(&words[i])
            .flat_map(|c| lex.forms_starting(c))
            .filter(|f| {
                i + f.words.len() <= words.len()
                    && f.words
                        .iter()
                        .enumerate()
                        .all(|(k, fw)| matches(&words[i + k], fw))
            })
            .max_by_key(|f| f.words.len());
        match hit {
            Some(f) => {
                out.push(Trigger {
                    kind: f.kind,
                    first: i,
                    end: i + f.words.len(),
                });
                i += f.words.len();
            }
            None => i += 1,
        }
    }
    out
}

/// Hospital stays: "إدخال ... المستشفى", "نقل ... إلى المستشفى" replace the
/// triggers inside them.
fn add_hospital_stays(words: &[Word], out: &mut Vec<Trigger>) {
    let lex = lexicon();
    for (i, w) in words.iter().enumerate() {
        if !w.is(class::HOSPITAL) {
            continue;
        }
        let from = i.saturating_sub(6);
        if let Some(j) =
            (from..i).find(|&j| match_keys(&words[j]).any(|k| lex.hospital_verbs.has(k)))
        {
            out.retain(|t| !(t.first >= j && t.end <= i + 1));
            out.push(Trigger {
                kind: "hospitalized",
                first: j,
                end: i + 1,
            });
        }
    }
}

/// Idioms with the counted words inside: "فقد 8 من قوات الأمن حياتهم",
/// "لقي خمسة أشخاص حتفهم", unless a trigger already spans them.
fn add_idioms_around_counts(words: &[Word], out: &mut Vec<Trigger>) {
    let lex = lexicon();
    for (i, w) in words.iter().enumerate() {
        let (verbs, kind) = if w.is(class::LIFE) {
            (&lex.lose_verbs, "killed")
        } else if w.is(class::DEATH) {
            (&lex.meet_verbs, "killed")
        } else {
            continue;
        };
        if let Some(j) = (i.saturating_sub(10)..i)
            .rev()
            .find(|&j| verbs.has(&words[j].stem) || verbs.has(&words[j].key))
        {
            if !out.iter().any(|t| t.first <= j && i < t.end) {
                out.retain(|t| !(t.first >= j && t.end <= i + 1));
                out.push(Trigger {
                    kind,
                    first: j,
                    end: i + 1,
                });
            }
        }
    }
}

/// "نشر"/"أرسل" are deployments only with forces or a number after them
/// ("نشرته" is "published it").
fn is_publishing(words: &[Word], t: &Trigger) -> bool {
    let lex = lexicon();
    t.kind == "deployment"
        && t.end - t.first == 1
        && !words[t.end..words.len().min(t.end + 7)]
            .iter()
            .any(|w| lex.forces.has(&w.stem))
        && !words[t.end..words.len().min(t.end + 5)]
            .iter()
            .any(|w| w.kind == isnad_text::TokenKind::Number)
}

/// "طائرة مسيرة" is a drone, not a march.
fn is_drone(words: &[Word], t: &Trigger) -> bool {
    let lex = lexicon();
    t.kind == "protest"
        && lex.marches.has(&words[t.first].stem)
        && t.first > 0
        && lex.aircraft.has(&words[t.first - 1].stem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words_of;

    fn kinds(text: &str) -> Vec<&'static str> {
        triggers(&words_of(text)).iter().map(|t| t.kind).collect()
    }

    #[test]
    fn one_word_events_are_found_by_key_as_by_comparing_every_form() {
        // Every one-word form bare, with the article, proclitics, accusative
        // alif and each pronoun suffix, plus the words of a news paragraph.
        let mut text = String::from(
            "وقالت مصادر طبية إن ثلاثة أشخاص قتلوا وأصيب عشرات آخرون في انفجار \
             سيارة مفخخة قرب سوق شعبي، فيما اعتقلت الشرطة خمسة مشتبه بهم. ",
        );
        for f in lexicon().event_forms().filter(|f| f.words.len() == 1) {
            let w = &f.words[0];
            for form in [
                w.clone(),
                format!("ال{w}"),
                format!("وبال{w}"),
                format!("{w}ا"),
                format!("{w}ه"),
                format!("{w}هم"),
                format!("{w}هما"),
                format!("{w}ها"),
                format!("{w}هن"),
            ] {
                text.push_str(&form);
                text.push(' ');
            }
        }
        let all = words_of(&text);
        let mut events = 0;
        for w in &all {
            let by_scan = lexicon()
                .event_forms()
                .any(|f| f.words.len() == 1 && matches(w, &f.words[0]));
            let by_key = match_keys(w).any(|k| lexicon().is_single_event_word(k));
            assert_eq!(by_key, by_scan, "{}", w.text);
            assert_eq!(w.is(class::EVENT), by_scan, "{}", w.text);
            events += by_scan as usize;
        }
        // Most spellings are events; the paragraph's other words are not.
        assert!(events > all.len() / 2, "{events} of {}", all.len());
        assert!(events < all.len());
    }

    #[test]
    fn verbs_nouns_and_idioms() {
        assert_eq!(kinds("قُتل ثلاثة جنود"), ["killed"]);
        assert_eq!(kinds("لقوا مصرعهم في الحادث"), ["killed"]);
        assert_eq!(kinds("وأصيب أربعون آخرون"), ["injured"]);
        assert_eq!(
            kinds("اعتقلت الشرطة عشرين متظاهرا"),
            ["arrested", "protest"]
        );
        assert_eq!(kinds("ألقت الشرطة القبض على ثلاثة"), ["arrested"]);
        assert_eq!(
            kinds("فرضت الحكومة حالة الطوارئ وحظر التجول"),
            ["emergency_measure", "emergency_measure"]
        );
        assert_eq!(kinds("تم إدخال 400 منهم إلى المستشفى"), ["hospitalized"]);
        assert_eq!(
            kinds("وأحرق المحتجون سيارات"),
            ["property_damage", "protest"]
        );
    }
}
