//! The trace op table: every op of the trace IR, once.
//!
//! A row reads `Camel snake { immediates } (argument types) -> [result], snapshot:
//! bool, EFFECTS;`. An op that takes any number of further arguments (a call's, a
//! list display's items) says so after its fixed ones: `(Obj) ..Obj`. The result is
//! one type or `[]` for none; `snapshot` says whether
//! the op may leave the trace and so must name a snapshot. Ops mirror the uops they
//! come from, but take SSA values instead of stack positions: the stack-shuffling uops
//! vanish in recording, and guards become ops on values.
//!
//! The table is exported as a callback macro, [`for_each_op!`](crate::for_each_op):
//! `for_each_op!(my_macro)` expands `my_macro!` with every row, so each consumer (this
//! crate's [`Op`], the evaluator, the backend, the optimizer, the trace generator)
//! derives what it needs from the one table, and an op added here is a compile error
//! in every consumer until it is handled. Immediates name their types through
//! `$crate`, so the rows resolve in any crate.

use std::fmt;

use crate::{Cmp, Effects, Type};

/// Expands the macro `$callback` with every row of the op table (see the module docs
/// of `ops`).
#[macro_export]
macro_rules! for_each_op {
    ($callback:ident) => {
        $callback! {

        /// Reads frame slot `slot` (a local or an operand stack entry) as it is in memory.
        LoadSlot load_slot { slot: u32 } () -> [Obj], snapshot: false, READS_LOCAL;
        /// Reads entry `index` of the exit a side trace starts at (the parent's value
        /// for a slot its exit rewrote; the frame in memory does not have it yet).
        LoadExit load_exit { index: u32 } () -> [Obj], snapshot: false, READS_LOCAL;
        /// Reads global slot `global`; exits if it is unbound (the interpreter raises).
        LoadGlobal load_global { global: u32 } () -> [Obj], snapshot: true, READS_GLOBAL | MAY_EXIT;
        /// Writes global slot `global`.
        StoreGlobal store_global { global: u32 } (Obj) -> [], snapshot: false, WRITES_GLOBAL;

        ConstInt const_int { value: i64 } () -> [Int], snapshot: false, PURE;
        ConstFloat const_float { value: f64 } () -> [Float], snapshot: false, PURE;
        ConstBool const_bool { value: bool } () -> [Bool], snapshot: false, PURE;
        ConstNone const_none {} () -> [Obj], snapshot: false, PURE;
        /// Constant `consts[index]` of the trace: an object the installed trace keeps
        /// alive (a string, a big int, a tuple of constants).
        ConstObj const_obj { index: u32 } () -> [Obj], snapshot: false, PURE;

        /// Exits unless the object is a small int; yields it unboxed.
        UnboxInt unbox_int {} (Obj) -> [Int], snapshot: true, MAY_EXIT;
        /// Exits unless the object is a float; yields it unboxed.
        UnboxFloat unbox_float {} (Obj) -> [Float], snapshot: true, MAY_EXIT;
        /// Exits unless the object is a bool; yields it unboxed.
        UnboxBool unbox_bool {} (Obj) -> [Bool], snapshot: true, MAY_EXIT;
        BoxInt box_int {} (Int) -> [Obj], snapshot: false, WRITES_HEAP;
        BoxFloat box_float {} (Float) -> [Obj], snapshot: false, WRITES_HEAP;
        BoxBool box_bool {} (Bool) -> [Obj], snapshot: false, PURE;
        /// Exits unless the object is a list.
        GuardList guard_list {} (Obj) -> [], snapshot: true, MAY_EXIT;
        /// Exits unless the object is a Python function whose code is `codes[code]` (the
        /// callee an inlined call was recorded with).
        GuardCode guard_code { code: u32 } (Obj) -> [], snapshot: true, MAY_EXIT;
        /// Uses one step of the host's budget, as the call it stands for would; exits, and
        /// the interpreter raises, when the budget is spent or an interrupt is pending.
        BurnFuel burn_fuel {} () -> [], snapshot: true, MAY_EXIT | MAY_RAISE;
        /// Exits unless the condition is true (a branch that went the recorded way).
        GuardTrue guard_true {} (Bool) -> [], snapshot: true, MAY_EXIT;
        /// Exits unless the condition is false.
        GuardFalse guard_false {} (Bool) -> [], snapshot: true, MAY_EXIT;

        /// Leaves the trace through its snapshot, always: the last op of a trace that
        /// does not go back to a loop header (a side trace that reached the return of
        /// its frame, or a root trace that reached a compiled loop inside a call it
        /// inlined; the VM enters that loop's trace next).
        Leave leave {} () -> [], snapshot: true, MAY_EXIT;

        /// `a + b`; exits on i64 overflow (the interpreter promotes to a big int).
        IntAdd int_add {} (Int, Int) -> [Int], snapshot: true, MAY_EXIT;
        IntSub int_sub {} (Int, Int) -> [Int], snapshot: true, MAY_EXIT;
        IntMul int_mul {} (Int, Int) -> [Int], snapshot: true, MAY_EXIT;
        /// `a // b`, floored; exits on a zero divisor or overflow.
        IntFloorDiv int_floordiv {} (Int, Int) -> [Int], snapshot: true, MAY_EXIT;
        /// `a % b` with the divisor's sign; exits on a zero divisor.
        IntMod int_mod {} (Int, Int) -> [Int], snapshot: true, MAY_EXIT;
        IntAnd int_and {} (Int, Int) -> [Int], snapshot: false, PURE;
        IntOr int_or {} (Int, Int) -> [Int], snapshot: false, PURE;
        IntXor int_xor {} (Int, Int) -> [Int], snapshot: false, PURE;
        /// `a << b`; exits on a negative count or overflow.
        IntShl int_shl {} (Int, Int) -> [Int], snapshot: true, MAY_EXIT;
        /// `a >> b`; exits on a negative count.
        IntShr int_shr {} (Int, Int) -> [Int], snapshot: true, MAY_EXIT;
        /// `-a`; exits on overflow (`-(-2**63)`).
        IntNeg int_neg {} (Int) -> [Int], snapshot: true, MAY_EXIT;
        /// `abs(a)`; exits on overflow (the most negative int, whose absolute value is
        /// a big int).
        IntAbs int_abs {} (Int) -> [Int], snapshot: true, MAY_EXIT;
        IntCmp int_cmp { op: $crate::Cmp } (Int, Int) -> [Bool], snapshot: false, PURE;
        /// `a + b` where the optimizer proved the sum fits in an i64 (`ranges.rs`), so
        /// it needs no overflow check: never exits (on operands where the proof would
        /// not hold it wraps, in the evaluator and compiled code alike).
        IntAddFits int_add_fits {} (Int, Int) -> [Int], snapshot: false, PURE;
        /// `a - b` proved to fit in an i64, as `int_add_fits`.
        IntSubFits int_sub_fits {} (Int, Int) -> [Int], snapshot: false, PURE;

        FloatAdd float_add {} (Float, Float) -> [Float], snapshot: false, PURE;
        FloatSub float_sub {} (Float, Float) -> [Float], snapshot: false, PURE;
        FloatMul float_mul {} (Float, Float) -> [Float], snapshot: false, PURE;
        /// `a / b`; exits on a zero divisor (the interpreter raises).
        FloatDiv float_div {} (Float, Float) -> [Float], snapshot: true, MAY_EXIT;
        /// `a // b`; exits on a zero divisor.
        FloatFloorDiv float_floordiv {} (Float, Float) -> [Float], snapshot: true, MAY_EXIT;
        /// `a % b` with the divisor's sign; exits on a zero divisor.
        FloatMod float_mod {} (Float, Float) -> [Float], snapshot: true, MAY_EXIT;
        /// `a ** b`; exits where CPython raises (zero to a negative power, a complex
        /// result, overflow).
        FloatPow float_pow {} (Float, Float) -> [Float], snapshot: true, MAY_EXIT;
        FloatNeg float_neg {} (Float) -> [Float], snapshot: false, PURE;
        /// `abs(a)`: the float with its sign cleared (NaN stays NaN).
        FloatAbs float_abs {} (Float) -> [Float], snapshot: false, PURE;
        /// `int(a)`: `a` truncated toward zero; exits when that is not a 64-bit int
        /// (NaN and infinities, where the interpreter raises, and magnitudes of 2**63
        /// and more, where it makes a big int).
        FloatToInt float_to_int {} (Float) -> [Int], snapshot: true, MAY_EXIT;
        FloatCmp float_cmp { op: $crate::Cmp } (Float, Float) -> [Bool], snapshot: false, PURE;
        IntToFloat int_to_float {} (Int) -> [Float], snapshot: false, PURE;
        BoolNot bool_not {} (Bool) -> [Bool], snapshot: false, PURE;

        /// `len(list)`; exits unless the object is a list (compiled code also exits while
        /// the list is borrowed, which no trace run can observe).
        ListLen list_len {} (Obj) -> [Int], snapshot: true, READS_HEAP | MAY_EXIT;
        /// `list[index]` after `guard_list`; exits when the index is out of range.
        ListGet list_get {} (Obj, Int) -> [Obj], snapshot: true, READS_HEAP | MAY_EXIT;
        /// `list[index] = value`; exits when the index is out of range.
        ListSet list_set {} (Obj, Int, Obj) -> [], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// `list[index]` for an index the optimizer proved not negative (`ranges.rs`):
        /// no counting from the end; exits unless `0 <= index < len(list)`.
        ListGetNonneg list_get_nonneg {} (Obj, Int) -> [Obj], snapshot: true, READS_HEAP | MAY_EXIT;
        /// `list[index] = value` for an index proved not negative, as `list_get_nonneg`.
        ListSetNonneg list_set_nonneg {} (Obj, Int, Obj) -> [], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// `list[index]` for an index the optimizer proved a valid index of the list,
        /// `0 <= index < len(list)` (`ranges/indexes.rs`: a range counter, plus a
        /// constant, whose items a `guard_range_iter_indexes` of this list bounded, the
        /// list's length unchanged since). Compiled code does not compare the index with
        /// the length; it exits only while the list is borrowed, which no trace run can
        /// observe (the evaluator still exits on an index out of range).
        ListGetInRange list_get_in_range {} (Obj, Int) -> [Obj], snapshot: true, READS_HEAP | MAY_EXIT;
        /// `list[index] = value` for an index proved valid, as `list_get_in_range`.
        ListSetInRange list_set_in_range {} (Obj, Int, Obj) -> [], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// `list.append(value)`; exits (the list unchanged) when the list's growth does
        /// not fit the memory limit or the allocation is refused.
        ListAppend list_append {} (Obj, Obj) -> [], snapshot: true, WRITES_HEAP | MAY_EXIT;

        /// Exits unless the object is the builtin `range` (the callee a call was
        /// recorded with).
        GuardRangeBuiltin guard_range_builtin {} (Obj) -> [], snapshot: true, MAY_EXIT;
        /// Exits unless the object is the builtin function numbered `builtin` (its
        /// place in the VM's table of builtins: the callee a call of `len`, `abs`,
        /// `int` or `float` was recorded with, and the trace does its work inline).
        GuardBuiltin guard_builtin { builtin: u32 } (Obj) -> [], snapshot: true, MAY_EXIT;
        /// `range(start, stop, step)`: a new range object; exits when `step` is 0 (the
        /// interpreter raises) or the trace has made too many objects since it was entered.
        RangeNew range_new {} (Int, Int, Int) -> [Obj], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// `iter(range)`: a new iterator over a range object; exits unless the object is a
        /// range (or, as `range_new`, past the allocation cap).
        RangeGetIter range_get_iter {} (Obj) -> [Obj], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// `iter(range(start, stop, step))` without the range object (the optimizer's
        /// `range_new` then `range_get_iter`); exits, with the snapshot of the call to
        /// `range`, when `step` is 0 or past the allocation cap.
        RangeIterNew range_iter_new {} (Int, Int, Int) -> [Obj], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// `iter(list)`: a new iterator over a list; exits unless the object is a list (or
        /// past the allocation cap).
        ListGetIter list_get_iter {} (Obj) -> [Obj], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// Advances a range iterator; exits when it is exhausted (the snapshot resumes at
        /// the `ForIter`, which then leaves the loop).
        RangeIterNext range_iter_next {} (Obj) -> [Int], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// Exits unless the object is a range iterator whose items still to come all lie
        /// in `lo..=hi` (true of an exhausted one). Once passed it holds of that iterator
        /// for good, since advancing a range iterator only drops items: the recorder
        /// emits it before a root loop's `range_iter_next`, with the snapshot of the
        /// `ForIter`, so `ranges.rs` may bound the counter in a peeled loop.
        GuardRangeIterWithin guard_range_iter_within { lo: i64, hi: i64 } (Obj) -> [], snapshot: true, READS_HEAP | MAY_EXIT;
        /// Exits unless the first object is a range iterator, the second a list, and every
        /// item `x` still to come of the iterator has `0 <= x + lo` and `x + hi <
        /// len(list)` (true of an exhausted iterator): then `x + c` for `lo <= c <= hi`
        /// is a valid index of the list for as long as its length does not change.
        /// `ranges/indexes.rs` puts it beside a peeled loop's `guard_range_iter_within`,
        /// with its snapshot, when the loop indexes that list by the counter and resizes
        /// no list.
        GuardRangeIterIndexes guard_range_iter_indexes { lo: i64, hi: i64 } (Obj, Obj) -> [], snapshot: true, READS_HEAP | MAY_EXIT;
        /// Exits unless the object is an exhausted range iterator (a side trace leaving a
        /// `for` loop).
        RangeIterDone range_iter_done {} (Obj) -> [], snapshot: true, READS_HEAP | MAY_EXIT;
        /// Exits unless the object is an exhausted list iterator.
        ListIterDone list_iter_done {} (Obj) -> [], snapshot: true, READS_HEAP | MAY_EXIT;
        /// Advances a list iterator; exits when it is exhausted.
        ListIterNext list_iter_next {} (Obj) -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | MAY_EXIT;

        /// `a OP b` on any two values, computed by the interpreter's own generic
        /// function. Exits, having changed nothing, where that function raises (the
        /// interpreter then raises at the same instruction), past the allocation cap,
        /// and for an in-place `*` on a list (which may drop items the trace holds).
        BinaryGeneric binary_generic { op: $crate::Arith } (Obj, Obj) -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | MAY_EXIT;
        /// `s += t` on two strings, where `s` is frame slot `slot` of the trace's own
        /// frame and the first argument is that variable's string (verifier rule 10):
        /// appends in place when the variable holds the only reference, else makes a
        /// new string. Exits, having changed nothing, unless both are strings, where the
        /// interpreter raises (length, memory) and past the allocation cap.
        StrAppend str_append { slot: u32 } (Obj, Obj) -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | MAY_EXIT;
        /// `OP a` on any value; exits where the interpreter raises.
        UnaryGeneric unary_generic { op: $crate::UnaryOperator } (Obj) -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | MAY_EXIT;
        /// `a OP b` for any comparison of any two values (a bool object); exits where
        /// the interpreter raises.
        CompareGeneric compare_generic { op: $crate::Comparison } (Obj, Obj) -> [Obj], snapshot: true, READS_HEAP | MAY_EXIT;
        /// Python's truth value of any object (`if x:`); never fails.
        Truthy truthy {} (Obj) -> [Bool], snapshot: false, READS_HEAP;
        /// `container[index]` for any operands; exits where the interpreter raises.
        Subscript subscript {} (Obj, Obj) -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | MAY_EXIT;
        /// `container[index] = value` for any operands; exits, having changed nothing,
        /// where the interpreter raises.
        StoreSubscript store_subscript {} (Obj, Obj, Obj) -> [], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// `container[lower:upper:step]` (absent parts are `None`); exits where the
        /// interpreter raises.
        Slice slice {} (Obj, Obj, Obj, Obj) -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | MAY_EXIT;
        /// `iter(x)` for any iterable; exits where the interpreter raises.
        GetIter get_iter {} (Obj) -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | MAY_EXIT;
        /// Advances any iterator; exits unless it is an iterator with a next item.
        IterNext iter_next {} (Obj) -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | MAY_EXIT;
        /// Exits unless the object is an exhausted iterator (of any kind).
        IterDone iter_done {} (Obj) -> [], snapshot: true, READS_HEAP | MAY_EXIT;
        /// A new list of the arguments; exits past the allocation cap.
        BuildList build_list {} () ..Obj -> [Obj], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// A new tuple of the arguments; exits past the allocation cap.
        BuildTuple build_tuple {} () ..Obj -> [Obj], snapshot: true, WRITES_HEAP | MAY_EXIT;
        /// Exits unless the object is a tuple or a list of exactly `count` items (the
        /// interpreter unpacks anything else, or raises).
        GuardSequenceLen guard_sequence_len { count: u32 } (Obj) -> [], snapshot: true, READS_HEAP | MAY_EXIT;
        /// Item `index` of a tuple or list (after `guard_sequence_len`); exits if it has
        /// no such item.
        SequenceItem sequence_item { index: u32 } (Obj) -> [Obj], snapshot: true, READS_HEAP | MAY_EXIT;
        /// Calls a builtin function, a host function the embedder registered, or a bound
        /// method (never a Python function: those are inlined) with the further
        /// arguments. Exits before the call if the callee is a Python function or past
        /// the allocation cap; if the call raises, the trace exits and the interpreter
        /// raises that error at the call.
        CallNative call_native {} (Obj) ..Obj -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | READS_GLOBAL | MAY_EXIT | MAY_RAISE | CALL | IO;
        /// `call_native` with keyword arguments: the second argument is the tuple of
        /// their names (a constant), and the last arguments are their values.
        CallNativeKw call_native_kw {} (Obj, Obj) ..Obj -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | READS_GLOBAL | MAY_EXIT | MAY_RAISE | CALL | IO;
        /// Calls method `name` of a builtin type on the first argument with the others
        /// (`xs.pop()`, `s.split(",")`); exits as `call_native` does.
        CallMethod call_method { name: $crate::Symbol } (Obj) ..Obj -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | MAY_EXIT | MAY_RAISE | CALL;
        /// Calls the first argument with the others in a nested run of the interpreter,
        /// which enters the callee's own traces: how a trace makes a Python call it
        /// does not inline (a recursive one, one past the inlining depth, or one that
        /// fills parameters from defaults); any other callable is called as
        /// `call_native` calls it. `depth` is how many inlined frames the trace is in
        /// at the call (they count toward the recursion limit). Exits before the call
        /// when it cannot be made here (near the recursion limit, or short of native
        /// stack): the interpreter makes it. If the call raises, the trace exits and
        /// the interpreter raises that error at the call.
        CallPy call_py { depth: u32 } (Obj) ..Obj -> [Obj], snapshot: true, READS_HEAP | WRITES_HEAP | READS_GLOBAL | WRITES_GLOBAL | MAY_EXIT | MAY_RAISE | CALL | IO;
        }
    };
}

