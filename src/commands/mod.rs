//! One module per subcommand; each returns its exit status.

pub mod access;
pub mod caddyfile;
pub mod check;
pub mod config;
pub mod eval;

/// Exit statuses shared by every command.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FINDINGS: i32 = 1;
    pub const USAGE: i32 = 2;
}

pub mod inventory;
pub mod rules;

pub use crate::pipeline::{Analysis, analyze};
