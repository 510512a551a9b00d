//! One site, one request: the route Caddy runs (first matching route in
//! Caddy's order, [`crate::caddy::caddyfile::routes::decide`]), then the
//! gates on the way (`authorize` through [`super::session`]) and what the
//! answering handler means for access.

use crate::caddy::caddyfile::Request;
use crate::caddy::caddyfile::checks::FindingKind;
use crate::caddy::caddyfile::matchers::{Matcher, MatcherKind, MatcherSet, matches};
use crate::caddy::caddyfile::routes::{
    Decision as RouteDecision, HandlerKind, Outcome, Route, RouteBody,
};
use crate::files::Span;
use crate::model::{Field, Host, Known, Site, StrList};

use super::provenance::Tag;
use super::session::{self, GateResult};
use super::source::{Rendered, RouteSource, UNKNOWN_PREFIX};
use super::{
    AccessError, Answer, Basis, CaddyfileLine, DEFAULT_FROM, Decision, Evidence, Identity, Query,
    Roles, Step, Url, World,
};

/// The reasoning so far, against one rendering.
pub(crate) struct Cx<'a, 'w> {
    pub world: &'a World<'w>,
    pub hi: usize,
    pub r: &'a Rendered,
    pub url: &'a Url,
    pub steps: Vec<Step>,
    pub warnings: Vec<Step>,
}

impl Cx<'_, '_> {
    pub fn host(&self) -> &Host {
        self.world.hosts[self.hi].0
    }

    /// Caddyfile line and Nix origin of a byte offset of the rendering.
    pub fn cite(&self, offset: usize) -> (Option<CaddyfileLine>, Vec<Span>) {
        let line = CaddyfileLine {
            file: self.r.file_label.clone(),
            line: self.r.line_of(offset),
        };
        let nix = self.r.nix_at(offset).into_iter().collect();
        (Some(line), nix)
    }

    pub fn step(&mut self, text: impl Into<String>, offset: Option<usize>, mut extra: Vec<Span>) {
        let (caddyfile, mut nix) = offset.map_or((None, Vec::new()), |o| self.cite(o));
        extra.retain(|s| !s.is_synthetic());
        for s in extra {
            if !nix.iter().any(|n| n.file == s.file && n.start == s.start) {
                nix.push(s);
            }
        }
        self.steps.push(Step {
            text: text.into(),
            caddyfile,
            nix,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>, offset: Option<usize>, extra: Vec<Span>) {
        let n = self.steps.len();
        self.step(text, offset, extra);
        let s = self.steps.remove(n);
        self.warnings.push(s);
    }

    /// The model's site for the URL's host name on this host.
    pub fn model_site(&self) -> Option<Site<'_>> {
        model_site(self.host(), &self.url.hostname)
    }
}

pub(crate) fn model_site<'h>(host: &'h Host, name: &str) -> Option<Site<'h>> {
    host.sites().into_iter().find(|s| {
        s.enabled() != Some(false)
            && s.host_name()
                .get()
                .is_some_and(|h| h.eq_ignore_ascii_case(name))
    })
}

/// The outcome of one rendering.
pub(crate) struct Verdict {
    pub decision: Decision,
    pub status: Option<u16>,
    pub steps: Vec<Step>,
    pub warnings: Vec<Step>,
    pub unknown: Option<String>,
    pub handler: Option<String>,
    pub redirect_to: Option<String>,
    pub roles: Option<Roles>,
    pub evidence: Evidence,
}

/// A key's header name and environment variable, for `--api-key NAME`.
struct ApiKey {
    header: String,
    env: String,
}

