//! Debian's Caddy 2.6.2 as the oracle for parsing, load-time refusals and
//! routing.
//!
//! Cases live in `testdata/caddyfile/`:
//! * `*.caddyfile` whose first line is `# expect: accept` or
//!   `# expect: reject` (`# expect: reject-plugin` for refusals only
//!   caddy-security makes, which the plugin-less oracle cannot confirm);
//!   `# env: NAME=value` lines set variables for both sides;
//! * `NAME.requests` beside an accepted case: one request per line,
//!   `GET http://host/path from 127.0.0.2 header K=V -> LABEL`, where LABEL
//!   must start the label of the handler that answers
//!   ([`Decision::first_responder`]) or be `UNHANDLED`.
//!
//! Checks: (a) `caddy validate` accepts a file (the marker rewrite of it,
//! for accepted cases) exactly when pocketlint reports no
//! `caddy_rejects_config`; (b) for each request, a Caddy serving the marker
//! rewrite on 127.0.0.1 answers with the marker of the handler that
//! [`decide`] picks. The Caddyfiles rendered by the NixOS harness
//! (`nixos-tests/_harness/expected/`) get (a) and a generated request grid.
//!
//! Without `caddy` (or `curl`) the tests print why and pass, except under
//! `CI=true`, where they fail.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::checks::{FindingKind, check};
use super::markers::{MARKER_HEADER, PORT_ENV, UPSTREAM_ENV, marker_from_response, with_markers};
use super::matchers::Request;
use super::routes::{Decision, Outcome, SiteRoutes, build_routes, decide, select_site};
use super::{CaddyVersion, Caddyfile, ParseOptions, parse_with};

