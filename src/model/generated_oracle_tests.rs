//! The generated Caddyfiles against real Caddy (Debian's 2.6.2) and
//! against the Caddyfiles real Nix rendered for `nixos-tests/`.
//!
//! For every host of `nixos-tests/*` and of every `testdata/<rule>/` case
//! whose Caddyfile is fully known: (a) `caddy validate` of the marker
//! rewrite succeeds exactly when pocketlint finds no load-time refusal
//! (the engine of `caddy_rejects_config`), and (b) for accepted files,
//! Caddy's compiled route order and the handler answering each request of
//! a grid (paths taken from the file's own matchers, two loopback peers,
//! the headers its matchers test) equal the model's. Without `caddy` the
//! tests skip with a message (and fail under `CI=true`).

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use crate::caddy::caddyfile::matchers::{MatcherKind, MatcherSet};
use crate::caddy::caddyfile::oracle_tests::{
    Probe, caddy_validate, check_route_order, core_rejections, env_for, oracle_ready, parse_262,
    run_probes,
};
use crate::caddy::caddyfile::routes::{Route, RouteBody, build_routes};
use crate::caddy::caddyfile::{Caddyfile, with_markers};
use crate::caddy::path_match::PathPatternKind;
use crate::eval::Limits;
use crate::model::Known;
use crate::pipeline;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `(label, host, text)` of every fully known generated Caddyfile.
fn generated() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut add = |label: &str, analysis: &pipeline::Analysis| {
        for h in &analysis.hosts {
            if let Known::Value(cf) = &h.host.caddyfile
                && cf.is_fully_known()
            {
                out.push((label.to_string(), h.host.name.clone(), cf.text.to_string()));
            }
        }
    };
    for repo in repos() {
        let ws = pipeline::workspace_at(&repo, None, Limits::default());
        let specs = ws.discover_hosts(std::slice::from_ref(&ws.root.clone()));
        let analysis = pipeline::analyze_hosts(ws, &specs);
        add(&repo_name(&repo), &analysis);
    }
    for rule in crate::lints::ALL {
        for case in crate::fixture_tests::cases(&root().join("testdata").join(rule.name)) {
            let analysis = crate::fixture_tests::analyze_case(&case);
            let label = format!(
                "{}/{}",
                rule.name,
                case.file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned())
            );
            add(&label, &analysis);
        }
    }
    // One check per distinct file.
    let mut seen = std::collections::HashSet::new();
    out.retain(|(_, _, t)| seen.insert(t.clone()));
    out
}

fn repos() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("nixos-tests"))
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| p.is_dir() && !repo_name(p).starts_with('_'));
    out.sort();
    out
}

fn repo_name(p: &Path) -> String {
    p.file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned())
}

