//! SARIF 2.1.0 for code-scanning tools: rule metadata (with help taken from
//! `lints/*.md`), results with regions in Unicode code points, related
//! locations and fixes.

use serde_json::{Value as J, json};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::files::{SourceDb, Span, uri_path};
use crate::lints;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// 1-based line and column in code points.
fn line_col(db: &SourceDb, span: Span, offset: u32) -> Option<(u32, u32)> {
    let f = db.get(span.file)?;
    let lc = f.line_col(offset);
    let line_start = f.lines.line_start(lc.line as usize - 1) as usize;
    let prefix = f.text.get(line_start..offset as usize).unwrap_or("");
    Some((
        lc.line,
        u32::try_from(prefix.chars().count()).unwrap_or(u32::MAX) + 1,
    ))
}

fn region(db: &SourceDb, span: Span) -> J {
    match (line_col(db, span, span.start), line_col(db, span, span.end)) {
        (Some((sl, sc)), Some((el, ec))) => json!({
            "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
            "byteOffset": span.start, "byteLength": span.end - span.start,
        }),
        _ => json!({}),
    }
}

fn location(db: &SourceDb, span: Span, message: Option<&str>) -> J {
    let uri = db
        .get(span.file)
        .map(|f| uri_path(&f.name))
        .unwrap_or_default();
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
            "region": region(db, span),
        }
    });
    if let Some(m) = message {
        loc["message"] = json!({ "text": m });
    }
    loc
}

fn first_paragraph(doc: &str, heading: &str) -> String {
    doc.split(heading)
        .nth(1)
        .map(|rest| {
            rest.trim_start()
                .split("\n\n")
                .next()
                .unwrap_or("")
                .replace('\n', " ")
                .trim()
                .to_string()
        })
        .unwrap_or_default()
}

pub fn render(db: &SourceDb, diags: &[Diagnostic]) -> J {
    let rules: Vec<J> = lints::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": first_paragraph(r.doc, "## What it does") },
                "help": { "text": first_paragraph(r.doc, "## Why is this bad?"), "markdown": r.doc },
                "defaultConfiguration": { "level": if r.default_enabled { level(r.severity) } else { "none" } },
                "helpUri": super::rule_doc_url(r.name),
            })
        })
        .collect();
    let results: Vec<J> = diags
        .iter()
        .map(|d| {
            let index = lints::ALL
                .iter()
                .position(|r| r.name == d.rule)
                .unwrap_or(0);
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(". help: ");
                text.push_str(h);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [location(db, d.span, None)],
            });
            if !d.labels.is_empty() {
                result["relatedLocations"] = J::Array(
                    d.labels
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            let mut loc = location(db, l.span, Some(&l.message));
                            loc["id"] = json!(i + 1);
                            loc
                        })
                        .collect(),
                );
            }
            if let Some(fix) = &d.fix
                && fix.applicability == Applicability::Safe
            {
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": fix.edits.iter().map(|e| json!({
                        "artifactLocation": {
                            "uri": db.get(e.span.file).map(|f| uri_path(&f.name)).unwrap_or_default(),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "replacements": [{
                            "deletedRegion": region(db, e.span),
                            "insertedContent": { "text": e.replacement },
                        }],
                    })).collect::<Vec<_>>(),
                }]);
            }
            if !d.hosts.is_empty() || !d.services.is_empty() {
                result["properties"] = json!({ "hosts": d.hosts, "services": d.services });
            }
            result
        })
        .collect();
    let root_uri = format!("file://{}/", uri_path(&db.root().to_string_lossy()));
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "pocketlint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/pocketlint/pocketlint",
                "rules": rules,
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root_uri } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}
