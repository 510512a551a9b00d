use crate::caddy::go_regex::GoRegex;
use crate::caddy::path_match::PathPattern;
use crate::diagnostic::Severity;
use crate::model::Model;

use super::util::{self, known_items};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "bypass_matches_everything",
    severity: Severity::Error,
    summary: "a bypass path or regex that matches every request",
    doc: include_str!("../../lints/bypass_matches_everything.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for b in util::active_blocks(model) {
        for (path, item) in known_items(&b.cs.bypass_paths) {
            // The generator appends `*` to every entry.
            let pattern = PathPattern::new(&format!("{path}*"));
            if matches!(path, "" | "/" | "*" | "/*") || pattern.matches_every_path() {
                let d = cx
                    .diag(
                        b.host,
                        item.span,
                        format!(
                            "the bypass path {} becomes `{path}*`, which matches every request: authentication is off for the whole site",
                            util::shown(path)
                        ),
                    )
                    .help("list the specific paths that must skip authentication (`/api/health`)");
                let d = with_use_site(cx, d, item.span, &b.cs.bypass_paths);
                cx.emit(util::for_block(d, &b));
            }
        }
        for (re, item) in known_items(&b.cs.bypass_resources) {
            let Ok(regex) = GoRegex::compile(re) else { continue };
            if regex.matches_every_path() {
                let d = cx
                    .diag(
                        b.host,
                        item.span,
                        format!(
                            "the bypass regex {} matches every request path: authentication is off for the whole site",
                            util::shown(re)
                        ),
                    )
                    .help("anchor the regex on the exact path that must skip authentication (`^/api/health$`)");
                let d = with_use_site(cx, d, item.span, &b.cs.bypass_resources);
                cx.emit(util::for_block(d, &b));
            }
        }
    }
}

/// An entry written elsewhere (an option default, a `let`, a preset) gets a
/// label where the list that uses it is defined.
fn with_use_site(
    cx: &LintCx<'_>,
    d: crate::diagnostic::Diagnostic,
    entry: crate::files::Span,
    list: &crate::model::Field<crate::model::StrList>,
) -> crate::diagnostic::Diagnostic {
    let used = list.defined_at;
    if used.is_synthetic() || cx.same_line(used, entry) {
        return d;
    }
    d.label(used, "the list that uses it is set here")
}
