//! The CEL that Caddy's `expression` matcher compiles.
//!
//! Caddy first rewrites Caddyfile shorthands (`{path}` →
//! `{http.request.uri.path}`, in every token of a site block), then turns
//! every `{name}` matching `{([a-zA-Z][\w.-]+)}` into
//! `caddyPlaceholder(request, "name")`, **inside string literals too**, and
//! hands the result to cel-go. Anything else in braces stays, so
//! `{regexp(path, "…")}` is read by CEL as a map literal (SEMANTICS §2.1).
//!
//! String literals follow the CEL spec (`CEL.g4`): `"…"`/`'…'` (no raw
//! newline), `"""…"""`/`'''…'''`, raw `r'…'`, bytes `b'…'`, and only the
//! escapes `\a \b \f \n \r \t \v \\ \' \" \?`, backslash-backquote, `\xHH` `\XHH` `\uHHHH`
//! `\UHHHHHHHH` `\[0-3][0-7][0-7]`; anything else after a backslash is a
//! token-recognition error, and a `\U` beyond U+10FFFF fails to unescape
//! [tested 2.6.2: `'\d'`, `'\8'`, `'\x4'`, `'\400'` are refused;
//! `'\\.ics$'`, `r'\d+'`, `'''a'''`, `'\uD800'` load].
//!
//! The checker knows Caddy's CEL environment well enough to refuse what
//! Caddy refuses in practice: undeclared identifiers and functions
//! (`regexp`, a bare `path`, `client_ip` before 2.7) and a result that is
//! not boolean (`{path}` alone: "expects return type of bool").

use super::CaddyVersion;

/// A CEL compile error at a byte offset of the compiled text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CelError {
    /// Message in cel-go's style.
    pub message: String,
    /// Byte offset into the compiled (expanded) expression.
    pub offset: usize,
}

/// A literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// String.
    Str(String),
    /// Bytes.
    Bytes(Vec<u8>),
    /// Signed integer.
    Int(i64),
    /// Unsigned integer.
    Uint(u64),
    /// Double.
    Double(f64),
    /// Boolean.
    Bool(bool),
    /// `null`.
    Null,
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `||`
    Or,
    /// `&&`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
}

/// Expression node kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// Literal.
    Lit(Lit),
    /// Identifier.
    Ident(String),
    /// `a.b`.
    Select(Box<Expr>, String),
    /// `f(x)` or `t.f(x)`.
    Call {
        /// Receiver of a member call.
        target: Option<Box<Expr>>,
        /// Function name.
        func: String,
        /// Arguments.
        args: Vec<Expr>,
    },
    /// `a[b]`.
    Index(Box<Expr>, Box<Expr>),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `{k: v}`.
    Map(Vec<(Expr, Expr)>),
    /// `T{f: v}`.
    Message(String, Vec<(String, Expr)>),
    /// `!x`.
    Not(Box<Expr>),
    /// `-x`.
    Neg(Box<Expr>),
    /// Binary operation.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `c ? a : b`.
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
}

/// An expression with the offset of its first token.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// Node.
    pub kind: ExprKind,
    /// Byte offset in the compiled text.
    pub pos: usize,
}

impl Expr {
    /// Every string literal in the expression, decoded (escapes resolved
    /// as CEL resolves them), in source order.
    pub fn string_literals(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.push_string_literals(&mut out);
        out
    }

    fn push_string_literals<'e>(&'e self, out: &mut Vec<&'e str>) {
        match &self.kind {
            ExprKind::Lit(Lit::Str(s)) => out.push(s),
            ExprKind::Lit(_) | ExprKind::Ident(_) => {}
            ExprKind::Select(e, _) | ExprKind::Not(e) | ExprKind::Neg(e) => {
                e.push_string_literals(out);
            }
            ExprKind::Call { target, args, .. } => {
                if let Some(t) = target {
                    t.push_string_literals(out);
                }
                for a in args {
                    a.push_string_literals(out);
                }
            }
            ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => {
                a.push_string_literals(out);
                b.push_string_literals(out);
            }
            ExprKind::List(items) => {
                for e in items {
                    e.push_string_literals(out);
                }
            }
            ExprKind::Map(entries) => {
                for (k, v) in entries {
                    k.push_string_literals(out);
                    v.push_string_literals(out);
                }
            }
            ExprKind::Message(_, fields) => {
                for (_, v) in fields {
                    v.push_string_literals(out);
                }
            }
            ExprKind::Cond(c, a, b) => {
                c.push_string_literals(out);
                a.push_string_literals(out);
                b.push_string_literals(out);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Caddy-side text rewriting
// ---------------------------------------------------------------------------

/// Caddyfile shorthand placeholders (`httpcaddyfile`'s replacer), applied to
/// every site-block token before matchers are unmarshalled.
pub fn expand_shorthands(s: &str) -> String {
    const SIMPLE: &[(&str, &str)] = &[
        ("{dir}", "{http.request.uri.path.dir}"),
        ("{file}", "{http.request.uri.path.file}"),
        ("{host}", "{http.request.host}"),
        ("{hostport}", "{http.request.hostport}"),
        ("{port}", "{http.request.port}"),
        ("{method}", "{http.request.method}"),
        ("{path}", "{http.request.uri.path}"),
        ("{query}", "{http.request.uri.query}"),
        ("{remote}", "{http.request.remote}"),
        ("{remote_host}", "{http.request.remote.host}"),
        ("{remote_port}", "{http.request.remote.port}"),
        ("{scheme}", "{http.request.scheme}"),
        ("{uri}", "{http.request.uri}"),
        ("{client_ip}", "{http.vars.client_ip}"),
    ];
    const PREFIXED: &[(&str, &str)] = &[
        ("{header.", "{http.request.header."),
        ("{cookie.", "{http.request.cookie."),
        ("{labels.", "{http.request.host.labels."),
        ("{path.", "{http.request.uri.path."),
        ("{query.", "{http.request.uri.query."),
        ("{re.", "{http.regexp."),
        ("{vars.", "{http.vars."),
        ("{rp.", "{http.reverse_proxy."),
        ("{err.", "{http.error."),
        ("{file_match.", "{http.matchers.file."),
    ];
    if !s.contains('{') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut i = 0;
    'outer: while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with('{') {
            for (from, to) in SIMPLE {
                if rest.starts_with(from) {
                    out.push_str(to);
                    i += from.len();
                    continue 'outer;
                }
            }
            for (from, to) in PREFIXED {
                if rest.starts_with(from)
                    && let Some(close) = rest.find('}')
                {
                    let inner = &rest[from.len()..close];
                    if !inner.is_empty() && !inner.contains(['{', ' ']) {
                        out.push_str(to);
                        out.push_str(inner);
                        out.push('}');
                        i += close + 1;
                        continue 'outer;
                    }
                }
            }
        }
        let ch = rest.chars().next().unwrap_or('\0');
        out.push(ch);
        i += ch.len_utf8().max(1);
    }
    out
}

/// Caddy's `placeholderRegexp` expansion: `{name}` (name =
/// `[a-zA-Z][\w.-]+`) becomes `caddyPlaceholder(request, "name")`.
/// Returns the text and, for each output byte, the input byte it came from.
pub fn expand_placeholders(s: &str) -> (String, Vec<usize>) {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            let mut j = i + 1;
            if j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                j += 1;
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'_' | b'.' | b'-'))
                {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b'}' && j - i >= 3 {
                    let name = &s[i + 1..j];
                    let rep = format!("caddyPlaceholder(request, \"{name}\")");
                    for _ in 0..rep.len() {
                        map.push(i);
                    }
                    out.push_str(&rep);
                    i = j + 1;
                    continue;
                }
            }
        }
        let ch = s[i..].chars().next().unwrap_or('\0');
        let n = ch.len_utf8();
        for k in 0..n {
            map.push(i + k);
        }
        out.push(ch);
        i += n;
    }
    (out, map)
}

