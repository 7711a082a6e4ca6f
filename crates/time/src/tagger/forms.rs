//! The forms the tagger reads, one method each; each returns the reading at
//! token `i` and the token after it.

use super::*;

/// `REF`, `REF-P1D`, `REF+P2W`: an unresolved offset from the anchor.
pub(super) fn ref_value(n: i64, letter: &str) -> String {
    match n {
        0 => "REF".to_string(),
        _ => format!("REF{}P{}{letter}", if n < 0 { '-' } else { '+' }, n.abs()),
    }
}

/// The date `n` units after `d` (day clamped to the month).
pub(super) fn shift_day(d: Date, n: i64, unit: Unit) -> Date {
    let clamp = |y: i32, m: u8| Date::new(y, m, d.day.min(crate::days_in_month(y, m))).unwrap_or(d);
    match unit {
        Unit::Day => d.add_days(n),
        Unit::Week => d.add_days(7 * n),
        Unit::Month => {
            let (y, m) = add_months(d.year, d.month, n);
            clamp(y, m)
        }
        Unit::Year => clamp(d.year + n as i32, d.month),
        Unit::Decade => clamp(d.year + 10 * n as i32, d.month),
    }
}

pub(super) fn part_code(p: &str) -> &'static str {
    match p {
        "MI" => "MI",
        "AF" => "AF",
        "EV" => "EV",
        "NI" => "NI",
        _ => "MO",
    }
}

impl<'a> Tagger<'a> {
    /// `n` units from the base, at the unit's granularity.
    pub(super) fn resolve_unit(&self, n: i64, unit: Unit, anaphoric: bool) -> Time {
        let offset = Some(Offset { amount: n, unit });
        let Some((base, res)) = self.base(anaphoric) else {
            let (letter, g) = unit_code(unit);
            let g = if unit == Unit::Decade {
                Granularity::Year
            } else {
                g
            };
            return Time::Open(ref_value(n, letter), g, offset);
        };
        let p = match unit {
            Unit::Day => Point::Day(base.add_days(n)),
            Unit::Week => {
                let (y, w) = iso_week(base.add_days(7 * n));
                Point::Week(y, w)
            }
            Unit::Month => {
                let (y, m) = add_months(base.year, base.month, n);
                Point::Month(y, m)
            }
            Unit::Year => Point::Year(base.year + n as i32),
            Unit::Decade => Point::Year(base.year + 10 * n as i32),
        };
        Time::Point(p, res, offset)
    }

    // ---- numbers ----

    /// A number in digits or words at `i`: (end, value).
    pub(super) fn number_at(&self, i: usize) -> Option<(usize, i64)> {
        if let Some(n) = self.number(i) {
            return Some((i + 1, n));
        }
        let cards = &self.lex.cardinals;
        let mut v = *self.get(cards, i)?;
        let mut j = i + 1;
        let mut total = 0;
        loop {
            if v < 10 && self.t.key(j).starts_with("عشر") && cards.contains_key(self.t.key(j)) {
                v += 10;
                j += 1;
            } else if v == 1 && j == i + 1 {
                return None; // "أحد" alone is not a number.
            }
            if v < 10 && matches!(self.t.key(j), "مئه" | "مائه") {
                v *= 100;
                j += 1;
            } else if v < 100 && self.t.key(j) == "الاف" {
                v *= 1000;
                j += 1;
            }
            total += v;
            let next = self.t.key(j);
            match next.strip_prefix('و').and_then(|r| cards.get(r)) {
                Some(&n) if self.t.list.get(j).is_some_and(|t| t.kind == Kind::Word) => {
                    v = n;
                    j += 1;
                }
                _ => return Some((j, total)),
            }
        }
    }

    /// A unit word at `i`: (unit, the count it states, 0 for none).
    pub(super) fn unit_at(&self, i: usize) -> Option<(Unit, i64)> {
        self.get(&self.lex.units, i).map(|&(l, c)| (unit_of(l), c))
    }

    /// A duration at `i`: a number and a unit, a dual, or (when
    /// `single_ok`) a unit alone. (end, count, unit).
    pub(super) fn duration(&self, i: usize, single_ok: bool) -> Option<(usize, i64, Unit)> {
        if let Some((j, n)) = self.number_at(i) {
            let (u, c) = self.unit_at(j)?;
            return (c != 2 && n > 0).then_some((j + 1, n, u));
        }
        let (u, c) = self.unit_at(i)?;
        match c {
            2 => Some((i + 1, 2, u)),
            1 if single_ok && self.number(i + 1).is_none() => Some((i + 1, 1, u)),
            _ => None,
        }
    }

