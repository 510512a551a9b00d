//! Code actions: every fix `pocketlint check --fix` (or `--unsafe-fixes`)
//! would apply, and suppressing a rule on the finding's line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_types as lsp;

use super::convert;
use super::navigate;
use super::worker::{Finding, Snapshot};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::files::SourceFile;
use crate::lints::suppression_comments;

/// Findings that cannot be suppressed (as in `pocketlint check`).
const UNSUPPRESSIBLE: &[&str] = &["syntax_error", "eval_error"];

/// The actions for the findings of `path` that touch `range`.
pub fn code_actions(
    snap: &Snapshot,
    path: &Path,
    range: lsp::Range,
    document_changes: bool,
) -> Vec<lsp::CodeActionOrCommand> {
    let Some(findings) = snap.findings.get(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for f in findings.iter().filter(|f| overlaps(f.lsp.range, range)) {
        if let Some(action) = fix_action(snap, f, document_changes) {
            out.push(lsp::CodeActionOrCommand::CodeAction(action));
        }
        if let Some(action) = suppress_action(snap, f, document_changes) {
            out.push(lsp::CodeActionOrCommand::CodeAction(action));
        }
    }
    out
}

fn overlaps(a: lsp::Range, b: lsp::Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn fix_action(snap: &Snapshot, f: &Finding, document_changes: bool) -> Option<lsp::CodeAction> {
    let fix = f.source.fix.as_ref()?;
    let mut edits: BTreeMap<PathBuf, Vec<lsp::TextEdit>> = BTreeMap::new();
    for e in &fix.edits {
        let file = snap.file(e.span.file)?;
        edits
            .entry(file.path.clone())
            .or_default()
            .push(lsp::TextEdit::new(
                convert::range(file, e.span.start, e.span.end),
                e.replacement.clone(),
            ));
    }
    let safe = fix.applicability == Applicability::Safe;
    let title = if safe {
        fix.title.clone()
    } else {
        format!("{} (changes behaviour)", fix.title)
    };
    Some(lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![f.lsp.clone()]),
        edit: Some(workspace_edit(snap, edits, document_changes)),
        is_preferred: Some(safe),
        ..lsp::CodeAction::default()
    })
}

fn suppress_action(
    snap: &Snapshot,
    f: &Finding,
    document_changes: bool,
) -> Option<lsp::CodeAction> {
    let d = &f.source;
    if UNSUPPRESSIBLE.contains(&d.rule) {
        return None;
    }
    let file = snap.file(d.span.file)?;
    let (title, edit) = suppress_edit(file, d)?;
    let mut edits = BTreeMap::new();
    edits.insert(file.path.clone(), vec![edit]);
    Some(lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![f.lsp.clone()]),
        edit: Some(workspace_edit(snap, edits, document_changes)),
        is_preferred: Some(false),
        ..lsp::CodeAction::default()
    })
}

/// The edit that suppresses `d` where it starts: the rule added to an
/// allow comment already covering that line, or a new comment on the line
/// before with the line's indentation. `None` where no comment can go (the
/// line starts inside a multi-line string).
pub fn suppress_edit(file: &SourceFile, d: &Diagnostic) -> Option<(String, lsp::TextEdit)> {
    let rule = d.rule;
    let line = file.lines.line_of(d.span.start);
    if let Some(existing) = suppression_comments(file)
        .into_iter()
        .find(|s| s.line == line)
    {
        let (at, text) = if let Some((_, span)) = existing.rules.last() {
            (span.end, format!(", {rule}"))
        } else {
            let comment = file
                .text
                .get(existing.span.start as usize..existing.span.end as usize)?;
            let open = comment.find("allow(")? + "allow(".len();
            (
                existing.span.start + u32::try_from(open).ok()?,
                rule.to_string(),
            )
        };
        let pos = convert::position(file, at);
        return Some((
            format!("Suppress `{rule}` here (add it to the allow comment)"),
            lsp::TextEdit::new(lsp::Range::new(pos, pos), text),
        ));
    }
    let start = file.lines.line_start(line) as usize;
    if navigate::inside_string(&file.text, start) {
        return None;
    }
    let rest = &file.text[start..];
    let indent: String = rest
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let line_text = rest.split('\n').next().unwrap_or("");
    let newline = if line_text.ends_with('\r') {
        "\r\n"
    } else {
        "\n"
    };
    let pos = convert::position(file, u32::try_from(start).ok()?);
    Some((
        format!("Suppress `{rule}` here with `# pocketlint: allow({rule})`"),
        lsp::TextEdit::new(
            lsp::Range::new(pos, pos),
            format!("{indent}# pocketlint: allow({rule}){newline}"),
        ),
    ))
}

