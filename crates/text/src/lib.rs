//! The Arabic text layer of isnad.
//!
//! Every later stage (entities, facts, attribution) matches on what this crate
//! produces, and every result must point back into the document text. So the
//! layer never rewrites the text it is given: it produces *views* of it.
//!
//! * [`normalize`](mod@normalize) — folded matching keys with an offset map back to the text;
//! * [`segment`] — sentence spans;
//! * [`token`] — token spans and clitic analyses with spans for every piece;
//! * [`doc`] — [`Doc`], the analysed document every later stage reads: the
//!   text read once into sentences and tokens with their keys.
//!
//! All offsets are UTF-8 byte offsets ([`Span`]).
#![deny(missing_docs)]

pub mod arabic;
pub mod doc;
pub mod hash;
pub mod keys;
pub mod normalize;
pub mod segment;
mod span;
pub mod token;

pub use doc::{Doc, DocToken, Sentence, Vocabulary};
pub use normalize::{normalize, NormalizeOptions, Normalized};
pub use segment::sentences;
pub use span::Span;
pub use token::{analyze_word, tokens, Token, TokenKind, WordAnalysis};

/// Sentences and tokens of one text, and its matching key.
#[derive(Debug)]
pub struct TextLayer<'a> {
    /// The folded matching key with its offset map.
    pub normalized: Normalized<'a>,
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Token spans, in order.
    pub tokens: Vec<Token>,
}

/// Runs the whole text layer (normalise, segment, tokenise) on `text`.
pub fn analyze(text: &str) -> TextLayer<'_> {
    TextLayer {
        normalized: normalize(text, NormalizeOptions::matching()),
        sentences: sentences(text),
        tokens: tokens(text),
    }
}

/// Number of words in `text` (word and number tokens), as reported to users.
pub fn word_count(text: &str) -> usize {
    let mut words = 0;
    token::for_each_token(text, |t| {
        words += matches!(t.kind, TokenKind::Word | TokenKind::Number) as usize;
    });
    words
}
