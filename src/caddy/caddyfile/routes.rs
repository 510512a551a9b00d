//! Caddy's routing for one site block, and which handler a request ends
//! up at.
//!
//! Building (Caddy's `httpcaddyfile` `buildSubroute` / `sortRoutes` /
//! `parseRoute`):
//! * site-level and `handle`/`handle_path` bodies are sorted by directive
//!   position (the version's `defaultDirectiveOrder`, caddy-security's
//!   `authorize` before `basicauth` and `authenticate` before `respond`, then
//!   the global `order` options in sequence); routes of the same directive
//!   compare by path length when **both** have one matcher set holding
//!   exactly one `path` entry (other matcher types in that set do not
//!   matter), else the one with a matcher goes first, else they are equal;
//!   2.11.4 also puts `/foo` before `/foo*`. That comparison is not
//!   transitive, so the result depends on the algorithm: this module runs
//!   Go's `sort.SliceStable` step by step (insertion sort of blocks of 20,
//!   then `symMerge`) [tested 2.6.2: `/a*` stays before `/a`; a header-only
//!   matcher before `/abc` stays first; `/a`, a named header matcher,
//!   `/abcd` keeps that order].
//! * `handle_path` is a `handle` (same sort slot and same mutual-exclusion
//!   group) whose body first strips the prefix [tested 2.6.2].
//! * `rewrite`, `handle` and `root` routes of one list form a group when
//!   there are several (`rewrite` always): only the first matching route
//!   of a group runs.
//! * `route` bodies keep their literal order, with no sorting and no
//!   groups.
//!
//! Deciding: matchers are evaluated when a route is reached, against the
//! request as rewritten so far; non-terminal handlers continue, gates
//! (`authorize`, `basic_auth`, `forward_auth`) may answer or continue, and
//! the first terminal handler answers. If nothing answers, Caddy sends an
//! empty 200.

use std::collections::HashSet;

use super::matchers::{MatcherError, MatcherKind, MatcherScope, MatcherSet, Request, any_matches};
use super::parser::{Directive, ServerBlock};
use super::{CaddyVersion, Caddyfile, Span};

/// Caddy 2.6.2's `defaultDirectiveOrder`.
pub const ORDER_2_6_2: &[&str] = &[
    "tracing",
    "map",
    "vars",
    "root",
    "skip_log",
    "header",
    "copy_response_headers",
    "request_body",
    "redir",
    "method",
    "rewrite",
    "uri",
    "try_files",
    "basicauth",
    "forward_auth",
    "request_header",
    "encode",
    "push",
    "templates",
    "handle",
    "handle_path",
    "route",
    "abort",
    "error",
    "copy_response",
    "respond",
    "metrics",
    "reverse_proxy",
    "php_fastcgi",
    "file_server",
    "acme_server",
];

/// Caddy 2.11.4's `defaultDirectiveOrder`.
pub const ORDER_2_11_4: &[&str] = &[
    "tracing",
    "map",
    "vars",
    "fs",
    "root",
    "log_append",
    "skip_log",
    "log_skip",
    "log_name",
    "header",
    "copy_response_headers",
    "request_body",
    "redir",
    "method",
    "rewrite",
    "uri",
    "try_files",
    "basicauth",
    "basic_auth",
    "forward_auth",
    "request_header",
    "encode",
    "push",
    "intercept",
    "templates",
    "invoke",
    "handle",
    "handle_path",
    "route",
    "abort",
    "error",
    "copy_response",
    "respond",
    "metrics",
    "reverse_proxy",
    "php_fastcgi",
    "file_server",
    "acme_server",
];

/// Site directives that configure the server rather than add a route.
const NOT_ROUTES: &[&str] = &["tls", "bind", "log", "handle_errors", "import"];

/// The effective directive order for a file: the version's default list,
/// caddy-security's two registrations, then each global `order` option.
pub fn directive_order(cf: &Caddyfile) -> Vec<String> {
    let base = match cf.options.version {
        CaddyVersion::V2_6_2 => ORDER_2_6_2,
        CaddyVersion::V2_11_4 => ORDER_2_11_4,
    };
    let mut order: Vec<String> = base.iter().map(|s| (*s).to_string()).collect();
    insert_rel(&mut order, "authorize", "before", "basicauth");
    insert_rel(&mut order, "authenticate", "before", "respond");
    for d in cf.global_options().iter().filter(|d| d.name() == "order") {
        let a = d.arg_texts();
        match a.as_slice() {
            [name, "first"] => {
                order.retain(|x| x != name);
                order.insert(0, (*name).to_string());
            }
            [name, "last"] => {
                order.retain(|x| x != name);
                order.push((*name).to_string());
            }
            [name, rel @ ("before" | "after"), other] => insert_rel(&mut order, name, rel, other),
            _ => {}
        }
    }
    order
}

fn insert_rel(order: &mut Vec<String>, name: &str, rel: &str, other: &str) {
    order.retain(|x| x != name);
    if let Some(i) = order.iter().position(|x| x == other) {
        let at = if rel == "after" { i + 1 } else { i };
        order.insert(at, name.to_string());
    } else {
        order.push(name.to_string());
    }
}

