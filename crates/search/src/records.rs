//! What the index holds for each ledger record: a document, each of its
//! facts, each story, as tantivy documents with their filters.

use std::collections::{HashMap, HashSet};

use isnad_gazetteer::{gazetteer, EntryKind};
use isnad_ledger::{EntityType, Ledger};
use isnad_text::keys::key;
use isnad_text::{Doc, Span, Vocabulary};
use sha2::{Digest, Sha256};
use tantivy::schema::Field;
use tantivy::TantivyDocument;

use crate::analyser::{analyse, analyse_doc, analyse_part, Analysed, MentionSpan};
use crate::schema::Fields;
use crate::terms::term_list;

/// The ledger read once for indexing: who is mentioned where, what each
/// entity is, which places each place is in, each fact's status.
pub struct LedgerView<'l> {
    ledger: &'l Ledger,
    mentions: HashMap<&'l str, Vec<MentionSpan>>,
    kinds: HashMap<&'l str, EntityType>,
    inside: HashMap<&'l str, Vec<&'l str>>,
    status: HashMap<&'l str, &'static str>,
    facts: HashMap<&'l str, Vec<usize>>,
    documents: HashMap<&'l str, usize>,
}

impl<'l> LedgerView<'l> {
    /// Reads what indexing needs from `ledger`.
    pub fn new(ledger: &'l Ledger) -> LedgerView<'l> {
        let mut mentions: HashMap<&str, Vec<MentionSpan>> = HashMap::new();
        for e in &ledger.entities {
            for m in &e.mentions {
                mentions.entry(&m.doc).or_default().push(MentionSpan {
                    span: Span::new(m.start, m.end),
                    entity: e.id.clone(),
                });
            }
        }
        let mut status = HashMap::new();
        for c in &ledger.clusters {
            for f in &c.facts {
                status.insert(f.as_str(), c.status.as_str());
            }
        }
        let mut facts: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, f) in ledger.facts.iter().enumerate() {
            facts.entry(&f.doc).or_default().push(i);
        }
        LedgerView {
            ledger,
            mentions,
            kinds: ledger
                .entities
                .iter()
                .map(|e| (e.id.as_str(), e.kind))
                .collect(),
            inside: containing_places(ledger),
            status,
            facts,
            documents: (ledger.documents.iter().enumerate())
                .map(|(i, d)| (d.id.as_str(), i))
                .collect(),
        }
    }

