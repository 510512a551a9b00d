use crate::diagnostic::Severity;
use crate::files::Span;
use crate::model::{Field, Host, Known, Model, Schema};

use super::util::{self, known_items};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "caddyfile_unsafe_value",
    severity: Severity::Error,
    summary: "a value pasted raw into the Caddyfile that Caddy reads differently",
    doc: include_str!("../../lints/caddyfile_unsafe_value.md"),
    check: Some(check),
    default_enabled: true,
};

/// What a value is, for the message and the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    HostName,
    Policy,
    Portal,
    Claim,
    ClaimValue,
    Role,
    AllowedRole,
    AllowedGroup,
    Realm,
    BypassPath,
    KeyPath,
}

impl Kind {
    fn what(self) -> &'static str {
        match self {
            Kind::HostName => "`hostName`",
            Kind::Policy => "`policy`",
            Kind::Portal => "`portal`",
            Kind::Claim => "claimRoles `claim`",
            Kind::ClaimValue => "claimRoles `value`",
            Kind::Role => "claimRoles `role`",
            Kind::AllowedRole => "the role",
            Kind::AllowedGroup => "the group",
            Kind::Realm => "the realm",
            Kind::BypassPath => "the bypass path",
            Kind::KeyPath => "the static API key path",
        }
    }

    /// What several words mean where the value lands.
    fn split_meaning(self, words: &[String]) -> Option<String> {
        let all = util::code_list(&words.iter().map(String::as_str).collect::<Vec<_>>());
        let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
        let any = quoted.join(" or ");
        Some(match self {
            Kind::ClaimValue => format!("so the transform matches role {any}"),
            Kind::Role => format!("so the transform adds {all}"),
            Kind::AllowedRole | Kind::AllowedGroup => format!("so the policy allows {any}"),
            Kind::HostName => format!("so the site answers for {all}"),
            Kind::BypassPath | Kind::KeyPath => {
                format!("so the matcher gets the separate entries {all}")
            }
            Kind::Policy | Kind::Portal | Kind::Claim | Kind::Realm => return None,
        })
    }

    fn help(self) -> &'static str {
        match self {
            Kind::ClaimValue | Kind::AllowedGroup => {
                "use the Pocket ID group's `name` (one word such as `media_users`), not its display name: the module pastes the value into the Caddyfile without quoting"
            }
            Kind::HostName => "write a bare domain name: the module pastes it as the site address",
            _ => {
                "use a value without whitespace, quotes, braces or a leading `#`: the module pastes it into the Caddyfile without quoting"
            }
        }
    }
}

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        // Published sites: their addresses are pasted.
        for svc in &host.services {
            if svc.published() == Some(true) {
                scalar(cx, host, &svc.host_name, Kind::HostName, Some(&svc.name));
            }
        }
        if let Known::Value(vhs) = &host.virtual_hosts.value {
            for vh in vhs {
                if !matches!(vh.enable.value, Known::Value(false) | Known::Unknown(_)) {
                    scalar(cx, host, &vh.host_name, Kind::HostName, Some(&vh.name));
                }
            }
        }
        // Authorization policies and identity providers are rendered into
        // the global `security` block.
        if let Known::Value(policies) = &host.security.policies.value {
            let kind = match host.security.schema {
                Schema::Documented => Kind::AllowedGroup,
                Schema::Extended => Kind::AllowedRole,
            };
            for p in policies {
                for (v, item) in known_items(&p.allowed) {
                    value(cx, host, v, item.span, Span::SYNTHETIC, kind, None);
                }
            }
        }
        if let Known::Value(idps) = &host.security.identity_providers.value {
            for i in idps {
                scalar(cx, host, &i.realm, Kind::Realm, None);
            }
        }
    }
    for b in util::active_blocks(model) {
        let owner = Some(b.owner.name());
        scalar(cx, b.host, &b.cs.policy, Kind::Policy, owner);
        scalar(cx, b.host, &b.cs.portal, Kind::Portal, owner);
        if let Known::Value(roles) = &b.cs.claim_roles.value {
            for c in roles {
                scalar(cx, b.host, &c.claim, Kind::Claim, owner);
                scalar(cx, b.host, &c.value, Kind::ClaimValue, owner);
                scalar(cx, b.host, &c.role, Kind::Role, owner);
                scalar(cx, b.host, &c.realm, Kind::Realm, owner);
            }
        }
        for (v, item) in known_items(&b.cs.bypass_paths) {
            value(cx, b.host, v, item.span, Span::SYNTHETIC, Kind::BypassPath, owner);
        }
        if let Known::Value(keys) = &b.cs.static_api_keys.value {
            for k in keys {
                for (v, item) in known_items(&k.paths) {
                    value(cx, b.host, v, item.span, Span::SYNTHETIC, Kind::KeyPath, owner);
                }
            }
        }
    }
}

