//! Python exceptions as the interpreter raises them: a kind, CPython's message and the
//! traceback collected while the error unwinds the interpreter's frames.
//!
//! There is no `try`/`except` in the subset, so an exception always ends the program;
//! [`PyErr::render`] produces the report CPython writes to stderr.

use std::fmt;
use std::rc::Rc;

/// Declares the exception kinds with their Python class names.
macro_rules! exception_kinds {
    ($($(#[doc = $doc:literal])* $variant:ident),* $(,)?) => {
        /// The class of an exception.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ExcKind { $($(#[doc = $doc])* $variant),* }

        impl ExcKind {
            /// The Python class name, as printed on the last line of a traceback.
            pub fn name(self) -> &'static str {
                match self { $(ExcKind::$variant => stringify!($variant)),* }
            }
        }
    };
}

exception_kinds! {
    ZeroDivisionError,
    TypeError,
    IndexError,
    ValueError,
    NameError,
    UnboundLocalError,
    AssertionError,
    RecursionError,
    OverflowError,
    AttributeError,
    MemoryError,
    RuntimeError,
    /// Not a Python class: the embedding host's step budget ran out.
    FuelExhausted,
    /// Not a Python class: the host interrupted the script from another thread.
    Interrupted,
    /// Not a Python class: the run took longer than the host's time limit.
    TimeLimitExceeded,
}

/// One line of a traceback: where a frame was when the error passed through it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TracebackEntry {
    pub filename: Rc<str>,
    pub line: u32,
    pub function: Rc<str>,
}

/// A raised exception.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyErr {
    pub kind: ExcKind,
    pub message: String,
    /// Innermost frame first: on its way out an error passes through the frames of
    /// run after run (nested runs, one per level of a compiled recursion), and each
    /// adds its own entries after those already there, outside them
    /// ([`PyErr::add_outer_frames`]), at a cost that does not grow with the depth.
    /// [`PyErr::traceback`] reads it outermost first, as CPython prints it.
    traceback_inward: Vec<TracebackEntry>,
}

impl PyErr {
    pub fn new(kind: ExcKind, message: impl Into<String>) -> PyErr {
        PyErr {
            kind,
            message: message.into(),
            traceback_inward: Vec::new(),
        }
    }

    /// The traceback, outermost frame first.
    pub fn traceback(&self) -> impl DoubleEndedIterator<Item = &TracebackEntry> + '_ {
        self.traceback_inward.iter().rev()
    }

    /// The traceback, outermost frame first, taken out.
    pub fn take_traceback(&mut self) -> Vec<TracebackEntry> {
        let mut entries = std::mem::take(&mut self.traceback_inward);
        entries.reverse();
        entries
    }

    /// Adds the entries of frames the error passed through on its way out, outermost
    /// first, outside those already there.
    pub fn add_outer_frames(
        &mut self,
        outermost_first: impl DoubleEndedIterator<Item = TracebackEntry>,
    ) {
        self.traceback_inward.extend(outermost_first.rev());
    }

    pub fn type_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::TypeError, message)
    }

    pub fn value_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ValueError, message)
    }

    pub fn index_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::IndexError, message)
    }

    pub fn zero_division(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ZeroDivisionError, message)
    }

    /// The last line of the report: `Kind: message`, or just `Kind` without a message.
    pub fn summary(&self) -> String {
        if self.message.is_empty() {
            self.kind.name().to_string()
        } else {
            format!("{}: {}", self.kind.name(), self.message)
        }
    }

    /// The whole report CPython prints for an uncaught exception. `source_line` gives
    /// the text of a line of a file, when known, to quote under each frame. Runs of more
    /// than three identical frames are folded as CPython does.
    pub fn render(&self, source_line: &dyn Fn(&str, u32) -> Option<String>) -> String {
        let mut out = String::new();
        if !self.traceback_inward.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
        }
        let mut previous: Option<&TracebackEntry> = None;
        let mut repeats = 0usize;
        for entry in self.traceback() {
            if previous == Some(entry) {
                repeats += 1;
                if repeats >= 3 {
                    continue;
                }
            } else {
                flush_repeats(&mut out, repeats);
                repeats = 0;
            }
            previous = Some(entry);
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                entry.filename, entry.line, entry.function
            ));
            if let Some(text) = source_line(&entry.filename, entry.line) {
                let text = text.trim();
                if !text.is_empty() {
                    out.push_str(&format!("    {text}\n"));
                }
            }
        }
        flush_repeats(&mut out, repeats);
        out.push_str(&self.summary());
        out.push('\n');
        out
    }
}

/// Writes CPython's `[Previous line repeated N more times]` for a folded run.
fn flush_repeats(out: &mut String, repeats: usize) {
    if repeats >= 3 {
        let more = repeats - 2;
        let plural = if more == 1 { "" } else { "s" };
        out.push_str(&format!(
            "  [Previous line repeated {more} more time{plural}]\n"
        ));
    }
}

impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}

impl std::error::Error for PyErr {}

impl From<crate::numeric::NumError> for PyErr {
    fn from(error: crate::numeric::NumError) -> PyErr {
        use crate::numeric::NumErrorKind;
        let kind = match error.kind {
            NumErrorKind::ZeroDivision => ExcKind::ZeroDivisionError,
            NumErrorKind::Overflow => ExcKind::OverflowError,
            NumErrorKind::Value => ExcKind::ValueError,
            NumErrorKind::Memory => ExcKind::MemoryError,
        };
        PyErr::new(kind, error.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(line: u32, function: &str) -> TracebackEntry {
        TracebackEntry {
            filename: "x.py".into(),
            line,
            function: function.into(),
        }
    }

    #[test]
    fn folds_repeated_frames_like_cpython() {
        let mut error = PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded");
        let mut frames = vec![entry(4, "<module>")];
        frames.extend((0..10).map(|_| entry(2, "f")));
        error.add_outer_frames(frames.into_iter());
        let source = |_: &str, line: u32| Some(format!("line{line}()"));
        expect_test::expect![[r#"
            Traceback (most recent call last):
              File "x.py", line 4, in <module>
                line4()
              File "x.py", line 2, in f
                line2()
              File "x.py", line 2, in f
                line2()
              File "x.py", line 2, in f
                line2()
              [Previous line repeated 7 more times]
            RecursionError: maximum recursion depth exceeded
        "#]]
        .assert_eq(&error.render(&source));
    }
}
