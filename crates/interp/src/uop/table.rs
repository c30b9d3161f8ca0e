//! The uop table: every uop, once.
//!
//! Each row reads `CamelName snake_name { operands } [pops => pushes] EFFECTS;`. Stack
//! effects may use the operands (`[count => 1]`). Stack-relative operands count from the
//! top (`depth` 0 is the top of stack). For a uop that branches, the stack effect given
//! is the one on the fall-through path; the doc comment says what the other path does.
//!
//! The macro generates the [`Uop`] enum, `name`, `effects`, `stack_effect`, `visit`,
//! the [`UopVisitor`] trait and [`UopCollector`] (a visitor that lists the uops it is
//! given, which is how an instruction's expansion is read as data).

use std::fmt;

use super::{Depth, Effects, FlowControl};
use crate::bytecode::{ArithOp, MethodSite};
use tracelift_syntax::ast::{CmpOp, UnaryOp};

macro_rules! define_uops {
    ($(
        $(#[doc = $doc:literal])*
        $camel:ident $snake:ident { $($field:ident : $ty:ty),* }
            [$pops:expr => $pushes:expr] $($effect:ident)|+;
    )*) => {
        /// A micro-op (see the module docs of [`crate::uop`]).
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Uop {
            $( $(#[doc = $doc])* $camel { $($field: $ty),* }, )*
        }

        /// Every row of the table, as data: what `tracelift dis --uops` and the
        /// table snapshot test print.
        pub const UOP_TABLE: &[UopInfo] = &[$(
            UopInfo {
                name: stringify!($snake),
                operands: stringify!($($field: $ty),*),
                stack_effect: concat!("[", stringify!($pops), " => ", stringify!($pushes), "]"),
                effects: Effects::PURE$(.union(Effects::$effect))+,
            },
        )*];

        impl Uop {
            /// Every uop name, in table order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($snake)),*];

            /// The uop's name as it appears in dumps (`guard_int`).
            pub fn name(&self) -> &'static str {
                match self { $(Uop::$camel { .. } => stringify!($snake),)* }
            }

            /// What the uop may do besides computing its results.
            pub fn effects(&self) -> Effects {
                match self { $(Uop::$camel { .. } => $(Effects::$effect)|+,)* }
            }

            /// Values popped and pushed on the fall-through path.
            #[allow(unused_variables, clippy::unnecessary_cast)]
            pub fn stack_effect(&self) -> (u32, u32) {
                match *self {
                    $(Uop::$camel { $($field),* } => (($pops) as u32, ($pushes) as u32),)*
                }
            }

            /// Calls the visitor method of this uop with its operands.
            #[inline(always)]
            pub fn visit<V: UopVisitor>(self, visitor: &mut V) -> V::Flow {
                match self {
                    $(Uop::$camel { $($field),* } => visitor.$snake($($field),*),)*
                }
            }
        }

        impl fmt::Display for Uop {
            #[allow(unused_mut)]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(Uop::$camel { $($field),* } => {
                        f.write_str(stringify!($snake))?;
                        $(
                            write!(f, " {}=", stringify!($field))?;
                            $field.write_operand(f)?;
                        )*
                        Ok(())
                    })*
                }
            }
        }

        /// One method per uop: whatever executes, records, prints or lowers uops
        /// implements this, so a new uop is a compile error until it is handled.
        pub trait UopVisitor {
            /// What a uop returns: whether the instruction goes on, and if not, why.
            type Flow: FlowControl;
            $( $(#[doc = $doc])* fn $snake(&mut self, $($field: $ty),*) -> Self::Flow; )*
        }

        /// A visitor that lists the uops it sees, with their operands.
        #[derive(Debug, Default)]
        pub struct UopCollector {
            pub uops: Vec<Uop>,
        }

        impl UopVisitor for UopCollector {
            type Flow = ();
            $( fn $snake(&mut self, $($field: $ty),*) { self.uops.push(Uop::$camel { $($field),* }); } )*
        }
    };
}

