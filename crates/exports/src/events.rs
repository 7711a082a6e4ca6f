//! Events as the field codes them: one row per happening, its toll inside.
//!
//! isnad clusters facts by kind, so one happening can be an `attack`
//! cluster, a `killed` cluster and an `injured` cluster. ACLED and GDELT
//! count the dead and wounded *of an event*, not as events, so each toll
//! cluster (killed, injured, hospitalized, casualties) joins the event
//! cluster (attack, clash, riot, protest) of its story that can be the same
//! happening: its place and dates meet the event's. Of several, the one that
//! shares most documents with it, then the one at the same place, then the
//! most violent kind (attack, clash, riot, protest), then the smaller id.
//! A toll that meets no event joins the tolls of its story it meets (the
//! dead and the wounded of one explosion isnad has no event word for), and
//! these make an event of their own, of no stated type. Price changes are
//! not events in any of these formats and are left out.

use isnad_ledger::{Cluster, Fact, Kind};
#[cfg(test)]
use std::collections::HashMap;

use crate::Export;

/// What kind of happening an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// An event cluster of this kind.
    Of(Kind),
    /// Only a toll is known (people killed, injured, hospitalized): the
    /// text names no event isnad recognises.
    TollOnly,
}

/// One happening: an event cluster and the toll clusters of its story that
/// meet it, or toll clusters alone.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// The event cluster (`None`: a toll-only event).
    pub event: Option<&'a Cluster>,
    /// The killed, injured, hospitalized and casualties clusters.
    pub tolls: Vec<&'a Cluster>,
    /// The story of its clusters.
    pub story: Option<&'a str>,
    /// The place entity: the event cluster's, else its tolls' first.
    pub place: Option<&'a str>,
    /// First and last day its facts state (full dates only).
    pub dates: Option<(String, String)>,
    /// First and last publication date of its documents.
    pub published: Option<(String, String)>,
}

impl<'a> Event<'a> {
    /// Stable id: the id of its event cluster, else of its first toll.
    pub fn id(&self) -> &'a str {
        self.head().id.as_str()
    }

    /// The cluster the event is named after.
    fn head(&self) -> &'a Cluster {
        self.event.unwrap_or_else(|| self.tolls[0])
    }

    /// What kind of happening it is.
    pub fn kind(&self) -> EventKind {
        self.event
            .map_or(EventKind::TollOnly, |c| EventKind::Of(c.kind))
    }

    /// Every cluster, the event first.
    pub fn clusters(&self) -> impl Iterator<Item = &'a Cluster> + '_ {
        self.event.into_iter().chain(self.tolls.iter().copied())
    }

    /// The day it is dated by: the first its facts state, else the first
    /// publication date of its documents.
    pub fn date(&self) -> Option<&str> {
        self.dates
            .as_ref()
            .or(self.published.as_ref())
            .map(|d| d.0.as_str())
    }

    /// The conservative figure of its tolls of `kind`: for each cluster the
    /// lowest figure any source gives (`عشرات` → 10), and of several
    /// clusters the largest of these, never their sum (a toll of 8 police and
    /// one of dozens in all may count the same dead); `None` when no trusted
    /// figure is given. Denied, suspect and implausible figures never count.
    pub fn lowest(&self, export: &Export<'a>, kind: Kind) -> Option<u64> {
        self.tolls
            .iter()
            .filter(|c| c.kind == kind)
            .filter_map(|c| {
                counted(export, c)
                    .filter_map(|f| f.count.as_ref()?.min)
                    .min()
            })
            .max()
    }

    /// The highest figure any source gives of its tolls of `kind` (a
    /// range's upper bound, an open one's lower bound), over all its clusters.
    pub fn highest(&self, export: &Export<'a>, kind: Kind) -> Option<u64> {
        let high = |f: &Fact| f.count.as_ref().and_then(|c| c.max.or(c.min));
        self.tolls
            .iter()
            .filter(|c| c.kind == kind)
            .filter_map(|c| counted(export, c).filter_map(high).max())
            .max()
    }
}

/// The facts of a cluster whose figure can be counted: trusted, not denied.
fn counted<'a, 'e>(export: &'e Export<'a>, c: &'a Cluster) -> impl Iterator<Item = &'a Fact> + 'e {
    export
        .view
        .members(c)
        .into_iter()
        .filter(|f| !f.negated && f.count.as_ref().is_some_and(crate::trusted))
}

