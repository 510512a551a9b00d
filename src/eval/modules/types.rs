//! Merging by option type: what each of nixpkgs' `types.*` does with a
//! list of definitions, and the structural merge used for options nobody
//! declares.

use crate::files::Span;
use crate::symbol::Symbol;

use super::super::Evaluator;
use super::super::error::{EResult, ErrorKind, EvalError};
use super::super::value::{AttrEntry, V, Value, lookup};
use super::merge::{FinalDef, Finalized, finalize, show_loc, undefined_option};
use super::{Def, EvalState, ModuleRef, eval_modules, public_config};

/// The `__pl` descriptor of a type: its kind and parameters.
struct TypeInfo<'a> {
    kind: &'a str,
    params: &'a [AttrEntry<'a>],
    ty: Value<'a>,
}

fn type_info<'a>(ev: &mut Evaluator<'a>, ty: Value<'a>) -> EResult<TypeInfo<'a>> {
    let attrs = ty.as_attrs().unwrap_or(&[]);
    match lookup(attrs, crate::sym!("__pl")) {
        Some(pl) => {
            let pl = ev.force(pl.value)?;
            let params = pl.as_attrs().unwrap_or(&[]);
            let kind = match lookup(params, crate::sym!("kind")) {
                Some(k) => ev.force(k.value)?.as_str().unwrap_or("custom"),
                None => "custom",
            };
            Ok(TypeInfo { kind, params, ty })
        }
        None => Ok(TypeInfo {
            kind: if ty.is_unknown() { "unknown" } else { "custom" },
            params: &[],
            ty,
        }),
    }
}

fn param<'a>(
    ev: &mut Evaluator<'a>,
    info: &TypeInfo<'a>,
    name: Symbol,
) -> EResult<Option<Value<'a>>> {
    match lookup(info.params, name) {
        Some(e) => Ok(Some(ev.force(e.value)?)),
        None => Ok(None),
    }
}

fn description<'a>(ev: &mut Evaluator<'a>, ty: Value<'a>) -> String {
    let attrs = ty.as_attrs().unwrap_or(&[]);
    for key in ["description", "name"] {
        if let Some(e) = lookup(attrs, Symbol::intern(key))
            && let Ok(v) = ev.force(e.value)
            && let Some(s) = v.as_str()
        {
            return s.to_string();
        }
    }
    "value".to_string()
}

pub fn unspecified_type<'a>(ev: &mut Evaluator<'a>) -> EResult<Value<'a>> {
    lib_type(ev, "unspecified")
}

fn lib_type<'a>(ev: &mut Evaluator<'a>, name: &str) -> EResult<Value<'a>> {
    let lib = super::lib_value(ev)?;
    let types = lookup(lib.as_attrs().unwrap_or(&[]), crate::sym!("types")).map(|e| e.value);
    let Some(types) = types else {
        return Err(EvalError::new(
            ErrorKind::Other,
            "internal: lib.types missing",
            Span::SYNTHETIC,
        ));
    };
    let types = ev.force(types)?;
    match lookup(types.as_attrs().unwrap_or(&[]), Symbol::intern(name)) {
        Some(e) => ev.force(e.value),
        None => Err(EvalError::new(
            ErrorKind::Other,
            format!("internal: lib.types.{name} missing"),
            Span::SYNTHETIC,
        )),
    }
}

