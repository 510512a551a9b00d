//! One repository as the language server keeps it: the pipeline's
//! analysis, updated incrementally. Editor buffers overlay the disk; a
//! file is parsed again only when its text changes, and only the hosts
//! whose evaluation read a changed file are evaluated again.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::eval::Limits;
use crate::files::{FileId, Span};
use crate::lints::{self, Suppressions};
use crate::pipeline::{self, Analysis};
use crate::workspace::{self, HostResult, HostSpec, Workspace};

/// The evaluation was given up because newer text arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

pub struct Project {
    pub root: PathBuf,
    analysis: Analysis,
    /// The hosts as discovered, aligned with `analysis.hosts` once the
    /// first evaluation is done (results extend their specs with modules
    /// added automatically; these do not).
    specs: Vec<HostSpec>,
    /// Whether `analysis.hosts` holds a complete evaluation.
    evaluated: bool,
    /// Hosts to evaluate again.
    dirty: BTreeSet<usize>,
    /// Per host: files whose current text it has not seen, because its
    /// last good evaluation is kept while a file does not parse.
    stale: Vec<BTreeSet<PathBuf>>,
    /// Per host: files that did not parse when it was last evaluated.
    broken_seen: Vec<BTreeSet<PathBuf>>,
    /// Files whose text changed since the last update.
    changed: BTreeSet<PathBuf>,
    /// Evaluations replaced by the last update, freed once its
    /// diagnostics are out (freeing a large host takes milliseconds).
    retired: Vec<HostResult>,
    /// The host set or the configuration may have changed: start over.
    reload: bool,
    /// Editor buffers, which win over the disk.
    overlays: HashMap<PathBuf, Arc<str>>,
    /// Suppression comments, read once per file text.
    suppressions: Suppressions,
    /// Why `pocketlint.toml` could not be used, if it could not.
    pub config_error: Option<String>,
    limits: Limits,
    cancel: Arc<AtomicBool>,
}

impl Project {
    /// The repository at `root`. Nothing is read until
    /// [`Project::update`].
    pub fn open(root: PathBuf, limits: Limits, cancel: Arc<AtomicBool>) -> Project {
        let ws = Workspace::cancellable(root.clone(), Config::default(), limits, cancel.clone());
        Project {
            root,
            analysis: pipeline::analyze_hosts(ws, &[]),
            specs: Vec::new(),
            evaluated: false,
            dirty: BTreeSet::new(),
            stale: Vec::new(),
            broken_seen: Vec::new(),
            changed: BTreeSet::new(),
            retired: Vec::new(),
            reload: true,
            overlays: HashMap::new(),
            suppressions: Suppressions::default(),
            config_error: None,
            limits,
            cancel,
        }
    }

    pub fn workspace(&self) -> &Workspace {
        &self.analysis.ws
    }

    pub fn hosts(&self) -> &[HostResult] {
        if self.evaluated {
            &self.analysis.hosts
        } else {
            &[]
        }
    }

    pub fn contains(&self, path: &Path) -> bool {
        path.starts_with(&self.root)
    }

    /// Whether [`Project::update`] has anything to do.
    pub fn has_work(&self) -> bool {
        self.reload || !self.changed.is_empty() || !self.dirty.is_empty() || !self.evaluated
    }

    /// An editor buffer's text (`None`: the buffer was closed, the disk
    /// counts again).
    pub fn set_buffer(&mut self, path: &Path, text: Option<Arc<str>>) {
        let vfs = &self.analysis.ws.ctx.vfs;
        match &text {
            Some(t) => {
                self.overlays.insert(path.to_path_buf(), t.clone());
            }
            None => {
                self.overlays.remove(path);
            }
        }
        vfs.set_overlay(path, text);
        self.note_change(path);
    }

    /// A file changed on disk (a watched-files event).
    pub fn disk_changed(&mut self, path: &Path, created_or_deleted: bool) {
        self.analysis.ws.ctx.vfs.forget_disk();
        // Editors that save by writing a new file and renaming it over the
        // old one report a deletion and a creation: a file that was read
        // before and is there again has only changed. A file that really
        // appeared or went away may add or remove a host or a module, so
        // the project is read again.
        let replaced = created_or_deleted && self.was_read(path) && self.exists(path);
        if (created_or_deleted && !replaced)
            || path.file_name().is_some_and(|n| n == config::FILE_NAME)
            || path == self.root.join("flake.nix")
        {
            self.reload = true;
            return;
        }
        if self.overlays.contains_key(path) {
            // The open buffer wins over what was saved.
            return;
        }
        self.note_change(path);
    }

