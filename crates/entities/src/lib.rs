//! Entities: mentions found in each document, linked across spellings and documents.
//!
//! * [`find_mentions`] — the tagger's names, gazetteer names it missed
//!   (countries, organisations, places after a place word) and nationality
//!   adjectives, each a span of the document text with its proclitics left out;
//! * [`link()`] — one [`Entity`] per thing named, with its variants and the
//!   reason for every merge.
#![deny(missing_docs)]

/// Version of the mention finder (tagger model, gazetteers, rules). Stored
/// documents whose mentions an older version found are analysed again.
pub const MENTIONS_VERSION: i64 = 1;

pub mod link;
pub mod mentions;

pub use link::NameIndex;
pub use link::{link, DocMention, Entity};
pub use mentions::{
    find_mentions, find_mentions_in, recurring_names, Found, Kind, Mention, RecurringNames,
};
