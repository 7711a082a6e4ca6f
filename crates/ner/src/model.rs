//! The averaged perceptron: training, greedy constrained decoding, and the
//! compact binary model format.
//!
//! Format (little-endian): magic `ISNADNER`, version u32, scale f32 (weight
//! = i16 × scale), feature count u32, then per feature: key u64, a u16 mask
//! of the tags with a non-zero weight, and one i16 per set bit.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use crate::features::{
    context_features, features, history_features, word_features, Scores, TokenInfo, WordInfo,
    WordScores, WINDOW,
};
use crate::tags::{Tag, N_TAGS};

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Map<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// Trained weights.
pub struct Model {
    /// Tells models apart in the word scores kept with each word ([`WordInfo`]).
    id: u64,
    weights: Map<[f32; N_TAGS]>,
    /// The scores the sentence's edge gives the tokens near it.
    edge: OnceLock<WordScores>,
}

impl Default for Model {
    fn default() -> Model {
        Model::with_weights(Map::default())
    }
}

fn add(to: &mut Scores, from: &Scores) {
    for (a, b) in to.iter_mut().zip(from) {
        *a += b;
    }
}

const MAGIC: &[u8; 8] = b"ISNADNER";
const VERSION: u32 = 1;

impl Model {
    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn with_weights(weights: Map<[f32; N_TAGS]>) -> Model {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Model {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            weights,
            edge: OnceLock::new(),
        }
    }

    /// The id that tells this model apart from every other of the process
    /// (the word scores a [`crate::features::WordTable`] keeps are one model's).
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    fn scores(&self, feats: &[u64]) -> Scores {
        let mut s = [0f32; N_TAGS];
        self.add_scores(&mut s, feats);
        s
    }

