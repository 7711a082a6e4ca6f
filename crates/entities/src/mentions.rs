//! Finding entity mentions in a document's text.

use isnad_gazetteer::{gazetteer, key, EntryKind};
use isnad_ner::{EntityType, Tagger};
use isnad_text::token::{analyze_word, CliticKind};
use isnad_text::{sentences, tokens, Span, TokenKind};

/// The type of an entity, as the ledger names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `person`.
    Person,
    /// `organization`.
    Organization,
    /// `location`.
    Location,
    /// `other`.
    Other,
}

impl Kind {
    /// The ledger's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Location => "location",
            Kind::Other => "other",
        }
    }

    /// Reads the ledger's name.
    pub fn parse(s: &str) -> Kind {
        match s {
            "person" => Kind::Person,
            "organization" => Kind::Organization,
            "location" => Kind::Location,
            _ => Kind::Other,
        }
    }

    fn of(t: EntityType) -> Kind {
        match t {
            EntityType::Person => Kind::Person,
            EntityType::Location => Kind::Location,
            EntityType::Organization => Kind::Organization,
            EntityType::Misc => Kind::Other,
        }
    }
}

/// How a mention was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Found {
    /// The statistical tagger.
    Tagger,
    /// A gazetteer name (country, organisation, or a place after a place word).
    Gazetteer,
    /// A nationality adjective standing for its country (`الروسية` → Russia).
    Adjective,
}

impl Found {
    /// Name used in the store.
    pub fn as_str(&self) -> &'static str {
        match self {
            Found::Tagger => "tagger",
            Found::Gazetteer => "gazetteer",
            Found::Adjective => "adjective",
        }
    }

    /// Reads the stored name.
    pub fn parse(s: &str) -> Found {
        match s {
            "gazetteer" => Found::Gazetteer,
            "adjective" => Found::Adjective,
            _ => Found::Tagger,
        }
    }
}

/// One mention of an entity in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Where, in bytes of the document's text (proclitics left out).
    pub span: Span,
    /// Exactly the text at `span`.
    pub text: String,
    /// Its type.
    pub kind: Kind,
    /// How it was found.
    pub found: Found,
    /// The gazetteer entry it names, when one is sure.
    pub gazetteer_id: Option<String>,
}

struct Tok {
    span: Span,
    /// Start of the name part (after conjunction/preposition, at the article when written in full).
    name_start: usize,
    base: String,
    stem: String,
    norm: String,
}

