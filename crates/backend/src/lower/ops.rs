//! Lowering of each trace op: the semantics the trace evaluator gives it, in
//! Cranelift IR. Whatever the evaluator answers by exiting (overflow, a zero divisor,
//! a wrong type, an index out of range) exits here too, through the same snapshot.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, InstBuilder, StackSlotData, StackSlotKind, Value};
use tracelift_interp::jit::native::helpers::{TAG_BOOL, TAG_FLOAT, TAG_FUNCTION, TAG_INT};
use tracelift_interp::jit::native::helpers::{TAG_LIST, TAG_NONE};
use tracelift_interp::jit::native::{CompileError, NativeContext};
use tracelift_interp::trace::{Inst, Op};
use tracelift_syntax::ast::CmpOp;

use super::exit::SLOT;
use super::{trusted, unsupported, Lowered, Lowering};

const I8: types::Type = types::I8;
const I32: types::Type = types::I32;
const I64: types::Type = types::I64;
const F64: types::Type = types::F64;

fn int_cc(op: CmpOp) -> Option<IntCC> {
    Some(match op {
        CmpOp::Eq => IntCC::Equal,
        CmpOp::NotEq => IntCC::NotEqual,
        CmpOp::Lt => IntCC::SignedLessThan,
        CmpOp::LtE => IntCC::SignedLessThanOrEqual,
        CmpOp::Gt => IntCC::SignedGreaterThan,
        CmpOp::GtE => IntCC::SignedGreaterThanOrEqual,
        _ => return None,
    })
}

