//! What the interpreter does at a loop's backward jump with the JIT on: count the
//! arrival (and start recording once the loop is hot), or enter the loop's trace,
//! compiled or evaluated.

use super::interp::{Flow, Interp};
use crate::jit::{run_trace, LoopKey};

impl Interp<'_> {
    /// At a loop's backward jump with the JIT on: enter its trace, or count the
    /// arrival and start recording once the loop is hot.
    #[inline(never)]
    pub(super) fn loop_header(&mut self, target: u32) -> Flow {
        self.pc = target as usize;
        if self.recording {
            return Flow::Next;
        }
        let key = LoopKey {
            code: self.code.id,
            pc: target,
        };
        let jit = &mut self.rt.jit;
        let params = jit.params;
        let state = jit.loops.entry(key);
        let Some(trace) = state.trace.clone() else {
            if state.arrive(&params) {
                if !state.seen_hot {
                    state.seen_hot = true;
                    jit.stats.loops_hot += 1;
                }
                return Flow::Record(target);
            }
            return Flow::Next;
        };
        // An exit may rebuild inlined frames; near the recursion limit the interpreter
        // runs the loop itself, so RecursionError is raised where it belongs.
        let depth_after_exit = self.frames.len() + 1 + trace.tree_inline_depth.get();
        if depth_after_exit + 1 > self.rt.limits.recursion_limit {
            return Flow::Next;
        }
        if self.rt.jit.compiles() {
            return self.enter_native(key, &trace);
        }
        self.rt.jit.stats.trace_entries += 1;
        match run_trace(self, &trace) {
            // The exit may have left the interpreter in another frame.
            Ok(()) => Flow::Reload,
            Err(error) => Interp::raise(error),
        }
    }
}
