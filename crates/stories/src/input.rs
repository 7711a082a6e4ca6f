//! What the story stage reads of a document: plain data ([`StoryInput`]),
//! and the two helpers that take it from the text layer: the content words
//! of a [`Doc`] ([`content_words`]) and of a headline ([`headline_words`]).

use std::sync::{Arc, OnceLock};

use isnad_ledger::{EntityType, Kind};
use isnad_text::hash::{FastMap, FastSet};
use isnad_text::keys::key;
use isnad_text::{Doc, DocToken, TokenKind, Vocabulary};
use isnad_time::Date;

/// One document as the story stage sees it: no text and no store, only
/// what its signals compare.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoryInput {
    /// The document's id.
    pub id: String,
    /// Its publication date, if known (undated documents are judged by content alone).
    pub published: Option<Date>,
    /// Its headline as written, if known.
    pub title: Option<String>,
    /// What a story shows for it when it has no headline (its first line, say).
    pub lead: String,
    /// Its outlet, if known (shown when a story is explained).
    pub outlet: Option<String>,
    /// An earlier document this one nearly repeats: it joins that one's story.
    pub near_duplicate_of: Option<String>,
    /// The linked entities it mentions.
    pub entities: Vec<EntityRef>,
    /// The facts read from it.
    pub facts: Vec<FactRef>,
    /// Its content words ([`content_words`]): folded keys with how often each occurs.
    pub words: Vec<(Arc<str>, u32)>,
    /// The content words of its headline ([`headline_words`]), each once.
    pub headline: Vec<Arc<str>>,
}

/// A linked entity a document mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRef {
    /// The entity's id (the same across documents).
    pub id: String,
    /// What it is: places and actors are told apart in a story.
    pub kind: EntityType,
    /// How often the document mentions it.
    pub mentions: u32,
    /// A place that holds many others (a country): sharing it says little
    /// of one happening, and it is not a document's own place.
    pub broad: bool,
}

/// A fact a document states, as far as stories compare it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactRef {
    /// What happened.
    pub kind: Kind,
    /// The figure claimed, as a range (`max` `None`: open), if any.
    pub count: Option<(u64, Option<u64>)>,
    /// The dates the fact states, first and last, if any.
    pub time: Option<(Date, Date)>,
}

impl FactRef {
    /// The figure, when it is one exact number.
    pub fn exact(&self) -> Option<u64> {
        match self.count {
            Some((min, Some(max))) if min == max => Some(min),
            _ => None,
        }
    }
}

/// The content words of a document: the folded key of every word token
/// without its proclitics and article ([`isnad_text::keys::WordKeys::stem`]),
/// function words ([`is_function_word`]) and one-letter stems left out,
/// with how often each occurs, in key order.
///
/// ```
/// use isnad_text::{Doc, Vocabulary};
/// let doc = Doc::new("وقال الوزير إن الوزير في القاهرة", &mut Vocabulary::new());
/// let words: Vec<(String, u32)> = isnad_stories::content_words(&doc)
///     .into_iter()
///     .map(|(k, n)| (k.to_string(), n))
///     .collect();
/// assert!(words.contains(&("وزير".to_string(), 2)));
/// assert!(!words.iter().any(|(k, _)| k == "في" || k == "ان"));
/// ```
pub fn content_words(doc: &Doc) -> Vec<(Arc<str>, u32)> {
    count_content_words(doc.tokens())
}

/// The content words of `tokens`, with how often each occurs, in key order.
fn count_content_words(tokens: &[DocToken]) -> Vec<(Arc<str>, u32)> {
    // By the key's text, each counted once per token; the shared key kept.
    let mut counts: FastMap<&str, (&Arc<str>, u32)> = FastMap::default();
    for t in tokens {
        if t.kind != TokenKind::Word || t.keys.stem.chars().nth(1).is_none() {
            continue;
        }
        if is_function_word(&t.keys.norm, &t.keys.stem) {
            continue;
        }
        counts.entry(&t.keys.stem).or_insert((&t.keys.stem, 0)).1 += 1;
    }
    let mut words: Vec<(Arc<str>, u32)> = counts
        .into_values()
        .map(|(key, n)| (key.clone(), n))
        .collect();
    words.sort_unstable();
    words
}

