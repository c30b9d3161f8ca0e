//! Exit blocks: one cold block per snapshot that some guard leaves through.
//!
//! A spent step-budget slice leaves through a separate fuel exit block per snapshot,
//! which never enters a side trace; so does a call that raised, through a raise exit
//! block (the VM raises its pending error at the snapshot: a linked side trace would
//! run on with the error pending, and raise it somewhere else or never).
//!
//! An exit writes the snapshot's values into the context's exit buffer (boxing
//! unboxed ones: ints, floats and bools are immediates, so boxing is writing a tag),
//! then, if a side trace is linked to this exit, tail-calls it through the exit's
//! slot; otherwise it returns the exit code and the VM rebuilds the frames. Linking
//! is a store into the slot by the VM: code is never patched.
//!
//! Exits whose snapshots have values in common share the writing (`group_exits`):
//! each exit block stores only the values its group's snapshots do not all have at
//! the same index (snapshots of different lengths share the indices they all have),
//! and jumps with its exit code and linked side trace to the group's writer block,
//! which stores the values the snapshots share, then tail-calls the side trace or
//! returns the code through the function's one returning block. The buffer ends up
//! exactly as a writer per exit would leave it; the code is smaller and cheaper to
//! compile, because the values most snapshots share are used once per group, not
//! once per exit. A hot linked exit pays a jump more when its exit is in a group.
//! Grouping snapshots of any length (they were grouped by length before), with one
//! writer per group rather than a linked and a returning writer that both stored
//! the shared values, and with closes that skip unchanged slots (`close.rs`), cut
//! compile instructions by 14% on matmul, 13% on spectral_norm, 12% on call_heavy,
//! 10% on nbody and 7% on fannkuch. An exit with a writer of its own checks its
//! slot and tail-calls or returns right there, as before.
//!
//! A side trace that makes no call finds its parent's exit values still in the
//! buffer when it leaves: nothing else writes the buffer while it runs (only a
//! nested run, `call_py`, could, and it may also move it). Such a trace's exits skip
//! a value it read with `load_exit` at the very index it is written to, and copy one
//! read from another index within the buffer; its close reads those it writes to the
//! frame from the buffer too (not those it passes to the root's loop in registers: a
//! hot side trace would reload them at every close). So the parent's values the side
//! trace never changes (most of a side trace's dense snapshots) do not stay in
//! registers through the whole trace just to be written out: measured with
//! callgrind, nbody's compile instructions fell from 162M to 132M and fannkuch's by
//! 8%, and call_heavy ran 3% fewer instructions in all.

use cranelift_codegen::ir::{types, Block, InstBuilder, Value};
use tracelift_trace::abi::tag::UNBOUND as TAG_UNBOUND;
use tracelift_trace::abi::{CompileError, ExitCode, NativeContext, SLOT_SIZE as SLOT};
use tracelift_trace::{Inst, SnapValue, SnapshotId, ValueId};

use super::{trusted, unsupported, Lowered, Lowering};
use crate::trampoline::trace_signature;

impl Lowering<'_, '_> {
    /// The exit block of `snapshot`, made (cold, empty) on first use.
    pub(crate) fn exit_block(&mut self, snapshot: SnapshotId) -> Block {
        if let Some(block) = self.exits.get(&snapshot) {
            return *block;
        }
        let block = self.builder.create_block();
        self.builder.set_cold_block(block);
        self.exits.insert(snapshot, block);
        block
    }

    /// The exit of `snapshot` taken when the step budget's slice is spent: it never
    /// enters a linked side trace, and its exit code says it was for fuel (the VM
    /// does not record side traces from it).
    pub(crate) fn fuel_exit_block(&mut self, snapshot: SnapshotId) -> Block {
        if let Some(block) = self.fuel_exits.get(&snapshot) {
            return *block;
        }
        let block = self.builder.create_block();
        self.builder.set_cold_block(block);
        self.fuel_exits.insert(snapshot, block);
        block
    }

    /// The exit of `snapshot` taken when a call raised: it never enters a linked
    /// side trace.
    pub(crate) fn raise_exit_block(&mut self, snapshot: SnapshotId) -> Block {
        if let Some(block) = self.raise_exits.get(&snapshot) {
            return *block;
        }
        let block = self.builder.create_block();
        self.builder.set_cold_block(block);
        self.raise_exits.insert(snapshot, block);
        block
    }

