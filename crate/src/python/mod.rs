//! The Python the playground's editor runs: a subset of Python 3.11 that covers what an
//! asyncio tutorial writes, read into a syntax tree that keeps where each part came from.
//! What is not Python is refused with CPython's words; what is Python but not in the
//! subset is refused with a sentence naming it, before anything runs.

pub mod ast;
pub mod lexer;
pub mod parser;

use std::fmt;

/// A place in the source: line from 1, column from 0, in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A stretch of source, from `start` up to (not including) `end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub fn at(pos: Pos) -> Span {
        Span { start: pos, end: pos }
    }

    pub fn to(self, other: Span) -> Span {
        Span { start: self.start, end: other.end }
    }
}

/// Why a program cannot run: not Python (`SyntaxError`), or Python the playground
/// does not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    /// True when the program is Python, but outside the playground's subset.
    pub unsupported: bool,
}

impl SyntaxError {
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        SyntaxError { message: message.into(), span, unsupported: false }
    }

    pub fn unsupported(what: impl fmt::Display, span: Span) -> Self {
        SyntaxError { message: format!("{what} not supported in the playground"), span, unsupported: true }
    }
}

impl fmt::Display for SyntaxError {
    /// As CPython's last line: `SyntaxError: expected ':'`, with the place.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.unsupported { "NotSupported" } else { "SyntaxError" };
        write!(f, "line {}, column {}: {kind}: {}", self.span.start.line, self.span.start.col + 1, self.message)
    }
}

pub use parser::parse;
