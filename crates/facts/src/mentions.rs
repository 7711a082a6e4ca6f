//! The linked entity mentions a document's facts are read with (the
//! pipeline gives them after linking).

use isnad_text::Span;

/// An entity mention the fact reader may use for places, actors and sources.
#[derive(Clone, Debug)]
pub struct EntitySpan {
    /// Where it is in the document text.
    pub span: Span,
    /// Entity id.
    pub id: String,
    /// `person`, `organization`, `location` or `other`.
    pub kind: String,
}
