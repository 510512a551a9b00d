//! Nix-like rendering of values (what `nix-instantiate --eval --strict`
//! prints), for `pocketlint eval` without `--json` and for messages.

use std::fmt::{self, Write};

use super::Evaluator;
use super::error::EResult;
use super::json::format_float;
use super::value::{V, Value};

/// Renders an already forced value without forcing anything further.
pub struct Printer<'v, 'a> {
    value: Value<'a>,
    depth: u32,
    _p: std::marker::PhantomData<&'v ()>,
}

impl<'a> Printer<'_, 'a> {
    pub fn short(value: Value<'a>) -> Printer<'static, 'a> {
        Printer {
            value,
            depth: 2,
            _p: std::marker::PhantomData,
        }
    }
}

impl fmt::Display for Printer<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        render_shallow(self.value, self.depth, &mut s);
        f.write_str(&s)
    }
}

fn render_shallow(v: Value<'_>, depth: u32, out: &mut String) {
    match v.kind {
        V::Attrs(attrs) => {
            if depth == 0 {
                out.push_str("{ ... }");
                return;
            }
            out.push('{');
            for e in attrs {
                out.push(' ');
                out.push_str(&attr_name(&e.name));
                out.push_str(" = ");
                match e.value.value() {
                    Some(inner) => render_shallow(inner, depth - 1, out),
                    None => out.push_str("«thunk»"),
                }
                out.push(';');
            }
            out.push_str(" }");
        }
        V::List(items) => {
            if depth == 0 {
                out.push_str("[ ... ]");
                return;
            }
            out.push('[');
            for t in items {
                out.push(' ');
                match t.value() {
                    Some(inner) => render_shallow(inner, depth - 1, out),
                    None => out.push_str("«thunk»"),
                }
            }
            out.push_str(" ]");
        }
        _ => render_scalar(v, out),
    }
}

fn render_scalar(v: Value<'_>, out: &mut String) {
    match v.kind {
        V::Null => out.push_str("null"),
        V::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        V::Int(i) => {
            let _ = write!(out, "{i}");
        }
        V::Float(x) => out.push_str(&format_float(x)),
        V::Str(s) => quote_string(s, out),
        V::Path(p) => out.push_str(p),
        V::Lambda(_) => out.push_str("<LAMBDA>"),
        V::PrimOp(app) if app.args.is_empty() => out.push_str("<PRIMOP>"),
        V::PrimOp(_) => out.push_str("<PRIMOP-APP>"),
        V::Unknown(u) => {
            let _ = write!(out, "«unknown: {}»", u.reason);
        }
        V::Attrs(_) | V::List(_) => out.push_str("..."),
    }
}

/// A string literal as Nix prints it.
pub fn quote_string(s: &str, out: &mut String) {
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// An attribute name, quoted unless it is a plain identifier.
pub fn attr_name(name: &str) -> String {
    let mut chars = name.chars();
    let plain = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {
            chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '\'' | '-'))
        }
        _ => false,
    } && !matches!(
        name,
        "if" | "then" | "else" | "assert" | "with" | "let" | "in" | "rec" | "inherit" | "or"
    );
    if plain {
        name.to_string()
    } else {
        let mut s = String::new();
        quote_string(name, &mut s);
        s
    }
}

/// Forces `v` deeply and renders it in Nix syntax.
pub fn render_deep<'a>(ev: &mut Evaluator<'a>, v: Value<'a>) -> EResult<String> {
    let mut out = String::new();
    let mut ancestors = Vec::new();
    render_deep_into(ev, v, &mut out, &mut ancestors)?;
    Ok(out)
}

fn render_deep_into<'a>(
    ev: &mut Evaluator<'a>,
    v: Value<'a>,
    out: &mut String,
    ancestors: &mut Vec<usize>,
) -> EResult<()> {
    let id = match v.kind {
        V::Attrs(a) if !a.is_empty() => Some(a.as_ptr() as usize),
        V::List(l) if !l.is_empty() => Some(l.as_ptr() as usize),
        _ => None,
    };
    if let Some(id) = id {
        if ancestors.contains(&id) || ancestors.len() > 10_000 {
            return Err(super::error::EvalError::new(
                super::error::ErrorKind::InfiniteRecursion,
                "stack overflow (possible infinite recursion): the value contains itself",
                v.span,
            ));
        }
        ancestors.push(id);
    }
    let r = render_node(ev, v, out, ancestors);
    if id.is_some() {
        ancestors.pop();
    }
    r
}

fn render_node<'a>(
    ev: &mut Evaluator<'a>,
    v: Value<'a>,
    out: &mut String,
    ancestors: &mut Vec<usize>,
) -> EResult<()> {
    match v.kind {
        V::Attrs(attrs) => {
            if attrs.is_empty() {
                out.push_str("{ }");
                return Ok(());
            }
            out.push('{');
            for e in attrs {
                out.push(' ');
                out.push_str(&attr_name(&e.name));
                out.push_str(" = ");
                let inner = ev.force(e.value)?;
                render_deep_into(ev, inner, out, ancestors)?;
                out.push(';');
            }
            out.push_str(" }");
        }
        V::List(items) => {
            if items.is_empty() {
                out.push_str("[ ]");
                return Ok(());
            }
            out.push('[');
            for t in items {
                out.push(' ');
                let inner = ev.force(t)?;
                render_deep_into(ev, inner, out, ancestors)?;
            }
            out.push_str(" ]");
        }
        _ => render_scalar(v, out),
    }
    Ok(())
}
