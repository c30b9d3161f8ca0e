//! The interpreter's side of compiled traces: entering a loop's machine code, and
//! what happens after it exits (a freed trace is forgotten and its loop recorded
//! again when hot).

use std::rc::Rc;

use super::interp::{Flow, Interp};
use crate::bytecode::Code;
use crate::jit::native::{run_native, CompileError};
use crate::jit::{Abort, InstalledTrace};

impl Interp<'_> {
    /// Runs the compiled trace of the loop at `target` (the current frame's).
    pub(super) fn enter_native(&mut self, target: u32, trace: &Rc<InstalledTrace>) -> Flow {
        let Some(entry) = trace.native_entry() else {
            // The trace's code was freed (evicted from the code budget): forget it,
            // so the loop is recorded afresh once it is hot again.
            if let Some(state) = self.code.loops.borrow_mut().get_mut(&target) {
                state.trace = None;
                state.counter = 0;
            }
            return Flow::Next;
        };
        let jit = &mut self.rt.jit;
        jit.stats.trace_entries += 1;
        jit.entry_clock += 1;
        trace.last_entered.set(jit.entry_clock);
        match run_native(self, trace, entry) {
            // The exit may have left the interpreter in another frame.
            Ok(_exit) => Flow::Reload,
            Err(error) => Interp::raise(error),
        }
    }

    /// A recorded trace did not compile: counted and dumped like an abort, and the
    /// loop backs off before it is recorded again.
    pub(super) fn compile_failed(&mut self, code: &Code, anchor: u32, error: CompileError) {
        if self.rt.jit.dump_traces {
            let text = format!(
                "compile failed at {}:{} in {} (pc {}): {}: {}\n",
                code.filename,
                code.line_at(anchor as usize),
                code.name,
                anchor,
                error.reason,
                error.detail
            );
            self.rt.jit.dumps.push(text);
        }
        self.give_up(code, anchor, Abort::CompileFailed(error.reason));
    }
}
