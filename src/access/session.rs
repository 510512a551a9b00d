//! What `authorize with Q` does with a request (SEMANTICS §5): without a
//! session, 302 to the policy's auth URL; with one, the user's roles —
//! Pocket ID groups (only with the `groups` scope), then the portal's
//! transforms in order (portal-wide claim mappings and raw `transform
//! user` blocks), then `authp/guest` when nothing is left — against the
//! policy's `allow roles` (exact, any of them), else 403.
//!
//! Everything is read from the caddy-security `security { … }` block of
//! the same Caddyfile text the routes come from (the deployed one, or the
//! model rendered by the schema), so the login, the roles and the routes
//! always agree.

use crate::caddy::caddyfile::Request;
use crate::caddy::caddyfile::routes::{HandlerKind, Outcome, decide};
use crate::caddy::caddyfile::security::{Portal, Security, Transform};
use crate::files::Span;
use crate::model::{Known, Site};

use super::provenance::Tag;
use super::source::{Rendered, UNKNOWN_PREFIX};
use super::walk::{Cx, model_site};
use super::{Decision, Identity, Roles};

/// What a gate does with the request.
pub(crate) enum GateResult {
    /// Let through, with the roles that did it.
    Pass(Roles),
    /// Answered here.
    Stop {
        decision: Decision,
        status: Option<u16>,
        unknown: Option<String>,
        redirect_to: Option<String>,
        roles: Option<Roles>,
    },
}

fn stop_unknown(
    cx: &mut Cx<'_, '_>,
    why: String,
    offset: Option<usize>,
    nix: Vec<Span>,
) -> GateResult {
    cx.step(format!("unknown: {why}"), offset, nix);
    GateResult::Stop {
        decision: Decision::Unknown,
        status: None,
        unknown: Some(why),
        redirect_to: None,
        roles: None,
    }
}

/// The placeholder's unknown value, if `text` holds one.
fn placeholder(r: &Rendered, text: &str) -> Option<(String, Span)> {
    if !text.contains(UNKNOWN_PREFIX) {
        return None;
    }
    r.unknowns
        .iter()
        .find(|u| text.contains(&u.token))
        .map(|u| {
            (
                format!("{} could not be evaluated ({})", u.what, u.reason),
                u.span,
            )
        })
}

/// Where the login goes: `authenticate with P` on some site, or not.
enum Login {
    Portal {
        portal: String,
        realm: Option<String>,
    },
    Broken(String),
    Unknown(String, Span),
}

/// An auth URL's host and path (relative URLs are on the site itself).
fn split_url(url: &str, site_host: &str) -> (String, String) {
    let (host, path) = match url.split_once("://") {
        Some((_, rest)) => {
            let end = rest.find('/').unwrap_or(rest.len());
            (rest[..end].to_string(), rest[end..].to_string())
        }
        None => (site_host.to_string(), url.to_string()),
    };
    let path = if path.is_empty() {
        "/".to_string()
    } else {
        path
    };
    let hostname = Request::get(&format!("http://{host}/"))
        .hostname()
        .to_ascii_lowercase();
    (hostname, path)
}

/// `…/oauth2/<realm>[/…]` → realm.
fn realm_of(path: &str) -> Option<String> {
    let after = path.split("/oauth2/").nth(1)?;
    let realm = after.split(['/', '?']).next()?;
    (!realm.is_empty()).then(|| realm.to_string())
}

/// Follows the auth URL: which site serves it and which route answers.
fn resolve_login(cx: &mut Cx<'_, '_>, auth_url: &str, req_host: &str) -> Login {
    if let Some((what, span)) = placeholder(cx.r, auth_url) {
        return Login::Unknown(what, span);
    }
    let (host, path) = split_url(auth_url, req_host);
    let login_req = Request::get(&format!("http://{host}{path}"));
    // The same text first (the portal usually lives in the same Caddy),
    // then the other hosts of the repository.
    let mut candidates: Vec<(&Rendered, usize)> =
        cx.r.sites_for(&host)
            .into_iter()
            .map(|s| (cx.r, s))
            .collect();
    if candidates.is_empty() {
        for (hi, (_, src)) in cx.world.hosts.iter().enumerate() {
            if hi == cx.hi {
                continue;
            }
            if let Some(r) = src.variants().first() {
                candidates.extend(r.sites_for(&host).into_iter().map(|s| (r, s)));
            }
        }
    }
    let Some((r, si)) = candidates.first().copied() else {
        return Login::Broken(format!(
            "no site serves `{host}`, the auth URL's host: the login page is never reached"
        ));
    };
    let d = decide(&r.sites()[si], &login_req);
    match (&d.outcome, d.gates.first()) {
        (_, Some(g)) if matches!(g.kind, HandlerKind::Authorize { .. }) => Login::Broken(format!(
            "the auth URL `{auth_url}` lands in `{}` on `{host}` instead of the portal: every visit is redirected again (a redirect loop)",
            g.label.to_lowercase()
        )),
        (Outcome::Handled(h), _) => match &h.kind {
            HandlerKind::Authenticate { portal } => Login::Portal {
                portal: portal.clone(),
                realm: realm_of(&path),
            },
            _ => Login::Broken(format!(
                "the auth URL `{auth_url}` is answered by `{}` on `{host}`, not by a portal: the login never happens",
                h.label.to_lowercase()
            )),
        },
        (Outcome::Unhandled, _) => Login::Broken(format!(
            "nothing on `{host}` answers the auth URL `{auth_url}`: the login never happens"
        )),
        (Outcome::Undecided { .. }, _) => Login::Unknown(
            format!("which route of `{host}` answers the auth URL `{auth_url}`"),
            crate::files::Span::SYNTHETIC,
        ),
    }
}

