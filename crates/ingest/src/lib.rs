//! Ingest: news files in, clean documents out.
//!
//! `path → bytes → decode → blocks (HTML or plain text) → classify furniture
//! → assemble text + removed ranges + metadata → Document`.
//!
//! A [`Document`] owns its clean `text`; every later annotation is a byte span
//! into it. The decoded input is kept as `original`, and `removed` lists the
//! ranges of `original` that were dropped, with the reason.
#![deny(missing_docs)]

pub mod block;
pub mod clean;
pub mod decode;
pub mod dedup;
pub mod html;
mod jsonl;
pub mod plain;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use block::Reason;
pub use dedup::Signature;
use isnad_text::Span;
use isnad_time::parse_date;

/// Text and HTML files larger than this are refused (news articles are far
/// smaller). JSON-lines files have no size limit: each record has its own.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// JSON lines longer than this are refused one by one (the rest of the file
/// is still read).
pub const MAX_RECORD_BYTES: usize = 64 * 1024 * 1024;

/// A document's decoded input (`original`), and so its `text`, is at most
/// this many bytes: larger ones are refused. Files and records are capped
/// as bytes ([`MAX_FILE_BYTES`], [`MAX_RECORD_BYTES`]); this caps what
/// decoding makes of them (Windows-1256 Arabic doubles in UTF-8).
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// Title, outlet and author longer than this many characters are cut (at a
/// word when there is one, ending with `…`), with a warning.
pub const MAX_META_CHARS: usize = 300;

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The file holds nothing (or only white space).
    #[error("the file is empty")]
    Empty,
    /// The file holds binary data.
    #[error("the file is binary, not text (NUL or control bytes)")]
    Binary,
    /// The bytes are text in no encoding isnad reads, or damaged.
    #[error("cannot decode the text: {0}")]
    Undecodable(String),
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("the file is {size} bytes, more than the {limit}-byte limit; split it (one article per file or per JSON line)")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The decoded text is larger than [`MAX_TEXT_BYTES`].
    #[error(
        "the decoded text is {size} bytes, more than the {limit}-byte limit per document; split it"
    )]
    TextTooLarge {
        /// Its size in UTF-8.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A JSON line could not be read.
    #[error("line {line}: {message}")]
    Json {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Cleaning left no article text.
    #[error("no article text found after removing page furniture")]
    NoText,
    /// The path is a FIFO, socket, device or folder, not a regular file.
    #[error("{0}")]
    NotRegular(String),
    /// The file could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// JSON lines, one article per line.
    Jsonl,
}

impl Format {
    /// The format a file name's extension says, if isnad reads it.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// Its name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A range of the original input dropped from the text, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Removed {
    /// Byte range in [`Document::original`].
    pub span: Span,
    /// Why.
    pub reason: Reason,
}

/// One article, cleaned, with its metadata.
#[derive(Clone, Debug)]
pub struct Document {
    /// Stable id: the first 16 hex digits of the SHA-256 of the input bytes.
    pub id: String,
    /// Where it came from: the file name, `file.jsonl:LINE`, or the URL a JSON line gives.
    pub source: String,
    /// Source URL when the page states one.
    pub url: Option<String>,
    /// Headline, at most [`MAX_META_CHARS`] characters.
    pub title: Option<String>,
    /// Publication, at most [`MAX_META_CHARS`] characters.
    pub outlet: Option<String>,
    /// Byline, at most [`MAX_META_CHARS`] characters.
    pub author: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Input format.
    pub format: Format,
    /// Encoding the input was in.
    pub encoding: String,
    /// The decoded input, as read (damaged bytes replaced by U+FFFD), at
    /// most [`MAX_TEXT_BYTES`].
    pub original: String,
    /// The article text: kept paragraphs joined by blank lines (never longer
    /// than `original`).
    pub text: String,
    /// Dropped ranges of `original`, in order.
    pub removed: Vec<Removed>,
    /// Words in `text` (word and number tokens). Ingest does not tokenise:
    /// it leaves this 0, and the analysis that reads the text into its
    /// tokens once (`isnad-pipeline`, from `isnad_text::Doc::word_count`)
    /// fills it in before the document is stored.
    pub words: usize,
    /// SHA-256 (16 hex digits) of `text`, for exact-duplicate checks.
    pub text_hash: String,
    /// MinHash signature of `text`, for near-duplicate checks.
    pub signature: Option<Signature>,
    /// What was repaired or cut while reading (damaged bytes replaced, long
    /// fields shortened), each naming the source: `FILE: what`.
    pub warnings: Vec<String>,
}

/// Metadata given from outside the page (JSON line fields); it wins over
/// what the page says.
#[derive(Debug, Default, Clone)]
pub struct GivenMeta {
    /// `url`.
    pub url: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `outlet`.
    pub outlet: Option<String>,
    /// `author`.
    pub author: Option<String>,
    /// `published`, in any form [`isnad_time::parse_date`] reads.
    pub published: Option<String>,
}

/// A file found under the paths given to a run.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
}

