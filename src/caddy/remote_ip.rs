//! Caddy's `remote_ip` / `client_ip` matcher tokens, as Caddy 2.11.4 (built
//! with Go 1.25) parses and applies them.
//!
//! Ground truth: `/work/shared/SEMANTICS.md` §4 (CIDR semantics) and §7 rules
//! 17, 20, 21 and 23. The Caddy side is `modules/caddyhttp/ip_matchers.go`
//! (`provisionCidrsZonesFromRanges`, `matchIPByCidrZones`): a token is split
//! on `%` (the part after the first `%` is a zone filter), a token holding a
//! `/` goes to Go's `netip.ParsePrefix`, anything else to `netip.ParseAddr`
//! and becomes a /32 or /128. Go's parsers are reimplemented here from a
//! reading of `net/netip` (Go ≥ 1.22 rules: no leading zeros in the prefix
//! length, at most four hex digits per IPv6 group); the error texts follow
//! Go's wording so a lint message can quote what Caddy would print.
//!
//! Checked with `caddy validate` on Debian's Caddy 2.6.2 (Go 1.19.8): same
//! verdicts and messages, except where Go changed since: 2.6.2 accepts
//! `/08`, `/+8`, `/0128` and five-digit IPv6 groups (`00001::`), reports
//! `/-1` as out of range, nests the embedded-IPv4 message, accepts
//! `forwarded`, and does not resolve `{…}` placeholders.
//!
//! Every function is total: no input makes it panic.

use std::fmt;
use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What the Caddyfile keyword `private_ranges` expands to, in Caddy's order
/// (`internal/ranges.go`). Note `127.0.0.1/8` (host bits set, on purpose
/// upstream), no link-local and no `fc00::/7`.
pub const PRIVATE_RANGES: [&str; 6] = [
    "192.168.0.0/16",
    "172.16.0.0/12",
    "10.0.0.0/8",
    "127.0.0.1/8",
    "fd00::/8",
    "::1",
];

/// Why a token was refused. The variants mirror the distinct messages of
/// Go's `netip` parsers plus the Caddy-level refusals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IpErrorReason {
    /// `ParseAddr` found neither `.` nor `:` (hostnames, empty text, `[::1]`…).
    UnableToParse,
    /// Text starts with `%` before any `.`/`:`.
    MissingIpv6Address,
    Ipv4LeadingZero,
    Ipv4ValueTooLarge,
    Ipv4EmptyField,
    Ipv4TooLong,
    Ipv4TooShort,
    UnexpectedCharacter,
    Ipv6EmptyZone,
    Ipv6GroupTooLong,
    Ipv6FieldTooLarge,
    Ipv6EmptyField,
    Ipv6EmbeddedIpv4Position,
    Ipv6EmbeddedIpv4NoRoom,
    Ipv6WantColon,
    Ipv6TrailingColon,
    Ipv6MultipleEllipsis,
    Ipv6TrailingGarbage,
    Ipv6TooShort,
    Ipv6EllipsisTooShort,
    /// `ParsePrefix` on text without `/` (unreachable through Caddy, which
    /// only calls it for tokens containing `/`).
    NoSlash,
    ZoneInPrefix,
    /// Prefix length with a sign, a leading zero (`/08`, refused since
    /// Go 1.22), no digits or garbage.
    BadBits,
    BitsOutOfRange,
    /// `remote_ip forwarded` was removed in Caddy 2.8.
    ForwardedRemoved,
    /// The token holds a `{…}` placeholder; Caddy 2.11.4 resolves it once at
    /// provision time (unknown ones become empty), so it cannot be checked
    /// statically.
    Placeholder,
}

/// A refused token: the reason plus the text Caddy would log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpTokenError {
    pub token: String,
    pub reason: IpErrorReason,
    pub message: String,
}

impl fmt::Display for IpTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IpTokenError {}

/// Error of the Go-faithful parsers below, before Caddy wraps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoNetipError {
    pub reason: IpErrorReason,
    /// Exactly Go's `err.Error()` text (modulo `strconv.Quote` corner cases
    /// for exotic non-ASCII input).
    pub message: String,
}

impl fmt::Display for GoNetipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// One network as Go's `netip.Prefix` holds it: the address as written (host
/// bits kept) and the length. An IPv4-mapped IPv6 address stays IPv6, as in
/// Go, which is why `::ffff:10.0.0.0/104` never contains `10.0.0.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Net {
    bits128: u128,
    v4: bool,
    len: u8,
}

impl Net {
    fn width(&self) -> u8 {
        if self.v4 { 32 } else { 128 }
    }

    fn mask(&self) -> u128 {
        let w = u32::from(self.width());
        let len = u32::from(self.len).min(w);
        let ones = if w == 128 {
            u128::MAX
        } else {
            (1u128 << w) - 1
        };
        if len == 0 {
            return 0;
        }
        if len >= w {
            return ones;
        }
        ones & !(ones >> len)
    }

    fn masked(&self) -> u128 {
        self.bits128 & self.mask()
    }

    fn contains_bits(&self, v4: bool, bits: u128) -> bool {
        v4 == self.v4 && (bits & self.mask()) == self.masked()
    }

    fn overlaps(&self, other: &Net) -> bool {
        if self.v4 != other.v4 {
            return false;
        }
        let shorter = if self.len <= other.len { self } else { other };
        let m = shorter.mask();
        (self.bits128 & m) == (other.bits128 & m)
    }
}