/// The content words of a document's headline, each once, in key order
/// (as [`content_words`] reads them). A headline the text repeats (a clean
/// article starts with it) is read from the document's own tokens; any
/// other is tokenised with `vocabulary`.
pub fn headline_words(title: &str, doc: &Doc, vocabulary: &mut Vocabulary) -> Vec<Arc<str>> {
    let words = match doc.find(title) {
        Some(part) => {
            let tokens = doc.tokens();
            let first = tokens.partition_point(|t| t.span.start < part.start);
            let last = tokens.partition_point(|t| t.span.end <= part.end);
            count_content_words(&tokens[first..last.max(first)])
        }
        None => content_words(&Doc::new(title.trim(), vocabulary)),
    };
    words.into_iter().map(|(k, _)| k).collect()
}

/// The function words of `data/function_words.txt`, by folded key.
fn function_words() -> &'static FastSet<String> {
    static WORDS: OnceLock<FastSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../data/function_words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(key)
            .collect()
    })
}

/// Whether a word token is a function word: its folded key (`norm`) or its
/// key without proclitics and article (`stem`) is in the list.
pub fn is_function_word(norm: &str, stem: &str) -> bool {
    let words = function_words();
    words.contains(norm) || words.contains(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_listed_once_each() {
        let mut seen = std::collections::HashSet::new();
        for line in include_str!("../data/function_words.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            assert!(seen.insert(line), "function_words.txt lists {line:?} twice");
        }
        assert!(seen.len() > 100);
    }

    #[test]
    fn content_words_drop_function_words_and_count_stems_once_per_spelling_group() {
        let mut vocabulary = Vocabulary::new();
        let doc = Doc::new(
            "انفجرت سيارة في السوق، وقالت الشرطة إن السيارة كانت مفخخة. ١٢",
            &mut vocabulary,
        );
        let words = content_words(&doc);
        let get = |k: &str| words.iter().find(|(w, _)| &**w == k).map(|(_, n)| *n);
        assert_eq!(get("سياره"), Some(2), "{words:?}");
        assert_eq!(get("سوق"), Some(1));
        assert_eq!(get("في"), None);
        assert_eq!(get("كانت"), None);
        assert_eq!(get("12"), None, "numbers are figures, not words");
        assert!(words.windows(2).all(|w| w[0].0 < w[1].0), "in key order");
    }

    #[test]
    fn headline_words_are_distinct_keys_read_from_the_text_when_it_repeats_the_headline() {
        let mut vocabulary = Vocabulary::new();
        let title = "السيول تغرق بنغازي والسيول مستمرة";
        let doc = Doc::new(
            format!("{title}\n\nوقال الهلال الأحمر إن الأمطار توقفت."),
            &mut vocabulary,
        );
        let h = headline_words(title, &doc, &mut vocabulary);
        assert_eq!(h.iter().filter(|k| &***k == "سيول").count(), 1, "{h:?}");
        assert!(h.iter().any(|k| &**k == "بنغازي"));
        assert!(
            !h.iter().any(|k| &**k == "امطار"),
            "the body is not the headline"
        );
        let elsewhere = Doc::new("نص آخر تماما", &mut vocabulary);
        assert_eq!(headline_words(title, &elsewhere, &mut vocabulary), h);
        assert!(headline_words("", &doc, &mut vocabulary).is_empty());
    }

    #[test]
    fn only_one_exact_number_is_an_exact_figure() {
        let f = |count| FactRef {
            kind: Kind::Killed,
            count,
            time: None,
        };
        assert_eq!(f(Some((7, Some(7)))).exact(), Some(7));
        assert_eq!(f(Some((10, Some(99)))).exact(), None);
        assert_eq!(f(Some((21, None))).exact(), None);
        assert_eq!(f(None).exact(), None);
    }
}
