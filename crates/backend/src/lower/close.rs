//! The end of a side trace: it has reached its root's loop header, so it writes its
//! state into the interpreter frame (which the root reads on entry) and tail-calls
//! the root. The trace tree runs on without returning to the VM.
//!
//! When the side trace holds a value of each of the root loop's parameters (of the
//! parameter's type, or an object that unboxes to it), it jumps straight into the
//! root's loop with them as arguments; only the other slots of the `close` snapshot,
//! and object parameters (so the frame owns them), are written to the frame. Failing
//! that, it writes the whole snapshot and enters the root from the top.
//!
//! A root loop with a range guard (`Trace::range_guard`) leaves it to its callers:
//! a side trace jumping into the loop runs it on the iterator it passes, leaving
//! through the close snapshot, unless that iterator passed it before.
//!
//! A slot that still holds the value the trace would write, because the trace read
//! it from that slot and nothing can have written the frame since
//! (`values_in_frame`), is left alone: a loop's list or range bound read back and
//! written back unchanged. That skips about a third of the close's slots on matmul
//! and spectral_norm (each a load, a compare and a branch per close, and a helper
//! call to compile): matmul's compile instructions fell from 53M to 49M and nbody
//! ran 1.6% fewer instructions in all.
//!
//! Each slot is stored inline when both the old and the new value are immediates;
//! otherwise `tl_store_slot` moves the references. If the side trace may have made or
//! let go of objects and `RECYCLE_AT` or more are kept, `tl_drain` frees them before
//! the jump.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder};
use std::collections::{HashMap, HashSet};

use tracelift_trace::abi::tag::LAST_IMMEDIATE;
use tracelift_trace::abi::tag::{BOOL as TAG_BOOL, FLOAT as TAG_FLOAT, INT as TAG_INT};
use tracelift_trace::abi::{CompileError, Helper, NativeContext, RECYCLE_AT, SLOT_SIZE as SLOT};
use tracelift_trace::{Inst, Op, SnapValue, Snapshot, SnapshotId, Trace, Type, ValueId};

