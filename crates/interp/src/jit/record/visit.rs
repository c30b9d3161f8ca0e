//! The recorder's meaning of every uop: how each one, met during a recording, turns
//! into trace instructions on the symbolic frame (`impl UopVisitor for Context`).
//! Uops the tracing tier cannot handle yet abort with their name.

use tracelift_syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::{RealFrame, Recorder};
use crate::bytecode::{ArithOp, MethodSite};
use crate::jit::Abort;
use crate::ops::compare::{ordering_cmp, ordering_satisfies};
use crate::uop::{Depth, FlowControl, UopVisitor};
use crate::value::{IterObj, Value};
use tracelift_trace::{Cmp, Op, Type};

use super::type_of;

/// How a uop's recording went.
pub(super) enum Step {
    Next,
    Close,
    Abort(Abort),
}

impl FlowControl for Step {
    fn next() -> Step {
        Step::Next
    }

    fn is_next(&self) -> bool {
        matches!(self, Step::Next)
    }
}

impl From<Result<(), Abort>> for Step {
    fn from(result: Result<(), Abort>) -> Step {
        match result {
            Ok(()) => Step::Next,
            Err(abort) => Step::Abort(abort),
        }
    }
}

/// The recorder's view while visiting one instruction's uops.
pub(super) struct Context<'a, 'f> {
    pub(super) recorder: &'a mut Recorder,
    pub(super) real: &'a RealFrame<'f>,
}

impl Context<'_, '_> {
    /// Runs one recording step with the recorder and the real frame.
    fn with(
        &mut self,
        step: impl FnOnce(&mut Recorder, &RealFrame<'_>) -> Result<(), Abort>,
    ) -> Step {
        step(self.recorder, self.real).into()
    }

    /// Records a guard that the value at `depth` is of type `ty`, unboxing it.
    fn guard_type(&mut self, depth: Depth, ty: Type, unbox: Op) -> Step {
        if type_of(self.real.peek(depth as usize)) != ty {
            return Step::Abort(Abort::GuardFails);
        }
        self.with(|recorder, real| {
            let sym = recorder.peek(real, depth as usize)?;
            if sym.ty == ty {
                return Ok(());
            }
            if sym.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            let unboxed = recorder.emit(unbox, &[sym]);
            recorder.replace(depth as usize, unboxed);
            Ok(())
        })
    }

    /// Records a binary op on the two top values of type `ty`.
    fn binary(&mut self, op: Op, ty: Type) -> Step {
        self.with(|recorder, real| {
            let right = recorder.pop(real)?;
            let left = recorder.pop(real)?;
            if left.ty != ty || right.ty != ty {
                return Err(Abort::GuardFails);
            }
            let result = recorder.emit(op, &[left, right]);
            recorder.push(result);
            Ok(())
        })
    }

    /// Records a branch on the value at the top as a guard that it goes the way it
    /// goes now; pops the value unless `keep_if` matches its truth.
    fn branch(&mut self, keep_if: Option<bool>) -> Step {
        let truth = self.real.peek(0).is_truthy();
        self.with(|recorder, real| {
            let value = recorder.peek(real, 0)?;
            // A boxed bool or int (`if flags[i]:`) is unboxed first, which also
            // guards its type.
            let value = match (value.ty, real.peek(0)) {
                (Type::Obj, Value::Bool(_)) => recorder.emit(Op::UnboxBool {}, &[value]),
                (Type::Obj, Value::Int(_)) => recorder.emit(Op::UnboxInt {}, &[value]),
                _ => value,
            };
            let condition = match value.ty {
                Type::Bool => value,
                Type::Int => {
                    let zero = recorder.emit(Op::ConstInt { value: 0 }, &[]);
                    recorder.emit(Op::IntCmp { op: Cmp::Ne }, &[value, zero])
                }
                Type::Float | Type::Obj => return Err(Abort::Unsupported("truthiness")),
            };
            let guard = if truth {
                Op::GuardTrue {}
            } else {
                Op::GuardFalse {}
            };
            recorder.emit(guard, &[condition]);
            if keep_if != Some(truth) {
                recorder.pop(real)?;
            }
            Ok(())
        })
    }

    /// Records a fused compare-and-branch of the two top values.
    fn compare_branch(&mut self, holds: bool, cmp: Op, ty: Type) -> Step {
        self.with(|recorder, real| {
            let right = recorder.pop(real)?;
            let left = recorder.pop(real)?;
            if left.ty != ty || right.ty != ty {
                return Err(Abort::GuardFails);
            }
            let condition = recorder.emit(cmp, &[left, right]);
            let guard = if holds {
                Op::GuardTrue {}
            } else {
                Op::GuardFalse {}
            };
            recorder.emit(guard, &[condition]);
            Ok(())
        })
    }

    fn unsupported(name: &'static str) -> Step {
        Step::Abort(Abort::Unsupported(name))
    }
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
        let op = match self.recorder.current_code().consts.get(index as usize) {
            Some(Value::Int(value)) => Op::ConstInt { value: *value },
            Some(Value::Float(value)) => Op::ConstFloat { value: *value },
            Some(Value::Bool(value)) => Op::ConstBool { value: *value },
            Some(Value::None) => Op::ConstNone {},
            _ => return Step::Abort(Abort::UnsupportedConstant),
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
        match self.real.peek(depth as usize) {
            Value::Iter(iter) if matches!(**iter, IterObj::Range { .. }) => Step::Next,
            _ => Step::Abort(Abort::GuardFails),
        }
    }

    fn guard_list_iter(&mut self, depth: Depth) -> Step {
        match self.real.peek(depth as usize) {
            Value::Iter(iter) if matches!(**iter, IterObj::List { .. }) => Step::Next,
            _ => Step::Abort(Abort::GuardFails),
        }
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
            None => Context::unsupported("int_arith"),
        }
    }

