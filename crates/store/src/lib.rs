//! The embedded store: one SQLite file.
//!
//! * The schema is versioned (`PRAGMA user_version`) and grows by append-only
//!   migrations in `src/migrations/`, applied in order inside a transaction.
//! * Documents are written in transactions ([`Store::add`] one,
//!   [`Store::add_all`] a batch), so a crash or a bad input leaves the store
//!   consistent and every document of earlier transactions in it; work
//!   that must commit whole (a run's corpus-wide passes) runs in
//!   [`Store::atomically`], and documents stored without it are
//!   [`Store::unanalysed`] until the next run.
//! * Many processes may write one store: each write transaction takes the
//!   write lock first and waits for it (ten minutes by default), then
//!   names the process that holds it (`writers.rs`).
//! * The file is marked with an application id, so isnad never writes into
//!   a SQLite file that some other program owns.
//! * Ledger records (`isnad-ledger`) are mapped to and from rows in one
//!   module, `ledger_rows.rs` ([`Store::ledger`] reads the whole ledger); a
//!   stored value outside the ledger's vocabularies is an error where it is read.
//!
//! It stores and reads; it must not analyse (no text, entity or fact logic).
#![deny(missing_docs)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use isnad_ingest::dedup::NEAR_DUPLICATE_THRESHOLD;
use isnad_ingest::{Document, Signature};
use isnad_ledger::EntityType;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

mod copies;
mod ledger_rows;
mod lists;
mod writers;

/// `PRAGMA application_id` of isnad stores ("isnd").
const APPLICATION_ID: i32 = 0x6973_6E64;

/// A schema change: SQL, then what SQL cannot do, in the same transaction.
type Migration = (
    &'static str,
    Option<fn(&Connection) -> rusqlite::Result<()>>,
);

/// Migrations, in order; migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[Migration] = &[
    (include_str!("migrations/0001_documents.sql"), None),
    (include_str!("migrations/0002_entities.sql"), None),
    (include_str!("migrations/0003_facts.sql"), None),
    (include_str!("migrations/0004_clusters.sql"), None),
    (include_str!("migrations/0005_fact_inputs.sql"), None),
    (
        include_str!("migrations/0006_mentions_version_index.sql"),
        None,
    ),
    (
        include_str!("migrations/0007_mention_lists.sql"),
        Some(move_mentions_into_lists),
    ),
    (include_str!("migrations/0008_stories.sql"), None),
];

/// Documents whose mentions an older mention finder found (`?1`: the
/// current version).
const NEEDING_MENTIONS: &str = "SELECT seq, id, text FROM documents WHERE mentions_version < ?1";

/// Documents with no record of what their facts were read from: (seq, id).
const UNANALYSED: &str = "SELECT d.seq, d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM fact_inputs f WHERE f.doc = d.id)";

/// Separates list items stored in one text column.
const LIST_SEP: char = '\u{1F}';

/// An entity mention as stored: a span of a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionRow {
    /// First byte in the document's text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text at the span.
    pub text: String,
    /// `person`, `organization`, `location`, `other`.
    pub kind: String,
    /// How it was found (`tagger`, `gazetteer`, `adjective`).
    pub found: String,
    /// Gazetteer entry, when resolved.
    pub gazetteer_id: Option<String>,
}

/// A linked entity as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRow {
    /// Stable id.
    pub id: String,
    /// What it is.
    pub kind: EntityType,
    /// Display name.
    pub name: String,
    /// Latin-script name.
    pub name_latin: Option<String>,
    /// Gazetteer entry.
    pub gazetteer_id: Option<String>,
    /// Written forms.
    pub variants: Vec<String>,
    /// Why mentions were merged.
    pub explanation: Vec<String>,
    /// Mentions: (document id, start, end, text).
    pub mentions: Vec<(String, usize, usize, String)>,
}

/// A document's metadata, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentHeader {
    /// Stable id.
    pub id: String,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication.
    pub outlet: Option<String>,
    /// The earlier document this one nearly repeats.
    pub near_duplicate_of: Option<String>,
}

/// A story as stored: its ledger record and why each document is in it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRow {
    /// The ledger record.
    pub story: isnad_ledger::Story,
    /// Why each document joined, as the story stage wrote it (JSON).
    pub joins: String,
}

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The file exists but is not an isnad store.
    #[error("{0} is not an isnad store (it is another kind of file or another program's database); choose another --db path")]
    NotAStore(PathBuf),
    /// The store was written by a newer isnad.
    #[error("{path} has schema version {found}, newer than this isnad reads ({supported}); upgrade isnad")]
    NewerSchema {
        /// The store.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// The newest this build reads.
        supported: i64,
    },
    /// Another process held the store's write lock for longer than this
    /// one waits.
    #[error(
        "store {path} is busy: {} has been writing to it for longer than isnad waits ({} s); let it finish (or stop it) and try again",
        .holder.as_deref().unwrap_or("another process"),
        .waited.as_secs()
    )]
    Busy {
        /// The store.
        path: PathBuf,
        /// How long this process waited.
        waited: Duration,
        /// The process holding the lock ("process PID (COMMAND)"), when known.
        holder: Option<String>,
    },
    /// A SQLite error.
    #[error("store {path}: {source}")]
    Sqlite {
        /// The store.
        path: PathBuf,
        /// The error.
        source: rusqlite::Error,
    },
}