/// Requests for every site: a fixed grid plus the paths and headers the
/// file's own matchers test, from two loopback peers.
fn grid(cf: &Caddyfile) -> Vec<Probe> {
    let mut out = Vec::new();
    for site in &cf.sites {
        let routes = build_routes(cf, site);
        let mut paths: Vec<String> = [
            "/",
            "/x",
            "/api/x",
            "/caddy-security/login",
            "/oauth2/generic/authorization-code-callback",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        let mut headers: Vec<(String, String)> = Vec::new();
        for set in matcher_sets(&routes.routes) {
            for m in &set.matchers {
                match &m.kind {
                    MatcherKind::Path(ps) => {
                        for p in ps {
                            match p.kind() {
                                PathPatternKind::Prefix(base) => {
                                    paths.push(format!("{base}x"));
                                    paths.push(base.clone());
                                }
                                PathPatternKind::Exact => paths.push(p.pattern().to_string()),
                                _ => {}
                            }
                        }
                    }
                    MatcherKind::Header(fields) => {
                        for (field, values) in fields {
                            if let Some(Some(v)) = values.as_ref().and_then(|v| v.first()) {
                                headers.push((field.clone(), v.clone()));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        paths.retain(|p| p.starts_with('/') && !p.contains(['{', ' ', '?', '#', '%']));
        paths.sort();
        paths.dedup();
        paths.truncate(24);
        for a in &site.addresses {
            if a.host.is_empty() || a.host.contains(['*', '{']) {
                continue;
            }
            for path in &paths {
                for from in ["127.0.0.1", "127.0.0.2"] {
                    let probe = |headers: Vec<(String, String)>| Probe {
                        line: 0,
                        method: "GET".to_string(),
                        url: format!("http://{}{path}", a.host),
                        from: from.parse().unwrap_or(IpAddr::from([127, 0, 0, 1])),
                        headers,
                        expect: None,
                    };
                    out.push(probe(Vec::new()));
                    if !headers.is_empty() {
                        out.push(probe(headers.clone()));
                    }
                }
            }
        }
    }
    out
}

fn matcher_sets(routes: &[Route]) -> Vec<&MatcherSet> {
    let mut out = Vec::new();
    for r in routes {
        if let Some(m) = &r.matcher {
            out.push(m);
        }
        if let RouteBody::Subroute { routes, .. } = &r.body {
            out.extend(matcher_sets(routes));
        }
    }
    out
}

/// `caddy fmt` of `text`.
fn caddy_fmt(text: &str, name: &str) -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("pocketlint-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join(format!("{name}.Caddyfile"));
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let out = std::process::Command::new("caddy")
        .arg("fmt")
        .arg(&path)
        .env("HOME", &dir)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn generated_caddyfiles_against_caddy() {
    if !oracle_ready("generated_caddyfiles_against_caddy") {
        return;
    }
    let files = generated();
    assert!(
        files.len() >= 10,
        "too few generated Caddyfiles: {}",
        files.len()
    );
    let mut failures = Vec::new();
    let (mut accepted, mut rejected, mut requests) = (0, 0, 0);
    for (i, (label, host, text)) in files.iter().enumerate() {
        let name = format!("gen-{i}");
        // NixOS runs `caddy fmt` on the file: ours is already formatted.
        match caddy_fmt(text, &name) {
            Ok(f) if f == *text => {}
            Ok(f) => failures.push(format!(
                "{label} ({host}): caddy fmt changes the file\n--- ours\n{text}\n--- caddy fmt\n{f}"
            )),
            Err(e) => failures.push(format!("{label} ({host}): caddy fmt: {e}")),
        }
        let env = env_for(text);
        let cf = parse_262(text, &env);
        let core = core_rejections(&cf);
        let mut venv: BTreeMap<String, String> = env.clone();
        venv.insert(
            crate::caddy::caddyfile::markers::PORT_ENV.to_string(),
            "18999".to_string(),
        );
        venv.insert(
            crate::caddy::caddyfile::markers::UPSTREAM_ENV.to_string(),
            "18998".to_string(),
        );
        let caddy = match with_markers(&cf) {
            Ok(marked) => caddy_validate(&marked, &name, &venv).map(|()| marked),
            // A file that does not parse: Caddy sees it as it is.
            Err(_) => caddy_validate(text, &name, &venv).map(|()| String::new()),
        };
        match (&caddy, core.is_empty()) {
            (Ok(marked), true) => {
                accepted += 1;
                check_route_order(&name, &cf, marked, &env, &mut failures);
                requests += run_probes(&name, &cf, marked, &env, &grid(&cf), &mut failures);
            }
            (Err(_), false) => rejected += 1,
            (Ok(_), false) => failures.push(format!(
                "{label} ({host}): caddy accepts, pocketlint refuses: {core:?}"
            )),
            (Err(e), true) => failures.push(format!(
                "{label} ({host}): caddy refuses ({e}), pocketlint accepts\n{text}"
            )),
        }
    }
    eprintln!(
        "generated_caddyfiles_against_caddy: {} generated Caddyfiles ({accepted} accepted, {rejected} refused by both), {requests} live requests",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Our rendering of each nixos-tests host equals the one real Nix produced
/// (`nixos-tests/_harness/expected/`), except for the global
/// `log { level ERROR }` that nixpkgs' caddy module adds and the harness's
/// stand-in for it does not, and blank lines.
#[test]
fn generated_caddyfiles_match_real_nix() {
    let mut compared = 0;
    let mut failures = Vec::new();
    for repo in repos() {
        let ws = pipeline::workspace_at(&repo, None, Limits::default());
        let specs = ws.discover_hosts(std::slice::from_ref(&ws.root.clone()));
        let analysis = pipeline::analyze_hosts(ws, &specs);
        for h in &analysis.hosts {
            let expected = root()
                .join("nixos-tests/_harness/expected")
                .join(repo_name(&repo))
                .join(format!("{}.Caddyfile", h.host.name));
            let Ok(want) = std::fs::read_to_string(&expected) else {
                continue;
            };
            let Known::Value(cf) = &h.host.caddyfile else {
                failures.push(format!("{}: no Caddyfile", h.host.name));
                continue;
            };
            let ours = cf.text.replacen("\tlog {\n\t\tlevel ERROR\n\t}\n", "", 1);
            let lines = |t: &str| -> Vec<String> {
                t.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_string)
                    .collect()
            };
            if lines(&ours) != lines(&want) {
                failures.push(format!(
                    "{}/{}: differs from real Nix\n--- ours\n{ours}\n--- real Nix\n{want}",
                    repo_name(&repo),
                    h.host.name
                ));
            }
            compared += 1;
        }
    }
    eprintln!("generated_caddyfiles_match_real_nix: {compared} hosts compared");
    assert!(
        compared >= 6,
        "expected the 6 harness hosts, compared {compared}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
