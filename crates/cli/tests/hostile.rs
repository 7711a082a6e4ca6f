//! Outputs that cannot be turned against their reader: articles whose
//! metadata and text carry spreadsheet formulas, HTML, terminal escape
//! sequences, bidi overrides and a newline in a file name.

mod common;
use common::isnad;
use std::path::Path;
use std::process::Output;

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// A store of three hostile articles: two JSONL records and a text file
/// whose name holds a newline.
fn hostile_store(dir: &Path) {
    let inputs = dir.join("in");
    std::fs::create_dir(&inputs).unwrap();
    let records = [
        serde_json::json!({
            "title": "\u{1b}[2J\u{1b}[Hمسح الشاشة",
            "outlet": "=HYPERLINK(\"http://evil.example\",\"انقر\")",
            "author": "\u{202e}لوكيرت",
            "published": "2024-03-02",
            "text": "=قتل 5 أشخاص في هجوم على سوق المدينة صباح اليوم، بحسب ما أعلنت الشرطة.\n\n\
                     @وأصيب 12 آخرون بجروح في الهجوم نفسه. وقال ميشال\u{202e}عون إن التحقيق جار."
        }),
        serde_json::json!({
            "title": "<script>alert(1)</script>",
            "outlet": "+صحيفة <img src=x onerror=alert(1)>",
            "published": "2024-03-02",
            "text": "-قتل 7 أشخاص في هجوم على سوق المدينة صباح اليوم، بحسب ما أعلنت وزارة الصحة.\n\n\
                     وأصيب 12 آخرون. وقال ميشال\u{202e}عون إن التحقيق جار."
        }),
    ];
    let lines: String = records.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(inputs.join("feed.jsonl"), lines).unwrap();
    std::fs::write(
        inputs.join("bad\nname.txt"),
        "عنوان الخبر\n\nقال مسؤول إن 3 أشخاص قتلوا في حريق اندلع في مصنع بالمدينة الصناعية أمس.",
    )
    .unwrap();
    let out = isnad(dir, &["-q", "run", inputs.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The rows of a CSV text, each a list of cells (RFC 4180 quoting).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn csv_cells_that_would_start_a_formula_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    hostile_store(dir.path());
    let csv = stdout(&isnad(dir.path(), &["export", "--format", "csv"]));
    let rows = csv_rows(&csv);
    let header = rows[0].clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let numeric = [
        "latitude",
        "longitude",
        "fatalities",
        "count_min",
        "count_max",
    ]
    .map(column);
    for row in &rows[1..] {
        for (i, cell) in row.iter().enumerate() {
            let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            let number = numeric.contains(&i) && cell.parse::<f64>().is_ok();
            assert!(
                !formula || number,
                "{}: {cell:?} would run as a formula",
                header[i]
            );
        }
    }
    // The cells keep what the documents said, behind a single quote.
    let cells: Vec<&str> = rows[1..].iter().flatten().map(String::as_str).collect();
    for expected in [
        "'=HYPERLINK(\"http://evil.example\",\"انقر\")",
        "'+صحيفة <img src=x onerror=alert(1)>",
        "'=قتل 5 أشخاص في هجوم على سوق المدينة صباح اليوم، بحسب ما أعلنت الشرطة.",
        "'-قتل 7 أشخاص في هجوم على سوق المدينة صباح اليوم، بحسب ما أعلنت وزارة الصحة.",
    ] {
        assert!(cells.contains(&expected), "no cell {expected:?} in:\n{csv}");
    }
    // Numbers stay numbers.
    assert!(rows[1..].iter().any(|r| r[column("count_min")] == "7"));
}

#[test]
fn the_reports_show_markup_from_documents_as_text() {
    let dir = tempfile::tempdir().unwrap();
    hostile_store(dir.path());
    let md = stdout(&isnad(dir.path(), &["report", "--format", "md"]));
    let html = stdout(&isnad(dir.path(), &["report", "--format", "html"]));
    for (name, report) in [("md", &md), ("html", &html)] {
        for raw in ["<script", "<img"] {
            assert!(!report.contains(raw), "raw {raw} in the {name} report");
        }
        assert!(
            report.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "the {name} report does not show the outlet"
        );
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

/// No byte of `text` is a control character other than a newline, nor a
/// bidi embedding, override or isolate.
fn assert_inert(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect();
    assert!(bad.is_empty(), "{what} prints {bad:?} raw:\n{text}");
}

#[test]
fn terminal_output_shows_control_and_bidi_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    hostile_store(dir.path());
    let inputs = dir.path().join("in");
    let run = stdout(&isnad(
        dir.path(),
        &["run", "--verbose", inputs.to_str().unwrap()],
    ));
    assert_inert("run --verbose", &run);
    assert!(run.contains("title:     \\e[2J\\e[Hمسح الشاشة"), "{run}");
    assert!(run.contains("author: <U+202E>لوكيرت"), "{run}");

    let docs = stdout(&isnad(dir.path(), &["docs"]));
    assert_inert("docs", &docs);
    assert_eq!(
        docs.lines().count(),
        4,
        "a header and one line per document:\n{docs}"
    );
    assert!(docs.contains("bad\\nname.txt"), "{docs}");

    let show = stdout(&isnad(dir.path(), &["show", "feed.jsonl:1"]));
    assert_inert("show", &show);
    assert!(show.contains("title:      \\e[2J\\e[Hمسح الشاشة"), "{show}");
    assert!(show.contains("ميشال<U+202E>عون"), "{show}");

    let entities = stdout(&isnad(dir.path(), &["entities"]));
    assert_inert("entities", &entities);
    assert!(entities.contains("ميشال<U+202E>عون"), "{entities}");
}
