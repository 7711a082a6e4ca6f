//! ACLED's event table (`isnad export --format acled`): one row per event
//! ([`crate::Event`]), ACLED's columns in ACLED's order, then isnad's own
//! (left out with [`Columns::Strict`]).
//!
//! Following ACLED's codebook: the event and sub-event type come from the
//! event cluster's kind; killed, injured and hospitalized are not events but
//! the event's toll; `fatalities` is the most conservative figure (the
//! lowest any source gives, `عشرات` → 10), and `notes` carries every
//! source's figure and chain, the dispute included; injuries, which ACLED
//! does not count, are in `notes`. `time_precision` is 1 for a stated day,
//! 2 for a stated span of up to a week or a date known only from
//! publication, 3 for a longer span; `geo_precision` is 1 for a town or
//! city, 3 for a country alone. `iso` is the numeric ISO 3166-1 code.
//! `region`, `admin1`–`admin3` and `source_scale` stay empty: the gazetteer
//! knows no ACLED regions or administrative levels, nor how far an outlet
//! reaches. `timestamp` is the last publication date of the event's
//! documents (midnight UTC, Unix seconds), so an export is reproducible.
//! Cells follow the project's CSV rule (`isnad_views::csv::field`).

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use isnad_ledger::Kind;
use isnad_views::csv::field;

use crate::events::{Event, EventKind};
use crate::places::Place;
use crate::Export;

/// ACLED's columns, in ACLED's order.
pub const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// isnad's columns, after ACLED's.
pub const ISNAD_COLUMNS: &[&str] = &[
    "isnad_event_id",
    "isnad_kind",
    "isnad_status",
    "isnad_fatalities_max",
    "isnad_injured_min",
    "isnad_injured_max",
    "isnad_location_ar",
    "isnad_story",
    "isnad_clusters",
    "isnad_facts",
    "isnad_docs",
];

/// Columns that hold numbers (a negative coordinate stays a number).
const NUMERIC: &[&str] = &[
    "year",
    "time_precision",
    "iso",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "timestamp",
    "isnad_fatalities_max",
    "isnad_injured_min",
    "isnad_injured_max",
];

/// Which columns to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// ACLED's only (`--strict`): a file any ACLED loader takes as is.
    Strict,
    /// ACLED's, then isnad's.
    WithIsnad,
}

