//! The words the fact readers match on, and the [`class`]es of a word that
//! follow from its keys alone: the event lexicon (`data/events.tsv`) and the
//! lists of reporting verbs, hedges, denials, "according to" words, stop
//! words and connectors. Nothing here knows sentences; every other module of
//! the crate builds on it.

use std::sync::OnceLock;

use isnad_gazetteer::key;

/// The ledger's event kinds.
pub const KINDS: [&str; 14] = [
    "protest",
    "riot",
    "clash",
    "attack",
    "killed",
    "injured",
    "hospitalized",
    "arrested",
    "property_damage",
    "deployment",
    "emergency_measure",
    "communications_cut",
    "dismissal",
    "price_change",
];

/// Questions the readers ask of every word of every sentence, answered once
/// per distinct spelling (the bits of a word's `classes`).
pub mod class {
    /// A one-word event of the lexicon (`events::is_event_word`).
    pub const EVENT: u32 = 1 << 0;
    /// A lexicon form may start at this word.
    pub const EVENT_START: u32 = 1 << 1;
    /// "مستشفى" in one of its forms.
    pub const HOSPITAL: u32 = 1 << 2;
    /// "حياتهم" of "فقدوا حياتهم".
    pub const LIFE: u32 = 1 << 3;
    /// "حتفهم"/"مصرعهم" of "لقوا حتفهم".
    pub const DEATH: u32 = 1 << 4;
    /// A reporting verb, with or without an object pronoun ("أعلنه").
    pub const SAYS: u32 = 1 << 5;
    /// A reporting verb as written.
    pub const SAY: u32 = 1 << 6;
    /// A word that ends a source's name.
    pub const STOP: u32 = 1 << 7;
    /// A hedge ("زعم", "مزاعم").
    pub const HEDGE: u32 = 1 << 8;
    /// A denial ("نفى").
    pub const DENY: u32 = 1 << 9;
    /// "بحسب", "وفقاً" and their kin.
    pub const ACCORDING: u32 = 1 << 10;
    /// A word that joins a title to its body ("باسم", "لشؤون").
    pub const CONNECTOR: u32 = 1 << 11;
}

/// Hashes a `usize` key (a pointer to static data) by one multiplication:
/// the caches below are looked up on every word compared.
#[derive(Default)]
struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type ByAddress<V> =
    std::collections::HashMap<usize, V, std::hash::BuildHasherDefault<AddressHasher>>;

thread_local! {
    static LITERALS: std::cell::RefCell<ByAddress<&'static str>> = Default::default();
}

/// The matching key of a word written in the source code, computed once
/// (cached by the literal's address and length).
pub fn lit(s: &'static str) -> &'static str {
    let id = (s.as_ptr() as usize) ^ (s.len() << 48);
    LITERALS.with(|cache| {
        if let Some(k) = cache.borrow().get(&id) {
            return *k;
        }
        let k: &'static str = Box::leak(key(s).into_boxed_str());
        cache.borrow_mut().insert(id, k);
        k
    })
}

thread_local! {
    static SETS: std::cell::RefCell<ByAddress<&'static isnad_text::hash::FastSet<String>>> = Default::default();
}

/// Whether the key `k` is the key of one of the words of `list` (a list in
/// the source code; its keys are computed once and kept in a set).
pub fn in_list(k: &str, list: &'static [&'static str]) -> bool {
    let set = SETS.with(|sets| {
        let id = (list.as_ptr() as usize) ^ (list.len() << 48);
        if let Some(s) = sets.borrow().get(&id) {
            return *s;
        }
        let s: &'static isnad_text::hash::FastSet<String> =
            Box::leak(Box::new(list.iter().map(|w| key(w)).collect()));
        sets.borrow_mut().insert(id, s);
        s
    });
    set.contains(k)
}

/// `k` without a conjunction the segmenter kept on a frequent word
/// ("وأضاف"), when three letters or more are left.
pub fn without_conjunction(k: &str) -> Option<&str> {
    k.strip_prefix('و')
        .or_else(|| k.strip_prefix('ف'))
        .filter(|b| b.chars().count() >= 3)
}

/// Whether the key `k`, or `k` [`without_conjunction`], is a word of `list`.
pub fn any_of(k: &str, list: &'static [&'static str]) -> bool {
    in_list(k, list) || without_conjunction(k).is_some_and(|b| in_list(b, list))
}

/// One form of the event lexicon: its kind and its words (keys, without
/// the article).
pub struct Form {
    /// Ledger kind.
    pub kind: &'static str,
    /// Its words, in order.
    pub words: Vec<String>,
}

/// The forms of `data/events.tsv`, longest first.
pub fn event_forms() -> &'static Vec<Form> {
    static L: OnceLock<Vec<Form>> = OnceLock::new();
    L.get_or_init(|| {
        let mut forms = Vec::new();
        for line in include_str!("../data/events.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((kind, list)) = line.split_once('\t') else {
                continue;
            };
            let kind = KINDS
                .iter()
                .find(|k| **k == kind)
                .copied()
                .unwrap_or("attack");
            for f in list.split('|') {
                let words: Vec<String> = f
                    .split_whitespace()
                    .map(|w| strip_article(lit(w)).to_string())
                    .collect();
                if !words.is_empty() {
                    forms.push(Form { kind, words });
                }
            }
        }
        // Longest forms first, so idioms win over their single words.
        forms.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        forms
    })
}