    /// A place and the places it is in (a city and its country).
    fn place_and_around<'a>(&'a self, place: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        std::iter::once(place).chain(self.inside.get(place).into_iter().flatten().copied())
    }

    /// A digest of what document `i`'s entries are made from: the document,
    /// its linked mentions, its facts with their statuses, the places its
    /// places are in, the analyser's version.
    pub fn document_digest(&self, i: usize) -> String {
        let d = &self.ledger.documents[i];
        let mut h = Sha256::new();
        h.update(crate::analyser::ANALYSER_VERSION.to_le_bytes());
        h.update(serde_json::to_vec(d).unwrap_or_default());
        for m in self.mentions.get(d.id.as_str()).into_iter().flatten() {
            h.update(format!("{}:{}:{};", m.span.start, m.span.end, m.entity));
            for p in self.inside.get(m.entity.as_str()).into_iter().flatten() {
                h.update(format!("in {p};"));
            }
        }
        for fact in self.facts_of(&d.id) {
            h.update(serde_json::to_vec(fact).unwrap_or_default());
            h.update(self.status_of(fact));
            for p in fact
                .place
                .iter()
                .flat_map(|p| self.inside.get(p.as_str()))
                .flatten()
            {
                h.update(format!("in {p};"));
            }
        }
        h.finalize()
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn facts_of(&self, doc: &str) -> impl Iterator<Item = &'l isnad_ledger::Fact> + '_ {
        self.facts
            .get(doc)
            .into_iter()
            .flatten()
            .map(|&k| &self.ledger.facts[k])
    }

    /// The entries of document `i` of the ledger (the document, then its
    /// facts), each carrying `digest` ([`LedgerView::document_digest`]).
    /// `read` is the document's text already read into its [`Doc`], when
    /// the caller has it (else the text is read now).
    pub fn document_entries(
        &self,
        i: usize,
        f: &Fields,
        read: Option<&Doc>,
        vocabulary: &mut Vocabulary,
        digest: &str,
    ) -> Vec<TantivyDocument> {
        let d = &self.ledger.documents[i];
        let no_mentions = Vec::new();
        let mentions = self.mentions.get(d.id.as_str()).unwrap_or(&no_mentions);
        let mut doc = TantivyDocument::default();
        doc.add_text(f.hit, "document");
        doc.add_text(f.id, &d.id);
        let analysed = match read {
            Some(read) => analyse_doc(read, mentions),
            None => analyse(&d.text, mentions, vocabulary),
        };
        add_analysed_text(&mut doc, f, &d.text, &analysed);
        if let Some(title) = &d.title {
            doc.add_text(f.title, title);
            let words = analyse_title(title, read, vocabulary).words;
            doc.add_text(f.title_words, term_list(&words));
        }
        self.add_publication(&mut doc, f, d);
        let mut seen = HashSet::new();
        for m in mentions {
            match self.kinds.get(m.entity.as_str()) {
                Some(EntityType::Location) => {
                    for p in self.place_and_around(&m.entity) {
                        add_once(&mut doc, f.place, p, &mut seen);
                    }
                }
                Some(EntityType::Person | EntityType::Organization) => {
                    add_once(&mut doc, f.actor, &m.entity, &mut seen)
                }
                _ => {}
            }
        }
        for fact in self.facts_of(&d.id) {
            add_once(&mut doc, f.kind, fact.kind.as_str(), &mut seen);
            add_once(&mut doc, f.status, self.status_of(fact), &mut seen);
            self.add_sources(&mut doc, f, fact, &mut seen);
        }
        let mut entries = vec![doc];
        for fact in self.facts_of(&d.id) {
            let evidence = analysed.within(Span::new(fact.start, fact.end));
            entries.push(self.fact_entry(d, fact, &evidence, f));
        }
        for e in &mut entries {
            e.add_text(f.digest, digest);
        }
        entries
    }

    fn status_of(&self, fact: &isnad_ledger::Fact) -> &'static str {
        self.status
            .get(fact.id.as_str())
            .copied()
            .unwrap_or("single")
    }

    fn add_publication(&self, doc: &mut TantivyDocument, f: &Fields, d: &isnad_ledger::Document) {
        doc.add_text(f.doc, &d.id);
        if let Some(outlet) = d.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
            doc.add_text(f.outlet, key(outlet));
            doc.add_text(f.outlet_name, outlet);
        }
        if let Some(day) = d.published.as_deref().and_then(day_number) {
            doc.add_i64(f.published, day);
            doc.add_text(f.day, &d.published.as_deref().unwrap_or_default()[..10]);
        }
    }

    fn add_sources(
        &self,
        doc: &mut TantivyDocument,
        f: &Fields,
        fact: &isnad_ledger::Fact,
        seen: &mut HashSet<(Field, String)>,
    ) {
        for s in &fact.sources {
            if let Some(e) = &s.entity {
                add_once(doc, f.source, e, seen);
            }
            add_once(doc, f.source, &key(&s.name), seen);
        }
    }

    /// One fact's entry: its evidence as text (`evidence`: its analysis,
    /// cut from its document's), its filters.
    fn fact_entry(
        &self,
        d: &isnad_ledger::Document,
        fact: &isnad_ledger::Fact,
        evidence: &Analysed,
        f: &Fields,
    ) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.hit, "fact");
        doc.add_text(f.id, &fact.id);
        add_analysed_text(&mut doc, f, &fact.evidence, evidence);
        doc.add_u64(f.offset, fact.start as u64);
        let before = d.text.get(..fact.start).unwrap_or_default();
        doc.add_u64(
            f.offset_utf16,
            before.chars().map(char::len_utf16).sum::<usize>() as u64,
        );
        self.add_publication(&mut doc, f, d);
        let mut seen = HashSet::new();
        doc.add_text(f.kind, fact.kind.as_str());
        doc.add_text(f.status, self.status_of(fact));
        if let Some(place) = &fact.place {
            for p in self.place_and_around(place) {
                add_once(&mut doc, f.place, p, &mut seen);
            }
        }
        if let Some(actor) = &fact.actor {
            doc.add_text(f.actor, actor);
        }
        self.add_sources(&mut doc, f, fact, &mut seen);
        doc.add_bool(f.hedged, fact.hedged);
        doc.add_bool(f.negated, fact.negated);
        if let Some(min) = fact.count.as_ref().and_then(|c| c.min) {
            doc.add_u64(f.count_min, min);
            let max = fact.count.as_ref().and_then(|c| c.max).unwrap_or(min);
            doc.add_u64(f.count_max, max);
        }
        if let Some(t) = &fact.time {
            if let (Some(a), Some(b)) = (day_number(&t.start), day_number(&t.end)) {
                doc.add_i64(f.event_start, a);
                doc.add_i64(f.event_end, b);
            }
        }
        doc
    }

    /// The story's document whose headline is the story's title.
    pub fn headline_document(&self, s: &isnad_ledger::Story) -> Option<&'l isnad_ledger::Document> {
        s.documents
            .iter()
            .filter_map(|id| self.documents.get(id.as_str()))
            .map(|&i| &self.ledger.documents[i])
            .find(|d| d.title.as_deref() == Some(s.title.as_str()))
    }

    /// One story's entry: its title as text (read from `headline`, its
    /// headline document as the caller read it, when it has it), its
    /// documents, places, actors, days.
    pub fn story_entry(
        &self,
        s: &isnad_ledger::Story,
        f: &Fields,
        headline: Option<&Doc>,
        vocabulary: &mut Vocabulary,
    ) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.hit, "story");
        doc.add_text(f.id, &s.id);
        let title = analyse_title(&s.title, headline, vocabulary);
        add_analysed_text(&mut doc, f, &s.title, &title);
        for d in &s.documents {
            doc.add_text(f.doc, d);
        }
        let mut seen = HashSet::new();
        for place in &s.places {
            for p in self.place_and_around(place) {
                add_once(&mut doc, f.place, p, &mut seen);
            }
        }
        for a in &s.actors {
            add_once(&mut doc, f.actor, a, &mut seen);
        }
        if let Some(day) = s.start.as_deref().and_then(day_number) {
            doc.add_i64(f.published, day);
            doc.add_text(f.day, &s.start.as_deref().unwrap_or_default()[..10]);
        }
        doc
    }
}