/// Writes the events as ACLED CSV, one row per event, by date then id.
pub fn write(export: &Export, columns: Columns, out: &mut dyn Write) -> std::io::Result<()> {
    let names: Vec<&str> = match columns {
        Columns::Strict => ACLED_COLUMNS.to_vec(),
        Columns::WithIsnad => ACLED_COLUMNS.iter().chain(ISNAD_COLUMNS).copied().collect(),
    };
    writeln!(out, "{}", names.join(","))?;
    let mut numbered: HashMap<&str, usize> = HashMap::new();
    for event in export.events() {
        let mut row = Row::of(export, &event);
        let n = numbered.entry(row.alpha3).or_default();
        *n += 1;
        row.cells[0] = format!("{}{}", row.alpha3, n);
        let line: Vec<String> = row
            .cells
            .iter()
            .zip(ACLED_COLUMNS.iter().chain(ISNAD_COLUMNS))
            .take(names.len())
            .map(|(s, column)| field(s, NUMERIC.contains(column)))
            .collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

/// One event's cells, in the order of ACLED's columns then isnad's.
struct Row {
    /// ISO alpha-3 of its country (`XXX` when unknown): `event_id_cnty`'s prefix.
    alpha3: &'static str,
    cells: Vec<String>,
}

/// ACLED's classification of an event kind: disorder type, event type,
/// sub-event type.
pub fn classification(kind: EventKind, fatal: bool, hurt: bool) -> [&'static str; 3] {
    let Some(kind) = (match kind {
        EventKind::Of(k) => Some(k),
        EventKind::TollOnly => None,
    }) else {
        return ["", "", ""];
    };
    const SD: &str = "Strategic developments";
    match kind {
        Kind::Protest if fatal => [
            "Political violence; Demonstrations",
            "Protests",
            "Excessive force against protesters",
        ],
        Kind::Protest if hurt => ["Demonstrations", "Protests", "Protest with intervention"],
        Kind::Protest => ["Demonstrations", "Protests", "Peaceful protest"],
        Kind::Riot => ["Demonstrations", "Riots", "Violent demonstration"],
        Kind::Clash => ["Political violence", "Battles", "Armed clash"],
        Kind::Attack => ["Political violence", "Violence against civilians", "Attack"],
        Kind::Kidnapped => [
            "Political violence",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ],
        Kind::PropertyDamage => [SD, SD, "Looting/property destruction"],
        Kind::Arrested => [SD, SD, "Arrests"],
        _ => [SD, SD, "Other"],
    }
}

/// ACLED's generic actor and its type for the side an event kind implies:
/// protesters, rioters, or civilians attacked (`actor`, `inter`).
fn implied_actors(kind: EventKind, country: &str) -> (Option<[String; 2]>, Option<[String; 2]>) {
    let named = |who: &str| match country {
        "" => who.to_string(),
        c => format!("{who} ({c})"),
    };
    match kind {
        EventKind::Of(Kind::Protest) => (Some([named("Protesters"), "Protesters".into()]), None),
        EventKind::Of(Kind::Riot) => (Some([named("Rioters"), "Rioters".into()]), None),
        EventKind::Of(Kind::Attack | Kind::Kidnapped) => {
            (None, Some([named("Civilians"), "Civilians".into()]))
        }
        _ => (None, None),
    }
}

impl Row {
    fn of(export: &Export, event: &Event) -> Row {
        let place = event.place.and_then(|p| export.place(p));
        let country_entry = place.and_then(|p| p.country());
        let country = country_entry.map_or("", |c| c.name_en.as_str());
        let alpha2 = place.and_then(|p| p.alpha2());
        let (alpha3, numeric) = alpha2.and_then(|a| export.iso.of(a)).unwrap_or(("XXX", 0));
        let fatalities = event.lowest(export, Kind::Killed);
        let hurt = event.tolls.iter().any(|c| c.kind != Kind::Killed);
        let kind = event.kind();
        let [disorder, event_type, sub_event] =
            classification(kind, fatalities.unwrap_or(0) > 0, hurt);
        let date = event.date().unwrap_or_default().to_string();
        let (actor1, actor2) = actors(export, event, kind, country);
        let interaction = interaction(&actor1[1], &actor2[1]);
        let (lat, lon, geo) = coordinates(place);
        let number = |n: Option<u64>| n.map(|v| v.to_string()).unwrap_or_default();
        let mut cells = vec![
            String::new(), // event_id_cnty: numbered by the caller
            date.clone(),
            date.get(..4).unwrap_or_default().to_string(),
            time_precision(event).to_string(),
            disorder.into(),
            event_type.into(),
            sub_event.into(),
            actor1[0].clone(),
            String::new(),
            actor1[1].clone(),
            actor2[0].clone(),
            String::new(),
            actor2[1].clone(),
            interaction,
            if event_type == "Violence against civilians" {
                "Civilian targeting"
            } else {
                ""
            }
            .into(),
            if numeric > 0 {
                numeric.to_string()
            } else {
                String::new()
            },
            String::new(),
            country.to_string(),
            String::new(),
            String::new(),
            String::new(),
            place.map_or(country, |p| p.name_en()).to_string(),
            lat,
            lon,
            geo,
            sources(export, event),
            String::new(),
            notes(export, event, fatalities),
            fatalities.unwrap_or(0).to_string(),
            tags(export, event),
            timestamp(event),
        ];
        cells.extend(isnad_cells(export, event, place));
        cells[ACLED_COLUMNS.len() + 3] = number(event.highest(export, Kind::Killed));
        cells[ACLED_COLUMNS.len() + 4] = number(event.lowest(export, Kind::Injured));
        cells[ACLED_COLUMNS.len() + 5] = number(event.highest(export, Kind::Injured));
        Row { alpha3, cells }
    }
}

/// isnad's columns of an event (the three figure columns filled by the caller).
fn isnad_cells(export: &Export, event: &Event, place: Option<Place>) -> Vec<String> {
    let clusters: Vec<_> = event.clusters().collect();
    let facts: Vec<&str> = clusters
        .iter()
        .flat_map(|c| c.facts.iter().map(String::as_str))
        .collect();
    let docs: BTreeSet<&str> = clusters
        .iter()
        .flat_map(|c| export.view.documents_of(c))
        .collect();
    let join = |it: &mut dyn Iterator<Item = String>| it.collect::<Vec<_>>().join(";");
    vec![
        event.id().to_string(),
        join(&mut clusters.iter().map(|c| c.kind.to_string())),
        join(&mut clusters.iter().map(|c| format!("{}:{}", c.kind, c.status))),
        String::new(),
        String::new(),
        String::new(),
        place.map(|p| p.name.to_string()).unwrap_or_default(),
        event.story.unwrap_or_default().to_string(),
        join(&mut clusters.iter().map(|c| c.id.clone())),
        facts.join(";"),
        join(&mut docs.into_iter().map(str::to_string)),
    ]
}

/// `(actor1, inter1)` and `(actor2, inter2)`: the side the kind implies
/// (protesters, rioters, civilians), and who the facts say acted.
fn actors(
    export: &Export,
    event: &Event,
    kind: EventKind,
    country: &str,
) -> ([String; 2], [String; 2]) {
    let (implied1, implied2) = implied_actors(kind, country);
    let named = event
        .clusters()
        .flat_map(|c| export.view.members(c))
        .find_map(|f| export.view.entity(f.actor.as_deref()?))
        .map(|e| {
            [
                e.name_latin.clone().unwrap_or_else(|| e.name.clone()),
                String::new(),
            ]
        });
    let empty = || [String::new(), String::new()];
    match (implied1, implied2) {
        (Some(a1), _) => (a1, named.unwrap_or_else(empty)),
        (None, Some(a2)) => (named.unwrap_or_else(empty), a2),
        (None, None) => (named.unwrap_or_else(empty), empty()),
    }
}

/// ACLED's interaction of two actor types: `Protesters only`,
/// `Civilians only`, `X-Y` when both are known, empty otherwise.
fn interaction(inter1: &str, inter2: &str) -> String {
    match (inter1, inter2) {
        ("", "") => String::new(),
        (a, "") | ("", a) => format!("{a} only"),
        (a, b) => format!("{a}-{b}"),
    }
}

/// ACLED's time precision: 1 a stated day, 2 a stated span of a week at
/// most or a day known only from publication, 3 a longer span.
fn time_precision(event: &Event) -> u8 {
    match &event.dates {
        Some((a, b)) if a == b => 1,
        Some((a, b)) if days_between(a, b).is_some_and(|d| d <= 7) => 2,
        Some(_) => 3,
        None if event.published.is_some() => 2,
        None => 3,
    }
}

/// Latitude, longitude and ACLED's geo precision (1 a town or city, 3 a
/// country alone, empty when unplaced).
fn coordinates(place: Option<Place>) -> (String, String, String) {
    match place {
        Some(p) if p.is_populated_place() => match p.coordinates() {
            Some((lat, lon)) => (lat.to_string(), lon.to_string(), "1".into()),
            None => (String::new(), String::new(), "1".into()),
        },
        Some(p) if p.entry.is_some() => (String::new(), String::new(), "3".into()),
        _ => Default::default(),
    }
}

/// The outlets of the event's documents, sorted, `; `-joined as ACLED does.
fn sources(export: &Export, event: &Event) -> String {
    let outlets: BTreeSet<String> = event
        .clusters()
        .flat_map(|c| export.view.documents_of(c))
        .map(|d| export.view.outlet(d))
        .collect();
    outlets.into_iter().collect::<Vec<_>>().join("; ")
}

/// Every cluster's figures with their source and chain, and how the
/// fatality figure was chosen: `killed (conflict): الساحل «12» (12) …
/// الدفاع المدني اللبناني | الوادي «9» (9) … ; fatalities 9: the lowest figure.`
fn notes(export: &Export, event: &Event, fatalities: Option<u64>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if event.event.is_none() {
        parts.push("event type not stated: a toll with no event isnad recognises".into());
    }
    for c in event.clusters() {
        let figures: Vec<String> = export
            .view
            .members(c)
            .iter()
            .map(|f| {
                let figure = f.count.as_ref().map(|_| isnad_views::figure(f) + " ");
                let (outlet, source) = (export.view.outlet(&f.doc), isnad_views::attribution(f));
                format!("{outlet} {}({source})", figure.unwrap_or_default())
            })
            .collect();
        parts.push(format!(
            "{} ({}): {}",
            c.kind,
            c.status,
            figures.join(" | ")
        ));
    }
    let killed = event
        .tolls
        .iter()
        .filter(|c| c.kind == Kind::Killed)
        .count();
    if let (Some(n), true) = (fatalities, killed > 0) {
        parts.push(match killed {
            1 => format!("fatalities {n}: the lowest figure given"),
            k => format!("fatalities {n}: the largest of the {k} killed clusters' lowest figures"),
        });
    }
    parts.join("; ")
}

/// ACLED's tags: the crowd size of a protest or riot when a figure is given.
fn tags(export: &Export, event: &Event) -> String {
    let crowd = event
        .event
        .filter(|c| matches!(c.kind, Kind::Protest | Kind::Riot))
        .and_then(|c| {
            export
                .view
                .members(c)
                .into_iter()
                .find_map(|f| f.count.clone())
        });
    crowd.map_or(String::new(), |c| format!("crowd size={}", c.text))
}

/// The last publication date of the event's documents, midnight UTC, in
/// Unix seconds; empty when none is dated.
fn timestamp(event: &Event) -> String {
    event
        .published
        .as_ref()
        .and_then(|(_, last)| day_number(last))
        .map(|d| (d * 86_400).to_string())
        .unwrap_or_default()
}

/// Days from 1970-01-01 to a `YYYY-MM-DD` date (proleptic Gregorian).
pub(crate) fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Days from `a` to `b`.
fn days_between(a: &str, b: &str) -> Option<i64> {
    Some(day_number(b)? - day_number(a)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_are_unix_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2022-01-05"), Some(18_997));
        assert_eq!(day_number("2024-03-01"), Some(19_783));
        assert_eq!(days_between("2023-02-27", "2023-03-02"), Some(3));
        assert_eq!(day_number("2022-13-01"), None);
    }

    #[test]
    fn kinds_map_to_acleds_types_and_tolls_alone_to_none() {
        let of = |k| classification(EventKind::Of(k), false, false);
        assert_eq!(of(Kind::Protest)[2], "Peaceful protest");
        assert_eq!(
            classification(EventKind::Of(Kind::Protest), true, true)[2],
            "Excessive force against protesters"
        );
        assert_eq!(
            classification(EventKind::Of(Kind::Protest), false, true)[2],
            "Protest with intervention"
        );
        assert_eq!(of(Kind::Riot)[1], "Riots");
        assert_eq!(of(Kind::Clash)[1], "Battles");
        assert_eq!(of(Kind::Attack)[1], "Violence against civilians");
        assert_eq!(of(Kind::PropertyDamage)[2], "Looting/property destruction");
        assert_eq!(of(Kind::Arrested)[2], "Arrests");
        assert_eq!(
            classification(EventKind::TollOnly, true, true),
            ["", "", ""]
        );
    }

    #[test]
    fn interactions_name_both_sides_or_one_alone() {
        assert_eq!(interaction("Protesters", ""), "Protesters only");
        assert_eq!(interaction("", "Civilians"), "Civilians only");
        assert_eq!(interaction("", ""), "");
    }
}
