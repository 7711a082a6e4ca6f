//! Glue between the entity finder/linker and the store, and `isnad entities`.

use std::io::Write;
use std::process::ExitCode;

use isnad_entities::{
    find_mentions_in, link, DocMention, Found, Kind, Mention, NameIndex, RecurringNames,
};
use isnad_ner::Tagger;
use isnad_store::{EntityRow, MentionRow, Store};
use isnad_text::Span;
use rayon::prelude::*;

/// The mentions of a document's text (whose sentences are `sentences`), as store rows.
pub fn mentions_of(text: &str, sentences: &[Span], tagger: &Tagger) -> Vec<MentionRow> {
    find_mentions_in(text, sentences, tagger)
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

/// Links every stored mention and stores the entities; returns them.
/// `texts` are every stored document's (id, text), as [`Store::texts`] gives
/// them; `stored` the mentions this run stored, by document (taken, not read back).
pub fn relink(
    store: &mut Store,
    texts: &[(String, String)],
    stored: &mut std::collections::HashMap<String, Vec<MentionRow>>,
) -> anyhow::Result<Vec<EntityRow>> {
    let rows = store.all_mentions_with(stored)?;
    let mut mentions: Vec<DocMention> = rows
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
    // Names tagged somewhere in the corpus, recurring untagged elsewhere.
    let names = NameIndex::from_mentions(&mentions);
    let mut spans_of: isnad_text::hash::FastMap<&str, Vec<Span>> = Default::default();
    for m in &mentions {
        spans_of
            .entry(m.doc.as_str())
            .or_default()
            .push(m.mention.span);
    }
    // One finder per thread, so each distinct word is decided once per thread.
    let per_thread = texts.len().div_ceil(rayon::current_num_threads()).max(1);
    let found: Vec<Vec<Mention>> = texts
        .par_chunks(per_thread)
        .flat_map_iter(|chunk| {
            let mut finder = RecurringNames::new(&names);
            chunk
                .iter()
                .map(|(doc, text)| {
                    finder.find(
                        text,
                        spans_of.get(doc.as_str()).map_or(&[][..], Vec::as_slice),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    for ((doc, _), ms) in texts.iter().zip(found) {
        mentions.extend(ms.into_iter().map(|m| DocMention {
            doc: doc.clone(),
            mention: m,
        }));
    }
    let entities: Vec<EntityRow> = link(&mentions)
        .into_iter()
        .map(|e| EntityRow {
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
            kind: e.kind.as_str().to_string(),
            name: e.name,
            name_latin: e.name_latin,
            gazetteer_id: e.gazetteer_id,
            variants: e.variants,
            explanation: e.explanation,
        })
        .collect();
    store.replace_entities(&entities)?;
    Ok(entities)
}

/// `isnad entities [--explain ID]`.
pub fn command(store: &Store, explain: Option<&str>) -> anyhow::Result<ExitCode> {
    let entities = store.entities()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match explain {
        None => {
            if entities.is_empty() {
                say!(out, "no entities yet: run `isnad run PATH…`");
            }
            for e in &entities {
                say!(
                    out,
                    "{}  {:<12} {:>4}  {}{}   variants: {}",
                    e.id,
                    e.kind,
                    e.mentions.len(),
                    e.name,
                    e.name_latin
                        .as_deref()
                        .map(|l| format!(" ({l})"))
                        .unwrap_or_default(),
                    e.variants.join(" | ")
                );
            }
        }
        Some(id) => {
            let Some(e) = entities
                .iter()
                .find(|e| e.id == id || (id.len() >= 4 && e.id.starts_with(id)))
            else {
                anyhow::bail!("no entity {id:?}: `isnad entities` lists them");
            };
            say!(
                out,
                "{}  {}  {}{}",
                e.id,
                e.kind,
                e.name,
                e.name_latin
                    .as_deref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default()
            );
            if let Some(g) = &e.gazetteer_id {
                say!(out, "gazetteer entry: {g}");
            }
            say!(out, "variants: {}", e.variants.join(" | "));
            say!(out, "mentions ({}):", e.mentions.len());
            for (doc, start, end, text) in &e.mentions {
                say!(out, "  {doc} {start}..{end} {text}");
            }
            if e.explanation.is_empty() {
                say!(out, "one mention form, nothing merged");
            } else {
                say!(out, "why these mentions are one entity:");
                for line in &e.explanation {
                    say!(out, "  {line}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
