//! `POST /api/v1/documents`: articles added through the API. The request
//! must carry the server's token; the body is read whole (at most the
//! configured size), every article in it checked as the pipeline will read
//! it, and only then filed in the inbox beside the store and queued as a
//! job. A body with any bad article is refused whole: nothing is stored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::AppState;

/// Metadata a text or HTML body can be given in the query.
const METADATA: [&str; 5] = ["title", "url", "outlet", "author", "published"];

/// Adds the articles of the body and answers 202 with the job that runs
/// the pipeline over them (`Location: /api/v1/jobs/{id}`).
pub(crate) async fn add_documents(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
    body: Body,
) -> Result<Response, ApiError> {
    authorise(state.config.token.as_deref(), &headers)?;
    let limit = state.config.max_body;
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than {limit} bytes: send fewer articles at a time"),
        )
    })?;
    let lines = as_json_lines(content_type(&headers), &params, &bytes)?;
    let articles = check(&lines)?;
    let dir = inbox(state.db());
    let file = tokio::task::spawn_blocking(move || file_away(&dir, &lines))
        .await
        .map_err(ApiError::internal)?
        .map_err(|e| ApiError::internal(format!("cannot file the articles: {e}")))?;
    let job = state.jobs.submit(file, articles);
    let location = format!("/api/v1/jobs/{}", job.id);
    let mut answer = (StatusCode::ACCEPTED, Json(job)).into_response();
    answer.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(&location).map_err(ApiError::internal)?,
    );
    Ok(answer)
}

/// Refuses a write when the server has no token (read-only), when the
/// request has none, or a wrong one (compared in constant time).
fn authorise(token: Option<&str>, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only: start it with ISNAD_TOKEN set to accept writes",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match given {
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "writes need the server's token: send `Authorization: Bearer TOKEN`",
        )),
        Some(given) if !same_secret(given.trim(), token) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "the token is not this server's",
        )),
        Some(_) => Ok(()),
    }
}

/// Whether `a` and `b` are the same, in time that depends on neither:
/// their SHA-256 digests (fixed length) compared byte by byte, every byte.
fn same_secret(a: &str, b: &str) -> bool {
    let (da, db) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    da.iter()
        .zip(db.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The body as JSON lines the pipeline reads (one article a line):
/// JSON lines as sent; JSON, one article object or an array of them; a
/// text or HTML article with its metadata from the query.
fn as_json_lines(
    kind: String,
    params: &HashMap<String, String>,
    bytes: &[u8],
) -> Result<Vec<String>, ApiError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ApiError::bad_request(format!("the body is not UTF-8 ({e}): send it as UTF-8"))
    })?;
    let content = match kind.as_str() {
        "text/plain" => "text",
        "text/html" => "html",
        _ => "",
    };
    if let Some(unknown) = params
        .keys()
        .filter(|k| content.is_empty() || !METADATA.contains(&k.as_str()))
        .min()
    {
        return Err(ApiError::bad_request(match content {
            "" => format!("unknown parameter '{unknown}': metadata goes in each JSON article"),
            _ => format!(
                "unknown parameter '{unknown}' (this route takes: {})",
                METADATA.join(", ")
            ),
        }));
    }
    match kind.as_str() {
        "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines" => Ok(text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()),
        "application/json" => match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(items)) => Ok(items.iter().map(Value::to_string).collect()),
            Ok(item @ Value::Object(_)) => Ok(vec![item.to_string()]),
            Ok(_) => Err(ApiError::bad_request(
                "the JSON body must be an article object or an array of them",
            )),
            Err(e) => Err(ApiError::bad_request(format!(
                "the body is not valid JSON: {e}"
            ))),
        },
        "text/plain" | "text/html" => {
            let mut record = Map::new();
            record.insert(content.into(), Value::String(text.to_string()));
            for (k, v) in params {
                record.insert(k.clone(), Value::String(v.clone()));
            }
            Ok(vec![Value::Object(record).to_string()])
        }
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "cannot read a body of type '{other}': send text/plain, text/html, \
                 application/json or application/x-ndjson"
            ),
        )),
    }
}

/// Reads every article as the pipeline will; the number of articles, or
/// a 400 naming each bad one.
fn check(lines: &[String]) -> Result<usize, ApiError> {
    if lines.is_empty() {
        return Err(ApiError::bad_request("the body holds no article"));
    }
    let joined = lines.join("\n");
    let read = isnad_ingest::read_jsonl("article", joined.as_bytes())
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let bad: Vec<String> = read
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    match bad.is_empty() {
        true => Ok(read.len()),
        false => Err(ApiError::bad_request(format!(
            "nothing was stored: {}",
            bad.join("; ")
        ))),
    }
}

/// Where added articles are filed: `STORE.inbox/` beside the store.
fn inbox(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".inbox");
    PathBuf::from(name)
}

/// Writes `lines` to a new file of the inbox (written whole, then named).
fn file_away(dir: &Path, lines: &[String]) -> std::io::Result<PathBuf> {
    static FILED: AtomicU64 = AtomicU64::new(0);
    std::fs::create_dir_all(dir)?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    let n = FILED.fetch_add(1, Ordering::Relaxed);
    let name = format!("api-{stamp}-{}-{n}", std::process::id());
    let partial = dir.join(format!("{name}.partial"));
    std::fs::write(&partial, lines.join("\n") + "\n")?;
    let file = dir.join(format!("{name}.jsonl"));
    std::fs::rename(&partial, &file)?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_match_only_when_equal() {
        assert!(same_secret("s3cret", "s3cret"));
        assert!(!same_secret("s3cret", "s3cres"));
        assert!(!same_secret("s3cret", "s3cret-longer"));
        assert!(!same_secret("", "s3cret"));
    }
}
