//! Why a recording stopped without a trace: one documented list, counted per reason
//! in the stats. An abort never changes what the program does; the loop keeps running
//! in the interpreter and is retried after a backoff.

use std::fmt;

macro_rules! aborts {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal),* $(,)?) => {
        /// A reason to abandon a recording.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Abort {
            $($(#[doc = $doc])* $variant,)*
            /// The trace was recorded but the backend could not compile it (why).
            CompileFailed(&'static str),
        }

        impl Abort {
            /// The reason's name in stats and dumps.
            pub fn name(&self) -> String {
                match self {
                    $(Abort::$variant => $name.to_string(),)*
                    Abort::CompileFailed(reason) => format!("compile:{reason}"),
                }
            }
        }
    };
}

aborts! {
    /// The trace grew past `JitParams::max_trace_insts`.
    TooLong => "too_long",
    /// The loop reached the backward jump of another loop (an inner loop).
    InnerLoop => "inner_loop",
    /// Execution left the loop (the iterator ran out, a `break`, a `return`).
    LeftLoop => "left_loop",
    /// A guard would fail on the very values being recorded (a type changed).
    GuardFails => "guard_fails",
    /// A value's type at the end of the iteration differs from its type at the start.
    TypeUnstable => "type_unstable",
    /// The instruction being recorded raised an exception.
    ErrorRaised => "error_raised",
    /// A constant of a type traces cannot hold.
    UnsupportedConstant => "unsupported_constant",
    /// A local read before it was ever assigned.
    UnboundLocal => "unbound_local",
    /// A call the trace would make in a nested run (`call_py`) while recording came
    /// too near the recursion limit or the end of the native stack: the
    /// interpreter makes it instead.
    CallTooDeep => "call_too_deep",
    /// A call the trace would make in a nested run (`call_py`) took fewer than
    /// `MIN_NESTED_STEPS` steps while recording: a nested run's fixed cost would be
    /// more than the trace saves, so the loop stays with the interpreter.
    CallTooCheap => "call_too_cheap",
    /// A method looked up without being called (`f = xs.append`).
    MethodValue => "method_value",
    /// A `def` inside the loop (a new function object each iteration).
    DefInLoop => "def_in_loop",
    /// A side trace reached the backward jump of a loop (not one enclosing its root's)
    /// that has no compiled trace to enter. Loops are not unrolled into side traces:
    /// it is tried again once that loop has its own trace.
    UncompiledLoop => "uncompiled_loop",
    /// A loop grows a string held in a local (`s += t`): the interpreter appends in
    /// place, while a trace (whose values are borrowed) would copy it every time.
    StringBuilding => "string_building",
    /// A recording that started inside an expression (a side trace from an exit with
    /// operands on the stack) read an operand from below where it started.
    StackUnderflow => "stack_underflow",
    /// The loop's backward jump was reached with another operand stack depth than
    /// at its header.
    StackDepthAtLoopEnd => "stack_depth_at_loop_end",
    /// A side trace would pass `JitParams::max_side_traces` for its tree.
    TooManySideTraces => "too_many_side_traces",
    /// A side trace would pass `JitParams::max_tree_insts` for its tree.
    TreeTooLarge => "tree_too_large",
    /// A recorded side trace's exit is not expected to be taken often enough for
    /// its compile to pay (`jit/side_worth.rs`); asked again after more takes.
    NotWorthCompiling => "not_worth_compiling",
    /// The recorded trace failed the trace verifier (a recorder bug, never silent:
    /// the stats count it).
    InvalidTrace => "invalid_trace",
}

impl fmt::Display for Abort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
