//! What several rules need: the caddySecurity blocks that take effect,
//! walking known values, and small text helpers.

use crate::diagnostic::Diagnostic;
use crate::files::Span;
use crate::model::{
    CaddySecurity, CaddySite, Field, Host, Known, Located, Model, Service, Site, StrList,
    VirtualHost,
};

use super::LintCx;

/// Who a `caddySecurity` block belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'m> {
    Service(&'m Service),
    VirtualHost(&'m VirtualHost),
}

impl<'m> Owner<'m> {
    pub fn name(&self) -> &'m str {
        match self {
            Owner::Service(s) => &s.name,
            Owner::VirtualHost(v) => &v.name,
        }
    }

    pub fn host_name(&self) -> &'m Field<String> {
        match self {
            Owner::Service(s) => &s.host_name,
            Owner::VirtualHost(v) => &v.host_name,
        }
    }
}

/// A `caddySecurity` block that is on: its service (or virtual host) is
/// published and the block is enabled, as far as the evaluation knows.
#[derive(Debug, Clone, Copy)]
pub struct Block<'m> {
    pub host: &'m Host,
    pub owner: Owner<'m>,
    pub cs: &'m CaddySecurity,
}

/// Every enabled block of every host: services' own blocks and the virtual
/// hosts' (the same values arriving twice are reported once, since
/// findings with the same location merge).
pub fn active_blocks(model: &Model) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    for host in &model.hosts {
        for svc in &host.services {
            if svc.published() == Some(true) && svc.caddy_security.enabled() == Some(true) {
                out.push(Block {
                    host,
                    owner: Owner::Service(svc),
                    cs: &svc.caddy_security,
                });
            }
        }
        if let Known::Value(vhosts) = &host.virtual_hosts.value {
            for vh in vhosts {
                let on = !matches!(vh.enable.value, Known::Value(false) | Known::Unknown(_));
                if on && vh.caddy_security.enabled() == Some(true) {
                    out.push(Block {
                        host,
                        owner: Owner::VirtualHost(vh),
                        cs: &vh.caddy_security,
                    });
                }
            }
        }
    }
    out
}

/// Adds the owner to a finding about a block.
pub fn for_block(mut d: Diagnostic, b: &Block<'_>) -> Diagnostic {
    d.services.push(b.owner.name().to_string());
    d
}

/// The known strings of a list field with their locations; unknown
/// entries are skipped.
pub fn known_items(
    field: &Field<StrList>,
) -> impl Iterator<Item = (&str, &Located<Known<String>>)> {
    field
        .value
        .value()
        .into_iter()
        .flatten()
        .filter_map(|l| l.value.value().map(|s| (s.as_str(), l)))
}

/// Whether a list field is empty for sure (absent counts as empty).
pub fn surely_empty(field: &Field<StrList>) -> bool {
    match &field.value {
        Known::Absent => true,
        Known::Value(items) => items.is_empty(),
        Known::Unknown(_) => false,
    }
}

/// Whether a list field has at least one entry for sure.
pub fn surely_non_empty(field: &Field<StrList>) -> bool {
    matches!(&field.value, Known::Value(items) if !items.is_empty())
}

