//! Hover, go to definition and completion. They read the syntax tree of
//! the buffer at the cursor and the model of the last evaluation; they
//! never evaluate anything themselves.

use std::fmt::Write as _;
use std::path::Path;

use lsp_types as lsp;
use rnix::SyntaxKind as K;
use rowan::{TextSize, TokenAtOffset};

use super::convert;
use super::worker::Snapshot;
use crate::files::Span;
use crate::model::{Field, Host, Known, Policy, Portal, Schema, StrList};

type SyntaxNode = rowan::SyntaxNode<rnix::NixLanguage>;

/// What a string names, judged by the attribute it is assigned to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Policy,
    Portal,
}

impl NameKind {
    fn noun(self) -> &'static str {
        match self {
            NameKind::Policy => "policy",
            NameKind::Portal => "portal",
        }
    }
}

/// A string literal assigned to `policy` or `portal` (possibly still
/// being typed), around the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRef {
    pub kind: NameKind,
    /// The literal text; `None` when it interpolates.
    pub name: Option<String>,
    /// Byte range of the text between the quotes.
    pub start: usize,
    pub end: usize,
}

/// The `policy = "…"` / `portal = "…"` string the cursor is in.
pub fn name_ref_at(text: &str, offset: usize) -> Option<NameRef> {
    let root = rnix::Root::parse(text).syntax();
    let at = TextSize::from(u32::try_from(offset).ok()?);
    if at > root.text_range().end() {
        return None;
    }
    let string = match root.token_at_offset(at) {
        TokenAtOffset::None => None,
        TokenAtOffset::Single(t) => enclosing_string(&t),
        TokenAtOffset::Between(l, r) => enclosing_string(&l).or_else(|| enclosing_string(&r)),
    }?;
    // Half-typed text reads as the string applied to what follows it
    // (`policy = "` then the next line): look through those applications.
    let mut value = string.clone();
    let mut binding = string.parent()?;
    while binding.kind() == K::NODE_APPLY && binding.first_child().as_ref() == Some(&value) {
        value = binding.clone();
        binding = binding.parent()?;
    }
    if binding.kind() != K::NODE_ATTRPATH_VALUE {
        return None;
    }
    let path = binding.children().find(|n| n.kind() == K::NODE_ATTRPATH)?;
    let last = path.children().last()?;
    if last.kind() != K::NODE_IDENT {
        return None;
    }
    let kind = match last.text().to_string().as_str() {
        "policy" => NameKind::Policy,
        "portal" => NameKind::Portal,
        _ => return None,
    };
    let mut start = usize::from(string.text_range().start());
    let mut end = usize::from(string.text_range().end());
    let mut literal = true;
    let mut content = String::new();
    for child in string.children_with_tokens() {
        match child.kind() {
            K::TOKEN_STRING_START => start = usize::from(child.text_range().end()),
            K::TOKEN_STRING_END => end = usize::from(child.text_range().start()),
            K::TOKEN_STRING_CONTENT => {
                if let Some(t) = child.as_token() {
                    content.push_str(t.text());
                }
            }
            _ => literal = false,
        }
    }
    if offset < start || offset > end.max(start) {
        return None;
    }
    Some(NameRef {
        kind,
        name: literal.then_some(content),
        start,
        end: end.max(start),
    })
}

fn enclosing_string(t: &rowan::SyntaxToken<rnix::NixLanguage>) -> Option<SyntaxNode> {
    let mut parent = t.parent()?;
    // A string still being typed runs to the end of the text as an error
    // inside the string node.
    if parent.kind() == K::NODE_ERROR {
        parent = parent.parent()?;
    }
    // Only the string itself: not a string inside an interpolation.
    (parent.kind() == K::NODE_STRING).then_some(parent)
}

/// Whether `offset` lies inside a string literal (a comment inserted
/// there would become part of the string).
pub fn inside_string(text: &str, offset: usize) -> bool {
    let root = rnix::Root::parse(text).syntax();
    let Ok(at) = u32::try_from(offset).map(TextSize::from) else {
        return false;
    };
    if at >= root.text_range().end() {
        return false;
    }
    let token = match root.token_at_offset(at) {
        TokenAtOffset::None => return false,
        TokenAtOffset::Single(t) | TokenAtOffset::Between(_, t) => t,
    };
    token.parent_ancestors().any(|n| {
        n.kind() == K::NODE_STRING && n.text_range().start() < at && at < n.text_range().end()
    })
}

