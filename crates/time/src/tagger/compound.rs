//! Compound forms: ranges, `منذ`, qualifiers, `قبل`/`بعد` + duration, sets,
//! parts of day, durations, years after a preposition.

use super::*;

impl<'a> Tagger<'a> {
    /// `من 5 إلى 7 يناير 2022`, `بين عامي 2010 و2014`, `من يناير حتى مارس 2022`.
    pub(super) fn range_at(&self, i: usize) -> Option<Found> {
        let between = self.t.key(i) == "بين" || self.is(i, "بين");
        if !between && !self.is(i, "من") {
            return None;
        }
        let mut j = i + 1;
        if self.is_any(j, &["عامي", "العامين", "سنتي", "يومي", "شهري"]) {
            j += 1;
        }
        let link_at = |k: usize| -> bool {
            match self.get(&self.lex.range_links, k).map(String::as_str) {
                Some("and") => between,
                Some(_) => !between,
                None => false,
            }
        };
        // A bare first day or month takes the rest from the second end.
        if let Some((k, day1, _)) = self.day_at(j).filter(|&(k, ..)| link_at(k)) {
            let (_, day2, _) = self.day_at(k + 1)?;
            let f2 = self.day_month_at(k + 1)?;
            let first = match f2.time.clone() {
                Time::Point(Point::Day(d), r, o) => {
                    Time::Point(Point::Day(d.add_days(day1 as i64 - day2 as i64)), r, o)
                }
                Time::Open(v, g, o) => Time::Open(format!("{}{day1:02}", &v[..v.len() - 2]), g, o),
                _ => return None,
            };
            return Some(found(
                i + 1,
                f2.b,
                Time::Range(Box::new(first), Box::new(f2.time)),
            ));
        }
        if let Some((k, m1, false)) = self.month_at(j).filter(|&(k, ..)| link_at(k)) {
            let f2 = self.month_alone_at(k + 1, true)?;
            let first = match f2.time.clone() {
                Time::Point(Point::Month(y, _), r, o) => Time::Point(Point::Month(y, m1), r, o),
                Time::Open(..) => Time::Open(format!("XXXX-{m1:02}"), Granularity::Month, None),
                _ => return None,
            };
            return Some(found(
                i + 1,
                f2.b,
                Time::Range(Box::new(first), Box::new(f2.time)),
            ));
        }
        let f1 = self.point_at(j, true)?;
        if matches!(f1.time, Time::Range(..)) || !link_at(f1.b) {
            return None;
        }
        let f2 = self.point_at(f1.b + 1, true)?;
        Some(found(
            i + 1,
            f2.b,
            Time::Range(Box::new(f1.time), Box::new(f2.time)),
        ))
    }

    /// `منذ 2011`, `منذ مطلع العام`, `منذ ثلاثة أيام`: a span ending at the
    /// publication date.
    pub(super) fn since_at(&self, i: usize) -> Option<Found> {
        if !self.is(i, "منذ") {
            return None;
        }
        let end_point = || match self.anchor {
            Some(p) => Time::Point(Point::Day(p), Resolution::Publication, None),
            None => Time::Open("REF".into(), Granularity::Day, None),
        };
        if let Some((k, n, unit)) = self.duration(i + 1, true) {
            let offset = Some(Offset { amount: -n, unit });
            let start = match self.anchor {
                Some(p) => Time::Point(
                    Point::Day(super::forms_shift(p, -n, unit)),
                    Resolution::Publication,
                    offset,
                ),
                None => Time::Open(
                    super::forms_ref(-n, unit_code(unit).0),
                    Granularity::Day,
                    offset,
                ),
            };
            return Some(found(
                i,
                k,
                Time::Range(Box::new(start), Box::new(end_point())),
            ));
        }
        let inner = self
            .qualified_at(i + 1)
            .or_else(|| self.point_at(i + 1, true))?;
        if matches!(inner.time, Time::Range(..)) {
            return None;
        }
        let mut f = found(
            i,
            inner.b,
            Time::Range(Box::new(inner.time), Box::new(end_point())),
        );
        f.modifier = inner.modifier;
        Some(f)
    }

    /// `مطلع العام`, `منتصف الشهر الجاري`, `أواخر 2021`, `نهاية التسعينيات`.
    pub(super) fn qualified_at(&self, i: usize) -> Option<Found> {
        let m = match self.get(&self.lex.qualifiers, i)?.as_str() {
            "START" => Modifier::Start,
            "MID" => Modifier::Mid,
            _ => Modifier::End,
        };
        let j = i + 1;
        let mut inner = self
            .period_at(j)
            .or_else(|| self.month_alone_at(j, true))
            .or_else(|| self.decade_at(j))
            .or_else(|| self.season_at(j))
            .or_else(|| {
                self.year_at(j, true)
                    .map(|(e, y, era)| found(j, e, self.year_time(y, era)))
            })
            .or_else(|| {
                let unit = unit_of(*self.get(&self.lex.periods, j)?);
                (unit != Unit::Day).then(|| found(j, j + 1, self.resolve_unit(0, unit, false)))
            })?;
        inner.a = i;
        inner.modifier = Some(m);
        Some(inner)
    }

