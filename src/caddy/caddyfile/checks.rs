//! Load-time refusals (`caddy_rejects_config`) and routes that can never
//! run (`generated_route_shadowed`), as located findings.
//!
//! Refusals reproduce what Caddy (with caddy-security) says at `caddy
//! adapt`/provision time: syntax errors, a key-less block that is not
//! first, the same site key in two blocks ("ambiguous site definition",
//! tested on 2.6.2: only identical key text collides), matcher errors (bad
//! CEL, two `path_regexp`, invalid `remote_ip`, a header matcher whose
//! `{$ENV}` is empty…), `authorize with` an undefined policy,
//! `authenticate with` an undefined portal, a portal enabling an undefined
//! identity provider or store, and a portal with transforms but no
//! identity source (go-authcrunch refuses a portal without backends).
//!
//! Unknown directives and global options are plugins as far as this module
//! knows: never reported.

use std::collections::HashMap;

use super::matchers::{MatcherKind, MatcherSet};
use super::parser::Directive;
use super::routes::{HandlerKind, Route, RouteBody};
use super::{Caddyfile, Span};
use crate::caddy::path_match::{PathPattern, PathPatternKind};
use crate::caddy::remote_ip::{IpRange, go_parse_prefix};

/// How bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Caddy refuses the config or auth is bypassed.
    Error,
    /// Likely wrong.
    Warning,
    /// Worth knowing.
    Info,
}

/// What was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// Caddy would refuse to load the file.
    CaddyRejectsConfig,
    /// A route can never run: an earlier route always matches first.
    GeneratedRouteShadowed,
}

impl FindingKind {
    /// The rule name.
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::CaddyRejectsConfig => "caddy_rejects_config",
            FindingKind::GeneratedRouteShadowed => "generated_route_shadowed",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Rule.
    pub kind: FindingKind,
    /// Severity.
    pub severity: Severity,
    /// Explanation.
    pub message: String,
    /// Main location (bytes of the Caddyfile text).
    pub span: Span,
    /// Other relevant locations (e.g. the shadowing route).
    pub related: Vec<Span>,
}

fn reject(message: impl Into<String>, span: Span) -> Finding {
    Finding {
        kind: FindingKind::CaddyRejectsConfig,
        severity: Severity::Error,
        message: message.into(),
        span,
        related: Vec::new(),
    }
}

/// Runs every check.
pub fn check(cf: &Caddyfile) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in &cf.errors {
        out.push(reject(e.message.clone(), e.span.clone()));
    }
    for s in &cf.misplaced_globals {
        out.push(reject(
            "server block without any key is global configuration, and if used, it must be first",
            s.clone(),
        ));
    }
    let auto_https_off = cf
        .global_options()
        .iter()
        .any(|d| d.name() == "auto_https" && d.arg_texts() == ["off"]);
    // Same key text in two blocks.
    let mut seen: HashMap<&str, (usize, Span)> = HashMap::new();
    for (i, site) in cf.sites.iter().enumerate() {
        for a in &site.addresses {
            // A stray brace read as a site key only fails when automatic
            // HTTPS wants a certificate for it [tested 2.6.2].
            if a.text.contains(['{', '}'])
                && !a.text.contains("{$")
                && a.scheme != "http"
                && a.port != "80"
                && !auto_https_off
            {
                out.push(reject(
                    format!("subject does not qualify for certificate: '{}' (a stray brace read as a site address)", a.text),
                    a.token.span.clone(),
                ));
            }
            match seen.get(a.text.as_str()) {
                Some((j, first)) if *j != i => {
                    let mut f = reject(
                        format!("ambiguous site definition: {}", a.text),
                        a.token.span.clone(),
                    );
                    f.related.push(first.clone());
                    out.push(f);
                }
                Some(_) => {}
                None => {
                    seen.insert(a.text.as_str(), (i, a.token.span.clone()));
                }
            }
        }
    }
    for (site, routes) in cf.sites.iter().zip(cf.site_routes()) {
        for e in &routes.errors {
            out.push(reject(e.message.clone(), e.span.clone()));
        }
        shadowed(cf, &routes.routes, &mut out);
        security_refs(cf, &site.directives, &mut out);
    }
    portal_refs(cf, &mut out);
    out.sort_by_key(|f| (f.span.start, f.span.end));
    out.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    out
}

