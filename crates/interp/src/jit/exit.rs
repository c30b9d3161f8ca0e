//! Leaving a trace: rebuilding the interpreter's frames from a snapshot. The trace
//! evaluator and compiled traces share it; they differ only in where the snapshot's
//! values come from (registers, or the slots an exit block wrote).

use crate::exception::PyErr;
use crate::jit::InstalledTrace;
use crate::value::Value;
use crate::vm::interp::{discard, overwrite};
use crate::vm::Interp;
use tracelift_trace::SnapValue;

/// Rebuilds the frame (and the frames of inlined calls) from snapshot `exit` of
/// `installed`, sets the pc to resume at, and raises `error` there if there is one.
/// `value_of(index, value)` gives the value of the snapshot's `index`th entry, counting
/// the frame's entries first, then each inlined frame's, in order.
pub(crate) fn leave(
    interp: &mut Interp<'_>,
    installed: &InstalledTrace,
    exit: u32,
    value_of: impl Fn(usize, SnapValue) -> Value,
    error: Option<PyErr>,
) -> Result<(), PyErr> {
    let trace = &installed.trace;
    interp.rt.jit.stats.exits_taken += 1;
    if let Some(count) = installed.exits.get(exit as usize) {
        count.set(count.get() + 1);
    }
    if let Some(first) = installed.first_exit_step.get(exit as usize) {
        if first.get().is_none() {
            first.set(Some(interp.steps_taken()));
        }
    }
    let Some(snapshot) = trace.snapshots.get(exit as usize) else {
        return Ok(());
    };
    // Take every new reference before any old value is dropped: a compiled trace's
    // values are borrowed, and an object moving between slots must not be freed when
    // the slot it leaves is overwritten first.
    // (A plain loop, and values moved out by index below: an iterator of
    // `Option<Value>` here wrote each value in two parts and read it back whole,
    // which stalled store forwarding on every exit.)
    let inlined_entries = snapshot.inlined.iter().flat_map(|frame| &frame.entries);
    let mut values: smallvec::SmallVec<[Value; 24]> = smallvec::SmallVec::new();
    for (index, entry) in snapshot.entries.iter().chain(inlined_entries).enumerate() {
        values.push(value_of(index, entry.value));
    }
    let mut next = 0;
    let mut take = || {
        let value = values.get_mut(next).map_or(Value::Unbound, |value| {
            std::mem::replace(value, Value::None)
        });
        next += 1;
        value
    };
    let frame_end = interp.base + interp.code.local_count() + snapshot.stack_depth as usize;
    interp.stack.resize(frame_end, Value::None);
    for entry in &snapshot.entries {
        let value = take();
        if let Some(slot) = interp.stack.get_mut(interp.base + entry.slot as usize) {
            overwrite(slot, value);
        }
    }
    interp.pc = snapshot.pc as usize;
    // Each inlined frame becomes a real one on top, as if its call had just run.
    for frame in &snapshot.inlined {
        let Some(code) = installed.code(frame.code).cloned() else {
            break;
        };
        let base = interp.stack.len();
        interp.push_frame(code, base);
        interp.stack.resize(
            base + interp.code.local_count() + frame.stack_depth as usize,
            Value::Unbound,
        );
        for entry in &frame.entries {
            let value = take();
            if let Some(slot) = interp.stack.get_mut(base + entry.slot as usize) {
                overwrite(slot, value);
            }
        }
        interp.pc = frame.pc as usize;
    }
    // Every value was moved out (the placeholders own nothing): drop them inline.
    for value in values.drain(..) {
        discard(value);
    }
    match error {
        None => Ok(()),
        Some(error) => {
            // The interpreter raises these while executing the instruction at the
            // snapshot's pc (a call, or the loop's backward jump): the traceback
            // names its line.
            interp.current = interp.pc;
            interp.pc += 1;
            Err(error)
        }
    }
}
