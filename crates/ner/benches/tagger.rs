//! Tagger throughput (tokens per second, one core) on the ANERcorp test split
//! (25,008 tokens; read from the shared data beside the repository, skipped
//! with a message where it is missing).
//! `cargo bench -p isnad-ner`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use isnad_ner::{conll, Tagger, WordTable};
use isnad_text::Vocabulary;

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/anercorp_camel/ANERCorp_CamelLab_test.txt"
    );
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "skipping: needs ../shared/data/anercorp_camel/ANERCorp_CamelLab_test.txt \
                 (the project's shared inputs, in a `shared` folder beside the repository; \
                 ANERcorp, CAMeL Lab split: camel.abudhabi.nyu.edu/anercorp); not found at {path}"
            );
            return;
        }
        Err(e) => panic!("shared ANERcorp test split beside the repository ({path}): {e}"),
    };
    let sentences: Vec<Vec<String>> = conll::read(&text).into_iter().map(|s| s.tokens).collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let tagger = Tagger::embedded().expect("model");
    let mut g = c.benchmark_group("ner");
    g.sample_size(10);
    g.throughput(Throughput::Elements(tokens as u64));
    // One vocabulary and word table for every pass, as a pipeline keeps them.
    let (mut vocabulary, mut words) = (Vocabulary::new(), WordTable::new());
    g.bench_function("tag sentences (features + decoding)", |b| {
        b.iter(|| {
            let mut entities = 0;
            for s in &sentences {
                let toks: Vec<&str> = s.iter().map(String::as_str).collect();
                let tags = tagger.tag_strings(&toks, &mut vocabulary, &mut words);
                entities += isnad_ner::spans(&tags).len();
            }
            assert!(entities > 1000);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
