//! The security model of a repository: per host, what it configures for
//! Pocket ID and caddy-security, each field with where it was written.
//! Plain data; lints read nothing else.

pub mod caddyfile;
mod extract;
mod generate;
#[cfg(test)]
mod generated_oracle_tests;
pub mod generated_routes;
mod nixos_checks;
mod sites;

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::files::Span;

pub use caddyfile::{CaddyfileSource, GeneratedCaddyfile, GeneratedSite, OriginKind, TextOrigin};
pub use extract::extract_host;
pub use sites::{Site, VhostOf};

/// A value the evaluation produced, could not produce, or that is absent.
#[derive(Debug, Clone, PartialEq)]
pub enum Known<T> {
    Value(T),
    /// Could not be evaluated statically; the reason says why.
    Unknown(String),
    /// Not set and no default.
    Absent,
}

impl<T> Known<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Known::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Known::Unknown(_))
    }

    pub fn unknown_reason(&self) -> Option<&str> {
        match self {
            Known::Unknown(r) => Some(r),
            _ => None,
        }
    }
}

/// A field with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<T> {
    pub value: Known<T>,
    /// Where the value was written (the literal, possibly in a preset
    /// file); synthetic for option defaults declared without a literal.
    pub span: Span,
    /// Where the option was defined (the attribute that set it).
    pub defined_at: Span,
    /// The definition it came through, when that is elsewhere (the
    /// service's `caddySecurity = presets.x;`).
    pub via: Span,
    /// The value is the option's declared default: nobody set it.
    pub from_default: bool,
}

