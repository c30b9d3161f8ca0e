//! Inline fast paths for the list and range-iterator ops every hot loop uses, at the
//! field offsets `tracelift_interp::jit::native::layout` measured. Each checks what
//! the helper would check (the object's kind, no outstanding borrow, the index) and
//! leaves through the op's snapshot otherwise; a store that would drop or take a
//! heap reference goes to the helper.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder, Value};
use tracelift_interp::jit::native::helpers::{TAG_ITER, TAG_LIST};
use tracelift_interp::jit::native::layout::NativeLayout;
use tracelift_interp::jit::native::CompileError;
use tracelift_interp::trace::Inst;
use tracelift_interp::value::tag::LAST_IMMEDIATE;

use super::{trusted, unsupported, Lowered, Lowering};

const I64: types::Type = types::I64;

impl Lowering<'_, '_> {
    fn layout(&self) -> Result<NativeLayout, CompileError> {
        self.layout
            .ok_or_else(|| unsupported("inline list access without a measured layout"))
    }

    /// The payload of argument 0 after checking it is a list nobody is mutating.
    fn checked_list(&mut self, inst: &Inst) -> Result<Value, CompileError> {
        let layout = self.layout()?;
        let (tag, list) = self.obj(inst, 0)?;
        let is_list = self.tag_is(tag, TAG_LIST);
        self.exit_unless(inst, is_list)?;
        let borrow = self
            .builder
            .ins()
            .load(I64, trusted(), list, layout.list_borrow);
        self.exit_if(inst, borrow)?;
        Ok(list)
    }

    pub(crate) fn inline_list_len(&mut self, inst: &Inst) -> Result<Lowered, CompileError> {
        let layout = self.layout()?;
        let list = self.checked_list(inst)?;
        let len = self
            .builder
            .ins()
            .load(I64, trusted(), list, layout.list_len);
        Ok(Lowered::Int(len))
    }

    /// The address of item `index` (argument 1, negative counts from the end);
    /// leaves when it is out of range.
    fn item_address(&mut self, inst: &Inst, list: Value) -> Result<Value, CompileError> {
        let layout = self.layout()?;
        let index = self.int(inst, 1)?;
        let ins = self.builder.ins();
        let len = ins.load(I64, trusted(), list, layout.list_len);
        let negative = self
            .builder
            .ins()
            .icmp_imm_s(IntCC::SignedLessThan, index, 0);
        let from_end = self.builder.ins().iadd(index, len);
        let at = self.builder.ins().select(negative, from_end, index);
        // Unsigned: still negative (before the start) is out of range too.
        let inside = self.builder.ins().icmp(IntCC::UnsignedLessThan, at, len);
        self.exit_unless(inst, inside)?;
        let items = self
            .builder
            .ins()
            .load(I64, trusted(), list, layout.list_items);
        let offset = self.builder.ins().ishl_imm_s(at, 4);
        Ok(self.builder.ins().iadd(items, offset))
    }

    pub(crate) fn inline_list_get(&mut self, inst: &Inst) -> Result<Lowered, CompileError> {
        let list = self.checked_list(inst)?;
        let address = self.item_address(inst, list)?;
        Ok(self.load_slot(address, 0))
    }

    /// Stores in place when both the old and the new item are immediates (no
    /// reference count changes hands); otherwise the helper does the whole store.
    pub(crate) fn inline_list_set(&mut self, inst: &Inst) -> Result<(), CompileError> {
        let list = self.checked_list(inst)?;
        let address = self.item_address(inst, list)?;
        let new = self.arg(inst, 2)?;
        let (new_tag, new_payload) = self.boxed(new);
        let old_tag = self.builder.ins().load(types::I8, trusted(), address, 0);
        let limit = i64::from(LAST_IMMEDIATE);
        let ins = self.builder.ins();
        let old_plain = ins.icmp_imm_u(IntCC::UnsignedLessThanOrEqual, old_tag, limit);
        let new_plain =
            self.builder
                .ins()
                .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, new_tag, limit);
        let both = self.builder.ins().band(old_plain, new_plain);
        let fast = self.builder.create_block();
        let slow = self.builder.create_block();
        let done = self.builder.create_block();
        self.builder.set_cold_block(slow);
        self.builder.ins().brif(both, fast, &[], slow, &[]);
        self.builder.switch_to_block(fast);
        self.builder.seal_block(fast);
        self.builder.ins().store(trusted(), new_tag, address, 0);
        self.builder.ins().store(trusted(), new_payload, address, 8);
        self.builder.ins().jump(done, &[]);
        self.builder.switch_to_block(slow);
        self.builder.seal_block(slow);
        let list_slot = self.spilled(inst, 0)?;
        let index = self.int(inst, 1)?;
        let value = self.spilled(inst, 2)?;
        let ctx = self.ctx;
        let params = [I64, I64, I64, I64];
        self.call_checked(
            inst,
            "tl_list_set",
            &params,
            &[ctx, list_slot, index, value],
        )?;
        self.builder.ins().jump(done, &[]);
        self.builder.switch_to_block(done);
        self.builder.seal_block(done);
        Ok(())
    }

    pub(crate) fn inline_range_iter_next(&mut self, inst: &Inst) -> Result<Lowered, CompileError> {
        let layout = self.layout()?;
        let (tag, iter) = self.obj(inst, 0)?;
        let is_iter = self.tag_is(tag, TAG_ITER);
        self.exit_unless(inst, is_iter)?;
        let kind = self
            .builder
            .ins()
            .load(types::I8, trusted(), iter, layout.iter_kind);
        let is_range =
            self.builder
                .ins()
                .icmp_imm_u(IntCC::Equal, kind, i64::from(layout.range_kind));
        self.exit_unless(inst, is_range)?;
        let remaining = self
            .builder
            .ins()
            .load(I64, trusted(), iter, layout.range_remaining);
        let exhausted = self.builder.ins().icmp_imm_u(IntCC::Equal, remaining, 0);
        self.exit_if(inst, exhausted)?;
        let left = self.builder.ins().iadd_imm_s(remaining, -1);
        self.builder
            .ins()
            .store(trusted(), left, iter, layout.range_remaining);
        let current = self
            .builder
            .ins()
            .load(I64, trusted(), iter, layout.range_next);
        let step = self
            .builder
            .ins()
            .load(I64, trusted(), iter, layout.range_step);
        let next = self.builder.ins().iadd(current, step);
        self.builder
            .ins()
            .store(trusted(), next, iter, layout.range_next);
        Ok(Lowered::Int(current))
    }
}
