//! Lowering of the generic ops: each is a call to the VM's helper that runs the
//! interpreter's own generic function on boxed values (spilled to stack slots for the
//! helper to borrow), leaving through the op's snapshot when the helper answers
//! `EXIT` (a call that raised, `RAISED`, leaves through its unlinked raise exit).
//! Object constants are embedded as the bits the VM passed for them.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder, StackSlotData, StackSlotKind, Value};
use tracelift_trace::abi::helpers::RAISED;
use tracelift_trace::abi::{CompileError, Helper, SLOT_SIZE as SLOT};
use tracelift_trace::{Inst, Symbol};

use super::{trusted, unsupported, Lowered, Lowering};

const I8: types::Type = types::I8;
const I32: types::Type = types::I32;
const I64: types::Type = types::I64;

impl Lowering<'_, '_> {
    /// `const_obj`: the bits the VM passed for constant `index`.
    pub(crate) fn const_obj(&mut self, index: u32) -> Result<Lowered, CompileError> {
        let bits = self
            .request
            .const_values
            .get(index as usize)
            .ok_or_else(|| unsupported("const_obj names a constant the request lacks"))?;
        let tag = self.builder.ins().iconst(I8, (bits.0[0] & 0xff) as i64);
        let payload = self.builder.ins().iconst(I64, bits.0[1] as i64);
        Ok(Lowered::Obj { tag, payload })
    }

    /// `truthy`: the helper's answer as a bool.
    pub(crate) fn truthy(&mut self, inst: &Inst) -> Result<Lowered, CompileError> {
        let object = self.spilled(inst, 0)?;
        let truth = self
            .call_helper(Helper::Truthy, &[object])?
            .ok_or_else(|| unsupported("tl_truthy answers nothing"))?;
        Ok(Lowered::Bool(self.builder.ins().ireduce(I8, truth)))
    }

    /// A generic op with no result: `helper(ctx, args...)`, exiting unless `OK`
    /// (`store_subscript`), or `helper(args...)` without the context (`iter_done`).
    pub(crate) fn generic_effect(
        &mut self,
        inst: &Inst,
        helper: Helper,
        with_ctx: bool,
    ) -> Result<(), CompileError> {
        let mut args: Vec<Value> = Vec::new();
        if with_ctx {
            args.push(self.ctx);
        }
        for position in 0..inst.args.len() {
            args.push(self.spilled(inst, position)?);
        }
        self.call_checked(inst, helper, &args)
    }

