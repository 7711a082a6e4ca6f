//! The short story `isnad run` ends with: the happenings a reader wants
//! first, each with every source's figure. Figures several outlets dispute
//! come first, then what several outlets report, then single reports with
//! a figure; within each, the most recent first. Background (what the
//! texts date well before they were published: the toll of an uprising
//! decades ago, recalled in today's article) comes last.

use std::cmp::Reverse;

use isnad_ledger::{Cluster, Status};

use crate::{attribution, figure, timeline, DatedBy, TimelineEntry, View};

/// How many days before its document was published a text has to date a
/// fact for the fact to be background rather than news.
const BACKGROUND_DAYS: i64 = 30;

/// Where a happening stands in the story, first first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// Several outlets, and their figures conflict.
    Disputed,
    /// Several outlets give figures that agree.
    Agreed,
    /// Several outlets report it, without a figure.
    Reported,
    /// One outlet gives a figure.
    Single,
    /// Every source dates it well before it was published.
    Background,
}

/// At most `lines` lines of story, ranked by dispute and recency:
/// disputed figures, agreed figures, other happenings several outlets
/// report, single reports with a figure, then background; most recent
/// first within each. Each line: date, kind, place, status, and each
/// outlet's figure with its source.
pub fn story(view: &View, lines: usize) -> Vec<String> {
    let entries = timeline(view);
    let mut ranked: Vec<(Tier, &TimelineEntry)> = entries
        .iter()
        .filter_map(|e| tier(view, e).map(|t| (t, e)))
        .collect();
    // Stable: equal dates keep the timeline's order (more documents first).
    ranked.sort_by_key(|&(tier, e)| (tier, recency(e)));
    ranked.truncate(lines);
    ranked.into_iter().map(|(_, e)| line(view, e)).collect()
}

/// The tier of a happening, or `None` when the story leaves it out (one
/// outlet and no figure).
fn tier(view: &View, e: &TimelineEntry) -> Option<Tier> {
    let members = view.members(e.cluster);
    let counted = members.iter().any(|f| f.count.is_some());
    let outlets: std::collections::BTreeSet<String> =
        members.iter().map(|f| view.outlet(&f.doc)).collect();
    let several = outlets.len() >= 2;
    if !several && !counted {
        return None;
    }
    Some(if is_background(view, e.cluster) {
        Tier::Background
    } else if several && e.cluster.status == Status::Conflict {
        Tier::Disputed
    } else if several && counted {
        Tier::Agreed
    } else if several {
        Tier::Reported
    } else {
        Tier::Single
    })
}

/// Most recent first: full dates (latest first), then dates without a
/// year, then undated happenings.
fn recency(e: &TimelineEntry) -> (u8, Reverse<String>) {
    match &e.date {
        Some(d) if d.starts_with("--") => (1, Reverse(d.clone())),
        Some(d) => (0, Reverse(d.clone())),
        None => (2, Reverse(String::new())),
    }
}

