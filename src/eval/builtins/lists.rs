//! List builtins.

use crate::files::Span;
use crate::symbol::Symbol;

use super::super::Evaluator;
use super::super::error::{EResult, ErrorKind, EvalError};
use super::super::value::{AttrEntry, Thunk, V, Value, lookup};
use super::known;

fn out_of_bounds(i: i64, span: Span) -> Box<EvalError> {
    EvalError::new(
        ErrorKind::IndexOutOfBounds,
        format!("list index {i} is out of bounds"),
        span,
    )
}

fn list_value<'a>(ev: &Evaluator<'a>, items: &[Thunk<'a>], span: Span) -> Value<'a> {
    Value::new(V::List(ev.heap.list(items)), span)
}

/// Calls a predicate and insists on a Boolean.
fn predicate<'a>(
    ev: &mut Evaluator<'a>,
    f: Value<'a>,
    x: Thunk<'a>,
    span: Span,
) -> EResult<Result<bool, Value<'a>>> {
    let r = ev.apply(f, x, span)?;
    ev.want_bool(r, span)
}

pub fn all<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let list = known!(ev.want_list(args[1], span)?);
    for t in list {
        if !known!(predicate(ev, f, t, span)?) {
            return Ok(Value::bool(false, span));
        }
    }
    Ok(Value::bool(true, span))
}

pub fn any<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let list = known!(ev.want_list(args[1], span)?);
    for t in list {
        if known!(predicate(ev, f, t, span)?) {
            return Ok(Value::bool(true, span));
        }
    }
    Ok(Value::bool(false, span))
}

pub fn filter<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let list = known!(ev.want_list(args[1], span)?);
    let mut out = Vec::with_capacity(list.len());
    for t in list {
        if known!(predicate(ev, f, t, span)?) {
            out.push(*t);
        }
    }
    Ok(list_value(ev, &out, span))
}

pub fn partition<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let list = known!(ev.want_list(args[1], span)?);
    let (mut right, mut wrong) = (Vec::new(), Vec::new());
    for t in list {
        if known!(predicate(ev, f, t, span)?) {
            right.push(*t);
        } else {
            wrong.push(*t);
        }
    }
    let pairs = vec![
        (crate::sym!("right"), list_value(ev, &right, span)),
        (crate::sym!("wrong"), list_value(ev, &wrong, span)),
    ];
    Ok(ev.attrs_from(pairs, span))
}

pub fn concat_lists<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let list = known!(ev.want_list(args[0], span)?);
    let mut out = Vec::new();
    for t in list {
        out.extend_from_slice(known!(ev.want_list(t, span)?));
    }
    Ok(list_value(ev, &out, span))
}

pub fn concat_map<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let list = known!(ev.want_list(args[1], span)?);
    let mut out = Vec::new();
    for t in list {
        let r = ev.apply(f, t, span)?;
        match r.kind {
            V::List(items) => out.extend_from_slice(items),
            V::Unknown(_) => return Ok(r),
            _ => {
                return super::super::error::type_error(
                    format!("value is {} while a list was expected", r.type_name()),
                    super::pick(r.span, span),
                );
            }
        }
    }
    Ok(list_value(ev, &out, span))
}

pub fn elem<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let x = ev.force(args[0])?;
    let list = known!(ev.want_list(args[1], span)?);
    let mut unknown = false;
    for t in list {
        if std::ptr::eq(*t, args[0]) {
            return Ok(Value::bool(true, span));
        }
        let v = ev.force(t)?;
        match ev.equal(x, v)? {
            Some(true) => return Ok(Value::bool(true, span)),
            Some(false) => {}
            None => unknown = true,
        }
    }
    if unknown {
        return Ok(ev.unknown(crate::eval::ops::UNDECIDED_EQUALITY, span));
    }
    Ok(Value::bool(false, span))
}

pub fn elem_at<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let list = known!(ev.want_list(args[0], span)?);
    let i = known!(ev.want_int(args[1], span)?);
    match usize::try_from(i).ok().and_then(|u| list.get(u)) {
        Some(t) => ev.force(t),
        None => Err(out_of_bounds(i, span)),
    }
}

pub fn head<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let list = known!(ev.want_list(args[0], span)?);
    match list.first() {
        Some(t) => ev.force(t),
        None => Err(out_of_bounds(0, span)),
    }
}

pub fn tail<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let list = known!(ev.want_list(args[0], span)?);
    if list.is_empty() {
        return Err(EvalError::new(
            ErrorKind::IndexOutOfBounds,
            "'tail' called on an empty list",
            span,
        ));
    }
    Ok(Value::new(V::List(&list[1..]), span))
}

pub fn length<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let list = known!(ev.want_list(args[0], span)?);
    Ok(Value::int(
        i64::try_from(list.len()).unwrap_or(i64::MAX),
        span,
    ))
}

pub fn map<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let list = known!(ev.want_list(args[1], span)?);
    let out: Vec<Thunk<'a>> = list.iter().map(|t| ev.lazy_apply(f, t, span)).collect();
    Ok(list_value(ev, &out, span))
}

pub fn gen_list<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let n = known!(ev.want_int(args[1], span)?);
    if n < 0 {
        return Err(EvalError::new(
            ErrorKind::Other,
            format!("cannot create list of size {n}"),
            span,
        ));
    }
    let mut out = Vec::with_capacity(usize::try_from(n).unwrap_or(0).min(1 << 20));
    for i in 0..n {
        ev.tick(span)?;
        let idx = ev.heap.ready(Value::int(i, span));
        out.push(ev.lazy_apply(f, idx, span));
    }
    Ok(list_value(ev, &out, span))
}

