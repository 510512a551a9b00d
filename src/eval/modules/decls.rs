//! The tree of option declarations, merged as nixpkgs' `mergeOptionDecls`
//! does: several declarations of one option combine their types, a
//! submodule type's modules are wrapped as imports of the declaring file
//! (which moves them one level down the module collection), and plain
//! options declared underneath a submodule option become one more module
//! of it.

use std::collections::BTreeMap;

use crate::files::Span;
use crate::symbol::Symbol;

use super::super::Evaluator;
use super::super::error::{EResult, ErrorKind, EvalError, type_error};
use super::super::value::{V, Value, lookup};
use super::merge::{prop_type, show_loc};
use super::{DeclNode, EvalState, OptionDecl};

const FALLBACK_KEY: &str = "__pocketlint__/nixos-fallbacks";

#[derive(Default)]
struct Node<'a> {
    options: Vec<Decl<'a>>,
    /// Plain (non-option) declaration sets at this path, per module.
    trees: Vec<(Value<'a>, &'a str)>,
    children: BTreeMap<Symbol, Node<'a>>,
}

#[derive(Clone, Copy)]
struct Decl<'a> {
    raw: Value<'a>,
    file: &'a str,
    span: Span,
}

/// The declarations of all modules of an evaluation, built once.
pub fn decl_tree<'a>(ev: &mut Evaluator<'a>, state: &'a EvalState<'a>) -> EResult<DeclNode<'a>> {
    if let Some(d) = state.decls.get() {
        return Ok(*d);
    }
    let key = shared_key(ev, state);
    if let Some(node) = key.as_ref().and_then(|k| ev.ext.decl_trees.get(k)) {
        let node = *node;
        let _ = state.decls.set(node);
        return Ok(node);
    }
    let mut root = Node::default();
    let mut fallbacks = Vec::new();
    // Declarations are taken in module order (the order definitions merge in).
    for m in state.modules() {
        if m.key == FALLBACK_KEY {
            fallbacks.push(*m);
            continue;
        }
        let options = ev.force(m.options)?;
        add(ev, &mut root, options, m.file, m.span, false)?;
    }
    // nixpkgs-like declarations only where the repository declares nothing.
    for m in fallbacks {
        let options = ev.force(m.options)?;
        add(ev, &mut root, options, m.file, m.span, true)?;
    }
    let mut loc = state.prefix.to_vec();
    let node = freeze(ev, root, &mut loc)?;
    let _ = state.decls.set(node);
    if let Some(k) = key {
        ev.ext.decl_trees.insert(k, node);
    }
    Ok(node)
}

/// What a declaration tree is built from: each module's file, place and
/// (evaluated) `options` set, in order. Instances of one plain submodule
/// type (`submodule { options = …; }`) declare through the very same
/// `options` values (only their definitions differ), so they share one
/// tree instead of building it again for every attribute of an
/// `attrsOf (submodule ...)`. A module written as a function
/// (`{ name, ... }: …`) gives every instance sets of its own, so those
/// never share. `None` when some
/// module's options do not evaluate to a set: the tree is then built (and
/// any error reported) as usual.
fn shared_key<'a>(ev: &mut Evaluator<'a>, state: &'a EvalState<'a>) -> Option<DeclKey<'a>> {
    let mut key = Vec::new();
    for m in state.modules() {
        let options = ev.force(m.options).ok()?;
        if options.is_unknown() {
            continue;
        }
        let attrs = options.as_attrs()?;
        // A module without declarations (a definition) adds nothing.
        if attrs.is_empty() {
            continue;
        }
        key.push(DeclSource {
            options: attrs.as_ptr() as usize,
            len: attrs.len(),
            file: m.file,
            span: m.span,
            fallback: m.key == FALLBACK_KEY,
        });
    }
    Some(key)
}

/// See [`shared_key`].
pub type DeclKey<'a> = Vec<DeclSource<'a>>;

#[derive(PartialEq, Eq, Hash)]
pub struct DeclSource<'a> {
    /// The address of the module's `options` attribute slice: values in the
    /// evaluation's arena never move or get freed, so equal addresses are
    /// the same declarations.
    options: usize,
    len: usize,
    file: &'a str,
    span: Span,
    fallback: bool,
}

fn is_option<'a>(ev: &mut Evaluator<'a>, v: Value<'a>) -> EResult<bool> {
    Ok(prop_type(ev, v)? == Some("option"))
}

