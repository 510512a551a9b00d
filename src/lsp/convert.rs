//! Between pocketlint's byte spans and LSP's URIs and UTF-16 positions.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types as lsp;

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::SourceFile;

/// The local path a `file:` URI names (percent-decoded); `None` for other
/// schemes and for URIs that are not absolute paths.
pub fn uri_to_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file:///p` has an empty authority; `file://localhost/p` names this
    // machine too.
    let path = if rest.starts_with('/') {
        rest
    } else {
        rest.strip_prefix("localhost")?
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    let path = PathBuf::from(decoded);
    path.is_absolute().then_some(path)
}

/// The `file:` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> lsp::Uri {
    let s = format!("file://{}", crate::files::uri_path(&path.to_string_lossy()));
    lsp::Uri::from_str(&s).expect("an encoded file path is a valid URI")
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The LSP position of a byte offset (UTF-16 columns).
pub fn position(file: &SourceFile, offset: u32) -> lsp::Position {
    let lc = file.line_col(offset);
    lsp::Position::new(lc.line - 1, lc.utf16_column)
}

pub fn range(file: &SourceFile, start: u32, end: u32) -> lsp::Range {
    lsp::Range::new(position(file, start), position(file, end))
}

/// The byte offset of an LSP position in `text` (clamped to the text).
/// A column past the end of its line means the end of the line (LSP).
pub fn offset(text: &str, lines: &crate::files::LineIndex, pos: lsp::Position) -> usize {
    lines.offset_of_utf16(text, pos.line, pos.character)
}

/// Where a rule is documented.
pub fn rule_href(rule: &str) -> Option<lsp::CodeDescription> {
    lsp::Uri::from_str(&crate::render::rule_doc_url(rule))
        .ok()
        .map(|href| lsp::CodeDescription { href })
}

/// The tags a finding carries in editors: findings about configuration
/// that has no effect are shown faded.
fn tags(rule: &str) -> Option<Vec<lsp::DiagnosticTag>> {
    match rule {
        // The comment suppresses nothing; the networks restrict nothing.
        "invalid_suppression" | "networks_without_bypass" => {
            Some(vec![lsp::DiagnosticTag::UNNECESSARY])
        }
        _ => None,
    }
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// A finding as an LSP diagnostic. `file` holds its primary span;
/// `source_of` gives the file (and its URI) of each secondary label.
pub fn diagnostic(
    d: &Diagnostic,
    file: &SourceFile,
    source_of: &dyn Fn(crate::files::FileId) -> Option<(std::sync::Arc<SourceFile>, lsp::Uri)>,
) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter_map(|l| {
            let (f, uri) = source_of(l.span.file)?;
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri, range(&f, l.span.start, l.span.end)),
                message: l.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: range(file, d.span.start, d.span.end),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.rule.to_string())),
        code_description: rule_href(d.rule),
        source: Some("pocketlint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: tags(d.rule),
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::{FileId, SourceDb, Span};
    use std::sync::Arc;

    #[test]
    fn file_uris_round_trip_with_escapes() {
        let path = Path::new("/srv/my repo/hosts/ünï/default.nix");
        let uri = path_to_uri(path);
        assert_eq!(
            uri.as_str(),
            "file:///srv/my%20repo/hosts/%C3%BCn%C3%AF/default.nix"
        );
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        let localhost = lsp::Uri::from_str("file://localhost/etc/x.nix").unwrap();
        assert_eq!(uri_to_path(&localhost), Some(PathBuf::from("/etc/x.nix")));
        let other = lsp::Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&other), None);
        let relative = lsp::Uri::from_str("file:a.nix").unwrap();
        assert_eq!(uri_to_path(&relative), None);
    }

    #[test]
    fn positions_count_utf16_units_after_multibyte_text() {
        let db = SourceDb::new("/r".into());
        // `é` is one UTF-16 unit (two bytes), `🔒` two units (four bytes).
        let text = "{\n  # café 🔒\n  x = \"🔒é\"; policy = \"admins\";\n}\n";
        let id = db.set_text(Path::new("/r/a.nix"), Arc::from(text));
        let file = db.get(id).unwrap();
        let start = u32::try_from(text.find("admins").unwrap()).unwrap();
        let d = Diagnostic::new(
            "unknown_policy",
            Severity::Error,
            Span {
                file: id,
                start,
                end: start + 6,
            },
            "policy `admins` is not defined",
        );
        let got = diagnostic(&d, &file, &|_| None);
        // Line 2: `  x = "🔒é"; policy = "` is 23 UTF-16 units (25 bytes).
        assert_eq!(got.range.start, lsp::Position::new(2, 23));
        assert_eq!(got.range.end, lsp::Position::new(2, 29));
        assert_eq!(offset(text, &file.lines, got.range.start), start as usize);
        assert_eq!(got.source.as_deref(), Some("pocketlint"));
        assert_eq!(
            got.code,
            Some(lsp::NumberOrString::String("unknown_policy".into()))
        );
        assert!(
            got.code_description
                .unwrap()
                .href
                .as_str()
                .ends_with("/lints/unknown_policy.md")
        );
        let _ = FileId(0);
    }

    #[test]
    fn help_and_labels_in_other_files_travel_along() {
        let db = SourceDb::new("/r".into());
        let a = db.set_text(Path::new("/r/a.nix"), Arc::from("{ p = \"x\"; }\n"));
        let b = db.set_text(Path::new("/r/lib/b.nix"), Arc::from("\n\n  q\n"));
        let d = Diagnostic::new(
            "invalid_suppression",
            Severity::Warning,
            Span {
                file: a,
                start: 2,
                end: 3,
            },
            "m",
        )
        .help("h")
        .label(
            Span {
                file: b,
                start: 4,
                end: 5,
            },
            "set here",
        );
        let fa = db.get(a).unwrap();
        let got = diagnostic(&d, &fa, &|id| {
            db.get(id).map(|f| {
                let uri = path_to_uri(&f.path);
                (f, uri)
            })
        });
        assert_eq!(got.message, "m\nhelp: h");
        let rel = got.related_information.unwrap();
        assert_eq!(rel[0].location.uri.as_str(), "file:///r/lib/b.nix");
        assert_eq!(rel[0].location.range.start, lsp::Position::new(2, 2));
        assert_eq!(rel[0].message, "set here");
        assert_eq!(got.tags, Some(vec![lsp::DiagnosticTag::UNNECESSARY]));
    }
}
