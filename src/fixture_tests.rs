//! Fixture tests: `testdata/<rule>/<case>.nix` (one host) or
//! `testdata/<rule>/<case>/` (a small repository). Expected findings are
//! written under the offending line:
//!
//! ```nix
//!       policy = "admin";
//! #               ^^^^^ unknown_policy: `admin` is not defined
//! ```
//!
//! The carets give the exact columns of the primary location; after the rule
//! name, `: text` is a part of the message. `#~^ rule` means "a finding that
//! starts on the previous line" (for spans carets cannot draw). The whole
//! pipeline runs with only that rule enabled (syntax and evaluation errors
//! stay on, so a broken fixture cannot pass), and the findings must equal
//! the annotations exactly. `POCKETLINT_BLESS=1` rewrites the annotations
//! from the actual findings.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::eval::Limits;
use crate::files::SourceDb;
use crate::pipeline;
use crate::workspace::{HostSource, HostSpec};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    file: PathBuf,
    /// 0-based line of the primary location's start.
    line: usize,
    /// 0-based byte columns, or `None` for `#~^`.
    cols: Option<(usize, usize)>,
    rule: String,
    text: Option<String>,
}

#[derive(Debug, Clone)]
struct Actual {
    file: PathBuf,
    line: usize,
    cols: (usize, usize),
    multiline: bool,
    rule: String,
    message: String,
}

fn is_annotation(line: &str) -> bool {
    let t = line.trim_start();
    t.strip_prefix('#').is_some_and(|r| {
        let r = r.trim_start();
        r.starts_with('^') || r.starts_with("~^")
    })
}

fn parse_annotations(file: &Path, text: &str) -> Vec<Expected> {
    let mut out = Vec::new();
    let mut target: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        if !is_annotation(line) {
            target = Some(i);
            continue;
        }
        let Some(t) = target else { continue };
        let hash = line.find('#').unwrap_or(0);
        let after = &line[hash + 1..];
        let (cols, rest) = if let Some(r) = after.trim_start().strip_prefix("~^") {
            (None, r)
        } else {
            let start = line.find('^').unwrap_or(0);
            let end = start + line[start..].chars().take_while(|c| *c == '^').count();
            (Some((start, end)), &line[end..])
        };
        let rest = rest.trim();
        let (rule, text) = match rest.split_once(':') {
            Some((r, m)) => (r.trim().to_string(), Some(m.trim().to_string())),
            None => (rest.to_string(), None),
        };
        out.push(Expected {
            file: file.to_path_buf(),
            line: t,
            cols,
            rule,
            text,
        });
    }
    out
}

fn nix_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if dir.is_file() {
        return vec![dir.to_path_buf()];
    }
    for e in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "nix") {
            out.push(e.path().to_path_buf());
        }
    }
    out
}

/// Runs the pipeline on a case with only `rule` enabled.
fn run_case(rule: &str, case: &Path) -> (Vec<Diagnostic>, std::sync::Arc<SourceDb>) {
    let analysis = analyze_case(case);
    let mut diags = pipeline::diagnostics(&analysis, Some(rule));
    // A single-file case lives next to other cases: only its own file counts.
    if case.is_file() {
        let own = std::fs::canonicalize(case).unwrap_or_else(|_| case.to_path_buf());
        let own_id = analysis.ws.db.id_of(&own);
        diags.retain(|d| {
            Some(d.span.file) == own_id || d.rule == "eval_error" || d.rule == "syntax_error"
        });
    }
    (diags, analysis.ws.db.clone())
}

/// Reads and evaluates a fixture case: a file is the only module of its
/// host, a directory is a small repository.
pub(crate) fn analyze_case(case: &Path) -> pipeline::Analysis {
    let limits = Limits::default();
    if case.is_file() {
        // The file is the only module of its host: the cases beside it
        // (a directory case declaring options, above all) must not lend it
        // their declarations.
        let parent = case.parent().unwrap_or(case);
        let mut config = crate::config::Config::load(parent, None).unwrap_or_default();
        for e in std::fs::read_dir(parent).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_dir() {
                config.exclude.push(format!("{name}/**"));
            } else if e.path() != case {
                config.exclude.push(name);
            }
        }
        let ws = pipeline::workspace_at(parent, Some(config), limits);
        let name = case
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let spec = HostSpec {
            name,
            source: HostSource::Entry(
                std::fs::canonicalize(case).unwrap_or_else(|_| case.to_path_buf()),
            ),
            extra_modules: Vec::new(),
            module_paths: Vec::new(),
        };
        pipeline::analyze_hosts(ws, &[spec])
    } else {
        let ws = pipeline::workspace_at(case, None, limits);
        let hosts = case.join("hosts");
        let target = if hosts.is_dir() {
            hosts
        } else {
            case.to_path_buf()
        };
        let target = std::fs::canonicalize(&target).unwrap_or(target);
        let specs = ws.discover_hosts(&[target]);
        pipeline::analyze_hosts(ws, &specs)
    }
}

