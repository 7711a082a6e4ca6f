//! `isnad report`: the HTML and Markdown reports on the sample corpus and the
//! incidents corpus, and the HTML page as a real browser renders it.
//!
//! The browser test needs Debian's `chromium` (`apt-get install chromium`;
//! `.ci/run` installs it). Set `ISNAD_CHROMIUM` to use another binary.

mod common;
use common::{isnad, repo};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A store of the five sample articles and the four incident reports.
fn store_with_both_corpora(dir: &Path) {
    let incidents = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/incidents");
    let out = isnad(
        dir,
        &[
            "run",
            repo().join("corpus/sample").to_str().unwrap(),
            incidents.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8_lossy(&out.stdout);
    // The run ends with the story: the Beirut toll in dispute, each outlet's figure and source.
    let story = summary
        .lines()
        .find(|l| l.contains("killed in بيروت"))
        .unwrap_or_else(|| panic!("no Beirut toll in the story:\n{summary}"));
    assert!(story.contains("conflict"), "{story}");
    for part in [
        "الوادي «9»",
        "وزارة الصحة اللبنانية",
        "الساحل «12»",
        "الدفاع المدني اللبناني",
    ] {
        assert!(story.contains(part), "{part} missing from: {story}");
    }
}

/// The text between `<table id="ID"` and its `</table>`.
fn table<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<table id=\"{id}\""))
        .unwrap_or_else(|| panic!("no table #{id}"));
    let end = start + html[start..].find("</table>").expect("table closes");
    &html[start..end]
}

#[test]
fn html_report_is_self_contained_and_shows_disputes_agreements_and_timeline() {
    let dir = tempfile::tempdir().unwrap();
    store_with_both_corpora(dir.path());
    let out = isnad(dir.path(), &["report", "--output", "report.html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();

    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    // Opens offline: nothing fetched, nothing run.
    for forbidden in ["<script", "<link", "src=", "http://", "https://", "@import"] {
        assert!(
            !html.contains(forbidden),
            "report refers outside itself: {forbidden}"
        );
    }

    // Disputed: the Beirut toll, each outlet with its figure, source and quoted evidence.
    let disputed = table(&html, "disputed");
    let beirut = disputed
        .split("<tbody")
        .find(|b| b.contains("بيروت") && b.contains("قتلى"))
        .unwrap_or_else(|| panic!("Beirut toll not disputed: {disputed}"));
    for part in [
        "الوادي",
        "«9» (9)",
        "وزارة الصحة اللبنانية",
        "الساحل",
        "«12» (12)",
        "الدفاع المدني اللبناني",
        "<blockquote>",
        "متعارض",
    ] {
        assert!(beirut.contains(part), "{part} missing: {beirut}");
    }
    // Agreed: 45 and "about 50" injured in Beirut; 30 and 30 arrested in Tunis;
    // on the sample corpus "عشرات" and "العشرات" killed.
    let agreed = table(&html, "agreed");
    for part in [
        "«45» (45)",
        "«نحو 50» (45–55)",
        "المرصاد",
        "النهار الجديد",
        "«عشرات» (10–99)",
        "«العشرات» (10–99)",
    ] {
        assert!(agreed.contains(part), "{part} missing from agreements");
    }
    assert!(
        !agreed.contains("«9» (9)"),
        "a conflict listed as agreement"
    );

    // Timeline: the Beirut blast (14 March 2023) before the Tunis arrests (15 March),
    // dated happenings before undated ones.
    let tl_start = html.find("<ol id=\"timeline\">").expect("timeline");
    let tl = &html[tl_start..tl_start + html[tl_start..].find("</ol>").unwrap()];
    let pos = |needle: &str| {
        tl.find(needle)
            .unwrap_or_else(|| panic!("{needle} not in timeline"))
    };
    assert!(pos("<time datetime=\"2023-03-14\">") < pos("<time datetime=\"2023-03-15\">"));
    assert!(pos("2023-03-15") < pos("غير مؤرخ"));

    // Outlets: the words each uses for the same people.
    assert!(html.contains("<h3><bdi>الوادي</bdi></h3>"));
    assert!(
        html.contains("المحتجون ومن في الشارع"),
        "no wording profile"
    );
    // Entity index: one row per entity, with its variants.
    let index = table(&html, "entity-index");
    let almaty = index
        .split("<tr")
        .find(|r| r.contains("ألما آتا"))
        .expect("Almaty in the index");
    for v in ["ألماتي", "ألماتا"] {
        assert!(
            almaty.contains(v),
            "{v} not a variant of the same entity: {almaty}"
        );
    }

    let md = isnad(dir.path(), &["report", "--format", "md"]);
    assert!(md.status.success());
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("<div dir=\"rtl\">"));
    assert!(md.contains("## الأرقام المتنازع عليها"));
    assert!(md.contains("## التسلسل الزمني"));
    assert!(md
        .lines()
        .any(|l| l.contains("الساحل") && l.contains("«12» (12)") && l.starts_with('|')));
}

fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("ISNAD_CHROMIUM") {
        return PathBuf::from(p);
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in ["/usr/bin", "/usr/local/bin", "/snap/bin"] {
            let p = Path::new(dir).join(name);
            if p.exists() {
                return p;
            }
        }
    }
    panic!(
        "no Chromium found: install Debian's chromium (`apt-get install chromium`, as .ci/run does) \
         or set ISNAD_CHROMIUM to a Chromium binary"
    );
}

