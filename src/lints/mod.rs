//! The rules: one file each, listed once in `lints!`. A rule is plain data
//! plus a function over the model; its documentation is `lints/<name>.md`.

pub mod util;

use rayon::prelude::*;
use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::files::{SourceDb, Span};
use crate::model::{Host, Model};

pub use crate::suppress::{Suppressions, suppression_comments};

/// One rule.
pub struct Rule {
    /// The only identifier: file, doc, fixture folder, config key,
    /// suppression comment, SARIF id and LSP code.
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// `lints/<name>.md`.
    pub doc: &'static str,
    /// `None` for built-in rules whose findings other stages produce.
    pub check: Option<fn(&Model, &mut LintCx<'_>)>,
    /// Off unless enabled in `pocketlint.toml`.
    pub default_enabled: bool,
}

macro_rules! lints {
    ($($name:ident),* $(,)?) => {
        $(mod $name;)*
        /// Every rule, sorted by name.
        pub const ALL: &[&Rule] = &[$(&$name::RULE),*];
    };
}

lints! {
    auth_skipped_by_extra_config,
    auth_url_realm_mismatch,
    bypass_matcher_conflict,
    bypass_matches_everything,
    bypass_path_format,
    bypass_without_network,
    caddy_rejects_config,
    caddyfile_unsafe_value,
    dropped_caddy_security,
    duplicate_hostname,
    eval_error,
    generated_route_shadowed,
    hostname_mismatch,
    invalid_bypass_regex,
    invalid_suppression,
    malformed_cidr,
    missing_secret,
    networks_without_bypass,
    nixos_assertion,
    nixos_warning,
    noncanonical_cidr,
    overbroad_network,
    portal_disabled,
    protected_portal,
    syntax_error,
    unanchored_bypass_regex,
    unknown_policy,
    unknown_portal,
    unreachable_role,
    unresolved_value,
}

pub fn rule(name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.name == name)
}

/// The nearest rule names, for "did you mean".
pub fn suggest(name: &str) -> Option<&'static str> {
    ALL.iter()
        .map(|r| (strsim::levenshtein(r.name, name), r.name))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, n)| n)
}

/// Where a rule reports.
pub struct LintCx<'m> {
    pub model: &'m Model,
    db: &'m SourceDb,
    rule: &'static Rule,
    out: Vec<Diagnostic>,
    /// Unknown values this rule skipped, with the rule's name.
    unresolved: Vec<(Diagnostic, &'static str)>,
    /// Findings kept only if no finding of the named rules explains them
    /// (see [`LintCx::emit_unless_explained`]).
    conditional: Vec<Conditional>,
}

/// A finding that gives way to a more specific one.
struct Conditional {
    finding: Diagnostic,
    /// Where its cause may be reported.
    behind: Vec<Span>,
    by: &'static [&'static str],
}

impl Conditional {
    /// Whether `d` (of one of the `by` rules, about the same host) reports
    /// this finding's cause.
    fn explained_by(&self, d: &Diagnostic) -> bool {
        self.by.contains(&d.rule)
            && self.finding.hosts.iter().any(|h| d.hosts.contains(h))
            && std::iter::once(d.span)
                .chain(d.labels.iter().map(|l| l.span))
                .any(|s| {
                    self.behind
                        .iter()
                        .any(|b| crate::model::generated_routes::overlaps(s, *b))
                })
    }
}

