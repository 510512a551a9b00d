//! Nix's builtins: one table, each entry a plain function over the
//! evaluator. Builtins that would reach outside the repository (fetchers,
//! the environment, the store, derivations) return unknown values.

mod attrs;
mod control;
mod files;
mod lists;
mod strings;

use std::collections::HashMap;

use crate::files::Span;
use crate::symbol::Symbol;

use super::Evaluator;
use super::error::{EResult, type_error};
use super::value::{AttrEntry, Thunk, V, Value};

pub type PrimFn = for<'a> fn(&mut Evaluator<'a>, &[Thunk<'a>], Span) -> EResult<Value<'a>>;

pub struct PrimOp {
    pub name: &'static str,
    pub arity: usize,
    pub func: PrimFn,
}

macro_rules! ops {
    ($( $name:literal / $arity:literal => $func:path ),* $(,)?) => {
        pub static PRIMOPS: &[PrimOp] = &[
            $( PrimOp { name: $name, arity: $arity, func: $func } ),*
        ];
    };
}

ops! {
    "abort" / 1 => control::abort,
    "add" / 2 => control::add,
    "addErrorContext" / 2 => control::second,
    "all" / 2 => lists::all,
    "any" / 2 => lists::any,
    "appendContext" / 2 => control::first_forced,
    "attrNames" / 1 => attrs::attr_names,
    "attrValues" / 1 => attrs::attr_values,
    "baseNameOf" / 1 => strings::base_name_of,
    "bitAnd" / 2 => control::bit_and,
    "bitOr" / 2 => control::bit_or,
    "bitXor" / 2 => control::bit_xor,
    "catAttrs" / 2 => attrs::cat_attrs,
    "ceil" / 1 => control::ceil,
    "compareVersions" / 2 => strings::compare_versions,
    "concatLists" / 1 => lists::concat_lists,
    "concatMap" / 2 => lists::concat_map,
    "concatStringsSep" / 2 => strings::concat_strings_sep,
    "deepSeq" / 2 => control::deep_seq,
    "derivation" / 1 => control::unknown_derivation,
    "derivationStrict" / 1 => control::unknown_derivation,
    "dirOf" / 1 => strings::dir_of,
    "div" / 2 => control::div,
    "elem" / 2 => lists::elem,
    "elemAt" / 2 => lists::elem_at,
    "fetchGit" / 1 => control::unknown_fetch,
    "fetchMercurial" / 1 => control::unknown_fetch,
    "fetchTarball" / 1 => control::unknown_fetch,
    "fetchTree" / 1 => control::unknown_fetch,
    "fetchurl" / 1 => control::unknown_fetch,
    "filter" / 2 => lists::filter,
    "filterSource" / 2 => control::unknown_filter_source,
    "findFile" / 2 => control::unknown_find_file,
    "floor" / 1 => control::floor,
    "foldl'" / 3 => lists::foldl,
    "fromJSON" / 1 => control::from_json,
    "fromTOML" / 1 => control::from_toml,
    "functionArgs" / 1 => control::function_args,
    "genList" / 2 => lists::gen_list,
    "genericClosure" / 1 => lists::generic_closure,
    "getAttr" / 2 => attrs::get_attr,
    "getContext" / 1 => control::get_context,
    "getEnv" / 1 => control::unknown_get_env,
    "groupBy" / 2 => lists::group_by,
    "hasAttr" / 2 => attrs::has_attr,
    "hasContext" / 1 => control::has_context,
    "hashFile" / 2 => files::hash_file,
    "hashString" / 2 => strings::hash_string,
    "head" / 1 => lists::head,
    "import" / 1 => files::import,
    "intersectAttrs" / 2 => attrs::intersect_attrs,
    "isAttrs" / 1 => control::is_attrs,
    "isBool" / 1 => control::is_bool,
    "isFloat" / 1 => control::is_float,
    "isFunction" / 1 => control::is_function,
    "isInt" / 1 => control::is_int,
    "isList" / 1 => control::is_list,
    "isNull" / 1 => control::is_null,
    "isPath" / 1 => control::is_path,
    "isString" / 1 => control::is_string,
    "length" / 1 => lists::length,
    "lessThan" / 2 => control::less_than,
    "listToAttrs" / 1 => attrs::list_to_attrs,
    "map" / 2 => lists::map,
    "mapAttrs" / 2 => attrs::map_attrs,
    "match" / 2 => strings::regex_match,
    "mul" / 2 => control::mul,
    "parseDrvName" / 1 => strings::parse_drv_name,
    "partition" / 2 => lists::partition,
    "path" / 1 => files::path,
    "pathExists" / 1 => files::path_exists,
    "placeholder" / 1 => strings::placeholder,
    "readDir" / 1 => files::read_dir,
    "readFile" / 1 => files::read_file,
    "removeAttrs" / 2 => attrs::remove_attrs,
    "replaceStrings" / 3 => strings::replace_strings,
    "scopedImport" / 2 => control::unknown_scoped_import,
    "seq" / 2 => control::seq,
    "sort" / 2 => lists::sort,
    "split" / 2 => strings::regex_split,
    "splitVersion" / 1 => strings::split_version,
    "storePath" / 1 => control::unknown_store_path,
    "stringLength" / 1 => strings::string_length,
    "sub" / 2 => control::sub,
    "substring" / 3 => strings::substring,
    "tail" / 1 => lists::tail,
    "throw" / 1 => control::throw,
    "toFile" / 2 => files::to_file,
    "toJSON" / 1 => control::to_json,
    "toPath" / 1 => files::to_path,
    "toString" / 1 => strings::to_string,
    "toXML" / 1 => control::unknown_to_xml,
    "trace" / 2 => control::trace,
    "tryEval" / 1 => control::try_eval,
    "typeOf" / 1 => control::type_of,
    "unsafeDiscardOutputDependency" / 1 => control::first_forced_unary,
    "unsafeDiscardStringContext" / 1 => control::first_forced_unary,
    "unsafeGetAttrPos" / 2 => attrs::unsafe_get_attr_pos,
    "zipAttrsWith" / 2 => attrs::zip_attrs_with,
}

/// Names of builtins that are plain values rather than functions.
const CONSTANTS: &[&str] = &[
    "builtins",
    "currentSystem",
    "currentTime",
    "false",
    "langVersion",
    "nixPath",
    "nixVersion",
    "null",
    "storeDir",
    "true",
];

/// Whether `builtins.<name>` exists (in Nix 2.8).
pub fn is_builtin_name(name: &str) -> bool {
    CONSTANTS.contains(&name) || PRIMOPS.iter().any(|p| p.name == name)
}

pub fn primop(name: &str) -> Option<&'static PrimOp> {
    PRIMOPS.iter().find(|p| p.name == name)
}

