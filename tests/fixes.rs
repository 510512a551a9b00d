//! `--fix` and `--unsafe-fixes` as before/after pairs (`testdata/fixes/`):
//! the fixed tree must equal `after/`, and a second run must find nothing
//! left that the same flag would fix.

use std::path::{Path, PathBuf};
use std::process::Command;

fn files_under(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    for rel in files_under(from) {
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&rel), dest).unwrap();
    }
}

fn check(dir: &Path, flag: &str) -> (i32, serde_json::Value, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pocketlint"));
    cmd.args(["check", "--format", "json", "."])
        .current_dir(dir);
    if !flag.is_empty() {
        cmd.arg(flag);
    }
    let out = cmd.output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Findings whose fix the flag would apply.
fn fixable(report: &serde_json::Value, unsafe_too: bool) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| match d["fix"]["applicability"].as_str() {
            Some("safe") => true,
            Some("unsafe") => unsafe_too,
            _ => false,
        })
        .map(|d| format!("{}: {}", d["rule"], d["message"]))
        .collect()
}

#[test]
fn fixes_match_their_after_trees_and_leave_nothing_to_fix() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/fixes");
    let bless = std::env::var_os("POCKETLINT_BLESS").is_some();
    let mut cases = 0;
    for entry in std::fs::read_dir(&root).unwrap().filter_map(Result::ok) {
        let case = entry.path();
        if !case.join("before").is_dir() {
            continue;
        }
        cases += 1;
        let name = entry.file_name().to_string_lossy().into_owned();
        let unsafe_too = name.starts_with("unsafe");
        let flag = if unsafe_too {
            "--unsafe-fixes"
        } else {
            "--fix"
        };
        let work = tempfile::tempdir().unwrap();
        copy_tree(&case.join("before"), work.path());
        let (before_code, before, _) = check(work.path(), "");
        assert!(
            !fixable(&before, unsafe_too).is_empty(),
            "{name}: `before/` has nothing to fix"
        );
        let (_, _, stderr) = check(work.path(), flag);
        assert!(stderr.contains("fixed "), "{name}: {stderr}");
        if bless {
            let after = case.join("after");
            let _ = std::fs::remove_dir_all(&after);
            copy_tree(work.path(), &after);
        }
        let expected = files_under(&case.join("after"));
        assert_eq!(
            expected,
            files_under(work.path()),
            "{name}: file lists differ"
        );
        for rel in expected {
            let want = std::fs::read_to_string(case.join("after").join(&rel)).unwrap();
            let got = std::fs::read_to_string(work.path().join(&rel)).unwrap();
            assert_eq!(got, want, "{name}: {} differs from after/", rel.display());
        }
        let (_, again, _) = check(work.path(), "");
        let left = fixable(&again, unsafe_too);
        assert!(
            left.is_empty(),
            "{name}: still fixable:\n{}",
            left.join("\n")
        );
        assert!(before_code == 1, "{name}: `before/` should have errors");
    }
    assert!(cases >= 2, "expected fix cases in testdata/fixes");
}