/// Runs headless Chromium with `args`, killing it after a minute; returns
/// what it printed on standard output (read from a file, so a large DOM
/// never fills a pipe).
fn headless(profile: &Path, args: &[&str]) -> String {
    std::fs::create_dir_all(profile).unwrap();
    let stdout_path = profile.join("stdout.txt");
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::read_to_string(&stdout_path).unwrap()
}

/// What the browser measured, written by a probe script appended to a copy
/// of the report (the report itself has no script).
const PROBE: &str = r##"<script>
(function () {
  const box = (el) => el.getBoundingClientRect();
  const out = {};
  out.page = getComputedStyle(document.documentElement).direction;
  for (const id of ["disputed", "timeline"]) {
    const el = document.getElementById(id);
    out[id] = el ? {
      direction: getComputedStyle(el).direction,
      visible: box(el).height > 0 && box(el).width > 0,
      rows: el.querySelectorAll(id === "timeline" ? "li" : "tbody tr").length,
      text: el.innerText.replace(/\s+/g, " ").slice(0, 50000)
    } : null;
  }
  // Right to left in layout, not only in markup: the first header cell of the
  // disputed table is drawn to the right of the last one.
  const ths = document.querySelectorAll("#disputed thead th");
  out.firstColumnOnTheRight = ths.length > 1 && box(ths[0]).left > box(ths[ths.length - 1]).left;
  // The timeline's dates, first in each item, are drawn at the item's right edge.
  const time = document.querySelector("#timeline li time");
  const li = time && time.closest("li");
  out.timelineAlignedRight = !!time && (box(li).right - box(time).right) < (box(time).left - box(li).left);
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"##;

#[test]
fn html_report_renders_right_to_left_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    store_with_both_corpora(dir.path());
    let report = dir.path().join("report.html");
    let out = isnad(
        dir.path(),
        &["report", "--output", report.to_str().unwrap()],
    );
    assert!(out.status.success());
    let html = std::fs::read_to_string(&report).unwrap();
    let probed = dir.path().join("probed.html");
    std::fs::write(
        &probed,
        html.replace("</body>", &format!("{PROBE}\n</body>")),
    )
    .unwrap();

    let dom = headless(
        &dir.path().join("profile-dom"),
        &[
            "--window-size=1280,2000",
            "--dump-dom",
            &format!("file://{}", probed.display()),
        ],
    );
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + "<pre id=\"probe\">".len();
    let json = dom[start..start + dom[start..].find("</pre>").unwrap()]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let probe: serde_json::Value = serde_json::from_str(&json).expect("probe JSON");

    assert_eq!(probe["page"], "rtl");
    for id in ["disputed", "timeline"] {
        assert_eq!(probe[id]["direction"], "rtl", "{id}: {probe}");
        assert_eq!(probe[id]["visible"], true, "{id} not drawn: {probe}");
    }
    assert!(probe["disputed"]["rows"].as_u64().unwrap() >= 2, "{probe}");
    assert!(probe["timeline"]["rows"].as_u64().unwrap() >= 3, "{probe}");
    let disputed = probe["disputed"]["text"].as_str().unwrap();
    for part in ["الوادي", "الساحل", "«12» (12)", "الدفاع المدني اللبناني"]
    {
        assert!(
            disputed.contains(part),
            "rendered table lacks {part}: {disputed}"
        );
    }
    let timeline = probe["timeline"]["text"].as_str().unwrap();
    assert!(timeline.find("2023-03-14").unwrap() < timeline.find("2023-03-15").unwrap());
    assert_eq!(probe["firstColumnOnTheRight"], true, "{probe}");
    assert_eq!(probe["timelineAlignedRight"], true, "{probe}");

    // A screenshot of the report as it is, for a person to look at.
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-screenshot.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        &dir.path().join("profile-shot"),
        &[
            "--window-size=1280,2400",
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", report.display()),
        ],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        png.len() > 20_000,
        "screenshot suspiciously small: {} bytes",
        png.len()
    );
}