/// Builds the `builtins` set and the global scope.
pub(super) fn install(ev: &mut Evaluator<'_>) {
    let span = Span::SYNTHETIC;
    let heap = ev.heap;
    let mut entries: Vec<AttrEntry<'_>> = Vec::new();
    for op in PRIMOPS {
        let v = Value::new(V::PrimOp(heap.primop(op, &[])), span);
        entries.push(AttrEntry {
            name: Symbol::intern(op.name),
            value: heap.ready(v),
            span,
        });
    }
    let constants: Vec<(&str, Value<'_>)> = vec![
        (
            "currentSystem",
            heap.unknown(
                "`builtins.currentSystem` depends on the machine running Nix",
                span,
            ),
        ),
        (
            "currentTime",
            heap.unknown("`builtins.currentTime` depends on when Nix runs", span),
        ),
        ("false", Value::bool(false, span)),
        ("langVersion", Value::int(6, span)),
        (
            "nixPath",
            heap.unknown("`builtins.nixPath` depends on NIX_PATH", span),
        ),
        ("nixVersion", Value::new(V::Str("2.8.0"), span)),
        ("null", Value::null(span)),
        ("storeDir", Value::new(V::Str("/nix/store"), span)),
        ("true", Value::bool(true, span)),
    ];
    for (name, v) in constants {
        entries.push(AttrEntry {
            name: Symbol::intern(name),
            value: heap.ready(v),
            span,
        });
    }
    // `builtins.builtins` is the set itself: make the thunk first, fill it
    // once the set exists.
    let self_thunk = heap.thunk(super::value::ThunkState::Blackhole);
    entries.push(AttrEntry {
        name: crate::sym!("builtins"),
        value: self_thunk,
        span,
    });
    let set = heap.attrs(entries);
    let builtins = Value::new(V::Attrs(set), span);
    self_thunk
        .state
        .set(super::value::ThunkState::Done(builtins));

    let mut globals = HashMap::new();
    for e in set {
        globals.insert(Symbol::intern(&format!("__{}", e.name)), e.value);
    }
    for name in crate::syntax::GLOBAL_NAMES {
        let sym = Symbol::intern(name);
        if let Some(e) = super::value::lookup(set, sym) {
            globals.insert(sym, e.value);
        }
    }
    ev.set_builtins(builtins, globals);
}

/// Unwraps a known value or returns the unknown from the builtin.
macro_rules! known {
    ($e:expr) => {
        match $e {
            Ok(x) => x,
            Err(unknown) => return Ok(unknown),
        }
    };
}
pub(crate) use known;

