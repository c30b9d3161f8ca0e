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
//! Exits whose snapshots list the same number of values share the writing: each exit
//! block stores only the values where the group's snapshots differ, checks its own
//! slot, and jumps to one of the group's two writer blocks (one tail-calls the linked
//! side trace, one returns the exit code), which store the values all the snapshots
//! share. The buffer ends up exactly as a writer per exit would leave it; the code is
//! smaller and cheaper to compile, because the values most snapshots share are used
//! once per group, not once per exit, and a hot linked exit pays one jump more.
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

use std::collections::BTreeMap;

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
    /// Exits whose snapshots list as many values share writer blocks for the values
    /// they have in common (`fill_shared`). Most snapshots of a trace differ in a few
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
        let mut groups: BTreeMap<usize, Vec<PendingExit>> = BTreeMap::new();
        for mut exit in exits {
            exit.entries = self.snapshot_entries(exit.snapshot)?;
            groups.entry(exit.entries.len()).or_default().push(exit);
        }
        for group in groups.into_values() {
            let shared = shared_values(&group);
            let shared_count = shared
                .iter()
                .enumerate()
                .filter(|(index, entry)| {
                    matches!(entry, Some(value) if self.passed_index(*value) != Some(*index))
                })
                .count();
            if shared_count * (group.len() - 1) < MIN_STORES_SAVED {
                for exit in &group {
                    self.fill_alone(exit)?;
                }
            } else {
                self.fill_shared(&group, &shared)?;
            }
        }
        Ok(())
    }

    /// An exit with a writer of its own: it stores its snapshot, then leaves.
    fn fill_alone(&mut self, exit: &PendingExit) -> Result<(), CompileError> {
        self.builder.switch_to_block(exit.block);
        self.write_back_held(exit.snapshot);
        let indices: Vec<usize> = (0..exit.entries.len()).collect();
        self.write_entries(&exit.entries, &indices, |_| true)?;
        let code = self.exit_code(exit);
        let slot = self.own_exit_slot(exit);
        self.leave_through(code, slot);
        Ok(())
    }

    /// Exits whose snapshots have the same number of values, with shared writers.
    ///
    /// Each exit block stores the values where the group's snapshots differ, then
    /// checks its own slot and jumps to one of two writers, which store the values all
    /// the snapshots share: the linked writer tail-calls the side trace it is handed,
    /// the other returns the exit code it is handed. So an exit that runs hot (one
    /// with a side trace linked) pays a jump more than an exit block of its own.
    fn fill_shared(
        &mut self,
        group: &[PendingExit],
        shared: &[Option<SnapValue>],
    ) -> Result<(), CompileError> {
        let linked_writer = self.builder.create_block();
        let returning_writer = self.builder.create_block();
        for writer in [linked_writer, returning_writer] {
            self.builder.set_cold_block(writer);
            self.builder.append_block_param(writer, types::I64);
        }
        let differing: Vec<usize> = (0..shared.len())
            .filter(|index| shared[*index].is_none())
            .collect();
        let mut any_linked = false;
        for exit in group {
            self.builder.switch_to_block(exit.block);
            self.write_back_held(exit.snapshot);
            self.write_entries(&exit.entries, &differing, |_| true)?;
            let code = self.exit_code(exit);
            match self.own_exit_slot(exit) {
                Some(slot) => {
                    any_linked = true;
                    let address = self.builder.ins().iconst(types::I64, slot);
                    let target = self.builder.ins().load(types::I64, trusted(), address, 0);
                    self.builder.ins().brif(
                        target,
                        linked_writer,
                        &[target.into()],
                        returning_writer,
                        &[code.into()],
                    );
                }
                None => {
                    self.builder.ins().jump(returning_writer, &[code.into()]);
                }
            }
        }
        // The writers run after an exit block stored the differing values: a shared
        // value is copied from a buffer index only if no exit block writes there.
        let entries: Vec<SnapValue> = shared
            .iter()
            .map(|entry| entry.unwrap_or(SnapValue::Unbound))
            .collect();
        let common: Vec<usize> = (0..shared.len())
            .filter(|index| shared[*index].is_some())
            .collect();
        let untouched = |index: usize| shared.get(index).is_none_or(Option::is_some);
        if any_linked {
            self.builder.switch_to_block(linked_writer);
            self.write_entries(&entries, &common, untouched)?;
            let target = self.builder.block_params(linked_writer)[0];
            self.tail_call(target);
        }
        self.builder.switch_to_block(returning_writer);
        self.write_entries(&entries, &common, untouched)?;
        let code = self.builder.block_params(returning_writer)[0];
        self.builder.ins().return_(&[code]);
        Ok(())
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

    /// Leaves with exit code `code`: through the side trace linked in the exit slot at
    /// address `slot` if there is one, else back to the VM.
    fn leave_through(&mut self, code: Value, slot: Option<i64>) {
        if let Some(slot) = slot {
            let address = self.builder.ins().iconst(types::I64, slot);
            let target = self.builder.ins().load(types::I64, trusted(), address, 0);
            let linked = self.builder.create_block();
            let unlinked = self.builder.create_block();
            self.builder.set_cold_block(linked);
            self.builder.set_cold_block(unlinked);
            self.builder.ins().brif(target, linked, &[], unlinked, &[]);
            self.builder.switch_to_block(linked);
            self.tail_call(target);
            self.builder.switch_to_block(unlinked);
        }
        self.builder.ins().return_(&[code]);
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

/// Exits share writers only when that saves at least this many value stores: a hot
/// exit with a side trace linked pays a jump (and a reload of the buffer's address)
/// more through a shared writer, which small groups do not repay in compile time.
/// (int_loop_sum's root trace, whose linked exit runs on two iterations of three,
/// executed 1% more instructions with its three exits sharing two values.)
const MIN_STORES_SAVED: usize = 16;

/// For each index of a group's snapshots, the value they all have there, if they do.
fn shared_values(group: &[PendingExit]) -> Vec<Option<SnapValue>> {
    let Some(first) = group.first() else {
        return Vec::new();
    };
    (0..first.entries.len())
        .map(|index| {
            let value = first.entries[index];
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
