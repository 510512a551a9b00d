//! A lazy evaluator for the Nix language.
//!
//! Values are computed on demand through memoised thunks; a thunk being
//! forced is black-holed so that self-dependency is reported as infinite
//! recursion. Every evaluation has a step and a depth budget. What cannot
//! be known statically evaluates to an explicit unknown value instead of an
//! error, and operations on unknowns give unknowns.

pub mod builtins;
pub mod error;
mod expr;
use expr::CallKey;
pub mod json;
pub mod modules;
pub mod nix_regex;
mod ops;
pub mod print;
pub mod provenance;
mod store;
pub mod text_files;
pub mod value;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use crate::files::{FileId, SourceDb, Span};
use crate::symbol::{FxBuildHasher, Symbol};
use crate::syntax::ir::{Code, Var};
use crate::syntax::{SyntaxError, SyntaxErrorKind};
use crate::vfs::{FsError, Vfs};

pub use error::{EResult, ErrorKind, EvalError};
pub use ops::CoerceMode;
pub use value::{AttrEntry, Env, Heap, Thunk, ThunkState, V, Value, lookup};

/// Budgets that turn runaway evaluation into a clear error.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Expression evaluations per evaluator.
    pub max_steps: u64,
    /// Nested evaluations (roughly: Nix call depth times a small factor).
    pub max_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_steps: 200_000_000,
            max_depth: 300_000,
        }
    }
}

/// Stack size for threads that evaluate: enough for `max_depth` nested
/// evaluations in an unoptimised build.
pub const EVAL_STACK_BYTES: usize = 1024 * 1024 * 1024;

/// A parsed and lowered file, shared by every evaluation.
#[derive(Debug)]
pub struct LoadedFile {
    pub file: FileId,
    pub code: Result<Arc<Code>, SyntaxError>,
}

/// What evaluations share: sources, the confined file system, the parse
/// cache and the limits. Thread-safe; each host evaluates on its own
/// thread with its own [`Evaluator`].
#[derive(Debug)]
pub struct Context {
    pub db: Arc<SourceDb>,
    pub vfs: Arc<Vfs>,
    pub limits: Limits,
    loaded: RwLock<HashMap<PathBuf, Result<Arc<LoadedFile>, FsError>, FxBuildHasher>>,
    /// Set by another thread to stop every running evaluation (a language
    /// server whose text changed meanwhile).
    cancel: Option<Arc<AtomicBool>>,
    /// While set, `cancel` is ignored (see [`Context::uncancellable`]).
    shielded: AtomicBool,
}

impl Context {
    pub fn new(db: Arc<SourceDb>, vfs: Arc<Vfs>, limits: Limits) -> Context {
        Context {
            db,
            vfs,
            limits,
            loaded: RwLock::new(HashMap::default()),
            cancel: None,
            shielded: AtomicBool::new(false),
        }
    }

    /// Evaluations of this context stop with [`ErrorKind::Cancelled`] soon
    /// after `flag` is set.
    #[must_use]
    pub fn with_cancel(mut self, flag: Arc<AtomicBool>) -> Context {
        self.cancel = Some(flag);
        self
    }

