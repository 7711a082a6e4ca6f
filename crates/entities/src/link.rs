//! Linking: which mentions, in which documents, name the same entity.
//!
//! Rules, each recorded as the reason of a merge (`isnad entities --explain`):
//! 1. **Gazetteer**: mentions resolved to the same gazetteer entry are one
//!    entity; mentions resolved to *different* entries never merge, however
//!    many words they share (روسيا ≠ روسيا البيضاء).
//! 2. **Same name**: same type and the same key once spaces, diacritics,
//!    hamza forms, ى/ي and ة/ه are folded (عبد الله = عبدالله).
//! 3. **Spelling variant**: same type, the same consonant skeleton (long
//!    vowels ا و ي dropped; the letters Arabic writes one foreign sound with
//!    folded: غ/ج/ق/ك, س/ص/ث/ز/ذ/ظ, ت/ط, ب/پ, ف/ڤ, تش/ش; a doubled consonant
//!    once), of three consonants or more, and an edit distance of at most
//!    30 % between the folded forms (غورباتشوف ~ جورباتشوف ~ غورباتشيف). A
//!    common word (Zipf ≥ 3.0 in general text, no gazetteer name) is nobody's
//!    spelling, and two Arabic names many people carry (محمد, محمود) are two
//!    names. Titles (`الرئيس`) are no part of a name.
//! 4. **Surname**: a person mention of one or two words that ends a longer
//!    person name; within a document when that name is there, across
//!    documents when exactly one longer name fits.
//!
//! Gazetteer entries carry short and long names, acronyms, Latin names and
//! nationality adjectives (`isnad-gazetteer`'s `aliases.tsv`), so rule 1
//! joins a country and its short name or adjective, an organisation and its
//! acronym. Mentions are token-based, so a name is never found inside a
//! longer word. A display name is cut at [`MAX_NAME_CHARS`] characters, and
//! the explanation says so.

use isnad_text::hash::FastMap as HashMap;

use isnad_gazetteer::Gazetteer;
use sha2::{Digest, Sha256};

use crate::names::{
    joined_bare, name_key, skeleton, spelling_variants, word_frequency, Lexicon, COMMON_WORD,
};
use crate::types::{DocMention, Found, Kind};

/// An entity: mentions that name the same thing.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Stable id (from its gazetteer entry, or its type and main name).
    pub id: String,
    /// Its type.
    pub kind: Kind,
    /// Display name (Arabic script): its most frequent full written form.
    pub name: String,
    /// Latin-script name, from the gazetteer or the transliteration table.
    pub name_latin: Option<String>,
    /// Every distinct written form.
    pub variants: Vec<String>,
    /// Indexes of its mentions in the input slice.
    pub mentions: Vec<usize>,
    /// The gazetteer entry, when known.
    pub gazetteer_id: Option<String>,
    /// Why its mentions were merged: one line per distinct pair of written
    /// forms and rule (repeats counted on the line).
    pub explanation: Vec<String>,
}

/// The sets of mentions merged so far (union–find), with what each set
/// names and why it was merged.
struct Sets<'a> {
    /// What names are known (for telling two people's names apart).
    lex: &'a Lexicon,
    parent: Vec<usize>,
    gid: Vec<Option<&'a str>>,
    /// Full person names (word keys) in each set: two sets naming different
    /// people in full never merge, even through a shared surname.
    full: Vec<Vec<&'a [String]>>,
    /// The merges each set was made of, in order.
    why: Vec<Vec<Merge>>,
}

/// Why two mentions were merged: the rule that joined them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Rule {
    /// Rule 1; the second mention is a nationality adjective of the entry.
    Gazetteer { adjective: bool },
    /// Rule 2.
    SameName,
    /// Rule 3.
    Variant,
    /// Rule 4.
    Surname,
}

/// One merge: mentions `a` and `b` (indexes into the linker's input) by `rule`.
#[derive(Clone, Copy, Debug)]
struct Merge {
    a: usize,
    b: usize,
    rule: Rule,
}

/// Whether two full person names (word keys) can be one person: the same
/// first and last names, up to spelling (middle names may be left out).
fn same_person(lex: &Lexicon, a: &[String], b: &[String]) -> bool {
    let (ja, jb) = (a.concat(), b.concat());
    if lex.person_spelling_variants(a, b) || ja.ends_with(&jb) || jb.ends_with(&ja) {
        return true;
    }
    match (a.first(), a.last(), b.first(), b.last()) {
        (Some(fa), Some(la), Some(fb), Some(lb)) => {
            !lex.distinct_names(fa, fb) && spelling_variants(fa, fb) && spelling_variants(la, lb)
        }
        _ => false,
    }
}