/// `authorize with <policy>` for the request.
pub(crate) fn authorize(
    cx: &mut Cx<'_, '_>,
    policy_name: &str,
    at: usize,
    who: &Identity,
) -> GateResult {
    if let Some((what, span)) = placeholder(cx.r, policy_name) {
        return stop_unknown(
            cx,
            format!("which policy the site uses: {what}"),
            Some(at),
            vec![span],
        );
    }
    let policy_nix = model_policy_span(cx, policy_name);
    let Some(sec) = cx.r.cf.security.as_ref() else {
        cx.warn(
            format!("there is no `security` block, so `authorize with {policy_name}` names no policy and Caddy refuses the file"),
            Some(at),
            Vec::new(),
        );
        return stop_unknown(
            cx,
            format!(
                "authorization policy `{policy_name}` is not defined (no caddy-security configuration)"
            ),
            Some(at),
            policy_nix,
        );
    };
    let Some(policy) = sec.policy(policy_name) else {
        let known: Vec<&str> = sec.policies.iter().map(|p| p.name.text.as_str()).collect();
        cx.warn(
            format!(
                "`authorize with {policy_name}` names no authorization policy (defined: {}): Caddy refuses to load the file",
                crate::lints::util::code_list(&known)
            ),
            Some(at),
            Vec::new(),
        );
        return stop_unknown(
            cx,
            format!("authorization policy `{policy_name}` is not defined"),
            Some(at),
            policy_nix,
        );
    };
    let policy = policy.clone();
    cx.step(
        format!("`authorize with {policy_name}` runs before the backend"),
        Some(at),
        Vec::new(),
    );
    cx.step(
        format!("authorization policy `{policy_name}`"),
        Some(policy.span.start),
        policy_nix,
    );
    // `bypass uri …` lets matching requests through with no session at
    // all, so it decides before the anonymous redirect below.
    let bypass_rules = !policy.bypass.is_empty()
        || policy
            .other
            .iter()
            .any(|s| cx.r.cf.slice(s).trim_start().starts_with("bypass"));
    if bypass_rules {
        return stop_unknown(
            cx,
            format!(
                "policy `{}` has `bypass` rules that pocketlint does not model",
                policy.name.text
            ),
            Some(policy.span.start),
            Vec::new(),
        );
    }
    let auth_url = policy.auth_url.as_ref().map(|u| u.text.clone());
    let original = format!("https://{}{}", cx.url.authority, cx.url.target);
    let login = match &auth_url {
        Some(u) => Some(resolve_login(cx, u, &cx.url.hostname.clone())),
        None => None,
    };
    let redirect_to = auth_url
        .as_ref()
        .map(|u| format!("{u}?redirect_url={original}"));
    let groups = match who {
        Identity::Anonymous => {
            let offset = policy
                .auth_url
                .as_ref()
                .map_or(policy.span.start, |u| u.span.start);
            match &redirect_to {
                Some(to) => cx.step(
                    format!("no session cookie or token: `authorize` answers 302 to `{to}`"),
                    Some(offset),
                    Vec::new(),
                ),
                None => cx.step(
                    "no session cookie or token: `authorize` answers 302 to the policy's auth URL (the policy sets none, so caddy-security's default applies)",
                    Some(offset),
                    Vec::new(),
                ),
            }
            match login {
                Some(Login::Broken(why)) => cx.warn(
                    format!("after the redirect: {why}"),
                    Some(offset),
                    Vec::new(),
                ),
                Some(Login::Portal { portal, realm }) => {
                    login_target_step(cx, sec, &portal, realm.as_deref(), offset);
                }
                _ => {}
            }
            return GateResult::Stop {
                decision: Decision::Redirect,
                status: Some(302),
                unknown: None,
                redirect_to,
                roles: None,
            };
        }
        Identity::Groups(g) => g.clone(),
    };
    let sec = sec.clone();
    let url_offset = policy
        .auth_url
        .as_ref()
        .map_or(policy.span.start, |u| u.span.start);
    // Which portal and provider issued the session.
    let (portal_name, realm) = match login {
        Some(Login::Portal { portal, realm }) => (portal, realm),
        Some(Login::Broken(why)) => {
            cx.step(
                format!("the login never completes: {why}"),
                Some(url_offset),
                Vec::new(),
            );
            return GateResult::Stop {
                decision: Decision::Redirect,
                status: Some(302),
                unknown: None,
                redirect_to,
                roles: None,
            };
        }
        Some(Login::Unknown(what, span)) => {
            return stop_unknown(
                cx,
                format!("where the login happens: {what}"),
                Some(url_offset),
                vec![span],
            );
        }
        None => match sec.portals.as_slice() {
            [only] => {
                cx.step(
                    format!(
                        "the policy sets no auth URL; the only portal is `{}`",
                        only.name.text
                    ),
                    Some(only.span.start),
                    Vec::new(),
                );
                (only.name.text.clone(), None)
            }
            _ => {
                return stop_unknown(
                    cx,
                    "which portal issues the session (the policy sets no auth URL and there is more than one portal)".to_string(),
                    Some(policy.span.start),
                    Vec::new(),
                );
            }
        },
    };
    let Some(portal) = sec.portal(&portal_name).cloned() else {
        return stop_unknown(
            cx,
            format!(
                "authentication portal `{portal_name}` is not defined (Caddy refuses the file)"
            ),
            None,
            Vec::new(),
        );
    };
    // The session cookie must reach the site.
    let portal_host = auth_url.as_deref().map_or_else(
        || cx.url.hostname.clone(),
        |u| split_url(u, &cx.url.hostname).0,
    );
    let Ok(cookie) = cookie_problem(&portal, &portal_host, &cx.url.hostname) else {
        return stop_unknown(
            cx,
            format!(
                "whether the session cookie set at `{portal_host}` reaches `{}`: the portal's `cookie domain` is unknown",
                cx.url.hostname
            ),
            Some(portal.span.start),
            Vec::new(),
        );
    };
    if let Some(why) = cookie {
        cx.step(
            format!("logged in at `{portal_host}`, but {why}: the browser never sends the session to `{}`, so every visit goes back to the login (a portal loop)", cx.url.hostname),
            Some(portal.span.start),
            hostname_nix(cx),
        );
        return GateResult::Stop {
            decision: Decision::Redirect,
            status: Some(302),
            unknown: None,
            redirect_to,
            roles: None,
        };
    }
    let provider = match login_provider(cx, &sec, &portal, realm.as_deref(), url_offset) {
        Ok(p) => p,
        Err(Some(g)) => return *g,
        Err(None) => {
            return GateResult::Stop {
                decision: Decision::Redirect,
                status: Some(302),
                unknown: None,
                redirect_to,
                roles: None,
            };
        }
    };
    let mut set = RoleSet::default();
    match provider {
        Provider::Oauth { scopes, span, name } => {
            if !scopes.iter().any(|s| s == "email")
                && !provider_text(cx.r, span.clone()).contains("disable email claim check")
            {
                cx.step(
                    format!("identity provider `{name}` does not request the `email` scope: go-authcrunch rejects Pocket ID's token without an `email` claim, so the login fails"),
                    Some(span.start),
                    Vec::new(),
                );
                return GateResult::Stop {
                    decision: Decision::Redirect,
                    status: Some(302),
                    unknown: None,
                    redirect_to,
                    roles: None,
                };
            }
            if scopes.iter().any(|s| s == "groups") {
                for g in &groups {
                    set.add_sure(g, Origin::Group);
                }
                cx.step(
                    format!(
                        "identity provider `{name}` requests the `groups` scope: Pocket ID's groups {} become roles",
                        list(&groups)
                    ),
                    Some(span.start),
                    Vec::new(),
                );
            } else {
                set.no_groups = Some(format!(
                    "identity provider `{name}` requests no `groups` scope, so Pocket ID sends no groups: add `groups` to its scopes"
                ));
                cx.step(
                    format!(
                        "identity provider `{name}` does not request the `groups` scope ({}): Pocket ID sends no groups, so the user's groups give no roles",
                        list(&scopes)
                    ),
                    Some(span.start),
                    Vec::new(),
                );
            }
        }
        Provider::Store { name, span } => {
            set.no_groups = Some(format!(
                "the login goes to local identity store `{name}`, where Pocket ID groups do not exist"
            ));
            cx.step(
                format!("the login realm is local identity store `{name}`: Pocket ID groups play no part, roles come only from the portal's transforms"),
                Some(span.start),
                Vec::new(),
            );
        }
    }
    let realm_text = realm.clone().or_else(|| single_realm(&sec, &portal));
    apply_transforms(cx, &portal, realm_text.as_deref(), &mut set);
    if set.sure.is_empty() && set.maybe.is_empty() {
        set.add_sure("authp/guest", Origin::Guest);
        cx.step(
            "no roles after the transforms: the portal adds `authp/guest`",
            Some(portal.span.start),
            Vec::new(),
        );
    }
    acl(cx, &policy, &portal, &set, &groups)
}