    pub fn is_cancelled(&self) -> bool {
        !self.shielded.load(Ordering::Relaxed)
            && self
                .cancel
                .as_ref()
                .is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// Runs `f` with cancellation ignored: for work whose partial result
    /// is useless and which would only be started again from scratch.
    pub fn uncancellable<T>(&self, f: impl FnOnce() -> T) -> T {
        self.shielded.store(true, Ordering::Relaxed);
        let out = f();
        self.shielded.store(false, Ordering::Relaxed);
        out
    }

    /// Reads, parses and lowers `path` once.
    pub fn load(&self, path: &Path) -> Result<Arc<LoadedFile>, FsError> {
        if let Some(hit) = self
            .loaded
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(path)
        {
            return hit.clone();
        }
        let result = self.vfs.read_text(path).map(|text| {
            let id = self.db.set_text(path, text);
            let file = self.db.get(id).expect("just added");
            let (_, code) = crate::syntax::parse_and_lower(&file);
            Arc::new(LoadedFile { file: id, code })
        });
        let mut map = self
            .loaded
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.entry(path.to_path_buf()).or_insert(result).clone()
    }

    /// Drops cached parses (the language server calls this when a file
    /// changes).
    pub fn invalidate(&self, path: &Path) {
        let mut map = self
            .loaded
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.remove(path);
    }

    /// Registers an in-memory text (e.g. an expression given on the
    /// command line) under a path of its own.
    pub fn load_text(&self, path: &Path, text: Arc<str>) -> Arc<LoadedFile> {
        // The same text again (the embedded `lib`, once per evaluation)
        // keeps its parse.
        if let Some(Ok(hit)) = self
            .loaded
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(path)
            && self.db.get(hit.file).is_some_and(|f| f.text == text)
        {
            return hit.clone();
        }
        let id = self.db.set_text(path, text);
        let file = self.db.get(id).expect("just added");
        let (_, code) = crate::syntax::parse_and_lower(&file);
        let loaded = Arc::new(LoadedFile { file: id, code });
        let mut map = self
            .loaded
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.insert(path.to_path_buf(), Ok(loaded.clone()));
        loaded
    }
}

/// Lowered files pinned for the lifetime of one evaluation.
pub type CodeStore = elsa::FrozenMap<PathBuf, Arc<Code>>;

/// One evaluation. Not `Send`: values live in its heap.
pub struct Evaluator<'a> {
    pub heap: &'a Heap<'a>,
    pub ctx: &'a Context,
    codes: &'a CodeStore,
    imports: HashMap<PathBuf, Value<'a>, FxBuildHasher>,
    /// Results of top-level functions called with the very same argument
    /// thunks (see `Evaluator::memo_key`).
    call_memo: HashMap<CallKey, Value<'a>, FxBuildHasher>,
    /// Attribute values shared by all calls of one closure, by (code,
    /// closure scope) address.
    shared_thunks: HashMap<(usize, usize), Thunk<'a>, FxBuildHasher>,
    /// Whether a memoised call or shared value was reused: values Nix
    /// builds apart may then be one of ours (see `same_thunk_equal`).
    shared_work: bool,
    /// What each `import`ed path resolved to (directories to their
    /// `default.nix`); the file system is taken as fixed during one
    /// evaluation.
    resolved_imports: HashMap<PathBuf, Option<PathBuf>, FxBuildHasher>,
    steps: u64,
    depth: u32,
    root_env: &'a Env<'a>,
    globals: HashMap<Symbol, Thunk<'a>, FxBuildHasher>,
    builtins_attrs: Option<Value<'a>>,
    regex_cache: HashMap<String, Result<Arc<nix_regex::NixRegex>, String>, FxBuildHasher>,
    /// Messages of `builtins.trace`, in order (never printed during
    /// evaluation: an editor session has no terminal).
    pub traces: Vec<(Span, String)>,
    /// Extra state of higher layers (the module system, the embedded lib).
    pub ext: Extensions<'a>,
    /// Attribute sets whose missing attributes are unknown rather than
    /// missing (parts of a configuration that nixpkgs or flake inputs may
    /// define), by address.
    open_sets: HashMap<usize, OpenKind, FxBuildHasher>,
    /// The same for empty sets, each given an address of its own by
    /// [`Heap::distinct_empty_attrs`] (any other empty slice may share its
    /// address with a marked set's first entry).
    open_empty_sets: HashMap<usize, OpenKind, FxBuildHasher>,
    /// Where the pieces of computed strings were written, by address
    /// (see [`provenance`]).
    pieces: HashMap<(usize, usize), &'a [provenance::Piece], FxBuildHasher>,
    limits: Limits,
}

/// Why an attribute set answers unknown for attributes it lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenKind {
    /// Modules pocketlint does not see may define them.
    External,
    /// A host's `sops.secrets`: a missing secret is a finding.
    Secrets,
}

