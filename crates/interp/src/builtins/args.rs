//! Argument checking shared by builtins and methods, with CPython's messages.

use crate::exception::{ExcKind, PyErr};
use crate::numeric::IntRef;
use crate::value::Value;

/// `name() takes exactly one argument (N given)` unless exactly one was passed.
pub fn exactly_one<'a>(name: &str, args: &'a [Value]) -> Result<&'a Value, PyErr> {
    match args {
        [only] => Ok(only),
        _ => Err(PyErr::type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

/// `name() takes no arguments (N given)` unless none were passed.
pub fn none(name: &str, args: &[Value]) -> Result<(), PyErr> {
    if args.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!(
            "{name}() takes no arguments ({} given)",
            args.len()
        )))
    }
}

/// Checks `min..=max` positional arguments with CPython's wording for methods.
pub fn count(name: &str, args: &[Value], min: usize, max: usize) -> Result<(), PyErr> {
    if args.len() < min {
        return Err(PyErr::type_error(format!(
            "{name}() takes at least {min} argument{} ({} given)",
            if min == 1 { "" } else { "s" },
            args.len()
        )));
    }
    if args.len() > max {
        return Err(PyErr::type_error(format!(
            "{name}() takes at most {max} argument{} ({} given)",
            if max == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}

/// An argument used as an index: an int that fits in i64 (CPython clamps or raises for
/// larger ones depending on the function; callers decide).
pub fn index_value(value: &Value) -> Result<Option<i64>, PyErr> {
    match value.as_int() {
        Some(IntRef::Small(small)) => Ok(Some(small)),
        Some(IntRef::Big(_)) => Ok(None),
        None => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            value.type_name()
        ))),
    }
}

/// An int argument CPython converts to a C `ssize_t` (`list.pop`, `list.insert`):
/// one outside i64 raises `OverflowError`, as the conversion does.
pub fn ssize_value(value: &Value) -> Result<i64, PyErr> {
    index_value(value)?.ok_or_else(|| {
        PyErr::new(
            ExcKind::OverflowError,
            "Python int too large to convert to C ssize_t",
        )
    })
}

/// The string argument of a str method, with CPython's message otherwise.
pub fn str_arg<'a>(value: &'a Value, what: &str) -> Result<&'a str, PyErr> {
    match value {
        Value::Str(text) => Ok(text.as_str()),
        other => Err(PyErr::type_error(format!(
            "{what} must be str, not {}",
            other.type_name()
        ))),
    }
}
