//! Where each piece of a Caddyfile text came from in the Nix sources.
//!
//! Two kinds of text are routed. The host's deployed Caddyfile
//! ([`crate::model::GeneratedCaddyfile`]) already knows, byte by byte,
//! which Nix span wrote it ([`Generated`]). A rendering of the model
//! ([`super::schema`]) is made of evaluated strings, each recorded as a
//! piece ([`SourceMap`]): its byte range and the Nix span of the value.
//! When such a value is a plain string literal (no interpolation), lines
//! of the piece map to lines of the literal, so a reason can point at the
//! exact Nix line of, say, a `handle` in a service's `extraConfig`.
use std::ops::Range;
use std::sync::Arc;

use crate::files::{SourceDb, Span};
use crate::model::{Field, GeneratedCaddyfile, Host, Known};

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
    /// string whose Nix span is `origin`, and what kind of text it is.
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

/// Where the bytes of a routed Caddyfile text came from.
#[derive(Debug, Clone)]
pub enum Provenance {
    /// A rendering of the model, piece by piece.
    Pieces(SourceMap),
    /// The host's generated Caddyfile.
    Generated(Generated),
}

impl Provenance {
    /// The Nix location of byte `offset` of `text`.
    pub fn nix_at(&self, text: &str, offset: usize) -> Option<Span> {
        match self {
            Provenance::Pieces(map) => map.nix_at(text, offset),
            Provenance::Generated(g) => g.nix_at(offset),
        }
    }

    /// What kind of text byte `offset` is, where that matters.
    pub fn tag_at(&self, offset: usize) -> Option<Tag> {
        match self {
            Provenance::Pieces(map) => map.tag_at(offset),
            Provenance::Generated(g) => g.tag_at(offset),
        }
    }
}

/// The provenance of a host's generated Caddyfile, with the values whose
/// text is the user's own `extraConfig`.
///
/// Which bytes are a site's (or a portal's) `extraConfig` is decided by
/// where their origin lies, not by the origin's kind: a byte is tagged
/// when the Nix span it was written at lies inside the value of one of
/// the fields the generator pastes (a site's `reverseProxy.extraConfig`
/// or virtual host `extraConfig`; a portal's or the security block's
/// `extraConfig`), as that value is written (its [`Field::span`] with the
/// quotes the model strips). The kind cannot tell user text from
/// template: a generator's plain literal (`"  header_up X-Real-IP
/// {remote_host}\n"`) is a value, and an `extraConfig` the user writes
/// with interpolation (`''reverse_proxy ${ip}:8080''`) is a template. The
/// location can: the generator's own text lives in its expressions, which
/// never lie inside the value of the option it reads, while whatever the
/// user wrote in that value (literal lines, or the fixed text around
/// interpolations) does, however the generator re-indents or splits it.
/// Text spliced into the value from elsewhere (`''${snippets.health}''`)
/// has its origin at the snippet and is not tagged; nor is the text of a
/// second definition of a merged `lines` option (the model keeps the
/// first one's span).
#[derive(Debug, Clone)]
pub struct Generated {
    file: Arc<GeneratedCaddyfile>,
    /// The written values of the pasted `extraConfig` fields.
    user: Vec<(Span, Tag)>,
}

impl Generated {
    pub fn new(host: &Host, file: Arc<GeneratedCaddyfile>, db: &SourceDb) -> Generated {
        let mut fields: Vec<(&Field<String>, Tag)> = Vec::new();
        for site in host.sites() {
            if let Some(vh) = site.virtual_host() {
                fields.push((&vh.extra_config, Tag::SiteExtraConfig));
            }
            if let Some(svc) = site.service() {
                fields.push((&svc.extra_config, Tag::SiteExtraConfig));
            }
        }
        if let Known::Value(portals) = &host.security.portals.value {
            for p in portals {
                fields.push((&p.extra_config, Tag::PortalExtraConfig));
            }
        }
        fields.push((&host.security.extra_config, Tag::PortalExtraConfig));
        let user = fields
            .into_iter()
            .filter(|(f, _)| !f.span.is_synthetic())
            .map(|(f, tag)| (with_quotes(db, f.span), tag))
            .collect();
        Generated { file, user }
    }

    /// The origin of the byte at `offset` (the Nix line that wrote it),
    /// else the best origin of its line.
    fn nix_at(&self, offset: usize) -> Option<Span> {
        self.origin_at(offset)
            .or_else(|| self.file.origin(self.file.line_range(offset)))
    }

    fn origin_at(&self, offset: usize) -> Option<Span> {
        self.file
            .origins(offset..offset + 1)
            .find(|o| o.range.contains(&offset) && !o.span.is_synthetic())
            .map(|o| o.span)
    }

    fn tag_at(&self, offset: usize) -> Option<Tag> {
        let at = self.origin_at(offset)?;
        self.user
            .iter()
            .find(|(v, _)| v.file == at.file && v.start <= at.start && at.end <= v.end)
            .map(|(_, tag)| *tag)
    }
}

/// A string value's span as written: the model's spans stop inside the
/// quotes, the evaluator's include them.
fn with_quotes(db: &SourceDb, span: Span) -> Span {
    let Some(file) = db.get(span.file) else {
        return span;
    };
    let text: &str = &file.text;
    let (start, end) = (span.start as usize, span.end as usize);
    for quote in ["''", "\""] {
        let q = u32::try_from(quote.len()).unwrap_or(0);
        if start >= quote.len()
            && text.get(start - quote.len()..start) == Some(quote)
            && text.get(end..end + quote.len()) == Some(quote)
        {
            return Span {
                file: span.file,
                start: span.start - q,
                end: span.end + q,
            };
        }
    }
    span
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
