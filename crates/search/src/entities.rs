//! The linked entities the index knows, by every spelling: a query term that
//! is a variant or the Latin name of an entity also asks for the entity, and
//! a filter by place, actor or source names them this way.

use std::collections::HashMap;

use isnad_ledger::Ledger;
use isnad_text::keys::key;
use serde::{Deserialize, Serialize};

/// One entity: its display name, type and the loose keys of its spellings.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Known {
    /// Display name.
    pub name: String,
    /// `person`, `organization`, `location`, `other`.
    pub kind: String,
    /// Loose keys of its name, variants and Latin name.
    pub keys: Vec<String>,
}

/// Every linked entity by id, and the ids each spelling names.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct EntityTable {
    by_id: HashMap<String, Known>,
    #[serde(skip)]
    by_key: HashMap<String, Vec<String>>,
}

impl EntityTable {
    /// The table of the ledger's entities.
    pub fn of(ledger: &Ledger) -> EntityTable {
        let mut t = EntityTable::default();
        for e in &ledger.entities {
            let mut keys: Vec<String> = std::iter::once(&e.name)
                .chain(&e.variants)
                .chain(&e.name_latin)
                .map(|s| key(s))
                .filter(|k| !k.is_empty())
                .collect();
            keys.sort();
            keys.dedup();
            t.by_id.insert(
                e.id.clone(),
                Known {
                    name: e.name.clone(),
                    kind: e.kind.as_str().to_string(),
                    keys,
                },
            );
        }
        t.index_keys();
        t
    }

    /// Fills the by-spelling map (after reading the table from JSON).
    pub(crate) fn index_keys(&mut self) {
        self.by_key.clear();
        let mut ids: Vec<&String> = self.by_id.keys().collect();
        ids.sort();
        for id in ids {
            for k in &self.by_id[id].keys {
                self.by_key.entry(k.clone()).or_default().push(id.clone());
            }
        }
    }

    /// The ids of the entities written `name` (any spelling seen, or the
    /// Latin name; case, diacritics and ة/ه, ى/ي, alef forms folded).
    pub fn named(&self, name: &str) -> &[String] {
        let k = key(name);
        if let Some(ids) = self.by_key.get(&k) {
            return ids;
        }
        // `لروسيا`, `وروسيا`: the spelling without a proclitic on its first word.
        let first = k.split(' ').next().unwrap_or_default();
        let base = isnad_text::keys::WordKeys::of(first);
        let stripped = format!("{}{}", base.base, &k[first.len()..]);
        self.by_key.get(&stripped).map_or(&[], |v| v.as_slice())
    }

    /// One entity by id.
    pub fn get(&self, id: &str) -> Option<&Known> {
        self.by_id.get(id)
    }

    /// How many entities it holds.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}
