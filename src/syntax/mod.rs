//! Parsing (rnix) and lowering to the evaluator's IR.

mod invariant;
pub mod ir;
mod lower;
pub mod strings;

use std::sync::Arc;

use rnix::SyntaxKind;

use crate::files::{FileId, SourceFile, Span};

pub use lower::{GLOBAL_NAMES, is_global, lower};

/// A parse or binding error in a file; evaluation of that file fails with
/// it, and `check` reports it as `syntax_error`.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub kind: SyntaxErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// The text does not parse.
    Parse,
    /// A name is used that no scope binds (Nix checks this before
    /// evaluating anything).
    UndefinedVariable,
    /// `{ a = 1; a = 2; }` and friends.
    DuplicateAttribute,
    /// Constructs that parse but Nix rejects (`let ${x} = ...`).
    Invalid,
}

/// Syntax nested deeper than this is rejected (real Nix gives up at about
/// 5000 nested lists with "memory exhausted"); it also bounds every
/// recursive walk over the tree.
pub const MAX_NESTING: usize = 5_000;

/// A parsed file: rnix tree plus all syntax errors.
pub struct Parsed {
    pub file: FileId,
    pub root: rnix::Root,
    pub errors: Vec<SyntaxError>,
}

/// Parses one file. Never panics; every problem is an error entry.
pub fn parse(file: &SourceFile) -> Parsed {
    let parse = rnix::Root::parse(&file.text);
    let len = u32::try_from(file.text.len()).unwrap_or(u32::MAX);
    let mut errors: Vec<SyntaxError> = parse
        .errors()
        .iter()
        .map(|e| convert_error(file.id, len, &file.text, e))
        .collect();
    let root = parse.tree();
    // One walk over the green tree (no cursor nodes to allocate): rnix
    // accepts the pipe operators of newer Nix, which Nix 2.x configuration
    // code cannot use, and the evaluator's recursion needs a bound on
    // nesting.
    let has_pipes = file.text.contains("|>") || file.text.contains("<|");
    let walk = walk_green(rowan::ast::AstNode::syntax(&root).green(), has_pipes);
    for (range, text) in walk.pipes {
        errors.push(SyntaxError {
            span: Span::new(file.id, range),
            message: format!("unexpected `{text}`"),
            kind: SyntaxErrorKind::Parse,
        });
    }
    if let Some(at) = walk.too_deep {
        errors.push(SyntaxError {
            span: Span::new(file.id, at),
            message: format!(
                "memory exhausted: the expression is nested more than {MAX_NESTING} levels deep"
            ),
            kind: SyntaxErrorKind::Parse,
        });
    }
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    errors.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    Parsed {
        file: file.id,
        root,
        errors,
    }
}

struct GreenWalk {
    /// Pipe operator tokens, when asked for.
    pipes: Vec<(rowan::TextRange, String)>,
    /// The first node nested deeper than [`MAX_NESTING`].
    too_deep: Option<rowan::TextRange>,
}

/// Walks the tree without recursion.
fn walk_green(root: &rowan::GreenNodeData, find_pipes: bool) -> GreenWalk {
    let mut out = GreenWalk {
        pipes: Vec::new(),
        too_deep: None,
    };
    // The children left to visit at each level, with the offset of the next.
    let mut stack = vec![(root.children(), rowan::TextSize::from(0))];
    while let Some((children, offset)) = stack.last_mut() {
        let Some(child) = children.next() else {
            stack.pop();
            continue;
        };
        let start = *offset;
        match child {
            rowan::NodeOrToken::Node(node) => {
                *offset += node.text_len();
                // The root is level 1, as in a preorder walk.
                if stack.len() + 1 > MAX_NESTING && out.too_deep.is_none() {
                    out.too_deep = Some(rowan::TextRange::at(start, node.text_len()));
                    if !find_pipes {
                        return out;
                    }
                }
                // The stack is explicit: going deeper still only costs memory,
                // and pipes anywhere are reported.
                stack.push((node.children(), start));
            }
            rowan::NodeOrToken::Token(token) => {
                *offset += token.text_len();
                let kind = <rnix::NixLanguage as rowan::Language>::kind_from_raw(token.kind());
                if find_pipes
                    && matches!(
                        kind,
                        SyntaxKind::TOKEN_PIPE_LEFT | SyntaxKind::TOKEN_PIPE_RIGHT
                    )
                {
                    let range = rowan::TextRange::at(start, token.text_len());
                    out.pipes.push((range, token.text().to_string()));
                }
            }
        }
    }
    out
}

