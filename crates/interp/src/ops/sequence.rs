//! Sequence operations: `len`, indexing, slicing, item assignment, iteration and
//! unpacking over strings, lists, tuples and ranges.

use std::cell::Cell;

use crate::exception::{ExcKind, PyErr};
use crate::memory;
use crate::numeric::IntRef;
use crate::value::{IterObj, RangeObj, StrObj, Value};

/// Python's `len(value)`.
pub fn length(value: &Value) -> Result<usize, PyErr> {
    match value {
        Value::Str(text) => Ok(text.char_count()),
        Value::List(list) => Ok(list.len()),
        Value::Tuple(items) => Ok(items.len()),
        Value::Range(range) => usize::try_from(range.len())
            .ok()
            .filter(|len| isize::try_from(*len).is_ok())
            .ok_or_else(|| {
                PyErr::new(
                    ExcKind::OverflowError,
                    "Python int too large to convert to C ssize_t",
                )
            }),
        other => Err(PyErr::type_error(format!(
            "object of type '{}' has no len()",
            other.type_name()
        ))),
    }
}

/// Normalises a possibly negative index against `len`; `None` when out of range.
#[inline]
pub fn normalize_index(index: i64, len: usize) -> Option<usize> {
    let adjusted = if index < 0 {
        index.checked_add(len as i64)?
    } else {
        index
    };
    (adjusted >= 0 && (adjusted as u64) < len as u64).then_some(adjusted as usize)
}

/// The index operand as an i64, or the `TypeError`/`IndexError` CPython raises.
fn index_operand(container: &Value, index: &Value) -> Result<i64, PyErr> {
    match index.as_int() {
        Some(IntRef::Small(small)) => Ok(small),
        Some(IntRef::Big(_)) => Err(PyErr::index_error(
            "cannot fit 'int' into an index-sized integer",
        )),
        None => Err(PyErr::type_error(match container {
            Value::Str(_) => format!(
                "string indices must be integers, not '{}'",
                index.type_name()
            ),
            other => format!(
                "{} indices must be integers or slices, not {}",
                other.type_name(),
                index.type_name()
            ),
        })),
    }
}

/// `container[index]`.
pub fn get_item(container: &Value, index: &Value) -> Result<Value, PyErr> {
    let out_of_range = |what: &str| PyErr::index_error(format!("{what} index out of range"));
    match container {
        Value::List(list) => {
            let index = index_operand(container, index)?;
            let items = list.items();
            normalize_index(index, items.len())
                .map(|at| items[at].clone())
                .ok_or_else(|| out_of_range("list"))
        }
        Value::Tuple(items) => {
            let index = index_operand(container, index)?;
            normalize_index(index, items.len())
                .map(|at| items[at].clone())
                .ok_or_else(|| out_of_range("tuple"))
        }
        Value::Str(text) => {
            let index = index_operand(container, index)?;
            normalize_index(index, text.char_count())
                .and_then(|at| text.char_at(at))
                .map(Value::char)
                .ok_or_else(|| out_of_range("string"))
        }
        Value::Range(range) => {
            // A range may be longer than any index (`range(-2**63, 2**63)`), so
            // its length and the index are compared as 128-bit ints.
            let index = i128::from(index_operand(container, index)?);
            let len = range.len() as i128;
            let at = if index < 0 { index + len } else { index };
            (0..len)
                .contains(&at)
                .then(|| Value::from_i128(range.get(at as u128)))
                .ok_or_else(|| out_of_range("range object"))
        }
        other => Err(PyErr::type_error(format!(
            "'{}' object is not subscriptable",
            other.type_name()
        ))),
    }
}

/// `container[index] = value`.
pub fn set_item(container: &Value, index: &Value, value: Value) -> Result<(), PyErr> {
    match container {
        Value::List(list) => {
            let index = index_operand(container, index)?;
            let mut items = list.items_mut();
            let len = items.len();
            match normalize_index(index, len) {
                Some(at) => {
                    // The old item is dropped after the borrow ends, in case freeing it
                    // frees a list that refers back to this one.
                    let old = std::mem::replace(&mut items[at], value);
                    drop(items);
                    drop(old);
                    Ok(())
                }
                None => Err(PyErr::index_error("list assignment index out of range")),
            }
        }
        other => Err(PyErr::type_error(format!(
            "'{}' object does not support item assignment",
            other.type_name()
        ))),
    }
}