/// The analysis of `title` as read alone, taken from `read` (its article
/// as the run read it) when the title is written there, as headlines are.
fn analyse_title(title: &str, read: Option<&Doc>, vocabulary: &mut Vocabulary) -> Analysed {
    let in_article = read.and_then(|doc| analyse_part(doc, doc.find(title)?));
    in_article.unwrap_or_else(|| analyse(title, &[], vocabulary))
}

/// Adds `text` stored, and its analysis `a` (words, exact, light, entity fields).
fn add_analysed_text(doc: &mut TantivyDocument, f: &Fields, text: &str, a: &Analysed) {
    doc.add_text(f.text, text);
    doc.add_text(f.words, term_list(&a.words));
    doc.add_text(f.exact, term_list(&a.exact));
    doc.add_text(f.light, term_list(&a.light));
    doc.add_text(f.entity, term_list(&a.entities));
}

fn add_once(
    doc: &mut TantivyDocument,
    field: Field,
    value: &str,
    seen: &mut HashSet<(Field, String)>,
) {
    if seen.insert((field, value.to_string())) {
        doc.add_text(field, value);
    }
}

/// `YYYY-MM-DD…` as the number `YYYYMMDD`; `None` for anything else
/// (`--MM-DD`, a bare year).
pub fn day_number(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = date.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Some(digits(0..4)? * 10_000 + digits(5..7)? * 100 + digits(8..10)?)
}

/// For each location entity, the location entities it lies in: the country
/// of the gazetteer place its name is, when that country is in the ledger.
fn containing_places(ledger: &Ledger) -> HashMap<&str, Vec<&str>> {
    let g = gazetteer();
    let mut by_key: HashMap<String, Vec<&str>> = HashMap::new();
    let locations: Vec<&isnad_ledger::Entity> = ledger
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Location)
        .collect();
    for e in &locations {
        by_key.entry(key(&e.name)).or_default().push(&e.id);
    }
    let mut inside = HashMap::new();
    for e in &locations {
        let Some(place) = g
            .lookup(&key(&e.name))
            .into_iter()
            .find(|p| p.kind == EntryKind::Place && p.country.is_some())
        else {
            continue;
        };
        let Some(country) = g.entry(&format!(
            "country:{}",
            place.country.as_deref().unwrap_or_default()
        )) else {
            continue;
        };
        let around: Vec<&str> = country
            .names_ar
            .iter()
            .flat_map(|n| by_key.get(&key(n)).into_iter().flatten().copied())
            .filter(|id| *id != e.id)
            .collect();
        if !around.is_empty() {
            inside.insert(e.id.as_str(), around);
        }
    }
    inside
}
