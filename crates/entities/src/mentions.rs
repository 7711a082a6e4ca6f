//! Finding entity mentions in a document's text.

use isnad_gazetteer::{Entry, EntryKind};
use isnad_ner::{Tag, Tagger, TokenInfo, TokenSpan, WordTable};
use isnad_text::{Doc, Span};

use crate::names::{name_key, word_frequency, Lexicon};
use crate::types::{Found, Kind, Mention};

/// A token with its keys (borrowed from the information the tagger read, or
/// for a token that is no word, its one key).
struct Tok<'a> {
    span: Span,
    /// Start of the name part (after conjunction/preposition, at the article when written in full).
    name_start: usize,
    base: &'a str,
    stem: &'a str,
    norm: &'a str,
    /// A gazetteer name may start here (base or stem form).
    starts_name: bool,
    /// A person, place or organisation trigger word ("الرئيس", "مدينة").
    trigger: bool,
    /// The stem is a nationality adjective.
    adjective: bool,
    /// The word as written, from the start of its name part.
    text: &'a str,
}

impl<'a> Tok<'a> {
    /// A word, with the keys the tagger computed for it.
    fn word(text: &'a str, span: Span, info: &'a TokenInfo) -> Tok<'a> {
        let name_start = span.start + info.keys.name_offset;
        Tok {
            span,
            text: text.get(name_start..span.end).unwrap_or(""),
            name_start,
            base: &info.base,
            stem: &info.stem,
            norm: &info.norm,
            starts_name: info.may_start_gazetteer_name(),
            trigger: info.is_trigger_word(),
            adjective: info.is_nationality_adjective(),
        }
    }

    /// A token that is no word, with its one key `k`.
    fn other(lex: &Lexicon, text: &'a str, span: Span, k: &'a str) -> Tok<'a> {
        let g = lex.gazetteer();
        Tok {
            span,
            text: span.slice(text),
            name_start: span.start,
            starts_name: g.starts_a_name(k),
            trigger: is_trigger_key(lex, k),
            adjective: g.country_of_adjective(k).is_some(),
            base: k,
            stem: k,
            norm: k,
        }
    }
}

