//! The Caddyfile a host deploys, as evaluated, with where every byte of it
//! was written in the Nix sources.
//!
//! The text is built by `generate` (from `services.caddy.configFile`, or
//! NixOS's assembly of `globalConfig`, `extraConfig` and `virtualHosts`) and
//! formatted the way NixOS does (`caddy fmt`). Parts that could not be
//! evaluated are shown inline as `«unknown: reason»`; the file is then not
//! *fully known* and is not parsed, so nothing is concluded from it.
//!
//! API for rules and other commands:
//! * [`GeneratedCaddyfile::text`]: the file;
//! * [`GeneratedCaddyfile::parsed`]: the parsed form (Caddy 2.11.4's rules,
//!   environment unknown) when fully known, ready for
//!   [`crate::caddy::caddyfile::routes::build_routes`] / `decide`;
//! * [`GeneratedCaddyfile::origin`] and [`GeneratedCaddyfile::origins`]:
//!   the Nix spans behind a byte range.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::caddy::caddyfile::{self, Caddyfile};
use crate::files::Span;

/// How a byte range of the text came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginKind {
    /// Fixed text of a template (the repository's generator, or NixOS's
    /// own assembly when the span is synthetic).
    Template,
    /// A value: a literal the configuration wrote, or a number or path
    /// coerced into the text.
    Value,
    /// An `«unknown: …»` placeholder.
    Unknown,
}

/// Bytes `range` of the text came from `span`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextOrigin {
    pub range: Range<usize>,
    pub span: Span,
    pub kind: OriginKind,
}

/// A part of the file that could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPart {
    /// The placeholder's bytes in the text.
    pub range: Range<usize>,
    /// Which option it stands for (`services.caddy.virtualHosts.a.extraConfig`).
    pub what: String,
    pub reason: String,
    pub span: Span,
}

/// Where the file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaddyfileSource {
    /// `services.caddy.configFile`, defined at `span`.
    ConfigFile { span: Span },
    /// NixOS's assembly from `services.caddy.*`.
    Assembled,
}

/// A site block of an assembled file and the virtual host it renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedSite {
    /// `services.caddy.virtualHosts.<name>`.
    pub name: String,
    /// The block's bytes in the text.
    pub range: Range<usize>,
    /// Where the virtual host is defined.
    pub defined_at: Span,
}

/// The deployed Caddyfile of a host.
#[derive(Debug, Clone)]
pub struct GeneratedCaddyfile {
    pub text: Arc<str>,
    pub source: CaddyfileSource,
    /// Sorted, non-overlapping; bytes not covered (indentation) have no
    /// origin.
    pub origins: Vec<TextOrigin>,
    pub unknowns: Vec<UnknownPart>,
    pub sites: Vec<GeneratedSite>,
    /// The parse of a fully known file, started in the background.
    parse: Option<Arc<BackgroundParse>>,
}

/// A parse that runs on another core while the host's evaluation goes on
/// (the file is assembled first, the rest of the model is extracted
/// meanwhile); whoever needs it first and finds it not yet started does it
/// itself.
#[derive(Debug)]
struct BackgroundParse {
    /// The same text as the file's.
    text: Arc<str>,
    parsed: OnceLock<Arc<Caddyfile>>,
}

impl BackgroundParse {
    fn start(text: &Arc<str>) -> Arc<BackgroundParse> {
        let job = Arc::new(BackgroundParse {
            text: Arc::clone(text),
            parsed: OnceLock::new(),
        });
        let background = Arc::clone(&job);
        // The rules also read the routes and Caddy's verdicts.
        rayon::spawn(move || {
            // A panic here would abort the process (the pool has no panic
            // handler). Left uninitialised, the work is redone by the first
            // reader, whose panic the caller reports as an internal error.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let parsed = background.get();
                parsed.site_routes();
                parsed.findings();
            }));
        });
        job
    }

    fn get(&self) -> &Arc<Caddyfile> {
        self.parsed
            .get_or_init(|| Arc::new(caddyfile::parse(&self.text)))
    }
}

impl PartialEq for GeneratedCaddyfile {
    fn eq(&self, other: &Self) -> bool {
        // `parsed` is a function of `text`.
        self.text == other.text
            && self.source == other.source
            && self.origins == other.origins
            && self.unknowns == other.unknowns
            && self.sites == other.sites
    }
}

