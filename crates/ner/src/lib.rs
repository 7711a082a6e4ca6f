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

pub mod clusters;
pub mod conll;
pub mod eval;
pub mod features;
pub mod model;
pub mod namelike;
pub mod propagate;
pub mod tags;

use std::sync::OnceLock;

use isnad_text::{Doc, Vocabulary};

pub use eval::{evaluate, Scores};
pub use features::{TokenInfo, WordTable};
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

    /// Tags every sentence of `doc`, then makes the document consistent
    /// ([`propagate::propagate`]). Each word's information (and its scores
    /// under this tagger's model) comes from `words`, which serves this
    /// tagger from then on.
    pub fn tag_doc<'w>(&self, doc: &Doc, words: &'w mut WordTable) -> TaggedDoc<'w> {
        words.serve(self.model.id());
        let sentences = || (0..doc.sentence_spans().len()).map(|i| doc.sentence_tokens(i));
        words.make_room(sentences().map(<[_]>::len).sum());
        let ids: Vec<Vec<u32>> = sentences()
            .map(|tokens| words.ids_of_doc_tokens(doc, tokens))
            .collect();
        let words = &*words;
        let infos: Vec<Vec<TokenInfo>> = ids.iter().map(|ids| words.infos(ids)).collect();
        let tags = self.tag_prepared(&infos);
        TaggedDoc { infos, tags }
    }

    /// Tags sentences given as token strings (CoNLL, tokenised already) as
    /// the sentences of one document, propagating names across them as
    /// [`Tagger::tag_doc`] does; keys come from `vocabulary`, word
    /// information from `words`.
    pub fn tag_sentences(
        &self,
        sentences: &[Vec<&str>],
        vocabulary: &mut Vocabulary,
        words: &mut WordTable,
    ) -> Vec<Vec<Tag>> {
        words.serve(self.model.id());
        words.make_room(sentences.iter().map(Vec::len).sum());
        let ids: Vec<Vec<u32>> = sentences
            .iter()
            .map(|s| words.ids_of_strings(s, vocabulary))
            .collect();
        let words = &*words;
        let infos: Vec<Vec<TokenInfo>> = ids.iter().map(|ids| words.infos(ids)).collect();
        self.tag_prepared(&infos)
    }

    /// Tags one sentence given as token strings (no propagation); keys come
    /// from `vocabulary`, word information from `words`.
    pub fn tag_strings(
        &self,
        tokens: &[&str],
        vocabulary: &mut Vocabulary,
        words: &mut WordTable,
    ) -> Vec<Tag> {
        if tokens.is_empty() {
            return Vec::new();
        }
        words.serve(self.model.id());
        self.model
            .tag(&features::prepare_strings(tokens, vocabulary, words))
    }

    /// Tags one sentence given as token strings, with tables of its own:
    /// [`Tagger::tag_strings`] for a one-off sentence (over many, keep the
    /// tables and call that).
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_strings(tokens, &mut Vocabulary::new(), &mut WordTable::new())
    }

    /// Tags prepared sentences of one document, then propagates.
    fn tag_prepared(&self, infos: &[Vec<TokenInfo>]) -> Vec<Vec<Tag>> {
        let mut tags: Vec<Vec<Tag>> = infos.iter().map(|i| self.model.tag(i)).collect();
        propagate::propagate(infos, &mut tags);
        tags
    }
}

/// What [`Tagger::tag_doc`] read and said of each sentence of a document
/// (borrowing the word table it read the words from).
#[derive(Clone, Debug)]
pub struct TaggedDoc<'w> {
    /// Per sentence (in [`Doc::sentences`] order), its tokens' information:
    /// the words' keys and what the gazetteers know of them.
    pub infos: Vec<Vec<TokenInfo<'w>>>,
    /// Per sentence, one tag per token.
    pub tags: Vec<Vec<Tag>>,
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

/// One sentence ready for training: its words' information, its gold
/// tags, its domain.
type Prepared<'w> = (Vec<TokenInfo<'w>>, Vec<Tag>, u8);

/// The sentences of `train` and of `dev` with gold tags, prepared for
/// training (their words' information in `words`).
fn prepare_all<'s, 'w>(
    train: &'s [conll::Sentence],
    dev: &'s [conll::Sentence],
    words: &'w mut WordTable,
) -> [Vec<Prepared<'w>>; 2] {
    let tagged = |s: &'s [conll::Sentence]| -> Vec<&'s conll::Sentence> {
        s.iter().filter(|s| !s.tags.is_empty()).collect()
    };
    let (train, dev) = (tagged(train), tagged(dev));
    let mut vocabulary = Vocabulary::new();
    let mut ids = |s: &[&conll::Sentence]| -> Vec<Vec<u32>> {
        s.iter()
            .map(|s| {
                let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                words.ids_of_strings(&toks, &mut vocabulary)
            })
            .collect()
    };
    let (train_ids, dev_ids) = (ids(&train), ids(&dev));
    let words = &*words;
    let infos = |s: &[&conll::Sentence], ids: &[Vec<u32>]| {
        s.iter()
            .zip(ids)
            .map(|(s, ids)| (words.infos(ids), s.tags.clone(), s.domain))
            .collect()
    };
    [infos(&train, &train_ids), infos(&dev, &dev_ids)]
}

/// Trains on `train`; with `dev`, keeps the epoch with the best dev F1.
pub fn train(train: &[conll::Sentence], dev: &[conll::Sentence], config: &TrainConfig) -> Trained {
    let mut words = WordTable::new();
    let [mut data, dev_data] = prepare_all(train, dev, &mut words);
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
            let gold: Vec<Vec<Tag>> = dev_data.iter().map(|(_, t, _)| t.clone()).collect();
            let pred: Vec<Vec<Tag>> = dev_data.iter().map(|(i, _, _)| avg.tag(i)).collect();
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
