//! Inline fast paths for the list and range-iterator ops every hot loop uses, at the
//! field offsets the VM measured and passed in the compile request. Each checks what
//! the helper would check (the object's kind, no outstanding borrow, the index) and
//! leaves through the op's snapshot otherwise; a store that would drop or take a
//! heap reference goes to the helper.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder, Value};
use tracelift_trace::abi::tag::{ITER as TAG_ITER, LAST_IMMEDIATE, LIST as TAG_LIST};
use tracelift_trace::abi::{CompileError, NativeLayout};
use tracelift_trace::{Inst, Op, ValueId};

use super::{trusted, Lowered, Lowering};

const I64: types::Type = types::I64;

impl Lowering<'_, '_> {
    /// Argument 0 (its trace value and its payload) after checking it is a list
    /// (unless an earlier instruction of the function did, `known_lists`) that nobody
    /// is mutating.
    fn checked_list(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
    ) -> Result<(ValueId, Value), CompileError> {
        self.checked_list_at(inst, layout, 0)
    }

    /// `checked_list` of argument `at`.
    fn checked_list_at(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
        at: usize,
    ) -> Result<(ValueId, Value), CompileError> {
        let (tag, list) = self.obj(inst, at)?;
        let Some(&value) = inst.args.get(at) else {
            return Err(super::unsupported("a list op without its list"));
        };
        if self.known_lists.insert(value) {
            let is_list = self.tag_is(tag, TAG_LIST);
            self.exit_unless(inst, is_list)?;
            self.prove_tag(inst, at, TAG_LIST);
        }
        if self.list_borrow_unchecked(value) {
            let borrow = self
                .builder
                .ins()
                .load(I64, trusted(), list, layout.list_borrow);
            self.exit_if(inst, borrow)?;
            self.list_borrow_checked(value);
        }
        Ok((value, list))
    }

    pub(crate) fn inline_list_len(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
    ) -> Result<Lowered, CompileError> {
        let (id, list) = self.checked_list(inst, layout)?;
        let len = self.list_header_field(id, list, layout.list_len);
        Ok(Lowered::Int(len))
    }

    /// The address of item `index` (argument 1, negative counts from the end, except
    /// for `list_get_nonneg`/`list_set_nonneg`, whose index the optimizer proved not
    /// negative: there a negative one is out of range); leaves when it is out of range.
    fn item_address(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
        (id, list): (ValueId, Value),
    ) -> Result<Value, CompileError> {
        let index = self.int(inst, 1)?;
        if matches!(inst.op, Op::ListGetInRange {} | Op::ListSetInRange {}) {
            // The optimizer proved `0 <= index < len`: no check.
            let items = self.list_header_field(id, list, layout.list_items);
            let offset = self.builder.ins().ishl_imm_s(index, 4);
            return Ok(self.builder.ins().iadd(items, offset));
        }
        let len = self.list_header_field(id, list, layout.list_len);
        let at = if matches!(inst.op, Op::ListGetNonneg {} | Op::ListSetNonneg {}) {
            index
        } else {
            let negative = self
                .builder
                .ins()
                .icmp_imm_s(IntCC::SignedLessThan, index, 0);
            let from_end = self.builder.ins().iadd(index, len);
            self.builder.ins().select(negative, from_end, index)
        };
        // Unsigned: still negative (before the start) is out of range too.
        let inside = self.builder.ins().icmp(IntCC::UnsignedLessThan, at, len);
        self.exit_unless(inst, inside)?;
        let items = self.list_header_field(id, list, layout.list_items);
        let offset = self.builder.ins().ishl_imm_s(at, 4);
        Ok(self.builder.ins().iadd(items, offset))
    }

    pub(crate) fn inline_list_get(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
    ) -> Result<Lowered, CompileError> {
        let list = self.checked_list(inst, layout)?;
        let address = self.item_address(inst, layout, list)?;
        Ok(self.load_slot(address, 0))
    }

    /// Stores in place when both the old and the new item are immediates (no
    /// reference count changes hands); otherwise the helper does the whole store.
    pub(crate) fn inline_list_set(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
    ) -> Result<(), CompileError> {
        let list = self.checked_list(inst, layout)?;
        let address = self.item_address(inst, layout, list)?;
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
        self.list_set_by_helper(inst)?;
        self.builder.ins().jump(done, &[]);
        self.builder.switch_to_block(done);
        self.builder.seal_block(done);
        Ok(())
    }

    /// The payload of argument 0 after checking it is a range iterator, unless an
    /// earlier instruction of the function already did (`known_range_iters`).
    fn checked_range_iter(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
    ) -> Result<Value, CompileError> {
        let (tag, iter) = self.obj(inst, 0)?;
        let Some(&value) = inst.args.first() else {
            return Err(super::unsupported(
                "a range iterator op without its iterator",
            ));
        };
        if self.known_range_iters.contains(&value) {
            return Ok(iter);
        }
        let is_iter = self.tag_is(tag, TAG_ITER);
        self.exit_unless(inst, is_iter)?;
        self.prove_tag(inst, 0, TAG_ITER);
        let kind = self
            .builder
            .ins()
            .load(types::I8, trusted(), iter, layout.iter_kind);
        let is_range =
            self.builder
                .ins()
                .icmp_imm_u(IntCC::Equal, kind, i64::from(layout.range_kind));
        self.exit_unless(inst, is_range)?;
        self.known_range_iters.insert(value);
        Ok(iter)
    }

