use crate::caddy::caddyfile::FindingKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Model;

use crate::model::generated_routes::{self as generated, overlaps, spans_in};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "caddy_rejects_config",
    severity: Severity::Error,
    summary: "Caddy refuses the host's generated Caddyfile at load time",
    doc: include_str!("../../lints/caddy_rejects_config.md"),
    check: Some(check),
    default_enabled: true,
};

/// Rules that explain a refusal more precisely; a refusal whose source
/// they report is theirs.
const MORE_SPECIFIC: &[&str] = &[
    "duplicate_hostname",
    "invalid_bypass_regex",
    "malformed_cidr",
    "unknown_policy",
    "unknown_portal",
];

fn check(model: &Model, cx: &mut LintCx<'_>) {
    let specific = specific_findings(model, cx);
    for host in &model.hosts {
        let Some((cf, parsed)) = generated::known(host) else {
            if let Some((reason, span)) = generated::unknown_reason(host) {
                cx.unresolved(host, "the generated Caddyfile", &reason, span);
            }
            continue;
        };
        for f in parsed.findings() {
            if f.kind != FindingKind::CaddyRejectsConfig {
                continue;
            }
            let behind = spans_in(cf, f.span.clone());
            let explained = specific.iter().any(|d| {
                d.hosts.contains(&host.name)
                    && std::iter::once(d.span)
                        .chain(d.labels.iter().map(|l| l.span))
                        .any(|s| behind.iter().any(|b| overlaps(s, *b)))
            });
            if explained {
                continue;
            }
            let Some(at) = generated::report_span(cf, f.span.clone()) else {
                continue;
            };
            let (line, text) = generated::first_line(cf, &f.span);
            let mut d = cx
                .diag(
                    host,
                    at,
                    format!(
                        "Caddy refuses the generated Caddyfile: {} (line {line}: `{text}`)",
                        f.message
                    ),
                )
                .help("Caddy loads every site or none: until this is fixed, the host serves no site at all");
            if let Some(t) = generated::template_in(cf, f.span.clone(), at)
                && !cx.same_line(t, at)
            {
                d = d.label(t, "the generator writes it into the Caddyfile here");
            }
            for r in &f.related {
                if let Some(s) = generated::report_span(cf, r.clone())
                    && s != at
                {
                    d = d.label(s, "together with this");
                }
            }
            if let Some(site) = cf.site_at(f.span.start) {
                d.services.push(site.name.clone());
            }
            cx.emit(d);
        }
    }
}

/// What the more specific rules report (at their default severity).
fn specific_findings(model: &Model, cx: &LintCx<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for name in MORE_SPECIFIC {
        let Some(rule) = super::rule(name) else {
            continue;
        };
        let Some(run) = rule.check else { continue };
        let mut sub = LintCx::new(model, cx.db, rule);
        run(model, &mut sub);
        out.extend(sub.out);
    }
    out
}