impl<'a> Sets<'a> {
    /// Every mention in a set of its own.
    fn new(lex: &'a Lexicon, mentions: &'a [&'a DocMention], words: &[&'a [String]]) -> Sets<'a> {
        let n = mentions.len();
        let full = (0..n)
            .map(|i| {
                if mentions[i].mention.kind == Kind::Person && words[i].len() >= 2 {
                    vec![words[i]]
                } else {
                    Vec::new()
                }
            })
            .collect();
        Sets {
            lex,
            parent: (0..n).collect(),
            gid: mentions
                .iter()
                .map(|m| m.mention.gazetteer_id.as_deref())
                .collect(),
            full,
            why: vec![Vec::new(); n],
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Merges unless the two sets name different gazetteer entries.
    fn union(&mut self, a: usize, b: usize, rule: Rule) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if let (Some(x), Some(y)) = (&self.gid[ra], &self.gid[rb]) {
            if x != y {
                return false;
            }
        }
        if self.full[ra]
            .iter()
            .any(|a| self.full[rb].iter().any(|b| !same_person(self.lex, a, b)))
        {
            return false;
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[gone] = keep;
        let names = std::mem::take(&mut self.full[gone]);
        self.full[keep].extend(names);
        // One person named in full a thousand times is one name to check.
        self.full[keep].sort();
        self.full[keep].dedup();
        if self.gid[keep].is_none() {
            self.gid[keep] = self.gid[gone].take();
        }
        let moved = std::mem::take(&mut self.why[gone]);
        self.why[keep].extend(moved);
        self.why[keep].push(Merge { a, b, rule });
        true
    }
}

/// Links mentions into entities. The result is a function of the set of
/// mentions, not of their order: they are linked in [`canonical_order`],
/// and every merge, id and name follows from that order and their content.
pub fn link(mentions: &[DocMention], lex: &Lexicon) -> Vec<Entity> {
    let order = canonical_order(mentions);
    let ordered: Vec<&DocMention> = order.iter().map(|&i| &mentions[i]).collect();
    let mut entities = link_ordered(&ordered, lex);
    // Back to indexes into the caller's slice.
    for e in &mut entities {
        for i in &mut e.mentions {
            *i = order[*i];
        }
    }
    entities
}

/// The indexes of `mentions` by document, position, then every other
/// field: an order that depends on what the mentions are alone (mentions
/// equal in every field are interchangeable).
fn canonical_order(mentions: &[DocMention]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by(|&a, &b| canonical_key(&mentions[a]).cmp(&canonical_key(&mentions[b])));
    order
}

/// What [`canonical_order`] sorts a mention by.
type CanonicalKey<'a> = (
    &'a str,
    usize,
    usize,
    &'a str,
    Kind,
    &'static str,
    Option<&'a str>,
);

/// A mention's [`CanonicalKey`].
fn canonical_key(m: &DocMention) -> CanonicalKey<'_> {
    let mention = &m.mention;
    (
        m.doc.as_str(),
        mention.span.start,
        mention.span.end,
        mention.text.as_str(),
        mention.kind,
        mention.found.as_str(),
        mention.gazetteer_id.as_deref(),
    )
}

/// [`link`] over mentions in canonical order; the entities' mentions are
/// indexes into `mentions`.
fn link_ordered(mentions: &[&DocMention], lex: &Lexicon) -> Vec<Entity> {
    let forms = FormKeys::of(lex.gazetteer(), mentions);
    let keys = forms.per_mention();
    let mut sets = Sets::new(lex, mentions, &keys.words);
    merge_same_entries(mentions, &mut sets);
    // Rule 4 within documents first, so a shared surname cannot bridge two people.
    attach_surnames(mentions, &keys, &mut sets, true);
    let by_name = merge_same_names(mentions, &keys.bare, &mut sets);
    merge_spelling_variants(mentions, &keys, &by_name, &mut sets);
    // Rule 4 across documents: a surname alone joins the one full name it fits.
    attach_surnames(mentions, &keys, &mut sets, false);
    let mut entities = collect_entities(mentions, &keys, &mut sets);
    give_shared_ids_their_first_mention(mentions, &mut entities);
    entities.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.id.cmp(&b.id))
    });
    entities
}

/// The keys of each distinct written form of the mentions (they depend on
/// the written form alone: computed once per form).
struct FormKeys {
    /// By mention: its form.
    form_of: Vec<usize>,
    /// By form: its name key without the article.
    bare: Vec<String>,
    /// By form: the name key of each word.
    words: Vec<Vec<String>>,
    /// By form: the skeleton of its last word, which surnames are matched by.
    last_skeletons: Vec<String>,
    /// By form: one common word, no title before it (`ماضي`, "past").
    lone_common: Vec<bool>,
}

