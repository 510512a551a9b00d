//! Turning diagnostics into output for people and tools.

pub mod github;
pub mod json;
pub mod sarif;
pub mod terminal;