// ---------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Tk {
    Ident(String),
    Lit(Lit),
    Punct(&'static str),
    Eof,
}

#[derive(Debug, Clone)]
struct LexTok {
    tk: Tk,
    pos: usize,
    end: usize,
}

const PUNCTS: &[&str] = &[
    "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "?", ":", "+", "-", "*", "/", "%", ".", ",",
    "(", ")", "[", "]", "{", "}",
];

const RESERVED: &[&str] = &[
    "as",
    "break",
    "const",
    "continue",
    "else",
    "for",
    "function",
    "if",
    "import",
    "let",
    "loop",
    "package",
    "namespace",
    "return",
    "var",
    "void",
    "while",
];

fn recog_err(src: &str, from: usize, to: usize) -> CelError {
    let frag = src.get(from..to.min(src.len())).unwrap_or("");
    CelError {
        message: format!("Syntax error: token recognition error at: '{frag}'"),
        offset: from,
    }
}

fn lex(src: &str) -> Result<Vec<LexTok>, CelError> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
            i += 1;
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        // string / bytes literals with optional prefixes
        let mut j = i;
        let mut is_bytes = false;
        let mut is_raw = false;
        if matches!(b[j], b'b' | b'B') && matches!(b.get(j + 1), Some(b'"' | b'\'' | b'r' | b'R')) {
            let after = if matches!(b.get(j + 1), Some(b'r' | b'R')) {
                b.get(j + 2)
            } else {
                b.get(j + 1)
            };
            if matches!(after, Some(b'"' | b'\'')) {
                is_bytes = true;
                j += 1;
            }
        }
        if matches!(b[j], b'r' | b'R') && matches!(b.get(j + 1), Some(b'"' | b'\'')) {
            is_raw = true;
            j += 1;
        }
        if matches!(b[j], b'"' | b'\'') {
            let (value, end) = lex_string(src, start, j, is_raw)?;
            let lit = if is_bytes {
                Lit::Bytes(value.into_bytes_lossy())
            } else {
                Lit::Str(value.into_string())
            };
            out.push(LexTok {
                tk: Tk::Lit(lit),
                pos: start,
                end,
            });
            i = end;
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let word = &src[start..i];
            let tk = match word {
                "true" => Tk::Lit(Lit::Bool(true)),
                "false" => Tk::Lit(Lit::Bool(false)),
                "null" => Tk::Lit(Lit::Null),
                "in" => Tk::Punct("in"),
                _ => Tk::Ident(word.to_string()),
            };
            out.push(LexTok {
                tk,
                pos: start,
                end: i,
            });
            continue;
        }
        if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let (lit, end) = lex_number(src, i)?;
            out.push(LexTok {
                tk: Tk::Lit(lit),
                pos: start,
                end,
            });
            i = end;
            continue;
        }
        if let Some(p) = PUNCTS.iter().find(|p| src[i..].starts_with(**p)) {
            out.push(LexTok {
                tk: Tk::Punct(p),
                pos: i,
                end: i + p.len(),
            });
            i += p.len();
            continue;
        }
        let n = src[i..].chars().next().map_or(1, char::len_utf8);
        return Err(recog_err(src, i, i + n));
    }
    out.push(LexTok {
        tk: Tk::Eof,
        pos: src.len(),
        end: src.len(),
    });
    Ok(out)
}

/// Unescaped literal content: code points, or bytes for `\x`/octal in a
/// bytes literal.
struct Unescaped {
    units: Vec<Unit>,
}

enum Unit {
    Char(char),
    Byte(u8),
}

impl Unescaped {
    fn into_string(self) -> String {
        self.units
            .into_iter()
            .map(|u| match u {
                Unit::Char(c) => c,
                Unit::Byte(b) => char::from(b),
            })
            .collect()
    }

