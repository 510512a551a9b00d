//! Evaluation errors: the same kinds of error Nix reports.

use std::fmt;

use crate::files::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    MissingAttribute,
    UndefinedVariable,
    InfiniteRecursion,
    /// "value is X while Y was expected", calling a non-function, comparing
    /// incomparable values...
    TypeError,
    /// "cannot coerce X to a string"
    CannotCoerce,
    AssertionFailed,
    /// `throw`: the message is the user's.
    Throw,
    /// `abort`
    Abort,
    DivisionByZero,
    /// A function called without a required or with an unexpected argument.
    BadArgument,
    IndexOutOfBounds,
    SyntaxError,
    DuplicateAttribute,
    /// Reading a file failed (missing, outside the root, not text, too big).
    FileError,
    InvalidRegex,
    InvalidJson,
    /// The step or depth budget ran out.
    EvaluationLimit,
    /// The caller gave up on this evaluation (an editor's newer text
    /// superseded it); its result is never shown.
    Cancelled,
    /// Module system: conflicting definitions of a single-valued option.
    ConflictingDefinitions,
    /// Module system: an option used without a value.
    UndefinedOption,
    /// Module system: a definition that does not match the option's type,
    /// a malformed module, `mkIf` with a non-Boolean...
    ModuleError,
    /// Anything else Nix reports as a plain `error:`.
    Other,
}

impl ErrorKind {
    /// `builtins.tryEval` catches these and only these.
    pub fn is_catchable(self) -> bool {
        matches!(self, ErrorKind::Throw | ErrorKind::AssertionFailed)
    }

    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::MissingAttribute => "missing attribute",
            ErrorKind::UndefinedVariable => "undefined variable",
            ErrorKind::InfiniteRecursion => "infinite recursion",
            ErrorKind::TypeError => "type error",
            ErrorKind::CannotCoerce => "cannot coerce",
            ErrorKind::AssertionFailed => "assertion failed",
            ErrorKind::Throw => "throw",
            ErrorKind::Abort => "abort",
            ErrorKind::DivisionByZero => "division by zero",
            ErrorKind::BadArgument => "bad function argument",
            ErrorKind::IndexOutOfBounds => "index out of bounds",
            ErrorKind::SyntaxError => "syntax error",
            ErrorKind::DuplicateAttribute => "duplicate attribute",
            ErrorKind::FileError => "file error",
            ErrorKind::InvalidRegex => "invalid regular expression",
            ErrorKind::InvalidJson => "invalid JSON",
            ErrorKind::EvaluationLimit => "evaluation limit",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::ConflictingDefinitions => "conflicting definitions",
            ErrorKind::UndefinedOption => "option used but not defined",
            ErrorKind::ModuleError => "module error",
            ErrorKind::Other => "error",
        }
    }
}

#[derive(Debug, Clone)]
pub struct EvalError {
    pub kind: ErrorKind,
    pub message: String,
    pub span: Span,
    /// Secondary locations ("while evaluating ...", "defined here").
    pub notes: Vec<(Span, String)>,
}

pub type EResult<T> = Result<T, Box<EvalError>>;

impl EvalError {
    pub fn new(kind: ErrorKind, message: impl Into<String>, span: Span) -> Box<EvalError> {
        Box::new(EvalError {
            kind,
            message: message.into(),
            span,
            notes: Vec::new(),
        })
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub fn type_error<T>(message: impl Into<String>, span: Span) -> EResult<T> {
    Err(EvalError::new(ErrorKind::TypeError, message, span))
}