use super::{flatten, trusted, unsupported, Lowered, Lowering};

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
        let close_id = trace.side.map(|side| side.close);
        let by_slot: HashMap<u32, SnapValue> = close
            .entries
            .iter()
            .map(|entry| (entry.slot, entry.value))
            .collect();
        let direct = !side.root_loop.is_null()
            && side.root_params.iter().all(|(slot, ty)| {
                matches!(by_slot.get(slot), Some(SnapValue::Value(value))
                    if self.converts(*value, *ty))
            });
        // Unbox (guarding the type) every parameter first: a failed guard leaves
        // through the close snapshot before anything is written.
        let mut args = vec![self.frame, self.ctx];
        let mut in_registers = HashSet::new();
        if direct {
            for (slot, ty) in side.root_params {
                let Some(SnapValue::Value(value)) = by_slot.get(slot) else {
                    return Err(unsupported("a root parameter missing at the close"));
                };
                // In registers from the trace's entry: reloading a hot side trace's
                // parameters from the exit buffer at every close cost more (int_loop_sum
                // executed 1.5% more instructions) than their live ranges cost to compile.
                let lowered = self.get(*value)?;
                let converted = self.convert(lowered, *ty, close_id)?;
                args.extend(flatten(converted));
                if *ty != Type::Obj {
                    in_registers.insert(*slot);
                }
            }
        }
        // The root's loop leaves its range guard to its callers: run it here, before
        // anything is written, unless the iterator passed it before.
        if let (true, Some(guard)) = (direct, side.range_guard) {
            if !guard.skip {
                let Some(SnapValue::Value(iter)) = by_slot.get(&guard.slot) else {
                    return Err(unsupported(
                        "the range guard's iterator missing at the close",
                    ));
                };
                let check = Inst {
                    result: None,
                    op: Op::GuardRangeIterWithin {
                        lo: guard.lo,
                        hi: guard.hi,
                    },
                    args: vec![*iter],
                    snapshot: close_id,
                    line: 0,
                };
                self.lower_inst(&check)?;
            }
        }
        let in_frame = values_in_frame(trace);
        for entry in &close.entries {
            if in_registers.contains(&entry.slot) {
                continue;
            }
            let SnapValue::Value(value) = entry.value else {
                return Err(unsupported("an unbound slot at a loop header"));
            };
            if in_frame.get(&value) == Some(&entry.slot) {
                continue;
            }
            let lowered = self.get_at_close(value)?;
            self.store_frame_slot(entry.slot, lowered)?;
        }
        if may_hold_objects(trace, close) {
            self.drain_if_many_kept()?;
        }
        if direct {
            let params: Vec<Type> = side.root_params.iter().map(|(_, ty)| *ty).collect();
            let signature = self
                .builder
                .import_signature(crate::trampoline::loop_signature(&params));
            let target = self.builder.ins().iconst(types::I64, side.root_loop as i64);
            self.builder
                .ins()
                .return_call_indirect(signature, target, &args);
            return Ok(());
        }
        let root = self
            .builder
            .ins()
            .iconst(types::I64, side.root_entry as i64);
        self.tail_call(root);
        Ok(())
    }

    /// Frees the objects kept for the tree once there are [`RECYCLE_AT`] of them (the
    /// values the side trace holds are in the frame now). Fewer wait for the next
    /// close, the root's backward jump or the exit, which saves a call per close.
    fn drain_if_many_kept(&mut self) -> Result<(), CompileError> {
        let len_at = self.context_field(NativeContext::DEFERRED_LEN_OFFSET);
        let len = self.builder.ins().load(types::I64, trusted(), len_at, 0);
        let many = self.builder.ins().icmp_imm_u(
            IntCC::UnsignedGreaterThanOrEqual,
            len,
            RECYCLE_AT as i64,
        );
        let drain = self.builder.create_block();
        let done = self.builder.create_block();
        self.builder.set_cold_block(drain);
        self.builder.ins().brif(many, drain, &[], done, &[]);
        self.builder.switch_to_block(drain);
        self.builder.seal_block(drain);
        let ctx = self.ctx;
        self.call_helper(Helper::Drain, &[ctx])?;
        self.builder.ins().jump(done, &[]);
        self.builder.switch_to_block(done);
        self.builder.seal_block(done);
        Ok(())
    }

    /// Whether a value can be passed as a parameter of type `ty` (the same type, or
    /// an object to unbox, or anything to an object parameter).
    fn converts(&self, value: ValueId, ty: Type) -> bool {
        match (self.type_of(value), ty) {
            (Some(have), want) if have == want => true,
            (Some(Type::Obj), _) | (Some(_), Type::Obj) => true,
            _ => false,
        }
    }

    /// `lowered` as a value of type `ty`, unboxing an object with a guard that leaves
    /// through `close`.
    fn convert(
        &mut self,
        lowered: Lowered,
        ty: Type,
        close: Option<SnapshotId>,
    ) -> Result<Lowered, CompileError> {
        let close = close.ok_or_else(|| unsupported("a side trace without its close"))?;
        Ok(match (lowered, ty) {
            (Lowered::Obj { tag, payload }, Type::Int) => {
                self.guard_close_tag(tag, TAG_INT, close)?;
                Lowered::Int(payload)
            }
            (Lowered::Obj { tag, payload }, Type::Float) => {
                self.guard_close_tag(tag, TAG_FLOAT, close)?;
                let flags = cranelift_codegen::ir::MemFlagsData::new();
                Lowered::Float(self.builder.ins().bitcast(types::F64, flags, payload))
            }
            (Lowered::Obj { tag, payload }, Type::Bool) => {
                self.guard_close_tag(tag, TAG_BOOL, close)?;
                Lowered::Bool(self.builder.ins().ireduce(types::I8, payload))
            }
            (lowered, Type::Obj) => {
                let (tag, payload) = self.boxed(lowered);
                Lowered::Obj { tag, payload }
            }
            (lowered, _) => lowered,
        })
    }

    fn guard_close_tag(
        &mut self,
        tag: cranelift_codegen::ir::Value,
        expected: u8,
        close: SnapshotId,
    ) -> Result<(), CompileError> {
        let ok = self
            .builder
            .ins()
            .icmp_imm_u(IntCC::Equal, tag, i64::from(expected));
        let exit = self.exit_block(close);
        let next = self.builder.create_block();
        self.builder.ins().brif(ok, next, &[], exit, &[]);
        self.builder.switch_to_block(next);
        self.builder.seal_block(next);
        Ok(())
    }

    /// Writes one frame slot, inline when no reference changes hands.
    fn store_frame_slot(&mut self, slot: u32, lowered: Lowered) -> Result<(), CompileError> {
        let frame = self.frame;
        self.store_owned(frame, slot as i32 * SLOT, lowered)
    }

    /// Writes the value slot at `base + offset` (a frame slot or a global), which owns
    /// its value: inline when both the old and the new value are immediates or the
    /// slot already holds the very same value (a loop's list or iterator written back
    /// unchanged), else through `tl_store_slot`, which moves the references.
    pub(crate) fn store_owned(
        &mut self,
        frame: cranelift_codegen::ir::Value,
        offset: i32,
        lowered: Lowered,
    ) -> Result<(), CompileError> {
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
            let both_plain = self.builder.ins().band(old_plain, new_plain);
            let old_payload = self
                .builder
                .ins()
                .load(types::I64, trusted(), frame, offset + 8);
            let same_tag = self.builder.ins().icmp(IntCC::Equal, old_tag, tag);
            let same_payload = self.builder.ins().icmp(IntCC::Equal, old_payload, payload);
            let same = self.builder.ins().band(same_tag, same_payload);
            self.builder.ins().bor(both_plain, same)
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
        self.call_helper(Helper::StoreSlot, &[ctx, place, new])?;
        self.builder.ins().jump(done, &[]);
        self.builder.switch_to_block(done);
        self.builder.seal_block(done);
        Ok(())
    }
}