    fn add_scores(&self, s: &mut Scores, feats: &[u64]) {
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                add(s, w);
            }
        }
    }

    /// The scores a word (or the sentence edge, `None`) gives the tokens at
    /// each offset of the window from it.
    fn word_scores(&self, word: Option<&WordInfo>, feats: &mut Vec<u64>) -> WordScores {
        let mut out = [[0.0; N_TAGS]; WINDOW.len()];
        for (slot, &pos) in out.iter_mut().zip(&WINDOW) {
            feats.clear();
            word_features(word, pos, feats);
            self.add_scores(slot, feats);
        }
        out
    }

    /// Tags a prepared sentence, greedily left to right, never producing an
    /// I-X that does not continue an X.
    ///
    /// Scores are what [`features`] gives each token, summed in three parts:
    /// the window's words (each word's share kept with the word for this
    /// model), the token's place in the sentence, and the tags before it.
    pub fn tag(&self, infos: &[TokenInfo]) -> Vec<Tag> {
        let n = infos.len();
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![[0f32; N_TAGS]; n];
        let edge = self
            .edge
            .get_or_init(|| self.word_scores(None, &mut Vec::new()));
        for (j, info) in infos.iter().enumerate() {
            let (model, kept) = info
                .scores
                .get_or_init(|| (self.id, self.word_scores(Some(info.word), &mut feats)));
            let other_model;
            let w = if *model == self.id {
                kept
            } else {
                // Kept for another model (a table serves one): summed afresh.
                other_model = self.word_scores(Some(info.word), &mut feats);
                &other_model
            };
            for (slot, &pos) in WINDOW.iter().enumerate() {
                // Word j is at offset `pos` from token j - pos.
                let i = j as isize - pos;
                if i >= 0 && (i as usize) < n {
                    add(&mut scores[i as usize], &w[slot]);
                }
            }
        }
        for (i, s) in scores.iter_mut().enumerate() {
            for (slot, &pos) in WINDOW.iter().enumerate() {
                let k = i as isize + pos;
                if k < 0 || k as usize >= n {
                    add(s, &edge[slot]);
                }
            }
        }
        for (i, s) in scores.iter_mut().enumerate() {
            feats.clear();
            context_features(infos, i, &mut feats);
            self.add_scores(s, &feats);
        }
        let mut tags = Vec::with_capacity(n);
        let (mut prev, mut prev2) = (Tag::O, Tag::O);
        for (info, mut s) in infos.iter().zip(scores) {
            feats.clear();
            history_features(info, prev, prev2, &mut feats);
            self.add_scores(&mut s, &feats);
            let t = best(&s, prev);
            tags.push(t);
            prev2 = prev;
            prev = t;
        }
        tags
    }

    /// Tags a prepared sentence as [`Model::tag`] does, summing the weights
    /// of every feature of every token afresh (no cache): the reference the
    /// cached sums are tested against.
    pub fn tag_uncached(&self, infos: &[TokenInfo]) -> Vec<Tag> {
        let mut tags = Vec::with_capacity(infos.len());
        let mut feats = Vec::with_capacity(64);
        let (mut prev, mut prev2) = (Tag::O, Tag::O);
        for i in 0..infos.len() {
            features(infos, i, prev, prev2, &mut feats);
            let t = best(&self.scores(&feats), prev);
            tags.push(t);
            prev2 = prev;
            prev = t;
        }
        tags
    }

    /// Serialises the model; weights with |w| below `prune` are dropped.
    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        let max = self
            .weights
            .values()
            .flatten()
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        keys.sort();
        let mut body = Vec::new();
        let mut count = 0u32;
        for k in keys {
            let w = &self.weights[k];
            let mut mask = 0u16;
            for (t, v) in w.iter().enumerate() {
                if v.abs() >= prune && (v / scale).round() as i32 != 0 {
                    mask |= 1 << t;
                }
            }
            if mask == 0 {
                continue;
            }
            count += 1;
            body.extend_from_slice(&k.to_le_bytes());
            body.extend_from_slice(&mask.to_le_bytes());
            for (t, v) in w.iter().enumerate() {
                if mask & (1 << t) != 0 {
                    body.extend_from_slice(&((v / scale).round() as i16).to_le_bytes());
                }
            }
        }
        let mut out = Vec::with_capacity(body.len() + 20);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Reads a serialised model.
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        let err = || "truncated or damaged NER model".to_string();
        if b.len() < 20 || &b[..8] != MAGIC {
            return Err("not an isnad NER model".into());
        }
        let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"));
        if u32_at(8) != VERSION {
            return Err(format!("NER model version {} is not {VERSION}", u32_at(8)));
        }
        let scale = f32::from_le_bytes(b[12..16].try_into().expect("4 bytes"));
        let count = u32_at(16) as usize;
        let mut weights: Map<[f32; N_TAGS]> =
            Map::with_capacity_and_hasher(count, Default::default());
        let mut i = 20;
        for _ in 0..count {
            let k = u64::from_le_bytes(
                b.get(i..i + 8)
                    .ok_or_else(err)?
                    .try_into()
                    .expect("8 bytes"),
            );
            let mask = u16::from_le_bytes(
                b.get(i + 8..i + 10)
                    .ok_or_else(err)?
                    .try_into()
                    .expect("2 bytes"),
            );
            i += 10;
            let mut w = [0f32; N_TAGS];
            for (t, slot) in w.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    let v = i16::from_le_bytes(
                        b.get(i..i + 2)
                            .ok_or_else(err)?
                            .try_into()
                            .expect("2 bytes"),
                    );
                    *slot = v as f32 * scale;
                    i += 2;
                }
            }
            weights.insert(k, w);
        }
        Ok(Model::with_weights(weights))
    }
}

fn best(scores: &[f32; N_TAGS], prev: Tag) -> Tag {
    let mut best = Tag::O;
    let mut best_score = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        let t = Tag::from_index(i);
        if s > best_score && t.may_follow(prev) {
            best = t;
            best_score = s;
        }
    }
    best
}

/// Weights being learnt, with what averaging them needs: each weight's
/// running total and when it last changed.
#[derive(Default)]
struct Averaging {
    weights: Map<[f32; N_TAGS]>,
    totals: Map<[f32; N_TAGS]>,
    stamps: Map<[u32; N_TAGS]>,
}

