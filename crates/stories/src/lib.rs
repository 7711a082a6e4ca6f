//! Stories: which documents report the same happening.
//!
//! Figures are only worth comparing between reports of one happening, and
//! what tells a reader two articles are one story is not a single field but
//! many small agreements: the same days, the same places and people, the
//! same words, the same figures. News-monitoring systems (the European
//! Commission's EMM, Event Registry) group articles into stories first and
//! only then fuse their details; this crate is that step, between facts
//! and clusters.
//!
//! Each document, taken in a canonical order (publication date, undated
//! last, then id), joins the story it reports or starts one. It is compared
//! with the members of candidate stories only, found through an inverted
//! index by entity, word and publication day ([`Index`]), by signals
//! ([`SignalKind`]) combined into one score that keeps each signal's
//! contribution ([`Signal`]), so every decision can be explained
//! ([`Reason`]). A near duplicate joins its original's story. The canonical
//! order makes the result a function of the documents alone, whatever order
//! they arrived in, and a story's id is that of the document that started
//! it, so it stays as later documents join.
//!
//! It reads plain data ([`StoryInput`]: dates, linked entity ids, fact kinds
//! and figures, content-word keys); it must not read the store or any text
//! beyond the helpers that take content words from a [`isnad_text::Doc`].
#![deny(missing_docs)]

mod index;
mod input;
mod membership;
mod profile;
mod signals;
mod story;
mod terms;

pub use index::Index;
pub use input::{content_words, headline_words, is_function_word, EntityRef, FactRef, StoryInput};
pub use membership::{Join, Match, Reason, JOIN_SCORE, SUPPORT};
pub use signals::{Signal, SignalKind, FAR_DAYS, WINDOW_DAYS};
pub use story::{is_background, Story};

/// Groups documents into stories: every document's terms are counted
/// first (so all are weighed by the same rarities), then each is assigned
/// in the canonical order ([`canonical_order`]); near duplicates come after
/// the rest, to join their original's story; then documents left alone in
/// the story they started take a second look ([`Index::regroup`]). Returns
/// the stories in the order they were started.
pub fn group(mut inputs: Vec<StoryInput>) -> Vec<Story> {
    // Counted in the canonical order too: the terms' ids, and so the order
    // of ties, do not depend on the order the documents came in.
    inputs.sort_by(canonical_order);
    let mut index = Index::new();
    let ids: std::collections::HashSet<String> = inputs.iter().map(|d| d.id.clone()).collect();
    let mut counted: Vec<(bool, StoryInput, profile::Profile)> = inputs
        .into_iter()
        .map(|input| {
            let profile = index.count_profiled(&input);
            let repeats = input
                .near_duplicate_of
                .as_ref()
                .is_some_and(|of| ids.contains(of));
            (repeats, input, profile)
        })
        .collect();
    index.freeze();
    // Stable: near duplicates after the rest, each part in canonical order.
    counted.sort_by_key(|(repeats, ..)| *repeats);
    for (_, input, profile) in counted {
        index.assign_profiled(input, profile);
    }
    index.regroup();
    index.stories()
}

/// The order documents are assigned in: by publication date, undated ones
/// last, then by id.
pub fn canonical_order(a: &StoryInput, b: &StoryInput) -> std::cmp::Ordering {
    let date = |d: &StoryInput| (d.published.is_none(), d.published);
    date(a).cmp(&date(b)).then_with(|| a.id.cmp(&b.id))
}
