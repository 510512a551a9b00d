//! JSON (and TOML) conversions: `builtins.toJSON`/`fromJSON`/`fromTOML`,
//! and the fully forced JSON that `pocketlint eval --json` prints.

use crate::files::Span;
use crate::symbol::Symbol;

use super::Evaluator;
use super::error::{EResult, ErrorKind, EvalError};
use super::ops::CoerceMode;
use super::value::{AttrEntry, V, Value, lookup};

/// Formats a float the way C++ streams do by default (`%g`, six
/// significant digits), which is what Nix prints.
pub fn format_float(x: f64) -> String {
    if x.is_nan() {
        return if x.is_sign_negative() {
            "-nan".into()
        } else {
            "nan".into()
        };
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf".into() } else { "inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    const P: i32 = 6;
    let sci = format!("{:.*e}", (P - 1) as usize, x);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..P).contains(&exp) {
        let decimals = usize::try_from(P - 1 - exp).unwrap_or(0);
        let fixed = format!("{x:.decimals$}");
        strip_zeros(&fixed)
    } else {
        let m = strip_zeros(mantissa);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", exp.abs())
    }
}

fn strip_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// JSON string escaping as Nix does it.
pub fn escape_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                use std::fmt::Write;
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `builtins.toJSON`; `None` when the value contains an unknown.
pub fn to_json_string<'a>(
    ev: &mut Evaluator<'a>,
    v: Value<'a>,
    span: Span,
) -> EResult<Option<String>> {
    let mut out = String::new();
    if write_json(ev, v, span, &mut out, 0)? {
        Ok(Some(out))
    } else {
        Ok(None)
    }
}

fn write_json<'a>(
    ev: &mut Evaluator<'a>,
    v: Value<'a>,
    span: Span,
    out: &mut String,
    depth: u32,
) -> EResult<bool> {
    if depth > 10_000 {
        return Err(EvalError::new(
            ErrorKind::EvaluationLimit,
            "evaluation limit: value nested too deeply for JSON",
            span,
        ));
    }
    match v.kind {
        V::Null => out.push_str("null"),
        V::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        V::Int(i) => out.push_str(&i.to_string()),
        V::Float(f) => out.push_str(&format_float(f)),
        V::Str(s) => escape_json_string(s, out),
        V::Path(_) => match ev.coerce_to_string(v, CoerceMode::Interpolation, span)? {
            Some(s) => escape_json_string(&s, out),
            None => return Ok(false),
        },
        V::Attrs(attrs) => {
            if lookup(attrs, crate::sym!("__toString")).is_some() {
                match ev.coerce_to_string(v, CoerceMode::Interpolation, span)? {
                    Some(s) => {
                        escape_json_string(&s, out);
                        return Ok(true);
                    }
                    None => return Ok(false),
                }
            }
            if let Some(o) = lookup(attrs, crate::sym!("outPath")) {
                let inner = ev.force(o.value)?;
                return write_json(ev, inner, span, out, depth + 1);
            }
            out.push('{');
            for (i, e) in attrs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                escape_json_string(&e.name, out);
                out.push(':');
                let inner = ev.force(e.value)?;
                if !write_json(ev, inner, span, out, depth + 1)? {
                    return Ok(false);
                }
            }
            out.push('}');
        }
        V::List(items) => {
            out.push('[');
            for (i, t) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let inner = ev.force(t)?;
                if !write_json(ev, inner, span, out, depth + 1)? {
                    return Ok(false);
                }
            }
            out.push(']');
        }
        V::Lambda(_) | V::PrimOp(_) => {
            return Err(EvalError::new(
                ErrorKind::TypeError,
                "cannot convert a function to JSON",
                span,
            ));
        }
        V::Unknown(_) => return Ok(false),
    }
    Ok(true)
}

/// `builtins.fromJSON`, with Nix's number and string rules: integers that
/// overflow 64 bits wrap (up to 2^64) and then become floats, a NUL ends a
/// string, and a later duplicate key wins.
pub fn from_json<'a>(ev: &mut Evaluator<'a>, text: &str, span: Span) -> EResult<Value<'a>> {
    let mut p = JsonParser {
        s: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    p.ws();
    let v = p.value(ev, span).map_err(|m| json_error(&m, span))?;
    p.ws();
    if p.i < p.s.len() {
        return Err(json_error(
            &format!("unexpected trailing input at byte {}", p.i + 1),
            span,
        ));
    }
    Ok(v)
}

