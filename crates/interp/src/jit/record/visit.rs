//! The recorder's meaning of every uop: how each one, met during a recording, turns
//! into trace instructions on the symbolic frame (`impl UopVisitor for Context`).
//! Typed uops become inline ops; generic ones become the trace's generic ops, which
//! call the interpreter's own generic functions (boxing their operands). Uops the
//! tracing tier cannot handle yet abort with their name.

use tracelift_syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::context::{Context, Step};
use crate::bytecode::{ArithOp, MethodSite};
use crate::jit::{operators, Abort};
use crate::ops::compare::{ordering_cmp, ordering_satisfies};
use crate::uop::{Depth, UopVisitor};
use crate::value::{IterObj, Value};
use tracelift_trace::{Op, Symbol, Type};

/// The bounds a root loop's `guard_range_iter_within` checks of its range iterator,
/// if this one's items to come pass them: `0..2**62` when none is negative, else
/// `-2**62..2**62`. Wide enough that most ranges a loop meets on later entries pass
/// too, narrow enough that the optimizer can prove `i + 1` and `i - 1` fit (and, for
/// the first, that `i` indexes a list from the start). A guard that fails exits at the
/// `ForIter` before anything changed, and the interpreter goes on. Only loops the VM
/// will peel get one (`Recorder::range_guards`): there it runs once per entry, while
/// in an unpeeled loop it would cost more each iteration than it saves.
fn range_guard_bounds(iter: &IterObj) -> Option<(i64, i64)> {
    const BOUND: i64 = 1 << 62;
    let (least, greatest) = iter.range_item_span()?;
    if least < -BOUND || greatest >= BOUND {
        return None;
    }
    Some((if least >= 0 { 0 } else { -BOUND }, BOUND - 1))
}

/// The trace op for a typed int operator.
fn int_op(op: BinOp) -> Option<Op> {
    Some(match op {
        BinOp::Add => Op::IntAdd {},
        BinOp::Sub => Op::IntSub {},
        BinOp::Mul => Op::IntMul {},
        BinOp::FloorDiv => Op::IntFloorDiv {},
        BinOp::Mod => Op::IntMod {},
        BinOp::BitAnd => Op::IntAnd {},
        BinOp::BitOr => Op::IntOr {},
        BinOp::BitXor => Op::IntXor {},
        BinOp::LShift => Op::IntShl {},
        BinOp::RShift => Op::IntShr {},
        BinOp::Div | BinOp::Pow => return None,
    })
}

/// The trace op for a typed float operator.
fn float_op(op: BinOp) -> Option<Op> {
    Some(match op {
        BinOp::Add => Op::FloatAdd {},
        BinOp::Sub => Op::FloatSub {},
        BinOp::Mul => Op::FloatMul {},
        BinOp::Div => Op::FloatDiv {},
        BinOp::FloorDiv => Op::FloatFloorDiv {},
        BinOp::Mod => Op::FloatMod {},
        BinOp::Pow => Op::FloatPow {},
        BinOp::LShift | BinOp::RShift | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => {
            return None
        }
    })
}

impl UopVisitor for Context<'_, '_> {
    type Flow = Step;

    fn nop(&mut self) -> Step {
        Step::Next
    }

    fn load_fast(&mut self, slot: u32) -> Step {
        self.with(|recorder, real| {
            let sym = recorder.read_slot(real, slot as usize)?;
            recorder.push(sym);
            Ok(())
        })
    }

    fn store_fast(&mut self, slot: u32) -> Step {
        self.with(|recorder, real| {
            let sym = recorder.pop(real)?;
            recorder.write_slot(slot as usize, sym);
            Ok(())
        })
    }

