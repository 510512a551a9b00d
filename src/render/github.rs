//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! annotation per finding.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::SourceDb;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(db: &SourceDb, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        match db.get(d.span.file) {
            Some(f) => {
                let s = f.line_col(d.span.start);
                let e = f.line_col(d.span.end);
                let _ = writeln!(
                    out,
                    "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                    escape_property(&f.name),
                    s.line,
                    s.column,
                    e.line,
                    e.column,
                    escape_property(&format!("pocketlint({})", d.rule)),
                    escape_data(&message)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "::{command} title={}::{}",
                    escape_property(&format!("pocketlint({})", d.rule)),
                    escape_data(&message)
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_runner_expects() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