    fn into_bytes_lossy(self) -> Vec<u8> {
        let mut out = Vec::new();
        for u in self.units {
            match u {
                Unit::Char(c) => {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                Unit::Byte(b) => out.push(b),
            }
        }
        out
    }
}

/// Lexes one string literal whose opening quote is at `q`; `start` is where
/// the token (with prefixes) begins. Returns content and end offset.
fn lex_string(
    src: &str,
    start: usize,
    q: usize,
    raw: bool,
) -> Result<(Unescaped, usize), CelError> {
    let b = src.as_bytes();
    let quote = b[q];
    let triple = b.get(q + 1) == Some(&quote) && b.get(q + 2) == Some(&quote);
    if triple {
        // ANTLR picks the longest alternative that matches: try the
        // triple-quoted form first and fall back to `''`/`""` if it never
        // closes.
        if let Ok(r) = scan_string(src, start, q + 3, quote, true, raw) {
            return Ok(r);
        }
    }
    scan_string(src, start, q + 1, quote, false, raw)
}

fn scan_string(
    src: &str,
    start: usize,
    body: usize,
    quote: u8,
    triple: bool,
    raw: bool,
) -> Result<(Unescaped, usize), CelError> {
    let b = src.as_bytes();
    let mut units = Vec::new();
    let mut i = body;
    loop {
        if i >= b.len() {
            return Err(recog_err(src, start, b.len()));
        }
        let c = b[i];
        if c == quote {
            if !triple {
                return Ok((Unescaped { units }, i + 1));
            }
            if b.get(i + 1) == Some(&quote) && b.get(i + 2) == Some(&quote) {
                return Ok((Unescaped { units }, i + 3));
            }
        }
        if !triple && (c == b'\n' || c == b'\r') {
            return Err(recog_err(src, start, i));
        }
        if c == b'\\' && !raw {
            let (unit, next) = unescape_at(src, start, i)?;
            units.push(unit);
            i = next;
            continue;
        }
        let ch = src[i..].chars().next().unwrap_or('\u{fffd}');
        units.push(Unit::Char(ch));
        i += ch.len_utf8();
    }
}

fn hex_val(s: &[u8]) -> Option<u32> {
    let mut v: u32 = 0;
    for &c in s {
        let d = char::from(c).to_digit(16)?;
        v = v.checked_mul(16)?.checked_add(d)?;
    }
    Some(v)
}

fn unescape_at(src: &str, start: usize, i: usize) -> Result<(Unit, usize), CelError> {
    let b = src.as_bytes();
    let Some(&e) = b.get(i + 1) else {
        return Err(recog_err(src, start, b.len()));
    };
    let simple = match e {
        b'a' => Some('\u{7}'),
        b'b' => Some('\u{8}'),
        b'f' => Some('\u{c}'),
        b'n' => Some('\n'),
        b'r' => Some('\r'),
        b't' => Some('\t'),
        b'v' => Some('\u{b}'),
        b'"' => Some('"'),
        b'\'' => Some('\''),
        b'\\' => Some('\\'),
        b'?' => Some('?'),
        b'`' => Some('`'),
        _ => None,
    };
    if let Some(c) = simple {
        return Ok((Unit::Char(c), i + 2));
    }
    let fixed = |n: usize| -> Result<u32, CelError> {
        let digits = b
            .get(i + 2..i + 2 + n)
            .ok_or_else(|| recog_err(src, start, i + 2))?;
        hex_val(digits).ok_or_else(|| recog_err(src, start, i + 2 + n))
    };
    match e {
        b'x' | b'X' => {
            let v = fixed(2)?;
            Ok((Unit::Byte(u8::try_from(v).unwrap_or(0)), i + 4))
        }
        b'u' => {
            let v = fixed(4)?;
            // cel-go (as in Caddy 2.6.2) accepts lone surrogates; keep the
            // literal loadable and substitute U+FFFD for the value.
            Ok((Unit::Char(char::from_u32(v).unwrap_or('\u{fffd}')), i + 6))
        }
        b'U' => {
            let v = fixed(8)?;
            match char::from_u32(v) {
                Some(c) => Ok((Unit::Char(c), i + 10)),
                None if (0xd800..0xe000).contains(&v) => Ok((Unit::Char('\u{fffd}'), i + 10)),
                None => Err(CelError {
                    message: "unable to unescape string".to_string(),
                    offset: start,
                }),
            }
        }
        b'0'..=b'3' => {
            let d = b
                .get(i + 2..i + 4)
                .ok_or_else(|| recog_err(src, start, i + 2))?;
            if d.iter().all(|c| (b'0'..=b'7').contains(c)) {
                let v =
                    u32::from(e - b'0') * 64 + u32::from(d[0] - b'0') * 8 + u32::from(d[1] - b'0');
                Ok((Unit::Byte(u8::try_from(v).unwrap_or(0)), i + 4))
            } else {
                Err(recog_err(src, start, i + 2))
            }
        }
        _ => Err(recog_err(src, start, i + 2)),
    }
}

fn lex_number(src: &str, start: usize) -> Result<(Lit, usize), CelError> {
    let b = src.as_bytes();
    let mut i = start;
    if b[i] == b'0' && matches!(b.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
        let ds = i;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            i += 1;
        }
        if ds == i {
            return Err(recog_err(src, start, i));
        }
        let v = u64::from_str_radix(&src[ds..i], 16).ok();
        if matches!(b.get(i), Some(b'u' | b'U')) {
            return Ok((Lit::Uint(v.unwrap_or(u64::MAX)), i + 1));
        }
        let v = v.and_then(|v| i64::try_from(v).ok()).ok_or(CelError {
            message: "invalid int literal".to_string(),
            offset: start,
        })?;
        return Ok((Lit::Int(v), i));
    }
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut float = false;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        float = true;
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut k = i + 1;
        if matches!(b.get(k), Some(b'+' | b'-')) {
            k += 1;
        }
        if b.get(k).is_some_and(u8::is_ascii_digit) {
            float = true;
            i = k;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    let text = &src[start..i];
    if float {
        return Ok((Lit::Double(text.parse().unwrap_or(0.0)), i));
    }
    if matches!(b.get(i), Some(b'u' | b'U')) {
        return Ok((Lit::Uint(text.parse().unwrap_or(u64::MAX)), i + 1));
    }
    let v = text.parse::<i64>().map_err(|_| CelError {
        message: "invalid int literal".to_string(),
        offset: start,
    })?;
    Ok((Lit::Int(v), i))
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

struct Parser<'a> {
    src: &'a str,
    toks: Vec<LexTok>,
    i: usize,
    depth: usize,
    nodes: usize,
}

// cel-go refuses nesting beyond 250; this model stops earlier (and caps
// operator chains) so that its recursive checker and evaluator stay within a
// test thread's stack. Real matcher expressions are a few levels deep.
const MAX_DEPTH: usize = 100;
const MAX_NODES: usize = 400;

fn describe(t: &LexTok, src: &str) -> String {
    match &t.tk {
        Tk::Eof => "<EOF>".to_string(),
        _ => src.get(t.pos..t.end).unwrap_or("").to_string(),
    }
}

impl Parser<'_> {
    fn peek(&self) -> &LexTok {
        let last = self.toks.len().saturating_sub(1);
        &self.toks[self.i.min(last)]
    }

    fn is(&self, p: &str) -> bool {
        matches!(&self.peek().tk, Tk::Punct(q) if *q == p)
    }

    fn bump(&mut self) -> LexTok {
        let t = self.peek().clone();
        if self.i < self.toks.len() - 1 {
            self.i += 1;
        }
        t
    }

    fn err_here(&self, expecting: &str) -> CelError {
        let t = self.peek();
        CelError {
            message: format!(
                "Syntax error: mismatched input '{}' expecting {expecting}",
                describe(t, self.src)
            ),
            offset: t.pos,
        }
    }

    fn expect(&mut self, p: &str) -> Result<(), CelError> {
        if self.is(p) {
            self.bump();
            Ok(())
        } else {
            Err(self.err_here(&format!("'{p}'")))
        }
    }

    fn enter(&mut self) -> Result<(), CelError> {
        self.depth += 1;
        self.nodes += 1;
        if self.depth > MAX_DEPTH || self.nodes > MAX_NODES {
            return Err(CelError {
                message: "expression recursion limit exceeded".to_string(),
                offset: self.peek().pos,
            });
        }
        Ok(())
    }

    fn expr(&mut self) -> Result<Expr, CelError> {
        self.enter()?;
        let c = self.or()?;
        let r = if self.is("?") {
            self.bump();
            let a = self.or()?;
            self.expect(":")?;
            let b = self.expr()?;
            let pos = c.pos;
            Expr {
                kind: ExprKind::Cond(Box::new(c), Box::new(a), Box::new(b)),
                pos,
            }
        } else {
            c
        };
        self.depth -= 1;
        Ok(r)
    }

    fn or(&mut self) -> Result<Expr, CelError> {
        let mut l = self.and()?;
        while self.is("||") {
            self.bump();
            let r = self.and()?;
            let pos = l.pos;
            l = Expr {
                kind: ExprKind::Binary(BinOp::Or, Box::new(l), Box::new(r)),
                pos,
            };
        }
        Ok(l)
    }

    fn and(&mut self) -> Result<Expr, CelError> {
        let mut l = self.relation()?;
        while self.is("&&") {
            self.bump();
            let r = self.relation()?;
            let pos = l.pos;
            l = Expr {
                kind: ExprKind::Binary(BinOp::And, Box::new(l), Box::new(r)),
                pos,
            };
        }
        Ok(l)
    }

