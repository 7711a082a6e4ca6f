//! Clusters: which facts, across documents, speak of the same happening, and
//! whether their figures agree.
//!
//! Facts cluster within a story (`isnad-stories`: the documents that report
//! one happening): facts of documents of different stories meet only when
//! both state their place and their date and these match. Within a story,
//! facts join a cluster when they have the same kind and are compatible in
//! * **place** — the same entity, or one inside the other (a city in its
//!   country, by the gazetteer), or one of them unplaced — but an unplaced
//!   fact still belongs to its document's country (the country its places
//!   are mostly in), so a toll in a story from one country never joins a
//!   toll from another;
//! * **time** — overlapping dates (a day's slack), or one of them undated;
//! * **subject** — the same group of people, or neither names one (police and
//!   protesters killed are different happenings);
//! * **document** — at most one claim of each document (one article reports a
//!   happening once; two figures in it are two claims). A fact that restates
//!   an earlier claim of its document (the headline's toll repeated in the
//!   body: the same kind and figure) is compared once, through that claim,
//!   and sits in its cluster;
//! * **background** — a figure of an earlier happening or a running total
//!   (`Fact::background`) never joins the current happening's figures.
//!
//! Counts never keep facts apart: differing figures for one happening are
//! exactly what a cluster shows. Its status is `agree` when every two
//! figures are the same figure: equal, or a vague one covering the other
//! (`عشرات` and 40, `نحو 30` and 28, `أكثر من 60` and 63); `conflict` when
//! two differ (9 and 12, `نحو 20` and 17, and two different lower bounds:
//! `11 على الأقل` and `13 على الأقل`); `single` with one member.
//!
//! Facts are grouped one by one, each joining the first group it fits, in
//! an order of what they are (each document's first fact of a kind before
//! its second; placed and dated facts first; then document id and
//! position), so the clusters are a function of the set of facts, whatever
//! order documents arrived in.
//!
//! It reads ledger facts and entities and writes ledger clusters; it must
//! not read the store or any text.
#![deny(missing_docs)]

use std::collections::HashMap;

use isnad_gazetteer::{key, Gazetteer};
use isnad_ledger::{Cluster, Entity, Fact, Kind, Status};
use sha2::{Digest, Sha256};

/// Groups of people a subject can name; facts about different groups are different happenings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    /// "أشخاص", "شخصاً": people, without saying which.
    Anyone,
    Security,
    Protesters,
    Civilians,
    Vehicles,
    Buildings,
}

/// The subject words of each group, as written in `data/subject_groups.tsv`.
const SUBJECT_GROUPS: &str = include_str!("../data/subject_groups.tsv");

impl Group {
    /// The group a name in `data/subject_groups.tsv` stands for.
    fn from_name(name: &str) -> Option<Group> {
        Some(match name {
            "anyone" => Group::Anyone,
            "security" => Group::Security,
            "protesters" => Group::Protesters,
            "civilians" => Group::Civilians,
            "vehicles" => Group::Vehicles,
            "buildings" => Group::Buildings,
            _ => return None,
        })
    }
}

/// Each group's words (from [`SUBJECT_GROUPS`], not yet keyed), in file
/// order; `#` lines and blank lines are skipped.
fn group_words() -> impl Iterator<Item = (Group, std::str::SplitWhitespace<'static>)> {
    SUBJECT_GROUPS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let (name, words) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("subject_groups.tsv: no tab in {line:?}"));
            let group = Group::from_name(name)
                .unwrap_or_else(|| panic!("subject_groups.tsv: unknown group {name:?}"));
            (group, words.split_whitespace())
        })
}

/// Each group with the gazetteer keys of its words, in file order (the first
/// group that holds a word is the one it names); built once per clustering.
struct GroupTable(Vec<(Group, std::collections::HashSet<String>)>);

impl GroupTable {
    /// The table of [`SUBJECT_GROUPS`].
    fn new() -> GroupTable {
        GroupTable(
            group_words()
                .map(|(g, words)| (g, words.map(key).collect()))
                .collect(),
        )
    }

    /// The group of people or things a subject names, if any: the group of its
    /// head, its first word (`قاطني المنزل`, a house's residents, are people,
    /// not a building; `عونا من الحماية المدنية` are not civilians). A head that
    /// only says "people" (`أفراد`, `رجال`), or none of the groups, followed
    /// by `من` takes the group of the word after it (`أفراد من الشرطة`); a head
    /// that only says "people" takes the group of the word right after it
    /// (`رجال الأمن`, `أفراد الشرطة`).
    fn group(&self, subject: &str) -> Option<Group> {
        let words: Vec<&str> = subject.split_whitespace().take(3).collect();
        let head = words.first().and_then(|w| self.word_group(w));
        let group_of = |n: usize| words.get(n).and_then(|w| self.word_group(w));
        let said = match (head, words.get(1)) {
            (None | Some(Group::Anyone), Some(&"من")) => group_of(2),
            (Some(Group::Anyone), Some(_)) => group_of(1),
            _ => None,
        };
        match said {
            Some(g) if g != Group::Anyone => Some(g),
            _ => head,
        }
    }

    /// The group one word of a subject is in, if any.
    fn word_group(&self, w: &str) -> Option<Group> {
        let k = key(w);
        let k = k
            .strip_prefix("ال")
            .filter(|r| r.chars().count() >= 2)
            .unwrap_or(&k);
        // Accusative tanween: "شخصاً", "متظاهراً".
        let bare = k.strip_suffix('ا').filter(|r| r.chars().count() >= 3);
        self.0
            .iter()
            .find(|(_, set)| set.contains(k) || bare.is_some_and(|b| set.contains(b)))
            .map(|(g, _)| *g)
    }
}