/// The values of a side trace that are what a frame slot holds in memory, by slot:
/// read from it (`load_slot`, maybe unboxed, maybe through the jump into the body),
/// in a trace where nothing writes the frame before its close (no call, which runs a
/// nested interpreter, and no `str_append`, which may replace its variable's string).
/// The close leaves such a slot alone: writing the value back changes nothing.
fn values_in_frame(trace: &Trace) -> HashMap<ValueId, u32> {
    let mut in_frame = HashMap::new();
    let writes_frame = trace.insts().any(|inst| {
        matches!(inst.op, Op::StrAppend { .. })
            || inst
                .op
                .signature()
                .effects
                .contains(tracelift_trace::Effects::CALL)
    });
    if writes_frame {
        return in_frame;
    }
    let read = |inst: &Inst, in_frame: &mut HashMap<ValueId, u32>| {
        let Some(result) = inst.result else {
            return;
        };
        let slot = match inst.op {
            Op::LoadSlot { slot } => Some(slot),
            Op::UnboxInt {} | Op::UnboxFloat {} | Op::UnboxBool {} => {
                inst.args.first().and_then(|arg| in_frame.get(arg).copied())
            }
            _ => None,
        };
        if let Some(slot) = slot {
            in_frame.insert(result, slot);
        }
    };
    for inst in &trace.entry.insts {
        read(inst, &mut in_frame);
    }
    for ((param, _), arg) in trace.body.params.iter().zip(&trace.entry.jump_args) {
        if let Some(slot) = in_frame.get(arg).copied() {
            in_frame.insert(*param, slot);
        }
    }
    for inst in &trace.body.insts {
        read(inst, &mut in_frame);
    }
    in_frame
}

/// Whether running the trace can leave objects in the VM's deferred list: it makes
/// objects, or stores into lists or globals (which may let go of the last reference),
/// or its close writes object values into the frame.
fn may_hold_objects(trace: &Trace, close: &Snapshot) -> bool {
    let creates_or_releases = trace
        .insts()
        .any(|inst| super::recycle::may_defer_objects(&inst.op));
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
