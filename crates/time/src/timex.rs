//! What the tagger reports: [`TimeExpression`] and its TIMEX3 terms.

use isnad_text::Span;

use crate::Date;

/// The TIMEX3 type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimexType {
    /// A point or period on the calendar: a day, part of day, week, month,
    /// season, year or decade (`أمس`, `مارس 2022`, `التسعينيات`).
    Date,
    /// A span between two points (`من 5 إلى 7 يناير`, `منذ 2011`); its value
    /// is `start/end`.
    Range,
    /// A length of time (`ثلاثة أيام`); its value is ISO 8601 (`P3D`).
    Duration,
    /// A recurrence (`يوميا`, `كل جمعة`).
    Set,
}

/// The unit an expression is stated in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Granularity {
    /// A part of a day (`صباح أمس`: value `…TMO`).
    PartOfDay,
    /// A day.
    Day,
    /// An ISO week (`2022-W05`).
    Week,
    /// A month (`2022-03`).
    Month,
    /// A season (`2022-SU`).
    Season,
    /// A year (`2022`).
    Year,
    /// A decade (`199` for the 1990s).
    Decade,
}

/// The part of a period a qualifier names (TIMEX3 `mod`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    /// `مطلع`, `أوائل`, `بداية`.
    Start,
    /// `منتصف`, `أواسط`.
    Mid,
    /// `أواخر`, `نهاية`.
    End,
}

/// What an expression's value was resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Nothing: the text states it (`15 يناير 2022`, `ثلاثة أيام`).
    Stated,
    /// The publication date (`أمس`, `الأسبوع الماضي`, a year left out).
    Publication,
    /// The last date the text resolved before it (`في اليوم التالي`).
    LastDate,
    /// Nothing it could be: the document is undated (or nothing came
    /// before an anaphoric expression). The value keeps what is known
    /// (`XXXX-01-19`, `XXXX-WXX-5`, `REF-P1D`) and [`TimeExpression::offset`]
    /// the offset.
    Unresolved,
}

/// A calendar unit of an offset or duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
    /// Decades.
    Decade,
}

/// How far a relative expression is from what it is resolved against
/// (`أمس`: −1 day; `العام المقبل`: +1 year).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offset {
    /// Units forward (negative: back).
    pub amount: i64,
    /// The unit.
    pub unit: Unit,
}

/// A weekday written beside a date it does not fall on (`الخميس 5 يناير
/// 2022`, a Wednesday): the date wins, the contradiction is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekdayConflict {
    /// The weekday written, 0 = Sunday … 6 = Saturday.
    pub stated: u8,
    /// The weekday of the date.
    pub actual: u8,
}

/// A time expression of a text.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeExpression {
    /// Where it is written (bytes of the text tagged).
    pub span: Span,
    /// Its TIMEX3 type.
    pub timex_type: TimexType,
    /// Its TIMEX3 value: `2022-01-05`, `2022-01-05TEV`, `2022-W01`,
    /// `2022-01`, `2022-SU`, `2022`, `199`; `a/b` for a range; `P3D` for a
    /// duration; `P1W` or `XXXX-WXX-5` for a set; with `X`s or `REF±…` when
    /// unresolved.
    pub value: String,
    /// The unit it is stated in (a range: its start's).
    pub granularity: Granularity,
    /// The part of the period a qualifier names.
    pub modifier: Option<Modifier>,
    /// What it was resolved against.
    pub resolution: Resolution,
    /// Its offset from what it is (or would be) resolved against, for
    /// relative expressions.
    pub offset: Option<Offset>,
    /// The first day it covers, when resolved (a date or range).
    pub start: Option<Date>,
    /// The last day it covers, when resolved.
    pub end: Option<Date>,
    /// A weekday that contradicts the date beside it.
    pub weekday_conflict: Option<WeekdayConflict>,
}
