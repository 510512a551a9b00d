use crate::diagnostic::Severity;

use super::Rule;

pub const RULE: Rule = Rule {
    name: "eval_error",
    severity: Severity::Error,
    summary: "evaluating a host fails (as nixos-rebuild would)",
    doc: include_str!("../../lints/eval_error.md"),
    check: None,
    default_enabled: true,
};
