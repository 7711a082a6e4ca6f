//! Arabic character classes and per-character folds.
//!
//! Everything specific to the Arabic script lives here, so that another
//! language can be added beside it without touching the pipeline stages.

/// Harakat, tanwin, shadda, sukun, superscript alef, Quranic annotation marks.
#[inline]
pub const fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}')
}

/// Tatweel (kashida), the elongation stroke.
pub const TATWEEL: char = '\u{0640}';

/// Invisible format characters: zero-width spaces and joiners, bidi marks,
/// embeddings and isolates, the Arabic letter mark, soft hyphen, BOM.
#[inline]
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Arabic presentation forms (legacy shaped glyphs and ligatures).
#[inline]
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// A letter of the Arabic script (base letters, extended letters, presentation forms).
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}')
        || is_presentation_form(c)
}

/// The value of a decimal digit in any script isnad reads: ASCII,
/// Arabic-Indic (٠–٩) and Extended Arabic-Indic / Persian (۰–۹).
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Whether `c` is a decimal digit in any script isnad reads.
#[inline]
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Alef with hamza above/below, madda, wasla and wavy hamza forms.
#[inline]
pub fn is_alef_variant(c: char) -> bool {
    matches!(
        c,
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}'
    )
}

/// Alef (bare).
pub const ALEF: char = '\u{0627}';
/// Yeh.
pub const YEH: char = '\u{064A}';
/// Alef maksura (ى).
pub const ALEF_MAKSURA: char = '\u{0649}';
/// Teh marbuta (ة).
pub const TEH_MARBUTA: char = '\u{0629}';
/// Heh (ه).
pub const HEH: char = '\u{0647}';

/// Exactly `c.is_alphabetic()`, answered without Unicode's tables for the
/// letters of the basic Arabic alphabet (which the standard library looks
/// up in them).
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') || c.is_alphabetic()
}

/// Whether `c` is a letter (of any script), with fast paths for ASCII and
/// the Arabic block, the characters news text is made of.
#[inline]
pub fn is_letter(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphabetic();
    }
    if (0x0600..=0x06FF).contains(&u) {
        return is_arabic_letter(c);
    }
    c.is_alphabetic()
}

/// Whether `c` is a letter or a digit of any script (fast paths as [`is_letter`]).
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    is_letter(c)
        || is_digit(c)
        || (c as u32 >= 0x80 && !(0x0600..=0x06FF).contains(&(c as u32)) && c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_alphabetic_agrees_with_the_standard_library_on_every_character() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
