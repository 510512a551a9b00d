//! Files whose content is known although their store path is not:
//! `builtins.toFile`, and nixpkgs' `pkgs.writeText` / `pkgs.writeTextFile`.
//!
//! A NixOS module may hand Caddy its own file (`services.caddy.configFile =
//! pkgs.writeText "Caddyfile" ''…''`). `pkgs` is nixpkgs, which pocketlint
//! does not evaluate, so it stays an unknown value: selecting anything from
//! it is unknown, `attrNames pkgs` is unknown, `pkgs ? x` is unknown. The one
//! exception is that selecting `writeText` or `writeTextFile` from it gives
//! a function that returns an unknown store path, and remembers beside that
//! unknown value the text it stands for. Every other use of the result
//! (interpolating it, comparing it) is unknown as before; only a reader
//! that asks [`Evaluator::written_file_text`] sees the content.

use crate::files::Span;
use crate::symbol::Symbol;

use super::builtins::PrimOp;
use super::error::EResult;
use super::value::{Thunk, Unknown, V, Value, lookup};
use super::{ErrorKind, EvalError, Evaluator};

static WRITE_TEXT: PrimOp = PrimOp {
    name: "writeText",
    arity: 2,
    func: write_text,
};

static WRITE_TEXT_FILE: PrimOp = PrimOp {
    name: "writeTextFile",
    arity: 1,
    func: write_text_file,
};

fn unknown_key(u: &Unknown<'_>) -> usize {
    std::ptr::from_ref(u) as usize
}

impl<'a> Evaluator<'a> {
    /// The unknown value standing for the module argument `pkgs`.
    pub fn pkgs_unknown(&mut self, span: Span) -> Value<'a> {
        let v = self.unknown(
            "the module argument `pkgs` is not known to pocketlint (nixpkgs or a flake provides it)",
            span,
        );
        if let V::Unknown(u) = v.kind {
            self.ext.pkgs_values.insert(unknown_key(u));
        }
        v
    }

    /// `pkgs.NAME`, for the members of `pkgs` pocketlint emulates.
    pub fn pkgs_member(&self, u: &Unknown<'a>, name: Symbol) -> Option<Value<'a>> {
        if !self.ext.pkgs_values.contains(&unknown_key(u)) {
            return None;
        }
        let op: &'static PrimOp = match name.as_str() {
            "writeText" => &WRITE_TEXT,
            "writeTextFile" => &WRITE_TEXT_FILE,
            _ => return None,
        };
        Some(Value::new(V::PrimOp(self.heap.primop(op, &[])), u.span))
    }

    /// Records that `file` (a store path string or an unknown) is a file
    /// holding `text`.
    pub fn record_file_text(&mut self, file: Value<'a>, text: Value<'a>) {
        let key = match file.kind {
            V::Unknown(u) => unknown_key(u),
            V::Str(s) if !s.is_empty() => s.as_ptr() as usize,
            _ => return,
        };
        self.ext.file_texts.insert(key, text);
    }

    /// The text of a file written by `builtins.toFile`, `pkgs.writeText` or
    /// `pkgs.writeTextFile`, when `file` is that very value.
    pub fn written_file_text(&self, file: Value<'a>) -> Option<Value<'a>> {
        let key = match file.kind {
            V::Unknown(u) => unknown_key(u),
            V::Str(s) if !s.is_empty() => s.as_ptr() as usize,
            _ => return None,
        };
        self.ext.file_texts.get(&key).copied()
    }
}

fn store_unknown<'a>(ev: &mut Evaluator<'a>, what: &str, span: Span) -> Value<'a> {
    ev.unknown(
        &format!("the store path of {what} (nixpkgs builds it; pocketlint knows only its text)"),
        span,
    )
}

fn write_text<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let name = ev.force(args[0])?;
    let text = ev.force(args[1])?;
    let what = match name.kind {
        V::Str(n) => format!("`pkgs.writeText \"{n}\"`"),
        _ => "`pkgs.writeText`".to_string(),
    };
    let file = store_unknown(ev, &what, span);
    if matches!(text.kind, V::Str(_)) {
        ev.record_file_text(file, text);
    } else if !text.is_unknown() {
        return Err(EvalError::new(
            ErrorKind::TypeError,
            format!(
                "value is {} while a string was expected (the text of `pkgs.writeText`)",
                text.type_name()
            ),
            span,
        ));
    }
    Ok(file)
}