    /// An ordinal day in words at `i` (`الأول`, `الحادي عشر`, `الحادي والعشرين`).
    pub(super) fn ordinal_at(&self, i: usize) -> Option<(usize, u8)> {
        let ords = &self.lex.ordinals;
        let u = *ords.get(self.t.key(i))?;
        let next = self.t.key(i + 1);
        if u < 10 && next == "عشر" {
            return Some((i + 2, u + 10));
        }
        if let Some(&t) = next.strip_prefix('و').and_then(|r| ords.get(r)) {
            if u < 10 && t >= 20 {
                return Some((i + 2, u + t));
            }
        }
        (self.t.key(i) != "الحادي").then_some((i + 1, u))
    }

    /// A day of the month at `i`: digits 1–31 or an ordinal. (end, day, in words).
    pub(super) fn day_at(&self, i: usize) -> Option<(usize, u8, bool)> {
        match self.number(i) {
            Some(n @ 1..=31) => Some((i + 1, n as u8, false)),
            Some(_) => None,
            None => self.ordinal_at(i).map(|(e, d)| (e, d, true)),
        }
    }

    /// A month name at `i` (with a second name glued by `/` or in
    /// brackets): (end, month, hijri).
    pub(super) fn month_at(&self, i: usize) -> Option<(usize, u8, bool)> {
        let names = self.get(&self.lex.months, i)?;
        let (mut end, month, hijri) = names.iter().find_map(|(second, m, h)| match second {
            Some(s) if self.t.key(i + 1) == s => Some((i + 2, *m, *h)),
            Some(_) => None,
            None => Some((i + 1, *m, *h)),
        })?;
        let open = self.punct(end);
        if matches!(open, Some('/' | '(')) {
            if let Some(names) = self.lex.months.get(self.t.key(end + 1)) {
                end += 2;
                if names
                    .iter()
                    .any(|(s, ..)| s.as_deref() == Some(self.t.key(end)))
                {
                    end += 1;
                }
                if open == Some('(') && self.punct(end) == Some(')') {
                    end += 1;
                }
            }
        }
        Some((end, month, hijri))
    }

    /// An era mark at `i`: 'H' or 'G'.
    pub(super) fn era_at(&self, i: usize) -> Option<char> {
        self.lex.era_marks.get(self.t.key(i)).copied()
    }

    /// A year at `i`: `عام 2022`, `سنة ألفين وعشرين`, `2022م`, or (when
    /// `bare_ok`) `2022`. (end, year, era mark).
    pub(super) fn year_at(&self, i: usize, bare_ok: bool) -> Option<(usize, i32, Option<char>)> {
        let prefixed = self.is_any(i, &["عام", "العام", "سنه", "السنه"]);
        let j = if prefixed { i + 1 } else { i };
        let (k, y) = match self.number(j) {
            Some(n) => (j + 1, n),
            None if prefixed => self.number_at(j).filter(|&(_, n)| n >= 1000)?,
            None => return None,
        };
        let era = self.era_at(k);
        // "م" alone after a small number is metres more often than an era.
        let strong_era = era == Some('H') || (era.is_some() && self.t.key(k) != "م");
        let plausible = if prefixed || strong_era {
            1..=2100
        } else if era.is_some() {
            1000..=2100
        } else {
            1800..=2100
        };
        if !plausible.contains(&y) || !(prefixed || era.is_some() || bare_ok) {
            return None;
        }
        if self.number(j).is_some() && self.t.key(j).len() > 4 {
            return None;
        }
        Some((k + era.is_some() as usize, y as i32, era))
    }

    /// The reading of a year with its era mark.
    pub(super) fn year_time(&self, y: i32, era: Option<char>) -> Time {
        if era == Some('H') {
            if let Some((s, e)) = hijri_span(y, None) {
                return Time::Range(
                    Box::new(Time::Point(Point::Day(s), Resolution::Stated, None)),
                    Box::new(Time::Point(Point::Day(e), Resolution::Stated, None)),
                );
            }
        }
        Time::Point(Point::Year(y), Resolution::Stated, None)
    }

    // ---- points ----

    /// A single point at `i` (`bare_ok`: a bare year or month may stand alone).
    pub(super) fn point_at(&self, i: usize, bare_ok: bool) -> Option<Found> {
        self.numeric_date_at(i)
            .or_else(|| self.weekday_at(i))
            .or_else(|| self.day_month_at(i))
            .or_else(|| self.anaphoric_period_at(i))
            .or_else(|| self.period_at(i))
            .or_else(|| self.relative_day_at(i))
            .or_else(|| self.month_alone_at(i, bare_ok))
            .or_else(|| self.decade_at(i))
            .or_else(|| self.season_at(i))
            .or_else(|| {
                let (e, y, era) = self.year_at(i, bare_ok)?;
                Some(found(i, e, self.year_time(y, era)))
            })
    }

