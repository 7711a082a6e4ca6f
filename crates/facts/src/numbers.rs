//! Counts as Arabic news writes them: digits of any script with separators,
//! number words in every gender, case and construction, mixed forms,
//! approximations, bounds and vague amounts as ranges.
//!
//! Years, dates, times, ages, percentages, money, measures and article
//! numbers are not counts. A figure that multiplies into nonsense
//! (`40,000 ألف`) is marked `suspect`; one beyond anything that could be
//! counted ([`MAX_PLAUSIBLE`]) is kept as written without bounds and marked
//! `implausible`. Values are read as floats (which never wrap) and turned
//! into counts only through [`as_count`], so no figure saturates silently.

use isnad_text::{Span, TokenKind};

use crate::lexicon::{lexicon, NumberWord};
use crate::words::Word;

/// The largest figure read as a count. Every kind of fact that has a count
/// (killed, injured, arrested, protesters, attacks, troops deployed, homes
/// damaged) counts people or what people do or own, so no true count exceeds
/// the people alive on Earth (about 8.2 billion in 2025; ten billion leaves
/// room). A larger figure is a typo, a slip of translation or a hostile input.
/// It is far below 2^53, so every count is exact as a JSON number.
pub const MAX_PLAUSIBLE: u64 = 10_000_000_000;
const _: () = assert!(MAX_PLAUSIBLE < 1 << 53, "counts must stay exact in JSON");

/// The count a figure read as `value` states: `None` when it is beyond
/// [`MAX_PLAUSIBLE`] or no float holds it (a digit string hundreds of
/// digits long parses as infinity).
fn as_count(value: f64) -> Option<u64> {
    (value.is_finite() && value <= MAX_PLAUSIBLE as f64).then(|| value.round() as u64)
}

/// A number claimed.
#[derive(Clone, Debug, PartialEq)]
pub struct Count {
    /// Lower bound.
    pub min: Option<u64>,
    /// Upper bound.
    pub max: Option<u64>,
    /// Where the figure is written.
    pub span: Span,
    /// Multiplies into nonsense (`40,000 ألف`): shown, not trusted.
    pub suspect: bool,
}

impl Count {
    /// Whether the figure is beyond anything that could be counted. The
    /// number reader gives such a figure no bounds, and every other count a
    /// lower bound (`أقل من 10` is 0..9), so a count without either bound
    /// is exactly an implausible one.
    pub fn implausible(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }
}

/// A count found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Lower bound.
    pub min: Option<u64>,
    /// Upper bound (`None`: open above).
    pub max: Option<u64>,
    /// The words it spans (qualifiers included), as indexes into the sentence.
    pub first: usize,
    /// One past its last word.
    pub end: usize,
    /// Its span in the document text.
    pub span: Span,
    /// A figure that multiplies into nonsense (a translated "40,000 ألف").
    pub suspect: bool,
    /// A figure beyond [`MAX_PLAUSIBLE`]: `min` and `max` are then `None`
    /// (and only then), `span` is the figure as written.
    pub implausible: bool,
}

impl Quantity {
    /// The implausible figure written at words `first..end`.
    fn implausible(words: &[Word], first: usize, end: usize) -> Quantity {
        Quantity {
            min: None,
            max: None,
            first,
            end,
            span: Span::new(words[first].name_start, words[end - 1].span.end),
            suspect: false,
            implausible: true,
        }
    }
}

/// Parses a digit token: `1,000` `١٬٠٠٠` `2.5` `٢,٧`. Dates and times are not numbers.
fn parse_digits(k: &str) -> Option<(f64, bool)> {
    if k.contains('/') || k.contains(':') {
        return None;
    }
    let groups: Vec<&str> = k.split([',', '.']).collect();
    if groups.len() == 1 {
        return k.parse().ok().map(|v| (v, false));
    }
    let thousands =
        groups[1..].iter().all(|g| g.len() == 3) && (k.contains(',') || groups.len() > 2);
    if thousands {
        groups.concat().parse().ok().map(|v| (v, true))
    } else if groups.len() == 2 {
        format!("{}.{}", groups[0], groups[1])
            .parse()
            .ok()
            .map(|v| (v, false))
    } else {
        None
    }
}