/// Killed, injured, hospitalized, or both: a toll, never an event itself.
fn is_toll(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Killed | Kind::Injured | Kind::Hospitalized | Kind::Casualties
    )
}

/// How likely an event of this kind is to have a toll (lower: likelier);
/// `None`: its kind has none (an arrest, a curfew).
fn toll_rank(kind: Kind) -> Option<u8> {
    match kind {
        Kind::Attack => Some(0),
        Kind::Clash => Some(1),
        Kind::Riot => Some(2),
        Kind::Protest => Some(3),
        _ => None,
    }
}

impl<'a> Export<'a> {
    /// The ledger's events, by date (undated last), then id.
    pub fn events(&self) -> Vec<Event<'a>> {
        let clusters = &self.ledger().clusters;
        let mut events: Vec<Event<'a>> = clusters
            .iter()
            .filter(|c| !is_toll(c.kind) && c.kind != Kind::PriceChange)
            .map(|c| self.event_of(Some(c), Vec::new()))
            .collect();
        let hosts = events.len();
        for toll in clusters.iter().filter(|c| is_toll(c.kind)) {
            let alone = self.event_of(None, vec![toll]);
            let host = self.best_host(&events[..hosts], &alone);
            let joined = host.or_else(|| {
                (hosts..events.len()).find(|&i| {
                    events[i].story.is_some()
                        && events[i].story == alone.story
                        && self.meet(&events[i], &alone)
                })
            });
            match joined {
                Some(i) => {
                    let mut tolls = std::mem::take(&mut events[i].tolls);
                    tolls.push(toll);
                    events[i] = self.event_of(events[i].event, tolls);
                }
                None => events.push(alone),
            }
        }
        events.sort_by(|a, b| {
            (a.date().is_none(), a.date(), a.id()).cmp(&(b.date().is_none(), b.date(), b.id()))
        });
        events
    }

    /// One cluster alone as an event (its story, place and dates).
    pub(crate) fn cluster_alone(&self, c: &'a Cluster) -> Event<'a> {
        if is_toll(c.kind) {
            self.event_of(None, vec![c])
        } else {
            self.event_of(Some(c), Vec::new())
        }
    }

    /// The event among `hosts` a toll-only event belongs to.
    fn best_host(&self, hosts: &[Event<'a>], toll: &Event<'a>) -> Option<usize> {
        let docs = self.view.documents_of(toll.tolls[0]);
        hosts
            .iter()
            .enumerate()
            .filter(|(_, e)| e.story.is_some() && e.story == toll.story)
            .filter_map(|(i, e)| Some((i, e, toll_rank(e.event?.kind)?)))
            .filter(|(_, e, _)| self.meet(e, toll))
            .min_by_key(|(_, e, rank)| {
                let shared = self.view.documents_of(e.head()).intersection(&docs).count();
                let same_place = e.place.is_some() && e.place == toll.place;
                (std::cmp::Reverse(shared), !same_place, *rank, e.id())
            })
            .map(|(i, _, _)| i)
    }

    /// Two events can be one happening: their places meet and their days
    /// (stated, else of publication) overlap or one is unknown.
    fn meet(&self, a: &Event, b: &Event) -> bool {
        let days = |e: &Event| e.dates.clone().or_else(|| e.published.clone());
        let overlap = match (days(a), days(b)) {
            (Some(x), Some(y)) => x.0 <= y.1 && y.0 <= x.1,
            _ => true,
        };
        overlap && self.places_meet(a.place, b.place)
    }

    /// An event of these clusters, its story, place and dates read from them.
    fn event_of(&self, event: Option<&'a Cluster>, tolls: Vec<&'a Cluster>) -> Event<'a> {
        let clusters: Vec<&'a Cluster> = event.into_iter().chain(tolls.iter().copied()).collect();
        let facts: Vec<&'a Fact> = clusters.iter().flat_map(|c| self.view.members(c)).collect();
        let story = clusters[0]
            .story
            .as_deref()
            .or_else(|| facts.first().and_then(|f| self.story_of_doc(&f.doc)));
        let place = facts.iter().find_map(|f| f.place.as_deref());
        let stated = facts
            .iter()
            .filter_map(|f| f.time.as_ref())
            .filter(|t| !t.start.starts_with("--") && !t.end.starts_with("--"));
        let dates = span(stated.map(|t| (t.start.clone(), t.end.clone())));
        let published = span(
            facts
                .iter()
                .filter_map(|f| self.view.document(&f.doc)?.published.clone())
                .map(|d| (d.clone(), d)),
        );
        Event {
            event,
            tolls,
            story,
            place,
            dates,
            published,
        }
    }
}