/// A parsed `remote_ip` / `client_ip` token.
///
/// Usually one network; the `private_ranges` keyword is kept as one value
/// holding its six networks so a lint can talk about the token the user
/// wrote. `expand()` gives the individual networks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpRange {
    token: String,
    nets: Vec<Net>,
    zone: Option<String>,
    keyword: bool,
}

/// Parses one whitespace-free Caddyfile argument of `remote_ip`/`client_ip`.
///
/// `private_ranges` is a Caddyfile keyword (expanded by the unmarshaller);
/// inside a CEL `expression remote_ip('private_ranges')` Caddy does not
/// expand it and the text fails `ParseAddr` instead.
pub fn parse_ip_token(token: &str) -> Result<IpRange, IpTokenError> {
    if token == "private_ranges" {
        let mut nets = Vec::with_capacity(PRIVATE_RANGES.len());
        for t in PRIVATE_RANGES {
            match parse_single(t) {
                Ok(r) => nets.extend(r.nets),
                Err(e) => return Err(e),
            }
        }
        return Ok(IpRange {
            token: token.to_string(),
            nets,
            zone: None,
            keyword: true,
        });
    }
    if token == "forwarded" {
        return Err(IpTokenError {
            token: token.to_string(),
            reason: IpErrorReason::ForwardedRemoved,
            message:
                "the 'forwarded' option is no longer supported; use the 'client_ip' matcher instead"
                    .to_string(),
        });
    }
    if has_placeholder(token) {
        return Err(IpTokenError {
            token: token.to_string(),
            reason: IpErrorReason::Placeholder,
            message: format!(
                "'{token}' contains a placeholder that Caddy resolves at provision time; it cannot be checked statically"
            ),
        });
    }
    parse_single(token)
}

/// Parses every token of one `remote_ip` line (already split on whitespace),
/// expanding `private_ranges` into its six networks. Stops at the first
/// refused token, as Caddy's provisioning does.
pub fn parse_ip_tokens<'a, I>(tokens: I) -> Result<Vec<IpRange>, IpTokenError>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut out = Vec::new();
    for t in tokens {
        out.extend(parse_ip_token(t)?.expand());
    }
    Ok(out)
}

// Caddy's replacer treats `{…}` as a placeholder; a lone brace is literal
// (and then fails the address parse anyway).
fn has_placeholder(token: &str) -> bool {
    match token.find('{') {
        Some(open) => token[open..].contains('}'),
        None => false,
    }
}

fn parse_single(token: &str) -> Result<IpRange, IpTokenError> {
    // Caddy splits on every `%` and keeps pieces 0 and 1 only, before netip
    // ever sees the text; so netip's own zone rules (no zone on IPv4, none
    // in a prefix, no empty zone) never apply here.
    let (addr_part, zone) = match token.find('%') {
        Some(i) => {
            let rest = &token[i + 1..];
            let z = match rest.find('%') {
                Some(j) => &rest[..j],
                None => rest,
            };
            (&token[..i], z)
        }
        None => (token, ""),
    };
    let zone = if zone.is_empty() {
        None
    } else {
        Some(zone.to_string())
    };
    if addr_part.contains('/') {
        match go_parse_prefix(addr_part) {
            Ok((addr, len)) => Ok(IpRange {
                token: token.to_string(),
                nets: vec![net_from(addr, len)],
                zone,
                keyword: false,
            }),
            Err(e) => Err(IpTokenError {
                token: token.to_string(),
                reason: e.reason,
                message: format!("parsing CIDR expression '{addr_part}': {}", e.message),
            }),
        }
    } else {
        match go_parse_addr(addr_part) {
            Ok((addr, _zone)) => {
                let len = if addr.is_ipv4() { 32 } else { 128 };
                Ok(IpRange {
                    token: token.to_string(),
                    nets: vec![net_from(addr, len)],
                    zone,
                    keyword: false,
                })
            }
            Err(e) => Err(IpTokenError {
                token: token.to_string(),
                reason: e.reason,
                message: format!("invalid IP address: '{addr_part}': {}", e.message),
            }),
        }
    }
}

fn net_from(addr: IpAddr, len: u8) -> Net {
    match addr {
        IpAddr::V4(a) => Net {
            bits128: u128::from(u32::from(a)),
            v4: true,
            len,
        },
        IpAddr::V6(a) => Net {
            bits128: u128::from(a),
            v4: false,
            len,
        },
    }
}

fn net_addr(n: &Net, bits: u128) -> IpAddr {
    if n.v4 {
        // An IPv4 net keeps its address in the low 32 bits.
        let [.., a, b, c, d] = bits.to_be_bytes();
        IpAddr::V4(Ipv4Addr::new(a, b, c, d))
    } else {
        IpAddr::V6(Ipv6Addr::from(bits))
    }
}

fn ip_bits(ip: IpAddr) -> (bool, u128) {
    match ip {
        IpAddr::V4(a) => (true, u128::from(u32::from(a))),
        // No unmapping: Go's netip keeps ::ffff:a.b.c.d as a 128-bit address.
        IpAddr::V6(a) => (false, u128::from(a)),
    }
}

impl IpRange {
    /// The token as written.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// True for the `private_ranges` keyword.
    pub fn is_private_ranges(&self) -> bool {
        self.keyword
    }

    /// One `IpRange` per network (the six of `private_ranges`, else itself).
    pub fn expand(&self) -> Vec<IpRange> {
        if !self.keyword {
            return vec![self.clone()];
        }
        PRIVATE_RANGES
            .iter()
            .filter_map(|t| parse_single(t).ok())
            .collect()
    }

    /// The zone filter (`fe80::1%eth0` → `eth0`); `None` when absent or empty.
    pub fn zone(&self) -> Option<&str> {
        self.zone.as_deref()
    }