/// What a handler does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandlerKind {
    /// `reverse_proxy` (terminal).
    ReverseProxy {
        /// Upstreams as written.
        upstreams: Vec<String>,
    },
    /// `respond` (terminal).
    Respond {
        /// Body, if any.
        body: Option<String>,
        /// Status, if given.
        status: Option<String>,
    },
    /// `redir` (terminal).
    Redir {
        /// Target.
        to: String,
    },
    /// `file_server` (terminal).
    FileServer,
    /// caddy-security `authenticate with P` (terminal).
    Authenticate {
        /// Portal name.
        portal: String,
    },
    /// caddy-security `authorize with Q` (gate).
    Authorize {
        /// Policy name.
        policy: String,
    },
    /// `basic_auth`/`basicauth` (gate).
    BasicAuth,
    /// `forward_auth` (gate).
    ForwardAuth {
        /// Upstream.
        upstream: String,
    },
    /// `abort`, `error`, `php_fastcgi`, `metrics`, … (terminal).
    OtherTerminal,
    /// `rewrite` with a literal target.
    Rewrite {
        /// The target URI.
        to: String,
    },
    /// `uri strip_prefix|strip_suffix|replace …`.
    Uri {
        /// Sub-command.
        op: String,
        /// Its arguments.
        args: Vec<String>,
    },
    /// `method M`.
    Method {
        /// New method.
        method: String,
    },
    /// Known non-terminal handler (`header`, `encode`, `vars`, …).
    Passthrough,
    /// A directive pocketlint does not know (plugin): kept, assumed to
    /// continue.
    Opaque,
}

impl HandlerKind {
    /// Answers the request.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            HandlerKind::ReverseProxy { .. }
                | HandlerKind::Respond { .. }
                | HandlerKind::Redir { .. }
                | HandlerKind::FileServer
                | HandlerKind::Authenticate { .. }
                | HandlerKind::OtherTerminal
        )
    }

    /// May answer (deny) or continue.
    pub fn is_gate(&self) -> bool {
        matches!(
            self,
            HandlerKind::Authorize { .. }
                | HandlerKind::BasicAuth
                | HandlerKind::ForwardAuth { .. }
        )
    }
}

/// A handler with its directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handler {
    /// Directive id (see [`Caddyfile::directive`]).
    pub directive: usize,
    /// Semantics.
    pub kind: HandlerKind,
    /// Human label such as `AUTHORIZE admins` or `REVERSE_PROXY 127.0.0.1:80`.
    pub label: String,
    /// The directive's span.
    pub span: Span,
}

impl Handler {
    /// `KIND-<id>`: unique, URL-safe name used by the marker rewrite.
    pub fn marker(&self) -> String {
        let kind = self.label.split(' ').next().unwrap_or("HANDLER");
        format!("{kind}-{}", self.directive)
    }
}

/// A route's body.
#[derive(Debug, Clone, PartialEq)]
pub enum RouteBody {
    /// One handler.
    Handler(Handler),
    /// `route`, `handle`, `handle_path`: nested routes.
    Subroute {
        /// Nested routes in execution order.
        routes: Vec<Route>,
        /// `handle_path`: the prefix stripped first.
        strip_prefix: Option<String>,
    },
}

/// One compiled route.
#[derive(Debug, Clone)]
pub struct Route {
    /// Directive id.
    pub directive: usize,
    /// Directive name after normalisation (`handle_path` → `handle`).
    pub name: String,
    /// Position in the directive order (sort key).
    pub position: usize,
    /// Matcher set; `None` matches every request.
    pub matcher: Option<MatcherSet>,
    /// Mutual-exclusion group.
    pub group: Option<u32>,
    /// Body.
    pub body: RouteBody,
    /// Span of the directive.
    pub span: Span,
}

impl PartialEq for Route {
    fn eq(&self, other: &Self) -> bool {
        self.directive == other.directive
    }
}

/// The routes of one site block.
#[derive(Debug, Clone)]
pub struct SiteRoutes {
    /// Index into [`Caddyfile::sites`].
    pub site: usize,
    /// Host names of the site's addresses (empty string: any host).
    pub hosts: Vec<String>,
    /// Routes in execution order.
    pub routes: Vec<Route>,
    /// Load errors found while building (matchers, arguments).
    pub errors: Vec<MatcherError>,
}

struct Ctx<'a> {
    cf: &'a Caddyfile,
    order: Vec<String>,
    next_group: u32,
    errors: Vec<MatcherError>,
}

impl Ctx<'_> {
    fn normalize(&self, name: &str) -> String {
        match (name, self.cf.options.version) {
            ("handle_path", _) => "handle".to_string(),
            ("basicauth", CaddyVersion::V2_11_4) => "basic_auth".to_string(),
            ("basic_auth", CaddyVersion::V2_6_2) => "basicauth".to_string(),
            ("skip_log", CaddyVersion::V2_11_4) => "log_skip".to_string(),
            _ => name.to_string(),
        }
    }

    fn position(&self, name: &str) -> usize {
        self.order
            .iter()
            .position(|x| x == name)
            .unwrap_or(self.order.len())
    }
}

