//! Where the routes of a host come from: the seam between "the Caddyfile
//! the host deploys" and "the schema's semantics".
//!
//! [`RouteSource::for_host`] prefers the deployed Caddyfile: NixOS's
//! `services.caddy.globalConfig`, `extraConfig` and `virtualHosts`,
//! assembled the way NixOS's Caddy module writes its Caddyfile, when every
//! part of it is known. Decisions then come from its parsed routes, so
//! they are right whatever the repository's generator emits. Otherwise
//! the model is rendered the way the schema describes
//! ([`super::schema`]), and every answer says so.

use std::ops::Range;

use crate::caddy::caddyfile::{
    CaddyVersion, Caddyfile, ParseOptions, SiteRoutes, build_routes, parse_with,
};
use crate::files::{SourceDb, Span};
use crate::model::{Field, Host, Known, Schema};

use super::provenance::{SourceMap, Tag};

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
    pub text: String,
    pub map: SourceMap,
    pub unknowns: Vec<UnknownValue>,
    pub cf: Caddyfile,
    pub sites: Vec<SiteRoutes>,
    /// `(VAR, value)`: a static API key's secret stands in for `{$VAR}`.
    pub secret: Option<(String, String)>,
}

impl Rendered {
    pub fn new(
        label: String,
        file_label: String,
        text: String,
        map: SourceMap,
        unknowns: Vec<UnknownValue>,
        version: CaddyVersion,
    ) -> Rendered {
        let cf = parse_with(&text, &ParseOptions { version, env: None });
        let sites = cf.sites.iter().map(|s| build_routes(&cf, s)).collect();
        Rendered {
            label,
            file_label,
            text,
            map,
            unknowns,
            cf,
            sites,
            secret: None,
        }
    }

