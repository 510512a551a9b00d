use crate::diagnostic::Severity;
use crate::model::{Known, Model};

use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "nixos_assertion",
    severity: Severity::Error,
    summary: "a NixOS assertion of the host fails: nixos-rebuild refuses to build it",
    doc: include_str!("../../lints/nixos_assertion.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        let Known::Value(assertions) = &host.assertions else {
            continue;
        };
        for a in assertions {
            match &a.failed {
                Known::Value(true) => {}
                Known::Unknown(reason) => {
                    cx.unresolved(host, "an assertion", reason, a.span);
                    continue;
                }
                _ => continue,
            }
            let message = match &a.message {
                Known::Value(m) => format!("`nixos-rebuild` fails this assertion: {m}"),
                Known::Unknown(r) => {
                    format!("`nixos-rebuild` fails this assertion (its message could not be evaluated: {r})")
                }
                Known::Absent => "`nixos-rebuild` fails this assertion, which has no message".to_string(),
            };
            let mut d = cx
                .diag(host, a.span, message)
                .help("change the setting the message names: `nixos-rebuild` stops at this assertion");
            for (option, span) in &a.triggers {
                d = d.label(*span, format!("`{option}` is set here"));
            }
            cx.emit(d);
        }
    }
}
