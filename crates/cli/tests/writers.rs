//! Many `isnad run` processes on one store, and runs killed part way
//! (issue 25, "many writers, one store"): every run succeeds, and the store
//! ends as one run over everything would leave it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The test corpus: the invented stories, then the sample articles.
fn corpus() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["corpus/stories/articles", "corpus/sample"] {
        let mut in_dir: Vec<PathBuf> = std::fs::read_dir(common::repo().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        in_dir.sort();
        files.extend(in_dir);
    }
    files
}

/// `isnad --db DB -q ARGS…` in `dir`, ready to start.
fn isnad(dir: &Path, db: &str, args: &[&str], files: &[PathBuf]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_isnad"));
    cmd.current_dir(dir)
        .env_remove("ISNAD_DB")
        .args(["--db", db])
        .args(args)
        .args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `isnad run` over `files` into `db`, and checks that it succeeded.
fn run(dir: &Path, db: &str, files: &[PathBuf]) -> Output {
    let out = isnad(dir, db, &["-q", "run"], files).output().unwrap();
    assert!(out.status.success(), "run failed: {}", text(&out.stderr));
    out
}

/// The store's ledger as `isnad export --format json` writes it.
fn export(dir: &Path, db: &str) -> String {
    let out = common::isnad(dir, &["--db", db, "export", "--format", "json"]);
    assert!(out.status.success(), "export failed: {}", text(&out.stderr));
    text(&out.stdout)
}

/// `isnad check`'s output; it must succeed.
fn check(dir: &Path, db: &str) -> String {
    let out = common::isnad(dir, &["--db", db, "check"]);
    assert!(out.status.success(), "check failed: {}", text(&out.stderr));
    text(&out.stdout)
}

/// One run over the whole corpus into a new store: its export, and how long it took.
fn one_run() -> &'static (String, Duration) {
    static ONE: OnceLock<(String, Duration)> = OnceLock::new();
    ONE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let started = Instant::now();
        run(dir.path(), "one.db", &corpus());
        let took = started.elapsed();
        (export(dir.path(), "one.db"), took)
    })
}

/// What of an export does not depend on the order documents were stored
/// in: the documents by id, and each document's facts by id.
fn order_free(export: &str) -> Value {
    let ledger: Value = serde_json::from_str(export).unwrap();
    let mut documents: Vec<Value> = ledger["documents"].as_array().unwrap().clone();
    documents.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let mut facts: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for f in ledger["facts"].as_array().unwrap() {
        facts
            .entry(f["doc"].as_str().unwrap().to_string())
            .or_default()
            .insert(f["id"].as_str().unwrap().to_string(), f.clone());
    }
    serde_json::json!({ "documents": documents, "facts": facts })
}

/// `files` dealt round-robin into `n` parts.
fn deal(files: &[PathBuf], n: usize) -> Vec<Vec<PathBuf>> {
    let mut parts = vec![Vec::new(); n];
    for (i, f) in files.iter().enumerate() {
        parts[i % n].push(f.clone());
    }
    parts
}

/// Runs `isnad run` over each part into `db`, all at once; every one must succeed.
fn run_at_once(dir: &Path, db: &str, parts: &[Vec<PathBuf>]) {
    let children: Vec<Child> = parts
        .iter()
        .map(|part| isnad(dir, db, &["-q", "run"], part).spawn().unwrap())
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        let stderr = text(&out.stderr);
        assert!(
            out.status.success() && !stderr.contains("locked"),
            "run {i} of {} failed: {stderr}",
            parts.len()
        );
    }
}

/// A store that `runs` processes fill at once, each with its share of the
/// corpus; on `existing` the sample articles were stored first.
fn filled_at_once(dir: &Path, runs: usize, existing: bool) -> String {
    let db = format!("{runs}-{existing}.db");
    if existing {
        run(dir, &db, &[common::repo().join("corpus/sample")]);
    }
    run_at_once(dir, &db, &deal(&corpus(), runs));
    let checked = check(dir, &db);
    assert!(!checked.contains("without their analysis"), "{checked}");
    export(dir, &db)
}

#[test]
fn runs_at_once_on_a_new_store_all_succeed_and_store_what_one_run_stores() {
    let dir = tempfile::tempdir().unwrap();
    for runs in [2, 4] {
        let together = filled_at_once(dir.path(), runs, false);
        assert!(
            order_free(&together) == order_free(&one_run().0),
            "{runs} runs at once on a new store"
        );
    }
}

#[test]
fn runs_at_once_on_an_existing_store_all_succeed_and_store_what_one_run_stores() {
    let dir = tempfile::tempdir().unwrap();
    for runs in [2, 4] {
        let together = filled_at_once(dir.path(), runs, true);
        assert!(
            order_free(&together) == order_free(&one_run().0),
            "{runs} runs at once on an existing store"
        );
    }
}