    fn relation(&mut self) -> Result<Expr, CelError> {
        let mut l = self.calc(0)?;
        loop {
            let op = match &self.peek().tk {
                Tk::Punct("==") => BinOp::Eq,
                Tk::Punct("!=") => BinOp::Ne,
                Tk::Punct("<") => BinOp::Lt,
                Tk::Punct("<=") => BinOp::Le,
                Tk::Punct(">") => BinOp::Gt,
                Tk::Punct(">=") => BinOp::Ge,
                Tk::Punct("in") => BinOp::In,
                _ => break,
            };
            self.bump();
            let r = self.calc(0)?;
            let pos = l.pos;
            l = Expr {
                kind: ExprKind::Binary(op, Box::new(l), Box::new(r)),
                pos,
            };
        }
        Ok(l)
    }

    fn calc(&mut self, level: u8) -> Result<Expr, CelError> {
        if level >= 2 {
            return self.unary();
        }
        let mut l = self.calc(level + 1)?;
        loop {
            let op = match (&self.peek().tk, level) {
                (Tk::Punct("+"), 0) => BinOp::Add,
                (Tk::Punct("-"), 0) => BinOp::Sub,
                (Tk::Punct("*"), 1) => BinOp::Mul,
                (Tk::Punct("/"), 1) => BinOp::Div,
                (Tk::Punct("%"), 1) => BinOp::Rem,
                _ => break,
            };
            self.bump();
            let r = self.calc(level + 1)?;
            let pos = l.pos;
            l = Expr {
                kind: ExprKind::Binary(op, Box::new(l), Box::new(r)),
                pos,
            };
        }
        Ok(l)
    }

    fn unary(&mut self) -> Result<Expr, CelError> {
        self.enter()?;
        let r = if self.is("!") {
            let pos = self.bump().pos;
            let e = self.unary()?;
            Expr {
                kind: ExprKind::Not(Box::new(e)),
                pos,
            }
        } else if self.is("-") {
            let pos = self.bump().pos;
            let e = self.unary()?;
            Expr {
                kind: ExprKind::Neg(Box::new(e)),
                pos,
            }
        } else {
            self.member()?
        };
        self.depth -= 1;
        Ok(r)
    }

    fn member(&mut self) -> Result<Expr, CelError> {
        let mut e = self.primary()?;
        loop {
            if self.is(".") {
                self.bump();
                let t = self.bump();
                let Tk::Ident(name) = t.tk else {
                    self.i = self.i.saturating_sub(1);
                    return Err(self.err_here("IDENTIFIER"));
                };
                if self.is("(") {
                    self.bump();
                    let args = self.expr_list(")")?;
                    let pos = e.pos;
                    e = Expr {
                        kind: ExprKind::Call {
                            target: Some(Box::new(e)),
                            func: name,
                            args,
                        },
                        pos,
                    };
                } else if self.is("{") && qualified_name(&e).is_some() {
                    let base = qualified_name(&e).unwrap_or_default();
                    let pos = e.pos;
                    let fields = self.field_inits()?;
                    e = Expr {
                        kind: ExprKind::Message(format!("{base}.{name}"), fields),
                        pos,
                    };
                } else {
                    let pos = e.pos;
                    e = Expr {
                        kind: ExprKind::Select(Box::new(e), name),
                        pos,
                    };
                }
            } else if self.is("[") {
                self.bump();
                let idx = self.expr()?;
                self.expect("]")?;
                let pos = e.pos;
                e = Expr {
                    kind: ExprKind::Index(Box::new(e), Box::new(idx)),
                    pos,
                };
            } else {
                return Ok(e);
            }
        }
    }

    fn expr_list(&mut self, close: &str) -> Result<Vec<Expr>, CelError> {
        let mut out = Vec::new();
        if self.is(close) {
            self.bump();
            return Ok(out);
        }
        loop {
            out.push(self.expr()?);
            if self.is(",") {
                self.bump();
                if close == "]" && self.is("]") {
                    self.bump();
                    return Ok(out);
                }
                continue;
            }
            self.expect(close)?;
            return Ok(out);
        }
    }

    fn field_inits(&mut self) -> Result<Vec<(String, Expr)>, CelError> {
        self.expect("{")?;
        let mut out = Vec::new();
        loop {
            if self.is("}") {
                self.bump();
                return Ok(out);
            }
            let t = self.bump();
            let Tk::Ident(name) = t.tk else {
                self.i = self.i.saturating_sub(1);
                return Err(self.err_here("IDENTIFIER"));
            };
            self.expect(":")?;
            out.push((name, self.expr()?));
            if self.is(",") {
                self.bump();
            } else {
                self.expect("}")?;
                return Ok(out);
            }
        }
    }

    fn primary(&mut self) -> Result<Expr, CelError> {
        let t = self.peek().clone();
        match t.tk {
            Tk::Lit(l) => {
                self.bump();
                Ok(Expr {
                    kind: ExprKind::Lit(l),
                    pos: t.pos,
                })
            }
            Tk::Ident(name) => {
                if RESERVED.contains(&name.as_str()) {
                    return Err(CelError {
                        message: format!("Syntax error: reserved identifier: {name}"),
                        offset: t.pos,
                    });
                }
                self.bump();
                if self.is("(") {
                    self.bump();
                    let args = self.expr_list(")")?;
                    return Ok(Expr {
                        kind: ExprKind::Call {
                            target: None,
                            func: name,
                            args,
                        },
                        pos: t.pos,
                    });
                }
                if self.is("{") {
                    let fields = self.field_inits()?;
                    return Ok(Expr {
                        kind: ExprKind::Message(name, fields),
                        pos: t.pos,
                    });
                }
                Ok(Expr {
                    kind: ExprKind::Ident(name),
                    pos: t.pos,
                })
            }
            Tk::Punct("(") => {
                self.bump();
                let e = self.expr()?;
                self.expect(")")?;
                Ok(e)
            }
            Tk::Punct("[") => {
                self.bump();
                let items = self.expr_list("]")?;
                Ok(Expr {
                    kind: ExprKind::List(items),
                    pos: t.pos,
                })
            }
            Tk::Punct("{") => {
                self.bump();
                let mut entries = Vec::new();
                loop {
                    if self.is("}") {
                        self.bump();
                        break;
                    }
                    let k = self.expr()?;
                    self.expect(":")?;
                    let v = self.expr()?;
                    entries.push((k, v));
                    if self.is(",") {
                        self.bump();
                    } else {
                        self.expect("}")?;
                        break;
                    }
                }
                Ok(Expr {
                    kind: ExprKind::Map(entries),
                    pos: t.pos,
                })
            }
            Tk::Punct(".") => {
                self.bump();
                self.primary()
            }
            _ => Err(self.err_here(
                "{'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}",
            )),
        }
    }
}

