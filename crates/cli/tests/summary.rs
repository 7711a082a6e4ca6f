//! A summary people read: the per-document list only when asked for, the
//! summary as JSON, a CSV Excel opens as UTF-8, Arabic counted nouns that
//! agree with their numbers.

mod common;
use common::{isnad, repo};
use std::process::Output;

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn sample() -> String {
    repo().join("corpus/sample").to_str().unwrap().to_string()
}

#[test]
fn documents_are_listed_only_with_verbose() {
    let dir = tempfile::tempdir().unwrap();
    let plain = stdout(&isnad(dir.path(), &["run", &sample()]));
    assert!(plain.starts_with("isnad run: 5 files read"), "{plain}");
    assert!(plain.contains("story ("), "{plain}");
    assert!(
        !plain.contains("    title:"),
        "documents listed without --verbose:\n{plain}"
    );
    let verbose = stdout(&isnad(dir.path(), &["run", "--verbose", &sample()]));
    assert_eq!(verbose.matches("    title:").count(), 5, "{verbose}");
    assert!(
        verbose.contains("003_a3cb9e3d5d8cbfd6.txt  [already stored]"),
        "{verbose}"
    );
}

#[test]
fn the_summary_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(&isnad(dir.path(), &["run", "--json", &sample()]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("the summary is JSON");
    assert_eq!(v["files"], 5);
    assert_eq!(v["tally"]["new"], 5);
    assert_eq!(v["store"]["documents"], 5);
    assert_eq!(v["errors"].as_array().unwrap().len(), 0);
    assert_eq!(v["documents"].as_array().unwrap().len(), 5);
    assert_eq!(v["documents"][0]["status"], "new");
    assert!(v["words"].as_u64().unwrap() > 5_000);
    assert!(v["facts"]["by_kind"]["killed"].as_u64().unwrap() > 0);
    assert!(v["clusters"]["conflict"].as_u64().unwrap() >= 1);
    assert!(!v["story"].as_array().unwrap().is_empty());
    assert!(
        v["entities"]["most_mentioned"][0]["mentions"]
            .as_u64()
            .unwrap()
            > 10
    );

    // An input that could not be read is in the JSON, and in the exit code.
    let again = isnad(dir.path(), &["run", "--json", &sample(), "missing.txt"]);
    assert_eq!(again.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(v["errors"][0]["path"], "missing.txt");
    assert_eq!(v["tally"]["already_stored"], 5);
}

#[test]
fn csv_with_a_byte_order_mark_for_excel() {
    let dir = tempfile::tempdir().unwrap();
    assert!(isnad(dir.path(), &["-q", "run", &sample()])
        .status
        .success());
    let plain = isnad(dir.path(), &["export", "--format", "csv"]).stdout;
    let with_bom = isnad(dir.path(), &["export", "--format", "csv", "--bom"]).stdout;
    assert!(!plain.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(with_bom[..3], *b"\xEF\xBB\xBF");
    assert_eq!(with_bom[3..], plain[..]);
    let out = isnad(
        dir.path(),
        &[
            "export",
            "--format",
            "csv",
            "--bom",
            "--output",
            "facts.csv",
        ],
    );
    assert!(out.status.success());
    assert_eq!(
        std::fs::read(dir.path().join("facts.csv")).unwrap(),
        with_bom
    );
}

#[test]
fn the_report_counts_in_arabic() {
    let dir = tempfile::tempdir().unwrap();
    assert!(isnad(dir.path(), &["-q", "run", &sample()])
        .status
        .success());
    let md = stdout(&isnad(dir.path(), &["report", "--format", "md"]));
    assert!(
        md.contains("5 وثائق من 5 مصادر"),
        "{}",
        &md[..600.min(md.len())]
    );
    assert!(!md.contains("5 وثيقة"), "{}", &md[..600.min(md.len())]);
    assert!(
        md.contains("وثيقة واحدة؛ الوقائع:"),
        "an outlet of one document"
    );
}
