//! Names found elsewhere in the corpus that recur, untagged, in a document.

use isnad_text::keys::WordKeys;
use isnad_text::{Doc, Span};

use crate::names::NameIndex;
use crate::types::{Found, Kind, Mention};

/// Names the corpus has tagged somewhere recur untagged elsewhere ("بوتن"
/// where the tagger saw "بوتين"): finds, in `doc`, single words that are
/// a name of `names` or a spelling variant of one, outside existing mentions.
/// Common words of the reference lexicon are never taken.
pub fn recurring_names(doc: &Doc, existing: &[Span], names: &NameIndex) -> Vec<Mention> {
    RecurringNames::new(names).find(doc, existing)
}

/// [`recurring_names`] over many documents: what each distinct word is (a
/// recurring name or not) is decided once.
pub struct RecurringNames<'a> {
    names: &'a NameIndex,
    /// By word: where its stem starts and which kind of name the stem is.
    seen: isnad_text::hash::FastMap<isnad_text::hash::WordKey, Option<(usize, Kind)>>,
}

impl<'a> RecurringNames<'a> {
    /// A finder of the names of `names`.
    pub fn new(names: &'a NameIndex) -> RecurringNames<'a> {
        RecurringNames {
            names,
            seen: isnad_text::hash::word_cache(),
        }
    }

    /// The recurring names of `doc` (a [`Doc`]) outside the `existing` mentions.
    pub fn find(&mut self, doc: &Doc, existing: &[Span]) -> Vec<Mention> {
        let text = doc.text();
        let mut out = Vec::new();
        // Existing mentions by start, walked alongside the tokens.
        let mut taken: Vec<Span> = existing.to_vec();
        taken.sort();
        let mut k = 0;
        for t in doc.tokens() {
            while k < taken.len() && taken[k].end <= t.span.start {
                k += 1;
            }
            let overlaps = taken[k..]
                .iter()
                .take_while(|s| s.start < t.span.end)
                .any(|s| t.span.start < s.end);
            if !t.is_word() || overlaps {
                continue;
            }
            let word = t.span.slice(text);
            let found = match self.seen.get(word.as_bytes()) {
                Some(&found) => found,
                None => {
                    let found = self.name_in(word, &t.keys);
                    isnad_text::hash::remember(&mut self.seen, word, found);
                    found
                }
            };
            if let Some((stem_offset, kind)) = found {
                let span = Span::new(t.span.start + stem_offset, t.span.end);
                out.push(Mention {
                    span,
                    text: span.slice(text).to_string(),
                    kind,
                    found: Found::Propagated,
                    gazetteer_id: None,
                });
            }
        }
        out
    }

    /// Where the stem of `word` (whose keys are `keys`) starts and which
    /// kind of indexed name it is, unless it is short or a common word.
    fn name_in(&self, word: &str, keys: &WordKeys) -> Option<(usize, Kind)> {
        let light = isnad_text::token::light_form(&word[keys.stem_offset..]);
        if light.chars().count() < 4 || isnad_text::token::lexicon_frequency(&light) >= 3 {
            return None;
        }
        // The stem's key is its name key (one word: no spaces to remove).
        self.names
            .find(&keys.stem)
            .map(|kind| (keys.stem_offset, kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::DocMention;
    use isnad_text::Vocabulary;

    #[test]
    fn recurring_names_are_found_outside_mentions_and_the_same_from_one_finder() {
        let tagged = DocMention {
            doc: "a".into(),
            mention: Mention {
                span: Span::new(0, 0),
                text: "أندريه تشيرنوفسكي".into(),
                kind: Kind::Person,
                found: Found::Tagger,
                gazetteer_id: None,
            },
        };
        let names = NameIndex::from_mentions(&[tagged]);
        let text = "قال تشرنوفسكي إن الوزير تشيرنوفسكي سيزور المدينة، وأكد تشيرنوفسكي ذلك.";
        let at = |w: &str| {
            let start = text.find(w).unwrap();
            Span::new(start, start + w.len())
        };
        // The name after "الوزير" is already a mention: only the others are new.
        let existing = [at("تشيرنوفسكي")];
        let mut vocabulary = Vocabulary::new();
        let doc = Doc::new(text, &mut vocabulary);
        let found = recurring_names(&doc, &existing, &names);
        let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["تشرنوفسكي", "تشيرنوفسكي"]);
        assert!(found.iter().all(|m| m.kind == Kind::Person
            && m.found == Found::Propagated
            && text[m.span.start..m.span.end] == m.text));
        let mut finder = RecurringNames::new(&names);
        for _ in 0..2 {
            assert_eq!(finder.find(&doc, &existing), found);
        }
        assert!(finder
            .find(&Doc::new("المدينة", &mut vocabulary), &[])
            .is_empty());
    }
}
