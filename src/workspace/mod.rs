//! A repository: its root, its `.nix` files, its hosts, and the
//! evaluation of each host into the model.

mod flake;
mod index;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::eval::modules::{self, ModuleRef};
use crate::eval::{self, CodeStore, Context, Evaluator, Heap, Limits, V, Value};
use crate::files::{SourceDb, Span};
use crate::model;
use crate::vfs::{self, Vfs};

/// Where a host's modules come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostSource {
    /// `nixosConfigurations.<name>` of the repository's flake.
    Flake,
    /// An entry module (a host directory or file).
    Entry(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostSpec {
    pub name: String,
    pub source: HostSource,
    /// Modules added to the host (from `pocketlint.toml`, or found to
    /// declare options the host defines).
    pub extra_modules: Vec<PathBuf>,
    /// The files its flake definition names, for matching targets.
    pub module_paths: Vec<PathBuf>,
}

/// One evaluated host.
#[derive(Debug, Clone)]
pub struct HostResult {
    pub spec: HostSpec,
    /// Shared with the models the rules read and the language server's
    /// snapshots, which would otherwise copy it after every evaluation.
    pub host: Arc<model::Host>,
    /// Paths of the modules in the host's import closure.
    pub closure: Arc<crate::files::PathSet>,
    /// Every path the evaluation read (modules, plain imports, files and
    /// directories read by builtins): a change under any of them can
    /// change this result.
    pub reads: Arc<crate::files::PathSet>,
    /// Where attribute selections found their attribute, when the
    /// workspace records them ([`Workspace::record_selections`]).
    pub selections: Arc<eval::Selections>,
}

impl HostResult {
    /// Whether a change to `path` can change this result.
    pub fn depends_on(&self, path: &Path) -> bool {
        self.reads.iter().any(|r| path.starts_with(r)) || self.closure.contains(path)
    }
}

pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    pub db: Arc<SourceDb>,
    pub ctx: Arc<Context>,
    index: OnceLock<index::DeclIndex>,
    pool: rayon::ThreadPool,
    /// Record where attribute selections lead (for an editor's go to
    /// definition); off for the command line.
    pub record_selections: bool,
}

impl Workspace {
    /// The workspace holding `start`: the nearest directory above it with
    /// `flake.nix` or `.git` is the root; `pocketlint.toml` there (or
    /// `config`) is read.
    pub fn open(start: &Path, config: Option<&Path>, limits: Limits) -> Result<Workspace, String> {
        let start =
            std::fs::canonicalize(start).map_err(|e| format!("`{}`: {e}", start.display()))?;
        let root = vfs::find_root(&start);
        let config = Config::load(&root, config).map_err(|e| e.to_string())?;
        Ok(Workspace::with_root(root, config, limits))
    }

    pub fn with_root(root: PathBuf, config: Config, limits: Limits) -> Workspace {
        Workspace::with_context(root, config, |db, vfs| Context::new(db, vfs, limits))
    }

    /// A workspace whose evaluations stop soon after `cancel` is set.
    pub fn cancellable(
        root: PathBuf,
        config: Config,
        limits: Limits,
        cancel: Arc<std::sync::atomic::AtomicBool>,
    ) -> Workspace {
        Workspace::with_context(root, config, |db, vfs| {
            Context::new(db, vfs, limits).with_cancel(cancel)
        })
    }

    fn with_context(
        root: PathBuf,
        config: Config,
        context: impl FnOnce(Arc<SourceDb>, Arc<Vfs>) -> Context,
    ) -> Workspace {
        let db = Arc::new(SourceDb::new(root.clone()));
        let ctx = Arc::new(context(db.clone(), Arc::new(Vfs::new(&root))));
        let pool = rayon::ThreadPoolBuilder::new()
            .stack_size(eval::EVAL_STACK_BYTES)
            .thread_name(|i| format!("pocketlint-host-{i}"))
            .build()
            .expect("creating the evaluation thread pool");
        Workspace {
            root,
            config,
            db,
            ctx,
            index: OnceLock::new(),
            pool,
            record_selections: false,
        }
    }

    pub fn rel(&self, path: &Path) -> String {
        crate::files::display_name(&self.root, path)
    }

