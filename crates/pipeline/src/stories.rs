//! Stories: what the story stage reads of every stored document (dates,
//! linked entities, facts, content words), grouped, and stored with the
//! clusters compared within each.

use std::collections::HashMap;

use isnad_ledger::{Cluster, Fact};
use isnad_store::{EntityRow, Store, StoryRow};
use isnad_stories::{EntityRef, FactRef, Story, StoryInput};
use isnad_text::Doc;
use rayon::prelude::*;

use crate::workbench::Workbenches;
use crate::PipelineError;

/// Characters of a document's first line a story shows when no member has a headline.
const LEAD_CHARS: usize = 120;

/// Groups every stored document into stories. `docs` are every stored
/// document (id, Doc), `entities` the linked entities, `facts` every fact.
pub(crate) fn group(
    store: &Store,
    entities: &[EntityRow],
    facts: &[Fact],
    docs: &[(String, Doc)],
    benches: &Workbenches,
) -> Result<Vec<Story>, PipelineError> {
    let mut mentioned = entity_refs(entities);
    let mut stated = fact_refs(facts);
    let doc_of: HashMap<&str, &Doc> = docs.iter().map(|(id, d)| (id.as_str(), d)).collect();
    let headers = store.document_headers()?;
    let inputs: Vec<StoryInput> = headers
        .into_par_iter()
        .map(|h| {
            let doc = doc_of.get(h.id.as_str()).copied();
            let (words, lead) = doc.map_or_else(Default::default, |d| {
                (isnad_stories::content_words(d), lead(d))
            });
            let headline = match (h.title.as_deref(), doc) {
                (Some(t), Some(d)) => {
                    benches.with(|b| isnad_stories::headline_words(t, d, &mut b.vocabulary))
                }
                _ => Vec::new(),
            };
            StoryInput {
                published: h.published.as_deref().and_then(isnad_time::parse_date),
                lead,
                words,
                headline,
                title: h.title,
                outlet: h.outlet,
                near_duplicate_of: h.near_duplicate_of,
                id: h.id,
                ..StoryInput::default()
            }
        })
        .collect();
    let inputs = inputs
        .into_iter()
        .map(|mut input| {
            input.entities = mentioned.remove(input.id.as_str()).unwrap_or_default();
            input.facts = stated.remove(input.id.as_str()).unwrap_or_default();
            input
        })
        .collect();
    Ok(isnad_stories::group(inputs))
}

/// The first line of a document, cut to [`LEAD_CHARS`] characters.
fn lead(doc: &Doc) -> String {
    let first = doc.text().lines().map(str::trim).find(|l| !l.is_empty());
    first.unwrap_or("").chars().take(LEAD_CHARS).collect()
}

/// The linked entities each document mentions, with how often, in entity order.
/// A place is broad when the gazetteer has it as a country.
fn entity_refs(entities: &[EntityRow]) -> HashMap<&str, Vec<EntityRef>> {
    let mut refs: HashMap<&str, Vec<EntityRef>> = HashMap::new();
    for e in entities {
        let mut per_doc: HashMap<&str, u32> = HashMap::new();
        for (doc, ..) in &e.mentions {
            *per_doc.entry(doc.as_str()).or_default() += 1;
        }
        let mut docs: Vec<(&str, u32)> = per_doc.into_iter().collect();
        docs.sort_unstable();
        for (doc, mentions) in docs {
            refs.entry(doc).or_default().push(EntityRef {
                id: e.id.clone(),
                kind: e.kind,
                mentions,
                broad: e
                    .gazetteer_id
                    .as_deref()
                    .is_some_and(|g| g.starts_with("country:")),
            });
        }
    }
    refs
}

/// The facts of each document as stories compare them: kind, figure
/// (suspect ones left out), stated dates; denied facts left out.
fn fact_refs(facts: &[Fact]) -> HashMap<&str, Vec<FactRef>> {
    let mut refs: HashMap<&str, Vec<FactRef>> = HashMap::new();
    for f in facts.iter().filter(|f| !f.negated) {
        let count = f
            .count
            .as_ref()
            .filter(|c| !c.suspect)
            .and_then(|c| c.min.map(|min| (min, c.max)));
        let time = f.time.as_ref().and_then(|t| {
            let start = isnad_time::parse_date(&t.start)?;
            Some((start, isnad_time::parse_date(&t.end).unwrap_or(start)))
        });
        refs.entry(f.doc.as_str()).or_default().push(FactRef {
            kind: f.kind,
            count,
            time,
        });
    }
    refs
}

/// Marks each fact `background` when the time it states begins well before
/// its story's first day ([`isnad_stories::is_background`]); returns whether
/// any fact's mark changed (its stored copy is then out of date).
pub(crate) fn mark_background(facts: &mut [Fact], stories: &[Story]) -> bool {
    let start_of: HashMap<&str, Option<isnad_time::Date>> = stories
        .iter()
        .flat_map(|s| s.documents.iter().map(move |d| (d.as_str(), s.start)))
        .collect();
    let mut changed = false;
    for f in facts.iter_mut() {
        let stated = f
            .time
            .as_ref()
            .and_then(|t| isnad_time::parse_date(&t.start));
        let start = start_of.get(f.doc.as_str()).copied().flatten();
        let background = stated.is_some_and(|d| isnad_stories::is_background(d, start));
        changed |= background != f.background;
        f.background = background;
    }
    changed
}

/// Stores the stories, each with the clusters compared within it (those
/// that name it).
pub(crate) fn store_stories(
    store: &mut Store,
    stories: &[Story],
    clusters: &[Cluster],
) -> Result<Vec<isnad_ledger::Story>, PipelineError> {
    let mut within: HashMap<&str, Vec<String>> = HashMap::new();
    for c in clusters {
        if let Some(story) = c.story.as_deref() {
            within.entry(story).or_default().push(c.id.clone());
        }
    }
    let rows: Vec<StoryRow> = stories
        .iter()
        .map(|s| StoryRow {
            story: ledger_story(s, within.remove(s.id.as_str()).unwrap_or_default()),
            joins: serde_json::to_string(&s.joins).expect("story joins serialise"),
        })
        .collect();
    store.replace_stories(&rows)?;
    Ok(rows.into_iter().map(|r| r.story).collect())
}

/// The story of each document: document id → story id.
pub(crate) fn story_of_documents(stories: &[Story]) -> HashMap<String, String> {
    stories
        .iter()
        .flat_map(|s| s.documents.iter().map(move |d| (d.clone(), s.id.clone())))
        .collect()
}

/// A story as the ledger gives it.
fn ledger_story(s: &Story, clusters: Vec<String>) -> isnad_ledger::Story {
    isnad_ledger::Story {
        id: s.id.clone(),
        title: s.title.clone(),
        documents: s.documents.clone(),
        start: s.start.map(|d| d.to_string()),
        end: s.end.map(|d| d.to_string()),
        places: s.places.clone(),
        actors: s.actors.clone(),
        clusters,
    }
}
