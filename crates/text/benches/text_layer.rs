//! Throughput of the text layer (normalise + segment + tokenise + clitic
//! analysis) on the fixed benchmark corpus.
//!
//! Build the corpus first: `python3 scripts/make_bench_corpus.py`
//! (10 MB of Arabic from the shared ANERcorp and AQMAR data), then
//! `cargo bench -p isnad-text`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use isnad_text::{
    analyze, analyze_word, normalize, sentences, tokens, NormalizeOptions, TokenKind,
};

fn corpus() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench-corpus/all.txt");
    std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "benchmark corpus missing at {path}: run `python3 scripts/make_bench_corpus.py` first"
        )
    })
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    assert!(
        text.len() >= 10 * 1024 * 1024,
        "benchmark corpus is smaller than 10 MB"
    );
    let mut g = c.benchmark_group("text_layer");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("normalize", |b| {
        b.iter(|| {
            let n = normalize(black_box(&text), NormalizeOptions::matching());
            assert!(n.as_str().len() > text.len() / 2);
        })
    });
    g.bench_function("sentences", |b| {
        b.iter(|| {
            let s = sentences(black_box(&text));
            assert!(s.len() > 10_000);
        })
    });
    g.bench_function("tokens", |b| {
        b.iter(|| {
            let t = tokens(black_box(&text));
            assert!(t.len() > 1_000_000);
        })
    });
    g.bench_function("tokens+clitics", |b| {
        b.iter(|| {
            let toks = tokens(black_box(&text));
            let mut with_clitics = 0usize;
            for t in &toks {
                if t.kind == TokenKind::Word
                    && analyze_word(&text, t.span).clitics().next().is_some()
                {
                    with_clitics += 1;
                }
            }
            assert!(with_clitics > 100_000);
        })
    });
    g.bench_function("analyze (normalize+segment+tokenize)", |b| {
        b.iter(|| {
            let layer = analyze(black_box(&text));
            assert!(!layer.tokens.is_empty() && !layer.sentences.is_empty());
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
