//! [`Doc`], the analysed document: one text read once into sentences and
//! tokens, each token with its matching keys and clitic split.
//!
//! Every stage after ingest (the tagger's features, the mention finder, the
//! fact reader, story signals, the search analyser) reads a `Doc` instead of
//! tokenising the text again. The keys of a word are a function of its
//! spelling alone, so they are computed once per distinct word in a
//! [`Vocabulary`] that the caller owns and passes in (one per worker), not in
//! a hidden per-thread cache.

use std::ops::Range;
use std::sync::Arc;

use crate::hash::{FastMap, WordKey};
use crate::keys::{key, WordKeys};
use crate::token::{for_each_token, Token, TokenKind};
use crate::{sentences, Span};

/// The keys of every distinct token spelling seen so far, computed once each.
///
/// A `Vocabulary` is a plain value: a pipeline keeps one per worker and passes
/// it to [`Doc::new`]; dropping it frees what it learnt. It holds at most
/// [`Vocabulary::MAX_WORDS`] spellings and starts afresh past that.
pub struct Vocabulary {
    keys: FastMap<WordKey, (TokenKind, Arc<WordKeys>)>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary::new()
    }
}

impl Vocabulary {
    /// Distinct spellings a vocabulary keeps before it starts afresh.
    pub const MAX_WORDS: usize = 1 << 17;

    /// An empty vocabulary.
    pub fn new() -> Vocabulary {
        Vocabulary {
            keys: crate::hash::word_cache(),
        }
    }

    /// How many distinct spellings it holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys of the token `raw` of kind `kind`: [`WordKeys::of`] for a
    /// word, the loose [`key`] (no clitics) for any other token.
    pub fn keys_of(&mut self, raw: &str, kind: TokenKind) -> Arc<WordKeys> {
        match self.keys.get(raw.as_bytes()) {
            Some((known, k)) if *known == kind => k.clone(),
            Some(_) => Arc::new(keys_of_token(raw, kind)),
            None => {
                let k = Arc::new(keys_of_token(raw, kind));
                crate::hash::remember(&mut self.keys, raw, (kind, k.clone()));
                k
            }
        }
    }
}

fn keys_of_token(raw: &str, kind: TokenKind) -> WordKeys {
    if kind == TokenKind::Word {
        return WordKeys::of(raw);
    }
    let k: Arc<str> = Arc::from(key(raw));
    WordKeys {
        norm: k.clone(),
        stem: k.clone(),
        base: k,
        stem_offset: 0,
        name_offset: 0,
        clitics: 0,
    }
}

/// One token of a [`Doc`]: where it is, what it is, and its keys.
#[derive(Clone, Debug)]
pub struct DocToken {
    /// Where the token is, in bytes of the document's text.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
    /// Its matching keys and clitic split (shared by every token of the same spelling).
    pub keys: Arc<WordKeys>,
}

impl DocToken {
    /// The token as written.
    pub fn text<'d>(&self, doc: &'d Doc) -> &'d str {
        self.span.slice(&doc.text)
    }

    /// Where the token's stem starts (after its proclitics and article), in
    /// bytes of the document's text.
    pub fn stem_start(&self) -> usize {
        self.span.start + self.keys.stem_offset
    }

    /// Where a name written with this token starts (after و/ف/ب/ل/ك, at the
    /// article when it is written in full), in bytes of the document's text.
    pub fn name_start(&self) -> usize {
        self.span.start + self.keys.name_offset
    }

    /// Whether the token is a word (letters), not a number or punctuation.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// One sentence of a [`Doc`]: its span and which tokens it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Where the sentence is, in bytes of the document's text.
    pub span: Span,
    /// Its tokens, as indices into [`Doc::tokens`].
    pub tokens: Range<usize>,
}

/// The analysed document: the text with its sentences and tokens, each
/// token carrying its keys. Made once per text ([`Doc::new`]), it owns (a
/// shared copy of) the text, so it can travel between the stages of a run;
/// every span is a byte span into [`Doc::text`].
#[derive(Clone, Debug)]
pub struct Doc {
    text: Arc<str>,
    sentences: Vec<Sentence>,
    tokens: Vec<DocToken>,
}

