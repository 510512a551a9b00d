//! Merging definitions: the declaration tree, namespaces, properties
//! (`mkIf`, `mkMerge`, `mkOverride`, `mkOrder`) and option values.

use std::collections::BTreeMap;

use crate::files::Span;
use crate::symbol::Symbol;

use super::super::Evaluator;
use super::super::error::{EResult, ErrorKind, EvalError, type_error};
use super::super::value::{AttrEntry, Thunk, V, Value, lookup};
use super::{DeclNode, Def, EvalState, OptionDecl};

const DEFAULT_PRIORITY: i64 = 100;
const DEFAULT_ORDER: i64 = 1000;
const OPTION_DEFAULT_PRIORITY: i64 = 1500;

pub fn is_external_namespace(name: &str) -> bool {
    EXTERNAL_NAMESPACES.contains(&name)
}

/// Top-level option namespaces of NixOS and of common flake inputs: a
/// host's definitions there may be completed by options pocketlint does not
/// see, so reading a missing attribute there is unknown, not an error.
const EXTERNAL_NAMESPACES: &[&str] = &[
    "age",
    "appstream",
    "assertions",
    "boot",
    "console",
    "containers",
    "disko",
    "documentation",
    "ec2",
    "environment",
    "fileSystems",
    "fonts",
    "gtk",
    "hardware",
    "home-manager",
    "i18n",
    "image",
    "impermanence",
    "isSpecialisation",
    "krb5",
    "location",
    "meta",
    "networking",
    "nix",
    "nixpkgs",
    "oci",
    "power",
    "powerManagement",
    "programs",
    "qt",
    "security",
    "services",
    "sops",
    "sound",
    "specialisation",
    "swapDevices",
    "system",
    "systemd",
    "time",
    "users",
    "virtualisation",
    "warnings",
    "xdg",
    "zramSwap",
];

/// Where a final definition of an option was written, for provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefInfo {
    pub span: Span,
    pub via: Span,
    /// Whether this is the option's declared default.
    pub is_default: bool,
}

/// A definition after properties were discharged: a plain value.
#[derive(Copy, Clone)]
pub struct FinalDef<'a> {
    pub value: Value<'a>,
    pub def: Def<'a>,
    /// Unwrapped from `mkOrder`: nixpkgs then leaves a `priority` field on
    /// the definition, which a submodule's merge rejects.
    pub ordered: bool,
}

/// The definitions an option ends up with, or the unknown that prevents
/// knowing them.
pub enum Finalized<'a> {
    Defs(Vec<FinalDef<'a>>),
    Unknown(Value<'a>),
}

/// The property kind of a value (`_type` of `mkIf` and friends).
pub fn prop_type<'a>(ev: &mut Evaluator<'a>, v: Value<'a>) -> EResult<Option<&'a str>> {
    let Some(attrs) = v.as_attrs() else {
        return Ok(None);
    };
    let Some(t) = lookup(attrs, crate::sym!("_type")) else {
        return Ok(None);
    };
    let t = ev.force(t.value)?;
    Ok(t.as_str())
}

fn field<'a>(ev: &mut Evaluator<'a>, v: Value<'a>, name: Symbol) -> EResult<Thunk<'a>> {
    match v.as_attrs().and_then(|a| lookup(a, name)) {
        Some(e) => Ok(e.value),
        None => Err(EvalError::new(
            ErrorKind::ModuleError,
            format!(
                "a `{}` property without `{name}`",
                prop_type(ev, v)?.unwrap_or("?")
            ),
            v.span,
        )),
    }
}

pub fn show_loc(loc: &[Symbol]) -> String {
    loc.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(".")
}

/// The configuration of one `evalModules`: the root namespace.
pub fn root_config<'a>(ev: &mut Evaluator<'a>, state: &'a EvalState<'a>) -> EResult<Value<'a>> {
    if state.modules.get().is_none() {
        // Something needed `config` to find out which modules there are
        // (an `imports` list computed from `config` or `pkgs`).
        return Err(EvalError::new(
            ErrorKind::InfiniteRecursion,
            "infinite recursion encountered: the list of modules (`imports`) depends on `config` (or on `pkgs`)",
            Span::SYNTHETIC,
        ));
    }
    let decls = decl_tree(ev, state)?;
    let defs: Vec<Def<'a>> = state
        .modules()
        .iter()
        .map(|m| Def {
            value: m.config,
            file: m.file,
            span: m.span,
            via: m.via,
        })
        .collect();
    let defs = ev.heap.bump.alloc_slice_copy(&defs);
    // A host's top level may hold anything nixpkgs declares.
    let open = state.nixos_fallbacks && state.prefix.is_empty();
    namespace(ev, state, state.prefix, Some(decls), defs, open)
}

