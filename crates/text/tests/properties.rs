//! Property tests: for any input the text layer never panics and every span
//! it returns slices the original text exactly.

use isnad_text::normalize::{normalize, NormalizeOptions};
use isnad_text::{analyze_word, sentences, tokens, Span, TokenKind};
use proptest::prelude::*;

/// Characters that stress Arabic handling: letters, clitic letters, harakat,
/// tatweel, hamza forms, digits of three scripts, separators, quotes,
/// terminators, presentation forms, bidi and zero-width controls, emoji.
fn arabic_heavy() -> impl Strategy<Value = String> {
    let pool: Vec<char> = "وفبلكالتيمنعرسدحجخهةىيأإآٱؤئءَُِّْـ٠١٢٣٩۰۹0129.,،؛؟!?:/«»\"“”()- \n\t\u{200B}\u{200F}\u{202B}\u{FEFB}\u{FE91}\u{FDF2}😀a"
        .chars()
        .collect();
    prop::collection::vec(prop::sample::select(pool), 0..200).prop_map(|v| v.into_iter().collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), arabic_heavy()]
}

fn check_normalization(text: &str, options: NormalizeOptions) {
    let n = normalize(text, options);
    let offsets = n.offsets();
    assert_eq!(offsets.len(), n.as_str().len() + 1);
    assert_eq!(*offsets.last().unwrap() as usize, text.len());
    assert!(
        offsets.windows(2).all(|w| w[0] <= w[1]),
        "offset map must be monotone"
    );
    for &o in offsets {
        assert!(text.is_char_boundary(o as usize));
    }
    // Every span between normalised char boundaries maps to a valid original span.
    let bounds: Vec<usize> = n
        .as_str()
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(n.as_str().len()))
        .collect();
    for (a, &s) in bounds.iter().enumerate() {
        for &e in bounds.iter().skip(a).take(4) {
            let back = n.to_original(Span::new(s, e));
            assert!(back.is_valid_in(text), "{back} not valid in original");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn normalization_never_panics_and_maps_back(text in any_text()) {
        check_normalization(&text, NormalizeOptions::matching());
        check_normalization(&text, NormalizeOptions::canonical());
        check_normalization(&text, NormalizeOptions::loose());
    }

    #[test]
    fn sentence_spans_slice_the_text_in_order(text in any_text()) {
        let spans = sentences(&text);
        let mut last = 0;
        for s in &spans {
            prop_assert!(s.is_valid_in(&text));
            prop_assert!(s.start >= last, "sentences overlap or go backwards");
            prop_assert!(!s.is_empty());
            let slice = s.slice(&text);
            prop_assert_eq!(slice.trim(), slice, "sentence not trimmed");
            prop_assert!(text[last..s.start].trim().is_empty(), "text lost between sentences");
            last = s.end;
        }
        prop_assert!(text[last..].trim().is_empty(), "text lost after last sentence");
    }

    #[test]
    fn token_spans_slice_the_text_in_order(text in any_text()) {
        let toks = tokens(&text);
        let mut last = 0;
        for t in &toks {
            prop_assert!(t.span.is_valid_in(&text));
            prop_assert!(t.span.start >= last);
            prop_assert!(!t.span.is_empty());
            prop_assert!(!t.span.slice(&text).chars().any(char::is_whitespace));
            last = t.span.end;
            if t.kind == TokenKind::Word {
                let a = analyze_word(&text, t.span);
                prop_assert!(a.stem.is_valid_in(&text));
                prop_assert!(t.span.contains(a.stem));
                let mut at = t.span.start;
                for c in a.clitics() {
                    prop_assert!(c.span.is_valid_in(&text));
                    prop_assert_eq!(c.span.start, at, "clitic pieces must be contiguous");
                    at = c.span.end;
                }
                prop_assert_eq!(a.stem.start, at);
                prop_assert_eq!(a.stem.end, t.span.end);
            }
        }
    }
}