/// Python's float comparisons: every ordering is false with a NaN, `!=` is true.
fn float_cc(op: CmpOp) -> Option<FloatCC> {
    Some(match op {
        CmpOp::Eq => FloatCC::Equal,
        CmpOp::NotEq => FloatCC::NotEqual,
        CmpOp::Lt => FloatCC::LessThan,
        CmpOp::LtE => FloatCC::LessThanOrEqual,
        CmpOp::Gt => FloatCC::GreaterThan,
        CmpOp::GtE => FloatCC::GreaterThanOrEqual,
        _ => return None,
    })
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

    fn float(&mut self, inst: &Inst, position: usize) -> Result<Value, CompileError> {
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
        let ok = self.tag_is(tag, expected);
        self.exit_unless(inst, ok)?;
        Ok(payload)
    }

    fn define(&mut self, inst: &Inst, lowered: Lowered) -> Result<(), CompileError> {
        match inst.result {
            Some(result) => self.set(result, lowered),
            None => Err(unsupported(format!("{} without a result", inst.op.name()))),
        }
    }

    /// Calls a helper that answers a status and leaves when it is not OK.
    pub(crate) fn call_checked(
        &mut self,
        inst: &Inst,
        name: &'static str,
        params: &[types::Type],
        args: &[Value],
    ) -> Result<(), CompileError> {
        let status = self.call_helper(name, params, &[I32], args)?[0];
        self.exit_if(inst, status)
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
            Op::LoadGlobal { global } => {
                let out = self.stack_slot();
                let ctx = self.ctx;
                let global = self.builder.ins().iconst(I32, i64::from(global));
                self.call_checked(
                    inst,
                    "tl_load_global",
                    &[I64, I32, I64],
                    &[ctx, global, out],
                )?;
                Some(self.load_slot(out, 0))
            }
            Op::StoreGlobal { global } => {
                let value = self.spilled(inst, 0)?;
                let ctx = self.ctx;
                let global = self.builder.ins().iconst(I32, i64::from(global));
                self.call_helper(
                    "tl_store_global",
                    &[I64, I32, I64],
                    &[],
                    &[ctx, global, value],
                )?;
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
                self.guard_tag(inst, TAG_LIST)?;
                None
            }
            Op::GuardCode { code } => {
                self.guard_tag(inst, TAG_FUNCTION)?;
                let expected = self
                    .request
                    .trace
                    .codes
                    .get(code as usize)
                    .and_then(|code| code.code.as_ref())
                    .ok_or_else(|| unsupported("guard_code names a code object the trace lacks"))?;
                let expected = std::rc::Rc::as_ptr(expected) as i64;
                let function = self.spilled(inst, 0)?;
                let expected = self.builder.ins().iconst(I64, expected);
                let same = self.call_helper(
                    "tl_function_has_code",
                    &[I64, I64],
                    &[I32],
                    &[function, expected],
                )?[0];
                self.exit_unless(inst, same)?;
                None
            }
            Op::BurnFuel {} => {
                self.lower_burn_fuel(inst)?;
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
            Op::IntAdd {} | Op::IntSub {} | Op::IntMul {} => {
                let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
                let ins = self.builder.ins();
                let (result, overflow) = match inst.op {
                    Op::IntAdd {} => ins.sadd_overflow(a, b),
                    Op::IntSub {} => ins.ssub_overflow(a, b),
                    _ => ins.smul_overflow(a, b),
                };
                self.exit_if(inst, overflow)?;
                Some(Lowered::Int(result))
            }
            Op::IntFloorDiv {} | Op::IntMod {} => Some(self.lower_int_division(inst)?),
            Op::IntAnd {} | Op::IntOr {} | Op::IntXor {} => {
                let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
                let ins = self.builder.ins();
                Some(Lowered::Int(match inst.op {
                    Op::IntAnd {} => ins.band(a, b),
                    Op::IntOr {} => ins.bor(a, b),
                    _ => ins.bxor(a, b),
                }))
            }
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
            Op::IntNeg {} => {
                let a = self.int(inst, 0)?;
                let overflow = self.builder.ins().icmp_imm_s(IntCC::Equal, a, i64::MIN);
                self.exit_if(inst, overflow)?;
                Some(Lowered::Int(self.builder.ins().ineg(a)))
            }
            Op::IntCmp { op } => {
                let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
                let cc = int_cc(op).ok_or_else(|| unsupported(format!("int_cmp {op:?}")))?;
                Some(Lowered::Bool(self.builder.ins().icmp(cc, a, b)))
            }
            Op::FloatAdd {} | Op::FloatSub {} | Op::FloatMul {} => {
                let (a, b) = (self.float(inst, 0)?, self.float(inst, 1)?);
                let ins = self.builder.ins();
                Some(Lowered::Float(match inst.op {
                    Op::FloatAdd {} => ins.fadd(a, b),
                    Op::FloatSub {} => ins.fsub(a, b),
                    _ => ins.fmul(a, b),
                }))
            }
            Op::FloatDiv {} => {
                let (a, b) = (self.float(inst, 0)?, self.float(inst, 1)?);
                let zero = self.builder.ins().f64const(0.0);
                let by_zero = self.builder.ins().fcmp(FloatCC::Equal, b, zero);
                self.exit_if(inst, by_zero)?;
                Some(Lowered::Float(self.builder.ins().fdiv(a, b)))
            }
            Op::FloatFloorDiv {} => Some(self.float_helper(inst, "tl_float_floordiv")?),
            Op::FloatMod {} => Some(self.float_helper(inst, "tl_float_mod")?),
            Op::FloatPow {} => Some(self.float_helper(inst, "tl_float_pow")?),
            Op::FloatNeg {} => {
                let a = self.float(inst, 0)?;
                Some(Lowered::Float(self.builder.ins().fneg(a)))
            }
            Op::FloatCmp { op } => {
                let (a, b) = (self.float(inst, 0)?, self.float(inst, 1)?);
                let cc = float_cc(op).ok_or_else(|| unsupported(format!("float_cmp {op:?}")))?;
                Some(Lowered::Bool(self.builder.ins().fcmp(cc, a, b)))
            }
            Op::IntToFloat {} => {
                let a = self.int(inst, 0)?;
                Some(Lowered::Float(self.builder.ins().fcvt_from_sint(F64, a)))
            }
            Op::BoolNot {} => {
                let a = self.bool(inst, 0)?;
                Some(Lowered::Bool(self.builder.ins().bxor_imm_s(a, 1)))
            }
            Op::ListLen {} if self.layout.is_some() => Some(self.inline_list_len(inst)?),
            Op::ListGet {} if self.layout.is_some() => Some(self.inline_list_get(inst)?),
            Op::ListSet {} if self.layout.is_some() => {
                self.inline_list_set(inst)?;
                None
            }
            Op::RangeIterNext {} if self.layout.is_some() => {
                Some(self.inline_range_iter_next(inst)?)
            }
            Op::ListLen {} => {
                let list = self.spilled(inst, 0)?;
                let len = self.call_helper("tl_list_len", &[I64], &[I64], &[list])?[0];
                let not_a_list = self.builder.ins().icmp_imm_s(IntCC::SignedLessThan, len, 0);
                self.exit_if(inst, not_a_list)?;
                Some(Lowered::Int(len))
            }
            Op::ListGet {} => {
                let list = self.spilled(inst, 0)?;
                let index = self.int(inst, 1)?;
                let out = self.stack_slot();
                self.call_checked(inst, "tl_list_get", &[I64, I64, I64], &[list, index, out])?;
                Some(self.load_slot(out, 0))
            }
            Op::ListSet {} => {
                let list = self.spilled(inst, 0)?;
                let index = self.int(inst, 1)?;
                let value = self.spilled(inst, 2)?;
                let ctx = self.ctx;
                let params = [I64, I64, I64, I64];
                self.call_checked(inst, "tl_list_set", &params, &[ctx, list, index, value])?;
                None
            }
            Op::ListAppend {} => {
                let list = self.spilled(inst, 0)?;
                let value = self.spilled(inst, 1)?;
                // Cannot fail for a list (the guard before it checked), so no exit.
                self.call_helper("tl_list_append", &[I64, I64], &[I32], &[list, value])?;
                None
            }
            Op::RangeIterNext {} => {
                let iter = self.spilled(inst, 0)?;
                let out = self.stack_slot();
                self.call_checked(inst, "tl_range_iter_next", &[I64, I64], &[iter, out])?;
                let next = self.builder.ins().load(I64, trusted(), out, 0);
                Some(Lowered::Int(next))
            }
            Op::GuardRangeBuiltin {} => {
                let callee = self.spilled(inst, 0)?;
                let ok = self.call_helper("tl_is_range_builtin", &[I64], &[I32], &[callee])?[0];
                self.exit_unless(inst, ok)?;
                None
            }
            Op::RangeNew {} => {
                let (start, stop, step) =
                    (self.int(inst, 0)?, self.int(inst, 1)?, self.int(inst, 2)?);
                let out = self.stack_slot();
                let ctx = self.ctx;
                let params = [I64, I64, I64, I64, I64];
                self.call_checked(
                    inst,
                    "tl_range_new",
                    &params,
                    &[ctx, start, stop, step, out],
                )?;
                Some(self.load_slot(out, 0))
            }
            Op::RangeGetIter {} | Op::ListGetIter {} => {
                let iterable = self.spilled(inst, 0)?;
                let list = i64::from(matches!(inst.op, Op::ListGetIter {}));
                let list = self.builder.ins().iconst(I32, list);
                let out = self.stack_slot();
                let ctx = self.ctx;
                let params = [I64, I64, I32, I64];
                self.call_checked(inst, "tl_get_iter", &params, &[ctx, iterable, list, out])?;
                Some(self.load_slot(out, 0))
            }
            Op::RangeIterDone {} | Op::ListIterDone {} => {
                let iter = self.spilled(inst, 0)?;
                let range = i64::from(matches!(inst.op, Op::RangeIterDone {}));
                let range = self.builder.ins().iconst(I32, range);
                self.call_checked(inst, "tl_iter_done", &[I64, I32], &[iter, range])?;
                None
            }
            Op::ListIterNext {} => {
                let iter = self.spilled(inst, 0)?;
                let out = self.stack_slot();
                self.call_checked(inst, "tl_list_iter_next", &[I64, I64], &[iter, out])?;
                Some(self.load_slot(out, 0))
            }
        };
        match ins_result {
            Some(lowered) => self.define(inst, lowered),
            None => Ok(()),
        }
    }

    /// `a // b` and `a % b`, floored as in Python; exits on a zero divisor and on the
    /// one overflowing case, `i64::MIN` by `-1` (the interpreter goes to a big int).
    fn lower_int_division(&mut self, inst: &Inst) -> Result<Lowered, CompileError> {
        let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
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
        Ok(Lowered::Int(if matches!(inst.op, Op::IntMod {}) {
            let zero = self.builder.ins().iconst(I64, 0);
            let add = self.builder.ins().select(adjust, b, zero);
            self.builder.ins().iadd(remainder, add)
        } else {
            let quotient = self.builder.ins().sdiv(a, b);
            let minus = self.builder.ins().uextend(I64, adjust);
            self.builder.ins().isub(quotient, minus)
        }))
    }

    /// A float operation done by a helper that may refuse (and the trace exits).
    fn float_helper(&mut self, inst: &Inst, name: &'static str) -> Result<Lowered, CompileError> {
        let (a, b) = (self.float(inst, 0)?, self.float(inst, 1)?);
        let out = self.stack_slot();
        self.call_checked(inst, name, &[F64, F64, I64], &[a, b, out])?;
        Ok(Lowered::Float(self.builder.ins().load(
            F64,
            trusted(),
            out,
            0,
        )))
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
        let counter = self.context_field(NativeContext::SLICE_OFFSET);
        let left = self.builder.ins().load(I64, trusted(), counter, 0);
        let spent = self.fuel_exit_block(snapshot);
        let go_on = self.builder.create_block();
        self.builder.ins().brif(left, go_on, &[], spent, &[]);
        self.builder.switch_to_block(go_on);
        self.builder.seal_block(go_on);
        let decremented = self.builder.ins().iadd_imm_s(left, -1);
        self.builder.ins().store(trusted(), decremented, counter, 0);
        Ok(())
    }
}
