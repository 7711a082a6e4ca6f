//! The mention finder over a `Doc`: names without their proclitics, exact
//! spans, and the same mentions whether the word tables are fresh or kept.

use std::sync::{Arc, LazyLock};

use isnad_entities::{find_mentions, Found, Kind, Lexicon, Mention};
use isnad_gazetteer::Gazetteer;
use isnad_ner::{Tagger, WordTable};
use isnad_text::{Doc, Vocabulary};

const TEXTS: [&str; 2] = [
    "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الاتحاد الأوروبي سيجتمع. \
     وأكدت الخارجية الروسية أن ماكرون زار روسيا البيضاء.",
    "أعلنت وزارة الداخلية في تشيلي مقتل ٨ أشخاص في سانتياغو. وقال الرئيس غابرييل \
     بوريك إن البرازيل سترسل مساعدات إلى تشيلي.",
];

/// The lexicon every test reads, built once.
static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(isnad_gazetteer::shared()));

fn find(text: &str) -> Vec<Mention> {
    let doc = Doc::new(text, &mut Vocabulary::new());
    find_mentions(
        &doc,
        Tagger::embedded().unwrap(),
        &LEXICON,
        &mut WordTable::new(),
    )
}

#[test]
fn mentions_are_names_of_the_doc_without_their_proclitics() {
    let found = find(TEXTS[0]);
    let got: Vec<(&str, Kind)> = found.iter().map(|m| (m.text.as_str(), m.kind)).collect();
    for expected in [
        ("إيمانويل ماكرون", Kind::Person),
        ("باريس", Kind::Location),
        ("روسيا البيضاء", Kind::Location),
    ] {
        assert!(got.contains(&expected), "{expected:?} in {got:?}");
    }
    // The nationality adjective stands for its country.
    assert!(found
        .iter()
        .any(|m| m.found == Found::Adjective && m.text == "الروسية"));
    for m in &found {
        assert_eq!(m.span.slice(TEXTS[0]), m.text);
        assert!(!m.text.starts_with('و'), "{}", m.text);
    }
    assert!(found.windows(2).all(|w| w[0].span.start <= w[1].span.start));
}

#[test]
fn tables_kept_across_documents_find_what_fresh_ones_find() {
    let tagger = Tagger::embedded().unwrap();
    let (mut vocabulary, mut words) = (Vocabulary::new(), WordTable::new());
    for _ in 0..2 {
        for text in TEXTS {
            let doc = Doc::new(text, &mut vocabulary);
            assert_eq!(
                find_mentions(&doc, tagger, &LEXICON, &mut words),
                find(text)
            );
        }
    }
}

#[test]
fn a_common_word_that_is_also_an_outlet_is_one_only_when_announced() {
    // "العربية" is "Arabic" and the name of a broadcaster; "الحرة" is "free" and another.
    let found = find("يتحدث الطلاب اللغة العربية في المدارس الحرة كل يوم.");
    assert!(
        found
            .iter()
            .all(|m| m.gazetteer_id.as_deref() != Some("org:Al Arabiya")
                && m.gazetteer_id.as_deref() != Some("org:Alhurra")),
        "{found:?}"
    );
    let found = find("وقال المتحدث في مقابلة مع قناة العربية إن الاجتماع انتهى.");
    assert!(
        found
            .iter()
            .any(|m| m.gazetteer_id.as_deref() == Some("org:Al Arabiya")),
        "{found:?}"
    );
}
