//! Facts: what happened, how many, where, when, and who said so.
#![deny(missing_docs)]

pub mod attribution;
pub mod events;
pub mod numbers;
pub mod timex;
pub mod words;
