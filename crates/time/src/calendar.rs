//! Calendar points the tagger resolves to, their TIMEX3 values and the days
//! they cover.

use crate::timex::Granularity;
use crate::Date;

/// A resolved point or period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Point {
    Day(Date),
    /// A day and its TIMEX3 part (`MO`, `MI`, `AF`, `EV`, `NI`).
    Part(Date, &'static str),
    /// ISO year and week.
    Week(i32, u8),
    Month(i32, u8),
    /// Year and season 0 spring, 1 summer, 2 autumn, 3 winter (from December).
    Season(i32, u8),
    Year(i32),
    /// The first three digits of the decade's years.
    Decade(i32),
}

pub(crate) const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

impl Point {
    pub fn granularity(&self) -> Granularity {
        match self {
            Point::Day(_) => Granularity::Day,
            Point::Part(..) => Granularity::PartOfDay,
            Point::Week(..) => Granularity::Week,
            Point::Month(..) => Granularity::Month,
            Point::Season(..) => Granularity::Season,
            Point::Year(_) => Granularity::Year,
            Point::Decade(_) => Granularity::Decade,
        }
    }

    /// The TIMEX3 value.
    pub fn value(&self) -> String {
        match *self {
            Point::Day(d) => d.to_string(),
            Point::Part(d, p) => format!("{d}T{p}"),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Season(y, s) => format!("{y:04}-{}", SEASONS[s as usize]),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}"),
        }
    }

    /// The first and last day covered.
    pub fn days(&self) -> (Date, Date) {
        let ymd = |y: i32, m: u8, d: u8| {
            Date::new(y, m, d).unwrap_or(Date {
                year: y,
                month: m,
                day: 1,
            })
        };
        match *self {
            Point::Day(d) | Point::Part(d, _) => (d, d),
            Point::Week(y, w) => {
                let s = week_start(y, w);
                (s, s.add_days(6))
            }
            Point::Month(y, m) => (ymd(y, m, 1), ymd(y, m, crate::days_in_month(y, m))),
            Point::Season(y, s) => match s {
                3 => (ymd(y, 12, 1), ymd(y + 1, 2, crate::days_in_month(y + 1, 2))),
                _ => {
                    let first = 3 + 3 * s;
                    let last = first + 2;
                    (
                        ymd(y, first, 1),
                        ymd(y, last, crate::days_in_month(y, last)),
                    )
                }
            },
            Point::Year(y) => (ymd(y, 1, 1), ymd(y, 12, 31)),
            Point::Decade(d) => (ymd(d * 10, 1, 1), ymd(d * 10 + 9, 12, 31)),
        }
    }
}

/// The ISO year and week of `d`.
pub(crate) fn iso_week(d: Date) -> (i32, u8) {
    let monday_based = (d.weekday() as i64 + 6) % 7;
    let thursday = d.add_days(3 - monday_based);
    let jan1 = Date {
        year: thursday.year,
        month: 1,
        day: 1,
    };
    let week = (thursday.days_since_epoch() - jan1.days_since_epoch()) / 7 + 1;
    (thursday.year, week as u8)
}

/// The Monday of ISO week `w` of year `y`.
fn week_start(y: i32, w: u8) -> Date {
    let jan4 = Date {
        year: y,
        month: 1,
        day: 4,
    };
    let monday1 = jan4.add_days(-((jan4.weekday() as i64 + 6) % 7));
    monday1.add_days(7 * (w as i64 - 1))
}

/// Year and month `n` months after `y`-`m`.
pub(crate) fn add_months(y: i32, m: u8, n: i64) -> (i32, u8) {
    let total = y as i64 * 12 + (m as i64 - 1) + n;
    (
        total.div_euclid(12) as i32,
        (total.rem_euclid(12) + 1) as u8,
    )
}

/// The season of `d` as (year, season) with winter labelled by its December.
pub(crate) fn season_of(d: Date) -> (i32, u8) {
    match d.month {
        3..=5 => (d.year, 0),
        6..=8 => (d.year, 1),
        9..=11 => (d.year, 2),
        12 => (d.year, 3),
        _ => (d.year - 1, 3),
    }
}

/// The Gregorian days of Hijri year `y` (or of its month `m`).
pub(crate) fn hijri_span(y: i32, m: Option<u8>) -> Option<(Date, Date)> {
    let (first, next) = match m {
        Some(m) if m < 12 => ((y, m), (y, m + 1)),
        Some(_) => ((y, 12), (y + 1, 1)),
        None => ((y, 1), (y + 1, 1)),
    };
    let s = crate::hijri_to_gregorian(first.0, first.1, 1)?;
    let e = crate::hijri_to_gregorian(next.0, next.1, 1)?.add_days(-1);
    Some((s, e))
}
