use crate::diagnostic::Severity;
use crate::files::Span;
use crate::model::{Host, Known, Model};

use crate::dns;
use super::util;
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "protected_portal",
    severity: Severity::Error,
    summary: "Pocket ID's own site sits behind caddySecurity",
    doc: include_str!("../../lints/protected_portal.md"),
    check: Some(check),
    default_enabled: true,
};

/// A name Pocket ID answers under, with where it comes from.
struct IdpName {
    name: String,
    at: Span,
    what: String,
}

/// Pocket ID's names on this host (when it runs here) and the hosts the
/// identity providers fetch from.
fn idp_names(host: &Host) -> Vec<IdpName> {
    let mut out = Vec::new();
    let p = &host.pocketid;
    if p.enable.get() == Some(&true) {
        for (f, what) in [(&p.domain, "`domain`"), (&p.public_url, "`publicUrl`")] {
            let Some(v) = f.get() else { continue };
            let name = if v.contains("://") {
                dns::url_host(v)
            } else {
                Some(dns::normalize(v))
            };
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                out.push(IdpName {
                    name,
                    at: f.location(),
                    what: format!("Pocket ID's {what}"),
                });
            }
        }
    }
    if let Known::Value(providers) = &host.security.identity_providers.value {
        for ip in providers {
            for (f, option) in [
                (&ip.base_auth_url, "baseAuthUrl"),
                (&ip.metadata_url, "metadataUrl"),
            ] {
                if let Some(name) = f.get().and_then(|u| dns::url_host(u)) {
                    out.push(IdpName {
                        name,
                        at: f.location(),
                        what: format!("identity provider `{}`'s `{option}`", ip.name),
                    });
                }
            }
        }
    }
    out
}

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        // With the security app off nothing is protected for real;
        // `portal_disabled` reports that.
        if !util::security_on(cx, host) {
            continue;
        }
        let names = idp_names(host);
        if names.is_empty() {
            continue;
        }
        for site in host.sites() {
            if site.protected() != Some(true) {
                continue;
            }
            let field = site.host_name();
            let name = match &field.value {
                Known::Value(n) => dns::normalize(n),
                Known::Unknown(reason) => {
                    cx.unresolved(host, "the hostName", reason, field.location());
                    continue;
                }
                Known::Absent => continue,
            };
            let Some(idp) = names.iter().find(|n| n.name == name) else {
                continue;
            };
            let at = util::opt_in_location(&site);
            let mut d = cx
                .diag(
                    host,
                    at,
                    format!(
                        "`{}` puts `{name}` behind caddySecurity, but that is where Pocket ID answers ({}): the portal's redirect to Pocket ID, its discovery fetch and the callback all land in `authorize`, so nobody can log in",
                        site.name(),
                        idp.what
                    ),
                )
                .help(if site.name().to_ascii_lowercase().contains("pocket") {
                    format!(
                        "turn caddySecurity off for `{}`: Pocket ID authenticates its own users",
                        site.name()
                    )
                } else {
                    format!(
                        "give `{}` a hostName of its own: Pocket ID's name must be served without caddySecurity",
                        site.name()
                    )
                });
            if !idp.at.is_synthetic() && idp.at != at {
                d = d.label(idp.at, "Pocket ID is served under this name");
            }
            if let Some(hn) = util::own_host_name_location(cx, &site)
                && hn != at
                && hn != idp.at
            {
                d = d.label(hn, "the protected site's hostName");
            }
            cx.emit(util::for_site(d, &site));
        }
    }
}
