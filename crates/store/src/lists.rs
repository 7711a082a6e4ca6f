//! Lists kept in one BLOB column: a document's mentions, an entity's
//! mentions. They are written and read whole, so one row per list instead
//! of one row per item spares SQLite a row, an index entry and a foreign-key
//! check per mention.
//!
//! Layout: a format byte ([`FORMAT`]), then each item's fields in order.
//! Numbers are unsigned LEB128; a string is its byte length then its UTF-8
//! bytes; an optional string is 0 when absent, else its length + 1 then
//! its bytes.

use crate::MentionRow;

/// The layout version written first in every list.
const FORMAT: u8 = 1;

/// An entity's mention: (document id, start, end, text).
pub type EntityMention = (String, usize, usize, String);

struct Writer(Vec<u8>);

impl Writer {
    fn new() -> Writer {
        Writer(vec![FORMAT])
    }

    fn number(&mut self, mut n: u64) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(low);
                return;
            }
            self.0.push(low | 0x80);
        }
    }

    fn text(&mut self, s: &str) {
        self.number(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn optional(&mut self, s: Option<&str>) {
        match s {
            None => self.number(0),
            Some(s) => {
                self.number(s.len() as u64 + 1);
                self.0.extend_from_slice(s.as_bytes());
            }
        }
    }
}

/// Reads a list; every method is `None` on a damaged list.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn new(b: &'a [u8]) -> Option<Reader<'a>> {
        match b.split_first() {
            Some((&FORMAT, rest)) => Some(Reader(rest)),
            _ => None,
        }
    }

    fn is_done(&self) -> bool {
        self.0.is_empty()
    }

    fn number(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.0.split_first()?;
            self.0 = rest;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn size(&mut self) -> Option<usize> {
        usize::try_from(self.number()?).ok()
    }

    fn bytes(&mut self, len: usize) -> Option<String> {
        if len > self.0.len() {
            return None;
        }
        let (s, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8(s.to_vec()).ok()
    }

    fn text(&mut self) -> Option<String> {
        let len = self.size()?;
        self.bytes(len)
    }

    fn optional(&mut self) -> Option<Option<String>> {
        match self.size()? {
            0 => Some(None),
            len => self.bytes(len - 1).map(Some),
        }
    }
}

/// A document's mentions as one list.
pub fn encode_mentions<'a>(mentions: impl IntoIterator<Item = &'a MentionRow>) -> Vec<u8> {
    let mut w = Writer::new();
    for m in mentions {
        w.number(m.start as u64);
        w.number(m.end as u64);
        w.text(&m.text);
        w.text(&m.kind);
        w.text(&m.found);
        w.optional(m.gazetteer_id.as_deref());
    }
    w.0
}

/// The mentions of a list [`encode_mentions`] wrote; `None` when damaged.
pub fn decode_mentions(b: &[u8]) -> Option<Vec<MentionRow>> {
    let mut r = Reader::new(b)?;
    let mut out = Vec::new();
    while !r.is_done() {
        out.push(MentionRow {
            start: r.size()?,
            end: r.size()?,
            text: r.text()?,
            kind: r.text()?,
            found: r.text()?,
            gazetteer_id: r.optional()?,
        });
    }
    Some(out)
}

/// An entity's mentions as one list.
pub fn encode_entity_mentions<'a>(
    mentions: impl IntoIterator<Item = &'a EntityMention>,
) -> Vec<u8> {
    let mut w = Writer::new();
    for (doc, start, end, text) in mentions {
        w.text(doc);
        w.number(*start as u64);
        w.number(*end as u64);
        w.text(text);
    }
    w.0
}

/// The mentions of a list [`encode_entity_mentions`] wrote; `None` when damaged.
pub fn decode_entity_mentions(b: &[u8]) -> Option<Vec<EntityMention>> {
    let mut r = Reader::new(b)?;
    let mut out = Vec::new();
    while !r.is_done() {
        out.push((r.text()?, r.size()?, r.size()?, r.text()?));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn mention() -> impl Strategy<Value = MentionRow> {
        (
            any::<u32>(),
            any::<u64>(),
            ".{0,12}",
            "person|organization|location|other",
            "[a-z]{0,10}",
            proptest::option::of(".{0,8}"),
        )
            .prop_map(|(start, end, text, kind, found, gazetteer_id)| MentionRow {
                start: start as usize,
                end: end as usize,
                text,
                kind,
                found,
                gazetteer_id,
            })
    }

    proptest! {
        #[test]
        fn document_mentions_read_back_as_written(ms in proptest::collection::vec(mention(), 0..20)) {
            prop_assert_eq!(decode_mentions(&encode_mentions(&ms)), Some(ms));
        }

        #[test]
        fn entity_mentions_read_back_as_written(
            ms in proptest::collection::vec(("[0-9a-f]{16}", any::<u64>(), any::<u16>(), ".{0,12}"), 0..20)
        ) {
            let ms: Vec<EntityMention> = ms
                .into_iter()
                .map(|(d, s, e, t)| (d, s as usize, e as usize, t))
                .collect();
            prop_assert_eq!(decode_entity_mentions(&encode_entity_mentions(&ms)), Some(ms));
        }

        #[test]
        fn a_cut_or_damaged_list_is_refused_or_read_without_panicking(
            ms in proptest::collection::vec(mention(), 1..5),
            cut in any::<prop::sample::Index>(),
            flip in any::<prop::sample::Index>(),
        ) {
            let list = encode_mentions(&ms);
            let short = &list[..cut.index(list.len())];
            prop_assert_ne!(decode_mentions(short), Some(ms.clone()));
            let mut damaged = list.clone();
            let at = flip.index(damaged.len());
            damaged[at] ^= 0xff;
            let _ = decode_mentions(&damaged);
        }
    }

    #[test]
    fn lists_of_another_format_are_refused() {
        assert_eq!(decode_mentions(&[]), None);
        assert_eq!(decode_mentions(&[FORMAT + 1]), None);
        assert_eq!(decode_entity_mentions(&[0]), None);
        assert_eq!(decode_mentions(&[FORMAT]), Some(Vec::new()));
    }
}
