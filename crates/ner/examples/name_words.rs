//! Builds the tagger's name-word table (`crates/ner/data/name_words.tsv`):
//! for every word of the names in general name lists, which kinds of name
//! it occurs in, alone or as a part: `scripts/build_word_clusters.sh` runs
//! it over `../shared/data` (provenance in `data/README.md`).
//!
//! Lists read (each a name per line, Arabic in the given column):
//! LIMSI NERAr's `dico-mono-{PERS,LOC,ORG}.ar.tsv` and the Arabic side of
//! `dico-bi-ar-fr.*`, Arabic Wikipedia's category titles
//! (`arwikicats_names.tsv`: PERS, LOC, ORG, with or without `?`) and
//! Wikidata's full person names (`wikidata_person_fullnames_ar.tsv`).
//! Each word is keyed as the tagger keys it (its folded stem); the bits:
//! 1 a one-word person name, 2 a word of a longer person name, 4 and 8 the
//! same for places, 16 and 32 for organisations.
//!
//! `cargo run --release -p isnad-ner --example name_words -- SHARED_DATA > TSV`

use std::collections::BTreeMap;
use std::io::Write;

use isnad_text::token::for_each_token;
use isnad_text::{TokenKind, Vocabulary};

fn main() {
    let data = std::env::args()
        .nth(1)
        .expect("usage: name_words SHARED_DATA_DIR");
    let limsi = |f: &str| format!("{data}/limsi_nerar_dics/{f}");
    let mut lists: Vec<(String, usize, Option<usize>)> = Vec::new();
    for (kind, ty) in [(0, "PERS"), (1, "LOC"), (2, "ORG")] {
        lists.push((limsi(&format!("dico-mono-{ty}.ar.tsv")), 0, Some(kind)));
        lists.push((limsi(&format!("dico-bi-ar-fr.{ty}.ar.tsv")), 0, Some(kind)));
    }
    lists.push((format!("{data}/arwikicats/arwikicats_names.tsv"), 2, None));
    lists.push((
        format!("{data}/person_names_ar/wikidata_person_fullnames_ar.tsv"),
        0,
        Some(0),
    ));
    let mut vocabulary = Vocabulary::new();
    let mut bits: BTreeMap<String, u8> = BTreeMap::new();
    let mut names = 0usize;
    for (path, column, kind) in &lists {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        for line in text.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            let kind = match kind {
                Some(k) => *k,
                None => match cols[0].trim_end_matches('?') {
                    "PERS" => 0,
                    "LOC" => 1,
                    "ORG" => 2,
                    _ => continue,
                },
            };
            let Some(name) = cols.get(*column) else {
                continue;
            };
            let mut words = Vec::new();
            for_each_token(name, |t| {
                if t.kind == TokenKind::Word {
                    let raw = &name[t.span.start..t.span.end];
                    words.push(vocabulary.keys_of(raw, t.kind).stem.to_string());
                }
            });
            if words.is_empty()
                || !words
                    .iter()
                    .all(|w| w.chars().any(isnad_text::arabic::is_arabic_letter))
            {
                continue;
            }
            names += 1;
            let bit = if words.len() == 1 { 1u8 } else { 2 } << (2 * kind);
            for w in words {
                *bits.entry(w).or_default() |= bit;
            }
        }
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    writeln!(out, "# Words of {names} names of general name lists (LIMSI NERAr, Arabic Wikipedia category titles, Wikidata").unwrap();
    writeln!(out, "# person names) by folded stem key, then which names they are in: 1 a one-word person name, 2 a word").unwrap();
    writeln!(out, "# of a longer one, 4/8 places, 16/32 organisations. Made by scripts/build_word_clusters.sh.").unwrap();
    for (w, b) in bits {
        writeln!(out, "{w}\t{b}").unwrap();
    }
}