    /// `2022/1/5`, `١٩/٦/١٤٣٦ هـ`.
    pub(super) fn numeric_date_at(&self, i: usize) -> Option<Found> {
        if self.t.list.get(i)?.kind != Kind::NumericDate {
            return None;
        }
        let end = if self.era_at(i + 1).is_some() {
            i + 2
        } else {
            i + 1
        };
        let t = &self.t.list;
        let d = crate::parse_date(&self.text_of(t[i].start, t[end - 1].end))?;
        Some(found(
            i,
            end,
            Time::Point(Point::Day(d), Resolution::Stated, None),
        ))
    }

    pub(super) fn text_of(&self, s: usize, e: usize) -> String {
        self.text[s..e].to_string()
    }

    /// `5 يناير 2022`, `الحادي والعشرين من رمضان 1444 هـ`, `19 من كانون
    /// الثاني` (the year from the publication date), `الرابع عشر من الشهر الجاري`.
    pub(super) fn day_month_at(&self, i: usize) -> Option<Found> {
        let (mut j, day, in_words) = self.day_at(i)?;
        if self.t.key(j) == "من" {
            j += 1;
        } else if in_words {
            return None;
        }
        if let Some(&n) = self
            .get(&self.lex.periods, j)
            .filter(|&&u| u == 'M')
            .and(self.get(&self.lex.directions, j + 1))
        {
            let time = match self.anchor {
                Some(p) => {
                    let (y, m) = add_months(p.year, p.month, n);
                    let d = Date::new(y, m, day)?;
                    Time::Point(
                        Point::Day(d),
                        Resolution::Publication,
                        Some(Offset {
                            amount: n,
                            unit: Unit::Month,
                        }),
                    )
                }
                None => Time::Open(
                    format!("XXXX-XX-{day:02}"),
                    Granularity::Day,
                    Some(Offset {
                        amount: n,
                        unit: Unit::Month,
                    }),
                ),
            };
            return Some(found(i, j + 2, time));
        }
        let (k, month, hijri) = self.month_at(j)?;
        if let Some((e, y, era)) = self.year_at(k, true) {
            let d = if hijri || era == Some('H') {
                if hijri {
                    hijri_to_gregorian(y, month, day)?
                } else {
                    return None;
                }
            } else {
                Date::new(y, month, day)?
            };
            return Some(found(
                i,
                e,
                Time::Point(Point::Day(d), Resolution::Stated, None),
            ));
        }
        let end = if self.era_at(k).is_some() { k + 1 } else { k };
        let dir = self
            .get(&self.lex.directions, end)
            .copied()
            .filter(|&d| d != 0);
        let toward = dir.or_else(|| self.future_before(i).then_some(1));
        let end = end + dir.is_some() as usize;
        Some(found(i, end, self.yearless(month, day, hijri, toward)?))
    }

    /// A day and month without a year: the latest such day no more than a
    /// month after the publication date.
    pub(super) fn yearless(
        &self,
        month: u8,
        day: u8,
        hijri: bool,
        toward: Option<i64>,
    ) -> Option<Time> {
        let Some(p) = self.anchor else {
            let v = if hijri {
                "XXXX-XX-XX".to_string()
            } else {
                format!("XXXX-{month:02}-{day:02}")
            };
            return Some(Time::Open(v, Granularity::Day, None));
        };
        let limit = match toward {
            Some(1) => p.add_days(400),
            Some(_) => p.add_days(-1),
            None => p.add_days(31),
        };
        let d = if hijri {
            let approx = (p.year - 622) * 33 / 32 + 1;
            let mut found = (approx - 2..=approx + 1)
                .rev()
                .filter_map(|y| hijri_to_gregorian(y, month, day));
            if toward == Some(1) {
                let all: Vec<Date> = found.collect();
                all.into_iter().rev().find(|d| *d >= p)?
            } else {
                found.find(|d| *d <= limit)?
            }
        } else {
            let d = Date::new(p.year, month, day).or_else(|| Date::new(p.year - 1, month, day))?;
            let d = if d > limit {
                Date::new(p.year - 1, month, day)?
            } else {
                d
            };
            match toward {
                Some(1) if d < p => Date::new(p.year + 1, month, day)?,
                _ => d,
            }
        };
        Some(Time::Point(Point::Day(d), Resolution::Publication, None))
    }

