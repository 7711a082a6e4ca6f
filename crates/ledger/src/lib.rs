//! The ledger export, version 1 (`shared/spec/ledger-v1.md` in the project's
//! inputs; `docs/ledger-v1.md` in this repository).
//!
//! These types are the public contract: fields may be added, none renamed,
//! dropped or changed in meaning without a new [`SCHEMA`] value. All offsets
//! are UTF-8 byte offsets into the document's `text` (mentions, facts) or
//! into the decoded input (`removed`).
#![deny(missing_docs)]

use isnad_store::{Store, StoreError, StoredDocument};
use serde::{Deserialize, Serialize};

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
    pub kind: String,
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
    pub kind: String,
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
}

/// A number claimed, possibly a range.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Count {
    /// Lower bound.
    pub min: Option<u64>,
    /// Upper bound (`None`: open).
    pub max: Option<u64>,
    /// As written.
    pub text: String,
    /// The figure multiplies into nonsense (a translated "40,000 ألف"): shown, not trusted
    /// (an addition to v1).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspect: bool,
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
    pub kind: String,
    /// Member fact ids.
    pub facts: Vec<String>,
    /// `agree` / `conflict` / `single`.
    pub status: String,
    /// One line naming each source's figure.
    pub summary: String,
}

impl From<StoredDocument> for Document {
    fn from(d: StoredDocument) -> Document {
        Document {
            id: d.id,
            source: d.source,
            title: d.title,
            outlet: d.outlet,
            author: d.author,
            published: d.published,
            text: d.text,
            removed: d
                .removed
                .into_iter()
                .map(|(start, end, reason)| RemovedRange { start, end, reason })
                .collect(),
            near_duplicate_of: d.near_duplicate_of,
            url: d.url,
        }
    }
}

/// Builds the ledger from everything in the store.
pub fn build(store: &Store) -> Result<Ledger, StoreError> {
    Ok(Ledger {
        schema: SCHEMA.to_string(),
        documents: store.documents()?.into_iter().map(Document::from).collect(),
        entities: store.entities()?.into_iter().map(Entity::from).collect(),
        facts: store
            .facts()?
            .into_iter()
            .filter_map(|f| serde_json::from_str::<Fact>(&f.data).ok())
            .collect(),
        clusters: store
            .clusters()?
            .into_iter()
            .map(|c| Cluster {
                id: c.id,
                kind: c.kind,
                facts: c.facts,
                status: c.status,
                summary: c.summary,
            })
            .collect(),
    })
}

impl From<isnad_store::EntityRow> for Entity {
    fn from(e: isnad_store::EntityRow) -> Entity {
        Entity {
            id: e.id,
            kind: e.kind,
            name: e.name,
            name_latin: e.name_latin,
            variants: e.variants,
            mentions: e
                .mentions
                .into_iter()
                .map(|(doc, start, end, text)| Mention {
                    doc,
                    start,
                    end,
                    text,
                })
                .collect(),
        }
    }
}

/// Writes the ledger as pretty-printed JSON.
pub fn write_json<W: std::io::Write>(ledger: &Ledger, out: W) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(out, ledger)
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_ingest::{read_bytes, Format};

    #[test]
    fn export_has_the_v1_shape() {
        let mut store = Store::in_memory().unwrap();
        let doc = read_bytes(
            "x.txt",
            "عنوان\n\nنص الخبر هنا.\n\nزر الذهاب إلى الأعلى".as_bytes(),
            Format::Text,
        )
        .unwrap();
        store.add(&doc, &[], 0).unwrap();
        let mut buf = Vec::new();
        write_json(&build(&store).unwrap(), &mut buf).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["schema"], "isnad.ledger.v1");
        for key in ["documents", "entities", "facts", "clusters"] {
            assert!(v[key].is_array(), "{key} must be an array");
        }
        let d = &v["documents"][0];
        for key in [
            "id",
            "source",
            "title",
            "outlet",
            "author",
            "published",
            "text",
            "removed",
            "near_duplicate_of",
        ] {
            assert!(d.get(key).is_some(), "document field {key} missing");
        }
        assert_eq!(d["source"], "x.txt");
        assert_eq!(d["title"], "عنوان");
        assert!(d["outlet"].is_null());
        assert_eq!(d["removed"][0]["reason"], "navigation");
    }
}
