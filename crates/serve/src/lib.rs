//! `isnad serve`: the ledger of a store over HTTP.
//!
//! It owns the server: the JSON API under `/api/v1` (documents, one
//! document with its text and removed ranges, facts, clusters, stories,
//! entities with variants and mentions, search, timeline, exports, the
//! `changes?since=` feed, write jobs; filters, cursor pages, errors as JSON
//! with their HTTP status), the OpenAPI description it serves at
//! `/api/v1/openapi.json`, the limits (rate per client, target and body
//! size), the token writes need, and the headers every response carries.
//! It reads the store through [`isnad_store::Store`] and answers from one
//! [`Snapshot`] of its ledger, read again when another connection (a run,
//! or a write job) has committed since.
//!
//! Writes (`POST /api/v1/documents`) only file the articles and hand them
//! to the pipeline (isnad-pipeline), which owns what is stored. It binds to
//! whatever address its caller gives (the command line defaults to
//! localhost).
//!
//! # Merging another crate's routes (the web pages)
//!
//! ```no_run
//! # fn pages() -> axum::Router<std::sync::Arc<isnad_serve::AppState>> { axum::Router::new() }
//! use isnad_serve::{AppState, Config};
//! let state = AppState::open("store.db".as_ref(), Config::from_env()).unwrap();
//! // Pages are handlers taking `State<Arc<AppState>>` and reading
//! // `state.snapshot()` (blocking: inside `spawn_blocking`).
//! let app = isnad_serve::api_routes().merge(pages());
//! let app = isnad_serve::finish(app, state); // limits, headers, JSON 404s
//! ```
//!
//! A page that sets its own `Content-Security-Policy` keeps it; every other
//! answer gets the API's (`default-src 'none'`).
#![deny(missing_docs)]

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

mod api;
mod changes;
mod error;
mod find;
mod jobs;
mod limits;
mod reading;
mod state;
mod write;

pub use error::ServeError;
pub use limits::RateLimit;
pub use state::{AppState, Snapshot};

/// The OpenAPI 3 description of the API, as served at `/api/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// The largest body a write reads unless configured otherwise (8 MiB).
pub const DEFAULT_MAX_BODY: usize = 8 * 1024 * 1024;

/// How the server is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// The token writes must carry (`Authorization: Bearer`); `None`: the
    /// server is read-only.
    pub token: Option<String>,
    /// Requests allowed per client address (`None`: no limit).
    pub rate_limit: Option<RateLimit>,
    /// The largest body a write reads, in bytes.
    pub max_body: usize,
}

impl Default for Config {
    /// Read-only, 600 requests a second per client, bodies up to 8 MiB.
    fn default() -> Config {
        Config {
            token: None,
            rate_limit: Some(RateLimit {
                requests: 600,
                window: Duration::from_secs(1),
            }),
            max_body: DEFAULT_MAX_BODY,
        }
    }
}

impl Config {
    /// The default, with the token of the `ISNAD_TOKEN` environment
    /// variable (unset or empty: read-only).
    pub fn from_env() -> Config {
        Config {
            token: std::env::var("ISNAD_TOKEN").ok().filter(|t| !t.is_empty()),
            ..Config::default()
        }
    }
}

/// Every route of the API, without fallback or layers: merge other routes
/// into it, then [`finish`] it.
pub fn api_routes() -> axum::Router<Arc<AppState>> {
    api::routes()
}

/// `routes` made into the application: a JSON 404 for any other path,
/// error answers as JSON, the rate and target-size limits, and the
/// headers every answer carries; `state` given to every route.
pub fn finish(routes: axum::Router<Arc<AppState>>, state: Arc<AppState>) -> axum::Router {
    routes
        .fallback(api::no_route)
        .layer(axum::middleware::map_response(limits::json_errors))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            limits::guard,
        ))
        .layer(axum::middleware::map_response(api::secure))
        .with_state(state)
}

/// The application answering for the store at `db` (opened now) with the
/// default [`Config`] and the token of `ISNAD_TOKEN`: every route of the API.
pub fn router(db: &Path) -> Result<axum::Router, ServeError> {
    let state = AppState::open(db, Config::from_env())?;
    Ok(finish(api_routes(), state))
}

/// Serves the store at `db` on `addr` with the token of `ISNAD_TOKEN`
/// until the process is interrupted (Ctrl-C); see [`serve_with`].
pub fn serve(
    db: &Path,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    serve_with(db, addr, Config::from_env(), ready)
}

/// Serves the store at `db` on `addr` set up by `config` until the
/// process is interrupted (Ctrl-C), on a runtime of its own; `ready` hears
/// the address bound (the port chosen when `addr` asks for port 0).
pub fn serve_with(
    db: &Path,
    addr: SocketAddr,
    config: Config,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let state = AppState::open(db, config)?;
    serve_app(finish(api_routes(), state), addr, ready)
}

/// Serves `app` (made by [`finish`]) on `addr` until Ctrl-C, each request
/// knowing its client's address (what the rate limit counts by).
pub fn serve_app(
    app: axum::Router,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Runtime::new().map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| ServeError::Bind(addr, e))?;
        let bound = listener
            .local_addr()
            .map_err(|e| ServeError::Bind(addr, e))?;
        ready(bound);
        let app = app.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(ServeError::Runtime)
    })
}
