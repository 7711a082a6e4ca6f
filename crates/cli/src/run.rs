//! `isnad run`: the pipeline's run, with a progress bar, then its summary.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use isnad_pipeline::{Added, DocumentOutcome, Inputs, Pipeline, Progress, RunReport};

/// The progress of a run, on a bar (hidden when quiet or not on a terminal);
/// errors are printed as they come.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn started(&self, files: usize) {
        self.0.set_length(files as u64);
    }
    fn failed(&self, path: &Path, message: &str) {
        self.0
            .suspend(|| eprintln!("isnad: {}: {message}", path.display()));
    }
    fn warned(&self, message: &str) {
        self.0.suspend(|| eprintln!("isnad: warning: {message}"));
    }
    fn file_done(&self, path: &Path) {
        self.0.set_message(path.display().to_string());
        self.0.inc(1);
    }
    fn files_done(&self) {
        self.0.finish_and_clear();
    }
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        if quiet || !std::io::stderr().is_terminal() {
            return Bar(ProgressBar::hidden());
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar(bar)
    }
}

/// `isnad run PATH…`.
pub fn run(db: &Path, paths: &[PathBuf], quiet: bool) -> anyhow::Result<ExitCode> {
    let inputs = Inputs::find(paths);
    for (path, why) in &inputs.skipped {
        eprintln!("isnad: skipping {}: {why}", path.display());
    }
    if inputs.files.is_empty() {
        anyhow::bail!("no .txt, .html, .htm or .jsonl files found under the given paths");
    }
    let mut pipeline = Pipeline::open(db)?;
    pipeline.set_story(!quiet);
    let report = pipeline.run(&inputs.files, &Bar::new(quiet))?;
    if !quiet {
        let stdout = std::io::stdout();
        print_summary(&mut stdout.lock(), &report)?;
    }
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_summary(out: &mut dyn Write, report: &RunReport) -> anyhow::Result<()> {
    print_documents_line(out, report)?;
    say!(out, "words: {}", thousands(report.words()));
    print_removed(out, report)?;
    say!(
        out,
        "store: {} ({} documents)",
        report.store.display(),
        report.stored_documents
    );
    print_entities(out, report)?;
    print_facts(out, report)?;
    let c = &report.clusters;
    say!(
        out,
        "clusters: {} across sources agree, {} conflict, {} single",
        c.agree,
        c.conflict,
        c.single
    );
    print_story(out, &report.story)?;
    say!(out);
    for d in &report.documents {
        print_document(out, d)?;
    }
    Ok(())
}

fn print_documents_line(out: &mut dyn Write, report: &RunReport) -> anyhow::Result<()> {
    let t = report.tally();
    let (files, docs, errors) = (report.files, report.documents.len(), report.errors.len());
    say!(out,
        "isnad run: {files} file{} read, {docs} document{}: {} new, {} already stored, {} duplicate{}, {} near duplicate{}; {errors} error{}",
        plural(files),
        plural(docs),
        t.new,
        t.already_stored,
        t.duplicates,
        plural(t.duplicates),
        t.near_duplicates,
        plural(t.near_duplicates),
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
        .map(|(r, (n, b))| format!("{r} {n} ({} bytes)", thousands(*b)))
        .collect();
    say!(
        out,
        "removed as furniture: {ranges} range{}, {} bytes: {}",
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
        .map(|e| format!("{} ({}, {})", e.name, e.kind, e.mentions))
        .collect();
    say!(
        out,
        "entities: {} in the store; most mentioned: {}",
        report.entities.count,
        list_or_dash(&top, "، ")
    );
    Ok(())
}

fn print_facts(out: &mut dyn Write, report: &RunReport) -> anyhow::Result<()> {
    let f = &report.facts;
    let kinds: Vec<String> = f.by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    say!(
        out,
        "facts: {} ({} with a count; {} of {} documents read for facts, the others unchanged): {}",
        f.count,
        f.with_count,
        f.documents_read,
        report.stored_documents,
        list_or_dash(&kinds, ", ")
    );
    Ok(())
}

fn print_story(out: &mut dyn Write, story: &[String]) -> anyhow::Result<()> {
    if story.is_empty() {
        return Ok(());
    }
    say!(
        out,
        "story (by date; * = publication date; full report: isnad report --output report.html):"
    );
    for line in story {
        say!(out, "  {line}");
    }
    Ok(())
}

fn print_document(out: &mut dyn Write, d: &DocumentOutcome) -> anyhow::Result<()> {
    let status = match &d.added {
        Added::New {
            near_duplicate_of: None,
        } => "new".to_string(),
        Added::New {
            near_duplicate_of: Some(id),
        } => format!("new, near duplicate of {id}"),
        Added::AlreadyStored => "already stored".to_string(),
        Added::DuplicateOf(id) => format!("duplicate of {id}, not stored again"),
    };
    say!(out, "{}  {}  [{}]", d.id, d.source, status);
    say!(out, "    title:     {}", d.title.as_deref().unwrap_or("—"));
    say!(
        out,
        "    outlet:    {}   author: {}   published: {}   words: {}",
        d.outlet.as_deref().unwrap_or("—"),
        d.author.as_deref().unwrap_or("—"),
        d.published.as_deref().unwrap_or("—"),
        thousands(d.words)
    );
    Ok(())
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
