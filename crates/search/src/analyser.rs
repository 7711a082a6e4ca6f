//! isnad's Arabic analyser: the same keys at index and at query time.
//!
//! It reads a text once with the text crate's [`Doc`] and gives, for every
//! word or number token (in token positions), the terms of four fields:
//!
//! * **words**: the clitic-stripped key with the article kept (`base`: و/ف/ب/ل/ك
//!   removed, `الشرطة` → `الشرطه`) and, at the same position, the key without
//!   the article (`stem`: `شرطه`). A query word asks for its `base`, so
//!   `الشرطة` finds `والشرطة`, `للشرطة`, `الشرطةُ`, and `شرطة` finds all of them
//!   and `شرطة` itself. Keys are the text crate's loose keys: NFKC presentation
//!   forms, diacritics, tatweel and invisible controls removed, alef, ى/ي and
//!   ة/ه folded, digits of every script to ASCII, Latin lower-cased;
//! * **exact**: the token as written (only the lossless canonical steps);
//! * **light**: the stem with one inflectional suffix removed (`مسلحين` →
//!   `مسلح`), a low-weight recall field, never for a token inside a name;
//! * **entity**: the id of a linked entity, at the position of the first
//!   token of each of its mentions.
//!
//! Every term carries the byte span of its token in the text.

use isnad_text::normalize::{fold_key, NormalizeOptions};
use isnad_text::{Doc, Span, TokenKind, Vocabulary};

/// Bumped whenever what the analyser emits changes: an index made by
/// another version is rebuilt.
pub const ANALYSER_VERSION: u32 = 2;

/// One term of one field: its text, position and the byte span of its token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The term as indexed.
    pub text: String,
    /// Token position (word and number tokens counted from 0).
    pub position: usize,
    /// Where the token is, in bytes of the analysed text.
    pub span: Span,
}

/// What the analyser gives for one text, field by field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysed {
    /// `base` and `stem` keys of every word and number token.
    pub words: Vec<Term>,
    /// Canonical form of every token as written.
    pub exact: Vec<Term>,
    /// Light stems of the tokens outside linked names.
    pub light: Vec<Term>,
    /// Entity ids at the first token of each mention.
    pub entities: Vec<Term>,
}

impl Analysed {
    /// The analysis of the part `part` of the analysed text, as if that part
    /// were analysed alone: the terms of the tokens inside it, positions
    /// counted from its first token and spans from its first byte. A fact's
    /// evidence is indexed this way, from its document's analysis, without
    /// reading its words again.
    pub fn within(&self, part: Span) -> Analysed {
        let from = |terms: &[Term]| terms.partition_point(|t| t.span.start < part.start);
        let first = self.words.get(from(&self.words)).map_or(0, |t| t.position);
        let cut = |terms: &[Term]| -> Vec<Term> {
            terms[from(terms)..]
                .iter()
                .take_while(|t| t.span.start < part.end)
                .filter(|t| t.span.end <= part.end)
                .map(|t| Term {
                    text: t.text.clone(),
                    position: t.position - first,
                    span: Span::new(t.span.start - part.start, t.span.end - part.start),
                })
                .collect()
        };
        Analysed {
            words: cut(&self.words),
            exact: cut(&self.exact),
            light: cut(&self.light),
            entities: cut(&self.entities),
        }
    }
}

/// A linked mention inside an analysed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionSpan {
    /// Where it is, in bytes of the text.
    pub span: Span,
    /// The linked entity's id.
    pub entity: String,
}

/// The keys of one query word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    /// Its `base` key (what the words field is asked for).
    pub base: String,
    /// As written (canonical form), for the exact field.
    pub exact: String,
    /// Its light stem, when it has one other than its key.
    pub light: Option<String>,
}

/// Analyses `text` for indexing; `mentions` (any order) are its linked names.
pub fn analyse(text: &str, mentions: &[MentionSpan], vocabulary: &mut Vocabulary) -> Analysed {
    analyse_doc(&Doc::new(text, vocabulary), mentions)
}

/// Analyses a text already read into its [`Doc`] (the pipeline's, made
/// once per run) for indexing: the same terms as [`analyse`] of its text.
pub fn analyse_doc(doc: &Doc, mentions: &[MentionSpan]) -> Analysed {
    analyse_tokens(doc, doc.tokens(), mentions, 0)
}

