//! Separates the article from page furniture, by general signals only.
//!
//! Signals, strongest first: what the markup says (navigation, comment and
//! share containers; the article element); the vocabulary of Arabic (and
//! English) news-site furniture matched on whole short lines ("الأكثر قراءة",
//! "مقالات ذات صلة", "زر الذهاب إلى الأعلى", "التعليقات (4)"); regions opened
//! by such headers (a comment thread runs to the end of the page; a
//! related-links list runs while lines stay short and list-like); line shape
//! (emoji-led section headers, lone counters, link-dense lines); position
//! (labels above the headline, datelines at either end); and repetition (a
//! headline printed twice). No line of any particular site is listed.

use std::sync::OnceLock;

use isnad_text::arabic::{is_letter, is_letter_or_digit};
use isnad_text::normalize::{fold_key, NormalizeOptions};
use isnad_time::{parse_stated_date, Calendar, Date};

use crate::block::{Block, Reason};

/// What the cleaner decided for a page's blocks.
#[derive(Debug, Default)]
pub struct Classified {
    /// Per block: `None` keeps it, `Some(reason)` removes it.
    pub decisions: Vec<Option<Reason>>,
    /// The block that is the headline (plain text only; markup names its own).
    pub title: Option<usize>,
    /// Metadata read from a byline or source line.
    pub byline: Byline,
    /// Publication date read from a dateline (Gregorian preferred over Hijri).
    pub dateline: Option<Date>,
}

/// Metadata a byline or source line states.
#[derive(Debug, Default, Clone)]
pub struct Byline {
    /// Publication named in the line.
    pub outlet: Option<String>,
    /// Author named in the line.
    pub author: Option<String>,
    /// URL given as the source.
    pub url: Option<String>,
}

struct Vocab {
    comment_headers: Vec<String>,
    related_headers: Vec<String>,
    navigation: Vec<String>,
    share_words: Vec<String>,
    footer_phrases: Vec<String>,
    ads: Vec<String>,
    basmala: String,
}

fn key(s: &str) -> String {
    fold_key(s, NormalizeOptions::loose())
}

/// The furniture vocabulary lists, as `(name, text)`: one entry a line,
/// `#` lines are comments.
const VOCAB_LISTS: [(&str, &str); 6] = [
    (
        "comment_headers",
        include_str!("../data/comment_headers.txt"),
    ),
    (
        "related_headers",
        include_str!("../data/related_headers.txt"),
    ),
    ("navigation", include_str!("../data/navigation.txt")),
    ("share_words", include_str!("../data/share_words.txt")),
    ("footer_phrases", include_str!("../data/footer_phrases.txt")),
    ("ads", include_str!("../data/ads.txt")),
];

/// The entries of a vocabulary list file: its non-empty lines that are not
/// `#` comments, in file order.
fn list_entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The phrase keys of a vocabulary list file's entries, in file order.
fn list_keys(text: &str) -> Vec<String> {
    list_entries(text).map(|s| phrase_key(&key(s))).collect()
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let [comment_headers, related_headers, navigation, share_words, footer_phrases, ads] =
            VOCAB_LISTS.map(|(_, text)| list_keys(text));
        Vocab {
            comment_headers,
            related_headers,
            navigation,
            share_words,
            footer_phrases,
            ads,
            basmala: phrase_key(&key("بسم الله الرحمن الرحيم")),
        }
    })
}

/// A line's key for phrase matching: letters and spaces only (digits, emoji,
/// punctuation dropped), single spaces.
fn phrase_key(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for w in folded.split(|c: char| !(is_letter(c) || isnad_text::arabic::is_diacritic(c))) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn word_count(s: &str) -> usize {
    words_up_to(s, usize::MAX)
}

/// [`word_count`], counting no further than `cap`: the rules compare a
/// line's words with small thresholds, and paragraphs are long.
fn words_up_to(s: &str, cap: usize) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(is_letter_or_digit))
        .take(cap)
        .count()
}

/// Past every threshold the block rules compare a word count with.
const BLOCK_WORDS_CAP: usize = 31;

