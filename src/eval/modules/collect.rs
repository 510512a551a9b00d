//! Loading and collecting modules (nixpkgs' `collectModules`): every
//! module's imports are loaded depth-first, then the closure is taken
//! breadth-first with duplicates (same key) and disabled modules removed.

use std::collections::{HashSet, VecDeque};

use crate::files::Span;
use crate::symbol::Symbol;

use super::super::Evaluator;
use super::super::error::{EResult, ErrorKind, EvalError, type_error};
use super::super::ops::CoerceMode;
use super::super::value::{AttrEntry, Thunk, V, Value, lookup};
use super::{EvalState, Module, ModuleRef};

/// Attributes a module with explicit `config`/`options` may also have.
const STRUCTURE_KEYS: &[&str] = &[
    "_class",
    "_file",
    "key",
    "disabledModules",
    "imports",
    "options",
    "config",
    "meta",
    "freeformType",
];

/// Attributes removed from a shorthand module before the rest is config.
const SHORTHAND_REMOVED: &[&str] = &[
    "_class",
    "_file",
    "key",
    "disabledModules",
    "require",
    "imports",
    "freeformType",
];

/// The arguments every module function receives.
pub fn module_args<'a>(ev: &mut Evaluator<'a>, state: &'a EvalState<'a>) -> EResult<Value<'a>> {
    let lib = super::lib_value(ev)?;
    let span = Span::SYNTHETIC;
    let mut entries = vec![
        AttrEntry {
            name: crate::sym!("lib"),
            value: ev.heap.ready(lib),
            span,
        },
        AttrEntry {
            name: crate::sym!("config"),
            value: state.config_thunk(),
            span,
        },
        AttrEntry {
            name: crate::sym!("options"),
            value: state.options.get().expect("set at creation"),
            span,
        },
        AttrEntry {
            name: crate::sym!("specialArgs"),
            value: ev.heap.ready(state.special_args),
            span,
        },
    ];
    if let Some(special) = state.special_args.as_attrs() {
        for e in special {
            entries.retain(|x| x.name != e.name);
            entries.push(*e);
        }
    }
    Ok(Value::new(V::Attrs(ev.heap.attrs(entries)), span))
}

struct Item<'a> {
    key: &'a str,
    module: Module<'a>,
    children: Vec<Item<'a>>,
}

struct Disabled<'a> {
    file: &'a str,
    value: Thunk<'a>,
}

/// Collects `refs` and their imports into `state.modules`, in merge order.
pub fn collect<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    refs: &[ModuleRef<'a>],
) -> EResult<()> {
    let mut disabled = Vec::new();
    let mut skipped = Vec::new();
    let mut path = Vec::new();
    // The user's modules, then lib's internal module, as lib does.
    let mut all: Vec<ModuleRef<'a>> = refs.to_vec();
    let internal = internal_module(ev)?;
    all.push(ModuleRef::new(ev.heap.ready(internal), Span::SYNTHETIC));
    if state.nixos_fallbacks {
        let fallback = nixos_fallback_module(ev)?;
        all.push(ModuleRef::new(ev.heap.ready(fallback), Span::SYNTHETIC));
    }
    let mut cx = Collecting {
        disabled: &mut disabled,
        skipped: &mut skipped,
        path: &mut path,
    };
    let items = structured(
        ev,
        state,
        "<unknown-file>",
        "",
        Span::SYNTHETIC,
        &all,
        &mut cx,
    )?;

    let mut disabled_keys: HashSet<String> = HashSet::new();
    for d in &disabled {
        if let Some(k) = disabled_key(ev, d)? {
            disabled_keys.insert(k);
        }
    }

    // Breadth-first closure, first occurrence of a key wins.
    let mut seen: HashSet<&'a str> = HashSet::new();
    let mut order: Vec<Module<'a>> = Vec::new();
    let mut queue: VecDeque<&Item<'a>> = items
        .iter()
        .filter(|i| !disabled_keys.contains(i.key))
        .collect();
    while let Some(item) = queue.pop_front() {
        if !seen.insert(item.key) {
            continue;
        }
        order.push(item.module);
        for c in &item.children {
            if !disabled_keys.contains(c.key) {
                queue.push_back(c);
            }
        }
    }
    order.reverse();
    let modules = ev.heap.bump.alloc_slice_copy(&order);
    let _ = state.modules.set(modules);
    let skipped = ev.heap.bump.alloc_slice_copy(&skipped);
    let _ = state.skipped.set(skipped);
    Ok(())
}