/// Does `v` pass the type's check? `None` when unknown.
fn check<'a>(ev: &mut Evaluator<'a>, info: &TypeInfo<'a>, v: Value<'a>) -> EResult<Option<bool>> {
    if v.is_unknown() {
        return Ok(None);
    }
    let ok = match info.kind {
        "str" | "separatedString" | "singleLineStr" => matches!(v.kind, V::Str(_)),
        "nonEmptyStr" => matches!(v.kind, V::Str(s) if !s.trim().is_empty()),
        "strMatching" => match (v.kind, param(ev, info, crate::sym!("pattern"))?) {
            (V::Str(s), Some(p)) => match p.as_str() {
                Some(p) => match ev.regex(p).map(|r| r.try_full_match(s)) {
                    Ok(Ok(found)) => found.is_some(),
                    // Past the regex work bound: the check cannot tell.
                    Ok(Err(_)) => return Ok(None),
                    Err(_) => false,
                },
                None => return Ok(None),
            },
            _ => false,
        },
        "int" => match v.kind {
            V::Int(i) => {
                let min = param(ev, info, crate::sym!("min"))?.and_then(|m| {
                    if let V::Int(x) = m.kind {
                        Some(x)
                    } else {
                        None
                    }
                });
                let max = param(ev, info, crate::sym!("max"))?.and_then(|m| {
                    if let V::Int(x) = m.kind {
                        Some(x)
                    } else {
                        None
                    }
                });
                min.is_none_or(|m| i >= m) && max.is_none_or(|m| i <= m)
            }
            _ => false,
        },
        "bool" | "boolByOr" => matches!(v.kind, V::Bool(_)),
        "float" => matches!(v.kind, V::Float(_)),
        "number" => matches!(v.kind, V::Int(_) | V::Float(_)),
        "enum" => {
            let Some(values) = param(ev, info, crate::sym!("values"))? else {
                return Ok(None);
            };
            let V::List(items) = values.kind else {
                return Ok(None);
            };
            let mut found = Some(false);
            for t in items {
                let x = ev.force(t)?;
                match ev.equal(x, v)? {
                    Some(true) => {
                        found = Some(true);
                        break;
                    }
                    None => found = None,
                    Some(false) => {}
                }
            }
            return Ok(found);
        }
        "path" => match v.kind {
            V::Path(_) => true,
            V::Str(s) => s.starts_with('/'),
            V::Attrs(a) => {
                lookup(a, crate::sym!("outPath")).is_some()
                    || lookup(a, crate::sym!("__toString")).is_some()
            }
            _ => false,
        },
        "listOf" => {
            let V::List(items) = v.kind else {
                return Ok(Some(false));
            };
            let non_empty = param(ev, info, crate::sym!("nonEmpty"))?
                .is_some_and(|b| matches!(b.kind, V::Bool(true)));
            !(non_empty && items.is_empty())
        }
        "attrsOf" | "attrs" => matches!(v.kind, V::Attrs(_)),
        "nullOr" => {
            if matches!(v.kind, V::Null) {
                true
            } else {
                let inner = elem_info(ev, info, crate::sym!("elemType"))?;
                return check(ev, &inner, v);
            }
        }
        "either" => {
            let l = elem_info(ev, info, crate::sym!("left"))?;
            let r = elem_info(ev, info, crate::sym!("right"))?;
            return Ok(match (check(ev, &l, v)?, check(ev, &r, v)?) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            });
        }
        "submodule" | "deferredModule" => {
            matches!(
                v.kind,
                V::Attrs(_) | V::Path(_) | V::Lambda(_) | V::PrimOp(_)
            )
        }
        "functionTo" => v.is_function(),
        "coercedTo" => {
            let fin = elem_info(ev, info, crate::sym!("finalType"))?;
            let from = elem_info(ev, info, crate::sym!("coercedType"))?;
            return Ok(match (check(ev, &fin, v)?, check(ev, &from, v)?) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            });
        }
        "uniq" => {
            let inner = elem_info(ev, info, crate::sym!("elemType"))?;
            return check(ev, &inner, v);
        }
        "optionType" => v.as_attrs().is_some(),
        "custom" => {
            let attrs = info.ty.as_attrs().unwrap_or(&[]);
            let Some(c) = lookup(attrs, crate::sym!("check")) else {
                return Ok(Some(true));
            };
            let f = ev.force(c.value)?;
            let r = ev.call(f, v, v.span)?;
            return Ok(match r.kind {
                V::Bool(b) => Some(b),
                _ => None,
            });
        }
        // raw, anything, unspecified, package, unknown types
        _ => true,
    };
    Ok(Some(ok))
}

fn elem_info<'a>(
    ev: &mut Evaluator<'a>,
    info: &TypeInfo<'a>,
    name: Symbol,
) -> EResult<TypeInfo<'a>> {
    match param(ev, info, name)? {
        Some(t) => type_info(ev, t),
        None => Ok(TypeInfo {
            kind: "unknown",
            params: &[],
            ty: Value::null(Span::SYNTHETIC),
        }),
    }
}

fn not_of_type<'a>(
    ev: &mut Evaluator<'a>,
    loc: &[Symbol],
    info: &TypeInfo<'a>,
    bad: &FinalDef<'a>,
) -> Box<EvalError> {
    let desc = description(ev, info.ty);
    let span = if bad.value.span.is_synthetic() {
        bad.def.span
    } else {
        bad.value.span
    };
    EvalError::new(
        ErrorKind::ModuleError,
        format!(
            "A definition for option `{}' is not of type `{desc}'. The definition is {}.",
            show_loc(loc),
            bad.value.type_name()
        ),
        span,
    )
}