/// What walking the given paths found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to read, in a stable order.
    pub inputs: Vec<Input>,
    /// Files skipped, and why.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Walks files and folders (recursively, without following links out of
/// them), keeping `.txt`, `.html`/`.htm` and `.jsonl` files.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut d = Discovery::default();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut d);
        } else if !p.exists() {
            d.skipped.push((p.clone(), "no such file or folder".into()));
        } else if let Some(why) = not_regular(p) {
            d.skipped.push((p.clone(), why));
        } else {
            match Format::from_path(p) {
                Some(format) => d.inputs.push(Input {
                    path: p.clone(),
                    format,
                }),
                None => d
                    .skipped
                    .push((p.clone(), "not a .txt, .html, .htm or .jsonl file".into())),
            }
        }
    }
    d
}

fn walk(dir: &Path, d: &mut Discovery) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                d.skipped.push((dir.clone(), e.to_string()));
                continue;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let mut subdirs = Vec::new();
        for p in paths {
            let is_link = p
                .symlink_metadata()
                .map(|m| m.file_type().is_symlink())
                .unwrap_or(false);
            if p.is_dir() {
                if !is_link {
                    subdirs.push(p);
                }
            } else if let Some(format) = Format::from_path(&p) {
                match not_regular(&p) {
                    Some(why) => d.skipped.push((p, why)),
                    None => d.inputs.push(Input { path: p, format }),
                }
            } else if !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                d.skipped
                    .push((p, "not a .txt, .html, .htm or .jsonl file".into()));
            }
        }
        // Depth-first, in name order.
        stack.extend(subdirs.into_iter().rev());
    }
}

/// Why `path` (links followed) is not a regular file, if it is not: reading
/// a FIFO, socket or device would block or never end.
fn not_regular(path: &Path) -> Option<String> {
    let kind = match std::fs::metadata(path) {
        Ok(m) if m.is_file() => return None,
        Ok(m) => file_kind(&m.file_type()),
        Err(e) => return Some(e.to_string()),
    };
    Some(format!(
        "not a regular file ({kind}); only regular files are read"
    ))
}

#[cfg(unix)]
fn file_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else if t.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn file_kind(t: &std::fs::FileType) -> &'static str {
    if t.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// The name a file gets as a document source: its file name.
pub fn source_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads a file. A JSON-lines file gives one result per line; other formats one.
pub fn read_file(input: &Input) -> Result<Vec<Result<Document, IngestError>>, IngestError> {
    if let Some(why) = not_regular(&input.path) {
        return Err(IngestError::NotRegular(why));
    }
    let source = source_name(&input.path);
    if input.format == Format::Jsonl {
        let file = std::io::BufReader::new(std::fs::File::open(&input.path)?);
        return jsonl::read(&source, file, MAX_RECORD_BYTES);
    }
    let size = std::fs::metadata(&input.path)?.len();
    if size > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::fs::File::open(&input.path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(vec![read_vec(&source, bytes, input.format)])
}

/// Reads one article from bytes.
pub fn read_bytes(source: &str, bytes: &[u8], format: Format) -> Result<Document, IngestError> {
    read_vec(source, bytes.to_vec(), format)
}

/// Reads one article from bytes it owns (valid UTF-8 is not copied).
fn read_vec(source: &str, bytes: Vec<u8>, format: Format) -> Result<Document, IngestError> {
    let id = content_id(&bytes);
    let decoded = decode::decode_vec(bytes)?;
    let format = if format == Format::Text && html::looks_like_html(&decoded.text) {
        Format::Html
    } else {
        format
    };
    let mut doc = build(
        source,
        id,
        decoded.text,
        decoded.encoding,
        format,
        GivenMeta::default(),
    )?;
    doc.warnings = named(source, decoded.warnings, doc.warnings);
    Ok(doc)
}

/// Reads a JSON-lines file: one object per line with `text` or `html`, and
/// optional `url`, `title`, `outlet`, `author`, `published`. Each record is
/// read on its own (at most [`MAX_RECORD_BYTES`]); a bad one gives an
/// [`IngestError::Json`] naming its line, and the others are still read.
pub fn read_jsonl(
    source: &str,
    bytes: &[u8],
) -> Result<Vec<Result<Document, IngestError>>, IngestError> {
    jsonl::read(source, bytes, MAX_RECORD_BYTES)
}

/// Warnings of decoding then of building, each prefixed with `here: `.
fn named(here: &str, decoding: Vec<String>, building: Vec<String>) -> Vec<String> {
    let all = decoding.into_iter().chain(building);
    all.map(|w| format!("{here}: {w}")).collect()
}

/// Stable id of some input bytes.
pub fn content_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    isnad_text::hash::hex(&digest[..8])
}

