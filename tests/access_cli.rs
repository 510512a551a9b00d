//! `pocketlint access` as users run it: exit statuses, the JSON contract
//! and the matrix, on the repositories under `nixos-tests/`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("nixos-tests")
        .join(name)
}

fn access(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pocketlint"))
        .arg("access")
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

#[test]
fn a_decision_exits_zero_and_the_json_names_it_with_its_reasons() {
    let (code, out, err) = access(
        &repo("documented-schema"),
        &[
            "https://radarr.ravenhill.example/x/api/v3/system/status/y",
            "--from",
            "192.168.50.7",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["version"], 1);
    assert_eq!(v["decision"], "bypass");
    assert_eq!(v["host"], "homelab");
    assert_eq!(v["site"], "radarr.ravenhill.example");
    assert_eq!(v["from"], "192.168.50.7");
    assert_eq!(v["basis"]["kind"], "caddyfile");
    let reasons = v["reasons"].as_array().expect("reasons");
    assert!(reasons.iter().any(|r| {
        r["text"]
            .as_str()
            .is_some_and(|t| t.contains("`path_regexp /api/v3/system/status` matches"))
            && r["at"]
                .as_array()
                .is_some_and(|a| a.iter().any(|l| l["file"] == "hosts/homelab/media.nix"))
    }));
    assert!(
        reasons
            .iter()
            .all(|r| r["caddyfile"].is_null() || r["caddyfile"]["line"].as_u64().is_some())
    );

    // A deny, with the roles on both sides.
    let (code, out, _) = access(
        &repo("documented-schema"),
        &[
            "https://watch.ravenhill.example/",
            "--groups",
            "Media Users",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["decision"], "deny");
    assert_eq!(v["status"], 403);
    assert_eq!(v["roles"]["user"], serde_json::json!(["Media Users"]));
    assert_eq!(v["roles"]["wanted"], serde_json::json!(["admins", "users"]));
}

#[test]
fn human_output_lists_numbered_reasons_with_locations() {
    let (code, out, _) = access(
        &repo("documented-schema"),
        &["https://status.ravenhill.example/status/x"],
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "https://status.ravenhill.example/status/x\ndecision: served_by_extra_config"
        ),
        "{out}"
    );
    assert!(
        out.contains("   1. site `status.ravenhill.example` serves"),
        "{out}"
    );
    assert!(
        out.contains("at hosts/homelab/default.nix:78, <homelab Caddyfile>:"),
        "{out}"
    );
}

#[test]
fn no_site_exits_one_and_usage_errors_exit_two() {
    let r = repo("documented-schema");
    let (code, _, err) = access(&r, &["https://nothing.ravenhill.example/"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no site serves this name: `nothing.ravenhill.example`"),
        "{err}"
    );
    for args in [
        &[
            "https://sonarr.ravenhill.example/",
            "--groups",
            "a",
            "--anonymous",
        ][..],
        &["https://sonarr.ravenhill.example/", "--header", "novalue"][..],
        &["https://sonarr.ravenhill.example/", "--from", "10.0.0/8"][..],
        &["https://sonarr.ravenhill.example/", "--api-key", "nope"][..],
        &["ftp://sonarr.ravenhill.example/"][..],
        &["--matrix", "sonarr.ravenhill.example", "--from", "10.0.0.1"][..],
    ] {
        let (code, _, err) = access(&r, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn an_api_key_is_carried_only_when_named() {
    let r = repo("extended-schema");
    let (code, out, _) = access(
        &r,
        &[
            "https://prowlarr.kestrel.example/api/v1/indexerstats",
            "--from",
            "192.168.1.10",
            "--api-key",
            "homepage",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["decision"], "bypass");
    let (_, out, _) = access(
        &r,
        &[
            "https://prowlarr.kestrel.example/api/v1/indexerstats",
            "--from",
            "192.168.1.10",
            "--header",
            "X-Api-Key=guess",
            "--format",
            "json",
        ],
    );
    let v = json(&out);
    assert_eq!(v["decision"], "unknown");
    assert!(
        v["unknown"]
            .as_str()
            .is_some_and(|u| u.contains("HOMEPAGE_PROWLARR_KEY")),
        "{v}"
    );
}

#[test]
fn the_matrix_shows_the_whole_exposure() {
    let (code, out, err) = access(
        &repo("extended-schema"),
        &["--matrix", "books.kestrel.example", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["site"], "books.kestrel.example");
    let cols = v["columns"].as_array().expect("columns");
    assert!(
        cols.iter()
            .any(|c| c["fromLabel"] == "inside `192.168.1.0/24`")
    );
    assert!(
        cols.iter()
            .any(|c| c["fromLabel"] == "outside every network")
    );
    let rows = v["rows"].as_array().expect("rows");
    // kavita's `""` bypass: everything from the LAN skips the login.
    let root = rows.iter().find(|r| r["path"] == "/").expect("root row");
    let inside = cols
        .iter()
        .position(|c| c["fromLabel"] == "inside `192.168.1.0/24`" && c["identity"].is_null())
        .expect("column");
    let outside = cols
        .iter()
        .position(|c| c["fromLabel"] == "outside every network" && c["identity"].is_null())
        .expect("column");
    assert_eq!(root["cells"][inside]["decision"], "bypass");
    assert_eq!(root["cells"][outside]["decision"], "redirect");
    // Human form: one line per path.
    let (code, out, _) = access(
        &repo("extended-schema"),
        &["--matrix", "books.kestrel.example", "."],
    );
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("/ ") && l.contains("bypass") && l.contains("redirect")),
        "{out}"
    );
}

/// The complete examples in the README's access section are what the
/// command prints on nixos-tests/documented-schema (abridged ones, with
/// `…`, are skipped).
#[test]
fn readme_examples_are_real_output() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let Some(block) = block.split("```").next() else {
            continue;
        };
        let Some(cmd) = block
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("$ pocketlint access "))
        else {
            continue;
        };
        if block.contains('…') {
            continue;
        }
        let expected: String = block.lines().skip(1).flat_map(|l| [l, "\n"]).collect();
        // Arguments are simple words in these examples, quoted ones aside.
        let mut args = Vec::new();
        let mut rest = cmd;
        while !rest.is_empty() {
            rest = rest.trim_start();
            if let Some(q) = rest.strip_prefix('"') {
                let end = q.find('"').unwrap_or(q.len());
                args.push(q[..end].to_string());
                rest = q.get(end + 1..).unwrap_or("");
            } else {
                let end = rest.find(' ').unwrap_or(rest.len());
                args.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, _) = access(&repo("documented-schema"), &args);
        assert_eq!(code, 0);
        assert_eq!(out, expected, "README example `{cmd}` is out of date");
        checked += 1;
    }
    assert!(checked >= 2, "no complete README example found");
}
