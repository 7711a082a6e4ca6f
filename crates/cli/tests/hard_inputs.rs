//! `isnad run` on hostile and extreme inputs (issue 25): special files, many
//! tiny files, damaged JSON lines and articles, absurd figures. Each test
//! runs the binary in its own temporary folder and reads back the export.

mod common;
use common::isnad;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const ARTICLE: &str = "قال مسؤول محلي إن الأمطار الغزيرة تسببت في انهيار جسر على الطريق الرئيسي بين المدينتين، ما أدى إلى إغلاقه أمام حركة السير.";

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The store's ledger.
fn export(dir: &Path) -> Value {
    let out = isnad(dir, &["export", "--format", "json"]);
    assert!(out.status.success(), "export failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("export is JSON")
}

/// The `source` of every stored document.
fn sources(ledger: &Value) -> Vec<String> {
    ledger["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `isnad run ARGS` in `dir`, killing it (and failing) if it has not
/// finished after `limit`: a run that hangs must fail the test, not stall it.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .current_dir(dir)
        .env_remove("ISNAD_DB")
        .arg("run")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("isnad starts");
    let started = Instant::now();
    while child.try_wait().expect("isnad can be waited for").is_none() {
        if started.elapsed() > limit {
            child.kill().ok();
            let out = child.wait_with_output().unwrap();
            panic!(
                "isnad run {args:?} still running after {limit:?}: it hangs\n{}",
                stderr(&out)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_fifo_named_txt_is_skipped_by_name_and_the_run_does_not_wait_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let fifo = inputs.join("pipe.txt");
    match Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("skipping: `mkfifo` is not available here");
            return;
        }
    }
    std::fs::write(inputs.join("good.txt"), ARTICLE).unwrap();
    // In a folder, and named on the command line.
    for arg in [&inputs, &fifo] {
        let out = run_within(
            dir.path(),
            &[
                arg.to_str().unwrap(),
                inputs.join("good.txt").to_str().unwrap(),
            ],
            Duration::from_secs(60),
        );
        let err = stderr(&out);
        assert!(
            err.lines()
                .any(|l| l.contains("pipe.txt") && l.contains("not a regular file")),
            "the FIFO is not named as skipped:\n{err}"
        );
    }
    assert_eq!(sources(&export(dir.path())), ["good.txt"]);
}

/// A short article made of words drawn from a small vocabulary by `seed`,
/// so that no two of them are the same text or near duplicates.
fn tiny_article(seed: u64) -> String {
    const WORDS: &[&str] = &[
        "المدينة",
        "الشرطة",
        "السوق",
        "الحكومة",
        "المطار",
        "الميناء",
        "الجسر",
        "المدرسة",
        "المستشفى",
        "الطريق",
        "الوزارة",
        "البلدية",
        "المحكمة",
        "الجامعة",
        "المصنع",
        "الملعب",
        "افتتح",
        "أغلق",
        "زار",
        "أعلن",
        "ناقش",
        "رفض",
        "وافق",
        "طالب",
        "أكد",
        "نفى",
        "قرر",
        "أجل",
        "الأمطار",
        "الرياح",
        "الكهرباء",
        "المياه",
        "الوقود",
        "الخبز",
        "الدواء",
        "الطلاب",
        "العمال",
        "السكان",
        "التجار",
        "المزارعين",
        "الأطباء",
        "الصيادين",
        "صباح",
        "مساء",
        "أمس",
        "اليوم",
        "الجديد",
        "القديم",
        "الكبير",
        "الصغير",
    ];
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut words = Vec::with_capacity(14);
    for _ in 0..14 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        words.push(WORDS[(state >> 33) as usize % WORDS.len()]);
    }
    format!("{} {seed}.", words.join(" "))
}

#[test]
fn twenty_thousand_tiny_files_are_all_read() {
    const FILES: usize = 20_000;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    // Spread over folders as a crawl would be, two levels deep.
    for i in 0..FILES {
        let folder = inputs.join(format!("{:02}/{:02}", i % 10, i % 100 / 10));
        if i < 100 {
            std::fs::create_dir_all(&folder).unwrap();
        }
        std::fs::write(folder.join(format!("{i:05}.txt")), tiny_article(i as u64)).unwrap();
    }
    let out = run_within(
        dir.path(),
        &["--quiet", inputs.to_str().unwrap()],
        Duration::from_secs(600),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let ledger = export(dir.path());
    let mut stored = sources(&ledger);
    stored.sort();
    let expected: Vec<String> = (0..FILES).map(|i| format!("{i:05}.txt")).collect();
    assert_eq!(
        stored.len(),
        FILES,
        "of {FILES} files, {} stored",
        stored.len()
    );
    assert_eq!(stored, expected);
}

#[test]
fn a_nul_byte_in_one_json_line_costs_that_line_only_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let record = |text: &str| serde_json::json!({ "text": text }).to_string();
    let other = "أعلنت السلطات إغلاق المطار بسبب العاصفة الرملية التي ضربت المنطقة.";
    let mut feed = format!("{}\n", record(ARTICLE)).into_bytes();
    feed.extend_from_slice(b"{\"text\": \"\xD9\x82\0\xD8\xA7\"}\n");
    feed.extend_from_slice(format!("{}\n", record(other)).as_bytes());
    let path = dir.path().join("feed.jsonl");
    std::fs::write(&path, &feed).unwrap();
    let out = isnad(dir.path(), &["run", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad line is an input not read"
    );
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.contains("feed.jsonl: line 2:") && l.contains("NUL")),
        "line 2 is not named:\n{err}"
    );
    let ledger = export(dir.path());
    assert_eq!(sources(&ledger), ["feed.jsonl:1", "feed.jsonl:3"]);
    assert_eq!(ledger["documents"][0]["text"], ARTICLE);
    assert_eq!(ledger["documents"][1]["text"], other);
}

#[test]
fn an_article_with_crawler_control_characters_is_kept_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = ARTICLE.replacen("الغزيرة", "الغزيرة\u{1A}\u{1A}", 1);
    let path = dir.path().join("crawled.txt");
    std::fs::write(&path, &damaged).unwrap();
    let out = isnad(dir.path(), &["run", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.contains("warning") && l.contains("crawled.txt") && l.contains("U+001A")),
        "no warning naming crawled.txt and U+001A:\n{err}"
    );
    let ledger = export(dir.path());
    assert_eq!(sources(&ledger), ["crawled.txt"]);
    assert_eq!(
        ledger["documents"][0]["text"],
        damaged.replace('\u{1A}', "\u{FFFD}")
    );
}