/// nixpkgs' `emptyValue` of a type, when it has one.
fn empty_value<'a>(ev: &mut Evaluator<'a>, ty: Value<'a>) -> EResult<Option<Value<'a>>> {
    let info = type_info(ev, ty)?;
    let span = Span::SYNTHETIC;
    Ok(match info.kind {
        "listOf" => {
            let non_empty = param(ev, &info, crate::sym!("nonEmpty"))?
                .is_some_and(|b| matches!(b.kind, V::Bool(true)));
            (!non_empty).then(|| ev.list_from(Vec::new(), span))
        }
        "attrsOf" | "attrs" | "submodule" => Some(ev.attrs_from(Vec::new(), span)),
        "nullOr" => Some(Value::null(span)),
        "separatedString" => Some(ev.string("", span)),
        _ => None,
    })
}

/// Checks every definition, then merges them as the type says.
pub fn merge_typed<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    ty: Value<'a>,
    defs: &[FinalDef<'a>],
) -> EResult<Value<'a>> {
    if ty.is_unknown() {
        return structural(ev, state, loc, defs);
    }
    let info = type_info(ev, ty)?;
    for d in defs {
        if check(ev, &info, d.value)? == Some(false) {
            return Err(not_of_type(ev, loc, &info, d));
        }
    }
    merge_checked(ev, state, loc, &info, defs)
}

fn merge_checked<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    info: &TypeInfo<'a>,
    defs: &[FinalDef<'a>],
) -> EResult<Value<'a>> {
    match info.kind {
        "separatedString" => {
            let sep = param(ev, info, crate::sym!("sep"))?
                .and_then(|s| s.as_str())
                .unwrap_or("");
            let mut parts = Vec::with_capacity(defs.len());
            for d in defs {
                match d.value.kind {
                    V::Str(s) => parts.push((d.value, s)),
                    _ => return Ok(unknown_of(ev, d.value, loc)),
                }
            }
            let span = defs.first().map_or(Span::SYNTHETIC, |d| d.value.span);
            if parts.len() == 1 {
                return Ok(defs[0].value);
            }
            // Each definition keeps where its text was written.
            let mut out = crate::eval::provenance::StrBuilder::new();
            for (i, (v, s)) in parts.into_iter().enumerate() {
                if i > 0 {
                    out.push_text(
                        sep,
                        Span::SYNTHETIC,
                        crate::eval::provenance::PieceKind::Template,
                    );
                }
                out.push_value(ev, v, s);
            }
            Ok(out.finish(ev, span))
        }
        "boolByOr" => {
            let mut any = false;
            for d in defs {
                match d.value.kind {
                    V::Bool(b) => any |= b,
                    _ => return Ok(unknown_of(ev, d.value, loc)),
                }
            }
            Ok(Value::bool(any, defs[0].value.span))
        }
        "listOf" => merge_list(ev, state, loc, info, defs),
        "attrsOf" => merge_attrs_of(ev, state, loc, info, defs),
        "nullOr" => {
            let nulls = defs
                .iter()
                .filter(|d| matches!(d.value.kind, V::Null))
                .count();
            if nulls == defs.len() {
                Ok(defs[defs.len() - 1].value)
            } else if nulls > 0 {
                Err(EvalError::new(
                    ErrorKind::ConflictingDefinitions,
                    format!(
                        "The option `{}' is defined both null and not null.",
                        show_loc(loc)
                    ),
                    defs[0].def.span,
                ))
            } else {
                let inner = elem_info(ev, info, crate::sym!("elemType"))?;
                merge_checked(ev, state, loc, &inner, defs)
            }
        }
        "either" => {
            let l = elem_info(ev, info, crate::sym!("left"))?;
            let r = elem_info(ev, info, crate::sym!("right"))?;
            let mut all_l = true;
            let mut all_r = true;
            for d in defs {
                match check(ev, &l, d.value)? {
                    Some(true) => {}
                    Some(false) => all_l = false,
                    None => return Ok(unknown_of(ev, d.value, loc)),
                }
                if check(ev, &r, d.value)? != Some(true) {
                    all_r = false;
                }
            }
            if all_l {
                merge_checked(ev, state, loc, &l, defs)
            } else if all_r {
                merge_checked(ev, state, loc, &r, defs)
            } else {
                merge_one(loc, defs)
            }
        }
        "submodule" => merge_submodule(ev, loc, info, defs),
        "anything" => merge_anything(ev, state, loc, defs),
        "raw" | "uniq" | "package" | "optionType" => {
            if info.kind == "package" && defs.iter().any(|d| d.value.is_unknown()) {
                return Ok(defs[defs.len() - 1].value);
            }
            merge_one(loc, defs)
        }
        "unspecified" => merge_default(ev, state, loc, defs),
        "attrs" => {
            let mut acc = ev.attrs_from(Vec::new(), defs[0].value.span);
            for d in defs {
                acc = ev.update(acc, d.value, d.value.span)?;
            }
            Ok(acc)
        }
        "functionTo" => Ok(function_to(ev, state, loc, info, defs)),
        "coercedTo" => {
            let from = elem_info(ev, info, crate::sym!("coercedType"))?;
            let fin = elem_info(ev, info, crate::sym!("finalType"))?;
            let f = param(ev, info, crate::sym!("coerceFunc"))?;
            let mut coerced = Vec::with_capacity(defs.len());
            for d in defs {
                let v = if check(ev, &from, d.value)? == Some(true)
                    && check(ev, &fin, d.value)? != Some(true)
                {
                    match f {
                        Some(f) => ev.call(f, d.value, d.value.span)?,
                        None => d.value,
                    }
                } else {
                    d.value
                };
                coerced.push(FinalDef {
                    value: v,
                    def: d.def,
                    ordered: d.ordered,
                });
            }
            merge_checked(ev, state, loc, &fin, &coerced)
        }
        "deferredModule" => {
            let items: Vec<Value<'a>> = defs.iter().map(|d| d.value).collect();
            let span = defs[0].value.span;
            let list = ev.list_from(items, span);
            Ok(ev.attrs_from(vec![(crate::sym!("imports"), list)], span))
        }
        "custom" => merge_custom(ev, loc, info, defs),
        "unknown" => structural(ev, state, loc, defs),
        // str, int, bool, enum, path, float, number, strMatching...
        _ => merge_equal(ev, loc, defs),
    }
}

