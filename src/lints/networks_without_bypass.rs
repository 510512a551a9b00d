use crate::diagnostic::Severity;
use crate::model::Model;

use crate::caddy::caddyfile::matchers::MatcherKind;

use crate::model::generated_routes as generated;
use super::util::{self, surely_empty, surely_non_empty};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "networks_without_bypass",
    severity: Severity::Warning,
    summary: "allowedNetworks without bypassPaths or bypassResources: it restricts nothing",
    doc: include_str!("../../lints/networks_without_bypass.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for b in util::active_blocks(model) {
        let cs = b.cs;
        if !surely_non_empty(&cs.allowed_networks) {
            continue;
        }
        let mut unknown = false;
        for field in [&cs.bypass_paths, &cs.bypass_resources] {
            if let Some(reason) = field.value.unknown_reason() {
                cx.unresolved(b.host, "the bypasses", reason, field.location());
                unknown = true;
            }
        }
        if unknown || !surely_empty(&cs.bypass_paths) || !surely_empty(&cs.bypass_resources) {
            continue;
        }
        // A generator may use the networks otherwise (restricting the
        // whole site): the generated Caddyfile decides when it is known.
        if networks_used(&b) == Some(true) {
            continue;
        }
        let field = &cs.allowed_networks;
        // The setting is the mistake, not the list (often a shared one).
        let at = if field.defined_at.is_synthetic() {
            field.location()
        } else {
            field.defined_at
        };
        let mut d = cx
            .diag(
                b.host,
                at,
                "`allowedNetworks` is set but there is no `bypassPaths` or `bypassResources`: it only limits who may use a bypass, so the site is not restricted to these networks",
            )
            .help("remove `allowedNetworks`, or refuse other clients in the site's Caddy configuration (`@outside not remote_ip …` with `handle @outside { respond 403 }`)");
        if !cx.same_line(at, field.location()) {
            d = d.label(field.location(), "the networks");
        }
        if !field.via.is_synthetic() {
            d = d.label(field.via, "through this definition");
        }
        cx.emit(util::for_block(d, &b));
    }
}

/// Whether a `remote_ip`/`client_ip` matcher of the block's generated site
/// was made from its `allowedNetworks` (`None`: not known).
fn networks_used(b: &util::Block<'_>) -> Option<bool> {
    let host_name = b.owner.host_name().get()?;
    let (cf, _, sr) = generated::routes_for(b.host, host_name)?;
    let items: Vec<crate::files::Span> = util::known_items(&b.cs.allowed_networks)
        .map(|(_, l)| l.span)
        .filter(|s| !s.is_synthetic())
        .collect();
    if items.is_empty() {
        return None;
    }
    Some(generated::matcher_sets(sr).iter().any(|set| {
        set.matchers.iter().any(|m| {
            matches!(m.kind, MatcherKind::Ip { .. }) && generated::made_from(cf, &m.spans, &items)
        })
    }))
}