struct Collecting<'c, 'a> {
    disabled: &'c mut Vec<Disabled<'a>>,
    skipped: &'c mut Vec<(Span, &'a str)>,
    path: &'c mut Vec<&'a str>,
}

fn structured<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    parent_file: &'a str,
    parent_key: &'a str,
    parent_via: Span,
    refs: &[ModuleRef<'a>],
    cx: &mut Collecting<'_, 'a>,
) -> EResult<Vec<Item<'a>>> {
    let mut out = Vec::with_capacity(refs.len());
    for (n, r) in refs.iter().enumerate() {
        let anon_key = ev.heap.str(&format!("{parent_key}:anon-{}", n + 1));
        let file = r.file.unwrap_or(parent_file);
        let via = if r.via.is_synthetic() {
            parent_via
        } else {
            r.via
        };
        if let Some(def_file) = r.file {
            // A submodule definition: nixpkgs wraps it as
            // `{ _file; config = value; }` or `{ _file; imports = [ value ]; }`.
            let empty = ev.heap.ready(ev.attrs_from(Vec::new(), r.span));
            let config = if r.config_only { r.value } else { empty };
            let module = Module {
                file: def_file,
                key: anon_key,
                options: empty,
                config,
                span: r.span,
                freeform: None,
                via,
            };
            let children = if r.config_only {
                Vec::new()
            } else {
                let inner = ModuleRef::new(r.value, r.span);
                structured(ev, state, def_file, anon_key, via, &[inner], cx)?
            };
            out.push(Item {
                key: anon_key,
                module,
                children,
            });
            continue;
        }
        let Some(mut loaded) = load(ev, state, file, anon_key, *r, cx.skipped)? else {
            continue;
        };
        loaded.module.via = via;
        if cx.path.contains(&loaded.module.key) {
            let chain: Vec<&str> = cx
                .path
                .iter()
                .skip_while(|k| **k != loaded.module.key)
                .copied()
                .chain(std::iter::once(loaded.module.key))
                .collect();
            return Err(EvalError::new(
                ErrorKind::ModuleError,
                format!("import cycle: {}", chain.join(" → ")),
                r.span,
            ));
        }
        for d in loaded.disabled {
            cx.disabled.push(Disabled {
                file: loaded.module.file,
                value: d,
            });
        }
        cx.path.push(loaded.module.key);
        let children = structured(
            ev,
            state,
            loaded.module.file,
            loaded.module.key,
            via,
            &loaded.imports,
            cx,
        );
        cx.path.pop();
        out.push(Item {
            key: loaded.module.key,
            module: loaded.module,
            children: children?,
        });
    }
    Ok(out)
}

struct Loaded<'a> {
    module: Module<'a>,
    imports: Vec<ModuleRef<'a>>,
    disabled: Vec<Thunk<'a>>,
}

fn load<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    fallback_file: &'a str,
    fallback_key: &'a str,
    r: ModuleRef<'a>,
    skipped: &mut Vec<(Span, &'a str)>,
) -> EResult<Option<Loaded<'a>>> {
    let v = ev.force(r.value)?;
    let span = if v.span.is_synthetic() {
        r.span
    } else {
        v.span
    };
    match v.kind {
        V::Path(_) | V::Str(_) => {
            let Some(text) = ev.coerce_to_string(v, CoerceMode::PathPart, span)? else {
                return Ok(None);
            };
            if !text.starts_with('/') {
                return Err(EvalError::new(
                    ErrorKind::ModuleError,
                    format!("module `{text}` is not an absolute path"),
                    span,
                ));
            }
            let file: &'a str = ev.heap.str(&text);
            let imported = ev.import_path(std::path::Path::new(file), span)?;
            if let Some(u) = imported.as_unknown() {
                skipped.push((span, u.reason));
                return Ok(None);
            }
            let m = if imported.is_function() {
                apply_module_args(ev, state, imported, span)?
            } else {
                imported
            };
            unify(ev, file, file, m, span, skipped)
        }
        V::Lambda(_) | V::PrimOp(_) => {
            let m = apply_module_args(ev, state, v, span)?;
            unify(ev, fallback_file, fallback_key, m, span, skipped)
        }
        V::Attrs(_) if v.is_function() => {
            let m = apply_module_args(ev, state, v, span)?;
            unify(ev, fallback_file, fallback_key, m, span, skipped)
        }
        V::Attrs(_) => unify(ev, fallback_file, fallback_key, v, span, skipped),
        V::Unknown(u) => {
            skipped.push((span, u.reason));
            Ok(None)
        }
        V::List(_) => Err(EvalError::new(
            ErrorKind::ModuleError,
            "module imports can't be nested lists; perhaps you meant to remove one level of lists?",
            span,
        )),
        _ => type_error(
            format!(
                "value is {} while a module (a path, a function or an attribute set) was expected",
                v.type_name()
            ),
            span,
        ),
    }
}

