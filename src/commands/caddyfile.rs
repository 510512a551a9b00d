//! `pocketlint caddyfile HOST [--site NAME] [--provenance] [PATH]`: the
//! Caddyfile a host deploys, as evaluated.

use std::io::Write;
use std::path::PathBuf;

use crate::eval::Limits;
use crate::files::{SourceDb, Span};
use crate::model::{GeneratedCaddyfile, Known};
use crate::pipeline;
use crate::workspace::Workspace;

use super::exit;

pub struct CaddyfileArgs {
    pub host: String,
    pub site: Option<String>,
    pub provenance: bool,
    pub path: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub limits: Limits,
}

pub fn run(args: &CaddyfileArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let start = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if !start.exists() {
        let _ = writeln!(stderr, "error: `{}` does not exist", start.display());
        return exit::USAGE;
    }
    let ws = match Workspace::open(&start, args.config.as_deref(), args.limits) {
        Ok(ws) => ws,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return exit::USAGE;
        }
    };
    let specs = ws.discover_hosts(std::slice::from_ref(&start));
    let Some(spec) = specs.iter().find(|s| s.name == args.host).cloned() else {
        let names: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
        let _ = writeln!(
            stderr,
            "error: no host `{}`; hosts: {}",
            args.host,
            if names.is_empty() {
                "none found".to_string()
            } else {
                names.join(", ")
            }
        );
        return exit::USAGE;
    };
    let analysis = pipeline::analyze_hosts(ws, std::slice::from_ref(&spec));
    let Some(host) = analysis.hosts.first().map(|h| &h.host) else {
        return exit::USAGE;
    };
    for e in &host.errors {
        let _ = writeln!(stderr, "warning: evaluation error: {}", e.message);
    }
    let cf = match &host.caddyfile {
        Known::Value(cf) => cf,
        Known::Absent => {
            let _ = writeln!(
                stderr,
                "error: host `{}` does not enable Caddy (`services.caddy.enable`)",
                host.name
            );
            return exit::FINDINGS;
        }
        Known::Unknown(reason) => {
            let _ = writeln!(stdout, "«unknown: {reason}»");
            return exit::OK;
        }
    };
    let range = if let Some(name) = &args.site {
        if let Some(r) = site_range(cf, name) {
            r
        } else {
            let _ = writeln!(
                stderr,
                "error: the Caddyfile of `{}` has no site `{name}`; sites: {}",
                host.name,
                site_names(cf).join(", ")
            );
            return exit::USAGE;
        }
    } else {
        0..cf.text.len()
    };
    let _ = write!(
        stdout,
        "{}",
        render(cf, range.clone(), args.provenance, &analysis.ws.db)
    );
    let unknowns: Vec<_> = cf
        .unknowns
        .iter()
        .filter(|u| u.range.start < range.end && u.range.end > range.start)
        .collect();
    if !unknowns.is_empty() {
        let _ = writeln!(
            stderr,
            "note: {} part(s) could not be evaluated; rules that read the Caddyfile stay silent for this host",
            unknowns.len()
        );
        for u in unknowns {
            let _ = writeln!(
                stderr,
                "  {} ({}): {}",
                u.what,
                location(&analysis.ws.db, u.span),
                u.reason
            );
        }
    }
    exit::OK
}

/// The block of `name`: a virtual host's attribute name, or a site
/// address's host.
fn site_range(cf: &GeneratedCaddyfile, name: &str) -> Option<std::ops::Range<usize>> {
    if let Some(s) = cf.sites.iter().find(|s| s.name == name) {
        return Some(s.range.clone());
    }
    parsed(cf)
        .sites
        .iter()
        .find(|b| {
            b.addresses
                .iter()
                .any(|a| a.host.eq_ignore_ascii_case(name) || a.text == name)
        })
        .map(|b| {
            // Whole lines.
            let start = cf.text[..b.span.start].rfind('\n').map_or(0, |i| i + 1);
            let end = cf.text[b.span.end..]
                .find('\n')
                .map_or(cf.text.len(), |i| b.span.end + i + 1);
            start..end
        })
}

fn site_names(cf: &GeneratedCaddyfile) -> Vec<String> {
    if !cf.sites.is_empty() {
        return cf.sites.iter().map(|s| s.name.clone()).collect();
    }
    parsed(cf)
        .sites
        .iter()
        .flat_map(|b| b.addresses.iter().map(|a| a.text.clone()))
        .collect()
}

/// The parsed file: the model's parse when the file is fully known, else
/// a parse of the text as it stands.
fn parsed(cf: &GeneratedCaddyfile) -> std::sync::Arc<crate::caddy::caddyfile::Caddyfile> {
    cf.parsed()
        .cloned()
        .unwrap_or_else(|| std::sync::Arc::new(crate::caddy::caddyfile::parse(&cf.text)))
}

fn location(db: &SourceDb, span: Span) -> String {
    if span.is_synthetic() {
        return "NixOS".to_string();
    }
    db.get(span.file)
        .map_or_else(String::new, |f| f.place(span.start))
}

/// The lines of `range`, with a `file:line` gutter when `provenance`.
pub fn render(
    cf: &GeneratedCaddyfile,
    range: std::ops::Range<usize>,
    provenance: bool,
    db: &SourceDb,
) -> String {
    let mut out = String::new();
    let lines: Vec<(String, &str)> = cf
        .lines()
        .filter(|(_, r)| r.start >= range.start && r.end <= range.end.max(r.start))
        .map(|(_, r)| {
            let origin = if r.is_empty() {
                String::new()
            } else {
                cf.origin(r.clone())
                    .map_or_else(|| "NixOS".to_string(), |s| location(db, s))
            };
            (origin, &cf.text[r])
        })
        .collect();
    let width = lines.iter().map(|(o, _)| o.len()).max().unwrap_or(0);
    for (origin, text) in lines {
        if provenance {
            out.push_str(format!("{origin:width$} │ {text}").trim_end());
        } else {
            out.push_str(text);
        }
        out.push('\n');
    }
    out
}
