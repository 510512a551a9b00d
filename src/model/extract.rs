//! Building the model of one host from its evaluated configuration,
//! forcing only what the model needs.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::eval::modules::DefInfo;
use crate::eval::{EvalError, Evaluator, V, Value, lookup};
use crate::files::Span;
use crate::symbol::Symbol;

use super::{
    Backend, CaddySecurity, CaddySite, ClaimRole, Field, Host, IdentityProvider, IdentityStore,
    Known, Located, MissingSecret, PocketId, Policy, Portal, Schema, Security, Service, Smtp,
    StaticApiKey, StrList, UnknownNote, VirtualHost,
};

/// Reads the model from a host's configuration (`config`, the public
/// configuration value).
pub fn extract_host<'a>(
    ev: &mut Evaluator<'a>,
    name: &str,
    entry: Option<String>,
    config: Value<'a>,
    schema_choice: crate::config::SchemaChoice,
) -> Host {
    let mut cx = Cx {
        ev,
        unknowns: Vec::new(),
        errors: Vec::new(),
    };
    let root = Node::root(config);
    let domain = cx.string(&root, &["networking", "domain"]);
    let services_node = cx.node(&root, &["modules", "services"]);
    let caddy = cx.node(&root, &["modules", "services", "caddy"]);
    // First: assembling the Caddyfile evaluates most of the configuration,
    // and its parse then runs on another core while the rest is read.
    let caddyfile = cx.caddyfile(&root);
    let security = cx.security(&caddy, schema_choice);
    let pocketid = cx.pocketid(&root);
    let secrets = cx.secrets(&root);
    let services = cx.services(&services_node);
    let virtual_hosts = cx.virtual_hosts(&caddy);
    let caddy_sites = cx.caddy_sites(&root);
    if let Known::Value(file) = &caddyfile {
        for u in &file.unknowns {
            cx.note_what(u.what.clone(), &u.reason, u.span);
        }
    }
    let (assertions, warnings) = cx.nixos_checks(&root);
    let missing_secrets = cx
        .ev
        .ext
        .missing_secrets
        .iter()
        .map(|(name, span)| MissingSecret {
            name: name.clone(),
            span: *span,
        })
        .collect();
    // In source order (by path: file ids follow the order of a parallel
    // read), not in the order extraction happened to meet them.
    let db = &cx.ev.ctx.db;
    let place = |s: &Span| (db.get(s.file).map(|f| f.path.clone()), s.start, s.end);
    cx.unknowns.sort_by_cached_key(|u| place(&u.span));
    cx.errors.sort_by_cached_key(|e| place(&e.span));
    Host {
        name: name.to_string(),
        entry,
        domain,
        security,
        pocketid,
        secrets,
        missing_secrets,
        services,
        virtual_hosts,
        caddy_sites,
        caddyfile,
        assertions,
        warnings,
        unknowns: cx.unknowns,
        errors: cx.errors,
        skipped_modules: Vec::new(),
        files: Vec::new(),
    }
}

fn unknown_field<T>(reason: &str, span: Span) -> Field<T> {
    Field {
        value: Known::Unknown(reason.to_string()),
        span,
        defined_at: Span::SYNTHETIC,
        via: Span::SYNTHETIC,
        from_default: false,
    }
}

/// A position in the configuration: its value and option path.
#[derive(Clone)]
pub(super) struct Node<'a> {
    pub(super) value: Option<Value<'a>>,
    pub(super) loc: Vec<Symbol>,
}