/// Calls a module function with the module arguments: the fixed ones, the
/// special arguments, and for any other formal, `config._module.args.<name>`
/// (unknown when nothing defines it, such as `pkgs`).
fn apply_module_args<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    f: Value<'a>,
    span: Span,
) -> EResult<Value<'a>> {
    let base = *state.args.get().expect("set before collection");
    let base_attrs = base.as_attrs().unwrap_or(&[]);
    let formals = super::super::builtins::function_formals(ev, f)?;
    let mut extra: Vec<AttrEntry<'a>> = Vec::new();
    for name in formals {
        if lookup(base_attrs, name).is_some() {
            continue;
        }
        let config = state.config_thunk();
        let thunk = ev.heap.native(move |ev: &mut Evaluator<'a>| {
            let cfg = ev.force(config)?;
            let args = select_path(ev, cfg, &["_module", "args"])?;
            if let Some(attrs) = args.and_then(|a| a.as_attrs())
                && let Some(e) = lookup(attrs, name)
            {
                return ev.force(e.value);
            }
            if name.as_str() == "pkgs" {
                return Ok(ev.pkgs_unknown(span));
            }
            Ok(ev.unknown(
                &format!("the module argument `{name}` is not known to pocketlint (nixpkgs or a flake provides it)"),
                span,
            ))
        });
        extra.push(AttrEntry {
            name,
            value: thunk,
            span,
        });
    }
    let arg = if extra.is_empty() {
        base
    } else {
        let extra = Value::new(V::Attrs(ev.heap.attrs(extra)), span);
        ev.update(base, extra, span)?
    };
    ev.call(f, arg, span)
}

fn select_path<'a>(
    ev: &mut Evaluator<'a>,
    v: Value<'a>,
    path: &[&str],
) -> EResult<Option<Value<'a>>> {
    let mut cur = v;
    for p in path {
        let Some(attrs) = cur.as_attrs() else {
            return Ok(None);
        };
        match lookup(attrs, Symbol::intern(p)) {
            Some(e) => cur = ev.force(e.value)?,
            None => return Ok(None),
        }
    }
    Ok(Some(cur))
}

