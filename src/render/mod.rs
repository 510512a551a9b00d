//! Turning diagnostics into output for people and tools.

pub mod terminal;
