//! The `options` module argument: the declarations, each with its merged
//! `value` (read lazily from the configuration).

use crate::files::Span;
use crate::symbol::Symbol;

use super::super::Evaluator;
use super::super::error::EResult;
use super::super::value::{AttrEntry, V, Value, lookup};
use super::{DeclNode, EvalState};

pub fn root_options<'a>(ev: &mut Evaluator<'a>, state: &'a EvalState<'a>) -> EResult<Value<'a>> {
    let decls = super::merge::decl_tree(ev, state)?;
    Ok(node_value(ev, state, decls, &[]))
}

fn node_value<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    node: DeclNode<'a>,
    path: &[Symbol],
) -> Value<'a> {
    match node {
        DeclNode::Namespace(children) => {
            let mut entries = Vec::with_capacity(children.len());
            for (name, child) in children {
                let child = *child;
                let child_path: &'a [Symbol] = ev.heap.path_push(path, *name);
                let thunk = ev.heap.native(move |ev: &mut Evaluator<'a>| {
                    Ok(node_value(ev, state, child, child_path))
                });
                entries.push(AttrEntry {
                    name: *name,
                    value: thunk,
                    span: Span::SYNTHETIC,
                });
            }
            Value::new(V::Attrs(ev.heap.attrs_sorted(&entries)), Span::SYNTHETIC)
        }
        DeclNode::Option(opt) => {
            let path: &'a [Symbol] = ev.heap.bump.alloc_slice_copy(path);
            // Declarations are shared between instances of a submodule;
            // the full location is this instance's prefix and the path.
            let full: Vec<Symbol> = state.prefix.iter().chain(path).copied().collect();
            let full: &'a [Symbol] = ev.heap.bump.alloc_slice_copy(&full);
            let value = ev.heap.native(move |ev: &mut Evaluator<'a>| {
                let mut cur = ev.force(state.config_thunk())?;
                for p in path {
                    match cur.as_attrs().and_then(|a| lookup(a, *p)) {
                        Some(e) => cur = ev.force(e.value)?,
                        None => return Err(super::merge::undefined_option(full, opt.span)),
                    }
                }
                Ok(cur)
            });
            let is_defined = ev.heap.native(move |ev: &mut Evaluator<'a>| {
                let cur = ev.force(value);
                Ok(Value::bool(cur.is_ok(), Span::SYNTHETIC))
            });
            let loc: Vec<Value<'a>> = full
                .iter()
                .map(|s| Value::new(V::Str(s.as_str()), Span::SYNTHETIC))
                .collect();
            let loc = ev.list_from(loc, Span::SYNTHETIC);
            let extra = vec![
                AttrEntry {
                    name: crate::sym!("value"),
                    value,
                    span: opt.span,
                },
                AttrEntry {
                    name: crate::sym!("isDefined"),
                    value: is_defined,
                    span: opt.span,
                },
                AttrEntry {
                    name: crate::sym!("loc"),
                    value: ev.heap.ready(loc),
                    span: opt.span,
                },
            ];
            let extra = Value::new(V::Attrs(ev.heap.attrs(extra)), opt.span);
            match ev.update(opt.raw, extra, opt.span) {
                Ok(v) => v,
                Err(_) => opt.raw,
            }
        }
    }
}
