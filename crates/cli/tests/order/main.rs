//! The ledger is a function of the set of documents (issue 25, item 2): the
//! same generated articles, given in random orders and brought in by one
//! run or by several runs into one store, give byte-identical exports
//! (`isnad export --format json` and `--format csv`).
//!
//! Runs go through the pipeline library (as `isnad run` does), exports
//! through the binary. On failure the message names the order's seed and
//! the batch sizes, so the case can be replayed.

mod news;

use std::path::{Path, PathBuf};
use std::process::Command;

use isnad_pipeline::{Input, Inputs, Pipeline, Progress, Tally};
use serde_json::Value;

/// Articles generated.
const DOCUMENTS: usize = 2000;
/// Inputs that repeat a generated article's text in other bytes.
const EXACT_COPIES: usize = 40;
/// Articles that repeat a generated one with a sentence added.
const NEAR_COPIES: usize = 40;
/// Random orders tried against the reference (each split into runs).
const ORDERS: u64 = 20;
/// The generator's seed.
const SEED: u64 = 25;

/// Hears nothing.
struct Quiet;
impl Progress for Quiet {}

/// Writes the generated articles and their copies as `.txt` files in
/// `dir` (each copy named after its original's, so that in name order the
/// original comes first); the inputs found there.
fn write_corpus(dir: &Path) -> Vec<Input> {
    let articles = news::articles(SEED, DOCUMENTS);
    let copies = news::copies(SEED, &articles, EXACT_COPIES, NEAR_COPIES);
    for (i, text) in articles.iter().chain(&copies).enumerate() {
        std::fs::write(dir.join(format!("{i:05}.txt")), text).unwrap();
    }
    let found = Inputs::find(&[dir.to_path_buf()]);
    assert!(found.skipped.is_empty(), "{:?}", found.skipped);
    assert_eq!(found.files.len(), DOCUMENTS + EXACT_COPIES + NEAR_COPIES);
    found.files
}

/// Runs each batch, one run after the other, into a new store `db`; what
/// the runs stored, added up.
fn run_batches(db: &Path, batches: &[&[Input]]) -> Tally {
    let mut total = Tally::default();
    for batch in batches {
        // Each run opens the store afresh, as `isnad run` would.
        let mut pipeline = Pipeline::open(db).unwrap();
        pipeline.set_story(false);
        let report = pipeline.run(batch, &Quiet).unwrap();
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        let t = report.tally();
        total.new += t.new;
        total.already_stored += t.already_stored;
        total.duplicates += t.duplicates;
        total.near_duplicates += t.near_duplicates;
    }
    total
}

/// `isnad export --format FORMAT` of the store `db`.
fn export(db: &Path, format: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .env_remove("ISNAD_DB")
        .arg("--db")
        .arg(db)
        .args(["export", "--format", format])
        .output()
        .expect("isnad runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Both exports of a store.
struct Exports {
    json: Vec<u8>,
    csv: Vec<u8>,
}

fn exports(db: &Path) -> Exports {
    Exports {
        json: export(db, "json"),
        csv: export(db, "csv"),
    }
}

/// Where two exports first differ, with the text around it.
fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let at = expected
        .iter()
        .zip(actual)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(actual.len()));
    let around = |b: &[u8]| {
        let from = at.saturating_sub(150);
        String::from_utf8_lossy(&b[from..(at + 150).min(b.len())]).into_owned()
    };
    format!(
        "at byte {at} (lengths {} vs {}):\n expected …{}…\n   actual …{}…",
        expected.len(),
        actual.len(),
        around(expected),
        around(actual)
    )
}

/// `inputs` cut into `runs` batches at random places (none empty).
fn split<'a>(rng: &mut news::Rng, inputs: &'a [Input], runs: usize) -> Vec<&'a [Input]> {
    let mut cuts: Vec<usize> = Vec::new();
    while cuts.len() + 1 < runs {
        let cut = 1 + rng.below(inputs.len() - 1);
        if !cuts.contains(&cut) {
            cuts.push(cut);
        }
    }
    cuts.sort_unstable();
    let mut batches = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain([inputs.len()]) {
        batches.push(&inputs[from..cut]);
        from = cut;
    }
    batches
}

