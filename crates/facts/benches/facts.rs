//! Throughput of fact extraction alone (numbers, events, time, attribution)
//! on the fixed benchmark corpus, one core. Build the corpus first:
//! `python3 scripts/make_bench_corpus.py`, then `cargo bench -p isnad-facts`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench-corpus/all.txt");
    let text = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!("benchmark corpus missing at {path}: run `python3 scripts/make_bench_corpus.py`")
    });
    let mut g = c.benchmark_group("facts");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("extract", |b| {
        b.iter(|| {
            let facts = isnad_facts::extract(black_box(&text), None, &[]);
            assert!(facts.len() > 1000);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