    fn float_arith(&mut self, op: ArithOp) -> Step {
        match float_op(op.op) {
            Some(trace_op) => self.binary(trace_op, Type::Float),
            None => Context::unsupported("float_arith"),
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

    fn binary_generic(&mut self, _op: ArithOp) -> Step {
        Context::unsupported("binary_generic")
    }

    fn unary_generic(&mut self, _op: UnaryOp) -> Step {
        Context::unsupported("unary_generic")
    }

    fn compare_generic(&mut self, _op: CmpOp) -> Step {
        Context::unsupported("compare_generic")
    }

    fn jump(&mut self, _target: u32) -> Step {
        Step::Next
    }

    fn jump_backward(&mut self, target: u32) -> Step {
        let in_root_frame = self.recorder.inlined.is_empty();
        if target == self.recorder.anchor_pc && in_root_frame {
            // The backward jump costs a step each iteration; its snapshot is the frame
            // at the jump, where the interpreter would raise.
            self.recorder.emit(Op::BurnFuel {}, &[]);
            Step::Close
        } else if self.recorder.side.is_some() && in_root_frame {
            // A side trace that left the loop goes round an enclosing loop on its
            // way back to the loop header; at another compiled loop it ends there,
            // entering that loop's trace instead of unrolling it.
            self.recorder.emit(Op::BurnFuel {}, &[]);
            match self.recorder.compiled_loop(self.real.loops, target) {
                Some((depth, root)) => {
                    self.recorder.close_at = Some((target, depth, root));
                    Step::Close
                }
                None => Step::Next,
            }
        } else {
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
            _ => return Context::unsupported("get_iter"),
        };
        self.with(|recorder, real| {
            let iterable = recorder.pop(real)?;
            let iterator = recorder.emit(op, &[iterable]);
            recorder.push(iterator);
            Ok(())
        })
    }

    fn for_iter(&mut self, _target: u32) -> Step {
        Context::unsupported("for_iter")
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
        self.iterate(Op::RangeIterNext {})
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

    fn build_list(&mut self, _count: u32) -> Step {
        Context::unsupported("build_list")
    }

    fn build_tuple(&mut self, _count: u32) -> Step {
        Context::unsupported("build_tuple")
    }

    fn unpack_sequence(&mut self, _count: u32) -> Step {
        Context::unsupported("unpack_sequence")
    }

    fn guard_str_iter(&mut self, _depth: Depth) -> Step {
        Context::unsupported("guard_str_iter")
    }

    fn str_iter_next(&mut self, _target: u32) -> Step {
        Context::unsupported("str_iter_next")
    }

    fn guard_str(&mut self, _depth: Depth) -> Step {
        Context::unsupported("guard_str")
    }

    fn str_get_item(&mut self) -> Step {
        Context::unsupported("str_get_item")
    }

    fn subscript_generic(&mut self) -> Step {
        Context::unsupported("subscript_generic")
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
        Context::unsupported("store_subscript_generic")
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

    fn slice(&mut self, _has_step: bool) -> Step {
        Context::unsupported("slice")
    }

    fn call(&mut self, argc: u32) -> Step {
        let argc = argc as usize;
        let is_range = matches!(
            self.real.peek(argc),
            Value::Builtin(crate::value::BuiltinId::Range)
        );
        if !is_range || !(1..=3).contains(&argc) {
            return Context::unsupported("call");
        }
        // `range(...)` with int bounds: the one builtin call a loop nest needs.
        self.with(|recorder, real| {
            let mut bounds = Vec::with_capacity(3);
            for _ in 0..argc {
                let bound = recorder.pop(real)?;
                if bound.ty != Type::Int {
                    return Err(Abort::Unsupported("call"));
                }
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

    fn call_kw(&mut self, _argc: u32, _kwnames: u32) -> Step {
        Context::unsupported("call_kw")
    }

    fn push_frame(&mut self, argc: u32) -> Step {
        let Value::Function(function) = self.real.peek(argc as usize) else {
            return Step::Abort(Abort::GuardFails);
        };
        let code = function.code.clone();
        let real = self.real;
        let recorder = &mut *self.recorder;
        // The call costs a step, as the interpreter's does, before the frame exists.
        recorder.emit(Op::BurnFuel {}, &[]);
        recorder.enter_call(real, code, argc as usize).into()
    }

    fn call_method(&mut self, _site: MethodSite) -> Step {
        Context::unsupported("call_method")
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
        Context::unsupported("load_attr")
    }

    fn return_value(&mut self) -> Step {
        if self.recorder.inlined.is_empty() {
            return Step::Abort(Abort::LeftLoop);
        }
        self.with(|recorder, real| {
            let result = recorder.pop(real)?;
            recorder.leave_call(result)
        })
    }

    fn make_function(&mut self, _code: u32, _defaults: u32) -> Step {
        Context::unsupported("make_function")
    }

    fn raise_assertion(&mut self, _has_message: bool) -> Step {
        Step::Abort(Abort::ErrorRaised)
    }
}

impl Context<'_, '_> {
    /// Records the advance of the iterator on top of the stack.
    /// An exhausted `for` loop: a loop trace ends here, but a side trace follows the
    /// program out of the loop (guarding that the iterator is done, which pops it).
    fn leave_loop(&mut self, done: Op) -> Step {
        if self.recorder.side.is_none() {
            return Step::Abort(Abort::LeftLoop);
        }
        self.with(|recorder, real| {
            let iterator = recorder.pop(real)?;
            if iterator.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            recorder.emit(done, &[iterator]);
            Ok(())
        })
    }

    fn iterate(&mut self, op: Op) -> Step {
        self.with(|recorder, real| {
            let iterator = recorder.peek(real, 0)?;
            if iterator.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            let item = recorder.emit(op, &[iterator]);
            recorder.push(item);
            Ok(())
        })
    }
}