    fn load_const(&mut self, index: u32) -> Step {
        let constant = self
            .recorder
            .current_code()
            .consts
            .get(index as usize)
            .cloned();
        let op = match constant {
            Some(Value::Int(value)) => Op::ConstInt { value },
            Some(Value::Float(value)) => Op::ConstFloat { value },
            Some(Value::Bool(value)) => Op::ConstBool { value },
            Some(Value::None) => Op::ConstNone {},
            Some(Value::Unbound) | None => return Step::Abort(Abort::UnsupportedConstant),
            Some(object) => Op::ConstObj {
                index: self.recorder.const_index(&object),
            },
        };
        let sym = self.recorder.emit(op, &[]);
        self.recorder.push(sym);
        Step::Next
    }

    fn load_global(&mut self, global: u32) -> Step {
        let sym = self.recorder.emit(Op::LoadGlobal { global }, &[]);
        self.recorder.push(sym);
        Step::Next
    }

    fn store_global(&mut self, global: u32) -> Step {
        self.with(|recorder, real| {
            let sym = recorder.pop(real)?;
            let boxed = recorder.boxed(sym);
            recorder.emit(Op::StoreGlobal { global }, &[boxed]);
            Ok(())
        })
    }

    fn pop_top(&mut self) -> Step {
        let real = self.real;
        self.recorder.pop(real).map(drop).into()
    }

    fn dup_top(&mut self) -> Step {
        self.with(|recorder, real| {
            let top = recorder.peek(real, 0)?;
            recorder.push(top);
            Ok(())
        })
    }

    fn dup_top_two(&mut self) -> Step {
        self.with(|recorder, real| {
            let second = recorder.peek(real, 1)?;
            let top = recorder.peek(real, 0)?;
            recorder.push(second);
            recorder.push(top);
            Ok(())
        })
    }

    fn rot_two(&mut self) -> Step {
        self.swap(1)
    }

    fn rot_three(&mut self) -> Step {
        self.with(|recorder, real| {
            let (a, b, c) = (
                recorder.peek(real, 2)?,
                recorder.peek(real, 1)?,
                recorder.peek(real, 0)?,
            );
            recorder.replace(2, c);
            recorder.replace(1, a);
            recorder.replace(0, b);
            Ok(())
        })
    }

    fn swap(&mut self, depth: Depth) -> Step {
        self.with(|recorder, real| {
            let top = recorder.peek(real, 0)?;
            let other = recorder.peek(real, depth as usize)?;
            recorder.replace(0, other);
            recorder.replace(depth as usize, top);
            Ok(())
        })
    }

    fn guard_int(&mut self, depth: Depth) -> Step {
        self.guard_type(depth, Type::Int, Op::UnboxInt {})
    }

    fn guard_float(&mut self, depth: Depth) -> Step {
        self.guard_type(depth, Type::Float, Op::UnboxFloat {})
    }

    fn guard_list(&mut self, depth: Depth) -> Step {
        if !matches!(self.real.peek(depth as usize), Value::List(_)) {
            return Step::Abort(Abort::GuardFails);
        }
        self.with(|recorder, real| {
            let sym = recorder.peek(real, depth as usize)?;
            if sym.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            if !recorder.known_lists.contains(&sym.value) {
                recorder.emit(Op::GuardList {}, &[sym]);
                recorder.known_lists.push(sym.value);
            }
            Ok(())
        })
    }

    fn guard_range_iter(&mut self, depth: Depth) -> Step {
        // `range_iter_next` itself exits on any other iterator.
        self.real_iter_is(depth, |iter| matches!(iter, IterObj::Range { .. }))
    }

    fn guard_list_iter(&mut self, depth: Depth) -> Step {
        self.real_iter_is(depth, |iter| matches!(iter, IterObj::List { .. }))
    }

    fn guard_py_function(&mut self, argc: u32) -> Step {
        let code = match self.real.peek(argc as usize) {
            Value::Function(function) if function.code.param_count == argc => function.code.clone(),
            _ => return Step::Abort(Abort::GuardFails),
        };
        self.with(|recorder, real| {
            let callee = recorder.peek(real, argc as usize)?;
            if callee.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            let index = recorder.code_index(&code);
            recorder.emit(Op::GuardCode { code: index }, &[callee]);
            Ok(())
        })
    }

