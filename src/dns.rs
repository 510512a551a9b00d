//! Host names as Caddy, browsers and caddy-security see them: validity,
//! cookie-domain coverage, the host of a URL, and near misses of a domain.

/// Why a hostName is not a bare DNS name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    /// `https://grafana.example.com`
    Scheme(String),
    /// `example.com/grafana`
    Path,
    /// `a.example.com b.example.com`
    Whitespace,
    /// `grafana..example.com`, `.example.com`
    EmptyLabel,
    /// a character no host name contains (`,`, `@`, `"`, ...)
    Character(char),
    /// a label over 63 bytes or a name over 253
    TooLong,
}

impl NameProblem {
    /// What is wrong, for a message ("it has a scheme").
    pub fn describe(&self) -> String {
        match self {
            NameProblem::Empty => "it is empty".into(),
            NameProblem::Scheme(s) => format!("it starts with the scheme `{s}://`"),
            NameProblem::Path => "it contains a path".into(),
            NameProblem::Whitespace => "it contains whitespace".into(),
            NameProblem::EmptyLabel => "it has an empty label (`..` or a leading dot)".into(),
            NameProblem::Character(c) => format!("it contains `{c}`"),
            NameProblem::TooLong => "it is longer than DNS allows".into(),
        }
    }
}

/// Checks that `name` is a host name Caddy can serve as one site and
/// caddy-security can compare with a request's host: letters, digits,
/// `-`, `_` and dots, an optional leading `*.` label, an optional `:port`
/// (Caddy and the trust rules accept it), or an IP address. Non-ASCII
/// letters (internationalised names) are accepted.
pub fn check_name(name: &str) -> Result<(), NameProblem> {
    if name.trim().is_empty() {
        return Err(NameProblem::Empty);
    }
    if let Some((scheme, _)) = name.split_once("://") {
        return Err(NameProblem::Scheme(scheme.to_string()));
    }
    if name.chars().any(char::is_whitespace) {
        return Err(NameProblem::Whitespace);
    }
    if name.contains('/') {
        return Err(NameProblem::Path);
    }
    if is_ip(name) {
        return Ok(());
    }
    let host = strip_port(name);
    let host = host.strip_suffix('.').unwrap_or(host);
    let host = host.strip_prefix("*.").unwrap_or(host);
    if let Some(c) = host
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(NameProblem::Character(c));
    }
    if host.split('.').any(str::is_empty) {
        return Err(NameProblem::EmptyLabel);
    }
    if host.len() > 253 || host.split('.').any(|l| l.len() > 63) {
        return Err(NameProblem::TooLong);
    }
    Ok(())
}

/// `host:8443` → `host` (IPv6 literals in brackets keep their colons).
pub fn strip_port(name: &str) -> &str {
    if name.starts_with('[') {
        return name
            .split_once(']')
            .map_or(name, |(h, _)| h.trim_start_matches('['));
    }
    match name.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => name,
    }
}

/// An IPv4 or IPv6 address (optionally with a port or in brackets).
pub fn is_ip(name: &str) -> bool {
    let bare = strip_port(name);
    bare.parse::<std::net::IpAddr>().is_ok() || name.parse::<std::net::IpAddr>().is_ok()
}

/// The form names are compared in: lowercase, without port or final dot.
pub fn normalize(name: &str) -> String {
    let host = strip_port(name.trim());
    host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase()
}

/// Whether a cookie issued with `Domain=domain` is sent to `host`: the
/// host is the domain or below it (RFC 6265 domain-match, which is also
/// go-authcrunch's test for applying the domain at all).
pub fn covers(domain: &str, host: &str) -> bool {
    let d = normalize(domain);
    let d = d.strip_prefix('.').unwrap_or(&d);
    let h = normalize(host);
    !d.is_empty() && (h == d || h.ends_with(&format!(".{d}")))
}

/// The host of an absolute `http(s)://` URL, normalised; `None` for a
/// relative URL or one without a host.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = normalize(authority);
    (!host.is_empty()).then_some(host)
}

/// Second-level labels under which two-letter country codes sell names
/// (`example.co.uk`): the registrable part then has three labels.
const SECOND_LEVEL: &[&str] = &["co", "com", "net", "org", "ac", "gov", "edu", "ne", "or"];

/// Top-level names for private zones (split-horizon DNS, documentation):
/// a hostName there is a deliberate second zone, not a typo.
const PRIVATE_TLDS: &[&str] = &[
    "lan",
    "local",
    "internal",
    "home",
    "localdomain",
    "localhost",
    "test",
    "arpa",
    "intranet",
    "corp",
    "private",
    "example",
    "invalid",
];

/// The labels of the registrable part of `domain` (`example.com`,
/// `example.co.uk`), or `None` when the name is a bare suffix.
pub fn registrable(domain: &str) -> Option<Vec<String>> {
    let labels: Vec<String> = normalize(domain).split('.').map(str::to_string).collect();
    let n = labels.len();
    if n < 2 || labels.iter().any(String::is_empty) {
        return None;
    }
    let tld = &labels[n - 1];
    let k = if tld.len() == 2 && SECOND_LEVEL.contains(&labels[n - 2].as_str()) {
        3
    } else {
        2
    };
    (n >= k).then(|| labels[n - k..].to_vec())
}

/// The parent domain of `host` (`id.example.com` → `example.com`) when it
/// is more than a public suffix.
pub fn parent(host: &str) -> Option<String> {
    let h = normalize(host);
    let (_, rest) = h.split_once('.')?;
    let reg = registrable(rest)?;
    (rest.split('.').count() >= reg.len()).then(|| rest.to_string())
}