    /// Every `.nix` file of the repository, sorted; `.git`, `result*` links
    /// and excluded paths are skipped.
    pub fn nix_files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let walker = walkdir::WalkDir::new(&self.root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                if e.depth() > 0
                    && (name == ".git"
                        || name.starts_with("result")
                        || name == "target" && e.depth() == 1)
                {
                    return false;
                }
                let rel = crate::files::display_name(&self.root, e.path());
                !self.config.is_excluded(&rel)
            });
        for entry in walker.flatten() {
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "nix") {
                out.push(entry.path().to_path_buf());
            }
        }
        out
    }

    /// Parses (and lowers) every file once, in parallel.
    pub fn preload(&self, files: &[PathBuf]) {
        self.pool.install(|| {
            files.par_iter().for_each(|f| {
                let _ = self.ctx.load(f);
            });
        });
    }

    /// Syntax errors of the given files, as diagnostics.
    pub fn syntax_diagnostics(&self, files: &[PathBuf]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for f in files {
            if let Ok(loaded) = self.ctx.load(f)
                && let Err(e) = &loaded.code
            {
                out.push(syntax_diagnostic(e));
            }
        }
        out
    }

    /// Runs `f` with an evaluator on a thread with a large stack.
    pub fn with_evaluator<T: Send>(
        &self,
        f: impl for<'a> FnOnce(&mut Evaluator<'a>) -> T + Send,
    ) -> T {
        let ctx: &Context = &self.ctx;
        eval::with_eval_stack(move || {
            let heap = Heap::new();
            let codes = CodeStore::new();
            let mut ev = Evaluator::new(&heap, ctx, &codes);
            f(&mut ev)
        })
    }

    /// The hosts to check for `targets` (paths given on the command line).
    pub fn discover_hosts(&self, targets: &[PathBuf]) -> Vec<HostSpec> {
        let all_extra: Vec<PathBuf> = self
            .config
            .extra_modules
            .iter()
            .map(|p| self.root.join(p))
            .collect();
        if !self.config.hosts.is_empty() {
            return self
                .config
                .hosts
                .iter()
                .map(|h| HostSpec {
                    name: h.name.clone(),
                    source: HostSource::Entry(self.root.join(&h.entry)),
                    extra_modules: all_extra
                        .iter()
                        .cloned()
                        .chain(h.modules.iter().map(|m| self.root.join(m)))
                        .collect(),
                    module_paths: Vec::new(),
                })
                .collect();
        }
        let root = self.root.clone();
        let flake_hosts: Vec<(String, Vec<PathBuf>)> =
            self.with_evaluator(|ev| flake_host_paths(ev, &root));
        let mut specs: Vec<HostSpec> = Vec::new();
        for target in targets {
            let target = std::fs::canonicalize(target).unwrap_or_else(|_| target.clone());
            if target.is_file() {
                specs.push(entry_spec(&target, &all_extra));
                continue;
            }
            let covering: Vec<&(String, Vec<PathBuf>)> = flake_hosts
                .iter()
                .filter(|(_, paths)| {
                    target == self.root || paths.iter().any(|p| p.starts_with(&target))
                })
                .collect();
            for (name, paths) in &covering {
                specs.push(HostSpec {
                    name: name.clone(),
                    source: HostSource::Flake,
                    extra_modules: all_extra.clone(),
                    module_paths: paths.clone(),
                });
            }
            let flake_paths: BTreeSet<&PathBuf> =
                flake_hosts.iter().flat_map(|(_, p)| p.iter()).collect();
            let mut found = false;
            if let Ok(rd) = std::fs::read_dir(&target) {
                let mut dirs: Vec<PathBuf> = rd
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_dir())
                    .collect();
                dirs.sort();
                for d in dirs {
                    if host_entry(&d).is_none() {
                        continue;
                    }
                    found = true;
                    let covered = flake_paths
                        .iter()
                        .any(|p| **p == d || p.starts_with(&d) && p.parent() == Some(&d));
                    if covered || !covering.is_empty() && target == self.root {
                        continue;
                    }
                    specs.push(entry_spec(&d, &all_extra));
                }
            }
            if !found && covering.is_empty() {
                if host_entry(&target).is_some() {
                    specs.push(entry_spec(&target, &all_extra));
                } else {
                    // The usual layouts keep hosts one level down.
                    for sub in ["hosts", "machines", "nixos/hosts"] {
                        specs.extend(host_dirs(&target.join(sub), &all_extra));
                    }
                }
            }
        }
        specs.sort_by(|a, b| a.name.cmp(&b.name));
        specs.dedup_by(|a, b| a.name == b.name && a.source == b.source);
        specs
    }

    /// Evaluates every host in parallel; hosts whose entry another host
    /// imports are dropped (they are shared modules, not hosts).
    pub fn evaluate(&self, specs: &[HostSpec]) -> Vec<HostResult> {
        let results = self.evaluate_each(specs);
        let imported = imported_hosts(&results);
        results
            .into_iter()
            .zip(imported)
            .filter_map(|(r, imported)| (!imported).then_some(r))
            .collect()
    }

    /// Evaluates the given hosts in parallel, each on its own.
    pub fn evaluate_each(&self, specs: &[HostSpec]) -> Vec<HostResult> {
        self.pool
            .install(|| specs.par_iter().map(|s| self.evaluate_host(s)).collect())
    }

    /// Evaluates one host (on the calling thread, which needs a large
    /// stack), adding modules that declare options it defines when its own
    /// imports do not.
    pub fn evaluate_host(&self, spec: &HostSpec) -> HostResult {
        let first = self.evaluate_once(spec, &[]);
        if first.undeclared.is_empty() {
            return first.result;
        }
        let index = self.index.get_or_init(|| index::DeclIndex::build(self));
        let extra = index.declaring(&first.undeclared, &first.result.closure);
        if extra.is_empty() {
            return first.result;
        }
        let mut second = self.evaluate_once(spec, &extra).result;
        second.spec.extra_modules.extend(extra);
        second
    }

    /// Brings the index of option declarations up to date after `changed`
    /// files changed (their parses must be invalidated first). Returns
    /// whether any file now declares something else, which can change
    /// which modules any host gets added.
    pub fn refresh_declarations(&mut self, changed: &[PathBuf]) -> bool {
        if self.index.get().is_none() {
            return false;
        }
        let fresh: Vec<(PathBuf, Vec<String>)> = changed
            .iter()
            .filter_map(|p| Some((p.clone(), index::DeclIndex::declared_by(self, p)?)))
            .collect();
        let index = self.index.get_mut().expect("checked above");
        fresh.into_iter().fold(false, |any, (p, declared)| {
            index.replace(&p, declared) || any
        })
    }

    fn evaluate_once(&self, spec: &HostSpec, added: &[PathBuf]) -> Pass {
        let heap = Heap::new();
        let codes = CodeStore::new();
        let mut ev = Evaluator::new(&heap, &self.ctx, &codes);
        if self.record_selections {
            ev.ext.selections = Some(eval::Selections::default());
        }
        let entry = match &spec.source {
            HostSource::Entry(p) => Some(self.rel(p)),
            HostSource::Flake => None,
        };
        let mut errors = Vec::new();
        let (refs, special) = match self.host_modules(&mut ev, spec, added) {
            Ok(x) => x,
            Err(e) => {
                errors.push(crate::commands::eval::error_diagnostic(&e));
                (Vec::new(), ev.attrs_from(Vec::new(), Span::SYNTHETIC))
            }
        };
        let mut closure = crate::files::PathSet::default();
        let (host, undeclared) = match modules::eval_modules(&mut ev, &refs, special, &[], true)
            .and_then(|state| modules::public_config(&mut ev, state).map(|c| (state, c)))
        {
            Ok((state, config)) => {
                let mut host =
                    model::extract_host(&mut ev, &spec.name, entry, config, self.config.schema);
                for m in state.modules() {
                    if m.key.starts_with('/') {
                        closure.insert(PathBuf::from(m.key));
                    }
                }
                for (span, reason) in state.skipped() {
                    host.skipped_modules.push(model::UnknownNote {
                        what: "a module".into(),
                        reason: (*reason).to_string(),
                        span: *span,
                    });
                }
                host.errors.splice(0..0, errors);
                let undeclared = ev
                    .ext
                    .undeclared
                    .iter()
                    .map(|loc| loc.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("."))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                (host, undeclared)
            }
            Err(e) => {
                errors.push(crate::commands::eval::error_diagnostic(&e));
                let empty = ev.attrs_from(Vec::new(), Span::SYNTHETIC);
                let mut host =
                    model::extract_host(&mut ev, &spec.name, entry, empty, self.config.schema);
                host.errors = errors;
                (host, Vec::new())
            }
        };
        Pass {
            result: HostResult {
                spec: spec.clone(),
                host: Arc::new(host),
                closure: Arc::new(closure),
                reads: Arc::new(std::mem::take(&mut ev.ext.files_read)),
                selections: Arc::new(ev.ext.selections.take().unwrap_or_default()),
            },
            undeclared,
        }
    }

    /// The public configuration of an already evaluated host (its spec
    /// carries the modules that were added automatically).
    pub fn host_config<'a>(
        &self,
        ev: &mut Evaluator<'a>,
        spec: &HostSpec,
    ) -> eval::EResult<Value<'a>> {
        let (refs, special) = self.host_modules(ev, spec, &[])?;
        let state = modules::eval_modules(ev, &refs, special, &[], true)?;
        modules::public_config(ev, state)
    }

    fn host_modules<'a>(
        &self,
        ev: &mut Evaluator<'a>,
        spec: &HostSpec,
        added: &[PathBuf],
    ) -> eval::EResult<(Vec<ModuleRef<'a>>, Value<'a>)> {
        let mut special = modules::nixos_special_args(ev);
        let mut refs = Vec::new();
        match &spec.source {
            HostSource::Flake => {
                if let Some((mods, args)) = flake::host_modules(ev, &self.root, &spec.name)? {
                    refs = mods;
                    special = ev.update(special, args, Span::SYNTHETIC)?;
                }
            }
            HostSource::Entry(p) => refs.push(path_ref(ev, p)),
        }
        for p in spec.extra_modules.iter().chain(added) {
            refs.push(path_ref(ev, p));
        }
        Ok((refs, special))
    }
}