    /// `leave`: the trace ends here, through the snapshot's exit (never linked: the
    /// VM goes on from it, entering the loop it reached if that has a trace). It is
    /// the last op of its trace (the verifier sees to it), so the function ends here.
    /// A function tree's `leave` at a `return` (`FunctionTree::returns`) also writes
    /// the value returned into the context, for a compiled caller, and says so in
    /// its exit code.
    pub(crate) fn lower_leave(&mut self, inst: &Inst) -> Result<(), CompileError> {
        let snapshot = inst
            .snapshot
            .ok_or_else(|| unsupported("leave has no snapshot"))?;
        let returns = self.request.function.and_then(|tree| tree.returns);
        let exit = match returns {
            Some(index) => {
                let entry = *self
                    .snapshot_entries(snapshot)?
                    .get(index as usize)
                    .ok_or_else(|| unsupported("the value returned is not in the snapshot"))?;
                let value = self.lower_snap_value(entry)?;
                let ctx = self.ctx;
                self.store_slot(value, ctx, NativeContext::RETURNED_OFFSET);
                let block = self.builder.create_block();
                self.builder.set_cold_block(block);
                self.return_exits.insert(snapshot, block);
                block
            }
            None => self.raise_exit_block(snapshot),
        };
        self.builder.ins().jump(exit, &[]);
        Ok(())
    }

    /// Fills every exit block, once all their predecessors exist.
    ///
    /// Exits whose snapshots have values in common share a writer block for them
    /// (`group_exits`, `fill_shared`). Most snapshots of a trace differ in a few
    /// values only, so this makes a fraction of the code a block per exit would.
    pub(crate) fn fill_exits(&mut self) -> Result<(), CompileError> {
        let mut exits: Vec<PendingExit> = Vec::new();
        for (leaving, blocks) in [
            (Leaving::Linkable, &self.exits),
            (Leaving::Fuel, &self.fuel_exits),
            (Leaving::Raise, &self.raise_exits),
            (Leaving::Return, &self.return_exits),
        ] {
            for (snapshot, block) in sorted_exits(blocks) {
                exits.push(PendingExit {
                    snapshot,
                    block,
                    leaving,
                    entries: Vec::new(),
                });
            }
        }
        if exits.is_empty() {
            return Ok(());
        }
        exits.sort_by_key(|exit| exit.snapshot);
        for exit in &mut exits {
            exit.entries = self.snapshot_entries(exit.snapshot)?;
        }
        let mut leave = None;
        let groups = group_exits(exits, |entry, index| {
            self.passed_index(entry) == Some(index)
        });
        for group in groups {
            match group.as_slice() {
                [exit] => self.fill_alone(exit)?,
                _ => self.fill_shared(&group, &mut leave)?,
            }
        }
        self.fill_returning_block(leave);
        Ok(())
    }

    /// Ends a writer's path: tail-calls the side trace `target` unless it is 0 (when
    /// the group has a slot to check), else returns `code` through the function's
    /// returning block, made on first use (so the return's epilogue is compiled once
    /// for all the writers). The tail call has a block of its own: a block shared by
    /// the function would take the target as a parameter, and the split edge to it
    /// cost a hot linked exit one jump more.
    fn leave(&mut self, code: Value, target: Option<Value>, leave: &mut Option<Block>) {
        let returning = *leave.get_or_insert_with(|| {
            let block = self.builder.create_block();
            self.builder.set_cold_block(block);
            self.builder.append_block_param(block, types::I64);
            block
        });
        let Some(target) = target else {
            self.builder.ins().jump(returning, &[code.into()]);
            return;
        };
        let linked = self.builder.create_block();
        self.builder.set_cold_block(linked);
        self.builder
            .ins()
            .brif(target, linked, &[], returning, &[code.into()]);
        self.builder.switch_to_block(linked);
        self.tail_call(target);
    }

    /// The function's returning block, if a writer uses it: it returns the exit code
    /// it is handed.
    fn fill_returning_block(&mut self, returning: Option<Block>) {
        if let Some(returning) = returning {
            self.builder.switch_to_block(returning);
            let code = self.builder.block_params(returning)[0];
            self.builder.ins().return_(&[code]);
        }
    }