/// What adding a document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Stored as a new document; it may nearly repeat an earlier one.
    New {
        /// The most similar earlier document, when similar enough.
        near_duplicate_of: Option<String>,
    },
    /// The same input bytes were stored before.
    AlreadyStored,
    /// Another input with the same clean text was stored before (this one's
    /// source is recorded against it).
    DuplicateOf(String),
    /// Another input with the same clean text was stored before under an id
    /// that sorts after this one's: this one takes its place (with every
    /// source of it), so that which of two copies is kept never depends on
    /// the order they came in. The one replaced loses its analysis; the
    /// corpus-wide passes that follow every run rebuild it.
    InPlaceOf(String),
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// Stable id.
    pub id: String,
    /// Insertion order, 1-based.
    pub seq: i64,
    /// Source (file name, `file.jsonl:LINE` or URL).
    pub source: String,
    /// Every input this document was read from: its own source first, then
    /// the others in name order (not in the order they were read, which
    /// the set of inputs does not decide).
    pub sources: Vec<String>,
    /// Source URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication.
    pub outlet: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Input format name.
    pub format: String,
    /// Input encoding name.
    pub encoding: String,
    /// The decoded input.
    pub original: String,
    /// The clean text.
    pub text: String,
    /// Words in the text.
    pub words: i64,
    /// Dropped ranges of `original`: (start, end, reason).
    pub removed: Vec<(usize, usize, String)>,
    /// An earlier document this one nearly repeats.
    pub near_duplicate_of: Option<String>,
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// How long a write waits for another process's lock.
    wait: Duration,
    near: NearIndex,
}

/// Signatures of stored documents, indexed by band for near-duplicate lookup.
#[derive(Default)]
struct NearIndex {
    docs: Vec<(String, Signature)>,
    bands: HashMap<u64, Vec<usize>>,
    /// The last document (`seq`) read into the index: later ones, which
    /// other processes may have stored, are read before the next lookup.
    seen: i64,
}

impl NearIndex {
    fn insert(&mut self, id: String, sig: Signature) {
        let at = self.docs.len();
        for key in sig.band_keys() {
            self.bands.entry(key).or_default().push(at);
        }
        self.docs.push((id, sig));
    }

    /// Reads the signatures of the documents stored after the last one
    /// read (by this process or another), in storing order.
    fn catch_up(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut st = conn.prepare_cached(
            "SELECT seq, id, signature FROM documents WHERE seq > ?1 ORDER BY seq",
        )?;
        let mut rows = st.query([self.seen])?;
        while let Some(r) = rows.next()? {
            self.seen = r.get(0)?;
            let sig = r
                .get_ref(2)?
                .as_blob_or_null()?
                .and_then(Signature::from_bytes);
            if let Some(sig) = sig {
                self.insert(r.get(1)?, sig);
            }
        }
        Ok(())
    }

    /// Leaves document `id` out of every later lookup (it is no longer stored).
    fn forget(&mut self, id: &str) {
        if let Some(entry) = self.docs.iter_mut().find(|(doc, _)| doc == id) {
            entry.0.clear();
        }
    }

    /// The most similar stored document at or above the threshold (earliest on ties).
    fn most_similar(&self, sig: &Signature) -> Option<&str> {
        let mut candidates: Vec<usize> = sig
            .band_keys()
            .filter_map(|k| self.bands.get(&k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, f64)> = None;
        for i in candidates
            .into_iter()
            .filter(|&i| !self.docs[i].0.is_empty())
        {
            let s = sig.similarity(&self.docs[i].1);
            if s >= NEAR_DUPLICATE_THRESHOLD && best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| self.docs[i].0.as_str())
    }
}

impl Store {
    /// Opens the store at `path`, creating it (and migrating it to the
    /// current schema) when needed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let sql = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql)?;
        Store::prepared(conn, path.to_path_buf())
    }