/// "a, b and c" in backticks.
pub fn code_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.len() {
        0 => "none".into(),
        1 => quoted[0].clone(),
        _ => format!(
            "{} and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    }
}

/// Every `allowedNetworks` list of a host that takes effect: enabled
/// blocks, their static API keys, and the global policies; with the owner
/// (service or virtual host) when there is one.
pub fn network_fields(model: &Model) -> Vec<(&Host, &Field<StrList>, Option<&str>)> {
    let mut out = Vec::new();
    for b in active_blocks(model) {
        out.push((b.host, &b.cs.allowed_networks, Some(b.owner.name())));
        if let Known::Value(keys) = &b.cs.static_api_keys.value {
            for k in keys {
                out.push((b.host, &k.allowed_networks, Some(b.owner.name())));
            }
        }
    }
    for host in &model.hosts {
        if let Known::Value(policies) = &host.security.policies.value {
            for p in policies {
                out.push((host, &p.allowed_networks, None));
            }
        }
    }
    out
}

/// A value in backticks for a message; an empty string shows as `""`.
pub fn shown(s: &str) -> String {
    if s.is_empty() {
        "`\"\"`".to_string()
    } else {
        format!("`{s}`")
    }
}

/// Whether `host`'s security app is on, for rules about portals and
/// policies: only a known `true` counts, and an unknown `enable` is noted
/// as what kept the rule silent.
pub fn security_on(cx: &mut LintCx<'_>, host: &Host) -> bool {
    let sec = &host.security;
    if let Known::Unknown(reason) = &sec.enable.value {
        cx.unresolved(
            host,
            "whether the security app is enabled",
            reason,
            sec.enable.location(),
        );
    }
    sec.enabled() == Some(true)
}

/// Where a site's hostName is best pointed at: the literal when it is
/// written out, else the `subdomain` it was built from
/// (`"${subdomain}.${domain}"` in a shared module), else the definition.
pub fn host_name_location(cx: &LintCx<'_>, site: &Site<'_>) -> Span {
    host_name_origin(cx, site).location()
}

/// Where the site's own hostName is written, when it is written for this
/// site (a literal, or the `subdomain` it is built from) rather than by a
/// shared template.
pub fn own_host_name_location(cx: &LintCx<'_>, site: &Site<'_>) -> Option<Span> {
    let origin = host_name_origin(cx, site);
    let field = site.host_name();
    let own =
        !std::ptr::eq(origin, field) || field.get().is_some_and(|n| cx.is_literal(field.span, n));
    (own && !origin.location().is_synthetic()).then(|| origin.location())
}

/// The field that determined a site's hostName (see `host_name_location`).
pub fn host_name_origin<'h>(cx: &LintCx<'_>, site: &Site<'h>) -> &'h Field<String> {
    let field = site.host_name();
    let Some(name) = field.get() else {
        return field;
    };
    if cx.is_literal(field.span, name) {
        return field;
    }
    let Some(sub) = site.service().map(|s| &s.subdomain) else {
        return field;
    };
    match sub.get() {
        Some(s)
            if !s.is_empty()
                && !sub.location().is_synthetic()
                && name
                    .to_ascii_lowercase()
                    .starts_with(&format!("{}.", s.to_ascii_lowercase())) =>
        {
            sub
        }
        _ => field,
    }
}

/// Adds the site to a finding about it.
pub fn for_site(mut d: Diagnostic, site: &Site<'_>) -> Diagnostic {
    d.services.push(site.name().to_string());
    d
}

/// The `caddySecurity` a site's owner wrote: the service's own block when
/// the site has a service that enables it, else the enforced block (a
/// forwarded block carries the same values but comes "via" the module
/// that forwards it).
pub fn written_block<'h>(site: &Site<'h>) -> &'h CaddySecurity {
    match site.service() {
        Some(svc) if svc.caddy_security.enabled() == site.caddy_security().enabled() => {
            &svc.caddy_security
        }
        _ => site.caddy_security(),
    }
}

/// A field of the site's `caddySecurity` as its owner wrote it: the
/// service's own when the enforced block carries the same value, else the
/// enforced one.
pub fn written<'h, T: PartialEq>(
    site: &Site<'h>,
    get: impl Fn(&'h CaddySecurity) -> &'h Field<T>,
) -> &'h Field<T> {
    let enforced = get(site.caddy_security());
    match site.service() {
        Some(svc) if get(&svc.caddy_security).value == enforced.value => get(&svc.caddy_security),
        _ => enforced,
    }
}

