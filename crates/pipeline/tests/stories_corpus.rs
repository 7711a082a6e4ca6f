//! The whole pipeline on `corpus/stories` (56 invented articles: 13
//! happenings reported by 2–4 outlets each, 13 distractors, two one-line
//! reports) against its gold answer (`gold.json`): document grouping by
//! B-cubed precision and recall, and the one-line reports kept apart.
//!
//! Run with `--nocapture` to see the figures and each document's decision.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use isnad_pipeline::{Inputs, Pipeline, Progress};
use isnad_store::Store;

struct Quiet;
impl Progress for Quiet {}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/stories")
}

/// The gold grouping: file name → gold story (singletons: their own).
fn gold() -> (HashMap<String, String>, Vec<(String, String)>) {
    let text = std::fs::read_to_string(corpus().join("gold.json")).unwrap();
    let gold: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut story_of = HashMap::new();
    for s in gold["stories"].as_array().unwrap() {
        for d in s["documents"].as_array().unwrap() {
            story_of.insert(
                d.as_str().unwrap().to_string(),
                s["id"].as_str().unwrap().to_string(),
            );
        }
    }
    for d in gold["singletons"].as_array().unwrap() {
        let d = d.as_str().unwrap().to_string();
        story_of.insert(d.clone(), d);
    }
    let apart = gold["apart"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (story_of, apart)
}

/// B-cubed precision and recall of a grouping against the gold one (both
/// item → group): for each item, the share of its group that is in its
/// gold group, and the share of its gold group that is in its group, averaged.
fn b_cubed(found: &HashMap<String, String>, gold: &HashMap<String, String>) -> (f64, f64) {
    let members = |g: &HashMap<String, String>| {
        let mut m: HashMap<String, HashSet<String>> = HashMap::new();
        for (item, group) in g {
            m.entry(group.clone()).or_default().insert(item.clone());
        }
        m
    };
    let (found_groups, gold_groups) = (members(found), members(gold));
    let (mut precision, mut recall) = (0.0, 0.0);
    for (item, g) in gold {
        let ours = &found_groups[&found[item]];
        let theirs = &gold_groups[g];
        let both = ours.intersection(theirs).count() as f64;
        precision += both / ours.len() as f64;
        recall += both / theirs.len() as f64;
    }
    let n = gold.len() as f64;
    (precision / n, recall / n)
}

/// A decision in one line: how it was made, the score, the evidence and
/// each signal's contribution.
fn decision(reason: &isnad_stories::Reason, file_of: &HashMap<String, String>) -> String {
    use isnad_stories::Reason;
    let m = match reason {
        Reason::NearDuplicate { of } => return format!("near duplicate of {}", file_of[of]),
        Reason::Founded { closest: None } => return "founded (no candidate)".into(),
        Reason::Founded { closest: Some(m) } => ("founded; closest", m),
        Reason::Joined(m) => ("joined", m),
        Reason::Regrouped(m) => ("joined on a second look", m),
    };
    let signals: Vec<String> =
        m.1.signals
            .iter()
            .map(|s| format!("{} {:.3}", s.kind.as_str(), s.contribution()))
            .collect();
    let support = m.1.support.as_ref().map_or(String::new(), |(d, s)| {
        format!(", then {} {s:.3}", file_of[d])
    });
    format!(
        "{} {} total {:.3}: score {:.3} [{}]{support}",
        m.0,
        file_of[&m.1.member],
        m.1.total,
        m.1.score,
        signals.join(", ")
    )
}

#[test]
fn b_cubed_of_a_perfect_and_of_a_merged_grouping() {
    let gold: HashMap<String, String> = [("a", "1"), ("b", "1"), ("c", "2")]
        .map(|(i, g)| (i.to_string(), g.to_string()))
        .into();
    assert_eq!(b_cubed(&gold, &gold), (1.0, 1.0));
    let merged: HashMap<String, String> =
        gold.keys().map(|i| (i.clone(), "x".to_string())).collect();
    let (p, r) = b_cubed(&merged, &gold);
    assert!((p - 5.0 / 9.0).abs() < 1e-9 && r == 1.0, "{p} {r}");
}

#[test]
fn the_story_corpus_groups_as_its_gold_says() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stories.db");
    let found = Inputs::find(&[corpus().join("articles")]);
    Pipeline::open(&db)
        .unwrap()
        .run(&found.files, &Quiet)
        .unwrap();
    let store = Store::open(&db).unwrap();
    let file_of: HashMap<String, String> = store
        .document_names()
        .unwrap()
        .into_iter()
        .map(|(id, _, source)| {
            let file = Path::new(&source)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (id, file)
        })
        .collect();
    let (gold, apart) = gold();
    let mut story_of = HashMap::new();
    for row in store.stories().unwrap() {
        println!("{} «{}»", row.story.id, row.story.title);
        let joins: Vec<isnad_stories::Join> = serde_json::from_str(&row.joins).unwrap();
        for j in joins {
            let file = &file_of[&j.doc];
            story_of.insert(file.clone(), row.story.id.clone());
            println!(
                "  {file} (gold {}): {}",
                gold[file],
                decision(&j.reason, &file_of)
            );
        }
    }
    assert_eq!(story_of.len(), gold.len(), "every document is in one story");
    let (precision, recall) = b_cubed(&story_of, &gold);
    println!("B-cubed on corpus/stories: precision {precision:.3}, recall {recall:.3}");
    for (a, b) in &apart {
        assert_ne!(
            story_of[a], story_of[b],
            "{a} and {b} must be different stories"
        );
    }
    assert!(precision >= 0.9, "B-cubed precision {precision:.3} < 0.9");
    assert!(recall >= 0.9, "B-cubed recall {recall:.3} < 0.9");

    let ledger = store.ledger().unwrap();
    let across = clusters_across_gold_stories(&ledger, &file_of, &gold);
    println!(
        "clusters joining facts of two gold stories: {} (each within one found story that mixes two gold stories)",
        across.len()
    );
    let (together, right, all) = planted_comparisons(&ledger, &file_of);
    println!("planted comparisons shown in one cluster: {together} of {all}; with the right status: {right}");
    let mixed: HashSet<&str> = ledger
        .stories
        .iter()
        .filter(|s| {
            let golds: HashSet<&String> = s.documents.iter().map(|d| &gold[&file_of[d]]).collect();
            golds.len() > 1
        })
        .map(|s| s.id.as_str())
        .collect();
    for (summary, story) in &across {
        assert!(
            story.as_deref().is_some_and(|s| mixed.contains(s)),
            "a cluster joins facts of different stories by itself: {summary}"
        );
    }
    let (marked, joined) = background_figures(&ledger, &file_of);
    println!("gold background figures read and marked background: {marked}");
    assert!(
        joined.is_empty(),
        "background figures in a cluster with other reports: {joined:?}"
    );
    // One (the 2014 disaster, the only background figure whose time the
    // fact reader reads) when this was written.
    assert!(marked >= 1, "{marked} background figures marked");
    // 35 and 35 since restatements are one claim, subjects are their head's
    // and background figures are told apart (before: 32 and 31).
    // 32 and 31 when this test was written (the pipeline before stories,
    // same fact reader: 28 and 20, with 23 document pairs of different
    // stories clustered).
    assert!(
        together >= 35 && right >= 35,
        "fewer planted comparisons shown: {together} together, {right} right"
    );
}

