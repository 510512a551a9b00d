//! Decoding of string literals exactly as Nix's lexer and parser do it:
//! escapes in `"..."` strings, and the escape tokens plus indentation
//! stripping of `''...''` strings.

/// A piece of an indented string before indentation stripping.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    /// A token that is not subject to indentation stripping: the escape
    /// tokens and a lone dollar or quote. Like an interpolation, it ends
    /// the leading whitespace of its line.
    Escaped(String),
    /// The index of an interpolation, in source order.
    Interp(usize),
}

/// Unescapes the raw text of one literal part of a `"..."` string.
pub fn unescape_plain(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            },
            // Nix normalises CR and CR LF inside strings to LF.
            '\r' => {
                out.push('\n');
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn unescape_char(c: char) -> char {
    match c {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        other => other,
    }
}

/// Splits the raw text of one literal part of an indented string into the
/// tokens Nix's lexer produces for it.
pub fn lex_indented(raw: &str, out: &mut Vec<Piece>) {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &raw[i..];
        if rest.starts_with("''$") {
            out.push(Piece::Escaped("$".into()));
            i += 3;
            continue;
        }
        if rest.starts_with("'''") {
            out.push(Piece::Escaped("''".into()));
            i += 3;
            continue;
        }
        if let Some(after) = rest.strip_prefix("''\\") {
            if let Some(c) = after.chars().next() {
                out.push(Piece::Escaped(unescape_char(c).to_string()));
                i += 3 + c.len_utf8();
            } else {
                i += 3;
            }
            continue;
        }
        // The plain-text rule: `([^$']|\$[^{']|'[^'$])+`, longest match.
        let start = i;
        let mut j = i;
        while let Some(&b) = bytes.get(j) {
            match b {
                b'$' => match bytes.get(j + 1) {
                    Some(&n) if n != b'{' && n != b'\'' => j += 1 + utf8_len(n),
                    _ => break,
                },
                b'\'' => match bytes.get(j + 1) {
                    Some(&n) if n != b'\'' && n != b'$' => j += 1 + utf8_len(n),
                    _ => break,
                },
                _ => j += utf8_len(b),
            }
        }
        if j > start {
            let j = j.min(bytes.len());
            out.push(Piece::Text(raw[start..j].to_string()));
            i = j;
            continue;
        }
        // A lone `$` or `'` that no longer rule matched.
        let c = rest.chars().next().unwrap_or('$');
        out.push(Piece::Escaped(c.to_string()));
        i += c.len_utf8();
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Nix's indentation stripping over the lexer tokens of an indented string.
/// Interpolations end the leading whitespace of a line; whitespace-only
/// lines do not count towards the minimum indentation; the last line is
/// dropped when it holds only spaces.
pub fn strip_indentation(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut at_start = true;
    let mut min_indent = usize::MAX;
    let mut cur = 0usize;
    for p in &pieces {
        match p {
            Piece::Interp(_) | Piece::Escaped(_) => {
                if at_start {
                    at_start = false;
                    min_indent = min_indent.min(cur);
                }
            }
            Piece::Text(t) => {
                for c in t.chars() {
                    if at_start {
                        if c == ' ' {
                            cur += 1;
                        } else if c == '\n' {
                            cur = 0;
                        } else {
                            at_start = false;
                            min_indent = min_indent.min(cur);
                        }
                    } else if c == '\n' {
                        at_start = true;
                        cur = 0;
                    }
                }
            }
        }
    }

    let mut out = Vec::with_capacity(pieces.len());
    let mut at_start = true;
    let mut dropped = 0usize;
    let count = pieces.len();
    for (idx, p) in pieces.into_iter().enumerate() {
        match p {
            Piece::Interp(i) => {
                at_start = false;
                dropped = 0;
                out.push(Piece::Interp(i));
            }
            Piece::Escaped(t) => {
                at_start = false;
                dropped = 0;
                out.push(Piece::Text(t));
            }
            Piece::Text(t) => {
                let mut s = String::with_capacity(t.len());
                for c in t.chars() {
                    if at_start {
                        if c == ' ' {
                            if dropped >= min_indent {
                                s.push(c);
                            }
                            dropped += 1;
                        } else if c == '\n' {
                            dropped = 0;
                            s.push(c);
                        } else {
                            at_start = false;
                            dropped = 0;
                            s.push(c);
                        }
                    } else {
                        s.push(c);
                        if c == '\n' {
                            at_start = true;
                        }
                    }
                }
                if idx + 1 == count
                    && let Some(p) = s.rfind('\n')
                    && s[p + 1..].bytes().all(|b| b == b' ')
                {
                    s.truncate(p + 1);
                }
                out.push(Piece::Text(s));
            }
        }
    }
    out
}

/// Removes what Nix's opening `''` token swallows: spaces up to and
/// including the first newline, when nothing else precedes it.
pub fn strip_opening_line(raw: &str) -> &str {
    let trimmed = raw.trim_start_matches(' ');
    trimmed.strip_prefix('\n').unwrap_or(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indented(raw: &str) -> String {
        let mut pieces = Vec::new();
        lex_indented(strip_opening_line(raw), &mut pieces);
        strip_indentation(pieces)
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Escaped(t) => t,
                Piece::Interp(_) => "<>".into(),
            })
            .collect()
    }

    #[test]
    fn plain_escapes() {
        assert_eq!(unescape_plain(r#"a\tb\n\"\$\\x"#), "a\tb\n\"$\\x");
        assert_eq!(unescape_plain("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn indented_strings_follow_nix() {
        assert_eq!(indented("\n  a\n  b\n"), "a\nb\n");
        assert_eq!(indented("first\n  second\n"), "first\n  second\n");
        assert_eq!(
            indented("\n  literal: ''${not}\n  single: $x\n"),
            "literal: ${not}\nsingle: $x\n"
        );
        assert_eq!(indented("\n  two quotes: '''\n"), "two quotes: ''\n");
        assert_eq!(indented("\n  a\n  \n  b\n"), "a\n\nb\n");
        assert_eq!(indented("\n  a\n  b"), "a\nb");
        assert_eq!(indented("\n  a\'\'\\nb\n"), "a\nb\n");
    }
}
