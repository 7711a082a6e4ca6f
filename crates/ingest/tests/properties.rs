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
