//! The read routes of `/api/v1`: lists with filters and cursor pages,
//! single records by id, the timeline, exports, the changes feed, jobs and
//! the OpenAPI description; and the headers every response carries.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::{Json, Router};
use isnad_ledger::Document;
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::reading::{position, snapshot};
use crate::AppState;

/// Items a page holds unless `limit` says otherwise.
const DEFAULT_LIMIT: usize = 50;
/// The most items one page holds.
const MAX_LIMIT: usize = 500;

type Shared = Arc<AppState>;
type Answer = Result<Json<Value>, ApiError>;

/// Every route of the API, without fallback or layers (see
/// [`crate::api_routes`]).
pub(crate) fn routes() -> Router<Shared> {
    table()
        .into_iter()
        .fold(Router::new(), |router, (path, _, handler)| {
            router.route(path, handler)
        })
}

/// Each path of the API and what answers it (the OpenAPI description lists
/// the same paths: a test holds them together).
pub(crate) fn table() -> Vec<(&'static str, &'static [&'static str], MethodRouter<Shared>)> {
    let add = crate::write::add_documents;
    vec![
        ("/api/v1/openapi.json", &["get"], get(openapi)),
        (
            "/api/v1/documents",
            &["get", "post"],
            get(documents).post(add),
        ),
        ("/api/v1/documents/{id}", &["get"], get(document)),
        ("/api/v1/facts", &["get"], get(facts)),
        ("/api/v1/clusters", &["get"], get(clusters)),
        ("/api/v1/stories", &["get"], get(stories)),
        ("/api/v1/stories/{id}", &["get"], get(story)),
        ("/api/v1/entities", &["get"], get(entities)),
        ("/api/v1/entities/{id}", &["get"], get(entity)),
        ("/api/v1/search", &["get"], get(crate::find::search)),
        ("/api/v1/timeline", &["get"], get(timeline)),
        (
            "/api/v1/exports/{format}",
            &["get"],
            get(crate::find::export),
        ),
        ("/api/v1/changes", &["get"], get(changes)),
        ("/api/v1/jobs/{id}", &["get"], get(job)),
    ]
}

/// Headers on every answer: nothing in it runs or loads (the API serves
/// data, and article text is data), no sniffing, no referrer, no framing.
/// A Content-Security-Policy the route set itself (an HTML page's) is kept.
pub(crate) async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

pub(crate) async fn no_route(uri: Uri) -> ApiError {
    ApiError::not_found(format!(
        "no route {}: the API is under /api/v1 (see /api/v1/openapi.json)",
        uri.path()
    ))
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

/// A list request's parameters: `limit`, `cursor` and the route's filters.
pub(crate) struct ListQuery {
    pub(crate) limit: usize,
    pub(crate) cursor: Option<String>,
    pub(crate) filters: HashMap<String, String>,
}

impl ListQuery {
    /// Reads `params`, refusing a parameter the route does not know (its
    /// `filters` are the names it knows besides `limit` and `cursor`) and a
    /// `limit` that is not 1..=[`MAX_LIMIT`].
    pub(crate) fn read(
        mut params: HashMap<String, String>,
        filters: &[&str],
    ) -> Result<ListQuery, ApiError> {
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
    pub(crate) fn admits(&self, name: &str, value: Option<&str>) -> bool {
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
pub(crate) fn header_of(d: &Document) -> Value {
    json!({
        "id": d.id, "source": d.source, "url": d.url, "title": d.title,
        "outlet": d.outlet, "author": d.author, "published": d.published,
        "near_duplicate_of": d.near_duplicate_of,
    })
}

pub(crate) fn whole<T: Serialize>(item: &T) -> Value {
    serde_json::to_value(item).expect("ledger records serialise")
}

async fn documents(State(s): State<Shared>, Query(p): Query<HashMap<String, String>>) -> Answer {
    let q = ListQuery::read(p, &["outlet"])?;
    let snap = snapshot(&s).await?;
    let l = &snap.ledger;
    Ok(page(
        &l.documents,
        |d| &d.id,
        |d| q.admits("outlet", d.outlet.as_deref()),
        &q,
        header_of,
    ))
}

async fn document(State(s): State<Shared>, Path(id): Path<String>) -> Answer {
    let snap = snapshot(&s).await?;
    let l = &snap.ledger;
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
    let snap = snapshot(&s).await?;
    let l = &snap.ledger;
    let keep = |f: &isnad_ledger::Fact| {
        q.admits("kind", Some(f.kind.as_str()))
            && q.admits("doc", Some(&f.doc))
            && q.admits("place", f.place.as_deref())
    };
    Ok(page(&l.facts, |f| &f.id, keep, &q, whole))
}

async fn clusters(State(s): State<Shared>, Query(p): Query<HashMap<String, String>>) -> Answer {
    let q = ListQuery::read(p, &["kind", "status", "story"])?;
    let snap = snapshot(&s).await?;
    let l = &snap.ledger;
    let keep = |c: &isnad_ledger::Cluster| {
        q.admits("kind", Some(c.kind.as_str()))
            && q.admits("status", Some(c.status.as_str()))
            && q.admits("story", c.story.as_deref())
    };
    Ok(page(&l.clusters, |c| &c.id, keep, &q, whole))
}

async fn stories(State(s): State<Shared>, Query(p): Query<HashMap<String, String>>) -> Answer {
    let q = ListQuery::read(p, &[])?;
    let snap = snapshot(&s).await?;
    let l = &snap.ledger;
    Ok(page(&l.stories, |s| &s.id, |_| true, &q, whole))
}

async fn story(State(s): State<Shared>, Path(id): Path<String>) -> Answer {
    let snap = snapshot(&s).await?;
    let l = &snap.ledger;
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
    let snap = snapshot(&s).await?;
    let l = &snap.ledger;
    let keep = |e: &isnad_ledger::Entity| q.admits("type", Some(e.kind.as_str()));
    Ok(page(&l.entities, |e| &e.id, keep, &q, whole))
}

async fn entity(State(s): State<Shared>, Path(id): Path<String>) -> Answer {
    let snap = snapshot(&s).await?;
    let l = &snap.ledger;
    Ok(Json(whole(find(&l.entities, |e| &e.id, &id, "entity")?)))
}

/// The happenings in order of date (isnad-views' timeline), filtered by
/// `kind` and `status`; the cursor is the position after the last shown.
async fn timeline(State(s): State<Shared>, Query(p): Query<HashMap<String, String>>) -> Answer {
    let q = ListQuery::read(p, &["kind", "status"])?;
    let snap = snapshot(&s).await?;
    let view = isnad_views::View::new(&snap.ledger);
    let entries: Vec<_> = isnad_views::timeline(&view)
        .into_iter()
        .filter(|e| {
            q.admits("kind", Some(e.cluster.kind.as_str()))
                && q.admits("status", Some(e.cluster.status.as_str()))
        })
        .collect();
    let from = position(q.cursor.as_deref())?.min(entries.len());
    let upto = entries.len().min(from + q.limit);
    let items: Vec<Value> = entries[from..upto]
        .iter()
        .map(|e| {
            let dated_by = match e.dated_by {
                isnad_views::DatedBy::Text => "text",
                isnad_views::DatedBy::Publication => "publication",
                isnad_views::DatedBy::Unknown => "unknown",
            };
            json!({"date": e.date, "dated_by": dated_by, "documents": e.documents, "cluster": whole(e.cluster)})
        })
        .collect();
    Ok(Json(json!({
        "items": items,
        "next_cursor": (upto < entries.len()).then(|| upto.to_string()),
        "total": entries.len(),
    })))
}

/// `changes` without `since`: the token to sync from; with `since`: the
/// ids added, changed and removed since that token's snapshot (see
/// [`crate::changes`]).
async fn changes(State(s): State<Shared>, Query(p): Query<HashMap<String, String>>) -> Answer {
    if let Some(unknown) = p.keys().find(|k| *k != "since") {
        return Err(ApiError::bad_request(format!(
            "unknown parameter '{unknown}' (this route takes: since)"
        )));
    }
    let snap = snapshot(&s).await?;
    let Some(since) = p.get("since") else {
        return Ok(Json(json!({"token": snap.token, "changes": null})));
    };
    let old = s.digests_of(since).ok_or_else(|| {
        ApiError::new(
            axum::http::StatusCode::GONE,
            format!(
                "the change token '{since}' is not this server's or is too old: \
                 read the lists again and sync from the token GET /api/v1/changes gives"
            ),
        )
    })?;
    let now = s
        .digests_of(&snap.token)
        .ok_or_else(|| ApiError::internal("the current snapshot's digests are gone; ask again"))?;
    Ok(Json(
        json!({"since": since, "token": snap.token, "changes": now.since(&old)}),
    ))
}

/// A write job and how far it is.
async fn job(State(s): State<Shared>, Path(id): Path<String>) -> Answer {
    let job = s.jobs.get(&id).ok_or_else(|| {
        ApiError::not_found(format!(
            "no job with id '{id}' (jobs are forgotten when the server restarts)"
        ))
    })?;
    Ok(Json(whole(&job)))
}

/// The item of `items` (in order of id) whose id is `id`, or a 404 naming
/// what was looked for.
pub(crate) fn find<'a, T>(
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
    fn the_openapi_description_lists_exactly_the_routes_and_methods_served() {
        let spec: Value = serde_json::from_str(crate::OPENAPI).expect("openapi.json is JSON");
        let mut described: Vec<String> = spec["paths"]
            .as_object()
            .expect("paths")
            .iter()
            .flat_map(|(path, ops)| {
                let ops = ops.as_object().expect("operations");
                ops.keys().map(move |m| format!("{m} {path}"))
            })
            .collect();
        let mut served: Vec<String> = table()
            .iter()
            .flat_map(|(path, methods, _)| methods.iter().map(move |m| format!("{m} {path}")))
            .collect();
        described.sort_unstable();
        served.sort_unstable();
        assert_eq!(described, served);
    }

    #[test]
    fn every_documented_operation_says_its_answers_and_parameters_exist() {
        let spec: Value = serde_json::from_str(crate::OPENAPI).expect("openapi.json is JSON");
        for (path, ops) in spec["paths"].as_object().unwrap() {
            for (method, op) in ops.as_object().unwrap() {
                let answers = op["responses"].as_object().unwrap();
                assert!(
                    answers.keys().any(|s| s.starts_with('2')),
                    "{method} {path} documents no success"
                );
                assert!(answers.contains_key("429"), "{method} {path}: rate limit");
                for name in path.split('{').skip(1).filter_map(|p| p.split('}').next()) {
                    let params = op["parameters"].as_array().unwrap();
                    assert!(
                        params
                            .iter()
                            .any(|p| p["name"] == name && p["in"] == "path"),
                        "{method} {path}: path parameter {name} undocumented"
                    );
                }
            }
        }
    }
}
