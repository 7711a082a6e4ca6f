//! The Arabic named-entity tagger.
//!
//! A greedy averaged perceptron over rich features (surface and normalised
//! forms, clitic-stripped stem, affixes, shape, neighbouring words, lexicon
//! frequency, general-text frequency, Wikidata name parts, letter-trigram
//! name-likeness, gazetteer matches over several tokens, ANERGazet lists,
//! nationality adjectives, trigger words, previous tags). It tags
//! ANERcorp-style tokens (words with their clitics, punctuation apart: what
//! [`isnad_text::tokens`] produces) with IOB tags of PERS / LOC / ORG / MISC.
//!
//! The trained model ships in `model/ner.bin` (provenance in
//! `model/README.md`); `isnad ner train` rebuilds it.
#![deny(missing_docs)]

pub mod conll;
pub mod eval;
pub mod features;
pub mod model;
pub mod namelike;
pub mod propagate;
pub mod tags;

use std::sync::OnceLock;

pub use eval::{evaluate, Scores};
pub use model::Model;
pub use tags::{spans, EntityType, Tag, TokenSpan};

/// A tagger with its model.
pub struct Tagger {
    model: Model,
}

static EMBEDDED: &[u8] = include_bytes!("../model/ner.bin");

impl Tagger {
    /// The tagger with the model shipped in the binary.
    pub fn embedded() -> Result<&'static Tagger, String> {
        static T: OnceLock<Result<Tagger, String>> = OnceLock::new();
        T.get_or_init(|| Tagger::from_bytes(EMBEDDED))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A tagger with a serialised model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        Ok(Tagger {
            model: Model::from_bytes(bytes)?,
        })
    }

    /// A tagger with a model in memory.
    pub fn new(model: Model) -> Tagger {
        Tagger { model }
    }

    /// Tags the sentences of one document, then makes the document
    /// consistent ([`propagate::propagate`]).
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let infos: Vec<Vec<features::TokenInfo>> =
            sentences.iter().map(|s| features::prepare(s)).collect();
        self.tag_prepared(&infos)
    }

    /// [`Tagger::tag_document`] for sentences already prepared with
    /// [`features::prepare`] (whose word keys the caller also reads).
    pub fn tag_prepared(&self, infos: &[Vec<features::TokenInfo>]) -> Vec<Vec<Tag>> {
        let mut tags: Vec<Vec<Tag>> = infos.iter().map(|i| self.model.tag(i)).collect();
        propagate::propagate(infos, &mut tags);
        tags
    }

    /// Tags one sentence of tokens.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        if tokens.is_empty() {
            return Vec::new();
        }
        self.model.tag(&features::prepare(tokens))
    }
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Most passes over the data.
    pub max_epochs: usize,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
    /// Weights smaller than this are left out of the saved model.
    pub prune: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            max_epochs: 12,
            seed: 7,
            prune: 0.05,
        }
    }
}

/// What training did.
pub struct Trained {
    /// The model (averaged).
    pub model: Model,
    /// Per epoch: training accuracy during the pass and, with dev data, dev F1.
    pub epochs: Vec<(f64, Option<f64>)>,
    /// Epochs kept (the best on dev, or all).
    pub best_epoch: usize,
}

fn prepare_all(sentences: &[conll::Sentence]) -> Vec<(Vec<features::TokenInfo>, Vec<Tag>)> {
    sentences
        .iter()
        .filter(|s| !s.tags.is_empty())
        .map(|s| {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            (features::prepare(&toks), s.tags.clone())
        })
        .collect()
}

/// Trains on `train`; with `dev`, keeps the epoch with the best dev F1.
pub fn train(train: &[conll::Sentence], dev: &[conll::Sentence], config: &TrainConfig) -> Trained {
    let mut data = prepare_all(train);
    let dev_data = prepare_all(dev);
    let mut trainer = model::Trainer::default();
    let mut rng = config.seed.max(1);
    let mut epochs = Vec::new();
    let mut best: Option<(f64, usize, Model)> = None;
    for e in 0..config.max_epochs {
        // Fisher–Yates with xorshift: reproducible.
        for i in (1..data.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            data.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let acc = trainer.epoch(&data);
        let avg = trainer.averaged();
        let dev_f1 = (!dev_data.is_empty()).then(|| {
            let gold: Vec<Vec<Tag>> = dev_data.iter().map(|(_, t)| t.clone()).collect();
            let pred: Vec<Vec<Tag>> = dev_data.iter().map(|(i, _)| avg.tag(i)).collect();
            evaluate(&gold, &pred).overall().f1()
        });
        epochs.push((acc, dev_f1));
        match dev_f1 {
            Some(f) if best.as_ref().is_none_or(|b| f > b.0) => best = Some((f, e + 1, avg)),
            Some(_) => {}
            None => best = Some((0.0, e + 1, avg)),
        }
    }
    let (_, best_epoch, model) = best.expect("at least one epoch");
    Trained {
        model,
        epochs,
        best_epoch,
    }
}
