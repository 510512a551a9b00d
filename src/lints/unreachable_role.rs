use std::collections::BTreeSet;

use crate::diagnostic::Severity;
use crate::model::{CaddySecurity, Field, Host, Known, Model, Schema, StrList};

use super::util::{self, code_list};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "unreachable_role",
    severity: Severity::Warning,
    summary: "no login through the site's portal can obtain a role its policy allows",
    doc: include_str!("../../lints/unreachable_role.md"),
    check: Some(check),
    default_enabled: true,
};

/// The claims go-authcrunch folds into `roles` at login (`groups`,
/// `group`, `role`, `roles`), which `match <claim> X` therefore tests.
const ROLE_CLAIMS: &[&str] = &["groups", "group", "role", "roles"];

/// What logins through one portal can end up with.
#[derive(Debug, Default)]
struct Reach {
    /// Anything could be a role (a local store, a provider pocketlint
    /// cannot judge): never report.
    anything: bool,
    /// Pocket ID groups (or custom claims) arrive, and each becomes a role
    /// of the same name.
    groups: bool,
    /// Roles added by transforms that can fire.
    roles: BTreeSet<String>,
    /// The identity providers, for the help text.
    providers: Vec<String>,
}

impl Reach {
    fn can(&self, role: &str) -> bool {
        self.anything
            || role.starts_with("authp/")
            || self.roles.contains(role)
            || (self.groups && is_group_name(role))
    }
}

/// A Pocket ID group `name` has 2 to 255 characters.
fn is_group_name(s: &str) -> bool {
    (2..=255).contains(&s.chars().count())
}

/// The words Caddy reads from a value pasted raw.
fn words(s: &str) -> Vec<String> {
    util::caddy_tokens(s).into_iter().map(|t| t.text).collect()
}

fn check(model: &Model, cx: &mut LintCx<'_>) {
    let blocks = util::active_blocks(model);
    for host in &model.hosts {
        let Known::Value(policies) = &host.security.policies.value else {
            continue;
        };
        let mut cache: Vec<(Option<String>, Result<Reach, String>)> = Vec::new();
        for b in blocks.iter().filter(|b| std::ptr::eq(b.host, std::sync::Arc::as_ptr(host))) {
            let Known::Value(policy_name) = &b.cs.policy.value else {
                if let Some(r) = b.cs.policy.value.unknown_reason() {
                    cx.unresolved(host, "the policy", r, b.cs.policy.location());
                }
                continue;
            };
            // An undefined policy is `unknown_policy`'s finding.
            let Some(policy) = policies.iter().find(|p| &p.name == policy_name) else {
                continue;
            };
            let allowed = match list_words(&policy.allowed) {
                Ok(a) => a,
                Err(r) => {
                    cx.unresolved(host, "the policy's roles", &r, policy.allowed.location());
                    continue;
                }
            };
            if allowed.is_empty() {
                continue;
            }
            let portal = match host.security.schema {
                Schema::Documented => None,
                Schema::Extended => match &b.cs.portal.value {
                    Known::Value(p) => Some(p.clone()),
                    Known::Unknown(r) => {
                        cx.unresolved(host, "the portal", r, b.cs.portal.location());
                        continue;
                    }
                    Known::Absent => continue,
                },
            };
            if !cache.iter().any(|(k, _)| *k == portal) {
                let r = reach(host, portal.as_deref());
                cache.push((portal.clone(), r));
            }
            let reach = match cache.iter().find(|(k, _)| *k == portal).map(|(_, r)| r) {
                Some(Ok(r)) => r,
                Some(Err(reason)) => {
                    cx.unresolved(host, "the roles the portal grants", reason, policy.allowed.location());
                    continue;
                }
                None => continue,
            };
            if allowed.iter().any(|r| reach.can(r)) {
                continue;
            }
            let shown: Vec<&str> = allowed.iter().map(String::as_str).collect();
            let portal_text = portal
                .as_deref()
                .map_or_else(|| "the portal".to_string(), |p| format!("portal `{p}`"));
            let why = if reach.groups {
                "no Pocket ID group name can be one (group names have 2 to 255 characters), and no claimRoles mapping or portal transform that can fire adds it"
            } else {
                "the portal's identity providers request neither the `groups` nor the `profile` scope, so no Pocket ID group becomes a role, and no claimRoles mapping or portal transform that can fire adds one"
            };
            let help = if reach.groups {
                "allow a role that a Pocket ID group or a claimRoles mapping produces".to_string()
            } else {
                let providers: Vec<&str> = reach.providers.iter().map(String::as_str).collect();
                format!(
                    "add `groups` to the `scopes` of {}, or map a claim the provider sends (such as `email`) to one of these roles",
                    if providers.is_empty() {
                        "the portal's identity provider".to_string()
                    } else {
                        format!("identity provider {}", code_list(&providers))
                    }
                )
            };
            let mut d = cx
                .diag(
                    host,
                    policy.allowed.location(),
                    format!(
                        "no login through {portal_text} can obtain a role that policy `{policy_name}` allows ({}): {why}, so every user is denied (403)",
                        code_list(&shown)
                    ),
                )
                .help(help)
                .label(
                    b.cs.policy.location(),
                    format!("`{}` is protected with this policy", b.owner.name()),
                );
            if !b.cs.policy.via.is_synthetic() {
                d = d.label(b.cs.policy.via, "through this definition");
            }
            cx.emit(util::for_block(d, b));
        }
    }
}

