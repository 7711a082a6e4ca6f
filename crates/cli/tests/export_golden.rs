//! The exports of a fixed corpus, byte for byte: a refactoring must not change
//! what users get. The golden files were taken from the release before the
//! pipeline was restructured; `ISNAD_BLESS=1 cargo test` rewrites them when a
//! change of output is intended (say why in the commit).

mod common;
use common::{isnad, repo};
use std::path::Path;

fn check(name: &str, actual: &[u8]) {
    let path = repo().join("crates/cli/tests/golden").join(name);
    if std::env::var_os("ISNAD_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).expect("golden file present");
    if expected != actual {
        let first = expected
            .iter()
            .zip(actual)
            .position(|(a, b)| a != b)
            .unwrap_or(expected.len().min(actual.len()));
        let from = first.saturating_sub(200);
        panic!(
            "{name} differs from its golden file at byte {first} (lengths {} vs {}):\n\
             expected …{}…\n   actual …{}…",
            expected.len(),
            actual.len(),
            String::from_utf8_lossy(&expected[from..(first + 200).min(expected.len())]),
            String::from_utf8_lossy(&actual[from..(first + 200).min(actual.len())]),
        );
    }
}

fn export(dir: &Path, format: &str) -> Vec<u8> {
    let out = isnad(dir, &["export", "--format", format]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn exports_of_the_sample_and_incident_corpora_are_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let sample = repo().join("corpus/sample");
    let incidents = repo().join("crates/cli/tests/fixtures/incidents");
    let run = isnad(
        dir.path(),
        &[
            "-q",
            "run",
            sample.to_str().unwrap(),
            incidents.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    check("ledger-sample-incidents.json", &export(dir.path(), "json"));
    check("facts-sample-incidents.csv", &export(dir.path(), "csv"));
    check("acled-sample-incidents.csv", &export(dir.path(), "acled"));
    check(
        "clusters-sample-incidents.geojson",
        &export(dir.path(), "geojson"),
    );
    check(
        "plover-sample-incidents.jsonl",
        &export(dir.path(), "plover"),
    );
    let gdelt = dir.path().join("gdelt");
    let out = isnad(
        dir.path(),
        &[
            "export",
            "--format",
            "gdelt",
            "--output",
            gdelt.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for table in ["events", "mentions"] {
        let bytes = std::fs::read(gdelt.join(format!("{table}.tsv"))).unwrap();
        check(&format!("gdelt-{table}-sample-incidents.tsv"), &bytes);
    }
}
