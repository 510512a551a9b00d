//! String builtins.

use std::cmp::Ordering;

use crate::files::Span;

use super::super::Evaluator;
use super::super::error::{EResult, ErrorKind, EvalError};
use super::super::nix_regex::SplitPiece;
use super::super::ops::CoerceMode;
use super::super::value::{Thunk, V, Value};
use super::known;
use crate::eval::provenance::StrBuilder;

fn coerced<'a>(
    ev: &mut Evaluator<'a>,
    t: Thunk<'a>,
    mode: CoerceMode,
    span: Span,
) -> EResult<Result<String, Value<'a>>> {
    let v = ev.force(t)?;
    match ev.coerce_to_string(v, mode, span)? {
        Some(s) => Ok(Ok(s)),
        None => Ok(Err(v)),
    }
}

pub fn to_string<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    let s = known!(coerced(ev, args[0], CoerceMode::ToString, span)?);
    let mut b = StrBuilder::new();
    b.push_coerced(ev, v, &s);
    Ok(b.finish(ev, span))
}

pub fn base_name_of<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let s = known!(coerced(ev, args[0], CoerceMode::PathPart, span)?);
    Ok(ev.string(base_name(&s), span))
}

fn base_name(path: &str) -> &str {
    if path.is_empty() {
        return "";
    }
    let mut last = path.len() - 1;
    if path.as_bytes()[last] == b'/' && last > 0 {
        last -= 1;
    }
    let start = path[..=last].rfind('/').map_or(0, |p| p + 1);
    &path[start..=last]
}

pub fn dir_of<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    let is_path = matches!(v.kind, V::Path(_));
    let Some(s) = ev.coerce_to_string(v, CoerceMode::PathPart, span)? else {
        return Ok(v);
    };
    let dir = match s.rfind('/') {
        None => ".".to_string(),
        Some(0) => "/".to_string(),
        Some(p) => s[..p].to_string(),
    };
    if is_path {
        let norm = crate::syntax::normalize_path(&dir);
        Ok(Value::new(V::Path(ev.heap.str(&norm)), span))
    } else {
        Ok(ev.string(&dir, span))
    }
}

pub fn concat_strings_sep<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let sep = known!(ev.want_string(args[0], span)?);
    let list = known!(ev.want_list(args[1], span)?);
    let sep_value = ev.force(args[0])?;
    let mut out = StrBuilder::new();
    for (i, t) in list.iter().enumerate() {
        if i > 0 {
            out.push_value(ev, sep_value, sep);
        }
        let v = ev.force(t)?;
        let s = known!(coerced(ev, t, CoerceMode::Interpolation, span)?);
        out.push_coerced(ev, v, &s);
    }
    Ok(out.finish(ev, span))
}

pub fn string_length<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let s = known!(coerced(ev, args[0], CoerceMode::Interpolation, span)?);
    Ok(Value::int(i64::try_from(s.len()).unwrap_or(i64::MAX), span))
}

pub fn substring<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let start = known!(ev.want_int(args[0], span)?);
    let len = known!(ev.want_int(args[1], span)?);
    let v = ev.force(args[2])?;
    let s = known!(coerced(ev, args[2], CoerceMode::Interpolation, span)?);
    if start < 0 {
        return Err(EvalError::new(
            ErrorKind::Other,
            "negative start position in 'substring'",
            span,
        ));
    }
    let bytes = s.as_bytes();
    let start = usize::try_from(start).unwrap_or(usize::MAX);
    if start >= bytes.len() {
        return Ok(ev.string("", span));
    }
    let end = if len < 0 {
        bytes.len()
    } else {
        start
            .saturating_add(usize::try_from(len).unwrap_or(usize::MAX))
            .min(bytes.len())
    };
    if s.is_char_boundary(start) && s.is_char_boundary(end) {
        let mut b = StrBuilder::new();
        b.push_coerced_slice(ev, v, &s, start..end);
        return Ok(b.finish(ev, span));
    }
    let piece = String::from_utf8_lossy(&bytes[start..end]).into_owned();
    Ok(ev.string(&piece, span))
}

