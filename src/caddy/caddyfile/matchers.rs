//! Request matchers: named matcher definitions (`@name { … }`,
//! `@name type args`, `@name "cel"`), inline matcher tokens (`*`, `/path`,
//! `@name`), and evaluation against a [`Request`].
//!
//! Semantics (Caddy's `httpcaddyfile.parseMatcherDefinitions` and the
//! matchers' `UnmarshalCaddyfile`):
//! * lines of the same matcher type are concatenated and given to that
//!   type's unmarshaller; different types are `ANDed` (SEMANTICS §1.2);
//! * `path` and `remote_ip` append (entries `ORed`); a second `path_regexp`
//!   line is an error; of several `expression` lines only one survives
//!   (the last on 2.6.2, the first on 2.11.4) and only that one is
//!   compiled [tested 2.6.2];
//! * an expression line with one argument uses the token's text, with
//!   several it joins their raw forms (quotes put back) with spaces, so
//!   `{regexp(path, "…")}` becomes `{regexp(path, "…" )}` [tested];
//! * `not` lines each form a matcher set; the request matches when none of
//!   them does.
//!
//! The per-entry semantics come from [`crate::caddy::path_match`],
//! [`crate::caddy::go_regex`] and [`crate::caddy::remote_ip`].

use std::collections::HashMap;
use std::net::IpAddr;

use super::cel::{self, CelError, Host, Program, Value};
use super::lexer::Token;
use super::parser::Directive;
use super::{CaddyVersion, Caddyfile, Span};
use crate::caddy::go_regex::GoRegex;
use crate::caddy::path_match::{PathPattern, clean_path, go_unescape};
use crate::caddy::remote_ip::{IpErrorReason, IpRange, parse_ip_token};

/// An HTTP request as the model sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `Host` header (a `:port` is ignored by matchers).
    pub host: String,
    /// Request target as sent: percent-encoded path, optional `?query`.
    pub path: String,
    /// TCP peer address.
    pub remote_ip: IpAddr,
    /// Client address after `trusted_proxies`; `None`: same as the peer.
    pub client_ip: Option<IpAddr>,
    /// Header fields in order (names case-insensitive).
    pub headers: Vec<(String, String)>,
    /// Method, e.g. `GET`.
    pub method: String,
}

impl Request {
    /// `GET url` from 127.0.0.1; `url` is `http://host/path?q` or a bare
    /// `/path`.
    pub fn get(url: &str) -> Request {
        let rest = url
            .strip_prefix("http://")
            .or_else(|| url.strip_prefix("https://"))
            .unwrap_or(url);
        let (host, path) = if rest.starts_with('/') {
            (String::new(), rest.to_string())
        } else {
            match rest.find('/') {
                Some(i) => (rest[..i].to_string(), rest[i..].to_string()),
                None => match rest.find('?') {
                    Some(i) => (rest[..i].to_string(), format!("/{}", &rest[i..])),
                    None => (rest.to_string(), "/".to_string()),
                },
            }
        };
        Request {
            host,
            path,
            remote_ip: IpAddr::from([127, 0, 0, 1]),
            client_ip: None,
            headers: Vec::new(),
            method: "GET".to_string(),
        }
    }

    /// Sets the peer address.
    #[must_use]
    pub fn from_ip(mut self, ip: IpAddr) -> Request {
        self.remote_ip = ip;
        self
    }

    /// Adds a header.
    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Sets the method.
    #[must_use]
    pub fn with_method(mut self, m: &str) -> Request {
        self.method = m.to_string();
        self
    }

    /// Host without port.
    pub fn hostname(&self) -> &str {
        let h = self.host.as_str();
        if h.starts_with('[') {
            return h.find(']').map_or(h, |i| &h[..=i]);
        }
        match h.rfind(':') {
            Some(i) if !h[..i].contains(':') => &h[..i],
            _ => h,
        }
    }

