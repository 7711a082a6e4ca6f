//! The report: what happened, where and when; the disputed figures with each
//! source's value, attribution chain and quoted evidence; the figures the
//! sources agree on; the timeline; per-outlet profiles and wording; an
//! entity index. As one self-contained right-to-left HTML page (no script, no
//! external file, opens offline) or as Markdown.

use std::fmt::Write as _;

use isnad_ledger::{Cluster, EntityType, Fact, Status};

use crate::counted::{counted, Case, DOCUMENT, FACT, HAPPENING, SOURCE};
use crate::escape::{html as esc, markdown as md};
use crate::{
    attribution, date_label, figure, kind_label, outlet_profiles, thousands, timeline, DatedBy,
    OutletProfile, TimelineEntry, View,
};

/// How many happenings the overview lists.
const OVERVIEW: usize = 12;
/// Longest evidence quote, in characters, before it is cut with "…".
const QUOTE: usize = 300;

/// One section's rows, computed once for both formats.
struct Sections<'v, 'a> {
    view: &'v View<'a>,
    timeline: Vec<TimelineEntry<'a>>,
}

impl<'v, 'a> Sections<'v, 'a> {
    fn new(view: &'v View<'a>) -> Self {
        Sections {
            view,
            timeline: timeline(view),
        }
    }

    /// Happenings reported by the most documents first, then by date.
    fn overview(&self) -> Vec<&TimelineEntry<'a>> {
        let mut v: Vec<&TimelineEntry<'a>> = self.timeline.iter().collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.documents));
        v.truncate(OVERVIEW);
        v
    }

    fn with_status(&self, status: Status) -> Vec<&'a Cluster> {
        self.timeline
            .iter()
            .map(|e| e.cluster)
            .filter(|c| c.status == status)
            .collect()
    }

    /// The date, where it comes from, and the place of a happening.
    fn when_where(&self, e: &TimelineEntry) -> (String, String) {
        let date = match (&e.date, e.dated_by) {
            (Some(d), DatedBy::Text) => date_label(d),
            (Some(d), _) => format!("{} (تاريخ النشر)", date_label(d)),
            (None, _) => "غير مؤرخ".into(),
        };
        let place = self.view.place_of(e.cluster).unwrap_or_else(|| "—".into());
        (date, place)
    }

    /// The date of a happening as HTML: the date itself kept left to right
    /// and unbroken, then where it comes from.
    fn date_html(&self, e: &TimelineEntry) -> String {
        let Some(d) = &e.date else {
            return "غير مؤرخ".into();
        };
        let mut h = match d.strip_prefix("--") {
            Some(month_day) => format!(
                "<span class=\"date\">{}</span> (السنة غير مذكورة)",
                esc(month_day)
            ),
            None => format!("<span class=\"date\">{}</span>", esc(d)),
        };
        if e.dated_by == DatedBy::Publication {
            h.push_str(" (تاريخ النشر)");
        }
        h
    }

    /// One line per source: "outlet: figure — attribution".
    fn figures_line(&self, c: &Cluster) -> String {
        self.view
            .members(c)
            .iter()
            .map(|f| match f.count {
                Some(_) => format!(
                    "{}: {} — {}",
                    self.view.outlet(&f.doc),
                    figure(f),
                    attribution(f)
                ),
                None => format!("{}: {}", self.view.outlet(&f.doc), attribution(f)),
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The same as [`Self::figures_line`], as HTML with each outlet isolated
    /// (file names and Latin outlet names keep their direction).
    fn figures_html(&self, c: &Cluster) -> String {
        self.view
            .members(c)
            .iter()
            .map(|f| match f.count {
                Some(_) => format!(
                    "<bdi>{}</bdi>: {} — {}",
                    esc(&self.view.outlet(&f.doc)),
                    esc(&figure(f)),
                    esc(&attribution(f))
                ),
                None => format!(
                    "<bdi>{}</bdi>: {}",
                    esc(&self.view.outlet(&f.doc)),
                    esc(&attribution(f))
                ),
            })
            .collect::<Vec<_>>()
            .join("<br>")
    }

    fn status_label(status: Status) -> &'static str {
        match status {
            Status::Agree => "متفق",
            Status::Conflict => "متعارض",
            Status::Single => "مصدر واحد",
        }
    }

    fn entry_of(&self, c: &Cluster) -> Option<&TimelineEntry<'a>> {
        self.timeline.iter().find(|e| e.cluster.id == c.id)
    }
}