fn policies(host: &Host) -> &Field<Vec<Policy>> {
    &host.security.policies
}

fn portals(host: &Host) -> &Field<Vec<Portal>> {
    &host.security.portals
}

/// Where a span is, for people: `file:line`.
fn place(snap: &Snapshot, span: Span) -> Option<String> {
    let file = snap.file(span.file)?;
    Some(file.place(span.start))
}

fn list(field: &Field<StrList>) -> String {
    match &field.value {
        Known::Value(items) if items.is_empty() => "none".into(),
        Known::Value(items) => items
            .iter()
            .map(|i| match &i.value {
                Known::Value(s) => format!("`{s}`"),
                Known::Unknown(r) => format!("unknown ({r})"),
                Known::Absent => "none".into(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Known::Unknown(r) => format!("unknown ({r})"),
        Known::Absent => "none".into(),
    }
}

fn text(field: &Field<String>) -> Option<String> {
    match &field.value {
        Known::Value(s) => Some(format!("`{s}`")),
        Known::Unknown(r) => Some(format!("unknown ({r})")),
        Known::Absent => None,
    }
}

/// What one host says about the name: its definition, or why there is
/// none.
fn describe(snap: &Snapshot, host: &Host, kind: NameKind, name: &str) -> String {
    let (names, found): (Known<Vec<&str>>, Option<String>) = match kind {
        NameKind::Policy => match &policies(host).value {
            Known::Value(ps) => (
                Known::Value(ps.iter().map(|p| p.name.as_str()).collect()),
                ps.iter()
                    .find(|p| p.name == name)
                    .map(|p| describe_policy(snap, host.security.schema, p)),
            ),
            Known::Unknown(r) => (Known::Unknown(r.clone()), None),
            Known::Absent => (Known::Absent, None),
        },
        NameKind::Portal => match &portals(host).value {
            Known::Value(ps) => (
                Known::Value(ps.iter().map(|p| p.name.as_str()).collect()),
                ps.iter()
                    .find(|p| p.name == name)
                    .map(|p| describe_portal(snap, p)),
            ),
            Known::Unknown(r) => (Known::Unknown(r.clone()), None),
            Known::Absent => (Known::Absent, None),
        },
    };
    if let Some(found) = found {
        return found;
    }
    let noun = kind.noun();
    match names {
        Known::Value(names) if !names.is_empty() => format!(
            "not defined on this host; defined: {}",
            crate::lints::util::code_list(&names)
        ),
        Known::Unknown(r) => format!("the {noun} definitions could not be evaluated: {r}"),
        _ => format!("no {noun} is defined on this host"),
    }
}

fn describe_policy(snap: &Snapshot, schema: Schema, p: &Policy) -> String {
    let allowed = match schema {
        Schema::Documented => "allowed groups",
        Schema::Extended => "allowed roles",
    };
    let mut lines = vec![
        format!("- {allowed}: {}", list(&p.allowed)),
        format!("- allowed networks: {}", list(&p.allowed_networks)),
    ];
    if let Some(url) = text(&p.auth_url) {
        lines.push(format!("- auth URL: {url}"));
    }
    if let Known::Value(true) = p.inject_headers.value {
        lines.push("- injects headers with claims".into());
    }
    if let Some(at) = place(snap, p.span) {
        lines.push(format!("- defined at `{at}`"));
    }
    lines.join("\n")
}

fn describe_portal(snap: &Snapshot, p: &Portal) -> String {
    let mut lines = vec![
        format!("- identity providers: {}", list(&p.identity_providers)),
        format!("- identity stores: {}", list(&p.identity_stores)),
    ];
    if let Some(domain) = text(&p.cookie_domain) {
        lines.push(format!("- cookie domain: {domain}"));
    }
    if let Some(at) = place(snap, p.span) {
        lines.push(format!("- defined at `{at}`"));
    }
    lines.join("\n")
}

/// Hover on a policy or portal name: its definition on every host that
/// reads this file (hosts with the same answer are listed together).
pub fn hover(snap: &Snapshot, path: &Path, text: &str, offset: usize) -> Option<lsp::Hover> {
    let r = name_ref_at(text, offset)?;
    let name = r.name.as_deref()?;
    let hosts = snap.hosts_reading(path);
    if hosts.is_empty() {
        return None;
    }
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for h in hosts {
        let body = describe(snap, &h.host, r.kind, name);
        match groups.iter_mut().find(|(b, _)| *b == body) {
            Some((_, names)) => names.push(&h.host.name),
            None => groups.push((body, vec![&h.host.name])),
        }
    }
    let mut value = String::new();
    for (body, names) in groups {
        let which = if names.len() == 1 { "host" } else { "hosts" };
        let _ = write!(
            value,
            "**{} `{name}`** on {which} {}\n\n{body}\n\n",
            r.kind.noun(),
            crate::lints::util::code_list(&names)
        );
    }
    let lines = crate::files::LineIndex::new(text);
    let range = lsp::Range::new(
        utf16_position(text, &lines, r.start),
        utf16_position(text, &lines, r.end),
    );
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: value.trim_end().to_string(),
        }),
        range: Some(range),
    })
}