/// Analyses the part `part` of a [`Doc`]'s text (a headline inside its
/// article) as [`analyse`] of that part alone, with no linked names, gives
/// it: spans counted from the part's first byte. `None` when a token runs
/// across one of the part's edges (a title found inside a longer word),
/// where reading the part alone could split it otherwise.
pub fn analyse_part(doc: &Doc, part: Span) -> Option<Analysed> {
    let tokens = doc.tokens();
    let first = tokens.partition_point(|t| t.span.end <= part.start);
    let last = tokens.partition_point(|t| t.span.start < part.end);
    let inside = &tokens[first..last.max(first)];
    let across = |edge: usize| {
        inside
            .iter()
            .any(|t| t.span.start < edge && edge < t.span.end)
    };
    if across(part.start) || across(part.end) {
        return None;
    }
    Some(analyse_tokens(doc, inside, &[], part.start))
}

/// The terms of `tokens` of `doc`, spans counted from the byte `from`.
fn analyse_tokens(
    doc: &Doc,
    tokens: &[isnad_text::DocToken],
    mentions: &[MentionSpan],
    from: usize,
) -> Analysed {
    let mut sorted: Vec<&MentionSpan> = mentions.iter().collect();
    sorted.sort_by_key(|m| (m.span.start, m.span.end));
    let mut out = Analysed::default();
    let mut next_mention = 0;
    let mut position = 0;
    for t in tokens {
        if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            continue;
        }
        let span = Span::new(t.span.start - from, t.span.end - from);
        let term = |text: &str| Term {
            text: text.to_string(),
            position,
            span,
        };
        out.words.push(term(&t.keys.base));
        if t.keys.stem != t.keys.base {
            out.words.push(term(&t.keys.stem));
        }
        out.exact.push(term(&exact_form(t.text(doc))));
        while next_mention < sorted.len() && sorted[next_mention].span.end <= t.span.start {
            next_mention += 1;
        }
        let in_name = sorted[next_mention..]
            .iter()
            .take_while(|m| m.span.start < t.span.end)
            .any(|m| m.span.end > t.span.start);
        for m in sorted[next_mention..]
            .iter()
            .take_while(|m| m.span.start < t.span.end)
            .filter(|m| m.span.start >= t.span.start)
        {
            out.entities.push(Term {
                text: m.entity.clone(),
                position,
                span: Span::new(m.span.start - from, m.span.end - from),
            });
        }
        if !in_name && t.kind == TokenKind::Word {
            if let Some(light) = light_stem(&t.keys.stem) {
                out.light.push(term(light));
            }
        }
        position += 1;
    }
    out
}

/// Analyses a query phrase: one [`QueryWord`] per word or number token.
pub fn query_words(phrase: &str, vocabulary: &mut Vocabulary) -> Vec<QueryWord> {
    let doc = Doc::new(phrase, vocabulary);
    doc.tokens()
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .map(|t| QueryWord {
            base: t.keys.base.to_string(),
            exact: exact_form(t.text(&doc)),
            light: (t.kind == TokenKind::Word)
                .then(|| light_stem(&t.keys.stem).map(str::to_string))
                .flatten(),
        })
        .collect()
}

/// The token as written, with only the lossless steps (tatweel, invisible
/// controls, presentation forms).
pub fn exact_form(token: &str) -> String {
    fold_key(token, NormalizeOptions::canonical())
}

/// Inflectional suffixes of a loose key (ة already folded to ه), longest first.
const SUFFIXES: &[&str] = &[
    "هما", "كما", "هم", "هن", "ها", "كم", "نا", "ات", "ين", "ون", "ان", "يه", "ه", "ي", "ك", "ا",
];