/// Builds the routes of `site` (one of `cf.sites`).
pub fn build_routes(cf: &Caddyfile, site: &ServerBlock) -> SiteRoutes {
    let mut ctx = Ctx {
        cf,
        order: directive_order(cf),
        next_group: 0,
        errors: Vec::new(),
    };
    let scope = MatcherScope::default();
    let routes = build_list(&mut ctx, &site.directives, &scope, true, true);
    let index = cf
        .sites
        .iter()
        .position(|s| s.span == site.span)
        .unwrap_or(0);
    SiteRoutes {
        site: index,
        hosts: site.addresses.iter().map(|a| a.host.clone()).collect(),
        routes,
        errors: ctx.errors,
    }
}

fn build_list(
    ctx: &mut Ctx<'_>,
    directives: &[Directive],
    parent: &MatcherScope,
    sorted: bool,
    site_level: bool,
) -> Vec<Route> {
    let scope = parent.extended(ctx.cf, directives);
    ctx.errors.extend(scope.errors.iter().cloned());
    let mut items = Vec::new();
    for d in directives {
        let name = d.name();
        if name.starts_with('@') || (site_level && NOT_ROUTES.contains(&name)) {
            continue;
        }
        let norm = ctx.normalize(name);
        let (matcher, rest_args): (Option<MatcherSet>, &[super::lexer::Token]) = if name
            == "handle_path"
        {
            match d.args.first() {
                Some(t) if t.text.starts_with('/') => {
                    let (m, _) = super::matchers::resolve_token(&scope, t).unwrap_or((None, false));
                    (m, &d.args[1..])
                }
                Some(t) => {
                    ctx.errors.push(MatcherError {
                        message: format!("path matcher must begin with '/', got {}", t.text),
                        span: t.span.clone(),
                    });
                    (None, &d.args[1..])
                }
                None => {
                    ctx.errors.push(MatcherError {
                        message:
                            "Wrong argument count or unexpected line ending after 'handle_path'"
                                .to_string(),
                        span: d.name.span.clone(),
                    });
                    (None, &d.args[..])
                }
            }
        } else {
            match scope.resolve(d) {
                Ok((m, used)) => (m, if used { &d.args[1..] } else { &d.args[..] }),
                Err(e) => {
                    ctx.errors.push(e);
                    (None, &d.args[1..])
                }
            }
        };
        let body = match name {
            "route" | "handle" | "handle_path" => {
                if let Some(extra) = rest_args.first() {
                    ctx.errors.push(MatcherError {
                        message: format!(
                            "Wrong argument count or unexpected line ending after '{}'",
                            extra.text
                        ),
                        span: extra.span.clone(),
                    });
                }
                let inner_sorted = name != "route";
                let routes = build_list(ctx, d.children(), &scope, inner_sorted, false);
                let strip_prefix = (name == "handle_path").then(|| {
                    let p = d.args.first().map_or("", |t| t.text.as_str());
                    let p = p.strip_suffix('*').unwrap_or(p);
                    p.strip_suffix('/').unwrap_or(p).to_string()
                });
                RouteBody::Subroute {
                    routes,
                    strip_prefix,
                }
            }
            _ => RouteBody::Handler(classify(d, &norm, rest_args)),
        };
        items.push(Route {
            directive: d.id,
            position: ctx.position(&norm),
            name: norm,
            matcher,
            group: None,
            body,
            span: d.span(),
        });
    }
    if sorted {
        let v = ctx.cf.options.version;
        go_stable_sort(&mut items, &|a, b| route_less(a, b, v));
        for dir in ["handle", "rewrite", "root"] {
            let count = items.iter().filter(|r| r.name == dir).count();
            if count > 1 || (dir == "rewrite" && count == 1) {
                let g = ctx.next_group;
                ctx.next_group += 1;
                for r in items.iter_mut().filter(|r| r.name == dir) {
                    r.group = Some(g);
                }
            }
        }
    }
    items
}

fn label_arg(args: &[super::lexer::Token], i: usize) -> String {
    args.get(i).map_or(String::new(), |t| t.text.clone())
}