/// A block this long in bytes reads as a long paragraph whatever its word
/// count: no rule for short lines applies to it, so it is never copied into
/// a key or a date (a one-word 60 MB line would be copied several times).
const LONG_BLOCK_BYTES: usize = 16 * 1024;

/// A block's words, counted up to [`BLOCK_WORDS_CAP`]; a block over
/// [`LONG_BLOCK_BYTES`] counts as the cap.
fn block_words(b: &Block) -> usize {
    if b.text.len() > LONG_BLOCK_BYTES {
        BLOCK_WORDS_CAP
    } else {
        words_up_to(&b.text, BLOCK_WORDS_CAP)
    }
}

fn is_emoji_or_symbol(c: char) -> bool {
    matches!(c as u32, 0x2190..=0x21FF | 0x2300..=0x23FF | 0x2460..=0x27BF | 0x2900..=0x297F | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF)
        || matches!(
            c,
            '•' | '►' | '▶' | '◄' | '■' | '□' | '▪' | '●' | '★' | '☆' | '✓' | '✔'
        )
}

fn ends_like_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '»', '”', ')', ' ']);
    t.ends_with(['.', '،', ':', ',', ';', '؛', '…'])
}

/// Whether a block reads like a headline or label: short, no sentence end.
/// `words` are its words counted by [`block_words`].
fn heading_like(b: &Block, words: usize) -> bool {
    words > 0 && words <= 20 && !ends_like_sentence(&b.text) || (b.heading > 0 && words <= 30)
}

/// Classifies every block of a page.
pub fn classify(blocks: &[Block]) -> Classified {
    let mut decisions: Vec<Option<Reason>> = blocks.iter().map(|b| b.furniture).collect();
    let words: Vec<usize> = blocks.iter().map(block_words).collect();
    let keys = short_line_keys(blocks, &words);
    let mut out = Classified::default();

    mark_outside_article(blocks, &mut decisions);
    let datelines = classify_lines(blocks, &words, &keys, &mut decisions, &mut out.byline);
    mark_repeated_lines(&words, &keys, &mut decisions);
    if !blocks.iter().any(|b| b.markup) {
        out.title = mark_labels_and_find_headline(blocks, &words, &mut decisions);
    }
    out.dateline = preferred_dateline(&datelines);
    out.decisions = decisions;
    out
}

/// Per block, its phrase key; empty for blocks over 30 words, since phrase
/// keys matter only for short lines (vocabulary, repetition).
fn short_line_keys(blocks: &[Block], words: &[usize]) -> Vec<String> {
    blocks
        .iter()
        .zip(words)
        .map(|(b, &w)| {
            if w <= 30 {
                phrase_key(&key(&b.text))
            } else {
                String::new()
            }
        })
        .collect()
}

/// The article element, when the markup has one: undecided blocks outside
/// it are removed, except a top-level headline before it.
fn mark_outside_article(blocks: &[Block], decisions: &mut [Option<Reason>]) {
    if blocks.iter().any(|b| b.in_article) {
        let first_in = blocks.iter().position(|b| b.in_article).unwrap_or(0);
        for (i, b) in blocks.iter().enumerate() {
            if decisions[i].is_none() && !b.in_article {
                let headline = b.heading == 1 && i < first_in;
                if !headline {
                    decisions[i] = Some(Reason::OutsideArticle);
                }
            }
        }
    }
}

/// One block as the line rules see it.
struct Line<'a> {
    block: &'a Block,
    /// Its position on the page.
    index: usize,
    /// Its phrase key (empty for long blocks).
    key: &'a str,
    /// Its words, counted by [`block_words`].
    words: usize,
}

/// What the line-by-line pass carries from one block to the next.
#[derive(Default)]
struct LineScan {
    /// The region a header opened (comments, related links), if any.
    region: Option<Reason>,
    /// Datelines found so far, with their block positions and calendars.
    datelines: Vec<(usize, Date, Calendar)>,
}