/// Finds the mentions in one document: tags its sentences (each word's
/// information from `words`, kept across documents by the caller) and reads
/// the names off its tokens and their keys.
pub fn find_mentions(
    doc: &Doc,
    tagger: &Tagger,
    lex: &Lexicon,
    words: &mut WordTable,
) -> Vec<Mention> {
    let tagged = tagger.tag_doc(doc, words);
    let mut out = Vec::new();
    // The words of a name looked up in the gazetteer, joined (one buffer for all).
    let mut name = String::new();
    for (i, (infos, tags)) in tagged.infos.iter().zip(&tagged.tags).enumerate() {
        let toks: Vec<Tok> = doc
            .sentence_tokens(i)
            .iter()
            .zip(infos)
            .map(|(t, info)| {
                if t.is_word() {
                    Tok::word(doc.text(), t.span, info)
                } else {
                    Tok::other(lex, doc.text(), t.span, &t.keys.norm)
                }
            })
            .collect();
        sentence_mentions(lex, doc.text(), &toks, tags, &mut name, &mut out);
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out
}

/// Appends the mentions of one sentence: the tagger's names, adjusted to
/// the names the gazetteer knows, then the gazetteer names and nationality
/// adjectives the tagger left out.
fn sentence_mentions(
    lex: &Lexicon,
    text: &str,
    toks: &[Tok],
    tags: &[Tag],
    name: &mut String,
    out: &mut Vec<Mention>,
) {
    let mut spans = isnad_ner::spans(tags);
    join_adjacent_locations(lex, toks, &mut spans);
    take_in_given_names(lex, toks, &mut spans);
    take_in_longer_names(lex, toks, &mut spans, name);
    grow_unknown_locations(lex, toks, &mut spans);
    let covered = tagged_mentions(lex, text, toks, spans, out);
    untagged_mentions(lex, text, toks, &covered, name, out);
}

/// Two adjacent locations that together are one known place ("سان" "فرانسيسكو") become one.
fn join_adjacent_locations(lex: &Lexicon, toks: &[Tok], spans: &mut Vec<TokenSpan>) {
    let mut k = 0;
    while k + 1 < spans.len() {
        let (a, b) = (spans[k], spans[k + 1]);
        if a.end == b.start
            && a.kind == b.kind
            && Kind::of(a.kind) == Kind::Location
            && resolve(lex, &toks[a.start..b.end], Kind::Location).is_some()
        {
            spans[k].end = b.end;
            spans.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// A person's name often starts with a given name the tagger left out
/// ("إيمانويل" before "ماكرون"): takes in known given names before it.
fn take_in_given_names(lex: &Lexicon, toks: &[Tok], spans: &mut [TokenSpan]) {
    for k in 0..spans.len() {
        if Kind::of(spans[k].kind) != Kind::Person {
            continue;
        }
        while spans[k].start > 0 {
            let j = spans[k].start - 1;
            let taken = spans.iter().any(|o| o.start <= j && j < o.end);
            if taken || !is_given_name(lex, &toks[j]) {
                break;
            }
            spans[k].start = j;
        }
    }
}

/// Longest name first: a place or organisation the gazetteer knows by a
/// longer name that goes on after the tagged words ("غينيا" + "الاستوائية" is
/// Equatorial Guinea, not Guinea) takes those words in.
fn take_in_longer_names(lex: &Lexicon, toks: &[Tok], spans: &mut [TokenSpan], name: &mut String) {
    for k in 0..spans.len() {
        let s = spans[k];
        if !matches!(Kind::of(s.kind), Kind::Location | Kind::Organization) {
            continue;
        }
        let next_start = spans.get(k + 1).map_or(toks.len(), |o| o.start);
        for extra in (1..=2usize).rev() {
            let end = s.end + extra;
            if end > next_start {
                continue;
            }
            name.clear();
            name.push_str(toks[s.start].base);
            for t in &toks[s.start + 1..end] {
                name.push(' ');
                name.push_str(t.norm);
            }
            if lex.gazetteer().first(name).is_some() {
                spans[k].end = end;
                break;
            }
        }
    }
}

/// A location the gazetteer does not know alone, that it knows with the
/// word before or after ("يورك" → "نيو يورك"), takes that word in.
fn grow_unknown_locations(lex: &Lexicon, toks: &[Tok], spans: &mut Vec<TokenSpan>) {
    let mut k = 0;
    while k < spans.len() {
        let s = spans[k];
        if Kind::of(s.kind) == Kind::Location
            && resolve(lex, &toks[s.start..s.end], Kind::Location).is_none()
        {
            if let Some((a, b)) = grown_location(lex, toks, spans, s) {
                spans.retain(|o| {
                    !(o.end - o.start == 1 && (o.start == a || o.start == b - 1) && *o != s)
                });
                let k2 = spans.iter().position(|o| *o == s).expect("still there");
                spans[k2].start = a;
                spans[k2].end = b;
                k = k2 + 1;
                continue;
            }
        }
        k += 1;
    }
}

/// The tokens of the location `s` with the word before it, or else after
/// it, when the gazetteer knows them as a place and that word is free (in
/// no span, or a span of its own word alone).
fn grown_location(
    lex: &Lexicon,
    toks: &[Tok],
    spans: &[TokenSpan],
    s: TokenSpan,
) -> Option<(usize, usize)> {
    let free = |j: usize| {
        spans
            .iter()
            .all(|o| o.end <= j || o.start > j || (o.end - o.start == 1 && o.start == j))
    };
    if s.start > 0
        && free(s.start - 1)
        && resolve(lex, &toks[s.start - 1..s.end], Kind::Location).is_some()
    {
        Some((s.start - 1, s.end))
    } else if s.end < toks.len()
        && free(s.end)
        && resolve(lex, &toks[s.start..s.end + 1], Kind::Location).is_some()
    {
        Some((s.start, s.end + 1))
    } else {
        None
    }
}

/// Appends the tagged names that look like names (a lone title or place
/// word names nothing); returns which tokens they cover.
fn tagged_mentions(
    lex: &Lexicon,
    text: &str,
    toks: &[Tok],
    spans: Vec<TokenSpan>,
    out: &mut Vec<Mention>,
) -> Vec<bool> {
    let mut covered = vec![false; toks.len()];
    for s in spans {
        let span = Span::new(toks[s.start].name_start, toks[s.end - 1].span.end);
        if span.is_empty() || !looks_like_a_name(span.slice(text)) {
            continue;
        }
        // A lone title or place word ("المدينة", "الرئيس") names nothing by itself.
        if s.end - s.start == 1 && toks[s.start].trigger {
            continue;
        }
        // A name of more words than any name has is a run-on span, no name.
        if s.end - s.start > MAX_NAME_WORDS {
            continue;
        }
        let kind = Kind::of(s.kind);
        let gazetteer_id = resolve(lex, &toks[s.start..s.end], kind);
        if gazetteer_id.is_none()
            && s.end - s.start == 1
            && common_without_context(lex, toks, s.start)
        {
            continue;
        }
        for c in &mut covered[s.start..s.end] {
            *c = true;
        }
        out.push(Mention {
            span,
            text: span.slice(text).to_string(),
            kind,
            found: Found::Tagger,
            gazetteer_id,
        });
    }
    covered
}

/// Appends the gazetteer names and nationality adjectives the tagger left
/// out, left to right, among the tokens not `covered`.
fn untagged_mentions(
    lex: &Lexicon,
    text: &str,
    toks: &[Tok],
    covered: &[bool],
    name: &mut String,
    out: &mut Vec<Mention>,
) {
    let g = lex.gazetteer();
    let mut i = 0;
    while i < toks.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        if let Some((len, e)) = gazetteer_name_at(lex, toks, covered, i, name) {
            let span = Span::new(toks[i].name_start, toks[i + len - 1].span.end);
            let kind = if e.kind == EntryKind::Organization {
                Kind::Organization
            } else {
                Kind::Location
            };
            out.push(Mention {
                span,
                text: span.slice(text).to_string(),
                kind,
                found: Found::Gazetteer,
                gazetteer_id: Some(e.id.clone()),
            });
            i += len;
            continue;
        }
        if let Some(country) = toks[i]
            .adjective
            .then(|| g.country_of_adjective(toks[i].stem))
            .flatten()
        {
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

/// The longest gazetteer name starting at token `i` over tokens not
/// `covered` (its first word in base or stem form, later words in full):
/// its length in tokens and its entry. A country or organisation counts
/// anywhere; a place only after a place word, in more than one word, or of
/// a million inhabitants or more.
fn gazetteer_name_at<'l>(
    lex: &'l Lexicon,

    toks: &[Tok],
    covered: &[bool],
    i: usize,
    name: &mut String,
) -> Option<(usize, &'l Entry)> {
    let g = lex.gazetteer();
    if !toks[i].starts_name || toks[i].trigger {
        return None;
    }
    let max = g.max_words().min(toks.len() - i);
    let forms = [&toks[i].base, &toks[i].stem].map(|f| (f, g.name_lengths(f)));
    for len in (1..=max).rev() {
        if covered[i..i + len].iter().any(|&c| c) {
            continue;
        }
        for (first, lengths) in forms {
            if lengths & isnad_gazetteer::length_bit(len) == 0 {
                continue;
            }
            name.clear();
            name.push_str(first);
            for t in &toks[i + 1..i + len] {
                name.push(' ');
                name.push_str(t.norm);
            }
            let entries = g.lookup(name);
            let after_place_word =
                i > 0 && g.is_trigger(isnad_gazetteer::Trigger::Location, toks[i - 1].base);
            // One common word ("العربية", "الحرة") is an outlet or place
            // only when a place or organisation word announces it.
            let announced = i > 0 && toks[i - 1].trigger;
            let common = len == 1 && !announced && word_frequency(toks[i].text) >= VERY_COMMON_WORD;
            if let Some(e) = entries.iter().find(|e| match e.kind {
                EntryKind::Country => true,
                EntryKind::Organization => !common,
                EntryKind::Place => {
                    !common && (after_place_word || len > 1 || e.population >= 1_000_000)
                }
            }) {
                return Some((len, *e));
            }
        }
    }
    None
}

/// The most words a tagged name may have (the longest names of the
/// gazetteers have about ten): a longer span is the tagger running on.
pub const MAX_NAME_WORDS: usize = 12;

/// Zipf frequency (× 10) from which a word the tagger alone calls a name,
/// that no list knows as one, needs a title or place word before it (it is
/// about 30 times in a million words: "تدريب", "دولار", "أسبوع").
const VERY_COMMON_WORD: u8 = 45;

/// Whether the one-word name at token `i` is a very common word that no
/// list of names knows and no trigger word announces: capital-free Arabic
/// gives no other sign that a word is a name.
fn common_without_context(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    let announced = i > 0 && toks[i - 1].trigger;
    !announced
        && word_frequency(t.text) >= VERY_COMMON_WORD
        && !lex.is_listed_name(&name_key(t.stem))
        && lex.gazetteer().first(t.stem).is_none()
        && lex.gazetteer().first(t.base).is_none()
}

/// A word listed as a person's name (ANERGazet, or the transliteration table's
/// person names) that is no title or place word.
fn is_given_name(lex: &Lexicon, t: &Tok) -> bool {
    let g = lex.gazetteer();
    let listed = g.in_name_list(isnad_gazetteer::NameList::Person, t.stem)
        || g.name_class(t.stem) == Some(isnad_gazetteer::NameClass::Person);
    listed && t.base == t.stem && !t.trigger && t.stem.chars().count() >= 3 && !is_particle(t.norm)
}

/// Prepositions and particles whose folded form is also a name (على ~ علي).
fn is_particle(k: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "علي", "الي", "حتي", "لدي", "سوي", "متي", "ان", "من", "عن", "في", "مع", "بعد", "قبل",
        "منذ", "عند", "ما", "لا", "هو", "هي",
    ];
    PARTICLES.contains(&k)
}

/// Whether a key is a person, place or organisation trigger word.
fn is_trigger_key(lex: &Lexicon, k: &str) -> bool {
    let g = lex.gazetteer();
    [
        isnad_gazetteer::Trigger::Person,
        isnad_gazetteer::Trigger::Location,
        isnad_gazetteer::Trigger::Organization,
    ]
    .into_iter()
    .any(|kind| g.is_trigger(kind, k))
}

/// A tagged span is kept only when it has letters: at least two, and some
/// Arabic ones or a capitalised Latin word (no dates, numbers, markup).
fn looks_like_a_name(s: &str) -> bool {
    let letters = s
        .chars()
        .filter(|&c| isnad_text::arabic::is_alphabetic(c))
        .count();
    let arabic = s.chars().any(isnad_text::arabic::is_arabic_letter);
    let latin_name = s.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    letters >= 2 && (arabic || latin_name)
}

/// The gazetteer entry a tagged name is, when the types agree: by exact key,
/// or for locations by spelling variant of a country or large place.
fn resolve(lex: &Lexicon, toks: &[Tok], kind: Kind) -> Option<String> {
    if !matches!(kind, Kind::Location | Kind::Organization) {
        return None;
    }
    let g = lex.gazetteer();
    let one_word = toks.len() == 1;
    // Written with the article, a common word ("المالي", financial) is not
    // the name without it ("مالي", Mali).
    let article_is_its_own = one_word
        && toks[0].base != toks[0].stem
        && g.first(toks[0].base).is_none()
        && word_frequency(toks[0].text) >= crate::names::COMMON_WORD;
    for first in [&toks[0].base, &toks[0].stem] {
        if article_is_its_own && first == &toks[0].stem {
            continue;
        }
        let mut k = first.to_string();
        for t in &toks[1..] {
            k.push(' ');
            k.push_str(t.norm);
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
    // A common word ("ماضي", past) or a person's name ("بوتين") is no
    // spelling of a place it looks like.
    let unlike_a_place = one_word
        && (lex.looks_unlike_a_place(toks[0].text) || lex.is_listed_name(&name_key(toks[0].stem)));
    if kind == Kind::Location && !unlike_a_place {
        let mut joined = toks[0].base.to_string();
        for t in &toks[1..] {
            joined.push_str(t.norm);
        }
        return lex.resolve_variant(&joined).map(str::to_string);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_gazetteer::Gazetteer;
    use isnad_ner::EntityType;
    use std::sync::Arc;

    /// The tokens of `words` (one key each, as written) and the text they are read from.
    fn tokens_of<'a>(lex: &Lexicon, text: &'a str) -> Vec<Tok<'a>> {
        let mut at = 0;
        text.split(' ')
            .map(|w| {
                let span = Span::new(at, at + w.len());
                at += w.len() + 1;
                Tok::other(lex, text, span, w)
            })
            .collect()
    }

    #[test]
    fn a_tagged_span_of_more_words_than_any_name_is_dropped_and_one_of_twelve_kept() {
        let lex = Lexicon::new(Arc::new(Gazetteer::load()));
        let words = ["زهير", "نمير", "قطيب", "سهيل", "رضوان", "كمال", "يسري"];
        for (n, kept) in [(MAX_NAME_WORDS, true), (MAX_NAME_WORDS + 1, false)] {
            let text: Vec<&str> = (0..n).map(|i| words[i % words.len()]).collect();
            let text = text.join(" ");
            let toks = tokens_of(&lex, &text);
            let span = TokenSpan {
                start: 0,
                end: n,
                kind: EntityType::Person,
            };
            let mut out = Vec::new();
            tagged_mentions(&lex, &text, &toks, vec![span], &mut out);
            assert_eq!(out.len() == 1, kept, "{n} words: {out:?}");
            if kept {
                assert_eq!(out[0].span, Span::new(0, text.len()), "the whole span");
            }
        }
    }
}