/// The words of a list of values (each pasted raw, so `"a b"` is `a`
/// and `b`); an error names why it is unknown.
fn list_words(f: &Field<StrList>) -> Result<Vec<String>, String> {
    match &f.value {
        Known::Absent => Ok(Vec::new()),
        Known::Unknown(r) => Err(r.clone()),
        Known::Value(items) => {
            let mut out = Vec::new();
            for i in items {
                match &i.value {
                    Known::Value(s) => out.extend(words(s)),
                    Known::Absent => {}
                    Known::Unknown(r) => return Err(r.clone()),
                }
            }
            Ok(out)
        }
    }
}

/// What a portal can grant. Documented schema (`portal` = `None`): one
/// implicit portal whose provider scopes are not modelled, so groups are
/// assumed to arrive.
fn reach(host: &Host, portal: Option<&str>) -> Result<Reach, String> {
    let sec = &host.security;
    let mut r = Reach::default();
    match portal {
        None => r.groups = true,
        Some(name) => {
            let portals = match &sec.portals.value {
                Known::Value(p) => p,
                Known::Unknown(reason) => return Err(reason.clone()),
                Known::Absent => {
                    r.anything = true;
                    return Ok(r);
                }
            };
            // An undefined portal is another rule's finding.
            let Some(p) = portals.iter().find(|p| p.name == name) else {
                r.anything = true;
                return Ok(r);
            };
            // Users of a local identity store carry whatever roles the
            // store gives them.
            if !list_words(&p.identity_stores)?.is_empty() {
                r.anything = true;
            }
            let providers = list_words(&p.identity_providers)?;
            if providers.is_empty() {
                // Nobody can log in at all: not this rule's finding.
                r.anything = true;
            }
            for name in &providers {
                let idps = match &sec.identity_providers.value {
                    Known::Value(i) => i,
                    Known::Unknown(reason) => return Err(reason.clone()),
                    Known::Absent => {
                        r.anything = true;
                        break;
                    }
                };
                let Some(idp) = idps.iter().find(|i| &i.name == name) else {
                    r.anything = true;
                    continue;
                };
                r.providers.push(name.clone());
                match &idp.driver.value {
                    Known::Value(d) if d != "generic" && d != "oidc" => r.anything = true,
                    Known::Unknown(reason) => return Err(reason.clone()),
                    _ => {}
                }
                // The generator's default scopes are not known when the
                // option has none.
                if matches!(idp.scopes.value, Known::Absent)
                    || list_words(&idp.scopes)?
                        .iter()
                        .any(|s| s == "groups" || s == "profile")
                {
                    r.groups = true;
                }
            }
            scan_extra(&p.extra_config, &mut r)?;
        }
    }
    scan_extra(&sec.extra_config, &mut r)?;
    // claimRoles of every block that may be on this portal: transforms
    // are portal-wide. Counting a block that turns out to be off only
    // makes the rule quieter.
    let mut mappings = Vec::new();
    for cs in maybe_blocks(host) {
        if let Some(name) = portal {
            match &cs.portal.value {
                Known::Value(p) if p != name => continue,
                Known::Unknown(reason) => return Err(reason.clone()),
                _ => {}
            }
        }
        match &cs.claim_roles.value {
            Known::Value(items) => {
                for c in items {
                    let role = match &c.role.value {
                        Known::Value(role) => words(role),
                        Known::Absent => continue,
                        Known::Unknown(reason) => return Err(reason.clone()),
                    };
                    let claim = c.claim.get().cloned();
                    let value = c.value.get().map(|v| words(v));
                    mappings.push((claim, value, role));
                }
            }
            Known::Unknown(reason) => return Err(reason.clone()),
            Known::Absent => {}
        }
    }
    // Transforms see the roles earlier ones added: iterate to a fixpoint.
    loop {
        let mut changed = false;
        for (claim, value, role) in &mappings {
            let fires = match (claim.as_deref(), value) {
                (Some(c), Some(vals)) if ROLE_CLAIMS.contains(&c) => {
                    vals.iter().any(|v| r.can(v))
                }
                // Another claim (email, sub, …), or an unknown one: assume
                // it can match.
                _ => true,
            };
            if fires {
                for x in role {
                    changed |= r.roles.insert(x.clone());
                }
            }
        }
        if !changed {
            break;
        }
    }
    Ok(r)
}

/// Roles added by hand-written `transform user { … action add role X }`
/// blocks; an identity store or provider enabled there can grant anything.
fn scan_extra(f: &Field<String>, r: &mut Reach) -> Result<(), String> {
    let text = match &f.value {
        Known::Value(t) => t,
        Known::Absent => return Ok(()),
        Known::Unknown(reason) => return Err(reason.clone()),
    };
    let tree = util::caddy_tree(&util::caddy_tokens(text));
    let mut stack: Vec<&util::CaddyNode> = tree.iter().collect();
    while let Some(n) = stack.pop() {
        stack.extend(n.children.iter());
        let t: Vec<&str> = n.tokens.iter().map(|t| t.text.as_str()).collect();
        match t.as_slice() {
            ["action", "add", "role", roles @ ..] => {
                r.roles.extend(roles.iter().map(|s| (*s).to_string()));
            }
            ["enable", "identity", "store", ..] => r.anything = true,
            ["enable", "identity", "provider", ..] => r.groups = true,
            _ => {}
        }
    }
    Ok(())
}

/// Every `caddySecurity` block of the host that is not off for sure.
fn maybe_blocks(host: &Host) -> Vec<&CaddySecurity> {
    let mut out = Vec::new();
    for s in &host.services {
        if s.published() != Some(false) && s.caddy_security.enabled() != Some(false) {
            out.push(&s.caddy_security);
        }
    }
    if let Known::Value(vhs) = &host.virtual_hosts.value {
        for v in vhs {
            if !matches!(v.enable.value, Known::Value(false))
                && v.caddy_security.enabled() != Some(false)
            {
                out.push(&v.caddy_security);
            }
        }
    }
    out
}
