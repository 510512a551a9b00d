//! `pocketlint check` on every `host.nix` of `../shared/oracle/scenarios/`
//! (and of `testdata/modules/`): whatever the findings, it never crashes,
//! always prints valid JSON, and exits 0 or 1.

use std::path::{Path, PathBuf};
use std::process::Command;

fn host_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path().join("host.nix"))
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[test]
fn checking_every_scenario_host_never_crashes() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let oracle = manifest.join("../shared/oracle/scenarios");
    if !oracle.is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "../shared/oracle is missing under CI=true"
        );
        eprintln!(
            "skipped the oracle scenarios: {} is missing",
            oracle.display()
        );
    }
    let mut hosts = host_files(&oracle);
    // Each source on its own: one empty directory must not hide behind
    // the other's count.
    assert!(
        !oracle.is_dir() || hosts.len() >= 10,
        "found only {} host.nix files in {}",
        hosts.len(),
        oracle.display()
    );
    let own = host_files(&manifest.join("testdata/modules"));
    assert!(
        own.len() >= 60,
        "found only {} host.nix files in testdata/modules",
        own.len()
    );
    hosts.extend(own);
    let mut failures = Vec::new();
    for host in &hosts {
        let out = Command::new(env!("CARGO_BIN_EXE_pocketlint"))
            .args(["check", "--format", "json"])
            .arg(host)
            .output()
            .unwrap();
        let code = out.status.code();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let json: Result<serde_json::Value, _> = serde_json::from_slice(&out.stdout);
        if !matches!(code, Some(0 | 1)) || json.is_err() || stderr.contains("panicked") {
            failures.push(format!("{}: exit {code:?}\n{stderr}", host.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