    fn int_add(&mut self) -> Step {
        self.binary(Op::IntAdd {}, Type::Int)
    }

    fn int_sub(&mut self) -> Step {
        self.binary(Op::IntSub {}, Type::Int)
    }

    fn int_mul(&mut self) -> Step {
        self.binary(Op::IntMul {}, Type::Int)
    }

    fn float_add(&mut self) -> Step {
        self.binary(Op::FloatAdd {}, Type::Float)
    }

    fn float_sub(&mut self) -> Step {
        self.binary(Op::FloatSub {}, Type::Float)
    }

    fn float_mul(&mut self) -> Step {
        self.binary(Op::FloatMul {}, Type::Float)
    }

    fn float_div(&mut self) -> Step {
        self.binary(Op::FloatDiv {}, Type::Float)
    }

    fn int_arith(&mut self, op: ArithOp) -> Step {
        match int_op(op.op) {
            Some(trace_op) => self.binary(trace_op, Type::Int),
            // Operators with no typed form (never quickened so) go generic.
            None => self.binary_generic(op),
        }
    }

    fn float_arith(&mut self, op: ArithOp) -> Step {
        match float_op(op.op) {
            Some(trace_op) => self.binary(trace_op, Type::Float),
            None => self.binary_generic(op),
        }
    }

    fn int_to_float(&mut self, depth: Depth) -> Step {
        self.with(|recorder, real| {
            let sym = recorder.peek(real, depth as usize)?;
            if sym.ty != Type::Int {
                return Err(Abort::GuardFails);
            }
            let float = recorder.emit(Op::IntToFloat {}, &[sym]);
            recorder.replace(depth as usize, float);
            Ok(())
        })
    }

    fn int_compare(&mut self, op: CmpOp) -> Step {
        match ordering_cmp(op) {
            Some(op) => self.binary(Op::IntCmp { op }, Type::Int),
            None => Step::Abort(Abort::GuardFails),
        }
    }

    fn float_compare(&mut self, op: CmpOp) -> Step {
        match ordering_cmp(op) {
            Some(op) => self.binary(Op::FloatCmp { op }, Type::Float),
            None => Step::Abort(Abort::GuardFails),
        }
    }

    fn int_compare_branch(&mut self, op: CmpOp, _target: u32) -> Step {
        let (Value::Int(a), Value::Int(b)) = (self.real.peek(1), self.real.peek(0)) else {
            return Step::Abort(Abort::GuardFails);
        };
        let Some(cmp) = ordering_cmp(op) else {
            return Step::Abort(Abort::GuardFails);
        };
        let holds = ordering_satisfies(Some(a.cmp(b)), op);
        self.compare_branch(holds, Op::IntCmp { op: cmp }, Type::Int)
    }

    fn float_compare_branch(&mut self, op: CmpOp, _target: u32) -> Step {
        let (Value::Float(a), Value::Float(b)) = (self.real.peek(1), self.real.peek(0)) else {
            return Step::Abort(Abort::GuardFails);
        };
        let Some(cmp) = ordering_cmp(op) else {
            return Step::Abort(Abort::GuardFails);
        };
        let holds = ordering_satisfies(a.partial_cmp(b), op);
        self.compare_branch(holds, Op::FloatCmp { op: cmp }, Type::Float)
    }

    fn binary_generic(&mut self, op: ArithOp) -> Step {
        if op.op == BinOp::Add && self.recorder.grows_local_str(self.real) {
            return self.str_append();
        }
        self.generic(
            2,
            Op::BinaryGeneric {
                op: operators::arith_to_trace(op),
            },
        )
    }