    /// Would a connection from `ip` (which, being a TCP peer address, has no
    /// zone) match? A token with a zone filter never matches a zoneless peer.
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.contains_with_zone(ip, None)
    }

    /// Caddy's `matchIPByCidrZones` for one token: the network must contain
    /// the address (same family; IPv4-mapped IPv6 is IPv6), and when the
    /// token has a zone the peer's zone must equal it.
    pub fn contains_with_zone(&self, ip: IpAddr, zone: Option<&str>) -> bool {
        let (v4, bits) = ip_bits(ip);
        let in_net = self.nets.iter().any(|n| n.contains_bits(v4, bits));
        if !in_net {
            return false;
        }
        match &self.zone {
            None => true,
            Some(z) => zone.unwrap_or("") == z.as_str(),
        }
    }

    /// Prefix length (32/128 for a bare address). For `private_ranges`, the
    /// shortest of its networks (8); use `expand()` for each.
    pub fn prefix_len(&self) -> u8 {
        self.nets.iter().map(|n| n.len).min().unwrap_or(0)
    }

    /// IPv4 network (false for IPv6, IPv4-mapped IPv6 and `private_ranges`).
    pub fn is_ipv4(&self) -> bool {
        !self.nets.is_empty() && self.nets.iter().all(|n| n.v4)
    }

    /// The address has bits set past the prefix length (`127.0.0.1/8`).
    /// Accepted by Caddy; worth an informational note. False for the
    /// keyword: its `127.0.0.1/8` is Caddy's, not the user's.
    pub fn has_host_bits(&self) -> bool {
        !self.keyword && self.nets.iter().any(|n| n.bits128 != n.masked())
    }

    /// The masked network as Go prints it (`10.0.0.0/8`, `2001:db8::/48`,
    /// `::ffff:10.0.0.0/104`), with `%zone` appended when there is a zone
    /// filter. Bare addresses get their /32 or /128. The keyword is returned
    /// unchanged.
    pub fn canonical(&self) -> String {
        if self.keyword {
            return self.token.clone();
        }
        let mut out = String::new();
        if let Some(n) = self.nets.first() {
            out.push_str(&go_addr_string(net_addr(n, n.masked())));
            out.push('/');
            out.push_str(&n.len.to_string());
        }
        if let Some(z) = &self.zone {
            out.push('%');
            out.push_str(z);
        }
        out
    }

    /// Shorter than /8 (IPv4) or /16 (IPv6): effectively public.
    /// `private_ranges` is never overbroad, although its `fd00::/8` alone
    /// would be by this rule.
    pub fn is_overbroad(&self) -> bool {
        if self.keyword {
            return false;
        }
        self.nets
            .iter()
            .any(|n| (n.v4 && n.len < 8) || (!n.v4 && n.len < 16))
    }

    /// Would a connection from loopback (127.0.0.0/8 or `::1`, as from a local
    /// reverse proxy or cloudflared) match? Zone-filtered tokens cannot
    /// match a zoneless peer. IPv4-mapped loopback does not count, since
    /// Go never presents an IPv4 peer as IPv4-mapped.
    pub fn contains_loopback(&self) -> bool {
        if self.zone.is_some() {
            return false;
        }
        let lo4 = Net {
            bits128: 0x7f00_0000,
            v4: true,
            len: 8,
        };
        let lo6 = Net {
            bits128: 1,
            v4: false,
            len: 128,
        };
        self.nets
            .iter()
            .any(|n| n.overlaps(&lo4) || n.overlaps(&lo6))
    }

    /// The network lies inside `::ffff:0:0/96`: it parses, but never matches
    /// an IPv4 client (Go compares address families strictly).
    pub fn is_ipv4_mapped(&self) -> bool {
        if self.keyword {
            return false;
        }
        let mapped = Net {
            bits128: 0xffff_0000_0000,
            v4: false,
            len: 96,
        };
        self.nets
            .iter()
            .any(|n| !n.v4 && n.len >= 96 && mapped.contains_bits(false, n.bits128))
    }
}

// ---------------------------------------------------------------------------
// Go `net/netip` parsing, reimplemented. Behaviour taken from reading Go's
// netip.go (current master, which matches the Go 1.22+ rules used by Caddy
// 2.11.4's Go 1.25 toolchain); messages are Go's.
// ---------------------------------------------------------------------------

fn addr_err(input: &str, reason: IpErrorReason, msg: &str, at: Option<&str>) -> GoNetipError {
    let message = match at {
        Some(a) if !a.is_empty() => format!(
            "ParseAddr({}): {} (at {})",
            go_quote(input),
            msg,
            go_quote(a)
        ),
        _ => format!("ParseAddr({}): {}", go_quote(input), msg),
    };
    GoNetipError { reason, message }
}

/// Go's `netip.ParseAddr`: returns the address and its IPv6 zone (if any).
pub fn go_parse_addr(s: &str) -> Result<(IpAddr, Option<String>), GoNetipError> {
    for &b in s.as_bytes() {
        match b {
            b'.' => return parse_ipv4(s, s).map(|a| (IpAddr::V4(a), None)),
            b':' => return parse_ipv6(s),
            b'%' => {
                return Err(addr_err(
                    s,
                    IpErrorReason::MissingIpv6Address,
                    "missing IPv6 address",
                    None,
                ));
            }
            _ => {}
        }
    }
    Err(addr_err(
        s,
        IpErrorReason::UnableToParse,
        "unable to parse IP",
        None,
    ))
}

