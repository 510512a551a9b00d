use crate::caddy::path_match::PathPattern;
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::{Field, Known, Model, Schema, StrList};

use super::util::{self, Block, known_items};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "bypass_path_format",
    severity: Severity::Warning,
    summary: "a bypass path that is not a plain `/`-prefixed path (no leading slash, glob or percent characters, a regex)",
    doc: include_str!("../../lints/bypass_path_format.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for b in util::active_blocks(model) {
        entries(cx, &b, &b.cs.bypass_paths, "bypass path");
        if let Known::Value(keys) = &b.cs.static_api_keys.value {
            for k in keys {
                entries(cx, &b, &k.paths, "static API key path");
            }
        }
    }
}

/// What is wrong with one entry.
struct Problem {
    severity: Severity,
    message: String,
    help: &'static str,
    /// The replacement text, for a literal entry, and whether it keeps
    /// what the author meant.
    fix: Option<(String, Applicability)>,
}

fn entries(cx: &mut LintCx<'_>, b: &Block<'_>, field: &Field<StrList>, noun: &str) {
    if let Some(reason) = field.value.unknown_reason() {
        cx.unresolved(b.host, &format!("the {noun}s"), reason, field.location());
        return;
    }
    let extended = b.host.security.schema == Schema::Extended;
    for (path, item) in known_items(field) {
        let Some(p) = problem(path, noun, extended) else { continue };
        let mut d = cx.diag(b.host, item.span, p.message).help(p.help);
        d.severity = p.severity;
        if let Some((fixed, applicability)) = p.fix {
            if cx.is_literal(item.span, path) {
                d = d.fix(Fix {
                    title: format!("replace with `{fixed}`"),
                    edits: vec![Edit {
                        span: item.span,
                        replacement: fixed,
                    }],
                    applicability,
                });
            }
        }
        d = cx.with_provenance(d, field);
        cx.emit(util::for_block(d, b));
    }
}

fn looks_like_regex(p: &str) -> bool {
    p.starts_with('^')
        || p.ends_with('$')
        || p.contains('\\')
        || p.contains(".*")
        || p.contains(".+")
        || p.contains(['(', ')', '|'])
}

