//! Caddy's `path` request matcher (`MatchPath`, `modules/caddyhttp/matchers.go`
//! at v2.11.4) and the path normalisation that `path_regexp` applies.
//!
//! Ground truth: `/work/shared/SEMANTICS.md` §3 (prefix semantics, the
//! [tested] normalisation examples) and §2.2 (what `path_regexp` sees), §7
//! rules 7–11. The request side reproduces Go's `net/url` request parsing
//! (`r.URL.Path` is the percent-decoded path; `EscapedPath()` the raw form),
//! Caddy's `CleanPath` (Go `path.Clean`, trailing slash kept, optional
//! slash merging) and Go's `strings.ToLower` and `path.Match`. Those Go
//! routines are reimplemented here from a reading of their sources; paths are
//! handled as bytes because a decoded path (`%ff`) need not be UTF-8.
//!
//! Checked on a loopback Debian Caddy 2.6.2: 85 patterns × 189 request
//! paths gave identical results, except that 2.6.2 trims trailing dots and
//! spaces from the path on every OS, which Caddy ≥ 2.7 does only on Windows
//! (issue #5613); this module follows 2.11.4 on Linux.
//!
//! Every function is total: no input makes it panic.

/// How Caddy will treat a (lowercased, placeholder-free) pattern; the order
/// of the checks is the order of `MatchPath.Match`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPatternKind {
    /// Exactly `*`: every request.
    MatchAll,
    /// Contains `%`: compared against the escaped path (`EscapedPath()`),
    /// with `%xx` in the pattern matching that escape literally.
    EscapedSpace,
    /// `*text*` (exactly two stars, at both ends): substring of the cleaned path.
    Substring(String),
    /// `*text` (one star, leading): suffix.
    Suffix(String),
    /// `text*` (one star, trailing): raw string prefix, so `/api*` also
    /// matches `/apifoo`. `?` and `[` are literal here.
    Prefix(String),
    /// Anything else with glob metacharacters (`*` elsewhere, `?`, `[`, `\`):
    /// Go `path.Match`, where `*` and `?` do not cross `/`.
    Glob,
    /// No metacharacter: `path.Match` degenerates to equality.
    Exact,
}

/// One entry of a `path` matcher.
#[derive(Debug, Clone, PartialEq)]
pub struct PathPattern {
    original: String,
    // After Provision's strings.ToLower.
    lowered: Vec<u8>,
    has_placeholder: bool,
}

impl PathPattern {
    /// Takes the pattern as it appears in the Caddyfile (one argument of a
    /// `path` line, e.g. `/api*`).
    pub fn new(pattern: &str) -> PathPattern {
        PathPattern {
            original: pattern.to_string(),
            lowered: go_to_lower(pattern.as_bytes()),
            has_placeholder: find_placeholder(pattern.as_bytes()).is_some(),
        }
    }

    /// The pattern as given.
    pub fn pattern(&self) -> &str {
        &self.original
    }

    /// The pattern contains a `{…}` placeholder. Caddy substitutes it per
    /// request; `matches` and `kind` treat it as empty, which is what an
    /// unknown placeholder becomes, so results for such patterns are only
    /// indicative.
    pub fn has_placeholder(&self) -> bool {
        self.has_placeholder
    }

    fn effective(&self) -> Vec<u8> {
        strip_placeholders(&self.lowered)
    }

    /// Which of Caddy's matching strategies applies.
    pub fn kind(&self) -> PathPatternKind {
        classify(&self.effective())
    }

    /// Whether Caddy's `path` matcher with this single entry matches a
    /// request whose request-target path is `request_path`, given exactly as
    /// sent (percent-encoded; anything from `?` on is the query and is
    /// ignored). A path that does not start with `/`, or whose
    /// percent-encoding Go refuses, never reaches the matcher (the server
    /// answers 400), so it does not match.
    pub fn matches(&self, request_path: &str) -> bool {
        let raw = strip_query(request_path);
        // Only origin-form targets ("/…") are modelled; Go refuses a bare
        // "api" before routing.
        if !raw.starts_with('/') {
            return false;
        }
        let Some(decoded) = go_unescape(raw.as_bytes()) else {
            return false;
        };
        let pattern = self.effective();
        if pattern == b"*" {
            return true;
        }
        let merge_slashes = !contains_sub(&pattern, b"//");
        if pattern.contains(&b'%') {
            let escaped = go_escaped_path(raw.as_bytes(), &decoded);
            let cleaned = caddy_clean_path(&escaped, merge_slashes);
            return match_with_escape_sequence(&cleaned, &pattern);
        }
        let req = caddy_clean_path(&go_to_lower(&decoded), merge_slashes);
        let stars = count_stars(&pattern);
        let starts = pattern.first() == Some(&b'*');
        let ends = pattern.last() == Some(&b'*');
        if stars == 2 && starts && ends {
            let needle = pattern.get(1..pattern.len() - 1).unwrap_or(&[]);
            return contains_sub(&req, needle);
        }
        if stars == 1 {
            if starts {
                return req.ends_with(&pattern[1..]);
            }
            if ends {
                return req.starts_with(&pattern[..pattern.len() - 1]);
            }
        }
        go_path_match(&pattern, &req).unwrap_or(false)
    }

