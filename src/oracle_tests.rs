//! Agreement with real Nix: every case of `../shared/oracle` (and of the
//! differential corpora in `testdata/`) is evaluated and compared with the
//! JSON real Nix produced. Values must be equal (floats within 1e-5
//! relative); errors must be of the same kind.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::commands::{config, eval as eval_cmd};
use crate::eval::{self, Context, ErrorKind, EvalError, Limits};
use crate::files::SourceDb;
use crate::vfs::Vfs;

fn oracle_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/oracle");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none_or(|v| v.is_empty() || v == "false"),
        "the oracle directory ../shared/oracle is missing; under CI=true that is a failure"
    );
    eprintln!("SKIPPED: ../shared/oracle not found (set CI=true to make this a failure)");
    None
}

/// Maps the first line of a Nix error to the kind of error it is.
pub fn classify_nix_error(message: &str) -> ErrorKind {
    let m = message.trim_start_matches("error: ");
    let has = |s: &str| m.contains(s);
    if has("stack overflow") {
        ErrorKind::EvaluationLimit
    } else if has("infinite recursion") {
        ErrorKind::InfiniteRecursion
    } else if has("undefined variable") {
        ErrorKind::UndefinedVariable
    } else if has("already defined") {
        ErrorKind::DuplicateAttribute
    } else if has("json.exception") {
        ErrorKind::InvalidJson
    } else if has("syntax error")
        || has("invalid integer")
        || has("duplicate formal function argument")
        || has("dynamic attributes not allowed")
        || has("path has a trailing slash")
    {
        ErrorKind::SyntaxError
    } else if has("No such file or directory")
        || has("Not a directory")
        || has("Is a directory")
        || has("getting status of")
        || has("opening file")
    {
        ErrorKind::FileError
    } else if has("division by zero") {
        ErrorKind::DivisionByZero
    } else if has("evaluation aborted") {
        ErrorKind::Abort
    } else if has("assertion") && has("failed") {
        ErrorKind::AssertionFailed
    } else if has("cannot coerce") {
        ErrorKind::CannotCoerce
    } else if has("called without required argument") || has("called with unexpected argument") {
        ErrorKind::BadArgument
    } else if has("out of bounds") || has("called on an empty list") {
        ErrorKind::IndexOutOfBounds
    } else if has("invalid regular expression") {
        ErrorKind::InvalidRegex
    } else if has("conflicting definition")
        || has("defined both null and not null")
        || has("defined multiple times")
        || has("is read-only")
    {
        ErrorKind::ConflictingDefinitions
    } else if has("used but not defined") || has("has no value defined") {
        ErrorKind::UndefinedOption
    } else if has("is not of type") || has("non-Boolean condition") || has("does not exist") {
        ErrorKind::ModuleError
    } else if has("attribute '") && (has("missing") || has("required")) {
        ErrorKind::MissingAttribute
    } else if has(" while ") && has(" was expected")
        || has("cannot compare")
        || has("attempt to call something which is not a function")
        || has("cannot convert")
        || has("cannot add")
        || has("requires a function")
    {
        ErrorKind::TypeError
    } else {
        ErrorKind::Throw
    }
}

/// Whether our error is the same kind as Nix's message says. Messages with
/// no recognisable kind (a user's `throw`, a builtin's own complaint) must
/// match word for word (their first line, which is all Nix shows).
fn same_kind(expected: &str, got: &EvalError) -> bool {
    let want = classify_nix_error(expected);
    let msg = expected.trim_start_matches("error: ");
    let ours = got.message.lines().next().unwrap_or("");
    match want {
        ErrorKind::Throw => {
            matches!(got.kind, ErrorKind::Throw | ErrorKind::Other)
                && (ours == msg
                    || msg.starts_with("while parsing a TOML string")
                        && ours.starts_with("while parsing a TOML string"))
        }
        // Nix runs out of stack where pocketlint's depth budget stops it.
        ErrorKind::EvaluationLimit => matches!(
            got.kind,
            ErrorKind::EvaluationLimit | ErrorKind::InfiniteRecursion
        ),
        _ => got.kind == want,
    }
}

