//! Feature extraction. Each feature is a 64-bit hash of its template and
//! value, so no string is kept in the model.

use std::sync::{Arc, OnceLock};

use isnad_gazetteer::{gazetteer, EntryKind, NameClass, NameList, Trigger};
use isnad_text::arabic;
use isnad_text::hash::{FastMap, WordKey};
use isnad_text::keys::WordKeys;
use isnad_text::token::{for_each_token, general_frequency, lexicon_frequency, light_form};
use isnad_text::{Doc, DocToken, TokenKind, Vocabulary};

use crate::tags::{Tag, N_TAGS};

/// What the features need to know about one word on its own: a function of
/// its text, computed once per distinct word of a [`WordTable`] and shared
/// by every token of it.
#[derive(Debug)]
pub struct WordInfo {
    /// Its matching keys (shared with the other stages of the pipeline).
    pub keys: Arc<WordKeys>,
    /// Loose matching key of the whole token.
    pub norm: Arc<str>,
    /// Key of the token without its proclitics.
    pub stem: Arc<str>,
    /// Key of the token without conjunction/preposition but with its article.
    pub base: Arc<str>,
    shape: u8,
    clitics: u8,
    lists: u8,
    triggers: u8,
    freq: u8,
    /// How often the stem is a given name (high nibble) and a surname (low), bucketed.
    person: u8,
    /// How common the whole token (high nibble) and its stem (low) are in general Arabic, bucketed.
    general: u8,
    /// How much the stem looks like a personal name (high nibble) and a place name (low).
    namelike: u8,
    /// The stem's word cluster ([`crate::clusters`]): its path behind a
    /// leading 1 bit, 0 for a word the clusters do not know.
    cluster: u32,
    /// Which kinds of name of the general name lists the stem is a word of
    /// ([`crate::clusters::name_word`]).
    name_words: u8,
    /// How many words the names starting with each form have
    /// ([`isnad_gazetteer::Gazetteer::name_lengths`]; 0 where none starts
    /// with it): gazetteer names from the base and from the stem, then
    /// well-known names from each.
    name_lengths: [u32; 4],
    /// What each form names on its own, in the same order
    /// ([`gazetteer_name`], [`wiki_name`]); `None` where no one-word name
    /// starts with the form.
    one_word_names: [Option<u8>; 4],
    /// The weights of its [`word_features`] under the first model that
    /// tagged it: the model's id and the scores at each offset of [`WINDOW`]
    /// (another model sums them afresh; a [`WordTable`] is emptied when
    /// another model tags with it, so this is the model it serves).
    pub(crate) scores: OnceLock<(u64, WordScores)>,
}

impl WordInfo {
    /// Whether a gazetteer name may start at this word (base or stem form).
    pub fn may_start_gazetteer_name(&self) -> bool {
        self.name_lengths[0] != 0 || self.name_lengths[1] != 0
    }

    /// Whether the word (stem or base) is a person, place or organisation
    /// trigger word of the gazetteer ("الرئيس", "مدينة", "وزارة").
    pub fn is_trigger_word(&self) -> bool {
        self.triggers != 0
    }

    /// Whether the stem is a nationality adjective of a country ("الروسية").
    pub fn is_nationality_adjective(&self) -> bool {
        self.lists & 8 != 0
    }
}

/// Scores per tag.
pub(crate) type Scores = [f32; N_TAGS];

/// What one word adds to the scores of the tokens at each offset of the
/// window from it.
pub(crate) type WordScores = [Scores; WINDOW.len()];

/// What the features need to know about one token: its word's information
/// and where multi-word names run in its sentence.
#[derive(Clone, Debug)]
pub struct TokenInfo<'w> {
    /// The word's information (in the [`WordTable`] the sentence was prepared with).
    pub word: &'w WordInfo,
    gazetteer: u8,
    /// Inside a well-known person's or sports club's name: 0 no, else
    /// 1 + 2 × (0 person, 1 club) + 1 past the first word.
    wiki: u8,
}

impl std::ops::Deref for TokenInfo<'_> {
    type Target = WordInfo;
    fn deref(&self) -> &WordInfo {
        self.word
    }
}