/// nixpkgs' check that every definition has a declaration: the first
/// definition of an undeclared option is an error.
pub fn check_undeclared<'a>(ev: &mut Evaluator<'a>, state: &'a EvalState<'a>) -> EResult<()> {
    if state.modules().iter().any(|m| m.freeform.is_some()) {
        return Ok(());
    }
    let decls = decl_tree(ev, state)?;
    let defs: Vec<Def<'a>> = state
        .modules()
        .iter()
        .map(|m| Def {
            value: m.config,
            file: m.file,
            span: m.span,
            via: m.via,
        })
        .collect();
    let mut loc = state.prefix.to_vec();
    walk_undeclared(ev, &mut loc, decls, &defs)
}

fn walk_undeclared<'a>(
    ev: &mut Evaluator<'a>,
    loc: &mut Vec<Symbol>,
    decl: DeclNode<'a>,
    defs: &[Def<'a>],
) -> EResult<()> {
    let mut children: BTreeMap<Symbol, Vec<Def<'a>>> = BTreeMap::new();
    for def in defs {
        let v = ev.force(def.value)?;
        let mut wrappers = Vec::new();
        push_down(ev, loc, v, *def, &mut wrappers, &mut children)?;
    }
    for (name, child_defs) in children {
        loc.push(name);
        match decl.child(name) {
            None => {
                let span = child_defs.first().map_or(Span::SYNTHETIC, |d| d.span);
                return Err(EvalError::new(
                    ErrorKind::ModuleError,
                    format!("The option `{}' does not exist.", show_loc(loc)),
                    span,
                ));
            }
            Some(d @ DeclNode::Namespace(_)) => walk_undeclared(ev, loc, d, &child_defs)?,
            Some(DeclNode::Option(_)) => {}
        }
        loc.pop();
    }
    Ok(())
}

/// The configuration without lib's internal `_module`.
pub fn without_module<'a>(ev: &mut Evaluator<'a>, v: Value<'a>) -> Value<'a> {
    match v.kind {
        V::Attrs(attrs) => {
            let module = crate::sym!("_module");
            if lookup(attrs, module).is_none() {
                return v;
            }
            let rest: Vec<AttrEntry<'a>> =
                attrs.iter().filter(|e| e.name != module).copied().collect();
            Value::new(V::Attrs(ev.heap.attrs_sorted(&rest)), v.span)
        }
        _ => v,
    }
}

// ----- declarations: see decls.rs -----

pub use super::decls::decl_tree;

// ----- namespaces -----

