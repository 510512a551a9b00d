use std::collections::BTreeSet;

use crate::diagnostic::Severity;
use crate::files::Span;
use crate::model::{Field, Host, Known, Model, Schema, Site};

use crate::dns::{self, NameProblem};
use super::util;
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "hostname_mismatch",
    severity: Severity::Error,
    summary: "a hostName or portal host the login cannot work with",
    doc: include_str!("../../lints/hostname_mismatch.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    let served = served_names(model);
    // Pocket ID's names across the repository; `None` when some host's
    // cannot be known (the list would be incomplete).
    let repo_pocket_id: Option<Vec<(String, Span)>> = model
        .hosts
        .iter()
        .map(|h| pocket_id_names(h).ok())
        .collect::<Option<Vec<_>>>()
        .map(|v| v.into_iter().flatten().collect());
    for host in &model.hosts {
        let sites = host.sites();
        let mut done = BTreeSet::new();
        site_names(cx, host, &sites, &mut done);
        if !util::security_on(cx, host) {
            continue;
        }
        match host.security.schema {
            Schema::Documented => {
                documented_portal(
                    cx,
                    host,
                    &sites,
                    served.as_ref(),
                    repo_pocket_id.as_deref(),
                    &mut done,
                );
            }
            Schema::Extended => {
                providers(cx, host, served.as_ref());
                auth_url_scope(cx, host, &sites, &mut done);
            }
        }
    }
}

/// Every host name some site of the repository answers for; `None` when
/// some of them cannot be known.
fn served_names(model: &Model) -> Option<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for host in &model.hosts {
        if host.virtual_hosts.value.is_unknown() {
            return None;
        }
        for site in host.sites() {
            match &site.host_name().value {
                Known::Value(h) => {
                    out.insert(dns::normalize(h));
                }
                Known::Unknown(_) => return None,
                Known::Absent => {}
            }
        }
        match &host.caddy_sites.value {
            Known::Value(caddy_sites) => {
                for s in caddy_sites {
                    out.extend(site_addresses(&s.name));
                    match &s.host_name.value {
                        Known::Value(h) => out.extend(site_addresses(h)),
                        Known::Unknown(_) => return None,
                        Known::Absent => {}
                    }
                    match &s.server_aliases.value {
                        Known::Value(items) => {
                            for item in items {
                                match &item.value {
                                    Known::Value(a) => out.extend(site_addresses(a)),
                                    Known::Unknown(_) => return None,
                                    Known::Absent => {}
                                }
                            }
                        }
                        Known::Unknown(_) => return None,
                        Known::Absent => {}
                    }
                }
            }
            Known::Unknown(_) => return None,
            Known::Absent => {}
        }
    }
    Some(out)
}

/// The host names of a Caddy site address list (`http://a.example.com, b:8443`).
fn site_addresses(addresses: &str) -> Vec<String> {
    addresses
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|a| !a.is_empty())
        .map(|a| {
            let a = a.split_once("://").map_or(a, |(_, rest)| rest);
            let a = a.split('/').next().unwrap_or(a);
            dns::normalize(a)
        })
        .collect()
}

/// The names Pocket ID is served under on a host that runs it: its
/// `domain` and the host of its `publicUrl`. `Err` when a definition of
/// one of them (or of `enable`) cannot be evaluated; an option nobody
/// defines reads as unknown in a namespace pocketlint sees only in part,
/// but then no name can hide there.
fn pocket_id_names(host: &Host) -> Result<Vec<(String, Span)>, (String, Span)> {
    let p = &host.pocketid;
    fn written_unknown<T>(f: &Field<T>) -> Option<(String, Span)> {
        match &f.value {
            Known::Unknown(r) if !f.defined_at.is_synthetic() => Some((r.clone(), f.location())),
            _ => None,
        }
    }
    if let Some(e) = written_unknown(&p.enable) {
        return Err(e);
    }
    if p.enable.get() != Some(&true) {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for f in [&p.domain, &p.public_url] {
        if let Some(e) = written_unknown(f) {
            return Err(e);
        }
        if let Some(v) = f.get() {
            let name = if v.contains("://") {
                dns::url_host(v)
            } else {
                Some(dns::normalize(v))
            };
            if let Some(n) = name.filter(|n| !n.is_empty()) {
                out.push((n, f.location()));
            }
        }
    }
    Ok(out)
}

/// Names that are not DNS names, and names whose domain is a misspelling
/// of the host's.
fn site_names(cx: &mut LintCx<'_>, host: &Host, sites: &[Site<'_>], done: &mut BTreeSet<usize>) {
    for (i, site) in sites.iter().enumerate() {
        if site.enabled() != Some(true) {
            continue;
        }
        let field = site.host_name();
        let name = match &field.value {
            Known::Value(n) => n,
            Known::Unknown(reason) => {
                cx.unresolved(host, "the hostName", reason, field.location());
                continue;
            }
            Known::Absent => continue,
        };
        let at = util::host_name_location(cx, site);
        if let Err(problem) = dns::check_name(name) {
            let d = cx
                .diag(
                    host,
                    at,
                    format!(
                        "hostName {} is not a DNS name: {}",
                        util::shown(name),
                        problem.describe()
                    ),
                )
                .help(bare_name_help(name, &problem));
            cx.emit(util::for_site(d, site));
            done.insert(i);
            continue;
        }
        let Some(domain) = host.domain.get() else {
            continue;
        };
        if let Some(wrong) = dns::misspelled_domain(name, domain) {
            let normalized = dns::normalize(name);
            let prefix = &normalized[..normalized.len() - wrong.len()];
            let right = dns::registrable(domain).map_or_else(String::new, |r| r.join("."));
            let mut d = cx
                .diag(
                    host,
                    at,
                    format!(
                        "hostName `{name}` is not under this host's domain `{domain}`: `{wrong}` looks like a misspelling of it"
                    ),
                )
                .help(format!("did you mean `{prefix}{right}`?"));
            if !host.domain.location().is_synthetic() {
                d = d.label(host.domain.location(), "the host's domain");
            }
            cx.emit(util::for_site(d, site));
            done.insert(i);
        }
    }
}