impl TokenInfo<'_> {
    /// The key two mentions of a name share (the stem: proclitics and article removed).
    pub fn match_key(&self) -> &str {
        &self.stem
    }

    /// Whether the token is a frequent word of the reference lexicon.
    pub fn is_common_word(&self) -> bool {
        self.freq >= 3
    }
}

const GAZ_B: u8 = 1;
const GAZ_I: u8 = 2;

fn shape(word: &str) -> u8 {
    let (mut ar, mut lat, mut dig, mut other, mut n) = (false, false, false, false, 0u8);
    for c in word.chars() {
        n = n.saturating_add(1);
        if arabic::is_arabic_letter(c) || arabic::is_diacritic(c) || c == arabic::TATWEEL {
            ar = true;
        } else if c.is_ascii_alphabetic() {
            lat = true;
        } else if arabic::is_digit(c) {
            dig = true;
        } else {
            other = true;
        }
    }
    let class = match (ar, lat, dig, other) {
        (true, false, false, false) => 0,
        (false, true, false, false) => 1,
        (false, false, true, _) => 2,
        (false, false, false, true) => 3,
        _ => 4,
    };
    let len = match n {
        0..=1 => 0,
        2 => 1,
        3 => 2,
        4..=5 => 3,
        6..=8 => 4,
        _ => 5,
    };
    class * 8 + len
}

/// The [`WordInfo`] of every distinct word spelling seen so far, computed
/// once each, and with it the word's scores under the one model that tags
/// with the table.
///
/// The caller owns it and passes it by `&mut` to every tagging call: a
/// pipeline keeps one per worker (it is `Send`, so a pool may move it
/// between threads) and drops it to free what it learnt. The tokens of a
/// sentence borrow their words' information from it ([`TokenInfo`]). It
/// holds at most [`WordTable::MAX_WORDS`] spellings and starts afresh past
/// that, and when a model other than the last one tags with it.
pub struct WordTable {
    /// By spelling, where the word's information is in `words`.
    ids: FastMap<WordKey, u32>,
    words: Vec<WordInfo>,
    /// The id of the model whose scores the words keep ([`WordTable::serve`]).
    model: Option<u64>,
}

impl Default for WordTable {
    fn default() -> WordTable {
        WordTable::new()
    }
}

impl WordTable {
    /// Distinct spellings a table keeps before it starts afresh.
    pub const MAX_WORDS: usize = 1 << 17;

    /// An empty table.
    pub fn new() -> WordTable {
        WordTable {
            ids: isnad_text::hash::word_cache(),
            words: Vec::new(),
            model: None,
        }
    }

    /// How many distinct spellings it holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Makes the table the one of the model `id`: emptied when another
    /// model's scores are kept with its words.
    pub(crate) fn serve(&mut self, id: u64) {
        if self.model != Some(id) {
            self.clear();
            self.model = Some(id);
        }
    }

    fn clear(&mut self) {
        self.ids.clear();
        self.words.clear();
    }

    /// Makes room for `n` more spellings: starts afresh when the table
    /// could grow past [`WordTable::MAX_WORDS`] (ids taken before are then
    /// stale, so this comes before a batch of [`WordTable::id`]s).
    pub(crate) fn make_room(&mut self, n: usize) {
        if self.words.len() + n > Self::MAX_WORDS {
            self.clear();
        }
    }

    /// Where the information of the word `raw` is, computed with its keys
    /// (`keys()`) when the table does not hold it yet.
    pub(crate) fn id(&mut self, raw: &str, keys: impl FnOnce() -> Arc<WordKeys>) -> u32 {
        if let Some(&id) = self.ids.get(raw.as_bytes()) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(compute_word_info(raw, keys()));
        self.ids.insert(raw.into(), id);
        id
    }

    /// The ids of the tokens of `doc`'s sentence `tokens`.
    pub(crate) fn ids_of_doc_tokens(&mut self, doc: &Doc, tokens: &[DocToken]) -> Vec<u32> {
        tokens
            .iter()
            .map(|t| self.id(t.text(doc), || t.keys.clone()))
            .collect()
    }

    /// The ids of a sentence of token strings, keys from `vocabulary`.
    pub(crate) fn ids_of_strings(
        &mut self,
        tokens: &[&str],
        vocabulary: &mut Vocabulary,
    ) -> Vec<u32> {
        tokens
            .iter()
            .map(|&t| self.id(t, || vocabulary.keys_of(t, token_kind(t))))
            .collect()
    }

