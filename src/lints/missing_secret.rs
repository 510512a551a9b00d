use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::{Known, Model};

use super::util::{self, code_list};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "missing_secret",
    severity: Severity::Error,
    summary: "a `config.sops.secrets.\"NAME\"` read of a secret the host never declares",
    doc: include_str!("../../lints/missing_secret.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for host in &model.hosts {
        let declared: Vec<(&str, crate::files::Span)> = match &host.secrets.value {
            Known::Value(m) => m.iter().map(|(n, s)| (n.as_str(), *s)).collect(),
            // The evaluator records a read only against a known set.
            _ => Vec::new(),
        };
        let mut seen = Vec::new();
        for ms in &host.missing_secrets {
            if seen.contains(&ms.span) {
                continue;
            }
            seen.push(ms.span);
            if feeds_disabled_pocketid(host, ms.span) {
                continue;
            }
            let name = &ms.name;
            let near = util::nearest(name, declared.iter().copied(), str::to_string);
            let list: Vec<&str> = declared.iter().map(|(n, _)| *n).collect();
            let help = match near {
                Some((n, _)) => format!(
                    "did you mean `{n}`? otherwise declare `sops.secrets.\"{name}\"` (declared: {})",
                    code_list(&list)
                ),
                None if list.is_empty() => {
                    format!("declare it: `sops.secrets.\"{name}\" = {{ }};`")
                }
                None => format!(
                    "declare `sops.secrets.\"{name}\"` or use a declared secret: {}",
                    code_list(&list)
                ),
            };
            let mut d = cx
                .diag(
                    host,
                    ms.span,
                    format!(
                        "secret `{name}` is read here but never declared in `sops.secrets`: NixOS fails to evaluate this host (attribute missing)"
                    ),
                )
                .help(help);
            if let Some((n, span)) = near {
                d = d.label(span, format!("`{n}` is declared here"));
                let quoted = format!("\"{name}\"");
                if cx.is_literal(ms.span, &quoted) {
                    d = d.fix(Fix {
                        title: format!("read `{n}` instead"),
                        edits: vec![Edit {
                            span: ms.span,
                            replacement: format!("\"{n}\""),
                        }],
                        applicability: Applicability::Unsafe,
                    });
                }
            }
            cx.emit(d);
        }
    }
}

/// Whether the read is Pocket ID's SMTP password file while Pocket ID is
/// off for sure: nothing uses the value, so NixOS never evaluates it.
fn feeds_disabled_pocketid(host: &crate::model::Host, span: crate::files::Span) -> bool {
    let p = &host.pocketid;
    matches!(p.enable.value, Known::Value(false))
        && (p.smtp.password_file.span == span || p.smtp.password_file.defined_at == span)
}