pub fn foldl<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let list = known!(ev.want_list(args[2], span)?);
    let mut acc = args[1];
    if list.is_empty() {
        return ev.force(acc);
    }
    let mut last = Value::null(span);
    for t in list {
        let g = ev.apply(f, acc, span)?;
        last = ev.apply(g, t, span)?;
        acc = ev.heap.ready(last);
    }
    Ok(last)
}

pub fn group_by<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let list = known!(ev.want_list(args[1], span)?);
    let mut groups: std::collections::BTreeMap<Symbol, Vec<Thunk<'a>>> =
        std::collections::BTreeMap::new();
    for t in list {
        let k = ev.apply(f, t, span)?;
        let name = match ev.expect_string(k, span)? {
            Some(s) => Symbol::intern(s),
            None => return Ok(ev.unknown("`groupBy` got an unknown group name", span)),
        };
        groups.entry(name).or_default().push(*t);
    }
    let entries: Vec<AttrEntry<'a>> = groups
        .into_iter()
        .map(|(name, items)| AttrEntry {
            name,
            value: ev.heap.ready(list_value(ev, &items, span)),
            span,
        })
        .collect();
    Ok(Value::new(V::Attrs(ev.heap.attrs(entries)), span))
}

/// Nix uses a stable merge sort with the user's "less than".
pub fn sort<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    let list = known!(ev.want_list(args[1], span)?);
    let mut items: Vec<Thunk<'a>> = list.to_vec();
    for t in &items {
        ev.force(t)?;
    }
    let mut unknown = None;
    let mut lt = |ev: &mut Evaluator<'a>, a: Thunk<'a>, b: Thunk<'a>| -> EResult<bool> {
        let r = ev.apply(f, a, span)?;
        let r = ev.apply(r, b, span)?;
        match r.kind {
            V::Bool(x) => Ok(x),
            V::Unknown(_) => {
                unknown = Some(r);
                Ok(false)
            }
            _ => super::super::error::type_error(
                format!("value is {} while a Boolean was expected", r.type_name()),
                super::pick(r.span, span),
            ),
        }
    };
    merge_sort(ev, &mut items, &mut lt)?;
    if let Some(u) = unknown {
        return Ok(u);
    }
    Ok(list_value(ev, &items, span))
}

type LessThan<'x, 'a> = dyn FnMut(&mut Evaluator<'a>, Thunk<'a>, Thunk<'a>) -> EResult<bool> + 'x;

fn merge_sort<'a>(
    ev: &mut Evaluator<'a>,
    items: &mut Vec<Thunk<'a>>,
    lt: &mut LessThan<'_, 'a>,
) -> EResult<()> {
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    // Insertion sort on small runs, then bottom-up merges: stable, and it
    // only asks "is b before a?".
    const RUN: usize = 7;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && lt(ev, items[j], items[j - 1])? {
                items.swap(j, j - 1);
                j -= 1;
            }
        }
        start = end;
    }
    let mut width = RUN;
    let mut buf = Vec::with_capacity(n);
    while width < n {
        buf.clear();
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            while i < mid && j < hi {
                if lt(ev, items[j], items[i])? {
                    buf.push(items[j]);
                    j += 1;
                } else {
                    buf.push(items[i]);
                    i += 1;
                }
            }
            buf.extend_from_slice(&items[i..mid]);
            buf.extend_from_slice(&items[j..hi]);
            lo = hi;
        }
        std::mem::swap(items, &mut buf);
        width *= 2;
    }
    Ok(())
}

pub fn generic_closure<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let params = known!(ev.want_attrs(args[0], span)?);
    let start_sym = crate::sym!("startSet");
    let op_sym = crate::sym!("operator");
    let key_sym = crate::sym!("key");
    let Some(start) = lookup(params, start_sym) else {
        return Err(EvalError::new(
            ErrorKind::MissingAttribute,
            "attribute 'startSet' missing for call to 'genericClosure'",
            span,
        ));
    };
    let Some(op) = lookup(params, op_sym) else {
        return Err(EvalError::new(
            ErrorKind::MissingAttribute,
            "attribute 'operator' missing for call to 'genericClosure'",
            span,
        ));
    };
    let op = ev.force(op.value)?;
    let mut queue: std::collections::VecDeque<Thunk<'a>> = known!(ev.want_list(start.value, span)?)
        .iter()
        .copied()
        .collect();
    let mut keys: Vec<Value<'a>> = Vec::new();
    let mut out = Vec::new();
    while let Some(t) = queue.pop_front() {
        ev.tick(span)?;
        let item = known!(ev.want_attrs(t, span)?);
        let Some(key) = lookup(item, key_sym) else {
            return Err(EvalError::new(
                ErrorKind::MissingAttribute,
                "attribute 'key' required",
                span,
            ));
        };
        let key = ev.force(key.value)?;
        let mut seen = false;
        for k in &keys {
            // Nix keeps keys in an ordered set: keys must be comparable.
            if ev.less_than(*k, key, span)?.is_none() {
                return Ok(ev.unknown("`genericClosure` compared an unknown key", span));
            }
            if ev.equal(*k, key)? == Some(true) {
                seen = true;
                break;
            }
        }
        if seen {
            continue;
        }
        keys.push(key);
        out.push(t);
        let next = ev.apply(op, t, span)?;
        match next.kind {
            V::List(items) => queue.extend(items.iter().copied()),
            V::Unknown(_) => return Ok(next),
            _ => {
                return super::super::error::type_error(
                    format!("value is {} while a list was expected", next.type_name()),
                    span,
                );
            }
        }
    }
    Ok(list_value(ev, &out, span))
}