fn api_key(
    host: &Host,
    site: Option<&Site<'_>>,
    name: &str,
) -> Result<Result<ApiKey, String>, AccessError> {
    let Some(site) = site else {
        return Err(AccessError::Usage(format!(
            "--api-key `{name}`: the model has no site for this name, so no static API key is known"
        )));
    };
    let keys = match &site.caddy_security().static_api_keys.value {
        Known::Value(k) => k,
        Known::Absent => {
            return Err(AccessError::Usage(format!(
                "--api-key `{name}`: site `{}` on host `{}` has no static API keys",
                site.name(),
                host.name
            )));
        }
        Known::Unknown(r) => {
            return Ok(Err(format!(
                "the static API keys of `{}` could not be evaluated: {r}",
                site.name()
            )));
        }
    };
    let names: Vec<String> = keys.iter().filter_map(|k| k.name.get().cloned()).collect();
    let Some(k) = keys
        .iter()
        .find(|k| k.name.get().is_some_and(|n| n == name))
    else {
        if let Some(r) = keys.iter().find_map(|k| k.name.value.unknown_reason()) {
            return Ok(Err(format!(
                "a static API key name could not be evaluated: {r}"
            )));
        }
        return Err(AccessError::Usage(format!(
            "--api-key `{name}`: site `{}` has no static API key named so (it has {})",
            site.name(),
            crate::lints::util::code_list(&names.iter().map(String::as_str).collect::<Vec<_>>())
        )));
    };
    let header = match &k.header_name.value {
        Known::Value(h) => h.clone(),
        Known::Absent => "X-Api-Key".to_string(),
        Known::Unknown(r) => {
            return Ok(Err(format!(
                "the header name of key `{name}` could not be evaluated: {r}"
            )));
        }
    };
    let env = match &k.env_var.value {
        Known::Value(e) => e.clone(),
        Known::Absent => return Ok(Err(format!("key `{name}` names no environment variable"))),
        Known::Unknown(r) => {
            return Ok(Err(format!(
                "the environment variable of key `{name}` could not be evaluated: {r}"
            )));
        }
    };
    Ok(Ok(ApiKey { header, env }))
}

/// The request as Caddy sees it.
fn request(url: &Url, q: &Query) -> Request {
    let mut req = Request::get(&format!("http://{}{}", url.authority, url.target))
        .from_ip(q.from.unwrap_or(DEFAULT_FROM))
        .with_method(&q.method.to_ascii_uppercase());
    for (k, v) in &q.headers {
        req = req.with_header(k, v);
    }
    req
}

