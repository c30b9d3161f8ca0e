//! The builtin functions and the methods of the builtin types, with CPython's argument
//! rules and error messages.

mod args;
mod functions;
mod list_methods;
mod str_methods;
pub(crate) mod str_search;

use crate::exception::{ExcKind, PyErr};
use crate::value::{BoundMethod, MethodName, Value};

pub use functions::{call_builtin, new_range};

/// Whether `receiver` has the method `method`.
fn has_method(receiver: &Value, method: MethodName) -> bool {
    use MethodName::*;
    match receiver {
        Value::List(_) => matches!(method, Append | Pop | Extend | Insert | Reverse | Index),
        Value::Str(_) => matches!(
            method,
            Join | Split | Upper | Lower | Startswith | Endswith | Find | Replace | Strip | Index
        ),
        Value::Tuple(_) => matches!(method, Index),
        _ => false,
    }
}

fn no_attribute(receiver: &Value, name: &str) -> PyErr {
    PyErr::new(
        ExcKind::AttributeError,
        format!(
            "'{}' object has no attribute '{name}'",
            receiver.type_name()
        ),
    )
}

/// `receiver.name` without a call: a bound method.
pub fn bind_method(receiver: &Value, method: MethodName, name: &str) -> Result<Value, PyErr> {
    if !has_method(receiver, method) {
        return Err(no_attribute(receiver, name));
    }
    Ok(BoundMethod::value(receiver.clone(), method))
}

/// `receiver.name(*args)`.
pub fn call_method(
    receiver: &Value,
    method: MethodName,
    name: &str,
    args: &[Value],
) -> Result<Value, PyErr> {
    if !has_method(receiver, method) {
        return Err(no_attribute(receiver, name));
    }
    match receiver {
        Value::List(list) => list_methods::call(list, method, args),
        Value::Str(text) => str_methods::call(text, method, args),
        Value::Tuple(items) => list_methods::index(items, "tuple", args),
        _ => Err(no_attribute(receiver, name)),
    }
}