fn json_error(message: &str, span: Span) -> Box<EvalError> {
    EvalError::new(
        ErrorKind::InvalidJson,
        format!("[json.exception.parse_error.101] {message}"),
        span,
    )
}

struct JsonParser<'s> {
    s: &'s [u8],
    i: usize,
    depth: u32,
}

impl JsonParser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn err<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("parse error at byte {}: {what}", self.i + 1))
    }

    fn value<'a>(&mut self, ev: &Evaluator<'a>, span: Span) -> Result<Value<'a>, String> {
        self.depth += 1;
        if self.depth > 10_000 {
            return self.err("nested too deeply");
        }
        let r = self.value_inner(ev, span);
        self.depth -= 1;
        r
    }

    fn value_inner<'a>(&mut self, ev: &Evaluator<'a>, span: Span) -> Result<Value<'a>, String> {
        match self.s.get(self.i) {
            None => self.err("unexpected end of input"),
            Some(b'{') => {
                self.i += 1;
                let mut entries: Vec<AttrEntry<'a>> = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(Value::new(V::Attrs(ev.heap.attrs(entries)), span));
                }
                loop {
                    self.ws();
                    if self.s.get(self.i) != Some(&b'"') {
                        return self.err(
                            "syntax error while parsing object key - expected string literal",
                        );
                    }
                    let key = self.string()?;
                    self.ws();
                    if self.s.get(self.i) != Some(&b':') {
                        return self
                            .err("syntax error while parsing object separator - expected ':'");
                    }
                    self.i += 1;
                    self.ws();
                    let v = self.value(ev, span)?;
                    let name = Symbol::intern(&key);
                    entries.retain(|e| e.name != name);
                    entries.push(AttrEntry {
                        name,
                        value: ev.heap.ready(v),
                        span,
                    });
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Value::new(V::Attrs(ev.heap.attrs(entries)), span));
                        }
                        _ => {
                            return self
                                .err("syntax error while parsing object - expected ',' or '}'");
                        }
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(ev.list_from(items, span));
                }
                loop {
                    self.ws();
                    items.push(self.value(ev, span)?);
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(ev.list_from(items, span));
                        }
                        _ => {
                            return self
                                .err("syntax error while parsing array - expected ',' or ']'");
                        }
                    }
                }
            }
            Some(b'"') => {
                let s = self.string()?;
                // Nix strings end at a NUL.
                let s = s.split('\0').next().unwrap_or("");
                Ok(ev.string(s, span))
            }
            Some(b't') => self.literal(b"true", Value::bool(true, span)),
            Some(b'f') => self.literal(b"false", Value::bool(false, span)),
            Some(b'n') => self.literal(b"null", Value::null(span)),
            Some(b'-' | b'0'..=b'9') => self.number(span),
            Some(_) => self.err("syntax error while parsing value - invalid literal"),
        }
    }

    fn literal<'a>(&mut self, word: &[u8], v: Value<'a>) -> Result<Value<'a>, String> {
        if self.s[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(v)
        } else {
            self.err("syntax error while parsing value - invalid literal")
        }
    }

    fn number<'a>(&mut self, span: Span) -> Result<Value<'a>, String> {
        let start = self.i;
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let digits_start = self.i;
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        if self.i == digits_start {
            return self.err("syntax error while parsing value - invalid number");
        }
        if self.s[digits_start] == b'0' && self.i - digits_start > 1 {
            return self.err("syntax error while parsing value - invalid number; leading zero");
        }
        let mut is_float = false;
        if self.s.get(self.i) == Some(&b'.') {
            is_float = true;
            self.i += 1;
            let f = self.i;
            while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.i += 1;
            }
            if self.i == f {
                return self.err(
                    "syntax error while parsing value - invalid number; expected digit after '.'",
                );
            }
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            is_float = true;
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            let e = self.i;
            while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.i += 1;
            }
            if self.i == e {
                return self.err("syntax error while parsing value - invalid number; expected digit after exponent sign");
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("0");
        if !is_float {
            if let Ok(i) = text.parse::<i64>() {
                return Ok(Value::int(i, span));
            }
            // Like nlohmann's parser: unsigned 64-bit values, stored in
            // Nix's signed integer.
            if let Ok(u) = text.parse::<u64>() {
                #[allow(clippy::cast_possible_wrap)]
                return Ok(Value::int(u as i64, span));
            }
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::new(V::Float(f), span)),
            _ => Err(format!("number overflow parsing '{text}'")),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(&b) = self.s.get(self.i) else {
                return self.err(
                    "syntax error while parsing value - invalid string: missing closing quote",
                );
            };
            match b {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.i += 1;
                    let Some(&e) = self.s.get(self.i) else {
                        return self.err("invalid string: unexpected end");
                    };
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                if self.s.get(self.i) == Some(&b'\\')
                                    && self.s.get(self.i + 1) == Some(&b'u')
                                {
                                    self.i += 2;
                                    let lo = self.hex4()?;
                                    if !(0xDC00..0xE000).contains(&lo) {
                                        return self.err("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
                                    }
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    return self.err("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            match c {
                                Some(c) => out.push(c),
                                None => return self.err("invalid string: ill-formed UTF-8 byte"),
                            }
                        }
                        _ => {
                            return self.err("invalid string: forbidden character after backslash");
                        }
                    }
                }
                0..=0x1f => return self.err("invalid string: control character must be escaped"),
                _ => {
                    let rest = std::str::from_utf8(&self.s[self.i..]).unwrap_or("");
                    let Some(c) = rest.chars().next() else {
                        return self.err("invalid string: ill-formed UTF-8 byte");
                    };
                    out.push(c);
                    self.i += c.len_utf8();
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let Some(h) = self.s.get(self.i..self.i + 4) else {
            return self.err("invalid string: '\\u' must be followed by 4 hex digits");
        };
        let h = std::str::from_utf8(h)
            .ok()
            .and_then(|t| u32::from_str_radix(t, 16).ok());
        match h {
            Some(v) => {
                self.i += 4;
                Ok(v)
            }
            None => self.err("invalid string: '\\u' must be followed by 4 hex digits"),
        }
    }
}

