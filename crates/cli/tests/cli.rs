//! End-to-end tests of the `isnad` command, each in its own temporary folder.

mod common;
use common::{isnad, repo};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn sample_corpus() -> PathBuf {
    repo().join("corpus/sample")
}

fn export(dir: &Path) -> Value {
    let out = isnad(dir, &["export", "--format", "json"]);
    assert!(out.status.success(), "export failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("export is JSON")
}

/// The ledger of the sample corpus, run into a fresh store.
fn sample_ledger() -> Value {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        isnad(dir.path(), &["run", sample_corpus().to_str().unwrap()])
            .status
            .success()
    );
    export(dir.path())
}

fn doc_by_source<'a>(ledger: &'a Value, source: &str) -> &'a Value {
    ledger["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["source"] == source)
        .unwrap_or_else(|| panic!("{source} not exported"))
}

/// A readable rendering of one exported document, compared with a golden file.
fn render(doc: &Value, original: &str) -> String {
    let mut s = String::new();
    for key in [
        "title",
        "outlet",
        "author",
        "published",
        "near_duplicate_of",
    ] {
        s.push_str(&format!("{key}: {}\n", doc[key].as_str().unwrap_or("—")));
    }
    s.push_str("removed:\n");
    for r in doc["removed"].as_array().unwrap() {
        let (a, b) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let removed: String = original[a..b]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        s.push_str(&format!(
            "  {} {a}..{b} {}\n",
            r["reason"].as_str().unwrap(),
            removed
        ));
    }
    s.push_str("text:\n");
    s.push_str(doc["text"].as_str().unwrap());
    s.push('\n');
    s
}

/// Golden files live in tests/golden; `ISNAD_BLESS=1 cargo test` rewrites them after review.
fn check_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("ISNAD_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with ISNAD_BLESS=1",
            path.display()
        )
    });
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(5)
            .map(|(i, (e, a))| format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1))
            .collect();
        panic!(
            "{name} differs from its golden file (ISNAD_BLESS=1 to accept after review):\n{}",
            diff.join("\n")
        );
    }
}

