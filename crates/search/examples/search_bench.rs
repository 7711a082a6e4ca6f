//! The search benchmark: indexing throughput, index size against text size,
//! and query latency (median, p99) for word, phrase, filtered and faceted
//! queries.
//!
//! ```sh
//! isnad --db /tmp/bench.db run bench-corpus/articles
//! cargo run --release -p isnad-search --example search_bench -- /tmp/bench.db 100000
//! ```
//!
//! The store's ledger is indexed as it is; with a document count above the
//! store's, synthetic documents are added, each made of sentences of the
//! stored documents (a fixed-seed draw), with an outlet and a day of their
//! own, until there are that many.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use isnad_ledger::{Document, Ledger};
use isnad_search::query::Filters;
use isnad_search::{ReadDocs, Request, SearchIndex};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(db), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: search_bench STORE.db DOCUMENTS");
        std::process::exit(2);
    };
    let store = isnad_store::Store::open(Path::new(db)).expect("the store opens");
    let mut ledger = store.ledger().expect("the ledger reads");
    let stored = ledger.documents.len();
    grow(&mut ledger, n);
    let text_bytes: usize = ledger.documents.iter().map(|d| d.text.len()).sum();
    let dir = std::env::temp_dir().join(format!("isnad-search-bench-{}", std::process::id()));
    let t = Instant::now();
    SearchIndex::rebuild(&dir, &ledger, "bench", &ReadDocs::new()).expect("the index builds");
    let took = t.elapsed();
    let index = SearchIndex::open(&dir).expect("the index opens");
    let size = folder_size(&dir);
    println!(
        "documents: {} ({} stored, {} synthetic), facts {}, text {:.1} MiB",
        ledger.documents.len(),
        stored,
        ledger.documents.len() - stored,
        ledger.facts.len(),
        mib(text_bytes)
    );
    println!(
        "indexing: {:.2} s, {:.0} documents/s, {:.2} MiB/s of text",
        took.as_secs_f64(),
        ledger.documents.len() as f64 / took.as_secs_f64(),
        mib(text_bytes) / took.as_secs_f64()
    );
    println!(
        "index: {:.1} MiB on disk, {:.2}× the text, {} entries",
        mib(size as usize),
        size as f64 / text_bytes as f64,
        index.entries()
    );
    let outlet = ledger
        .documents
        .iter()
        .find_map(|d| d.outlet.clone())
        .unwrap_or_default();
    let cases: Vec<(&str, Request)> = vec![
        ("word", request("الشرطة", Filters::default(), false)),
        ("word (common)", request("في", Filters::default(), false)),
        (
            "phrase",
            request("\"وزارة الداخلية\"", Filters::default(), false),
        ),
        (
            "filtered",
            request(
                "الحكومة",
                Filters {
                    outlet: vec![outlet],
                    published_from: Some("2010-01-01".into()),
                    ..Filters::default()
                },
                false,
            ),
        ),
        ("faceted", request("الحكومة", Filters::default(), true)),
    ];
    for (name, r) in cases {
        let (median, p99, total) = latency(&index, &r);
        println!(
            "query {name:<14} {:>8} hits: median {:>7.2} ms, p99 {:>7.2} ms",
            total,
            median.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

fn request(q: &str, filters: Filters, facets: bool) -> Request {
    Request {
        query: q.into(),
        filters,
        limit: 10,
        facets,
    }
}

/// Median and 99th percentile of 200 runs (after 10 to warm up), and the hit count.
fn latency(index: &SearchIndex, r: &Request) -> (Duration, Duration, usize) {
    let mut total = 0;
    for _ in 0..10 {
        total = index.search(r).expect("the query runs").total;
    }
    let mut times: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(index.search(r).expect("the query runs"));
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[times.len() * 99 / 100], total)
}

/// Adds synthetic documents made of stored sentences until there are `n`.
fn grow(ledger: &mut Ledger, n: usize) {
    let sentences: Vec<String> = ledger
        .documents
        .iter()
        .flat_map(|d| {
            isnad_text::sentences(&d.text)
                .into_iter()
                .map(|s| s.slice(&d.text).to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| s.len() > 20)
        .collect();
    if sentences.is_empty() {
        return;
    }
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut i = 0;
    while ledger.documents.len() < n {
        let count = 6 + (next() % 6) as usize;
        let text: Vec<&str> = (0..count)
            .map(|_| sentences[(next() % sentences.len() as u64) as usize].as_str())
            .collect();
        let day = 1 + (i % 28);
        let month = 1 + (i / 28) % 12;
        ledger.documents.push(Document {
            id: format!("synthetic{i:07}"),
            source: format!("synthetic{i}.txt"),
            title: Some(text[0].chars().take(80).collect()),
            outlet: Some(format!("outlet {}", i % 40)),
            author: None,
            published: Some(format!("{}-{month:02}-{day:02}", 2010 + i % 12)),
            text: text.join("\n\n"),
            removed: Vec::new(),
            near_duplicate_of: None,
            url: None,
        });
        i += 1;
    }
}

fn folder_size(dir: &PathBuf) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => folder_size(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}
