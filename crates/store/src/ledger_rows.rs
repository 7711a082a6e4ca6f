//! The one place where stored rows become ledger records and back: documents,
//! entities, facts (each kept as its ledger JSON record) and clusters. A
//! stored value outside the ledger's vocabularies is an error here, where it
//! is read, never a default.

use std::str::FromStr;

use isnad_ledger::{Cluster, Document, Entity, Fact, Ledger, Mention, RemovedRange, Story, SCHEMA};
use rusqlite::params;

use crate::{join, like_prefix, split, EntityRow, Store, StoreError, StoredDocument, StoryRow};

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

impl From<EntityRow> for Entity {
    fn from(e: EntityRow) -> Entity {
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

impl Store {
    /// The ledger of everything in the store; documents by id (the order
    /// of what is stored, not of when it came).
    /// It is read from one snapshot: a run committing meanwhile is in it
    /// whole or not at all.
    pub fn ledger(&self) -> Result<Ledger, StoreError> {
        self.in_snapshot(|| {
            let mut documents = self.documents()?;
            documents.sort_unstable_by(|a, b| a.id.cmp(&b.id));
            Ok(Ledger {
                schema: SCHEMA.to_string(),
                documents: documents.into_iter().map(Document::from).collect(),
                entities: self.entities()?.into_iter().map(Entity::from).collect(),
                facts: self.facts()?,
                clusters: self.clusters()?,
                stories: self.stories()?.into_iter().map(|s| s.story).collect(),
            })
        })
    }

    /// Replaces every fact (in the order given), and records what each
    /// document's facts were read from (`(doc, fingerprint)`), in one transaction.
    pub fn replace_facts(
        &mut self,
        facts: &[Fact],
        fingerprints: &[(String, String)],
    ) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute_batch("DELETE FROM facts; DELETE FROM fact_inputs;")?;
            let mut st = tx.prepare_cached("INSERT INTO facts (id, rank, doc, kind, start, end, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
            for (rank, f) in facts.iter().enumerate() {
                let data = serde_json::to_string(f)
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
                st.execute(params![
                    f.id,
                    rank as i64,
                    f.doc,
                    f.kind.as_str(),
                    f.start as i64,
                    f.end as i64,
                    data
                ])?;
            }
            let mut st =
                tx.prepare_cached("INSERT INTO fact_inputs (doc, fingerprint) VALUES (?1, ?2)")?;
            for (doc, fingerprint) in fingerprints {
                st.execute(params![doc, fingerprint])?;
            }
            Ok(())
        })
    }

    /// What each document's stored facts were read from: (doc, fingerprint).
    pub fn fact_fingerprints(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.rows("SELECT doc, fingerprint FROM fact_inputs", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// Every fact, in the order stored (document order, then position).
    pub fn facts(&self) -> Result<Vec<Fact>, StoreError> {
        self.rows("SELECT data FROM facts ORDER BY rank", [], |r| {
            let data = r.get_ref(0)?.as_str()?;
            serde_json::from_str(data).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
            })
        })
    }

    /// Replaces every cluster (one transaction).
    pub fn replace_clusters(&mut self, clusters: &[Cluster]) -> Result<(), StoreError> {
        self.replace_all(
            "DELETE FROM clusters",
            "INSERT INTO clusters (id, rank, kind, status, summary, facts, story) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            clusters,
            |rank, c, st| st.execute(params![c.id, rank as i64, c.kind.as_str(), c.status.as_str(), c.summary, join(&c.facts), c.story]).map(drop),
        )
    }

    /// Every cluster, in the order stored.
    pub fn clusters(&self) -> Result<Vec<Cluster>, StoreError> {
        self.rows(
            "SELECT id, kind, status, summary, facts, story FROM clusters ORDER BY rank",
            [],
            |r| {
                Ok(Cluster {
                    id: r.get(0)?,
                    kind: parse(r, 1)?,
                    status: parse(r, 2)?,
                    summary: r.get(3)?,
                    facts: split(&r.get::<_, String>(4)?),
                    story: r.get(5)?,
                })
            },
        )
    }
}

impl Store {
    /// Replaces every story (in the order given), in one transaction.
    pub fn replace_stories(&mut self, stories: &[StoryRow]) -> Result<(), StoreError> {
        self.replace_all(
            "DELETE FROM stories",
            "INSERT INTO stories (id, rank, title, documents, start, end, places, actors, clusters, joins) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            stories,
            |rank, row, st| {
                let s = &row.story;
                st.execute(params![
                    s.id,
                    rank as i64,
                    s.title,
                    join(&s.documents),
                    s.start,
                    s.end,
                    join(&s.places),
                    join(&s.actors),
                    join(&s.clusters),
                    row.joins
                ])
                .map(drop)
            },
        )
    }

    /// Every story, in the order stored.
    pub fn stories(&self) -> Result<Vec<StoryRow>, StoreError> {
        self.query_stories("1 = 1", &[])
    }

