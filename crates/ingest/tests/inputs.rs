//! Hostile inputs on disk: special files, damaged encodings, huge fields.

use std::path::{Path, PathBuf};
use std::process::Command;

use isnad_ingest::{discover, read_file, Format, Input};

const ARTICLE: &str = "قال مسؤول محلي إن الأمطار الغزيرة تسببت في انهيار جسر على الطريق الرئيسي بين المدينتين، ما أدى إلى إغلاقه أمام حركة السير.";

/// Makes a FIFO at `path`, or says why the test cannot run.
fn mkfifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(s) if s.success() => true,
        _ => {
            eprintln!("skipping: `mkfifo` is not available here");
            false
        }
    }
}

#[test]
fn a_fifo_named_txt_is_skipped_by_name_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    if !mkfifo(&fifo) {
        return;
    }
    std::fs::write(dir.path().join("good.txt"), ARTICLE).unwrap();
    // Inside a folder and given directly: both skipped with a reason.
    for paths in [vec![dir.path().to_path_buf()], vec![fifo.clone()]] {
        let found = discover(&paths);
        let inputs: Vec<&PathBuf> = found.inputs.iter().map(|i| &i.path).collect();
        assert!(!inputs.contains(&&fifo), "the FIFO is an input: {inputs:?}");
        let (_, why) = found
            .skipped
            .iter()
            .find(|(p, _)| p == &fifo)
            .expect("the FIFO is reported as skipped");
        assert!(
            why.contains("not a regular file") && why.contains("FIFO"),
            "{why}"
        );
    }
    // Reading it anyway fails at once instead of waiting for a writer.
    let err = read_file(&Input {
        path: fifo,
        format: Format::Text,
    })
    .unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
}

fn read_one(dir: &Path, name: &str, bytes: &[u8]) -> isnad_ingest::Document {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let format = Format::from_path(&path).unwrap();
    let mut docs = read_file(&Input { path, format }).unwrap();
    assert_eq!(docs.len(), 1);
    docs.pop().unwrap().unwrap()
}

#[test]
fn a_few_crawler_substitutes_are_replaced_and_reported_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = ARTICLE
        .replacen("الغزيرة", "الغزيرة\u{1A}", 1)
        .replace("السير", "\u{1A}السير\u{1A}");
    let doc = read_one(dir.path(), "crawled.txt", damaged.as_bytes());
    assert_eq!(doc.text, damaged.replace('\u{1A}', "\u{FFFD}"));
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    let w = &doc.warnings[0];
    assert!(
        w.starts_with("crawled.txt: 3 control characters (U+001A)"),
        "{w}"
    );
}

#[test]
fn one_invalid_byte_costs_a_replacement_not_the_article_and_offsets_hold() {
    let dir = tempfile::tempdir().unwrap();
    let page = format!("{ARTICLE}\n\nالأكثر قراءة\nخبر آخر\n");
    let mut bytes = page.into_bytes();
    let at = ARTICLE.find(" جسر").unwrap();
    bytes.insert(at, 0xFF);
    let doc = read_one(dir.path(), "broken.txt", &bytes);
    let repaired = ARTICLE.replacen(" جسر", "\u{FFFD} جسر", 1);
    assert_eq!(doc.text, repaired);
    // `original` is the repaired input: removed ranges and the text index it.
    assert!(doc.original.starts_with(&repaired));
    assert_eq!(doc.removed.len(), 1);
    assert_eq!(
        doc.removed[0].span.slice(&doc.original),
        "الأكثر قراءة\nخبر آخر"
    );
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    let w = &doc.warnings[0];
    assert!(
        w.starts_with("broken.txt: 1 invalid UTF-8 sequence replaced"),
        "{w}"
    );
    assert!(w.contains(&format!("byte {at}")), "{w}");
}

#[test]
fn utf16_without_a_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let le: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes, enc) in [("le.txt", le, "UTF-16LE"), ("be.txt", be, "UTF-16BE")] {
        let doc = read_one(dir.path(), name, &bytes);
        assert_eq!(doc.text, ARTICLE);
        assert_eq!(doc.encoding, enc);
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }
}

fn record(text: &str) -> String {
    serde_json::json!({ "text": text }).to_string()
}

fn read_feed(dir: &Path, bytes: &[u8]) -> Vec<Result<isnad_ingest::Document, String>> {
    let path = dir.join("feed.jsonl");
    std::fs::write(&path, bytes).unwrap();
    read_file(&Input {
        path,
        format: Format::Jsonl,
    })
    .unwrap()
    .into_iter()
    .map(|r| r.map_err(|e| e.to_string()))
    .collect()
}

