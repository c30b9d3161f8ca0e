//! The instruction set, each instruction defined as its sequence of uops.
//!
//! A row reads `Name(operands) => uop(args), uop(args);`. From the table come the
//! [`Instr`] enum, `name`, [`Instr::execute`] (which calls the uops, in order, on a
//! [`UopVisitor`], stopping at the first that does not say "next") and [`Instr::uops`].
//!
//! Generic instructions (`Binary`, `Compare`, `ForIter`, ...) work for any operand
//! types and quicken themselves into a specialised form after seeing the operand types
//! (CPython 3.11's specialising interpreter does the same). A specialised form starts
//! with guards; when one fails, or a typed action cannot apply (int overflow), it exits
//! before changing any state, and the interpreter rewrites it back to [`Instr::generic`]
//! and runs that instead. So specialisation never changes meaning, and the uops of the
//! specialised form are exactly what a trace recorder needs for the observed types.

use tracelift_syntax::ast::{CmpOp, UnaryOp};

use super::{ArithOp, MethodSite};
use crate::uop::{FlowControl, Uop, UopCollector, UopVisitor};

macro_rules! define_instrs {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $(($($arg:ident : $ty:ty),*))? => $($uop:ident($($uarg:expr),*)),+;
    )*) => {
        /// A bytecode instruction (see the module docs).
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Instr {
            $( $(#[doc = $doc])* $name $(($($ty),*))?, )*
        }

        impl Instr {
            /// Every instruction's name, in table order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// The instruction's name as `dis` prints it.
            pub fn name(&self) -> &'static str {
                match self { $(Instr::$name { .. } => stringify!($name),)* }
            }

            /// Executes the instruction's uops in order on `visitor`, stopping at the
            /// first one whose flow is not "next".
            #[inline(always)]
            #[allow(unused_variables)]
            pub fn execute<V: UopVisitor>(self, visitor: &mut V) -> V::Flow {
                match self {
                    $(Instr::$name $(($($arg),*))? => {
                        $(
                            let flow = visitor.$uop($($uarg),*);
                            if !flow.is_next() {
                                return flow;
                            }
                            // "Next" owns nothing: skip the drop glue, which the
                            // compiler otherwise calls on a merged path.
                            std::mem::forget(flow);
                        )+
                        <V::Flow as FlowControl>::next()
                    })*
                }
            }

            /// [`Instr::execute`] on the instruction in `cell`, reading each operand
            /// from memory in the arm that uses it. (Matching on a copy in a register
            /// lets the compiler decode every arm's operands before the jump to the
            /// arm, a dozen wasted instructions per dispatch.)
            #[inline(always)]
            #[allow(unused_variables)]
            pub fn execute_in<V: UopVisitor>(cell: &std::cell::Cell<Instr>, visitor: &mut V) -> V::Flow {
                // SAFETY: `Cell` never hands out a reference to its content (only
                // `get_mut` does, which needs the `&mut Cell` nobody has here), so
                // reading through its pointer races with nothing. The match copies the
                // operands out (they are `Copy`) before any uop runs, so a uop that
                // rewrites the cell (quickening) does not change the operands this
                // execution uses, exactly as with `execute` on a copy.
                let place: *const Instr = cell.as_ptr();
                match unsafe { *place } {
                    $(Instr::$name $(($($arg),*))? => {
                        $(
                            let flow = visitor.$uop($($uarg),*);
                            if !flow.is_next() {
                                return flow;
                            }
                            // "Next" owns nothing: skip the drop glue, which the
                            // compiler otherwise calls on a merged path.
                            std::mem::forget(flow);
                        )+
                        <V::Flow as FlowControl>::next()
                    })*
                }
            }
        }
    };
}

