//! The `isnad` command: thin glue over the library crates.

/// `writeln!` that returns write errors (a closed pipe) to the caller.
#[macro_export]
macro_rules! say {
    ($out:expr) => {
        writeln!($out)?
    };
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, $($arg)*)?
    };
}

/// mimalloc: a measured 16-30 % less CPU than the system allocator on a run
/// (BENCHMARKS.md, "The allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod entities;
mod ner;
mod run;
mod show;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

/// isnad: Arabic news articles in, a source-attributed ledger out.
#[derive(Parser, Debug)]
#[command(name = "isnad", version, about, long_about = None)]
struct Cli {
    /// The store file (created when missing).
    #[arg(
        long,
        global = true,
        env = "ISNAD_DB",
        default_value = "isnad.db",
        value_name = "FILE"
    )]
    db: PathBuf,
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Ingest files and folders (recursively: .txt, .html, .htm, .jsonl), analyse and store them, then summarise.
    Run {
        /// Files or folders to read.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Write the ledger (schema isnad.ledger.v1).
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the report: what happened, disputed and agreed figures with their sources, timeline, outlets and their wording, entity index.
    Report {
        /// `html`: one self-contained right-to-left page; `md`: Markdown.
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List stored documents.
    Docs,
    /// Verify the store: SQLite integrity and foreign keys, and that every stored range lies inside its text.
    Check,
    /// List linked entities with their variants; `--explain ID` says why mentions were merged.
    Entities {
        /// Show one entity's mentions and the reason for every merge.
        #[arg(long, value_name = "ID")]
        explain: Option<String>,
    },
    /// Named-entity tagging: `--conll` tags CoNLL tokens from stdin; `train` rebuilds the model.
    Ner {
        /// Read CoNLL lines (token first; other columns ignored) on stdin and write `TOKEN TAG` lines.
        #[arg(long)]
        conll: bool,
        #[command(subcommand)]
        action: Option<NerAction>,
    },
    /// Evaluate a component against gold data.
    Eval {
        #[command(subcommand)]
        what: EvalWhat,
    },
    /// Show one document: metadata, clean text, and what was removed.
    Show {
        /// Document id, id prefix (4+ characters) or source file name.
        #[arg(value_name = "DOC")]
        doc: String,
    },
}

#[derive(Subcommand, Debug)]
enum NerAction {
    /// Train the tagger on a CoNLL file (tunes epochs on its last sentences, then retrains on all).
    Train {
        /// Gold CoNLL training data (e.g. ANERCorp_CamelLab_train.txt).
        #[arg(long, value_name = "FILE")]
        train: PathBuf,
        /// Share of the training sentences (from the end) held out to choose the epoch count.
        #[arg(long, default_value_t = 0.1)]
        dev_fraction: f64,
        /// Most passes over the data.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Where to write the model.
        #[arg(long, value_name = "FILE", default_value = "crates/ner/model/ner.bin")]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum EvalWhat {
    /// Entity-level precision, recall and F1 per type of the shipped tagger on a gold CoNLL file.
    Ner {
        /// Gold CoNLL file (`TOKEN TAG` lines).
        file: PathBuf,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// The ledger v1 JSON document.
    Json,
    /// One row per fact: ACLED-like columns, then isnad's own.
    Csv,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// A self-contained HTML page (right to left, no network needed).
    Html,
    /// Markdown.
    Md,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("isnad: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Output cut short by the reader (`isnad export | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run { paths } => run::run(&cli.db, &paths, cli.quiet),
        Command::Export { format, output } => export(&cli.db, format, output.as_deref()),
        Command::Report { format, output } => report(&cli.db, format, output.as_deref()),
        Command::Docs => {
            let store = open_existing(&cli.db)?;
            show::list(&store)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ner {
            conll: true,
            action: None,
        } => ner::tag_conll(),
        Command::Ner {
            action:
                Some(NerAction::Train {
                    train,
                    dev_fraction,
                    epochs,
                    out,
                }),
            ..
        } => ner::train_model(&train, dev_fraction, epochs, &out),
        Command::Ner {
            conll: false,
            action: None,
        } => {
            anyhow::bail!(
                "say what to do: `isnad ner --conll < FILE` or `isnad ner train --train FILE`"
            )
        }
        Command::Eval {
            what: EvalWhat::Ner { file },
        } => ner::eval(&file),
        Command::Entities { explain } => {
            let store = open_existing(&cli.db)?;
            entities::command(&store, explain.as_deref())
        }
        Command::Check => {
            let store = open_existing(&cli.db)?;
            store
                .check()
                .map_err(|e| anyhow::anyhow!("{} is damaged: {e}", cli.db.display()))?;
            let unanalysed = store.unanalysed()?.len();
            if !cli.quiet {
                println!(
                    "{}: ok ({} documents, schema version {})",
                    cli.db.display(),
                    store.count()?,
                    store.schema_version()?
                );
                if unanalysed > 0 {
                    println!("{}: {unanalysed} of them stored without their analysis (a run stopped or failed after storing them, or is still going): the next `isnad run` analyses them", cli.db.display());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { doc } => {
            let store = open_existing(&cli.db)?;
            show::show(&store, &doc)
        }
    }
}

/// `isnad export`: the ledger as JSON, or its facts as CSV.
fn export(db: &Path, format: ExportFormat, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let store = open_existing(db)?;
    let ledger = store.ledger()?;
    let gazetteer_ids: HashMap<String, String> = if format == ExportFormat::Csv {
        store
            .entities()?
            .into_iter()
            .filter_map(|e| e.gazetteer_id.map(|g| (e.id, g)))
            .collect()
    } else {
        HashMap::new()
    };
    let write = |w: &mut dyn Write| -> anyhow::Result<()> {
        match format {
            ExportFormat::Json => isnad_ledger::write_json(&ledger, &mut *w)?,
            ExportFormat::Csv => {
                isnad_views::csv::write(&isnad_views::View::new(&ledger), &gazetteer_ids, &mut *w)?
            }
        }
        Ok(())
    };
    match output {
        Some(path) => write_atomically(path, |w| write(w))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write(&mut lock)?;
            if format == ExportFormat::Json {
                writeln!(lock)?;
            }
            lock.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `isnad report`: the report as HTML or Markdown.
fn report(db: &Path, format: ReportFormat, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let store = open_existing(db)?;
    let ledger = store.ledger()?;
    let view = isnad_views::View::new(&ledger);
    let text = match format {
        ReportFormat::Html => isnad_views::report::html(&view),
        ReportFormat::Md => isnad_views::report::markdown(&view),
    };
    match output {
        Some(path) => write_atomically(path, |w| Ok(w.write_all(text.as_bytes())?))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens a store that must exist already (reading commands never create one).
fn open_existing(db: &std::path::Path) -> anyhow::Result<isnad_store::Store> {
    if !db.exists() {
        anyhow::bail!(
            "no store at {}: run `isnad run PATH…` first, or pass --db FILE",
            db.display()
        );
    }
    Ok(isnad_store::Store::open(db)?)
}

/// Writes a file through a temporary sibling and a rename, so a failed
/// export never leaves a half-written file behind.
fn write_atomically(
    path: &std::path::Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name()
            .map_or("export".into(), |n| n.to_string_lossy())
    ));
    let result = (|| {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        write(&mut w)?;
        w.flush()?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
