use crate::caddy::go_regex::GoRegex;
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::Model;

use super::util::{self, known_items};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "unanchored_bypass_regex",
    severity: Severity::Error,
    summary: "a bypassResources regex without `^` (or, for an exact path, without `$`)",
    doc: include_str!("../../lints/unanchored_bypass_regex.md"),
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
            // Invalid regexes and bypass-everything ones have their own rules.
            let Ok(regex) = GoRegex::compile(re) else { continue };
            if regex.matches_every_path() {
                continue;
            }
            let anchoring = regex.anchoring();
            // `.*x` is explicit about matching anywhere: it means `^.*x`.
            let start = anchoring.start || leads_with_any(re);
            let end = anchoring.end || !regex.looks_like_exact_path();
            if start && end {
                continue;
            }
            let shown = util::shown(re);
            // Under `(?m)`, `^` and `$` also match at a newline (`%0A`).
            let multiline = if multi_line(re) {
                " (under `(?m)`, `^` and `$` also match at every line break)"
            } else {
                ""
            };
            let mut d = if start {
                let mut d = cx.diag(
                    b.host,
                    item.span,
                    format!(
                        "the bypass regex {shown} is not anchored at the end (`$`){multiline}: Go regexes also match longer paths, so it bypasses authentication for {} too",
                        example(re, false, true)
                    ),
                );
                d.severity = Severity::Warning;
                d
            } else {
                let what = if end {
                    "at the start (`^`)"
                } else {
                    "at either end (`^…$`)"
                };
                cx.diag(
                    b.host,
                    item.span,
                    format!(
                        "the bypass regex {shown} is not anchored {what}{multiline}: Go regexes match anywhere in the path, so it bypasses authentication for {} too",
                        example(re, true, !end)
                    ),
                )
            };
            d = d.help("anchor the regex on the whole path: `^/api/health$` (leave out `$` only for a deliberate prefix such as `^/rss/`)");
            if let Some(fixed) = anchored(re, start, end) {
                if cx.is_literal(item.span, re) {
                    d = d.fix(Fix {
                        title: format!("anchor as `{fixed}`"),
                        edits: vec![Edit {
                            span: item.span,
                            replacement: fixed,
                        }],
                        applicability: Applicability::Unsafe,
                    });
                }
            }
            d = cx.with_provenance(d, &b.cs.bypass_resources);
            cx.emit(util::for_block(d, &b));
        }
    }
}

/// Whether an inline flag group turns on multi-line mode (`(?m)`, `(?im:`).
fn multi_line(re: &str) -> bool {
    re.match_indices("(?").any(|(i, _)| {
        let flags: String = re[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
            .collect();
        flags.split('-').next().is_some_and(|on| on.contains('m'))
    })
}

/// The pattern starts with `.*` or `.+` (after inline flags): anchoring it
/// at the start changes nothing.
fn leads_with_any(re: &str) -> bool {
    let mut rest = re;
    while let Some(r) = rest.strip_prefix("(?") {
        match r.find(')') {
            Some(i) if r[..i].chars().all(|c| c.is_ascii_alphabetic() || c == '-') => {
                rest = &r[i + 1..];
            }
            _ => break,
        }
    }
    rest.starts_with(".*") || rest.starts_with(".+")
}

/// A readable stand-in for the text the regex matches, for messages: the
/// pattern without anchors and with the common escapes undone, when that
/// is plain path text; `…` otherwise.
fn plain(re: &str) -> Option<String> {
    let body = re.strip_prefix('^').or_else(|| re.strip_prefix("\\A")).unwrap_or(re);
    let body = body
        .strip_suffix('$')
        .or_else(|| body.strip_suffix("\\z"))
        .unwrap_or(body);
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e) if "./-_~".contains(e) => out.push(e),
                _ => return None,
            },
            c if c.is_ascii_alphanumeric() || "/-_~".contains(c) => out.push(c),
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A path the regex matches though it was not meant to (in backticks): one
/// with text in front (`before`) and/or behind (`after`) what the pattern
/// spells out.
fn example(re: &str, before: bool, after: bool) -> String {
    let Some(mut p) = plain(re) else {
        return if before {
            "any path that merely contains a match".to_string()
        } else {
            "longer paths that start with a match".to_string()
        };
    };
    if before {
        p = if p.starts_with('/') {
            format!("/x{p}")
        } else {
            format!("/x/{p}")
        };
    }
    if after {
        if !p.ends_with('/') {
            p.push('/');
        }
        p.push('y');
    }
    format!("`{p}`")
}

/// The pattern with the missing anchors added, grouped when a top-level
/// alternation needs it; `None` if that would not anchor it.
fn anchored(re: &str, start: bool, end: bool) -> Option<String> {
    let wrap = |inner: &str| {
        format!(
            "{}{inner}{}",
            if start { "" } else { "^" },
            if end { "" } else { "$" }
        )
    };
    for candidate in [wrap(re), wrap(&format!("(?:{re})"))] {
        if let Ok(r) = GoRegex::compile(&candidate) {
            let a = r.anchoring();
            if (start || a.start) && (end || a.end) {
                return Some(candidate);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_added_where_missing() {
        assert_eq!(anchored("/api", false, false).as_deref(), Some("^/api$"));
        assert_eq!(anchored("/rss/", false, true).as_deref(), Some("^/rss/"));
        assert_eq!(anchored("^/api", true, false).as_deref(), Some("^/api$"));
        assert_eq!(anchored("/a|/b", false, false).as_deref(), Some("^(?:/a|/b)$"));
        assert_eq!(anchored("^/a|^/b", true, false).as_deref(), Some("(?:^/a|^/b)$"));
    }

    #[test]
    fn explicit_any_prefix_and_multiline_flags() {
        assert!(leads_with_any(".*\\.ics$"));
        assert!(leads_with_any("(?i).+/status$"));
        assert!(!leads_with_any("/x.*"));
        assert!(multi_line("(?m)^/a$"));
        assert!(multi_line("(?im:^/a$)"));
        assert!(!multi_line("(?i-m)^/a$"));
        assert!(!multi_line("^/a$"));
    }

    #[test]
    fn examples_show_the_extra_match() {
        assert_eq!(example("/api/status", true, true), "`/x/api/status/y`");
        assert_eq!(example("/rss/", true, false), "`/x/rss/`");
        assert_eq!(example("^/api/status", false, true), "`/api/status/y`");
        assert_eq!(example("^/a\\.ics", false, true), "`/a.ics/y`");
        assert_eq!(
            example("^/a/\\d+", false, true),
            "longer paths that start with a match"
        );
    }
}
