//! Evaluation of expressions and function application.

use crate::files::Span;
use crate::symbol::Symbol;
use crate::syntax::ir::{AttrValue, AttrsExpr, Expr, ExprKind, Key, LambdaExpr, Param, StrPart};

use super::Evaluator;
use super::error::{EResult, ErrorKind, EvalError, type_error};
use super::ops::CoerceMode;
use super::value::{AttrEntry, Env, Thunk, ThunkState, V, Value, lookup};

impl<'a> Evaluator<'a> {
    /// Evaluates `e` in `env` to weak head normal form.
    pub fn eval(&mut self, e: &'a Expr, env: &'a Env<'a>) -> EResult<Value<'a>> {
        self.tick(e.span)?;
        self.enter(e.span)?;
        let r = self.eval_inner(e, env);
        self.leave();
        r
    }

    fn eval_inner(&mut self, e: &'a Expr, env: &'a Env<'a>) -> EResult<Value<'a>> {
        let span = e.span;
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::new(V::Int(*i), span)),
            ExprKind::Float(f) => Ok(Value::new(V::Float(*f), span)),
            ExprKind::Str(s) => Ok(Value::new(V::Str(s), span)),
            ExprKind::Path(p) => Ok(Value::new(V::Path(p), span)),
            ExprKind::SearchPath(name) => {
                Ok(self.unknown(&format!("`<{name}>` depends on the Nix search path"), span))
            }
            ExprKind::HomePath(p) => Ok(self.unknown(
                &format!("`{p}` depends on the home directory of whoever runs Nix"),
                span,
            )),
            ExprKind::Interp { parts, is_path } => self.eval_interp(parts, *is_path, env, span),
            ExprKind::Var(var) => {
                let t = self.var_thunk(*var, env, span)?;
                let v = self.force(t).map_err(|err| locate(err, span))?;
                Ok(v)
            }
            ExprKind::Select {
                target,
                path,
                default,
            } => self.eval_select(target, path, default.as_deref(), env, span),
            ExprKind::HasAttr { target, path } => self.eval_has_attr(target, path, env, span),
            ExprKind::Attrs(attrs) => self.eval_attrs(attrs, env, span),
            ExprKind::List(items) => {
                let mut thunks = Vec::with_capacity(items.len());
                for item in items {
                    thunks.push(self.thunk(item, env)?);
                }
                Ok(Value::new(V::List(self.heap.list(&thunks)), span))
            }
            ExprKind::Lambda(lam) => Ok(Value::new(V::Lambda(self.heap.closure(lam, env)), span)),
            ExprKind::Apply { func, arg } => {
                let f = self.eval(func, env)?;
                let a = self.thunk(arg, env)?;
                self.apply(f, a, span)
            }
            ExprKind::Let { binds, body } => {
                let inner = self.bind_recursive(binds, env)?;
                self.eval(body, inner)
            }
            ExprKind::With { scope, body } => {
                let frame = self.heap.env(1, Some(env), true);
                let scope_thunk = self.thunk(scope, env)?;
                frame.slots[0].set(Some(scope_thunk));
                self.eval(body, frame)
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                let c = self.eval(cond, env)?;
                match c.kind {
                    V::Bool(true) => self.eval(then, env),
                    V::Bool(false) => self.eval(otherwise, env),
                    V::Unknown(u) => Ok(self.unknown(
                        &format!("the condition of an `if` is unknown: {}", u.reason),
                        span,
                    )),
                    _ => type_error(
                        format!("value is {} while a Boolean was expected", c.type_name()),
                        cond.span,
                    ),
                }
            }
            ExprKind::Assert { cond, body } => {
                let c = self.eval(cond, env)?;
                match c.kind {
                    V::Bool(true) => self.eval(body, env),
                    V::Bool(false) => Err(EvalError::new(
                        ErrorKind::AssertionFailed,
                        "assertion failed",
                        cond.span,
                    )),
                    V::Unknown(u) => Ok(self.unknown(
                        &format!("the condition of an `assert` is unknown: {}", u.reason),
                        span,
                    )),
                    _ => type_error(
                        format!("value is {} while a Boolean was expected", c.type_name()),
                        cond.span,
                    ),
                }
            }
            ExprKind::Not(inner) => {
                let v = self.eval(inner, env)?;
                match v.kind {
                    V::Bool(b) => Ok(Value::bool(!b, span)),
                    V::Unknown(_) => Ok(v),
                    _ => type_error(
                        format!("value is {} while a Boolean was expected", v.type_name()),
                        inner.span,
                    ),
                }
            }
            ExprKind::Neg(inner) => {
                // Nix desugars `-x` to `__sub 0 x`.
                let v = self.eval(inner, env)?;
                let zero = Value::new(V::Int(0), span);
                self.arith(super::ops::ArithOp::Sub, zero, v, span)
            }
            ExprKind::Binary { op, lhs, rhs } => self.eval_binary(*op, lhs, rhs, env, span),
            ExprKind::CurPos { line, column } => {
                let file = self
                    .ctx
                    .db
                    .get(span.file)
                    .map(|f| f.path.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let pairs = vec![
                    (crate::sym!("file"), self.string(&file, span)),
                    (crate::sym!("line"), Value::int(i64::from(*line), span)),
                    (crate::sym!("column"), Value::int(i64::from(*column), span)),
                ];
                Ok(self.attrs_from(pairs, span))
            }
        }
    }

    fn eval_interp(
        &mut self,
        parts: &'a [StrPart],
        is_path: bool,
        env: &'a Env<'a>,
        span: Span,
    ) -> EResult<Value<'a>> {
        let mut out = super::provenance::StrBuilder::new();
        for (i, part) in parts.iter().enumerate() {
            match part {
                StrPart::Lit(s) => {
                    out.push_text(s, span, super::provenance::PieceKind::Template);
                }
                StrPart::Expr(e) => {
                    let v = self.eval(e, env)?;
                    // In a path, the interpolated parts are not copied to
                    // the store; in a string, a path is.
                    let mode = if is_path {
                        CoerceMode::PathPart
                    } else {
                        CoerceMode::Interpolation
                    };
                    if let Some(s) = self.coerce_to_string(v, mode, e.span)? {
                        if is_path && i == 0 && !s.starts_with('/') {
                            return Err(EvalError::new(
                                ErrorKind::Other,
                                format!("string '{s}' doesn't represent an absolute path"),
                                e.span,
                            ));
                        }
                        out.push_coerced(self, v, &s);
                    } else {
                        let reason = v.as_unknown().map_or("unknown", |u| u.reason);
                        return Ok(self.unknown(reason, span));
                    }
                }
            }
        }
        if is_path {
            let p = crate::syntax::normalize_path(out.text());
            Ok(Value::new(V::Path(self.heap.str(&p)), span))
        } else {
            Ok(out.finish(self, span))
        }
    }

