//! Caddyfile → server blocks → directive trees.
//!
//! The top level follows Caddy's `caddyfile/parse.go`: a cursor over the
//! token list, `import` spliced into that list (snippet tokens with
//! `{args.N}` substituted), server blocks read as address lines followed
//! by `{ … }` (or, without braces, the rest of the file), snippets
//! `(name) { … }` recorded when met (so they must precede their use, as in
//! Caddy [tested 2.6.2]), and each directive collected as a flat "segment"
//! with the same brace checks and messages. Each segment is then turned
//! into a [`Directive`] tree using Caddy's "same line" rule.
//!
//! Caddy stops at the first error; this parser records it and resumes after
//! the end of the broken server block, so later blocks are still modelled.

use std::collections::HashMap;

use super::lexer::{Quote, Token, substitute_env, tokenize};
use super::{CaddyVersion, ParseOptions, Span};

/// A syntax error, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Caddy's wording where it has one.
    pub message: String,
    /// The token at which Caddy reports it.
    pub span: Span,
}

/// One directive (a line, with its optional block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Unique within the parsed file; stable for a given text.
    pub id: usize,
    /// The first token.
    pub name: Token,
    /// Tokens on the first line, before any `{`.
    pub args: Vec<Token>,
    /// The `{ … }` block, if any.
    pub block: Option<Block>,
    /// Tokens after the block's `}` on the same line (Caddy keeps them in
    /// the segment).
    pub trailing: Vec<Token>,
}

/// A `{ … }` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The `{` token.
    pub open: Span,
    /// The `}` token (missing only in a broken file).
    pub close: Option<Span>,
    /// The lines inside.
    pub directives: Vec<Directive>,
}

impl Directive {
    /// Name text.
    pub fn name(&self) -> &str {
        &self.name.text
    }

    /// The argument texts.
    pub fn arg_texts(&self) -> Vec<&str> {
        self.args.iter().map(|t| t.text.as_str()).collect()
    }

    /// Sub-directives of the block (empty without a block).
    pub fn children(&self) -> &[Directive] {
        self.block.as_ref().map_or(&[], |b| b.directives.as_slice())
    }

    /// Bytes from the name to the last token of the directive, when all its
    /// tokens come from the same place (not through `import`); otherwise
    /// the span of the name.
    pub fn span(&self) -> Span {
        let start = self.name.span.start;
        let origin = self.name.origin;
        let mut end = self.name.span.end;
        for t in self.args.iter().chain(self.trailing.iter()) {
            if t.origin == origin && t.span.end > end {
                end = t.span.end;
            }
        }
        if let Some(b) = &self.block
            && origin == 0
        {
            end = end.max(b.close.as_ref().map_or(b.open.end, |c| c.end));
        }
        start..end
    }

    /// All tokens of the directive in order, like Caddy's segment.
    pub fn tokens(&self) -> Vec<&Token> {
        let mut out = vec![&self.name];
        out.extend(self.args.iter());
        if let Some(b) = &self.block {
            for d in &b.directives {
                out.extend(d.tokens());
            }
        }
        out.extend(self.trailing.iter());
        out
    }

    /// First child directive with this name.
    pub fn child(&self, name: &str) -> Option<&Directive> {
        self.children().iter().find(|d| d.name() == name)
    }
}

/// A site address (server block key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The key token as written (trailing comma removed).
    pub token: Token,
    /// The key text.
    pub text: String,
    /// `http`, `https` or empty.
    pub scheme: String,
    /// Host, lowercased; empty for a catch-all such as `:80`.
    pub host: String,
    /// Port text, possibly empty.
    pub port: String,
    /// Path part (`/x*`), possibly empty.
    pub path: String,
}