fn list(items: &[String]) -> String {
    crate::lints::util::code_list(&items.iter().map(String::as_str).collect::<Vec<_>>())
}

fn provider_text(r: &Rendered, span: std::ops::Range<usize>) -> &str {
    r.cf.slice(&span)
}

fn login_target_step(
    cx: &mut Cx<'_, '_>,
    sec: &Security,
    portal: &str,
    realm: Option<&str>,
    offset: usize,
) {
    let Some(p) = sec.portal(portal) else {
        return;
    };
    let text = match realm {
        Some(r) => format!(
            "the auth URL is served by portal `{portal}` (`authenticate with {portal}`), realm `{r}`"
        ),
        None => {
            format!("the auth URL is served by portal `{portal}` (`authenticate with {portal}`)")
        }
    };
    cx.step(text, Some(p.span.start), Vec::new());
    let blocked = p
        .identity_providers
        .iter()
        .filter_map(|n| sec.identity_provider(&n.text))
        .find_map(|i| provider_blocked(cx, i).map(|why| (why, i.span.start)));
    if let Some((why, at)) = blocked {
        cx.warn(format!("after the redirect: {why}"), Some(at), Vec::new());
    }
    if let Some(r) = realm
        && !realm_known(sec, p, r)
    {
        cx.warn(
            format!("portal `{portal}` has no identity provider or store with realm `{r}`: the login fails"),
            Some(offset),
            Vec::new(),
        );
    }
}

