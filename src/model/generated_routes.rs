//! Reading a host's generated Caddyfile from rules: the parsed file when it
//! is fully known, its sites and routes, and the Nix source behind a byte
//! range of it.

use std::ops::Range;

use crate::caddy::caddyfile::matchers::{MatcherKind, MatcherSet};
use crate::caddy::caddyfile::routes::{Route, RouteBody, SiteRoutes};
use crate::caddy::caddyfile::{Caddyfile, ServerBlock};
use crate::files::Span;
use crate::model::{GeneratedCaddyfile, Host, Known, OriginKind};

/// A host's Caddyfile, when it is fully known.
pub fn known(host: &Host) -> Option<(&GeneratedCaddyfile, &Caddyfile)> {
    match &host.caddyfile {
        Known::Value(cf) => cf.parsed().map(|p| (&**cf, &**p)),
        _ => None,
    }
}

/// Why a host's Caddyfile cannot be read, with where, for `unresolved`.
pub fn unknown_reason(host: &Host) -> Option<(String, Span)> {
    match &host.caddyfile {
        Known::Value(cf) => cf
            .unknowns
            .first()
            .map(|u| (format!("{}: {}", u.what, u.reason), u.span)),
        Known::Unknown(r) => Some((r.clone(), Span::SYNTHETIC)),
        Known::Absent => None,
    }
}

/// The one site block whose address has `host_name` (`None` when there is
/// none, or several: Caddy refuses those, and another rule says so).
pub fn site_for<'c>(parsed: &'c Caddyfile, host_name: &str) -> Option<&'c ServerBlock> {
    let mut found = parsed.sites.iter().filter(|s| {
        s.addresses
            .iter()
            .any(|a| a.host.eq_ignore_ascii_case(host_name))
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The routes of a host's site for `host_name`, when the file is known.
pub fn routes_for<'h>(
    host: &'h Host,
    host_name: &str,
) -> Option<(&'h GeneratedCaddyfile, &'h Caddyfile, &'h SiteRoutes)> {
    let (cf, parsed) = known(host)?;
    let site = site_for(parsed, host_name)?;
    let i = parsed.sites.iter().position(|s| std::ptr::eq(s, site))?;
    Some((cf, parsed, &parsed.site_routes()[i]))
}

/// Every route, nested ones included, in execution order.
pub fn all_routes(routes: &[Route]) -> Vec<&Route> {
    let mut out = Vec::new();
    for r in routes {
        out.push(r);
        if let RouteBody::Subroute { routes, .. } = &r.body {
            out.extend(all_routes(routes));
        }
    }
    out
}

/// Whether `inner` lies within `outer`.
pub fn within(inner: Span, outer: Span) -> bool {
    !inner.is_synthetic()
        && inner.file == outer.file
        && inner.start >= outer.start
        && inner.end <= outer.end
}

/// Whether two spans share bytes (or are both empty at one place).
pub fn overlaps(a: Span, b: Span) -> bool {
    !a.is_synthetic() && a.file == b.file && (a.start < b.end && b.start < a.end || a == b)
}

/// All Nix spans behind `range` (values and templates).
pub fn spans_in(cf: &GeneratedCaddyfile, range: Range<usize>) -> Vec<Span> {
    let mut out = Vec::new();
    for o in cf.origins(range) {
        if !o.span.is_synthetic() && o.kind != OriginKind::Unknown && !out.contains(&o.span) {
            out.push(o.span);
        }
    }
    out
}

/// The first template span behind `range` that is not `except`: where the
/// generator writes the line.
pub fn template_in(cf: &GeneratedCaddyfile, range: Range<usize>, except: Span) -> Option<Span> {
    cf.origins(range)
        .find(|o| o.kind == OriginKind::Template && !o.span.is_synthetic() && o.span != except)
        .map(|o| o.span)
}

/// The first line of `range`, trimmed, for messages.
pub fn first_line(cf: &GeneratedCaddyfile, range: &Range<usize>) -> (usize, String) {
    let (n, text) = cf.line_at(range.start);
    (n, text.trim().to_string())
}

/// Where to report something about bytes `range`: the Nix source that
/// produced them (preferring a value the configuration wrote), else the
/// virtual host whose block holds them, else the file's definition.
pub fn report_span(cf: &GeneratedCaddyfile, range: Range<usize>) -> Option<Span> {
    // A value written in the configuration, in the range or else on its
    // line (an error located at a template's closing brace is about the
    // value pasted before it), wins over the template.
    cf.value_origin(range.clone())
        .or_else(|| cf.value_origin(cf.line_range(range.start)))
        .or_else(|| cf.origin(range.clone()))
        .or_else(|| cf.site_at(range.start).map(|s| s.defined_at))
        .or(match cf.source {
            crate::model::CaddyfileSource::ConfigFile { span } => Some(span),
            crate::model::CaddyfileSource::Assembled => None,
        })
        .filter(|s| !s.is_synthetic())
}

/// The matcher sets of a site's routes (nested routes and `not` sets
/// included), in execution order.
pub fn matcher_sets(sr: &SiteRoutes) -> Vec<&MatcherSet> {
    fn add<'s>(set: &'s MatcherSet, out: &mut Vec<&'s MatcherSet>) {
        out.push(set);
        for m in &set.matchers {
            if let MatcherKind::Not(sets) = &m.kind {
                for s in sets {
                    add(s, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    for r in all_routes(&sr.routes) {
        if let Some(m) = &r.matcher {
            add(m, &mut out);
        }
    }
    out
}

/// Whether the Caddyfile lines `lines` were produced (in part) from one of
/// `items` (the spans of configuration values).
pub fn made_from(cf: &GeneratedCaddyfile, lines: &[Range<usize>], items: &[Span]) -> bool {
    lines.iter().any(|l| {
        spans_in(cf, l.clone())
            .iter()
            .any(|s| items.iter().any(|i| overlaps(*s, *i) || within(*s, *i)))
    })
}
