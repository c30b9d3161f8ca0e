//! Binary and unary operators on any operands: ints (with exact big-int promotion),
//! floats, mixed int/float, bools as ints, and the sequence operators (`+` concatenates,
//! `*` repeats, `+=` on a list extends it in place).

use tracelift_syntax::ast::{BinOp, UnaryOp};

use crate::bytecode::ArithOp;
use crate::exception::{ExcKind, PyErr};
use crate::memory;
use crate::numeric::{self, IntOrFloat, IntRef};
use crate::value::{StrObj, Value};

/// The longest string, list or tuple a repetition or concatenation may build; past it
/// the operation raises `MemoryError` instead of exhausting the host's memory.
pub const MAX_SEQUENCE_LEN: usize = 1 << 28;

/// `left op right` (or `left op= right` when `op.inplace`).
pub fn binary_op(left: &Value, right: &Value, op: ArithOp) -> Result<Value, PyErr> {
    if let (Some(a), Some(b)) = (left.as_int(), right.as_int()) {
        if let (Value::Bool(x), Value::Bool(y)) = (left, right) {
            match op.op {
                BinOp::BitAnd => return Ok(Value::Bool(*x & *y)),
                BinOp::BitOr => return Ok(Value::Bool(*x | *y)),
                BinOp::BitXor => return Ok(Value::Bool(*x ^ *y)),
                _ => {}
            }
        }
        return int_op(a, b, op.op);
    }
    let bitwise = matches!(
        op.op,
        BinOp::LShift | BinOp::RShift | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor
    );
    if !bitwise {
        if let Some((a, b)) = float_operands(left, right)? {
            return float_op(a, b, op).map(Value::Float);
        }
    }
    sequence_op(left, right, op)
}

/// A number as a float (ints convert exactly or raise `OverflowError`); `None` for
/// anything that is not a number.
pub fn as_float(value: &Value) -> Result<Option<f64>, PyErr> {
    match value {
        Value::Float(float) => Ok(Some(*float)),
        other => match other.as_int() {
            Some(int) => Ok(Some(numeric::int_to_f64(int)?)),
            None => Ok(None),
        },
    }
}

/// Both operands as floats when one is a float and the other a number.
fn float_operands(left: &Value, right: &Value) -> Result<Option<(f64, f64)>, PyErr> {
    if !matches!(left, Value::Float(_)) && !matches!(right, Value::Float(_)) {
        return Ok(None);
    }
    match (as_float(left)?, as_float(right)?) {
        (Some(a), Some(b)) => Ok(Some((a, b))),
        _ => Ok(None),
    }
}

/// An int operator with exact results.
pub fn int_op(a: IntRef<'_>, b: IntRef<'_>, op: BinOp) -> Result<Value, PyErr> {
    let int = match op {
        BinOp::Add => numeric::int_add(a, b),
        BinOp::Sub => numeric::int_sub(a, b),
        BinOp::Mul => {
            if matches!(a, IntRef::Big(_)) || matches!(b, IntRef::Big(_)) {
                let bits = a.bit_length().saturating_add(b.bit_length());
                memory::room_for_big(usize::try_from(bits / 8).unwrap_or(usize::MAX))?;
            }
            numeric::int_mul(a, b)
        }
        BinOp::FloorDiv => numeric::int_floordiv(a, b)?,
        BinOp::Mod => numeric::int_mod(a, b)?,
        BinOp::LShift => numeric::int_lshift(a, b)?,
        BinOp::RShift => numeric::int_rshift(a, b)?,
        BinOp::BitAnd => numeric::int_and(a, b),
        BinOp::BitOr => numeric::int_or(a, b),
        BinOp::BitXor => numeric::int_xor(a, b),
        BinOp::Div => return Ok(Value::Float(numeric::int_truediv(a, b)?)),
        BinOp::Pow => {
            return Ok(match numeric::int_pow(a, b)? {
                IntOrFloat::Int(int) => Value::from_int(int),
                IntOrFloat::Float(float) => Value::Float(float),
            })
        }
    };
    Ok(Value::from_int(int))
}