    /// `الجمعة`, `يوم الجمعة الماضي`, `الأحد المقبل`, `سيعقد ... الأحد`, or a
    /// weekday beside a date (`الخميس 6 يناير 2022`: the date wins).
    pub(super) fn weekday_at(&self, i: usize) -> Option<Found> {
        let j = if self.is(i, "يوم") { i + 1 } else { i };
        let wd = *self.get(&self.lex.weekdays, j)?;
        let mut k = j + 1;
        let mut m = k;
        if matches!(self.punct(m), Some(',' | '،')) {
            m += 1;
        }
        if self.is(m, "الموافق") {
            m += 1;
        }
        if let Some(mut f) = self.numeric_date_at(m).or_else(|| self.day_month_at(m)) {
            if let Time::Point(Point::Day(d), ..) = f.time {
                if d.weekday() != wd {
                    f.conflict = Some(WeekdayConflict {
                        stated: wd,
                        actual: d.weekday(),
                    });
                }
            }
            f.a = i;
            return Some(f);
        }
        let dir = self.get(&self.lex.directions, k).copied();
        if dir.is_some() {
            k += 1;
        }
        let future = dir == Some(1) || (dir.is_none() && self.future_before(i));
        let Some(p) = self.anchor else {
            let iso = if wd == 0 { 7 } else { wd };
            return Some(found(
                i,
                k,
                Time::Open(format!("XXXX-WXX-{iso}"), Granularity::Day, None),
            ));
        };
        let back = (p.weekday() as i64 - wd as i64).rem_euclid(7);
        let ahead = (wd as i64 - p.weekday() as i64).rem_euclid(7);
        let n = match dir {
            Some(-1) if back == 0 => -7,
            Some(1) if ahead == 0 => 7,
            _ if future => ahead,
            _ => -back,
        };
        let time = Time::Point(
            Point::Day(p.add_days(n)),
            Resolution::Publication,
            Some(Offset {
                amount: n,
                unit: Unit::Day,
            }),
        );
        Some(found(i, k, time))
    }

    /// Whether a future verb or cue comes shortly before token `i` in its sentence.
    pub(super) fn future_before(&self, i: usize) -> bool {
        for j in (i.saturating_sub(6)..i).rev() {
            if matches!(self.punct(j), Some('.' | '؟' | '!' | '?')) {
                return false;
            }
            for f in self.t.forms(j).into_iter().flatten() {
                let f = f.as_ref();
                if self.lex.future_cues.contains_key(f) {
                    return true;
                }
                let verb =
                    ["سي", "ست", "سن"].iter().any(|p| f.starts_with(p)) && f.chars().count() >= 5;
                if verb && !self.lex.not_future.contains_key(f) {
                    return true;
                }
            }
        }
        false
    }

    /// `أمس`, `أول من أمس`, `بعد غد`, `اليوم`.
    pub(super) fn relative_day_at(&self, i: usize) -> Option<Found> {
        let phrases = self.get(&self.lex.relative_days, i)?;
        let (rest, off) = phrases.iter().find(|(rest, _)| {
            rest.iter()
                .enumerate()
                .all(|(n, w)| self.t.key(i + 1 + n) == w)
        })?;
        Some(found(
            i,
            i + 1 + rest.len(),
            self.resolve_unit(*off, Unit::Day, false),
        ))
    }

    /// `الأسبوع الماضي`, `الشهر الجاري`, `العام المقبل`, `هذا العام`.
    pub(super) fn period_at(&self, i: usize) -> Option<Found> {
        let this = self.is_any(i, &["هذا", "هذه"]);
        let j = if this { i + 1 } else { i };
        let unit = unit_of(*self.get(&self.lex.periods, j)?);
        if unit == Unit::Day {
            return None;
        }
        let (n, end) = if this {
            (0, j + 1)
        } else if self.is(j + 1, "قبل") && self.get(&self.lex.directions, j + 2) == Some(&-1) {
            (-2, j + 3)
        } else {
            (*self.get(&self.lex.directions, j + 1)?, j + 2)
        };
        Some(found(i, end, self.resolve_unit(n, unit, false)))
    }

    /// `اليوم التالي`, `العام السابق`, `في نفس اليوم`, `ذلك اليوم`: from the
    /// last resolved date.
    pub(super) fn anaphoric_period_at(&self, i: usize) -> Option<Found> {
        let before = self.is_any(i, &["نفس", "ذات", "ذلك", "تلك"]);
        let j = if before { i + 1 } else { i };
        let unit = unit_of(*self.get(&self.lex.periods, j)?);
        let (n, end) = if before {
            (0, j + 1)
        } else {
            (*self.lex.anaphoric.get(self.t.key(j + 1))?, j + 2)
        };
        Some(found(i, end, self.resolve_unit(n, unit, true)))
    }

