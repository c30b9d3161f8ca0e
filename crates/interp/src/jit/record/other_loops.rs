//! What a recording learns of loops other than its own: whether the loop a jump goes
//! to has a trace the trace being recorded may enter or leave for, and which inner
//! loop without a trace stopped the recording (the cost model then lets that loop be
//! compiled: `LoopState::wanted`).

use super::Recorder;
use crate::bytecode::{Code, Instr};
use crate::jit::{LoopKey, LoopTable};

impl Recorder {
    /// The header depth and trace number of the compiled loop whose backward jump
    /// goes to `header` in the recorded frame, if there is one a side trace may
    /// enter. Its header depth must be this loop's: a trace tree runs on the frame as
    /// its root was entered (the stack as deep as that root's header), so every root
    /// it can reach must read and write the same slots.
    pub(super) fn compiled_loop(&self, loops: &LoopTable, header: u32) -> Option<(usize, u32)> {
        let key = LoopKey {
            code: self.code.id,
            pc: header,
        };
        let trace = loops.get(key)?.trace.as_ref()?;
        trace.native_entry()?;
        let depth = trace.header_depth as usize;
        (depth == self.header_depth).then_some((depth, trace.number))
    }

    /// Notes that the loop at `header` of the frame being recorded must be compiled
    /// before this recording can succeed.
    pub(super) fn needs_loop_at(&mut self, header: u32) {
        self.needs_loop = Some(LoopKey {
            code: self.current_code().id,
            pc: header,
        });
    }

    /// Whether the loop whose header is `header` in the recorded frame has a trace.
    pub(super) fn has_trace(&self, loops: &LoopTable, header: u32) -> bool {
        self.has_trace_in(loops, &self.code, header)
    }

    /// Whether `pc` of `code` is the header of a loop that has a trace (a function's
    /// entry trace does not count: a call is inlined, not left for it).
    pub(super) fn has_trace_in(&self, loops: &LoopTable, code: &Code, pc: u32) -> bool {
        let key = LoopKey { code: code.id, pc };
        loops.get(key).is_some_and(|state| state.has_loop_trace())
    }

    /// Whether `code` has a loop with a trace: a call of it is better made by
    /// `call_py` (its nested run enters that trace and returns) than inlined (the
    /// trace would end at that loop's header and the caller's loop with it).
    pub(super) fn has_loop_trace_in_callee(&self, loops: &LoopTable, code: &Code) -> bool {
        code.instrs.iter().any(|cell| match cell.get() {
            Instr::JumpBackward(header) => self.has_trace_in(loops, code, header),
            _ => false,
        })
    }
}