fn write_text_file<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let arg = ev.force(args[0])?;
    let Some(attrs) = arg.as_attrs() else {
        return Ok(store_unknown(ev, "`pkgs.writeTextFile`", span));
    };
    let get = |ev: &mut Evaluator<'a>, n: &str| -> EResult<Option<Value<'a>>> {
        match lookup(attrs, Symbol::intern(n)) {
            Some(e) => Ok(Some(ev.force(e.value)?)),
            None => Ok(None),
        }
    };
    let what = match get(ev, "name")? {
        Some(Value {
            kind: V::Str(n), ..
        }) => format!("`pkgs.writeTextFile {{ name = \"{n}\"; }}`"),
        _ => "`pkgs.writeTextFile`".to_string(),
    };
    let file = store_unknown(ev, &what, span);
    // With a `destination` the result is a directory holding the file.
    let in_directory = match get(ev, "destination")? {
        None => false,
        Some(Value {
            kind: V::Str(d), ..
        }) => !d.is_empty(),
        Some(_) => true,
    };
    if !in_directory
        && let Some(text) = get(ev, "text")?
        && matches!(text.kind, V::Str(_))
    {
        ev.record_file_text(file, text);
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::eval::{CodeStore, Context, Heap, Limits};
    use crate::files::SourceDb;
    use crate::vfs::Vfs;

    use super::*;

    /// Evaluates `module` as a host's only module and gives `f` the value
    /// of `config.result`.
    fn with_result<T: Send>(
        module: &str,
        f: impl for<'a> FnOnce(&mut Evaluator<'a>, Value<'a>) -> T + Send,
    ) -> T {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        std::fs::write(root.join("m.nix"), module).expect("write");
        let ctx = Context::new(
            Arc::new(SourceDb::new(root.clone())),
            Arc::new(Vfs::new(&root)),
            Limits::default(),
        );
        let entry = root.join("m.nix");
        crate::eval::with_eval_stack(|| {
            let heap = Heap::new();
            let codes = CodeStore::new();
            let mut ev = Evaluator::new(&heap, &ctx, &codes);
            let m = ev.import_path(&entry, Span::SYNTHETIC).expect("module");
            let refs = [crate::eval::modules::ModuleRef::new(
                ev.ready(m),
                Span::SYNTHETIC,
            )];
            let special = crate::eval::modules::nixos_special_args(&mut ev);
            let state = crate::eval::modules::eval_modules(&mut ev, &refs, special, &[], true)
                .expect("evaluates");
            let config = crate::eval::modules::public_config(&mut ev, state).expect("config");
            let attrs = config.as_attrs().expect("a set");
            let r = lookup(attrs, crate::sym!("result")).expect("result");
            let v = ev.force(r.value).expect("forces");
            f(&mut ev, v)
        })
    }

    fn text(module: &str) -> Option<String> {
        with_result(module, |ev, v| {
            ev.written_file_text(v)
                .and_then(|t| t.as_str().map(str::to_string))
        })
    }

    #[test]
    fn written_files_keep_their_text() {
        assert_eq!(
            text(r#"{ pkgs, ... }: { result = pkgs.writeText "Caddyfile" "a.test {\n}\n"; }"#)
                .as_deref(),
            Some("a.test {\n}\n")
        );
        assert_eq!(
            text(r#"{ pkgs, ... }: { result = pkgs.writeTextFile { name = "c"; text = "x"; }; }"#)
                .as_deref(),
            Some("x")
        );
        assert_eq!(
            text(r#"{ pkgs, ... }: { result = with pkgs; writeText "c" "y"; }"#).as_deref(),
            Some("y")
        );
        assert_eq!(
            text(
                r#"{ pkgs, ... }: { result = let inherit (pkgs) writeText; in writeText "c" "z"; }"#
            )
            .as_deref(),
            Some("z")
        );
        assert_eq!(
            text(r#"{ ... }: { result = builtins.toFile "c" "w"; }"#).as_deref(),
            Some("w")
        );
        // In a directory, the file is not the result.
        assert_eq!(
            text(
                r#"{ pkgs, ... }: { result = pkgs.writeTextFile { name = "c"; text = "x"; destination = "/Caddyfile"; }; }"#
            ),
            None
        );
    }

    #[test]
    fn pkgs_stays_unknown_otherwise() {
        for expr in [
            "builtins.attrNames pkgs",
            "pkgs ? writeText",
            "pkgs.hello",
            "\"${pkgs.writeText \"a\" \"b\"}\"",
            "pkgs.writeText \"a\" \"b\" == pkgs.writeText \"a\" \"b\"",
            "with pkgs; hello",
        ] {
            let module = format!("{{ pkgs, ... }}: {{ result = {expr}; }}");
            let unknown = with_result(&module, |_, v| v.is_unknown());
            assert!(unknown, "`{expr}` must stay unknown");
        }
    }
}