/// Slots for layers built on the evaluator; kept here so they share its
/// lifetime without the evaluator knowing their types in detail.
#[derive(Default)]
pub struct Extensions<'a> {
    pub lib: Option<Value<'a>>,
    /// Where each merged option's final definitions were written, by full
    /// option path (nixpkgs' `definitionsWithLocations`).
    pub definitions: HashMap<Vec<Symbol>, Vec<modules::DefInfo>, FxBuildHasher>,
    /// `config.sops.secrets."NAME"` reads of undeclared secrets.
    pub missing_secrets: Vec<(String, Span)>,
    /// Option paths a host defines that no module declares, outside the
    /// namespaces nixpkgs owns.
    pub undeclared: Vec<Vec<Symbol>>,
    /// Every path the evaluation read or looked at (imports, modules,
    /// `readFile`, `pathExists`, `readDir`, store copies): what its result
    /// depends on.
    pub files_read: crate::files::PathSet,
    /// When set, where attribute selections found their attribute.
    pub selections: Option<Selections>,
    /// Files written by `builtins.toFile`, `pkgs.writeText` and
    /// `pkgs.writeTextFile`: the text of each, by the identity of the value
    /// standing for the file (see [`Evaluator::written_file_text`]).
    pub file_texts: HashMap<usize, Value<'a>>,
    /// The unknown `pkgs` module arguments (see [`text_files`]).
    pub pkgs_values: std::collections::HashSet<usize>,
    /// Option declaration trees by what they were built from, shared by
    /// the instances of a submodule type.
    pub decl_trees: HashMap<modules::DeclKey<'a>, modules::DeclNode<'a>, FxBuildHasher>,
}

/// Where attribute selections written in repository files found their
/// attribute: the selected key's span → where the attributes it resolved
/// to were bound (several when the selecting code runs with different
/// arguments). An editor's go to definition reads it.
pub type Selections = HashMap<Span, Vec<Span>, FxBuildHasher>;

/// Distinct targets kept per selection.
const MAX_SELECTION_TARGETS: usize = 8;