    /// `r.URL.Path`: decoded, not cleaned, query removed. `None` if the
    /// encoding is invalid (Go answers 400 before routing).
    pub fn decoded_path(&self) -> Option<String> {
        let raw = self.path.split('?').next().unwrap_or("");
        go_unescape(raw.as_bytes()).map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    /// The query string (without `?`).
    pub fn query(&self) -> &str {
        self.path.split_once('?').map_or("", |(_, q)| q)
    }

    /// Values of a header (case-insensitive name).
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// A load-time refusal found while building matchers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatcherError {
    /// What Caddy would say.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// A header value pattern; `None` when it depends on an unknown `{$ENV}`
/// or runtime placeholder.
pub type HeaderValue = Option<String>;

/// One matcher of a set.
#[derive(Debug, Clone)]
pub enum MatcherKind {
    /// `path`.
    Path(Vec<PathPattern>),
    /// `path_regexp [name] re`; `None` regex when it does not compile.
    PathRegexp {
        /// Capture name.
        name: Option<String>,
        /// The pattern text.
        pattern: String,
        /// Compiled Go regexp.
        regex: Option<GoRegex>,
    },
    /// `expression`; `program` is `None` when it does not compile.
    Expression {
        /// The text handed to CEL before placeholder expansion.
        text: String,
        /// Compiled program.
        program: Option<Program>,
        /// Lines that Caddy ignores (not the surviving one).
        dropped: Vec<Span>,
    },
    /// `remote_ip` (`client` false) or `client_ip` (`client` true).
    Ip {
        /// Parsed ranges (placeholders and refused tokens left out).
        ranges: Vec<IpRange>,
        /// Some token could not be decided (placeholder, `forwarded`).
        undecidable: bool,
        /// `client_ip`.
        client: bool,
    },
    /// `header Field value` / `header !Field`: field → allowed values
    /// (`None` = the field must be absent).
    Header(Vec<(String, Option<Vec<HeaderValue>>)>),
    /// `host`.
    Host(Vec<String>),
    /// `method`.
    Method(Vec<String>),
    /// `not`: matches when none of the sets does.
    Not(Vec<MatcherSet>),
    /// Any other matcher type (kept, never decided).
    Opaque,
}

/// One matcher with where it was written.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The matcher type (`path`, `remote_ip`, …).
    pub name: String,
    /// Semantics.
    pub kind: MatcherKind,
    /// Spans of the lines that define it.
    pub spans: Vec<Span>,
}

/// A matcher set: all its matchers must match (AND).
#[derive(Debug, Clone)]
pub struct MatcherSet {
    /// `@name`, or `None` for an inline token.
    pub name: Option<String>,
    /// Matchers, in order of first appearance.
    pub matchers: Vec<Matcher>,
    /// Definition (or inline token) span.
    pub span: Span,
}

impl MatcherSet {
    /// The set's `path` entries when it holds exactly one `path` matcher
    /// (used by `sortRoutes`).
    pub fn paths(&self) -> Option<&[PathPattern]> {
        self.matchers.iter().find_map(|m| match &m.kind {
            MatcherKind::Path(p) => Some(p.as_slice()),
            _ => None,
        })
    }

    /// Matcher by type name.
    pub fn get(&self, name: &str) -> Option<&Matcher> {
        self.matchers.iter().find(|m| m.name == name)
    }
}

/// Named matchers visible in a scope, plus the errors met defining them.
#[derive(Debug, Clone, Default)]
pub struct MatcherScope {
    /// By name (with `@`).
    pub defs: HashMap<String, MatcherSet>,
    /// Load errors.
    pub errors: Vec<MatcherError>,
}

impl MatcherScope {
    /// Adds the `@name` definitions among `directives` (a site block or a
    /// `route`/`handle` body) to a copy of `self`, as Caddy does per scope.
    #[must_use]
    pub fn extended(&self, cf: &Caddyfile, directives: &[Directive]) -> MatcherScope {
        let mut scope = MatcherScope {
            defs: self.defs.clone(),
            errors: Vec::new(),
        };
        for d in directives.iter().filter(|d| d.name().starts_with('@')) {
            if scope.defs.contains_key(d.name()) && !self.defs.contains_key(d.name()) {
                scope.errors.push(MatcherError {
                    message: format!("matcher is defined more than once: {}", d.name()),
                    span: d.name.span.clone(),
                });
                continue;
            }
            let (set, errs) = build_named(cf, d);
            scope.errors.extend(errs);
            scope.defs.insert(d.name().to_string(), set);
        }
        scope
    }

