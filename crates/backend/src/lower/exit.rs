//! Exit blocks: one cold block per snapshot that some guard leaves through.
//!
//! A spent step-budget slice leaves through a separate fuel exit block per snapshot,
//! which never enters a side trace; so does a call that raised, through a raise exit
//! block (the VM raises its pending error at the snapshot: a linked side trace would
//! run on with the error pending, and raise it somewhere else or never).
//!
//! An exit block writes the snapshot's values into the context's exit buffer (boxing
//! unboxed ones: ints, floats and bools are immediates, so boxing is writing a tag),
//! then, if a side trace is linked to this exit, tail-calls it through the exit's
//! slot; otherwise it returns the exit code and the VM rebuilds the frames. Linking
//! is a store into the slot by the VM: code is never patched.

use cranelift_codegen::ir::{types, Block, InstBuilder};
use tracelift_trace::abi::tag::UNBOUND as TAG_UNBOUND;
use tracelift_trace::abi::{CompileError, ExitCode, NativeContext, SLOT_SIZE as SLOT};
use tracelift_trace::{Inst, SnapValue, SnapshotId};

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
    pub(crate) fn lower_leave(&mut self, inst: &Inst) -> Result<(), CompileError> {
        let snapshot = inst
            .snapshot
            .ok_or_else(|| unsupported("leave has no snapshot"))?;
        let exit = self.raise_exit_block(snapshot);
        self.builder.ins().jump(exit, &[]);
        Ok(())
    }

    /// Fills every exit block, once all their predecessors exist.
    pub(crate) fn fill_exits(&mut self) -> Result<(), CompileError> {
        let raise_exits = sorted_exits(&self.raise_exits);
        self.fill_returning_exits(raise_exits, false)?;
        let fuel_exits = sorted_exits(&self.fuel_exits);
        self.fill_returning_exits(fuel_exits, true)?;
        for (snapshot, block) in sorted_exits(&self.exits) {
            self.builder.switch_to_block(block);
            self.write_snapshot(snapshot)?;
            // Every exit may get a side trace, also one inside inlined calls: the
            // side trace reads the inlined frames' values from the exit buffer.
            if let Some(slot) = self.request.exit_slots.get(snapshot.0 as usize) {
                let address = self
                    .builder
                    .ins()
                    .iconst(types::I64, slot as *const _ as i64);
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
            let code = ExitCode {
                trace: self.request.number,
                snapshot: snapshot.0,
                fuel: false,
            };
            let code = self.builder.ins().iconst(types::I64, code.encode() as i64);
            self.builder.ins().return_(&[code]);
        }
        Ok(())
    }

    /// Fills exit blocks that write their snapshot and return, never entering a side
    /// trace: the fuel exits (`fuel`) and the exits of calls that raised.
    fn fill_returning_exits(
        &mut self,
        exits: Vec<(SnapshotId, Block)>,
        fuel: bool,
    ) -> Result<(), CompileError> {
        for (snapshot, block) in exits {
            self.builder.switch_to_block(block);
            self.write_snapshot(snapshot)?;
            let code = ExitCode {
                trace: self.request.number,
                snapshot: snapshot.0,
                fuel,
            };
            let code = self.builder.ins().iconst(types::I64, code.encode() as i64);
            self.builder.ins().return_(&[code]);
        }
        Ok(())
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

    /// Writes the values a snapshot lists (its frame's, then each inlined frame's)
    /// into the exit buffer, one slot each, in order.
    pub(crate) fn write_snapshot(&mut self, snapshot: SnapshotId) -> Result<(), CompileError> {
        let entries = self.snapshot_entries(snapshot)?;
        if entries.is_empty() {
            return Ok(());
        }
        // Not a read-only field: a nested run (`call_py`) may move the buffer, and
        // the helper points the context at the new one.
        let buffer = self.context_field_mutable(NativeContext::EXIT_VALUES_OFFSET);
        for (index, value) in entries.into_iter().enumerate() {
            let lowered = match value {
                SnapValue::Value(value) => self.get(value)?,
                SnapValue::Unbound => {
                    let tag = self.builder.ins().iconst(types::I8, i64::from(TAG_UNBOUND));
                    let payload = self.builder.ins().iconst(types::I64, 0);
                    Lowered::Obj { tag, payload }
                }
            };
            self.store_slot(lowered, buffer, index as i32 * SLOT);
        }
        Ok(())
    }
}

impl Lowering<'_, '_> {
    /// The values a snapshot lists (its frame's, then each inlined frame's), in order.
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
            .map(|entry| entry.value)
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
}

/// Exit blocks in snapshot order (so the generated code does not depend on hash order).
fn sorted_exits(blocks: &std::collections::HashMap<SnapshotId, Block>) -> Vec<(SnapshotId, Block)> {
    let mut exits: Vec<(SnapshotId, Block)> = blocks.iter().map(|(s, b)| (*s, *b)).collect();
    exits.sort_by_key(|(snapshot, _)| *snapshot);
    exits
}
