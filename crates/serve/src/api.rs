//! The routes of `/api/v1`: lists with filters and cursor pages, single
//! records by id, the OpenAPI description, and the headers every response
//! carries.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::{Json, Router};
use isnad_ledger::{Document, Ledger};
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::snapshot::Snapshots;

/// Items a page holds unless `limit` says otherwise.
const DEFAULT_LIMIT: usize = 50;
/// The most items one page holds.
const MAX_LIMIT: usize = 500;

type Shared = Arc<Snapshots>;
type Answer = Result<Json<Value>, ApiError>;

/// Every route, with the headers of [`secure`] on every response.
pub(crate) fn routes(snapshots: Shared) -> Router {
    table()
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
        .fallback(no_route)
        .layer(axum::middleware::map_response(secure))
        .with_state(snapshots)
}

/// Each path of the API and what answers it (the OpenAPI description lists
/// the same paths: a test holds them together).
fn table() -> Vec<(&'static str, MethodRouter<Shared>)> {
    vec![
        ("/api/v1/openapi.json", get(openapi)),
        ("/api/v1/documents", get(documents)),
        ("/api/v1/documents/{id}", get(document)),
        ("/api/v1/facts", get(facts)),
        ("/api/v1/clusters", get(clusters)),
        ("/api/v1/stories", get(stories)),
        ("/api/v1/stories/{id}", get(story)),
        ("/api/v1/entities", get(entities)),
        ("/api/v1/entities/{id}", get(entity)),
    ]
}

/// Headers on every answer: nothing in it runs or loads (the API serves
/// data, and article text is data), no sniffing, no referrer, no framing.
async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

async fn no_route(uri: Uri) -> ApiError {
    ApiError::not_found(format!(
        "no route {}: the API is under /api/v1 (see /api/v1/openapi.json)",
        uri.path()
    ))
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

/// The store's ledger now (read off the async threads: SQLite blocks).
async fn ledger(snapshots: &Shared) -> Result<Arc<Ledger>, ApiError> {
    let snapshots = Arc::clone(snapshots);
    tokio::task::spawn_blocking(move || snapshots.ledger())
        .await
        .map_err(|e| ApiError::bad_request(format!("the request was cancelled: {e}")))?
        .map_err(ApiError::store)
}

/// A list request's parameters: `limit`, `cursor` and the route's filters.
struct ListQuery {
    limit: usize,
    cursor: Option<String>,
    filters: HashMap<String, String>,
}

impl ListQuery {
    /// Reads `params`, refusing a parameter the route does not know (its
    /// `filters` are the names it knows besides `limit` and `cursor`) and a
    /// `limit` that is not 1..=[`MAX_LIMIT`].
    fn read(mut params: HashMap<String, String>, filters: &[&str]) -> Result<ListQuery, ApiError> {
        if let Some(unknown) = params
            .keys()
            .filter(|k| {
                !["limit", "cursor"].contains(&k.as_str()) && !filters.contains(&k.as_str())
            })
            .min()
        {
            let mut known = vec!["limit", "cursor"];
            known.extend(filters);
            return Err(ApiError::bad_request(format!(
                "unknown parameter '{unknown}' (this route takes: {})",
                known.join(", ")
            )));
        }
        let limit = match params.remove("limit") {
            None => DEFAULT_LIMIT,
            Some(l) => l
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "limit must be a whole number from 1 to {MAX_LIMIT}, not '{l}'"
                    ))
                })?,
        };
        Ok(ListQuery {
            limit,
            cursor: params.remove("cursor"),
            filters: params,
        })
    }

    /// Whether filter `name` is unset or equals `value`.
    fn admits(&self, name: &str, value: Option<&str>) -> bool {
        self.filters
            .get(name)
            .is_none_or(|want| Some(want.as_str()) == value)
    }
}

/// One page of `items` (in order of id) that `keep` admits, after the
/// query's cursor: `{items, next_cursor, total}` (`total` counts every
/// admitted item, `next_cursor` is null on the last page).
fn page<T: Serialize>(
    items: &[T],
    id: impl Fn(&T) -> &str,
    keep: impl Fn(&T) -> bool,
    query: &ListQuery,
    show: impl Fn(&T) -> Value,
) -> Json<Value> {
    let admitted: Vec<&T> = items.iter().filter(|i| keep(i)).collect();
    let from = match &query.cursor {
        Some(after) => admitted.partition_point(|i| id(i) <= after.as_str()),
        None => 0,
    };
    let shown = &admitted[from..admitted.len().min(from + query.limit)];
    let next =
        (from + shown.len() < admitted.len()).then(|| id(shown[shown.len() - 1]).to_string());
    Json(json!({
        "items": shown.iter().map(|i| show(i)).collect::<Vec<_>>(),
        "next_cursor": next,
        "total": admitted.len(),
    }))
}

