//! Where the routes of a host come from: the seam between "the Caddyfile
//! the host deploys" and "the schema's semantics".
//!
//! [`RouteSource::for_host`] prefers the deployed Caddyfile, the one the
//! model evaluates for the host ([`Host::caddyfile`], what `pocketlint
//! caddyfile` prints), when every part of it is known. Decisions then come
//! from its parsed routes, so they are right whatever the repository's
//! generator emits. Otherwise the model is rendered the way the schema
//! describes ([`super::schema`]), and every answer says so.

use std::ops::Range;
use std::sync::Arc;

use crate::caddy::caddyfile::{CaddyVersion, Caddyfile, ParseOptions, SiteRoutes, parse_with};
use crate::files::{SourceDb, Span};
use crate::model::{Host, Known, Schema};

use super::provenance::{Generated, Provenance, Tag};

/// A value the rendering could not know, written into the Caddyfile as
/// the environment placeholder [`UnknownValue::token`] so that every
/// matcher depending on it is undecidable.
#[derive(Debug, Clone)]
pub struct UnknownValue {
    /// `{$POCKETLINT_UNKNOWN_<n>}`.
    pub token: String,
    /// The option (`caddySecurity.allowedNetworks` of `sonarr`).
    pub what: String,
    /// Why it is unknown.
    pub reason: String,
    /// Where it was read.
    pub span: Span,
}

/// The prefix of placeholders standing for unknown values.
pub const UNKNOWN_PREFIX: &str = "POCKETLINT_UNKNOWN_";

/// A Caddyfile text with its provenance, parsed.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// What this text is ("the generated Caddyfile of `homelab`").
    pub label: String,
    /// Short name of the text for `file:line` references.
    pub file_label: String,
    pub provenance: Provenance,
    pub unknowns: Vec<UnknownValue>,
    /// The parsed text (its routes are built once, by `cf.site_routes()`).
    pub cf: Arc<Caddyfile>,
    /// `(VAR, value)`: a static API key's secret stands in for `{$VAR}`.
    pub secret: Option<(String, String)>,
}

impl Rendered {
    pub fn new(
        label: String,
        file_label: String,
        text: &str,
        provenance: Provenance,
        unknowns: Vec<UnknownValue>,
        version: CaddyVersion,
    ) -> Rendered {
        let cf = Arc::new(parse_with(text, &ParseOptions { version, env: None }));
        Rendered::parsed(label, file_label, provenance, unknowns, cf)
    }

    fn parsed(
        label: String,
        file_label: String,
        provenance: Provenance,
        unknowns: Vec<UnknownValue>,
        cf: Arc<Caddyfile>,
    ) -> Rendered {
        Rendered {
            label,
            file_label,
            provenance,
            unknowns,
            cf,
            secret: None,
        }
    }

    /// The Caddyfile text.
    pub fn text(&self) -> &str {
        &self.cf.text
    }

    /// The routes of each site, in the order of `cf.sites`.
    pub fn sites(&self) -> &[SiteRoutes] {
        self.cf.site_routes()
    }

    /// The same text with `{$VAR}` replaced by `value` (of the same length,
    /// so the source map stays valid), parsed again.
    #[must_use]
    pub fn with_env(&self, var: &str, value: &str) -> Rendered {
        let text = self.text().replace(&format!("{{${var}}}"), value);
        let mut r = Rendered::new(
            self.label.clone(),
            self.file_label.clone(),
            &text,
            self.provenance.clone(),
            self.unknowns.clone(),
            self.cf.options.version,
        );
        r.secret = Some((var.to_string(), value.to_string()));
        r
    }

    /// Caddyfile text for display: a substituted secret shows as `{$VAR}`.
    pub fn shown(&self, s: &str) -> String {
        match &self.secret {
            Some((var, value)) => s.replace(value.as_str(), &format!("{{${var}}}")),
            None => s.to_string(),
        }
    }

    /// The Nix location of a byte offset.
    pub fn nix_at(&self, offset: usize) -> Option<Span> {
        self.provenance.nix_at(self.text(), offset)
    }

    /// What kind of text the byte at `offset` is, where that matters.
    pub fn tag_at(&self, offset: usize) -> Option<Tag> {
        self.provenance.tag_at(offset)
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.text()
            .get(..offset.min(self.text().len()))
            .map_or(0, |s| s.matches('\n').count())
            + 1
    }