fn add<'a>(
    ev: &mut Evaluator<'a>,
    node: &mut Node<'a>,
    v: Value<'a>,
    file: &'a str,
    span: Span,
    fallback: bool,
) -> EResult<()> {
    if v.is_unknown() {
        return Ok(());
    }
    if is_option(ev, v)? {
        if !(fallback && (!node.options.is_empty() || !node.children.is_empty())) {
            node.options.push(Decl { raw: v, file, span });
        }
        return Ok(());
    }
    let Some(attrs) = v.as_attrs() else {
        return type_error(
            format!(
                "an option declaration is {}, not an option or a set of options",
                v.type_name()
            ),
            if v.span.is_synthetic() { span } else { v.span },
        );
    };
    if fallback && !node.options.is_empty() {
        return Ok(());
    }
    if !fallback {
        node.trees.push((v, file));
    }
    for e in attrs {
        let child = ev.force(e.value)?;
        let entry = node.children.entry(e.name).or_default();
        add(ev, entry, child, file, e.span, fallback)?;
    }
    Ok(())
}

fn freeze<'a>(
    ev: &mut Evaluator<'a>,
    node: Node<'a>,
    loc: &mut Vec<Symbol>,
) -> EResult<DeclNode<'a>> {
    if node.options.is_empty() {
        let mut frozen = Vec::with_capacity(node.children.len());
        for (name, child) in node.children {
            loc.push(name);
            let f = freeze(ev, child, loc);
            loc.pop();
            frozen.push((name, f?));
        }
        return Ok(DeclNode::Namespace(ev.heap.bump.alloc_slice_copy(&frozen)));
    }
    let trees = if node.children.is_empty() {
        Vec::new()
    } else {
        // Options declared underneath an option: only a plain submodule can
        // take them (as one more of its modules).
        for d in &node.options {
            if type_kind(ev, d.raw)? != Some("submodule") {
                return Err(EvalError::new(
                    ErrorKind::ModuleError,
                    format!(
                        "The option `{}' in module `{}' would be a parent of other options, but its type does not support nested options.",
                        show_loc(loc),
                        d.file
                    ),
                    d.span,
                ));
            }
        }
        node.trees
    };
    let decl = merge_decls(ev, loc, &node.options, &trees)?;
    Ok(DeclNode::Option(ev.heap.bump.alloc(decl)))
}

fn attr<'a>(ev: &mut Evaluator<'a>, v: Value<'a>, name: Symbol) -> EResult<Option<Value<'a>>> {
    match v.as_attrs().and_then(|a| lookup(a, name)) {
        Some(e) => Ok(Some(ev.force(e.value)?)),
        None => Ok(None),
    }
}

fn has_attr(v: Value<'_>, name: Symbol) -> bool {
    v.as_attrs().is_some_and(|a| lookup(a, name).is_some())
}

/// The `__pl.kind` of an option's type.
fn type_kind<'a>(ev: &mut Evaluator<'a>, option: Value<'a>) -> EResult<Option<&'a str>> {
    let Some(ty) = attr(ev, option, crate::sym!("type"))? else {
        return Ok(None);
    };
    kind_of(ev, ty)
}

fn kind_of<'a>(ev: &mut Evaluator<'a>, ty: Value<'a>) -> EResult<Option<&'a str>> {
    let Some(pl) = attr(ev, ty, crate::sym!("__pl"))? else {
        return Ok(None);
    };
    Ok(attr(ev, pl, crate::sym!("kind"))?.and_then(|k| k.as_str()))
}

/// The submodule modules of a type (looking through `attrsOf`, `listOf`,
/// `nullOr`, ...), as `getSubModules` does.
fn sub_modules<'a>(ev: &mut Evaluator<'a>, ty: Value<'a>) -> EResult<Option<Value<'a>>> {
    let Some(pl) = attr(ev, ty, crate::sym!("__pl"))? else {
        return Ok(None);
    };
    match attr(ev, pl, crate::sym!("kind"))?.and_then(|k| k.as_str()) {
        Some("submodule") => attr(ev, pl, crate::sym!("modules")),
        Some("listOf" | "attrsOf" | "nullOr" | "uniq" | "functionTo") => {
            match attr(ev, pl, crate::sym!("elemType"))? {
                Some(inner) => sub_modules(ev, inner),
                None => Ok(None),
            }
        }
        _ => Ok(None),
    }
}

/// The type with its submodule modules replaced (`substSubModules`).
fn substitute<'a>(ev: &mut Evaluator<'a>, ty: Value<'a>, modules: Value<'a>) -> EResult<Value<'a>> {
    let Some(pl) = attr(ev, ty, crate::sym!("__pl"))? else {
        return Ok(ty);
    };
    let kind = attr(ev, pl, crate::sym!("kind"))?.and_then(|k| k.as_str());
    let field = match kind {
        Some("submodule") => "modules",
        Some("listOf" | "attrsOf" | "nullOr" | "uniq" | "functionTo") => "elemType",
        _ => return Ok(ty),
    };
    let new_value = if field == "modules" {
        modules
    } else {
        let Some(inner) = attr(ev, pl, crate::sym!("elemType"))? else {
            return Ok(ty);
        };
        substitute(ev, inner, modules)?
    };
    let patch = ev.attrs_from(vec![(Symbol::intern(field), new_value)], Span::SYNTHETIC);
    let pl = ev.update(pl, patch, pl.span)?;
    let mut outer = vec![(crate::sym!("__pl"), pl)];
    if field == "modules" {
        outer.push((crate::sym!("getSubModules"), modules));
    } else {
        let nested = ev.attrs_from(vec![(crate::sym!("elemType"), new_value)], Span::SYNTHETIC);
        outer.push((crate::sym!("nestedTypes"), nested));
    }
    let patch = ev.attrs_from(outer, Span::SYNTHETIC);
    ev.update(ty, patch, ty.span)
}