/// Whether every fact of a cluster is background: marked so by the story
/// stage (`Fact::background`), or dated by its text more than
/// [`BACKGROUND_DAYS`] before its document was published.
fn is_background(view: &View, cluster: &Cluster) -> bool {
    let members = view.members(cluster);
    !members.is_empty()
        && members.iter().all(|f| {
            if f.background {
                return true;
            }
            let stated = f.time.as_ref().and_then(|t| days(&t.end));
            let published = view
                .document(&f.doc)
                .and_then(|d| d.published.as_deref())
                .and_then(days);
            matches!((stated, published), (Some(s), Some(p)) if p - s > BACKGROUND_DAYS)
        })
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date; `None` for any other form.
fn days(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    isnad_time::Date::new(year, month, day).map(|d| d.days_since_epoch())
}

/// One line of story: date, kind, place, status, and every source's figure.
fn line(view: &View, e: &TimelineEntry) -> String {
    let date = match (&e.date, e.dated_by) {
        (Some(d), DatedBy::Text) => d.clone(),
        (Some(d), _) => format!("{d}*"),
        (None, _) => "undated".into(),
    };
    let place = view
        .place_of(e.cluster)
        .map(|p| format!(" in {p}"))
        .unwrap_or_default();
    let figures: Vec<String> = view
        .members(e.cluster)
        .iter()
        .map(|f| format!("{} {} ({})", view.outlet(&f.doc), figure(f), attribution(f)))
        .collect();
    format!(
        "{date:<10}  {}{place}: {} — {}",
        e.cluster.kind,
        e.cluster.status,
        figures.join(" · ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{cluster, document, fact, ledger};

    #[test]
    fn disputes_and_recent_news_first_background_and_single_outlets_last() {
        let l = ledger(
            vec![
                document("a", Some("الوادي"), Some("2022-01-10")),
                document("b", Some("الساحل"), Some("2022-01-11")),
                document("c", Some("الوادي"), Some("2022-01-12")),
            ],
            vec![
                // Recalled history: a toll both outlets date decades back.
                fact("old-a", "a", Some(7), Some("1986-05-01")),
                fact("old-b", "b", Some(9), Some("1986-05-01")),
                // Two outlets agree, a week ago and yesterday.
                fact("agree1-a", "a", Some(3), Some("2022-01-03")),
                fact("agree1-b", "b", Some(3), Some("2022-01-03")),
                fact("agree2-a", "a", Some(4), Some("2022-01-09")),
                fact("agree2-b", "b", Some(4), None),
                // They dispute a figure, the oldest of the news.
                fact("conflict-a", "a", Some(10), Some("2022-01-02")),
                fact("conflict-b", "b", Some(20), Some("2022-01-02")),
                // One outlet, two of its documents: a single report.
                fact("single-a", "a", Some(5), Some("2022-01-08")),
                fact("single-c", "c", Some(5), Some("2022-01-08")),
                // One outlet, no figure: left out.
                fact("bare", "c", None, Some("2022-01-11")),
            ],
            vec![
                cluster("old", Status::Conflict, &["old-a", "old-b"]),
                cluster("agree1", Status::Agree, &["agree1-a", "agree1-b"]),
                cluster("agree2", Status::Agree, &["agree2-a", "agree2-b"]),
                cluster("conflict", Status::Conflict, &["conflict-a", "conflict-b"]),
                cluster("single", Status::Agree, &["single-a", "single-c"]),
                cluster("bare", Status::Single, &["bare"]),
            ],
        );
        let view = View::new(&l);
        let story = story(&view, 10);
        let dates: Vec<&str> = story
            .iter()
            .map(|l| l.split_whitespace().next().unwrap())
            .collect();
        assert_eq!(
            dates,
            [
                "2022-01-02",
                "2022-01-09",
                "2022-01-03",
                "2022-01-08",
                "1986-05-01"
            ],
            "{story:#?}"
        );
        assert!(story[0].contains("conflict") && story[0].contains("«10»"));
        assert!(story[4].contains("«7»") && story[4].contains("«9»"));
        // A figure the story stage marks background goes last too.
        let mut marked = l.clone();
        for f in marked
            .facts
            .iter_mut()
            .filter(|f| f.id.starts_with("conflict"))
        {
            f.background = true;
        }
        let lines = super::story(&View::new(&marked), 10);
        assert!(
            lines[3].contains("«10»") && lines[4].contains("«7»"),
            "{lines:#?}"
        );
        // Fewer lines keep the first ranked.
        assert_eq!(super::story(&view, 2), story[..2]);
    }

    #[test]
    fn a_fact_dated_near_its_publication_is_news() {
        assert!(days("2022-01-05").unwrap() - days("2021-12-31").unwrap() == 5);
        assert_eq!(days("--01-05"), None);
        assert_eq!(days("2022-13-01"), None);
        let l = ledger(
            vec![document("a", Some("الوادي"), Some("2022-01-31"))],
            vec![
                fact("recent", "a", Some(2), Some("2022-01-05")),
                fact("old", "a", Some(2), Some("2021-11-05")),
                fact("undated", "a", Some(2), None),
            ],
            vec![
                cluster("recent", Status::Single, &["recent"]),
                cluster("old", Status::Single, &["old"]),
                cluster("undated", Status::Single, &["undated"]),
            ],
        );
        let view = View::new(&l);
        let background: Vec<bool> = l.clusters.iter().map(|c| is_background(&view, c)).collect();
        assert_eq!(background, [false, true, false]);
    }
}
