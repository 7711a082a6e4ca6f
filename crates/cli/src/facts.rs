//! Glue: facts of every stored document, with linked entities for places,
//! actors and sources, as ledger records.

use std::collections::HashMap;

use isnad_facts::{extract, EntitySpan};
use isnad_ledger::{Count, Fact, Source, TimeRange};
use isnad_store::{EntityRow, FactRow, Store};
use isnad_text::Span;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// Reads the facts of every stored document and stores them; returns them.
pub fn refresh(store: &mut Store, entities: &[EntityRow]) -> anyhow::Result<Vec<Fact>> {
    let mut spans: HashMap<&str, Vec<EntitySpan>> = HashMap::new();
    for e in entities {
        for (doc, start, end, _) in &e.mentions {
            spans.entry(doc.as_str()).or_default().push(EntitySpan {
                span: Span::new(*start, *end),
                id: e.id.clone(),
                kind: e.kind.clone(),
            });
        }
    }
    let published: HashMap<String, Option<String>> = store.published_dates()?.into_iter().collect();
    let mut rows = Vec::new();
    let mut facts = Vec::new();
    // Documents are read in parallel; their facts are collected in document order.
    let texts = store.texts()?;
    let per_doc: Vec<Vec<isnad_facts::Fact>> = texts
        .par_iter()
        .map(|(doc, text)| {
            let date = published
                .get(doc)
                .cloned()
                .flatten()
                .and_then(|p| isnad_time::parse_date(&p));
            let ents = spans.get(doc.as_str()).map_or(&[][..], Vec::as_slice);
            extract(text, date, ents)
        })
        .collect();
    for ((doc, text), doc_facts) in texts.iter().zip(per_doc) {
        let doc = doc.clone();
        for f in doc_facts {
            let slice = |s: Span| s.slice(text).to_string();
            let digest = Sha256::digest(
                format!(
                    "{doc}:{}:{}:{}",
                    f.kind,
                    f.trigger.start,
                    f.count.as_ref().map_or(0, |c| c.span.start)
                )
                .as_bytes(),
            );
            let id: String = std::iter::once("f".to_string())
                .chain(digest[..6].iter().map(|b| format!("{b:02x}")))
                .collect();
            let fact = Fact {
                id,
                kind: f.kind.to_string(),
                doc: doc.clone(),
                start: f.evidence.start,
                end: f.evidence.end,
                evidence: slice(f.evidence),
                count: f.count.as_ref().map(|c| Count {
                    min: c.min,
                    max: c.max,
                    text: slice(c.span),
                    suspect: c.suspect,
                }),
                subject: f.subject.map(slice),
                actor: f.actor.clone(),
                place: f.place.clone(),
                time: f.time.as_ref().map(|t| TimeRange {
                    start: t.start.clone(),
                    end: t.end.clone(),
                    text: slice(t.span),
                }),
                sources: f
                    .sources
                    .iter()
                    .map(|s| Source {
                        name: slice(s.name),
                        entity: s.entity.clone(),
                        chain: s.chain.iter().map(|c| slice(*c)).collect(),
                    })
                    .collect(),
                negated: f.negated,
                hedged: f.hedged,
            };
            rows.push(FactRow {
                id: fact.id.clone(),
                doc: doc.clone(),
                kind: fact.kind.clone(),
                start: fact.start,
                end: fact.end,
                data: serde_json::to_string(&fact)?,
            });
            facts.push(fact);
        }
    }
    // Two facts of one document can fall on the same id only if they are the same claim.
    let mut seen = std::collections::HashSet::new();
    rows.retain(|r| seen.insert(r.id.clone()));
    let mut seen = std::collections::HashSet::new();
    facts.retain(|f| seen.insert(f.id.clone()));
    store.replace_facts(&rows)?;
    Ok(facts)
}

/// Clusters the stored facts across documents and stores the clusters; returns them.
pub fn recluster(
    store: &mut Store,
    entities: &[EntityRow],
    facts: &[Fact],
) -> anyhow::Result<Vec<isnad_ledger::Cluster>> {
    let documents: Vec<isnad_ledger::Document> = store
        .documents()?
        .into_iter()
        .map(isnad_ledger::Document::from)
        .collect();
    let gids: HashMap<String, String> = entities
        .iter()
        .filter_map(|e| e.gazetteer_id.clone().map(|g| (e.id.clone(), g)))
        .collect();
    let located: Vec<isnad_ledger::Entity> = entities
        .iter()
        .filter(|e| e.gazetteer_id.is_some())
        .cloned()
        .map(isnad_ledger::Entity::from)
        .collect();
    let clusters = isnad_clusters::cluster(&documents, &located, facts, &gids);
    let rows: Vec<isnad_store::ClusterRow> = clusters
        .iter()
        .map(|c| isnad_store::ClusterRow {
            id: c.id.clone(),
            kind: c.kind.clone(),
            status: c.status.clone(),
            summary: c.summary.clone(),
            facts: c.facts.clone(),
        })
        .collect();
    store.replace_clusters(&rows)?;
    Ok(clusters)
}