/// The whole export, byte for byte, not only what is free of order: the
/// documents, mentions, facts and clusters of concurrent runs are those of
/// one run over all their files, whatever order the runs stored them in.
#[test]
fn runs_at_once_leave_the_export_of_one_run() {
    let dir = tempfile::tempdir().unwrap();
    for (runs, existing) in [(2, false), (4, false), (2, true), (4, true)] {
        let together = filled_at_once(dir.path(), runs, existing);
        assert!(
            together == one_run().0,
            "{runs} runs at once, existing store: {existing}"
        );
    }
}

/// `count` delays spread over `0..max`, one in each `count`th of it at a
/// seeded random place: the same on every run of the test.
fn seeded_delays(count: usize, max: Duration) -> Vec<Duration> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..count)
        .map(|i| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let within = (state >> 11) as f64 / (1u64 << 53) as f64;
            max.mul_f64((i as f64 + within) / count as f64)
        })
        .collect()
}

/// Waits until the store at `db` holds documents waiting for their
/// analysis, or `child` (the run filling it) has ended.
fn wait_until_stored_unanalysed(db: &Path, child: &mut Child) {
    while !db.exists() {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let store = isnad_store::Store::open(db).unwrap();
    while child.try_wait().unwrap().is_none() && store.unanalysed().unwrap().is_empty() {
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Documents of the store at `db` that wait for their analysis.
fn unanalysed(dir: &Path, db: &str) -> usize {
    let path = dir.join(db);
    if !path.exists() {
        return 0;
    }
    isnad_store::Store::open(&path)
        .unwrap()
        .unanalysed()
        .unwrap()
        .len()
}

#[test]
fn a_run_killed_at_any_moment_leaves_a_store_that_checks_and_a_rerun_finishes_it() {
    let (clean, took) = one_run();
    // The same two runs, the second not killed, on an existing store.
    let base = tempfile::tempdir().unwrap();
    let sample = [common::repo().join("corpus/sample")];
    run(base.path(), "base.db", &sample);
    run(base.path(), "base.db", &corpus());
    let clean_existing = export(base.path(), "base.db");

    // Six moments over the run's length, then twice the moment its
    // documents are stored and not yet analysed.
    let mut moments: Vec<Option<Duration>> = seeded_delays(6, took.mul_f64(1.2))
        .into_iter()
        .map(Some)
        .collect();
    moments.extend([None, None]);
    for (i, delay) in moments.into_iter().enumerate() {
        let existing = i % 2 == 1;
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        if existing {
            run(dir, "s.db", &sample);
        }
        let mut child = isnad(dir, "s.db", &["-q", "run"], &corpus())
            .spawn()
            .unwrap();
        match delay {
            Some(delay) => std::thread::sleep(delay),
            None => wait_until_stored_unanalysed(&dir.join("s.db"), &mut child),
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let moment = match delay {
            Some(delay) => format!("killed after {delay:?} (existing store: {existing})"),
            None => format!("killed once its documents were stored (existing store: {existing})"),
        };

        let left = unanalysed(dir, "s.db");
        if dir.join("s.db").exists() {
            let checked = check(dir, "s.db");
            assert!(checked.contains(": ok ("), "{moment}: {checked}");
            let note = format!("{left} of them stored without their analysis");
            assert_eq!(checked.contains(&note), left > 0, "{moment}: {checked}");
        }
        let rerun = run(dir, "s.db", &corpus());
        let told = format!("{left} documents were stored by another run without their analysis");
        assert_eq!(
            text(&rerun.stderr).contains(&told),
            left > 0,
            "{moment}: {}",
            text(&rerun.stderr)
        );
        let expected = if existing { &clean_existing } else { clean };
        assert!(
            export(dir, "s.db") == *expected,
            "{moment}: the rerun's export differs"
        );
        assert!(!check(dir, "s.db").contains("without their analysis"));
    }
}

/// Stops an in-process run once its files are stored, as a kill between
/// storing and analysing would.
struct StopsOnceStored;

impl isnad_pipeline::Progress for StopsOnceStored {
    fn stage(&self, stage: isnad_pipeline::Stage, _articles: usize) {
        if stage > isnad_pipeline::Stage::Reading {
            panic!("the run stops here");
        }
    }
}

#[test]
fn check_names_documents_left_unanalysed_and_the_next_run_finishes_them() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let sample = common::repo().join("corpus/sample");
    let inputs = isnad_pipeline::Inputs::find(std::slice::from_ref(&sample));
    let stopped = std::panic::catch_unwind(|| {
        isnad_pipeline::Pipeline::open(&dir.join("s.db"))
            .unwrap()
            .run(&inputs.files, &StopsOnceStored)
    });
    assert!(stopped.is_err());
    let checked = check(dir, "s.db");
    assert!(
        checked.contains("s.db: ok (5 documents")
            && checked.contains("5 of them stored without their analysis")
            && checked.contains("the next `isnad run` analyses them"),
        "{checked}"
    );
    let rerun = run(dir, "s.db", std::slice::from_ref(&sample));
    let stderr = text(&rerun.stderr);
    assert!(
        stderr.contains("s.db: 5 documents were stored by another run without their analysis"),
        "{stderr}"
    );
    let checked = check(dir, "s.db");
    assert!(
        checked.contains(": ok (5 documents") && !checked.contains("without their analysis"),
        "{checked}"
    );
}
