//! Dates as Arabic news writes them.
//!
//! * [`Date`] — a Gregorian calendar date;
//! * [`hijri_to_gregorian`] — Hijri (Umm al-Qura) to Gregorian;
//! * [`parse_date`] — a whole string that states one date, in any common form:
//!   `2022-01-15`, `٢٠٢٢/١/١٥ م`, `15/1/2022`, `15 يناير 2022`,
//!   `19 كانون الثاني 2022`, `6 جانفي 2022`, `January 15, 2022`,
//!   `الثاني عشر من جمادى الآخرة ١٤٤٣ هـ`, `19/6/1436 هـ`;
//!   [`parse_stated_date`] also says which calendar it was written in.
//!
//! * [`tag`] — the temporal tagger: every time expression of a text with
//!   its byte span, its TIMEX3 type, value and granularity, and what it was
//!   resolved against ([`TimeExpression`]); its word lists are the files of
//!   `crates/time/data`; [`tag_doc`] reads an analysed document's tokens.
//!
//! Digits of every script are read (the text layer's matching key folds them).
#![deny(missing_docs)]

use std::fmt;

mod calendar;
mod lexicon;
mod tagger;
mod timex;
mod tokens;

pub use tagger::{tag, tag_doc, tag_doc_tokens};
pub use timex::{
    Granularity, Modifier, Offset, Resolution, TimeExpression, TimexType, Unit, WeekdayConflict,
};

use isnad_text::normalize::{fold_key, NormalizeOptions};

/// A Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year (Gregorian, astronomical numbering).
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

impl Date {
    /// A date, when it exists in the Gregorian calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

impl Date {
    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days since 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
        Date {
            year: y as i32,
            month: m,
            day: d,
        }
    }

    /// This date moved by `days` (negative: earlier).
    pub fn add_days(&self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday.
    pub fn weekday(&self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.days_since_epoch() % 7 + 7 + 4) % 7) as u8
    }
}

impl fmt::Display for Date {
    /// ISO 8601: `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(crate) fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Converts a Hijri date (year, month 1–12, day) to Gregorian with the Umm
/// al-Qura calendar (Saudi Arabia's official tables; ICU's compiled data).
/// Outside the tables' range ICU falls back to its astronomical estimate.
///
/// ```
/// use isnad_time::{hijri_to_gregorian, Date};
/// assert_eq!(hijri_to_gregorian(1443, 6, 12), Date::new(2022, 1, 15));
/// ```
pub fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    use icu_calendar::cal::Hijri;
    use icu_calendar::Gregorian;
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || !(1..=3000).contains(&year) {
        return None;
    }
    let hijri =
        icu_calendar::Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura())
            .ok()?;
    let g = hijri.to_calendar(Gregorian);
    Date::new(
        g.era_year().extended_year,
        g.month().ordinal,
        g.day_of_month().0,
    )
}

/// A calendar dates are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Calendar {
    /// The Gregorian calendar (`م`, `ميلادي`, `AD`).
    Gregorian,
    /// The Hijri calendar (`هـ`, `هجري`), read as Umm al-Qura.
    Hijri,
}

/// The Hijri years of numeric dates in modern news: 1300 AH (1882) to
/// 1500 AH (2077). No numeric date in news has a Gregorian year in this
/// range unless it says so (`29/5/1453 م`).
pub const HIJRI_YEARS: std::ops::RangeInclusive<i32> = 1300..=1500;

/// The calendar a date string's era marks name, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EraMark {
    /// No mark.
    Unmarked,
    /// Only Hijri marks.
    Hijri,
    /// Only Gregorian marks.
    Gregorian,
    /// Both: the string contradicts itself.
    Both,
}

/// Era marks (matching keys, tatweel removed), Hijri then Gregorian.
const HIJRI_MARKS: &[&str] = &["ه", "هجري", "هجريه", "للهجره"];
const GREGORIAN_MARKS: &[&str] = &["م", "ميلادي", "ميلاديه", "للميلاد", "ad", "ce"];