impl Address {
    /// Splits a key like Caddy's `ParseAddress` (scheme, host, port, path).
    pub fn parse(token: Token) -> Address {
        let text = token.text.clone();
        let mut rest = text.as_str();
        let mut scheme = String::new();
        if let Some(i) = rest.find("://") {
            scheme = rest[..i].to_ascii_lowercase();
            rest = &rest[i + 3..];
        }
        let (hostport, path) = match rest.find('/') {
            Some(i) => (&rest[..i], rest[i..].to_string()),
            None => (rest, String::new()),
        };
        let (host, port) = if hostport.starts_with('[') {
            match hostport.find(']') {
                Some(i) => (
                    hostport[..=i].to_string(),
                    hostport[i + 1..].trim_start_matches(':').to_string(),
                ),
                None => (hostport.to_string(), String::new()),
            }
        } else {
            match hostport.rfind(':') {
                Some(i) => (hostport[..i].to_string(), hostport[i + 1..].to_string()),
                None => (hostport.to_string(), String::new()),
            }
        };
        Address {
            token,
            text,
            scheme,
            host: host.to_lowercase(),
            port,
            path,
        }
    }
}

/// A server block: the global options (no keys), a site, or a snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerBlock {
    /// Site addresses; empty for the global options block.
    pub addresses: Vec<Address>,
    /// Written with `{ }`.
    pub has_braces: bool,
    /// The lines of the block.
    pub directives: Vec<Directive>,
    /// From the first key (or `{`) to the closing `}`.
    pub span: Span,
}

/// A snippet definition `(name) { … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// Name without parentheses.
    pub name: String,
    /// The `(name)` token.
    pub key: Token,
    /// Raw tokens of the body.
    pub tokens: Vec<Token>,
}

/// An `import` that is not a snippet (a file or glob, not read here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileImport {
    /// The pattern as written.
    pub pattern: String,
    /// The pattern token.
    pub span: Span,
}

/// Output of [`parse_blocks`].
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// All server blocks in order (global options block included).
    pub blocks: Vec<ServerBlock>,
    /// Snippet definitions.
    pub snippets: Vec<Snippet>,
    /// Imports that are not snippets.
    pub file_imports: Vec<FileImport>,
    /// Syntax errors (the first is what Caddy reports).
    pub errors: Vec<ParseError>,
    /// Number of directive ids handed out.
    pub directive_count: usize,
}

const MAX_IMPORTS: usize = 512;
const MAX_TOKENS: usize = 1 << 20;

struct P {
    tokens: Vec<Token>,
    cursor: isize,
    nesting: i32,
    eof: bool,
    snippets: HashMap<String, Vec<Token>>,
    snippet_defs: Vec<Snippet>,
    file_imports: Vec<FileImport>,
    next_origin: u32,
    imports_done: usize,
    version: CaddyVersion,
    // current block
    keys: Vec<Token>,
    has_braces: bool,
    segments: Vec<Vec<Token>>,
}

type PResult = Result<(), ParseError>;

impl P {
    fn tok(&self, i: isize) -> Option<&Token> {
        usize::try_from(i).ok().and_then(|i| self.tokens.get(i))
    }

    fn next(&mut self) -> bool {
        let len = isize::try_from(self.tokens.len()).unwrap_or(isize::MAX);
        if self.cursor < len - 1 {
            self.cursor += 1;
            true
        } else {
            false
        }
    }

    fn val(&self) -> &str {
        self.tok(self.cursor).map_or("", |t| t.text.as_str())
    }

    fn cur_span(&self) -> Span {
        self.tok(self.cursor)
            .or_else(|| self.tokens.last())
            .map_or(0..0, |t| t.span.clone())
    }

    fn err(&self, msg: impl Into<String>) -> ParseError {
        ParseError {
            message: msg.into(),
            span: self.cur_span(),
        }
    }

    fn is_new_line(&self) -> bool {
        if self.cursor < 1 {
            return true;
        }
        let (Some(prev), Some(cur)) = (self.tok(self.cursor - 1), self.tok(self.cursor)) else {
            return false;
        };
        on_new_line(prev, cur)
    }

    fn is_next_on_new_line(&self) -> bool {
        let (Some(cur), Some(next)) = (self.tok(self.cursor), self.tok(self.cursor + 1)) else {
            return false;
        };
        on_new_line(cur, next)
    }

    fn next_arg(&mut self) -> bool {
        let Some(cur) = self.tok(self.cursor).cloned() else {
            return false;
        };
        let Some(next) = self.tok(self.cursor + 1) else {
            return false;
        };
        if on_new_line(&cur, next) {
            return false;
        }
        self.cursor += 1;
        if self.val() == "{" {
            self.cursor -= 1;
            return false;
        }
        true
    }