fn convert_error(file: FileId, len: u32, text: &str, e: &rnix::ParseError) -> SyntaxError {
    use rnix::ParseError as P;
    let eof = Span {
        file,
        start: len,
        end: len,
    };
    let (span, message) = match e {
        P::Unexpected(r) => (
            Span::new(file, *r),
            format!("unexpected {}", describe_text(text, *r)),
        ),
        P::UnexpectedExtra(r) => (
            Span::new(file, *r),
            format!(
                "unexpected {} after the end of the expression",
                describe_text(text, *r)
            ),
        ),
        P::UnexpectedWanted(got, r, wanted) => (
            Span::new(file, *r),
            format!(
                "unexpected {}, expecting {}",
                describe_kind(*got),
                describe_wanted(wanted)
            ),
        ),
        P::UnexpectedDoubleBind(r) => (
            Span::new(file, *r),
            "a function pattern can be bound to a name only once".to_string(),
        ),
        P::UnexpectedEOF => (eof, "unexpected end of file".to_string()),
        P::UnexpectedEOFWanted(wanted) => (
            eof,
            format!(
                "unexpected end of file, expecting {}",
                describe_wanted(wanted)
            ),
        ),
        P::DuplicatedArgs(r, name) => (
            Span::new(file, *r),
            format!("duplicate formal function argument '{name}'"),
        ),
        P::RecursionLimitExceeded => (
            eof,
            "evaluation limit: the expression is nested too deeply to parse".to_string(),
        ),
        other => (eof, other.to_string()),
    };
    SyntaxError {
        span,
        message,
        kind: SyntaxErrorKind::Parse,
    }
}

fn describe_text(text: &str, r: rowan::TextRange) -> String {
    let s = text
        .get(usize::from(r.start())..usize::from(r.end()))
        .unwrap_or("");
    let s: String = s.chars().take(20).collect();
    format!("`{}`", s.trim())
}

fn describe_wanted(wanted: &[SyntaxKind]) -> String {
    let names: Vec<String> = wanted.iter().map(|k| describe_kind(*k)).collect();
    match names.len() {
        0 => "something else".to_string(),
        1 => names[0].clone(),
        _ => format!("one of {}", names.join(", ")),
    }
}

fn describe_kind(kind: SyntaxKind) -> String {
    use SyntaxKind as K;
    let s = match kind {
        K::TOKEN_SEMICOLON => "`;`",
        K::TOKEN_R_BRACE => "`}`",
        K::TOKEN_L_BRACE => "`{`",
        K::TOKEN_R_BRACK => "`]`",
        K::TOKEN_L_BRACK => "`[`",
        K::TOKEN_R_PAREN => "`)`",
        K::TOKEN_L_PAREN => "`(`",
        K::TOKEN_ASSIGN => "`=`",
        K::TOKEN_COLON => "`:`",
        K::TOKEN_COMMA => "`,`",
        K::TOKEN_DOT => "`.`",
        K::TOKEN_IN => "`in`",
        K::TOKEN_THEN => "`then`",
        K::TOKEN_ELSE => "`else`",
        K::TOKEN_IDENT => "an identifier",
        K::TOKEN_STRING_START => "a string",
        K::TOKEN_STRING_END => "the end of the string",
        K::TOKEN_INTERPOL_END => "`}` closing the interpolation",
        K::TOKEN_REC => "`rec`",
        K::TOKEN_SUB => "`-`",
        K::TOKEN_ADD => "`+`",
        K::TOKEN_QUESTION => "`?`",
        K::TOKEN_AT => "`@`",
        K::TOKEN_ELLIPSIS => "`...`",
        K::TOKEN_ERROR => "an invalid token",
        other => {
            return format!("{other:?}")
                .trim_start_matches("TOKEN_")
                .to_lowercase();
        }
    };
    s.to_string()
}