/// Event forms by their first word, longest first.
pub fn forms_by_first_word() -> &'static isnad_text::hash::FastMap<&'static str, Vec<&'static Form>>
{
    static I: OnceLock<isnad_text::hash::FastMap<&'static str, Vec<&'static Form>>> =
        OnceLock::new();
    I.get_or_init(|| {
        let mut index: isnad_text::hash::FastMap<&'static str, Vec<&'static Form>> =
            Default::default();
        for f in event_forms() {
            index.entry(f.words[0].as_str()).or_default().push(f);
        }
        index
    })
}

/// The words of the event lexicon's one-word forms.
pub fn single_event_words() -> &'static isnad_text::hash::FastSet<&'static str> {
    static S: OnceLock<isnad_text::hash::FastSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        event_forms()
            .iter()
            .filter(|f| f.words.len() == 1)
            .map(|f| f.words[0].as_str())
            .collect()
    })
}

/// `k` without the article, when two letters or more are left.
pub fn strip_article(k: &str) -> &str {
    k.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(k)
}

/// Pronoun suffixes a verb or noun may carry ("قتلته", "اعتقالهم"), longest
/// first: the first that fits is stripped.
const SUFFIXES: &[&str] = &["هما", "هم", "هن", "ها", "ه"];

/// The keys a word (by its `stem` and `base` keys) can start a lexicon
/// form by: its stem, with and without the article, accusative alif or a
/// pronoun suffix.
pub fn candidates<'a>(stem: &'a str, base: &'a str) -> impl Iterator<Item = &'a str> {
    let stem = strip_article(stem);
    let base = strip_article(base);
    let acc = stem.strip_suffix('ا').filter(|b| b.chars().count() >= 3);
    let suf = SUFFIXES
        .iter()
        .find_map(|s| stem.strip_suffix(s).filter(|b| b.chars().count() >= 3));
    [Some(stem), Some(base), acc, suf].into_iter().flatten()
}

/// Every key a word (by its `stem` and `base` keys) is compared with a
/// lexicon word by: the stem and base without the article, the stem without
/// an accusative alif and without each pronoun suffix (those two only when
/// three letters are left).
pub fn match_keys<'a>(stem: &'a str, base: &'a str) -> impl Iterator<Item = &'a str> {
    let stem = strip_article(stem);
    let base = strip_article(base);
    let long_enough = |b: &&str| b.chars().count() >= 3;
    let acc = stem.strip_suffix('ا').filter(long_enough);
    let suffixed = SUFFIXES
        .iter()
        .filter_map(move |s| stem.strip_suffix(s).filter(long_enough));
    [Some(stem), Some(base), acc]
        .into_iter()
        .flatten()
        .chain(suffixed)
}

const SAY: &[&str] = &[
    "قال",
    "قالت",
    "قالوا",
    "يقول",
    "تقول",
    "أعلن",
    "أعلنت",
    "أعلنوا",
    "يعلن",
    "أكد",
    "أكدت",
    "أكدوا",
    "يؤكد",
    "ذكر",
    "ذكرت",
    "ذكروا",
    "أفاد",
    "أفادت",
    "أوضح",
    "أوضحت",
    "أضاف",
    "أضافت",
    "صرح",
    "صرحت",
    "أشار",
    "أشارت",
    "زعم",
    "زعمت",
    "زعموا",
    "نفى",
    "نفت",
    "ينفي",
    "كشف",
    "كشفت",
    "أفاد",
    "بينت",
    "لفت",
    "لفتت",
    "اعتبر",
    "اعتبرت",
    "أبلغ",
    "أبلغت",
    "نقل",
    "نقلت",
    "أعرب",
    "أعربت",
    "حذر",
    "حذرت",
    "تابع",
    "تابعت",
];
const ACCORDING: &[&str] = &["بحسب", "حسب", "وفقا", "وفق", "نقلا", "طبقا"];
const HEDGE: &[&str] = &[
    "زعم",
    "زعمت",
    "زعموا",
    "يزعم",
    "تزعم",
    "مزاعم",
    "زعمها",
    "زعمه",
    "زعمهم",
    "المزعوم",
    "المزعومة",
    "مفترض",
    "المفترض",
    "المفترضة",
    "يدعي",
    "تدعي",
    "ادعاءات",
    "ادعى",
    "ادعت",
];
const DENY: &[&str] = &[
    "نفى", "نفت", "ينفي", "تنفي", "نفوا", "نفي", "يكذب", "كذبت", "صحة",
];
const STOP: &[&str] = &[
    "إن",
    "أن",
    "أنه",
    "أنها",
    "أنهم",
    "إنه",
    "إنها",
    "إنهم",
    "في",
    "على",
    "عن",
    "إلى",
    "الى",
    "بأن",
    "بان",
    "خلال",
    "عبر",
    "مضيفا",
    "مضيفة",
    "قائلا",
    "قائلة",
    "قوله",
    "قولها",
    "قولهم",
    "تأكيده",
    "تأكيدها",
    "أمس",
    "اليوم",
    "معلنا",
    "معلنة",
    "مؤكدا",
    "مؤكدة",
    "مشيرا",
    "مشيرة",
    "موضحا",
    "موضحة",
    "لافتا",
    "لافتة",
    "معتبرا",
    "معتبرة",
    "قوله",
    "قولها",
    "قولهم",
];