    fn unary_generic(&mut self, op: UnaryOp) -> Step {
        let real = self.real.peek(0);
        self.with(|recorder, real_frame| {
            let operand = recorder.peek(real_frame, 0)?;
            // Numbers and bools stay unboxed where the operator has a typed form.
            let operand = match (operand.ty, real) {
                (Type::Obj, Value::Int(_)) => recorder.emit(Op::UnboxInt {}, &[operand]),
                (Type::Obj, Value::Float(_)) => recorder.emit(Op::UnboxFloat {}, &[operand]),
                (Type::Obj, Value::Bool(_)) if op == UnaryOp::Not => {
                    recorder.emit(Op::UnboxBool {}, &[operand])
                }
                _ => operand,
            };
            let result = match (op, operand.ty) {
                (UnaryOp::Neg, Type::Int) => recorder.emit(Op::IntNeg {}, &[operand]),
                (UnaryOp::Neg, Type::Float) => recorder.emit(Op::FloatNeg {}, &[operand]),
                (UnaryOp::Pos, Type::Int | Type::Float) => operand,
                (UnaryOp::Not, _) => {
                    let truth = recorder.truth(operand);
                    recorder.emit(Op::BoolNot {}, &[truth])
                }
                _ => {
                    let boxed = recorder.boxed(operand);
                    let op = Op::UnaryGeneric {
                        op: operators::unary_to_trace(op),
                    };
                    recorder.emit(op, &[boxed])
                }
            };
            recorder.replace(0, result);
            Ok(())
        })
    }

    fn str_equal(&mut self, op: CmpOp) -> Step {
        // Recorded as the generic comparison (its guards checked nothing in the
        // trace), whose helper compares any two values.
        self.compare_generic(op)
    }

    fn str_equal_branch(&mut self, op: CmpOp, target: u32) -> Step {
        // The generic comparison, then the branch on its result, as recorded for
        // `CompareJumpIfFalse`.
        match self.compare_generic(op) {
            Step::Next => self.pop_jump_if_false(target),
            other => other,
        }
    }

    fn compare_generic(&mut self, op: CmpOp) -> Step {
        // A branch fused into the same instruction needs the result now.
        match crate::ops::compare_op(self.real.peek(1), self.real.peek(0), op) {
            Ok(result) => self.computed_top = Some(result),
            Err(_) => return Step::Abort(Abort::ErrorRaised),
        }
        if let Some(step) = ordering_cmp(op).and_then(|cmp| self.float_with_int_constant(cmp)) {
            return step;
        }
        self.generic(
            2,
            Op::CompareGeneric {
                op: operators::comparison_to_trace(op),
            },
        )
    }

    fn jump(&mut self, _target: u32) -> Step {
        Step::Next
    }

    fn jump_backward(&mut self, target: u32) -> Step {
        let in_root_frame = self.recorder.inlined.is_empty();
        if target == self.recorder.anchor_pc && in_root_frame {
            // Parameters whose type changed are converted first: a check that fails
            // exits at the jump before its step is spent, so the interpreter spends
            // it once.
            if self.recorder.side.is_none() {
                if let Err(abort) = self.recorder.match_param_types() {
                    return Step::Abort(abort);
                }
            }
            // The backward jump costs a step each iteration; its snapshot is the frame
            // at the jump, where the interpreter would raise.
            self.recorder.emit(Op::BurnFuel {}, &[]);
            Step::Close
        } else if self.recorder.side.is_some() && in_root_frame {
            // A side trace that left the loop goes round an enclosing loop on its
            // way back to the loop header; at another compiled loop it ends there,
            // entering that loop's trace. A loop with no trace yet is not unrolled
            // into it: the side trace is tried again once that loop has its own. (A
            // loop compiled at another stack depth cannot be entered from this tree,
            // and is still unrolled.)
            self.recorder.emit(Op::BurnFuel {}, &[]);
            match self.recorder.compiled_loop(self.real.loops, target) {
                Some((depth, root)) => {
                    self.recorder.close_at = Some((target, depth, root));
                    Step::Close
                }
                None => {
                    let anchor = self.recorder.anchor_pc;
                    let encloses = target <= anchor && self.recorder.pc >= anchor;
                    if encloses || self.recorder.has_trace(self.real.loops, target) {
                        Step::Next
                    } else {
                        self.recorder.needs_loop_at(target);
                        Step::Abort(Abort::UncompiledLoop)
                    }
                }
            }
        } else {
            // A loop inside the recorded one (or inside a call it inlines) that has
            // no trace of its own yet: the tree needs it compiled first.
            if !in_root_frame || target > self.recorder.anchor_pc {
                self.recorder.needs_loop_at(target);
            }
            Step::Abort(Abort::InnerLoop)
        }
    }

