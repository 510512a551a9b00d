//! `pocketlint inventory [PATH]... [--format table|json]`: every service
//! behind the reverse proxy, per host, and how it is protected.
//!
//! The JSON form is a versioned contract (see README): unknown values are
//! `{"__unknown": reason}`, absent ones `null`.

use std::io::Write;

use serde_json::{Map, Value as J, json};

use crate::files::{SourceDb, Span};
use crate::model::{CaddySecurity, Field, Host, Known, Located, Schema, Service, StrList, VhostOf};
use crate::workspace::{HostResult, Workspace};

use super::exit;

pub const VERSION: u64 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

pub fn run(ws: &Workspace, results: &[HostResult], format: Format, out: &mut dyn Write) -> i32 {
    match format {
        Format::Json => {
            let doc = inventory_json(&ws.db, results);
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
        Format::Table => {
            let _ = write_table(&ws.db, results, out);
        }
    }
    exit::OK
}

fn location(db: &SourceDb, span: Span) -> J {
    if span.is_synthetic() {
        return J::Null;
    }
    match db.get(span.file) {
        Some(f) if !f.name.starts_with('/') => {
            json!({ "file": f.name, "line": f.line_col(span.start).line })
        }
        _ => J::Null,
    }
}

fn location_text(db: &SourceDb, span: Span) -> String {
    match location(db, span) {
        J::Object(m) => format!("{}:{}", m["file"].as_str().unwrap_or(""), m["line"]),
        _ => "-".into(),
    }
}

fn unknown(reason: &str) -> J {
    json!({ "__unknown": reason })
}

fn known<T>(k: &Known<T>, f: impl Fn(&T) -> J) -> J {
    match k {
        Known::Value(v) => f(v),
        Known::Unknown(r) => unknown(r),
        Known::Absent => J::Null,
    }
}

fn string(f: &Field<String>) -> J {
    known(&f.value, |s| J::String(s.clone()))
}

fn boolean(f: &Field<bool>) -> J {
    known(&f.value, |b| J::Bool(*b))
}

fn list(f: &Field<StrList>) -> J {
    known(&f.value, |items| J::Array(items.iter().map(item).collect()))
}

fn item(l: &Located<Known<String>>) -> J {
    known(&l.value, |s| J::String(s.clone()))
}

/// The hostName Caddy serves the service under: the service's own, or its
/// virtual host's when the service only names a subdomain.
fn served_host_name(svc: &Service, paired: VhostOf<'_>) -> J {
    match (&svc.host_name.value, paired) {
        (Known::Absent, VhostOf::Found(vh)) => string(&vh.host_name),
        (Known::Absent, VhostOf::Unknown(reason)) => unknown(reason),
        _ => string(&svc.host_name),
    }
}

/// Where the service's hostName was written (or its virtual host's, when
/// that is the one served).
fn served_host_name_span(svc: &Service, paired: VhostOf<'_>) -> Span {
    match (&svc.host_name.value, paired) {
        (Known::Absent, VhostOf::Found(vh)) => vh.host_name.location(),
        _ => svc.host_name.location(),
    }
}

/// Whether requests to the service must authenticate: `None` when unknown.
fn protected(svc: &Service, paired: VhostOf<'_>) -> Option<bool> {
    match svc.published() {
        Some(false) => return Some(false),
        None => return None,
        Some(true) => {}
    }
    paired.enforced(svc).ok()?.0.enabled()
}

fn allowed_roles(host: &Host, cs: &CaddySecurity) -> J {
    let Some(policy) = cs.policy.get() else {
        return string(&cs.policy);
    };
    match &host.security.policies.value {
        Known::Value(policies) => match policies.iter().find(|p| &p.name == policy) {
            Some(p) => list(&p.allowed),
            None => J::Null,
        },
        Known::Unknown(r) => unknown(r),
        Known::Absent => J::Null,
    }
}

fn caddy_security_json(host: &Host, cs: &CaddySecurity) -> Map<String, J> {
    let mut m = Map::new();
    m.insert("enabled".into(), boolean(&cs.enable));
    m.insert("portal".into(), string(&cs.portal));
    m.insert("policy".into(), string(&cs.policy));
    m.insert("allowedRoles".into(), allowed_roles(host, cs));
    m.insert(
        "claimRoles".into(),
        known(&cs.claim_roles.value, |roles| {
            J::Array(
                roles
                    .iter()
                    .map(|r| {
                        json!({
                            "realm": string(&r.realm),
                            "claim": string(&r.claim),
                            "value": string(&r.value),
                            "role": string(&r.role),
                        })
                    })
                    .collect(),
            )
        }),
    );
    m.insert("bypassPaths".into(), list(&cs.bypass_paths));
    m.insert("bypassResources".into(), list(&cs.bypass_resources));
    m.insert("allowedNetworks".into(), list(&cs.allowed_networks));
    m.insert(
        "staticApiKeys".into(),
        known(&cs.static_api_keys.value, |keys| {
            J::Array(
                keys.iter()
                    .map(|k| {
                        json!({
                            "name": string(&k.name),
                            "headerName": string(&k.header_name),
                            "envVar": string(&k.env_var),
                            "paths": list(&k.paths),
                            "allowedNetworks": list(&k.allowed_networks),
                        })
                    })
                    .collect(),
            )
        }),
    );
    m
}

/// One service of `host`, paired with its virtual host as `paired` says
/// (see [`Host::pairings`]).
fn service_json(db: &SourceDb, host: &Host, svc: &Service, paired: VhostOf<'_>) -> J {
    let served = paired.enforced(svc);
    let intent = caddy_security_json(host, &svc.caddy_security);
    let enforced = served.map(|(cs, vhost)| (caddy_security_json(host, cs), vhost));
    let mut m = Map::new();
    m.insert("name".into(), J::String(svc.name.clone()));
    m.insert(
        "enabled".into(),
        match svc.published() {
            Some(b) => J::Bool(b),
            None => unknown("whether the service is enabled is unknown"),
        },
    );
    m.insert("hostName".into(), served_host_name(svc, paired));
    m.insert(
        "protected".into(),
        match protected(svc, paired) {
            Some(b) => J::Bool(b),
            None => J::Null,
        },
    );
    for key in [
        "portal",
        "policy",
        "allowedRoles",
        "claimRoles",
        "bypassPaths",
        "bypassResources",
        "allowedNetworks",
        "staticApiKeys",
    ] {
        let value = match &enforced {
            Ok((cs, _)) => cs[key].clone(),
            Err(reason) => unknown(reason),
        };
        m.insert(key.into(), value);
    }
    m.insert(
        "virtualHost".into(),
        match &enforced {
            Ok((_, vhost)) => vhost.map_or(J::Null, |v| J::String((*v).into())),
            Err(reason) => unknown(reason),
        },
    );
    m.insert("intent".into(), J::Object(intent));
    m.insert("definedAt".into(), location(db, svc.defined_at));
    let cs = &svc.caddy_security;
    let mut sources = Map::new();
    for (key, span) in [
        ("hostName", served_host_name_span(svc, paired)),
        ("enable", svc.enable.location()),
        ("caddySecurity.enable", cs.enable.location()),
        ("portal", cs.portal.location()),
        ("policy", cs.policy.location()),
        ("claimRoles", cs.claim_roles.location()),
        ("bypassPaths", cs.bypass_paths.location()),
        ("bypassResources", cs.bypass_resources.location()),
        ("allowedNetworks", cs.allowed_networks.location()),
        ("staticApiKeys", cs.static_api_keys.location()),
    ] {
        let loc = location(db, span);
        if !loc.is_null() {
            sources.insert(key.into(), loc);
        }
    }
    m.insert("sources".into(), J::Object(sources));
    J::Object(m)
}

fn security_json(host: &Host) -> J {
    let s = &host.security;
    let mut m = Map::new();
    m.insert(
        "schema".into(),
        J::String(
            match s.schema {
                Schema::Documented => "documented",
                Schema::Extended => "extended",
            }
            .into(),
        ),
    );
    m.insert("enable".into(), boolean(&s.enable));
    m.insert("portalHost".into(), string(&s.portal_host));
    m.insert(
        "policies".into(),
        known(&s.policies.value, |ps| {
            J::Object(
                ps.iter()
                    .map(|p| {
                        let key = match s.schema {
                            Schema::Documented => "allowedGroups",
                            Schema::Extended => "allowRoles",
                        };
                        let mut pm = Map::new();
                        pm.insert(key.into(), list(&p.allowed));
                        pm.insert("allowedNetworks".into(), list(&p.allowed_networks));
                        if s.schema == Schema::Extended {
                            pm.insert("authUrl".into(), string(&p.auth_url));
                        }
                        (p.name.clone(), J::Object(pm))
                    })
                    .collect(),
            )
        }),
    );
    if s.schema == Schema::Extended {
        m.insert(
            "identityProviders".into(),
            known(&s.identity_providers.value, |ps| {
                J::Object(
                    ps.iter()
                        .map(|p| {
                            (
                                p.name.clone(),
                                json!({
                                    "driver": string(&p.driver),
                                    "realm": string(&p.realm),
                                    "baseAuthUrl": string(&p.base_auth_url),
                                    "metadataUrl": string(&p.metadata_url),
                                    "scopes": list(&p.scopes),
                                }),
                            )
                        })
                        .collect(),
                )
            }),
        );
        m.insert(
            "authenticationPortals".into(),
            known(&s.portals.value, |ps| {
                J::Object(
                    ps.iter()
                        .map(|p| {
                            (
                                p.name.clone(),
                                json!({
                                    "identityProviders": list(&p.identity_providers),
                                    "identityStores": list(&p.identity_stores),
                                    "cookieDomain": string(&p.cookie_domain),
                                }),
                            )
                        })
                        .collect(),
                )
            }),
        );
    }
    J::Object(m)
}

fn notes_json(db: &SourceDb, notes: &[crate::model::UnknownNote]) -> J {
    J::Array(
        notes
            .iter()
            .map(|n| json!({ "what": n.what, "reason": n.reason, "at": location(db, n.span) }))
            .collect(),
    )
}

pub fn inventory_json(db: &SourceDb, results: &[HostResult]) -> J {
    let hosts: Vec<J> = results
        .iter()
        .map(|r| {
            let h = &r.host;
            json!({
                "name": h.name,
                "domain": string(&h.domain),
                "security": security_json(h),
                "pocketid": {
                    "enable": boolean(&h.pocketid.enable),
                    "domain": string(&h.pocketid.domain),
                    "smtp": {
                        "host": string(&h.pocketid.smtp.host),
                        "passwordFile": string(&h.pocketid.smtp.password_file),
                    },
                },
                "services": h.services.iter().zip(h.pairings()).map(|(s, p)| service_json(db, h, s, p)).collect::<Vec<_>>(),
                "unknowns": notes_json(db, &h.unknowns),
                "skippedModules": notes_json(db, &h.skipped_modules),
                "errors": h.errors.iter().map(|e| json!({ "message": e.message, "at": location(db, e.span) })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "version": VERSION, "hosts": hosts })
}

fn cell(v: &J) -> String {
    match v {
        J::Null => "-".into(),
        J::Bool(b) => if *b { "yes" } else { "no" }.into(),
        J::String(s) => s.clone(),
        J::Array(items) if items.is_empty() => "-".into(),
        J::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(" "),
        J::Object(m) if m.contains_key("__unknown") => "unknown".into(),
        J::Object(m) => {
            if let (Some(c), Some(v), Some(r)) = (m.get("claim"), m.get("value"), m.get("role")) {
                format!("{}={}→{}", cell(c), cell(v), cell(r))
            } else {
                m.iter()
                    .map(|(k, v)| format!("{k}:{}", cell(v)))
                    .collect::<Vec<_>>()
                    .join(",")
            }
        }
        other @ J::Number(_) => other.to_string(),
    }
}

fn write_table(db: &SourceDb, results: &[HostResult], out: &mut dyn Write) -> std::io::Result<()> {
    for r in results {
        let h = &r.host;
        writeln!(
            out,
            "host {} (domain: {})",
            h.name,
            cell(&string(&h.domain))
        )?;
        let headers = [
            "service",
            "enabled",
            "hostName",
            "protected",
            "portal",
            "policy",
            "roles",
            "claimRoles",
            "bypassPaths",
            "bypassResources",
            "networks",
            "defined at",
        ];
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (s, paired) in h.services.iter().zip(h.pairings()) {
            let j = service_json(db, h, s, paired);
            rows.push(vec![
                s.name.clone(),
                cell(&j["enabled"]),
                cell(&j["hostName"]),
                match &j["protected"] {
                    J::Null => "unknown".into(),
                    v => cell(v),
                },
                cell(&j["portal"]),
                cell(&j["policy"]),
                cell(&j["allowedRoles"]),
                cell(&j["claimRoles"]),
                cell(&j["bypassPaths"]),
                cell(&j["bypassResources"]),
                cell(&j["allowedNetworks"]),
                location_text(db, s.defined_at),
            ]);
        }
        let widths: Vec<usize> = (0..headers.len())
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].chars().count())
                    .chain([headers[i].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: &[String]| -> String {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let header_cells: Vec<String> = headers.iter().map(|s| (*s).to_string()).collect();
        writeln!(out, "  {}", line(&header_cells))?;
        for row in &rows {
            writeln!(out, "  {}", line(row))?;
        }
        for u in &h.unknowns {
            writeln!(
                out,
                "  unknown: {} ({}) at {}",
                u.what,
                u.reason,
                location_text(db, u.span)
            )?;
        }
        for e in &h.errors {
            writeln!(
                out,
                "  error: {} at {}",
                e.message,
                location_text(db, e.span)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Unknown is not false: when the virtual hosts cannot be evaluated,
    /// the service's own `caddySecurity` is not offered as what Caddy
    /// enforces.
    #[test]
    fn a_service_whose_virtual_host_is_unknown_has_unknown_protection() {
        let dir =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/inventory/unknown_virtual_hosts");
        let analysis = crate::pipeline::analyze(&[dir], None, crate::eval::Limits::default())
            .expect("the fixture opens");
        let doc = super::inventory_json(&analysis.ws.db, &analysis.hosts);
        let sonarr = doc["hosts"][0]["services"]
            .as_array()
            .expect("services")
            .iter()
            .find(|s| s["name"] == "sonarr")
            .expect("sonarr");
        assert_eq!(sonarr["protected"], serde_json::Value::Null);
        for key in ["policy", "portal", "allowedNetworks", "virtualHost"] {
            assert!(
                sonarr[key]["__unknown"].is_string(),
                "{key}: {}",
                sonarr[key]
            );
        }
        // What the service asks for is still shown, as its intent.
        assert_eq!(sonarr["intent"]["policy"], "admins");
        assert_eq!(sonarr["hostName"], "sonarr.example.com");
    }
}
