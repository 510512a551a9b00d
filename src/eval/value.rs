//! Runtime values.
//!
//! Everything one evaluation allocates lives in its [`Heap`] and is freed
//! together when the evaluation ends, so values are plain `Copy` handles and
//! the cycles that laziness creates (a `rec` set's thunks point at the frame
//! that holds them) need no reference counting.

use std::cell::Cell;
use std::fmt;

use crate::files::Span;
use crate::symbol::Symbol;
use crate::syntax::ir::{Expr, LambdaExpr};

use super::Evaluator;
use super::builtins::PrimOp;
use super::error::EResult;

/// A value together with the source range of the expression that made it.
#[derive(Copy, Clone)]
pub struct Value<'a> {
    pub kind: V<'a>,
    pub span: Span,
}

#[derive(Copy, Clone)]
pub enum V<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
    /// An absolute, normalised path.
    Path(&'a str),
    /// Sorted by name.
    Attrs(&'a [AttrEntry<'a>]),
    List(&'a [Thunk<'a>]),
    Lambda(&'a Closure<'a>),
    PrimOp(&'a PrimOpApp<'a>),
    /// Something pocketlint cannot know (see [`Unknown`]).
    Unknown(&'a Unknown<'a>),
}

#[derive(Copy, Clone)]
pub struct AttrEntry<'a> {
    pub name: Symbol,
    pub value: Thunk<'a>,
    /// Where the attribute was bound (its key), for provenance.
    pub span: Span,
}

pub struct Closure<'a> {
    pub lambda: &'a LambdaExpr,
    pub env: &'a Env<'a>,
}

/// A builtin with the arguments it has received so far.
pub struct PrimOpApp<'a> {
    pub op: &'static PrimOp,
    pub args: &'a [Thunk<'a>],
}

/// A value that cannot be computed statically, with the reason and where
/// the unknown thing was met.
pub struct Unknown<'a> {
    pub reason: &'a str,
    pub span: Span,
}

/// One frame of variables.
pub struct Env<'a> {
    pub slots: &'a [Cell<Option<Thunk<'a>>>],
    pub parent: Option<&'a Env<'a>>,
    /// A `with` frame: slot 0 holds the scope's attribute set.
    pub is_with: bool,
}

pub type Thunk<'a> = &'a ThunkCell<'a>;

/// Every state is `Copy` (a failure points into the heap's error arena),
/// so a thunk is a plain `Cell`: no borrow flag, and nothing to drop, which
/// lets thunks live in the bump arena.
pub struct ThunkCell<'a> {
    pub(super) state: Cell<ThunkState<'a>>,
}