/// `builtins.fromTOML`.
pub fn from_toml<'a>(ev: &mut Evaluator<'a>, text: &str, span: Span) -> EResult<Value<'a>> {
    let parsed: toml::Value = toml::from_str(text).map_err(|e| {
        EvalError::new(
            ErrorKind::Other,
            format!("while parsing a TOML string: {e}"),
            span,
        )
    })?;
    toml_to_value(ev, &parsed, span)
}

fn toml_to_value<'a>(ev: &Evaluator<'a>, t: &toml::Value, span: Span) -> EResult<Value<'a>> {
    Ok(match t {
        toml::Value::String(s) => ev.string(s, span),
        toml::Value::Integer(i) => Value::int(*i, span),
        toml::Value::Float(f) => Value::new(V::Float(*f), span),
        toml::Value::Boolean(b) => Value::bool(*b, span),
        toml::Value::Datetime(_) => {
            return Err(EvalError::new(
                ErrorKind::Other,
                "while parsing a TOML string: Dates and times are not supported",
                span,
            ));
        }
        toml::Value::Array(items) => {
            let mut vals = Vec::with_capacity(items.len());
            for i in items {
                vals.push(toml_to_value(ev, i, span)?);
            }
            ev.list_from(vals, span)
        }
        toml::Value::Table(map) => {
            let mut pairs = Vec::with_capacity(map.len());
            for (k, v) in map {
                pairs.push((Symbol::intern(k), toml_to_value(ev, v, span)?));
            }
            ev.attrs_from(pairs, span)
        }
    })
}

/// The fully forced value as JSON for `pocketlint eval --json`; unknowns
/// become `{"__unknown": reason}`.
pub fn to_serde<'a>(
    ev: &mut Evaluator<'a>,
    v: Value<'a>,
    span: Span,
) -> EResult<serde_json::Value> {
    let mut ancestors = Vec::new();
    to_serde_in(ev, v, span, &mut ancestors)
}

