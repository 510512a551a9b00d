//! Evaluation off the request path: one thread owns the projects, takes
//! text changes, waits until they stop for a moment, evaluates what they
//! affect, publishes the diagnostics that changed and hands a snapshot of
//! the result to request handlers. New text cancels an evaluation in
//! progress; its work is redone with the newer text.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;

use super::convert;
use super::project::Project;
use super::transport::Outgoing;
use crate::diagnostic::Diagnostic;
use crate::eval::Limits;
use crate::files::{FileId, SourceFile};
use crate::workspace::HostResult;

/// Work for the evaluation thread.
#[derive(Debug)]
pub enum Job {
    /// An editor buffer's text; `None` when it was closed.
    Buffer {
        path: PathBuf,
        uri: lsp::Uri,
        version: Option<i32>,
        text: Option<Arc<str>>,
    },
    /// A file changed on disk.
    Disk {
        path: PathBuf,
        created_or_deleted: bool,
    },
    /// Configuration may have changed: read `pocketlint.toml` again.
    Reconfigure,
    /// A workspace folder to analyse right away.
    Root(PathBuf),
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub limits: Limits,
    /// How long changes must pause before evaluation starts.
    pub debounce: Duration,
}

/// A finding as published, with what code actions need.
#[derive(Debug, Clone)]
pub struct Finding {
    pub lsp: lsp::Diagnostic,
    pub source: Diagnostic,
}

/// The last complete evaluation of one project, for request handlers.
pub struct Snapshot {
    pub root: PathBuf,
    pub hosts: Vec<HostResult>,
    /// Every source text as evaluated, by file id.
    pub files: Vec<Arc<SourceFile>>,
    pub ids: HashMap<PathBuf, FileId>,
    pub findings: HashMap<PathBuf, Vec<Finding>>,
    /// Versions of the open buffers the evaluation saw.
    pub versions: HashMap<PathBuf, i32>,
    uris: HashMap<PathBuf, lsp::Uri>,
}

impl Snapshot {
    pub fn file(&self, id: FileId) -> Option<&Arc<SourceFile>> {
        self.files.get(id.0 as usize)
    }

    pub fn file_at(&self, path: &Path) -> Option<&Arc<SourceFile>> {
        self.ids.get(path).and_then(|&id| self.file(id))
    }

    /// The URI to use for a file: the client's own spelling when it opened
    /// it.
    pub fn uri(&self, path: &Path) -> lsp::Uri {
        self.uris
            .get(path)
            .cloned()
            .unwrap_or_else(|| convert::path_to_uri(path))
    }

    /// The hosts whose evaluation read `path`; every host when none did
    /// (a file no host imports yet).
    pub fn hosts_reading(&self, path: &Path) -> Vec<&HostResult> {
        let reading: Vec<&HostResult> = self.hosts.iter().filter(|h| h.depends_on(path)).collect();
        if reading.is_empty() {
            self.hosts.iter().collect()
        } else {
            reading
        }
    }
}

/// What request handlers read: the latest snapshot of each project.
#[derive(Default)]
pub struct Shared {
    snapshots: RwLock<Vec<Arc<Snapshot>>>,
}

impl Shared {
    /// The snapshot of the project holding `path` (the innermost one).
    pub fn for_path(&self, path: &Path) -> Option<Arc<Snapshot>> {
        let all = self
            .snapshots
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        all.iter()
            .filter(|s| path.starts_with(&s.root))
            .max_by_key(|s| s.root.components().count())
            .cloned()
    }

    fn store(&self, snapshot: Snapshot) {
        let mut all = self
            .snapshots
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        all.retain(|s| s.root != snapshot.root);
        all.push(Arc::new(snapshot));
    }
}

