//! The helpers behind the trace's generic ops: each calls the interpreter's own
//! generic function (`crate::ops`) on any values, so a loop whose operations have no
//! typed form still runs compiled, and both tiers compute the same thing.
//!
//! Where the generic function raises, the helper returns `EXIT` having changed
//! nothing: the trace leaves through the instruction's snapshot and the interpreter
//! performs the operation again, raising the same error at the same place. Results are
//! new values: immediates are written as they are, heap objects are kept alive in
//! `deferred` (counted against the allocation cap, past which the helper exits).
//!
//! # Safety (for every helper)
//! As for all helpers (see `helpers.rs`): compiled code passes its own context,
//! pointers to initialised value slots, and writable out slots.

use tracelift_trace::abi::helpers::{EXIT, OK, RAISED};
use tracelift_trace::{Arith, BinaryOperator, Comparison, Op, UnaryOperator};

use super::helpers::{interp, keep_created, release, value, write_borrowed, MAX_TRACE_ALLOCATIONS};
use super::{NativeContext, RawSlot};
use crate::exception::PyErr;
use crate::jit::calls::TraceCall;
use crate::jit::operators;
use crate::ops;
use crate::ops::sequence::normalize_index;
use crate::value::{one_char, Value};
use crate::vm::Interp;
use tracelift_syntax::ast::CmpOp;

/// Writes the result of a generic function to `out`, keeping a heap object alive
/// until the trace returns; `EXIT` if it raised or past the allocation cap.
///
/// # Safety
/// `out` points at a writable slot.
unsafe fn keep_result(
    interp: &mut Interp<'_>,
    result: Result<Value, PyErr>,
    out: *mut RawSlot,
) -> u32 {
    match result {
        Ok(immediate @ (Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_))) => {
            // SAFETY: `out` is writable; an immediate owns no reference.
            unsafe { write_borrowed(out, &immediate) };
            OK
        }
        // Another owner (a list, a constant, the table of one-character strings)
        // keeps the object alive: anything that drops an owner's reference while a
        // trace runs defers it (`release`), so a borrowed copy is enough.
        Ok(object) if !object.is_last_reference() => {
            // SAFETY: `out` is writable; the other owner outlives the trace run.
            unsafe { write_borrowed(out, &object) };
            OK
        }
        // SAFETY: `out` is writable.
        Ok(object) => unsafe { keep_created(interp, object, out) },
        Err(_) => EXIT,
    }
}

/// `binary_generic`: `a OP b`; `EXIT` where the interpreter raises, past the cap, or
/// for an in-place `*` on a list (which could free items the trace holds borrowed).
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_binary_generic(
    ctx: *mut NativeContext,
    op: u32,
    a: *const RawSlot,
    b: *const RawSlot,
    out: *mut RawSlot,
) -> u32 {
    let Some(op) = Arith::from_code(op) else {
        return EXIT;
    };
    // SAFETY: called by compiled code with its context and value slots.
    let (interp, a, b) = unsafe { (interp(ctx), value(a), value(b)) };
    if op.inplace && op.op == BinaryOperator::Mul && matches!(a, Value::List(_)) {
        return EXIT;
    }
    let result = ops::binary_op(a, b, operators::arith_from_trace(op));
    // SAFETY: `out` is writable.
    unsafe { keep_result(interp, result, out) }
}

/// `unary_generic`: `OP a`; `EXIT` where the interpreter raises.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_unary_generic(
    ctx: *mut NativeContext,
    op: u32,
    a: *const RawSlot,
    out: *mut RawSlot,
) -> u32 {
    let Some(op) = UnaryOperator::from_code(op) else {
        return EXIT;
    };
    // SAFETY: called by compiled code with its context and a value slot.
    let (interp, a) = unsafe { (interp(ctx), value(a)) };
    let result = ops::unary_op(a, operators::unary_from_trace(op));
    // SAFETY: `out` is writable.
    unsafe { keep_result(interp, result, out) }
}

