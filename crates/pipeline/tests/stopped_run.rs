//! A run that stops after storing its documents, before analysing them
//! corpus-wide, leaves them to the next run, which finishes them and says so.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use isnad_pipeline::{Inputs, Pipeline, Progress, Stage};
use isnad_store::Store;

/// Stops the run (as a bug or a kill would) once its files are stored.
struct StopsOnceStored;

impl Progress for StopsOnceStored {
    fn stage(&self, stage: Stage, _articles: usize) {
        if stage > Stage::Reading {
            panic!("the run stops here");
        }
    }
}

/// Records the warnings a run gives.
#[derive(Default)]
struct Warnings(Mutex<Vec<String>>);

impl Progress for Warnings {
    fn warned(&self, message: &str) {
        self.0.lock().unwrap().push(message.to_string());
    }
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/sample")
}

/// The ledger of the store at `db`, as exported.
fn ledger(db: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    isnad_ledger::write_json(&Store::open(db).unwrap().ledger().unwrap(), &mut out).unwrap();
    out
}

#[test]
fn documents_a_stopped_run_stored_are_analysed_by_the_next_run_which_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = Inputs::find(&[sample()]);
    let clean = dir.path().join("clean.db");
    Pipeline::open(&clean)
        .unwrap()
        .run(&inputs.files, &Warnings::default())
        .unwrap();

    let db = dir.path().join("stopped.db");
    let stopped = catch_unwind(AssertUnwindSafe(|| {
        Pipeline::open(&db)
            .unwrap()
            .run(&inputs.files, &StopsOnceStored)
    }));
    assert!(stopped.is_err());
    {
        let store = Store::open(&db).unwrap();
        assert_eq!(store.count().unwrap(), 5, "the documents are stored");
        assert_eq!(store.unanalysed().unwrap().len(), 5);
        assert!(store.facts().unwrap().is_empty() && store.entities().unwrap().is_empty());
    }

    let heard = Warnings::default();
    let next = Pipeline::open(&db)
        .unwrap()
        .run(&inputs.files, &heard)
        .unwrap();
    assert_eq!(next.tally().already_stored, 5);
    assert_eq!(next.facts.documents_read, 5);
    let warnings = heard.0.into_inner().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("5 documents were stored by another run without their analysis")),
        "{warnings:?}"
    );
    assert!(Store::open(&db).unwrap().unanalysed().unwrap().is_empty());
    assert!(
        ledger(&db) == ledger(&clean),
        "the store is what a clean run makes"
    );
}

#[test]
fn a_run_over_a_finished_store_warns_of_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = Inputs::find(&[sample()]);
    let mut pipeline = Pipeline::open(&dir.path().join("s.db")).unwrap();
    for _ in 0..2 {
        let heard = Warnings::default();
        pipeline.run(&inputs.files, &heard).unwrap();
        assert_eq!(heard.0.into_inner().unwrap(), Vec::<String>::new());
    }
}