/// What the gazetteer says of a place entity: its country, and whether it is one.
#[derive(Clone, Default)]
struct PlaceInfo {
    country: Option<String>,
    is_country: bool,
}

/// Whether two places are the same entity or one contains the other (a place
/// inside a country, by the gazetteer); an unplaced fact fits anywhere.
fn places_compatible(a: Option<&str>, b: Option<&str>, info: &HashMap<&str, PlaceInfo>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a == b {
        return true;
    }
    match (info.get(a), info.get(b)) {
        (Some(x), Some(y)) => {
            x.country.is_some() && x.country == y.country && (x.is_country || y.is_country)
        }
        _ => false,
    }
}

/// Facts known to be in two different countries are different happenings.
fn countries_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// A fact's figure as a range, `max` `u64::MAX` when open; none for no
/// figure, a suspect one or an implausible one (never compared).
fn range(f: &Fact) -> Option<(u64, u64)> {
    let c = f.count.as_ref()?;
    if c.suspect || c.implausible {
        return None;
    }
    Some((c.min.unwrap_or(0), c.max.unwrap_or(u64::MAX)))
}

fn days(date: &str) -> Option<i64> {
    // YYYY-MM-DD only; --MM-DD (no year) compares by month and day.
    let p: Vec<&str> = date.split('-').collect();
    if date.starts_with("--") {
        let m: i64 = p.get(2)?.parse().ok()?;
        let d: i64 = p.get(3)?.parse().ok()?;
        return Some(-(m * 31 + d));
    }
    let y: i64 = p.first()?.parse().ok()?;
    let m: i64 = p.get(1)?.parse().ok()?;
    let d: i64 = p.get(2)?.parse().ok()?;
    Some(y * 372 + m * 31 + d)
}

fn times_compatible(a: &Fact, b: &Fact) -> bool {
    let (Some(ta), Some(tb)) = (&a.time, &b.time) else {
        return true;
    };
    // A date without a year only compares with another without a year.
    if ta.start.starts_with("--") != tb.start.starts_with("--") {
        return true;
    }
    match (
        days(&ta.start),
        days(&ta.end),
        days(&tb.start),
        days(&tb.end),
    ) {
        (Some(a0), Some(a1), Some(b0), Some(b1)) => a0 <= b1 + 1 && b0 <= a1 + 1,
        _ => true,
    }
}

/// The same group of people, or neither says which, or one says just
/// "people": a toll of police and a toll nobody qualified are not compared.
fn subjects_compatible(a: Option<Group>, b: Option<Group>) -> bool {
    match (a, b) {
        (Some(Group::Anyone), _) | (_, Some(Group::Anyone)) => true,
        (x, y) => x == y,
    }
}

/// Whether two figures (as ranges, `u64::MAX` for an open end) are the
/// same figure: two lower bounds only when they are the same bound (`13
/// على الأقل` and `11 على الأقل` are two claims); otherwise when the ranges
/// overlap (equal exact figures, a vague figure covering an exact one, two
/// vague ones that can be one figure).
fn agree(a: (u64, u64), b: (u64, u64)) -> bool {
    if a.1 == u64::MAX && b.1 == u64::MAX {
        return a.0 == b.0;
    }
    a.0 <= b.1 && b.0 <= a.1
}

/// Whether two facts' stated dates match: both stated, in the same form
/// (with a year or without), overlapping with a day's slack.
fn times_match(a: &Fact, b: &Fact) -> bool {
    let (Some(ta), Some(tb)) = (&a.time, &b.time) else {
        return false;
    };
    ta.start.starts_with("--") == tb.start.starts_with("--") && times_compatible(a, b)
}

fn show_range(f: &Fact) -> String {
    match &f.count {
        Some(c) => {
            let r = match (c.min, c.max) {
                (Some(a), Some(b)) if a == b => a.to_string(),
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (Some(a), None) => format!("≥{a}"),
                (None, Some(b)) => format!("≤{b}"),
                (None, None) => "?".into(),
            };
            format!(
                "{r} («{}»{})",
                c.text,
                if c.suspect { ", suspect" } else { "" }
            )
        }
        None => "no figure".into(),
    }
}

/// The country a document is about: the one its located mentions fall in
/// most often (a country's own mentions count for it), if one leads.
fn document_countries<'a>(
    entities: &'a [Entity],
    places: &HashMap<&str, PlaceInfo>,
) -> HashMap<&'a str, String> {
    let mut tally: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for e in entities {
        let Some(country) = places.get(e.id.as_str()).and_then(|p| p.country.as_deref()) else {
            continue;
        };
        for m in &e.mentions {
            *tally
                .entry(m.doc.as_str())
                .or_default()
                .entry(country)
                .or_default() += 1;
        }
    }
    tally
        .into_iter()
        .filter_map(|(doc, counts)| {
            let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let lead = ranked.first()?;
            // A tie says nothing.
            if ranked.get(1).is_some_and(|second| second.1 == lead.1) {
                return None;
            }
            Some((doc, lead.0.to_string()))
        })
        .collect()
}

/// The name a cluster's summary shows a document by: its outlet, else
/// where it was read from.
pub fn shown_name(outlet: Option<&str>, source: &str) -> String {
    outlet.unwrap_or(source).to_string()
}

