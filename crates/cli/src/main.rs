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
mod facts;
mod ner;
mod run;
mod search;
mod show;
mod stories;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use isnad_views::escape::terminal as shown;

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
        /// After the summary, list every document read (id, source, status, title, outlet, author, date, words).
        #[arg(long, short)]
        verbose: bool,
        /// Print the summary as JSON (every document read included) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the ledger (schema isnad.ledger.v1).
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Start the CSV with a UTF-8 byte-order mark, so Excel reads its Arabic as UTF-8.
        #[arg(long)]
        bom: bool,
        /// ACLED: write ACLED's columns only, without isnad's after them.
        #[arg(long)]
        strict: bool,
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
    /// Explain the facts read from one document: `--explain ID` (a document id, file name or fact id).
    Facts {
        /// The document (id, prefix of 4+ characters, or file name) or one of its facts' ids.
        #[arg(long, value_name = "ID")]
        explain: String,
    },
    /// List stories (the documents that report one happening); `--explain ID` says why each document joined.
    Stories {
        /// Show one story (id, or id prefix of 4+ characters): its documents, and the signals and weights each joined by.
        #[arg(long, value_name = "ID")]
        explain: Option<String>,
    },
    /// Serve the store's ledger over HTTP: a JSON API under /api/v1 (described at /api/v1/openapi.json), read-only, until Ctrl-C.
    Serve {
        /// Address to listen on (localhost unless you give another; port 0 picks a free one).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
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
    /// Search documents, facts and stories by their Arabic wording, entities and filters.
    Search(Box<search::SearchArgs>),
    /// Bring the search index (DB.index beside the store) in step with the store; `--rebuild` makes it anew.
    Index {
        /// Make the index anew from the store instead of updating it.
        #[arg(long)]
        rebuild: bool,
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
    /// ACLED's event table: one row per event, ACLED's columns, then isnad's (not with --strict).
    Acled,
    /// GeoJSON (RFC 7946): one point per cluster the gazetteer places.
    Geojson,
    /// PLOVER JSON Lines: one record per fact, with its event, byte and character offsets.
    Plover,
    /// GDELT 2.0's tables in --output DIR: events.tsv (one row per event) and mentions.tsv (one per fact).
    Gdelt,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// A self-contained HTML page (right to left, no network needed).
    Html,
    /// Markdown.
    Md,
}

/// Exit code: some input could not be read, or another error (the message says which).
const EXIT_ERROR: u8 = 1;
/// Exit code: the store is damaged.
const EXIT_DAMAGED: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli.db.clone();
    let checking = matches!(cli.command, Command::Check);
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => match damage(&e) {
            Some(detail) => {
                eprintln!("isnad: error: {}", shown(&damaged_message(&db, checking)));
                for line in detail.lines() {
                    eprintln!("  {}", shown(line));
                }
                ExitCode::from(EXIT_DAMAGED)
            }
            None => {
                eprintln!("isnad: error: {}", shown(&format!("{e:#}")));
                ExitCode::from(EXIT_ERROR)
            }
        },
    }
}

/// The store failed `isnad check`: what is wrong with it.
#[derive(Debug)]
struct Damaged(String);

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Damaged {}

/// What is wrong with the store, when the error is that it is damaged: it
/// failed its checks, SQLite found a page it cannot read, or a stored
/// value is not what isnad writes (text that is not UTF-8, a number where
/// text belongs).
fn damage(e: &anyhow::Error) -> Option<String> {
    e.chain().find_map(|c| {
        if let Some(d) = c.downcast_ref::<Damaged>() {
            return Some(d.0.clone());
        }
        let sqlite = c.downcast_ref::<rusqlite::Error>()?;
        let damaged = sqlite.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt)
            || matches!(
                sqlite,
                rusqlite::Error::FromSqlConversionFailure(..)
                    | rusqlite::Error::Utf8Error(_)
                    | rusqlite::Error::InvalidColumnType(..)
                    | rusqlite::Error::IntegralValueOutOfRange(..)
            );
        damaged.then(|| sqlite.to_string())
    })
}

