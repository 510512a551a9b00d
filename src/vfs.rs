//! File access confined to the repository root.
//!
//! Evaluation reads files only through here: paths are resolved through
//! symlinks and must stay under the root; texts must be UTF-8 and not too
//! large; an editor's unsaved buffers (overlays) win over the disk.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// Files larger than this are not read (configuration files are small; a
/// huge file is a vendored blob or a mistake).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FsError {
    /// The path (or what a symlink points to) is outside the root.
    OutsideRoot(PathBuf),
    NotFound(PathBuf),
    TooLarge(PathBuf, u64),
    NotText(PathBuf),
    IsDirectory(PathBuf),
    Io(PathBuf, String),
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FsError::OutsideRoot(p) => {
                write!(f, "`{}` is outside the repository root", p.display())
            }
            FsError::NotFound(p) => write!(f, "`{}` does not exist", p.display()),
            FsError::TooLarge(p, n) => {
                write!(f, "`{}` is too large to read ({n} bytes)", p.display())
            }
            FsError::NotText(p) => write!(f, "`{}` is not a UTF-8 text file", p.display()),
            FsError::IsDirectory(p) => write!(f, "`{}` is a directory", p.display()),
            FsError::Io(p, e) => write!(f, "cannot read `{}`: {e}", p.display()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    Regular,
    Directory,
    Symlink,
    Unknown,
}

impl EntryKind {
    pub fn nix_name(self) -> &'static str {
        match self {
            EntryKind::Regular => "regular",
            EntryKind::Directory => "directory",
            EntryKind::Symlink => "symlink",
            EntryKind::Unknown => "unknown",
        }
    }
}

#[derive(Debug)]
pub struct Vfs {
    root: PathBuf,
    max_file_bytes: u64,
    overlays: RwLock<HashMap<PathBuf, Arc<str>>>,
    /// What paths resolved to and what they are; the disk is taken as
    /// fixed while the cache lives ([`Vfs::forget_disk`]).
    resolved: RwLock<HashMap<PathBuf, (PathBuf, EntryKind)>>,
}

impl Vfs {
    /// `root` should be absolute; it is canonicalised when it exists.
    pub fn new(root: &Path) -> Vfs {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        Vfs {
            root,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            overlays: RwLock::new(HashMap::new()),
            resolved: RwLock::new(HashMap::new()),
        }
    }