/// Work deferred until a value is needed. The closure lives in the heap's
/// bump arena, which never runs destructors, so it may capture only `Copy`
/// data (values, thunks, references): see [`Heap::native`].
pub type NativeFn<'a> = &'a dyn Fn(&mut Evaluator<'a>) -> EResult<Value<'a>>;

#[derive(Copy, Clone)]
pub enum ThunkState<'a> {
    Pending(&'a Expr, &'a Env<'a>),
    /// `f x`, made lazily by `map`, `genList` and friends (kept apart:
    /// it is the largest state, and most thunks never need it).
    Apply(&'a LazyApply<'a>),
    /// `(force source).name`, for `inherit (source) name`.
    Select(Thunk<'a>, Symbol, Span),
    Native(NativeFn<'a>),
    /// Being forced: forcing it again is infinite recursion.
    Blackhole,
    Done(Value<'a>),
    /// Forcing failed; forcing again fails the same way (evaluation is
    /// pure, so this is what re-evaluating would give).
    Failed(&'a super::error::EvalError),
}

pub struct LazyApply<'a> {
    pub f: Value<'a>,
    pub arg: Thunk<'a>,
    pub span: Span,
}

impl<'a> ThunkCell<'a> {
    pub fn value(&self) -> Option<Value<'a>> {
        match self.state.get() {
            ThunkState::Done(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_evaluated(&self) -> bool {
        matches!(self.state.get(), ThunkState::Done(_))
    }
}

/// The allocation arenas of one evaluation.
pub struct Heap<'a> {
    pub(super) bump: bumpalo::Bump,
    /// Failures thunks remember (rare; they own their messages).
    errors: typed_arena::Arena<super::error::EvalError>,
    _thunks: std::marker::PhantomData<ThunkCell<'a>>,
}

impl Default for Heap<'_> {
    fn default() -> Self {
        Heap {
            bump: bumpalo::Bump::new(),
            errors: typed_arena::Arena::new(),
            _thunks: std::marker::PhantomData,
        }
    }
}

impl<'a> Heap<'a> {
    pub fn new() -> Heap<'a> {
        Heap::default()
    }

    /// A thunk for `f arg`, applied when forced.
    pub fn lazy_apply(&'a self, f: Value<'a>, arg: Thunk<'a>, span: Span) -> Thunk<'a> {
        let apply = self.bump.alloc(LazyApply { f, arg, span });
        self.thunk(ThunkState::Apply(apply))
    }

    pub fn thunk(&'a self, state: ThunkState<'a>) -> Thunk<'a> {
        self.bump.alloc(ThunkCell {
            state: Cell::new(state),
        })
    }

    /// Keeps a failure for the thunk that produced it.
    pub fn error(&'a self, e: &super::error::EvalError) -> &'a super::error::EvalError {
        self.errors.alloc(e.clone())
    }

    /// A thunk computed by native code. `F: Copy` guarantees the closure
    /// owns nothing that would need dropping.
    pub fn native<F>(&'a self, f: F) -> Thunk<'a>
    where
        F: Fn(&mut Evaluator<'a>) -> EResult<Value<'a>> + Copy + 'a,
    {
        let f: &'a F = self.bump.alloc(f);
        self.thunk(ThunkState::Native(f))
    }

    pub fn ready(&'a self, v: Value<'a>) -> Thunk<'a> {
        self.thunk(ThunkState::Done(v))
    }

    pub fn str(&'a self, s: &str) -> &'a str {
        self.bump.alloc_str(s)
    }

    pub fn list(&'a self, items: &[Thunk<'a>]) -> &'a [Thunk<'a>] {
        self.bump.alloc_slice_copy(items)
    }

    pub fn list_from_iter<I>(&'a self, items: I) -> &'a [Thunk<'a>]
    where
        I: IntoIterator<Item = Thunk<'a>>,
        I::IntoIter: ExactSizeIterator,
    {
        self.bump.alloc_slice_fill_iter(items)
    }

    /// Sorts `entries` by name; on duplicate names the first one wins
    /// (callers check for duplicates where Nix reports them).
    pub fn attrs(&'a self, mut entries: Vec<AttrEntry<'a>>) -> &'a [AttrEntry<'a>] {
        entries.sort_by_key(|a| a.name);
        entries.dedup_by(|later, earlier| later.name == earlier.name);
        self.bump.alloc_slice_copy(&entries)
    }

    /// An empty attribute set at an address no other slice starts at (the
    /// middle of an allocation of its own): sets are marked open by
    /// address, and empty slices made any other way may share theirs.
    pub fn distinct_empty_attrs(&'a self) -> &'a [AttrEntry<'a>] {
        let filler = AttrEntry {
            name: crate::sym!(""),
            value: self.ready(Value::null(crate::files::Span::SYNTHETIC)),
            span: crate::files::Span::SYNTHETIC,
        };
        &self.bump.alloc_slice_copy(&[filler, filler])[1..1]
    }

    /// Entries already sorted and unique.
    pub fn attrs_sorted(&'a self, entries: &[AttrEntry<'a>]) -> &'a [AttrEntry<'a>] {
        self.bump.alloc_slice_copy(entries)
    }

    pub fn closure(&'a self, lambda: &'a LambdaExpr, env: &'a Env<'a>) -> &'a Closure<'a> {
        self.bump.alloc(Closure { lambda, env })
    }

    pub fn env(&'a self, size: usize, parent: Option<&'a Env<'a>>, is_with: bool) -> &'a Env<'a> {
        let slots = self.bump.alloc_slice_fill_with(size, |_| Cell::new(None));
        self.bump.alloc(Env {
            slots,
            parent,
            is_with,
        })
    }

    pub fn primop(&'a self, op: &'static PrimOp, args: &[Thunk<'a>]) -> &'a PrimOpApp<'a> {
        let args = self.bump.alloc_slice_copy(args);
        self.bump.alloc(PrimOpApp { op, args })
    }

    pub fn unknown(&'a self, reason: &str, span: Span) -> Value<'a> {
        let reason = self.str(reason);
        Value {
            kind: V::Unknown(self.bump.alloc(Unknown { reason, span })),
            span,
        }
    }

    /// `path ++ [name]`, for option locations.
    pub fn path_push(
        &'a self,
        path: &[crate::symbol::Symbol],
        name: crate::symbol::Symbol,
    ) -> &'a [crate::symbol::Symbol] {
        let mut v = Vec::with_capacity(path.len() + 1);
        v.extend_from_slice(path);
        v.push(name);
        self.bump.alloc_slice_copy(&v)
    }

    /// A cell to fill later (a value that refers to itself lazily).
    pub fn once_cell(&'a self) -> &'a std::cell::OnceCell<Thunk<'a>> {
        self.bump.alloc(std::cell::OnceCell::new())
    }

    pub fn allocated_bytes(&self) -> usize {
        self.bump.allocated_bytes()
    }
}

impl<'a> Value<'a> {
    pub fn new(kind: V<'a>, span: Span) -> Value<'a> {
        Value { kind, span }
    }

    pub fn null(span: Span) -> Value<'a> {
        Value {
            kind: V::Null,
            span,
        }
    }

    pub fn bool(b: bool, span: Span) -> Value<'a> {
        Value {
            kind: V::Bool(b),
            span,
        }
    }

    pub fn int(i: i64, span: Span) -> Value<'a> {
        Value {
            kind: V::Int(i),
            span,
        }
    }

    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }

    pub fn as_attrs(&self) -> Option<&'a [AttrEntry<'a>]> {
        match self.kind {
            V::Attrs(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&'a str> {
        match self.kind {
            V::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_unknown(&self) -> Option<&'a Unknown<'a>> {
        match self.kind {
            V::Unknown(u) => Some(u),
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.kind, V::Unknown(_))
    }

    pub fn is_function(&self) -> bool {
        match self.kind {
            V::Lambda(_) | V::PrimOp(_) => true,
            V::Attrs(a) => lookup(a, crate::sym!("__functor")).is_some(),
            _ => false,
        }
    }
}

impl V<'_> {
    /// The noun Nix uses in type errors ("value is an integer while ...").
    pub fn type_name(&self) -> &'static str {
        match self {
            V::Null => "null",
            V::Bool(_) => "a Boolean",
            V::Int(_) => "an integer",
            V::Float(_) => "a float",
            V::Str(_) => "a string",
            V::Path(_) => "a path",
            V::Attrs(_) => "a set",
            V::List(_) => "a list",
            V::Lambda(_) => "a function",
            V::PrimOp(app) if app.args.is_empty() => "a built-in function",
            V::PrimOp(_) => "a partially applied built-in function",
            V::Unknown(_) => "an unknown value",
        }
    }

    /// The name `builtins.typeOf` returns.
    pub fn type_of(&self) -> &'static str {
        match self {
            V::Null => "null",
            V::Bool(_) => "bool",
            V::Int(_) => "int",
            V::Float(_) => "float",
            V::Str(_) => "string",
            V::Path(_) => "path",
            V::Attrs(_) => "set",
            V::List(_) => "list",
            V::Lambda(_) | V::PrimOp(_) => "lambda",
            V::Unknown(_) => "unknown",
        }
    }
}

/// The entry named `name`. Most sets the module system reads have a few
/// entries: those are scanned by address, which touches no text; larger
/// ones are searched by name.
pub fn lookup<'a>(attrs: &'a [AttrEntry<'a>], name: Symbol) -> Option<&'a AttrEntry<'a>> {
    if attrs.len() <= 8 {
        return attrs.iter().find(|e| e.name == name);
    }
    attrs
        .binary_search_by(|e| e.name.cmp(&name))
        .ok()
        .map(|i| &attrs[i])
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            V::Null => write!(f, "null"),
            V::Bool(b) => write!(f, "{b}"),
            V::Int(i) => write!(f, "{i}"),
            V::Float(x) => write!(f, "{x}"),
            V::Str(s) => write!(f, "{s:?}"),
            V::Path(p) => write!(f, "{p}"),
            V::Attrs(a) => {
                write!(f, "{{")?;
                for e in a {
                    write!(f, " {} = ", e.name)?;
                    match e.value.value() {
                        Some(v) => write!(f, "{v:?};")?,
                        None => write!(f, "<thunk>;")?,
                    }
                }
                write!(f, " }}")
            }
            V::List(l) => {
                write!(f, "[")?;
                for t in l {
                    match t.value() {
                        Some(v) => write!(f, " {v:?}")?,
                        None => write!(f, " <thunk>")?,
                    }
                }
                write!(f, " ]")
            }
            V::Lambda(_) => write!(f, "<lambda>"),
            V::PrimOp(p) => write!(f, "<primop {}>", p.op.name),
            V::Unknown(u) => write!(f, "<unknown: {}>", u.reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hundreds of thousands of thunks are made per host: their size is
    /// much of the evaluator's memory traffic.
    #[test]
    fn a_thunk_is_a_value_and_its_bookkeeping() {
        assert_eq!(std::mem::size_of::<Value<'_>>(), 40);
        assert!(std::mem::size_of::<ThunkCell<'_>>() <= 48);
    }

    #[test]
    fn lookup_finds_every_name_and_only_those() {
        let heap = Heap::new();
        // Both sides of the size where lookup stops scanning.
        for n in [0usize, 1, 5, 8, 9, 40] {
            let names: Vec<Symbol> = (0..n).map(|i| Symbol::intern(&format!("k{i}"))).collect();
            let entries = names
                .iter()
                .map(|&name| AttrEntry {
                    name,
                    value: heap.ready(Value::null(Span::SYNTHETIC)),
                    span: Span::SYNTHETIC,
                })
                .collect();
            let attrs = heap.attrs(entries);
            for &name in &names {
                assert!(lookup(attrs, name).is_some_and(|e| e.name == name));
            }
            for absent in ["k", "k99", "", "zz", "a"] {
                assert!(
                    lookup(attrs, Symbol::intern(absent)).is_none(),
                    "{absent} in {n}"
                );
            }
        }
    }
}