/// An outlet's facts per kind: "قتلى 3، جرحى 2".
fn kinds_line(p: &OutletProfile) -> String {
    p.kinds
        .iter()
        .map(|(k, n)| format!("{} {}", kind_label(*k), thousands(*n as u64)))
        .collect::<Vec<_>>()
        .join("، ")
}

/// An outlet's words, one line per group: (group label, "متظاهرون (5)، محتجون (1)").
fn wording_lines(p: &OutletProfile) -> Vec<(&'static str, String)> {
    let mut groups: Vec<&str> = p.wording.iter().map(|w| w.group).collect();
    groups.dedup();
    groups
        .into_iter()
        .map(|g| {
            let words: Vec<String> = p
                .wording
                .iter()
                .filter(|w| w.group == g)
                .map(|w| format!("{} ({})", w.label, thousands(w.count as u64)))
                .collect();
            (group_label(g), words.join("، "))
        })
        .collect()
}

fn quote(f: &Fact) -> String {
    let text = f.evidence.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > QUOTE {
        let cut: String = text.chars().take(QUOTE).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn headline(view: &View) -> String {
    let l = view.ledger;
    let outlets: std::collections::BTreeSet<String> =
        l.documents.iter().map(crate::outlet_of).collect();
    let mut dates: Vec<&str> = l
        .documents
        .iter()
        .filter_map(|d| d.published.as_deref())
        .collect();
    dates.sort();
    // The verb agrees with its subject: two documents take the dual.
    let published = if l.documents.len() == 2 {
        "نُشرتا"
    } else {
        "نُشرت"
    };
    let span = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if a == b => format!("، {published} في {a}"),
        (Some(a), Some(b)) => format!("، {published} بين {a} و{b}"),
        _ => String::new(),
    };
    let status =
        |st: Status| thousands(l.clusters.iter().filter(|c| c.status == st).count() as u64);
    format!(
        "{} من {}{span}؛ استُخرجت منها {} في {} ({} متفق، {} متعارض، {} من مصدر واحد).",
        counted(l.documents.len() as u64, &DOCUMENT, Case::Nominative),
        counted(outlets.len() as u64, &SOURCE, Case::Oblique),
        counted(l.facts.len() as u64, &FACT, Case::Nominative),
        counted(l.clusters.len() as u64, &HAPPENING, Case::Oblique),
        status(Status::Agree),
        status(Status::Conflict),
        status(Status::Single),
    )
}

// ---------------------------------------------------------------- HTML

const CSS: &str = "body{font-family:'Noto Naskh Arabic','Amiri','DejaVu Sans',sans-serif;margin:2em auto;max-width:72em;padding:0 1em;line-height:1.6;color:#1a1a1a}\
h1{font-size:1.6em}h2{border-bottom:2px solid #444;margin-top:2em}\
table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #bbb;padding:.35em .5em;vertical-align:top;text-align:start}\
th{background:#eee}tbody.cluster tr:first-child td{border-top:2px solid #444}\
.conflict{color:#a00;font-weight:bold}.agree{color:#060;font-weight:bold}.single{color:#555}\
blockquote,.quote{margin:0;color:#333;font-size:.92em}.latin{direction:ltr;unicode-bidi:isolate;color:#555}\
.meta{color:#555;font-size:.9em}ol#timeline li{margin:.4em 0}time{font-weight:bold;unicode-bidi:isolate}td:nth-child(3),.date{white-space:nowrap}.date{direction:ltr;unicode-bidi:isolate}td:has(blockquote){width:38%}";

/// The section of disputed figures or of agreed ones: its HTML id, title,
/// the cluster status it lists, and what it says when there is none.
struct FigureSection {
    /// The HTML id of the table (the heading's is this with "-heading").
    id: &'static str,
    /// The section's heading.
    title: &'static str,
    /// The status of the clusters it lists.
    status: Status,
    /// What it says when no cluster has that status.
    none: &'static str,
}

/// The disputed figures, then the agreed ones.
const FIGURE_SECTIONS: [FigureSection; 2] = [
    FigureSection {
        id: "disputed",
        title: "الأرقام المتنازع عليها",
        status: Status::Conflict,
        none: "لا تتعارض المصادر في أي رقم.",
    },
    FigureSection {
        id: "agreed",
        title: "أرقام تتفق عليها المصادر",
        status: Status::Agree,
        none: "لا يتفق مصدران على رقم واحد.",
    },
];

/// The report as one self-contained HTML page, right to left.
pub fn html(view: &View) -> String {
    let s = Sections::new(view);
    let mut h = String::new();
    html_head(&mut h, view);
    html_overview(&mut h, &s);
    html_stories(&mut h, &s);
    for section in &FIGURE_SECTIONS {
        html_figures(&mut h, &s, section);
    }
    html_timeline(&mut h, &s);
    html_outlets(&mut h, view);
    html_entities(&mut h, view);
    h.push_str("</body>\n</html>\n");
    h
}

/// The page's head (title, style) and its heading with the headline.
fn html_head(h: &mut String, view: &View) {
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>تقرير إسناد</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <h1>تقرير إسناد: من قال ماذا، وعلى لسان من</h1>\n<p class=\"meta\">{}</p>\n",
        esc(&headline(view))
    );
}

