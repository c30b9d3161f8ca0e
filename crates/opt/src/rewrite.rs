//! The forward walk the rewriting passes share: each instruction, its arguments
//! already renamed, is kept, dropped, or dropped with its result replaced by an
//! earlier value; afterwards jumps and snapshots are renamed the same way.
//!
//! Invariants it keeps for the passes: a replacement value is defined before the
//! value it replaces (a value of a peeled trace's `body` may be replaced by one of
//! `loop`, which runs first) and in the same scope (a pass only ever offers values it
//! saw in the current scope, see [`Rewriter::enter_scope`]); snapshots keep their
//! number and their entries, only renamed.

use std::collections::HashMap;

use tracelift_trace::{Inst, Trace, ValueId};

/// What becomes of one instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// It stays (possibly rewritten in place by the pass).
    Keep,
    /// It goes; it has no result, or its result is unused by construction.
    Drop,
    /// It goes, and every use of its result reads this earlier value instead.
    Replace(ValueId),
}

/// A pass written as a forward walk.
pub(crate) trait Rewriter {
    /// A new scope starts: a root trace's `entry`, then its `loop` (whose code cannot
    /// see `entry`'s values; a peeled trace's `body` is in `loop`'s scope); a side
    /// trace is one scope. Facts about values of the previous scope must not be
    /// offered as replacements after this.
    fn enter_scope(&mut self);

    /// A peeled trace's `body` starts, in the scope of `loop` (the first iteration):
    /// `body` are its instructions, arguments not yet renamed. Facts about `loop`'s
    /// values stay true for pure facts (types, constants, arithmetic); a pass that
    /// knows heap state must forget here whatever any of these instructions may
    /// change, since `body` repeats: its last instruction runs before its first.
    fn enter_steady(&mut self, body: &[Inst]) {
        let _ = body;
    }

    /// Decides about `inst`, whose arguments are already renamed.
    fn visit(&mut self, inst: &mut Inst) -> Action;
}

/// Values replaced by others.
#[derive(Default)]
pub(crate) struct Renames(HashMap<ValueId, ValueId>);

impl Renames {
    pub(crate) fn get(&self, value: ValueId) -> ValueId {
        let mut value = value;
        while let Some(next) = self.0.get(&value) {
            value = *next;
        }
        value
    }

    pub(crate) fn insert(&mut self, from: ValueId, to: ValueId) {
        let to = self.get(to);
        if from != to {
            self.0.insert(from, to);
        }
    }

    fn rename_all(&self, values: &mut [ValueId]) {
        for value in values {
            *value = self.get(*value);
        }
    }

    /// Renames every use outside the instructions: both jumps and every snapshot.
    fn rename_jumps_and_snapshots(&self, trace: &mut Trace) {
        self.rename_all(&mut trace.entry.jump_args);
        self.rename_all(&mut trace.body.jump_args);
        if let Some(steady) = &mut trace.steady {
            self.rename_all(&mut steady.jump_args);
        }
        for snapshot in &mut trace.snapshots {
            for value in snapshot.values_mut() {
                *value = self.get(*value);
            }
        }
    }
}

/// Looks `key` up among the earlier instructions of a merging pass: an equal earlier
/// one replaces this one (its result, or nothing for a guard); otherwise this one is
/// remembered and kept.
pub(crate) fn merge_with_earlier<K: std::hash::Hash + Eq>(
    seen: &mut HashMap<K, Option<ValueId>>,
    key: K,
    result: Option<ValueId>,
) -> Action {
    match seen.get(&key) {
        Some(Some(earlier)) => Action::Replace(*earlier),
        Some(None) => Action::Drop,
        None => {
            seen.insert(key, result);
            Action::Keep
        }
    }
}

/// Runs `pass` over `trace` from top to bottom.
pub(crate) fn forward(trace: &mut Trace, pass: &mut impl Rewriter) {
    let mut renames = Renames::default();
    let one_scope = trace.side.is_some();
    pass.enter_scope();
    let steady = trace.steady.iter_mut();
    let blocks = [&mut trace.entry, &mut trace.body]
        .into_iter()
        .chain(steady);
    for (index, block) in blocks.enumerate() {
        if index == 1 && !one_scope {
            pass.enter_scope();
        }
        if index == 2 {
            pass.enter_steady(&block.insts);
        }
        let insts = std::mem::take(&mut block.insts);
        for mut inst in insts {
            renames.rename_all(&mut inst.args);
            match pass.visit(&mut inst) {
                Action::Keep => block.insts.push(inst),
                Action::Drop => {}
                Action::Replace(value) => {
                    if let Some(result) = inst.result {
                        renames.insert(result, value);
                    }
                }
            }
        }
    }
    renames.rename_jumps_and_snapshots(trace);
}