/// The line-by-line pass: decides each block by its own signals and by the
/// region an earlier header opened; merges bylines into `byline` and returns
/// the datelines found, with their block positions.
fn classify_lines(
    blocks: &[Block],
    words: &[usize],
    keys: &[String],
    decisions: &mut [Option<Reason>],
    byline: &mut Byline,
) -> Vec<(usize, Date, Calendar)> {
    let v = vocab();
    let n = blocks.len();
    let mut scan = LineScan::default();
    for i in 0..n {
        let line = Line {
            block: &blocks[i],
            index: i,
            key: keys[i].as_str(),
            words: words[i],
        };
        let own = own_reason(v, &line, n, decisions[i], &mut scan, byline);
        decisions[i] = apply_region(own, &line, &mut scan.region);
    }
    scan.datelines
}

/// Whether a short line's non-letters are only spaces, digits, brackets,
/// separators and symbols (a header with a count: "التعليقات (4)").
fn number_tail(b: &Block, w: usize) -> bool {
    w <= 8
        && b.text.chars().filter(|&c| !is_letter(c)).all(|c| {
            c.is_whitespace()
                || isnad_text::arabic::is_digit(c)
                || "()[]:.-·|،,".contains(c)
                || is_emoji_or_symbol(c)
        })
}

/// A block's own reason for removal, strongest signal first: an earlier
/// decision (markup), link density, the furniture vocabulary, line shape,
/// byline and dateline. Opens regions in `scan`, records datelines there and
/// merges bylines into `byline`.
fn own_reason(
    v: &Vocab,
    line: &Line,
    n: usize,
    decided: Option<Reason>,
    scan: &mut LineScan,
    byline: &mut Byline,
) -> Option<Reason> {
    let (b, i, k, w) = (line.block, line.index, line.key, line.words);
    let short = w <= 8;
    let head_word = k.split(' ').next().unwrap_or("");
    let number_tail = number_tail(b, w);

    if decided.is_some() {
        decided
    } else if b.markup && b.link_density > 0.6 && w <= 20 {
        Some(if w <= 3 {
            Reason::Navigation
        } else {
            Reason::RelatedLinks
        })
    } else if short && number_tail && v.comment_headers.iter().any(|h| h == k)
        || (w <= 3
            && b.text.chars().any(|c| c.is_ascii_digit())
            && (head_word == "تعليق" || head_word == "تعليقات"))
    {
        scan.region = Some(Reason::Comments);
        Some(Reason::Comments)
    } else if short && v.related_headers.iter().any(|h| h == k) {
        if scan.region != Some(Reason::Comments) {
            scan.region = Some(Reason::RelatedLinks);
        }
        Some(Reason::RelatedLinks)
    } else if short && v.navigation.iter().any(|h| h == k) {
        Some(Reason::Navigation)
    } else if w <= 8 && !k.is_empty() && k.split(' ').all(|t| v.share_words.iter().any(|s| s == t))
    {
        Some(Reason::ShareBar)
    } else if w <= 15
        && (b.text.contains('©') || v.footer_phrases.iter().any(|p| contains_phrase(k, p)))
    {
        Some(Reason::Footer)
    } else if short && v.ads.iter().any(|a| a == k) {
        Some(Reason::Advertisement)
    } else if k == v.basmala {
        Some(Reason::Boilerplate)
    } else if b.text.chars().next().is_some_and(is_emoji_or_symbol) && w <= 6 {
        Some(Reason::Navigation)
    } else if w <= 1
        && !b.text.chars().any(is_letter)
        && b.text.chars().any(isnad_text::arabic::is_digit)
        && b.text.chars().count() <= 6
    {
        Some(Reason::Counter)
    } else if let Some(found) = (1..=25)
        .contains(&w)
        .then(|| parse_byline(&b.text, b.byline))
        .flatten()
    {
        merge_byline(byline, found);
        Some(Reason::Byline)
    } else if (i < 4 || i + 4 >= n) && w <= 12 {
        match parse_stated_date(&b.text).or_else(|| dated_line(&b.text)) {
            Some((d, calendar)) => {
                scan.datelines.push((i, d, calendar));
                Some(Reason::Dateline)
            }
            None => None,
        }
    } else {
        None
    }
}