/// Clusters the facts of a ledger. Only facts with a count, and events
/// that matter without one (emergency measures, communication cuts,
/// dismissals), are clustered; each cluster holds facts of one kind.
/// `entities` (with their mentions) and `gazetteer_ids` (entity id →
/// entry of `gazetteer`) place facts and documents; `names` gives each
/// document the name summaries show it by ([`shown_name`]); `stories` the
/// story of each document (a document it does not name is a story of its own).
pub fn cluster(
    names: &HashMap<String, String>,
    entities: &[Entity],
    facts: &[Fact],
    gazetteer: &Gazetteer,
    gazetteer_ids: &HashMap<String, String>,
    stories: &HashMap<String, String>,
) -> Vec<Cluster> {
    let places = place_infos(gazetteer, gazetteer_ids);
    let groups = GroupTable::new();
    let doc_country = document_countries(entities, &places);
    let mut traits = FactTraits {
        places: &places,
        country: fact_countries(facts, &places, &doc_country),
        group: facts
            .iter()
            .map(|f| f.subject.as_deref().and_then(|s| groups.group(s)))
            .collect(),
        story: facts
            .iter()
            .map(|f| stories.get(&f.doc).map(String::as_str))
            .collect(),
        restates: Vec::new(),
    };
    traits.restates = restatements(facts, &traits);
    group_facts(facts, &traits)
        .into_iter()
        .map(|members| make_cluster(&members, facts, &traits, names))
        .collect()
}

/// What the gazetteer says of each entity that has an entry in it.
fn place_infos<'a>(
    gazetteer: &Gazetteer,
    gazetteer_ids: &'a HashMap<String, String>,
) -> HashMap<&'a str, PlaceInfo> {
    gazetteer_ids
        .iter()
        .map(|(id, gid)| {
            let country = gazetteer.entry(gid).and_then(|e| e.country.clone());
            (
                id.as_str(),
                PlaceInfo {
                    country,
                    is_country: gid.starts_with("country:"),
                },
            )
        })
        .collect()
}

/// The country of each fact: its place's, else its document's.
fn fact_countries<'a>(
    facts: &[Fact],
    places: &'a HashMap<&str, PlaceInfo>,
    doc_country: &'a HashMap<&str, String>,
) -> Vec<Option<&'a str>> {
    facts
        .iter()
        .map(|f| {
            f.place
                .as_deref()
                .and_then(|p| places.get(p))
                .and_then(|p| p.country.as_deref())
                .or_else(|| doc_country.get(f.doc.as_str()).map(String::as_str))
        })
        .collect()
}
/// What each fact is compared by besides its own fields, indexed like the facts.
struct FactTraits<'a> {
    /// What the gazetteer says of each placed entity.
    places: &'a HashMap<&'a str, PlaceInfo>,
    /// The country of each fact ([`fact_countries`]).
    country: Vec<Option<&'a str>>,
    /// The group each fact's subject names ([`group`]).
    group: Vec<Option<Group>>,
    /// The story of each fact's document, if it has one.
    story: Vec<Option<&'a str>>,
    /// For a fact that restates an earlier one of its document (the same
    /// claim: a headline and the body, a toll repeated), that fact.
    restates: Vec<Option<usize>>,
}

/// How many facts of one (document, kind) are compared with others: an
/// article states a happening a handful of times, so past this cap further
/// facts of the same kind stand alone (this keeps a pathological document
/// from making clustering quadratic).
const PER_DOCUMENT: usize = 64;

/// Whether a fact is clustered at all: it has a count, or is an event that
/// matters without one; a negated fact never is.
fn clusterable(f: &Fact) -> bool {
    let counted_or_notable = f.count.is_some()
        || matches!(
            f.kind,
            Kind::EmergencyMeasure | Kind::CommunicationsCut | Kind::Dismissal
        );
    counted_or_notable && !f.negated
}

/// Whether facts `i` and `j` may be one happening: different documents
/// (one document reports one happening once: two of its figures are two
/// claims), one story or else a stated place and date of each that match
/// ([`across_stories`]), and compatible places, countries, times and subjects.
fn compatible(facts: &[Fact], traits: &FactTraits, i: usize, j: usize) -> bool {
    let (f, o) = (&facts[i], &facts[j]);
    o.doc != f.doc
        && f.background == o.background
        && (traits.story[i].is_some() && traits.story[i] == traits.story[j] || across_stories(f, o))
        && places_compatible(o.place.as_deref(), f.place.as_deref(), traits.places)
        && countries_compatible(traits.country[j], traits.country[i])
        && times_compatible(o, f)
        && subjects_compatible(traits.group[j], traits.group[i])
}

/// Whether facts of documents of two stories may still be one happening:
/// both state a place and a date, and the dates match (the places are
/// checked with every pair).
fn across_stories(a: &Fact, b: &Fact) -> bool {
    a.place.is_some() && b.place.is_some() && times_match(a, b)
}

