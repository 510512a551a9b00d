//! Where the pieces of a computed string were written.
//!
//! Nix strings carry no positions, but a generated file (a Caddyfile built
//! by interpolating option values into templates) is only useful to a
//! linter if each of its bytes can be traced back to the Nix source that
//! produced it. The evaluator records, for every string it builds from
//! other strings (interpolation, `+`, `concatStringsSep`, `replaceStrings`,
//! `substring`, `split`, `toString`, the `lines` merge), which byte ranges
//! came from which source span. The record lives beside the heap, keyed by
//! the string's address, so values stay plain `&str` and code that does
//! not ask pays only for the bookkeeping.

use crate::files::Span;

use super::Evaluator;
use super::value::{V, Value};

/// What a piece of a string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Fixed text of an interpolated string (a generator's template).
    Template,
    /// A value: a string literal written without interpolation, or a
    /// non-string coerced into the text.
    Value,
}

/// Bytes `start..end` of a string came from `span`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: u32,
    pub end: u32,
    pub span: Span,
    pub kind: PieceKind,
}

/// Builds a string and its pieces.
#[derive(Default)]
pub struct StrBuilder {
    text: String,
    pieces: Vec<Piece>,
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl StrBuilder {
    pub fn new() -> StrBuilder {
        StrBuilder::default()
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn add_piece(&mut self, start: usize, end: usize, span: Span, kind: PieceKind) {
        if end <= start {
            return;
        }
        if let Some(last) = self.pieces.last_mut()
            && last.end == offset(start)
            && last.span == span
            && last.kind == kind
        {
            last.end = offset(end);
            return;
        }
        self.pieces.push(Piece {
            start: offset(start),
            end: offset(end),
            span,
            kind,
        });
    }

    /// Fixed text written at `span`.
    pub fn push_text(&mut self, s: &str, span: Span, kind: PieceKind) {
        let start = self.text.len();
        self.text.push_str(s);
        self.add_piece(start, self.text.len(), span, kind);
    }

    /// `s[range]`, where `s` is the string value `v` (its recorded pieces,
    /// or `v`'s span when it has none).
    pub fn push_slice<'a>(
        &mut self,
        ev: &Evaluator<'a>,
        v: Value<'a>,
        s: &str,
        range: std::ops::Range<usize>,
    ) {
        let Some(part) = s.get(range.clone()) else {
            return;
        };
        let base = self.text.len();
        self.text.push_str(part);
        match ev.recorded_pieces(s) {
            Some(pieces) => {
                // Pieces are in text order: start at the first one that
                // reaches into the range (slicing every line of a big
                // text would otherwise be quadratic).
                let first = pieces.partition_point(|p| (p.end as usize) <= range.start);
                for p in &pieces[first..] {
                    if p.start as usize >= range.end {
                        break;
                    }
                    let a = (p.start as usize).max(range.start);
                    let b = (p.end as usize).min(range.end);
                    if a < b {
                        self.add_piece(
                            base + a - range.start,
                            base + b - range.start,
                            p.span,
                            p.kind,
                        );
                    }
                }
            }
            None => self.add_piece(base, self.text.len(), v.span, PieceKind::Value),
        }
    }

    /// The whole of the string value `v` (whose text is `s`).
    pub fn push_value<'a>(&mut self, ev: &Evaluator<'a>, v: Value<'a>, s: &str) {
        self.push_slice(ev, v, s, 0..s.len());
    }

    /// A string obtained by coercing `v` (a number, a path, a set with
    /// `__toString`): the text is `s`, the origin `v`'s pieces when `v` is
    /// that very string, else `v`'s span.
    pub fn push_coerced<'a>(&mut self, ev: &Evaluator<'a>, v: Value<'a>, s: &str) {
        match v.kind {
            V::Str(orig) if orig == s => self.push_value(ev, v, orig),
            _ => self.push_text(s, v.span, PieceKind::Value),
        }
    }

    /// `s[range]` of a string obtained by coercing `v` (see
    /// [`StrBuilder::push_coerced`]).
    pub fn push_coerced_slice<'a>(
        &mut self,
        ev: &Evaluator<'a>,
        v: Value<'a>,
        s: &str,
        range: std::ops::Range<usize>,
    ) {
        match v.kind {
            V::Str(orig) if orig == s => self.push_slice(ev, v, orig, range),
            _ => {
                if let Some(part) = s.get(range) {
                    self.push_text(part, v.span, PieceKind::Value);
                }
            }
        }
    }

    /// Allocates the string and records its pieces.
    pub fn finish<'a>(self, ev: &mut Evaluator<'a>, span: Span) -> Value<'a> {
        let s = ev.heap.str(&self.text);
        ev.record_pieces(s, &self.pieces);
        Value::new(V::Str(s), span)
    }
}

impl<'a> Evaluator<'a> {
    fn key(s: &str) -> (usize, usize) {
        (s.as_ptr() as usize, s.len())
    }