    /// Resolves a directive's matcher token (its first argument):
    /// `Ok(Some(set))` for `/path` or `@name`, `Ok(None)` when there is no
    /// matcher or it is `*`. The `bool` says whether the first argument
    /// was consumed as a matcher.
    pub fn resolve(&self, d: &Directive) -> Result<(Option<MatcherSet>, bool), MatcherError> {
        let Some(tok) = d.args.first() else {
            return Ok((None, false));
        };
        resolve_token(self, tok)
    }
}

/// Resolves one matcher token.
pub fn resolve_token(
    scope: &MatcherScope,
    tok: &Token,
) -> Result<(Option<MatcherSet>, bool), MatcherError> {
    let t = tok.text.as_str();
    if t == "*" {
        return Ok((None, true));
    }
    if t.starts_with('/') {
        return Ok((
            Some(MatcherSet {
                name: None,
                matchers: vec![Matcher {
                    name: "path".to_string(),
                    kind: MatcherKind::Path(vec![PathPattern::new(t)]),
                    spans: vec![tok.span.clone()],
                }],
                span: tok.span.clone(),
            }),
            true,
        ));
    }
    if t.starts_with('@') {
        return match scope.defs.get(t) {
            Some(set) => Ok((Some(set.clone()), true)),
            None => Err(MatcherError {
                message: format!("unrecognized matcher name: {t}"),
                span: tok.span.clone(),
            }),
        };
    }
    Ok((None, false))
}

fn version(cf: &Caddyfile) -> CaddyVersion {
    cf.options.version
}

/// One matcher line: type token, arguments, span, and the directive
/// (for `not` blocks).
struct Line<'a> {
    name: Token,
    args: Vec<Token>,
    span: Span,
    dir: Option<&'a Directive>,
}

/// Builds the set defined by an `@name …` directive.
pub fn build_named(cf: &Caddyfile, d: &Directive) -> (MatcherSet, Vec<MatcherError>) {
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut errors = Vec::new();
    if let Some(first) = d.args.first() {
        if first.is_quoted() {
            // `@name "cel"`: an expression matcher from that one token.
            let mut name_tok = first.clone();
            name_tok.text = "expression".to_string();
            lines.push(Line {
                name: name_tok,
                args: vec![first.clone()],
                span: first.span.clone(),
                dir: None,
            });
        } else {
            let span = first.span.start..d.args.last().map_or(first.span.end, |t| t.span.end);
            lines.push(Line {
                name: first.clone(),
                args: d.args[1..].to_vec(),
                span,
                dir: None,
            });
        }
    }
    push_children(d.children(), &mut lines, &mut errors);
    let mut set = build_set(cf, &lines, &mut errors);
    set.name = Some(d.name().to_string());
    set.span = d.span();
    (set, errors)
}

fn push_children<'a>(
    kids: &'a [Directive],
    lines: &mut Vec<Line<'a>>,
    errors: &mut Vec<MatcherError>,
) {
    for c in kids {
        lines.push(Line {
            name: c.name.clone(),
            args: c.args.clone(),
            span: c.span(),
            dir: Some(c),
        });
        if c.block.is_some() && c.name() != "not" {
            errors.push(MatcherError {
                message: format!("malformed {} matcher: blocks are not supported", c.name()),
                span: c.span(),
            });
        }
    }
}

type Entry<'a> = (Vec<Token>, Span, Option<&'a Directive>);

