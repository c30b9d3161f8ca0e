//! The error every front-end failure becomes: CPython's `SyntaxError` family.
//!
//! It carries the kind (`SyntaxError`, `IndentationError`, `TabError`), CPython's message
//! and the position, so the facade can print the same report CPython prints:
//! `File "x.py", line N`, the source line, a caret, then `Kind: message`.

use std::fmt;

/// Which exception class CPython would raise for this front-end error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// A front-end error at a source position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub message: String,
    /// 1-based line of the error.
    pub line: u32,
    /// 0-based column (in characters) where the caret goes.
    pub col: u32,
}

impl SyntaxError {
    pub fn new(message: impl Into<String>, line: u32, col: u32) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            message: message.into(),
            line,
            col,
        }
    }

    pub fn with_kind(mut self, kind: SyntaxErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// The error for a construct outside the subset, e.g.
    /// `'class' is not supported (line 3)`.
    pub fn unsupported(construct: &str, line: u32, col: u32) -> Self {
        SyntaxError::new(
            format!("{construct} is not supported (line {line})"),
            line,
            col,
        )
    }

    /// CPython's full report for this error in file `filename` whose text is `source`:
    /// the `File` line, the offending source line with a caret, and `Kind: message`.
    pub fn render(&self, filename: &str, source: &str) -> String {
        let mut out = format!("  File \"{}\", line {}\n", filename, self.line);
        if let Some(text) = source.lines().nth(self.line.saturating_sub(1) as usize) {
            let trimmed = text.trim_start();
            let indent = text.chars().count() - trimmed.chars().count();
            let trimmed = trimmed.trim_end();
            if !trimmed.is_empty() {
                let caret = (self.col as usize).saturating_sub(indent);
                out.push_str(&format!("    {}\n    {}^\n", trimmed, " ".repeat(caret)));
            }
        }
        out.push_str(&format!("{}: {}\n", self.kind.name(), self.message));
        out
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (line {})",
            self.kind.name(),
            self.message,
            self.line
        )
    }
}

impl std::error::Error for SyntaxError {}
