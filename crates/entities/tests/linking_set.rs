//! The linking test set (`tests/data/linking_set.tsv`): variant groups that
//! must link into one entity each and pairs that must stay apart, linked
//! together in one run as a corpus would be. Pairwise F1 over mentions must
//! reach 0.95 and no must-not-merge pair may merge.

use std::sync::{Arc, LazyLock};

use isnad_entities::{link, DocMention, Found, Kind, Lexicon, Mention};
use isnad_gazetteer::{key, Gazetteer};

/// The lexicon every test of this file reads, built once.
static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(isnad_gazetteer::shared()));
use isnad_text::Span;

/// One mention of the set, with the gold cluster it belongs to.
struct Gold {
    mention: DocMention,
    cluster: usize,
}

fn kind(code: &str) -> Kind {
    match code {
        "P" => Kind::Person,
        "L" => Kind::Location,
        "O" => Kind::Organization,
        other => panic!("linking_set.tsv: unknown kind {other:?} (P, L or O)"),
    }
}

/// A mention written `item` (`@doc ~text`) of line `line`, its `n`th.
fn mention(line: usize, n: usize, item: &str, kind: Kind) -> DocMention {
    let item = item.trim();
    let (doc, text) = match item.strip_prefix('@') {
        Some(rest) => {
            let (d, t) = rest.split_once(' ').expect("@doc then the name");
            (format!("l{line}-{d}"), t.trim())
        }
        None => (format!("l{line}-m{n}"), item),
    };
    let (text, found, gazetteer_id) = match text.strip_prefix('~') {
        Some(adj) => {
            let country = LEXICON
                .gazetteer()
                .country_of_adjective(&key(adj.strip_prefix("ال").unwrap_or(adj)))
                .map(|e| e.id.clone());
            (adj, Found::Adjective, country)
        }
        None => (text, Found::Tagger, LEXICON.resolve_name(text, kind)),
    };
    DocMention {
        doc,
        mention: Mention {
            span: Span::new(n * 100, n * 100 + text.len()),
            text: text.to_string(),
            kind,
            found,
            gazetteer_id,
        },
    }
}

/// The set: its mentions with their gold clusters, and the must-not-merge
/// pairs (indexes into the mentions).
fn load() -> (Vec<Gold>, Vec<(usize, usize)>, usize) {
    let data = include_str!("data/linking_set.tsv");
    let (mut golds, mut pairs, mut groups) = (Vec::new(), Vec::new(), 0);
    let mut cluster = 0;
    for (line, text) in data.lines().enumerate() {
        if text.starts_with('#') || text.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = text.split('\t').collect();
        match f[0] {
            "G" => {
                groups += 1;
                for (n, item) in f[2].split(" | ").enumerate() {
                    let mention = mention(line, n, item, kind(f[1]));
                    golds.push(Gold { mention, cluster });
                }
                cluster += 1;
            }
            "N" => {
                let kinds: Vec<&str> = f[1].split('/').collect();
                let at = golds.len();
                for (n, item) in f[2..4].iter().enumerate() {
                    let mention = mention(line, n, item, kind(kinds[n.min(kinds.len() - 1)]));
                    golds.push(Gold { mention, cluster });
                    cluster += 1;
                }
                pairs.push((at, at + 1));
            }
            other => panic!(
                "linking_set.tsv line {}: {other:?} is neither G nor N",
                line + 1
            ),
        }
    }
    same_text_same_cluster(&mut golds);
    (golds, pairs, groups)
}

/// A name written the same way on two lines names one thing (a country in
/// a group and in a pair with its capital): their clusters are one.
fn same_text_same_cluster(golds: &mut [Gold]) {
    let mut parent: Vec<usize> = (0..golds.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            x = parent[x];
        }
        x
    }
    let mut first: std::collections::HashMap<(String, Kind), usize> = Default::default();
    for g in golds.iter() {
        let k = (g.mention.mention.text.clone(), g.mention.mention.kind);
        match first.get(&k) {
            Some(&c) => {
                let (a, b) = (root(&mut parent, c), root(&mut parent, g.cluster));
                parent[a.max(b)] = a.min(b);
            }
            None => {
                first.insert(k, g.cluster);
            }
        }
    }
    for g in golds.iter_mut() {
        g.cluster = root(&mut parent, g.cluster);
    }
}

#[test]
fn the_linking_set_links_with_pairwise_f1_of_at_least_095_and_no_forbidden_merge() {
    let (golds, pairs, groups) = load();
    assert!(
        groups >= 150 && pairs.len() >= 50,
        "{groups} groups, {} pairs",
        pairs.len()
    );
    let mentions: Vec<DocMention> = golds.iter().map(|g| g.mention.clone()).collect();
    let mut entity_of = vec![usize::MAX; mentions.len()];
    for (e, entity) in link(&mentions, &LEXICON).iter().enumerate() {
        for &i in &entity.mentions {
            entity_of[i] = e;
        }
    }
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut missed = Vec::new();
    let mut wrong = Vec::new();
    for a in 0..golds.len() {
        for b in a + 1..golds.len() {
            let same_gold = golds[a].cluster == golds[b].cluster;
            let same = entity_of[a] == entity_of[b] && entity_of[a] != usize::MAX;
            let pair = || {
                format!(
                    "{} ~ {}",
                    mentions[a].mention.text, mentions[b].mention.text
                )
            };
            match (same_gold, same) {
                (true, true) => tp += 1,
                (true, false) => {
                    fn_ += 1;
                    missed.push(pair());
                }
                (false, true) => {
                    fp += 1;
                    wrong.push(pair());
                }
                _ => {}
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    let forbidden: Vec<String> = pairs
        .iter()
        .filter(|&&(a, b)| entity_of[a] == entity_of[b] && entity_of[a] != usize::MAX)
        .map(|&(a, b)| {
            format!(
                "{} ~ {}",
                mentions[a].mention.text, mentions[b].mention.text
            )
        })
        .collect();
    eprintln!(
        "linking set: {groups} groups, {} pairs, {} mentions; pairwise P {precision:.3} R {recall:.3} F1 {f1:.3}",
        pairs.len(),
        mentions.len()
    );
    eprintln!("missed ({}): {}", missed.len(), missed.join("; "));
    eprintln!("wrongly merged ({}): {}", wrong.len(), wrong.join("; "));
    assert!(
        forbidden.is_empty(),
        "must-not-merge pairs merged: {forbidden:?}"
    );
    assert!(
        f1 >= 0.95,
        "pairwise F1 {f1:.3} < 0.95 (P {precision:.3}, R {recall:.3})"
    );
}