impl<'a> Evaluator<'a> {
    pub fn new(heap: &'a Heap<'a>, ctx: &'a Context, codes: &'a CodeStore) -> Evaluator<'a> {
        let root_env = heap.env(0, None, false);
        let mut ev = Evaluator {
            heap,
            ctx,
            codes,
            imports: HashMap::default(),
            call_memo: HashMap::default(),
            shared_thunks: HashMap::default(),
            shared_work: false,
            resolved_imports: HashMap::default(),
            steps: 0,
            depth: 0,
            root_env,
            globals: HashMap::default(),
            builtins_attrs: None,
            regex_cache: HashMap::default(),
            traces: Vec::new(),
            ext: Extensions::default(),
            open_sets: HashMap::default(),
            open_empty_sets: HashMap::default(),
            pieces: HashMap::default(),
            limits: ctx.limits,
        };
        builtins::install(&mut ev);
        ev
    }

    /// Replaces this evaluation's budgets.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// Marks an attribute set as open; returns the set to use in its
    /// place (an empty set is first given an address of its own).
    pub fn mark_open(&mut self, attrs: &'a [AttrEntry<'a>]) -> &'a [AttrEntry<'a>] {
        self.mark_as(attrs, OpenKind::External)
    }

    /// Marks a host's `sops.secrets`: reading an undeclared secret is
    /// recorded (a lint reports it) instead of failing the evaluation.
    /// Returns the set to use in its place, as [`Evaluator::mark_open`].
    pub fn mark_secrets(&mut self, attrs: &'a [AttrEntry<'a>]) -> &'a [AttrEntry<'a>] {
        self.mark_as(attrs, OpenKind::Secrets)
    }

    /// Marks `attrs` open in the way `kind` says (see [`Evaluator::mark_open`]).
    pub fn mark_as(&mut self, attrs: &'a [AttrEntry<'a>], kind: OpenKind) -> &'a [AttrEntry<'a>] {
        if attrs.is_empty() {
            let empty = self.heap.distinct_empty_attrs();
            self.open_empty_sets.insert(empty.as_ptr() as usize, kind);
            return empty;
        }
        self.open_sets.insert(attrs.as_ptr() as usize, kind);
        attrs
    }

    pub fn open_kind(&self, attrs: &'a [AttrEntry<'a>]) -> Option<OpenKind> {
        if modules::has_open_marker(attrs) {
            return Some(OpenKind::External);
        }
        let sets = if attrs.is_empty() {
            &self.open_empty_sets
        } else {
            &self.open_sets
        };
        sets.get(&(attrs.as_ptr() as usize)).copied()
    }

    /// What reading `name`, missing from `attrs`, gives when `attrs` is
    /// open: an unknown, since modules pocketlint does not see may define
    /// it (an undeclared secret is also recorded, unless the read has a
    /// default). `None`: the attribute is missing (or the default
    /// applies). Every way of reading an attribute by name asks this.
    pub(crate) fn missing_from_open(
        &mut self,
        attrs: &'a [AttrEntry<'a>],
        name: Symbol,
        span: Span,
        has_default: bool,
    ) -> Option<Value<'a>> {
        match self.open_kind(attrs)? {
            OpenKind::External => Some(self.unknown(
                &format!(
                    "`{name}` is not known to pocketlint (nixpkgs or a flake input would define it)"
                ),
                span,
            )),
            // `config.sops.secrets."x".path or null` is how optional
            // secrets are read: the default applies.
            OpenKind::Secrets if !has_default => {
                self.ext.missing_secrets.push((name.to_string(), span));
                Some(self.unknown(
                    &format!("the secret `{name}` is not declared in `sops.secrets`"),
                    span,
                ))
            }
            OpenKind::Secrets => None,
        }
    }

    /// Whether selecting a missing attribute of `attrs` gives an unknown.
    pub fn is_open(&self, attrs: &'a [AttrEntry<'a>]) -> bool {
        self.open_kind(attrs).is_some()
    }

    pub fn steps(&self) -> u64 {
        self.steps
    }

    pub(crate) fn set_builtins(&mut self, v: Value<'a>, globals: HashMap<Symbol, Thunk<'a>>) {
        self.builtins_attrs = Some(v);
        self.globals = globals.into_iter().collect();
    }

    pub fn builtins_value(&self) -> Value<'a> {
        self.builtins_attrs.unwrap_or(Value::null(Span::SYNTHETIC))
    }

    /// Records that the evaluation depends on `path`.
    pub fn note_read(&mut self, path: &Path) {
        if !self.ext.files_read.contains(path) {
            self.ext.files_read.insert(path.to_path_buf());
        }
    }

    /// Records that the selection of the key at `key` found the
    /// attribute bound at `target`.
    #[inline]
    pub(crate) fn note_selection(&mut self, key: Span, target: Span) {
        if let Some(map) = &mut self.ext.selections
            && !key.is_synthetic()
            && !target.is_synthetic()
        {
            let targets = map.entry(key).or_default();
            if targets.len() < MAX_SELECTION_TARGETS && !targets.contains(&target) {
                targets.push(target);
            }
        }
    }

    /// Counts one step and enforces the step budget (and, every few
    /// thousand steps, cancellation).
    #[inline]
    pub(crate) fn tick(&mut self, span: Span) -> EResult<()> {
        self.steps += 1;
        if self.steps.trailing_zeros() >= 12 && self.ctx.is_cancelled() {
            return Err(EvalError::new(
                ErrorKind::Cancelled,
                "evaluation cancelled",
                span,
            ));
        }
        if self.steps > self.limits.max_steps {
            return Err(EvalError::new(
                ErrorKind::EvaluationLimit,
                format!(
                    "evaluation limit: more than {} evaluation steps (raise it with --max-steps)",
                    self.limits.max_steps
                ),
                span,
            ));
        }
        Ok(())
    }

    #[inline]
    pub(crate) fn enter(&mut self, span: Span) -> EResult<()> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            self.depth -= 1;
            return Err(EvalError::new(
                ErrorKind::EvaluationLimit,
                format!(
                    "evaluation limit: evaluation nested more than {} levels deep (possible infinite recursion; raise the limit with --max-depth)",
                    self.limits.max_depth
                ),
                span,
            ));
        }
        Ok(())
    }

    #[inline]
    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Forces a thunk to weak head normal form.
    pub fn force(&mut self, t: Thunk<'a>) -> EResult<Value<'a>> {
        let state = t.state.get();
        match state {
            ThunkState::Done(v) => return Ok(v),
            ThunkState::Failed(e) => return Err(Box::new(e.clone())),
            ThunkState::Blackhole => {
                return Err(EvalError::new(
                    ErrorKind::InfiniteRecursion,
                    "infinite recursion encountered",
                    Span::SYNTHETIC,
                ));
            }
            _ => t.state.set(ThunkState::Blackhole),
        }
        let result = match state {
            ThunkState::Pending(expr, env) => self.eval(expr, env),
            ThunkState::Apply(a) => self.apply(a.f, a.arg, a.span),
            ThunkState::Select(source, name, span) => self.force_select(source, name, span),
            ThunkState::Native(f) => {
                let f: value::NativeFn<'a> = f;
                let span = Span::SYNTHETIC;
                match self.enter(span) {
                    Ok(()) => {
                        let r = f(self);
                        self.leave();
                        r
                    }
                    Err(e) => Err(e),
                }
            }
            ThunkState::Done(_) | ThunkState::Failed(_) | ThunkState::Blackhole => unreachable!(),
        };
        match result {
            Ok(v) => {
                t.state.set(ThunkState::Done(v));
                Ok(v)
            }
            Err(e) => {
                t.state.set(ThunkState::Failed(self.heap.error(&e)));
                Err(e)
            }
        }
    }

    fn force_select(&mut self, source: Thunk<'a>, name: Symbol, span: Span) -> EResult<Value<'a>> {
        let v = self.force(source)?;
        match v.kind {
            V::Attrs(attrs) => match lookup(attrs, name) {
                Some(e) => self.force(e.value),
                None => match self.missing_from_open(attrs, name, span, false) {
                    Some(u) => Ok(u),
                    None => Err(EvalError::new(
                        ErrorKind::MissingAttribute,
                        format!("attribute '{name}' missing"),
                        span,
                    )),
                },
            },
            V::Unknown(u) => Ok(self.pkgs_member(u, name).unwrap_or(v)),
            _ => error::type_error(
                format!("value is {} while a set was expected", v.type_name()),
                span,
            ),
        }
    }

    /// A thunk for `expr` in `env`, avoiding an allocation where the value
    /// is already at hand.
    pub fn thunk(
        &mut self,
        expr: &'a crate::syntax::ir::Expr,
        env: &'a Env<'a>,
    ) -> EResult<Thunk<'a>> {
        use crate::syntax::ir::ExprKind;
        match &expr.kind {
            // A variable is its own thunk, unless its frame is still being
            // filled (a `let` binding referring to a later one).
            ExprKind::Var(Var::Local { up, slot, .. }) => {
                let mut e = env;
                for _ in 0..*up {
                    e = e.parent.expect("lowering counted the frames");
                }
                Ok(e.slots[*slot as usize]
                    .get()
                    .unwrap_or_else(|| self.heap.thunk(ThunkState::Pending(expr, env))))
            }
            ExprKind::Var(var @ Var::Global(_)) => self.var_thunk(*var, env, expr.span),
            kind if kind.is_immediate() => {
                let v = self.eval(expr, env)?;
                Ok(self.heap.ready(v))
            }
            _ => Ok(self.heap.thunk(ThunkState::Pending(expr, env))),
        }
    }

    pub fn ready(&self, v: Value<'a>) -> Thunk<'a> {
        self.heap.ready(v)
    }

    pub fn unknown(&self, reason: &str, span: Span) -> Value<'a> {
        self.heap.unknown(reason, span)
    }

    /// The thunk a variable refers to, without forcing it.
    pub(crate) fn var_thunk(
        &mut self,
        var: Var,
        env: &'a Env<'a>,
        span: Span,
    ) -> EResult<Thunk<'a>> {
        match var {
            Var::Local { up, slot, name } => {
                let mut e = env;
                for _ in 0..up {
                    e = e.parent.expect("lowering counted the frames");
                }
                e.slots[slot as usize].get().ok_or_else(|| {
                    EvalError::new(
                        ErrorKind::InfiniteRecursion,
                        format!("variable '{name}' used before it is defined"),
                        span,
                    )
                })
            }
            Var::Global(name) => self.globals.get(&name).copied().ok_or_else(|| {
                EvalError::new(
                    ErrorKind::UndefinedVariable,
                    format!("undefined variable '{name}'"),
                    span,
                )
            }),
            Var::With(name) => {
                let mut e = Some(env);
                while let Some(frame) = e {
                    if frame.is_with {
                        let scope_thunk = frame.slots[0].get().expect("with frames are filled");
                        let scope = self.force(scope_thunk)?;
                        match scope.kind {
                            V::Attrs(attrs) => {
                                if let Some(entry) = lookup(attrs, name) {
                                    return Ok(entry.value);
                                }
                                if self.is_open(attrs) {
                                    let reason = format!(
                                        "`{name}` is not part of the `lib` pocketlint implements"
                                    );
                                    return Ok(self.heap.ready(self.unknown(&reason, span)));
                                }
                            }
                            V::Unknown(u) if self.pkgs_member(u, name).is_some() => {
                                let m = self.pkgs_member(u, name).expect("checked");
                                return Ok(self.heap.ready(m));
                            }
                            V::Unknown(u) => {
                                // The name may come from this unknown scope.
                                let reason = format!(
                                    "`{name}` may come from an unknown `with` scope: {}",
                                    u.reason
                                );
                                return Ok(self.heap.ready(self.unknown(&reason, span)));
                            }
                            _ => {
                                return error::type_error(
                                    format!(
                                        "value is {} while a set was expected",
                                        scope.type_name()
                                    ),
                                    scope.span,
                                );
                            }
                        }
                    }
                    e = frame.parent;
                }
                Err(EvalError::new(
                    ErrorKind::UndefinedVariable,
                    format!("undefined variable '{name}'"),
                    span,
                ))
            }
        }
    }

    /// Evaluates a file's top-level expression (memoised per path, as Nix
    /// does for `import`).
    pub fn import_path(&mut self, path: &Path, span: Span) -> EResult<Value<'a>> {
        // Noted before resolving: a missing file may appear later.
        self.note_read(path);
        let resolved = if let Some(r) = self.resolved_imports.get(path) {
            r.clone()
        } else {
            let r = self.resolve_import(path, span)?;
            self.resolved_imports.insert(path.to_path_buf(), r.clone());
            r
        };
        let Some(path) = resolved else {
            let reason = format!("`{}` is outside the repository root", path.display());
            return Ok(self.unknown(&reason, span));
        };
        if let Some(v) = self.imports.get(&path) {
            return Ok(*v);
        }
        let code = self.code_for(&path, span)?;
        let v = self.eval(&code.body, self.root_env)?;
        self.imports.insert(path, v);
        Ok(v)
    }

    /// The file `import` reads for `path` (a directory means its
    /// `default.nix`); `None` when it lies outside the root.
    pub fn resolve_import(&self, path: &Path, span: Span) -> EResult<Option<PathBuf>> {
        let vfs = &self.ctx.vfs;
        if !vfs.lexically_inside(path) {
            return Ok(None);
        }
        match vfs.kind(path) {
            Ok(crate::vfs::EntryKind::Directory) => Ok(Some(path.join("default.nix"))),
            Ok(_) => Ok(Some(path.to_path_buf())),
            Err(FsError::OutsideRoot(_)) => Ok(None),
            Err(e) => Err(EvalError::new(
                ErrorKind::FileError,
                format!("cannot import: {e}"),
                span,
            )),
        }
    }

    /// The lowered code of a file, pinned for this evaluation.
    pub fn code_for(&mut self, path: &Path, span: Span) -> EResult<&'a Code> {
        if let Some(code) = self.codes.get(path) {
            return Ok(code);
        }
        let loaded = self.ctx.load(path).map_err(|e| {
            let kind = ErrorKind::FileError;
            EvalError::new(kind, format!("cannot read file: {e}"), span)
        })?;
        match &loaded.code {
            Ok(code) => Ok(self.codes.insert(path.to_path_buf(), code.clone())),
            Err(e) => Err(syntax_to_eval(e)),
        }
    }

    /// Evaluates lowered code that is not a file on disk (an embedded
    /// prelude, an expression from the command line).
    pub fn eval_code(&mut self, key: &Path, code: Arc<Code>) -> EResult<Value<'a>> {
        let code: &'a Code = match self.codes.get(key) {
            Some(c) => c,
            None => self.codes.insert(key.to_path_buf(), code),
        };
        self.eval(&code.body, self.root_env)
    }

    pub fn root_env(&self) -> &'a Env<'a> {
        self.root_env
    }

    /// Forces a value deeply (what `--strict` does), returning the first
    /// error.
    pub fn deep_force(&mut self, v: Value<'a>) -> EResult<()> {
        let mut stack = vec![v];
        let mut seen: std::collections::HashSet<usize> = std::collections::HashSet::new();
        while let Some(v) = stack.pop() {
            self.tick(v.span)?;
            match v.kind {
                V::Attrs(attrs) => {
                    if !seen.insert(attrs.as_ptr() as usize) {
                        continue;
                    }
                    for e in attrs.iter().rev() {
                        let inner = self.force(e.value).map_err(|err| with_attr_note(err, e))?;
                        stack.push(inner);
                    }
                }
                V::List(items) => {
                    if !seen.insert(items.as_ptr() as usize) {
                        continue;
                    }
                    for t in items.iter().rev() {
                        stack.push(self.force(t)?);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    pub fn regex(&mut self, pattern: &str) -> Result<Arc<nix_regex::NixRegex>, String> {
        if let Some(r) = self.regex_cache.get(pattern) {
            return r.clone();
        }
        let r = nix_regex::NixRegex::compile(pattern).map(Arc::new);
        self.regex_cache.insert(pattern.to_string(), r.clone());
        r
    }

    /// Applies a function value to an already computed argument.
    pub fn call(&mut self, f: Value<'a>, arg: Value<'a>, span: Span) -> EResult<Value<'a>> {
        let t = self.heap.ready(arg);
        self.apply(f, t, span)
    }

    /// A string value allocated in this evaluation's heap.
    pub fn string(&self, s: &str, span: Span) -> Value<'a> {
        Value::new(V::Str(self.heap.str(s)), span)
    }

    /// An attribute set from name/value pairs (sorted here).
    pub fn attrs_from(&self, pairs: Vec<(Symbol, Value<'a>)>, span: Span) -> Value<'a> {
        let entries = pairs
            .into_iter()
            .map(|(name, v)| AttrEntry {
                name,
                value: self.heap.ready(v),
                span: v.span,
            })
            .collect();
        Value::new(V::Attrs(self.heap.attrs(entries)), span)
    }

    pub fn list_from(&self, items: Vec<Value<'a>>, span: Span) -> Value<'a> {
        let thunks: Vec<Thunk<'a>> = items.into_iter().map(|v| self.heap.ready(v)).collect();
        Value::new(V::List(self.heap.list(&thunks)), span)
    }
}

/// Gives an error raised without a location the position of the attribute
/// being forced.
fn with_attr_note(mut err: Box<EvalError>, entry: &AttrEntry<'_>) -> Box<EvalError> {
    if err.span.is_synthetic() {
        err.span = entry.span;
    }
    err
}

/// A syntax or binding error met while importing, as an evaluation error.
pub fn syntax_to_eval(e: &SyntaxError) -> Box<EvalError> {
    let kind = match e.kind {
        SyntaxErrorKind::Parse | SyntaxErrorKind::Invalid => ErrorKind::SyntaxError,
        SyntaxErrorKind::UndefinedVariable => ErrorKind::UndefinedVariable,
        SyntaxErrorKind::DuplicateAttribute => ErrorKind::DuplicateAttribute,
    };
    let message = match e.kind {
        SyntaxErrorKind::Parse => format!("syntax error, {}", e.message),
        _ => e.message.clone(),
    };
    EvalError::new(kind, message, e.span)
}

/// Runs `f` on a thread with a stack large enough for deep evaluation.
pub fn with_eval_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("pocketlint-eval".into())
            .stack_size(EVAL_STACK_BYTES)
            .spawn_scoped(s, f)
            .expect("spawning the evaluation thread")
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

#[cfg(test)]
mod safety_tests;
