//! Throughput of the temporal tagger ([`isnad_time::tag`]) on the fixed
//! benchmark corpus, one core, paragraph by paragraph (as a document's
//! sentences are tagged), with a publication date. Build the corpus first:
//! `python3 scripts/make_bench_corpus.py`, then `cargo bench -p isnad-time`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use isnad_time::{tag, Date};

fn bench(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench-corpus/all.txt");
    let text = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!("benchmark corpus missing at {path}: run `python3 scripts/make_bench_corpus.py`")
    });
    let published = Date::new(2022, 1, 8);
    let mut g = c.benchmark_group("time");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tag", |b| {
        b.iter(|| {
            let found: usize = black_box(text.as_str())
                .split('\n')
                .map(|paragraph| tag(paragraph, published).len())
                .sum();
            assert!(found > 1000, "{found} time expressions");
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
