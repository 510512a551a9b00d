use crate::diagnostic::Severity;
use crate::model::{Known, Model, Schema};

use super::util::{self, code_list};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "unknown_policy",
    severity: Severity::Error,
    summary: "caddySecurity names a policy no module defines",
    doc: include_str!("../../lints/unknown_policy.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for b in util::active_blocks(model) {
        let field = &b.cs.policy;
        let policy = match &field.value {
            Known::Value(p) => p,
            Known::Unknown(reason) => {
                cx.unresolved(b.host, "the policy", reason, field.location());
                continue;
            }
            Known::Absent => continue,
        };
        let security = &b.host.security;
        // Without the global block nothing can be resolved; portal_disabled
        // reports that.
        if !security.present {
            continue;
        }
        let defined: Vec<&str> = match &security.policies.value {
            Known::Value(ps) => ps.iter().map(|p| p.name.as_str()).collect(),
            Known::Absent => Vec::new(),
            Known::Unknown(reason) => {
                cx.unresolved(b.host, "the policy", reason, field.location());
                continue;
            }
        };
        if defined.contains(&policy.as_str()) {
            continue;
        }
        let option = match security.schema {
            Schema::Documented => "modules.services.caddy.security.policies",
            Schema::Extended => "modules.services.caddy.security.authorizationPolicies",
        };
        let mut help = if defined.is_empty() {
            format!("no policy is defined; add `{option}.{policy}`")
        } else {
            format!("defined policies: {}", code_list(&defined))
        };
        if let Some((near, ())) =
            util::nearest(policy, defined.iter().map(|c| (*c, ())), str::to_lowercase)
        {
            help = format!("did you mean `{near}`? {help}");
        }
        let mut d = cx
            .diag(b.host, field.location(), format!("policy `{policy}` is not defined"))
            .help(help);
        if field.defined_at != field.location() {
            d = d.label(field.defined_at, "the policy is set here");
        }
        // The definition a preset came through (another file); for a
        // literal `caddySecurity = { ... }` it is just the enclosing block.
        if !field.via.is_synthetic() && field.via.file != field.location().file {
            d = d.label(field.via, "through this definition");
        }
        cx.emit(util::for_block(d, &b));
    }
}
