//! Running a query: the parsed query and the filters made into one tantivy
//! query, the best hits with their snippets, and the facets.

use std::ops::Bound;

use isnad_text::keys::key;
use isnad_text::Vocabulary;
use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByString};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query as TantivyQuery, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Order, Searcher, TantivyDocument, Term};

use crate::analyser::{query_words, QueryWord};
use crate::highlight::{highlight, SnippetSpan, Wanted};
use crate::query::{parse, Filters, Match, TextField};
use crate::records::day_number;
use crate::schema::Fields;
use crate::{EntityTable, SearchError};

/// What to search for.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The query ([`crate::query`]'s language); may be empty when filters are given.
    pub query: String,
    /// Filters besides those written in the query (the command's options).
    pub filters: Filters,
    /// How many hits to give.
    pub limit: usize,
    /// Whether to count hits by kind, outlet, place and day.
    pub facets: bool,
}

/// One hit.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// `document`, `fact` or `story`.
    pub hit: String,
    /// Its ledger id (the document's, the fact's or the story's).
    pub id: String,
    /// The ledger ids of its documents (one for a document or a fact).
    pub documents: Vec<String>,
    /// The fact's id, for a fact.
    pub fact: Option<String>,
    /// tantivy's relevance score.
    pub score: f32,
    /// The document's title.
    pub title: Option<String>,
    /// The outlet as written.
    pub outlet: Option<String>,
    /// Publication day (a story: its first day).
    pub day: Option<String>,
    /// Fact kinds (a document: of its facts).
    pub kinds: Vec<String>,
    /// Statuses of its facts' clusters.
    pub status: Vec<String>,
    /// The snippet: a part of the text around the first match.
    pub snippet: String,
    /// Where the snippet is (same units as `highlights`).
    pub snippet_span: SnippetSpan,
    /// Every match inside the snippet.
    pub highlights: Vec<SnippetSpan>,
}

/// Counts of the hits by one value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Facet {
    /// The value (a place's or actor's display name for entity facets).
    pub value: String,
    /// How many hits have it.
    pub count: u64,
}

/// What a search found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Results {
    /// How many hits match in all.
    pub total: usize,
    /// The best `limit` hits, best first.
    pub hits: Vec<Hit>,
    /// Hits by fact kind, outlet, place (with facets asked for).
    pub facets: Vec<(String, Vec<Facet>)>,
    /// Hits by publication day, in day order.
    pub days: Vec<Facet>,
}

/// Runs `request` on `searcher`.
pub fn run(
    searcher: &Searcher,
    f: &Fields,
    entities: &EntityTable,
    request: &Request,
) -> Result<Results, SearchError> {
    let mut parsed = parse(&request.query)?;
    merge_filters(&mut parsed.filters, &request.filters);
    let mut vocabulary = Vocabulary::new();
    let mut wanted = Wanted::default();
    let mut must: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    for clause in &parsed.clauses {
        let mut alternatives = Vec::new();
        for m in &clause.alternatives {
            let q = match_query(m, f, entities, &mut vocabulary, &mut wanted, clause.exclude)
                .ok_or_else(|| SearchError::Query {
                    query: request.query.clone(),
                    message: format!("`{}` has no word or number to search for", m.phrase),
                })?;
            alternatives.push((Occur::Should, q));
        }
        let occur = if clause.exclude {
            Occur::MustNot
        } else {
            Occur::Must
        };
        must.push((occur, Box::new(BooleanQuery::new(alternatives))));
    }
    let filters = filter_queries(&parsed.filters, f, entities)?;
    if must.iter().all(|(o, _)| *o == Occur::MustNot) {
        if filters.is_empty() {
            return Err(SearchError::Query {
                query: request.query.clone(),
                message: "say what to find: a word, a phrase or a filter (`kind:killed`)".into(),
            });
        }
        must.push((Occur::Must, Box::new(AllQuery)));
    }
    must.extend(filters.into_iter().map(|q| (Occur::Must, q)));
    let query = BooleanQuery::new(must);
    let limit = request.limit.max(1);
    let (top, total) = searcher.search(
        &query,
        &(
            TopDocs::with_limit(limit).order_by(best_first(searcher.schema().get_field_name(f.id))),
            Count,
        ),
    )?;
    let mut results = Results {
        total,
        ..Results::default()
    };
    for ((score, _), address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        results
            .hits
            .push(hit_of(&doc, f, score, &wanted, &mut vocabulary));
    }
    if request.facets {
        facets(searcher, &query, entities, &mut results)?;
    }
    Ok(results)
}

