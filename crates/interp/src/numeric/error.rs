//! The one error type of the numeric core.
//!
//! Every fallible numeric operation returns `Result<_, NumError>`. A `NumError` names the
//! Python exception class through [`NumErrorKind`] and carries the exact CPython 3.11 message,
//! so the interpreter can print `ZeroDivisionError: division by zero` without knowing which
//! operation failed. The constructors here are the only place messages are spelled, except
//! for messages that embed values (those are built next to the code that knows the values).

use std::fmt;

/// Which Python exception a [`NumError`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumErrorKind {
    /// Python's `ZeroDivisionError`.
    ZeroDivision,
    /// Python's `OverflowError`. Also used for results this crate refuses to build because
    /// they are absurdly large (where CPython would try and raise `MemoryError` or hang).
    Overflow,
    /// Python's `ValueError`.
    Value,
    /// Python's `MemoryError`: the result would not fit the host's memory limit, or
    /// the allocator refused it.
    Memory,
}

impl NumErrorKind {
    /// The Python name of the exception class, e.g. `ZeroDivisionError`.
    pub fn python_name(self) -> &'static str {
        match self {
            NumErrorKind::ZeroDivision => "ZeroDivisionError",
            NumErrorKind::Overflow => "OverflowError",
            NumErrorKind::Value => "ValueError",
            NumErrorKind::Memory => "MemoryError",
        }
    }
}

/// A Python exception raised by a numeric operation: its class and its exact message.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NumError {
    /// The exception class.
    pub kind: NumErrorKind,
    /// The message, exactly as CPython 3.11 prints it after `ClassName: `.
    pub message: String,
}

impl NumError {
    /// Builds an error of the given kind with the given message.
    pub fn new(kind: NumErrorKind, message: impl Into<String>) -> NumError {
        NumError {
            kind,
            message: message.into(),
        }
    }

    /// A `ZeroDivisionError` with the given message.
    pub fn zero_division(message: impl Into<String>) -> NumError {
        NumError::new(NumErrorKind::ZeroDivision, message)
    }

    /// An `OverflowError` with the given message.
    pub fn overflow(message: impl Into<String>) -> NumError {
        NumError::new(NumErrorKind::Overflow, message)
    }

    /// A `ValueError` with the given message.
    pub fn value(message: impl Into<String>) -> NumError {
        NumError::new(NumErrorKind::Value, message)
    }

    /// The error for a result that would exceed [`super::limits::MAX_INT_BITS`]. CPython
    /// raises `OverflowError: too many digits in integer` only past about 2**61 digits and
    /// `MemoryError` (or runs for hours) below that; this crate gives up much earlier and
    /// reuses the `OverflowError` text.
    pub fn int_too_large() -> NumError {
        NumError::overflow("too many digits in integer")
    }

    /// A `MemoryError` (no message, as CPython's).
    pub fn memory() -> NumError {
        NumError::new(NumErrorKind::Memory, "")
    }

    /// `OverflowError: int too large to convert to float`.
    pub fn int_to_float_overflow() -> NumError {
        NumError::overflow("int too large to convert to float")
    }

    /// `OverflowError: cannot convert float infinity to integer`.
    pub fn float_infinity_to_int() -> NumError {
        NumError::overflow("cannot convert float infinity to integer")
    }

    /// `ValueError: cannot convert float NaN to integer`.
    pub fn float_nan_to_int() -> NumError {
        NumError::value("cannot convert float NaN to integer")
    }

    /// `ZeroDivisionError: 0.0 cannot be raised to a negative power`.
    pub fn zero_to_negative_power() -> NumError {
        NumError::zero_division("0.0 cannot be raised to a negative power")
    }
}

impl fmt::Display for NumError {
    /// Formats the error as the last line of a Python traceback, `ClassName: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.python_name(), self.message)
    }
}

impl std::error::Error for NumError {}
