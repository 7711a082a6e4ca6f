//! Bytes to text: UTF-8 (with or without BOM), UTF-16 (with or without BOM),
//! Windows-1256.
//!
//! The encoding is read from the bytes: a BOM wins; then UTF-16 without a BOM
//! is recognised by its code units (nearly all ASCII or Arabic, so every
//! other byte is `00` or `06`); otherwise valid UTF-8 is UTF-8; otherwise,
//! when the bytes look like Arabic in the legacy Windows code page,
//! Windows-1256. Damage is repaired when it is small and reported as a
//! warning: a few invalid UTF-8 sequences and a few stray control characters
//! (a crawler's U+001A) become U+FFFD. Binary data (known file signatures,
//! many NUL or control bytes) and text in any other encoding are refused,
//! never guessed into mojibake.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1256};

use crate::IngestError;

/// Text decoded from a file, and the encoding it was in.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, BOM removed, damage replaced by U+FFFD.
    pub text: String,
    /// Name of the encoding the bytes were in (`UTF-8`, `UTF-16LE`, `windows-1256`, ...).
    pub encoding: &'static str,
    /// What was repaired, one sentence each (how many of what, and where).
    pub warnings: Vec<String>,
}

/// Signatures of binary formats a news folder may hold by mistake.
const BINARY_SIGNATURES: &[&[u8]] = &[
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x1F\x8B",
    b"\xFD7zXZ\0",
    b"7z\xBC\xAF\x27\x1C",
    b"Rar!\x1A\x07",
    b"\x7FELF",
    b"\xD0\xCF\x11\xE0",
    b"\0\0\0",
    b"SQLite format 3\0",
];

/// Whether `head` starts like a known binary format.
pub(crate) fn has_binary_signature(head: &[u8]) -> bool {
    BINARY_SIGNATURES.iter().any(|s| head.starts_with(s))
}

/// Whether `head` (the start of a file) is UTF-16, with or without a BOM.
pub(crate) fn starts_like_utf16(head: &[u8]) -> bool {
    head.starts_with(b"\xFF\xFE")
        || head.starts_with(b"\xFE\xFF")
        || utf16_without_bom(&head[..head.len() & !1]).is_some()
}

/// Decodes `bytes` as text, or says why it cannot.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    decode_vec(bytes.to_vec())
}

/// Decodes `bytes` as text, reusing their buffer when they are valid UTF-8
/// (a large file is then held once, not twice).
pub fn decode_vec(bytes: Vec<u8>) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        let mut bytes = bytes;
        bytes.drain(..3);
        return utf8(bytes, false);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { UTF_16LE } else { UTF_16BE };
        return utf16(&bytes[2..], enc);
    }
    if has_binary_signature(&bytes) {
        return Err(IngestError::Binary);
    }
    if let Some(enc) = utf16_without_bom(&bytes) {
        return utf16(&bytes, enc);
    }
    let stray = bytes.iter().filter(|&&b| is_stray_control_byte(b)).count();
    if too_many(stray, bytes.len()) {
        return Err(IngestError::Binary);
    }
    utf8(bytes, true)
}

/// UTF-8, a few invalid sequences replaced; else (when `or_legacy`)
/// Windows-1256.
fn utf8(bytes: Vec<u8>, or_legacy: bool) -> Result<Decoded, IngestError> {
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => return finish(s, "UTF-8", Vec::new()),
        Err(e) => e.into_bytes(),
    };
    let (bad, first) = invalid_utf8(&bytes);
    let utf8_like = !or_legacy || mostly_utf8(&bytes);
    if utf8_like && !too_many(bad, bytes.len()) {
        let warning = format!(
            "{bad} invalid UTF-8 sequence{} replaced with U+FFFD (the first at byte {first})",
            if bad == 1 { "" } else { "s" }
        );
        let text = String::from_utf8_lossy(&bytes).into_owned();
        return finish(text, "UTF-8", vec![warning]);
    }
    if utf8_like {
        return Err(IngestError::Undecodable(format!(
            "invalid UTF-8 at byte {first} ({bad} damaged sequences: is the file truncated or damaged?)"
        )));
    }
    let (text, had_errors) = WINDOWS_1256.decode_without_bom_handling(&bytes);
    if had_errors || !looks_like_arabic(&text) {
        return Err(IngestError::Undecodable(
            "not UTF-8, UTF-16 or Windows-1256 Arabic text; convert it to UTF-8".into(),
        ));
    }
    finish(text.into_owned(), WINDOWS_1256.name(), Vec::new())
}

/// How many invalid UTF-8 sequences `bytes` hold, and where the first starts.
fn invalid_utf8(bytes: &[u8]) -> (usize, usize) {
    let (mut bad, mut first, mut at) = (0, None, 0);
    for chunk in bytes.utf8_chunks() {
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            bad += 1;
            first.get_or_insert(at);
        }
        at += chunk.invalid().len();
    }
    (bad, first.unwrap_or(0))
}

