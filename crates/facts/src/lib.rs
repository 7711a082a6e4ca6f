//! Facts: what happened, how many, where, when, and who said so.
#![deny(missing_docs)]

pub use extract::{extract, Count, EntitySpan, Fact, Source};

pub mod attribution;
pub mod events;
pub mod extract;
pub mod numbers;
pub mod timex;
pub mod words;
