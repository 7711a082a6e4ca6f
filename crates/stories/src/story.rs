//! A finished story ([`Story`]): its members, its most central headline,
//! its date span, its main places and actors, and why each document is in it.

use std::collections::HashMap;

use isnad_ledger::EntityType;
use isnad_time::Date;

use crate::membership::{Growing, Join, Member};
use crate::profile::Stats;
use crate::signals::{cosine, Vector, FAR_DAYS, WINDOW_DAYS};

/// How many places and how many actors a story names at most.
const MAIN_ENTITIES: usize = 5;

/// Documents that report one happening.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// Stable id: `s` and the id of the document that started it (the
    /// first in publication order), so it stays as later documents join.
    pub id: String,
    /// Its most central headline (the one sharing most with the other
    /// members' words), else its first document's lead.
    pub title: String,
    /// Member document ids, in the order they joined.
    pub documents: Vec<String>,
    /// The first day its documents were published or its facts state (the
    /// latter within a few days before the first publication).
    pub start: Option<Date>,
    /// The last day its documents were published or its facts state.
    pub end: Option<Date>,
    /// Its main places (entity ids), most central first.
    pub places: Vec<String>,
    /// Its main people and organisations (entity ids), most central first.
    pub actors: Vec<String>,
    /// Why each document is in it, in the order they joined.
    pub joins: Vec<Join>,
}

/// The finished form of a growing story.
pub(crate) fn finish(story: &Growing, members: &[Member], stats: &Stats) -> Story {
    let of: Vec<&Member> = story.members.iter().map(|&i| &members[i]).collect();
    let (start, end) = span(&of);
    let (places, actors) = main_entities(&of);
    Story {
        id: story.id.clone(),
        title: central_title(&of, stats),
        documents: of.iter().map(|m| m.input.id.clone()).collect(),
        start,
        end,
        places,
        actors,
        joins: story.joins.clone(),
    }
}

/// The headline that shares most with the other members' words (IDF
/// weighted cosine, summed); ties and a story of one: the first with a
/// headline; none: the first member's lead.
fn central_title(of: &[&Member], stats: &Stats) -> String {
    let mut best: Option<(f64, &str)> = None;
    for (i, m) in of.iter().enumerate() {
        let Some(title) = m.input.title.as_deref() else {
            continue;
        };
        let headline = Vector::of(&m.profile.headline, |t| stats.word_idf(t));
        let centrality: f64 = of
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, o)| cosine(&headline, &o.vectors.words).0)
            .sum();
        if best.is_none_or(|(c, _)| centrality > c) {
            best = Some((centrality, title));
        }
    }
    match best {
        Some((_, title)) => title.to_string(),
        None => of[0].input.lead.clone(),
    }
}

/// The first and last publication days of the members, widened by the
/// dates their facts state within [`WINDOW_DAYS`] before the first
/// publication and up to the last (older dates are background); a story
/// of undated documents has no span.
fn span(of: &[&Member]) -> (Option<Date>, Option<Date>) {
    let published: Vec<Date> = of.iter().filter_map(|m| m.input.published).collect();
    let (Some(&first), Some(&last)) = (published.iter().min(), published.iter().max()) else {
        return (None, None);
    };
    let earliest = first.add_days(-WINDOW_DAYS);
    let stated = of
        .iter()
        .flat_map(|m| &m.input.facts)
        .filter_map(|f| f.time)
        .flat_map(|(a, b)| [a, b])
        .filter(|d| *d >= earliest && *d <= last);
    let mut start = first;
    for d in stated {
        start = start.min(d);
    }
    (Some(start), Some(last))
}

/// The places and the actors most members mention: each entity by how
/// many members mention it, then by mentions, then id; only those at
/// least half the members mention, at most [`MAIN_ENTITIES`] of each.
fn main_entities(of: &[&Member]) -> (Vec<String>, Vec<String>) {
    let mut tally: HashMap<&str, (EntityType, usize, u32)> = HashMap::new();
    for m in of {
        for e in &m.input.entities {
            let t = tally.entry(e.id.as_str()).or_insert((e.kind, 0, 0));
            t.1 += 1;
            t.2 += e.mentions;
        }
    }
    let mut ranked: Vec<(&str, (EntityType, usize, u32))> = tally.into_iter().collect();
    ranked.sort_by(|a, b| (b.1 .1, b.1 .2).cmp(&(a.1 .1, a.1 .2)).then(a.0.cmp(b.0)));
    let half = of.len().div_ceil(2);
    let pick = |kinds: &[EntityType]| -> Vec<String> {
        ranked
            .iter()
            .filter(|(_, (kind, docs, _))| kinds.contains(kind) && *docs >= half)
            .take(MAIN_ENTITIES)
            .map(|(id, _)| id.to_string())
            .collect()
    };
    (
        pick(&[EntityType::Location]),
        pick(&[EntityType::Person, EntityType::Organization]),
    )
}

/// Whether a fact stating a time that begins on `stated` is background to
/// a story whose first day is `story_start` (else its document's
/// publication date): it begins more than [`FAR_DAYS`] before, so it is an
/// earlier happening (last year's attack, a massacre of 2014) or a running
/// total (`منذ مطلع العام`), not the happening the story reports. Nothing is
/// background to a story of no known date.
pub fn is_background(stated: Date, story_start: Option<Date>) -> bool {
    story_start.is_some_and(|start| stated < start.add_days(-FAR_DAYS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_of_weeks_before_the_story_are_background() {
        let day = |s| isnad_time::parse_date(s).unwrap();
        let story = Some(day("2024-12-03"));
        assert!(
            is_background(day("2014-05-13"), story),
            "a disaster of 2014"
        );
        assert!(
            is_background(day("2024-01-01"), story),
            "a total since January"
        );
        assert!(!is_background(day("2024-12-02"), story), "the day before");
        assert!(!is_background(day("2024-11-25"), story), "last week");
        assert!(!is_background(day("2014-05-13"), None), "an undated story");
    }
}
