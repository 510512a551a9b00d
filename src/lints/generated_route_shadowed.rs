use crate::caddy::caddyfile::FindingKind;
use crate::diagnostic::Severity;
use crate::model::Model;

use crate::model::generated_routes as generated;
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "generated_route_shadowed",
    severity: Severity::Warning,
    summary: "a route of the generated Caddyfile never runs: an earlier route answers every request it matches",
    doc: include_str!("../../lints/generated_route_shadowed.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        let Some((cf, parsed)) = generated::known(host) else {
            if let Some((reason, span)) = generated::unknown_reason(host) {
                cx.unresolved(host, "the generated Caddyfile", &reason, span);
            }
            continue;
        };
        // Reported even when Caddy refuses the file: the shadowing stays
        // once the refusal is fixed.
        for f in parsed.findings() {
            if f.kind != FindingKind::GeneratedRouteShadowed {
                continue;
            }
            // Point at the matcher the route uses, when it is named: that
            // is what says which requests it was meant for.
            let range = named_matcher(parsed, &f.span).map_or_else(|| f.span.clone(), |m| m.span.clone());
            let Some(at) = generated::report_span(cf, range.clone()) else {
                continue;
            };
            let (line, text) = generated::first_line(cf, &f.span);
            let mut d = cx
                .diag(
                    host,
                    at,
                    format!("generated route `{text}` (Caddyfile line {line}) never runs: {}", f.message.trim_start_matches("this ").split_once(": ").map_or(f.message.as_str(), |(_, why)| why)),
                )
                .help("narrow or reorder the earlier route (Caddy sorts routes by directive, then by path length), or drop this one");
            for r in &f.related {
                // The earlier route's matcher lines say what it takes.
                let lines = named_matcher(parsed, r).and_then(|m| {
                    m.matchers
                        .iter()
                        .flat_map(|x| x.spans.iter().cloned())
                        .find_map(|l| cf.value_origin(l))
                });
                if let Some(s) = lines.or_else(|| generated::report_span(cf, r.clone()))
                    && s != at
                {
                    let (n, t) = generated::first_line(cf, r);
                    d = d.label(s, format!("`{t}` (line {n}) answers first"));
                }
            }
            if let Some(site) = cf.site_at(f.span.start) {
                d.services.push(site.name.clone());
            }
            cx.emit(d);
        }
    }
}

/// The named matcher of the route at `span`, if it uses one.
fn named_matcher(
    parsed: &crate::caddy::caddyfile::Caddyfile,
    span: &crate::caddy::caddyfile::Span,
) -> Option<crate::caddy::caddyfile::MatcherSet> {
    parsed
        .site_routes()
        .iter()
        .find_map(|sr| {
            generated::all_routes(&sr.routes)
                .into_iter()
                .find(|r| r.span == *span)
                .and_then(|r| r.matcher.clone().filter(|m| m.name.is_some()))
        })
}
