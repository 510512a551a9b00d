//! rnix syntax → IR: binding resolution, attribute-path merging and
//! literal decoding, following what Nix's own parser does.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rnix::ast::{self, AstToken, HasEntry};
use rnix::{SyntaxKind, SyntaxNode};
use rowan::ast::AstNode;

use super::ir::{
    AttrEntry, AttrValue, AttrsExpr, BinOp, Code, DynamicEntry, Expr, ExprKind, Formal, Key,
    LambdaExpr, Param, StrPart, Var,
};
use super::strings::{self, Piece};
use super::{SyntaxError, SyntaxErrorKind};
use crate::files::{SourceFile, Span};
use crate::symbol::Symbol;

/// Names Nix binds in its global scope (without the `builtins.` prefix).
pub const GLOBAL_NAMES: &[&str] = &[
    "abort",
    "baseNameOf",
    "builtins",
    "derivation",
    "derivationStrict",
    "dirOf",
    "false",
    "fetchGit",
    "fetchMercurial",
    "fetchTarball",
    "fetchTree",
    "fromTOML",
    "import",
    "isNull",
    "map",
    "null",
    "placeholder",
    "removeAttrs",
    "scopedImport",
    "throw",
    "toString",
    "true",
];

/// Whether `name` is visible in Nix's global scope: the names above, and
/// `__x` for every builtin `x`.
pub fn is_global(name: &str) -> bool {
    GLOBAL_NAMES.contains(&name)
        || name
            .strip_prefix("__")
            .is_some_and(crate::eval::builtins::is_builtin_name)
}

type LResult<T> = Result<T, SyntaxError>;

enum Scope {
    Static(Vec<Symbol>),
    With,
}

struct Lowerer<'a> {
    file: &'a SourceFile,
    dir: PathBuf,
    scopes: Vec<Scope>,
}

/// Lowers a parsed file (which must have no parse errors).
pub fn lower(file: &SourceFile, root: &ast::Root) -> LResult<Code> {
    let dir = file
        .path
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let mut l = Lowerer {
        file,
        dir,
        scopes: Vec::new(),
    };
    let mut body = match root.expr() {
        Some(e) => l.expr(&e)?,
        None => {
            return Err(l.error(
                root.syntax(),
                "unexpected end of file".into(),
                SyntaxErrorKind::Parse,
            ));
        }
    };
    super::invariant::mark(&mut body);
    Ok(Code {
        file: file.id,
        path: file.path.clone(),
        body,
    })
}

/// An attribute set under construction: Nix merges `a.b = 1; a.c = 2;`
/// and `a = { b = 1; }; a.c = 2;` into one set at parse time.
#[derive(Default)]
struct PendingAttrs {
    recursive: bool,
    entries: Vec<PendingEntry>,
    index: HashMap<Symbol, usize>,
    dynamic: Vec<(ast::Attr, PendingValue, Span)>,
    inherit_sources: Vec<ast::Expr>,
}

struct PendingEntry {
    name: Symbol,
    span: Span,
    value: PendingValue,
}

enum PendingValue {
    Expr(ast::Expr),
    Attrs(PendingAttrs),
    Inherit(Span),
    InheritFrom { source: usize, span: Span },
}

