//! The shipped model must match the feature code: a model trained with other
//! features tags its own training data badly. (Reads the shared ANERcorp data;
//! the tests that need it skip, saying so, where it is missing.)

use isnad_ner::{conll, evaluate, Tag, Tagger};
use isnad_text::Vocabulary;
use std::io::Write;

/// The sentences of one split of the shared ANERcorp data (`train` or `test`),
/// or `None`, saying what is missing and where to get it, on a clone with
/// no `../shared` beside it.
fn anercorp(split: &str) -> Option<Vec<conll::Sentence>> {
    let path = format!(
        "{}/../../../shared/data/anercorp_camel/ANERCorp_CamelLab_{split}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(conll::read(&text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // Straight to the process's stderr: libtest captures `eprintln!`
            // of a passing test, so a skip said that way is never seen.
            let _ = writeln!(
                std::io::stderr(),
                "skipping: needs ../shared/data/anercorp_camel/ANERCorp_CamelLab_{split}.txt \
                 (the project's shared inputs, in a `shared` folder beside the repository; \
                 ANERcorp, CAMeL Lab split: camel.abudhabi.nyu.edu/anercorp); not found at {path}"
            );
            None
        }
        Err(e) => panic!("shared ANERcorp {split} split beside the repository ({path}): {e}"),
    }
}

#[test]
fn shipped_model_fits_its_training_data() {
    let Some(train) = anercorp("train") else {
        return;
    };
    let sentences: Vec<_> = train.into_iter().take(400).collect();
    let tagger = Tagger::embedded().expect("model loads");
    let gold: Vec<Vec<Tag>> = sentences.iter().map(|s| s.tags.clone()).collect();
    let pred: Vec<Vec<Tag>> = sentences
        .iter()
        .map(|s| tagger.tag(&s.tokens.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    let f1 = evaluate(&gold, &pred).overall().f1();
    assert!(f1 > 90.0, "the shipped model scores {f1:.1} F1 on its own training data: retrain it (`isnad ner train`) after changing features");
}

#[test]
fn tags_a_news_sentence() {
    let tagger = Tagger::embedded().unwrap();
    let toks = [
        "وقال",
        "الرئيس",
        "الفرنسي",
        "إيمانويل",
        "ماكرون",
        "في",
        "باريس",
        "إن",
        "الاتحاد",
        "الأوروبي",
        "سيجتمع",
        ".",
    ];
    let tags: Vec<String> = tagger.tag(&toks).iter().map(|t| t.to_string()).collect();
    assert_eq!(tags[6], "B-LOC", "{tags:?}");
    assert_eq!(tags[8], "B-ORG", "{tags:?}");
    assert_eq!(tags[9], "I-ORG", "{tags:?}");
}

#[test]
fn cached_word_scores_tag_as_summing_every_feature_does() {
    use isnad_ner::{features, Model, WordTable};
    let Some(sentences) = anercorp("test") else {
        return;
    };
    let model = Model::from_bytes(include_bytes!("../model/ner.bin")).unwrap();
    let (mut vocabulary, mut words) = (Vocabulary::new(), WordTable::new());
    let mut entities = 0;
    // Twice: the second pass reads every word's scores from the table.
    for _ in 0..2 {
        for s in sentences.iter().take(300) {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let infos = features::prepare_strings(&toks, &mut vocabulary, &mut words);
            let cached = model.tag(&infos);
            assert_eq!(cached, model.tag_uncached(&infos), "{toks:?}");
            entities += cached.iter().filter(|t| **t != Tag::O).count();
        }
    }
    assert!(
        entities > 200,
        "the sentences hold entities ({entities} tags)"
    );
}