/// `compare_generic`: `a OP b` as a bool; `EXIT` where the interpreter raises.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_compare_generic(
    ctx: *mut NativeContext,
    op: u32,
    a: *const RawSlot,
    b: *const RawSlot,
    out: *mut RawSlot,
) -> u32 {
    let Some(op) = Comparison::from_code(op) else {
        return EXIT;
    };
    // SAFETY: called by compiled code with its context and value slots.
    let (interp, a, b) = unsafe { (interp(ctx), value(a), value(b)) };
    let op = operators::comparison_from_trace(op);
    if let (Value::Str(left), Value::Str(right), CmpOp::Eq | CmpOp::NotEq) = (a, b, op) {
        // String equality (`s[i] == c`): what the interpreter's `CompareStrStr`
        // computes, without the generic dispatch.
        let equal = ops::compare::strs_equal(left, right);
        // SAFETY: `out` is writable; a bool owns no reference.
        unsafe { write_borrowed(out, &Value::Bool(equal == (op == CmpOp::Eq))) };
        return OK;
    }
    match ops::compare_op(a, b, op) {
        // A comparison's result is a bool, which owns no reference.
        Ok(result @ Value::Bool(_)) => {
            // SAFETY: `out` is writable.
            unsafe { write_borrowed(out, &result) };
            OK
        }
        // SAFETY: `out` is writable.
        result => unsafe { keep_result(interp, result, out) },
    }
}

/// `truthy`: 1 if the value is true in Python's sense, else 0.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_truthy(object: *const RawSlot) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    u32::from(unsafe { value(object) }.is_truthy())
}

/// `subscript`: `container[index]`; `EXIT` where the interpreter raises.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_subscript(
    ctx: *mut NativeContext,
    container: *const RawSlot,
    index: *const RawSlot,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and value slots.
    let (interp, container, index) = unsafe { (interp(ctx), value(container), value(index)) };
    if let (Value::Str(text), Value::Int(at)) = (container, index) {
        // `s[i]` (what the interpreter's `SubscriptStrInt` computes): a Latin-1
        // character is the shared cached string, which another owner keeps alive.
        let character = normalize_index(*at, text.char_count()).and_then(|at| text.char_at(at));
        if let Some(shared) = character.and_then(one_char::latin1) {
            // SAFETY: `out` is writable; the cache outlives the trace run.
            unsafe { write_borrowed(out, shared) };
            return OK;
        }
    }
    let result = ops::get_item(container, index);
    // SAFETY: `out` is writable.
    unsafe { keep_result(interp, result, out) }
}

/// `store_subscript`: `container[index] = new`; `EXIT`, changing nothing, where the
/// interpreter raises. The item it replaces may be the last reference to an object
/// the trace holds borrowed, so it is given up through `release`.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_store_subscript(
    ctx: *mut NativeContext,
    container: *const RawSlot,
    index: *const RawSlot,
    new: *const RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and value slots.
    let (interp, container, index, new) =
        unsafe { (interp(ctx), value(container), value(index), value(new)) };
    if interp.rt.jit.deferred.len() >= MAX_TRACE_ALLOCATIONS {
        return EXIT;
    }
    // Keep the old item (if the store will replace one) alive past the store.
    let old = ops::get_item(container, index).ok();
    if ops::set_item(container, index, new.clone()).is_err() {
        return EXIT;
    }
    if let Some(old) = old {
        release(interp, old);
    }
    OK
}

/// `slice`: `container[lower:upper:step]`; `EXIT` where the interpreter raises.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_slice(
    ctx: *mut NativeContext,
    container: *const RawSlot,
    lower: *const RawSlot,
    upper: *const RawSlot,
    step: *const RawSlot,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and value slots.
    let (interp, container, lower, upper, step) = unsafe {
        (
            interp(ctx),
            value(container),
            value(lower),
            value(upper),
            value(step),
        )
    };
    let result = ops::slice(container, lower, upper, step);
    // SAFETY: `out` is writable.
    unsafe { keep_result(interp, result, out) }
}

/// `get_iter`: `iter(x)` for any iterable; `EXIT` where the interpreter raises.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_get_iter_any(
    ctx: *mut NativeContext,
    iterable: *const RawSlot,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and a value slot.
    let (interp, iterable) = unsafe { (interp(ctx), value(iterable)) };
    let result = ops::get_iter(iterable);
    // SAFETY: `out` is writable.
    unsafe { keep_result(interp, result, out) }
}