fn build_set(cf: &Caddyfile, lines: &[Line<'_>], errors: &mut Vec<MatcherError>) -> MatcherSet {
    let mut order: Vec<String> = Vec::new();
    let mut by_type: HashMap<String, Vec<Entry<'_>>> = HashMap::new();
    for l in lines {
        if !by_type.contains_key(&l.name.text) {
            order.push(l.name.text.clone());
        }
        by_type.entry(l.name.text.clone()).or_default().push((
            l.args.clone(),
            l.span.clone(),
            l.dir,
        ));
    }
    let mut matchers = Vec::new();
    for name in order {
        let entries = by_type.remove(&name).unwrap_or_default();
        let spans: Vec<Span> = entries.iter().map(|e| e.1.clone()).collect();
        let kind = build_matcher(cf, &name, &entries, errors);
        matchers.push(Matcher { name, kind, spans });
    }
    MatcherSet {
        name: None,
        matchers,
        span: lines.first().map_or(0..0, |l| l.span.clone()),
    }
}

fn arg_err(name: &str, span: &Span) -> MatcherError {
    MatcherError {
        message: format!("Wrong argument count or unexpected line ending after '{name}'"),
        span: span.clone(),
    }
}

fn env_unknown(t: &Token) -> bool {
    t.text.contains("{$")
}

fn build_matcher(
    cf: &Caddyfile,
    name: &str,
    entries: &[Entry<'_>],
    errors: &mut Vec<MatcherError>,
) -> MatcherKind {
    let v = version(cf);
    match name {
        "path" => MatcherKind::Path(
            entries
                .iter()
                .flat_map(|(args, _, _)| args.iter())
                .map(|t| PathPattern::new(&t.text))
                .collect(),
        ),
        "path_regexp" => {
            if let Some((_, span, _)) = entries.get(1) {
                errors.push(MatcherError {
                    message: "regular expression can only be used once per named matcher"
                        .to_string(),
                    span: span.clone(),
                });
            }
            let Some((args, span, _)) = entries.first() else {
                return MatcherKind::Opaque;
            };
            let (rname, pat) = match args.as_slice() {
                [p] => (None, p),
                [n, p] => (Some(n.text.clone()), p),
                _ => {
                    errors.push(arg_err("path_regexp", span));
                    return MatcherKind::Opaque;
                }
            };
            if env_unknown(pat) || pat.is_placeholder() {
                return MatcherKind::PathRegexp {
                    name: rname,
                    pattern: pat.text.clone(),
                    regex: None,
                };
            }
            let regex = match GoRegex::compile(&pat.text) {
                Ok(r) => Some(r),
                Err(e) => {
                    errors.push(MatcherError {
                        message: e.to_string(),
                        span: pat.span.clone(),
                    });
                    None
                }
            };
            MatcherKind::PathRegexp {
                name: rname,
                pattern: pat.text.clone(),
                regex,
            }
        }
        "expression" => {
            let idx = if v.expression_keeps_first() {
                0
            } else {
                entries.len().saturating_sub(1)
            };
            let dropped = entries
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != idx)
                .map(|(_, e)| e.1.clone())
                .collect();
            let Some((args, span, _)) = entries.get(idx) else {
                return MatcherKind::Opaque;
            };
            let text = expression_text(args);
            let program = compile_expression(&text, args, span, v, errors);
            MatcherKind::Expression {
                text,
                program,
                dropped,
            }
        }
        "remote_ip" | "client_ip" => {
            let client = name == "client_ip";
            let mut ranges = Vec::new();
            let mut undecidable = false;
            for (args, span, _) in entries {
                if args.is_empty() {
                    errors.push(arg_err(name, span));
                }
                for t in args {
                    if env_unknown(t) {
                        undecidable = true;
                        continue;
                    }
                    if t.text == "forwarded" && !client && v == CaddyVersion::V2_6_2 {
                        undecidable = true;
                        continue;
                    }
                    match parse_ip_token(&t.text) {
                        Ok(r) => ranges.push(r),
                        Err(e) if e.reason == IpErrorReason::Placeholder => undecidable = true,
                        Err(e) => errors.push(MatcherError {
                            message: e.message,
                            span: t.span.clone(),
                        }),
                    }
                }
            }
            MatcherKind::Ip {
                ranges,
                undecidable,
                client,
            }
        }
        "header" => {
            let mut fields: Vec<(String, Option<Vec<HeaderValue>>)> = Vec::new();
            for (args, span, _) in entries {
                let Some(field) = args.first() else {
                    errors.push(MatcherError {
                        message: "malformed header matcher: expected field".to_string(),
                        span: span.clone(),
                    });
                    continue;
                };
                if let Some(f) = field.text.strip_prefix('!') {
                    if f.is_empty() {
                        errors.push(MatcherError {
                            message: "malformed header matcher: must have field name following ! character".to_string(),
                            span: field.span.clone(),
                        });
                        continue;
                    }
                    if args.len() > 1 {
                        errors.push(MatcherError {
                            message: "malformed header matcher: null matching headers cannot have a field value".to_string(),
                            span: span.clone(),
                        });
                    }
                    set_field(&mut fields, f, None);
                    continue;
                }
                let Some(value) = args.get(1) else {
                    errors.push(MatcherError {
                        message: "malformed header matcher: expected both field and value"
                            .to_string(),
                        span: span.clone(),
                    });
                    continue;
                };
                let val = if env_unknown(value) || value.text.contains('{') {
                    None
                } else {
                    Some(value.text.clone())
                };
                let entry = fields
                    .iter_mut()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&field.text));
                match entry {
                    Some((_, Some(vals))) => vals.push(val),
                    Some((_, slot @ None)) => *slot = Some(vec![val]),
                    None => fields.push((field.text.clone(), Some(vec![val]))),
                }
            }
            MatcherKind::Header(fields)
        }
        "host" => MatcherKind::Host(
            entries
                .iter()
                .flat_map(|(a, _, _)| a.iter())
                .map(|t| t.text.to_lowercase())
                .collect(),
        ),
        "method" => MatcherKind::Method(
            entries
                .iter()
                .flat_map(|(a, _, _)| a.iter())
                .map(|t| t.text.clone())
                .collect(),
        ),
        "not" => {
            let mut sets = Vec::new();
            for (args, span, child) in entries {
                let mut lines = Vec::new();
                if let Some(first) = args.first() {
                    let lspan =
                        first.span.start..args.last().map_or(first.span.end, |t| t.span.end);
                    lines.push(Line {
                        name: first.clone(),
                        args: args[1..].to_vec(),
                        span: lspan,
                        dir: None,
                    });
                }
                let kids = child.map_or(&[][..], |c| c.children());
                push_children(kids, &mut lines, errors);
                let mut s = build_set(cf, &lines, errors);
                s.span = span.clone();
                sets.push(s);
            }
            MatcherKind::Not(sets)
        }
        _ => MatcherKind::Opaque,
    }
}