fn unknown_of<'a>(ev: &Evaluator<'a>, v: Value<'a>, loc: &[Symbol]) -> Value<'a> {
    match v.kind {
        V::Unknown(_) => v,
        _ => ev.unknown(
            &format!("a definition of `{}` is unknown", show_loc(loc)),
            v.span,
        ),
    }
}

/// `mergeEqualOption`: every definition must be equal.
fn merge_equal<'a>(
    ev: &mut Evaluator<'a>,
    loc: &[Symbol],
    defs: &[FinalDef<'a>],
) -> EResult<Value<'a>> {
    let first = defs[0];
    let mut unknown = first.value.is_unknown();
    for d in &defs[1..] {
        match ev.equal(first.value, d.value)? {
            Some(true) => {}
            Some(false) => {
                let mut err = EvalError::new(
                    ErrorKind::ConflictingDefinitions,
                    format!(
                        "The option `{}' has conflicting definition values: `{}` and `{}`",
                        show_loc(loc),
                        super::super::print::Printer::short(first.value),
                        super::super::print::Printer::short(d.value)
                    ),
                    d.def.span,
                );
                err.notes
                    .push((first.def.span, "the other definition".to_string()));
                return Err(err);
            }
            None => unknown = true,
        }
    }
    if unknown {
        return Ok(defs
            .iter()
            .find(|d| d.value.is_unknown())
            .map_or(first.value, |d| d.value));
    }
    Ok(first.value)
}

fn merge_one<'a>(loc: &[Symbol], defs: &[FinalDef<'a>]) -> EResult<Value<'a>> {
    if defs.len() == 1 {
        return Ok(defs[0].value);
    }
    Err(EvalError::new(
        ErrorKind::ConflictingDefinitions,
        format!(
            "The unique option `{}' is defined multiple times.",
            show_loc(loc)
        ),
        defs[1].def.span,
    ))
}

/// `mergeDefaultOption`, the merge of `types.unspecified`.
fn merge_default<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    defs: &[FinalDef<'a>],
) -> EResult<Value<'a>> {
    if defs.len() == 1 {
        return Ok(defs[0].value);
    }
    if defs.iter().any(|d| d.value.is_unknown()) {
        return Ok(unknown_of(
            ev,
            defs.iter()
                .find(|d| d.value.is_unknown())
                .map_or(defs[0].value, |d| d.value),
            loc,
        ));
    }
    let all = |f: fn(&V<'a>) -> bool| defs.iter().all(|d| f(&d.value.kind));
    if all(|k| matches!(k, V::List(_))) {
        let mut items = Vec::new();
        for d in defs {
            if let V::List(l) = d.value.kind {
                items.extend_from_slice(l);
            }
        }
        return Ok(Value::new(
            V::List(ev.heap.list(&items)),
            defs[0].value.span,
        ));
    }
    if all(|k| matches!(k, V::Attrs(_))) {
        let mut acc = ev.attrs_from(Vec::new(), defs[0].value.span);
        for d in defs {
            acc = ev.update(acc, d.value, d.value.span)?;
        }
        return Ok(acc);
    }
    if all(|k| matches!(k, V::Bool(_))) {
        return Ok(Value::bool(
            defs.iter().any(|d| matches!(d.value.kind, V::Bool(true))),
            defs[0].value.span,
        ));
    }
    if all(|k| matches!(k, V::Str(_))) {
        let s: String = defs.iter().filter_map(|d| d.value.as_str()).collect();
        return Ok(ev.string(&s, defs[0].value.span));
    }
    if all(|k| matches!(k, V::Int(_))) {
        return merge_equal(ev, loc, defs);
    }
    let _ = state;
    Err(EvalError::new(
        ErrorKind::ConflictingDefinitions,
        format!("Cannot merge definitions of `{}'.", show_loc(loc)),
        defs[1].def.span,
    ))
}