impl Averaging {
    fn add_scores(&self, s: &mut Scores, feats: &[u64]) {
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                add(s, w);
            }
        }
    }

    fn update(&mut self, truth: Tag, guess: Tag, feats: &[u64], now: u32) {
        for &f in feats {
            let w = self.weights.entry(f).or_insert([0.0; N_TAGS]);
            let tot = self.totals.entry(f).or_insert([0.0; N_TAGS]);
            let ts = self.stamps.entry(f).or_insert([0; N_TAGS]);
            for (t, delta) in [(truth.index(), 1.0f32), (guess.index(), -1.0f32)] {
                tot[t] += (now - ts[t]) as f32 * w[t];
                ts[t] = now;
                w[t] += delta;
            }
        }
    }

    /// Adds the averaged weights at step `now` to `into`.
    fn add_averaged(&self, now: u32, into: &mut Map<[f32; N_TAGS]>) {
        for (f, w) in &self.weights {
            let (tot, ts) = (&self.totals[f], &self.stamps[f]);
            let avg = into.entry(*f).or_insert([0.0; N_TAGS]);
            for t in 0..N_TAGS {
                avg[t] += (tot[t] + (now - ts[t]) as f32 * w[t]) / now.max(1) as f32;
            }
        }
    }
}

/// Averaged-perceptron training state over sentences of several domains
/// (corpora: news, an encyclopaedia), following Daumé III's "frustratingly
/// easy domain adaptation": every feature has a weight shared by all
/// domains and one of each domain's own, a sentence is scored by the shared
/// weights plus its domain's, and the model kept is the shared weights plus
/// those of domain 0 (the domain tagged: news) — what the other domains
/// teach is kept where it holds for news too.
#[derive(Default)]
pub struct Trainer {
    shared: Averaging,
    own: Vec<Averaging>,
    instances: u32,
}

impl Trainer {
    fn scores(&self, feats: &[u64], domain: usize) -> Scores {
        let mut s = [0f32; N_TAGS];
        self.shared.add_scores(&mut s, feats);
        if let Some(own) = self.own.get(domain) {
            own.add_scores(&mut s, feats);
        }
        s
    }

    fn update(&mut self, truth: Tag, guess: Tag, feats: &[u64], domain: usize) {
        self.instances += 1;
        if truth == guess {
            return;
        }
        let now = self.instances;
        self.shared.update(truth, guess, feats, now);
        if self.own.len() <= domain {
            self.own.resize_with(domain + 1, Averaging::default);
        }
        self.own[domain].update(truth, guess, feats, now);
    }

    /// One pass over prepared sentences (in the order given), each with its
    /// domain; returns the share of tokens tagged right during the pass.
    pub fn epoch(&mut self, data: &[(Vec<TokenInfo>, Vec<Tag>, u8)]) -> f64 {
        let (mut right, mut all) = (0usize, 0usize);
        let mut feats = Vec::with_capacity(64);
        for (infos, gold, domain) in data {
            let domain = *domain as usize;
            let (mut prev, mut prev2) = (Tag::O, Tag::O);
            for (i, &gold_tag) in gold.iter().enumerate().take(infos.len()) {
                features(infos, i, prev, prev2, &mut feats);
                let guess = best(&self.scores(&feats, domain), prev);
                let truth = if gold_tag.may_follow(prev) {
                    gold_tag
                } else {
                    fix(gold_tag)
                };
                self.update(truth, guess, &feats, domain);
                right += (guess == gold_tag) as usize;
                all += 1;
                prev2 = prev;
                prev = guess;
            }
        }
        right as f64 / all.max(1) as f64
    }

    /// The averaged model so far, for domain 0 (training may go on afterwards).
    pub fn averaged(&self) -> Model {
        let now = self.instances;
        let mut weights: Map<[f32; N_TAGS]> =
            Map::with_capacity_and_hasher(self.shared.weights.len(), Default::default());
        self.shared.add_averaged(now, &mut weights);
        if let Some(own) = self.own.first() {
            own.add_averaged(now, &mut weights);
        }
        Model::with_weights(weights)
    }
}

/// An I-X that continues nothing is read as B-X.
fn fix(t: Tag) -> Tag {
    match t {
        Tag::I(x) => Tag::B(x),
        t => t,
    }
}