fn set_field(
    fields: &mut Vec<(String, Option<Vec<HeaderValue>>)>,
    f: &str,
    v: Option<Vec<HeaderValue>>,
) {
    if let Some(e) = fields.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(f)) {
        e.1 = v;
    } else {
        fields.push((f.to_string(), v));
    }
}

/// The text Caddy's expression unmarshaller builds from one line's
/// arguments, after the Caddyfile shorthand expansion.
pub fn expression_text(args: &[Token]) -> String {
    match args {
        [one] => cel::expand_shorthands(&one.text),
        _ => args
            .iter()
            .map(|t| cel::expand_shorthands(&t.raw_text()))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn compile_expression(
    text: &str,
    args: &[Token],
    span: &Span,
    v: CaddyVersion,
    errors: &mut Vec<MatcherError>,
) -> Option<Program> {
    if args.iter().any(env_unknown) {
        return None;
    }
    match cel::compile(text, v) {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(MatcherError {
                message: format!("compiling CEL program: {}", cel_message(text, &e)),
                span: locate(args, span, text, e.offset),
            });
            None
        }
    }
}

fn cel_message(text: &str, e: &CelError) -> String {
    let col = text
        .get(..e.offset.min(text.len()))
        .map_or(0, |s| s.chars().count());
    format!("ERROR: <input>:1:{col}: {}", e.message)
}

// Maps an offset in the joined expression text back to the token holding
// it (approximately, as shorthand expansion lengthens the text).
fn locate(args: &[Token], line: &Span, _text: &str, offset: usize) -> Span {
    let mut acc = 0;
    for t in args {
        let len = cel::expand_shorthands(&t.raw_text()).len() + 1;
        if offset < acc + len {
            return t.span.clone();
        }
        acc += len;
    }
    line.clone()
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

/// Does `set` match `req`? `None` when it cannot be decided (an unknown
/// `{$ENV}` value, an opaque matcher, a placeholder…). AND semantics: a
/// definite `false` wins over an unknown.
pub fn matches(set: &MatcherSet, req: &Request) -> Option<bool> {
    let mut unknown = false;
    for m in &set.matchers {
        match matcher_matches(m, req) {
            Some(false) => return Some(false),
            None => unknown = true,
            Some(true) => {}
        }
    }
    if unknown { None } else { Some(true) }
}

/// Any of the sets matches (a route's matcher sets are `ORed`); no sets means
/// every request.
pub fn any_matches(sets: &[MatcherSet], req: &Request) -> Option<bool> {
    if sets.is_empty() {
        return Some(true);
    }
    let mut unknown = false;
    for s in sets {
        match matches(s, req) {
            Some(true) => return Some(true),
            None => unknown = true,
            Some(false) => {}
        }
    }
    if unknown { None } else { Some(false) }
}

fn matcher_matches(m: &Matcher, req: &Request) -> Option<bool> {
    match &m.kind {
        MatcherKind::Path(pats) => {
            if pats.iter().any(PathPattern::has_placeholder) {
                return None;
            }
            Some(pats.iter().any(|p| p.matches(&req.path)))
        }
        MatcherKind::PathRegexp { regex, .. } => {
            let re = regex.as_ref()?;
            Some(re.is_match(&clean_path(&req.path)))
        }
        MatcherKind::Expression { program, .. } => {
            let p = program.as_ref()?;
            cel::eval_bool(p, &ReqHost(req))
        }
        MatcherKind::Ip {
            ranges,
            undecidable,
            client,
        } => {
            let ip = if *client {
                req.client_ip.unwrap_or(req.remote_ip)
            } else {
                req.remote_ip
            };
            if ranges.iter().any(|r| r.contains(ip)) {
                Some(true)
            } else if *undecidable {
                None
            } else {
                Some(false)
            }
        }
        MatcherKind::Header(fields) => header_matches(fields, req),
        MatcherKind::Host(hosts) => {
            if hosts.iter().any(|h| h.contains('{')) {
                return None;
            }
            let h = req.hostname().to_lowercase();
            Some(hosts.iter().any(|p| host_matches(p, &h)))
        }
        MatcherKind::Method(ms) => Some(ms.contains(&req.method)),
        MatcherKind::Not(sets) => any_matches(sets, req).map(|b| !b),
        MatcherKind::Opaque => None,
    }
}

/// Caddy's host matching: case-insensitive, `*` standing for one label.
pub fn host_matches(pattern: &str, host: &str) -> bool {
    if pattern == host {
        return true;
    }
    if !pattern.contains('*') {
        return false;
    }
    let pl: Vec<&str> = pattern.split('.').collect();
    let hl: Vec<&str> = host.split('.').collect();
    pl.len() == hl.len() && pl.iter().zip(&hl).all(|(p, h)| *p == "*" || p == h)
}

fn header_matches(fields: &[(String, Option<Vec<HeaderValue>>)], req: &Request) -> Option<bool> {
    let mut unknown = false;
    for (field, allowed) in fields {
        let actual: Vec<&str> = if field.eq_ignore_ascii_case("host") {
            if req.host.is_empty() {
                Vec::new()
            } else {
                vec![req.host.as_str()]
            }
        } else {
            req.header_values(field)
        };
        let Some(allowed) = allowed else {
            if !actual.is_empty() {
                return Some(false);
            }
            continue;
        };
        if allowed.is_empty() {
            if actual.is_empty() {
                return Some(false);
            }
            continue;
        }
        let mut matched = false;
        let mut field_unknown = false;
        for a in &actual {
            for v in allowed {
                match v {
                    None => field_unknown = true,
                    Some(v) => {
                        if header_value_matches(v, a) {
                            matched = true;
                        }
                    }
                }
            }
        }
        if !matched {
            if field_unknown {
                unknown = true;
            } else {
                return Some(false);
            }
        }
    }
    if unknown { None } else { Some(true) }
}

/// One header value pattern: `*`, `*x*`, `*x`, `x*`, or exact.
pub fn header_value_matches(pattern: &str, actual: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let starts = pattern.starts_with('*');
    let ends = pattern.len() > 1 && pattern.ends_with('*');
    match (starts, ends) {
        (true, true) => actual.contains(&pattern[1..pattern.len() - 1]),
        (true, false) => actual.ends_with(&pattern[1..]),
        (false, true) => actual.starts_with(&pattern[..pattern.len() - 1]),
        (false, false) => actual == pattern,
    }
}

struct ReqHost<'a>(&'a Request);

fn str_list(args: &[Value]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for a in args {
        match a {
            Value::Str(s) => out.push(s.clone()),
            Value::List(l) => {
                for x in l {
                    match x {
                        Value::Str(s) => out.push(s.clone()),
                        _ => return None,
                    }
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

impl Host for ReqHost<'_> {
    fn placeholder(&self, name: &str) -> Value {
        let r = self.0;
        match name {
            "http.request.uri.path" => r.decoded_path().map_or(Value::Unknown, Value::Str),
            "http.request.host" => Value::Str(r.hostname().to_string()),
            "http.request.hostport" => Value::Str(r.host.clone()),
            "http.request.method" => Value::Str(r.method.clone()),
            "http.request.uri.query" => Value::Str(r.query().to_string()),
            "http.request.uri" => Value::Str(r.path.clone()),
            "http.request.remote.host" => Value::Str(r.remote_ip.to_string()),
            n => match n.strip_prefix("http.request.header.") {
                Some(h) => Value::Str(
                    r.header_values(h)
                        .first()
                        .copied()
                        .unwrap_or("")
                        .to_string(),
                ),
                None => Value::Unknown,
            },
        }
    }

    fn matcher(&self, name: &str, args: &[Value]) -> Option<bool> {
        let r = self.0;
        match name {
            "path" => {
                let pats = str_list(args)?;
                let pats: Vec<PathPattern> = pats.iter().map(|p| PathPattern::new(p)).collect();
                if pats.iter().any(PathPattern::has_placeholder) {
                    return None;
                }
                Some(pats.iter().any(|p| p.matches(&r.path)))
            }
            "path_regexp" => {
                let ([Value::Str(pat)] | [Value::Str(_), Value::Str(pat)]) = args else {
                    return None;
                };
                let re = GoRegex::compile(pat).ok()?;
                Some(re.is_match(&clean_path(&r.path)))
            }
            "host" => {
                let hosts = str_list(args)?;
                let h = r.hostname().to_lowercase();
                Some(hosts.iter().any(|p| host_matches(&p.to_lowercase(), &h)))
            }
            "method" => Some(str_list(args)?.contains(&r.method)),
            "remote_ip" | "client_ip" => {
                let toks = str_list(args)?;
                let ip = if name == "client_ip" {
                    r.client_ip.unwrap_or(r.remote_ip)
                } else {
                    r.remote_ip
                };
                let mut any = false;
                for t in toks.iter().flat_map(|t| t.split_whitespace()) {
                    let range = parse_ip_token(t).ok()?;
                    any |= range.contains(ip);
                }
                Some(any)
            }
            "header" => {
                let Some(Value::Map(entries)) = args.first() else {
                    return None;
                };
                let mut fields = Vec::new();
                for (k, v) in entries {
                    let Value::Str(k) = k else { return None };
                    let vals = str_list(std::slice::from_ref(v))?;
                    fields.push((k.clone(), Some(vals.into_iter().map(Some).collect())));
                }
                header_matches(&fields, r)
            }
            _ => None,
        }
    }

    fn regex_match(&self, pattern: &str, text: &str) -> Option<bool> {
        GoRegex::compile(pattern).ok().map(|re| re.is_match(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::caddy::caddyfile::{ParseOptions, parse_with};

    fn scope(src: &str, v: CaddyVersion) -> (Caddyfile, MatcherScope) {
        let cf = parse_with(
            src,
            &ParseOptions {
                version: v,
                env: None,
            },
        );
        let site = cf.sites[0].directives.clone();
        let s = MatcherScope::default().extended(&cf, &site);
        (cf, s)
    }

    fn req(url: &str, ip: [u8; 4]) -> Request {
        Request::get(url).from_ip(IpAddr::from(ip))
    }

    #[test]
    fn bypass_matcher_is_anded() {
        let (_, s) = scope(
            "a.test {\n@b {\n\tpath /api* /feed*\n\tremote_ip 10.0.0.0/8 127.0.0.2/32\n}\n}",
            CaddyVersion::V2_6_2,
        );
        assert!(s.errors.is_empty());
        let set = &s.defs["@b"];
        assert_eq!(
            matches(set, &req("http://a.test/api/x", [127, 0, 0, 2])),
            Some(true)
        );
        assert_eq!(
            matches(set, &req("http://a.test/API", [10, 1, 1, 1])),
            Some(true)
        );
        assert_eq!(
            matches(set, &req("http://a.test/api/x", [127, 0, 0, 1])),
            Some(false)
        );
        assert_eq!(
            matches(set, &req("http://a.test/x", [127, 0, 0, 2])),
            Some(false)
        );
        assert_eq!(set.paths().map(<[PathPattern]>::len), Some(2));
    }

    #[test]
    fn expression_line_selection_depends_on_version() {
        let src = "a.test {\n@m {\n\texpression {path}.startsWith(\"/a\")\n\texpression {path}.startsWith(\"/b\")\n}\n}";
        let (_, old) = scope(src, CaddyVersion::V2_6_2);
        let (_, new) = scope(src, CaddyVersion::V2_11_4);
        let r = Request::get("http://a.test/b");
        assert_eq!(matches(&old.defs["@m"], &r), Some(true));
        assert_eq!(matches(&new.defs["@m"], &r), Some(false));
        // Only the surviving line is compiled: a broken dropped line is fine.
        let (_, s) = scope(
            "a.test {\n@m {\n\texpression {regexp(path, \"^/x$\")}\n\texpression path_regexp('^/y$')\n}\n}",
            CaddyVersion::V2_6_2,
        );
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        let (_, s) = scope(
            "a.test {\n@m {\n\texpression {regexp(path, \"^/x$\")}\n\texpression path_regexp('^/y$')\n}\n}",
            CaddyVersion::V2_11_4,
        );
        assert_eq!(s.errors.len(), 1);
    }

    #[test]
    fn generator_expression_is_rejected() {
        let (_, s) = scope(
            "a.test {\n@b {\n\tpath /api*\n\texpression {regexp(path, \"^/feed/v3/calendar/sonarr\\.ics$\")}\n}\n}",
            CaddyVersion::V2_6_2,
        );
        assert_eq!(s.errors.len(), 1);
        assert!(s.errors[0].message.starts_with("compiling CEL program"));
        let MatcherKind::Expression { text, .. } = &s.defs["@b"].get("expression").unwrap().kind
        else {
            panic!()
        };
        assert_eq!(
            text,
            "{regexp(path, \"^/feed/v3/calendar/sonarr\\.ics$\" )}"
        );
    }

    #[test]
    fn two_path_regexps_and_bad_regex() {
        let (_, s) = scope(
            "a.test {\n@m {\n\tpath_regexp ^/a\n\tpath_regexp ^/b\n}\n@n path_regexp (\n}",
            CaddyVersion::V2_6_2,
        );
        assert_eq!(s.errors.len(), 2);
        assert!(
            s.errors
                .iter()
                .any(|e| e.message.contains("only be used once"))
        );
        assert!(
            s.errors
                .iter()
                .any(|e| e.message.contains("missing closing )"))
        );
    }

    #[test]
    fn quoted_expression_and_single_line_forms() {
        let (_, s) = scope(
            "a.test {\n@q \"{path} == '/a'\"\n@p path /x /y\n@h header X-Api-Key {$KEY}\n@i remote_ip private_ranges\n@n not path /a*\n}",
            CaddyVersion::V2_6_2,
        );
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert_eq!(matches(&s.defs["@q"], &Request::get("/a")), Some(true));
        assert_eq!(matches(&s.defs["@p"], &Request::get("/y")), Some(true));
        assert_eq!(matches(&s.defs["@h"], &Request::get("/y")), Some(false));
        assert_eq!(
            matches(
                &s.defs["@h"],
                &Request::get("/y").with_header("x-api-key", "k")
            ),
            None
        );
        assert_eq!(matches(&s.defs["@i"], &Request::get("/")), Some(true));
        assert_eq!(matches(&s.defs["@n"], &Request::get("/abc")), Some(false));
        assert_eq!(matches(&s.defs["@n"], &Request::get("/b")), Some(true));
    }

    #[test]
    fn header_and_host_and_errors() {
        let (_, s) = scope(
            "a.test {\n@h {\n\theader X-A b*\n\theader X-A c\n\thost A.test *.b.test\n}\n@e header X-A\n@d path /a\n@d path /b\n@r remote_ip 10.0.0/8\n}",
            CaddyVersion::V2_6_2,
        );
        assert_eq!(s.errors.len(), 3, "{:?}", s.errors);
        let h = &s.defs["@h"];
        let r = Request::get("http://a.test/").with_header("X-A", "bee");
        assert_eq!(matches(h, &r), Some(true));
        let r = Request::get("http://x.b.test:8080/").with_header("x-a", "c");
        assert_eq!(matches(h, &r), Some(true));
        let r = Request::get("http://b.test/").with_header("x-a", "c");
        assert_eq!(matches(h, &r), Some(false));
    }

    #[test]
    fn inline_tokens() {
        let (cf, s) = scope(
            "a.test {\nroute /api* {\n}\nroute @nope {\n}\nroute * {\n}\n}",
            CaddyVersion::V2_6_2,
        );
        let ds = &cf.sites[0].directives;
        let (set, used) = s.resolve(&ds[0]).unwrap();
        assert!(used);
        assert_eq!(
            matches(set.as_ref().unwrap(), &Request::get("/apix")),
            Some(true)
        );
        assert!(s.resolve(&ds[1]).is_err());
        assert!(matches!(s.resolve(&ds[2]), Ok((None, true))));
    }

    #[test]
    fn cel_forms_evaluate() {
        let (_, s) = scope(
            "a.test {\n@a expression path_regexp('^/api/v[0-9]+/x$')\n@b expression {path}.matches(\"^/A\")\n@c expression remote_ip('127.0.0.2/32') && method('GET')\n@d expression header({'X-K': 'v'})\n}",
            CaddyVersion::V2_6_2,
        );
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert_eq!(
            matches(&s.defs["@a"], &Request::get("/x/../api/v2/x")),
            Some(true)
        );
        assert_eq!(matches(&s.defs["@b"], &Request::get("/a")), Some(false));
        assert_eq!(matches(&s.defs["@b"], &Request::get("/%41")), Some(true));
        assert_eq!(
            matches(&s.defs["@c"], &req("/", [127, 0, 0, 2])),
            Some(true)
        );
        assert_eq!(
            matches(&s.defs["@c"], &req("/", [127, 0, 0, 1])),
            Some(false)
        );
        assert_eq!(
            matches(&s.defs["@d"], &Request::get("/").with_header("x-k", "v")),
            Some(true)
        );
    }

    #[test]
    fn request_helpers() {
        let r = Request::get("http://a.test:8080/p%2Fq?x=1");
        assert_eq!(r.hostname(), "a.test");
        assert_eq!(r.decoded_path().as_deref(), Some("/p/q"));
        assert_eq!(r.query(), "x=1");
        assert_eq!(Request::get("http://a.test").path, "/");
        assert_eq!(Request::get("http://[::1]:80/").hostname(), "[::1]");
    }
}
