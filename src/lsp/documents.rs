//! The buffers an editor has open: their text, as the editor sees it, and
//! its version.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types as lsp;

use super::convert;
use crate::files::LineIndex;

#[derive(Debug, Clone)]
pub struct Document {
    /// The URI exactly as the client spelled it (diagnostics for this file
    /// are published under it).
    pub uri: lsp::Uri,
    pub version: i32,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Documents {
    by_path: HashMap<PathBuf, Document>,
}

impl Documents {
    pub fn open(&mut self, path: PathBuf, doc: Document) {
        self.by_path.insert(path, doc);
    }

    pub fn close(&mut self, path: &Path) -> Option<Document> {
        self.by_path.remove(path)
    }

    pub fn get(&self, path: &Path) -> Option<&Document> {
        self.by_path.get(path)
    }

    /// Applies `didChange` content changes in order (full texts and
    /// ranges in UTF-16 positions).
    pub fn change(
        &mut self,
        path: &Path,
        version: i32,
        changes: &[lsp::TextDocumentContentChangeEvent],
    ) -> Result<&Document, String> {
        let doc = self
            .by_path
            .get_mut(path)
            .ok_or_else(|| format!("`{}` changed but was never opened", path.display()))?;
        for change in changes {
            apply_change(&mut doc.text, change);
        }
        doc.version = version;
        Ok(doc)
    }
}

/// One content change: a whole new text, or a range replaced.
pub fn apply_change(text: &mut String, change: &lsp::TextDocumentContentChangeEvent) {
    let Some(range) = change.range else {
        text.clone_from(&change.text);
        return;
    };
    let lines = LineIndex::new(text);
    let start = convert::offset(text, &lines, range.start);
    let end = convert::offset(text, &lines, range.end).max(start);
    text.replace_range(start..end, &change.text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(sl: u32, sc: u32, el: u32, ec: u32, new: &str) -> lsp::TextDocumentContentChangeEvent {
        lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range::new(
                lsp::Position::new(sl, sc),
                lsp::Position::new(el, ec),
            )),
            range_length: None,
            text: new.to_string(),
        }
    }

    #[test]
    fn incremental_edits_use_utf16_columns() {
        let mut text = "a = \"🔒x\";\nb = 1;\n".to_string();
        // `x` is at UTF-16 column 7 (the lock is two units).
        apply_change(&mut text, &edit(0, 7, 0, 8, "yz"));
        assert_eq!(text, "a = \"🔒yz\";\nb = 1;\n");
        // Insert at the end of the text.
        apply_change(&mut text, &edit(2, 0, 2, 0, "c = 2;\n"));
        assert_eq!(text, "a = \"🔒yz\";\nb = 1;\nc = 2;\n");
        // A range across lines; a column past the line end means its end.
        apply_change(&mut text, &edit(0, 99, 1, 3, ""));
        assert_eq!(text, "a = \"🔒yz\"; 1;\nc = 2;\n");
    }

    #[test]
    fn full_changes_replace_everything_and_unknown_documents_are_errors() {
        let mut docs = Documents::default();
        let path = PathBuf::from("/r/a.nix");
        docs.open(
            path.clone(),
            Document {
                uri: convert::path_to_uri(&path),
                version: 1,
                text: "old".into(),
            },
        );
        let full = lsp::TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".into(),
        };
        let doc = docs.change(&path, 2, std::slice::from_ref(&full)).unwrap();
        assert_eq!((doc.text.as_str(), doc.version), ("new", 2));
        assert!(docs.change(Path::new("/r/b.nix"), 1, &[full]).is_err());
    }
}