/// What happened: the most reported happenings, one table row each.
fn html_overview(h: &mut String, s: &Sections) {
    h.push_str("<h2 id=\"overview\">ما الذي جرى، وأين، ومتى</h2>\n<table id=\"happenings\">\n<thead><tr><th>الحدث</th><th>المكان</th><th>التاريخ</th><th>المصادر</th><th>الحالة</th><th>الأرقام</th></tr></thead>\n<tbody>\n");
    for e in s.overview() {
        let (_, place) = s.when_where(e);
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>",
            esc(kind_label(e.cluster.kind)),
            esc(&place),
            s.date_html(e),
            thousands(e.documents as u64),
            esc(e.cluster.status.as_str()),
            Sections::status_label(e.cluster.status),
            s.figures_html(e.cluster),
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// The stories several documents report, in ledger order.
fn shown_stories<'a>(view: &View<'a>) -> Vec<&'a isnad_ledger::Story> {
    view.ledger
        .stories
        .iter()
        .filter(|st| st.documents.len() > 1)
        .collect()
}

/// The outlets of a story, each once, in the order its documents joined.
fn story_outlets(view: &View, st: &isnad_ledger::Story) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    st.documents
        .iter()
        .map(|d| view.outlet(d))
        .filter(|o| seen.insert(o.clone()))
        .collect()
}

/// A story's days: `first – last`, one day, or "undated".
fn story_span(st: &isnad_ledger::Story) -> String {
    match (&st.start, &st.end) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.clone(),
        _ => "بلا تاريخ".into(),
    }
}

/// A happening of a story and, per outlet, its figures with their source
/// chains (see [`story_rows`]).
type StoryRow<'a> = (&'a Cluster, Vec<Vec<(String, String)>>);

/// The happenings of a story that have a figure, each with, for every
/// outlet of `outlets`, its figures as written and their source chains
/// (each distinct one once; none where the outlet gives no figure).
fn story_rows<'a>(
    view: &View<'a>,
    st: &isnad_ledger::Story,
    outlets: &[String],
) -> Vec<StoryRow<'a>> {
    view.ledger
        .clusters
        .iter()
        .filter(|c| st.clusters.contains(&c.id))
        .filter_map(|c| {
            let members = view.members(c);
            if !members.iter().any(|f| f.count.is_some()) {
                return None;
            }
            let cells = outlets
                .iter()
                .map(|o| {
                    let mut cell: Vec<(String, String)> = Vec::new();
                    for f in members.iter().filter(|f| &view.outlet(&f.doc) == o) {
                        let Some(count) = f.count.as_ref() else {
                            continue;
                        };
                        let figure = (count.text.clone(), attribution(f));
                        if !cell.contains(&figure) {
                            cell.push(figure);
                        }
                    }
                    cell
                })
                .collect();
            Some((c, cells))
        })
        .collect()
}