/// Reads the number that starts at word `i`: its value, the end index and
/// whether it is suspect.
pub fn read_number(words: &[Word], i: usize) -> Option<(f64, usize, bool)> {
    if !may_start_number(words, i) {
        return None;
    }
    let mut r = NumberReader {
        words,
        start: i,
        j: i,
        total: 0.0,
        cur: 0.0,
        any: false,
        last_scale: 0.0,
        suspect: false,
        digits_with_thousands: false,
    };
    while r.j < words.len() && r.step() {}
    let value = r.total + r.cur;
    (r.any && value > 0.0).then_some((value, r.j, r.suspect))
}

/// Whether a number may start at word `i`: not a number word with the
/// article ("المئة", "الألف"), not "أحد" of "one of" ("أحد أكبر
/// المطارات"; eleven is "أحد عشر").
fn may_start_number(words: &[Word], i: usize) -> bool {
    let Some(w) = words.get(i) else {
        return true;
    };
    let is_ten = |n: &Word| n.stem == "عشر" || n.stem == "عشره";
    let with_article = w.kind == TokenKind::Word && w.base != w.stem;
    let one_of = (w.stem == "احد" || w.stem == "احدي") && !words.get(i + 1).is_some_and(is_ten);
    !with_article && !one_of
}

/// A number being read word by word from `start`.
struct NumberReader<'w> {
    words: &'w [Word],
    start: usize,
    /// The word read next.
    j: usize,
    /// The value of the groups closed by a scale word ("خمسة آلاف").
    total: f64,
    /// The value of the group being read.
    cur: f64,
    /// Whether any part of a number was read.
    any: bool,
    /// The last scale read (for "مليون ونصف").
    last_scale: f64,
    /// The figure multiplies into nonsense.
    suspect: bool,
    /// The digits read were written with thousands separators.
    digits_with_thousands: bool,
}

impl NumberReader<'_> {
    /// Reads the word at `j` into the number; false when the number has
    /// ended before it.
    fn step(&mut self) -> bool {
        match self.words[self.j].kind {
            TokenKind::Number => self.digits(),
            TokenKind::Word => self.word(),
            _ => false,
        }
    }

    /// Reads digits (after "و" when a number came before them).
    fn digits(&mut self) -> bool {
        let (words, j) = (self.words, self.j);
        // "و" before digits is a word of its own.
        let joined = j > self.start && words[j - 1].key == "و";
        if self.any && !joined {
            return false;
        }
        let Some((v, th)) = parse_digits(&words[j].key) else {
            return false;
        };
        if self.any && self.cur > 0.0 {
            return false;
        }
        self.digits_with_thousands = th;
        self.cur += v;
        self.any = true;
        self.j += 1;
        true
    }

    /// Reads a number word, or a "و" that joins two of them.
    fn word(&mut self) -> bool {
        let (words, j) = (self.words, self.j);
        let lex = lexicon();
        let w = &words[j];
        if w.key == "و" && self.any {
            // A lone "و" continues a number only when a number follows.
            let number_follows = words.get(j + 1).is_some_and(|n| {
                lex.number_word(&n.stem).is_some()
                    || (n.kind == TokenKind::Number && self.cur == 0.0 && self.total > 0.0)
            });
            self.j += usize::from(number_follows);
            return number_follows;
        }
        let Some(nw) = lex.number_word(&w.stem) else {
            return false;
        };
        let continues = !self.any
            || w.conj
            || matches!(nw, NumberWord::Scale { .. } | NumberWord::Hundred(_))
            || (j > self.start && words[j - 1].key == "و");
        continues && self.add(nw)
    }

    /// Adds the number word `nw` at `j`.
    fn add(&mut self, nw: NumberWord) -> bool {
        let next = self.words.get(self.j + 1);
        match nw {
            NumberWord::Unit(v) => {
                if v < 10.0 && next.is_some_and(|n| n.stem == "عشر" || n.stem == "عشره") {
                    self.cur += 10.0 + v;
                    self.j += 1;
                } else {
                    self.cur += v;
                }
            }
            NumberWord::Ten(v) => self.cur += v,
            NumberWord::Hundred(v) => {
                if self.cur > 0.0 && self.cur < 10.0 && v == 100.0 {
                    self.cur *= 100.0;
                } else {
                    self.cur += v;
                }
            }
            NumberWord::Scale {
                value,
                dual,
                plural,
            } => {
                if plural && self.cur == 0.0 {
                    // A bare "آلاف" is a vague amount, read elsewhere.
                    return false;
                }
                if self.digits_with_thousands && value >= 1e3 {
                    self.suspect = true;
                }
                // "ألفا" is two thousand alone, but a thousand after a number ("٢٥ ألفاً").
                let times = if dual && self.cur == 0.0 {
                    2.0
                } else if self.cur > 0.0 {
                    self.cur
                } else {
                    1.0
                };
                self.total += times * value;
                self.cur = 0.0;
                self.last_scale = value;
            }
            NumberWord::Fraction(f) => {
                // "مليون ونصف" / "ونصف مليون"
                match next.and_then(|n| lexicon().number_word(&n.stem)) {
                    Some(NumberWord::Scale { value, .. }) if self.any => {
                        self.total += f * value;
                        self.j += 2;
                        return true;
                    }
                    _ if self.any && self.last_scale > 0.0 => self.total += f * self.last_scale,
                    _ => return false,
                }
            }
        }
        self.any = true;
        self.j += 1;
        true
    }
}