pub fn replace_strings<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let from_list = known!(ev.want_list(args[0], span)?);
    let to_list = known!(ev.want_list(args[1], span)?);
    let s_value = ev.force(args[2])?;
    let s = known!(ev.want_string(args[2], span)?);
    if from_list.len() != to_list.len() {
        return Err(EvalError::new(
            ErrorKind::Other,
            "'from' and 'to' arguments to 'replaceStrings' have different lengths",
            span,
        ));
    }
    let mut from = Vec::with_capacity(from_list.len());
    for t in from_list {
        from.push(known!(ev.want_string(t, span)?));
    }
    let mut to: Vec<Option<String>> = Vec::with_capacity(to_list.len());
    for t in to_list {
        to.push(Some(known!(ev.want_string(t, span)?).to_string()));
    }
    // A replacement takes the place of the text it replaces: it keeps the
    // provenance of that text (escaping a value still points at the value).
    let mut out = StrBuilder::new();
    let mut p = 0;
    loop {
        let rest = &s[p..];
        let mut matched = false;
        for (i, pat) in from.iter().enumerate() {
            if rest.starts_with(pat) {
                let replacement = to[i].as_deref().unwrap_or("");
                let origin = ev.origin_at(s_value, s, p, pat.len().max(1));
                out.push_text(replacement, origin.0, origin.1);
                if pat.is_empty() {
                    if let Some(c) = rest.chars().next() {
                        out.push_slice(ev, s_value, s, p..p + c.len_utf8());
                        p += c.len_utf8();
                    } else {
                        p += 1;
                    }
                } else {
                    p += pat.len();
                }
                matched = true;
                break;
            }
        }
        if !matched {
            if let Some(c) = rest.chars().next() {
                out.push_slice(ev, s_value, s, p..p + c.len_utf8());
                p += c.len_utf8();
            } else {
                p += 1;
            }
        }
        if p > s.len() {
            break;
        }
    }
    Ok(out.finish(ev, span))
}

pub fn regex_match<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let re = known!(ev.want_string(args[0], span)?);
    let s = known!(ev.want_string(args[1], span)?);
    let regex = ev
        .regex(re)
        .map_err(|msg| EvalError::new(ErrorKind::InvalidRegex, msg, span))?;
    // Past the regex engine's work bound the answer is unknown, not "no
    // match" (Nix itself would run out of stack).
    let found = match regex.try_full_match(s) {
        Ok(found) => found,
        Err(why) => return Ok(ev.unknown(&why, span)),
    };
    match found {
        None => Ok(Value::null(span)),
        Some(groups) => {
            let items = groups
                .into_iter()
                .map(|g| match g {
                    Some(g) => ev.string(&g, span),
                    None => Value::null(span),
                })
                .collect();
            Ok(ev.list_from(items, span))
        }
    }
}

