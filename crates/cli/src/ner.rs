//! `isnad ner` (tag CoNLL, train the model) and `isnad eval ner`.

use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use isnad_ner::conll::{self, Sentence};
use isnad_ner::{evaluate, train, Tag, Tagger, TrainConfig};

fn tagger() -> anyhow::Result<&'static Tagger> {
    Tagger::embedded()
        .map_err(|e| anyhow::anyhow!("the NER model shipped in this binary is unusable: {e}"))
}

/// Reads CoNLL on stdin, writes `TOKEN TAG` lines with the tagger's tags.
pub fn tag_conll() -> anyhow::Result<ExitCode> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("standard input is not UTF-8 text")?;
    let tagger = tagger()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for sentence in conll::read(&input) {
        let toks: Vec<&str> = sentence.tokens.iter().map(String::as_str).collect();
        for (tok, tag) in toks.iter().zip(tagger.tag(&toks)) {
            say!(out, "{tok} {tag}");
        }
        say!(out);
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn read_conll(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let sentences = conll::read(&text);
    if sentences.is_empty() {
        anyhow::bail!(
            "{}: no CoNLL sentences (one `TOKEN TAG` per line, blank line between sentences)",
            path.display()
        );
    }
    Ok(sentences)
}

/// Scores the shipped tagger on a gold CoNLL file.
pub fn eval(path: &Path) -> anyhow::Result<ExitCode> {
    let sentences = read_conll(path)?;
    if sentences.iter().all(|s| s.tags.is_empty()) {
        anyhow::bail!(
            "{}: no gold tags (expected `TOKEN TAG` lines)",
            path.display()
        );
    }
    let tagger = tagger()?;
    let gold: Vec<Vec<Tag>> = sentences
        .iter()
        .filter(|s| !s.tags.is_empty())
        .map(|s| s.tags.clone())
        .collect();
    let pred: Vec<Vec<Tag>> = sentences
        .iter()
        .filter(|s| !s.tags.is_empty())
        .map(|s| tagger.tag(&s.tokens.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    let tokens: usize = gold.iter().map(Vec::len).sum();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    say!(
        out,
        "{}: {} sentences, {} tokens",
        path.display(),
        gold.len(),
        tokens
    );
    write!(out, "{}", evaluate(&gold, &pred))?;
    Ok(ExitCode::SUCCESS)
}

/// Trains the model: tunes the number of epochs on a dev split carved from
/// the end of the training file, then retrains on all of it.
pub fn train_model(
    train_file: &Path,
    dev_fraction: f64,
    max_epochs: usize,
    out_path: &Path,
) -> anyhow::Result<ExitCode> {
    let all = read_conll(train_file)?;
    let dev_n = ((all.len() as f64) * dev_fraction).round() as usize;
    let (fit, dev) = all.split_at(all.len() - dev_n);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    say!(
        out,
        "training on {} sentences, tuning on the last {} of {}",
        fit.len(),
        dev.len(),
        train_file.display()
    );
    let config = TrainConfig {
        max_epochs,
        ..TrainConfig::default()
    };
    let tuned = train(fit, dev, &config);
    for (i, (acc, f1)) in tuned.epochs.iter().enumerate() {
        say!(
            out,
            "  epoch {:>2}: train accuracy {:.2}%  dev F1 {:.2}",
            i + 1,
            acc * 100.0,
            f1.unwrap_or(0.0)
        );
    }
    say!(
        out,
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
    std::fs::write(out_path, &bytes)
        .with_context(|| format!("cannot write {}", out_path.display()))?;
    say!(
        out,
        "wrote {} ({} bytes, {} features before pruning)",
        out_path.display(),
        bytes.len(),
        trained.model.len()
    );
    Ok(ExitCode::SUCCESS)
}