/// The stories several documents report, each with its happenings side by
/// side: one row per happening with a figure (kind, status), one column per
/// outlet of the story, each cell that outlet's figure as written and its
/// source chain.
fn html_stories(h: &mut String, s: &Sections) {
    let view = s.view;
    let stories = shown_stories(view);
    if stories.is_empty() {
        return;
    }
    h.push_str("<h2 id=\"stories\">القصص: كل حدث كما روته كل وسيلة</h2>\n");
    for st in stories {
        let outlets = story_outlets(view, st);
        let _ = writeln!(
            h,
            "<section class=\"story\" data-story=\"{}\">\n<h3>{}</h3>\n<p class=\"meta\">{} · {} وثائق</p>",
            esc(&st.id),
            esc(&st.title),
            esc(&story_span(st)),
            thousands(st.documents.len() as u64)
        );
        h.push_str("<table class=\"story-figures\">\n<thead><tr><th>الحدث</th>");
        for o in &outlets {
            let _ = write!(h, "<th><bdi>{}</bdi></th>", esc(o));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for (c, cells) in story_rows(view, st, &outlets) {
            html_story_row(h, c, &cells);
        }
        h.push_str("</tbody>\n</table>\n</section>\n");
    }
}

/// One happening of a story: its kind and status, then each outlet's
/// figures as written with their source chains (empty where it gives none).
fn html_story_row(h: &mut String, c: &Cluster, cells: &[Vec<(String, String)>]) {
    let _ = write!(
        h,
        "<tr data-cluster=\"{}\"><td>{}<br><span class=\"{}\">{}</span></td>",
        esc(&c.id),
        esc(kind_label(c.kind)),
        esc(c.status.as_str()),
        Sections::status_label(c.status)
    );
    for cell in cells {
        let shown: Vec<String> = cell
            .iter()
            .map(|(figure, chain)| format!("{} ({})", esc(figure), esc(chain)))
            .collect();
        let _ = write!(h, "<td>{}</td>", shown.join("<br>"));
    }
    h.push_str("</tr>\n");
}

/// Disputed or agreed figures: a table with one body per happening and one
/// row per source, or a sentence saying there are none.
fn html_figures(h: &mut String, s: &Sections, section: &FigureSection) {
    let FigureSection {
        id,
        title,
        status,
        none,
    } = section;
    let clusters = s.with_status(*status);
    let _ = writeln!(h, "<h2 id=\"{id}-heading\">{title}</h2>");
    if clusters.is_empty() {
        let _ = writeln!(h, "<p>{none}</p>");
        return;
    }
    let _ = writeln!(h, "<table id=\"{id}\">\n<thead><tr><th>الحدث</th><th>المصدر</th><th>الرقم</th><th>سلسلة الإسناد</th><th>الدليل</th></tr></thead>");
    for c in clusters {
        html_figure_rows(h, s, c);
    }
    h.push_str("</table>\n");
}

/// One happening's table body: its first row opens with the happening
/// (kind, place, date, status) across all rows; each row is one source's
/// figure, attribution and quoted evidence.
fn html_figure_rows(h: &mut String, s: &Sections, c: &Cluster) {
    let view = s.view;
    let members = view.members(c);
    let (date, place) = s
        .entry_of(c)
        .map(|e| (s.date_html(e), s.when_where(e).1))
        .unwrap_or_default();
    let _ = writeln!(
        h,
        "<tbody class=\"cluster\" data-cluster=\"{}\">",
        esc(&c.id)
    );
    for (i, f) in members.iter().enumerate() {
        h.push_str("<tr>");
        if i == 0 {
            let _ = write!(
                h,
                "<td rowspan=\"{}\"><strong>{}</strong><br>{}<br>{}<br><span class=\"{}\">{}</span></td>",
                members.len(),
                esc(kind_label(c.kind)),
                esc(&place),
                date,
                esc(c.status.as_str()),
                Sections::status_label(c.status)
            );
        }
        let _ = writeln!(
            h,
            "<td><bdi>{}</bdi></td><td>{}</td><td>{}</td><td><blockquote>{}</blockquote></td></tr>",
            esc(&view.outlet(&f.doc)),
            esc(&figure(f)),
            esc(&attribution(f)),
            esc(&quote(f)),
        );
    }
    h.push_str("</tbody>\n");
}

/// The timeline: every happening in order, with a machine-readable date
/// where the year is known.
fn html_timeline(h: &mut String, s: &Sections) {
    h.push_str("<h2 id=\"timeline-heading\">التسلسل الزمني</h2>\n<ol id=\"timeline\">\n");
    for e in &s.timeline {
        let (_, place) = s.when_where(e);
        let datetime = e
            .date
            .as_deref()
            .filter(|d| !d.starts_with("--"))
            .map(|d| format!(" datetime=\"{}\"", esc(d)))
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<li><time{datetime}>{}</time> — <strong>{}</strong> — {} — <span class=\"{}\">{}</span><br><span class=\"meta\">{}</span></li>",
            s.date_html(e),
            esc(kind_label(e.cluster.kind)),
            esc(&place),
            esc(e.cluster.status.as_str()),
            Sections::status_label(e.cluster.status),
            s.figures_html(e.cluster),
        );
    }
    h.push_str("</ol>\n");
}

