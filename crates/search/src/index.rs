//! The index folder beside the store: derived from the ledger, stamped with
//! what it was made from, brought in step incrementally, rebuilt whole when
//! its stamp says another analyser or layout made it.
//!
//! ```text
//! isnad.db.index/
//!   stamp.json      {format, analyser, schema, generation}
//!   entities.json   the entity table (names and spellings by id)
//!   tantivy/        the segments
//! ```

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use isnad_ledger::Ledger;
use isnad_store::Store;
use isnad_text::{Doc, Vocabulary};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::analyser::ANALYSER_VERSION;
use crate::records::LedgerView;
use crate::schema::{Fields, SCHEMA_VERSION};
use crate::search::{self, Request, Results};
use crate::{EntityTable, SearchError};

/// The stamp's format name.
const FORMAT: &str = "isnad.search.v1";
/// Memory for tantivy's indexing buffers.
const WRITER_BYTES: usize = 64 << 20;

/// What an index was made from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// `isnad.search.v1`.
    pub format: String,
    /// [`ANALYSER_VERSION`] of the analyser that made it.
    pub analyser: u32,
    /// The layout of its fields.
    pub schema: u32,
    /// The store's [`generation`] it reflects.
    pub generation: String,
}

impl Stamp {
    fn current(generation: &str) -> Stamp {
        Stamp {
            format: FORMAT.into(),
            analyser: ANALYSER_VERSION,
            schema: SCHEMA_VERSION,
            generation: generation.into(),
        }
    }

    /// Whether this analyser and layout made it (else it is rebuilt).
    fn is_current_layout(&self) -> bool {
        self.format == FORMAT && self.analyser == ANALYSER_VERSION && self.schema == SCHEMA_VERSION
    }
}

/// What bringing an index in step did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// Made anew (no index, another analyser or layout, or asked for).
    pub rebuilt: bool,
    /// Documents indexed (new or changed).
    pub indexed: usize,
    /// Documents taken out (removed from the store, or changed: then indexed again).
    pub removed: usize,
    /// Documents left as they were.
    pub unchanged: usize,
    /// Stories indexed.
    pub stories: usize,
}

/// The index folder for the store `db`: `DB.index` beside it.
pub fn index_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".index");
    db.with_file_name(name)
}

/// The store's generation: a digest of its documents and of what each one's
/// analysis was made from (the fact reader's fingerprint), so adding,
/// removing or re-analysing a document changes it.
pub fn generation(store: &Store) -> Result<String, SearchError> {
    let mut prints = store.fact_fingerprints()?;
    prints.sort();
    let mut h = Sha256::new();
    h.update(store.count()?.to_le_bytes());
    for (doc, print) in prints {
        h.update(doc.as_bytes());
        h.update([0]);
        h.update(print.as_bytes());
        h.update([0]);
    }
    Ok(h.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Documents already read into their [`Doc`]s, by document id: indexing
/// reads these instead of reading their texts again (a pipeline hands over
/// the `Doc`s of its run).
#[derive(Default)]
pub struct ReadDocs<'d>(HashMap<&'d str, &'d Doc>);

impl<'d> ReadDocs<'d> {
    /// None read.
    pub fn new() -> ReadDocs<'d> {
        ReadDocs::default()
    }

    /// The document `id`'s text, read.
    pub fn add(&mut self, id: &'d str, doc: &'d Doc) {
        self.0.insert(id, doc);
    }

    /// The `Doc` read of `d`, when it is one of its text.
    fn of(&self, d: &isnad_ledger::Document) -> Option<&'d Doc> {
        self.0
            .get(d.id.as_str())
            .copied()
            .filter(|doc| doc.text() == d.text)
    }
}

impl<'d> FromIterator<(&'d str, &'d Doc)> for ReadDocs<'d> {
    fn from_iter<I: IntoIterator<Item = (&'d str, &'d Doc)>>(iter: I) -> ReadDocs<'d> {
        ReadDocs(iter.into_iter().collect())
    }
}

/// An open index, ready to search.
pub struct SearchIndex {
    dir: PathBuf,
    reader: IndexReader,
    fields: Fields,
    entities: EntityTable,
    stamp: Stamp,
}

