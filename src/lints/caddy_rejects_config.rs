use crate::caddy::caddyfile::FindingKind;
use crate::diagnostic::Severity;
use crate::model::Model;

use crate::model::generated_routes::{self as generated, spans_in};
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
            cx.emit_unless_explained(d, behind, MORE_SPECIFIC);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::fixture_tests::copy_dir;

    fn findings(root: &Path) -> Vec<(&'static str, String)> {
        let analysis =
            crate::pipeline::analyze(&[root.to_path_buf()], None, crate::eval::Limits::default())
                .unwrap();
        crate::pipeline::diagnostics(&analysis, None)
            .into_iter()
            .map(|d| (d.rule, d.message))
            .collect()
    }

    /// A refusal is left to the more specific rule only while its finding
    /// is shown: turned off or silenced, the refusal is reported here.
    #[test]
    fn a_refusal_is_explained_only_by_a_rule_that_is_on() {
        let work = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("nixos-tests/extended-schema"),
            work.path(),
        );
        let services = work.path().join("hosts/kestrel/services.nix");
        let text = std::fs::read_to_string(&services).unwrap();
        let bad = text.replacen("\"192.168.1.0/24\"", "\"192.168.1.0/33\"", 1);
        assert_ne!(bad, text);
        std::fs::write(&services, bad).unwrap();
        let refused = |f: &[(&str, String)]| {
            f.iter()
                .filter(|(r, m)| *r == "caddy_rejects_config" && m.contains("192.168.1.0/33"))
                .count()
        };

        let on = findings(work.path());
        assert!(on.iter().any(|(r, _)| *r == "malformed_cidr"));
        assert_eq!(refused(&on), 0, "malformed_cidr explains it: {on:?}");

        std::fs::write(
            work.path().join("pocketlint.toml"),
            "[rules]\nmalformed_cidr = \"off\"\n",
        )
        .unwrap();
        let off = findings(work.path());
        assert!(!off.iter().any(|(r, _)| *r == "malformed_cidr"));
        assert!(refused(&off) > 0, "the refusal went unreported: {off:?}");

        // Silenced by a comment instead: the same.
        std::fs::remove_file(work.path().join("pocketlint.toml")).unwrap();
        let text = std::fs::read_to_string(&services).unwrap();
        let allowed = text.replacen(
            "  lan = [",
            "  # pocketlint: allow(malformed_cidr)\n  lan = [",
            1,
        );
        assert_ne!(allowed, text);
        std::fs::write(&services, allowed).unwrap();
        let silenced = findings(work.path());
        assert!(!silenced.iter().any(|(r, _)| *r == "malformed_cidr"));
        assert!(
            refused(&silenced) > 0,
            "the refusal went unreported: {silenced:?}"
        );
    }
}