/// The answer for site `si` of host `hi`.
pub(crate) fn answer(
    world: &World<'_>,
    hi: usize,
    si: usize,
    url: &Url,
    q: &Query,
    duplicated: bool,
) -> Result<Answer, AccessError> {
    let (host, src) = &world.hosts[hi];
    let (basis, basis_label) = match src {
        RouteSource::Caddyfile(r) => (Basis::Caddyfile, r.label.clone()),
        RouteSource::Schema {
            schema,
            why,
            variants,
        } => (
            Basis::Schema {
                schema: *schema,
                why: why.clone(),
            },
            variants
                .first()
                .map_or_else(String::new, |v| v.label.clone()),
        ),
    };
    let mut req = request(url, q);
    let site_name = src.variants()[0].sites()[si]
        .hosts
        .first()
        .cloned()
        .unwrap_or_else(|| url.hostname.clone());
    let site_model = model_site(host, &url.hostname);
    let mut key_problem = None;
    let mut key_env = None;
    if let Some(name) = &q.api_key {
        match api_key(host, site_model.as_ref(), name)? {
            Ok(k) => {
                let secret: String = std::iter::repeat_n('k', k.env.len() + 3).collect();
                req = req.with_header(&k.header, &secret);
                key_env = Some((k.env, secret, name.clone()));
            }
            Err(why) => key_problem = Some(why),
        }
    }
    // When several sites serve the name, the same one (by position) in
    // every reading.
    let nth = src.variants().first().map_or(0, |v0| {
        v0.sites_for(&url.hostname)
            .iter()
            .position(|&s| s == si)
            .unwrap_or(0)
    });
    let mut verdicts = Vec::new();
    for (vi, variant) in src.variants().iter().enumerate() {
        let owned;
        let r = match &key_env {
            Some((env, secret, _)) => {
                owned = variant.with_env(env, secret);
                &owned
            }
            None => variant,
        };
        let site = if vi == 0 {
            si
        } else {
            match r.sites_for(&url.hostname).get(nth) {
                Some(&s) => s,
                None => continue,
            }
        };
        let mut cx = Cx {
            world,
            hi,
            r,
            url,
            steps: Vec::new(),
            warnings: Vec::new(),
        };
        if let Some((env, _, name)) = &key_env {
            cx.step(
                format!(
                    "the request carries static API key `{name}`: header value = the secret in `{{${env}}}` (as Caddy reads it from its environment)"
                ),
                None,
                Vec::new(),
            );
        }
        let v = evaluate(
            &mut cx,
            site,
            &req,
            &q.identity,
            q.from.is_none(),
            key_problem.as_deref(),
            duplicated,
        );
        verdicts.push((r.label.clone(), v));
    }
    let Some((_, first)) = verdicts.first() else {
        return Err(AccessError::NoSite {
            name: url.hostname.clone(),
            note: None,
        });
    };
    let agree = verdicts.iter().all(|(_, v)| v.decision == first.decision);
    let readings = verdicts.len();
    let mut chosen = if agree {
        verdicts.swap_remove(0).1
    } else {
        disagreement(&verdicts)
    };
    if agree && readings > 1 {
        chosen.steps.push(Step {
            text: format!(
                "every reading of the documented schema ({readings} generators pocketlint considers) gives `{}`",
                chosen.decision.as_str()
            ),
            caddyfile: None,
            nix: Vec::new(),
        });
    }
    if let Basis::Schema { why, schema } = &basis {
        let how = match schema {
            crate::model::Schema::Extended => {
                "rendered as SEMANTICS §1.1's generator does".to_string()
            }
            crate::model::Schema::Documented => format!(
                "one central portal `{}` on `portalHost` whose provider requests the `groups` scope, as the seed sets it up",
                super::schema::DOCUMENTED_PORTAL
            ),
        };
        chosen.steps.insert(
            0,
            Step {
                text: format!(
                    "decided from the schema's semantics ({how}), not from the deployed Caddyfile: {why}"
                ),
                caddyfile: None,
                nix: Vec::new(),
            },
        );
    }
    Ok(Answer {
        decision: chosen.decision,
        status: chosen.status,
        host: host.name.clone(),
        site: site_name,
        basis,
        basis_label,
        steps: chosen.steps,
        warnings: chosen.warnings,
        unknown: chosen.unknown,
        handler: chosen.handler,
        redirect_to: chosen.redirect_to,
        roles: chosen.roles,
        from: q.from.unwrap_or(DEFAULT_FROM),
        evidence: vec![chosen.evidence],
    })
}

