//! The time of a fact, from the temporal tagger ([`isnad_time::tag_doc_tokens`]):
//! each sentence with an event word is tagged (from the Doc's tokens), and each fact takes the date or range that
//! governs its clause; a fact no expression governs gets the publication
//! date, marked `assumed`. Durations (`يوم واحد`) and sets (`يوميا`) are
//! never a fact's time.

use std::ops::Range;

use isnad_text::{Doc, Span};
use isnad_time::{Date, Granularity, Resolution, TimeExpression, TimexType};

/// When a fact happened, in the ledger's terms (spec `time.*`).
#[derive(Clone, Debug, PartialEq)]
pub struct TimeExpr {
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is unknown.
    pub start: String,
    /// `YYYY-MM-DD`, or `--MM-DD`.
    pub end: String,
    /// Where it is written (empty at the sentence's start when assumed).
    pub span: Span,
    /// The TIMEX3 type: `date` or `range` (spec `time.type`).
    pub timex_type: &'static str,
    /// How precise it is: `day`, `part_of_day`, `week`, `month`, `season`,
    /// `year` or `decade` (spec `time.granularity`).
    pub granularity: &'static str,
    /// No expression governs the fact: this is the publication date (spec
    /// `time.assumed`).
    pub assumed: bool,
    /// What the value was resolved against: `stated`, `publication`,
    /// `last_date` or `unresolved`.
    pub resolved_against: &'static str,
}

/// The ledger name of a granularity.
pub fn granularity_name(g: Granularity) -> &'static str {
    match g {
        Granularity::PartOfDay => "part_of_day",
        Granularity::Day => "day",
        Granularity::Week => "week",
        Granularity::Month => "month",
        Granularity::Season => "season",
        Granularity::Year => "year",
        Granularity::Decade => "decade",
    }
}

fn resolution_name(r: Resolution) -> &'static str {
    match r {
        Resolution::Stated => "stated",
        Resolution::Publication => "publication",
        Resolution::LastDate => "last_date",
        Resolution::Unresolved => "unresolved",
    }
}

/// The time expressions of the document's tokens `tokens` (a sentence) that
/// can be a fact's time: dates and ranges, resolved, or a day and month whose
/// year is unknown.
pub fn fact_times(doc: &Doc, tokens: Range<usize>, published: Option<Date>) -> Vec<TimeExpr> {
    isnad_time::tag_doc_tokens(doc, tokens, published)
        .iter()
        .filter_map(as_fact_time)
        .collect()
}

/// One tagger expression as a fact's time, when it can be one.
fn as_fact_time(e: &TimeExpression) -> Option<TimeExpr> {
    let timex_type = match e.timex_type {
        TimexType::Date => "date",
        TimexType::Range => "range",
        TimexType::Duration | TimexType::Set => return None,
    };
    let (start, end) = match (e.start, e.end) {
        (Some(s), Some(t)) => (s.to_string(), t.to_string()),
        // An undated document's "19 كانون الثاني": `XXXX-01-19`.
        _ => {
            let md = e
                .value
                .strip_prefix("XXXX-")
                .filter(|md| is_month_day(md))?;
            (format!("--{md}"), format!("--{md}"))
        }
    };
    Some(TimeExpr {
        start,
        end,
        span: e.span,
        timex_type,
        granularity: granularity_name(e.granularity),
        assumed: false,
        resolved_against: resolution_name(e.resolution),
    })
}

/// `MM-DD`.
fn is_month_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5 && b[2] == b'-' && s.bytes().filter(u8::is_ascii_digit).count() == 4
}

