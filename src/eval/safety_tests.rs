//! Bad input gets a clear error, never a panic, a hang or a read outside
//! the root.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::commands::eval::eval_file_json;
use crate::eval::{self, Context, ErrorKind, Limits};
use crate::files::SourceDb;
use crate::vfs::Vfs;

fn context(root: &Path, limits: Limits) -> Context {
    let root = std::fs::canonicalize(root).unwrap();
    Context::new(
        Arc::new(SourceDb::new(root.clone())),
        Arc::new(Vfs::new(&root)),
        limits,
    )
}

fn eval_in(root: &Path, file: &str, text: &str) -> Result<serde_json::Value, Box<eval::EvalError>> {
    eval_with(root, file, text, Limits::default())
}

fn eval_with(
    root: &Path,
    file: &str,
    text: &str,
    limits: Limits,
) -> Result<serde_json::Value, Box<eval::EvalError>> {
    let path: PathBuf = root.join(file);
    std::fs::write(&path, text).unwrap();
    let ctx = context(root, limits);
    let real = std::fs::canonicalize(&path).unwrap();
    eval::with_eval_stack(|| eval_file_json(&ctx, &real))
}

fn unknown_reason(v: &serde_json::Value) -> Option<&str> {
    v.get("__unknown").and_then(serde_json::Value::as_str)
}

#[test]
fn deep_nesting_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = eval_in(dir.path(), "deep.nix", &deep).unwrap_err();
    assert_eq!(err.kind, ErrorKind::SyntaxError);
    assert!(err.message.contains("nested more than"), "{}", err.message);
    // Binary operators nest as deeply without brackets.
    let chain = format!("1{}", " + 1".repeat(50_000));
    let err = eval_in(dir.path(), "chain.nix", &chain).unwrap_err();
    assert_eq!(err.kind, ErrorKind::SyntaxError);
}

#[test]
fn runaway_recursion_hits_the_depth_budget() {
    let dir = tempfile::tempdir().unwrap();
    let err = eval_in(dir.path(), "rec.nix", "let f = n: 1 + f (n + 1); in f 0").unwrap_err();
    assert_eq!(err.kind, ErrorKind::EvaluationLimit, "{}", err.message);
}

