use crate::caddy::go_regex::GoRegex;
use crate::diagnostic::Severity;
use crate::model::Model;

use super::util::{self, known_items};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "invalid_bypass_regex",
    severity: Severity::Error,
    summary: "a bypassResources regex that Go's regexp (RE2) rejects",
    doc: include_str!("../../lints/invalid_bypass_regex.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for b in util::active_blocks(model) {
        if let Some(reason) = b.cs.bypass_resources.value.unknown_reason() {
            cx.unresolved(b.host, "the bypass regexes", reason, b.cs.bypass_resources.location());
            continue;
        }
        for (re, item) in known_items(&b.cs.bypass_resources) {
            let Err(err) = GoRegex::compile(re) else { continue };
            let d = cx
                .diag(
                    b.host,
                    item.span,
                    format!(
                        "the bypass regex {} does not compile as a Go regexp, so Caddy rejects the configuration: {err}",
                        util::shown(re)
                    ),
                )
                .help(help(err.code));
            let d = cx.with_provenance(d, &b.cs.bypass_resources);
            cx.emit(util::for_block(d, &b));
        }
    }
}

fn help(code: crate::caddy::go_regex::GoErrorCode) -> &'static str {
    use crate::caddy::go_regex::GoErrorCode as C;
    match code {
        C::InvalidPerlOp => {
            "Go's RE2 has no look-around, backreferences, `(?x)` or `\\Z`; rewrite the regex without them (`^/api/health$`)"
        }
        C::InvalidEscape => {
            "escape only punctuation (`\\.`, `\\/`) and use `\\x{41}` rather than `\\u0041`"
        }
        C::InvalidRepeatOp => "drop the doubled repetition operator (`a**` is `a*`; `a{2}{3}` is `a{6}`)",
        C::InvalidRepeatSize => {
            "Go allows repeat counts up to 1000, with the minimum not above the maximum; use `+` or `*` for longer runs"
        }
        _ => "fix the regex syntax; bypassResources are Go RE2 regexes (`^/api/health$`)",
    }
}
