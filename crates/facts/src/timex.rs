//! Time expressions inside sentences: explicit dates in every common form,
//! weekdays and relative expressions resolved against the publication date,
//! bare years as ranges.

use isnad_text::{Span, TokenKind};
use isnad_time::{parse_date, Date};

use crate::lexicon::lexicon;
use crate::words::Word;

/// A time a sentence states.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeExpr {
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is unknown.
    pub start: String,
    /// `YYYY-MM-DD`, or `--MM-DD`.
    pub end: String,
    /// Where it is written.
    pub span: Span,
}

fn single(d: Date, span: Span) -> TimeExpr {
    TimeExpr {
        start: d.to_string(),
        end: d.to_string(),
        span,
    }
}

/// The first time expression of a sentence.
pub fn find_time(text: &str, words: &[Word], published: Option<Date>) -> Option<TimeExpr> {
    (0..words.len()).find_map(|i| {
        date_at(text, words, i, published)
            .or_else(|| year_at(words, i))
            .or_else(|| {
                let p = published?;
                relative_at(words, i, p).or_else(|| weekday_at(words, i, p))
            })
    })
}

/// The span of words `a..b`.
fn span_of(words: &[Word], a: usize, b: usize) -> Span {
    Span::new(words[a].name_start, words[b - 1].span.end)
}

/// A date written out at word `i`: "2022/1/5", "٢٠٢٢/١/٥", "6 يناير 2022",
/// "19 من كانون الثاني", "6 تموز/يوليو 2023"; without a year, the year of
/// the publication date (or `--MM-DD` when there is none).
fn date_at(text: &str, words: &[Word], i: usize, published: Option<Date>) -> Option<TimeExpr> {
    let w = &words[i];
    if w.kind != TokenKind::Number {
        return None;
    }
    if w.text.contains('/') {
        return parse_date(&w.text).map(|d| single(d, w.span));
    }
    for len in (2..=5usize).rev() {
        if i + len > words.len() {
            continue;
        }
        let span = span_of(words, i, i + len);
        let phrase = span.slice(text);
        if let Some(d) = parse_date(phrase) {
            return Some(single(d, span));
        }
        // No year written: infer it from the publication date.
        if let Some(p) = published {
            let with_year = format!("{phrase} {}", p.year);
            if let Some(mut d) = parse_date(&with_year) {
                if d > p.add_days(31) {
                    d = Date::new(d.year - 1, d.month, d.day).unwrap_or(d);
                }
                return Some(single(d, span));
            }
        } else if let Some(d) = parse_date(&format!("{phrase} 2000")) {
            let md = format!("--{:02}-{:02}", d.month, d.day);
            return Some(TimeExpr {
                start: md.clone(),
                end: md,
                span,
            });
        }
    }
    None
}

/// "عام 2021" at word `i`: the whole year.
fn year_at(words: &[Word], i: usize) -> Option<TimeExpr> {
    let k = words[i].stem.as_str();
    if k != "عام" && k != "سنه" {
        return None;
    }
    let n = words.get(i + 1).filter(|n| n.kind == TokenKind::Number)?;
    let y = n.key.parse::<i32>().ok()?;
    (1900..=2100).contains(&y).then(|| TimeExpr {
        start: format!("{y}-01-01"),
        end: format!("{y}-12-31"),
        span: span_of(words, i, i + 2),
    })
}

/// "أمس", "أول من أمس", "اليوم", "الليلة الماضية", "الأسبوع الماضي" at
/// word `i`, against the publication date `p`.
fn relative_at(words: &[Word], i: usize, p: Date) -> Option<TimeExpr> {
    let w = &words[i];
    let k = w.stem.as_str();
    let next_is = |stem: &str| words.get(i + 1).is_some_and(|n| n.stem == stem);
    if k == "امس" {
        let back2 = i >= 2 && words[i - 2].stem == "اول" && words[i - 1].key == "من";
        Some(if back2 {
            single(p.add_days(-2), span_of(words, i - 2, i + 1))
        } else {
            single(p.add_days(-1), w.span)
        })
    } else if w.key == "اليوم" {
        Some(single(p, w.span))
    } else if k == "ليله" && next_is("ماضيه") {
        Some(single(p.add_days(-1), span_of(words, i, i + 2)))
    } else if k == "اسبوع" && next_is("ماضي") {
        Some(TimeExpr {
            start: p.add_days(-13).to_string(),
            end: p.add_days(-7).to_string(),
            span: span_of(words, i, i + 2),
        })
    } else {
        None
    }
}

/// A weekday at word `i` ("الخميس", "مساء الخميس"): the latest such day on
/// or before the publication date `p`.
fn weekday_at(words: &[Word], i: usize, p: Date) -> Option<TimeExpr> {
    let lex = lexicon();
    let w = &words[i];
    let wd = lex
        .weekdays
        .words()
        .iter()
        .position(|d| *d == w.base || d.strip_prefix("ال") == Some(&w.stem))?;
    let back = (p.weekday() as i64 - wd as i64 + 7) % 7;
    let start = if i > 0 && lex.day_parts.has(&words[i - 1].stem) {
        i - 1
    } else {
        i
    };
    Some(single(p.add_days(-back), span_of(words, start, i + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words_of;

    fn t(text: &str, published: Option<Date>) -> Option<(String, String, String)> {
        let w = words_of(text);
        find_time(text, &w, published).map(|t| (t.start, t.end, t.span.slice(text).to_string()))
    }

    fn pubd() -> Option<Date> {
        Date::new(2022, 1, 8)
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(
            t("وقع ذلك يوم ٢٠٢٢/١/٥ في المدينة", None).unwrap().0,
            "2022-01-05"
        );
        assert_eq!(t("في 6 يناير 2022 اندلعت", None).unwrap().0, "2022-01-06");
        assert_eq!(t("حتى 19 من كانون الثاني", pubd()).unwrap().0, "2022-01-19");
        assert_eq!(t("حتى 19 من كانون الثاني", None).unwrap().0, "--01-19");
        assert_eq!(t("في 6 تموز/يوليو 2023", None).unwrap().0, "2023-07-06");
    }

    #[test]
    fn relative_expressions_against_publication() {
        assert_eq!(t("قتل ثلاثة أمس", pubd()).unwrap().0, "2022-01-07");
        assert_eq!(t("قتل ثلاثة أول من أمس", pubd()).unwrap().0, "2022-01-06");
        assert_eq!(
            t("اقتحموا المبنى الليلة الماضية", pubd()).unwrap().0,
            "2022-01-07"
        );
        // 8 January 2022 was a Saturday; "مساء الخميس" is the 6th.
        let (d, _, span) = t("اندلعت مساء الخميس", pubd()).unwrap();
        assert_eq!((d.as_str(), span.as_str()), ("2022-01-06", "مساء الخميس"));
        assert_eq!(t("قتل ثلاثة أمس", None), None);
    }

    #[test]
    fn a_bare_year_is_a_range() {
        assert_eq!(
            t("قمع مظاهرة عام 2011", None).map(|x| (x.0, x.1)),
            Some(("2011-01-01".into(), "2011-12-31".into()))
        );
    }
}