fn qualified_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Ident(n) => Some(n.clone()),
        ExprKind::Select(b, n) => qualified_name(b).map(|q| format!("{q}.{n}")),
        _ => None,
    }
}

/// Parses CEL source (already placeholder-expanded).
pub fn parse(src: &str) -> Result<Expr, CelError> {
    let toks = lex(src)?;
    let mut p = Parser {
        src,
        toks,
        i: 0,
        depth: 0,
        nodes: 0,
    };
    let e = p.expr()?;
    if !matches!(p.peek().tk, Tk::Eof) {
        return Err(p.err_here("<EOF>"));
    }
    Ok(e)
}

// ---------------------------------------------------------------------------
// Checker
// ---------------------------------------------------------------------------

/// Caddy's request-matcher functions usable in CEL (the `CELLibrary`
/// implementations).
pub fn is_matcher_function(name: &str, version: CaddyVersion) -> bool {
    matches!(
        name,
        "path"
            | "path_regexp"
            | "host"
            | "method"
            | "query"
            | "header"
            | "header_regexp"
            | "protocol"
            | "remote_ip"
            | "file"
            | "vars"
            | "vars_regexp"
    ) || (name == "client_ip" && version.has_client_ip())
}

const GLOBAL_FUNCS: &[&str] = &[
    "caddyPlaceholder",
    "size",
    "int",
    "uint",
    "double",
    "string",
    "bytes",
    "bool",
    "dyn",
    "type",
    "duration",
    "timestamp",
    "has",
    "matches",
];

const METHODS: &[&str] = &[
    "startsWith",
    "endsWith",
    "contains",
    "matches",
    "size",
    "all",
    "exists",
    "exists_one",
    "map",
    "filter",
    "lowerAscii",
    "upperAscii",
    "replace",
    "split",
    "substring",
    "trim",
    "charAt",
    "indexOf",
    "lastIndexOf",
    "join",
    "getDate",
    "getDayOfMonth",
    "getDayOfWeek",
    "getDayOfYear",
    "getFullYear",
    "getHours",
    "getMilliseconds",
    "getMinutes",
    "getMonth",
    "getSeconds",
];

/// Static type, as far as the checker cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Boolean.
    Bool,
    /// String.
    Str,
    /// Number.
    Num,
    /// Bytes.
    Bytes,
    /// `null`.
    Null,
    /// List.
    List,
    /// Map.
    Map,
    /// `caddyPlaceholder(...)`'s `google.protobuf.Any`.
    Any,
    /// Unknown / dynamic.
    Dyn,
}

impl Ty {
    fn cel_name(self) -> &'static str {
        match self {
            Ty::Bool => "bool",
            Ty::Str => "string",
            Ty::Num => "int",
            Ty::Bytes => "bytes",
            Ty::Null => "null_type",
            Ty::List => "list(dyn)",
            Ty::Map => "map(dyn, dyn)",
            Ty::Any => "google.protobuf.Any",
            Ty::Dyn => "dyn",
        }
    }
}

fn check_expr(e: &Expr, version: CaddyVersion, bound: &[String]) -> Result<Ty, CelError> {
    let undeclared = |name: &str, pos: usize| CelError {
        message: format!("undeclared reference to '{name}' (in container '')"),
        offset: pos,
    };
    Ok(match &e.kind {
        ExprKind::Lit(l) => match l {
            Lit::Str(_) => Ty::Str,
            Lit::Bytes(_) => Ty::Bytes,
            Lit::Int(_) | Lit::Uint(_) | Lit::Double(_) => Ty::Num,
            Lit::Bool(_) => Ty::Bool,
            Lit::Null => Ty::Null,
        },
        ExprKind::Ident(n) => {
            if n == "request" || bound.contains(n) {
                Ty::Dyn
            } else {
                return Err(undeclared(n, e.pos));
            }
        }
        ExprKind::Select(b, _) => {
            if let Some(q) = qualified_name(e)
                && !q.starts_with("request")
                && !bound.iter().any(|v| q.starts_with(&format!("{v}.")))
                && matches!(b.kind, ExprKind::Ident(_) | ExprKind::Select(..))
            {
                return Err(undeclared(&q, e.pos));
            }
            check_expr(b, version, bound)?;
            Ty::Dyn
        }
        ExprKind::Call { target, func, args } => {
            if let Some(t) = target {
                if !METHODS.contains(&func.as_str()) {
                    return Err(undeclared(func, e.pos));
                }
                let mut inner_bound = bound.to_vec();
                if matches!(
                    func.as_str(),
                    "all" | "exists" | "exists_one" | "map" | "filter"
                ) && let Some(Expr {
                    kind: ExprKind::Ident(v),
                    ..
                }) = args.first()
                {
                    inner_bound.push(v.clone());
                }
                check_expr(t, version, bound)?;
                for (i, a) in args.iter().enumerate() {
                    if i == 0 && inner_bound.len() > bound.len() {
                        continue;
                    }
                    check_expr(a, version, &inner_bound)?;
                }
                match func.as_str() {
                    "startsWith" | "endsWith" | "contains" | "matches" | "all" | "exists"
                    | "exists_one" => Ty::Bool,
                    "size" | "indexOf" | "lastIndexOf" => Ty::Num,
                    "lowerAscii" | "upperAscii" | "replace" | "substring" | "trim" | "charAt"
                    | "join" => Ty::Str,
                    "split" | "map" | "filter" => Ty::List,
                    _ => Ty::Dyn,
                }
            } else {
                let known =
                    GLOBAL_FUNCS.contains(&func.as_str()) || is_matcher_function(func, version);
                if !known {
                    return Err(undeclared(func, e.pos));
                }
                if func == "has" {
                    return Ok(Ty::Bool);
                }
                for a in args {
                    check_expr(a, version, bound)?;
                }
                match func.as_str() {
                    "caddyPlaceholder" => Ty::Any,
                    "size" | "int" | "uint" | "double" => Ty::Num,
                    "string" => Ty::Str,
                    "bool" | "matches" => Ty::Bool,
                    "bytes" => Ty::Bytes,
                    f if is_matcher_function(f, version) => Ty::Bool,
                    _ => Ty::Dyn,
                }
            }
        }
        ExprKind::Index(a, b) => {
            check_expr(a, version, bound)?;
            check_expr(b, version, bound)?;
            Ty::Dyn
        }
        ExprKind::List(items) => {
            for i in items {
                check_expr(i, version, bound)?;
            }
            Ty::List
        }
        ExprKind::Map(entries) => {
            for (k, v) in entries {
                check_expr(k, version, bound)?;
                check_expr(v, version, bound)?;
            }
            Ty::Map
        }
        ExprKind::Message(name, _) => {
            return Err(CelError {
                message: format!("undeclared reference to '{name}' (in container '')"),
                offset: e.pos,
            });
        }
        ExprKind::Not(x) => {
            check_expr(x, version, bound)?;
            Ty::Bool
        }
        ExprKind::Neg(x) => {
            check_expr(x, version, bound)?;
            Ty::Num
        }
        ExprKind::Binary(op, a, b) => {
            let ta = check_expr(a, version, bound)?;
            let tb = check_expr(b, version, bound)?;
            match op {
                BinOp::Or
                | BinOp::And
                | BinOp::Eq
                | BinOp::Ne
                | BinOp::Lt
                | BinOp::Le
                | BinOp::Gt
                | BinOp::Ge
                | BinOp::In => Ty::Bool,
                BinOp::Add if ta == Ty::Str || tb == Ty::Str => Ty::Str,
                BinOp::Add if ta == Ty::List || tb == Ty::List => Ty::List,
                _ => Ty::Dyn,
            }
        }
        ExprKind::Cond(c, a, b) => {
            check_expr(c, version, bound)?;
            let ta = check_expr(a, version, bound)?;
            let tb = check_expr(b, version, bound)?;
            if ta == tb { ta } else { Ty::Dyn }
        }
    })
}

