//! The builtin functions: `print len range abs min max sum int float str bool list
//! tuple round divmod chr ord`.

use std::rc::Rc;

use super::args;
use crate::exception::{ExcKind, PyErr};
use crate::numeric::{self, IntOrFloat, IntRef};
use crate::ops;
use crate::ops::sequence::collect_iterable;
use crate::value::repr::{str_value, write_str};
use crate::value::{BuiltinId, RangeObj, Value};
use crate::vm::Runtime;

/// Calls builtin `id` with positional `args` and keyword arguments `keywords`.
pub fn call_builtin(
    rt: &mut Runtime,
    id: BuiltinId,
    args: &[Value],
    keywords: &[(Rc<str>, Value)],
) -> Result<Value, PyErr> {
    if id == BuiltinId::Print {
        return print(rt, args, keywords);
    }
    if !keywords.is_empty() {
        return Err(PyErr::type_error(format!(
            "{}() takes no keyword arguments",
            id.name()
        )));
    }
    match id {
        BuiltinId::Print => Ok(Value::None),
        BuiltinId::Len => {
            let len = ops::length(args::exactly_one("len", args)?)?;
            Ok(Value::Int(len as i64))
        }
        BuiltinId::Range => range(args),
        BuiltinId::Abs => abs(args::exactly_one("abs", args)?),
        BuiltinId::Min => min_max(args, "min", std::cmp::Ordering::Less),
        BuiltinId::Max => min_max(args, "max", std::cmp::Ordering::Greater),
        BuiltinId::Sum => sum(args),
        BuiltinId::Int => int(args),
        BuiltinId::Float => float(args),
        BuiltinId::Str => match args {
            [] => Ok(Value::str("")),
            [value] => str_value(value),
            _ => Err(PyErr::type_error(format!(
                "str() takes at most 1 argument ({} given)",
                args.len()
            ))),
        },
        BuiltinId::Bool => match args {
            [] => Ok(Value::Bool(false)),
            [value] => Ok(Value::Bool(value.is_truthy())),
            _ => Err(PyErr::type_error(format!(
                "bool expected at most 1 argument, got {}",
                args.len()
            ))),
        },
        BuiltinId::List => match args {
            [] => Ok(Value::list(Vec::new())),
            [value] => Ok(Value::list(collect_iterable(value)?)),
            _ => Err(PyErr::type_error(format!(
                "list expected at most 1 argument, got {}",
                args.len()
            ))),
        },
        BuiltinId::Tuple => match args {
            [] => Ok(Value::tuple(Vec::new())),
            [Value::Tuple(items)] => Ok(Value::Tuple(items.clone())),
            [value] => Ok(Value::tuple(collect_iterable(value)?)),
            _ => Err(PyErr::type_error(format!(
                "tuple expected at most 1 argument, got {}",
                args.len()
            ))),
        },
        BuiltinId::Round => round(args),
        BuiltinId::Divmod => divmod(args),
        BuiltinId::Chr => chr(args::exactly_one("chr", args)?),
        BuiltinId::Ord => ord(args::exactly_one("ord", args)?),
    }
}

fn print(rt: &mut Runtime, args: &[Value], keywords: &[(Rc<str>, Value)]) -> Result<Value, PyErr> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    for (name, value) in keywords {
        let target = match &**name {
            "sep" => &mut sep,
            "end" => &mut end,
            other => {
                return Err(PyErr::type_error(format!(
                    "'{other}' is an invalid keyword argument for print()"
                )))
            }
        };
        match value {
            Value::None => {}
            Value::Str(text) => *target = text.as_str().to_string(),
            other => {
                return Err(PyErr::type_error(format!(
                    "{name} must be None or a string, not {}",
                    other.type_name()
                )))
            }
        }
    }
    let mut line = String::new();
    for (position, value) in args.iter().enumerate() {
        if position > 0 {
            line.push_str(&sep);
        }
        write_str(value, &mut line)?;
    }
    line.push_str(&end);
    // Output errors (a closed pipe) are not Python errors in the subset; the host sees
    // them when it flushes.
    let _ = rt.output().write_all(line.as_bytes());
    Ok(Value::None)
}