#[test]
fn an_absurd_count_is_kept_as_written_marked_and_never_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absurd.txt");
    let text = "أعلنت الشرطة أن الهجوم على سوق المدينة أسفر عن 99999999999999999999999 قتيلا، وأصيب 12 شخصا آخرون.";
    std::fs::write(&path, text).unwrap();
    let out = isnad(dir.path(), &["run", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ledger = export(dir.path());
    let facts = ledger["facts"].as_array().unwrap();
    let count_of = |kind: &str| {
        facts
            .iter()
            .find(|f| f["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} fact in {facts:?}"))["count"]
            .clone()
    };
    assert_eq!(
        count_of("killed"),
        serde_json::json!({
            "min": null, "max": null, "text": "99999999999999999999999", "implausible": true,
        })
    );
    // An ordinary count beside it is written as it always was.
    assert_eq!(
        count_of("injured"),
        serde_json::json!({ "min": 12, "max": 12, "text": "12" })
    );
    // No figure anywhere beyond what every JSON reader holds exactly.
    for f in facts {
        for end in ["min", "max"] {
            if let Some(n) = f["count"][end].as_u64() {
                assert!(n <= 1 << 53, "{end} {n} in {f}");
            }
        }
    }
    // Nor in the CSV: the absurd figure has no count_min or count_max.
    let csv = isnad(dir.path(), &["export", "--format", "csv"]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut rows = csv.lines().map(csv_fields);
    let header = rows.next().expect("a header");
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let killed = facts.iter().find(|f| f["kind"] == "killed").unwrap();
    let row = rows
        .find(|r| r[column("fact_id")] == killed["id"].as_str().unwrap())
        .expect("the killed fact's row");
    assert_eq!(
        (
            row[column("count_min")].as_str(),
            row[column("count_max")].as_str()
        ),
        ("", "")
    );
}

/// The fields of one CSV line (RFC 4180 quoting; no field spans lines here).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn numeric_hijri_dates_are_read_as_hijri() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("riyadh.txt");
    let text = "أعلنت الشرطة أن الهجوم على سوق المدينة يوم ١٧/٦/١٤٣٦ أسفر عن مقتل ثلاثة أشخاص.\n\nوقالت إن التحقيقات لا تزال جارية لمعرفة ملابسات الحادث.\n\n19/6/1436هـ\n";
    std::fs::write(&path, text).unwrap();
    let out = isnad(dir.path(), &["run", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ledger = export(dir.path());
    // 19 Jumada al-Akhirah 1436 is 8 April 2015; the 17th, the 6th.
    assert_eq!(ledger["documents"][0]["published"], "2015-04-08");
    let killed = ledger["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "killed")
        .expect("a killed fact");
    assert_eq!(killed["time"]["start"], "2015-04-06", "{killed}");
}
