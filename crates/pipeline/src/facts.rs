//! The facts of every stored document, with linked entities for places,
//! actors and sources, as ledger records.

use std::collections::HashMap;

use isnad_facts::{extract_doc, EntitySpan};
use isnad_ledger::{Count, Fact, Kind, Source, TimeRange};
use isnad_store::{EntityRow, Store};
use isnad_text::hash::hex;
use isnad_text::{Doc, Span};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::workbench::Workbenches;
use crate::{PipelineError, Progress, Stage};

/// The facts of every stored document, and how many documents were read to get them.
pub(crate) struct Refreshed {
    /// Every fact, in order of document id.
    pub facts: Vec<Fact>,
    /// Documents whose facts were read now (new ones, or ones whose linked
    /// entities or publication date changed, or all after an extractor change);
    /// the others kept their stored facts.
    pub read: usize,
}

/// What a document's facts depend on besides its text (which never changes
/// under an id): the extractor, the publication date, the linked entity spans.
fn fingerprint(published: Option<&str>, spans: &[EntitySpan]) -> String {
    let mut h = Sha256::new();
    h.update(isnad_facts::EXTRACTOR.as_bytes());
    h.update(b"\0");
    h.update(published.unwrap_or("-").as_bytes());
    // Each span as "start:end:id:kind", in the order of those texts (one
    // buffer for all of them).
    let mut parts = String::new();
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::with_capacity(spans.len());
    for s in spans {
        let from = parts.len();
        push_decimal(&mut parts, s.span.start);
        parts.push(':');
        push_decimal(&mut parts, s.span.end);
        parts.push(':');
        parts.push_str(&s.id);
        parts.push(':');
        parts.push_str(&s.kind);
        ranges.push(from..parts.len());
    }
    ranges.sort_by(|a, b| parts[a.clone()].cmp(&parts[b.clone()]));
    for r in ranges {
        h.update(b"\0");
        h.update(parts[r].as_bytes());
    }
    hex(&h.finalize()[..12])
}

/// `n` in decimal digits, appended to `out`.
fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
}

/// A stored document as the fact reader sees it: id, publication date, and
/// the fingerprint of what its facts are read from.
struct FactInputs {
    doc: String,
    published: Option<String>,
    fingerprint: String,
}

/// Brings the stored facts up to date: documents whose fingerprint changed
/// are read again (in parallel), the others keep their stored facts.
/// `docs` are every stored document (id, Doc). The facts come in order of
/// document id (then as each document's reader gives them), never in the
/// order documents were stored: the same documents give the same facts in
/// the same order however many runs brought them in.
/// The documents read are the [`Stage::Facts`] of `progress`.
pub(crate) fn refresh(
    store: &mut Store,
    entities: &[EntityRow],
    docs_read: &[(String, Doc)],
    benches: &Workbenches,
    progress: &dyn Progress,
) -> Result<Refreshed, PipelineError> {
    let spans = entity_spans(entities);
    let mut published = store.published_dates()?;
    published.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let docs: Vec<FactInputs> = published
        .into_iter()
        .map(|(doc, published)| {
            let ents = spans.get(doc.as_str()).map_or(&[][..], Vec::as_slice);
            let fingerprint = fingerprint(published.as_deref(), ents);
            FactInputs {
                doc,
                published,
                fingerprint,
            }
        })
        .collect();
    let stored: HashMap<String, String> = store.fact_fingerprints()?.into_iter().collect();
    let stale: Vec<&FactInputs> = docs
        .iter()
        .filter(|d| stored.get(&d.doc) != Some(&d.fingerprint))
        .collect();
    progress.stage(Stage::Facts, stale.len());
    let mut read = read_facts(&stale, docs_read, &spans, benches, progress)?;
    let mut kept = stored_facts(store)?;
    let mut facts = Vec::new();
    let mut fingerprints = Vec::with_capacity(docs.len());
    for d in &docs {
        let doc_facts = match read.remove(d.doc.as_str()) {
            Some(f) => f,
            None => kept.remove(&d.doc).unwrap_or_default(),
        };
        facts.extend(doc_facts);
        fingerprints.push((d.doc.clone(), d.fingerprint.clone()));
    }
    store.replace_facts(&facts, &fingerprints)?;
    Ok(Refreshed {
        facts,
        read: stale.len(),
    })
}

/// The linked entities' mentions of each document, as the fact reader
/// takes them: by position (then entity id), not in the order of the
/// entities, which moves as other documents come in (a document whose
/// spans are unchanged keeps its stored facts: they must be what reading
/// it again would give).
fn entity_spans(entities: &[EntityRow]) -> HashMap<&str, Vec<EntitySpan>> {
    let mut spans: HashMap<&str, Vec<EntitySpan>> = HashMap::new();
    for e in entities {
        for (doc, start, end, _) in &e.mentions {
            spans.entry(doc.as_str()).or_default().push(EntitySpan {
                span: Span::new(*start, *end),
                id: e.id.clone(),
                kind: e.kind.as_str().to_string(),
            });
        }
    }
    for doc_spans in spans.values_mut() {
        doc_spans.sort_unstable_by(|a, b| {
            (a.span.start, a.span.end, &a.id).cmp(&(b.span.start, b.span.end, &b.id))
        });
    }
    spans
}