/// An int argument of `range`.
fn range_bound(value: &Value) -> Result<i128, PyErr> {
    let wide = match value.as_int() {
        Some(IntRef::Small(small)) => Some(small as i128),
        Some(IntRef::Big(big)) => num_traits::ToPrimitive::to_i128(big),
        None => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                value.type_name()
            )))
        }
    };
    wide.filter(|wide| wide.abs() <= RangeObj::MAX_BOUND)
        .ok_or_else(|| {
            PyErr::new(
                ExcKind::OverflowError,
                "range() arguments beyond 2**120 are not supported",
            )
        })
}

fn range(args: &[Value]) -> Result<Value, PyErr> {
    let (start, stop, step) = match args {
        [] => {
            return Err(PyErr::type_error(
                "range expected at least 1 argument, got 0",
            ))
        }
        [stop] => (0, range_bound(stop)?, 1),
        [start, stop] => (range_bound(start)?, range_bound(stop)?, 1),
        [start, stop, step] => (range_bound(start)?, range_bound(stop)?, range_bound(step)?),
        _ => {
            return Err(PyErr::type_error(format!(
                "range expected at most 3 arguments, got {}",
                args.len()
            )))
        }
    };
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(RangeObj::value(start, stop, step))
}

/// `range(start, stop, step)` with small int bounds, as compiled traces make it;
/// `None` where `range` raises (a zero step).
pub fn new_range(start: i64, stop: i64, step: i64) -> Option<Value> {
    (step != 0).then(|| RangeObj::value(start.into(), stop.into(), step.into()))
}

fn abs(value: &Value) -> Result<Value, PyErr> {
    if let Some(int) = value.as_int() {
        return Ok(Value::from_int(numeric::int_abs(int)));
    }
    match value {
        Value::Float(float) => Ok(Value::Float(float.abs())),
        other => Err(PyErr::type_error(format!(
            "bad operand type for abs(): '{}'",
            other.type_name()
        ))),
    }
}

fn min_max(args: &[Value], name: &str, wanted: std::cmp::Ordering) -> Result<Value, PyErr> {
    let candidates = match args {
        [] => {
            return Err(PyErr::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        [iterable] => collect_iterable(iterable)?,
        many => many.to_vec(),
    };
    let mut best: Option<Value> = None;
    for candidate in candidates {
        best = Some(match best {
            None => candidate,
            Some(current) => {
                let op = if wanted == std::cmp::Ordering::Less {
                    tracelift_syntax::ast::CmpOp::Lt
                } else {
                    tracelift_syntax::ast::CmpOp::Gt
                };
                if ops::compare_op(&candidate, &current, op)?.is_truthy() {
                    candidate
                } else {
                    current
                }
            }
        });
    }
    best.ok_or_else(|| PyErr::value_error(format!("{name}() arg is an empty sequence")))
}

fn sum(args: &[Value]) -> Result<Value, PyErr> {
    let (iterable, start) = match args {
        [iterable] => (iterable, Value::Int(0)),
        [iterable, start] => (iterable, start.clone()),
        _ => {
            return Err(PyErr::type_error(format!(
                "sum() takes at most 2 arguments ({} given)",
                args.len()
            )))
        }
    };
    if matches!(start, Value::Str(_)) {
        return Err(PyErr::type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let add = crate::bytecode::ArithOp::binary(tracelift_syntax::ast::BinOp::Add);
    let mut total = start;
    for item in collect_iterable(iterable)? {
        total = ops::binary_op(&total, &item, add)?;
    }
    Ok(total)
}

fn int(args: &[Value]) -> Result<Value, PyErr> {
    match args {
        [] => Ok(Value::Int(0)),
        [value] => {
            if let Some(int) = value.as_int() {
                return Ok(Value::from_int(match int {
                    IntRef::Small(small) => numeric::Int::Small(small),
                    IntRef::Big(big) => numeric::Int::Big(big.clone()),
                }));
            }
            match value {
                Value::Float(float) => Ok(Value::from_int(numeric::f64_to_int(*float)?)),
                Value::Str(text) => Ok(Value::from_int(numeric::int_from_str(text.as_str(), 10)?)),
                other => Err(PyErr::type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    other.type_name()
                ))),
            }
        }
        [value, base] => {
            let base = match args::index_value(base)? {
                Some(base) if base == 0 || (2..=36).contains(&base) => base as u32,
                _ => {
                    return Err(PyErr::value_error(
                        "int() base must be >= 2 and <= 36, or 0",
                    ))
                }
            };
            match value {
                Value::Str(text) => {
                    Ok(Value::from_int(numeric::int_from_str(text.as_str(), base)?))
                }
                _ => Err(PyErr::type_error(
                    "int() can't convert non-string with explicit base",
                )),
            }
        }
        _ => Err(PyErr::type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            args.len()
        ))),
    }
}

