//! The helpers of a compiled call (`FunctionTree`, the backend's
//! `compiled_call.rs`): compiled code calls a function's own entry tree natively,
//! on a frame in its native stack frame, and reaches the VM only here.
//!
//! - [`tl_finish_call`]: the callee did not return an immediate. Its frame becomes
//!   the first of a nested run, rebuilt from the exit, which runs the rest of the
//!   call (as a direct call does, `vm/direct_call.rs`); or it returned an object,
//!   which gets a reference of its own before the frame goes.
//! - [`tl_free_callee_kept`]: the callee returned an immediate but kept objects for
//!   its run (`deferred`): they go, as after a direct call.
//! - [`tl_drop_last_reference`]: compiled code let go of the last reference to an
//!   object it held across the call.

use tracelift_trace::abi::helpers::{EXIT, OK, RAISED};

use super::helpers::{interp, release, value, write_borrowed};
use super::{ExitCode, NativeContext, RawSlot};
use crate::value::Value;
use crate::vm::NestedCall;

/// A compiled call whose callee left with `exit` other than by returning an
/// immediate: finishes it in the VM. `OK` with the value returned in `out`,
/// `RAISED` after the callee raised (or a host function panicked); `EXIT` only if
/// the caller's trace no longer names the callee, which cannot happen.
///
/// # Safety
/// Only for compiled code: see the module docs of `helpers`; `frame` points at the
/// callee's `count` slots, whose values it owns and gives up here; `keep` at `held`
/// slots, each holding a reference compiled code took and hands over.
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn tl_finish_call(
    ctx: *mut NativeContext,
    exit: i64,
    callee: i64,
    frame: *const RawSlot,
    count: u32,
    keep: *const RawSlot,
    held: u32,
    kept: i64,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context.
    let interp = unsafe { interp(ctx) };
    // SAFETY: the frame's and keep's slots each own one reference, taken over here.
    let (stack, held): (Vec<Value>, Vec<Value>) =
        unsafe { (owned_values(frame, count), owned_values(keep, held)) };
    let exit = ExitCode::decode(exit as u64);
    // SAFETY: a `leave` at a `return` wrote a valid (borrowed) value there, whose
    // owner (the callee's frame, now `stack`, or `deferred`) is alive.
    let returned = exit
        .returned
        .then(|| unsafe { value(std::ptr::addr_of!((*ctx).returned)) }.clone());
    let (trace, code) = ((callee as u64 >> 32) as usize, callee as u32);
    let function = interp
        .rt
        .jit
        .installed
        .get(trace)
        .and_then(|trace| trace.code(code))
        .cloned();
    let called = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let returned = (kept as usize, returned);
        function.map(|function| interp.finish_compiled_call(&function, stack, exit, returned))
    }));
    // SAFETY: the nested run may have grown the exit buffer (compiling traces with
    // larger snapshots); the trace's exits must write where the VM will read.
    unsafe { (*ctx).exit_values = interp.rt.jit.exit_buffer.as_mut_ptr() };
    // What the caller held across the call stays alive until its trace exits.
    for value in held {
        release(interp, value);
    }
    match called {
        Ok(Some(NestedCall::Returned(result))) if result.is_immediate() => {
            // SAFETY: `out` is writable; an immediate owns no reference.
            unsafe { write_borrowed(out, &result) };
            std::mem::forget(result);
            OK
        }
        Ok(Some(NestedCall::Returned(result))) => {
            interp.rt.jit.deferred.push(result.clone());
            // SAFETY: `out` is writable; `deferred` owns the value until the trace
            // returns to the VM.
            unsafe { write_borrowed(out, &result) };
            OK
        }
        Ok(Some(NestedCall::Raised(error))) => {
            interp.rt.jit.pending_error = Some(error);
            RAISED
        }
        Ok(Some(NestedCall::Panicked(panic))) | Err(panic) => {
            interp.rt.jit.pending_panic = Some(panic);
            RAISED
        }
        Ok(Some(NestedCall::NotMade)) | Ok(None) => EXIT,
    }
}

/// After a compiled call returned an immediate: frees what its callee kept above
/// `kept`, the count of objects kept for the caller before the call.
///
/// # Safety
/// Only for compiled code: see the module docs of `helpers`.
pub unsafe extern "C" fn tl_free_callee_kept(ctx: *mut NativeContext, kept: i64) {
    // SAFETY: called by compiled code with its context.
    let interp = unsafe { interp(ctx) };
    let jit = &mut interp.rt.jit;
    let floor = jit.deferred.raise_floor_past(kept as usize);
    jit.free_kept_objects();
    jit.deferred.lower_floor(floor);
}

/// Lets go of the reference compiled code holds in `slot`, the object's last: it is
/// kept until the trace exits, as any object a trace lets go of.
///
/// # Safety
/// Only for compiled code: see the module docs of `helpers`; the slot holds a
/// reference of compiled code's own, given up here.
pub unsafe extern "C" fn tl_drop_last_reference(ctx: *mut NativeContext, slot: *const RawSlot) {
    // SAFETY: called by compiled code with its context.
    let interp = unsafe { interp(ctx) };
    // SAFETY: the slot holds a valid value and one reference that is ours to take.
    let value = unsafe { std::ptr::read(slot as *const Value) };
    release(interp, value);
}

/// The values of `count` slots at `slots`, each taken over with the reference it
/// holds.
///
/// # Safety
/// Each slot holds a valid value owning one reference, which the caller gives up.
unsafe fn owned_values(slots: *const RawSlot, count: u32) -> Vec<Value> {
    (0..count as usize)
        // SAFETY: see the function's contract.
        .map(|index| unsafe { std::ptr::read(slots.add(index) as *const Value) })
        .collect()
}