/// Edits per file, addressed to the buffer versions the evaluation saw
/// (a client refuses them once the buffer has moved on).
fn workspace_edit(
    snap: &Snapshot,
    edits: BTreeMap<PathBuf, Vec<lsp::TextEdit>>,
    document_changes: bool,
) -> lsp::WorkspaceEdit {
    if document_changes {
        let changes = edits
            .into_iter()
            .map(|(path, edits)| lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: snap.uri(&path),
                    version: snap.versions.get(&path).copied(),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            })
            .collect();
        lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(changes)),
            ..lsp::WorkspaceEdit::default()
        }
    } else {
        lsp::WorkspaceEdit {
            changes: Some(
                edits
                    .into_iter()
                    .map(|(path, edits)| (snap.uri(&path), edits))
                    .collect(),
            ),
            ..lsp::WorkspaceEdit::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::files::{SourceDb, Span};
    use std::sync::Arc;

    fn finding_at(text: &str, needle: &str, rule: &'static str) -> (Arc<SourceFile>, Diagnostic) {
        let db = SourceDb::new("/r".into());
        let id = db.set_text(Path::new("/r/a.nix"), Arc::from(text));
        let start = u32::try_from(text.find(needle).unwrap()).unwrap();
        let span = Span {
            file: id,
            start,
            end: start + u32::try_from(needle.len()).unwrap(),
        };
        (
            db.get(id).unwrap(),
            Diagnostic::new(rule, Severity::Error, span, "m"),
        )
    }

    fn apply(text: &str, edit: &lsp::TextEdit) -> String {
        let lines = crate::files::LineIndex::new(text);
        let start = convert::offset(text, &lines, edit.range.start);
        let end = convert::offset(text, &lines, edit.range.end);
        format!("{}{}{}", &text[..start], edit.new_text, &text[end..])
    }

    #[test]
    fn a_new_comment_takes_the_indentation_of_the_line() {
        let text = "{\n    caddySecurity.policy = \"legacy\";\n}\n";
        let (file, d) = finding_at(text, "legacy", "unknown_policy");
        let (_, edit) = suppress_edit(&file, &d).unwrap();
        assert_eq!(
            apply(text, &edit),
            "{\n    # pocketlint: allow(unknown_policy)\n    caddySecurity.policy = \"legacy\";\n}\n"
        );
    }

    #[test]
    fn existing_allow_comments_are_extended() {
        let text = "{\n  # pocketlint: allow(overbroad_network)\n  nets = [ \"0.0.0.0/0\" ];\n  x = 1; # pocketlint: allow()\n}\n";
        let (file, d) = finding_at(text, "0.0.0.0/0", "bypass_without_network");
        let (title, edit) = suppress_edit(&file, &d).unwrap();
        assert!(title.contains("add it"), "{title}");
        assert!(
            apply(text, &edit)
                .contains("# pocketlint: allow(overbroad_network, bypass_without_network)\n")
        );
        let (file, d) = finding_at(text, "x = 1", "malformed_cidr");
        let (_, edit) = suppress_edit(&file, &d).unwrap();
        assert!(apply(text, &edit).contains("x = 1; # pocketlint: allow(malformed_cidr)\n"));
    }

    #[test]
    fn no_comment_inside_a_multiline_string() {
        let text = "{\n  extraConfig = ''\n    handle /x\n  '';\n}\n";
        let (file, d) = finding_at(text, "handle", "auth_skipped_by_extra_config");
        assert!(suppress_edit(&file, &d).is_none());
    }
}