/// The outlets: one section each with its documents, facts per kind,
/// figures and wording.
fn html_outlets(h: &mut String, view: &View) {
    h.push_str("<h2 id=\"outlets\">المصادر: ماذا قال كل منها، وبأي كلمات</h2>\n");
    for p in outlet_profiles(view) {
        let _ = writeln!(
            h,
            "<section class=\"outlet\">\n<h3><bdi>{}</bdi></h3>\n<p class=\"meta\">{}: {}</p>",
            esc(&p.outlet),
            counted(p.documents.len() as u64, &DOCUMENT, Case::Nominative),
            esc(&p
                .documents
                .iter()
                .filter_map(|d| view.document(d))
                .map(|d| d.title.clone().unwrap_or_else(|| d.source.clone()))
                .collect::<Vec<_>>()
                .join(" · "))
        );
        let _ = writeln!(h, "<p>الوقائع: {}</p>", esc(&kinds_line(&p)));
        html_outlet_tables(h, &p);
        h.push_str("</section>\n");
    }
}

/// An outlet's figures table and wording table, each only if it has rows.
fn html_outlet_tables(h: &mut String, p: &OutletProfile) {
    if !p.figures.is_empty() {
        h.push_str("<table class=\"figures\"><thead><tr><th>الحدث</th><th>الرقم</th><th>المعدود</th><th>سلسلة الإسناد</th></tr></thead><tbody>\n");
        for f in &p.figures {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(kind_label(f.kind)),
                esc(&figure(f)),
                esc(f.subject.as_deref().unwrap_or("—")),
                esc(&attribution(f))
            );
        }
        h.push_str("</tbody></table>\n");
    }
    if !p.wording.is_empty() {
        h.push_str("<table class=\"wording\"><thead><tr><th>عمن يتحدث</th><th>الكلمات المستعملة (عدد المرات)</th></tr></thead><tbody>\n");
        for (group, words) in wording_lines(p) {
            let _ = writeln!(h, "<tr><td>{}</td><td>{}</td></tr>", group, esc(&words));
        }
        h.push_str("</tbody></table>\n");
    }
}

/// The entity index: every entity, most mentioned first, with its Latin
/// name, type, variants and how many mentions and documents.
fn html_entities(h: &mut String, view: &View) {
    h.push_str("<h2 id=\"entities\">فهرس الكيانات</h2>\n<table id=\"entity-index\"><thead><tr><th>الاسم</th><th>بالحروف اللاتينية</th><th>النوع</th><th>الصيغ الواردة</th><th>الذكر</th><th>الوثائق</th></tr></thead><tbody>\n");
    for e in entity_index(view) {
        let docs: std::collections::BTreeSet<&str> =
            e.mentions.iter().map(|m| m.doc.as_str()).collect();
        let _ = writeln!(
            h,
            "<tr id=\"{}\"><td>{}</td><td class=\"latin\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.id),
            esc(&e.name),
            esc(e.name_latin.as_deref().unwrap_or("")),
            type_label(e.kind),
            esc(&e.variants.join("، ")),
            thousands(e.mentions.len() as u64),
            thousands(docs.len() as u64)
        );
    }
    h.push_str("</tbody></table>\n");
}