#[derive(Copy, Clone)]
enum Wrapper<'a> {
    If(Thunk<'a>),
    Override(Thunk<'a>),
}

/// The attribute set for a namespace: declared children plus whatever the
/// definitions define, each merged lazily.
pub fn namespace<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    decl: Option<DeclNode<'a>>,
    defs: &'a [Def<'a>],
    open: bool,
) -> EResult<Value<'a>> {
    let mut children: BTreeMap<Symbol, Vec<Def<'a>>> = BTreeMap::new();
    let mut saw_unknown = false;
    for def in defs {
        let v = ev.force(def.value)?;
        let mut wrappers = Vec::new();
        saw_unknown |= push_down(ev, loc, v, *def, &mut wrappers, &mut children)?;
    }
    // A definition that could not be evaluated may define any attribute.
    let open = open || saw_unknown;
    let top_level = state.nixos_fallbacks && loc.is_empty();
    if let Some(DeclNode::Namespace(decls)) = decl {
        for (name, _) in decls {
            children.entry(*name).or_default();
        }
    }
    let mut entries = Vec::with_capacity(children.len());
    for (name, child_defs) in children {
        let child_loc: &'a [Symbol] = ev.heap.path_push(loc, name);
        let child_decl = decl.and_then(|d| d.child(name));
        let span = child_defs.first().map_or_else(
            || match child_decl {
                Some(DeclNode::Option(o)) => o.span,
                _ => Span::SYNTHETIC,
            },
            |d| d.span,
        );
        let child_defs: &'a [Def<'a>] = ev.heap.bump.alloc_slice_copy(&child_defs);
        let child_open = if top_level {
            EXTERNAL_NAMESPACES.contains(&name.as_str()) || child_decl.is_none()
        } else {
            open
        };
        let thunk = ev.heap.native(move |ev: &mut Evaluator<'a>| {
            child_value(ev, state, child_loc, child_decl, child_defs, child_open)
        });
        entries.push(AttrEntry {
            name,
            value: thunk,
            span,
        });
    }
    let mut attrs = ev.heap.attrs_sorted(&entries);
    if open {
        attrs = ev.mark_open(attrs);
    }
    Ok(Value::new(V::Attrs(attrs), Span::SYNTHETIC))
}

fn child_value<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    decl: Option<DeclNode<'a>>,
    defs: &'a [Def<'a>],
    open: bool,
) -> EResult<Value<'a>> {
    match decl {
        Some(DeclNode::Option(opt)) => option_value(ev, state, loc, opt, defs),
        Some(DeclNode::Namespace(_)) => namespace(ev, state, loc, decl, defs, open),
        None => {
            if state.nixos_fallbacks
                && state.prefix.is_empty()
                && loc
                    .first()
                    .is_some_and(|n| !is_external_namespace(n.as_str()))
            {
                ev.ext.undeclared.push(loc.to_vec());
            }
            // Nobody declares this: when every definition is a set, treat it
            // as a namespace (as the options nixpkgs declares under it would
            // be); otherwise merge the definitions as one value.
            if defs_are_sets(ev, defs)? {
                namespace(ev, state, loc, None, defs, open)
            } else {
                super::types::merge_undeclared(ev, state, loc, defs)
            }
        }
    }
}