    fn remaining_args(&mut self) -> Vec<Token> {
        let mut out = Vec::new();
        while self.next_arg() {
            if let Some(t) = self.tok(self.cursor) {
                out.push(t.clone());
            }
        }
        out
    }

    fn parse_all(&mut self, out: &mut Vec<ServerBlock>, errors: &mut Vec<ParseError>) {
        while self.next() {
            let start_idx = self.cursor;
            let start_span = self.cur_span();
            self.keys.clear();
            self.segments.clear();
            self.has_braces = false;
            self.nesting = 0;
            let res = self.begin();
            let end_span = self.cur_span();
            if !self.keys.is_empty() || !self.segments.is_empty() {
                out.push(self.finish_block(start_span.start..end_span.end));
            }
            if let Err(e) = res {
                errors.push(e);
                self.recover(start_idx);
                continue;
            }
            if self.nesting > 0 {
                errors.push(self.err("Unexpected EOF"));
                return;
            }
        }
    }

    // Skip to the end of the server block that started at `from` (the
    // first `}` that brings the brace depth back to zero, counted from the
    // block's first token) so later blocks can still be read.
    fn recover(&mut self, from: isize) {
        let mut depth = 0i64;
        let mut i = from.max(0);
        let len = isize::try_from(self.tokens.len()).unwrap_or(isize::MAX);
        let mut opened = false;
        while i < len {
            let t = self.tok(i).map_or("", |t| t.text.as_str());
            if t == "{" {
                depth += 1;
                opened = true;
            } else if t == "}" {
                depth -= 1;
                if opened && depth <= 0 {
                    break;
                }
            }
            i += 1;
        }
        self.cursor = i.max(self.cursor);
    }

