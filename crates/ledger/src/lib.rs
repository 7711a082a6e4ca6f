//! The ledger export, version 1: `docs/ledger-v1.md` in this repository (a
//! copy of the project's `shared/spec/ledger-v1.md`, the contract).
//!
//! These types are the public contract: fields may be added, none renamed,
//! dropped or changed in meaning without a new [`SCHEMA`] value. All offsets
//! are UTF-8 byte offsets into the document's `text` (mentions, facts) or
//! into the decoded input (`removed`). The closed vocabularies of the
//! contract (entity types, fact kinds, cluster statuses) are enums whose
//! serde names are the v1 strings; a value outside them is an error where it
//! is read ([`UnknownValue`]), never a default.
//!
//! This crate is the bottom of the pipeline: it must not depend on the store
//! or on any analysis; those map their data to these types.
#![deny(missing_docs)]

use serde::{Deserialize, Serialize};

mod vocabulary;

pub use vocabulary::{EntityType, Kind, Status, UnknownValue};

/// The schema name written in every export.
pub const SCHEMA: &str = "isnad.ledger.v1";

/// The whole ledger.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Ledger {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Documents, in the order they were added.
    pub documents: Vec<Document>,
    /// Linked entities.
    pub entities: Vec<Entity>,
    /// Claims, one per document statement.
    pub facts: Vec<Fact>,
    /// Facts grouped by happening.
    pub clusters: Vec<Cluster>,
    /// Documents grouped by the happening they report (an addition to v1).
    #[serde(default)]
    pub stories: Vec<Story>,
}

impl Default for Ledger {
    /// An empty ledger of schema [`SCHEMA`].
    fn default() -> Ledger {
        Ledger {
            schema: SCHEMA.to_string(),
            documents: Vec::new(),
            entities: Vec::new(),
            facts: Vec::new(),
            clusters: Vec::new(),
            stories: Vec::new(),
        }
    }
}

/// A document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Document {
    /// Stable id (same input bytes, same id).
    pub id: String,
    /// File name as given, `file.jsonl:LINE`, or URL.
    pub source: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication.
    pub outlet: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// `YYYY-MM-DD` (Gregorian).
    pub published: Option<String>,
    /// The article text; every offset in the ledger indexes into it.
    pub text: String,
    /// Byte ranges of the decoded input that were dropped, with why.
    pub removed: Vec<RemovedRange>,
    /// An earlier document this one nearly repeats.
    pub near_duplicate_of: Option<String>,
    /// Source URL, when the page states one (an addition to v1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A dropped range of the input.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct RemovedRange {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `comments`, `navigation`, `related-links`, ...
    pub reason: String,
}

/// A linked entity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    /// Stable id.
    pub id: String,
    /// `person` / `organization` / `location` / `other`.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Display name (Arabic script).
    pub name: String,
    /// Latin-script name where known.
    pub name_latin: Option<String>,
    /// Every distinct surface form seen.
    pub variants: Vec<String>,
    /// Where it is mentioned.
    pub mentions: Vec<Mention>,
}

/// One mention of an entity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Mention {
    /// Document id.
    pub doc: String,
    /// First byte in the document's text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Exactly `text[start..end]`.
    pub text: String,
}

/// One claim made in one document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Fact {
    /// Stable id.
    pub id: String,
    /// Event kind.
    pub kind: Kind,
    /// Document id.
    pub doc: String,
    /// Evidence start (byte).
    pub start: usize,
    /// Evidence end (byte).
    pub end: usize,
    /// Exactly `text[start..end]`.
    pub evidence: String,
    /// The number claimed.
    pub count: Option<Count>,
    /// Who or what was counted, as written.
    pub subject: Option<String>,
    /// Entity id of who did it.
    pub actor: Option<String>,
    /// Entity id of where.
    pub place: Option<String>,
    /// When.
    pub time: Option<TimeRange>,
    /// Who the document says made the claim.
    pub sources: Vec<Source>,
    /// The text denies it.
    pub negated: bool,
    /// The text reports it as alleged.
    pub hedged: bool,
    /// The figure is about an earlier happening or a running total ("since
    /// 2011"), not its story's current happening: its stated time begins
    /// well before the story's (an addition to v1; absent when false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub background: bool,
}