struct Pass {
    result: HostResult,
    undeclared: Vec<String>,
}

/// For each result, whether another host imports its entry (then it is a
/// shared module, not a host).
pub fn imported_hosts(results: &[HostResult]) -> Vec<bool> {
    results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let HostSource::Entry(entry) = &r.spec.source else {
                return false;
            };
            let file = host_entry(entry).unwrap_or_else(|| entry.clone());
            results.iter().enumerate().any(|(j, other)| {
                i != j && (other.closure.contains(entry) || other.closure.contains(&file))
            })
        })
        .collect()
}

/// Every subdirectory of `dir` that is a host entry.
fn host_dirs(dir: &Path, extra: &[PathBuf]) -> Vec<HostSpec> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && host_entry(p).is_some())
        .collect();
    dirs.sort();
    dirs.iter().map(|d| entry_spec(d, extra)).collect()
}

fn path_ref<'a>(ev: &mut Evaluator<'a>, p: &Path) -> ModuleRef<'a> {
    let s = ev.heap.str(&p.to_string_lossy());
    ModuleRef::new(
        ev.ready(Value::new(V::Path(s), Span::SYNTHETIC)),
        Span::SYNTHETIC,
    )
}

fn syntax_diagnostic(e: &crate::syntax::SyntaxError) -> Diagnostic {
    Diagnostic::new(
        "syntax_error",
        crate::diagnostic::Severity::Error,
        e.span,
        e.message.clone(),
    )
}

