//! The timeline: clusters ordered by when they happened.

use std::cmp::Ordering;

use isnad_ledger::Cluster;

use crate::View;

/// Where a timeline entry's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatedBy {
    /// A date the text gives for the happening (the earliest among its facts).
    Text,
    /// No fact is dated: the earliest publication date of its documents.
    Publication,
    /// Neither: placed at the end.
    Unknown,
}

/// One happening on the timeline.
#[derive(Clone, Debug)]
pub struct TimelineEntry<'a> {
    /// The cluster.
    pub cluster: &'a Cluster,
    /// `YYYY-MM-DD`, `--MM-DD` (year unknown), or none.
    pub date: Option<String>,
    /// Where the date comes from.
    pub dated_by: DatedBy,
    /// How many documents report it.
    pub documents: usize,
}

/// Clusters ordered by date: dated by their text first, else by the
/// publication date of their documents; dates without a year after those
/// with one, undated happenings last. Ties: reported by more documents first,
/// then by kind and id, so the order is stable.
pub fn timeline<'a>(view: &View<'a>) -> Vec<TimelineEntry<'a>> {
    let mut entries: Vec<TimelineEntry<'a>> = view
        .ledger
        .clusters
        .iter()
        .map(|c| {
            let members = view.members(c);
            let stated = members
                .iter()
                .filter_map(|f| f.time.as_ref())
                .min_by(|a, b| by_date(&a.start, &b.start));
            let (date, dated_by) = match stated {
                Some(t) => (Some(period(&t.start, &t.end)), DatedBy::Text),
                None => match earliest(
                    members
                        .iter()
                        .filter_map(|f| view.document(&f.doc))
                        .filter_map(|d| d.published.as_deref()),
                ) {
                    Some(d) => (Some(d.to_string()), DatedBy::Publication),
                    None => (None, DatedBy::Unknown),
                },
            };
            TimelineEntry {
                cluster: c,
                date,
                dated_by,
                documents: view.documents_of(c).len(),
            }
        })
        .collect();
    entries.sort_by(|a, b| {
        rank(a.date.as_deref())
            .cmp(&rank(b.date.as_deref()))
            .then_with(|| a.date.cmp(&b.date))
            .then_with(|| b.documents.cmp(&a.documents))
            .then_with(|| a.cluster.kind.cmp(&b.cluster.kind))
            .then_with(|| a.cluster.id.cmp(&b.cluster.id))
    });
    entries
}

/// A stated time as precisely as the text gave it: a whole year as `YYYY`,
/// a whole month as `YYYY-MM`, else its first day.
fn period(start: &str, end: &str) -> String {
    if start.len() == 10 && end.len() == 10 && !start.starts_with("--") {
        let (year, month) = (&start[..4], &start[5..7]);
        if start.ends_with("-01-01") && end == format!("{year}-12-31") {
            return year.to_string();
        }
        let last_day = matches!(&end[8..], "28" | "29" | "30" | "31");
        if start.ends_with("-01") && end.starts_with(&start[..8]) && last_day && month == &end[5..7]
        {
            return start[..7].to_string();
        }
    }
    start.to_string()
}

/// Full dates, then dates without a year, then none.
fn rank(date: Option<&str>) -> u8 {
    match date {
        Some(d) if d.starts_with("--") => 1,
        Some(_) => 0,
        None => 2,
    }
}

/// The earliest date, preferring dates that state their year.
fn earliest<'s>(dates: impl Iterator<Item = &'s str>) -> Option<&'s str> {
    dates.min_by(|a, b| by_date(a, b))
}

/// Dates that state their year first, then in calendar order.
fn by_date(a: &str, b: &str) -> Ordering {
    rank(Some(a)).cmp(&rank(Some(b))).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_ledger::{Document, Fact, Kind, Ledger, Status, TimeRange};

    fn doc(id: &str, published: Option<&str>) -> Document {
        Document {
            id: id.into(),
            source: format!("{id}.txt"),
            title: None,
            outlet: None,
            author: None,
            published: published.map(str::to_string),
            text: String::new(),
            removed: Vec::new(),
            near_duplicate_of: None,
            url: None,
        }
    }

    fn fact(id: &str, doc: &str, time: Option<&str>) -> Fact {
        Fact {
            id: id.into(),
            kind: Kind::Killed,
            doc: doc.into(),
            start: 0,
            end: 0,
            evidence: String::new(),
            count: None,
            subject: None,
            actor: None,
            place: None,
            time: time.map(|t| TimeRange {
                start: t.into(),
                end: t.into(),
                text: t.into(),
            }),
            sources: Vec::new(),
            negated: false,
            hedged: false,
            background: false,
        }
    }

    fn cluster(id: &str, facts: &[&str]) -> Cluster {
        Cluster {
            id: id.into(),
            kind: Kind::Killed,
            facts: facts.iter().map(|f| f.to_string()).collect(),
            status: Status::Single,
            summary: String::new(),
            story: None,
        }
    }

    #[test]
    fn ordered_by_stated_date_then_publication_date_undated_last() {
        let ledger = Ledger {
            documents: vec![
                doc("a", Some("2023-03-02")),
                doc("b", None),
                doc("c", Some("2023-02-27")),
            ],
            facts: vec![
                fact("1", "a", Some("2023-03-01")),
                fact("2", "a", None),
                fact("3", "b", None),
                fact("4", "c", None),
                fact("5", "b", Some("--02-28")),
                fact("6", "c", Some("2023-02-28")),
            ],
            clusters: vec![
                cluster("undated", &["3"]),
                cluster("published", &["2"]),
                cluster("stated", &["1"]),
                cluster("published-early", &["4"]),
                cluster("yearless", &["5"]),
                cluster("both", &["5", "6"]),
            ],
            ..Ledger::default()
        };
        let view = View::new(&ledger);
        let t = timeline(&view);
        let order: Vec<(&str, Option<&str>, DatedBy)> = t
            .iter()
            .map(|e| (e.cluster.id.as_str(), e.date.as_deref(), e.dated_by))
            .collect();
        assert_eq!(
            order,
            vec![
                ("published-early", Some("2023-02-27"), DatedBy::Publication),
                ("both", Some("2023-02-28"), DatedBy::Text),
                ("stated", Some("2023-03-01"), DatedBy::Text),
                ("published", Some("2023-03-02"), DatedBy::Publication),
                ("yearless", Some("--02-28"), DatedBy::Text),
                ("undated", None, DatedBy::Unknown),
            ]
        );
        assert_eq!(t[1].documents, 2);
    }

    #[test]
    fn a_bare_year_or_month_is_shown_as_such() {
        assert_eq!(period("1989-01-01", "1989-12-31"), "1989");
        assert_eq!(period("2022-02-01", "2022-02-28"), "2022-02");
        assert_eq!(period("2022-01-05", "2022-01-05"), "2022-01-05");
        assert_eq!(period("2022-01-05", "2022-01-07"), "2022-01-05");
        assert_eq!(period("--01-05", "--01-05"), "--01-05");
    }
}