fn merge_list<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    info: &TypeInfo<'a>,
    defs: &[FinalDef<'a>],
) -> EResult<Value<'a>> {
    let elem_ty = param(ev, info, crate::sym!("elemType"))?;
    let mut items = Vec::new();
    for (n, d) in defs.iter().enumerate() {
        let V::List(list) = d.value.kind else {
            return Ok(unknown_of(ev, d.value, loc));
        };
        for (m, t) in list.iter().enumerate() {
            let elem_loc: &'a [Symbol] = ev.heap.path_push(
                loc,
                Symbol::intern(&format!("[definition {}-entry {}]", n + 1, m + 1)),
            );
            let edef = Def {
                value: t,
                file: d.def.file,
                span: d.def.span,
                via: d.def.via,
            };
            let finals = match finalize(ev, &[edef])? {
                Finalized::Defs(f) => f,
                Finalized::Unknown(u) => {
                    items.push(ev.heap.ready(u));
                    continue;
                }
            };
            if finals.is_empty() {
                continue;
            }
            let thunk = match elem_ty {
                Some(ty) => {
                    let finals: &'a [FinalDef<'a>] = ev.heap.bump.alloc_slice_copy(&finals);
                    ev.heap.native(move |ev: &mut Evaluator<'a>| {
                        merge_typed(ev, state, elem_loc, ty, finals)
                    })
                }
                None => ev.heap.ready(finals[0].value),
            };
            items.push(thunk);
        }
    }
    let span = defs.first().map_or(Span::SYNTHETIC, |d| d.value.span);
    Ok(Value::new(V::List(ev.heap.list(&items)), span))
}

fn merge_attrs_of<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    info: &TypeInfo<'a>,
    defs: &[FinalDef<'a>],
) -> EResult<Value<'a>> {
    let elem_ty = param(ev, info, crate::sym!("elemType"))?;
    let lazy =
        param(ev, info, crate::sym!("lazy"))?.is_some_and(|b| matches!(b.kind, V::Bool(true)));
    let mut by_name: std::collections::BTreeMap<Symbol, Vec<Def<'a>>> =
        std::collections::BTreeMap::new();
    for d in defs {
        let V::Attrs(attrs) = d.value.kind else {
            return Ok(unknown_of(ev, d.value, loc));
        };
        for e in attrs {
            by_name.entry(e.name).or_default().push(Def {
                value: e.value,
                file: d.def.file,
                span: e.span,
                via: d.def.via,
            });
        }
    }
    let mut entries = Vec::with_capacity(by_name.len());
    for (name, named_defs) in by_name {
        let elem_loc: &'a [Symbol] = ev.heap.path_push(loc, name);
        let span = named_defs[0].span;
        let thunk = if lazy {
            let named: &'a [Def<'a>] = ev.heap.bump.alloc_slice_copy(&named_defs);
            ev.heap.native(move |ev: &mut Evaluator<'a>| {
                let finals = match finalize(ev, named)? {
                    Finalized::Defs(f) => f,
                    Finalized::Unknown(u) => return Ok(u),
                };
                if finals.is_empty() {
                    // The element type's empty value, as nixpkgs'
                    // lazyAttrsOf gives for an entry that is only `mkIf false`.
                    if let Some(ty) = elem_ty
                        && let Some(empty) = empty_value(ev, ty)?
                    {
                        return Ok(empty);
                    }
                    return Err(undefined_option(elem_loc, span));
                }
                match elem_ty {
                    Some(ty) => merge_typed(ev, state, elem_loc, ty, &finals),
                    None => Ok(finals[0].value),
                }
            })
        } else {
            let finals = match finalize(ev, &named_defs)? {
                Finalized::Defs(f) => f,
                Finalized::Unknown(u) => vec![FinalDef {
                    value: u,
                    def: named_defs[0],
                    ordered: false,
                }],
            };
            if finals.is_empty() {
                continue;
            }
            let finals: &'a [FinalDef<'a>] = ev.heap.bump.alloc_slice_copy(&finals);
            match elem_ty {
                Some(ty) => ev.heap.native(move |ev: &mut Evaluator<'a>| {
                    if let [only] = finals
                        && only.value.is_unknown()
                    {
                        return Ok(only.value);
                    }
                    merge_typed(ev, state, elem_loc, ty, finals)
                }),
                None => ev.heap.ready(finals[0].value),
            }
        };
        entries.push(AttrEntry {
            name,
            value: thunk,
            span,
        });
    }
    let span = defs.first().map_or(Span::SYNTHETIC, |d| d.value.span);
    Ok(Value::new(V::Attrs(ev.heap.attrs_sorted(&entries)), span))
}