/// One row of the uop table, as data.
#[derive(Clone, Copy, Debug)]
pub struct UopInfo {
    pub name: &'static str,
    /// The operands as declared (`depth: Depth`).
    pub operands: &'static str,
    /// Pops and pushes as declared (`[count => 1]`).
    pub stack_effect: &'static str,
    pub effects: Effects,
}

/// How a uop operand appears in dumps: numbers as numbers, operators as their Python
/// symbol (`op=+`, `op=<=`), method sites as `name/argc`.
pub trait OperandText {
    fn write_operand(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

macro_rules! operand_as_display {
    ($($ty:ty),*) => {$(
        impl OperandText for $ty {
            fn write_operand(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{self}")
            }
        }
    )*};
}

operand_as_display!(u8, u32, bool, ArithOp);

impl OperandText for CmpOp {
    fn write_operand(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl OperandText for UnaryOp {
    fn write_operand(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            UnaryOp::Not => "not",
            UnaryOp::Invert => "~",
        })
    }
}

impl OperandText for MethodSite {
    fn write_operand(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.method.name(), self.argc)
    }
}

impl FlowControl for () {
    fn next() {}

    fn is_next(&self) -> bool {
        true
    }
}

define_uops! {
    /// Does nothing.
    Nop nop {} [0 => 0] PURE;

    /// Pushes local `slot`; raises `UnboundLocalError` if it was never assigned.
    LoadFast load_fast { slot: u32 } [0 => 1] READS_LOCAL | MAY_RAISE;
    /// Pops into local `slot`.
    StoreFast store_fast { slot: u32 } [1 => 0] WRITES_LOCAL;
    /// Pushes constant `index` of the code object.
    LoadConst load_const { index: u32 } [0 => 1] PURE;
    /// Pushes global `global`, else the builtin of that name; raises `NameError`.
    LoadGlobal load_global { global: u32 } [0 => 1] READS_GLOBAL | MAY_RAISE;
    /// Pops into global `global`.
    StoreGlobal store_global { global: u32 } [1 => 0] WRITES_GLOBAL;

    /// Discards the top of stack.
    PopTop pop_top {} [1 => 0] PURE;
    /// Duplicates the top of stack.
    DupTop dup_top {} [1 => 2] PURE;
    /// Duplicates the two top values, keeping their order.
    DupTopTwo dup_top_two {} [2 => 4] PURE;
    /// Swaps the two top values.
    RotTwo rot_two {} [2 => 2] PURE;
    /// Lifts the second and third values up one; the top goes down to third.
    RotThree rot_three {} [3 => 3] PURE;
    /// Swaps the top of stack with the value at `depth`.
    Swap swap { depth: Depth } [0 => 0] PURE;

    /// Exits unless the value at `depth` is an int (a bool is not accepted).
    GuardInt guard_int { depth: Depth } [0 => 0] MAY_EXIT;
    /// Exits unless the value at `depth` is a float.
    GuardFloat guard_float { depth: Depth } [0 => 0] MAY_EXIT;
    /// Exits unless the value at `depth` is a list.
    GuardList guard_list { depth: Depth } [0 => 0] MAY_EXIT;
    /// Exits unless the value at `depth` is a str.
    GuardStr guard_str { depth: Depth } [0 => 0] MAY_EXIT;
    /// Exits unless the value at `depth` is a range iterator.
    GuardRangeIter guard_range_iter { depth: Depth } [0 => 0] MAY_EXIT;
    /// Exits unless the value at `depth` is a list iterator.
    GuardListIter guard_list_iter { depth: Depth } [0 => 0] MAY_EXIT;
    /// Exits unless the value at `depth` is a str iterator.
    GuardStrIter guard_str_iter { depth: Depth } [0 => 0] MAY_EXIT;
    /// Exits unless the callee below `argc` arguments is a Python function taking
    /// exactly `argc` parameters.
    GuardPyFunction guard_py_function { argc: u32 } [0 => 0] MAY_EXIT;

    /// `int + int`; exits, leaving the operands in place, on overflow.
    IntAdd int_add {} [2 => 1] MAY_EXIT;
    /// `int - int`; exits on overflow.
    IntSub int_sub {} [2 => 1] MAY_EXIT;
    /// `int * int`; exits on overflow.
    IntMul int_mul {} [2 => 1] MAY_EXIT;
    /// `float + float`.
    FloatAdd float_add {} [2 => 1] PURE;
    /// `float - float`.
    FloatSub float_sub {} [2 => 1] PURE;
    /// `float * float`.
    FloatMul float_mul {} [2 => 1] PURE;
    /// `float / float`; exits when the divisor is zero (the generic path raises).
    FloatDiv float_div {} [2 => 1] MAY_EXIT;
    /// Two ints to one int: `+ - * // % & | ^ << >>`. Exits, leaving the operands in
    /// place, when the result is not a small int or the operation would raise.
    IntArith int_arith { op: ArithOp } [2 => 1] MAY_EXIT;
    /// Two floats to one float: `+ - * / // % **`. Exits when it would raise.
    FloatArith float_arith { op: ArithOp } [2 => 1] MAY_EXIT;
    /// Converts the int at `depth` to a float, in place (exact for every i64 that a
    /// float can hold; rounds to nearest otherwise, as CPython does).
    IntToFloat int_to_float { depth: Depth } [0 => 0] PURE;
    /// Compares two ints (`== != < <= > >=`), pushing a bool.
    IntCompare int_compare { op: CmpOp } [2 => 1] PURE;
    /// Compares two floats (`== != < <= > >=`), pushing a bool.
    FloatCompare float_compare { op: CmpOp } [2 => 1] PURE;

    /// Pops two ints and jumps to `target` unless `op` holds between them (the fused
    /// form of `int_compare` + `pop_jump_if_false`, with no bool in between).
    IntCompareBranch int_compare_branch { op: CmpOp, target: u32 } [2 => 0] BRANCH;
    /// Pops two floats and jumps to `target` unless `op` holds between them.
    FloatCompareBranch float_compare_branch { op: CmpOp, target: u32 } [2 => 0] BRANCH;

    /// Any binary operator on any operands, with Python's full semantics.
    BinaryGeneric binary_generic { op: ArithOp } [2 => 1] MAY_RAISE | READS_HEAP | WRITES_HEAP;
    /// Any unary operator on any operand.
    UnaryGeneric unary_generic { op: UnaryOp } [1 => 1] MAY_RAISE | READS_HEAP;
    /// Any comparison, including `is` and `in`.
    CompareGeneric compare_generic { op: CmpOp } [2 => 1] MAY_RAISE | READS_HEAP;
    /// `==` or `!=` of two strings (the guards before it checked both).
    StrEqual str_equal { op: CmpOp } [2 => 1] READS_HEAP;
    /// Pops two strings and jumps to `target` unless `op` (`==` or `!=`) holds.
    StrEqualBranch str_equal_branch { op: CmpOp, target: u32 } [2 => 0] BRANCH | READS_HEAP;

    /// Jumps forward to `target`.
    Jump jump { target: u32 } [0 => 0] BRANCH;
    /// Jumps back to the loop header `target`; counts loop iterations (and fuel).
    JumpBackward jump_backward { target: u32 } [0 => 0] BRANCH | MAY_RAISE;
    /// Pops a value; jumps to `target` if it is false.
    PopJumpIfFalse pop_jump_if_false { target: u32 } [1 => 0] BRANCH;
    /// Pops a value; jumps to `target` if it is true.
    PopJumpIfTrue pop_jump_if_true { target: u32 } [1 => 0] BRANCH;
    /// Jumps to `target` keeping the value if it is false, else pops it.
    JumpIfFalseOrPop jump_if_false_or_pop { target: u32 } [1 => 0] BRANCH;
    /// Jumps to `target` keeping the value if it is true, else pops it.
    JumpIfTrueOrPop jump_if_true_or_pop { target: u32 } [1 => 0] BRANCH;

    /// Replaces an iterable with an iterator over it.
    GetIter get_iter {} [1 => 1] MAY_RAISE | WRITES_HEAP;
    /// Pushes the iterator's next value; when exhausted, pops the iterator and jumps
    /// to `target`.
    ForIter for_iter { target: u32 } [1 => 2] BRANCH | READS_HEAP | WRITES_HEAP;
    /// `for_iter` for a range iterator.
    RangeIterNext range_iter_next { target: u32 } [1 => 2] BRANCH | WRITES_HEAP;
    /// `for_iter` for a list iterator.
    ListIterNext list_iter_next { target: u32 } [1 => 2] BRANCH | READS_HEAP | WRITES_HEAP;
    /// Pushes the next character of a str iterator, or pops it and jumps to `target`.
    StrIterNext str_iter_next { target: u32 } [1 => 2] BRANCH | READS_HEAP | WRITES_HEAP;

    /// Pops `count` values into a new list.
    BuildList build_list { count: u32 } [count => 1] WRITES_HEAP;
    /// Pops `count` values into a new tuple.
    BuildTuple build_tuple { count: u32 } [count => 1] WRITES_HEAP;
    /// Pops a sequence of exactly `count` items and pushes them, the first on top.
    UnpackSequence unpack_sequence { count: u32 } [1 => count] MAY_RAISE | READS_HEAP;
    /// `container[index]` for any operands.
    SubscriptGeneric subscript_generic {} [2 => 1] MAY_RAISE | READS_HEAP;
    /// `list[int]`; exits when the index is out of range.
    ListGetItem list_get_item {} [2 => 1] MAY_EXIT | READS_HEAP;
    /// `str[int]`; exits when the index is out of range.
    StrGetItem str_get_item {} [2 => 1] MAY_EXIT | READS_HEAP;
    /// `container[index] = value` for any operands (stack: value, container, index).
    StoreSubscriptGeneric store_subscript_generic {} [3 => 0] MAY_RAISE | WRITES_HEAP;
    /// `list[int] = value`; exits when the index is out of range.
    ListSetItem list_set_item {} [3 => 0] MAY_EXIT | WRITES_HEAP;
    /// `container[lower:upper]` or `container[lower:upper:step]` (absent parts are None).
    Slice slice { has_step: bool } [3 + has_step as u32 => 1] MAY_RAISE | READS_HEAP | WRITES_HEAP;

    /// Calls the callee below `argc` arguments. A Python callee gets a new frame.
    Call call { argc: u32 } [argc + 1 => 1] CALL | MAY_RAISE | READS_HEAP | WRITES_HEAP | IO;
    /// Calls with `argc` values on the stack, the last ones named by constant `kwnames`
    /// (a tuple of strings).
    CallKw call_kw { argc: u32, kwnames: u32 } [argc + 1 => 1] CALL | MAY_RAISE | READS_HEAP | WRITES_HEAP | IO;
    /// Enters the Python function below `argc` arguments (after `guard_py_function`).
    PushFrame push_frame { argc: u32 } [argc + 1 => 1] CALL | MAY_RAISE;
    /// Calls a method of a builtin type on the receiver below the arguments.
    CallMethod call_method { site: MethodSite } [site.argc as u32 + 1 => 1] CALL | MAY_RAISE | READS_HEAP | WRITES_HEAP;
    /// `list.append(value)` (after `guard_list(1)`), pushing None.
    ListAppend list_append {} [2 => 1] WRITES_HEAP;
    /// Replaces a value by its method named by `site` (a bound method).
    LoadAttr load_attr { site: MethodSite } [1 => 1] MAY_RAISE;
    /// Returns the top of stack from the current frame.
    ReturnValue return_value {} [1 => 0] CALL;
    /// Pops `defaults` default values and pushes a new function of nested code `code`.
    MakeFunction make_function { code: u32, defaults: u32 } [defaults => 1] WRITES_HEAP;
    /// Raises `AssertionError`, with the popped message if `has_message`.
    RaiseAssertion raise_assertion { has_message: bool } [has_message as u32 => 0] MAY_RAISE;
}
