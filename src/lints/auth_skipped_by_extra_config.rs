use crate::diagnostic::{Diagnostic, Severity};
use crate::files::Span;
use crate::model::{Field, Host, Known, Model, Site};

use crate::caddy::caddyfile::routes::{HandlerKind, Route, RouteBody};

use crate::model::generated_routes as generated;
use super::util::{self, CaddyNode};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "auth_skipped_by_extra_config",
    severity: Severity::Warning,
    summary: "a protected site's extraConfig serves requests before the generated authorization",
    doc: include_str!("../../lints/auth_skipped_by_extra_config.md"),
    check: Some(check),
    default_enabled: true,
};

/// Site-level directives Caddy sorts before `route` that, holding a
/// handler which answers from the backend, serve requests themselves.
const PREEMPTING: &[&str] = &["handle", "handle_path"];

/// Handlers that answer with the backend's (or the disk's) content.
const SERVING: &[&str] = &[
    "reverse_proxy",
    "file_server",
    "php_fastcgi",
    "invoke",
    "copy_response",
    "acme_server",
    "metrics",
];

/// Handlers that authenticate on their own: a block with one of these is
/// protected, just differently.
const AUTHENTICATING: &[&str] = &["authorize", "forward_auth", "basic_auth", "basicauth"];

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        for site in protected_sites(host) {
            check_site(cx, host, site);
        }
    }
}

/// The protected sites whose Caddyfile text pocketlint can attribute: each
/// protected virtual host (with its paired service), and, where the
/// repository has no virtual-host layer, each protected service. With the
/// virtual hosts unknown, services do not stand alone (nothing is said).
fn protected_sites(host: &Host) -> Vec<Site<'_>> {
    let no_layer = matches!(host.virtual_hosts.value, Known::Absent);
    host.sites()
        .into_iter()
        .filter(|s| s.protected() == Some(true) && (s.virtual_host().is_some() || no_layer))
        .collect()
}

/// The site's hostName, when known.
fn host_name(site: Site<'_>) -> Option<&str> {
    site.host_name().get().map(String::as_str)
}

/// The policy the site is protected with, when known.
fn policy(site: Site<'_>) -> Option<&str> {
    site.caddy_security().policy.get().map(String::as_str)
}

/// Labels the finding with where the site is protected and names its
/// service (else its virtual host).
fn finish(mut d: Diagnostic, site: Site<'_>) -> Diagnostic {
    if let Some(vh) = site.virtual_host() {
        d = d.label(vh.caddy_security.enable.location(), "the site is protected here");
    } else if let Some(s) = site.service() {
        d = d.label(s.caddy_security.enable.location(), "the site is protected here");
    }
    let owner = site.service().map_or_else(|| site.name(), |s| s.name.as_str());
    d.services.push(owner.to_string());
    d
}

/// Whether running `r` reaches a handler that answers from the backend
/// before any gate (`Some(false)`: a gate first; `None`: neither).
fn serves_first(r: &Route) -> Option<bool> {
    match &r.body {
        RouteBody::Handler(h) if h.kind.is_gate() => Some(false),
        RouteBody::Handler(h) => {
            let name = h.label.split(' ').next().unwrap_or("").to_ascii_lowercase();
            SERVING.contains(&name.as_str()).then_some(true)
        }
        RouteBody::Subroute { routes, .. } => routes.iter().find_map(serves_first),
    }
}

fn has_authorize(r: &Route) -> bool {
    match &r.body {
        RouteBody::Handler(h) => matches!(h.kind, HandlerKind::Authorize { .. }),
        RouteBody::Subroute { routes, .. } => routes.iter().any(has_authorize),
    }
}

/// The generated Caddyfile's verdict, when it is fully known and has the
/// site's `authorize` route: the routes Caddy runs before it that come
/// from the site's extraConfig and serve the backend unauthenticated.
fn from_routes(cx: &mut LintCx<'_>, host: &Host, site: Site<'_>, extra: &[Span]) -> bool {
    let Some(host_name) = host_name(site) else {
        return false;
    };
    let Some((cf, parsed, sr)) = generated::routes_for(host, host_name) else {
        return false;
    };
    let Some(auth) = sr.routes.iter().position(has_authorize) else {
        return false;
    };
    for r in &sr.routes[..auth] {
        let Some(at) = generated::report_span(cf, r.span.clone()) else {
            continue;
        };
        if serves_first(r) != Some(true) || !extra.iter().any(|e| generated::within(at, *e)) {
            continue;
        }
        let line = parsed.slice(&r.span).lines().next().unwrap_or("").trim_end_matches('{').trim();
        // Underline the directive and its matcher, as written.
        let at = match cx.source(at) {
            Some(src) if src.starts_with(line) && !line.is_empty() => crate::files::Span {
                end: at.start + u32::try_from(line.len()).unwrap_or(0),
                ..at
            },
            _ => at,
        };
        let name = format!("`{host_name}`");
        let d = cx
            .diag(
                host,
                at,
                format!(
                    "`{line}` in the extraConfig of protected site {name} runs before the generated `authorize` route (Caddy sorts `{}` before `route`): the requests it matches are served without authentication",
                    r.name
                ),
            )
            .help(match policy(site) {
                Some(p) => format!("if these paths must be public, list them in `caddySecurity.bypassPaths` (with `allowedNetworks`); otherwise add `authorize with {p}` as the first line of the block"),
                None => "if these paths must be public, list them in `caddySecurity.bypassPaths` (with `allowedNetworks`); otherwise add `authorize with <policy>` as the first line of the block".to_string(),
            });
        cx.emit(finish(d, site));
    }
    true
}