fn float(args: &[Value]) -> Result<Value, PyErr> {
    match args {
        [] => Ok(Value::Float(0.0)),
        [value] => {
            if let Some(int) = value.as_int() {
                return Ok(Value::Float(numeric::int_to_f64(int)?));
            }
            match value {
                Value::Float(float) => Ok(Value::Float(*float)),
                Value::Str(text) => Ok(Value::Float(numeric::float_from_str(text.as_str())?)),
                other => Err(PyErr::type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    other.type_name()
                ))),
            }
        }
        _ => Err(PyErr::type_error(format!(
            "float expected at most 1 argument, got {}",
            args.len()
        ))),
    }
}

fn round(args: &[Value]) -> Result<Value, PyErr> {
    let (number, ndigits) = match args {
        [] => {
            return Err(PyErr::type_error(
                "round() missing required argument 'number' (pos 1)",
            ))
        }
        [number] => (number, None),
        [number, Value::None] => (number, None),
        [number, ndigits] => (
            number,
            Some(
                args::index_value(ndigits)?.unwrap_or(
                    if ndigits
                        .as_int()
                        .is_some_and(|int| int.sign() == std::cmp::Ordering::Less)
                    {
                        i64::MIN
                    } else {
                        i64::MAX
                    },
                ),
            ),
        ),
        _ => {
            return Err(PyErr::type_error(format!(
                "round() takes at most 2 arguments ({} given)",
                args.len()
            )))
        }
    };
    if let Some(int) = number.as_int() {
        let ndigits = ndigits.unwrap_or(0);
        return Ok(Value::from_int(numeric::int_round(int, ndigits)));
    }
    match number {
        Value::Float(float) => Ok(match numeric::float_round(*float, ndigits)? {
            IntOrFloat::Int(int) => Value::from_int(int),
            IntOrFloat::Float(float) => Value::Float(float),
        }),
        other => Err(PyErr::type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

fn divmod(args: &[Value]) -> Result<Value, PyErr> {
    let [left, right] = args else {
        return Err(PyErr::type_error(format!(
            "divmod expected 2 arguments, got {}",
            args.len()
        )));
    };
    if let (Some(a), Some(b)) = (left.as_int(), right.as_int()) {
        let (quotient, remainder) = numeric::int_divmod(a, b)?;
        return Ok(Value::tuple(vec![
            Value::from_int(quotient),
            Value::from_int(remainder),
        ]));
    }
    use crate::ops::arith::as_float;
    match (as_float(left)?, as_float(right)?) {
        (Some(a), Some(b)) => {
            let (quotient, remainder) = numeric::float_divmod(a, b)?;
            Ok(Value::tuple(vec![
                Value::Float(quotient),
                Value::Float(remainder),
            ]))
        }
        _ => Err(PyErr::type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            left.type_name(),
            right.type_name()
        ))),
    }
}

fn chr(value: &Value) -> Result<Value, PyErr> {
    // CPython converts the argument to a C int first.
    let code = args::index_value(value)?
        .and_then(|code| i32::try_from(code).ok())
        .ok_or_else(|| {
            PyErr::new(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            )
        })?;
    u32::try_from(code)
        .ok()
        .filter(|&code| code < 0x110000)
        .map(|code| {
            // Lone surrogates cannot live in a Rust string; CPython would allow them.
            let character = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
            Value::str(character.to_string())
        })
        .ok_or_else(|| PyErr::value_error("chr() arg not in range(0x110000)"))
}

fn ord(value: &Value) -> Result<Value, PyErr> {
    match value {
        Value::Str(text) => {
            let mut chars = text.as_str().chars();
            match (chars.next(), chars.next()) {
                (Some(character), None) => Ok(Value::Int(character as i64)),
                _ => Err(PyErr::type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    text.char_count()
                ))),
            }
        }
        other => Err(PyErr::type_error(format!(
            "ord() expected string of length 1, but {} found",
            other.type_name()
        ))),
    }
}