fn utf16(body: &[u8], enc: &'static Encoding) -> Result<Decoded, IngestError> {
    if !body.len().is_multiple_of(2) {
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
    finish(text.into_owned(), enc.name(), Vec::new())
}

/// UTF-16 without a BOM: in one byte order nearly every code unit of the
/// start is text (ASCII, Arabic, punctuation), and at least half are ASCII
/// or Arabic letters, whose high byte is `00` or `06` — a pattern no UTF-8
/// or single-byte text has.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    // Such text has high bytes 00 or 06 in every other place: without
    // either byte (one fast scan) it is no UTF-16 of ASCII or Arabic.
    if !head.contains(&0) && !head.contains(&6) {
        return None;
    }
    [UTF_16LE, UTF_16BE].into_iter().find(|&enc| {
        let units = head.chunks_exact(2).map(|p| {
            if enc == UTF_16LE {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let (mut n, mut text, mut marked) = (0usize, 0usize, 0usize);
        for u in units {
            n += 1;
            text += usize::from(is_text_unit(u));
            marked += usize::from(is_text_unit(u) && matches!(u >> 8, 0x00 | 0x06));
        }
        text * 100 >= n * 95 && marked * 2 >= n
    })
}

/// ASCII text, Latin-1 letters, Arabic (with its supplements and
/// presentation forms), general punctuation.
fn is_text_unit(u: u16) -> bool {
    matches!(u, 0x09 | 0x0A | 0x0C | 0x0D | 0x20..=0x7E | 0xA0..=0xFF)
        || matches!(
            u,
            0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0x2000..=0x206F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF
        )
}

/// Control bytes text never holds (tab, newline, CR and form feed aside).
fn is_stray_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F
}

/// Control characters text never holds: C0 (tab, newline, CR and form
/// feed aside), DEL and C1.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')
}

/// More than a few (8) and more than 1 % of `total`: not stray damage.
fn too_many(bad: usize, total: usize) -> bool {
    bad > 8 && bad * 100 > total
}

/// Replaces stray control characters of `text` with U+FFFD, or refuses it.
fn finish(
    text: String,
    encoding: &'static str,
    mut warnings: Vec<String>,
) -> Result<Decoded, IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let (text, replaced) = replace_stray_controls(text)?;
    warnings.extend(replaced);
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

/// Replaces a few stray control characters with U+FFFD, saying how many of
/// which; refuses the text as binary when there are many.
pub(crate) fn replace_stray_controls(
    text: String,
) -> Result<(String, Option<String>), IngestError> {
    let stray = text.chars().filter(|&c| is_stray_control(c)).count();
    if stray == 0 {
        return Ok((text, None));
    }
    if too_many(stray, text.chars().count()) {
        return Err(IngestError::Binary);
    }
    let mut kinds: Vec<String> = Vec::new();
    for c in text.chars().filter(|&c| is_stray_control(c)) {
        let name = format!("U+{:04X}", c as u32);
        if !kinds.contains(&name) {
            kinds.push(name);
        }
    }
    let warning = format!(
        "{stray} control character{} ({}) replaced with U+FFFD",
        if stray == 1 { "" } else { "s" },
        kinds.join(", ")
    );
    Ok((text.replace(is_stray_control, "\u{FFFD}"), Some(warning)))
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
    fn badly_damaged_utf8_is_refused_not_misread() {
        // One bad byte every fifth character.
        let mut bytes = Vec::new();
        for (i, c) in SAMPLE.repeat(3).chars().enumerate() {
            if i % 5 == 4 {
                bytes.push(0xFF);
            }
            bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
        let err = decode(&bytes).unwrap_err().to_string();
        assert!(err.contains("invalid UTF-8"), "{err}");
    }

    #[test]
    fn a_few_invalid_utf8_bytes_are_replaced_and_counted() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes.insert(6, 0xFF);
        bytes.splice(20..20, [0xC3, 0x28]);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2, "{}", d.text);
        assert_eq!(d.text.replace(['\u{FFFD}', '('], ""), SAMPLE);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(
            d.warnings[0].contains("2 invalid UTF-8 sequences") && d.warnings[0].contains("byte 6"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn a_few_control_characters_are_replaced_and_counted() {
        let text = format!("{SAMPLE}\u{1A} {SAMPLE}\u{1A}\u{1A}\n{SAMPLE}\u{7}");
        let d = decode(text.as_bytes()).unwrap();
        assert_eq!(d.text, text.replace(['\u{1A}', '\u{7}'], "\u{FFFD}"));
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(
            d.warnings[0].contains("4 control characters") && d.warnings[0].contains("U+001A"),
            "{:?}",
            d.warnings
        );
        assert!(decode(SAMPLE.as_bytes()).unwrap().warnings.is_empty());
    }

    #[test]
    fn real_binary_is_still_refused() {
        let mut nuls = SAMPLE.repeat(20).into_bytes();
        for at in (0..nuls.len()).step_by(40).rev() {
            nuls.splice(at..at, [0, 0, 0]);
        }
        let zip = b"PK\x03\x04\x14\0\0\0\x08\0article.txt";
        let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
        let gif = b"GIF89a\x01\0\x01\0\x80\0\0";
        for bytes in [&nuls[..], zip, pdf, gif] {
            assert!(
                matches!(decode(bytes), Err(IngestError::Binary)),
                "{:?}",
                decode(bytes)
            );
        }
    }

    #[test]
    fn utf16_without_bom_both_orders() {
        let text = format!("{SAMPLE} (AFP) 2024\n{SAMPLE}");
        for (enc, to_bytes) in [
            (UTF_16LE, u16::to_le_bytes as fn(u16) -> [u8; 2]),
            (UTF_16BE, u16::to_be_bytes),
        ] {
            let bytes: Vec<u8> = text.encode_utf16().flat_map(to_bytes).collect();
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, enc.name());
        }
        // Plain ASCII is never taken for UTF-16.
        let english = "Officials said the bridge collapsed after heavy rain.";
        assert_eq!(decode(english.as_bytes()).unwrap().encoding, "UTF-8");
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