/// A block's decision given its own reason and the open region: a comment
/// thread takes every line; a related-links list takes short, list-like
/// lines and closes at the first other one.
fn apply_region(own: Option<Reason>, line: &Line, region: &mut Option<Reason>) -> Option<Reason> {
    match (own, *region) {
        (Some(r), _) => Some(r),
        (None, Some(Reason::Comments)) => Some(Reason::Comments),
        (None, Some(Reason::RelatedLinks))
            if line.words <= 18 && !ends_like_sentence(&line.block.text) =>
        {
            Some(Reason::RelatedLinks)
        }
        (None, Some(Reason::RelatedLinks)) => {
            *region = None;
            None
        }
        _ => None,
    }
}

/// Repetition: a short line repeating an earlier kept one (headline printed
/// twice) is removed.
fn mark_repeated_lines(words: &[usize], keys: &[String], decisions: &mut [Option<Reason>]) {
    for i in 0..keys.len() {
        if decisions[i].is_some() || words[i] > 25 || keys[i].is_empty() {
            continue;
        }
        if (0..i).any(|j| decisions[j].is_none() && keys[j] == keys[i]) {
            decisions[i] = Some(Reason::Duplicate);
        }
    }
}

/// Plain text's headline and the labels above it: among the leading kept
/// heading-like blocks, short ones followed by another are section labels;
/// the first other one is the headline, returned.
fn mark_labels_and_find_headline(
    blocks: &[Block],
    words: &[usize],
    decisions: &mut [Option<Reason>],
) -> Option<usize> {
    let leading: Vec<usize> = (0..blocks.len())
        .filter(|&i| decisions[i].is_none())
        .take_while(|&i| heading_like(&blocks[i], words[i]))
        .collect();
    for (pos, &i) in leading.iter().enumerate() {
        let followed_by_heading = pos + 1 < leading.len();
        if followed_by_heading && words[i] <= 4 {
            decisions[i] = Some(Reason::SectionLabel);
        } else {
            return Some(i);
        }
    }
    None
}

/// The page's dateline: Gregorian datelines win over Hijri ones (a Hijri
/// date's conversion can be a day off the local sighting of the moon); the
/// last one stated wins otherwise.
fn preferred_dateline(datelines: &[(usize, Date, Calendar)]) -> Option<Date> {
    datelines
        .iter()
        .rev()
        .find(|(_, _, calendar)| *calendar == Calendar::Gregorian)
        .or_else(|| datelines.last())
        .map(|&(_, d, _)| d)
}

