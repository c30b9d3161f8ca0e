//! What the VM knows of a hot exit when it decides whether its side trace is worth
//! compiling (`jit/side_worth.rs`): how often it was taken, how long the run has
//! gone, and how much is left of the `for` loops around the exit's root loop.

use super::interp::Interp;
use crate::jit::{ExitOutlook, InstalledTrace, LoopKey};
use crate::value::Value;
use tracelift_trace::Trace;

impl Interp<'_> {
    /// What is known of the exit `index` of `from` (in the tree of `root`), whose
    /// side trace `side` was just recorded in the root's frame.
    pub(super) fn exit_outlook(
        &self,
        from: &InstalledTrace,
        root: &InstalledTrace,
        index: usize,
        side: &Trace,
    ) -> ExitOutlook {
        let run_steps = self.steps_taken();
        let first = from
            .first_exit_step
            .get(index)
            .and_then(|first| first.get())
            .unwrap_or(run_steps);
        let (remaining, enclosing) = match self.iterators_in_root_frame(root, from, index) {
            Some(iterators) => (iterators.root, iterators.enclosing),
            None => (None, None),
        };
        ExitOutlook {
            taken: from.exits.get(index).map_or(0, |count| count.get()),
            steps_since_first: run_steps.saturating_sub(first),
            run_steps,
            remaining,
            enclosing,
            ops: side.insts().count() as u64,
            quick: self.exit_is_seldom(from, index as u32),
            // A nested run a trace's call made (its base counts the caller's frames).
            in_call: self.depth_base > 0,
        }
    }

    /// The iterators of `root`'s loop and of the `for` loops around it, when the exit
    /// (`index` of `from`) left in the root's frame with the header's stack below its
    /// own, and that stack holds exactly those iterators.
    fn iterators_in_root_frame(
        &self,
        root: &InstalledTrace,
        from: &InstalledTrace,
        index: usize,
    ) -> Option<LoopIterators> {
        let snapshot = from.trace.snapshots.get(index)?;
        let depth = root.header_depth as usize;
        if !snapshot.inlined.is_empty() || (snapshot.stack_depth as usize) < depth {
            return None;
        }
        let header = root.trace.anchor.pc as usize;
        // `for` loops whose body holds the header, outermost first: their iterators
        // are the bottom of the operand stack, in that order.
        let around: Vec<usize> = (0..header)
            .filter(|&pc| self.code.for_loop_end(pc).is_some_and(|end| end > header))
            .collect();
        let root_is_for = self.code.for_loop_end(header).is_some();
        if around.len() + usize::from(root_is_for) != depth {
            return None;
        }
        let operands = self.stack.get(self.base + self.code.local_count()..)?;
        let left = |at: usize| match operands.get(at) {
            Some(Value::Iter(iter)) => Some(iter.remaining_hint()),
            _ => None,
        };
        let mut enclosing: Option<(u64, u64)> = None;
        for (at, &pc) in around.iter().enumerate() {
            let remaining = left(at)?;
            let key = LoopKey {
                code: self.code.id,
                pc: pc as u32,
            };
            let arrivals = self
                .rt
                .jit
                .loops
                .get(key)
                .map_or(0, |state| u64::from(state.arrivals))
                .max(1);
            // The loop that has the most left for what it has done.
            let ahead_more = enclosing.is_none_or(|(best_left, best_done)| {
                u128::from(remaining) * u128::from(best_done)
                    > u128::from(best_left) * u128::from(arrivals)
            });
            if ahead_more {
                enclosing = Some((remaining, arrivals));
            }
        }
        let root = match root_is_for {
            true => Some(left(depth - 1)?),
            false => None,
        };
        Some(LoopIterators { root, enclosing })
    }
}

/// What the iterators of an exit's loops say (`iterators_in_root_frame`).
struct LoopIterators {
    /// Items the root loop's iterator has left, if it is a `for` loop.
    root: Option<u64>,
    /// Of the `for` loops around the root's, the one with the most items left for
    /// the arrivals it has had: its items left and its arrivals.
    enclosing: Option<(u64, u64)>,
}