/// Entities by number of mentions, most first (then by name).
fn entity_index<'a>(view: &View<'a>) -> Vec<&'a isnad_ledger::Entity> {
    let mut v: Vec<&isnad_ledger::Entity> = view.ledger.entities.iter().collect();
    v.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then(a.name.cmp(&b.name))
    });
    v
}

fn type_label(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "شخص",
        EntityType::Organization => "منظمة",
        EntityType::Location => "مكان",
        EntityType::Other => "آخر",
    }
}

fn group_label(group: &str) -> &'static str {
    match group {
        "people in the streets" => "المحتجون ومن في الشارع",
        "armed forces" => "القوات المسلحة والأمنية",
        "the events" => "الأحداث نفسها",
        _ => "غير ذلك",
    }
}

// ---------------------------------------------------------------- Markdown

/// The report as Markdown (tables for the figures, a list for the timeline),
/// wrapped in a right-to-left block for renderers that honour HTML.
pub fn markdown(view: &View) -> String {
    let s = Sections::new(view);
    let mut m = String::new();
    let _ = writeln!(
        m,
        "<div dir=\"rtl\">\n\n# تقرير إسناد: من قال ماذا، وعلى لسان من\n\n{}\n",
        md(&headline(view))
    );
    markdown_overview(&mut m, &s);
    markdown_stories(&mut m, view);
    for section in &FIGURE_SECTIONS {
        markdown_figures(&mut m, &s, section);
    }
    markdown_timeline(&mut m, &s);
    markdown_outlets(&mut m, view);
    markdown_entities(&mut m, view);
    m.push_str("\n</div>\n");
    m
}

/// What happened: the most reported happenings, one table row each.
fn markdown_overview(m: &mut String, s: &Sections) {
    m.push_str("## ما الذي جرى، وأين، ومتى\n\n| الحدث | المكان | التاريخ | المصادر | الحالة | الأرقام |\n|---|---|---|---|---|---|\n");
    for e in s.overview() {
        let (date, place) = s.when_where(e);
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} | {} |",
            kind_label(e.cluster.kind),
            md(&place),
            md(&date),
            thousands(e.documents as u64),
            Sections::status_label(e.cluster.status),
            md(&s.figures_line(e.cluster))
        );
    }
}

/// The stories several documents report: per story a table with one row
/// per happening with a figure and one column per outlet (its figures as
/// written, and their source chains), as the HTML report shows them.
fn markdown_stories(m: &mut String, view: &View) {
    let stories = shown_stories(view);
    if stories.is_empty() {
        return;
    }
    m.push_str("\n## القصص: كل حدث كما روته كل وسيلة\n");
    for st in stories {
        let outlets = story_outlets(view, st);
        let _ = writeln!(
            m,
            "\n### {}\n\n{} · {} وثائق\n",
            md(&st.title),
            md(&story_span(st)),
            thousands(st.documents.len() as u64)
        );
        let heads: Vec<String> = outlets.iter().map(|o| md(o)).collect();
        let _ = writeln!(m, "| الحدث | {} |", heads.join(" | "));
        let _ = writeln!(m, "|---|{}", "---|".repeat(outlets.len()));
        for (c, cells) in story_rows(view, st, &outlets) {
            let shown: Vec<String> = cells
                .iter()
                .map(|cell| {
                    let figures: Vec<String> = cell
                        .iter()
                        .map(|(figure, chain)| format!("{} ({})", md(figure), md(chain)))
                        .collect();
                    figures.join("<br>")
                })
                .collect();
            let _ = writeln!(
                m,
                "| {} — {} | {} |",
                kind_label(c.kind),
                Sections::status_label(c.status),
                shown.join(" | ")
            );
        }
    }
}

/// Disputed or agreed figures: one table row per source, the first of each
/// happening naming it (later ones "〃"), or a sentence saying there are none.
fn markdown_figures(m: &mut String, s: &Sections, section: &FigureSection) {
    let view = s.view;
    let _ = writeln!(m, "\n## {}\n", section.title);
    let clusters = s.with_status(section.status);
    if clusters.is_empty() {
        let _ = writeln!(m, "{}", section.none);
        return;
    }
    m.push_str("| الحدث | المصدر | الرقم | سلسلة الإسناد | الدليل |\n|---|---|---|---|---|\n");
    for c in clusters {
        let (date, place) = s.entry_of(c).map(|e| s.when_where(e)).unwrap_or_default();
        for (i, f) in view.members(c).iter().enumerate() {
            let what = if i == 0 {
                format!(
                    "**{}** — {} — {}",
                    kind_label(c.kind),
                    md(&place),
                    md(&date)
                )
            } else {
                "〃".into()
            };
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | «{}» |",
                what,
                md(&view.outlet(&f.doc)),
                md(&figure(f)),
                md(&attribution(f)),
                md(&quote(f))
            );
        }
    }
}

