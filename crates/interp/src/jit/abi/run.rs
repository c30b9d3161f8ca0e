//! Entering a compiled trace and leaving it through the exit it returns.

use super::{ExitCode, NativeContext, RawSlot};
use crate::exception::PyErr;
use crate::jit::InstalledTrace;
use crate::value::Value;
use crate::vm::Interp;

/// Runs the compiled code of `installed` (its `entry`) from the loop header until an
/// exit, then rebuilds the interpreter's frames from that exit's snapshot. Linked side
/// traces may run in between, so the exit may belong to another trace of the tree.
pub(crate) fn run_native(
    interp: &mut Interp<'_>,
    installed: &InstalledTrace,
    entry: *const u8,
) -> Result<ExitCode, PyErr> {
    let interp_ptr: *mut Interp<'_> = interp;
    // SAFETY: the frame's slots start at `base`, which is at most the stack's length
    // (the loop header's frame is live); the pointer stays valid while compiled code
    // runs because nothing resizes the stack until the trampoline returns.
    let frame = unsafe { (*interp_ptr).stack.as_mut_ptr().add((*interp_ptr).base) } as *mut RawSlot;
    // SAFETY: as `call_compiled` requires: `entry` is live, `frame` is the current
    // frame's first slot, and the interpreter is reached only through the context.
    let Some(code) = (unsafe { call_compiled(interp_ptr, entry, frame) }) else {
        return Ok(ExitCode {
            trace: installed.number,
            snapshot: u32::MAX,
            fuel: false,
            returned: false,
        });
    };
    leave_compiled(interp, ExitCode::decode(code))
}

/// Calls compiled code at `entry` on the frame at `frame` through the trampoline,
/// with a context for `interp_ptr`'s interpreter; the exit code, or `None` without a
/// compiler.
///
/// # Safety
/// `interp_ptr` is valid and reached only through the context until this returns;
/// `entry` is the entry of a live compiled trace (installed traces are freed only
/// when unlinked, never while a native frame may be inside them), compiled against
/// this VM's helpers and the layout of `NativeContext`; `frame` points at as many
/// value slots as the trace reads and writes, and nothing moves them until this
/// returns.
pub(crate) unsafe fn call_compiled(
    interp_ptr: *mut Interp<'_>,
    entry: *const u8,
    frame: *mut RawSlot,
) -> Option<u64> {
    // SAFETY: `interp_ptr` is valid (the caller's contract); a plain field read.
    let trampoline = unsafe { (*interp_ptr).rt.jit.trampoline }?;
    let mut context = NativeContext {
        // SAFETY: `interp_ptr` is valid; these are plain field addresses.
        exit_values: unsafe { (*interp_ptr).rt.jit.exit_buffer.as_mut_ptr() },
        slice: unsafe { std::ptr::addr_of_mut!((*interp_ptr).slice) },
        interp: interp_ptr as *mut (),
        // SAFETY: as above; the runtime does not move while compiled code runs.
        deferred_len: unsafe { (*interp_ptr).rt.jit.deferred.len_address() },
        // SAFETY: as above; no global is added while compiled code runs.
        globals: unsafe { (*interp_ptr).rt.globals.slots_address() } as *mut RawSlot,
        // SAFETY: as above (a `usize` is a `u64` on every target with a compiler).
        call_depth: unsafe { std::ptr::addr_of_mut!((*interp_ptr).rt.jit.direct_depth) }
            as *mut u64,
        // SAFETY: `interp_ptr` is valid; reads only.
        call_depth_cap: unsafe { (*interp_ptr).compiled_call_depth_cap() } as u64,
        // SAFETY: `interp_ptr` is valid; a plain field access.
        stack_floor: unsafe { thread_stack_floor(&mut (*interp_ptr).rt.jit.stack_floor) },
        returned: RawSlot::default(),
    };
    // SAFETY: the caller's contract; the exit buffer holds as many slots as the
    // largest snapshot of any compiled trace.
    Some(unsafe { trampoline(entry, frame, &mut context) })
}

const _: () = assert!(std::mem::size_of::<usize>() == std::mem::size_of::<u64>());

/// The lowest native stack address a compiled call may start from: below it, less
/// than a nested run needs would be left (`vm::MIN_NATIVE_STACK`). The highest
/// address when the stack's extent is unknown, so no call is made compiled. Worked
/// out once per VM into `known` (the thread's stack does not move).
#[inline]
fn thread_stack_floor(known: &mut u64) -> u64 {
    if *known == 0 {
        let here = 0u8;
        let address = std::ptr::addr_of!(here) as usize;
        *known = match stacker::remaining_stack() {
            Some(left) => address
                .saturating_sub(left)
                .saturating_add(crate::vm::MIN_NATIVE_STACK) as u64,
            None => u64::MAX,
        };
    }
    *known
}

/// After compiled code returned `exit`: rebuilds the interpreter's frames from that
/// exit's snapshot (linked side traces may have run, so the exit may belong to
/// another trace of the tree) and frees what the trace kept.
pub(crate) fn leave_compiled(interp: &mut Interp<'_>, exit: ExitCode) -> Result<ExitCode, PyErr> {
    let Some(exited) = interp.rt.jit.installed.get(exit.trace as usize).cloned() else {
        return Ok(exit);
    };
    let count = exited
        .trace
        .snapshots
        .get(exit.snapshot as usize)
        .map_or(0, |snapshot| {
            snapshot.entries.len()
                + snapshot
                    .inlined
                    .iter()
                    .map(|frame| frame.entries.len())
                    .sum::<usize>()
        });
    // Read in place: rebuilding the frames installs no trace, so the buffer is
    // neither resized nor written until `leave` returns.
    let written = count.min(interp.rt.jit.exit_buffer.len());
    let buffer: *const RawSlot = interp.rt.jit.exit_buffer.as_ptr();
    let value_of = |index: usize, _| match index < written {
        // SAFETY: `index` is within the buffer, which stays as it is (above); the exit
        // block wrote a valid (borrowed) value into each of the snapshot's slots, and
        // its owner (the frame, a list, a global, or `deferred`) is alive until
        // `deferred` is cleared below; cloning takes a reference of our own.
        true => unsafe { (*(buffer.add(index) as *const Value)).clone() },
        false => Value::Unbound,
    };
    let raised = interp.rt.jit.pending_error.take();
    let left = crate::jit::exit::leave(interp, &exited, exit.snapshot, value_of, raised);
    // Objects a trace dropped the last reference to can go now that every value it
    // held is either owned by a frame again or dead.
    interp.rt.jit.free_kept_objects();
    // A host function panicked in the trace: go on unwinding from here, as it would
    // have from the interpreter's call.
    if let Some(panic) = interp.rt.jit.pending_panic.take() {
        std::panic::resume_unwind(panic);
    }
    left.map(|()| exit)
}
