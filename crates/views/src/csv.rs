//! The facts of a ledger as CSV (`isnad export --format csv`): one row per
//! fact, ACLED-like columns first, then isnad's own.

use std::collections::HashMap;
use std::io::Write;

use isnad_gazetteer::Gazetteer;

/// The gazetteer and the entry of each entity that has one (entity id →
/// entry id).
type Places<'a> = (&'a Gazetteer, &'a HashMap<String, String>);
use isnad_ledger::{Document, Fact, Kind};

use crate::{outlet_of, View};

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "source",
    "source_scale",
    "notes",
    "count_min",
    "count_max",
    "attribution_chain",
    "evidence",
    "cluster_id",
    "status",
    "fact_id",
    "doc",
    "story_id",
];

/// The columns that hold numbers isnad computed (coordinates, counts).
const NUMERIC: &[&str] = &[
    "latitude",
    "longitude",
    "fatalities",
    "count_min",
    "count_max",
];

/// One cell: neutralised if a spreadsheet would read it as a formula, then
/// quoted if it holds a comma, quote or line break (`numeric`: the column
/// holds numbers, so a negative number stays a number). Public so that
/// every CSV isnad writes follows this one rule.
pub fn field(s: &str, numeric: bool) -> String {
    let s = neutralised(s, numeric);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// A cell that starts with a character a spreadsheet reads as the start of
/// a formula (`=`, `+`, `-`, `@`, tab, carriage return: OWASP's CSV
/// injection rule) with a single quote before it, so it is shown as the
/// text it is; kept exactly otherwise. A number in a numeric column
/// (`-58.38`) stays a number.
fn neutralised(s: &str, numeric: bool) -> std::borrow::Cow<'_, str> {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && !(numeric && is_number(s)) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A decimal number as isnad writes one: an optional minus, digits, and
/// at most one decimal point between digits.
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    ok(whole) && parts.next().is_none_or(ok)
}

/// ACLED's event type for a ledger kind.
fn event_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Protest => "Protests",
        Kind::Riot => "Riots",
        Kind::Clash => "Battles",
        Kind::Attack | Kind::Killed | Kind::Injured | Kind::Hospitalized => {
            "Violence against civilians"
        }
        Kind::PropertyDamage => "Riots",
        Kind::Arrested
        | Kind::Deployment
        | Kind::EmergencyMeasure
        | Kind::CommunicationsCut
        | Kind::Dismissal
        | Kind::PriceChange
        | Kind::Casualties
        | Kind::Sentenced
        | Kind::Kidnapped
        | Kind::Missing
        | Kind::Displaced
        | Kind::Evacuated => "Strategic developments",
    }
}

