//! PLOVER JSON Lines (`isnad export --format plover`): one record per fact,
//! in ledger order, with PLOVER's field names (`id`, `date`, `event_type`,
//! `mode`, `context`, `actor`, `recipient`, `location`, `dead`, `injured`,
//! `arrested`, `size`), the fact's event (`event`: the ACLED row's id, so
//! the dead of an attack name the attack) and cluster, and isnad's own
//! fields under `isnad` (evidence with byte *and* character offsets, the
//! figure as read, every source with its chain).
//!
//! `event_type` and `mode` come from the kind of the fact's event (a killed
//! fact of an attack is an ASSAULT); kinds PLOVER has no category for
//! (dismissals, price changes, displacement) have `event_type` null.
//! Character offsets count Unicode scalar values (Python's `str` indices),
//! so `text[char_start:char_end]` is `text.as_bytes()[start..end]`.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use isnad_ledger::{Fact, Kind};

use crate::events::EventKind;
use crate::Export;

/// PLOVER's category and mode for an event kind.
pub fn category(kind: Kind) -> (Option<&'static str>, Option<&'static str>) {
    match kind {
        Kind::Protest => (Some("PROTEST"), Some("demonstrate")),
        Kind::Riot => (Some("PROTEST"), Some("riot")),
        Kind::Clash | Kind::Attack | Kind::PropertyDamage => (Some("ASSAULT"), None),
        Kind::Killed | Kind::Injured | Kind::Hospitalized | Kind::Casualties => {
            (Some("ASSAULT"), None)
        }
        Kind::Kidnapped => (Some("ASSAULT"), Some("abduct")),
        Kind::Arrested => (Some("COERCE"), Some("arrest")),
        Kind::CommunicationsCut => (Some("COERCE"), Some("censor")),
        Kind::EmergencyMeasure | Kind::Sentenced => (Some("COERCE"), None),
        Kind::Deployment => (Some("MOBILIZE"), None),
        Kind::Dismissal | Kind::PriceChange | Kind::Missing | Kind::Displaced | Kind::Evacuated => {
            (None, None)
        }
    }
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    date: Option<String>,
    event_type: Option<&'static str>,
    mode: Option<&'static str>,
    context: Vec<&'static str>,
    actor: Option<&'a str>,
    recipient: Option<&'a str>,
    location: Option<Location<'a>>,
    dead: Option<u64>,
    injured: Option<u64>,
    arrested: Option<u64>,
    size: Option<u64>,
    event: Option<&'a str>,
    cluster: Option<&'a str>,
    isnad: Isnad<'a>,
}

/// A GeoNames-shaped location.
#[derive(Serialize)]
struct Location<'a> {
    name: &'a str,
    #[serde(rename = "placeName")]
    place_name: &'a str,
    #[serde(rename = "geonameID")]
    geoname_id: Option<&'a str>,
    #[serde(rename = "countryCode")]
    country_code: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Serialize)]
struct Isnad<'a> {
    kind: &'static str,
    doc: &'a str,
    story: Option<&'a str>,
    evidence: &'a str,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    count: Option<&'a isnad_ledger::Count>,
    sources: &'a [isnad_ledger::Source],
    negated: bool,
    hedged: bool,
}

/// Writes one JSON line per fact.
pub fn write(export: &Export, out: &mut dyn Write) -> std::io::Result<()> {
    let mut event_of: HashMap<&str, (&str, EventKind)> = HashMap::new();
    for event in export.events() {
        for c in event.clusters() {
            event_of.insert(c.id.as_str(), (event.id(), event.kind()));
        }
    }
    let cluster_of = export.cluster_of_facts();
    for f in &export.ledger().facts {
        let cluster = cluster_of.get(f.id.as_str()).map(|c| c.id.as_str());
        let event = cluster.and_then(|c| event_of.get(c)).copied();
        let record = record(export, f, cluster, event);
        serde_json::to_writer(&mut *out, &record)?;
        writeln!(out)?;
    }
    Ok(())
}

fn record<'a>(
    export: &Export<'a>,
    f: &'a Fact,
    cluster: Option<&'a str>,
    event: Option<(&'a str, EventKind)>,
) -> Record<'a> {
    let kind = match event.map(|e| e.1) {
        Some(EventKind::Of(k)) => k,
        _ => f.kind,
    };
    let (event_type, mode) = category(kind);
    let doc = export.view.document(&f.doc);
    let figure = f
        .count
        .as_ref()
        .filter(|c| crate::trusted(c) && !f.negated)
        .and_then(|c| c.min);
    let of = |k: Kind| figure.filter(|_| f.kind == k);
    let text = doc.map_or("", |d| d.text.as_str());
    let chars = |byte: usize| text.get(..byte).map_or(0, |t| t.chars().count());
    let date = f
        .time
        .as_ref()
        .map(|t| t.start.clone())
        .filter(|d| !d.starts_with("--"))
        .or_else(|| doc.and_then(|d| d.published.clone()));
    Record {
        id: &f.id,
        date,
        event_type,
        mode,
        context: Vec::new(),
        actor: f
            .actor
            .as_deref()
            .and_then(|a| export.view.entity(a))
            .map(|e| e.name.as_str()),
        recipient: f.subject.as_deref(),
        location: f.place.as_deref().and_then(|p| location(export, p)),
        dead: of(Kind::Killed),
        injured: of(Kind::Injured),
        arrested: of(Kind::Arrested),
        size: figure.filter(|_| matches!(f.kind, Kind::Protest | Kind::Riot)),
        event: event.map(|e| e.0),
        cluster,
        isnad: Isnad {
            kind: f.kind.as_str(),
            doc: &f.doc,
            story: export.story_of_doc(&f.doc),
            evidence: &f.evidence,
            start: f.start,
            end: f.end,
            char_start: chars(f.start),
            char_end: chars(f.end),
            count: f.count.as_ref(),
            sources: &f.sources,
            negated: f.negated,
            hedged: f.hedged,
        },
    }
}

fn location<'a>(export: &Export<'a>, entity: &str) -> Option<Location<'a>> {
    let place = export.place(entity)?;
    let coordinates = place.coordinates();
    Some(Location {
        name: place.name,
        place_name: place.name_en(),
        geoname_id: place.geonames_id(),
        country_code: place.alpha2(),
        lat: coordinates.map(|c| c.0),
        lon: coordinates.map(|c| c.1),
    })
}