/// A submodule value: a nested `evalModules` over the type's modules and
/// the definitions.
fn merge_submodule<'a>(
    ev: &mut Evaluator<'a>,
    loc: &'a [Symbol],
    info: &TypeInfo<'a>,
    defs: &[FinalDef<'a>],
) -> EResult<Value<'a>> {
    let modules = match param(ev, info, crate::sym!("modules"))? {
        Some(m) => m,
        None => ev.list_from(Vec::new(), Span::SYNTHETIC),
    };
    let special_args = match param(ev, info, crate::sym!("specialArgs"))? {
        Some(s) => s,
        None => ev.attrs_from(Vec::new(), Span::SYNTHETIC),
    };
    let shorthand = param(ev, info, crate::sym!("shorthandOnlyDefinesConfig"))?
        .is_some_and(|b| matches!(b.kind, V::Bool(true)));
    let mut refs = Vec::new();
    match modules.kind {
        V::List(items) => {
            for t in items {
                refs.push(ModuleRef::new(t, Span::SYNTHETIC));
            }
        }
        V::Unknown(_) => return Ok(modules),
        _ => {}
    }
    // `_module.args.name` is the attribute name (or the option's name).
    let name = loc.last().map_or("‹name›", |s| s.as_str());
    let name_value = ev.string(name, Span::SYNTHETIC);
    let args = ev.attrs_from(vec![(crate::sym!("name"), name_value)], Span::SYNTHETIC);
    let module_attr = ev.attrs_from(vec![(crate::sym!("args"), args)], Span::SYNTHETIC);
    let name_module = ev.attrs_from(vec![(crate::sym!("_module"), module_attr)], Span::SYNTHETIC);
    refs.push(ModuleRef::new(ev.heap.ready(name_module), Span::SYNTHETIC));
    for d in defs {
        let config_only = shorthand && matches!(d.value.kind, V::Attrs(_));
        refs.push(ModuleRef {
            value: ev.heap.ready(d.value),
            span: d.def.span,
            via: d.def.span,
            config_only,
            file: Some(d.def.file),
        });
    }
    if defs.iter().any(|d| d.ordered) {
        // nixpkgs' sorting leaves a `priority` field on the definition and
        // the submodule merge does not accept it.
        return Err(EvalError::new(
            ErrorKind::BadArgument,
            "anonymous function at lib/types.nix called with unexpected argument 'priority' (mkOrder around a whole submodule definition)",
            defs[0].def.span,
        ));
    }
    let state = eval_modules(ev, &refs, special_args, loc, false)?;
    // A submodule declared in the repository's own namespace is fully
    // known: nixpkgs' "option does not exist" check applies.
    let external = loc
        .first()
        .is_some_and(|n| super::merge::is_external_namespace(n.as_str()));
    if !external {
        state.check_undeclared.set(true);
        super::merge::check_undeclared(ev, state)?;
    }
    let v = public_config(ev, state)?;
    let span = defs.last().map_or(v.span, |d| d.value.span);
    Ok(Value::new(v.kind, span))
}

fn merge_custom<'a>(
    ev: &mut Evaluator<'a>,
    loc: &'a [Symbol],
    info: &TypeInfo<'a>,
    defs: &[FinalDef<'a>],
) -> EResult<Value<'a>> {
    let attrs = info.ty.as_attrs().unwrap_or(&[]);
    let Some(merge) = lookup(attrs, crate::sym!("merge")) else {
        return merge_equal(ev, loc, defs);
    };
    let f = ev.force(merge.value)?;
    let loc_list: Vec<Value<'a>> = loc
        .iter()
        .map(|s| Value::new(V::Str(s.as_str()), Span::SYNTHETIC))
        .collect();
    let loc_value = ev.list_from(loc_list, Span::SYNTHETIC);
    let def_values: Vec<Value<'a>> = defs
        .iter()
        .map(|d| {
            let file = ev.string(d.def.file, Span::SYNTHETIC);
            ev.attrs_from(
                vec![(crate::sym!("file"), file), (crate::sym!("value"), d.value)],
                d.value.span,
            )
        })
        .collect();
    let defs_value = ev.list_from(def_values, Span::SYNTHETIC);
    let g = ev.call(f, loc_value, Span::SYNTHETIC)?;
    ev.call(g, defs_value, Span::SYNTHETIC)
}