/// The generator gives linking and clustering real work: happenings told
/// by several documents with agreeing and with conflicting figures, and
/// entities written in several ways across documents.
fn assert_real_work(json: &[u8]) {
    let ledger: Value = serde_json::from_slice(json).unwrap();
    let documents = ledger["documents"].as_array().unwrap();
    assert_eq!(documents.len(), DOCUMENTS + NEAR_COPIES);
    let near = documents
        .iter()
        .filter(|d| !d["near_duplicate_of"].is_null())
        .count();
    assert!(near >= NEAR_COPIES, "{near} near duplicates");
    let clusters = ledger["clusters"].as_array().unwrap();
    let shared = |status: &str| {
        clusters
            .iter()
            .filter(|c| c["status"] == status && c["facts"].as_array().unwrap().len() >= 3)
            .count()
    };
    let (agree, conflict) = (shared("agree"), shared("conflict"));
    let entities = ledger["entities"].as_array().unwrap();
    let spelled_apart = entities
        .iter()
        .filter(|e| {
            let docs: std::collections::BTreeSet<&str> = e["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["doc"].as_str().unwrap())
                .collect();
            e["variants"].as_array().unwrap().len() >= 2 && docs.len() >= 2
        })
        .count();
    eprintln!(
        "reference: {} clusters ({agree} agree, {conflict} conflict with 3+ facts), {} entities ({spelled_apart} written several ways across documents), {} facts",
        clusters.len(),
        entities.len(),
        ledger["facts"].as_array().unwrap().len()
    );
    assert!(
        agree >= 20 && conflict >= 20,
        "{agree} agree, {conflict} conflict"
    );
    assert!(spelled_apart >= 50, "{spelled_apart}");
}

#[test]
fn exports_are_the_same_whatever_the_order_of_the_files_and_the_runs_that_bring_them() {
    let started = std::time::Instant::now();
    let corpus = tempfile::tempdir().unwrap();
    let inputs = write_corpus(corpus.path());
    let stores = tempfile::tempdir().unwrap();
    let db = |name: String| -> PathBuf { stores.path().join(name) };

    // The reference: one run, files in name order.
    let reference_db = db("reference.db".into());
    let stored = run_batches(&reference_db, &[&inputs]);
    assert_eq!(
        (stored.new, stored.duplicates),
        (DOCUMENTS + NEAR_COPIES, EXACT_COPIES),
        "every exact copy is a duplicate"
    );
    assert!(stored.near_duplicates >= NEAR_COPIES, "{stored:?}");
    let reference = exports(&reference_db);
    assert_real_work(&reference.json);
    eprintln!("reference run: {:.1?}", started.elapsed());

    for seed in 0..ORDERS {
        let mut rng = news::Rng::new(seed);
        let mut shuffled = inputs.clone();
        rng.shuffle(&mut shuffled);
        // One run in four scenarios; two to six runs in the others.
        let runs = [1, 2, 3, 4, 6][seed as usize % 5];
        let batches = split(&mut rng, &shuffled, runs);
        let sizes: Vec<usize> = batches.iter().map(|b| b.len()).collect();
        let path = db(format!("order-{seed}.db"));
        run_batches(&path, &batches);
        let got = exports(&path);
        for (format, expected, actual) in [
            ("json", &reference.json, &got.json),
            ("csv", &reference.csv, &got.csv),
        ] {
            assert!(
                expected == actual,
                "order {seed} in runs of {sizes:?}: the {format} export differs from one run in name order {}",
                first_difference(expected, actual)
            );
        }
        std::fs::remove_file(&path).unwrap();
    }
    eprintln!(
        "{ORDERS} orders and splits of {DOCUMENTS} documents: {:.1?}",
        started.elapsed()
    );
}
