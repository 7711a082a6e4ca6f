//! The temporal tagger: every time expression of a text, resolved against
//! the publication date or the last date the text resolved.
//!
//! The tagger walks the tokens; at each it tries the compound forms
//! (ranges, `منذ`, qualifiers, `قبل`/`بعد` + duration, sets, parts of day),
//! then single points (dates, weekdays, relative days and periods, months,
//! years, decades, seasons), then durations; the longest reading at the
//! leftmost token wins and tagging goes on after it.

use isnad_text::Span;

use crate::calendar::{add_months, hijri_span, iso_week, season_of, Point};
use crate::lexicon::{lexicon, Lexicon, Map};
use crate::timex::*;
use crate::tokens::{Kind, Tokens};
use crate::{hijri_to_gregorian, Date};

/// A reading: the value before it becomes a [`TimeExpression`].
#[derive(Clone, Debug)]
enum Time {
    /// Resolved.
    Point(Point, Resolution, Option<Offset>),
    /// Unresolved: what is known of the value, its granularity and offset.
    Open(String, Granularity, Option<Offset>),
    Range(Box<Time>, Box<Time>),
    Duration(i64, Unit),
    Set(String, Granularity),
}

/// An expression found at tokens `a..b`.
struct Found {
    a: usize,
    b: usize,
    time: Time,
    modifier: Option<Modifier>,
    conflict: Option<WeekdayConflict>,
}

fn found(a: usize, b: usize, time: Time) -> Found {
    Found {
        a,
        b,
        time,
        modifier: None,
        conflict: None,
    }
}

/// Every time expression of `text`, in order, resolved against `published`
/// (the document's publication date; `None` when undated: relative
/// expressions then stay [`Resolution::Unresolved`]).
///
/// ```
/// use isnad_time::{tag, Date, Resolution, TimexType};
/// let text = "قتل ثلاثة أمس، وفي اليوم التالي أعلن الجيش";
/// let found = tag(text, Date::new(2022, 1, 8));
/// assert_eq!(found[0].value, "2022-01-07");
/// assert_eq!(found[1].value, "2022-01-08");
/// assert_eq!(found[1].resolution, Resolution::LastDate);
/// assert_eq!(found[1].timex_type, TimexType::Date);
/// assert_eq!(&text[found[1].span.start..found[1].span.end], "اليوم التالي");
/// ```
pub fn tag(text: &str, published: Option<Date>) -> Vec<TimeExpression> {
    tag_tokens(text, &Tokens::new(text), published)
}

/// [`tag`] for an analysed document, read from its tokens (the text is not
/// cut into tokens a second time); spans are bytes of `doc.text()`.
pub fn tag_doc(doc: &isnad_text::Doc, published: Option<Date>) -> Vec<TimeExpression> {
    tag_doc_tokens(doc, 0..doc.tokens().len(), published)
}

/// [`tag_doc`] for the document's tokens `tokens` alone (a sentence's
/// [`isnad_text::Sentence::tokens`]): what is anaphoric resolves only
/// against dates of that part.
pub fn tag_doc_tokens(
    doc: &isnad_text::Doc,
    tokens: std::ops::Range<usize>,
    published: Option<Date>,
) -> Vec<TimeExpression> {
    tag_tokens(doc.text(), &Tokens::from_doc(doc, tokens), published)
}

fn tag_tokens(text: &str, tokens: &Tokens, published: Option<Date>) -> Vec<TimeExpression> {
    let mut tagger = Tagger {
        text,
        t: tokens,
        lex: lexicon(),
        anchor: published,
        last: None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.list.len() {
        match tagger.expression_at(i) {
            Some(f) => {
                let next = f.b.max(i + 1);
                let e = tagger.finish(f.a, f.b, f.time, f.modifier, f.conflict);
                if let Some(last) = last_day(&e) {
                    tagger.last = Some(last);
                }
                i = next;
                out.push(e);
            }
            None => i += 1,
        }
    }
    out
}

/// The day anaphora after `e` count from: a date's first day, a range's last.
fn last_day(e: &TimeExpression) -> Option<Date> {
    match e.timex_type {
        TimexType::Date => e.start,
        TimexType::Range => e.end,
        _ => None,
    }
}

struct Tagger<'a> {
    text: &'a str,
    t: &'a Tokens,
    lex: &'static Lexicon,
    anchor: Option<Date>,
    last: Option<Date>,
}

impl<'a> Tagger<'a> {
    // ---- looking at tokens ----

