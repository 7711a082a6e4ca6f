//! `isnad run`: ingest, store, summarise.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use isnad_ingest::{discover, read_file, Document};
use isnad_store::{Added, Store};
use rayon::prelude::*;

use crate::entities;

/// What happened to one document in this run (what the summary needs, not the text).
struct Outcome {
    doc: Summary,
    added: Added,
}

/// The parts of a document the run summary prints.
struct Summary {
    id: String,
    source: String,
    title: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    published: Option<String>,
    words: usize,
    removed: Vec<(&'static str, usize)>,
}

impl From<Document> for Summary {
    fn from(d: Document) -> Summary {
        Summary {
            removed: d
                .removed
                .iter()
                .map(|r| (r.reason.as_str(), r.span.len()))
                .collect(),
            id: d.id,
            source: d.source,
            title: d.title,
            outlet: d.outlet,
            author: d.author,
            published: d.published,
            words: d.words,
        }
    }
}

pub fn run(db: &Path, paths: &[PathBuf], quiet: bool) -> anyhow::Result<ExitCode> {
    // On a thread of the pool: its per-word caches (keys, word information,
    // spellings) are the ones every stage reads, also where a stage's work
    // is one piece rayon would run on the calling thread.
    rayon::scope(|_| run_on_pool(db, paths, quiet))
}

fn run_on_pool(db: &Path, paths: &[PathBuf], quiet: bool) -> anyhow::Result<ExitCode> {
    let found = discover(paths);
    for (path, why) in &found.skipped {
        eprintln!("isnad: skipping {}: {why}", path.display());
    }
    if found.inputs.is_empty() {
        anyhow::bail!("no .txt, .html, .htm or .jsonl files found under the given paths");
    }
    let mut store = Store::open(db)?;
    let tagger = isnad_ner::Tagger::embedded()
        .map_err(|e| anyhow::anyhow!("the NER model shipped in this binary is unusable: {e}"))?;

    let bar = if quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::with_draw_target(
            Some(found.inputs.len() as u64),
            ProgressDrawTarget::stderr(),
        );
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    };

    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut new_texts: std::collections::HashMap<String, String> = Default::default();
    let mut new_mentions: std::collections::HashMap<String, Vec<isnad_store::MentionRow>> =
        Default::default();
    // The sentences of those texts, for the fact reader (it reads the same ones).
    let mut new_sentences: std::collections::HashMap<String, Vec<isnad_text::Span>> =
        Default::default();
    let mut errors = 0usize;
    let mut report = |bar: &ProgressBar, what: String| {
        errors += 1;
        bar.suspend(|| eprintln!("isnad: {what}"));
    };
    // A bug on one odd file must not take the run down: report it by name.
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    // Files are read and cleaned in parallel, a chunk at a time, and stored
    // in input order from this thread (one transaction per document).
    for chunk in found.inputs.chunks(64) {
        let read: Vec<_> = chunk
            .par_iter()
            .map(|input| {
                panic::catch_unwind(AssertUnwindSafe(|| {
                    read_file(input).map(|docs| {
                        docs.into_iter()
                            .map(|d| {
                                d.map(|doc| {
                                    let sentences = isnad_text::sentences(&doc.text);
                                    let mentions =
                                        entities::mentions_of(&doc.text, &sentences, tagger);
                                    (doc, mentions, sentences)
                                })
                            })
                            .collect::<Vec<_>>()
                    })
                }))
            })
            .collect();
        // The chunk's documents are stored in one transaction.
        let mut ready = Vec::new();
        for (input, read) in chunk.iter().zip(read) {
            bar.set_message(input.path.display().to_string());
            match read {
                Ok(Ok(results)) => {
                    for result in results {
                        match result {
                            Ok(analysed) => ready.push(analysed),
                            Err(e) => report(&bar, format!("{}: {e}", input.path.display())),
                        }
                    }
                }
                Ok(Err(e)) => report(&bar, format!("{}: {e}", input.path.display())),
                Err(_) => report(
                    &bar,
                    format!(
                        "{}: internal error while reading this file (please report it)",
                        input.path.display()
                    ),
                ),
            }
            bar.inc(1);
        }
        let batch: Vec<(&Document, &[isnad_store::MentionRow])> =
            ready.iter().map(|(d, m, _)| (d, m.as_slice())).collect();
        let added = store.add_all(&batch, isnad_entities::MENTIONS_VERSION)?;
        outcomes.extend(ready.into_iter().zip(added).map(
            |((mut doc, mut mentions, sentences), added)| {
                // The texts and mentions stored now are what the corpus-wide
                // passes below read (mentions in the order the store keeps them).
                if matches!(added, Added::New { .. }) {
                    new_texts.insert(doc.id.clone(), std::mem::take(&mut doc.text));
                    new_sentences.insert(doc.id.clone(), sentences);
                    mentions.sort_by_key(|m| (m.start, m.end));
                    new_mentions.insert(doc.id.clone(), mentions);
                }
                Outcome {
                    doc: doc.into(),
                    added,
                }
            },
        ));
    }
    panic::set_hook(default_hook);
    bar.finish_and_clear();

