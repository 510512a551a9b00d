use crate::caddy::remote_ip::{IpErrorReason, parse_ip_token};
use crate::diagnostic::Severity;
use crate::model::Model;

use super::util::{self, known_items};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "malformed_cidr",
    severity: Severity::Error,
    summary: "an allowedNetworks entry that Caddy's remote_ip matcher rejects",
    doc: include_str!("../../lints/malformed_cidr.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for (host, field, owner) in util::network_fields(model) {
        for (token, item) in known_items(field) {
            let Err(err) = parse_ip_token(token) else { continue };
            // A placeholder is filled in when Caddy starts: not knowable here.
            if matches!(err.reason, IpErrorReason::Placeholder) {
                continue;
            }
            let mut d = cx
                .diag(host, item.span, format!("`{token}` is not a network Caddy's `remote_ip` accepts: {}", err.message))
                .help("write an address (`192.168.1.10`) or a prefix (`192.168.1.0/24`, `fd00::/8`), or `private_ranges`");
            if let Some(o) = owner {
                d.services.push(o.to_string());
            }
            cx.emit(d);
        }
    }
}