fn unify<'a>(
    ev: &mut Evaluator<'a>,
    file: &'a str,
    key: &'a str,
    m: Value<'a>,
    span: Span,
    skipped: &mut Vec<(Span, &'a str)>,
) -> EResult<Option<Loaded<'a>>> {
    let attrs = match m.kind {
        V::Attrs(a) => a,
        V::Unknown(u) => {
            skipped.push((span, u.reason));
            return Ok(None);
        }
        _ => {
            return type_error(
                format!(
                    "a module evaluated to {} where an attribute set was expected",
                    m.type_name()
                ),
                span,
            );
        }
    };
    let mut wrap_as_config = false;
    if let Some(t) = lookup(attrs, crate::sym!("_type")) {
        let t = ev.force(t.value)?;
        match t.as_str() {
            Some("flake") => {
                return Err(EvalError::new(
                    ErrorKind::ModuleError,
                    "a flake was used where a module was expected; use one of its `nixosModules` instead",
                    span,
                ));
            }
            // A bare `mkIf`/`mkMerge`/... is the module's configuration.
            Some("if" | "merge" | "override" | "order") => wrap_as_config = true,
            _ => {}
        }
    }
    if wrap_as_config {
        let empty = ev.heap.ready(ev.attrs_from(Vec::new(), span));
        return Ok(Some(Loaded {
            module: Module {
                file,
                key,
                options: empty,
                config: ev.heap.ready(m),
                span: m.span,
                freeform: None,
                via: Span::SYNTHETIC,
            },
            imports: Vec::new(),
            disabled: Vec::new(),
        }));
    }
    let get = |name: Symbol| lookup(attrs, name);
    let file = match get(crate::sym!("_file")) {
        Some(e) => {
            let v = ev.force(e.value)?;
            match ev.coerce_to_string(v, CoerceMode::PathPart, span)? {
                Some(s) => ev.heap.str(&s),
                None => file,
            }
        }
        None => file,
    };
    let key = match get(crate::sym!("key")) {
        Some(e) => {
            let v = ev.force(e.value)?;
            match ev.coerce_to_string(v, CoerceMode::ToString, span)? {
                Some(s) => ev.heap.str(&s),
                None => key,
            }
        }
        None => key,
    };
    let explicit = get(crate::sym!("config")).is_some() || get(crate::sym!("options")).is_some();
    let empty = ev.heap.ready(ev.attrs_from(Vec::new(), span));
    let (config, options) = if explicit {
        let bad: Vec<&str> = attrs
            .iter()
            .map(|e| e.name.as_str())
            .filter(|n| !STRUCTURE_KEYS.contains(n))
            .collect();
        if !bad.is_empty() {
            return Err(EvalError::new(
                ErrorKind::ModuleError,
                format!(
                    "module `{file}` has an unsupported attribute `{}`: with a top-level `config` or `options` attribute, all definitions ({}) must go under `config`",
                    bad[0],
                    bad.join(", ")
                ),
                span,
            ));
        }
        (
            get(crate::sym!("config")).map_or(empty, |e| e.value),
            get(crate::sym!("options")).map_or(empty, |e| e.value),
        )
    } else {
        let rest: Vec<AttrEntry<'a>> = attrs
            .iter()
            .filter(|e| !SHORTHAND_REMOVED.contains(&e.name.as_str()))
            .copied()
            .collect();
        let v = Value::new(V::Attrs(ev.heap.attrs_sorted(&rest)), m.span);
        (ev.heap.ready(v), empty)
    };
    let mut imports = Vec::new();
    for name in [crate::sym!("require"), crate::sym!("imports")] {
        if let Some(e) = get(name) {
            let list = ev.force(e.value)?;
            match list.kind {
                V::List(items) => {
                    for t in items {
                        imports.push(ModuleRef::new(t, e.span));
                    }
                }
                V::Unknown(u) => skipped.push((e.span, u.reason)),
                _ => {
                    return type_error(
                        format!("`{name}` is {} while a list was expected", list.type_name()),
                        e.span,
                    );
                }
            }
        }
    }
    let mut disabled = Vec::new();
    if let Some(e) = get(crate::sym!("disabledModules")) {
        let list = ev.force(e.value)?;
        if let V::List(items) = list.kind {
            disabled.extend(items.iter().copied());
        }
    }
    let freeform = get(crate::sym!("freeformType")).map(|e| e.value);
    Ok(Some(Loaded {
        module: Module {
            file,
            key,
            options,
            config,
            span: m.span,
            freeform,
            via: Span::SYNTHETIC,
        },
        imports,
        disabled,
    }))
}

fn disabled_key<'a>(ev: &mut Evaluator<'a>, d: &Disabled<'a>) -> EResult<Option<String>> {
    let v = ev.force(d.value)?;
    match v.kind {
        V::Path(p) => Ok(Some(p.to_string())),
        // Relative strings are relative to nixpkgs' `modulesPath`, which
        // pocketlint does not have: such a module is not one of ours.
        V::Str(s) if s.starts_with('/') => Ok(Some(s.to_string())),
        V::Attrs(attrs) => {
            if let Some(k) = lookup(attrs, crate::sym!("key")) {
                let k = ev.force(k.value)?;
                Ok(ev.coerce_to_string(k, CoerceMode::ToString, v.span)?)
            } else {
                Err(EvalError::new(
                    ErrorKind::ModuleError,
                    format!(
                        "in `{}`: each entry of `disabledModules` must be a path, a string, or an attribute set with a `key`",
                        d.file
                    ),
                    v.span,
                ))
            }
        }
        _ => Ok(None),
    }
}

/// lib's internal module: declares `_module.args` and friends.
fn internal_module<'a>(ev: &mut Evaluator<'a>) -> EResult<Value<'a>> {
    let lib = super::lib_value(ev)?;
    let f = lib_fn(ev, lib, "__internalModule")?;
    Ok(f)
}

/// Declarations nixpkgs would provide for options repositories set without
/// declaring them (used only where the repository declares nothing).
fn nixos_fallback_module<'a>(ev: &mut Evaluator<'a>) -> EResult<Value<'a>> {
    let lib = super::lib_value(ev)?;
    lib_fn(ev, lib, "__nixosFallbacks")
}

fn lib_fn<'a>(ev: &mut Evaluator<'a>, lib: Value<'a>, name: &str) -> EResult<Value<'a>> {
    match lib.as_attrs().and_then(|a| lookup(a, Symbol::intern(name))) {
        Some(e) => ev.force(e.value),
        None => Err(EvalError::new(
            ErrorKind::Other,
            format!("internal: `{name}` missing from the embedded lib"),
            Span::SYNTHETIC,
        )),
    }
}
