//! Entities: mentions found in each document, linked across spellings and documents.
//!
//! * [`find_mentions`] — the tagger's names, gazetteer names it missed
//!   (countries, organisations, places after a place word) and nationality
//!   adjectives, each a span of the document text with its proclitics left out;
//! * [`recurring_names`] — names tagged elsewhere in the corpus that recur
//!   here untagged;
//! * [`link()`] — one [`Entity`] per thing named, with its variants and the
//!   reason for every merge.
//!
//! Modules, each using only those listed before it: [`types`] (what a
//! mention is), [`names`] (how names are compared), then [`mentions`],
//! [`recurring`] and [`link`](mod@link).
#![deny(missing_docs)]

/// Version of the mention finder (tagger model, gazetteers, rules). Stored
/// documents whose mentions an older version found are analysed again.
pub const MENTIONS_VERSION: i64 = 2;

pub mod link;
pub mod mentions;
pub mod names;
pub mod recurring;
pub mod types;

pub use link::{link, Entity};
#[allow(deprecated)]
pub use mentions::find_mentions;
pub use names::{Lexicon, NameIndex};
pub use recurring::{recurring_names, RecurringNames};
pub use types::{DocMention, Found, Kind, Mention};