/// The time that governs a fact whose trigger is `trigger` in the sentence
/// `sentence`: the expression of the trigger's clause (the nearest before
/// it, else the nearest after it, no clause break `، ؛ :` between), else
/// the sentence's first; none in the sentence: the publication date,
/// assumed.
pub fn governing_time(
    text: &str,
    times: &[TimeExpr],
    sentence: Span,
    trigger: Span,
    published: Option<Date>,
) -> Option<TimeExpr> {
    let inside: Vec<&TimeExpr> = times
        .iter()
        .filter(|t| sentence.start <= t.span.start && t.span.end <= sentence.end)
        .collect();
    let same_clause = |t: &&&TimeExpr| {
        let (a, b) = if t.span.end <= trigger.start {
            (t.span.end, trigger.start)
        } else {
            (trigger.end, t.span.start.max(trigger.end))
        };
        !text[a..b].contains(['،', '؛', ':', ','])
    };
    let before = inside
        .iter()
        .rev()
        .filter(|t| t.span.end <= trigger.start)
        .find(same_clause);
    let after = inside
        .iter()
        .filter(|t| t.span.start >= trigger.end)
        .find(same_clause);
    if let Some(t) = before.or(after).or(inside.first()) {
        return Some((**t).clone());
    }
    let p = published?.to_string();
    Some(TimeExpr {
        start: p.clone(),
        end: p,
        span: Span::new(sentence.start, sentence.start),
        timex_type: "date",
        granularity: "day",
        assumed: true,
        resolved_against: "publication",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::Vocabulary;

    /// The time of the fact whose trigger is `trigger` in the one-sentence `text`.
    fn time_of(text: &str, trigger: &str, published: Option<Date>) -> Option<TimeExpr> {
        let doc = Doc::new(text, &mut Vocabulary::new());
        let at = text.find(trigger).unwrap();
        let times = fact_times(&doc, 0..doc.tokens().len(), published);
        governing_time(
            text,
            &times,
            Span::new(0, text.len()),
            Span::new(at, at + trigger.len()),
            published,
        )
    }

    fn day(text: &str, trigger: &str, published: Option<Date>) -> Option<String> {
        time_of(text, trigger, published).map(|t| t.start)
    }

    fn pubd() -> Option<Date> {
        Date::new(2022, 1, 8)
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(
            day("وقع الانفجار يوم ٢٠٢٢/١/٥ في المدينة", "الانفجار", None).unwrap(),
            "2022-01-05"
        );
        assert_eq!(
            day("في 6 يناير 2022 اندلعت اشتباكات", "اشتباكات", None).unwrap(),
            "2022-01-06"
        );
        assert_eq!(
            day("اعتقل 19 من كانون الثاني", "اعتقل", pubd()).unwrap(),
            "2022-01-19"
        );
        assert_eq!(
            day("اعتقل 19 من كانون الثاني", "اعتقل", None).unwrap(),
            "--01-19"
        );
    }

    #[test]
    fn relative_expressions_against_publication() {
        assert_eq!(day("قتل ثلاثة أمس", "قتل", pubd()).unwrap(), "2022-01-07");
        assert_eq!(
            day("قتل ثلاثة أول من أمس", "قتل", pubd()).unwrap(),
            "2022-01-06"
        );
        let t = time_of("اندلعت اشتباكات مساء الخميس", "اشتباكات", pubd()).unwrap();
        assert_eq!(t.start, "2022-01-06");
        assert_eq!(t.granularity, "part_of_day");
        assert!(!t.assumed);
    }

    #[test]
    fn a_duration_is_not_a_date() {
        // "يوم واحد" is how long, not when: the fact keeps the publication date, assumed.
        let t = time_of("وصلت القوات في غضون يوم واحد", "القوات", pubd()).unwrap();
        assert!(t.assumed);
        assert_eq!(t.start, "2022-01-08");
        assert_eq!(
            time_of("وصلت القوات في غضون يوم واحد", "القوات", None),
            None
        );
    }

    #[test]
    fn a_fact_with_no_expression_gets_the_publication_date_assumed() {
        let t = time_of("قتل ثلاثة أشخاص", "قتل", pubd()).unwrap();
        assert_eq!((t.start.as_str(), t.assumed), ("2022-01-08", true));
        assert_eq!(t.timex_type, "date");
    }

    #[test]
    fn the_clause_of_the_trigger_governs() {
        // The second clause's time is the arrests', not the first clause's.
        let text = "قتل ثلاثة في 5 يناير 2022، واعتقل عشرة أمس";
        assert_eq!(day(text, "قتل", pubd()).unwrap(), "2022-01-05");
        assert_eq!(day(text, "اعتقل", pubd()).unwrap(), "2022-01-07");
    }

    #[test]
    fn a_bare_year_is_a_range_of_the_year() {
        let t = time_of("قمع مظاهرة عام 2011", "مظاهرة", None).unwrap();
        assert_eq!(
            (t.start.as_str(), t.end.as_str()),
            ("2011-01-01", "2011-12-31")
        );
        assert_eq!(t.granularity, "year");
    }
}