/// The calendar of a numeric date of `year` carrying `era` marks; `None`
/// when the two contradict each other. Digits alone do not say which
/// calendar a date is in, so:
/// * an era mark decides: `هـ`/`هجري` Hijri, `م`/`ميلادي`/`AD` Gregorian
///   (`29/5/1453 م` is the fall of Constantinople, not 2031);
/// * unmarked, a year in [`HIJRI_YEARS`] is Hijri (`19/6/1436` is 8 April
///   2015) and any other year Gregorian; an unmarked Gregorian date of
///   1300–1500 CE is read as Hijri — such dates are history, and history
///   writes the era;
/// * both marks, or a Hijri mark on a year after [`HIJRI_YEARS`]
///   (`15/1/2022 هـ`: a Gregorian date mislabelled, or 2583 CE), are no date:
///   refused rather than misread.
fn calendar_of(year: i32, era: EraMark) -> Option<Calendar> {
    match era {
        EraMark::Gregorian => Some(Calendar::Gregorian),
        EraMark::Hijri => (year <= *HIJRI_YEARS.end()).then_some(Calendar::Hijri),
        EraMark::Both => None,
        EraMark::Unmarked if HIJRI_YEARS.contains(&year) => Some(Calendar::Hijri),
        EraMark::Unmarked => Some(Calendar::Gregorian),
    }
}

