//! An emulation of the NixOS module system (nixpkgs' `lib.evalModules`)
//! and of the parts of `lib` that configurations call.
//!
//! The behaviour follows what nixpkgs' lib does, checked against the
//! oracle's scenarios: modules are collected breadth-first and merged in
//! reverse collection order; properties (`mkIf`, `mkMerge`, `mkOverride`,
//! `mkOrder`) are pushed down to options, discharged, filtered by priority
//! and sorted; option defaults are definitions of the lowest priority; a
//! submodule value is a nested evaluation. Options nobody declares are
//! accepted and merged structurally (they come from nixpkgs or flake
//! inputs that pocketlint does not see).

mod collect;
mod decls;
pub use decls::{DeclKey, DeclSource};
mod lib_value;
mod merge;
mod options_arg;
mod types;

use std::cell::OnceCell;

use crate::files::Span;
use crate::symbol::Symbol;

use super::Evaluator;
use super::error::EResult;
use super::value::{Thunk, Value};

pub use lib_value::{has_open_marker, lib_value};
pub use merge::DefInfo;

/// One definition of an option (or of a namespace above options).
#[derive(Copy, Clone)]
pub struct Def<'a> {
    pub value: Thunk<'a>,
    /// The module's `_file`, for messages.
    pub file: &'a str,
    /// Where the definition was written (the attribute binding).
    pub span: Span,
    /// The definition this one was pushed down from or unpacked out of,
    /// when it is in another place (a preset used by a service).
    pub via: Span,
}

/// A loaded module, normalised as nixpkgs' `unifyModuleSyntax` does.
#[derive(Copy, Clone)]
pub struct Module<'a> {
    pub file: &'a str,
    pub key: &'a str,
    pub options: Thunk<'a>,
    pub config: Thunk<'a>,
    pub span: Span,
    pub freeform: Option<Thunk<'a>>,
    /// For a submodule definition turned into a module: where that
    /// definition was written (inner definitions arrived through it).
    pub via: Span,
}

/// What a declaration tree node is.
#[derive(Copy, Clone)]
pub enum DeclNode<'a> {
    Option(&'a OptionDecl<'a>),
    Namespace(&'a [(Symbol, DeclNode<'a>)]),
}

impl<'a> DeclNode<'a> {
    pub fn child(self, name: Symbol) -> Option<DeclNode<'a>> {
        match self {
            DeclNode::Namespace(children) => children
                .binary_search_by(|(n, _)| n.cmp(&name))
                .ok()
                .map(|i| children[i].1),
            DeclNode::Option(_) => None,
        }
    }
}

/// One option's merged declarations. It holds no location: instances of
/// one submodule type share their declarations (see `decls::decl_tree`).
#[derive(Copy, Clone)]
pub struct OptionDecl<'a> {
    /// The option's type (a type attribute set), if declared.
    pub ty: Option<Value<'a>>,
    pub default: Option<Thunk<'a>>,
    pub apply: Option<Thunk<'a>>,
    pub file: &'a str,
    pub span: Span,
    /// The `mkOption` attribute set itself.
    pub raw: Value<'a>,
    pub read_only: bool,
}

/// One `evalModules` call: the top-level host or a submodule value.
pub struct EvalState<'a> {
    pub prefix: &'a [Symbol],
    pub modules: OnceCell<&'a [Module<'a>]>,
    pub decls: OnceCell<DeclNode<'a>>,
    /// The internal `config` fixpoint (with `_module`).
    pub config: OnceCell<Thunk<'a>>,
    pub options: OnceCell<Thunk<'a>>,
    pub args: OnceCell<Value<'a>>,
    pub special_args: Value<'a>,
    /// Modules that could not be loaded (unknown imports), with reasons.
    pub skipped: OnceCell<&'a [(Span, &'a str)]>,
    /// Use nixpkgs-like declarations for well-known options nobody
    /// declares (hosts, not plain `evalModules`).
    pub nixos_fallbacks: bool,
    /// Report definitions of options nobody declares, as nixpkgs does
    /// (submodules whose declarations pocketlint sees in full).
    pub check_undeclared: std::cell::Cell<bool>,
}

/// What a module reference in `imports` (or the initial list) is.
#[derive(Copy, Clone)]
pub struct ModuleRef<'a> {
    pub value: Thunk<'a>,
    pub span: Span,
    /// Definitions of this module arrived through this location (a
    /// submodule definition), or `Span::SYNTHETIC`.
    pub via: Span,
    /// A definition to use as the module's `config` directly (nixpkgs'
    /// `{ _file; config = value; }` wrapper for submodule definitions).
    pub config_only: bool,
    /// The `_file` to give the module when it does not say.
    pub file: Option<&'a str>,
}

impl<'a> ModuleRef<'a> {
    pub fn new(value: Thunk<'a>, span: Span) -> ModuleRef<'a> {
        ModuleRef {
            value,
            span,
            via: Span::SYNTHETIC,
            config_only: false,
            file: None,
        }
    }
}

/// Evaluates a list of modules; returns the state whose `config` thunk
/// gives the merged configuration.
pub fn eval_modules<'a>(
    ev: &mut Evaluator<'a>,
    modules: &[ModuleRef<'a>],
    special_args: Value<'a>,
    prefix: &'a [Symbol],
    nixos_fallbacks: bool,
) -> EResult<&'a EvalState<'a>> {
    let state: &'a EvalState<'a> = ev.heap.bump.alloc(EvalState {
        prefix,
        modules: OnceCell::new(),
        decls: OnceCell::new(),
        config: OnceCell::new(),
        options: OnceCell::new(),
        args: OnceCell::new(),
        special_args,
        skipped: OnceCell::new(),
        nixos_fallbacks,
        check_undeclared: std::cell::Cell::new(false),
    });
    let config = ev
        .heap
        .native(move |ev: &mut Evaluator<'a>| merge::root_config(ev, state));
    let _ = state.config.set(config);
    let options = ev
        .heap
        .native(move |ev: &mut Evaluator<'a>| options_arg::root_options(ev, state));
    let _ = state.options.set(options);
    let args = collect::module_args(ev, state)?;
    let _ = state.args.set(args);
    collect::collect(ev, state, modules)?;
    Ok(state)
}

impl<'a> EvalState<'a> {
    pub fn config_thunk(&self) -> Thunk<'a> {
        self.config.get().expect("set at creation")
    }

    pub fn modules(&self) -> &'a [Module<'a>] {
        self.modules.get().copied().unwrap_or(&[])
    }

    pub fn skipped(&self) -> &'a [(Span, &'a str)] {
        self.skipped.get().copied().unwrap_or(&[])
    }
}

/// The special arguments NixOS passes to every module that pocketlint
/// cannot know: `modulesPath` (nixpkgs' module directory).
pub fn nixos_special_args<'a>(ev: &mut Evaluator<'a>) -> Value<'a> {
    let modules_path = ev.unknown(
        "`modulesPath` is nixpkgs' module directory, which pocketlint does not read",
        Span::SYNTHETIC,
    );
    ev.attrs_from(
        vec![(crate::sym!("modulesPath"), modules_path)],
        Span::SYNTHETIC,
    )
}

/// The public configuration (without `_module`), as `evalModules` returns it.
pub fn public_config<'a>(ev: &mut Evaluator<'a>, state: &'a EvalState<'a>) -> EResult<Value<'a>> {
    let v = ev.force(state.config_thunk())?;
    Ok(merge::without_module(ev, v))
}
