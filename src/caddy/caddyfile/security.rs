//! caddy-security's global `security { … }` block as typed values.
//!
//! Only the statements the NixOS generators write (SEMANTICS §1.1) are
//! typed; every other line is kept in an `other` list so nothing is lost.
//! Every value carries the span of the token it came from.

use super::Span;
use super::lexer::Token;
use super::parser::Directive;

/// A token value with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned {
    /// Text.
    pub text: String,
    /// Where.
    pub span: Span,
}

impl Spanned {
    fn of(t: &Token) -> Spanned {
        Spanned {
            text: t.text.clone(),
            span: t.span.clone(),
        }
    }
}

fn spanned(ts: &[Token]) -> Vec<Spanned> {
    ts.iter().map(Spanned::of).collect()
}

/// `security { … }`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Security {
    /// The whole block.
    pub span: Span,
    /// `authentication portal NAME { … }`.
    pub portals: Vec<Portal>,
    /// `authorization policy NAME { … }`.
    pub policies: Vec<Policy>,
    /// `oauth identity provider NAME { … }` (and `saml`).
    pub identity_providers: Vec<IdentityProvider>,
    /// `local identity store NAME { … }` (and `ldap`).
    pub identity_stores: Vec<IdentityStore>,
    /// Lines not modelled.
    pub other: Vec<Span>,
}

/// `transform user { … }` inside a portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transform {
    /// The whole block.
    pub span: Span,
    /// `match FIELD VALUES…` lines (`ANDed`; values of one line `ORed`).
    pub matches: Vec<TransformMatch>,
    /// `action …` lines.
    pub actions: Vec<TransformAction>,
    /// Other lines (`ui link`, `require mfa`, …).
    pub other: Vec<Span>,
}

/// One `match` line of a transform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransformMatch {
    /// `realm`, `groups`, `email`, `sub`, …
    pub field: Spanned,
    /// Values (any of them).
    pub values: Vec<Spanned>,
    /// The line.
    pub span: Span,
}

/// One `action` line of a transform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransformAction {
    /// All words after `action`.
    pub words: Vec<Spanned>,
    /// Roles added by `action add role R…`.
    pub add_roles: Vec<Spanned>,
    /// The line.
    pub span: Span,
}

/// `trust login redirect uri domain KIND D path KIND P` (also `logout`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustRule {
    /// `login` or `logout`.
    pub which: String,
    /// `exact`, `suffix`, `partial`, `regex`.
    pub domain_kind: Option<Spanned>,
    /// The domain.
    pub domain: Option<Spanned>,
    /// `exact`, `prefix`, `suffix`, `partial`, `regex`.
    pub path_kind: Option<Spanned>,
    /// The path.
    pub path: Option<Spanned>,
    /// The line.
    pub span: Span,
}

/// `cookie KEY VALUES…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieSetting {
    /// `domain`, `path`, `lifetime`, `insecure`, `samesite`, …
    pub key: Spanned,
    /// The rest of the line.
    pub values: Vec<Spanned>,
    /// The line.
    pub span: Span,
}

/// `authentication portal NAME { … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portal {
    /// Name.
    pub name: Spanned,
    /// The whole block.
    pub span: Span,
    /// `enable identity provider A B`.
    pub identity_providers: Vec<Spanned>,
    /// `enable identity store X`.
    pub identity_stores: Vec<Spanned>,
    /// Transforms in order.
    pub transforms: Vec<Transform>,
    /// Trust rules.
    pub trust_rules: Vec<TrustRule>,
    /// Cookie settings.
    pub cookies: Vec<CookieSetting>,
    /// `crypto default token lifetime N`.
    pub token_lifetime: Option<Spanned>,
    /// Lines not modelled.
    pub other: Vec<Span>,
}

/// `with api key auth portal P realm R` / `with basic auth …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthSource {
    /// `api key` or `basic`.
    pub kind: String,
    /// The portal named.
    pub portal: Option<Spanned>,
    /// The realm named.
    pub realm: Option<Spanned>,
    /// The line.
    pub span: Span,
}