/// What to tell a user whose store is damaged (what SQLite says follows).
fn damaged_message(db: &Path, checking: bool) -> String {
    let see = if checking {
        String::new()
    } else {
        format!(
            "run `isnad --db {} check` to see what is wrong; ",
            db.display()
        )
    };
    format!(
        "the store {} is damaged: {see}restore it from a copy, or build a new store \
         from the original files (`isnad --db NEW.db run PATH…`). SQLite says:",
        db.display()
    )
}

/// Stops with a usage error (exit code 2, as for arguments clap refuses).
fn usage_error(message: &str) -> ! {
    Cli::command()
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .exit()
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
        Command::Run {
            paths,
            verbose,
            json,
        } => run::run(
            &cli.db,
            &paths,
            run::Show {
                quiet: cli.quiet,
                verbose,
                json,
            },
        ),
        Command::Export {
            format,
            output,
            bom,
            strict,
        } => export(&cli.db, format, output.as_deref(), bom, strict),
        Command::Report { format, output } => report(&cli.db, format, output.as_deref()),
        Command::Docs => {
            let store = open_existing(&cli.db)?;
            show::list(&store)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ner { conll, action } => ner_command(conll, action),
        Command::Eval {
            what: EvalWhat::Ner { file },
        } => ner::eval(&file),
        Command::Entities { explain } => {
            let store = open_existing(&cli.db)?;
            entities::command(&store, explain.as_deref())
        }
        Command::Facts { explain } => facts::command(&open_existing(&cli.db)?, &explain),
        Command::Stories { explain } => {
            let store = open_existing(&cli.db)?;
            stories::command(&store, explain.as_deref())
        }
        Command::Serve { addr } => serve(&cli.db, addr, cli.quiet),
        Command::Check => check(&cli.db, cli.quiet),
        Command::Search(args) => search::search(&cli.db, *args, cli.quiet),
        Command::Index { rebuild } => search::index(&cli.db, rebuild, cli.quiet),
        Command::Show { doc } => {
            let store = open_existing(&cli.db)?;
            show::show(&store, &doc)
        }
    }
}

/// `isnad ner`: tags CoNLL from standard input, or trains a model.
fn ner_command(conll: bool, action: Option<NerAction>) -> anyhow::Result<ExitCode> {
    match (conll, action) {
        (
            _,
            Some(NerAction::Train {
                train,
                dev_fraction,
                epochs,
                out,
            }),
        ) => ner::train_model(&train, dev_fraction, epochs, &out),
        (true, None) => ner::tag_conll(),
        (false, None) => usage_error(
            "say what to do: `isnad ner --conll < FILE` or `isnad ner train --train FILE`",
        ),
    }
}