    /// An exit with a writer of its own: it stores its snapshot, then leaves.
    fn fill_alone(&mut self, exit: &PendingExit) -> Result<(), CompileError> {
        self.builder.switch_to_block(exit.block);
        self.write_back_held(exit.snapshot);
        let indices: Vec<usize> = (0..exit.entries.len()).collect();
        self.write_entries(&exit.entries, &indices, |_| true)?;
        if let Some(slot) = self.own_exit_slot(exit) {
            // The exit code is made only on the way back to the VM: a hot linked
            // exit does not pay for it (through the function's returning block,
            // int_loop_sum, whose linked exit runs on one iteration of three,
            // executed 0.5% more instructions).
            let target = self.linked_target(slot);
            let linked = self.builder.create_block();
            let unlinked = self.builder.create_block();
            self.builder.set_cold_block(linked);
            self.builder.set_cold_block(unlinked);
            self.builder.ins().brif(target, linked, &[], unlinked, &[]);
            self.builder.switch_to_block(linked);
            self.tail_call(target);
            self.builder.switch_to_block(unlinked);
        }
        let code = self.exit_code(exit);
        self.builder.ins().return_(&[code]);
        Ok(())
    }

    /// Exits whose snapshots have values in common (at the same indices), with a
    /// shared writer.
    ///
    /// Each exit block stores the values only it has, then jumps to the group's
    /// writer with its exit code and (if any exit of the group may be linked) the
    /// side trace linked to it, 0 for none; the writer stores the values all the
    /// group's snapshots share and leaves. So an exit that runs hot (one with a side
    /// trace linked) pays a jump more than an exit block of its own.
    fn fill_shared(
        &mut self,
        group: &[PendingExit],
        leave: &mut Option<Block>,
    ) -> Result<(), CompileError> {
        let shared = shared_values(group);
        let linkable = group.iter().any(|exit| self.own_exit_slot(exit).is_some());
        let writer = self.builder.create_block();
        self.builder.set_cold_block(writer);
        self.builder.append_block_param(writer, types::I64);
        if linkable {
            self.builder.append_block_param(writer, types::I64);
        }
        let longest = group.iter().map(|exit| exit.entries.len()).max();
        for exit in group {
            self.builder.switch_to_block(exit.block);
            self.write_back_held(exit.snapshot);
            let own: Vec<usize> = (0..exit.entries.len())
                .filter(|index| shared.get(*index).is_none_or(Option::is_none))
                .collect();
            self.write_entries(&exit.entries, &own, |_| true)?;
            let code = self.exit_code(exit);
            let mut args = vec![code.into()];
            if linkable {
                let target = match self.own_exit_slot(exit) {
                    Some(slot) => self.linked_target(slot),
                    None => self.builder.ins().iconst(types::I64, 0),
                };
                args.push(target.into());
            }
            self.builder.ins().jump(writer, &args);
        }
        // The writer runs after an exit block stored its own values: a shared value
        // is copied from a buffer index only if no exit block writes there.
        let entries: Vec<SnapValue> = shared
            .iter()
            .map(|entry| entry.unwrap_or(SnapValue::Unbound))
            .collect();
        let common: Vec<usize> = (0..shared.len())
            .filter(|index| shared[*index].is_some())
            .collect();
        let untouched = |index: usize| match shared.get(index) {
            Some(entry) => entry.is_some(),
            None => longest.is_none_or(|longest| index >= longest),
        };
        self.builder.switch_to_block(writer);
        self.write_entries(&entries, &common, untouched)?;
        let params = self.builder.block_params(writer);
        let (code, target) = (params[0], params.get(1).copied());
        self.leave(code, target, leave);
        Ok(())
    }

    /// The side trace linked in the exit slot at address `slot` (0 if none).
    fn linked_target(&mut self, slot: i64) -> Value {
        let address = self.builder.ins().iconst(types::I64, slot);
        self.builder.ins().load(types::I64, trusted(), address, 0)
    }

    /// Writes `entries[index]` into the exit buffer at each of `indices`.
    ///
    /// A value the trace read from its parent's exit at the same index is already
    /// there and is not written; one read from another index is copied within the
    /// buffer (all such reads come before any store, and only from an index
    /// `readable` says nothing earlier on this path wrote), so the trace need not keep
    /// it in registers until its exits.
    fn write_entries(
        &mut self,
        entries: &[SnapValue],
        indices: &[usize],
        readable: impl Fn(usize) -> bool,
    ) -> Result<(), CompileError> {
        let mut copies = Vec::new();
        let mut values = Vec::new();
        for &index in indices {
            let entry = entries[index];
            match self.passed_index(entry) {
                Some(from) if from == index => {}
                Some(from) if readable(from) => copies.push((index, from)),
                _ => values.push((index, entry)),
            }
        }
        let mut stores: Vec<(usize, Lowered)> = Vec::new();
        if !copies.is_empty() {
            let buffer = self.context_field_mutable(NativeContext::EXIT_VALUES_OFFSET);
            for (index, from) in copies {
                stores.push((index, self.load_slot(buffer, from as i32 * SLOT)));
            }
        }
        for (index, entry) in values {
            stores.push((index, self.lower_snap_value(entry)?));
        }
        self.store_exit_values(&stores);
        Ok(())
    }