/// Every count in a sentence's words.
pub fn quantities(words: &[Word]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some(q) = vague_amount(words, i) {
            i = q.end;
            out.push(q);
            continue;
        }
        let Some((value, end, suspect)) = read_number(words, i) else {
            i += 1;
            continue;
        };
        if let Some(next) = not_a_count(words, i, end, value) {
            i = next;
            continue;
        }
        match qualified(words, i, end, value, suspect) {
            Ok(q) => {
                i = q.end;
                out.push(q);
            }
            Err(next) => i = next,
        }
    }
    out
}

/// The vague amount at word `i`, possibly scaled: "عشرات", "عشرات الآلاف".
fn vague_amount(words: &[Word], i: usize) -> Option<Quantity> {
    let lex = lexicon();
    let (mut a, mut b) = lex
        .vague_amount(&words[i].base)
        .or_else(|| lex.vague_amount(&words[i].stem))?;
    let mut end = i + 1;
    if let Some(NumberWord::Scale {
        value,
        plural: true,
        ..
    }) = words
        .get(i + 1)
        .and_then(|next| lex.number_word(&next.stem))
    {
        if b < 1000 {
            end = i + 2;
            // "مئات المليارات": beyond anything counted.
            let (Some(lo), Some(hi)) = (
                as_count(a as f64 * value),
                as_count((b + 1) as f64 * value - 1.0),
            ) else {
                return Some(Quantity::implausible(words, i, end));
            };
            (a, b) = (lo, hi);
        }
    }
    Some(Quantity {
        min: Some(a),
        max: Some(b),
        first: i,
        end,
        span: Span::new(words[i].name_start, words[end - 1].span.end),
        suspect: false,
        implausible: false,
    })
}

/// When the number `value` of words `i..end` is not a count (a year, an
/// ordinal, a measure, money, a percentage, a date…): the word to read on
/// from.
fn not_a_count(words: &[Word], i: usize, end: usize, value: f64) -> Option<usize> {
    let lex = lexicon();
    let before = i
        .checked_sub(1)
        .map(|p| words[p].stem.as_str())
        .unwrap_or("");
    let next = words.get(end).map(|w| w.stem.as_str()).unwrap_or("");
    let next2 = words.get(end + 1).map(|w| w.stem.as_str()).unwrap_or("");
    let is_year = words[i].kind == TokenKind::Number
        && end == i + 1
        && (1900.0..=2100.0).contains(&value)
        && value.fract() == 0.0;
    let percent = words.get(end).is_some_and(|w| w.key == "%" || w.key == "٪");
    let per_hundred = (next == "في" || next == "ب") && (next2 == "مئه" || next2 == "مائه");
    // A bare 1900–2100 is a year unless a counted noun in the accusative follows ("2000 شخصاً").
    let counted_noun_follows = words.get(end).is_some_and(|w| {
        w.kind == TokenKind::Word && w.stem.ends_with('ا') && w.stem.chars().count() >= 3
    });
    let excluded = lex.units.has(next)
        || lex.units.has(words.get(end).map_or("", |w| w.key.as_str()))
        || percent
        || per_hundred
        || lex.number_markers.has(before)
        || (is_year && !counted_noun_follows);
    excluded.then_some(if per_hundred { end + 2 } else { end })
}