fn utf16_position(text: &str, lines: &crate::files::LineIndex, offset: usize) -> lsp::Position {
    let lc = lines.line_col(text, u32::try_from(offset).unwrap_or(u32::MAX));
    lsp::Position::new(lc.line - 1, lc.utf16_column)
}

/// Go to definition: from a policy or portal name to where it is
/// declared; from a selected attribute (`defaults.caddySecurity.media`)
/// to where the attribute is bound, as the last evaluation found it.
pub fn definition(snap: &Snapshot, path: &Path, text: &str, offset: usize) -> Vec<lsp::Location> {
    let mut spans: Vec<Span> = Vec::new();
    if let Some(r) = name_ref_at(text, offset) {
        let Some(name) = r.name.as_deref() else {
            return Vec::new();
        };
        for h in snap.hosts_reading(path) {
            let span = match r.kind {
                NameKind::Policy => policies(&h.host)
                    .get()
                    .and_then(|ps| ps.iter().find(|p| p.name == name))
                    .map(|p| p.span),
                NameKind::Portal => portals(&h.host)
                    .get()
                    .and_then(|ps| ps.iter().find(|p| p.name == name))
                    .map(|p| p.span),
            };
            spans.extend(span.filter(|s| !s.is_synthetic()));
        }
    } else if let Some(file) = snap.file_at(path)
        && *file.text == *text
    {
        // Positions in the evaluated text are positions in the buffer.
        let at = u32::try_from(offset).unwrap_or(u32::MAX);
        let mut best: Option<(Span, &Vec<Span>)> = None;
        for h in snap.hosts_reading(path) {
            for (key, targets) in h.selections.iter() {
                if key.file == file.id
                    && key.start <= at
                    && at <= key.end
                    && best.is_none_or(|(b, _)| key.len() < b.len())
                {
                    best = Some((*key, targets));
                }
            }
        }
        if let Some((key, _)) = best {
            for h in snap.hosts_reading(path) {
                if let Some(targets) = h.selections.get(&key) {
                    spans.extend(targets.iter().copied());
                }
            }
        }
    }
    let mut out: Vec<lsp::Location> = Vec::new();
    for span in spans {
        let Some(file) = snap.file(span.file) else {
            continue;
        };
        let loc = lsp::Location::new(
            snap.uri(&file.path),
            convert::range(file, span.start, span.end),
        );
        if !out.contains(&loc) {
            out.push(loc);
        }
    }
    out
}

