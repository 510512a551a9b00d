//! `pocketlint config ENTRY [--attr A.B.C] [--json]`: the effective
//! configuration of an entry module, like `nix eval ...config.A.B.C`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::eval::modules::{self, ModuleRef};
use crate::eval::{self, CodeStore, Context, ErrorKind, EvalError, Evaluator, Heap, Limits, Value};
use crate::files::{SourceDb, Span};
use crate::symbol::Symbol;
use crate::vfs::{self, Vfs};
use crate::workspace::Workspace;

use super::eval::{Outcome, error_diagnostic, print_outcome};
use super::exit;

pub struct ConfigArgs {
    pub entry: PathBuf,
    pub attr: Option<String>,
    pub json: bool,
    pub root: Option<PathBuf>,
    pub limits: Limits,
}

/// Splits `a.b."c.d"` into its components.
pub fn parse_attr_path(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    let mut had_quotes = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                had_quotes = true;
            }
            '\\' if quoted => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '.' if !quoted => {
                if cur.is_empty() && !had_quotes {
                    return Err(format!("empty component in attribute path `{s}`"));
                }
                out.push(std::mem::take(&mut cur));
                had_quotes = false;
            }
            c => cur.push(c),
        }
    }
    if quoted {
        return Err(format!("unterminated quote in attribute path `{s}`"));
    }
    if cur.is_empty() && !had_quotes {
        if out.is_empty() {
            return Ok(out);
        }
        return Err(format!("empty component in attribute path `{s}`"));
    }
    out.push(cur);
    Ok(out)
}

pub fn run(args: &ConfigArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let attr = match args.attr.as_deref().map(parse_attr_path).transpose() {
        Ok(a) => a.unwrap_or_default(),
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return exit::USAGE;
        }
    };
    let Ok(entry) = std::fs::canonicalize(&args.entry) else {
        return run_host(args, &attr, stdout, stderr);
    };
    let entry = if entry.is_dir() {
        let d = entry.join("default.nix");
        if d.is_file() {
            d
        } else {
            entry.join("configuration.nix")
        }
    } else {
        entry
    };
    if !entry.is_file() {
        let _ = writeln!(
            stderr,
            "error: `{}` is not a Nix file",
            args.entry.display()
        );
        return exit::USAGE;
    }
    let root = match &args.root {
        Some(r) => std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()),
        None => vfs::find_root(&entry),
    };
    let db = Arc::new(SourceDb::new(root.clone()));
    let ctx = Context::new(db.clone(), Arc::new(Vfs::new(&root)), args.limits);
    let outcome = eval::with_eval_stack(|| evaluate(&ctx, &entry, &attr, args.json));
    print_outcome(outcome, &db, stdout, stderr)
}

/// `ENTRY` is not a path: look it up as a host of the repository around
/// the working directory (or `--root`), with the modules pocketlint adds to
/// that host.
fn run_host(
    args: &ConfigArgs,
    attr: &[String],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let name = args.entry.to_string_lossy().into_owned();
    let start = args.root.clone().unwrap_or_else(|| PathBuf::from("."));
    let ws = match Workspace::open(&start, None, args.limits) {
        Ok(ws) => ws,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return exit::USAGE;
        }
    };
    let specs = ws.discover_hosts(std::slice::from_ref(&ws.root));
    let Some(spec) = specs.iter().find(|s| s.name == name) else {
        let names: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
        let _ = if names.is_empty() {
            writeln!(
                stderr,
                "error: `{name}` is neither a file nor a host (no hosts found)"
            )
        } else {
            writeln!(
                stderr,
                "error: `{name}` is neither a file nor a host; hosts: {}",
                names.join(", ")
            )
        };
        return exit::USAGE;
    };
    let evaluated = ws.evaluate_host(spec).spec;
    let json = args.json;
    let result = ws.with_evaluator(|ev| {
        let v = ws
            .host_config(ev, &evaluated)
            .and_then(|v| select(ev, v, attr))?;
        if json {
            eval::json::to_serde(ev, v, v.span)
                .map(|j| serde_json::to_string(&j).unwrap_or_default())
        } else {
            eval::print::render_deep(ev, v)
        }
    });
    let outcome = match result {
        Ok(text) => Outcome::Value(text),
        Err(e) => Outcome::Failed(vec![error_diagnostic(&e)]),
    };
    print_outcome(outcome, &ws.db, stdout, stderr)
}

/// Evaluates the module system for one entry module and renders
/// `config.<attr>` deeply.
pub fn evaluate(ctx: &Context, entry: &Path, attr: &[String], json: bool) -> Outcome {
    let result = if json {
        config_json(ctx, entry, attr).map(|j| serde_json::to_string(&j).unwrap_or_default())
    } else {
        let heap = Heap::new();
        let codes = CodeStore::new();
        let mut ev = Evaluator::new(&heap, ctx, &codes);
        entry_config(&mut ev, entry)
            .and_then(|v| select(&mut ev, v, attr))
            .and_then(|v| eval::print::render_deep(&mut ev, v))
    };
    match result {
        Ok(text) => Outcome::Value(text),
        Err(e) => Outcome::Failed(vec![error_diagnostic(&e)]),
    }
}

/// `config.<attr>` of an entry module as JSON, or the error.
pub fn config_json(
    ctx: &Context,
    entry: &Path,
    attr: &[String],
) -> Result<serde_json::Value, Box<EvalError>> {
    let heap = Heap::new();
    let codes = CodeStore::new();
    let mut ev = Evaluator::new(&heap, ctx, &codes);
    let v = entry_config(&mut ev, entry)?;
    let v = select(&mut ev, v, attr)?;
    eval::json::to_serde(&mut ev, v, v.span)
}

/// The public configuration of an entry module evaluated as a NixOS host.
pub fn entry_config<'a>(ev: &mut Evaluator<'a>, entry: &Path) -> eval::EResult<Value<'a>> {
    let path = ev.string(&entry.to_string_lossy(), Span::SYNTHETIC);
    let path = Value::new(
        eval::V::Path(path.as_str().unwrap_or_default()),
        Span::SYNTHETIC,
    );
    let refs = [ModuleRef::new(ev.ready(path), Span::SYNTHETIC)];
    let special = modules::nixos_special_args(ev);
    let state = modules::eval_modules(ev, &refs, special, &[], true)?;
    modules::public_config(ev, state)
}

fn select<'a>(ev: &mut Evaluator<'a>, v: Value<'a>, attr: &[String]) -> eval::EResult<Value<'a>> {
    let mut cur = v;
    for (i, name) in attr.iter().enumerate() {
        let Some(attrs) = cur.as_attrs() else {
            if cur.is_unknown() {
                return Ok(cur);
            }
            return Err(EvalError::new(
                ErrorKind::TypeError,
                format!(
                    "`{}` is {}, not an attribute set",
                    attr[..i].join("."),
                    cur.type_name()
                ),
                cur.span,
            ));
        };
        match eval::lookup(attrs, Symbol::intern(name)) {
            Some(e) => cur = ev.force(e.value)?,
            None => {
                return Err(EvalError::new(
                    ErrorKind::MissingAttribute,
                    format!(
                        "attribute '{name}' missing (in `config.{}`)",
                        attr[..=i].join(".")
                    ),
                    Span::SYNTHETIC,
                ));
            }
        }
    }
    Ok(cur)
}