fn security_refs(cf: &Caddyfile, ds: &[Directive], out: &mut Vec<Finding>) {
    for d in ds {
        let a = d.arg_texts();
        // The matcher token, if any, precedes `with`.
        let rest: &[&str] = match a.first() {
            Some(t) if *t == "*" || t.starts_with('/') || t.starts_with('@') => &a[1..],
            _ => &a[..],
        };
        match (d.name(), rest) {
            ("authorize", ["with", name, ..])
                if cf.security.as_ref().and_then(|s| s.policy(name)).is_none() =>
            {
                out.push(reject(
                    format!("authorize with undefined authorization policy '{name}'"),
                    d.span(),
                ));
            }
            ("authenticate", ["with", name, ..])
                if cf.security.as_ref().and_then(|s| s.portal(name)).is_none() =>
            {
                out.push(reject(
                    format!("authenticate with undefined authentication portal '{name}'"),
                    d.span(),
                ));
            }
            ("authorize" | "authenticate", ["with", _, ..]) => {}
            ("authorize" | "authenticate", _) => out.push(reject(
                format!("malformed {} directive: expected 'with NAME'", d.name()),
                d.span(),
            )),
            _ => {}
        }
        security_refs(cf, d.children(), out);
    }
}

fn portal_refs(cf: &Caddyfile, out: &mut Vec<Finding>) {
    let Some(sec) = &cf.security else {
        return;
    };
    for p in &sec.portals {
        for idp in &p.identity_providers {
            if sec.identity_provider(&idp.text).is_none() {
                out.push(reject(
                    format!(
                        "authentication portal '{}' enables undefined identity provider '{}'",
                        p.name.text, idp.text
                    ),
                    idp.span.clone(),
                ));
            }
        }
        for st in &p.identity_stores {
            if sec.identity_store(&st.text).is_none() {
                out.push(reject(
                    format!(
                        "authentication portal '{}' enables undefined identity store '{}'",
                        p.name.text, st.text
                    ),
                    st.span.clone(),
                ));
            }
        }
        if p.identity_providers.is_empty() && p.identity_stores.is_empty() {
            let what = if p.transforms.is_empty() {
                String::new()
            } else {
                " (its transforms belong to a portal that is never set up)".to_string()
            };
            out.push(reject(
                format!(
                    "authentication portal '{}' has no identity providers or stores{what}",
                    p.name.text
                ),
                p.span.clone(),
            ));
        }
    }
    for pol in &sec.policies {
        for src in &pol.auth_sources {
            if let Some(portal) = &src.portal
                && sec.portal(&portal.text).is_none()
            {
                out.push(reject(
                    format!(
                        "authorization policy '{}' uses {} auth of undefined portal '{}'",
                        pol.name.text, src.kind, portal.text
                    ),
                    portal.span.clone(),
                ));
            }
        }
    }
}

/// The route matches every request whatever its state.
pub fn always_matches(r: &Route) -> bool {
    match &r.matcher {
        None => true,
        Some(set) => {
            !set.matchers.is_empty()
                && set.matchers.iter().all(|m| match &m.kind {
                    MatcherKind::Path(p) => p
                        .iter()
                        .any(|p| !p.has_placeholder() && p.matches_every_path()),
                    _ => false,
                })
        }
    }
}

/// Running the route always ends the request (a terminal handler is
/// reached whatever the request).
pub fn always_terminates(r: &Route) -> bool {
    match &r.body {
        RouteBody::Handler(h) => h.kind.is_terminal(),
        RouteBody::Subroute { routes, .. } => list_always_terminates(routes),
    }
}

fn list_always_terminates(routes: &[Route]) -> bool {
    routes.iter().enumerate().any(|(k, r)| {
        let grouped_before = r
            .group
            .is_some_and(|g| routes[..k].iter().any(|x| x.group == Some(g)));
        !grouped_before && always_matches(r) && always_terminates(r)
    })
}

