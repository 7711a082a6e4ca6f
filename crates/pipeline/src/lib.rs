//! The isnad pipeline as a library: what `isnad run` does, for the command
//! line, a server or a worker alike.
//!
//! It owns the decisions of a run: which inputs are read, how each file is
//! analysed (text, sentences, mentions; a panic on one file is caught and
//! reported by name), what is stored, when mentions are found again, the
//! corpus-wide linking, which documents' facts are read again (the
//! per-document fingerprint), the stories, the reclustering, and the search
//! index beside the store, made from the run's `Doc`s. What a run did comes back
//! as plain data ([`RunReport`]), progress through the [`Progress`] trait.
//!
//! It must not print, read the terminal or exit: presenting a run belongs
//! to its caller. It holds no analysis of its own either: text, mentions,
//! linking, facts, stories, clusters and the index are the other crates'; this one wires them.
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use std::sync::Arc;

use isnad_store::{Store, StoreError};
use isnad_text::Doc;
use rayon::prelude::*;

use workbench::Workbenches;

mod facts;
mod index;
mod mentions;
mod read;
mod report;
mod resources;
mod stories;
mod workbench;

pub use isnad_ingest::Input;
pub use isnad_search::SyncReport;
pub use isnad_store::Added;
pub use report::{
    ClusterSummary, DocumentOutcome, EntitySummary, FactSummary, MostMentioned, RunReport,
    StorySummary, Tally,
};
pub use report::{MOST_MENTIONED, STORIES_SHOWN, STORY_LINES};
pub use resources::Resources;

/// What can stop a run (a bad input file never does: it is reported in
/// [`RunReport::errors`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// The store could not be opened, read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The tagger model compiled into the binary cannot be loaded.
    #[error("the NER model shipped in this binary is unusable: {0}")]
    Model(String),
    /// An analysis gave a value outside the ledger's vocabularies (a fact
    /// kind, an entity type): a bug of that analysis, never stored.
    #[error("an analysis gave a value the ledger does not know: {0}")]
    Vocabulary(#[from] isnad_ledger::UnknownValue),
}

/// The stages of a run, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Stage {
    /// Inputs are read, their articles analysed (text, mentions) and stored.
    Reading,
    /// Stored articles this run did not read are analysed for the
    /// corpus-wide passes (and, after a finder change, their mentions found again).
    Analysing,
    /// Names recurring across articles are found and every mention linked.
    Linking,
    /// Articles whose linked entities changed are read for facts.
    Facts,
    /// Articles are grouped into the stories they report.
    Stories,
    /// The facts of every article are grouped by happening.
    Clustering,
    /// The search index beside the store is brought in step, from the
    /// articles as the run read them.
    Indexing,
}

impl Stage {
    /// The stage's name as a reader says it: `reading`, `analysing`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Analysing => "analysing",
            Stage::Linking => "linking",
            Stage::Facts => "facts",
            Stage::Stories => "stories",
            Stage::Clustering => "clustering",
            Stage::Indexing => "indexing",
        }
    }
}

/// Hears how a run goes, as it goes: stages, each over a number of
/// articles, and each article as it is done (from any thread). Every
/// method does nothing unless the caller says otherwise.
pub trait Progress: Sync {
    /// A stage begins over `articles` articles (0: it is not counted by
    /// article). For [`Stage::Reading`], one per input file until
    /// [`Progress::file_holds`] says how many a file holds.
    fn stage(&self, stage: Stage, articles: usize) {
        let _ = (stage, articles);
    }
    /// An input file, counted as one article when reading began, holds
    /// `articles` (a JSONL file: one per record; 0 when it cannot be read).
    fn file_holds(&self, articles: usize) {
        let _ = articles;
    }
    /// `articles` more articles of the current stage are done.
    fn done(&self, articles: usize) {
        let _ = articles;
    }
    /// An input (or one article of it) could not be read; the run goes on.
    fn failed(&self, path: &Path, message: &str) {
        let _ = (path, message);
    }
    /// Something the run repaired or made up for, which the user should know:
    /// a document read with a repair or a cut (bad bytes replaced, a field
    /// cut to its cap), documents an earlier run stored without their
    /// analysis and this one analyses; `message` names the input or the
    /// store and says what was done.
    fn warned(&self, message: &str) {
        let _ = message;
    }
    /// The file at `path` is read and its documents stored.
    fn file_done(&self, path: &Path) {
        let _ = path;
    }
}

