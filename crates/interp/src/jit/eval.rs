//! The trace evaluator: runs a trace against the live interpreter frame, without
//! machine code. It is the reference compiled traces will be checked against.
//!
//! Registers are `Value`s, so boxing and unboxing are type checks. Every op computes
//! with the same functions the interpreter's uops use (`tracelift_trace::arith`,
//! `Cmp::holds`, `normalize_index`); an op whose fast form does not apply
//! exits instead, and the interpreter, resuming at the snapshot's pc, performs the
//! operation itself (raising the error, or promoting to a big int) exactly as it
//! would have without the trace.

use std::rc::Rc;

use tracelift_trace::{arith, Block, Inst, Op, SnapValue, SnapshotId, Trace, ValueId};

use crate::exception::PyErr;
use crate::jit::{calls, operators, InstalledTrace};
use crate::ops;
use crate::ops::sequence::normalize_index;
use crate::value::{IterObj, Value};
use crate::vm::Interp;

/// Runs `trace` from its loop header until an exit; leaves the interpreter at the
/// snapshot's pc with the frame rebuilt. Errors only for the step budget or an
/// interrupt, met at a `burn_fuel` (the loop's backward jump or an inlined call),
/// raised where the interpreter would have raised them.
pub(crate) fn run_trace(
    interp: &mut Interp<'_>,
    installed: &InstalledTrace,
) -> Result<TraceEnd, PyErr> {
    evaluate(interp, installed, &[])
}

/// How an evaluated trace ended (when it raised nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceEnd {
    /// It left through this snapshot.
    Exited(SnapshotId),
    /// A side trace reached its close: the frame holds the `close` snapshot's state,
    /// and the root's loop header is next.
    Closed,
}

/// Runs `trace` (a root trace, or a side trace whose `load_exit`s read
/// `exit_values`, the values its parent's exit wrote) until it leaves or closes.
pub(crate) fn evaluate(
    interp: &mut Interp<'_>,
    installed: &InstalledTrace,
    exit_values: &[Value],
) -> Result<TraceEnd, PyErr> {
    let trace = &installed.trace;
    let mut registers = vec![Value::None; register_count(trace)];
    if let Some(exit) = run_block(interp, &mut registers, installed, &trace.entry, exit_values) {
        return leave(interp, installed, &registers, exit);
    }
    let mut carried = read(&registers, &trace.entry.jump_args);
    // `loop`, then (once peeled) `body` over and over; unpeeled, `loop` repeats.
    let mut block = &trace.body;
    loop {
        for ((param, _), value) in block.params.iter().zip(carried) {
            registers[param.0 as usize] = value;
        }
        if let Some(exit) = run_block(interp, &mut registers, installed, block, exit_values) {
            return leave(interp, installed, &registers, exit);
        }
        if let Some(side) = trace.side {
            leave(interp, installed, &registers, (side.close, None))?;
            return Ok(TraceEnd::Closed);
        }
        carried = read(&registers, &block.jump_args);
        if let Some(steady) = &trace.steady {
            block = steady;
        }
    }
}

fn register_count(trace: &Trace) -> usize {
    let defined = trace.insts().filter_map(|inst| inst.result);
    let steady = trace.steady.iter().flat_map(|block| &block.params);
    let params = trace
        .body
        .params
        .iter()
        .chain(steady)
        .map(|(value, _)| *value);
    defined
        .chain(params)
        .map(|value| value.0 as usize + 1)
        .max()
        .unwrap_or(0)
}

fn read(registers: &[Value], values: &[ValueId]) -> Vec<Value> {
    values
        .iter()
        .map(|value| registers[value.0 as usize].clone())
        .collect()
}

/// An exit: the snapshot to leave through, and the error to raise after leaving (the
/// step budget or an interrupt, met where an inlined call stood).
type Exit = (SnapshotId, Option<PyErr>);

/// Runs a block's instructions; the exit of the first that leaves, if any.
fn run_block(
    interp: &mut Interp<'_>,
    registers: &mut [Value],
    installed: &InstalledTrace,
    block: &Block,
    exit_values: &[Value],
) -> Option<Exit> {
    for inst in &block.insts {
        let snapshot = inst.snapshot.unwrap_or(SnapshotId(0));
        if let Op::BurnFuel {} = inst.op {
            if let Err(error) = interp.burn_fuel() {
                return Some((snapshot, Some(error)));
            }
            continue;
        }
        match step(interp, registers, installed, inst, exit_values) {
            Some(value) => {
                if let Some(result) = inst.result {
                    registers[result.0 as usize] = value;
                }
            }
            None => return Some((snapshot, interp.rt.jit.pending_error.take())),
        }
    }
    None
}

