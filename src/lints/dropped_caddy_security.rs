use crate::diagnostic::Severity;
use crate::files::Span;
use crate::model::{
    CaddySecurity, ClaimRole, Field, Host, Known, Model, Service, StrList, VhostOf,
};

use super::util::{self, code_list};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "dropped_caddy_security",
    severity: Severity::Error,
    summary: "a service asks for caddy-security but its virtual host does not carry it",
    doc: include_str!("../../lints/dropped_caddy_security.md"),
    check: Some(check),
    default_enabled: true,
};

/// The outcome of comparing one field of the service's block with the
/// virtual host's.
enum Cmp {
    Same,
    Lost(String),
    Unknown(String),
}

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        if !matches!(host.virtual_hosts.value, Known::Value(_)) {
            continue;
        }
        // Whether services of this host register virtual hosts at all:
        // only then is a service without one a dropped forward.
        let pairings = host.pairings();
        let layer_used = host
            .services
            .iter()
            .zip(&pairings)
            .any(|(s, p)| s.published() == Some(true) && matches!(p, VhostOf::Found(_)));
        for (svc, pairing) in host.services.iter().zip(pairings) {
            if svc.published() != Some(true) || svc.caddy_security.enabled() != Some(true) {
                continue;
            }
            let (at, preset) = intent(cx, &svc.caddy_security);
            match pairing {
                VhostOf::Unknown(reason) => {
                    cx.unresolved(host, "the service's virtual host", reason, at);
                }
                VhostOf::Missing => {
                    if layer_used {
                        missing_vhost(cx, host, svc, at, preset);
                    }
                }
                VhostOf::Found(vh) => {
                    match &vh.enable.value {
                        // Not served by the virtual-host layer at all.
                        Known::Value(false) => continue,
                        Known::Unknown(r) => {
                            cx.unresolved(host, "the virtual host", r, at);
                            continue;
                        }
                        _ => {}
                    }
                    let site = vh
                        .host_name
                        .get()
                        .or(svc.host_name.get())
                        .map_or_else(|| format!("virtual host `{}`", vh.name), |h| format!("`{h}`"));
                    let vcs = &vh.caddy_security;
                    match vcs.enabled() {
                        None => {
                            let r = vcs.enable.value.unknown_reason().unwrap_or("unknown");
                            cx.unresolved(host, "the virtual host's caddySecurity", r, at);
                        }
                        Some(false) => {
                            let d = cx
                                .diag(
                                    host,
                                    at,
                                    format!(
                                        "`{}` sets `caddySecurity.enable = true`, but its virtual host `{}` is not protected: {site} is served without authentication",
                                        svc.name, vh.name
                                    ),
                                )
                                .help(format!(
                                    "forward the block in the module that registers the virtual host: `caddySecurity = cfg.reverseProxy.caddySecurity;` (or `inherit (cfg.reverseProxy) caddySecurity;`) in `modules.services.caddy.virtualHosts.{}`",
                                    vh.name
                                ))
                                .label(vh.defined_at, "the virtual host is built here without `caddySecurity`");
                            emit(cx, d, svc, preset);
                        }
                        Some(true) => {
                            let mut lost = Vec::new();
                            for (name, cmp) in compare(&svc.caddy_security, vcs) {
                                match cmp {
                                    Cmp::Same => {}
                                    Cmp::Lost(what) => lost.push((name, what)),
                                    Cmp::Unknown(reason) => {
                                        cx.unresolved(host, &format!("`{name}` of the virtual host"), &reason, at);
                                    }
                                }
                            }
                            if lost.is_empty() {
                                continue;
                            }
                            let names: Vec<&str> = lost.iter().map(|(n, _)| *n).collect();
                            let mut details: Vec<String> = lost.iter().map(|(_, w)| w.clone()).collect();
                            if names.contains(&"allowedNetworks")
                                && util::surely_empty(&vcs.allowed_networks)
                                && (util::surely_non_empty(&vcs.bypass_paths)
                                    || util::surely_non_empty(&vcs.bypass_resources))
                            {
                                details.push("its bypass is now open to every client".into());
                            }
                            let d = cx
                                .diag(
                                    host,
                                    at,
                                    format!(
                                        "the virtual host `{}` built from `{}` does not carry its caddySecurity {}: {}",
                                        vh.name,
                                        svc.name,
                                        code_list(&names),
                                        details.join("; ")
                                    ),
                                )
                                .help(format!(
                                    "forward the whole block instead of single fields: `caddySecurity = cfg.reverseProxy.caddySecurity;` in `modules.services.caddy.virtualHosts.{}`",
                                    vh.name
                                ))
                                .label(vh.defined_at, "the virtual host is built here");
                            emit(cx, d, svc, preset);
                        }
                    }
                }
            }
        }
    }
}