    fn pop_jump_if_false(&mut self, _target: u32) -> Step {
        self.branch(None)
    }

    fn pop_jump_if_true(&mut self, _target: u32) -> Step {
        self.branch(None)
    }

    fn jump_if_false_or_pop(&mut self, _target: u32) -> Step {
        self.branch(Some(false))
    }

    fn jump_if_true_or_pop(&mut self, _target: u32) -> Step {
        self.branch(Some(true))
    }

    fn get_iter(&mut self) -> Step {
        let op = match self.real.peek(0) {
            Value::Range(_) => Op::RangeGetIter {},
            Value::List(_) => Op::ListGetIter {},
            _ => return self.generic(1, Op::GetIter {}),
        };
        self.with(|recorder, real| {
            let iterable = recorder.pop(real)?;
            let iterator = recorder.emit(op, &[iterable]);
            recorder.push(iterator);
            Ok(())
        })
    }

    fn for_iter(&mut self, _target: u32) -> Step {
        let exhausted = match self.real.peek(0) {
            Value::Iter(iter) => iter.is_done(),
            _ => true,
        };
        if exhausted {
            return self.leave_loop(Op::IterDone {});
        }
        self.iterate(Op::IterNext {})
    }

    fn range_iter_next(&mut self, _target: u32) -> Step {
        let exhausted = match self.real.peek(0) {
            Value::Iter(iter) => match &**iter {
                IterObj::Range { remaining, .. } => remaining.get() == 0,
                _ => true,
            },
            _ => true,
        };
        if exhausted {
            return self.leave_loop(Op::RangeIterDone {});
        }
        let within = match self.real.peek(0) {
            Value::Iter(iter) => range_guard_bounds(iter),
            _ => None,
        };
        match within {
            Some((lo, hi)) if self.recorder.range_guards && self.recorder.side.is_none() => self
                .with(|recorder, real| {
                    let iterator = recorder.peek(real, 0)?;
                    if iterator.ty != Type::Obj {
                        return Err(Abort::GuardFails);
                    }
                    recorder.emit(Op::GuardRangeIterWithin { lo, hi }, &[iterator]);
                    let item = recorder.emit(Op::RangeIterNext {}, &[iterator]);
                    recorder.push(item);
                    Ok(())
                }),
            _ => self.iterate(Op::RangeIterNext {}),
        }
    }

    fn list_iter_next(&mut self, _target: u32) -> Step {
        let exhausted = match self.real.peek(0) {
            Value::Iter(iter) => match &**iter {
                IterObj::List { list, index } => index.get() >= list.len(),
                _ => true,
            },
            _ => true,
        };
        if exhausted {
            return self.leave_loop(Op::ListIterDone {});
        }
        self.iterate(Op::ListIterNext {})
    }

    fn build_list(&mut self, count: u32) -> Step {
        self.generic(count as usize, Op::BuildList {})
    }

    fn build_tuple(&mut self, count: u32) -> Step {
        self.generic(count as usize, Op::BuildTuple {})
    }