#[test]
fn sample_corpus_golden_documents() {
    let dir = tempfile::tempdir().unwrap();
    let out = isnad(dir.path(), &["run", sample_corpus().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ledger = export(dir.path());
    assert_eq!(ledger["schema"], "isnad.ledger.v1");
    assert_eq!(ledger["documents"].as_array().unwrap().len(), 5);
    for entry in std::fs::read_dir(sample_corpus()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let original = std::fs::read_to_string(&path).unwrap();
        let doc = doc_by_source(&ledger, &name);
        check_golden(&name.replace(".txt", ".golden"), &render(doc, &original));
    }
}

/// What a careful reader sees in the five articles, asserted independently of the golden files.
#[test]
fn sample_corpus_body_kept_furniture_removed_metadata_read() {
    let ledger = sample_ledger();
    let text = |src: &str| {
        doc_by_source(&ledger, src)["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let field = |src: &str, f: &str| doc_by_source(&ledger, src)[f].as_str().map(str::to_string);
    let assert_fields = |src: &str, expected: &[(&str, &str)]| {
        for (f, value) in expected {
            assert_eq!(field(src, f).as_deref(), Some(*value), "{src}: {f}");
        }
    };

    // 000: an opinion piece with no metadata; every paragraph and subheading kept.
    let t = text("000_cfbf24d099bb50ab.txt");
    assert!(t.starts_with("قوات الأمن الكازاخستانية أعلنت"));
    assert!(t.contains("المطالبة برحيل الرئيس الراحل"));
    assert!(t.ends_with("وجود فوبيا داخلية بين الشعب الكازاخستاني من روسيا."));
    assert_eq!(field("000_cfbf24d099bb50ab.txt", "title"), None);

    // 001: machine translation; the source line is metadata, not text.
    let t = text("001_eb9ca2d14c0c29d5.txt");
    assert!(t.contains("ويبدو أن الكتلة السوفييتية"));
    assert!(t.ends_with("الزعيم الجديد مدى الحياة الذي يدعمه بوتن."));
    assert!(!t.contains("forbes.com"));
    assert_fields("001_eb9ca2d14c0c29d5.txt", &[("published", "2022-01-07")]);
    assert!(field("001_eb9ca2d14c0c29d5.txt", "title")
        .unwrap()
        .starts_with("إراقة الدماء في كازاخستان"));

    // 002: headline printed twice, then reader comments and "most read" lists.
    let t = text("002_e558e0bf78ef4839.txt");
    assert_eq!(
        t.matches("ما قصة احتجاجات كازاخستان ولماذا سارعت روسيا إلى التدخل؟")
            .count(),
        1
    );
    assert!(t.contains("تم إدخال 400 منهم إلى المستشفى و62 شخصاً في العناية المركزة"));
    assert!(t.ends_with("على حد زعمها."));
    for furniture in [
        "التعليقات",
        "الزركلي",
        "منذ سنتين",
        "غوغاء امريكا",
        "الأكثر قراءة",
        "أهم المواضيع",
        "أهم التصنيفات",
    ] {
        assert!(!t.contains(furniture), "002 still holds {furniture}");
    }
    let removed = &doc_by_source(&ledger, "002_e558e0bf78ef4839.txt")["removed"];
    assert!(removed
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["reason"] == "comments"));

    // 003: kicker above the headline, source line with outlet and author, trailing links.
    let t = text("003_a3cb9e3d5d8cbfd6.txt");
    assert!(t.starts_with("بوتين وفوضى كازاخستان\n\nتضع الاحتجاجات"));
    assert!(t.ends_with("ولا تعيرهم أمجاد السوفيات."));
    for furniture in [
        "حراك الشعوب",
        "المصدر",
        "مقالات ذات صلة",
        "زر الذهاب إلى الأعلى",
    ] {
        assert!(!t.contains(furniture), "003 still holds {furniture}");
    }
    assert_fields(
        "003_a3cb9e3d5d8cbfd6.txt",
        &[
            ("outlet", "الحرة"),
            ("author", "جويس كرم"),
            ("title", "بوتين وفوضى كازاخستان"),
        ],
    );

    // 004: basmala and labels above the title; dated at the end in Hijri and Gregorian.
    let t = text("004_3905b9b0e2d78ba6.txt");
    assert!(t.starts_with("التداعيات السياسية في كازاخستان"));
    assert!(t.contains("**السؤال:** تدخلت روسيا باسم معاهدة الأمن الجماعي"));
    assert!(t.contains("وَلْيَنْصُرَنَّ اللَّهُ مَنْ يَنْصُرُهُ"));
    for furniture in [
        "بسم الله الرحمن الرحيم",
        "جواب سؤال\n",
        "جمادى الآخرة ١٤٤٣",
        "٢٠٢٢/١/١٥ م",
    ] {
        assert!(!t.contains(furniture), "004 still holds {furniture}");
    }
    assert_fields(
        "004_3905b9b0e2d78ba6.txt",
        &[
            ("published", "2022-01-15"),
            ("title", "التداعيات السياسية في كازاخستان"),
        ],
    );
}

#[test]
fn running_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = sample_corpus();
    assert!(isnad(dir.path(), &["run", corpus.to_str().unwrap()])
        .status
        .success());
    let first = export(dir.path());
    let again = isnad(dir.path(), &["run", corpus.to_str().unwrap()]);
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("0 new, 5 already stored"),
        "{}",
        stdout(&again)
    );
    assert_eq!(first, export(dir.path()));
}

#[test]
fn html_page_keeps_the_article_and_reads_its_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news_page.html");
    let out = isnad(dir.path(), &["run", page.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ledger = export(dir.path());
    let d = &ledger["documents"][0];
    assert_eq!(d["title"], "فيضانات تجتاح شمال البلاد وتوقع قتلى");
    assert_eq!(d["outlet"], "صحيفة الوادي");
    assert_eq!(d["author"], "منى الشريف");
    assert_eq!(d["published"], "2023-09-12");
    assert_eq!(d["url"], "https://alwadi.example/news/2023/09/12/floods");
    let text = d["text"].as_str().unwrap();
    assert_eq!(
        text,
        "فيضانات تجتاح شمال البلاد وتوقع قتلى\n\n\
         لقي 14 شخصاً على الأقل حتفهم وأصيب العشرات جراء فيضانات عارمة اجتاحت عدة قرى في شمال البلاد منذ مساء الأحد، بحسب ما أعلنت وزارة الداخلية في بيان صباح اليوم.\n\n\
         وقال المتحدث باسم الدفاع المدني إن فرق الإنقاذ «تعمل على مدار الساعة» لانتشال العالقين، مشيراً إلى أن أكثر من 300 عائلة نزحت من منازلها.\n\n\
         وأعلنت الحكومة حالة الطوارئ في ثلاث محافظات، وأغلقت المدارس حتى إشعار آخر.\n\n\
         ويعد هذا أسوأ فيضان تشهده المنطقة منذ عقدين."
    );
    let reasons: Vec<&str> = d["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    for expected in [
        "navigation",
        "share-bar",
        "advertisement",
        "related-links",
        "comments",
        "footer",
    ] {
        assert!(
            reasons.contains(&expected),
            "no {expected} range in {reasons:?}"
        );
    }
}

#[test]
fn jsonl_articles_with_given_metadata_and_bad_lines_named() {
    let dir = tempfile::tempdir().unwrap();
    let feed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/agency_feed.jsonl");
    let out = isnad(dir.path(), &["run", feed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "bad lines make the run fail");
    let err = stderr(&out);
    assert!(
        err.contains("agency_feed.jsonl: line 3: not valid JSON"),
        "{err}"
    );
    assert!(
        err.contains("agency_feed.jsonl: line 4: no \"text\" or \"html\" field"),
        "{err}"
    );
    let ledger = export(dir.path());
    let docs = ledger["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["source"], "https://agency.example/2024/03/02/port");
    assert_eq!(docs[0]["outlet"], "وكالة الأنباء المحلية");
    assert_eq!(docs[0]["published"], "2024-03-02");
    assert!(!docs[0]["text"].as_str().unwrap().contains("اقرأ أيضاً"));
    assert_eq!(docs[1]["source"], "agency_feed.jsonl:2");
    assert_eq!(docs[1]["published"], "2024-03-03");
    assert_eq!(docs[1]["text"], "احتجاجات على رفع أسعار الوقود\n\nتظاهر المئات في العاصمة احتجاجاً على قرار الحكومة رفع أسعار الوقود بنسبة عشرين في المئة.");
}

#[test]
fn bad_inputs_are_named_and_good_ones_stored() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let arabic = "قال مسؤول محلي إن الأمطار الغزيرة تسببت في انهيار جسر على الطريق الرئيسي بين المدينتين، ما أدى إلى إغلاقه أمام حركة السير.";
    // Bad ones.
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(
        inputs.join("binary.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    )
    .unwrap();
    let mut broken = arabic.as_bytes().to_vec();
    broken.splice(20..20, [0xC3, 0x28, 0xFF]);
    std::fs::write(inputs.join("broken-utf8.txt"), &broken).unwrap();
    std::fs::write(inputs.join("picture.png"), b"\x89PNG").unwrap();
    // Larger than any article: refused before it is read (a sparse file, cheap to make).
    std::fs::File::create(inputs.join("huge.txt"))
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    // Good ones, in other encodings and shapes.
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
    std::fs::write(inputs.join("legacy-1256.txt"), &cp1256).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "أعلنت السلطات إغلاق المطار بسبب العاصفة الرملية التي ضربت المنطقة.".encode_utf16()
    {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(inputs.join("utf16.txt"), &utf16).unwrap();
    let sentence =
        "وأضاف المتحدث أن فرق الطوارئ انتشرت في الأحياء المتضررة لتقديم المساعدة للسكان. ";
    let long_line = sentence.repeat(20 * 1024 * 1024 / sentence.len() + 1);
    std::fs::write(inputs.join("one-line-20mb.txt"), &long_line).unwrap();
    let mut deep = String::from("<html><body><p>خبر عاجل عن حريق في سوق المدينة القديمة.</p>");
    deep.push_str(&"<div>".repeat(200_000));
    deep.push_str("نص في أعمق عنصر");
    std::fs::write(inputs.join("deep.html"), &deep).unwrap();

    // A store with something in it already.
    let sample = sample_corpus().join("003_a3cb9e3d5d8cbfd6.txt");
    assert!(isnad(dir.path(), &["run", sample.to_str().unwrap()])
        .status
        .success());

    let out = isnad(dir.path(), &["run", inputs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    for (file, why) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("picture.png", "skipping"),
        ("huge.txt", "limit"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(why)),
            "no error naming {file} ({why}) in:\n{err}"
        );
    }
    let ledger = export(dir.path());
    let sources: Vec<&str> = ledger["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap())
        .collect();
    // Two bad byte sequences in an article cost two replacement characters,
    // reported by name, not the article.
    assert!(
        err.lines()
            .any(|l| l.contains("warning") && l.contains("broken-utf8.txt") && l.contains("UTF-8")),
        "no warning naming broken-utf8.txt in:\n{err}"
    );
    for good in [
        "003_a3cb9e3d5d8cbfd6.txt",
        "broken-utf8.txt",
        "legacy-1256.txt",
        "utf16.txt",
        "one-line-20mb.txt",
        "deep.html",
    ] {
        assert!(sources.contains(&good), "{good} not stored: {sources:?}");
    }
    assert_eq!(sources.len(), 6);
    assert_eq!(doc_by_source(&ledger, "legacy-1256.txt")["text"], arabic);
    assert!(doc_by_source(&ledger, "deep.html")["text"]
        .as_str()
        .unwrap()
        .ends_with("نص في أعمق عنصر"));
    let big = doc_by_source(&ledger, "one-line-20mb.txt")["text"]
        .as_str()
        .unwrap()
        .len();
    assert!(
        big >= 20 * 1024 * 1024 - sentence.len(),
        "20 MB line truncated to {big}"
    );

    // The store is still valid and complete.
    let store = isnad_store_check(dir.path());
    assert_eq!(store, 6);
}

/// Opens the store with SQLite's own checks through the CLI's reading commands.
fn isnad_store_check(dir: &Path) -> usize {
    let out = isnad(dir, &["docs"]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().count() - 1
}

#[test]
fn a_file_that_is_not_a_store_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "my notes, not a database").unwrap();
    let out = isnad(
        dir.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "run",
            sample_corpus().to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not an isnad store"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "my notes, not a database"
    );
}

#[test]
fn reading_commands_on_a_missing_store_explain_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["export", "--format", "json"][..],
        &["docs"],
        &["show", "abcd"],
    ] {
        let out = isnad(dir.path(), args);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("run `isnad run PATH…` first"),
            "{}",
            stderr(&out)
        );
        assert!(
            !dir.path().join("isnad.db").exists(),
            "a reading command created a store"
        );
    }
}

#[test]
fn stories_are_listed_and_each_join_explained_by_its_signals() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = repo().join("crates/cli/tests/fixtures/incidents");
    assert!(
        isnad(dir.path(), &["-q", "run", incidents.to_str().unwrap()])
            .status
            .success()
    );
    let ledger = export(dir.path());
    let stories = ledger["stories"].as_array().unwrap();
    // Two happenings, two outlets each: a blast in Beirut, protests in Tunis.
    assert_eq!(stories.len(), 2, "{stories:#?}");
    for c in ledger["clusters"].as_array().unwrap() {
        assert!(c["story"].is_string(), "every cluster names its story: {c}");
    }
    let list = stdout(&isnad(dir.path(), &["stories"]));
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(
        list.contains("2 documents") && list.contains("بيروت"),
        "{list}"
    );
    let beirut = stories
        .iter()
        .find(|s| s["title"].as_str().unwrap().contains("بيروت"))
        .unwrap();
    let id = beirut["id"].as_str().unwrap();
    let out = isnad(dir.path(), &["stories", "--explain", &id[..6]]);
    assert!(out.status.success(), "{}", stderr(&out));
    let why = stdout(&out);
    for part in [
        "started the story",
        "joined, total",
        "entities",
        "words",
        "× 0.30",
        "بيروت",
    ] {
        assert!(why.contains(part), "{part} missing:\n{why}");
    }
    let none = isnad(dir.path(), &["stories", "--explain", "s000000"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("`isnad stories` lists them"),
        "{}",
        stderr(&none)
    );
}

#[test]
fn show_prints_text_and_what_was_removed() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        isnad(dir.path(), &["run", sample_corpus().to_str().unwrap()])
            .status
            .success()
    );
    let out = isnad(dir.path(), &["show", "002_e558e0bf78ef4839.txt"]);
    assert!(out.status.success());
    let s = stdout(&out);
    assert!(s.contains("تسارعت التطورات العسكرية في كازاخستان"));
    assert!(s.contains("comments: التعليقات (4)"), "{s}");
    let out = isnad(dir.path(), &["show", "no-such-doc"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("isnad docs"));
}

#[test]
fn export_to_a_file_and_env_db() {
    let dir = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .current_dir(dir.path())
        .env("ISNAD_DB", dir.path().join("custom.db"))
        .args(["run", "--quiet", sample_corpus().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(run.stdout.is_empty(), "--quiet printed something");
    assert!(dir.path().join("custom.db").exists());
    let out = isnad(
        dir.path(),
        &[
            "--db",
            "custom.db",
            "export",
            "--format",
            "json",
            "--output",
            "ledger.json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("ledger.json")).unwrap()).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 5);
}

#[test]
fn a_run_killed_midway_leaves_a_valid_store() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("many");
    std::fs::create_dir(&inputs).unwrap();
    let body = std::fs::read_to_string(sample_corpus().join("000_cfbf24d099bb50ab.txt")).unwrap();
    for i in 0..400 {
        // Distinct documents (so each is a new write), about 20 KB each.
        std::fs::write(
            inputs.join(format!("{i:04}.txt")),
            format!("خبر رقم {i}\n\n{}", body.repeat(2)),
        )
        .unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .current_dir(dir.path())
        .env_remove("ISNAD_DB")
        .args(["run", "--quiet", inputs.to_str().unwrap()])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    let _ = child.kill();
    let _ = child.wait();
    let out = isnad(dir.path(), &["check"]);
    assert!(
        out.status.success(),
        "store damaged after a kill: {}",
        stderr(&out)
    );
    // And it takes the rest of the run afterwards.
    let out = isnad(dir.path(), &["run", "--quiet", inputs.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = isnad(dir.path(), &["check"]);
    assert!(stdout(&out).contains("(400 documents"), "{}", stdout(&out));
}

/// The entity with this written form; or, failing that, the one entity
/// whose forms hold it as their last word(s) ("قاسم توكايف" for "توكايف").
fn entity_with<'a>(ledger: &'a Value, variant: &str) -> &'a Value {
    let entities = ledger["entities"].as_array().unwrap();
    let has = |e: &Value, f: &dyn Fn(&str) -> bool| {
        e["variants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| f(v.as_str().unwrap()))
    };
    if let Some(e) = entities.iter().find(|e| has(e, &|v| v == variant)) {
        return e;
    }
    let ending: Vec<&Value> = entities
        .iter()
        .filter(|e| has(e, &|v| v.ends_with(&format!(" {variant}"))))
        .collect();
    assert_eq!(
        ending.len(),
        1,
        "no single entity has the form {variant}: {ending:?}"
    );
    ending[0]
}

/// What a careful reader of the five articles sees as one entity is one entity.
#[test]
fn sample_corpus_entities_are_linked_across_spellings() {
    let ledger = sample_ledger();
    let same = |names: &[&str]| {
        let first = &entity_with(&ledger, names[0])["id"];
        for n in &names[1..] {
            assert_eq!(
                &entity_with(&ledger, n)["id"],
                first,
                "{} and {n} should be one entity",
                names[0]
            );
        }
    };
    same(&["ألماتي", "ألما آتا", "ألماتا", "ألما أتا"]);
    same(&["توكاييف", "توكايف", "توكييف"]);
    same(&["نزارباييف", "نزار باييف"]);
    same(&["بوتين", "بوتن"]);
    same(&["كازاخستان", "الكازاخستانية"]);
    assert_eq!(entity_with(&ledger, "كازاخستان")["type"], "location");
    assert_eq!(
        entity_with(&ledger, "كازاخستان")["name_latin"],
        "Kazakhstan"
    );
    assert_eq!(entity_with(&ledger, "ألماتي")["name_latin"], "Almaty");
    assert_eq!(entity_with(&ledger, "توكاييف")["type"], "person");
    // Russia and Belarus ("White Russia") share a word and stay apart.
    assert_ne!(
        entity_with(&ledger, "روسيا")["id"],
        entity_with(&ledger, "روسيا البيضاء")["id"]
    );
    assert_eq!(
        entity_with(&ledger, "روسيا البيضاء")["name_latin"],
        "Belarus"
    );
}

/// Every mention slices its document's text exactly and never lies inside a longer word.
#[test]
fn entity_mentions_are_exact_whole_word_spans() {
    let ledger = sample_ledger();
    let texts: std::collections::HashMap<&str, &str> = ledger["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["text"].as_str().unwrap()))
        .collect();
    let mut n = 0;
    for e in ledger["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let text = texts[m["doc"].as_str().unwrap()];
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], m["text"].as_str().unwrap());
            let after = text[end..].chars().next();
            assert!(
                !after.is_some_and(char::is_alphabetic),
                "mention {:?} continues into a longer word",
                m["text"]
            );
            // Before the mention: a word boundary, or only proclitic letters of the same word.
            let word_start = text[..start]
                .rfind(|c: char| !c.is_alphabetic() && !isnad_text::arabic::is_diacritic(c))
                .map_or(0, |i| i + text[i..].chars().next().unwrap().len_utf8());
            let prefix = &text[word_start..start];
            assert!(
                prefix
                    .chars()
                    .all(|c| "وفبلكال".contains(c) || isnad_text::arabic::is_diacritic(c))
                    && prefix.chars().count() <= 4,
                "mention {:?} starts inside the word {:?}",
                m["text"],
                &text[word_start..end]
            );
            n += 1;
        }
    }
    assert!(n > 300, "only {n} mentions");
    // The name بوتن is never found inside سبوتنيك.
    assert!(ledger["entities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["text"] != "سبوتنيك" || e["type"] != "person")));
}

/// The facts a careful reader of the sample articles records: counts, sources, dates.
#[test]
fn sample_corpus_facts_with_counts_sources_and_dates() {
    let ledger = sample_ledger();
    let doc_id = |src: &str| {
        doc_by_source(&ledger, src)["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let texts: std::collections::HashMap<String, String> = ledger["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let facts = ledger["facts"].as_array().unwrap();
    for f in facts {
        let t = &texts[f["doc"].as_str().unwrap()];
        assert_eq!(
            &t[f["start"].as_u64().unwrap() as usize..f["end"].as_u64().unwrap() as usize],
            f["evidence"].as_str().unwrap()
        );
    }
    let find = |src: &str, kind: &str, min: Option<u64>, max: Option<u64>| -> &Value {
        let d = doc_id(src);
        facts
            .iter()
            .find(|f| {
                f["doc"] == d.as_str()
                    && f["kind"] == kind
                    && f["count"]["min"].as_u64() == min
                    && f["count"]["max"].as_u64() == max
            })
            .unwrap_or_else(|| panic!("no {kind} {min:?}..{max:?} fact in {src}"))
    };
    let source = |f: &Value| f["sources"][0]["name"].as_str().unwrap_or("").to_string();
    let d002 = "002_e558e0bf78ef4839.txt";
    assert_eq!(
        source(find(d002, "killed", Some(10), Some(99))),
        "وزارة الصحة الكزخية"
    );
    assert_eq!(
        source(find(d002, "injured", Some(1001), None)),
        "وزارة الصحة الكزخية"
    );
    find(d002, "hospitalized", Some(400), Some(400));
    find(d002, "hospitalized", Some(62), Some(62));
    let burnt = find(d002, "property_damage", Some(120), Some(120));
    assert_eq!(
        burnt["hedged"], true,
        "«وزعمت وكالات محلية» is an allegation"
    );
    assert_eq!(source(burnt), "وكالات محلية");
    find(d002, "property_damage", Some(33), Some(33));
    let police = facts
        .iter()
        .find(|f| {
            f["doc"] == doc_id(d002).as_str()
                && f["kind"] == "killed"
                && f["subject"] == "عناصر من الشرطة"
        })
        .expect("eight police killed");
    assert_eq!(police["count"]["min"], 8);
    assert_eq!(
        source(find(d002, "injured", Some(317), Some(317))),
        "وزارة الداخلية الكزخية"
    );
    let emergency = facts
        .iter()
        .find(|f| f["doc"] == doc_id(d002).as_str() && f["kind"] == "emergency_measure")
        .expect("state of emergency");
    assert_eq!(
        emergency["time"]["start"], "--01-19",
        "19 January, year not stated"
    );
    assert!(facts
        .iter()
        .any(|f| f["doc"] == doc_id(d002).as_str() && f["kind"] == "communications_cut"));
    find(d002, "deployment", Some(45), Some(55));

    let d000 = "000_cfbf24d099bb50ab.txt";
    assert_eq!(
        source(find(d000, "killed", Some(10), Some(99))),
        "قوات الأمن الكازاخستانية"
    );
    find(d000, "injured", Some(900), Some(1100));
    assert_eq!(
        find(d000, "killed", Some(8), Some(8))["subject"],
        "قوات الشرطة"
    );

    let d004 = "004_3905b9b0e2d78ba6.txt";
    assert!(source(find(d004, "arrested", Some(9000), Some(11000))).contains("توكاييف"));
    assert_eq!(
        find(d004, "property_damage", Some(500), Some(500))["subject"],
        "سيارة شرطة"
    );
    find(d004, "deployment", Some(2500), Some(2500));
    find(
        "003_a3cb9e3d5d8cbfd6.txt",
        "deployment",
        Some(100_000),
        Some(100_000),
    );
}

/// Several outlets report the same incidents: the ledger shows where their
/// figures agree and where they conflict, naming each source.
#[test]
fn clusters_show_agreement_and_conflict_across_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/incidents");
    let out = isnad(dir.path(), &["run", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(summary.contains("conflict"), "{summary}");
    let ledger = export(dir.path());
    let clusters = ledger["clusters"].as_array().unwrap();
    let facts = ledger["facts"].as_array().unwrap();
    let fact = |id: &Value| facts.iter().find(|f| &f["id"] == id).unwrap();
    let find = |kind: &str, status: &str| {
        clusters.iter().find(|c| {
            c["kind"] == kind && c["status"] == status && c["facts"].as_array().unwrap().len() >= 2
        })
    };
    // Beirut blast: 9 dead (ministry) vs 12 dead (civil defence) conflict; 45 and "about 50" injured agree.
    let dead = find("killed", "conflict")
        .unwrap_or_else(|| panic!("no conflicting death toll: {clusters:#?}"));
    let tolls: Vec<u64> = dead["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| fact(id)["count"]["min"].as_u64().unwrap())
        .collect();
    assert!(tolls.contains(&9) && tolls.contains(&12), "{tolls:?}");
    let summary = dead["summary"].as_str().unwrap();
    assert!(
        summary.contains("الوادي") && summary.contains("الساحل"),
        "{summary}"
    );
    assert!(
        summary.contains("وزارة الصحة اللبنانية") && summary.contains("الدفاع المدني اللبناني"),
        "{summary}"
    );
    assert!(
        find("injured", "agree").is_some(),
        "45 and about 50 injured should agree: {clusters:#?}"
    );
    // Tunis: 30 arrested in both outlets agree.
    let arrests = find("arrested", "agree").expect("30 and 30 arrested agree");
    assert!(arrests["summary"].as_str().unwrap().contains("المرصاد"));
    // Every cluster member exists, and one cluster's facts share its kind.
    for c in clusters {
        for id in c["facts"].as_array().unwrap() {
            assert_eq!(fact(id)["kind"], c["kind"]);
        }
    }
}

#[test]
fn csv_export_has_acled_and_isnad_columns_in_stable_order() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/incidents");
    assert!(
        isnad(dir.path(), &["run", "--quiet", corpus.to_str().unwrap()])
            .status
            .success()
    );
    let out = isnad(dir.path(), &["export", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = stdout(&out);
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("event_date,event_type,sub_event_type,actor1,actor2,country,location,latitude,longitude,fatalities,source,source_scale,notes"));
    assert!(header.contains("count_min,count_max,attribution_chain,evidence,cluster_id,status"));
    let killed: Vec<&str> = csv.lines().filter(|l| l.contains(",killed,")).collect();
    assert!(
        killed
            .iter()
            .any(|l| l.contains(",9,") && l.contains("conflict")),
        "{killed:?}"
    );
    assert!(
        killed.iter().any(|l| l.starts_with("2023-03-14,")),
        "dated by the publication: {killed:?}"
    );
    // Same store, same bytes.
    assert_eq!(
        stdout(&isnad(dir.path(), &["export", "--format", "csv"])),
        csv
    );
}

/// Adding articles to a store reads only the new ones for facts; the result
/// is the ledger a single run over everything gives, with the same fact and
/// cluster ids.
#[test]
fn adding_articles_reads_only_new_documents_and_matches_a_fresh_run() {
    let incidents = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/incidents");
    let sample = sample_corpus();

    let step = tempfile::tempdir().unwrap();
    let first = isnad(step.path(), &["run", sample.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("5 of 5 documents read for facts"),
        "{}",
        stdout(&first)
    );
    let second = isnad(step.path(), &["run", incidents.to_str().unwrap()]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stdout(&second).contains("4 of 9 documents read for facts"),
        "{}",
        stdout(&second)
    );
    let again = isnad(step.path(), &["run", incidents.to_str().unwrap()]);
    assert!(
        stdout(&again).contains("0 of 9 documents read for facts"),
        "{}",
        stdout(&again)
    );

    let fresh = tempfile::tempdir().unwrap();
    let both = isnad(
        fresh.path(),
        &["run", sample.to_str().unwrap(), incidents.to_str().unwrap()],
    );
    assert!(both.status.success(), "{}", stderr(&both));

    let (a, b) = (export(step.path()), export(fresh.path()));
    assert_eq!(a["facts"], b["facts"], "facts differ from a fresh run");
    assert_eq!(
        a["clusters"], b["clusters"],
        "clusters differ from a fresh run"
    );
    assert!(!a["clusters"].as_array().unwrap().is_empty());
}

#[test]
fn facts_explain_names_the_words_behind_each_part_of_a_fact() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = repo().join("crates/cli/tests/fixtures/incidents");
    assert!(
        isnad(dir.path(), &["-q", "run", incidents.to_str().unwrap()])
            .status
            .success()
    );
    let ledger = export(dir.path());
    let fact = ledger["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["count"].is_object())
        .expect("the incidents have a counted fact");
    let out = isnad(
        dir.path(),
        &["facts", "--explain", fact["id"].as_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let why = stdout(&out);
    let figure = fact["count"]["text"].as_str().unwrap();
    for part in ["kind    ←", "figure  ←", "place ", "time ", "source "] {
        assert!(why.contains(part), "{part} missing:\n{why}");
    }
    assert!(
        why.contains(&format!("«{figure}»")),
        "the figure's words: {why}"
    );
    assert!(why.contains(fact["kind"].as_str().unwrap()), "{why}");
    let none = isnad(dir.path(), &["facts", "--explain", "f000000000000"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("`isnad docs` lists documents"),
        "{}",
        stderr(&none)
    );
}