    /// The information of a sentence whose words are `ids` (from this
    /// table, since it last started afresh), multi-word names marked.
    pub(crate) fn infos(&self, ids: &[u32]) -> Vec<TokenInfo<'_>> {
        let mut infos: Vec<TokenInfo> = ids
            .iter()
            .map(|&id| TokenInfo {
                word: &self.words[id as usize],
                gazetteer: 0,
                wiki: 0,
            })
            .collect();
        let g = gazetteer();
        prepare_gazetteer(g, &mut infos);
        prepare_wiki_names(g, &mut infos);
        infos
    }
}

/// Per-token information for a sentence of `doc` (its `tokens`, as
/// [`Doc::sentence_tokens`] gives them), each word's from `words`.
pub fn prepare<'w>(doc: &Doc, tokens: &[DocToken], words: &'w mut WordTable) -> Vec<TokenInfo<'w>> {
    words.make_room(tokens.len());
    let ids = words.ids_of_doc_tokens(doc, tokens);
    words.infos(&ids)
}

/// Per-token information for a sentence given as token strings (a CoNLL
/// sentence: tokenised already, no document), each token's keys from
/// `vocabulary` and each word's information from `words`.
pub fn prepare_strings<'w>(
    tokens: &[&str],
    vocabulary: &mut Vocabulary,
    words: &'w mut WordTable,
) -> Vec<TokenInfo<'w>> {
    words.make_room(tokens.len());
    let ids = words.ids_of_strings(tokens, vocabulary);
    words.infos(&ids)
}

/// What a token given as a string is: the kind the tokeniser gives it when
/// it reads it as one token, else a word (whose keys are then those of a word,
/// as for any string with letters).
pub fn token_kind(token: &str) -> TokenKind {
    let mut first = None;
    let mut count = 0;
    for_each_token(token, |t| {
        count += 1;
        first.get_or_insert(t);
    });
    match first {
        Some(t) if count == 1 && t.span.len() == token.len() => t.kind,
        _ => TokenKind::Word,
    }
}

/// What the features need to know about the word `t` (whose keys are
/// `keys`) on its own.
fn compute_word_info(t: &str, keys: Arc<WordKeys>) -> WordInfo {
    let g = gazetteer();
    let stem = &*keys.stem;
    let base = keys.base.clone();
    let light = light_form(&t[keys.stem_offset..]);
    let freq = lexicon_bucket(lexicon_frequency(&light));
    let lists = list_bits(g, &base, stem);
    let triggers = trigger_bits(g, &base, stem);
    let person = person_buckets(g, stem);
    let general = zipf_bucket(general_frequency(&light_form(t))) << 4
        | zipf_bucket(general_frequency(&light));
    let (np, nl) = crate::namelike::name_likeness(stem);
    let name_lengths = [
        g.name_lengths(&base),
        g.name_lengths(stem),
        g.wiki_name_lengths(&base),
        g.wiki_name_lengths(stem),
    ];
    let one_word_names = one_word_names(g, name_lengths, &base, stem);
    WordInfo {
        name_lengths,
        one_word_names,
        namelike: np << 4 | nl,
        cluster: crate::clusters::cluster(stem),
        name_words: crate::clusters::name_word(stem),
        person,
        general,
        norm: keys.norm.clone(),
        stem: keys.stem.clone(),
        scores: OnceLock::new(),
        base,
        shape: shape(t),
        clitics: keys.clitics,
        lists,
        triggers,
        freq,
        keys,
    }
}

/// A lexicon frequency, bucketed (0 unknown … 3 frequent).
fn lexicon_bucket(f: u32) -> u8 {
    match f {
        0 => 0,
        1..=4 => 1,
        5..=49 => 2,
        _ => 3,
    }
}

/// The name lists the word is in: ANERGazet person (1), location (2) and
/// organisation (4) names, nationality adjectives (8), and the name class
/// of the transliteration table (16 person, 32 location, 64 organisation).
fn list_bits(g: &isnad_gazetteer::Gazetteer, base: &str, stem: &str) -> u8 {
    let mut lists = 0u8;
    if g.in_name_list(NameList::Person, stem) {
        lists |= 1;
    }
    if g.in_name_list(NameList::Location, base) || g.in_name_list(NameList::Location, stem) {
        lists |= 2;
    }
    if g.in_name_list(NameList::Organization, base) {
        lists |= 4;
    }
    if g.country_of_adjective(stem).is_some() {
        lists |= 8;
    }
    lists
        | match g.name_class(stem).or_else(|| g.name_class(base)) {
            Some(NameClass::Person) => 16,
            Some(NameClass::Location) => 32,
            Some(NameClass::Organization) => 64,
            None => 0,
        }
}

