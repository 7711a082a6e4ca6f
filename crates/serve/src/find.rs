//! `GET /api/v1/search` (isnad-search: its query language, filters,
//! facets and highlights, on the index kept in step with the store) and
//! `GET /api/v1/exports/{format}` (the ledger as `isnad export` writes it).

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use isnad_search::query::Filters;
use isnad_search::{Request, SearchError};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::reading::{position, snapshot};
use crate::AppState;

/// The parameters search takes that may be given more than once.
const LISTS: [&str; 7] = [
    "type", "kind", "place", "actor", "source", "outlet", "status",
];
/// The parameters search takes once.
const SINGLE: [&str; 10] = [
    "q",
    "from",
    "to",
    "published_from",
    "published_to",
    "hedged",
    "negated",
    "facets",
    "limit",
    "cursor",
];
/// The deepest a search pages (cursor plus limit).
const MAX_DEPTH: usize = 10_000;

/// A search: `q` in isnad-search's language, the filters of `isnad search`
/// as parameters, `facets=true` for counts; hits best first, a page at a time.
pub(crate) async fn search(
    State(s): State<Arc<AppState>>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let (request, from, limit) = read_request(&params)?;
    let results = tokio::task::spawn_blocking(move || {
        let index = s.search_index()?;
        index.search(&request)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(|e| match e {
        SearchError::Query { .. } | SearchError::Filter(_) => ApiError::bad_request(e.to_string()),
        e => ApiError::internal(e),
    })?;
    let hits: Vec<Value> = results
        .hits
        .iter()
        .skip(from)
        .take(limit)
        .map(|h| serde_json::to_value(h).expect("hits serialise"))
        .collect();
    let shown = from + hits.len();
    let facets: serde_json::Map<String, Value> = results
        .facets
        .iter()
        .map(|(name, counts)| (name.clone(), json!(counts)))
        .collect();
    Ok(Json(json!({
        "items": hits,
        "next_cursor": (shown < results.total.min(MAX_DEPTH)).then(|| shown.to_string()),
        "total": results.total,
        "facets": facets,
        "days": results.days,
    })))
}

/// The search request the parameters ask for, the position to show from
/// and how many to show.
fn read_request(params: &[(String, String)]) -> Result<(Request, usize, usize), ApiError> {
    let mut filters = Filters::default();
    let mut one = std::collections::HashMap::new();
    for (name, value) in params {
        let list = match name.as_str() {
            "type" => &mut filters.hit,
            "kind" => &mut filters.kind,
            "place" => &mut filters.place,
            "actor" => &mut filters.actor,
            "source" => &mut filters.source,
            "outlet" => &mut filters.outlet,
            "status" => &mut filters.status,
            n if SINGLE.contains(&n) => {
                if one.insert(n, value.as_str()).is_some() {
                    return Err(ApiError::bad_request(format!("'{n}' is given twice")));
                }
                continue;
            }
            n => {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter '{n}' (this route takes: {}, {})",
                    SINGLE.join(", "),
                    LISTS.join(", ")
                )))
            }
        };
        list.push(value.clone());
    }
    let day = |n: &str| one.get(n).map(|d| d.to_string());
    filters.event_from = day("from");
    filters.event_to = day("to");
    filters.published_from = day("published_from");
    filters.published_to = day("published_to");
    filters.hedged = flag(&one, "hedged")?;
    filters.negated = flag(&one, "negated")?;
    let limit = match one.get("limit") {
        None => 20,
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "limit must be a whole number from 1 to 100, not '{l}'"
                ))
            })?,
    };
    let from = position(one.get("cursor").copied())?;
    if from + limit > MAX_DEPTH {
        return Err(ApiError::bad_request(format!(
            "search pages go {MAX_DEPTH} hits deep: narrow the query"
        )));
    }
    let request = Request {
        query: one.get("q").unwrap_or(&"").to_string(),
        filters,
        limit: from + limit,
        facets: flag(&one, "facets")?.unwrap_or(false),
    };
    Ok((request, from, limit))
}

fn flag(one: &std::collections::HashMap<&str, &str>, name: &str) -> Result<Option<bool>, ApiError> {
    match one.get(name).copied() {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(other) => Err(ApiError::bad_request(format!(
            "{name} must be true or false, not '{other}'"
        ))),
    }
}

/// The ledger in one of `isnad export`'s formats: `json` (the ledger),
/// `csv` (its facts), `acled`, `geojson`, `plover` (its events).
pub(crate) async fn export(
    State(s): State<Arc<AppState>>,
    Path(format): Path<String>,
) -> Result<Response, ApiError> {
    let (kind, file) = match format.as_str() {
        "json" => ("application/json", "isnad-ledger.json"),
        "csv" => ("text/csv; charset=utf-8", "isnad-facts.csv"),
        "acled" => ("text/csv; charset=utf-8", "isnad-acled.csv"),
        "geojson" => ("application/geo+json", "isnad-events.geojson"),
        "plover" => ("application/x-ndjson", "isnad-plover.jsonl"),
        other => {
            return Err(ApiError::not_found(format!(
                "no export '{other}' (exports: json, csv, acled, geojson, plover)"
            )))
        }
    };
    let snap = snapshot(&s).await?;
    let gazetteer = Arc::clone(&s.gazetteer);
    let body = tokio::task::spawn_blocking(move || write_export(&format, &snap, &gazetteer))
        .await
        .map_err(ApiError::internal)?
        .map_err(|e| ApiError::internal(format!("the export failed: {e}")))?;
    let disposition = format!("attachment; filename=\"{file}\"");
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// The export's bytes, written by isnad-ledger, isnad-views or isnad-exports.
fn write_export(
    format: &str,
    snap: &crate::Snapshot,
    gazetteer: &isnad_gazetteer::Gazetteer,
) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let (ledger, ids) = (&snap.ledger, &snap.gazetteer_ids);
    match format {
        "json" => isnad_ledger::write_json(ledger, &mut out).map_err(std::io::Error::other)?,
        "csv" => {
            isnad_views::csv::write(&isnad_views::View::new(ledger), gazetteer, ids, &mut out)?
        }
        "acled" => isnad_exports::acled::write(
            &isnad_exports::Export::new(ledger, gazetteer, ids),
            isnad_exports::acled::Columns::WithIsnad,
            &mut out,
        )?,
        "geojson" => isnad_exports::geojson::write(
            &isnad_exports::Export::new(ledger, gazetteer, ids),
            &mut out,
        )?,
        _ => isnad_exports::plover::write(
            &isnad_exports::Export::new(ledger, gazetteer, ids),
            &mut out,
        )?,
    }
    Ok(out)
}
