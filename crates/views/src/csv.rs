//! The facts of a ledger as CSV (`isnad export --format csv`): one row per
//! fact, ACLED-like columns first, then isnad's own.

use std::collections::HashMap;
use std::io::Write;

use isnad_gazetteer::gazetteer;
use isnad_ledger::{Entity, Kind, Ledger};

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
];

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
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
/// `gazetteer_ids` gives the gazetteer entry of each entity that has one
/// (entity id → entry id), for countries and coordinates.
pub fn write(
    ledger: &Ledger,
    gazetteer_ids: &HashMap<String, String>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let ents: HashMap<&str, &Entity> = ledger
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    let docs: HashMap<&str, &isnad_ledger::Document> = ledger
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let mut cluster_of: HashMap<&str, (&str, &str)> = HashMap::new();
    for c in &ledger.clusters {
        for f in &c.facts {
            cluster_of.insert(f.as_str(), (c.id.as_str(), c.status.as_str()));
        }
    }
    writeln!(out, "{}", COLUMNS.join(","))?;
    for f in &ledger.facts {
        let doc = docs.get(f.doc.as_str());
        let date = f
            .time
            .as_ref()
            .map(|t| t.start.clone())
            .filter(|d| !d.starts_with("--"))
            .or_else(|| doc.and_then(|d| d.published.clone()))
            .unwrap_or_default();
        let place = f.place.as_deref().and_then(|p| ents.get(p));
        let entry = f
            .place
            .as_deref()
            .and_then(|p| gazetteer_ids.get(p))
            .and_then(|g| gazetteer().entry(g));
        let country = entry
            .and_then(|e| e.country.as_deref())
            .and_then(|iso| gazetteer().entry(&format!("country:{iso}")))
            .map(|c| c.name_en.clone())
            .unwrap_or_default();
        let (lat, lon) = entry
            .and_then(|e| e.coordinates)
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .unwrap_or_default();
        let count = f.count.as_ref();
        let fatalities = match (f.kind, count) {
            (Kind::Killed, Some(c)) if c.min == c.max && !c.suspect => {
                c.min.map(|v| v.to_string()).unwrap_or_default()
            }
            _ => String::new(),
        };
        let (cluster, status) = cluster_of.get(f.id.as_str()).copied().unwrap_or(("", ""));
        let chain = f
            .sources
            .first()
            .map(|s| s.chain.join(" > "))
            .unwrap_or_default();
        let row = [
            date,
            event_type(f.kind).to_string(),
            f.kind.as_str().to_string(),
            f.actor
                .as_deref()
                .and_then(|a| ents.get(a))
                .map(|e| e.name.clone())
                .unwrap_or_default(),
            String::new(),
            country,
            place.map(|p| p.name.clone()).unwrap_or_default(),
            lat,
            lon,
            fatalities,
            doc.map(|d| d.outlet.clone().unwrap_or_else(|| d.source.clone()))
                .unwrap_or_default(),
            String::new(),
            format!(
                "{}{}",
                if f.hedged { "alleged; " } else { "" },
                if f.negated { "denied; " } else { "" }
            )
            .trim_end_matches("; ")
            .to_string(),
            count
                .and_then(|c| c.min)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            count
                .and_then(|c| c.max)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            chain,
            f.evidence.clone(),
            cluster.to_string(),
            status.to_string(),
            f.id.clone(),
            f.doc.clone(),
        ];
        let line: Vec<String> = row.iter().map(|s| field(s)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_newlines_are_quoted() {
        assert_eq!(field("a"), "a");
        assert_eq!(field("قال، ثم"), "قال، ثم");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(field("a\nb"), "\"a\nb\"");
    }
}