    /// The name a key stands for, or `None` when it is unknown (or `null`
    /// for a dynamic attribute, which drops it).
    fn key_name(&mut self, key: &'a Key, env: &'a Env<'a>) -> EResult<KeyName<'a>> {
        match key {
            Key::Static(name, _) => Ok(KeyName::Name(*name)),
            Key::Dynamic(e) => {
                let v = self.eval(e, env)?;
                match v.kind {
                    V::Str(s) => Ok(KeyName::Name(Symbol::intern(s))),
                    V::Null => Ok(KeyName::Null),
                    V::Unknown(_) => Ok(KeyName::Unknown(v)),
                    _ => type_error(
                        format!("value is {} while a string was expected", v.type_name()),
                        e.span,
                    ),
                }
            }
        }
    }

    fn eval_select(
        &mut self,
        target: &'a Expr,
        path: &'a [Key],
        default: Option<&'a Expr>,
        env: &'a Env<'a>,
        span: Span,
    ) -> EResult<Value<'a>> {
        let mut cur = self.eval(target, env)?;
        for key in path {
            let name = match self.key_name(key, env)? {
                KeyName::Name(n) => n,
                KeyName::Unknown(v) => return Ok(v),
                KeyName::Null => {
                    return type_error("value is null while a string was expected", key_span(key));
                }
            };
            match cur.kind {
                V::Attrs(attrs) => {
                    if let Some(entry) = lookup(attrs, name) {
                        if self.ext.selections.is_some() {
                            self.note_selection(key_span(key), entry.span);
                        }
                        cur = self
                            .force(entry.value)
                            .map_err(|err| locate(err, key_span(key)))?;
                    } else {
                        if let Some(u) =
                            self.missing_from_open(attrs, name, key_span(key), default.is_some())
                        {
                            return Ok(u);
                        }
                        if let Some(d) = default {
                            return self.eval(d, env);
                        }
                        return Err(missing_attr(name, attrs, key_span(key)));
                    }
                }
                V::Unknown(u) if self.pkgs_member(u, name).is_some() => {
                    cur = self.pkgs_member(u, name).expect("checked");
                }
                // An unknown that came from nowhere in particular (a module
                // argument) is located where the configuration reads it.
                V::Unknown(u) if u.span.is_synthetic() => return Ok(self.unknown(u.reason, span)),
                V::Unknown(_) => return Ok(cur),
                _ => {
                    if let Some(d) = default {
                        return self.eval(d, env);
                    }
                    return type_error(
                        format!("value is {} while a set was expected", cur.type_name()),
                        span,
                    );
                }
            }
        }
        Ok(cur)
    }

