use crate::diagnostic::Severity;
use crate::model::{Field, Host, Known, Model, Schema, StrList};

use super::util::{self, surely_empty, surely_non_empty};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "bypass_without_network",
    severity: Severity::Warning,
    summary: "a bypass or static API key without allowedNetworks: reachable from anywhere",
    doc: include_str!("../../lints/bypass_without_network.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for b in util::active_blocks(model) {
        let cs = b.cs;
        let has_bypass = surely_non_empty(&cs.bypass_paths) || surely_non_empty(&cs.bypass_resources);
        let has_keys = matches!(&cs.static_api_keys.value, Known::Value(k) if !k.is_empty());
        if !has_bypass && !has_keys {
            continue;
        }
        if !may_have_no_fallback(cx, b.host, cs.bypass_paths.location()) {
            continue;
        }
        if has_bypass {
            let field = &cs.allowed_networks;
            if let Some(reason) = field.value.unknown_reason() {
                cx.unresolved(b.host, "the bypass networks", reason, field.location());
            } else if surely_empty(field) {
                let (primary, what) = if surely_non_empty(&cs.bypass_paths) {
                    (&cs.bypass_paths, "bypass paths")
                } else {
                    (&cs.bypass_resources, "bypass regexes")
                };
                let d = cx
                    .diag(
                        b.host,
                        primary.location(),
                        format!("these {what} have no `allowedNetworks`: the generated matcher has no `remote_ip`, so any client on the internet skips authentication on them"),
                    )
                    .help("add `allowedNetworks` with the networks the API clients use (`[ \"192.168.1.0/24\" ]`)");
                cx.emit(util::for_block(cx.with_provenance(d, primary), &b));
            }
        }
        if let Known::Value(keys) = &cs.static_api_keys.value {
            for k in keys {
                static_key(cx, &b, &k.allowed_networks, key_location(k));
            }
        }
    }
}

fn key_location(k: &crate::model::StaticApiKey) -> crate::files::Span {
    if k.name.location().is_synthetic() {
        k.span
    } else {
        k.name.location()
    }
}

fn static_key(cx: &mut LintCx<'_>, b: &util::Block<'_>, field: &Field<StrList>, at: crate::files::Span) {
    if let Some(reason) = field.value.unknown_reason() {
        cx.unresolved(b.host, "the static API key's networks", reason, field.location());
        return;
    }
    if !surely_empty(field) {
        return;
    }
    let d = cx
        .diag(
            b.host,
            at,
            "this static API key has no `allowedNetworks`: anyone on the internet who has the key skips authentication",
        )
        .help("add `allowedNetworks` to the key with the addresses of the clients that use it (`[ \"192.168.1.10\" ]`)");
    cx.emit(util::for_block(d, b));
}

/// Whether the module may emit no network guard. The extended schema's
/// module uses only the block's own list (SEMANTICS §1.1). Generators of the
/// documented schema differ: some fall back to a global policy's
/// `allowedNetworks` (the seed's `bypass` policy), so stay silent whenever
/// any policy has networks or the policies are unknown.
fn may_have_no_fallback(cx: &mut LintCx<'_>, host: &Host, at: crate::files::Span) -> bool {
    let security = &host.security;
    if security.schema == Schema::Extended {
        return true;
    }
    if !security.present {
        return false;
    }
    match &security.policies.value {
        Known::Absent => true,
        Known::Unknown(reason) => {
            cx.unresolved(host, "the fallback bypass networks", reason, at);
            false
        }
        Known::Value(policies) => policies.iter().all(|p| {
            if let Some(reason) = p.allowed_networks.value.unknown_reason() {
                cx.unresolved(host, "the fallback bypass networks", reason, p.allowed_networks.location());
                false
            } else {
                surely_empty(&p.allowed_networks)
            }
        }),
    }
}
