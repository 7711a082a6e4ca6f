//! JSON lines, read record by record: a file of any size is read with memory
//! bounded by its largest record, and a bad record (NUL bytes, bad JSON,
//! over [`crate::MAX_RECORD_BYTES`]) is reported by its line and costs only itself.

use std::io::{BufRead, Read};

use serde_json::Value;

use crate::MAX_FILE_BYTES;
use crate::{build, content_id, decode, Document, Format, GivenMeta, IngestError};

/// One result per record, in file order (blank lines skipped).
pub(crate) type Records = Vec<Result<Document, IngestError>>;

/// Reads the JSON lines of `r`, each at most `cap` bytes. UTF-16 files (rare:
/// JSON is UTF-8) are decoded whole first, within [`MAX_FILE_BYTES`].
pub(crate) fn read(source: &str, mut r: impl BufRead, cap: usize) -> Result<Records, IngestError> {
    let head = r.fill_buf()?;
    if decode::has_binary_signature(head) {
        return Err(IngestError::Binary);
    }
    if !decode::starts_like_utf16(head) {
        return records(source, r, cap, None);
    }
    let mut bytes = Vec::new();
    r.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let decoded = decode::decode_vec(bytes)?;
    records(source, decoded.text.as_bytes(), cap, Some(decoded.encoding))
}

/// Reads records line by line; `encoding` names the file's encoding when
/// the lines were decoded from another one.
fn records(
    source: &str,
    mut r: impl BufRead,
    cap: usize,
    encoding: Option<&'static str>,
) -> Result<Records, IngestError> {
    let mut out = Vec::new();
    let mut line = Vec::new();
    let mut lineno = 0;
    while let Some(len) = next_line(&mut r, &mut line, cap)? {
        lineno += 1;
        if lineno == 1 && line.starts_with(b"\xEF\xBB\xBF") {
            line.drain(..3);
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if len > cap {
            let message =
                format!("the record is {len} bytes, more than the {cap}-byte limit per record");
            out.push(Err(IngestError::Json {
                line: lineno,
                message,
            }));
        } else if !line.iter().all(u8::is_ascii_whitespace) {
            let bytes = std::mem::take(&mut line);
            out.extend(record(source, lineno, bytes, encoding));
        }
    }
    if out.is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(out)
}

/// Reads the next line (without its `\n`) into `buf`, keeping at most `cap`
/// bytes of it; gives the line's whole length, or `None` at the end.
fn next_line(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<Option<usize>> {
    buf.clear();
    let mut len = 0;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(len));
        }
        any = true;
        let newline = chunk.iter().position(|&b| b == b'\n');
        let part = &chunk[..newline.unwrap_or(chunk.len())];
        let room = (cap + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&part[..part.len().min(room)]);
        len += part.len();
        let used = part.len() + usize::from(newline.is_some());
        r.consume(used);
        if newline.is_some() {
            return Ok(Some(len));
        }
    }
}

/// One record: `None` when the line holds only white space once decoded.
fn record(
    source: &str,
    lineno: usize,
    bytes: Vec<u8>,
    encoding: Option<&'static str>,
) -> Option<Result<Document, IngestError>> {
    let json_err = |message: String| IngestError::Json {
        line: lineno,
        message,
    };
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let message = format!(
            "a NUL byte at column {}: binary data, not a JSON line",
            at + 1
        );
        return Some(Err(json_err(message)));
    }
    let decoded = match decode::decode_vec(bytes) {
        Ok(d) => d,
        Err(IngestError::Empty) => return None,
        Err(e) => return Some(Err(json_err(e.to_string()))),
    };
    let id = content_id(decoded.text.as_bytes());
    let parsed = parse(&decoded.text);
    // The line is not needed once parsed: only its fields are kept.
    let (encoding, mut repaired) = (encoding.unwrap_or(decoded.encoding), decoded.warnings);
    drop(decoded.text);
    let record = match parsed {
        Ok(r) => r,
        Err(message) => return Some(Err(json_err(message))),
    };
    let here = format!("{source}:{lineno}");
    let doc_source = record.given.url.clone().unwrap_or_else(|| here.clone());
    let built = build(
        &doc_source,
        id,
        record.content,
        encoding,
        record.format,
        record.given,
    );
    Some(match built {
        Ok(mut doc) => {
            repaired.extend(record.warnings);
            doc.warnings = crate::named(&here, repaired, std::mem::take(&mut doc.warnings));
            Ok(doc)
        }
        Err(e) => Err(json_err(e.to_string())),
    })
}