    /// The story whose id is `id`, or whose id starts with `id` (at least
    /// 4 characters; every story that does).
    pub fn find_story(&self, id: &str) -> Result<Vec<StoryRow>, StoreError> {
        let exact = self.query_stories("id = ?1", &[id])?;
        if !exact.is_empty() || id.len() < 4 {
            return Ok(exact);
        }
        self.query_stories("id LIKE ?1 ESCAPE '\\'", &[&like_prefix(id)])
    }

    fn query_stories(&self, filter: &str, args: &[&str]) -> Result<Vec<StoryRow>, StoreError> {
        let sql = format!("SELECT id, title, documents, start, end, places, actors, clusters, joins FROM stories WHERE {filter} ORDER BY rank");
        self.rows(&sql, rusqlite::params_from_iter(args), |r| {
            Ok(StoryRow {
                story: Story {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    documents: split(&r.get::<_, String>(2)?),
                    start: r.get(3)?,
                    end: r.get(4)?,
                    places: split(&r.get::<_, String>(5)?),
                    actors: split(&r.get::<_, String>(6)?),
                    clusters: split(&r.get::<_, String>(7)?),
                },
                joins: r.get(8)?,
            })
        })
    }
}

/// Column `column` of a row, as one of the ledger's closed vocabularies.
pub(crate) fn parse<T>(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<T>
where
    T: FromStr<Err = isnad_ledger::UnknownValue>,
{
    row.get_ref(column)?.as_str()?.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
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
        isnad_ledger::write_json(&store.ledger().unwrap(), &mut buf).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["schema"], "isnad.ledger.v1");
        for key in ["documents", "entities", "facts", "clusters", "stories"] {
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

    #[test]
    fn the_ledger_is_the_same_whichever_document_was_stored_first() {
        let docs: Vec<_> = ["الخبر الأول هنا.", "خبر ثان مختلف تماماً."]
            .iter()
            .enumerate()
            .map(|(i, text)| {
                read_bytes(&format!("{i}.txt"), text.as_bytes(), Format::Text).unwrap()
            })
            .collect();
        let ledger_of = |order: [usize; 2]| {
            let mut store = Store::in_memory().unwrap();
            for i in order {
                store.add(&docs[i], &[], 0).unwrap();
            }
            let mut buf = Vec::new();
            isnad_ledger::write_json(&store.ledger().unwrap(), &mut buf).unwrap();
            buf
        };
        assert_eq!(ledger_of([0, 1]), ledger_of([1, 0]));
    }

    #[test]
    fn stories_and_the_story_of_each_cluster_round_trip() {
        let mut store = Store::in_memory().unwrap();
        let story = |id: &str, start: Option<&str>| StoryRow {
            story: Story {
                id: id.into(),
                title: format!("«{id}»"),
                documents: vec!["d1".into(), "d2".into()],
                start: start.map(str::to_string),
                end: start.map(str::to_string),
                places: vec!["e1".into()],
                actors: Vec::new(),
                clusters: vec!["c1".into()],
            },
            joins: format!("[{id:?}]"),
        };
        let rows = [story("sabc1", Some("2024-03-07")), story("sabd2", None)];
        store.replace_stories(&rows).unwrap();
        assert_eq!(store.stories().unwrap(), rows);
        assert_eq!(store.find_story("sabd2").unwrap(), [rows[1].clone()]);
        assert_eq!(
            store.find_story("sab").unwrap(),
            [],
            "a prefix of 4 characters at least"
        );
        assert_eq!(store.find_story("sabc").unwrap(), [rows[0].clone()]);
        assert_eq!(
            store.find_story("sab_").unwrap(),
            [],
            "wildcards are taken literally"
        );
        store.replace_stories(&rows[1..]).unwrap();
        assert_eq!(store.stories().unwrap().len(), 1, "replaced, not added");
        let cluster = Cluster {
            id: "c1".into(),
            kind: "killed".parse().unwrap(),
            facts: vec!["f1".into()],
            status: "single".parse().unwrap(),
            summary: String::new(),
            story: Some("sabd2".into()),
        };
        store
            .replace_clusters(std::slice::from_ref(&cluster))
            .unwrap();
        assert_eq!(store.clusters().unwrap(), [cluster]);
        assert_eq!(store.ledger().unwrap().stories, [rows[1].story.clone()]);
    }

    #[test]
    fn a_stored_kind_or_status_outside_the_ledger_is_an_error() {
        let store = Store::in_memory().unwrap();
        store
            .conn
            .execute(
                "INSERT INTO clusters (id, rank, kind, status, summary, facts) VALUES ('c1', 0, 'looting', 'single', '', 'f1')",
                [],
            )
            .unwrap();
        let err = store.clusters().unwrap_err().to_string();
        assert!(err.contains("unknown fact kind \"looting\""), "{err}");
        assert!(store.ledger().is_err());
    }
}