fn emit(
    cx: &mut LintCx<'_>,
    d: crate::diagnostic::Diagnostic,
    svc: &Service,
    preset: Option<Span>,
) {
    let mut d = d.label(
        svc.enable.defined_at,
        format!("`{}` is published here", svc.name),
    );
    if let Some(p) = preset {
        d = d.label(p, "`enable = true` comes from here");
    }
    d.services.push(svc.name.clone());
    cx.emit(d);
}

/// Where the service asks for protection: `enable = true` when the
/// service's own block says it, else the service's `caddySecurity = …`
/// definition the preset came through (with the preset's line).
fn intent(cx: &LintCx<'_>, cs: &CaddySecurity) -> (Span, Option<Span>) {
    let enable = &cs.enable;
    let at = if enable.defined_at.is_synthetic() {
        enable.location()
    } else {
        enable.defined_at
    };
    // A `via` that starts before `at` in the same file is the block that
    // holds `enable = true` itself, not a preset it came through.
    let through = &enable.via;
    if !through.is_synthetic() && (through.file != at.file || at.start < through.start) {
        return (*through, Some(at));
    }
    // Definition spans are the attribute names: `enable` belongs to the
    // block defined at `d` when it follows it inside the same binding.
    let within = |d: &Span| {
        if d.file != at.file || d.start > at.start {
            return false;
        }
        let between = Span {
            file: d.file,
            start: d.end,
            end: at.start,
        };
        cx.source(between).is_some_and(|text| same_binding(&text))
    };
    if cs.definitions.iter().any(within) {
        return (at, None);
    }
    match cs.definitions.last() {
        Some(d) if !d.is_synthetic() => (*d, Some(at)),
        _ => (at, None),
    }
}

/// Whether Nix text between an attribute name and a later one stays
/// inside the first binding: no `;` at its own level and no closing brace
/// below it. Strings and comments are not special-cased; this only picks
/// a location.
fn same_binding(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            ';' if depth == 0 => return false,
            _ => {}
        }
    }
    true
}

fn missing_vhost(cx: &mut LintCx<'_>, host: &Host, svc: &Service, at: Span, preset: Option<Span>) {
    let site = svc
        .host_name
        .get()
        .map_or_else(|| format!("`{}`", svc.name), |h| format!("`{h}`"));
    // The service's site may be written by hand with its own protection,
    // or by something pocketlint cannot see.
    let mut label = None;
    if let Some(h) = svc.host_name.get() {
        match util::site_for(host, h) {
            Known::Unknown(_) => return,
            Known::Value(Some(s)) => match &s.extra_config.value {
                Known::Value(text) if text.contains("authorize") => return,
                Known::Unknown(_) => return,
                _ => label = Some(s.defined_at),
            },
            _ => {}
        }
    }
    let mut d = cx
        .diag(
            host,
            at,
            format!(
                "`{}` sets `caddySecurity.enable = true`, but no virtual host in `modules.services.caddy.virtualHosts` is built from it: the shared Caddy module never protects {site}",
                svc.name
            ),
        )
        .help(format!(
            "register the service in the module that defines it: `modules.services.caddy.virtualHosts.{} = {{ inherit (cfg.reverseProxy) hostName backend caddySecurity; }};`",
            svc.name
        ));
    if let Some(l) = label {
        d = d.label(l, "the site is served here without caddy-security");
    }
    emit(cx, d, svc, preset);
}

/// Field-by-field comparison of what the service asks for with what the
/// virtual host carries.
fn compare(svc: &CaddySecurity, vh: &CaddySecurity) -> Vec<(&'static str, Cmp)> {
    vec![
        ("policy", scalar("policy", &svc.policy, &vh.policy)),
        ("portal", scalar("portal", &svc.portal, &vh.portal)),
        ("bypassPaths", list("bypassPaths", &svc.bypass_paths, &vh.bypass_paths)),
        (
            "bypassResources",
            list("bypassResources", &svc.bypass_resources, &vh.bypass_resources),
        ),
        (
            "allowedNetworks",
            list("allowedNetworks", &svc.allowed_networks, &vh.allowed_networks),
        ),
        ("claimRoles", claim_roles(&svc.claim_roles, &vh.claim_roles)),
        ("staticApiKeys", static_keys(svc, vh)),
    ]
}

/// A string option: the same value, or lost. Absent on either side means
/// the option does not exist there, which cannot be compared.
fn scalar(name: &str, a: &Field<String>, b: &Field<String>) -> Cmp {
    match (&a.value, &b.value) {
        (Known::Unknown(r), _) | (_, Known::Unknown(r)) => Cmp::Unknown(r.clone()),
        (Known::Value(x), Known::Value(y)) if x != y => {
            Cmp::Lost(format!("`{name}` is `{y}` instead of `{x}`"))
        }
        _ => Cmp::Same,
    }
}

