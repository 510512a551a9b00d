//! `pocketlint access URL [--from IP] [--groups G1,G2] [--anonymous]
//! [--api-key NAME] [--header NAME=VALUE] [--format human|json] [PATH]...`
//! and `pocketlint access --matrix HOSTNAME [PATH]...`: simulate requests
//! (see [`crate::access`]) and print the decision with its reasons.
//!
//! Exit status: 0 when a decision is printed (whatever it is), 1 when no
//! site serves the name, 2 for usage errors.

use std::fmt::Write as _;
use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;

use serde_json::{Value as J, json};

use crate::access::matrix::{Matrix, matrix};
use crate::access::{
    AccessError, Answer, Basis, Identity, Query, Report, Step, World, simulate_in,
};
use crate::caddy::caddyfile::CaddyVersion;
use crate::eval::Limits;
use crate::files::{SourceDb, Span};
use crate::model::Schema;

use super::exit;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// What to simulate.
#[derive(Debug, Clone)]
pub enum Target {
    Url(String),
    Matrix(String),
}

#[derive(Debug, Clone)]
pub struct AccessArgs {
    pub target: Target,
    pub from: Option<IpAddr>,
    pub groups: Option<Vec<String>>,
    pub anonymous: bool,
    pub api_key: Option<String>,
    /// `NAME=VALUE`.
    pub headers: Vec<String>,
    pub format: Format,
    pub paths: Vec<PathBuf>,
    pub config: Option<PathBuf>,
    pub limits: Limits,
}

pub const VERSION: u64 = 1;

/// The query the flags describe, or a usage error.
pub fn query(args: &AccessArgs, url: &str) -> Result<Query, String> {
    let mut q = Query::new(url);
    q.from = args.from;
    q.api_key.clone_from(&args.api_key);
    match (&args.groups, args.anonymous) {
        (Some(_), true) => return Err("--groups and --anonymous exclude each other".to_string()),
        (Some(g), false) => {
            let groups: Vec<String> = g
                .iter()
                .flat_map(|x| x.split(','))
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect();
            if groups.is_empty() {
                return Err("--groups needs at least one group name".to_string());
            }
            q.identity = Identity::Groups(groups);
        }
        (None, _) => q.identity = Identity::Anonymous,
    }
    for h in &args.headers {
        let Some((k, v)) = h.split_once('=') else {
            return Err(format!("--header `{h}`: expected NAME=VALUE"));
        };
        if k.trim().is_empty() {
            return Err(format!("--header `{h}`: the header name is empty"));
        }
        q.headers.push((k.trim().to_string(), v.to_string()));
    }
    Ok(q)
}

pub fn run(args: &AccessArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let analysis = match super::analyze(&args.paths, args.config.as_deref(), args.limits) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return exit::USAGE;
        }
    };
    let model = analysis.model();
    let db = &analysis.ws.db;
    let world = World::new(&model, db, CaddyVersion::default());
    match &args.target {
        Target::Url(url) => {
            let q = match query(args, url) {
                Ok(q) => q,
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    return exit::USAGE;
                }
            };
            match simulate_in(&world, &q) {
                Ok(report) => {
                    match args.format {
                        Format::Json => {
                            let doc = report_json(db, &report);
                            let _ = writeln!(
                                out,
                                "{}",
                                serde_json::to_string_pretty(&doc).unwrap_or_default()
                            );
                        }
                        Format::Human => {
                            let _ = write_report(db, &report, out);
                        }
                    }
                    exit::OK
                }
                Err(e) => error_exit(&e, err),
            }
        }
        Target::Matrix(name) => {
            if args.groups.is_some()
                || args.anonymous
                || args.api_key.is_some()
                || args.from.is_some()
            {
                let _ = writeln!(
                    err,
                    "error: --matrix chooses the clients itself; --from, --groups, --anonymous and --api-key do not apply"
                );
                return exit::USAGE;
            }
            match matrix(&world, name) {
                Ok(m) => {
                    match args.format {
                        Format::Json => {
                            let doc = matrix_json(&m);
                            let _ = writeln!(
                                out,
                                "{}",
                                serde_json::to_string_pretty(&doc).unwrap_or_default()
                            );
                        }
                        Format::Human => {
                            let _ = write_matrix(&m, out);
                        }
                    }
                    exit::OK
                }
                Err(e) => error_exit(&e, err),
            }
        }
    }
}