#[test]
fn exponential_recursion_hits_the_step_budget() {
    let dir = tempfile::tempdir().unwrap();
    let limits = Limits {
        max_steps: 2_000_000,
        ..Limits::default()
    };
    let started = std::time::Instant::now();
    let err = eval_with(
        dir.path(),
        "exp.nix",
        "let f = n: if n == 0 then 1 else f (n - 1) + f (n - 1); in f 60",
        limits,
    )
    .unwrap_err();
    assert_eq!(err.kind, ErrorKind::EvaluationLimit, "{}", err.message);
    assert!(err.message.contains("steps"));
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn self_reference_is_infinite_recursion() {
    let dir = tempfile::tempdir().unwrap();
    let err = eval_in(dir.path(), "x.nix", "let x = x; in x").unwrap_err();
    assert_eq!(err.kind, ErrorKind::InfiniteRecursion);
}

#[test]
fn nothing_outside_the_root_is_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.nix"), "\"secret\"").unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let root = tempfile::tempdir().unwrap();
    let o = std::fs::canonicalize(outside.path()).unwrap();
    let o = o.display();
    // Absolute paths, `..`, and a symlink pointing out.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        root.path().join("link.txt"),
    )
    .unwrap();
    let cases = [
        format!("import {o}/secret.nix"),
        format!("builtins.readFile {o}/secret.txt"),
        format!("builtins.readDir {o}"),
        format!("builtins.pathExists {o}/secret.txt"),
        format!(
            "builtins.readFile ./../{}/secret.txt",
            outside.path().file_name().unwrap().to_string_lossy()
        ),
        "builtins.readFile ./link.txt".to_string(),
        format!("builtins.hashFile \"sha256\" {o}/secret.txt"),
    ];
    for (i, case) in cases.iter().enumerate() {
        let v = eval_in(root.path(), &format!("case{i}.nix"), case).unwrap();
        let reason = unknown_reason(&v).unwrap_or_else(|| panic!("`{case}` gave {v}"));
        assert!(
            reason.contains("outside the repository root"),
            "{case}: {reason}"
        );
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_binary_files_are_errors_not_panics() {
    let root = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(root.path().join("b.nix"), root.path().join("a.nix")).unwrap();
    std::os::unix::fs::symlink(root.path().join("a.nix"), root.path().join("b.nix")).unwrap();
    let err = eval_in(root.path(), "loop.nix", "import ./a.nix").unwrap_err();
    assert_eq!(err.kind, ErrorKind::FileError, "{}", err.message);

    std::fs::write(root.path().join("bin.nix"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    let err = eval_in(root.path(), "imp.nix", "import ./bin.nix").unwrap_err();
    assert_eq!(err.kind, ErrorKind::FileError, "{}", err.message);
    let v = eval_in(root.path(), "rd.nix", "builtins.readFile ./bin.nix").unwrap();
    assert!(unknown_reason(&v).is_some_and(|r| r.contains("not a text file")));
}

#[test]
fn syntax_errors_in_imports_are_reported() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("broken.nix"), "{ a = ; }").unwrap();
    let err = eval_in(root.path(), "main.nix", "(import ./broken.nix).a").unwrap_err();
    assert_eq!(err.kind, ErrorKind::SyntaxError);
}

#[test]
fn unknowns_propagate_instead_of_failing() {
    let root = tempfile::tempdir().unwrap();
    let v = eval_in(
        root.path(),
        "u.nix",
        r#"let p = import <nixpkgs> {}; in { a = "${p.hello}"; b = toString builtins.currentSystem; c = p.lib.x + 1; d = builtins.getEnv "HOME"; e = (builtins.fetchTarball "x") + "/y"; }"#,
    )
    .unwrap();
    for key in ["a", "b", "c", "d", "e"] {
        assert!(unknown_reason(&v[key]).is_some(), "{key}: {v}");
    }
}

#[test]
fn regexes_past_their_work_bound_are_unknown_not_no_match() {
    let root = tempfile::tempdir().unwrap();
    let text = r#"
      let s = builtins.concatStringsSep "" (builtins.genList (_: "ab") 400000);
      in { m = builtins.match "((a|b)*)*" s; }
    "#;
    let v = eval_in(root.path(), "regex.nix", text).unwrap();
    assert!(unknown_reason(&v["m"]).is_some(), "gave {v}");
}

/// Values that every call of one closure shares (and memoised calls of a
/// file's function) are one value here but separate values in Nix, which
/// compares separately built functions as unequal and forces what it
/// compares. Comparing such a value with itself is therefore unknown,
/// never the `true` of Nix's pointer-equality shortcut.
#[test]
fn values_shared_between_calls_are_not_equal_by_identity() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f.nix"), "{ a }: { v = { g = y: y; }; }").unwrap();
    let v = eval_in(
        dir.path(),
        "t.nix",
        "let a = 1; f = import ./f.nix; h = x: { s = { k = y: y; }; l = [ (y: y) ]; t = { e = throw \"boom\"; }; d = { n = 1; }; };
         in [ (f { inherit a; } == f { inherit a; }) ((h 1).s == (h 2).s) ((h 1).l == (h 2).l) ((h 1).t == (h 2).t) ((h 1).d == (h 2).d) ]",
    )
    .unwrap();
    let items = v.as_array().unwrap();
    // Nix: false, false, false, an error, true.
    for (i, item) in items.iter().take(4).enumerate() {
        assert!(unknown_reason(item).is_some(), "item {i}: {item}");
    }
    assert_eq!(items[4], serde_json::json!(true));
}