/// For each fact, the earlier fact of its document (by position) it
/// restates, if any: the same kind and the same figure (an exact or vague
/// range, neither suspect nor implausible), compatible in place, time and
/// subject, both current or both background, both alleged or neither, and
/// said by the same source or one in the document's own voice. A headline states the toll its
/// first paragraph repeats, and an article may repeat it once more: one
/// claim, compared once, whose every statement is in its cluster.
fn restatements(facts: &[Fact], traits: &FactTraits) -> Vec<Option<usize>> {
    let mut by_position: Vec<usize> = (0..facts.len())
        .filter(|&i| clusterable(&facts[i]))
        .collect();
    by_position.sort_by_key(|&i| (facts[i].doc.as_str(), facts[i].start));
    let mut restates = vec![None; facts.len()];
    // The claims of the current (document, kind): their first statements.
    let mut claims: HashMap<(&str, Kind), Vec<usize>> = HashMap::new();
    for i in by_position {
        let f = &facts[i];
        let firsts = claims.entry((f.doc.as_str(), f.kind)).or_default();
        let same = |&j: &usize| {
            let o = &facts[j];
            range(f).is_some()
                && range(f) == range(o)
                && f.background == o.background
                && f.hedged == o.hedged
                && same_voice(f, o)
                && places_compatible(f.place.as_deref(), o.place.as_deref(), traits.places)
                && times_compatible(f, o)
                && subjects_compatible(traits.group[i], traits.group[j])
        };
        match firsts.iter().copied().find(same) {
            Some(j) => restates[i] = Some(j),
            None if firsts.len() < PER_DOCUMENT => firsts.push(i),
            None => {}
        }
    }
    restates
}

/// Whether two facts may be one claim by who makes it: one of them states
/// it in the document's own voice (a headline), or both name the same
/// outermost source.
fn same_voice(a: &Fact, b: &Fact) -> bool {
    match (a.sources.first(), b.sources.first()) {
        (Some(x), Some(y)) => {
            x.chain.first().unwrap_or(&x.name) == y.chain.first().unwrap_or(&y.name)
        }
        _ => true,
    }
}

/// The indices of `facts` in the order they are grouped in, which depends
/// on what the facts are, not on the order documents arrived in. An article
/// states its main happening first: each document's first fact of a kind
/// is grouped before its second, and so on ([`rank_in_document`]). Within
/// a rank, facts that name their place, then those that give a date (by
/// date), come first, so specific facts found the groups and a vague one
/// (no place, no date: it fits many) joins one of them rather than
/// gathering facts of different places around itself; then by document id
/// and position. Facts of one sentence of one document keep the order
/// they are given in: the fact reader's reading order, the first figure of
/// a sentence first (a fact id, a hash, would pick one at random).
fn canonical_order(facts: &[Fact], restates: &[Option<usize>]) -> Vec<usize> {
    type Key<'a> = (usize, bool, bool, &'a str, &'a str, usize, usize);
    let rank = rank_in_document(facts, restates);
    let key = |i: usize| -> Key<'_> {
        let f = &facts[i];
        (
            rank[i],
            f.place.is_none(),
            f.time.is_none(),
            f.time.as_ref().map_or("", |t| t.start.as_str()),
            f.doc.as_str(),
            f.start,
            f.end,
        )
    };
    let mut order: Vec<usize> = (0..facts.len()).collect();
    // Stable: ties (one sentence) keep the order given.
    order.sort_by(|&a, &b| key(a).cmp(&key(b)));
    order
}

/// For each fact, how many facts of its kind its document states before
/// it (by position; facts of one sentence in the order given), a
/// restatement ([`restatements`]) not counted.
fn rank_in_document(facts: &[Fact], restates: &[Option<usize>]) -> Vec<usize> {
    let mut by_position: Vec<usize> = (0..facts.len()).collect();
    by_position.sort_by_key(|&i| (facts[i].doc.as_str(), facts[i].start));
    let mut rank = vec![0; facts.len()];
    let mut before: HashMap<(&str, Kind), usize> = HashMap::new();
    for i in by_position {
        let n = before
            .entry((facts[i].doc.as_str(), facts[i].kind))
            .or_default();
        rank[i] = *n;
        *n += usize::from(restates[i].is_none());
    }
    rank
}

/// The clusterable facts in groups (indices into `facts`), in order of each
/// group's first fact. Two reports of one happening that give the same
/// figure most likely report the same claim, so figures are matched before
/// they are compared: taking the facts in [`canonical_order`], each first
/// joins the first earlier group of its kind whose every member it is
/// [`compatible`] with and gives the same figure as (the same range: an
/// exact figure, or the same vague one), else starts a group
/// ([`match_figures`]); then each claim still alone joins the first other
/// group it is compatible with, where its figure is compared
/// ([`compare_the_rest`]), and each restatement goes beside the claim it
/// restates. An article's "an officer and 3 soldiers" is thus compared
/// with another's "3 soldiers" and "one officer", not its "one" with the
/// other's "four". The groups are a function of the set of facts, whatever
/// order they come in.
fn group_facts(facts: &[Fact], traits: &FactTraits) -> Vec<Vec<usize>> {
    let mut first = match_figures(facts, traits);
    compare_the_rest(facts, traits, &mut first);
    let mut groups = first.groups;
    groups.retain(|g| !g.is_empty());
    add_restatements(traits, &mut groups);
    groups
}

/// What the first pass of [`group_facts`] made.
struct Matched {
    /// The groups, in order of their first fact.
    groups: Vec<Vec<usize>>,
    /// The groups of each kind, in that order.
    by_kind: HashMap<Kind, Vec<usize>>,
    /// The facts past their document's [`PER_DOCUMENT`] cap, which stand alone.
    capped: Vec<bool>,
}