/// The file a host directory's entry is (`default.nix` or
/// `configuration.nix`).
pub fn host_entry(dir: &Path) -> Option<PathBuf> {
    if dir.is_file() {
        return Some(dir.to_path_buf());
    }
    ["default.nix", "configuration.nix"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
}

fn entry_spec(path: &Path, extra: &[PathBuf]) -> HostSpec {
    let name = if path.is_file() {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if stem == "default" || stem == "configuration" {
            path.parent()
                .and_then(|p| p.file_name())
                .map_or(stem, |n| n.to_string_lossy().into_owned())
        } else {
            stem
        }
    } else {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    HostSpec {
        name,
        source: HostSource::Entry(path.to_path_buf()),
        extra_modules: extra.to_vec(),
        module_paths: vec![path.to_path_buf()],
    }
}

/// The flake's hosts with the paths of the modules each one names.
fn flake_host_paths(ev: &mut Evaluator<'_>, root: &Path) -> Vec<(String, Vec<PathBuf>)> {
    let Ok(names) = flake::host_names(ev, root) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for name in names {
        let mut paths = Vec::new();
        if let Ok(Some((refs, _))) = flake::host_modules(ev, root, &name) {
            for r in refs {
                if let Ok(v) = ev.force(r.value)
                    && let V::Path(p) = v.kind
                {
                    paths.push(PathBuf::from(p));
                }
            }
        }
        out.push((name, paths));
    }
    out
}
