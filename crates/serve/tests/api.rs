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
use isnad_serve::{Config, RateLimit};
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

/// A read-only server without a rate limit on a free port of 127.0.0.1
/// for the store `db`, in the background.
fn start(db: &Path) -> SocketAddr {
    start_with(
        db,
        Config {
            token: None,
            rate_limit: None,
            ..Config::default()
        },
    )
}

/// A server set up by `config` on a free port of 127.0.0.1 for `db`.
fn start_with(db: &Path, config: Config) -> SocketAddr {
    let (tx, rx) = mpsc::channel();
    let db = db.to_path_buf();
    std::thread::spawn(move || {
        isnad_serve::serve_with(&db, "127.0.0.1:0".parse().unwrap(), config, |bound| {
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
    send(addr, "GET", target, &[], b"")
}

/// `method` `target` with `headers` and `body` over HTTP/1.1.
fn send(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut stream = TcpStream::connect(addr).unwrap();
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head += &format!("{name}: {value}\r\n");
    }
    head += &format!("Content-Length: {}\r\n\r\n", body.len());
    stream.write_all(head.as_bytes()).unwrap();
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    if let Err(e) = stream.read_to_end(&mut raw) {
        assert!(!raw.is_empty(), "no answer: {e}");
    }
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

/// `text` percent-encoded for a query.
fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn search_timeline_exports_and_changes_answer_from_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isnad.db");
    run(&db, &[repo().join("corpus/sample")]);
    let ledger = isnad_store::Store::open(&db).unwrap().ledger().unwrap();
    let addr = start(&db);

    // A word of a document's title finds that document, highlighted, with facets.
    let doc = ledger.documents.iter().find(|d| d.title.is_some()).unwrap();
    let word = doc
        .title
        .as_deref()
        .unwrap()
        .split_whitespace()
        .max_by_key(|w| w.chars().count())
        .unwrap();
    let found = get(
        addr,
        &format!(
            "/api/v1/search?q={}&type=document&facets=true&limit=100",
            encoded(word)
        ),
    );
    assert_eq!(found.status, 200);
    let found = found.json();
    let hits = found["items"].as_array().unwrap();
    assert!(
        hits.iter().any(|h| h["id"] == doc.id.as_str()),
        "{word}: {found}"
    );
    assert!(hits.iter().all(|h| h["hit"] == "document"));
    assert!(hits
        .iter()
        .any(|h| !h["highlights"].as_array().unwrap().is_empty()));
    assert!(found["facets"].as_object().is_some_and(|f| !f.is_empty()));
    // Search pages follow their cursor without repeating a hit.
    let first = get(addr, "/api/v1/search?type=fact&limit=2").json();
    let next = first["next_cursor"].as_str().expect("more than two facts");
    let second = get(
        addr,
        &format!("/api/v1/search?type=fact&limit=2&cursor={next}"),
    )
    .json();
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);

    // The timeline holds every cluster, dated ones first.
    let timeline = every_page(addr, "/api/v1/timeline", 3);
    assert_eq!(timeline.len(), ledger.clusters.len());
    let undated = timeline
        .iter()
        .position(|e| e["dated_by"] == "unknown")
        .unwrap_or(timeline.len());
    assert!(timeline[undated..].iter().all(|e| e["date"].is_null()));

    // Exports: the ledger as JSON, its facts as CSV (a header and a row a fact).
    let json = get(addr, "/api/v1/exports/json");
    assert_eq!(json.status, 200);
    assert_eq!(
        json.json()["documents"].as_array().unwrap().len(),
        ledger.documents.len()
    );
    let csv = get(addr, "/api/v1/exports/csv");
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let rows = String::from_utf8(csv.body).unwrap();
    assert!(rows.lines().count() > ledger.facts.len());

    // Changes: nothing since the current token.
    let token = get(addr, "/api/v1/changes").json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let none = get(addr, &format!("/api/v1/changes?since={token}")).json();
    assert_eq!(none["changes"]["documents"]["added"], serde_json::json!([]));

    // One document: text, metadata, removed ranges, facts and mentions.
    let one = get(addr, &format!("/api/v1/documents/{}", doc.id)).json();
    assert_eq!(one["document"]["text"], doc.text.as_str());
    assert!(one["document"]["removed"].is_array());
    // An entity: its variants and mentions.
    let entity = &ledger.entities[0];
    let answer = get(addr, &format!("/api/v1/entities/{}", entity.id)).json();
    assert_eq!(
        answer["variants"].as_array().unwrap().len(),
        entity.variants.len()
    );
}

#[test]
fn bad_parameters_of_the_new_routes_get_clear_json_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isnad.db");
    run(&db, &[repo().join("corpus/sample")]);
    let addr = start(&db);
    let long = format!("/api/v1/facts?kind={}", "x".repeat(9000));
    for (method, target, status, says) in [
        (
            "GET",
            "/api/v1/search?colour=red",
            400,
            "unknown parameter 'colour'",
        ),
        ("GET", "/api/v1/search?limit=0", 400, "from 1 to 100"),
        (
            "GET",
            "/api/v1/search?hedged=maybe",
            400,
            "hedged must be true or false",
        ),
        ("GET", "/api/v1/search?q=a&q=b", 400, "'q' is given twice"),
        ("GET", "/api/v1/search?cursor=soon", 400, "cursor must be"),
        (
            "GET",
            "/api/v1/search?cursor=9990&limit=20",
            400,
            "10000 hits deep",
        ),
        ("GET", "/api/v1/search?q=%22open", 400, "cannot be read"),
        ("GET", "/api/v1/timeline?cursor=-1", 400, "cursor must be"),
        ("GET", "/api/v1/timeline?limit=501", 400, "from 1 to 500"),
        ("GET", "/api/v1/exports/xml", 404, "no export 'xml'"),
        (
            "GET",
            "/api/v1/changes?since=old-1",
            410,
            "read the lists again",
        ),
        (
            "GET",
            "/api/v1/changes?from=1",
            400,
            "unknown parameter 'from'",
        ),
        ("GET", "/api/v1/jobs/7", 404, "no job with id '7'"),
        ("DELETE", "/api/v1/documents", 405, "method not allowed"),
        ("GET", long.as_str(), 414, "at most 8192"),
    ] {
        let answer = send(addr, method, target, &[], b"");
        assert_eq!(
            answer.status,
            status,
            "{method} {}",
            &target[..target.len().min(60)]
        );
        assert_eq!(
            answer.header("content-type"),
            Some("application/json"),
            "{target:.60}"
        );
        let message = answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(message.contains(says), "{target:.60}: {message}");
    }
}

#[test]
fn a_client_over_the_rate_limit_is_told_to_wait() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isnad.db");
    run(&db, &[repo().join("corpus/sample")]);
    let limit = RateLimit {
        requests: 3,
        window: std::time::Duration::from_secs(60),
    };
    let addr = start_with(
        &db,
        Config {
            rate_limit: Some(limit),
            ..Config::default()
        },
    );
    for _ in 0..3 {
        assert_eq!(get(addr, "/api/v1/stories").status, 200);
    }
    let refused = get(addr, "/api/v1/stories");
    assert_eq!(refused.status, 429);
    assert!(refused.header("retry-after").is_some());
    assert!(refused.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("too many requests"));
}

