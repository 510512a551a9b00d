//! Human output through miette: source snippets, labels in several files,
//! help lines. Colour only when asked (a TTY without `NO_COLOR`).

use std::fmt;
use std::io::Write;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::{SourceDb, Span};

#[derive(Debug, Clone, Copy)]
pub struct TerminalOptions {
    pub color: bool,
    pub width: usize,
}

impl TerminalOptions {
    /// Colour on a terminal unless `NO_COLOR` is set.
    pub fn detect() -> TerminalOptions {
        use std::io::IsTerminal;
        let color = std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        TerminalOptions { color, width: 100 }
    }
}

struct Report {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<String>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c.clone()) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

fn source_span(span: Span, text_len: usize) -> SourceSpan {
    let start = (span.start as usize).min(text_len);
    let end = (span.end as usize).clamp(start, text_len);
    SourceSpan::from(start..end)
}

fn to_report(d: &Diagnostic, db: &SourceDb) -> Report {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let file = db.get(d.span.file);
    let mut labels = Vec::new();
    let mut related = Vec::new();
    if let Some(f) = &file {
        labels.push(LabeledSpan::new_primary_with_span(
            None,
            source_span(d.span, f.text.len()),
        ));
    }
    for l in &d.labels {
        if l.span.file == d.span.file {
            if let Some(f) = &file {
                labels.push(LabeledSpan::new_with_span(
                    Some(l.message.clone()),
                    source_span(l.span, f.text.len()),
                ));
            }
        } else if let Some(other) = db.get(l.span.file) {
            related.push(Report {
                message: l.message.clone(),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: Some(NamedSource::new(other.name.clone(), other.text.to_string())),
                labels: vec![LabeledSpan::new_primary_with_span(
                    Some(l.message.clone()),
                    source_span(l.span, other.text.len()),
                )],
                related: Vec::new(),
            });
        }
    }
    Report {
        message: d.message.clone(),
        code: Some(d.rule.to_string()),
        severity,
        help: d.help.clone(),
        source: file.map(|f| NamedSource::new(f.name.clone(), f.text.to_string())),
        labels,
        related,
    }
}

/// Renders diagnostics, one report each, separated by blank lines.
pub fn render(
    diags: &[Diagnostic],
    db: &SourceDb,
    opts: TerminalOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false);
    for d in diags {
        let report = to_report(d, db);
        let mut s = String::new();
        if handler.render_report(&mut s, &report).is_err() {
            s = format!("{}: {}\n", d.rule, d.message);
        }
        out.write_all(s.as_bytes())?;
    }
    Ok(())
}

impl TerminalOptions {
    /// Like [`TerminalOptions::detect`], for output written to stderr.
    pub fn detect_stderr() -> TerminalOptions {
        use std::io::IsTerminal;
        let color = std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        TerminalOptions { color, width: 100 }
    }
}