fn classify(d: &Directive, norm: &str, args: &[super::lexer::Token]) -> Handler {
    let a = |i| label_arg(args, i);
    let (kind, label) = match norm {
        "reverse_proxy" => {
            let mut ups: Vec<String> = args.iter().map(|t| t.text.clone()).collect();
            for c in d.children() {
                if c.name() == "to" {
                    ups.extend(c.args.iter().map(|t| t.text.clone()));
                }
            }
            let first = ups.first().cloned().unwrap_or_default();
            (
                HandlerKind::ReverseProxy { upstreams: ups },
                format!("REVERSE_PROXY {first}"),
            )
        }
        "respond" => {
            let (body, status) = match args {
                [] => (None, None),
                [one] if one.text.len() == 3 && one.text.bytes().all(|b| b.is_ascii_digit()) => {
                    (None, Some(one.text.clone()))
                }
                [one] => (Some(one.text.clone()), None),
                [b, s, ..] => (Some(b.text.clone()), Some(s.text.clone())),
            };
            let label = format!(
                "RESPOND {}",
                body.clone().or_else(|| status.clone()).unwrap_or_default()
            );
            (HandlerKind::Respond { body, status }, label)
        }
        "redir" => (HandlerKind::Redir { to: a(0) }, format!("REDIR {}", a(0))),
        "file_server" => (HandlerKind::FileServer, "FILE_SERVER".to_string()),
        "authenticate" => {
            let p = if a(0) == "with" { a(1) } else { a(0) };
            (
                HandlerKind::Authenticate { portal: p.clone() },
                format!("AUTHENTICATE {p}"),
            )
        }
        "authorize" => {
            let p = if a(0) == "with" { a(1) } else { a(0) };
            (
                HandlerKind::Authorize { policy: p.clone() },
                format!("AUTHORIZE {p}"),
            )
        }
        "basic_auth" | "basicauth" => (HandlerKind::BasicAuth, "BASIC_AUTH".to_string()),
        "forward_auth" => (
            HandlerKind::ForwardAuth { upstream: a(0) },
            format!("FORWARD_AUTH {}", a(0)),
        ),
        "abort" | "error" | "php_fastcgi" | "metrics" | "acme_server" | "copy_response" => (
            HandlerKind::OtherTerminal,
            format!("{} {}", norm.to_ascii_uppercase(), a(0)),
        ),
        "rewrite" => (
            HandlerKind::Rewrite { to: a(0) },
            format!("REWRITE {}", a(0)),
        ),
        "uri" => (
            HandlerKind::Uri {
                op: a(0),
                args: args.iter().skip(1).map(|t| t.text.clone()).collect(),
            },
            format!("URI {}", a(0)),
        ),
        "method" => (
            HandlerKind::Method { method: a(0) },
            format!("METHOD {}", a(0)),
        ),
        n if ORDER_2_11_4.contains(&n) || ORDER_2_6_2.contains(&n) => {
            (HandlerKind::Passthrough, n.to_ascii_uppercase())
        }
        n => (HandlerKind::Opaque, n.to_ascii_uppercase()),
    };
    Handler {
        directive: d.id,
        kind,
        label: label.trim_end().to_string(),
        span: d.span(),
    }
}

// ---------------------------------------------------------------------------
// sortRoutes and Go's sort.SliceStable
// ---------------------------------------------------------------------------

fn single_path(r: &Route) -> Option<String> {
    let set = r.matcher.as_ref()?;
    let paths = set.paths()?;
    match paths {
        [one] => Some(one.pattern().to_string()),
        _ => None,
    }
}

/// `sortRoutes`' less function (i before j?).
pub fn route_less(i: &Route, j: &Route, v: CaddyVersion) -> bool {
    if i.name != j.name {
        return i.position < j.position;
    }
    let ip = single_path(i);
    let jp = single_path(j);
    let il = ip.as_ref().map_or(0, String::len);
    let jl = jp.as_ref().map_or(0, String::len);
    let by_path = if il > 0 && jl > 0 {
        let same_base = ip.as_deref().map(|p| p.trim_end_matches('*'))
            == jp.as_deref().map(|p| p.trim_end_matches('*'));
        if v.sort_prefers_exact_over_wildcard() && same_base {
            il < jl
        } else {
            il > jl
        }
    } else {
        i.matcher.is_some() && j.matcher.is_none()
    };
    if i.name == "vars" { !by_path } else { by_path }
}

/// Go's `sort.SliceStable` (insertion sort on blocks of 20, then
/// `symMerge`), driven by an arbitrary, possibly non-transitive `less`.
pub fn go_stable_sort<T>(data: &mut [T], less: &dyn Fn(&T, &T) -> bool) {
    let n = data.len();
    let mut block = 20;
    let (mut a, mut b) = (0, block);
    while b <= n {
        insertion_sort(data, a, b, less);
        a = b;
        b += block;
    }
    insertion_sort(data, a, n, less);
    while block < n {
        a = 0;
        b = 2 * block;
        while b <= n {
            sym_merge(data, a, a + block, b, less);
            a = b;
            b += 2 * block;
        }
        let m = a + block;
        if m < n {
            sym_merge(data, a, m, n, less);
        }
        block *= 2;
    }
}

fn insertion_sort<T>(data: &mut [T], a: usize, b: usize, less: &dyn Fn(&T, &T) -> bool) {
    for i in a + 1..b {
        let mut j = i;
        while j > a && less(&data[j], &data[j - 1]) {
            data.swap(j, j - 1);
            j -= 1;
        }
    }
}

