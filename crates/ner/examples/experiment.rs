//! Development aid: train on the first 90 % of a CoNLL file, report dev scores
//! per type and sample errors. `cargo run --release -p isnad-ner --example experiment -- TRAIN [EXTRA_TRAIN...]`
use isnad_ner::conll;
use isnad_ner::{evaluate, spans, train, Tag, Tagger, TrainConfig, WordTable};
use isnad_text::Vocabulary;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all = conll::read(&std::fs::read_to_string(&args[0]).unwrap());
    let dev_n = all.len() / 10;
    let (fit, dev) = all.split_at(all.len() - dev_n);
    let mut fit = fit.to_vec();
    for (d, extra) in args[1..].iter().enumerate() {
        let mut more = conll::read(&std::fs::read_to_string(extra).unwrap());
        let domain = if std::env::var("ONE_DOMAIN").is_ok() {
            0
        } else {
            d as u8 + 1
        };
        more.iter_mut().for_each(|s| s.domain = domain);
        fit.extend(more);
    }
    let epochs: usize = std::env::var("EPOCHS")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(10);
    let t = train(
        &fit,
        &[],
        &TrainConfig {
            max_epochs: epochs,
            ..TrainConfig::default()
        },
    );
    let tagger = Tagger::new(t.model);
    let gold: Vec<Vec<Tag>> = dev.iter().map(|s| s.tags.clone()).collect();
    let pred = tag_each(&tagger, dev);
    print!("{}", evaluate(&gold, &pred));
    // Documents are not marked in ANERcorp: windows of consecutive sentences stand for them.
    let window: usize = std::env::var("WINDOW")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(20);
    let mut pred2 = Vec::new();
    let (mut vocabulary, mut words) = (Vocabulary::new(), WordTable::new());
    for chunk in dev.chunks(window) {
        let sents: Vec<Vec<&str>> = chunk
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        pred2.extend(tagger.tag_sentences(&sents, &mut vocabulary, &mut words));
    }
    println!("with propagation (window {window}):");
    print!("{}", evaluate(&gold, &pred2));
    let pred = pred2;
    if let Ok(test) = std::env::var("TEST") {
        let test = conll::read(&std::fs::read_to_string(test).unwrap());
        let gold: Vec<Vec<Tag>> = test.iter().map(|s| s.tags.clone()).collect();
        let pred = tag_each(&tagger, &test);
        println!("test:");
        print!("{}", evaluate(&gold, &pred));
        if std::env::var("TEST_ERRORS").is_ok() {
            print_errors(&test, &gold, &pred, usize::MAX);
        }
    }
    if std::env::var("ERRORS").is_ok() {
        print_errors(dev, &gold, &pred, 150);
    }
}

/// Tags each sentence on its own (as `isnad eval ner` does).
fn tag_each(tagger: &Tagger, sentences: &[conll::Sentence]) -> Vec<Vec<Tag>> {
    let (mut vocabulary, mut words) = (Vocabulary::new(), WordTable::new());
    sentences
        .iter()
        .map(|s| {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            tagger.tag_strings(&toks, &mut vocabulary, &mut words)
        })
        .collect()
}

/// Prints the entities missed and the ones found wrongly in the first `limit` sentences.
fn print_errors(sentences: &[conll::Sentence], gold: &[Vec<Tag>], pred: &[Vec<Tag>], limit: usize) {
    for ((s, g), p) in sentences.iter().zip(gold).zip(pred).take(limit) {
        let (gs, ps) = (spans(g), spans(p));
        for x in gs.iter().filter(|x| !ps.contains(x)) {
            println!(
                "MISS {} {}",
                x.kind.label(),
                s.tokens[x.start..x.end].join(" ")
            );
        }
        for x in ps.iter().filter(|x| !gs.contains(x)) {
            println!(
                "FP   {} {}",
                x.kind.label(),
                s.tokens[x.start..x.end].join(" ")
            );
        }
    }
}
