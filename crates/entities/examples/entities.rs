//! Development aid: mentions and entities of plain-text files.
//! `cargo run --release -p isnad-entities --example entities -- FILE...`
use std::sync::Arc;

use isnad_entities::{find_mentions, link, DocMention, Lexicon};
use isnad_gazetteer::Gazetteer;
use isnad_ner::WordTable;
use isnad_text::{Doc, Vocabulary};

fn main() {
    let tagger = isnad_ner::Tagger::embedded().unwrap();
    let lexicon = Lexicon::new(Arc::new(Gazetteer::load()));
    let mut all = Vec::new();
    let (mut vocabulary, mut words) = (Vocabulary::new(), WordTable::new());
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let id = std::path::Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()[..3]
            .to_string();
        let doc = Doc::new(text, &mut vocabulary);
        for m in find_mentions(&doc, tagger, &lexicon, &mut words) {
            all.push(DocMention {
                doc: id.clone(),
                mention: m,
            });
        }
    }
    for e in link(&all, &lexicon) {
        println!(
            "{} {:<12} {} [{}] {:?} x{}",
            e.id,
            e.kind.as_str(),
            e.name,
            e.name_latin.as_deref().unwrap_or("-"),
            e.variants,
            e.mentions.len()
        );
    }
}