impl<'m> LintCx<'m> {
    pub fn new(model: &'m Model, db: &'m SourceDb, rule: &'static Rule) -> LintCx<'m> {
        LintCx {
            model,
            db,
            rule,
            out: Vec::new(),
            unresolved: Vec::new(),
            conditional: Vec::new(),
        }
    }

    /// A finding of this rule about `host`, to fill in and `emit`.
    pub fn diag(&self, host: &Host, span: Span, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::new(self.rule.name, self.rule.severity, span, message);
        d.hosts.push(host.name.clone());
        d
    }

    /// Whether the source text at `span` is exactly `text`: a fix may only
    /// replace a value written literally.
    pub fn is_literal(&self, span: Span, text: &str) -> bool {
        self.db
            .get(span.file)
            .and_then(|f| {
                f.text
                    .get(span.start as usize..span.end as usize)
                    .map(|t| t == text)
            })
            .unwrap_or(false)
    }

    /// Adds secondary labels saying where a field was set, when that is
    /// not where its value is written (a list in a `let` or a preset file,
    /// used by a service), and the definition it came through.
    pub fn with_provenance<T>(
        &self,
        mut d: Diagnostic,
        field: &crate::model::Field<T>,
    ) -> Diagnostic {
        let def = field.defined_at;
        if !def.is_synthetic() && !self.same_line(def, field.location()) {
            d = d.label(def, "set here");
        }
        if !field.via.is_synthetic() {
            d = d.label(field.via, "through this definition");
        }
        d
    }

    /// Whether two locations start on the same line of the same file.
    pub fn same_line(&self, a: Span, b: Span) -> bool {
        let line = |s: Span| self.db.get(s.file).map(|f| f.line_col(s.start).line);
        a.file == b.file && line(a) == line(b)
    }

    /// The source text at `span`, when it is real source.
    pub fn source(&self, span: Span) -> Option<String> {
        if span.is_synthetic() {
            return None;
        }
        self.db.get(span.file).and_then(|f| {
            f.text
                .get(span.start as usize..span.end as usize)
                .map(str::to_string)
        })
    }

    pub fn emit(&mut self, d: Diagnostic) {
        if !d.span.is_synthetic() {
            self.out.push(d);
        }
    }

    /// Reports `d` unless a finding of one of the rules `by` that is shown
    /// (its rule is enabled and no comment suppresses it) points into
    /// `behind`: a more precise rule then owns the problem. Decided once
    /// every rule has run.
    pub fn emit_unless_explained(
        &mut self,
        d: Diagnostic,
        behind: Vec<Span>,
        by: &'static [&'static str],
    ) {
        if !d.span.is_synthetic() {
            self.conditional.push(Conditional {
                finding: d,
                behind,
                by,
            });
        }
    }

    /// The rule needed a value that could not be evaluated; it stays
    /// silent, and `unresolved_value` (off by default) says why.
    pub fn unresolved(&mut self, host: &Host, what: &str, reason: &str, span: Span) {
        if span.is_synthetic() {
            return;
        }
        let mut d = Diagnostic::new(
            "unresolved_value",
            Severity::Info,
            span,
            format!("could not evaluate {what}: {reason}"),
        );
        d.hosts.push(host.name.clone());
        self.unresolved.push((d, self.rule.name));
    }
}

/// The level each rule runs at after `pocketlint.toml`.
pub fn effective_severity(rule: &Rule, config: &Config) -> Option<Severity> {
    match config.rules.get(rule.name) {
        Some(level) => level.severity(),
        None if rule.default_enabled => Some(rule.severity),
        None => None,
    }
}

/// Checks that `pocketlint.toml` names only real rules.
pub fn validate_config(config: &Config) -> Result<(), String> {
    for name in config.rules.keys() {
        if rule(name).is_none() {
            return Err(match suggest(name) {
                Some(s) => {
                    format!("unknown rule `{name}` in pocketlint.toml (did you mean `{s}`?)")
                }
                None => {
                    format!("unknown rule `{name}` in pocketlint.toml (see `pocketlint rules`)")
                }
            });
        }
    }
    Ok(())
}

