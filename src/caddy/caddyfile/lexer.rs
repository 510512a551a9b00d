//! Caddyfile tokenizer, following Caddy's `caddyfile/lexer.go`.
//!
//! Verified against Debian's Caddy 2.6.2 (`caddy adapt` on `respond`
//! bodies): a `\` outside quotes marks the next character as escaped and is
//! kept unless that character is a newline (line continuation); inside
//! `"…"` only `\"` loses its backslash (`\\`, `\n` and `\<newline>` keep
//! it); backquoted text is fully literal; a quote only opens at the start
//! of a token and a closing quote ends the token at once (`"a"b` is two
//! tokens, `a"b"` one); `#` starts a comment only at the start of a token.
//! A `\` before whitespace other than a newline is carried over to the next
//! token, exactly as Caddy's `escaped` flag is.
//!
//! Heredocs (`<<END … END`) exist from Caddy 2.7 on, so they are only
//! recognised for [`CaddyVersion::V2_11_4`]; 2.6.2 reads `<<END` as text.

use super::{CaddyVersion, Span};

/// How a token was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    /// A bare word.
    None,
    /// `"…"`.
    Double,
    /// `` `…` ``.
    Backtick,
    /// `<<MARKER … MARKER` (Caddy ≥ 2.7).
    Heredoc,
}

/// One Caddyfile token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The value after quote and escape processing (env references are
    /// still in the text; see [`Token::env_refs`]).
    pub text: String,
    /// Bytes of the token in the input, quotes included. For a token that
    /// came through `import`, the bytes of the token inside the snippet.
    pub span: Span,
    /// Caddy's line number (1-based) of the token's start; continued lines
    /// (`\` at end of line) keep the number of the line they continue.
    pub line: u32,
    /// Quoting style.
    pub quote: Quote,
    /// 0 for tokens read from the file; every `import` expansion gives its
    /// tokens a fresh number so that Caddy ≥ 2.7's rule "tokens from
    /// different imports are on different lines" can be applied.
    pub origin: u32,
    /// For imported tokens: the span of the `import` directive's name.
    pub import_site: Option<Span>,
}

/// A reference to an environment variable inside a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvRef {
    /// Variable name.
    pub name: String,
    /// The `:default` part, if any.
    pub default: Option<String>,
    /// Byte range of `{$…}` inside [`Token::text`].
    pub range: std::ops::Range<usize>,
}

impl Token {
    /// Whether the token was quoted in any way.
    pub fn is_quoted(&self) -> bool {
        self.quote != Quote::None
    }

    /// Number of newlines inside the token (Caddy's `NumLineBreaks`).
    pub fn line_breaks(&self) -> u32 {
        u32::try_from(self.text.matches('\n').count()).unwrap_or(u32::MAX)
    }

    /// The `{$NAME}` / `{$NAME:default}` references in the token, which
    /// Caddy substitutes before parsing.
    pub fn env_refs(&self) -> Vec<EnvRef> {
        env_refs(&self.text)
    }

    /// The token is one runtime placeholder such as `{path}` or
    /// `{http.request.host}` (not `{$ENV}`, not a brace).
    pub fn is_placeholder(&self) -> bool {
        is_placeholder_text(&self.text)
    }

    /// The text as Caddy's `ValRaw` gives it: the quote characters put back
    /// around a quoted token, nothing escaped.
    pub fn raw_text(&self) -> String {
        match self.quote {
            Quote::Double => format!("\"{}\"", self.text),
            Quote::Backtick => format!("`{}`", self.text),
            Quote::None | Quote::Heredoc => self.text.clone(),
        }
    }
}

/// A tokenizer failure; only heredocs can fail (Caddy ≥ 2.7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    /// What Caddy would say.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// `{x}` with x a non-empty run without braces or whitespace.
pub fn is_placeholder_text(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) else {
        return false;
    };
    !inner.is_empty()
        && !inner.starts_with('$')
        && !inner.contains(['{', '}'])
        && !inner.chars().any(char::is_whitespace)
}

