//! Comparisons: equality across numeric types (exact between ints and floats),
//! ordering of numbers, strings, lists and tuples, identity, and membership.

use std::cmp::Ordering;
use std::rc::Rc;

use tracelift_syntax::ast::CmpOp;
use tracelift_trace::Cmp;

use crate::exception::{ExcKind, PyErr};
use crate::numeric::{self, IntRef};
use crate::value::{RangeObj, StrObj, Value};

/// How deep `==` and `<` follow nested containers before raising `RecursionError`.
const MAX_COMPARE_DEPTH: usize = 1000;

/// Evaluates any comparison operator.
pub fn compare_op(left: &Value, right: &Value, op: CmpOp) -> Result<Value, PyErr> {
    let result = match op {
        CmpOp::Eq => values_equal(left, right)?,
        CmpOp::NotEq => !values_equal(left, right)?,
        CmpOp::Is => left.is_same(right),
        CmpOp::IsNot => !left.is_same(right),
        CmpOp::In => contains(right, left)?,
        CmpOp::NotIn => !contains(right, left)?,
        CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => {
            let ordering = order(left, right, op, 0)?;
            ordering_satisfies(ordering, op)
        }
    };
    Ok(Value::Bool(result))
}

/// Whether an ordering (`None` = unordered, e.g. NaN) satisfies `< <= > >= == !=`
/// (never `is` or `in`, which are not orderings).
pub fn ordering_satisfies(ordering: Option<Ordering>, op: CmpOp) -> bool {
    ordering_cmp(op).is_some_and(|cmp| cmp.holds(ordering))
}

/// The trace IR's comparison for an ordering operator (`None` for `is` and `in`).
pub fn ordering_cmp(op: CmpOp) -> Option<Cmp> {
    Some(match op {
        CmpOp::Eq => Cmp::Eq,
        CmpOp::NotEq => Cmp::Ne,
        CmpOp::Lt => Cmp::Lt,
        CmpOp::LtE => Cmp::Le,
        CmpOp::Gt => Cmp::Gt,
        CmpOp::GtE => Cmp::Ge,
        CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn => return None,
    })
}

/// Python's `==`.
pub fn values_equal(left: &Value, right: &Value) -> Result<bool, PyErr> {
    equal_at(left, right, 0)
}

fn depth_error() -> PyErr {
    PyErr::new(
        ExcKind::RecursionError,
        "maximum recursion depth exceeded in comparison",
    )
}

/// Python's `==` on two strings (the same object, or the same text).
#[inline]
pub fn strs_equal(a: &Rc<StrObj>, b: &Rc<StrObj>) -> bool {
    Rc::ptr_eq(a, b) || a.as_str() == b.as_str()
}

fn equal_at(left: &Value, right: &Value, depth: usize) -> Result<bool, PyErr> {
    // Strings first: they hold no values, so they need no depth or stack check.
    if let (Value::Str(a), Value::Str(b)) = (left, right) {
        return Ok(strs_equal(a, b));
    }
    if let Some(ordering) = numeric_order(left, right) {
        return Ok(ordering == Some(Ordering::Equal));
    }
    if depth > MAX_COMPARE_DEPTH {
        return Err(depth_error());
    }
    stacker::maybe_grow(32 * 1024, 1024 * 1024, || match (left, right) {
        (Value::List(a), Value::List(b)) => {
            if std::rc::Rc::ptr_eq(a, b) {
                return Ok(true);
            }
            items_equal(&a.snapshot(), &b.snapshot(), depth)
        }
        (Value::Tuple(a), Value::Tuple(b)) => items_equal(a, b, depth),
        (Value::Range(a), Value::Range(b)) => {
            let (len_a, len_b) = (a.len(), b.len());
            Ok(len_a == len_b
                && (len_a == 0 || (a.start == b.start && (len_a == 1 || a.step == b.step))))
        }
        _ => Ok(left.is_same(right)),
    })
}