/// Builds a document from decoded input: its blocks, the cleaner's
/// decisions, the kept text and the metadata stated or found.
fn build(
    source: &str,
    id: String,
    original: String,
    encoding: &str,
    format: Format,
    given: GivenMeta,
) -> Result<Document, IngestError> {
    if original.len() > MAX_TEXT_BYTES {
        return Err(IngestError::TextTooLarge {
            size: original.len(),
            limit: MAX_TEXT_BYTES,
        });
    }
    let (mut blocks, html_meta) = read_blocks(&original, format);
    let classified = clean::classify(&blocks);
    let (text, removed) = kept_text_and_removed(&blocks, &classified.decisions, original.len());
    if text.trim().is_empty() {
        return Err(IngestError::NoText);
    }
    let found = found_meta(html_meta.as_ref(), classified.title, &mut blocks);
    drop(blocks);
    let (meta, warnings) = resolve_meta(given, found, &classified);

    let text_hash = content_id(text.as_bytes());
    let signature = Signature::of(&text);
    Ok(Document {
        id,
        source: source.to_string(),
        url: meta.url,
        title: meta.title,
        outlet: meta.outlet,
        author: meta.author,
        published: meta.published.map(|d| d.to_string()),
        format,
        encoding: encoding.to_string(),
        original,
        text,
        removed,
        words: 0,
        text_hash,
        signature,
        warnings,
    })
}

/// The blocks of the input, and for HTML the metadata its markup states.
fn read_blocks(original: &str, format: Format) -> (Vec<block::Block>, Option<html::HtmlMeta>) {
    match format {
        Format::Html => {
            let doc = html::read_html(original);
            (doc.blocks, Some(doc.meta))
        }
        _ => (plain::read_plain(original), None),
    }
}

/// The text (kept blocks joined by blank lines, with room for `capacity`
/// bytes) and the removed source ranges, adjacent removals for one reason
/// merged.
fn kept_text_and_removed(
    blocks: &[block::Block],
    decisions: &[Option<Reason>],
    capacity: usize,
) -> (String, Vec<Removed>) {
    let mut text = String::with_capacity(capacity);
    let mut removed: Vec<Removed> = Vec::new();
    let mut last_kept_or_reason: Option<Option<Reason>> = None;
    for (b, decision) in blocks.iter().zip(decisions) {
        match decision {
            None => {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(&b.text);
                last_kept_or_reason = Some(None);
            }
            Some(reason) => {
                let extend = matches!(last_kept_or_reason, Some(Some(r)) if r == *reason);
                match removed.last_mut() {
                    Some(last) if extend => {
                        last.span = Span::new(last.span.start, b.src.end.max(last.span.end))
                    }
                    _ => removed.push(Removed {
                        span: b.src,
                        reason: *reason,
                    }),
                }
                last_kept_or_reason = Some(Some(*reason));
            }
        }
    }
    (text, removed)
}

/// A document's metadata fields, as stated or found.
#[derive(Default)]
struct MetaFields {
    title: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    published: Option<isnad_time::Date>,
    url: Option<String>,
}

/// The metadata the page itself gives: HTML's markup metadata, or for plain
/// text the headline block the cleaner found (its text is taken).
fn found_meta(
    html_meta: Option<&html::HtmlMeta>,
    title_block: Option<usize>,
    blocks: &mut [block::Block],
) -> MetaFields {
    let mut found = MetaFields::default();
    if let Some(m) = html_meta {
        found.outlet = m.site_name.clone();
        found.title = m.og_title.clone().or_else(|| m.h1.clone()).or_else(|| {
            m.title_tag
                .as_deref()
                .map(|t| strip_site_suffix(t, found.outlet.as_deref()))
        });
        found.author = m.author.clone();
        found.published = m.published.as_deref().and_then(parse_date);
        found.url = m.url.clone();
    } else if let Some(i) = title_block {
        found.title = Some(std::mem::take(&mut blocks[i].text));
    }
    found
}