/// The clusters (summary, story) whose facts are of documents of two gold
/// stories (a gold singleton is a story of its own).
fn clusters_across_gold_stories(
    ledger: &isnad_ledger::Ledger,
    file_of: &HashMap<String, String>,
    gold: &HashMap<String, String>,
) -> Vec<(String, Option<String>)> {
    let doc_of: HashMap<&str, &str> = ledger
        .facts
        .iter()
        .map(|f| (f.id.as_str(), f.doc.as_str()))
        .collect();
    ledger
        .clusters
        .iter()
        .filter(|c| {
            let stories: HashSet<&String> = c
                .facts
                .iter()
                .map(|f| &gold[&file_of[doc_of[f.as_str()]]])
                .collect();
            stories.len() > 1
        })
        .map(|c| (c.summary.clone(), c.story.clone()))
        .collect()
}

/// The gold comparisons (document pairs stating a figure of one kind):
/// how many have the two figures in one cluster, and how many of those in
/// a cluster of the right status (`conflict` when any gold pair of the
/// same story, kind and group conflicts, else `agree`); and how many there are.
fn planted_comparisons(
    ledger: &isnad_ledger::Ledger,
    file_of: &HashMap<String, String>,
) -> (usize, usize, usize) {
    let text = std::fs::read_to_string(corpus().join("gold.json")).unwrap();
    let gold: serde_json::Value = serde_json::from_str(&text).unwrap();
    let comparisons = gold["comparisons"].as_array().unwrap();
    let key = |c: &serde_json::Value| {
        (
            c["story"].to_string(),
            c["kind"].to_string(),
            c["group"].to_string(),
        )
    };
    let mut conflicting = HashSet::new();
    for c in comparisons.iter().filter(|c| c["status"] == "conflict") {
        conflicting.insert(key(c));
    }
    let cluster_of: HashMap<&str, &isnad_ledger::Cluster> = ledger
        .clusters
        .iter()
        .flat_map(|c| c.facts.iter().map(move |f| (f.as_str(), c)))
        .collect();
    // The facts of a document and kind stating a figure written as `figure`.
    let stating = |file: &str, kind: &str, figure: &str| -> Vec<&str> {
        ledger
            .facts
            .iter()
            .filter(|f| file_of[&f.doc] == file && f.kind.as_str() == kind)
            .filter(|f| {
                f.count.as_ref().is_some_and(|n| {
                    let (n, g) = (n.text.trim(), figure.trim());
                    !n.is_empty() && (g.contains(n) || n.contains(g))
                })
            })
            .map(|f| f.id.as_str())
            .collect()
    };
    let (mut together, mut right) = (0, 0);
    for c in comparisons {
        let kind = c["kind"].as_str().unwrap();
        let docs = c["documents"].as_array().unwrap();
        let figures = c["figures"].as_array().unwrap();
        let a = stating(
            docs[0].as_str().unwrap(),
            kind,
            figures[0].as_str().unwrap(),
        );
        let b = stating(
            docs[1].as_str().unwrap(),
            kind,
            figures[1].as_str().unwrap(),
        );
        let shared = a.iter().find_map(|x| {
            let cx = cluster_of.get(x)?;
            b.iter()
                .any(|y| cluster_of.get(y).is_some_and(|cy| cy.id == cx.id))
                .then_some(*cx)
        });
        let expected = if conflicting.contains(&key(c)) {
            "conflict"
        } else {
            "agree"
        };
        let (da, db) = (docs[0].as_str().unwrap(), docs[1].as_str().unwrap());
        let miss = match shared {
            Some(cluster) => {
                together += 1;
                let ok = cluster.status.as_str() == expected;
                right += usize::from(ok);
                (!ok).then(|| format!("status {} ({})", cluster.status.as_str(), cluster.summary))
            }
            None if a.is_empty() || b.is_empty() => Some(format!(
                "no {kind} fact stating the figure: {da} {:?}, {db} {:?}",
                read_figures(ledger, file_of, da, kind),
                read_figures(ledger, file_of, db, kind)
            )),
            None => Some(format!(
                "apart: {} | {}",
                summaries(&a, &cluster_of),
                summaries(&b, &cluster_of)
            )),
        };
        if let Some(why) = miss {
            println!(
                "MISS {} {kind} {da} {} / {db} {} (want {expected}): {why}",
                c["story"], figures[0], figures[1]
            );
        }
    }
    (together, right, comparisons.len())
}