impl Lowerer<'_> {
    fn span(&self, node: &SyntaxNode) -> Span {
        Span::new(self.file.id, node.text_range())
    }

    fn error(&self, node: &SyntaxNode, message: String, kind: SyntaxErrorKind) -> SyntaxError {
        SyntaxError {
            span: self.span(node),
            message,
            kind,
        }
    }

    fn position(&self, span: Span) -> String {
        let lc = self.file.line_col(span.start);
        format!("{}:{}:{}", self.file.path.display(), lc.line, lc.column)
    }

    fn resolve(&self, name: Symbol, span: Span) -> LResult<Var> {
        let mut saw_with = false;
        for (up, scope) in self.scopes.iter().rev().enumerate() {
            let up = u32::try_from(up).unwrap_or(u32::MAX);
            match scope {
                Scope::Static(names) => {
                    // Later bindings of the same name cannot exist (duplicates
                    // are rejected), so the first hit is the binding.
                    if let Some(slot) = names.iter().position(|n| *n == name) {
                        return Ok(Var::Local {
                            up,
                            slot: u32::try_from(slot).unwrap_or(u32::MAX),
                            name,
                        });
                    }
                }
                Scope::With => saw_with = true,
            }
        }
        if is_global(&name) {
            return Ok(Var::Global(name));
        }
        if saw_with {
            return Ok(Var::With(name));
        }
        Err(SyntaxError {
            span,
            message: format!("undefined variable '{name}'"),
            kind: SyntaxErrorKind::UndefinedVariable,
        })
    }

    fn boxed(&mut self, e: Option<ast::Expr>, parent: &SyntaxNode) -> LResult<Box<Expr>> {
        match e {
            Some(e) => Ok(Box::new(self.expr(&e)?)),
            None => Err(self.error(
                parent,
                "incomplete expression".into(),
                SyntaxErrorKind::Parse,
            )),
        }
    }

    fn expr(&mut self, e: &ast::Expr) -> LResult<Expr> {
        let node = e.syntax().clone();
        let span = self.span(&node);
        let kind = match e {
            ast::Expr::Paren(p) => {
                return self.expr(&p.expr().ok_or_else(|| self.incomplete(&node))?);
            }
            ast::Expr::Root(r) => {
                return self.expr(&r.expr().ok_or_else(|| self.incomplete(&node))?);
            }
            ast::Expr::Literal(lit) => self.literal(lit)?,
            ast::Expr::Str(s) => self.string(s)?,
            ast::Expr::PathAbs(_)
            | ast::Expr::PathRel(_)
            | ast::Expr::PathHome(_)
            | ast::Expr::PathSearch(_) => self.path(e)?,
            ast::Expr::Ident(id) => {
                let name = Symbol::intern(&ident_text(id));
                ExprKind::Var(self.resolve(name, span)?)
            }
            ast::Expr::Select(sel) => {
                let target = self.boxed(sel.expr(), &node)?;
                let path = self.attrpath(sel.attrpath(), &node)?;
                let default = match sel.default_expr() {
                    Some(d) => Some(Box::new(self.expr(&d)?)),
                    None => None,
                };
                ExprKind::Select {
                    target,
                    path,
                    default,
                }
            }
            ast::Expr::HasAttr(h) => {
                let target = self.boxed(h.expr(), &node)?;
                let path = self.attrpath(h.attrpath(), &node)?;
                ExprKind::HasAttr { target, path }
            }
            ast::Expr::AttrSet(set) => {
                let pending = self.pending_attrs(set, set.rec_token().is_some(), false)?;
                ExprKind::Attrs(Box::new(self.finish_attrs(pending)?))
            }
            ast::Expr::List(list) => {
                let mut items = Vec::new();
                for item in list.items() {
                    items.push(self.expr(&item)?);
                }
                ExprKind::List(items)
            }
            ast::Expr::Lambda(lam) => ExprKind::Lambda(Box::new(self.lambda(lam, None)?)),
            ast::Expr::Apply(app) => {
                let func = self.boxed(app.lambda(), &node)?;
                let arg = self.boxed(app.argument(), &node)?;
                ExprKind::Apply { func, arg }
            }
            ast::Expr::LetIn(letin) => {
                let mut pending = self.pending_attrs(letin, true, true)?;
                pending.recursive = true;
                let body_node = letin.body().ok_or_else(|| self.incomplete(&node))?;
                let names: Vec<Symbol> = pending.entries.iter().map(|e| e.name).collect();
                let binds = self.finish_attrs(pending)?;
                self.scopes.push(Scope::Static(names));
                let body = self.expr(&body_node);
                self.scopes.pop();
                ExprKind::Let {
                    binds: Box::new(binds),
                    body: Box::new(body?),
                }
            }
            ast::Expr::LegacyLet(legacy) => {
                // `let { body = ...; }` is a recursive set whose `body` is the
                // value.
                let mut pending = self.pending_attrs(legacy, true, false)?;
                pending.recursive = true;
                let names: Vec<Symbol> = pending.entries.iter().map(|e| e.name).collect();
                let body_sym = crate::sym!("body");
                let binds = self.finish_attrs(pending)?;
                self.scopes.push(Scope::Static(names));
                let body = self.resolve(body_sym, span);
                self.scopes.pop();
                ExprKind::Let {
                    binds: Box::new(binds),
                    body: Box::new(Expr {
                        kind: ExprKind::Var(body?),
                        span,
                    }),
                }
            }
            ast::Expr::With(w) => {
                let scope = self.boxed(w.namespace(), &node)?;
                self.scopes.push(Scope::With);
                let body = self.boxed(w.body(), &node);
                self.scopes.pop();
                ExprKind::With { scope, body: body? }
            }
            ast::Expr::IfElse(ie) => ExprKind::If {
                cond: self.boxed(ie.condition(), &node)?,
                then: self.boxed(ie.body(), &node)?,
                otherwise: self.boxed(ie.else_body(), &node)?,
            },
            ast::Expr::Assert(a) => ExprKind::Assert {
                cond: self.boxed(a.condition(), &node)?,
                body: self.boxed(a.body(), &node)?,
            },
            ast::Expr::UnaryOp(u) => {
                let inner = self.boxed(u.expr(), &node)?;
                match u.operator() {
                    Some(ast::UnaryOpKind::Invert) => ExprKind::Not(inner),
                    Some(ast::UnaryOpKind::Negate) => ExprKind::Neg(inner),
                    None => return Err(self.incomplete(&node)),
                }
            }
            ast::Expr::BinOp(b) => {
                let op = match b.operator() {
                    Some(op) => convert_op(op).ok_or_else(|| {
                        self.error(
                            &node,
                            "unexpected pipe operator".into(),
                            SyntaxErrorKind::Parse,
                        )
                    })?,
                    None => return Err(self.incomplete(&node)),
                };
                ExprKind::Binary {
                    op,
                    lhs: self.boxed(b.lhs(), &node)?,
                    rhs: self.boxed(b.rhs(), &node)?,
                }
            }
            ast::Expr::CurPos(_) => {
                let lc = self.file.line_col(span.start);
                ExprKind::CurPos {
                    line: lc.line,
                    column: lc.column,
                }
            }
            ast::Expr::Error(_) => return Err(self.incomplete(&node)),
        };
        Ok(Expr { kind, span })
    }

    fn incomplete(&self, node: &SyntaxNode) -> SyntaxError {
        self.error(node, "syntax error".into(), SyntaxErrorKind::Parse)
    }

    fn literal(&self, lit: &ast::Literal) -> LResult<ExprKind> {
        let node = lit.syntax();
        Ok(match lit.kind() {
            ast::LiteralKind::Integer(i) => match i.value() {
                Ok(v) => ExprKind::Int(v),
                Err(_) => {
                    return Err(self.error(
                        node,
                        format!("invalid integer '{}'", i.syntax().text()),
                        SyntaxErrorKind::Invalid,
                    ));
                }
            },
            ast::LiteralKind::Float(f) => ExprKind::Float(f.value().unwrap_or(f64::NAN)),
            ast::LiteralKind::Uri(u) => ExprKind::Str(Arc::from(u.syntax().text())),
        })
    }

    fn string(&mut self, s: &ast::Str) -> LResult<ExprKind> {
        let multiline = s
            .syntax()
            .first_token()
            .is_some_and(|t| t.kind() == SyntaxKind::TOKEN_STRING_START && t.text() == "''");
        let mut interps = Vec::new();
        let mut parts: Vec<StrPart> = Vec::new();
        if multiline {
            let mut pieces = Vec::new();
            let mut first = true;
            for part in s.parts() {
                match part {
                    ast::InterpolPart::Literal(lit) => {
                        let raw = lit.syntax().text();
                        let raw = if first {
                            strings::strip_opening_line(raw)
                        } else {
                            raw
                        };
                        strings::lex_indented(raw, &mut pieces);
                    }
                    ast::InterpolPart::Interpolation(i) => {
                        pieces.push(Piece::Interp(interps.len()));
                        interps.push(i);
                    }
                }
                first = false;
            }
            let mut lowered_interps: Vec<Option<Expr>> = Vec::new();
            for i in &interps {
                let e = i.expr().ok_or_else(|| self.incomplete(i.syntax()))?;
                lowered_interps.push(Some(self.expr(&e)?));
            }
            for piece in strings::strip_indentation(pieces) {
                match piece {
                    Piece::Text(t) | Piece::Escaped(t) => push_lit(&mut parts, &t),
                    Piece::Interp(i) => {
                        if let Some(e) = lowered_interps.get_mut(i).and_then(Option::take) {
                            parts.push(StrPart::Expr(e));
                        }
                    }
                }
            }
        } else {
            for part in s.parts() {
                match part {
                    ast::InterpolPart::Literal(lit) => {
                        push_lit(&mut parts, &strings::unescape_plain(lit.syntax().text()));
                    }
                    ast::InterpolPart::Interpolation(i) => {
                        let e = i.expr().ok_or_else(|| self.incomplete(i.syntax()))?;
                        parts.push(StrPart::Expr(self.expr(&e)?));
                    }
                }
            }
        }
        Ok(match parts.as_slice() {
            [] => ExprKind::Str(Arc::from("")),
            [StrPart::Lit(s)] => ExprKind::Str(s.clone()),
            _ => ExprKind::Interp {
                parts,
                is_path: false,
            },
        })
    }

    fn path(&mut self, e: &ast::Expr) -> LResult<ExprKind> {
        let node = e.syntax();
        let text = node.text().to_string();
        if let ast::Expr::PathSearch(_) = e {
            let inner = text.trim_start_matches('<').trim_end_matches('>');
            return Ok(ExprKind::SearchPath(Arc::from(inner)));
        }
        if let ast::Expr::PathHome(_) = e {
            return Ok(ExprKind::HomePath(Arc::from(text.as_str())));
        }
        let parts = match e {
            ast::Expr::PathAbs(p) => p.parts(),
            ast::Expr::PathRel(p) => p.parts(),
            _ => Vec::new(),
        };
        let has_interp = parts
            .iter()
            .any(|p| matches!(p, ast::InterpolPart::Interpolation(_)));
        if !has_interp {
            return Ok(ExprKind::Path(Arc::from(
                self.absolute(&text).to_string_lossy().as_ref(),
            )));
        }
        let mut out = Vec::new();
        for (i, part) in parts.into_iter().enumerate() {
            match part {
                ast::InterpolPart::Literal(lit) => {
                    let t = lit.text();
                    let t = if i == 0 {
                        // Resolve the literal prefix; keep a trailing slash,
                        // it separates the next interpolated component.
                        let mut abs = self.absolute(t).to_string_lossy().into_owned();
                        if t.ends_with('/') && !abs.ends_with('/') {
                            abs.push('/');
                        }
                        abs
                    } else {
                        t.to_string()
                    };
                    push_lit(&mut out, &t);
                }
                ast::InterpolPart::Interpolation(interp) => {
                    let e = interp
                        .expr()
                        .ok_or_else(|| self.incomplete(interp.syntax()))?;
                    out.push(StrPart::Expr(self.expr(&e)?));
                }
            }
        }
        Ok(ExprKind::Interp {
            parts: out,
            is_path: true,
        })
    }

    fn absolute(&self, text: &str) -> PathBuf {
        let joined = if text.starts_with('/') {
            PathBuf::from(text)
        } else {
            self.dir.join(text)
        };
        normalize(&joined)
    }

    fn attrpath(&mut self, path: Option<ast::Attrpath>, parent: &SyntaxNode) -> LResult<Vec<Key>> {
        let path = path.ok_or_else(|| self.incomplete(parent))?;
        let mut keys = Vec::new();
        for attr in path.attrs() {
            keys.push(self.key(&attr)?);
        }
        Ok(keys)
    }

    /// A static name, if the attribute is one (identifiers, strings
    /// without interpolation, and `${"literal"}`, as Nix's parser decides).
    fn static_name(attr: &ast::Attr) -> Option<Symbol> {
        match attr {
            ast::Attr::Ident(id) => Some(Symbol::intern(&ident_text(id))),
            ast::Attr::Str(s) => static_string(s),
            ast::Attr::Dynamic(d) => match d.expr() {
                Some(ast::Expr::Str(s)) => static_string(&s),
                _ => None,
            },
        }
    }

    fn key(&mut self, attr: &ast::Attr) -> LResult<Key> {
        let span = self.span(attr.syntax());
        if let Some(name) = Self::static_name(attr) {
            return Ok(Key::Static(name, span));
        }
        let e = match attr {
            ast::Attr::Dynamic(d) => {
                let inner = d.expr().ok_or_else(|| self.incomplete(attr.syntax()))?;
                self.expr(&inner)?
            }
            ast::Attr::Str(s) => Expr {
                kind: self.string(s)?,
                span,
            },
            ast::Attr::Ident(_) => unreachable!("identifiers are static"),
        };
        Ok(Key::Dynamic(e))
    }

    fn pending_attrs(
        &mut self,
        node: &impl HasEntry,
        recursive: bool,
        is_let: bool,
    ) -> LResult<PendingAttrs> {
        let mut pending = PendingAttrs {
            recursive,
            ..PendingAttrs::default()
        };
        for entry in node.entries() {
            match entry {
                ast::Entry::Inherit(inh) => self.add_inherit(&mut pending, &inh)?,
                ast::Entry::AttrpathValue(apv) => {
                    let path = apv
                        .attrpath()
                        .ok_or_else(|| self.incomplete(apv.syntax()))?;
                    let value = apv.value().ok_or_else(|| self.incomplete(apv.syntax()))?;
                    let attrs: Vec<ast::Attr> = path.attrs().collect();
                    if is_let
                        && attrs
                            .first()
                            .is_some_and(|a| Self::static_name(a).is_none())
                    {
                        return Err(self.error(
                            apv.syntax(),
                            "dynamic attributes not allowed in let".into(),
                            SyntaxErrorKind::Invalid,
                        ));
                    }
                    let value = self.pending_value(value)?;
                    self.add_attr(&mut pending, &attrs, value, apv.syntax())?;
                }
            }
        }
        Ok(pending)
    }

    /// Attribute set literals are kept open so later paths can merge into
    /// them, exactly where Nix's parser would.
    fn pending_value(&mut self, value: ast::Expr) -> LResult<PendingValue> {
        let mut v = value;
        while let ast::Expr::Paren(p) = &v {
            match p.expr() {
                Some(inner) => v = inner,
                None => break,
            }
        }
        if let ast::Expr::AttrSet(set) = &v {
            return Ok(PendingValue::Attrs(self.pending_attrs(
                set,
                set.rec_token().is_some(),
                false,
            )?));
        }
        Ok(PendingValue::Expr(v))
    }

    fn add_inherit(&mut self, pending: &mut PendingAttrs, inh: &ast::Inherit) -> LResult<()> {
        let source = match inh.from() {
            Some(from) => {
                let e = from.expr().ok_or_else(|| self.incomplete(from.syntax()))?;
                pending.inherit_sources.push(e);
                Some(pending.inherit_sources.len() - 1)
            }
            None => None,
        };
        for attr in inh.attrs() {
            let span = self.span(attr.syntax());
            let Some(name) = Self::static_name(&attr) else {
                return Err(self.error(
                    attr.syntax(),
                    "dynamic attributes not allowed in inherit".into(),
                    SyntaxErrorKind::Invalid,
                ));
            };
            if let Some(&i) = pending.index.get(&name) {
                let first = pending.entries[i].span;
                return Err(self.duplicate(name, first, attr.syntax()));
            }
            let value = match source {
                Some(source) => PendingValue::InheritFrom { source, span },
                None => PendingValue::Inherit(span),
            };
            pending.index.insert(name, pending.entries.len());
            pending.entries.push(PendingEntry { name, span, value });
        }
        Ok(())
    }

    fn duplicate(&self, name: Symbol, first: Span, at: &SyntaxNode) -> SyntaxError {
        self.error(
            at,
            format!(
                "attribute '{name}' already defined at {}",
                self.position(first)
            ),
            SyntaxErrorKind::DuplicateAttribute,
        )
    }

    fn add_attr(
        &mut self,
        pending: &mut PendingAttrs,
        path: &[ast::Attr],
        value: PendingValue,
        at: &SyntaxNode,
    ) -> LResult<()> {
        let Some((last, init)) = path.split_last() else {
            return Err(self.incomplete(at));
        };
        let mut target = pending;
        for attr in init {
            let span = self.span(attr.syntax());
            if let Some(name) = Self::static_name(attr) {
                if let Some(&i) = target.index.get(&name) {
                    let first = target.entries[i].span;
                    match &mut target.entries[i].value {
                        PendingValue::Attrs(_) => {}
                        _ => return Err(self.duplicate(name, first, attr.syntax())),
                    }
                    let PendingValue::Attrs(inner) = &mut target.entries[i].value else {
                        unreachable!()
                    };
                    target = inner;
                } else {
                    target.index.insert(name, target.entries.len());
                    target.entries.push(PendingEntry {
                        name,
                        span,
                        value: PendingValue::Attrs(PendingAttrs::default()),
                    });
                    let last_entry = target.entries.len() - 1;
                    let PendingValue::Attrs(inner) = &mut target.entries[last_entry].value else {
                        unreachable!()
                    };
                    target = inner;
                }
            } else {
                target.dynamic.push((
                    attr.clone(),
                    PendingValue::Attrs(PendingAttrs::default()),
                    span,
                ));
                let last_dyn = target.dynamic.len() - 1;
                let PendingValue::Attrs(inner) = &mut target.dynamic[last_dyn].1 else {
                    unreachable!()
                };
                target = inner;
            }
        }
        let span = self.span(last.syntax());
        match Self::static_name(last) {
            Some(name) => {
                if let Some(&i) = target.index.get(&name) {
                    let first = target.entries[i].span;
                    // Two attribute-set literals for one name merge (one
                    // level, static attributes only, as in Nix's parser).
                    match (&mut target.entries[i].value, value) {
                        (PendingValue::Attrs(existing), PendingValue::Attrs(new)) => {
                            let offset = existing.inherit_sources.len();
                            existing.inherit_sources.extend(new.inherit_sources);
                            for mut entry in new.entries {
                                if let Some(&j) = existing.index.get(&entry.name) {
                                    let first = existing.entries[j].span;
                                    return Err(self.duplicate(entry.name, first, last.syntax()));
                                }
                                if let PendingValue::InheritFrom { source, .. } = &mut entry.value {
                                    *source += offset;
                                }
                                existing.index.insert(entry.name, existing.entries.len());
                                existing.entries.push(entry);
                            }
                        }
                        _ => return Err(self.duplicate(name, first, last.syntax())),
                    }
                } else {
                    target.index.insert(name, target.entries.len());
                    target.entries.push(PendingEntry { name, span, value });
                }
            }
            None => target.dynamic.push((last.clone(), value, span)),
        }
        Ok(())
    }

    fn finish_attrs(&mut self, pending: PendingAttrs) -> LResult<AttrsExpr> {
        let recursive = pending.recursive;
        // Plain `inherit x;` reads the scope around the set even in a
        // recursive set, so resolve those before the set's own scope opens.
        let mut outer_inherits = HashMap::new();
        for entry in &pending.entries {
            if let PendingValue::Inherit(span) = &entry.value {
                let var = self.resolve(entry.name, *span)?;
                outer_inherits.insert(entry.name, var);
            }
        }
        if recursive {
            let names = pending.entries.iter().map(|e| e.name).collect();
            self.scopes.push(Scope::Static(names));
        }
        let result = self.finish_attrs_inner(pending, &outer_inherits);
        if recursive {
            self.scopes.pop();
        }
        result
    }

    fn finish_attrs_inner(
        &mut self,
        pending: PendingAttrs,
        outer_inherits: &HashMap<Symbol, Var>,
    ) -> LResult<AttrsExpr> {
        let mut inherit_sources = Vec::new();
        for src in &pending.inherit_sources {
            inherit_sources.push(self.expr(src)?);
        }
        let mut entries = Vec::with_capacity(pending.entries.len());
        for entry in pending.entries {
            let value = match entry.value {
                PendingValue::Inherit(span) => {
                    AttrValue::Inherit(outer_inherits[&entry.name], span)
                }
                PendingValue::InheritFrom { source, span } => {
                    AttrValue::InheritFrom { source, span }
                }
                other => {
                    AttrValue::Expr(self.pending_to_expr(other, entry.span, Some(entry.name))?)
                }
            };
            entries.push(AttrEntry {
                name: entry.name,
                span: entry.span,
                value,
                shared: None,
            });
        }
        let mut dynamic = Vec::new();
        for (attr, value, span) in pending.dynamic {
            let key = match self.key(&attr)? {
                Key::Dynamic(e) => e,
                Key::Static(name, span) => Expr {
                    kind: ExprKind::Str(Arc::from(name.as_str())),
                    span,
                },
            };
            let value = self.pending_to_expr(value, span, None)?;
            dynamic.push(DynamicEntry { key, value, span });
        }
        Ok(AttrsExpr {
            recursive: pending.recursive,
            entries,
            dynamic,
            inherit_sources,
        })
    }

    fn pending_to_expr(
        &mut self,
        value: PendingValue,
        span: Span,
        name: Option<Symbol>,
    ) -> LResult<Expr> {
        match value {
            PendingValue::Expr(e) => {
                if let (ast::Expr::Lambda(lam), Some(name)) = (&e, name) {
                    let span = self.span(e.syntax());
                    return Ok(Expr {
                        kind: ExprKind::Lambda(Box::new(self.lambda(lam, Some(name))?)),
                        span,
                    });
                }
                self.expr(&e)
            }
            PendingValue::Attrs(attrs) => {
                let set = self.finish_attrs(attrs)?;
                Ok(Expr {
                    kind: ExprKind::Attrs(Box::new(set)),
                    span,
                })
            }
            PendingValue::Inherit(_) | PendingValue::InheritFrom { .. } => {
                unreachable!("inherits are only entries")
            }
        }
    }

    fn lambda(&mut self, lam: &ast::Lambda, name: Option<Symbol>) -> LResult<LambdaExpr> {
        let node = lam.syntax().clone();
        let span = self.span(&node);
        let param = lam.param().ok_or_else(|| self.incomplete(&node))?;
        let body_node = lam.body().ok_or_else(|| self.incomplete(&node))?;
        match param {
            ast::Param::IdentParam(ip) => {
                let id = ip.ident().ok_or_else(|| self.incomplete(&node))?;
                let pname = Symbol::intern(&ident_text(&id));
                self.scopes.push(Scope::Static(vec![pname]));
                let body = self.expr(&body_node);
                self.scopes.pop();
                Ok(LambdaExpr {
                    param: Param::Ident(pname),
                    body: body?,
                    span,
                    name,
                })
            }
            ast::Param::Pattern(pat) => {
                let mut names = Vec::new();
                let mut raw_entries = Vec::new();
                for entry in pat.pat_entries() {
                    let id = entry
                        .ident()
                        .ok_or_else(|| self.incomplete(entry.syntax()))?;
                    let n = Symbol::intern(&ident_text(&id));
                    if names.contains(&n) {
                        return Err(self.error(
                            entry.syntax(),
                            format!("duplicate formal function argument '{n}'"),
                            SyntaxErrorKind::Invalid,
                        ));
                    }
                    names.push(n);
                    raw_entries.push((n, entry.default(), self.span(entry.syntax())));
                }
                let bind = match pat.pat_bind() {
                    Some(b) => {
                        let id = b.ident().ok_or_else(|| self.incomplete(b.syntax()))?;
                        let n = Symbol::intern(&ident_text(&id));
                        if names.contains(&n) {
                            return Err(self.error(
                                b.syntax(),
                                format!("duplicate formal function argument '{n}'"),
                                SyntaxErrorKind::Invalid,
                            ));
                        }
                        Some(n)
                    }
                    None => None,
                };
                let mut slots = names.clone();
                if let Some(b) = bind {
                    slots.push(b);
                }
                self.scopes.push(Scope::Static(slots));
                let result = (|| {
                    let mut entries = Vec::new();
                    for (n, default, fspan) in raw_entries {
                        let default = match default {
                            Some(d) => Some(self.expr(&d)?),
                            None => None,
                        };
                        entries.push(Formal {
                            name: n,
                            default,
                            span: fspan,
                        });
                    }
                    let body = self.expr(&body_node)?;
                    Ok((entries, body))
                })();
                self.scopes.pop();
                let (entries, body) = result?;
                Ok(LambdaExpr {
                    param: Param::Pattern {
                        entries,
                        ellipsis: pat.ellipsis_token().is_some(),
                        bind,
                    },
                    body,
                    span,
                    name,
                })
            }
        }
    }
}