/// A made-up article (no real event): a place name no corpus has, so the
/// search for it can only find this article.
const ARTICLE: &str = "أعلنت وزارة الصحة في مدينة زمردستان أن خمسة أشخاص قتلوا وأصيب عشرون آخرون \
    في انفجار وقع في سوق المدينة صباح الثلاثاء، بحسب ما نقلت وكالة الأنباء الرسمية.";

fn documents_stored(db: &Path) -> i64 {
    isnad_store::Store::open(db).unwrap().count().unwrap()
}

#[test]
fn writes_need_the_token_and_bad_articles_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isnad.db");
    run(&db, &[repo().join("corpus/sample")]);
    let before = documents_stored(&db);
    let text = [("Content-Type", "text/plain; charset=utf-8")];
    let read_only = start(&db);
    let refused = send(
        read_only,
        "POST",
        "/api/v1/documents",
        &text,
        ARTICLE.as_bytes(),
    );
    assert_eq!(refused.status, 403);
    assert!(refused.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("read-only"));

    let config = Config {
        token: Some("s3cret".into()),
        rate_limit: None,
        max_body: 4096,
    };
    let addr = start_with(&db, config);
    let plain = ("Content-Type", "text/plain");
    let json = ("Content-Type", "application/json");
    let good = ("Authorization", "Bearer s3cret");
    for (headers, body, status, says) in [
        (
            vec![plain],
            ARTICLE.as_bytes(),
            401,
            "Authorization: Bearer",
        ),
        (
            vec![plain, ("Authorization", "Bearer guess")],
            ARTICLE.as_bytes(),
            401,
            "not this server's",
        ),
        (
            vec![plain, ("Authorization", "s3cret")],
            ARTICLE.as_bytes(),
            401,
            "Bearer",
        ),
        (
            vec![json, good],
            br#"[{"text": "\u0646\u0635"}, {"title": "x"}]"#.as_slice(),
            400,
            "nothing was stored",
        ),
        (
            vec![json, good],
            b"{not json".as_slice(),
            400,
            "not valid JSON",
        ),
        (vec![json, good], b"42".as_slice(), 400, "an article object"),
        (
            vec![plain, good],
            b"\xff\xfe bad".as_slice(),
            400,
            "not UTF-8",
        ),
        (vec![plain, good], b"   ".as_slice(), 400, "no text"),
        (
            vec![("Content-Type", "image/png"), good],
            b"x".as_slice(),
            415,
            "image/png",
        ),
        (
            vec![plain, good],
            "ن".repeat(3000).as_bytes(),
            413,
            "larger than 4096",
        ),
    ] {
        let answer = send(addr, "POST", "/api/v1/documents", &headers, body);
        assert_eq!(answer.status, status, "{headers:?}");
        let message = answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(message.contains(says), "{headers:?}: {message}");
    }
    let odd = send(
        addr,
        "POST",
        "/api/v1/documents?colour=red",
        &[plain, good],
        ARTICLE.as_bytes(),
    );
    assert_eq!(odd.status, 400);
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(
        documents_stored(&db),
        before,
        "a refused write stored something"
    );
}

