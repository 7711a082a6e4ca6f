//! `isnad entities [--explain ID]`: the linked entities of the store.

use std::io::Write;
use std::process::ExitCode;

use isnad_store::Store;
use isnad_views::escape::terminal as shown;
use isnad_views::thousands;

/// A Latin name, escaped, in parentheses after a space; empty when there is none.
fn latin(name: Option<&str>) -> String {
    name.map(|l| format!(" ({})", shown(l))).unwrap_or_default()
}

/// Variants, escaped, joined with ` | `.
fn variants(v: &[String]) -> String {
    v.iter()
        .map(|s| shown(s).into_owned())
        .collect::<Vec<_>>()
        .join(" | ")
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
                    shown(&e.id),
                    e.kind,
                    thousands(e.mentions.len() as u64),
                    shown(&e.name),
                    latin(e.name_latin.as_deref()),
                    variants(&e.variants)
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
                shown(&e.id),
                e.kind,
                shown(&e.name),
                latin(e.name_latin.as_deref())
            );
            if let Some(g) = &e.gazetteer_id {
                say!(out, "gazetteer entry: {}", shown(g));
            }
            say!(out, "variants: {}", variants(&e.variants));
            say!(out, "mentions ({}):", thousands(e.mentions.len() as u64));
            for (doc, start, end, text) in &e.mentions {
                say!(out, "  {} {start}..{end} {}", shown(doc), shown(text));
            }
            if e.explanation.is_empty() {
                say!(out, "one mention form, nothing merged");
            } else {
                say!(out, "why these mentions are one entity:");
                for line in &e.explanation {
                    say!(out, "  {}", shown(line));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
