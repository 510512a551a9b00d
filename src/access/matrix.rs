//! `pocketlint access --matrix HOSTNAME`: one site's whole exposure — its
//! bypass paths and regexes (and anything else that answers before
//! `authorize`) × from inside each `remote_ip` network and from outside ×
//! anonymous and one user per allowed role.

use std::net::IpAddr;

use crate::caddy::caddyfile::matchers::{MatcherKind, MatcherSet};
use crate::caddy::caddyfile::routes::{HandlerKind, Route, RouteBody};
use crate::caddy::remote_ip::parse_ip_token;

use super::samples::{inside, outside, path_for_regex, surprising_path_for_regex};
use super::walk::model_site;
use super::{AccessError, Answer, Identity, Query, World, parse_url, simulate_in};

/// One request path of the matrix and why it is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub path: String,
    pub why: String,
}

/// One client: where from, who.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub from: IpAddr,
    pub from_label: String,
    pub identity: Identity,
    pub identity_label: String,
}

/// The matrix of one site.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub hostname: String,
    pub rows: Vec<Row>,
    pub columns: Vec<Column>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Answer>>,
}

fn push_row(rows: &mut Vec<Row>, path: String, why: String) {
    if !rows.iter().any(|r| r.path == path) {
        rows.push(Row { path, why });
    }
}

/// A request path a `path` pattern matches (`/api*` → `/api`, `/api/*` →
/// `/api/x`).
fn path_for_pattern(p: &str) -> Option<String> {
    if !p.starts_with('/') {
        return None;
    }
    let base = p.trim_end_matches('*');
    if base.contains('*') {
        return None;
    }
    Some(if base.ends_with('/') {
        format!("{base}x")
    } else {
        base.to_string()
    })
}

/// Paths of the matchers of routes that answer without `authorize`.
fn route_rows(routes: &[Route], rows: &mut Vec<Row>, ips: &mut Vec<String>) {
    for r in routes {
        collect_ips(r.matcher.as_ref(), ips);
        if runs_authorize(r) {
            continue;
        }
        let Some(set) = &r.matcher else { continue };
        let label = route_label(&r.name, set);
        for m in &set.matchers {
            match &m.kind {
                MatcherKind::Path(pats) => {
                    for p in pats {
                        if let Some(path) = path_for_pattern(p.pattern()) {
                            push_row(
                                rows,
                                path,
                                format!("route `{}` matches `path {}`", label, p.pattern()),
                            );
                        }
                    }
                }
                MatcherKind::PathRegexp { pattern, .. } => {
                    if let Some(path) = path_for_regex(pattern) {
                        push_row(
                            rows,
                            path,
                            format!("`{label}` matches `path_regexp {pattern}`"),
                        );
                    }
                }
                // A matcher Caddy cannot compile matches nothing: no row.
                MatcherKind::Expression {
                    program: Some(program),
                    ..
                } => {
                    for re in program.ast.string_literals() {
                        if let Some(path) = path_for_regex(re) {
                            push_row(rows, path, format!("`{label}` has regex `{re}`"));
                        }
                    }
                }
                _ => {}
            }
        }
        if let RouteBody::Subroute { routes, .. } = &r.body {
            route_rows(routes, rows, ips);
        }
    }
}

/// `route @name` or `handle /status/*`.
fn route_label(directive: &str, set: &MatcherSet) -> String {
    let m = set.name.clone().unwrap_or_else(|| {
        set.matchers
            .iter()
            .find_map(|m| match &m.kind {
                MatcherKind::Path(p) => p.first().map(|p| p.pattern().to_string()),
                _ => None,
            })
            .unwrap_or_default()
    });
    format!("{directive} {m}")
}

fn runs_authorize(r: &Route) -> bool {
    match &r.body {
        RouteBody::Handler(h) => matches!(h.kind, HandlerKind::Authorize { .. }),
        RouteBody::Subroute { routes, .. } => routes.iter().any(runs_authorize),
    }
}

fn collect_ips(set: Option<&MatcherSet>, ips: &mut Vec<String>) {
    let Some(set) = set else { return };
    for m in &set.matchers {
        if let MatcherKind::Ip {
            ranges,
            client: false,
            ..
        } = &m.kind
        {
            for r in ranges {
                if !ips.iter().any(|x| x == r.token()) {
                    ips.push(r.token().to_string());
                }
            }
        }
    }
}

fn authorize_policies(routes: &[Route], out: &mut Vec<String>) {
    for r in routes {
        match &r.body {
            RouteBody::Handler(h) => {
                if let HandlerKind::Authorize { policy } = &h.kind
                    && !out.contains(policy)
                {
                    out.push(policy.clone());
                }
            }
            RouteBody::Subroute { routes, .. } => authorize_policies(routes, out),
        }
    }
}

