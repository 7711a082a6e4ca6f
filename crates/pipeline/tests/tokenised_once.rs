//! Each stored text is tokenised once per run: the mention finder, the
//! recurring-name finder, the fact reader, the stories and the search
//! index share one `Doc` per document.
//! (Alone in its test binary: the tokeniser's byte counter is per process.)

use std::path::{Path, PathBuf};

use isnad_pipeline::{Inputs, Pipeline, Progress};
use isnad_store::Store;
use isnad_text::token::tokenised;

struct Quiet;
impl Progress for Quiet {}

fn corpus(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir)
}

/// The bytes a tokeniser reads to tokenise every stored text once: the
/// bytes of their sentences (segmenting does not tokenise).
fn once_over_the_store(db: &Path) -> usize {
    Store::open(db)
        .unwrap()
        .texts()
        .unwrap()
        .iter()
        .map(|(_, text)| {
            isnad_text::sentences(text)
                .iter()
                .map(|s| s.len())
                .sum::<usize>()
        })
        .sum()
}

#[test]
fn every_text_is_tokenised_once_per_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut pipeline = Pipeline::open(&db).unwrap();

    let before = tokenised::bytes();
    let first = pipeline
        .run(&Inputs::find(&[corpus("corpus/sample")]).files, &Quiet)
        .unwrap();
    assert_eq!(first.stored_documents, 5);
    let index = first.search_index.as_ref().expect("the run made the index");
    assert_eq!((index.rebuilt, index.indexed), (true, 5));
    let read = tokenised::bytes() - before;
    assert_eq!(read, once_over_the_store(&db), "first run");

    // A second run with new documents reads the stored ones once too (the
    // corpus-wide passes look at every document), the new ones once.
    let before = tokenised::bytes();
    let second = pipeline
        .run(
            &Inputs::find(&[corpus("crates/cli/tests/fixtures/incidents")]).files,
            &Quiet,
        )
        .unwrap();
    assert!(second.stored_documents > 5);
    assert!(second.search_index.as_ref().expect("in step").indexed > 0);
    let read = tokenised::bytes() - before;
    assert_eq!(read, once_over_the_store(&db), "second run");
}