/// The gold background figures (earlier happenings, running totals; not
/// the s10 update, which supersedes): how many facts stating them are
/// marked `background`, and the ones in a cluster with another document's
/// facts (as "document figure").
fn background_figures(
    ledger: &isnad_ledger::Ledger,
    file_of: &HashMap<String, String>,
) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(corpus().join("gold.json")).unwrap();
    let gold: serde_json::Value = serde_json::from_str(&text).unwrap();
    let doc_of: HashMap<&str, &str> = ledger
        .facts
        .iter()
        .map(|f| (f.id.as_str(), f.doc.as_str()))
        .collect();
    let (mut marked, mut joined) = (0, Vec::new());
    for b in gold["background"].as_array().unwrap() {
        if b["note"].as_str().unwrap().contains("supersede") {
            continue;
        }
        let (file, figure) = (
            b["document"].as_str().unwrap(),
            b["figure"].as_str().unwrap(),
        );
        for f in ledger.facts.iter().filter(|f| {
            file_of[&f.doc] == file
                && f.kind.as_str() == b["kind"].as_str().unwrap()
                && f.count.as_ref().is_some_and(|c| {
                    !c.text.is_empty() && (c.text.contains(figure) || figure.contains(&c.text))
                })
        }) {
            marked += usize::from(f.background);
            let others = ledger
                .clusters
                .iter()
                .filter(|c| c.facts.contains(&f.id))
                .any(|c| c.facts.iter().any(|o| doc_of[o.as_str()] != f.doc));
            if others {
                joined.push(format!("{file} {figure}"));
            }
        }
    }
    (marked, joined)
}

