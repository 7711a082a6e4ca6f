//! Trains the shipped tagger model (`model/ner.bin`) on three corpora:
//! ANERcorp's training split (news, the domain tagged), WikiFANE Gold and
//! AQMAR (Arabic Wikipedia, each a domain of its own: see
//! `isnad_ner::model::Trainer`). `scripts/train_tagger.sh` runs it.
//!
//! - The number of epochs is chosen on a dev split taken from the training
//!   data only: the last 10 % of ANERcorp's training sentences (the model
//!   is then retrained on all of them); ANERcorp's test split is never read
//!   here (`isnad eval ner` scores it).
//! - Held out from training and reported: every 10th sentence of WikiFANE,
//!   and every 4th AQMAR article (by file name).
//! - AQMAR's tags are mapped to ANERcorp's: PER → PERS, its article-specific
//!   MIS0…MIS3 → MISC, typos (`I--ORG`, `B-MIS-1`) by their type, anything
//!   else O.
//!
//! `cargo run --release -p isnad-ner --example train_model -- ANERCORP_TRAIN
//!  WIKIFANE AQMAR_DIR OUT [MAX_EPOCHS]`

use isnad_ner::conll::{self, Sentence};
use isnad_ner::{evaluate, train, Tag, Tagger, TrainConfig, WordTable};
use isnad_text::Vocabulary;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [news, wikifane, aqmar, out] = &args[..4] else {
        panic!("usage: train_model ANERCORP_TRAIN WIKIFANE AQMAR_DIR OUT [MAX_EPOCHS]");
    };
    let max_epochs: usize = args
        .get(4)
        .map_or(15, |e| e.parse().expect("MAX_EPOCHS: a number"));
    let news = read(news, 0);
    let (wiki_fit, wiki_held) = every_nth(read(wikifane, 1), 10);
    let (aqmar_fit, aqmar_held) = aqmar_split(aqmar, 2);
    let dev_n = news.len() / 10;
    let (news_fit, dev) = news.split_at(news.len() - dev_n);
    let others: Vec<Sentence> = wiki_fit.into_iter().chain(aqmar_fit).collect();
    let fit: Vec<Sentence> = news_fit
        .iter()
        .cloned()
        .chain(others.iter().cloned())
        .collect();
    println!(
        "tuning: {} ANERcorp + {} other sentences, dev {} (the last tenth of ANERcorp train)",
        news_fit.len(),
        others.len(),
        dev.len()
    );
    let config = TrainConfig {
        max_epochs,
        ..TrainConfig::default()
    };
    let tuned = train(&fit, dev, &config);
    for (i, (acc, f1)) in tuned.epochs.iter().enumerate() {
        println!(
            "  epoch {:>2}: train accuracy {:.2}%  dev F1 {:.2}",
            i + 1,
            acc * 100.0,
            f1.unwrap_or(0.0)
        );
    }
    let all: Vec<Sentence> = news.iter().cloned().chain(others).collect();
    println!(
        "best epoch on dev: {}; retraining on all {} sentences",
        tuned.best_epoch,
        all.len()
    );
    let final_config = TrainConfig {
        max_epochs: tuned.best_epoch,
        ..config
    };
    let trained = train(&all, &[], &final_config);
    let bytes = trained.model.to_bytes(final_config.prune);
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
    println!(
        "wrote {out} ({} bytes, {} features before pruning)",
        bytes.len(),
        trained.model.len()
    );
    let tagger = Tagger::from_bytes(&bytes).expect("the model just written loads");
    for (name, held) in [
        ("WikiFANE held out (every 10th sentence)", &wiki_held),
        ("AQMAR held out (every 4th article)", &aqmar_held),
    ] {
        let gold: Vec<Vec<Tag>> = held.iter().map(|s| s.tags.clone()).collect();
        let (mut vocabulary, mut words) = (Vocabulary::new(), WordTable::new());
        let pred: Vec<Vec<Tag>> = held
            .iter()
            .map(|s| {
                let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                tagger.tag_strings(&toks, &mut vocabulary, &mut words)
            })
            .collect();
        println!(
            "{name}: {} sentences\n{}",
            held.len(),
            evaluate(&gold, &pred)
        );
    }
}

/// The sentences of a CoNLL file, marked as of `domain`.
fn read(path: &str, domain: u8) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut sentences = conll::read(&text);
    sentences.iter_mut().for_each(|s| s.domain = domain);
    sentences
}

/// `sentences` without every `n`th, and those.
fn every_nth(sentences: Vec<Sentence>, n: usize) -> (Vec<Sentence>, Vec<Sentence>) {
    let (mut kept, mut held) = (Vec::new(), Vec::new());
    for (i, s) in sentences.into_iter().enumerate() {
        if (i + 1) % n == 0 {
            held.push(s)
        } else {
            kept.push(s)
        }
    }
    (kept, held)
}

/// AQMAR's articles (`*.txt` in `dir`, by name) with ANERcorp's tags: those
/// to train on, and every 4th article held out.
fn aqmar_split(dir: &str, domain: u8) -> (Vec<Sentence>, Vec<Sentence>) {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let (mut kept, mut held) = (Vec::new(), Vec::new());
    for (i, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mapped: String = text.lines().map(aqmar_line).collect();
        let mut sentences = conll::read(&mapped);
        sentences.iter_mut().for_each(|s| s.domain = domain);
        if (i + 1) % 4 == 0 {
            held.extend(sentences)
        } else {
            kept.extend(sentences)
        }
    }
    (kept, held)
}

/// One AQMAR line with its tag mapped to ANERcorp's (and a newline).
fn aqmar_line(line: &str) -> String {
    let line = line.trim_start_matches('\u{FEFF}');
    let cols: Vec<&str> = line.split_whitespace().collect();
    let (Some(token), Some(tag)) = (cols.first(), cols.last().filter(|_| cols.len() >= 2)) else {
        return "\n".to_string();
    };
    let prefix = match tag.as_bytes().first() {
        Some(b'B') => "B",
        Some(b'I') => "I",
        _ => return format!("{token} O\n"),
    };
    let kind = if tag.contains("MIS") {
        "MISC"
    } else if tag.ends_with("PER") {
        "PERS"
    } else if tag.ends_with("LOC") {
        "LOC"
    } else if tag.ends_with("ORG") {
        "ORG"
    } else {
        return format!("{token} O\n");
    };
    format!("{token} {prefix}-{kind}\n")
}
