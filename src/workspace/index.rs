//! Which files of the repository declare which options, for hosts whose
//! own imports do not declare options they define (the shared module tree
//! a flake's system builder adds to every host).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::eval::{AttrEntry, Evaluator, Limits, V, Value, lookup};
use crate::files::Span;

use super::Workspace;

/// Option paths (`a.b.c`) and the file declaring them.
pub struct DeclIndex {
    entries: Vec<(String, PathBuf)>,
}

/// Evaluating a file to see what it declares must stay cheap.
const INDEX_LIMITS: Limits = Limits {
    max_steps: 500_000,
    max_depth: 20_000,
};

impl DeclIndex {
    pub fn build(ws: &Workspace) -> DeclIndex {
        let files = ws.nix_files();
        let entries = ws.with_evaluator(move |ev| {
            ev.set_limits(INDEX_LIMITS);
            let mut out = Vec::new();
            for f in files {
                if f.file_name().is_some_and(|n| n == "flake.nix") {
                    continue;
                }
                let mut paths = Vec::new();
                if declared_paths(ev, &f, &mut paths).is_ok() {
                    for p in paths {
                        out.push((p, f.clone()));
                    }
                }
            }
            out
        });
        DeclIndex { entries }
    }

    /// What `file` declares now (nothing when it is gone, excluded or not
    /// a module file); `None` while it does not parse (half-typed text
    /// keeps what the file declared last).
    pub fn declared_by(ws: &Workspace, file: &Path) -> Option<Vec<String>> {
        let is_module = file.extension().is_some_and(|x| x == "nix")
            && file.file_name().is_some_and(|n| n != "flake.nix")
            && !ws.config.is_excluded(&ws.rel(file))
            && ws.ctx.vfs.exists(file).unwrap_or(false);
        if !is_module {
            return Some(Vec::new());
        }
        if ws.ctx.load(file).is_ok_and(|l| l.code.is_err()) {
            return None;
        }
        let file = file.to_path_buf();
        Some(ws.with_evaluator(move |ev| {
            ev.set_limits(INDEX_LIMITS);
            let mut paths = Vec::new();
            match declared_paths(ev, &file, &mut paths) {
                Ok(()) => paths,
                Err(_) => Vec::new(),
            }
        }))
    }

    /// Replaces what `file` declares; whether that changed anything.
    pub fn replace(&mut self, file: &Path, declared: Vec<String>) -> bool {
        let old: Vec<&String> = self
            .entries
            .iter()
            .filter(|(_, f)| f == file)
            .map(|(d, _)| d)
            .collect();
        if old.len() == declared.len() && old.iter().zip(&declared).all(|(a, b)| *a == b) {
            return false;
        }
        self.entries.retain(|(_, f)| f != file);
        // Entries stay in path order, the order `build` walks the tree in,
        // so the choice among alternatives does not depend on edit history.
        let at = self.entries.partition_point(|(_, f)| f.as_path() < file);
        self.entries.splice(
            at..at,
            declared.into_iter().map(|d| (d, file.to_path_buf())),
        );
        true
    }

    /// Files outside `closure` that declare options under any of `paths`,
    /// one per declared option subtree.
    pub fn declaring(&self, paths: &[String], closure: &crate::files::PathSet) -> Vec<PathBuf> {
        let mut chosen: Vec<PathBuf> = Vec::new();
        let mut covered: BTreeSet<&str> = BTreeSet::new();
        for (declared, file) in &self.entries {
            if closure.contains(file) || chosen.contains(file) {
                continue;
            }
            let hit = paths.iter().any(|p| {
                declared == p
                    || declared.starts_with(&format!("{p}."))
                    || p.starts_with(&format!("{declared}."))
            });
            if !hit || covered.contains(declared.as_str()) {
                continue;
            }
            // One file per declared subtree: alternatives elsewhere in the
            // repository must not be imported twice.
            for (d, f) in &self.entries {
                if f == file {
                    covered.insert(d.as_str());
                }
            }
            chosen.push(file.clone());
        }
        chosen
    }
}

fn declared_paths(
    ev: &mut Evaluator<'_>,
    file: &Path,
    out: &mut Vec<String>,
) -> crate::eval::EResult<()> {
    let v = ev.import_path(file, Span::SYNTHETIC)?;
    let module = if v.is_function() {
        let formals = crate::eval::builtins::function_formals(ev, v)?;
        let lib = crate::eval::modules::lib_value(ev)?;
        let mut entries = Vec::new();
        for name in formals {
            let value = match name.as_str() {
                "lib" => lib,
                "config" | "options" => {
                    let empty = ev.attrs_from(
                        vec![(
                            crate::sym!("__pocketlintIndex"),
                            Value::bool(true, Span::SYNTHETIC),
                        )],
                        Span::SYNTHETIC,
                    );
                    if let V::Attrs(a) = empty.kind {
                        ev.mark_open(a);
                    }
                    empty
                }
                _ => ev.unknown("not known while indexing declarations", Span::SYNTHETIC),
            };
            entries.push(AttrEntry {
                name,
                value: ev.ready(value),
                span: Span::SYNTHETIC,
            });
        }
        let arg = Value::new(V::Attrs(ev.heap.attrs(entries)), Span::SYNTHETIC);
        ev.call(v, arg, Span::SYNTHETIC)?
    } else {
        v
    };
    let Some(attrs) = module.as_attrs() else {
        return Ok(());
    };
    let Some(options) = lookup(attrs, crate::sym!("options")) else {
        return Ok(());
    };
    let options = ev.force(options.value)?;
    walk(ev, options, &mut Vec::new(), out)
}

fn walk<'a>(
    ev: &mut Evaluator<'a>,
    v: Value<'a>,
    path: &mut Vec<String>,
    out: &mut Vec<String>,
) -> crate::eval::EResult<()> {
    let Some(attrs) = v.as_attrs() else {
        return Ok(());
    };
    if let Some(t) = lookup(attrs, crate::sym!("_type")) {
        let t = ev.force(t.value)?;
        if t.as_str() == Some("option") {
            return Ok(());
        }
    }
    if path.len() > 8 {
        return Ok(());
    }
    for e in attrs {
        path.push(e.name.to_string());
        out.push(path.join("."));
        if let Ok(child) = ev.force(e.value) {
            walk(ev, child, path, out)?;
        }
        path.pop();
    }
    Ok(())
}