    /// The exit-buffer index a snapshot value is still held at, if it is one of a
    /// side trace's unchanged parent exit values (`Lowering::passed`).
    pub(crate) fn passed_index(&self, entry: SnapValue) -> Option<usize> {
        match entry {
            SnapValue::Value(value) => self.passed.get(&value).map(|index| *index as usize),
            SnapValue::Unbound => None,
        }
    }

    /// The exit code an exit returns to the VM.
    fn exit_code(&mut self, exit: &PendingExit) -> Value {
        let code = ExitCode {
            trace: self.request.number,
            snapshot: exit.snapshot.0,
            fuel: matches!(exit.leaving, Leaving::Fuel),
            returned: matches!(exit.leaving, Leaving::Return),
        };
        self.builder.ins().iconst(types::I64, code.encode() as i64)
    }

    /// The address of the slot a side trace of this exit would be linked in; none
    /// for exits that never enter a side trace.
    fn own_exit_slot(&self, exit: &PendingExit) -> Option<i64> {
        match exit.leaving {
            Leaving::Linkable => self
                .request
                .exit_slots
                .address(exit.snapshot.0 as usize)
                .map(|address| address as i64),
            Leaving::Fuel | Leaving::Raise | Leaving::Return => None,
        }
    }

    /// Stores values into the exit buffer, each at its index.
    fn store_exit_values(&mut self, stores: &[(usize, Lowered)]) {
        if stores.is_empty() {
            return;
        }
        // Not a read-only field: a nested run (`call_py`) may move the buffer, and
        // the helper points the context at the new one.
        let buffer = self.context_field_mutable(NativeContext::EXIT_VALUES_OFFSET);
        for (index, lowered) in stores {
            self.store_slot(*lowered, buffer, *index as i32 * SLOT);
        }
    }

    /// Tail-calls another trace (a linked side trace, or the root) with this frame
    /// and context.
    pub(crate) fn tail_call(&mut self, target: cranelift_codegen::ir::Value) {
        let signature = self.builder.import_signature(trace_signature());
        let (frame, ctx) = (self.frame, self.ctx);
        self.builder
            .ins()
            .return_call_indirect(signature, target, &[frame, ctx]);
    }

    /// The values a snapshot lists (its frame's, then each inlined frame's), in the
    /// order of the exit buffer.
    fn snapshot_entries(&self, snapshot: SnapshotId) -> Result<Vec<SnapValue>, CompileError> {
        let snap = self
            .request
            .trace
            .snapshots
            .get(snapshot.0 as usize)
            .ok_or_else(|| unsupported(format!("{snapshot} does not exist")))?;
        let inlined = snap.inlined.iter().flat_map(|frame| &frame.entries);
        Ok(snap
            .entries
            .iter()
            .chain(inlined)
            .map(|e| e.value)
            .collect())
    }

    /// The bound values a snapshot lists.
    pub(crate) fn snapshot_values(
        &self,
        snapshot: SnapshotId,
    ) -> Result<Vec<tracelift_trace::ValueId>, CompileError> {
        let entries = self.snapshot_entries(snapshot)?;
        Ok(entries
            .into_iter()
            .filter_map(|value| match value {
                SnapValue::Value(value) => Some(value),
                SnapValue::Unbound => None,
            })
            .collect())
    }

    /// A side trace's value for its close: one of its parent's exit values it never
    /// changed is read from the exit buffer again there (see `Lowering::passed`).
    pub(crate) fn get_at_close(&mut self, value: ValueId) -> Result<Lowered, CompileError> {
        match self.passed.get(&value).copied() {
            Some(index) => {
                let buffer = self.context_field(NativeContext::EXIT_VALUES_OFFSET);
                Ok(self.load_slot(buffer, index as i32 * SLOT))
            }
            None => self.get(value),
        }
    }

    /// A snapshot value as Cranelift values.
    fn lower_snap_value(&mut self, entry: SnapValue) -> Result<Lowered, CompileError> {
        Ok(match entry {
            SnapValue::Value(value) => self.get(value)?,
            SnapValue::Unbound => {
                let tag = self.builder.ins().iconst(types::I8, i64::from(TAG_UNBOUND));
                let payload = self.builder.ins().iconst(types::I64, 0);
                Lowered::Obj { tag, payload }
            }
        })
    }
}

