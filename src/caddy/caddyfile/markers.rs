//! Rewrites a parsed Caddyfile so that Debian's Caddy 2.6.2 (no
//! caddy-security) loads it and every answering handler identifies itself
//! with [`Handler::marker`] (`KIND-<directive id>`), while each handler
//! keeps its place in Caddy's routing.
//!
//! Keeping the place is the point: at site level and in `handle` bodies
//! Caddy sorts directives, so replacing `authorize` by `respond` would
//! move it. Instead:
//! * `reverse_proxy` stays a `reverse_proxy`, to a marker upstream (a site
//!   added at the end, on `{$POCKETLINT_MARKER_UPSTREAM_PORT}`) that echoes
//!   the `X-Pocketlint-Marker` header set by `header_up`;
//! * `respond` keeps its slot and answers its marker;
//! * `basic_auth` becomes 2.6.2's `basicauth` with the marker as realm
//!   (401, `WWW-Authenticate: Basic realm="…"`);
//! * directives Debian's Caddy lacks or that cannot name themselves
//!   (`authorize`, `authenticate`, `file_server`, `forward_auth`, `abort`,
//!   …) use a *carrier*: `error "MARKER"` (answered by a `handle_errors`
//!   that echoes the message) or `redir /__pocketlint/MARKER`, moved to the
//!   right slot with a global `order … before …`;
//! * inside `route` blocks order is literal, so everything answering is a
//!   plain `respond "MARKER"`.
//!
//! Sites listen on `http://HOST:{$POCKETLINT_MARKER_PORT}`; `tls`, `log`,
//! `bind`, `handle_errors` and unknown (plugin) directives are dropped;
//! global options are replaced.

use std::fmt::Write as _;

use super::lexer::{Quote, Token};
use super::parser::Directive;
use super::routes::{ORDER_2_6_2, directive_order};
use super::{CaddyVersion, Caddyfile};

/// Env var holding the port every site listens on.
pub const PORT_ENV: &str = "POCKETLINT_MARKER_PORT";
/// Env var holding the marker upstream's port.
pub const UPSTREAM_ENV: &str = "POCKETLINT_MARKER_UPSTREAM_PORT";
/// Header carrying a `reverse_proxy` marker to the upstream.
pub const MARKER_HEADER: &str = "X-Pocketlint-Marker";
/// Path prefix of `redir` carriers' `Location`.
pub const REDIR_PREFIX: &str = "/__pocketlint/";

/// Why a file cannot be rewritten faithfully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkerError {
    /// The file does not parse.
    Syntax(String),
    /// More directive slots need a carrier than there are carriers.
    TooManyCarriers(Vec<String>),
}

impl std::fmt::Display for MarkerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MarkerError::Syntax(m) => write!(f, "cannot rewrite a file with syntax errors: {m}"),
            MarkerError::TooManyCarriers(d) => {
                write!(f, "not enough carrier directives for {}", d.join(", "))
            }
        }
    }
}

impl std::error::Error for MarkerError {}

/// Directives answering through a carrier when they sit in a sorted list.
const NEEDS_CARRIER: &[&str] = &[
    "authorize",
    "authenticate",
    "file_server",
    "forward_auth",
    "abort",
    "php_fastcgi",
    "metrics",
    "acme_server",
    "copy_response",
    "redir",
    "error",
];

/// A bcrypt hash Caddy 2.6.2 accepts (of "x"); the user never matches.
const DUMMY_HASH: &str =
    "JDJhJDA0JEQ2aFdzOE9WOU9iTzZ6WW1jU2FxYy5KOVBQeTZIQUFjS0lXSzE5TXdzV2h6Z1Bxb1lWOVYu";

struct Plan {
    // (slot directive, carrier) for slots answered through a carrier
    carriers: Vec<(String, String)>,
    uses_error: bool,
}

impl Plan {
    fn carrier(&self, slot: &str) -> Option<&str> {
        self.carriers
            .iter()
            .find(|(s, _)| s == slot)
            .map(|(_, c)| c.as_str())
    }
}

fn norm(name: &str) -> &str {
    match name {
        "handle_path" => "handle",
        "basic_auth" => "basicauth",
        other => other,
    }
}

fn collect_sorted_names(ds: &[Directive], sorted: bool, out: &mut Vec<String>) {
    for d in ds {
        let n = norm(d.name());
        if sorted && !out.iter().any(|x| x == n) {
            out.push(n.to_string());
        }
        match d.name() {
            "route" => collect_sorted_names(d.children(), false, out),
            "handle" | "handle_path" => collect_sorted_names(d.children(), true, out),
            _ => {}
        }
    }
}

