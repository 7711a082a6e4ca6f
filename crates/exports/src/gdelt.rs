//! GDELT 2.0's event and mention tables (`isnad export --format gdelt
//! --output DIR`: `events.tsv`, `mentions.tsv`), tab-separated without a
//! header, as GDELT writes them.
//!
//! `events.tsv`: one row per event ([`crate::Event`]) of a kind CAMEO codes,
//! GDELT's 61 columns; `GlobalEventID` numbers the rows (1, 2, … in the
//! ACLED order). The CAMEO code comes from the event's kind (a toll alone:
//! 180, unconventional violence not specified), with its root, quad class
//! and Goldstein value; `NumMentions`, `NumSources`, `NumArticles` count its
//! facts, outlets and documents. Geography is the action's: type 4 (a
//! city) or 1 (a country), GeoNames id as the feature id, and the country
//! as ISO 3166 alpha-2 (GDELT writes FIPS 10-4; no table of it ships).
//! `AvgTone` is empty: isnad measures no tone. `DATEADDED` is the last
//! publication date of its documents at midnight.
//!
//! `mentions.tsv`: one row per fact of those events, GDELT's 16 columns;
//! `ActionCharOffset` is the evidence's start in characters (code points)
//! of the document's text, `MentionDocLen` the text's length in characters;
//! `Extras` names the fact, cluster, kind and figure.

use std::collections::BTreeSet;
use std::io::Write;

use isnad_ledger::{Fact, Kind};

use crate::events::{Event, EventKind};
use crate::Export;

/// GDELT 2.0's event columns, in order.
pub const EVENT_COLUMNS: usize = 61;
/// GDELT 2.0's mention columns, in order.
pub const MENTION_COLUMNS: usize = 16;

/// CAMEO's code, base code, root code, quad class and Goldstein value of
/// an event kind; `None` for kinds CAMEO has no code for (dismissals,
/// displacement, …), which GDELT's tables leave out.
pub fn cameo(kind: EventKind) -> Option<(&'static str, &'static str, &'static str, u8, f64)> {
    let Some(kind) = (match kind {
        EventKind::Of(k) => Some(k),
        EventKind::TollOnly => None,
    }) else {
        return Some(("180", "180", "18", 4, -9.0));
    };
    Some(match kind {
        Kind::Protest => ("141", "141", "14", 3, -6.5),
        Kind::Riot => ("145", "145", "14", 3, -7.5),
        Kind::Clash => ("190", "190", "19", 4, -10.0),
        Kind::Attack => ("180", "180", "18", 4, -9.0),
        Kind::Kidnapped => ("181", "181", "18", 4, -9.0),
        Kind::Arrested => ("173", "173", "17", 4, -5.0),
        Kind::PropertyDamage => ("1712", "171", "17", 4, -9.2),
        Kind::EmergencyMeasure | Kind::CommunicationsCut => ("172", "172", "17", 4, -5.0),
        Kind::Deployment => ("154", "154", "15", 4, -7.2),
        _ => return None,
    })
}

/// Writes both tables.
pub fn write(
    export: &Export,
    events_out: &mut dyn Write,
    mentions_out: &mut dyn Write,
) -> std::io::Result<()> {
    let events = export.events();
    let coded = events
        .iter()
        .filter_map(|e| Some((e, cameo(e.kind())?)))
        .enumerate();
    for (i, (event, code)) in coded {
        let id = (i + 1).to_string();
        let row = event_row(export, event, &id, code);
        debug_assert_eq!(row.len(), EVENT_COLUMNS);
        writeln!(events_out, "{}", row.join("\t"))?;
        for f in event.clusters().flat_map(|c| export.view.members(c)) {
            let row = mention_row(export, event, f, &id);
            writeln!(mentions_out, "{}", row.join("\t"))?;
        }
    }
    Ok(())
}

/// A cell without the tabs and line breaks that would break a row.
fn cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// `YYYYMMDD` of a `YYYY-MM-DD` date.
fn day(date: &str) -> String {
    date.replace('-', "")
}