/// Every request `narrow` matches is matched by `wide` (decided on the
/// matchers' text alone; `false` when not provable). Matcher types of
/// `wide` must each be implied by a matcher of `narrow` of the same type:
/// `path` entries by prefix, `remote_ip`/`client_ip` networks by
/// containment, any other type by an identical definition.
pub fn covers(cf: &Caddyfile, wide: Option<&MatcherSet>, narrow: Option<&MatcherSet>) -> bool {
    let Some(wide) = wide else { return true };
    let Some(narrow) = narrow else {
        return always_matches_set(wide);
    };
    if wide.matchers.is_empty() {
        return false;
    }
    wide.matchers.iter().all(|w| {
        matcher_matches_all(w)
            || narrow
                .matchers
                .iter()
                .filter(|n| n.name == w.name)
                .any(|n| matcher_implies(cf, n, w))
    })
}

fn always_matches_set(set: &MatcherSet) -> bool {
    !set.matchers.is_empty() && set.matchers.iter().all(matcher_matches_all)
}

fn matcher_matches_all(m: &super::matchers::Matcher) -> bool {
    match &m.kind {
        MatcherKind::Path(p) => p
            .iter()
            .any(|p| !p.has_placeholder() && p.matches_every_path()),
        _ => false,
    }
}

/// A `path` entry of the narrow matcher is inside an entry of the wide one.
fn path_within(narrow: &PathPattern, wide: &PathPattern) -> bool {
    if narrow.has_placeholder() || wide.has_placeholder() {
        return false;
    }
    if wide.matches_every_path() {
        return true;
    }
    let (n, w) = (
        narrow.pattern().to_lowercase(),
        wide.pattern().to_lowercase(),
    );
    match (narrow.kind(), wide.kind()) {
        (_, PathPatternKind::Prefix(_)) => {
            let base = w.trim_end_matches('*');
            matches!(
                narrow.kind(),
                PathPatternKind::Prefix(_) | PathPatternKind::Exact
            ) && n.starts_with(base)
        }
        _ => n == w,
    }
}

fn matcher_implies(
    cf: &Caddyfile,
    narrow: &super::matchers::Matcher,
    wide: &super::matchers::Matcher,
) -> bool {
    match (&narrow.kind, &wide.kind) {
        (MatcherKind::Path(n), MatcherKind::Path(w)) => {
            !n.is_empty() && n.iter().all(|p| w.iter().any(|q| path_within(p, q)))
        }
        (
            MatcherKind::Ip {
                ranges: n,
                undecidable: false,
                client: nc,
            },
            MatcherKind::Ip {
                ranges: w,
                undecidable: false,
                client: wc,
            },
        ) if nc == wc => {
            let wide_nets: Vec<_> = w.iter().flat_map(IpRange::expand).collect();
            !n.is_empty()
                && n.iter().flat_map(IpRange::expand).all(|net| {
                    let Ok((addr, len)) = go_parse_prefix(&net.canonical()) else {
                        return false;
                    };
                    net.zone().is_none()
                        && wide_nets.iter().any(|wn| {
                            wn.zone().is_none() && wn.prefix_len() <= len && wn.contains(addr)
                        })
                })
        }
        (MatcherKind::Opaque | MatcherKind::Not(_), _) => false,
        _ => {
            let text = |m: &super::matchers::Matcher| -> Vec<String> {
                m.spans
                    .iter()
                    .map(|s| cf.slice(s).split_whitespace().collect::<Vec<_>>().join(" "))
                    .collect()
            };
            text(narrow) == text(wide)
        }
    }
}

