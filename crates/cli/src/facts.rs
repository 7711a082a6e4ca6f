//! `isnad facts --explain ID`: the facts of one document read again, and for
//! each the words that gave its kind, figure, place, time and source.
//! `ID` is a document id (or a prefix of 4+ characters), the file name it
//! came from, or the id of one of its facts (then that fact's sentence alone).

use std::io::Write;
use std::process::ExitCode;

use isnad_facts::{extract, EntitySpan, Fact};
use isnad_ledger::Ledger;
use isnad_store::Store;
use isnad_text::Span;
use isnad_views::escape::terminal as shown;

/// `isnad facts --explain ID`.
pub fn command(store: &Store, explain: &str) -> anyhow::Result<ExitCode> {
    let ledger = store.ledger()?;
    let (doc, only) = find(&ledger, explain)?;
    let d = &ledger.documents[doc];
    let spans = entity_spans(&ledger, &d.id);
    let published = d.published.as_deref().and_then(isnad_time::parse_date);
    let facts = extract(&d.text, published, &spans);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    say!(
        out,
        "{} ({}), published {}",
        shown(&d.id),
        shown(&d.source),
        d.published.as_deref().unwrap_or("— (undated)")
    );
    let name = |id: &str| {
        ledger
            .entities
            .iter()
            .find(|e| e.id == id)
            .map_or(id.to_string(), |e| e.name.clone())
    };
    let shown_facts = facts
        .iter()
        .filter(|f| only.is_none_or(|(s, e)| f.evidence.start == s && f.evidence.end == e));
    let mut n = 0;
    for f in shown_facts {
        n += 1;
        explain_fact(&mut out, &d.text, f, &name)?;
    }
    if n == 0 {
        say!(out, "no facts read in it");
    }
    Ok(ExitCode::SUCCESS)
}

/// The document `id` names (its index in the ledger), and, when `id` is a
/// fact's, that fact's evidence span.
fn find(ledger: &Ledger, id: &str) -> anyhow::Result<(usize, Option<(usize, usize)>)> {
    if let Some(f) = ledger.facts.iter().find(|f| f.id == id) {
        let doc = ledger.documents.iter().position(|d| d.id == f.doc);
        return Ok((
            doc.expect("a stored fact's document is stored"),
            Some((f.start, f.end)),
        ));
    }
    let found: Vec<usize> = (0..ledger.documents.len())
        .filter(|&i| {
            let d = &ledger.documents[i];
            d.source == id || (id.len() >= 4 && d.id.starts_with(id))
        })
        .collect();
    match found.as_slice() {
        [i] => Ok((*i, None)),
        [] => anyhow::bail!(
            "no document or fact {id:?}: `isnad docs` lists documents, `isnad export` their facts"
        ),
        _ => anyhow::bail!(
            "{} documents match {id:?}: give more of the id",
            found.len()
        ),
    }
}

/// The linked entities' mentions of document `doc`, as the run gave them to
/// the fact reader (by position, then entity id).
fn entity_spans(ledger: &Ledger, doc: &str) -> Vec<EntitySpan> {
    let mut spans: Vec<EntitySpan> = ledger
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .filter(|m| m.doc == doc)
                .map(|m| EntitySpan {
                    span: Span::new(m.start, m.end),
                    id: e.id.clone(),
                    kind: e.kind.as_str().to_string(),
                })
        })
        .collect();
    spans.sort_by(|a, b| (a.span.start, a.span.end, &a.id).cmp(&(b.span.start, b.span.end, &b.id)));
    spans
}

/// One fact: its kind and the words of each of its parts.
fn explain_fact(
    out: &mut impl Write,
    text: &str,
    f: &Fact,
    name: &dyn Fn(&str) -> String,
) -> anyhow::Result<()> {
    let words = |s: Span| shown(s.slice(text)).into_owned();
    say!(out);
    say!(out, "{}  «{}»", f.kind, words(f.evidence));
    say!(out, "  kind    ← «{}» (the event word)", words(f.trigger));
    match &f.count {
        Some(c) => say!(
            out,
            "  figure  ← «{}»: {}..{}{}",
            words(c.span),
            c.min.map_or("?".into(), |n| n.to_string()),
            c.max.map_or("".into(), |n| n.to_string()),
            if c.suspect { " (suspect)" } else { "" }
        ),
        None => say!(out, "  figure  — none stated"),
    }
    match (&f.place, f.place_evidence) {
        (Some(p), Some(ev)) => say!(out, "  place   ← {} ({})", shown(&name(p)), ev.name()),
        _ => say!(out, "  place   — none with evidence in the sentence"),
    }
    match &f.time {
        Some(t) if t.assumed => say!(
            out,
            "  time    — no expression governs it: the publication date {} (assumed)",
            t.start
        ),
        Some(t) => say!(
            out,
            "  time    ← «{}»: {}{} ({}, {}, resolved against: {})",
            words(t.span),
            t.start,
            if t.end != t.start {
                format!("/{}", t.end)
            } else {
                String::new()
            },
            t.timex_type,
            t.granularity,
            t.resolved_against
        ),
        None => say!(out, "  time    — none (the document is undated)"),
    }
    if f.sources.is_empty() {
        say!(out, "  source  — the document's own voice");
    }
    for s in &f.sources {
        let chain: Vec<String> = s.chain.iter().map(|c| words(*c)).collect();
        say!(
            out,
            "  source  ← «{}» (chain: {})",
            words(s.name),
            chain.join(" ← ")
        );
    }
    if f.negated || f.hedged {
        say!(out, "  {}", if f.negated { "denied" } else { "alleged" });
    }
    Ok(())
}