fn items_equal(left: &[Value], right: &[Value], depth: usize) -> Result<bool, PyErr> {
    if left.len() != right.len() {
        return Ok(false);
    }
    for (a, b) in left.iter().zip(right) {
        if !(a.is_same(b) || equal_at(a, b, depth + 1)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The order of two numbers (`Some(None)` when a NaN makes them unordered), or `None`
/// when either is not a number.
fn numeric_order(left: &Value, right: &Value) -> Option<Option<Ordering>> {
    match (left, right) {
        (Value::Float(a), Value::Float(b)) => Some(a.partial_cmp(b)),
        (Value::Float(a), other) => {
            let int = other.as_int()?;
            Some(numeric::int_cmp_f64(int, *a).map(Ordering::reverse))
        }
        (other, Value::Float(b)) => {
            let int = other.as_int()?;
            Some(numeric::int_cmp_f64(int, *b))
        }
        _ => {
            let (a, b) = (left.as_int()?, right.as_int()?);
            Some(Some(numeric::int_cmp(a, b)))
        }
    }
}

/// The ordering used by `< <= > >=`; raises `TypeError` for unorderable types.
fn order(left: &Value, right: &Value, op: CmpOp, depth: usize) -> Result<Option<Ordering>, PyErr> {
    if let Some(ordering) = numeric_order(left, right) {
        return Ok(ordering);
    }
    if depth > MAX_COMPARE_DEPTH {
        return Err(depth_error());
    }
    match (left, right) {
        (Value::Str(a), Value::Str(b)) => Ok(Some(a.as_str().cmp(b.as_str()))),
        (Value::List(a), Value::List(b)) => order_items(&a.snapshot(), &b.snapshot(), op, depth),
        (Value::Tuple(a), Value::Tuple(b)) => order_items(a, b, op, depth),
        _ => Err(PyErr::type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            left.type_name(),
            right.type_name()
        ))),
    }
}

/// Lexicographic order: the first unequal pair decides, else the lengths do.
fn order_items(
    left: &[Value],
    right: &[Value],
    op: CmpOp,
    depth: usize,
) -> Result<Option<Ordering>, PyErr> {
    for (a, b) in left.iter().zip(right) {
        if a.is_same(b) || equal_at(a, b, depth + 1)? {
            continue;
        }
        return stacker::maybe_grow(32 * 1024, 1024 * 1024, || order(a, b, op, depth + 1));
    }
    Ok(Some(left.len().cmp(&right.len())))
}

/// Python's `item in container`.
pub fn contains(container: &Value, item: &Value) -> Result<bool, PyErr> {
    match container {
        // Equality never mutates a list, so the items can stay borrowed.
        Value::List(list) => contains_item(&list.items(), item),
        Value::Tuple(items) => contains_item(items, item),
        Value::Str(text) => match item {
            Value::Str(needle) => Ok(crate::builtins::str_search::find_bytes(
                text.as_str(),
                needle.as_str(),
            )
            .is_some()),
            other => Err(PyErr::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                other.type_name()
            ))),
        },
        Value::Range(range) => {
            let wanted: i128 = match item {
                Value::Float(float) if float.fract() == 0.0 && float.abs() < 1e36 => *float as i128,
                other => match other.as_int() {
                    Some(IntRef::Small(small)) => small as i128,
                    Some(IntRef::Big(big)) => match num_traits::ToPrimitive::to_i128(big) {
                        Some(wide) if wide.abs() <= RangeObj::MAX_BOUND => wide,
                        _ => return Ok(false),
                    },
                    None => return Ok(false),
                },
            };
            let offset = wanted - range.start;
            let index = offset / range.step;
            Ok(offset % range.step == 0 && index >= 0 && (index as u128) < range.len())
        }
        other => Err(PyErr::type_error(format!(
            "argument of type '{}' is not iterable",
            other.type_name()
        ))),
    }
}

fn contains_item(items: &[Value], item: &Value) -> Result<bool, PyErr> {
    for candidate in items {
        if candidate.is_same(item) || values_equal(candidate, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}