fn problem(path: &str, noun: &str, extended: bool) -> Option<Problem> {
    let shown = util::shown(path);
    // bypass_matches_everything reports these.
    if matches!(path, "" | "/" | "*" | "/*") || PathPattern::new(&format!("{path}*")).matches_every_path() {
        return None;
    }
    // A `{…}` placeholder is filled in per request: its value is unknown.
    if PathPattern::new(path).has_placeholder() {
        return None;
    }
    if let Some(rest) = path.strip_prefix('*') {
        let rest = rest.trim_end_matches('*');
        // `*x` + the appended `*` is a substring match; other modules may
        // render a suffix match (`*x`) as well.
        let reach = if extended {
            "contains"
        } else {
            "ends with or contains"
        };
        return Some(Problem {
            severity: Severity::Error,
            message: format!(
                "the {noun} {shown} starts with `*`, which Caddy's path matcher reads as \"anything before\": it skips authentication for every path that {reach} `{rest}`, not for one prefix"
            ),
            help: "write the path prefix itself, starting with `/` (`/calendar/`)",
            fix: None,
        });
    }
    if looks_like_regex(path) {
        let dead = if PathPattern::new(&format!("{path}*")).never_matches() {
            "it never matches"
        } else {
            "its regex characters match only themselves"
        };
        return Some(Problem {
            severity: Severity::Warning,
            message: format!(
                "the {noun} {shown} looks like a regex, but Caddy matches path entries as literal prefixes: {dead}"
            ),
            help: "put regexes in `bypassResources` (`^/api/v1/status$`) and plain prefixes (`/api/`) in `bypassPaths`",
            fix: None,
        });
    }
    if !path.starts_with('/') {
        let plain = path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.~".contains(c));
        return Some(Problem {
            severity: Severity::Warning,
            message: format!(
                "the {noun} {shown} does not start with `/`: request paths always do, so it never matches"
            ),
            help: "start the path with `/` (`/api`)",
            fix: plain.then(|| (format!("/{path}"), Applicability::Safe)),
        });
    }
    if path.contains('%') {
        return Some(Problem {
            severity: Severity::Warning,
            message: format!(
                "the {noun} {shown} contains `%`: Caddy then compares it with the still percent-encoded request path, so whether it matches depends on how each client encodes the URL"
            ),
            help: "write the path decoded, as Caddy sees it after decoding the request (`/files/my-report`)",
            fix: None,
        });
    }
    let body = path.trim_end_matches('*');
    if body.contains('*') {
        return Some(Problem {
            severity: Severity::Warning,
            message: format!(
                "the {noun} {shown} has a `*` before its end: Caddy's path matcher then switches to glob matching, where `*` does not cross `/`, instead of a prefix match"
            ),
            help: "list each path prefix separately (`/api/v1/`, `/api/v2/`)",
            fix: None,
        });
    }
    if path.contains('?') {
        return Some(Problem {
            severity: Severity::Warning,
            message: format!(
                "the {noun} {shown} contains `?`: the query string is never part of the path Caddy matches, and in a glob `?` is a wildcard"
            ),
            help: "bypass paths match the path only; drop the query part (`/api`)",
            fix: None,
        });
    }
    if path.contains('[') {
        return Some(Problem {
            severity: Severity::Warning,
            message: format!(
                "the {noun} {shown} contains `[`, a glob character in Caddy's path matcher: depending on how the entry is rendered it is a character class or a literal `[`"
            ),
            help: "list the literal path prefixes instead of a character class (`/v1/`, `/v2/`)",
            fix: None,
        });
    }
    // The extended schema's module appends `*` to every entry (SEMANTICS
    // §1.1), so a trailing `*` doubles into a glob.
    if extended && path.ends_with('*') {
        let rendered = format!("{path}*");
        return Some(Problem {
            severity: Severity::Warning,
            message: format!(
                "the {noun} {shown} ends in `*`, but the module appends another: `{rendered}` is a glob in which `*` does not cross `/`, so only one path segment is bypassed"
            ),
            help: "leave out the `*`: the module already matches everything that starts with the entry",
            // Widens the bypass from one segment to the whole subtree.
            fix: Some((body.to_string(), Applicability::Unsafe)),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str, extended: bool) -> Option<(Severity, String)> {
        problem(path, "bypass path", extended).map(|p| (p.severity, p.message))
    }

    #[test]
    fn plain_prefixes_and_other_rules_cases_are_silent() {
        for p in ["/api", "/api/", "/feed", "/index.html", "/.well-known/", "", "/", "*", "/*", "{env.X}/api"] {
            assert_eq!(kind(p, true), None, "{p}");
        }
        // Depends on the module: fine when it renders `/p /p/*`.
        assert_eq!(kind("/api/*", false), None);
    }

    #[test]
    fn each_problem_is_named() {
        let msg = |p: &str, ext: bool| kind(p, ext).map(|(_, m)| m).unwrap_or_default();
        assert!(msg("api", false).contains("does not start with `/`"));
        assert!(msg("*.ics", false).contains("contains `.ics`"));
        assert_eq!(kind("*.ics", false).map(|k| k.0), Some(Severity::Error));
        assert!(msg("^/api$", false).contains("it never matches"));
        assert!(msg("/api/.*", false).contains("match only themselves"));
        assert!(msg("/a%20b", false).contains("`%`"));
        assert!(msg("/api/*/x", false).contains("glob matching"));
        assert!(msg("/api?k=v", false).contains("query string"));
        assert!(msg("/v[12]", false).contains("`[`"));
        assert!(msg("/api/*", true).contains("`/api/**`"));
    }

    #[test]
    fn fixes() {
        let fix = |p: &str, ext: bool| problem(p, "bypass path", ext).and_then(|p| p.fix);
        assert_eq!(fix("api", false), Some(("/api".to_string(), Applicability::Safe)));
        assert_eq!(fix("https://x/api", false), None);
        assert_eq!(fix("/api/*", true), Some(("/api/".to_string(), Applicability::Unsafe)));
    }
}
