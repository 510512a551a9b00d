use crate::diagnostic::Severity;

use super::Rule;

pub const RULE: Rule = Rule {
    name: "invalid_suppression",
    severity: Severity::Warning,
    summary: "a `# pocketlint: allow(...)` comment names no rule",
    doc: include_str!("../../lints/invalid_suppression.md"),
    check: None,
    default_enabled: true,
};