/// The timeline: every happening in order, one list item each.
fn markdown_timeline(m: &mut String, s: &Sections) {
    m.push_str("\n## التسلسل الزمني\n\n");
    for e in &s.timeline {
        let (date, place) = s.when_where(e);
        let _ = writeln!(
            m,
            "- **{}** — {} — {} — {}: {}",
            md(&date),
            kind_label(e.cluster.kind),
            md(&place),
            Sections::status_label(e.cluster.status),
            md(&s.figures_line(e.cluster))
        );
    }
}

/// The outlets: a subsection each with its documents and facts per kind,
/// then its figures and wording as list items.
fn markdown_outlets(m: &mut String, view: &View) {
    m.push_str("\n## المصادر: ماذا قال كل منها، وبأي كلمات\n");
    for p in outlet_profiles(view) {
        let _ = writeln!(m, "\n### {}\n", md(&p.outlet));
        let _ = writeln!(
            m,
            "{}؛ الوقائع: {}\n",
            counted(p.documents.len() as u64, &DOCUMENT, Case::Nominative),
            md(&kinds_line(&p))
        );
        for f in &p.figures {
            let _ = writeln!(
                m,
                "- {}: {} {} — {}",
                kind_label(f.kind),
                md(&figure(f)),
                md(f.subject.as_deref().unwrap_or("")),
                md(&attribution(f))
            );
        }
        for (group, words) in wording_lines(&p) {
            let _ = writeln!(m, "- *{group}*: {}", md(&words));
        }
    }
}

