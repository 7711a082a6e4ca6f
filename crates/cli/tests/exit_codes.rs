//! Exit codes that mean something: 0 every input read, 1 some input could
//! not be read (the rest stored), 2 usage, 3 the store is damaged.

mod common;
use common::{isnad, repo};
use std::path::{Path, PathBuf};
use std::process::Output;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sample(name: &str) -> PathBuf {
    repo().join("corpus/sample").join(name)
}

const GOOD: &str = "000_cfbf24d099bb50ab.txt";

/// Documents in the store of `dir`, as `isnad docs` lists them.
fn stored(dir: &Path) -> usize {
    let out = isnad(dir, &["docs"]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().count() - 1
}

#[test]
fn every_input_read_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let out = isnad(dir.path(), &["-q", "run", sample(GOOD).to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_missing_path_next_to_good_input_exits_1_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-article.txt");
    let out = isnad(
        dir.path(),
        &[
            "-q",
            "run",
            sample(GOOD).to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no-such-article.txt: no such file or folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stored(dir.path()), 1);
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_or_a_fifo_next_to_good_input_exits_1_and_the_rest_is_stored() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    let locked = inputs.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::copy(sample(GOOD), inputs.join(GOOD)).unwrap();
    std::fs::write(locked.join("hidden.txt"), "نص").unwrap();
    // A FIFO named like an article: skipped by name, never opened.
    let fifo = inputs.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any folder: then only the FIFO is an input not read.
    let unreadable = std::fs::read_dir(&locked).is_err();

    let out = isnad(dir.path(), &["-q", "run", inputs.to_str().unwrap()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("pipe.txt: not a regular file"), "{err}");
    if unreadable {
        assert!(err.lines().any(|l| l.contains("locked")), "{err}");
    }
    assert_eq!(stored(dir.path()), 1 + usize::from(!unreadable));
}

#[test]
fn a_file_of_another_type_in_a_folder_is_a_warning_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(sample(GOOD), inputs.join(GOOD)).unwrap();
    std::fs::write(inputs.join("photo.png"), b"\x89PNG").unwrap();
    let out = isnad(dir.path(), &["-q", "run", inputs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("skipping"), "{}", stderr(&out));
}

#[test]
fn white_space_is_named_as_such_not_as_a_missing_field() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(
        &feed,
        "{\"text\": \"  \\n\\t \"}\n{\"html\": \" \\r\\n \", \"title\": \"x\"}\n",
    )
    .unwrap();
    let out = isnad(
        dir.path(),
        &[
            "-q",
            "run",
            sample(GOOD).to_str().unwrap(),
            feed.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("line 1: has no text: the `text` field is empty or only white space"),
        "{err}"
    );
    assert!(
        err.contains("line 2: has no text: the `html` field is empty or only white space"),
        "{err}"
    );
    assert!(!err.contains("no \"text\" or \"html\" field"), "{err}");
    assert_eq!(stored(dir.path()), 1);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["run"][..],
        &["frobnicate"],
        &["export", "--format", "xml"],
        &["export", "--format", "json", "--bom"],
        &["ner"],
    ] {
        let out = isnad(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            !dir.path().join("isnad.db").exists(),
            "{args:?} created a store"
        );
    }
}

/// A store of two sample articles whose pages after the first are
/// overwritten (its schema still reads; its tables do not); returns the
/// id of one of its documents.
fn damaged_store(dir: &Path) -> String {
    let out = isnad(
        dir,
        &[
            "-q",
            "run",
            sample(GOOD).to_str().unwrap(),
            sample("002_e558e0bf78ef4839.txt").to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = stdout(&isnad(dir, &["docs"]));
    let id = docs
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let db = dir.join("isnad.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    for at in (page..bytes.len()).step_by(page) {
        bytes[at..at + 512].fill(0xA5);
    }
    std::fs::write(&db, bytes).unwrap();
    id
}

#[test]
fn every_command_on_a_damaged_store_exits_3_and_says_to_run_check() {
    let dir = tempfile::tempdir().unwrap();
    let id = damaged_store(dir.path());
    let good = sample("004_3905b9b0e2d78ba6.txt");
    for args in [
        &["docs"][..],
        &["show", &id],
        &["entities"],
        &["export", "--format", "json"],
        &["export", "--format", "csv"],
        &["report", "--format", "md"],
        &["run", good.to_str().unwrap()],
    ] {
        let out = isnad(dir.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(
            err.starts_with(
                "isnad: error: the store isnad.db is damaged: run `isnad --db isnad.db check`"
            ),
            "{args:?}: {err}"
        );
    }
    let out = isnad(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("is damaged: restore it from a copy"), "{err}");
    assert!(err.lines().count() > 1, "check says what is wrong: {err}");
}

#[test]
fn show_takes_like_wildcards_literally() {
    let dir = tempfile::tempdir().unwrap();
    let out = isnad(dir.path(), &["-q", "run", sample(GOOD).to_str().unwrap()]);
    assert!(out.status.success());
    for key in ["____", "%%%%", "%_%_"] {
        let out = isnad(dir.path(), &["show", key]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{key} matched: {}",
            stdout(&out)
        );
        assert!(
            stderr(&out).contains("no document matches"),
            "{}",
            stderr(&out)
        );
    }
    // A real prefix still finds its document.
    let docs = stdout(&isnad(dir.path(), &["docs"]));
    let id = docs
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    let out = isnad(dir.path(), &["show", &id[..6]]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!("id:         {id}")));
}