/// Gregorian month names as written in Arabic news (Egyptian/Gulf, Levantine
/// Syriac, Maghrebi), as matching keys, with their month number.
const GREGORIAN_MONTHS: &[(&str, u8)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الاول", 12),
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("اوت", 8),
    ("يونيه", 6),
    ("يوليه", 7),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
    ("يوليوز", 7),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Hijri month names (matching keys) with their number.
const HIJRI_MONTHS: &[(&str, u8)] = &[
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع الثاني", 4),
    ("ربيع الاخر", 4),
    ("جمادى الاولى", 5),
    ("جمادى الاول", 5),
    ("جمادى الثانية", 6),
    ("جمادى الاخرة", 6),
    ("جمادى الاخر", 6),
    ("جمادى الثاني", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعدة", 11),
    ("ذي القعدة", 11),
    ("ذو الحجة", 12),
    ("ذي الحجة", 12),
];

/// Ordinal day words (matching keys): the first through the tenth; teens
/// and tens are built from them.
const ORDINAL_UNITS: &[(&str, u8)] = &[
    ("الاول", 1),
    ("الحادي", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
    ("العاشر", 10),
];

/// Month names of every calendar with their numbers, longest first, as
/// matching keys; `hijri` tells which calendar.
pub(crate) fn month_names() -> impl Iterator<Item = (&'static str, u8, bool)> {
    GREGORIAN_MONTHS
        .iter()
        .map(|&(n, m)| (n, m, false))
        .chain(HIJRI_MONTHS.iter().map(|&(n, m)| (n, m, true)))
}

/// Every month name of [`month_names`], by its index there.
fn month_finder() -> &'static aho_corasick::AhoCorasick {
    static FINDER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| {
        aho_corasick::AhoCorasick::new(month_names().map(|(name, _, _)| name))
            .expect("month names make an automaton")
    })
}

/// Reads a string that states exactly one date (and nothing else but
/// punctuation, an era mark `م`/`هـ`/`AD`, a weekday name or a lead-in such
/// as `نشر في`). Returns the Gregorian date; Hijri dates are converted
/// (numeric ones by the rule of [`HIJRI_YEARS`]).
///
/// ```
/// use isnad_time::{parse_date, Date};
/// assert_eq!(parse_date("٢٠٢٢/١/١٥ م"), Date::new(2022, 1, 15));
/// assert_eq!(parse_date("19 كانون الثاني 2022"), Date::new(2022, 1, 19));
/// assert_eq!(parse_date("الثاني عشر من جمادى الآخرة ١٤٤٣ هـ"), Date::new(2022, 1, 15));
/// assert_eq!(parse_date("19/6/1436"), Date::new(2015, 4, 8));
/// assert_eq!(parse_date("2022-01-07T10:00:00Z"), Date::new(2022, 1, 7));
/// assert_eq!(parse_date("قال الرئيس"), None);
/// ```
pub fn parse_date(s: &str) -> Option<Date> {
    parse_stated_date(s).map(|(date, _)| date)
}

/// [`parse_date`], with the calendar the date was written in.
///
/// ```
/// use isnad_time::{parse_stated_date, Calendar, Date};
/// let stated = parse_stated_date("١٩/٦/١٤٣٦هـ");
/// assert_eq!(stated, Some((Date::new(2015, 4, 8).unwrap(), Calendar::Hijri)));
/// ```
pub fn parse_stated_date(s: &str) -> Option<(Date, Calendar)> {
    let key = fold_key(s, NormalizeOptions::matching());
    let key = key.replace('\u{0640}', "");
    let (cleaned, era) = strip_decorations(&key);
    let t = cleaned.as_str();
    parse_numeric(t, era).or_else(|| parse_named(t))
}

/// Removes era marks, weekday names, lead-ins and punctuation around a
/// date; says which era marks there were.
fn strip_decorations(key: &str) -> (String, EraMark) {
    if let Some(iso) = iso_prefix(key) {
        return (iso, EraMark::Unmarked);
    }
    // Separate digits glued to letters ("1445هـ", "2020م").
    let mut spaced = String::with_capacity(key.len() + 8);
    let mut prev: Option<char> = None;
    for c in key.chars() {
        if let Some(p) = prev {
            if (p.is_ascii_digit() && isnad_text::arabic::is_alphabetic(c))
                || (c.is_ascii_digit() && isnad_text::arabic::is_alphabetic(p))
            {
                spaced.push(' ');
            }
        }
        spaced.push(c);
        prev = Some(c);
    }
    const DROP: &[&str] = &[
        "مـ",
        "هـ",
        "الموافق",
        "يوم",
        "نشر",
        "في",
        "بتاريخ",
        "تاريخ",
        "النشر",
        "اخر",
        "تحديث",
        "التحديث",
        "السبت",
        "الاحد",
        "الاثنين",
        "الثلاثاء",
        "الاربعاء",
        "الخميس",
        "الجمعة",
        "عام",
        "سنة",
        "لعام",
        "لسنة",
        "من",
        "شهر",
        "published",
        "updated",
        "on",
        "saturday",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
    ];
    let words: Vec<&str> = spaced
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '،' | '(' | ')' | '|' | ':' | '–' | '—')
        })
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | '-')))
        .filter(|w| !w.is_empty())
        .collect();
    let hijri = words.iter().any(|w| HIJRI_MARKS.contains(w));
    let gregorian = words.iter().any(|w| GREGORIAN_MARKS.contains(w));
    let era = match (hijri, gregorian) {
        (false, false) => EraMark::Unmarked,
        (true, false) => EraMark::Hijri,
        (false, true) => EraMark::Gregorian,
        (true, true) => EraMark::Both,
    };
    let kept: Vec<&str> = words
        .into_iter()
        .filter(|w| !DROP.contains(w) && !HIJRI_MARKS.contains(w) && !GREGORIAN_MARKS.contains(w))
        .collect();
    (kept.join(" "), era)
}

/// `YYYY-MM-DD` at the start of a key (ISO 8601 with any time part).
fn iso_prefix(key: &str) -> Option<String> {
    let k = key.trim();
    let b = k.as_bytes();
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' '))
    {
        Some(format!("{}/{}/{}", &k[..4], &k[5..7], &k[8..10]))
    } else {
        None
    }
}

