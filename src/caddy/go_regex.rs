//! Go `regexp` (RE2 syntax, `regexp.Compile` = Perl flags) as used by Caddy
//! 2.11.4's `path_regexp` / `expression path_regexp(...)` and by
//! caddy-security's `bypass uri regex` (Go 1.25 toolchain).
//!
//! Ground truth: `/work/shared/SEMANTICS.md` §2 (regex semantics, the Go RE2
//! vs Rust table in §2.3) and §7 rules 12–16. The parser below is written
//! from a reading of Go's `regexp/syntax/parse.go`: it reproduces Go's
//! acceptance, its error texts (``error parsing regexp: <code>: `<expr>` ``),
//! its quirks (a malformed `{…}` is a literal, `\Q…\E`, octal escapes,
//! `[\d-z]`, ASCII-only `\d \w \s \b`, repeat limit 1000 and the nested
//! repeat product, nesting depth 1000, program size limit), and Go ≥ 1.22
//! `(?<name>…)` and Go 1.25 Unicode class names (`\p{Letter}`, case and
//! `_`/`-`/space insensitive). The parsed form is then rewritten into an
//! equivalent pattern for the Rust `regex` crate, in which every construct
//! is spelled out explicitly (ASCII classes as ranges, Unicode classes as
//! `\p{gc=…}`/`\p{sc=…}`, fold-case as `(?i:…)`), so `find` behaves like
//! Go's leftmost-first, unanchored `FindStringIndex`.
//!
//! Checked against Debian's Caddy 2.6.2 (Go 1.19.8) with `caddy validate` on
//! 1400 patterns (identical verdict and message except the Go ≥ 1.22/1.25
//! additions: `(?<name>`, and loose `\p{…}` names) and on a loopback server
//! (45 patterns × 120 request paths and 70 random patterns × 150 random
//! paths through `path_regexp`: identical matches).
//!
//! Known approximations (all far from realistic path patterns): the size
//! and depth limits are computed on this parser's tree, which lacks Go's
//! alternation factoring; Go's 33M-rune class limit is not modelled; Unicode
//! tables are the Rust crate's (Unicode 16) rather than Go's (15.0).
//!
//! Every function is total: no input makes it panic.

use std::fmt;
use std::fmt::Write as _;

const MAX_REPEAT: i64 = 1000;
const MAX_HEIGHT: u32 = 1000;
// Go: 128 MiB worth of 40-byte instructions.
const MAX_SIZE: u64 = (128 << 20) / 40;

/// Go's `syntax.ErrorCode` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoErrorCode {
    InvalidCharRange,
    InvalidEscape,
    InvalidNamedCapture,
    InvalidPerlOp,
    InvalidRepeatOp,
    InvalidRepeatSize,
    MissingBracket,
    MissingParen,
    MissingRepeatArgument,
    TrailingBackslash,
    UnexpectedParen,
    NestingDepth,
    Large,
}

impl GoErrorCode {
    /// Go's wording.
    pub fn as_str(&self) -> &'static str {
        match self {
            GoErrorCode::InvalidCharRange => "invalid character class range",
            GoErrorCode::InvalidEscape => "invalid escape sequence",
            GoErrorCode::InvalidNamedCapture => "invalid named capture",
            GoErrorCode::InvalidPerlOp => "invalid or unsupported Perl syntax",
            GoErrorCode::InvalidRepeatOp => "invalid nested repetition operator",
            GoErrorCode::InvalidRepeatSize => "invalid repeat count",
            GoErrorCode::MissingBracket => "missing closing ]",
            GoErrorCode::MissingParen => "missing closing )",
            GoErrorCode::MissingRepeatArgument => "missing argument to repetition operator",
            GoErrorCode::TrailingBackslash => "trailing backslash at end of expression",
            GoErrorCode::UnexpectedParen => "unexpected )",
            GoErrorCode::NestingDepth => "expression nests too deeply",
            GoErrorCode::Large => "expression too large",
        }
    }
}

/// A pattern Go's `regexp.Compile` refuses (so Caddy refuses the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoRegexError {
    pub code: GoErrorCode,
    /// The offending part of the pattern, as Go reports it.
    pub expr: String,
}

impl fmt::Display for GoRegexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error parsing regexp: {}: `{}`",
            self.code.as_str(),
            self.expr
        )
    }
}

impl std::error::Error for GoRegexError {}

fn gerr<T>(code: GoErrorCode, expr: &str) -> Result<T, GoRegexError> {
    Err(GoRegexError {
        code,
        expr: expr.to_string(),
    })
}

/// A construct that Go accepts but that a Rust-`regex`-based checker would
/// misjudge, or that is very likely a mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DivergenceKind {
    /// `{id}`, `{,3}`, `{01}`: not a valid repeat, so Go takes `{` literally
    /// (Rust errors). In a path regex this is almost certainly a
    /// placeholder-style mistake: it only matches the literal text.
    LiteralBrace,
    /// `\Q…\E` literal text (Rust errors).
    QuoteEscape,
    /// `\0`, `\012`: octal escapes (Rust errors, mentioning backreferences).
    OctalEscape,
    /// `[\d-z]`: a class escape followed by `-` is a literal `-` in Go
    /// (Rust errors).
    ClassEscapeDash,
    /// `[[a-z]]`: `[` is a literal inside a Go class, so this is the class
    /// `[\[a-z]` followed by a literal `]`; Rust reads a nested class.
    NestedClassBracket,
    /// `&&`, `--`, `~~` inside a class: literal characters in Go, set
    /// operations in Rust.
    ClassSetOperator,
    /// `\<`, `\>`: literal `<`/`>` in Go, word-start/end assertions in Rust.
    WordEdgeEscape,
    /// `\b{start}`-style: Go reads a word boundary followed by literal text
    /// (or a repeat); Rust reads a special boundary assertion.
    SpecialWordBoundary,
    /// `\d \w \s \b \D \W \S \B` are ASCII-only in Go, Unicode in Rust (and
    /// Go's `\s` lacks `\v`).
    AsciiPerlClass,
    /// `(?<name>…)`: accepted since Go 1.22 only (older Caddy builds fail).
    AngleNamedGroup,
    /// The same group name twice: Go accepts, Rust errors.
    DuplicateGroupName,
    /// `\x{D800}`-style surrogate: Go accepts (never matches), Rust errors.
    SurrogateEscape,
    /// A `\p{…}` name only Go ≥ 1.25 accepts (aliases like `Letter`,
    /// case-insensitive or `_`-less spellings, `Cn`, `LC`, `ASCII`, `Assigned`).
    NewUnicodeName,
    /// A literal `?`: the path never contains the query string, so a `?`
    /// meant for the query never matches (rule 16).
    LiteralQuestionMark,
    /// The pattern as written does not compile with Rust `regex` 1.x.
    RustRejects,
}

/// One divergence, located in the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    pub kind: DivergenceKind,
    /// Byte offset in the pattern.
    pub offset: usize,
    /// The construct (or Rust's message, for `RustRejects`).
    pub text: String,
}

impl Divergence {
    /// Would a validator built on the Rust `regex` crate reject the pattern
    /// because of this construct (a false positive against Go)?
    pub fn rust_rejects(&self) -> bool {
        matches!(
            self.kind,
            DivergenceKind::LiteralBrace
                | DivergenceKind::QuoteEscape
                | DivergenceKind::OctalEscape
                | DivergenceKind::ClassEscapeDash
                | DivergenceKind::DuplicateGroupName
                | DivergenceKind::SurrogateEscape
                | DivergenceKind::RustRejects
        )
    }

    /// Same text, different meaning in the two engines.
    pub fn changes_meaning(&self) -> bool {
        matches!(
            self.kind,
            DivergenceKind::NestedClassBracket
                | DivergenceKind::ClassSetOperator
                | DivergenceKind::WordEdgeEscape
                | DivergenceKind::SpecialWordBoundary
                | DivergenceKind::AsciiPerlClass
        )
    }
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            DivergenceKind::LiteralBrace => "malformed repeat taken as literal text",
            DivergenceKind::QuoteEscape => "\\Q…\\E literal (Go only)",
            DivergenceKind::OctalEscape => "octal escape (Go only)",
            DivergenceKind::ClassEscapeDash => "class escape followed by '-' (literal in Go)",
            DivergenceKind::NestedClassBracket => "'[' is literal inside a Go class",
            DivergenceKind::ClassSetOperator => "class set operator is literal in Go",
            DivergenceKind::WordEdgeEscape => "\\< or \\> is a literal character in Go",
            DivergenceKind::SpecialWordBoundary => "\\b{…} is a boundary plus literal text in Go",
            DivergenceKind::AsciiPerlClass => "ASCII-only in Go, Unicode in Rust",
            DivergenceKind::AngleNamedGroup => "(?<name>…) needs Go 1.22+",
            DivergenceKind::DuplicateGroupName => "duplicate group name (Go only)",
            DivergenceKind::SurrogateEscape => "surrogate code point never matches (Go only)",
            DivergenceKind::NewUnicodeName => "Unicode class name needs Go 1.25+",
            DivergenceKind::LiteralQuestionMark => "literal '?': the path never holds the query",
            DivergenceKind::RustRejects => "rejected by Rust regex",
        };
        write!(f, "{what} at byte {}: {}", self.offset, self.text)
    }
}

/// Where the pattern is anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchoring {
    /// Every top-level alternative starts with `^` or `\A` (not `(?m)^`).
    pub start: bool,
    /// Every top-level alternative ends with `$` or `\z` (not `(?m)$`).
    pub end: bool,
}

