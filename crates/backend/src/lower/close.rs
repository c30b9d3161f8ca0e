//! The end of a side trace: it has reached its root's loop header, so it writes its
//! state into the interpreter frame (which the root reads on entry) and tail-calls
//! the root. The trace tree runs on without returning to the VM.
//!
//! Each slot of the `close` snapshot is stored inline when both the old and the new
//! value are immediates; otherwise `tl_store_slot` moves the references. If the side
//! trace may have made or let go of objects, `tl_drain` frees them before the jump.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder};
use tracelift_interp::jit::native::CompileError;
use tracelift_interp::trace::{Op, SnapValue, Type};
use tracelift_interp::value::tag::LAST_IMMEDIATE;

use super::exit::SLOT;
use super::{trusted, unsupported, Lowered, Lowering};

impl Lowering<'_, '_> {
    pub(crate) fn close_side_trace(&mut self) -> Result<(), CompileError> {
        let side = self
            .request
            .side
            .ok_or_else(|| unsupported("a side trace without its link"))?;
        let trace = self.request.trace;
        let close = trace
            .side
            .as_ref()
            .and_then(|side| trace.snapshots.get(side.close.0 as usize))
            .ok_or_else(|| unsupported("a side trace without a closing snapshot"))?;
        for entry in &close.entries {
            let SnapValue::Value(value) = entry.value else {
                return Err(unsupported("an unbound slot at a loop header"));
            };
            let lowered = self.get(value)?;
            self.store_frame_slot(entry.slot, lowered)?;
        }
        if may_hold_objects(trace, close) {
            let ctx = self.ctx;
            self.call_helper("tl_drain", &[types::I64], &[], &[ctx])?;
        }
        let root = self
            .builder
            .ins()
            .iconst(types::I64, side.root_entry as i64);
        self.tail_call(root);
        Ok(())
    }

    /// Writes one frame slot, inline when no reference changes hands.
    fn store_frame_slot(&mut self, slot: u32, lowered: Lowered) -> Result<(), CompileError> {
        let offset = slot as i32 * SLOT;
        let frame = self.frame;
        let (tag, payload) = self.boxed(lowered);
        let limit = i64::from(LAST_IMMEDIATE);
        let old_tag = self.builder.ins().load(types::I8, trusted(), frame, offset);
        let old_plain =
            self.builder
                .ins()
                .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, old_tag, limit);
        let plain = if matches!(lowered, Lowered::Obj { .. }) {
            let new_plain =
                self.builder
                    .ins()
                    .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, tag, limit);
            self.builder.ins().band(old_plain, new_plain)
        } else {
            old_plain
        };
        let fast = self.builder.create_block();
        let slow = self.builder.create_block();
        let done = self.builder.create_block();
        self.builder.set_cold_block(slow);
        self.builder.ins().brif(plain, fast, &[], slow, &[]);
        self.builder.switch_to_block(fast);
        self.builder.seal_block(fast);
        self.builder.ins().store(trusted(), tag, frame, offset);
        self.builder
            .ins()
            .store(trusted(), payload, frame, offset + 8);
        self.builder.ins().jump(done, &[]);
        self.builder.switch_to_block(slow);
        self.builder.seal_block(slow);
        let new = self.stack_slot();
        self.builder.ins().store(trusted(), tag, new, 0);
        self.builder.ins().store(trusted(), payload, new, 8);
        let place = self.builder.ins().iadd_imm_s(frame, i64::from(offset));
        let ctx = self.ctx;
        let params = [types::I64, types::I64, types::I64];
        self.call_helper("tl_store_slot", &params, &[], &[ctx, place, new])?;
        self.builder.ins().jump(done, &[]);
        self.builder.switch_to_block(done);
        self.builder.seal_block(done);
        Ok(())
    }
}

/// Whether running the trace can leave objects in the VM's deferred list: it makes
/// objects, or stores into lists or globals (which may let go of the last reference),
/// or its close writes object values into the frame.
fn may_hold_objects(
    trace: &tracelift_interp::trace::Trace,
    close: &tracelift_interp::trace::Snapshot,
) -> bool {
    let creates_or_releases = trace.insts().any(|inst| {
        matches!(
            inst.op,
            Op::RangeNew {}
                | Op::RangeGetIter {}
                | Op::ListGetIter {}
                | Op::ListSet {}
                | Op::StoreGlobal { .. }
        )
    });
    let objects: std::collections::HashSet<_> = trace
        .insts()
        .filter(|inst| inst.op.signature().result == Some(Type::Obj))
        .filter_map(|inst| inst.result)
        .chain(
            trace
                .body
                .params
                .iter()
                .filter(|(_, ty)| *ty == Type::Obj)
                .map(|(value, _)| *value),
        )
        .collect();
    let writes_objects = close
        .entries
        .iter()
        .any(|entry| matches!(entry.value, SnapValue::Value(value) if objects.contains(&value)));
    creates_or_releases || writes_objects
}
