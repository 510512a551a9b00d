//! Turning diagnostics into output for people and tools.

pub mod github;
pub mod json;
pub mod sarif;
pub mod terminal;

/// Where a rule's documentation (`lints/<rule>.md`) is published: SARIF's
/// `helpUri` and LSP's `codeDescription.href`.
pub fn rule_doc_url(rule: &str) -> String {
    format!("https://github.com/pocketlint/pocketlint/blob/main/lints/{rule}.md")
}
