//! Full-text search over the ledger: isnad's own Arabic analyser in a
//! tantivy index of documents, facts and stories.
//!
//! This crate owns:
//! * [`analyser`]: the keys a word is indexed and queried by (the text
//!   crate's folded, clitic-stripped keys, the form as written, light stems
//!   outside names, linked entities);
//! * [`query`]: the query language (words, phrases, `OR`, `-`, prefixes,
//!   filters);
//! * [`SearchIndex`]: the index folder beside the store (`isnad.db.index/`),
//!   derived and rebuildable, stamped with the store's generation and the
//!   analyser's version; brought in step incrementally ([`SearchIndex::sync`]);
//! * searching it ([`SearchIndex::search`]): hits with highlighted snippets
//!   (byte spans into the document's text, and UTF-16 offsets for browsers),
//!   facets and a histogram by day.
//!
//! It reads the ledger (and the store, for its generation); nothing reads it
//! but the binary and, later, the web server.
#![deny(missing_docs)]

pub mod analyser;
mod entities;
mod highlight;
mod index;
pub mod query;
mod records;
mod schema;
mod search;
mod terms;

pub use entities::EntityTable;
pub use highlight::SnippetSpan;
pub use index::{generation, index_path, ReadDocs, SearchIndex, Stamp, SyncReport};
pub use search::{Facet, Hit, Request, Results};

/// What can go wrong searching or indexing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SearchError {
    /// The query cannot be read.
    #[error("the query `{query}` cannot be read: {message}")]
    Query {
        /// The query as given.
        query: String,
        /// What is wrong and how to write it.
        message: String,
    },
    /// A filter names something the store does not have or a value it does not know.
    #[error("{0}")]
    Filter(String),
    /// The index folder.
    #[error("the search index {path}: {message}")]
    Index {
        /// The index folder.
        path: String,
        /// What went wrong and what to do.
        message: String,
    },
    /// tantivy.
    #[error("the search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The store.
    #[error(transparent)]
    Store(#[from] isnad_store::StoreError),
}
