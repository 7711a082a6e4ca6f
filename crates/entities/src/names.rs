//! Names as the linker compares them: folded keys, consonant skeletons and
//! spelling variants; the gazetteer's countries and large places by
//! skeleton; the single-word names the corpus has tagged; transliteration.

use isnad_text::hash::FastMap as HashMap;

use std::sync::Arc;

use isnad_gazetteer::{key, Gazetteer};

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

/// The letters of [`skeleton`]`(name_key)`, one by one: consonants
/// folded to the sound foreign names are written for (g: غ ج ق ك گ; s/z/th:
/// س ص ث ز ذ ظ; p: ب پ; v: ف ڤ; ch: تش ش چ), a doubled one once.
fn skeleton_chars(name_key: &str) -> impl Iterator<Item = char> + '_ {
    let mut prev = None;
    let mut chars = name_key.chars().peekable();
    std::iter::from_fn(move || loop {
        let c = chars.next()?;
        if c == ' ' {
            // "بي بي سي" (BBC) keeps both its b's.
            prev = None;
            continue;
        }
        if matches!(c, 'ا' | 'و' | 'ي' | 'ى' | 'ء' | 'ئ' | 'ؤ' | 'ه' | 'ة') {
            continue;
        }
        if c == 'ت' && chars.peek() == Some(&'ش') {
            continue;
        }
        let folded = match c {
            'غ' | 'ج' | 'ق' | 'ك' | 'گ' | 'چ' => 'ك',
            'ص' | 'ث' | 'ز' | 'ذ' | 'ظ' => 'س',
            'ط' => 'ت',
            'ض' => 'د',
            'پ' => 'ب',
            'ڤ' => 'ف',
            c => c,
        };
        if prev == Some(folded) {
            continue;
        }
        prev = Some(folded);
        return Some(folded);
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

/// Zipf frequency (times ten) from which a word is a common word of Arabic
/// text (3.0: about once in a million words).
pub const COMMON_WORD: u8 = 30;

/// What the mention finder and the linker know before they read: the
/// gazetteers, and the countries and large places by the skeleton of their
/// names (for resolving spelling variants). Built once per process
/// ([`Lexicon::new`]) and shared by reference.
pub struct Lexicon {
    gazetteer: Arc<Gazetteer>,
    /// Skeleton → (name key without the article, gazetteer id).
    variants: HashMap<String, Vec<(String, String)>>,
}

impl Lexicon {
    /// The lexicon over `gazetteer`: indexes its countries and its places
    /// of 100,000 inhabitants or more by the skeleton of their names.
    pub fn new(gazetteer: Arc<Gazetteer>) -> Lexicon {
        let variants = variant_index(&gazetteer);
        Lexicon {
            gazetteer,
            variants,
        }
    }

    /// The gazetteers.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Whether a one-word name (its written form) is a common word: frequent in
    /// general text, and neither a name the gazetteer knows (a country, a
    /// place, an organisation) nor listed as a person's name (given names,
    /// surnames, transliterated names). Such a word is no spelling variant of
    /// a rarer name, and resolves to no place by its spelling alone.
    pub fn is_common_word(&self, word: &str) -> bool {
        if word.contains(' ') || word_frequency(word) < COMMON_WORD {
            return false;
        }
        let k = name_key(word);
        self.gazetteer().first(&k).is_none()
            && self.gazetteer().first(strip_article(&k)).is_none()
            && !self.is_listed_name(&k)
    }

    /// Whether a word key is listed as a person's name: by Wikidata people as
    /// a given name or surname, by ANERGazet, or by the transliteration table.
    pub fn is_listed_name(&self, word_key: &str) -> bool {
        let g = self.gazetteer();
        let bare = strip_article(word_key);
        [word_key, bare].into_iter().any(|k| {
            g.person_name(k).is_some_and(|p| p.given + p.surname >= 3)
                || g.in_name_list(isnad_gazetteer::NameList::Person, k)
                || g.name_class(k) == Some(isnad_gazetteer::NameClass::Person)
        })
    }

    /// Whether two different word keys are two different Arabic names, not two
    /// spellings of one: both are carried as given names or surnames by many
    /// people (محمد and محمود, حسن and حسين, سعيد and سعد).
    pub fn distinct_names(&self, a: &str, b: &str) -> bool {
        let g = self.gazetteer();
        let carried = |k: &str| g.person_name(k).is_some_and(|p| p.given + p.surname >= 20);
        // Hamza on its seat or not is one name written two ways (فائز, فايز).
        let seatless = |k: &str| -> String {
            k.chars()
                .filter(|&c| c != 'ء')
                .map(|c| match c {
                    'ئ' => 'ي',
                    'ؤ' => 'و',
                    c => c,
                })
                .collect()
        };
        a != b && seatless(a) != seatless(b) && carried(a) && carried(b)
    }

    /// Whether two person names (word keys) can be spellings of one name: rule
    /// 3 over the words joined, never when two of their words, one against
    /// the other in order, are [`distinct_names`].
    pub fn person_spelling_variants(&self, a: &[String], b: &[String]) -> bool {
        if a.len() == b.len() && a.iter().zip(b).any(|(x, y)| self.distinct_names(x, y)) {
            return false;
        }
        if a.len() == 1 && b.len() == 1 {
            return spelling_variants(&a[0], &b[0]);
        }
        spelling_variants(&joined_bare(a), &joined_bare(b))
    }

    /// The gazetteer entry a name written `text` (a whole mention, Arabic or
    /// Latin script) is, when its type fits `kind`: by exact key (with or
    /// without the article), by Latin name or acronym, and for a location
    /// that is no common word, by spelling variant of a country or large place.
    pub fn resolve_name(&self, text: &str, kind: Kind) -> Option<String> {
        if !matches!(kind, Kind::Location | Kind::Organization) {
            return None;
        }
        let g = self.gazetteer();
        let fits = |e: &&isnad_gazetteer::Entry| match e.kind {
            isnad_gazetteer::EntryKind::Country => true,
            isnad_gazetteer::EntryKind::Place => kind == Kind::Location,
            isnad_gazetteer::EntryKind::Organization => kind == Kind::Organization,
        };
        if text.chars().any(|c| c.is_ascii_alphabetic()) {
            return g
                .lookup_latin(text)
                .into_iter()
                .find(fits)
                .map(|e| e.id.clone());
        }
        let k = key(text);
        let with_article = format!("ال{k}");
        for form in [k.as_str(), strip_article(&k), with_article.as_str()] {
            if let Some(e) = g.lookup(form).into_iter().find(fits) {
                return Some(e.id.clone());
            }
        }
        let one_word = !text.trim().contains(' ');
        let unlike_a_place = one_word
            && (word_frequency(text) >= COMMON_WORD || self.is_listed_name(&name_key(text)));
        if kind == Kind::Location && !unlike_a_place {
            return self.resolve_variant(&name_key(text)).map(str::to_string);
        }
        None
    }

    /// Whether a one-word location name (as written) should resolve to no place
    /// by spelling variant alone: a common word ("ماضي", past), a person's
    /// name ("بوتين"), or one of two consonants, which too many words share.
    pub fn looks_unlike_a_place(&self, word: &str) -> bool {
        let k = name_key(word);
        word_frequency(word) >= COMMON_WORD
            || self.is_listed_name(&k)
            || skeleton(&k).chars().count() < 3
    }

    /// The gazetteer id of the one country or large place whose name this name
    /// key (spaces removed) is a spelling variant of.
    pub fn resolve_variant(&self, joined_key: &str) -> Option<&str> {
        let k = strip_article(joined_key);
        if k.chars().count() < 4 {
            return None;
        }
        let candidates = self.variants.get(&skeleton(k))?;
        let mut ids: Vec<&str> = candidates
            .iter()
            .filter(|(name, _)| spelling_variants(name, k))
            .map(|(_, id)| id.as_str())
            .collect();
        ids.sort();
        ids.dedup();
        (ids.len() == 1).then(|| ids[0])
    }

    /// A Latin-script name from the transliteration table, when every word is known.
    pub fn transliterate(&self, name: &str) -> Option<String> {
        let g = self.gazetteer();
        let parts: Option<Vec<&str>> = name
            .split_whitespace()
            .map(|w| {
                g.transliterate(&key(w))
                    .or_else(|| g.transliterate(strip_article(&key(w))))
            })
            .collect();
        parts.map(|p| p.join(" ")).filter(|s| !s.is_empty())
    }
}

/// How common a written word is in general Arabic text (Zipf × 10, from
/// wordfreq; 0 when rare or unknown), as written and without its article.
pub fn word_frequency(word: &str) -> u8 {
    let light = isnad_text::token::light_form(word);
    let bare = light.strip_prefix("ال").filter(|r| r.chars().count() >= 3);
    isnad_text::token::general_frequency(&light)
        .max(bare.map_or(0, isnad_text::token::general_frequency))
}

/// The word keys of a name joined, the first and last word without their
/// article (a family name is written with it or not: بارزاني, البارزاني),
/// unless it ends a compound (عبد الله, أبو الغيط: written joined too).
pub fn joined_bare(words: &[String]) -> String {
    const COMPOUND_HEADS: &[&str] = &["عبد", "ابو", "بن", "ابن", "بنت", "ال", "ذو", "ام"];
    let last = words.len().saturating_sub(1);
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let compound = i > 0 && COMPOUND_HEADS.contains(&words[i - 1].as_str());
        if (i == 0 || i == last) && !compound {
            out.push_str(strip_article(w));
        } else {
            out.push_str(w);
        }
    }
    out
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
fn variant_index(g: &Gazetteer) -> HashMap<String, Vec<(String, String)>> {
    let mut index: HashMap<String, Vec<(String, String)>> = HashMap::default();
    for e in g.entries() {
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
                    .push((k, e.id.clone()));
            }
        }
    }
    index
}

/// Without the article, for comparing names written with and without it.
pub(crate) fn strip_article(k: &str) -> &str {
    k.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(k)
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