// `whole` is what Go reports as the input (for an embedded IPv4 inside IPv6
// it is the whole IPv6 text, as in Go ≥ 1.23).
fn parse_ipv4(s: &str, whole: &str) -> Result<Ipv4Addr, GoNetipError> {
    let b = s.as_bytes();
    let mut fields = [0u8; 4];
    let mut val: u8 = 0;
    let mut pos = 0usize;
    let mut dig_len = 0usize;
    for i in 0..b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            if dig_len == 1 && val == 0 {
                return Err(addr_err(
                    whole,
                    IpErrorReason::Ipv4LeadingZero,
                    "IPv4 field has octet with leading zero",
                    None,
                ));
            }
            dig_len += 1;
            let Some(v) = val.checked_mul(10).and_then(|v| v.checked_add(c - b'0')) else {
                return Err(addr_err(
                    whole,
                    IpErrorReason::Ipv4ValueTooLarge,
                    "IPv4 field has value >255",
                    None,
                ));
            };
            val = v;
        } else if c == b'.' {
            if i == 0 || i == b.len() - 1 || b[i - 1] == b'.' {
                return Err(addr_err(
                    whole,
                    IpErrorReason::Ipv4EmptyField,
                    "IPv4 field must have at least one digit",
                    s.get(i..),
                ));
            }
            if pos == 3 {
                return Err(addr_err(
                    whole,
                    IpErrorReason::Ipv4TooLong,
                    "IPv4 address too long",
                    None,
                ));
            }
            fields[pos] = val;
            pos += 1;
            val = 0;
            dig_len = 0;
        } else {
            return Err(addr_err(
                whole,
                IpErrorReason::UnexpectedCharacter,
                "unexpected character",
                s.get(i..),
            ));
        }
    }
    if pos < 3 {
        return Err(addr_err(
            whole,
            IpErrorReason::Ipv4TooShort,
            "IPv4 address too short",
            None,
        ));
    }
    fields[3] = val;
    Ok(Ipv4Addr::from(fields))
}

fn parse_ipv6(input: &str) -> Result<(IpAddr, Option<String>), GoNetipError> {
    let (body, zone) = match input.find('%') {
        Some(i) => {
            let z = &input[i + 1..];
            if z.is_empty() {
                return Err(addr_err(
                    input,
                    IpErrorReason::Ipv6EmptyZone,
                    "zone must be a non-empty string",
                    None,
                ));
            }
            (&input[..i], Some(z.to_string()))
        }
        None => (input, None),
    };
    let mut ip = [0u8; 16];
    let mut ellipsis: Option<usize> = None;
    let mut s = body;
    if s.starts_with("::") {
        ellipsis = Some(0);
        s = &s[2..];
        if s.is_empty() {
            return Ok((IpAddr::V6(Ipv6Addr::UNSPECIFIED), zone));
        }
    }
    let mut i = 0usize;
    while i < 16 {
        let sb = s.as_bytes();
        let mut off = 0usize;
        let mut acc: u32 = 0;
        while off < sb.len() {
            let d = match sb[off] {
                c @ b'0'..=b'9' => u32::from(c - b'0'),
                c @ b'a'..=b'f' => u32::from(c - b'a' + 10),
                c @ b'A'..=b'F' => u32::from(c - b'A' + 10),
                _ => break,
            };
            acc = (acc << 4) + d;
            if off > 3 {
                return Err(addr_err(
                    input,
                    IpErrorReason::Ipv6GroupTooLong,
                    "each group must have 4 or less digits",
                    Some(s),
                ));
            }
            if acc > 0xffff {
                return Err(addr_err(
                    input,
                    IpErrorReason::Ipv6FieldTooLarge,
                    "IPv6 field has value >=2^16",
                    Some(s),
                ));
            }
            off += 1;
        }
        if off == 0 {
            return Err(addr_err(
                input,
                IpErrorReason::Ipv6EmptyField,
                "each colon-separated field must have at least one digit",
                Some(s),
            ));
        }
        if off < sb.len() && sb[off] == b'.' {
            if ellipsis.is_none() && i != 12 {
                return Err(addr_err(
                    input,
                    IpErrorReason::Ipv6EmbeddedIpv4Position,
                    "embedded IPv4 address must replace the final 2 fields of the address",
                    Some(s),
                ));
            }
            if i + 4 > 16 {
                return Err(addr_err(
                    input,
                    IpErrorReason::Ipv6EmbeddedIpv4NoRoom,
                    "too many hex fields to fit an embedded IPv4 at the end of the address",
                    Some(s),
                ));
            }
            let v4 = parse_ipv4(s, input)?;
            ip[i..i + 4].copy_from_slice(&v4.octets());
            s = "";
            i += 4;
            break;
        }
        // acc <= 0xffff (checked above): its two low bytes are the group.
        let [_, _, hi, lo] = acc.to_be_bytes();
        ip[i] = hi;
        ip[i + 1] = lo;
        i += 2;
        s = &s[off..];
        if s.is_empty() {
            break;
        }
        if !s.starts_with(':') {
            return Err(addr_err(
                input,
                IpErrorReason::Ipv6WantColon,
                "unexpected character, want colon",
                Some(s),
            ));
        } else if s.len() == 1 {
            return Err(addr_err(
                input,
                IpErrorReason::Ipv6TrailingColon,
                "colon must be followed by more characters",
                Some(s),
            ));
        }
        s = &s[1..];
        if s.starts_with(':') {
            if ellipsis.is_some() {
                return Err(addr_err(
                    input,
                    IpErrorReason::Ipv6MultipleEllipsis,
                    "multiple :: in address",
                    Some(s),
                ));
            }
            ellipsis = Some(i);
            s = &s[1..];
            if s.is_empty() {
                break;
            }
        }
    }
    if !s.is_empty() {
        return Err(addr_err(
            input,
            IpErrorReason::Ipv6TrailingGarbage,
            "trailing garbage after address",
            Some(s),
        ));
    }
    if i < 16 {
        let Some(e) = ellipsis else {
            return Err(addr_err(
                input,
                IpErrorReason::Ipv6TooShort,
                "address string too short",
                None,
            ));
        };
        let n = 16 - i;
        let mut j = i;
        while j > e {
            j -= 1;
            ip[j + n] = ip[j];
        }
        for b in ip.iter_mut().skip(e).take(n) {
            *b = 0;
        }
    } else if ellipsis.is_some() {
        return Err(addr_err(
            input,
            IpErrorReason::Ipv6EllipsisTooShort,
            "the :: must expand to at least one field of zeros",
            None,
        ));
    }
    Ok((IpAddr::V6(Ipv6Addr::from(ip)), zone))
}

