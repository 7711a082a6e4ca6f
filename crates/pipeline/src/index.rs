//! The last step of a run: the search index beside the store (isnad-search)
//! brought in step with it, reading each document from the `Doc` the run
//! made of it, not from its text again.

use isnad_search::{ReadDocs, SearchIndex, SyncReport};
use isnad_store::Store;
use isnad_text::Doc;

use crate::Progress;

/// Brings the index of `store` in step, reading the documents of `docs`
/// (id, `Doc`) from their analysis. The index is derived: when it cannot
/// be brought in step now (another run is writing it, the disk is full),
/// the run still succeeds, and `progress` hears what to do.
pub(crate) fn bring_in_step(
    store: &Store,
    docs: &[(String, Doc)],
    progress: &dyn Progress,
) -> Option<SyncReport> {
    let read: ReadDocs = docs.iter().map(|(id, doc)| (id.as_str(), doc)).collect();
    match SearchIndex::bring_in_step(store.path(), store, &read) {
        Ok(report) => report,
        Err(e) => {
            progress.warned(&format!(
                "{e}; the store is fine: `isnad search` brings the index in step, `isnad index --rebuild` makes it anew"
            ));
            None
        }
    }
}