    fn eval_has_attr(
        &mut self,
        target: &'a Expr,
        path: &'a [Key],
        env: &'a Env<'a>,
        span: Span,
    ) -> EResult<Value<'a>> {
        let mut cur = self.eval(target, env)?;
        for (i, key) in path.iter().enumerate() {
            match cur.kind {
                V::Attrs(attrs) => {
                    let name = match self.key_name(key, env)? {
                        KeyName::Name(n) => n,
                        KeyName::Unknown(v) => return Ok(v),
                        KeyName::Null => {
                            return type_error(
                                "value is null while a string was expected",
                                key_span(key),
                            );
                        }
                    };
                    match lookup(attrs, name) {
                        Some(entry) => {
                            if i + 1 < path.len() {
                                cur = self.force(entry.value)?;
                            }
                        }
                        None if self.is_open(attrs) => {
                            return Ok(self.unknown(
                                &format!(
                                    "whether `lib` has `{name}` depends on the nixpkgs version"
                                ),
                                span,
                            ));
                        }
                        None => return Ok(Value::bool(false, span)),
                    }
                }
                V::Unknown(_) => return Ok(cur),
                _ => return Ok(Value::bool(false, span)),
            }
        }
        Ok(Value::bool(true, span))
    }

    /// Creates the frame of a `let` or `rec` set and fills it.
    fn bind_recursive(&mut self, binds: &'a AttrsExpr, env: &'a Env<'a>) -> EResult<&'a Env<'a>> {
        let frame = self.heap.env(binds.entries.len(), Some(env), false);
        let sources = self.inherit_sources(binds, frame)?;
        for (i, entry) in binds.entries.iter().enumerate() {
            let t = self.entry_thunk(entry, env, frame, &sources)?;
            frame.slots[i].set(Some(t));
        }
        Ok(frame)
    }

    fn inherit_sources(
        &mut self,
        attrs: &'a AttrsExpr,
        env: &'a Env<'a>,
    ) -> EResult<Vec<Thunk<'a>>> {
        let mut out = Vec::with_capacity(attrs.inherit_sources.len());
        for s in &attrs.inherit_sources {
            out.push(self.thunk(s, env)?);
        }
        Ok(out)
    }

    /// `outer` is the scope around the set (plain `inherit` reads it);
    /// `inner` is where values are evaluated (the set's own frame when
    /// recursive).
    fn entry_thunk(
        &mut self,
        entry: &'a crate::syntax::ir::AttrEntry,
        outer: &'a Env<'a>,
        inner: &'a Env<'a>,
        sources: &[Thunk<'a>],
    ) -> EResult<Thunk<'a>> {
        let name = entry.name;
        match &entry.value {
            AttrValue::Expr(e) => match entry.shared {
                Some(up) => self.shared_thunk(e, inner, up),
                None => self.thunk(e, inner),
            },
            AttrValue::Inherit(var, span) => match var {
                crate::syntax::ir::Var::With(_) => {
                    // Resolve lazily: the `with` scope may not be needed.
                    let var = *var;
                    let span = *span;
                    Ok(self.heap.native(move |ev: &mut Evaluator<'a>| {
                        let t = ev.var_thunk(var, outer, span)?;
                        ev.force(t)
                    }))
                }
                _ => self.var_thunk(*var, outer, *span),
            },
            AttrValue::InheritFrom { source, span } => {
                Ok(self
                    .heap
                    .thunk(ThunkState::Select(sources[*source], name, *span)))
            }
        }
    }

    /// The thunk of a value that every call of the closure `up` frames
    /// above `env` shares (see `syntax::invariant`): made by the first
    /// call, reused by the others.
    fn shared_thunk(&mut self, e: &'a Expr, env: &'a Env<'a>, up: u32) -> EResult<Thunk<'a>> {
        let mut closure = env;
        for _ in 0..up {
            closure = closure.parent.expect("lowering counted the frames");
        }
        let key = (
            std::ptr::from_ref(e) as usize,
            std::ptr::from_ref(closure) as usize,
        );
        if let Some(t) = self.shared_thunks.get(&key) {
            let t = *t;
            self.shared_work = true;
            return Ok(t);
        }
        let t = self.thunk(e, env)?;
        self.shared_thunks.insert(key, t);
        Ok(t)
    }

    fn eval_attrs(
        &mut self,
        attrs: &'a AttrsExpr,
        env: &'a Env<'a>,
        span: Span,
    ) -> EResult<Value<'a>> {
        let inner = if attrs.recursive {
            self.bind_recursive(attrs, env)?
        } else {
            env
        };
        let sources = if attrs.recursive {
            Vec::new()
        } else {
            self.inherit_sources(attrs, env)?
        };
        let mut entries = Vec::with_capacity(attrs.entries.len() + attrs.dynamic.len());
        for (i, entry) in attrs.entries.iter().enumerate() {
            let value = if attrs.recursive {
                inner.slots[i].get().expect("filled by bind_recursive")
            } else {
                self.entry_thunk(entry, env, env, &sources)?
            };
            entries.push(AttrEntry {
                name: entry.name,
                value,
                span: entry.span,
            });
        }
        if !attrs.dynamic.is_empty() {
            let static_count = entries.len();
            for d in &attrs.dynamic {
                let k = self.eval(&d.key, inner)?;
                let name = match k.kind {
                    V::Str(s) => Symbol::intern(s),
                    V::Null => continue,
                    V::Unknown(u) => {
                        return Ok(self.unknown(
                            &format!("an attribute name is unknown: {}", u.reason),
                            span,
                        ));
                    }
                    _ => {
                        return type_error(
                            format!("value is {} while a string was expected", k.type_name()),
                            d.key.span,
                        );
                    }
                };
                if let Some(prev) = entries.iter().find(|e| e.name == name) {
                    let _ = static_count;
                    return Err(EvalError::new(
                        ErrorKind::DuplicateAttribute,
                        format!(
                            "dynamic attribute '{name}' already defined at {}",
                            self.describe_span(prev.span)
                        ),
                        d.span,
                    ));
                }
                let value = self.thunk(&d.value, inner)?;
                entries.push(AttrEntry {
                    name,
                    value,
                    span: d.span,
                });
            }
        }
        Ok(Value::new(V::Attrs(self.heap.attrs(entries)), span))
    }

    /// `file:line:col` of a span, for messages.
    pub fn describe_span(&self, span: Span) -> String {
        match self.ctx.db.get(span.file) {
            Some(f) => {
                let lc = f.line_col(span.start);
                format!("{}:{}:{}", f.path.display(), lc.line, lc.column)
            }
            None => "«internal»".to_string(),
        }
    }

    /// Applies a function to a (lazy) argument.
    pub fn apply(&mut self, f: Value<'a>, arg: Thunk<'a>, span: Span) -> EResult<Value<'a>> {
        self.enter(span)?;
        let r = self.apply_inner(f, arg, span);
        self.leave();
        r
    }

    fn apply_inner(&mut self, f: Value<'a>, arg: Thunk<'a>, span: Span) -> EResult<Value<'a>> {
        match f.kind {
            V::Lambda(closure) => self.call_lambda(closure.lambda, closure.env, arg, span),
            V::PrimOp(app) => {
                let op = app.op;
                if app.args.len() + 1 == op.arity {
                    let mut args = Vec::with_capacity(op.arity);
                    args.extend_from_slice(app.args);
                    args.push(arg);
                    (op.func)(self, &args, span)
                } else {
                    let mut args = app.args.to_vec();
                    args.push(arg);
                    Ok(Value::new(V::PrimOp(self.heap.primop(op, &args)), span))
                }
            }
            V::Attrs(attrs) => match lookup(attrs, crate::sym!("__functor")) {
                Some(functor) => {
                    let functor = self.force(functor.value)?;
                    let self_thunk = self.heap.ready(f);
                    let partially = self.apply(functor, self_thunk, span)?;
                    self.apply(partially, arg, span)
                }
                None => type_error(
                    format!(
                        "attempt to call something which is not a function but {}",
                        f.type_name()
                    ),
                    span,
                ),
            },
            V::Unknown(u) => {
                Ok(self.unknown(&format!("called an unknown function: {}", u.reason), span))
            }
            _ => type_error(
                format!(
                    "attempt to call something which is not a function but {}",
                    f.type_name()
                ),
                span,
            ),
        }
    }

    fn call_lambda(
        &mut self,
        lambda: &'a LambdaExpr,
        env: &'a Env<'a>,
        arg: Thunk<'a>,
        span: Span,
    ) -> EResult<Value<'a>> {
        match &lambda.param {
            Param::Ident(_) => {
                let frame = self.heap.env(1, Some(env), false);
                frame.slots[0].set(Some(arg));
                self.eval(&lambda.body, frame)
            }
            Param::Pattern {
                entries,
                ellipsis,
                bind,
            } => {
                let a = self.force(arg)?;
                let key = self.memo_key(lambda, env, a);
                if let Some(v) = key.as_ref().and_then(|k| self.call_memo.get(k)) {
                    let v = *v;
                    self.shared_work = true;
                    return Ok(v);
                }
                let frame = self.heap.env(lambda.param.slot_count(), Some(env), false);
                match a.kind {
                    V::Attrs(attrs) => {
                        for (i, formal) in entries.iter().enumerate() {
                            let t = match lookup(attrs, formal.name) {
                                Some(e) => e.value,
                                None => match &formal.default {
                                    Some(d) => self.heap.thunk(ThunkState::Pending(d, frame)),
                                    None => {
                                        return Err(EvalError::new(
                                            ErrorKind::BadArgument,
                                            format!(
                                                "{} called without required argument '{}'",
                                                self.describe_lambda(lambda),
                                                formal.name
                                            ),
                                            span,
                                        ));
                                    }
                                },
                            };
                            frame.slots[i].set(Some(t));
                        }
                        if !*ellipsis {
                            for e in attrs {
                                if !entries.iter().any(|f| f.name == e.name) {
                                    return Err(EvalError::new(
                                        ErrorKind::BadArgument,
                                        format!(
                                            "{} called with unexpected argument '{}'",
                                            self.describe_lambda(lambda),
                                            e.name
                                        ),
                                        span,
                                    ));
                                }
                            }
                        }
                    }
                    V::Unknown(u) => {
                        let reason = self.heap.str(u.reason);
                        for i in 0..entries.len() {
                            let v = self.unknown(reason, span);
                            frame.slots[i].set(Some(self.heap.ready(v)));
                        }
                    }
                    _ => {
                        return type_error(
                            format!("value is {} while a set was expected", a.type_name()),
                            span,
                        );
                    }
                }
                if bind.is_some() {
                    frame.slots[entries.len()].set(Some(arg));
                }
                let v = self.eval(&lambda.body, frame)?;
                if let Some(k) = key {
                    self.call_memo.insert(k, v);
                }
                Ok(v)
            }
        }
    }

    /// The memo key of calling `lambda` with the set `arg`, when the call
    /// may share an earlier call's result: a file's top-level function
    /// (closed over the root scope only) given the very same argument
    /// thunks. Nix is pure, so such calls give the same value; sharing it
    /// is what lets `import ./types.nix { inherit lib; }` in every service
    /// module build its option types (and their declaration trees) once.
    fn memo_key(
        &self,
        lambda: &'a LambdaExpr,
        env: &'a Env<'a>,
        arg: Value<'a>,
    ) -> Option<CallKey> {
        const MAX_ARGS: usize = 8;
        // `args@{ ... }` sees the argument set itself (its positions, its
        // marks), which differs between calls.
        if !std::ptr::eq(env, self.root_env())
            || matches!(lambda.param, Param::Pattern { bind: Some(_), .. })
        {
            return None;
        }
        let V::Attrs(attrs) = arg.kind else {
            return None;
        };
        if attrs.len() > MAX_ARGS {
            return None;
        }
        let mut args = [(0usize, 0usize); MAX_ARGS];
        for (slot, e) in args.iter_mut().zip(attrs) {
            *slot = (
                e.name.as_str().as_ptr() as usize,
                std::ptr::from_ref(e.value) as usize,
            );
        }
        Some(CallKey {
            lambda: std::ptr::from_ref(lambda) as usize,
            len: attrs.len(),
            args,
        })
    }

    fn describe_lambda(&self, lambda: &LambdaExpr) -> String {
        match lambda.name {
            Some(n) => format!("function '{n}' at {}", self.describe_span(lambda.span)),
            None => format!("anonymous function at {}", self.describe_span(lambda.span)),
        }
    }
}

