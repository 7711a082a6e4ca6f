//! CoNLL reading and writing: one `TOKEN [TAG]` per line, blank line between sentences.

use crate::tags::Tag;

/// A sentence: its tokens and, when the file had them, their gold tags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// Tokens as written.
    pub tokens: Vec<String>,
    /// Gold tags (same length as `tokens`), or empty.
    pub tags: Vec<Tag>,
    /// Which corpus (domain) it comes from, for training on several: 0 the
    /// domain the tagger is for (news, as [`read`] gives every sentence),
    /// others as the caller sets them ([`crate::model::Trainer`]).
    pub domain: u8,
}

/// Reads CoNLL text. The first column is the token; the last, when there are
/// two or more, is taken as the gold tag.
pub fn read(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in text.lines() {
        let line = line.trim_start_matches('\u{FEFF}');
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.tokens.push(cols[0].to_string());
        if cols.len() >= 2 {
            cur.tags.push(Tag::parse(cols[cols.len() - 1]));
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    for s in &mut out {
        if s.tags.len() != s.tokens.len() {
            s.tags.clear();
        }
    }
    out
}
