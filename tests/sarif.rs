//! The SARIF output of every `nixos-tests/` repository passes Microsoft's
//! SARIF validator (`sarif-multitool validate`) with no error and no warning.
//!
//! The validator is an npm package; `.ci/run` installs it under
//! `.ci/node/`. Elsewhere set `SARIF_MULTITOOL` to its path, or the test
//! skips with a message (under `CI=true` it fails instead).

use std::path::{Path, PathBuf};
use std::process::Command;

fn multitool() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SARIF_MULTITOOL") {
        return Some(PathBuf::from(p));
    }
    let local =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node/node_modules/.bin/sarif-multitool");
    local.is_file().then_some(local)
}

#[test]
fn sarif_output_passes_the_validator() {
    let Some(tool) = multitool() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "sarif-multitool is missing under CI=true (.ci/run installs it)"
        );
        eprintln!(
            "skipped: sarif-multitool not installed (npm i --prefix .ci/node @microsoft/sarif-multitool)"
        );
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("nixos-tests");
    let work = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir(&root).unwrap().filter_map(Result::ok) {
        let repo = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !repo.is_dir() || name.starts_with('_') {
            continue;
        }
        let out = Command::new(env!("CARGO_BIN_EXE_pocketlint"))
            .args(["check", "--format", "sarif", "."])
            .current_dir(&repo)
            .output()
            .unwrap();
        let sarif = work.path().join(format!("{name}.sarif"));
        std::fs::write(&sarif, &out.stdout).unwrap();
        let log = work.path().join(format!("{name}.validation.sarif"));
        let run = Command::new(&tool)
            .arg("validate")
            .arg(&sarif)
            .arg("--output")
            .arg(&log)
            .output()
            .expect("sarif-multitool runs");
        assert!(
            run.status.success(),
            "{name}: validator failed: {}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
        let problems: Vec<String> = report["runs"][0]["results"]
            .as_array()
            .map(|rs| {
                rs.iter()
                    .map(|r| format!("{}: {}", r["ruleId"], r["message"]["text"]))
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            problems.is_empty(),
            "{name}: the validator reports:\n{}",
            problems.join("\n")
        );
        // The run must contain findings for the check to mean anything.
        let ours: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        checked += ours["runs"][0]["results"].as_array().map_or(0, Vec::len);
    }
    assert!(checked > 0, "no SARIF results were validated");
}
