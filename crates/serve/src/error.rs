//! What can go wrong: starting the server ([`ServeError`]) and answering
//! one request ([`ApiError`], a JSON body with its HTTP status).

use std::net::SocketAddr;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use isnad_store::StoreError;

/// Why the server cannot start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The store cannot be opened or read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address cannot be bound (in use, or not this machine's).
    #[error("cannot listen on {0}: {1} (is another server using it? try another --addr)")]
    Bind(SocketAddr, std::io::Error),
    /// The runtime could not start or serve.
    #[error("the server failed: {0}")]
    Runtime(std::io::Error),
}

/// One request's failure, answered as `{"error": {"status", "message"}}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    /// An error with this status and message.
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// The request asks for something malformed (400).
    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// Nothing is at this address (404).
    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// The store could not be read (500; the message says which store and why).
    pub(crate) fn store(e: StoreError) -> ApiError {
        ApiError::internal(e)
    }

    /// Something on the server's side failed (500, with what failed).
    pub(crate) fn internal(e: impl std::fmt::Display) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: e.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "status": self.status.as_u16(), "message": self.message }
        });
        (self.status, Json(body)).into_response()
    }
}
