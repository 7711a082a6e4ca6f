//! The API over real HTTP on 127.0.0.1, against a store the pipeline made
//! from the repository's sample corpus: every route answers, pages follow
//! their cursor to the end, filters filter, bad requests get clear JSON
//! errors, offsets slice the document's text, and a run committed while
//! the server is up shows in the next answer.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use isnad_pipeline::{Inputs, Pipeline, Progress};
use serde_json::Value;

struct Quiet;
impl Progress for Quiet {}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the pipeline over `paths` into the store `db`.
fn run(db: &Path, paths: &[PathBuf]) {
    let inputs = Inputs::find(paths);
    let report = Pipeline::open(db)
        .unwrap()
        .run(&inputs.files, &Quiet)
        .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
}

/// A server on a free port of 127.0.0.1 for the store `db`, in the background.
fn start(db: &Path) -> SocketAddr {
    let (tx, rx) = mpsc::channel();
    let db = db.to_path_buf();
    std::thread::spawn(move || {
        isnad_serve::serve(&db, "127.0.0.1:0".parse().unwrap(), |bound| {
            tx.send(bound).unwrap()
        })
        .unwrap()
    });
    rx.recv().expect("the server starts")
}

/// An answer: status, headers (lower-case names), body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// GET `target` (path and query, already percent-encoded) over HTTP/1.1.
fn get(addr: SocketAddr, target: &str) -> Answer {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v == "chunked")
    {
        body = dechunk(&body);
    }
    Answer {
        status,
        headers,
        body,
    }
}

/// The body of a chunked transfer.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..line_end]).unwrap().trim(), 16)
            .unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[line_end + 2..line_end + 2 + size]);
        raw = &raw[line_end + 2 + size + 2..];
    }
}

/// Every item of a list route, following `next_cursor` pages of `limit`.
fn every_page(addr: SocketAddr, route: &str, limit: usize) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let sep = if route.contains('?') { '&' } else { '?' };
        let target = match &cursor {
            Some(c) => format!("{route}{sep}limit={limit}&cursor={c}"),
            None => format!("{route}{sep}limit={limit}"),
        };
        let page = get(addr, &target);
        assert_eq!(page.status, 200, "{target}");
        let page = page.json();
        let got = page["items"].as_array().unwrap();
        assert!(got.len() <= limit);
        items.extend(got.iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => {
                assert_eq!(page["total"].as_u64().unwrap() as usize, items.len());
                return items;
            }
        }
    }
}

#[test]
fn the_api_serves_the_ledger_the_store_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isnad.db");
    run(&db, &[repo().join("corpus/sample")]);
    let ledger = isnad_store::Store::open(&db).unwrap().ledger().unwrap();
    let addr = start(&db);

    // Every list, paged by two, holds what the ledger holds, in order of id.
    for (route, expected) in [
        (
            "/api/v1/documents",
            ledger
                .documents
                .iter()
                .map(|d| d.id.clone())
                .collect::<Vec<_>>(),
        ),
        (
            "/api/v1/facts",
            ledger.facts.iter().map(|f| f.id.clone()).collect(),
        ),
        (
            "/api/v1/clusters",
            ledger.clusters.iter().map(|c| c.id.clone()).collect(),
        ),
        (
            "/api/v1/stories",
            ledger.stories.iter().map(|s| s.id.clone()).collect(),
        ),
        (
            "/api/v1/entities",
            ledger.entities.iter().map(|e| e.id.clone()).collect(),
        ),
    ] {
        let mut expected = expected;
        expected.sort();
        assert!(
            !expected.is_empty(),
            "{route}: the sample corpus gives some"
        );
        let ids: Vec<String> = every_page(addr, route, 2)
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, expected, "{route}");
    }

    // A filter keeps exactly the records it names.
    let kind = ledger.facts[0].kind.as_str();
    let killed = every_page(addr, &format!("/api/v1/facts?kind={kind}"), 50);
    let expected = ledger
        .facts
        .iter()
        .filter(|f| f.kind.as_str() == kind)
        .count();
    assert_eq!(killed.len(), expected);
    assert!(killed.iter().all(|f| f["kind"] == kind));

    // One document: its text, and every fact's and mention's offsets slice it.
    let doc = &ledger.documents[0];
    let one = get(addr, &format!("/api/v1/documents/{}", doc.id));
    assert_eq!(one.status, 200);
    let one = one.json();
    let text = one["document"]["text"].as_str().unwrap();
    assert_eq!(text, doc.text);
    for f in one["facts"].as_array().unwrap() {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s < e);
    }
    let mentions = one["mentions"].as_array().unwrap();
    assert!(!mentions.is_empty());
    for m in mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
    }

    // One story names its clusters and documents; one entity its mentions.
    let story = &ledger.stories[0];
    let answer = get(addr, &format!("/api/v1/stories/{}", story.id)).json();
    assert_eq!(answer["story"]["id"], story.id.as_str());
    assert_eq!(
        answer["documents"].as_array().unwrap().len(),
        story.documents.len()
    );
    let entity = &ledger.entities[0];
    let answer = get(addr, &format!("/api/v1/entities/{}", entity.id)).json();
    assert_eq!(
        answer["mentions"].as_array().unwrap().len(),
        entity.mentions.len()
    );

    // The description is served, and is JSON.
    let spec = get(addr, "/api/v1/openapi.json");
    assert_eq!(spec.status, 200);
    assert_eq!(spec.json()["openapi"], "3.1.0");
}

#[test]
fn bad_requests_get_a_json_error_with_their_status_and_every_answer_is_locked_down() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isnad.db");
    run(&db, &[repo().join("corpus/sample")]);
    let addr = start(&db);
    for (target, status, says) in [
        (
            "/api/v1/facts?limit=0",
            400,
            "limit must be a whole number from 1 to 500",
        ),
        ("/api/v1/facts?limit=abc", 400, "not 'abc'"),
        ("/api/v1/facts?limit=501", 400, "from 1 to 500"),
        (
            "/api/v1/facts?colour=red",
            400,
            "unknown parameter 'colour'",
        ),
        (
            "/api/v1/documents/nosuchid",
            404,
            "no document with id 'nosuchid'",
        ),
        ("/api/v1/stories/nosuchid", 404, "no story with id"),
        ("/api/v1/entities/nosuchid", 404, "no entity with id"),
        ("/api/v2/documents", 404, "the API is under /api/v1"),
        ("/../../etc/passwd", 404, "no route"),
    ] {
        let answer = get(addr, target);
        assert_eq!(answer.status, status, "{target}");
        let error = answer.json();
        assert_eq!(error["error"]["status"], status, "{target}");
        let message = error["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{target}: {message}");
        assert_eq!(
            answer.header("content-type"),
            Some("application/json"),
            "{target}"
        );
    }
    let answer = get(addr, "/api/v1/documents");
    assert_eq!(
        answer.header("content-security-policy"),
        Some("default-src 'none'; frame-ancestors 'none'")
    );
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn a_run_committed_while_the_server_is_up_shows_in_the_next_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isnad.db");
    let sample = repo().join("corpus/sample");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&sample)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    run(&db, &files[..1]);
    let addr = start(&db);
    let before = get(addr, "/api/v1/documents").json();
    assert_eq!(before["total"], 1);
    run(&db, &files[1..]);
    let after = get(addr, "/api/v1/documents").json();
    assert_eq!(after["total"].as_u64().unwrap() as usize, files.len());
}