#[test]
fn an_added_article_is_analysed_by_a_job_and_shows_in_search_stories_and_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isnad.db");
    run(&db, &[repo().join("corpus/sample")]);
    let config = Config {
        token: Some("s3cret".into()),
        rate_limit: None,
        ..Config::default()
    };
    let addr = start_with(&db, config);
    let token = get(addr, "/api/v1/changes").json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let headers = [
        ("Content-Type", "text/plain"),
        ("Authorization", "Bearer s3cret"),
    ];
    let target = format!(
        "/api/v1/documents?title={}&outlet=test-wire",
        encoded("انفجار في زمردستان")
    );
    let accepted = send(addr, "POST", &target, &headers, ARTICLE.as_bytes());
    assert_eq!(
        accepted.status,
        202,
        "{}",
        String::from_utf8_lossy(&accepted.body)
    );
    let location = accepted.header("location").unwrap().to_string();
    let job = (0..600)
        .map(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            get(addr, &location).json()
        })
        .find(|job| job["state"] == "done" || job["state"] == "failed")
        .expect("the job ends within a minute");
    assert_eq!(job["state"], "done", "{job}");
    let id = job["documents"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(job["documents"][0]["added"], "new");

    let found = get(addr, &format!("/api/v1/search?q={}", encoded("زمردستان"))).json();
    assert!(
        found["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["documents"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d == id.as_str())),
        "{found}"
    );
    let stories = every_page(addr, "/api/v1/stories", 500);
    assert!(stories.iter().any(|s| s["documents"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == id.as_str())));
    let one = get(addr, &format!("/api/v1/documents/{id}")).json();
    assert_eq!(one["document"]["outlet"], "test-wire");
    assert!(!one["facts"].as_array().unwrap().is_empty(), "{one}");
    let changes = get(addr, &format!("/api/v1/changes?since={token}")).json();
    assert_eq!(
        changes["changes"]["documents"]["added"],
        serde_json::json!([id])
    );
}