/// See `Evaluator::memo_key`: a function and its argument set's names
/// and thunks, by address.
#[derive(PartialEq, Eq, Hash)]
pub(super) struct CallKey {
    lambda: usize,
    len: usize,
    args: [(usize, usize); 8],
}

enum KeyName<'a> {
    Name(Symbol),
    Null,
    Unknown(Value<'a>),
}

fn key_span(key: &Key) -> Span {
    match key {
        Key::Static(_, s) => *s,
        Key::Dynamic(e) => e.span,
    }
}

/// Gives a location to errors raised far from any syntax (black holes).
fn locate(mut err: Box<EvalError>, span: Span) -> Box<EvalError> {
    if err.span.is_synthetic() {
        err.span = span;
    }
    err
}

fn missing_attr(name: Symbol, attrs: &[AttrEntry<'_>], span: Span) -> Box<EvalError> {
    let mut err = EvalError::new(
        ErrorKind::MissingAttribute,
        format!("attribute '{name}' missing"),
        span,
    );
    let best = attrs
        .iter()
        .map(|e| (strsim::damerau_levenshtein(&e.name, &name), e.name))
        .filter(|(d, _)| *d <= 2)
        .min();
    if let Some((_, suggestion)) = best {
        err.notes
            .push((span, format!("did you mean '{suggestion}'?")));
    }
    err
}