    /// `مارس 2022`, `شهر مارس`, `مارس الماضي`, `رمضان 1445 هـ`; a bare
    /// month name only when `bare_ok`.
    pub(super) fn month_alone_at(&self, i: usize, bare_ok: bool) -> Option<Found> {
        let named = self.is(i, "شهر");
        let j = if named { i + 1 } else { i };
        let (k, m, hijri) = self.month_at(j)?;
        if let Some((e, y, _)) = self.year_at(k, true) {
            let time = if hijri {
                let (s, e) = hijri_span(y, Some(m))?;
                Time::Range(
                    Box::new(Time::Point(Point::Day(s), Resolution::Stated, None)),
                    Box::new(Time::Point(Point::Day(e), Resolution::Stated, None)),
                )
            } else {
                Time::Point(Point::Month(y, m), Resolution::Stated, None)
            };
            return Some(found(i, e, time));
        }
        if hijri {
            return None;
        }
        let dir = self.get(&self.lex.directions, k).copied();
        if dir.is_none() && !named && !bare_ok {
            return None;
        }
        let end = if dir.is_some() { k + 1 } else { k };
        let Some(p) = self.anchor else {
            return Some(found(
                i,
                end,
                Time::Open(format!("XXXX-{m:02}"), Granularity::Month, None),
            ));
        };
        let y = match dir {
            Some(-1) if m >= p.month => p.year - 1,
            Some(1) if m <= p.month => p.year + 1,
            _ => p.year,
        };
        Some(found(
            i,
            end,
            Time::Point(Point::Month(y, m), Resolution::Publication, None),
        ))
    }

    /// `التسعينيات`, `عقد الثمانينيات`, `تسعينيات القرن الماضي`.
    pub(super) fn decade_at(&self, i: usize) -> Option<Found> {
        let j = if self.is(i, "عقد") { i + 1 } else { i };
        let tens = *self.get_bare(&self.lex.decades, j)?;
        let mut k = j + 1;
        let mut century = 19;
        let q = if self.is(k, "من") { k + 1 } else { k };
        if self.is(q, "القرن") {
            let first = self.t.key(q + 1);
            if let Some(list) = self.lex.centuries.get(first) {
                if let Some((rest, c)) = list.iter().find(|(rest, _)| {
                    rest.iter()
                        .enumerate()
                        .all(|(n, w)| self.t.key(q + 2 + n) == w)
                }) {
                    century = *c;
                    k = q + 2 + rest.len();
                }
            }
        }
        Some(found(
            i,
            k,
            Time::Point(Point::Decade(century * 10 + tens), Resolution::Stated, None),
        ))
    }

    /// `صيف 2022`, `الشتاء الماضي`, `خريف العام الماضي`, `هذا الصيف`.
    pub(super) fn season_at(&self, i: usize) -> Option<Found> {
        let this = self.is_any(i, &["هذا", "هذه"]);
        let mut j = if this { i + 1 } else { i };
        if self.is(j, "فصل") {
            j += 1;
        }
        let code = self.get_bare(&self.lex.seasons, j)?;
        let s = crate::calendar::SEASONS.iter().position(|c| c == code)? as u8;
        let k = j + 1;
        if let Some((e, y, _)) = self.year_at(k, true) {
            return Some(found(
                i,
                e,
                Time::Point(Point::Season(y, s), Resolution::Stated, None),
            ));
        }
        let (dir, end, of_year) = if self.is_any(k, &["العام", "السنه"]) {
            (*self.get(&self.lex.directions, k + 1)?, k + 2, true)
        } else if let Some(&d) = self.get(&self.lex.directions, k) {
            (d, k + 1, false)
        } else if this {
            (0, k, false)
        } else {
            return None;
        };
        let Some(p) = self.anchor else {
            let v = format!("XXXX-{code}");
            return Some(found(i, end, Time::Open(v, Granularity::Season, None)));
        };
        let (ay, asn) = season_of(p);
        let y = if of_year {
            p.year + dir as i32
        } else {
            let idx = |y: i32| y * 4 + s as i32;
            let now = ay * 4 + asn as i32;
            match dir {
                -1 => (ay - 1..=ay).rev().find(|&y| idx(y) < now)?,
                1 => (ay..=ay + 1).find(|&y| idx(y) > now)?,
                _ => ay,
            }
        };
        Some(found(
            i,
            end,
            Time::Point(Point::Season(y, s), Resolution::Publication, None),
        ))
    }
}