impl<'a> Node<'a> {
    fn root(v: Value<'a>) -> Node<'a> {
        Node {
            value: Some(v),
            loc: Vec::new(),
        }
    }
}

pub(super) struct Cx<'e, 'a> {
    pub(super) ev: &'e mut Evaluator<'a>,
    pub(super) unknowns: Vec<UnknownNote>,
    pub(super) errors: Vec<Diagnostic>,
}

/// What reading one attribute gave.
pub(super) enum Read<'a> {
    Value(Value<'a>, Span),
    Missing,
    Unknown(String, Span),
}

impl<'a> Cx<'_, 'a> {
    pub(super) fn error(&mut self, e: &EvalError) {
        let d = crate::commands::eval::error_diagnostic(e);
        if !self
            .errors
            .iter()
            .any(|x| x.message == d.message && x.span == d.span)
        {
            self.errors.push(d);
        }
    }

    pub(super) fn read(&mut self, node: &Node<'a>, name: &str) -> Read<'a> {
        let Some(v) = node.value else {
            return Read::Missing;
        };
        match v.kind {
            V::Attrs(attrs) => match lookup(attrs, Symbol::intern(name)) {
                Some(e) => match self.ev.force(e.value) {
                    Ok(x) => match x.kind {
                        V::Unknown(u) => Read::Unknown(u.reason.to_string(), u.span),
                        _ => Read::Value(x, e.span),
                    },
                    // An option nobody set and without default simply has no
                    // value (NixOS would fail only if something used it).
                    Err(err) if err.kind == crate::eval::ErrorKind::UndefinedOption => {
                        Read::Missing
                    }
                    Err(err) => {
                        self.error(&err);
                        Read::Unknown(format!("evaluation failed: {}", err.message), e.span)
                    }
                },
                None => {
                    if self.ev.is_open(attrs) {
                        Read::Unknown(
                            format!("`{name}` may be defined by modules pocketlint does not see"),
                            v.span,
                        )
                    } else {
                        Read::Missing
                    }
                }
            },
            V::Unknown(u) => Read::Unknown(u.reason.to_string(), u.span),
            _ => Read::Missing,
        }
    }

    pub(super) fn child(&mut self, node: &Node<'a>, name: &str) -> Node<'a> {
        let mut loc = node.loc.clone();
        loc.push(Symbol::intern(name));
        let value = match self.read(node, name) {
            Read::Value(v, _) => Some(v),
            Read::Unknown(reason, span) => Some(self.ev.unknown(&reason, span)),
            Read::Missing => None,
        };
        Node { value, loc }
    }

    pub(super) fn node(&mut self, node: &Node<'a>, path: &[&str]) -> Node<'a> {
        let mut cur = node.clone();
        for p in path {
            cur = self.child(&cur, p);
        }
        cur
    }

    pub(super) fn definitions(&self, loc: &[Symbol]) -> Option<&Vec<DefInfo>> {
        self.ev.ext.definitions.get(loc)
    }

    /// A field from `node.name`, converted by `conv`.
    fn field<T>(
        &mut self,
        node: &Node<'a>,
        name: &str,
        conv: impl FnOnce(&mut Self, Value<'a>) -> Known<T>,
    ) -> Field<T> {
        let mut loc = node.loc.clone();
        loc.push(Symbol::intern(name));
        // Forcing the value records its definitions: read it first.
        let read = self.read(node, name);
        let (defined_at, via, from_default) = match self.definitions(&loc) {
            Some(defs) => {
                let d = defs.iter().rev().find(|d| !d.is_default).or(defs.last());
                d.map_or((Span::SYNTHETIC, Span::SYNTHETIC, false), |d| {
                    (d.span, d.via, d.is_default)
                })
            }
            None => (Span::SYNTHETIC, Span::SYNTHETIC, false),
        };
        match read {
            Read::Value(v, entry_span) => {
                let value = conv(self, v);
                let v = Value::new(v.kind, self.content_span(v));
                if let Known::Unknown(reason) = &value {
                    self.note(&loc, reason, v.span);
                }
                Field {
                    value,
                    span: v.span,
                    defined_at: refine_definition(defined_at, entry_span),
                    via,
                    from_default,
                }
            }
            Read::Missing => Field::absent(),
            Read::Unknown(reason, span) => {
                self.note(&loc, &reason, span);
                // Written here but not evaluable (as opposed to not written
                // at all in a set other modules may fill): it has a place.
                let written = node
                    .value
                    .and_then(|v| v.as_attrs())
                    .is_some_and(|a| lookup(a, Symbol::intern(name)).is_some());
                let defined_at = if defined_at.is_synthetic() && written {
                    span
                } else {
                    defined_at
                };
                Field {
                    value: Known::Unknown(reason),
                    span,
                    defined_at,
                    via,
                    from_default,
                }
            }
        }
    }

    /// For a string written as a literal, the span of its text without the
    /// quotes (so findings underline the value itself).
    fn content_span(&self, v: Value<'a>) -> Span {
        let span = v.span;
        if !matches!(v.kind, V::Str(_)) || span.is_synthetic() {
            return span;
        }
        let Some(file) = self.ev.ctx.db.get(span.file) else {
            return span;
        };
        let Some(text) = file.text.get(span.start as usize..span.end as usize) else {
            return span;
        };
        let quote = if text.len() >= 4 && text.starts_with("''") && text.ends_with("''") {
            2
        } else if text.len() >= 2 && text.starts_with('"') && text.ends_with('"') {
            1
        } else {
            return span;
        };
        // An empty string keeps its quotes, so there is something to point at.
        if span.end - span.start <= 2 * quote {
            return span;
        }
        Span {
            file: span.file,
            start: span.start + quote,
            end: span.end - quote,
        }
    }

    pub(super) fn note(&mut self, loc: &[Symbol], reason: &str, span: Span) {
        let what = loc.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(".");
        self.note_what(what, reason, span);
    }

    fn note_what(&mut self, what: String, reason: &str, span: Span) {
        if !self.unknowns.iter().any(|u| u.what == what) {
            self.unknowns.push(UnknownNote {
                what,
                reason: reason.to_string(),
                span,
            });
        }
    }

    fn string(&mut self, node: &Node<'a>, path: &[&str]) -> Field<String> {
        let (last, init) = path.split_last().expect("non-empty path");
        let parent = self.node(node, init);
        self.field(&parent, last, |_, v| Self::string_of(v))
    }

    fn string_of(v: Value<'a>) -> Known<String> {
        match v.kind {
            V::Str(s) => Known::Value(s.to_string()),
            V::Null => Known::Absent,
            V::Path(p) => Known::Value(p.to_string()),
            V::Int(i) => Known::Value(i.to_string()),
            V::Unknown(u) => Known::Unknown(u.reason.to_string()),
            _ => Known::Unknown(format!("expected a string, found {}", v.type_name())),
        }
    }

    fn bool_of(v: Value<'a>) -> Known<bool> {
        match v.kind {
            V::Bool(b) => Known::Value(b),
            V::Null => Known::Absent,
            V::Unknown(u) => Known::Unknown(u.reason.to_string()),
            _ => Known::Unknown(format!("expected a Boolean, found {}", v.type_name())),
        }
    }

    fn int_of(v: Value<'a>) -> Known<i64> {
        match v.kind {
            V::Int(i) => Known::Value(i),
            V::Null => Known::Absent,
            V::Unknown(u) => Known::Unknown(u.reason.to_string()),
            _ => Known::Unknown(format!("expected an integer, found {}", v.type_name())),
        }
    }

    fn str_list_of(&mut self, v: Value<'a>) -> Known<StrList> {
        match v.kind {
            V::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for t in items {
                    match self.ev.force(t) {
                        Ok(x) => out.push(Located {
                            value: Self::string_of(x),
                            span: self.content_span(x),
                        }),
                        Err(e) => {
                            self.error(&e);
                            out.push(Located {
                                value: Known::Unknown(format!("evaluation failed: {}", e.message)),
                                span: Span::SYNTHETIC,
                            });
                        }
                    }
                }
                Known::Value(out)
            }
            V::Null => Known::Absent,
            V::Unknown(u) => Known::Unknown(u.reason.to_string()),
            _ => Known::Unknown(format!("expected a list, found {}", v.type_name())),
        }
    }

    fn bool_field(&mut self, node: &Node<'a>, name: &str) -> Field<bool> {
        self.field(node, name, |_, v| Self::bool_of(v))
    }

    fn str_field(&mut self, node: &Node<'a>, name: &str) -> Field<String> {
        self.field(node, name, |_, v| Self::string_of(v))
    }

    fn int_field(&mut self, node: &Node<'a>, name: &str) -> Field<i64> {
        self.field(node, name, |_, v| Self::int_of(v))
    }

    fn list_field(&mut self, node: &Node<'a>, name: &str) -> Field<StrList> {
        self.field(node, name, Self::str_list_of)
    }

    /// The names of an attribute set node, or the reason they are unknown.
    pub(super) fn names(node: &Node<'a>) -> Known<Vec<(String, Span)>> {
        match node.value {
            None => Known::Absent,
            Some(v) => match v.kind {
                V::Attrs(attrs) => Known::Value(
                    attrs
                        .iter()
                        .filter(|e| !e.name.starts_with("__pocketlint"))
                        .map(|e| (e.name.to_string(), e.span))
                        .collect(),
                ),
                V::Unknown(u) => Known::Unknown(u.reason.to_string()),
                _ => Known::Absent,
            },
        }
    }

    fn caddy_security(&mut self, parent: &Node<'a>) -> CaddySecurity {
        let node = self.child(parent, "caddySecurity");
        let Some(v) = node.value else {
            return CaddySecurity::missing();
        };
        if let V::Unknown(u) = v.kind {
            let r = u.reason;
            let sp = u.span;
            return CaddySecurity {
                present: true,
                enable: unknown_field(r, sp),
                portal: unknown_field(r, sp),
                policy: unknown_field(r, sp),
                claim_roles: unknown_field(r, sp),
                bypass_paths: unknown_field(r, sp),
                bypass_resources: unknown_field(r, sp),
                allowed_networks: unknown_field(r, sp),
                static_api_keys: unknown_field(r, sp),
                span: sp,
                definitions: Vec::new(),
            };
        }
        let definitions = self
            .definitions(&node.loc)
            .map(|defs| {
                defs.iter()
                    .filter(|d| !d.is_default)
                    .map(|d| d.span)
                    .collect()
            })
            .unwrap_or_default();
        let claim_roles = self.field(&node, "claimRoles", |cx, v| cx.claim_roles(v, &node));
        let static_api_keys = self.field(&node, "staticApiKeys", |cx, v| cx.static_keys(v, &node));
        CaddySecurity {
            present: true,
            enable: self.bool_field(&node, "enable"),
            portal: self.str_field(&node, "portal"),
            policy: self.str_field(&node, "policy"),
            claim_roles,
            bypass_paths: self.list_field(&node, "bypassPaths"),
            bypass_resources: self.list_field(&node, "bypassResources"),
            allowed_networks: self.list_field(&node, "allowedNetworks"),
            static_api_keys,
            span: v.span,
            definitions,
        }
    }

    fn list_items(&mut self, v: Value<'a>) -> Known<Vec<Value<'a>>> {
        match v.kind {
            V::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for t in items {
                    match self.ev.force(t) {
                        Ok(x) => out.push(x),
                        Err(e) => {
                            self.error(&e);
                            return Known::Unknown(format!("evaluation failed: {}", e.message));
                        }
                    }
                }
                Known::Value(out)
            }
            V::Null => Known::Absent,
            V::Unknown(u) => Known::Unknown(u.reason.to_string()),
            _ => Known::Unknown(format!("expected a list, found {}", v.type_name())),
        }
    }

    fn claim_roles(&mut self, v: Value<'a>, parent: &Node<'a>) -> Known<Vec<ClaimRole>> {
        let items = match self.list_items(v) {
            Known::Value(i) => i,
            Known::Unknown(r) => return Known::Unknown(r),
            Known::Absent => return Known::Absent,
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let mut loc = parent.loc.clone();
            loc.push(crate::sym!("claimRoles"));
            loc.push(Symbol::intern(&format!("[definition 1-entry {}]", i + 1)));
            let node = Node {
                value: Some(item),
                loc,
            };
            out.push(ClaimRole {
                realm: self.str_field(&node, "realm"),
                claim: self.str_field(&node, "claim"),
                value: self.str_field(&node, "value"),
                role: self.str_field(&node, "role"),
                span: item.span,
            });
        }
        Known::Value(out)
    }

    fn static_keys(&mut self, v: Value<'a>, parent: &Node<'a>) -> Known<Vec<StaticApiKey>> {
        let items = match self.list_items(v) {
            Known::Value(i) => i,
            Known::Unknown(r) => return Known::Unknown(r),
            Known::Absent => return Known::Absent,
        };
        let mut out = Vec::new();
        for item in items {
            let node = Node {
                value: Some(item),
                loc: parent.loc.clone(),
            };
            out.push(StaticApiKey {
                name: self.str_field(&node, "name"),
                header_name: self.str_field(&node, "headerName"),
                env_var: self.str_field(&node, "envVar"),
                paths: self.list_field(&node, "paths"),
                allowed_networks: self.list_field(&node, "allowedNetworks"),
                span: item.span,
            });
        }
        Known::Value(out)
    }

    fn services(&mut self, services: &Node<'a>) -> Vec<Service> {
        let names = match Self::names(services) {
            Known::Value(n) => n,
            Known::Unknown(reason) => {
                self.note(&services.loc, &reason, Span::SYNTHETIC);
                return Vec::new();
            }
            Known::Absent => return Vec::new(),
        };
        let mut out = Vec::new();
        for (name, _) in names {
            if name == "caddy" {
                continue;
            }
            let svc = self.child(services, &name);
            let Some(v) = svc.value else { continue };
            let Some(attrs) = v.as_attrs() else { continue };
            let Some(rp_entry) = lookup(attrs, crate::sym!("reverseProxy")) else {
                continue;
            };
            let rp = self.child(&svc, "reverseProxy");
            let defined_at = {
                let mut loc = svc.loc.clone();
                loc.push(crate::sym!("reverseProxy"));
                self.definitions(&loc)
                    .and_then(|d| d.iter().find(|d| !d.is_default).map(|d| d.span))
                    .unwrap_or(rp_entry.span)
            };
            let backend_node = self.child(&rp, "backend");
            let mut service = Service {
                service_enable: if lookup(attrs, crate::sym!("enable")).is_some() {
                    self.bool_field(&svc, "enable")
                } else {
                    Field::absent()
                },
                enable: self.bool_field(&rp, "enable"),
                host_name: self.str_field(&rp, "hostName"),
                subdomain: self.str_field(&rp, "subdomain"),
                backend: Backend {
                    host: self.str_field(&backend_node, "host"),
                    port: self.int_field(&backend_node, "port"),
                    scheme: self.str_field(&backend_node, "scheme"),
                },
                caddy_security: self.caddy_security(&rp),
                extra_config: self.str_field(&rp, "extraConfig"),
                defined_at,
                name,
            };
            // Point at where the user named or enabled the service rather
            // than at the option's declaration.
            for (at, from_default) in [
                (service.host_name.defined_at, service.host_name.from_default),
                (service.enable.defined_at, service.enable.from_default),
            ] {
                if !at.is_synthetic() && !from_default {
                    service.defined_at = at;
                    break;
                }
            }
            out.push(service);
        }
        out
    }

    fn virtual_hosts(&mut self, caddy: &Node<'a>) -> Field<Vec<VirtualHost>> {
        let node = self.child(caddy, "virtualHosts");
        let names = match Self::names(&node) {
            Known::Value(n) => n,
            Known::Unknown(r) => {
                return Field {
                    value: Known::Unknown(r),
                    ..Field::absent()
                };
            }
            Known::Absent => return Field::absent(),
        };
        let mut out = Vec::new();
        for (name, span) in names {
            let vh = self.child(&node, &name);
            out.push(VirtualHost {
                enable: self.bool_field(&vh, "enable"),
                host_name: self.str_field(&vh, "hostName"),
                caddy_security: self.caddy_security(&vh),
                extra_config: self.str_field(&vh, "extraConfig"),
                defined_at: span,
                name,
            });
        }
        Field {
            value: Known::Value(out),
            span: node.value.map_or(Span::SYNTHETIC, |v| v.span),
            defined_at: Span::SYNTHETIC,
            via: Span::SYNTHETIC,
            from_default: false,
        }
    }

    fn caddy_sites(&mut self, root: &Node<'a>) -> Field<Vec<CaddySite>> {
        let node = self.node(root, &["services", "caddy", "virtualHosts"]);
        let names = match Self::names(&node) {
            Known::Value(n) => n,
            Known::Unknown(r) => {
                return Field {
                    value: Known::Unknown(r),
                    ..Field::absent()
                };
            }
            Known::Absent => return Field::absent(),
        };
        let mut out = Vec::new();
        for (name, span) in names {
            let site = self.child(&node, &name);
            out.push(CaddySite {
                host_name: self.str_field(&site, "hostName"),
                server_aliases: self.list_field(&site, "serverAliases"),
                extra_config: self.str_field(&site, "extraConfig"),
                defined_at: span,
                name,
            });
        }
        Field {
            value: Known::Value(out),
            ..Field::absent()
        }
    }

    fn security(&mut self, caddy: &Node<'a>, choice: crate::config::SchemaChoice) -> Security {
        let node = self.child(caddy, "security");
        let present = node.value.is_some();
        let has = |n: &str| {
            node.value
                .and_then(|v| v.as_attrs())
                .is_some_and(|a| lookup(a, Symbol::intern(n)).is_some())
        };
        let schema = match choice {
            crate::config::SchemaChoice::Documented => Schema::Documented,
            crate::config::SchemaChoice::Extended => Schema::Extended,
            crate::config::SchemaChoice::Auto => {
                if has("authorizationPolicies")
                    || has("authenticationPortals")
                    || has("identityProviders")
                {
                    Schema::Extended
                } else {
                    Schema::Documented
                }
            }
        };
        let policies_name = match schema {
            Schema::Documented => "policies",
            Schema::Extended => "authorizationPolicies",
        };
        let policies = self.named(&node, policies_name, |cx, pnode, name, span| Policy {
            name,
            allowed: match schema {
                Schema::Documented => cx.list_field(pnode, "allowedGroups"),
                Schema::Extended => cx.list_field(pnode, "allowRoles"),
            },
            allowed_networks: cx.list_field(pnode, "allowedNetworks"),
            auth_url: cx.str_field(pnode, "authUrl"),
            inject_headers: cx.bool_field(pnode, "injectHeaders"),
            span,
        });
        let identity_providers = self.named(&node, "identityProviders", |cx, n, name, span| {
            IdentityProvider {
                name,
                driver: cx.str_field(n, "driver"),
                realm: cx.str_field(n, "realm"),
                client_id: cx.str_field(n, "clientId"),
                base_auth_url: cx.str_field(n, "baseAuthUrl"),
                metadata_url: cx.str_field(n, "metadataUrl"),
                scopes: cx.list_field(n, "scopes"),
                span,
            }
        });
        let portals = self.named(&node, "authenticationPortals", |cx, n, name, span| {
            let cookie = cx.child(n, "cookie");
            Portal {
                name,
                identity_providers: cx.list_field(n, "identityProviders"),
                identity_stores: cx.list_field(n, "identityStores"),
                cookie_domain: cx.str_field(&cookie, "domain"),
                extra_config: cx.str_field(n, "extraConfig"),
                span,
            }
        });
        let identity_stores = self.named(&node, "localIdentityStores", |cx, n, name, span| {
            IdentityStore {
                name,
                realm: cx.str_field(n, "realm"),
                span,
            }
        });
        Security {
            schema,
            present,
            enable: self.bool_field(&node, "enable"),
            portal_host: self.str_field(&node, "portalHost"),
            cookie_domain: match schema {
                Schema::Documented => self.str_field(&node, "cookieDomain"),
                Schema::Extended => Field::absent(),
            },
            policies,
            identity_providers,
            portals,
            identity_stores,
            extra_config: self.str_field(&node, "extraConfig"),
            span: node.value.map_or(Span::SYNTHETIC, |v| v.span),
        }
    }

    /// The entries of an attribute-set option, each read by `read`.
    fn named<T>(
        &mut self,
        parent: &Node<'a>,
        name: &str,
        mut read: impl FnMut(&mut Self, &Node<'a>, String, Span) -> T,
    ) -> Field<Vec<T>> {
        let node = self.child(parent, name);
        let span = node.value.map_or(Span::SYNTHETIC, |v| v.span);
        match Self::names(&node) {
            Known::Value(names) => {
                let mut out = Vec::new();
                for (n, nspan) in names {
                    let child = self.child(&node, &n);
                    out.push(read(self, &child, n, nspan));
                }
                Field {
                    value: Known::Value(out),
                    span,
                    defined_at: Span::SYNTHETIC,
                    via: Span::SYNTHETIC,
                    from_default: false,
                }
            }
            Known::Unknown(r) => {
                self.note(&node.loc, &r, span);
                Field {
                    value: Known::Unknown(r),
                    span,
                    defined_at: Span::SYNTHETIC,
                    via: Span::SYNTHETIC,
                    from_default: false,
                }
            }
            Known::Absent => Field::absent(),
        }
    }

    fn pocketid(&mut self, root: &Node<'a>) -> PocketId {
        let node = self.node(root, &["modules", "services", "pocketid"]);
        let smtp = self.child(&node, "smtp");
        PocketId {
            present: node.value.is_some(),
            enable: self.bool_field(&node, "enable"),
            domain: self.str_field(&node, "domain"),
            public_url: self.str_field(&node, "publicUrl"),
            smtp: Smtp {
                host: self.str_field(&smtp, "host"),
                port: self.int_field(&smtp, "port"),
                username: self.str_field(&smtp, "username"),
                password_file: self.str_field(&smtp, "passwordFile"),
            },
            span: node.value.map_or(Span::SYNTHETIC, |v| v.span),
        }
    }

    fn secrets(&mut self, root: &Node<'a>) -> Field<BTreeMap<String, Span>> {
        let node = self.node(root, &["sops", "secrets"]);
        match Self::names(&node) {
            Known::Value(names) => Field {
                value: Known::Value(names.into_iter().collect()),
                ..Field::absent()
            },
            Known::Unknown(r) => Field {
                value: Known::Unknown(r),
                ..Field::absent()
            },
            Known::Absent => Field::absent(),
        }
    }
}

/// A definition's recorded span is where the definition starts (the
/// `caddySecurity` of `caddySecurity.enable = true`); the attribute's own key
/// is more precise when it lies in the same text after that start.
fn refine_definition(defined_at: Span, entry_span: Span) -> Span {
    if defined_at.is_synthetic() {
        return entry_span;
    }
    if !entry_span.is_synthetic()
        && entry_span.file == defined_at.file
        && entry_span.start >= defined_at.start
    {
        return entry_span;
    }
    defined_at
}