/// Runs the enabled rules (or only `only`, for fixtures) over the model.
/// Findings of one preset shared by several services or hosts come out
/// once, with all of them listed.
/// `suppressed` says which findings a comment will hide: those do not
/// explain another rule's finding away (see
/// [`LintCx::emit_unless_explained`]).
pub fn run(
    model: &Model,
    db: &SourceDb,
    config: &Config,
    only: Option<&str>,
    suppressed: &(dyn Fn(&Diagnostic) -> bool + Sync),
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut unresolved: Vec<(Diagnostic, &str)> = Vec::new();
    // `unresolved_value` is fed by every other rule: its fixtures run them
    // all and keep only what they could not evaluate.
    let only_unresolved = only == Some("unresolved_value");
    let unresolved_on = only_unresolved
        || effective_severity(rule("unresolved_value").expect("registered"), config).is_some();
    // Rules are independent readers of the model: they run in parallel,
    // and their findings are gathered in registry order.
    let ran: Vec<_> = ALL
        .par_iter()
        .filter_map(|rule| {
            let check = rule.check?;
            if only.is_some_and(|o| o != rule.name) && !only_unresolved {
                return None;
            }
            // `None`: the rule runs at its defaults (fixtures always do).
            let configured = if only.is_some() {
                None
            } else {
                match config.rules.get(rule.name) {
                    Some(level) => Some(level.severity()?),
                    None if rule.default_enabled => None,
                    None => return None,
                }
            };
            let mut cx = LintCx::new(model, db, rule);
            check(model, &mut cx);
            Some((rule, configured, cx))
        })
        .collect();
    let mut pending = Vec::new();
    for (rule, configured, cx) in ran {
        if !only_unresolved {
            for mut d in cx.out {
                d.severity = configured_severity(rule, d.severity, configured);
                out.push(d);
            }
            pending.extend(cx.conditional.into_iter().map(|c| (rule, configured, c)));
        }
        if unresolved_on {
            unresolved.extend(cx.unresolved);
        }
    }
    let wanted = pending.iter().flat_map(|(_, _, c)| c.by.iter().copied());
    let explaining = explaining_findings(model, db, only, wanted.collect());
    for (rule, configured, c) in pending {
        let shown = out.iter().chain(&explaining);
        if !shown
            .into_iter()
            .any(|d| c.explained_by(d) && !suppressed(d))
        {
            let mut d = c.finding;
            d.severity = configured_severity(rule, d.severity, configured);
            out.push(d);
        }
    }
    out.extend(merge_unresolved(unresolved));
    merge_duplicates(out)
}

/// When one rule runs alone (`only`, as fixtures do), the findings of the
/// rules that could explain its conditional findings, at their defaults:
/// a rule's verdict does not depend on being run alone.
fn explaining_findings(
    model: &Model,
    db: &SourceDb,
    only: Option<&str>,
    mut names: Vec<&'static str>,
) -> Vec<Diagnostic> {
    let Some(only) = only else {
        return Vec::new();
    };
    names.retain(|n| *n != only);
    names.sort_unstable();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let Some(rule) = rule(name) else { continue };
        let Some(check) = rule.check else { continue };
        let mut cx = LintCx::new(model, db, rule);
        check(model, &mut cx);
        out.extend(cx.out);
    }
    out
}

/// One `unresolved_value` per unknown value, naming every rule that
/// skipped it.
fn merge_unresolved(all: Vec<(Diagnostic, &str)>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, Vec<&str>)> = Vec::new();
    for (d, rule) in all {
        match out
            .iter_mut()
            .find(|(e, _)| e.span == d.span && e.message == d.message)
        {
            Some((e, rules)) => {
                e.hosts.extend(d.hosts);
                if !rules.contains(&rule) {
                    rules.push(rule);
                }
            }
            None => out.push((d, vec![rule])),
        }
    }
    out.into_iter()
        .map(|(mut d, rules)| {
            d.help = Some(format!(
                "{} skipped it; a literal value (or one pocketlint can evaluate) gets the full check",
                util::code_list(&rules)
            ));
            d
        })
        .collect()
}

/// The severity a finding is reported at. A rule may emit a variant at
/// another severity than its default (`unanchored_bypass_regex` warns
/// about a missing `$` but errs about a missing `^`). Without
/// configuration each finding keeps its own severity. A level set in
/// `pocketlint.toml` becomes the severity of the rule's main findings (those
/// at the default severity) and caps every other variant: `warning` turns
/// both the errors and the warnings of a rule into warnings, `info` makes
/// everything info, and raising a rule to `error` leaves its weaker
/// variants as they are.
pub fn configured_severity(rule: &Rule, own: Severity, configured: Option<Severity>) -> Severity {
    match configured {
        None => own,
        Some(level) if own == rule.severity => level,
        Some(level) => own.min(level),
    }
}

/// One finding per (rule, location, message), with the hosts and services
/// it concerns gathered.
pub fn merge_duplicates(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut map: BTreeMap<(Span, &'static str, String), Diagnostic> = BTreeMap::new();
    for d in diags {
        match map.entry((d.span, d.rule, d.message.clone())) {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(d);
            }
            std::collections::btree_map::Entry::Occupied(mut o) => {
                let e = o.get_mut();
                e.hosts.extend(d.hosts);
                e.services.extend(d.services);
                for l in d.labels {
                    if !e.labels.contains(&l) {
                        e.labels.push(l);
                    }
                }
            }
        }
    }
    map.into_values()
        .map(|mut d| {
            d.hosts.sort();
            d.hosts.dedup();
            d.services.sort();
            d.services.dedup();
            d
        })
        .collect()
}

