//! One module per subcommand; each returns its exit status.

pub mod config;
pub mod eval;

/// Exit statuses shared by every command.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FINDINGS: i32 = 1;
    pub const USAGE: i32 = 2;
}

pub mod inventory;

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::eval::Limits;
use crate::workspace::{HostResult, Workspace};

/// A repository read and evaluated: the workspace, its hosts, and the
/// syntax errors of its files.
pub struct Analysis {
    pub ws: Workspace,
    pub hosts: Vec<HostResult>,
    pub syntax: Vec<Diagnostic>,
}

/// Files → syntax → evaluation → model, for the given paths.
pub fn analyze(
    paths: &[PathBuf],
    config: Option<&std::path::Path>,
    limits: Limits,
) -> Result<Analysis, String> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    for p in &paths {
        if !p.exists() {
            return Err(format!("`{}` does not exist", p.display()));
        }
    }
    let ws = Workspace::open(&paths[0], config, limits)?;
    let files = ws.nix_files();
    ws.preload(&files);
    let syntax = ws.syntax_diagnostics(&files);
    let specs = ws.discover_hosts(&paths);
    let hosts = ws.evaluate(&specs);
    Ok(Analysis { ws, hosts, syntax })
}
