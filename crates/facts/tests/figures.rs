//! The figures test set (`figures.txt`): news sentences, each with every
//! counted fact the reader must give (kind and count), and look-alikes
//! that must give none (ages, ranks, model numbers, durations, money…).
//! A sentence is right when the counted facts read are exactly those.

use isnad_facts::extract;

/// One sentence and the sorted `kind count` of each counted fact it states.
fn cases() -> Vec<(&'static str, Vec<String>)> {
    include_str!("figures.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (text, want) = l.split_once('\t').expect("sentence TAB expected");
            let mut want: Vec<String> = match want.trim() {
                "-" => Vec::new(),
                w => w.split(", ").map(|f| f.trim().to_string()).collect(),
            };
            want.sort();
            (text, want)
        })
        .collect()
}

/// The sorted `kind count` of each counted fact read from `text`.
fn counted(text: &str) -> Vec<String> {
    let mut got: Vec<String> = extract(text, None, &[])
        .iter()
        .filter_map(|f| Some(format!("{} {}", f.kind, f.count.as_ref()?.min?)))
        .collect();
    got.sort();
    got.dedup();
    got
}

#[test]
fn the_figures_test_set_is_read_right() {
    let cases = cases();
    assert!(cases.len() >= 150, "{} sentences", cases.len());
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, want)| {
            let got = counted(text);
            (&got != want).then(|| format!("{text}\n   want {want:?}\n   got  {got:?}"))
        })
        .collect();
    let right = cases.len() - wrong.len();
    eprintln!("figures: {right}/{} sentences right", cases.len());
    for w in &wrong {
        eprintln!("{w}");
    }
    assert!(
        right * 100 >= cases.len() * 90,
        "{right}/{} right",
        cases.len()
    );
}
