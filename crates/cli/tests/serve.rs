//! `isnad serve` as a user starts it: it says where it listens, answers
//! there, and refuses a store that does not exist.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};

fn isnad() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_isnad"));
    c.env_remove("ISNAD_DB");
    c
}

#[test]
fn serve_says_where_it_listens_and_answers_there() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isnad.db");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/sample");
    let run = isnad()
        .arg("--db")
        .arg(&db)
        .args(["-q", "run"])
        .arg(&sample)
        .status()
        .unwrap();
    assert!(run.success());
    let mut server = isnad()
        .arg("--db")
        .arg(&db)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let mut stream = TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /api/v1/documents HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"total\":5"), "{answer}");
}

#[test]
fn serve_refuses_a_store_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let out = isnad()
        .arg("--db")
        .arg(dir.path().join("none.db"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no store at") && err.contains("isnad run"),
        "{err}"
    );
}