define_instrs! {
    Nop => nop();
    LoadFast(slot: u32) => load_fast(slot);
    StoreFast(slot: u32) => store_fast(slot);
    /// Superinstructions made by the compiler's peephole pass (see
    /// `compiler/peephole.rs`): two instructions in one dispatch.
    LoadFastLoadFast(first: u16, second: u16) => load_fast(first as u32), load_fast(second as u32);
    LoadFastLoadConst(slot: u16, index: u16) => load_fast(slot as u32), load_const(index as u32);
    StoreFastLoadFast(store: u16, load: u16) => store_fast(store as u32), load_fast(load as u32);
    LoadConst(index: u32) => load_const(index);
    LoadGlobal(global: u32) => load_global(global);
    StoreGlobal(global: u32) => store_global(global);
    PopTop => pop_top();
    DupTop => dup_top();
    DupTopTwo => dup_top_two();
    RotTwo => rot_two();
    RotThree => rot_three();
    Swap(depth: u8) => swap(depth);

    /// Any binary operator; quickens to one of the typed forms below.
    Binary(op: ArithOp) => binary_generic(op);
    BinaryIntInt(op: ArithOp) => guard_int(1), guard_int(0), int_arith(op);
    /// The most common typed operators get their own uops, so the interpreter and the
    /// trace compiler need no second dispatch on the operator.
    BinaryAddInt(op: ArithOp) => guard_int(1), guard_int(0), int_add();
    BinarySubInt(op: ArithOp) => guard_int(1), guard_int(0), int_sub();
    BinaryMulInt(op: ArithOp) => guard_int(1), guard_int(0), int_mul();
    BinaryAddFloat(op: ArithOp) => guard_float(1), guard_float(0), float_add();
    BinarySubFloat(op: ArithOp) => guard_float(1), guard_float(0), float_sub();
    BinaryMulFloat(op: ArithOp) => guard_float(1), guard_float(0), float_mul();
    BinaryDivFloat(op: ArithOp) => guard_float(1), guard_float(0), float_div();
    BinaryFloatFloat(op: ArithOp) => guard_float(1), guard_float(0), float_arith(op);
    BinaryFloatInt(op: ArithOp) => guard_float(1), guard_int(0), int_to_float(0), float_arith(op);
    BinaryIntFloat(op: ArithOp) => guard_int(1), guard_float(0), int_to_float(1), float_arith(op);
    Unary(op: UnaryOp) => unary_generic(op);
    /// Any comparison; quickens to one of the typed forms below.
    Compare(op: CmpOp) => compare_generic(op);
    CompareIntInt(op: CmpOp) => guard_int(1), guard_int(0), int_compare(op);
    CompareFloatFloat(op: CmpOp) => guard_float(1), guard_float(0), float_compare(op);
    /// `==` or `!=` of two strings (`s[i] == c`).
    CompareStrStr(op: CmpOp) => guard_str(1), guard_str(0), str_equal(op);
    /// A comparison fused with the branch that consumes it (`if a < b:`).
    CompareJumpIfFalse(op: CmpOp, target: u32) => compare_generic(op), pop_jump_if_false(target);
    CompareIntIntJumpIfFalse(op: CmpOp, target: u32) =>
        guard_int(1), guard_int(0), int_compare_branch(op, target);
    CompareFloatFloatJumpIfFalse(op: CmpOp, target: u32) =>
        guard_float(1), guard_float(0), float_compare_branch(op, target);
    CompareStrStrJumpIfFalse(op: CmpOp, target: u32) =>
        guard_str(1), guard_str(0), str_equal_branch(op, target);

    Jump(target: u32) => jump(target);
    JumpBackward(target: u32) => jump_backward(target);
    PopJumpIfFalse(target: u32) => pop_jump_if_false(target);
    PopJumpIfTrue(target: u32) => pop_jump_if_true(target);
    JumpIfFalseOrPop(target: u32) => jump_if_false_or_pop(target);
    JumpIfTrueOrPop(target: u32) => jump_if_true_or_pop(target);

    GetIter => get_iter();
    /// Advances any iterator; quickens to the typed forms below.
    ForIter(target: u32) => for_iter(target);
    ForIterRange(target: u32) => guard_range_iter(0), range_iter_next(target);
    ForIterList(target: u32) => guard_list_iter(0), list_iter_next(target);
    ForIterStr(target: u32) => guard_str_iter(0), str_iter_next(target);

    BuildList(count: u32) => build_list(count);
    BuildTuple(count: u32) => build_tuple(count);
    UnpackSequence(count: u32) => unpack_sequence(count);
    /// `container[index]`; quickens to the typed form below.
    Subscript => subscript_generic();
    SubscriptListInt => guard_list(1), guard_int(0), list_get_item();
    SubscriptStrInt => guard_str(1), guard_int(0), str_get_item();
    /// `container[index] = value`; quickens to the typed form below.
    StoreSubscript => store_subscript_generic();
    StoreSubscriptListInt => guard_list(1), guard_int(0), list_set_item();
    Slice(has_step: bool) => slice(has_step);

    /// Calls any callee; quickens to the typed form below.
    Call(argc: u32) => call(argc);
    CallPyExact(argc: u32) => guard_py_function(argc), push_frame(argc);
    CallKw(argc: u16, kwnames: u16) => call_kw(argc as u32, kwnames as u32);
    /// Calls a method of a builtin type; quickens to the typed forms below.
    CallMethod(site: MethodSite) => call_method(site);
    CallListAppend(site: MethodSite) => guard_list(1), list_append();
    LoadAttr(site: MethodSite) => load_attr(site);
    ReturnValue => return_value();
    MakeFunction(code: u16, defaults: u16) => make_function(code as u32, defaults as u32);
    RaiseAssertion(has_message: bool) => raise_assertion(has_message);
}