/// The known entries of a list option, sorted; `None` when any is unknown.
/// Absent counts as empty.
fn entries(f: &Field<StrList>) -> Result<Vec<String>, String> {
    match &f.value {
        Known::Absent => Ok(Vec::new()),
        Known::Unknown(r) => Err(r.clone()),
        Known::Value(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                match &i.value {
                    Known::Value(s) => out.push(s.clone()),
                    Known::Absent => {}
                    Known::Unknown(r) => return Err(r.clone()),
                }
            }
            out.sort();
            out.dedup();
            Ok(out)
        }
    }
}

fn list(name: &str, a: &Field<StrList>, b: &Field<StrList>) -> Cmp {
    let (x, y) = match (entries(a), entries(b)) {
        (Err(r), _) | (_, Err(r)) => return Cmp::Unknown(r),
        (Ok(x), Ok(y)) => (x, y),
    };
    let missing: Vec<&str> = x
        .iter()
        .filter(|e| !y.contains(e))
        .map(String::as_str)
        .collect();
    let extra: Vec<&str> = y
        .iter()
        .filter(|e| !x.contains(e))
        .map(String::as_str)
        .collect();
    // Entries a module adds on the way (a feature flag's path) are not a
    // drop; only what the service asked for and the host lacks is.
    if missing.is_empty() {
        return Cmp::Same;
    }
    let mut what = format!("`{name}` lacks {}", code_list(&missing));
    if !extra.is_empty() {
        what = format!("{what} (it has {})", code_list(&extra));
    }
    Cmp::Lost(what)
}

fn text(f: &Field<String>) -> Result<Option<String>, String> {
    match &f.value {
        Known::Value(s) => Ok(Some(s.clone())),
        Known::Absent => Ok(None),
        Known::Unknown(r) => Err(r.clone()),
    }
}

type RoleKey = (Option<String>, Option<String>, Option<String>, Option<String>);

fn role_keys(f: &Field<Vec<ClaimRole>>) -> Result<Vec<RoleKey>, String> {
    match &f.value {
        Known::Absent => Ok(Vec::new()),
        Known::Unknown(r) => Err(r.clone()),
        Known::Value(items) => {
            let mut out = Vec::new();
            for c in items {
                out.push((text(&c.realm)?, text(&c.claim)?, text(&c.value)?, text(&c.role)?));
            }
            out.sort();
            out.dedup();
            Ok(out)
        }
    }
}

fn claim_roles(a: &Field<Vec<ClaimRole>>, b: &Field<Vec<ClaimRole>>) -> Cmp {
    match (role_keys(a), role_keys(b)) {
        (Err(r), _) | (_, Err(r)) => Cmp::Unknown(r),
        (Ok(x), Ok(y)) => {
            let lost = x.iter().filter(|k| !y.contains(k)).count();
            if lost == 0 {
                Cmp::Same
            } else {
                Cmp::Lost(format!(
                    "`claimRoles` lacks {lost} of the service's {} mapping{}",
                    x.len(),
                    if x.len() == 1 { "" } else { "s" }
                ))
            }
        }
    }
}

type KeyKey = (
    Option<String>,
    Option<String>,
    Option<String>,
    Vec<String>,
    Vec<String>,
);

fn key_keys(cs: &CaddySecurity) -> Result<Vec<KeyKey>, String> {
    match &cs.static_api_keys.value {
        Known::Absent => Ok(Vec::new()),
        Known::Unknown(r) => Err(r.clone()),
        Known::Value(keys) => {
            let mut out = Vec::new();
            for k in keys {
                out.push((
                    text(&k.name)?,
                    text(&k.header_name)?,
                    text(&k.env_var)?,
                    entries(&k.paths)?,
                    entries(&k.allowed_networks)?,
                ));
            }
            out.sort();
            Ok(out)
        }
    }
}

fn static_keys(a: &CaddySecurity, b: &CaddySecurity) -> Cmp {
    match (key_keys(a), key_keys(b)) {
        (Err(r), _) | (_, Err(r)) => Cmp::Unknown(r),
        (Ok(x), Ok(y)) => {
            let lost = x.iter().filter(|k| !y.contains(k)).count();
            if lost == 0 {
                Cmp::Same
            } else {
                Cmp::Lost(format!(
                    "`staticApiKeys` lacks {lost} of the service's {} key{}",
                    x.len(),
                    if x.len() == 1 { "" } else { "s" }
                ))
            }
        }
    }
}