    fn was_read(&self, path: &Path) -> bool {
        let ws = &self.analysis.ws;
        self.analysis.files.iter().any(|f| f == path) || ws.db.id_of(path).is_some()
    }

    fn exists(&self, path: &Path) -> bool {
        self.analysis.ws.ctx.vfs.exists(path).unwrap_or(false)
    }

    /// Frees the evaluations the last update replaced.
    pub fn release_retired(&mut self) {
        self.retired.clear();
    }

    /// `pocketlint.toml` may have changed: read everything again.
    pub fn reconfigure(&mut self) {
        self.reload = true;
    }

    /// Drops the cached parse of `path` when its text (buffer or disk)
    /// differs from what was last parsed.
    fn note_change(&mut self, path: &Path) {
        if path.file_name().is_some_and(|n| n == config::FILE_NAME)
            || path == self.root.join("flake.nix")
        {
            self.reload = true;
        }
        let ws = &self.analysis.ws;
        let now = ws.ctx.vfs.read_text(path).ok();
        let before = ws
            .db
            .id_of(path)
            .and_then(|id| ws.db.get(id))
            .map(|f| f.text.clone());
        if now.is_some() && now == before {
            return;
        }
        ws.ctx.invalidate(path);
        self.changed.insert(path.to_path_buf());
    }

    /// Brings diagnostics up to date with every change so far. On
    /// cancellation the work left is kept for the next call.
    pub fn update(&mut self) -> Result<(), Cancelled> {
        if self.reload {
            self.restart();
        }
        let changed: Vec<PathBuf> = std::mem::take(&mut self.changed).into_iter().collect();
        self.reparse(&changed);
        let broken = self.broken_files();
        if self.evaluated {
            if self.analysis.ws.refresh_declarations(&changed) {
                self.dirty.extend(0..self.specs.len());
            }
            for (i, h) in self.analysis.hosts.iter().enumerate() {
                if changed.iter().any(|p| h.depends_on(p)) {
                    self.dirty.insert(i);
                }
            }
            self.evaluate_dirty(&changed, &broken)
        } else {
            self.evaluate_all(&broken)
        }
    }

    /// Reads the configuration, files and hosts again.
    fn restart(&mut self) {
        let (ws, config_error) =
            workspace_for(&self.root, self.limits, &self.cancel, &self.overlays);
        // Discovery (parsing every file, evaluating the flake for its
        // hosts) is kept whole even when newer text arrives meanwhile: a
        // cancelled discovery would only start again from nothing, and
        // on a large repository steady typing could then keep the first
        // diagnostics away. The evaluation after it is cancellable.
        let ctx = ws.ctx.clone();
        let (analysis, specs) = ctx.uncancellable(|| discover(ws));
        let n = specs.len();
        self.analysis = analysis;
        self.specs = specs;
        self.evaluated = false;
        self.dirty = (0..n).collect();
        self.stale = vec![BTreeSet::new(); n];
        self.broken_seen = vec![BTreeSet::new(); n];
        self.changed.clear();
        self.reload = false;
        self.suppressions = Suppressions::default();
        self.config_error = config_error;
    }

    /// Parses changed files again and refreshes their syntax errors.
    fn reparse(&mut self, changed: &[PathBuf]) {
        let ws = &self.analysis.ws;
        for path in changed {
            let ids: Vec<FileId> = ws.db.id_of(path).into_iter().collect();
            self.analysis.syntax.retain(|d| !ids.contains(&d.span.file));
            let is_nix = path.extension().is_some_and(|x| x == "nix");
            if !is_nix || !ws.ctx.vfs.exists(path).unwrap_or(false) {
                continue;
            }
            if !self.analysis.files.contains(path) && !ws.config.is_excluded(&ws.rel(path)) {
                self.analysis.files.push(path.clone());
                self.analysis.files.sort();
            }
            if self.analysis.files.contains(path) {
                self.analysis
                    .syntax
                    .extend(ws.syntax_diagnostics(std::slice::from_ref(path)));
            }
        }
    }