    /// The 64-bit field of an object at `offset`.
    fn field(&mut self, object: Value, offset: i32) -> Value {
        self.builder.ins().load(I64, trusted(), object, offset)
    }

    pub(crate) fn inline_range_iter_next(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
    ) -> Result<Lowered, CompileError> {
        if let Some(held) = self.held_range_iter_next(inst)? {
            return Ok(held);
        }
        let iter = self.checked_range_iter(inst, layout)?;
        let remaining = self.field(iter, layout.range_remaining);
        let exhausted = self.builder.ins().icmp_imm_u(IntCC::Equal, remaining, 0);
        self.exit_if(inst, exhausted)?;
        let left = self.builder.ins().iadd_imm_s(remaining, -1);
        self.builder
            .ins()
            .store(trusted(), left, iter, layout.range_remaining);
        let current = self.field(iter, layout.range_next);
        let step = self.field(iter, layout.range_step);
        let next = self.builder.ins().iadd(current, step);
        self.builder
            .ins()
            .store(trusted(), next, iter, layout.range_next);
        Ok(Lowered::Int(current))
    }

    /// `guard_range_iter_within`: leaves unless argument 0 is a range iterator whose
    /// items still to come lie in `lo..=hi`. Its items all fit in an i64, so the last
    /// one, `next + (remaining - 1) * step`, is exact in wrapping arithmetic.
    pub(crate) fn inline_range_iter_within(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
        lo: i64,
        hi: i64,
    ) -> Result<(), CompileError> {
        let (remaining, least, greatest) = self.range_iter_span(inst, layout)?;
        let low_ok = self
            .builder
            .ins()
            .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, least, lo);
        let high_ok = self
            .builder
            .ins()
            .icmp_imm_s(IntCC::SignedLessThanOrEqual, greatest, hi);
        self.exit_unless_span_ok(inst, remaining, low_ok, high_ok)
    }

    /// Leaves through `inst`'s snapshot unless the iterator with `remaining` items
    /// left is exhausted or its span passes both bound checks.
    fn exit_unless_span_ok(
        &mut self,
        inst: &Inst,
        remaining: Value,
        low_ok: Value,
        high_ok: Value,
    ) -> Result<(), CompileError> {
        let within = self.builder.ins().band(low_ok, high_ok);
        let exhausted = self.builder.ins().icmp_imm_u(IntCC::Equal, remaining, 0);
        let ok = self.builder.ins().bor(within, exhausted);
        self.exit_unless(inst, ok)
    }

    /// A range iterator's (argument 0) items left, and its least and greatest item
    /// to come (meaningless when none is left). Its items all fit in an i64, so the
    /// last one, `next + (remaining - 1) * step`, is exact in wrapping arithmetic.
    fn range_iter_span(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
    ) -> Result<(Value, Value, Value), CompileError> {
        let iter = self.checked_range_iter(inst, layout)?;
        let remaining = self.field(iter, layout.range_remaining);
        let next = self.field(iter, layout.range_next);
        let step = self.field(iter, layout.range_step);
        let left = self.builder.ins().iadd_imm_s(remaining, -1);
        let span = self.builder.ins().imul(left, step);
        let last = self.builder.ins().iadd(next, span);
        let least = self.builder.ins().smin(next, last);
        let greatest = self.builder.ins().smax(next, last);
        Ok((remaining, least, greatest))
    }

    /// `guard_range_iter_indexes`: leaves unless argument 0 is a range iterator and
    /// argument 1 a list (not being mutated) such that every item `x` still to come
    /// has `0 <= x + lo` and `x + hi < len` (the offsets are at most 2**32 either
    /// way, so `len - 1 - hi` cannot overflow).
    pub(crate) fn inline_range_iter_indexes(
        &mut self,
        inst: &Inst,
        layout: NativeLayout,
        lo: i64,
        hi: i64,
    ) -> Result<(), CompileError> {
        let (remaining, least, greatest) = self.range_iter_span(inst, layout)?;
        let (id, list) = self.checked_list_at(inst, layout, 1)?;
        let len = self.list_header_field(id, list, layout.list_len);
        let top = self.builder.ins().iadd_imm_s(len, -1 - hi);
        let low_ok = self
            .builder
            .ins()
            .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, least, -lo);
        let high_ok = self
            .builder
            .ins()
            .icmp(IntCC::SignedLessThanOrEqual, greatest, top);
        self.exit_unless_span_ok(inst, remaining, low_ok, high_ok)
    }
}
