//! The request simulator behind `pocketlint access`: which site serves a
//! URL, which route Caddy runs for the request, and what caddy-security
//! then does with it, with every step of the reasoning and where it comes
//! from.
//!
//! Ground truth is `/work/shared/SEMANTICS.md` §1–§5: routes in Caddy's
//! order (first match wins), path prefixes on the cleaned, lowercased path
//! without the query, Go RE2 regexes unanchored unless anchored,
//! `remote_ip` on the TCP peer only (`private_ranges` exactly Caddy's
//! list), roles from Pocket ID groups (with the `groups` scope), portal-wide
//! transforms, and `authorize`'s 302/403 outcomes.
//!
//! Data flow: model → [`source::RouteSource`] (the deployed Caddyfile when
//! fully known, else the schema's semantics rendered as Caddyfile text) →
//! parsed routes ([`crate::caddy::caddyfile`]) → [`walk`] (the route
//! decision) → [`session`] (login, roles, policy) → [`Answer`].

pub mod matrix;
pub mod provenance;
pub mod samples;
pub mod schema;
pub mod session;
pub mod source;
pub mod walk;

#[cfg(test)]
mod tests;

use std::net::IpAddr;

use crate::caddy::caddyfile::{CaddyVersion, Request};
use crate::files::{SourceDb, Span};
use crate::model::{Host, Known, Model, Schema};

pub use source::{Rendered, RouteSource};

/// The default client: an address on the internet (TEST-NET-3), outside
/// every private range.
pub const DEFAULT_FROM: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(203, 0, 113, 10));

/// Who sends the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// No session cookie, no token.
    Anonymous,
    /// Logged in through the portal as a Pocket ID user in these groups.
    Groups(Vec<String>),
}

/// One simulated request.
#[derive(Debug, Clone)]
pub struct Query {
    pub url: String,
    /// The TCP peer; `None` means [`DEFAULT_FROM`].
    pub from: Option<IpAddr>,
    pub identity: Identity,
    /// The request carries the correct value of this static API key.
    pub api_key: Option<String>,
    pub headers: Vec<(String, String)>,
    pub method: String,
}

impl Query {
    pub fn new(url: &str) -> Query {
        Query {
            url: url.to_string(),
            from: None,
            identity: Identity::Anonymous,
            api_key: None,
            headers: Vec::new(),
            method: "GET".to_string(),
        }
    }
}

/// What happens to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Decision {
    /// Served without authentication by a bypass (or static-key) route.
    Bypass,
    /// Handled by the portal's own routes.
    Authenticate,
    /// No session: sent to the portal's login.
    Redirect,
    /// Authenticated with a role the policy allows.
    Allow,
    /// Authenticated without an allowed role: 403 (or another refusal).
    Deny,
    /// Nothing on the route asks for authentication.
    Unprotected,
    /// A handler from `extraConfig` takes the request before authorization.
    ServedByExtraConfig,
    /// A value the answer depends on is unknown.
    Unknown,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Bypass => "bypass",
            Decision::Authenticate => "authenticate",
            Decision::Redirect => "redirect",
            Decision::Allow => "allow",
            Decision::Deny => "deny",
            Decision::Unprotected => "unprotected",
            Decision::ServedByExtraConfig => "served_by_extra_config",
            Decision::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        [
            Decision::Bypass,
            Decision::Authenticate,
            Decision::Redirect,
            Decision::Allow,
            Decision::Deny,
            Decision::Unprotected,
            Decision::ServedByExtraConfig,
            Decision::Unknown,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
    }
}

/// A location in the Caddyfile text a decision was made from: the host's
/// generated Caddyfile, or a rendering of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaddyfileLine {
    /// `<homelab Caddyfile>` and the like.
    pub file: String,
    /// 1-based.
    pub line: usize,
}

/// One step of the reasoning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub text: String,
    /// The line of the Caddyfile text the step is about.
    pub caddyfile: Option<CaddyfileLine>,
    /// Where in the Nix sources it comes from (most specific first).
    pub nix: Vec<Span>,
}