#[test]
fn a_bad_json_line_costs_only_itself_and_is_named_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let other = "أعلنت السلطات إغلاق المطار بسبب العاصفة الرملية التي ضربت المنطقة.";
    let mut feed = Vec::new();
    feed.extend_from_slice(format!("{}\n", record(ARTICLE)).as_bytes());
    feed.extend_from_slice(b"{\"text\": \"\xD9\x82\0\xD8\xA7\"}\n");
    feed.extend_from_slice(b"{\"text\": \"unterminated\n");
    let mut damaged = record(other).into_bytes();
    let at = damaged.len() - 3;
    damaged.insert(at, 0xFF);
    feed.extend_from_slice(&damaged);
    feed.push(b'\n');
    let got = read_feed(dir.path(), &feed);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[0].as_ref().unwrap().text, ARTICLE);
    let nul = got[1].as_ref().unwrap_err();
    assert!(nul.starts_with("line 2: ") && nul.contains("NUL"), "{nul}");
    let json = got[2].as_ref().unwrap_err();
    assert!(json.starts_with("line 3: not valid JSON"), "{json}");
    let kept = got[3].as_ref().unwrap();
    assert!(kept.text.starts_with("أعلنت السلطات"), "{}", kept.text);
    assert_eq!(kept.source, "feed.jsonl:4");
    assert_eq!(kept.warnings.len(), 1, "{:?}", kept.warnings);
    assert!(
        kept.warnings[0].starts_with("feed.jsonl:4: 1 invalid UTF-8 sequence"),
        "{:?}",
        kept.warnings
    );
}

#[test]
fn a_jsonl_file_over_the_file_cap_is_read_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut feed = format!("{}\n", record(ARTICLE)).into_bytes();
    feed.resize(feed.len() + isnad_ingest::MAX_FILE_BYTES as usize, b'\n');
    feed.extend_from_slice(format!("{}\n", record("أعلنت السلطات إغلاق المطار.")).as_bytes());
    let got = read_feed(dir.path(), &feed);
    assert_eq!(
        got.len(),
        2,
        "{:?}",
        got.iter().map(|r| r.as_ref().err()).collect::<Vec<_>>()
    );
    assert!(got.iter().all(Result::is_ok));
    let last = got[1].as_ref().unwrap();
    assert_eq!(
        last.source,
        format!("feed.jsonl:{}", isnad_ingest::MAX_FILE_BYTES + 2)
    );
}

#[test]
fn a_jsonl_file_of_a_hundred_thousand_small_records_is_read_whole() {
    const RECORDS: usize = 100_000;
    let dir = tempfile::tempdir().unwrap();
    let mut feed = Vec::with_capacity(72 << 20);
    for i in 0..RECORDS {
        let text = format!("{ARTICLE} {ARTICLE} {ARTICLE} {i}");
        feed.extend_from_slice(format!("{}\n", record(&text)).as_bytes());
    }
    // More than the per-file cap that once refused such a file whole.
    assert!(
        feed.len() as u64 > isnad_ingest::MAX_FILE_BYTES,
        "{}",
        feed.len()
    );
    let got = read_feed(dir.path(), &feed);
    assert_eq!(got.len(), RECORDS);
    for (i, doc) in got.iter().enumerate() {
        let doc = doc
            .as_ref()
            .unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        assert_eq!(doc.source, format!("feed.jsonl:{}", i + 1));
        assert!(doc.text.ends_with(&format!(" {i}")), "line {}", i + 1);
    }
}

#[test]
fn huge_metadata_fields_are_cut_at_a_word_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let title = "كلمة ".repeat(20_000);
    let author = "ب".repeat(2_000_000);
    let outlet = "وكالة الأنباء ".repeat(100);
    let line = serde_json::json!({
        "text": ARTICLE, "title": title, "author": author, "outlet": outlet,
    });
    let got = read_feed(dir.path(), format!("{line}\n").as_bytes());
    let doc = got[0].as_ref().unwrap();
    let max = isnad_ingest::MAX_META_CHARS;
    for (name, value) in [
        ("title", &doc.title),
        ("author", &doc.author),
        ("outlet", &doc.outlet),
    ] {
        let value = value.as_deref().unwrap();
        assert!(
            value.chars().count() <= max,
            "{name}: {} characters",
            value.chars().count()
        );
        assert!(value.ends_with('…'), "{name}");
    }
    // Cut between words when the field has any.
    assert!(doc.title.as_deref().unwrap().ends_with("كلمة…"));
    assert!(doc.outlet.as_deref().unwrap().ends_with("الأنباء…"));
    assert_eq!(doc.text, ARTICLE);
    assert_eq!(
        doc.warnings,
        [
            format!("feed.jsonl:1: title cut to {max} of 100000 characters"),
            format!("feed.jsonl:1: outlet cut to {max} of 1400 characters"),
            format!("feed.jsonl:1: author cut to {max} of 2000000 characters"),
        ]
    );
}

#[test]
fn a_huge_headline_line_is_kept_in_the_text_but_cut_as_title() {
    let dir = tempfile::tempdir().unwrap();
    let headline = "ب".repeat(5_000);
    let doc = read_one(
        dir.path(),
        "long.txt",
        format!("{headline}\n\n{ARTICLE}\n").as_bytes(),
    );
    assert_eq!(doc.text, format!("{headline}\n\n{ARTICLE}"));
    let title = doc.title.as_deref().unwrap();
    assert_eq!(title.chars().count(), isnad_ingest::MAX_META_CHARS);
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(
        doc.warnings[0].starts_with("long.txt: title cut to"),
        "{:?}",
        doc.warnings
    );
}