/// The trigger words the word is (base or stem): person (1), location (2),
/// organisation (4).
fn trigger_bits(g: &isnad_gazetteer::Gazetteer, base: &str, stem: &str) -> u8 {
    let mut triggers = 0u8;
    for (bit, kind) in [
        (1, Trigger::Person),
        (2, Trigger::Location),
        (4, Trigger::Organization),
    ] {
        if g.is_trigger(kind, base) || g.is_trigger(kind, stem) {
            triggers |= bit;
        }
    }
    triggers
}

/// How many people have the stem as a given name (high nibble) and as a
/// surname (low), bucketed.
fn person_buckets(g: &isnad_gazetteer::Gazetteer, stem: &str) -> u8 {
    let people = |n: u32| match n {
        0 => 0u8,
        1..=2 => 1,
        3..=20 => 2,
        21..=200 => 3,
        _ => 4,
    };
    g.person_name(stem).map_or(0, |p| {
        people(p.given) << 4 | people(p.surname + p.other / 2)
    })
}

/// A general-text Zipf frequency, bucketed (0 unknown … 5 very common).
fn zipf_bucket(z: u8) -> u8 {
    match z {
        0 => 0u8,
        1..=29 => 1,
        30..=34 => 2,
        35..=39 => 3,
        40..=49 => 4,
        _ => 5,
    }
}

/// What each form names on its own ([`WordInfo::one_word_names`]), where a
/// one-word name starts with it.
fn one_word_names(
    g: &isnad_gazetteer::Gazetteer,
    name_lengths: [u32; 4],
    base: &str,
    stem: &str,
) -> [Option<u8>; 4] {
    let one_word =
        |lengths: u32, name: &str, find: fn(&isnad_gazetteer::Gazetteer, &str) -> Option<u8>| {
            (lengths & isnad_gazetteer::length_bit(1) != 0)
                .then(|| find(g, name))
                .flatten()
        };
    [
        one_word(name_lengths[0], base, gazetteer_name),
        one_word(name_lengths[1], stem, gazetteer_name),
        one_word(name_lengths[2], base, wiki_name),
        one_word(name_lengths[3], stem, wiki_name),
    ]
}

/// Marks gazetteer names over several tokens, longest first, left to right.
fn prepare_gazetteer(g: &isnad_gazetteer::Gazetteer, infos: &mut [TokenInfo]) {
    mark_names(
        infos,
        0,
        g.max_words(),
        |name| gazetteer_name(g, name),
        |info, later, kind| {
            info.gazetteer = (if later { GAZ_I } else { GAZ_B }) + 2 * kind;
        },
    );
}

/// What a gazetteer name (key) is: 0 a country or place, 1 an organisation.
fn gazetteer_name(g: &isnad_gazetteer::Gazetteer, name: &str) -> Option<u8> {
    g.first(name).map(|e| match e.kind {
        EntryKind::Country | EntryKind::Place => 0,
        EntryKind::Organization => 1,
    })
}

/// What a well-known name (key) is: 0 a person, 1 a club or other organisation.
fn wiki_name(g: &isnad_gazetteer::Gazetteer, name: &str) -> Option<u8> {
    g.wiki_name(name).map(|c| (c != NameClass::Person) as u8)
}

/// Marks well-known people and clubs over several tokens, longest first.
fn prepare_wiki_names(g: &isnad_gazetteer::Gazetteer, infos: &mut [TokenInfo]) {
    mark_names(
        infos,
        2,
        g.wiki_max_words(),
        |name| wiki_name(g, name),
        |info, later, kind| {
            info.wiki = 1 + 2 * kind + later as u8;
        },
    );
}

