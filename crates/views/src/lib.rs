//! What a reader sees of a ledger: the timeline of happenings, per-outlet
//! profiles with the words each outlet uses for the same people, the report
//! (self-contained right-to-left HTML, or Markdown) and the short story
//! `isnad run` prints, and the CSV of facts; and how what documents say is
//! escaped for a terminal, a page or a spreadsheet, and how Arabic counts
//! its nouns.
//!
//! Everything here reads a finished [`Ledger`]; nothing is analysed again,
//! and nothing here reads the store or writes anything but the output asked for.
//!
//! ```
//! let ledger = isnad_ledger::Ledger::default();
//! let view = isnad_views::View::new(&ledger);
//! assert!(isnad_views::timeline(&view).is_empty());
//! assert!(isnad_views::report::html(&view).contains("dir=\"rtl\""));
//! ```
#![deny(missing_docs)]

use std::collections::{BTreeSet, HashMap};

use isnad_ledger::{Cluster, Document, Entity, Fact, Kind, Ledger};

pub mod counted;
pub mod csv;
pub mod escape;
pub mod report;
mod story;
#[cfg(test)]
mod testing;
mod timeline;
mod wording;

pub use story::story;
pub use timeline::{timeline, DatedBy, TimelineEntry};
pub use wording::{outlet_profiles, OutletProfile, Wording};

/// A ledger with the lookups every view needs.
pub struct View<'a> {
    /// The ledger shown.
    pub ledger: &'a Ledger,
    docs: HashMap<&'a str, &'a Document>,
    facts: HashMap<&'a str, &'a Fact>,
    entities: HashMap<&'a str, &'a Entity>,
}

impl<'a> View<'a> {
    /// Indexes a ledger.
    pub fn new(ledger: &'a Ledger) -> View<'a> {
        View {
            ledger,
            docs: ledger
                .documents
                .iter()
                .map(|d| (d.id.as_str(), d))
                .collect(),
            facts: ledger.facts.iter().map(|f| (f.id.as_str(), f)).collect(),
            entities: ledger.entities.iter().map(|e| (e.id.as_str(), e)).collect(),
        }
    }

    /// A document by id.
    pub fn document(&self, id: &str) -> Option<&'a Document> {
        self.docs.get(id).copied()
    }

    /// An entity by id.
    pub fn entity(&self, id: &str) -> Option<&'a Entity> {
        self.entities.get(id).copied()
    }

    /// The member facts of a cluster, in the cluster's order.
    pub fn members(&self, cluster: &Cluster) -> Vec<&'a Fact> {
        cluster
            .facts
            .iter()
            .filter_map(|id| self.facts.get(id.as_str()).copied())
            .collect()
    }

    /// Who published a document: its outlet, else its source name.
    pub fn outlet(&self, doc: &str) -> String {
        self.document(doc)
            .map(outlet_of)
            .unwrap_or_else(|| doc.to_string())
    }

    /// The documents a cluster's facts come from, without repeats.
    pub fn documents_of(&self, cluster: &Cluster) -> BTreeSet<&'a str> {
        self.members(cluster)
            .iter()
            .map(|f| f.doc.as_str())
            .collect()
    }

    /// Where a cluster happened: the name of the first place its facts give.
    pub fn place_of(&self, cluster: &Cluster) -> Option<String> {
        self.members(cluster)
            .iter()
            .filter_map(|f| f.place.as_deref())
            .find_map(|p| self.entity(p))
            .map(|e| e.name.clone())
    }
}

/// The outlet of a document, else its source (file name or URL).
pub fn outlet_of(d: &Document) -> String {
    d.outlet.clone().unwrap_or_else(|| d.source.clone())
}

/// A fact kind as a reader says it, in Arabic.
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Protest => "احتجاج",
        Kind::Riot => "أعمال شغب",
        Kind::Clash => "اشتباكات",
        Kind::Attack => "هجوم",
        Kind::Killed => "قتلى",
        Kind::Injured => "جرحى",
        Kind::Hospitalized => "نقل إلى المستشفيات",
        Kind::Arrested => "اعتقالات",
        Kind::PropertyDamage => "أضرار في الممتلكات",
        Kind::Deployment => "نشر قوات",
        Kind::EmergencyMeasure => "إجراءات طارئة",
        Kind::CommunicationsCut => "قطع الاتصالات",
        Kind::Dismissal => "إقالة أو استقالة",
        Kind::PriceChange => "تغير الأسعار",
        Kind::Casualties => "قتلى وجرحى",
        Kind::Sentenced => "أحكام",
        Kind::Kidnapped => "خطف",
        Kind::Missing => "مفقودون",
        Kind::Displaced => "نزوح",
        Kind::Evacuated => "إجلاء",
    }
}

/// A fact's figure as written with the range it was read as:
/// `«عشرات» (10–99)`, `«8» (8)`; `—` when the fact has no count.
pub fn figure(f: &Fact) -> String {
    let Some(c) = &f.count else {
        return "—".into();
    };
    let range = match (c.min, c.max) {
        (Some(a), Some(b)) if a == b => thousands(a),
        (Some(a), Some(b)) => format!("{}–{}", thousands(a), thousands(b)),
        (Some(a), None) => format!("{} فأكثر", thousands(a)),
        (None, Some(b)) => format!("حتى {}", thousands(b)),
        (None, None) => "?".into(),
    };
    let mut s = format!("«{}» ({range})", c.text);
    if c.suspect {
        s.push_str(" ⚠ رقم مشكوك فيه");
    }
    s
}

/// A number with thousands separators: `100,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A ledger date for a reader: `2022-01-05` as is; `--01-05` (year not
/// stated) as `01-05 (السنة غير مذكورة)`.
pub fn date_label(date: &str) -> String {
    match date.strip_prefix("--") {
        Some(md) => format!("{md} (السنة غير مذكورة)"),
        None => date.to_string(),
    }
}

/// Who a fact is attributed to, outermost source first, joined the way an
/// isnad is read ("A عن B": A on the authority of B); `صوت المقال` (the
/// article's own voice) when unattributed. Hedged and denied claims say so.
pub fn attribution(f: &Fact) -> String {
    let mut s = match f.sources.first() {
        None => "صوت المقال".to_string(),
        Some(src) if src.chain.is_empty() => src.name.clone(),
        Some(src) => src.chain.join(" عن "),
    };
    if f.hedged {
        s.push_str(" (ادعاء)");
    }
    if f.negated {
        s.push_str(" (نفي)");
    }
    s
}
