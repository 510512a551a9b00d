//! Attribute-set builtins.

use crate::files::Span;
use crate::symbol::Symbol;

use super::super::Evaluator;
use super::super::error::{EResult, ErrorKind, EvalError};
use super::super::value::{AttrEntry, Thunk, V, Value, lookup};
use super::known;

pub fn attr_names<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let attrs = known!(ev.want_attrs(args[0], span)?);
    let items: Vec<Thunk<'a>> = attrs
        .iter()
        .map(|e| ev.heap.ready(Value::new(V::Str(e.name.as_str()), e.span)))
        .collect();
    Ok(Value::new(V::List(ev.heap.list(&items)), span))
}

pub fn attr_values<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let attrs = known!(ev.want_attrs(args[0], span)?);
    let items: Vec<Thunk<'a>> = attrs.iter().map(|e| e.value).collect();
    Ok(Value::new(V::List(ev.heap.list(&items)), span))
}

pub fn cat_attrs<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let name = Symbol::intern(known!(ev.want_string(args[0], span)?));
    let list = known!(ev.want_list(args[1], span)?);
    let mut out = Vec::new();
    for t in list {
        let attrs = known!(ev.want_attrs(t, span)?);
        if let Some(e) = lookup(attrs, name) {
            out.push(e.value);
        }
    }
    Ok(Value::new(V::List(ev.heap.list(&out)), span))
}

pub fn get_attr<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let name = Symbol::intern(known!(ev.want_string(args[0], span)?));
    let attrs = known!(ev.want_attrs(args[1], span)?);
    match lookup(attrs, name) {
        Some(e) => ev.force(e.value),
        None if let Some(u) = ev.missing_from_open(attrs, name, span, false) => Ok(u),
        None => Err(EvalError::new(
            ErrorKind::MissingAttribute,
            format!("attribute '{name}' missing for call to 'getAttr'"),
            span,
        )),
    }
}

pub fn has_attr<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let name = Symbol::intern(known!(ev.want_string(args[0], span)?));
    let attrs = known!(ev.want_attrs(args[1], span)?);
    if lookup(attrs, name).is_none() && ev.is_open(attrs) {
        // As `?` answers: modules pocketlint does not see may define it.
        return Ok(ev.unknown(
            &format!("whether the set has `{name}` depends on modules pocketlint does not see"),
            span,
        ));
    }
    Ok(Value::bool(lookup(attrs, name).is_some(), span))
}

pub fn intersect_attrs<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let a = known!(ev.want_attrs(args[0], span)?);
    let b = known!(ev.want_attrs(args[1], span)?);
    let out: Vec<AttrEntry<'a>> = b
        .iter()
        .filter(|e| lookup(a, e.name).is_some())
        .copied()
        .collect();
    Ok(Value::new(V::Attrs(ev.heap.attrs_sorted(&out)), span))
}

pub fn list_to_attrs<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let list = known!(ev.want_list(args[0], span)?);
    let mut out: Vec<AttrEntry<'a>> = Vec::with_capacity(list.len());
    let mut seen = std::collections::HashSet::new();
    for t in list {
        let item = known!(ev.want_attrs(t, span)?);
        let Some(name_entry) = lookup(item, crate::sym!("name")) else {
            return Err(EvalError::new(
                ErrorKind::MissingAttribute,
                "attribute 'name' missing for call to 'listToAttrs'",
                span,
            ));
        };
        let name_v = ev.force(name_entry.value)?;
        let name = match name_v.kind {
            V::Str(s) => Symbol::intern(s),
            V::Unknown(_) => {
                return Ok(ev.unknown("`listToAttrs` got an unknown attribute name", span));
            }
            _ => {
                return super::super::error::type_error(
                    format!(
                        "value is {} while a string was expected",
                        name_v.type_name()
                    ),
                    super::pick(name_v.span, span),
                );
            }
        };
        let Some(value_entry) = lookup(item, crate::sym!("value")) else {
            return Err(EvalError::new(
                ErrorKind::MissingAttribute,
                "attribute 'value' missing for call to 'listToAttrs'",
                span,
            ));
        };
        // The first definition of a name wins.
        if seen.insert(name) {
            out.push(AttrEntry {
                name,
                value: value_entry.value,
                span: value_entry.span,
            });
        }
    }
    Ok(Value::new(V::Attrs(ev.heap.attrs(out)), span))
}

pub fn map_attrs<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let attrs = known!(ev.want_attrs(args[1], span)?);
    let out: Vec<AttrEntry<'a>> = attrs
        .iter()
        .map(|e| {
            let name = ev.heap.ready(Value::new(V::Str(e.name.as_str()), e.span));
            AttrEntry {
                name: e.name,
                value: ev.lazy_apply2(f, name, e.value, span),
                span: e.span,
            }
        })
        .collect();
    Ok(Value::new(V::Attrs(ev.heap.attrs_sorted(&out)), span))
}

pub fn remove_attrs<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let attrs = known!(ev.want_attrs(args[0], span)?);
    let names = known!(ev.want_list(args[1], span)?);
    let mut remove = Vec::with_capacity(names.len());
    for t in names {
        remove.push(Symbol::intern(known!(ev.want_string(t, span)?)));
    }
    let out: Vec<AttrEntry<'a>> = attrs
        .iter()
        .filter(|e| !remove.contains(&e.name))
        .copied()
        .collect();
    Ok(Value::new(V::Attrs(ev.heap.attrs_sorted(&out)), span))
}

pub fn unsafe_get_attr_pos<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let name = Symbol::intern(known!(ev.want_string(args[0], span)?));
    let attrs = known!(ev.want_attrs(args[1], span)?);
    let Some(e) = lookup(attrs, name) else {
        return Ok(Value::null(span));
    };
    let Some(file) = ev.ctx.db.get(e.span.file) else {
        return Ok(Value::null(span));
    };
    let lc = file.line_col(e.span.start);
    let path = file.path.to_string_lossy().into_owned();
    let pairs = vec![
        (crate::sym!("file"), ev.string(&path, span)),
        (crate::sym!("line"), Value::int(i64::from(lc.line), span)),
        (
            crate::sym!("column"),
            Value::int(i64::from(lc.column), span),
        ),
    ];
    Ok(ev.attrs_from(pairs, span))
}

pub fn zip_attrs_with<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let list = known!(ev.want_list(args[1], span)?);
    let mut groups: std::collections::BTreeMap<Symbol, (Vec<Thunk<'a>>, Span)> =
        std::collections::BTreeMap::new();
    for t in list {
        let attrs = known!(ev.want_attrs(t, span)?);
        for e in attrs {
            groups
                .entry(e.name)
                .or_insert_with(|| (Vec::new(), e.span))
                .0
                .push(e.value);
        }
    }
    let out: Vec<AttrEntry<'a>> = groups
        .into_iter()
        .map(|(name, (values, espan))| {
            let name_t = ev.heap.ready(Value::new(V::Str(name.as_str()), espan));
            let list_t = ev
                .heap
                .ready(Value::new(V::List(ev.heap.list(&values)), span));
            AttrEntry {
                name,
                value: ev.lazy_apply2(f, name_t, list_t, span),
                span: espan,
            }
        })
        .collect();
    Ok(Value::new(V::Attrs(ev.heap.attrs(out)), span))
}