fn error_exit(e: &AccessError, err: &mut dyn Write) -> i32 {
    let _ = writeln!(err, "error: {e}");
    match e {
        AccessError::NoSite { .. } => exit::FINDINGS,
        _ => exit::USAGE,
    }
}

/// `file:line` of a Nix span, relative to the repository (`None` for
/// synthetic spans and files outside it).
pub fn nix_location(db: &SourceDb, span: Span) -> Option<(String, u32)> {
    if span.is_synthetic() {
        return None;
    }
    let f = db.get(span.file)?;
    if f.name.starts_with('/') {
        return None;
    }
    Some((f.name.clone(), f.line_col(span.start).line))
}

fn step_locations(db: &SourceDb, s: &Step) -> Vec<String> {
    let mut out = Vec::new();
    for span in &s.nix {
        if let Some((f, l)) = nix_location(db, *span) {
            let t = format!("{f}:{l}");
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    if let Some(c) = &s.caddyfile {
        out.push(format!("{}:{}", c.file, c.line));
    }
    out
}

fn step_json(db: &SourceDb, s: &Step) -> J {
    let at: Vec<J> = s
        .nix
        .iter()
        .filter_map(|sp| nix_location(db, *sp))
        .map(|(f, l)| json!({"file": f, "line": l}))
        .collect();
    json!({
        "text": s.text,
        "at": at,
        "caddyfile": s.caddyfile.as_ref().map(|c| json!({"file": c.file, "line": c.line})),
    })
}

fn basis_json(a: &Answer) -> J {
    match &a.basis {
        Basis::Caddyfile => json!({"kind": "caddyfile", "source": a.basis_label}),
        Basis::Schema { schema, why } => json!({
            "kind": "schema",
            "schema": match schema { Schema::Documented => "documented", Schema::Extended => "extended" },
            "why": why,
            "source": a.basis_label,
        }),
    }
}

/// The JSON of one answer.
pub fn answer_json(db: &SourceDb, a: &Answer) -> J {
    json!({
        "decision": a.decision.as_str(),
        "status": a.status,
        "host": a.host,
        "site": a.site,
        "from": a.from.to_string(),
        "basis": basis_json(a),
        "handler": a.handler,
        "redirect": a.redirect_to,
        "roles": a.roles.as_ref().map(|r| json!({
            "user": r.user, "wanted": r.wanted, "matched": r.matched, "matchedFrom": r.matched_from,
        })),
        "unknown": a.unknown,
        "reasons": a.steps.iter().map(|s| step_json(db, s)).collect::<Vec<_>>(),
        "warnings": a.warnings.iter().map(|s| step_json(db, s)).collect::<Vec<_>>(),
    })
}

pub fn report_json(db: &SourceDb, r: &Report) -> J {
    let mut doc = json!({"version": VERSION, "url": r.url});
    if let (J::Object(m), J::Object(a)) = (&mut doc, answer_json(db, &r.answer)) {
        m.extend(a);
        m.insert(
            "also".to_string(),
            J::Array(r.also.iter().map(|x| answer_json(db, x)).collect()),
        );
    }
    doc
}

fn detail(a: &Answer) -> String {
    use crate::access::Decision as D;
    match a.decision {
        D::Bypass | D::Unprotected | D::ServedByExtraConfig => {
            a.handler.as_ref().map_or_else(String::new, |h| {
                format!(": `{h}` answers without authentication")
            })
        }
        D::Authenticate => ": the portal answers".to_string(),
        D::Redirect => a
            .redirect_to
            .as_ref()
            .map_or_else(String::new, |t| format!(" (302) to {t}")),
        D::Allow => a.roles.as_ref().map_or_else(String::new, |r| {
            format!(
                ": role `{}` ({})",
                r.matched.as_deref().unwrap_or("?"),
                r.matched_from.as_deref().unwrap_or("?").replace('_', " ")
            )
        }),
        D::Deny => a.roles.as_ref().map_or_else(
            || a.status.map_or_else(String::new, |s| format!(" ({s})")),
            |r| {
                format!(
                    " (403): the user's roles {} include none of {}",
                    short_list(&r.user),
                    short_list(&r.wanted)
                )
            },
        ),
        D::Unknown => a
            .unknown
            .as_ref()
            .map_or_else(String::new, |u| format!(": {u}")),
    }
}

fn short_list(v: &[String]) -> String {
    format!("[{}]", v.join(", "))
}

fn write_answer(db: &SourceDb, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "decision: {}{}", a.decision.as_str(), detail(a))?;
    let basis = match &a.basis {
        Basis::Caddyfile => "its generated Caddyfile".to_string(),
        Basis::Schema { .. } => {
            "the schema's semantics (the deployed Caddyfile is not known)".to_string()
        }
    };
    writeln!(
        out,
        "site: {} on host {} (decided from {basis})",
        a.site, a.host
    )?;
    writeln!(out, "reasons:")?;
    for (i, s) in a.steps.iter().enumerate() {
        writeln!(out, "  {:>2}. {}", i + 1, s.text)?;
        let locs = step_locations(db, s);
        if !locs.is_empty() {
            writeln!(out, "      at {}", locs.join(", "))?;
        }
    }
    if !a.warnings.is_empty() {
        writeln!(out, "warnings:")?;
        for s in &a.warnings {
            writeln!(out, "  - {}", s.text)?;
            let locs = step_locations(db, s);
            if !locs.is_empty() {
                writeln!(out, "    at {}", locs.join(", "))?;
            }
        }
    }
    Ok(())
}

pub fn write_report(db: &SourceDb, r: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", r.url)?;
    write_answer(db, &r.answer, out)?;
    for a in &r.also {
        writeln!(out)?;
        writeln!(out, "also served by:")?;
        write_answer(db, a, out)?;
    }
    Ok(())
}

fn cell_text(a: &Answer) -> String {
    use crate::access::Decision as D;
    match a.decision {
        D::Allow => format!(
            "allow ({})",
            a.roles
                .as_ref()
                .and_then(|r| r.matched.clone())
                .unwrap_or_default()
        ),
        D::Deny => format!("deny {}", a.status.unwrap_or(403)),
        d => d.as_str().to_string(),
    }
}

pub fn write_matrix(m: &Matrix, out: &mut dyn Write) -> std::io::Result<()> {
    let Some(first) = m.cells.first().and_then(|r| r.first()) else {
        return Ok(());
    };
    writeln!(
        out,
        "site {} on host {} (decided from {})",
        m.hostname, first.host, first.basis_label
    )?;
    let headers: Vec<String> = m
        .columns
        .iter()
        .map(|c| format!("{} {}, {}", c.from, c.from_label, c.identity_label))
        .collect();
    for (i, h) in headers.iter().enumerate() {
        writeln!(out, "  [{}] from {h}", i + 1)?;
    }
    let path_w = m
        .rows
        .iter()
        .map(|r| r.path.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let texts: Vec<Vec<String>> = m
        .cells
        .iter()
        .map(|row| row.iter().map(cell_text).collect())
        .collect();
    let col_w: Vec<usize> = (0..m.columns.len())
        .map(|c| {
            texts
                .iter()
                .map(|r| r[c].len())
                .max()
                .unwrap_or(0)
                .max(format!("[{}]", c + 1).len())
        })
        .collect();
    let mut header = format!("{:<path_w$}", "path");
    for (c, w) in col_w.iter().enumerate() {
        let _ = write!(header, "  {:<w$}", format!("[{}]", c + 1));
    }
    writeln!(out, "{}", header.trim_end())?;
    for (row, t) in m.rows.iter().zip(&texts) {
        write!(out, "{:<path_w$}", row.path)?;
        for (c, w) in col_w.iter().enumerate() {
            write!(out, "  {:<w$}", t[c])?;
        }
        writeln!(out, "   # {}", row.why)?;
    }
    Ok(())
}

pub fn matrix_json(m: &Matrix) -> J {
    json!({
        "version": VERSION,
        "site": m.hostname,
        "host": m.cells.first().and_then(|r| r.first()).map(|a| a.host.clone()),
        "basis": m.cells.first().and_then(|r| r.first()).map(basis_json),
        "columns": m.columns.iter().map(|c| json!({
            "from": c.from.to_string(),
            "fromLabel": c.from_label,
            "identity": match &c.identity { Identity::Anonymous => J::Null, Identity::Groups(g) => json!(g) },
            "identityLabel": c.identity_label,
        })).collect::<Vec<_>>(),
        "rows": m.rows.iter().zip(&m.cells).map(|(r, cells)| json!({
            "path": r.path,
            "why": r.why,
            "cells": cells.iter().map(|a| json!({
                "decision": a.decision.as_str(),
                "status": a.status,
                "matchedRole": a.roles.as_ref().and_then(|x| x.matched.clone()),
                "unknown": a.unknown,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