/// A slice bound: an int, a bool, or None (absent).
fn slice_bound(value: &Value) -> Result<Option<i128>, PyErr> {
    match value {
        Value::None => Ok(None),
        other => match other.as_int() {
            Some(IntRef::Small(small)) => Ok(Some(small as i128)),
            Some(IntRef::Big(big)) => Ok(Some(if big.sign() == num_bigint::Sign::Minus {
                i64::MIN as i128
            } else {
                i64::MAX as i128
            })),
            None => Err(PyErr::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        },
    }
}

/// What a slice selects from a sequence of `len` items (CPython's
/// `PySlice_AdjustIndices`): the first index, the step and the number of items.
struct SliceSelection {
    start: i128,
    step: i128,
    count: usize,
}

impl SliceSelection {
    fn new(lower: &Value, upper: &Value, step: &Value, len: usize) -> Result<Self, PyErr> {
        let step = slice_bound(step)?.unwrap_or(1);
        if step == 0 {
            return Err(PyErr::value_error("slice step cannot be zero"));
        }
        let len = len as i128;
        let clamp = |bound: Option<i128>, default: i128| -> i128 {
            match bound {
                None => default,
                Some(bound) if bound < 0 => (bound + len).max(if step < 0 { -1 } else { 0 }),
                Some(bound) if bound >= len => {
                    if step < 0 {
                        len - 1
                    } else {
                        len
                    }
                }
                Some(bound) => bound,
            }
        };
        let (start, stop) = if step > 0 {
            (
                clamp(slice_bound(lower)?, 0),
                clamp(slice_bound(upper)?, len),
            )
        } else {
            (
                clamp(slice_bound(lower)?, len - 1),
                clamp(slice_bound(upper)?, -1),
            )
        };
        let count = if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / -step + 1
        } else {
            0
        };
        Ok(SliceSelection {
            start,
            step,
            count: count as usize,
        })
    }

    fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.count).map(move |k| (self.start + k as i128 * self.step) as usize)
    }

    /// The selected items of `items` (a contiguous slice is one copy of references).
    fn copy_items(&self, items: &[Value]) -> Vec<Value> {
        if self.step == 1 {
            let start = self.start as usize;
            items[start..start + self.count].to_vec()
        } else {
            self.indices().map(|at| items[at].clone()).collect()
        }
    }

    /// The lowest and highest selected index (`count` is not zero).
    fn span(&self) -> (usize, usize) {
        let last = self.start + (self.count as i128 - 1) * self.step;
        (self.start.min(last) as usize, self.start.max(last) as usize)
    }
}

/// The characters a slice selects from a string. A step of 1 copies one byte range;
/// other steps walk only the selected span (or, for steps of a stride or more, look
/// each character up through the string's marks), so the cost follows the size of
/// the result, never the length of the whole string.
fn slice_str(text: &StrObj, picked: &SliceSelection) -> Value {
    if picked.count == 0 {
        return Value::str(String::new());
    }
    let ascii = text.is_ascii();
    let (low, high) = picked.span();
    if picked.step == 1 {
        return Value::from_str_obj(StrObj::piece(text.char_range(low, high + 1), ascii));
    }
    if ascii {
        let bytes = text.as_str().as_bytes();
        let picked: String = picked.indices().map(|at| bytes[at] as char).collect();
        return Value::from_str_obj(StrObj::ascii(picked));
    }
    let step = picked.step.unsigned_abs() as usize;
    let picked: String = if step >= crate::value::STR_STRIDE {
        picked.indices().filter_map(|at| text.char_at(at)).collect()
    } else {
        let span = text.char_range(low, high + 1);
        if picked.step > 0 {
            span.chars().step_by(step).collect()
        } else {
            span.chars().rev().step_by(step).collect()
        }
    };
    Value::str(picked)
}

/// `container[lower:upper:step]`.
pub fn slice(
    container: &Value,
    lower: &Value,
    upper: &Value,
    step: &Value,
) -> Result<Value, PyErr> {
    match container {
        Value::List(list) => {
            let picked = SliceSelection::new(lower, upper, step, list.len())?;
            let items = list.items();
            let copied = picked.copy_items(&items);
            drop(items);
            Ok(Value::list(copied))
        }
        Value::Tuple(items) => {
            let picked = SliceSelection::new(lower, upper, step, items.len())?;
            if picked.step == 1 && picked.count == items.len() {
                // As CPython: a full slice of an immutable sequence is the same object.
                return Ok(container.clone());
            }
            Ok(Value::tuple(picked.copy_items(items)))
        }
        Value::Str(text) => {
            let picked = SliceSelection::new(lower, upper, step, text.char_count())?;
            if picked.step == 1 && picked.count == text.char_count() {
                return Ok(container.clone());
            }
            Ok(slice_str(text, &picked))
        }
        Value::Range(range) => {
            let len = usize::try_from(range.len()).unwrap_or(usize::MAX);
            let picked = SliceSelection::new(lower, upper, step, len)?;
            let step = range.step * picked.step;
            let start = range.start + picked.start * range.step;
            let stop = start + picked.count as i128 * step;
            Ok(RangeObj::value(start, stop, step))
        }
        other => Err(PyErr::type_error(format!(
            "'{}' object is not subscriptable",
            other.type_name()
        ))),
    }
}