/// When `host` is not under `domain` but its registrable part looks like a
/// misspelling of the domain's (`exmaple.com`, `example.org` for
/// `example.com`), that registrable part.
pub fn misspelled_domain(host: &str, domain: &str) -> Option<String> {
    if covers(domain, host) {
        return None;
    }
    let want = registrable(domain)?;
    let labels: Vec<String> = normalize(host).split('.').map(str::to_string).collect();
    if labels.len() < want.len() {
        return None;
    }
    let got = labels[labels.len() - want.len()..].to_vec();
    if got == want {
        // A sibling of the domain under the same registrable name.
        return None;
    }
    let (got_tld, want_tld) = (&got[got.len() - 1], &want[want.len() - 1]);
    let private = |t: &str| PRIVATE_TLDS.contains(&t);
    if private(got_tld) || private(want_tld) {
        return None;
    }
    let joined = got.join(".");
    // Same name under another top-level domain.
    if got[..got.len() - 1] == want[..want.len() - 1] {
        return Some(joined);
    }
    // A small edit of the name itself, with the same top-level domain.
    if got_tld != want_tld {
        return None;
    }
    let (g, w) = (
        got[..got.len() - 1].join("."),
        want[..want.len() - 1].join("."),
    );
    let distance = strsim::damerau_levenshtein(&g, &w);
    let allowed = match w.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    (distance > 0 && distance <= allowed).then_some(joined)
}

/// Whether two names are near misses of each other: equal but for the
/// top-level domain, or a small edit apart.
pub fn near_miss(a: &str, b: &str) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    if a == b {
        return false;
    }
    let (Some((a_rest, a_tld)), Some((b_rest, b_tld))) = (a.rsplit_once('.'), b.rsplit_once('.'))
    else {
        return false;
    };
    if a_rest == b_rest && !PRIVATE_TLDS.contains(&a_tld) && !PRIVATE_TLDS.contains(&b_tld) {
        return true;
    }
    let allowed = match a.chars().count().min(b.chars().count()) {
        0..=5 => 0,
        6..=11 => 1,
        _ => 2,
    };
    strsim::damerau_levenshtein(&a, &b) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(check_name("grafana.example.com"), Ok(()));
        assert_eq!(check_name("grafana.example.com:8443"), Ok(()));
        assert_eq!(check_name("*.example.com"), Ok(()));
        assert_eq!(check_name("10.0.0.1"), Ok(()));
        assert_eq!(check_name("[::1]:443"), Ok(()));
        assert_eq!(check_name("bücher.example.com"), Ok(()));
        assert_eq!(check_name("example.com."), Ok(()));
        assert_eq!(check_name(""), Err(NameProblem::Empty));
        assert_eq!(
            check_name("https://grafana.example.com"),
            Err(NameProblem::Scheme("https".into()))
        );
        assert_eq!(check_name("example.com/grafana"), Err(NameProblem::Path));
        assert_eq!(
            check_name("a.example.com b.example.com"),
            Err(NameProblem::Whitespace)
        );
        assert_eq!(check_name("a..example.com"), Err(NameProblem::EmptyLabel));
        assert_eq!(
            check_name("a,example.com"),
            Err(NameProblem::Character(','))
        );
    }

    #[test]
    fn cookie_coverage() {
        assert!(covers("example.com", "example.com"));
        assert!(covers("example.com", "a.b.example.com"));
        assert!(covers(".example.com", "a.example.com"));
        assert!(covers("Example.com", "A.EXAMPLE.COM:8443"));
        assert!(!covers("example.com", "badexample.com"));
        assert!(!covers("media.example.com", "tv.example.com"));
    }

    #[test]
    fn urls() {
        assert_eq!(
            url_host("https://id.example.com").as_deref(),
            Some("id.example.com")
        );
        assert_eq!(
            url_host("https://ID.example.com:8443/.well-known/x").as_deref(),
            Some("id.example.com")
        );
        assert_eq!(url_host("/caddy-security/oauth2/x"), None);
    }

    #[test]
    fn parents() {
        assert_eq!(parent("id.example.com").as_deref(), Some("example.com"));
        assert_eq!(
            parent("auth.media.example.com").as_deref(),
            Some("media.example.com")
        );
        assert_eq!(parent("example.com"), None);
        assert_eq!(parent("example.co.uk"), None);
        assert_eq!(parent("id.example.co.uk").as_deref(), Some("example.co.uk"));
    }

    #[test]
    fn misspellings() {
        let m = |h: &str| misspelled_domain(h, "example.com");
        assert_eq!(m("grafana.exmaple.com").as_deref(), Some("exmaple.com"));
        assert_eq!(m("grafana.example.org").as_deref(), Some("example.org"));
        assert_eq!(m("grafana.examples.com").as_deref(), Some("examples.com"));
        assert_eq!(m("grafana.example.com"), None);
        assert_eq!(m("grafana.example.lan"), None);
        assert_eq!(m("tv.other.net"), None);
        assert_eq!(m("grafana.mydomain.com"), None);
        // Siblings under the registrable domain are not misspellings.
        assert_eq!(
            misspelled_domain("tv.example.com", "media.example.com"),
            None
        );
        assert_eq!(
            misspelled_domain("x.wan.example.com", "lan.example.com"),
            None
        );
        // Short names need an exact match.
        assert_eq!(misspelled_domain("a.abc.io", "abd.io"), None);
    }

    #[test]
    fn near_misses() {
        assert!(near_miss("id.exmaple.com", "id.example.com"));
        assert!(near_miss("id.example.org", "id.example.com"));
        assert!(!near_miss("auth.example.com", "id.example.com"));
        assert!(!near_miss("id.example.com", "id.example.com"));
        assert!(!near_miss("id.example.lan", "id.example.com"));
    }
}