pub struct Worker {
    projects: Vec<Project>,
    /// What each file was last published with, per project root.
    published: HashMap<PathBuf, BTreeMap<PathBuf, Vec<lsp::Diagnostic>>>,
    uris: HashMap<PathBuf, lsp::Uri>,
    versions: HashMap<PathBuf, i32>,
    /// Configuration errors already shown, per project root.
    shown_errors: HashMap<PathBuf, String>,
    out: Sender<Outgoing>,
    shared: Arc<Shared>,
    cancel: Arc<AtomicBool>,
    options: Options,
}

impl Worker {
    pub fn new(
        out: Sender<Outgoing>,
        shared: Arc<Shared>,
        cancel: Arc<AtomicBool>,
        options: Options,
    ) -> Worker {
        Worker {
            projects: Vec::new(),
            published: HashMap::new(),
            uris: HashMap::new(),
            versions: HashMap::new(),
            shown_errors: HashMap::new(),
            out,
            shared,
            cancel,
            options,
        }
    }

    /// Runs until the job channel closes.
    pub fn run(mut self, jobs: &Receiver<Job>) {
        let mut unfinished = false;
        loop {
            let mut batch = Vec::new();
            if !unfinished {
                match jobs.recv() {
                    Ok(j) => batch.push(j),
                    Err(_) => return,
                }
            }
            // Debounce: wait until the changes pause.
            loop {
                match jobs.recv_timeout(self.options.debounce) {
                    Ok(j) => batch.push(j),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            // From here on, a new job cancels the evaluation below.
            self.cancel.store(false, Ordering::SeqCst);
            batch.extend(jobs.try_iter());
            for job in batch {
                self.apply(job);
            }
            unfinished = !self.update_all();
        }
    }

    fn apply(&mut self, job: Job) {
        match job {
            Job::Buffer {
                path,
                uri,
                version,
                text,
            } => {
                self.uris.insert(path.clone(), uri);
                match version {
                    Some(v) => self.versions.insert(path.clone(), v),
                    None => self.versions.remove(&path),
                };
                self.project_for(&path).set_buffer(&path, text);
            }
            Job::Disk {
                path,
                created_or_deleted,
            } => {
                for p in self.projects.iter_mut().filter(|p| p.contains(&path)) {
                    p.disk_changed(&path, created_or_deleted);
                }
            }
            Job::Reconfigure => {
                for p in &mut self.projects {
                    p.reconfigure();
                }
            }
            Job::Root(root) => {
                self.project_for(&root);
            }
        }
    }

    /// The project holding `path`, opened on first use at the repository
    /// root above it.
    fn project_for(&mut self, path: &Path) -> &mut Project {
        let found = self
            .projects
            .iter()
            .enumerate()
            .filter(|(_, p)| p.contains(path))
            .max_by_key(|(_, p)| p.root.components().count())
            .map(|(i, _)| i);
        let i = found.unwrap_or_else(|| {
            let root = crate::vfs::find_root(path);
            self.projects.push(Project::open(
                root,
                self.options.limits,
                self.cancel.clone(),
            ));
            self.projects.len() - 1
        });
        &mut self.projects[i]
    }

    /// Updates every project with work; `false` when cancelled.
    fn update_all(&mut self) -> bool {
        for i in 0..self.projects.len() {
            if !self.projects[i].has_work() {
                continue;
            }
            let started = Instant::now();
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.projects[i].update()
            }));
            match outcome {
                Ok(Ok(())) => {
                    let evaluated = started.elapsed();
                    self.publish(i);
                    self.projects[i].release_retired();
                    self.log(&format!(
                        "{}: diagnostics in {} ms (evaluation {} ms)",
                        self.projects[i].root.display(),
                        started.elapsed().as_millis(),
                        evaluated.as_millis()
                    ));
                }
                Ok(Err(_cancelled)) => return false,
                Err(panic) => {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    self.show(
                        lsp::MessageType::ERROR,
                        &format!(
                            "pocketlint: internal error while checking {} ({what}); please report it",
                            self.projects[i].root.display()
                        ),
                    );
                    self.projects[i].reconfigure();
                }
            }
        }
        true
    }

    /// Publishes the diagnostics of every file whose diagnostics changed
    /// (clearing those that have none left) and stores the snapshot.
    fn publish(&mut self, i: usize) {
        let diagnostics = self.projects[i].diagnostics();
        let project = &self.projects[i];
        let root = project.root.clone();
        if let Some(e) = &project.config_error {
            if self.shown_errors.get(&root) != Some(e) {
                self.shown_errors.insert(root.clone(), e.clone());
                let message = format!("pocketlint: {e}; using the default configuration");
                self.show(lsp::MessageType::ERROR, &message);
            }
        } else {
            self.shown_errors.remove(&root);
        }
        let ws = project.workspace();
        let files = ws.db.all();
        let mut ids = HashMap::new();
        for f in &files {
            ids.insert(f.path.clone(), f.id);
        }
        let uri_of = |path: &Path| {
            self.uris
                .get(path)
                .cloned()
                .unwrap_or_else(|| convert::path_to_uri(path))
        };
        let mut findings: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
        for d in diagnostics {
            // Findings without a place in the repository (an evaluation
            // error inside the embedded `lib`) are shown at their host.
            let in_repository = !d.span.is_synthetic()
                && ws
                    .db
                    .get(d.span.file)
                    .is_some_and(|f| f.path.starts_with(&project.root));
            let span = if in_repository {
                d.span
            } else {
                match project.fallback_span(&d) {
                    Some(s) => s,
                    None => continue,
                }
            };
            let Some(file) = ws.db.get(span.file) else {
                continue;
            };
            let mut located = d.clone();
            located.span = span;
            let lsp = convert::diagnostic(&located, &file, &|id| {
                ws.db.get(id).map(|f| {
                    let uri = uri_of(&f.path);
                    (f, uri)
                })
            });
            findings
                .entry(file.path.clone())
                .or_default()
                .push(Finding {
                    lsp,
                    source: located,
                });
        }
        let before = self.published.remove(&root).unwrap_or_default();
        let mut now: BTreeMap<PathBuf, Vec<lsp::Diagnostic>> = BTreeMap::new();
        for (path, list) in &findings {
            now.insert(path.clone(), list.iter().map(|f| f.lsp.clone()).collect());
        }
        for (path, diags) in &now {
            if before.get(path) != Some(diags) {
                self.send_diagnostics(path, diags.clone());
            }
        }
        for path in before.keys() {
            if !now.contains_key(path) {
                self.send_diagnostics(path, Vec::new());
            }
        }
        self.published.insert(root.clone(), now);
        let snapshot = Snapshot {
            root,
            hosts: project.hosts().to_vec(),
            files,
            ids,
            findings,
            versions: self.versions.clone(),
            uris: self.uris.clone(),
        };
        self.shared.store(snapshot);
    }

    fn send_diagnostics(&self, path: &Path, diagnostics: Vec<lsp::Diagnostic>) {
        let params = lsp::PublishDiagnosticsParams {
            uri: self
                .uris
                .get(path)
                .cloned()
                .unwrap_or_else(|| convert::path_to_uri(path)),
            diagnostics,
            version: self.versions.get(path).copied(),
        };
        self.notify(lsp::notification::PublishDiagnostics::METHOD, params);
    }

    fn log(&self, message: &str) {
        self.notify(
            lsp::notification::LogMessage::METHOD,
            lsp::LogMessageParams {
                typ: lsp::MessageType::LOG,
                message: message.to_string(),
            },
        );
    }

    fn show(&self, typ: lsp::MessageType, message: &str) {
        self.notify(
            lsp::notification::ShowMessage::METHOD,
            lsp::ShowMessageParams {
                typ,
                message: message.to_string(),
            },
        );
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let n = Notification::new(method.to_string(), params);
        let _ = self.out.send(Outgoing::Message(Message::Notification(n)));
    }
}
