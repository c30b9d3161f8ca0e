//! The error type of the embedding API: a syntax error, a Python exception, a limit
//! that ran out, or a value that did not convert. It carries CPython's full report
//! (`Traceback ...`), so a host can show exactly what `python3` would have printed.

use std::fmt;

use tracelift_interp::{ExcKind, PyErr, TracebackEntry};
use tracelift_syntax::{SyntaxError, SyntaxErrorKind};

/// What kind of failure an [`Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The source did not parse or compile (`SyntaxError`, `IndentationError`, ...).
    Syntax(SyntaxErrorKind),
    /// The script raised a Python exception.
    Exception(ExcKind),
    /// The step budget set with [`crate::Vm::set_fuel`] ran out.
    FuelExhausted,
    /// The host stopped the script through an [`crate::InterruptHandle`].
    Interrupted,
    /// A run took longer than the limit set with [`crate::Vm::set_time_limit`].
    TimeLimitExceeded,
    /// A value could not be converted to the Rust type asked for, or a global or
    /// function the host named does not exist.
    Conversion,
    /// Reading a script file failed.
    Io,
}

/// An error from running or calling into a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    line: Option<u32>,
    traceback: Vec<TracebackEntry>,
    report: String,
}

impl Error {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message alone (`division by zero`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The source line the error points at: the innermost frame of a traceback, or
    /// the line of a syntax error.
    pub fn line(&self) -> Option<u32> {
        self.line
    }

    /// The frames the exception passed through, outermost first.
    pub fn traceback(&self) -> &[TracebackEntry] {
        &self.traceback
    }

    /// The whole report as CPython prints it on stderr, ending with a newline.
    pub fn report(&self) -> &str {
        &self.report
    }

    /// The exception's class name (`ZeroDivisionError`, `SyntaxError`, ...).
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ErrorKind::Syntax(kind) => kind.name(),
            ErrorKind::Exception(kind) => kind.name(),
            ErrorKind::FuelExhausted => "FuelExhausted",
            ErrorKind::Interrupted => "Interrupted",
            ErrorKind::TimeLimitExceeded => "TimeLimitExceeded",
            ErrorKind::Conversion => "TypeError",
            ErrorKind::Io => "OSError",
        }
    }

    pub(crate) fn from_exception(mut error: PyErr, report: String) -> Error {
        let traceback = error.take_traceback();
        let line = traceback.last().map(|entry| entry.line);
        let kind = match error.kind {
            ExcKind::FuelExhausted => ErrorKind::FuelExhausted,
            ExcKind::Interrupted => ErrorKind::Interrupted,
            ExcKind::TimeLimitExceeded => ErrorKind::TimeLimitExceeded,
            other => ErrorKind::Exception(other),
        };
        Error {
            kind,
            line,
            traceback,
            message: error.message,
            report,
        }
    }

    pub(crate) fn from_syntax(error: SyntaxError, filename: &str, source: &str) -> Error {
        Error {
            kind: ErrorKind::Syntax(error.kind),
            line: Some(error.line),
            report: error.render(filename, source),
            message: error.message,
            traceback: Vec::new(),
        }
    }

    /// An error that is not a Python exception (conversions, I/O).
    pub(crate) fn other(kind: ErrorKind, message: impl Into<String>) -> Error {
        let message = message.into();
        let mut error = Error {
            kind,
            message,
            line: None,
            traceback: Vec::new(),
            report: String::new(),
        };
        error.report = format!("{}: {}\n", error.type_name(), error.message);
        error
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.type_name(), self.message)?;
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