/// `{ _file = file; imports = [ m ]; }`: nixpkgs' `setDefaultModuleLocation`.
fn located<'a>(ev: &mut Evaluator<'a>, file: &'a str, m: Value<'a>) -> Value<'a> {
    let f = ev.string(file, Span::SYNTHETIC);
    let imports = ev.list_from(vec![m], Span::SYNTHETIC);
    ev.attrs_from(
        vec![(crate::sym!("_file"), f), (crate::sym!("imports"), imports)],
        m.span,
    )
}

fn merge_decls<'a>(
    ev: &mut Evaluator<'a>,
    loc: &[Symbol],
    decls: &[Decl<'a>],
    trees: &[(Value<'a>, &'a str)],
) -> EResult<OptionDecl<'a>> {
    let first = decls[0];
    let mut ty: Option<Value<'a>> = None;
    let mut default = None;
    let mut apply = None;
    let mut read_only = false;
    let mut default_file: Option<&str> = None;
    let mut apply_file: Option<&str> = None;
    // Submodule modules of all declarations; a later declaration's modules
    // come first, as in nixpkgs.
    let mut modules: Vec<Value<'a>> = Vec::new();
    let mut any_modules = false;
    for d in decls {
        let attrs = d.raw.as_attrs().unwrap_or(&[]);
        if let Some(e) = lookup(attrs, crate::sym!("default")) {
            if let Some(other) = default_file {
                return Err(already_declared(loc, d, other));
            }
            default = Some(e.value);
            default_file = Some(d.file);
        }
        if let Some(a) = attr(ev, d.raw, crate::sym!("apply"))?
            && !matches!(a.kind, V::Null)
        {
            if let Some(other) = apply_file {
                return Err(already_declared(loc, d, other));
            }
            apply = lookup(attrs, crate::sym!("apply")).map(|e| e.value);
            apply_file = Some(d.file);
        }
        if matches!(
            attr(ev, d.raw, crate::sym!("readOnly"))?.map(|v| v.kind),
            Some(V::Bool(true))
        ) {
            read_only = true;
        }
        let this_ty = match attr(ev, d.raw, crate::sym!("type"))? {
            Some(t) if !matches!(t.kind, V::Null) => Some(t),
            _ => None,
        };
        if let Some(t) = this_ty {
            if let Some(mods) = sub_modules(ev, t)? {
                any_modules = true;
                let mut wrapped = Vec::new();
                if let V::List(items) = mods.kind {
                    for m in items {
                        let m = ev.force(m)?;
                        wrapped.push(located(ev, d.file, m));
                    }
                }
                wrapped.append(&mut modules);
                modules = wrapped;
            }
            ty = Some(match ty {
                None => t,
                Some(prev) => {
                    let (pk, tk) = (kind_of(ev, prev)?, kind_of(ev, t)?);
                    if pk != tk {
                        return Err(already_declared(loc, d, first.file));
                    }
                    super::types::merge_types(ev, prev, t)?
                }
            });
        }
    }
    // Plain options underneath become a module of the submodule.
    for (tree, file) in trees.iter().rev() {
        any_modules = true;
        let module = ev.attrs_from(vec![(crate::sym!("options"), *tree)], tree.span);
        let wrapped = located(ev, file, module);
        modules.insert(0, wrapped);
    }
    if any_modules && let Some(t) = ty {
        let list = ev.list_from(modules, Span::SYNTHETIC);
        ty = Some(substitute(ev, t, list)?);
    }
    Ok(OptionDecl {
        ty,
        default,
        apply,
        file: default_file.unwrap_or(first.file),
        span: decls
            .iter()
            .find(|d| has_attr(d.raw, crate::sym!("default")))
            .map_or(first.span, |d| d.span),
        raw: first.raw,
        read_only,
    })
}

fn already_declared(loc: &[Symbol], d: &Decl<'_>, other: &str) -> Box<EvalError> {
    EvalError::new(
        ErrorKind::ModuleError,
        format!(
            "The option `{}' in `{}' is already declared in `{other}'.",
            show_loc(loc),
            d.file
        ),
        d.span,
    )
}
