//! GeoJSON (RFC 7946) of the clusters (`isnad export --format geojson`):
//! one Point feature per cluster whose place the gazetteer locates
//! (longitude first, WGS 84), with its kind, status, dates, fatalities and
//! every outlet's figure and chain. Clusters with no place, or a place with
//! no coordinates (a country, an unknown town), are counted in the
//! collection's `isnad` member, not drawn.

use std::io::Write;

use serde::Serialize;

use isnad_ledger::{Cluster, Kind};

use crate::Export;

/// The collection: RFC 7946's members, then isnad's counts (a foreign member).
#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    features: Vec<Feature<'a>>,
    isnad: Counts,
}

/// How many clusters were drawn and how many could not be.
#[derive(Serialize)]
struct Counts {
    schema: &'static str,
    clusters: usize,
    placed: usize,
    unplaced: usize,
}

#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Point,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct Properties<'a> {
    cluster_id: &'a str,
    kind: &'static str,
    status: &'static str,
    story: Option<&'a str>,
    place: &'a str,
    place_en: &'a str,
    country: Option<&'a str>,
    geonames_id: Option<&'a str>,
    date_start: Option<String>,
    date_end: Option<String>,
    dated_by: &'static str,
    fatalities: Option<u64>,
    figures: Vec<Figure<'a>>,
    summary: &'a str,
}

/// One source's figure.
#[derive(Serialize)]
struct Figure<'a> {
    fact: &'a str,
    doc: &'a str,
    outlet: String,
    text: Option<&'a str>,
    min: Option<u64>,
    max: Option<u64>,
    chain: Vec<&'a str>,
    negated: bool,
    hedged: bool,
}

/// The schema name in the collection's `isnad` member.
pub const SCHEMA: &str = "isnad.geojson.v1";

/// Writes the clusters as a GeoJSON FeatureCollection.
pub fn write(export: &Export, out: &mut dyn Write) -> std::io::Result<()> {
    let clusters = &export.ledger().clusters;
    let features: Vec<Feature> = clusters.iter().filter_map(|c| feature(export, c)).collect();
    let collection = Collection {
        kind: "FeatureCollection",
        isnad: Counts {
            schema: SCHEMA,
            clusters: clusters.len(),
            placed: features.len(),
            unplaced: clusters.len() - features.len(),
        },
        features,
    };
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    writeln!(out)
}

/// A cluster's feature, when its place has coordinates.
fn feature<'a>(export: &Export<'a>, c: &'a Cluster) -> Option<Feature<'a>> {
    let event = export.cluster_alone(c);
    let place = export.place(event.place?)?;
    let (lat, lon) = place.coordinates()?;
    let (dates, dated_by) = match (&event.dates, &event.published) {
        (Some(d), _) => (Some(d.clone()), "text"),
        (None, Some(d)) => (Some(d.clone()), "publication"),
        (None, None) => (None, "none"),
    };
    let figures = export
        .view
        .members(c)
        .into_iter()
        .map(|f| Figure {
            fact: &f.id,
            doc: &f.doc,
            outlet: export.view.outlet(&f.doc),
            text: f.count.as_ref().map(|n| n.text.as_str()),
            min: f
                .count
                .as_ref()
                .filter(|n| crate::trusted(n))
                .and_then(|n| n.min),
            max: f
                .count
                .as_ref()
                .filter(|n| crate::trusted(n))
                .and_then(|n| n.max),
            chain: f.sources.first().map_or(Vec::new(), |s| chain(s)),
            negated: f.negated,
            hedged: f.hedged,
        })
        .collect();
    Some(Feature {
        kind: "Feature",
        id: &c.id,
        geometry: Point {
            kind: "Point",
            coordinates: [lon, lat],
        },
        properties: Properties {
            cluster_id: &c.id,
            kind: c.kind.as_str(),
            status: c.status.as_str(),
            story: c.story.as_deref(),
            place: place.name,
            place_en: place.name_en(),
            country: place.alpha2(),
            geonames_id: place.geonames_id(),
            date_start: dates.as_ref().map(|d| d.0.clone()),
            date_end: dates.map(|d| d.1),
            dated_by,
            fatalities: (c.kind == Kind::Killed)
                .then(|| event.lowest(export, Kind::Killed))
                .flatten(),
            figures,
            summary: &c.summary,
        },
    })
}

/// A source's chain, outermost first; its name alone when it has no chain.
fn chain(s: &isnad_ledger::Source) -> Vec<&str> {
    if s.chain.is_empty() {
        vec![s.name.as_str()]
    } else {
        s.chain.iter().map(String::as_str).collect()
    }
}