/// Text with origins, as it is assembled.
#[derive(Debug, Clone, Default)]
pub struct OriginText {
    pub text: String,
    pub origins: Vec<TextOrigin>,
    pub unknowns: Vec<UnknownPart>,
}

/// Appends an origin to sorted `origins`, extending the last one when the
/// range continues it with the same span and kind.
fn push_origin(origins: &mut Vec<TextOrigin>, range: Range<usize>, span: Span, kind: OriginKind) {
    if range.is_empty() {
        return;
    }
    if let Some(last) = origins.last_mut()
        && last.range.end == range.start
        && last.span == span
        && last.kind == kind
    {
        last.range.end = range.end;
        return;
    }
    origins.push(TextOrigin { range, span, kind });
}

impl OriginText {
    pub fn push(&mut self, s: &str, span: Span, kind: OriginKind) {
        let start = self.text.len();
        self.text.push_str(s);
        self.add(start..self.text.len(), span, kind);
    }

    fn add(&mut self, range: Range<usize>, span: Span, kind: OriginKind) {
        push_origin(&mut self.origins, range, span, kind);
    }

    /// Text whose byte ranges have their own origins (relative to `s`).
    pub fn push_with(&mut self, s: &str, origins: &[TextOrigin]) {
        let base = self.text.len();
        self.text.push_str(s);
        let mut covered = 0;
        for o in origins {
            let (a, b) = (o.range.start.min(s.len()), o.range.end.min(s.len()));
            if a < covered || a >= b {
                continue;
            }
            self.add(base + a..base + b, o.span, o.kind);
            covered = b;
        }
    }

    /// A placeholder for a value that could not be evaluated.
    pub fn push_unknown(&mut self, what: &str, reason: &str, span: Span) {
        let start = self.text.len();
        let shown = reason.replace(['\n', '{', '}'], " ");
        self.text.push_str("«unknown: ");
        self.text.push_str(&shown);
        self.text.push('»');
        let range = start..self.text.len();
        self.add(range.clone(), span, OriginKind::Unknown);
        self.unknowns.push(UnknownPart {
            range,
            what: what.to_string(),
            reason: reason.to_string(),
            span,
        });
    }
}

impl GeneratedCaddyfile {
    /// Builds the file from assembled text: formats it as `caddy fmt` does
    /// and parses it when fully known.
    pub fn new(source: CaddyfileSource, raw: &OriginText, sites: Vec<GeneratedSite>) -> Self {
        let (text, runs) = format(&raw.text);
        let text: Arc<str> = Arc::from(text);
        let remap = |r: &Range<usize>| -> Option<Range<usize>> {
            // The first kept byte at or after `r.start` and the last before
            // `r.end`; runs increase in both texts.
            let first = &runs[runs.partition_point(|k| k.input + k.len <= r.start)..];
            let k = first.first()?;
            let start = k.output + r.start.saturating_sub(k.input);
            let k = &runs[..runs.partition_point(|k| k.input < r.end)].last()?;
            let end = k.output + (r.end.min(k.input + k.len) - k.input);
            (start < end).then_some(start..end)
        };
        // The origins of the kept bytes, run by run, merged where they
        // continue each other.
        let mut origins: Vec<TextOrigin> = Vec::new();
        let mut idx = 0;
        for k in &runs {
            let mut i = k.input;
            let end = k.input + k.len;
            while i < end {
                while idx < raw.origins.len() && raw.origins[idx].range.end <= i {
                    idx += 1;
                }
                let Some(o) = raw.origins.get(idx) else { break };
                if o.range.start > i {
                    // Bytes without an origin.
                    i = o.range.start.min(end);
                    continue;
                }
                let upto = o.range.end.min(end);
                let out = k.output + (i - k.input)..k.output + (upto - k.input);
                push_origin(&mut origins, out, o.span, o.kind);
                i = upto;
            }
        }
        let unknowns: Vec<UnknownPart> = raw
            .unknowns
            .iter()
            .filter_map(|u| {
                Some(UnknownPart {
                    range: remap(&u.range)?,
                    ..u.clone()
                })
            })
            .collect();
        let sites = sites
            .into_iter()
            .filter_map(|s| {
                Some(GeneratedSite {
                    range: remap(&s.range)?,
                    ..s
                })
            })
            .collect();
        let parse = raw
            .unknowns
            .is_empty()
            .then(|| BackgroundParse::start(&text));
        GeneratedCaddyfile {
            text,
            source,
            origins,
            unknowns,
            sites,
            parse,
        }
    }