/// The document's metadata: what the caller gives, else what the page
/// gives, else the byline, dateline or URL; long title, outlet and author
/// cut to [`MAX_META_CHARS`], with a warning each.
fn resolve_meta(
    given: GivenMeta,
    found: MetaFields,
    classified: &clean::Classified,
) -> (MetaFields, Vec<String>) {
    let byline = &classified.byline;
    let mut outlet = given
        .outlet
        .or(found.outlet)
        .or_else(|| byline.outlet.clone());
    let mut author = given
        .author
        .or(found.author)
        .or_else(|| byline.author.clone());
    let mut title = given.title.or(found.title);
    let mut warnings = Vec::new();
    for (name, field) in [
        ("title", &mut title),
        ("outlet", &mut outlet),
        ("author", &mut author),
    ] {
        if let Some(chars) = field.as_mut().and_then(|v| cut_to(v, MAX_META_CHARS)) {
            warnings.push(format!(
                "{name} cut to {MAX_META_CHARS} of {chars} characters"
            ));
        }
    }
    let url = given.url.or(found.url).or_else(|| byline.url.clone());
    let published = given
        .published
        .as_deref()
        .and_then(parse_date)
        .or(found.published)
        .or(classified.dateline)
        .or_else(|| url.as_deref().and_then(date_in_url));
    let meta = MetaFields {
        title,
        outlet,
        author,
        published,
        url,
    };
    (meta, warnings)
}

/// Cuts `value` to at most `max` characters, `…` included, at the last
/// white space of its last fifth if there is one; gives the length it had
/// when it was cut.
fn cut_to(value: &mut String, max: usize) -> Option<usize> {
    let end = value.char_indices().nth(max).map(|(i, _)| i)?;
    let chars = max + value[end..].chars().count();
    let keep = value.char_indices().nth(max - 1).map_or(end, |(i, _)| i);
    let kept = &value[..keep];
    let at_word = kept
        .char_indices()
        .rev()
        .take_while(|&(i, _)| i * 5 >= keep * 4)
        .find(|&(_, c)| c.is_whitespace())
        .map_or(kept, |(i, _)| kept[..i].trim_end());
    *value = format!("{at_word}…");
    Some(chars)
}

/// "Headline | Site" or "Headline - Site" → "Headline".
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(at) = title.rfind(sep) {
            let suffix = title[at + sep.len()..].trim();
            let short = suffix.split_whitespace().count() <= 4;
            if site.is_some_and(|s| s.trim() == suffix)
                || short
                    && title[..at].split_whitespace().count() >= suffix.split_whitespace().count()
            {
                return title[..at].trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// A `/YYYY/MM/DD/` date in a URL path.
fn date_in_url(url: &str) -> Option<isnad_time::Date> {
    let parts: Vec<&str> = url.split('/').collect();
    parts.windows(3).find_map(|w| {
        let ok = w[0].len() == 4
            && w[1].len() <= 2
            && w[2].len() <= 2
            && w.iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return None;
        }
        let y: i32 = w[0].parse().ok()?;
        if !(1990..=2100).contains(&y) {
            return None;
        }
        isnad_time::Date::new(y, w[1].parse().ok()?, w[2].parse().ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_dates() {
        assert_eq!(
            date_in_url("https://x.com/sites/a/2022/01/07/slug")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2022-01-07")
        );
        assert_eq!(date_in_url("https://x.com/a/12345/1/2"), None);
    }

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site_suffix("انفجار في الميناء | الموقع", Some("الموقع")),
            "انفجار في الميناء"
        );
        assert_eq!(
            strip_site_suffix("انفجار في الميناء - بي بي سي", None),
            "انفجار في الميناء"
        );
    }

    #[test]
    fn a_text_over_the_cap_after_decoding_is_refused() {
        // Under the file cap as bytes, over the text cap once decoded to UTF-8.
        let sentence = "قال الرئيس إن الوضع في العاصمة هادئ. ";
        let text = sentence.repeat(MAX_TEXT_BYTES / sentence.len() + 1);
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&text);
        assert!(bytes.len() as u64 <= MAX_FILE_BYTES);
        let err = read_vec("big.txt", bytes.into_owned(), Format::Text).unwrap_err();
        assert!(
            matches!(err, IngestError::TextTooLarge { size, .. } if size == text.len()),
            "{err}"
        );
    }

    #[test]
    fn removed_ranges_slice_the_original() {
        let original = "عنوان الخبر\n\nنص الخبر الكامل هنا.\n\nالأكثر قراءة\nخبر آخر\n";
        let doc = read_bytes("x.txt", original.as_bytes(), Format::Text).unwrap();
        assert_eq!(doc.text, "عنوان الخبر\n\nنص الخبر الكامل هنا.");
        assert_eq!(doc.removed.len(), 1);
        assert_eq!(
            doc.removed[0].span.slice(&doc.original),
            "الأكثر قراءة\nخبر آخر"
        );
        assert_eq!(doc.removed[0].reason, Reason::RelatedLinks);
    }
}
