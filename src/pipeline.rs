//! The whole pipeline in one place: files → syntax → evaluation → model →
//! lints → diagnostics. The command line, the language server and the
//! fixture tests all call it.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::eval::Limits;
use crate::lints::{self, Suppressions};
use crate::model::Model;
use crate::workspace::{HostResult, HostSpec, Workspace};

/// A repository read and evaluated: the workspace, its hosts, and the
/// syntax errors of its files.
pub struct Analysis {
    pub ws: Workspace,
    pub hosts: Vec<HostResult>,
    pub syntax: Vec<Diagnostic>,
    pub files: Vec<PathBuf>,
}

impl Analysis {
    pub fn model(&self) -> Model {
        Model {
            hosts: self.hosts.iter().map(|h| h.host.clone()).collect(),
        }
    }
}

/// Reads and evaluates the repository holding `paths` (default `.`).
pub fn analyze(
    paths: &[PathBuf],
    config: Option<&Path>,
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
    lints::validate_config(&ws.config)?;
    let specs = ws.discover_hosts(&paths);
    Ok(analyze_hosts(ws, &specs))
}

/// Evaluates the given hosts of a workspace.
pub fn analyze_hosts(ws: Workspace, specs: &[HostSpec]) -> Analysis {
    let files = ws.nix_files();
    ws.preload(&files);
    let syntax = ws.syntax_diagnostics(&files);
    let hosts = ws.evaluate(specs);
    Analysis {
        ws,
        hosts,
        syntax,
        files,
    }
}

/// All findings: syntax errors, evaluation errors, rule findings, with
/// suppressions applied; sorted. `only` restricts the rules that run.
pub fn diagnostics(analysis: &Analysis, only: Option<&str>) -> Vec<Diagnostic> {
    let suppressions = Suppressions::collect(&analysis.ws.db);
    diagnostics_with(analysis, only, &suppressions)
}

/// [`diagnostics`] with the suppression comments already read (an editor
/// session reads each file's comments once per text).
pub fn diagnostics_with(
    analysis: &Analysis,
    only: Option<&str>,
    suppressions: &Suppressions,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = analysis.syntax.clone();
    for h in &analysis.hosts {
        for e in &h.host.errors {
            // A syntax error is already reported for its file.
            if e.rule == "syntax_error" && out.iter().any(|x| x.span == e.span) {
                continue;
            }
            let mut e = e.clone();
            e.hosts.push(h.host.name.clone());
            out.push(e);
        }
    }
    let model = analysis.model();
    let db = &analysis.ws.db;
    out.extend(lints::run(&model, db, &analysis.ws.config, only, &|d| {
        suppressions.covers(db, d)
    }));
    let mut out = suppressions.filter(&analysis.ws.db, lints::merge_duplicates(out));
    if only.is_none_or(|o| o == "invalid_suppression")
        && lints::effective_severity(
            lints::rule("invalid_suppression").expect("registered"),
            &analysis.ws.config,
        )
        .is_some()
    {
        out.extend(suppressions.invalid());
    }
    lints::sort(&mut out, &analysis.ws.db);
    out
}

/// A workspace rooted exactly at `root` (for fixtures and editors that
/// know their root).
pub fn workspace_at(root: &Path, config: Option<Config>, limits: Limits) -> Workspace {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let config = config.unwrap_or_else(|| Config::load(&root, None).unwrap_or_default());
    Workspace::with_root(root, config, limits)
}
