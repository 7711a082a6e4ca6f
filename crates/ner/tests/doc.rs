//! The tagger over a `Doc` and over the same tokens given as strings, and
//! word tables kept across documents and models.

use isnad_ner::features::{prepare, token_kind};
use isnad_ner::{conll, train, Model, Tag, Tagger, TrainConfig, WordTable};
use isnad_text::{Doc, TokenKind, Vocabulary};

const TEXTS: [&str; 3] = [
    "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الاتحاد الأوروبي سيجتمع. \
     وأضاف ماكرون أن فرنسا لن تتراجع.\n\nوفي القاهرة، التقى وزير الخارجية المصري سامح شكري نظيره.",
    "أعلنت وزارة الداخلية في كازاخستان مقتل ٨ أشخاص في ألماتي. وقال الرئيس قاسم جومارت توكاييف إن \
     روسيا سترسل قوات، وأكد توكاييف ذلك يوم ٥/١/٢٠٢٢.",
    "ذكرت وكالة رويترز أن الأمم المتحدة دعت إلى الهدوء في ألماتي. وقال المتحدث باسم الأمم المتحدة: «لا صحة للأنباء».",
];

/// Each sentence of `doc` as the strings of its tokens.
fn strings(doc: &Doc) -> Vec<Vec<&str>> {
    (0..doc.sentence_spans().len())
        .map(|i| doc.sentence_tokens(i).iter().map(|t| t.text(doc)).collect())
        .collect()
}

#[test]
fn a_doc_is_tagged_as_its_tokens_given_as_strings() {
    let tagger = Tagger::embedded().unwrap();
    let mut entities = 0;
    for text in TEXTS {
        let doc = Doc::new(text, &mut Vocabulary::new());
        let mut words = WordTable::new();
        let tagged = tagger.tag_doc(&doc, &mut words);
        let sentences = strings(&doc);
        let from_strings =
            tagger.tag_sentences(&sentences, &mut Vocabulary::new(), &mut WordTable::new());
        assert_eq!(tagged.tags, from_strings, "{text}");
        assert_eq!(tagged.infos.len(), sentences.len());
        for ((infos, tags), toks) in tagged.infos.iter().zip(&tagged.tags).zip(&sentences) {
            assert_eq!((infos.len(), tags.len()), (toks.len(), toks.len()));
        }
        entities += tagged
            .tags
            .iter()
            .flatten()
            .filter(|t| **t != Tag::O)
            .count();
    }
    assert!(entities > 10, "the texts hold names ({entities} tags)");
}

#[test]
fn the_infos_of_a_doc_carry_its_tokens_keys() {
    let tagger = Tagger::embedded().unwrap();
    let doc = Doc::new(TEXTS[0], &mut Vocabulary::new());
    let mut words = WordTable::new();
    let tagged = tagger.tag_doc(&doc, &mut words);
    for (i, infos) in tagged.infos.iter().enumerate() {
        for (t, info) in doc.sentence_tokens(i).iter().zip(infos) {
            assert_eq!(*info.keys, *t.keys, "{}", t.text(&doc));
            assert_eq!((&*info.stem, &*info.norm), (&*t.keys.stem, &*t.keys.norm));
        }
    }
}

#[test]
fn a_word_table_kept_across_documents_tags_as_fresh_ones() {
    let tagger = Tagger::embedded().unwrap();
    let (mut vocabulary, mut words) = (Vocabulary::new(), WordTable::new());
    // Twice over: the second pass finds every word in the table.
    for _ in 0..2 {
        for text in TEXTS {
            let kept = tagger.tag_doc(&Doc::new(text, &mut vocabulary), &mut words);
            let fresh = Doc::new(text, &mut Vocabulary::new());
            assert_eq!(
                kept.tags,
                tagger.tag_doc(&fresh, &mut WordTable::new()).tags
            );
        }
    }
    assert!(
        !words.is_empty() && words.len() < 200,
        "{} words",
        words.len()
    );
}

#[test]
fn a_word_table_serves_the_model_that_tags_with_it() {
    // A small model that tags differently from the shipped one.
    let gold = "ماكرون B-LOC\nفي O\nباريس B-PERS\n.\tO\n\nقال O\nماكرون B-LOC\n";
    let bytes = train(&conll::read(gold), &[], &TrainConfig::default())
        .model
        .to_bytes(0.0);
    let small = Tagger::from_bytes(&bytes).unwrap();
    let shipped = Tagger::embedded().unwrap();
    let doc = Doc::new(TEXTS[0], &mut Vocabulary::new());
    let own = |tagger: &Tagger| tagger.tag_doc(&doc, &mut WordTable::new()).tags;
    assert_ne!(own(&small), own(shipped));
    let mut words = WordTable::new();
    for tagger in [shipped, &small, shipped] {
        assert_eq!(tagger.tag_doc(&doc, &mut words).tags, own(tagger));
    }
    // Words prepared for one model and tagged by another: summed afresh.
    let mut words = WordTable::new();
    shipped.tag_doc(&doc, &mut words);
    let small_model = Model::from_bytes(&bytes).unwrap();
    for i in 0..doc.sentence_spans().len() {
        let infos = prepare(&doc, doc.sentence_tokens(i), &mut words);
        assert_eq!(small_model.tag(&infos), small_model.tag_uncached(&infos));
    }
}

#[test]
fn a_word_table_may_move_between_threads() {
    fn send<T: Send>(_: &T) {}
    let words = WordTable::new();
    send(&words);
    let tagger = Tagger::embedded().unwrap();
    let doc = Doc::new(TEXTS[1], &mut Vocabulary::new());
    let here = tagger.tag_doc(&doc, &mut WordTable::new()).tags;
    let there = std::thread::spawn(move || {
        let mut words = words;
        tagger.tag_doc(&doc, &mut words).tags
    });
    assert_eq!(there.join().unwrap(), here);
}

#[test]
fn a_token_given_as_a_string_has_the_kind_the_tokeniser_gives_it() {
    assert_eq!(token_kind("الشرطة"), TokenKind::Word);
    assert_eq!(token_kind("١٢"), TokenKind::Number);
    assert_eq!(token_kind("2022/1/5"), TokenKind::Number);
    assert_eq!(token_kind("."), TokenKind::Punct);
    // Not one token of the tokeniser: read as a word.
    assert_eq!(token_kind("3أيام"), TokenKind::Word);
    assert_eq!(token_kind(""), TokenKind::Word);
}