/// [`FormKeys`] by mention.
struct MentionKeys<'a> {
    /// Its name key without the article.
    bare: Vec<&'a str>,
    /// The name key of each of its words.
    words: Vec<&'a [String]>,
    /// The skeleton of its last word.
    last_skeletons: Vec<&'a str>,
    /// Whether it is one common word with no title before it.
    lone_common: Vec<bool>,
}

impl FormKeys {
    /// The keys of the forms of `mentions`, numbered in order of first mention.
    fn of(g: &Gazetteer, mentions: &[&DocMention]) -> FormKeys {
        let mut forms: HashMap<&str, usize> = HashMap::default();
        let mut bare = Vec::new();
        let mut words: Vec<Vec<String>> = Vec::new();
        let mut lone_common = Vec::new();
        let form_of: Vec<usize> = mentions
            .iter()
            .map(|m| {
                let text = m.mention.text.as_str();
                *forms.entry(text).or_insert_with(|| {
                    let name = without_title(g, text);
                    let name_words: Vec<String> = name.split_whitespace().map(name_key).collect();
                    let alone = name == text.trim() && name_words.len() == 1;
                    lone_common.push(alone && word_frequency(name) >= COMMON_WORD);
                    bare.push(joined_bare(&name_words));
                    words.push(name_words);
                    words.len() - 1
                })
            })
            .collect();
        let last_skeletons = words
            .iter()
            .map(|words| skeleton(words.last().map_or("", String::as_str)))
            .collect();
        FormKeys {
            form_of,
            bare,
            words,
            last_skeletons,
            lone_common,
        }
    }

    /// Each mention's keys, by its form.
    fn per_mention(&self) -> MentionKeys<'_> {
        MentionKeys {
            bare: self
                .form_of
                .iter()
                .map(|&f| self.bare[f].as_str())
                .collect(),
            words: self
                .form_of
                .iter()
                .map(|&f| self.words[f].as_slice())
                .collect(),
            last_skeletons: self
                .form_of
                .iter()
                .map(|&f| self.last_skeletons[f].as_str())
                .collect(),
            lone_common: self.form_of.iter().map(|&f| self.lone_common[f]).collect(),
        }
    }
}

/// A name without the titles it starts with (`الرئيس`, `المستشارة`), when
/// a name is left after them: a title is no part of whom it names.
fn without_title<'t>(g: &Gazetteer, text: &'t str) -> &'t str {
    let mut rest = text.trim_start();
    while let Some((first, after)) = rest.split_once(char::is_whitespace) {
        if !g.is_trigger(
            isnad_gazetteer::Trigger::Person,
            &isnad_gazetteer::key(first),
        ) {
            break;
        }
        rest = after.trim_start();
    }
    rest
}

/// Rule 1: mentions of the same gazetteer entry merge.
fn merge_same_entries(mentions: &[&DocMention], sets: &mut Sets) {
    let mut by_gid: HashMap<&str, usize> = HashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if let Some(g) = &m.mention.gazetteer_id {
            match by_gid.get(g.as_str()) {
                Some(&first) => {
                    let adjective = m.mention.found == Found::Adjective;
                    sets.union(first, i, Rule::Gazetteer { adjective });
                }
                None => {
                    by_gid.insert(g, i);
                }
            }
        }
    }
}

/// Whether mentions `a` and `b` may merge by name (rules 2 and 3). The
/// tagger may give one unknown name different types in different places;
/// names no gazetteer resolves merge across types (the entity takes the
/// majority type), resolved ones only within their type.
fn mergeable(mentions: &[&DocMention], a: usize, b: usize) -> bool {
    mentions[a].mention.kind == mentions[b].mention.kind
        || (mentions[a].mention.gazetteer_id.is_none()
            && mentions[b].mention.gazetteer_id.is_none())
}

/// Rule 2: mentions of the same folded name (with or without the article)
/// merge. Returns, by name, the first mention of each group that could not
/// merge with the ones before it.
fn merge_same_names<'a>(
    mentions: &[&DocMention],
    bare: &[&'a str],
    sets: &mut Sets,
) -> HashMap<&'a str, Vec<usize>> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, &name) in bare.iter().enumerate() {
        let firsts = by_name.entry(name).or_default();
        match firsts.iter().copied().find(|&f| mergeable(mentions, f, i)) {
            Some(first) => {
                sets.union(first, i, Rule::SameName);
            }
            None => firsts.push(i),
        }
    }
    by_name
}

/// Zipf frequency (× 10) from which a one-word name no list of names knows
/// is a common word, nobody's spelling variant (3.5: "أسبوع" 4.8, while a
/// rare spelling of a name, "بوتن", is 3.1).
const VARIANT_COMMON_WORD: u8 = 35;

