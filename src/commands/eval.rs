//! `pocketlint eval FILE`: evaluate a plain Nix file like
//! `nix-instantiate --eval --strict [--json]`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::{self, CodeStore, Context, ErrorKind, EvalError, Evaluator, Heap, Limits};
use crate::files::SourceDb;
use crate::render::terminal::{self, TerminalOptions};
use crate::vfs::{self, Vfs};

use super::exit;

pub struct EvalArgs {
    pub file: PathBuf,
    pub json: bool,
    pub root: Option<PathBuf>,
    pub limits: Limits,
}

/// The result of evaluating one file: printed text or diagnostics.
pub enum Outcome {
    Value(String),
    Failed(Vec<Diagnostic>),
}

pub fn run(args: &EvalArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let file = match std::path::absolute(&args.file) {
        Ok(f) => crate::syntax::normalize_path(&f.to_string_lossy()).into(),
        Err(e) => {
            let _ = writeln!(
                stderr,
                "error: cannot resolve `{}`: {e}",
                args.file.display()
            );
            return exit::USAGE;
        }
    };
    let file: PathBuf = file;
    if !file.is_file() {
        let _ = writeln!(stderr, "error: `{}` is not a file", args.file.display());
        return exit::USAGE;
    }
    let root = match &args.root {
        Some(r) => std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()),
        None => vfs::find_root(&file),
    };
    let real_file = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
    if !real_file.starts_with(&root) {
        let _ = writeln!(
            stderr,
            "error: `{}` is outside the root `{}`",
            args.file.display(),
            root.display()
        );
        return exit::USAGE;
    }
    let db = Arc::new(SourceDb::new(root.clone()));
    let ctx = Context::new(db.clone(), Arc::new(Vfs::new(&root)), args.limits);
    let outcome = eval::with_eval_stack(|| evaluate(&ctx, &real_file, args.json));
    print_outcome(outcome, &db, stdout, stderr)
}

/// Prints a value, or the error: Nix's first line first, so scripts that
/// grep for Nix's wording keep working, then the located report.
pub fn print_outcome(
    outcome: Outcome,
    db: &SourceDb,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    match outcome {
        Outcome::Value(text) => {
            let _ = writeln!(stdout, "{text}");
            exit::OK
        }
        Outcome::Failed(diags) => {
            if let Some(d) = diags.first() {
                let _ = writeln!(stderr, "error: {}", d.message);
            }
            let _ = terminal::render(&diags, db, TerminalOptions::detect_stderr(), stderr);
            exit::FINDINGS
        }
    }
}

/// Evaluates `file` deeply; must run on a thread with a large stack.
pub fn evaluate(ctx: &Context, file: &Path, json: bool) -> Outcome {
    let result = if json {
        eval_file_json(ctx, file).map(|j| serde_json::to_string(&j).unwrap_or_default())
    } else {
        let heap = Heap::new();
        let codes = CodeStore::new();
        let mut ev = Evaluator::new(&heap, ctx, &codes);
        ev.import_path(file, crate::files::Span::SYNTHETIC)
            .and_then(|v| eval::print::render_deep(&mut ev, v))
    };
    match result {
        Ok(text) => Outcome::Value(text),
        Err(e) => Outcome::Failed(vec![error_diagnostic(&e)]),
    }
}

/// The fully forced value of `file` as JSON (`nix-instantiate --eval
/// --strict --json`), or the error.
pub fn eval_file_json(ctx: &Context, file: &Path) -> Result<serde_json::Value, Box<EvalError>> {
    let heap = Heap::new();
    let codes = CodeStore::new();
    let mut ev = Evaluator::new(&heap, ctx, &codes);
    let v = ev.import_path(file, crate::files::Span::SYNTHETIC)?;
    eval::json::to_serde(&mut ev, v, v.span)
}

/// An evaluation error as a diagnostic (`syntax_error` or `eval_error`).
pub fn error_diagnostic(e: &EvalError) -> Diagnostic {
    let rule = if e.kind == ErrorKind::SyntaxError {
        "syntax_error"
    } else {
        "eval_error"
    };
    let mut d = Diagnostic::new(rule, Severity::Error, e.span, e.message.clone());
    for (span, note) in &e.notes {
        if *span == e.span {
            d.help = Some(note.clone());
        } else {
            d = d.label(*span, note.clone());
        }
    }
    d
}