/// Whether every definition is an attribute set once `mkIf`/`mkMerge`/
/// `mkOverride` wrappers are looked through (without evaluating their
/// conditions).
fn defs_are_sets<'a>(ev: &mut Evaluator<'a>, defs: &[Def<'a>]) -> EResult<bool> {
    fn is_set<'a>(ev: &mut Evaluator<'a>, v: Value<'a>, depth: u32) -> EResult<bool> {
        if depth > 64 {
            return Ok(false);
        }
        match prop_type(ev, v)? {
            Some("merge") => {
                let contents = field(ev, v, crate::sym!("contents"))?;
                let list = ev.force(contents)?;
                let V::List(items) = list.kind else {
                    return Ok(false);
                };
                for t in items {
                    let item = ev.force(t)?;
                    if !is_set(ev, item, depth + 1)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Some("if" | "override") => {
                let content = field(ev, v, crate::sym!("content"))?;
                let content = ev.force(content)?;
                is_set(ev, content, depth + 1)
            }
            Some(_) => Ok(false),
            None => Ok(matches!(v.kind, V::Attrs(_))),
        }
    }
    if defs.is_empty() {
        return Ok(false);
    }
    for d in defs {
        let v = ev.force(d.value)?;
        if !is_set(ev, v, 0)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// nixpkgs' `pushDownProperties`: `mkIf`/`mkOverride` around a set become
/// the same property around each attribute; `mkMerge` splits. Returns whether an unknown definition was met (it may define anything).
fn push_down<'a>(
    ev: &mut Evaluator<'a>,
    loc: &[Symbol],
    v: Value<'a>,
    def: Def<'a>,
    wrappers: &mut Vec<Wrapper<'a>>,
    out: &mut BTreeMap<Symbol, Vec<Def<'a>>>,
) -> EResult<bool> {
    match prop_type(ev, v)? {
        Some("merge") => {
            let contents = field(ev, v, crate::sym!("contents"))?;
            let list = ev.force(contents)?;
            match list.kind {
                V::List(items) => {
                    let mut unknown = false;
                    for t in items {
                        let item = ev.force(t)?;
                        unknown |= push_down(ev, loc, item, def, wrappers, out)?;
                    }
                    Ok(unknown)
                }
                V::Unknown(_) => Ok(true),
                _ => type_error(
                    format!(
                        "the contents of `mkMerge` is {} while a list was expected",
                        list.type_name()
                    ),
                    list.span,
                ),
            }
        }
        Some(kind @ ("if" | "override")) => {
            let wrapper = if kind == "if" {
                Wrapper::If(field(ev, v, crate::sym!("condition"))?)
            } else {
                Wrapper::Override(field(ev, v, crate::sym!("priority"))?)
            };
            let content = field(ev, v, crate::sym!("content"))?;
            let content = ev.force(content)?;
            wrappers.push(wrapper);
            let r = push_down(ev, loc, content, def, wrappers, out);
            wrappers.pop();
            r
        }
        _ => match v.kind {
            V::Attrs(attrs) => {
                for e in attrs {
                    let value = wrap(ev, e.value, wrappers);
                    let via = if def.via.is_synthetic() {
                        Span::SYNTHETIC
                    } else {
                        def.via
                    };
                    out.entry(e.name).or_default().push(Def {
                        value,
                        file: def.file,
                        span: e.span,
                        via,
                    });
                }
                Ok(false)
            }
            // An unknown definition (an unknown module body) cannot say
            // which options it sets: the namespace becomes open.
            V::Unknown(_) => Ok(true),
            _ => type_error(
                format!(
                    "a definition of `{}` is {} while an attribute set was expected",
                    if loc.is_empty() {
                        "config".to_string()
                    } else {
                        show_loc(loc)
                    },
                    v.type_name()
                ),
                if v.span.is_synthetic() {
                    def.span
                } else {
                    v.span
                },
            ),
        },
    }
}

fn wrap<'a>(ev: &mut Evaluator<'a>, value: Thunk<'a>, wrappers: &[Wrapper<'a>]) -> Thunk<'a> {
    let mut cur = value;
    for w in wrappers.iter().rev() {
        let (kind, key, arg) = match w {
            Wrapper::If(c) => ("if", "condition", *c),
            Wrapper::Override(p) => ("override", "priority", *p),
        };
        let span = Span::SYNTHETIC;
        let ty = ev.heap.ready(Value::new(V::Str(kind), span));
        let mut entries = vec![
            AttrEntry {
                name: crate::sym!("_type"),
                value: ty,
                span,
            },
            AttrEntry {
                name: Symbol::intern(key),
                value: arg,
                span,
            },
            AttrEntry {
                name: crate::sym!("content"),
                value: cur,
                span,
            },
        ];
        entries.sort_by_key(|a| a.name);
        cur = ev
            .heap
            .ready(Value::new(V::Attrs(ev.heap.attrs_sorted(&entries)), span));
    }
    cur
}

// ----- options -----