/// Go's `netip.ParsePrefix` (Go ≥ 1.22): address and length, host bits kept.
pub fn go_parse_prefix(s: &str) -> Result<(IpAddr, u8), GoNetipError> {
    let perr = |reason: IpErrorReason, msg: String| GoNetipError {
        reason,
        message: format!("netip.ParsePrefix({}): {}", go_quote(s), msg),
    };
    let Some(i) = s.rfind('/') else {
        return Err(perr(IpErrorReason::NoSlash, "no '/'".to_string()));
    };
    let (addr, zone) = match go_parse_addr(&s[..i]) {
        Ok(v) => v,
        Err(e) => return Err(perr(e.reason, e.message)),
    };
    if addr.is_ipv6() && zone.is_some() {
        return Err(perr(
            IpErrorReason::ZoneInPrefix,
            "IPv6 zones cannot be present in a prefix".to_string(),
        ));
    }
    let bits_str = &s[i + 1..];
    let bad_bits = || {
        perr(
            IpErrorReason::BadBits,
            format!("bad bits after slash: {}", go_quote(bits_str)),
        )
    };
    let bb = bits_str.as_bytes();
    // Go 1.22 (golang/go#63850) refuses a sign or leading zero before Atoi.
    if bb.len() > 1 && !(b'1'..=b'9').contains(&bb[0]) {
        return Err(bad_bits());
    }
    let Some(bits) = go_atoi(bits_str) else {
        return Err(bad_bits());
    };
    let max: u8 = if addr.is_ipv4() { 32 } else { 128 };
    match u8::try_from(bits) {
        Ok(bits) if bits <= max => Ok((addr, bits)),
        _ => Err(perr(
            IpErrorReason::BitsOutOfRange,
            "prefix length out of range".to_string(),
        )),
    }
}

