//! The short story `isnad run` ends with: the timeline of happenings that
//! more than one source reports, then the best-attested single reports,
//! each with every source's figure.

use crate::{attribution, figure, timeline, DatedBy, View};

/// At most `lines` lines of story, in timeline order: chosen first among
/// figures two or more documents give, then other happenings two or more
/// report, then single reports with a figure.
/// Each line: date, kind, place, status, and each outlet's figure with its source.
pub fn story(view: &View, lines: usize) -> Vec<String> {
    let entries = timeline(view);
    let counted = |i: usize| {
        view.members(entries[i].cluster)
            .iter()
            .any(|f| f.count.is_some())
    };
    // Figures several sources give, then other happenings several sources
    // report, then single reports with a figure; shown in timeline order.
    let tiers: [&dyn Fn(usize) -> bool; 3] = [
        &|i| entries[i].documents >= 2 && counted(i),
        &|i| entries[i].documents >= 2 && !counted(i),
        &|i| entries[i].documents < 2 && counted(i),
    ];
    let mut chosen: Vec<usize> = Vec::new();
    for tier in tiers {
        let room = lines.saturating_sub(chosen.len());
        chosen.extend((0..entries.len()).filter(|&i| tier(i)).take(room));
    }
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|i| {
            let e = &entries[i];
            let date = match (&e.date, e.dated_by) {
                (Some(d), DatedBy::Text) => d.clone(),
                (Some(d), _) => format!("{d}*"),
                (None, _) => "undated".into(),
            };
            let place = view
                .place_of(e.cluster)
                .map(|p| format!(" in {p}"))
                .unwrap_or_default();
            let figures: Vec<String> = view
                .members(e.cluster)
                .iter()
                .map(|f| format!("{} {} ({})", view.outlet(&f.doc), figure(f), attribution(f)))
                .collect();
            format!(
                "{date:<10}  {}{place}: {} — {}",
                e.cluster.kind,
                e.cluster.status,
                figures.join(" · ")
            )
        })
        .collect()
}
