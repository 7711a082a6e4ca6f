//! Names as the linker compares them: folded keys, consonant skeletons and
//! spelling variants; the gazetteer's countries and large places by
//! skeleton; the single-word names the corpus has tagged; transliteration.

use isnad_text::hash::FastMap as HashMap;

use isnad_gazetteer::{gazetteer, key};

use crate::types::{DocMention, Found, Kind};

/// The folded key of a name with no spaces (rule 2).
pub fn name_key(s: &str) -> String {
    let k = key(s);
    if k.contains(' ') {
        k.replace(' ', "")
    } else {
        k
    }
}

/// The consonant skeleton of a name key (rule 3).
pub fn skeleton(name_key: &str) -> String {
    let mut out = String::with_capacity(name_key.len());
    out.extend(skeleton_chars(name_key));
    out
}

/// The letters of [`skeleton`]`(name_key)`, one by one.
fn skeleton_chars(name_key: &str) -> impl Iterator<Item = char> + '_ {
    name_key
        .chars()
        .filter(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ى' | 'ء' | 'ئ' | 'ؤ' | 'ه' | 'ة' | ' '))
        .map(|c| match c {
            'غ' | 'ج' | 'ق' | 'ك' => 'ك',
            'ص' => 'س',
            'ط' => 'ت',
            'ذ' | 'ظ' | 'ز' => 'ز',
            'ض' => 'د',
            'ث' => 'س',
            c => c,
        })
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + (ca != cb) as usize)
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Rule 3: whether two name keys (spaces removed) are spellings of one name.
pub fn spelling_variants(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Same skeleton of two letters or more, compared letter by letter.
    if skeleton_chars(a).nth(1).is_none() || !skeleton_chars(a).eq(skeleton_chars(b)) {
        return false;
    }
    let d = edit_distance(a, b);
    let longest = a.chars().count().max(b.chars().count());
    d * 100 <= longest * 40
}

/// Single-word names the corpus has tagged (surnames and one-word names),
/// by skeleton, for finding them where the tagger missed them.
#[derive(Default)]
pub struct NameIndex {
    by_skeleton: HashMap<String, Vec<(String, Kind)>>,
}

impl NameIndex {
    /// Indexes the last word of every tagged person name and every one-word
    /// location or organisation name (four letters or more).
    pub fn from_mentions(mentions: &[DocMention]) -> NameIndex {
        let mut index = NameIndex::default();
        for m in mentions {
            if m.mention.found != Found::Tagger && m.mention.found != Found::Gazetteer {
                continue;
            }
            let words: Vec<&str> = m.mention.text.split_whitespace().collect();
            let word = match (m.mention.kind, words.as_slice()) {
                (Kind::Person, [.., last]) => *last,
                (Kind::Location | Kind::Organization, [one]) => *one,
                _ => continue,
            };
            let k = strip_article(&name_key(word)).to_string();
            if k.chars().count() < 4 {
                continue;
            }
            let list = index.by_skeleton.entry(skeleton(&k)).or_default();
            if !list
                .iter()
                .any(|(n, kind)| *n == k && *kind == m.mention.kind)
            {
                list.push((k, m.mention.kind));
            }
        }
        index
    }

    /// The kind of the one indexed name this word key is (or is a spelling of).
    pub fn find(&self, word_key: &str) -> Option<Kind> {
        let k = strip_article(word_key);
        let found: Vec<Kind> = self
            .by_skeleton
            .get(&skeleton(k))?
            .iter()
            .filter(|(n, _)| spelling_variants(n, k))
            .map(|(_, kind)| *kind)
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            [first, rest @ ..] if rest.iter().all(|k| k == first) => Some(*first),
            _ => None,
        }
    }
}

/// Countries and places of 100,000 inhabitants or more, by the skeleton of
/// their names (article removed), for resolving spelling variants.
fn variant_index() -> &'static HashMap<String, Vec<(String, &'static str)>> {
    static INDEX: std::sync::OnceLock<HashMap<String, Vec<(String, &'static str)>>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<String, Vec<(String, &'static str)>> = HashMap::default();
        for e in gazetteer().entries() {
            let big = match e.kind {
                isnad_gazetteer::EntryKind::Country => true,
                isnad_gazetteer::EntryKind::Place => e.population >= 100_000,
                isnad_gazetteer::EntryKind::Organization => false,
            };
            if !big {
                continue;
            }
            for n in &e.names_ar {
                let k = strip_article(&name_key(n)).to_string();
                if k.chars().count() >= 4 {
                    index
                        .entry(skeleton(&k))
                        .or_default()
                        .push((k, e.id.as_str()));
                }
            }
        }
        index
    })
}

/// The gazetteer id of the one country or large place whose name this name
/// key (spaces removed) is a spelling variant of.
pub fn resolve_variant(joined_key: &str) -> Option<&'static str> {
    let k = strip_article(joined_key);
    if k.chars().count() < 4 {
        return None;
    }
    let candidates = variant_index().get(&skeleton(k))?;
    let mut ids: Vec<&'static str> = candidates
        .iter()
        .filter(|(name, _)| spelling_variants(name, k))
        .map(|(_, id)| *id)
        .collect();
    ids.sort();
    ids.dedup();
    (ids.len() == 1).then(|| ids[0])
}

/// Without the article, for comparing names written with and without it.
pub(crate) fn strip_article(k: &str) -> &str {
    k.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(k)
}

/// A Latin-script name from the transliteration table, when every word is known.
pub fn transliterate(name: &str) -> Option<String> {
    let g = gazetteer();
    let parts: Option<Vec<&str>> = name
        .split_whitespace()
        .map(|w| {
            g.transliterate(&key(w))
                .or_else(|| g.transliterate(strip_article(&key(w))))
        })
        .collect();
    parts.map(|p| p.join(" ")).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_and_distance() {
        assert!(spelling_variants(
            &name_key("ميدفيديف"),
            &name_key("مدفيديف")
        ));
        assert!(!spelling_variants(&name_key("بوتين"), &name_key("بيروت")));
        assert!(
            !spelling_variants(&name_key("سالم"), &name_key("سليم"))
                || skeleton("سالم") == skeleton("سليم")
        );
    }
}