    /// The unknown values whose placeholder occurs in `range`.
    pub fn unknowns_in(&self, range: Range<usize>) -> Vec<&UnknownValue> {
        let slice = self.text().get(range).unwrap_or("");
        self.unknowns
            .iter()
            .filter(|u| slice.contains(&u.token))
            .collect()
    }

    /// Indices of the sites serving `hostname`: exact names first, then
    /// wildcards, then catch-alls (Caddy's specificity), each in file order.
    pub fn sites_for(&self, hostname: &str) -> Vec<usize> {
        let host = hostname.to_ascii_lowercase();
        let exact: Vec<usize> = (0..self.sites().len())
            .filter(|&i| {
                self.sites()[i]
                    .hosts
                    .iter()
                    .any(|h| !h.contains('*') && !h.is_empty() && *h == host)
            })
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        let wild: Vec<usize> = (0..self.sites().len())
            .filter(|&i| {
                self.sites()[i].hosts.iter().any(|h| {
                    h.contains('*') && crate::caddy::caddyfile::matchers::host_matches(h, &host)
                })
            })
            .collect();
        if !wild.is_empty() {
            return wild;
        }
        (0..self.sites().len())
            .filter(|&i| self.sites()[i].hosts.iter().any(String::is_empty))
            .collect()
    }
}

/// How a host's routes are known.
#[derive(Debug, Clone)]
pub enum RouteSource {
    /// The Caddyfile the host deploys, fully evaluated.
    Caddyfile(Box<Rendered>),
    /// The schema's semantics applied to the model: one rendering per
    /// reading the schema allows (the documented schema leaves some
    /// details to the generator); an answer holds only when all agree.
    Schema {
        schema: Schema,
        /// Why the deployed Caddyfile is not used.
        why: String,
        variants: Vec<Rendered>,
    },
}

impl RouteSource {
    /// The route source of `host`.
    pub fn for_host(host: &Host, db: &SourceDb, version: CaddyVersion) -> RouteSource {
        match deployed(host, db, version) {
            Ok(r) => RouteSource::Caddyfile(Box::new(r)),
            Err(why) => RouteSource::Schema {
                schema: host.security.schema,
                variants: super::schema::render(host, db, version),
                why,
            },
        }
    }

    pub fn variants(&self) -> &[Rendered] {
        match self {
            RouteSource::Caddyfile(r) => std::slice::from_ref(r),
            RouteSource::Schema { variants, .. } => variants,
        }
    }
}

/// The host's generated Caddyfile, when it is fully known and holds the
/// routes: `Err` says why not.
fn deployed(host: &Host, db: &SourceDb, version: CaddyVersion) -> Result<Rendered, String> {
    const NO_SITES: &str = "the host renders no `services.caddy.virtualHosts` (no Caddy module that writes them is among the modules pocketlint evaluates)";
    let file = match &host.caddyfile {
        Known::Value(f) => f,
        Known::Absent => return Err(NO_SITES.to_string()),
        Known::Unknown(r) => return Err(format!("the deployed Caddyfile is not known: {r}")),
    };
    if let Some(u) = file.unknowns.first() {
        return Err(format!("`{}` could not be evaluated: {}", u.what, u.reason));
    }
    // Parsed once by the model with the production version's rules.
    let cf = match file.parsed() {
        Some(cf) if cf.options.version == version && cf.options.env.is_none() => Arc::clone(cf),
        _ => Arc::new(parse_with(&file.text, &ParseOptions { version, env: None })),
    };
    if cf.sites.is_empty() {
        return Err(NO_SITES.to_string());
    }
    // Routes in a file pocketlint does not read are not known.
    if let Some(i) = cf.file_imports.first() {
        return Err(format!(
            "the Caddyfile imports `{}`, which pocketlint does not read",
            i.pattern
        ));
    }
    Ok(Rendered::parsed(
        format!("the generated Caddyfile of host `{}`", host.name),
        format!("<{} Caddyfile>", host.name),
        Provenance::Generated(Generated::new(host, Arc::clone(file), db)),
        Vec::new(),
        cf,
    ))
}