/// Finds `{$NAME}` / `{$NAME:default}` like Caddy's `replaceEnvVars`: the
/// name runs to the first `}`; an empty name is not a reference.
pub fn env_refs(s: &str) -> Vec<EnvRef> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = s.get(from..).and_then(|r| r.find("{$")) {
        let start = from + rel;
        let Some(close_rel) = s.get(start + 2..).and_then(|r| r.find('}')) else {
            break;
        };
        let end = start + 2 + close_rel;
        let body = s.get(start + 2..end).unwrap_or("");
        if body.is_empty() {
            from = start + 2;
            continue;
        }
        let (name, default) = match body.split_once(':') {
            Some((n, d)) => (n.to_string(), Some(d.to_string())),
            None => (body.to_string(), None),
        };
        out.push(EnvRef {
            name,
            default,
            range: start..end + 1,
        });
        from = end + 1;
    }
    out
}

/// Substitutes env references using `lookup` (unset variables use the
/// default, else become empty, as in Caddy).
pub fn substitute_env(s: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let refs = env_refs(s);
    if refs.is_empty() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for r in refs {
        out.push_str(s.get(last..r.range.start).unwrap_or(""));
        let v = lookup(&r.name)
            .filter(|v| !v.is_empty())
            .or(r.default.clone())
            .unwrap_or_default();
        out.push_str(&v);
        last = r.range.end;
    }
    out.push_str(s.get(last..).unwrap_or(""));
    out
}

/// Go's `unicode.IsSpace`.
fn is_space(ch: char) -> bool {
    matches!(
        ch,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    ) || (ch as u32 > 0xff && ch.is_whitespace())
}

struct State {
    val: String,
    start: Option<usize>,
    quoted: bool,
    bt_quoted: bool,
    escaped: bool,
    comment: bool,
    line: u32,
    skipped: u32,
    token_line: u32,
}

/// Splits `input` into tokens.
pub fn tokenize(input: &str, version: CaddyVersion) -> (Vec<Token>, Vec<LexError>) {
    let mut errors = Vec::new();
    let mut st = State {
        val: String::new(),
        start: None,
        quoted: false,
        bt_quoted: false,
        escaped: false,
        comment: false,
        line: 1,
        skipped: 0,
        token_line: 1,
    };
    // About one token per eight bytes of a generated Caddyfile: growing by
    // doubling instead copied megabytes per parse.
    let mut tokens = Vec::with_capacity(input.len() / 8);
    let heredocs = version.has_heredocs();
    let mut next_pos = 0;
    while let Some(ch) = input.get(next_pos..).and_then(|rest| rest.chars().next()) {
        let pos = next_pos;
        next_pos = pos + ch.len_utf8();

        if heredocs
            && !st.quoted
            && !st.bt_quoted
            && st.val.starts_with("<<")
            && let Some(consumed) = lex_heredoc(input, pos, ch, &mut st, &mut tokens, &mut errors)
        {
            next_pos = consumed;
            continue;
        }

        if !st.escaped && !st.bt_quoted && ch == '\\' {
            st.escaped = true;
            if st.start.is_none() && !st.comment {
                st.start = Some(pos);
            }
            continue;
        }

        if st.quoted || st.bt_quoted {
            if st.quoted && st.escaped {
                if ch != '"' {
                    st.val.push('\\');
                }
                st.escaped = false;
            } else if (st.quoted && ch == '"') || (st.bt_quoted && ch == '`') {
                let quote = if st.quoted {
                    Quote::Double
                } else {
                    Quote::Backtick
                };
                emit(&mut st, &mut tokens, next_pos, quote);
                continue;
            }
            if ch == '\n' {
                st.line += 1 + st.skipped;
                st.skipped = 0;
            }
            st.val.push(ch);
            continue;
        }

        if is_space(ch) {
            if ch == '\r' {
                continue;
            }
            if ch == '\n' {
                if st.escaped {
                    st.skipped += 1;
                    st.escaped = false;
                } else {
                    st.line += 1 + st.skipped;
                    st.skipped = 0;
                }
                st.comment = false;
            }
            if !st.val.is_empty() {
                emit(&mut st, &mut tokens, pos, Quote::None);
            } else if !st.escaped {
                st.start = None;
            }
            continue;
        }

        if ch == '#' && st.val.is_empty() {
            st.comment = true;
        }
        if st.comment {
            continue;
        }

        if st.val.is_empty() {
            st.token_line = st.line;
            if st.start.is_none() || !st.escaped {
                st.start = Some(pos);
            }
            if ch == '"' {
                st.quoted = true;
                continue;
            }
            if ch == '`' {
                st.bt_quoted = true;
                continue;
            }
        }

        if st.escaped {
            st.val.push('\\');
            st.escaped = false;
        }
        st.val.push(ch);
    }
    // Caddy returns what it has at EOF, even an unterminated quoted token
    // (as an unquoted one); an empty unterminated quote yields nothing.
    if !st.val.is_empty() {
        emit(&mut st, &mut tokens, input.len(), Quote::None);
    }
    (tokens, errors)
}