/// Words that join the parts of a speaker's title ("المتحدث باسم الشرطة").
const CONNECTORS: &[&str] = &["باسم", "لدى", "لشؤون", "العام", "عام"];

/// The word lists [`attribution_classes`] reads, each a bit of [`lists_of`].
const CLASS_LISTS: [&[&str]; 6] = [SAY, STOP, HEDGE, DENY, ACCORDING, CONNECTORS];
const IN_SAY: u8 = 1;
const IN_STOP: u8 = 2;
const IN_HEDGE: u8 = 4;
const IN_DENY: u8 = 8;
const IN_ACCORDING: u8 = 16;
const IN_CONNECTORS: u8 = 32;

/// Which of [`CLASS_LISTS`] hold the key `k` as [`any_of`] reads them (the
/// key itself, or without a conjunction the segmenter kept): one bit per
/// list, from one table of every listed key.
fn lists_of(k: &str) -> u8 {
    static BITS: OnceLock<isnad_text::hash::FastMap<String, u8>> = OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let mut bits = isnad_text::hash::FastMap::default();
        for (i, list) in CLASS_LISTS.iter().enumerate() {
            for w in list.iter() {
                *bits.entry(key(w)).or_default() |= 1 << i;
            }
        }
        bits
    });
    let of = |k: &str| bits.get(k).copied().unwrap_or(0);
    of(k) | without_conjunction(k).map_or(0, of)
}

/// The [`class`]es of the event lexicon a word with these keys is in.
fn event_classes(stem: &str, base: &str) -> u32 {
    let index = forms_by_first_word();
    let mut c = 0;
    let single = single_event_words();
    if match_keys(stem, base).any(|k| single.contains(k)) {
        c |= class::EVENT;
    }
    if candidates(stem, base).any(|k| index.contains_key(k)) {
        c |= class::EVENT_START;
    }
    if match_keys(stem, base).any(|k| k == "مستشفي" || k == "مستشفيات") {
        c |= class::HOSPITAL;
    }
    if in_list(stem, &["حياته", "حياتها", "حياتهم", "حياتهما"]) {
        c |= class::LIFE;
    }
    if in_list(
        stem,
        &["حتفه", "حتفها", "حتفهم", "مصرعه", "مصرعها", "مصرعهم"],
    ) {
        c |= class::DEATH;
    }
    c
}

/// The [`class`]es of attribution a word with these keys is in.
fn attribution_classes(key: &str, stem: &str) -> u32 {
    let (in_stem, in_key) = (lists_of(stem), lists_of(key));
    let says_alone = in_stem & IN_SAY != 0;
    let mut c = 0;
    for (yes, bit) in [
        (
            says_alone
                || stem
                    .strip_suffix('ه')
                    .or_else(|| stem.strip_suffix("ها"))
                    .is_some_and(|b| lists_of(b) & IN_SAY != 0),
            class::SAYS,
        ),
        (says_alone, class::SAY),
        (in_key & IN_STOP != 0, class::STOP),
        ((in_stem | in_key) & IN_HEDGE != 0, class::HEDGE),
        (in_stem & IN_DENY != 0, class::DENY),
        ((in_stem | in_key) & IN_ACCORDING != 0, class::ACCORDING),
        (in_key & IN_CONNECTORS != 0, class::CONNECTOR),
    ] {
        if yes {
            c |= bit;
        }
    }
    c
}

/// Every [`class`] of a word token with these keys (its whole `key`, its
/// `stem` without proclitics and article, its `base` with the article).
pub fn classes(key: &str, stem: &str, base: &str) -> u32 {
    event_classes(stem, base) | attribution_classes(key, stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_table_of_lists_answers_as_each_list_does() {
        let mut keys: Vec<String> = CLASS_LISTS
            .iter()
            .flat_map(|l| l.iter())
            .flat_map(|w| {
                let k = key(w);
                [
                    k.clone(),
                    format!("و{k}"),
                    format!("ف{k}"),
                    format!("{k}ه"),
                    k.chars().skip(1).collect(),
                ]
            })
            .collect();
        keys.extend(["قال", "وقال", "فقالوا", "الحكومة", "و", "ف", ""].map(String::from));
        for k in &keys {
            for (i, list) in CLASS_LISTS.iter().enumerate() {
                assert_eq!(lists_of(k) & (1 << i) != 0, any_of(k, list), "{k} list {i}");
            }
        }
    }
}
