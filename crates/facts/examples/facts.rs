//! Development aid: the facts of plain-text files (no entities, no publication date).
//! `cargo run --release -p isnad-facts --example facts -- FILE...`
//! One vocabulary and table of spellings serve every file, as in a pipeline.
use isnad_text::{Doc, Vocabulary};

fn main() {
    let mut vocabulary = Vocabulary::new();
    let mut spellings = isnad_facts::Spellings::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        println!("== {path}");
        let doc = Doc::new(text.as_str(), &mut vocabulary);
        for f in isnad_facts::extract_doc(&doc, None, &[], &mut spellings) {
            let count = f
                .count
                .as_ref()
                .map(|c| {
                    format!(
                        "{:?}..{:?} «{}»{}",
                        c.min,
                        c.max,
                        c.span.slice(&text),
                        if c.suspect { " SUSPECT" } else { "" }
                    )
                })
                .unwrap_or_default();
            let sources: Vec<String> = f
                .sources
                .iter()
                .map(|s| {
                    s.chain
                        .iter()
                        .map(|c| c.slice(&text))
                        .collect::<Vec<_>>()
                        .join(" > ")
                })
                .collect();
            println!(
                "{:<18} {:<28} subj={:<24} time={:<12} src={:?}{}{}  [{}]",
                f.kind,
                count,
                f.subject.map(|s| s.slice(&text)).unwrap_or("-"),
                f.time.as_ref().map(|t| t.start.as_str()).unwrap_or("-"),
                sources,
                if f.hedged { " HEDGED" } else { "" },
                if f.negated { " NEGATED" } else { "" },
                f.trigger.slice(&text)
            );
        }
    }
}