/// The value of a declared option: its default as the lowest-priority
/// definition, then discharge, priorities, order, type check and merge.
pub fn option_value<'a>(
    ev: &mut Evaluator<'a>,
    state: &'a EvalState<'a>,
    loc: &'a [Symbol],
    opt: &'a OptionDecl<'a>,
    defs: &'a [Def<'a>],
) -> EResult<Value<'a>> {
    let mut all = Vec::with_capacity(defs.len() + 1);
    if let Some(d) = opt.default {
        all.push(Def {
            value: mk_override(ev, OPTION_DEFAULT_PRIORITY, d),
            file: opt.file,
            span: opt.span,
            via: Span::SYNTHETIC,
        });
    }
    all.extend_from_slice(defs);
    if opt.read_only && all.len() > 1 {
        return Err(EvalError::new(
            ErrorKind::ConflictingDefinitions,
            format!(
                "The option `{}' is read-only, but it's set multiple times.",
                show_loc(loc)
            ),
            all[1].span,
        ));
    }
    let finals = match finalize(ev, &all)? {
        Finalized::Defs(d) => d,
        Finalized::Unknown(u) => return Ok(u),
    };
    record_definitions(ev, loc, opt, &finals);
    if finals.is_empty() {
        return Err(undefined_option(loc, opt.span));
    }
    let ty = match opt.ty {
        Some(t) => t,
        None => super::types::unspecified_type(ev)?,
    };
    let mut merged = super::types::merge_typed(ev, state, loc, ty, &finals)?;
    if state.nixos_fallbacks
        && loc.len() == 2
        && loc[0].as_str() == "sops"
        && loc[1].as_str() == "secrets"
        && let V::Attrs(a) = merged.kind
    {
        merged = Value::new(V::Attrs(ev.mark_secrets(a)), merged.span);
    }
    match opt.apply {
        Some(f) => {
            let f = ev.force(f)?;
            ev.call(f, merged, merged.span)
        }
        None => Ok(merged),
    }
}

fn record_definitions<'a>(
    ev: &mut Evaluator<'a>,
    loc: &[Symbol],
    opt: &OptionDecl<'a>,
    finals: &[FinalDef<'a>],
) {
    let infos: Vec<DefInfo> = finals
        .iter()
        .map(|f| DefInfo {
            span: f.def.span,
            via: f.def.via,
            is_default: f.def.span == opt.span && f.def.file == opt.file,
        })
        .collect();
    ev.ext.definitions.insert(loc.to_vec(), infos);
}

pub fn undefined_option(loc: &[Symbol], span: Span) -> Box<EvalError> {
    EvalError::new(
        ErrorKind::UndefinedOption,
        format!(
            "The option `{}' was accessed but has no value defined. Try setting the option.",
            show_loc(loc)
        ),
        span,
    )
}

pub fn mk_override<'a>(ev: &mut Evaluator<'a>, priority: i64, content: Thunk<'a>) -> Thunk<'a> {
    let span = Span::SYNTHETIC;
    let mut entries = vec![
        AttrEntry {
            name: crate::sym!("_type"),
            value: ev.heap.ready(Value::new(V::Str("override"), span)),
            span,
        },
        AttrEntry {
            name: crate::sym!("priority"),
            value: ev.heap.ready(Value::int(priority, span)),
            span,
        },
        AttrEntry {
            name: crate::sym!("content"),
            value: content,
            span,
        },
    ];
    entries.sort_by_key(|a| a.name);
    ev.heap
        .ready(Value::new(V::Attrs(ev.heap.attrs_sorted(&entries)), span))
}