/// Hits by score, the best first; hits of equal score by id, so that the
/// same search of the same store gives the same hits in the same order
/// however the index was made (its segments are in no stable order).
fn best_first(id_field: &str) -> (SortBySimilarityScore, (SortByString, Order)) {
    (
        SortBySimilarityScore,
        (SortByString::for_field(id_field), Order::Asc),
    )
}

fn merge_filters(into: &mut Filters, from: &Filters) {
    into.hit.extend(from.hit.iter().cloned());
    into.kind.extend(from.kind.iter().cloned());
    into.place.extend(from.place.iter().cloned());
    into.actor.extend(from.actor.iter().cloned());
    into.source.extend(from.source.iter().cloned());
    into.outlet.extend(from.outlet.iter().cloned());
    into.status.extend(from.status.iter().cloned());
    let or = |a: &mut Option<String>, b: &Option<String>| {
        if a.is_none() {
            *a = b.clone();
        }
    };
    or(&mut into.event_from, &from.event_from);
    or(&mut into.event_to, &from.event_to);
    or(&mut into.published_from, &from.published_from);
    or(&mut into.published_to, &from.published_to);
    into.hedged = into.hedged.or(from.hedged);
    into.negated = into.negated.or(from.negated);
    into.count = into.count.or(from.count);
}

/// The tantivy query for one word or phrase; `None` when it has no word.
fn match_query(
    m: &Match,
    f: &Fields,
    entities: &EntityTable,
    vocabulary: &mut Vocabulary,
    wanted: &mut Wanted,
    excluded: bool,
) -> Option<Box<dyn TantivyQuery>> {
    let words = query_words(&m.phrase, vocabulary);
    if words.is_empty() {
        return None;
    }
    let mut wanted_here = Wanted::default();
    let mut should: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    let bases: Vec<&str> = words.iter().map(|w| w.base.as_str()).collect();
    match m.field {
        TextField::Exact => {
            let exact: Vec<&str> = words.iter().map(|w| w.exact.as_str()).collect();
            should.push((Occur::Should, sequence(f.exact, &exact)));
            wanted_here
                .exact
                .push(words.iter().map(|w| w.exact.clone()).collect());
        }
        TextField::Title => {
            should.push((Occur::Should, sequence(f.title_words, &bases)));
            wanted_here
                .words
                .push(bases.iter().map(|s| s.to_string()).collect());
        }
        TextField::Any => {
            should.push((Occur::Should, sequence(f.words, &bases)));
            should.push((Occur::Should, boosted(sequence(f.title_words, &bases), 1.5)));
            wanted_here
                .words
                .push(bases.iter().map(|s| s.to_string()).collect());
            if let Some(light) = light_terms(&words) {
                let l: Vec<&str> = light.iter().map(String::as_str).collect();
                should.push((Occur::Should, boosted(sequence(f.light, &l), 0.2)));
                wanted_here.light.push(light);
            }
            for id in entities.named(&m.phrase) {
                should.push((Occur::Should, term(f.entity, id)));
                if let Some(known) = entities.get(id) {
                    for k in &known.keys {
                        let variant = query_words(k, vocabulary);
                        wanted_here
                            .words
                            .push(variant.into_iter().map(|w| w.base).collect());
                    }
                }
            }
        }
    }
    if !excluded {
        wanted.merge(wanted_here);
    }
    Some(Box::new(BooleanQuery::new(should)))
}

/// Light stems of every word of a phrase, when each word has one or is a number.
fn light_terms(words: &[QueryWord]) -> Option<Vec<String>> {
    if words.iter().all(|w| w.light.is_none()) {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| w.light.clone().unwrap_or_else(|| w.base.clone()))
            .collect(),
    )
}

/// A term query for one word, a phrase query for several.
fn sequence(field: Field, words: &[&str]) -> Box<dyn TantivyQuery> {
    if let [one] = words {
        return Box::new(TermQuery::new(
            Term::from_field_text(field, one),
            IndexRecordOption::WithFreqs,
        ));
    }
    Box::new(PhraseQuery::new(
        words
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect(),
    ))
}

