//! Loops whose variables change type between entries: the tree is recorded again,
//! reading those variables as objects.
//!
//! A root trace checks the types of its loop variables on entry. A variable that is
//! a small int on one entry and a big int on the next (`result *= k` in a function
//! called again and again) fails that check on every entry after the change. A side
//! trace from the failing check cannot help: it ends by jumping back to the root,
//! whose check fails again, and the next side trace after it, and so on (one run
//! made a chain of 30 side traces and ran 3.4 times the instructions of the
//! interpreter). So when a root's entry check is the hot exit, the tree is freed and
//! the loop is recorded again at its next arrival with the variables whose type
//! changed read as objects: typed code on them then unboxes with a guard inside the
//! loop, whose side traces come back to a root that accepts either type.

use super::interp::Interp;
use crate::jit::abi::ExitCode;
use crate::jit::{type_of, LoopKey};
use tracelift_trace::SnapshotId;

/// How many times one loop's tree may be freed for this (each time at least one
/// more variable becomes generic, so it converges anyway).
const MAX_RESPECIALIZATIONS: u32 = 4;

impl Interp<'_> {
    /// At a hot exit: if it is a root trace's entry check, and the interpreter (now
    /// at the loop header, in the loop's frame) holds variables of other types than
    /// the trace's, frees the tree and has the loop recorded again at its next
    /// arrival with those variables generic. Whether it did.
    pub(super) fn respecialize(&mut self, exit: ExitCode) -> bool {
        let jit = &mut self.rt.jit;
        if jit.suspended > 0 {
            return false;
        }
        let Some(installed) = jit.installed.get(exit.trace as usize).cloned() else {
            return false;
        };
        let trace = &installed.trace;
        if installed.parent.is_some() || !trace.is_entry_snapshot(SnapshotId(exit.snapshot)) {
            return false;
        }
        let Some(params) = trace.param_slots() else {
            return false;
        };
        let frame = self.stack.get(self.base..).unwrap_or_default();
        let changed = params
            .iter()
            .filter(|(slot, ty)| *slot < 64 && frame.get(*slot as usize).map(type_of) != Some(*ty))
            .fold(0u64, |mask, (slot, _)| mask | 1 << slot);
        let key = LoopKey {
            code: self.code.id,
            pc: trace.anchor.pc,
        };
        let threshold = jit.params.hot_threshold;
        let state = jit.loops.entry(key);
        if changed == 0
            || state.generic_slots & changed == changed
            || state.respecializations >= MAX_RESPECIALIZATIONS
        {
            return false;
        }
        state.generic_slots |= changed;
        state.respecializations += 1;
        state.trace = None;
        state.counter = threshold.saturating_sub(1);
        jit.free_tree(installed.root);
        jit.stats.respecialized += 1;
        if jit.dump_traces {
            let names: Vec<&str> = (0..64)
                .filter(|slot| changed & (1 << slot) != 0)
                .map(|slot| self.code.local_names.get(slot).map_or("?", |name| &**name))
                .collect();
            jit.dumps.push(format!(
                "respecialized {}:{} in {} (pc {}): entry check failed {} times; now read as \
                 objects: {}\n",
                trace.anchor.filename,
                trace.anchor.line,
                trace.anchor.function,
                trace.anchor.pc,
                installed
                    .exits
                    .get(exit.snapshot as usize)
                    .map_or(0, |count| count.get()),
                names.join(", ")
            ));
        }
        true
    }
}
