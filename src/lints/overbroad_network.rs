use crate::caddy::remote_ip::parse_ip_token;
use crate::diagnostic::Severity;
use crate::model::Model;

use super::util::{self, known_items};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "overbroad_network",
    severity: Severity::Warning,
    summary: "an allowedNetworks prefix shorter than /8 (IPv4) or /16 (IPv6)",
    doc: include_str!("../../lints/overbroad_network.md"),
    check: Some(check),
    default_enabled: true,
};

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for (host, field, owner) in util::network_fields(model) {
        for (token, item) in known_items(field) {
            let Ok(range) = parse_ip_token(token) else { continue };
            if range.is_private_ranges() || !range.is_overbroad() {
                continue;
            }
            let share = if range.prefix_len() == 0 {
                "every address".to_string()
            } else if range.is_ipv4() {
                format!("1/{} of all IPv4 addresses", 1u64 << range.prefix_len())
            } else {
                format!("a /{} IPv6 block", range.prefix_len())
            };
            let mut d = cx
                .diag(host, item.span, format!("`{token}` covers {share}; it is effectively public"))
                .help("list only the networks the clients really come from (a LAN /24, a VPN subnet)");
            if let Some(o) = owner {
                d.services.push(o.to_string());
            }
            cx.emit(d);
        }
    }
}