fn event_row(
    export: &Export,
    event: &Event,
    id: &str,
    (code, base, root, quad, goldstein): (&str, &str, &str, u8, f64),
) -> Vec<String> {
    let date = event.date().unwrap_or_default();
    let facts: Vec<&Fact> = event
        .clusters()
        .flat_map(|c| export.view.members(c))
        .collect();
    let docs: BTreeSet<&str> = facts.iter().map(|f| f.doc.as_str()).collect();
    let outlets: BTreeSet<String> = docs.iter().map(|d| export.view.outlet(d)).collect();
    let actor = facts
        .iter()
        .find_map(|f| export.view.entity(f.actor.as_deref()?))
        .map(|e| cell(&e.name))
        .unwrap_or_default();
    let fraction = crate::acled::day_number(date).map(|_| fraction_date(date));
    let mut row = vec![
        id.to_string(),
        day(date),
        date.get(..7).map(day).unwrap_or_default(),
        date.get(..4).unwrap_or_default().to_string(),
        fraction.unwrap_or_default(),
        String::new(),
        actor,
    ];
    row.extend(std::iter::repeat_n(String::new(), 8)); // Actor1 country … type 3
    row.extend(std::iter::repeat_n(String::new(), 10)); // Actor2
    row.extend([
        "1".into(),
        code.into(),
        base.into(),
        root.into(),
        quad.to_string(),
        format!("{goldstein:.1}"),
        facts.len().to_string(),
        outlets.len().to_string(),
        docs.len().to_string(),
        String::new(),
    ]);
    row.extend(empty_geo()); // Actor1Geo
    row.extend(empty_geo()); // Actor2Geo
    row.extend(action_geo(export, event));
    let last = event.published.as_ref().map(|p| day(&p.1) + "000000");
    row.push(last.unwrap_or_default());
    let first_doc = docs.iter().next().and_then(|d| export.view.document(d));
    row.push(first_doc.map_or(String::new(), |d| cell(d.url.as_ref().unwrap_or(&d.source))));
    row
}

/// GDELT's `FractionDate`: the year plus the share of it gone, 4 decimals.
fn fraction_date(date: &str) -> String {
    let year: i64 = date[..4].parse().unwrap_or(0);
    let start = crate::acled::day_number(&format!("{year}-01-01")).unwrap_or(0);
    let today = crate::acled::day_number(date).unwrap_or(start);
    format!("{:.4}", year as f64 + (today - start) as f64 / 365.0)
}

fn empty_geo() -> Vec<String> {
    let mut geo = vec!["0".to_string()];
    geo.extend(std::iter::repeat_n(String::new(), 7));
    geo
}

/// The eight `ActionGeo_` columns of an event's place.
fn action_geo(export: &Export, event: &Event) -> Vec<String> {
    let Some(place) = event.place.and_then(|p| export.place(p)) else {
        return empty_geo();
    };
    let country = place.country();
    let kind = match (place.is_populated_place(), country.is_some()) {
        (true, _) => "4",
        (false, true) => "1",
        (false, false) => "0",
    };
    let full = match country.map(|c| c.name_en.as_str()) {
        Some(c) if place.is_populated_place() => format!("{}, {c}", place.name_en()),
        Some(c) => c.to_string(),
        None => place.name_en().to_string(),
    };
    let (lat, lon) = place
        .coordinates()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or_default();
    vec![
        kind.into(),
        cell(&full),
        place.alpha2().unwrap_or_default().into(),
        String::new(),
        String::new(),
        lat,
        lon,
        place.geonames_id().unwrap_or_default().into(),
    ]
}

fn mention_row(export: &Export, event: &Event, f: &Fact, id: &str) -> Vec<String> {
    let doc = export.view.document(&f.doc);
    let text = doc.map_or("", |d| d.text.as_str());
    let chars = |byte: usize| text.get(..byte).map_or(0, |t| t.chars().count());
    let published = doc.and_then(|d| d.published.as_deref());
    let figure = f.count.as_ref().map_or(String::new(), |c| c.text.clone());
    let cluster = event
        .clusters()
        .find(|c| c.facts.contains(&f.id))
        .map_or("", |c| c.id.as_str());
    vec![
        id.to_string(),
        event.date().map(|d| day(d) + "000000").unwrap_or_default(),
        published.map(|d| day(d) + "000000").unwrap_or_default(),
        "1".into(),
        cell(&export.view.outlet(&f.doc)),
        cell(doc.map_or(&f.doc, |d| d.url.as_ref().unwrap_or(&d.source))),
        String::new(),
        "-1".into(),
        "-1".into(),
        chars(f.start).to_string(),
        "1".into(),
        String::new(),
        text.chars().count().to_string(),
        String::new(),
        String::new(),
        cell(&format!(
            "fact={};cluster={cluster};kind={};figure={figure};doc={};char_end={}",
            f.id,
            f.kind,
            f.doc,
            chars(f.end)
        )),
    ]
}