    /// Files that do not parse now.
    fn broken_files(&self) -> BTreeSet<PathBuf> {
        let ws = &self.analysis.ws;
        let mut out = BTreeSet::new();
        for d in &self.analysis.syntax {
            if let Some(f) = ws.db.get(d.span.file) {
                out.insert(f.path.clone());
            }
        }
        for path in self.overlays.keys() {
            if ws.ctx.load(path).is_ok_and(|l| l.code.is_err()) {
                out.insert(path.clone());
            }
        }
        out
    }

    fn evaluate_all(&mut self, broken: &BTreeSet<PathBuf>) -> Result<(), Cancelled> {
        let results = self.analysis.ws.evaluate_each(&self.specs);
        if self.analysis.ws.ctx.is_cancelled() {
            return Err(Cancelled);
        }
        let imported = workspace::imported_hosts(&results);
        let mut specs = Vec::new();
        let mut hosts = Vec::new();
        for ((spec, result), imported) in std::mem::take(&mut self.specs)
            .into_iter()
            .zip(results)
            .zip(imported)
        {
            if !imported {
                specs.push(spec);
                hosts.push(result);
            }
        }
        let n = specs.len();
        self.broken_seen = hosts
            .iter()
            .map(|h| broken.iter().filter(|p| h.depends_on(p)).cloned().collect())
            .collect();
        self.specs = specs;
        self.analysis.hosts = hosts;
        self.stale = vec![BTreeSet::new(); n];
        self.dirty.clear();
        self.evaluated = true;
        Ok(())
    }

    /// Evaluates the dirty hosts again, except those that read a file
    /// which stopped parsing: they keep their last good evaluation until
    /// it parses again.
    fn evaluate_dirty(
        &mut self,
        changed: &[PathBuf],
        broken: &BTreeSet<PathBuf>,
    ) -> Result<(), Cancelled> {
        let mut run = Vec::new();
        for &i in &self.dirty {
            let host = &self.analysis.hosts[i];
            let newly_broken = broken
                .iter()
                .any(|p| host.depends_on(p) && !self.broken_seen[i].contains(p));
            if newly_broken {
                let seen: Vec<PathBuf> = changed
                    .iter()
                    .filter(|p| host.depends_on(p))
                    .cloned()
                    .collect();
                self.stale[i].extend(seen);
            } else {
                run.push(i);
            }
        }
        let specs: Vec<HostSpec> = run.iter().map(|&i| self.specs[i].clone()).collect();
        let results = self.analysis.ws.evaluate_each(&specs);
        if self.analysis.ws.ctx.is_cancelled() {
            return Err(Cancelled);
        }
        for (i, result) in run.into_iter().zip(results) {
            self.broken_seen[i] = broken
                .iter()
                .filter(|p| result.depends_on(p))
                .cloned()
                .collect();
            self.stale[i].clear();
            let old = std::mem::replace(&mut self.analysis.hosts[i], result);
            self.retired.push(old);
        }
        self.dirty.clear();
        Ok(())
    }

    /// Every finding, as `pocketlint check` reports them, except that in a
    /// file some kept (stale) evaluation has not seen only its syntax
    /// errors are shown: positions there would be out of date.
    pub fn diagnostics(&mut self) -> Vec<Diagnostic> {
        if !self.evaluated {
            return self.analysis.syntax.clone();
        }
        self.suppressions.sync(&self.analysis.ws.db);
        let mut out = pipeline::diagnostics_with(&self.analysis, None, &self.suppressions);
        let stale: BTreeSet<FileId> = self
            .stale
            .iter()
            .flatten()
            .filter_map(|p| self.analysis.ws.db.id_of(p))
            .collect();
        if !stale.is_empty() {
            out.retain(|d| d.rule == "syntax_error" || !stale.contains(&d.span.file));
            for d in &mut out {
                d.labels.retain(|l| !stale.contains(&l.span.file));
            }
        }
        out
    }

    /// Where to show a finding that has no location of its own (an
    /// evaluation error outside any file): the entry of its host.
    pub fn fallback_span(&self, d: &Diagnostic) -> Option<Span> {
        let host = self
            .analysis
            .hosts
            .iter()
            .find(|h| d.hosts.contains(&h.host.name))?;
        let entry = match &host.spec.source {
            workspace::HostSource::Entry(p) => {
                workspace::host_entry(p).unwrap_or_else(|| p.clone())
            }
            workspace::HostSource::Flake => self.root.join("flake.nix"),
        };
        let ws = &self.analysis.ws;
        let id = ws.ctx.load(&entry).ok()?.file;
        Some(Span {
            file: id,
            start: 0,
            end: 0,
        })
    }
}