/// A value that contains itself cannot be printed (Nix runs out of stack).
fn cyclic(span: Span) -> Box<EvalError> {
    EvalError::new(
        ErrorKind::InfiniteRecursion,
        "stack overflow (possible infinite recursion): the value contains itself",
        span,
    )
}

fn to_serde_in<'a>(
    ev: &mut Evaluator<'a>,
    v: Value<'a>,
    span: Span,
    ancestors: &mut Vec<usize>,
) -> EResult<serde_json::Value> {
    let id = match v.kind {
        V::Attrs(a) if !a.is_empty() => Some(a.as_ptr() as usize),
        V::List(l) if !l.is_empty() => Some(l.as_ptr() as usize),
        _ => None,
    };
    if let Some(id) = id {
        if ancestors.contains(&id) {
            return Err(cyclic(if v.span.is_synthetic() { span } else { v.span }));
        }
        if ancestors.len() > 10_000 {
            return Err(EvalError::new(
                ErrorKind::EvaluationLimit,
                "evaluation limit: value nested too deeply to print",
                span,
            ));
        }
        ancestors.push(id);
    }
    let r = to_serde_node(ev, v, span, ancestors);
    if id.is_some() {
        ancestors.pop();
    }
    r
}

fn to_serde_node<'a>(
    ev: &mut Evaluator<'a>,
    v: Value<'a>,
    span: Span,
    ancestors: &mut Vec<usize>,
) -> EResult<serde_json::Value> {
    Ok(match v.kind {
        V::Null => serde_json::Value::Null,
        V::Bool(b) => serde_json::Value::Bool(b),
        V::Int(i) => serde_json::Value::from(i),
        V::Float(f) => serde_json::Number::from_f64(f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        V::Str(s) => serde_json::Value::String(s.to_string()),
        V::Path(_) => match ev.coerce_to_string(v, CoerceMode::Interpolation, span)? {
            Some(s) => serde_json::Value::String(s),
            None => unknown_json("the path is outside the repository root"),
        },
        V::Attrs(attrs) => {
            if lookup(attrs, crate::sym!("__toString")).is_some()
                || lookup(attrs, crate::sym!("outPath")).is_some()
            {
                if let Some(o) = lookup(attrs, crate::sym!("outPath"))
                    && lookup(attrs, crate::sym!("__toString")).is_none()
                {
                    let inner = ev.force(o.value)?;
                    return to_serde_in(ev, inner, span, ancestors);
                }
                return Ok(
                    match ev.coerce_to_string(v, CoerceMode::Interpolation, span)? {
                        Some(s) => serde_json::Value::String(s),
                        None => unknown_json("a string conversion gave an unknown value"),
                    },
                );
            }
            let mut map = serde_json::Map::new();
            for e in attrs {
                let inner = ev.force(e.value)?;
                map.insert(e.name.to_string(), to_serde_in(ev, inner, span, ancestors)?);
            }
            serde_json::Value::Object(map)
        }
        V::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for t in items {
                let inner = ev.force(t)?;
                out.push(to_serde_in(ev, inner, span, ancestors)?);
            }
            serde_json::Value::Array(out)
        }
        V::Lambda(_) | V::PrimOp(_) => {
            return Err(EvalError::new(
                ErrorKind::TypeError,
                "cannot convert a function to JSON",
                span,
            ));
        }
        V::Unknown(u) => unknown_json(u.reason),
    })
}

pub fn unknown_json(reason: &str) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert(
        "__unknown".into(),
        serde_json::Value::String(reason.to_string()),
    );
    serde_json::Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::format_float;

    #[test]
    fn floats_print_like_cpp_streams() {
        assert_eq!(format_float(0.1), "0.1");
        assert_eq!(format_float(0.1 + 0.2), "0.3");
        assert_eq!(format_float(1.0), "1");
        assert_eq!(format_float(1e8), "1e+08");
        assert_eq!(format_float(1.0 / 3.0), "0.333333");
        assert_eq!(format_float(1.5e300), "1.5e+300");
        assert_eq!(format_float(0.0025), "0.0025");
        assert_eq!(format_float(1e20), "1e+20");
        assert_eq!(format_float(123_456.7), "123457");
        assert_eq!(format_float(0.000_012_345), "1.2345e-05");
    }
}
