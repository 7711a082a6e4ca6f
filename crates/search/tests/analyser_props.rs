//! Properties of the analyser on any input: no panic, every span slices the
//! text on character boundaries, and a word analysed as a query asks for a
//! key its indexed form carries at its position.

use isnad_search::analyser::{analyse, query_words};
use isnad_text::Vocabulary;
use proptest::prelude::*;

/// Arabic letters, diacritics, tatweel, digits of two scripts, Latin,
/// punctuation, invisible controls and white space, mixed.
fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::char::range('\u{0621}', '\u{064A}'),
            prop::char::range('\u{064B}', '\u{0652}'),
            Just('\u{0640}'),
            prop::char::range('\u{0660}', '\u{0669}'),
            prop::char::range('0', '9'),
            prop::char::range('a', 'z'),
            prop::sample::select(vec![' ', ' ', '.', '،', '\n', '\u{200F}', '\u{FEFB}', '"']),
            any::<char>(),
        ],
        0..80,
    )
    .prop_map(|c| c.into_iter().collect())
}

proptest! {
    #[test]
    fn spans_slice_the_text_and_the_query_side_agrees(text in news_like()) {
        let mut v = Vocabulary::new();
        let a = analyse(&text, &[], &mut v);
        for t in a.words.iter().chain(&a.exact).chain(&a.light) {
            prop_assert!(t.span.is_valid_in(&text), "{:?} in {:?}", t.span, text);
        }
        for t in &a.exact {
            // Each token alone, as a query, asks for a key indexed at its position.
            let word = t.span.slice(&text);
            for q in query_words(word, &mut v) {
                let at: Vec<&str> = a.words.iter().filter(|w| w.position == t.position).map(|w| w.text.as_str()).collect();
                prop_assert!(at.contains(&q.base.as_str()), "{word:?}: {:?} not in {at:?}", q.base);
            }
        }
    }
}
