//! What several rules need: the caddySecurity blocks that take effect,
//! walking known values, and small text helpers.

use crate::diagnostic::Diagnostic;
use crate::files::Span;
use crate::model::{
    CaddySecurity, Field, Host, Known, Located, Model, Service, Site, StrList, VirtualHost,
};

use super::LintCx;

/// Who a `caddySecurity` block belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'m> {
    Service(&'m Service),
    VirtualHost(&'m VirtualHost),
}

impl<'m> Owner<'m> {
    pub fn name(&self) -> &'m str {
        match self {
            Owner::Service(s) => &s.name,
            Owner::VirtualHost(v) => &v.name,
        }
    }

    pub fn host_name(&self) -> &'m Field<String> {
        match self {
            Owner::Service(s) => &s.host_name,
            Owner::VirtualHost(v) => &v.host_name,
        }
    }
}

/// A `caddySecurity` block that is on: its service (or virtual host) is
/// published and the block is enabled, as far as the evaluation knows.
#[derive(Debug, Clone, Copy)]
pub struct Block<'m> {
    pub host: &'m Host,
    pub owner: Owner<'m>,
    pub cs: &'m CaddySecurity,
}

/// Every enabled block of every host: services' own blocks and the virtual
/// hosts' (the same values arriving twice are reported once, since
/// findings with the same location merge).
pub fn active_blocks(model: &Model) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    for host in &model.hosts {
        for svc in &host.services {
            if svc.published() == Some(true) && svc.caddy_security.enabled() == Some(true) {
                out.push(Block {
                    host,
                    owner: Owner::Service(svc),
                    cs: &svc.caddy_security,
                });
            }
        }
        if let Known::Value(vhosts) = &host.virtual_hosts.value {
            for vh in vhosts {
                let on = !matches!(vh.enable.value, Known::Value(false) | Known::Unknown(_));
                if on && vh.caddy_security.enabled() == Some(true) {
                    out.push(Block {
                        host,
                        owner: Owner::VirtualHost(vh),
                        cs: &vh.caddy_security,
                    });
                }
            }
        }
    }
    out
}

/// Adds the owner to a finding about a block.
pub fn for_block(mut d: Diagnostic, b: &Block<'_>) -> Diagnostic {
    d.services.push(b.owner.name().to_string());
    d
}

/// The known strings of a list field with their locations; unknown
/// entries are skipped.
pub fn known_items(
    field: &Field<StrList>,
) -> impl Iterator<Item = (&str, &Located<Known<String>>)> {
    field
        .value
        .value()
        .into_iter()
        .flatten()
        .filter_map(|l| l.value.value().map(|s| (s.as_str(), l)))
}

/// Whether a list field is empty for sure (absent counts as empty).
pub fn surely_empty(field: &Field<StrList>) -> bool {
    match &field.value {
        Known::Absent => true,
        Known::Value(items) => items.is_empty(),
        Known::Unknown(_) => false,
    }
}

/// Whether a list field has at least one entry for sure.
pub fn surely_non_empty(field: &Field<StrList>) -> bool {
    matches!(&field.value, Known::Value(items) if !items.is_empty())
}

