use crate::diagnostic::Severity;
use crate::model::{Known, Model};

use super::util;
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "portal_disabled",
    severity: Severity::Error,
    summary: "a site enables caddySecurity on a host whose portal is not enabled",
    doc: include_str!("../../lints/portal_disabled.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        let sec = &host.security;
        let state = match &sec.enable.value {
            Known::Value(true) => continue,
            Known::Value(false) if sec.enable.from_default => {
                "is never set (it defaults to `false`)"
            }
            Known::Value(false) => "is `false`",
            Known::Absent if sec.present => "is never set",
            Known::Absent => "is missing: the host has no `modules.services.caddy.security`",
            Known::Unknown(reason) => {
                for site in host.sites() {
                    if site.protected() == Some(true) {
                        let at = util::opt_in_location(&site);
                        cx.unresolved(host, "whether the portal is on", reason, at);
                    }
                }
                continue;
            }
        };
        for site in host.sites() {
            if site.protected() != Some(true) {
                continue;
            }
            let cs = util::written_block(&site);
            let at = util::opt_in_location(&site);
            let mut d = cx
                .diag(
                    host,
                    at,
                    format!(
                        "`{}` enables caddySecurity, but `modules.services.caddy.security.enable` {state} on this host: the portal is not served, so the site either redirects to a login that never comes or is served without one",
                        site.name()
                    ),
                )
                .help("set `modules.services.caddy.security.enable = true;` on this host, or turn caddySecurity off for the site");
            let enable_at = sec.enable.location();
            if matches!(sec.enable.value, Known::Value(false))
                && !sec.enable.from_default
                && !enable_at.is_synthetic()
            {
                d = d.label(enable_at, "the portal is turned off here");
            } else if sec.present && !sec.span.is_synthetic() {
                d = d.label(sec.span, "the portal is configured here without `enable = true`");
            }
            if at != cs.enable.location() && !cs.enable.location().is_synthetic() {
                d = d.label(cs.enable.location(), "caddySecurity is enabled here");
            }
            if let Some(site_at) = util::own_host_name_location(cx, &site)
                && site_at.file != at.file
            {
                d = d.label(site_at, format!("`{}` is served here", site.name()));
            }
            cx.emit(util::for_site(d, &site));
        }
    }
}