fn bare_name_help(name: &str, problem: &NameProblem) -> String {
    let bare = name
        .split_once("://")
        .map_or(name, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or("")
        .trim();
    match problem {
        NameProblem::Scheme(_) | NameProblem::Path if !bare.is_empty() => format!(
            "write the bare host name (`{bare}`); Caddy, the portal's redirect rules and the DNS record all expect one"
        ),
        NameProblem::Whitespace => {
            "give each site one host name; list extra names separately".into()
        }
        _ => "write the site's fully qualified host name (`grafana.example.com`)".into(),
    }
}

/// How far the central portal's session cookie reaches.
enum Scope {
    /// `Domain=` this domain: the portal host and every name below it.
    Domain(String, Span),
    /// Host-only: the cookie reaches the portal host alone.
    HostOnly(Span),
}

/// The documented schema's central portal at `portalHost`: it must be
/// Pocket ID's host, no protected app may take its name, and every
/// protected site must be inside the domain its cookie is shared over.
fn documented_portal(
    cx: &mut LintCx<'_>,
    host: &Host,
    sites: &[Site<'_>],
    served: Option<&BTreeSet<String>>,
    repo_pocket_id: Option<&[(String, Span)]>,
    done: &mut BTreeSet<usize>,
) {
    let sec = &host.security;
    let portal = match &sec.portal_host.value {
        Known::Value(p) => p,
        Known::Unknown(reason) => {
            cx.unresolved(host, "the portal host", reason, sec.portal_host.location());
            return;
        }
        Known::Absent => return,
    };
    let portal_at = sec.portal_host.location();
    if let Err(problem) = dns::check_name(portal) {
        let d = cx
            .diag(
                host,
                portal_at,
                format!(
                    "`portalHost` {} is not a DNS name: {}",
                    util::shown(portal),
                    problem.describe()
                ),
            )
            .help(bare_name_help(portal, &problem));
        cx.emit(d);
        return;
    }
    let portal_n = dns::normalize(portal);
    // Which names are Pocket ID's decides both checks below.
    let (local, local_known) = match pocket_id_names(host) {
        Ok(v) => (v, true),
        Err((reason, at)) => {
            cx.unresolved(host, "the name Pocket ID is served under", &reason, at);
            (Vec::new(), false)
        }
    };
    let idp: Vec<(String, Span)> = local.iter().chain(idp_names(host).iter()).cloned().collect();

    // The portal host is Pocket ID's host (the seed's design).
    let candidates: &[(String, Span)] = match (local_known, local.is_empty(), repo_pocket_id) {
        (false, _, _) | (true, true, None) => &[],
        (true, true, Some(repo)) => repo,
        (true, false, _) => &local,
    };
    if !candidates.is_empty() && !candidates.iter().any(|(n, _)| *n == portal_n) {
        let near = candidates.iter().find(|(n, _)| dns::near_miss(n, &portal_n));
        // "Nobody serves it" only counts when the sites are seen at all:
        // Pocket ID's own site must be among them.
        let unserved = served.is_some_and(|s| {
            matches!(host.caddy_sites.value, Known::Value(_))
                && !s.contains(&portal_n)
                && local.iter().any(|(n, _)| s.contains(n))
        });
        if near.is_some() || unserved {
            let (pocket, pocket_at) = near.unwrap_or(&candidates[0]);
            let why = if near.is_some() {
                format!("it looks like a misspelling of `{pocket}`")
            } else {
                format!(
                    "Pocket ID is served at `{pocket}` and no site serves `{portal}`, so every login is sent to a host nobody answers for"
                )
            };
            let mut d = cx
                .diag(
                    host,
                    portal_at,
                    format!("`portalHost` `{portal}` is not Pocket ID's host: {why}"),
                )
                .help(format!(
                    "set `portalHost` to the name Pocket ID is served under: `{pocket}`"
                ));
            if !pocket_at.is_synthetic() {
                d = d.label(*pocket_at, "Pocket ID is served under this name");
            }
            cx.emit(d);
        }
    }

    // A protected app on the portal's own host name.
    for (i, site) in sites.iter().enumerate() {
        if !local_known || done.contains(&i) || site.protected() != Some(true) {
            continue;
        }
        let Some(name) = site.host_name().get() else {
            continue;
        };
        let n = dns::normalize(name);
        if n != portal_n || idp.iter().any(|(x, _)| *x == n) {
            continue;
        }
        let d = cx
            .diag(
                host,
                util::host_name_location(cx, site),
                format!(
                    "protected site `{}` uses `{name}`, the portal's own host name: the portal's login routes end up behind the login they provide",
                    site.name()
                ),
            )
            .help(format!(
                "give `{}` its own hostName; `{portal}` must serve only the portal",
                site.name()
            ))
            .label(portal_at, "the portal host is set here");
        cx.emit(util::for_site(d, site));
        done.insert(i);
    }

    // The domain the session cookie is shared over.
    let scope = match &sec.cookie_domain.value {
        Known::Unknown(reason) => {
            cx.unresolved(host, "the cookie domain", reason, sec.cookie_domain.location());
            return;
        }
        Known::Value(d) if dns::covers(d, portal) => {
            Scope::Domain(dns::normalize(d), sec.cookie_domain.location())
        }
        Known::Value(_) => Scope::HostOnly(sec.cookie_domain.location()),
        Known::Absent => match dns::parent(portal) {
            Some(p) => Scope::Domain(p, portal_at),
            None => return,
        },
    };
    for (i, site) in sites.iter().enumerate() {
        if done.contains(&i) || site.protected() != Some(true) {
            continue;
        }
        let Some(name) = site.host_name().get() else {
            continue;
        };
        let n = dns::normalize(name);
        if n == portal_n {
            continue;
        }
        let (message, help, at) = match &scope {
            Scope::Domain(d, _) if dns::covers(d, &n) => continue,
            Scope::Domain(d, at) => (
                format!(
                    "protected site `{}` (`{name}`) is outside `{d}`, the domain the portal shares its session cookie over: the login at `{portal}` can never complete for it",
                    site.name()
                ),
                format!("serve it under `{d}`, or share the portal's cookie over a domain that covers both"),
                *at,
            ),
            Scope::HostOnly(at) => (
                format!(
                    "protected site `{}` (`{name}`) never receives the portal's session cookie: the cookie domain does not cover the portal host `{portal}`, so the cookie stays host-only and the login can never complete",
                    site.name()
                ),
                format!("set the cookie domain to a parent of `{portal}` that also covers `{name}`"),
                *at,
            ),
        };
        let mut d = cx
            .diag(host, util::host_name_location(cx, site), message)
            .help(help);
        if !at.is_synthetic() {
            d = d.label(
                at,
                if matches!(scope, Scope::HostOnly(_)) {
                    "the cookie domain is set here"
                } else {
                    "the cookie's domain comes from here"
                },
            );
        }
        cx.emit(util::for_site(d, site));
        done.insert(i);
    }
}

/// The hosts of the identity providers' `baseAuthUrl` and `metadataUrl`.
fn idp_names(host: &Host) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    if let Known::Value(providers) = &host.security.identity_providers.value {
        for p in providers {
            for f in [&p.base_auth_url, &p.metadata_url] {
                if let Some(h) = f.get().and_then(|u| dns::url_host(u)) {
                    out.push((h, f.location()));
                }
            }
        }
    }
    out
}

/// Extended schema: an identity provider that does not point at the
/// Pocket ID this host runs.
fn providers(cx: &mut LintCx<'_>, host: &Host, served: Option<&BTreeSet<String>>) {
    let local = match pocket_id_names(host) {
        Ok(v) if !v.is_empty() => v,
        Ok(_) => return,
        Err((reason, at)) => {
            cx.unresolved(host, "the name Pocket ID is served under", &reason, at);
            return;
        }
    };
    let Known::Value(providers) = &host.security.identity_providers.value else {
        return;
    };
    for p in providers {
        // Other drivers (google, github, ...) are not Pocket ID.
        if p.driver.get().is_some_and(|d| d != "generic") || p.driver.value.is_unknown() {
            continue;
        }
        for (option, f) in [("baseAuthUrl", &p.base_auth_url), ("metadataUrl", &p.metadata_url)] {
            let Some(h) = f.get().and_then(|u| dns::url_host(u)) else {
                continue;
            };
            if local.iter().any(|(n, _)| *n == h) {
                continue;
            }
            let near = local.iter().find(|(n, _)| dns::near_miss(n, &h));
            let unserved = served.is_some_and(|s| {
                matches!(host.caddy_sites.value, Known::Value(_))
                    && !s.contains(&h)
                    && local.iter().any(|(n, _)| s.contains(n))
            });
            if near.is_none() && !unserved {
                continue;
            }
            let (pocket, pocket_at) = near.unwrap_or(&local[0]);
            let why = if near.is_some() {
                format!("`{h}` looks like a misspelling of it")
            } else {
                format!("no site serves `{h}`")
            };
            let mut d = cx
                .diag(
                    host,
                    f.location(),
                    format!(
                        "identity provider `{}` has `{option}` on `{h}`, but this host serves Pocket ID at `{pocket}`: {why}",
                        p.name
                    ),
                )
                .help(format!("point `{option}` at `https://{pocket}`"));
            if !pocket_at.is_synthetic() {
                d = d.label(*pocket_at, "Pocket ID is served under this name");
            }
            cx.emit(d);
        }
    }
}

/// Extended schema: a policy whose `authUrl` sends visitors to another
/// host, while the portal's cookie domain does not reach back to the
/// protected site (relative auth URLs log in on the site itself, where a
/// host-only cookie works).
fn auth_url_scope(
    cx: &mut LintCx<'_>,
    host: &Host,
    sites: &[Site<'_>],
    done: &mut BTreeSet<usize>,
) {
    let sec = &host.security;
    let (Known::Value(policies), Known::Value(portals)) = (&sec.policies.value, &sec.portals.value)
    else {
        return;
    };
    let portal_of_site = |name: &str| {
        sites.iter().find_map(|s| {
            let hn = s.host_name().get()?;
            if dns::normalize(hn) != name || s.protected() != Some(true) {
                return None;
            }
            s.caddy_security().portal.get().cloned()
        })
    };
    for (i, site) in sites.iter().enumerate() {
        if done.contains(&i) || site.protected() != Some(true) {
            continue;
        }
        let cs = site.caddy_security();
        let (Some(name), Some(policy), Some(portal)) =
            (site.host_name().get(), cs.policy.get(), cs.portal.get())
        else {
            continue;
        };
        let Some(policy) = policies.iter().find(|p| &p.name == policy) else {
            continue;
        };
        let Some(auth_host) = policy.auth_url.get().and_then(|u| dns::url_host(u)) else {
            continue;
        };
        let n = dns::normalize(name);
        if auth_host == n {
            continue;
        }
        let issuing = portal_of_site(&auth_host).unwrap_or_else(|| portal.clone());
        let Some(p) = portals.iter().find(|p| p.name == issuing) else {
            continue;
        };
        let scope: &Field<String> = &p.cookie_domain;
        let covered = match &scope.value {
            Known::Unknown(reason) => {
                cx.unresolved(host, "the cookie domain", reason, scope.location());
                continue;
            }
            Known::Value(d) => dns::covers(d, &auth_host) && dns::covers(d, &n),
            Known::Absent => false,
        };
        if covered {
            continue;
        }
        let why = match &scope.value {
            Known::Value(d) => format!("portal `{issuing}` shares its cookie over `{d}`, which does not cover both"),
            _ => format!("portal `{issuing}` sets no cookie domain, so its cookie stays on `{auth_host}`"),
        };
        let mut d = cx
            .diag(
                host,
                util::host_name_location(cx, site),
                format!(
                    "protected site `{}` (`{name}`) sends visitors to log in at `{auth_host}`, but {why}: the login can never complete",
                    site.name()
                ),
            )
            .help(format!(
                "use a relative `authUrl` (`/caddy-security/oauth2/<realm>`), or set portal `{issuing}`'s `cookie.domain` to a domain covering `{auth_host}` and `{name}`"
            ))
            .label(policy.auth_url.location(), format!("policy `{}` logs in at `{auth_host}`", policy.name));
        if !scope.location().is_synthetic() {
            d = d.label(scope.location(), "the cookie domain is set here");
        }
        cx.emit(util::for_site(d, site));
        done.insert(i);
    }
}