/// The identity provider's own site sits behind `authorize` (SEMANTICS
/// §7 rule 38): caddy-security cannot fetch its metadata and browsers are
/// sent back to the login from its authorization page, so no login through
/// it completes.
fn provider_blocked(
    cx: &Cx<'_, '_>,
    p: &crate::caddy::caddyfile::security::IdentityProvider,
) -> Option<String> {
    let url = p.metadata_url.as_ref().or(p.base_auth_url.as_ref())?;
    if url.text.contains(UNKNOWN_PREFIX) || !url.text.contains("://") {
        return None;
    }
    let (host, path) = split_url(&url.text, "");
    let mut found: Option<(&Rendered, usize)> = cx.r.sites_for(&host).first().map(|&s| (cx.r, s));
    if found.is_none() {
        for (_, src) in &cx.world.hosts {
            if let Some(r) = src.variants().first()
                && let Some(&s) = r.sites_for(&host).first()
            {
                found = Some((r, s));
                break;
            }
        }
    }
    let (r, si) = found?;
    let d = decide(
        &r.sites()[si],
        &Request::get(&format!("http://{host}{path}")),
    );
    let gate = d.gates.first()?;
    let HandlerKind::Authorize { policy } = &gate.kind else {
        return None;
    };
    Some(format!(
        "identity provider `{}` lives at `{host}`, whose site runs `authorize with {policy}` for `{path}`: caddy-security cannot fetch the provider's metadata and the provider's login page sends browsers back to the login, so no login through it completes",
        p.name.text
    ))
}

fn realm_known(sec: &Security, portal: &Portal, realm: &str) -> bool {
    portal.identity_providers.iter().any(|n| {
        sec.identity_provider(&n.text)
            .and_then(|i| i.realm.as_ref())
            .is_some_and(|r| r.text == realm)
    }) || portal.identity_stores.iter().any(|n| {
        sec.identity_store(&n.text)
            .and_then(|i| i.realm.as_ref())
            .is_some_and(|r| r.text == realm)
    })
}

fn single_realm(sec: &Security, portal: &Portal) -> Option<String> {
    match (
        portal.identity_providers.as_slice(),
        portal.identity_stores.as_slice(),
    ) {
        ([one], []) => sec
            .identity_provider(&one.text)?
            .realm
            .as_ref()
            .map(|r| r.text.clone()),
        ([], [one]) => sec
            .identity_store(&one.text)?
            .realm
            .as_ref()
            .map(|r| r.text.clone()),
        _ => None,
    }
}

enum Provider {
    Oauth {
        name: String,
        scopes: Vec<String>,
        span: std::ops::Range<usize>,
    },
    Store {
        name: String,
        span: std::ops::Range<usize>,
    },
}