    fn unpack_sequence(&mut self, count: u32) -> Step {
        // Tuples and lists of the right length unpack in the trace; anything else
        // exits, and the interpreter unpacks it (or raises).
        self.with(|recorder, real| {
            let sequence = recorder.pop(real)?;
            let sequence = recorder.boxed(sequence);
            recorder.emit(Op::GuardSequenceLen { count }, &[sequence]);
            for index in (0..count).rev() {
                let item = recorder.emit(Op::SequenceItem { index }, &[sequence]);
                recorder.push(item);
            }
            Ok(())
        })
    }

    fn guard_str_iter(&mut self, depth: Depth) -> Step {
        // `str_iter_next` records the generic `iter_next`, which works on any
        // iterator: nothing to check in the trace.
        self.real_iter_is(depth, |iter| matches!(iter, IterObj::Str { .. }))
    }

    fn str_iter_next(&mut self, target: u32) -> Step {
        // Recorded as the generic iteration, exactly as `for_iter`.
        self.for_iter(target)
    }

    fn guard_str(&mut self, depth: Depth) -> Step {
        // `str_get_item` records the generic `subscript`, which works on any
        // container: nothing to check in the trace.
        match self.real.peek(depth as usize) {
            Value::Str(_) => Step::Next,
            _ => Step::Abort(Abort::GuardFails),
        }
    }

    fn str_get_item(&mut self) -> Step {
        self.subscript_generic()
    }

    fn subscript_generic(&mut self) -> Step {
        self.generic(2, Op::Subscript {})
    }

    fn list_get_item(&mut self) -> Step {
        self.with(|recorder, real| {
            let index = recorder.pop(real)?;
            let list = recorder.pop(real)?;
            if index.ty != Type::Int || list.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            let item = recorder.emit(Op::ListGet {}, &[list, index]);
            recorder.push(item);
            Ok(())
        })
    }

    fn store_subscript_generic(&mut self) -> Step {
        self.with(|recorder, real| {
            let index = recorder.pop(real)?;
            let container = recorder.pop(real)?;
            let value = recorder.pop(real)?;
            let args = [
                recorder.boxed(container),
                recorder.boxed(index),
                recorder.boxed(value),
            ];
            recorder.emit(Op::StoreSubscript {}, &args);
            Ok(())
        })
    }

    fn list_set_item(&mut self) -> Step {
        self.with(|recorder, real| {
            let index = recorder.pop(real)?;
            let list = recorder.pop(real)?;
            let value = recorder.pop(real)?;
            if index.ty != Type::Int || list.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            let boxed = recorder.boxed(value);
            recorder.emit(Op::ListSet {}, &[list, index, boxed]);
            Ok(())
        })
    }

    fn slice(&mut self, has_step: bool) -> Step {
        self.with(|recorder, real| {
            let step = match has_step {
                true => recorder.pop(real)?,
                false => recorder.emit(Op::ConstNone {}, &[]),
            };
            let upper = recorder.pop(real)?;
            let lower = recorder.pop(real)?;
            let container = recorder.pop(real)?;
            let args = [
                recorder.boxed(container),
                recorder.boxed(lower),
                recorder.boxed(upper),
                recorder.boxed(step),
            ];
            let result = recorder.emit(Op::Slice {}, &args);
            recorder.push(result);
            Ok(())
        })
    }