/// How an exit leaves once its values are written.
#[derive(Clone, Copy, Debug)]
enum Leaving {
    /// Through a side trace if one is linked to the exit, else back to the VM.
    Linkable,
    /// Back to the VM, for a spent step-budget slice.
    Fuel,
    /// Back to the VM, which raises the pending error of a call.
    Raise,
    /// Back to the caller, at a function tree's `return` (`ExitCode::returned`).
    Return,
}

/// An exit block waiting to be filled.
struct PendingExit {
    snapshot: SnapshotId,
    block: Block,
    leaving: Leaving,
    entries: Vec<SnapValue>,
}

/// Exits share a writer only when that saves at least this many value stores: a
/// hot exit with a side trace linked pays a jump more through a shared writer, which
/// small groups do not repay in compile time. (int_loop_sum's root trace, whose
/// linked exit runs on two iterations of three, executed 1% more instructions with
/// its three exits sharing two values.)
const MIN_STORES_SAVED: usize = 16;

/// Exits split into groups that share a writer (a group of one has its own).
///
/// Exits are taken in snapshot order, each joining the group where it saves the most
/// stores (a store of a value already in the buffer at its index, `free`, saves
/// nothing), or starting a group of its own. A group of `n` exits sharing values
/// that cost `s` stores saves `(n - 1) * s`; groups saving fewer than
/// [`MIN_STORES_SAVED`] fall apart into exits of their own.
fn group_exits(
    exits: Vec<PendingExit>,
    free: impl Fn(SnapValue, usize) -> bool,
) -> Vec<Vec<PendingExit>> {
    struct Group {
        members: Vec<PendingExit>,
        shared: Vec<Option<SnapValue>>,
        cost: usize,
    }
    let cost_of = |shared: &[Option<SnapValue>]| {
        shared
            .iter()
            .enumerate()
            .filter(|(index, entry)| matches!(entry, Some(value) if !free(*value, *index)))
            .count()
    };
    let mut groups: Vec<Group> = Vec::new();
    for exit in exits {
        let mut best: Option<(usize, usize, Vec<Option<SnapValue>>, usize)> = None;
        for (at, group) in groups.iter().enumerate() {
            let shared: Vec<Option<SnapValue>> = group
                .shared
                .iter()
                .zip(&exit.entries)
                .map(|(have, entry)| have.filter(|value| value == entry))
                .collect();
            let cost = cost_of(&shared);
            let n = group.members.len();
            let gain = (n * cost).saturating_sub((n - 1) * group.cost);
            if gain > 0
                && best
                    .as_ref()
                    .is_none_or(|(_, best_gain, _, _)| gain > *best_gain)
            {
                best = Some((at, gain, shared, cost));
            }
        }
        match best {
            Some((at, _, shared, cost)) => {
                let group = &mut groups[at];
                group.members.push(exit);
                group.shared = shared;
                group.cost = cost;
            }
            None => {
                let shared: Vec<Option<SnapValue>> =
                    exit.entries.iter().copied().map(Some).collect();
                let cost = cost_of(&shared);
                groups.push(Group {
                    members: vec![exit],
                    shared,
                    cost,
                });
            }
        }
    }
    let mut split = Vec::new();
    for group in groups {
        if (group.members.len() - 1) * group.cost >= MIN_STORES_SAVED {
            split.push(group.members);
        } else {
            split.extend(group.members.into_iter().map(|exit| vec![exit]));
        }
    }
    split
}

/// For each index every snapshot of a group has, the value they all have there, if
/// they do.
fn shared_values(group: &[PendingExit]) -> Vec<Option<SnapValue>> {
    let shortest = group
        .iter()
        .map(|exit| exit.entries.len())
        .min()
        .unwrap_or(0);
    (0..shortest)
        .map(|index| {
            let value = group[0].entries[index];
            group
                .iter()
                .all(|exit| exit.entries[index] == value)
                .then_some(value)
        })
        .collect()
}

/// Exit blocks in snapshot order (so the generated code does not depend on hash order).
fn sorted_exits(blocks: &std::collections::HashMap<SnapshotId, Block>) -> Vec<(SnapshotId, Block)> {
    let mut exits: Vec<(SnapshotId, Block)> = blocks.iter().map(|(s, b)| (*s, *b)).collect();
    exits.sort_by_key(|(snapshot, _)| *snapshot);
    exits
}
