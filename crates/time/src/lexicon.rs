//! The tagger's word lists: data files in `crates/time/data`, one entry a
//! line (`key` or `key<TAB>value…`), `#` comments, compiled in. Keys are
//! loose matching keys (diacritics and tatweel dropped, alef forms, ى→ي and
//! ة→ه folded); phrases are keys joined by one space.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: the lists are looked up once or more a word, with short keys.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A map from keys, hashed with [`Fnv`].
pub(crate) type Map<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

/// Every list, by file name, with its text (for the tests of the lists).
pub(crate) const FILES: &[(&str, &str)] = &[
    ("weekdays.txt", include_str!("../data/weekdays.txt")),
    ("day_parts.txt", include_str!("../data/day_parts.txt")),
    (
        "relative_days.txt",
        include_str!("../data/relative_days.txt"),
    ),
    ("units.txt", include_str!("../data/units.txt")),
    ("periods.txt", include_str!("../data/periods.txt")),
    ("directions.txt", include_str!("../data/directions.txt")),
    (
        "anaphoric_directions.txt",
        include_str!("../data/anaphoric_directions.txt"),
    ),
    ("qualifiers.txt", include_str!("../data/qualifiers.txt")),
    ("decades.txt", include_str!("../data/decades.txt")),
    ("centuries.txt", include_str!("../data/centuries.txt")),
    ("seasons.txt", include_str!("../data/seasons.txt")),
    ("sets.txt", include_str!("../data/sets.txt")),
    ("era_marks.txt", include_str!("../data/era_marks.txt")),
    ("cardinals.txt", include_str!("../data/cardinals.txt")),
    ("ordinals.txt", include_str!("../data/ordinals.txt")),
    ("range_links.txt", include_str!("../data/range_links.txt")),
    ("future_cues.txt", include_str!("../data/future_cues.txt")),
    ("not_future.txt", include_str!("../data/not_future.txt")),
];

/// The entries of a list's text: (key, the columns after it).
pub(crate) fn entries(text: &str) -> impl Iterator<Item = (&str, Vec<&str>)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut cols = l.split('\t');
            let key = cols.next().unwrap_or("");
            (key, cols.collect())
        })
}

fn file(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no word list {name}"))
}

/// A list as a map from key to its value parsed by `parse` (from the columns).
fn map<V>(name: &str, parse: impl Fn(&[&str]) -> V) -> Map<V> {
    entries(file(name))
        .map(|(k, cols)| (k.to_string(), parse(&cols)))
        .collect()
}

fn int(cols: &[&str], i: usize) -> i32 {
    cols.get(i)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("a word list's column {i} is not a number: {cols:?}"))
}

fn text(cols: &[&str], i: usize) -> String {
    cols.get(i).map(|c| c.to_string()).unwrap_or_default()
}

/// The tagger's lists, typed.
pub(crate) struct Lexicon {
    pub weekdays: Map<u8>,
    pub day_parts: Map<String>,
    /// Phrases, by their first word: (the rest of the words, offset in days).
    pub relative_days: Map<Vec<(Vec<String>, i64)>>,
    /// Unit letter and the count the word states (0: needs a number).
    pub units: Map<(char, i64)>,
    pub periods: Map<char>,
    pub directions: Map<i64>,
    pub anaphoric: Map<i64>,
    pub qualifiers: Map<String>,
    pub decades: Map<i32>,
    /// Phrases after القرن, by their first word: (the rest, century digits).
    pub centuries: Map<Vec<(Vec<String>, i32)>>,
    pub seasons: Map<String>,
    pub sets: Map<String>,
    pub era_marks: Map<char>,
    pub cardinals: Map<i64>,
    pub ordinals: Map<u8>,
    pub range_links: Map<String>,
    pub future_cues: Map<()>,
    pub not_future: Map<()>,
    /// Month names by their first word: (second word, month, hijri).
    pub months: Map<Vec<(Option<String>, u8, bool)>>,
}

fn phrases<V: Copy>(name: &str, value: impl Fn(&[&str]) -> V) -> Map<Vec<(Vec<String>, V)>> {
    let mut m: Map<Vec<(Vec<String>, V)>> = Map::default();
    for (k, cols) in entries(file(name)) {
        let mut words = k.split(' ').map(str::to_string);
        let first = words.next().unwrap_or_default();
        m.entry(first)
            .or_default()
            .push((words.collect(), value(&cols)));
    }
    // Longest phrases first.
    for v in m.values_mut() {
        v.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
    }
    m
}

/// The lists, built once.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        weekdays: map("weekdays.txt", |c| int(c, 0) as u8),
        day_parts: map("day_parts.txt", |c| text(c, 0)),
        relative_days: phrases("relative_days.txt", |c| int(c, 0) as i64),
        units: map("units.txt", |c| {
            (text(c, 0).chars().next().unwrap_or('D'), int(c, 1) as i64)
        }),
        periods: map("periods.txt", |c| text(c, 0).chars().next().unwrap_or('D')),
        directions: map("directions.txt", |c| int(c, 0) as i64),
        anaphoric: map("anaphoric_directions.txt", |c| int(c, 0) as i64),
        qualifiers: map("qualifiers.txt", |c| text(c, 0)),
        decades: map("decades.txt", |c| int(c, 0)),
        centuries: phrases("centuries.txt", |c| int(c, 0)),
        seasons: map("seasons.txt", |c| text(c, 0)),
        sets: map("sets.txt", |c| text(c, 0)),
        era_marks: map("era_marks.txt", |c| {
            text(c, 0).chars().next().unwrap_or('G')
        }),
        cardinals: map("cardinals.txt", |c| int(c, 0) as i64),
        ordinals: map("ordinals.txt", |c| int(c, 0) as u8),
        range_links: map("range_links.txt", |c| text(c, 0)),
        future_cues: map("future_cues.txt", |_| ()),
        not_future: map("not_future.txt", |_| ()),
        months: month_map(),
    })
}

/// The month names of every calendar ([`crate::month_names`]), loose keys.
fn month_map() -> Map<Vec<(Option<String>, u8, bool)>> {
    let mut m: Map<Vec<(Option<String>, u8, bool)>> = Map::default();
    for (name, month, hijri) in crate::month_names() {
        let key = crate::tokens::loose(name);
        let mut words = key.split(' ');
        let first = words.next().unwrap_or_default().to_string();
        let second = words.next().map(str::to_string);
        let list = m.entry(first).or_default();
        if !list.contains(&(second.clone(), month, hijri)) {
            list.push((second, month, hijri));
        }
    }
    for v in m.values_mut() {
        v.sort_by_key(|(second, _, _)| second.is_none());
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_normalised_and_has_no_duplicates() {
        for (name, text) in FILES {
            assert!(
                text.starts_with("# "),
                "{name} must open with a comment saying what it is for"
            );
            let mut seen = std::collections::HashSet::new();
            let mut count = 0;
            for (key, _) in entries(text) {
                count += 1;
                assert_eq!(
                    crate::tokens::loose(key),
                    key,
                    "{name}: {key} is not a loose key"
                );
                assert!(seen.insert(key), "{name}: {key} twice");
            }
            assert!(count > 0, "{name} is empty");
        }
        // The typed lists parse (a bad column panics here, not at run time).
        let lex = lexicon();
        assert_eq!(lex.weekdays.len(), 7);
        assert_eq!(lex.months["كانون"].len(), 2);
    }
}