impl SearchIndex {
    /// The index of the store `db` in step with it: opened, brought in step
    /// when the store changed since (a rebuild when another analyser made
    /// it, or there is none). Returns what bringing it in step did, if anything.
    pub fn in_step(
        db: &Path,
        store: &Store,
    ) -> Result<(SearchIndex, Option<SyncReport>), SearchError> {
        let report = SearchIndex::bring_in_step(db, store, &ReadDocs::new())?;
        Ok((SearchIndex::open(&index_path(db))?, report))
    }

    /// Brings the index of the store `db` in step with it, as
    /// [`SearchIndex::in_step`] does, reading the documents of `read` from
    /// their [`Doc`]s; `None` when it was in step already.
    pub fn bring_in_step(
        db: &Path,
        store: &Store,
        read: &ReadDocs<'_>,
    ) -> Result<Option<SyncReport>, SearchError> {
        let dir = index_path(db);
        let current = generation(store)?;
        if let Some(stamp) = read_stamp(&dir)? {
            if stamp.is_current_layout() && stamp.generation == current {
                return Ok(None);
            }
        }
        SearchIndex::sync(&dir, &store.ledger()?, &current, read).map(Some)
    }

    /// Brings the index in `dir` in step with the store whose ledger and
    /// generation are given, store by store document: only new, changed
    /// and removed documents are indexed or taken out (stories are indexed
    /// again each time). An index made by another analyser or layout, or
    /// none, is rebuilt. The documents of `read` are read from their
    /// [`Doc`]s, the others from their texts.
    pub fn sync(
        dir: &Path,
        ledger: &Ledger,
        generation: &str,
        read: &ReadDocs<'_>,
    ) -> Result<SyncReport, SearchError> {
        let layout_ok = read_stamp(dir)?.is_some_and(|s| s.is_current_layout());
        if !layout_ok {
            return SearchIndex::rebuild(dir, ledger, generation, read);
        }
        let index = open_tantivy(dir)?;
        let (_, f) = Fields::schema();
        let indexed = indexed_digests(&index, &f)?;
        let view = LedgerView::new(ledger);
        let mut writer: IndexWriter = index.writer(WRITER_BYTES)?;
        let mut report = SyncReport::default();
        let mut vocabulary = Vocabulary::new();
        let mut in_ledger: HashSet<&str> = HashSet::new();
        for (i, d) in ledger.documents.iter().enumerate() {
            in_ledger.insert(d.id.as_str());
            let digest = view.document_digest(i);
            match indexed.get(d.id.as_str()) {
                Some(old) if *old == digest => report.unchanged += 1,
                old => {
                    if old.is_some() {
                        writer.delete_term(Term::from_field_text(f.doc, &d.id));
                        report.removed += 1;
                    }
                    let doc = read.of(d);
                    for e in view.document_entries(i, &f, doc, &mut vocabulary, &digest) {
                        writer.add_document(e)?;
                    }
                    report.indexed += 1;
                }
            }
        }
        for id in indexed
            .keys()
            .filter(|id| !in_ledger.contains(String::as_str(id)))
        {
            writer.delete_term(Term::from_field_text(f.doc, id));
            report.removed += 1;
        }
        writer.delete_term(Term::from_field_text(f.hit, "story"));
        for s in &ledger.stories {
            let headline = view.headline_document(s).and_then(|d| read.of(d));
            writer.add_document(view.story_entry(s, &f, headline, &mut vocabulary))?;
            report.stories += 1;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        write_json(&dir.join("entities.json"), &EntityTable::of(ledger), dir)?;
        write_json(&dir.join("stamp.json"), &Stamp::current(generation), dir)?;
        Ok(report)
    }

    /// Makes the index in `dir` anew from `ledger` (built beside it, then
    /// put in its place, so a failed rebuild leaves the old index); the
    /// documents of `read` are read from their [`Doc`]s.
    pub fn rebuild(
        dir: &Path,
        ledger: &Ledger,
        generation: &str,
        read: &ReadDocs<'_>,
    ) -> Result<SyncReport, SearchError> {
        let fresh = dir.with_extension(format!("index-new-{}", std::process::id()));
        let io = |e: std::io::Error, what: &Path| {
            index_error(
                what,
                &format!("{e}; check the folder's permissions and free space"),
            )
        };
        if fresh.exists() {
            std::fs::remove_dir_all(&fresh).map_err(|e| io(e, &fresh))?;
        }
        std::fs::create_dir_all(fresh.join("tantivy")).map_err(|e| io(e, &fresh))?;
        let (schema, _) = Fields::schema();
        Index::create_in_dir(fresh.join("tantivy"), schema)?;
        write_json(&fresh.join("stamp.json"), &Stamp::current(""), &fresh)?;
        let mut report = SearchIndex::sync(&fresh, ledger, generation, read)?;
        report.rebuilt = true;
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| io(e, dir))?;
        }
        std::fs::rename(&fresh, dir).map_err(|e| io(e, dir))?;
        Ok(report)
    }

    /// Opens the index in `dir` as it is.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let stamp = read_stamp(dir)?
            .ok_or_else(|| index_error(dir, "it has no stamp.json: run `isnad index --rebuild`"))?;
        let index = open_tantivy(dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let text = std::fs::read_to_string(dir.join("entities.json")).map_err(|e| {
            index_error(
                dir,
                &format!("entities.json: {e}; run `isnad index --rebuild`"),
            )
        })?;
        let mut entities: EntityTable = serde_json::from_str(&text).map_err(|e| {
            index_error(
                dir,
                &format!("entities.json: {e}; run `isnad index --rebuild`"),
            )
        })?;
        entities.index_keys();
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            reader,
            fields: Fields::schema().1,
            entities,
            stamp,
        })
    }

    /// Runs a search.
    pub fn search(&self, request: &Request) -> Result<Results, SearchError> {
        search::run(
            &self.reader.searcher(),
            &self.fields,
            &self.entities,
            request,
        )
    }

    /// What the index was made from.
    pub fn stamp(&self) -> &Stamp {
        &self.stamp
    }

    /// The entities the index knows.
    pub fn entities(&self) -> &EntityTable {
        &self.entities
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many entries (documents, facts, stories) it holds.
    pub fn entries(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

fn index_error(path: &Path, message: &str) -> SearchError {
    SearchError::Index {
        path: path.display().to_string(),
        message: message.to_string(),
    }
}

/// The tantivy index in `dir`, with isnad's term lists readable
/// ([`crate::terms`]).
fn open_tantivy(dir: &Path) -> Result<Index, SearchError> {
    let index = Index::open_in_dir(dir.join("tantivy")).map_err(|e| {
        index_error(
            dir,
            &format!("{e}; run `isnad index --rebuild` to make it anew from the store"),
        )
    })?;
    index
        .tokenizers()
        .register(crate::terms::TERM_LIST, crate::terms::TermListTokenizer);
    Ok(index)
}

fn read_stamp(dir: &Path) -> Result<Option<Stamp>, SearchError> {
    match std::fs::read_to_string(dir.join("stamp.json")) {
        Ok(text) => Ok(serde_json::from_str(&text).ok()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(index_error(dir, &format!("stamp.json: {e}"))),
    }
}

/// Writes `value` as JSON to `path` atomically (a temporary file renamed).
fn write_json<T: Serialize>(path: &Path, value: &T, dir: &Path) -> Result<(), SearchError> {
    let tmp = path.with_extension("json.tmp");
    let bytes = serde_json::to_vec(value).expect("plain data serialises");
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| index_error(dir, &format!("{}: {e}", path.display())))
}

/// The digest each indexed document was made from, by document id.
fn indexed_digests(index: &Index, f: &Fields) -> Result<HashMap<String, String>, SearchError> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let query = TermQuery::new(
        Term::from_field_text(f.hit, "document"),
        IndexRecordOption::Basic,
    );
    let mut out = HashMap::new();
    for address in searcher.search(&query, &DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field: tantivy::schema::Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
        };
        if let (Some(id), Some(digest)) = (text(f.id), text(f.digest)) {
            out.insert(id, digest);
        }
    }
    Ok(out)
}
