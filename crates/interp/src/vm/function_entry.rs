//! Hot functions. With the JIT on, a call of a function without a loop counts an
//! arrival at its entry, as a loop's backward jump does at its header. Once the
//! function is hot it is recorded from its first instruction until it returns (the
//! trace ends with `leave` at the `return`, and the interpreter returns), and later
//! calls enter that trace. A recursive call inside it is a `call_py`, whose nested
//! run enters the same trace again, so every level of a recursion runs compiled.

use super::interp::{Flow, Interp};
use crate::jit::{FunctionEntry, LoopKey};

impl Interp<'_> {
    /// Just after entering a function's frame (at pc 0) with the JIT on: enter its
    /// trace, or count the call and record the function once it is hot. A function
    /// with a loop is left to its loops' traces.
    pub(super) fn function_entry(&mut self) -> Flow {
        let key = LoopKey {
            code: self.code.id,
            pc: 0,
        };
        let state = self.rt.jit.loops.entry(key);
        if state.function == FunctionEntry::Unseen {
            state.function = match self.code.has_loop() {
                true => FunctionEntry::HasLoop,
                false => FunctionEntry::Traced,
            };
        }
        if state.function == FunctionEntry::HasLoop {
            return Flow::Reload;
        }
        match self.arrive_at(key, Flow::RecordFunction) {
            // The frame is new since the dispatch loop last loaded one.
            Flow::Next => Flow::Reload,
            other => other,
        }
    }
}