/// What a list shows of a document: everything but its text and removed ranges.
fn header_of(d: &Document) -> Value {
    json!({
        "id": d.id, "source": d.source, "url": d.url, "title": d.title,
        "outlet": d.outlet, "author": d.author, "published": d.published,
        "near_duplicate_of": d.near_duplicate_of,
    })
}

fn whole<T: Serialize>(item: &T) -> Value {
    serde_json::to_value(item).expect("ledger records serialise")
}

async fn documents(State(s): State<Shared>, Query(p): Query<HashMap<String, String>>) -> Answer {
    let q = ListQuery::read(p, &["outlet"])?;
    let l = ledger(&s).await?;
    Ok(page(
        &l.documents,
        |d| &d.id,
        |d| q.admits("outlet", d.outlet.as_deref()),
        &q,
        header_of,
    ))
}

async fn document(State(s): State<Shared>, Path(id): Path<String>) -> Answer {
    let l = ledger(&s).await?;
    let doc = find(&l.documents, |d| &d.id, &id, "document")?;
    let facts: Vec<Value> = l.facts.iter().filter(|f| f.doc == id).map(whole).collect();
    let mentions: Vec<Value> = l
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().filter(|m| m.doc == id).map(move |m| (e, m)))
        .map(|(e, m)| json!({"entity": e.id, "type": e.kind, "start": m.start, "end": m.end, "text": m.text}))
        .collect();
    Ok(Json(
        json!({"document": whole(doc), "facts": facts, "mentions": mentions}),
    ))
}

async fn facts(State(s): State<Shared>, Query(p): Query<HashMap<String, String>>) -> Answer {
    let q = ListQuery::read(p, &["kind", "doc", "place"])?;
    let l = ledger(&s).await?;
    let keep = |f: &isnad_ledger::Fact| {
        q.admits("kind", Some(f.kind.as_str()))
            && q.admits("doc", Some(&f.doc))
            && q.admits("place", f.place.as_deref())
    };
    Ok(page(&l.facts, |f| &f.id, keep, &q, whole))
}

async fn clusters(State(s): State<Shared>, Query(p): Query<HashMap<String, String>>) -> Answer {
    let q = ListQuery::read(p, &["kind", "status", "story"])?;
    let l = ledger(&s).await?;
    let keep = |c: &isnad_ledger::Cluster| {
        q.admits("kind", Some(c.kind.as_str()))
            && q.admits("status", Some(c.status.as_str()))
            && q.admits("story", c.story.as_deref())
    };
    Ok(page(&l.clusters, |c| &c.id, keep, &q, whole))
}

async fn stories(State(s): State<Shared>, Query(p): Query<HashMap<String, String>>) -> Answer {
    let q = ListQuery::read(p, &[])?;
    let l = ledger(&s).await?;
    Ok(page(&l.stories, |s| &s.id, |_| true, &q, whole))
}

async fn story(State(s): State<Shared>, Path(id): Path<String>) -> Answer {
    let l = ledger(&s).await?;
    let story = find(&l.stories, |s| &s.id, &id, "story")?;
    let clusters: Vec<Value> = l
        .clusters
        .iter()
        .filter(|c| c.story.as_deref() == Some(id.as_str()))
        .map(whole)
        .collect();
    let documents: Vec<Value> = l
        .documents
        .iter()
        .filter(|d| story.documents.contains(&d.id))
        .map(header_of)
        .collect();
    Ok(Json(
        json!({"story": whole(story), "clusters": clusters, "documents": documents}),
    ))
}

async fn entities(State(s): State<Shared>, Query(p): Query<HashMap<String, String>>) -> Answer {
    let q = ListQuery::read(p, &["type"])?;
    let l = ledger(&s).await?;
    let keep = |e: &isnad_ledger::Entity| q.admits("type", Some(e.kind.as_str()));
    Ok(page(&l.entities, |e| &e.id, keep, &q, whole))
}

async fn entity(State(s): State<Shared>, Path(id): Path<String>) -> Answer {
    let l = ledger(&s).await?;
    Ok(Json(whole(find(&l.entities, |e| &e.id, &id, "entity")?)))
}

/// The item of `items` (in order of id) whose id is `id`, or a 404 naming
/// what was looked for.
fn find<'a, T>(
    items: &'a [T],
    key: impl Fn(&T) -> &str,
    id: &str,
    what: &str,
) -> Result<&'a T, ApiError> {
    items
        .binary_search_by(|i| key(i).cmp(id))
        .map(|at| &items[at])
        .map_err(|_| ApiError::not_found(format!("no {what} with id '{id}'")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_openapi_description_lists_exactly_the_routes_served() {
        let spec: Value = serde_json::from_str(crate::OPENAPI).expect("openapi.json is JSON");
        let mut described: Vec<&str> = spec["paths"]
            .as_object()
            .expect("paths")
            .keys()
            .map(String::as_str)
            .collect();
        let mut served: Vec<&str> = table().iter().map(|(path, _)| *path).collect();
        described.sort_unstable();
        served.sort_unstable();
        assert_eq!(described, served);
    }
}