/// The inputs found under some paths, and the paths skipped.
pub struct Inputs {
    /// The files to read, in a stable order.
    pub files: Vec<Input>,
    /// Paths that are not read, and why.
    pub skipped: Vec<(PathBuf, String)>,
}

impl Inputs {
    /// Walks files and folders (recursively) for `.txt`, `.html`/`.htm` and
    /// `.jsonl` files; anything else is skipped, with the reason.
    pub fn find(paths: &[PathBuf]) -> Inputs {
        let found = isnad_ingest::discover(paths);
        Inputs {
            files: found.inputs,
            skipped: found.skipped,
        }
    }
}

/// A store and the resources, ready to run.
pub struct Pipeline {
    store: Store,
    resources: Arc<Resources>,
    story: bool,
}

impl Pipeline {
    /// Opens (or creates) the store at `db`, then loads the resources.
    pub fn open(db: &Path) -> Result<Pipeline, PipelineError> {
        let store = Store::open(db)?;
        Ok(Pipeline::with_store(store, Resources::load()?))
    }

    /// Opens (or creates) the store at `db`, to run with `resources`
    /// loaded before (a process that runs often loads them once).
    pub fn open_with(db: &Path, resources: Arc<Resources>) -> Result<Pipeline, PipelineError> {
        Ok(Pipeline::with_store(Store::open(db)?, resources))
    }

    fn with_store(store: Store, resources: Arc<Resources>) -> Pipeline {
        Pipeline {
            store,
            resources,
            story: true,
        }
    }

    /// Whether a run's report tells the story ([`RunReport::story`]; on by
    /// default). Telling it reads every document back from the store, which
    /// a caller that does not show it (`isnad run --quiet`) can spare.
    pub fn set_story(&mut self, tell: bool) {
        self.story = tell;
    }

    /// Reads, analyses and stores `inputs`, then brings the corpus-wide
    /// analysis (entities, facts, clusters) up to date.
    pub fn run(
        &mut self,
        inputs: &[Input],
        progress: &dyn Progress,
    ) -> Result<RunReport, PipelineError> {
        // On a thread of the pool: what its workers allocate is freed on
        // the same threads (freeing across threads costs the allocator
        // dearly: measured 20 % more CPU on one core), and with one thread
        // the whole run is one thread.
        rayon::scope(|_| self.run_on_pool(inputs, progress))
    }

    fn run_on_pool(
        &mut self,
        inputs: &[Input],
        progress: &dyn Progress,
    ) -> Result<RunReport, PipelineError> {
        let benches = Workbenches::default();
        progress.stage(Stage::Reading, inputs.len());
        let read =
            read::read_and_store(&mut self.store, &self.resources, &benches, inputs, progress)?;
        let read::Read {
            outcomes,
            errors,
            fresh,
        } = read;
        // The corpus-wide passes read the store and replace entities, facts
        // and clusters under one write lock: no other run's documents come
        // in between, and a run stopped here keeps none of it (its documents
        // stay stored, unanalysed, for the next run).
        let resources = &self.resources;
        let (analysis, docs) = self
            .store
            .atomically(|store| analyse_corpus(store, resources, &benches, fresh, progress))?;
        drop(benches);
        progress.stage(Stage::Indexing, 0);
        let search_index = index::bring_in_step(&self.store, &docs, progress);
        drop(docs);
        let mut report = report::RunReport::new(
            &self.store,
            inputs.len(),
            outcomes,
            errors,
            analysis,
            self.story,
        )?;
        report.search_index = search_index;
        Ok(report)
    }
}

