use crate::diagnostic::Severity;
use crate::model::{Known, Model, Schema};

use super::util::{self, surely_non_empty};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "bypass_matcher_conflict",
    severity: Severity::Warning,
    summary: "bypass paths and regexes, or several regexes, merged into one ANDed Caddy matcher",
    doc: include_str!("../../lints/bypass_matcher_conflict.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for b in util::active_blocks(model) {
        // Only the extended schema's module is known to render one named
        // matcher per site (SEMANTICS §1.1); the documented schema's
        // generator is the repository's own.
        if b.host.security.schema != Schema::Extended {
            continue;
        }
        let paths = &b.cs.bypass_paths;
        let resources = &b.cs.bypass_resources;
        for (field, other) in [(paths, resources), (resources, paths)] {
            if let Some(reason) = field.value.unknown_reason() {
                if surely_non_empty(other) {
                    cx.unresolved(b.host, "the bypasses", reason, field.location());
                }
            }
        }
        if surely_non_empty(paths) && surely_non_empty(resources) {
            let d = cx
                .diag(
                    b.host,
                    resources.location(),
                    "`bypassPaths` and `bypassResources` go into one Caddy matcher, which requires both: a request skips authentication only if its path has one of the prefixes AND matches the regex",
                )
                .label(paths.location(), "these prefixes are ANDed with the regexes")
                .help("keep one list: prefixes alone (`/api`, `/feed`), or one regex with anchored alternatives (`^/api/|^/feed/calendar\\.ics$`)");
            cx.emit(util::for_block(cx.with_provenance(d, resources), &b));
        }
        if let Known::Value(items) = &resources.value {
            if items.len() > 1 {
                let n = items.len();
                let mut d = cx
                    .diag(
                        b.host,
                        resources.location(),
                        format!(
                            "{n} `bypassResources` regexes go into one Caddy matcher, where only one `expression` line survives (the first on Caddy 2.11, the last on 2.6): the others never bypass anything"
                        ),
                    )
                    .help("combine them into one regex with `|` (`^/a$|^/b$`)");
                for item in items.iter().skip(1) {
                    d = d.label(item.span, "ignored by Caddy 2.11");
                }
                d = cx.with_provenance(d, resources);
                cx.emit(util::for_block(d, &b));
            }
        }
    }
}
