use crate::diagnostic::Severity;

use super::Rule;

pub const RULE: Rule = Rule {
    name: "unresolved_value",
    severity: Severity::Info,
    summary: "a rule skipped a value it could not evaluate (off by default)",
    doc: include_str!("../../lints/unresolved_value.md"),
    check: None,
    default_enabled: false,
};