/// Finds the mentions in one document's text.
pub fn find_mentions(text: &str, tagger: &Tagger) -> Vec<Mention> {
    let g = gazetteer();
    let mut out = Vec::new();
    // Tokens per sentence.
    let mut sents: Vec<Vec<Tok>> = Vec::new();
    for s in sentences(text) {
        let mut toks = Vec::new();
        for t in tokens(s.slice(text)) {
            let span = t.span.shift(s.start);
            let (name_start, base, stem) = if t.kind == TokenKind::Word {
                let a = analyze_word(text, span);
                let article = a.clitics().find(|c| c.kind == CliticKind::Article);
                let stem_key = key(a.stem.slice(text));
                match article {
                    Some(c) if c.span.len() == "ال".len() && c.span.slice(text) == "ال" => (c.span.start, format!("ال{stem_key}"), stem_key),
                    Some(_) => (a.stem.start, format!("ال{stem_key}"), stem_key),
                    None => (a.stem.start, stem_key.clone(), stem_key),
                }
            } else {
                let k = key(span.slice(text));
                (span.start, k.clone(), k)
            };
            toks.push(Tok { span, name_start, base, stem, norm: key(span.slice(text)) });
        }
        if !toks.is_empty() {
            sents.push(toks);
        }
    }
    let words: Vec<Vec<&str>> = sents.iter().map(|s| s.iter().map(|t| t.span.slice(text)).collect()).collect();
    let tags = tagger.tag_document(&words);
    for (toks, tags) in sents.iter().zip(&tags) {
        let mut covered = vec![false; toks.len()];
        let mut spans = isnad_ner::spans(tags);
        // Two adjacent locations that together are one known place ("ألما" "آتا").
        let mut k = 0;
        while k + 1 < spans.len() {
            let (a, b) = (spans[k], spans[k + 1]);
            if a.end == b.start && a.kind == b.kind && Kind::of(a.kind) == Kind::Location && resolve(&toks[a.start..b.end], Kind::Location).is_some() {
                spans[k].end = b.end;
                spans.remove(k + 1);
            } else {
                k += 1;
            }
        }
        for s in spans {
            let span = Span::new(toks[s.start].name_start, toks[s.end - 1].span.end);
            if span.is_empty() || !looks_like_a_name(span.slice(text)) {
                continue;
            }
            // A lone title or place word ("المدينة", "الرئيس") names nothing by itself.
            if s.end - s.start == 1 && is_trigger_word(&toks[s.start]) {
                continue;
            }
            let kind = Kind::of(s.kind);
            let gazetteer_id = resolve(&toks[s.start..s.end], kind);
            for c in &mut covered[s.start..s.end] {
                *c = true;
            }
            out.push(Mention { span, text: span.slice(text).to_string(), kind, found: Found::Tagger, gazetteer_id });
        }
        // Gazetteer names and nationality adjectives the tagger left out.
        let mut i = 0;
        while i < toks.len() {
            if covered[i] {
                i += 1;
                continue;
            }
            let max = g.max_words().min(toks.len() - i);
            let mut hit = None;
            if (g.starts_a_name(&toks[i].base) || g.starts_a_name(&toks[i].stem)) && !is_trigger_word(&toks[i]) {
                'len: for len in (1..=max).rev() {
                    if covered[i..i + len].iter().any(|&c| c) {
                        continue;
                    }
                    for first in [&toks[i].base, &toks[i].stem] {
                        let mut k = first.clone();
                        for t in &toks[i + 1..i + len] {
                            k.push(' ');
                            k.push_str(&t.norm);
                        }
                        let entries = g.lookup(&k);
                        let after_place_word = i > 0 && g.is_trigger(isnad_gazetteer::Trigger::Location, &toks[i - 1].base);
                        if let Some(e) = entries.iter().find(|e| match e.kind {
                            EntryKind::Country | EntryKind::Organization => true,
                            EntryKind::Place => after_place_word || len > 1 || e.population >= 1_000_000,
                        }) {
                            hit = Some((len, *e));
                            break 'len;
                        }
                    }
                }
            }
            if let Some((len, e)) = hit {
                let span = Span::new(toks[i].name_start, toks[i + len - 1].span.end);
                let kind = if e.kind == EntryKind::Organization { Kind::Organization } else { Kind::Location };
                out.push(Mention { span, text: span.slice(text).to_string(), kind, found: Found::Gazetteer, gazetteer_id: Some(e.id.clone()) });
                i += len;
                continue;
            }
            if let Some(country) = g.country_of_adjective(&toks[i].stem) {
                let span = Span::new(toks[i].name_start, toks[i].span.end);
                out.push(Mention {
                    span,
                    text: span.slice(text).to_string(),
                    kind: Kind::Location,
                    found: Found::Adjective,
                    gazetteer_id: Some(country.id.clone()),
                });
            }
            i += 1;
        }
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out
}

fn is_trigger_word(t: &Tok) -> bool {
    let g = gazetteer();
    [isnad_gazetteer::Trigger::Person, isnad_gazetteer::Trigger::Location, isnad_gazetteer::Trigger::Organization]
        .into_iter()
        .any(|k| g.is_trigger(k, &t.stem) || g.is_trigger(k, &t.base))
}

/// A tagged span is kept only when it has letters: at least two, and some
/// Arabic ones or a capitalised Latin word (no dates, numbers, markup).
fn looks_like_a_name(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let arabic = s.chars().any(isnad_text::arabic::is_arabic_letter);
    let latin_name = s.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    letters >= 2 && (arabic || latin_name)
}

/// The gazetteer entry a tagged name is, when the types agree: by exact key,
/// or for locations by spelling variant of a country or large place.
fn resolve(toks: &[Tok], kind: Kind) -> Option<String> {
    if !matches!(kind, Kind::Location | Kind::Organization) {
        return None;
    }
    let g = gazetteer();
    for first in [&toks[0].base, &toks[0].stem] {
        let mut k = first.clone();
        for t in &toks[1..] {
            k.push(' ');
            k.push_str(&t.norm);
        }
        for e in g.lookup(&k) {
            let fits = match e.kind {
                EntryKind::Country => true,
                EntryKind::Place => kind == Kind::Location,
                EntryKind::Organization => kind == Kind::Organization,
            };
            if fits {
                return Some(e.id.clone());
            }
        }
    }
    if kind == Kind::Location {
        let mut joined = toks[0].base.clone();
        for t in &toks[1..] {
            joined.push_str(&t.norm);
        }
        return crate::link::resolve_variant(&joined).map(str::to_string);
    }
    None
}
