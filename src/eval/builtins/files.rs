//! Builtins that read files, always through the confined [`crate::vfs`].

use std::path::PathBuf;

use crate::files::Span;
use crate::symbol::Symbol;
use crate::vfs::FsError;

use super::super::Evaluator;
use super::super::error::{EResult, ErrorKind, EvalError};
use super::super::ops::CoerceMode;
use super::super::value::{AttrEntry, Thunk, V, Value, lookup};
use super::known;

/// The absolute path an argument names, or the unknown to return.
fn path_arg<'a>(
    ev: &mut Evaluator<'a>,
    t: Thunk<'a>,
    span: Span,
) -> EResult<Result<PathBuf, Value<'a>>> {
    let v = ev.force(t)?;
    let Some(s) = ev.coerce_to_string(v, CoerceMode::PathPart, span)? else {
        return Ok(Err(v));
    };
    if !s.starts_with('/') {
        return Err(EvalError::new(
            ErrorKind::Other,
            format!("string '{s}' doesn't represent an absolute path"),
            span,
        ));
    }
    if s.starts_with("/nix/store/") {
        return Ok(Err(ev.unknown(&format!("`{s}` is in the Nix store"), span)));
    }
    let path = PathBuf::from(crate::syntax::normalize_path(&s));
    ev.note_read(&path);
    Ok(Ok(path))
}

fn fs_error<'a>(ev: &Evaluator<'a>, e: FsError, what: &str, span: Span) -> EResult<Value<'a>> {
    match e {
        FsError::OutsideRoot(p) => Ok(ev.unknown(
            &format!(
                "`{}` is outside the repository root, which pocketlint never reads",
                p.display()
            ),
            span,
        )),
        FsError::NotText(p) => {
            Ok(ev.unknown(&format!("`{}` is not a text file", p.display()), span))
        }
        other => Err(EvalError::new(
            ErrorKind::FileError,
            format!("{what}: {other}"),
            span,
        )),
    }
}

pub fn import<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let path = known!(path_arg(ev, args[0], span)?);
    ev.import_path(&path, span)
}

pub fn read_file<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let path = known!(path_arg(ev, args[0], span)?);
    match ev.ctx.vfs.read_text(&path) {
        Ok(text) => Ok(ev.string(&text, span)),
        Err(e) => fs_error(ev, e, "cannot read file", span),
    }
}

pub fn path_exists<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    // A trailing slash (possible only in a string) asks for a directory.
    let wants_dir = v.as_str().is_some_and(|s| s.len() > 1 && s.ends_with('/'));
    let path = known!(path_arg(ev, args[0], span)?);
    match ev.ctx.vfs.exists(&path) {
        Ok(true) if wants_dir => Ok(Value::bool(
            matches!(ev.ctx.vfs.kind(&path), Ok(crate::vfs::EntryKind::Directory)),
            span,
        )),
        Ok(b) => Ok(Value::bool(b, span)),
        Err(e) => fs_error(ev, e, "cannot check the path", span),
    }
}

pub fn read_dir<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let path = known!(path_arg(ev, args[0], span)?);
    match ev.ctx.vfs.read_dir(&path) {
        Ok(entries) => {
            let out: Vec<AttrEntry<'a>> = entries
                .into_iter()
                .map(|(name, kind)| AttrEntry {
                    name: Symbol::intern(&name),
                    value: ev.heap.ready(Value::new(V::Str(kind.nix_name()), span)),
                    span,
                })
                .collect();
            Ok(Value::new(V::Attrs(ev.heap.attrs(out)), span))
        }
        Err(e) => fs_error(ev, e, "cannot read directory", span),
    }
}

pub fn hash_file<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let algo = known!(ev.want_string(args[0], span)?);
    let path = known!(path_arg(ev, args[1], span)?);
    match ev.ctx.vfs.read_bytes(&path) {
        Ok(bytes) => match super::strings::hash_hex(algo, &bytes) {
            Some(h) => Ok(ev.string(&h, span)),
            None => Err(EvalError::new(
                ErrorKind::Other,
                format!("unknown hash algorithm '{algo}'"),
                span,
            )),
        },
        Err(e) => fs_error(ev, e, "cannot read file", span),
    }
}

pub fn path<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let params = known!(ev.want_attrs(args[0], span)?);
    if lookup(params, crate::sym!("filter")).is_some()
        || lookup(params, crate::sym!("sha256")).is_some()
    {
        return Ok(ev.unknown("`builtins.path` with a filter is not computed", span));
    }
    let Some(p) = lookup(params, crate::sym!("path")) else {
        return Err(EvalError::new(
            ErrorKind::MissingAttribute,
            "attribute 'path' missing for call to 'path'",
            span,
        ));
    };
    let path = known!(path_arg(ev, p.value, span)?);
    if let Some(name) = lookup(params, crate::sym!("name")) {
        let name = known!(ev.want_string(name.value, span)?);
        let _ = name;
        return Ok(ev.unknown("`builtins.path` with a custom name is not computed", span));
    }
    let v = Value::new(V::Path(ev.heap.str(&path.to_string_lossy())), span);
    match ev.coerce_to_string(v, CoerceMode::Interpolation, span)? {
        Some(s) => Ok(ev.string(&s, span)),
        None => Ok(ev.unknown("the path is outside the repository root", span)),
    }
}

pub fn to_file<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let name = known!(ev.want_string(args[0], span)?);
    let text_value = ev.force(args[1])?;
    let text = known!(ev.want_string(args[1], span)?);
    let p = super::super::store::text_store_path(name, text);
    let file = ev.string(&p, span);
    ev.record_file_text(file, text_value);
    Ok(file)
}

pub fn to_path<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let path = known!(path_arg(ev, args[0], span)?);
    Ok(ev.string(&path.to_string_lossy(), span))
}