/// Directives that can answer with a marker, in order of preference.
const CARRIERS: &[&str] = &["error", "redir", "respond", "reverse_proxy", "basicauth"];

fn plan(cf: &Caddyfile) -> Result<Plan, MarkerError> {
    let mut names = Vec::new();
    for s in &cf.sites {
        collect_sorted_names(&s.directives, true, &mut names);
    }
    let mut free: Vec<&str> = CARRIERS
        .iter()
        .copied()
        .filter(|c| !names.iter().any(|s| s == c))
        .collect();
    let mut carriers = Vec::new();
    let mut missing = Vec::new();
    for s in names.iter().filter(|n| NEEDS_CARRIER.contains(&n.as_str())) {
        if s == "error" || s == "redir" {
            carriers.push((s.clone(), s.clone()));
            continue;
        }
        if free.is_empty() {
            missing.push(s.clone());
        } else {
            carriers.push((s.clone(), free.remove(0).to_string()));
        }
    }
    if !missing.is_empty() {
        return Err(MarkerError::TooManyCarriers(missing));
    }
    let uses_error = carriers.iter().any(|(_, c)| c == "error");
    Ok(Plan {
        carriers,
        uses_error,
    })
}

/// `order` lines putting each carrier where its slot is.
fn order_lines(cf: &Caddyfile, plan: &Plan) -> Vec<String> {
    let mut full = directive_order(&Caddyfile {
        options: super::ParseOptions {
            version: CaddyVersion::V2_6_2,
            env: None,
        },
        routes: std::sync::OnceLock::new(),
        findings: std::sync::OnceLock::new(),
        ..cf.clone()
    });
    let mut lines = Vec::new();
    for (slot, carrier) in &plan.carriers {
        if slot == carrier {
            continue;
        }
        // The carrier leaves its own slot and takes the slot's place.
        full.retain(|x| x != carrier);
        let Some(i) = full.iter().position(|x| x == slot) else {
            continue;
        };
        full[i].clone_from(carrier);
        let next = full[i + 1..].iter().find(|x| {
            ORDER_2_6_2.contains(&x.as_str()) && !plan.carriers.iter().any(|(_, c)| c == *x)
        });
        match next {
            Some(n) => lines.push(format!("order {carrier} before {n}")),
            None => lines.push(format!("order {carrier} last")),
        }
    }
    lines
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn ser(t: &Token) -> String {
    match t.quote {
        Quote::None => {
            if t.text.is_empty() {
                "\"\"".to_string()
            } else {
                t.text.clone()
            }
        }
        Quote::Backtick if !t.text.contains('`') => format!("`{}`", t.text),
        _ => quote(&t.text),
    }
}

fn matcher_arg(d: &Directive) -> Option<&Token> {
    d.args.first().filter(|t| {
        t.text == "*"
            || (t.text.starts_with('/') && d.name() != "handle_path")
            || t.text.starts_with('@')
    })
}

fn label_kind(name: &str) -> String {
    match name {
        "reverse_proxy" => "REVERSE_PROXY".to_string(),
        "basic_auth" | "basicauth" => "BASIC_AUTH".to_string(),
        other => other.to_ascii_uppercase(),
    }
}

/// The marker a directive's handler answers with: same as
/// [`Handler::marker`].
///
/// [`Handler::marker`]: super::routes::Handler::marker
pub fn marker_for(d: &Directive) -> String {
    format!("{}-{}", label_kind(norm(d.name())), d.id)
}

fn write_tokens(out: &mut String, d: &Directive, depth: usize) {
    let indent = "\t".repeat(depth);
    let _ = write!(out, "{indent}{}", ser(&d.name));
    for a in &d.args {
        let _ = write!(out, " {}", ser(a));
    }
    if let Some(b) = &d.block {
        out.push_str(" {\n");
        for c in &b.directives {
            write_tokens(out, c, depth + 1);
        }
        let _ = write!(out, "{indent}}}");
    }
    for t in &d.trailing {
        let _ = write!(out, " {}", ser(t));
    }
    out.push('\n');
}

fn is_known_passthrough(name: &str) -> bool {
    ORDER_2_6_2.contains(&name)
        && !matches!(
            name,
            "reverse_proxy"
                | "respond"
                | "file_server"
                | "basicauth"
                | "handle"
                | "handle_path"
                | "route"
        )
        && !NEEDS_CARRIER.contains(&name)
}

fn rewrite(out: &mut String, d: &Directive, depth: usize, sorted: bool, plan: &Plan) {
    let name = d.name();
    let indent = "\t".repeat(depth);
    let m = matcher_arg(d)
        .map(|t| format!(" {}", ser(t)))
        .unwrap_or_default();
    let marker = marker_for(d);
    if name.starts_with('@') {
        write_tokens(out, d, depth);
        return;
    }
    match name {
        "tls" | "log" | "bind" | "handle_errors" | "import" => {}
        "route" | "handle" | "handle_path" => {
            let _ = write!(out, "{indent}{name}");
            for a in &d.args {
                let _ = write!(out, " {}", ser(a));
            }
            out.push_str(" {\n");
            for c in d.children() {
                rewrite(out, c, depth + 1, name != "route", plan);
            }
            let _ = writeln!(out, "{indent}}}");
        }
        "reverse_proxy" => {
            let _ = writeln!(
                out,
                "{indent}reverse_proxy{m} 127.0.0.1:{{${UPSTREAM_ENV}}} {{\n{indent}\theader_up {MARKER_HEADER} {marker}\n{indent}}}"
            );
        }
        "respond" => {
            let _ = writeln!(out, "{indent}respond{m} {} 200", quote(&marker));
        }
        "basic_auth" | "basicauth" if sorted => {
            let _ = writeln!(
                out,
                "{indent}basicauth{m} bcrypt {} {{\n{indent}\tpocketlint-nobody {DUMMY_HASH}\n{indent}}}",
                quote(&marker)
            );
        }
        n if NEEDS_CARRIER.contains(&norm(n)) || n == "basic_auth" || n == "basicauth" => {
            let carrier = if sorted { plan.carrier(norm(n)) } else { None };
            match carrier {
                Some("error") => {
                    let _ = writeln!(out, "{indent}error{m} {} 500", quote(&marker));
                }
                Some("redir") => {
                    let _ = writeln!(out, "{indent}redir{m} {REDIR_PREFIX}{marker} 302");
                }
                Some("reverse_proxy") => {
                    let _ = writeln!(
                        out,
                        "{indent}reverse_proxy{m} 127.0.0.1:{{${UPSTREAM_ENV}}} {{\n{indent}\theader_up {MARKER_HEADER} {marker}\n{indent}}}"
                    );
                }
                Some("basicauth") => {
                    let _ = writeln!(
                        out,
                        "{indent}basicauth{m} bcrypt {} {{\n{indent}\tpocketlint-nobody {DUMMY_HASH}\n{indent}}}",
                        quote(&marker)
                    );
                }
                _ => {
                    let _ = writeln!(out, "{indent}respond{m} {} 200", quote(&marker));
                }
            }
        }
        n if is_known_passthrough(n) => write_tokens(out, d, depth),
        // Unknown (plugin) directives are assumed to continue; Debian's
        // Caddy would refuse them, so they are left out.
        _ => {}
    }
}

fn address(a: &super::parser::Address) -> String {
    format!("http://{}:{{${PORT_ENV}}}{}", a.host, a.path)
}

/// Rewrites `cf` for the oracle (see the module docs).
pub fn with_markers(cf: &Caddyfile) -> Result<String, MarkerError> {
    if let Some(e) = cf.errors.first() {
        return Err(MarkerError::Syntax(e.message.clone()));
    }
    // Neither survives the rewrite (a key-less block is not kept; every
    // address becomes `http://`), so the refusal would be lost.
    if !cf.misplaced_globals.is_empty() {
        return Err(MarkerError::Syntax(
            "key-less block after the first block".to_string(),
        ));
    }
    if let Some(a) = cf
        .sites
        .iter()
        .flat_map(|s| s.addresses.iter())
        .find(|a| a.text.contains(['{', '}']) && !a.text.contains("{$"))
    {
        return Err(MarkerError::Syntax(format!(
            "stray brace as site address '{}'",
            a.text
        )));
    }
    let plan = plan(cf)?;
    let mut out = String::new();
    out.push_str("{\n\tadmin off\n\tauto_https off\n");
    for d in cf.global_options().iter().filter(|d| d.name() == "order") {
        let a = d.arg_texts();
        let known = |x: &str| ORDER_2_6_2.contains(&x);
        let keep = match a.as_slice() {
            [n, "first" | "last"] => known(n),
            [n, _, o] => known(n) && known(o),
            _ => false,
        };
        if keep {
            write_tokens(&mut out, d, 1);
        }
    }
    for l in order_lines(cf, &plan) {
        let _ = writeln!(out, "\t{l}");
    }
    out.push_str("}\n");
    for site in &cf.sites {
        let addrs: Vec<String> = site.addresses.iter().map(address).collect();
        let _ = writeln!(out, "{} {{", addrs.join(", "));
        if plan.uses_error {
            out.push_str("\thandle_errors {\n\t\trespond \"{http.error.message}\"\n\t}\n");
        }
        for d in &site.directives {
            rewrite(&mut out, d, 1, true, &plan);
        }
        out.push_str("}\n");
    }
    let _ = writeln!(
        out,
        "http://:{{${UPSTREAM_ENV}}} {{\n\trespond \"{{http.request.header.{MARKER_HEADER}}}\"\n}}"
    );
    Ok(out)
}

/// Extracts the marker from a response made by a marked file: a
/// `redir` carrier's `Location`, a `basicauth` realm, or the body; an
/// empty 200 (nothing answered) is `UNHANDLED`.
pub fn marker_from_response(
    status: u16,
    location: Option<&str>,
    www_auth: Option<&str>,
    body: &str,
) -> String {
    if let Some(m) = location.and_then(|l| l.strip_prefix(REDIR_PREFIX)) {
        return m.to_string();
    }
    if status == 401
        && let Some(realm) = www_auth
            .and_then(|w| w.split("realm=\"").nth(1))
            .and_then(|r| r.split('"').next())
    {
        return realm.to_string();
    }
    let b = body.trim();
    if b.is_empty() && status == 200 {
        return "UNHANDLED".to_string();
    }
    b.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::caddy::caddyfile::{ParseOptions, parse_with};

    fn mark(src: &str) -> String {
        let cf = parse_with(src, &ParseOptions::default());
        with_markers(&cf).unwrap()
    }

    #[test]
    fn literal_route_uses_respond() {
        let out = mark(
            "a.test {\n\troute /* {\n\t\tauthorize with q\n\t\treverse_proxy 127.0.0.1:1 {\n\t\t\theader_up X 1\n\t\t}\n\t}\n\ttls {\n\t\tdns cloudflare x\n\t}\n}\n",
        );
        assert!(out.contains("http://a.test:{$POCKETLINT_MARKER_PORT} {"));
        assert!(out.contains("respond \"AUTHORIZE-1\" 200"), "{out}");
        assert!(
            out.contains("header_up X-Pocketlint-Marker REVERSE_PROXY-2"),
            "{out}"
        );
        assert!(!out.contains("tls"));
        assert!(!out.contains("order"));
    }

    #[test]
    fn sorted_slots_use_carriers() {
        let out = mark(
            "a.test {\n\tauthorize with q\n\tauthenticate with p\n\thandle /x {\n\t\trespond hi\n\t}\n}\n",
        );
        assert!(out.contains("order error before basicauth"), "{out}");
        assert!(out.contains("order redir before respond"), "{out}");
        assert!(out.contains("error \"AUTHORIZE-0\" 500"));
        assert!(out.contains("redir /__pocketlint/AUTHENTICATE-1 302"));
        assert!(out.contains("handle_errors"));
        let cf = parse_with(
            "a.test {\n\trespond x\n\treverse_proxy y\n\tbasicauth {\n\t}\n\tauthorize with q\n\tauthenticate with p\n\tfile_server\n\tforward_auth z\n}\n",
            &ParseOptions::default(),
        );
        assert!(matches!(
            with_markers(&cf),
            Err(MarkerError::TooManyCarriers(_))
        ));
    }

    #[test]
    fn reads_markers_back() {
        assert_eq!(
            marker_from_response(302, Some("/__pocketlint/A-1"), None, ""),
            "A-1"
        );
        assert_eq!(
            marker_from_response(401, None, Some("Basic realm=\"BASIC_AUTH-3\""), "x"),
            "BASIC_AUTH-3"
        );
        assert_eq!(marker_from_response(200, None, None, ""), "UNHANDLED");
        assert_eq!(
            marker_from_response(200, None, None, "RESPOND-2\n"),
            "RESPOND-2"
        );
    }
}