/// The first pass of [`group_facts`]: every claim (no restatement) in a
/// group with the compatible claims that give the same figure.
fn match_figures(facts: &[Fact], traits: &FactTraits) -> Matched {
    let mut m = Matched {
        groups: Vec::new(),
        by_kind: HashMap::new(),
        capped: vec![false; facts.len()],
    };
    // How many facts of each (document, kind) were compared.
    let mut seen: HashMap<(&str, Kind), usize> = HashMap::new();
    for i in canonical_order(facts, &traits.restates) {
        let f = &facts[i];
        if !clusterable(f) || traits.restates[i].is_some() {
            continue;
        }
        let n = seen.entry((f.doc.as_str(), f.kind)).or_default();
        *n += 1;
        m.capped[i] = *n > PER_DOCUMENT;
        let kind_groups = m.by_kind.entry(f.kind).or_default();
        // The same figure (or none on either side): `20` and `at least 20`
        // are matched with their like, and compared in the second pass.
        let same_figure = |j: usize| range(f) == range(&facts[j]);
        let home = if m.capped[i] {
            None
        } else {
            kind_groups.iter().copied().find(|&g| {
                m.groups[g]
                    .iter()
                    .all(|&j| compatible(facts, traits, i, j) && same_figure(j))
            })
        };
        match home {
            Some(g) => m.groups[g].push(i),
            None => {
                kind_groups.push(m.groups.len());
                m.groups.push(vec![i]);
            }
        }
    }
    m
}

/// The second pass of [`group_facts`]: each claim that matched no other
/// (a group of one), in group order, joins the first other group of its
/// kind whose every member it is [`compatible`] with (a fact past its
/// document's cap stays alone).
fn compare_the_rest(facts: &[Fact], traits: &FactTraits, m: &mut Matched) {
    for kind_groups in m.by_kind.values() {
        for &g in kind_groups {
            let [i] = m.groups[g][..] else {
                continue;
            };
            if m.capped[i] {
                continue;
            }
            let home = kind_groups.iter().copied().find(|&h| {
                h != g
                    && !m.groups[h].is_empty()
                    && m.groups[h].iter().all(|&j| compatible(facts, traits, i, j))
            });
            if let Some(h) = home {
                m.groups[g].clear();
                m.groups[h].push(i);
            }
        }
    }
}

/// Puts each restatement beside the claim it restates.
fn add_restatements(traits: &FactTraits, groups: &mut [Vec<usize>]) {
    let mut group_of = vec![usize::MAX; traits.restates.len()];
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            group_of[i] = g;
        }
    }
    for (i, first) in traits.restates.iter().enumerate() {
        if let Some(&g) = first
            .and_then(|j| group_of.get(j))
            .filter(|&&g| g != usize::MAX)
        {
            groups[g].push(i);
        }
    }
}

/// The cluster of a group of facts: its kind, status, summary, id and
/// story (the one of all its facts' documents, if one).
fn make_cluster(
    members: &[usize],
    facts: &[Fact],
    traits: &FactTraits,
    names: &HashMap<String, String>,
) -> Cluster {
    let kind = facts[members[0]].kind;
    let first = traits.story[members[0]];
    let story = first
        .filter(|_| members.iter().all(|&i| traits.story[i] == first))
        .map(str::to_string);
    let status = status_of(members, facts, &traits.restates);
    let summary = format!(
        "{kind} — {} — {status}",
        summary_parts(members, facts, &traits.restates, names)
    );
    Cluster {
        id: cluster_id(members, facts),
        kind,
        facts: members.iter().map(|&i| facts[i].id.clone()).collect(),
        status,
        summary,
        story,
    }
}

/// `single` with one claim (a fact and its restatements); `agree` when
/// every two figures are the same figure ([`agree`]; uncounted, suspect and
/// implausible figures aside); `conflict` otherwise.
fn status_of(members: &[usize], facts: &[Fact], restates: &[Option<usize>]) -> Status {
    let ranges: Vec<(u64, u64)> = members.iter().filter_map(|&i| range(&facts[i])).collect();
    if members.iter().filter(|&&i| restates[i].is_none()).count() == 1 {
        Status::Single
    } else if ranges
        .iter()
        .enumerate()
        .all(|(a, ra)| ranges[a + 1..].iter().all(|rb| agree(*ra, *rb)))
    {
        Status::Agree
    } else {
        Status::Conflict
    }
}

/// Each member as "document: figure (its first source's chain, outermost
/// first: «A عن B»)", joined by " · "; a restatement is not shown again.
fn summary_parts(
    members: &[usize],
    facts: &[Fact],
    restates: &[Option<usize>],
    names: &HashMap<String, String>,
) -> String {
    let parts: Vec<String> = members
        .iter()
        .filter(|&&i| restates[i].is_none())
        .map(|&i| {
            let f = &facts[i];
            let who = f
                .sources
                .first()
                .map(|s| match s.chain.len() {
                    0 | 1 => s.name.clone(),
                    _ => s.chain.join(" عن "),
                })
                .unwrap_or_else(|| "own voice".into());
            format!(
                "{}: {} ({})",
                names.get(f.doc.as_str()).cloned().unwrap_or_default(),
                show_range(f),
                who
            )
        })
        .collect();
    parts.join(" · ")
}