/// Where a site opted in to caddySecurity: the `enable` it wrote, or the
/// definition it came through when that is a preset in another file
/// (`caddySecurity = presets.admin // { ... };`).
pub fn opt_in_location(site: &Site<'_>) -> Span {
    let cs = written_block(site);
    let enable = cs.enable.location();
    if enable.is_synthetic() {
        return if cs.enable.via.is_synthetic() {
            cs.span
        } else {
            cs.enable.via
        };
    }
    if !cs.enable.via.is_synthetic() && cs.enable.via.file != enable.file {
        cs.enable.via
    } else {
        enable
    }
}

/// The NixOS `services.caddy.virtualHosts` site serving `host_name`
/// (its `hostName`, else its attribute name), if the sites are known.
pub fn site_for<'m>(host: &'m Host, host_name: &str) -> Known<Option<&'m CaddySite>> {
    match &host.caddy_sites.value {
        Known::Absent => Known::Value(None),
        Known::Unknown(r) => Known::Unknown(r.clone()),
        Known::Value(sites) => Known::Value(sites.iter().find(|s| match s.host_name.get() {
            Some(h) => h.eq_ignore_ascii_case(host_name),
            None => s.name.eq_ignore_ascii_case(host_name),
        })),
    }
}

/// The candidate nearest to `name`: the smallest Damerau–Levenshtein
/// distance between the `key`s of both, when it is at most a third of the
/// candidate's length (and never less than 2 is allowed); ties go to the
/// smaller name. `key` says which differences do not count (case, say).
pub fn nearest<'a, T: Copy>(
    name: &str,
    candidates: impl IntoIterator<Item = (&'a str, T)>,
    key: impl Fn(&str) -> String,
) -> Option<(&'a str, T)> {
    let wanted = key(name);
    candidates
        .into_iter()
        .map(|(c, extra)| (strsim::damerau_levenshtein(&key(c), &wanted), c, extra))
        .filter(|(d, c, _)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, c, _)| (*d, *c))
        .map(|(_, c, extra)| (c, extra))
}

/// A token of Caddyfile text (see [`caddy_tokens`]). Environment
/// placeholders are not expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaddyToken {
    pub text: String,
    /// Quoted or heredoc: never a brace or a directive.
    pub quoted: bool,
    /// Line (0-based) of the first character; escaped line breaks do not
    /// count.
    pub line: usize,
    /// Line of the last character (differs for multi-line quoted tokens).
    pub end_line: usize,
    /// Byte range in the input, quotes included.
    pub start: usize,
    pub end: usize,
}

/// Splits Caddyfile text into tokens with Caddy's own lexer (as the
/// production Caddy reads it: heredocs included), numbering lines from 0.
pub fn caddy_tokens(input: &str) -> Vec<CaddyToken> {
    let (tokens, _) = crate::caddy::caddyfile::lexer::tokenize(
        input,
        crate::caddy::caddyfile::CaddyVersion::default(),
    );
    tokens
        .into_iter()
        .map(|t| {
            let line = t.line.saturating_sub(1) as usize;
            CaddyToken {
                quoted: t.is_quoted(),
                line,
                end_line: line + t.line_breaks() as usize,
                start: t.span.start,
                end: t.span.end,
                text: t.text,
            }
        })
        .collect()
}

/// A directive line of Caddyfile text with the block it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaddyNode {
    /// The line's tokens, without the opening `{`.
    pub tokens: Vec<CaddyToken>,
    pub children: Vec<CaddyNode>,
}

impl CaddyNode {
    /// The directive name (the first token, unless quoted).
    pub fn directive(&self) -> Option<&str> {
        self.tokens
            .first()
            .filter(|t| !t.quoted)
            .map(|t| t.text.as_str())
    }

    /// Every node of the block, at any depth.
    pub fn descendants(&self) -> Vec<&CaddyNode> {
        let mut out = Vec::new();
        let mut stack: Vec<&CaddyNode> = self.children.iter().rev().collect();
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(n.children.iter().rev());
        }
        out
    }
}

