//! The methods of `list` (`append pop extend insert reverse index`) and `tuple.index`.
//!
//! Each method finishes reading its arguments (which may be this very list) before it
//! borrows the list mutably.

use super::args;
use crate::exception::PyErr;
use crate::ops::sequence::{collect_iterable, normalize_index};
use crate::ops::values_equal;
use crate::value::repr::repr;
use crate::value::{ListObj, MethodName, Value};

pub fn call(list: &ListObj, method: MethodName, args: &[Value]) -> Result<Value, PyErr> {
    match method {
        MethodName::Append => {
            let value = args::exactly_one("list.append", args)?.clone();
            list.push(value)?;
            Ok(Value::None)
        }
        MethodName::Extend => {
            let items = collect_iterable(args::exactly_one("list.extend", args)?)?;
            let mut target = list.items_mut();
            crate::memory::reserve_more(&mut target, items.len())?;
            target.extend(items);
            Ok(Value::None)
        }
        MethodName::Pop => {
            args::count("pop", args, 0, 1)?;
            let index = match args.first() {
                Some(index) => args::ssize_value(index)?,
                None => -1,
            };
            let mut items = list.items_mut();
            if items.is_empty() {
                return Err(PyErr::index_error("pop from empty list"));
            }
            let len = items.len();
            match normalize_index(index, len) {
                Some(at) => Ok(items.remove(at)),
                None => Err(PyErr::index_error("pop index out of range")),
            }
        }
        MethodName::Insert => {
            let [index, value] = args else {
                return Err(PyErr::type_error(format!(
                    "insert expected 2 arguments, got {}",
                    args.len()
                )));
            };
            let index = args::ssize_value(index)?;
            let mut items = list.items_mut();
            crate::memory::reserve_more(&mut items, 1)?;
            let len = items.len() as i64;
            let at = if index < 0 {
                index.saturating_add(len).max(0)
            } else {
                index.min(len)
            };
            items.insert(at as usize, value.clone());
            Ok(Value::None)
        }
        MethodName::Reverse => {
            args::none("list.reverse", args)?;
            list.items_mut().reverse();
            Ok(Value::None)
        }
        MethodName::Index => index(&list.snapshot(), "list", args),
        _ => Err(PyErr::type_error("unknown list method")),
    }
}

fn index_is_negative(value: &Value) -> bool {
    value
        .as_int()
        .is_some_and(|int| int.sign() == std::cmp::Ordering::Less)
}

/// `sequence.index(value[, start[, stop]])` for lists and tuples.
pub fn index(items: &[Value], kind: &str, args: &[Value]) -> Result<Value, PyErr> {
    args::count("index", args, 1, 3)?;
    let len = items.len() as i64;
    let bound = |position: usize, default: i64| -> Result<i64, PyErr> {
        let Some(value) = args.get(position) else {
            return Ok(default);
        };
        let bound = match args::index_value(value)? {
            Some(bound) => bound,
            None if index_is_negative(value) => 0,
            None => len,
        };
        Ok(if bound < 0 {
            (bound + len).max(0)
        } else {
            bound.min(len)
        })
    };
    let (start, stop) = (bound(1, 0)?, bound(2, len)?);
    let wanted = &args[0];
    for at in start..stop.max(start) {
        let item = &items[at as usize];
        if item.is_same(wanted) || values_equal(item, wanted)? {
            return Ok(Value::Int(at));
        }
    }
    Err(PyErr::value_error(if kind == "list" {
        format!("{} is not in list", repr(wanted)?)
    } else {
        format!("{kind}.index(x): x not in {kind}")
    }))
}