/// What a record gives.
struct Record {
    /// The `html` field, else the `text` field.
    content: String,
    /// Which of the two it is.
    format: Format,
    /// Its metadata fields.
    given: GivenMeta,
    /// What was repaired in it.
    warnings: Vec<String>,
}

/// Reads a record's fields, or says what is wrong with it.
fn parse(line: &str) -> Result<Record, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON ({e})"))?;
    let Value::Object(mut obj) = value else {
        return Err("expected a JSON object".into());
    };
    let (content, format) = match (obj.remove("html"), obj.remove("text")) {
        (Some(Value::String(h)), _) if !h.trim().is_empty() => (h, Format::Html),
        (_, Some(Value::String(t))) if !t.trim().is_empty() => (t, Format::Text),
        (html, text) => return Err(no_text(&html, &text)),
    };
    let mut field = |k: &str| match obj.remove(k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        _ => None,
    };
    let (content, replaced) = decode::replace_stray_controls(content).map_err(|e| e.to_string())?;
    let given = GivenMeta {
        url: field("url"),
        title: field("title"),
        outlet: field("outlet"),
        author: field("author"),
        published: field("published"),
    };
    Ok(Record {
        content,
        format,
        given,
        warnings: replaced.into_iter().collect(),
    })
}

/// Why a record without usable `html` or `text` has no text.
fn no_text(html: &Option<Value>, text: &Option<Value>) -> String {
    let blank = |v: &Option<Value>| matches!(v, Some(Value::String(s)) if s.trim().is_empty());
    let fields = match (blank(html), blank(text)) {
        (true, true) => "the `html` and `text` fields are",
        (true, false) => "the `html` field is",
        (false, true) => "the `text` field is",
        (false, false) => return "no \"text\" or \"html\" field".into(),
    };
    format!("has no text: {fields} empty or only white space")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "قال مسؤول محلي إن الأمطار الغزيرة تسببت في انهيار جسر على الطريق الرئيسي.";

    fn line(text: &str) -> String {
        serde_json::json!({ "text": text }).to_string() + "\n"
    }

    #[test]
    fn a_record_over_the_cap_is_refused_alone() {
        let feed = line(TEXT) + &line(&TEXT.repeat(4)) + &line(TEXT);
        let got = read("f.jsonl", feed.as_bytes(), 300).unwrap();
        assert_eq!(got.len(), 3);
        assert!(got[0].is_ok() && got[2].is_ok());
        let err = got[1].as_ref().unwrap_err().to_string();
        let len = line(&TEXT.repeat(4)).len() - 1;
        assert_eq!(
            err,
            format!("line 2: the record is {len} bytes, more than the 300-byte limit per record")
        );
        assert_eq!(got[2].as_ref().unwrap().source, "f.jsonl:3");
    }

    #[test]
    fn white_space_text_is_named_as_such_not_as_a_missing_field() {
        let feed = [
            r#"{"text": "  \n\t "}"#,
            r#"{"html": " ", "title": "عنوان"}"#,
            r#"{"title": "عنوان"}"#,
        ]
        .join("\n");
        let got: Vec<String> = read("f.jsonl", feed.as_bytes(), 1000)
            .unwrap()
            .into_iter()
            .map(|r| r.unwrap_err().to_string())
            .collect();
        assert_eq!(
            got,
            [
                "line 1: has no text: the `text` field is empty or only white space",
                "line 2: has no text: the `html` field is empty or only white space",
                "line 3: no \"text\" or \"html\" field",
            ]
        );
    }

    #[test]
    fn utf16_files_are_still_read_whole() {
        let feed = line(TEXT) + "\r\n" + &line(TEXT.trim_end_matches('.'));
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(feed.encode_utf16().flat_map(u16::to_le_bytes));
        let got = read("f.jsonl", &bytes[..], 1000).unwrap();
        assert_eq!(got.len(), 2);
        for d in &got {
            let d = d.as_ref().unwrap();
            assert_eq!(d.encoding, "UTF-16LE");
            assert!(d.text.starts_with("قال مسؤول"));
        }
        assert_eq!(got[1].as_ref().unwrap().source, "f.jsonl:3");
    }
}