/// `isnad serve`: the store's ledger over HTTP until stopped.
fn serve(db: &Path, addr: std::net::SocketAddr, quiet: bool) -> anyhow::Result<ExitCode> {
    open_existing(db)?;
    isnad_serve::serve(db, addr, |bound| {
        if !quiet {
            println!("isnad serve: http://{bound}/api/v1/documents (Ctrl-C stops)");
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `isnad check`: the store's integrity, and how many documents wait for
/// their analysis.
fn check(db: &Path, quiet: bool) -> anyhow::Result<ExitCode> {
    let store = open_existing(db)?;
    store.check().map_err(Damaged)?;
    let unanalysed = store.unanalysed()?.len();
    if !quiet {
        let db = shown(&db.display().to_string()).into_owned();
        println!(
            "{db}: ok ({} documents, schema version {})",
            isnad_views::thousands(store.count()?.max(0) as u64),
            store.schema_version()?
        );
        if unanalysed > 0 {
            println!("{db}: {} of them stored without their analysis (a run stopped or failed after storing them, or is still going): the next `isnad run` analyses them", isnad_views::thousands(unanalysed as u64));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `isnad export`: the ledger as JSON, its facts as CSV, or its events in
/// a field format (`isnad-exports`); CSVs after a UTF-8 byte-order mark
/// when `bom`, ACLED's columns alone when `strict`.
fn export(
    db: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    bom: bool,
    strict: bool,
) -> anyhow::Result<ExitCode> {
    if format == ExportFormat::Gdelt && output.is_none() {
        usage_error("--format gdelt writes two tables: give --output DIR");
    }
    if bom && !matches!(format, ExportFormat::Csv | ExportFormat::Acled) {
        usage_error("--bom is for the CSV exports (--format csv or acled)");
    }
    if strict && format != ExportFormat::Acled {
        usage_error("--strict is for the ACLED export (--format acled)");
    }
    let store = open_existing(db)?;
    let ledger = store.ledger()?;
    let gazetteer_ids: HashMap<String, String> = if format != ExportFormat::Json {
        store
            .entities()?
            .into_iter()
            .filter_map(|e| e.gazetteer_id.map(|g| (e.id, g)))
            .collect()
    } else {
        HashMap::new()
    };
    // Loaded when a format places entities (not for the JSON ledger).
    let gazetteer = std::cell::LazyCell::new(isnad_gazetteer::gazetteer);
    if let (ExportFormat::Gdelt, Some(dir)) = (format, output) {
        return export_gdelt(&ledger, &gazetteer, &gazetteer_ids, dir);
    }
    let write = |w: &mut dyn Write| -> anyhow::Result<()> {
        if bom {
            w.write_all("\u{feff}".as_bytes())?;
        }
        write_export(format, strict, &ledger, &gazetteer, &gazetteer_ids, w)
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

/// Writes the ledger in one of the single-file export formats.
fn write_export(
    format: ExportFormat,
    strict: bool,
    ledger: &isnad_ledger::Ledger,
    gazetteer: &isnad_gazetteer::Gazetteer,
    gazetteer_ids: &HashMap<String, String>,
    w: &mut dyn Write,
) -> anyhow::Result<()> {
    let export = || isnad_exports::Export::new(ledger, gazetteer, gazetteer_ids);
    match format {
        ExportFormat::Json => isnad_ledger::write_json(ledger, w)?,
        ExportFormat::Csv => {
            let view = isnad_views::View::new(ledger);
            isnad_views::csv::write(&view, gazetteer, gazetteer_ids, w)?
        }
        ExportFormat::Acled => {
            let columns = match strict {
                true => isnad_exports::acled::Columns::Strict,
                false => isnad_exports::acled::Columns::WithIsnad,
            };
            isnad_exports::acled::write(&export(), columns, w)?
        }
        ExportFormat::Geojson => isnad_exports::geojson::write(&export(), w)?,
        ExportFormat::Gdelt => unreachable!("written by export_gdelt"),
        ExportFormat::Plover => isnad_exports::plover::write(&export(), w)?,
    }
    Ok(())
}

/// `isnad export --format gdelt --output DIR`: `DIR/events.tsv` and
/// `DIR/mentions.tsv`, each written atomically.
fn export_gdelt(
    ledger: &isnad_ledger::Ledger,
    gazetteer: &isnad_gazetteer::Gazetteer,
    gazetteer_ids: &HashMap<String, String>,
    dir: &Path,
) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let export = isnad_exports::Export::new(ledger, gazetteer, gazetteer_ids);
    let (mut events, mut mentions) = (Vec::new(), Vec::new());
    isnad_exports::gdelt::write(&export, &mut events, &mut mentions)?;
    for (name, bytes) in [("events.tsv", events), ("mentions.tsv", mentions)] {
        let path = dir.join(name);
        write_atomically(&path, |w| Ok(w.write_all(&bytes)?))
            .with_context(|| format!("cannot write {}", path.display()))?;
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
