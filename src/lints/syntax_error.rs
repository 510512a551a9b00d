use crate::diagnostic::Severity;

use super::Rule;

pub const RULE: Rule = Rule {
    name: "syntax_error",
    severity: Severity::Error,
    summary: "a file does not parse",
    doc: include_str!("../../lints/syntax_error.md"),
    check: None,
    default_enabled: true,
};