/// Writes the facts of a ledger as CSV, in ledger order (stable).
/// `gazetteer_ids` gives the entry of `gazetteer` of each entity that has
/// one (entity id → entry id), for countries and coordinates.
pub fn write(
    view: &View,
    gazetteer: &Gazetteer,
    gazetteer_ids: &HashMap<String, String>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut cluster_of: HashMap<&str, (&str, &str)> = HashMap::new();
    for c in &view.ledger.clusters {
        for f in &c.facts {
            cluster_of.insert(f.as_str(), (c.id.as_str(), c.status.as_str()));
        }
    }
    let mut story_of: HashMap<&str, &str> = HashMap::new();
    for s in &view.ledger.stories {
        for d in &s.documents {
            story_of.insert(d.as_str(), s.id.as_str());
        }
    }
    writeln!(out, "{}", COLUMNS.join(","))?;
    for f in &view.ledger.facts {
        let cluster = cluster_of.get(f.id.as_str()).copied().unwrap_or(("", ""));
        let story = story_of.get(f.doc.as_str()).copied().unwrap_or("");
        let row = fact_row(view, f, (gazetteer, gazetteer_ids), cluster, story);
        let line: Vec<String> = row
            .iter()
            .zip(COLUMNS)
            .map(|(s, column)| field(s, NUMERIC.contains(column)))
            .collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

/// One fact's row, in the order of [`COLUMNS`]; `(cluster id, status)` of
/// its cluster and the story of its document (empty when it has none).
fn fact_row(
    view: &View,
    f: &Fact,
    places: Places,
    (cluster, status): (&str, &str),
    story: &str,
) -> [String; 22] {
    let doc = view.document(&f.doc);
    let name_of = |id: Option<&str>| {
        id.and_then(|id| view.entity(id))
            .map(|e| e.name.clone())
            .unwrap_or_default()
    };
    let (country, lat, lon) = place_columns(f.place.as_deref(), places);
    let count = f.count.as_ref();
    let number = |n: Option<u64>| n.map(|v| v.to_string()).unwrap_or_default();
    [
        event_date(f, doc),
        event_type(f.kind).to_string(),
        f.kind.as_str().to_string(),
        name_of(f.actor.as_deref()),
        String::new(),
        country,
        name_of(f.place.as_deref()),
        lat,
        lon,
        fatalities(f),
        doc.map(outlet_of).unwrap_or_default(),
        String::new(),
        notes(f),
        number(count.and_then(|c| c.min)),
        number(count.and_then(|c| c.max)),
        f.sources
            .first()
            .map(|s| s.chain.join(" > "))
            .unwrap_or_default(),
        f.evidence.clone(),
        cluster.to_string(),
        status.to_string(),
        f.id.clone(),
        f.doc.clone(),
        story.to_string(),
    ]
}

/// The date the text gives for a fact (when it states the year), else its
/// document's publication date.
fn event_date(f: &Fact, doc: Option<&Document>) -> String {
    f.time
        .as_ref()
        .map(|t| t.start.clone())
        .filter(|d| !d.starts_with("--"))
        .or_else(|| doc.and_then(|d| d.published.clone()))
        .unwrap_or_default()
}

/// Country (English name), latitude and longitude of a place, from the
/// gazetteer; empty when the place has no entry.
fn place_columns(
    place: Option<&str>,
    (gazetteer, gazetteer_ids): Places,
) -> (String, String, String) {
    let entry = place
        .and_then(|p| gazetteer_ids.get(p))
        .and_then(|g| gazetteer.entry(g));
    let country = entry
        .and_then(|e| e.country.as_deref())
        .and_then(|iso| gazetteer.entry(&format!("country:{iso}")))
        .map(|c| c.name_en.clone())
        .unwrap_or_default();
    let (lat, lon) = entry
        .and_then(|e| e.coordinates)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or_default();
    (country, lat, lon)
}

/// ACLED's fatalities: an exact, trusted count of people killed.
fn fatalities(f: &Fact) -> String {
    match (f.kind, &f.count) {
        (Kind::Killed, Some(c)) if c.min == c.max && !c.suspect => {
            c.min.map(|v| v.to_string()).unwrap_or_default()
        }
        _ => String::new(),
    }
}

/// `alleged`, `denied`, both (`alleged; denied`) or nothing.
fn notes(f: &Fact) -> String {
    format!(
        "{}{}",
        if f.hedged { "alleged; " } else { "" },
        if f.negated { "denied; " } else { "" }
    )
    .trim_end_matches("; ")
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{cluster, document, fact, ledger};

    #[test]
    fn each_row_names_its_documents_story() {
        let mut l = ledger(
            vec![
                document("a", Some("x"), None),
                document("b", Some("y"), None),
            ],
            vec![
                fact("fa", "a", Some(3), None),
                fact("fb", "b", Some(4), None),
            ],
            vec![cluster("c1", isnad_ledger::Status::Single, &["fa"])],
        );
        l.stories = vec![isnad_ledger::Story {
            id: "sa".into(),
            title: "t".into(),
            documents: vec!["a".into()],
            start: None,
            end: None,
            places: Vec::new(),
            actors: Vec::new(),
            clusters: vec!["c1".into()],
        }];
        let mut out = Vec::new();
        write(
            &View::new(&l),
            &Gazetteer::load(),
            &HashMap::new(),
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert!(rows[0].ends_with(",doc,story_id"), "{}", rows[0]);
        assert!(rows[1].ends_with(",fa,a,sa"), "{}", rows[1]);
        assert!(
            rows[2].ends_with(",fb,b,"),
            "a document of no story: {}",
            rows[2]
        );
    }

    #[test]
    fn fields_with_commas_quotes_and_newlines_are_quoted() {
        assert_eq!(field("a", false), "a");
        assert_eq!(field("قال، ثم", false), "قال، ثم");
        assert_eq!(field("a,b", false), "\"a,b\"");
        assert_eq!(field("say \"x\"", false), "\"say \"\"x\"\"\"");
        assert_eq!(field("a\nb", false), "\"a\nb\"");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        assert_eq!(
            field("=HYPERLINK(\"http://x\")", false),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(
            field("+1+cmd|' /C calc'!A0", false),
            "'+1+cmd|' /C calc'!A0"
        );
        assert_eq!(field("-2+3", false), "'-2+3");
        assert_eq!(field("@SUM(A1)", false), "'@SUM(A1)");
        assert_eq!(field("\t=1", false), "'\t=1");
        assert_eq!(field("\r=1", false), "\"'\r=1\"");
        // A negative number is text in a text column, a number in a numeric one.
        assert_eq!(field("-58.38", true), "-58.38");
        assert_eq!(field("-5", true), "-5");
        assert_eq!(field("-5", false), "'-5");
        assert_eq!(field("-1+1", true), "'-1+1");
        assert_eq!(field("-", true), "'-");
        // Formula characters inside a cell are harmless and kept.
        assert_eq!(field("a=b-c", false), "a=b-c");
    }
}