/// Completion inside `policy = "` and `portal = "`: the names the hosts
/// reading this file define.
pub fn completion(
    snap: &Snapshot,
    path: &Path,
    text: &str,
    offset: usize,
) -> Vec<lsp::CompletionItem> {
    let Some(r) = name_ref_at(text, offset) else {
        return Vec::new();
    };
    // An unterminated string runs on to the next quote; replace only up to
    // the end of the cursor's line.
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let end = r.end.min(line_end).max(offset);
    let lines = crate::files::LineIndex::new(text);
    let range = lsp::Range::new(
        utf16_position(text, &lines, r.start),
        utf16_position(text, &lines, end),
    );
    let mut items: Vec<lsp::CompletionItem> = Vec::new();
    for h in snap.hosts_reading(path) {
        let names: Vec<(String, String)> = match r.kind {
            NameKind::Policy => policies(&h.host).get().map_or_else(Vec::new, |ps| {
                ps.iter()
                    .map(|p| {
                        (
                            p.name.clone(),
                            describe_policy(snap, h.host.security.schema, p),
                        )
                    })
                    .collect()
            }),
            NameKind::Portal => portals(&h.host).get().map_or_else(Vec::new, |ps| {
                ps.iter()
                    .map(|p| (p.name.clone(), describe_portal(snap, p)))
                    .collect()
            }),
        };
        for (name, doc) in names {
            if items.iter().any(|i| i.label == name) {
                continue;
            }
            items.push(lsp::CompletionItem {
                label: name.clone(),
                kind: Some(lsp::CompletionItemKind::VALUE),
                detail: Some(format!("{} on host `{}`", r.kind.noun(), h.host.name)),
                documentation: Some(lsp::Documentation::MarkupContent(lsp::MarkupContent {
                    kind: lsp::MarkupKind::Markdown,
                    value: doc,
                })),
                filter_text: Some(name.clone()),
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                    range, name,
                ))),
                ..lsp::CompletionItem::default()
            });
        }
    }
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, marker: &str) -> usize {
        text.find(marker).expect("marker present")
    }

    #[test]
    fn finds_policy_and_portal_strings_around_the_cursor() {
        let text =
            "{ caddySecurity = { policy = \"admins\"; portal = \"pocketid\"; realm = \"x\"; }; }";
        let p = name_ref_at(text, at(text, "dmins")).unwrap();
        assert_eq!(p.kind, NameKind::Policy);
        assert_eq!(p.name.as_deref(), Some("admins"));
        assert_eq!(&text[p.start..p.end], "admins");
        // At either edge of the text.
        assert!(name_ref_at(text, p.start).is_some());
        assert!(name_ref_at(text, p.end).is_some());
        let q = name_ref_at(text, at(text, "ocketid")).unwrap();
        assert_eq!(q.kind, NameKind::Portal);
        assert_eq!(name_ref_at(text, at(text, "\"x\"") + 1), None);
        assert_eq!(name_ref_at(text, at(text, "caddySecurity")), None);
    }

    #[test]
    fn dotted_paths_and_unfinished_strings_count() {
        let text = "{\n  caddySecurity.policy = \"ad\n  enable = true;\n}\n";
        let cursor = at(text, "ad\n") + 2;
        let p = name_ref_at(text, cursor).unwrap();
        assert_eq!(p.kind, NameKind::Policy);
        assert_eq!(p.start, at(text, "ad\n"));
        // Up to the next line's string, applied to what follows.
        let text = "{\n  portal = \"\n  paths = [ \"/api\" ];\n}\n";
        let p = name_ref_at(text, at(text, "\"\n") + 1).unwrap();
        assert_eq!(p.kind, NameKind::Portal);
        // Keys and interpolated strings do not.
        let key = "{ \"policy\" = 1; x.policy = \"a${b}\"; }";
        assert_eq!(name_ref_at(key, 4), None);
        let interp = name_ref_at(key, at(key, "a${")).unwrap();
        assert_eq!(interp.name, None);
    }

    #[test]
    fn strings_are_recognised_for_comment_insertion() {
        let text = "{\n  a = ''\n    x\n  '';\n  b = 1;\n}\n";
        assert!(inside_string(text, at(text, "    x")));
        assert!(!inside_string(text, at(text, "  b =")));
        assert!(!inside_string(text, at(text, "  a =")));
    }
}