impl Doc {
    /// Reads `text` once: sentence spans ([`sentences`]) and the tokens of
    /// each sentence, with their keys from `vocabulary`.
    ///
    /// ```
    /// use isnad_text::doc::{Doc, Vocabulary};
    /// let text = "قال الوزير. وقُتل ٣ أشخاص";
    /// let doc = Doc::new(text, &mut Vocabulary::new());
    /// assert_eq!(doc.sentences().len(), 2);
    /// let words: Vec<&str> = doc.sentence_tokens(1).iter().map(|t| t.text(&doc)).collect();
    /// assert_eq!(words, ["وقُتل", "٣", "أشخاص"]);
    /// assert_eq!(&*doc.sentence_tokens(1)[0].keys.stem, "قتل");
    /// ```
    pub fn new(text: impl Into<Arc<str>>, vocabulary: &mut Vocabulary) -> Doc {
        let text: Arc<str> = text.into();
        let spans = sentences(&text);
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let mut out = Vec::with_capacity(spans.len());
        for span in spans {
            let first = tokens.len();
            for_each_token(span.slice(&text), |t: Token| {
                let span = t.span.shift(span.start);
                let keys = vocabulary.keys_of(span.slice(&text), t.kind);
                tokens.push(DocToken {
                    span,
                    kind: t.kind,
                    keys,
                });
            });
            out.push(Sentence {
                span,
                tokens: first..tokens.len(),
            });
        }
        Doc {
            text,
            sentences: out,
            tokens,
        }
    }

    /// Where `part` (without its outer spaces) is first written in the text;
    /// `None` when it is not, or is empty (a headline in its article).
    pub fn find(&self, part: &str) -> Option<Span> {
        let part = part.trim();
        let at = self.text.find(part).filter(|_| !part.is_empty())?;
        Some(Span::new(at, at + part.len()))
    }

    /// The document's text; every span of the `Doc` indexes into it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The sentences, in order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The sentence spans, in order.
    pub fn sentence_spans(&self) -> impl ExactSizeIterator<Item = Span> + '_ {
        self.sentences.iter().map(|s| s.span)
    }

    /// Every token, in order.
    pub fn tokens(&self) -> &[DocToken] {
        &self.tokens
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[DocToken] {
        &self.tokens[self.sentences[i].tokens.clone()]
    }

    /// Number of words (word and number tokens), as reported to users.
    pub fn word_count(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{CONJUNCTION, PREPOSITION};

    const TEXT: &str =
        "وقال المتحدث باسم الشرطة إن 12 شخصاً قُتلوا. وأضاف: «لا صحة للأنباء».\n\nالقاهرة";

    #[test]
    fn tokens_are_those_of_each_sentence_with_exact_spans() {
        let doc = Doc::new(TEXT, &mut Vocabulary::new());
        let mut expected = Vec::new();
        for s in sentences(TEXT) {
            for_each_token(s.slice(TEXT), |t| {
                expected.push((t.span.shift(s.start), t.kind))
            });
        }
        let got: Vec<(Span, TokenKind)> = doc.tokens().iter().map(|t| (t.span, t.kind)).collect();
        assert_eq!(got, expected);
        for (i, s) in doc.sentences().iter().enumerate() {
            assert!(doc
                .sentence_tokens(i)
                .iter()
                .all(|t| s.span.contains(t.span)));
        }
        assert_eq!(doc.sentences().len(), 3);
        assert_eq!(doc.word_count(), crate::word_count(TEXT));
    }

    #[test]
    fn keys_and_clitic_splits_point_into_the_text() {
        let doc = Doc::new(TEXT, &mut Vocabulary::new());
        let wa_qala = &doc.tokens()[0];
        assert_eq!(wa_qala.text(&doc), "وقال");
        assert_eq!(&TEXT[wa_qala.stem_start()..wa_qala.span.end], "قال");
        assert_eq!(wa_qala.keys.clitics, CONJUNCTION);
        let lil = doc
            .tokens()
            .iter()
            .find(|t| t.text(&doc) == "للأنباء")
            .unwrap();
        assert_eq!((&*lil.keys.stem, &*lil.keys.base), ("انباء", "الانباء"));
        assert_ne!(lil.keys.clitics & PREPOSITION, 0);
        let twelve = doc
            .tokens()
            .iter()
            .find(|t| t.kind == TokenKind::Number)
            .unwrap();
        assert_eq!((twelve.text(&doc), &*twelve.keys.stem), ("12", "12"));
        assert_eq!(twelve.name_start(), twelve.span.start);
    }

    #[test]
    fn a_vocabulary_gives_what_computing_gives_and_shares_repeated_words() {
        let mut vocabulary = Vocabulary::new();
        let doc = Doc::new("الشرطة والشرطة الشرطة ، ١٢", &mut vocabulary);
        let t = doc.tokens();
        assert!(Arc::ptr_eq(&t[0].keys, &t[2].keys));
        assert_eq!(*t[1].keys, WordKeys::of("والشرطة"));
        assert_eq!(&*t[3].keys.norm, "،");
        assert_eq!(&*t[4].keys.norm, "12");
        assert_eq!(vocabulary.len(), 4);
    }
}
