use crate::diagnostic::Severity;
use crate::model::{Known, Model};

use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "nixos_warning",
    severity: Severity::Warning,
    summary: "a module of the host emits a NixOS warning",
    doc: include_str!("../../lints/nixos_warning.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        let warnings = match &host.warnings {
            Known::Value(w) => w,
            Known::Unknown(reason) => {
                cx.unresolved(host, "`warnings`", reason, host_span(host));
                continue;
            }
            Known::Absent => continue,
        };
        for w in warnings {
            let message = match &w.message {
                Known::Value(m) => format!("`nixos-rebuild` warns: {m}"),
                Known::Unknown(r) => {
                    cx.unresolved(host, "a warning", r, w.span);
                    continue;
                }
                Known::Absent => continue,
            };
            let mut d = cx
                .diag(host, w.span, message)
                .help("`nixos-rebuild` prints this on every build; change the setting it names");
            for (option, span) in &w.triggers {
                d = d.label(*span, format!("`{option}` is set here"));
            }
            cx.emit(d);
        }
    }
}

fn host_span(host: &crate::model::Host) -> crate::files::Span {
    host.domain.defined_at
}
