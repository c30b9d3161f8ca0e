//! A root loop's range guard, and which iterators have passed it, exit by exit: so
//! a side trace that closes into the loop with such an iterator may skip the guard.
//!
//! A root's `guard_range_iter_within lo hi` (the first instruction of `loop`, on a
//! parameter the loop never replaces) holds of the iterator that passed it for
//! good: advancing a range iterator only drops items. Every side trace that closes
//! into `loop` ran it again (a dozen instructions), yet most pass on the very
//! iterator their parent's exit had, which passed it before. So the backend leaves
//! the guard out of the loop function and runs it in the root's entry and at each
//! side trace's close, except in a side trace whose value for the iterator's slot is
//! provably that iterator:
//! - at an exit of the root, the iterator parameter itself, if every instruction
//!   naming the exit's snapshot comes after the guard (the guard's own snapshot, which
//!   the `range_iter_next` after it shares, never counts);
//! - at an exit or the close of a side trace, the `load_exit` of its parent exit's
//!   entry that held such an iterator.

use crate::abi::CloseRangeGuard;
use crate::{Inst, Op, SnapValue, SnapshotId, Trace};

/// A root loop's range guard: where it is and what it checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeGuard {
    /// Its index among `loop`'s instructions.
    pub at: usize,
    /// The position among `loop`'s parameters of the iterator it checks.
    pub param: usize,
}

impl Trace {
    /// A root trace's range guard: a `guard_range_iter_within` that is the first
    /// instruction of `loop`, on a parameter the loop never replaces (passed back
    /// unchanged by an unpeeled loop's jump; read by a peeled trace's `body` itself).
    pub fn range_guard(&self) -> Option<RangeGuard> {
        if self.side.is_some() {
            return None;
        }
        let inst = self.body.insts.first()?;
        let Op::GuardRangeIterWithin { .. } = inst.op else {
            return None;
        };
        let iter = *inst.args.first()?;
        let param = self
            .body
            .params
            .iter()
            .position(|(value, _)| *value == iter)?;
        let invariant = match &self.steady {
            None => self.body.jump_args.get(param) == Some(&iter),
            Some(steady) => {
                !steady.jump_args.contains(&iter)
                    && steady.insts.iter().any(|inst| inst.args.contains(&iter))
            }
        };
        invariant.then_some(RangeGuard { at: 0, param })
    }

    /// For a root trace with a range guard: the index in `snapshot`'s own entries of
    /// the slot `slot` holding the iterator that passed the guard, if every
    /// instruction that names the snapshot runs after the guard.
    pub fn checked_iter_entry_of_root(&self, snapshot: SnapshotId, slot: u32) -> Option<u32> {
        let guard = self.range_guard()?;
        let iter = self.body.params.get(guard.param)?.0;
        let names = |inst: &Inst| inst.snapshot == Some(snapshot);
        let before =
            self.entry.insts.iter().any(names) || self.body.insts[..=guard.at].iter().any(names);
        if before {
            return None;
        }
        self.entry_holding(snapshot, slot, |value| value == iter)
    }

    /// For a side trace whose parent exit held a checked iterator at entry `parent`:
    /// the index in `snapshot`'s own entries of slot `slot`, if it holds that iterator
    /// (the trace's `load_exit` of that entry).
    pub fn checked_iter_entry_of_side(
        &self,
        parent: u32,
        snapshot: SnapshotId,
        slot: u32,
    ) -> Option<u32> {
        let loaded = self.entry.insts.iter().find_map(|inst| match inst.op {
            Op::LoadExit { index } if index == parent => inst.result,
            _ => None,
        })?;
        self.entry_holding(snapshot, slot, |value| value == loaded)
    }

    /// The frame slot of the iterator a root's range guard checks.
    pub fn range_guard_slot(&self) -> Option<u32> {
        let guard = self.range_guard()?;
        Some(self.param_slots()?.get(guard.param)?.0)
    }

    /// The range guard a side trace (`self`) closing into `root`'s loop runs there:
    /// `None` if the loop has none; `skip` when the value it passes at the
    /// iterator's slot is the `load_exit` of entry `parent` of its parent exit, where
    /// that exit held the iterator that passed the guard (`None` when it did not).
    pub fn close_range_guard(&self, root: &Trace, parent: Option<u32>) -> Option<CloseRangeGuard> {
        let guard = root.range_guard()?;
        let Op::GuardRangeIterWithin { lo, hi } = root.body.insts.get(guard.at)?.op else {
            return None;
        };
        let slot = root.range_guard_slot()?;
        let skip = (|| {
            let close = self.side?.close;
            self.checked_iter_entry_of_side(parent?, close, slot)
        })()
        .is_some();
        Some(CloseRangeGuard { lo, hi, slot, skip })
    }

    fn entry_holding(
        &self,
        snapshot: SnapshotId,
        slot: u32,
        wanted: impl Fn(crate::ValueId) -> bool,
    ) -> Option<u32> {
        let snap = self.snapshots.get(snapshot.0 as usize)?;
        let index = snap.entries.iter().position(|entry| entry.slot == slot)?;
        match snap.entries[index].value {
            SnapValue::Value(value) if wanted(value) => u32::try_from(index).ok(),
            _ => None,
        }
    }
}