/// "a, b and c" in backticks.
pub fn code_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.len() {
        0 => "none".into(),
        1 => quoted[0].clone(),
        _ => format!(
            "{} and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    }
}

/// Every `allowedNetworks` list of a host that takes effect: enabled
/// blocks, their static API keys, and the global policies; with the owner
/// (service or virtual host) when there is one.
pub fn network_fields(model: &Model) -> Vec<(&Host, &Field<StrList>, Option<&str>)> {
    let mut out = Vec::new();
    for b in active_blocks(model) {
        out.push((b.host, &b.cs.allowed_networks, Some(b.owner.name())));
        if let Known::Value(keys) = &b.cs.static_api_keys.value {
            for k in keys {
                out.push((b.host, &k.allowed_networks, Some(b.owner.name())));
            }
        }
    }
    for host in &model.hosts {
        if let Known::Value(policies) = &host.security.policies.value {
            for p in policies {
                out.push((host, &p.allowed_networks, None));
            }
        }
    }
    out
}

/// A value in backticks for a message; an empty string shows as `""`.
pub fn shown(s: &str) -> String {
    if s.is_empty() {
        "`\"\"`".to_string()
    } else {
        format!("`{s}`")
    }
}

/// Where a site's hostName is best pointed at: the literal when it is
/// written out, else the `subdomain` it was built from
/// (`"${subdomain}.${domain}"` in a shared module), else the definition.
pub fn host_name_location(cx: &LintCx<'_>, site: &Site<'_>) -> Span {
    host_name_origin(cx, site).location()
}

/// Where the site's own hostName is written, when it is written for this
/// site (a literal, or the `subdomain` it is built from) rather than by a
/// shared template.
pub fn own_host_name_location(cx: &LintCx<'_>, site: &Site<'_>) -> Option<Span> {
    let origin = host_name_origin(cx, site);
    let field = site.host_name();
    let own =
        !std::ptr::eq(origin, field) || field.get().is_some_and(|n| cx.is_literal(field.span, n));
    (own && !origin.location().is_synthetic()).then(|| origin.location())
}

/// The field that determined a site's hostName (see `host_name_location`).
pub fn host_name_origin<'h>(cx: &LintCx<'_>, site: &Site<'h>) -> &'h Field<String> {
    let field = site.host_name();
    let Some(name) = field.get() else {
        return field;
    };
    if cx.is_literal(field.span, name) {
        return field;
    }
    let Some(sub) = site.service().map(|s| &s.subdomain) else {
        return field;
    };
    match sub.get() {
        Some(s)
            if !s.is_empty()
                && !sub.location().is_synthetic()
                && name
                    .to_ascii_lowercase()
                    .starts_with(&format!("{}.", s.to_ascii_lowercase())) =>
        {
            sub
        }
        _ => field,
    }
}

/// Adds the site to a finding about it.
pub fn for_site(mut d: Diagnostic, site: &Site<'_>) -> Diagnostic {
    d.services.push(site.name().to_string());
    d
}

/// The `caddySecurity` a site's owner wrote: the service's own block when
/// the site has a service that enables it, else the enforced block (a
/// forwarded block carries the same values but comes "via" the module
/// that forwards it).
pub fn written_block<'h>(site: &Site<'h>) -> &'h CaddySecurity {
    match site.service() {
        Some(svc) if svc.caddy_security.enabled() == site.caddy_security().enabled() => {
            &svc.caddy_security
        }
        _ => site.caddy_security(),
    }
}

/// A field of the site's `caddySecurity` as its owner wrote it: the
/// service's own when the enforced block carries the same value, else the
/// enforced one.
pub fn written<'h, T: PartialEq>(
    site: &Site<'h>,
    get: impl Fn(&'h CaddySecurity) -> &'h Field<T>,
) -> &'h Field<T> {
    let enforced = get(site.caddy_security());
    match site.service() {
        Some(svc) if get(&svc.caddy_security).value == enforced.value => get(&svc.caddy_security),
        _ => enforced,
    }
}

/// Where a site opted in to caddySecurity: the `enable` it wrote, or the
/// definition it came through when that is a preset in another file
/// (`caddySecurity = presets.admin // { ... };`).
pub fn opt_in_location(site: &Site<'_>) -> Span {
    let cs = written_block(site);
    let enable = cs.enable.location();
    if enable.is_synthetic() {
        return if cs.enable.via.is_synthetic() {
            cs.span
        } else {
            cs.enable.via
        };
    }
    if !cs.enable.via.is_synthetic() && cs.enable.via.file != enable.file {
        cs.enable.via
    } else {
        enable
    }
}