    /// The parsed file, when fully known.
    pub fn parsed(&self) -> Option<&Arc<Caddyfile>> {
        self.parse.as_deref().map(BackgroundParse::get)
    }

    /// Every value could be evaluated.
    pub fn is_fully_known(&self) -> bool {
        self.unknowns.is_empty()
    }

    /// The origins overlapping `range`, in text order.
    pub fn origins(&self, range: Range<usize>) -> impl Iterator<Item = &TextOrigin> {
        // Sorted and non-overlapping: start at the first that ends after.
        let first = self.origins.partition_point(|o| o.range.end <= range.start);
        let end = range.end.max(range.start + 1);
        self.origins[first..]
            .iter()
            .take_while(move |o| o.range.start < end)
    }

    /// The Nix source behind bytes `range`: the first value with visible
    /// text there (what the configuration wrote), else the first template
    /// written in a repository file.
    pub fn origin(&self, range: Range<usize>) -> Option<Span> {
        let visible = |o: &&TextOrigin| {
            let a = o.range.start.max(range.start);
            let b = o.range.end.min(range.end.max(range.start + 1));
            !o.span.is_synthetic() && self.text.get(a..b).is_some_and(|t| !t.trim().is_empty())
        };
        self.origins(range.clone())
            .filter(visible)
            .find(|o| o.kind != OriginKind::Template)
            .or_else(|| self.origins(range.clone()).find(visible))
            .map(|o| o.span)
    }

    /// The first value (not template) with visible text in `range`.
    pub fn value_origin(&self, range: Range<usize>) -> Option<Span> {
        self.origins(range.clone())
            .find(|o| {
                let a = o.range.start.max(range.start);
                let b = o.range.end.min(range.end.max(range.start + 1));
                o.kind == OriginKind::Value
                    && !o.span.is_synthetic()
                    && self.text.get(a..b).is_some_and(|t| !t.trim().is_empty())
            })
            .map(|o| o.span)
    }

    /// The byte range of the whole line holding byte `at`.
    pub fn line_range(&self, at: usize) -> Range<usize> {
        let start = self.text[..at.min(self.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        start..end
    }

    /// 1-based line numbers and byte ranges of the text's lines.
    pub fn lines(&self) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        let mut start = 0;
        self.text
            .split_inclusive('\n')
            .enumerate()
            .map(move |(i, l)| {
                let r = start..start + l.trim_end_matches('\n').len();
                start += l.len();
                (i + 1, r)
            })
    }

    /// The line (1-based) holding byte `at`, and its text.
    pub fn line_at(&self, at: usize) -> (usize, &str) {
        for (n, r) in self.lines() {
            if at <= r.end {
                return (n, &self.text[r]);
            }
        }
        (0, "")
    }

    /// The virtual host whose site block holds byte `at`.
    pub fn site_at(&self, at: usize) -> Option<&GeneratedSite> {
        self.sites.iter().find(|s| s.range.contains(&at))
    }
}

/// `caddy fmt` (2.6.2): tab indentation by brace depth, runs of spaces
/// between tokens collapsed, no blank lines at the start, after `{` or
/// before `}`, at most one blank line elsewhere. Returns the text and the
/// runs of bytes copied from the input (indentation, separators and
/// newlines are inserted).
pub fn format(input: &str) -> (String, Vec<Kept>) {
    // Sized for a generated file of hundreds of sites, where growing by
    // doubling showed.
    let mut out = String::with_capacity(input.len());
    let mut runs: Vec<Kept> = Vec::with_capacity(input.len() / 8);
    let mut tokens = Vec::new();
    let mut depth: usize = 0;
    let mut pending_blank = false;
    let mut last_opened = true; // start of file: no blank line
    let mut offset = 0;
    for raw in input.split_inclusive('\n') {
        let line = raw.trim_end_matches('\n');
        let line_start = offset;
        offset += raw.len();
        let lead = line.len() - line.trim_start().len();
        let content = line.trim();
        if content.is_empty() {
            pending_blank = true;
            continue;
        }
        split_tokens(line, lead, &mut tokens);
        let closes = tokens.first().is_some_and(|(_, t)| *t == "}");
        if closes {
            depth = depth.saturating_sub(1);
        }
        if pending_blank && !last_opened && !closes {
            out.push('\n');
        }
        pending_blank = false;
        for _ in 0..depth {
            out.push('\t');
        }
        for (k, (at, tok)) in tokens.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            runs.push(Kept {
                output: out.len(),
                input: line_start + at,
                len: tok.len(),
            });
            out.push_str(tok);
        }
        out.push('\n');
        let opens = tokens.last().is_some_and(|(_, t)| *t == "{");
        if opens {
            depth += 1;
        }
        last_opened = opens;
    }
    (out, runs)
}