/// `authorization policy NAME { … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Name.
    pub name: Spanned,
    /// The whole block.
    pub span: Span,
    /// `set auth url U`.
    pub auth_url: Option<Spanned>,
    /// `allow roles …` (all lines together).
    pub allow_roles: Vec<Spanned>,
    /// `inject headers with claims`.
    pub inject_headers_with_claims: Option<Span>,
    /// `with api key auth …` / `with basic auth …`.
    pub auth_sources: Vec<AuthSource>,
    /// `bypass uri KIND VALUE`.
    pub bypass: Vec<Vec<Spanned>>,
    /// Lines not modelled.
    pub other: Vec<Span>,
}

/// `oauth identity provider NAME { … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityProvider {
    /// `oauth` or `saml`.
    pub kind: String,
    /// Name.
    pub name: Spanned,
    /// The whole block.
    pub span: Span,
    /// `realm`.
    pub realm: Option<Spanned>,
    /// `driver`.
    pub driver: Option<Spanned>,
    /// `client_id`.
    pub client_id: Option<Spanned>,
    /// `client_secret`.
    pub client_secret: Option<Spanned>,
    /// `scopes …`.
    pub scopes: Vec<Spanned>,
    /// `base_auth_url`.
    pub base_auth_url: Option<Spanned>,
    /// `metadata_url`.
    pub metadata_url: Option<Spanned>,
    /// `delay_start`.
    pub delay_start: Option<Spanned>,
    /// Lines not modelled.
    pub other: Vec<Span>,
}

/// `local identity store NAME { … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityStore {
    /// `local` or `ldap`.
    pub kind: String,
    /// Name.
    pub name: Spanned,
    /// The whole block.
    pub span: Span,
    /// `realm`.
    pub realm: Option<Spanned>,
    /// `path`.
    pub path: Option<Spanned>,
    /// Lines not modelled.
    pub other: Vec<Span>,
}

fn words(d: &Directive) -> Vec<&str> {
    d.args.iter().map(|t| t.text.as_str()).collect()
}

fn one(d: &Directive) -> Option<Spanned> {
    d.args.first().map(Spanned::of)
}

impl Security {
    /// Reads a `security` directive of the global options block.
    pub fn from_directive(d: &Directive) -> Security {
        let mut s = Security {
            span: d.span(),
            ..Security::default()
        };
        for c in d.children() {
            let w = words(c);
            match (c.name(), w.as_slice()) {
                ("authentication", ["portal", _, ..]) => s.portals.push(portal(c)),
                ("authorization", ["policy", _, ..]) => s.policies.push(policy(c)),
                (kind @ ("oauth" | "saml"), ["identity", "provider", _, ..]) => {
                    s.identity_providers.push(provider(kind, c));
                }
                (kind @ ("local" | "ldap"), ["identity", "store", _, ..]) => {
                    s.identity_stores.push(store(kind, c));
                }
                _ => s.other.push(c.span()),
            }
        }
        s
    }

    /// Portal by name.
    pub fn portal(&self, name: &str) -> Option<&Portal> {
        self.portals.iter().find(|p| p.name.text == name)
    }

    /// Policy by name.
    pub fn policy(&self, name: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.name.text == name)
    }

    /// Identity provider by name.
    pub fn identity_provider(&self, name: &str) -> Option<&IdentityProvider> {
        self.identity_providers.iter().find(|p| p.name.text == name)
    }

    /// Identity store by name.
    pub fn identity_store(&self, name: &str) -> Option<&IdentityStore> {
        self.identity_stores.iter().find(|p| p.name.text == name)
    }
}

fn name_at(d: &Directive, i: usize) -> Spanned {
    d.args.get(i).map_or(
        Spanned {
            text: String::new(),
            span: d.name.span.clone(),
        },
        Spanned::of,
    )
}