fn disagreement(verdicts: &[(String, Verdict)]) -> Verdict {
    let mut steps = vec![Step {
        text: "the documented schema leaves this to the generator, and the repository's generated Caddyfile is not known; the readings disagree:".to_string(),
        caddyfile: None,
        nix: Vec::new(),
    }];
    for (label, v) in verdicts {
        let why = v.steps.last().map_or("", |s| s.text.as_str());
        steps.push(Step {
            text: format!("{label}: `{}` ({why})", v.decision.as_str()),
            caddyfile: None,
            nix: v
                .steps
                .iter()
                .flat_map(|s| s.nix.iter().copied())
                .take(2)
                .collect(),
        });
    }
    Verdict {
        decision: Decision::Unknown,
        status: None,
        steps,
        warnings: Vec::new(),
        unknown: Some(
            "how the repository's generator renders this site (its Caddyfile is not known)"
                .to_string(),
        ),
        handler: None,
        redirect_to: None,
        roles: None,
        evidence: Evidence {
            text: String::new(),
            request: Request::get("/"),
            marker: None,
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn evaluate(
    cx: &mut Cx<'_, '_>,
    si: usize,
    req: &Request,
    who: &Identity,
    default_from: bool,
    key_problem: Option<&str>,
    duplicated: bool,
) -> Verdict {
    let r = cx.r;
    let block = &r.cf.sites[si];
    let site_nix: Vec<Span> = cx
        .model_site()
        .map(|s| vec![s.host_name().location()])
        .unwrap_or_default();
    cx.step(
        format!(
            "site `{}` serves `{}` ({})",
            block
                .addresses
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            cx.url.hostname,
            r.label
        ),
        Some(block.span.start),
        site_nix,
    );
    if duplicated {
        cx.warn(
            format!(
                "more than one site serves `{}`; each gets its own answer",
                cx.url.hostname
            ),
            Some(block.span.start),
            Vec::new(),
        );
    }
    load_warnings(cx);
    let from = if default_from {
        format!("{} (no --from: a client on the internet)", req.remote_ip)
    } else {
        req.remote_ip.to_string()
    };
    let who_text = match who {
        Identity::Anonymous => "without a session".to_string(),
        Identity::Groups(g) => format!("logged in as a member of {}", backticked(g)),
    };
    cx.step(
        format!(
            "request: {} {} from {from}, {who_text}; Caddy matches on the peer address only (remote_ip)",
            req.method, req.path
        ),
        None,
        Vec::new(),
    );
    let evidence_marker;
    let verdict = if let Some(why) = key_problem {
        evidence_marker = None;
        unknown(cx, why.to_string())
    } else {
        let routes = &r.sites()[si];
        let d = crate::caddy::caddyfile::routes::decide(routes, req);
        evidence_marker = marker_of(&d);
        explain_skips(cx, &routes.routes, &d, req);
        route_verdict(cx, &routes.routes, &d, req, who)
    };
    let (decision, status, unknown_why, handler, redirect_to, roles) = verdict;
    Verdict {
        decision,
        status,
        steps: std::mem::take(&mut cx.steps),
        warnings: std::mem::take(&mut cx.warnings),
        unknown: unknown_why,
        handler,
        redirect_to,
        roles,
        evidence: Evidence {
            text: r.text().to_string(),
            request: req.clone(),
            marker: evidence_marker,
        },
    }
}

type Parts = (
    Decision,
    Option<u16>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<Roles>,
);

fn unknown(cx: &mut Cx<'_, '_>, why: String) -> Parts {
    cx.step(format!("unknown: {why}"), None, Vec::new());
    (Decision::Unknown, None, Some(why), None, None, None)
}

fn backticked(items: &[String]) -> String {
    crate::lints::util::code_list(&items.iter().map(String::as_str).collect::<Vec<_>>())
}

fn marker_of(d: &RouteDecision) -> Option<String> {
    if let Some(h) = d.first_responder() {
        return Some(h.marker());
    }
    match d.outcome {
        Outcome::Unhandled => Some("UNHANDLED".to_string()),
        _ => None,
    }
}

/// Caddy's refusals of the whole file: the answer stays per site.
fn load_warnings(cx: &mut Cx<'_, '_>) {
    let findings: Vec<_> = cx
        .r
        .cf
        .findings()
        .iter()
        .filter(|f| f.kind == FindingKind::CaddyRejectsConfig)
        .filter(|f| {
            !cx.r.cf.slice(&f.span).contains(UNKNOWN_PREFIX) && !f.message.contains(UNKNOWN_PREFIX)
        })
        .collect();
    let n = findings.len();
    for f in findings.into_iter().take(3) {
        cx.warn(
            format!(
                "Caddy would refuse to load this file ({}), so no site would be served; the answer is for this site as written",
                f.message
            ),
            Some(f.span.start),
            Vec::new(),
        );
    }
    if n > 3 {
        cx.warn(format!("… and {} more refusals", n - 3), None, Vec::new());
    }
}

/// The route (at any depth) with this directive id.
fn find_route(routes: &[Route], id: usize) -> Option<&Route> {
    for r in routes {
        if r.directive == id {
            return Some(r);
        }
        if let RouteBody::Subroute { routes, .. } = &r.body
            && let Some(x) = find_route(routes, id)
        {
            return Some(x);
        }
    }
    None
}

fn contains_directive(r: &Route, id: usize) -> bool {
    if r.directive == id {
        return true;
    }
    match &r.body {
        RouteBody::Handler(h) => h.directive == id,
        RouteBody::Subroute { routes, .. } => routes.iter().any(|x| contains_directive(x, id)),
    }
}

fn has_authorize(routes: &[Route]) -> bool {
    routes.iter().any(|r| match &r.body {
        RouteBody::Handler(h) => matches!(h.kind, HandlerKind::Authorize { .. }),
        RouteBody::Subroute { routes, .. } => has_authorize(routes),
    })
}

fn single(m: &Matcher) -> MatcherSet {
    MatcherSet {
        name: None,
        matchers: vec![m.clone()],
        span: m.spans.first().cloned().unwrap_or(0..0),
    }
}

/// `path /api* /feed*` (the matcher's first line, as written).
fn matcher_text(r: &Rendered, m: &Matcher) -> String {
    let t = m
        .spans
        .first()
        .map(|s| r.shown(r.cf.slice(s).lines().next().unwrap_or("").trim()))
        .unwrap_or_default();
    if t.is_empty() { m.name.clone() } else { t }
}

fn set_name(set: &MatcherSet, r: &Rendered) -> String {
    set.name
        .clone()
        .unwrap_or_else(|| r.cf.slice(&set.span).to_string())
}

fn route_desc(cx: &Cx<'_, '_>, route: &Route) -> String {
    let name =
        cx.r.cf
            .directive(route.directive)
            .map_or(route.name.clone(), |d| d.name().to_string());
    match &route.matcher {
        Some(set) => format!("`{name} {}`", set_name(set, cx.r)),
        None => format!("`{name}`"),
    }
}

/// One matcher's verdict for the request, in words.
fn matcher_words(cx: &Cx<'_, '_>, m: &Matcher, req: &Request) -> (String, Option<bool>) {
    let res = matches(&single(m), req);
    let text = matcher_text(cx.r, m);
    let words = match (res, &m.kind) {
        (Some(true), _) => format!("`{text}` matches"),
        (Some(false), MatcherKind::Ip { client: false, .. }) => {
            format!("`{text}` does not contain the peer {}", req.remote_ip)
        }
        (Some(false), MatcherKind::Header(_)) => {
            format!("`{text}` does not match the request's headers")
        }
        (Some(false), _) => format!("`{text}` does not match"),
        (None, _) => format!("`{text}` cannot be decided"),
    };
    (words, res)
}

/// Nix locations of the model values a matcher line was made from.
fn matcher_nix(cx: &Cx<'_, '_>, m: &Matcher) -> Vec<Span> {
    let text = matcher_text(cx.r, m);
    let tokens: Vec<&str> = text.split_whitespace().skip(1).collect();
    let Some(site) = cx.model_site() else {
        return Vec::new();
    };
    let cs = site.caddy_security();
    let mut fields: Vec<&Field<StrList>> =
        vec![&cs.bypass_paths, &cs.bypass_resources, &cs.allowed_networks];
    if let Known::Value(keys) = &cs.static_api_keys.value {
        for k in keys {
            fields.push(&k.paths);
            fields.push(&k.allowed_networks);
        }
    }
    if let Known::Value(policies) = &cx.host().security.policies.value {
        for p in policies {
            fields.push(&p.allowed_networks);
        }
    }
    let mut out = Vec::new();
    for f in fields {
        let Known::Value(items) = &f.value else {
            continue;
        };
        for l in items {
            let Some(v) = l.value.value() else { continue };
            let hit = tokens.iter().any(|t| token_from(t, v))
                || (v.len() > 3 && text.contains(v.as_str()));
            if hit && !out.contains(&l.span) {
                out.push(l.span);
            }
        }
    }
    out
}

/// Whether Caddyfile token `t` was made from model entry `v` (`/api` →
/// `/api*`, `/api /api/*`; `""` → `*`).
fn token_from(t: &str, v: &str) -> bool {
    if t == v {
        return true;
    }
    let base = v.trim_end_matches('/');
    t == format!("{v}*") || (!base.is_empty() && (t == base || t == format!("{base}/*")))
}

/// Routes that did not apply although part of their matcher did: why a
/// bypass path from outside `allowedNetworks` falls through.
fn explain_skips(cx: &mut Cx<'_, '_>, routes: &[Route], d: &RouteDecision, req: &Request) {
    let last = match &d.outcome {
        Outcome::Handled(h) => Some(h.directive),
        Outcome::Undecided { directive } => Some(*directive),
        Outcome::Unhandled => None,
    };
    for route in routes {
        if last.is_some_and(|id| contains_directive(route, id)) {
            break;
        }
        if d.entered.contains(&route.directive) {
            continue;
        }
        let Some(set) = &route.matcher else { continue };
        let words: Vec<(String, Option<bool>)> = set
            .matchers
            .iter()
            .map(|m| matcher_words(cx, m, req))
            .collect();
        let partial = words.iter().any(|(_, r)| *r == Some(true))
            && words.iter().any(|(_, r)| *r == Some(false));
        if !partial {
            continue;
        }
        let nix: Vec<Span> = set
            .matchers
            .iter()
            .flat_map(|m| matcher_nix(cx, m))
            .collect();
        let parts: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
        let desc = route_desc(cx, route);
        cx.step(
            format!(
                "{desc} does not apply: {} (its matchers are ANDed)",
                parts.join(", ")
            ),
            Some(set.span.start),
            nix,
        );
    }
}

/// Why the route decision stopped at an undecidable matcher.
fn explain_undecidable(cx: &mut Cx<'_, '_>, routes: &[Route], id: usize, req: &Request) -> String {
    let Some(route) = find_route(routes, id) else {
        return "a matcher cannot be decided statically".to_string();
    };
    let desc = route_desc(cx, route);
    let Some(set) = &route.matcher else {
        return format!("{desc} cannot be decided");
    };
    // A route the schema rendering put there for a site it cannot know.
    let desc = if set
        .name
        .as_deref()
        .is_some_and(|n| n.starts_with("@pocketlint_unknown"))
    {
        format!("site `{}`", cx.url.hostname)
    } else {
        desc
    };
    let mut whys = Vec::new();
    let mut nix = Vec::new();
    for m in &set.matchers {
        let (words, res) = matcher_words(cx, m, req);
        if res.is_some() {
            continue;
        }
        let range = m.spans.first().cloned().unwrap_or(0..0);
        let unknowns = cx.r.unknowns_in(range.clone());
        if !unknowns.is_empty() {
            for u in unknowns {
                whys.push(format!("{} could not be evaluated ({})", u.what, u.reason));
                nix.push(u.span);
            }
            continue;
        }
        let text = cx.r.cf.slice(&range).to_string();
        let why = match &m.kind {
            MatcherKind::Expression { program: None, .. } => format!(
                "{words}: the expression does not compile, so Caddy refuses the whole file and nothing is served"
            ),
            MatcherKind::PathRegexp { regex: None, .. } => {
                format!("{words}: the regular expression does not compile (Caddy refuses the file)")
            }
            MatcherKind::Header(_) if text.contains("{$") => {
                let var = text
                    .split("{$")
                    .nth(1)
                    .and_then(|x| x.split('}').next())
                    .unwrap_or("");
                format!(
                    "{words}: the request's header would have to equal the secret in `{{${var}}}`, which pocketlint never reads (use --api-key NAME for a request that carries a static API key)"
                )
            }
            MatcherKind::Opaque => format!("{words}: matcher type `{}` is not modelled", m.name),
            _ if text.contains("{$") || text.contains('{') => format!(
                "{words}: it depends on a placeholder or environment value Caddy resolves at run time"
            ),
            _ => words,
        };
        nix.extend(matcher_nix(cx, m));
        whys.push(why);
    }
    if whys.is_empty() {
        whys.push("an earlier `rewrite` or `try_files` makes the path unknown".to_string());
    }
    let why = format!("{desc}: {}", whys.join("; "));
    cx.step(format!("cannot decide: {why}"), Some(set.span.start), nix);
    why
}

fn route_verdict(
    cx: &mut Cx<'_, '_>,
    routes: &[Route],
    d: &RouteDecision,
    req: &Request,
    who: &Identity,
) -> Parts {
    // Routes entered and gates met, in the order Caddy runs them: a gate
    // that answers decides, whatever comes after it.
    let mut passed_authorize: Option<Roles> = None;
    for id in &d.entered {
        if let Some(g) = d.gates.iter().find(|g| g.directive == *id) {
            match gate(cx, g, req, who) {
                Ok(Some(roles)) => passed_authorize = Some(roles),
                Ok(None) => {}
                Err(parts) => return *parts,
            }
            continue;
        }
        let Some(route) = find_route(routes, *id) else {
            continue;
        };
        let Some(set) = &route.matcher else { continue };
        let words: Vec<String> = set
            .matchers
            .iter()
            .map(|m| matcher_words(cx, m, req).0)
            .collect();
        let nix: Vec<Span> = set
            .matchers
            .iter()
            .flat_map(|m| matcher_nix(cx, m))
            .collect();
        let desc = route_desc(cx, route);
        cx.step(
            format!("{desc} applies: {}", words.join(", ")),
            Some(set.span.start),
            nix,
        );
    }
    if let Outcome::Undecided { directive } = d.outcome {
        let why = explain_undecidable(cx, routes, directive, req);
        return (Decision::Unknown, None, Some(why), None, None, None);
    }
    match &d.outcome {
        Outcome::Handled(h) => {
            let label = h.label.to_lowercase();
            if let HandlerKind::Authenticate { portal } = &h.kind {
                cx.step(
                    format!("`authenticate with {portal}`: the portal's own route (login, callback, logout) handles the request"),
                    Some(h.span.start),
                    portal_nix(cx, portal),
                );
                return (Decision::Authenticate, None, None, Some(label), None, None);
            }
            let status = handler_status(&h.kind);
            if let Some(roles) = passed_authorize {
                cx.step(
                    format!("then `{}` serves the request", h.label.to_lowercase()),
                    Some(h.span.start),
                    Vec::new(),
                );
                return (
                    Decision::Allow,
                    status,
                    None,
                    Some(label),
                    None,
                    Some(roles),
                );
            }
            let top = routes.iter().find(|r| contains_directive(r, h.directive));
            let top_offset = top.map_or(h.span.start, |r| r.span.start);
            if !has_authorize(routes) {
                cx.step(
                    format!(
                        "no route of this site runs `authorize`: `{}` serves the request without authentication",
                        h.label.to_lowercase()
                    ),
                    Some(h.span.start),
                    Vec::new(),
                );
                intent_hint(cx);
                return (Decision::Unprotected, status, None, Some(label), None, None);
            }
            let desc = top.map_or_else(
                || format!("`{}`", h.label.to_lowercase()),
                |r| route_desc(cx, r),
            );
            if cx.r.tag_at(top_offset) == Some(Tag::SiteExtraConfig) {
                cx.step(
                    format!(
                        "{desc} comes from the site's `extraConfig` and sorts before the generated `authorize` route: it serves the request without authentication"
                    ),
                    Some(top_offset),
                    Vec::new(),
                );
                return (
                    Decision::ServedByExtraConfig,
                    status,
                    None,
                    Some(label),
                    None,
                    None,
                );
            }
            let kind = if top.and_then(|r| r.matcher.as_ref()).is_some_and(|s| {
                s.matchers
                    .iter()
                    .any(|m| matches!(m.kind, MatcherKind::Header(_)))
            }) {
                "static API key route"
            } else {
                "bypass route"
            };
            cx.step(
                format!(
                    "{kind} {desc} runs before `authorize` and answers with `{}`: served without authentication",
                    h.label.to_lowercase()
                ),
                Some(top_offset),
                Vec::new(),
            );
            shadowed_after(cx, routes, top, req);
            (Decision::Bypass, status, None, Some(label), None, None)
        }
        Outcome::Unhandled => {
            if let Some(roles) = passed_authorize {
                cx.step(
                    "no handler answers after `authorize`: Caddy sends an empty 200",
                    None,
                    Vec::new(),
                );
                return (Decision::Allow, Some(200), None, None, None, Some(roles));
            }
            cx.step(
                "no route answers the request: Caddy sends an empty 200 without asking for authentication",
                None,
                Vec::new(),
            );
            intent_hint(cx);
            (Decision::Unprotected, Some(200), None, None, None, None)
        }
        Outcome::Undecided { .. } => (Decision::Unknown, None, None, None, None, None),
    }
}

/// One gate: `Ok(Some(roles))` when `authorize` lets the request through,
/// `Ok(None)` for a gate that continues, `Err` when it answers.
fn gate(
    cx: &mut Cx<'_, '_>,
    g: &crate::caddy::caddyfile::routes::Handler,
    req: &Request,
    who: &Identity,
) -> Result<Option<Roles>, Box<Parts>> {
    match &g.kind {
        HandlerKind::Authorize { policy } => {
            match session::authorize(cx, policy, g.span.start, who) {
                GateResult::Pass(roles) => Ok(Some(roles)),
                GateResult::Stop {
                    decision,
                    status,
                    unknown,
                    redirect_to,
                    roles,
                } => Err(Box::new((
                    decision,
                    status,
                    unknown,
                    None,
                    redirect_to,
                    roles,
                ))),
            }
        }
        HandlerKind::BasicAuth => {
            if req.header_values("Authorization").is_empty() {
                cx.step(
                    "`basic_auth` runs before the generated routes and the request has no credentials: 401",
                    Some(g.span.start),
                    Vec::new(),
                );
                return Err(Box::new((
                    Decision::Deny,
                    Some(401),
                    None,
                    None,
                    None,
                    None,
                )));
            }
            let why = "`basic_auth` checks the request's credentials against hashes pocketlint does not verify".to_string();
            cx.step(format!("unknown: {why}"), Some(g.span.start), Vec::new());
            Err(Box::new((
                Decision::Unknown,
                None,
                Some(why),
                None,
                None,
                None,
            )))
        }
        HandlerKind::ForwardAuth { upstream } => {
            let why = format!("`forward_auth {upstream}` lets an external service decide");
            cx.step(format!("unknown: {why}"), Some(g.span.start), Vec::new());
            Err(Box::new((
                Decision::Unknown,
                None,
                Some(why),
                None,
                None,
                None,
            )))
        }
        _ => Ok(None),
    }
}

/// Named routes after the one that answered that match the request too:
/// they never run for it (a shadowed static-key route, for instance).
fn shadowed_after(cx: &mut Cx<'_, '_>, routes: &[Route], top: Option<&Route>, req: &Request) {
    let Some(top) = top else { return };
    let Some(at) = routes.iter().position(|r| r.directive == top.directive) else {
        return;
    };
    for r in &routes[at + 1..] {
        let Some(set) = &r.matcher else { continue };
        if set.name.is_none() || matches(set, req) != Some(true) {
            continue;
        }
        let desc = route_desc(cx, r);
        cx.step(
            format!("{desc} matches the request too, but comes later in Caddy's order: the first matching route answers, so it never runs for it"),
            Some(set.span.start),
            Vec::new(),
        );
    }
}

fn handler_status(k: &HandlerKind) -> Option<u16> {
    match k {
        HandlerKind::Redir { .. } => Some(302),
        HandlerKind::Respond { status, .. } => Some(
            status
                .as_deref()
                .and_then(|s| s.parse().ok())
                .unwrap_or(200),
        ),
        _ => None,
    }
}

fn portal_nix(cx: &Cx<'_, '_>, portal: &str) -> Vec<Span> {
    match &cx.host().security.portals.value {
        Known::Value(ps) => ps
            .iter()
            .filter(|p| p.name == portal)
            .map(|p| p.span)
            .collect(),
        _ => Vec::new(),
    }
}

/// A service that asks for protection its site does not carry (a module
/// that drops `caddySecurity`).
fn intent_hint(cx: &mut Cx<'_, '_>) {
    let host = cx.host();
    let name = cx.url.hostname.clone();
    let hint = host.services.iter().find_map(|svc| {
        let hn = svc.host_name.get()?;
        if !hn.eq_ignore_ascii_case(&name) || svc.caddy_security.enabled() != Some(true) {
            return None;
        }
        Some((svc.name.clone(), svc.caddy_security.enable.location()))
    });
    if let Some((svc, at)) = hint {
        cx.step(
            format!(
                "service `{svc}` asks for `caddySecurity.enable = true`, but the site Caddy serves does not carry it (its module drops `caddySecurity`)"
            ),
            None,
            vec![at],
        );
    }
}
