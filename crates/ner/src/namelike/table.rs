//! The letter-trigram table of the name-likeness models: trained from the
//! name lists and the general word list, and written as bytes. The build
//! script (`build.rs`) trains it once and the tagger reads the bytes
//! ([`Joint::from_bytes`]); tests train it again and compare.

use isnad_gazetteer::{gazetteer, key, NameClass};
use isnad_text::token::general_words;

pub const START: char = '^';
pub const END: char = '$';
/// The size of the alphabet the smoothing assumes.
const LETTERS: f32 = 40.0;

/// The log-probability of a letter seen `t` times after a context seen `n`
/// times (add-k smoothing over seen contexts).
pub fn log_prob(t: f32, n: f32) -> f32 {
    ((t + 0.1) / (n + 0.1 * LETTERS)).ln()
}

/// The models, as indices into the arrays of [`Joint`].
const GENERAL: usize = 0;
const PERSON: usize = 1;
const PLACE: usize = 2;

/// Feeds every training word (a key) to `add(model, word, weight)`, each
/// model's words in the order its counts are summed.
pub fn training_words(mut add: impl FnMut(usize, &str, f32)) {
    let g = gazetteer();
    for (k, class) in g.transliterated_names() {
        match class {
            NameClass::Person => add(PERSON, k, 1.0),
            NameClass::Location => add(PLACE, k, 1.0),
            NameClass::Organization => {}
        }
    }
    for (k, _) in g.person_names() {
        add(PERSON, k, 1.0);
    }
    for e in g.entries() {
        for n in &e.names_ar {
            for w in key(n).split(' ') {
                add(PLACE, w, 0.5);
            }
        }
    }
    for (w, zipf) in general_words() {
        // Common words count more, but not by their raw frequency (a
        // model of word types, like the name lists).
        add(
            GENERAL,
            &key(w),
            1.0 + (zipf.saturating_sub(25) as f32) / 10.0,
        );
    }
}

/// The letters of the training words (a few dozen after key folding) and
/// the start and end marks, numbered from 0; every other letter has the
/// next number, which no training word has, so it is unseen in every model.
pub struct Alphabet {
    /// By code point below [`DIRECT`] (Latin, Arabic): number + 1, or 0.
    direct: Vec<u8>,
    /// Letters at or above [`DIRECT`], with their number.
    others: Vec<(char, u8)>,
    /// Letters in the alphabet; also the number of every other letter.
    len: usize,
}

/// Code points below this are numbered through a table.
const DIRECT: usize = 0x0800;

impl Alphabet {
    /// The start and end marks, numbered 0 and 1.
    fn new() -> Alphabet {
        let mut a = Alphabet {
            direct: vec![0; DIRECT],
            others: Vec::new(),
            len: 0,
        };
        a.number_or_add(START);
        a.number_or_add(END);
        a
    }

    /// The number of letter `c`, numbering it next when it has none yet.
    fn number_or_add(&mut self, c: char) -> usize {
        let n = self.number(c);
        if n < self.len {
            return n;
        }
        // Numbers and number + 1 fit a byte (the table is built into the binary: a test trains it).
        let next = u8::try_from(self.len + 1).expect("fewer than 255 letters in the name models");
        match self.direct.get_mut(c as usize) {
            Some(slot) => *slot = next,
            None => self.others.push((c, next - 1)),
        }
        self.len += 1;
        n
    }

    /// The number of letter `c` (`self.len` for letters outside the alphabet).
    fn number(&self, c: char) -> usize {
        match self.direct.get(c as usize) {
            Some(&n) if n > 0 => n as usize - 1,
            Some(_) => self.len,
            None => self
                .others
                .iter()
                .find(|o| o.0 == c)
                .map_or(self.len, |o| o.1 as usize),
        }
    }

    /// Numbers a letter can have (the letters and "any other").
    pub fn size(&self) -> usize {
        self.len + 1
    }
}

/// The three models' log-probabilities side by side (general, person,
/// place) for every trigram of the alphabet, so a letter costs one lookup
/// in a small dense table.
pub struct Joint {
    pub letters: Alphabet,
    /// By trigram number (`(a * size + b) * size + c`).
    pub log_probs: Vec<[f32; 3]>,
}

impl Joint {
    /// Counts the training words of every model in one pass, numbering
    /// their letters as they come.
    pub fn train() -> Joint {
        Joint::train_from(64)
    }

    /// [`Joint::train`], counting in a table laid out for `stride` letters
    /// at first (any power of two gives the same table).
    pub fn train_from(stride: usize) -> Joint {
        let mut letters = Alphabet::new();
        let mut counts = Counts::new(stride);
        let start = letters.number(START);
        training_words(|model, word, weight| {
            let (mut a, mut b) = (start, start);
            for c in word.chars().chain(std::iter::once(END)) {
                let c = letters.number_or_add(c);
                // Room for every letter and "any other letter" (the last number).
                counts.fit(letters.size());
                counts.add(a, b, c, model, weight);
                a = b;
                b = c;
            }
        });
        let size = letters.size();
        let mut log_probs = Vec::with_capacity(size * size * size);
        for a in 0..size {
            for b in 0..size {
                let n = counts.bi[a * counts.stride + b];
                for c in 0..size {
                    let t = counts.tri[(a * counts.stride + b) * counts.stride + c];
                    log_probs.push([0, 1, 2].map(|m| log_prob(t[m], n[m])));
                }
            }
        }
        Joint { letters, log_probs }
    }

