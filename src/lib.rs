//! pocketlint: evaluates NixOS modules and lints Pocket ID + caddy-security
//! reverse-proxy configurations.
//!
//! Data flows one way: files → syntax → evaluation → model → lints →
//! diagnostics → renderers.

pub mod access;
pub mod allocator;
pub mod caddy;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod dns;
pub mod eval;
pub mod files;
pub mod lints;
pub mod lsp;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod suppress;
pub mod symbol;
pub mod syntax;
pub mod vfs;
pub mod workspace;

#[cfg(test)]
pub(crate) mod fixture_tests;
#[cfg(test)]
mod oracle_tests;