    // Documents stored by an older version get their mentions found again;
    // then every mention of the store is linked afresh.
    for (id, text) in store.documents_needing_mentions(isnad_entities::MENTIONS_VERSION)? {
        store.set_mentions(
            &id,
            &entities::mentions_of(&text, &isnad_text::sentences(&text), tagger),
            isnad_entities::MENTIONS_VERSION,
        )?;
    }
    // Every text, for both corpus-wide passes (those stored by this run
    // are not read back).
    let texts = store.texts_with(&mut new_texts)?;
    let linked = entities::relink(&mut store, &texts, &mut new_mentions)?;
    let refreshed = crate::facts::refresh(&mut store, &linked, &texts, &new_sentences)?;
    drop(texts);
    let clusters = crate::facts::recluster(&mut store, &linked, &refreshed.facts)?;
    let analysis = Analysis {
        linked,
        facts: refreshed.facts,
        facts_read: refreshed.read,
        clusters,
    };

    if !quiet {
        print_summary(&store, &found.inputs.len(), &outcomes, errors, &analysis)?;
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn thousands(n: usize) -> String {
    isnad_views::thousands(n as u64)
}

/// What the run's analysis left in the store, for the summary.
struct Analysis {
    linked: Vec<isnad_store::EntityRow>,
    facts: Vec<isnad_ledger::Fact>,
    facts_read: usize,
    clusters: Vec<isnad_ledger::Cluster>,
}

fn print_summary(
    store: &Store,
    files: &usize,
    outcomes: &[Outcome],
    errors: usize,
    analysis: &Analysis,
) -> anyhow::Result<()> {
    let Analysis {
        linked,
        facts,
        facts_read,
        clusters,
    } = analysis;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let new = outcomes
        .iter()
        .filter(|o| matches!(o.added, Added::New { .. }))
        .count();
    let again = outcomes
        .iter()
        .filter(|o| o.added == Added::AlreadyStored)
        .count();
    let dups = outcomes
        .iter()
        .filter(|o| matches!(o.added, Added::DuplicateOf(_)))
        .count();
    let near = outcomes
        .iter()
        .filter(|o| {
            matches!(
                o.added,
                Added::New {
                    near_duplicate_of: Some(_)
                }
            )
        })
        .count();
    let words: usize = outcomes.iter().map(|o| o.doc.words).sum();
    let mut removed: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for o in outcomes {
        for &(reason, len) in &o.doc.removed {
            let e = removed.entry(reason).or_default();
            e.0 += 1;
            e.1 += len;
        }
    }
    let removed_bytes: usize = removed.values().map(|v| v.1).sum();
    let removed_ranges: usize = removed.values().map(|v| v.0).sum();
    say!(out,
        "isnad run: {} file{} read, {} document{}: {new} new, {again} already stored, {dups} duplicate{}, {near} near duplicate{}; {errors} error{}",
        files,
        plural(*files),
        outcomes.len(),
        plural(outcomes.len()),
        plural(dups),
        plural(near),
        plural(errors),
    );
    say!(out, "words: {}", thousands(words));
    if removed.is_empty() {
        say!(out, "removed as furniture: nothing");
    } else {
        let parts: Vec<String> = removed
            .iter()
            .map(|(r, (n, b))| format!("{r} {n} ({} bytes)", thousands(*b)))
            .collect();
        say!(
            out,
            "removed as furniture: {} range{}, {} bytes: {}",
            removed_ranges,
            plural(removed_ranges),
            thousands(removed_bytes),
            parts.join(", ")
        );
    }
    say!(
        out,
        "store: {} ({} documents)",
        store.path().display(),
        store.count()?
    );
    let top: Vec<String> = linked
        .iter()
        .take(8)
        .map(|e| format!("{} ({}, {})", e.name, e.kind, e.mentions.len()))
        .collect();
    say!(
        out,
        "entities: {} in the store; most mentioned: {}",
        linked.len(),
        if top.is_empty() {
            "—".to_string()
        } else {
            top.join("، ")
        }
    );
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for f in facts {
        *by_kind.entry(f.kind.as_str()).or_default() += 1;
    }
    let counted = facts.iter().filter(|f| f.count.is_some()).count();
    let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    say!(
        out,
        "facts: {} ({} with a count; {} of {} documents read for facts, the others unchanged): {}",
        facts.len(),
        counted,
        facts_read,
        store.count()?,
        if kinds.is_empty() {
            "—".to_string()
        } else {
            kinds.join(", ")
        }
    );
    let status = |st: &str| clusters.iter().filter(|c| c.status == st).count();
    say!(
        out,
        "clusters: {} across sources agree, {} conflict, {} single",
        status("agree"),
        status("conflict"),
        status("single")
    );
    // The story reads the analysis in hand; only documents come from the store.
    let ledger = isnad_ledger::Ledger {
        documents: store
            .documents()?
            .into_iter()
            .map(isnad_ledger::Document::from)
            .collect(),
        entities: linked
            .iter()
            .cloned()
            .map(isnad_ledger::Entity::from)
            .collect(),
        facts: facts.clone(),
        clusters: clusters.clone(),
        ..isnad_ledger::Ledger::default()
    };
    let story = isnad_views::story(&isnad_views::View::new(&ledger), STORY_LINES);
    if !story.is_empty() {
        say!(
            out,
            "story (by date; * = publication date; full report: isnad report --output report.html):"
        );
        for line in story {
            say!(out, "  {line}");
        }
    }
    say!(out);
    for o in outcomes {
        let d = &o.doc;
        let status = match &o.added {
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
    }
    Ok(())
}

/// Lines of story at the end of a run.
const STORY_LINES: usize = 10;

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
