//! The shipped model must match the feature code: a model trained with other
//! features tags its own training data badly. (Reads the shared ANERcorp data.)

use isnad_ner::{conll, evaluate, Tag, Tagger};

/// The sentences of one split of the shared ANERcorp data (`train` or `test`).
fn anercorp(split: &str) -> Vec<conll::Sentence> {
    let path = format!(
        "{}/../../../shared/data/anercorp_camel/ANERCorp_CamelLab_{split}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("shared ANERcorp {split} split beside the repository ({path}): {e}")
    });
    conll::read(&text)
}

#[test]
fn shipped_model_fits_its_training_data() {
    let sentences: Vec<_> = anercorp("train").into_iter().take(400).collect();
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
    use isnad_ner::{features, Model};
    let sentences = anercorp("test");
    let model = Model::from_bytes(include_bytes!("../model/ner.bin")).unwrap();
    let mut entities = 0;
    // Twice: the second pass reads every word's scores from the cache.
    for _ in 0..2 {
        for s in sentences.iter().take(300) {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let infos = features::prepare(&toks);
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