/// Rule 3: one mention of each type and name (of `by_name`) merges with
/// its spelling variants, compared within skeleton buckets.
fn merge_spelling_variants(
    mentions: &[&DocMention],
    keys: &MentionKeys,
    by_name: &HashMap<&str, Vec<usize>>,
    sets: &mut Sets,
) {
    let bare = &keys.bare;
    let by_key: HashMap<(Kind, &str), usize> = by_name
        .values()
        .flatten()
        .map(|&i| ((mentions[i].mention.kind, bare[i]), i))
        .collect();
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::default();
    for &i in by_key.values() {
        // A common word ("أسبوع") is no spelling of a rarer name ("سبيع"),
        // and one word of two consonants is too short to tell a name by.
        let m = &mentions[i].mention;
        let one_word = keys.words[i].len() == 1;
        let common = one_word
            && m.gazetteer_id.is_none()
            && word_frequency(&m.text) >= VARIANT_COMMON_WORD
            && !sets.lex.is_listed_name(&keys.words[i][0]);
        let sk = skeleton(bare[i]);
        let short = one_word && skeleton(&keys.words[i][0]).chars().count() < 3;
        if m.found == Found::Adjective || common || short {
            continue;
        }
        buckets.entry(sk).or_default().push(i);
    }
    // Buckets in skeleton order, members in mention order: which merges
    // happen first (and so which a rule refuses later) never follows the
    // map's iteration order.
    let mut buckets: Vec<(String, Vec<usize>)> = buckets.into_iter().collect();
    buckets.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, mut members) in buckets {
        members.sort_unstable();
        for x in 0..members.len() {
            for y in x + 1..members.len() {
                let (a, b) = (members[x], members[y]);
                let persons = mentions[a].mention.kind == Kind::Person
                    && mentions[b].mention.kind == Kind::Person;
                let variants = if persons {
                    sets.lex
                        .person_spelling_variants(keys.words[a], keys.words[b])
                } else {
                    spelling_variants(bare[a], bare[b])
                };
                // Joining a gazetteer entry takes a rarer word ("بررت",
                // justified, is no spelling of "بيروت").
                let into_entry = |x: usize, y: usize| {
                    mentions[x].mention.gazetteer_id.is_some()
                        && mentions[y].mention.gazetteer_id.is_none()
                        && keys.lone_common[y]
                };
                if mergeable(mentions, a, b) && variants && !into_entry(a, b) && !into_entry(b, a) {
                    sets.union(a, b, Rule::Variant);
                }
            }
        }
    }
}

/// One entity per set that holds a name: a set of nationality adjectives
/// alone is none, nor one of a common word alone ("ماضي", "past") that no
/// gazetteer entry, title or fuller name in a document makes a name —
/// capital-free Arabic gives no other evidence that it is one.
fn collect_entities(mentions: &[&DocMention], keys: &MentionKeys, sets: &mut Sets) -> Vec<Entity> {
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::default();
    for i in 0..mentions.len() {
        let r = sets.find(i);
        groups.entry(r).or_default().push(i);
    }
    // In order of each set's first mention, not of the map.
    let mut groups: Vec<(usize, Vec<usize>)> = groups.into_iter().collect();
    groups.sort_unstable_by_key(|g| g.1[0]);
    groups
        .into_iter()
        .filter(|(_, members)| {
            members
                .iter()
                .any(|&i| mentions[i].mention.found != Found::Adjective)
                && !members
                    .iter()
                    .all(|&i| keys.lone_common[i] && mentions[i].mention.gazetteer_id.is_none())
        })
        .map(|(root, members)| entity(mentions, sets, root, members))
        .collect()
}

/// The entity of the set `root` whose mentions are `members`.
fn entity(mentions: &[&DocMention], sets: &Sets, root: usize, mut members: Vec<usize>) -> Entity {
    let g = sets.lex.gazetteer();
    let gid = sets.gid[root].map(str::to_string);
    let entry = gid.as_deref().and_then(|id| g.entry(id));
    let kind = entity_kind(mentions, &members, entry);
    let (name, cut) = capped_name(display_name(g, mentions, &members, kind));
    let mut written: Vec<&str> = members
        .iter()
        .map(|&i| mentions[i].mention.text.as_str())
        .collect();
    written.sort_unstable();
    written.dedup();
    let variants: Vec<String> = written.into_iter().map(str::to_string).collect();
    let name_latin = entry
        .map(|e| e.name_en.clone())
        .or_else(|| latin_variant(&variants))
        .or_else(|| sets.lex.transliterate(&name));
    let id_basis = match &gid {
        Some(id) => id.clone(),
        None => format!("{}:{}", kind.as_str(), name_key(&name)),
    };
    let digest = Sha256::digest(id_basis.as_bytes());
    let id = format!("e{}", isnad_text::hash::hex(&digest[..6]));
    members.sort_by(|&a, &b| {
        (&mentions[a].doc, mentions[a].mention.span.start)
            .cmp(&(&mentions[b].doc, mentions[b].mention.span.start))
    });
    Entity {
        id,
        kind,
        name,
        name_latin,
        variants,
        mentions: members,
        gazetteer_id: gid,
        explanation: cut
            .into_iter()
            .chain(explain(mentions, &sets.why[root]))
            .collect(),
    }
}

