use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::files::Span;
use crate::model::{Known, Model, Site};

use super::util;
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "duplicate_hostname",
    severity: Severity::Error,
    summary: "two sites of one host claim the same hostName",
    doc: include_str!("../../lints/duplicate_hostname.md"),
    check: Some(check),
    default_enabled: true,
};

/// One site's claim on a name.
struct Claim<'h> {
    site: Site<'h>,
    name: String,
    at: Span,
    /// The name is an option default nobody set.
    by_default: bool,
    defined_at: Span,
}

/// Caddy site addresses compare case-insensitively; a port makes another
/// site (`x:8443` is not `x`).
fn site_key(name: &str) -> String {
    let name = name.trim().to_ascii_lowercase();
    match name.strip_suffix('.') {
        Some(n) => n.to_string(),
        None => name,
    }
}

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        // Unknown virtual hosts may add sites; the services' own claims
        // still collide.
        if let Some(reason) = host.virtual_hosts.value.unknown_reason() {
            cx.unresolved(
                host,
                "the virtual hosts",
                reason,
                host.virtual_hosts.location(),
            );
        }
        let mut by_name: BTreeMap<String, Vec<Claim<'_>>> = BTreeMap::new();
        for site in host.sites() {
            // A site that may not be served claims nothing for sure.
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
            if name.trim().is_empty() {
                continue;
            }
            let origin = util::host_name_origin(cx, &site);
            let defined_at = match site.virtual_host() {
                Some(vh) => vh.defined_at,
                None => site.service().map_or(Span::SYNTHETIC, |s| s.defined_at),
            };
            by_name
                .entry(site_key(name))
                .or_default()
                .push(Claim {
                    site,
                    name: name.clone(),
                    at: origin.location(),
                    by_default: origin.from_default,
                    defined_at,
                });
        }
        for claims in by_name.values_mut() {
            if claims.len() < 2 {
                continue;
            }
            // The first claim is the one the others collide with: a name
            // nobody set (an option default) before one written out, then
            // source order.
            claims.sort_by_key(|c| (!c.by_default, c.at));
            let first = &claims[0];
            for other in &claims[1..] {
                let (at, first_at) = if other.at == first.at {
                    // One template builds both names: tell them apart by
                    // where each site is defined.
                    (other.defined_at, first.defined_at)
                } else {
                    (other.at, first.at)
                };
                let mut d = cx
                    .diag(
                        host,
                        at,
                        format!(
                            "`{}` and `{}` both claim the hostName `{}`: Caddy refuses two sites with one address, or serves only one of them",
                            other.site.name(),
                            first.site.name(),
                            other.name
                        ),
                    )
                    .help(format!(
                        "give `{}` a hostName of its own, or disable one of the two",
                        other.site.name()
                    ));
                if !first_at.is_synthetic() && first_at != at {
                    d = d.label(
                        first_at,
                        format!("`{}` claims `{}` here", first.site.name(), first.name),
                    );
                }
                d = util::for_site(d, &other.site);
                d = util::for_site(d, &first.site);
                cx.emit(d);
            }
        }
    }
}
