//! Reading `flake.nix` with every input unknown: `outputs` is called with
//! stand-in inputs whose `lib` is pocketlint's own `lib` plus a
//! `nixosSystem` that records its arguments, so `nixosConfigurations.<h>`
//! tells which modules (and special arguments) host `h` has.

use std::path::Path;

use crate::eval::builtins::PrimOp;
use crate::eval::modules::{self, ModuleRef};
use crate::eval::{EResult, ErrorKind, EvalError, Evaluator, Thunk, V, Value, lookup};
use crate::files::Span;
use crate::symbol::Symbol;

const MARKER: &str = "pocketlint-nixos-system";

static NIXOS_SYSTEM: PrimOp = PrimOp {
    name: "nixosSystem",
    arity: 1,
    func: nixos_system,
};

fn nixos_system<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    // The argument stays lazy under `__args`; only hosts that are evaluated
    // look inside.
    let entries = vec![
        crate::eval::AttrEntry {
            name: crate::sym!("_type"),
            value: ev.ready(ev.string(MARKER, span)),
            span,
        },
        crate::eval::AttrEntry {
            name: crate::sym!("__args"),
            value: args[0],
            span,
        },
    ];
    Ok(Value::new(V::Attrs(ev.heap.attrs(entries)), span))
}

/// A flake input pocketlint does not fetch: everything in it is unknown
/// except `lib`, which is pocketlint's `lib` with `nixosSystem`.
fn stand_in_input<'a>(ev: &mut Evaluator<'a>, lib: Value<'a>) -> EResult<Value<'a>> {
    let system = Value::new(
        V::PrimOp(ev.heap.primop(&NIXOS_SYSTEM, &[])),
        Span::SYNTHETIC,
    );
    let patch = ev.attrs_from(vec![(crate::sym!("nixosSystem"), system)], Span::SYNTHETIC);
    let lib = ev.update(lib, patch, Span::SYNTHETIC)?;
    if let V::Attrs(a) = lib.kind {
        ev.mark_open(a);
    }
    let input = ev.attrs_from(vec![(crate::sym!("lib"), lib)], Span::SYNTHETIC);
    if let V::Attrs(a) = input.kind {
        ev.mark_open(a);
    }
    Ok(input)
}

/// The flake's `outputs`, evaluated with stand-in inputs; `None` when the
/// repository has no flake.
pub fn outputs<'a>(ev: &mut Evaluator<'a>, root: &Path) -> EResult<Option<Value<'a>>> {
    let path = root.join("flake.nix");
    if !path.is_file() {
        return Ok(None);
    }
    let flake = ev.import_path(&path, Span::SYNTHETIC)?;
    let Some(attrs) = flake.as_attrs() else {
        return Ok(None);
    };
    let Some(outputs) = lookup(attrs, crate::sym!("outputs")) else {
        return Ok(None);
    };
    let outputs = ev.force(outputs.value)?;
    let lib = modules::lib_value(ev)?;
    let mut names: Vec<Symbol> = crate::eval::builtins::function_formals(ev, outputs)?;
    if let Some(inputs) = lookup(attrs, crate::sym!("inputs")) {
        let inputs = ev.force(inputs.value)?;
        if let Some(i) = inputs.as_attrs() {
            names.extend(i.iter().map(|e| e.name));
        }
    }
    names.sort();
    names.dedup();
    let self_sym = crate::sym!("self");
    let mut pairs = Vec::new();
    for n in &names {
        if *n == self_sym {
            continue;
        }
        pairs.push((*n, stand_in_input(ev, lib)?));
    }
    // `self` is the outputs themselves (lazily) plus the source path.
    let root_str: &'a str = ev.heap.str(&root.to_string_lossy());
    let result_cell = ev.heap.once_cell();
    let self_thunk = ev.heap.native(move |ev: &mut Evaluator<'a>| {
        let Some(result) = result_cell.get() else {
            return Err(EvalError::new(
                ErrorKind::InfiniteRecursion,
                "infinite recursion encountered: `self` used before the flake's outputs exist",
                Span::SYNTHETIC,
            ));
        };
        let result = ev.force(result)?;
        let out_path = Value::new(V::Path(root_str), Span::SYNTHETIC);
        let patch = ev.attrs_from(vec![(crate::sym!("outPath"), out_path)], Span::SYNTHETIC);
        ev.update(result, patch, Span::SYNTHETIC)
    });
    let mut entries: Vec<crate::eval::AttrEntry<'a>> = pairs
        .into_iter()
        .map(|(name, v)| crate::eval::AttrEntry {
            name,
            value: ev.ready(v),
            span: Span::SYNTHETIC,
        })
        .collect();
    entries.push(crate::eval::AttrEntry {
        name: self_sym,
        value: self_thunk,
        span: Span::SYNTHETIC,
    });
    let arg = Value::new(V::Attrs(ev.heap.attrs(entries)), Span::SYNTHETIC);
    let arg_thunk = ev.ready(arg);
    let result = ev.heap.lazy_apply(outputs, arg_thunk, outputs.span);
    let _ = result_cell.set(result);
    Ok(Some(ev.force(result)?))
}