    /// The value of `m` for token `i` in its fullest form found.
    fn get<V>(&self, m: &'static Map<V>, i: usize) -> Option<&'static V> {
        self.t.find_form(i, |f| m.get(f))
    }

    /// `m` for token `i`, with or without the article.
    fn get_bare<V>(&self, m: &'static Map<V>, i: usize) -> Option<&'static V> {
        self.t.find_form(i, |f| {
            m.get(f)
                .or_else(|| f.strip_prefix("ال").and_then(|r| m.get(r)))
        })
    }

    /// Whether token `i` is `word` (perhaps with proclitics).
    fn is(&self, i: usize, word: &str) -> bool {
        self.t.find_form(i, |f| (f == word).then_some(())).is_some()
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(i, w))
    }

    fn number(&self, i: usize) -> Option<i64> {
        match self.t.list.get(i)?.kind {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.t.list.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// What a relative expression counts from: the publication date, or
    /// for anaphora the last resolved date.
    fn base(&self, anaphoric: bool) -> Option<(Date, Resolution)> {
        if anaphoric {
            self.last.map(|d| (d, Resolution::LastDate))
        } else {
            self.anchor.map(|d| (d, Resolution::Publication))
        }
    }

    // ---- the algorithm ----

    /// The expression starting at token `i`, if any.
    fn expression_at(&self, i: usize) -> Option<Found> {
        if !self.may_start(i) {
            return None;
        }
        self.range_at(i)
            .or_else(|| self.since_at(i))
            .or_else(|| self.qualified_at(i))
            .or_else(|| self.shifted_at(i))
            .or_else(|| self.set_at(i))
            .or_else(|| self.part_of_day_at(i))
            .or_else(|| self.point_at(i, false))
            .or_else(|| self.duration_at(i))
            .or_else(|| self.cued_year_at(i))
    }

    /// A cheap test: can an expression start at token `i`?
    fn may_start(&self, i: usize) -> bool {
        match self.t.list[i].kind {
            Kind::Number(_) | Kind::NumericDate => true,
            Kind::Punct(_) | Kind::PlainWord => false,
            // A preposition starts an expression only before a year.
            Kind::Word if CUES.contains(&self.t.key(i)) => self.number(i + 1).is_some(),
            Kind::Word => self.t.any_form(i, |f| {
                let s = starters();
                s.contains_key(f) || f.strip_prefix("ال").is_some_and(|r| s.contains_key(r))
            }),
        }
    }

    /// Where token `i`'s expression starts: after the proclitics (`و`, `ف`,
    /// `ب`, `ل`) its word carries when only the word without them starts an
    /// expression (`وبعد` → `بعد`).
    fn start_after_proclitics(&self, i: usize) -> usize {
        let tok = self.t.list[i];
        if tok.kind != Kind::Word {
            return tok.start;
        }
        let is_starter = |f: &str| {
            starters().contains_key(f)
                || f.strip_prefix("ال")
                    .is_some_and(|r| starters().contains_key(r))
        };
        let key = self.t.key(i);
        let Some(form) = self
            .t
            .forms(i)
            .into_iter()
            .flatten()
            .find(|f| is_starter(f))
        else {
            return tok.start;
        };
        let mut letters = key.chars().count().saturating_sub(form.chars().count());
        let mut start = tok.start;
        for (o, c) in self.text[tok.start..tok.end].char_indices() {
            if letters == 0 {
                start = tok.start + o;
                break;
            }
            if isnad_text::arabic::is_letter(c) {
                letters -= 1;
            }
        }
        start
    }

    /// Turns a reading into a [`TimeExpression`].
    fn finish(
        &self,
        a: usize,
        b: usize,
        time: Time,
        modifier: Option<Modifier>,
        conflict: Option<WeekdayConflict>,
    ) -> TimeExpression {
        let span = Span::new(self.start_after_proclitics(a), self.t.list[b - 1].end);
        let (timex_type, value, granularity, resolution, offset, days) = describe(&time);
        TimeExpression {
            span,
            timex_type,
            value,
            granularity,
            modifier,
            resolution,
            offset,
            start: days.map(|d| d.0),
            end: days.map(|d| d.1),
            weekday_conflict: conflict,
        }
    }
}

/// Type, value, granularity, resolution, offset and days of a reading.
type Described = (
    TimexType,
    String,
    Granularity,
    Resolution,
    Option<Offset>,
    Option<(Date, Date)>,
);

fn describe(time: &Time) -> Described {
    match time {
        Time::Point(p, r, o) => (
            TimexType::Date,
            p.value(),
            p.granularity(),
            *r,
            *o,
            Some(p.days()),
        ),
        Time::Open(v, g, o) => (
            TimexType::Date,
            v.clone(),
            *g,
            Resolution::Unresolved,
            *o,
            None,
        ),
        Time::Range(a, b) => {
            let (_, va, ga, ra, oa, da) = describe(a);
            let (_, vb, _, rb, ob, db) = describe(b);
            let resolution = match (ra, rb) {
                (Resolution::Unresolved, _) | (_, Resolution::Unresolved) => Resolution::Unresolved,
                (Resolution::Stated, r) | (r, _) => r,
            };
            let days = da.zip(db).map(|(x, y)| (x.0, y.1));
            (
                TimexType::Range,
                format!("{va}/{vb}"),
                ga,
                resolution,
                oa.or(ob),
                days,
            )
        }
        Time::Duration(n, u) => {
            let (letter, g) = unit_code(*u);
            (
                TimexType::Duration,
                format!("P{n}{letter}"),
                g,
                Resolution::Stated,
                None,
                None,
            )
        }
        Time::Set(v, g) => (
            TimexType::Set,
            v.clone(),
            *g,
            Resolution::Stated,
            None,
            None,
        ),
    }
}

fn unit_code(u: Unit) -> (&'static str, Granularity) {
    match u {
        Unit::Day => ("D", Granularity::Day),
        Unit::Week => ("W", Granularity::Week),
        Unit::Month => ("M", Granularity::Month),
        Unit::Year => ("Y", Granularity::Year),
        Unit::Decade => ("DE", Granularity::Decade),
    }
}

fn unit_of(letter: char) -> Unit {
    match letter {
        'W' => Unit::Week,
        'M' => Unit::Month,
        'Y' => Unit::Year,
        'E' => Unit::Decade,
        _ => Unit::Day,
    }
}

/// Words an expression can start with (besides numbers), with or without
/// the article: the first words of every list, and the fixed words of the
/// grammar.
fn starters() -> &'static Map<()> {
    static S: std::sync::OnceLock<Map<()>> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let lex = lexicon();
        let mut m: Map<()> = Map::default();
        let mut add = |k: &str| {
            m.insert(k.to_string(), ());
            if let Some(r) = k.strip_prefix("ال") {
                m.insert(r.to_string(), ());
            }
        };
        for k in lex
            .weekdays
            .keys()
            .chain(lex.day_parts.keys())
            .chain(lex.relative_days.keys())
        {
            add(k);
        }
        for k in lex
            .units
            .keys()
            .chain(lex.periods.keys())
            .chain(lex.qualifiers.keys())
        {
            add(k);
        }
        for k in lex
            .decades
            .keys()
            .chain(lex.seasons.keys())
            .chain(lex.sets.keys())
        {
            add(k);
        }
        for k in lex
            .cardinals
            .keys()
            .chain(lex.ordinals.keys())
            .chain(lex.months.keys())
        {
            add(k);
        }
        for k in FIXED_STARTERS {
            add(k);
        }
        m
    })
}