/// A float operator with Python's semantics (errors instead of inf/nan where CPython
/// raises).
pub fn float_op(a: f64, b: f64, op: ArithOp) -> Result<f64, PyErr> {
    Ok(match op.op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => numeric::float_truediv(a, b)?,
        BinOp::FloorDiv => numeric::float_floordiv(a, b)?,
        BinOp::Mod => numeric::float_mod(a, b)?,
        BinOp::Pow => numeric::float_pow(a, b)?,
        BinOp::LShift | BinOp::RShift | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => {
            return Err(unsupported(op, &Value::Float(a), &Value::Float(b)))
        }
    })
}

fn sequence_op(left: &Value, right: &Value, op: ArithOp) -> Result<Value, PyErr> {
    match (op.op, left, right) {
        (BinOp::Add, Value::Str(a), Value::Str(b)) => {
            check_len(a.as_str().len() + b.as_str().len())?;
            super::concat::concat_str(a, b)
        }
        (BinOp::Add, Value::Str(_), other) => Err(PyErr::type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            other.type_name()
        ))),
        (BinOp::Add, Value::List(a), Value::List(b)) if !op.inplace => {
            check_len(a.len() + b.len())?;
            let items = memory::try_concat(&a.items(), &b.items())?;
            Ok(Value::list(items))
        }
        (BinOp::Add, Value::List(a), other) if op.inplace => {
            let extra = crate::ops::sequence::collect_iterable(other)?;
            check_len(a.len() + extra.len())?;
            let mut items = a.items_mut();
            memory::reserve_more(&mut items, extra.len())?;
            items.extend(extra);
            drop(items);
            Ok(Value::List(a.clone()))
        }
        (BinOp::Add, Value::List(_), other) => Err(PyErr::type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            other.type_name()
        ))),
        (BinOp::Add, Value::Tuple(a), Value::Tuple(b)) => {
            check_len(a.len() + b.len())?;
            Ok(Value::tuple(memory::try_concat(a, b)?))
        }
        (BinOp::Add, Value::Tuple(_), other) => Err(PyErr::type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            other.type_name()
        ))),
        (BinOp::Mul, sequence, count) | (BinOp::Mul, count, sequence)
            if is_sequence(sequence) && !is_sequence(count) =>
        {
            // Only `xs *= n` repeats a list in place; `n *= xs` makes a new one.
            let inplace = op.inplace && std::ptr::eq(sequence, left);
            repeat(sequence, count, ArithOp { inplace, ..op })
        }
        (BinOp::Mod, Value::Str(_), _) => Err(PyErr::new(
            ExcKind::TypeError,
            "'%' formatting of strings is not supported",
        )),
        _ => Err(unsupported(op, left, right)),
    }
}

fn is_sequence(value: &Value) -> bool {
    matches!(value, Value::Str(_) | Value::List(_) | Value::Tuple(_))
}