fn boosted(q: Box<dyn TantivyQuery>, by: f32) -> Box<dyn TantivyQuery> {
    Box::new(BoostQuery::new(q, by))
}

fn term(field: Field, value: &str) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Any of `values` in `field`.
fn any_of(field: Field, values: impl IntoIterator<Item = String>) -> Box<dyn TantivyQuery> {
    Box::new(BooleanQuery::new(
        values
            .into_iter()
            .map(|v| (Occur::Should, term(field, &v)))
            .collect(),
    ))
}

/// The filters as queries every hit must match.
fn filter_queries(
    filters: &Filters,
    f: &Fields,
    entities: &EntityTable,
) -> Result<Vec<Box<dyn TantivyQuery>>, SearchError> {
    let mut out = Vec::new();
    if !filters.hit.is_empty() {
        one_of("hit type", &filters.hit, &["document", "fact", "story"])?;
        out.push(any_of(f.hit, filters.hit.iter().cloned()));
    }
    if !filters.kind.is_empty() {
        for k in &filters.kind {
            k.parse::<isnad_ledger::Kind>().map_err(|e| {
                SearchError::Filter(format!(
                    "{e} (the kinds are those of the ledger: docs/ledger-v1.md)"
                ))
            })?;
        }
        out.push(any_of(f.kind, filters.kind.iter().cloned()));
    }
    for (what, names, field) in [
        ("place", &filters.place, f.place),
        ("actor", &filters.actor, f.actor),
    ] {
        if !names.is_empty() {
            out.push(any_of(field, entity_ids(what, names, entities)?));
        }
    }
    if !filters.source.is_empty() {
        let mut values: Vec<String> = filters.source.iter().map(|s| key(s)).collect();
        for s in &filters.source {
            values.extend(entities.named(s).iter().cloned());
        }
        out.push(any_of(f.source, values));
    }
    if !filters.outlet.is_empty() {
        out.push(any_of(f.outlet, filters.outlet.iter().map(|o| key(o))));
    }
    if !filters.status.is_empty() {
        one_of("status", &filters.status, &["agree", "conflict", "single"])?;
        out.push(any_of(f.status, filters.status.iter().cloned()));
    }
    for (field, value) in [(f.hedged, filters.hedged), (f.negated, filters.negated)] {
        if let Some(v) = value {
            out.push(Box::new(TermQuery::new(
                Term::from_field_bool(field, v),
                IndexRecordOption::Basic,
            )));
        }
    }
    if let Some((lo, hi)) = filters.count {
        out.push(u64_range(f.count_min, Some(lo), None));
        if let Some(hi) = hi {
            out.push(u64_range(f.count_max, None, Some(hi)));
        }
    }
    out.extend(date_queries(filters, f)?);
    Ok(out)
}

/// An error unless every value of `values` is one of `allowed`.
fn one_of(what: &str, values: &[String], allowed: &[&str]) -> Result<(), SearchError> {
    let Some(v) = values.iter().find(|&v| !allowed.contains(&v.as_str())) else {
        return Ok(());
    };
    let (last, rest) = allowed.split_last().expect("a choice among some values");
    Err(SearchError::Filter(format!(
        "unknown {what} `{v}`: use {} or {last}",
        rest.join(", ")
    )))
}

/// The event-day and publication-day filters as queries.
fn date_queries(filters: &Filters, f: &Fields) -> Result<Vec<Box<dyn TantivyQuery>>, SearchError> {
    let mut out = Vec::new();
    let from = day_filter("--from", &filters.event_from)?;
    let to = day_filter("--to", &filters.event_to)?;
    if from.is_some() || to.is_some() {
        // The event's days overlap the range asked for.
        out.push(i64_range(f.event_end, from, None));
        out.push(i64_range(f.event_start, None, to));
    }
    let from = day_filter("--published-from", &filters.published_from)?;
    let to = day_filter("--published-to", &filters.published_to)?;
    if from.is_some() || to.is_some() {
        out.push(i64_range(f.published, from, to));
    }
    Ok(out)
}