/// A workspace at `root` with its configuration (the defaults, and the
/// reason, when `pocketlint.toml` is unusable) and the open buffers.
fn workspace_for(
    root: &Path,
    limits: Limits,
    cancel: &Arc<AtomicBool>,
    overlays: &HashMap<PathBuf, Arc<str>>,
) -> (Workspace, Option<String>) {
    let (config, error) = match Config::load(root, None)
        .map_err(|e| e.to_string())
        .and_then(|c| lints::validate_config(&c).map(|()| c))
    {
        Ok(c) => (c, None),
        Err(e) => (Config::default(), Some(e)),
    };
    let mut ws = Workspace::cancellable(root.to_path_buf(), config, limits, cancel.clone());
    ws.record_selections = true;
    for (path, text) in overlays {
        ws.ctx.vfs.set_overlay(path, Some(text.clone()));
    }
    (ws, error)
}

/// Parses every file and finds the hosts, without evaluating them.
fn discover(ws: Workspace) -> (Analysis, Vec<HostSpec>) {
    let specs = ws.discover_hosts(std::slice::from_ref(&ws.root));
    let analysis = pipeline::analyze_hosts(ws, &[]);
    (analysis, specs)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::fixture_tests::copy_dir;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    use super::Project;

    fn rules(p: &mut Project) -> Vec<&'static str> {
        p.diagnostics().iter().map(|d| d.rule).collect()
    }

    /// Newer text arriving while the repository is read for the first
    /// time cancels the evaluation, not the reading: the next update only
    /// evaluates.
    #[test]
    fn discovery_survives_cancellation() {
        let root = std::fs::canonicalize(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("nixos-tests/documented-schema"),
        )
        .unwrap();
        let mut calm = Project::open(
            root.clone(),
            crate::eval::Limits::default(),
            Arc::new(AtomicBool::new(false)),
        );
        calm.update().unwrap();
        let expected = rules(&mut calm);
        assert!(expected.contains(&"auth_skipped_by_extra_config"));

        let cancel = Arc::new(AtomicBool::new(true));
        let mut p = Project::open(root, crate::eval::Limits::default(), cancel.clone());
        assert!(p.update().is_err(), "the evaluation is cancelled");
        assert!(!p.reload, "discovery was thrown away");
        assert!(!p.specs.is_empty(), "hosts were found");
        cancel.store(false, std::sync::atomic::Ordering::SeqCst);
        p.update().unwrap();
        assert_eq!(rules(&mut p), expected);
    }

    /// Saving by renaming a new file over the old one is a change of that
    /// file, not a new project; a file that really appears is.
    #[test]
    fn a_file_saved_by_rename_is_a_change_not_a_restart() {
        let work = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("nixos-tests/clean"),
            work.path(),
        );
        let root = std::fs::canonicalize(work.path()).unwrap();
        let mut p = Project::open(
            root.clone(),
            crate::eval::Limits::default(),
            Arc::new(AtomicBool::new(false)),
        );
        p.update().unwrap();
        assert!(!rules(&mut p).contains(&"unknown_policy"));

        let host = root.join("hosts/nas/default.nix");
        let text = std::fs::read_to_string(&host).unwrap();
        let renamed = root.join("hosts/nas/.default.nix.swp");
        std::fs::write(
            &renamed,
            text.replacen("policy = \"admins\";", "policy = \"admin\";", 1),
        )
        .unwrap();
        std::fs::rename(&renamed, &host).unwrap();
        p.disk_changed(&host, true);
        assert!(!p.reload, "a replaced file restarted the project");
        p.update().unwrap();
        assert!(rules(&mut p).contains(&"unknown_policy"));

        let fresh = root.join("hosts/nas/extra.nix");
        std::fs::write(&fresh, "{ }\n").unwrap();
        p.disk_changed(&fresh, true);
        assert!(p.reload, "a new file must be picked up");
        std::fs::remove_file(&fresh).unwrap();
        p.update().unwrap();
        p.disk_changed(&host, true);
        assert!(!p.reload);
        std::fs::remove_file(&host).unwrap();
        p.disk_changed(&host, true);
        assert!(p.reload, "a deleted file must be dropped");
    }
}
