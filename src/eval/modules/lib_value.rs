//! The `lib` attribute set: pocketlint's own Nix prelude plus the native
//! module-system entry points.

use std::path::Path;

use crate::files::Span;
use crate::symbol::Symbol;

use super::super::Evaluator;
use super::super::builtins::PrimOp;
use super::super::error::{EResult, ErrorKind, EvalError};
use super::super::value::{AttrEntry, Thunk, V, Value, lookup};
use super::{ModuleRef, eval_modules, public_config};

const PRELUDE: &str = include_str!("prelude.nix");
const PRELUDE_PATH: &str = "/__pocketlint__/lib/prelude.nix";

/// The name of the marker that makes an attribute set "open": selecting a
/// missing attribute gives an unknown value instead of an error.
pub const OPEN_MARKER: &str = "__pocketlintOpen";

static NATIVE_OPS: &[PrimOp] = &[
    PrimOp {
        name: "evalModules",
        arity: 1,
        func: native_eval_modules,
    },
    PrimOp {
        name: "open",
        arity: 1,
        func: native_open,
    },
    PrimOp {
        name: "unknownValue",
        arity: 1,
        func: native_unknown_value,
    },
    PrimOp {
        name: "unknownPackage",
        arity: 1,
        func: native_unknown_package,
    },
];

/// `lib`, built once per evaluation.
pub fn lib_value<'a>(ev: &mut Evaluator<'a>) -> EResult<Value<'a>> {
    if let Some(lib) = ev.ext.lib {
        return Ok(lib);
    }
    let loaded = ev
        .ctx
        .load_text(Path::new(PRELUDE_PATH), std::sync::Arc::from(PRELUDE));
    let code = match &loaded.code {
        Ok(c) => c.clone(),
        Err(e) => return Err(super::super::syntax_to_eval(e)),
    };
    let f = ev.eval_code(Path::new(PRELUDE_PATH), code)?;
    let native = native_attrs(ev);
    let lib = ev.call(f, native, Span::SYNTHETIC)?;
    ev.ext.lib = Some(lib);
    Ok(lib)
}

fn native_attrs<'a>(ev: &mut Evaluator<'a>) -> Value<'a> {
    let pairs = NATIVE_OPS
        .iter()
        .map(|op| {
            let v = Value::new(V::PrimOp(ev.heap.primop(op, &[])), Span::SYNTHETIC);
            (Symbol::intern(op.name), v)
        })
        .collect();
    ev.attrs_from(pairs, Span::SYNTHETIC)
}

/// Whether an attribute set carries the open marker.
pub fn has_open_marker<'a>(attrs: &'a [AttrEntry<'a>]) -> bool {
    lookup(attrs, Symbol::intern(OPEN_MARKER)).is_some()
}

fn native_open<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    let marker = ev.attrs_from(
        vec![(Symbol::intern(OPEN_MARKER), Value::bool(true, span))],
        span,
    );
    ev.update(v, marker, v.span)
}

fn native_unknown_value<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    let name = v.as_str().unwrap_or("value");
    Ok(ev.unknown(&format!("`{name}` is not known to pocketlint"), span))
}

fn native_unknown_package<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    let name = v.as_str().unwrap_or("package");
    Ok(ev.unknown(
        &format!("the package `{name}` comes from nixpkgs, which pocketlint does not evaluate"),
        span,
    ))
}

/// `lib.evalModules { modules; specialArgs ? {}; prefix ? []; }`.
fn native_eval_modules<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let params = match ev.want_attrs(args[0], span)? {
        Ok(p) => p,
        Err(u) => return Ok(u),
    };
    let modules = match lookup(params, crate::sym!("modules")) {
        Some(m) => match ev.want_list(m.value, span)? {
            Ok(l) => l,
            Err(u) => return Ok(u),
        },
        None => {
            return Err(EvalError::new(
                ErrorKind::MissingAttribute,
                "attribute 'modules' missing for call to 'evalModules'",
                span,
            ));
        }
    };
    let special_args = match lookup(params, crate::sym!("specialArgs")) {
        Some(s) => ev.force(s.value)?,
        None => ev.attrs_from(Vec::new(), span),
    };
    let mut prefix = Vec::new();
    if let Some(p) = lookup(params, crate::sym!("prefix")) {
        let list = match ev.want_list(p.value, span)? {
            Ok(l) => l,
            Err(u) => return Ok(u),
        };
        for t in list {
            let s = match ev.want_string(t, span)? {
                Ok(s) => s,
                Err(u) => return Ok(u),
            };
            prefix.push(Symbol::intern(s));
        }
    }
    let prefix = ev.heap.bump.alloc_slice_copy(&prefix);
    let refs: Vec<ModuleRef<'a>> = modules.iter().map(|t| ModuleRef::new(t, span)).collect();
    let state = eval_modules(ev, &refs, special_args, prefix, false)?;
    let config = ev
        .heap
        .native(move |ev: &mut Evaluator<'a>| public_config(ev, state));
    let options = *state.options.get().expect("set at creation");
    let entries = vec![
        AttrEntry {
            name: crate::sym!("config"),
            value: config,
            span,
        },
        AttrEntry {
            name: crate::sym!("options"),
            value: options,
            span,
        },
        AttrEntry {
            name: crate::sym!("_type"),
            value: ev.heap.ready(ev.string("configuration", span)),
            span,
        },
    ];
    Ok(Value::new(V::Attrs(ev.heap.attrs(entries)), span))
}