/// The longest of an entity's written forms in Latin script, when one is.
fn latin_variant(variants: &[String]) -> Option<String> {
    variants
        .iter()
        .filter(|v| v.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|v| !v.chars().any(isnad_text::arabic::is_arabic_letter))
        .max_by_key(|v| (v.len(), std::cmp::Reverse(v.as_str())))
        .cloned()
}

/// An entity's type: its gazetteer entry's, else its mentions' most frequent.
fn entity_kind(
    mentions: &[&DocMention],
    members: &[usize],
    entry: Option<&isnad_gazetteer::Entry>,
) -> Kind {
    let mut votes: HashMap<Kind, usize> = HashMap::default();
    for &i in members {
        *votes.entry(mentions[i].mention.kind).or_default() += 1;
    }
    match entry {
        Some(e) if e.kind == isnad_gazetteer::EntryKind::Organization => Kind::Organization,
        Some(_) => Kind::Location,
        None => votes
            .into_iter()
            .max_by_key(|&(k, c)| (c, std::cmp::Reverse(k)))
            .map(|(k, _)| k)
            .unwrap_or(Kind::Other),
    }
}

/// An entity's display name: the most frequent written form of its names
/// (not adjectives), for a person among the forms of the most words.
fn display_name(g: &Gazetteer, mentions: &[&DocMention], members: &[usize], kind: Kind) -> String {
    let mut forms: HashMap<&str, usize> = HashMap::default();
    for &i in members {
        if mentions[i].mention.found != Found::Adjective {
            *forms.entry(mentions[i].mention.text.as_str()).or_default() += 1;
        }
    }
    let words = |f: &str| without_title(g, f).split_whitespace().count();
    let max_words = forms.keys().map(|f| words(f)).max().unwrap_or(1);
    // Untitled forms first, then the most frequent, then the first in order.
    forms
        .iter()
        .filter(|(f, _)| kind != Kind::Person || words(f) == max_words)
        .max_by(|a, b| {
            (without_title(g, a.0) == *a.0, a.1)
                .cmp(&(without_title(g, b.0) == *b.0, b.1))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(f, _)| f.to_string())
        .unwrap_or_default()
}

/// The most characters of an entity's display name: a longer name (a
/// tagger's span run over a whole list) is cut there, and its explanation
/// says so.
pub const MAX_NAME_CHARS: usize = 100;

/// `name` cut to [`MAX_NAME_CHARS`] characters, with the line that says
/// so, when it is longer.
fn capped_name(name: String) -> (String, Option<String>) {
    let chars = name.chars().count();
    if chars <= MAX_NAME_CHARS {
        return (name, None);
    }
    let cut: String = name.chars().take(MAX_NAME_CHARS).collect();
    let line = format!(
        "name cut to its first {MAX_NAME_CHARS} characters (it has {chars}): a name that long is no name, look at its mentions"
    );
    (format!("{}…", cut.trim_end()), Some(line))
}

/// Two entities can share a name (two people called the same, kept apart
/// by their full names): the later ones get ids from their first mention too.
fn give_shared_ids_their_first_mention(mentions: &[&DocMention], entities: &mut [Entity]) {
    entities.sort_by(|a, b| {
        a.id.cmp(&b.id)
            .then_with(|| first_mention(mentions, a).cmp(&first_mention(mentions, b)))
    });
    let mut taken = isnad_text::hash::FastSet::default();
    for e in entities.iter_mut() {
        if !taken.insert(e.id.clone()) {
            let (doc, start) = first_mention(mentions, e);
            let digest = Sha256::digest(format!("{}@{doc}:{start}", e.id).as_bytes());
            e.id = format!("e{}", isnad_text::hash::hex(&digest[..6]));
            taken.insert(e.id.clone());
        }
    }
}

/// The document and start of an entity's first mention.
fn first_mention<'a>(mentions: &'a [&'a DocMention], e: &Entity) -> (&'a str, usize) {
    e.mentions
        .iter()
        .map(|&i| (mentions[i].doc.as_str(), mentions[i].mention.span.start))
        .min()
        .unwrap_or(("", 0))
}

/// Rule 4: person mentions of one or two words join the full name they end.
fn attach_surnames(
    mentions: &[&DocMention],
    keys: &MentionKeys,
    sets: &mut Sets,
    same_doc_only: bool,
) {
    let (words, last_skeletons) = (&keys.words, &keys.last_skeletons);
    let lex = sets.lex;
    let n = mentions.len();
    // Full names by the skeleton of their last word (and their document,
    // when only those of the same document count): only those can fit.
    let doc_of = |i: usize| same_doc_only.then(|| mentions[i].doc.as_str());
    // Sized for every person mention at once: growing the maps one mention
    // at a time rehashes them again and again.
    let persons = (0..n)
        .filter(|&i| mentions[i].mention.kind == Kind::Person)
        .count();
    let mut full_by_last: HashMap<(Option<&str>, &str), Vec<usize>> =
        HashMap::with_capacity_and_hasher(persons, Default::default());
    for i in 0..n {
        if mentions[i].mention.kind == Kind::Person && words[i].len() >= 2 {
            full_by_last
                .entry((doc_of(i), last_skeletons[i]))
                .or_default()
                .push(i);
        }
    }
    // The full names a short name fits depend on its words (and document) alone.
    let mut fitting: HashMap<(Option<&str>, &[String]), Vec<usize>> =
        HashMap::with_capacity_and_hasher(persons, Default::default());
    for i in 0..n {
        if mentions[i].mention.kind != Kind::Person || words[i].len() > 2 || words[i].is_empty() {
            continue;
        }
        // A common word joins a full name only in the document that names it.
        if !same_doc_only && keys.lone_common[i] {
            continue;
        }
        let short = words[i];
        let pool = fitting.entry((doc_of(i), short)).or_insert_with(|| {
            let last = short.last().map_or("", String::as_str);
            full_by_last
                .get(&(doc_of(i), last_skeletons[i]))
                .into_iter()
                .flatten()
                .copied()
                .filter(|&f| {
                    let full = &words[f];
                    let fl = full.last().map_or("", String::as_str);
                    // A full name has more words than the short one (so it is never itself).
                    full.len() > short.len()
                        && (fl == last || spelling_variants(fl, last))
                        && (short.len() == 1
                            || first_name_fits(lex, &full[full.len() - 2], &short[0])
                            || first_name_fits(lex, &full[0], &short[0]))
                })
                .collect()
        });
        if pool.is_empty() {
            continue;
        }
        let mut roots: Vec<usize> = pool.iter().map(|&f| sets.find(f)).collect();
        roots.sort();
        roots.dedup();
        if roots.len() == 1 {
            let f = pool[0];
            sets.union(f, i, Rule::Surname);
        }
    }
}

/// Whether a short name's first word can be this word of a full name.
fn first_name_fits(lex: &Lexicon, full_word: &str, short_word: &str) -> bool {
    !lex.distinct_names(full_word, short_word) && spelling_variants(full_word, short_word)
}

/// The merges of one entity as lines for `isnad entities --explain`: one
/// line per distinct pair of written forms and rule, naming the documents
/// of its first merge and how many more merges it stands for.
fn explain(mentions: &[&DocMention], merges: &[Merge]) -> Vec<String> {
    let text = |i: usize| mentions[i].mention.text.as_str();
    let mut lines: Vec<(Merge, usize)> = Vec::new();
    let mut line_of: HashMap<(&str, &str, Rule), usize> = HashMap::default();
    for &m in merges {
        match line_of.entry((text(m.a), text(m.b), m.rule)) {
            std::collections::hash_map::Entry::Occupied(e) => lines[*e.get()].1 += 1,
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(lines.len());
                lines.push((m, 0));
            }
        }
    }
    let show = |i: usize| format!("«{}» ({})", text(i), mentions[i].doc);
    lines
        .into_iter()
        .map(|(m, more)| {
            let reason = match m.rule {
                Rule::Gazetteer { adjective } => format!(
                    "{} gazetteer entry {}",
                    if adjective {
                        "nationality adjective of"
                    } else {
                        "both name"
                    },
                    mentions[m.a].mention.gazetteer_id.as_deref().unwrap_or("?")
                ),
                Rule::SameName => "same name once spelling is folded".to_string(),
                Rule::Variant => {
                    "spelling variants (same consonants, small edit distance)".to_string()
                }
                Rule::Surname => "surname of the full name".to_string(),
            };
            let line = format!("{} ~ {}: {reason}", show(m.a), show(m.b));
            match more {
                0 => line,
                1 => format!("{line}; and 1 more merge of these forms"),
                n => format!("{line}; and {n} more merges of these forms"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Mention;
    use isnad_text::Span;
    use std::sync::{Arc, LazyLock};

    /// The lexicon every test links with, built once.
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(isnad_gazetteer::shared()));

    /// [`super::link`] with the shipped gazetteers.
    fn link(ms: &[DocMention]) -> Vec<Entity> {
        super::link(ms, &LEXICON)
    }

    fn m(doc: &str, text: &str, kind: Kind, gid: Option<&str>) -> DocMention {
        DocMention {
            doc: doc.into(),
            mention: Mention {
                span: Span::new(0, text.len()),
                text: text.into(),
                kind,
                found: Found::Tagger,
                gazetteer_id: gid.map(str::to_string),
            },
        }
    }

    fn groups(ms: &[DocMention]) -> Vec<Vec<String>> {
        let mut g: Vec<Vec<String>> = link(ms)
            .iter()
            .map(|e| {
                e.mentions
                    .iter()
                    .map(|&i| ms[i].mention.text.clone())
                    .collect()
            })
            .collect();
        for x in &mut g {
            x.sort();
        }
        g.sort();
        g
    }

    #[test]
    fn transliteration_variants_of_one_name_merge() {
        // Gorbachev, spelled three ways across outlets.
        let ms = [
            m("a", "غورباتشوف", Kind::Person, None),
            m("b", "جورباتشوف", Kind::Person, None),
            m("c", "غورباتشيف", Kind::Person, None),
        ];
        assert_eq!(groups(&ms).len(), 1);
    }

    #[test]
    fn explanations_give_each_reason_once_with_its_repeats() {
        // One name written two ways, repeated in four documents, plus a variant.
        let ms = [
            m("a", "عبد الله", Kind::Person, None),
            m("b", "عبدالله", Kind::Person, None),
            m("c", "عبدالله", Kind::Person, None),
            m("d", "عبدالله", Kind::Person, None),
            m("e", "عبد اللة", Kind::Person, None),
        ];
        let entities = link(&ms);
        assert_eq!(entities.len(), 1);
        assert_eq!(
            entities[0].explanation,
            [
                "«عبد الله» (a) ~ «عبدالله» (b): same name once spelling is folded; and 2 more merges of these forms",
                "«عبد الله» (a) ~ «عبد اللة» (e): same name once spelling is folded",
            ]
        );
        // A merge through the gazetteer names the entry; one merge, one line.
        let ms = [
            m("a", "روسيا", Kind::Location, Some("country:RU")),
            m("b", "روسيا", Kind::Location, Some("country:RU")),
        ];
        assert_eq!(
            link(&ms)[0].explanation,
            ["«روسيا» (a) ~ «روسيا» (b): both name gazetteer entry country:RU"]
        );
    }

    #[test]
    fn spacing_variants_merge() {
        let ms = [
            m("a", "عبد الله", Kind::Person, None),
            m("b", "عبدالله", Kind::Person, None),
        ];
        assert_eq!(groups(&ms).len(), 1);
    }

    #[test]
    fn different_gazetteer_entries_never_merge() {
        let ms = [
            m("a", "روسيا", Kind::Location, Some("country:RU")),
            m("a", "روسيا البيضاء", Kind::Location, Some("country:BY")),
        ];
        assert_eq!(groups(&ms).len(), 2);
        let ms = [
            m("a", "النمسا", Kind::Location, Some("country:AT")),
            m("b", "النمس", Kind::Location, None),
        ];
        assert_eq!(
            groups(&ms).len(),
            1,
            "an unresolved spelling joins the resolved entity"
        );
    }

    #[test]
    fn a_person_named_like_a_city_stays_a_person() {
        let ms = [
            m("a", "عمان", Kind::Location, Some("country:OM")),
            m("b", "سالم عمان", Kind::Person, None),
            m("b", "عمان", Kind::Person, None),
        ];
        assert_eq!(groups(&ms).len(), 2);
    }

    #[test]
    fn surname_after_a_title_joins_the_full_name_in_its_document() {
        let ms = [
            m("a", "إيمانويل ماكرون", Kind::Person, None),
            m("a", "ماكرون", Kind::Person, None),
            m("b", "بريجيت ماكرون", Kind::Person, None),
            m("b", "ماكرون", Kind::Person, None),
        ];
        let e = link(&ms);
        // In document b the surname goes with the full name of b; a's with a's.
        let of = |i: usize| e.iter().position(|x| x.mentions.contains(&i)).unwrap();
        assert_eq!(of(0), of(1));
        assert_eq!(of(2), of(3));
        assert_ne!(of(0), of(2));
    }

    #[test]
    fn names_that_only_share_a_word_stay_apart() {
        let ms = [
            m("a", "كوريا الجنوبية", Kind::Location, None),
            m("a", "كوريا الشمالية", Kind::Location, None),
        ];
        assert_eq!(groups(&ms).len(), 2);
    }

    /// What linking `ms` gives, with each entity's mentions named by
    /// content (document and text) rather than by index.
    fn linked_by_content(ms: &[DocMention]) -> Vec<(Entity, Vec<(String, String)>)> {
        link(ms)
            .into_iter()
            .map(|mut e| {
                let named = e
                    .mentions
                    .iter()
                    .map(|&i| (ms[i].doc.clone(), ms[i].mention.text.clone()))
                    .collect();
                e.mentions.clear();
                (e, named)
            })
            .collect()
    }

    #[test]
    fn links_are_the_same_in_every_order_of_the_mentions() {
        // One unresolved spelling fits two resolved ones that must stay
        // apart: which of them it joins was decided by which came first.
        let ms = [
            m("a", "برانايف", Kind::Location, None),
            m("b", "برانابيف", Kind::Location, Some("place:1")),
            m("c", "برانييف", Kind::Location, Some("place:2")),
            m("c", "سالم الحداد", Kind::Person, None),
            m("d", "الحداد", Kind::Person, None),
        ];
        let expected = linked_by_content(&ms);
        assert_eq!(expected.len(), 3, "{expected:#?}");
        let orders = [
            [0, 1, 2, 3, 4],
            [0, 2, 1, 3, 4],
            [2, 1, 0, 4, 3],
            [1, 0, 2, 4, 3],
            [2, 0, 1, 3, 4],
            [4, 3, 2, 1, 0],
        ];
        for order in orders {
            let shuffled: Vec<DocMention> = order.iter().map(|&i| ms[i].clone()).collect();
            assert_eq!(linked_by_content(&shuffled), expected, "order {order:?}");
        }
    }

    #[test]
    fn a_common_word_is_no_spelling_of_a_rarer_name() {
        // "أسبوع" (week) has the consonants of the surname "سبيع".
        let ms = [
            m("a", "مها سبيع", Kind::Person, None),
            m("a", "سبيع", Kind::Person, None),
            m("b", "أسبوع", Kind::Person, None),
        ];
        // And a common word alone, that no fuller name or title makes a name, is no entity.
        assert_eq!(
            groups(&ms),
            [vec!["سبيع".to_string(), "مها سبيع".to_string()]]
        );
        let ms = [
            m("a", "ماضي", Kind::Person, None),
            m("b", "الرئيس ماضي", Kind::Person, None),
        ];
        assert_eq!(groups(&ms).len(), 1, "a title makes it a name");
        // Two rare spellings of one foreign name still merge.
        let ms = [
            m("a", "ستولتنبرغ", Kind::Person, None),
            m("b", "ستولتنبرج", Kind::Person, None),
        ];
        assert_eq!(groups(&ms).len(), 1);
    }

    #[test]
    fn two_arabic_names_one_letter_apart_are_two_people() {
        for (a, b) in [("محمد", "محمود"), ("حسن", "حسين"), ("سعيد", "سعد")] {
            let ms = [
                m("a", &format!("{a} عباس"), Kind::Person, None),
                m("b", &format!("{b} عباس"), Kind::Person, None),
            ];
            assert_eq!(groups(&ms).len(), 2, "{a} / {b}");
        }
        // Hamza on its seat or not is one name.
        let ms = [
            m("a", "فايز السراج", Kind::Person, None),
            m("b", "فائز السراج", Kind::Person, None),
        ];
        assert_eq!(groups(&ms).len(), 1);
    }

    #[test]
    fn a_title_is_no_part_of_the_name() {
        let ms = [
            m("a", "المستشارة هيلدا برونشتاين", Kind::Person, None),
            m("b", "هيلدا برونشتاين", Kind::Person, None),
            m("b", "هيلدا برونشتاين", Kind::Person, None),
        ];
        let e = link(&ms);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].name, "هيلدا برونشتاين");
    }

    #[test]
    fn a_latin_form_gives_the_latin_name() {
        let ms = [
            m("a", "هيلدا برونشتاين", Kind::Person, None),
            m("a", "برونشتاين", Kind::Person, None),
            m("b", "Brunnstein", Kind::Person, None),
        ];
        let e = link(&ms);
        let with_latin = e
            .iter()
            .find(|e| e.variants.contains(&"Brunnstein".to_string()));
        assert_eq!(
            with_latin.unwrap().name_latin.as_deref(),
            Some("Brunnstein")
        );
    }

    #[test]
    fn a_name_too_long_to_be_one_is_cut_and_says_so() {
        let long = vec!["كلمة"; 60].join(" ");
        let e = link(&[m("a", &long, Kind::Organization, None)]);
        assert!(
            e[0].name.chars().count() <= MAX_NAME_CHARS + 1,
            "cut, with …"
        );
        assert!(e[0].name.ends_with('…'));
        assert!(e[0].explanation[0].contains("cut to its first 100 characters"));
        let short = link(&[m("a", "البنك الدولي", Kind::Organization, None)]);
        assert_eq!(short[0].name, "البنك الدولي");
        assert!(short[0].explanation.is_empty());
    }

    #[test]
    fn ids_are_stable() {
        let ms = [m("a", "القاهرة", Kind::Location, Some("place:360630"))];
        assert_eq!(link(&ms)[0].id, link(&ms)[0].id);
        assert_eq!(link(&ms)[0].name_latin.as_deref(), Some("Cairo"));
    }
}
