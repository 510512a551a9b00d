//! JSON (and TOML) conversions: `builtins.toJSON`/`fromJSON`/`fromTOML`,
//! and the fully forced JSON that `pocketlint eval --json` prints.

use crate::files::Span;
use crate::symbol::Symbol;

use super::error::{EResult, ErrorKind, EvalError};
use super::ops::CoerceMode;
use super::value::{AttrEntry, V, Value, lookup};
use super::Evaluator;

/// Formats a float the way C++ streams do by default (`%g`, six
/// significant digits), which is what Nix prints.
pub fn format_float(x: f64) -> String {
    if x.is_nan() {
        return if x.is_sign_negative() { "-nan".into() } else { "nan".into() };
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf".into() } else { "inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0".into() } else { "0".into() };
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
pub fn to_json_string<'a>(ev: &mut Evaluator<'a>, v: Value<'a>, span: Span) -> EResult<Option<String>> {
    let mut out = String::new();
    if write_json(ev, v, span, &mut out, 0)? {
        Ok(Some(out))
    } else {
        Ok(None)
    }
}

fn write_json<'a>(ev: &mut Evaluator<'a>, v: Value<'a>, span: Span, out: &mut String, depth: u32) -> EResult<bool> {
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
            if lookup(attrs, ev.names.to_string).is_some() {
                match ev.coerce_to_string(v, CoerceMode::Interpolation, span)? {
                    Some(s) => {
                        escape_json_string(&s, out);
                        return Ok(true);
                    }
                    None => return Ok(false),
                }
            }
            if let Some(o) = lookup(attrs, ev.names.out_path) {
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

/// `builtins.fromJSON`.
pub fn from_json<'a>(ev: &mut Evaluator<'a>, text: &str, span: Span) -> EResult<Value<'a>> {
    let parsed: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        EvalError::new(ErrorKind::InvalidJson, format!("invalid JSON: {e}"), span)
    })?;
    Ok(json_to_value(ev, &parsed, span))
}

fn json_to_value<'a>(ev: &Evaluator<'a>, j: &serde_json::Value, span: Span) -> Value<'a> {
    match j {
        serde_json::Value::Null => Value::null(span),
        serde_json::Value::Bool(b) => Value::bool(*b, span),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::int(i, span)
            } else {
                Value::new(V::Float(n.as_f64().unwrap_or(f64::NAN)), span)
            }
        }
        serde_json::Value::String(s) => ev.string(s, span),
        serde_json::Value::Array(items) => {
            let vals = items.iter().map(|i| json_to_value(ev, i, span)).collect();
            ev.list_from(vals, span)
        }
        serde_json::Value::Object(map) => {
            let mut entries: Vec<AttrEntry<'a>> = Vec::with_capacity(map.len());
            for (k, v) in map {
                let name = Symbol::intern(k);
                let value = ev.heap.ready(json_to_value(ev, v, span));
                // A later duplicate key wins, as in Nix.
                entries.retain(|e| e.name != name);
                entries.push(AttrEntry { name, value, span });
            }
            Value::new(V::Attrs(ev.heap.attrs(entries)), span)
        }
    }
}

/// `builtins.fromTOML`.
pub fn from_toml<'a>(ev: &mut Evaluator<'a>, text: &str, span: Span) -> EResult<Value<'a>> {
    let parsed: toml::Value = toml::from_str(text)
        .map_err(|e| EvalError::new(ErrorKind::Other, format!("while parsing a TOML string: {e}"), span))?;
    Ok(toml_to_value(ev, &parsed, span))
}

fn toml_to_value<'a>(ev: &Evaluator<'a>, t: &toml::Value, span: Span) -> Value<'a> {
    match t {
        toml::Value::String(s) => ev.string(s, span),
        toml::Value::Integer(i) => Value::int(*i, span),
        toml::Value::Float(f) => Value::new(V::Float(*f), span),
        toml::Value::Boolean(b) => Value::bool(*b, span),
        toml::Value::Datetime(_) => ev.unknown("TOML date-times are not supported", span),
        toml::Value::Array(items) => {
            let vals = items.iter().map(|i| toml_to_value(ev, i, span)).collect();
            ev.list_from(vals, span)
        }
        toml::Value::Table(map) => {
            let pairs = map
                .iter()
                .map(|(k, v)| (Symbol::intern(k), toml_to_value(ev, v, span)))
                .collect();
            ev.attrs_from(pairs, span)
        }
    }
}

/// The fully forced value as JSON for `pocketlint eval --json`; unknowns
/// become `{"__unknown": reason}`.
pub fn to_serde<'a>(ev: &mut Evaluator<'a>, v: Value<'a>, span: Span) -> EResult<serde_json::Value> {
    Ok(match v.kind {
        V::Null => serde_json::Value::Null,
        V::Bool(b) => serde_json::Value::Bool(b),
        V::Int(i) => serde_json::Value::from(i),
        V::Float(f) => serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number),
        V::Str(s) => serde_json::Value::String(s.to_string()),
        V::Path(_) => match ev.coerce_to_string(v, CoerceMode::Interpolation, span)? {
            Some(s) => serde_json::Value::String(s),
            None => unknown_json("the path is outside the repository root"),
        },
        V::Attrs(attrs) => {
            if lookup(attrs, ev.names.to_string).is_some() || lookup(attrs, ev.names.out_path).is_some() {
                if let Some(o) = lookup(attrs, ev.names.out_path)
                    && lookup(attrs, ev.names.to_string).is_none()
                {
                    let inner = ev.force(o.value)?;
                    return to_serde(ev, inner, span);
                }
                return Ok(match ev.coerce_to_string(v, CoerceMode::Interpolation, span)? {
                    Some(s) => serde_json::Value::String(s),
                    None => unknown_json("a string conversion gave an unknown value"),
                });
            }
            let mut map = serde_json::Map::new();
            for e in attrs {
                let inner = ev.force(e.value)?;
                map.insert(e.name.to_string(), to_serde(ev, inner, span)?);
            }
            serde_json::Value::Object(map)
        }
        V::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for t in items {
                let inner = ev.force(t)?;
                out.push(to_serde(ev, inner, span)?);
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
    m.insert("__unknown".into(), serde_json::Value::String(reason.to_string()));
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
