//! The ledger in the formats the people who code conflict data load: ACLED's
//! event table ([`acled`]), GeoJSON ([`geojson`]), PLOVER JSON Lines
//! ([`plover`]) and GDELT 2.0's event and mention tables ([`gdelt`]).
//!
//! This crate owns the mapping from isnad's ledger to those formats and
//! nothing else: it reads a finished [`Ledger`] (through
//! [`isnad_views::View`]) and the gazetteer, never the store, and analyses no
//! text again. What the field calls an *event* is built once, in `events`:
//! a cluster of an event kind (protest, attack, arrests, …) with the killed,
//! injured and hospitalized clusters that tell its toll, or, when the text
//! names no event isnad knows, those toll clusters alone. Each format is a
//! stable contract: the same ledger gives the same bytes.
//!
//! ```
//! let ledger = isnad_ledger::Ledger::default();
//! let gazetteer = isnad_gazetteer::Gazetteer::load();
//! let gazetteer_ids = std::collections::HashMap::new();
//! let export = isnad_exports::Export::new(&ledger, &gazetteer, &gazetteer_ids);
//! let mut out = Vec::new();
//! isnad_exports::acled::write(&export, isnad_exports::acled::Columns::Strict, &mut out).unwrap();
//! assert!(String::from_utf8(out).unwrap().starts_with("event_id_cnty,event_date,year,"));
//! ```
#![deny(missing_docs)]

use std::collections::HashMap;

use isnad_gazetteer::Gazetteer;
use isnad_ledger::{Cluster, Ledger};
use isnad_views::View;

pub mod acled;
mod events;
pub mod gdelt;
pub mod geojson;
mod places;
pub mod plover;

pub use events::{Event, EventKind};

/// A ledger made ready for export: its lookups, the gazetteer entry of each
/// entity that has one, and its events.
pub struct Export<'a> {
    /// The ledger's lookups.
    pub view: View<'a>,
    gazetteer: &'a Gazetteer,
    gazetteer_ids: &'a HashMap<String, String>,
    iso: places::IsoCodes,
    clusters: HashMap<&'a str, &'a Cluster>,
    stories_of_docs: HashMap<&'a str, &'a str>,
}

impl<'a> Export<'a> {
    /// Indexes a ledger; `gazetteer_ids` maps entity id → entry id of
    /// `gazetteer` (the store knows them: `isnad_store::Store::entities`).
    pub fn new(
        ledger: &'a Ledger,
        gazetteer: &'a Gazetteer,
        gazetteer_ids: &'a HashMap<String, String>,
    ) -> Export<'a> {
        let mut stories_of_docs = HashMap::new();
        for s in &ledger.stories {
            for d in &s.documents {
                stories_of_docs.insert(d.as_str(), s.id.as_str());
            }
        }
        Export {
            view: View::new(ledger),
            gazetteer,
            gazetteer_ids,
            iso: places::IsoCodes::new(),
            clusters: ledger.clusters.iter().map(|c| (c.id.as_str(), c)).collect(),
            stories_of_docs,
        }
    }

    /// The ledger exported.
    pub fn ledger(&self) -> &'a Ledger {
        self.view.ledger
    }

    /// A cluster by id.
    pub fn cluster(&self, id: &str) -> Option<&'a Cluster> {
        self.clusters.get(id).copied()
    }

    /// The story a document belongs to.
    pub fn story_of_doc(&self, doc: &str) -> Option<&'a str> {
        self.stories_of_docs.get(doc).copied()
    }

    /// The cluster each fact belongs to (fact id → cluster).
    pub fn cluster_of_facts(&self) -> HashMap<&'a str, &'a Cluster> {
        let mut of = HashMap::new();
        for c in &self.ledger().clusters {
            for f in &c.facts {
                of.insert(f.as_str(), c);
            }
        }
        of
    }
}

/// A figure as an exact JSON/CSV number when it is one: `None` for an open
/// upper bound, a suspect or an implausible figure.
pub(crate) fn trusted(c: &isnad_ledger::Count) -> bool {
    !c.suspect && !c.implausible && c.min.is_some()
}
