//! `isnad stories [--explain ID]`: the stories of the store, and why each
//! document is in its story.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use isnad_store::{DocumentHeader, Store, StoryRow};
use isnad_stories::{Join, Match, Reason, Signal, JOIN_SCORE, SUPPORT};
use isnad_views::escape::terminal as shown;
use isnad_views::thousands;

/// `isnad stories [--explain ID]`.
pub fn command(store: &Store, explain: Option<&str>) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let names = Names::of(store)?;
    match explain {
        None => list(&mut out, &store.stories()?, &names)?,
        Some(id) => {
            let found = store.find_story(id)?;
            let row = match found.as_slice() {
                [row] => row,
                [] => anyhow::bail!("no story {id:?}: `isnad stories` lists them"),
                _ => anyhow::bail!(
                    "{} stories start with {id:?}: give more of the id",
                    thousands(found.len() as u64)
                ),
            };
            let joins: Vec<Join> = serde_json::from_str(&row.joins).map_err(|e| {
                anyhow::anyhow!("story {id}: the stored explanation is unreadable ({e}); run `isnad run` again to rebuild it")
            })?;
            explain_story(&mut out, row, &joins, &names)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What a listing shows entities and documents by.
struct Names {
    entities: HashMap<String, String>,
    documents: HashMap<String, DocumentHeader>,
}

impl Names {
    fn of(store: &Store) -> anyhow::Result<Names> {
        Ok(Names {
            entities: store
                .entities()?
                .into_iter()
                .map(|e| (e.id, e.name))
                .collect(),
            documents: store
                .document_headers()?
                .into_iter()
                .map(|h| (h.id.clone(), h))
                .collect(),
        })
    }

    /// An entity id as its name (escaped), or the id itself.
    fn entity(&self, id: &str) -> String {
        shown(self.entities.get(id).map_or(id, String::as_str)).into_owned()
    }

    /// A document as `ID (outlet, date)`.
    fn document(&self, id: &str) -> String {
        let Some(h) = self.documents.get(id) else {
            return shown(id).into_owned();
        };
        let outlet = h.outlet.as_deref().unwrap_or("no outlet");
        let date = h.published.as_deref().unwrap_or("undated");
        format!("{} ({}, {date})", shown(id), shown(outlet))
    }
}

/// One line per story: id, dates, documents, title, main places.
fn list(out: &mut dyn Write, stories: &[StoryRow], names: &Names) -> anyhow::Result<()> {
    if stories.is_empty() {
        say!(out, "no stories yet: run `isnad run PATH…`");
    }
    for row in stories {
        let s = &row.story;
        let places: Vec<String> = s.places.iter().map(|p| names.entity(p)).collect();
        say!(
            out,
            "{}  {}  {:>3} {}  «{}»{}",
            shown(&s.id),
            span(s.start.as_deref(), s.end.as_deref()),
            thousands(s.documents.len() as u64),
            if s.documents.len() == 1 {
                "document "
            } else {
                "documents"
            },
            shown(&s.title),
            if places.is_empty() {
                String::new()
            } else {
                format!("  places: {}", places.join("، "))
            }
        );
    }
    Ok(())
}

/// `START – END`, one date when they are the same, `undated` without.
fn span(start: Option<&str>, end: Option<&str>) -> String {
    match (start, end) {
        (Some(a), Some(b)) if a == b => format!("{a:<23}"),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => format!("{:<23}", "undated"),
    }
}

/// A story in full: its members, places, actors, clusters, and why each
/// document is in it, signal by signal.
fn explain_story(
    out: &mut dyn Write,
    row: &StoryRow,
    joins: &[Join],
    names: &Names,
) -> anyhow::Result<()> {
    let s = &row.story;
    say!(out, "{}  «{}»", shown(&s.id), shown(&s.title));
    say!(
        out,
        "dates: {}",
        span(s.start.as_deref(), s.end.as_deref()).trim_end()
    );
    let entities = |ids: &[String]| -> String {
        let shown: Vec<String> = ids.iter().map(|p| names.entity(p)).collect();
        if shown.is_empty() {
            "none".into()
        } else {
            shown.join("، ")
        }
    };
    say!(out, "places: {}", entities(&s.places));
    say!(out, "actors: {}", entities(&s.actors));
    say!(
        out,
        "clusters compared within it: {}",
        if s.clusters.is_empty() {
            "none".into()
        } else {
            s.clusters.join(", ")
        }
    );
    say!(
        out,
        "why each document is here (in the order they were assigned: by publication date, undated last; a document joins the story whose total reaches {JOIN_SCORE:.2}, its best member's score plus {SUPPORT:.2} × the next best's):"
    );
    for j in joins {
        say!(out, "  {}", names.document(&j.doc));
        match &j.reason {
            Reason::NearDuplicate { of } => {
                say!(out, "    nearly repeats {}", names.document(of))
            }
            Reason::Founded { closest: None } => {
                say!(out, "    started the story: no stored document shares a date window or an entity with it")
            }
            Reason::Founded { closest: Some(m) } => {
                say!(out, "    started the story: the closest, story {}, came to {:.3} (below {JOIN_SCORE:.2})", shown(&m.story), m.total);
                explain_match(out, m, names)?;
            }
            Reason::Regrouped(m) => {
                say!(out, "    started a story of its own, then joined this one once every document was assigned, total {:.3}", m.total);
                explain_match(out, m, names)?;
            }
            Reason::Joined(m) => {
                say!(out, "    joined, total {:.3}", m.total);
                explain_match(out, m, names)?;
            }
        }
    }
    Ok(())
}

/// The member a document was compared with, each signal's contribution
/// and what it shares, and the next-best member.
fn explain_match(out: &mut dyn Write, m: &Match, names: &Names) -> anyhow::Result<()> {
    say!(
        out,
        "    like {}: score {:.3}",
        names.document(&m.member),
        m.score
    );
    for s in &m.signals {
        say!(out, "      {}", signal_line(s, names));
    }
    if let Some((member, score)) = &m.support {
        say!(
            out,
            "    then {}: score {score:.3} (adds {:.3})",
            names.document(member),
            SUPPORT * score.max(0.0)
        );
    }
    Ok(())
}

/// `entities +0.258 = 0.86 × 0.30: كركوك، الواسطي`; the places of each
/// side parted by ` ≠ `.
fn signal_line(s: &Signal, names: &Names) -> String {
    let name = |x: &String| {
        if names.entities.contains_key(x) {
            names.entity(x)
        } else {
            shown(x).into_owned()
        }
    };
    let sides: Vec<String> = s
        .shared
        .split(|x| x == "≠")
        .map(|side| side.iter().map(name).collect::<Vec<_>>().join("، "))
        .collect();
    let shared = sides.join(" ≠ ");
    format!(
        "{:<14} {:+.3} = {:.2} × {:.2}{}",
        s.kind.as_str(),
        s.contribution(),
        s.similarity,
        s.weight,
        if shared.is_empty() {
            String::new()
        } else {
            format!(": {shared}")
        }
    )
}