/// `Y/M/D`, `D/M/Y` (also with `-` or `.`), the whole string, in the
/// calendar [`calendar_of`] gives its year and `era` marks.
fn parse_numeric(t: &str, era: EraMark) -> Option<(Date, Calendar)> {
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4)
    {
        return None;
    }
    let n: Vec<i32> = parts.iter().map(|p| p.parse().unwrap_or(-1)).collect();
    let (year, month, day) = if parts[0].len() == 4 {
        (n[0], n[1], n[2])
    } else if parts[2].len() == 4 {
        (n[2], n[1], n[0])
    } else {
        return None;
    };
    let (month, day) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
    let calendar = calendar_of(year, era)?;
    let date = match calendar {
        Calendar::Hijri => hijri_to_gregorian(year, month, day)?,
        Calendar::Gregorian => Date::new(year, month, day)?,
    };
    Some((date, calendar))
}

/// `D MONTH YYYY`, `MONTH D YYYY`, ordinal Hijri days, the whole string.
/// The month name of `t`: the longest standing as whole words (between
/// spaces, '/' or the ends), the first in the list of names and then in the
/// text among equals; as (start, end, month, hijri).
fn month_in(t: &str) -> Option<(usize, usize, u8, bool)> {
    let names = month_finder();
    // The best so far, as (start, end, name index).
    let mut best: Option<(usize, usize, usize)> = None;
    // Where the next occurrence of each name may start (occurrences of one
    // name do not overlap).
    let mut next_from = vec![0usize; names.patterns_len()];
    for found in names.find_overlapping_iter(t) {
        let (s, e, name) = (found.start(), found.end(), found.pattern().as_usize());
        if s < next_from[name] {
            continue;
        }
        next_from[name] = e;
        let before_ok = s == 0 || t[..s].ends_with(' ') || t[..s].ends_with('/');
        let after_ok = e == t.len() || t[e..].starts_with(' ') || t[e..].starts_with('/');
        let better = best.is_none_or(|(bs, be, bn)| {
            (e - s, std::cmp::Reverse(name), std::cmp::Reverse(s))
                > (be - bs, std::cmp::Reverse(bn), std::cmp::Reverse(bs))
        });
        if before_ok && after_ok && better {
            best = Some((s, e, name));
        }
    }
    let (s, e, name) = best?;
    let (_, month, hijri) = month_names().nth(name).expect("a month name's index");
    Some((s, e, month, hijri))
}

fn parse_named(t: &str) -> Option<(Date, Calendar)> {
    let (s, e, month, hijri) = month_in(t)?;
    let before = strip_trailing_month(t[..s].trim().trim_end_matches('/').trim());
    let after = t[e..].trim().trim_start_matches('/').trim();
    // "تموز/يوليو": a second month name glued by '/' is the same month.
    let after = strip_leading_month(after);
    let numbers = |x: &str| -> Vec<i32> { x.split(' ').filter_map(|w| w.parse().ok()).collect() };
    let (day, year) = match (numbers(before).as_slice(), numbers(after).as_slice()) {
        ([d], [y]) => (*d, *y),
        ([], [d, y]) => (*d, *y),
        ([], [y]) if ordinal_day(before).is_some() => (ordinal_day(before)? as i32, *y),
        _ => return None,
    };
    if before.split(' ').filter(|w| !w.is_empty()).count() > 1 && ordinal_day(before).is_none() {
        return None;
    }
    if !(1..=31).contains(&day) {
        return None;
    }
    if hijri {
        Some((hijri_to_gregorian(year, month, day as u8)?, Calendar::Hijri))
    } else {
        Some((Date::new(year, month, day as u8)?, Calendar::Gregorian))
    }
}

fn strip_trailing_month(s: &str) -> &str {
    for (name, _, _) in month_names() {
        if let Some(rest) = s.strip_suffix(name) {
            if rest.is_empty() || rest.ends_with(' ') || rest.ends_with('/') {
                return rest.trim_end().trim_end_matches('/').trim_end();
            }
        }
    }
    s
}

fn strip_leading_month(s: &str) -> &str {
    for (name, _, _) in month_names() {
        if let Some(rest) = s.strip_prefix(name) {
            if rest.is_empty() || rest.starts_with(' ') {
                return rest.trim_start();
            }
        }
    }
    s
}

