//! `isnad search` and `isnad index` end to end on the sample articles: the
//! run leaves an index in step, hits carry ledger ids, bad queries exit 2.

mod common;

use common::{isnad, repo};

#[test]
fn a_run_leaves_the_index_in_step_and_search_answers_with_ledger_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = repo().join("corpus/sample");
    let run = isnad(tmp.path(), &["run", sample.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.contains("search index"), "{said}");
    assert!(tmp.path().join("isnad.db.index/stamp.json").exists());
    let out = isnad(
        tmp.path(),
        &["search", "الرئيس", "--format", "json", "--limit", "3"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // In step: searching did not have to bring the index in step first.
    assert!(!String::from_utf8_lossy(&out.stderr).contains("search index"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = json["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    let export = isnad(tmp.path(), &["export", "--format", "json"]);
    let ledger: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    for h in hits {
        for d in h["documents"].as_array().unwrap() {
            let doc = ledger["documents"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["id"] == *d);
            let text = doc.expect("a hit's document is in the export")["text"]
                .as_str()
                .unwrap();
            for s in h["highlights"].as_array().unwrap() {
                let (a, b) = (
                    s["start"].as_u64().unwrap() as usize,
                    s["end"].as_u64().unwrap() as usize,
                );
                assert!(text[a..b].contains("رئيس"), "{}", &text[a..b]);
            }
        }
    }
    let bad = isnad(tmp.path(), &["search", "\"الرئيس"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("closing"));
    let rebuilt = isnad(tmp.path(), &["index", "--rebuild"]);
    assert!(rebuilt.status.success());
    assert!(String::from_utf8_lossy(&rebuilt.stdout).contains("rebuilt; 5 documents indexed"));
}