/// `sequence * count` (either order); `*=` on a list repeats it in place.
fn repeat(sequence: &Value, count: &Value, op: ArithOp) -> Result<Value, PyErr> {
    let Some(count) = count.as_int() else {
        return Err(PyErr::type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            count.type_name()
        )));
    };
    let times = match count {
        IntRef::Small(small) => small.max(0) as u64,
        IntRef::Big(big) if big.sign() == num_bigint::Sign::Minus => 0,
        IntRef::Big(_) => {
            return Err(PyErr::new(
                ExcKind::OverflowError,
                "cannot fit 'int' into an index-sized integer",
            ))
        }
    };
    let unit_len = match sequence {
        Value::Str(text) => text.as_str().len(),
        Value::List(list) => list.len(),
        Value::Tuple(items) => items.len(),
        _ => 0,
    };
    let total = (unit_len as u64).saturating_mul(times);
    if unit_len > 0 {
        check_len(usize::try_from(total).unwrap_or(usize::MAX))?;
    }
    let times = if unit_len == 0 { 0 } else { times as usize };
    Ok(match sequence {
        Value::Str(text) => {
            let mut repeated = memory::try_string(text.as_str().len() * times)?;
            for _ in 0..times {
                repeated.push_str(text.as_str());
            }
            Value::from_str_obj(StrObj::piece_owned(repeated, text.is_ascii()))
        }
        Value::List(list) if op.inplace => {
            let repeated = repeat_items(&list.items(), times)?;
            let old = std::mem::replace(&mut *list.items_mut(), repeated);
            // The old items are freed after the borrow: their destructors may reach
            // other lists.
            drop(old);
            Value::List(list.clone())
        }
        Value::List(list) => Value::list(repeat_items(&list.items(), times)?),
        Value::Tuple(items) => Value::tuple(repeat_items(items, times)?),
        other => other.clone(),
    })
}

/// `times` copies of `items` in a new vector, made under the memory limit.
fn repeat_items(items: &[Value], times: usize) -> Result<Vec<Value>, PyErr> {
    let mut out = memory::try_vec(items.len() * times)?;
    for _ in 0..times {
        out.extend(items.iter().cloned());
    }
    Ok(out)
}

pub fn check_len(len: usize) -> Result<(), PyErr> {
    if len > MAX_SEQUENCE_LEN {
        Err(memory::memory_error())
    } else {
        Ok(())
    }
}

fn unsupported(op: ArithOp, left: &Value, right: &Value) -> PyErr {
    let symbol = if op.op == BinOp::Pow && !op.inplace {
        "** or pow()".to_string()
    } else {
        op.to_string()
    };
    PyErr::type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        symbol,
        left.type_name(),
        right.type_name()
    ))
}

/// `op operand`.
pub fn unary_op(operand: &Value, op: UnaryOp) -> Result<Value, PyErr> {
    if op == UnaryOp::Not {
        return Ok(Value::Bool(!operand.is_truthy()));
    }
    if let Some(int) = operand.as_int() {
        return Ok(Value::from_int(match op {
            UnaryOp::Neg => numeric::int_neg(int),
            UnaryOp::Invert => numeric::int_invert(int),
            UnaryOp::Pos | UnaryOp::Not => match int {
                IntRef::Small(small) => numeric::Int::Small(small),
                IntRef::Big(big) => numeric::Int::Big(big.clone()),
            },
        }));
    }
    match (op, operand) {
        (UnaryOp::Neg, Value::Float(float)) => Ok(Value::Float(-float)),
        (UnaryOp::Pos, Value::Float(float)) => Ok(Value::Float(*float)),
        _ => {
            let symbol = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                UnaryOp::Invert | UnaryOp::Not => "~",
            };
            Err(PyErr::type_error(format!(
                "bad operand type for unary {}: '{}'",
                symbol,
                operand.type_name()
            )))
        }
    }
}

/// The small-int fast path of `int_arith`; `None` when the result would not be a small
/// int or the operation raises (the generic path then produces the exact result or the
/// error).
#[inline(always)]
pub fn small_int_arith(a: i64, b: i64, op: BinOp) -> Option<i64> {
    use tracelift_trace::arith;
    match op {
        BinOp::Add => arith::add(a, b),
        BinOp::Sub => arith::sub(a, b),
        BinOp::Mul => arith::mul(a, b),
        BinOp::FloorDiv => arith::floor_div(a, b),
        BinOp::Mod => arith::modulo(a, b),
        BinOp::BitAnd => Some(a & b),
        BinOp::BitOr => Some(a | b),
        BinOp::BitXor => Some(a ^ b),
        BinOp::LShift => arith::shl(a, b),
        BinOp::RShift => arith::shr(a, b),
        BinOp::Div | BinOp::Pow => None,
    }
}
