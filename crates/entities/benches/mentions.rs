//! Mention finder throughput (words per second, one core) over the sample
//! corpus (`corpus/sample/*.txt`), with one vocabulary and word table kept
//! across documents, as a pipeline keeps one per worker.
//! `cargo bench -p isnad-entities`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use isnad_entities::{find_mentions, Lexicon};
use isnad_gazetteer::Gazetteer;
use isnad_ner::{Tagger, WordTable};
use isnad_text::{Doc, Vocabulary};

fn bench(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/sample");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("the sample corpus")
        .map(|e| e.expect("a file of the sample corpus").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a text of the sample corpus"))
        .collect();
    let tagger = Tagger::embedded().expect("model");
    let lexicon = Lexicon::new(std::sync::Arc::new(Gazetteer::load()));
    let (mut vocabulary, mut words) = (Vocabulary::new(), WordTable::new());
    let docs: Vec<Doc> = texts
        .iter()
        .map(|t| Doc::new(t.as_str(), &mut vocabulary))
        .collect();
    let count: usize = docs.iter().map(Doc::word_count).sum();
    let mut g = c.benchmark_group("mentions");
    g.sample_size(30);
    g.throughput(Throughput::Elements(count as u64));
    g.bench_function("sample corpus: Doc, then mentions", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                let doc = Doc::new(t.as_str(), &mut vocabulary);
                n += find_mentions(&doc, tagger, &lexicon, &mut words).len();
            }
            assert!(n > 100);
        })
    });
    g.bench_function("sample corpus: mentions of Docs made beforehand", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|doc| find_mentions(doc, tagger, &lexicon, &mut words).len())
                .sum();
            assert!(n > 100);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
