//! Reading the inputs: files are read and analysed in parallel, a chunk at a
//! time, and stored in input order from the calling thread (each chunk's
//! documents in one transaction). A panic while reading one file is caught
//! and reported by the file's name.

use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;

use isnad_ingest::{read_file, Document, IngestError, Input};
use isnad_store::{Added, MentionRow, Store};
use isnad_text::Doc;
use rayon::prelude::*;

use crate::report::DocumentOutcome;
use crate::workbench::Workbenches;
use crate::{mentions, PipelineError, Progress, Resources};

/// Files read in parallel before their documents are stored.
const CHUNK: usize = 64;

/// What the corpus-wide passes take from the documents this run stored,
/// by document id, instead of reading them back from the store.
#[derive(Default)]
pub(crate) struct Fresh {
    /// The analysed texts (the later passes read the Docs the mention
    /// finder read: each text is tokenised once per run).
    pub docs: HashMap<String, Doc>,
    /// The mentions, in the order the store keeps them.
    pub mentions: HashMap<String, Vec<MentionRow>>,
}

/// What reading the inputs did.
pub(crate) struct Read {
    /// One per document read, in input order.
    pub outcomes: Vec<DocumentOutcome>,
    /// Inputs (or articles of them) that could not be read: (path, what is wrong).
    pub errors: Vec<(PathBuf, String)>,
    /// What the later passes take from the documents stored now.
    pub fresh: Fresh,
}

/// A document with what was found in it before it is stored.
struct Analysed {
    doc: Document,
    analysed: Doc,
    mentions: Vec<MentionRow>,
}

/// What reading one file gave: its documents (each analysed, or why not),
/// why the file could not be read, or the panic that stopped it.
type FileResult = std::thread::Result<Result<Vec<Result<Analysed, IngestError>>, IngestError>>;

/// Reads, analyses and stores every input.
pub(crate) fn read_and_store(
    store: &mut Store,
    resources: &Resources,
    benches: &Workbenches,
    inputs: &[Input],
    progress: &dyn Progress,
) -> Result<Read, PipelineError> {
    let mut read = Read {
        outcomes: Vec::new(),
        errors: Vec::new(),
        fresh: Fresh::default(),
    };
    // A bug on one odd file must not take the run down: report it by name.
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let stored = inputs.chunks(CHUNK).try_for_each(|chunk| {
        let results: Vec<FileResult> = chunk
            .par_iter()
            .map(|input| {
                panic::catch_unwind(AssertUnwindSafe(|| {
                    analyse_file(input, resources, benches, progress)
                }))
            })
            .collect();
        let ready = collect_documents(chunk, results, &mut read.errors, progress);
        store_chunk(store, ready, &mut read)
    });
    panic::set_hook(default_hook);
    stored.map(|()| read)
}

/// Reads one file and analyses each of its documents, each one
/// [`Progress::done`] as it is (a file that cannot be read is one done).
fn analyse_file(
    input: &Input,
    resources: &Resources,
    benches: &Workbenches,
    progress: &dyn Progress,
) -> Result<Vec<Result<Analysed, IngestError>>, IngestError> {
    let docs = read_file(input).inspect_err(|_| progress.done(1))?;
    progress.file_holds(docs.len());
    Ok(docs
        .into_iter()
        .map(|d| {
            let analysed = d.map(|doc| benches.with(|bench| analyse(doc, resources, bench)));
            progress.done(1);
            analysed
        })
        .collect())
}

/// Reads a document's text once into its [`Doc`] and finds its mentions.
fn analyse(
    mut doc: Document,
    resources: &Resources,
    bench: &mut crate::workbench::Workbench,
) -> Analysed {
    let analysed = bench.doc(&doc.text);
    doc.words = analysed.word_count();
    let mentions = mentions::mentions_of(&analysed, resources, bench);
    Analysed {
        doc,
        analysed,
        mentions,
    }
}

/// The documents of a chunk's files, in input order; what could not be
/// read goes to `errors` (and to `progress`).
fn collect_documents(
    chunk: &[Input],
    results: Vec<FileResult>,
    errors: &mut Vec<(PathBuf, String)>,
    progress: &dyn Progress,
) -> Vec<Analysed> {
    let mut ready = Vec::new();
    let mut fail = |path: &PathBuf, message: String| {
        progress.failed(path, &message);
        errors.push((path.clone(), message));
    };
    for (input, result) in chunk.iter().zip(results) {
        match result {
            Ok(Ok(docs)) => {
                for doc in docs {
                    match doc {
                        Ok(analysed) => {
                            analysed
                                .doc
                                .warnings
                                .iter()
                                .for_each(|w| progress.warned(w));
                            ready.push(analysed)
                        }
                        Err(e) => fail(&input.path, e.to_string()),
                    }
                }
            }
            Ok(Err(e)) => fail(&input.path, e.to_string()),
            Err(_) => fail(
                &input.path,
                "internal error while reading this file (please report it)".to_string(),
            ),
        }
        progress.file_done(&input.path);
    }
    ready
}

/// Stores a chunk's documents in one transaction; keeps what the later
/// passes need of the new ones.
fn store_chunk(
    store: &mut Store,
    ready: Vec<Analysed>,
    read: &mut Read,
) -> Result<(), PipelineError> {
    let batch: Vec<(&Document, &[MentionRow])> = ready
        .iter()
        .map(|a| (&a.doc, a.mentions.as_slice()))
        .collect();
    let added = store.add_all(&batch, isnad_entities::MENTIONS_VERSION)?;
    for (mut analysed, added) in ready.into_iter().zip(added) {
        let fresh = &mut read.fresh;
        if let Added::InPlaceOf(replaced) = &added {
            fresh.docs.remove(replaced);
            fresh.mentions.remove(replaced);
        }
        if matches!(added, Added::New { .. } | Added::InPlaceOf(_)) {
            let id = analysed.doc.id.clone();
            fresh.docs.insert(id.clone(), analysed.analysed);
            analysed.mentions.sort_by_key(|m| (m.start, m.end));
            fresh.mentions.insert(id, analysed.mentions);
        }
        read.outcomes
            .push(DocumentOutcome::new(analysed.doc, added));
    }
    Ok(())
}