/// Sorts diagnostics deterministically: file name, position, rule.
pub fn sort(diags: &mut [Diagnostic], db: &SourceDb) {
    diags.sort_by(|a, b| {
        let name = |d: &Diagnostic| {
            db.get(d.span.file)
                .map(|f| f.name.clone())
                .unwrap_or_default()
        };
        (name(a), a.span.start, a.span.end, a.rule, &a.message).cmp(&(
            name(b),
            b.span.start,
            b.span.end,
            b.rule,
            &b.message,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn test_rule(severity: Severity) -> Rule {
        Rule {
            name: "test_rule",
            severity,
            summary: "",
            doc: "",
            check: None,
            default_enabled: true,
        }
    }

    #[test]
    fn configured_level_sets_the_main_variant_and_caps_the_others() {
        let (e, w, i) = (Severity::Error, Severity::Warning, Severity::Info);
        // An error rule with a warning variant (unanchored_bypass_regex).
        let anchors = test_rule(e);
        // Unconfigured: each finding keeps its own severity.
        assert_eq!(configured_severity(&anchors, e, None), e);
        assert_eq!(configured_severity(&anchors, w, None), w);
        // Lowered: both follow.
        assert_eq!(configured_severity(&anchors, e, Some(w)), w);
        assert_eq!(configured_severity(&anchors, w, Some(w)), w);
        assert_eq!(configured_severity(&anchors, e, Some(i)), i);
        assert_eq!(configured_severity(&anchors, w, Some(i)), i);
        // A warning rule with an error variant (bypass_path_format) raised
        // to error: its main findings follow, the level caps the others.
        let paths = test_rule(w);
        assert_eq!(configured_severity(&paths, w, Some(e)), e);
        assert_eq!(configured_severity(&paths, e, Some(e)), e);
        assert_eq!(configured_severity(&paths, e, Some(w)), w);
        assert_eq!(configured_severity(&paths, e, None), e);
    }

    #[test]
    fn registry_is_consistent() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            names, sorted,
            "the lints! list must be sorted and without duplicates"
        );
        for r in ALL {
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "`{}` is not snake_case",
                r.name
            );
            let doc = root.join("lints").join(format!("{}.md", r.name));
            let text = std::fs::read_to_string(&doc)
                .unwrap_or_else(|_| panic!("{} has no lints/{}.md", r.name, r.name));
            assert_eq!(
                text, r.doc,
                "{}: the embedded doc differs from lints/{}.md",
                r.name, r.name
            );
            assert!(
                text.starts_with(&format!("# {}\n", r.name)),
                "lints/{}.md must start with `# {}`",
                r.name,
                r.name
            );
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
            ] {
                assert!(
                    text.contains(heading),
                    "lints/{}.md lacks `{heading}`",
                    r.name
                );
            }
            for heading in ["## Known limitations", "## Fix safety"] {
                assert!(
                    text.contains(heading),
                    "lints/{}.md lacks `{heading}`",
                    r.name
                );
            }
            assert!(
                root.join("testdata").join(r.name).is_dir(),
                "{} has no fixtures in testdata/{}/",
                r.name,
                r.name
            );
        }
        for entry in std::fs::read_dir(root.join("lints")).expect("lints/ exists") {
            let path = entry.expect("readable").path();
            if path.extension().is_some_and(|e| e == "md") {
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default()
                    .to_string();
                assert!(rule(&stem).is_some(), "lints/{stem}.md documents no rule");
            }
        }
        // `src/lints/` holds the rules; helpers live elsewhere (only the
        // registry and the rules' shared `util` sit beside them).
        for entry in std::fs::read_dir(root.join("src/lints")).expect("src/lints/ exists") {
            let path = entry.expect("readable").path();
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            assert!(
                matches!(stem, "mod" | "util") || rule(stem).is_some(),
                "src/lints/{stem}.rs is not a rule: move it out of src/lints/"
            );
        }
    }
}
