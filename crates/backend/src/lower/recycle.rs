//! Freeing at a loop's backward jump what one iteration made or let go of.
//!
//! Compiled code holds objects as borrowed bits, so the VM keeps every object a trace
//! makes or drops until no borrowed copy can be left (see the VM's `deferred.rs`).
//! Without this, a loop that builds a list every iteration would keep them all until
//! it exits. At the backward jump only the loop's live values can still be pointed at:
//! its object parameters (`entry`'s values reach the loop only as those). When more
//! objects than [`RECYCLE_AT`] are kept beyond those, `tl_recycle` gives each live one
//! a reference of its own and frees the rest. Nothing a program can see changes: the
//! evaluator owns its values and frees them as the interpreter does.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{I32, I64};
use cranelift_codegen::ir::{InstBuilder, StackSlotData, StackSlotKind};

use tracelift_trace::abi::{CompileError, Helper, NativeContext, RECYCLE_AT, SLOT_SIZE as SLOT};
use tracelift_trace::{Effects, Op, Trace, Type, ValueId};

use super::{trusted, Lowering};

impl Lowering<'_, '_> {
    /// At the loop's backward jump, after its parameters took their new values: frees
    /// the kept objects once there are more than the loop's live objects plus
    /// [`RECYCLE_AT`]. Emits nothing for a loop that can neither make nor drop objects.
    pub(crate) fn recycle_at_backward_jump(&mut self) -> Result<(), CompileError> {
        let trace = self.request.trace;
        if !trace
            .steady_insts()
            .iter()
            .any(|inst| may_defer_objects(&inst.op))
        {
            return Ok(());
        }
        let live = live_objects(trace);
        let threshold = RECYCLE_AT + live.len() as u64;
        let len_at = self.context_field(NativeContext::DEFERRED_LEN_OFFSET);
        let len = self.builder.ins().load(I64, trusted(), len_at, 0);
        let over =
            self.builder
                .ins()
                .icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, len, threshold as i64);
        let recycle = self.builder.create_block();
        let done = self.builder.create_block();
        self.builder.set_cold_block(recycle);
        self.builder.ins().brif(over, recycle, &[], done, &[]);
        self.builder.switch_to_block(recycle);
        self.builder.seal_block(recycle);
        let area = self.builder.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            (live.len().max(1) * SLOT as usize) as u32,
            3,
        ));
        let keep = self.builder.ins().stack_addr(I64, area, 0);
        for (index, value) in live.iter().enumerate() {
            let lowered = self.get(*value)?;
            self.store_slot(lowered, keep, index as i32 * SLOT);
        }
        let count = self.builder.ins().iconst(I32, live.len() as i64);
        let ctx = self.ctx;
        self.call_helper(Helper::Recycle, &[ctx, keep, count])?;
        self.builder.ins().jump(done, &[]);
        self.builder.switch_to_block(done);
        self.builder.seal_block(done);
        Ok(())
    }
}

/// Whether an op can leave an object for the VM to keep: it makes one, or it may
/// drop the last reference to one (a store into a list or a global, any call).
/// Boxing a number makes no heap object; advancing a range or list iterator and
/// appending to a list change the heap but neither make nor drop an object.
pub(crate) fn may_defer_objects(op: &Op) -> bool {
    let neither_makes_nor_drops = matches!(
        op,
        Op::BoxInt {}
            | Op::BoxFloat {}
            | Op::BoxBool {}
            | Op::RangeIterNext {}
            | Op::ListIterNext {}
            | Op::ListAppend {}
    );
    if neither_makes_nor_drops {
        return false;
    }
    let effects = op.signature().effects;
    effects.contains(Effects::WRITES_HEAP)
        || effects.contains(Effects::WRITES_GLOBAL)
        || effects.contains(Effects::CALL)
}

/// The objects a loop may still point at after its backward jump: its object
/// parameters. (The loop is a function of its own: `entry`'s values reach it only as
/// parameters.) A peeled trace's `body` may also name objects of `loop` (the first
/// iteration), in its instructions, its snapshots or its jump: those stay live too.
fn live_objects(trace: &Trace) -> Vec<ValueId> {
    let Some(steady) = &trace.steady else {
        return object_params(&trace.body.params).collect();
    };
    let objects: std::collections::HashSet<ValueId> = object_params(&trace.body.params)
        .chain(trace.body.insts.iter().filter_map(|inst| {
            let object = inst.op.signature().result == Some(Type::Obj);
            inst.result.filter(|_| object)
        }))
        .collect();
    let snapshots = steady
        .insts
        .iter()
        .filter_map(|inst| inst.snapshot)
        .filter_map(|snapshot| trace.snapshots.get(snapshot.0 as usize))
        .flat_map(|snapshot| snapshot.values());
    let named = steady
        .insts
        .iter()
        .flat_map(|inst| inst.args.iter().copied())
        .chain(steady.jump_args.iter().copied())
        .chain(snapshots);
    let mut live: Vec<ValueId> = object_params(&steady.params).collect();
    let mut seen = std::collections::HashSet::new();
    for value in named {
        if objects.contains(&value) && seen.insert(value) {
            live.push(value);
        }
    }
    live
}

fn object_params(params: &[(ValueId, Type)]) -> impl Iterator<Item = ValueId> + '_ {
    params
        .iter()
        .filter(|(_, ty)| *ty == Type::Obj)
        .map(|(value, _)| *value)
}
