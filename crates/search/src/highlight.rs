//! Highlights: where a hit's text matches the query, found with the same
//! analyser, as byte spans of the document's text and UTF-16 offsets.

use isnad_text::{Span, Vocabulary};
use serde::Serialize;

use crate::analyser::{analyse, light_stem};

/// A highlighted span of a hit: bytes of the document's text (of the story's
/// title for a story), and the same in UTF-16 code units for browsers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SnippetSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// First UTF-16 unit.
    pub utf16_start: usize,
    /// One past the last UTF-16 unit.
    pub utf16_end: usize,
}

/// What the query asks for, as sequences of keys per field.
#[derive(Clone, Debug, Default)]
pub struct Wanted {
    /// Sequences of base keys (words field; a token matches by its base or stem).
    pub words: Vec<Vec<String>>,
    /// Sequences of forms as written.
    pub exact: Vec<Vec<String>>,
    /// Sequences of light stems.
    pub light: Vec<Vec<String>>,
}

impl Wanted {
    /// Adds what `other` asks for.
    pub fn merge(&mut self, other: Wanted) {
        self.words.extend(other.words);
        self.exact.extend(other.exact);
        self.light.extend(other.light);
    }
}

/// Bytes of text shown on each side of the first match.
const CONTEXT: usize = 160;

/// The snippet of `text` around its first match, where it is, and every
/// match inside it. `at` is where `text` starts in the document: (bytes,
/// UTF-16 units).
pub fn highlight(
    text: &str,
    wanted: &Wanted,
    vocabulary: &mut Vocabulary,
    at: (usize, usize),
) -> (String, SnippetSpan, Vec<SnippetSpan>) {
    let spans = matches(text, wanted, vocabulary);
    let centre = spans.first().copied().unwrap_or(Span::new(0, 0));
    let start = boundary_before(text, centre.start.saturating_sub(CONTEXT));
    let end = boundary_after(text, (centre.end + CONTEXT).min(text.len()));
    let convert = |s: Span| {
        let u16_start = at.1 + utf16_len(&text[..s.start]);
        SnippetSpan {
            start: at.0 + s.start,
            end: at.0 + s.end,
            utf16_start: u16_start,
            utf16_end: u16_start + utf16_len(s.slice(text)),
        }
    };
    let shown = spans
        .into_iter()
        .filter(|s| s.start >= start && s.end <= end)
        .map(convert)
        .collect();
    (
        text[start..end].to_string(),
        convert(Span::new(start, end)),
        shown,
    )
}

/// Every span of `text` that matches a wanted sequence, in order, not overlapping.
pub fn matches(text: &str, wanted: &Wanted, vocabulary: &mut Vocabulary) -> Vec<Span> {
    let a = analyse(text, &[], vocabulary);
    let positions = a.exact.len();
    let mut words: Vec<Vec<&str>> = vec![Vec::new(); positions];
    for t in &a.words {
        words[t.position].push(t.text.as_str());
    }
    let mut found = Vec::new();
    let mut p = 0;
    while p < positions {
        let fits = |seq: &[String], test: &dyn Fn(usize, &str) -> bool| {
            p + seq.len() <= positions && seq.iter().enumerate().all(|(j, s)| test(p + j, s))
        };
        let word = |q: usize, s: &str| words[q].contains(&s);
        let exact = |q: usize, s: &str| a.exact[q].text == s;
        let light = |q: usize, s: &str| {
            words[q].contains(&s) || words[q].iter().any(|w| light_stem(w) == Some(s))
        };
        let len = wanted
            .words
            .iter()
            .filter(|s| fits(s, &word))
            .chain(wanted.exact.iter().filter(|s| fits(s, &exact)))
            .chain(wanted.light.iter().filter(|s| fits(s, &light)))
            .map(Vec::len)
            .filter(|&n| n > 0)
            .max();
        match len {
            Some(n) => {
                found.push(Span::new(
                    a.exact[p].span.start,
                    a.exact[p + n - 1].span.end,
                ));
                p += n;
            }
            None => p += 1,
        }
    }
    found
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The start of the word at or after byte `i` (the text's start for 0).
fn boundary_before(text: &str, i: usize) -> usize {
    if i == 0 {
        return 0;
    }
    let mut i = i;
    while !text.is_char_boundary(i) {
        i += 1;
    }
    match text[i..].find(char::is_whitespace) {
        Some(w) if w < 40 => {
            let j = i + w;
            j + text[j..].chars().next().map_or(0, char::len_utf8)
        }
        _ => i,
    }
}

/// The end of the word at or before byte `i`.
fn boundary_after(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    if i == text.len() {
        return i;
    }
    match text[..i].rfind(char::is_whitespace) {
        Some(w) if i - w < 40 => w,
        _ => i,
    }
}
