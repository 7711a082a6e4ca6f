//! Entities: mentions found in each document, linked across spellings and documents.
//!
//! * [`find_mentions`] — the tagger's names, gazetteer names it missed
//!   (countries, organisations, places after a place word) and nationality
//!   adjectives, each a span of the document text with its proclitics left out;
//! * [`link`] — one [`Entity`] per thing named, with its variants and the
//!   reason for every merge.
#![deny(missing_docs)]

pub mod link;
pub mod mentions;

pub use link::{link, DocMention, Entity};
pub use mentions::{find_mentions, Found, Kind, Mention};