    fn finish_block(&mut self, span: Span) -> ServerBlock {
        let addresses = self.keys.drain(..).map(Address::parse).collect();
        let segments = std::mem::take(&mut self.segments);
        let directives = segments
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| {
                let mut i = 0;
                build_directive(s, &mut i)
            })
            .collect();
        ServerBlock {
            addresses,
            has_braces: self.has_braces,
            directives,
            span,
        }
    }

    fn begin(&mut self) -> PResult {
        if self.tokens.is_empty() {
            return Ok(());
        }
        self.addresses()?;
        if self.eof {
            return Ok(());
        }
        if self.keys.len() == 1 {
            let k = &self.keys[0].text;
            if k.starts_with('(') && k.ends_with(')') && k.len() >= 2 {
                let name = k[1..k.len() - 1].to_string();
                let key = self.keys[0].clone();
                if self.snippets.contains_key(&name) {
                    return Err(self.err(format!(
                        "redeclaration of previously declared snippet {name}"
                    )));
                }
                let tokens = self.snippet_tokens()?;
                self.snippets.insert(name.clone(), tokens.clone());
                self.snippet_defs.push(Snippet { name, key, tokens });
                self.keys.clear();
                return Ok(());
            }
        }
        self.block_contents()
    }

    fn snippet_tokens(&mut self) -> Result<Vec<Token>, ParseError> {
        if self.val() != "{" {
            return Err(self.syntax_err("{"));
        }
        let mut nesting = 1;
        let mut tokens = Vec::new();
        while self.next() {
            let v = self.val().to_string();
            if v == "}" {
                nesting -= 1;
                if nesting == 0 {
                    break;
                }
            }
            if v == "{" {
                nesting += 1;
            }
            if let Some(t) = self.tok(self.cursor) {
                tokens.push(t.clone());
            }
        }
        if nesting != 0 {
            return Err(self.syntax_err("}"));
        }
        Ok(tokens)
    }

    fn syntax_err(&self, expected: &str) -> ParseError {
        self.err(format!(
            "Syntax error: Unexpected token '{}', expecting '{expected}'",
            self.val()
        ))
    }

    fn addresses(&mut self) -> PResult {
        let mut expecting_another = false;
        loop {
            let tkn = self.val().to_string();
            if tkn == "import" && self.is_new_line() {
                self.do_import()?;
                if self.tok(self.cursor).is_none() {
                    self.eof = true;
                    return Ok(());
                }
                continue;
            }
            if tkn == "{" {
                if expecting_another {
                    return Err(self.err(format!(
                        "Expected another address but had '{tkn}' - check for extra comma"
                    )));
                }
                self.has_braces = true;
                break;
            }
            if tkn.ends_with('{') {
                return Err(self.err(format!(
                    "Site addresses cannot end with a curly brace: '{tkn}' - put a space between the token and the brace"
                )));
            }
            if !tkn.is_empty() {
                let mut key = self.tok(self.cursor).cloned().unwrap_or_else(|| Token {
                    text: String::new(),
                    span: 0..0,
                    line: 0,
                    quote: Quote::None,
                    origin: 0,
                    import_site: None,
                });
                if let Some(stripped) = tkn.strip_suffix(',') {
                    key.text = stripped.to_string();
                    expecting_another = true;
                } else {
                    expecting_another = false;
                }
                if key.text.contains(',') {
                    return Err(self.err(format!(
                        "Site addresses cannot contain a comma ',': '{tkn}' - put a space after the comma to separate site addresses"
                    )));
                }
                self.keys.push(key);
            }
            let has_next = self.next();
            if expecting_another && !has_next {
                return Err(self.err("Unexpected EOF"));
            }
            if !has_next {
                self.eof = true;
                break;
            }
            if !expecting_another && self.is_new_line() {
                break;
            }
        }
        Ok(())
    }

    fn block_contents(&mut self) -> PResult {
        let braced = self.val() == "{";
        if braced {
            self.has_braces = true;
        } else {
            self.cursor -= 1;
        }
        self.directives()?;
        if braced && self.val() != "}" {
            return Err(self.syntax_err("}"));
        }
        Ok(())
    }

    fn directives(&mut self) -> PResult {
        while self.next() {
            if self.val() == "}" {
                break;
            }
            if self.val() == "import" {
                self.do_import()?;
                self.cursor -= 1;
                continue;
            }
            self.directive()?;
        }
        Ok(())
    }

    fn directive(&mut self) -> PResult {
        let mut segment = Vec::new();
        if let Some(t) = self.tok(self.cursor) {
            segment.push(t.clone());
        }
        let mut result = Ok(());
        while self.next() {
            let v = self.val().to_string();
            let quoted = self.tok(self.cursor).is_some_and(Token::is_quoted);
            if v == "{" {
                self.nesting += 1;
                if !self.is_next_on_new_line() && !quoted {
                    result = Err(self.err("Unexpected next token after '{' on same line"));
                    break;
                }
            } else if v == "{}" {
                if self.is_next_on_new_line() && !quoted {
                    result = Err(self.err("Unexpected '{}' at end of line"));
                    break;
                }
            } else if self.is_new_line() && self.nesting == 0 {
                self.cursor -= 1;
                break;
            } else if v == "}" && self.nesting > 0 {
                self.nesting -= 1;
            } else if v == "}" && self.nesting == 0 {
                result = Err(self.err("Unexpected '}' because no matching opening brace"));
                break;
            } else if v == "import" && self.is_new_line() {
                if let Err(e) = self.do_import() {
                    result = Err(e);
                    break;
                }
                self.cursor -= 1;
                continue;
            }
            if let Some(t) = self.tok(self.cursor) {
                segment.push(t.clone());
            }
        }
        self.segments.push(segment);
        result?;
        if self.nesting > 0 {
            return Err(self.err("Unexpected EOF"));
        }
        Ok(())
    }

    fn do_import(&mut self) -> PResult {
        let import_idx = self.cursor;
        let import_span = self.cur_span();
        if !self.next_arg() {
            return Err(self.err("Wrong argument count or unexpected line ending after 'import'"));
        }
        let pattern_tok = self.tok(self.cursor).cloned();
        let pattern = self.val().to_string();
        if pattern.is_empty() {
            return Err(self.err("Import requires a non-empty filepath"));
        }
        let args = self.remaining_args();
        self.imports_done += 1;
        if self.imports_done > MAX_IMPORTS {
            return Err(self.err(format!(
                "too many imports (import cycle?) while importing {pattern}"
            )));
        }
        let imported: Vec<Token> = if let Some(snip) = self.snippets.get(&pattern) {
            self.next_origin += 1;
            let origin = self.next_origin;
            let mut out = Vec::with_capacity(snip.len());
            for t in snip {
                for text in substitute_args(&t.text, &args, self.version) {
                    let mut nt = t.clone();
                    nt.text = text;
                    nt.origin = origin;
                    nt.import_site = Some(import_span.clone());
                    out.push(nt);
                }
            }
            out
        } else {
            let span = pattern_tok.map_or(import_span.clone(), |t| t.span);
            let globbing = pattern.contains(['*', '?', '[', ']']);
            if !globbing && !pattern.contains(['/', '.']) {
                return Err(ParseError {
                    message: format!("File to import not found: {pattern}"),
                    span,
                });
            }
            self.file_imports.push(FileImport { pattern, span });
            Vec::new()
        };
        if self.tokens.len() + imported.len() > MAX_TOKENS {
            return Err(self.err("import expands to too many tokens"));
        }
        let start = usize::try_from(import_idx).unwrap_or(0);
        let end = usize::try_from(self.cursor)
            .unwrap_or(0)
            .min(self.tokens.len().saturating_sub(1));
        if start <= end && end < self.tokens.len() {
            self.tokens.splice(start..=end, imported);
        }
        self.cursor = import_idx;
        Ok(())
    }
}

