//! Training on several corpora: what another domain (an encyclopaedia)
//! teaches does not override the news the tagger is for.

use isnad_ner::{conll, train, Tagger, TrainConfig};

/// The sentences of `text` (CoNLL), marked as of `domain`, `copies` times.
fn sentences(text: &str, domain: u8, copies: usize) -> Vec<conll::Sentence> {
    let mut one = conll::read(text);
    one.iter_mut().for_each(|s| s.domain = domain);
    one.iter()
        .cycle()
        .take(one.len() * copies)
        .cloned()
        .collect()
}

#[test]
fn the_news_domain_decides_where_another_domain_disagrees() {
    // The same sentence, its name a place in the news data and a person in
    // the other domain's, twice as often there.
    let news = "زار O\nقلبان B-LOC\nالوفد O\n. O\n";
    let other = "زار O\nقلبان B-PERS\nالوفد O\n. O\n";
    let mut data = sentences(other, 1, 10);
    data.extend(sentences(news, 0, 5));
    let config = TrainConfig {
        max_epochs: 5,
        ..TrainConfig::default()
    };
    let model = train(&data, &[], &config).model;
    let tagger = Tagger::from_bytes(&model.to_bytes(0.0)).unwrap();
    let tags = tagger.tag(&["زار", "قلبان", "الوفد", "."]);
    assert_eq!(tags[1].to_string(), "B-LOC", "{tags:?}");
    // Pooled as one domain, the majority (the other domain's) would decide.
    data.iter_mut().for_each(|s| s.domain = 0);
    let pooled = Tagger::from_bytes(&train(&data, &[], &config).model.to_bytes(0.0)).unwrap();
    assert_eq!(
        pooled.tag(&["زار", "قلبان", "الوفد", "."])[1].to_string(),
        "B-PERS"
    );
}