/// The identity provider (or store) of the login realm on the portal.
fn login_provider(
    cx: &mut Cx<'_, '_>,
    sec: &Security,
    portal: &Portal,
    realm: Option<&str>,
    url_offset: usize,
) -> Result<Provider, Option<Box<GateResult>>> {
    let providers: Vec<_> = portal
        .identity_providers
        .iter()
        .filter_map(|n| sec.identity_provider(&n.text))
        .collect();
    let stores: Vec<_> = portal
        .identity_stores
        .iter()
        .filter_map(|n| sec.identity_store(&n.text))
        .collect();
    let chosen = match realm {
        Some(r) => {
            if let Some(p) = providers
                .iter()
                .find(|p| p.realm.as_ref().is_some_and(|x| x.text == r))
            {
                Some(Ok(*p))
            } else {
                stores
                    .iter()
                    .find(|s| s.realm.as_ref().is_some_and(|x| x.text == r))
                    .map(|s| Err(*s))
            }
        }
        None => match (providers.as_slice(), stores.as_slice()) {
            ([one], []) => Some(Ok(*one)),
            ([], [one]) => Some(Err(*one)),
            _ => None,
        },
    };
    match chosen {
        Some(Ok(p)) => {
            let scopes: Vec<String> = if p.scopes.is_empty() {
                vec!["openid".into(), "email".into(), "profile".into()]
            } else {
                p.scopes.iter().map(|s| s.text.clone()).collect()
            };
            if let Some((what, span)) = scopes.iter().find_map(|s| placeholder(cx.r, s)) {
                return Err(Some(Box::new(stop_unknown(
                    cx,
                    format!("which scopes the login requests: {what}"),
                    Some(p.span.start),
                    vec![span],
                ))));
            }
            if let Some(why) = provider_blocked(cx, p) {
                cx.step(why, Some(p.span.start), Vec::new());
                return Err(None);
            }
            Ok(Provider::Oauth {
                name: p.name.text.clone(),
                scopes,
                span: p.span.clone(),
            })
        }
        Some(Err(s)) => Ok(Provider::Store {
            name: s.name.text.clone(),
            span: s.span.clone(),
        }),
        None => match realm {
            Some(r) => {
                if let Some((what, span)) = placeholder(cx.r, cx.r.cf.slice(&portal.span)) {
                    return Err(Some(Box::new(stop_unknown(
                        cx,
                        format!("the portal's identity providers: {what}"),
                        Some(portal.span.start),
                        vec![span],
                    ))));
                }
                cx.step(
                        format!(
                            "the auth URL asks for realm `{r}`, but portal `{}` has no identity provider or store with that realm: the login fails",
                            portal.name.text
                        ),
                        Some(url_offset),
                        Vec::new(),
                    );
                Err(None)
            }
            None => Err(Some(Box::new(stop_unknown(
                cx,
                format!(
                    "which identity provider of portal `{}` the user logs in with",
                    portal.name.text
                ),
                Some(portal.span.start),
                Vec::new(),
            )))),
        },
    }
}

/// Whether the portal's session cookie, set by `portal_host`, is sent to
/// `site`: a `cookie domain D` applies when the portal host is D or under
/// it (go-authcrunch falls back to a host-only cookie otherwise).
/// `Err(())`: it depends on a cookie domain that could not be evaluated.
fn cookie_problem(portal: &Portal, portal_host: &str, site: &str) -> Result<Option<String>, ()> {
    let within = |h: &str, d: &str| {
        let d = d.trim_start_matches('.').to_ascii_lowercase();
        h == d || h.ends_with(&format!(".{d}"))
    };
    let domain = portal
        .cookies
        .iter()
        .find(|c| c.key.text == "domain")
        .and_then(|c| c.values.first())
        .map(|v| v.text.clone());
    Ok(match domain {
        // On its own host the portal's cookie reaches the site anyway.
        _ if portal_host.eq_ignore_ascii_case(site) => None,
        Some(d) if d.contains(UNKNOWN_PREFIX) => return Err(()),
        Some(d) if within(portal_host, &d) => (!within(site, &d)).then(|| {
            format!("the session cookie is set for domain `{d}`, which does not cover `{site}`")
        }),
        Some(d) => Some(format!(
            "the session cookie is host-only for `{portal_host}` (`cookie domain {d}` does not cover the portal host)"
        )),
        None => Some(format!(
            "the session cookie is host-only for `{portal_host}` (the portal sets no `cookie domain`)"
        )),
    })
}

