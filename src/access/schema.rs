//! The schema's semantics as Caddyfile text: when a host's deployed
//! Caddyfile is not known, the model is rendered the way the schema says
//! a generator renders it, and that text is parsed and routed like any
//! other. Values the evaluation could not know become
//! `{$POCKETLINT_UNKNOWN_<n>}` placeholders, so every matcher or role that
//! depends on them is undecidable rather than guessed.
//!
//! * **Extended schema**: exactly SEMANTICS §1.1 (the reference module):
//!   one bypass matcher `path p* … expression {regexp(path, "re")} …
//!   remote_ip …` (types `ANDed`), static-key matchers, the
//!   `/caddy-security/* /oauth2/*` authenticate route, `route /* { authorize
//!   with Q … }`, then `extraConfig`; portal-wide transforms from every
//!   site's `claimRoles` (realm defaulting to the portal's first
//!   provider's), then the portal's `extraConfig`.
//! * **Documented schema**: the seed says bypass paths and regexes each
//!   skip authentication for clients in `allowedNetworks`, policies allow
//!   their `allowedGroups`, and one central portal on `portalHost`
//!   handles logins. It leaves details to the generator, and real
//!   generators differ (nixos-tests/documented-schema renders `/api` as
//!   `/api /api/*` and falls back to the `bypass` policy's networks;
//!   flake-multihost renders `/api*` and does not). Each reading becomes
//!   one variant; an answer holds only when every variant agrees.

use std::fmt::Write as _;

use crate::caddy::caddyfile::CaddyVersion;
use crate::files::{SourceDb, Span};
use crate::model::{CaddySecurity, ClaimRole, Field, Host, Known, Located, Schema, Site, StrList};

use super::provenance::{Provenance, SourceMap, Tag};
use super::source::{Rendered, UNKNOWN_PREFIX, UnknownValue};

/// The renderings of `host`'s model under its schema.
pub fn render(host: &Host, db: &SourceDb, version: CaddyVersion) -> Vec<Rendered> {
    match host.security.schema {
        Schema::Extended => {
            let mut w = Writer::new(db);
            extended(host, &mut w);
            vec![w.finish(
                format!(
                    "SEMANTICS §1.1's generator applied to host `{}`'s model (extended schema)",
                    host.name
                ),
                format!("<{} extended-schema rendering>", host.name),
                version,
            )]
        }
        Schema::Documented => documented_variants(host, db, version),
    }
}

struct Writer<'a> {
    db: &'a SourceDb,
    text: String,
    map: SourceMap,
    unknowns: Vec<UnknownValue>,
}