// Instructions are fetched once per dispatch: keep them one machine word.
const _: () = assert!(std::mem::size_of::<Instr>() == 8);

impl Instr {
    /// The uops this instruction executes, with their operands.
    pub fn uops(self) -> Vec<Uop> {
        let mut collector = UopCollector::default();
        self.execute(&mut collector);
        collector.uops
    }

    /// The operator of a binary instruction, generic or typed.
    pub fn arith_op(self) -> Option<ArithOp> {
        match self {
            Instr::Binary(op)
            | Instr::BinaryIntInt(op)
            | Instr::BinaryAddInt(op)
            | Instr::BinarySubInt(op)
            | Instr::BinaryMulInt(op)
            | Instr::BinaryAddFloat(op)
            | Instr::BinarySubFloat(op)
            | Instr::BinaryMulFloat(op)
            | Instr::BinaryDivFloat(op)
            | Instr::BinaryFloatFloat(op)
            | Instr::BinaryFloatInt(op)
            | Instr::BinaryIntFloat(op) => Some(op),
            _ => None,
        }
    }

    /// The generic form a specialised instruction falls back to; generic instructions
    /// return themselves.
    pub fn generic(self) -> Instr {
        if let Some(op) = self.arith_op() {
            return Instr::Binary(op);
        }
        match self {
            Instr::CompareIntInt(op) | Instr::CompareFloatFloat(op) | Instr::CompareStrStr(op) => {
                Instr::Compare(op)
            }
            Instr::CompareIntIntJumpIfFalse(op, target)
            | Instr::CompareFloatFloatJumpIfFalse(op, target)
            | Instr::CompareStrStrJumpIfFalse(op, target) => Instr::CompareJumpIfFalse(op, target),
            Instr::ForIterRange(target)
            | Instr::ForIterList(target)
            | Instr::ForIterStr(target) => Instr::ForIter(target),
            Instr::SubscriptListInt | Instr::SubscriptStrInt => Instr::Subscript,
            Instr::StoreSubscriptListInt => Instr::StoreSubscript,
            Instr::CallPyExact(argc) => Instr::Call(argc),
            Instr::CallListAppend(site) => Instr::CallMethod(site),
            Instr::Nop
            | Instr::LoadFast(_)
            | Instr::StoreFast(_)
            | Instr::LoadFastLoadFast(_, _)
            | Instr::LoadFastLoadConst(_, _)
            | Instr::StoreFastLoadFast(_, _)
            | Instr::CompareJumpIfFalse(_, _)
            | Instr::LoadConst(_)
            | Instr::LoadGlobal(_)
            | Instr::StoreGlobal(_)
            | Instr::PopTop
            | Instr::DupTop
            | Instr::DupTopTwo
            | Instr::RotTwo
            | Instr::RotThree
            | Instr::Swap(_)
            | Instr::Binary(_)
            | Instr::BinaryIntInt(_)
            | Instr::BinaryAddInt(_)
            | Instr::BinarySubInt(_)
            | Instr::BinaryMulInt(_)
            | Instr::BinaryAddFloat(_)
            | Instr::BinarySubFloat(_)
            | Instr::BinaryMulFloat(_)
            | Instr::BinaryDivFloat(_)
            | Instr::BinaryFloatFloat(_)
            | Instr::BinaryFloatInt(_)
            | Instr::BinaryIntFloat(_)
            | Instr::Unary(_)
            | Instr::Compare(_)
            | Instr::Jump(_)
            | Instr::JumpBackward(_)
            | Instr::PopJumpIfFalse(_)
            | Instr::PopJumpIfTrue(_)
            | Instr::JumpIfFalseOrPop(_)
            | Instr::JumpIfTrueOrPop(_)
            | Instr::GetIter
            | Instr::ForIter(_)
            | Instr::BuildList(_)
            | Instr::BuildTuple(_)
            | Instr::UnpackSequence(_)
            | Instr::Subscript
            | Instr::StoreSubscript
            | Instr::Slice(_)
            | Instr::Call(_)
            | Instr::CallKw(_, _)
            | Instr::CallMethod(_)
            | Instr::LoadAttr(_)
            | Instr::ReturnValue
            | Instr::MakeFunction(_, _)
            | Instr::RaiseAssertion(_) => self,
        }
    }

