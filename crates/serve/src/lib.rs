//! `isnad serve`: the ledger of a store over HTTP.
//!
//! It owns the server: the JSON API under `/api/v1` (documents, one
//! document, facts, clusters, stories, entities; filters, cursor pages,
//! errors as JSON with their HTTP status), the OpenAPI description it
//! serves at `/api/v1/openapi.json`, and the headers every response
//! carries. It reads the store through [`isnad_store::Store`] and answers
//! from one snapshot of its ledger, read again when another process (a run)
//! has committed since.
//!
//! It must not analyse or write: the pipeline owns what is stored. It binds
//! to whatever address its caller gives (the command line defaults to
//! localhost).
#![deny(missing_docs)]

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

mod api;
mod error;
mod snapshot;

pub use error::ServeError;
use snapshot::Snapshots;

/// The OpenAPI 3 description of the API, as served at `/api/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// The application answering for the store at `db` (opened now, read-only
/// use): every route of the API.
pub fn router(db: &Path) -> Result<axum::Router, ServeError> {
    let snapshots = Snapshots::open(db)?;
    Ok(api::routes(Arc::new(snapshots)))
}

/// Serves the store at `db` on `addr` until the process is interrupted
/// (Ctrl-C), on a runtime of its own; `ready` hears the address bound (the
/// port chosen when `addr` asks for port 0).
pub fn serve(
    db: &Path,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let app = router(db)?;
    let runtime = tokio::runtime::Runtime::new().map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| ServeError::Bind(addr, e))?;
        let bound = listener
            .local_addr()
            .map_err(|e| ServeError::Bind(addr, e))?;
        ready(bound);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(ServeError::Runtime)
    })
}
