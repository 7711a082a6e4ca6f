//! The types every part of the crate shares: what a mention names, how it
//! was found, and the mention itself (alone and with its document).

use isnad_ner::EntityType;
use isnad_text::Span;

/// The type of an entity, as the ledger names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `person`.
    Person,
    /// `organization`.
    Organization,
    /// `location`.
    Location,
    /// `other`.
    Other,
}

impl Kind {
    /// The ledger's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Location => "location",
            Kind::Other => "other",
        }
    }

    /// Reads the ledger's name.
    pub fn parse(s: &str) -> Kind {
        match s {
            "person" => Kind::Person,
            "organization" => Kind::Organization,
            "location" => Kind::Location,
            _ => Kind::Other,
        }
    }

    /// The kind of a tagger's entity type.
    pub(crate) fn of(t: EntityType) -> Kind {
        match t {
            EntityType::Person => Kind::Person,
            EntityType::Location => Kind::Location,
            EntityType::Organization => Kind::Organization,
            EntityType::Misc => Kind::Other,
        }
    }
}

/// How a mention was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Found {
    /// The statistical tagger.
    Tagger,
    /// A gazetteer name (country, organisation, or a place after a place word).
    Gazetteer,
    /// A nationality adjective standing for its country (`الروسية` → Russia).
    Adjective,
    /// A name found elsewhere in the corpus, recurring here untagged.
    Propagated,
}

impl Found {
    /// Name used in the store.
    pub fn as_str(&self) -> &'static str {
        match self {
            Found::Tagger => "tagger",
            Found::Gazetteer => "gazetteer",
            Found::Adjective => "adjective",
            Found::Propagated => "propagated",
        }
    }

    /// Reads the stored name.
    pub fn parse(s: &str) -> Found {
        match s {
            "gazetteer" => Found::Gazetteer,
            "adjective" => Found::Adjective,
            "propagated" => Found::Propagated,
            _ => Found::Tagger,
        }
    }
}

/// One mention of an entity in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Where, in bytes of the document's text (proclitics left out).
    pub span: Span,
    /// Exactly the text at `span`.
    pub text: String,
    /// Its type.
    pub kind: Kind,
    /// How it was found.
    pub found: Found,
    /// The gazetteer entry it names, when one is sure.
    pub gazetteer_id: Option<String>,
}

/// A mention together with the document it is in.
#[derive(Clone, Debug)]
pub struct DocMention {
    /// Document id.
    pub doc: String,
    /// The mention.
    pub mention: Mention,
}
