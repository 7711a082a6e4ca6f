//! The word view of a sentence that the fact readers share, made from the
//! tokens of a [`Doc`] and a table of [`Spellings`] the caller keeps.

use std::sync::Arc;

use isnad_text::hash::FastMap;
use isnad_text::keys::{WordKeys, CONJUNCTION};
use isnad_text::{Doc, DocToken, Span, TokenKind};

use crate::lexicon::lexicon;

/// One token of a sentence with the keys the readers match on; what its
/// spelling alone decides ([`Spelling`]: text, keys, kind, classes) reads
/// through it (`word.key`).
#[derive(Clone, Debug)]
pub struct Word {
    /// Where it is in the document text.
    pub span: Span,
    /// Where its stem starts (after proclitics and article).
    pub stem_start: usize,
    /// Where the name part starts: after و/ف/ب/ل/ك, at the article when it is written in full.
    pub name_start: usize,
    /// Its spelling's keys and classes, shared by every token so spelled.
    pub spelling: Arc<Spelling>,
}

impl std::ops::Deref for Word {
    type Target = Spelling;
    fn deref(&self) -> &Spelling {
        &self.spelling
    }
}

/// What a token's spelling alone decides, computed once per distinct
/// spelling in a table of [`Spellings`].
#[derive(Debug)]
pub struct Spelling {
    /// As written.
    pub text: String,
    /// Loose key of the whole token.
    pub key: Key,
    /// Loose key without proclitics and article.
    pub stem: Key,
    /// Loose key without conjunction/preposition, article kept.
    pub base: Key,
    /// Token kind.
    pub kind: TokenKind,
    /// Starts with the conjunction و/ف.
    pub conj: bool,
    /// The [`class`](crate::lexicon::class)es the word is in.
    pub classes: u32,
}

/// A matching key shared with the [`Doc`]'s token keys; it reads and
/// compares as the `str` it holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key(Arc<str>);

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Key {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<Key> for &str {
    fn eq(&self, other: &Key) -> bool {
        *self == &*other.0
    }
}

impl Key {
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Word {
    /// Whether the word is in any of the [`class`](crate::lexicon::class)es of `classes`.
    pub fn is(&self, classes: u32) -> bool {
        self.classes & classes != 0
    }
}

/// The spellings seen so far, each with its keys and lexicon classes
/// computed once: a plain value the caller owns and passes to the fact
/// reader (one per worker, kept across documents; it may move between
/// threads). It holds at most [`Spellings::MAX`] spellings and starts
/// afresh past that.
///
/// A spelling is known by the address of the keys a [`Vocabulary`] gave its
/// tokens (one per spelling and kind, as long as the vocabulary keeps it),
/// so a lookup hashes one number instead of the word: the table pays off
/// when the documents it reads are made with one vocabulary kept as long.
///
/// [`Vocabulary`]: isnad_text::Vocabulary
pub struct Spellings {
    /// By the address of the keys: those keys (held, so that no other keys
    /// take their address while the entry is there) and their spelling.
    table: FastMap<usize, (Arc<WordKeys>, Arc<Spelling>)>,
}

impl Default for Spellings {
    fn default() -> Spellings {
        Spellings::new()
    }
}

impl Spellings {
    /// Distinct spellings a table keeps before it starts afresh.
    pub const MAX: usize = isnad_text::Vocabulary::MAX_WORDS;

    /// An empty table.
    pub fn new() -> Spellings {
        Spellings {
            table: FastMap::with_capacity_and_hasher(Self::MAX / 2, Default::default()),
        }
    }

    /// How many distinct spellings it holds.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The words of `tokens`, tokens of `doc` (a sentence's, or all of them).
    pub fn words(&mut self, doc: &Doc, tokens: &[DocToken]) -> Vec<Word> {
        tokens
            .iter()
            .map(|t| Word {
                span: t.span,
                stem_start: t.stem_start(),
                name_start: t.name_start(),
                spelling: self.spelling(t.text(doc), t),
            })
            .collect()
    }

    /// The spelling of `token`, written `raw`: from the table when its
    /// keys were seen before, else made from them.
    fn spelling(&mut self, raw: &str, token: &DocToken) -> Arc<Spelling> {
        let k = &token.keys;
        let address = Arc::as_ptr(k) as usize;
        if let Some((_, sp)) = self.table.get(&address) {
            return sp.clone();
        }
        let mut conj = k.clitics & CONJUNCTION != 0;
        let (key, mut stem, mut base) = (
            Key(k.norm.clone()),
            Key(k.stem.clone()),
            Key(k.base.clone()),
        );
        if let Some(rest) = unsplit_conjunction(&key, &stem) {
            (stem, base, conj) = (Key(rest.into()), Key(rest.into()), true);
        }
        let sp = Arc::new(Spelling {
            text: raw.into(),
            classes: lexicon().classes(&key, &stem, &base),
            key,
            stem,
            base,
            kind: token.kind,
            conj,
        });
        if self.table.len() >= Self::MAX {
            self.table.clear();
        }
        self.table.insert(address, (k.clone(), sp.clone()));
        sp
    }
}

/// A conjunction the tokenizer left on a word it does not know
/// ("واصيب" written without hamza, "وجرح", "وجنديين"): the word without
/// it, when the fact lexicon knows that word.
fn unsplit_conjunction<'k>(key: &'k str, stem: &str) -> Option<&'k str> {
    if key != stem {
        return None;
    }
    let rest = key.strip_prefix('و').or_else(|| key.strip_prefix('ف'))?;
    (rest.chars().count() >= 3 && lexicon().knows(rest)).then_some(rest)
}

