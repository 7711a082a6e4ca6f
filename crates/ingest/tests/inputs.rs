//! Hostile inputs on disk: special files, damaged encodings, huge fields.

use std::path::{Path, PathBuf};
use std::process::Command;

use isnad_ingest::{discover, read_file, Format, Input};

const ARTICLE: &str = "قال مسؤول محلي إن الأمطار الغزيرة تسببت في انهيار جسر على الطريق الرئيسي بين المدينتين، ما أدى إلى إغلاقه أمام حركة السير.";

/// Makes a FIFO at `path`, or says why the test cannot run.
fn mkfifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(s) if s.success() => true,
        _ => {
            eprintln!("skipping: `mkfifo` is not available here");
            false
        }
    }
}

#[test]
fn a_fifo_named_txt_is_skipped_by_name_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    if !mkfifo(&fifo) {
        return;
    }
    std::fs::write(dir.path().join("good.txt"), ARTICLE).unwrap();
    // Inside a folder and given directly: both skipped with a reason.
    for paths in [vec![dir.path().to_path_buf()], vec![fifo.clone()]] {
        let found = discover(&paths);
        let inputs: Vec<&PathBuf> = found.inputs.iter().map(|i| &i.path).collect();
        assert!(!inputs.contains(&&fifo), "the FIFO is an input: {inputs:?}");
        let (_, why) = found
            .skipped
            .iter()
            .find(|(p, _)| p == &fifo)
            .expect("the FIFO is reported as skipped");
        assert!(why.contains("not a regular file") && why.contains("FIFO"), "{why}");
    }
    // Reading it anyway fails at once instead of waiting for a writer.
    let err = read_file(&Input {
        path: fifo,
        format: Format::Text,
    })
    .unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
}