/// Bytes `format` copied unchanged: `len` bytes from `input` on are at
/// `output` on in the formatted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub output: usize,
    pub input: usize,
    pub len: usize,
}

/// The whitespace-separated tokens of a line with their byte offsets;
/// quoted strings and a trailing comment are kept whole. `out` is cleared
/// first (one buffer serves every line).
fn split_tokens<'s>(line: &'s str, from: usize, out: &mut Vec<(usize, &'s str)>) {
    let bytes = line.as_bytes();
    out.clear();
    let mut i = from;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let start = i;
        if bytes[i] == b'#' {
            out.push((start, line[start..].trim_end()));
            break;
        }
        let mut quote: Option<u8> = None;
        while i < bytes.len() {
            let c = bytes[i];
            if let Some(q) = quote {
                if c == b'\\' && q == b'"' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            } else {
                if c == b' ' || c == b'\t' {
                    break;
                }
                if c == b'"' || c == b'`' {
                    quote = Some(c);
                } else if c == b'\\' {
                    i += 1;
                }
            }
            i += 1;
        }
        let end = i.min(bytes.len());
        out.push((start, &line[start..end]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_caddy_fmt() {
        // The expected text is what Debian's `caddy fmt` 2.6.2 printed.
        let input = "\n\n{\n    email a@b\n\n\n  log {\n   level ERROR\n  }\n\n}\n\n\nfoo.test  bar.test   {\n\n  \n  log {\n    output file x\n  }\n\n\n  respond \"a  {  b\"   200\n  @m {\n    path /a   /b # c\n  }\n\n}\n\n\n";
        let (out, runs) = format(input);
        assert_eq!(
            out,
            "{\n\temail a@b\n\n\tlog {\n\t\tlevel ERROR\n\t}\n}\n\nfoo.test bar.test {\n\tlog {\n\t\toutput file x\n\t}\n\n\trespond \"a  {  b\" 200\n\t@m {\n\t\tpath /a /b # c\n\t}\n}\n"
        );
        for k in &runs {
            assert_eq!(
                out[k.output..k.output + k.len],
                input[k.input..k.input + k.len]
            );
        }
        let e = out.find("email").unwrap_or(0);
        let k = runs.iter().find(|k| k.output == e);
        assert_eq!(k.map(|k| &input[k.input..k.input + 5]), Some("email"));
    }

    #[test]
    fn origins_follow_formatting() {
        let mut t = OriginText::default();
        let a = Span {
            file: crate::files::FileId::SYNTHETIC,
            start: 0,
            end: 0,
        };
        t.push("a.test {\n    ", a, OriginKind::Template);
        let b = Span {
            file: crate::files::FileId(3),
            start: 10,
            end: 20,
        };
        t.push("respond   x", b, OriginKind::Value);
        t.push("\n}\n", a, OriginKind::Template);
        let g = GeneratedCaddyfile::new(CaddyfileSource::Assembled, &t, Vec::new());
        assert_eq!(&*g.text, "a.test {\n\trespond x\n}\n");
        let r = g.text.find("respond").unwrap_or(0);
        assert_eq!(g.origin(r..r + 9), Some(b));
        assert!(g.is_fully_known());
        assert!(g.parsed().is_some());
    }
}