fn json_close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => {
            if let (Some(i), Some(j)) = (x.as_i64(), y.as_i64()) {
                return i == j;
            }
            match (x.as_f64(), y.as_f64()) {
                (Some(f), Some(g)) => {
                    (f - g).abs() <= 1e-5 * f.abs().max(g.abs()) || (f - g).abs() < 1e-300
                }
                _ => false,
            }
        }
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_close(p, q))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_close(v, w)))
        }
        _ => a == b,
    }
}

fn context_for(dir: &Path) -> Context {
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    Context::new(
        Arc::new(SourceDb::new(root.clone())),
        Arc::new(Vfs::new(&root)),
        Limits::default(),
    )
}

/// Cases of our own corpus whose answer depends on something pocketlint
/// deliberately does not know (the caller's `NIX_PATH`, files outside the
/// repository, string contexts, XML output): there, and only there, an
/// unknown value may stand where Nix has a value.
const UNKNOWN_ALLOWED: &[&str] = &[
    "b_string_context",
    "b_toXML",
    "path_exists_variants",
    "scope_nixPath_empty",
];

/// Equal, except that an unknown marker in `got` may replace any value.
fn json_close_or_unknown(got: &serde_json::Value, want: &serde_json::Value) -> bool {
    if got.get("__unknown").is_some() {
        return true;
    }
    use serde_json::Value as J;
    match (got, want) {
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_close_or_unknown(p, q))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_close_or_unknown(v, w)))
        }
        _ => json_close(got, want),
    }
}

/// Runs every `NAME.nix` of `dir` against `NAME.expected.json`; returns the
/// failures.
pub fn run_expr_corpus(dir: &Path) -> (usize, Vec<String>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "nix"));
    files.sort();
    let ctx = context_for(dir);
    let mut failures = Vec::new();
    for file in &files {
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expected_path = dir.join(format!("{name}.expected.json"));
        let Ok(text) = std::fs::read_to_string(&expected_path) else {
            failures.push(format!("{name}: no expected file"));
            continue;
        };
        let expected: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{name}: bad expected JSON: {e}"));
                continue;
            }
        };
        let real = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        let got = eval::with_eval_stack(|| eval_cmd::eval_file_json(&ctx, &real));
        let ok = expected
            .get("ok")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        match (ok, got) {
            (true, Ok(v)) => {
                let close = if UNKNOWN_ALLOWED.contains(&name.as_str()) {
                    json_close_or_unknown(&v, &expected["value"])
                } else {
                    json_close(&v, &expected["value"])
                };
                if !close {
                    failures.push(format!("{name}: got {v}, want {}", expected["value"]));
                }
            }
            (true, Err(e)) => failures.push(format!("{name}: unexpected error: {}", e.message)),
            (false, Ok(v)) => failures.push(format!("{name}: expected an error, got {v}")),
            (false, Err(e)) => {
                let want = expected["error"].as_str().unwrap_or("");
                if !same_kind(want, &e) {
                    failures.push(format!(
                        "{name}: error kind differs: want `{want}` ({:?}), got `{}` ({:?})",
                        classify_nix_error(want),
                        e.message,
                        e.kind
                    ));
                }
            }
        }
    }
    (files.len(), failures)
}