/// Groups tokens into lines and blocks: a line ending in `{` opens a
/// block, a line starting with `}` closes it.
pub fn caddy_tree(tokens: &[CaddyToken]) -> Vec<CaddyNode> {
    let mut lines: Vec<Vec<CaddyToken>> = Vec::new();
    let mut last_end: Option<usize> = None;
    for t in tokens {
        match (lines.last_mut(), last_end) {
            (Some(l), Some(e)) if t.line <= e => l.push(t.clone()),
            _ => lines.push(vec![t.clone()]),
        }
        last_end = Some(t.end_line);
    }
    let mut iter = lines.into_iter();
    tree_level(&mut iter)
}

fn is_brace(t: &CaddyToken, b: &str) -> bool {
    !t.quoted && t.text == b
}

fn tree_level(lines: &mut impl Iterator<Item = Vec<CaddyToken>>) -> Vec<CaddyNode> {
    let mut out = Vec::new();
    while let Some(mut line) = lines.next() {
        if line.first().is_some_and(|t| is_brace(t, "}")) {
            return out;
        }
        let opens = line.last().is_some_and(|t| is_brace(t, "{"));
        let children = if opens {
            line.pop();
            tree_level(lines)
        } else {
            Vec::new()
        };
        out.push(CaddyNode {
            tokens: line,
            children,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        caddy_tokens(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens_follow_caddys_lexer() {
        assert_eq!(
            texts("match groups Media Users"),
            ["match", "groups", "Media", "Users"]
        );
        assert_eq!(texts(r#"respond "a b" 200"#), ["respond", "a b", "200"]);
        assert_eq!(texts(r#"x "say \"hi\"" y"#), ["x", r#"say "hi""#, "y"]);
        assert_eq!(texts("a`b c` `d e`"), ["a`b", "c`", "d e"]);
        // `#` starts a comment only at the start of a word.
        assert_eq!(texts("c#-devs # note\nnext"), ["c#-devs", "next"]);
        // A quote inside a word is literal.
        assert_eq!(texts(r#"a"b"#), [r#"a"b"#]);
        // Placeholders are words, not braces.
        assert_eq!(
            texts("header_up X {remote_host}"),
            ["header_up", "X", "{remote_host}"]
        );
        // Heredocs lose the closing marker's indentation, as in Caddy 2.7+.
        assert_eq!(
            texts("respond <<EOF\n  hi }\n  EOF 200"),
            ["respond", "hi }", "200"]
        );
    }

    #[test]
    fn lines_and_continuations() {
        let t = caddy_tokens("a b \\\n  c\nd \"x\ny\" e\nf");
        let lines: Vec<(String, usize)> = t.iter().map(|t| (t.text.clone(), t.line)).collect();
        assert_eq!(
            lines,
            [
                ("a".to_string(), 0),
                ("b".to_string(), 0),
                // A continued line keeps the number of the line it
                // continues; the next line has its own.
                ("c".to_string(), 0),
                ("d".to_string(), 2),
                ("x\ny".to_string(), 2),
                ("e".to_string(), 3),
                ("f".to_string(), 4),
            ]
        );
        let tree = caddy_tree(&t);
        let firsts: Vec<&str> = tree.iter().filter_map(CaddyNode::directive).collect();
        assert_eq!(firsts, ["a", "d", "f"]);
    }

    #[test]
    fn blocks_nest() {
        let text = "handle /x/* {\n  route {\n    reverse_proxy a\n  }\n}\n@m path /y\nredir / /z\n\"handle\" {\n}\n";
        let tree = caddy_tree(&caddy_tokens(text));
        let top: Vec<Option<&str>> = tree.iter().map(CaddyNode::directive).collect();
        assert_eq!(top, [Some("handle"), Some("@m"), Some("redir"), None]);
        let inner: Vec<&str> = tree[0]
            .descendants()
            .into_iter()
            .filter_map(CaddyNode::directive)
            .collect();
        assert_eq!(inner, ["route", "reverse_proxy"]);
        assert_eq!(tree[0].tokens.len(), 2);
    }
}
