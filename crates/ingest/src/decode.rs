//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256.
//!
//! The encoding is read from the bytes: a BOM wins; otherwise valid UTF-8 is
//! UTF-8; otherwise, when the bytes look like Arabic in the legacy Windows
//! code page, Windows-1256. Binary data and text in any other encoding are
//! refused, never guessed into mojibake.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1256};

use crate::IngestError;

/// Text decoded from a file, and the encoding it was in.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// Name of the encoding the bytes were in (`UTF-8`, `UTF-16LE`, `windows-1256`, ...).
    pub encoding: &'static str,
}

/// Decodes `bytes` as text, or says why it cannot.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, body) = if bytes[0] == 0xFF {
            (UTF_16LE, &bytes[2..])
        } else {
            (UTF_16BE, &bytes[2..])
        };
        if body.len() % 2 != 0 {
            return Err(IngestError::Undecodable(format!(
                "{} text with an odd number of bytes",
                enc.name()
            )));
        }
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            return Err(IngestError::Undecodable(format!(
                "invalid {} sequences",
                enc.name()
            )));
        }
        return finish(text.into_owned(), enc.name());
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => finish(s.to_owned(), "UTF-8"),
        Err(e) => {
            if mostly_utf8(bytes) {
                return Err(IngestError::Undecodable(format!(
                    "invalid UTF-8 at byte {} (the file is mostly UTF-8: is it truncated or damaged?)",
                    e.valid_up_to()
                )));
            }
            let (text, had_errors) = WINDOWS_1256.decode_without_bom_handling(bytes);
            if had_errors || !looks_like_arabic(&text) {
                return Err(IngestError::Undecodable(
                    "not UTF-8, UTF-16 or Windows-1256 Arabic text; convert it to UTF-8".into(),
                ));
            }
            finish(text.into_owned(), WINDOWS_1256.name())
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<Decoded, IngestError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => finish(s.to_owned(), "UTF-8"),
        Err(e) => Err(IngestError::Undecodable(format!(
            "invalid UTF-8 at byte {}",
            e.valid_up_to()
        ))),
    }
}

fn finish(text: String, encoding: &'static str) -> Result<Decoded, IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    if text.contains('\0') || control_ratio(&text) > 0.01 {
        return Err(IngestError::Binary);
    }
    Ok(Decoded { text, encoding })
}

/// NUL bytes, or many C0 controls other than tab/newline/CR/FF, mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 100 > head.len()
}

fn control_ratio(text: &str) -> f64 {
    let mut n = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(8 * 1024) {
        n += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') {
            controls += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        controls as f64 / n as f64
    }
}

/// Whether most non-ASCII bytes form valid UTF-8 sequences (damaged UTF-8
/// rather than another encoding).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let lossy = String::from_utf8_lossy(bytes);
    let mut good = 0usize;
    let mut bad = 0usize;
    for c in lossy.chars() {
        if c == '\u{FFFD}' {
            bad += 1;
        } else if !c.is_ascii() {
            good += 1;
        }
    }
    good >= 8 && bad * 4 < good
}

/// Whether a Windows-1256 reading of the bytes is plausibly Arabic: most
/// non-ASCII characters are Arabic letters, and Arabic words appear.
fn looks_like_arabic(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut arabic = 0usize;
    for c in text.chars() {
        if !c.is_ascii() {
            non_ascii += 1;
            if isnad_text::arabic::is_arabic_letter(c) || isnad_text::arabic::is_diacritic(c) {
                arabic += 1;
            }
        }
    }
    non_ascii > 0 && arabic * 100 >= non_ascii * 85 && has_arabic_word(text)
}

/// Some common Arabic function words must appear: random bytes decoded as
/// Windows-1256 are letters too, but never form these words.
fn has_arabic_word(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "في", "من", "على", "أن", "إلى", "التي", "الذي", "عن", "مع", "ال",
    ];
    let hits = text
        .split(|c: char| !isnad_text::arabic::is_arabic_letter(c))
        .filter(|w| WORDS.contains(w) || (w.starts_with("ال") && w.chars().count() >= 4))
        .take(3)
        .count();
    hits >= 2 || (text.chars().count() < 40 && hits >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "قال الرئيس إن الوضع في العاصمة هادئ.";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(SAMPLE.as_bytes()).unwrap().text, SAMPLE);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        for (enc, bom) in [(UTF_16LE, [0xFF, 0xFE]), (UTF_16BE, [0xFE, 0xFF])] {
            let mut bytes = bom.to_vec();
            for unit in SAMPLE.encode_utf16() {
                let b = if enc == UTF_16LE {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                bytes.extend_from_slice(&b);
            }
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, SAMPLE);
            assert_eq!(d.encoding, enc.name());
        }
    }

    #[test]
    fn windows_1256_is_detected() {
        let (bytes, _, _) = WINDOWS_1256.encode(SAMPLE);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "windows-1256");
    }

    #[test]
    fn damaged_utf8_is_refused_not_misread() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        let err = decode(&bytes).unwrap_err().to_string();
        assert!(err.contains("invalid UTF-8"), "{err}");
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert!(matches!(decode(b""), Err(IngestError::Empty)));
        assert!(matches!(decode(b" \n\t "), Err(IngestError::Empty)));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(IngestError::Binary)
        ));
    }

    #[test]
    fn latin1_text_is_refused() {
        let bytes = b"Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade \xe0 la carte";
        assert!(matches!(decode(bytes), Err(IngestError::Undecodable(_))));
    }
}
