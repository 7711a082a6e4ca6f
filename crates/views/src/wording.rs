//! Per-outlet profiles: what each outlet reported, and the words it chose
//! for the same people and happenings (متظاهرون / محتجون / مثيرو الشغب /
//! إرهابيون).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use isnad_ledger::{Fact, Kind};
use isnad_text::{analyze_word, tokens, TokenKind};

use crate::{outlet_of, View};

/// How often an outlet used one label of a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wording {
    /// What the label names: `people in the streets`, `armed forces`, `the events`.
    pub group: &'static str,
    /// The label, in its usual form (`مثيرو الشغب`).
    pub label: &'static str,
    /// Occurrences in the outlet's documents, all forms counted.
    pub count: usize,
}

/// One outlet: its documents, its facts and its words.
#[derive(Clone, Debug)]
pub struct OutletProfile<'a> {
    /// The outlet (or the source name of a document that names none).
    pub outlet: String,
    /// Its documents' ids, in ledger order.
    pub documents: Vec<&'a str>,
    /// Number of facts of each kind.
    pub kinds: BTreeMap<Kind, usize>,
    /// Its facts with a count, in ledger order.
    pub figures: Vec<&'a Fact>,
    /// Labels used, by group, most used first within each group.
    pub wording: Vec<Wording>,
}

/// Profiles of every outlet, in order of first appearance in the ledger.
pub fn outlet_profiles<'a>(view: &View<'a>) -> Vec<OutletProfile<'a>> {
    let mut order: Vec<String> = Vec::new();
    let mut by_outlet: HashMap<String, OutletProfile<'a>> = HashMap::new();
    let mut counts: HashMap<String, HashMap<(&'static str, &'static str), usize>> = HashMap::new();
    for d in &view.ledger.documents {
        let name = outlet_of(d);
        let profile = by_outlet.entry(name.clone()).or_insert_with(|| {
            order.push(name.clone());
            OutletProfile {
                outlet: name.clone(),
                documents: Vec::new(),
                kinds: BTreeMap::new(),
                figures: Vec::new(),
                wording: Vec::new(),
            }
        });
        profile.documents.push(d.id.as_str());
        let tally = counts.entry(name).or_default();
        for (group, label) in labels_in(&d.text) {
            *tally.entry((group, label)).or_default() += 1;
        }
    }
    for f in &view.ledger.facts {
        let name = view.outlet(&f.doc);
        if let Some(p) = by_outlet.get_mut(&name) {
            *p.kinds.entry(f.kind).or_default() += 1;
            if f.count.is_some() {
                p.figures.push(f);
            }
        }
    }
    order
        .into_iter()
        .filter_map(|name| {
            let mut p = by_outlet.remove(&name)?;
            let mut wording: Vec<Wording> = counts
                .remove(&name)
                .unwrap_or_default()
                .into_iter()
                .map(|((group, label), count)| Wording {
                    group,
                    label,
                    count,
                })
                .collect();
            let group_rank = |g: &str| table().groups.iter().position(|x| *x == g);
            wording.sort_by(|a, b| {
                group_rank(a.group)
                    .cmp(&group_rank(b.group))
                    .then(b.count.cmp(&a.count))
                    .then(a.label.cmp(b.label))
            });
            p.wording = wording;
            Some(p)
        })
        .collect()
}

/// A label form: the words after its first, its group and its label.
type Form = (Vec<String>, &'static str, &'static str);

/// The group labels, keyed by the proclitic-free, folded first word of each form.
struct Table {
    /// Group names in file order.
    groups: Vec<&'static str>,
    /// First word → (rest of the form's words, group, label).
    by_first: HashMap<String, Vec<Form>>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let data: &'static str = include_str!("../data/group_labels.tsv");
        let mut groups = Vec::new();
        let mut by_first: HashMap<String, Vec<_>> = HashMap::new();
        for line in data
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut cols = line.split('\t');
            let (Some(group), Some(label), Some(forms)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            if !groups.contains(&group) {
                groups.push(group);
            }
            for form in forms.split(' ').filter(|f| !f.is_empty()) {
                let words: Vec<String> = form.split('_').map(word_key).collect();
                if let Some((first, rest)) = words.split_first() {
                    by_first
                        .entry(first.clone())
                        .or_default()
                        .push((rest.to_vec(), group, label));
                }
            }
        }
        // Longer forms first, so "قوات الأمن" wins over a bare "قوات".
        for v in by_first.values_mut() {
            v.sort_by_key(|form| std::cmp::Reverse(form.0.len()));
        }
        Table { groups, by_first }
    })
}

/// A word without its proclitics (و ف ب ل ك ال), folded.
fn word_key(word: &str) -> String {
    let span = isnad_text::Span::new(0, word.len());
    let stem = analyze_word(word, span).stem;
    isnad_gazetteer::key(stem.slice(word))
}

/// Every group label in a text, as (group, label), in text order.
pub(crate) fn labels_in(text: &str) -> Vec<(&'static str, &'static str)> {
    let t = table();
    let keys: Vec<String> = tokens(text)
        .into_iter()
        .filter(|tok| tok.kind == TokenKind::Word)
        .map(|tok| isnad_gazetteer::key(analyze_word(text, tok.span).stem.slice(text)))
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let hit = t.by_first.get(&keys[i]).and_then(|forms| {
            forms.iter().find(|(rest, _, _)| {
                rest.iter()
                    .enumerate()
                    .all(|(j, w)| keys.get(i + 1 + j) == Some(w))
            })
        });
        match hit {
            Some((rest, group, label)) => {
                found.push((*group, *label));
                i += 1 + rest.len();
            }
            None => i += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_with_clitics_and_multiword_labels_are_counted_once() {
        let found = labels_in(
            "فرّقت قوات الأمن المتظاهرين، وقال إن مثيري الشغب والإرهابيين هاجموا الشرطة وللمحتجين مطالب.",
        );
        let labels: Vec<&str> = found.iter().map(|x| x.1).collect();
        assert_eq!(
            labels,
            vec![
                "قوات الأمن",
                "متظاهرون",
                "مثيرو الشغب",
                "إرهابيون",
                "الشرطة",
                "محتجون"
            ]
        );
    }

    #[test]
    fn words_inside_longer_words_are_not_labels() {
        // "جيشان" is not "جيش"; "ثورات" is not listed as a form of "ثورة".
        assert!(labels_in("جيشان ثورات").is_empty());
    }
}