fn push_lit(parts: &mut Vec<StrPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(StrPart::Lit(prev)) = parts.last_mut() {
        let mut s = String::with_capacity(prev.len() + text.len());
        s.push_str(prev);
        s.push_str(text);
        *prev = Arc::from(s);
    } else {
        parts.push(StrPart::Lit(Arc::from(text)));
    }
}

fn static_string(s: &ast::Str) -> Option<Symbol> {
    let mut out = String::new();
    let multiline = s.syntax().first_token().is_some_and(|t| t.text() == "''");
    if multiline {
        let mut pieces = Vec::new();
        for (i, part) in s.parts().enumerate() {
            match part {
                ast::InterpolPart::Literal(lit) => {
                    let raw = lit.syntax().text();
                    let raw = if i == 0 {
                        strings::strip_opening_line(raw)
                    } else {
                        raw
                    };
                    strings::lex_indented(raw, &mut pieces);
                }
                ast::InterpolPart::Interpolation(_) => return None,
            }
        }
        for p in strings::strip_indentation(pieces) {
            if let Piece::Text(t) | Piece::Escaped(t) = p {
                out.push_str(&t);
            }
        }
    } else {
        for part in s.parts() {
            match part {
                ast::InterpolPart::Literal(lit) => {
                    out.push_str(&strings::unescape_plain(lit.syntax().text()));
                }
                ast::InterpolPart::Interpolation(_) => return None,
            }
        }
    }
    Some(Symbol::intern(&out))
}

fn ident_text(id: &ast::Ident) -> String {
    id.syntax().text().to_string()
}

fn convert_op(op: ast::BinOpKind) -> Option<BinOp> {
    use ast::BinOpKind as K;
    Some(match op {
        K::Concat => BinOp::Concat,
        K::Update => BinOp::Update,
        K::Add => BinOp::Add,
        K::Sub => BinOp::Sub,
        K::Mul => BinOp::Mul,
        K::Div => BinOp::Div,
        K::And => BinOp::And,
        K::Equal => BinOp::Eq,
        K::Implication => BinOp::Implies,
        K::Less => BinOp::Less,
        K::LessOrEq => BinOp::LessEq,
        K::More => BinOp::Greater,
        K::MoreOrEq => BinOp::GreaterEq,
        K::NotEqual => BinOp::NotEq,
        K::Or => BinOp::Or,
        K::PipeRight | K::PipeLeft => return None,
    })
}

/// Lexical normalisation as Nix's `canonPath` does it: `.` and `..` are
/// resolved without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::from("/");
    for comp in path.components() {
        match comp {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(c) => out.push(c),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    out
}