/// `types.functionTo t`: a function merging the definitions' results.
fn function_to<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    info: &TypeInfo<'a>,
    defs: &[FinalDef<'a>],
) -> Value<'a> {
    let _ = (state, loc, info);
    // The merged function cannot be built without a closure type of our
    // own; a single definition is exact, several are unknown.
    if defs.len() == 1 {
        return defs[0].value;
    }
    ev.unknown(
        &format!("`{}` merges several functions", show_loc(loc)),
        defs[0].value.span,
    )
}

/// `types.anything`.
fn merge_anything<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    defs: &[FinalDef<'a>],
) -> EResult<Value<'a>> {
    if defs.iter().any(|d| d.value.is_unknown()) {
        return Ok(unknown_of(
            ev,
            defs.iter()
                .find(|d| d.value.is_unknown())
                .map_or(defs[0].value, |d| d.value),
            loc,
        ));
    }
    let first = defs[0].value.kind.type_of();
    if defs.iter().any(|d| d.value.kind.type_of() != first) {
        return Err(EvalError::new(
            ErrorKind::ConflictingDefinitions,
            format!(
                "The option `{}' has conflicting option types.",
                show_loc(loc)
            ),
            defs[1].def.span,
        ));
    }
    match first {
        "set" => {
            let any = lib_type(ev, "anything")?;
            let attrs_of = TypeInfo {
                kind: "attrsOf",
                params: ev.heap.attrs(vec![
                    AttrEntry {
                        name: crate::sym!("elemType"),
                        value: ev.heap.ready(any),
                        span: Span::SYNTHETIC,
                    },
                    AttrEntry {
                        name: crate::sym!("lazy"),
                        value: ev.heap.ready(Value::bool(false, Span::SYNTHETIC)),
                        span: Span::SYNTHETIC,
                    },
                ]),
                ty: any,
            };
            merge_attrs_of(ev, state, loc, &attrs_of, defs)
        }
        "lambda" if defs.len() > 1 => Ok(ev.unknown(
            &format!("`{}` merges several functions", show_loc(loc)),
            defs[0].value.span,
        )),
        _ => {
            if defs.len() == 1 {
                Ok(defs[0].value)
            } else {
                merge_equal(ev, loc, defs)
            }
        }
    }
}

/// Definitions of an option nobody declares: sets merge attribute by
/// attribute, lists concatenate, equal values agree; anything else is
/// unknown (its real type, and so its merge, is not known).
pub fn merge_undeclared<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    defs: &'a [Def<'a>],
) -> EResult<Value<'a>> {
    let finals = match finalize(ev, defs)? {
        Finalized::Defs(f) => f,
        Finalized::Unknown(u) => return Ok(u),
    };
    if finals.is_empty() {
        return Err(undefined_option(
            loc,
            defs.first().map_or(Span::SYNTHETIC, |d| d.span),
        ));
    }
    structural(ev, state, loc, &finals)
}

fn structural<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    defs: &[FinalDef<'a>],
) -> EResult<Value<'a>> {
    if defs.len() == 1 && !matches!(defs[0].value.kind, V::Attrs(_)) {
        return Ok(defs[0].value);
    }
    if let Some(u) = defs.iter().find(|d| d.value.is_unknown()) {
        return Ok(u.value);
    }
    let all_attrs = defs.iter().all(|d| matches!(d.value.kind, V::Attrs(_)));
    if all_attrs {
        // Property wrappers inside are discharged per attribute.
        let mut by_name: std::collections::BTreeMap<Symbol, Vec<Def<'a>>> =
            std::collections::BTreeMap::new();
        for d in defs {
            if let V::Attrs(attrs) = d.value.kind {
                for e in attrs {
                    by_name.entry(e.name).or_default().push(Def {
                        value: e.value,
                        file: d.def.file,
                        span: e.span,
                        via: d.def.via,
                    });
                }
            }
        }
        let mut entries = Vec::with_capacity(by_name.len());
        for (name, named) in by_name {
            let child_loc: &'a [Symbol] = ev.heap.path_push(loc, name);
            let span = named[0].span;
            let named: &'a [Def<'a>] = ev.heap.bump.alloc_slice_copy(&named);
            let thunk = ev.heap.native(move |ev: &mut Evaluator<'a>| {
                merge_undeclared(ev, state, child_loc, named)
            });
            entries.push(AttrEntry {
                name,
                value: thunk,
                span,
            });
        }
        return Ok(Value::new(
            V::Attrs(ev.heap.attrs_sorted(&entries)),
            defs[0].value.span,
        ));
    }
    if defs.iter().all(|d| matches!(d.value.kind, V::List(_))) {
        let mut items = Vec::new();
        for d in defs {
            if let V::List(l) = d.value.kind {
                items.extend_from_slice(l);
            }
        }
        return Ok(Value::new(
            V::List(ev.heap.list(&items)),
            defs[0].value.span,
        ));
    }
    let first = defs[0].value;
    for d in &defs[1..] {
        if ev.equal(first, d.value)? != Some(true) {
            return Ok(ev.unknown(
                &format!(
                    "`{}` has several different definitions and pocketlint does not know its type",
                    show_loc(loc)
                ),
                d.def.span,
            ));
        }
    }
    Ok(first)
}