fn check_site(cx: &mut LintCx<'_>, host: &Host, site: Site<'_>) {
    let mut extra: Vec<Span> = site
        .service()
        .iter()
        .map(|s| s.extra_config.location())
        .collect();
    if let Some(vh) = site.virtual_host() {
        extra.push(vh.extra_config.location());
    }
    extra.retain(|s| !s.is_synthetic());
    if from_routes(cx, host, site, &extra) {
        return;
    }
    // The rendered NixOS site is what Caddy reads; without one, the
    // virtual host's extraConfig, which the generator appends at site
    // level (SEMANTICS §1.1).
    let rendered = match host_name(site).map(|h| util::site_for(host, h)) {
        Some(Known::Value(s)) => s,
        Some(Known::Unknown(_) | Known::Absent) | None => None,
    };
    let mut candidates: Vec<&Field<String>> = site.service().iter().map(|s| &s.extra_config).collect();
    if let Some(vh) = site.virtual_host() {
        candidates.push(&vh.extra_config);
    }
    let (text, site_span) = match rendered {
        Some(s) => {
            candidates.push(&s.extra_config);
            match &s.extra_config.value {
                Known::Value(t) => (t.as_str(), s.defined_at),
                Known::Unknown(r) => {
                    cx.unresolved(host, "the site's extraConfig", r, s.defined_at);
                    return;
                }
                Known::Absent => return,
            }
        }
        None => match site.virtual_host().map(|v| &v.extra_config) {
            Some(f) => match &f.value {
                Known::Value(t) => (t.as_str(), f.location()),
                Known::Unknown(r) => {
                    cx.unresolved(host, "the virtual host's extraConfig", r, f.location());
                    return;
                }
                Known::Absent => return,
            },
            None => return,
        },
    };
    // Every preempting directive's name contains `handle`: text without
    // it has nothing to report (and most sites' text is long).
    if !text.contains("handle") {
        return;
    }
    let tree = util::caddy_tree(&util::caddy_tokens(text));
    for node in &tree {
        let Some(directive) = node.directive() else {
            continue;
        };
        if !PREEMPTING.contains(&directive) || !serves_unauthenticated(node) {
            continue;
        }
        let (Some(first), Some(last)) = (node.tokens.first(), node.tokens.last()) else {
            continue;
        };
        let line = &text[first.start..last.end];
        let nth = text[..first.start].matches(line).count();
        let Some(span) = locate(cx, &candidates, line, nth).or_else(|| {
            candidates
                .iter()
                .find(|f| f.get().is_some_and(|t| t.contains(line)))
                .map(|f| f.location())
                .filter(|s| !s.is_synthetic())
                .or(Some(site_span))
        }) else {
            continue;
        };
        let name = host_name(site).map_or_else(|| "the site".to_string(), |h| format!("`{h}`"));
        let what = if node.tokens.len() > 1 {
            "the requests it matches are served without authentication"
        } else {
            "every request is served without authentication"
        };
        let help = match policy(site) {
            Some(p) => format!(
                "if these paths must be public, list them in `caddySecurity.bypassPaths` (with `allowedNetworks`); otherwise add `authorize with {p}` as the first line of the block"
            ),
            None => "if these paths must be public, list them in `caddySecurity.bypassPaths` (with `allowedNetworks`); otherwise add `authorize with <policy>` as the first line of the block".to_string(),
        };
        let d = cx
            .diag(
                host,
                span,
                format!(
                    "`{line}` in the extraConfig of protected site {name} runs before the generated `authorize` route (Caddy sorts `{directive}` before `route`): {what}"
                ),
            )
            .help(help);
        cx.emit(finish(d, site));
    }
}

/// Whether a `handle` block answers from the backend without
/// authenticating first. Blocks that only `respond`, `redir`, set headers
/// or rewrite are harmless; unknown plugin directives are given the
/// benefit of the doubt.
fn serves_unauthenticated(node: &CaddyNode) -> bool {
    let inner = node.descendants();
    let has = |set: &[&str]| {
        inner
            .iter()
            .any(|n| n.directive().is_some_and(|d| set.contains(&d)))
    };
    has(SERVING) && !has(AUTHENTICATING)
}

/// The `nth` occurrence of `line` in the source of the first candidate
/// that contains it.
fn locate(cx: &LintCx<'_>, candidates: &[&Field<String>], line: &str, nth: usize) -> Option<Span> {
    for f in candidates {
        let Some(src) = cx.source(f.span) else {
            continue;
        };
        let hits: Vec<usize> = src.match_indices(line).map(|(i, _)| i).collect();
        if let Some(i) = hits.get(nth.min(hits.len().saturating_sub(1))) {
            let start = f.span.start + u32::try_from(*i).ok()?;
            return Some(Span {
                file: f.span.file,
                start,
                end: start + u32::try_from(line.len()).ok()?,
            });
        }
    }
    None
}