fn scalar(cx: &mut LintCx<'_>, host: &Host, f: &Field<String>, kind: Kind, owner: Option<&str>) {
    if let Known::Value(v) = &f.value {
        value(cx, host, v, f.location(), f.via, kind, owner);
    }
}

fn value(
    cx: &mut LintCx<'_>,
    host: &Host,
    v: &str,
    span: Span,
    via: Span,
    kind: Kind,
    owner: Option<&str>,
) {
    let Some(reading) = misreading(v, kind) else {
        return;
    };
    let mut d = cx
        .diag(
            host,
            span,
            format!(
                "{} `{v}` is pasted into the Caddyfile unquoted: {reading}",
                kind.what()
            ),
        )
        .help(kind.help())
        .label(via, "through this definition");
    if let Some(o) = owner {
        d.services.push(o.to_string());
    }
    cx.emit(d);
}

/// How Caddy's lexer reads `v` pasted as one word, when that is not
/// the value itself.
fn misreading(v: &str, kind: Kind) -> Option<String> {
    // Empty values are left alone: generators often treat "" as "unset".
    if v.is_empty() {
        return None;
    }
    let tokens = util::caddy_tokens(v);
    let words: Vec<String> = tokens.iter().map(|t| t.text.clone()).collect();
    let raw_words: Vec<&str> = v.split_whitespace().collect();
    let mut parts = Vec::new();
    if let Some(w) = raw_words.iter().find(|w| w.starts_with('#')) {
        parts.push(format!(
            "`{w}` starts a comment, so Caddy ignores the rest of the line"
        ));
    } else if let Some(w) = raw_words
        .iter()
        .find(|w| w.starts_with('"') || w.starts_with('`'))
    {
        let q = &w[..1];
        let closed = tokens.len() == 1 && tokens[0].quoted && v.len() >= 2 && v.ends_with(q);
        if closed {
            parts.push(format!(
                "Caddy reads the quotes as syntax, so the value becomes `{}`",
                tokens[0].text
            ));
        } else {
            parts.push(format!(
                "a word starting with `{q}` opens a quoted string that runs to the next `{q}` in the Caddyfile"
            ));
        }
    } else if v.contains(['\n', '\r']) {
        parts.push(
            "its line break ends the Caddyfile line, so what follows is read as a new directive"
                .to_string(),
        );
    } else if words.len() > 1 {
        let list = util::code_list(&words.iter().map(String::as_str).collect::<Vec<_>>());
        let mut s = format!("Caddy reads {} tokens, {list}", words.len());
        if let Some(m) = kind.split_meaning(&words) {
            s.push_str(", ");
            s.push_str(&m);
        }
        parts.push(s);
    }
    if let Some(w) = raw_words.iter().find(|w| w.starts_with("<<")) {
        parts.push(format!("`{w}` starts a heredoc"));
    }
    if let Some(at) = v.find("{$") {
        let name: String = v[at + 2..].chars().take_while(|c| *c != '}').collect();
        parts.push(format!(
            "Caddy replaces `{{${name}}}` with the environment variable `{name}` when it loads the file"
        ));
    } else if raw_words.iter().any(|w| *w == "{" || *w == "}") {
        parts.push("a lone brace opens or closes a Caddyfile block".to_string());
    } else if v.contains(['{', '}']) {
        parts.push("`{…}` is Caddy's placeholder syntax, not literal text".to_string());
    }
    if v.ends_with('\\') {
        parts.push("the trailing `\\` joins the next line of the Caddyfile to this one".to_string());
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("; "))
    }
}
