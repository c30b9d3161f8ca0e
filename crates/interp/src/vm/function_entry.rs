//! Hot functions. With the JIT on, a call of a function counts an arrival at its
//! entry, as a loop's backward jump does at its header, and once the function is hot
//! it is recorded from its first instruction; later calls enter that trace.
//! - A function without a loop (only with `JitParams::trace_functions`) is recorded
//!   until it returns: the trace ends with `leave` at the `return`, and the
//!   interpreter returns. A recursive call inside it is a `call_py`, whose nested run
//!   enters the same trace again, so every level of a recursion runs compiled.
//! - A function with a loop that has a trace (`FunctionEntry::Prologue`) is recorded
//!   until that loop's header (its prologue): the trace ends with `leave` there, and
//!   the loop's trace is entered at once. Only calls a trace makes (`call_py`) count
//!   these arrivals, and such a call then runs both traces without an interpreter
//!   (`vm/direct_call.rs`). An interpreted call leaves the function to its loop's
//!   trace, entered at the loop's first backward jump: entered from a prologue, the
//!   loop's trace would find its loop variable still unbound (fib_iter's `for i`),
//!   fail its entry check and be recorded again with the variable generic, which
//!   cost that program a quarter more instructions.
//!
//! Counting costs two lookups in the loop table per call, which made small recursive
//! programs that never got hot enough to compile run 15-35% more instructions than
//! with the JIT off. So when the next calls could only count (no trace to enter, no
//! recording due, no backoff to decay), the tier lets the interpreter make them
//! without asking (`Code::quiet_calls`) and counts them at the next call it sees;
//! the interpreter's calls of a function with a loop, never counted, always pass.

use super::interp::{Flow, Interp};
use crate::bytecode::{Code, Instr};
use crate::jit::{FunctionEntry, LoopKey, LoopOutlook, LoopTable};

/// What a function's length in instructions is divided by to stand for the work a
/// call of it does, against the compile it would pay for (`function_worth_compiling`):
/// a call runs one path through the body, and a function's tree (with its compiled
/// calls) costs more to compile than a loop of its size. Measured: with 1, a small
/// recursive program (10,000 calls) ran 18.6M instructions against 6.3M
/// interpreted; with 2, 8.1M, and `fib(27)` 4% more than with 1; with 3, `fib(27)`
/// 8% more and a program whose recursion changes types later 14% more than with 2.
const FUNCTION_WORK_DIVISOR: u64 = 2;

impl Interp<'_> {
    /// Just after entering a function's frame (at pc 0) with the JIT on: enter its
    /// trace, or count the call and record the function once it is hot. A function
    /// whose loop has no trace yet is left to its loops, and so is one with a loop
    /// that the interpreter calls (`interpreted`).
    pub(super) fn function_entry(&mut self, interpreted: bool) -> Flow {
        let key = LoopKey {
            code: self.code.id,
            pc: 0,
        };
        let jit = &mut self.rt.jit;
        let trace_functions = jit.params.trace_functions;
        let state = jit.loops.entry(key);
        if state.function == FunctionEntry::Unseen {
            state.function = entry_kind(&self.code);
        }
        state.take_quiet_calls(self.code.quiet_calls.replace(0));
        let traced = state.function == FunctionEntry::Traced;
        let waits = match state.function {
            FunctionEntry::Traced => !trace_functions,
            FunctionEntry::Prologue => {
                interpreted || state.trace.is_none() && !has_traced_loop(&jit.loops, &self.code)
            }
            FunctionEntry::HasLoop | FunctionEntry::Unseen => true,
        };
        if waits {
            // The interpreter's calls of a function with a loop are never counted.
            if interpreted && !traced {
                self.code.quiet_calls.set(u32::MAX);
            }
            return Flow::Reload;
        }
        match self.arrive_at(key, Flow::RecordFunction) {
            Flow::RecordFunction if traced && !self.function_worth_compiling(key) => {
                self.let_quiet_calls_pass(key);
                Flow::Reload
            }
            // The frame is new since the dispatch loop last loaded one.
            Flow::Next => {
                self.let_quiet_calls_pass(key);
                Flow::Reload
            }
            other => other,
        }
    }

    /// Lets the interpreter make the calls of the current function that would only
    /// be counted without telling the tracing tier (`Code::quiet_calls`): one lookup
    /// in the loop table for them all, where each would have made two.
    fn let_quiet_calls_pass(&mut self, key: LoopKey) {
        let jit = &mut self.rt.jit;
        let calls = jit.loops.entry(key).grant_quiet_calls(&jit.params);
        self.code.quiet_calls.set(calls);
    }

    /// Whether the hot function without a loop whose entry is `key` has been called
    /// often enough for its trace to pay (`jit/worth.rs`): its calls so far stand for
    /// as many to come, each running half its body. A small function an
    /// interpreted loop calls is then left for the loop's trace to inline, rather
    /// than compiled on its own for the few calls before the loop is hot.
    #[cold]
    fn function_worth_compiling(&mut self, key: LoopKey) -> bool {
        // A call runs one path through the body, not all of it, and a function's
        // tree (its compiled calls) costs more to compile than a loop of its size.
        let body_len = self.code.instrs.len() as u64 / FUNCTION_WORK_DIVISOR;
        let jit = &mut self.rt.jit;
        let state = jit.loops.entry(key);
        let outlook = LoopOutlook {
            remaining: Some(0),
            arrivals: state.arrivals.into(),
            body_len,
            wanted: false,
        };
        if outlook.worth_compiling(&jit.params) {
            return true;
        }
        self.not_worth_compiling_yet(key, outlook);
        false
    }
}

/// What the JIT makes of the entry of `code`, seen for the first time.
pub(super) fn entry_kind(code: &Code) -> FunctionEntry {
    let mut headers = code.instrs.iter().filter_map(|cell| match cell.get() {
        Instr::JumpBackward(header) => Some(header),
        _ => None,
    });
    let first = headers.next();
    match first {
        None => FunctionEntry::Traced,
        Some(_) if first == Some(0) || headers.any(|header| header == 0) => FunctionEntry::HasLoop,
        Some(_) => FunctionEntry::Prologue,
    }
}

/// Whether a loop of `code` has a trace (its entry is then worth tracing).
pub(super) fn has_traced_loop(loops: &LoopTable, code: &Code) -> bool {
    code.instrs.iter().any(|cell| match cell.get() {
        Instr::JumpBackward(header) => loops
            .get(LoopKey {
                code: code.id,
                pc: header,
            })
            .is_some_and(|state| state.has_loop_trace()),
        _ => false,
    })
}