pub fn regex_split<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let re = known!(ev.want_string(args[0], span)?);
    let s = known!(ev.want_string(args[1], span)?);
    if let Some(lit) = literal_pattern(re) {
        // `lib.splitString` escapes its separator into such a pattern:
        // split by the text itself, as the regex would.
        let s_value = ev.force(args[1])?;
        let mut items = Vec::new();
        let mut start = 0;
        for (at, _) in s.match_indices(lit.as_str()) {
            items.push(ev.string_slice(s_value, s, start..at, span));
            items.push(ev.list_from(Vec::new(), span));
            start = at + lit.len();
        }
        items.push(ev.string_slice(s_value, s, start..s.len(), span));
        return Ok(ev.list_from(items, span));
    }
    let regex = ev
        .regex(re)
        .map_err(|msg| EvalError::new(ErrorKind::InvalidRegex, msg, span))?;
    let s_value = ev.force(args[1])?;
    // Text pieces are consecutive parts of `s`, in order: locate each one
    // after the previous to keep its provenance.
    let mut cursor = 0;
    let pieces = match regex.try_split(s) {
        Ok(pieces) => pieces,
        Err(why) => return Ok(ev.unknown(&why, span)),
    };
    let items = pieces
        .into_iter()
        .map(|piece| match piece {
            SplitPiece::Text(t) => match s.get(cursor..).and_then(|r| r.find(t.as_str())) {
                Some(at) => {
                    let start = cursor + at;
                    cursor = start + t.len();
                    ev.string_slice(s_value, s, start..cursor, span)
                }
                None => ev.string(&t, span),
            },
            SplitPiece::Groups(groups) => {
                let gs = groups
                    .into_iter()
                    .map(|g| match g {
                        Some(g) => ev.string(&g, span),
                        None => Value::null(span),
                    })
                    .collect();
                ev.list_from(gs, span)
            }
        })
        .collect();
    Ok(ev.list_from(items, span))
}

/// The text a POSIX extended regex matches when it is a plain string:
/// ordinary characters, and metacharacters escaped with a backslash.
/// `None` for anything else (and for the empty pattern, which matches
/// between characters).
fn literal_pattern(re: &str) -> Option<String> {
    const META: &str = ".[]()*+?{}|^$\\";
    let mut out = String::with_capacity(re.len());
    let mut chars = re.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let next = chars.next()?;
            if !META.contains(next) {
                return None;
            }
            out.push(next);
        } else if META.contains(c) {
            return None;
        } else {
            out.push(c);
        }
    }
    (!out.is_empty()).then_some(out)
}

pub fn hash_string<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let algo = known!(ev.want_string(args[0], span)?);
    let s = known!(ev.want_string(args[1], span)?);
    match hash_hex(algo, s.as_bytes()) {
        Some(h) => Ok(ev.string(&h, span)),
        None => Err(EvalError::new(
            ErrorKind::Other,
            format!("unknown hash algorithm '{algo}'"),
            span,
        )),
    }
}

/// Hex digest with one of the algorithms Nix accepts.
pub fn hash_hex(algo: &str, data: &[u8]) -> Option<String> {
    use sha2::Digest;
    let bytes: Vec<u8> = match algo {
        "md5" => md5::Md5::digest(data).to_vec(),
        "sha1" => sha1::Sha1::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    };
    Some(
        bytes
            .iter()
            .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
                use std::fmt::Write;
                let _ = write!(s, "{b:02x}");
                s
            }),
    )
}

pub fn placeholder<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    use sha2::Digest;
    let name = known!(ev.want_string(args[0], span)?);
    let digest = sha2::Sha256::digest(format!("nix-output:{name}").as_bytes());
    let s = format!("/{}", super::super::store::nix_base32(&digest));
    Ok(ev.string(&s, span))
}

pub fn parse_drv_name<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let s = known!(ev.want_string(args[0], span)?).to_string();
    let bytes = s.as_bytes();
    let mut name = s.as_str();
    let mut version = "";
    for i in 0..bytes.len() {
        if bytes[i] == b'-' && i + 1 < bytes.len() && !bytes[i + 1].is_ascii_alphabetic() {
            name = &s[..i];
            version = &s[i + 1..];
            break;
        }
    }
    let pairs = vec![
        (crate::sym!("name"), ev.string(name, span)),
        (crate::sym!("version"), ev.string(version, span)),
    ];
    Ok(ev.attrs_from(pairs, span))
}

pub fn split_version<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let s = known!(ev.want_string(args[0], span)?).to_string();
    let mut parts = Vec::new();
    let mut rest = s.as_str();
    loop {
        let (c, r) = next_component(rest);
        rest = r;
        if c.is_empty() {
            break;
        }
        parts.push(ev.string(c, span));
    }
    Ok(ev.list_from(parts, span))
}