/// The words of all of `text`, read with a fresh [`Doc`] and table (tests).
#[cfg(test)]
pub(crate) fn words_of(text: &str) -> Vec<Word> {
    let doc = Doc::new(text, &mut isnad_text::Vocabulary::new());
    Spellings::new().words(&doc, doc.tokens())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::class;
    use isnad_text::Vocabulary;

    #[test]
    fn words_carry_their_classes_the_first_time_and_from_the_table() {
        let text = "وأضاف المتحدث باسم الشرطة، بحسب مزاعم نفت الوزارة صحتها، أن 3 قتلوا ولقوا حتفهم في المستشفى";
        let doc = Doc::new(text, &mut Vocabulary::new());
        let mut spellings = Spellings::new();
        let first = spellings.words(&doc, doc.tokens());
        let again = spellings.words(&doc, doc.tokens());
        for (a, b) in first.iter().zip(&again) {
            assert!(Arc::ptr_eq(&a.spelling, &b.spelling), "{}", a.text);
        }
        let classes = |w: &[Word]| w.iter().map(|w| w.classes).collect::<Vec<_>>();
        assert_eq!(classes(&first), classes(&words_of(text)));
        let of = |word: &str| first.iter().find(|w| w.text == word).unwrap().classes;
        assert_ne!(of("وأضاف") & class::SAYS, 0);
        assert_ne!(of("باسم") & class::CONNECTOR, 0);
        assert_ne!(of("بحسب") & class::ACCORDING, 0);
        assert_ne!(of("مزاعم") & class::HEDGE, 0);
        assert_ne!(of("نفت") & class::DENY, 0);
        assert_ne!(of("قتلوا") & class::EVENT, 0);
        assert_ne!(of("حتفهم") & class::DEATH, 0);
        assert_ne!(of("المستشفى") & class::HOSPITAL, 0);
        assert_eq!(
            of("الشرطة") & (class::SAYS | class::EVENT | class::HEDGE),
            0
        );
        assert_eq!(of("،"), words_of("،")[0].classes);
    }

    #[test]
    fn words_keep_the_spans_and_keys_of_the_doc_tokens() {
        let text = "وقال المتحدث باسم الشرطة إن ١٢ شخصاً قُتلوا.";
        let doc = Doc::new(text, &mut Vocabulary::new());
        let words = Spellings::new().words(&doc, doc.tokens());
        assert_eq!(words.len(), doc.tokens().len());
        for (w, t) in words.iter().zip(doc.tokens()) {
            assert_eq!(
                (w.span, w.kind, w.text.as_str()),
                (t.span, t.kind, t.text(&doc))
            );
            assert_eq!(
                (w.stem_start, w.name_start),
                (t.stem_start(), t.name_start())
            );
            assert_eq!(
                (&*w.key, &*w.stem, &*w.base),
                (&*t.keys.norm, &*t.keys.stem, &*t.keys.base)
            );
        }
        let wa_qala = &words[0];
        assert!(wa_qala.conj);
        assert_eq!(&text[wa_qala.stem_start..wa_qala.span.end], "قال");
        let twelve = words.iter().find(|w| w.kind == TokenKind::Number).unwrap();
        assert_eq!((twelve.key.as_str(), twelve.conj), ("12", false));
    }

    #[test]
    fn a_table_can_move_to_another_thread() {
        fn send<T: Send>(t: T) -> T {
            t
        }
        let mut spellings = send(Spellings::new());
        let text = "قتل ثلاثة";
        let doc = Doc::new(text, &mut Vocabulary::new());
        let spellings = std::thread::spawn(move || {
            spellings.words(&doc, doc.tokens());
            spellings
        })
        .join()
        .unwrap();
        assert_eq!(spellings.len(), 2);
    }
}