    /// The same instruction branching to `target` instead (for instructions with a
    /// jump target; others are returned unchanged).
    pub fn with_jump_target(self, target: u32) -> Instr {
        match self {
            Instr::Jump(_) => Instr::Jump(target),
            Instr::JumpBackward(_) => Instr::JumpBackward(target),
            Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(target),
            Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(target),
            Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(target),
            Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(target),
            Instr::ForIter(_) => Instr::ForIter(target),
            Instr::ForIterRange(_) => Instr::ForIterRange(target),
            Instr::ForIterList(_) => Instr::ForIterList(target),
            Instr::CompareJumpIfFalse(op, _) => Instr::CompareJumpIfFalse(op, target),
            Instr::CompareIntIntJumpIfFalse(op, _) => Instr::CompareIntIntJumpIfFalse(op, target),
            Instr::CompareFloatFloatJumpIfFalse(op, _) => {
                Instr::CompareFloatFloatJumpIfFalse(op, target)
            }
            other => other,
        }
    }

    /// The jump target of a branching instruction.
    pub fn jump_target(self) -> Option<u32> {
        match self {
            Instr::Jump(target)
            | Instr::JumpBackward(target)
            | Instr::PopJumpIfFalse(target)
            | Instr::PopJumpIfTrue(target)
            | Instr::JumpIfFalseOrPop(target)
            | Instr::JumpIfTrueOrPop(target)
            | Instr::ForIter(target)
            | Instr::ForIterRange(target)
            | Instr::ForIterList(target)
            | Instr::CompareJumpIfFalse(_, target)
            | Instr::CompareIntIntJumpIfFalse(_, target)
            | Instr::CompareFloatFloatJumpIfFalse(_, target) => Some(target),
            _ => None,
        }
    }
}