/// An ordinal day in words: `الثاني عشر` → 12, `الحادي والعشرين` → 21, or digits.
fn ordinal_day(s: &str) -> Option<u8> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u8>() {
        return Some(n);
    }
    let words: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
    let unit = |w: &str| ORDINAL_UNITS.iter().find(|(n, _)| *n == w).map(|&(_, v)| v);
    match words.as_slice() {
        [w] if *w == "العشرين" || *w == "العشرون" => Some(20),
        [w] if *w == "الثلاثين" || *w == "الثلاثون" => Some(30),
        [w] => unit(w),
        [u, "عشر"] => unit(u).filter(|&v| v < 10).map(|v| v + 10),
        [u, t] if *t == "والعشرين" || *t == "والعشرون" => {
            unit(u).filter(|&v| v < 10).map(|v| v + 20)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The month name [`parse_named`] picks, found name by name with
    /// `str::find` (as it first was): the reference for the automaton.
    fn month_by_search(t: &str) -> Option<(usize, usize, u8, bool)> {
        let mut best: Option<(usize, usize, u8, bool)> = None;
        for (name, m, hijri) in month_names() {
            let mut from = 0;
            while let Some(i) = t[from..].find(name) {
                let s = from + i;
                let e = s + name.len();
                let before_ok = s == 0 || t[..s].ends_with(' ') || t[..s].ends_with('/');
                let after_ok = e == t.len() || t[e..].starts_with(' ') || t[e..].starts_with('/');
                if before_ok && after_ok && best.is_none_or(|b| name.len() > b.1 - b.0) {
                    best = Some((s, e, m, hijri));
                }
                from = e;
            }
        }
        best
    }

    #[test]
    fn the_automaton_picks_the_month_name_the_search_did() {
        // Every month name, pairs of names (one the prefix or suffix of the
        // other, glued by '/' or a space, repeated), with numbers and words around.
        let names: Vec<&str> = month_names().map(|n| n.0).collect();
        let mut phrases = Vec::new();
        for a in &names {
            phrases.push(a.to_string());
            phrases.push(format!("19 {a} 2022"));
            phrases.push(format!("x{a} {a}x"));
            for b in &names {
                for sep in [" ", "/", "", " من "] {
                    phrases.push(format!("6 {a}{sep}{b} 2023"));
                    phrases.push(format!("{a}{sep}{b}{sep}{a}"));
                }
            }
        }
        for t in &phrases {
            let t = fold_key(t, NormalizeOptions::matching());
            assert_eq!(month_in(&t), month_by_search(&t), "{t}");
        }
    }

    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(parse_date("2022/1/5"), d(2022, 1, 5));
        assert_eq!(parse_date("٢٠٢٢/١/٥"), d(2022, 1, 5));
        assert_eq!(parse_date("05-01-2022"), d(2022, 1, 5));
        assert_eq!(parse_date("5.1.2022"), d(2022, 1, 5));
        assert_eq!(parse_date("2022/13/5"), None);
        assert_eq!(parse_date("2022/2/30"), None);
        // A month or day past 255 is no date (it once wrapped: 257 read as January).
        assert_eq!(parse_date("2022/257/5"), None);
        assert_eq!(parse_date("261/1/2022"), None);
    }

    #[test]
    fn named_months_of_every_region() {
        assert_eq!(parse_date("6 يناير 2022"), d(2022, 1, 6));
        assert_eq!(parse_date("الخميس 6 كانون الثاني 2022"), d(2022, 1, 6));
        assert_eq!(parse_date("6 جانفي 2022"), d(2022, 1, 6));
        assert_eq!(parse_date("6 تموز/يوليو 2023"), d(2023, 7, 6));
        assert_eq!(parse_date("نشر في: 14 أغسطس 2021"), d(2021, 8, 14));
        assert_eq!(parse_date("January 15, 2022"), d(2022, 1, 15));
        assert_eq!(parse_date("15 Jan 2022"), d(2022, 1, 15));
        assert_eq!(parse_date("٣ آذار ٢٠٢٠م"), d(2020, 3, 3));
    }

    #[test]
    fn hijri_dates_are_converted() {
        assert_eq!(parse_date("12 جمادى الآخرة 1443 هـ"), d(2022, 1, 15));
        assert_eq!(parse_date("1 رمضان 1445هـ"), d(2024, 3, 11));
        assert_eq!(
            parse_date("الحادي والعشرين من ذي الحجة ١٤٤٤ هـ"),
            hijri_to_gregorian(1444, 12, 21)
        );
        assert_eq!(hijri_to_gregorian(1444, 12, 21), d(2023, 7, 9));
    }

    #[test]
    fn numeric_dates_with_a_hijri_year_are_hijri() {
        // 19 Jumada al-Akhirah 1436 is 8 April 2015 (Umm al-Qura).
        let expected = hijri_to_gregorian(1436, 6, 19);
        assert_eq!(expected, d(2015, 4, 8));
        for written in [
            "19/6/1436",
            "1436/6/19",
            "19/6/1436 هـ",
            "1436/06/19هـ",
            "١٩/٦/١٤٣٦",
            "١٤٣٦/٦/١٩ هـ",
            "19-06-1436 ه",
            "19.6.1436",
            "الخميس 19/6/1436هـ",
            "19/6/1436 هجري",
        ] {
            assert_eq!(parse_date(written), expected, "{written}");
        }
        // The Hijri years of modern news: 1300 (1882) to 1500 (2077).
        assert_eq!(parse_date("1/1/1300"), hijri_to_gregorian(1300, 1, 1));
        assert_eq!(parse_date("1/1/1500"), hijri_to_gregorian(1500, 1, 1));
        // A day the Hijri month does not have is no date, not a guess.
        let short = (1..=11u8)
            .find(|&m| {
                hijri_to_gregorian(1436, m, 29).map(|d| d.add_days(1))
                    == hijri_to_gregorian(1436, m + 1, 1)
            })
            .expect("a month of 29 days in 1436");
        assert_eq!(parse_date(&format!("30/{short}/1436")), None);
        assert_eq!(hijri_to_gregorian(1436, short, 30), None);
    }

    #[test]
    fn an_era_mark_decides_and_contradictions_are_refused() {
        // Marked Gregorian: a year of the Hijri range stays Gregorian.
        assert_eq!(parse_date("29/5/1453 م"), d(1453, 5, 29));
        assert_eq!(parse_date("29/5/1453م"), d(1453, 5, 29));
        assert_eq!(parse_date("1453/5/29 ميلادي"), d(1453, 5, 29));
        // Marked Hijri below the range: an older Hijri date, converted.
        assert_eq!(parse_date("1/1/1250 هـ"), hijri_to_gregorian(1250, 1, 1));
        // Gregorian years are Gregorian; marked Hijri they are a contradiction.
        assert_eq!(parse_date("15/1/2022"), d(2022, 1, 15));
        assert_eq!(parse_date("15/1/2022 م"), d(2022, 1, 15));
        assert_eq!(parse_date("15/1/2022 هـ"), None);
        assert_eq!(parse_date("19/6/1436 هـ م"), None);
    }

    #[test]
    fn day_arithmetic_and_weekdays() {
        let d = Date::new(2022, 1, 5).unwrap();
        assert_eq!(d.add_days(-5).to_string(), "2021-12-31");
        assert_eq!(d.add_days(60).to_string(), "2022-03-06");
        assert_eq!(d.weekday(), 3, "5 January 2022 was a Wednesday");
        assert_eq!(
            Date::new(2024, 2, 29).unwrap().add_days(1).to_string(),
            "2024-03-01"
        );
    }

    #[test]
    fn text_that_is_not_only_a_date_is_refused() {
        assert_eq!(parse_date("قتل 5 يناير 2022 الناس"), None);
        assert_eq!(parse_date("يناير"), None);
        assert_eq!(parse_date(""), None);
    }
}