    /// `قبل ثلاثة أيام`, `بعد أسبوعين`, `قبل شهر`, `بعد يومين من ذلك`,
    /// `بعد ذلك بيومين`.
    pub(super) fn shifted_at(&self, i: usize) -> Option<Found> {
        let sign = if self.is(i, "قبل") {
            -1
        } else if self.is(i, "بعد") {
            1
        } else {
            return None;
        };
        if self.is(i + 1, "ذلك") {
            let (k, n, unit) = self.duration(i + 2, true)?;
            return Some(found(i, k, self.resolve_unit(sign * n, unit, true)));
        }
        let (mut k, n, unit) = self.duration(i + 1, true)?;
        let anaphoric = self.is(k, "من");
        if anaphoric && self.is_any(k + 1, &["ذلك", "ذلكم"]) {
            k += 2;
        }
        Some(found(i, k, self.resolve_unit(sign * n, unit, anaphoric)))
    }

    /// `يوميا`, `كل أسبوع`, `كل جمعة`, `كل ثلاثة أيام`.
    pub(super) fn set_at(&self, i: usize) -> Option<Found> {
        if let Some(v) = self.get(&self.lex.sets, i) {
            let g = match v.as_str() {
                "P1W" => Granularity::Week,
                "P1M" => Granularity::Month,
                "P1Y" => Granularity::Year,
                _ => Granularity::Day,
            };
            return Some(found(i, i + 1, Time::Set(v.clone(), g)));
        }
        if !self.is(i, "كل") {
            return None;
        }
        let j = if self.is(i + 1, "يوم")
            && self
                .lex
                .weekdays
                .contains_key(&format!("ال{}", self.t.key(i + 2)))
        {
            i + 2
        } else {
            i + 1
        };
        let wd = self
            .lex
            .weekdays
            .get(&format!("ال{}", self.t.key(j)))
            .or_else(|| self.get(&self.lex.weekdays, j));
        if let Some(&wd) = wd {
            let iso = if wd == 0 { 7 } else { wd };
            return Some(found(
                i,
                j + 1,
                Time::Set(format!("XXXX-WXX-{iso}"), Granularity::Day),
            ));
        }
        let (k, n, unit) = self.duration(i + 1, true)?;
        let (letter, g) = unit_code(unit);
        Some(found(i, k, Time::Set(format!("P{n}{letter}"), g)))
    }

    /// `صباح أمس`, `مساء الجمعة`, `فجر اليوم`, `الليلة الماضية`, `ليلة
    /// الجمعة` (the night before Friday), `صباح اليوم التالي`.
    pub(super) fn part_of_day_at(&self, i: usize) -> Option<Found> {
        if self.is(i, "الليله") {
            let back = self.get(&self.lex.directions, i + 1) == Some(&-1);
            let off = -(back as i64);
            let time = self.with_part(self.resolve_unit(off, Unit::Day, false), "NI", 0);
            return Some(found(i, i + 1 + back as usize, time));
        }
        if self.is_any(i, &["هذا", "هذه"]) {
            // "هذا العصر" is "this era", not "this afternoon".
            let code = self
                .get_bare(&self.lex.day_parts, i + 1)
                .filter(|c| *c != "AF")?;
            let time = self.with_part(self.resolve_unit(0, Unit::Day, false), code, 0);
            return Some(found(i, i + 2, time));
        }
        let code = self.get(&self.lex.day_parts, i)?;
        let j = if self.is(i + 1, "يوم") {
            i + 2
        } else {
            i + 1
        };
        if let Some(f) = self.weekday_at(j) {
            let shift = if self.is(i, "ليله")
                && f.conflict.is_none()
                && self.get(&self.lex.weekdays, f.b - 1).is_some()
            {
                -1
            } else {
                0
            };
            return Some(found(i, f.b, self.with_part(f.time, code, shift)));
        }
        let day_of = |f: &Found| {
            matches!(
                f.time,
                Time::Point(Point::Day(_), ..) | Time::Open(_, Granularity::Day, _)
            )
        };
        let f = self
            .anaphoric_period_at(j)
            .filter(day_of)
            .or_else(|| self.relative_day_at(j))
            .or_else(|| self.numeric_date_at(j))
            .or_else(|| self.day_month_at(j))?;
        Some(found(i, f.b, self.with_part(f.time, code, 0)))
    }

    /// A day's reading narrowed to a part of it, `shift` days moved.
    pub(super) fn with_part(&self, day: Time, code: &str, shift: i64) -> Time {
        let code = super::forms_part(code);
        match day {
            Time::Point(Point::Day(d), r, o) => {
                let o = o.map(|o| Offset {
                    amount: o.amount + shift,
                    ..o
                });
                Time::Point(Point::Part(d.add_days(shift), code), r, o)
            }
            Time::Open(v, _, o) => Time::Open(format!("{v}T{code}"), Granularity::PartOfDay, o),
            other => other,
        }
    }

    /// `ثلاثة أيام`, `لمدة شهر`, `عامين`, `25 عاما`.
    pub(super) fn duration_at(&self, i: usize) -> Option<Found> {
        let prefixed = self.is_any(i, &["لمده", "مده", "طيله", "طوال"]);
        let j = if prefixed { i + 1 } else { i };
        let (k, n, unit) = self.duration(j, prefixed)?;
        Some(found(j, k, Time::Duration(n, unit)))
    }

    /// `في 2022`, `حتى 2030`, `بحلول 2025`: a bare year after a preposition.
    pub(super) fn cued_year_at(&self, i: usize) -> Option<Found> {
        if !self.is_any(i, &["في", "حتي", "بحلول", "خلال", "قبل", "بعد"]) {
            return None;
        }
        let (e, y, era) = self.year_at(i + 1, true)?;
        Some(found(i + 1, e, self.year_time(y, era)))
    }
}
