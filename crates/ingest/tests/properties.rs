//! Property tests: ingest never panics, and every range it reports slices its input.

use isnad_ingest::{read_bytes, Format};
use proptest::prelude::*;

fn markup_heavy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<div class=\"comments\">",
        "</div>",
        "<a href='x'>",
        "</a>",
        "<nav>",
        "</nav>",
        "<article>",
        "</article>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "&amp;",
        "&#1575;",
        "&laquo;",
        "&",
        "<",
        ">",
        "\"",
        "قال الرئيس",
        "، ",
        ". ",
        "\n",
        "\n\n",
        "التعليقات (3)",
        "الأكثر قراءة",
        "٢٠٢٢/١/٥",
        "😀",
        "المصدر: موقع \"س\" - ع",
        "<br>",
        "<h1>",
        "</h1>",
        "<meta property=\"og:title\" content=\"ع",
        "مُحَمَّد",
        "\u{200F}",
        "\u{FEFB}",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

fn any_input() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), markup_heavy()]
}

/// Text with a few bytes damaged: invalid UTF-8, stray control bytes.
fn damaged_input() -> impl Strategy<Value = Vec<u8>> {
    let damage = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4);
    (markup_heavy(), damage).prop_map(|(text, damage)| {
        let mut bytes = text.into_bytes();
        for (at, b) in damage {
            let at = at.index(bytes.len() + 1);
            bytes.insert(at, if b < 0x80 { b & 0x1F } else { b });
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reading_never_panics_and_ranges_slice_the_input(input in any_input()) {
        for format in [Format::Text, Format::Html] {
            if let Ok(doc) = read_bytes("p", input.as_bytes(), format) {
                let mut last = 0;
                for r in &doc.removed {
                    prop_assert!(r.span.is_valid_in(&doc.original), "removed {} not on char boundaries", r.span);
                    prop_assert!(r.span.start >= last, "removed ranges out of order");
                    last = r.span.end;
                }
                prop_assert!(!doc.text.trim().is_empty());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn repaired_inputs_keep_ranges_and_text_inside_the_original(input in damaged_input()) {
        for format in [Format::Text, Format::Html] {
            if let Ok(doc) = read_bytes("p", &input, format) {
                for r in &doc.removed {
                    prop_assert!(r.span.is_valid_in(&doc.original), "removed {} not on char boundaries", r.span);
                }
                // Plain text keeps its lines verbatim: each is a piece of the original.
                if doc.format == Format::Text {
                    for para in doc.text.split("\n\n") {
                        prop_assert!(doc.original.contains(para), "{para:?} not in the original");
                    }
                }
                let stray = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}');
                prop_assert!(!doc.original.chars().any(stray), "a control character left in {:?}", doc.original);
            }
        }
    }
}
