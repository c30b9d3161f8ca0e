//! Where exits resume: a check that may leave the trace between two side effects
//! leaves through the first snapshot after the earlier effect, and the interpreter
//! runs the instructions between again.
//!
//! The recorder gives every instruction that may leave its own snapshot, so a trace
//! has as many exits as checks, and each exit is a block of stores to compile: most
//! of a root trace's code (spectral_norm's inlined `eval_a` checks each of its seven
//! int operations for overflow, each with an exit of its own). LuaJIT takes a
//! snapshot only after a store or a call for the same reason.
//!
//! Going back is sound when what lies between the shared snapshot and the check
//! changes nothing the snapshot does not restore: every op from the one the snapshot
//! was taken for up to the check is pure, a check (`classify::Class::Checked`), an
//! allocation no one else holds yet (`Unobserved`), or a read of locals, globals or
//! the heap, none of which anything in between writes. The interpreter, resuming
//! there, computes the same values, takes the same branches up to the check, and then
//! goes the way the check did not. A store, a call, an iterator step, a burned step
//! (`burn_fuel`, which the interpreter would burn again) or a `leave` ends the
//! stretch, and the next check starts a new one. Only checks and reads move back to
//! an earlier snapshot: a branch (`guard_true`, a loop's end), an op that may raise
//! (its exit raises its error right at its snapshot), an allocation (its exit is a
//! resource bound) and a `leave` keep theirs.
//! Snapshots of different inlined-frame depth are never shared (an inlined call's
//! entry burns a step anyway).
//!
//! Nothing is renumbered: a snapshot no op names any more stays, and `dce` makes its
//! entries unbound if their values go.

use tracelift_trace::{Block, Effects, Op, SnapshotId, Trace};

use crate::classify::{class, Class};

/// Effects an op may have and still be run again by the interpreter.
const REPEATABLE: Effects = Effects::READS_LOCAL
    .union(Effects::READS_GLOBAL)
    .union(Effects::READS_HEAP)
    .union(Effects::MAY_EXIT);

pub(crate) fn run(trace: &mut Trace) {
    let Trace {
        body,
        steady,
        snapshots,
        ..
    } = trace;
    let depth = |snapshot: SnapshotId| {
        snapshots
            .get(snapshot.0 as usize)
            .map(|snapshot| snapshot.inlined.len())
    };
    for block in std::iter::once(body).chain(steady.iter_mut()) {
        share_in(block, &depth);
    }
}

/// Points each check of `block` at the first snapshot of its stretch.
fn share_in(block: &mut Block, depth: &impl Fn(SnapshotId) -> Option<usize>) {
    let mut first: Option<SnapshotId> = None;
    for inst in &mut block.insts {
        if !repeatable(&inst.op) {
            first = None;
            continue;
        }
        let Some(own) = inst.snapshot else {
            continue;
        };
        match first {
            Some(shared) if depth(shared) == depth(own) => {
                if movable(&inst.op) {
                    inst.snapshot = Some(shared);
                }
            }
            _ => first = Some(own),
        }
    }
}

/// Whether the interpreter may run the op again after an exit at an earlier
/// snapshot: it changes nothing a snapshot does not restore.
fn repeatable(op: &Op) -> bool {
    if matches!(op, Op::Leave {} | Op::BurnFuel {}) {
        return false;
    }
    match class(op) {
        Class::Pure | Class::Checked | Class::Unobserved => true,
        Class::Effect => REPEATABLE.contains(op.signature().effects),
    }
}

/// Whether the exit of a [`repeatable`] op may resume at an earlier snapshot: a
/// check or a read, not an allocation (its exit is a resource bound) nor a branch. A
/// branch's exit is where the program goes the other way, often: sharing its
/// snapshot with the checks before it sent every take of it through the side trace
/// of whichever of them was recorded first, to fail there and leave again (collatz's
/// odd step, 60% more instructions).
fn movable(op: &Op) -> bool {
    let branch = matches!(
        op,
        Op::GuardTrue {} | Op::GuardFalse {} | Op::RangeIterDone {} | Op::ListIterDone {}
    );
    !branch && matches!(class(op), Class::Checked | Class::Effect)
}