fn hostname_nix(cx: &Cx<'_, '_>) -> Vec<Span> {
    cx.model_site()
        .map(|s: Site<'_>| vec![s.host_name().location()])
        .unwrap_or_default()
}

/// Where a role came from.
#[derive(Debug, Clone, PartialEq)]
enum Origin {
    Group,
    Guest,
    /// A transform at this offset; `mapping` when it is a `claimRoles`
    /// entry of the model, else a raw transform.
    Transform {
        offset: usize,
        mapping: Option<Span>,
        raw: bool,
    },
}

#[derive(Debug, Default)]
struct RoleSet {
    /// Pocket ID's groups do not reach the portal (no `groups` scope, or
    /// a local store), with why.
    no_groups: Option<String>,
    sure: Vec<(String, Origin)>,
    /// Roles that depend on a match pocketlint cannot decide.
    maybe: Vec<(String, String)>,
}

impl RoleSet {
    fn add_sure(&mut self, role: &str, o: Origin) {
        if !self.sure.iter().any(|(r, _)| r == role) {
            self.sure.push((role.to_string(), o));
        }
    }

    fn has(&self, role: &str) -> bool {
        self.sure.iter().any(|(r, _)| r == role)
    }

    fn maybe_has(&self, role: &str) -> bool {
        self.maybe.iter().any(|(r, _)| r == role)
    }
}

/// A `claimRoles` entry of the model that renders as this transform.
fn mapping_of(cx: &Cx<'_, '_>, t: &Transform) -> Option<Span> {
    let claim = t.matches.iter().find(|m| m.field.text != "realm")?;
    let value: Vec<&str> = claim.values.iter().map(|v| v.text.as_str()).collect();
    let value = value.join(" ");
    let roles: Vec<&str> = t
        .actions
        .iter()
        .flat_map(|a| a.add_roles.iter().map(|r| r.text.as_str()))
        .collect();
    let role = roles.join(" ");
    let host = cx.host();
    for site in host.sites() {
        let Known::Value(crs) = &site.caddy_security().claim_roles.value else {
            continue;
        };
        for cr in crs {
            let claim_ok = cr.claim.get().map_or("groups", String::as_str) == claim.field.text;
            if claim_ok
                && cr.value.get().is_some_and(|v| *v == value)
                && cr.role.get().is_some_and(|r| *r == role)
            {
                return Some(cr.span);
            }
        }
    }
    None
}

fn apply_transforms(cx: &mut Cx<'_, '_>, portal: &Portal, realm: Option<&str>, set: &mut RoleSet) {
    for t in &portal.transforms {
        let mut result = Some(true);
        let mut undecided = Vec::new();
        for m in &t.matches {
            let values: Vec<&str> = m.values.iter().map(|v| v.text.as_str()).collect();
            let field = m.field.text.as_str();
            let line = cx.r.cf.slice(&m.span).to_string();
            let r = if let Some((what, _)) = placeholder(cx.r, &line) {
                undecided.push(what);
                None
            } else {
                match field {
                    "realm" => {
                        if let Some(x) = realm {
                            Some(values.contains(&x))
                        } else {
                            undecided.push("the login realm".to_string());
                            None
                        }
                    }
                    "groups" | "group" | "role" | "roles" => {
                        if values.iter().any(|v| set.has(v)) {
                            Some(true)
                        } else if values.iter().any(|v| set.maybe_has(v))
                            || set.maybe.iter().any(|(r, _)| r.contains(UNKNOWN_PREFIX))
                        {
                            undecided.push(format!(
                                "whether the user has {}",
                                list(&values.iter().map(|s| (*s).to_string()).collect::<Vec<_>>())
                            ));
                            None
                        } else {
                            Some(false)
                        }
                    }
                    other => {
                        undecided.push(format!("the user's `{other}` claim"));
                        None
                    }
                }
            };
            result = match (result, r) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (None, _) | (_, None) => None,
                _ => Some(true),
            };
        }
        if t.matches.is_empty() {
            result = None;
            undecided.push("a transform without `match` lines".to_string());
        }
        let added: Vec<String> = t
            .actions
            .iter()
            .flat_map(|a| a.add_roles.iter().map(|r| r.text.clone()))
            .collect();
        let other_actions = t
            .actions
            .iter()
            .any(|a| a.add_roles.is_empty() && a.words.iter().any(|w| w.text.starts_with("role")));
        let raw = cx.r.tag_at(t.span.start) == Some(Tag::PortalExtraConfig);
        let mapping = if raw { None } else { mapping_of(cx, t) };
        let kind = match (mapping.is_some(), raw) {
            (true, _) => "claim mapping",
            (false, true) => "raw transform in the portal's extraConfig",
            (false, false) => "transform",
        };
        let matched_text: Vec<String> = t
            .matches
            .iter()
            .map(|m| format!("`{}`", cx.r.cf.slice(&m.span).trim()))
            .collect();
        match result {
            Some(true) => {
                for r in &added {
                    if let Some((what, span)) = placeholder(cx.r, r) {
                        set.maybe.push((r.clone(), what.clone()));
                        cx.step(
                            format!("a {kind} adds a role that could not be evaluated: {what}"),
                            Some(t.span.start),
                            vec![span],
                        );
                        continue;
                    }
                    set.add_sure(
                        r,
                        Origin::Transform {
                            offset: t.span.start,
                            mapping,
                            raw,
                        },
                    );
                }
                cx.step(
                    format!(
                        "{kind} {} applies: adds role {}",
                        matched_text.join(" ∧ "),
                        list(&added)
                    ),
                    Some(t.span.start),
                    mapping.into_iter().collect(),
                );
            }
            None => {
                let why = undecided.join(", ");
                for r in &added {
                    set.maybe.push((r.clone(), why.clone()));
                }
                cx.step(
                    format!(
                        "{kind} {} may apply (depends on {why}): it would add {}",
                        matched_text.join(" ∧ "),
                        list(&added)
                    ),
                    Some(t.span.start),
                    mapping.into_iter().collect(),
                );
            }
            Some(false) => {}
        }
        if other_actions {
            cx.warn(
                "a transform changes roles in a way pocketlint does not model",
                Some(t.span.start),
                Vec::new(),
            );
        }
    }
}