/// A compiled expression: parsed and checked as Caddy would.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// The text given to CEL (after placeholder expansion).
    pub source: String,
    /// Syntax tree.
    pub ast: Expr,
}

/// Expands placeholders, parses and checks an `expression` matcher's text
/// (after Caddyfile shorthand expansion). Error offsets index the text
/// passed in, not the expanded one.
pub fn compile(expr_text: &str, version: CaddyVersion) -> Result<Program, CelError> {
    let (source, map) = expand_placeholders(expr_text);
    let back = |off: usize| map.get(off).copied().unwrap_or(expr_text.len());
    let ast = parse(&source).map_err(|mut e| {
        e.offset = back(e.offset);
        e
    })?;
    let ty = check_expr(&ast, version, &[]).map_err(|mut e| {
        e.offset = back(e.offset);
        e
    })?;
    if !matches!(ty, Ty::Bool | Ty::Dyn) {
        return Err(CelError {
            message: format!(
                "CEL request matcher expects return type of bool, not {}",
                ty.cel_name()
            ),
            offset: 0,
        });
    }
    Ok(Program { source, ast })
}

// ---------------------------------------------------------------------------
// Evaluator
// ---------------------------------------------------------------------------

/// A runtime value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Boolean.
    Bool(bool),
    /// String.
    Str(String),
    /// Bytes.
    Bytes(Vec<u8>),
    /// Integer.
    Int(i64),
    /// Unsigned.
    Uint(u64),
    /// Double.
    Double(f64),
    /// `null`.
    Null,
    /// List.
    List(Vec<Value>),
    /// Map (insertion order).
    Map(Vec<(Value, Value)>),
    /// Not knowable statically.
    Unknown,
    /// A CEL runtime error (Caddy then treats the matcher as false).
    Error,
}

/// What the evaluator asks of the request.
pub trait Host {
    /// Value of `caddyPlaceholder(request, name)`.
    fn placeholder(&self, name: &str) -> Value;
    /// Result of a Caddy matcher function such as `path('/a*')`, given
    /// evaluated arguments; `None` when unknown.
    fn matcher(&self, name: &str, args: &[Value]) -> Option<bool>;
    /// Go-regexp search used by `matches`; `None` when the pattern is
    /// invalid.
    fn regex_match(&self, pattern: &str, text: &str) -> Option<bool>;
}

fn lit_value(l: &Lit) -> Value {
    match l {
        Lit::Str(s) => Value::Str(s.clone()),
        Lit::Bytes(b) => Value::Bytes(b.clone()),
        Lit::Int(i) => Value::Int(*i),
        Lit::Uint(u) => Value::Uint(*u),
        Lit::Double(d) => Value::Double(*d),
        Lit::Bool(b) => Value::Bool(*b),
        Lit::Null => Value::Null,
    }
}

fn num(v: &Value) -> Option<f64> {
    match v {
        #[allow(clippy::cast_precision_loss)]
        Value::Int(i) => Some(*i as f64),
        #[allow(clippy::cast_precision_loss)]
        Value::Uint(u) => Some(*u as f64),
        Value::Double(d) => Some(*d),
        _ => None,
    }
}

fn values_equal(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
        (Value::Error, _) | (_, Value::Error) => Value::Error,
        (Value::Str(x), Value::Str(y)) => Value::Bool(x == y),
        (Value::Bool(x), Value::Bool(y)) => Value::Bool(x == y),
        (Value::Bytes(x), Value::Bytes(y)) => Value::Bool(x == y),
        (Value::Null, Value::Null) => Value::Bool(true),
        (Value::List(x), Value::List(y)) => {
            if x.len() != y.len() {
                return Value::Bool(false);
            }
            let mut all = Value::Bool(true);
            for (p, q) in x.iter().zip(y) {
                match values_equal(p, q) {
                    Value::Bool(true) => {}
                    Value::Bool(false) => return Value::Bool(false),
                    other => all = other,
                }
            }
            all
        }
        _ => match (num(a), num(b)) {
            #[allow(clippy::float_cmp)]
            (Some(x), Some(y)) => Value::Bool(x == y),
            _ => Value::Bool(false),
        },
    }
}

/// Evaluates a compiled program. `Some(b)` is the matcher's verdict,
/// `None` when it depends on something unknown.
pub fn eval_bool(p: &Program, host: &dyn Host) -> Option<bool> {
    match eval(&p.ast, host, 0) {
        Value::Bool(b) => Some(b),
        Value::Unknown => None,
        // Caddy: a non-bool result or an evaluation error does not match.
        _ => Some(false),
    }
}

