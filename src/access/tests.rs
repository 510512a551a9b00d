//! Decision tables (`testdata/access/*/access.toml`, format in
//! `testdata/access/README.md`): each case is a small repository with the
//! requests to simulate and the decision and reasons expected.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Basis, Decision, Identity, Query, Report, World, simulate_in};
use crate::caddy::caddyfile::CaddyVersion;
use crate::eval::Limits;
use crate::pipeline;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Table {
    pub description: String,
    /// `caddyfile` or `schema`: what every answer must be based on.
    pub basis: String,
    /// The repository, relative to the case directory, when it is not the
    /// case directory itself (the `nixos-tests/` repositories).
    pub repository: Option<String>,
    #[serde(default)]
    pub request: Vec<Row>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Row {
    pub url: String,
    pub from: Option<String>,
    pub groups: Option<Vec<String>>,
    pub api_key: Option<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    pub expect: String,
    #[serde(default)]
    pub reason: Vec<String>,
    #[serde(default)]
    pub warning: Vec<String>,
    /// Decisions of the other sites serving the name, in order.
    #[serde(default)]
    pub also: Vec<String>,
    /// Replay against real Caddy (default true; the replay happens only
    /// when the route decision is decidable).
    pub oracle: Option<bool>,
    /// Caddy refuses the file the answer comes from: the oracle checks
    /// that instead of replaying.
    #[serde(default)]
    pub caddy_refuses: bool,
}

impl Row {
    pub fn query(&self) -> Result<Query, String> {
        let mut q = Query::new(&self.url);
        if let Some(f) = &self.from {
            q.from = Some(f.parse().map_err(|_| format!("bad address `{f}`"))?);
        }
        if let Some(g) = &self.groups {
            q.identity = Identity::Groups(g.clone());
        }
        q.api_key.clone_from(&self.api_key);
        q.headers = self
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(q)
    }
}

pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Each case: the repository to analyse and its table.
pub(crate) fn cases() -> Vec<(PathBuf, Table)> {
    let dir = repo_root().join("testdata/access");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs.into_iter()
        .map(|d| {
            let text = std::fs::read_to_string(d.join("access.toml"))
                .unwrap_or_else(|e| panic!("{}: {e}", d.display()));
            let t: Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
            let repo = t
                .repository
                .as_ref()
                .map_or_else(|| d.clone(), |r| d.join(r));
            let repo = std::fs::canonicalize(&repo).unwrap_or(repo);
            (repo, t)
        })
        .collect()
}

pub(crate) fn analyze(case: &Path) -> pipeline::Analysis {
    let ws = pipeline::workspace_at(case, None, Limits::default());
    let hosts = case.join("hosts");
    let target = std::fs::canonicalize(if hosts.is_dir() { &hosts } else { case })
        .unwrap_or_else(|_| case.to_path_buf());
    let specs = ws.discover_hosts(&[target]);
    pipeline::analyze_hosts(ws, &specs)
}

pub(crate) fn render(r: &Report, db: &crate::files::SourceDb) -> String {
    let mut out = Vec::new();
    let _ = crate::commands::access::write_report(db, r, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn check_row(
    world: &World<'_>,
    db: &crate::files::SourceDb,
    t: &Table,
    row: &Row,
) -> Result<(), String> {
    let q = row.query()?;
    let report = simulate_in(world, &q).map_err(|e| format!("error: {e}"))?;
    let a = &report.answer;
    let mut problems = Vec::new();
    let want =
        Decision::parse(&row.expect).ok_or_else(|| format!("unknown decision `{}`", row.expect))?;
    if a.decision != want {
        problems.push(format!(
            "decision `{}`, expected `{}`",
            a.decision.as_str(),
            row.expect
        ));
    }
    let basis = match a.basis {
        Basis::Caddyfile => "caddyfile",
        Basis::Schema { .. } => "schema",
    };
    if basis != t.basis {
        problems.push(format!("based on the {basis}, expected the {}", t.basis));
    }
    let texts: Vec<&str> = a
        .steps
        .iter()
        .map(|s| s.text.as_str())
        .chain(a.unknown.as_deref())
        .collect();
    for r in &row.reason {
        if !texts.iter().any(|t| t.contains(r.as_str())) {
            problems.push(format!("no reason contains `{r}`"));
        }
    }
    for w in &row.warning {
        if !a.warnings.iter().any(|s| s.text.contains(w.as_str())) {
            problems.push(format!("no warning contains `{w}`"));
        }
    }
    let also: Vec<&str> = report.also.iter().map(|x| x.decision.as_str()).collect();
    if also != row.also.iter().map(String::as_str).collect::<Vec<_>>() {
        problems.push(format!(
            "other sites decide {also:?}, expected {:?}",
            row.also
        ));
    }
    if a.decision == Decision::Unknown && a.unknown.is_none() {
        problems.push("`unknown` without naming the unknown value".to_string());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n{}", problems.join("; "), render(&report, db)))
    }
}

#[test]
fn decision_tables() {
    let cases = cases();
    assert!(!cases.is_empty(), "no cases in testdata/access");
    let mut failures = Vec::new();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut total = 0;
    for (dir, table) in &cases {
        let analysis = analyze(dir);
        let model = analysis.model();
        let world = World::new(&model, &analysis.ws.db, CaddyVersion::default());
        let name = dir
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        assert!(!table.request.is_empty(), "{name}: no requests");
        assert!(!table.description.is_empty());
        for (i, row) in table.request.iter().enumerate() {
            total += 1;
            *seen
                .entry((table.basis.clone(), row.expect.clone()))
                .or_default() += 1;
            if let Err(e) = check_row(&world, &analysis.ws.db, table, row) {
                failures.push(format!(
                    "{name} #{} {} ({:?}, {:?}): {e}",
                    i + 1,
                    row.url,
                    row.from,
                    row.groups
                ));
            }
        }
    }
    eprintln!("decision_tables: {} cases, {total} requests", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {total} failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The marked file with every `remote_ip` reading the first
/// `X-Forwarded-For` value (Caddy 2.6.2's `forwarded` option), so a request
/// sent from loopback can stand for any peer address.
fn peer_from_header(marked: &str) -> String {
    marked
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("remote_ip ") {
                l.replacen("remote_ip ", "remote_ip forwarded ", 1)
            } else if t.starts_with('@') && t.contains(" remote_ip ") {
                l.replacen(" remote_ip ", " remote_ip forwarded ", 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The environment `caddy validate` needs for a marked file.
fn marker_env(env: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    use crate::caddy::caddyfile::markers::{PORT_ENV, UPSTREAM_ENV};
    let mut env = env.clone();
    env.insert(PORT_ENV.to_string(), "18999".to_string());
    env.insert(UPSTREAM_ENV.to_string(), "18998".to_string());
    env
}

/// The same tables against Debian's Caddy 2.6.2: for every request whose
/// route decision is decidable, a Caddy serving the marker rewrite of the
/// Caddyfile the answer was computed from must answer with the marker of
/// the handler the simulator says answers first (the `authorize` gate for
/// allow/deny/redirect, the bypass or extraConfig handler otherwise).
#[test]
fn decision_tables_against_caddy() {
    use crate::caddy::caddyfile::markers::with_markers;
    use crate::caddy::caddyfile::oracle_tests::{
        Probe, caddy_validate, core_rejections, env_for, oracle_ready, send, start_server,
    };
    use crate::caddy::caddyfile::{ParseOptions, parse_with};

    if !oracle_ready("decision_tables_against_caddy") {
        return;
    }
    let mut failures = Vec::new();
    let (mut sent, mut undecidable, mut refused, mut with_unknowns) = (0, 0, 0, 0);
    for (dir, table) in cases() {
        let name = dir
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let analysis = analyze(&dir);
        let model = analysis.model();
        let world = World::new(&model, &analysis.ws.db, CaddyVersion::V2_6_2);
        let mut groups: Vec<(String, Vec<(usize, super::Evidence)>)> = Vec::new();
        for (i, row) in table.request.iter().enumerate() {
            if row.oracle == Some(false) {
                continue;
            }
            let Ok(q) = row.query() else { continue };
            let report = match simulate_in(&world, &q) {
                Ok(r) => r,
                Err(e) => {
                    failures.push(format!("{name} #{}: {e}", i + 1));
                    continue;
                }
            };
            for ev in report.answer.evidence {
                // A rendering with unknown values has nothing to replay.
                if ev.text.contains(super::source::UNKNOWN_PREFIX) {
                    with_unknowns += 1;
                    continue;
                }
                let env = env_for(&ev.text);
                let cf = parse_with(
                    &ev.text,
                    &ParseOptions {
                        version: CaddyVersion::V2_6_2,
                        env: Some(env.clone()),
                    },
                );
                let rejections = core_rejections(&cf);
                if row.caddy_refuses {
                    refused += 1;
                    let caddy = with_markers(&cf).map_err(|e| e.to_string()).and_then(|m| {
                        caddy_validate(&m, &format!("access-{name}-{i}"), &marker_env(&env))
                    });
                    if rejections.is_empty() || caddy.is_ok() {
                        failures.push(format!(
                            "{name} #{}: expected Caddy to refuse the file; pocketlint: {rejections:?}, caddy: {caddy:?}",
                            i + 1
                        ));
                    }
                    continue;
                }
                if !rejections.is_empty() {
                    failures.push(format!(
                        "{name} #{}: Caddy refuses the file ({rejections:?}); mark the row `caddy_refuses = true`",
                        i + 1
                    ));
                    continue;
                }
                if ev.marker.is_none() {
                    undecidable += 1;
                    continue;
                }
                match groups.iter_mut().find(|(t, _)| *t == ev.text) {
                    Some((_, v)) => v.push((i, ev)),
                    None => groups.push((ev.text.clone(), vec![(i, ev)])),
                }
            }
        }
        for (k, (text, evs)) in groups.iter().enumerate() {
            let env = env_for(text);
            let cf = parse_with(
                text,
                &ParseOptions {
                    version: CaddyVersion::V2_6_2,
                    env: Some(env.clone()),
                },
            );
            let marked = match with_markers(&cf) {
                Ok(m) => peer_from_header(&m),
                Err(e) => {
                    failures.push(format!("{name}: {e}"));
                    continue;
                }
            };
            let server = match start_server(&marked, &format!("access-{name}-{k}"), &env) {
                Ok(s) => s,
                Err(e) => {
                    failures.push(format!("{name}: {e}\n{marked}"));
                    continue;
                }
            };
            for (i, ev) in evs {
                let mut headers = vec![(
                    "X-Forwarded-For".to_string(),
                    ev.request.remote_ip.to_string(),
                )];
                headers.extend(ev.request.headers.iter().cloned());
                let probe = Probe {
                    line: i + 1,
                    method: ev.request.method.clone(),
                    url: format!("http://{}{}", ev.request.host, ev.request.path),
                    from: std::net::IpAddr::from([127, 0, 0, 1]),
                    headers,
                    expect: None,
                };
                let want = ev.marker.clone().unwrap_or_default();
                match send(&server, &probe) {
                    Ok(got) if got == want => {}
                    Ok(got) => failures.push(format!(
                        "{name} #{}: {} from {}: caddy answered {got}, pocketlint decides {want}",
                        i + 1,
                        probe.url,
                        ev.request.remote_ip
                    )),
                    Err(e) => failures.push(format!("{name} #{}: {e}", i + 1)),
                }
                sent += 1;
            }
        }
    }
    eprintln!(
        "decision_tables_against_caddy: {sent} requests replayed, {undecidable} undecidable and {with_unknowns} on renderings with unknown values (not replayed), {refused} refusals confirmed"
    );
    assert!(sent > 0, "nothing was replayed");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn handler_labels(routes: &[crate::caddy::caddyfile::routes::Route], out: &mut Vec<String>) {
    use crate::caddy::caddyfile::routes::RouteBody;
    for r in routes {
        let m = r
            .matcher
            .as_ref()
            .and_then(|s| s.name.clone())
            .unwrap_or_default();
        match &r.body {
            RouteBody::Handler(h) => {
                if h.kind.is_terminal() || h.kind.is_gate() {
                    out.push(format!("{m} {}", h.label));
                }
            }
            RouteBody::Subroute { routes, .. } => {
                out.push(format!("{m} {{"));
                handler_labels(routes, out);
                out.push("}".to_string());
            }
        }
    }
}

/// The routes `access` decides from are those of the host's generated
/// Caddyfile (`Host::caddyfile`, as `pocketlint caddyfile` prints it), and
/// they route exactly like the file real Nix rendered for the same host
/// (`nixos-tests/_harness/expected/<repo>/<host>.Caddyfile`): same sites,
/// same handlers in the same order behind the same named matchers.
#[test]
fn deployed_caddyfiles_route_like_real_nix() {
    use crate::caddy::caddyfile::{ParseOptions, build_routes, parse_with};
    let root = repo_root().join("nixos-tests");
    let mut compared = 0;
    let mut failures = Vec::new();
    let mut repos: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    repos.sort();
    for repo in repos {
        let name = repo
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        if name.starts_with('_') || !repo.is_dir() {
            continue;
        }
        let analysis = analyze(&repo);
        let model = analysis.model();
        let world = World::new(&model, &analysis.ws.db, CaddyVersion::default());
        for (host, src) in &world.hosts {
            let expected = root
                .join("_harness/expected")
                .join(&name)
                .join(format!("{}.Caddyfile", host.name));
            let Ok(text) = std::fs::read_to_string(&expected) else {
                continue;
            };
            let super::RouteSource::Caddyfile(r) = src else {
                failures.push(format!(
                    "{name}/{}: the Caddyfile is not fully known",
                    host.name
                ));
                continue;
            };
            if host.caddyfile.value().map(|f| &*f.text) != Some(r.text()) {
                failures.push(format!(
                    "{name}/{}: routes do not come from the generated Caddyfile",
                    host.name
                ));
            }
            let real = parse_with(&text, &ParseOptions::default());
            let mut ours_sites: Vec<String> =
                r.cf.sites
                    .iter()
                    .flat_map(|s| s.addresses.iter().map(|a| a.text.clone()))
                    .collect();
            let mut real_sites: Vec<String> = real
                .sites
                .iter()
                .flat_map(|s| s.addresses.iter().map(|a| a.text.clone()))
                .collect();
            ours_sites.sort();
            real_sites.sort();
            if ours_sites != real_sites {
                failures.push(format!(
                    "{name}/{}: sites {ours_sites:?} vs real {real_sites:?}",
                    host.name
                ));
                continue;
            }
            // Sites with the same address (a duplicate) pair up in any order.
            let mut used = vec![false; r.cf.sites.len()];
            for site in &real.sites {
                let mut want = Vec::new();
                handler_labels(&build_routes(&real, site).routes, &mut want);
                let key: Vec<&String> = site.addresses.iter().map(|a| &a.text).collect();
                let mut found = false;
                let mut last = Vec::new();
                for (i, ours) in r.cf.sites.iter().enumerate() {
                    if used[i] || ours.addresses.iter().map(|a| &a.text).collect::<Vec<_>>() != key
                    {
                        continue;
                    }
                    let mut got = Vec::new();
                    handler_labels(&build_routes(&r.cf, ours).routes, &mut got);
                    if got == want {
                        used[i] = true;
                        found = true;
                        break;
                    }
                    last = got;
                }
                if !found {
                    failures.push(format!(
                        "{name}/{} site {}:\n  pocketlint {last:?}\n  real nix   {want:?}",
                        host.name, site.addresses[0].text
                    ));
                }
                compared += 1;
            }
            let ours_sec = r.cf.security.as_ref().map(|s| {
                let p: Vec<_> = s
                    .policies
                    .iter()
                    .map(|p| {
                        (
                            p.name.text.clone(),
                            p.allow_roles
                                .iter()
                                .map(|x| x.text.clone())
                                .collect::<Vec<_>>(),
                        )
                    })
                    .collect();
                let t: Vec<_> = s.portals.iter().map(|p| p.transforms.len()).collect();
                (p, t)
            });
            let real_sec = real.security.as_ref().map(|s| {
                let p: Vec<_> = s
                    .policies
                    .iter()
                    .map(|p| {
                        (
                            p.name.text.clone(),
                            p.allow_roles
                                .iter()
                                .map(|x| x.text.clone())
                                .collect::<Vec<_>>(),
                        )
                    })
                    .collect();
                let t: Vec<_> = s.portals.iter().map(|p| p.transforms.len()).collect();
                (p, t)
            });
            if ours_sec != real_sec {
                failures.push(format!(
                    "{name}/{}: security blocks differ: {ours_sec:?} vs {real_sec:?}",
                    host.name
                ));
            }
        }
    }
    eprintln!("deployed_caddyfiles_route_like_real_nix: {compared} sites compared");
    assert!(compared >= 20, "too few sites compared ({compared})");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Lines (1-based) of `file` holding `needle`.
fn lines_with(root: &Path, file: &str, needle: &str) -> Vec<u32> {
    std::fs::read_to_string(root.join(file))
        .unwrap_or_default()
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| u32::try_from(i + 1).unwrap_or(0))
        .collect()
}

/// The steps of an answer with their `file:line` locations.
fn located_steps(
    db: &crate::files::SourceDb,
    a: &super::Answer,
) -> Vec<(String, Vec<(String, u32)>)> {
    a.steps
        .iter()
        .map(|s| {
            let at = s
                .nix
                .iter()
                .filter_map(|sp| crate::commands::access::nix_location(db, *sp))
                .collect();
            (s.text.clone(), at)
        })
        .collect()
}

/// The seed's troubleshooting table answers itself (issue item 3), with
/// the reasons pointing at the Nix lines to change.
#[test]
fn seed_symptoms_answer_themselves() {
    let case = repo_root().join("testdata/access/documented-generator");
    let analysis = analyze(&case);
    let model = analysis.model();
    let db = &analysis.ws.db;
    let world = World::new(&model, db, CaddyVersion::default());
    let host_file = "hosts/box/default.nix";
    let ask = |url: &str, from: Option<&str>, groups: Option<&[&str]>| {
        let mut q = Query::new(url);
        q.from = from.map(|f| f.parse().expect("address"));
        if let Some(g) = groups {
            q.identity = Identity::Groups(g.iter().map(|x| (*x).to_string()).collect());
        }
        simulate_in(&world, &q).expect("a site serves it").answer
    };

    // "User denied despite being in admins group": the deny names the
    // missing claimRoles entry, at the site's caddySecurity block.
    let a = ask("https://jelly.box.test/", None, Some(&["admins"]));
    assert_eq!(a.decision, Decision::Deny);
    assert_eq!(a.status, Some(403));
    let roles = a.roles.clone().expect("roles");
    assert_eq!(roles.user, ["admins"]);
    assert_eq!(roles.wanted, ["media"]);
    let steps = located_steps(db, &a);
    let (_, at) = steps
        .iter()
        .find(|(t, _)| {
            t.contains(r#"add `{ claim = "groups"; value = "admins"; role = "media"; }`"#)
        })
        .expect("the missing mapping is named");
    let block = lines_with(&case, host_file, "jelly.reverseProxy")[0];
    assert!(
        at.iter()
            .any(|(f, l)| f == host_file && *l > block && *l <= block + 4),
        "points at jelly's caddySecurity: {at:?}"
    );

    // "API bypass ignored: IP not in allowedNetworks": the fall-through is
    // explained, pointing at the network list.
    let a = ask(
        "https://media.box.test/api/queue",
        Some("203.0.113.10"),
        None,
    );
    assert_eq!(a.decision, Decision::Redirect);
    let steps = located_steps(db, &a);
    let (text, at) = steps
        .iter()
        .find(|(t, _)| t.contains("does not apply"))
        .expect("the skipped bypass is explained");
    assert!(
        text.contains("`path /api /api/* /feed /feed/*` matches"),
        "{text}"
    );
    assert!(
        text.contains("does not contain the peer 203.0.113.10"),
        "{text}"
    );
    let lan = lines_with(&case, host_file, "lan = [ \"192.168.50.0/24\" ]")[0];
    assert!(at.contains(&(host_file.to_string(), lan)), "{at:?}");

    // "An unanchored regex lets through the surprising path it matches."
    let a = ask(
        "https://radar.box.test/evil/api/v3/system/status/y",
        Some("192.168.50.7"),
        None,
    );
    assert_eq!(a.decision, Decision::Bypass);
    let steps = located_steps(db, &a);
    let re = lines_with(&case, host_file, "\"/api/v3/system/status\"")[0];
    assert!(
        steps.iter().any(
            |(t, at)| t.contains("`path_regexp /api/v3/system/status` matches")
                && at.contains(&(host_file.to_string(), re))
        ),
        "{steps:?}"
    );
}

/// Every decision appears in the tables, both from deployed Caddyfiles and
/// from the schema's semantics, for both schemas.
#[test]
fn tables_cover_every_decision() {
    let mut by_basis: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut schemas = Vec::new();
    for (dir, table) in cases() {
        let model = analyze(&dir).model();
        for h in &model.hosts {
            schemas.push((table.basis.clone(), h.security.schema));
        }
        for r in &table.request {
            by_basis
                .entry(table.basis.clone())
                .or_default()
                .push(r.expect.clone());
        }
    }
    for basis in ["caddyfile", "schema"] {
        for d in [
            Decision::Bypass,
            Decision::Authenticate,
            Decision::Redirect,
            Decision::Allow,
            Decision::Deny,
            Decision::Unprotected,
            Decision::ServedByExtraConfig,
            Decision::Unknown,
        ] {
            assert!(
                by_basis
                    .get(basis)
                    .is_some_and(|v| v.iter().any(|x| x == d.as_str())),
                "no `{}` decision based on the {basis}",
                d.as_str()
            );
        }
        for s in [
            crate::model::Schema::Documented,
            crate::model::Schema::Extended,
        ] {
            assert!(
                schemas.contains(&(basis.to_string(), s)),
                "no {s:?}-schema case based on the {basis}"
            );
        }
    }
}