    /// The pieces recorded for a string built by the evaluator.
    pub fn recorded_pieces(&self, s: &str) -> Option<&'a [Piece]> {
        if s.is_empty() {
            return None;
        }
        self.pieces.get(&Self::key(s)).copied()
    }

    pub(crate) fn record_pieces(&mut self, s: &'a str, pieces: &[Piece]) {
        if s.is_empty() || pieces.is_empty() {
            return;
        }
        let stored = self.heap.bump.alloc_slice_copy(pieces);
        self.pieces.insert(Self::key(s), stored);
    }

    /// Where each byte range of the string value `v` was written: its
    /// recorded pieces, or one piece spanning it at `v`'s own location.
    pub fn string_pieces(&self, v: Value<'a>) -> Vec<Piece> {
        match v.kind {
            V::Str(s) => match self.recorded_pieces(s) {
                Some(p) => p.to_vec(),
                None if s.is_empty() => Vec::new(),
                None => vec![Piece {
                    start: 0,
                    end: offset(s.len()),
                    span: v.span,
                    kind: PieceKind::Value,
                }],
            },
            _ => Vec::new(),
        }
    }

    /// The origin of byte `at` of the string value `v` (whose text is
    /// `s`), for text that replaces `len` bytes there.
    pub fn origin_at(&self, v: Value<'a>, s: &str, at: usize, len: usize) -> (Span, PieceKind) {
        let end = at + len;
        self.recorded_pieces(s)
            .and_then(|pieces| {
                // In text order: the first piece ending after `at` is the
                // only candidate.
                let i = pieces.partition_point(|p| (p.end as usize) <= at);
                pieces
                    .get(i)
                    .filter(|p| (p.start as usize) < end.max(at + 1))
            })
            .map_or((v.span, PieceKind::Value), |p| (p.span, p.kind))
    }

    /// A new string `s[range]` of the string value `v`, keeping its pieces.
    pub fn string_slice(
        &mut self,
        v: Value<'a>,
        s: &str,
        range: std::ops::Range<usize>,
        span: Span,
    ) -> Value<'a> {
        let mut b = StrBuilder::new();
        b.push_slice(self, v, s, range);
        b.finish(self, span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{CodeStore, Context, Heap, Limits};
    use crate::files::SourceDb;
    use crate::vfs::Vfs;
    use std::sync::Arc;

    fn eval_str_with<T: Send>(
        src: &str,
        f: impl for<'a> FnOnce(&mut Evaluator<'a>, Value<'a>, &str) -> T + Send,
    ) -> T {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        let file = root.join("t.nix");
        std::fs::write(&file, src).expect("write");
        let ctx = Context::new(
            Arc::new(SourceDb::new(root.clone())),
            Arc::new(Vfs::new(&root)),
            Limits::default(),
        );
        crate::eval::with_eval_stack(|| {
            let heap = Heap::new();
            let codes = CodeStore::new();
            let mut ev = Evaluator::new(&heap, &ctx, &codes);
            let v = ev.import_path(&file, Span::SYNTHETIC).expect("evaluates");
            f(&mut ev, v, src)
        })
    }

    /// Text and origin text of every piece of the result of `src`.
    fn pieces(src: &str) -> Vec<(String, String)> {
        eval_str_with(src, |ev, v, text| {
            let s = v.as_str().unwrap_or("").to_string();
            ev.string_pieces(v)
                .into_iter()
                .map(|p| {
                    let own = s[p.start as usize..p.end as usize].to_string();
                    let origin = text
                        .get(p.span.start as usize..p.span.end as usize)
                        .unwrap_or("<synthetic>")
                        .to_string();
                    (own, origin)
                })
                .collect()
        })
    }

    #[test]
    fn interpolation_keeps_each_part() {
        let p = pieces(r#"let x = "abc"; in "<${x}>""#);
        assert_eq!(
            p,
            vec![
                ("<".into(), r#""<${x}>""#.into()),
                ("abc".into(), r#""abc""#.into()),
                (">".into(), r#""<${x}>""#.into()),
            ]
        );
    }

    #[test]
    fn builtins_keep_pieces() {
        let p = pieces(r#"let x = "ab"; y = "cd"; in builtins.concatStringsSep "," [ x y ]"#);
        assert_eq!(p[0], ("ab".into(), r#""ab""#.into()));
        assert_eq!(p[2], ("cd".into(), r#""cd""#.into()));
        let p = pieces(r#"let x = "a\"b"; in builtins.replaceStrings [ "\"" ] [ "\\\"" ] x"#);
        assert!(p.iter().all(|(_, o)| o == r#""a\"b""#), "{p:?}");
        assert_eq!(
            p.iter().map(|(t, _)| t.as_str()).collect::<String>(),
            "a\\\"b"
        );
        let p = pieces(r#"let x = "hello"; in builtins.substring 1 3 ("${x}")"#);
        assert_eq!(p, vec![("ell".into(), r#""hello""#.into())]);
        let p = pieces(r#"let x = "ab\ncd"; in builtins.elemAt (builtins.split "\n" x) 2"#);
        assert_eq!(p, vec![("cd".into(), r#""ab\ncd""#.into())]);
        let p = pieces(r#"let x = "ab"; in builtins.toString x + "!""#);
        assert_eq!(p[0], ("ab".into(), r#""ab""#.into()));
    }
}