/// Brings the analysis of every stored document up to date: mentions an
/// older finder found are found again, then every mention is linked, facts
/// are read where their inputs changed, and the facts clustered. `fresh`
/// holds what this run read of the documents it stored. Returns the
/// analysis and every stored document as read, by id.
fn analyse_corpus(
    store: &mut Store,
    resources: &Resources,
    benches: &Workbenches,
    mut fresh: read::Fresh,
    progress: &dyn Progress,
) -> Result<(report::Analysis, Vec<(String, Doc)>), PipelineError> {
    tell_unanalysed(store, &fresh, progress)?;
    store.settle_near_duplicates()?;
    let stored = usize::try_from(store.count()?).unwrap_or(0);
    progress.stage(Stage::Analysing, stored.saturating_sub(fresh.docs.len()));
    mentions::refind_outdated(store, resources, benches, &mut fresh.docs, progress)?;
    // Every stored document, read once, for both corpus-wide passes.
    let docs = every_doc(store, benches, fresh.docs, progress)?;
    progress.stage(Stage::Linking, docs.len());
    let linked = mentions::relink(store, resources, &docs, &mut fresh.mentions, progress)?;
    let mut refreshed = facts::refresh(store, &linked, &docs, benches, progress)?;
    progress.stage(Stage::Stories, 0);
    let grouped = stories::group(store, &linked, &refreshed.facts, &docs, benches)?;
    if stories::mark_background(&mut refreshed.facts, &grouped) {
        let read_from = store.fact_fingerprints()?;
        store.replace_facts(&refreshed.facts, &read_from)?;
    }
    progress.stage(Stage::Clustering, 0);
    let story_of = stories::story_of_documents(&grouped);
    let clusters = facts::recluster(
        store,
        &resources.gazetteer,
        &linked,
        &refreshed.facts,
        &story_of,
    )?;
    let stories = stories::store_stories(store, &grouped, &clusters)?;
    let analysis = report::Analysis {
        linked,
        facts: refreshed.facts,
        facts_read: refreshed.read,
        clusters,
        stories,
    };
    Ok((analysis, docs))
}

/// Says how many documents another run stored without their analysis
/// (it stopped or failed after storing them, or is still going): this run
/// analyses them with the rest.
fn tell_unanalysed(
    store: &Store,
    fresh: &read::Fresh,
    progress: &dyn Progress,
) -> Result<(), StoreError> {
    let left = store
        .unanalysed()?
        .into_iter()
        .filter(|id| !fresh.docs.contains_key(id))
        .count();
    if left > 0 {
        progress.warned(&format!(
            "store {}: {left} document{} stored by another run without {} analysis (that run stopped or failed, or is still going): analysing {} now",
            store.path().display(),
            if left == 1 { " was" } else { "s were" },
            if left == 1 { "its" } else { "their" },
            if left == 1 { "it" } else { "them" },
        ));
    }
    Ok(())
}

/// Every stored document as a [`Doc`], in the store's order: the ones this
/// run analysed already (`analysed`, by id) as they are, the others read
/// from the store and analysed now (in parallel), each once.
fn every_doc(
    store: &Store,
    benches: &Workbenches,
    mut analysed: std::collections::HashMap<String, Doc>,
    progress: &dyn Progress,
) -> Result<Vec<(String, Doc)>, StoreError> {
    let stored = store.texts_unless(|id| analysed.contains_key(id))?;
    let read_now: Vec<Option<Doc>> = stored
        .par_iter()
        .map(|(_, text)| {
            let doc = text.as_deref().map(|t| benches.with(|bench| bench.doc(t)));
            progress.done(usize::from(doc.is_some()));
            doc
        })
        .collect();
    Ok(stored
        .into_iter()
        .zip(read_now)
        .map(|((id, _), doc)| {
            let doc = doc.unwrap_or_else(|| analysed.remove(&id).expect("analysed by this run"));
            (id, doc)
        })
        .collect())
}
