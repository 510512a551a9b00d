//! Concrete requests for `--matrix`: a path that a bypass regex matches,
//! an address inside a `remote_ip` range, an address outside all of them.

use std::fmt::Write as _;
use std::net::IpAddr;

use regex_syntax::hir::{Class, Hir, HirKind};

use crate::caddy::go_regex::GoRegex;
use crate::caddy::remote_ip::{IpRange, parse_ip_token};

/// A short request path the Go regex `pattern` matches (as Caddy's
/// `path_regexp` sees it), or `None` when none is found.
pub fn path_for_regex(pattern: &str) -> Option<String> {
    let re = GoRegex::compile(pattern).ok()?;
    let hir = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .build()
        .parse(re.rust_pattern())
        .ok()?;
    let mut out = String::new();
    shortest(&hir, &mut out);
    let mut candidates = vec![out.clone()];
    if !out.starts_with('/') {
        candidates.push(format!("/{out}"));
        candidates.push(format!("/x/{out}"));
    }
    candidates
        .into_iter()
        .map(|c| encode(&c))
        .find(|c| c.starts_with('/') && re.is_match(&crate::caddy::path_match::clean_path(c)))
}

/// A path the regex matches only because it is unanchored
/// (`/x/api/status/y` for `/api/status`), when there is one.
pub fn surprising_path_for_regex(pattern: &str) -> Option<String> {
    let re = GoRegex::compile(pattern).ok()?;
    let a = re.anchoring();
    if a.start && a.end {
        return None;
    }
    let base = path_for_regex(pattern)?;
    let candidate = match (a.start, a.end) {
        (false, false) => format!("/x{base}/y"),
        (false, true) => format!("/x{base}"),
        _ => format!("{base}x"),
    };
    re.is_match(&crate::caddy::path_match::clean_path(&candidate))
        .then_some(candidate)
}

/// Percent-encodes what cannot stand in a request target.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            ' ' | '?' | '#' | '%' | '\u{0}'..='\u{1f}' | '\u{7f}' => {
                let mut b = [0u8; 4];
                for byte in c.encode_utf8(&mut b).bytes() {
                    let _ = write!(out, "%{byte:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn shortest(h: &Hir, out: &mut String) {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(l) => out.push_str(&String::from_utf8_lossy(&l.0)),
        HirKind::Class(Class::Unicode(c)) => {
            if let Some(r) = c.ranges().first() {
                let pick = if r.start() <= 'a' && 'a' <= r.end() {
                    'a'
                } else {
                    r.start()
                };
                out.push(pick);
            }
        }
        HirKind::Class(Class::Bytes(c)) => {
            if let Some(r) = c.ranges().first() {
                let pick = if r.start() <= b'a' && b'a' <= r.end() {
                    b'a'
                } else {
                    r.start()
                };
                out.push(char::from(pick));
            }
        }
        HirKind::Repetition(r) => {
            for _ in 0..r.min.min(8) {
                shortest(&r.sub, out);
            }
        }
        HirKind::Capture(c) => shortest(&c.sub, out),
        HirKind::Concat(hs) => {
            for x in hs {
                shortest(x, out);
            }
        }
        HirKind::Alternation(hs) => {
            if let Some(x) = hs.first() {
                shortest(x, out);
            }
        }
    }
}

/// An address inside the `remote_ip` token (the first host of a network,
/// the address itself for a single address).
pub fn inside(token: &str) -> Option<IpAddr> {
    let range = parse_ip_token(token).ok()?;
    if range.zone().is_some() {
        return None;
    }
    let first = if range.is_private_ranges() {
        "192.168.0.1".to_string()
    } else {
        token.to_string()
    };
    let candidate: IpAddr = if first.contains('/') {
        let net: ipnet::IpNet = first.parse().ok()?;
        let base = net.trunc();
        if base.prefix_len() == base.max_prefix_len() {
            base.addr()
        } else {
            base.hosts().next().unwrap_or(base.addr())
        }
    } else {
        first.parse().ok()?
    };
    range.contains(candidate).then_some(candidate)
}

/// An address on the internet outside every range.
pub fn outside(ranges: &[IpRange]) -> IpAddr {
    let candidates: [IpAddr; 5] = [
        super::DEFAULT_FROM,
        IpAddr::from([198, 51, 100, 10]),
        IpAddr::from([8, 8, 8, 8]),
        IpAddr::from([1, 1, 1, 1]),
        "2001:db8::10".parse().unwrap_or(super::DEFAULT_FROM),
    ];
    candidates
        .into_iter()
        .find(|ip| !ranges.iter().any(|r| r.contains(*ip)))
        .unwrap_or(super::DEFAULT_FROM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_samples_match() {
        assert_eq!(
            path_for_regex(r"^/feed/v3/calendar/sonarr\.ics$").as_deref(),
            Some("/feed/v3/calendar/sonarr.ics")
        );
        assert_eq!(
            path_for_regex("/api/v3/system/status").as_deref(),
            Some("/api/v3/system/status")
        );
        assert_eq!(path_for_regex(r"^/rss/\d+$").as_deref(), Some("/rss/0"));
        let s = path_for_regex("status$").unwrap_or_default();
        assert!(s.starts_with('/') && s.ends_with("status"), "{s}");
        assert!(path_for_regex("(").is_none());
        assert_eq!(
            surprising_path_for_regex("/api/v3/system/status").as_deref(),
            Some("/x/api/v3/system/status/y")
        );
        assert_eq!(
            surprising_path_for_regex("^/rss/").as_deref(),
            Some("/rss/x")
        );
        assert_eq!(surprising_path_for_regex("^/health$"), None);
    }

    #[test]
    fn addresses_inside_and_outside() {
        assert_eq!(inside("10.0.0.0/8"), Some(IpAddr::from([10, 0, 0, 1])));
        assert_eq!(inside("10.100.0.1/24"), Some(IpAddr::from([10, 100, 0, 1])));
        assert_eq!(
            inside("192.168.1.10/32"),
            Some(IpAddr::from([192, 168, 1, 10]))
        );
        assert_eq!(inside("127.0.0.1"), Some(IpAddr::from([127, 0, 0, 1])));
        assert_eq!(
            inside("private_ranges"),
            Some(IpAddr::from([192, 168, 0, 1]))
        );
        assert_eq!(inside("10.0.0/8"), None);
        let all = parse_ip_token("0.0.0.0/0").unwrap();
        assert!(outside(std::slice::from_ref(&all)).is_ipv6());
        assert_eq!(outside(&[]), crate::access::DEFAULT_FROM);
    }
}
