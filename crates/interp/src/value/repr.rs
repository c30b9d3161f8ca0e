//! `repr()` and `str()` of values, as CPython writes them.
//!
//! Containers print the `repr` of their items; a list that contains itself prints
//! `[...]` at the point of recursion. Nesting deeper than the recursion limit raises
//! `RecursionError` as CPython does, and the walk grows its native stack on demand
//! (`stacker`), so printing never overflows the host's stack.

use std::fmt::Write;
use std::rc::Rc;

use super::{IterObj, Value};
use crate::exception::{ExcKind, PyErr};
use crate::numeric::{
    float_repr, int_to_decimal_string, py_str_repr, small_int_decimal, IntRef, SMALL_DECIMAL_MAX,
};

/// The deepest container nesting `repr` follows before raising `RecursionError`.
pub const MAX_REPR_DEPTH: usize = 1000;

/// Python's `repr(value)`.
pub fn repr(value: &Value) -> Result<String, PyErr> {
    let mut out = String::new();
    let mut printer = Printer {
        out: &mut out,
        open_lists: Vec::new(),
    };
    printer.write_repr(value, 0)?;
    Ok(out)
}

/// Python's `str(value)`: the text itself for a string, else `repr`.
pub fn str_of(value: &Value) -> Result<String, PyErr> {
    let mut out = String::new();
    write_str(value, &mut out)?;
    Ok(out)
}

/// Appends Python's `str(value)` to `out` (what `print` writes), without an
/// intermediate copy for strings and ints.
pub fn write_str(value: &Value, out: &mut String) -> Result<(), PyErr> {
    match value {
        Value::Str(text) => out.push_str(text.as_str()),
        Value::Int(small) => out.push_str(small_int_decimal(*small, &mut [0; SMALL_DECIMAL_MAX])),
        _ => Printer {
            out,
            open_lists: Vec::new(),
        }
        .write_repr(value, 0)?,
    }
    Ok(())
}

/// `str(value)` as a value: a string is returned itself (as CPython returns the same
/// object), and an int's text is built inline, without a heap buffer.
pub fn str_value(value: &Value) -> Result<Value, PyErr> {
    match value {
        Value::Str(_) => Ok(value.clone()),
        Value::Int(small) => {
            let mut digits = [0; SMALL_DECIMAL_MAX];
            Ok(Value::ascii(small_int_decimal(*small, &mut digits)))
        }
        _ => Ok(Value::str(repr(value)?)),
    }
}

struct Printer<'a> {
    out: &'a mut String,
    /// The lists being printed, outermost first, to spot a list inside itself.
    open_lists: Vec<*const super::ListObj>,
}

impl Printer<'_> {
    fn write_repr(&mut self, value: &Value, depth: usize) -> Result<(), PyErr> {
        if depth > MAX_REPR_DEPTH {
            return Err(PyErr::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        stacker::maybe_grow(32 * 1024, 1024 * 1024, || self.write_value(value, depth))
    }

    fn write_value(&mut self, value: &Value, depth: usize) -> Result<(), PyErr> {
        match value {
            Value::Unbound => self.out.push_str("<unbound>"),
            Value::None => self.out.push_str("None"),
            Value::Bool(true) => self.out.push_str("True"),
            Value::Bool(false) => self.out.push_str("False"),
            Value::Int(small) => self
                .out
                .push_str(small_int_decimal(*small, &mut [0; SMALL_DECIMAL_MAX])),
            Value::BigInt(big) => self.out.push_str(&int_to_decimal_string(IntRef::Big(big))?),
            Value::Float(float) => self.out.push_str(&float_repr(*float)),
            Value::Str(text) => self.out.push_str(&py_str_repr(text.as_str())),
            Value::List(list) => {
                let identity = Rc::as_ptr(list);
                if self.open_lists.contains(&identity) {
                    self.out.push_str("[...]");
                    return Ok(());
                }
                self.open_lists.push(identity);
                let items = list.snapshot();
                self.out.push('[');
                let result = self.write_items(&items, depth);
                self.open_lists.pop();
                result?;
                self.out.push(']');
            }
            Value::Tuple(items) => {
                self.out.push('(');
                self.write_items(items, depth)?;
                if items.len() == 1 {
                    self.out.push(',');
                }
                self.out.push(')');
            }
            Value::Range(range) => {
                let _ = if range.step == 1 {
                    write!(self.out, "range({}, {})", range.start, range.stop)
                } else {
                    write!(
                        self.out,
                        "range({}, {}, {})",
                        range.start, range.stop, range.step
                    )
                };
            }
            Value::Function(function) => {
                let _ = write!(
                    self.out,
                    "<function {} at {:#x}>",
                    function.name(),
                    Rc::as_ptr(function) as usize
                );
            }
            Value::Builtin(builtin) => {
                let _ = write!(self.out, "<built-in function {}>", builtin.name());
            }
            Value::HostFunction(host) => {
                let _ = write!(self.out, "<built-in function {}>", host.name);
            }
            Value::Method(method) => {
                let _ = write!(
                    self.out,
                    "<built-in method {} of {} object at {:#x}>",
                    method.method.name(),
                    method.receiver.type_name(),
                    Rc::as_ptr(method) as usize
                );
            }
            Value::Iter(iter) => {
                let _ = write!(
                    self.out,
                    "<{} object at {:#x}>",
                    IterObj::type_name(iter),
                    Rc::as_ptr(iter) as usize
                );
            }
        }
        Ok(())
    }

    fn write_items(&mut self, items: &[Value], depth: usize) -> Result<(), PyErr> {
        for (position, item) in items.iter().enumerate() {
            if position > 0 {
                self.out.push_str(", ");
            }
            self.write_repr(item, depth + 1)?;
        }
        Ok(())
    }
}