fn sym_merge<T>(data: &mut [T], a: usize, m: usize, b: usize, less: &dyn Fn(&T, &T) -> bool) {
    if m - a == 1 {
        let (mut i, mut j) = (m, b);
        while i < j {
            let h = usize::midpoint(i, j);
            if less(&data[h], &data[a]) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        for k in a..i.saturating_sub(1) {
            data.swap(k, k + 1);
        }
        return;
    }
    if b - m == 1 {
        let (mut i, mut j) = (a, m);
        while i < j {
            let h = usize::midpoint(i, j);
            if less(&data[m], &data[h]) {
                j = h;
            } else {
                i = h + 1;
            }
        }
        let mut k = m;
        while k > i {
            data.swap(k, k - 1);
            k -= 1;
        }
        return;
    }
    let mid = usize::midpoint(a, b);
    let n = mid + m;
    let (mut start, mut r) = if m > mid { (n - b, mid) } else { (a, m) };
    let p = n - 1;
    while start < r {
        let c = usize::midpoint(start, r);
        if less(&data[p - c], &data[c]) {
            r = c;
        } else {
            start = c + 1;
        }
    }
    let end = n - start;
    if start < m && m < end {
        rotate(data, start, m, end);
    }
    if a < start && start < mid {
        sym_merge(data, a, start, mid, less);
    }
    if mid < end && end < b {
        sym_merge(data, mid, end, b, less);
    }
}

fn swap_range<T>(data: &mut [T], a: usize, b: usize, n: usize) {
    for i in 0..n {
        data.swap(a + i, b + i);
    }
}

fn rotate<T>(data: &mut [T], a: usize, m: usize, b: usize) {
    let mut i = m - a;
    let mut j = b - m;
    while i != j {
        if i > j {
            swap_range(data, m - i, m, j);
            i -= j;
        } else {
            swap_range(data, m - i, m + j - i, i);
            j -= i;
        }
    }
    swap_range(data, m - i, m, i);
}

// ---------------------------------------------------------------------------
// decide
// ---------------------------------------------------------------------------

/// How a request ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// This handler answers (if every gate in [`Decision::gates`] lets the
    /// request through).
    Handled(Handler),
    /// No handler answers: Caddy sends an empty 200.
    Unhandled,
    /// A matcher on the way cannot be decided statically.
    Undecided {
        /// The route whose matcher is undecidable.
        directive: usize,
    },
}

/// Where a request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Routes entered, outermost first (directive ids).
    pub entered: Vec<usize>,
    /// Gates met before the outcome, in order; each may answer instead.
    pub gates: Vec<Handler>,
    /// Opaque (unknown) handlers passed, assumed to continue.
    pub opaque: Vec<usize>,
    /// Result.
    pub outcome: Outcome,
}

impl Decision {
    /// The handler that answers when every gate denies: the first gate if
    /// any, else the terminal handler. This is what the marker rewrite
    /// (where gates answer with their name) makes Caddy return.
    pub fn first_responder(&self) -> Option<&Handler> {
        self.gates.first().or(match &self.outcome {
            Outcome::Handled(h) => Some(h),
            _ => None,
        })
    }

    /// The terminal handler, if decided.
    pub fn handler(&self) -> Option<&Handler> {
        match &self.outcome {
            Outcome::Handled(h) => Some(h),
            _ => None,
        }
    }
}

struct Walk {
    req: Request,
    path_unknown: bool,
    groups: HashSet<u32>,
    entered: Vec<usize>,
    gates: Vec<Handler>,
    opaque: Vec<usize>,
}

enum Flow {
    Continue,
    Done(Outcome),
}

fn depends_on_path(set: &MatcherSet) -> bool {
    set.matchers.iter().any(|m| match &m.kind {
        MatcherKind::Path(_) | MatcherKind::PathRegexp { .. } | MatcherKind::Expression { .. } => {
            true
        }
        MatcherKind::Not(sets) => sets.iter().any(depends_on_path),
        _ => false,
    })
}

/// Walks `site`'s routes for `req`.
pub fn decide(site: &SiteRoutes, req: &Request) -> Decision {
    let mut w = Walk {
        req: req.clone(),
        path_unknown: false,
        groups: HashSet::new(),
        entered: Vec::new(),
        gates: Vec::new(),
        opaque: Vec::new(),
    };
    let outcome = match walk(&site.routes, &mut w, 0) {
        Flow::Continue => Outcome::Unhandled,
        Flow::Done(o) => o,
    };
    Decision {
        entered: w.entered,
        gates: w.gates,
        opaque: w.opaque,
        outcome,
    }
}

fn walk(routes: &[Route], w: &mut Walk, depth: usize) -> Flow {
    if depth > 200 {
        return Flow::Done(Outcome::Unhandled);
    }
    for r in routes {
        let hit = match &r.matcher {
            None => Some(true),
            Some(set) => {
                if w.path_unknown && depends_on_path(set) {
                    None
                } else {
                    any_matches(std::slice::from_ref(set), &w.req)
                }
            }
        };
        match hit {
            None => {
                return Flow::Done(Outcome::Undecided {
                    directive: r.directive,
                });
            }
            Some(false) => continue,
            Some(true) => {}
        }
        if let Some(g) = r.group
            && !w.groups.insert(g)
        {
            continue;
        }
        w.entered.push(r.directive);
        match &r.body {
            RouteBody::Handler(h) => {
                if h.kind.is_terminal() {
                    return Flow::Done(Outcome::Handled(h.clone()));
                }
                if h.kind.is_gate() {
                    w.gates.push(h.clone());
                    continue;
                }
                apply(h, w);
            }
            RouteBody::Subroute {
                routes,
                strip_prefix,
            } => {
                if let Some(p) = strip_prefix {
                    strip(w, p);
                }
                if let Flow::Done(o) = walk(routes, w, depth + 1) {
                    return Flow::Done(o);
                }
            }
        }
    }
    Flow::Continue
}

fn split_query(p: &str) -> (&str, Option<&str>) {
    match p.split_once('?') {
        Some((a, b)) => (a, Some(b)),
        None => (p, None),
    }
}