fn portal(d: &Directive) -> Portal {
    let mut p = Portal {
        name: name_at(d, 1),
        span: d.span(),
        identity_providers: Vec::new(),
        identity_stores: Vec::new(),
        transforms: Vec::new(),
        trust_rules: Vec::new(),
        cookies: Vec::new(),
        token_lifetime: None,
        other: Vec::new(),
    };
    for c in d.children() {
        let w = words(c);
        match (c.name(), w.as_slice()) {
            ("enable", ["identity", "provider", ..]) => {
                p.identity_providers.extend(spanned(&c.args[2..]));
            }
            ("enable", ["identity", "store", ..]) => {
                p.identity_stores.extend(spanned(&c.args[2..]));
            }
            ("transform", ["user" | "users", ..]) => p.transforms.push(transform(c)),
            ("trust", [which @ ("login" | "logout"), "redirect", "uri", ..]) => {
                let rest = &c.args[3..];
                let mut r = TrustRule {
                    which: (*which).to_string(),
                    domain_kind: None,
                    domain: None,
                    path_kind: None,
                    path: None,
                    span: c.span(),
                };
                let mut i = 0;
                while i < rest.len() {
                    match rest[i].text.as_str() {
                        "domain" => {
                            r.domain_kind = rest.get(i + 1).map(Spanned::of);
                            r.domain = rest.get(i + 2).map(Spanned::of);
                            i += 3;
                        }
                        "path" => {
                            r.path_kind = rest.get(i + 1).map(Spanned::of);
                            r.path = rest.get(i + 2).map(Spanned::of);
                            i += 3;
                        }
                        _ => i += 1,
                    }
                }
                p.trust_rules.push(r);
            }
            ("cookie", [_, ..]) => p.cookies.push(CookieSetting {
                key: Spanned::of(&c.args[0]),
                values: spanned(&c.args[1..]),
                span: c.span(),
            }),
            ("crypto", ["default", "token", "lifetime", _]) => {
                p.token_lifetime = c.args.get(3).map(Spanned::of);
            }
            _ => p.other.push(c.span()),
        }
    }
    p
}

fn transform(d: &Directive) -> Transform {
    let mut t = Transform {
        span: d.span(),
        matches: Vec::new(),
        actions: Vec::new(),
        other: Vec::new(),
    };
    for c in d.children() {
        match c.name() {
            "match" if !c.args.is_empty() => t.matches.push(TransformMatch {
                field: Spanned::of(&c.args[0]),
                values: spanned(&c.args[1..]),
                span: c.span(),
            }),
            "action" => {
                let w = words(c);
                let add_roles = if w.len() >= 2 && w[0] == "add" && w[1] == "role" {
                    spanned(&c.args[2..])
                } else {
                    Vec::new()
                };
                t.actions.push(TransformAction {
                    words: spanned(&c.args),
                    add_roles,
                    span: c.span(),
                });
            }
            _ => t.other.push(c.span()),
        }
    }
    t
}

fn policy(d: &Directive) -> Policy {
    let mut p = Policy {
        name: name_at(d, 1),
        span: d.span(),
        auth_url: None,
        allow_roles: Vec::new(),
        inject_headers_with_claims: None,
        auth_sources: Vec::new(),
        bypass: Vec::new(),
        other: Vec::new(),
    };
    for c in d.children() {
        let w = words(c);
        match (c.name(), w.as_slice()) {
            ("set", ["auth", "url", _, ..]) => p.auth_url = c.args.get(2).map(Spanned::of),
            ("allow", ["roles" | "role", ..]) => p.allow_roles.extend(spanned(&c.args[1..])),
            ("inject", ["headers", "with", "claims"]) => {
                p.inject_headers_with_claims = Some(c.span());
            }
            ("with", rest) if rest.contains(&"auth") => {
                let auth_at = rest.iter().position(|x| *x == "auth").unwrap_or(0);
                let kind = rest[..auth_at].join(" ");
                let after = &c.args[auth_at + 1..];
                let mut src = AuthSource {
                    kind,
                    portal: None,
                    realm: None,
                    span: c.span(),
                };
                let mut i = 0;
                while i < after.len() {
                    match after[i].text.as_str() {
                        "portal" => src.portal = after.get(i + 1).map(Spanned::of),
                        "realm" => src.realm = after.get(i + 1).map(Spanned::of),
                        _ => {}
                    }
                    i += 1;
                }
                p.auth_sources.push(src);
            }
            ("bypass", _) => p.bypass.push(spanned(&c.args)),
            _ => p.other.push(c.span()),
        }
    }
    p
}

