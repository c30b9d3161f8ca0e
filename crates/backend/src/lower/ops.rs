//! Lowering of each trace op: the semantics the trace evaluator gives it, in
//! Cranelift IR. Whatever the evaluator answers by exiting (overflow, a zero divisor,
//! a wrong type, an index out of range) exits here too, through the same snapshot.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, InstBuilder, StackSlotData, StackSlotKind, Value};
use tracelift_trace::abi::tag::{BOOL as TAG_BOOL, FLOAT as TAG_FLOAT, FUNCTION as TAG_FUNCTION};
use tracelift_trace::abi::tag::{INT as TAG_INT, LIST as TAG_LIST, NONE as TAG_NONE};
use tracelift_trace::abi::{CompileError, Helper, NativeContext, SLOT_SIZE as SLOT};
use tracelift_trace::{Cmp, Inst, Op};

use super::int_overflow::AddOrSub;
use super::{trusted, unsupported, Lowered, Lowering, Var};

const I8: types::Type = types::I8;
const I32: types::Type = types::I32;
const I64: types::Type = types::I64;
const F64: types::Type = types::F64;

fn int_cc(op: Cmp) -> IntCC {
    match op {
        Cmp::Eq => IntCC::Equal,
        Cmp::Ne => IntCC::NotEqual,
        Cmp::Lt => IntCC::SignedLessThan,
        Cmp::Le => IntCC::SignedLessThanOrEqual,
        Cmp::Gt => IntCC::SignedGreaterThan,
        Cmp::Ge => IntCC::SignedGreaterThanOrEqual,
    }
}

/// Python's float comparisons: every ordering is false with a NaN, `!=` is true.
fn float_cc(op: Cmp) -> FloatCC {
    match op {
        Cmp::Eq => FloatCC::Equal,
        Cmp::Ne => FloatCC::NotEqual,
        Cmp::Lt => FloatCC::LessThan,
        Cmp::Le => FloatCC::LessThanOrEqual,
        Cmp::Gt => FloatCC::GreaterThan,
        Cmp::Ge => FloatCC::GreaterThanOrEqual,
    }
}

impl Lowering<'_, '_> {
    pub(crate) fn arg(&mut self, inst: &Inst, position: usize) -> Result<Lowered, CompileError> {
        let value = *inst
            .args
            .get(position)
            .ok_or_else(|| unsupported(format!("{} lacks argument {position}", inst.op.name())))?;
        self.get(value)
    }

    pub(crate) fn int(&mut self, inst: &Inst, position: usize) -> Result<Value, CompileError> {
        match self.arg(inst, position)? {
            Lowered::Int(x) => Ok(x),
            _ => Err(unsupported(format!("{} expects an int", inst.op.name()))),
        }
    }

    pub(crate) fn float(&mut self, inst: &Inst, position: usize) -> Result<Value, CompileError> {
        match self.arg(inst, position)? {
            Lowered::Float(x) => Ok(x),
            _ => Err(unsupported(format!("{} expects a float", inst.op.name()))),
        }
    }

    fn bool(&mut self, inst: &Inst, position: usize) -> Result<Value, CompileError> {
        match self.arg(inst, position)? {
            Lowered::Bool(x) => Ok(x),
            _ => Err(unsupported(format!("{} expects a bool", inst.op.name()))),
        }
    }

    /// An object argument: its tag and payload.
    pub(crate) fn obj(
        &mut self,
        inst: &Inst,
        position: usize,
    ) -> Result<(Value, Value), CompileError> {
        let lowered = self.arg(inst, position)?;
        Ok(self.boxed(lowered))
    }