// strconv.Atoi: optional sign, decimal digits, 64-bit range; only reached with
// a single character or a text starting 1-9.
fn go_atoi(s: &str) -> Option<i64> {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let v: i64 = digits.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// Go's `Addr.String()`: dotted quad, `::ffff:a.b.c.d` for IPv4-mapped, or
/// RFC 5952 IPv6 (longest run of ≥2 zero groups collapsed, first on a tie).
pub fn go_addr_string(addr: IpAddr) -> String {
    match addr {
        IpAddr::V4(a) => a.to_string(),
        IpAddr::V6(a) => {
            let o = a.octets();
            if o[..10].iter().all(|&b| b == 0) && o[10] == 0xff && o[11] == 0xff {
                return format!("::ffff:{}.{}.{}.{}", o[12], o[13], o[14], o[15]);
            }
            let g = a.segments();
            let (mut best_start, mut best_len) = (8usize, 0usize);
            let mut i = 0;
            while i < 8 {
                let mut j = i;
                while j < 8 && g[j] == 0 {
                    j += 1;
                }
                if j - i >= 2 && j - i > best_len {
                    best_start = i;
                    best_len = j - i;
                }
                i = if j > i { j } else { i + 1 };
            }
            let mut out = String::new();
            let mut i = 0;
            while i < 8 {
                if i == best_start {
                    out.push_str("::");
                    i += best_len;
                    continue;
                }
                if i > 0 && !out.ends_with(':') {
                    out.push(':');
                }
                // Writing to a `String` cannot fail.
                let _ = write!(out, "{:x}", g[i]);
                i += 1;
            }
            out
        }
    }
}

/// Go's `strconv.Quote`, close enough for error messages: escapes `"`, `\`
/// and control characters; keeps other characters.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if ('\u{80}'..='\u{9f}').contains(&c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        match s.parse() {
            Ok(a) => a,
            Err(e) => panic!("bad test address {s}: {e}"),
        }
    }

    fn ok(t: &str) -> IpRange {
        match parse_ip_token(t) {
            Ok(r) => r,
            Err(e) => panic!("{t:?} should parse, got {e}"),
        }
    }

    fn err(t: &str) -> IpTokenError {
        match parse_ip_token(t) {
            Ok(r) => panic!("{t:?} should be refused, got {r:?}"),
            Err(e) => e,
        }
    }

    // §4 and rule 17: what Caddy refuses at load time, with Go's reason.
    #[test]
    fn semantics_refused_tokens() {
        let table: &[(&str, IpErrorReason)] = &[
            ("10.0.0/8", IpErrorReason::Ipv4TooShort),
            ("010.0.0.0/8", IpErrorReason::Ipv4LeadingZero),
            ("10.0.0.0/33", IpErrorReason::BitsOutOfRange),
            ("[::1]", IpErrorReason::Ipv6EmptyField),
            ("localhost", IpErrorReason::UnableToParse),
            ("10.0.0.0-10.0.0.255", IpErrorReason::UnexpectedCharacter),
            ("10.0.0.0/8,", IpErrorReason::BadBits),
            // Go ≥ 1.22 refuses a leading zero in the length (accepted by
            // Debian's 2.6.2, built with an older Go).
            ("10.0.0.0/08", IpErrorReason::BadBits),
            ("", IpErrorReason::UnableToParse),
            (" 10.0.0.1", IpErrorReason::UnexpectedCharacter),
            ("10.0.0.0/8 ", IpErrorReason::BadBits),
            ("10.0.0.1 ", IpErrorReason::UnexpectedCharacter),
            ("forwarded", IpErrorReason::ForwardedRemoved),
            ("256.0.0.0/8", IpErrorReason::Ipv4ValueTooLarge),
            ("1.2.3.4.5", IpErrorReason::Ipv4TooLong),
            ("1..2.3", IpErrorReason::Ipv4EmptyField),
            ("10.0.0.0/", IpErrorReason::BadBits),
            ("10.0.0.0/+8", IpErrorReason::BadBits),
            ("10.0.0.0/-1", IpErrorReason::BadBits),
            ("10.0.0.0/8/8", IpErrorReason::UnexpectedCharacter),
            ("::/129", IpErrorReason::BitsOutOfRange),
            ("::1/0128", IpErrorReason::BadBits),
            ("10.0.0.0/99999999999999999999", IpErrorReason::BadBits),
            ("1:2:3:4:5:6:7", IpErrorReason::Ipv6TooShort),
            ("1:2:3:4:5:6:7:8:9", IpErrorReason::Ipv6TrailingGarbage),
            ("1::2::3", IpErrorReason::Ipv6MultipleEllipsis),
            ("12345::", IpErrorReason::Ipv6GroupTooLong),
            ("1:2:3:4:5:6:7::8", IpErrorReason::Ipv6EllipsisTooShort),
            ("1:2:3:4:5:6:7:8::", IpErrorReason::Ipv6EllipsisTooShort),
            ("1:", IpErrorReason::Ipv6TrailingColon),
            (":1", IpErrorReason::Ipv6EmptyField),
            ("1:2:3:4:5:6:7:8/129", IpErrorReason::BitsOutOfRange),
            ("::ffff:01.2.3.4", IpErrorReason::Ipv4LeadingZero),
            ("1.2.3.4::", IpErrorReason::UnexpectedCharacter),
            ("1:2:3.4.5.6", IpErrorReason::Ipv6EmbeddedIpv4Position),
            ("%eth0", IpErrorReason::UnableToParse),
            ("10.0.0.0/8{x}", IpErrorReason::Placeholder),
            ("{env.LAN}", IpErrorReason::Placeholder),
            ("１0.0.0.1", IpErrorReason::UnexpectedCharacter),
        ];
        for (t, reason) in table {
            let e = err(t);
            assert_eq!(&e.reason, reason, "token {t:?}: {e}");
        }
    }

    #[test]
    fn error_messages_use_go_wording() {
        assert_eq!(
            err("10.0.0.0/08").to_string(),
            r#"parsing CIDR expression '10.0.0.0/08': netip.ParsePrefix("10.0.0.0/08"): bad bits after slash: "08""#
        );
        assert_eq!(
            err("010.0.0.0/8").to_string(),
            r#"parsing CIDR expression '010.0.0.0/8': netip.ParsePrefix("010.0.0.0/8"): ParseAddr("010.0.0.0"): IPv4 field has octet with leading zero"#
        );
        assert_eq!(
            err("localhost").to_string(),
            r#"invalid IP address: 'localhost': ParseAddr("localhost"): unable to parse IP"#
        );
        assert_eq!(
            err("10.0.0.0/33").to_string(),
            r#"parsing CIDR expression '10.0.0.0/33': netip.ParsePrefix("10.0.0.0/33"): prefix length out of range"#
        );
        assert_eq!(
            err("10.0.0.0-10.0.0.255").to_string(),
            r#"invalid IP address: '10.0.0.0-10.0.0.255': ParseAddr("10.0.0.0-10.0.0.255"): unexpected character (at "-10.0.0.255")"#
        );
        // Verified verbatim against Debian's caddy 2.6.2 (Go 1.19.8).
        assert_eq!(
            err("[::1]").to_string(),
            r#"invalid IP address: '[::1]': ParseAddr("[::1]"): each colon-separated field must have at least one digit (at "[::1]")"#
        );
        assert_eq!(
            err("1:2:3:4:5:6:7::8").to_string(),
            r#"invalid IP address: '1:2:3:4:5:6:7::8': ParseAddr("1:2:3:4:5:6:7::8"): the :: must expand to at least one field of zeros"#
        );
        assert_eq!(
            err("10.0.0.0/8,").to_string(),
            r#"parsing CIDR expression '10.0.0.0/8,': netip.ParsePrefix("10.0.0.0/8,"): bad bits after slash: "8,""#
        );
        assert_eq!(
            err("1::2::3").to_string(),
            r#"invalid IP address: '1::2::3': ParseAddr("1::2::3"): multiple :: in address (at ":3")"#
        );
    }

    #[test]
    fn accepted_tokens_and_lengths() {
        let table: &[(&str, u8, bool)] = &[
            ("10.0.0.0/8", 8, true),
            ("10.1.2.3", 32, true),
            ("0.0.0.0/0", 0, true),
            ("127.0.0.1/8", 8, true),
            ("2001:db8::1/48", 48, false),
            ("::1", 128, false),
            ("::", 128, false),
            ("::/0", 0, false),
            ("fe80::1%eth0", 128, false),
            ("::ffff:10.0.0.0/104", 104, false),
            ("::ffff:1.2.3.4", 128, false),
            ("1:2:3:4:5:6:1.2.3.4", 128, false),
            ("0:0:0:0:0:0:0:1", 128, false),
            ("ABCD:EF01::", 128, false),
            ("10.0.0.1%eth0", 32, true),
            ("10.0.0.0/8%eth0", 8, true),
            ("fe80::1%", 128, false),
            ("fe80::/10%eth0%x", 10, false),
            ("10.0.0.0/0", 0, true),
            ("10.0.0.0/32", 32, true),
        ];
        for (t, len, v4) in table {
            let r = ok(t);
            assert_eq!(r.prefix_len(), *len, "{t}");
            assert_eq!(r.is_ipv4(), *v4, "{t}");
        }
    }

    #[test]
    fn private_ranges_expands_exactly() {
        let r = ok("private_ranges");
        assert!(r.is_private_ranges());
        let texts: Vec<String> = r.expand().iter().map(|x| x.token().to_string()).collect();
        assert_eq!(
            texts,
            vec![
                "192.168.0.0/16",
                "172.16.0.0/12",
                "10.0.0.0/8",
                "127.0.0.1/8",
                "fd00::/8",
                "::1"
            ]
        );
        assert!(r.contains(ip("192.168.1.10")));
        assert!(r.contains(ip("172.31.255.255")));
        assert!(!r.contains(ip("172.32.0.1")));
        assert!(r.contains(ip("127.5.5.5")));
        assert!(r.contains(ip("::1")));
        assert!(r.contains(ip("fd12::1")));
        assert!(!r.contains(ip("fc00::1")), "no fc00::/7");
        assert!(!r.contains(ip("fe80::1")), "no link-local");
        assert!(!r.contains(ip("169.254.1.1")), "no link-local");
        assert!(!r.contains(ip("8.8.8.8")));
        assert!(r.contains_loopback());
        assert!(!r.is_overbroad());
        assert!(!r.has_host_bits());
        assert_eq!(r.canonical(), "private_ranges");
        let all = parse_ip_tokens(["private_ranges", "100.64.0.0/10"]);
        assert_eq!(all.map(|v| v.len()), Ok(7));
    }

    #[test]
    fn host_bits_are_accepted_and_ignored() {
        let r = ok("127.0.0.1/8");
        assert!(r.has_host_bits());
        assert_eq!(r.canonical(), "127.0.0.0/8");
        assert!(r.contains(ip("127.9.9.9")));
        let r = ok("2001:db8::1/48");
        assert!(r.has_host_bits());
        assert_eq!(r.canonical(), "2001:db8::/48");
        assert!(r.contains(ip("2001:db8:0:ffff::5")));
        assert!(!r.contains(ip("2001:db9::1")));
        let r = ok("10.0.0.0/8");
        assert!(!r.has_host_bits());
        assert_eq!(ok("10.1.2.3").canonical(), "10.1.2.3/32");
        assert_eq!(ok("::1").canonical(), "::1/128");
        assert_eq!(ok("fe80::1%eth0").canonical(), "fe80::1/128%eth0");
        assert_eq!(ok("0:0:0:0:0:0:0:1").canonical(), "::1/128");
        assert_eq!(ok("1:0:0:1:0:0:0:1").canonical(), "1:0:0:1::1/128");
        assert_eq!(ok("1:0:0:1:0:0:1:1").canonical(), "1::1:0:0:1:1/128");
        assert_eq!(ok("1:0:2:0:3:0:4:0").canonical(), "1:0:2:0:3:0:4:0/128");
        assert_eq!(ok("::1.2.3.4").canonical(), "::102:304/128");
    }

    #[test]
    fn ipv4_mapped_prefix_never_matches_ipv4() {
        let r = ok("::ffff:10.0.0.0/104");
        assert!(r.is_ipv4_mapped());
        assert!(!r.contains(ip("10.0.0.1")));
        assert!(r.contains(ip("::ffff:10.0.0.1")));
        assert_eq!(r.canonical(), "::ffff:10.0.0.0/104");
        assert!(ok("::ffff:0:0/96").is_ipv4_mapped());
        assert!(!ok("::ffff:0:0/80").is_ipv4_mapped());
        assert!(!ok("10.0.0.0/8").is_ipv4_mapped());
        assert!(!ok("10.0.0.0/8").contains(ip("::ffff:10.0.0.1")));
        assert!(!ok("::ffff:127.0.0.1").contains_loopback());
    }

    #[test]
    fn zones_filter_matches() {
        let r = ok("fe80::1%eth0");
        assert_eq!(r.zone(), Some("eth0"));
        assert!(!r.contains(ip("fe80::1")), "zoneless peer");
        assert!(r.contains_with_zone(ip("fe80::1"), Some("eth0")));
        assert!(!r.contains_with_zone(ip("fe80::1"), Some("eth1")));
        let r = ok("fe80::1%");
        assert_eq!(r.zone(), None);
        assert!(r.contains(ip("fe80::1")));
        let r = ok("10.0.0.1%eth0");
        assert!(!r.contains(ip("10.0.0.1")));
        assert!(!ok("::1%lo").contains_loopback());
    }

    #[test]
    fn overbroad_and_loopback() {
        assert!(ok("0.0.0.0/0").is_overbroad());
        assert!(ok("::/0").is_overbroad());
        assert!(ok("10.0.0.0/7").is_overbroad());
        assert!(!ok("10.0.0.0/8").is_overbroad());
        assert!(ok("2000::/15").is_overbroad());
        assert!(!ok("2000::/16").is_overbroad());
        assert!(!ok("fd00::/8").is_ipv4());
        assert!(ok("127.0.0.0/8").contains_loopback());
        assert!(ok("127.0.0.1").contains_loopback());
        assert!(ok("127.1.2.3").contains_loopback());
        assert!(ok("::1").contains_loopback());
        assert!(ok("0.0.0.0/0").contains_loopback());
        assert!(ok("64.0.0.0/2").contains_loopback());
        assert!(ok("::/0").contains_loopback());
        assert!(!ok("10.0.0.0/8").contains_loopback());
        assert!(!ok("128.0.0.0/1").contains_loopback());
        assert!(!ok("::2").contains_loopback());
    }

    #[test]
    fn contains_follows_prefix_bits() {
        let cases: &[(&str, &str, bool)] = &[
            ("192.168.0.0/16", "192.168.255.1", true),
            ("192.168.0.0/16", "192.169.0.1", false),
            ("172.16.0.0/12", "172.20.1.1", true),
            ("10.0.0.5", "10.0.0.5", true),
            ("10.0.0.5", "10.0.0.6", false),
            ("0.0.0.0/0", "203.0.113.9", true),
            ("0.0.0.0/0", "::1", false),
            ("::/0", "10.0.0.1", false),
            ("::/0", "2001:db8::1", true),
            ("10.0.0.0/31", "10.0.0.1", true),
            ("10.0.0.0/31", "10.0.0.2", false),
        ];
        for (t, a, want) in cases {
            assert_eq!(ok(t).contains(ip(a)), *want, "{t} ∋ {a}");
        }
    }

    #[test]
    fn go_parse_addr_direct() {
        assert!(
            go_parse_addr("fe80::1%").is_err(),
            "netip refuses an empty zone"
        );
        assert_eq!(
            go_parse_addr("fe80::1%eth0").map(|v| v.1),
            Ok(Some("eth0".to_string()))
        );
        assert_eq!(
            go_parse_addr("%x").map_err(|e| e.reason),
            Err(IpErrorReason::MissingIpv6Address)
        );
        assert_eq!(go_parse_prefix("fe80::/10").map(|v| v.1), Ok(10));
        assert_eq!(
            go_parse_prefix("fe80::1%eth0/64").map_err(|e| e.reason),
            Err(IpErrorReason::ZoneInPrefix)
        );
        assert_eq!(
            go_parse_prefix("10.0.0.0").map_err(|e| e.reason),
            Err(IpErrorReason::NoSlash)
        );
        assert_eq!(
            go_parse_addr("1:2:3:4:5:6:7:8::").map_err(|e| e.reason),
            Err(IpErrorReason::Ipv6EllipsisTooShort)
        );
        assert_eq!(
            go_parse_addr("1:2:3:4:5:6:7::").map(|v| v.0),
            Ok(ip("1:2:3:4:5:6:7:0"))
        );
        assert_eq!(
            go_parse_addr("1:2:3:4:5:6:7:8:1.2.3.4").map_err(|e| e.reason),
            Err(IpErrorReason::Ipv6TrailingGarbage)
        );
        assert_eq!(
            go_parse_addr("1:2:3:4:5:6:7:1.2.3.4").map_err(|e| e.reason),
            Err(IpErrorReason::Ipv6EmbeddedIpv4Position)
        );
        assert_eq!(
            go_parse_addr("::1:2:3:4:5:6:7:1.2.3.4").map_err(|e| e.reason),
            Err(IpErrorReason::Ipv6EmbeddedIpv4NoRoom)
        );
        assert_eq!(
            go_parse_addr("1:2:3:4:5:6:7:8:9").map_err(|e| e.reason),
            Err(IpErrorReason::Ipv6TrailingGarbage)
        );
        assert_eq!(
            go_parse_addr("1:2:3:4::5:6:7:8").map_err(|e| e.reason),
            Err(IpErrorReason::Ipv6EllipsisTooShort)
        );
        assert_eq!(go_quote("a\"b\\\n"), "\"a\\\"b\\\\\\n\"");
    }

    // Cheap deterministic pseudo-random strings over an IP-ish alphabet:
    // nothing may panic, and whatever parses must round-trip sensibly.
    #[test]
    fn fuzz_no_panic() {
        let alphabet: Vec<char> = "0123456789abcdefABCDEF.:/%[]-, x{}ffff:0%é"
            .chars()
            .collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 24) as usize;
            let mut s = String::new();
            let mut x = state;
            for _ in 0..len {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push(alphabet[((x >> 33) as usize) % alphabet.len()]);
            }
            if let Ok(r) = parse_ip_token(&s) {
                let c = r.canonical();
                if !r.is_private_ranges() {
                    let again = parse_ip_token(&c);
                    assert!(again.is_ok(), "canonical {c:?} of {s:?} must parse");
                }
                let _ = r.contains(IpAddr::V4(Ipv4Addr::LOCALHOST));
                let _ = (r.is_overbroad(), r.contains_loopback(), r.is_ipv4_mapped());
            }
            if let Ok((a, _)) = go_parse_addr(&s) {
                // Go's formatting must re-parse to the same address.
                assert_eq!(
                    go_parse_addr(&go_addr_string(a)).map(|v| v.0),
                    Ok(a),
                    "{s:?}"
                );
            }
        }
    }
}