fn shadowed(cf: &Caddyfile, routes: &[Route], out: &mut Vec<Finding>) {
    for (j, r) in routes.iter().enumerate() {
        let blocker = routes[..j].iter().find(|i| {
            always_matches(i) && (always_terminates(i) || (i.group.is_some() && i.group == r.group))
        });
        let covering = routes[..j].iter().find(|i| {
            i.matcher.is_some()
                && always_terminates(i)
                && covers(cf, i.matcher.as_ref(), r.matcher.as_ref())
        });
        if blocker.is_none()
            && let Some(b) = covering
        {
            let what = match &b.body {
                RouteBody::Handler(h) => format!("`{}`", h.label),
                RouteBody::Subroute { .. } => format!("`{}` block", b.name),
            };
            out.push(Finding {
                kind: FindingKind::GeneratedRouteShadowed,
                severity: Severity::Warning,
                message: format!(
                    "this {} never runs: every request it matches also matches the earlier {what}, which always answers (in Caddy's sorted order)",
                    r.name
                ),
                span: r.span.clone(),
                related: vec![b.span.clone()],
            });
        }
        if let Some(b) = blocker {
            let what = match &b.body {
                RouteBody::Handler(h) => h.label.clone(),
                RouteBody::Subroute { .. } => format!("{} block", b.name),
            };
            let why = if always_terminates(b) {
                "always matches and always answers"
            } else {
                "always matches and is in the same mutually exclusive group"
            };
            out.push(Finding {
                kind: FindingKind::GeneratedRouteShadowed,
                severity: Severity::Warning,
                message: format!(
                    "this {} never runs: the earlier {what} ({}, in Caddy's sorted order) {why}",
                    r.name, b.name
                ),
                span: r.span.clone(),
                related: vec![b.span.clone()],
            });
        }
        if let RouteBody::Subroute { routes, .. } = &r.body {
            shadowed(cf, routes, out);
        }
        if let RouteBody::Handler(h) = &r.body
            && matches!(h.kind, HandlerKind::Opaque)
        {
            // Unknown handlers are assumed to continue; nothing to report.
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::caddy::caddyfile::{CaddyVersion, ParseOptions, parse_with};

    fn findings(src: &str) -> Vec<Finding> {
        check(&parse_with(
            src,
            &ParseOptions {
                version: CaddyVersion::V2_6_2,
                env: None,
            },
        ))
    }

    fn rejects(src: &str) -> Vec<String> {
        findings(src)
            .into_iter()
            .filter(|f| f.kind == FindingKind::CaddyRejectsConfig)
            .map(|f| f.message)
            .collect()
    }

    const SEC: &str = "{\n\tsecurity {\n\t\toauth identity provider idp {\n\t\t\trealm r\n\t\t}\n\t\tauthentication portal p {\n\t\t\tenable identity provider idp\n\t\t}\n\t\tauthorization policy q {\n\t\t\tallow roles a\n\t\t}\n\t}\n}\n";

    #[test]
    fn clean_generated_file_has_no_findings() {
        let src = format!(
            "{SEC}b.test {{\n\t@caddy_security_b {{\n\t\tpath /caddy-security/* /oauth2/*\n\t}}\n\troute @caddy_security_b {{\n\t\tauthenticate with p\n\t}}\n\troute /* {{\n\t\tauthorize with q\n\t\treverse_proxy 127.0.0.1:1\n\t}}\n}}\n"
        );
        assert_eq!(findings(&src), vec![]);
    }

    #[test]
    fn reference_errors() {
        let src = format!(
            "{SEC}b.test {{\n\troute /* {{\n\t\tauthorize with nope\n\t\treverse_proxy 127.0.0.1:1\n\t}}\n\troute /x {{\n\t\tauthenticate with gone\n\t}}\n}}\n"
        );
        let r = rejects(&src);
        assert!(r.iter().any(|m| m.contains("policy 'nope'")), "{r:?}");
        assert!(r.iter().any(|m| m.contains("portal 'gone'")), "{r:?}");
        let r = rejects(
            "{\n\tsecurity {\n\t\tauthentication portal p {\n\t\t\tenable identity provider x\n\t\t\ttransform user {\n\t\t\t\taction add role r\n\t\t\t}\n\t\t}\n\t\tauthentication portal t {\n\t\t\ttransform user {\n\t\t\t\taction add role r\n\t\t\t}\n\t\t}\n\t}\n}\n",
        );
        assert!(
            r.iter()
                .any(|m| m.contains("undefined identity provider 'x'")),
            "{r:?}"
        );
        assert!(
            r.iter()
                .any(|m| m.contains("'t' has no identity providers")),
            "{r:?}"
        );
    }

    #[test]
    fn load_errors() {
        assert_eq!(
            rejects("a.test {\n}\na.test {\n}\n"),
            ["ambiguous site definition: a.test"]
        );
        assert!(rejects("a.test {\n}\nA.test {\n}\n").is_empty());
        assert_eq!(rejects("a.test {\n\trespond x\n").len(), 1);
        let r = rejects(
            "a.test {\n@b {\n\tpath /api*\n\texpression {regexp(path, \"^/x$\")}\n}\nroute @b {\n\treverse_proxy x\n}\n}\n",
        );
        assert_eq!(r.len(), 1);
        assert!(r[0].contains("CEL"));
        assert_eq!(rejects("a.test {\n}\n{\n\tdebug\n}\n").len(), 1);
        // An empty key-less block is dropped by the parser [tested].
        assert!(rejects("a.test {\n}\n{\n}\n").is_empty());
        assert_eq!(rejects(":80 {\n}\n}\n").len(), 1);
    }

    #[test]
    fn shadowed_routes() {
        let src = format!(
            "{SEC}b.test {{\n\troute /* {{\n\t\tauthorize with q\n\t\treverse_proxy 127.0.0.1:1\n\t}}\n\trespond \"hi\"\n\treverse_proxy /x 127.0.0.1:2\n\thandle /share/* {{\n\t\treverse_proxy 127.0.0.1:3\n\t}}\n}}\n"
        );
        let f: Vec<Finding> = findings(&src)
            .into_iter()
            .filter(|f| f.kind == FindingKind::GeneratedRouteShadowed)
            .collect();
        assert_eq!(f.len(), 2, "{f:?}");
        let cf = parse_with(&src, &ParseOptions::default());
        assert!(cf.slice(&f[0].span).starts_with("respond"));
        assert!(cf.slice(&f[1].span).starts_with("reverse_proxy /x"));
        assert!(cf.slice(&f[0].related[0]).starts_with("route /*"));
    }

    #[test]
    fn narrower_route_after_a_covering_one_is_shadowed() {
        // The static key route (two paths: no sorting) after the bypass.
        let src = "b.test {\n\t@bypass {\n\t\tpath /api*\n\t\tremote_ip 192.168.1.0/24 10.8.0.0/24\n\t}\n\troute @bypass {\n\t\treverse_proxy 127.0.0.1:1\n\t}\n\t@key {\n\t\theader X-Api-Key k\n\t\tpath /api/v3/movie* /api/v3/queue*\n\t\tremote_ip 192.168.1.10/32\n\t}\n\troute @key {\n\t\treverse_proxy 127.0.0.1:2\n\t}\n}\n";
        let f = findings(src);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FindingKind::GeneratedRouteShadowed);
        // One path each: Caddy sorts the longer first, nothing shadowed.
        let src = src.replace("/api/v3/movie* /api/v3/queue*", "/api/v1/indexerstats*");
        assert!(findings(&src).is_empty());
        // A network outside the bypass's: not covered.
        let src = "b.test {\n\t@bypass {\n\t\tpath /api*\n\t\tremote_ip 192.168.1.0/24\n\t}\n\troute @bypass {\n\t\treverse_proxy 127.0.0.1:1\n\t}\n\t@key {\n\t\tpath /api/a* /api/b*\n\t\tremote_ip 10.0.0.1\n\t}\n\troute @key {\n\t\treverse_proxy 127.0.0.1:2\n\t}\n}\n";
        assert!(findings(src).is_empty());
    }

    #[test]
    fn catch_all_handle_shadows_later_handle_only_when_first() {
        let f = findings(
            "a.test {\n\thandle {\n\t\theader X y\n\t}\n\troute {\n\t\thandle {\n\t\t\trespond a\n\t\t}\n\t\trespond b\n\t}\n}\n",
        );
        assert_eq!(f.len(), 1, "{f:?}");
    }
}