/// The stored facts, by document.
fn stored_facts(store: &Store) -> Result<HashMap<String, Vec<Fact>>, PipelineError> {
    let mut kept: HashMap<String, Vec<Fact>> = HashMap::new();
    for f in store.facts()? {
        kept.entry(f.doc.clone()).or_default().push(f);
    }
    Ok(kept)
}

/// The facts of `docs`, read from their Docs (in parallel), by document id.
fn read_facts<'a>(
    docs: &[&'a FactInputs],
    docs_read: &[(String, Doc)],
    spans: &HashMap<&str, Vec<EntitySpan>>,
    benches: &Workbenches,
    progress: &dyn Progress,
) -> Result<HashMap<&'a str, Vec<Fact>>, PipelineError> {
    let doc_of: HashMap<&str, &Doc> = docs_read
        .iter()
        .map(|(id, doc)| (id.as_str(), doc))
        .collect();
    docs.par_iter()
        .map(|d| {
            let id = d.doc.as_str();
            let doc = doc_of[id];
            let date = d.published.as_deref().and_then(isnad_time::parse_date);
            let ents = spans.get(id).map_or(&[][..], Vec::as_slice);
            let facts = benches.with(|bench| extract_doc(doc, date, ents, &mut bench.spellings));
            progress.done(1);
            Ok((id, ledger_facts(id, doc.text(), facts)?))
        })
        .collect()
}

/// One document's extracted facts as ledger records, with stable ids; a
/// kind the ledger does not know is an error.
fn ledger_facts(
    doc: &str,
    text: &str,
    extracted: Vec<isnad_facts::Fact>,
) -> Result<Vec<Fact>, PipelineError> {
    let mut facts = Vec::with_capacity(extracted.len());
    let mut seen = std::collections::HashSet::new();
    for f in extracted {
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
        let id = format!("f{}", hex(&digest[..6]));
        // Two facts of one document fall on the same id only if they are the same claim.
        if !seen.insert(id.clone()) {
            continue;
        }
        facts.push(Fact {
            id,
            kind: f.kind.parse::<Kind>()?,
            doc: doc.to_string(),
            start: f.evidence.start,
            end: f.evidence.end,
            evidence: slice(f.evidence),
            count: f.count.as_ref().map(|c| Count {
                min: c.min,
                max: c.max,
                text: slice(c.span),
                suspect: c.suspect,
                implausible: c.implausible(),
            }),
            subject: f.subject.map(slice),
            actor: f.actor.clone(),
            place: f.place.clone(),
            // The ledger's TimeRange has no `assumed` yet: an assumed time stays out.
            time: f.time.as_ref().filter(|t| !t.assumed).map(|t| TimeRange {
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
            background: false,
        });
    }
    Ok(facts)
}

/// Clusters the stored facts across documents, within the stories of
/// `stories` (document id → story id), and stores the clusters; returns them.
pub(crate) fn recluster(
    store: &mut Store,
    gazetteer: &isnad_gazetteer::Gazetteer,
    entities: &[EntityRow],
    facts: &[Fact],
    stories: &HashMap<String, String>,
) -> Result<Vec<isnad_ledger::Cluster>, PipelineError> {
    let names: HashMap<String, String> = store
        .document_names()?
        .into_iter()
        .map(|(id, outlet, source)| {
            let name = isnad_clusters::shown_name(outlet.as_deref(), &source);
            (id, name)
        })
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
    let clusters = isnad_clusters::cluster(&names, &located, facts, gazetteer, &gids, stories);
    store.replace_clusters(&clusters)?;
    Ok(clusters)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fingerprint as first written: each span formatted, the texts sorted.
    fn fingerprint_by_format(published: Option<&str>, spans: &[EntitySpan]) -> String {
        let mut h = Sha256::new();
        h.update(isnad_facts::EXTRACTOR.as_bytes());
        h.update(b"\0");
        h.update(published.unwrap_or("-").as_bytes());
        let mut parts: Vec<String> = spans
            .iter()
            .map(|s| format!("{}:{}:{}:{}", s.span.start, s.span.end, s.id, s.kind))
            .collect();
        parts.sort();
        for p in parts {
            h.update(b"\0");
            h.update(p.as_bytes());
        }
        h.finalize()[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[test]
    fn fingerprints_stay_what_stores_hold() {
        let span = |start, end, id: &str, kind: &str| EntitySpan {
            span: Span::new(start, end),
            id: id.to_string(),
            kind: kind.to_string(),
        };
        // Orders where text and number order differ (9 < 10, "10:" < "9:").
        let spans = [
            span(10, 14, "e:place:1", "LOC"),
            span(9, 12, "e:person:22", "PER"),
            span(0, 3, "e:org:3", "ORG"),
            span(105, 120, "e:place:1", "LOC"),
            span(10, 12, "e:place:1", "LOC"),
        ];
        for published in [None, Some("2022-01-06")] {
            for n in 0..=spans.len() {
                assert_eq!(
                    fingerprint(published, &spans[..n]),
                    fingerprint_by_format(published, &spans[..n])
                );
            }
        }
    }

    #[test]
    fn decimal_and_hex_write_what_format_writes() {
        for n in [0usize, 7, 10, 99, 100, 12345, usize::MAX] {
            let mut s = String::from("x");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
        let bytes = [0u8, 9, 10, 15, 16, 127, 128, 255];
        let by_format: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&bytes), by_format);
    }
}