/// Whether phrase `p` occurs in `k` as whole words (space-separated).
fn contains_phrase(k: &str, p: &str) -> bool {
    if p.is_empty() {
        return k.is_empty() || k.starts_with(' ') || k.ends_with(' ') || k.contains("  ");
    }
    // Every occurrence, overlapping ones included.
    let mut from = 0;
    while let Some(i) = k[from..].find(p).map(|i| from + i) {
        let end = i + p.len();
        if (i == 0 || k[..i].ends_with(' ')) && (end == k.len() || k[end..].starts_with(' ')) {
            return true;
        }
        from = i + k[i..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// "نشر في: …", "تاريخ النشر: …", "آخر تحديث: …" lines.
fn dated_line(s: &str) -> Option<(Date, Calendar)> {
    let (label, rest) = s.split_once([':', '：'])?;
    let lk = phrase_key(&key(label));
    const LABELS: &[&str] = &[
        "نشر",
        "نشر في",
        "تاريخ النشر",
        "اخر تحديث",
        "تم النشر",
        "published",
        "updated",
        "التاريخ",
    ];
    if LABELS.iter().any(|l| lk == phrase_key(&key(l))) {
        parse_stated_date(rest)
    } else {
        None
    }
}

/// Labels that introduce a source line ("المصدر: …").
const SOURCE_LABELS: &[&str] = &[
    "المصدر",
    "مصدر",
    "مصدر الخبر",
    "المصدر الاصلي",
    "source",
    "المصدر الأصلي",
    "نقلا عن",
    "عن",
];

/// Labels that introduce an author ("بقلم: …", "By: …").
const AUTHOR_LABELS: &[&str] = &[
    "بقلم",
    "كتب",
    "كتبه",
    "كتبت",
    "اعداد",
    "إعداد",
    "تحرير",
    "الكاتب",
    "المحرر",
    "by",
    "author",
    "بواسطة",
];

/// Reads a byline or source line: `المصدر: موقع "…" - NAME`, `المصدر: URL`,
/// `بقلم: NAME`, `By NAME`.
pub fn parse_byline(text: &str, marked_by_markup: bool) -> Option<Byline> {
    let t = text.trim();
    // One past the longest byline is enough to tell.
    let w = words_up_to(t, 26);
    if w == 0 || w > 25 {
        return None;
    }
    let (label, rest) = match t.split_once([':', '：']) {
        Some((l, r)) if word_count(l) <= 3 => (l.trim(), r.trim()),
        _ => return unlabelled_byline(t, w, marked_by_markup),
    };
    let lk = phrase_key(&key(label));
    let is = |list: &[&str]| list.iter().any(|l| phrase_key(&key(l)) == lk);
    if is(SOURCE_LABELS) {
        return source_line(rest);
    }
    if is(AUTHOR_LABELS) && (1..=6).contains(&word_count(rest)) {
        return Some(author_only(rest));
    }
    None
}

/// A byline naming only its author.
fn author_only(name: &str) -> Byline {
    Byline {
        author: Some(clean_name(name)),
        ..Byline::default()
    }
}

/// A byline without a label and colon: "بقلم NAME" / "By NAME", or any short
/// line the markup marks as a byline (`w` is its word count).
fn unlabelled_byline(t: &str, w: usize, marked_by_markup: bool) -> Option<Byline> {
    let mut it = t.splitn(2, ' ');
    let first = it.next().unwrap_or("");
    let rest = it.next().unwrap_or("").trim();
    let fk = key(first);
    if (fk == "بقلم" || fk == "by" || fk == "بواسطه")
        && word_count(rest) <= 5
        && word_count(rest) >= 1
    {
        return Some(author_only(rest));
    }
    if marked_by_markup && w <= 6 {
        return Some(author_only(t));
    }
    None
}

/// What follows a source label: a URL (its host is the outlet), or an
/// outlet and an optional author after a dash.
fn source_line(rest: &str) -> Option<Byline> {
    if rest.is_empty() {
        return None;
    }
    if let Some(at) = rest.find("http") {
        return Some(source_url(&rest[at..]));
    }
    // Outlet, then an optional author after a dash.
    let (outlet, author) = match rest.find(['-', '–', '—', '|']) {
        Some(at) => {
            let dash_len = rest[at..].chars().next().map_or(1, char::len_utf8);
            (&rest[..at], Some(&rest[at + dash_len..]))
        }
        None => (rest, None),
    };
    let outlet = clean_outlet(outlet);
    let author = author
        .map(clean_name)
        .filter(|a| !a.is_empty() && word_count(a) <= 5);
    Some(Byline {
        outlet: (!outlet.is_empty()).then_some(outlet),
        author,
        url: None,
    })
}

/// A source given as a URL (`from_http` starts at "http"): the URL, and its
/// host without "www." as the outlet.
fn source_url(from_http: &str) -> Byline {
    let url: String = from_http
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string();
    let host = url
        .split("//")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    Byline {
        outlet: (!host.is_empty()).then(|| host.to_string()),
        author: None,
        url: Some(url),
    }
}

fn clean_name(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || "\"'«»“”-–—|:،,.()".contains(c))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drops descriptors ("موقع", "صحيفة") and quotes around an outlet's name.
fn clean_outlet(s: &str) -> String {
    // A quoted name is the name: وكالة "الساحل" → الساحل.
    for (open, close) in [('"', '"'), ('«', '»'), ('“', '”')] {
        if let Some(a) = s.find(open) {
            let rest = &s[a + open.len_utf8()..];
            let inner = rest.find(close).map_or(rest, |b| &rest[..b]);
            let inner = clean_name(inner);
            if !inner.is_empty() {
                return inner;
            }
        }
    }
    let name = clean_name(s);
    const DESCRIPTORS: &[&str] = &[
        "موقع",
        "صحيفة",
        "جريدة",
        "مجلة",
        "قناة",
        "شبكة",
        "إذاعة",
        "اذاعة",
        "site",
        "website",
    ];
    let mut words: Vec<&str> = name.split_whitespace().collect();
    if words.len() >= 2 && DESCRIPTORS.contains(&words[0]) {
        words.remove(0);
    }
    clean_name(&words.join(" "))
}

fn merge_byline(into: &mut Byline, from: Byline) {
    if into.outlet.is_none() {
        into.outlet = from.outlet;
    }
    if into.author.is_none() {
        into.author = from.author;
    }
    if into.url.is_none() {
        into.url = from.url;
    }
}

#[cfg(test)]
mod counting_tests {
    use super::contains_phrase;
    use proptest::prelude::*;

    /// The definition: the phrase is the whole line, or starts it, ends it
    /// or sits inside it between spaces.
    fn reference(k: &str, p: &str) -> bool {
        k == p
            || k.starts_with(&format!("{p} "))
            || k.ends_with(&format!(" {p}"))
            || k.contains(&format!(" {p} "))
    }

    #[test]
    fn phrases_are_whole_words() {
        assert!(contains_phrase("جميع الحقوق محفوظة", "الحقوق محفوظة"));
        assert!(contains_phrase("الحقوق محفوظة", "الحقوق محفوظة"));
        assert!(!contains_phrase("جميع الحقوق محفوظةً", "الحقوق محفوظة"));
        // A first occurrence inside a word, a later one whole.
        assert!(contains_phrase("aa a a ", "a a"));
        assert!(contains_phrase("za a a ", "a a"));
    }

    proptest! {
        #[test]
        fn capped_word_counts_agree_with_the_full_count(
            s in "[ab ج1.،\n]{0,40}",
            cap in 0usize..12,
        ) {
            prop_assert_eq!(super::words_up_to(&s, cap), super::word_count(&s).min(cap));
        }

        #[test]
        fn whole_word_search_agrees_with_the_definition(
            k in "[ab ج]{0,12}",
            p in "[ab ج]{0,4}",
        ) {
            prop_assert_eq!(contains_phrase(&k, &p), reference(&k, &p));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::Span;

    fn plain(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .map(|l| Block::plain(l, Span::new(0, 0), 0))
            .collect()
    }

    fn reasons(lines: &[&str]) -> Vec<Option<&'static str>> {
        classify(&plain(lines))
            .decisions
            .iter()
            .map(|d| d.map(|r| r.as_str()))
            .collect()
    }

    #[test]
    fn vocabulary_lists_have_no_duplicates_and_a_header() {
        for (name, text) in VOCAB_LISTS {
            assert!(text.starts_with("# "), "{name}.txt has no # header");
            let entries: Vec<&str> = list_entries(text).collect();
            assert!(!entries.is_empty(), "{name}.txt is empty");
            let mut seen = std::collections::HashSet::new();
            for e in &entries {
                assert_eq!(e.trim(), *e, "{name}.txt: {e:?} has stray spaces");
                assert!(seen.insert(*e), "{name}.txt lists {e:?} twice");
            }
        }
    }

    #[test]
    fn comment_thread_runs_to_the_end() {
        let got = reasons(&[
            "قال الوزير إن الاجتماع انتهى دون اتفاق على موعد جديد للمفاوضات.",
            "Comments (12)",
            "أبو محمد",
            "منذ ساعتين",
            "هذا كلام فارغ ولا يصدقه أحد من المتابعين لهذا الملف.",
        ]);
        assert_eq!(
            got,
            [
                None,
                Some("comments"),
                Some("comments"),
                Some("comments"),
                Some("comments")
            ]
        );
    }

    #[test]
    fn related_list_ends_at_the_next_paragraph() {
        let got = reasons(&[
            "عنوان الخبر الرئيسي",
            "اقرأ أيضاً:",
            "انتخابات بلدية في تونس الشهر المقبل",
            "ارتفاع أسعار القمح في الأسواق العالمية",
            "وتابع المتحدث أن الحكومة ستعلن خطتها الكاملة خلال الأيام المقبلة بعد التشاور مع الأطراف.",
        ]);
        assert_eq!(
            got,
            [
                None,
                Some("related-links"),
                Some("related-links"),
                Some("related-links"),
                None
            ]
        );
    }

    #[test]
    fn navigation_share_footer_and_counters() {
        let got = reasons(&[
            "الرجوع للأعلى",
            "شارك عبر فيسبوك تويتر واتساب",
            "© 2024 جميع الحقوق محفوظة",
            "🔥 الأكثر تداولا",
            "12",
        ]);
        assert_eq!(
            got,
            [
                Some("navigation"),
                Some("share-bar"),
                Some("footer"),
                Some("related-links"),
                Some("counter")
            ]
        );
    }

    #[test]
    fn label_above_headline_and_repeated_headline() {
        let c = classify(&plain(&[
            "اقتصاد",
            "البنك المركزي يرفع سعر الفائدة",
            "البنك المركزي يرفع سعر الفائدة",
            "رفع البنك المركزي المصري سعر الفائدة الأساسي بمقدار نقطتين مئويتين اليوم الخميس.",
        ]));
        assert_eq!(c.title, Some(1));
        let r: Vec<_> = c.decisions.iter().map(|d| d.map(|r| r.as_str())).collect();
        assert_eq!(r, [Some("section-label"), None, Some("duplicate"), None]);
    }

    #[test]
    fn bylines_give_outlet_author_and_url() {
        let b = parse_byline("المصدر: وكالة \"الساحل\" - ريم خوري", false).unwrap();
        assert_eq!(b.outlet.as_deref(), Some("الساحل"));
        let b = parse_byline("المصدر: صحيفة \"الأيام\" - سامي يوسف", false).unwrap();
        assert_eq!(b.outlet.as_deref(), Some("الأيام"));
        assert_eq!(b.author.as_deref(), Some("سامي يوسف"));
        let b = parse_byline(
            "المصدر: https://www.example.org/news/2023/05/01/story",
            false,
        )
        .unwrap();
        assert_eq!(
            b.url.as_deref(),
            Some("https://www.example.org/news/2023/05/01/story")
        );
        assert_eq!(b.outlet.as_deref(), Some("example.org"));
        let b = parse_byline("بقلم: ليلى حسن", false).unwrap();
        assert_eq!(b.author.as_deref(), Some("ليلى حسن"));
        assert!(parse_byline(
            "قال المصدر إن الاجتماع تأجل إلى الأسبوع المقبل لأسباب فنية",
            false
        )
        .is_none());
    }

    #[test]
    fn datelines_at_the_ends_prefer_gregorian() {
        let c = classify(&plain(&[
            "نص الخبر الكامل هنا مع تفاصيل كثيرة عن الحادث الذي وقع أمس في المدينة.",
            "فقرة ثانية من النص تتحدث عن ردود الفعل المحلية والدولية على ما جرى.",
            "الخامس من رمضان 1445 هـ",
            "2024/3/15 م",
        ]));
        assert_eq!(
            c.dateline.map(|d| d.to_string()).as_deref(),
            Some("2024-03-15")
        );
    }

    #[test]
    fn a_numeric_hijri_dateline_is_converted_and_yields_to_a_gregorian_one() {
        let body = [
            "نص الخبر الكامل هنا مع تفاصيل كثيرة عن الحادث الذي وقع أمس في المدينة.",
            "فقرة ثانية من النص تتحدث عن ردود الفعل المحلية والدولية على ما جرى.",
        ];
        let dateline = |lines: &[&str]| {
            let all: Vec<&str> = body.iter().chain(lines).copied().collect();
            classify(&plain(&all)).dateline.map(|d| d.to_string())
        };
        // Alone, unmarked: Hijri (19 Jumada al-Akhirah 1436), not the year 1436.
        assert_eq!(dateline(&["19/6/1436"]).as_deref(), Some("2015-04-08"));
        // Beside a Gregorian dateline, stated last and unmarked, it still yields.
        assert_eq!(
            dateline(&["9/4/2015", "19/6/1436"]).as_deref(),
            Some("2015-04-09")
        );
    }
}
