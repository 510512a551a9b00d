//! The JSON output: a versioned contract for CI scripts and tools.
//!
//! ```json
//! {"version": 1, "diagnostics": [{"rule", "severity", "message", "help",
//!   "file", "range": {"start": {"line", "column", "offset"}, "end": {..}},
//!   "labels": [{"file", "range", "message"}], "hosts", "services", "fix"}]}
//! ```
//! Lines and columns are 1-based; columns count bytes, like offsets.

use serde_json::{Value as J, json};

use crate::diagnostic::{Applicability, Diagnostic};
use crate::files::{SourceDb, Span};

pub const VERSION: u64 = 1;

fn position(db: &SourceDb, span: Span, offset: u32) -> J {
    match db.get(span.file) {
        Some(f) => {
            let lc = f.line_col(offset);
            json!({ "line": lc.line, "column": lc.column, "offset": offset })
        }
        None => J::Null,
    }
}

pub fn range(db: &SourceDb, span: Span) -> J {
    json!({ "start": position(db, span, span.start), "end": position(db, span, span.end) })
}

pub fn file_name(db: &SourceDb, span: Span) -> J {
    db.get(span.file)
        .map_or(J::Null, |f| J::String(f.name.clone()))
}

pub fn diagnostic(db: &SourceDb, d: &Diagnostic) -> J {
    let labels: Vec<J> = d
        .labels
        .iter()
        .map(|l| json!({ "file": file_name(db, l.span), "range": range(db, l.span), "message": l.message }))
        .collect();
    let fix = d.fix.as_ref().map_or(J::Null, |f| {
        json!({
            "title": f.title,
            "applicability": match f.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            },
            "edits": f.edits.iter().map(|e| json!({
                "file": file_name(db, e.span),
                "range": range(db, e.span),
                "replacement": e.replacement,
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "rule": d.rule,
        "severity": d.severity.as_str(),
        "message": d.message,
        "help": d.help,
        "file": file_name(db, d.span),
        "range": range(db, d.span),
        "labels": labels,
        "hosts": d.hosts,
        "services": d.services,
        "fix": fix,
    })
}

pub fn render(db: &SourceDb, diags: &[Diagnostic]) -> J {
    json!({
        "version": VERSION,
        "diagnostics": diags.iter().map(|d| diagnostic(db, d)).collect::<Vec<_>>(),
    })
}