/// `iter_next`: the next item of any iterator; `EXIT` when exhausted.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_iter_next(
    ctx: *mut NativeContext,
    iter: *const RawSlot,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and a value slot.
    let (interp, iter) = unsafe { (interp(ctx), value(iter)) };
    let Value::Iter(iter) = iter else {
        return EXIT;
    };
    if interp.rt.jit.deferred.len() >= MAX_TRACE_ALLOCATIONS {
        // Checked before advancing: an exit must leave the iterator as it was.
        return EXIT;
    }
    match iter.next_value() {
        // SAFETY: `out` is writable; below the cap, keeping the item cannot fail.
        Some(item) => unsafe { keep_result(interp, Ok(item), out) },
        None => EXIT,
    }
}

/// `iter_done`: `OK` if the value is an exhausted iterator of any kind, else `EXIT`.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_iter_done_any(iter: *const RawSlot) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    match unsafe { value(iter) } {
        Value::Iter(iter) if iter.is_done() => OK,
        _ => EXIT,
    }
}

/// The `count` values at `items`, borrowed.
///
/// # Safety
/// `items` points at `count` initialised value slots that outlive `'a`.
unsafe fn values<'a>(items: *const RawSlot, count: u32) -> &'a [Value] {
    if count == 0 {
        return &[];
    }
    // SAFETY: see the function's contract; `RawSlot` has `Value`'s size and alignment.
    unsafe { std::slice::from_raw_parts(items as *const Value, count as usize) }
}

/// `build_list` (`tuple` zero) and `build_tuple`: a new sequence of the values at
/// `items`; `EXIT` past the allocation cap.
///
/// # Safety
/// Only for compiled code: see the module docs; `items` points at `count` slots.
pub unsafe extern "C" fn tl_build_sequence(
    ctx: *mut NativeContext,
    items: *const RawSlot,
    count: u32,
    tuple: u32,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and `count` value slots.
    let (interp, items) = unsafe { (interp(ctx), values(items, count)) };
    if interp.rt.jit.deferred.len() >= MAX_TRACE_ALLOCATIONS {
        return EXIT;
    }
    let Ok(sequence) = ops::sequence::build_sequence(items.to_vec(), tuple != 0) else {
        return EXIT;
    };
    // SAFETY: `out` is writable.
    unsafe { keep_created(interp, sequence, out) }
}

/// `guard_sequence_len`: 1 if the value is a tuple or list of `count` items, else 0.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_sequence_len_is(sequence: *const RawSlot, count: u32) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    let len = match unsafe { value(sequence) } {
        Value::Tuple(items) => items.len(),
        Value::List(list) => list.len(),
        _ => return 0,
    };
    u32::from(len == count as usize)
}

/// `sequence_item`: item `index` of a tuple or list (borrowed from it); `EXIT` if
/// there is none.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_sequence_item(
    sequence: *const RawSlot,
    index: u32,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    match unsafe { value(sequence) } {
        Value::Tuple(items) => match items.get(index as usize) {
            // SAFETY: `out` is writable; the tuple owns the item.
            Some(item) => unsafe {
                write_borrowed(out, item);
                OK
            },
            None => EXIT,
        },
        Value::List(list) => {
            let Some(items) = list.try_items() else {
                return EXIT;
            };
            match items.get(index as usize) {
                // SAFETY: `out` is writable; the list owns the item.
                Some(item) => unsafe {
                    write_borrowed(out, item);
                    OK
                },
                None => EXIT,
            }
        }
        _ => EXIT,
    }
}