/// Parses and lowers a file in one step.
pub fn parse_and_lower(file: &SourceFile) -> (Parsed, Result<Arc<ir::Code>, SyntaxError>) {
    let parsed = parse(file);
    let lowered = match parsed.errors.first() {
        Some(e) => Err(e.clone()),
        None => lower(file, &parsed.root).map(Arc::new),
    };
    (parsed, lowered)
}

/// Lexical path normalisation (Nix's `canonPath`) for path text.
pub fn normalize_path(text: &str) -> String {
    lower::normalize(std::path::Path::new(text))
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(text: &str) -> Vec<(u32, u32, String)> {
        let db = crate::files::SourceDb::new(std::path::PathBuf::from("/repo"));
        let id = db.set_text(std::path::Path::new("/repo/a.nix"), Arc::from(text));
        let parsed = parse(&db.get(id).expect("just set"));
        parsed
            .errors
            .iter()
            .map(|e| (e.span.start, e.span.end, e.message.clone()))
            .collect()
    }

    /// The old walk: every node of a preorder, counting levels.
    fn deepest_by_preorder(text: &str) -> Option<rowan::TextRange> {
        let root = rnix::Root::parse(text).tree();
        let mut depth = 0usize;
        for event in rowan::ast::AstNode::syntax(&root).preorder() {
            match event {
                rowan::WalkEvent::Enter(node) => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(node.text_range());
                    }
                }
                rowan::WalkEvent::Leave(_) => depth -= 1,
            }
        }
        None
    }

    #[test]
    fn pipe_operators_are_errors_where_they_are_written() {
        let text = "let f = x: x; in [ (1 |> f) \"|> in a string\" (f <| 2) ] # |> too";
        let errors = errors_of(text);
        let pipes: Vec<_> = errors
            .iter()
            .filter(|e| e.2.starts_with("unexpected `|>`") || e.2.starts_with("unexpected `<|`"))
            .collect();
        assert_eq!(pipes.len(), 2, "{errors:?}");
        let at = |needle: &str, nth: usize| {
            u32::try_from(text.match_indices(needle).nth(nth).unwrap().0).unwrap()
        };
        assert!(
            pipes
                .iter()
                .any(|e| e.0 == at("|>", 0) && e.1 == at("|>", 0) + 2)
        );
        assert!(
            pipes
                .iter()
                .any(|e| e.0 == at("<|", 0) && e.1 == at("<|", 0) + 2)
        );
        assert!(errors_of("[ 1 2 ] # no pipes here").is_empty());
    }

    #[test]
    fn pipes_inside_and_after_a_too_deep_node_are_reported_too() {
        let deep = format!(
            "[ ({}(1 |> f){}) (1 <| f) ]",
            "[".repeat(MAX_NESTING),
            "]".repeat(MAX_NESTING)
        );
        let messages: Vec<String> = errors_of(&deep).into_iter().map(|e| e.2).collect();
        assert!(
            messages.iter().any(|m| m.contains("nested more than")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m == "unexpected `|>`"),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m == "unexpected `<|`"),
            "{messages:?}"
        );
    }

    #[test]
    fn nesting_is_measured_as_a_preorder_walk_does() {
        let (mut found_deep, mut found_shallow) = (false, false);
        for text in [
            format!("{}1{}", "[".repeat(MAX_NESTING), "]".repeat(MAX_NESTING)),
            format!(
                "{}1{}",
                "[".repeat(MAX_NESTING / 2),
                "]".repeat(MAX_NESTING / 2)
            ),
            format!("x: {}1{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING)),
            format!("1{}", " + 1".repeat(MAX_NESTING + 10)),
            "{ a = 1; }".to_string(),
        ] {
            let expected = deepest_by_preorder(&text);
            found_deep |= expected.is_some();
            found_shallow |= expected.is_none();
            let root = rnix::Root::parse(&text).tree();
            let walk = walk_green(rowan::ast::AstNode::syntax(&root).green(), false);
            assert_eq!(walk.too_deep, expected, "{}", &text[..20.min(text.len())]);
        }
        assert!(found_deep && found_shallow);
    }
}
