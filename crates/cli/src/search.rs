//! `isnad search QUERY [filters]` and `isnad index [--rebuild]`: the search
//! index beside the store (isnad-search), queried and printed.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use isnad_search::query::Filters;
use isnad_search::{
    index_path, Hit, ReadDocs, Request, Results, SearchError, SearchIndex, SyncReport,
};
use isnad_views::escape::terminal as shown;
use isnad_views::thousands;

/// The options of `isnad search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// What to find: words, "phrases", OR, -exclusions, title:/exact: prefixes,
    /// kind:/place:/actor:/source:/outlet:/status:/type: filters, a count range (10..50).
    #[arg(value_name = "QUERY", default_value = "")]
    query: String,
    /// Only hits of this type: document, fact, story (repeatable).
    #[arg(long = "type", value_name = "TYPE")]
    hit: Vec<String>,
    /// Only facts of this kind, or documents with one (repeatable).
    #[arg(long, value_name = "KIND")]
    kind: Vec<String>,
    /// Only hits at this place or a place inside it (any spelling; repeatable).
    #[arg(long, value_name = "NAME")]
    place: Vec<String>,
    /// Only hits whose actor is this one (repeatable).
    #[arg(long, value_name = "NAME")]
    actor: Vec<String>,
    /// Only facts said by this source (repeatable).
    #[arg(long, value_name = "NAME")]
    source: Vec<String>,
    /// Only hits of this outlet (repeatable).
    #[arg(long, value_name = "NAME")]
    outlet: Vec<String>,
    /// Only facts whose event is dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    from: Option<String>,
    /// Only facts whose event is dated on or before this day.
    #[arg(long, value_name = "DAY")]
    to: Option<String>,
    /// Only hits published on or after this day.
    #[arg(long, value_name = "DAY")]
    published_from: Option<String>,
    /// Only hits published on or before this day.
    #[arg(long, value_name = "DAY")]
    published_to: Option<String>,
    /// Only facts in clusters of this status: agree, conflict, single (repeatable).
    #[arg(long, value_name = "STATUS")]
    status: Vec<String>,
    /// Only facts reported as alleged.
    #[arg(long)]
    hedged: bool,
    /// Only denied facts.
    #[arg(long)]
    negated: bool,
    /// Count hits by kind, outlet, place and publication day.
    #[arg(long)]
    facets: bool,
    /// `text` for a terminal, `json` for scripts.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// How many hits to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    limit: usize,
}

/// How `isnad search` prints.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For a terminal.
    Text,
    /// For scripts.
    Json,
}