/// The stem key without one inflectional suffix, when at least three
/// letters remain: `مسلحين` → `مسلح`; `None` when nothing is removed.
pub fn light_stem(stem: &str) -> Option<&str> {
    SUFFIXES.iter().find_map(|s| {
        let rest = stem.strip_suffix(s)?;
        (rest.chars().count() >= 3).then_some(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_at(a: &Analysed, position: usize) -> Vec<&str> {
        a.words
            .iter()
            .filter(|t| t.position == position)
            .map(|t| t.text.as_str())
            .collect()
    }

    #[test]
    fn a_word_with_clitics_indexes_its_base_and_stem_at_one_position() {
        let mut v = Vocabulary::new();
        let a = analyse("قالت والشرطة للشرطة الشرطةُ ١٢", &[], &mut v);
        assert_eq!(words_at(&a, 1), ["الشرطه", "شرطه"]);
        assert_eq!(words_at(&a, 2), ["الشرطه", "شرطه"]);
        assert_eq!(words_at(&a, 3), ["الشرطه", "شرطه"]);
        assert_eq!(words_at(&a, 4), ["12"]);
        let q = query_words("الشرطة", &mut v);
        assert_eq!(q[0].base, "الشرطه");
        assert_eq!(query_words("شرطة", &mut v)[0].base, "شرطه");
    }

    #[test]
    fn every_term_points_at_its_token() {
        let text = "وأعلنت وزارة الداخلية اعتقال ٣٠ مسلحاً";
        let mentions = [MentionSpan {
            span: Span::new(text.find("وزارة").unwrap(), text.find(" اعتقال").unwrap()),
            entity: "e1".into(),
        }];
        let a = analyse(text, &mentions, &mut Vocabulary::new());
        for t in a.words.iter().chain(&a.exact).chain(&a.light) {
            assert!(t.span.is_valid_in(text));
        }
        assert_eq!(a.entities.len(), 1);
        assert_eq!(a.entities[0].span.slice(text), "وزارة الداخلية");
        assert_eq!(a.entities[0].position, 1);
        // Names are never stemmed: no light term at positions 1 and 2.
        assert!(a.light.iter().all(|t| t.position != 1 && t.position != 2));
        assert!(a.light.iter().any(|t| t.text == "مسلح"));
        assert_eq!(a.exact[4].text, "٣٠");
    }

    #[test]
    fn a_part_of_an_analysis_is_the_analysis_of_that_part() {
        let text = "قالت الشرطة إن ٣ مسلحين قتلوا. وأعلنت وزارة الداخلية اعتقال ٣٠ مسلحاً في بغداد.";
        let second = text.find("وأعلنت").unwrap();
        let mention = |name: &str, entity: &str| {
            let start = text.find(name).unwrap();
            MentionSpan {
                span: Span::new(start, start + name.len()),
                entity: entity.into(),
            }
        };
        let mentions = [mention("وزارة الداخلية", "e1"), mention("بغداد", "e2")];
        let mut v = Vocabulary::new();
        let whole = analyse(text, &mentions, &mut v);
        let part = Span::new(second, text.len());
        let alone: Vec<MentionSpan> = mentions
            .iter()
            .map(|m| MentionSpan {
                span: Span::new(m.span.start - second, m.span.end - second),
                entity: m.entity.clone(),
            })
            .collect();
        let expected = analyse(part.slice(text), &alone, &mut v);
        assert_eq!(whole.within(part), expected);
        assert_eq!(expected.words[0].position, 0);
        assert_eq!(expected.entities.len(), 2);
        // The first sentence alone, with no mention inside it.
        let first = Span::new(0, text.find('.').unwrap() + 1);
        assert_eq!(whole.within(first), analyse(first.slice(text), &[], &mut v));
    }

    #[test]
    fn a_headline_read_inside_its_article_is_the_headline_read_alone() {
        let text = "انفجار في سوق بغداد\nقالت الشرطة إن انفجارا وقع في سوق ببغداد.";
        let mut v = Vocabulary::new();
        let doc = Doc::new(text, &mut v);
        let headline = Span::new(0, text.find('\n').unwrap());
        let alone = analyse(headline.slice(text), &[], &mut v);
        assert_eq!(analyse_part(&doc, headline), Some(alone));
        // A later sentence too, spans counted from its start.
        let said = Span::new(text.find("قالت").unwrap(), text.len());
        let read = analyse_part(&doc, said).unwrap();
        assert_eq!(read, analyse(said.slice(text), &[], &mut v));
        assert_eq!(read.words[0].span, Span::new(0, "قالت".len()));
        // Inside a longer word: not the same words, so not read from the article.
        let inside = text.find("بغداد.").unwrap() + "ب".len();
        assert_eq!(
            analyse_part(&doc, Span::new(inside, inside + "غداد".len())),
            None
        );
    }

    #[test]
    fn light_stems_keep_three_letters() {
        assert_eq!(light_stem("مسلحين"), Some("مسلح"));
        assert_eq!(light_stem("قتلي"), Some("قتل"));
        assert_eq!(light_stem("ابن"), None);
    }
}