/// Replaces `{args.N}` (and on Caddy ≥ 2.7 `{args[N]}`, `{args[:]}`) in a
/// snippet token. A token that is exactly `{args[:]}` becomes one token
/// per argument.
fn substitute_args(text: &str, args: &[Token], version: CaddyVersion) -> Vec<String> {
    if version.has_bracket_args() && text == "{args[:]}" {
        return args.iter().map(|a| a.text.clone()).collect();
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("{args") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(close) = tail.find('}') else {
            out.push_str(tail);
            rest = "";
            break;
        };
        let inner = &tail[5..close];
        let replacement = if let Some(n) = inner.strip_prefix('.') {
            n.parse::<usize>()
                .ok()
                .and_then(|n| args.get(n))
                .map(|a| a.text.clone())
        } else if version.has_bracket_args() {
            inner
                .strip_prefix('[')
                .and_then(|s| s.strip_suffix(']'))
                .and_then(|idx| {
                    if idx == ":" {
                        Some(
                            args.iter()
                                .map(|a| a.text.as_str())
                                .collect::<Vec<_>>()
                                .join(" "),
                        )
                    } else {
                        idx.parse::<usize>()
                            .ok()
                            .and_then(|n| args.get(n))
                            .map(|a| a.text.clone())
                    }
                })
        } else {
            None
        };
        match replacement {
            Some(r) => out.push_str(&r),
            None => out.push_str(&tail[..=close]),
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    vec![out]
}

/// Caddy's `isNextOnNewLine(t1, t2)` (≥ 2.7 form: tokens from different
/// import expansions are on different lines).
pub fn on_new_line(prev: &Token, cur: &Token) -> bool {
    if prev.origin != cur.origin {
        return true;
    }
    prev.line.saturating_add(prev.line_breaks()) < cur.line
}

/// Builds a directive from a segment starting at `seg[*i]`.
fn build_directive(seg: &[Token], i: &mut usize) -> Directive {
    build_at(seg, i, 0)
}

fn build_at(seg: &[Token], i: &mut usize, depth: usize) -> Directive {
    let name = seg[*i].clone();
    *i += 1;
    let mut args = Vec::new();
    while *i < seg.len() && !on_new_line(&seg[*i - 1], &seg[*i]) && seg[*i].text != "{" {
        args.push(seg[*i].clone());
        *i += 1;
    }
    let mut block = None;
    if *i < seg.len() && seg[*i].text == "{" && !on_new_line(&seg[*i - 1], &seg[*i]) {
        let open = seg[*i].span.clone();
        *i += 1;
        let mut directives = Vec::new();
        let mut close = None;
        while *i < seg.len() {
            if seg[*i].text == "}" {
                close = Some(seg[*i].span.clone());
                *i += 1;
                break;
            }
            if depth > 10_000 {
                *i += 1;
                continue;
            }
            directives.push(build_at(seg, i, depth + 1));
        }
        block = Some(Block {
            open,
            close,
            directives,
        });
    }
    let mut trailing = Vec::new();
    if block.is_some() {
        while *i < seg.len() && !on_new_line(&seg[*i - 1], &seg[*i]) {
            if seg[*i].text == "}" && depth > 0 {
                break;
            }
            trailing.push(seg[*i].clone());
            *i += 1;
        }
    }
    Directive {
        id: 0,
        name,
        args,
        block,
        trailing,
    }
}

fn assign_ids(ds: &mut [Directive], next: &mut usize) {
    for d in ds {
        d.id = *next;
        *next += 1;
        if let Some(b) = &mut d.block {
            assign_ids(&mut b.directives, next);
        }
    }
}

/// Tokenizes and parses `text` into server blocks.
pub fn parse_blocks(text: &str, opts: &ParseOptions) -> Parsed {
    let (mut tokens, lex_errors) = tokenize(text, opts.version);
    if let Some(env) = &opts.env {
        let look = |n: &str| env.get(n).cloned();
        for t in &mut tokens {
            if t.text.contains("{$") {
                t.text = substitute_env(&t.text, &look);
            }
        }
        // Caddy substitutes before lexing, so a variable that expands to
        // nothing removes the token altogether.
        tokens.retain(|t| !(t.text.is_empty() && t.quote == Quote::None));
    }
    let mut p = P {
        tokens,
        cursor: -1,
        nesting: 0,
        eof: false,
        snippets: HashMap::new(),
        snippet_defs: Vec::new(),
        file_imports: Vec::new(),
        next_origin: 0,
        imports_done: 0,
        version: opts.version,
        keys: Vec::new(),
        has_braces: false,
        segments: Vec::new(),
    };
    let mut blocks = Vec::new();
    let mut errors: Vec<ParseError> = lex_errors
        .into_iter()
        .map(|e| ParseError {
            message: e.message,
            span: e.span,
        })
        .collect();
    p.parse_all(&mut blocks, &mut errors);
    let mut next = 0;
    for b in &mut blocks {
        assign_ids(&mut b.directives, &mut next);
    }
    Parsed {
        blocks,
        snippets: p.snippet_defs,
        file_imports: p.file_imports,
        errors,
        directive_count: next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Parsed {
        parse_blocks(s, &ParseOptions::default())
    }

    fn first_err(s: &str) -> String {
        parse(s)
            .errors
            .first()
            .map(|e| e.message.clone())
            .unwrap_or_default()
    }

    #[test]
    fn sites_and_nesting() {
        let p = parse(
            "{\n\tadmin off\n}\na.test, b.test {\n\troute /x {\n\t\trespond hi 200\n\t}\n\ttls off\n}\n",
        );
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.blocks.len(), 2);
        assert!(p.blocks[0].addresses.is_empty());
        let site = &p.blocks[1];
        assert_eq!(site.addresses.len(), 2);
        assert_eq!(site.addresses[0].host, "a.test");
        let route = &site.directives[0];
        assert_eq!(route.name(), "route");
        assert_eq!(route.arg_texts(), ["/x"]);
        assert_eq!(route.children()[0].arg_texts(), ["hi", "200"]);
        assert_eq!(site.directives[1].name(), "tls");
        assert!(route.id < site.directives[1].id);
    }

    #[test]
    fn brace_errors_match_caddy() {
        assert_eq!(
            first_err(":80 {\nroute { respond x }\n}"),
            "Unexpected next token after '{' on same line"
        );
        assert_eq!(
            first_err(":80 {\nroute /a {}\n}"),
            "Unexpected '{}' at end of line"
        );
        assert_eq!(
            first_err(":80 {\nrespond x }\n}"),
            "Unexpected '}' because no matching opening brace"
        );
        assert_eq!(
            first_err("a.test{\nrespond x\n}"),
            "Site addresses cannot end with a curly brace: 'a.test{' - put a space between the token and the brace"
        );
        assert!(
            first_err("a.test,b.test {\n}").starts_with("Site addresses cannot contain a comma")
        );
        assert!(first_err(":80 {\nroute {\nrespond x\n").contains("Unexpected EOF"));
        assert!(
            first_err(":80 {\nrespond x\n")
                .starts_with("Syntax error: Unexpected token 'x', expecting '}'")
        );
    }

    #[test]
    fn multi_line_addresses() {
        let p = parse("a.test,\nb.test {\nrespond x\n}");
        assert!(p.errors.is_empty());
        assert_eq!(p.blocks[0].addresses.len(), 2);
        let p = parse("http://a.test:8080/p* {\n}");
        let a = &p.blocks[0].addresses[0];
        assert_eq!(
            (
                a.scheme.as_str(),
                a.host.as_str(),
                a.port.as_str(),
                a.path.as_str()
            ),
            ("http", "a.test", "8080", "/p*")
        );
    }

    #[test]
    fn snippets_and_imports() {
        let p = parse("(s) {\n\trespond {args.0} {args.1}\n}\na.test {\n\timport s hi 201\n}");
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.blocks.len(), 1);
        let d = &p.blocks[0].directives[0];
        assert_eq!(d.name(), "respond");
        assert_eq!(d.arg_texts(), ["hi", "201"]);
        assert!(d.name.import_site.is_some());
        // Used before defined: Caddy looks for a file.
        assert_eq!(
            first_err("import s\n(s) {\nrespond x\n}\na.test {\nimport s\n}"),
            "File to import not found: s"
        );
        assert_eq!(
            first_err("a.test {\nimport nope\n}"),
            "File to import not found: nope"
        );
        // A glob that matches nothing is only a warning in Caddy.
        assert!(
            parse("a.test {\nimport nope*\nrespond x\n}")
                .errors
                .is_empty()
        );
        let p = parse("(s) {\nimport s\n}\na.test {\nimport s\n}");
        assert!(p.errors[0].message.contains("too many imports"));
        assert!(
            first_err("(s) {\n}\n(s) {\n}").starts_with("redeclaration of previously declared")
        );
    }

    #[test]
    fn snippet_in_nested_block_and_on_top_level() {
        let p = parse(
            "(r) {\n\trespond x\n}\n(site) {\n\tb.test {\n\t\trespond y\n\t}\n}\na.test {\n\troute {\n\t\timport r\n\t}\n}\nimport site\n",
        );
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.blocks.len(), 2);
        assert_eq!(p.blocks[0].directives[0].children()[0].name(), "respond");
        assert_eq!(p.blocks[1].addresses[0].host, "b.test");
    }

    #[test]
    fn tokens_after_closing_brace_are_kept() {
        let p = parse(":80 {\nroute /a {\nrespond x\n} respond y\n}");
        assert!(p.errors.is_empty());
        let d = &p.blocks[0].directives[0];
        assert_eq!(d.trailing.len(), 2);
    }

    #[test]
    fn recovery_keeps_later_blocks() {
        let p = parse("a.test {\nroute { respond x }\n}\nb.test {\nrespond y\n}\n");
        assert_eq!(p.errors.len(), 1);
        assert!(
            p.blocks
                .iter()
                .any(|b| b.addresses.first().is_some_and(|a| a.host == "b.test"))
        );
    }

    #[test]
    fn env_substitution_when_known() {
        let mut env = std::collections::BTreeMap::new();
        env.insert("K".to_string(), "secret".to_string());
        let opts = ParseOptions {
            env: Some(env),
            ..ParseOptions::default()
        };
        let p = parse_blocks(
            "a.test {\n@k header X-Api-Key {$K}\n@e header X {$EMPTY}\n}",
            &opts,
        );
        assert_eq!(
            p.blocks[0].directives[0].arg_texts(),
            ["header", "X-Api-Key", "secret"]
        );
        assert_eq!(p.blocks[0].directives[1].arg_texts(), ["header", "X"]);
    }

    #[test]
    fn spans_point_into_text() {
        let s = "a.test {\n\treverse_proxy 127.0.0.1:80\n}";
        let p = parse(s);
        let d = &p.blocks[0].directives[0];
        assert_eq!(&s[d.span()], "reverse_proxy 127.0.0.1:80");
        assert_eq!(&s[p.blocks[0].span.clone()], s);
    }
}