/// Executes one instruction: `Some(result)` (`None` as a placeholder result for ops
/// without one), or `None` to exit through its snapshot.
fn step(
    interp: &mut Interp<'_>,
    registers: &[Value],
    installed: &InstalledTrace,
    inst: &Inst,
    exit_values: &[Value],
) -> Option<Value> {
    let arg = |position: usize| &registers[inst.args[position].0 as usize];
    let int = |position: usize| match arg(position) {
        Value::Int(value) => Some(*value),
        _ => None,
    };
    let float = |position: usize| match arg(position) {
        Value::Float(value) => Some(*value),
        _ => None,
    };
    let int_binary = |op: fn(i64, i64) -> Option<i64>| op(int(0)?, int(1)?).map(Value::Int);
    Some(match inst.op {
        Op::LoadSlot { slot } => interp
            .stack
            .get(interp.base + slot as usize)
            .cloned()
            .unwrap_or(Value::Unbound),
        // The VM runs side traces only compiled (they hang off machine-code exits);
        // the trace harness evaluates them with the values of their parent's exit.
        Op::LoadExit { index } => exit_values.get(index as usize)?.clone(),
        Op::LoadGlobal { global } => interp.rt.globals.load(global)?.clone(),
        Op::StoreGlobal { global } => {
            interp.rt.globals.store(global, arg(0).clone());
            Value::None
        }
        Op::ConstInt { value } => Value::Int(value),
        Op::ConstFloat { value } => Value::Float(value),
        Op::ConstBool { value } => Value::Bool(value),
        Op::ConstNone {} => Value::None,
        Op::UnboxInt {} => Value::Int(int(0)?),
        Op::UnboxFloat {} => Value::Float(float(0)?),
        Op::UnboxBool {} => match arg(0) {
            Value::Bool(flag) => Value::Bool(*flag),
            _ => return None,
        },
        Op::BoxInt {} | Op::BoxFloat {} | Op::BoxBool {} => arg(0).clone(),
        Op::GuardList {} => match arg(0) {
            Value::List(_) => Value::None,
            _ => return None,
        },
        Op::GuardCode { code } => {
            let expected = installed.code(code)?;
            match arg(0) {
                Value::Function(function) if Rc::ptr_eq(&function.code, expected) => Value::None,
                _ => return None,
            }
        }
        // Handled in `run_block`, which may have to raise.
        Op::BurnFuel {} => Value::None,
        // Always leaves through its snapshot.
        Op::Leave {} => return None,
        Op::GuardTrue {} | Op::GuardFalse {} => {
            let wanted = matches!(inst.op, Op::GuardTrue {});
            match arg(0) {
                Value::Bool(flag) if *flag == wanted => Value::None,
                _ => return None,
            }
        }
        Op::IntAdd {} => int_binary(arith::add)?,
        Op::IntSub {} => int_binary(arith::sub)?,
        Op::IntMul {} => int_binary(arith::mul)?,
        Op::IntFloorDiv {} => int_binary(arith::floor_div)?,
        Op::IntMod {} => int_binary(arith::modulo)?,
        Op::IntAnd {} => int_binary(|a, b| Some(a & b))?,
        Op::IntOr {} => int_binary(|a, b| Some(a | b))?,
        Op::IntXor {} => int_binary(|a, b| Some(a ^ b))?,
        Op::IntShl {} => int_binary(arith::shl)?,
        Op::IntShr {} => int_binary(arith::shr)?,
        Op::IntNeg {} => Value::Int(arith::neg(int(0)?)?),
        Op::IntAbs {} => Value::Int(int(0)?.checked_abs()?),
        Op::IntAddFits {} => Value::Int(int(0)?.wrapping_add(int(1)?)),
        Op::IntSubFits {} => Value::Int(int(0)?.wrapping_sub(int(1)?)),
        Op::IntCmp { op } => Value::Bool(op.holds(Some(int(0)?.cmp(&int(1)?)))),
        Op::FloatAdd {} => Value::Float(float(0)? + float(1)?),
        Op::FloatSub {} => Value::Float(float(0)? - float(1)?),
        Op::FloatMul {} => Value::Float(float(0)? * float(1)?),
        Op::FloatDiv {} => {
            let divisor = float(1)?;
            if divisor == 0.0 {
                return None;
            }
            Value::Float(float(0)? / divisor)
        }
        Op::FloatFloorDiv {} => {
            Value::Float(crate::numeric::float_floordiv(float(0)?, float(1)?).ok()?)
        }
        Op::FloatMod {} => Value::Float(crate::numeric::float_mod(float(0)?, float(1)?).ok()?),
        Op::FloatPow {} => Value::Float(crate::numeric::float_pow(float(0)?, float(1)?).ok()?),
        Op::FloatNeg {} => Value::Float(-float(0)?),
        Op::FloatAbs {} => Value::Float(float(0)?.abs()),
        Op::FloatToInt {} => {
            let x = float(0)?;
            // -2**63 and 2**63, both exact doubles; NaN fails both.
            if !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
                return None;
            }
            Value::Int(x as i64)
        }
        Op::FloatCmp { op } => Value::Bool(op.holds(float(0)?.partial_cmp(&float(1)?))),
        Op::IntToFloat {} => Value::Float(int(0)? as f64),
        Op::BoolNot {} => match arg(0) {
            Value::Bool(flag) => Value::Bool(!flag),
            _ => return None,
        },
        Op::ListLen {} => match arg(0) {
            Value::List(list) => Value::Int(list.len() as i64),
            _ => return None,
        },
        Op::ListGet {} => match arg(0) {
            Value::List(list) => {
                let items = list.items();
                let at = normalize_index(int(1)?, items.len())?;
                items[at].clone()
            }
            _ => return None,
        },
        Op::ListSet {} => match arg(0) {
            Value::List(list) => {
                let mut items = list.items_mut();
                let at = normalize_index(int(1)?, items.len())?;
                let old = std::mem::replace(&mut items[at], arg(2).clone());
                // Free the old item after the borrow: it may reach other lists.
                drop(items);
                drop(old);
                Value::None
            }
            _ => return None,
        },
        Op::ListGetNonneg {} | Op::ListGetInRange {} => match arg(0) {
            Value::List(list) => {
                let items = list.items();
                let at = usize::try_from(int(1)?).ok()?;
                items.get(at)?.clone()
            }
            _ => return None,
        },
        Op::ListSetNonneg {} | Op::ListSetInRange {} => match arg(0) {
            Value::List(list) => {
                let mut items = list.items_mut();
                let at = usize::try_from(int(1)?).ok()?;
                let old = std::mem::replace(items.get_mut(at)?, arg(2).clone());
                // Free the old item after the borrow: it may reach other lists.
                drop(items);
                drop(old);
                Value::None
            }
            _ => return None,
        },
        Op::ListAppend {} => match arg(0) {
            Value::List(list) => {
                list.push(arg(1).clone()).ok()?;
                Value::None
            }
            _ => return None,
        },
        Op::RangeIterNext {} => match arg(0) {
            Value::Iter(iter) if matches!(**iter, IterObj::Range { .. }) => iter.next_value()?,
            _ => return None,
        },
        Op::GuardRangeIterWithin { lo, hi } => match arg(0) {
            Value::Iter(iter) if iter.range_items_within(lo, hi) => Value::None,
            _ => return None,
        },
        Op::GuardRangeIterIndexes { lo, hi } => match (arg(0), arg(1)) {
            // Exhausted (no item lies in an empty interval): nothing to check.
            (Value::Iter(iter), Value::List(_)) if iter.range_items_within(1, 0) => Value::None,
            (Value::Iter(iter), Value::List(list)) => {
                // `0 <= x + lo` and `x + hi < len` for the least and greatest `x`, in
                // i128 (no overflow).
                let (least, greatest) = iter.range_item_span()?;
                let valid = 0 <= i128::from(least) + i128::from(lo)
                    && i128::from(greatest) + i128::from(hi) < list.len() as i128;
                if !valid {
                    return None;
                }
                Value::None
            }
            _ => return None,
        },
        Op::GuardBuiltin { builtin } => match arg(0) {
            Value::Builtin(id) if id.index() == builtin => Value::None,
            _ => return None,
        },
        Op::GuardRangeBuiltin {} => match arg(0) {
            Value::Builtin(crate::value::BuiltinId::Range) => Value::None,
            _ => return None,
        },
        Op::RangeNew {} => crate::builtins::new_range(int(0)?, int(1)?, int(2)?)?,
        Op::RangeIterNew {} => {
            crate::ops::sequence::new_range_iter(int(0)?, int(1)?, int(2)?)?.value()
        }
        Op::RangeGetIter {} | Op::ListGetIter {} => match (inst.op, arg(0)) {
            (Op::RangeGetIter {}, range @ Value::Range(_)) => {
                crate::ops::sequence::get_iter(range).ok()?
            }
            (Op::ListGetIter {}, list @ Value::List(_)) => {
                crate::ops::sequence::get_iter(list).ok()?
            }
            _ => return None,
        },
        Op::RangeIterDone {} | Op::ListIterDone {} => match arg(0) {
            Value::Iter(iter) if iter.is_exhausted(matches!(inst.op, Op::RangeIterDone {})) => {
                Value::None
            }
            _ => return None,
        },
        Op::ListIterNext {} => match arg(0) {
            Value::Iter(iter) if matches!(**iter, IterObj::List { .. }) => iter.next_value()?,
            _ => return None,
        },
        // Generic ops run the interpreter's own functions; where those raise, the
        // trace exits and the interpreter raises at the same instruction.
        Op::ConstObj { index } => installed.constant(index)?.clone(),
        Op::BinaryGeneric { op } => {
            // An in-place `*` on a list exits, as compiled code does (its helper
            // cannot let the list drop items the trace holds borrowed): the
            // interpreter repeats the list itself.
            if op.inplace
                && op.op == tracelift_trace::BinaryOperator::Mul
                && matches!(arg(0), Value::List(_))
            {
                return None;
            }
            ops::binary_op(arg(0), arg(1), operators::arith_from_trace(op)).ok()?
        }
        // Never in place: registers own their values, so the string always has
        // another reference here. Same checks, same result, only a copy.
        Op::StrAppend { .. } => match (arg(0), arg(1)) {
            (Value::Str(left), Value::Str(right)) => {
                ops::concat::check_append(left, right).ok()?;
                ops::concat::concat_str(left, right).ok()?
            }
            _ => return None,
        },
        Op::UnaryGeneric { op } => ops::unary_op(arg(0), operators::unary_from_trace(op)).ok()?,
        Op::CompareGeneric { op } => {
            ops::compare_op(arg(0), arg(1), operators::comparison_from_trace(op)).ok()?
        }
        Op::Truthy {} => Value::Bool(arg(0).is_truthy()),
        Op::Subscript {} => ops::get_item(arg(0), arg(1)).ok()?,
        Op::StoreSubscript {} => {
            ops::set_item(arg(0), arg(1), arg(2).clone()).ok()?;
            Value::None
        }
        Op::Slice {} => ops::slice(arg(0), arg(1), arg(2), arg(3)).ok()?,
        Op::GetIter {} => ops::get_iter(arg(0)).ok()?,
        Op::IterNext {} => match arg(0) {
            Value::Iter(iter) => iter.next_value()?,
            _ => return None,
        },
        Op::IterDone {} => match arg(0) {
            Value::Iter(iter) if iter.is_done() => Value::None,
            _ => return None,
        },
        Op::BuildList {} | Op::BuildTuple {} => ops::sequence::build_sequence(
            inst.args
                .iter()
                .map(|arg| registers[arg.0 as usize].clone())
                .collect(),
            matches!(inst.op, Op::BuildTuple {}),
        )
        .ok()?,
        Op::GuardSequenceLen { count } => match arg(0) {
            Value::Tuple(items) if items.len() == count as usize => Value::None,
            Value::List(list) if list.len() == count as usize => Value::None,
            _ => return None,
        },
        Op::SequenceItem { index } => match arg(0) {
            Value::Tuple(items) => items.get(index as usize)?.clone(),
            Value::List(list) => list.get(index as usize)?,
            _ => return None,
        },
        Op::CallNative {} | Op::CallNativeKw {} | Op::CallMethod { .. } | Op::CallPy { .. } => {
            let args: Vec<Value> = inst
                .args
                .iter()
                .map(|arg| registers[arg.0 as usize].clone())
                .collect();
            let call = match inst.op {
                Op::CallPy { depth } => calls::call_python(interp, depth, &args),
                op => calls::call_from_trace(interp.rt, op, &args),
            };
            match call {
                calls::TraceCall::Returned(value) => value,
                calls::TraceCall::Raised | calls::TraceCall::NotMade => return None,
            }
        }
    })
}

/// Leaves through snapshot `exit`, reading the values it lists from the registers.
fn leave(
    interp: &mut Interp<'_>,
    installed: &InstalledTrace,
    registers: &[Value],
    (exit, error): Exit,
) -> Result<TraceEnd, PyErr> {
    let value_of = |_: usize, value: SnapValue| match value {
        SnapValue::Value(value) => registers[value.0 as usize].clone(),
        SnapValue::Unbound => Value::Unbound,
    };
    super::exit::leave(interp, installed, exit.0, value_of, error).map(|()| TraceEnd::Exited(exit))
}
