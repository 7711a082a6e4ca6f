//! A run of the pipeline on the sample corpus, as its callers see it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use isnad_pipeline::{Inputs, Pipeline, Progress, Tally};

/// Records what the pipeline says as it goes.
#[derive(Default)]
struct Heard {
    files: Mutex<Vec<PathBuf>>,
    failed: Mutex<Vec<PathBuf>>,
}

impl Progress for Heard {
    fn failed(&self, path: &Path, _message: &str) {
        self.failed.lock().unwrap().push(path.to_path_buf());
    }
    fn file_done(&self, path: &Path) {
        self.files.lock().unwrap().push(path.to_path_buf());
    }
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/sample")
}

#[test]
fn a_run_reports_its_documents_and_a_second_run_reads_nothing_again() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = Inputs::find(&[sample()]);
    assert_eq!(inputs.files.len(), 5);
    let mut pipeline = Pipeline::open(&dir.path().join("t.db")).unwrap();

    let heard = Heard::default();
    let first = pipeline.run(&inputs.files, &heard).unwrap();
    assert_eq!(heard.files.lock().unwrap().len(), 5);
    assert!(first.errors.is_empty());
    assert_eq!(first.tally().new, 5);
    assert_eq!(first.stored_documents, 5);
    assert_eq!(first.facts.documents_read, 5);
    assert!(first.facts.count > 0 && first.entities.count > 0);
    assert!(!first.story.is_empty());

    let second = pipeline.run(&inputs.files, &heard).unwrap();
    let again = Tally {
        already_stored: 5,
        ..Tally::default()
    };
    assert_eq!(second.tally(), again);
    assert_eq!(second.facts.documents_read, 0);
    assert_eq!(second.facts.by_kind, first.facts.by_kind);
    assert_eq!(second.story, first.story);

    // A caller that does not show the story can spare reading it.
    pipeline.set_story(false);
    let quiet = pipeline.run(&inputs.files, &heard).unwrap();
    assert!(quiet.story.is_empty());
    assert_eq!(quiet.tally(), again);
}

#[test]
fn a_file_that_cannot_be_read_is_reported_and_the_others_stored() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("empty.txt");
    std::fs::write(&bad, b"").unwrap();
    let inputs = Inputs::find(&[bad.clone(), sample().join("000_cfbf24d099bb50ab.txt")]);
    let mut pipeline = Pipeline::open(&dir.path().join("t.db")).unwrap();
    let heard = Heard::default();
    let report = pipeline.run(&inputs.files, &heard).unwrap();
    assert_eq!(*heard.failed.lock().unwrap(), vec![bad.clone()]);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].0, bad);
    assert_eq!(report.tally().new, 1);
}
