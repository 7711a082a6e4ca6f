//! Mentions found per document, stored, and linked across the whole store.

use std::collections::HashMap;

use isnad_entities::{
    find_mentions, link, DocMention, Found, Kind, Mention, NameIndex, RecurringNames,
};
use isnad_ledger::UnknownValue;
use isnad_store::{EntityRow, MentionRow, Store, StoreError};
use isnad_text::{Doc, Span};
use rayon::prelude::*;

use crate::workbench::{Workbench, Workbenches};
use crate::{PipelineError, Progress, Resources};

/// The mentions of an analysed document, as store rows.
pub(crate) fn mentions_of(
    doc: &Doc,
    resources: &Resources,
    bench: &mut Workbench,
) -> Vec<MentionRow> {
    find_mentions(doc, resources.tagger, &resources.entities, &mut bench.words)
        .into_iter()
        .map(|m| MentionRow {
            start: m.span.start,
            end: m.span.end,
            text: m.text,
            kind: m.kind.as_str().to_string(),
            found: m.found.as_str().to_string(),
            gazetteer_id: m.gazetteer_id,
        })
        .collect()
}

/// Finds again the mentions of documents an older mention finder read;
/// their Docs join `docs` for the later passes.
pub(crate) fn refind_outdated(
    store: &mut Store,
    resources: &Resources,
    benches: &Workbenches,
    docs: &mut HashMap<String, Doc>,
    progress: &dyn Progress,
) -> Result<(), StoreError> {
    for (id, text) in store.documents_needing_mentions(isnad_entities::MENTIONS_VERSION)? {
        progress.done(1);
        let (doc, mentions) = benches.with(|bench| {
            let doc = bench.doc(&text);
            let mentions = mentions_of(&doc, resources, bench);
            (doc, mentions)
        });
        store.set_mentions(&id, &mentions, isnad_entities::MENTIONS_VERSION)?;
        docs.insert(id, doc);
    }
    Ok(())
}

/// Links every stored mention and stores the entities; returns them.
/// `docs` are every stored document (id, Doc), in the store's order;
/// `stored` the mentions this run stored, by document (taken, not read back).
/// Each document is [`Progress::done`] once its recurring names are found.
pub(crate) fn relink(
    store: &mut Store,
    resources: &Resources,
    docs: &[(String, Doc)],
    stored: &mut HashMap<String, Vec<MentionRow>>,
    progress: &dyn Progress,
) -> Result<Vec<EntityRow>, PipelineError> {
    let mut mentions: Vec<DocMention> = store
        .all_mentions_with(stored)?
        .into_iter()
        .map(|(doc, m)| DocMention {
            doc,
            mention: Mention {
                span: Span::new(m.start, m.end),
                text: m.text,
                kind: Kind::parse(&m.kind),
                found: Found::parse(&m.found),
                gazetteer_id: m.gazetteer_id,
            },
        })
        .collect();
    let recurring = recurring_names(&mentions, docs, progress);
    for ((doc, _), ms) in docs.iter().zip(recurring) {
        mentions.extend(ms.into_iter().map(|m| DocMention {
            doc: doc.clone(),
            mention: m,
        }));
    }
    let entities = link(&mentions, &resources.entities)
        .into_iter()
        .map(|e| entity_row(e, &mentions))
        .collect::<Result<Vec<EntityRow>, _>>()?;
    store.replace_entities(&entities)?;
    Ok(entities)
}

/// Names tagged somewhere in the corpus, recurring untagged elsewhere: for
/// each of `docs`, the mentions found that `mentions` do not hold yet.
fn recurring_names(
    mentions: &[DocMention],
    docs: &[(String, Doc)],
    progress: &dyn Progress,
) -> Vec<Vec<Mention>> {
    let names = NameIndex::from_mentions(mentions);
    let mut spans_of: isnad_text::hash::FastMap<&str, Vec<Span>> = Default::default();
    for m in mentions {
        spans_of
            .entry(m.doc.as_str())
            .or_default()
            .push(m.mention.span);
    }
    // One finder per thread, so each distinct word is decided once per thread.
    let per_thread = docs.len().div_ceil(rayon::current_num_threads()).max(1);
    docs.par_chunks(per_thread)
        .flat_map_iter(|chunk| {
            let mut finder = RecurringNames::new(&names);
            chunk
                .iter()
                .map(|(id, doc)| {
                    let found = finder.find(
                        doc,
                        spans_of.get(id.as_str()).map_or(&[][..], Vec::as_slice),
                    );
                    progress.done(1);
                    found
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A linked entity as the store keeps it (`mentions` are the ones it was
/// linked from); a type the ledger does not know is an error.
fn entity_row(
    e: isnad_entities::Entity,
    mentions: &[DocMention],
) -> Result<EntityRow, UnknownValue> {
    Ok(EntityRow {
        mentions: e
            .mentions
            .iter()
            .map(|&i| {
                let m = &mentions[i];
                (
                    m.doc.clone(),
                    m.mention.span.start,
                    m.mention.span.end,
                    m.mention.text.clone(),
                )
            })
            .collect(),
        id: e.id,
        kind: e.kind.as_str().parse()?,
        name: e.name,
        name_latin: e.name_latin,
        gazetteer_id: e.gazetteer_id,
        variants: e.variants,
        explanation: e.explanation,
    })
}