/// The roles part of an allow/deny answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Roles {
    /// Roles the user ends up with (after transforms).
    pub user: Vec<String>,
    /// Roles the policy allows.
    pub wanted: Vec<String>,
    /// The allowed role that matched.
    pub matched: Option<String>,
    /// Where that role came from: `group`, `claim_mapping`,
    /// `raw_transform`.
    pub matched_from: Option<String>,
}

/// How the routes were known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// The deployed Caddyfile, fully evaluated.
    Caddyfile,
    /// The schema's semantics; `why` the Caddyfile was not used.
    Schema { schema: Schema, why: String },
}

/// The answer for one site.
#[derive(Debug, Clone)]
pub struct Answer {
    pub decision: Decision,
    /// The HTTP status the client sees, when known.
    pub status: Option<u16>,
    /// pocketlint host (machine) and the site's name.
    pub host: String,
    pub site: String,
    pub basis: Basis,
    /// What the routes were read from.
    pub basis_label: String,
    pub steps: Vec<Step>,
    pub warnings: Vec<Step>,
    /// For `unknown`: the value that prevents an answer.
    pub unknown: Option<String>,
    /// The handler that serves the request (for bypass, allow, …).
    pub handler: Option<String>,
    /// For `redirect`: where to.
    pub redirect_to: Option<String>,
    pub roles: Option<Roles>,
    /// The peer address used.
    pub from: IpAddr,
    /// What the route decision rests on (for replaying it against Caddy).
    pub evidence: Vec<Evidence>,
}

/// What the route decision rests on, for replaying the request against
/// real Caddy (tests).
#[derive(Debug, Clone)]
pub struct Evidence {
    pub text: String,
    pub request: Request,
    /// The marker the first answering handler of the route decision has
    /// (see [`crate::caddy::caddyfile::routes::Handler::marker`]), or
    /// `UNHANDLED`; `None` when the route decision is undecidable.
    pub marker: Option<String>,
}

/// The result of [`simulate`].
#[derive(Debug, Clone)]
pub struct Report {
    pub url: String,
    pub answer: Answer,
    /// Other sites that serve the same name (a duplicate, or another
    /// host), with their own answers.
    pub also: Vec<Answer>,
}

/// Why no answer could be given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessError {
    /// The URL does not parse.
    BadUrl(String),
    /// No site serves the name (exit 1); the note names model sites that
    /// ask for it.
    NoSite { name: String, note: Option<String> },
    /// Bad arguments (unknown API key name, …).
    Usage(String),
}

impl std::fmt::Display for AccessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AccessError::BadUrl(m) | AccessError::Usage(m) => write!(f, "{m}"),
            AccessError::NoSite { name, note } => {
                write!(f, "no site serves this name: `{name}`")?;
                if let Some(n) = note {
                    write!(f, " ({n})")?;
                }
                Ok(())
            }
        }
    }
}

/// Every host with how its routes are known.
pub struct World<'m> {
    pub hosts: Vec<(&'m Host, RouteSource)>,
    pub db: &'m SourceDb,
    pub version: CaddyVersion,
}

impl<'m> World<'m> {
    pub fn new(model: &'m Model, db: &'m SourceDb, version: CaddyVersion) -> World<'m> {
        World {
            hosts: model
                .hosts
                .iter()
                .map(|h| (&**h, RouteSource::for_host(h, db, version)))
                .collect(),
            db,
            version,
        }
    }

    /// `(host index, site index)` of every site serving `name`, in host
    /// order (by the first rendering of each host).
    pub fn sites_for(&self, name: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (hi, (_, src)) in self.hosts.iter().enumerate() {
            if let Some(r) = src.variants().first() {
                for si in r.sites_for(name) {
                    out.push((hi, si));
                }
            }
        }
        out
    }
}

/// A URL split for the simulator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub scheme: String,
    /// Lowercased, without port.
    pub hostname: String,
    /// `host[:port]` as written.
    pub authority: String,
    /// Path and query as written (`/` when empty).
    pub target: String,
}