fn acl(
    cx: &mut Cx<'_, '_>,
    policy: &crate::caddy::caddyfile::security::Policy,
    portal: &Portal,
    set: &RoleSet,
    groups: &[String],
) -> GateResult {
    let wanted: Vec<String> = policy.allow_roles.iter().map(|r| r.text.clone()).collect();
    let user: Vec<String> = set.sure.iter().map(|(r, _)| r.clone()).collect();
    let allow_offset = policy
        .allow_roles
        .first()
        .map_or(policy.span.start, |r| r.span.start);
    if let Some((what, span)) = wanted.iter().find_map(|w| placeholder(cx.r, w)) {
        return stop_unknown(
            cx,
            format!("which roles the policy allows: {what}"),
            Some(allow_offset),
            vec![span],
        );
    }
    // (`bypass` rules were turned away before the anonymous redirect.)
    let unmodelled = policy.other.iter().any(|s| {
        let l = cx.r.cf.slice(s).trim_start();
        l.starts_with("acl") || l.starts_with("allow") || l.starts_with("deny")
    });
    if unmodelled {
        return stop_unknown(
            cx,
            format!(
                "policy `{}` has access rules beyond `allow roles` that pocketlint does not model",
                policy.name.text
            ),
            Some(policy.span.start),
            Vec::new(),
        );
    }
    if wanted.is_empty() {
        return stop_unknown(
            cx,
            format!(
                "policy `{}` has no `allow roles`: caddy-security's default access list applies, which pocketlint does not model",
                policy.name.text
            ),
            Some(policy.span.start),
            Vec::new(),
        );
    }
    let allow_nix = model_allowed_nix(cx, &policy.name.text);
    if let Some((role, origin)) = set.sure.iter().find(|(r, _)| wanted.contains(r)) {
        let (from, text, nix) = match origin {
            Origin::Group => (
                "group",
                format!("Pocket ID group `{role}` itself"),
                Vec::new(),
            ),
            Origin::Guest => (
                "guest",
                "the portal's `authp/guest` default".to_string(),
                Vec::new(),
            ),
            Origin::Transform {
                mapping: Some(s), ..
            } => (
                "claim_mapping",
                "a claim mapping (claimRoles)".to_string(),
                vec![*s],
            ),
            Origin::Transform { raw: true, .. } => (
                "raw_transform",
                "a raw `transform user` block in the portal's extraConfig".to_string(),
                Vec::new(),
            ),
            Origin::Transform { .. } => (
                "transform",
                "a `transform user` block of the portal".to_string(),
                Vec::new(),
            ),
        };
        let offset = match origin {
            Origin::Transform { offset, .. } => Some(*offset),
            _ => Some(allow_offset),
        };
        let mut nix = nix;
        nix.extend(allow_nix);
        cx.step(
            format!(
                "allowed: role `{role}` (from {text}) is one of the policy's roles {}",
                list(&wanted)
            ),
            offset,
            nix,
        );
        return GateResult::Pass(Roles {
            user,
            wanted,
            matched: Some(role.clone()),
            matched_from: Some(from.to_string()),
        });
    }
    if let Some((role, why)) = set
        .maybe
        .iter()
        .find(|(r, _)| wanted.contains(r) || r.contains(UNKNOWN_PREFIX))
    {
        if role.contains(UNKNOWN_PREFIX) {
            return stop_unknown(
                cx,
                format!(
                    "whether the user gets one of the policy's roles {}: a transform adds roles that could not be evaluated ({why})",
                    list(&wanted)
                ),
                Some(allow_offset),
                allow_nix,
            );
        }
        return stop_unknown(
            cx,
            format!("whether the user gets role `{role}`: it depends on {why}"),
            Some(allow_offset),
            allow_nix,
        );
    }
    cx.step(
        format!(
            "denied (403): the user's roles {} include none of the policy's roles {}",
            list(&user),
            list(&wanted)
        ),
        Some(allow_offset),
        allow_nix,
    );
    deny_hint(cx, portal, set, groups, &wanted);
    GateResult::Stop {
        decision: Decision::Deny,
        status: Some(403),
        unknown: None,
        redirect_to: None,
        roles: Some(Roles {
            user,
            wanted,
            matched: None,
            matched_from: None,
        }),
    }
}

