//! End to end: run the built binary on every repository under `nixos-tests/`
//! and compare what it prints with the reviewed files in `<repo>/expected/`.
//!
//! `POCKETLINT_BLESS=1 cargo test --test nixos_tests` rewrites them; review the
//! diff against the repository's README (its table of expected findings)
//! before committing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repos() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("nixos-tests");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("nixos-tests/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('_'))
        })
        .collect();
    out.sort();
    assert!(out.len() >= 3, "expected at least three test repositories");
    out
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn pocketlint(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_pocketlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// Compares with (or, when blessing, writes) `expected/<name>`; returns a
/// description of the mismatch.
fn compare(repo: &Path, name: &str, actual: &str) -> Option<String> {
    let path = repo.join("expected").join(name);
    if std::env::var_os("POCKETLINT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    // A missing file is a failure, not an empty expectation: a repository
    // that prints nothing must say so with an empty file.
    let Ok(expected) = std::fs::read_to_string(&path) else {
        return Some(format!(
            "{} is missing (POCKETLINT_BLESS=1 writes it)",
            path.display()
        ));
    };
    if expected == actual {
        return None;
    }
    let first = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{} differs from the output, first at line {}:\n  expected: {:?}\n  actual:   {:?}",
        path.display(),
        first + 1,
        expected.lines().nth(first).unwrap_or("<end>"),
        actual.lines().nth(first).unwrap_or("<end>"),
    ))
}

#[test]
fn every_repository_matches_its_expected_output() {
    let mut failures = Vec::new();
    for repo in repos() {
        let runs = [
            ("inventory.json", vec!["inventory", "--format", "json", "."]),
            ("check.json", vec!["check", "--format", "json", "."]),
            ("check.txt", vec!["check", "."]),
        ];
        for (file, args) in runs {
            let run = pocketlint(&repo, &args);
            if !run.stderr.is_empty() && file != "check.txt" {
                failures.push(format!(
                    "{}: `pocketlint {}` wrote to stderr:\n{}",
                    repo.display(),
                    args.join(" "),
                    run.stderr
                ));
            }
            let shown = if file == "check.txt" {
                format!("{}{}exit code: {}\n", run.stdout, run.stderr, run.code)
            } else {
                run.stdout
            };
            failures.extend(compare(&repo, file, &shown));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_clean_repository_prints_nothing_and_exits_zero() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("nixos-tests/clean");
    let run = pocketlint(&repo, &["."]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
}

#[test]
fn findings_exit_one_and_json_agrees_with_the_exit_code() {
    for repo in repos() {
        let run = pocketlint(&repo, &["check", "--format", "json", "."]);
        let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
        let errors = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count();
        assert_eq!(
            run.code,
            i32::from(errors > 0),
            "{}: exit code vs {errors} errors",
            repo.display()
        );
    }
}

#[test]
fn config_accepts_a_host_name() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("nixos-tests/flake-multihost");
    let run = pocketlint(
        &repo,
        &["config", "harbor", "--attr", "networking.domain", "--json"],
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "\"media.fernwood.example\"\n");
    let run = pocketlint(&repo, &["config", "no-such-host"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("hosts: atlas, harbor, relay"),
        "{}",
        run.stderr
    );
}

/// `pocketlint caddyfile HOST --provenance` for every host: the deployed
/// Caddyfile with the Nix source of each line, reviewed in
/// `<repo>/expected/caddyfile/<host>.txt`.
#[test]
fn every_host_caddyfile_matches_its_expected_output() {
    let mut failures = Vec::new();
    for repo in repos() {
        let inv = pocketlint(&repo, &["inventory", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&inv.stdout).expect("inventory JSON");
        let hosts: Vec<String> = json["hosts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h["name"].as_str().map(str::to_string))
            .collect();
        assert!(!hosts.is_empty(), "{}: no hosts", repo.display());
        for host in hosts {
            let run = pocketlint(&repo, &["caddyfile", &host, "--provenance"]);
            assert_eq!(run.code, 0, "{host}: {}", run.stderr);
            let text = format!("{}{}", run.stdout, run.stderr);
            if let Some(m) = compare(&repo, &format!("caddyfile/{host}.txt"), &text) {
                failures.push(m);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn caddyfile_command_selects_sites_and_reports_usage_errors() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("nixos-tests/extended-schema");
    let run = pocketlint(&repo, &["caddyfile", "kestrel", "--site", "radarr"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        run.stdout.starts_with("radarr.kestrel.example {\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("@static_api_key_homepage_radarr {"));
    assert!(!run.stdout.contains("sonarr.kestrel.example"));
    // A site address works too.
    let by_host = pocketlint(
        &repo,
        &["caddyfile", "kestrel", "--site", "radarr.kestrel.example"],
    );
    assert_eq!(by_host.stdout, run.stdout);
    let run = pocketlint(&repo, &["caddyfile", "kestrel", "--site", "nope"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no site `nope`"), "{}", run.stderr);
    let run = pocketlint(&repo, &["caddyfile", "nohost"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("hosts: kestrel"), "{}", run.stderr);
}