/// Parses `https://host[:port]/path?query` (the scheme may be omitted).
pub fn parse_url(url: &str) -> Result<Url, AccessError> {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => ("https".to_string(), url),
    };
    if scheme != "http" && scheme != "https" {
        return Err(AccessError::BadUrl(format!(
            "`{url}`: only http and https URLs can be simulated"
        )));
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let mut target = rest[end..].to_string();
    if let Some(i) = target.find('#') {
        target.truncate(i);
    }
    if target.is_empty() || target.starts_with('?') {
        target.insert(0, '/');
    }
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let hostname = Request::get(&format!("http://{authority}/"))
        .hostname()
        .to_ascii_lowercase();
    if hostname.is_empty() || hostname.contains(char::is_whitespace) {
        return Err(AccessError::BadUrl(format!("`{url}` has no host name")));
    }
    Ok(Url {
        scheme,
        hostname,
        authority: authority.to_string(),
        target,
    })
}

/// Simulates `q` against every host of a world (see [`World::new`]).
pub fn simulate_in(world: &World<'_>, q: &Query) -> Result<Report, AccessError> {
    let url = parse_url(&q.url)?;
    let found = world.sites_for(&url.hostname);
    if found.is_empty() {
        if let Some(a) = unknown_name_answer(world, &url, q) {
            return Ok(Report {
                url: q.url.clone(),
                answer: a,
                also: Vec::new(),
            });
        }
        return Err(AccessError::NoSite {
            name: url.hostname.clone(),
            note: unrendered_note(world, &url.hostname),
        });
    }
    let mut answers = Vec::new();
    for &(hi, si) in &found {
        answers.push(walk::answer(world, hi, si, &url, q, found.len() > 1)?);
    }
    let answer = answers.remove(0);
    Ok(Report {
        url: q.url.clone(),
        answer,
        also: answers,
    })
}

/// A model site that asks for `name` but is not in the host's Caddyfile.
fn unrendered_note(world: &World<'_>, name: &str) -> Option<String> {
    for (host, _) in &world.hosts {
        for site in host.sites() {
            if site
                .host_name()
                .get()
                .is_some_and(|h| h.eq_ignore_ascii_case(name))
            {
                let state = match site.enabled() {
                    Some(false) => "is disabled",
                    _ => "is not among the host's Caddy sites",
                };
                return Some(format!(
                    "`{}` on host `{}` asks for it but {state}",
                    site.name(),
                    host.name
                ));
            }
        }
    }
    None
}

/// When some site's name is unknown, "no site serves this name" would be
/// a guess: answer `unknown` instead.
fn unknown_name_answer(world: &World<'_>, url: &Url, q: &Query) -> Option<Answer> {
    for (host, src) in &world.hosts {
        let RouteSource::Schema {
            schema,
            why,
            variants,
        } = src
        else {
            continue;
        };
        for site in host.sites() {
            if site.enabled() == Some(false) {
                continue;
            }
            if let Known::Unknown(r) = &site.host_name().value {
                let what = format!("the hostName of `{}` on host `{}`", site.name(), host.name);
                return Some(Answer {
                    decision: Decision::Unknown,
                    status: None,
                    host: host.name.clone(),
                    site: url.hostname.clone(),
                    basis: Basis::Schema {
                        schema: *schema,
                        why: why.clone(),
                    },
                    basis_label: variants
                        .first()
                        .map_or_else(String::new, |v| v.label.clone()),
                    steps: vec![Step {
                        text: format!(
                            "no known site serves `{}`, but {what} could not be evaluated ({r}): it may be this one",
                            url.hostname
                        ),
                        caddyfile: None,
                        nix: vec![site.host_name().location()],
                    }],
                    warnings: Vec::new(),
                    unknown: Some(format!("{what}: {r}")),
                    handler: None,
                    redirect_to: None,
                    roles: None,
                    from: q.from.unwrap_or(DEFAULT_FROM),
                    evidence: Vec::new(),
                });
            }
        }
    }
    None
}
