use crate::diagnostic::Severity;
use crate::files::Span;
use crate::model::{Field, Host, Known, Model, Schema, StrList};

use super::util::{self, code_list, known_items};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "unknown_portal",
    severity: Severity::Error,
    summary: "caddySecurity names an undefined portal, or a portal enables an undefined identity provider or store",
    doc: include_str!("../../lints/unknown_portal.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        let sec = &host.security;
        // Portals exist only in the extended schema, and only while the
        // security app is on (`portal_disabled` reports the rest).
        if sec.schema != Schema::Extended || !util::security_on(cx, host) {
            continue;
        }
        site_portals(cx, host);
        portal_members(cx, host);
    }
}

/// Each protected site's `portal` must be an `authenticationPortals` entry.
fn site_portals(cx: &mut LintCx<'_>, host: &Host) {
    let sec = &host.security;
    for site in host.sites() {
        if site.protected() != Some(true) {
            continue;
        }
        let field = util::written(&site, |cs| &cs.portal);
        let portal = match &field.value {
            Known::Value(p) => p,
            Known::Unknown(reason) => {
                cx.unresolved(host, "the portal", reason, field.location());
                continue;
            }
            Known::Absent => continue,
        };
        let Some(defined) = names(cx, host, &sec.portals.value, "the portal", field.location())
        else {
            continue;
        };
        if defined.contains(&portal.as_str()) {
            continue;
        }
        let at = if field.location().is_synthetic() {
            util::opt_in_location(&site)
        } else {
            field.location()
        };
        let what = if field.from_default {
            format!("portal `{portal}` (the default) is not defined")
        } else {
            format!("portal `{portal}` is not defined")
        };
        let mut d = cx
            .diag(host, at, what)
            .help(suggestion(portal, &defined, "portal", "authenticationPortals"));
        if field.from_default {
            let opt_in = util::opt_in_location(&site);
            if !opt_in.is_synthetic() && opt_in != at {
                d = d.label(
                    opt_in,
                    format!("`{}` uses the default portal", site.name()),
                );
            }
        } else if !field.via.is_synthetic() && field.via.file != at.file {
            d = d.label(field.via, "through this definition");
        }
        cx.emit(util::for_site(d, &site));
    }
}

/// Each portal's `identityProviders` and `identityStores` must be defined.
fn portal_members(cx: &mut LintCx<'_>, host: &Host) {
    let sec = &host.security;
    let Known::Value(portals) = &sec.portals.value else {
        return;
    };
    for portal in portals {
        member_list(
            cx,
            host,
            &portal.name,
            &portal.identity_providers,
            &sec.identity_providers.value,
            "identityProviders",
            "identity provider",
        );
        member_list(
            cx,
            host,
            &portal.name,
            &portal.identity_stores,
            &sec.identity_stores.value,
            "localIdentityStores",
            "identity store",
        );
    }
}

fn member_list<T: Named>(
    cx: &mut LintCx<'_>,
    host: &Host,
    portal: &str,
    list: &Field<StrList>,
    defined_in: &Known<Vec<T>>,
    option: &str,
    what: &str,
) {
    if let Some(reason) = list.value.unknown_reason() {
        cx.unresolved(host, "the portal's members", reason, list.location());
        return;
    }
    for (name, item) in known_items(list) {
        let defined: Vec<&str> = match defined_in {
            Known::Value(items) => items.iter().map(Named::name).collect(),
            Known::Absent => Vec::new(),
            Known::Unknown(reason) => {
                cx.unresolved(host, "the portal's members", reason, item.span);
                return;
            }
        };
        if defined.contains(&name) {
            continue;
        }
        let d = cx
            .diag(
                host,
                item.span,
                format!("portal `{portal}` enables {what} `{name}`, which is not defined"),
            )
            .help(suggestion(name, &defined, what, option));
        cx.emit(d);
    }
}

trait Named {
    fn name(&self) -> &str;
}

impl Named for crate::model::IdentityProvider {
    fn name(&self) -> &str {
        &self.name
    }
}

impl Named for crate::model::IdentityStore {
    fn name(&self) -> &str {
        &self.name
    }
}

fn names<'m>(
    cx: &mut LintCx<'_>,
    host: &Host,
    portals: &'m Known<Vec<crate::model::Portal>>,
    what: &str,
    at: Span,
) -> Option<Vec<&'m str>> {
    match portals {
        Known::Value(ps) => Some(ps.iter().map(|p| p.name.as_str()).collect()),
        Known::Absent => Some(Vec::new()),
        Known::Unknown(reason) => {
            cx.unresolved(host, what, reason, at);
            None
        }
    }
}

/// "did you mean `x`? defined portals: `a` and `b`".
fn suggestion(name: &str, defined: &[&str], what: &str, option: &str) -> String {
    let known = if defined.is_empty() {
        format!("no {what} is defined in `modules.services.caddy.security.{option}`")
    } else {
        format!("defined: {}", code_list(defined))
    };
    match util::nearest(name, defined.iter().map(|c| (*c, ())), portal_key) {
        Some((near, ())) => format!("did you mean `{near}`? {known}"),
        None => known,
    }
}

/// Portal names compare without case and punctuation.
fn portal_key(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}
