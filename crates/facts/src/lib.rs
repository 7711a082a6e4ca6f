//! Facts: what happened, how many, where, when, and who said so.
#![deny(missing_docs)]

/// Which extractor read a document's facts: a fingerprint of this crate's
/// code and data and of the text, date and gazetteer layers it uses. Stored
/// facts read by another build are read again.
pub const EXTRACTOR: &str = env!("ISNAD_FACTS_FINGERPRINT");

pub use extract::{extract, extract_doc, EntitySpan, Fact, Source};
pub use numbers::Count;
pub use words::Spellings;

pub mod attribution;
pub mod events;
pub mod extract;
pub mod lexicon;
pub mod mentions;
pub mod numbers;
pub mod places;
pub mod timex;
pub mod words;