/// Prepositions before a bare year (`في 2022`); their other uses start nothing.
const CUES: &[&str] = &["في", "حتي", "بحلول", "خلال"];

/// The grammar's own first words.
const FIXED_STARTERS: &[&str] = &[
    "من",
    "بين",
    "منذ",
    "قبل",
    "بعد",
    "كل",
    "عام",
    "سنه",
    "عامي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "نفس",
    "ذات",
    "لمده",
    "مده",
    "طيله",
    "طوال",
    "الليله",
    "يوم",
    "شهر",
    "فصل",
    "عقد",
    "في",
    "حتي",
    "بحلول",
    "خلال",
];

mod compound;
mod forms;

use forms::{part_code as forms_part, ref_value as forms_ref, shift_day as forms_shift};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_only_look_like_times_are_not_tagged() {
        let p = Date::new(2022, 1, 8);
        for text in [
            "وقال أحد المسؤولين إن الوضع هادئ",
            "يبلغ ارتفاع البرج 45م فوق سطح البحر",
            "وهذا العصر يشهد تحولات كبرى",
            "وتعرضت سيارة الجمعية لأضرار",
            "ونقل الجرحى إلى مستشفى قريب",
        ] {
            assert!(tag(text, p).is_empty(), "{text}: {:?}", tag(text, p));
        }
    }

    #[test]
    fn a_weekday_beside_its_date_is_checked_and_the_date_wins() {
        // 5 January 2022 was a Wednesday.
        let e = &tag("وقع الهجوم الخميس 5 يناير 2022", None)[0];
        assert_eq!(e.value, "2022-01-05");
        assert_eq!(
            e.weekday_conflict,
            Some(WeekdayConflict {
                stated: 4,
                actual: 3
            })
        );
        let e = &tag("وقع الهجوم الأربعاء 5 يناير 2022", None)[0];
        assert_eq!(e.weekday_conflict, None);
    }

    #[test]
    fn relative_expressions_keep_their_offset_when_undated() {
        let e = &tag("قتل جندي قبل ثلاثة أيام", None)[0];
        assert_eq!(e.resolution, Resolution::Unresolved);
        assert_eq!(
            e.offset,
            Some(Offset {
                amount: -3,
                unit: Unit::Day
            })
        );
        assert_eq!((e.start, e.end), (None, None));
        let e = &tag("قتل جندي قبل ثلاثة أيام", Date::new(2022, 1, 8))[0];
        assert_eq!(e.start, Date::new(2022, 1, 5));
    }

    #[test]
    fn since_is_a_span_ending_at_the_publication_date() {
        let e = &tag("ويعيش السكان بلا كهرباء منذ 2011", Date::new(2022, 1, 8))[0];
        assert_eq!(e.timex_type, TimexType::Range);
        assert_eq!(
            (e.start, e.end),
            (Date::new(2011, 1, 1), Date::new(2022, 1, 8))
        );
    }
}