    /// Opens an in-memory store (for tests and benchmarks).
    pub fn in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Sqlite {
            path: path.clone(),
            source,
        })?;
        Store::prepared(conn, path)
    }

    /// The store on `conn`, waiting [`writers::WAIT`] for locks, its schema current.
    fn prepared(mut conn: Connection, path: PathBuf) -> Result<Store, StoreError> {
        // Every transaction takes the write lock first (see writers.rs).
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let mut store = Store {
            conn,
            path,
            wait: writers::WAIT,
            near: NearIndex::default(),
        };
        store.set_wait(writers::WAIT)?;
        store.prepare()?;
        Ok(store)
    }

    /// How long a write waits for another process's write lock (ten
    /// minutes unless set) before it fails with [`StoreError::Busy`].
    pub fn set_wait(&mut self, wait: Duration) -> Result<(), StoreError> {
        self.wait = wait;
        self.conn.busy_timeout(wait).map_err(|e| self.err(e))
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        writers::store_error(&self.path, self.wait, source)
    }

    fn prepare(&mut self) -> Result<(), StoreError> {
        // One snapshot: another process may be creating the store meanwhile.
        let (app_id, version, tables): (i32, i64, i64) = self.in_snapshot(|| {
            let read = |sql: &str| {
                self.conn
                    .query_row(sql, [], |r| r.get::<_, i64>(0))
                    .map_err(|e| self.err(e))
            };
            Ok::<_, StoreError>((
                read("PRAGMA application_id")? as i32,
                read("PRAGMA user_version")?,
                read("SELECT count(*) FROM sqlite_master")?,
            ))
        })?;
        if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
            return Err(StoreError::NotAStore(self.path.clone()));
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        // A new store takes pages that hold a whole article (text and
        // original) instead of chaining four small ones; set before WAL,
        // which fixes the page size.
        if tables == 0 {
            self.conn
                .execute_batch("PRAGMA page_size = 16384")
                .map_err(|e| self.err(e))?;
        }
        // WAL: readers never block the writer, and a crash mid-write leaves the
        // last committed state. The -wal file is folded back in on close.
        let _: String = writers::retry_while_busy(self.wait, || {
            self.conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        })
        .map_err(|e| self.err(e))?;
        self.conn
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .map_err(|e| self.err(e))?;
        if version < SCHEMA_VERSION {
            self.migrate()?;
        }
        Ok(())
    }

    /// Brings the schema to [`SCHEMA_VERSION`] in one transaction. The
    /// version is read again under the write lock: another process may have
    /// created or upgraded the store while this one waited for it.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let outcome = writers::in_transaction(&mut self.conn, |tx| {
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version > SCHEMA_VERSION {
                return Ok(Err(version));
            }
            for (i, (sql, then)) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.execute_batch(sql)?;
                if let Some(then) = then {
                    then(tx)?;
                }
                tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            Ok(Ok(()))
        });
        match outcome.map_err(|e| self.err(e))? {
            Ok(()) => Ok(()),
            Err(found) => Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            }),
        }
    }

    /// Runs a query and maps every row.
    fn rows<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut st = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params, map)
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// Runs `work` in one transaction and commits it; an SQLite error names
    /// the store file, and nothing of a failed transaction is kept.
    fn in_transaction<T>(
        &mut self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        writers::in_transaction(&mut self.conn, work).map_err(|e| self.err(e))
    }

    /// Runs `work` holding the store's write lock throughout: what it reads
    /// no other process changes meanwhile, and what it writes commits
    /// together or, when it fails (or panics), not at all.
    pub fn atomically<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        if !self.conn.is_autocommit() {
            // Inside another `atomically`: part of that one.
            return work(self);
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.err(e))?;
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(self)));
        let committed = match done {
            Ok(Ok(out)) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => return Ok(out),
                Err(e) => Err(E::from(self.err(e))),
            },
            Ok(Err(e)) => Err(e),
            Err(panic) => {
                self.roll_back();
                std::panic::resume_unwind(panic)
            }
        };
        self.roll_back();
        committed
    }

    /// Runs `read` on one snapshot of the store (one read transaction),
    /// whatever other processes commit meanwhile; inside a transaction
    /// already open, on that one's.
    fn in_snapshot<T, E: From<StoreError>>(
        &self,
        read: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        if !self.conn.is_autocommit() {
            return read();
        }
        // Deferred: a reader takes no write lock (and creates no file).
        let snapshot = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Deferred,
        )
        .map_err(|e| self.err(e))?;
        let out = read()?;
        snapshot.commit().map_err(|e| self.err(e))?;
        Ok(out)
    }

    /// Ends the open transaction keeping nothing of it; the near-duplicate
    /// index may hold documents it stored, so it is read again.
    fn roll_back(&mut self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        self.near = NearIndex::default();
    }

    /// Replaces the whole content of a table in one transaction: runs
    /// `delete`, then `insert` once per item with the parameters `bind` gives.
    fn replace_all<T>(
        &mut self,
        delete: &str,
        insert: &str,
        items: &[T],
        mut bind: impl FnMut(usize, &T, &mut rusqlite::CachedStatement<'_>) -> rusqlite::Result<()>,
    ) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute_batch(delete)?;
            let mut st = tx.prepare_cached(insert)?;
            for (i, item) in items.iter().enumerate() {
                bind(i, item, &mut st)?;
            }
            Ok(())
        })
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// A number that changes when another connection (another `isnad run`)
    /// commits a change to the store, and stays the same otherwise
    /// (SQLite's `data_version`): a reader that keeps a copy of what it read
    /// knows from it when to read again.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Adds a document in one transaction. Exact duplicates (same input bytes,
    /// or same clean text) are not stored twice; near duplicates are stored
    /// and marked.
    pub fn add(
        &mut self,
        doc: &Document,
        mentions: &[MentionRow],
        mentions_version: i64,
    ) -> Result<Added, StoreError> {
        let mut added = self.add_all(&[(doc, mentions)], mentions_version)?;
        Ok(added.remove(0))
    }

    /// Adds documents in order, as [`Store::add`] does one, all in one
    /// transaction: either every one is stored or, on an error, none.
    pub fn add_all(
        &mut self,
        docs: &[(&Document, &[MentionRow])],
        mentions_version: i64,
    ) -> Result<Vec<Added>, StoreError> {
        let Store { conn, near, .. } = self;
        let result = writers::in_transaction(conn, |tx| {
            // Under the write lock: the documents other processes stored
            // since this one last looked are in the index before any lookup.
            near.catch_up(tx)?;
            docs.iter()
                .map(|&(doc, mentions)| {
                    let (added, seq) = add_one(tx, near, doc, mentions, mentions_version)?;
                    if let Added::InPlaceOf(replaced) = &added {
                        near.forget(replaced);
                    }
                    if let Some(seq) = seq {
                        near.seen = seq;
                        if let Some(sig) = &doc.signature {
                            near.insert(doc.id.clone(), sig.clone());
                        }
                    }
                    Ok(added)
                })
                .collect()
        });
        result.map_err(|e| {
            // The index may hold documents the rolled-back transaction did
            // not keep: read it again from the store next time.
            self.near = NearIndex::default();
            self.err(e)
        })
    }

    /// Documents whose mentions were found by an older (or no) entity finder:
    /// (id, text), in insertion order.
    pub fn documents_needing_mentions(
        &self,
        version: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        // Sorted here: with ORDER BY, SQLite would rather walk the whole
        // table in order than search the index and sort.
        let mut docs: Vec<(i64, String, String)> = self.rows(NEEDING_MENTIONS, [version], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        docs.sort_by_key(|d| d.0);
        Ok(docs.into_iter().map(|(_, id, text)| (id, text)).collect())
    }

    /// Replaces one document's mentions (one transaction).
    pub fn set_mentions(
        &mut self,
        doc: &str,
        mentions: &[MentionRow],
        version: i64,
    ) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            let seq: i64 = tx.query_row("SELECT seq FROM documents WHERE id = ?1", [doc], |r| {
                r.get(0)
            })?;
            write_mentions(tx, seq, mentions)?;
            tx.execute(
                "UPDATE documents SET mentions_version = ?1 WHERE seq = ?2",
                params![version, seq],
            )?;
            Ok(())
        })
    }

    /// Every stored mention: (document id, mention), by document order then position.
    pub fn all_mentions(&self) -> Result<Vec<(String, MentionRow)>, StoreError> {
        self.all_mentions_with(&mut HashMap::new())
    }

    /// [`Store::all_mentions`], taking the mentions the caller holds already
    /// (by document id: the very lists it stored, in position order) out of
    /// `known` instead of reading them again.
    pub fn all_mentions_with(
        &self,
        known: &mut HashMap<String, Vec<MentionRow>>,
    ) -> Result<Vec<(String, MentionRow)>, StoreError> {
        let lists = self.rows(
            "SELECT d.id, m.list FROM document_mentions m JOIN documents d ON d.seq = m.seq ORDER BY m.seq",
            [],
            |r| {
                let doc: String = r.get(0)?;
                if let Some(mentions) = known.remove(&doc) {
                    return Ok((doc, mentions));
                }
                let list = r.get_ref(1)?.as_blob()?;
                let mentions = lists::decode_mentions(list).ok_or_else(|| damaged(1, &doc))?;
                Ok((doc, mentions))
            },
        )?;
        let mut rows = Vec::with_capacity(lists.iter().map(|l| l.1.len()).sum());
        for (doc, mentions) in lists {
            rows.extend(mentions.into_iter().map(|m| (doc.clone(), m)));
        }
        Ok(rows)
    }

    /// Replaces every entity (one transaction): linking is corpus-wide.
    pub fn replace_entities(&mut self, entities: &[EntityRow]) -> Result<(), StoreError> {
        // Each entity's mentions are kept by document id, then position: an
        // order of what they are, not of when their documents came.
        let seqs: HashMap<String, i64> = self
            .rows("SELECT id, seq FROM documents", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .into_iter()
            .collect();
        self.in_transaction(|tx| {
            tx.execute_batch("DELETE FROM entities;")?;
            let mut ent = tx.prepare("INSERT INTO entities (id, rank, kind, name, name_latin, gazetteer_id, variants, explanation, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
            let mut mentions: Vec<&lists::EntityMention> = Vec::new();
            for (rank, e) in entities.iter().enumerate() {
                mentions.clear();
                for m in &e.mentions {
                    if !seqs.contains_key(&m.0) {
                        return Err(unknown_document(&m.0));
                    }
                    mentions.push(m);
                }
                mentions.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
                ent.execute(params![
                    e.id,
                    rank as i64,
                    e.kind.as_str(),
                    e.name,
                    e.name_latin,
                    e.gazetteer_id,
                    join(&e.variants),
                    join(&e.explanation),
                    lists::encode_entity_mentions(mentions.iter().copied())
                ])?;
            }
            Ok(())
        })
    }

    /// Every document's published date (`YYYY-MM-DD`), by id.
    pub fn published_dates(&self) -> Result<Vec<(String, Option<String>)>, StoreError> {
        self.rows(
            "SELECT id, published FROM documents ORDER BY seq",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// Every document's id, outlet and source (where it was read from), in
    /// insertion order: what naming a document takes, without its text.
    pub fn document_names(&self) -> Result<Vec<(String, Option<String>, String)>, StoreError> {
        self.rows(
            "SELECT id, outlet, source FROM documents ORDER BY seq",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// What the story stage reads of every document besides its text and
    /// analysis, in insertion order.
    pub fn document_headers(&self) -> Result<Vec<DocumentHeader>, StoreError> {
        self.rows(
            "SELECT id, published, title, outlet, near_duplicate_of FROM documents ORDER BY seq",
            [],
            |r| {
                Ok(DocumentHeader {
                    id: r.get(0)?,
                    published: r.get(1)?,
                    title: r.get(2)?,
                    outlet: r.get(3)?,
                    near_duplicate_of: r.get(4)?,
                })
            },
        )
    }

    /// Every document's id and clean text, in insertion order.
    pub fn texts(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.rows("SELECT id, text FROM documents ORDER BY seq", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// Every document id in the order documents were added, with its text
    /// unless `known(id)` says the caller holds that text already (the
    /// documents it has just stored or analysed): those are not read again.
    pub fn texts_unless(
        &self,
        known: impl Fn(&str) -> bool,
    ) -> Result<Vec<(String, Option<String>)>, StoreError> {
        self.rows("SELECT id, text FROM documents ORDER BY seq", [], |r| {
            let id: String = r.get(0)?;
            let text = if known(&id) { None } else { Some(r.get(1)?) };
            Ok((id, text))
        })
    }

    /// Every entity, most mentioned first.
    pub fn entities(&self) -> Result<Vec<EntityRow>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT id, kind, name, name_latin, gazetteer_id, variants, explanation, mentions FROM entities ORDER BY rank")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                let id: String = r.get(0)?;
                let mentions = lists::decode_entity_mentions(r.get_ref(7)?.as_blob()?)
                    .ok_or_else(|| damaged(7, &id))?;
                Ok(EntityRow {
                    kind: ledger_rows::parse(r, 1)?,
                    name: r.get(2)?,
                    name_latin: r.get(3)?,
                    gazetteer_id: r.get(4)?,
                    variants: split(&r.get::<_, String>(5)?),
                    explanation: split(&r.get::<_, String>(6)?),
                    mentions,
                    id,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// Every document, in the order they were added.
    pub fn documents(&self) -> Result<Vec<StoredDocument>, StoreError> {
        self.query_documents("1 = 1", &[])
    }

    /// The document whose id, id prefix (at least 4 characters) or source is `key`.
    pub fn find(&self, key: &str) -> Result<Vec<StoredDocument>, StoreError> {
        let exact = self.query_documents("d.id = ?1 OR d.source = ?1", &[key])?;
        if !exact.is_empty() || key.len() < 4 {
            return Ok(exact);
        }
        self.query_documents("d.id LIKE ?1 ESCAPE '\\'", &[&like_prefix(key)])
    }

    /// Number of stored documents.
    pub fn count(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Runs SQLite's integrity and foreign-key checks and checks that every
    /// stored range and mention lies inside its text; `Ok(())` when clean.
    /// Documents stored without their analysis ([`Store::unanalysed`]) are
    /// not damage: the next run finishes them.
    pub fn check(&self) -> Result<(), String> {
        self.in_snapshot(|| Ok::<_, StoreError>(self.check_now()))
            .map_err(|e| e.to_string())?
    }

    /// Documents stored without the analysis that follows storing them
    /// (their facts, their part in the linked entities and the clusters),
    /// by id in storing order: what a run that stopped or failed after
    /// storing them left behind, or what a run still going has not reached
    /// yet. The next run analyses them.
    pub fn unanalysed(&self) -> Result<Vec<String>, StoreError> {
        // Sorted here: with ORDER BY, SQLite walks the whole table (every
        // text) instead of the index of ids.
        let mut docs: Vec<(i64, String)> =
            self.rows(UNANALYSED, [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        docs.sort_unstable();
        Ok(docs.into_iter().map(|(_, id)| id).collect())
    }

    fn check_now(&self) -> Result<(), String> {
        let ok: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if ok != "ok" {
            return Err(ok);
        }
        let fk: i64 = self
            .conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .map_err(|e| e.to_string())?;
        if fk != 0 {
            return Err(format!("{fk} foreign-key violations"));
        }
        // Every removed range must lie on character boundaries of its input,
        // and every mention must be exactly the text it points at.
        let docs = self.documents().map_err(|e| e.to_string())?;
        let texts: std::collections::HashMap<&str, &str> = docs
            .iter()
            .map(|d| (d.id.as_str(), d.text.as_str()))
            .collect();
        for (doc, m) in self.all_mentions().map_err(|e| e.to_string())? {
            if texts.get(doc.as_str()).and_then(|t| t.get(m.start..m.end)) != Some(m.text.as_str())
            {
                return Err(format!(
                    "document {doc}: mention {}..{} does not match its text",
                    m.start, m.end
                ));
            }
        }
        for d in &docs {
            for (start, end, reason) in &d.removed {
                if d.original.get(*start..*end).is_none() {
                    return Err(format!("document {}: removed range {start}..{end} ({reason}) is not inside its input", d.id));
                }
            }
        }
        Ok(())
    }

    fn query_documents(
        &self,
        filter: &str,
        args: &[&str],
    ) -> Result<Vec<StoredDocument>, StoreError> {
        let sql = format!(
            "SELECT d.id, d.seq, d.source, d.url, d.title, d.outlet, d.author, d.published, d.format, d.encoding,
                    d.original, d.text, d.words, d.near_duplicate_of
             FROM documents d WHERE {filter} ORDER BY d.seq"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut docs = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok(StoredDocument {
                    id: r.get(0)?,
                    seq: r.get(1)?,
                    source: r.get(2)?,
                    sources: Vec::new(),
                    url: r.get(3)?,
                    title: r.get(4)?,
                    outlet: r.get(5)?,
                    author: r.get(6)?,
                    published: r.get(7)?,
                    format: r.get(8)?,
                    encoding: r.get(9)?,
                    original: r.get(10)?,
                    text: r.get(11)?,
                    words: r.get(12)?,
                    removed: Vec::new(),
                    near_duplicate_of: r.get(13)?,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        let mut removed = self
            .conn
            .prepare("SELECT start, end, reason FROM removed WHERE doc = ?1 ORDER BY start")
            .map_err(|e| self.err(e))?;
        let mut sources = self
            .conn
            .prepare(
                "SELECT s.source FROM sources s JOIN documents d ON d.id = s.doc
                 WHERE s.doc = ?1 ORDER BY s.source <> d.source, s.source",
            )
            .map_err(|e| self.err(e))?;
        for d in &mut docs {
            d.removed = removed
                .query_map([&d.id], |r| {
                    Ok((
                        r.get::<_, i64>(0)? as usize,
                        r.get::<_, i64>(1)? as usize,
                        r.get(2)?,
                    ))
                })
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(|e| self.err(e))?;
            d.sources = sources
                .query_map([&d.id], |r| r.get(0))
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(|e| self.err(e))?;
        }
        Ok(docs)
    }
}

/// A LIKE pattern (escaped with `\\`) matching what starts with `key`,
/// its wildcards taken literally.
fn like_prefix(key: &str) -> String {
    format!(
        "{}%",
        key.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

fn join(items: &[String]) -> String {
    items.join(&LIST_SEP.to_string())
}

fn split(s: &str) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(LIST_SEP).map(str::to_string).collect()
    }
}

/// Adds one document inside `tx` (see [`Store::add`]); the caller puts it
/// in the near-duplicate index once it is stored.
fn add_one(
    tx: &Connection,
    near: &NearIndex,
    doc: &Document,
    mentions: &[MentionRow],
    mentions_version: i64,
) -> rusqlite::Result<(Added, Option<i64>)> {
    let exists: Option<String> = tx
        .prepare_cached("SELECT id FROM documents WHERE id = ?1")?
        .query_row([&doc.id], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        tx.prepare_cached("INSERT OR IGNORE INTO sources (doc, source) VALUES (?1, ?2)")?
            .execute(params![doc.id, doc.source])?;
        return Ok((Added::AlreadyStored, None));
    }
    let same_text: Option<String> = tx
        .prepare_cached("SELECT id FROM documents WHERE text_hash = ?1 ORDER BY seq LIMIT 1")?
        .query_row([&doc.text_hash], |r| r.get(0))
        .optional()?;
    if let Some(first) = &same_text {
        if first.as_str() < doc.id.as_str() {
            tx.prepare_cached("INSERT OR IGNORE INTO sources (doc, source) VALUES (?1, ?2)")?
                .execute(params![first, doc.source])?;
            return Ok((Added::DuplicateOf(first.clone()), None));
        }
    }
    let near = doc
        .signature
        .as_ref()
        .and_then(|sig| near.most_similar(sig))
        .map(str::to_string);
    let seq = insert_document(tx, doc, near.as_deref(), mentions_version)?;
    write_mentions(tx, seq, mentions)?;
    if let Some(replaced) = same_text {
        copies::hand_over(tx, &replaced, &doc.id)?;
        return Ok((Added::InPlaceOf(replaced), Some(seq)));
    }
    Ok((
        Added::New {
            near_duplicate_of: near,
        },
        Some(seq),
    ))
}

/// Writes a new document's row, its removed ranges and its source; its
/// `seq`.
fn insert_document(
    tx: &Connection,
    doc: &Document,
    near_duplicate_of: Option<&str>,
    mentions_version: i64,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO documents (id, source, url, title, outlet, author, published, format, encoding, original, text, text_hash, words, signature, near_duplicate_of, mentions_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        doc.id,
        doc.source,
        doc.url,
        doc.title,
        doc.outlet,
        doc.author,
        doc.published,
        doc.format.as_str(),
        doc.encoding,
        doc.original,
        doc.text,
        doc.text_hash,
        doc.words as i64,
        doc.signature.as_ref().map(Signature::to_bytes),
        near_duplicate_of,
        mentions_version,
    ])?;
    let seq = tx.last_insert_rowid();
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO removed (doc, start, end, reason) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for r in &doc.removed {
            stmt.execute(params![
                doc.id,
                r.span.start as i64,
                r.span.end as i64,
                r.reason.as_str()
            ])?;
        }
    }
    tx.prepare_cached("INSERT INTO sources (doc, source) VALUES (?1, ?2)")?
        .execute(params![doc.id, doc.source])?;
    Ok(seq)
}

/// Stores the mentions of document `seq` as its one list, in position order.
fn write_mentions(tx: &Connection, seq: i64, mentions: &[MentionRow]) -> rusqlite::Result<()> {
    let mut sorted: Vec<&MentionRow> = mentions.iter().collect();
    sorted.sort_by_key(|m| (m.start, m.end));
    tx.prepare_cached("INSERT OR REPLACE INTO document_mentions (seq, list) VALUES (?1, ?2)")?
        .execute(params![seq, lists::encode_mentions(sorted.into_iter())])?;
    Ok(())
}

/// The error for a list in column `column` of the row of `owner` that does not read.
fn damaged(column: usize, owner: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Blob,
        format!("the mention list of {owner} is damaged").into(),
    )
}

/// The error for an entity mention in a document the store does not have
/// (what a foreign key would say).
fn unknown_document(doc: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
        Some(format!(
            "an entity mention names document {doc}, which is not stored"
        )),
    )
}

/// Migration 7 after its SQL: the rows of the old `mentions` and
/// `entity_mentions` tables become one list per document and per entity,
/// in the order the store read them in; then the old tables go.
fn move_mentions_into_lists(tx: &Connection) -> rusqlite::Result<()> {
    let mut by_doc: Vec<(i64, Vec<MentionRow>)> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT d.seq, m.start, m.end, m.text, m.kind, m.found, m.gazetteer_id FROM mentions m
             JOIN documents d ON d.id = m.doc ORDER BY d.seq, m.start, m.end",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let m = MentionRow {
                start: r.get::<_, i64>(1)? as usize,
                end: r.get::<_, i64>(2)? as usize,
                text: r.get(3)?,
                kind: r.get(4)?,
                found: r.get(5)?,
                gazetteer_id: r.get(6)?,
            };
            match by_doc.last_mut() {
                Some((last, list)) if *last == seq => list.push(m),
                _ => by_doc.push((seq, vec![m])),
            }
        }
    }
    for (seq, list) in &by_doc {
        write_mentions(tx, *seq, list)?;
    }
    let mut by_entity: Vec<(String, Vec<lists::EntityMention>)> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT em.entity, em.doc, em.start, em.end, em.text FROM entity_mentions em
             JOIN documents d ON d.id = em.doc ORDER BY em.entity, d.seq, em.start",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let entity: String = r.get(0)?;
            let m = (
                r.get(1)?,
                r.get::<_, i64>(2)? as usize,
                r.get::<_, i64>(3)? as usize,
                r.get(4)?,
            );
            match by_entity.last_mut() {
                Some((last, list)) if *last == entity => list.push(m),
                _ => by_entity.push((entity, vec![m])),
            }
        }
    }
    let mut st = tx.prepare("UPDATE entities SET mentions = ?2 WHERE id = ?1")?;
    for (entity, list) in &by_entity {
        st.execute(params![entity, lists::encode_entity_mentions(list)])?;
    }
    tx.execute_batch("DROP TABLE entity_mentions; DROP TABLE mentions;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_ingest::{read_bytes, Format};

    const ARTICLE: &str = "انفجار في الميناء\n\nقالت السلطات إن انفجاراً وقع صباح اليوم في مستودع بالميناء وأدى إلى مقتل ثلاثة عمال وإصابة عشرة آخرين بجروح، فيما تواصل فرق الدفاع المدني البحث عن مفقودين.\n\nاقرأ أيضاً\nأخبار أخرى من المدينة";

    impl Store {
        fn add_plain(&mut self, d: &Document) -> Result<Added, StoreError> {
            self.add(d, &[], 0)
        }
    }

    fn doc(text: &str, source: &str) -> Document {
        read_bytes(source, text.as_bytes(), Format::Text).unwrap()
    }

    /// The article, and one that differs in a word (stored apart, no duplicate).
    fn two_articles() -> (Document, Document) {
        (
            doc(ARTICLE, "a.txt"),
            doc(&ARTICLE.replace("ثلاثة", "أربعة"), "b.txt"),
        )
    }

    #[test]
    fn documents_round_trip_with_removed_ranges() {
        let mut store = Store::in_memory().unwrap();
        let d = doc(ARTICLE, "a.txt");
        assert_eq!(
            store.add_plain(&d).unwrap(),
            Added::New {
                near_duplicate_of: None
            }
        );
        let all = store.documents().unwrap();
        assert_eq!(all.len(), 1);
        let s = &all[0];
        assert_eq!(
            (s.id.as_str(), s.text.as_str(), s.title.as_deref()),
            (d.id.as_str(), d.text.as_str(), Some("انفجار في الميناء"))
        );
        assert_eq!(
            s.removed,
            vec![(
                d.removed[0].span.start,
                d.removed[0].span.end,
                "related-links".to_string()
            )]
        );
        assert_eq!(s.sources, ["a.txt"]);
        assert_eq!(
            store.document_names().unwrap(),
            [(d.id.clone(), d.outlet.clone(), "a.txt".to_string())]
        );
    }

    #[test]
    fn same_input_twice_changes_nothing_and_same_text_is_stored_once() {
        let mut store = Store::in_memory().unwrap();
        store.add_plain(&doc(ARTICLE, "a.txt")).unwrap();
        assert_eq!(
            store.add_plain(&doc(ARTICLE, "a.txt")).unwrap(),
            Added::AlreadyStored
        );
        // Same text, different bytes (CRLF line ends): a duplicate, recorded as another source.
        let crlf = ARTICLE.replace('\n', "\r\n");
        let first = store.documents().unwrap()[0].id.clone();
        assert_eq!(
            store.add_plain(&doc(&crlf, "b.txt")).unwrap(),
            Added::DuplicateOf(first)
        );
        let all = store.documents().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].sources, ["a.txt", "b.txt"]);
    }

    #[test]
    fn near_duplicates_are_marked() {
        let mut store = Store::in_memory().unwrap();
        let a = doc(ARTICLE, "a.txt");
        store.add_plain(&a).unwrap();
        let edited = ARTICLE.replace("انفجاراً", "انفجارا") + "\n\nوأكد المتحدث أن التحقيق مستمر.";
        let outcome = store.add_plain(&doc(&edited, "b.txt")).unwrap();
        assert_eq!(
            outcome,
            Added::New {
                near_duplicate_of: Some(a.id.clone())
            }
        );
    }

    #[test]
    fn one_batch_reads_as_the_same_documents_added_one_by_one() {
        let a = doc(ARTICLE, "a.txt");
        let crlf = doc(&ARTICLE.replace('\n', "\r\n"), "b.txt");
        let edited = ARTICLE.replace("انفجاراً", "انفجارا") + "\n\nوأكد المتحدث أن التحقيق مستمر.";
        let near = doc(&edited, "c.txt");
        let mentions = [MentionRow {
            start: 0,
            end: 10,
            text: "انفجار".into(),
            kind: "other".into(),
            found: "tagger".into(),
            gazetteer_id: None,
        }];
        let docs = [&a, &a, &crlf, &near];
        let mut one_by_one = Store::in_memory().unwrap();
        let singly: Vec<Added> = docs
            .iter()
            .map(|d| one_by_one.add(d, &mentions, 3).unwrap())
            .collect();
        let mut batched = Store::in_memory().unwrap();
        let batch: Vec<(&Document, &[MentionRow])> =
            docs.iter().map(|d| (*d, &mentions[..])).collect();
        let together = batched.add_all(&batch, 3).unwrap();
        assert_eq!(together, singly);
        assert_eq!(
            together,
            [
                Added::New {
                    near_duplicate_of: None
                },
                Added::AlreadyStored,
                Added::DuplicateOf(a.id.clone()),
                Added::New {
                    near_duplicate_of: Some(a.id.clone())
                },
            ]
        );
        assert_eq!(
            batched.documents().unwrap(),
            one_by_one.documents().unwrap()
        );
        assert_eq!(
            batched.all_mentions().unwrap(),
            one_by_one.all_mentions().unwrap()
        );
        assert!(batched.documents_needing_mentions(3).unwrap().is_empty());
    }

    #[test]
    fn a_file_that_is_not_a_store_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(
            &path,
            "not a database at all, just some text that happens to be here",
        )
        .unwrap();
        let before = std::fs::read(&path).unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::NotAStore(_))));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn another_programs_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::NotAStore(_))));
    }

    #[test]
    fn finding_documents_with_old_mentions_reads_an_index_not_the_texts() {
        let mut store = Store::in_memory().unwrap();
        store.add_plain(&doc(ARTICLE, "a.txt")).unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {NEEDING_MENTIONS}"))
            .unwrap()
            .query_map([1], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("INDEX documents_mentions_version")),
            "{plan:?}"
        );
        assert_eq!(store.documents_needing_mentions(1).unwrap().len(), 1);
        assert!(store.documents_needing_mentions(0).unwrap().is_empty());
    }

    #[test]
    fn finding_unanalysed_documents_reads_indexes_not_the_texts() {
        let store = Store::in_memory().unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {UNANALYSED}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .all(|step| !step.starts_with("SCAN") || step.contains("COVERING INDEX")),
            "{plan:?}"
        );
    }

    #[test]
    fn a_store_of_schema_6_keeps_its_mentions_as_lists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let c = Connection::open(&path).unwrap();
            for (sql, then) in &MIGRATIONS[..6] {
                assert!(then.is_none());
                c.execute_batch(sql).unwrap();
            }
            c.pragma_update(None, "user_version", 6).unwrap();
            c.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            let text = "زار الرئيس باريس وبرلين";
            for id in ["d1", "d2"] {
                c.execute(
                    "INSERT INTO documents (id, source, format, encoding, original, text, text_hash, words, mentions_version)
                     VALUES (?1, ?1, 'text', 'UTF-8', ?2, ?2, ?1, 4, 3)",
                    [id, text],
                )
                .unwrap();
            }
            // Rows in no particular order, as an older build wrote them.
            c.execute_batch(
                "INSERT INTO mentions VALUES ('d2', 30, 40, 'وبرلين', 'location', 'gazetteer', NULL);
                 INSERT INTO mentions VALUES ('d1', 30, 40, 'وبرلين', 'location', 'tagger', 'Q64');
                 INSERT INTO mentions VALUES ('d1', 20, 30, 'باريس', 'location', 'tagger', 'Q90');
                 INSERT INTO entities VALUES ('e1', 0, 'location', 'برلين', 'Berlin', 'Q64', 'وبرلين', '');
                 INSERT INTO entity_mentions VALUES ('e1', 'd2', 30, 40, 'وبرلين');
                 INSERT INTO entity_mentions VALUES ('e1', 'd1', 30, 40, 'وبرلين');",
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        let mention =
            |start, end, text: &str, found: &str, gazetteer_id: Option<&str>| MentionRow {
                start,
                end,
                text: text.into(),
                kind: "location".into(),
                found: found.into(),
                gazetteer_id: gazetteer_id.map(str::to_string),
            };
        assert_eq!(
            s.all_mentions().unwrap(),
            vec![
                ("d1".into(), mention(20, 30, "باريس", "tagger", Some("Q90"))),
                (
                    "d1".into(),
                    mention(30, 40, "وبرلين", "tagger", Some("Q64"))
                ),
                ("d2".into(), mention(30, 40, "وبرلين", "gazetteer", None)),
            ]
        );
        let entities = s.entities().unwrap();
        assert_eq!(entities.len(), 1);
        assert_eq!(
            entities[0].mentions,
            vec![
                ("d1".into(), 30, 40, "وبرلين".into()),
                ("d2".into(), 30, 40, "وبرلين".into()),
            ]
        );
        let old_tables: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('mentions', 'entity_mentions')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old_tables, 0);
    }

    #[test]
    fn entities_keep_their_mentions_by_document_id_and_refuse_unknown_documents() {
        let mut s = Store::in_memory().unwrap();
        let (a, b) = two_articles();
        // The one of larger id stored first: storing order and id order differ.
        let (first, second) = if a.id > b.id { (&a, &b) } else { (&b, &a) };
        s.add_plain(first).unwrap();
        assert!(matches!(s.add_plain(second).unwrap(), Added::New { .. }));
        let entity = |mentions: Vec<(String, usize, usize, String)>| EntityRow {
            id: "e1".into(),
            kind: EntityType::Location,
            name: "الميناء".into(),
            name_latin: None,
            gazetteer_id: None,
            variants: vec!["الميناء".into()],
            explanation: Vec::new(),
            mentions,
        };
        let at = |d: &Document, start: usize| (d.id.clone(), start, start + 2, "x".to_string());
        s.replace_entities(&[entity(vec![at(&b, 9), at(&a, 40), at(&b, 2), at(&a, 3)])])
            .unwrap();
        // By document id, then position, whichever document was stored first.
        let mut by_id = vec![at(&a, 3), at(&a, 40), at(&b, 2), at(&b, 9)];
        by_id.sort();
        assert_eq!(s.entities().unwrap()[0].mentions, by_id);
        let err = s
            .replace_entities(&[entity(vec![("nowhere".into(), 0, 1, "x".into())])])
            .unwrap_err();
        assert!(err.to_string().contains("nowhere"), "{err}");
        assert_eq!(
            s.entities().unwrap()[0].mentions.len(),
            4,
            "the old entities stay"
        );
    }

    #[test]
    fn a_damaged_mention_list_is_an_error_naming_its_document() {
        let mut s = Store::in_memory().unwrap();
        let a = doc(ARTICLE, "a.txt");
        let m = MentionRow {
            start: 0,
            end: 10,
            text: ARTICLE[..10].into(),
            kind: "other".into(),
            found: "tagger".into(),
            gazetteer_id: None,
        };
        s.add(&a, std::slice::from_ref(&m), 1).unwrap();
        assert_eq!(s.all_mentions().unwrap(), vec![(a.id.clone(), m)]);
        s.conn
            .execute("UPDATE document_mentions SET list = x'0105'", [])
            .unwrap();
        let err = s.all_mentions().unwrap_err().to_string();
        assert!(err.contains(&a.id) && err.contains("damaged"), "{err}");
    }

    #[test]
    fn texts_held_by_the_caller_are_not_read_again() {
        let mut s = Store::in_memory().unwrap();
        let (a, b) = two_articles();
        s.add_plain(&a).unwrap();
        s.add_plain(&b).unwrap();
        assert_eq!(
            s.texts_unless(|id| id == b.id).unwrap(),
            vec![(a.id.clone(), Some(a.text.clone())), (b.id.clone(), None)]
        );
        assert_eq!(
            s.texts().unwrap(),
            vec![
                (a.id.clone(), a.text.clone()),
                (b.id.clone(), b.text.clone())
            ]
        );
    }

    #[test]
    fn mentions_held_by_the_caller_are_taken_and_the_rest_read() {
        let mut s = Store::in_memory().unwrap();
        let (a, b) = two_articles();
        let mention = |start: usize, found: &str| MentionRow {
            start,
            end: start + 10,
            text: ARTICLE[start..start + 10].into(),
            kind: "other".into(),
            found: found.into(),
            gazetteer_id: None,
        };
        s.add(&a, &[mention(0, "tagger")], 1).unwrap();
        s.add(&b, &[mention(12, "gazetteer")], 1).unwrap();
        let mut known = HashMap::from([(b.id.clone(), vec![mention(12, "gazetteer")])]);
        let all = s.all_mentions_with(&mut known).unwrap();
        assert!(known.is_empty(), "the known list was taken");
        assert_eq!(all, s.all_mentions().unwrap());
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn reopening_keeps_documents_and_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("isnad.db");
        {
            let mut s = Store::open(&path).unwrap();
            s.add_plain(&doc(ARTICLE, "a.txt")).unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.count().unwrap(), 1);
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert!(s.check().is_ok());
    }

    #[test]
    fn new_stores_get_article_sized_pages_and_old_ones_keep_theirs() {
        let page_size = |s: &Store| -> i64 {
            s.conn
                .query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap()
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let mut s = Store::open(&path).unwrap();
        assert_eq!(page_size(&s), 16384);
        s.add_plain(&doc(ARTICLE, "a.txt")).unwrap();
        drop(s);
        // A store made with 4 KiB pages (by an earlier version) opens as it is.
        let old = dir.path().join("old.db");
        {
            let c = Connection::open(&old).unwrap();
            c.execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x); DROP TABLE t;")
                .unwrap();
        }
        let mut s = Store::open(&old).unwrap();
        s.add_plain(&doc(ARTICLE, "a.txt")).unwrap();
        assert_eq!(page_size(&s), 4096);
        assert_eq!(s.count().unwrap(), 1);
        assert!(s.check().is_ok());
    }
}
