//! Operators: arithmetic, comparison, deep equality, `//`, `++`, and
//! string coercion, with Nix's rules for mixing ints, floats, strings and
//! paths.

use std::cmp::Ordering;

use crate::files::Span;
use crate::syntax::ir::{BinOp, Expr};

use super::Evaluator;
use super::error::{EResult, ErrorKind, EvalError, type_error};
use super::value::{AttrEntry, Env, V, Value, lookup};

/// Why `==` (and `elem`, `unique`, ...) could not decide.
pub(crate) const UNDECIDED_EQUALITY: &str = "compared an unknown value, or a value holding functions or unevaluated parts that Nix may build once per call";

/// How a value is turned into a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoerceMode {
    /// `"${x}"` and `"a" + x`: strings, paths (copied to the store) and
    /// sets with `__toString`/`outPath` only.
    Interpolation,
    /// An interpolated part of a path literal: paths stay paths.
    PathPart,
    /// `builtins.toString`: also numbers, Booleans, null and lists.
    ToString,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl<'a> Evaluator<'a> {
    pub(super) fn eval_binary(
        &mut self,
        op: BinOp,
        lhs: &'a Expr,
        rhs: &'a Expr,
        env: &'a Env<'a>,
        span: Span,
    ) -> EResult<Value<'a>> {
        match op {
            BinOp::And | BinOp::Or | BinOp::Implies => {
                let l = self.eval(lhs, env)?;
                let lb = match l.kind {
                    V::Bool(b) => b,
                    V::Unknown(_) => return Ok(l),
                    _ => {
                        return type_error(
                            format!("value is {} while a Boolean was expected", l.type_name()),
                            lhs.span,
                        );
                    }
                };
                let short = match op {
                    BinOp::And => (!lb).then_some(false),
                    BinOp::Or => lb.then_some(true),
                    _ => (!lb).then_some(true),
                };
                if let Some(result) = short {
                    return Ok(Value::bool(result, span));
                }
                let r = self.eval(rhs, env)?;
                match r.kind {
                    V::Bool(b) => Ok(Value::bool(b, span)),
                    V::Unknown(_) => Ok(r),
                    _ => type_error(
                        format!("value is {} while a Boolean was expected", r.type_name()),
                        rhs.span,
                    ),
                }
            }
            _ => {
                let l = self.eval(lhs, env)?;
                let r = self.eval(rhs, env)?;
                self.binary_values(op, l, r, span)
            }
        }
    }

    pub fn binary_values(
        &mut self,
        op: BinOp,
        l: Value<'a>,
        r: Value<'a>,
        span: Span,
    ) -> EResult<Value<'a>> {
        match op {
            BinOp::Add => self.arith(ArithOp::Add, l, r, span),
            BinOp::Sub => self.arith(ArithOp::Sub, l, r, span),
            BinOp::Mul => self.arith(ArithOp::Mul, l, r, span),
            BinOp::Div => self.arith(ArithOp::Div, l, r, span),
            BinOp::Eq | BinOp::NotEq => match self.equal(l, r)? {
                Some(eq) => Ok(Value::bool(eq == (op == BinOp::Eq), span)),
                None => Ok(self.unknown(UNDECIDED_EQUALITY, span)),
            },
            BinOp::Less | BinOp::LessEq | BinOp::Greater | BinOp::GreaterEq => {
                let ord = match op {
                    BinOp::Less | BinOp::GreaterEq => self.less_than(l, r, span)?,
                    _ => self.less_than(r, l, span)?,
                };
                match ord {
                    Some(lt) => Ok(Value::bool(
                        match op {
                            BinOp::Less | BinOp::Greater => lt,
                            _ => !lt,
                        },
                        span,
                    )),
                    None => Ok(self.unknown(UNDECIDED_EQUALITY, span)),
                }
            }
            BinOp::Concat => self.concat_lists(l, r, span),
            BinOp::Update => self.update(l, r, span),
            BinOp::And | BinOp::Or | BinOp::Implies => {
                unreachable!("short-circuiting handled above")
            }
        }
    }

    pub fn concat_lists(&mut self, l: Value<'a>, r: Value<'a>, span: Span) -> EResult<Value<'a>> {
        match (l.kind, r.kind) {
            (V::List(a), V::List(b)) => {
                if a.is_empty() {
                    return Ok(Value::new(V::List(b), span));
                }
                if b.is_empty() {
                    return Ok(Value::new(V::List(a), span));
                }
                let mut items = Vec::with_capacity(a.len() + b.len());
                items.extend_from_slice(a);
                items.extend_from_slice(b);
                Ok(Value::new(V::List(self.heap.list(&items)), span))
            }
            (V::Unknown(_), _) => Ok(l),
            (_, V::Unknown(_)) => Ok(r),
            (V::List(_), _) => type_error(
                format!("value is {} while a list was expected", r.type_name()),
                r.span,
            ),
            _ => type_error(
                format!("value is {} while a list was expected", l.type_name()),
                l.span,
            ),
        }
    }

    /// `l // r`: a shallow merge where `r` wins.
    pub fn update(&mut self, l: Value<'a>, r: Value<'a>, span: Span) -> EResult<Value<'a>> {
        match (l.kind, r.kind) {
            (V::Attrs(a), V::Attrs(b)) => {
                // An empty operand adds nothing, unless it is open: then
                // the result must be marked open too (below).
                if b.is_empty() && self.open_kind(b).is_none() {
                    return Ok(Value::new(V::Attrs(a), span));
                }
                if a.is_empty() && self.open_kind(a).is_none() {
                    return Ok(Value::new(V::Attrs(b), span));
                }
                let mut out: Vec<AttrEntry<'a>> = Vec::with_capacity(a.len() + b.len());
                let (mut i, mut j) = (0, 0);
                while i < a.len() && j < b.len() {
                    match a[i].name.cmp(&b[j].name) {
                        Ordering::Less => {
                            out.push(a[i]);
                            i += 1;
                        }
                        Ordering::Greater => {
                            out.push(b[j]);
                            j += 1;
                        }
                        Ordering::Equal => {
                            out.push(b[j]);
                            i += 1;
                            j += 1;
                        }
                    }
                }
                out.extend_from_slice(&a[i..]);
                out.extend_from_slice(&b[j..]);
                let mut merged = self.heap.attrs_sorted(&out);
                // An attribute missing from an open operand may still be
                // defined where pocketlint cannot see: so it may in the
                // result.
                if let Some(kind) = self.open_kind(b).or_else(|| self.open_kind(a)) {
                    merged = self.mark_as(merged, kind);
                }
                Ok(Value::new(V::Attrs(merged), span))
            }
            (V::Unknown(_), _) => Ok(l),
            (_, V::Unknown(_)) => Ok(r),
            (V::Attrs(_), _) => type_error(
                format!("value is {} while a set was expected", r.type_name()),
                r.span,
            ),
            _ => type_error(
                format!("value is {} while a set was expected", l.type_name()),
                l.span,
            ),
        }
    }

    pub fn arith(
        &mut self,
        op: ArithOp,
        l: Value<'a>,
        r: Value<'a>,
        span: Span,
    ) -> EResult<Value<'a>> {
        match (l.kind, r.kind) {
            (V::Unknown(_), _) => Ok(l),
            (_, V::Unknown(_)) => Ok(r),
            (V::Int(a), V::Int(b)) => {
                let v = match op {
                    ArithOp::Add => a.wrapping_add(b),
                    ArithOp::Sub => a.wrapping_sub(b),
                    ArithOp::Mul => a.wrapping_mul(b),
                    ArithOp::Div => {
                        if b == 0 {
                            return Err(EvalError::new(
                                ErrorKind::DivisionByZero,
                                "division by zero",
                                span,
                            ));
                        }
                        match a.checked_div(b) {
                            Some(q) => q,
                            None => {
                                return Err(EvalError::new(
                                    ErrorKind::Other,
                                    "overflow in integer division",
                                    span,
                                ));
                            }
                        }
                    }
                };
                Ok(Value::new(V::Int(v), span))
            }
            (V::Int(_) | V::Float(_), V::Int(_) | V::Float(_)) => {
                let a = as_f64(l.kind);
                let b = as_f64(r.kind);
                let v = match op {
                    ArithOp::Add => a + b,
                    ArithOp::Sub => a - b,
                    ArithOp::Mul => a * b,
                    ArithOp::Div => {
                        if b == 0.0 {
                            return Err(EvalError::new(
                                ErrorKind::DivisionByZero,
                                "division by zero",
                                span,
                            ));
                        }
                        a / b
                    }
                };
                Ok(Value::new(V::Float(v), span))
            }
            _ if op == ArithOp::Add => self.add_strings_or_paths(l, r, span),
            (V::Int(_) | V::Float(_), _) => type_error(
                format!("value is {} while an integer was expected", r.type_name()),
                r.span,
            ),
            _ => type_error(
                format!("value is {} while an integer was expected", l.type_name()),
                l.span,
            ),
        }
    }

    fn add_strings_or_paths(
        &mut self,
        l: Value<'a>,
        r: Value<'a>,
        span: Span,
    ) -> EResult<Value<'a>> {
        match l.kind {
            V::Path(p) => {
                // `path + x`: x is coerced without copying to the store and
                // the result is a path again.
                let Some(rs) = self.coerce_to_string(r, CoerceMode::PathPart, r.span)? else {
                    return Ok(self.unknown("added an unknown value to a path", span));
                };
                let joined = format!("{p}{rs}");
                let norm = crate::syntax::normalize_path(&joined);
                Ok(Value::new(V::Path(self.heap.str(&norm)), span))
            }
            V::Str(_) | V::Attrs(_) => {
                let Some(ls) = self.coerce_to_string(l, CoerceMode::Interpolation, l.span)? else {
                    return Ok(self.unknown("added an unknown value to a string", span));
                };
                let Some(rs) = self.coerce_to_string(r, CoerceMode::Interpolation, r.span)? else {
                    return Ok(self.unknown("added an unknown value to a string", span));
                };
                let mut b = super::provenance::StrBuilder::new();
                b.push_coerced(self, l, &ls);
                b.push_coerced(self, r, &rs);
                Ok(b.finish(self, span))
            }
            _ => Err(EvalError::new(
                ErrorKind::TypeError,
                format!("cannot add {} to {}", r.type_name(), l.type_name()),
                span,
            )),
        }
    }

    /// `Some(l < r)`, `None` when unknown.
    pub fn less_than(&mut self, l: Value<'a>, r: Value<'a>, span: Span) -> EResult<Option<bool>> {
        self.enter(span)?;
        let result = self.less_than_inner(l, r, span);
        self.leave();
        result
    }

    fn less_than_inner(&mut self, l: Value<'a>, r: Value<'a>, span: Span) -> EResult<Option<bool>> {
        match (l.kind, r.kind) {
            (V::Unknown(_), _) | (_, V::Unknown(_)) => Ok(None),
            (V::Int(a), V::Int(b)) => Ok(Some(a < b)),
            (V::Int(_) | V::Float(_), V::Int(_) | V::Float(_)) => {
                Ok(Some(as_f64(l.kind) < as_f64(r.kind)))
            }
            (V::Str(a), V::Str(b)) | (V::Path(a), V::Path(b)) => Ok(Some(a < b)),
            (V::List(a), V::List(b)) => {
                for (x, y) in a.iter().zip(b.iter()) {
                    let xv = self.force(x)?;
                    let yv = self.force(y)?;
                    match self.equal(xv, yv)? {
                        None => return Ok(None),
                        Some(true) => {}
                        Some(false) => return self.less_than(xv, yv, span),
                    }
                }
                Ok(Some(a.len() < b.len()))
            }
            _ => type_error(
                format!("cannot compare {} with {}", l.type_name(), r.type_name()),
                span,
            ),
        }
    }

    /// Deep equality; `None` when an unknown value decides it.
    pub fn equal(&mut self, l: Value<'a>, r: Value<'a>) -> EResult<Option<bool>> {
        self.enter(l.span)?;
        let result = self.equal_inner(l, r);
        self.leave();
        result
    }

    /// `==` on one thunk with itself. Nix answers `true` without looking
    /// (its pointer-equality shortcut). But once this evaluation has shared
    /// work between calls (`Evaluator::memo_key`, `syntax::invariant`), one
    /// of our thunks may stand for values Nix builds once per call and then
    /// compares member by member: functions inside make that `false`, a
    /// `throw` inside an error. Then only a fully evaluated value without
    /// functions is known to be equal to itself; anything else is unknown.
    fn same_thunk_equal(&self, t: super::Thunk<'a>) -> Option<bool> {
        if !self.shared_work {
            return Some(true);
        }
        t.value().and_then(|v| self.same_value_equal(v))
    }

    /// [`Self::same_thunk_equal`] for a value.
    fn same_value_equal(&self, v: Value<'a>) -> Option<bool> {
        if !self.shared_work {
            return Some(true);
        }
        let mut stack = vec![v];
        let mut budget = 10_000usize;
        while let Some(v) = stack.pop() {
            budget = budget.checked_sub(1)?;
            match v.kind {
                V::Attrs(a) => {
                    for e in a {
                        stack.push(e.value.value()?);
                    }
                }
                V::List(l) => {
                    for t in l {
                        stack.push(t.value()?);
                    }
                }
                V::Lambda(_) | V::PrimOp(_) | V::Unknown(_) => return None,
                _ => {}
            }
        }
        Some(true)
    }

    fn equal_inner(&mut self, l: Value<'a>, r: Value<'a>) -> EResult<Option<bool>> {
        match (l.kind, r.kind) {
            (V::Unknown(_), _) | (_, V::Unknown(_)) => Ok(None),
            (V::Int(a), V::Int(b)) => Ok(Some(a == b)),
            #[allow(clippy::float_cmp)]
            (V::Int(_) | V::Float(_), V::Int(_) | V::Float(_)) => {
                Ok(Some(as_f64(l.kind) == as_f64(r.kind)))
            }
            (V::Str(a), V::Str(b)) | (V::Path(a), V::Path(b)) => Ok(Some(a == b)),
            (V::Null, V::Null) => Ok(Some(true)),
            (V::Bool(a), V::Bool(b)) => Ok(Some(a == b)),
            (V::List(a), V::List(b)) => {
                if a.len() != b.len() {
                    return Ok(Some(false));
                }
                let mut unknown = false;
                for (x, y) in a.iter().zip(b.iter()) {
                    if std::ptr::eq(*x, *y) {
                        if self.same_thunk_equal(x) != Some(true) {
                            unknown = true;
                        }
                        continue;
                    }
                    let xv = self.force(x)?;
                    let yv = self.force(y)?;
                    match self.equal(xv, yv)? {
                        Some(false) => return Ok(Some(false)),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                Ok(if unknown { None } else { Some(true) })
            }
            (V::Attrs(a), V::Attrs(b)) => {
                if std::ptr::eq(a, b) {
                    return Ok(self.same_value_equal(l));
                }
                // Derivations compare by output path.
                if self.is_derivation(a)? && self.is_derivation(b)? {
                    let ao = lookup(a, crate::sym!("outPath"));
                    let bo = lookup(b, crate::sym!("outPath"));
                    if let (Some(ao), Some(bo)) = (ao, bo) {
                        let av = self.force(ao.value)?;
                        let bv = self.force(bo.value)?;
                        return self.equal(av, bv);
                    }
                }
                if a.len() != b.len() {
                    return Ok(Some(false));
                }
                let mut unknown = false;
                for (x, y) in a.iter().zip(b.iter()) {
                    if x.name != y.name {
                        return Ok(Some(false));
                    }
                }
                for (x, y) in a.iter().zip(b.iter()) {
                    if std::ptr::eq(x.value, y.value) {
                        if self.same_thunk_equal(x.value) != Some(true) {
                            unknown = true;
                        }
                        continue;
                    }
                    let xv = self.force(x.value)?;
                    let yv = self.force(y.value)?;
                    match self.equal(xv, yv)? {
                        Some(false) => return Ok(Some(false)),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                Ok(if unknown { None } else { Some(true) })
            }
            _ => Ok(Some(false)),
        }
    }

    fn is_derivation(&mut self, attrs: &'a [AttrEntry<'a>]) -> EResult<bool> {
        match lookup(attrs, crate::sym!("type")) {
            Some(t) => {
                let v = self.force(t.value)?;
                Ok(matches!(v.kind, V::Str("derivation")))
            }
            None => Ok(false),
        }
    }

    /// Coerces to a string as Nix does in `mode`; `None` when the value is
    /// (or contains) an unknown.
    pub fn coerce_to_string(
        &mut self,
        v: Value<'a>,
        mode: CoerceMode,
        span: Span,
    ) -> EResult<Option<String>> {
        self.enter(span)?;
        let result = self.coerce_inner(v, mode, span);
        self.leave();
        result
    }

    fn coerce_inner(
        &mut self,
        v: Value<'a>,
        mode: CoerceMode,
        span: Span,
    ) -> EResult<Option<String>> {
        match v.kind {
            V::Str(s) => Ok(Some(s.to_string())),
            V::Unknown(_) => Ok(None),
            V::Path(p) => match mode {
                CoerceMode::Interpolation => Ok(self.store_path_of(p, span)?),
                CoerceMode::PathPart | CoerceMode::ToString => Ok(Some(p.to_string())),
            },
            V::Attrs(attrs) => {
                if let Some(f) = lookup(attrs, crate::sym!("__toString")) {
                    let f = self.force(f.value)?;
                    let result = self.call(f, v, span)?;
                    return self.coerce_to_string(result, mode, span);
                }
                if let Some(out) = lookup(attrs, crate::sym!("outPath")) {
                    let out = self.force(out.value)?;
                    return self.coerce_to_string(out, mode, span);
                }
                Err(cannot_coerce(&v, span))
            }
            V::Int(i) if mode == CoerceMode::ToString => Ok(Some(i.to_string())),
            V::Float(f) if mode == CoerceMode::ToString => Ok(Some(format!("{f:.6}"))),
            V::Bool(b) if mode == CoerceMode::ToString => {
                Ok(Some(if b { "1".into() } else { String::new() }))
            }
            V::Null if mode == CoerceMode::ToString => Ok(Some(String::new())),
            V::List(items) if mode == CoerceMode::ToString => {
                let mut out = String::new();
                for (n, t) in items.iter().enumerate() {
                    let item = self.force(t)?;
                    match self.coerce_to_string(item, mode, span)? {
                        Some(s) => out.push_str(&s),
                        None => return Ok(None),
                    }
                    let is_empty_list = matches!(item.kind, V::List(l) if l.is_empty());
                    if n + 1 < items.len() && !is_empty_list {
                        out.push(' ');
                    }
                }
                Ok(Some(out))
            }
            _ => Err(cannot_coerce(&v, span)),
        }
    }

    /// Forces `v` to a string (no coercion), `None` for unknown.
    pub fn expect_string(&mut self, v: Value<'a>, span: Span) -> EResult<Option<&'a str>> {
        match v.kind {
            V::Str(s) => Ok(Some(s)),
            V::Unknown(_) => Ok(None),
            _ => type_error(
                format!("value is {} while a string was expected", v.type_name()),
                if v.span.is_synthetic() { span } else { v.span },
            ),
        }
    }

    fn store_path_of(&mut self, path: &str, span: Span) -> EResult<Option<String>> {
        self.note_read(std::path::Path::new(path));
        match super::store::store_path_for(&self.ctx.vfs, std::path::Path::new(path)) {
            Ok(p) => Ok(Some(p)),
            Err(super::store::StoreError::Outside) => Ok(None),
            Err(super::store::StoreError::Fs(e)) => Err(EvalError::new(
                ErrorKind::FileError,
                format!("cannot copy `{path}` to the store: {e}"),
                span,
            )),
        }
    }
}

fn cannot_coerce(v: &Value<'_>, span: Span) -> Box<EvalError> {
    EvalError::new(
        ErrorKind::CannotCoerce,
        format!("cannot coerce {} to a string", v.type_name()),
        if v.span.is_synthetic() { span } else { v.span },
    )
}

#[allow(clippy::cast_precision_loss)]
fn as_f64(v: V<'_>) -> f64 {
    match v {
        V::Int(i) => i as f64,
        V::Float(f) => f,
        _ => f64::NAN,
    }
}