fn entity_ids(
    what: &str,
    names: &[String],
    entities: &EntityTable,
) -> Result<Vec<String>, SearchError> {
    let mut ids = Vec::new();
    for n in names {
        let found = entities.named(n);
        if found.is_empty() {
            return Err(SearchError::Filter(format!(
                "no {what} named «{n}» in the store (`isnad entities` lists every name and spelling)"
            )));
        }
        ids.extend(found.iter().cloned());
    }
    Ok(ids)
}

fn day_filter(option: &str, day: &Option<String>) -> Result<Option<i64>, SearchError> {
    match day {
        None => Ok(None),
        Some(d) => day_number(d)
            .filter(|_| d.len() == 10)
            .map(Some)
            .ok_or_else(|| {
                SearchError::Filter(format!("{option} {d}: write the day as YYYY-MM-DD"))
            }),
    }
}

fn bound<T>(v: Option<T>, make: impl Fn(T) -> Term) -> Bound<Term> {
    v.map_or(Bound::Unbounded, |v| Bound::Included(make(v)))
}

fn i64_range(field: Field, lo: Option<i64>, hi: Option<i64>) -> Box<dyn TantivyQuery> {
    let make = |v| Term::from_field_i64(field, v);
    Box::new(RangeQuery::new(bound(lo, make), bound(hi, make)))
}

fn u64_range(field: Field, lo: Option<u64>, hi: Option<u64>) -> Box<dyn TantivyQuery> {
    let make = |v| Term::from_field_u64(field, v);
    Box::new(RangeQuery::new(bound(lo, make), bound(hi, make)))
}

fn strings(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn first(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
}

fn hit_of(
    doc: &TantivyDocument,
    f: &Fields,
    score: f32,
    wanted: &Wanted,
    vocabulary: &mut Vocabulary,
) -> Hit {
    let hit = first(doc, f.hit).unwrap_or_default();
    let text = first(doc, f.text).unwrap_or_default();
    let offset = doc
        .get_first(f.offset)
        .and_then(|v| v.as_u64())
        .unwrap_or(0) as usize;
    let offset16 = doc
        .get_first(f.offset_utf16)
        .and_then(|v| v.as_u64())
        .unwrap_or(0) as usize;
    let (snippet, span, highlights) = highlight(&text, wanted, vocabulary, (offset, offset16));
    let id = first(doc, f.id).unwrap_or_default();
    Hit {
        fact: (hit == "fact").then(|| id.clone()),
        hit,
        id,
        documents: strings(doc, f.doc),
        score,
        title: first(doc, f.title),
        outlet: first(doc, f.outlet_name),
        day: first(doc, f.day),
        kinds: strings(doc, f.kind),
        status: strings(doc, f.status),
        snippet,
        snippet_span: span,
        highlights,
    }
}

/// Hits counted by kind, outlet, place and day (every hit, not only the shown).
fn facets(
    searcher: &Searcher,
    query: &dyn TantivyQuery,
    entities: &EntityTable,
    results: &mut Results,
) -> Result<(), SearchError> {
    let request = serde_json::json!({
        "kind": {"terms": {"field": "kind", "size": 50}},
        "outlet": {"terms": {"field": "outlet_name", "size": 20}},
        "place": {"terms": {"field": "place", "size": 20}},
        "day": {"terms": {"field": "day", "size": 10000, "order": {"_key": "asc"}}},
    });
    let aggs: Aggregations = serde_json::from_value(request).expect("a valid aggregation request");
    let collector = AggregationCollector::from_aggs(aggs, Default::default());
    let found: AggregationResults = searcher.search(query, &collector)?;
    let json = serde_json::to_value(&found).unwrap_or_default();
    let buckets = |name: &str| -> Vec<Facet> {
        json[name]["buckets"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|b| Facet {
                value: b["key"]
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| b["key"].to_string()),
                count: b["doc_count"].as_u64().unwrap_or(0),
            })
            .collect()
    };
    let mut places = buckets("place");
    for p in &mut places {
        if let Some(known) = entities.get(&p.value) {
            p.value = known.name.clone();
        }
    }
    results.facets = vec![
        ("kind".to_string(), buckets("kind")),
        ("outlet".to_string(), buckets("outlet")),
        ("place".to_string(), places),
    ];
    results.days = buckets("day");
    Ok(())
}