/// An iterator over `range`: its elements as `i64`s when they all fit, else as
/// `i128`s.
fn range_iter(range: &RangeObj) -> IterObj {
    if let Some((start, stop, step)) = range.narrow() {
        if let Some(iter) = new_range_iter(start, stop, step) {
            return iter;
        }
    }
    let len = range.len();
    let last = range.get(len.saturating_sub(1));
    match (
        i64::try_from(range.start),
        i64::try_from(last),
        i64::try_from(range.step),
    ) {
        (Ok(start), Ok(_), Ok(step)) => IterObj::Range {
            next: Cell::new(start),
            remaining: Cell::new(len as u64),
            step,
        },
        _ => IterObj::WideRange {
            next: Cell::new(range.start),
            remaining: Cell::new(len),
            step: range.step,
        },
    }
}

/// The iterator of `range(start, stop, step)` (`None` for a zero step, where `range`
/// raises).
pub(crate) fn new_range_iter(start: i64, stop: i64, step: i64) -> Option<IterObj> {
    (step != 0).then(|| IterObj::Range {
        next: Cell::new(start),
        remaining: Cell::new(crate::value::narrow_len(start, stop, step)),
        step,
    })
}

/// Python's `iter(value)` for the iterables of the subset.
pub fn get_iter(value: &Value) -> Result<Value, PyErr> {
    if let Value::Iter(_) = value {
        return Ok(value.clone());
    }
    match new_iter(value) {
        Some(iter) => Ok(iter.value()),
        None => Err(PyErr::type_error(format!(
            "'{}' object is not iterable",
            value.type_name()
        ))),
    }
}

/// A new iterator over a range, list, tuple or string (`None` for anything else,
/// an iterator included).
pub(crate) fn new_iter(value: &Value) -> Option<IterObj> {
    Some(match value {
        Value::Range(range) => range_iter(range),
        Value::List(list) => IterObj::List {
            list: list.clone(),
            index: Cell::new(0),
        },
        Value::Tuple(items) => IterObj::Tuple {
            items: items.clone(),
            index: Cell::new(0),
        },
        Value::Str(text) => IterObj::Str {
            text: text.clone(),
            byte_index: Cell::new(0),
        },
        _ => return None,
    })
}

/// A new list (`tuple` false) or tuple of `items` (a display `[a, b]`, `(a, b)`);
/// `MemoryError` when the new object does not fit the memory limit. Every tier
/// builds sequences here.
pub fn build_sequence(items: Vec<Value>, tuple: bool) -> Result<Value, PyErr> {
    memory::room_for(memory::bytes_of::<Value>(items.len()) + 64)?;
    Ok(if tuple {
        Value::tuple(items)
    } else {
        Value::list(items)
    })
}

/// All items of an iterable, in order (in a vector made under the memory limit).
pub fn collect_iterable(value: &Value) -> Result<Vec<Value>, PyErr> {
    match value {
        Value::List(list) => memory::try_concat(&list.items(), &[]),
        Value::Tuple(items) => memory::try_concat(items, &[]),
        Value::Range(range) if range.len() > super::arith::MAX_SEQUENCE_LEN as u128 => {
            Err(memory::memory_error())
        }
        Value::Range(range) => {
            let mut items = memory::try_vec(range.len() as usize)?;
            let Value::Iter(iter) = get_iter(value)? else {
                return Ok(Vec::new());
            };
            while let Some(item) = iter.next_value() {
                items.push(item);
            }
            Ok(items)
        }
        _ => {
            let Value::Iter(iter) = get_iter(value)? else {
                return Ok(Vec::new());
            };
            let mut items = Vec::new();
            while let Some(item) = iter.next_value() {
                memory::reserve_more(&mut items, 1)?;
                items.push(item);
            }
            Ok(items)
        }
    }
}

/// Unpacks exactly `count` items for `a, b = value`.
pub fn unpack(value: &Value, count: usize) -> Result<Vec<Value>, PyErr> {
    let Value::Iter(iter) = get_iter(value).map_err(|_| {
        PyErr::type_error(format!(
            "cannot unpack non-iterable {} object",
            value.type_name()
        ))
    })?
    else {
        return Ok(Vec::new());
    };
    // Take at most one item more than wanted: enough to tell "too many".
    let mut items = Vec::with_capacity(count.min(1024));
    while items.len() <= count {
        match iter.next_value() {
            Some(item) => items.push(item),
            None => break,
        }
    }
    if items.len() > count {
        return Err(PyErr::value_error(format!(
            "too many values to unpack (expected {count})"
        )));
    }
    if items.len() < count {
        return Err(PyErr::value_error(format!(
            "not enough values to unpack (expected {count}, got {})",
            items.len()
        )));
    }
    Ok(items)
}