    /// The entry matches every request path (`*`, `/*`, `**`, `*/*`, a
    /// prefix of `/`, an empty suffix/substring): SEMANTICS §7 rule 7.
    pub fn matches_every_path(&self) -> bool {
        match self.kind() {
            PathPatternKind::MatchAll => true,
            PathPatternKind::Substring(n) => n.is_empty() || n == "/",
            PathPatternKind::Prefix(p) => p.is_empty() || p == "/",
            PathPatternKind::Suffix(s) => s.is_empty(),
            _ => false,
        }
    }

    /// The entry can never match, because every cleaned request path starts
    /// with `/` while the pattern's first character cannot match one (rule
    /// 8: `api*`). Suffix and substring forms are never dead.
    pub fn never_matches(&self) -> bool {
        let p = self.effective();
        let first = p.first().copied();
        match classify(&p) {
            PathPatternKind::MatchAll
            | PathPatternKind::Substring(_)
            | PathPatternKind::Suffix(_) => false,
            PathPatternKind::Prefix(s) => !s.is_empty() && !s.starts_with('/'),
            PathPatternKind::Exact => first != Some(b'/'),
            // `?` never matches the leading '/'; a class or `\/` might.
            PathPatternKind::Glob => {
                let alive = match first {
                    Some(b'/' | b'*' | b'[') => true,
                    Some(b'\\') => p.get(1) == Some(&b'/'),
                    _ => false,
                };
                !alive || go_path_match(&p, b"/").is_err()
            }
            PathPatternKind::EscapedSpace => !matches!(first, Some(b'/' | b'%' | b'*' | b'[')),
        }
    }

    /// `path.Match` would reject the pattern as malformed (`/a[`), so a glob
    /// entry silently never matches.
    pub fn is_bad_glob(&self) -> bool {
        let p = self.effective();
        matches!(classify(&p), PathPatternKind::Glob | PathPatternKind::Exact)
            && go_path_match(&p, b"").is_err()
    }
}

fn classify(p: &[u8]) -> PathPatternKind {
    if p == b"*" {
        return PathPatternKind::MatchAll;
    }
    if p.contains(&b'%') {
        return PathPatternKind::EscapedSpace;
    }
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let stars = count_stars(p);
    let starts = p.first() == Some(&b'*');
    let ends = p.last() == Some(&b'*');
    if stars == 2 && starts && ends {
        return PathPatternKind::Substring(text(p.get(1..p.len() - 1).unwrap_or(&[])));
    }
    if stars == 1 && starts {
        return PathPatternKind::Suffix(text(&p[1..]));
    }
    if stars == 1 && ends {
        return PathPatternKind::Prefix(text(&p[..p.len() - 1]));
    }
    if p.iter().any(|c| matches!(c, b'*' | b'?' | b'[' | b'\\')) {
        PathPatternKind::Glob
    } else {
        PathPatternKind::Exact
    }
}

/// What `path_regexp` (and caddy-security's `bypass uri regex`) sees:
/// `cleanPath(r.URL.Path)`: the query cut off, percent-decoded, `path.Clean`ed
/// with doubled slashes merged, a trailing slash kept, case kept. Bytes that
/// are not UTF-8 after decoding (`%ff`) become U+FFFD, which is also what Go's
/// regexp engine sees for them. If the percent-encoding is invalid (Go would
/// answer 400 before any matcher runs) the undecoded path is cleaned instead;
/// `is_valid_request_path` tells that case apart.
pub fn clean_path(raw: &str) -> String {
    let raw = strip_query(raw);
    let decoded = go_unescape(raw.as_bytes()).unwrap_or_else(|| raw.as_bytes().to_vec());
    String::from_utf8_lossy(&caddy_clean_path(&decoded, true)).into_owned()
}

/// Go's HTTP server accepts the path's percent-encoding (every `%` followed
/// by two hex digits), so the request reaches Caddy's matchers at all.
pub fn is_valid_request_path(raw: &str) -> bool {
    go_unescape(strip_query(raw).as_bytes()).is_some()
}

fn strip_query(raw: &str) -> &str {
    match raw.find('?') {
        Some(i) => &raw[..i],
        None => raw,
    }
}