    /// The op's arguments from `first` on, written to consecutive 16-byte slots of
    /// one stack area for a helper to borrow: the area's address and the count.
    fn spilled_array(&mut self, inst: &Inst, first: usize) -> Result<(Value, Value), CompileError> {
        let count = inst.args.len().saturating_sub(first);
        let area = self.builder.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            (count.max(1) * 16) as u32,
            3,
        ));
        let address = self.builder.ins().stack_addr(I64, area, 0);
        for (offset, position) in (first..inst.args.len()).enumerate() {
            let lowered = self.arg(inst, position)?;
            self.store_slot(lowered, address, offset as i32 * SLOT);
        }
        let count = self.builder.ins().iconst(I32, count as i64);
        Ok((address, count))
    }

    /// `build_list` and `build_tuple`: a new sequence of the arguments.
    pub(crate) fn build_sequence(
        &mut self,
        inst: &Inst,
        tuple: bool,
    ) -> Result<Lowered, CompileError> {
        let (items, count) = self.spilled_array(inst, 0)?;
        let tuple = self.builder.ins().iconst(I32, i64::from(tuple));
        let out = self.stack_slot();
        let ctx = self.ctx;
        self.call_checked(
            inst,
            Helper::BuildSequence,
            &[ctx, items, count, tuple, out],
        )?;
        Ok(self.load_slot(out, 0))
    }

    /// `guard_sequence_len`: exits unless the helper says the length is `count`.
    pub(crate) fn guard_sequence_len(
        &mut self,
        inst: &Inst,
        count: u32,
    ) -> Result<(), CompileError> {
        let sequence = self.spilled(inst, 0)?;
        let count = self.builder.ins().iconst(I32, i64::from(count));
        let same = self
            .call_helper(Helper::SequenceLenIs, &[sequence, count])?
            .ok_or_else(|| unsupported("tl_sequence_len_is answers nothing"))?;
        self.exit_unless(inst, same)
    }

    /// `sequence_item`: item `index`, borrowed from the sequence.
    pub(crate) fn sequence_item(
        &mut self,
        inst: &Inst,
        index: u32,
    ) -> Result<Lowered, CompileError> {
        let sequence = self.spilled(inst, 0)?;
        let index = self.builder.ins().iconst(I32, i64::from(index));
        let out = self.stack_slot();
        self.call_checked(inst, Helper::SequenceItem, &[sequence, index, out])?;
        Ok(self.load_slot(out, 0))
    }

    /// The call ops: `tl_call` with the kind (0 `call_native`, 1 `call_native_kw`, 2
    /// `call_method` with its name's words in a stack slot) and every argument.
    pub(crate) fn call(
        &mut self,
        inst: &Inst,
        kind: u32,
        name: Option<Symbol>,
    ) -> Result<Lowered, CompileError> {
        let (args, count) = self.spilled_array(inst, 0)?;
        let name = match name {
            Some(symbol) => {
                let area = self.builder.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    24,
                    3,
                ));
                let address = self.builder.ins().stack_addr(I64, area, 0);
                for (index, word) in symbol.words().into_iter().enumerate() {
                    let word = self.builder.ins().iconst(I64, word as i64);
                    self.builder
                        .ins()
                        .store(trusted(), word, address, index as i32 * 8);
                }
                address
            }
            None => self.builder.ins().iconst(I64, 0),
        };
        let kind = self.builder.ins().iconst(I32, i64::from(kind));
        let out = self.stack_slot();
        let ctx = self.ctx;
        let status = self
            .call_helper(Helper::Call, &[ctx, kind, name, args, count, out])?
            .ok_or_else(|| unsupported("tl_call answers no status"))?;
        self.after_call(inst, status)?;
        Ok(self.load_slot(out, 0))
    }

    /// `call_py`: `tl_call_py` with the arguments and, to keep alive across the call,
    /// every object the call's snapshot lists (the trace's values the callee could
    /// otherwise free). A call of a function tree's own function may run compiled
    /// instead (`compiled_call.rs`), with this as its slow path.
    pub(crate) fn call_py(&mut self, inst: &Inst, depth: u32) -> Result<Lowered, CompileError> {
        if let Some(call) = self.compiled_call_of(inst, depth) {
            return self.compiled_call(inst, call);
        }
        self.call_py_helper(inst, depth)
    }

    /// `call_py` through `tl_call_py`.
    pub(crate) fn call_py_helper(
        &mut self,
        inst: &Inst,
        depth: u32,
    ) -> Result<Lowered, CompileError> {
        let (args, count) = self.spilled_array(inst, 0)?;
        let held = self.held_across(inst)?;
        let (keep, held) = self.keep_area(&held)?;
        let held = self.builder.ins().iconst(I32, held as i64);
        let depth = self.builder.ins().iconst(I32, i64::from(depth));
        let out = self.stack_slot();
        let ctx = self.ctx;
        let status = self
            .call_helper(Helper::CallPy, &[ctx, depth, args, count, keep, held, out])?
            .ok_or_else(|| unsupported("tl_call_py answers no status"))?;
        self.after_call(inst, status)?;
        Ok(self.load_slot(out, 0))
    }

    /// The objects a call must keep alive: every object value its snapshot lists
    /// (each once).
    pub(crate) fn held_across(
        &mut self,
        inst: &Inst,
    ) -> Result<Vec<tracelift_trace::ValueId>, CompileError> {
        let snapshot = inst
            .snapshot
            .ok_or_else(|| unsupported("a call without a snapshot"))?;
        let mut held: Vec<tracelift_trace::ValueId> = Vec::new();
        for value in self.snapshot_values(snapshot)? {
            if !held.contains(&value) && matches!(self.get(value)?, Lowered::Obj { .. }) {
                held.push(value);
            }
        }
        Ok(held)
    }

    /// `held` written to consecutive slots of a stack area: its address and count.
    pub(crate) fn keep_area(
        &mut self,
        held: &[tracelift_trace::ValueId],
    ) -> Result<(Value, usize), CompileError> {
        let area = self.builder.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            (held.len().max(1) * 16) as u32,
            3,
        ));
        let keep = self.builder.ins().stack_addr(I64, area, 0);
        for (offset, value) in held.iter().enumerate() {
            let lowered = self.get(*value)?;
            self.store_slot(lowered, keep, offset as i32 * SLOT);
        }
        Ok((keep, held.len()))
    }

    /// After a call helper: a call that raised leaves through the unlinked raise
    /// exit; any other status but `OK` through the ordinary exit.
    pub(crate) fn after_call(&mut self, inst: &Inst, status: Value) -> Result<(), CompileError> {
        let snapshot = inst
            .snapshot
            .ok_or_else(|| unsupported("a call without a snapshot"))?;
        let raised = self
            .builder
            .ins()
            .icmp_imm_s(IntCC::Equal, status, i64::from(RAISED));
        let raise_exit = self.raise_exit_block(snapshot);
        self.branch_away(raised, true, raise_exit);
        self.exit_if(inst, status)
    }

    /// Calls a generic helper `(ctx, [op,] args..., out) -> status` on the op's
    /// arguments, exiting unless it answers `OK`; the object it wrote.
    pub(crate) fn generic_call(
        &mut self,
        inst: &Inst,
        helper: Helper,
        op: Option<u32>,
    ) -> Result<Lowered, CompileError> {
        let ctx = self.ctx;
        let mut args: Vec<Value> = vec![ctx];
        if let Some(op) = op {
            args.push(self.builder.ins().iconst(I32, i64::from(op)));
        }
        for position in 0..inst.args.len() {
            args.push(self.spilled(inst, position)?);
        }
        let out = self.stack_slot();
        args.push(out);
        self.call_checked(inst, helper, &args)?;
        Ok(self.load_slot(out, 0))
    }
}
