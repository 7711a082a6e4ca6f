//! Counted nouns in Arabic: the noun takes the form its number calls for.
//!
//! Arabic agrees a counted noun with its number by the number's last two
//! digits (the rule CLDR's Arabic plural categories encode): one takes the
//! singular followed by «واحد/واحدة», two the dual, 3–10 the plural, 11–99
//! the singular in the accusative (`حدثاً`), and 0, 100, 101, 102, 1000 …
//! the singular in the genitive (`حدث`); 103–110 count like 3–10 (the
//! last part of a compound number decides), 111–199 like 11–99.

use crate::thousands;

/// The forms of a noun as a number counts it.
#[derive(Debug, Clone, Copy)]
pub struct Noun {
    /// One: the singular with «واحد/واحدة» (`وثيقة واحدة`).
    pub one: &'static str,
    /// Two, as a subject: the dual in the nominative (`وثيقتان`).
    pub two: &'static str,
    /// Two after a preposition or as an object: the dual in the genitive
    /// or accusative (`وثيقتين`).
    pub two_oblique: &'static str,
    /// 3–10: the plural (`وثائق`).
    pub plural: &'static str,
    /// 11–99: the singular in the accusative (`وثيقةً`, `حدثاً`).
    pub accusative: &'static str,
    /// 0 and 100 up (but for the above): the singular in the genitive (`وثيقة`).
    pub genitive: &'static str,
}

/// Where the counted phrase stands, which only the dual shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// As a subject or on its own.
    Nominative,
    /// After a preposition (`من`, `في`) or as an object.
    Oblique,
}

/// A document (`وثيقة`).
pub const DOCUMENT: Noun = Noun {
    one: "وثيقة واحدة",
    two: "وثيقتان",
    two_oblique: "وثيقتين",
    plural: "وثائق",
    accusative: "وثيقةً",
    genitive: "وثيقة",
};

/// A source or outlet (`مصدر`).
pub const SOURCE: Noun = Noun {
    one: "مصدر واحد",
    two: "مصدران",
    two_oblique: "مصدرين",
    plural: "مصادر",
    accusative: "مصدراً",
    genitive: "مصدر",
};

/// A fact read from a text (`واقعة`).
pub const FACT: Noun = Noun {
    one: "واقعة واحدة",
    two: "واقعتان",
    two_oblique: "واقعتين",
    plural: "وقائع",
    accusative: "واقعةً",
    genitive: "واقعة",
};

/// A happening, the facts of several sources about one event (`حدث`).
pub const HAPPENING: Noun = Noun {
    one: "حدث واحد",
    two: "حدثان",
    two_oblique: "حدثين",
    plural: "أحداث",
    accusative: "حدثاً",
    genitive: "حدث",
};

/// `n` of `noun`, as Arabic writes it: `وثيقة واحدة`, `وثيقتان`,
/// `5 وثائق`, `11 وثيقةً`, `100 وثيقة`, `2,048 وثيقةً` (numbers from
/// three up in digits, with thousands separators).
///
/// ```
/// use isnad_views::counted::{counted, Case, HAPPENING};
/// assert_eq!(counted(3, &HAPPENING, Case::Nominative), "3 أحداث");
/// assert_eq!(counted(11, &HAPPENING, Case::Nominative), "11 حدثاً");
/// assert_eq!(counted(2, &HAPPENING, Case::Oblique), "حدثين");
/// ```
pub fn counted(n: u64, noun: &Noun, case: Case) -> String {
    let form = match (n, n % 100) {
        (1, _) => return noun.one.to_string(),
        (2, _) if case == Case::Nominative => return noun.two.to_string(),
        (2, _) => return noun.two_oblique.to_string(),
        (_, 3..=10) => noun.plural,
        (_, 11..=99) => noun.accusative,
        _ => noun.genitive,
    };
    format!("{} {form}", thousands(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nominative(n: u64, noun: &Noun) -> String {
        counted(n, noun, Case::Nominative)
    }

    #[test]
    fn each_number_takes_its_form() {
        assert_eq!(nominative(1, &DOCUMENT), "وثيقة واحدة");
        assert_eq!(nominative(2, &DOCUMENT), "وثيقتان");
        assert_eq!(counted(2, &SOURCE, Case::Oblique), "مصدرين");
        assert_eq!(nominative(5, &DOCUMENT), "5 وثائق");
        assert_eq!(nominative(3, &HAPPENING), "3 أحداث");
        assert_eq!(nominative(10, &FACT), "10 وقائع");
        assert_eq!(nominative(11, &HAPPENING), "11 حدثاً");
        assert_eq!(nominative(99, &SOURCE), "99 مصدراً");
        assert_eq!(nominative(100, &HAPPENING), "100 حدث");
        assert_eq!(nominative(0, &DOCUMENT), "0 وثيقة");
    }

    #[test]
    fn compound_numbers_count_by_their_last_part() {
        assert_eq!(nominative(101, &DOCUMENT), "101 وثيقة");
        assert_eq!(nominative(102, &DOCUMENT), "102 وثيقة");
        assert_eq!(nominative(103, &DOCUMENT), "103 وثائق");
        assert_eq!(nominative(111, &HAPPENING), "111 حدثاً");
        assert_eq!(nominative(200, &HAPPENING), "200 حدث");
        assert_eq!(nominative(2_048, &DOCUMENT), "2,048 وثيقةً");
        assert_eq!(nominative(1_000_000, &FACT), "1,000,000 واقعة");
        // The dual and «واحد» only for the numbers themselves, not 102 or 1001.
        assert_eq!(counted(1_001, &SOURCE, Case::Oblique), "1,001 مصدر");
    }
}