fn contains_sub(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

// Caddy's replacer: `{…}` is a placeholder. Returns the byte range.
fn find_placeholder(p: &[u8]) -> Option<(usize, usize)> {
    let open = p.iter().position(|&c| c == b'{')?;
    let close = p[open..].iter().position(|&c| c == b'}')? + open;
    Some((open, close))
}

fn strip_placeholders(p: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(p.len());
    let mut rest = p;
    while let Some((o, c)) = find_placeholder(rest) {
        out.extend_from_slice(&rest[..o]);
        rest = &rest[c + 1..];
    }
    out.extend_from_slice(rest);
    out
}

// ---------------------------------------------------------------------------
// Go runtime pieces, reimplemented from a reading of Go's sources.
// ---------------------------------------------------------------------------

/// Number of `*` bytes in a path pattern.
// Patterns are a few dozen bytes: not worth a `bytecount` dependency.
#[allow(clippy::naive_bytecount)]
fn count_stars(p: &[u8]) -> usize {
    p.iter().filter(|&&c| c == b'*').count()
}

/// Decodes one UTF-8 sequence the way Go's `utf8.DecodeRune` does: an
/// invalid or truncated sequence yields (U+FFFD, 1).
fn decode_rune(b: &[u8]) -> (char, usize) {
    let take = b.len().min(4);
    for n in 1..=take {
        if let Ok(s) = std::str::from_utf8(&b[..n])
            && let Some(c) = s.chars().next()
        {
            return (c, n);
        }
    }
    ('\u{FFFD}', 1)
}

/// Go's `strings.ToLower`: simple per-rune lowercase mapping (no final-sigma
/// rule); every invalid UTF-8 byte becomes U+FFFD once anything changes.
pub fn go_to_lower(s: &[u8]) -> Vec<u8> {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    let mut buf = [0u8; 4];
    while i < s.len() {
        let (c, n) = decode_rune(&s[i..]);
        let lower = go_simple_lower(c);
        out.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
        i += n;
    }
    out
}

// unicode.ToLower maps one rune to one rune; Rust's `to_lowercase` can yield
// several (only U+0130 among current characters), where Go gives plain 'i'.
fn go_simple_lower(c: char) -> char {
    if c == '\u{130}' {
        return 'i';
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn unhex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Go's `url.PathUnescape` / path-mode `unescape`: `%XX` decoded (including
/// `%2F`), no `+` handling; `None` when a `%` lacks two hex digits.
pub fn go_unescape(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' {
            let hi = unhex(*s.get(i + 1)?)?;
            let lo = unhex(*s.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    Some(out)
}

// url.shouldEscape in encodePath mode.
fn should_escape_path(c: u8) -> bool {
    if c.is_ascii_alphanumeric() {
        return false;
    }
    // Unreserved marks and the reserved characters Go leaves alone in a
    // path (everything but '?').
    !matches!(
        c,
        b'-' | b'_' | b'.' | b'~' | b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'@'
    )
}

// url.validEncoded in encodePath mode.
fn valid_encoded(s: &[u8]) -> bool {
    s.iter().all(|&c| match c {
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':'
        | b'@' | b'[' | b']' | b'%' => true,
        _ => !should_escape_path(c),
    })
}

fn go_escape_path(s: &[u8]) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        if should_escape_path(c) {
            out.push(b'%');
            out.push(HEX[usize::from(c >> 4)]);
            out.push(HEX[usize::from(c & 15)]);
        } else {
            out.push(c);
        }
    }
    out
}

// URL.EscapedPath(): the raw path when it is a valid encoding of the decoded
// one, else the decoded path re-escaped.
fn go_escaped_path(raw: &[u8], decoded: &[u8]) -> Vec<u8> {
    if valid_encoded(raw) {
        return raw.to_vec();
    }
    if decoded == b"*" {
        return decoded.to_vec();
    }
    go_escape_path(decoded)
}

/// Go's `path.Clean` on bytes.
pub fn go_path_clean(p: &[u8]) -> Vec<u8> {
    if p.is_empty() {
        return b".".to_vec();
    }
    let rooted = p[0] == b'/';
    let n = p.len();
    let mut out: Vec<u8> = Vec::with_capacity(n);
    let (mut r, mut dotdot) = (0usize, 0usize);
    if rooted {
        out.push(b'/');
        r = 1;
        dotdot = 1;
    }
    while r < n {
        // An empty element or a "." element.
        if p[r] == b'/' || (p[r] == b'.' && (r + 1 == n || p[r + 1] == b'/')) {
            r += 1;
        } else if p[r] == b'.' && p.get(r + 1) == Some(&b'.') && (r + 2 == n || p[r + 2] == b'/') {
            r += 2;
            if out.len() > dotdot {
                // Back up to the previous '/' (kept out) but not past dotdot.
                let mut w = out.len() - 1;
                while w > dotdot && out[w] != b'/' {
                    w -= 1;
                }
                out.truncate(w);
            } else if !rooted {
                if !out.is_empty() {
                    out.push(b'/');
                }
                out.extend_from_slice(b"..");
                dotdot = out.len();
            }
        } else {
            if (rooted && out.len() != 1) || (!rooted && !out.is_empty()) {
                out.push(b'/');
            }
            while r < n && p[r] != b'/' {
                out.push(p[r]);
                r += 1;
            }
        }
    }
    if out.is_empty() {
        return b".".to_vec();
    }
    out
}

// Caddy's cleanPath: path.Clean, then re-add a trailing slash.
fn clean_keep_slash(p: &[u8]) -> Vec<u8> {
    let mut c = go_path_clean(p);
    if c != b"/" && p.last() == Some(&b'/') {
        c.push(b'/');
    }
    c
}

/// Caddy's `CleanPath(p, collapseSlashes)`: without collapsing, an impossible
/// byte is planted between doubled slashes so `path.Clean` keeps the empty
/// segments, then removed. Like Caddy (which re-encodes runes), invalid UTF-8
/// turns into U+FFFD on that branch.
pub fn caddy_clean_path(p: &[u8], collapse_slashes: bool) -> Vec<u8> {
    if collapse_slashes {
        return clean_keep_slash(p);
    }
    let mut sb = Vec::with_capacity(p.len() + 8);
    let mut i = 0;
    let mut buf = [0u8; 4];
    while i < p.len() {
        let (c, n) = decode_rune(&p[i..]);
        if c == '/' && i > 0 && p[i - 1] == b'/' {
            sb.push(0xff);
        }
        if n == 1 && c == '\u{FFFD}' {
            sb.extend_from_slice("\u{FFFD}".as_bytes());
        } else {
            sb.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        i += n;
    }
    let half = clean_keep_slash(&sb);
    half.into_iter().filter(|&b| b != 0xff).collect()
}

/// `path.Match` refused the pattern (Go's `path.ErrBadPattern`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPattern;

impl std::fmt::Display for BadPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("syntax error in pattern")
    }
}

// scanChunk: leading stars, then up to the next star outside brackets.
fn scan_chunk(pattern: &[u8]) -> (bool, &[u8], &[u8]) {
    let mut p = pattern;
    let mut star = false;
    while p.first() == Some(&b'*') {
        p = &p[1..];
        star = true;
    }
    let mut inrange = false;
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            b'\\' if i + 1 < p.len() => i += 1,
            b'[' => inrange = true,
            b']' => inrange = false,
            b'*' if !inrange => break,
            _ => {}
        }
        i += 1;
    }
    (star, &p[..i], &p[i..])
}