/// `call_native` (`kind` 0), `call_native_kw` (1) and `call_method` (2, `name`
/// pointing at its symbol's words): the call, as the interpreter makes it
/// (`jit::calls`). `EXIT` before a call that cannot be made here or past the
/// allocation cap; `RAISED` after a call that raised (the error is pending, and the
/// exit must not enter a linked side trace, which would run with it pending). A host
/// function that panics does not unwind through compiled code: the panic is kept and
/// resumed once the trace has exited (`RAISED` too).
///
/// # Safety
/// Only for compiled code: see the module docs; `args` points at `count` slots, and
/// `name` at three words when `kind` is 2.
pub unsafe extern "C" fn tl_call(
    ctx: *mut NativeContext,
    kind: u32,
    name: *const u64,
    args: *const RawSlot,
    count: u32,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and `count` value slots.
    let (interp, args) = unsafe { (interp(ctx), values(args, count)) };
    if interp.rt.jit.deferred.len() >= MAX_TRACE_ALLOCATIONS {
        return EXIT;
    }
    let rt: &mut crate::vm::Runtime = interp.rt;
    let called = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match kind {
        0 => crate::jit::calls::call_from_trace(rt, Op::CallNative {}, args),
        1 => crate::jit::calls::call_from_trace(rt, Op::CallNativeKw {}, args),
        _ => {
            // SAFETY: for a method call `name` points at three readable words.
            let words = unsafe { [*name, *name.add(1), *name.add(2)] };
            match args {
                [receiver, rest @ ..] => {
                    crate::jit::calls::call_method_named(rt, words, receiver, rest)
                }
                [] => TraceCall::NotMade,
            }
        }
    }));
    match called {
        // SAFETY: `out` is writable; below the cap, keeping the result cannot fail.
        Ok(TraceCall::Returned(result)) => unsafe { keep_result(interp, Ok(result), out) },
        Ok(TraceCall::NotMade) => EXIT,
        Ok(TraceCall::Raised) => RAISED,
        Err(panic) => {
            interp.rt.jit.pending_panic = Some(panic);
            RAISED
        }
    }
}

/// `call_py`: calls the first of the `count` values at `args` with the others (a
/// Python function in a nested run of the interpreter, `jit::calls::call_python`).
/// The callee may free objects the trace holds borrowed copies of (a global it
/// rebinds, a list item it replaces), so first each of the `held` values at `keep`
/// (the objects the trace still uses after the call) gets a reference of its own,
/// and the result is always kept, never borrowed. `EXIT` before a call that cannot
/// be made here, `RAISED` after one that raised, as `tl_call`.
///
/// # Safety
/// Only for compiled code: see the module docs; `args` points at `count` slots and
/// `keep` at `held`.
pub unsafe extern "C" fn tl_call_py(
    ctx: *mut NativeContext,
    depth: u32,
    args: *const RawSlot,
    count: u32,
    keep: *const RawSlot,
    held: u32,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and value slots.
    let (interp, args, keep) = unsafe { (interp(ctx), values(args, count), values(keep, held)) };
    // Room for the held values and the result: once made, the call must not exit.
    if interp.rt.jit.deferred.len() + keep.len() + 1 >= MAX_TRACE_ALLOCATIONS {
        return EXIT;
    }
    for value in keep.iter().filter(|value| !value.is_immediate()) {
        let kept = match value {
            // The callee itself, held at every call: its reference taken inline.
            Value::Function(function) => Value::Function(function.clone()),
            other => other.clone(),
        };
        interp.rt.jit.deferred.push(kept);
    }
    let called = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::jit::calls::call_python(interp, depth, args)
    }));
    // SAFETY: the nested run may have grown the exit buffer (compiling traces with
    // larger snapshots); the trace's exits must write where the VM will read.
    unsafe { (*ctx).exit_values = interp.rt.jit.exit_buffer.as_mut_ptr() };
    match called {
        Ok(TraceCall::Returned(result)) if result.is_immediate() => {
            // SAFETY: `out` is writable; an immediate owns no reference.
            unsafe { write_borrowed(out, &result) };
            // An immediate owns nothing: no drop glue to run.
            std::mem::forget(result);
            OK
        }
        // SAFETY: `out` is writable.
        Ok(TraceCall::Returned(result)) => unsafe { keep_created(interp, result, out) },
        Ok(TraceCall::NotMade) => EXIT,
        Ok(TraceCall::Raised) => RAISED,
        Err(panic) => {
            interp.rt.jit.pending_panic = Some(panic);
            RAISED
        }
    }
}