    /// The table as bytes (little-endian): the alphabet (its length, the
    /// direct numbers, the other letters with theirs), then the
    /// log-probabilities, three `f32` per trigram.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(DIRECT + 16 + self.log_probs.len() * 12);
        out.extend_from_slice(&(self.letters.len as u32).to_le_bytes());
        out.extend_from_slice(&self.letters.direct);
        out.extend_from_slice(&(self.letters.others.len() as u32).to_le_bytes());
        for &(c, n) in &self.letters.others {
            out.extend_from_slice(&(c as u32).to_le_bytes());
            out.push(n);
        }
        out.extend_from_slice(&(self.log_probs.len() as u32).to_le_bytes());
        for p in &self.log_probs {
            for x in p {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Reads what [`Joint::to_bytes`] wrote.
    pub fn from_bytes(b: &[u8]) -> Result<Joint, String> {
        let damaged = || "damaged name-likeness table".to_string();
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8], String> {
            let s = b.get(at..at + n).ok_or_else(damaged)?;
            at += n;
            Ok(s)
        };
        let u32_of = |s: &[u8]| u32::from_le_bytes(s.try_into().expect("4 bytes"));
        let len = u32_of(take(4)?) as usize;
        let direct = take(DIRECT)?.to_vec();
        let others_len = u32_of(take(4)?) as usize;
        let mut others = Vec::with_capacity(others_len);
        for _ in 0..others_len {
            let c = char::from_u32(u32_of(take(4)?)).ok_or_else(damaged)?;
            others.push((c, take(1)?[0]));
        }
        let cells = u32_of(take(4)?) as usize;
        let size = len + 1;
        if cells != size * size * size {
            return Err(damaged());
        }
        let raw = take(cells * 12)?;
        let log_probs = raw
            .chunks_exact(12)
            .map(|c| {
                let f = |i: usize| f32::from_le_bytes(c[i..i + 4].try_into().expect("4 bytes"));
                [f(0), f(4), f(8)]
            })
            .collect();
        if at != b.len() {
            return Err(damaged());
        }
        Ok(Joint {
            letters: Alphabet {
                direct,
                others,
                len,
            },
            log_probs,
        })
    }

    /// Each model's log-probability of each letter of `word` (and its end)
    /// given the two before it: general, person, place.
    #[cfg(test)]
    pub fn log_probs(&self, word: &str) -> [Vec<f32>; 3] {
        let mut out: [Vec<f32>; 3] = Default::default();
        each_trigram(&self.letters, word, |abc, _| {
            for (o, &x) in out.iter_mut().zip(&self.log_probs[abc]) {
                o.push(x);
            }
        });
        out
    }
}

/// Trigram and bigram counts of the three models while the alphabet grows:
/// laid out for `stride` letters (a power of two), and moved to a table
/// twice as wide when a new letter needs it. Each count is the same sum,
/// in the same order, whatever the layout.
struct Counts {
    stride: usize,
    /// By `(a * stride + b) * stride + c`.
    tri: Vec<[f32; 3]>,
    /// By `a * stride + b`.
    bi: Vec<[f32; 3]>,
}

impl Counts {
    fn new(stride: usize) -> Counts {
        Counts {
            stride,
            tri: vec![[0.0; 3]; stride * stride * stride],
            bi: vec![[0.0; 3]; stride * stride],
        }
    }

    /// Makes room for letters numbered below `letters`.
    fn fit(&mut self, letters: usize) {
        if letters <= self.stride {
            return;
        }
        let mut wider = Counts::new(self.stride * 2);
        while wider.stride < letters {
            wider = Counts::new(wider.stride * 2);
        }
        let (old, new) = (self.stride, wider.stride);
        for a in 0..old {
            for b in 0..old {
                wider.bi[a * new + b] = self.bi[a * old + b];
                for c in 0..old {
                    wider.tri[(a * new + b) * new + c] = self.tri[(a * old + b) * old + c];
                }
            }
        }
        *self = wider;
    }

    fn add(&mut self, a: usize, b: usize, c: usize, model: usize, weight: f32) {
        let ab = a * self.stride + b;
        self.tri[ab * self.stride + c][model] += weight;
        self.bi[ab][model] += weight;
    }
}

/// Each letter of a word (and its end) with the two before it, as numbers
/// of `letters`: `f(trigram, bigram)`.
pub fn each_trigram(letters: &Alphabet, word: &str, mut f: impl FnMut(usize, usize)) {
    let size = letters.size();
    let mut a = letters.number(START);
    let mut b = a;
    for c in word.chars().chain(std::iter::once(END)) {
        let c = letters.number(c);
        let ab = a * size + b;
        f(ab * size + c, ab);
        a = b;
        b = c;
    }
}