    /// A fresh 16-byte stack slot's address (for helper arguments and results).
    pub(crate) fn stack_slot(&mut self) -> Value {
        let slot = self.builder.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            16,
            3,
        ));
        self.builder.ins().stack_addr(I64, slot, 0)
    }

    /// An object argument written to a stack slot, for a helper to borrow.
    pub(crate) fn spilled(&mut self, inst: &Inst, position: usize) -> Result<Value, CompileError> {
        let lowered = self.arg(inst, position)?;
        let address = self.stack_slot();
        self.store_slot(lowered, address, 0);
        Ok(address)
    }

    pub(crate) fn tag_is(&mut self, tag: Value, expected: u8) -> Value {
        self.builder
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, i64::from(expected))
    }

    /// Exits unless the object argument has tag `expected`; its payload.
    fn guard_tag(&mut self, inst: &Inst, expected: u8) -> Result<Value, CompileError> {
        let (tag, payload) = self.obj(inst, 0)?;
        if !self.parent_wrote_tag(inst, expected) {
            let ok = self.tag_is(tag, expected);
            self.exit_unless(inst, ok)?;
        }
        self.prove_tag(inst, 0, expected);
        Ok(payload)
    }

    /// From here on, the object argument at `position` has tag `expected` (a guard
    /// just checked it): its tag becomes that constant in the code that follows.
    ///
    /// Only the code the guard dominates sees the constant: a trace value is a
    /// Cranelift variable, so an exit block reached before the check (or the check's
    /// own exit) still reads the tag the value came with. Instructions and exits
    /// after it store an immediate, and the register that held the tag is free:
    /// a loop's object parameters (the lists and the iterator of a `for` over a
    /// list) no longer keep one register each for a tag nobody reads. Not for a
    /// parameter of the block that jumps back to itself: its tag would become a
    /// loop-carried value of its own, set to the constant by the backward jump.
    pub(crate) fn prove_tag(&mut self, inst: &Inst, position: usize, expected: u8) {
        let Some(value) = inst.args.get(position) else {
            return;
        };
        let trace = self.request.trace;
        let looping = match (&trace.side, &trace.steady) {
            (Some(_), _) => None,
            (None, Some(steady)) => Some(steady),
            (None, None) => Some(&trace.body),
        };
        if looping.is_some_and(|block| block.params.iter().any(|(param, _)| param == value)) {
            return;
        }
        if let Some(Var::Obj { tag, .. }) = self.vars.get(value).copied() {
            let constant = self.builder.ins().iconst(I8, i64::from(expected));
            self.builder.def_var(tag, constant);
        }
    }

    fn define(&mut self, inst: &Inst, lowered: Lowered) -> Result<(), CompileError> {
        match inst.result {
            Some(result) => self.set(result, lowered),
            None => Err(unsupported(format!("{} without a result", inst.op.name()))),
        }
    }

    pub(crate) fn lower_inst(&mut self, inst: &Inst) -> Result<(), CompileError> {
        let ins_result = match inst.op {
            Op::LoadSlot { slot } => {
                let frame = self.frame;
                let lowered = self.load_slot(frame, slot as i32 * SLOT);
                Some(lowered)
            }
            Op::LoadExit { index } => {
                let buffer = self.context_field(NativeContext::EXIT_VALUES_OFFSET);
                Some(self.load_slot(buffer, index as i32 * SLOT))
            }
            Op::LoadGlobal { global } => Some(self.load_global(inst, global)?),
            Op::StoreGlobal { global } => {
                let value = self.arg(inst, 0)?;
                self.store_global(global, value)?;
                None
            }
            Op::ConstInt { value } => Some(Lowered::Int(self.builder.ins().iconst(I64, value))),
            Op::ConstFloat { value } => Some(Lowered::Float(self.builder.ins().f64const(value))),
            Op::ConstBool { value } => Some(Lowered::Bool(
                self.builder.ins().iconst(I8, i64::from(value)),
            )),
            Op::ConstNone {} => {
                let tag = self.builder.ins().iconst(I8, i64::from(TAG_NONE));
                let payload = self.builder.ins().iconst(I64, 0);
                Some(Lowered::Obj { tag, payload })
            }
            Op::UnboxInt {} => Some(Lowered::Int(self.guard_tag(inst, TAG_INT)?)),
            Op::UnboxFloat {} => {
                let payload = self.guard_tag(inst, TAG_FLOAT)?;
                let flags = cranelift_codegen::ir::MemFlagsData::new();
                Some(Lowered::Float(
                    self.builder.ins().bitcast(F64, flags, payload),
                ))
            }
            Op::UnboxBool {} => {
                let payload = self.guard_tag(inst, TAG_BOOL)?;
                Some(Lowered::Bool(self.builder.ins().ireduce(I8, payload)))
            }
            Op::BoxInt {} | Op::BoxFloat {} | Op::BoxBool {} => {
                let value = self.arg(inst, 0)?;
                let (tag, payload) = self.boxed(value);
                Some(Lowered::Obj { tag, payload })
            }
            Op::GuardList {} => {
                if let Some(&list) = inst.args.first() {
                    if self.known_lists.insert(list) {
                        self.guard_tag(inst, TAG_LIST)?;
                    }
                }
                None
            }
            Op::GuardCode { code } => {
                self.guard_tag(inst, TAG_FUNCTION)?;
                let expected = *self
                    .request
                    .code_identities
                    .get(code as usize)
                    .ok_or_else(|| unsupported("guard_code names a code object the trace lacks"))?;
                let expected = expected as i64;
                let same = match self.layout {
                    Some(layout) => {
                        let (_, payload) = self.obj(inst, 0)?;
                        let code =
                            self.builder
                                .ins()
                                .load(I64, trusted(), payload, layout.function_code);
                        let identity = self.builder.ins().iadd_imm_s(code, layout.code_identity);
                        self.builder
                            .ins()
                            .icmp_imm_s(IntCC::Equal, identity, expected)
                    }
                    None => {
                        let function = self.spilled(inst, 0)?;
                        let expected = self.builder.ins().iconst(I64, expected);
                        self.status(Helper::FunctionHasCode, &[function, expected])?
                    }
                };
                self.exit_unless(inst, same)?;
                None
            }
            Op::BurnFuel {} => {
                self.lower_burn_fuel(inst)?;
                None
            }
            Op::Leave {} => {
                self.lower_leave(inst)?;
                None
            }
            Op::GuardTrue {} => {
                let flag = self.bool(inst, 0)?;
                self.exit_unless(inst, flag)?;
                None
            }
            Op::GuardFalse {} => {
                let flag = self.bool(inst, 0)?;
                self.exit_if(inst, flag)?;
                None
            }
            Op::IntAdd {} => Some(self.lower_int_add_sub(inst, AddOrSub::Add)?),
            Op::IntSub {} => Some(self.lower_int_add_sub(inst, AddOrSub::Sub)?),
            Op::IntMul {} => Some(self.int_overflowing(inst, |ins, a, b| ins.smul_overflow(a, b))?),
            Op::IntFloorDiv {} => Some(self.lower_int_division(inst, Division::Floor)?),
            Op::IntMod {} => Some(self.lower_int_division(inst, Division::Modulo)?),
            Op::IntAnd {} => Some(self.int_binary(inst, |ins, a, b| ins.band(a, b))?),
            Op::IntOr {} => Some(self.int_binary(inst, |ins, a, b| ins.bor(a, b))?),
            Op::IntXor {} => Some(self.int_binary(inst, |ins, a, b| ins.bxor(a, b))?),
            Op::IntShl {} => {
                let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
                // Unsigned: a negative count is out of range too.
                let in_range = self
                    .builder
                    .ins()
                    .icmp_imm_s(IntCC::UnsignedLessThan, b, 64);
                self.exit_unless(inst, in_range)?;
                let shifted = self.builder.ins().ishl(a, b);
                let back = self.builder.ins().sshr(shifted, b);
                let lost = self.builder.ins().icmp(IntCC::NotEqual, back, a);
                self.exit_if(inst, lost)?;
                Some(Lowered::Int(shifted))
            }
            Op::IntShr {} => {
                let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
                let negative = self.builder.ins().icmp_imm_s(IntCC::SignedLessThan, b, 0);
                self.exit_if(inst, negative)?;
                let max = self.builder.ins().iconst(I64, 63);
                let count = self.builder.ins().umin(b, max);
                Some(Lowered::Int(self.builder.ins().sshr(a, count)))
            }
            Op::IntAbs {} => {
                let a = self.int(inst, 0)?;
                let overflow = self.builder.ins().icmp_imm_s(IntCC::Equal, a, i64::MIN);
                self.exit_if(inst, overflow)?;
                Some(Lowered::Int(self.builder.ins().iabs(a)))
            }
            Op::IntNeg {} => {
                let a = self.int(inst, 0)?;
                let overflow = self.builder.ins().icmp_imm_s(IntCC::Equal, a, i64::MIN);
                self.exit_if(inst, overflow)?;
                Some(Lowered::Int(self.builder.ins().ineg(a)))
            }
            // Proved by the optimizer to fit: no overflow check (wraps otherwise, as
            // the evaluator does).
            Op::IntAddFits {} => Some(self.int_binary(inst, |ins, a, b| ins.iadd(a, b))?),
            Op::IntSubFits {} => Some(self.int_binary(inst, |ins, a, b| ins.isub(a, b))?),
            Op::IntCmp { op } => {
                let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
                Some(Lowered::Bool(self.builder.ins().icmp(int_cc(op), a, b)))
            }
            Op::FloatAdd {} => Some(self.float_binary(inst, |ins, a, b| ins.fadd(a, b))?),
            Op::FloatSub {} => Some(self.float_binary(inst, |ins, a, b| ins.fsub(a, b))?),
            Op::FloatMul {} => Some(self.float_binary(inst, |ins, a, b| ins.fmul(a, b))?),
            Op::FloatDiv {} => {
                let (a, b) = (self.float(inst, 0)?, self.float(inst, 1)?);
                let zero = self.builder.ins().f64const(0.0);
                let by_zero = self.builder.ins().fcmp(FloatCC::Equal, b, zero);
                self.exit_if(inst, by_zero)?;
                Some(Lowered::Float(self.builder.ins().fdiv(a, b)))
            }
            Op::FloatFloorDiv {} => Some(self.float_helper(inst, Helper::FloatFloorDiv)?),
            Op::FloatMod {} => Some(self.float_helper(inst, Helper::FloatMod)?),
            Op::FloatPow {} => Some(self.float_pow(inst)?),
            Op::FloatNeg {} => {
                let a = self.float(inst, 0)?;
                Some(Lowered::Float(self.builder.ins().fneg(a)))
            }
            Op::FloatAbs {} => {
                let a = self.float(inst, 0)?;
                Some(Lowered::Float(self.builder.ins().fabs(a)))
            }
            Op::FloatToInt {} => Some(self.float_to_int(inst)?),
            Op::FloatCmp { op } => {
                let (a, b) = (self.float(inst, 0)?, self.float(inst, 1)?);
                Some(Lowered::Bool(self.builder.ins().fcmp(float_cc(op), a, b)))
            }
            Op::IntToFloat {} => {
                let a = self.int(inst, 0)?;
                Some(Lowered::Float(self.builder.ins().fcvt_from_sint(F64, a)))
            }
            Op::BoolNot {} => {
                let a = self.bool(inst, 0)?;
                Some(Lowered::Bool(self.builder.ins().bxor_imm_s(a, 1)))
            }
            Op::ListLen {} => Some(match self.layout {
                Some(layout) => self.inline_list_len(inst, layout)?,
                None => {
                    let list = self.spilled(inst, 0)?;
                    let len = self.result(Helper::ListLen, &[list])?;
                    let not_a_list = self.builder.ins().icmp_imm_s(IntCC::SignedLessThan, len, 0);
                    self.exit_if(inst, not_a_list)?;
                    Lowered::Int(len)
                }
            }),
            Op::ListGet {} | Op::ListGetNonneg {} | Op::ListGetInRange {} => {
                Some(match self.layout {
                    Some(layout) => self.inline_list_get(inst, layout)?,
                    None => {
                        self.exit_if_negative_index(inst)?;
                        let list = self.spilled(inst, 0)?;
                        let index = self.int(inst, 1)?;
                        let out = self.stack_slot();
                        self.call_checked(inst, Helper::ListGet, &[list, index, out])?;
                        self.load_slot(out, 0)
                    }
                })
            }
            Op::ListSet {} | Op::ListSetNonneg {} | Op::ListSetInRange {} => {
                match self.layout {
                    Some(layout) => self.inline_list_set(inst, layout)?,
                    None => {
                        self.exit_if_negative_index(inst)?;
                        self.list_set_by_helper(inst)?;
                    }
                }
                None
            }
            Op::ListAppend {} => {
                let list = self.spilled(inst, 0)?;
                let value = self.spilled(inst, 1)?;
                // Exits when the memory limit refuses the list's growth.
                self.call_checked(inst, Helper::ListAppend, &[list, value])?;
                None
            }
            Op::RangeIterNext {} => Some(match self.layout {
                Some(layout) => self.inline_range_iter_next(inst, layout)?,
                None => {
                    let iter = self.spilled(inst, 0)?;
                    let out = self.stack_slot();
                    self.call_checked(inst, Helper::RangeIterNext, &[iter, out])?;
                    Lowered::Int(self.builder.ins().load(I64, trusted(), out, 0))
                }
            }),
            Op::GuardRangeIterWithin { lo, hi } => {
                match self.layout {
                    Some(layout) => self.inline_range_iter_within(inst, layout, lo, hi)?,
                    None => {
                        let iter = self.spilled(inst, 0)?;
                        let lo = self.builder.ins().iconst(I64, lo);
                        let hi = self.builder.ins().iconst(I64, hi);
                        self.call_checked(inst, Helper::RangeIterWithin, &[iter, lo, hi])?;
                    }
                }
                None
            }
            Op::GuardRangeIterIndexes { lo, hi } => {
                if lo.unsigned_abs() > 1 << 32 || hi.unsigned_abs() > 1 << 32 {
                    return Err(unsupported("a range index guard's offsets past 2**32"));
                }
                match self.layout {
                    Some(layout) => self.inline_range_iter_indexes(inst, layout, lo, hi)?,
                    None => {
                        // Items in `-lo..=len - 1 - hi`, by the helpers of `list_len`
                        // and `guard_range_iter_within`.
                        let list = self.spilled(inst, 1)?;
                        let len = self.result(Helper::ListLen, &[list])?;
                        let not_a_list =
                            self.builder.ins().icmp_imm_s(IntCC::SignedLessThan, len, 0);
                        self.exit_if(inst, not_a_list)?;
                        let least = self.builder.ins().iconst(I64, -lo);
                        let greatest = self.builder.ins().iadd_imm_s(len, -1 - hi);
                        let iter = self.spilled(inst, 0)?;
                        self.call_checked(inst, Helper::RangeIterWithin, &[iter, least, greatest])?;
                    }
                }
                None
            }
            Op::GuardBuiltin { builtin } => {
                let callee = self.spilled(inst, 0)?;
                let builtin = self.builder.ins().iconst(I32, i64::from(builtin));
                let ok = self.status(Helper::IsBuiltin, &[callee, builtin])?;
                self.exit_unless(inst, ok)?;
                None
            }
            Op::GuardRangeBuiltin {} => {
                let callee = self.spilled(inst, 0)?;
                let ok = self.status(Helper::IsRangeBuiltin, &[callee])?;
                self.exit_unless(inst, ok)?;
                None
            }
            Op::RangeNew {} => Some(self.range_helper(inst, Helper::RangeNew)?),
            Op::RangeIterNew {} => Some(self.range_helper(inst, Helper::RangeIterNew)?),
            Op::RangeGetIter {} => Some(self.get_iter(inst, false)?),
            Op::ListGetIter {} => Some(self.get_iter(inst, true)?),
            Op::RangeIterDone {} => {
                self.iter_done(inst, true)?;
                None
            }
            Op::ListIterDone {} => {
                self.iter_done(inst, false)?;
                None
            }
            Op::ListIterNext {} => {
                let iter = self.spilled(inst, 0)?;
                let out = self.stack_slot();
                self.call_checked(inst, Helper::ListIterNext, &[iter, out])?;
                Some(self.load_slot(out, 0))
            }
            Op::ConstObj { index } => Some(self.const_obj(index)?),
            Op::BinaryGeneric { op } => {
                Some(self.generic_call(inst, Helper::BinaryGeneric, Some(op.code()))?)
            }
            // The slot is the recorder's and the verifier's business: the helper only
            // needs the two strings.
            Op::StrAppend { .. } => Some(self.generic_call(inst, Helper::StrAppend, None)?),
            Op::UnaryGeneric { op } => {
                Some(self.generic_call(inst, Helper::UnaryGeneric, Some(op.code()))?)
            }
            Op::CompareGeneric { op } => {
                Some(self.generic_call(inst, Helper::CompareGeneric, Some(op.code()))?)
            }
            Op::Truthy {} => Some(self.truthy(inst)?),
            Op::Subscript {} => Some(self.generic_call(inst, Helper::Subscript, None)?),
            Op::StoreSubscript {} => {
                self.generic_effect(inst, Helper::StoreSubscript, true)?;
                None
            }
            Op::Slice {} => Some(self.generic_call(inst, Helper::Slice, None)?),
            Op::GetIter {} => Some(self.generic_call(inst, Helper::GetIterAny, None)?),
            Op::IterNext {} => Some(self.generic_call(inst, Helper::IterNext, None)?),
            Op::IterDone {} => {
                self.generic_effect(inst, Helper::IterDoneAny, false)?;
                None
            }
            Op::BuildList {} => Some(self.build_sequence(inst, false)?),
            Op::BuildTuple {} => Some(self.build_sequence(inst, true)?),
            Op::GuardSequenceLen { count } => {
                self.guard_sequence_len(inst, count)?;
                None
            }
            Op::SequenceItem { index } => Some(self.sequence_item(inst, index)?),
            Op::CallNative {} => Some(self.call(inst, 0, None)?),
            Op::CallNativeKw {} => Some(self.call(inst, 1, None)?),
            Op::CallMethod { name } => Some(self.call(inst, 2, Some(name))?),
            Op::CallPy { depth } => Some(self.call_py(inst, depth)?),
        };
        match ins_result {
            Some(lowered) => self.define(inst, lowered),
            None => Ok(()),
        }
    }

    /// A helper's result (for helpers that answer a value, not a status).
    fn result(&mut self, helper: Helper, args: &[Value]) -> Result<Value, CompileError> {
        self.call_helper(helper, args)?
            .ok_or_else(|| unsupported(format!("{} answers nothing", helper.symbol())))
    }

    /// A helper's yes (non-zero) or no answer.
    fn status(&mut self, helper: Helper, args: &[Value]) -> Result<Value, CompileError> {
        self.result(helper, args)
    }

    /// Two ints to an int, leaving the trace when `apply` reports an overflow.
    fn int_overflowing(
        &mut self,
        inst: &Inst,
        apply: impl FnOnce(cranelift_frontend::FuncInstBuilder<'_, '_>, Value, Value) -> (Value, Value),
    ) -> Result<Lowered, CompileError> {
        let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
        let (result, overflow) = apply(self.builder.ins(), a, b);
        self.exit_if(inst, overflow)?;
        Ok(Lowered::Int(result))
    }

    /// Two ints to an int that cannot overflow.
    fn int_binary(
        &mut self,
        inst: &Inst,
        apply: impl FnOnce(cranelift_frontend::FuncInstBuilder<'_, '_>, Value, Value) -> Value,
    ) -> Result<Lowered, CompileError> {
        let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
        Ok(Lowered::Int(apply(self.builder.ins(), a, b)))
    }

    /// Two floats to a float.
    fn float_binary(
        &mut self,
        inst: &Inst,
        apply: impl FnOnce(cranelift_frontend::FuncInstBuilder<'_, '_>, Value, Value) -> Value,
    ) -> Result<Lowered, CompileError> {
        let (a, b) = (self.float(inst, 0)?, self.float(inst, 1)?);
        Ok(Lowered::Float(apply(self.builder.ins(), a, b)))
    }

    /// `a // b` and `a % b`, floored as in Python; exits on a zero divisor and on the
    /// one overflowing case, `i64::MIN` by `-1` (the interpreter goes to a big int).
    fn lower_int_division(
        &mut self,
        inst: &Inst,
        division: Division,
    ) -> Result<Lowered, CompileError> {
        let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
        // By a constant power of two, `a // 2**k` is `a >> k` and `a % 2**k` is
        // `a & (2**k - 1)` for every int, negative ones included: nothing to check.
        let divisor = inst.args.get(1).and_then(|b| self.int_constants.get(b));
        if let Some(&divisor) = divisor.filter(|&&d| d > 0 && d & (d - 1) == 0) {
            let ins = self.builder.ins();
            return Ok(Lowered::Int(match division {
                Division::Floor => ins.sshr_imm_u(a, i64::from(divisor.trailing_zeros())),
                Division::Modulo => ins.band_imm_s(a, divisor - 1),
            }));
        }
        // By any other positive constant: nothing to check, and the truncated
        // remainder needs fixing only when it is negative (`r >> 63` is then -1).
        if let Some(&divisor) = divisor.filter(|&&d| d > 0) {
            let remainder = self.builder.ins().srem_imm_s(a, divisor);
            let negative = self.builder.ins().sshr_imm_u(remainder, 63);
            return Ok(Lowered::Int(match division {
                Division::Floor => {
                    let quotient = self.builder.ins().sdiv_imm_s(a, divisor);
                    self.builder.ins().iadd(quotient, negative)
                }
                Division::Modulo => {
                    let fix = self.builder.ins().band_imm_s(negative, divisor);
                    self.builder.ins().iadd(remainder, fix)
                }
            }));
        }
        let ins = self.builder.ins();
        let zero = ins.icmp_imm_s(IntCC::Equal, b, 0);
        let minus_one = self.builder.ins().icmp_imm_s(IntCC::Equal, b, -1);
        let min = self.builder.ins().icmp_imm_s(IntCC::Equal, a, i64::MIN);
        let overflow = self.builder.ins().band(minus_one, min);
        let bad = self.builder.ins().bor(zero, overflow);
        self.exit_if(inst, bad)?;
        let ins = self.builder.ins();
        let remainder = ins.srem(a, b);
        // The remainder takes the divisor's sign: adjust when they differ.
        let nonzero = self.builder.ins().icmp_imm_s(IntCC::NotEqual, remainder, 0);
        let signs = self.builder.ins().bxor(remainder, b);
        let differ = self
            .builder
            .ins()
            .icmp_imm_s(IntCC::SignedLessThan, signs, 0);
        let adjust = self.builder.ins().band(nonzero, differ);
        Ok(Lowered::Int(match division {
            Division::Modulo => {
                let zero = self.builder.ins().iconst(I64, 0);
                let add = self.builder.ins().select(adjust, b, zero);
                self.builder.ins().iadd(remainder, add)
            }
            Division::Floor => {
                let quotient = self.builder.ins().sdiv(a, b);
                let minus = self.builder.ins().uextend(I64, adjust);
                self.builder.ins().isub(quotient, minus)
            }
        }))
    }

    /// A float operation done by a helper that may refuse (and the trace exits).
    pub(crate) fn float_helper(
        &mut self,
        inst: &Inst,
        helper: Helper,
    ) -> Result<Lowered, CompileError> {
        let (a, b) = (self.float(inst, 0)?, self.float(inst, 1)?);
        let out = self.stack_slot();
        self.call_checked(inst, helper, &[a, b, out])?;
        Ok(Lowered::Float(self.builder.ins().load(
            F64,
            trusted(),
            out,
            0,
        )))
    }

    /// For `list_get_nonneg` and `list_set_nonneg` through their helpers (which count
    /// a negative index from the end): leaves on a negative index, as the inline
    /// path does. Nothing for `list_get` and `list_set`.
    fn exit_if_negative_index(&mut self, inst: &Inst) -> Result<(), CompileError> {
        if !matches!(
            inst.op,
            Op::ListGetNonneg {}
                | Op::ListSetNonneg {}
                | Op::ListGetInRange {}
                | Op::ListSetInRange {}
        ) {
            return Ok(());
        }
        let index = self.int(inst, 1)?;
        let negative = self
            .builder
            .ins()
            .icmp_imm_s(IntCC::SignedLessThan, index, 0);
        self.exit_if(inst, negative)
    }

    /// `list_set` through its helper.
    pub(crate) fn list_set_by_helper(&mut self, inst: &Inst) -> Result<(), CompileError> {
        let list = self.spilled(inst, 0)?;
        let index = self.int(inst, 1)?;
        let value = self.spilled(inst, 2)?;
        let ctx = self.ctx;
        self.call_checked(inst, Helper::ListSet, &[ctx, list, index, value])
    }

    /// `range_new` and `range_iter_new`: a helper making an object from three ints.
    fn range_helper(&mut self, inst: &Inst, helper: Helper) -> Result<Lowered, CompileError> {
        let (start, stop, step) = (self.int(inst, 0)?, self.int(inst, 1)?, self.int(inst, 2)?);
        let out = self.stack_slot();
        let ctx = self.ctx;
        self.call_checked(inst, helper, &[ctx, start, stop, step, out])?;
        Ok(self.load_slot(out, 0))
    }

    /// `range_get_iter` and `list_get_iter`.
    fn get_iter(&mut self, inst: &Inst, list: bool) -> Result<Lowered, CompileError> {
        let iterable = self.spilled(inst, 0)?;
        let list = self.builder.ins().iconst(I32, i64::from(list));
        let out = self.stack_slot();
        let ctx = self.ctx;
        self.call_checked(inst, Helper::GetIter, &[ctx, iterable, list, out])?;
        Ok(self.load_slot(out, 0))
    }

    /// `range_iter_done` and `list_iter_done`.
    fn iter_done(&mut self, inst: &Inst, range: bool) -> Result<(), CompileError> {
        let iter = self.spilled(inst, 0)?;
        let range = self.builder.ins().iconst(I32, i64::from(range));
        self.call_checked(inst, Helper::IterDone, &[iter, range])
    }

    /// One step of the budget: a decrement of the interpreter's slice counter. When
    /// the slice is spent the trace leaves through the op's snapshot, before the
    /// step: the interpreter then executes the instruction the step belongs to (the
    /// loop's backward jump, an inlined call), takes the step itself, checks for an
    /// interrupt and the budget, and raises exactly where it would have. Leaving
    /// instead of calling keeps hot loops free of calls, so values stay in registers.
    fn lower_burn_fuel(&mut self, inst: &Inst) -> Result<(), CompileError> {
        let snapshot = inst
            .snapshot
            .ok_or_else(|| unsupported("burn_fuel without a snapshot"))?;
        // In a steady-state body the counter may be held in a variable (`held.rs`).
        let held = self.held_slice();
        let (left, counter) = match held {
            Some(var) => (self.builder.use_var(var), None),
            None => {
                let counter = self.context_field(NativeContext::SLICE_OFFSET);
                (
                    self.builder.ins().load(I64, trusted(), counter, 0),
                    Some(counter),
                )
            }
        };
        let spent = self.fuel_exit_block(snapshot);
        let go_on = self.builder.create_block();
        self.builder.ins().brif(left, go_on, &[], spent, &[]);
        self.builder.switch_to_block(go_on);
        self.builder.seal_block(go_on);
        let decremented = self.builder.ins().iadd_imm_s(left, -1);
        if let Some(var) = held {
            self.builder.def_var(var, decremented);
        } else if let Some(counter) = counter {
            self.builder.ins().store(trusted(), decremented, counter, 0);
        }
        Ok(())
    }
}

/// Which of the two floored int divisions.
#[derive(Clone, Copy, Debug)]
enum Division {
    Floor,
    Modulo,
}
