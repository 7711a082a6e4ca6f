//! Where a fact happened: the location mention of its sentence with the best
//! evidence. A name after a locative word (`في حلب`, `بمدينة صور`, `شمال
//! مالي`) beats a name with none, and both beat the dateline city (`الرياض -`
//! at the head of a paragraph); a name that is also a common word (`صور`
//! pictures / Tyre, `مالي` financial / Mali: `data/ambiguous_places.txt`) is a
//! place only after a locative word.

use isnad_gazetteer::key;
use isnad_text::Span;

use crate::lexicon::lexicon;
use crate::mentions::EntitySpan;
use crate::words::Word;

/// Why a mention was taken as a fact's place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceEvidence {
    /// A locative word or the preposition ب stands right before it.
    Locative,
    /// The sentence names it, with no locative word.
    Named,
    /// It is the dateline of the paragraph (`الرياض - …`).
    Dateline,
}

impl PlaceEvidence {
    /// How `--explain` names it.
    pub fn name(self) -> &'static str {
        match self {
            PlaceEvidence::Locative => "after a locative word",
            PlaceEvidence::Named => "named in the sentence",
            PlaceEvidence::Dateline => "the dateline",
        }
    }
}

/// The evidence for the location mention `e` of a sentence whose words are
/// `words`; `None` when it cannot be a place (a common word with no
/// locative word before it).
pub fn evidence(text: &str, words: &[Word], e: &EntitySpan) -> Option<PlaceEvidence> {
    let ev = if after_locative(text, words, e.span) {
        PlaceEvidence::Locative
    } else if is_dateline(text, e.span) {
        PlaceEvidence::Dateline
    } else {
        PlaceEvidence::Named
    };
    let k = key(e.span.slice(text));
    let bare = k
        .strip_prefix('و')
        .filter(|b| b.chars().count() >= 2)
        .unwrap_or(&k);
    let ambiguous = lexicon().ambiguous_places.has(bare);
    (ev == PlaceEvidence::Locative || !ambiguous).then_some(ev)
}

/// Whether a locative word (`data/locatives.txt`) or the clitic ب stands
/// right before `span`.
fn after_locative(text: &str, words: &[Word], span: Span) -> bool {
    let i = words.partition_point(|w| w.span.end <= span.start);
    let Some(w) = words.get(i) else {
        return false;
    };
    // "بصور", "وبمالي": the preposition is on the name's own token.
    if w.span.start < span.start && text[w.span.start..span.start].contains('ب') {
        return true;
    }
    let locatives = &lexicon().locatives;
    i > 0 && {
        let before = &words[i - 1];
        locatives.has(&before.key) || locatives.has(&before.base) || locatives.has(&before.stem)
    }
}

/// Whether `span` is a dateline: first on its line, followed by a dash,
/// an opening bracket or a colon (`الرياض - `, `غزة (رويترز)`).
fn is_dateline(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let first = text[line_start..span.start].trim().is_empty();
    let next = text[span.end..].trim_start().chars().next();
    first && matches!(next, Some('-' | '–' | '—' | '(' | ':'))
}

/// The place of a fact with trigger `trigger`: of the location mentions
/// `places`, the one with the best evidence, then on the side `prefer_after`
/// says, then the nearest; with its evidence.
pub fn place_of(
    text: &str,
    words: &[Word],
    places: &[&EntitySpan],
    trigger: Span,
    prefer_after: bool,
) -> Option<(String, PlaceEvidence)> {
    places
        .iter()
        .filter(|e| e.kind == "location")
        .filter_map(|e| Some((*e, evidence(text, words, e)?)))
        .min_by_key(|(e, ev)| {
            let after = e.span.start >= trigger.end;
            let d = if after {
                e.span.start - trigger.end
            } else {
                trigger.start.saturating_sub(e.span.end)
            };
            (*ev, if after == prefer_after { 0 } else { 1 }, d)
        })
        .map(|(e, ev)| (e.id.clone(), ev))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::Spellings;
    use isnad_text::{Doc, Vocabulary};

    /// The place (its written name) and evidence of a fact whose trigger is
    /// `trigger`, the location mentions being `names`.
    fn place(text: &str, trigger: &str, names: &[&str]) -> Option<(String, PlaceEvidence)> {
        let doc = Doc::new(text, &mut Vocabulary::new());
        let words = Spellings::new().words(&doc, doc.tokens());
        let mentions: Vec<EntitySpan> = names
            .iter()
            .map(|n| {
                let at = text.find(n).unwrap();
                EntitySpan {
                    span: Span::new(at, at + n.len()),
                    id: n.to_string(),
                    kind: "location".into(),
                }
            })
            .collect();
        let refs: Vec<&EntitySpan> = mentions.iter().collect();
        let at = text.find(trigger).unwrap();
        place_of(text, &words, &refs, Span::new(at, at + trigger.len()), true)
    }

    #[test]
    fn a_common_word_is_no_place_without_a_locative_word() {
        // "صور" are pictures here.
        assert_eq!(place("ونشرت صور القتلى الثلاثة", "القتلى", &["صور"]), None);
        assert_eq!(
            place("قتل ثلاثة بسبب أزمة مالي خانقة", "قتل", &["مالي"]),
            None
        );
        // And a city after "في" or "ب".
        assert_eq!(
            place("قتل ثلاثة في صور", "قتل", &["صور"]),
            Some(("صور".into(), PlaceEvidence::Locative))
        );
        assert_eq!(
            place("قتل ثلاثة شمال مالي", "قتل", &["مالي"]).map(|p| p.1),
            Some(PlaceEvidence::Locative)
        );
    }

    #[test]
    fn an_unambiguous_name_needs_no_locative_word() {
        assert_eq!(
            place("اعتقلت شرطة لندن عشرة", "اعتقلت", &["لندن"]),
            Some(("لندن".into(), PlaceEvidence::Named))
        );
    }

    #[test]
    fn the_place_the_sentence_names_beats_the_dateline() {
        let text = "بيروت - قتل ثلاثة أشخاص في انفجار في حلب";
        assert_eq!(
            place(text, "قتل", &["بيروت", "حلب"]),
            Some(("حلب".into(), PlaceEvidence::Locative))
        );
        // With no other place, the dateline is the place.
        assert_eq!(
            place("بيروت - قتل ثلاثة أشخاص", "قتل", &["بيروت"]),
            Some(("بيروت".into(), PlaceEvidence::Dateline))
        );
    }

    #[test]
    fn a_locative_name_beats_a_nearer_bare_one() {
        let text = "قتل ثلاثة من سكان دمشق في مدينة حمص";
        assert_eq!(place(text, "قتل", &["دمشق", "حمص"]).unwrap().0, "حمص");
    }
}