/// The seed's "denied despite being in the admins group": say why no
/// mapping helps, or point at the missing `claimRoles` entry.
fn deny_hint(
    cx: &mut Cx<'_, '_>,
    portal: &Portal,
    set: &RoleSet,
    groups: &[String],
    wanted: &[String],
) {
    let Some(group) = groups.first() else {
        return;
    };
    // A mapping from one of the user's groups to a wanted role exists.
    for t in &portal.transforms {
        let adds = t
            .actions
            .iter()
            .flat_map(|a| a.add_roles.iter())
            .any(|r| wanted.contains(&r.text));
        if !adds {
            continue;
        }
        let Some(m) = t
            .matches
            .iter()
            .find(|m| matches!(m.field.text.as_str(), "groups" | "group" | "roles" | "role"))
        else {
            continue;
        };
        let values: Vec<&str> = m.values.iter().map(|v| v.text.as_str()).collect();
        let joined = values.join(" ");
        let mapping = mapping_of(cx, t).into_iter().collect();
        if values.len() > 1 && groups.contains(&joined) {
            cx.step(
                format!(
                    "the mapping for group `{joined}` is written as separate values {}: Caddy splits the value at whitespace and matches each word as a group, so `{joined}` itself never matches (rename the Pocket ID group without spaces)",
                    list(&values.iter().map(|v| (*v).to_string()).collect::<Vec<_>>())
                ),
                Some(m.span.start),
                mapping,
            );
            return;
        }
        if values.iter().any(|v| groups.iter().any(|g| g == v)) {
            if let Some(why) = &set.no_groups {
                cx.step(
                    format!(
                        "the mapping `{}` exists but never fires: {why}",
                        cx.r.cf.slice(&m.span).trim()
                    ),
                    Some(m.span.start),
                    mapping,
                );
                return;
            }
        }
    }
    if let Some(why) = &set.no_groups {
        cx.step(
            format!("the user's groups play no part: {why}"),
            None,
            Vec::new(),
        );
        return;
    }
    // The role an existing mapping of this site aims at, else the first.
    let site = model_site(cx.host(), &cx.url.hostname);
    let role = site
        .as_ref()
        .and_then(|s| s.caddy_security().claim_roles.get())
        .and_then(|crs| {
            crs.iter()
                .find_map(|c| c.role.get().filter(|r| wanted.contains(r)).cloned())
        })
        .or_else(|| wanted.first().cloned());
    let Some(role) = role else {
        return;
    };
    let at: Vec<Span> = site
        .map(|s| {
            // Where the site writes its block (its claimRoles if it has
            // any), not the option's declaration.
            let cs = s.caddy_security();
            let f = &cs.claim_roles;
            let at = if !f.from_default && !f.location().is_synthetic() {
                f.location()
            } else {
                cs.definitions
                    .first()
                    .copied()
                    .unwrap_or_else(|| cs.enable.location())
            };
            vec![at]
        })
        .unwrap_or_default();
    cx.step(
        format!(
            "no claim mapping on portal `{}` grants {} to group `{group}`: add `{{ claim = \"groups\"; value = \"{group}\"; role = \"{role}\"; }}` to this site's `caddySecurity.claimRoles` (mappings apply portal-wide)",
            portal.name.text,
            list(wanted)
        ),
        None,
        at,
    );
}

fn model_policy_span(cx: &Cx<'_, '_>, name: &str) -> Vec<Span> {
    match &cx.host().security.policies.value {
        Known::Value(ps) => ps
            .iter()
            .filter(|p| p.name == name)
            .map(|p| p.span)
            .collect(),
        _ => Vec::new(),
    }
}

fn model_allowed_nix(cx: &Cx<'_, '_>, name: &str) -> Vec<Span> {
    match &cx.host().security.policies.value {
        Known::Value(ps) => ps
            .iter()
            .filter(|p| p.name == name)
            .map(|p| p.allowed.location())
            .filter(|s| !s.is_synthetic())
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::cookie_problem;
    use crate::access::source::UNKNOWN_PREFIX;

    fn portal(cookie: &str) -> crate::caddy::caddyfile::security::Portal {
        let text = format!(
            "{{\n\torder authenticate before respond\n\tsecurity {{\n\t\tauthentication portal p {{\n\t\t\t{cookie}\n\t\t}}\n\t}}\n}}\n"
        );
        let cf = crate::caddy::caddyfile::parse(&text);
        cf.security
            .and_then(|s| s.portal("p").cloned())
            .expect("the portal parses")
    }

    /// An unknown cookie domain leaves open whether the session reaches
    /// another host; on the portal's own host it reaches it anyway.
    #[test]
    fn an_unknown_cookie_domain_is_unknown_across_hosts() {
        let unknown = portal(&format!("cookie domain {{${UNKNOWN_PREFIX}0}}"));
        assert_eq!(
            cookie_problem(&unknown, "id.example.com", "app.example.com"),
            Err(())
        );
        assert_eq!(
            cookie_problem(&unknown, "app.example.com", "app.example.com"),
            Ok(None)
        );
        let known = portal("cookie domain example.com");
        assert_eq!(
            cookie_problem(&known, "id.example.com", "app.example.com"),
            Ok(None)
        );
        assert!(matches!(
            cookie_problem(&known, "id.example.com", "app.other.org"),
            Ok(Some(_))
        ));
    }
}
