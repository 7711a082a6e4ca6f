//! Document-level consistency: a name tagged as an entity in one place of a
//! document is the same entity where it recurs untagged.
//!
//! After every sentence of a document is tagged, the token sequences tagged
//! as entities are collected with their majority type (matching on
//! clitic-stripped keys, so `بالأهلي` recurs as `الأهلي`); untagged
//! occurrences of them elsewhere are then tagged too, longest first. Single
//! common words (frequent in the reference lexicon) are not propagated.

use isnad_text::hash::{FastMap, FastSet};

use crate::features::TokenInfo;
use crate::tags::{spans, EntityType, Tag};

/// Propagates entity labels across the sentences of one document, in place.
pub fn propagate(doc: &[Vec<TokenInfo>], tags: &mut [Vec<Tag>]) {
    // Sequence of keys -> votes per type.
    let mut seen: FastMap<Vec<&str>, [u32; 4]> = FastMap::default();
    for (infos, t) in doc.iter().zip(tags.iter()) {
        for s in spans(t) {
            let keys: Vec<&str> = (s.start..s.end).map(|i| infos[i].match_key()).collect();
            if keys.len() == 1 && infos[s.start].is_common_word() {
                continue;
            }
            seen.entry(keys).or_default()[s.kind as usize] += 1;
        }
    }
    if seen.is_empty() {
        return;
    }
    let max_len = seen.keys().map(Vec::len).max().unwrap_or(1);
    // Only a token that starts some tagged name can start an occurrence of one.
    let firsts: FastSet<&str> = seen.keys().map(|k| k[0]).collect();
    for (infos, t) in doc.iter().zip(tags.iter_mut()) {
        let mut i = 0;
        while i < infos.len() {
            if t[i] != Tag::O || !firsts.contains(infos[i].match_key()) {
                i += 1;
                continue;
            }
            let mut hit = None;
            for len in (1..=max_len.min(infos.len() - i)).rev() {
                if (i..i + len).any(|j| t[j] != Tag::O) {
                    continue;
                }
                let keys: Vec<&str> = (i..i + len).map(|j| infos[j].match_key()).collect();
                if let Some(votes) = seen.get(&keys) {
                    let (best, _) = votes
                        .iter()
                        .enumerate()
                        .max_by_key(|(_, v)| **v)
                        .expect("four types");
                    hit = Some((len, EntityType::ALL[best]));
                    break;
                }
            }
            match hit {
                Some((len, kind)) => {
                    t[i] = Tag::B(kind);
                    for slot in &mut t[i + 1..i + len] {
                        *slot = Tag::I(kind);
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}