/// What the verifier and printer need to know about an op.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpSignature {
    pub args: &'static [Type],
    /// The type of any number of further arguments, for ops that take them.
    pub rest: Option<Type>,
    pub result: Option<Type>,
    /// Whether the op may leave the trace (and so names a snapshot).
    pub needs_snapshot: bool,
    pub effects: Effects,
}

/// An immediate operand: how it prints and parses in trace text.
pub trait Immediate: Sized {
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn parse(text: &str) -> Option<Self>;
}

macro_rules! immediate_as_display {
    ($($ty:ty),*) => {$(
        impl Immediate for $ty {
            fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{self}")
            }

            fn parse(text: &str) -> Option<Self> {
                text.parse().ok()
            }
        }
    )*};
}

immediate_as_display!(u32, i64, bool);

impl Immediate for f64 {
    /// Rust's `Debug` is the shortest text that reads back to the same bits (`1.0`,
    /// `NaN`, `-inf`), so traces round-trip exactly.
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }

    fn parse(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

impl Immediate for Cmp {
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }

    fn parse(text: &str) -> Option<Self> {
        Cmp::from_symbol(text)
    }
}

/// Generates [`Op`], [`OpKind`] and their tables from the rows of `for_each_op!`.
macro_rules! define_ops {
    ($(
        $(#[doc = $doc:literal])*
        $camel:ident $snake:ident { $($field:ident : $ty:ty),* }
            ($($arg:ident),*) $(..$rest:ident)? -> [$($result:ident)?], snapshot: $snapshot:literal,
            $($effect:ident)|+;
    )*) => {
        /// A trace op with its immediates (see the module docs).
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Op {
            $( $(#[doc = $doc])* $camel { $($field: $ty),* }, )*
        }

        /// Which op an [`Op`] is, without its immediates: for tables and coverage
        /// checks over the whole op set.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum OpKind {
            $( $camel, )*
        }

        impl OpKind {
            /// Every op, in table order.
            pub const ALL: &'static [OpKind] = &[$(OpKind::$camel),*];

            pub fn name(self) -> &'static str {
                match self { $(OpKind::$camel => stringify!($snake),)* }
            }
        }

        impl Op {
            /// Every op name, in table order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($snake)),*];

            pub fn name(&self) -> &'static str {
                self.kind().name()
            }

            pub fn kind(&self) -> OpKind {
                match self { $(Op::$camel { .. } => OpKind::$camel,)* }
            }

            pub fn signature(&self) -> OpSignature {
                match self {
                    $(Op::$camel { .. } => OpSignature {
                        args: &[$(Type::$arg),*],
                        rest: define_ops!(@result $($rest)?),
                        result: define_ops!(@result $($result)?),
                        needs_snapshot: $snapshot,
                        effects: Effects::PURE$(.union(Effects::$effect))+,
                    },)*
                }
            }

            /// Writes the immediates, each preceded by a space.
            pub fn write_immediates(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(Op::$camel { $($field),* } => {
                        $( f.write_str(" ")?; Immediate::write($field, f)?; )*
                        Ok(())
                    })*
                }
            }

            /// Builds the op named `name` from the text of its immediates.
            #[allow(unused_mut, unused_variables)]
            pub fn parse(name: &str, immediates: &[&str]) -> Option<Op> {
                match name {
                    $(stringify!($snake) => {
                        let mut words = immediates.iter();
                        let op = Op::$camel { $($field: <$ty as Immediate>::parse(words.next()?)?),* };
                        words.next().is_none().then_some(op)
                    })*
                    _ => None,
                }
            }
        }
    };
    (@result) => { None };
    (@result $result:ident) => { Some(Type::$result) };
}

crate::for_each_op!(define_ops);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_kinds_cover_the_table() {
        let mut names: Vec<&str> = Op::NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Op::NAMES.len());
        let kinds: Vec<&str> = OpKind::ALL.iter().map(|kind| kind.name()).collect();
        assert_eq!(kinds, Op::NAMES);
    }
}
