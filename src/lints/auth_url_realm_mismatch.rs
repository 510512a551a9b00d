use std::collections::BTreeMap;

use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::{Host, IdentityProvider, Known, Model, Portal, Schema, Site};

use super::util::{self, code_list, known_items};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "auth_url_realm_mismatch",
    severity: Severity::Error,
    summary: "a policy's authUrl names a realm its portals do not have",
    doc: include_str!("../../lints/auth_url_realm_mismatch.md"),
    check: Some(check),
    default_enabled: true,
};

/// The realm an auth URL logs in with: the path segment after `/oauth2/`.
fn realm_of(url: &str) -> Option<(&str, usize)> {
    let start = url.find("/oauth2/")? + "/oauth2/".len();
    let rest = &url[start..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let realm = &rest[..end];
    (!realm.is_empty()).then_some((realm, start))
}

/// The realms a portal can log in with over OAuth, or `None` when that
/// cannot be known (unknown values, undefined providers, providers added
/// in raw `extraConfig`).
fn portal_realms(
    cx: &mut LintCx<'_>,
    host: &Host,
    portal: &Portal,
    providers: &[IdentityProvider],
) -> Option<Vec<String>> {
    match &portal.extra_config.value {
        Known::Value(text) if text.contains("identity provider") => return None,
        Known::Unknown(reason) => {
            cx.unresolved(host, "the portal's realms", reason, portal.extra_config.location());
            return None;
        }
        _ => {}
    }
    if let Some(reason) = portal.identity_providers.value.unknown_reason() {
        cx.unresolved(host, "the portal's realms", reason, portal.identity_providers.location());
        return None;
    }
    let items = portal.identity_providers.value.value()?;
    if known_items(&portal.identity_providers).count() != items.len() {
        return None;
    }
    let mut realms = Vec::new();
    for (name, _) in known_items(&portal.identity_providers) {
        // An undefined provider is `unknown_portal`'s finding.
        let ip = providers.iter().find(|p| p.name == name)?;
        match &ip.realm.value {
            Known::Value(r) => realms.push(r.clone()),
            Known::Unknown(reason) => {
                cx.unresolved(host, "the provider's realm", reason, ip.realm.location());
                return None;
            }
            Known::Absent => return None,
        }
    }
    Some(realms)
}

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        let sec = &host.security;
        if sec.schema != Schema::Extended || !util::security_on(cx, host) {
            continue;
        }
        let (Known::Value(policies), Known::Value(portals)) =
            (&sec.policies.value, &sec.portals.value)
        else {
            continue;
        };
        let providers: &[IdentityProvider] = match &sec.identity_providers.value {
            Known::Value(p) => p,
            Known::Absent => &[],
            Known::Unknown(reason) => {
                cx.unresolved(host, "the identity providers", reason, sec.identity_providers.location());
                continue;
            }
        };
        // Which portals each policy is used with, and by which sites.
        let mut uses: BTreeMap<&str, BTreeMap<&str, Vec<Site<'_>>>> = BTreeMap::new();
        // A site whose protection, policy or portal is unknown may use a
        // policy with a portal that has its realm: then no fix is sure.
        let mut uncertain = false;
        for site in host.sites() {
            let cs = site.caddy_security();
            match site.protected() {
                Some(true) => {}
                Some(false) => continue,
                None => {
                    uncertain = true;
                    continue;
                }
            }
            uncertain |= matches!(cs.policy.value, Known::Unknown(_))
                || matches!(cs.portal.value, Known::Unknown(_));
            if let (Some(policy), Some(portal)) = (cs.policy.get(), cs.portal.get()) {
                uses.entry(policy)
                    .or_default()
                    .entry(portal)
                    .or_default()
                    .push(site);
            }
        }
        for policy in policies {
            let Some(used_with) = uses.get(policy.name.as_str()) else {
                continue;
            };
            let url = match &policy.auth_url.value {
                Known::Value(u) => u,
                Known::Unknown(reason) => {
                    cx.unresolved(host, "the auth URL", reason, policy.auth_url.location());
                    continue;
                }
                Known::Absent => continue,
            };
            let Some((realm, realm_start)) = realm_of(url) else {
                continue;
            };
            let mut failing: Vec<(&Portal, Vec<String>, &Vec<Site<'_>>)> = Vec::new();
            let mut all_fail = !uncertain;
            for (portal_name, sites) in used_with {
                let Some(portal) = portals.iter().find(|p| p.name == *portal_name) else {
                    all_fail = false;
                    continue;
                };
                let Some(realms) = portal_realms(cx, host, portal, providers) else {
                    all_fail = false;
                    continue;
                };
                if realms.iter().any(|r| r == realm) {
                    all_fail = false;
                } else {
                    failing.push((portal, realms, sites));
                }
            }
            if failing.is_empty() {
                continue;
            }
            let field = &policy.auth_url;
            let at = if field.from_default || field.location().is_synthetic() {
                policy.span
            } else {
                field.location()
            };
            let portal_names: Vec<&str> = failing.iter().map(|(p, _, _)| p.name.as_str()).collect();
            let mut candidates: Vec<&str> = failing
                .iter()
                .flat_map(|(_, r, _)| r.iter().map(String::as_str))
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let default_note = if field.from_default {
                " (the default)"
            } else {
                ""
            };
            let message = format!(
                "policy `{}` logs in at `{url}`{default_note}, realm `{realm}`, but {} {} no identity provider with that realm: logins fail with \"identity provider not found\"",
                policy.name,
                if portal_names.len() == 1 { "portal" } else { "portals" },
                if portal_names.len() == 1 {
                    format!("`{}` has", portal_names[0])
                } else {
                    format!("{} have", code_list(&portal_names))
                },
            );
            let fixed = |r: &str| {
                format!("{}{r}{}", &url[..realm_start], &url[realm_start + realm.len()..])
            };
            let help = match candidates.as_slice() {
                [] => format!(
                    "give {} an identity provider with realm `{realm}`",
                    code_list(&portal_names)
                ),
                [only] => format!("set `authUrl = \"{}\";`", fixed(only)),
                many => format!(
                    "point `authUrl` at one of the realms {} (a policy used with portals of different realms needs one policy per portal)",
                    code_list(many)
                ),
            };
            let mut d = cx.diag(host, at, message).help(help);
            if field.from_default && !field.location().is_synthetic() {
                d = d.label(field.location(), "the default `authUrl` comes from here");
            }
            for (portal, realms, sites) in &failing {
                let realms: Vec<&str> = realms.iter().map(String::as_str).collect();
                if !portal.span.is_synthetic() {
                    d = d.label(
                        portal.span,
                        format!(
                            "portal `{}` logs in with {}",
                            portal.name,
                            if realms.is_empty() {
                                "no OAuth realm".to_string()
                            } else {
                                format!("realm {}", code_list(&realms))
                            }
                        ),
                    );
                }
                for site in *sites {
                    let p = &site.caddy_security().policy;
                    if !p.from_default && !p.location().is_synthetic() {
                        d = d.label(p.location(), format!("`{}` uses this policy", site.name()));
                    }
                    d = util::for_site(d, site);
                }
            }
            let only = match candidates.as_slice() {
                [only] if all_fail && !field.from_default && cx.is_literal(field.span, url) => {
                    Some(*only)
                }
                _ => None,
            };
            if let Some(only) = only {
                d = d.fix(Fix {
                    title: format!("log in with realm `{only}`"),
                    edits: vec![Edit {
                        span: field.span,
                        replacement: fixed(only),
                    }],
                    applicability: Applicability::Safe,
                });
            }
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::realm_of;

    #[test]
    fn realms() {
        assert_eq!(realm_of("/caddy-security/oauth2/generic").map(|r| r.0), Some("generic"));
        assert_eq!(
            realm_of("https://auth.example.com/caddy-security/oauth2/pocketid/").map(|r| r.0),
            Some("pocketid")
        );
        assert_eq!(realm_of("/oauth2/x?redirect=1").map(|r| r.0), Some("x"));
        assert_eq!(realm_of("/caddy-security/login"), None);
        assert_eq!(realm_of("/caddy-security/oauth2/"), None);
    }
}
