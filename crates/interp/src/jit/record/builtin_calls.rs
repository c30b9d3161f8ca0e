//! Calls of `len`, `abs`, `int` and `float` with one argument of the type they are
//! most often given, and of `min` and `max` with two ints or two floats, recorded as
//! the trace's own ops instead of `call_native`.
//!
//! `call_native` boxes its arguments, calls the builtin through a helper and returns
//! an object the trace unboxes with a guard. For `len(list)`, `abs(x)` of an int or
//! a float, `int(x)` of a float and `float(n)` of an int, the trace checks that the
//! callee is still that builtin (`guard_builtin`, leaving before the call if a
//! program rebound the name) and does the work itself: `list_len`, `int_abs`,
//! `float_abs`, `float_to_int`, `int_to_float` (and `int` of an int and `float` of a
//! float are the argument itself). Each leaves through the call's
//! snapshot where the builtin would do something else (not a list, the most
//! negative int, a float that is NaN, infinite or past the 64-bit ints), and the
//! interpreter makes the call there.
//!
//! `min(a, b)` is `b if b < a else a` and `max(a, b)` is `b if b > a else a` (the
//! first of equal items wins, and NaN compares false): the trace compares, guards
//! that the comparison goes the way it went while recording (a side trace takes the
//! other way) and goes on with that operand.

use super::context::{Context, Step};
use crate::jit::Abort;
use crate::value::{BuiltinId, Value};
use tracelift_trace::{Cmp, Op, Type};

/// What a recognised call becomes.
enum Inline {
    /// `list_len` of the argument, an object.
    Len,
    /// `op` of the argument unboxed to `ty`.
    Unary(Type, Op),
    /// The argument itself, unboxed to `ty` (`int` of an int, `float` of a float).
    Same(Type),
}

impl Context<'_, '_> {
    /// Records the call of the callee below `argc` arguments as inline ops if it is
    /// one of the calls above; `None` (nothing recorded) otherwise.
    pub(super) fn builtin_call(&mut self, argc: usize) -> Option<Step> {
        if argc == 2 {
            return self.min_or_max();
        }
        if argc != 1 {
            return None;
        }
        let Value::Builtin(builtin) = *self.real.peek(1) else {
            return None;
        };
        let inline = match (builtin, self.real.peek(0)) {
            (BuiltinId::Len, Value::List(_)) => Inline::Len,
            (BuiltinId::Abs, Value::Float(_)) => Inline::Unary(Type::Float, Op::FloatAbs {}),
            (BuiltinId::Abs, Value::Int(_)) => Inline::Unary(Type::Int, Op::IntAbs {}),
            (BuiltinId::Int, Value::Float(_)) => Inline::Unary(Type::Float, Op::FloatToInt {}),
            (BuiltinId::Float, Value::Int(_)) => Inline::Unary(Type::Int, Op::IntToFloat {}),
            (BuiltinId::Int, Value::Int(_)) => Inline::Same(Type::Int),
            (BuiltinId::Float, Value::Float(_)) => Inline::Same(Type::Float),
            _ => return None,
        };
        Some(self.with(|recorder, real| {
            let arg = recorder.pop(real)?;
            let callee = recorder.pop(real)?;
            if callee.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            let guard = Op::GuardBuiltin {
                builtin: builtin.index(),
            };
            recorder.emit(guard, &[callee]);
            let result = match inline {
                Inline::Len if arg.ty == Type::Obj => recorder.emit(Op::ListLen {}, &[arg]),
                Inline::Unary(ty, op) => {
                    let arg = recorder.unboxed_as(arg, ty)?;
                    recorder.emit(op, &[arg])
                }
                Inline::Same(ty) => recorder.unboxed_as(arg, ty)?,
                Inline::Len => return Err(Abort::GuardFails),
            };
            recorder.push(result);
            Ok(())
        }))
    }
}

impl Context<'_, '_> {
    /// `min(a, b)` or `max(a, b)` of two ints or two floats.
    fn min_or_max(&mut self) -> Option<Step> {
        let Value::Builtin(builtin) = *self.real.peek(2) else {
            return None;
        };
        let cmp = match builtin {
            BuiltinId::Min => Cmp::Lt,
            BuiltinId::Max => Cmp::Gt,
            _ => return None,
        };
        let ordering = match (self.real.peek(1), self.real.peek(0)) {
            (Value::Int(a), Value::Int(b)) => Some(b.cmp(a)),
            (Value::Float(a), Value::Float(b)) => b.partial_cmp(a),
            _ => return None,
        };
        let (ty, op) = match self.real.peek(0) {
            Value::Int(_) => (Type::Int, Op::IntCmp { op: cmp }),
            _ => (Type::Float, Op::FloatCmp { op: cmp }),
        };
        // Whether `b` is the result.
        let second = cmp.holds(ordering);
        Some(self.with(|recorder, real| {
            let b = recorder.pop(real)?;
            let a = recorder.pop(real)?;
            let callee = recorder.pop(real)?;
            if callee.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            let a = recorder.unboxed_as(a, ty)?;
            let b = recorder.unboxed_as(b, ty)?;
            let guard = Op::GuardBuiltin {
                builtin: builtin.index(),
            };
            recorder.emit(guard, &[callee]);
            let holds = recorder.emit(op, &[b, a]);
            let guard = match second {
                true => Op::GuardTrue {},
                false => Op::GuardFalse {},
            };
            recorder.emit(guard, &[holds]);
            recorder.push(if second { b } else { a });
            Ok(())
        }))
    }
}