    /// Forgets what was learnt about the disk (a language server calls
    /// this when files change on disk).
    pub fn forget_disk(&self) {
        self.resolved
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// The resolved path and kind of an existing path inside the root.
    fn resolve_kind(&self, path: &Path) -> Result<(PathBuf, EntryKind), FsError> {
        if let Some(hit) = self
            .resolved
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(path)
        {
            return Ok(hit.clone());
        }
        let real = self.resolve(path)?;
        let meta =
            std::fs::metadata(&real).map_err(|e| FsError::Io(path.to_path_buf(), e.to_string()))?;
        let kind = if meta.is_dir() {
            EntryKind::Directory
        } else if meta.is_file() {
            EntryKind::Regular
        } else {
            EntryKind::Unknown
        };
        self.resolved
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path.to_path_buf(), (real.clone(), kind));
        Ok((real, kind))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn set_overlay(&self, path: &Path, text: Option<Arc<str>>) {
        let mut o = self
            .overlays
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match text {
            Some(t) => {
                o.insert(path.to_path_buf(), t);
            }
            None => {
                o.remove(path);
            }
        }
    }

    fn overlay(&self, path: &Path) -> Option<Arc<str>> {
        let o = self
            .overlays
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        o.get(path).cloned()
    }

    /// Lexically inside the root?
    pub fn lexically_inside(&self, path: &Path) -> bool {
        path.starts_with(&self.root)
    }

    /// Resolves symlinks and checks confinement. A path that does not exist
    /// but is lexically inside the root gives `NotFound`.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, FsError> {
        if !self.lexically_inside(path) {
            return Err(FsError::OutsideRoot(path.to_path_buf()));
        }
        match std::fs::canonicalize(path) {
            Ok(real) => {
                if real.starts_with(&self.root) {
                    Ok(real)
                } else {
                    Err(FsError::OutsideRoot(path.to_path_buf()))
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(FsError::NotFound(path.to_path_buf()))
            }
            Err(e) => Err(FsError::Io(path.to_path_buf(), e.to_string())),
        }
    }

    pub fn read_text(&self, path: &Path) -> Result<Arc<str>, FsError> {
        if self.lexically_inside(path)
            && let Some(text) = self.overlay(path)
        {
            return Ok(text);
        }
        let real = self.resolve(path)?;
        let meta =
            std::fs::metadata(&real).map_err(|e| FsError::Io(path.to_path_buf(), e.to_string()))?;
        if meta.is_dir() {
            return Err(FsError::IsDirectory(path.to_path_buf()));
        }
        if meta.len() > self.max_file_bytes {
            return Err(FsError::TooLarge(path.to_path_buf(), meta.len()));
        }
        let bytes =
            std::fs::read(&real).map_err(|e| FsError::Io(path.to_path_buf(), e.to_string()))?;
        text_of(path, bytes)
    }

    /// Raw bytes, for hashing files into store paths.
    pub fn read_bytes(&self, path: &Path) -> Result<Vec<u8>, FsError> {
        if self.lexically_inside(path)
            && let Some(text) = self.overlay(path)
        {
            return Ok(text.as_bytes().to_vec());
        }
        let real = self.resolve(path)?;
        let meta =
            std::fs::metadata(&real).map_err(|e| FsError::Io(path.to_path_buf(), e.to_string()))?;
        if meta.len() > self.max_file_bytes {
            return Err(FsError::TooLarge(path.to_path_buf(), meta.len()));
        }
        std::fs::read(&real).map_err(|e| FsError::Io(path.to_path_buf(), e.to_string()))
    }

    pub fn kind(&self, path: &Path) -> Result<EntryKind, FsError> {
        if self.lexically_inside(path) && self.overlay(path).is_some() {
            return Ok(EntryKind::Regular);
        }
        self.resolve_kind(path).map(|(_, kind)| kind)
    }

    /// `Ok(false)` for a missing path inside the root; an error for one
    /// outside (its existence is not pocketlint's business).
    pub fn exists(&self, path: &Path) -> Result<bool, FsError> {
        if self.lexically_inside(path) && self.overlay(path).is_some() {
            return Ok(true);
        }
        match self.resolve(path) {
            Ok(_) => Ok(true),
            Err(FsError::NotFound(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Entries of a directory, sorted by name, with the kind Nix's
    /// `readDir` reports (symlinks are not followed).
    pub fn read_dir(&self, path: &Path) -> Result<Vec<(String, EntryKind)>, FsError> {
        let real = self.resolve(path)?;
        let rd =
            std::fs::read_dir(&real).map_err(|e| FsError::Io(path.to_path_buf(), e.to_string()))?;
        let mut out = Vec::new();
        for entry in rd {
            let entry = entry.map_err(|e| FsError::Io(path.to_path_buf(), e.to_string()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = match entry.file_type() {
                Ok(t) if t.is_symlink() => EntryKind::Symlink,
                Ok(t) if t.is_dir() => EntryKind::Directory,
                Ok(t) if t.is_file() => EntryKind::Regular,
                _ => EntryKind::Unknown,
            };
            out.push((name, kind));
        }
        out.sort();
        Ok(out)
    }
}

fn text_of(path: &Path, bytes: Vec<u8>) -> Result<Arc<str>, FsError> {
    if bytes.contains(&0) {
        return Err(FsError::NotText(path.to_path_buf()));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(Arc::from(s)),
        Err(_) => Err(FsError::NotText(path.to_path_buf())),
    }
}

/// The repository root for a path: the nearest directory at or above it
/// holding `flake.nix` or `.git`, else the path's own directory.
pub fn find_root(start: &Path) -> PathBuf {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let dir = if start.is_dir() {
        start.clone()
    } else {
        start
            .parent()
            .map_or_else(|| start.clone(), Path::to_path_buf)
    };
    let mut cur = Some(dir.as_path());
    while let Some(d) = cur {
        if d.join("flake.nix").is_file() || d.join(".git").exists() {
            return d.to_path_buf();
        }
        cur = d.parent();
    }
    dir
}