/// The count of the number `value` of words `i..end` with the qualifiers
/// around it (approximations, bounds, ranges), or, for a range of money, the
/// word to read on from.
fn qualified(
    words: &[Word],
    i: usize,
    end: usize,
    value: f64,
    suspect: bool,
) -> Result<Quantity, usize> {
    let Some(v) = as_count(value) else {
        return Ok(Quantity::implausible(words, i, end));
    };
    let (first, mut min, mut max) = if let Some(q) = bound_before(words, i, v) {
        q
    } else if stem_back(words, i, 1) == Some("بين") {
        if let Some(range) = between(words, i, end, v, suspect) {
            return range;
        }
        (i, Some(v), Some(v))
    } else {
        (i, Some(v), Some(v))
    };
    let mut end = end;
    // "X على الأقل", also after the counted noun ("20 شخصا على الأقل").
    for skip in 0..2 {
        let at = end + skip;
        if words.get(at).is_some_and(|w| w.key == "علي")
            && words.get(at + 1).is_some_and(|w| w.key == "الاقل")
        {
            min = Some(v);
            max = None;
            if skip == 0 {
                end += 2;
            }
            break;
        }
    }
    // "X إلى Y", "X أو Y": ranges.
    if let Some(w) = words.get(end) {
        if w.key == "الي" || w.key == "او" {
            if let Some((hi, end2, _)) = read_number(words, end + 1) {
                if hi > value {
                    let Some(hi) = as_count(hi) else {
                        return Ok(Quantity::implausible(words, first, end2));
                    };
                    min = Some(min.unwrap_or(v).min(v));
                    max = Some(hi);
                    end = end2;
                }
            }
        }
    }
    Ok(Quantity {
        min,
        max,
        first,
        end,
        span: Span::new(words[first].name_start, words[end - 1].span.end),
        suspect,
        implausible: false,
    })
}

/// The key of the word `n` before word `i`.
fn key_back(words: &[Word], i: usize, n: usize) -> Option<&str> {
    i.checked_sub(n).map(|p| words[p].key.as_str())
}

/// The stem of the word `n` before word `i`.
fn stem_back(words: &[Word], i: usize, n: usize) -> Option<&str> {
    i.checked_sub(n).map(|p| words[p].stem.as_str())
}

/// An approximation or bound before the number `v` at word `i` ("نحو",
/// "أكثر من", "ما لا يقل عن", "أقل من"): where the count starts, its
/// bounds.
fn bound_before(words: &[Word], i: usize, v: u64) -> Option<(usize, Option<u64>, Option<u64>)> {
    let lex = lexicon();
    let back = |n: usize| key_back(words, i, n);
    if stem_back(words, i, 1).is_some_and(|b| lex.approximately.has(b)) {
        let first = if back(2) == Some("ما") {
            i - 2
        } else {
            i - 1
        };
        return Some((first, Some(v - v / 10), Some(v + v / 10)));
    }
    if !back(1).is_some_and(|b| b == "من" || b == "عن" || b == "علي") {
        return None;
    }
    let b2 = stem_back(words, i, 2).unwrap_or("");
    let b3 = back(3).unwrap_or("");
    if lex.more_than.has(b2) {
        let first = if b3 == "ما" { i - 3 } else { i - 2 };
        Some((first, Some(v + 1), None))
    } else if b2 == "يقل" && (b3 == "لا" || b3 == "ما") {
        let first = if back(4) == Some("ما") {
            i - 4
        } else {
            i - 3
        };
        Some((first, Some(v), None))
    } else if b2 == "اقل" {
        Some((i - 2, Some(0), Some(v.saturating_sub(1))))
    } else {
        Some((i, Some(v), Some(v)))
    }
}

