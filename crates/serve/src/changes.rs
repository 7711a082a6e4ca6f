//! The `changes?since=` feed: what was added, changed or removed in the
//! ledger between two snapshots.
//!
//! Design: every snapshot the server reads gets a change token
//! (`{boot}-{n}`, [`crate::Snapshot::token`]) and a digest of each record
//! (documents, facts, clusters, stories, entities: a 64-bit hash of its
//! JSON). `since=TOKEN` compares the digests of that snapshot with the
//! current one and answers the ids that differ, with the token to ask from
//! next time. A client syncs by reading the lists once, keeping `token`
//! from `GET /api/v1/changes`, then asking `changes?since=` and fetching
//! the ids it names. The server keeps the last 32 snapshots; a token it no
//! longer has (too old, or from before a restart) is answered with 410 Gone:
//! read the lists again. The store holds no change log of its own (the
//! pipeline replaces facts, clusters and stories wholesale), so the history
//! lives in the server's memory.

use std::collections::BTreeMap;
use std::hash::Hasher;

use isnad_ledger::Ledger;
use serde::Serialize;
use serde_json::{json, Value};

/// Each record's digest, by collection then id.
pub(crate) struct Digests {
    by_collection: Vec<(&'static str, BTreeMap<String, u64>)>,
}

impl Digests {
    /// The digests of every record of `ledger`.
    pub(crate) fn of(ledger: &Ledger) -> Digests {
        Digests {
            by_collection: vec![
                ("documents", digests(&ledger.documents, |d| &d.id)),
                ("facts", digests(&ledger.facts, |f| &f.id)),
                ("clusters", digests(&ledger.clusters, |c| &c.id)),
                ("stories", digests(&ledger.stories, |s| &s.id)),
                ("entities", digests(&ledger.entities, |e| &e.id)),
            ],
        }
    }

    /// What changed from `old` to `self`: per collection, the ids
    /// `added`, `changed` and `removed`.
    pub(crate) fn since(&self, old: &Digests) -> Value {
        let mut out = serde_json::Map::new();
        for ((name, now), (_, before)) in self.by_collection.iter().zip(&old.by_collection) {
            let added: Vec<&str> = ids(now, |id, _| !before.contains_key(id));
            let changed: Vec<&str> = ids(now, |id, d| before.get(id).is_some_and(|b| b != d));
            let removed: Vec<&str> = ids(before, |id, _| !now.contains_key(id));
            out.insert(
                name.to_string(),
                json!({"added": added, "changed": changed, "removed": removed}),
            );
        }
        Value::Object(out)
    }
}

fn ids(map: &BTreeMap<String, u64>, keep: impl Fn(&str, &u64) -> bool) -> Vec<&str> {
    map.iter()
        .filter(|(id, d)| keep(id, d))
        .map(|(id, _)| id.as_str())
        .collect()
}

fn digests<T: Serialize>(items: &[T], id: impl Fn(&T) -> &str) -> BTreeMap<String, u64> {
    items
        .iter()
        .map(|item| (id(item).to_string(), digest(item)))
        .collect()
}

/// A 64-bit hash of `item`'s JSON, written straight into the hasher.
fn digest<T: Serialize>(item: &T) -> u64 {
    struct Hashing(std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Hashing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut h = Hashing(Default::default());
    serde_json::to_writer(&mut h, item).expect("ledger records serialise");
    h.0.finish()
}