/// Left to right, the longest run of tokens that `find` knows as one name
/// (its first word in base or stem form, where names of that form's
/// lengths begin; later words in full; only as many words as those
/// lengths allow), marked token by token with
/// `mark(token, past the first word, what find said)`. `lists` is where
/// the names' lengths and one-word names are in each word's information
/// (0 gazetteer, 2 well-known names).
fn mark_names(
    infos: &mut [TokenInfo],
    lists: usize,
    max_words: usize,
    find: impl Fn(&str) -> Option<u8>,
    mark: impl Fn(&mut TokenInfo, bool, u8),
) {
    let mut i = 0;
    // Room for the names of a few words without growing.
    let mut buf = String::with_capacity(96);
    while i < infos.len() {
        let mut matched = 0usize;
        let mut kind = 0u8;
        for (form, first) in [&infos[i].base, &infos[i].stem].into_iter().enumerate() {
            let lengths = infos[i].word.name_lengths[lists + form];
            if lengths == 0 {
                continue;
            }
            for len in (matched + 1..=max_words.min(infos.len() - i)).rev() {
                if lengths & isnad_gazetteer::length_bit(len) == 0 {
                    continue;
                }
                let found = if len == 1 {
                    // What the word names alone is kept with the word.
                    infos[i].word.one_word_names[lists + form]
                } else {
                    buf.clear();
                    buf.push_str(first);
                    for info in &infos[i + 1..i + len] {
                        buf.push(' ');
                        buf.push_str(&info.norm);
                    }
                    find(&buf)
                };
                if let Some(k) = found {
                    matched = len;
                    kind = k;
                    break;
                }
            }
        }
        if matched > 0 {
            for (j, info) in infos[i..i + matched].iter_mut().enumerate() {
                mark(info, j > 0, kind);
            }
            i += matched;
        } else {
            i += 1;
        }
    }
}

