//! The field formats (`isnad export --format acled|geojson|plover|gdelt`) read back with
//! the tools their users load them with (Python's csv and json; pandas and
//! DuckDB when installed: `pip install pandas pyarrow duckdb`), every row
//! checked against the JSON ledger of the same store by
//! `crates/exports/tests/read_back.py`.

mod common;
use common::{isnad, repo};
use std::path::Path;
use std::process::Command;

/// A store of the sample and incident corpora in `dir`.
fn sample_store(dir: &Path) {
    let sample = repo().join("corpus/sample");
    let incidents = repo().join("crates/cli/tests/fixtures/incidents");
    let args = [
        "-q",
        "run",
        sample.to_str().unwrap(),
        incidents.to_str().unwrap(),
    ];
    let run = isnad(dir, &args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// `isnad export ARGS --output FILE` in `dir`.
fn export_to(dir: &Path, file: &str, args: &[&str]) {
    let mut all = vec!["export"];
    all.extend(args);
    all.extend(["--output", file]);
    let out = isnad(dir, &all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs the read-back checker; `None` (skipped, with a message) without python3.
fn read_back(dir: &Path, args: &[&str]) -> Option<String> {
    let script = repo().join("crates/exports/tests/read_back.py");
    let out = match Command::new("python3")
        .arg(script)
        .args(args)
        .current_dir(dir)
        .output()
    {
        Ok(out) => out,
        Err(_) => {
            eprintln!("skip: no python3 to read the exports back (apt-get install python3)");
            return None;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "read_back.py {args:?} failed:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprint!("{stdout}");
    Some(stdout)
}

#[test]
fn acled_geojson_plover_and_gdelt_exports_read_back_and_match_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    sample_store(dir.path());
    export_to(dir.path(), "ledger.json", &["--format", "json"]);
    export_to(dir.path(), "acled.csv", &["--format", "acled"]);
    export_to(
        dir.path(),
        "strict.csv",
        &["--format", "acled", "--strict", "--bom"],
    );
    export_to(dir.path(), "clusters.geojson", &["--format", "geojson"]);
    export_to(dir.path(), "facts.jsonl", &["--format", "plover"]);
    export_to(dir.path(), "gdelt", &["--format", "gdelt"]);
    let strict = std::fs::read(dir.path().join("strict.csv")).unwrap();
    assert!(strict.starts_with("\u{feff}event_id_cnty,".as_bytes()));
    let Some(acled) = read_back(dir.path(), &["acled", "ledger.json", "acled.csv"]) else {
        return;
    };
    assert!(acled.contains("acled: 22 rows match the ledger"), "{acled}");
    read_back(
        dir.path(),
        &["acled", "ledger.json", "strict.csv", "--strict"],
    );
    let geo = read_back(dir.path(), &["geojson", "ledger.json", "clusters.geojson"]).unwrap();
    assert!(
        geo.contains("geojson: 13 features, 18 clusters unplaced"),
        "{geo}"
    );
}

#[test]
fn acled_takes_the_lowest_toll_and_keeps_every_sources_figure_in_notes() {
    let dir = tempfile::tempdir().unwrap();
    sample_store(dir.path());
    let out = isnad(dir.path(), &["export", "--format", "acled"]);
    let text = String::from_utf8(out.stdout).unwrap();
    // The Beirut explosion: two outlets give 12 and 9 dead; ACLED takes 9,
    // names no event type (isnad knows no event word for it) and keeps both.
    let beirut = text
        .lines()
        .find(|l| l.starts_with("LBN"))
        .expect("a Lebanese row");
    assert!(
        beirut.contains(",Lebanon,,,,Beirut,33.89332,35.50157,1,"),
        "{beirut}"
    );
    assert!(
        beirut.contains("«12» (12) (الدفاع المدني اللبناني)"),
        "{beirut}"
    );
    assert!(
        beirut.contains("«9» (9) (وزارة الصحة اللبنانية)"),
        "{beirut}"
    );
    assert!(
        beirut.contains("fatalities 9: the lowest figure given,9,"),
        "{beirut}"
    );
    assert!(beirut.starts_with("LBN1,2023-03-14,2023,1,,,,"), "{beirut}");
}

#[test]
fn a_field_export_neutralises_what_a_spreadsheet_would_run() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let line = serde_json::json!({
        "outlet": "=HYPERLINK(\"http://x\")",
        "published": "2024-03-02",
        "text": "قتل ثلاثة أشخاص في انفجار في بيروت يوم الثلاثاء.\n\nوأصيب عشرة آخرون.",
    });
    std::fs::write(&feed, format!("{line}\n")).unwrap();
    let run = isnad(dir.path(), &["-q", "run", feed.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let out = isnad(dir.path(), &["export", "--format", "acled"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() > 1, "no event exported:\n{text}");
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","),
        "{text}"
    );
    assert!(!text.contains(",=HYPERLINK"), "{text}");
}

#[test]
fn strict_and_bom_are_refused_where_they_mean_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = isnad(dir.path(), &["export", "--format", "geojson", "--strict"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--strict is for the ACLED export"));
    let out = isnad(dir.path(), &["export", "--format", "json", "--bom"]);
    assert_eq!(out.status.code(), Some(2));
    let out = isnad(dir.path(), &["export", "--format", "gdelt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give --output DIR"));
}