pub fn compare_versions<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let a = known!(ev.want_string(args[0], span)?);
    let b = known!(ev.want_string(args[1], span)?);
    let r = match compare_version_strings(a, b) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    };
    Ok(Value::int(r, span))
}

fn next_component(s: &str) -> (&str, &str) {
    let s = s.trim_start_matches(['.', '-']);
    if s.is_empty() {
        return ("", "");
    }
    let bytes = s.as_bytes();
    let end = if bytes[0].is_ascii_digit() {
        bytes
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(bytes.len())
    } else {
        bytes
            .iter()
            .position(|b| b.is_ascii_digit() || *b == b'.' || *b == b'-')
            .unwrap_or(bytes.len())
    };
    (&s[..end], &s[end..])
}

fn component_lt(a: &str, b: &str) -> bool {
    let na = a.parse::<i32>().ok().filter(|_| !a.is_empty());
    let nb = b.parse::<i32>().ok().filter(|_| !b.is_empty());
    match (na, nb) {
        (Some(x), Some(y)) => x < y,
        _ if a.is_empty() && nb.is_some() => true,
        _ if a == "pre" && b != "pre" => true,
        _ if b == "pre" => false,
        (_, Some(_)) => true,
        (Some(_), _) => false,
        _ => a < b,
    }
}

/// Nix's `compareVersions`.
pub fn compare_version_strings(a: &str, b: &str) -> Ordering {
    let (mut ra, mut rb) = (a, b);
    while !ra.is_empty() || !rb.is_empty() {
        let (ca, na) = next_component(ra);
        let (cb, nb) = next_component(rb);
        ra = na;
        rb = nb;
        if component_lt(ca, cb) {
            return Ordering::Less;
        }
        if component_lt(cb, ca) {
            return Ordering::Greater;
        }
        if ca.is_empty() && cb.is_empty() {
            break;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_like_nix() {
        assert_eq!(compare_version_strings("1.2.3", "1.2.10"), Ordering::Less);
        assert_eq!(compare_version_strings("2.0", "2.0"), Ordering::Equal);
        assert_eq!(compare_version_strings("1.0pre1", "1.0"), Ordering::Less);
        assert_eq!(compare_version_strings("2.3a", "2.3.1"), Ordering::Less);
    }

    /// The literal fast path of `split` cuts where the regex engine does.
    #[test]
    fn literal_split_agrees_with_the_regex_engine() {
        use crate::eval::nix_regex::{NixRegex, SplitPiece};
        let patterns = ["\n", ",", "\\.", "ab", "\\$\\{", "/", "aa"];
        let inputs = [
            "", "a", "a,b,,c,", "x.y..z", "abab", "${a}${", "/a/b/", "aaaaa", "\n\nx\n",
        ];
        for p in patterns {
            let lit = literal_pattern(p).expect("a literal pattern");
            let re = NixRegex::compile(p).expect("compiles");
            for input in inputs {
                let want: Vec<String> = re
                    .split(input)
                    .into_iter()
                    .map(|piece| match piece {
                        SplitPiece::Text(t) => t,
                        SplitPiece::Groups(g) => format!("{g:?}"),
                    })
                    .collect();
                let mut got = Vec::new();
                let mut start = 0;
                for (at, _) in input.match_indices(lit.as_str()) {
                    got.push(input[start..at].to_string());
                    got.push("[]".to_string());
                    start = at + lit.len();
                }
                got.push(input[start..].to_string());
                assert_eq!(got, want, "split {p:?} {input:?}");
            }
        }
        for not_literal in ["", "a*", "[ab]", "\\n", "a|b", "(a)", "^a", "\\"] {
            assert_eq!(literal_pattern(not_literal), None, "{not_literal:?}");
        }
    }

    #[test]
    fn base_names() {
        assert_eq!(base_name("/a/b/c.nix"), "c.nix");
        assert_eq!(base_name("/a/b/"), "b");
        assert_eq!(base_name("c"), "c");
    }
}
