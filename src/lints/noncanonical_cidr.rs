use crate::caddy::remote_ip::parse_ip_token;
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::Model;

use super::util::{self, known_items};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "noncanonical_cidr",
    severity: Severity::Warning,
    summary: "a network prefix with host bits set (10.0.0.1/8)",
    doc: include_str!("../../lints/noncanonical_cidr.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for (host, field, owner) in util::network_fields(model) {
        for (token, item) in known_items(field) {
            let Ok(range) = parse_ip_token(token) else { continue };
            if range.is_private_ranges() || !range.has_host_bits() {
                continue;
            }
            let canonical = range.canonical();
            let mut d = cx
                .diag(
                    host,
                    item.span,
                    format!("`{token}` has host bits set; Caddy matches it as `{canonical}`"),
                )
                .help(format!("write the network address: `{canonical}`"));
            if cx.is_literal(item.span, token) {
                d = d.fix(Fix {
                    title: format!("replace with `{canonical}`"),
                    edits: vec![Edit {
                        span: item.span,
                        replacement: canonical.clone(),
                    }],
                    applicability: Applicability::Safe,
                });
            }
            if let Some(o) = owner {
                d.services.push(o.to_string());
            }
            cx.emit(d);
        }
    }
}