fn eval(e: &Expr, host: &dyn Host, depth: usize) -> Value {
    if depth > MAX_DEPTH * 2 {
        return Value::Unknown;
    }
    let ev = |x: &Expr| eval(x, host, depth + 1);
    match &e.kind {
        ExprKind::Lit(l) => lit_value(l),
        ExprKind::Ident(_) | ExprKind::Select(..) | ExprKind::Message(..) => Value::Unknown,
        ExprKind::List(items) => Value::List(items.iter().map(ev).collect()),
        ExprKind::Map(entries) => Value::Map(entries.iter().map(|(k, v)| (ev(k), ev(v))).collect()),
        ExprKind::Not(x) => match ev(x) {
            Value::Bool(b) => Value::Bool(!b),
            Value::Unknown => Value::Unknown,
            _ => Value::Error,
        },
        ExprKind::Neg(x) => match ev(x) {
            Value::Int(i) => i.checked_neg().map_or(Value::Error, Value::Int),
            Value::Double(d) => Value::Double(-d),
            Value::Unknown => Value::Unknown,
            _ => Value::Error,
        },
        ExprKind::Cond(c, a, b) => match ev(c) {
            Value::Bool(true) => ev(a),
            Value::Bool(false) => ev(b),
            Value::Unknown => Value::Unknown,
            _ => Value::Error,
        },
        ExprKind::Binary(op, a, b) => eval_binary(*op, a, b, host, depth),
        ExprKind::Index(a, b) => {
            let (va, vb) = (ev(a), ev(b));
            match (va, vb) {
                (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
                (Value::List(items), Value::Int(i)) => usize::try_from(i)
                    .ok()
                    .and_then(|i| items.get(i).cloned())
                    .unwrap_or(Value::Error),
                (Value::Map(entries), k) => entries
                    .iter()
                    .find(|(ek, _)| values_equal(ek, &k) == Value::Bool(true))
                    .map_or(Value::Error, |(_, v)| v.clone()),
                _ => Value::Error,
            }
        }
        ExprKind::Call { target, func, args } => {
            let vals: Vec<Value> = args.iter().map(ev).collect();
            if let Some(t) = target {
                let recv = ev(t);
                return eval_method(&recv, func, &vals, host);
            }
            match func.as_str() {
                "caddyPlaceholder" => match vals.get(1) {
                    Some(Value::Str(name)) => host.placeholder(name),
                    _ => Value::Unknown,
                },
                "size" => vals
                    .first()
                    .map_or(Value::Error, |v| eval_method(v, "size", &[], host)),
                "matches" => match vals.as_slice() {
                    [s, p] => eval_method(s, "matches", std::slice::from_ref(p), host),
                    _ => Value::Error,
                },
                "string" => match vals.first() {
                    Some(Value::Str(s)) => Value::Str(s.clone()),
                    Some(Value::Int(i)) => Value::Str(i.to_string()),
                    Some(Value::Uint(u)) => Value::Str(u.to_string()),
                    Some(Value::Bool(b)) => Value::Str(b.to_string()),
                    Some(Value::Unknown) => Value::Unknown,
                    _ => Value::Error,
                },
                f => {
                    if vals.iter().any(|v| matches!(v, Value::Unknown)) {
                        return Value::Unknown;
                    }
                    match host.matcher(f, &vals) {
                        Some(b) => Value::Bool(b),
                        None => Value::Unknown,
                    }
                }
            }
        }
    }
}

fn eval_binary(op: BinOp, a: &Expr, b: &Expr, host: &dyn Host, depth: usize) -> Value {
    let ev = |x: &Expr| eval(x, host, depth + 1);
    match op {
        // CEL's commutative logic: a definite false (true) wins over errors
        // and unknowns on either side.
        BinOp::And => {
            let (x, y) = (ev(a), ev(b));
            match (&x, &y) {
                (Value::Bool(false), _) | (_, Value::Bool(false)) => Value::Bool(false),
                (Value::Bool(true), Value::Bool(true)) => Value::Bool(true),
                (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
                _ => Value::Error,
            }
        }
        BinOp::Or => {
            let (x, y) = (ev(a), ev(b));
            match (&x, &y) {
                (Value::Bool(true), _) | (_, Value::Bool(true)) => Value::Bool(true),
                (Value::Bool(false), Value::Bool(false)) => Value::Bool(false),
                (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
                _ => Value::Error,
            }
        }
        BinOp::Eq => values_equal(&ev(a), &ev(b)),
        BinOp::Ne => match values_equal(&ev(a), &ev(b)) {
            Value::Bool(x) => Value::Bool(!x),
            other => other,
        },
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let (x, y) = (ev(a), ev(b));
            if matches!(x, Value::Unknown) || matches!(y, Value::Unknown) {
                return Value::Unknown;
            }
            let ord = match (&x, &y) {
                (Value::Str(p), Value::Str(q)) => Some(p.cmp(q)),
                _ => match (num(&x), num(&y)) {
                    (Some(p), Some(q)) => p.partial_cmp(&q),
                    _ => None,
                },
            };
            let Some(ord) = ord else {
                return Value::Error;
            };
            Value::Bool(match op {
                BinOp::Lt => ord.is_lt(),
                BinOp::Le => ord.is_le(),
                BinOp::Gt => ord.is_gt(),
                _ => ord.is_ge(),
            })
        }
        BinOp::In => {
            let (x, y) = (ev(a), ev(b));
            match y {
                Value::Unknown => Value::Unknown,
                Value::List(items) => any_equal(&x, items.iter()),
                Value::Map(entries) => any_equal(&x, entries.iter().map(|(k, _)| k)),
                _ => Value::Error,
            }
        }
        BinOp::Add => match (ev(a), ev(b)) {
            (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
            (Value::Str(p), Value::Str(q)) => Value::Str(p + &q),
            (Value::Int(p), Value::Int(q)) => p.checked_add(q).map_or(Value::Error, Value::Int),
            (Value::List(mut p), Value::List(q)) => {
                p.extend(q);
                Value::List(p)
            }
            _ => Value::Error,
        },
        BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem => match (ev(a), ev(b)) {
            (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
            (Value::Int(p), Value::Int(q)) => match op {
                BinOp::Sub => p.checked_sub(q),
                BinOp::Mul => p.checked_mul(q),
                BinOp::Div => p.checked_div(q),
                _ => p.checked_rem(q),
            }
            .map_or(Value::Error, Value::Int),
            _ => Value::Error,
        },
    }
}

fn any_equal<'a>(x: &Value, mut items: impl Iterator<Item = &'a Value>) -> Value {
    let mut unknown = false;
    for it in items.by_ref() {
        match values_equal(x, it) {
            Value::Bool(true) => return Value::Bool(true),
            Value::Unknown => unknown = true,
            _ => {}
        }
    }
    if unknown {
        Value::Unknown
    } else {
        Value::Bool(false)
    }
}

fn eval_method(recv: &Value, func: &str, args: &[Value], host: &dyn Host) -> Value {
    if matches!(recv, Value::Unknown) || args.iter().any(|a| matches!(a, Value::Unknown)) {
        return Value::Unknown;
    }
    let s = match recv {
        Value::Str(s) => Some(s.as_str()),
        _ => None,
    };
    let a0 = match args.first() {
        Some(Value::Str(x)) => Some(x.as_str()),
        _ => None,
    };
    match (func, s, a0) {
        ("startsWith", Some(s), Some(p)) => Value::Bool(s.starts_with(p)),
        ("endsWith", Some(s), Some(p)) => Value::Bool(s.ends_with(p)),
        ("contains", Some(s), Some(p)) => Value::Bool(s.contains(p)),
        ("matches", Some(s), Some(p)) => host.regex_match(p, s).map_or(Value::Error, Value::Bool),
        ("size", Some(s), None) => Value::Int(i64::try_from(s.chars().count()).unwrap_or(i64::MAX)),
        ("lowerAscii", Some(s), None) => Value::Str(s.to_ascii_lowercase()),
        ("upperAscii", Some(s), None) => Value::Str(s.to_ascii_uppercase()),
        ("trim", Some(s), None) => Value::Str(s.trim().to_string()),
        ("size", None, None) => match recv {
            Value::List(l) => Value::Int(i64::try_from(l.len()).unwrap_or(i64::MAX)),
            Value::Map(m) => Value::Int(i64::try_from(m.len()).unwrap_or(i64::MAX)),
            Value::Bytes(b) => Value::Int(i64::try_from(b.len()).unwrap_or(i64::MAX)),
            _ => Value::Error,
        },
        _ => {
            if METHODS.contains(&func) {
                Value::Unknown
            } else {
                Value::Error
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn str_lit(src: &str) -> Result<String, CelError> {
        match parse(src)?.kind {
            ExprKind::Lit(Lit::Str(s)) => Ok(s),
            other => panic!("not a string: {other:?}"),
        }
    }

    #[test]
    fn string_literal_forms() {
        assert_eq!(str_lit(r"'a\\.b'").unwrap(), r"a\.b");
        assert_eq!(str_lit(r#""a\"b""#).unwrap(), "a\"b");
        assert_eq!(str_lit(r"r'\d+'").unwrap(), r"\d+");
        assert_eq!(str_lit(r#"R"\Q""#).unwrap(), r"\Q");
        assert_eq!(str_lit("'''a\n'b'''").unwrap(), "a\n'b");
        assert_eq!(str_lit(r#""""x""""#).unwrap(), "x");
        assert_eq!(str_lit(r"'\x41\X42\u0043\U00000044\105'").unwrap(), "ABCDE");
        assert_eq!(
            str_lit(r#"'\a\b\f\n\r\t\v\?\`\\\'\"'"#).unwrap(),
            "\u{7}\u{8}\u{c}\n\r\t\u{b}?`\\'\""
        );
        assert_eq!(str_lit("''").unwrap(), "");
    }

    #[test]
    fn string_literals_are_decoded_in_source_order() {
        let e = parse(
            r#"regexp(path, '\\.ics$') || path.matches("^/a\\d+") && {'k': [r'\w']}['k'].size() > 0"#,
        )
        .unwrap();
        assert_eq!(e.string_literals(), [r"\.ics$", r"^/a\d+", "k", r"\w", "k"]);
        let e = parse("c ? 'x' : -size(\"y\")").unwrap();
        assert_eq!(e.string_literals(), ["x", "y"]);
    }

    #[test]
    fn bad_escapes_are_syntax_errors() {
        // Each of these was refused by Caddy 2.6.2's CEL.
        for bad in [
            r"'\d'",
            r"'\Q'",
            r"'\.'",
            r"'\8'",
            r"'\x4'",
            r"'\400'",
            r"'\u12'",
            "'a\nb'",
            "'abc",
            r#""\.ics$""#,
        ] {
            assert!(parse(bad).is_err(), "{bad} should fail");
        }
        assert_eq!(
            parse(r"'\U00110000'").unwrap_err().message,
            "unable to unescape string"
        );
        assert!(parse(r"'\uD800'").is_ok());
        assert!(parse("r'a\nb'").is_err());
        assert!(parse("r'''a\nb'''").is_ok());
        assert!(parse(r"b'\xff'").is_ok());
    }

    #[test]
    fn generator_forms() {
        let v = CaddyVersion::V2_6_2;
        // The module's output: a CEL map literal, refused.
        let e = compile(r#"{regexp(path, "^/api/system/status$" )}"#, v).unwrap_err();
        assert!(
            e.message.contains("mismatched input '}' expecting ':'"),
            "{e:?}"
        );
        // With the backslash the string literal itself is refused first.
        let e = compile(r#"{regexp(path, "^/x\.ics$" )}"#, v).unwrap_err();
        assert!(e.message.contains("token recognition"), "{e:?}");
        let e = compile(r#"regexp(path, "^/x$")"#, v).unwrap_err();
        assert!(e.message.contains("undeclared reference to 'regexp'"));
        assert!(compile(r"path_regexp('\\.ics$')", v).is_ok());
        assert!(compile(r#"path_regexp("n", '^/a')"#, v).is_ok());
        assert!(compile(r#"{http.request.uri.path}.matches("^/x$")"#, v).is_ok());
        assert!(compile("{http.request.uri.path} == '/a'", v).is_ok());
        assert!(compile("{http.request.uri.path}.startsWith('/a') ? true : false", v).is_ok());
        let e = compile("{http.request.uri.path}", v).unwrap_err();
        assert!(e.message.contains("expects return type of bool"));
        // A placeholder inside a double-quoted literal breaks the literal.
        assert!(compile(r#"{http.request.uri.path} == "{http.request.host}""#, v).is_err());
        assert!(compile("{http.request.uri.path} == '{http.request.host}'", v).is_ok());
        assert!(compile("client_ip('127.0.0.1')", v).is_err());
        assert!(compile("client_ip('127.0.0.1')", CaddyVersion::V2_11_4).is_ok());
        assert!(compile("in", v).is_err());
        assert!(compile("a.b", v).is_err());
        assert!(compile("[1, 2,]", v).is_err());
    }

    #[test]
    fn error_offsets_map_back() {
        let text = "{http.request.uri.path} == 'x' && foo";
        let e = compile(text, CaddyVersion::V2_6_2).unwrap_err();
        assert_eq!(&text[e.offset..], "foo");
    }

    #[test]
    fn shorthands() {
        assert_eq!(
            expand_shorthands("{path}.startsWith('/a') && {header.X-A} == {host}"),
            "{http.request.uri.path}.startsWith('/a') && {http.request.header.X-A} == {http.request.host}"
        );
        assert_eq!(expand_shorthands("{$X}"), "{$X}");
    }

    struct H;
    impl Host for H {
        fn placeholder(&self, name: &str) -> Value {
            match name {
                "http.request.uri.path" => Value::Str("/api/x".into()),
                _ => Value::Unknown,
            }
        }
        fn matcher(&self, name: &str, _: &[Value]) -> Option<bool> {
            (name == "path").then_some(true)
        }
        fn regex_match(&self, p: &str, t: &str) -> Option<bool> {
            regex::Regex::new(p).ok().map(|r| r.is_match(t))
        }
    }

    #[test]
    fn evaluation() {
        let v = CaddyVersion::V2_6_2;
        let run = |s: &str| eval_bool(&compile(s, v).unwrap(), &H);
        assert_eq!(
            run("{http.request.uri.path}.startsWith('/api')"),
            Some(true)
        );
        assert_eq!(run("{http.request.uri.path} == '/api'"), Some(false));
        assert_eq!(run("{http.request.uri.path}.matches('^/api/')"), Some(true));
        assert_eq!(run("{http.request.host} == 'a'"), None);
        assert_eq!(run("{http.request.host} == 'a' || path('/x')"), Some(true));
        assert_eq!(run("{http.request.host} == 'a' && false"), Some(false));
        assert_eq!(run("1 == 1u"), Some(true));
        assert_eq!(run("'a' in ['b', 'a']"), Some(true));
        assert_eq!(run("{http.request.uri.path}.size() > 3"), Some(true));
    }

    #[test]
    fn never_panics() {
        for s in [
            "",
            "(",
            ")",
            "{",
            "'",
            "\"\"\"",
            "r",
            "b'",
            "0x",
            "1e",
            ".5",
            "a.",
            "a[",
            "!",
            "-",
            "{a:}",
            "x{",
            "a.b{c:1}",
            "1u",
            "99999999999999999999",
            "é",
            "\\",
        ] {
            let _ = compile(s, CaddyVersion::V2_11_4);
        }
        let deep = "(".repeat(5000);
        assert!(compile(&deep, CaddyVersion::V2_11_4).is_err());
    }
}
