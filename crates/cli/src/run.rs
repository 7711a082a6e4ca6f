//! `isnad run`: the pipeline's run, with a progress bar, then its summary
//! (as text, or as JSON with `--json`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use isnad_pipeline::{
    Added, DocumentOutcome, Inputs, Pipeline, Progress, RunReport, Stage, StorySummary,
};
use isnad_views::escape::terminal as shown;
use serde_json::json;

/// What `isnad run` prints besides errors.
#[derive(Debug, Clone, Copy)]
pub struct Show {
    /// Nothing but errors.
    pub quiet: bool,
    /// Every document read, after the summary.
    pub verbose: bool,
    /// The summary as JSON instead of text.
    pub json: bool,
}

/// The progress of a run on a bar (hidden when quiet or not on a
/// terminal): one stage at a time, counted by article, with an ETA;
/// errors are printed as they come.
struct Bar(ProgressBar, Visibility);

/// Whether the bar is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visibility {
    Drawn,
    Hidden,
}

impl Progress for Bar {
    fn stage(&self, stage: Stage, articles: usize) {
        let template = if articles == 0 {
            "{prefix:>10} [{elapsed_precise}] {spinner} {wide_msg}"
        } else {
            "{prefix:>10} [{elapsed_precise}] {bar:30} {human_pos}/{human_len} articles, ETA {eta} {wide_msg}"
        };
        // Each setter draws: hidden while they run, the bar never shows a
        // mix of two stages.
        if self.1 == Visibility::Drawn {
            self.0.set_draw_target(ProgressDrawTarget::hidden());
        }
        self.0.set_position(0);
        self.0.set_length(articles as u64);
        self.0.reset_eta();
        self.0.set_message("");
        self.0.set_prefix(stage.as_str());
        self.0.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        if self.1 == Visibility::Drawn {
            self.0.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
    fn file_holds(&self, articles: usize) {
        match articles {
            0 => self.0.dec_length(1),
            n => self.0.inc_length(n as u64 - 1),
        }
    }
    fn done(&self, articles: usize) {
        self.0.inc(articles as u64);
    }
    fn failed(&self, path: &Path, message: &str) {
        self.0.suspend(|| {
            eprintln!(
                "isnad: {}: {}",
                shown(&path.display().to_string()),
                shown(message)
            )
        });
    }
    fn warned(&self, message: &str) {
        self.0
            .suspend(|| eprintln!("isnad: warning: {}", shown(message)));
    }
    fn file_done(&self, path: &Path) {
        let name = path.file_name().unwrap_or(path.as_os_str());
        self.0
            .set_message(shown(&name.to_string_lossy()).into_owned());
    }
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        if quiet || !std::io::stderr().is_terminal() {
            return Bar(ProgressBar::hidden(), Visibility::Hidden);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(120));
        Bar(bar, Visibility::Drawn)
    }
}

/// `isnad run PATH…`: exit code 1 when any input could not be read.
pub fn run(db: &Path, paths: &[PathBuf], show: Show) -> anyhow::Result<ExitCode> {
    let inputs = Inputs::find(paths);
    let unread = report_skipped(paths, inputs.skipped);
    if inputs.files.is_empty() {
        anyhow::bail!("no .txt, .html, .htm or .jsonl files found under the given paths");
    }
    let mut pipeline = Pipeline::open(db)?;
    pipeline.set_story(show.json || !show.quiet);
    let bar = Bar::new(show.quiet);
    let report = pipeline.run(&inputs.files, &bar)?;
    bar.0.finish_and_clear();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if show.json {
        serde_json::to_writer_pretty(&mut out, &summary_json(&report, &unread))?;
        say!(out);
    } else if !show.quiet {
        print_summary(&mut out, &report, unread.len(), show.verbose)?;
    }
    if let (Some(index), false) = (&report.search_index, show.quiet || show.json) {
        say!(
            out,
            "{}",
            crate::search::sync_line(&isnad_search::index_path(db), index)
        );
    }
    out.flush()?;
    Ok(if report.errors.is_empty() && unread.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Prints the paths not read; returns those that are inputs which could
/// not be read (a missing path, an unreadable folder, a FIFO named `.txt`,
/// any path named on the command line). A file of another type found in a
/// folder is only a warning.
fn report_skipped(paths: &[PathBuf], skipped: Vec<(PathBuf, String)>) -> Vec<(PathBuf, String)> {
    let mut unread = Vec::new();
    for (path, why) in skipped {
        let shown_path = shown(&path.display().to_string()).into_owned();
        if paths.contains(&path) || !path.is_file() {
            eprintln!("isnad: {shown_path}: {}", shown(&why));
            unread.push((path, why));
        } else {
            eprintln!("isnad: skipping {shown_path}: {}", shown(&why));
        }
    }
    unread
}

fn print_summary(
    out: &mut dyn Write,
    report: &RunReport,
    unread: usize,
    verbose: bool,
) -> anyhow::Result<()> {
    print_documents_line(out, report, unread)?;
    say!(out, "words: {}", thousands(report.words()));
    print_removed(out, report)?;
    say!(
        out,
        "store: {} ({} documents)",
        shown(&report.store.display().to_string()),
        thousands(report.stored_documents.max(0) as usize)
    );
    print_entities(out, report)?;
    print_facts(out, report)?;
    let c = &report.clusters;
    say!(
        out,
        "clusters: {} across sources agree, {} conflict, {} single",
        thousands(c.agree),
        thousands(c.conflict),
        thousands(c.single)
    );
    print_stories(out, &report.stories)?;
    print_story(out, &report.story)?;
    if verbose {
        say!(out);
        for d in &report.documents {
            print_document(out, d)?;
        }
    }
    Ok(())
}

fn print_documents_line(
    out: &mut dyn Write,
    report: &RunReport,
    unread: usize,
) -> anyhow::Result<()> {
    let t = report.tally();
    let (files, docs) = (report.files, report.documents.len());
    let errors = report.errors.len() + unread;
    say!(out,
        "isnad run: {} file{} read, {} document{}: {} new, {} already stored, {} duplicate{}, {} near duplicate{}; {} error{}",
        thousands(files),
        plural(files),
        thousands(docs),
        plural(docs),
        thousands(t.new),
        thousands(t.already_stored),
        thousands(t.duplicates),
        plural(t.duplicates),
        thousands(t.near_duplicates),
        plural(t.near_duplicates),
        thousands(errors),
        plural(errors),
    );
    Ok(())
}

fn print_removed(out: &mut dyn Write, report: &RunReport) -> anyhow::Result<()> {
    let removed = report.removed_by_reason();
    if removed.is_empty() {
        say!(out, "removed as furniture: nothing");
        return Ok(());
    }
    let ranges: usize = removed.values().map(|v| v.0).sum();
    let bytes: usize = removed.values().map(|v| v.1).sum();
    let parts: Vec<String> = removed
        .iter()
        .map(|(r, (n, b))| format!("{r} {} ({} bytes)", thousands(*n), thousands(*b)))
        .collect();
    say!(
        out,
        "removed as furniture: {} range{}, {} bytes: {}",
        thousands(ranges),
        plural(ranges),
        thousands(bytes),
        parts.join(", ")
    );
    Ok(())
}

fn print_entities(out: &mut dyn Write, report: &RunReport) -> anyhow::Result<()> {
    let top: Vec<String> = report
        .entities
        .most_mentioned
        .iter()
        .map(|e| format!("{} ({}, {})", shown(&e.name), e.kind, thousands(e.mentions)))
        .collect();
    say!(
        out,
        "entities: {} in the store; most mentioned: {}",
        thousands(report.entities.count),
        list_or_dash(&top, "، ")
    );
    Ok(())
}

fn print_facts(out: &mut dyn Write, report: &RunReport) -> anyhow::Result<()> {
    let f = &report.facts;
    let kinds: Vec<String> = f
        .by_kind
        .iter()
        .map(|(k, n)| format!("{k} {}", thousands(*n)))
        .collect();
    say!(
        out,
        "facts: {} ({} with a count; {} of {} documents read for facts, the others unchanged): {}",
        thousands(f.count),
        thousands(f.with_count),
        thousands(f.documents_read),
        thousands(report.stored_documents.max(0) as usize),
        list_or_dash(&kinds, ", ")
    );
    Ok(())
}

/// The stories line, then the stories of most documents, one a line.
fn print_stories(out: &mut dyn Write, stories: &StorySummary) -> anyhow::Result<()> {
    say!(
        out,
        "stories: {}, {} of them reported by several documents (isnad stories lists them; --explain ID says why each document joined)",
        thousands(stories.count),
        thousands(stories.several)
    );
    for (documents, start, end, title) in &stories.largest {
        let days = match (start, end) {
            (Some(a), Some(b)) if a == b => a.clone(),
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "undated".into(),
        };
        say!(
            out,
            "  {} documents  {days}  «{}»",
            thousands(*documents),
            shown(title)
        );
    }
    Ok(())
}

fn print_story(out: &mut dyn Write, story: &[String]) -> anyhow::Result<()> {
    if story.is_empty() {
        return Ok(());
    }
    say!(
        out,
        "story (disputed first, then most recent; single-outlet and background last; * = publication date; full report: isnad report --output report.html):"
    );
    for line in story {
        say!(out, "  {}", shown(line));
    }
    Ok(())
}

/// What storing a document did, as the summary says it.
fn status(added: &Added) -> String {
    match added {
        Added::New {
            near_duplicate_of: None,
        } => "new".to_string(),
        Added::New {
            near_duplicate_of: Some(id),
        } => format!("new, near duplicate of {id}"),
        Added::AlreadyStored => "already stored".to_string(),
        Added::DuplicateOf(id) => format!("duplicate of {id}, not stored again"),
        Added::InPlaceOf(id) => format!("same text as {id}, stored in its place"),
    }
}

fn print_document(out: &mut dyn Write, d: &DocumentOutcome) -> anyhow::Result<()> {
    let field = |v: &Option<String>| v.as_deref().map_or("—".into(), |s| shown(s).into_owned());
    say!(
        out,
        "{}  {}  [{}]",
        d.id,
        shown(&d.source),
        shown(&status(&d.added))
    );
    say!(out, "    title:     {}", field(&d.title));
    say!(
        out,
        "    outlet:    {}   author: {}   published: {}   words: {}",
        field(&d.outlet),
        field(&d.author),
        field(&d.published),
        thousands(d.words)
    );
    Ok(())
}

/// The summary as JSON: what the text summary says, every document read,
/// and every input that could not be read.
fn summary_json(report: &RunReport, unread: &[(PathBuf, String)]) -> serde_json::Value {
    let t = report.tally();
    let errors: Vec<serde_json::Value> = unread
        .iter()
        .chain(&report.errors)
        .map(|(path, message)| json!({"path": path.display().to_string(), "message": message}))
        .collect();
    let removed: serde_json::Map<String, serde_json::Value> = report
        .removed_by_reason()
        .into_iter()
        .map(|(reason, (ranges, bytes))| {
            (
                reason.to_string(),
                json!({"ranges": ranges, "bytes": bytes}),
            )
        })
        .collect();
    let documents: Vec<serde_json::Value> = report
        .documents
        .iter()
        .map(|d| {
            json!({
                "id": d.id, "source": d.source, "title": d.title, "outlet": d.outlet,
                "author": d.author, "published": d.published, "words": d.words,
                "status": status(&d.added),
            })
        })
        .collect();
    let f = &report.facts;
    let by_kind: serde_json::Map<String, serde_json::Value> = f
        .by_kind
        .iter()
        .map(|(k, n)| (k.to_string(), json!(n)))
        .collect();
    json!({
        "files": report.files,
        "tally": {
            "documents": report.documents.len(), "new": t.new, "already_stored": t.already_stored,
            "duplicates": t.duplicates, "near_duplicates": t.near_duplicates,
        },
        "errors": errors,
        "words": report.words(),
        "removed": removed,
        "store": {"path": report.store.display().to_string(), "documents": report.stored_documents},
        "entities": {
            "count": report.entities.count,
            "most_mentioned": report.entities.most_mentioned.iter()
                .map(|e| json!({"name": e.name, "type": e.kind.to_string(), "mentions": e.mentions}))
                .collect::<Vec<_>>(),
        },
        "facts": {
            "count": f.count, "with_count": f.with_count, "documents_read": f.documents_read,
            "by_kind": by_kind,
        },
        "clusters": {
            "agree": report.clusters.agree, "conflict": report.clusters.conflict,
            "single": report.clusters.single,
        },
        "stories": {
            "count": report.stories.count, "several": report.stories.several,
            "largest": report.stories.largest.iter()
                .map(|(n, start, end, title)| json!({"documents": n, "start": start, "end": end, "title": title}))
                .collect::<Vec<_>>(),
        },
        "story": report.story,
        "documents": documents,
    })
}

/// The items joined with `sep`, or `—` when there are none.
fn list_or_dash(items: &[String], sep: &str) -> String {
    if items.is_empty() {
        "—".to_string()
    } else {
        items.join(sep)
    }
}

fn thousands(n: usize) -> String {
    isnad_views::thousands(n as u64)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_ledger::{EntityType, Kind};
    use isnad_pipeline::{ClusterSummary, EntitySummary, FactSummary, MostMentioned, StorySummary};

    /// The report of a large run.
    fn large() -> RunReport {
        RunReport {
            files: 6_316,
            documents: vec![DocumentOutcome {
                id: "9ac8a83a27ca88d5".into(),
                source: "feed.jsonl:1".into(),
                title: None,
                outlet: None,
                author: None,
                published: None,
                words: 2_048_111,
                removed: vec![("comments", 12_345), ("comments", 1)],
                added: Added::New {
                    near_duplicate_of: None,
                },
            }],
            errors: Vec::new(),
            store: PathBuf::from("isnad.db"),
            search_index: None,
            stored_documents: 6_316,
            entities: EntitySummary {
                count: 6_316,
                most_mentioned: vec![MostMentioned {
                    name: "بيروت".into(),
                    kind: EntityType::Location,
                    mentions: 12_000,
                }],
            },
            facts: FactSummary {
                count: 1_234_567,
                with_count: 4_321,
                documents_read: 6_316,
                by_kind: [(Kind::Killed, 4_321)].into_iter().collect(),
            },
            clusters: ClusterSummary {
                agree: 1_000,
                conflict: 2_000,
                single: 3_000,
            },
            stories: StorySummary {
                count: 7_777,
                several: 1_500,
                largest: vec![(2_500, None, None, "عنوان".into())],
            },
            story: Vec::new(),
        }
    }

    #[test]
    fn every_count_of_the_summary_has_thousands_separators() {
        let mut out = Vec::new();
        print_summary(&mut out, &large(), 1_000, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        let longest_run = text
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0);
        assert!(longest_run <= 3, "a count without separators:\n{text}");
        for part in [
            "6,316 files",
            "2,048,111",
            "12,346 bytes",
            "6,316 in the store",
            "12,000)",
            "1,234,567 (4,321 with a count",
            "killed 4,321",
            "1,000 across",
            "1,000 errors",
            "stories: 7,777, 1,500 of them",
            "2,500 documents",
        ] {
            assert!(text.contains(part), "{part} missing:\n{text}");
        }
    }
}
