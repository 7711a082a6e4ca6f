//! Throughput of fact extraction alone (numbers, events, time, attribution)
//! on the fixed benchmark corpus, one core. Build the corpus first:
//! `python3 scripts/make_bench_corpus.py`, then `cargo bench -p isnad-facts`.
//!
//! The vocabulary and the table of spellings are kept across iterations, as
//! a pipeline keeps them across documents. `doc+extract` analyses the text
//! and reads its facts; `extract_doc` reads the facts of an analysed `Doc`
//! (which the pipeline shares with its other stages).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use isnad_facts::{extract_doc, Spellings};
use isnad_text::{Doc, Vocabulary};

fn bench(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench-corpus/all.txt");
    let text = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!("benchmark corpus missing at {path}: run `python3 scripts/make_bench_corpus.py`")
    });
    let mut g = c.benchmark_group("facts");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    let mut vocabulary = Vocabulary::new();
    let mut spellings = Spellings::new();
    g.bench_function("doc+extract", |b| {
        b.iter(|| {
            let doc = Doc::new(black_box(text.as_str()), &mut vocabulary);
            let facts = extract_doc(&doc, None, &[], &mut spellings);
            assert!(facts.len() > 1000);
        })
    });
    let doc = Doc::new(text.as_str(), &mut vocabulary);
    g.bench_function("extract_doc", |b| {
        b.iter(|| {
            let facts = extract_doc(black_box(&doc), None, &[], &mut spellings);
            assert!(facts.len() > 1000);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
