//! One snapshot of the store's ledger, shared by every request and read
//! again when the store has changed since.

use std::path::Path;
use std::sync::{Arc, Mutex};

use isnad_ledger::Ledger;
use isnad_store::{Store, StoreError};

/// The store, and the last ledger read from it with the store's
/// `data_version` at the time.
pub(crate) struct Snapshots {
    store: Mutex<Store>,
    current: Mutex<Option<(i64, Arc<Ledger>)>>,
}

impl Snapshots {
    /// Opens the store at `db` and reads its ledger once (a store that
    /// cannot be read fails here, before the server listens).
    pub(crate) fn open(db: &Path) -> Result<Snapshots, StoreError> {
        let snapshots = Snapshots {
            store: Mutex::new(Store::open(db)?),
            current: Mutex::new(None),
        };
        snapshots.ledger()?;
        Ok(snapshots)
    }

    /// The store's ledger as it is now: the snapshot, unless another
    /// process committed since it was read. Blocking (SQLite).
    pub(crate) fn ledger(&self) -> Result<Arc<Ledger>, StoreError> {
        let store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        let version = store.data_version()?;
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((seen, ledger)) = current.as_ref() {
            if *seen == version {
                return Ok(Arc::clone(ledger));
            }
        }
        let ledger = Arc::new(by_id(store.ledger()?));
        *current = Some((version, Arc::clone(&ledger)));
        Ok(ledger)
    }
}

/// The ledger with every list in order of id, the order pages follow.
fn by_id(mut ledger: Ledger) -> Ledger {
    ledger.documents.sort_by(|a, b| a.id.cmp(&b.id));
    ledger.entities.sort_by(|a, b| a.id.cmp(&b.id));
    ledger.facts.sort_by(|a, b| a.id.cmp(&b.id));
    ledger.clusters.sort_by(|a, b| a.id.cmp(&b.id));
    ledger.stories.sort_by(|a, b| a.id.cmp(&b.id));
    ledger
}
