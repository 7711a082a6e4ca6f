//! Paragraph blocks: the unit the cleaner keeps or removes.

use isnad_text::Span;

/// Why a range of the input was dropped from the article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// Reader comments and their headers, names and timestamps.
    Comments,
    /// Menus, breadcrumbs, "back to top", site section headers.
    Navigation,
    /// "Most read", "related articles", "read also" lists.
    RelatedLinks,
    /// Share and social-media buttons.
    ShareBar,
    /// Footers, copyright, newsletter and contact lines.
    Footer,
    /// Advertisements.
    Advertisement,
    /// Opening formulas and page chrome with no news content.
    Boilerplate,
    /// A section or category label above the headline.
    SectionLabel,
    /// A byline or source line (its outlet and author become metadata).
    Byline,
    /// A line that only states the date (it becomes metadata).
    Dateline,
    /// A line repeating an earlier one (a headline printed twice).
    Duplicate,
    /// A lone number (comment or share counters).
    Counter,
    /// Page text outside the element that holds the article.
    OutsideArticle,
}

impl Reason {
    /// The name used in the ledger's `removed[].reason`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::Comments => "comments",
            Reason::Navigation => "navigation",
            Reason::RelatedLinks => "related-links",
            Reason::ShareBar => "share-bar",
            Reason::Footer => "footer",
            Reason::Advertisement => "advertisement",
            Reason::Boilerplate => "boilerplate",
            Reason::SectionLabel => "section-label",
            Reason::Byline => "byline",
            Reason::Dateline => "dateline",
            Reason::Duplicate => "duplicate",
            Reason::Counter => "counter",
            Reason::OutsideArticle => "outside-article",
        }
    }

    /// Every reason, for listings.
    pub const ALL: [Reason; 13] = [
        Reason::Comments,
        Reason::Navigation,
        Reason::RelatedLinks,
        Reason::ShareBar,
        Reason::Footer,
        Reason::Advertisement,
        Reason::Boilerplate,
        Reason::SectionLabel,
        Reason::Byline,
        Reason::Dateline,
        Reason::Duplicate,
        Reason::Counter,
        Reason::OutsideArticle,
    ];

    /// The reason named `s` in the ledger.
    pub fn parse(s: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// One paragraph-like block of a page, before cleaning.
#[derive(Clone, Debug)]
pub struct Block {
    /// The block's text as it will appear in the document (entities decoded,
    /// white space collapsed for HTML; the line itself for plain text).
    pub text: String,
    /// The range of the input the block came from.
    pub src: Span,
    /// Heading level (1–6), 0 when not a heading.
    pub heading: u8,
    /// Share of the block's characters that sit inside links.
    pub link_density: f32,
    /// Furniture the markup around the block reveals.
    pub furniture: Option<Reason>,
    /// Whether the block sits inside the element that holds the article.
    pub in_article: bool,
    /// Whether the markup marks the block as the byline.
    pub byline: bool,
    /// Whether the block came from HTML markup.
    pub markup: bool,
}

impl Block {
    /// A block of plain text: `text` is exactly `src` of the input.
    pub fn plain(text: &str, src: Span, heading: u8) -> Block {
        Block {
            text: text.to_string(),
            src,
            heading,
            link_density: 0.0,
            furniture: None,
            in_article: false,
            byline: false,
            markup: false,
        }
    }
}