fn provider(kind: &str, d: &Directive) -> IdentityProvider {
    let mut p = IdentityProvider {
        kind: kind.to_string(),
        name: name_at(d, 2),
        span: d.span(),
        realm: None,
        driver: None,
        client_id: None,
        client_secret: None,
        scopes: Vec::new(),
        base_auth_url: None,
        metadata_url: None,
        delay_start: None,
        other: Vec::new(),
    };
    for c in d.children() {
        match c.name() {
            "realm" => p.realm = one(c),
            "driver" => p.driver = one(c),
            "client_id" => p.client_id = one(c),
            "client_secret" => p.client_secret = one(c),
            "scopes" => p.scopes.extend(spanned(&c.args)),
            "base_auth_url" => p.base_auth_url = one(c),
            "metadata_url" => p.metadata_url = one(c),
            "delay_start" => p.delay_start = one(c),
            _ => p.other.push(c.span()),
        }
    }
    p
}

fn store(kind: &str, d: &Directive) -> IdentityStore {
    let mut s = IdentityStore {
        kind: kind.to_string(),
        name: name_at(d, 2),
        span: d.span(),
        realm: None,
        path: None,
        other: Vec::new(),
    };
    for c in d.children() {
        match c.name() {
            "realm" => s.realm = one(c),
            "path" => s.path = one(c),
            _ => s.other.push(c.span()),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use crate::caddy::caddyfile::parse;

    const SRC: &str = r"{
	security {
		local identity store localdb {
			realm local
			path /var/lib/caddy/users.json
		}
		oauth identity provider pocketid {
			realm kestrel-pocketid
			driver generic
			client_id caddy
			client_secret {env.SECRET}
			scopes openid email profile groups
			base_auth_url https://id.example
			metadata_url https://id.example/.well-known/openid-configuration
			delay_start 5
		}
		authentication portal main {
			crypto default token lifetime 3600
			enable identity provider pocketid
			enable identity store localdb
			cookie domain example
			cookie insecure on
			trust login redirect uri domain exact a.example path prefix /
			transform user {
				match realm kestrel-pocketid
				match groups family friends
				action add role media guests
			}
			ui {
				links {
				}
			}
		}
		authorization policy media {
			set auth url /caddy-security/oauth2/generic
			allow roles media admins
			allow roles extra
			inject headers with claims
			with api key auth portal main realm local
		}
	}
}
";

    #[test]
    fn reads_every_part() {
        let cf = parse(SRC);
        assert!(cf.errors.is_empty(), "{:?}", cf.errors);
        let s = cf.security.as_ref().unwrap();
        let p = s.portal("main").unwrap();
        assert_eq!(p.identity_providers[0].text, "pocketid");
        assert_eq!(p.identity_stores[0].text, "localdb");
        assert_eq!(p.token_lifetime.as_ref().unwrap().text, "3600");
        assert_eq!(p.cookies.len(), 2);
        assert_eq!(p.cookies[0].values[0].text, "example");
        let t = &p.trust_rules[0];
        assert_eq!(t.domain.as_ref().unwrap().text, "a.example");
        assert_eq!(t.path_kind.as_ref().unwrap().text, "prefix");
        let tr = &p.transforms[0];
        assert_eq!(tr.matches.len(), 2);
        assert_eq!(tr.matches[1].values.len(), 2);
        assert_eq!(tr.actions[0].add_roles.len(), 2);
        assert_eq!(p.other.len(), 1);
        let pol = s.policy("media").unwrap();
        assert_eq!(pol.allow_roles.len(), 3);
        assert!(pol.inject_headers_with_claims.is_some());
        assert_eq!(pol.auth_sources[0].kind, "api key");
        assert_eq!(pol.auth_sources[0].portal.as_ref().unwrap().text, "main");
        assert_eq!(
            pol.auth_url.as_ref().map(|u| cf.slice(&u.span)),
            Some("/caddy-security/oauth2/generic")
        );
        let idp = s.identity_provider("pocketid").unwrap();
        assert_eq!(idp.scopes.len(), 4);
        assert_eq!(idp.realm.as_ref().unwrap().text, "kestrel-pocketid");
        assert_eq!(idp.delay_start.as_ref().unwrap().text, "5");
        assert_eq!(
            s.identity_store("localdb")
                .unwrap()
                .realm
                .as_ref()
                .unwrap()
                .text,
            "local"
        );
    }
}
