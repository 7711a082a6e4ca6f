//! Precision and recall of fact extraction on a test set of short news
//! items about other countries and kinds of events (`news_items.txt`).
//!
//! A predicted fact matches an expected one when the kind and the count range
//! agree; the source and date must agree too for the "full" figures.

use isnad_facts::extract;
use isnad_text::Span;
use isnad_time::parse_date;

struct Expected {
    kind: String,
    min: Option<u64>,
    max: Option<u64>,
    source: Option<String>,
    time: Option<String>,
}

struct Item {
    id: String,
    published: Option<String>,
    text: String,
    expected: Vec<Expected>,
}

fn items(data: &str) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for line in data.lines() {
        if let Some(head) = line.strip_prefix("## ") {
            let (id, published) = head.split_once('|').unwrap();
            let published = published.trim();
            out.push(Item {
                id: id.trim().into(),
                published: (published != "-").then(|| published.into()),
                text: String::new(),
                expected: Vec::new(),
            });
        } else if let Some(fact) = line.strip_prefix("= ") {
            let f: Vec<&str> = fact.split('|').map(str::trim).collect();
            let opt = |s: &str| (s != "-").then(|| s.to_string());
            out.last_mut().unwrap().expected.push(Expected {
                kind: f[0].into(),
                min: opt(f[1]).map(|v| v.parse().unwrap()),
                max: opt(f[2]).map(|v| v.parse().unwrap()),
                source: opt(f[3]),
                time: opt(f[4]),
            });
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            if let Some(item) = out.last_mut() {
                item.text.push_str(line);
            }
        }
    }
    out
}

#[test]
fn precision_and_recall_on_news_items() {
    let (p, r) = score("development", &items(include_str!("news_items.txt")));
    assert!(
        p >= 0.6 && r >= 0.6,
        "kind+count precision {p:.2} or recall {r:.2} below 0.6"
    );
}

#[test]
fn precision_and_recall_on_held_out_items() {
    let (p, r) = score("held-out", &items(include_str!("news_items_heldout.txt")));
    assert!(
        p >= 0.5 && r >= 0.5,
        "kind+count precision {p:.2} or recall {r:.2} below 0.5"
    );
}

/// Prints the figures and the differences; returns kind+count precision and recall.
fn score(name: &str, items: &[Item]) -> (f64, f64) {
    assert!(!items.is_empty());
    let (mut predicted, mut expected, mut matched, mut matched_full) =
        (0usize, 0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for item in items {
        let published = item.published.as_deref().and_then(parse_date);
        let facts = extract(&item.text, published, &[]);
        let t = &item.text;
        predicted += facts.len();
        expected += item.expected.len();
        let mut used = vec![false; facts.len()];
        for e in &item.expected {
            let hit = facts.iter().enumerate().find(|(i, f)| {
                !used[*i]
                    && f.kind == e.kind
                    && f.count.as_ref().map(|c| (c.min, c.max))
                        == e.min.map(|_| (e.min, e.max)).or(if e.max.is_some() {
                            Some((e.min, e.max))
                        } else {
                            None
                        })
            });
            match hit {
                Some((i, f)) => {
                    used[i] = true;
                    matched += 1;
                    let source = f.sources.first().map(|s| s.name.slice(t).to_string());
                    let time = f.time.as_ref().map(|x| x.start.clone());
                    if source == e.source && (e.time.is_none() || time == e.time) {
                        matched_full += 1;
                    } else {
                        misses.push(format!(
                            "{}: {} source {:?} time {:?} (expected {:?} {:?})",
                            item.id, e.kind, source, time, e.source, e.time
                        ));
                    }
                }
                None => misses.push(format!(
                    "{}: missed {} {:?}..{:?}",
                    item.id, e.kind, e.min, e.max
                )),
            }
        }
        for (i, f) in facts.iter().enumerate() {
            if !used[i] {
                misses.push(format!(
                    "{}: extra {} {:?} «{}»",
                    item.id,
                    f.kind,
                    f.count.as_ref().map(|c| (c.min, c.max)),
                    f.trigger.slice(t)
                ));
            }
        }
        let _ = Span::new(0, 0);
    }
    let p = matched as f64 / predicted.max(1) as f64;
    let r = matched as f64 / expected.max(1) as f64;
    let pf = matched_full as f64 / predicted.max(1) as f64;
    let rf = matched_full as f64 / expected.max(1) as f64;
    println!(
        "{name} news items: {} items, {expected} expected facts, {predicted} predicted",
        items.len()
    );
    println!(
        "kind+count: precision {:.1}%, recall {:.1}%",
        p * 100.0,
        r * 100.0
    );
    println!(
        "kind+count+source+time: precision {:.1}%, recall {:.1}%",
        pf * 100.0,
        rf * 100.0
    );
    for m in &misses {
        println!("  {m}");
    }
    (p, r)
}