/// The roots the oracle compares for a scenario (see its
/// `eval-scenario.nix`).
fn scenario_roots(cfg: &serde_json::Value) -> serde_json::Value {
    use serde_json::{Map, Value as J};
    let services = &cfg["modules"]["services"];
    let mut per = Map::new();
    if let Some(obj) = services.as_object() {
        for (name, svc) in obj {
            if name != "caddy" && svc.get("reverseProxy").is_some() {
                let mut m = Map::new();
                m.insert("reverseProxy".into(), svc["reverseProxy"].clone());
                per.insert(name.clone(), J::Object(m));
            }
        }
    }
    let mut caddy = Map::new();
    caddy.insert("security".into(), services["caddy"]["security"].clone());
    caddy.insert(
        "virtualHosts".into(),
        services["caddy"]["virtualHosts"].clone(),
    );
    per.insert("caddy".into(), J::Object(caddy));
    serde_json::json!({
        "networking": { "domain": cfg["networking"]["domain"] },
        "modules": { "services": J::Object(per) },
    })
}

/// Runs every scenario directory of `dir`; returns the failures.
pub fn run_scenarios(dir: &Path) -> (usize, Vec<String>) {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("host.nix").is_file())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let mut failures = Vec::new();
    for sd in &dirs {
        let name = sd
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expected: serde_json::Value = if let Some(v) =
            std::fs::read_to_string(sd.join("expected.json"))
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok())
        {
            v
        } else {
            failures.push(format!("{name}: no readable expected.json"));
            continue;
        };
        let ctx = context_for(sd);
        let entry =
            std::fs::canonicalize(sd.join("host.nix")).unwrap_or_else(|_| sd.join("host.nix"));
        let got = eval::with_eval_stack(|| config::config_json(&ctx, &entry, &[]));
        let want_error = expected.get("error").and_then(serde_json::Value::as_bool) == Some(true);
        match (want_error, got) {
            (false, Ok(cfg)) => {
                let roots = scenario_roots(&cfg);
                if roots != expected {
                    failures.push(format!(
                        "{name}: roots differ\n got: {}\nwant: {}",
                        serde_json::to_string(&roots).unwrap_or_default(),
                        serde_json::to_string(&expected).unwrap_or_default()
                    ));
                }
            }
            (false, Err(e)) => failures.push(format!("{name}: unexpected error: {}", e.message)),
            (true, Ok(_)) => failures.push(format!("{name}: expected an error")),
            (true, Err(e)) => {
                let want = expected["message"].as_str().unwrap_or("");
                if !same_kind(want, &e) {
                    failures.push(format!(
                        "{name}: error kind differs: want `{want}`, got `{}` ({:?})",
                        e.message, e.kind
                    ));
                }
            }
        }
    }
    (dirs.len(), failures)
}

fn report(what: &str, (count, failures): (usize, Vec<String>), minimum: usize) {
    assert!(
        count >= minimum,
        "{what}: only {count} cases found, expected at least {minimum}"
    );
    assert!(
        failures.is_empty(),
        "{what}: {} of {count} cases disagree with real Nix:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn oracle_expressions_match_real_nix() {
    let Some(dir) = oracle_dir() else { return };
    report("oracle exprs", run_expr_corpus(&dir.join("exprs")), 169);
}

#[test]
fn oracle_scenarios_match_real_nix() {
    let Some(dir) = oracle_dir() else { return };
    report(
        "oracle scenarios",
        run_scenarios(&dir.join("scenarios")),
        12,
    );
}

#[test]
fn own_expression_corpus_matches_real_nix() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/eval");
    if !dir.is_dir() {
        return;
    }
    report("testdata/eval", run_expr_corpus(&dir), 1);
}

#[test]
fn own_module_scenarios_match_real_nix() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/modules");
    if !dir.is_dir() {
        return;
    }
    report("testdata/modules", run_scenarios(&dir), 1);
}

#[test]
fn nix_error_messages_classify() {
    assert_eq!(
        classify_nix_error("error: attribute 'b' missing"),
        ErrorKind::MissingAttribute
    );
    assert_eq!(
        classify_nix_error("error: value is a set while a list was expected"),
        ErrorKind::TypeError
    );
    assert_eq!(
        classify_nix_error("error: custom failure message"),
        ErrorKind::Throw
    );
}
