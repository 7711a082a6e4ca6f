//! Names found elsewhere in the corpus that recur, untagged, in a document.

use isnad_text::keys::word_keys;
use isnad_text::{Span, TokenKind};

use crate::names::NameIndex;
use crate::types::{Found, Kind, Mention};

/// Names the corpus has tagged somewhere recur untagged elsewhere ("بوتن"
/// where the tagger saw "بوتين"): finds, in `text`, single words that are
/// a name of `names` or a spelling variant of one, outside existing mentions.
/// Common words of the reference lexicon are never taken.
pub fn recurring_names(text: &str, existing: &[Span], names: &NameIndex) -> Vec<Mention> {
    RecurringNames::new(names).find(text, existing)
}

/// [`recurring_names`] over many texts: what each distinct word is (a
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

    /// The recurring names of `text` outside the `existing` mentions.
    pub fn find(&mut self, text: &str, existing: &[Span]) -> Vec<Mention> {
        let mut out = Vec::new();
        // Existing mentions by start, walked alongside the tokens.
        let mut taken: Vec<Span> = existing.to_vec();
        taken.sort();
        let mut k = 0;
        isnad_text::token::for_each_token(text, |t| {
            while k < taken.len() && taken[k].end <= t.span.start {
                k += 1;
            }
            let overlaps = taken[k..]
                .iter()
                .take_while(|s| s.start < t.span.end)
                .any(|s| t.span.start < s.end);
            if t.kind != TokenKind::Word || overlaps {
                return;
            }
            let word = t.span.slice(text);
            let found = match self.seen.get(word.as_bytes()) {
                Some(&found) => found,
                None => {
                    let found = self.name_in(word);
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
        });
        out
    }

    /// Where the stem of `word` starts and which kind of indexed name it is,
    /// unless it is short or a common word.
    fn name_in(&self, word: &str) -> Option<(usize, Kind)> {
        let keys = word_keys(word);
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
        let found = recurring_names(text, &existing, &names);
        let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["تشرنوفسكي", "تشيرنوفسكي"]);
        assert!(found.iter().all(|m| m.kind == Kind::Person
            && m.found == Found::Propagated
            && text[m.span.start..m.span.end] == m.text));
        let mut finder = RecurringNames::new(&names);
        for _ in 0..2 {
            assert_eq!(finder.find(text, &existing), found);
        }
        assert!(finder.find("المدينة", &[]).is_empty());
    }
}
