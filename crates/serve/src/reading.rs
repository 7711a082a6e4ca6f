//! What the routes read a request with: the store's ledger as it is now,
//! and a list position from a cursor.

use std::sync::Arc;

use crate::error::ApiError;
use crate::{AppState, Snapshot};

/// The store's ledger now (read off the async threads: SQLite blocks).
pub(crate) async fn snapshot(state: &Arc<AppState>) -> Result<Arc<Snapshot>, ApiError> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || state.snapshot())
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::store)
}

/// A cursor that is a position in a list ordered by something other than
/// id (the timeline, search hits).
pub(crate) fn position(cursor: Option<&str>) -> Result<usize, ApiError> {
    cursor.map_or(Ok(0), |c| {
        c.parse().map_err(|_| {
            ApiError::bad_request(format!(
                "cursor must be a next_cursor this route gave, not '{c}'"
            ))
        })
    })
}
