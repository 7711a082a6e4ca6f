//! How the analyser's terms cross into tantivy: each analysed field of an
//! entry is written as one *term list* — token positions separated by
//! spaces, the terms of one position by `|` (an empty slot is a position
//! without a term) — and the index reads it back with [`TermListTokenizer`],
//! registered as [`TERM_LIST`]. The terms keep their positions (phrases
//! match as the analyser read them); tantivy keeps no offsets of them
//! (highlights are found in the text itself, [`crate::highlight`]).
//!
//! tantivy's own way in, a pre-tokenized string, is turned into JSON and
//! parsed back inside tantivy for every document: that cost two thirds of
//! indexing (BENCHMARKS.md, "Search").

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::analyser::Term;

/// The name the term-list tokenizer is registered under.
pub const TERM_LIST: &str = "isnad_terms";

/// Separates positions in a term list.
const NEXT_POSITION: char = ' ';
/// Separates the terms of one position.
const SAME_POSITION: char = '|';

/// The term list of `terms` (in position order, as the analyser gives
/// them). A term holding a separator is left out: the analyser's keys are
/// of single tokens and never do, so no query could ask for one.
pub fn term_list(terms: &[Term]) -> String {
    let mut out = String::new();
    let mut position = 0;
    let mut first_at_position = true;
    for t in terms {
        if t.text.is_empty() || t.text.contains([NEXT_POSITION, SAME_POSITION]) {
            continue;
        }
        while position < t.position {
            out.push(NEXT_POSITION);
            position += 1;
            first_at_position = true;
        }
        if !first_at_position {
            out.push(SAME_POSITION);
        }
        out.push_str(&t.text);
        first_at_position = false;
    }
    out
}

/// Reads a term list back: each term at its position.
#[derive(Clone, Copy, Debug, Default)]
pub struct TermListTokenizer;

impl Tokenizer for TermListTokenizer {
    type TokenStream<'a> = TermListStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermListStream<'a> {
        TermListStream {
            rest: text,
            at: 0,
            position: 0,
            token: Token::default(),
        }
    }
}

/// The terms of one term list, in order.
pub struct TermListStream<'a> {
    /// What is left to read.
    rest: &'a str,
    /// Where `rest` starts in the list.
    at: usize,
    /// The position of the next term.
    position: usize,
    token: Token,
}

impl TokenStream for TermListStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some(c) = self.rest.chars().next() else {
                return false;
            };
            if c == NEXT_POSITION || c == SAME_POSITION {
                if c == NEXT_POSITION {
                    self.position += 1;
                }
                self.rest = &self.rest[1..];
                self.at += 1;
                continue;
            }
            let len = self
                .rest
                .find([NEXT_POSITION, SAME_POSITION])
                .unwrap_or(self.rest.len());
            self.token.text.clear();
            self.token.text.push_str(&self.rest[..len]);
            self.token.position = self.position;
            self.token.offset_from = self.at;
            self.token.offset_to = self.at + len;
            self.token.position_length = 1;
            self.rest = &self.rest[len..];
            self.at += len;
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::Span;

    fn term(text: &str, position: usize) -> Term {
        Term {
            text: text.into(),
            position,
            span: Span::new(0, 0),
        }
    }

    fn read_back(list: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut tokenizer = TermListTokenizer;
        let mut stream = tokenizer.token_stream(list);
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position));
        }
        out
    }

    #[test]
    fn terms_come_back_at_their_positions_with_gaps_and_alternatives() {
        let terms = [
            term("قالت", 0),
            term("الشرطه", 1),
            term("شرطه", 1),
            term("مسلح", 4),
            term("12", 5),
        ];
        let list = term_list(&terms);
        assert_eq!(list, "قالت الشرطه|شرطه   مسلح 12");
        let expected: Vec<(String, usize)> =
            terms.iter().map(|t| (t.text.clone(), t.position)).collect();
        assert_eq!(read_back(&list), expected);
    }

    #[test]
    fn a_list_that_starts_late_or_is_empty_reads_right() {
        assert_eq!(
            read_back(&term_list(&[term("e1", 3)])),
            [("e1".to_string(), 3)]
        );
        assert!(read_back(&term_list(&[])).is_empty());
    }

    #[test]
    fn a_term_holding_a_separator_is_left_out_and_moves_nothing() {
        let list = term_list(&[term("a|b", 0), term("c", 1), term("d e", 1)]);
        assert_eq!(read_back(&list), [("c".to_string(), 1)]);
    }

    #[test]
    fn any_text_reads_without_panic_and_every_token_slices_the_list() {
        for text in ["", " ", "||", " | a", "ا|ب ج", "\u{200f}x y|", "٣٠ | |  z"] {
            let mut tokenizer = TermListTokenizer;
            let mut stream = tokenizer.token_stream(text);
            while let Some(t) = stream.next() {
                assert_eq!(&text[t.offset_from..t.offset_to], t.text);
                assert!(!t.text.is_empty());
            }
        }
    }
}