fn configurations<'a>(
    ev: &mut Evaluator<'a>,
    root: &Path,
) -> EResult<Option<&'a [crate::eval::AttrEntry<'a>]>> {
    let Some(out) = outputs(ev, root)? else {
        return Ok(None);
    };
    let Some(attrs) = out.as_attrs() else {
        return Ok(None);
    };
    let Some(cfgs) = lookup(attrs, crate::sym!("nixosConfigurations")) else {
        return Ok(None);
    };
    let cfgs = ev.force(cfgs.value)?;
    Ok(cfgs.as_attrs())
}

/// Names of the flake's `nixosConfigurations` whose value is a
/// `nixosSystem` call.
pub fn host_names(ev: &mut Evaluator<'_>, root: &Path) -> EResult<Vec<String>> {
    let Some(cfgs) = configurations(ev, root)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for e in cfgs {
        let v = ev.force(e.value)?;
        if is_marker(ev, v)? {
            out.push(e.name.to_string());
        }
    }
    Ok(out)
}

fn is_marker<'a>(ev: &mut Evaluator<'a>, v: Value<'a>) -> EResult<bool> {
    let Some(attrs) = v.as_attrs() else {
        return Ok(false);
    };
    let Some(t) = lookup(attrs, crate::sym!("_type")) else {
        return Ok(false);
    };
    let t = ev.force(t.value)?;
    Ok(t.as_str() == Some(MARKER))
}

/// The module list and special arguments `nixosSystem` received for `name`.
pub fn host_modules<'a>(
    ev: &mut Evaluator<'a>,
    root: &Path,
    name: &str,
) -> EResult<Option<(Vec<ModuleRef<'a>>, Value<'a>)>> {
    let Some(cfgs) = configurations(ev, root)? else {
        return Ok(None);
    };
    let Some(entry) = lookup(cfgs, Symbol::intern(name)) else {
        return Ok(None);
    };
    let v = ev.force(entry.value)?;
    if !is_marker(ev, v)? {
        return Ok(None);
    }
    let attrs = v.as_attrs().unwrap_or(&[]);
    let Some(args) = lookup(attrs, crate::sym!("__args")) else {
        return Ok(None);
    };
    let args = ev.force(args.value)?;
    let Some(args_attrs) = args.as_attrs() else {
        return Ok(None);
    };
    let mut refs = Vec::new();
    if let Some(m) = lookup(args_attrs, crate::sym!("modules")) {
        let list = ev.force(m.value)?;
        if let V::List(items) = list.kind {
            for t in items {
                refs.push(ModuleRef::new(t, m.span));
            }
        }
    }
    let special = match lookup(args_attrs, crate::sym!("specialArgs")) {
        Some(s) => ev.force(s.value)?,
        None => ev.attrs_from(Vec::new(), Span::SYNTHETIC),
    };
    Ok(Some((refs, special)))
}