/// The entity index: every entity, most mentioned first, with its Latin
/// name, type, variants and number of mentions.
fn markdown_entities(m: &mut String, view: &View) {
    m.push_str("\n## فهرس الكيانات\n\n| الاسم | بالحروف اللاتينية | النوع | الصيغ الواردة | الذكر |\n|---|---|---|---|---|\n");
    for e in entity_index(view) {
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} |",
            md(&e.name),
            md(e.name_latin.as_deref().unwrap_or("")),
            type_label(e.kind),
            md(&e.variants.join("، ")),
            thousands(e.mentions.len() as u64)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{cluster, document, fact, ledger};

    /// A ledger whose every document-derived string is hostile markup.
    fn hostile() -> isnad_ledger::Ledger {
        let mut a = document(
            "a",
            Some("<img src=x onerror=alert(1)>"),
            Some("2022-01-10"),
        );
        a.title = Some("<script>alert('title')</script>".into());
        let b = document(
            "b",
            Some("[click](javascript:alert(1))"),
            Some("2022-01-10"),
        );
        let mut fa = fact("fa", "a", Some(3), None);
        fa.evidence = "قتل 3 <script>alert('evidence')</script> أشخاص".into();
        let mut fb = fact("fb", "b", Some(5), None);
        fb.subject = Some("<iframe src=//e>".into());
        fb.place = Some("e1".into());
        let mut l = ledger(
            vec![a, b],
            vec![fa, fb],
            vec![cluster("c", Status::Conflict, &["fa", "fb"])],
        );
        l.entities.push(
            serde_json::from_value(serde_json::json!({
                "id": "e1", "type": "location", "name": "<svg onload=alert(1)>",
                "name_latin": "<b>x</b>", "variants": ["<i>v</i>"], "mentions": []
            }))
            .unwrap(),
        );
        l
    }

    #[test]
    fn markdown_shows_hostile_markup_as_text() {
        let l = hostile();
        let m = markdown(&View::new(&l));
        for raw in [
            "<script",
            "<img",
            "<iframe",
            "<svg",
            "<b>",
            "<i>",
            "[click](javascript",
        ] {
            assert!(!m.contains(raw), "raw {raw} in:\n{m}");
        }
        assert!(m.contains("\\[click\\](javascript:alert(1))"), "{m}");
        // Shown, escaped: a reader still sees what the document said.
        assert!(
            m.contains("&lt;script&gt;alert('evidence')&lt;/script&gt;"),
            "{m}"
        );
        assert!(m.contains("&lt;img src=x onerror=alert(1)&gt;"), "{m}");
        assert!(m.contains("&lt;svg onload=alert(1)&gt;"), "{m}");
        // The report's own markup is kept.
        assert!(
            m.starts_with("<div dir=\"rtl\">") && m.contains("**قتلى**"),
            "{m}"
        );
    }

    #[test]
    fn html_shows_hostile_markup_as_text() {
        let l = hostile();
        let h = html(&View::new(&l));
        for raw in ["<script", "<img", "<iframe", "<svg", "<b>", "<i>"] {
            assert!(!h.contains(raw), "raw {raw} in the page");
        }
        assert!(h.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"));
    }

    #[test]
    fn the_headline_counts_in_arabic() {
        let l = hostile();
        let m = markdown(&View::new(&l));
        assert!(
            m.contains("وثيقتان من مصدرين، نُشرتا في 2022-01-10؛ استُخرجت منها واقعتان في حدث واحد"),
            "{m}"
        );
        assert!(m.contains("وثيقة واحدة؛ الوقائع: قتلى 1"), "{m}");
    }
}

#[cfg(test)]
mod story_tests {
    use super::*;
    use crate::testing::{cluster, document, fact, ledger};

    #[test]
    fn the_page_shows_each_story_with_its_outlets_figures_side_by_side() {
        let mut l = ledger(
            vec![
                document("a", Some("وكالة أ"), Some("2024-03-07")),
                document("b", Some("صحيفة ب"), Some("2024-03-08")),
                document("c", Some("قناة ج"), Some("2024-03-09")),
            ],
            vec![
                fact("f1", "a", Some(13), None),
                fact("f2", "b", Some(11), None),
                fact("f3", "c", Some(4), None),
            ],
            vec![
                cluster("c1", Status::Conflict, &["f1", "f2"]),
                cluster("c2", Status::Single, &["f3"]),
            ],
        );
        l.stories = vec![
            isnad_ledger::Story {
                id: "sa".into(),
                title: "انفجار في السوق".into(),
                documents: vec!["a".into(), "b".into()],
                start: Some("2024-03-07".into()),
                end: Some("2024-03-08".into()),
                places: Vec::new(),
                actors: Vec::new(),
                clusters: vec!["c1".into()],
            },
            isnad_ledger::Story {
                id: "sc".into(),
                title: "خبر آخر".into(),
                documents: vec!["c".into()],
                start: None,
                end: None,
                places: Vec::new(),
                actors: Vec::new(),
                clusters: vec!["c2".into()],
            },
        ];
        let page = html(&View::new(&l));
        let at = page
            .find("data-story=\"sa\"")
            .expect("the story of two documents");
        let story = &page[at..page[at..].find("</section>").unwrap() + at];
        assert!(story.contains("انفجار في السوق") && story.contains("2024-03-07 – 2024-03-08"));
        let row = &story[story.find("data-cluster=\"c1\"").unwrap()..];
        let (a, b) = (row.find("<td>13 (").unwrap(), row.find("<td>11 (").unwrap());
        assert!(a < b, "outlets in the story's order, side by side: {row}");
        assert!(story.find("وكالة أ") < story.find("صحيفة ب"));
        assert!(
            !page.contains("data-story=\"sc\""),
            "a story of one document is not shown"
        );
        let text = markdown(&View::new(&l));
        let at = text
            .find("### انفجار في السوق")
            .expect("the story's section");
        let section = &text[at..];
        let head = section
            .lines()
            .find(|l| l.starts_with("| الحدث |"))
            .unwrap();
        assert!(head.find("وكالة أ") < head.find("صحيفة ب"), "{head}");
        let row = section.lines().find(|l| l.contains("13 (")).unwrap();
        assert!(row.find("13 (") < row.find("11 ("), "side by side: {row}");
        assert!(
            !text.contains("### خبر آخر"),
            "a story of one document is not shown"
        );
    }
}