impl<'a> Writer<'a> {
    fn new(db: &'a SourceDb) -> Writer<'a> {
        Writer {
            db,
            text: String::new(),
            map: SourceMap::default(),
            unknowns: Vec::new(),
        }
    }

    fn finish(self, label: String, file_label: String, version: CaddyVersion) -> Rendered {
        Rendered::new(
            label,
            file_label,
            &self.text,
            Provenance::Pieces(self.map),
            self.unknowns,
            version,
        )
    }

    fn s(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// A value read from the model, with where it was written.
    fn val(&mut self, v: &str, span: Span) {
        self.tagged(v, span, None);
    }

    fn tagged(&mut self, v: &str, span: Span, tag: Option<Tag>) {
        let at = self.text.len();
        self.text.push_str(v);
        self.map
            .push_tagged(at..self.text.len(), span, v, self.db, tag);
    }

    /// A placeholder for a value that could not be evaluated.
    fn unknown(&mut self, what: &str, reason: &str, span: Span) {
        let token = format!("{{${UNKNOWN_PREFIX}{}}}", self.unknowns.len());
        self.unknowns.push(UnknownValue {
            token: token.clone(),
            what: what.to_string(),
            reason: reason.to_string(),
            span,
        });
        self.text.push_str(&token);
    }

    /// A string field: its value, `default` when absent, or a placeholder.
    fn field(&mut self, f: &Field<String>, what: &str, default: &str) {
        match &f.value {
            Known::Value(v) => self.val(v, f.location()),
            Known::Absent => self.s(default),
            Known::Unknown(r) => self.unknown(what, r, f.location()),
        }
    }

    /// The entries of a list field, each through `form`, space-separated.
    fn list(&mut self, f: &Field<StrList>, what: &str, form: &dyn Fn(&str) -> String) {
        match &f.value {
            Known::Value(items) => {
                for (i, l) in items.iter().enumerate() {
                    if i > 0 {
                        self.s(" ");
                    }
                    self.item(l, what, form);
                }
            }
            Known::Absent => {}
            Known::Unknown(r) => self.unknown(what, r, f.location()),
        }
    }

    fn item(&mut self, l: &Located<Known<String>>, what: &str, form: &dyn Fn(&str) -> String) {
        match &l.value {
            Known::Value(v) => {
                let text = form(v);
                self.val(&text, l.span);
            }
            Known::Absent => self.s("\"\""),
            Known::Unknown(r) => self.unknown(what, r, l.span),
        }
    }

    /// A route that is undecidable for every request: the site cannot be
    /// answered for because `what` is unknown. `redir` sorts before every
    /// route, handle and authorization directive.
    fn poison(&mut self, what: &str, reason: &str, span: Span) {
        let n = self.unknowns.len();
        let _ = write!(self.text, "\t@pocketlint_unknown_{n} path ");
        self.unknown(what, reason, span);
        let _ = writeln!(self.text, "\n\tredir @pocketlint_unknown_{n} /");
    }
}

/// Non-empty for sure / empty for sure / unknown.
fn list_state(f: &Field<StrList>) -> Option<bool> {
    match &f.value {
        Known::Value(v) => Some(!v.is_empty()),
        Known::Absent => Some(false),
        Known::Unknown(_) => None,
    }
}

fn upstream(site: &Site<'_>) -> String {
    site.service()
        .and_then(|svc| {
            let host = svc.backend.host.get().map_or("127.0.0.1", String::as_str);
            let port = svc.backend.port.get()?;
            Some(match svc.backend.scheme.get().map(String::as_str) {
                Some("https") => format!("https://{host}:{port}"),
                _ => format!("{host}:{port}"),
            })
        })
        .unwrap_or_else(|| "backend".to_string())
}

fn matcher_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// The value of a string field, or the schema default when absent; `None`
/// when unknown.
fn or_default<'f>(f: &'f Field<String>, default: &'f str) -> Option<&'f str> {
    match &f.value {
        Known::Value(v) => Some(v),
        Known::Absent => Some(default),
        Known::Unknown(_) => None,
    }
}

/// Opens a site block; `false` when the site's name or switch is unknown
/// (it is then left out, or poisoned).
fn open_site(w: &mut Writer<'_>, site: &Site<'_>) -> bool {
    let hn = site.host_name();
    let Some(name) = hn.get() else {
        return false;
    };
    w.val(name, hn.location());
    w.s(" {\n");
    if site.enabled().is_none() {
        w.poison(
            &format!("whether site `{}` is enabled", site.name()),
            "its `enable` could not be evaluated",
            hn.location(),
        );
    }
    true
}

fn extra_config(w: &mut Writer<'_>, site: &Site<'_>) {
    let f = site.virtual_host().map_or_else(
        || site.service().map(|s| &s.extra_config),
        |v| Some(&v.extra_config),
    );
    let Some(f) = f else {
        return;
    };
    match &f.value {
        Known::Value(v) if !v.trim().is_empty() => {
            w.s("\n");
            w.tagged(v, f.span, Some(Tag::SiteExtraConfig));
            w.s("\n");
        }
        Known::Unknown(r) => w.poison(
            &format!("`extraConfig` of `{}`", site.name()),
            r,
            f.location(),
        ),
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Extended schema: SEMANTICS §1.1
// ---------------------------------------------------------------------------

fn extended(host: &Host, w: &mut Writer<'_>) {
    w.s("{\n");
    extended_security(host, w);
    w.s("}\n");
    for site in host.sites() {
        if site.enabled() == Some(false) {
            continue;
        }
        if !open_site(w, &site) {
            continue;
        }
        let cs = site.caddy_security();
        let name = matcher_name(site.name());
        let up = upstream(&site);
        match cs.enabled() {
            Some(false) => {
                let _ = writeln!(w.text, "\treverse_proxy {up}");
            }
            None => {
                w.poison(
                    &format!("`caddySecurity.enable` of `{}`", site.name()),
                    cs.enable.value.unknown_reason().unwrap_or("unknown"),
                    cs.enable.location(),
                );
                let _ = writeln!(w.text, "\treverse_proxy {up}");
            }
            Some(true) => extended_protected(w, cs, &name, &up),
        }
        extra_config(w, &site);
        w.s("}\n");
    }
}

fn extended_protected(w: &mut Writer<'_>, cs: &CaddySecurity, name: &str, up: &str) {
    let paths = list_state(&cs.bypass_paths);
    let res = list_state(&cs.bypass_resources);
    if paths != Some(false) || res != Some(false) {
        let _ = writeln!(w.text, "\t@caddy_security_bypass_{name} {{");
        if paths != Some(false) {
            w.s("\t\tpath ");
            w.list(&cs.bypass_paths, "caddySecurity.bypassPaths", &|p| {
                format!("{p}*")
            });
            w.s("\n");
        }
        match &cs.bypass_resources.value {
            Known::Value(items) => {
                for l in items {
                    w.s("\t\texpression {regexp(path, \"");
                    w.item(l, "caddySecurity.bypassResources", &|r| {
                        r.replace('"', "\\\"")
                    });
                    w.s("\")}\n");
                }
            }
            Known::Unknown(r) => {
                w.s("\t\texpression ");
                w.unknown(
                    "caddySecurity.bypassResources",
                    r,
                    cs.bypass_resources.location(),
                );
                w.s("\n");
            }
            Known::Absent => {}
        }
        if list_state(&cs.allowed_networks) != Some(false) {
            w.s("\t\tremote_ip ");
            w.list(
                &cs.allowed_networks,
                "caddySecurity.allowedNetworks",
                &str::to_string,
            );
            w.s("\n");
        }
        let _ = writeln!(
            w.text,
            "\t}}\n\troute @caddy_security_bypass_{name} {{\n\t\treverse_proxy {up}\n\t}}"
        );
    }
    match &cs.static_api_keys.value {
        Known::Value(keys) => {
            for k in keys {
                let kname = k.name.get().map_or("key", String::as_str);
                let kid = format!("{}_{name}", matcher_name(kname));
                let _ = write!(w.text, "\t@static_api_key_{kid} {{\n\t\theader ");
                w.field(&k.header_name, "staticApiKeys.headerName", "X-Api-Key");
                w.s(" ");
                match &k.env_var.value {
                    Known::Value(v) => w.val(&format!("{{${v}}}"), k.env_var.location()),
                    Known::Absent => w.s("{$}"),
                    Known::Unknown(r) => {
                        w.unknown("staticApiKeys.envVar", r, k.env_var.location());
                    }
                }
                w.s("\n");
                if list_state(&k.paths) != Some(false) {
                    w.s("\t\tpath ");
                    w.list(&k.paths, "staticApiKeys.paths", &|p| format!("{p}*"));
                    w.s("\n");
                }
                if list_state(&k.allowed_networks) != Some(false) {
                    w.s("\t\tremote_ip ");
                    w.list(
                        &k.allowed_networks,
                        "staticApiKeys.allowedNetworks",
                        &str::to_string,
                    );
                    w.s("\n");
                }
                let _ = writeln!(
                    w.text,
                    "\t}}\n\troute @static_api_key_{kid} {{\n\t\treverse_proxy {up} {{\n\t\t\theader_up X-Auth-Source \"static-api-key:{kname}\"\n\t\t}}\n\t}}"
                );
            }
        }
        Known::Unknown(r) => {
            w.poison(
                "caddySecurity.staticApiKeys",
                r,
                cs.static_api_keys.location(),
            );
        }
        Known::Absent => {}
    }
    let _ = write!(
        w.text,
        "\t@caddy_security_{name} {{\n\t\tpath /caddy-security/* /oauth2/*\n\t}}\n\troute @caddy_security_{name} {{\n\t\tauthenticate with "
    );
    w.field(&cs.portal, "caddySecurity.portal", "pocketid");
    w.s("\n\t}\n\troute /* {\n\t\tauthorize with ");
    w.field(&cs.policy, "caddySecurity.policy", "default");
    let _ = writeln!(w.text, "\n\t\treverse_proxy {up}\n\t}}");
}

/// The protected sites of a host with the portal each uses (`None`:
/// unknown).
fn sites_on_portals(host: &Host) -> Vec<(Site<'_>, Option<String>)> {
    host.sites()
        .into_iter()
        .filter(|s| s.protected() == Some(true))
        .map(|s| {
            let p = or_default(&s.caddy_security().portal, "pocketid").map(str::to_string);
            (s, p)
        })
        .collect()
}

fn extended_security(host: &Host, w: &mut Writer<'_>) {
    let sec = &host.security;
    if sec.enable.get() == Some(&false) || !sec.present {
        return;
    }
    w.s("\tsecurity {\n");
    let providers = sec.identity_providers.get();
    match &sec.portals.value {
        Known::Value(portals) => {
            for p in portals {
                w.s("\t\tauthentication portal ");
                w.val(&p.name, p.span);
                w.s(" {\n");
                let first_realm: Option<Field<String>> = p
                    .identity_providers
                    .get()
                    .and_then(|l| l.first())
                    .and_then(|l| l.value.value())
                    .and_then(|idp| providers?.iter().find(|i| &i.name == idp))
                    .map(|i| match &i.realm.value {
                        Known::Absent => Field {
                            value: Known::Value("default".to_string()),
                            ..i.realm.clone()
                        },
                        _ => i.realm.clone(),
                    });
                if list_state(&p.identity_providers) != Some(false) {
                    w.s("\t\t\tenable identity provider ");
                    w.list(
                        &p.identity_providers,
                        "authenticationPortals.identityProviders",
                        &str::to_string,
                    );
                    w.s("\n");
                }
                if list_state(&p.identity_stores) != Some(false) {
                    w.s("\t\t\tenable identity store ");
                    w.list(
                        &p.identity_stores,
                        "authenticationPortals.identityStores",
                        &str::to_string,
                    );
                    w.s("\n");
                }
                if !matches!(p.cookie_domain.value, Known::Absent) {
                    w.s("\t\t\tcookie domain ");
                    w.field(&p.cookie_domain, "authenticationPortals.cookie.domain", "");
                    w.s("\n");
                }
                let mut seen: Vec<String> = Vec::new();
                for (site, portal) in sites_on_portals(host) {
                    if portal.as_deref().is_some_and(|x| x != p.name) {
                        continue;
                    }
                    transforms(
                        w,
                        &site,
                        first_realm.as_ref(),
                        &p.name,
                        portal.is_none(),
                        &mut seen,
                    );
                }
                match &p.extra_config.value {
                    Known::Value(v) if !v.trim().is_empty() => {
                        w.s("\n");
                        w.tagged(v, p.extra_config.span, Some(Tag::PortalExtraConfig));
                        w.s("\n");
                    }
                    Known::Unknown(r) => unknown_transform(
                        w,
                        "authenticationPortals.extraConfig",
                        r,
                        p.extra_config.location(),
                    ),
                    _ => {}
                }
                w.s("\t\t}\n");
            }
        }
        Known::Unknown(r) => {
            // One portal whose everything is unknown stands for them.
            w.s("\t\tauthentication portal pocketid {\n");
            unknown_transform(w, "authenticationPortals", r, sec.portals.location());
            w.s("\t\t}\n");
        }
        Known::Absent => {}
    }
    match &sec.policies.value {
        Known::Value(policies) => {
            for q in policies {
                w.s("\t\tauthorization policy ");
                w.val(&q.name, q.span);
                w.s(" {\n\t\t\tset auth url ");
                w.field(
                    &q.auth_url,
                    "authorizationPolicies.authUrl",
                    "/caddy-security/oauth2/generic",
                );
                w.s("\n");
                if list_state(&q.allowed) != Some(false) {
                    w.s("\t\t\tallow roles ");
                    w.list(
                        &q.allowed,
                        "authorizationPolicies.allowRoles",
                        &str::to_string,
                    );
                    w.s("\n");
                }
                w.s("\t\t}\n");
            }
        }
        Known::Unknown(_) | Known::Absent => {}
    }
    if let Known::Value(idps) = &sec.identity_providers.value {
        for i in idps {
            w.s("\t\toauth identity provider ");
            w.val(&i.name, i.span);
            w.s(" {\n\t\t\trealm ");
            w.field(&i.realm, "identityProviders.realm", "default");
            w.s("\n\t\t\tscopes ");
            if matches!(i.scopes.value, Known::Absent) {
                w.s("openid email profile");
            } else {
                w.list(&i.scopes, "identityProviders.scopes", &str::to_string);
            }
            w.s("\n\t\t}\n");
        }
    }
    if let Known::Value(stores) = &sec.identity_stores.value {
        for s in stores {
            w.s("\t\tlocal identity store ");
            w.val(&s.name, s.span);
            w.s(" {\n\t\t\trealm ");
            w.field(&s.realm, "localIdentityStores.realm", "local");
            w.s("\n\t\t}\n");
        }
    }
    w.s("\t}\n");
}

fn unknown_transform(w: &mut Writer<'_>, what: &str, reason: &str, span: Span) {
    w.s("\t\t\ttransform user {\n\t\t\t\tmatch realm ");
    w.unknown(what, reason, span);
    w.s("\n\t\t\t\taction add role ");
    w.unknown(what, reason, span);
    w.s("\n\t\t\t}\n");
}

/// The portal-wide transforms one site contributes (de-duplicated across
/// sites by their rendered text, as the reference module does).
fn transforms(
    w: &mut Writer<'_>,
    site: &Site<'_>,
    first_realm: Option<&Field<String>>,
    portal: &str,
    portal_unknown: bool,
    seen: &mut Vec<String>,
) {
    let cs = site.caddy_security();
    match &cs.claim_roles.value {
        Known::Value(roles) => {
            for r in roles {
                let key = claim_key(r, first_realm, portal);
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                w.s("\t\t\ttransform user {\n\t\t\t\tmatch realm ");
                if portal_unknown {
                    w.unknown(
                        &format!("`caddySecurity.portal` of `{}`", site.name()),
                        cs.portal.value.unknown_reason().unwrap_or("unknown"),
                        cs.portal.location(),
                    );
                } else if matches!(r.realm.value, Known::Absent) {
                    match first_realm {
                        Some(f) => w.field(f, "identityProviders.realm", "default"),
                        None => w.s(portal),
                    }
                } else {
                    w.field(&r.realm, "claimRoles.realm", portal);
                }
                w.s("\n\t\t\t\tmatch ");
                w.field(&r.claim, "claimRoles.claim", "groups");
                w.s(" ");
                w.field(&r.value, "claimRoles.value", "\"\"");
                w.s("\n\t\t\t\taction add role ");
                w.field(&r.role, "claimRoles.role", "\"\"");
                w.s("\n\t\t\t}\n");
            }
        }
        Known::Unknown(reason) => unknown_transform(
            w,
            &format!("`caddySecurity.claimRoles` of `{}`", site.name()),
            reason,
            cs.claim_roles.location(),
        ),
        Known::Absent => {}
    }
}

fn claim_key(r: &ClaimRole, first_realm: Option<&Field<String>>, portal: &str) -> String {
    let realm = match &r.realm.value {
        Known::Value(v) => v.clone(),
        Known::Absent => first_realm
            .and_then(|f| f.get().cloned())
            .unwrap_or_else(|| portal.to_string()),
        Known::Unknown(_) => "?".to_string(),
    };
    format!(
        "{realm}\u{0}{:?}\u{0}{:?}\u{0}{:?}",
        r.claim.value, r.value.value, r.role.value
    )
}

// ---------------------------------------------------------------------------
// Documented schema: the readings a generator may choose
// ---------------------------------------------------------------------------

/// One reading of the documented schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reading {
    /// `/api` as the raw prefix `/api*` (else the segment `/api /api/*`).
    raw_prefix: bool,
    /// Bypasses without `allowedNetworks` use the `bypass` policy's.
    network_fallback: bool,
    /// Sites stay protected (authorize with no portal) when the portal is
    /// disabled, rather than being served unprotected.
    protect_without_portal: bool,
}

impl Reading {
    /// The reading in words, naming only the choices that matter for the
    /// host.
    fn describe(self, fallback_matters: bool, portal_off: bool) -> String {
        let mut parts = vec![if self.raw_prefix {
            "bypass paths as raw prefixes `/p*`"
        } else {
            "bypass paths as whole segments `/p /p/*`"
        }];
        if fallback_matters {
            parts.push(if self.network_fallback {
                "bypasses without allowedNetworks limited to the `bypass` policy's networks"
            } else {
                "bypasses without allowedNetworks open to every client"
            });
        }
        if portal_off {
            parts.push(if self.protect_without_portal {
                "sites kept behind `authorize` while the portal is disabled"
            } else {
                "sites served unprotected while the portal is disabled"
            });
        }
        parts.join(", ")
    }
}

fn bypass_policy_networks(host: &Host) -> Option<&Field<StrList>> {
    host.security
        .policies
        .get()?
        .iter()
        .find(|p| p.name == "bypass")
        .map(|p| &p.allowed_networks)
}

fn documented_variants(host: &Host, db: &SourceDb, version: CaddyVersion) -> Vec<Rendered> {
    let fallback_matters = bypass_policy_networks(host)
        .is_some_and(|f| list_state(f) != Some(false))
        && host.sites().iter().any(|s| {
            let cs = s.caddy_security();
            list_state(&cs.allowed_networks) != Some(true)
                && (list_state(&cs.bypass_paths) != Some(false)
                    || list_state(&cs.bypass_resources) != Some(false))
        });
    let portal_off = host.security.enable.get() != Some(&true);
    let mut out: Vec<Rendered> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for raw_prefix in [true, false] {
        for network_fallback in [false, true] {
            if network_fallback && !fallback_matters {
                continue;
            }
            for protect_without_portal in [true, false] {
                if !protect_without_portal && !portal_off {
                    continue;
                }
                let reading = Reading {
                    raw_prefix,
                    network_fallback,
                    protect_without_portal,
                };
                let mut w = Writer::new(db);
                documented(host, &mut w, reading);
                if texts.contains(&w.text) {
                    continue;
                }
                texts.push(w.text.clone());
                out.push(w.finish(
                    format!(
                        "the documented schema applied to host `{}`'s model ({})",
                        host.name,
                        reading.describe(fallback_matters, portal_off)
                    ),
                    format!(
                        "<{} documented-schema rendering {}>",
                        host.name,
                        out.len() + 1
                    ),
                    version,
                ));
            }
        }
    }
    out
}

/// The realm and portal name of the documented schema's single portal.
pub const DOCUMENTED_PORTAL: &str = "central";
const DOCUMENTED_REALM: &str = "pocketid";

fn documented(host: &Host, w: &mut Writer<'_>, reading: Reading) {
    let sec = &host.security;
    let portal_on = sec.enable.get() == Some(&true);
    w.s("{\n");
    documented_security(host, w, portal_on);
    w.s("}\n");
    let portal_host = sec.portal_host.get().filter(|_| portal_on);
    let mut portal_served = false;
    for site in host.sites() {
        if site.enabled() == Some(false) {
            continue;
        }
        if !open_site(w, &site) {
            continue;
        }
        let up = upstream(&site);
        let is_portal = portal_host.is_some_and(|p| {
            site.host_name()
                .get()
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        });
        if is_portal {
            portal_served = true;
            let _ = writeln!(
                w.text,
                "\troute /caddy-security/* {{\n\t\tauthenticate with {DOCUMENTED_PORTAL}\n\t}}"
            );
        }
        let cs = site.caddy_security();
        let protect = match (cs.enabled(), sec.enable.get()) {
            (Some(false), _) => Some(false),
            (None, _) => None,
            (Some(true), Some(true)) => Some(true),
            (Some(true), Some(false)) => Some(reading.protect_without_portal),
            (Some(true), None) => match &sec.enable.value {
                Known::Absent => Some(reading.protect_without_portal),
                _ => None,
            },
        };
        match protect {
            Some(true) => documented_protected(host, w, &site, cs, &up, reading),
            Some(false) => {
                let _ = writeln!(w.text, "\treverse_proxy {up}");
            }
            None => {
                let (what, f) = if cs.enabled().is_none() {
                    ("caddySecurity.enable", &cs.enable)
                } else {
                    ("modules.services.caddy.security.enable", &sec.enable)
                };
                w.poison(
                    what,
                    f.value.unknown_reason().unwrap_or("unknown"),
                    f.location(),
                );
                let _ = writeln!(w.text, "\treverse_proxy {up}");
            }
        }
        extra_config(w, &site);
        w.s("}\n");
    }
    if let Some(p) = portal_host
        && !portal_served
    {
        w.val(p, sec.portal_host.location());
        let _ = writeln!(
            w.text,
            " {{\n\troute /caddy-security/* {{\n\t\tauthenticate with {DOCUMENTED_PORTAL}\n\t}}\n}}"
        );
    }
}

fn documented_protected(
    host: &Host,
    w: &mut Writer<'_>,
    site: &Site<'_>,
    cs: &CaddySecurity,
    up: &str,
    reading: Reading,
) {
    let name = matcher_name(site.name());
    let own = list_state(&cs.allowed_networks);
    let fallback = bypass_policy_networks(host);
    let networks: Option<&Field<StrList>> = match own {
        Some(true) | None => Some(&cs.allowed_networks),
        Some(false) if reading.network_fallback => fallback,
        Some(false) => None,
    };
    let remote_ip = |w: &mut Writer<'_>| {
        if let Some(f) = networks
            && list_state(f) != Some(false)
        {
            w.s("\t\tremote_ip ");
            w.list(f, "allowedNetworks", &str::to_string);
            w.s("\n");
        }
    };
    if list_state(&cs.bypass_paths) != Some(false) {
        let _ = writeln!(w.text, "\t@bypass_{name} {{");
        w.s("\t\tpath ");
        let raw = reading.raw_prefix;
        w.list(&cs.bypass_paths, "caddySecurity.bypassPaths", &|p| {
            if raw {
                format!("{p}*")
            } else {
                let t = p.strip_suffix('/').unwrap_or(p);
                format!("{t} {t}/*")
            }
        });
        w.s("\n");
        remote_ip(w);
        let _ = writeln!(
            w.text,
            "\t}}\n\troute @bypass_{name} {{\n\t\treverse_proxy {up}\n\t}}"
        );
    }
    match &cs.bypass_resources.value {
        Known::Value(items) => {
            for (i, l) in items.iter().enumerate() {
                let _ = write!(w.text, "\t@bypass_{name}_re{i} {{\n\t\tpath_regexp ");
                w.item(l, "caddySecurity.bypassResources", &str::to_string);
                w.s("\n");
                remote_ip(w);
                let _ = writeln!(
                    w.text,
                    "\t}}\n\troute @bypass_{name}_re{i} {{\n\t\treverse_proxy {up}\n\t}}"
                );
            }
        }
        Known::Unknown(r) => w.poison(
            "caddySecurity.bypassResources",
            r,
            cs.bypass_resources.location(),
        ),
        Known::Absent => {}
    }
    w.s("\troute /* {\n\t\tauthorize with ");
    match &cs.policy.value {
        Known::Value(v) => w.val(v, cs.policy.location()),
        Known::Absent => w.unknown(
            "caddySecurity.policy",
            "the site sets no policy and the documented schema has no default",
            cs.span,
        ),
        Known::Unknown(r) => w.unknown("caddySecurity.policy", r, cs.policy.location()),
    }
    let _ = writeln!(w.text, "\n\t\treverse_proxy {up}\n\t}}");
}

fn documented_security(host: &Host, w: &mut Writer<'_>, portal_on: bool) {
    let sec = &host.security;
    if !sec.present {
        return;
    }
    w.s("\tsecurity {\n");
    if portal_on {
        let _ = writeln!(
            w.text,
            "\t\toauth identity provider {DOCUMENTED_REALM} {{\n\t\t\trealm {DOCUMENTED_REALM}\n\t\t\tscopes openid email profile groups\n\t\t}}"
        );
        let _ = writeln!(
            w.text,
            "\t\tauthentication portal {DOCUMENTED_PORTAL} {{\n\t\t\tenable identity provider {DOCUMENTED_REALM}"
        );
        let cookie = match &sec.cookie_domain.value {
            Known::Absent => &host.domain,
            _ => &sec.cookie_domain,
        };
        if !matches!(cookie.value, Known::Absent) {
            w.s("\t\t\tcookie domain ");
            w.field(cookie, "cookieDomain", "");
            w.s("\n");
        }
        let mut seen = Vec::new();
        let realm = Field {
            value: Known::Value(DOCUMENTED_REALM.to_string()),
            ..Field::absent()
        };
        for site in host.sites() {
            if site.protected() != Some(true) {
                continue;
            }
            transforms(w, &site, Some(&realm), DOCUMENTED_PORTAL, false, &mut seen);
        }
        w.s("\t\t}\n");
    }
    if let Known::Value(policies) = &sec.policies.value {
        for q in policies {
            w.s("\t\tauthorization policy ");
            w.val(&q.name, q.span);
            w.s(" {\n\t\t\tset auth url https://");
            match &sec.portal_host.value {
                Known::Value(p) => w.val(p, sec.portal_host.location()),
                Known::Absent => w.unknown(
                    "modules.services.caddy.security.portalHost",
                    "not set: the login has no portal to go to",
                    sec.span,
                ),
                Known::Unknown(r) => w.unknown(
                    "modules.services.caddy.security.portalHost",
                    r,
                    sec.portal_host.location(),
                ),
            }
            let _ = writeln!(w.text, "/caddy-security/oauth2/{DOCUMENTED_REALM}");
            if list_state(&q.allowed) != Some(false) {
                w.s("\t\t\tallow roles ");
                w.list(&q.allowed, "policies.allowedGroups", &str::to_string);
                w.s("\n");
            }
            w.s("\t\t}\n");
        }
    }
    w.s("\t}\n");
}