    fn call(&mut self, argc: u32) -> Step {
        let argc = argc as usize;
        if let Some(step) = self.builtin_call(argc) {
            return step;
        }
        let is_range = matches!(
            self.real.peek(argc),
            Value::Builtin(crate::value::BuiltinId::Range)
        );
        let int_bounds = (0..argc).all(|depth| matches!(self.real.peek(depth), Value::Int(_)));
        if !is_range || !(1..=3).contains(&argc) || !int_bounds {
            return self.call_native(argc, None);
        }
        // `range(...)` with small int bounds: inline, as a loop nest needs it.
        self.with(|recorder, real| {
            let mut bounds = Vec::with_capacity(3);
            for _ in 0..argc {
                let bound = recorder.pop(real)?;
                let bound = match bound.ty {
                    Type::Int => bound,
                    Type::Obj => recorder.emit(Op::UnboxInt {}, &[bound]),
                    Type::Float | Type::Bool => return Err(Abort::GuardFails),
                };
                bounds.push(bound);
            }
            bounds.reverse();
            let callee = recorder.pop(real)?;
            recorder.emit(Op::GuardRangeBuiltin {}, &[callee]);
            if argc == 1 {
                bounds.insert(0, recorder.emit(Op::ConstInt { value: 0 }, &[]));
            }
            if bounds.len() == 2 {
                bounds.push(recorder.emit(Op::ConstInt { value: 1 }, &[]));
            }
            let range = recorder.emit(Op::RangeNew {}, &bounds);
            recorder.push(range);
            Ok(())
        })
    }

    fn call_kw(&mut self, argc: u32, kwnames: u32) -> Step {
        let names = self
            .recorder
            .current_code()
            .consts
            .get(kwnames as usize)
            .cloned();
        match names {
            Some(names @ Value::Tuple(_)) => self.call_native(argc as usize, Some(names)),
            _ => Step::Abort(Abort::UnsupportedConstant),
        }
    }

    fn push_frame(&mut self, argc: u32) -> Step {
        let Value::Function(function) = self.real.peek(argc as usize) else {
            return Step::Abort(Abort::GuardFails);
        };
        let code = function.code.clone();
        if !self.recorder.can_inline(&code)
            || self
                .recorder
                .has_loop_trace_in_callee(self.real.loops, &code)
        {
            return self.call_py(argc as usize);
        }
        let real = self.real;
        let recorder = &mut *self.recorder;
        // The call costs a step, as the interpreter's does, before the frame exists.
        recorder.emit(Op::BurnFuel {}, &[]);
        recorder.enter_call(real, code, argc as usize).into()
    }

    fn call_method(&mut self, site: MethodSite) -> Step {
        let name = self
            .recorder
            .current_code()
            .names
            .get(site.name as usize)
            .cloned();
        let Some(name) = name.and_then(|name| Symbol::new(&name)) else {
            return Step::Abort(Abort::UnsupportedConstant);
        };
        self.generic(site.argc as usize + 1, Op::CallMethod { name })
    }

    fn list_append(&mut self) -> Step {
        self.with(|recorder, real| {
            let value = recorder.pop(real)?;
            let list = recorder.peek(real, 0)?;
            if list.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            let boxed = recorder.boxed(value);
            recorder.emit(Op::ListAppend {}, &[list, boxed]);
            let none = recorder.emit(Op::ConstNone {}, &[]);
            recorder.replace(0, none);
            Ok(())
        })
    }

    fn load_attr(&mut self, _site: MethodSite) -> Step {
        // A method looked up without being called (`f = xs.append`) makes a bound
        // method object: rare in loops, and left to the interpreter.
        Step::Abort(Abort::MethodValue)
    }

    fn return_value(&mut self) -> Step {
        if self.recorder.inlined.is_empty() {
            // A side trace, or a function's trace, ends at its frame's return: it
            // leaves, and the interpreter returns. A loop's trace that returns never
            // went round its loop.
            if self.recorder.side.is_some() || self.recorder.function_entry {
                self.recorder.emit(Op::Leave {}, &[]);
                self.recorder.leaving = true;
                return Step::Close;
            }
            return Step::Abort(Abort::LeftLoop);
        }
        self.with(|recorder, real| {
            let result = recorder.pop(real)?;
            recorder.leave_call(result)
        })
    }

    fn make_function(&mut self, _code: u32, _defaults: u32) -> Step {
        Step::Abort(Abort::DefInLoop)
    }

    fn raise_assertion(&mut self, _has_message: bool) -> Step {
        Step::Abort(Abort::ErrorRaised)
    }
}