fn emit(st: &mut State, tokens: &mut Vec<Token>, end: usize, quote: Quote) {
    let start = st.start.unwrap_or(end).min(end);
    tokens.push(Token {
        // A copy of exactly the token's size; the buffer keeps its capacity
        // for the next token instead of growing from empty again.
        text: st.val.clone(),
        span: start..end,
        line: st.token_line,
        quote,
        origin: 0,
        import_site: None,
    });
    st.val.clear();
    st.start = None;
    st.quoted = false;
    st.bt_quoted = false;
}

/// Handles the character `ch` at byte `pos` while `st.val` starts with
/// `<<`. Returns the byte position of the next character to read when it
/// consumed input, `None` to let the normal path handle the character.
fn lex_heredoc(
    input: &str,
    pos: usize,
    ch: char,
    st: &mut State,
    tokens: &mut Vec<Token>,
    errors: &mut Vec<LexError>,
) -> Option<usize> {
    let after = pos + ch.len_utf8();
    if ch == ' ' {
        emit(st, tokens, pos, Quote::None);
        return Some(after);
    }
    if ch == '\r' {
        return Some(after);
    }
    if ch != '\n' {
        if is_space(ch) {
            return None;
        }
        st.val.push(ch);
        return Some(after);
    }
    let start = st.start.unwrap_or(pos);
    let marker = st.val.get(2..).unwrap_or("").to_string();
    let bad = |msg: String, errors: &mut Vec<LexError>| {
        errors.push(LexError {
            message: msg,
            span: start..pos,
        });
    };
    if marker.is_empty() {
        bad(
            format!(
                "missing opening heredoc marker on line #{}; must contain only alpha-numeric characters, dashes and underscores; got empty string",
                st.line
            ),
            errors,
        );
        st.val.clear();
        return Some(after);
    }
    if marker.starts_with('<') {
        bad(
            format!(
                "too many '<' for heredoc on line #{}; only use two, for example <<END",
                st.line
            ),
            errors,
        );
        st.val.clear();
        return Some(after);
    }
    if !marker
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        bad(
            format!(
                "heredoc marker on line #{} must contain only alpha-numeric characters, dashes and underscores; got '{marker}'",
                st.line
            ),
            errors,
        );
        st.val.clear();
        return Some(after);
    }
    // Body: lines until one that is only whitespace + marker.
    let body_start = pos + 1;
    let rest = input.get(body_start..).unwrap_or("");
    let mut offset = 0;
    let mut lines = Vec::new();
    let mut found = None;
    for l in rest.split_inclusive('\n') {
        let content = l.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.starts_with(marker.as_str()) {
            // The token ends right after the marker; the rest of the line
            // is lexed as usual (`EOF 200`).
            let indent = &content[..content.len() - trimmed.len()];
            found = Some((
                indent.to_string(),
                body_start + offset + indent.len() + marker.len(),
            ));
            break;
        }
        lines.push((body_start + offset, content.to_string()));
        offset += l.len();
    }
    let Some((indent, end)) = found else {
        bad(
            format!("heredoc marker '{marker}' not closed before end of input"),
            errors,
        );
        st.val.clear();
        return Some(input.len());
    };
    let mut text = String::new();
    for (i, (_, l)) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        match l.strip_prefix(indent.as_str()) {
            Some(s) => text.push_str(s),
            None if l.trim().is_empty() => {}
            None => {
                bad(
                    format!(
                        "mismatched leading whitespace in heredoc <<{marker} on line #{} [{l}], expected whitespace [{indent}] to match the closing marker",
                        st.line + 1 + u32::try_from(i).unwrap_or(0)
                    ),
                    errors,
                );
                text.push_str(l);
            }
        }
    }
    let n_lines = u32::try_from(lines.len()).unwrap_or(0) + 1;
    tokens.push(Token {
        text,
        span: start..end,
        line: st.token_line,
        quote: Quote::Heredoc,
        origin: 0,
        import_site: None,
    });
    st.val.clear();
    st.start = None;
    st.line += n_lines;
    // The marker is ASCII: `end` is the boundary of the next character.
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(s: &str) -> Vec<(String, u32)> {
        tokenize(s, CaddyVersion::V2_6_2)
            .0
            .into_iter()
            .map(|t| (t.text, t.line))
            .collect()
    }

    fn texts(s: &str) -> Vec<String> {
        lex(s).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn basic_words_and_lines() {
        assert_eq!(
            lex("a b\n  c"),
            vec![("a".into(), 1), ("b".into(), 1), ("c".into(), 2)]
        );
    }

    #[test]
    fn quotes_match_caddy_2_6_2() {
        // Each expectation was observed with `caddy adapt` on a respond body.
        assert_eq!(texts(r"respond a\b"), ["respond", r"a\b"]);
        assert_eq!(texts(r#"respond "a\b\\""#), ["respond", r"a\b\\"]);
        assert_eq!(texts("respond `a\"b\\`"), ["respond", "a\"b\\"]);
        assert_eq!(texts("respond a#b"), ["respond", "a#b"]);
        assert_eq!(texts(r#"respond "a"b"#), ["respond", "a", "b"]);
        assert_eq!(texts(r#"respond a"b""#), ["respond", "a\"b\""]);
        assert_eq!(texts(r#"respond a\"b"#), ["respond", "a\\\"b"]);
        assert_eq!(texts(r#"respond "a\"b""#), ["respond", "a\"b"]);
        assert_eq!(texts("respond \"a\\\nb\""), ["respond", "a\\\nb"]);
        assert_eq!(texts("respond \"\""), ["respond", ""]);
    }

    #[test]
    fn continuation_and_comments() {
        assert_eq!(
            lex("respond a \\\n 201\nx"),
            vec![
                ("respond".into(), 1),
                ("a".into(), 1),
                ("201".into(), 1),
                ("x".into(), 3)
            ]
        );
        assert_eq!(texts("a # c d\nb"), ["a", "b"]);
        // `\#` starts a comment and the pending escape swallows the newline.
        assert_eq!(
            lex("respond \\#a 201\n}"),
            vec![("respond".into(), 1), ("}".into(), 1)]
        );
        // A quote after an escape at token start opens a quoted token.
        assert_eq!(texts("respond \\\"a\n}\n"), ["respond", "\\a\n}\n"]);
    }

    #[test]
    fn spans_cover_quotes() {
        let (t, _) = tokenize("x \"a b\" `c`", CaddyVersion::V2_6_2);
        assert_eq!(t[1].span, 2..7);
        assert_eq!(t[1].quote, Quote::Double);
        assert_eq!(t[2].span, 8..11);
        assert_eq!(t[2].raw_text(), "`c`");
    }

    #[test]
    fn multiline_quoted_counts_lines() {
        let (t, _) = tokenize("\"a\nb\" c\nd", CaddyVersion::V2_6_2);
        assert_eq!(t[0].line, 1);
        assert_eq!(t[0].line_breaks(), 1);
        assert_eq!(t[1].line, 2);
        assert_eq!(t[2].line, 3);
    }

    #[test]
    fn env_refs_and_placeholders() {
        let r = env_refs("a{$X}b{$Y:def}{$}");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].name, "X");
        assert_eq!(r[1].default.as_deref(), Some("def"));
        let look = |n: &str| (n == "X").then(|| "1".to_string());
        assert_eq!(substitute_env("a{$X}b{$Y:def}", &look), "a1bdef");
        assert!(is_placeholder_text("{path}"));
        assert!(!is_placeholder_text("{$X}"));
        assert!(!is_placeholder_text("{"));
        assert!(!is_placeholder_text("{a b}"));
    }

    #[test]
    fn heredoc_only_in_new_versions() {
        let s = "respond <<EOF\n    hi\n    there\n    EOF 200\n";
        let (t, e) = tokenize(s, CaddyVersion::V2_11_4);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(t[1].text, "hi\nthere");
        assert_eq!(t[1].quote, Quote::Heredoc);
        assert_eq!(t[2].text, "200");
        let (t, _) = tokenize(s, CaddyVersion::V2_6_2);
        assert_eq!(t[1].text, "<<EOF");
        let (_, e) = tokenize("respond <<\nx\n", CaddyVersion::V2_11_4);
        assert!(!e.is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "\\",
            "\"",
            "`",
            "\"\\",
            "<<",
            "<<A",
            "<<A\n",
            "é\\é",
            "\r\n\\\r\n",
            "#",
        ] {
            let _ = tokenize(s, CaddyVersion::V2_11_4);
            let _ = tokenize(s, CaddyVersion::V2_6_2);
        }
    }
}