// ---------------------------------------------------------------------------
// Parsed form
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Flags {
    fold: bool,
    dot_nl: bool,
    one_line: bool,
    non_greedy: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RepKind {
    Star,
    Plus,
    Quest,
    Counted,
}

#[derive(Debug, Clone, PartialEq)]
enum UniProp {
    Category(&'static str),
    Script(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
enum ClassItem {
    Range(u32, u32),
    Ascii {
        ranges: &'static [(u32, u32)],
        negated: bool,
    },
    Unicode {
        prop: UniProp,
        negated: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
struct Class {
    items: Vec<ClassItem>,
    negated: bool,
    fold: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Empty,
    Lit {
        runes: Vec<u32>,
        fold: bool,
    },
    Class(Class),
    AnyNotNl,
    Any,
    BeginLine,
    EndLine,
    BeginText,
    EndText,
    WordBoundary,
    NoWordBoundary,
    Capture {
        sub: Box<Node>,
        h: u32,
    },
    Repeat {
        kind: RepKind,
        min: u32,
        max: Option<u32>,
        greedy: bool,
        sub: Box<Node>,
        h: u32,
    },
    Concat(Vec<Node>, u32),
    Alternate(Vec<Node>, u32),
}

impl Node {
    fn height(&self) -> u32 {
        match self {
            Node::Capture { h, .. }
            | Node::Repeat { h, .. }
            | Node::Concat(_, h)
            | Node::Alternate(_, h) => *h,
            _ => 1,
        }
    }

    fn concat(v: Vec<Node>) -> Node {
        let h = 1 + v.iter().map(Node::height).max().unwrap_or(0);
        Node::Concat(v, h)
    }

    fn alternate(v: Vec<Node>) -> Node {
        let h = 1 + v.iter().map(Node::height).max().unwrap_or(0);
        Node::Alternate(v, h)
    }
}

enum Item {
    Node(Node),
    LeftParen { capture: bool, saved: Flags },
    Bar,
}

// Go's perl_groups.go tables.
const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
const SPACE_PERL: &[(u32, u32)] = &[(0x9, 0xa), (0xc, 0xd), (0x20, 0x20)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5a), (0x5f, 0x5f), (0x61, 0x7a)];

fn posix_class(name: &str) -> Option<(&'static [(u32, u32)], bool)> {
    let (neg, bare) = match name.strip_prefix("[:^") {
        Some(rest) => (true, rest),
        None => (false, name.strip_prefix("[:")?),
    };
    let ranges: &'static [(u32, u32)] = match bare {
        "alnum:]" => &[(0x30, 0x39), (0x41, 0x5a), (0x61, 0x7a)],
        "alpha:]" => &[(0x41, 0x5a), (0x61, 0x7a)],
        "ascii:]" => &[(0x0, 0x7f)],
        "blank:]" => &[(0x9, 0x9), (0x20, 0x20)],
        "cntrl:]" => &[(0x0, 0x1f), (0x7f, 0x7f)],
        "digit:]" => DIGIT,
        "graph:]" => &[(0x21, 0x7e)],
        "lower:]" => &[(0x61, 0x7a)],
        "print:]" => &[(0x20, 0x7e)],
        "punct:]" => &[(0x21, 0x2f), (0x3a, 0x40), (0x5b, 0x60), (0x7b, 0x7e)],
        "space:]" => &[(0x9, 0xd), (0x20, 0x20)],
        "upper:]" => &[(0x41, 0x5a)],
        "word:]" => WORD,
        "xdigit:]" => &[(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
        _ => return None,
    };
    Some((ranges, neg))
}

// General categories in Go's unicode.Categories (Go 1.25 adds Cn and LC).
const CATEGORIES: &[&str] = &[
    "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
    "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm",
    "So", "Z", "Zl", "Zp", "Zs",
];

// unicode.CategoryAliases (from Unicode's PropertyValueAliases; written from
// memory of that file, not from Go's generated table).
const CATEGORY_ALIASES: &[(&str, &str)] = &[
    ("Other", "C"),
    ("Control", "Cc"),
    ("cntrl", "Cc"),
    ("Format", "Cf"),
    ("Unassigned", "Cn"),
    ("Private_Use", "Co"),
    ("Surrogate", "Cs"),
    ("Letter", "L"),
    ("Cased_Letter", "LC"),
    ("Lowercase_Letter", "Ll"),
    ("Modifier_Letter", "Lm"),
    ("Other_Letter", "Lo"),
    ("Titlecase_Letter", "Lt"),
    ("Uppercase_Letter", "Lu"),
    ("Mark", "M"),
    ("Combining_Mark", "M"),
    ("Spacing_Mark", "Mc"),
    ("Enclosing_Mark", "Me"),
    ("Nonspacing_Mark", "Mn"),
    ("Number", "N"),
    ("Decimal_Number", "Nd"),
    ("digit", "Nd"),
    ("Letter_Number", "Nl"),
    ("Other_Number", "No"),
    ("Punctuation", "P"),
    ("punct", "P"),
    ("Connector_Punctuation", "Pc"),
    ("Dash_Punctuation", "Pd"),
    ("Close_Punctuation", "Pe"),
    ("Final_Punctuation", "Pf"),
    ("Initial_Punctuation", "Pi"),
    ("Other_Punctuation", "Po"),
    ("Open_Punctuation", "Ps"),
    ("Symbol", "S"),
    ("Currency_Symbol", "Sc"),
    ("Modifier_Symbol", "Sk"),
    ("Math_Symbol", "Sm"),
    ("Other_Symbol", "So"),
    ("Separator", "Z"),
    ("Line_Separator", "Zl"),
    ("Paragraph_Separator", "Zp"),
    ("Space_Separator", "Zs"),
];

// unicode.Scripts keys (Unicode 15.0.0, Go 1.21–1.25), from memory.
const SCRIPTS: &[&str] = &[
    "Adlam",
    "Ahom",
    "Anatolian_Hieroglyphs",
    "Arabic",
    "Armenian",
    "Avestan",
    "Balinese",
    "Bamum",
    "Bassa_Vah",
    "Batak",
    "Bengali",
    "Bhaiksuki",
    "Bopomofo",
    "Brahmi",
    "Braille",
    "Buginese",
    "Buhid",
    "Canadian_Aboriginal",
    "Carian",
    "Caucasian_Albanian",
    "Chakma",
    "Cham",
    "Cherokee",
    "Chorasmian",
    "Common",
    "Coptic",
    "Cuneiform",
    "Cypriot",
    "Cypro_Minoan",
    "Cyrillic",
    "Deseret",
    "Devanagari",
    "Dives_Akuru",
    "Dogra",
    "Duployan",
    "Egyptian_Hieroglyphs",
    "Elbasan",
    "Elymaic",
    "Ethiopic",
    "Georgian",
    "Glagolitic",
    "Gothic",
    "Grantha",
    "Greek",
    "Gujarati",
    "Gunjala_Gondi",
    "Gurmukhi",
    "Han",
    "Hangul",
    "Hanifi_Rohingya",
    "Hanunoo",
    "Hatran",
    "Hebrew",
    "Hiragana",
    "Imperial_Aramaic",
    "Inherited",
    "Inscriptional_Pahlavi",
    "Inscriptional_Parthian",
    "Javanese",
    "Kaithi",
    "Kannada",
    "Katakana",
    "Kawi",
    "Kayah_Li",
    "Kharoshthi",
    "Khitan_Small_Script",
    "Khmer",
    "Khojki",
    "Khudawadi",
    "Lao",
    "Latin",
    "Lepcha",
    "Limbu",
    "Linear_A",
    "Linear_B",
    "Lisu",
    "Lycian",
    "Lydian",
    "Mahajani",
    "Makasar",
    "Malayalam",
    "Mandaic",
    "Manichaean",
    "Marchen",
    "Masaram_Gondi",
    "Medefaidrin",
    "Meetei_Mayek",
    "Mende_Kikakui",
    "Meroitic_Cursive",
    "Meroitic_Hieroglyphs",
    "Miao",
    "Modi",
    "Mongolian",
    "Mro",
    "Multani",
    "Myanmar",
    "Nabataean",
    "Nag_Mundari",
    "Nandinagari",
    "New_Tai_Lue",
    "Newa",
    "Nko",
    "Nushu",
    "Nyiakeng_Puachue_Hmong",
    "Ogham",
    "Ol_Chiki",
    "Old_Hungarian",
    "Old_Italic",
    "Old_North_Arabian",
    "Old_Permic",
    "Old_Persian",
    "Old_Sogdian",
    "Old_South_Arabian",
    "Old_Turkic",
    "Old_Uyghur",
    "Oriya",
    "Osage",
    "Osmanya",
    "Pahawh_Hmong",
    "Palmyrene",
    "Pau_Cin_Hau",
    "Phags_Pa",
    "Phoenician",
    "Psalter_Pahlavi",
    "Rejang",
    "Runic",
    "Samaritan",
    "Saurashtra",
    "Sharada",
    "Shavian",
    "Siddham",
    "SignWriting",
    "Sinhala",
    "Sogdian",
    "Sora_Sompeng",
    "Soyombo",
    "Sundanese",
    "Syloti_Nagri",
    "Syriac",
    "Tagalog",
    "Tagbanwa",
    "Tai_Le",
    "Tai_Tham",
    "Tai_Viet",
    "Takri",
    "Tamil",
    "Tangsa",
    "Tangut",
    "Telugu",
    "Thaana",
    "Thai",
    "Tibetan",
    "Tifinagh",
    "Tirhuta",
    "Toto",
    "Ugaritic",
    "Vai",
    "Vithkuqi",
    "Wancho",
    "Warang_Citi",
    "Yezidi",
    "Yi",
    "Zanabazar_Square",
];

// Go 1.25's canonicalName: first letter upper, the rest lower, and `_`,
// `-`, space dropped.
fn canonical_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut first = true;
    for b in name.bytes() {
        match b {
            b'_' | b'-' | b' ' => {}
            _ if first => {
                first = false;
                out.push(char::from(b.to_ascii_uppercase()));
            }
            _ => out.push(char::from(b.to_ascii_lowercase())),
        }
    }
    // Non-ASCII names never match a table; keep them unequal to any key.
    if !name.is_ascii() {
        out.push('\u{FFFD}');
    }
    out
}

/// Resolves a `\p{…}` name like Go 1.25's `unicodeTable`. Returns the class
/// item contributed (before the caller's own negation), whether the item is
/// inverted by the table itself (`Assigned`), and whether only Go ≥ 1.25
/// accepts the spelling.
fn unicode_table(name: &str) -> Option<(Vec<ClassItem>, bool, bool)> {
    let exact_old =
        name == "Any" || (CATEGORIES.contains(&name) && name != "Cn") || SCRIPTS.contains(&name);
    let c = canonical_name(name);
    let item = |prop: UniProp| ClassItem::Unicode {
        prop,
        negated: false,
    };
    let (items, invert) = match c.as_str() {
        "Any" => (vec![ClassItem::Range(0, 0x0010_FFFF)], false),
        "Assigned" => (vec![item(UniProp::Category("Cn"))], true),
        "Ascii" => (vec![ClassItem::Range(0, 0x7f)], false),
        "Lc" => (vec![item(UniProp::Category("LC"))], false),
        _ => {
            if let Some(cat) = CATEGORIES.iter().find(|k| **k == c) {
                (vec![item(UniProp::Category(cat))], false)
            } else if let Some(s) = SCRIPTS.iter().find(|k| canonical_name(k) == c) {
                // Scripts are matched by canonical name too, so
                // `\p{Canadian_Aboriginal}` and `\p{old italic}` resolve.
                // Go's own tests accept the former; one reading of Go 1.25's
                // parse.go looked scripts up without canonicalising, which
                // would refuse names with `_`. Accepting is the safe side
                // for a linter (no false "invalid regex").
                (vec![item(UniProp::Script(s))], false)
            } else if let Some((_, cat)) = CATEGORY_ALIASES
                .iter()
                .find(|(alias, _)| canonical_name(alias) == c)
            {
                (vec![item(UniProp::Category(cat))], false)
            } else {
                return None;
            }
        }
    };
    Some((items, invert, !exact_old))
}

fn next_char(t: &str) -> Option<(char, &str)> {
    let c = t.chars().next()?;
    Some((c, &t[c.len_utf8()..]))
}

fn unhex(c: char) -> Option<u32> {
    c.to_digit(16)
}

fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

struct Parser<'a> {
    whole: &'a str,
    flags: Flags,
    stack: Vec<Item>,
    names: Vec<String>,
    div: Vec<Divergence>,
}

impl<'a> Parser<'a> {
    fn offset(&self, t: &str) -> usize {
        self.whole.len().saturating_sub(t.len())
    }

    fn diverge(&mut self, kind: DivergenceKind, at: &str, text: &str) {
        let offset = self.offset(at);
        self.div.push(Divergence {
            kind,
            offset,
            text: text.to_string(),
        });
    }

    fn push(&mut self, n: Node) -> Result<(), GoRegexError> {
        if n.height() > MAX_HEIGHT {
            return gerr(GoErrorCode::NestingDepth, self.whole);
        }
        self.stack.push(Item::Node(n));
        Ok(())
    }

    fn literal(&mut self, r: u32) -> Result<(), GoRegexError> {
        let fold = self.flags.fold;
        self.push(Node::Lit {
            runes: vec![r],
            fold,
        })
    }

    fn parse(mut self) -> Result<(Node, Vec<Divergence>), GoRegexError> {
        let whole = self.whole;
        let mut t: &'a str = whole;
        let mut last_repeat: &'a str = "";
        while let Some(&b) = t.as_bytes().first() {
            let mut repeat: &'a str = "";
            match b {
                b'(' => {
                    if t.as_bytes().get(1) == Some(&b'?') {
                        t = self.parse_perl_flags(t)?;
                    } else {
                        self.stack.push(Item::LeftParen {
                            capture: true,
                            saved: self.flags,
                        });
                        t = &t[1..];
                    }
                }
                b'|' => {
                    self.parse_vertical_bar()?;
                    t = &t[1..];
                }
                b')' => {
                    self.parse_right_paren()?;
                    t = &t[1..];
                }
                b'^' => {
                    let n = if self.flags.one_line {
                        Node::BeginText
                    } else {
                        Node::BeginLine
                    };
                    self.push(n)?;
                    t = &t[1..];
                }
                b'$' => {
                    let n = if self.flags.one_line {
                        Node::EndText
                    } else {
                        Node::EndLine
                    };
                    self.push(n)?;
                    t = &t[1..];
                }
                b'.' => {
                    let n = if self.flags.dot_nl {
                        Node::Any
                    } else {
                        Node::AnyNotNl
                    };
                    self.push(n)?;
                    t = &t[1..];
                }
                b'[' => t = self.parse_class(t)?,
                b'*' | b'+' | b'?' => {
                    let kind = match b {
                        b'*' => RepKind::Star,
                        b'+' => RepKind::Plus,
                        _ => RepKind::Quest,
                    };
                    let (min, max) = match kind {
                        RepKind::Star => (0, None),
                        RepKind::Plus => (1, None),
                        _ => (0, Some(1)),
                    };
                    let before = t;
                    t = self.repeat(kind, min, max, before, &t[1..], last_repeat)?;
                    repeat = before;
                }
                b'{' => {
                    let before = t;
                    match parse_repeat(t) {
                        None => {
                            let end = t.find('}').map_or(1, |i| i + 1);
                            let shown = if t[..end].contains('{') && end > 1 {
                                &t[..end]
                            } else {
                                "{"
                            };
                            self.diverge(DivergenceKind::LiteralBrace, t, shown);
                            self.literal('{' as u32)?;
                            t = &t[1..];
                        }
                        Some((min, max, after)) => {
                            let spec = &before[..before.len() - after.len()];
                            if !(0..=MAX_REPEAT).contains(&min)
                                || max > MAX_REPEAT
                                || (max >= 0 && min > max)
                            {
                                return gerr(GoErrorCode::InvalidRepeatSize, spec);
                            }
                            // Checked above: min is in 0..=MAX_REPEAT, max in
                            // -1..=MAX_REPEAT (-1 meaning "no upper bound").
                            let Ok(min) = u32::try_from(min) else {
                                return gerr(GoErrorCode::InvalidRepeatSize, spec);
                            };
                            let maxo = u32::try_from(max).ok();
                            t = self.repeat(
                                RepKind::Counted,
                                min,
                                maxo,
                                before,
                                after,
                                last_repeat,
                            )?;
                            repeat = before;
                        }
                    }
                }
                b'\\' => t = self.parse_backslash(t)?,
                _ => {
                    let Some((c, rest)) = next_char(t) else {
                        break;
                    };
                    self.literal(c as u32)?;
                    t = rest;
                }
            }
            last_repeat = repeat;
        }
        self.concat()?;
        if self.swap_vertical_bar() {
            self.stack.pop();
        }
        self.alternate()?;
        if self.stack.len() != 1 {
            return gerr(GoErrorCode::MissingParen, whole);
        }
        match self.stack.pop() {
            Some(Item::Node(n)) => Ok((n, self.div)),
            _ => gerr(GoErrorCode::MissingParen, whole),
        }
    }

    fn parse_backslash(&mut self, t: &'a str) -> Result<&'a str, GoRegexError> {
        let tb = t.as_bytes();
        if tb.len() >= 2 {
            match tb[1] {
                b'A' => {
                    self.push(Node::BeginText)?;
                    return Ok(&t[2..]);
                }
                b'b' | b'B' => {
                    let n = if tb[1] == b'b' {
                        Node::WordBoundary
                    } else {
                        Node::NoWordBoundary
                    };
                    self.push(n)?;
                    self.diverge(DivergenceKind::AsciiPerlClass, t, &t[..2]);
                    if tb.get(2) == Some(&b'{') {
                        let end = t[2..].find('}').map_or(3, |i| i + 3);
                        self.diverge(DivergenceKind::SpecialWordBoundary, t, &t[..end]);
                    }
                    return Ok(&t[2..]);
                }
                b'C' => return gerr(GoErrorCode::InvalidEscape, &t[..2]),
                b'Q' => {
                    let body = &t[2..];
                    let (lit, rest) = match body.find("\\E") {
                        Some(i) => (&body[..i], &body[i + 2..]),
                        None => (body, ""),
                    };
                    let shown = &t[..t.len() - rest.len()];
                    self.diverge(DivergenceKind::QuoteEscape, t, shown);
                    for c in lit.chars() {
                        if c == '?' {
                            self.diverge(DivergenceKind::LiteralQuestionMark, t, "?");
                        }
                        self.literal(c as u32)?;
                    }
                    return Ok(rest);
                }
                b'z' => {
                    self.push(Node::EndText)?;
                    return Ok(&t[2..]);
                }
                b'p' | b'P' => {
                    if let Some((items, rest)) = self.parse_unicode_class(t)? {
                        let fold = self.flags.fold;
                        self.push(Node::Class(Class {
                            items,
                            negated: false,
                            fold,
                        }))?;
                        return Ok(rest);
                    }
                }
                _ => {}
            }
        }
        if let Some((item, rest)) = self.parse_perl_class_escape(t) {
            let fold = self.flags.fold;
            self.push(Node::Class(Class {
                items: vec![item],
                negated: false,
                fold,
            }))?;
            return Ok(rest);
        }
        let (r, rest) = self.parse_escape(t)?;
        if r == '?' as u32 {
            self.diverge(
                DivergenceKind::LiteralQuestionMark,
                t,
                &t[..t.len() - rest.len()],
            );
        }
        self.literal(r)?;
        Ok(rest)
    }

    fn repeat(
        &mut self,
        kind: RepKind,
        min: u32,
        max: Option<u32>,
        before: &'a str,
        after: &'a str,
        last_repeat: &'a str,
    ) -> Result<&'a str, GoRegexError> {
        let mut after = after;
        let mut greedy = !self.flags.non_greedy;
        if after.starts_with('?') {
            after = &after[1..];
            greedy = !greedy;
        }
        if !last_repeat.is_empty() {
            let end = last_repeat.len().saturating_sub(after.len());
            return gerr(GoErrorCode::InvalidRepeatOp, &last_repeat[..end]);
        }
        let spec = &before[..before.len() - after.len()];
        let sub = match self.stack.pop() {
            Some(Item::Node(n)) => n,
            Some(other) => {
                self.stack.push(other);
                return gerr(GoErrorCode::MissingRepeatArgument, spec);
            }
            None => return gerr(GoErrorCode::MissingRepeatArgument, spec),
        };
        let h = 1 + sub.height();
        let node = Node::Repeat {
            kind,
            min,
            max,
            greedy,
            sub: Box::new(sub),
            h,
        };
        self.push(node)?;
        if kind == RepKind::Counted
            && (min >= 2 || max.unwrap_or(0) >= 2)
            && let Some(Item::Node(n)) = self.stack.last()
            && !repeat_is_valid(n, MAX_REPEAT)
        {
            return gerr(GoErrorCode::InvalidRepeatSize, spec);
        }
        Ok(after)
    }

    // Pops the run of nodes above the topmost pseudo-item.
    fn pop_run(&mut self) -> Vec<Node> {
        let mut run = Vec::new();
        while let Some(Item::Node(_)) = self.stack.last() {
            if let Some(Item::Node(n)) = self.stack.pop() {
                run.push(n);
            }
        }
        run.reverse();
        run
    }

    fn concat(&mut self) -> Result<(), GoRegexError> {
        let run = self.pop_run();
        if run.is_empty() {
            return self.push(Node::Empty);
        }
        // Flatten nested concatenations and merge literal runs, as Go's
        // collapse/maybeConcat do (this shapes the height limit).
        let mut out: Vec<Node> = Vec::with_capacity(run.len());
        let mut flat: Vec<Node> = Vec::with_capacity(run.len());
        for n in run {
            match n {
                Node::Concat(v, _) => flat.extend(v),
                other => flat.push(other),
            }
        }
        for n in flat {
            if let (
                Some(Node::Lit { runes, fold }),
                Node::Lit {
                    runes: r2,
                    fold: f2,
                },
            ) = (out.last_mut(), &n)
                && *fold == *f2
            {
                runes.extend_from_slice(r2);
                continue;
            }
            out.push(n);
        }
        let node = if out.len() == 1 {
            out.pop().unwrap_or(Node::Empty)
        } else {
            Node::concat(out)
        };
        self.push(node)
    }

    fn alternate(&mut self) -> Result<(), GoRegexError> {
        let run = self.pop_run();
        let mut flat = Vec::with_capacity(run.len());
        for n in run {
            match n {
                Node::Alternate(v, _) => flat.extend(v),
                other => flat.push(other),
            }
        }
        let node = match flat.len() {
            // Cannot happen after concat(); Go pushes a no-match here.
            0 => Node::Class(Class {
                items: vec![],
                negated: false,
                fold: false,
            }),
            1 => flat.pop().unwrap_or(Node::Empty),
            _ => Node::alternate(flat),
        };
        self.push(node)
    }

    fn swap_vertical_bar(&mut self) -> bool {
        let n = self.stack.len();
        if n >= 2 && matches!(self.stack[n - 2], Item::Bar) {
            self.stack.swap(n - 2, n - 1);
            return true;
        }
        false
    }

    fn parse_vertical_bar(&mut self) -> Result<(), GoRegexError> {
        self.concat()?;
        if !self.swap_vertical_bar() {
            self.stack.push(Item::Bar);
        }
        Ok(())
    }

    fn parse_right_paren(&mut self) -> Result<(), GoRegexError> {
        self.concat()?;
        if self.swap_vertical_bar() {
            self.stack.pop();
        }
        self.alternate()?;
        if self.stack.len() < 2 {
            return gerr(GoErrorCode::UnexpectedParen, self.whole);
        }
        let Some(Item::Node(re1)) = self.stack.pop() else {
            return gerr(GoErrorCode::UnexpectedParen, self.whole);
        };
        match self.stack.pop() {
            Some(Item::LeftParen { capture, saved }) => {
                self.flags = saved;
                if capture {
                    let h = 1 + re1.height();
                    self.push(Node::Capture {
                        sub: Box::new(re1),
                        h,
                    })
                } else {
                    self.push(re1)
                }
            }
            _ => gerr(GoErrorCode::UnexpectedParen, self.whole),
        }
    }

    fn parse_perl_flags(&mut self, t: &'a str) -> Result<&'a str, GoRegexError> {
        let tb = t.as_bytes();
        let starts_with_p = tb.len() > 4 && tb[2] == b'P' && tb[3] == b'<';
        let starts_with_name = tb.len() > 3 && tb[2] == b'<';
        if starts_with_p || starts_with_name {
            let expr_start = if starts_with_name { 3 } else { 4 };
            let Some(end) = t.find('>') else {
                return gerr(GoErrorCode::InvalidNamedCapture, t);
            };
            let capture = &t[..=end];
            let name = t.get(expr_start..end).unwrap_or("");
            if name.is_empty() || !name.chars().all(|c| c == '_' || is_alnum(c)) {
                return gerr(GoErrorCode::InvalidNamedCapture, capture);
            }
            if starts_with_name {
                self.diverge(DivergenceKind::AngleNamedGroup, t, capture);
            }
            if self.names.iter().any(|n| n == name) {
                self.diverge(DivergenceKind::DuplicateGroupName, t, capture);
            }
            self.names.push(name.to_string());
            self.stack.push(Item::LeftParen {
                capture: true,
                saved: self.flags,
            });
            return Ok(&t[end + 1..]);
        }
        let mut rest = &t[2..];
        let mut fl = self.flags;
        let mut negative = false;
        let mut saw_flag = false;
        while let Some((c, r)) = next_char(rest) {
            rest = r;
            match c {
                'i' => {
                    fl.fold = !negative;
                    saw_flag = true;
                }
                'm' => {
                    fl.one_line = negative;
                    saw_flag = true;
                }
                's' => {
                    fl.dot_nl = !negative;
                    saw_flag = true;
                }
                'U' => {
                    fl.non_greedy = !negative;
                    saw_flag = true;
                }
                '-' => {
                    if negative {
                        break;
                    }
                    negative = true;
                    saw_flag = false;
                }
                ':' | ')' => {
                    if negative && !saw_flag {
                        break;
                    }
                    if c == ':' {
                        self.stack.push(Item::LeftParen {
                            capture: false,
                            saved: self.flags,
                        });
                    }
                    self.flags = fl;
                    return Ok(rest);
                }
                _ => break,
            }
        }
        gerr(GoErrorCode::InvalidPerlOp, &t[..t.len() - rest.len()])
    }

    fn parse_perl_class_escape(&mut self, s: &'a str) -> Option<(ClassItem, &'a str)> {
        let b = s.as_bytes();
        if b.len() < 2 || b[0] != b'\\' {
            return None;
        }
        let (ranges, negated) = match b[1] {
            b'd' => (DIGIT, false),
            b'D' => (DIGIT, true),
            b's' => (SPACE_PERL, false),
            b'S' => (SPACE_PERL, true),
            b'w' => (WORD, false),
            b'W' => (WORD, true),
            _ => return None,
        };
        self.diverge(DivergenceKind::AsciiPerlClass, s, &s[..2]);
        Some((ClassItem::Ascii { ranges, negated }, &s[2..]))
    }

    // Returns the items a `\p`/`\P` escape contributes, or None when `s`
    // does not start with one.
    #[allow(clippy::type_complexity)]
    fn parse_unicode_class(
        &mut self,
        s: &'a str,
    ) -> Result<Option<(Vec<ClassItem>, &'a str)>, GoRegexError> {
        let b = s.as_bytes();
        if b.len() < 2 || b[0] != b'\\' || (b[1] != b'p' && b[1] != b'P') {
            return Ok(None);
        }
        let mut negated = b[1] == b'P';
        let t = &s[2..];
        let (c, after) = next_char(t).unwrap_or(('\u{FFFD}', t));
        let (seq, mut name, rest): (&str, &str, &str) = if c == '{' {
            let Some(end) = s.find('}') else {
                return gerr(GoErrorCode::InvalidCharRange, s);
            };
            (&s[..=end], &s[3..end], &s[end + 1..])
        } else {
            let seq = &s[..s.len() - after.len()];
            (seq, &seq[2..], after)
        };
        if let Some(n) = name.strip_prefix('^') {
            negated = !negated;
            name = n;
        }
        let Some((items, invert, new_name)) = unicode_table(name) else {
            return gerr(GoErrorCode::InvalidCharRange, seq);
        };
        if new_name {
            self.diverge(DivergenceKind::NewUnicodeName, s, seq);
        }
        if invert {
            negated = !negated;
        }
        let items = if negated { negate_items(items) } else { items };
        Ok(Some((items, rest)))
    }

    fn parse_escape(&mut self, s: &'a str) -> Result<(u32, &'a str), GoRegexError> {
        let t = &s[1..];
        let Some((c, mut t)) = next_char(t) else {
            return gerr(GoErrorCode::TrailingBackslash, "");
        };
        let fail = |t: &str| gerr(GoErrorCode::InvalidEscape, &s[..s.len() - t.len()]);
        let octal_digit = |t: &str| matches!(t.as_bytes().first(), Some(b'0'..=b'7'));
        match c {
            '1'..='7' | '0' => {
                if c != '0' && !octal_digit(t) {
                    return fail(t);
                }
                let mut r = c as u32 - '0' as u32;
                for _ in 1..3 {
                    if !octal_digit(t) {
                        break;
                    }
                    r = r * 8 + u32::from(t.as_bytes()[0] - b'0');
                    t = &t[1..];
                }
                self.diverge(DivergenceKind::OctalEscape, s, &s[..s.len() - t.len()]);
                Ok((r, t))
            }
            'x' => {
                let Some((c1, t1)) = next_char(t) else {
                    return fail(t);
                };
                t = t1;
                if c1 == '{' {
                    let mut nhex = 0;
                    let mut r: u32 = 0;
                    loop {
                        let Some((d, t2)) = next_char(t) else {
                            return fail(t);
                        };
                        t = t2;
                        if d == '}' {
                            break;
                        }
                        let Some(v) = unhex(d) else {
                            return fail(t);
                        };
                        r = r * 16 + v;
                        if r > 0x0010_FFFF {
                            return fail(t);
                        }
                        nhex += 1;
                    }
                    if nhex == 0 {
                        return fail(t);
                    }
                    if (0xD800..=0xDFFF).contains(&r) {
                        self.diverge(DivergenceKind::SurrogateEscape, s, &s[..s.len() - t.len()]);
                    }
                    return Ok((r, t));
                }
                let x = unhex(c1);
                let (c2, t2) = next_char(t).unwrap_or(('\u{FFFD}', t));
                t = t2;
                match (x, unhex(c2)) {
                    (Some(x), Some(y)) => Ok((x * 16 + y, t)),
                    _ => fail(t),
                }
            }
            'a' => Ok((7, t)),
            'f' => Ok((12, t)),
            'n' => Ok((10, t)),
            'r' => Ok((13, t)),
            't' => Ok((9, t)),
            'v' => Ok((11, t)),
            c if c.is_ascii() && !is_alnum(c) => {
                if c == '<' || c == '>' {
                    self.diverge(DivergenceKind::WordEdgeEscape, s, &s[..2]);
                }
                Ok((c as u32, t))
            }
            _ => fail(t),
        }
    }

    fn parse_class(&mut self, s: &'a str) -> Result<&'a str, GoRegexError> {
        let mut t = &s[1..];
        let mut negated = false;
        if t.starts_with('^') {
            negated = true;
            t = &t[1..];
        }
        let mut items: Vec<ClassItem> = Vec::new();
        let mut first = true;
        // Raw text of the class, for the set-operator check.
        let body_start = t;
        while t.is_empty() || !t.starts_with(']') || first {
            first = false;
            if t.len() > 2
                && t.starts_with("[:")
                && let Some(i) = t[2..].find(":]")
            {
                let name = &t[..i + 4];
                let Some((ranges, neg)) = posix_class(name) else {
                    return gerr(GoErrorCode::InvalidCharRange, name);
                };
                items.push(ClassItem::Ascii {
                    ranges,
                    negated: neg,
                });
                t = &t[i + 4..];
                self.check_escape_dash(t);
                continue;
            }
            if let Some((mut it, rest)) = self.parse_unicode_class(t)? {
                items.append(&mut it);
                t = rest;
                self.check_escape_dash(t);
                continue;
            }
            if let Some((it, rest)) = self.parse_perl_class_escape(t) {
                items.push(it);
                t = rest;
                self.check_escape_dash(t);
                continue;
            }
            let rng = t;
            let (lo, rest) = self.parse_class_char(t, s)?;
            t = rest;
            let mut hi = lo;
            if t.len() >= 2 && t.starts_with('-') && !t[1..].starts_with(']') {
                let (h, rest) = self.parse_class_char(&t[1..], s)?;
                t = rest;
                hi = h;
                if hi < lo {
                    return gerr(GoErrorCode::InvalidCharRange, &rng[..rng.len() - t.len()]);
                }
            }
            if lo <= '?' as u32 && '?' as u32 <= hi && lo == hi {
                self.diverge(DivergenceKind::LiteralQuestionMark, rng, "?");
            }
            items.push(ClassItem::Range(lo, hi));
        }
        let body = &body_start[..body_start.len() - t.len()];
        self.check_set_operators(body, body_start);
        t = &t[1..];
        let fold = self.flags.fold;
        self.push(Node::Class(Class {
            items,
            negated,
            fold,
        }))?;
        Ok(t)
    }

    fn check_escape_dash(&mut self, t: &'a str) {
        if t.len() >= 2 && t.starts_with('-') && !t[1..].starts_with(']') {
            let end = t[1..].chars().next().map_or(1, |c| 1 + c.len_utf8());
            self.diverge(DivergenceKind::ClassEscapeDash, t, &t[..end]);
        }
    }

    fn check_set_operators(&mut self, body: &str, at: &'a str) {
        let b = body.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 2,
                b'[' if !b[i..].starts_with(b"[:") => {
                    self.diverge(DivergenceKind::NestedClassBracket, &at[i..], "[");
                    i += 1;
                }
                c @ (b'&' | b'-' | b'~') if b.get(i + 1) == Some(&c) => {
                    let text = String::from_utf8_lossy(&b[i..i + 2]).into_owned();
                    self.diverge(DivergenceKind::ClassSetOperator, &at[i..], &text);
                    i += 2;
                }
                _ => i += 1,
            }
        }
    }

    fn parse_class_char(
        &mut self,
        t: &'a str,
        whole_class: &'a str,
    ) -> Result<(u32, &'a str), GoRegexError> {
        if t.is_empty() {
            return gerr(GoErrorCode::MissingBracket, whole_class);
        }
        if t.starts_with('\\') {
            return self.parse_escape(t);
        }
        match next_char(t) {
            Some((c, rest)) => Ok((c as u32, rest)),
            None => gerr(GoErrorCode::MissingBracket, whole_class),
        }
    }
}

fn negate_items(items: Vec<ClassItem>) -> Vec<ClassItem> {
    // Only single items reach here (one \p table), so negate in place.
    items
        .into_iter()
        .flat_map(|it| match it {
            ClassItem::Range(0, 0x0010_FFFF) => vec![],
            ClassItem::Range(lo, hi) => {
                let mut v = Vec::new();
                if lo > 0 {
                    v.push(ClassItem::Range(0, lo - 1));
                }
                if hi < 0x0010_FFFF {
                    v.push(ClassItem::Range(hi + 1, 0x0010_FFFF));
                }
                v
            }
            ClassItem::Ascii { ranges, negated } => vec![ClassItem::Ascii {
                ranges,
                negated: !negated,
            }],
            ClassItem::Unicode { prop, negated } => vec![ClassItem::Unicode {
                prop,
                negated: !negated,
            }],
        })
        .collect()
}

// Go's parseRepeat: {n}, {n,}, {n,m}; None means "not a repeat, `{` is
// literal". min is -1 when a number is too big (≥ 1e8).
fn parse_repeat(s: &str) -> Option<(i64, i64, &str)> {
    let s = s.strip_prefix('{')?;
    let (mut min, s) = parse_int(s)?;
    let max;
    let mut s = s;
    if s.is_empty() {
        return None;
    }
    if s.starts_with(',') {
        s = &s[1..];
        if s.is_empty() {
            return None;
        }
        if s.starts_with('}') {
            max = -1;
        } else {
            let (m, rest) = parse_int(s)?;
            s = rest;
            max = m;
            if m < 0 {
                min = -1;
            }
        }
    } else {
        max = min;
    }
    let rest = s.strip_prefix('}')?;
    Some((min, max, rest))
}

fn parse_int(s: &str) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'0'..=b'9')) {
        return None;
    }
    if b.len() >= 2 && b[0] == b'0' && b[1].is_ascii_digit() {
        return None;
    }
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut v: i64 = 0;
    for &c in &b[..n] {
        if v >= 100_000_000 {
            v = -1;
            break;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Some((v, &s[n..]))
}

fn repeat_is_valid(n: &Node, mut limit: i64) -> bool {
    if let Node::Repeat { kind, min, max, .. } = n
        && *kind == RepKind::Counted
    {
        let m = match max {
            Some(0) => return true,
            Some(m) => i64::from(*m),
            None => i64::from(*min),
        };
        if m > limit {
            return false;
        }
        if m > 0 {
            limit /= m;
        }
    }
    children(n).iter().all(|c| repeat_is_valid(c, limit))
}

fn children(n: &Node) -> Vec<&Node> {
    match n {
        Node::Capture { sub, .. } | Node::Repeat { sub, .. } => vec![sub.as_ref()],
        Node::Concat(v, _) | Node::Alternate(v, _) => v.iter().collect(),
        _ => vec![],
    }
}

// Go's calcSize, on this tree.
fn calc_size(n: &Node) -> u64 {
    let size = match n {
        Node::Lit { runes, .. } => runes.len() as u64,
        Node::Capture { sub, .. } => 2 + calc_size(sub),
        Node::Repeat {
            kind,
            min,
            max,
            sub,
            ..
        } => {
            let s = calc_size(sub);
            match kind {
                RepKind::Star => 2 + s,
                RepKind::Plus | RepKind::Quest => 1 + s,
                RepKind::Counted => match max {
                    None if *min == 0 => 2 + s,
                    None => 1u64.saturating_add(u64::from(*min).saturating_mul(s)),
                    Some(mx) => u64::from(*mx)
                        .saturating_mul(s)
                        .saturating_add(u64::from(mx.saturating_sub(*min))),
                },
            }
        }
        Node::Concat(v, _) => v.iter().map(calc_size).fold(0u64, u64::saturating_add),
        Node::Alternate(v, _) => v
            .iter()
            .map(calc_size)
            .fold(0u64, u64::saturating_add)
            .saturating_add(v.len().saturating_sub(1) as u64),
        _ => 0,
    };
    size.max(1)
}

// ---------------------------------------------------------------------------
// Translation to Rust `regex` syntax
// ---------------------------------------------------------------------------

const NEVER: &str = r"[^\x{0}-\x{10FFFF}]";

fn push_cp(out: &mut String, c: u32) {
    // Writing to a `String` cannot fail.
    let _ = write!(out, "\\x{{{c:X}}}");
}

fn push_range(out: &mut String, lo: u32, hi: u32) -> bool {
    // Rust has no surrogate code points; Go's classes may name them but can
    // never match them in text.
    let mut wrote = false;
    for (a, b) in [(lo, hi.min(0xD7FF)), (lo.max(0xE000), hi)] {
        if a <= b {
            push_cp(out, a);
            if b > a {
                out.push('-');
                push_cp(out, b);
            }
            wrote = true;
        }
    }
    wrote
}

fn emit_class(c: &Class, out: &mut String) {
    let mut body = String::new();
    for it in &c.items {
        match it {
            ClassItem::Range(lo, hi) => {
                push_range(&mut body, *lo, *hi);
            }
            ClassItem::Ascii { ranges, negated } => {
                if *negated {
                    body.push_str("[^");
                }
                for (lo, hi) in *ranges {
                    push_range(&mut body, *lo, *hi);
                }
                if *negated {
                    body.push(']');
                }
            }
            ClassItem::Unicode { prop, negated } => {
                body.push_str(if *negated { "\\P{" } else { "\\p{" });
                match prop {
                    UniProp::Category(g) => {
                        body.push_str("gc=");
                        body.push_str(g);
                    }
                    UniProp::Script(s) => {
                        body.push_str("sc=");
                        body.push_str(s);
                    }
                }
                body.push('}');
            }
        }
    }
    let class = if body.is_empty() {
        if c.negated {
            r"[\x{0}-\x{10FFFF}]".to_string()
        } else {
            NEVER.to_string()
        }
    } else if c.negated {
        format!("[^{body}]")
    } else {
        format!("[{body}]")
    };
    if c.fold {
        out.push_str("(?i:");
        out.push_str(&class);
        out.push(')');
    } else {
        out.push_str(&class);
    }
}

fn emit(n: &Node, out: &mut String) {
    match n {
        Node::Empty => out.push_str("(?:)"),
        Node::Lit { runes, fold } => {
            if *fold {
                out.push_str("(?i:");
            }
            for &r in runes {
                if (0xD800..=0xDFFF).contains(&r) {
                    out.push_str(NEVER);
                } else if let Some(ch) = char::from_u32(r).filter(char::is_ascii_alphanumeric) {
                    out.push(ch);
                } else {
                    push_cp(out, r);
                }
            }
            if *fold {
                out.push(')');
            }
        }
        Node::Class(c) => emit_class(c, out),
        Node::AnyNotNl => out.push_str(r"[^\n]"),
        Node::Any => out.push_str(r"(?s:.)"),
        Node::BeginLine => out.push_str("(?m:^)"),
        Node::EndLine => out.push_str("(?m:$)"),
        Node::BeginText => out.push_str(r"\A"),
        Node::EndText => out.push_str(r"\z"),
        Node::WordBoundary => out.push_str(r"(?-u:\b)"),
        Node::NoWordBoundary => out.push_str(r"(?-u:\B)"),
        Node::Capture { sub, .. } => {
            out.push_str("(?:");
            emit(sub, out);
            out.push(')');
        }
        Node::Repeat {
            kind,
            min,
            max,
            greedy,
            sub,
            ..
        } => {
            out.push_str("(?:");
            emit(sub, out);
            out.push(')');
            match kind {
                RepKind::Star => out.push('*'),
                RepKind::Plus => out.push('+'),
                RepKind::Quest => out.push('?'),
                RepKind::Counted => {
                    // Writing to a `String` cannot fail.
                    let _ = match max {
                        Some(m) if m == min => write!(out, "{{{min}}}"),
                        Some(m) => write!(out, "{{{min},{m}}}"),
                        None => write!(out, "{{{min},}}"),
                    };
                }
            }
            if !greedy {
                out.push('?');
            }
        }
        Node::Concat(v, _) => {
            for s in v {
                emit(s, out);
            }
        }
        Node::Alternate(v, _) => {
            out.push_str("(?:");
            for (i, s) in v.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                emit(s, out);
            }
            out.push(')');
        }
    }
}

// ---------------------------------------------------------------------------
// Public type
// ---------------------------------------------------------------------------

/// A pattern Go's `regexp.Compile` accepts, with a Rust engine that matches
/// like Go's.
#[derive(Debug, Clone)]
pub struct GoRegex {
    pattern: String,
    ast: Node,
    rust_pattern: String,
    engine: Option<regex::bytes::Regex>,
    divergences: Vec<Divergence>,
}

impl PartialEq for GoRegex {
    fn eq(&self, other: &Self) -> bool {
        self.pattern == other.pattern
    }
}

fn build_engine(rust_pattern: &str, height: u32) -> Option<regex::bytes::Regex> {
    let build = |p: &str| {
        regex::bytes::RegexBuilder::new(p)
            .size_limit(64 << 20)
            .nest_limit(4 * MAX_HEIGHT + 16)
            .build()
            .ok()
    };
    if height <= 200 {
        return build(rust_pattern);
    }
    // The regex crate's compiler recurses per nesting level and overflows a
    // 2 MiB thread stack somewhere past ~500 nested repetitions, which Go
    // allows up to 1000; give deep patterns a thread with room.
    let owned = rust_pattern.to_string();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || build(&owned))
        .ok()?
        .join()
        .ok()?
}

/// Does the Rust `regex` crate (default settings) accept `pattern` as
/// written? Useful to explain the false positives/negatives of §2.3.
pub fn rust_accepts(pattern: &str) -> bool {
    regex::Regex::new(pattern).is_ok()
}

impl GoRegex {
    /// Parses `pattern` as Go's `regexp.Compile` would.
    pub fn compile(pattern: &str) -> Result<GoRegex, GoRegexError> {
        let parser = Parser {
            whole: pattern,
            flags: Flags {
                fold: false,
                dot_nl: false,
                one_line: true,
                non_greedy: false,
            },
            stack: Vec::new(),
            names: Vec::new(),
            div: Vec::new(),
        };
        let (ast, mut divergences) = parser.parse()?;
        if calc_size(&ast) > MAX_SIZE {
            return gerr(GoErrorCode::Large, pattern);
        }
        let mut rust_pattern = String::new();
        emit(&ast, &mut rust_pattern);
        let engine = build_engine(&rust_pattern, ast.height());
        if let Err(e) = regex::Regex::new(pattern) {
            let msg = e.to_string();
            let last = msg
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string();
            divergences.push(Divergence {
                kind: DivergenceKind::RustRejects,
                offset: 0,
                text: last,
            });
        }
        Ok(GoRegex {
            pattern: pattern.to_string(),
            ast,
            rust_pattern,
            engine,
            divergences,
        })
    }

    /// The Go pattern.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The equivalent Rust `regex` pattern used for matching.
    pub fn rust_pattern(&self) -> &str {
        &self.rust_pattern
    }

    /// False only when the Rust engine refused the translation (a Go-valid
    /// pattern beyond Rust's size limit, e.g. `\pL{1000}` nested further);
    /// `is_match`/`find` then report no match.
    pub fn is_executable(&self) -> bool {
        self.engine.is_some()
    }

    /// Go's `MatchString`: unanchored search.
    pub fn is_match(&self, s: &str) -> bool {
        self.find(s).is_some()
    }

    /// Go's `FindStringIndex`: leftmost-first match, byte offsets.
    pub fn find(&self, s: &str) -> Option<(usize, usize)> {
        let re = self.engine.as_ref()?;
        let hay = s.as_bytes();
        let mut from = 0;
        // Go only tries positions between runes; the byte engine may report
        // an empty-width `\B` match inside a multi-byte character. Every
        // match starting before it would have been found first, so skipping
        // to the next character boundary keeps leftmost-first semantics.
        while from <= hay.len() {
            let m = re.find_at(hay, from)?;
            if s.is_char_boundary(m.start()) && s.is_char_boundary(m.end()) {
                return Some((m.start(), m.end()));
            }
            let mut next = m.start() + 1;
            while next < hay.len() && !s.is_char_boundary(next) {
                next += 1;
            }
            from = next;
        }
        None
    }

    /// Constructs that Go accepts but that differ in the Rust `regex` crate
    /// (or make a Rust-based checker reject the pattern), and suspicious
    /// literals. See `DivergenceKind`.
    pub fn divergences(&self) -> Vec<Divergence> {
        self.divergences.clone()
    }

    /// Where the pattern is anchored (top-level alternatives only, looking
    /// through groups). `(?m)^`/`(?m)$` do not count: after a `%0A` in the
    /// path they match mid-path.
    pub fn anchoring(&self) -> Anchoring {
        let alts: Vec<&Node> = match &self.ast {
            Node::Alternate(v, _) => v.iter().collect(),
            n => vec![n],
        };
        Anchoring {
            start: alts.iter().all(|a| starts_anchored(a)),
            end: alts.iter().all(|a| ends_anchored(a)),
        }
    }

    /// True when the pattern matches every request path (as `path_regexp`
    /// sees it: cleaned, starting with `/`, assumed free of `\n`).
    ///
    /// Rule: the parsed form is evaluated abstractly on three positions
    /// that exist in every path: the start (next character `/`), just after
    /// that `/` (rest unknown) and the end (previous character unknown). A
    /// node "surely" moves between positions when it does so for every
    /// path: the empty string and nullable repeats stay put, a `/` or any
    /// class containing `/` (also `.`) moves from the start past the `/`,
    /// `^`/`\A`/`\B` hold at the start, `$`/`\z` at the end, and an
    /// unbounded repeat of a class matching everything but `\n` (`.*`,
    /// `[\s\S]+`) runs to the end. The pattern matches every path if it
    /// surely matches from the start or surely matches empty at the end
    /// (`""`, `.*`, `^`, `/`, `^/`, `.`, `(?s).*`, `$`, `x*`, `^.*$`). As a
    /// guard the verdict must also hold on a set of sample paths.
    pub fn matches_every_path(&self) -> bool {
        let structural = sure(&self.ast, START) != 0 || sure(&self.ast, END) != 0;
        if !structural {
            return false;
        }
        const SAMPLES: [&str; 10] = [
            "/",
            "/admin",
            "/x/y",
            "/api/v1/status",
            "/index.html",
            "/A/B/c-d_e.f~",
            "/0",
            "/é/日本",
            "/a b/%",
            "/caddy-security/oauth2/x",
        ];
        SAMPLES.iter().all(|p| self.is_match(p))
    }

    /// The pattern reads like one exact path (SEMANTICS §7 rule 14): every
    /// top-level alternative, ignoring trailing anchors, ends in a literal
    /// character other than `/`, a single-character class, or an unbounded
    /// repeat of something that cannot match `/` (`\d+`, `[^/]+`). Open-ended
    /// endings (`/`, `.*`, `.+`, `(/.*)?`) make it a prefix on purpose.
    pub fn looks_like_exact_path(&self) -> bool {
        let alts: Vec<&Node> = match &self.ast {
            Node::Alternate(v, _) => v.iter().collect(),
            n => vec![n],
        };
        alts.iter().all(|a| exact_tail(a) == Some(true))
    }
}

fn starts_anchored(n: &Node) -> bool {
    match n {
        Node::BeginText => true,
        Node::Concat(v, _) => v
            .iter()
            .find(|x| !matches!(x, Node::Empty))
            .is_some_and(starts_anchored),
        Node::Capture { sub, .. } => starts_anchored(sub),
        Node::Repeat { min, sub, .. } => *min >= 1 && starts_anchored(sub),
        Node::Alternate(v, _) => v.iter().all(starts_anchored),
        _ => false,
    }
}

fn ends_anchored(n: &Node) -> bool {
    match n {
        Node::EndText => true,
        Node::Concat(v, _) => v
            .iter()
            .rev()
            .find(|x| !matches!(x, Node::Empty))
            .is_some_and(ends_anchored),
        Node::Capture { sub, .. } => ends_anchored(sub),
        Node::Repeat { min, sub, .. } => *min >= 1 && ends_anchored(sub),
        Node::Alternate(v, _) => v.iter().all(ends_anchored),
        _ => false,
    }
}

// Some(true): ends like an exact path; Some(false): open-ended; None: only
// empty-width (look further left).
fn exact_tail(n: &Node) -> Option<bool> {
    match n {
        Node::Empty
        | Node::BeginLine
        | Node::EndLine
        | Node::BeginText
        | Node::EndText
        | Node::WordBoundary
        | Node::NoWordBoundary => None,
        Node::Lit { runes, .. } => Some(runes.last() != Some(&('/' as u32))),
        Node::Class(c) => Some(!(class_is_only(c, '/'))),
        Node::AnyNotNl | Node::Any => Some(true),
        Node::Capture { sub, .. } => exact_tail(sub),
        Node::Repeat { max, sub, .. } => {
            if max.is_none() {
                Some(!can_match_slash(sub))
            } else {
                exact_tail(sub)
            }
        }
        Node::Concat(v, _) => v.iter().rev().find_map(exact_tail),
        Node::Alternate(v, _) => {
            let mut res = None;
            for a in v {
                match exact_tail(a) {
                    Some(false) => return Some(false),
                    Some(true) => res = Some(true),
                    None => {}
                }
            }
            res
        }
    }
}

fn can_match_slash(n: &Node) -> bool {
    match n {
        Node::Lit { runes, .. } => runes.contains(&('/' as u32)),
        Node::Class(c) => class_contains(c, '/'),
        Node::AnyNotNl | Node::Any => true,
        Node::Capture { sub, .. } | Node::Repeat { sub, .. } => can_match_slash(sub),
        Node::Concat(v, _) | Node::Alternate(v, _) => v.iter().any(can_match_slash),
        _ => false,
    }
}

fn class_is_only(c: &Class, ch: char) -> bool {
    !c.negated && c.items == vec![ClassItem::Range(ch as u32, ch as u32)]
}

fn item_contains(it: &ClassItem, ch: char) -> bool {
    let cp = ch as u32;
    match it {
        ClassItem::Range(lo, hi) => *lo <= cp && cp <= *hi,
        ClassItem::Ascii { ranges, negated } => {
            ranges.iter().any(|(lo, hi)| *lo <= cp && cp <= *hi) != *negated
        }
        ClassItem::Unicode { .. } => {
            let mut p = String::new();
            emit_class(
                &Class {
                    items: vec![it.clone()],
                    negated: false,
                    fold: false,
                },
                &mut p,
            );
            let mut buf = [0u8; 4];
            regex::Regex::new(&format!(r"\A{p}\z"))
                .is_ok_and(|re| re.is_match(ch.encode_utf8(&mut buf)))
        }
    }
}

fn class_contains(c: &Class, ch: char) -> bool {
    // Case folding only adds case variants; `/` has none, and callers only
    // ask about `/` and `\n`.
    c.items.iter().any(|it| item_contains(it, ch)) != c.negated
}

// Matches every scalar value except possibly '\n' (proved from explicit
// ranges and complementary pairs only; unknown cases answer false).
fn class_is_full(c: &Class) -> bool {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for it in &c.items {
        match it {
            ClassItem::Range(lo, hi) => ranges.push((*lo, *hi)),
            ClassItem::Ascii { ranges: r, negated } => {
                if *negated {
                    let mut prev = 0u32;
                    for (lo, hi) in *r {
                        if *lo > prev {
                            ranges.push((prev, lo - 1));
                        }
                        prev = hi + 1;
                    }
                    ranges.push((prev, 0x0010_FFFF));
                } else {
                    ranges.extend_from_slice(r);
                }
            }
            ClassItem::Unicode { prop, negated } => {
                let twin = ClassItem::Unicode {
                    prop: prop.clone(),
                    negated: !negated,
                };
                if c.items.contains(&twin) && !c.negated {
                    return true;
                }
            }
        }
    }
    ranges.sort_unstable();
    if c.negated {
        // Full iff the inner set holds nothing but '\n' and surrogates.
        let only_nl = c.items.iter().all(|it| matches!(it, ClassItem::Range(..)));
        return only_nl
            && ranges
                .iter()
                .all(|(lo, hi)| (*lo == 10 && *hi == 10) || (*lo >= 0xD800 && *hi <= 0xDFFF));
    }
    let mut next = 0u32;
    for (lo, hi) in ranges {
        if lo > next {
            let gap_ok = (lo == next + 1 && next == 10) || (next >= 0xD800 && lo <= 0xE000);
            if !gap_ok {
                return false;
            }
        }
        next = next.max(hi.saturating_add(1));
    }
    next > 0x0010_FFFF
}

const START: u8 = 1;
const AFTER: u8 = 2;
const END: u8 = 4;

fn single_char_full(n: &Node) -> bool {
    match n {
        Node::Any | Node::AnyNotNl => true,
        Node::Class(c) => class_is_full(c),
        Node::Capture { sub, .. } => single_char_full(sub),
        _ => false,
    }
}

fn step(n: &Node, set: u8) -> u8 {
    let mut out = 0;
    for s in [START, AFTER, END] {
        if set & s != 0 {
            out |= sure(n, s);
        }
    }
    out
}

// States that `n` surely reaches from state `s`, for every path.
fn sure(n: &Node, s: u8) -> u8 {
    match n {
        Node::Empty => s,
        Node::Lit { runes, .. } => {
            if s == START && runes.as_slice() == ['/' as u32] {
                AFTER
            } else {
                0
            }
        }
        Node::Class(c) => {
            if s == START && class_contains(c, '/') {
                AFTER
            } else {
                0
            }
        }
        Node::AnyNotNl | Node::Any => {
            if s == START {
                AFTER
            } else {
                0
            }
        }
        Node::BeginText | Node::BeginLine | Node::NoWordBoundary => {
            if s == START {
                START
            } else {
                0
            }
        }
        Node::EndText | Node::EndLine => {
            if s == END {
                END
            } else {
                0
            }
        }
        Node::WordBoundary => 0,
        Node::Capture { sub, .. } => sure(sub, s),
        Node::Concat(v, _) => {
            let mut cur = s;
            for x in v {
                cur = step(x, cur);
                if cur == 0 {
                    return 0;
                }
            }
            cur
        }
        Node::Alternate(v, _) => v.iter().fold(0, |acc, x| acc | sure(x, s)),
        Node::Repeat { min, max, sub, .. } => {
            let mut cur = s;
            for _ in 0..*min {
                let next = step(sub, cur);
                if next == cur {
                    break;
                }
                cur = next;
                if cur == 0 {
                    return 0;
                }
            }
            let extra = match max {
                None => u32::MAX,
                Some(m) => m.saturating_sub(*min),
            };
            let mut acc = cur;
            let mut i = 0;
            while i < extra {
                let next = acc | step(sub, acc);
                if next == acc {
                    break;
                }
                acc = next;
                i += 1;
            }
            if max.is_none() && single_char_full(sub) && acc & (START | AFTER) != 0 {
                acc |= END;
            }
            acc
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(p: &str) -> GoRegex {
        match GoRegex::compile(p) {
            Ok(r) => r,
            Err(e) => panic!("{p:?} should compile: {e}"),
        }
    }

    fn e(p: &str) -> GoRegexError {
        match GoRegex::compile(p) {
            Ok(_) => panic!("{p:?} should be refused"),
            Err(e) => e,
        }
    }

    fn has(p: &str, k: &DivergenceKind) -> bool {
        c(p).divergences().iter().any(|d| d.kind == *k)
    }

    // SEMANTICS §2.3, one test per row.
    #[test]
    fn row_quote_escape() {
        let r = c(r"\Q/api.v1\E");
        assert!(r.is_match("/api.v1"));
        assert!(!r.is_match("/apixv1"));
        assert!(has(r"\Q/api.v1\E", &DivergenceKind::QuoteEscape));
        assert!(!rust_accepts(r"\Q/api.v1\E"));
    }

    #[test]
    fn row_literal_brace() {
        let r = c(r"^/api/{id}$");
        assert!(r.is_match("/api/{id}"));
        assert!(!r.is_match("/api/42"));
        assert!(has(r"^/api/{id}$", &DivergenceKind::LiteralBrace));
        assert!(
            c(r"^/api/{id}$")
                .divergences()
                .iter()
                .any(|d| d.text == "{id}"),
            "the brace text is reported"
        );
        let r = c("a{,3}");
        assert!(r.is_match("a{,3}"));
        assert!(!r.is_match("aa"));
        assert!(has("a{,3}", &DivergenceKind::LiteralBrace));
        assert!(c("a{01}").is_match("a{01}"));
        assert!(c("x{2,1").is_match("x{2,1"));
        assert!(c("a*{").is_match("aaa{"));
        assert!(!rust_accepts("^/api/{id}$"));
    }

    #[test]
    fn row_octal() {
        let r = c(r"\012");
        assert!(r.is_match("\n"));
        assert!(has(r"\012", &DivergenceKind::OctalEscape));
        assert!(c(r"\0").is_match("\0"));
        assert!(c(r"[\012-\234]\141").is_match("\u{9c}a"));
        assert!(!rust_accepts(r"\012"));
        assert_eq!(
            e(r"\8").to_string(),
            "error parsing regexp: invalid escape sequence: `\\8`"
        );
        assert_eq!(
            e(r"\1").to_string(),
            "error parsing regexp: invalid escape sequence: `\\1`"
        );
    }

    #[test]
    fn row_class_escape_dash() {
        let r = c(r"[\d-z]");
        assert!(r.is_match("5"));
        assert!(r.is_match("-"));
        assert!(r.is_match("z"));
        assert!(!r.is_match("m"));
        assert!(has(r"[\d-z]", &DivergenceKind::ClassEscapeDash));
        assert!(!rust_accepts(r"[\d-z]"));
        assert_eq!(e(r"[a-\d]").code, GoErrorCode::InvalidEscape);
    }

    #[test]
    fn row_go_only_errors() {
        let table: &[(&str, &str)] = &[
            (
                "(?x)a",
                "error parsing regexp: invalid or unsupported Perl syntax: `(?x`",
            ),
            (
                "(?R)",
                "error parsing regexp: invalid or unsupported Perl syntax: `(?R`",
            ),
            (
                r"\u0041",
                "error parsing regexp: invalid escape sequence: `\\u`",
            ),
            (
                "a**",
                "error parsing regexp: invalid nested repetition operator: `**`",
            ),
            (
                "a{2}{3}",
                "error parsing regexp: invalid nested repetition operator: `{2}{3}`",
            ),
            (
                "x{1001}",
                "error parsing regexp: invalid repeat count: `{1001}`",
            ),
        ];
        for (p, msg) in table {
            assert_eq!(e(p).to_string(), *msg, "{p}");
            assert!(rust_accepts(p), "Rust accepts {p}");
        }
    }

    #[test]
    fn row_angle_named_group() {
        let r = c("(?<name>x)");
        assert!(r.is_match("x"));
        assert!(has("(?<name>x)", &DivergenceKind::AngleNamedGroup));
        assert!(!has("(?P<name>x)", &DivergenceKind::AngleNamedGroup));
        assert!(rust_accepts("(?<name>x)"));
    }

    #[test]
    fn row_repeat_limit() {
        assert!(GoRegex::compile("x{1000}").is_ok());
        assert_eq!(e("x{1001}").code, GoErrorCode::InvalidRepeatSize);
        assert_eq!(e("x{1000,1001}").code, GoErrorCode::InvalidRepeatSize);
        assert_eq!(e("x{0,1001}").code, GoErrorCode::InvalidRepeatSize);
        assert_eq!(
            e("x{2,1}").to_string(),
            "error parsing regexp: invalid repeat count: `{2,1}`"
        );
        assert_eq!(e("x{9876543210}").code, GoErrorCode::InvalidRepeatSize);
        assert!(GoRegex::compile("(?:[a-z]{4}){0,250}").is_ok());
        assert_eq!(
            e("(?:[a-z]{4}){0,251}").code,
            GoErrorCode::InvalidRepeatSize
        );
        assert_eq!(
            e("((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}){2})").code,
            GoErrorCode::InvalidRepeatSize
        );
        assert!(GoRegex::compile("((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}))").is_ok());
    }

    #[test]
    fn row_nested_class_bracket() {
        let r = c("[[a-z]]");
        assert!(!r.is_match("/a"), "Go needs a trailing ]");
        assert!(r.is_match("a]"));
        assert!(r.is_match("[]"));
        assert!(has("[[a-z]]", &DivergenceKind::NestedClassBracket));
        // Rust reads a nested class and matches "/a".
        assert!(regex::Regex::new("[[a-z]]").is_ok_and(|x| x.is_match("/a")));
    }

    #[test]
    fn row_class_set_operator() {
        let r = c("[a-z&&[^aeiou]]");
        assert!(has("[a-z&&[^aeiou]]", &DivergenceKind::ClassSetOperator));
        assert!(r.is_match("a]"), "class [a-z&\\[^aeiou] then literal ]");
        assert!(r.is_match("&]"));
        assert!(!r.is_match("b"));
        assert!(has("[a-z--b]", &DivergenceKind::ClassSetOperator));
        assert!(has("[a~~b]", &DivergenceKind::ClassSetOperator));
    }

    #[test]
    fn row_word_edges() {
        let r = c(r"\<api\>");
        assert!(r.is_match("<api>"));
        assert!(!r.is_match("api"));
        assert!(has(r"\<api\>", &DivergenceKind::WordEdgeEscape));
        // A word boundary, then the literal text "{start}".
        let r = c(r"\b{start}");
        assert!(r.is_match("a{start}"));
        assert!(!r.is_match("{start}"), "no word character before the brace");
        assert!(!r.is_match("start"));
        assert!(has(r"\b{start}", &DivergenceKind::SpecialWordBoundary));
    }

    #[test]
    fn row_ascii_perl_classes() {
        let r = c(r"^/\d$");
        assert!(r.is_match("/3"));
        assert!(!r.is_match("/٣"), "Go's \\d is ASCII");
        assert!(regex::Regex::new(r"^/\d$").is_ok_and(|x| x.is_match("/٣")));
        assert!(!c(r"\w").is_match("é"));
        assert!(!c(r"\s").is_match("\u{b}"), "Go's \\s lacks \\v");
        assert!(c(r"\S").is_match("\u{b}"));
        assert!(c(r"\W").is_match("é"));
        assert!(!c(r"\bé").is_match("é"), "é is not an ASCII word char");
        assert!(c(r"a\b").is_match("aé"));
        assert!(!c(r"a\B").is_match("aé"));
        assert!(has(r"\d", &DivergenceKind::AsciiPerlClass));
        assert!(has(r"\b", &DivergenceKind::AsciiPerlClass));
        assert!(c(r"(?i)\w").is_match("\u{17f}"), "Go folds \\w to ſ");
        assert!(c(r"(?i)\w").is_match("\u{212a}"), "and to the Kelvin sign");
        assert!(!c(r"(?i)\W").is_match("\u{212a}"));
    }

    #[test]
    fn row_both_reject() {
        for p in [
            r"(?=a)", r"(?!a)", r"(?<=a)", r"(?<!a)", r"\1", r"(a)\1", r"\Z", r"\e", r"\C",
        ] {
            assert!(GoRegex::compile(p).is_err(), "{p}");
            assert!(!rust_accepts(p), "{p}");
        }
        assert_eq!(
            e(r"(?=a)").to_string(),
            "error parsing regexp: invalid or unsupported Perl syntax: `(?=`"
        );
        assert_eq!(
            e(r"(?<=a)").to_string(),
            "error parsing regexp: invalid named capture: `(?<=a)`"
        );
        assert_eq!(
            e(r"\C").to_string(),
            "error parsing regexp: invalid escape sequence: `\\C`"
        );
    }

    #[test]
    fn row_same_in_both() {
        let table: &[(&str, &str, bool)] = &[
            (r"\z", "", true),
            (r"a\z", "ba", true),
            (r"\Aa", "ba", false),
            (r"(?U)a+", "aaa", true),
            (r"(?i)API", "/api", true),
            (r"(?s)a.b", "a\nb", true),
            (r"a.b", "a\nb", false),
            (r"(?m)^b", "a\nb", true),
            (r"^b", "a\nb", false),
            (r"\pL", "é", true),
            (r"\pL", "1", false),
            (r"[[:alpha:]]", "q", true),
            (r"[[:alpha:]]", "é", false),
            (r"\x{41}", "A", true),
            (r"\x41", "A", true),
            (r"a$", "a\n", false),
            (r"(?m)a$", "a\n", true),
        ];
        for (p, s, want) in table {
            assert_eq!(c(p).is_match(s), *want, "{p} on {s:?}");
            assert!(rust_accepts(p), "{p}");
        }
        assert_eq!(c("(?U)a+").find("aaa"), Some((0, 1)));
        assert_eq!(c("a+").find("baaa"), Some((1, 4)));
        assert_eq!(c("a+?").find("baaa"), Some((1, 2)));
        assert_eq!(c("(?U)a+?").find("aaa"), Some((0, 3)));
    }

    #[test]
    fn row_matches_every_path() {
        for p in [
            "",
            ".*",
            "^",
            "/",
            "^/",
            ".",
            "(?s).*",
            "$",
            "x*",
            "^.*$",
            ".+",
            "(?:)",
            "|admin",
            "^/|^/admin",
            r"\B",
            "/?",
            "[^a]",
            r"\W",
            r"[\s\S]*$",
            "(/)",
            "^(?:/.*)?$",
            r"\A/",
            r"/.*",
            "a|",
            "^/*",
        ] {
            assert!(c(p).matches_every_path(), "{p:?} matches everything");
        }
        for p in [
            "^/api",
            "/api",
            "^/$",
            "a",
            "^$",
            r"\b",
            "^/admin|^/api",
            "^//",
            "^.$",
            r"^\d",
            "^/.+$",
            "[^/]",
            "^/[^/]+",
        ] {
            assert!(
                !c(p).matches_every_path(),
                "{p:?} does not match everything"
            );
        }
    }

    #[test]
    fn unanchored_search_like_caddy() {
        let r = c("/api/status");
        for s in [
            "/api/status",
            "/evil/api/status",
            "/api/statusXYZ",
            "/x/api/status/y",
        ] {
            assert!(r.is_match(s), "{s}");
        }
        assert!(!r.is_match("/API/status"), "case-sensitive");
        let a = r.anchoring();
        assert!(!a.start && !a.end);
        assert!(r.looks_like_exact_path());
    }

    #[test]
    fn anchoring_and_exactness() {
        let table: &[(&str, bool, bool, bool)] = &[
            ("^/api/status$", true, true, true),
            (r"\A/api/status\z", true, true, true),
            ("^/api/status", true, false, true),
            ("^/rss/", true, false, false),
            ("^/rss/.*", true, false, false),
            ("^/rss/.+", true, false, false),
            ("^/api/users/\\d+", true, false, true),
            ("^/api/users/[^/]+", true, false, true),
            ("^/a|^/b$", true, false, true),
            ("^/a$|/b$", false, true, true),
            ("(?m)^/a$", false, false, true),
            ("^(?:/a|/b)$", true, true, true),
            ("(^/a)", true, false, true),
            ("^/api/?", true, false, false),
            ("^/files/.*\\.ics$", true, true, true),
            ("", false, false, false),
            ("^", true, false, false),
        ];
        for (p, s, e, x) in table {
            let r = c(p);
            assert_eq!(r.anchoring(), Anchoring { start: *s, end: *e }, "{p}");
            assert_eq!(r.looks_like_exact_path(), *x, "exact {p}");
        }
    }

    #[test]
    fn error_wording_table() {
        let table: &[(&str, &str)] = &[
            ("(", "missing closing ): `(`"),
            ("(a", "missing closing ): `(a`"),
            (")", "unexpected ): `)`"),
            ("a)", "unexpected ): `a)`"),
            ("(a))", "unexpected ): `(a))`"),
            ("a|b)", "unexpected ): `a|b)`"),
            ("[a-z", "missing closing ]: `[a-z`"),
            ("x[a-z", "missing closing ]: `[a-z`"),
            ("([a-z)", "missing closing ]: `[a-z)`"),
            ("[]", "missing closing ]: `[]`"),
            ("[^]", "missing closing ]: `[^]`"),
            ("[z-a]", "invalid character class range: `z-a`"),
            ("[a-Z]", "invalid character class range: `a-Z`"),
            ("[[:foo:]]", "invalid character class range: `[:foo:]`"),
            (r"\pX", "invalid character class range: `\\pX`"),
            (r"\p{Foo}", "invalid character class range: `\\p{Foo}`"),
            (r"\p{L", "invalid character class range: `\\p{L`"),
            (r"\p", "invalid character class range: `\\p`"),
            ("*", "missing argument to repetition operator: `*`"),
            ("a|*", "missing argument to repetition operator: `*`"),
            ("(*)", "missing argument to repetition operator: `*`"),
            ("(?i)*", "missing argument to repetition operator: `*`"),
            (r"\Q\E*", "missing argument to repetition operator: `*`"),
            ("{2}", "missing argument to repetition operator: `{2}`"),
            ("a*??", "invalid nested repetition operator: `*??`"),
            ("a+*", "invalid nested repetition operator: `+*`"),
            ("a?*", "invalid nested repetition operator: `?*`"),
            ("a{1}*", "invalid nested repetition operator: `{1}*`"),
            ("\\", "trailing backslash at end of expression: ``"),
            ("a\\", "trailing backslash at end of expression: ``"),
            (r"\x", "invalid escape sequence: `\\x`"),
            (r"\xZ1", "invalid escape sequence: `\\xZ1`"),
            (r"\xA", "invalid escape sequence: `\\xA`"),
            (r"\x{}", "invalid escape sequence: `\\x{}`"),
            (r"\x{110000}", "invalid escape sequence: `\\x{110000`"),
            (r"\x{12", "invalid escape sequence: `\\x{12`"),
            (r"[\b]", "invalid escape sequence: `\\b`"),
            (r"\é", "invalid escape sequence: `\\é`"),
            ("(?P<name>a", "missing closing ): `(?P<name>a`"),
            ("(?P<name", "invalid named capture: `(?P<name`"),
            ("(?P<x y>a)", "invalid named capture: `(?P<x y>`"),
            ("(?P<>a)", "invalid named capture: `(?P<>`"),
            ("(?<>a)", "invalid named capture: `(?<>`"),
            ("(?P=name)", "invalid or unsupported Perl syntax: `(?P`"),
            ("(?i-)", "invalid or unsupported Perl syntax: `(?i-)`"),
            ("(?-)", "invalid or unsupported Perl syntax: `(?-)`"),
            ("(?i", "invalid or unsupported Perl syntax: `(?i`"),
            ("(?", "invalid or unsupported Perl syntax: `(?`"),
            ("(?--i)", "invalid or unsupported Perl syntax: `(?--`"),
            ("(?'n'a)", "invalid or unsupported Perl syntax: `(?'`"),
        ];
        for (p, msg) in table {
            assert_eq!(
                e(p).to_string(),
                format!("error parsing regexp: {msg}"),
                "{p:?}"
            );
        }
    }

    #[test]
    fn go_accepts_table() {
        type FindCase<'a> = (&'a str, &'a str, Option<(usize, usize)>);
        let table: &[FindCase] = &[
            ("(?)a", "a", Some((0, 1))),
            ("a(?i)*", "aaa", Some((0, 3))),
            ("a*(?i)*", "aa", Some((0, 2))),
            ("^*", "x", Some((0, 0))),
            (r"\b*", "x", Some((0, 0))),
            ("(?:)*", "", Some((0, 0))),
            ("|", "x", Some((0, 0))),
            ("(|a)", "a", Some((0, 0))),
            ("a|ab", "ab", Some((0, 1))),
            ("ab|a", "ab", Some((0, 2))),
            (r"\_", "_", Some((0, 1))),
            (r"\Q\\E", "\\", Some((0, 1))),
            (r"\Qab\E+", "abbb", Some((0, 4))),
            (r"\Q+\E+", "++", Some((0, 2))),
            (r"\Qa", "a", Some((0, 1))),
            ("(?P<a>x)(?P<a>y)", "xy", Some((0, 2))),
            ("(?i)k", "\u{212a}", Some((0, 3))),
            ("(?i:a)b", "AB", None),
            ("(?i)a(?-i)b", "AB", None),
            ("(?i)a(?-i)b", "Ab", Some((0, 2))),
            ("(a(?i)b)c", "aBC", None),
            ("(a(?i)b)c", "aBc", Some((0, 3))),
            (r"\x{D800}|a", "a", Some((0, 1))),
            (r"[\x{D800}-\x{E000}]", "\u{e000}", Some((0, 3))),
            (r"[^\x{0}-\x{10FFFF}]|b", "b", Some((0, 1))),
            (r"\p{^Greek}", "a", Some((0, 1))),
            (r"\P{^Greek}", "α", Some((0, 2))),
            (r"\p{Any}", "\n", Some((0, 1))),
            (r"\P{Any}", "a", None),
            (r"[\P{Any}b]", "b", Some((0, 1))),
            (r"\p{Greek}", "α", Some((0, 2))),
            (r"\p{greek}", "α", Some((0, 2))),
            (r"\p{Letter}", "é", Some((0, 2))),
            (r"\p{upper case-let ter}", "É", Some((0, 2))),
            (r"\p{Lu}", "é", None),
            (r"(?i)\p{Lu}", "é", Some((0, 2))),
            (r"\p{Canadian_Aboriginal}", "\u{1401}", Some((0, 3))),
            (r"\p{Assigned}", "a", Some((0, 1))),
            (r"\p{^Assigned}", "a", None),
            (r"(?i)\p{ascii}", "\u{17f}", Some((0, 2))),
            (r"\pN", "5", Some((0, 1))),
            (r"[\p{Nd}x]", "x", Some((0, 1))),
            (r"[^\D]", "7", Some((0, 1))),
            (r"[^\D]", "a", None),
            (r"[[:^alpha:]]", "1", Some((0, 1))),
            (r"[[:word:]]+", "a_1-", Some((0, 3))),
            ("[]a]", "]", Some((0, 1))),
            ("[a-]", "-", Some((0, 1))),
            ("[-a]", "-", Some((0, 1))),
            (r"[\-]", "-", Some((0, 1))),
            ("[^a]", "\n", Some((0, 1))),
            (".", "\n", None),
            ("a.c", "a\u{FFFD}c", Some((0, 5))),
            ("x*", "\u{e9}", Some((0, 0))),
            (r"\B", "a\u{e9}b", None),
            (r"\B", "\u{e9}", Some((0, 0))),
            (r"é\B", "éé", Some((0, 2))),
        ];
        for (p, s, want) in table {
            let r = c(p);
            assert!(r.is_executable(), "{p}");
            assert_eq!(
                r.find(s),
                *want,
                "{p:?} on {s:?} (rust: {})",
                r.rust_pattern()
            );
        }
    }

    #[test]
    fn nesting_and_size_limits() {
        let ok = format!("{}{}", "(".repeat(999), ")".repeat(999));
        assert!(GoRegex::compile(&ok).is_ok());
        let deep = format!("{}{}", "(".repeat(1000), ")".repeat(1000));
        assert_eq!(e(&deep).code, GoErrorCode::NestingDepth);
        let ok = format!("{}{}", "(?:".repeat(999), ")*".repeat(999));
        assert!(GoRegex::compile(&ok).is_ok());
        let deep = format!("{}{}", "(?:".repeat(1000), ")*".repeat(1000));
        assert_eq!(e(&deep).code, GoErrorCode::NestingDepth);
        let flat = format!("({})", "|".repeat(12345));
        assert!(GoRegex::compile(&flat).is_ok());
        let large = format!("({}){{1000}}", "(xx?)".repeat(1000));
        assert_eq!(e(&large).code, GoErrorCode::Large);
        let large = "(xx?){1000}".repeat(1000);
        assert_eq!(e(&large).code, GoErrorCode::Large);
        // Unclosed deep nesting is a syntax error, not a depth error.
        let open = "(".repeat(5000);
        assert_eq!(e(&open).code, GoErrorCode::MissingParen);
        let huge = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
        assert_eq!(e(&huge).code, GoErrorCode::NestingDepth);
    }

    #[test]
    fn divergence_flags() {
        assert!(has("(?P<a>x)(?P<a>y)", &DivergenceKind::DuplicateGroupName));
        assert!(has(r"\x{D800}", &DivergenceKind::SurrogateEscape));
        assert!(has(r"\p{Letter}", &DivergenceKind::NewUnicodeName));
        assert!(has(r"\p{greek}", &DivergenceKind::NewUnicodeName));
        assert!(!has(r"\p{Greek}", &DivergenceKind::NewUnicodeName));
        assert!(has(r"/x\?y=1", &DivergenceKind::LiteralQuestionMark));
        assert!(has(r"/x[?]y", &DivergenceKind::LiteralQuestionMark));
        assert!(!has(r"/xy?", &DivergenceKind::LiteralQuestionMark));
        assert!(has(r"^/api/{id}$", &DivergenceKind::RustRejects));
        assert!(c("^/api/status$").divergences().is_empty());
        let d = c(r"[\d-z]").divergences();
        assert!(d.iter().any(super::Divergence::rust_rejects));
        assert!(
            c("[[a-z]]")
                .divergences()
                .iter()
                .any(super::Divergence::changes_meaning)
        );
        assert!(!d.is_empty() && !d[0].to_string().is_empty());
    }

    #[test]
    fn translation_is_accepted_by_rust() {
        for p in [
            r"\Q/api.v1\E",
            r"^/api/{id}$",
            r"\012",
            r"[\d-z]",
            "[[a-z]]",
            r"\<x\>",
            r"\b{start}",
            "(?P<a>x)(?P<a>y)",
            r"\x{D800}",
            "a(?i)*",
            "^*",
            r"(?i)[^\W\d]",
            r"[\p{Greek}\P{Lu}]",
            r"(?s:.)|(?m:^$)",
            r"[[:^space:][:digit:]]",
            "(?U)a{2,5}b*?",
        ] {
            let r = c(p);
            assert!(r.is_executable(), "{p} -> {}", r.rust_pattern());
        }
    }

    #[test]
    fn fuzz_no_panic() {
        let alphabet: Vec<char> = r"ab/.*+?{}[]()|^$\-,0123:PpQEdwsbBzAx<>&~é=!iU"
            .chars()
            .collect();
        let mut state: u64 = 0x853c_49e6_748f_ea9b;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let n = u64::try_from(alphabet.len()).unwrap();
        let mut compiled = 0;
        for _ in 0..30_000 {
            let len = usize::try_from(next() % 12).unwrap();
            let p: String = (0..len)
                .map(|_| alphabet[usize::try_from(next() % n).unwrap()])
                .collect();
            if let Ok(r) = GoRegex::compile(&p) {
                compiled += 1;
                assert!(r.is_executable(), "{p:?} -> {}", r.rust_pattern());
                for s in ["", "/", "/a/b", "ab{}", "é/x"] {
                    let _ = r.find(s);
                }
                let _ = (
                    r.matches_every_path(),
                    r.anchoring(),
                    r.looks_like_exact_path(),
                );
                let _ = r.divergences();
            }
        }
        assert!(compiled > 1000);
    }
}