fn repo_root() -> PathBuf {
    // `file!()` is relative to the crate root in pocketlint and absolute
    // when the module is compiled through a `#[path]` elsewhere.
    let file = Path::new(file!());
    let here = if file.is_absolute() {
        file.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(file)
    };
    here.ancestors()
        .nth(4)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn tool_available(name: &str) -> bool {
    Command::new(name)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        || Command::new(name)
            .arg("version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

/// `true` when the oracle can run; otherwise prints why (and panics under
/// CI, which installs caddy).
pub(crate) fn oracle_ready(test: &str) -> bool {
    let missing: Vec<&str> = ["caddy", "curl"]
        .into_iter()
        .filter(|t| !tool_available(t))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "{test}: SKIPPED, {} not installed (apt-get install -y caddy curl)",
        missing.join(" and ")
    );
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{msg}; required under CI=true"
    );
    eprintln!("{msg}");
    false
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pocketlint-caddy-oracle-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn caddy_cmd(env: &BTreeMap<String, String>) -> Command {
    let mut c = Command::new("caddy");
    let dir = scratch_dir();
    c.env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("HOME", &dir);
    for (k, v) in env {
        c.env(k, v);
    }
    c
}

/// `caddy validate` on `text`: `Ok(())` or the last error line.
pub(crate) fn caddy_validate(
    text: &str,
    name: &str,
    env: &BTreeMap<String, String>,
) -> Result<(), String> {
    let path = scratch_dir().join(format!("{name}.validate.caddyfile"));
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let out = caddy_cmd(env)
        .args(["validate", "--adapter", "caddyfile", "--config"])
        .arg(&path)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(err
            .lines()
            .rev()
            .find(|l| l.contains("rror"))
            .unwrap_or("failed")
            .to_string())
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_or(0, |a| a.port())
}

pub(crate) struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn start_server(
    text: &str,
    name: &str,
    env: &BTreeMap<String, String>,
) -> Result<Server, String> {
    let port = free_port();
    let upstream = free_port();
    let path = scratch_dir().join(format!("{name}.run.caddyfile"));
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let mut env = env.clone();
    env.insert(PORT_ENV.to_string(), port.to_string());
    env.insert(UPSTREAM_ENV.to_string(), upstream.to_string());
    let log = std::fs::File::create(scratch_dir().join(format!("{name}.log")))
        .map_err(|e| e.to_string())?;
    let child = caddy_cmd(&env)
        .args(["run", "--adapter", "caddyfile", "--config"])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let a = TcpStream::connect(("127.0.0.1", port)).is_ok();
        let b = TcpStream::connect(("127.0.0.1", upstream)).is_ok();
        if a && b {
            return Ok(server);
        }
        if let Ok(Some(st)) = server.child.try_wait() {
            return Err(format!("caddy exited early: {st}"));
        }
        if Instant::now() > deadline {
            return Err("caddy did not start listening".to_string());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One line of a `.requests` table.
#[derive(Debug, Clone)]
pub(crate) struct Probe {
    pub(crate) line: usize,
    pub(crate) method: String,
    pub(crate) url: String,
    pub(crate) from: IpAddr,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) expect: Option<String>,
}

impl Probe {
    fn request(&self) -> Request {
        let mut r = Request::get(&self.url)
            .from_ip(self.from)
            .with_method(&self.method);
        for (k, v) in &self.headers {
            r = r.with_header(k, v);
        }
        r
    }
}

fn parse_probes(text: &str) -> Vec<Probe> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let (req, expect) = match l.split_once("->") {
            Some((a, b)) => (a.trim(), Some(b.trim().to_string())),
            None => (l, None),
        };
        let words: Vec<&str> = req.split_whitespace().collect();
        let mut p = Probe {
            line: i + 1,
            method: words.first().copied().unwrap_or("GET").to_string(),
            url: words.get(1).copied().unwrap_or("/").to_string(),
            from: IpAddr::from([127, 0, 0, 1]),
            headers: Vec::new(),
            expect,
        };
        let mut k = 2;
        while k + 1 < words.len() {
            match words[k] {
                "from" => p.from = words[k + 1].parse().unwrap_or(p.from),
                "header" => {
                    if let Some((a, b)) = words[k + 1].split_once('=') {
                        p.headers.push((a.to_string(), b.to_string()));
                    }
                }
                _ => {}
            }
            k += 2;
        }
        out.push(p);
    }
    out
}

/// Sends a probe with curl to the server and returns the marker.
pub(crate) fn send(server: &Server, p: &Probe) -> Result<String, String> {
    let rest = p.url.strip_prefix("http://").unwrap_or(&p.url);
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let url = format!("http://127.0.0.1:{}{path}", server.port);
    let mut c = Command::new("curl");
    c.args([
        "-s",
        "-i",
        "--path-as-is",
        "--max-time",
        "10",
        "-X",
        &p.method,
    ])
    .args(["--interface", &p.from.to_string()])
    .args(["-H", &format!("Host: {host}:{}", server.port)]);
    for (k, v) in &p.headers {
        c.args(["-H", &format!("{k}: {v}")]);
    }
    let out = c.arg(&url).output().map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let status: u16 = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no HTTP status from curl: {text:?}"))?;
    let header = |name: &str| {
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    Ok(marker_from_response(
        status,
        header("Location").as_deref(),
        header("WWW-Authenticate").as_deref(),
        body,
    ))
}

fn expected_marker(d: &Decision) -> Result<String, String> {
    if let Some(h) = d.first_responder() {
        return Ok(h.marker());
    }
    match &d.outcome {
        Outcome::Unhandled => Ok("UNHANDLED".to_string()),
        Outcome::Undecided { directive } => Err(format!("undecidable at directive {directive}")),
        Outcome::Handled(h) => Ok(h.marker()),
    }
}

fn expected_label(d: &Decision) -> String {
    d.first_responder()
        .map_or_else(|| "UNHANDLED".to_string(), |h| h.label.clone())
}

/// `caddy adapt` of `text`: the JSON, or the error.
fn caddy_adapt(text: &str, name: &str, env: &BTreeMap<String, String>) -> Result<String, String> {
    let path = scratch_dir().join(format!("{name}.adapt.caddyfile"));
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let out = caddy_cmd(env)
        .args(["adapt", "--adapter", "caddyfile", "--config"])
        .arg(&path)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

const MARKER_KINDS: &str = "REVERSE_PROXY|RESPOND|REDIR|FILE_SERVER|AUTHENTICATE|AUTHORIZE|BASIC_AUTH|FORWARD_AUTH|ABORT|ERROR|PHP_FASTCGI|METRICS|ACME_SERVER|COPY_RESPONSE";

/// Markers in the order they appear in Caddy's JSON (its route order).
fn json_markers(json: &str) -> Vec<String> {
    let re = regex::Regex::new(&format!(
        "\"(?:/__pocketlint/)?((?:{MARKER_KINDS})-[0-9]+)\""
    ))
    .unwrap_or_else(|_| regex::Regex::new("$^").unwrap_or_else(|_| unreachable!()));
    re.captures_iter(json).map(|c| c[1].to_string()).collect()
}

fn model_markers(routes: &[super::routes::Route], out: &mut Vec<String>) {
    for r in routes {
        match &r.body {
            super::routes::RouteBody::Handler(h) => {
                if h.kind.is_terminal() || h.kind.is_gate() {
                    out.push(h.marker());
                }
            }
            super::routes::RouteBody::Subroute { routes, .. } => model_markers(routes, out),
        }
    }
}

/// (a') Caddy's compiled route order equals the model's, per site. Sites
/// appear in the JSON in Caddy's host-specificity order, so each site's
/// sequence is located by its first marker.
pub(crate) fn check_route_order(
    name: &str,
    cf: &Caddyfile,
    marked: &str,
    env: &BTreeMap<String, String>,
    failures: &mut Vec<String>,
) {
    let mut env = env.clone();
    env.insert(PORT_ENV.to_string(), "18999".to_string());
    env.insert(UPSTREAM_ENV.to_string(), "18998".to_string());
    let json = match caddy_adapt(marked, name, &env) {
        Ok(j) => j,
        Err(e) => {
            failures.push(format!("{name}: caddy adapt failed: {e}"));
            return;
        }
    };
    let got = json_markers(&json);
    let mut per_site: Vec<Vec<String>> = cf
        .sites
        .iter()
        .map(|s| {
            let mut v = Vec::new();
            model_markers(&build_routes(cf, s).routes, &mut v);
            v
        })
        .filter(|v| !v.is_empty())
        .collect();
    per_site.sort_by_key(|v| got.iter().position(|m| *m == v[0]).unwrap_or(usize::MAX));
    let want: Vec<String> = per_site.concat();
    if got != want {
        failures.push(format!(
            "{name}: route order differs\n  caddy      {got:?}\n  pocketlint {want:?}"
        ));
    }
}

struct Case {
    name: String,
    text: String,
    expect: String,
    env: BTreeMap<String, String>,
    probes: Vec<Probe>,
}

fn load_cases() -> Vec<Case> {
    let dir = repo_root().join("testdata/caddyfile");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    names.sort();
    let mut out = Vec::new();
    for p in names {
        if p.extension().and_then(|e| e.to_str()) != Some("caddyfile") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let name = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("case")
            .to_string();
        let mut expect = String::new();
        let mut env = BTreeMap::new();
        for l in text.lines().take_while(|l| l.starts_with('#')) {
            if let Some(e) = l.strip_prefix("# expect:") {
                expect = e.trim().to_string();
            }
            if let Some((k, v)) = l
                .strip_prefix("# env:")
                .and_then(|e| e.trim().split_once('='))
            {
                env.insert(k.to_string(), v.to_string());
            }
        }
        let probes = std::fs::read_to_string(p.with_extension("requests"))
            .map(|t| parse_probes(&t))
            .unwrap_or_default();
        out.push(Case {
            name,
            text,
            expect,
            env,
            probes,
        });
    }
    out
}

pub(crate) fn parse_262(text: &str, env: &BTreeMap<String, String>) -> Caddyfile {
    parse_with(
        text,
        &ParseOptions {
            version: CaddyVersion::V2_6_2,
            env: Some(env.clone()),
        },
    )
}

/// Refusals Caddy itself makes (not caddy-security's reference checks).
pub(crate) fn core_rejections(cf: &Caddyfile) -> Vec<String> {
    check(cf)
        .into_iter()
        .filter(|f| f.kind == FindingKind::CaddyRejectsConfig && !is_plugin_finding(&f.message))
        .map(|f| f.message)
        .collect()
}

fn is_plugin_finding(msg: &str) -> bool {
    msg.contains("undefined authorization policy")
        || msg.contains("undefined authentication portal")
        || msg.contains("authentication portal '")
        || msg.contains("authorization policy '")
        || msg.starts_with("malformed authorize")
        || msg.starts_with("malformed authenticate")
}

pub(crate) fn plugin_rejections(cf: &Caddyfile) -> Vec<String> {
    check(cf)
        .into_iter()
        .filter(|f| f.kind == FindingKind::CaddyRejectsConfig && is_plugin_finding(&f.message))
        .map(|f| f.message)
        .collect()
}

pub(crate) fn run_probes(
    name: &str,
    cf: &Caddyfile,
    marked: &str,
    env: &BTreeMap<String, String>,
    probes: &[Probe],
    failures: &mut Vec<String>,
) -> usize {
    let sites: Vec<SiteRoutes> = cf.sites.iter().map(|s| build_routes(cf, s)).collect();
    let server = match start_server(marked, name, env) {
        Ok(s) => s,
        Err(e) => {
            failures.push(format!("{name}: {e}"));
            return 0;
        }
    };
    let mut sent = 0;
    for p in probes {
        let req = p.request();
        // No site for the host: Caddy answers an empty 200.
        let (want, label) = match select_site(&sites, &req) {
            None => ("UNHANDLED".to_string(), "UNHANDLED".to_string()),
            Some(site) => {
                let d = decide(site, &req);
                match expected_marker(&d) {
                    Ok(m) => (m, expected_label(&d)),
                    Err(e) => {
                        failures.push(format!("{name}:{}: {} {e}", p.line, p.url));
                        continue;
                    }
                }
            }
        };
        if let Some(exp) = &p.expect
            && !label.starts_with(exp.as_str())
        {
            failures.push(format!(
                "{name}:{}: {} from {}: table says {exp}, pocketlint decides {label}",
                p.line, p.url, p.from
            ));
        }
        match send(&server, p) {
            Ok(got) if got == want => {}
            Ok(got) => failures.push(format!(
                "{name}:{}: {} from {}: caddy answered {got}, pocketlint decides {want} ({label})",
                p.line, p.url, p.from
            )),
            Err(e) => failures.push(format!("{name}:{}: {e}", p.line)),
        }
        sent += 1;
    }
    sent
}

#[test]
fn oracle_testdata_cases() {
    if !oracle_ready("oracle_testdata_cases") {
        return;
    }
    let cases = load_cases();
    assert!(cases.len() >= 10, "testdata/caddyfile has too few cases");
    let mut failures = Vec::new();
    let (mut validated, mut probes) = (0, 0);
    for c in &cases {
        let cf = parse_262(&c.text, &c.env);
        let core = core_rejections(&cf);
        let plugin = plugin_rejections(&cf);
        match c.expect.as_str() {
            "accept" => {
                if !core.is_empty() || !plugin.is_empty() {
                    failures.push(format!(
                        "{}: pocketlint rejects: {core:?} {plugin:?}",
                        c.name
                    ));
                    continue;
                }
                let marked = match with_markers(&cf) {
                    Ok(m) => m,
                    Err(e) => {
                        failures.push(format!("{}: {e}", c.name));
                        continue;
                    }
                };
                let mut env = c.env.clone();
                env.insert(PORT_ENV.to_string(), "18999".to_string());
                env.insert(UPSTREAM_ENV.to_string(), "18998".to_string());
                if let Err(e) = caddy_validate(&marked, &c.name, &env) {
                    failures.push(format!(
                        "{}: caddy refuses the marked file: {e}\n{marked}",
                        c.name
                    ));
                    continue;
                }
                validated += 1;
                check_route_order(&c.name, &cf, &marked, &c.env, &mut failures);
                probes += run_probes(&c.name, &cf, &marked, &c.env, &c.probes, &mut failures);
            }
            "reject" => {
                let caddy = caddy_validate(&c.text, &c.name, &c.env);
                validated += 1;
                if caddy.is_ok() {
                    failures.push(format!("{}: caddy accepts a file marked reject", c.name));
                }
                if core.is_empty() {
                    failures.push(format!(
                        "{}: caddy refuses ({}), pocketlint does not",
                        c.name,
                        caddy.err().unwrap_or_default()
                    ));
                }
                // The marker rewrite must keep the refusal.
                if let Ok(m) = with_markers(&cf) {
                    let mut env = c.env.clone();
                    env.insert(PORT_ENV.to_string(), "18999".to_string());
                    env.insert(UPSTREAM_ENV.to_string(), "18998".to_string());
                    if caddy_validate(&m, &c.name, &env).is_ok() {
                        failures.push(format!("{}: marker rewrite lost the refusal", c.name));
                    }
                }
            }
            "reject-plugin" => {
                if plugin.is_empty() {
                    failures.push(format!("{}: pocketlint misses the plugin refusal", c.name));
                }
                if !core.is_empty() {
                    failures.push(format!("{}: unexpected core refusal {core:?}", c.name));
                }
            }
            other => failures.push(format!("{}: unknown expectation '{other}'", c.name)),
        }
    }
    eprintln!(
        "oracle_testdata_cases: {} cases, {validated} caddy validations, {probes} live requests",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn harness_files() -> Vec<PathBuf> {
    let dir = repo_root().join("nixos-tests/_harness/expected");
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for repo in rd.flatten() {
            if let Ok(files) = std::fs::read_dir(repo.path()) {
                for f in files.flatten() {
                    if f.path().extension().and_then(|e| e.to_str()) == Some("Caddyfile") {
                        out.push(f.path());
                    }
                }
            }
        }
    }
    out.sort();
    out
}

pub(crate) fn env_for(text: &str) -> BTreeMap<String, String> {
    super::lexer::env_refs(text)
        .into_iter()
        .map(|r| (r.name.clone(), format!("test-{}", r.name.to_lowercase())))
        .collect()
}

#[test]
fn oracle_harness_caddyfiles() {
    if !oracle_ready("oracle_harness_caddyfiles") {
        return;
    }
    let files = harness_files();
    if files.is_empty() {
        eprintln!("oracle_harness_caddyfiles: no rendered Caddyfiles found, nothing to compare");
        return;
    }
    let mut failures = Vec::new();
    let mut probes_sent = 0;
    for f in &files {
        let name = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("harness")
            .to_string();
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let env = env_for(&text);
        let cf = parse_262(&text, &env);
        let core = core_rejections(&cf);
        let marked = match with_markers(&cf) {
            Ok(m) => m,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let mut venv = env.clone();
        venv.insert(PORT_ENV.to_string(), "18999".to_string());
        venv.insert(UPSTREAM_ENV.to_string(), "18998".to_string());
        let caddy = caddy_validate(&marked, &name, &venv);
        if caddy.is_ok() != core.is_empty() {
            failures.push(format!(
                "{name}: caddy says {caddy:?}, pocketlint core refusals {core:?}"
            ));
            continue;
        }
        if caddy.is_err() {
            continue;
        }
        check_route_order(&name, &cf, &marked, &env, &mut failures);
        // A request grid per site, from a neutral and a second loopback
        // address.
        let mut grid = Vec::new();
        for site in &cf.sites {
            for a in &site.addresses {
                for path in [
                    "/",
                    "/api/x",
                    "/API/v3/queue",
                    "/caddy-security/login",
                    "/oauth2/generic/authorization-code-callback",
                    "/share/a",
                    "/feed/x.ics",
                    "/api/health",
                    "/status/x",
                    "/x/../api/y",
                ] {
                    for from in ["127.0.0.1", "127.0.0.2"] {
                        grid.push(Probe {
                            line: 0,
                            method: "GET".to_string(),
                            url: format!("http://{}{path}", a.host),
                            from: from.parse().unwrap_or(IpAddr::from([127, 0, 0, 1])),
                            headers: Vec::new(),
                            expect: None,
                        });
                    }
                }
            }
        }
        probes_sent += run_probes(&name, &cf, &marked, &env, &grid, &mut failures);
    }
    eprintln!(
        "oracle_harness_caddyfiles: {} files, {probes_sent} live requests",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Random site blocks of 21–60 `route`s mixing single-path routes,
/// header-only named matchers, two-path matchers and matcher-less routes:
/// Caddy's compiled order must equal the model's (Go's stable sort over a
/// non-transitive comparison), for both sort generations' inputs.
#[test]
fn oracle_sort_order_random() {
    if !oracle_ready("oracle_sort_order_random") {
        return;
    }
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        seed >> 33
    };
    let mut failures = Vec::new();
    let files = 40;
    for f in 0..files {
        let n = 21 + usize::try_from(next() % 40).unwrap_or(0);
        let mut text = String::from("http://o.test {\n");
        for i in 0..n {
            let len = 1 + usize::try_from(next() % 6).unwrap_or(0);
            let p = format!("/{}", "a".repeat(len));
            let star = if next() % 3 == 0 { "" } else { "*" };
            let line = match next() % 10 {
                0..=4 => format!("\troute {p}{star} {{\n\t\trespond \"R{i}\"\n\t}}\n"),
                5 | 6 => format!(
                    "\t@m{i} header X-{i} 1\n\troute @m{i} {{\n\t\trespond \"R{i}\"\n\t}}\n"
                ),
                7 => format!(
                    "\t@m{i} {{\n\t\theader X-{i} 1\n\t\tpath {p}*\n\t}}\n\troute @m{i} {{\n\t\trespond \"R{i}\"\n\t}}\n"
                ),
                8 => format!("\t@m{i} path {p} /b\n\troute @m{i} {{\n\t\trespond \"R{i}\"\n\t}}\n"),
                _ => format!("\troute {{\n\t\trespond \"R{i}\"\n\t}}\n"),
            };
            text.push_str(&line);
        }
        text.push_str("}\n");
        let cf = parse_262(&text, &BTreeMap::new());
        match with_markers(&cf) {
            Ok(marked) => check_route_order(
                &format!("random-{f}"),
                &cf,
                &marked,
                &BTreeMap::new(),
                &mut failures,
            ),
            Err(e) => failures.push(format!("random-{f}: {e}")),
        }
    }
    eprintln!("oracle_sort_order_random: {files} random files compared with caddy adapt");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn probe_table_format() {
    let p = parse_probes(
        "# c\nGET http://b.test/api/x from 127.0.0.2 header X-Api-Key=k -> REVERSE_PROXY\nPOST /x\n",
    );
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].from, IpAddr::from([127, 0, 0, 2]));
    assert_eq!(p[0].headers[0].1, "k");
    assert_eq!(p[0].expect.as_deref(), Some("REVERSE_PROXY"));
    assert_eq!(p[1].method, "POST");
    let _ = std::io::stderr().flush();
    assert!(repo_root().join("src").exists());
    assert!(MARKER_HEADER.starts_with("X-"));
}