// getEsc: one possibly escaped character of a class range.
fn get_esc(chunk: &[u8]) -> Result<(char, &[u8]), BadPattern> {
    let mut c = chunk;
    match c.first() {
        None | Some(b'-' | b']') => return Err(BadPattern),
        Some(b'\\') => {
            c = &c[1..];
            if c.is_empty() {
                return Err(BadPattern);
            }
        }
        _ => {}
    }
    let (r, n) = decode_rune(c);
    // decode_rune reports (U+FFFD, 1) only for invalid UTF-8.
    if r == '\u{FFFD}' && n == 1 {
        return Err(BadPattern);
    }
    let rest = &c[n..];
    if rest.is_empty() {
        return Err(BadPattern);
    }
    Ok((r, rest))
}

// matchChunk: Ok(Some(rest)) on a match, Ok(None) on a mismatch; once the
// match has failed the chunk is still scanned so syntax errors surface.
fn match_chunk<'a>(chunk: &[u8], s: &'a [u8]) -> Result<Option<&'a [u8]>, BadPattern> {
    let mut chunk = chunk;
    let mut s = s;
    let mut failed = false;
    while !chunk.is_empty() {
        if !failed && s.is_empty() {
            failed = true;
        }
        match chunk[0] {
            b'[' => {
                let mut r = '\0';
                if !failed {
                    let (c, n) = decode_rune(s);
                    r = c;
                    s = &s[n..];
                }
                chunk = &chunk[1..];
                let mut negated = false;
                if chunk.first() == Some(&b'^') {
                    negated = true;
                    chunk = &chunk[1..];
                }
                let mut matched = false;
                let mut nrange = 0;
                loop {
                    if chunk.first() == Some(&b']') && nrange > 0 {
                        chunk = &chunk[1..];
                        break;
                    }
                    let (lo, rest) = get_esc(chunk)?;
                    chunk = rest;
                    let mut hi = lo;
                    if chunk.first() == Some(&b'-') {
                        let (h, rest) = get_esc(&chunk[1..])?;
                        hi = h;
                        chunk = rest;
                    }
                    if lo <= r && r <= hi {
                        matched = true;
                    }
                    nrange += 1;
                }
                if matched == negated {
                    failed = true;
                }
            }
            b'?' => {
                if !failed {
                    if s[0] == b'/' {
                        failed = true;
                    }
                    let (_, n) = decode_rune(s);
                    s = &s[n..];
                }
                chunk = &chunk[1..];
            }
            c => {
                let lit = if c == b'\\' {
                    chunk = &chunk[1..];
                    match chunk.first() {
                        Some(&l) => l,
                        None => return Err(BadPattern),
                    }
                } else {
                    c
                };
                if !failed {
                    if lit != s[0] {
                        failed = true;
                    }
                    s = &s[1..];
                }
                chunk = &chunk[1..];
            }
        }
    }
    if failed { Ok(None) } else { Ok(Some(s)) }
}

