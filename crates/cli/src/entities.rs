//! `isnad entities [--explain ID]`: the linked entities of the store.

use std::io::Write;
use std::process::ExitCode;

use isnad_store::Store;

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
