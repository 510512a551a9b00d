//! Source files, their identities and positions.
//!
//! Everything downstream speaks in byte ranges (`Span`); only renderers turn
//! them into lines and columns, through [`LineIndex`].

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// A set of paths asked only whether it holds a path: hashing a path
/// costs one pass over its bytes, where ordering paths compares them
/// component by component.
pub type PathSet = std::collections::HashSet<PathBuf, crate::symbol::FxBuildHasher>;

/// Identifies one source text for the lifetime of a [`SourceDb`].
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct FileId(pub u32);

impl FileId {
    /// Values made by the evaluator itself (builtins, the embedded `lib`)
    /// carry this id; renderers never show it.
    pub const SYNTHETIC: FileId = FileId(u32::MAX);
}

/// A byte range in one file.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const SYNTHETIC: Span = Span {
        file: FileId::SYNTHETIC,
        start: 0,
        end: 0,
    };

    pub fn new(file: FileId, range: rowan::TextRange) -> Span {
        Span {
            file,
            start: range.start().into(),
            end: range.end().into(),
        }
    }

    pub fn is_synthetic(self) -> bool {
        self.file == FileId::SYNTHETIC
    }

    pub fn len(self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }

    /// The smallest span covering both (same file assumed).
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        if self.file != other.file {
            return self;
        }
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn contains(self, other: Span) -> bool {
        self.file == other.file && self.start <= other.start && other.end <= self.end
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_synthetic() {
            write!(f, "<synthetic>")
        } else {
            write!(f, "{}:{}..{}", self.file.0, self.start, self.end)
        }
    }
}

/// Line starts of a text, for byte offset → (line, column) conversions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
}

/// A 1-based line and column (the column counts bytes, 1-based) plus the
/// 0-based UTF-16 column that LSP wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
    pub utf16_column: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        LineIndex { starts }
    }

    /// 0-based line holding `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    pub fn line_start(&self, line: usize) -> u32 {
        self.starts.get(line).copied().unwrap_or(0)
    }

    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = offset.min(u32::try_from(text.len()).unwrap_or(u32::MAX));
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let end = offset as usize;
        let prefix = text.get(start..end).unwrap_or("");
        let utf16 = prefix.encode_utf16().count();
        LineCol {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(end - start + 1).unwrap_or(u32::MAX),
            utf16_column: u32::try_from(utf16).unwrap_or(u32::MAX),
        }
    }

    /// Byte offset of a 0-based line and UTF-16 column (LSP positions),
    /// clamped to the text; a column past the end of its line means the
    /// end of the line, before its line break (as LSP says).
    pub fn offset_of_utf16(&self, text: &str, line: u32, utf16_col: u32) -> usize {
        let Some(&start) = self.starts.get(line as usize) else {
            return text.len();
        };
        let start = start as usize;
        let next = self
            .starts
            .get(line as usize + 1)
            .map_or(text.len(), |&e| e as usize);
        let line = text.get(start..next).unwrap_or("");
        let content = line.strip_suffix('\n').unwrap_or(line);
        let content = content.strip_suffix('\r').unwrap_or(content);
        let mut units = 0u32;
        for (i, ch) in content.char_indices() {
            if units >= utf16_col {
                return start + i;
            }
            units += u32::try_from(ch.len_utf16()).unwrap_or(2);
        }
        start + content.len()
    }
}

/// One loaded source text.
#[derive(Debug)]
pub struct SourceFile {
    pub id: FileId,
    /// Absolute, normalised path.
    pub path: PathBuf,
    /// Path relative to the repository root, with `/` separators; the name
    /// users see.
    pub name: String,
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }

    /// `name:line` of a byte offset, for people.
    pub fn place(&self, offset: u32) -> String {
        format!("{}:{}", self.name, self.line_col(offset).line)
    }
}

/// All texts known to one run (or one language-server session). Shared
/// between threads; files are added, replaced (editor buffers) but never
/// removed, so a `FileId` stays valid.
#[derive(Debug)]
pub struct SourceDb {
    root: PathBuf,
    inner: RwLock<DbInner>,
}

#[derive(Debug, Default)]
struct DbInner {
    files: Vec<Arc<SourceFile>>,
    by_path: HashMap<PathBuf, FileId>,
}

impl SourceDb {
    pub fn new(root: PathBuf) -> SourceDb {
        SourceDb {
            root,
            inner: RwLock::new(DbInner::default()),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Adds (or replaces) the text for `path` and returns its id.
    pub fn set_text(&self, path: &Path, text: Arc<str>) -> FileId {
        let mut inner = self
            .inner
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let name = display_name(&self.root, path);
        if let Some(&id) = inner.by_path.get(path) {
            let file = SourceFile {
                id,
                path: path.to_path_buf(),
                name,
                lines: LineIndex::new(&text),
                text,
            };
            inner.files[id.0 as usize] = Arc::new(file);
            return id;
        }
        let id = FileId(u32::try_from(inner.files.len()).unwrap_or(u32::MAX - 1));
        inner.files.push(Arc::new(SourceFile {
            id,
            path: path.to_path_buf(),
            name,
            lines: LineIndex::new(&text),
            text,
        }));
        inner.by_path.insert(path.to_path_buf(), id);
        id
    }

    pub fn get(&self, id: FileId) -> Option<Arc<SourceFile>> {
        let inner = self
            .inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        inner.files.get(id.0 as usize).cloned()
    }

    pub fn id_of(&self, path: &Path) -> Option<FileId> {
        let inner = self
            .inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        inner.by_path.get(path).copied()
    }

    pub fn all(&self) -> Vec<Arc<SourceFile>> {
        let inner = self
            .inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        inner.files.clone()
    }
}

/// `path` as the path part of a URI: every byte but unreserved characters
/// and `/` percent-encoded (spaces and non-ASCII names are common).
pub fn uri_path(path: &str) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(char::from(b));
        } else {
            let _ = write!(s, "%{b:02X}");
        }
    }
    s
}

/// The name shown to users: relative to the root when inside it.
pub fn display_name(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().replace('\\', "/"),
        _ => path.to_string_lossy().into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_encode_spaces_and_non_ascii() {
        assert_eq!(
            uri_path("/srv/my repo/café.nix"),
            "/srv/my%20repo/caf%C3%A9.nix"
        );
        assert_eq!(uri_path("hosts/a-b_c.~/x.nix"), "hosts/a-b_c.~/x.nix");
    }

    #[test]
    fn line_columns_count_bytes_and_utf16() {
        let text = "a = 1;\nbé = \"x\";\n";
        let idx = LineIndex::new(text);
        let lc = idx.line_col(text, 7);
        assert_eq!((lc.line, lc.column, lc.utf16_column), (2, 1, 0));
        // `=` after the two-byte `é`.
        let eq = u32::try_from(text.find(" =\u{20}\"").unwrap()).unwrap() + 1;
        let lc = idx.line_col(text, eq);
        assert_eq!((lc.line, lc.column, lc.utf16_column), (2, 5, 3));
        assert_eq!(idx.offset_of_utf16(text, 1, 3), eq as usize);
    }
}
