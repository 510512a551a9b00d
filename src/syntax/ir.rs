//! The lowered form of a Nix file that the evaluator walks.
//!
//! Lowering resolves every variable to a frame slot once (Nix itself binds
//! variables at parse time), merges nested attribute paths the way Nix's
//! parser does, and decodes string literals, so evaluation never looks at
//! syntax again.

use std::path::PathBuf;
use std::sync::Arc;

use crate::files::{FileId, Span};
use crate::symbol::Symbol;

/// One lowered file.
#[derive(Debug)]
pub struct Code {
    pub file: FileId,
    pub path: PathBuf,
    pub body: Expr,
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug)]
pub enum ExprKind {
    Int(i64),
    Float(f64),
    Str(Arc<str>),
    /// A path literal, already made absolute and normalised.
    Path(Arc<str>),
    /// `<name>`: depends on `NIX_PATH`, never known to pocketlint.
    SearchPath(Arc<str>),
    /// `~/...`: depends on the user running Nix.
    HomePath(Arc<str>),
    /// A string (or path, when `is_path`) built from literal and
    /// interpolated parts.
    Interp {
        parts: Vec<StrPart>,
        is_path: bool,
    },
    Var(Var),
    Select {
        target: Box<Expr>,
        path: Vec<Key>,
        default: Option<Box<Expr>>,
    },
    HasAttr {
        target: Box<Expr>,
        path: Vec<Key>,
    },
    Attrs(Box<AttrsExpr>),
    List(Vec<Expr>),
    Lambda(Box<LambdaExpr>),
    Apply {
        func: Box<Expr>,
        arg: Box<Expr>,
    },
    /// `let`: the bindings fill a new frame, the body runs in it.
    Let {
        binds: Box<AttrsExpr>,
        body: Box<Expr>,
    },
    With {
        scope: Box<Expr>,
        body: Box<Expr>,
    },
    If {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    Assert {
        cond: Box<Expr>,
        body: Box<Expr>,
    },
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `__curPos`
    CurPos {
        line: u32,
        column: u32,
    },
}

impl ExprKind {
    /// Evaluated on the spot when a thunk is asked for, since it costs less
    /// than the thunk: a literal or a function. (A variable is its own
    /// thunk.)
    pub fn is_immediate(&self) -> bool {
        matches!(
            self,
            ExprKind::Int(_)
                | ExprKind::Float(_)
                | ExprKind::Str(_)
                | ExprKind::Path(_)
                | ExprKind::Lambda(_)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Concat,
    Update,
    Eq,
    NotEq,
    Less,
    LessEq,
    Greater,
    GreaterEq,
    And,
    Or,
    Implies,
}

#[derive(Debug)]
pub enum StrPart {
    Lit(Arc<str>),
    Expr(Expr),
}

/// A variable reference, resolved at lowering time.
#[derive(Debug, Clone, Copy)]
pub enum Var {
    /// `up` frames outward, slot `slot`.
    Local { up: u32, slot: u32, name: Symbol },
    /// A builtin in Nix's global scope (`map`, `true`, `import`, ...).
    Global(Symbol),
    /// Not bound lexically: looked up in the enclosing `with` scopes,
    /// innermost first.
    With(Symbol),
}

/// One element of an attribute path in a select or `?`.
#[derive(Debug)]
pub enum Key {
    Static(Symbol, Span),
    Dynamic(Expr),
}

/// An attribute set literal (also the bindings of a `let`).
#[derive(Debug, Default)]
pub struct AttrsExpr {
    pub recursive: bool,
    /// Static names in first-definition order; for `rec` sets and `let`
    /// this is also the slot order of the new frame.
    pub entries: Vec<AttrEntry>,
    pub dynamic: Vec<DynamicEntry>,
    /// The `e` of each `inherit (e) ...;`, evaluated once per instance.
    pub inherit_sources: Vec<Expr>,
}

#[derive(Debug)]
pub struct AttrEntry {
    pub name: Symbol,
    /// The key as written (for diagnostics and provenance).
    pub span: Span,
    pub value: AttrValue,
    /// The value does not depend on the argument of the function around
    /// the set, whose closure scope is this many frames above the scope
    /// the value is evaluated in: all calls of one closure may share it
    /// (see `syntax::invariant`).
    pub shared: Option<u32>,
}

#[derive(Debug)]
pub enum AttrValue {
    Expr(Expr),
    /// `inherit x;`: looked up in the scope *around* the set.
    Inherit(Var, Span),
    /// `inherit (sources[i]) name;`
    InheritFrom {
        source: usize,
        span: Span,
    },
}

#[derive(Debug)]
pub struct DynamicEntry {
    pub key: Expr,
    pub value: Expr,
    pub span: Span,
}

#[derive(Debug)]
pub struct LambdaExpr {
    pub param: Param,
    pub body: Expr,
    pub span: Span,
    /// The attribute or `let` name the lambda was bound to, for messages.
    pub name: Option<Symbol>,
}

#[derive(Debug)]
pub enum Param {
    Ident(Symbol),
    Pattern {
        entries: Vec<Formal>,
        ellipsis: bool,
        /// `args@{ ... }`: the whole argument, in the slot after the formals.
        bind: Option<Symbol>,
    },
}

#[derive(Debug)]
pub struct Formal {
    pub name: Symbol,
    pub default: Option<Expr>,
    pub span: Span,
}

impl Param {
    pub fn slot_count(&self) -> usize {
        match self {
            Param::Ident(_) => 1,
            Param::Pattern { entries, bind, .. } => entries.len() + usize::from(bind.is_some()),
        }
    }
}
