//! `# pocketlint: allow(rule, ...)` comments: on its own line it covers the
//! next line, at the end of a line it covers that line. A finding is
//! suppressed when its primary location starts on a covered line.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::{FileId, SourceDb, SourceFile, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The 0-based line whose findings it covers.
    pub line: usize,
    pub rules: Vec<(String, Span)>,
    pub span: Span,
}

/// The suppression comments of a file (real comments only, found with the
/// tokenizer, so text inside strings does not count).
pub fn suppression_comments(file: &SourceFile) -> Vec<Suppression> {
    let text = &file.text;
    let mut out = Vec::new();
    // Most files have none: spare them a second tokenization (an editor
    // asks again after every edit of a file).
    if !text.contains("pocketlint:") {
        return out;
    }
    let mut offset = 0usize;
    for (kind, tok) in rnix::tokenize(text) {
        let start = offset;
        offset += tok.len();
        if kind != rnix::SyntaxKind::TOKEN_COMMENT {
            continue;
        }
        let body = tok
            .trim_start_matches('#')
            .trim_start_matches("/*")
            .trim_end_matches("*/")
            .trim();
        let Some(rest) = body.strip_prefix("pocketlint:") else {
            continue;
        };
        let rest = rest.trim();
        let Some(args) = rest
            .strip_prefix("allow(")
            .and_then(|r| r.split_once(')'))
            .map(|(a, _)| a)
        else {
            continue;
        };
        let args_start = start + tok.find("allow(").map_or(0, |p| p + "allow(".len());
        let mut rules = Vec::new();
        let mut pos = args_start;
        for part in args.split(',') {
            let name = part.trim();
            let lead = part.len() - part.trim_start().len();
            if !name.is_empty() {
                let s = pos + lead;
                rules.push((
                    name.to_string(),
                    Span {
                        file: file.id,
                        start: u32::try_from(s).unwrap_or(u32::MAX),
                        end: u32::try_from(s + name.len()).unwrap_or(u32::MAX),
                    },
                ));
            }
            pos += part.len() + 1;
        }
        let line = file.lines.line_of(u32::try_from(start).unwrap_or(u32::MAX));
        let line_start = file.lines.line_start(line) as usize;
        let own_line = text
            .get(line_start..start)
            .is_some_and(|before| before.trim().is_empty());
        out.push(Suppression {
            line: if own_line { line + 1 } else { line },
            rules,
            span: Span {
                file: file.id,
                start: u32::try_from(start).unwrap_or(u32::MAX),
                end: u32::try_from(start + tok.len()).unwrap_or(u32::MAX),
            },
        });
    }
    out
}

/// All suppression comments of the files in a database.
#[derive(Debug, Default)]
pub struct Suppressions {
    by_file: HashMap<FileId, Vec<Suppression>>,
    /// The text each file's comments were read from.
    read: HashMap<FileId, Arc<str>>,
}

impl Suppressions {
    pub fn collect(db: &SourceDb) -> Suppressions {
        let mut s = Suppressions::default();
        s.sync(db);
        s
    }

    /// Reads the comments of files that are new or whose text changed
    /// since the last call (an editor session keeps one `Suppressions`).
    pub fn sync(&mut self, db: &SourceDb) {
        for f in db.all() {
            if f.name.starts_with('/') {
                continue;
            }
            if self
                .read
                .get(&f.id)
                .is_some_and(|t| Arc::ptr_eq(t, &f.text))
            {
                continue;
            }
            self.read.insert(f.id, f.text.clone());
            let s = suppression_comments(&f);
            if s.is_empty() {
                self.by_file.remove(&f.id);
            } else {
                self.by_file.insert(f.id, s);
            }
        }
    }

    /// Whether a comment suppresses `d`.
    pub fn covers(&self, db: &SourceDb, d: &Diagnostic) -> bool {
        let Some(list) = self.by_file.get(&d.span.file) else {
            return false;
        };
        let Some(file) = db.get(d.span.file) else {
            return false;
        };
        let line = file.lines.line_of(d.span.start);
        list.iter()
            .any(|s| s.line == line && s.rules.iter().any(|(r, _)| r == d.rule || r == "all"))
    }

    /// Drops suppressed findings (built-in syntax and evaluation errors
    /// cannot be suppressed).
    pub fn filter(&self, db: &SourceDb, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter(|d| matches!(d.rule, "syntax_error" | "eval_error") || !self.covers(db, d))
            .collect()
    }

    /// `invalid_suppression` findings: names that are no rule.
    pub fn invalid(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for list in self.by_file.values() {
            for s in list {
                for (name, span) in &s.rules {
                    if name == "all" || crate::lints::rule(name).is_some() {
                        continue;
                    }
                    let mut d = Diagnostic::new(
                        "invalid_suppression",
                        Severity::Warning,
                        *span,
                        format!(
                            "`{name}` is not a pocketlint rule, so this comment suppresses nothing"
                        ),
                    );
                    d.help = Some(match crate::lints::suggest(name) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "run `pocketlint rules` for the list of rules".to_string(),
                    });
                    out.push(d);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    #[test]
    fn comments_cover_their_line_or_the_next() {
        let db = SourceDb::new("/r".into());
        let text = "{\n  # pocketlint: allow(unknown_policy, nope)\n  a = \"x\";\n  b = 1; # pocketlint: allow(malformed_cidr)\n  c = \"# pocketlint: allow(x)\";\n}\n";
        let id = db.set_text(Path::new("/r/a.nix"), Arc::from(text));
        let f = db.get(id).unwrap();
        let s = suppression_comments(&f);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].line, 2);
        assert_eq!(s[0].rules.len(), 2);
        assert_eq!(
            &text[s[0].rules[1].1.start as usize..s[0].rules[1].1.end as usize],
            "nope"
        );
        assert_eq!(s[1].line, 3);
    }
}