/// The figures (as written) of the facts of a kind a document states.
fn read_figures(
    ledger: &isnad_ledger::Ledger,
    file_of: &HashMap<String, String>,
    file: &str,
    kind: &str,
) -> Vec<String> {
    ledger
        .facts
        .iter()
        .filter(|f| file_of[&f.doc] == file && f.kind.as_str() == kind)
        .map(|f| f.count.as_ref().map_or("-".into(), |c| c.text.clone()))
        .collect()
}

/// The summaries of the clusters of some facts.
fn summaries(facts: &[&str], cluster_of: &HashMap<&str, &isnad_ledger::Cluster>) -> String {
    let s: Vec<&str> = facts
        .iter()
        .map(|f| {
            cluster_of
                .get(f)
                .map_or("(unclustered)", |c| c.summary.as_str())
        })
        .collect();
    s.join(" ; ")
}

#[test]
fn the_five_sample_articles_are_one_story() {
    // All five report the unrest in Kazakhstan of January 2022 (the fuel
    // price protests, the crackdown in Almaty, the Russian-led
    // intervention): two dated a week apart, three undated.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sample.db");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/sample");
    Pipeline::open(&db)
        .unwrap()
        .run(&Inputs::find(&[sample]).files, &Quiet)
        .unwrap();
    let stories = Store::open(&db).unwrap().stories().unwrap();
    assert_eq!(stories.len(), 1, "{stories:#?}");
    assert_eq!(stories[0].story.documents.len(), 5);
}

#[test]
fn adding_articles_assigns_them_to_stories_as_a_fresh_run_over_all_would() {
    // The story corpus in two runs (every third article first, as a
    // monitoring store grows, then the rest), against one run over all:
    // the second run reads only the new articles for facts, and the
    // stories, their clusters and the facts are the same, ids included.
    let files = Inputs::find(&[corpus().join("articles")]).files;
    let (first, rest): (Vec<_>, Vec<_>) = files
        .iter()
        .cloned()
        .enumerate()
        .partition(|(i, _)| i % 3 == 0);
    let strip = |v: Vec<(usize, _)>| v.into_iter().map(|(_, f)| f).collect::<Vec<_>>();
    let (first, rest) = (strip(first), strip(rest));
    let dir = tempfile::tempdir().unwrap();
    let grown = dir.path().join("grown.db");
    let mut pipeline = Pipeline::open(&grown).unwrap();
    pipeline.run(&first, &Quiet).unwrap();
    let second = pipeline.run(&rest, &Quiet).unwrap();
    // A stored article is read again only when its linked entities changed
    // (a name the new articles made known); the others keep their facts.
    let read = second.facts.documents_read;
    println!(
        "second run: {read} documents read for facts, {} new",
        rest.len()
    );
    assert!(
        read >= rest.len() && read < files.len(),
        "{read} read for facts in the second run"
    );
    let fresh = dir.path().join("fresh.db");
    Pipeline::open(&fresh).unwrap().run(&files, &Quiet).unwrap();
    let (a, b) = (
        Store::open(&grown).unwrap().ledger().unwrap(),
        Store::open(&fresh).unwrap().ledger().unwrap(),
    );
    assert!(a.stories.len() > 13, "{}", a.stories.len());
    assert_eq!(a.stories, b.stories, "stories differ from a fresh run");
    assert_eq!(a.clusters, b.clusters, "clusters differ from a fresh run");
    assert_eq!(a.facts, b.facts, "facts differ from a fresh run");
}