/// A number claimed, possibly a range. `min` and `max`, when present, are
/// at most 2^53 (every JSON reader holds them exactly): a figure beyond
/// what could be counted has neither and is marked [`Count::implausible`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Count {
    /// Lower bound (`None` only for an implausible figure).
    pub min: Option<u64>,
    /// Upper bound (`None`: open, or an implausible figure).
    pub max: Option<u64>,
    /// As written.
    pub text: String,
    /// The figure multiplies into nonsense (a translated "40,000 ألف"): shown, not trusted
    /// (an addition to v1).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspect: bool,
    /// The figure is beyond anything that could be counted (more people than
    /// live on Earth, or too many digits to read): kept as written in `text`,
    /// with `min` and `max` null, and never compared (an addition to v1).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub implausible: bool,
}

/// A date range.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TimeRange {
    /// `YYYY-MM-DD` or `--MM-DD`.
    pub start: String,
    /// `YYYY-MM-DD` or `--MM-DD`.
    pub end: String,
    /// As written.
    pub text: String,
}

/// Who made a claim.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Source {
    /// As written.
    pub name: String,
    /// Entity id.
    pub entity: Option<String>,
    /// Attribution path, outermost first.
    pub chain: Vec<String>,
}

/// Facts that speak of the same happening.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Cluster {
    /// Stable id.
    pub id: String,
    /// The facts' kind.
    pub kind: Kind,
    /// Member fact ids.
    pub facts: Vec<String>,
    /// `agree` / `conflict` / `single`.
    pub status: Status,
    /// One line naming each source's figure.
    pub summary: String,
    /// The story the cluster belongs to (`null`: its facts are of several
    /// stories, met by their stated place and date; an addition to v1).
    #[serde(default)]
    pub story: Option<String>,
}

/// Articles that report the same happening (an addition to v1).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Story {
    /// Stable id (unchanged as documents are added).
    pub id: String,
    /// Its most central headline.
    pub title: String,
    /// Member document ids.
    pub documents: Vec<String>,
    /// First day of its documents and facts, `YYYY-MM-DD`.
    pub start: Option<String>,
    /// Last day of its documents and facts, `YYYY-MM-DD`.
    pub end: Option<String>,
    /// Its main places (entity ids), most central first.
    pub places: Vec<String>,
    /// Its main actors (entity ids), most central first.
    pub actors: Vec<String>,
    /// The clusters (happenings) compared within it.
    pub clusters: Vec<String>,
}

/// Writes the ledger as pretty-printed JSON.
pub fn write_json<W: std::io::Write>(ledger: &Ledger, out: W) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(out, ledger)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_vocabularies_read_and_write_their_v1_names() {
        assert_eq!("property_damage".parse(), Ok(Kind::PropertyDamage));
        assert_eq!(Kind::CommunicationsCut.as_str(), "communications_cut");
        assert_eq!("organization".parse(), Ok(EntityType::Organization));
        assert_eq!(Status::Conflict.to_string(), "conflict");
        assert_eq!(format!("{:<8}|", Status::Agree), "agree   |");
        assert!(Kind::Arrested < Kind::Attack && Kind::Attack < Kind::Clash);
        let json = serde_json::to_string(&[Kind::Killed, Kind::PriceChange]).unwrap();
        assert_eq!(json, r#"["killed","price_change"]"#);
    }

    #[test]
    fn an_implausible_count_is_written_only_when_true_and_read_back() {
        let mut count = Count {
            min: Some(8),
            max: Some(8),
            text: "8".into(),
            suspect: false,
            implausible: false,
        };
        // An ordinary count is written as before the field existed.
        let ordinary = serde_json::to_string(&count).unwrap();
        assert_eq!(ordinary, r#"{"min":8,"max":8,"text":"8"}"#);
        assert_eq!(serde_json::from_str::<Count>(&ordinary).unwrap(), count);
        count = Count {
            min: None,
            max: None,
            text: "99999999999999999999999".into(),
            suspect: false,
            implausible: true,
        };
        let absurd = serde_json::to_string(&count).unwrap();
        assert_eq!(
            absurd,
            r#"{"min":null,"max":null,"text":"99999999999999999999999","implausible":true}"#
        );
        assert_eq!(serde_json::from_str::<Count>(&absurd).unwrap(), count);
    }

    #[test]
    fn an_unknown_value_is_an_error_never_a_default() {
        let err = "looting".parse::<Kind>().unwrap_err();
        assert_eq!(err.to_string(), "unknown fact kind \"looting\"");
        assert!("agreed".parse::<Status>().is_err());
        assert!(serde_json::from_str::<EntityType>(r#""place""#).is_err());
        assert!(serde_json::from_str::<Kind>(r#""Attack""#).is_err());
    }
}