/// Builds the matrix of the site serving `hostname`.
pub fn matrix(world: &World<'_>, hostname: &str) -> Result<Matrix, AccessError> {
    let url = parse_url(hostname)?;
    let found = world.sites_for(&url.hostname);
    let Some(&(hi, si)) = found.first() else {
        return Err(AccessError::NoSite {
            name: url.hostname.clone(),
            note: None,
        });
    };
    let (host, src) = &world.hosts[hi];
    let r = &src.variants()[0];
    let routes = &r.sites()[si].routes;
    let mut rows = vec![Row {
        path: "/".to_string(),
        why: "the site's root, for contrast".to_string(),
    }];
    let mut ips = Vec::new();
    if let Some(site) = model_site(host, &url.hostname) {
        let cs = site.caddy_security();
        for (v, _) in crate::lints::util::known_items(&cs.bypass_paths) {
            let p = if v.starts_with('/') {
                v.to_string()
            } else {
                format!("/{v}")
            };
            push_row(&mut rows, p.clone(), format!("bypassPaths `{v}`"));
            if !v.is_empty() && !v.ends_with('/') {
                push_row(
                    &mut rows,
                    format!("{p}/x"),
                    format!("under bypassPaths `{v}`"),
                );
                push_row(
                    &mut rows,
                    format!("{p}foo"),
                    format!("a sibling of bypassPaths `{v}`"),
                );
            }
        }
        for (v, _) in crate::lints::util::known_items(&cs.bypass_resources) {
            if let Some(p) = path_for_regex(v) {
                push_row(&mut rows, p, format!("bypassResources `{v}`"));
            }
            if let Some(p) = surprising_path_for_regex(v) {
                push_row(
                    &mut rows,
                    p,
                    format!("bypassResources `{v}` matched anywhere (unanchored)"),
                );
            }
        }
        if let Some(keys) = cs.static_api_keys.get() {
            for k in keys {
                for (v, _) in crate::lints::util::known_items(&k.paths) {
                    push_row(
                        &mut rows,
                        v.to_string(),
                        format!(
                            "static API key `{}`",
                            k.name.get().map_or("?", String::as_str)
                        ),
                    );
                }
            }
        }
    }
    route_rows(routes, &mut rows, &mut ips);
    let ranges: Vec<_> = ips.iter().filter_map(|t| parse_ip_token(t).ok()).collect();
    let mut froms: Vec<(IpAddr, String)> = Vec::new();
    for t in ips.iter().take(4) {
        if let Some(ip) = inside(t)
            && !froms.iter().any(|(x, _)| *x == ip)
        {
            froms.push((ip, format!("inside `{t}`")));
        }
    }
    froms.push((outside(&ranges), "outside every network".to_string()));
    let mut policies = Vec::new();
    authorize_policies(routes, &mut policies);
    let mut identities = vec![(Identity::Anonymous, "anonymous".to_string())];
    if let Some(sec) = &r.cf.security {
        for p in &policies {
            let Some(policy) = sec.policy(p) else {
                continue;
            };
            for role in &policy.allow_roles {
                let role = role.text.clone();
                let group = group_for_role(sec, &role);
                let label = if group == role {
                    format!("group `{group}`")
                } else {
                    format!("group `{group}` (→ role `{role}`)")
                };
                let id = Identity::Groups(vec![group]);
                if !identities.iter().any(|(x, _)| *x == id) {
                    identities.push((id, label));
                }
            }
        }
    }
    let mut columns = Vec::new();
    for (ip, fl) in &froms {
        for (id, il) in &identities {
            columns.push(Column {
                from: *ip,
                from_label: fl.clone(),
                identity: id.clone(),
                identity_label: il.clone(),
            });
        }
    }
    let mut cells = Vec::new();
    for row in &rows {
        let mut line = Vec::new();
        for c in &columns {
            let mut q = Query::new(&format!("{}://{}{}", url.scheme, url.authority, row.path));
            q.from = Some(c.from);
            q.identity = c.identity.clone();
            let report = simulate_in(world, &q)?;
            line.push(report.answer);
        }
        cells.push(line);
    }
    Ok(Matrix {
        hostname: url.hostname,
        rows,
        columns,
        cells,
    })
}

/// A Pocket ID group that gives `role`: one a transform maps to it, else
/// a group named like the role.
fn group_for_role(sec: &crate::caddy::caddyfile::security::Security, role: &str) -> String {
    for p in &sec.portals {
        for t in &p.transforms {
            if !t
                .actions
                .iter()
                .any(|a| a.add_roles.iter().any(|r| r.text == role))
            {
                continue;
            }
            if let Some(m) = t.matches.iter().find(|m| {
                matches!(m.field.text.as_str(), "groups" | "group" | "roles" | "role")
                    && m.values.len() == 1
            }) {
                return m.values[0].text.clone();
            }
        }
    }
    role.to_string()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::caddy::caddyfile::CaddyVersion;
    use crate::fixture_tests::copy_dir;

    /// A route of the user's `extraConfig` that answers before `authorize`
    /// through an `expression` matcher gets a row built from the regex as
    /// CEL decodes it (`'\\.ics$'` is the regex `\.ics$`).
    #[test]
    fn expression_regexes_give_rows() {
        let work = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/access/extraconfig-origins"),
            work.path(),
        );
        let host = work.path().join("hosts/web/default.nix");
        let text = std::fs::read_to_string(&host).unwrap();
        let with_ics = text.replacen(
            "      handle /share/* {",
            "      @ics expression path_regexp('\\\\.ics$')\n      handle @ics {\n        respond \"calendar\"\n      }\n      handle /share/* {",
            1,
        );
        assert_ne!(with_ics, text);
        std::fs::write(&host, with_ics).unwrap();
        let analysis = crate::pipeline::analyze(
            &[work.path().to_path_buf()],
            None,
            crate::eval::Limits::default(),
        )
        .unwrap();
        let model = analysis.model();
        let world = super::World::new(&model, &analysis.ws.db, CaddyVersion::default());
        let m = super::matrix(&world, "app.web.test").unwrap();
        let row = m
            .rows
            .iter()
            .find(|r| r.why.contains("has regex"))
            .unwrap_or_else(|| panic!("no regex row: {:?}", m.rows));
        assert!(row.why.ends_with(r"has regex `\.ics$`"), "{}", row.why);
        let decoded = regex::Regex::new(r"\.ics$").unwrap();
        assert!(decoded.is_match(&row.path), "{}", row.path);
    }
}