/// Two declarations of one option: submodule types gather their modules
/// (also inside `attrsOf`, `listOf` and `nullOr`); otherwise the first wins.
pub fn merge_types<'a>(ev: &mut Evaluator<'a>, a: Value<'a>, b: Value<'a>) -> EResult<Value<'a>> {
    let ia = type_info(ev, a)?;
    let ib = type_info(ev, b)?;
    if ia.kind != ib.kind {
        return Ok(a);
    }
    match ia.kind {
        "enum" => {
            let (Some(va), Some(vb)) = (
                param(ev, &ia, crate::sym!("values"))?,
                param(ev, &ib, crate::sym!("values"))?,
            ) else {
                return Ok(a);
            };
            let (V::List(la), V::List(lb)) = (va.kind, vb.kind) else {
                return Ok(a);
            };
            let mut values: Vec<Value<'a>> = Vec::new();
            for t in la.iter().chain(lb.iter()) {
                let v = ev.force(t)?;
                let mut dup = false;
                for x in &values {
                    if ev.equal(*x, v)? == Some(true) {
                        dup = true;
                        break;
                    }
                }
                if !dup {
                    values.push(v);
                }
            }
            let list = ev.list_from(values, Span::SYNTHETIC);
            let pl: Vec<AttrEntry<'a>> = ia
                .params
                .iter()
                .map(|e| {
                    if e.name == crate::sym!("values") {
                        AttrEntry {
                            value: ev.heap.ready(list),
                            ..*e
                        }
                    } else {
                        *e
                    }
                })
                .collect();
            let pl = Value::new(V::Attrs(ev.heap.attrs_sorted(&pl)), Span::SYNTHETIC);
            let patch = ev.attrs_from(vec![(crate::sym!("__pl"), pl)], Span::SYNTHETIC);
            ev.update(a, patch, a.span)
        }
        "submodule" => {
            let ma = param(ev, &ia, crate::sym!("modules"))?;
            let mb = param(ev, &ib, crate::sym!("modules"))?;
            let (Some(ma), Some(mb)) = (ma, mb) else {
                return Ok(a);
            };
            let modules = ev.concat_lists(ma, mb, Span::SYNTHETIC)?;
            let mut pl: Vec<AttrEntry<'a>> = ia.params.to_vec();
            for e in &mut pl {
                if e.name == crate::sym!("modules") {
                    e.value = ev.heap.ready(modules);
                }
            }
            let pl = Value::new(V::Attrs(ev.heap.attrs_sorted(&pl)), Span::SYNTHETIC);
            let patch = ev.attrs_from(
                vec![
                    (crate::sym!("__pl"), pl),
                    (crate::sym!("getSubModules"), modules),
                ],
                Span::SYNTHETIC,
            );
            ev.update(a, patch, a.span)
        }
        "attrsOf" | "listOf" | "nullOr" | "uniq" => {
            let (Some(ea), Some(eb)) = (
                param(ev, &ia, crate::sym!("elemType"))?,
                param(ev, &ib, crate::sym!("elemType"))?,
            ) else {
                return Ok(a);
            };
            let merged = merge_types(ev, ea, eb)?;
            let mut pl: Vec<AttrEntry<'a>> = ia.params.to_vec();
            for e in &mut pl {
                if e.name == crate::sym!("elemType") {
                    e.value = ev.heap.ready(merged);
                }
            }
            let pl = Value::new(V::Attrs(ev.heap.attrs_sorted(&pl)), Span::SYNTHETIC);
            let patch = ev.attrs_from(vec![(crate::sym!("__pl"), pl)], Span::SYNTHETIC);
            ev.update(a, patch, a.span)
        }
        _ => Ok(a),
    }
}
