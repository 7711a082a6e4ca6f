//! The temporal test set (`tests/data/timex.tsv`): sentences in news wording
//! with the gold TIMEX3 reading of one expression each. The tagger must get
//! at least 98 % of them exactly right (span, type and value); the score
//! and every miss are printed (`cargo test -p isnad-time --test timex_gold -- --nocapture`).

use isnad_time::{tag, Date, Granularity, Resolution, TimeExpression, TimexType};

struct Gold {
    line: usize,
    sentence: String,
    anchor: Option<Date>,
    span: String,
    timex_type: TimexType,
    value: String,
    granularity: Granularity,
    resolution: Resolution,
    conflict: bool,
}

fn parse_type(s: &str) -> TimexType {
    match s {
        "date" => TimexType::Date,
        "range" => TimexType::Range,
        "duration" => TimexType::Duration,
        "set" => TimexType::Set,
        _ => panic!("unknown type {s}"),
    }
}

fn parse_granularity(s: &str) -> Granularity {
    match s {
        "day" => Granularity::Day,
        "part_of_day" => Granularity::PartOfDay,
        "week" => Granularity::Week,
        "month" => Granularity::Month,
        "season" => Granularity::Season,
        "year" => Granularity::Year,
        "decade" => Granularity::Decade,
        _ => panic!("unknown granularity {s}"),
    }
}

fn parse_resolution(s: &str) -> Resolution {
    match s {
        "stated" => Resolution::Stated,
        "publication" => Resolution::Publication,
        "last" => Resolution::LastDate,
        "unresolved" => Resolution::Unresolved,
        _ => panic!("unknown resolution {s}"),
    }
}

fn gold() -> Vec<Gold> {
    let text = include_str!("data/timex.tsv");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(
                c.len() >= 7,
                "timex.tsv line {}: 7 columns expected, got {}",
                n + 1,
                c.len()
            );
            let anchor = match c[1] {
                "-" => None,
                d => Some(
                    isnad_time::parse_date(d)
                        .unwrap_or_else(|| panic!("line {}: bad anchor {d}", n + 1)),
                ),
            };
            Gold {
                line: n + 1,
                sentence: c[0].to_string(),
                anchor,
                span: c[2].to_string(),
                timex_type: parse_type(c[3]),
                value: c[4].to_string(),
                granularity: parse_granularity(c[5]),
                resolution: parse_resolution(c[6]),
                conflict: c.get(7) == Some(&"conflict"),
            }
        })
        .collect()
}

fn describe(e: &TimeExpression, text: &str) -> String {
    format!(
        "«{}» {:?} {} {:?} {:?}{}",
        &text[e.span.start..e.span.end],
        e.timex_type,
        e.value,
        e.granularity,
        e.resolution,
        if e.weekday_conflict.is_some() {
            " conflict"
        } else {
            ""
        }
    )
}

#[test]
fn the_tagger_reads_the_test_set() {
    let gold = gold();
    assert!(
        gold.len() >= 250,
        "the test set has {} expressions, 250 wanted",
        gold.len()
    );
    let (mut exact, mut full) = (0, 0);
    let mut misses = Vec::new();
    for g in &gold {
        let found = tag(&g.sentence, g.anchor);
        let hit = found
            .iter()
            .find(|e| g.sentence[e.span.start..e.span.end] == g.span);
        let ok = hit.is_some_and(|e| e.value == g.value && e.timex_type == g.timex_type);
        let all = hit.is_some_and(|e| {
            ok && e.granularity == g.granularity
                && e.resolution == g.resolution
                && e.weekday_conflict.is_some() == g.conflict
        });
        exact += ok as usize;
        full += all as usize;
        if !all {
            let got: Vec<String> = found.iter().map(|e| describe(e, &g.sentence)).collect();
            misses.push(format!(
                "line {}: «{}» want {:?} {} {:?} {:?}{} — got [{}]\n    {}",
                g.line,
                g.span,
                g.timex_type,
                g.value,
                g.granularity,
                g.resolution,
                if g.conflict { " conflict" } else { "" },
                got.join("; "),
                g.sentence
            ));
        }
    }
    let score = exact as f64 / gold.len() as f64;
    println!(
        "timex test set: {exact}/{} exact value and type ({:.1} %); {full} also with granularity, resolution and weekday conflict",
        gold.len(),
        100.0 * score
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(
        score >= 0.98,
        "{:.1} % exact value and type, 98 % wanted",
        100.0 * score
    );
    assert!(
        full as f64 / gold.len() as f64 >= 0.95,
        "granularity, resolution or conflict wrong too often"
    );
}

#[test]
fn an_undated_document_never_gets_the_run_date() {
    for g in gold().iter().filter(|g| g.anchor.is_none()) {
        for e in tag(&g.sentence, None) {
            assert_ne!(
                e.resolution,
                Resolution::Publication,
                "line {}: {}",
                g.line,
                g.sentence
            );
        }
    }
}

/// Read from an analysed document's tokens, the tagger finds exactly what it
/// finds on the raw text, on every sentence of the test set.
#[test]
fn tagging_a_doc_equals_tagging_its_text() {
    let mut vocabulary = isnad_text::Vocabulary::new();
    for g in gold() {
        let doc = isnad_text::Doc::new(g.sentence.as_str(), &mut vocabulary);
        assert_eq!(
            isnad_time::tag_doc(&doc, g.anchor),
            tag(&g.sentence, g.anchor),
            "timex.tsv line {}: {}",
            g.line,
            g.sentence
        );
    }
}