/// `isnad search`.
pub fn search(db: &Path, args: SearchArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let store = crate::open_existing(db)?;
    let (index, synced) = SearchIndex::in_step(db, &store)?;
    if let (Some(report), false) = (&synced, quiet) {
        eprintln!("isnad: {}", sync_line(&index_path(db), report));
    }
    let request = Request {
        query: args.query.clone(),
        filters: Filters {
            hit: args.hit,
            kind: args.kind,
            place: args.place,
            actor: args.actor,
            source: args.source,
            outlet: args.outlet,
            status: args.status,
            event_from: args.from,
            event_to: args.to,
            published_from: args.published_from,
            published_to: args.published_to,
            hedged: args.hedged.then_some(true),
            negated: args.negated.then_some(true),
            count: None,
        },
        limit: args.limit,
        facets: args.facets,
    };
    let results = match index.search(&request) {
        Ok(r) => r,
        Err(e @ (SearchError::Query { .. } | SearchError::Filter(_))) => {
            eprintln!("isnad: error: {}", shown(&e.to_string()));
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &results)?;
            say!(out);
        }
        Format::Text => print_results(
            &mut out,
            &args.query,
            &results,
            std::io::stdout().is_terminal(),
        )?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `isnad index [--rebuild]`: brings the index in step, or makes it anew.
pub fn index(db: &Path, rebuild: bool, quiet: bool) -> anyhow::Result<ExitCode> {
    let store = crate::open_existing(db)?;
    let dir = index_path(db);
    let generation = isnad_search::generation(&store)?;
    let ledger = store.ledger()?;
    let report = if rebuild {
        SearchIndex::rebuild(&dir, &ledger, &generation, &ReadDocs::new())?
    } else {
        SearchIndex::sync(&dir, &ledger, &generation, &ReadDocs::new())?
    };
    if !quiet {
        println!("{}", sync_line(&dir, &report));
    }
    Ok(ExitCode::SUCCESS)
}

/// One line on what bringing the index in step did.
pub fn sync_line(dir: &Path, r: &SyncReport) -> String {
    format!(
        "search index {}: {}{} documents indexed, {} taken out, {} unchanged; {} stories",
        shown(&dir.display().to_string()),
        if r.rebuilt { "rebuilt; " } else { "" },
        thousands(r.indexed as u64),
        thousands(r.removed as u64),
        thousands(r.unchanged as u64),
        thousands(r.stories as u64)
    )
}

fn print_results(
    out: &mut dyn Write,
    query: &str,
    r: &Results,
    colour: bool,
) -> anyhow::Result<()> {
    say!(
        out,
        "{} hits for «{}»{}",
        thousands(r.total as u64),
        shown(query),
        if r.hits.len() < r.total {
            format!(" (the best {} shown; --limit N for more)", r.hits.len())
        } else {
            String::new()
        }
    );
    for (i, h) in r.hits.iter().enumerate() {
        say!(out);
        say!(out, "{}. {}", i + 1, header(h));
        if let Some(title) = &h.title {
            say!(out, "   {}", shown(title));
        }
        say!(out, "   {}", marked(h, colour));
    }
    for (name, values) in &r.facets {
        say!(out);
        let line: Vec<String> = values
            .iter()
            .map(|f| format!("{} {}", shown(&f.value), thousands(f.count)))
            .collect();
        say!(
            out,
            "by {name}: {}",
            if line.is_empty() {
                "—".into()
            } else {
                line.join(" · ")
            }
        );
    }
    if !r.days.is_empty() {
        say!(out);
        say!(out, "by day:");
        let most = r.days.iter().map(|d| d.count).max().unwrap_or(1).max(1);
        for d in &r.days {
            let bar = "█".repeat(((d.count * 40).div_ceil(most)) as usize);
            say!(out, "  {} {:>6} {bar}", d.value, thousands(d.count));
        }
    }
    Ok(())
}

/// The line naming a hit: type, kind and status, day, outlet, ids.
fn header(h: &Hit) -> String {
    let mut parts = vec![h.hit.clone()];
    if h.hit == "fact" {
        parts.push(h.kinds.join(", "));
        parts.push(h.status.join(", "));
    }
    if let Some(day) = &h.day {
        parts.push(day.clone());
    }
    if let Some(outlet) = &h.outlet {
        parts.push(shown(outlet).into_owned());
    }
    match h.hit.as_str() {
        "fact" => parts.push(format!("fact {} in doc {}", h.id, h.documents.join(", "))),
        "story" => parts.push(format!("story {} ({} documents)", h.id, h.documents.len())),
        _ => parts.push(format!("doc {}", h.id)),
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// The snippet with its matches marked: bold on a terminal, `[…]` otherwise.
fn marked(h: &Hit, colour: bool) -> String {
    let (open, close) = if colour {
        ("\x1b[1;4m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let base = h.snippet_span.start;
    let mut out = String::new();
    let mut at = 0;
    for s in &h.highlights {
        let (a, b) = (s.start - base, s.end - base);
        out.push_str(&shown(&h.snippet[at..a].replace('\n', " ")));
        out.push_str(open);
        out.push_str(&shown(&h.snippet[a..b]));
        out.push_str(close);
        at = b;
    }
    out.push_str(&shown(&h.snippet[at..].replace('\n', " ")));
    out
}