/// Discharges `mkMerge`/`mkIf`, keeps the definitions of the winning
/// priority and sorts by `mkOrder`.
pub fn finalize<'a>(ev: &mut Evaluator<'a>, defs: &[Def<'a>]) -> EResult<Finalized<'a>> {
    let mut out = Vec::with_capacity(defs.len());
    for def in defs {
        let v = ev.force(def.value)?;
        if let Some(u) = discharge(ev, v, *def, &mut out)? {
            return Ok(Finalized::Unknown(u));
        }
    }
    // Priorities.
    let mut prios = Vec::with_capacity(out.len());
    for f in &out {
        let p = if prop_type(ev, f.value)? == Some("override") {
            let p = field(ev, f.value, crate::sym!("priority"))?;
            let p = ev.force(p)?;
            match p.kind {
                V::Int(i) => i,
                V::Unknown(_) => return Ok(Finalized::Unknown(p)),
                _ => return type_error("the priority of `mkOverride` is not an integer", p.span),
            }
        } else {
            DEFAULT_PRIORITY
        };
        prios.push(p);
    }
    let highest = prios.iter().copied().min().unwrap_or(DEFAULT_PRIORITY);
    let mut kept = Vec::with_capacity(out.len());
    for (f, p) in out.into_iter().zip(prios) {
        if p != highest {
            continue;
        }
        if prop_type(ev, f.value)? == Some("override") {
            let c = field(ev, f.value, crate::sym!("content"))?;
            let c = ev.force(c)?;
            kept.push(FinalDef {
                value: c,
                def: f.def,
                ordered: false,
            });
        } else {
            kept.push(f);
        }
    }
    // Order.
    let mut any_order = false;
    for f in &kept {
        if prop_type(ev, f.value)? == Some("order") {
            any_order = true;
        }
    }
    if any_order {
        let mut keyed = Vec::with_capacity(kept.len());
        for f in kept {
            if prop_type(ev, f.value)? == Some("order") {
                let p = field(ev, f.value, crate::sym!("priority"))?;
                let p = ev.force(p)?;
                let p = match p.kind {
                    V::Int(i) => i,
                    V::Unknown(_) => return Ok(Finalized::Unknown(p)),
                    _ => return type_error("the priority of `mkOrder` is not an integer", p.span),
                };
                let c = field(ev, f.value, crate::sym!("content"))?;
                let c = ev.force(c)?;
                keyed.push((
                    p,
                    FinalDef {
                        value: c,
                        def: f.def,
                        ordered: true,
                    },
                ));
            } else {
                keyed.push((DEFAULT_ORDER, f));
            }
        }
        keyed.sort_by_key(|(p, _)| *p);
        kept = keyed.into_iter().map(|(_, f)| f).collect();
    }
    Ok(Finalized::Defs(kept))
}

fn discharge<'a>(
    ev: &mut Evaluator<'a>,
    v: Value<'a>,
    def: Def<'a>,
    out: &mut Vec<FinalDef<'a>>,
) -> EResult<Option<Value<'a>>> {
    match prop_type(ev, v)? {
        Some("merge") => {
            let contents = field(ev, v, crate::sym!("contents"))?;
            let list = ev.force(contents)?;
            match list.kind {
                V::List(items) => {
                    for t in items {
                        let item = ev.force(t)?;
                        if let Some(u) = discharge(ev, item, def, out)? {
                            return Ok(Some(u));
                        }
                    }
                    Ok(None)
                }
                V::Unknown(_) => Ok(Some(list)),
                _ => type_error(
                    format!(
                        "the contents of `mkMerge` is {} while a list was expected",
                        list.type_name()
                    ),
                    list.span,
                ),
            }
        }
        Some("if") => {
            let c = field(ev, v, crate::sym!("condition"))?;
            let c = ev.force(c)?;
            match c.kind {
                V::Bool(true) => {
                    let content = field(ev, v, crate::sym!("content"))?;
                    let content = ev.force(content)?;
                    discharge(ev, content, def, out)
                }
                V::Bool(false) => Ok(None),
                V::Unknown(u) => Ok(Some(ev.unknown(
                    &format!("the condition of a `mkIf` is unknown: {}", u.reason),
                    if c.span.is_synthetic() {
                        def.span
                    } else {
                        c.span
                    },
                ))),
                _ => Err(EvalError::new(
                    ErrorKind::ModuleError,
                    format!(
                        "`mkIf` called with a non-Boolean condition ({})",
                        c.type_name()
                    ),
                    if c.span.is_synthetic() {
                        def.span
                    } else {
                        c.span
                    },
                )),
            }
        }
        _ => {
            out.push(FinalDef {
                value: v,
                def,
                ordered: false,
            });
            Ok(None)
        }
    }
}
