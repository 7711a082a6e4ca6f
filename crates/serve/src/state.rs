//! The server's state, shared by every request: the store, the last
//! [`Snapshot`] of its ledger (read again when another connection has
//! committed since), the search index kept in step with it, the history the
//! `changes` feed answers from, the rate limiter and the write jobs.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use isnad_gazetteer::Gazetteer;
use isnad_ledger::Ledger;
use isnad_search::{SearchError, SearchIndex};
use isnad_store::{Store, StoreError};

use crate::changes::Digests;
use crate::jobs::Jobs;
use crate::limits::RateLimiter;
use crate::Config;

/// How many past snapshots the `changes` feed can answer from.
const HISTORY: usize = 32;

/// One reading of the store's ledger, as every route answers from it.
/// Stable for other crates (the web pages read it): its fields only grow.
pub struct Snapshot {
    /// The ledger, every list in order of id (the order pages follow).
    pub ledger: Ledger,
    /// Entity id → gazetteer entry id, for the entities that have one
    /// (what the CSV and field exports need for countries and coordinates).
    pub gazetteer_ids: HashMap<String, String>,
    /// This server's change token for this snapshot (`{boot}-{n}`): what
    /// `GET /api/v1/changes?since=` takes.
    pub token: String,
    /// The number of the snapshot in this server's life (1 for the first).
    pub number: u64,
}

/// The state of a running server: what the routes of [`crate::api_routes`]
/// take, and what another crate's routes can take too (`Arc<AppState>`).
pub struct AppState {
    db: PathBuf,
    store: Mutex<Store>,
    current: Mutex<Option<(i64, Arc<Snapshot>)>>,
    history: Mutex<VecDeque<(u64, Arc<Digests>)>>,
    search: Mutex<Option<(i64, Arc<SearchIndex>)>>,
    boot: String,
    /// The gazetteers the exports read countries and coordinates from.
    pub(crate) gazetteer: Arc<Gazetteer>,
    pub(crate) config: Config,
    pub(crate) limiter: RateLimiter,
    pub(crate) jobs: Jobs,
}

impl AppState {
    /// Opens the store at `db` and reads its ledger once (a store that
    /// cannot be read fails here, before the server listens); starts the
    /// worker that runs write jobs.
    pub fn open(db: &Path, config: Config) -> Result<Arc<AppState>, StoreError> {
        let state = Arc::new(AppState {
            db: db.to_path_buf(),
            store: Mutex::new(Store::open(db)?),
            current: Mutex::new(None),
            history: Mutex::new(VecDeque::new()),
            search: Mutex::new(None),
            boot: boot_id(),
            gazetteer: isnad_gazetteer::shared(),
            limiter: RateLimiter::new(config.rate_limit),
            jobs: Jobs::default(),
            config,
        });
        state.snapshot()?;
        crate::jobs::start_worker(&state);
        Ok(state)
    }

    /// The store's path.
    pub fn db(&self) -> &Path {
        &self.db
    }

    /// The store's ledger as it is now: the snapshot, unless another
    /// connection committed since it was read. Blocking (SQLite): call it
    /// off the async threads (`tokio::task::spawn_blocking`).
    pub fn snapshot(&self) -> Result<Arc<Snapshot>, StoreError> {
        let store = lock(&self.store);
        let version = store.data_version()?;
        let mut current = lock(&self.current);
        if let Some((seen, snapshot)) = current.as_ref() {
            if *seen == version {
                return Ok(Arc::clone(snapshot));
            }
        }
        let number = current.as_ref().map_or(1, |(_, s)| s.number + 1);
        let gazetteer_ids = store
            .entities()?
            .into_iter()
            .filter_map(|e| e.gazetteer_id.map(|g| (e.id, g)))
            .collect();
        let ledger = by_id(store.ledger()?);
        self.remember(number, Digests::of(&ledger));
        let snapshot = Arc::new(Snapshot {
            ledger,
            gazetteer_ids,
            token: format!("{}-{number}", self.boot),
            number,
        });
        *current = Some((version, Arc::clone(&snapshot)));
        Ok(snapshot)
    }

    /// The search index, brought in step with the store first when the
    /// store changed since it was last looked at (as `isnad search` does).
    /// Blocking.
    pub fn search_index(&self) -> Result<Arc<SearchIndex>, SearchError> {
        let store = lock(&self.store);
        let version = store.data_version()?;
        let mut search = lock(&self.search);
        if let Some((seen, index)) = search.as_ref() {
            if *seen == version {
                return Ok(Arc::clone(index));
            }
        }
        let (index, _) = SearchIndex::in_step(&self.db, &store)?;
        let index = Arc::new(index);
        *search = Some((version, Arc::clone(&index)));
        Ok(index)
    }

    /// Keeps the digests of snapshot `number` (the oldest go past [`HISTORY`]).
    fn remember(&self, number: u64, digests: Digests) {
        let mut history = lock(&self.history);
        history.push_back((number, Arc::new(digests)));
        while history.len() > HISTORY {
            history.pop_front();
        }
    }

    /// The digests of the snapshot a change token names, if this server
    /// still has them (`None`: another server's token, or too old).
    pub(crate) fn digests_of(&self, token: &str) -> Option<Arc<Digests>> {
        let number: u64 = token
            .strip_prefix(&format!("{}-", self.boot))?
            .parse()
            .ok()?;
        lock(&self.history)
            .iter()
            .find(|(n, _)| *n == number)
            .map(|(_, d)| Arc::clone(d))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What tells this server's change tokens from another's: the process and
/// the moment it started.
fn boot_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:x}{:x}", std::process::id(), nanos % 0xffff_ffff)
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