/// "بين X و Y" with X the number `v` of words `i..end`: the range, or, for
/// money ("بين ٢ و٣ مليار دولار"), the word to read on from; `None` when no
/// second number follows.
fn between(
    words: &[Word],
    i: usize,
    end: usize,
    v: u64,
    suspect: bool,
) -> Option<Result<Quantity, usize>> {
    let lex = lexicon();
    let (hi, end2, _) = words
        .get(end)
        .filter(|w| w.key == "و" || w.conj)
        .and_then(|w| {
            let start = if w.key == "و" { end + 1 } else { end };
            read_number(words, start).or_else(|| {
                (w.conj && w.kind == TokenKind::Word)
                    .then(|| read_number(words, end))
                    .flatten()
            })
        })?;
    if words
        .get(end2)
        .is_some_and(|w| lex.units.has(&w.stem) || lex.units.has(&w.key))
    {
        return Some(Err(end2));
    }
    let Some(hi) = as_count(hi) else {
        return Some(Ok(Quantity::implausible(words, i - 1, end2)));
    };
    Some(Ok(Quantity {
        min: Some(v),
        max: Some(hi),
        first: i - 1,
        end: end2,
        span: Span::new(words[i - 1].name_start, words[end2 - 1].span.end),
        suspect,
        implausible: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words_of;

    fn q(text: &str) -> Vec<(Option<u64>, Option<u64>)> {
        let w = words_of(text);
        quantities(&w).iter().map(|q| (q.min, q.max)).collect()
    }

    fn exact(text: &str, v: u64) {
        assert_eq!(q(text), [(Some(v), Some(v))], "{text}");
    }

    #[test]
    fn digits_in_every_script_with_separators() {
        exact("قتل 12 شخصا", 12);
        exact("اعتقل ١٢ شخصا", 12);
        exact("نزح 1,000 شخص", 1000);
        exact("نزح ١٬٠٠٠ شخص", 1000);
        exact("نزح 1.000.000 شخص", 1_000_000);
    }

    #[test]
    fn number_words_in_every_gender_and_case() {
        exact("قتل ثلاثة جنود", 3);
        exact("قتلت ثلاث نساء", 3);
        exact("أصيب ثمانية عناصر", 8);
        exact("أصيبت ثماني سيدات", 8);
        exact("قتل أحد عشر شخصا", 11);
        exact("قتل اثنا عشر شخصا", 12);
        exact("قتل ثلاثة وعشرون شخصا", 23);
        exact("أصيب عشرون شخصا", 20);
        exact("أصيب عشرين شخصا", 20);
        exact("اعتقل مئة شخص", 100);
        exact("اعتقل مائة شخص", 100);
        exact("اعتقل ثلاثمئة شخص", 300);
        exact("اعتقل ثلاث مئة شخص", 300);
        exact("نزح ألف شخص", 1000);
        exact("نزح ألفا شخص", 2000);
        exact("نزح ألفين شخص", 2000);
        exact("نزح خمسة آلاف شخص", 5000);
        exact("نزح مليون شخص", 1_000_000);
        exact("نزح مليون ونصف مليون شخص", 1_500_000);
    }

    #[test]
    fn mixed_forms() {
        exact("نزح 10 آلاف شخص", 10_000);
        exact("تظاهر ٢٥ ألفاً", 25_000);
        exact("نزح 1.5 مليون شخص", 1_500_000);
        exact("بلغت المساحة ٢,٧ مليون", 2_700_000);
    }

    #[test]
    fn approximations_bounds_and_ranges() {
        assert_eq!(q("أصيب نحو 1000 شخص"), [(Some(900), Some(1100))]);
        assert_eq!(q("أصيب قرابة 1000 شخص"), [(Some(900), Some(1100))]);
        assert_eq!(q("أصيب أكثر من ألف شخص"), [(Some(1001), None)]);
        assert_eq!(q("أصيب ما يزيد عن 50 شخصا"), [(Some(51), None)]);
        assert_eq!(q("قتل ما لا يقل عن 20 شخصا"), [(Some(20), None)]);
        assert_eq!(q("قتل 20 شخصا على الأقل"), [(Some(20), None)]);
        assert_eq!(q("قتل أقل من 10 أشخاص"), [(Some(0), Some(9))]);
        assert_eq!(q("قتل بين 10 و 20 شخصا"), [(Some(10), Some(20))]);
        assert_eq!(q("قتل 10 إلى 15 شخصا"), [(Some(10), Some(15))]);
    }

    #[test]
    fn vague_amounts_are_ranges() {
        assert_eq!(q("قتل عشرات المدنيين"), [(Some(10), Some(99))]);
        assert_eq!(q("أعلنت مقتل العشرات"), [(Some(10), Some(99))]);
        assert_eq!(q("أصيب مئات الأشخاص"), [(Some(100), Some(999))]);
        assert_eq!(q("تظاهر آلاف"), [(Some(1000), Some(9999))]);
        assert_eq!(q("تظاهر عشرات الآلاف"), [(Some(10_000), Some(99_999))]);
    }

    #[test]
    fn years_dates_money_percent_measures_are_not_counts() {
        assert!(q("استقلت عام 1991").is_empty());
        assert!(q("في 2019 فاز الحزب").is_empty());
        assert!(q("وقع الهجوم في 6 يناير").is_empty());
        assert!(q("بلغت الخسائر 3 مليار دولار").is_empty());
        assert!(q("ارتفع بنسبة 20%").is_empty());
        assert!(q("ارتفع عشرين في المئة").is_empty());
        assert!(q("على بعد 40 كلم").is_empty());
        assert!(q("وفقا للمادة 175 من القانون").is_empty());
        assert!(q("يوم ٢٠٢٢/١/٥").is_empty());
        assert!(q("عمره 45 عاما").is_empty());
        assert!(q("دخل لا يتخطى الـ600 دولار").is_empty());
    }

    #[test]
    fn thousands_of_thousands_are_suspect() {
        let text = "الجيش الذي يبلغ قوامه 40,000 ألف جندي";
        let w = words_of(text);
        let found = quantities(&w);
        assert_eq!(found.len(), 1);
        assert!(found[0].suspect);
    }

    /// Each count of `text` as (min, max, implausible).
    fn marked(text: &str) -> Vec<(Option<u64>, Option<u64>, bool)> {
        let w = words_of(text);
        quantities(&w)
            .iter()
            .map(|q| (q.min, q.max, q.implausible))
            .collect()
    }

    #[test]
    fn absurd_counts_are_kept_unread_and_marked_implausible() {
        // Beyond u64: it once saturated to 18446744073709551615.
        let text = "قتل 99999999999999999999999 قتيلا";
        let found = quantities(&words_of(text));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].span.slice(text), "99999999999999999999999");
        assert_eq!(marked(text), [(None, None, true)]);
        // More than the people alive on Earth, in digits, in words, with
        // bounds and as one end of a range: kept unread, never a number.
        for text in [
            "قتل 20000000000 شخص",
            "قتل عشرون مليار شخص",
            "قتل أكثر من 99999999999999999999999 شخص",
            "نزح نحو 50 مليار شخص",
            "قتل بين 10 و 99999999999999999999999 شخصا",
            "قتل 10 إلى 99999999999999999999999 شخصا",
            "قتل مئات المليارات",
        ] {
            assert_eq!(marked(text), [(None, None, true)], "{text}");
        }
        // A digit string no float holds.
        let endless = format!("قتل {} شخص", "9".repeat(400));
        assert_eq!(marked(&endless), [(None, None, true)]);
        // The largest plausible figures stay figures.
        assert_eq!(
            marked("نزح مليار شخص"),
            [(Some(1_000_000_000), Some(1_000_000_000), false)]
        );
        assert_eq!(
            marked("تظاهر 8000000000 شخص"),
            [(Some(8_000_000_000), Some(8_000_000_000), false)]
        );
    }

    #[test]
    fn a_fact_with_an_absurd_count_keeps_it_as_written_and_says_so() {
        let text = "قتل 99999999999999999999999 شخصا في الهجوم، وأصيب 12 آخرون.";
        let facts = crate::extract(text, None, &[]);
        let count = |kind: &str| {
            let f = facts.iter().find(|f| f.kind == kind).expect(kind);
            f.count.clone().expect("a count")
        };
        let killed = count("killed");
        assert!(killed.implausible());
        assert_eq!(killed.span.slice(text), "99999999999999999999999");
        let injured = count("injured");
        assert!(!injured.implausible());
        assert_eq!((injured.min, injured.max), (Some(12), Some(12)));
    }

    #[test]
    fn one_of_is_not_a_count() {
        assert!(q("اقتحموا مطار المدينة، أحد أكبر المطارات").is_empty());
        exact("قتل أحد عشر شخصا", 11);
    }

    #[test]
    fn spans_cover_the_figure_as_written() {
        let text = "أصيب أكثر من ألف شخص";
        let w = words_of(text);
        let found = quantities(&w);
        assert_eq!(found[0].span.slice(text), "أكثر من ألف");
    }
}