    /// The same text with `{$VAR}` replaced by `value` (of the same length,
    /// so the source map stays valid), parsed again.
    #[must_use]
    pub fn with_env(&self, var: &str, value: &str) -> Rendered {
        let text = self.text.replace(&format!("{{${var}}}"), value);
        let mut r = Rendered::new(
            self.label.clone(),
            self.file_label.clone(),
            text,
            self.map.clone(),
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

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.text
            .get(..offset.min(self.text.len()))
            .map_or(0, |s| s.matches('\n').count())
            + 1
    }

    /// The unknown values whose placeholder occurs in `range`.
    pub fn unknowns_in(&self, range: Range<usize>) -> Vec<&UnknownValue> {
        let slice = self.text.get(range).unwrap_or("");
        self.unknowns
            .iter()
            .filter(|u| slice.contains(&u.token))
            .collect()
    }

    /// Indices of the sites serving `hostname`: exact names first, then
    /// wildcards, then catch-alls (Caddy's specificity), each in file order.
    pub fn sites_for(&self, hostname: &str) -> Vec<usize> {
        let host = hostname.to_ascii_lowercase();
        let exact: Vec<usize> = (0..self.sites.len())
            .filter(|&i| {
                self.sites[i]
                    .hosts
                    .iter()
                    .any(|h| !h.contains('*') && !h.is_empty() && *h == host)
            })
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        let wild: Vec<usize> = (0..self.sites.len())
            .filter(|&i| {
                self.sites[i].hosts.iter().any(|h| {
                    h.contains('*') && crate::caddy::caddyfile::matchers::host_matches(h, &host)
                })
            })
            .collect();
        if !wild.is_empty() {
            return wild;
        }
        (0..self.sites.len())
            .filter(|&i| self.sites[i].hosts.iter().any(String::is_empty))
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
        let deployed = assemble(host, db).and_then(|(text, map)| {
            let r = Rendered::new(
                format!("the generated Caddyfile of host `{}`", host.name),
                format!("<{} Caddyfile>", host.name),
                text,
                map,
                Vec::new(),
                version,
            );
            // Routes in a file pocketlint does not read are not known.
            match r.cf.file_imports.first() {
                Some(i) => Err(format!(
                    "the Caddyfile imports `{}`, which pocketlint does not read",
                    i.pattern
                )),
                None => Ok(r),
            }
        });
        match deployed {
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

fn known_text<'f>(f: &'f Field<String>, what: &str) -> Result<&'f str, String> {
    match &f.value {
        Known::Value(s) => Ok(s),
        Known::Absent => Ok(""),
        Known::Unknown(r) => Err(format!("`{what}` could not be evaluated: {r}")),
    }
}

/// The Caddyfile NixOS's Caddy module writes from `services.caddy`: the
/// global options block around `globalConfig`, then `extraConfig`, then
/// one site block per virtual host (`hostName` and `serverAliases` as
/// keys, `extraConfig` as body; `log`, `bind` and `tls` lines configure
/// the server, not routes, and are left out). `Err` says which part is
/// not known.
pub fn assemble(host: &Host, db: &SourceDb) -> Result<(String, SourceMap), String> {
    let sites = match &host.caddy_sites.value {
        Known::Value(s) if !s.is_empty() => s,
        Known::Value(_) | Known::Absent => {
            return Err(
                "the host renders no `services.caddy.virtualHosts` (no Caddy module that writes them is among the modules pocketlint evaluates)"
                    .to_string(),
            );
        }
        Known::Unknown(r) => {
            return Err(format!(
                "`services.caddy.virtualHosts` could not be evaluated: {r}"
            ));
        }
    };
    let global = known_text(&host.caddy_global_config, "services.caddy.globalConfig")?;
    let extra = known_text(&host.caddy_extra_config, "services.caddy.extraConfig")?;
    let mut text = String::from("{\n");
    let mut map = SourceMap::default();
    let at = text.len();
    text.push_str(global);
    map.push(at..text.len(), host.caddy_global_config.span, global, db);
    let global_range = at..text.len();
    text.push_str("\n}\n");
    let at = text.len();
    text.push_str(extra);
    map.push(at..text.len(), host.caddy_extra_config.span, extra, db);
    text.push('\n');
    let mut site_ranges = Vec::new();
    for s in sites {
        let what = format!("services.caddy.virtualHosts.{}", s.name);
        let name = match &s.host_name.value {
            Known::Value(h) => h.clone(),
            Known::Absent => s.name.clone(),
            Known::Unknown(r) => {
                return Err(format!("`{what}.hostName` could not be evaluated: {r}"));
            }
        };
        let aliases: Vec<String> = match &s.server_aliases.value {
            Known::Value(items) => {
                let mut out = Vec::new();
                for l in items {
                    match &l.value {
                        Known::Value(a) => out.push(a.clone()),
                        Known::Absent => {}
                        Known::Unknown(r) => {
                            return Err(format!(
                                "`{what}.serverAliases` could not be evaluated: {r}"
                            ));
                        }
                    }
                }
                out
            }
            Known::Absent => Vec::new(),
            Known::Unknown(r) => {
                return Err(format!(
                    "`{what}.serverAliases` could not be evaluated: {r}"
                ));
            }
        };
        let body = known_text(&s.extra_config, &format!("{what}.extraConfig"))?;
        let at = text.len();
        text.push_str(&name);
        let origin = if s.host_name.span.is_synthetic() {
            s.defined_at
        } else {
            s.host_name.location()
        };
        map.push(at..text.len(), origin, &name, db);
        for a in &aliases {
            text.push(' ');
            text.push_str(a);
        }
        text.push_str(" {\n");
        let at = text.len();
        text.push_str(body);
        map.push(at..text.len(), s.extra_config.span, body, db);
        site_ranges.push((name.to_ascii_lowercase(), at..text.len()));
        text.push_str("\n}\n");
    }
    refine(host, db, &text, &mut map, &global_range, &site_ranges);
    Ok((text, map))
}

/// Finer pieces: the repository's generator pastes a site's own
/// `extraConfig` and a portal's `extraConfig` verbatim, so their lines
/// can be traced to the Nix literal that wrote them.
fn refine(
    host: &Host,
    db: &SourceDb,
    text: &str,
    map: &mut SourceMap,
    global: &Range<usize>,
    sites: &[(String, Range<usize>)],
) {
    for site in host.sites() {
        let Some(name) = site.host_name().get() else {
            continue;
        };
        let Some((_, range)) = sites.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) else {
            continue;
        };
        let mut fields = Vec::new();
        if let Some(vh) = site.virtual_host() {
            fields.push(&vh.extra_config);
        }
        if let Some(svc) = site.service() {
            fields.push(&svc.extra_config);
        }
        for f in fields {
            if let Some(v) = f.get() {
                push_in(map, db, text, range, v, f.span, Tag::SiteExtraConfig);
            }
        }
    }
    if let Known::Value(portals) = &host.security.portals.value {
        for p in portals {
            if let Some(v) = p.extra_config.get() {
                push_in(
                    map,
                    db,
                    text,
                    global,
                    v,
                    p.extra_config.span,
                    Tag::PortalExtraConfig,
                );
            }
        }
    }
    if let Some(v) = host.security.extra_config.get() {
        push_in(
            map,
            db,
            text,
            global,
            v,
            host.security.extra_config.span,
            Tag::PortalExtraConfig,
        );
    }
}

fn push_in(
    map: &mut SourceMap,
    db: &SourceDb,
    text: &str,
    range: &Range<usize>,
    value: &str,
    origin: Span,
    tag: Tag,
) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let value = value.trim_end_matches('\n');
    if value.trim().is_empty() {
        return;
    }
    // The generator may re-indent the block; try the text as is, then
    // each line's content.
    if let Some(at) = slice.rfind(value) {
        let start = range.start + at;
        map.push_tagged(start..start + value.len(), origin, value, db, Some(tag));
        return;
    }
    let stripped: Vec<&str> = value.lines().map(str::trim).collect();
    let slice_lines: Vec<(usize, &str)> = slice
        .split_inclusive('\n')
        .scan(0, |off, l| {
            let o = *off;
            *off += l.len();
            Some((o, l))
        })
        .collect();
    'outer: for i in 0..slice_lines.len() {
        if i + stripped.len() > slice_lines.len() {
            break;
        }
        for (k, want) in stripped.iter().enumerate() {
            if slice_lines[i + k].1.trim() != *want {
                continue 'outer;
            }
        }
        let start = range.start + slice_lines[i].0;
        let last = &slice_lines[i + stripped.len() - 1];
        let end = range.start + last.0 + last.1.trim_end_matches('\n').len();
        map.push_tagged(start..end, origin, value, db, Some(tag));
        return;
    }
}
