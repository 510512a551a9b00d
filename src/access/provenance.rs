//! Where each piece of a Caddyfile text came from in the Nix sources.
//!
//! A Caddyfile that pocketlint assembles (from NixOS's
//! `services.caddy.virtualHosts`, or rendered from the model) is made of
//! evaluated strings. Each string becomes a piece: its byte range in the
//! Caddyfile and the Nix span of the value. When the value is written as
//! a plain string literal (no interpolation), lines of the piece map to
//! lines of the literal, so a reason can point at the exact Nix line of,
//! say, a `handle` in a service's `extraConfig`.

use std::ops::Range;

use crate::files::{SourceDb, Span};

/// One evaluated string inside the Caddyfile text.
#[derive(Debug, Clone)]
struct Piece {
    range: Range<usize>,
    origin: Span,
    /// For a literal: the Nix file offset of the start of each content
    /// line (content line `k` is the Nix line starting at `lines[k]`).
    lines: Option<Vec<u32>>,
    tag: Option<Tag>,
}

/// What kind of text a piece is, where that matters to a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// A site's `extraConfig` written by the user (not the generator).
    SiteExtraConfig,
    /// A portal's (or the security block's) raw `extraConfig`.
    PortalExtraConfig,
}

/// Pieces of one Caddyfile text; later (nested) pieces are more specific.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    pieces: Vec<Piece>,
}

impl SourceMap {
    /// Records that `range` of the Caddyfile holds `value`, the evaluated
    /// string whose Nix span is `origin`.
    pub fn push(&mut self, range: Range<usize>, origin: Span, value: &str, db: &SourceDb) {
        self.push_tagged(range, origin, value, db, None);
    }

    /// [`SourceMap::push`] with a tag.
    pub fn push_tagged(
        &mut self,
        range: Range<usize>,
        origin: Span,
        value: &str,
        db: &SourceDb,
        tag: Option<Tag>,
    ) {
        if origin.is_synthetic() && tag.is_none() {
            return;
        }
        let lines = if origin.is_synthetic() {
            None
        } else {
            literal_lines(db, origin, value)
        };
        self.pieces.push(Piece {
            range,
            origin,
            lines,
            tag,
        });
    }

    /// The tag of the innermost tagged piece holding `offset`.
    pub fn tag_at(&self, offset: usize) -> Option<Tag> {
        self.pieces
            .iter()
            .filter(|p| p.tag.is_some() && p.range.start <= offset && offset < p.range.end)
            .min_by_key(|p| p.range.len())
            .and_then(|p| p.tag)
    }

    /// The Nix location of Caddyfile byte `offset`: the line of the
    /// literal it was written in, else the expression that produced it.
    pub fn nix_at(&self, text: &str, offset: usize) -> Option<Span> {
        let piece = self
            .pieces
            .iter()
            .rev()
            .filter(|p| {
                !p.origin.is_synthetic()
                    && p.range.start <= offset
                    && offset < p.range.end.max(p.range.start + 1)
            })
            .min_by_key(|p| p.range.len())?;
        if let Some(lines) = &piece.lines {
            let before = text.get(piece.range.start..offset).unwrap_or("");
            let k = before.matches('\n').count();
            if let Some(&start) = lines.get(k) {
                return Some(Span {
                    file: piece.origin.file,
                    start,
                    end: start,
                });
            }
        }
        Some(piece.origin)
    }
}

/// Line starts of a string literal's content in its Nix file, when the
/// source is a literal without interpolation whose lines are the value's
/// lines (`''` strings drop their first empty line and common indentation,
/// which keeps lines in place).
fn literal_lines(db: &SourceDb, origin: Span, value: &str) -> Option<Vec<u32>> {
    let file = db.get(origin.file)?;
    let src = file.text.get(origin.start as usize..origin.end as usize)?;
    if src.contains("${") {
        return None;
    }
    let mut first = origin.start;
    // The literal's span is its content; an indented string's first line
    // break (right after `''`) is not part of the value.
    let first_line_end = src.find('\n');
    if let Some(e) = first_line_end
        && src[..e].trim().is_empty()
        && !value.starts_with('\n')
    {
        first = origin.start + u32::try_from(e + 1).ok()?;
    }
    let value_lines = value.trim_end_matches('\n').matches('\n').count() + 1;
    let rest = file.text.get(first as usize..origin.end as usize)?;
    let src_lines = rest.trim_end().matches('\n').count() + 1;
    if src_lines != value_lines {
        return None;
    }
    let mut out = Vec::with_capacity(value_lines);
    let mut at = first;
    for line in rest.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        out.push(at + u32::try_from(indent).ok()?);
        at += u32::try_from(line.len()).ok()?;
    }
    Some(out)
}