/// The FNV-1a prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Hash of two strings joined by a separator, without building the string.
#[inline]
fn fnv2(seed: u64, a: &str, b: &[u8]) -> u64 {
    let mut h = fnv(seed, a.as_bytes());
    h ^= 0x1f;
    h = h.wrapping_mul(FNV_PRIME);
    for &x in b {
        h ^= x as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// `FNV_PRIME` to the sixth power: hashing six zero bytes multiplies by it
/// (x ^ 0 = x).
const FNV_PRIME_6: u64 = FNV_PRIME
    .wrapping_mul(FNV_PRIME)
    .wrapping_mul(FNV_PRIME)
    .wrapping_mul(FNV_PRIME)
    .wrapping_mul(FNV_PRIME)
    .wrapping_mul(FNV_PRIME);

/// [`fnv`] of the eight little-endian bytes of `v`; for values below 2^16
/// (almost every feature value) its two low bytes, then the six zero bytes
/// as one product.
#[inline]
fn num(template: u64, v: u64) -> u64 {
    if v >> 16 != 0 {
        return fnv(template, &v.to_le_bytes());
    }
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h = (h ^ (v & 0xFF)).wrapping_mul(FNV_PRIME);
    h = (h ^ (v >> 8)).wrapping_mul(FNV_PRIME);
    h.wrapping_mul(FNV_PRIME_6)
}

const PAD: &str = "<s>";

/// Offsets of the window of words around the token tagged whose own
/// features count ([`word_features`]).
pub const WINDOW: [isize; 5] = [-2, -1, 0, 1, 2];

/// The template of the per-word list, trigger and gazetteer bits at each offset of [`WINDOW`].
const BITS_TEMPLATE: [u64; 5] = [100, 200, 300, 400, 500];

/// Appends the features the word `word` gives the token at offset `pos`
/// (one of [`WINDOW`]) from it, when they depend on that word alone;
/// `None` is a position past the sentence's edge. A tagger can sum their
/// weights once per distinct word.
pub fn word_features(word: Option<&WordInfo>, pos: isize, out: &mut Vec<u64>) {
    let slot = (pos + 2) as usize;
    let template = BITS_TEMPLATE[slot];
    let Some(x) = word else {
        match pos {
            -2 => out.push(fnv(5, PAD.as_bytes())),
            -1 => {
                out.push(fnv(3, PAD.as_bytes()));
                out.push(fnv(7, PAD.as_bytes()));
            }
            1 => {
                out.push(fnv(4, PAD.as_bytes()));
                out.push(fnv(8, PAD.as_bytes()));
            }
            2 => out.push(fnv(6, PAD.as_bytes())),
            _ => {}
        }
        out.push(num(template, 999));
        return;
    };
    match pos {
        -2 => out.push(fnv(5, x.norm.as_bytes())),
        -1 => {
            out.push(fnv(3, x.norm.as_bytes()));
            out.push(fnv(7, x.stem.as_bytes()));
        }
        1 => {
            out.push(fnv(4, x.norm.as_bytes()));
            out.push(fnv(8, x.stem.as_bytes()));
        }
        2 => out.push(fnv(6, x.norm.as_bytes())),
        _ => {
            out.push(num(0, 0)); // bias
            out.push(fnv(1, x.norm.as_bytes()));
            out.push(fnv(2, x.stem.as_bytes()));
            // Affixes of the stem.
            let stem: &str = &x.stem;
            let chars = stem.chars().count();
            for n in 1..=3usize {
                if chars > n {
                    let p = stem.char_indices().nth(n).map_or(stem.len(), |(b, _)| b);
                    let s = stem.char_indices().nth(chars - n).map_or(0, |(b, _)| b);
                    out.push(fnv(10 + n as u64, &stem.as_bytes()[..p]));
                    out.push(fnv(20 + n as u64, &stem.as_bytes()[s..]));
                }
            }
            out.push(num(30, x.shape as u64));
            out.push(num(31, x.clitics as u64));
            out.push(num(32, x.freq as u64));
            // Wikidata name parts and general-text frequency.
            out.push(num(70, x.person as u64));
            out.push(num(71, (x.general >> 4) as u64));
            out.push(num(72, (x.general & 15) as u64));
            out.push(num(73, x.person as u64 * 256 + x.general as u64));
            out.push(num(77, (x.namelike >> 4) as u64));
            out.push(num(78, (x.namelike & 15) as u64));
            out.push(num(79, x.namelike as u64));
            out.push(num(76, (x.general & 15) as u64 * 16 + x.freq as u64));
        }
    }
    // Name lists and trigger bits, each on its own.
    for bit in 0..7u64 {
        if x.lists & (1 << bit) != 0 {
            out.push(num(template + bit, 1));
        }
    }
    for bit in 0..3u64 {
        if x.triggers & (1 << bit) != 0 {
            out.push(num(template + 10 + bit, 1));
        }
    }
    if pos != 0 {
        out.push(num(template + 30, x.freq as u64));
        out.push(num(template + 31, x.shape as u64));
    }
    cluster_features(x.cluster, pos, template, out);
    if x.name_words != 0 {
        out.push(num(template + 60, x.name_words as u64));
        if pos == 0 {
            for bit in 0..6u64 {
                if x.name_words & (1 << bit) != 0 {
                    out.push(num(template + 61 + bit, (x.general & 15) as u64));
                }
            }
        }
    }
}

/// The prefix lengths of a word's cluster path that are features, by
/// offset from the token tagged (the word itself: finer ones too).
fn cluster_prefixes(pos: isize) -> &'static [u32] {
    match pos {
        0 => &[2, 4, 6, 8, 10, 12, 16],
        -1 | 1 => &[4, 8, 12, 16],
        _ => &[4, 8],
    }
}

/// Appends the prefixes of the cluster path `cluster` (as
/// [`crate::clusters::cluster`] gives it) that are features at offset
/// `pos`; a word without a cluster has one feature saying so.
fn cluster_features(cluster: u32, pos: isize, template: u64, out: &mut Vec<u64>) {
    if cluster == 0 {
        out.push(num(template + 40, 0));
        return;
    }
    let len = 31 - cluster.leading_zeros();
    for &p in cluster_prefixes(pos) {
        // The full path stands for every longer prefix.
        let p = p.min(len);
        out.push(num(template + 40 + p as u64, (cluster >> (len - p)) as u64));
        if p == len {
            break;
        }
    }
}

/// Appends the features of token `i` that depend on its place in the
/// sentence: multi-word name marks and pairs of neighbouring words.
pub fn context_features(infos: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    let at = |j: isize| -> Option<&TokenInfo> {
        let k = i as isize + j;
        (k >= 0 && (k as usize) < infos.len()).then(|| &infos[k as usize])
    };
    let norm = |j: isize| at(j).map_or(PAD, |t| &*t.norm);
    let stem = |j: isize| at(j).map_or(PAD, |t| &*t.stem);
    let t = &infos[i];
    for (pos, template) in WINDOW.iter().zip(BITS_TEMPLATE) {
        if let Some(x) = at(*pos) {
            if x.gazetteer != 0 {
                out.push(num(template + 20, x.gazetteer as u64));
            }
        }
    }
    // A small field of the neighbour at `j` (255 past the edge) with the token's own.
    let pair = |template: u64, j: isize, field: fn(&TokenInfo) -> u8, scale: u64| {
        num(
            template,
            at(j).map_or(255, field) as u64 * scale + field(t) as u64,
        )
    };
    out.push(num(34, t.gazetteer as u64));
    out.push(pair(35, -1, |x| x.gazetteer, 256));
    out.push(pair(40, -1, |x| x.lists, 256));
    out.push(pair(41, 1, |x| x.lists, 256));
    out.push(pair(42, -1, |x| x.shape, 256));
    out.push(pair(43, 1, |x| x.freq, 4));
    out.push(pair(44, -1, |x| x.freq, 4));
    let mut digits = [0u8; 3];
    out.push(fnv2(45, stem(-1), decimal(t.shape, &mut digits)));
    out.push(pair(74, -1, |x| x.person, 256));
    out.push(pair(75, 1, |x| x.person, 256));
    out.push(pair(80, -1, |x| x.namelike, 256));
    out.push(pair(81, 1, |x| x.namelike, 256));
    out.push(num(84, t.wiki as u64));
    out.push(pair(85, -1, |x| x.wiki, 16));
    out.push(pair(86, 1, |x| x.wiki, 16));
    // Word pairs.
    out.push(fnv2(50, norm(-1), t.norm.as_bytes()));
    out.push(fnv2(51, &t.norm, norm(1).as_bytes()));
}

/// `n` in decimal digits, written into `buf`.
fn decimal(n: u8, buf: &mut [u8; 3]) -> &[u8] {
    let mut len = 0;
    for d in [n / 100, n / 10 % 10, n % 10] {
        if len > 0 || d > 0 {
            buf[len] = b'0' + d;
            len += 1;
        }
    }
    if len == 0 {
        buf[0] = b'0';
        len = 1;
    }
    &buf[..len]
}

/// Appends the features of token `t` that depend on the two tags before it.
pub fn history_features(t: &TokenInfo, prev: Tag, prev2: Tag, out: &mut Vec<u64>) {
    out.push(num(60, prev.index() as u64));
    out.push(num(61, (prev2.index() * 16 + prev.index()) as u64));
    out.push(fnv(62 + prev.index() as u64 * 1000, t.stem.as_bytes()));
    out.push(num(63, prev.index() as u64 * 1024 + t.shape as u64));
    out.push(num(
        64,
        prev.index() as u64 * 1024 + t.gazetteer as u64 * 16 + t.lists as u64,
    ));
}

/// Appends all the features of token `i` (given the two previous predicted
/// tags) to `out`: the window's [`word_features`], [`context_features`] and
/// [`history_features`].
pub fn features(infos: &[TokenInfo], i: usize, prev: Tag, prev2: Tag, out: &mut Vec<u64>) {
    out.clear();
    for pos in WINDOW {
        let k = i as isize + pos;
        let word = (k >= 0 && (k as usize) < infos.len()).then(|| infos[k as usize].word);
        word_features(word, pos, out);
    }
    context_features(infos, i, out);
    history_features(&infos[i], prev, prev2, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_hash_as_their_eight_bytes_do() {
        let mut values: Vec<u64> = (0..70_000).collect();
        for shift in 0..64 {
            values.extend([
                1u64 << shift,
                (1u64 << shift) - 1,
                u64::MAX >> shift,
                0x0123_4567_89ab_cdef >> shift,
            ]);
        }
        for template in [0u64, 34, 61, 64, 520, u64::MAX] {
            for &v in &values {
                assert_eq!(
                    num(template, v),
                    fnv(template, &v.to_le_bytes()),
                    "{template} {v}"
                );
            }
        }
    }

    #[test]
    fn decimal_writes_the_digits_of_a_byte() {
        let mut buf = [0u8; 3];
        for n in [0u8, 7, 10, 42, 100, 255] {
            assert_eq!(decimal(n, &mut buf), n.to_string().as_bytes());
        }
    }
}