/// Helpers shared by the builtin modules. Each returns `Err(value)` with an
/// unknown value to hand back when the argument is unknown.
impl<'a> Evaluator<'a> {
    pub(crate) fn want_list(
        &mut self,
        t: Thunk<'a>,
        span: Span,
    ) -> EResult<Result<&'a [Thunk<'a>], Value<'a>>> {
        let v = self.force(t)?;
        match v.kind {
            V::List(l) => Ok(Ok(l)),
            V::Unknown(_) => Ok(Err(v)),
            _ => type_error(
                format!("value is {} while a list was expected", v.type_name()),
                pick(v.span, span),
            ),
        }
    }

    pub(crate) fn want_attrs(
        &mut self,
        t: Thunk<'a>,
        span: Span,
    ) -> EResult<Result<&'a [AttrEntry<'a>], Value<'a>>> {
        let v = self.force(t)?;
        match v.kind {
            V::Attrs(a) => Ok(Ok(a)),
            V::Unknown(_) => Ok(Err(v)),
            _ => type_error(
                format!("value is {} while a set was expected", v.type_name()),
                pick(v.span, span),
            ),
        }
    }

    pub(crate) fn want_string(
        &mut self,
        t: Thunk<'a>,
        span: Span,
    ) -> EResult<Result<&'a str, Value<'a>>> {
        let v = self.force(t)?;
        match v.kind {
            V::Str(s) => Ok(Ok(s)),
            V::Unknown(_) => Ok(Err(v)),
            _ => type_error(
                format!("value is {} while a string was expected", v.type_name()),
                pick(v.span, span),
            ),
        }
    }

    pub(crate) fn want_int(&mut self, t: Thunk<'a>, span: Span) -> EResult<Result<i64, Value<'a>>> {
        let v = self.force(t)?;
        match v.kind {
            V::Int(i) => Ok(Ok(i)),
            V::Unknown(_) => Ok(Err(v)),
            _ => type_error(
                format!("value is {} while an integer was expected", v.type_name()),
                pick(v.span, span),
            ),
        }
    }

    #[allow(clippy::unused_self)] // a method like its siblings, for call-site symmetry
    pub(crate) fn want_bool(
        &mut self,
        v: Value<'a>,
        span: Span,
    ) -> EResult<Result<bool, Value<'a>>> {
        match v.kind {
            V::Bool(b) => Ok(Ok(b)),
            V::Unknown(_) => Ok(Err(v)),
            _ => type_error(
                format!("value is {} while a Boolean was expected", v.type_name()),
                pick(v.span, span),
            ),
        }
    }

    /// A lazy `f x`.
    pub(crate) fn lazy_apply(&self, f: Value<'a>, x: Thunk<'a>, span: Span) -> Thunk<'a> {
        self.heap.lazy_apply(f, x, span)
    }

    /// A lazy `f x y`.
    pub(crate) fn lazy_apply2(
        &self,
        f: Value<'a>,
        x: Thunk<'a>,
        y: Thunk<'a>,
        span: Span,
    ) -> Thunk<'a> {
        self.heap.native(move |ev: &mut Evaluator<'a>| {
            let g = ev.apply(f, x, span)?;
            ev.apply(g, y, span)
        })
    }
}

/// A value's own span when it has one, else the call site.
pub(crate) fn pick(own: Span, call: Span) -> Span {
    if own.is_synthetic() { call } else { own }
}

/// The formal argument names of a function (`{ a, b ? 1, ... }:` gives
/// `a`, `b`), as `builtins.functionArgs` sees them; functors included.
pub fn function_formals<'a>(ev: &mut Evaluator<'a>, f: Value<'a>) -> EResult<Vec<Symbol>> {
    match f.kind {
        V::Lambda(c) => Ok(match &c.lambda.param {
            crate::syntax::ir::Param::Ident(_) => Vec::new(),
            crate::syntax::ir::Param::Pattern { entries, .. } => {
                entries.iter().map(|e| e.name).collect()
            }
        }),
        V::Attrs(attrs) => {
            if let Some(args) = super::value::lookup(attrs, crate::sym!("__functionArgs")) {
                let args = ev.force(args.value)?;
                return Ok(args
                    .as_attrs()
                    .map(|a| a.iter().map(|e| e.name).collect())
                    .unwrap_or_default());
            }
            if let Some(functor) = super::value::lookup(attrs, crate::sym!("__functor")) {
                let functor = ev.force(functor.value)?;
                let inner = ev.call(functor, f, f.span)?;
                return function_formals(ev, inner);
            }
            Ok(Vec::new())
        }
        _ => Ok(Vec::new()),
    }
}
