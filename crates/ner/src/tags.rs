//! IOB tags and entity spans.

use std::fmt;

/// Entity types of the tagger (ANERcorp's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Person,
    /// A location.
    Location,
    /// An organisation.
    Organization,
    /// Anything else named (events, products, nationalities...).
    Misc,
}

impl EntityType {
    /// All types.
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Location,
        EntityType::Organization,
        EntityType::Misc,
    ];

    /// The CoNLL label (`PERS`, `LOC`, `ORG`, `MISC`).
    pub fn label(&self) -> &'static str {
        match self {
            EntityType::Person => "PERS",
            EntityType::Location => "LOC",
            EntityType::Organization => "ORG",
            EntityType::Misc => "MISC",
        }
    }

    /// Reads a CoNLL label (also AQMAR's `PER`).
    pub fn from_label(s: &str) -> Option<EntityType> {
        match s {
            "PERS" | "PER" => Some(EntityType::Person),
            "LOC" => Some(EntityType::Location),
            "ORG" => Some(EntityType::Organization),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

/// One IOB tag: `O`, or the beginning or inside of an entity of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(EntityType),
    /// Later token of an entity.
    I(EntityType),
}

/// Number of distinct tags.
pub const N_TAGS: usize = 9;

impl Tag {
    /// Dense index 0..N_TAGS.
    pub fn index(&self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(t) => 1 + 2 * (*t as usize),
            Tag::I(t) => 2 + 2 * (*t as usize),
        }
    }

    /// The tag at a dense index.
    pub fn from_index(i: usize) -> Tag {
        if i == 0 {
            return Tag::O;
        }
        let t = EntityType::ALL[(i - 1) / 2];
        if (i - 1).is_multiple_of(2) {
            Tag::B(t)
        } else {
            Tag::I(t)
        }
    }

    /// Reads `O`, `B-LOC`, `I-PERS`...; unknown labels are `O`.
    pub fn parse(s: &str) -> Tag {
        let (bi, ty) = match s.split_once('-') {
            Some(p) => p,
            None => return Tag::O,
        };
        match (bi, EntityType::from_label(ty)) {
            ("B", Some(t)) => Tag::B(t),
            ("I", Some(t)) => Tag::I(t),
            _ => Tag::O,
        }
    }

    /// The entity type, if any.
    pub fn entity_type(&self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(*t),
        }
    }

    /// Whether this tag may follow `prev` (an I-X continues a B-X or I-X).
    pub fn may_follow(&self, prev: Tag) -> bool {
        match self {
            Tag::I(t) => prev.entity_type() == Some(*t),
            _ => true,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(t) => write!(f, "B-{}", t.label()),
            Tag::I(t) => write!(f, "I-{}", t.label()),
        }
    }
}

/// An entity found in a sequence of tokens: tokens `start..end` and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Its type.
    pub kind: EntityType,
}

/// Entity spans of a tag sequence. A span starts at a B-X, or at an I-X that
/// does not continue an X (the IOB1 reading ANERcorp's README uses), and runs
/// over the I-X after it.
pub fn spans(tags: &[Tag]) -> Vec<TokenSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(kind) = tags[i].entity_type() else {
            i += 1;
            continue;
        };
        let start = i;
        i += 1;
        while i < tags.len() && tags[i] == Tag::I(kind) {
            i += 1;
        }
        out.push(TokenSpan {
            start,
            end: i,
            kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for i in 0..N_TAGS {
            let t = Tag::from_index(i);
            assert_eq!(t.index(), i);
            assert_eq!(Tag::parse(&t.to_string()), t);
        }
    }

    #[test]
    fn spans_read_iob1_and_iob2() {
        let tags: Vec<Tag> = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "B-ORG"]
            .iter()
            .map(|s| Tag::parse(s))
            .collect();
        let got: Vec<(usize, usize, &str)> = spans(&tags)
            .iter()
            .map(|s| (s.start, s.end, s.kind.label()))
            .collect();
        assert_eq!(
            got,
            [(0, 2, "PERS"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "ORG")]
        );
    }
}