fn with_query(path: String, q: Option<&str>) -> String {
    match q {
        Some(q) => format!("{path}?{q}"),
        None => path,
    }
}

fn strip(w: &mut Walk, prefix: &str) {
    let (path, q) = split_query(&w.req.path);
    let merge = !prefix.contains("//");
    let cleaned = crate::caddy::path_match::caddy_clean_path(path.as_bytes(), merge);
    let cleaned = String::from_utf8_lossy(&cleaned).into_owned();
    let trimmed = trim_path_prefix(&cleaned, prefix);
    w.req.path = with_query(trimmed, q);
}

/// Caddy's `trimPathPrefix`: case-insensitive, `%XX` in the path compared
/// decoded; the path is left alone when the prefix does not match.
pub fn trim_path_prefix(escaped: &str, prefix: &str) -> String {
    let p = escaped.as_bytes();
    let pre = prefix.as_bytes();
    let (mut ip, mut ipre) = (0, 0);
    while ip < p.len() && ipre < pre.len() {
        let mut ch = p[ip];
        if ch == b'%' && pre[ipre] != b'%' && p.len() >= ip + 3 {
            let Some(v) = std::str::from_utf8(&p[ip + 1..ip + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            else {
                return escaped.to_string();
            };
            ch = v;
            ip += 2;
        }
        if !ch.eq_ignore_ascii_case(&pre[ipre]) {
            return escaped.to_string();
        }
        ip += 1;
        ipre += 1;
    }
    if ipre < pre.len() {
        return escaped.to_string();
    }
    String::from_utf8_lossy(&p[ip..]).into_owned()
}

fn apply(h: &Handler, w: &mut Walk) {
    match &h.kind {
        HandlerKind::Rewrite { to } => {
            if to.contains('{') || to.is_empty() {
                w.path_unknown = true;
                return;
            }
            let (path, q) = split_query(&w.req.path);
            let (tp, tq) = split_query(to);
            let new_path = if tp.is_empty() {
                path.to_string()
            } else {
                tp.to_string()
            };
            let new_q = if tq.is_some() { tq } else { q };
            w.req.path = with_query(new_path, new_q);
        }
        HandlerKind::Uri { op, args } => {
            let (path, q) = split_query(&w.req.path);
            let arg = args.first().map_or("", String::as_str);
            if arg.contains('{') {
                w.path_unknown = true;
                return;
            }
            let new_path = match op.as_str() {
                "strip_prefix" => {
                    let pre = if arg.starts_with('/') {
                        arg.to_string()
                    } else {
                        format!("/{arg}")
                    };
                    trim_path_prefix(path, &pre)
                }
                "strip_suffix" => path.strip_suffix(arg).unwrap_or(path).to_string(),
                "replace" => match args.get(1) {
                    Some(to) if !to.contains('{') => path.replace(arg, to),
                    _ => {
                        w.path_unknown = true;
                        return;
                    }
                },
                "query" => path.to_string(),
                _ => {
                    w.path_unknown = true;
                    return;
                }
            };
            w.req.path = with_query(new_path, q);
        }
        HandlerKind::Method { method } => {
            if method.contains('{') {
                return;
            }
            w.req.method = method.to_ascii_uppercase();
        }
        HandlerKind::Opaque => w.opaque.push(h.directive),
        _ => {
            if h.label.starts_with("TRY_FILES") {
                w.path_unknown = true;
            }
        }
    }
}

/// Which site serves `req` on a listener shared by `sites`: exact host
/// first, then wildcard hosts, then catch-alls (Caddy's specificity
/// sort); file order breaks ties.
pub fn select_site<'a>(sites: &'a [SiteRoutes], req: &Request) -> Option<&'a SiteRoutes> {
    let host = req.hostname().to_lowercase();
    sites
        .iter()
        .find(|s| {
            s.hosts
                .iter()
                .any(|h| !h.contains('*') && !h.is_empty() && *h == host)
        })
        .or_else(|| {
            sites.iter().find(|s| {
                s.hosts
                    .iter()
                    .any(|h| h.contains('*') && super::matchers::host_matches(h, &host))
            })
        })
        .or_else(|| sites.iter().find(|s| s.hosts.iter().any(String::is_empty)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::caddy::caddyfile::{ParseOptions, parse_with};
    use std::net::IpAddr;

    fn build(src: &str, v: CaddyVersion) -> (Caddyfile, SiteRoutes) {
        let cf = parse_with(
            src,
            &ParseOptions {
                version: v,
                env: None,
            },
        );
        assert!(cf.errors.is_empty(), "{:?}", cf.errors);
        let site = cf.sites[0].clone();
        let r = build_routes(&cf, &site);
        (cf, r)
    }

    fn labels(cf: &Caddyfile, r: &[Route]) -> Vec<String> {
        r.iter()
            .map(|r| match &r.body {
                RouteBody::Handler(h) => h.label.clone(),
                RouteBody::Subroute { routes, .. } => {
                    let first = routes
                        .iter()
                        .find_map(|x| match &x.body {
                            RouteBody::Handler(h) => Some(h.label.clone()),
                            RouteBody::Subroute { .. } => None,
                        })
                        .unwrap_or_default();
                    format!(
                        "{}[{}]",
                        cf.directive(r.directive).map_or("", Directive::name),
                        first
                    )
                }
            })
            .collect()
    }

    #[test]
    fn sort_matches_caddy_2_6_2_experiments() {
        let v = CaddyVersion::V2_6_2;
        // C B A E D: longest single path first, matcher-less last.
        let (cf, r) = build(
            "a.test {\nroute /* {\nrespond A\n}\nroute /abc {\nrespond B\n}\nroute /abc* {\nrespond C\n}\nroute {\nrespond D\n}\nroute /x {\nrespond E\n}\n}",
            v,
        );
        assert_eq!(
            labels(&cf, &r.routes),
            [
                "route[RESPOND C]",
                "route[RESPOND B]",
                "route[RESPOND A]",
                "route[RESPOND E]",
                "route[RESPOND D]"
            ]
        );
        // Non-transitive: P(/a) N(@n) Q(/abcd) stays P N Q.
        let (cf, r) = build(
            "a.test {\nroute /a {\nrespond P\n}\n@n header A b\nroute @n {\nrespond N\n}\nroute /abcd {\nrespond Q\n}\n}",
            v,
        );
        assert_eq!(
            labels(&cf, &r.routes),
            ["route[RESPOND P]", "route[RESPOND N]", "route[RESPOND Q]"]
        );
        // One path plus a header in the set still sorts by path length.
        let (cf, r) = build(
            "a.test {\n@h {\nheader A b\npath /abcdef\n}\nroute /abc {\nrespond Y\n}\nroute @h {\nrespond X\n}\n}",
            v,
        );
        assert_eq!(
            labels(&cf, &r.routes),
            ["route[RESPOND X]", "route[RESPOND Y]"]
        );
        // 2.6.2 keeps /a* before /a; 2.11.4 puts /a first.
        let src = "a.test {\nroute /a* {\nrespond P\n}\nroute /a {\nrespond Q\n}\n}";
        let (cf, r) = build(src, v);
        assert_eq!(
            labels(&cf, &r.routes),
            ["route[RESPOND P]", "route[RESPOND Q]"]
        );
        let (cf, r) = build(src, CaddyVersion::V2_11_4);
        assert_eq!(
            labels(&cf, &r.routes),
            ["route[RESPOND Q]", "route[RESPOND P]"]
        );
    }

    #[test]
    fn directive_order_and_groups() {
        let (cf, r) = build(
            "a.test {\nhandle_path /p* {\nrespond HP\n}\nhandle /h* {\nrespond H1\n}\nhandle {\nrespond H2\n}\nroute /* {\nrespond R\n}\nredir /old /new\nrewrite /r /x\nrespond /z Z\nreverse_proxy /rp 127.0.0.1:1\nheader X-A b\nauthorize with pol\nbasicauth {\n}\nauthenticate with portal\n}",
            CaddyVersion::V2_6_2,
        );
        assert_eq!(
            labels(&cf, &r.routes),
            [
                "HEADER",
                "REDIR /new",
                "REWRITE /x",
                "AUTHORIZE pol",
                "BASIC_AUTH",
                "handle_path[RESPOND HP]",
                "handle[RESPOND H1]",
                "handle[RESPOND H2]",
                "route[RESPOND R]",
                "AUTHENTICATE portal",
                "RESPOND Z",
                "REVERSE_PROXY 127.0.0.1:1"
            ]
        );
        let groups: Vec<Option<u32>> = r.routes.iter().map(|r| r.group).collect();
        assert!(groups[2].is_some());
        assert_eq!(groups[5], groups[6]);
        assert_eq!(groups[6], groups[7]);
        assert!(groups[5].is_some() && groups[5] != groups[2]);
    }

    #[test]
    fn global_order_option() {
        let (cf, r) = build(
            "{\n\torder respond first\n}\na.test {\nredir /a /b\nrespond x\n}",
            CaddyVersion::V2_6_2,
        );
        assert_eq!(labels(&cf, &r.routes), ["RESPOND x", "REDIR /b"]);
    }

    #[test]
    fn go_stable_sort_is_stable_and_sorts() {
        let mut v: Vec<(usize, usize)> = (0..100).map(|i| (i * 37 % 11, i)).collect();
        go_stable_sort(&mut v, &|a, b| a.0 < b.0);
        for w in v.windows(2) {
            assert!(w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1));
        }
        let mut e: Vec<u8> = Vec::new();
        go_stable_sort(&mut e, &|a, b| a < b);
        let mut one = vec![1];
        go_stable_sort(&mut one, &|a, b| a < b);
    }

    #[test]
    fn go_stable_sort_merges_like_a_stable_sort() {
        // With a transitive order, Go's algorithm must agree with any
        // stable sort, including across the 20-element blocks it merges.
        let mut seed: u64 = 7;
        for n in [0usize, 1, 2, 19, 20, 21, 39, 40, 41, 63, 64, 65, 130] {
            let items: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (u8::try_from(seed >> 60).unwrap_or(0), i)
                })
                .collect();
            let mut ours = items.clone();
            go_stable_sort(&mut ours, &|a, b| a.0 < b.0);
            let mut std_sorted = items;
            std_sorted.sort_by_key(|x| x.0);
            assert_eq!(ours, std_sorted, "n = {n}");
        }
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    const GEN: &str = "b.test {\n\t@caddy_security_bypass_b {\n\t\tpath /api* /feed*\n\t\tremote_ip 127.0.0.2/32\n\t}\n\troute @caddy_security_bypass_b {\n\t\treverse_proxy 127.0.0.1:9000\n\t}\n\t@static_api_key_k_b {\n\t\theader X-Api-Key {$KEY}\n\t\tpath /api/v1/x*\n\t}\n\troute @static_api_key_k_b {\n\t\treverse_proxy 127.0.0.1:9000 {\n\t\t\theader_up X-Auth-Source \"static-api-key:k\"\n\t\t}\n\t}\n\t@caddy_security_b {\n\t\tpath /caddy-security/* /oauth2/*\n\t}\n\troute @caddy_security_b {\n\t\tauthenticate with portal\n\t}\n\troute /* {\n\t\tauthorize with pol\n\t\treverse_proxy 127.0.0.1:9000\n\t}\n\thandle /share/* {\n\t\treverse_proxy 127.0.0.1:9000\n\t}\n\trespond \"never\"\n}\n";

    #[test]
    fn decide_generator_output() {
        let (_, r) = build(GEN, CaddyVersion::V2_6_2);
        let d = decide(
            &r,
            &Request::get("http://b.test/api/x").from_ip(ip("127.0.0.2")),
        );
        assert_eq!(
            d.handler().map(|h| h.label.as_str()),
            Some("REVERSE_PROXY 127.0.0.1:9000")
        );
        assert!(d.gates.is_empty());
        // Without the header the static-key route cannot match whatever
        // the secret is; with one, it depends on the unknown `{$KEY}`.
        let d = decide(&r, &Request::get("http://b.test/api/x"));
        assert_eq!(d.gates.len(), 1);
        let d = decide(
            &r,
            &Request::get("http://b.test/api/v1/x").with_header("X-Api-Key", "k"),
        );
        assert!(matches!(d.outcome, Outcome::Undecided { .. }), "{d:?}");
        let d = decide(&r, &Request::get("http://b.test/other"));
        assert_eq!(
            d.first_responder().map(|h| h.label.as_str()),
            Some("AUTHORIZE pol")
        );
        assert_eq!(
            d.handler().map(|h| h.label.as_str()),
            Some("REVERSE_PROXY 127.0.0.1:9000")
        );
        let d = decide(&r, &Request::get("http://b.test/share/x"));
        assert!(
            d.gates.is_empty(),
            "handle sorts before route: unauthenticated"
        );
        let d = decide(&r, &Request::get("http://b.test/caddy-security/login"));
        assert_eq!(
            d.handler().map(|h| h.label.as_str()),
            Some("AUTHENTICATE portal")
        );
    }

    #[test]
    fn handle_path_strips_and_rewrite_applies() {
        let (_, r) = build(
            "a.test {\nhandle_path /api* {\nhandle /x* {\nrespond X\n}\nrespond OTHER\n}\nrewrite /old /api/x\nrespond NONE\n}",
            CaddyVersion::V2_6_2,
        );
        let l = |p: &str| {
            decide(&r, &Request::get(p))
                .handler()
                .map(|h| h.label.clone())
        };
        assert_eq!(l("/api/x/1").as_deref(), Some("RESPOND X"));
        assert_eq!(l("/API/y").as_deref(), Some("RESPOND OTHER"));
        assert_eq!(l("/old").as_deref(), Some("RESPOND X"));
        assert_eq!(l("/z").as_deref(), Some("RESPOND NONE"));
        assert_eq!(trim_path_prefix("/api/x", "/api"), "/x");
        assert_eq!(trim_path_prefix("/%61pi/x", "/api"), "/x");
        assert_eq!(trim_path_prefix("/b", "/bc"), "/b");
    }

    #[test]
    fn handle_group_is_exclusive_but_route_is_not() {
        let (_, r) = build(
            "a.test {\nhandle /a* {\nheader X 1\n}\nhandle {\nrespond CATCH\n}\nroute {\nhandle /a* {\nheader Y 1\n}\nhandle {\nrespond INNER\n}\n}\nrespond LAST\n}",
            CaddyVersion::V2_6_2,
        );
        let l = |p: &str| {
            decide(&r, &Request::get(p))
                .handler()
                .map(|h| h.label.clone())
        };
        assert_eq!(l("/a").as_deref(), Some("RESPOND INNER"));
        assert_eq!(l("/b").as_deref(), Some("RESPOND CATCH"));
    }

    #[test]
    fn select_site_by_specificity() {
        let cf = parse_with(
            "*.t {\nrespond W\n}\n:80 {\nrespond C\n}\na.t {\nrespond A\n}",
            &ParseOptions::default(),
        );
        let sites: Vec<SiteRoutes> = cf.sites.iter().map(|s| build_routes(&cf, s)).collect();
        let pick = |u: &str| select_site(&sites, &Request::get(u)).map(|s| s.site);
        assert_eq!(pick("http://a.t/"), Some(2));
        assert_eq!(pick("http://B.t:80/"), Some(0));
        assert_eq!(pick("http://x.y/"), Some(1));
    }
}