/// The first start and last end of some day ranges.
fn span(days: impl Iterator<Item = (String, String)>) -> Option<(String, String)> {
    days.reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_ledger::Ledger;
    use serde_json::json;

    /// A fact of a test ledger: id, kind, doc, min, max, date.
    type Row<'a> = (&'a str, &'a str, &'a str, Option<u64>, Option<u64>, &'a str);

    /// A ledger of one story: documents `a` and `b`, facts given as
    /// (id, kind, doc, min, max, date), each fact its own cluster.
    fn ledger(facts: &[Row]) -> Ledger {
        let doc = |id: &str| {
            json!({"id": id, "source": id, "title": null, "outlet": null,
            "author": null, "published": "2024-03-02", "text": "", "removed": [],
            "near_duplicate_of": null})
        };
        let fact = |(id, kind, doc, min, max, date): &(
            &str,
            &str,
            &str,
            Option<u64>,
            Option<u64>,
            &str,
        )| {
            json!({
            "id": id, "kind": kind, "doc": doc, "start": 0, "end": 0, "evidence": "",
            "count": min.map(|m| json!({"min": m, "max": max, "text": m.to_string()})),
            "subject": null, "actor": null, "place": null,
            "time": json!({"start": date, "end": date, "text": date}),
            "sources": [], "negated": false, "hedged": false})
        };
        let cluster = |(id, kind, ..): &Row| {
            json!({
            "id": format!("c{id}"), "kind": kind, "facts": [id], "status": "single",
            "summary": "", "story": "s1"})
        };
        serde_json::from_value(json!({
            "schema": "isnad.ledger.v1", "documents": [doc("a"), doc("b")], "entities": [],
            "facts": facts.iter().map(fact).collect::<Vec<_>>(),
            "clusters": facts.iter().map(cluster).collect::<Vec<_>>(),
            "stories": [{"id": "s1", "title": "", "documents": ["a", "b"], "start": null,
                "end": null, "places": [], "actors": [], "clusters": []}],
        }))
        .unwrap()
    }

    #[test]
    fn a_toll_joins_the_event_of_its_story_whose_days_meet_it() {
        let l = ledger(&[
            ("1", "protest", "a", None, None, "2024-03-01"),
            ("2", "attack", "a", None, None, "2024-03-01"),
            ("3", "killed", "a", Some(10), Some(99), "2024-03-01"),
            ("4", "killed", "b", Some(5), Some(5), "2024-02-01"),
            ("5", "price_change", "b", None, None, "2024-03-01"),
        ]);
        let ids = HashMap::new();
        let gazetteer = isnad_gazetteer::Gazetteer::load();
        let export = Export::new(&l, &gazetteer, &ids);
        let events = export.events();
        let shape: Vec<(&str, Vec<&str>)> = events
            .iter()
            .map(|e| (e.id(), e.tolls.iter().map(|c| c.id.as_str()).collect()))
            .collect();
        // The dead of 1 March join the attack (more violent than the
        // protest); those of February meet no event and stand alone; the
        // price change is no event.
        assert_eq!(
            shape,
            vec![("c4", vec!["c4"]), ("c1", vec![]), ("c2", vec!["c3"])]
        );
        assert_eq!(events[0].kind(), EventKind::TollOnly);
        assert_eq!(events[2].lowest(&export, Kind::Killed), Some(10));
        assert_eq!(events[2].highest(&export, Kind::Killed), Some(99));
    }

    #[test]
    fn of_several_killed_clusters_the_largest_lowest_figure_is_taken_never_the_sum() {
        let l = ledger(&[
            ("1", "attack", "a", None, None, "2024-03-01"),
            ("2", "killed", "a", Some(8), Some(8), "2024-03-01"),
            ("3", "killed", "b", Some(10), Some(99), "2024-03-01"),
        ]);
        let ids = HashMap::new();
        let gazetteer = isnad_gazetteer::Gazetteer::load();
        let export = Export::new(&l, &gazetteer, &ids);
        let events = export.events();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].tolls.len(), 2);
        assert_eq!(events[0].lowest(&export, Kind::Killed), Some(10));
    }
}