/// A cluster's stable id: "c" and the first 6 bytes, in hex, of the SHA-256
/// of its sorted fact ids joined by commas.
fn cluster_id(members: &[usize], facts: &[Fact]) -> String {
    let mut ids: Vec<String> = members.iter().map(|&i| facts[i].id.clone()).collect();
    ids.sort();
    let digest = Sha256::digest(ids.join(",").as_bytes());
    std::iter::once("c".to_string())
        .chain(digest[..6].iter().map(|b| format!("{b:02x}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_ledger::{Count, EntityType, Source};

    fn fact(
        id: &str,
        doc: &str,
        kind: &str,
        min: u64,
        max: u64,
        subject: Option<&str>,
        source: &str,
    ) -> Fact {
        Fact {
            id: id.into(),
            kind: kind.parse().unwrap(),
            doc: doc.into(),
            start: 0,
            end: 1,
            evidence: String::new(),
            count: Some(Count {
                min: Some(min),
                max: Some(max),
                text: format!("{min}"),
                suspect: false,
                implausible: false,
            }),
            subject: subject.map(str::to_string),
            actor: None,
            place: None,
            time: None,
            sources: vec![Source {
                name: source.into(),
                entity: None,
                chain: vec![source.into()],
            }],
            negated: false,
            hedged: false,
            background: false,
        }
    }

    /// Three documents by outlet (one read from a file with no outlet name).
    /// The shipped gazetteers, loaded once for every test.
    static GAZETTEER: std::sync::LazyLock<Gazetteer> = std::sync::LazyLock::new(Gazetteer::load);

    fn names() -> HashMap<String, String> {
        [
            ("a", shown_name(Some("صحيفة أ"), "a.txt")),
            ("b", shown_name(Some("وكالة ب"), "b.txt")),
            ("c", shown_name(Some("قناة ج"), "c.txt")),
            ("d", shown_name(None, "d.txt")),
        ]
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect()
    }

    /// Every test document in one story.
    fn one_story() -> HashMap<String, String> {
        names().into_keys().map(|d| (d, "s1".to_string())).collect()
    }

    fn run(facts: &[Fact]) -> Vec<Cluster> {
        cluster(
            &names(),
            &[],
            facts,
            &GAZETTEER,
            &HashMap::new(),
            &one_story(),
        )
    }

    /// Clusters with each document a story of its own.
    fn run_apart(facts: &[Fact]) -> Vec<Cluster> {
        let stories = names()
            .into_keys()
            .map(|d| (d.clone(), format!("s-{d}")))
            .collect();
        cluster(&names(), &[], facts, &GAZETTEER, &HashMap::new(), &stories)
    }

    fn dated(mut f: Fact, place: &str, date: &str) -> Fact {
        f.place = Some(place.into());
        f.time = Some(isnad_ledger::TimeRange {
            start: date.into(),
            end: date.into(),
            text: date.into(),
        });
        f
    }

    #[test]
    fn facts_of_different_stories_meet_only_by_a_stated_place_and_date() {
        // Two one-line reports: no place, no date, two stories.
        let c = run_apart(&[
            fact("1", "a", "killed", 20, 20, None, "الشرطة"),
            fact("2", "b", "killed", 2000, 2000, None, "الشرطة"),
        ]);
        assert_eq!(c.len(), 2, "{c:#?}");
        assert!(c.iter().all(|x| x.status == Status::Single));
        // Both placed and dated, and they match: one happening.
        let same = run_apart(&[
            dated(fact("1", "a", "killed", 7, 7, None, "x"), "p", "2024-03-07"),
            dated(fact("2", "b", "killed", 9, 9, None, "y"), "p", "2024-03-08"),
        ]);
        assert_eq!(same.len(), 1, "{same:#?}");
        assert_eq!(same[0].story, None, "its facts are of two stories");
        // A place without a date is not enough, nor are dates a week apart.
        for second in [
            fact("2", "b", "killed", 9, 9, None, "y"),
            dated(fact("2", "b", "killed", 9, 9, None, "y"), "p", "2024-03-14"),
        ] {
            let first = dated(fact("1", "a", "killed", 7, 7, None, "x"), "p", "2024-03-07");
            let mut second = second;
            second.place = Some("p".into());
            assert_eq!(run_apart(&[first, second]).len(), 2);
        }
    }

    #[test]
    fn a_cluster_names_its_story() {
        let c = run(&[
            fact("1", "a", "killed", 7, 7, None, "x"),
            fact("2", "b", "killed", 7, 7, None, "y"),
        ]);
        assert_eq!(c[0].story.as_deref(), Some("s1"));
        let c = cluster(
            &names(),
            &[],
            &[fact("1", "a", "killed", 7, 7, None, "x")],
            &GAZETTEER,
            &HashMap::new(),
            &HashMap::new(),
        );
        assert_eq!(c[0].story, None, "a document of no story");
    }

    #[test]
    fn agreement_is_the_same_figure() {
        let status = |a: (u64, Option<u64>), b: (u64, Option<u64>)| {
            let mut x = fact("1", "a", "killed", a.0, 0, None, "x");
            let mut y = fact("2", "b", "killed", b.0, 0, None, "y");
            x.count.as_mut().unwrap().max = a.1;
            y.count.as_mut().unwrap().max = b.1;
            let c = run(&[x, y]);
            assert_eq!(c.len(), 1);
            c[0].status
        };
        assert_eq!(status((40, Some(40)), (40, Some(40))), Status::Agree);
        assert_eq!(status((9, Some(9)), (12, Some(12))), Status::Conflict);
        // A vague figure covering an exact one: عشرات and 40, أكثر من 60 and 63.
        assert_eq!(status((10, Some(99)), (40, Some(40))), Status::Agree);
        assert_eq!(status((61, None), (63, Some(63))), Status::Agree);
        // نحو 20 (18–22) and 17; أكثر من 20 and 17.
        assert_eq!(status((18, Some(22)), (17, Some(17))), Status::Conflict);
        assert_eq!(status((21, None), (17, Some(17))), Status::Conflict);
        // Two vague figures that can be one: نحو 120 and أكثر من 100.
        assert_eq!(status((108, Some(132)), (101, None)), Status::Agree);
        // Two lower bounds: 13 على الأقل and 11 على الأقل are two claims.
        assert_eq!(status((13, None), (11, None)), Status::Conflict);
        assert_eq!(status((13, None), (13, None)), Status::Agree);
    }

    #[test]
    fn an_implausible_figure_is_never_compared() {
        let mut absurd = fact("2", "b", "killed", 0, 0, None, "y");
        let count = absurd.count.as_mut().unwrap();
        (count.min, count.max, count.implausible) = (None, None, true);
        let c = run(&[
            fact("1", "a", "killed", 9, 9, None, "x"),
            absurd,
            fact("3", "c", "killed", 12, 12, None, "z"),
        ]);
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].status,
            Status::Conflict,
            "9 and 12; the absurd figure agrees with nothing"
        );
        let mut at_least = fact("1", "a", "killed", 13, 0, None, "x");
        at_least.count.as_mut().unwrap().max = None;
        let c = run(&[at_least, {
            let mut f = fact("2", "b", "killed", 0, 0, None, "y");
            let count = f.count.as_mut().unwrap();
            (count.min, count.max, count.implausible) = (None, None, true);
            f
        }]);
        assert_eq!(
            c[0].status,
            Status::Agree,
            "not read as a bound from 0 against 13 at least"
        );
    }

    #[test]
    fn summaries_name_each_source_chain_outermost_first() {
        let mut quoted = fact("1", "a", "killed", 7, 7, None, "مصدر أمني");
        quoted.sources[0].chain = vec!["وكالة ب".into(), "مصدر أمني".into()];
        let c = run(&[quoted, fact("2", "b", "killed", 7, 7, None, "الشرطة")]);
        assert!(
            c[0].summary.contains("(وكالة ب عن مصدر أمني)"),
            "{}",
            c[0].summary
        );
        assert!(c[0].summary.contains("(الشرطة)"), "{}", c[0].summary);
    }

    #[test]
    fn a_subject_is_of_its_head_words_group() {
        let groups = GroupTable::new();
        let group = |s| groups.group(s);
        assert_eq!(group("قاطني المنزل"), None, "residents, not a building");
        assert_eq!(group("عونا من الحماية المدنية"), None, "not civilians");
        assert_eq!(group("أفراد من الشرطة"), Some(Group::Security));
        assert_eq!(group("عناصر الشرطة الباكستانية"), Some(Group::Security));
        assert_eq!(group("شخصا"), Some(Group::Anyone));
        assert_eq!(group("مدنيين كانوا"), Some(Group::Civilians));
        assert_eq!(group("رجال حرس الحدود"), Some(Group::Security));
        assert_eq!(group("أفراد الشرطة"), Some(Group::Security));
        assert_eq!(group("شخصين آخرين"), Some(Group::Anyone));
        assert_eq!(group("رجلا في السوق"), Some(Group::Anyone));
    }

    #[test]
    fn a_restated_toll_is_one_claim_in_its_cluster() {
        // a's headline and body state 7 (the body with its subject), b states 9.
        let mut body = fact("2", "a", "killed", 7, 7, Some("أشخاص"), "x");
        body.start = 40;
        let c = run(&[
            fact("1", "a", "killed", 7, 7, None, "x"),
            body,
            fact("3", "b", "killed", 9, 9, None, "y"),
        ]);
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].facts.len(), 3);
        assert_eq!(c[0].status, Status::Conflict);
        assert_eq!(
            c[0].summary.matches("صحيفة أ").count(),
            1,
            "{}",
            c[0].summary
        );
        // The same figure from two sources of one document is two claims.
        let mut ministry = fact("2", "a", "killed", 7, 7, None, "الوزارة");
        ministry.start = 40;
        let c = run(&[fact("1", "a", "killed", 7, 7, None, "الشرطة"), ministry]);
        assert_eq!(c.len(), 2, "{c:#?}");
        // Two different figures of one document are two claims.
        let mut other = fact("2", "a", "killed", 8, 8, None, "x");
        other.start = 40;
        let c = run(&[fact("1", "a", "killed", 7, 7, None, "x"), other.clone()]);
        assert_eq!(c.len(), 2, "{c:#?}");
        // One document's claim stated twice is still a single report.
        other.count.as_mut().unwrap().min = Some(7);
        other.count.as_mut().unwrap().max = Some(7);
        let c = run(&[fact("1", "a", "killed", 7, 7, None, "x"), other]);
        assert_eq!((c.len(), c[0].status), (1, Status::Single), "{c:#?}");
    }

    #[test]
    fn a_background_figure_never_joins_the_current_happening() {
        let mut old = dated(
            fact("2", "b", "killed", 301, 301, None, "y"),
            "p",
            "2014-05-13",
        );
        old.background = true;
        let c = run(&[
            fact("1", "a", "killed", 8, 8, None, "x"),
            old,
            fact("3", "c", "killed", 8, 8, None, "z"),
        ]);
        assert_eq!(c.len(), 2, "{c:#?}");
        let current = c.iter().find(|x| x.facts.len() == 2).unwrap();
        assert_eq!(current.status, Status::Agree);
        assert!(!current.facts.contains(&"2".to_string()));
    }

    #[test]
    fn subject_group_words_are_listed_once() {
        let mut seen: HashMap<String, Group> = HashMap::new();
        for (g, words) in group_words() {
            for w in words {
                if let Some(other) = seen.insert(key(w), g) {
                    panic!("subject_groups.tsv: {w:?} is in {other:?} and {g:?}");
                }
            }
        }
        let groups: Vec<Group> = group_words().map(|(g, _)| g).collect();
        assert_eq!(
            groups,
            [
                Group::Anyone,
                Group::Security,
                Group::Protesters,
                Group::Civilians,
                Group::Vehicles,
                Group::Buildings
            ],
            "one line per group"
        );
    }

    #[test]
    fn summaries_name_documents_by_outlet_else_by_source() {
        let c = run(&[
            fact("1", "a", "killed", 7, 7, None, "الشرطة"),
            fact("2", "d", "killed", 7, 7, None, "الشرطة"),
        ]);
        assert_eq!(c.len(), 1);
        assert!(
            c[0].summary.contains("صحيفة أ") && c[0].summary.contains("d.txt"),
            "{}",
            c[0].summary
        );
    }

    #[test]
    fn vague_and_exact_figures_that_overlap_agree() {
        let c = run(&[
            fact("1", "a", "killed", 10, 99, None, "وزارة الصحة"),
            fact("2", "b", "killed", 40, 40, None, "الشرطة"),
        ]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].status, Status::Agree);
        assert!(
            c[0].summary.contains("صحيفة أ") && c[0].summary.contains("وكالة ب"),
            "{}",
            c[0].summary
        );
    }

    #[test]
    fn different_figures_conflict() {
        let c = run(&[
            fact("1", "a", "killed", 9, 9, None, "x"),
            fact("2", "b", "killed", 12, 12, None, "y"),
        ]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].status, Status::Conflict);
    }

    #[test]
    fn police_and_protesters_killed_are_different_happenings() {
        let c = run(&[
            fact("1", "a", "killed", 8, 8, Some("عناصر من الشرطة"), "x"),
            fact("2", "b", "killed", 20, 20, Some("متظاهرين"), "y"),
            fact("3", "c", "killed", 8, 8, Some("قوات الأمن"), "z"),
            fact("4", "c", "killed", 50, 60, None, "z"),
        ]);
        assert_eq!(c.len(), 3, "{c:#?}");
        let police = c.iter().find(|x| x.facts.len() == 2).unwrap();
        assert_eq!(police.status, Status::Agree);
        assert!(c.iter().any(|x| x.status == Status::Single));
    }

    #[test]
    fn clusters_are_the_same_in_every_order_of_the_facts() {
        // Two unplaced tolls fit either placed one, and the placed ones
        // never meet: taken first-come, the order decided which placed
        // toll the unplaced ones joined.
        let mut facts = vec![
            fact("1", "a", "killed", 9, 11, None, "x"),
            fact("2", "b", "killed", 10, 10, None, "y"),
            fact("3", "c", "killed", 12, 14, None, "z"),
            fact("4", "d", "killed", 9, 9, None, "w"),
        ];
        facts[2].place = Some("p1".into());
        facts[3].place = Some("p2".into());
        let expected = run(&facts);
        assert_eq!(expected.len(), 2, "{expected:#?}");
        for order in [
            [1, 0, 2, 3],
            [2, 1, 0, 3],
            [3, 2, 1, 0],
            [1, 3, 2, 0],
            [2, 3, 1, 0],
        ] {
            let shuffled: Vec<Fact> = order.iter().map(|&i| facts[i].clone()).collect();
            assert_eq!(run(&shuffled), expected, "order {order:?}");
        }
    }

    #[test]
    fn kinds_never_mix_and_ids_are_stable() {
        let facts = [
            fact("1", "a", "killed", 5, 5, None, "x"),
            fact("2", "b", "injured", 5, 5, None, "y"),
        ];
        let c = run(&facts);
        assert_eq!(c.len(), 2);
        assert_eq!(run(&facts), c);
    }

    fn located(id: &str, docs: &[&str]) -> Entity {
        Entity {
            id: id.into(),
            kind: EntityType::Location,
            name: id.into(),
            name_latin: None,
            variants: Vec::new(),
            mentions: docs
                .iter()
                .map(|d| isnad_ledger::Mention {
                    doc: d.to_string(),
                    start: 0,
                    end: 1,
                    text: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn unplaced_tolls_from_stories_in_different_countries_stay_apart() {
        // a and b are about Lebanon, c about Tunisia; no fact names its place.
        let entities = [
            located("lb", &["a", "a", "b"]),
            located("tn", &["c", "c", "a"]),
        ];
        let gids: HashMap<String, String> = [
            ("lb".to_string(), "country:LB".to_string()),
            ("tn".to_string(), "country:TN".to_string()),
        ]
        .into();
        let c = cluster(
            &names(),
            &entities,
            &[
                fact("1", "a", "killed", 9, 9, None, "x"),
                fact("2", "b", "killed", 12, 12, None, "y"),
                fact("3", "c", "killed", 30, 30, None, "z"),
            ],
            &GAZETTEER,
            &gids,
            &one_story(),
        );
        assert_eq!(c.len(), 2, "{c:#?}");
        let lebanon = c.iter().find(|x| x.facts.len() == 2).unwrap();
        assert_eq!(lebanon.status, Status::Conflict);
        assert!(!lebanon.facts.contains(&"3".to_string()));
    }
}