impl<T> Field<T> {
    pub fn absent() -> Field<T> {
        Field {
            value: Known::Absent,
            span: Span::SYNTHETIC,
            defined_at: Span::SYNTHETIC,
            via: Span::SYNTHETIC,
            from_default: false,
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.value.value()
    }

    /// The best location to point at: the literal, else the definition.
    pub fn location(&self) -> Span {
        if self.span.is_synthetic() {
            self.defined_at
        } else {
            self.span
        }
    }
}

/// A string with its own location (an element of a list option).
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

pub type StrList = Vec<Located<Known<String>>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// `portalHost` + `policies.<name>.allowedGroups`.
    Documented,
    /// `identityProviders`, `authenticationPortals`, `authorizationPolicies`.
    Extended,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRole {
    pub realm: Field<String>,
    pub claim: Field<String>,
    pub value: Field<String>,
    pub role: Field<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StaticApiKey {
    pub name: Field<String>,
    pub header_name: Field<String>,
    pub env_var: Field<String>,
    pub paths: Field<StrList>,
    pub allowed_networks: Field<StrList>,
    pub span: Span,
}

/// A `caddySecurity` block (of a service or of a virtual host).
#[derive(Debug, Clone, PartialEq)]
pub struct CaddySecurity {
    pub present: bool,
    pub enable: Field<bool>,
    pub portal: Field<String>,
    pub policy: Field<String>,
    pub claim_roles: Field<Vec<ClaimRole>>,
    pub bypass_paths: Field<StrList>,
    pub bypass_resources: Field<StrList>,
    pub allowed_networks: Field<StrList>,
    pub static_api_keys: Field<Vec<StaticApiKey>>,
    pub span: Span,
    /// Where the block itself was defined (`caddySecurity = presets.x;`),
    /// option defaults left out.
    pub definitions: Vec<Span>,
}

impl CaddySecurity {
    pub fn missing() -> CaddySecurity {
        CaddySecurity {
            present: false,
            enable: Field::absent(),
            portal: Field::absent(),
            policy: Field::absent(),
            claim_roles: Field::absent(),
            bypass_paths: Field::absent(),
            bypass_resources: Field::absent(),
            allowed_networks: Field::absent(),
            static_api_keys: Field::absent(),
            span: Span::SYNTHETIC,
            definitions: Vec::new(),
        }
    }

    /// `Some(true)` when enabled, `None` when unknown.
    pub fn enabled(&self) -> Option<bool> {
        match &self.enable.value {
            Known::Value(b) => Some(*b),
            Known::Absent => Some(false),
            Known::Unknown(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Backend {
    pub host: Field<String>,
    pub port: Field<i64>,
    pub scheme: Field<String>,
}

/// `modules.services.<name>.reverseProxy`.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub name: String,
    /// `modules.services.<name>.enable`, when the service has one.
    pub service_enable: Field<bool>,
    pub enable: Field<bool>,
    pub host_name: Field<String>,
    /// `reverseProxy.subdomain`, which some repositories turn into the
    /// hostName (`"${subdomain}.${domain}"`).
    pub subdomain: Field<String>,
    pub backend: Backend,
    pub caddy_security: CaddySecurity,
    /// `reverseProxy.extraConfig`: Caddyfile text the repository's
    /// generator adds to the service's site.
    pub extra_config: Field<String>,
    /// Where `reverseProxy` was defined.
    pub defined_at: Span,
}

impl Service {
    /// Whether the service and its reverse proxy are on (`None`: unknown).
    pub fn published(&self) -> Option<bool> {
        let flag = |f: &Field<bool>, default: bool| match &f.value {
            Known::Value(b) => Some(*b),
            Known::Absent => Some(default),
            Known::Unknown(_) => None,
        };
        match (flag(&self.service_enable, true), flag(&self.enable, false)) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        }
    }
}

/// `modules.services.caddy.virtualHosts.<name>` (what the repository's
/// shared Caddy module renders).
#[derive(Debug, Clone, PartialEq)]
pub struct VirtualHost {
    pub name: String,
    pub enable: Field<bool>,
    pub host_name: Field<String>,
    pub caddy_security: CaddySecurity,
    pub extra_config: Field<String>,
    pub defined_at: Span,
}

/// NixOS's own `services.caddy.virtualHosts.<name>`.
#[derive(Debug, Clone, PartialEq)]
pub struct CaddySite {
    pub name: String,
    pub host_name: Field<String>,
    pub server_aliases: Field<StrList>,
    pub extra_config: Field<String>,
    pub defined_at: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub name: String,
    /// Documented schema: `allowedGroups`; extended: `allowRoles`.
    pub allowed: Field<StrList>,
    pub allowed_networks: Field<StrList>,
    pub auth_url: Field<String>,
    pub inject_headers: Field<bool>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IdentityProvider {
    pub name: String,
    pub driver: Field<String>,
    pub realm: Field<String>,
    pub client_id: Field<String>,
    pub base_auth_url: Field<String>,
    pub metadata_url: Field<String>,
    pub scopes: Field<StrList>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Portal {
    pub name: String,
    pub identity_providers: Field<StrList>,
    pub identity_stores: Field<StrList>,
    pub cookie_domain: Field<String>,
    pub extra_config: Field<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IdentityStore {
    pub name: String,
    pub realm: Field<String>,
    pub span: Span,
}

/// `modules.services.caddy.security`.
#[derive(Debug, Clone, PartialEq)]
pub struct Security {
    pub schema: Schema,
    pub present: bool,
    pub enable: Field<bool>,
    pub portal_host: Field<String>,
    /// Documented schema: `cookieDomain`, the domain the central portal's
    /// session cookie is issued for.
    pub cookie_domain: Field<String>,
    pub policies: Field<Vec<Policy>>,
    pub identity_providers: Field<Vec<IdentityProvider>>,
    pub portals: Field<Vec<Portal>>,
    pub identity_stores: Field<Vec<IdentityStore>>,
    /// `security.extraConfig`: raw Caddyfile text for the security app
    /// (the documented schema's only place for hand-written transforms).
    pub extra_config: Field<String>,
    pub span: Span,
}

impl Security {
    /// Whether the security app (portal and policies) is on: `None` when
    /// unknown; unset means off.
    pub fn enabled(&self) -> Option<bool> {
        match &self.enable.value {
            Known::Value(b) => Some(*b),
            Known::Absent => Some(false),
            Known::Unknown(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Smtp {
    pub host: Field<String>,
    pub port: Field<i64>,
    pub username: Field<String>,
    pub password_file: Field<String>,
}

/// `modules.services.pocketid`.
#[derive(Debug, Clone, PartialEq)]
pub struct PocketId {
    pub present: bool,
    pub enable: Field<bool>,
    pub domain: Field<String>,
    pub public_url: Field<String>,
    pub smtp: Smtp,
    pub span: Span,
}

/// A reference to `config.sops.secrets."NAME"` where no such secret is
/// declared.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingSecret {
    pub name: String,
    pub span: Span,
}

/// Something the evaluation could not know, for `--verbose` and
/// `inventory`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownNote {
    pub what: String,
    pub reason: String,
    pub span: Span,
}

/// An entry of a host's `assertions` (or `warnings`).
#[derive(Debug, Clone, PartialEq)]
pub struct NixosCheck {
    pub message: Known<String>,
    /// The assertion is false (always true for a warning, which is only
    /// listed when emitted).
    pub failed: Known<bool>,
    /// The message as written (or the warning's list element).
    pub span: Span,
    /// Options the message names that the configuration sets, with where
    /// (the host settings that trigger it).
    pub triggers: Vec<(String, Span)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Host {
    pub name: String,
    /// The entry module (repository-relative), when the host has one.
    pub entry: Option<String>,
    pub domain: Field<String>,
    pub security: Security,
    pub pocketid: PocketId,
    /// Declared `sops.secrets` names with where they were declared.
    pub secrets: Field<BTreeMap<String, Span>>,
    pub missing_secrets: Vec<MissingSecret>,
    pub services: Vec<Service>,
    pub virtual_hosts: Field<Vec<VirtualHost>>,
    pub caddy_sites: Field<Vec<CaddySite>>,
    /// The Caddyfile NixOS deploys (`services.caddy`), as evaluated;
    /// `Absent` when Caddy is not enabled.
    pub caddyfile: Known<std::sync::Arc<GeneratedCaddyfile>>,
    /// `assertions` (`{ assertion; message; }`) and `warnings`.
    pub assertions: Known<Vec<NixosCheck>>,
    pub warnings: Known<Vec<NixosCheck>>,
    pub unknowns: Vec<UnknownNote>,
    /// Evaluation errors met while building the model.
    pub errors: Vec<Diagnostic>,
    /// Modules pocketlint could not load (flake inputs, nixpkgs paths).
    pub skipped_modules: Vec<UnknownNote>,
    /// Files of the host's import closure.
    pub files: Vec<crate::files::FileId>,
}

/// Everything lints see.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub hosts: Vec<std::sync::Arc<Host>>,
}