fn actuals(diags: &[Diagnostic], db: &SourceDb, rule: &str) -> Vec<Actual> {
    diags
        .iter()
        .filter(|d| d.rule == rule || d.rule == "eval_error" || d.rule == "syntax_error")
        .map(|d| {
            let f = db.get(d.span.file);
            let (file, line, cols, multiline) = match &f {
                Some(f) => {
                    let line = f.lines.line_of(d.span.start);
                    let ls = f.lines.line_start(line) as usize;
                    let end_line = f.lines.line_of(d.span.end.max(d.span.start + 1) - 1);
                    (
                        f.path.clone(),
                        line,
                        (d.span.start as usize - ls, d.span.end as usize - ls),
                        end_line != line,
                    )
                }
                None => (PathBuf::from("<unknown>"), 0, (0, 0), false),
            };
            Actual {
                file,
                line,
                cols,
                multiline,
                rule: d.rule.to_string(),
                message: d.message.clone(),
            }
        })
        .collect()
}

fn matches(e: &Expected, a: &Actual) -> bool {
    e.file == a.file
        && e.line == a.line
        && e.rule == a.rule
        && match e.cols {
            Some(c) => !a.multiline && c == a.cols,
            None => true,
        }
        && e.text
            .as_ref()
            .is_none_or(|t| a.message.contains(t.as_str()))
}

/// Rewrites a file's annotations from the actual findings.
fn bless(file: &Path, found: &[&Actual]) {
    let Ok(text) = std::fs::read_to_string(file) else {
        return;
    };
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if is_annotation(line) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        for a in found.iter().filter(|a| a.line == i) {
            let (s, e) = a.cols;
            if a.multiline || s < 1 {
                let _ = writeln!(out, "#~^ {}: {}", a.rule, a.message);
            } else {
                out.push('#');
                out.push_str(&" ".repeat(s - 1));
                out.push_str(&"^".repeat(e.saturating_sub(s).max(1)));
                let _ = writeln!(out, " {}: {}", a.rule, a.message);
            }
        }
    }
    let _ = std::fs::write(file, out);
}

/// Checks one case; returns a description of the differences.
fn check_case(rule: &str, case: &Path) -> Result<(), String> {
    let canonical = std::fs::canonicalize(case).unwrap_or_else(|_| case.to_path_buf());
    let mut expected = Vec::new();
    for f in nix_files(&canonical) {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        expected.extend(parse_annotations(&f, &text));
    }
    let (diags, db) = run_case(rule, case);
    let actual = actuals(&diags, &db, rule);
    if std::env::var_os("POCKETLINT_BLESS").is_some() {
        for f in nix_files(&canonical) {
            let found: Vec<&Actual> = actual.iter().filter(|a| a.file == f).collect();
            bless(&f, &found);
        }
        return Ok(());
    }
    let mut unmatched_actual: Vec<&Actual> = actual.iter().collect();
    let mut missing = Vec::new();
    for e in &expected {
        match unmatched_actual.iter().position(|a| matches(e, a)) {
            Some(i) => {
                unmatched_actual.remove(i);
            }
            None => missing.push(e),
        }
    }
    if missing.is_empty() && unmatched_actual.is_empty() {
        return Ok(());
    }
    let mut msg = format!("{}:\n", case.display());
    for e in missing {
        let _ = writeln!(
            msg,
            "  expected but not found: {}:{} cols {:?} {} {}",
            e.file.display(),
            e.line + 1,
            e.cols,
            e.rule,
            e.text.clone().unwrap_or_default()
        );
    }
    for a in unmatched_actual {
        let _ = writeln!(
            msg,
            "  found but not expected: {}:{} cols {:?} {}: {}",
            a.file.display(),
            a.line + 1,
            a.cols,
            a.rule,
            a.message
        );
    }
    Err(msg)
}

pub(crate) fn cases(rule_dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(rule_dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| p.is_dir() || p.extension().is_some_and(|x| x == "nix"));
    out.sort();
    out
}

/// Copies the tree at `from` to `to` (tests that write into a copy of a
/// fixture).
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().filter_map(Result::ok) {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_rule_fixture_matches_its_annotations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut failures = Vec::new();
    for rule in crate::lints::ALL {
        let dir = root.join(rule.name);
        let all = cases(&dir);
        let mut firing = 0;
        let mut silent = 0;
        for case in &all {
            let files = nix_files(&std::fs::canonicalize(case).unwrap_or_else(|_| case.clone()));
            let annotated = files.iter().any(|f| {
                let t = std::fs::read_to_string(f).unwrap_or_default();
                parse_annotations(f, &t).iter().any(|e| e.rule == rule.name)
            });
            if annotated {
                firing += 1;
            } else {
                silent += 1;
            }
            if let Err(e) = check_case(rule.name, case) {
                failures.push(e);
            }
        }
        if (firing == 0 || silent == 0) && std::env::var_os("POCKETLINT_BLESS").is_none() {
            failures.push(format!(
                "testdata/{}/ needs at least one case where the rule fires and one where it stays silent ({firing} firing, {silent} silent)",
                rule.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "fixture mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn annotations_parse() {
    let text = "  policy = \"admin\";\n#            ^^^^^ unknown_policy: `admin` is\n  x = 1;\n#~^ eval_error\n";
    let e = parse_annotations(Path::new("/f.nix"), text);
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].line, 0);
    assert_eq!(e[0].cols, Some((13, 18)));
    assert_eq!(e[0].text.as_deref(), Some("`admin` is"));
    assert_eq!(e[1].line, 2);
    assert_eq!(e[1].cols, None);
}