/// Go's `path.Match(pattern, name)` on bytes: `*` any run without `/`, `?`
/// one non-`/` character, `[…]` classes (which may match `/`), `\` escapes.
pub fn go_path_match(pattern: &[u8], name: &[u8]) -> Result<bool, BadPattern> {
    let mut pattern = pattern;
    let mut name = name;
    'outer: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            return Ok(!name.contains(&b'/'));
        }
        let first = match_chunk(chunk, name);
        if let Ok(Some(t)) = first
            && (t.is_empty() || !pattern.is_empty())
        {
            name = t;
            continue;
        }
        first?;
        if star {
            let mut i = 0;
            while i < name.len() && name[i] != b'/' {
                match match_chunk(chunk, &name[i + 1..]) {
                    Ok(Some(t)) => {
                        if pattern.is_empty() && !t.is_empty() {
                            i += 1;
                            continue;
                        }
                        name = t;
                        continue 'outer;
                    }
                    Ok(None) => {}
                    Err(e) => return Err(e),
                }
                i += 1;
            }
        }
        // Before reporting a mismatch, make sure the rest is well-formed.
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            match_chunk(chunk, b"")?;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

/// Caddy's `matchPatternWithEscapeSequence`, transcribed step for step
/// (including its quirks: plain characters of the path are not lowercased,
/// so outside the `%xx` parts an escaped-space pattern is case-sensitive).
fn match_with_escape_sequence(escaped_path: &[u8], match_path: &[u8]) -> bool {
    let mut sb: Vec<u8> = Vec::new();
    let (mut ip, mut ipath) = (0usize, 0usize);
    while ip < match_path.len() && ipath < escaped_path.len() {
        let mut path_ch: Vec<u8> = vec![escaped_path[ipath]];
        let mut escaped_ch: Vec<u8> = Vec::new();
        if escaped_path[ipath] == b'%' && escaped_path.len() >= ipath + 3 {
            escaped_ch = escaped_path[ipath..ipath + 3].to_ascii_lowercase();
            match go_unescape(&escaped_ch) {
                Some(d) => path_ch = d,
                None => return false,
            }
            ipath += 2;
        }
        let mut normalize = true;
        let mut wildcard = false;
        match match_path[ip] {
            b'%' => {
                if match_path.len() >= ip + 3 && match_path[ip + 1] != b'*' {
                    sb.extend_from_slice(&escaped_ch);
                    ipath += 1;
                    ip += 2;
                } else {
                    ip += 1;
                    normalize = false;
                    wildcard = true;
                }
            }
            b'*' => wildcard = true,
            _ => {
                sb.extend_from_slice(&path_ch);
                ipath += 1;
            }
        }
        if wildcard {
            let remaining = escaped_path.get(ipath..).unwrap_or(&[]);
            let mut until = remaining.len();
            if ip + 1 < match_path.len() {
                let next = match_path[ip + 1];
                match remaining.iter().position(|&c| c == next) {
                    Some(u) => until = u,
                    None => return false,
                }
            }
            if until > 0 {
                let mut next = remaining[..until].to_vec();
                if normalize {
                    match go_unescape(&next) {
                        Some(d) => next = d,
                        None => return false,
                    }
                }
                sb.extend_from_slice(&next);
                ipath += until;
            }
        }
        ip += 1;
    }
    let mut pat = Vec::with_capacity(match_path.len());
    let mut i = 0;
    while i < match_path.len() {
        if match_path[i] == b'%' && match_path.get(i + 1) == Some(&b'*') {
            pat.push(b'*');
            i += 2;
        } else {
            pat.push(match_path[i]);
            i += 1;
        }
    }
    go_path_match(&pat, &sb).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, path: &str) -> bool {
        PathPattern::new(pattern).matches(path)
    }

    // SEMANTICS §3, every [tested] normalisation example, as the module emits
    // them (entry + `*`).
    #[test]
    fn semantics_normalisation_examples() {
        let table: &[(&str, &str, bool)] = &[
            ("/api/*", "/x/../api/y", true),
            ("/api*", "/x/../api/y", true),
            ("/api/*", "/api/../admin", false),
            ("/api*", "/api/../admin", false),
            ("/api/*", "/api/%2e%2e/admin", false),
            ("/api*", "/api/%2e%2e/admin", false),
            ("/api/*", "/api%2F..%2Fadmin", false),
            ("/api*", "/api%2F..%2Fadmin", false),
            ("/api/*", "/%61pi/x", true),
            ("/api/*", "/%2Fapi/x", true),
            ("/api*", "/api/..;/admin", true),
            ("/api/*", "/api/..;/admin", true),
            ("/api*", "/apifoo", true),
            ("/api*", "/api-docs", true),
            ("/api*", "/apidocs", true),
            ("/api*", "/api", true),
            ("/api*", "/API/x", true),
            ("/api*", "/Api", true),
            ("/API*", "/api/x", true),
            ("/feed*", "/feedback", true),
            ("/ping*", "/pinger", true),
            ("/api/*", "/api", false),
            ("/api", "/api", true),
            ("/api", "/api/", false),
            ("/api*", "/x?y=/api/status", false),
            ("/x*", "/x?y=/api/status", true),
            ("/api*", "//api/x", true),
            ("/api*", "/./api", true),
            ("/api/*", "/api//x", true),
            ("/api*", "/%41PI", true),
            // Caddy ≥ 2.7 trims trailing dots/spaces only on Windows (#5613);
            // Debian's 2.6.2 trims them everywhere and would match these.
            ("/api", "/api.", false),
            ("/api", "/api%20", false),
            ("*.php", "/x.php.", false),
        ];
        for (p, path, want) in table {
            assert_eq!(m(p, path), *want, "pattern {p} path {path}");
        }
    }

    #[test]
    fn everything_and_nothing() {
        // Entries as the module writes them, before it appends `*`.
        for p in ["", "/", "*", "*/"] {
            let pp = PathPattern::new(&format!("{p}*"));
            assert!(pp.matches_every_path(), "{p}*");
            for path in ["/", "/admin", "/x/y", "/a/b/c/"] {
                assert!(pp.matches(path), "{p}* {path}");
            }
        }
        assert!(PathPattern::new("*").matches_every_path());
        // `/*` appended-star form: `/**` is a glob, single segments only.
        let pp = PathPattern::new("/**");
        assert!(!pp.matches_every_path());
        assert!(pp.matches("/admin"));
        assert!(!pp.matches("/x/y"));
        assert_eq!(pp.kind(), PathPatternKind::Glob);
        // Three stars is a glob whose only chunk is `*`: no path (they all
        // contain '/') ever matches.
        assert!(!PathPattern::new("***").matches("/"));
        // No leading slash: dead, silently.
        let dead = PathPattern::new("api*");
        assert!(dead.never_matches());
        assert!(!dead.matches("/api"));
        assert!(!dead.matches("api"), "not origin-form: Go answers 400");
        assert!(PathPattern::new("api").never_matches());
        assert!(!PathPattern::new("*api").never_matches());
        assert!(PathPattern::new("*api").matches("/v1/api"));
        assert!(!PathPattern::new("/api*").never_matches());
        assert!(!PathPattern::new("/api*").matches_every_path());
        assert!(
            PathPattern::new("[/]api*").never_matches(),
            "prefix form takes [ literally"
        );
        assert!(!PathPattern::new("[/]api").never_matches());
        assert!(PathPattern::new("[/]api").matches("/api"));
    }

    #[test]
    fn kinds() {
        use PathPatternKind::*;
        let table: &[(&str, PathPatternKind)] = &[
            ("*", MatchAll),
            ("/api*", Prefix("/api".into())),
            ("/API*", Prefix("/api".into())),
            ("*.php", Suffix(".php".into())),
            ("*admin*", Substring("admin".into())),
            ("/api/*/x*", Glob),
            ("/a?c", Glob),
            ("/a[bc]", Glob),
            ("/api", Exact),
            ("/api%2fx*", EscapedSpace),
            ("/api{x}*", Prefix("/api".into())),
        ];
        for (p, k) in table {
            assert_eq!(&PathPattern::new(p).kind(), k, "{p}");
        }
        assert!(PathPattern::new("/api{x}*").has_placeholder());
        assert!(!PathPattern::new("/api*").has_placeholder());
    }

    #[test]
    fn glob_forms() {
        let table: &[(&str, &str, bool)] = &[
            ("/api/*/x*", "/api/v1/xyz", true),
            ("/api/*/x*", "/api/v1/v2/x", false),
            ("/api/*/x*", "/API/V1/X", true),
            ("/a?c", "/abc", true),
            ("/a?c", "/a/c", false),
            ("/a[bc]d", "/acd", true),
            ("/a[^bc]d", "/axd", true),
            ("/a[^bc]d", "/abd", false),
            ("/a[a-c]d", "/abd", true),
            ("/a\\*b", "/a*b", true),
            ("/a\\*b", "/axb", false),
            ("/a[", "/a[", false),
            // With a single trailing star `?` and `[` are literal.
            ("/a?*", "/a%3Fx", true),
            ("/a?*", "/abx", false),
            ("/a[b]*", "/a[b]x", true),
            ("/a[b]*", "/ab", false),
        ];
        for (p, path, want) in table {
            assert_eq!(m(p, path), *want, "pattern {p} path {path}");
        }
        assert!(PathPattern::new("/a[").is_bad_glob());
        assert!(!PathPattern::new("/a[b]").is_bad_glob());
    }

    #[test]
    fn escaped_space_mode() {
        let table: &[(&str, &str, bool)] = &[
            ("/api%2fx", "/api%2Fx", true),
            ("/api%2Fx", "/api%2fx", true),
            ("/api%2fx", "/api/x", false),
            ("/a%40b", "/a%40b", true),
            ("/a%40b", "/a@b", false),
            ("/a/%*", "/a/b%2Fc", true),
            // The wildcard span is decoded, so `%2F` inside it becomes '/',
            // which the final path.Match `*` cannot cross.
            ("/a/*/x%2f", "/a/b%2Fc/x%2F", false),
            ("/a/*/x%2f", "/a/b/x%2F", true),
            // Plain characters are compared as sent: case-sensitive here.
            ("/API%2fx", "/API%2Fx", false),
            ("/api%2fx", "/api%2Fx?q=1", true),
        ];
        for (p, path, want) in table {
            assert_eq!(m(p, path), *want, "pattern {p} path {path}");
        }
    }

    #[test]
    fn double_slash_patterns_keep_empty_segments() {
        assert!(m("/a//b", "/a//b"));
        assert!(!m("/a/b", "/a//b") || m("/a/b", "/a//b"));
        assert!(m("/a/b", "/a//b"), "merged when the pattern has no //");
        assert!(m("/a//b*", "/a//bc"));
        assert!(!m("/a//b*", "/a/bc"));
        assert_eq!(caddy_clean_path(b"/a//b/../c", false), b"/a//c".to_vec());
        assert_eq!(caddy_clean_path(b"/a//b/", false), b"/a//b/".to_vec());
    }

    #[test]
    fn clean_path_examples() {
        let table: &[(&str, &str)] = &[
            ("/x/../api/y", "/api/y"),
            ("/api/../admin", "/admin"),
            ("/api/%2e%2e/admin", "/admin"),
            ("/api%2F..%2Fadmin", "/admin"),
            ("/%61pi/x", "/api/x"),
            ("/%2Fapi/x", "/api/x"),
            ("/api/..;/admin", "/api/..;/admin"),
            ("/API/Status", "/API/Status"),
            ("/api//status", "/api/status"),
            ("/api/", "/api/"),
            ("/api//", "/api/"),
            ("/", "/"),
            ("//", "/"),
            ("/..", "/"),
            ("/../..//x/", "/x/"),
            ("/x?y=/api/status", "/x"),
            ("/a/./b/.", "/a/b"),
            ("/a/b/..", "/a"),
            ("/a/b/../", "/a/"),
            ("", "."),
            ("/%ff", "/\u{FFFD}"),
            ("/caf%C3%A9", "/café"),
            ("/bad%zz/../x", "/x"),
        ];
        for (raw, want) in table {
            assert_eq!(clean_path(raw), *want, "{raw}");
        }
        assert!(!is_valid_request_path("/bad%zz"));
        assert!(!is_valid_request_path("/bad%4"));
        assert!(is_valid_request_path("/ok%41"));
        assert!(!m("/bad*", "/bad%zz"), "Go answers 400 first");
    }

    #[test]
    fn go_path_clean_table() {
        let table: &[(&str, &str)] = &[
            ("", "."),
            ("abc", "abc"),
            ("abc/def", "abc/def"),
            ("a/b/c", "a/b/c"),
            (".", "."),
            ("..", ".."),
            ("../..", "../.."),
            ("../../abc", "../../abc"),
            ("/abc", "/abc"),
            ("/", "/"),
            ("abc/", "abc"),
            ("abc/def/", "abc/def"),
            ("//abc", "/abc"),
            ("abc//def//ghi", "abc/def/ghi"),
            ("abc/./def", "abc/def"),
            ("/./abc/def", "/abc/def"),
            ("abc/.", "abc"),
            ("abc/def/ghi/../jkl", "abc/def/jkl"),
            ("abc/def/../ghi/../jkl", "abc/jkl"),
            ("abc/def/..", "abc"),
            ("abc/def/../..", "."),
            ("/abc/def/../..", "/"),
            ("abc/def/../../..", ".."),
            ("/abc/def/../../..", "/"),
            ("abc/def/../../../ghi/jkl/../../../mno", "../../mno"),
            ("abc/./../def", "def"),
            ("abc//./../def", "def"),
            ("abc/../../././../def", "../../def"),
        ];
        for (i, o) in table {
            assert_eq!(go_path_clean(i.as_bytes()), o.as_bytes().to_vec(), "{i}");
        }
    }

    #[test]
    fn go_path_match_table() {
        let table: &[(&str, &str, Result<bool, BadPattern>)] = &[
            ("abc", "abc", Ok(true)),
            ("*", "abc", Ok(true)),
            ("*c", "abc", Ok(true)),
            ("a*", "a", Ok(true)),
            ("a*", "abc", Ok(true)),
            ("a*", "ab/c", Ok(false)),
            ("a*/b", "abc/b", Ok(true)),
            ("a*/b", "a/c/b", Ok(false)),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", Ok(true)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", Ok(true)),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", Ok(false)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", Ok(false)),
            ("a*b?c*x", "abxbbxdbxebxczzx", Ok(true)),
            ("a*b?c*x", "abxbbxdbxebxczzy", Ok(false)),
            ("ab[c]", "abc", Ok(true)),
            ("ab[b-d]", "abc", Ok(true)),
            ("ab[e-g]", "abc", Ok(false)),
            ("ab[^c]", "abc", Ok(false)),
            ("ab[^b-d]", "abc", Ok(false)),
            ("ab[^e-g]", "abc", Ok(true)),
            ("a\\*b", "a*b", Ok(true)),
            ("a\\*b", "ab", Ok(false)),
            ("a?b", "a☺b", Ok(true)),
            ("a[^a]b", "a☺b", Ok(true)),
            ("a???b", "a☺b", Ok(false)),
            ("a[^a][^a][^a]b", "a☺b", Ok(false)),
            ("[a-ζ]*", "α", Ok(true)),
            ("*[a-ζ]", "A", Ok(false)),
            ("a?b", "a/b", Ok(false)),
            ("a*b", "a/b", Ok(false)),
            ("[\\]a]", "]", Ok(true)),
            ("[\\-]", "-", Ok(true)),
            ("[x\\-]", "x", Ok(true)),
            ("[x\\-]", "-", Ok(true)),
            ("[x\\-]", "z", Ok(false)),
            ("[\\-x]", "x", Ok(true)),
            ("[\\-x]", "-", Ok(true)),
            ("[\\-x]", "a", Ok(false)),
            ("[]a]", "]", Err(BadPattern)),
            ("[-]", "-", Err(BadPattern)),
            ("[x-]", "x", Err(BadPattern)),
            ("[x-]", "-", Err(BadPattern)),
            ("[x-]", "z", Err(BadPattern)),
            ("[-x]", "x", Err(BadPattern)),
            ("[-x]", "-", Err(BadPattern)),
            ("[-x]", "a", Err(BadPattern)),
            ("\\", "a", Err(BadPattern)),
            ("[a-b-c]", "a", Err(BadPattern)),
            ("[", "a", Err(BadPattern)),
            ("[^", "a", Err(BadPattern)),
            ("[^bc", "a", Err(BadPattern)),
            ("a[", "a", Err(BadPattern)),
            ("a[", "ab", Err(BadPattern)),
            ("a[", "x", Err(BadPattern)),
            ("a/b[", "x", Err(BadPattern)),
            ("*x", "xxx", Ok(true)),
        ];
        for (p, n, want) in table {
            assert_eq!(
                &go_path_match(p.as_bytes(), n.as_bytes()),
                want,
                "Match({p:?}, {n:?})"
            );
        }
    }

    #[test]
    fn lowercase_like_go() {
        assert_eq!(
            go_to_lower("/ÄPI/İ".as_bytes()),
            "/äpi/i".as_bytes().to_vec()
        );
        assert_eq!(go_to_lower(b"/A\xffB"), "/a\u{FFFD}b".as_bytes().to_vec());
        assert_eq!(go_to_lower("ΣΑΣ".as_bytes()), "σασ".as_bytes().to_vec());
        assert!(m("/äpi*", "/%C3%84PI/x"));
    }

    #[test]
    fn fuzz_no_panic() {
        let alphabet: Vec<char> = "/ap.%2eF*?[]^-\\{}é;x".chars().collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let n = u64::try_from(alphabet.len()).unwrap();
        for _ in 0..20_000 {
            let mut generate = |max: u64| {
                let len = usize::try_from(next() % max).unwrap();
                (0..len)
                    .map(|_| alphabet[usize::try_from(next() % n).unwrap()])
                    .collect::<String>()
            };
            let p = generate(10);
            let path = format!("/{}", generate(14));
            let pp = PathPattern::new(&p);
            let hit = pp.matches(&path);
            if pp.matches_every_path() && is_valid_request_path(&path) {
                assert!(hit, "{p:?} claims to match everything but not {path:?}");
            }
            if pp.never_matches() {
                assert!(!hit, "{p:?} claims to be dead but matched {path:?}");
            }
            let _ = (pp.kind(), pp.is_bad_glob(), clean_path(&path));
        }
    }
}
