//! Entering a loop's machine code, and what happens after it exits: a hot exit gets a
//! side trace (`side_recording.rs`); a freed trace is forgotten and its loop recorded
//! again when hot.

use std::rc::Rc;

use super::interp::{Flow, Interp};
use super::recording::AfterRecording;
use crate::jit::abi::{run_native, ExitCode};
use crate::jit::{InstalledTrace, LoopKey};

impl Interp<'_> {
    /// Runs the compiled trace of the loop at `key` (in the current frame).
    pub(super) fn enter_native(&mut self, key: LoopKey, trace: &Rc<InstalledTrace>) -> Flow {
        let Some(entry) = trace.native_entry() else {
            // The trace's code was freed (evicted from the code budget): forget it,
            // so the loop is recorded afresh once it is hot again.
            let state = self.rt.jit.loops.entry(key);
            state.trace = None;
            state.counter = 0;
            return Flow::Next;
        };
        let jit = &mut self.rt.jit;
        jit.stats.trace_entries += 1;
        jit.entry_clock += 1;
        trace.last_entered.set(jit.entry_clock);
        match run_native(self, trace, entry) {
            Ok(exit) => self.after_native_exit(exit),
            Err(error) => Interp::raise(error),
        }
    }

    /// After compiled code exited (the frames are rebuilt): a hot exit gets a side
    /// trace; a `leave` may go on into another trace, or return.
    pub(super) fn after_native_exit(&mut self, exit: ExitCode) -> Flow {
        match self.hot_exit(exit) {
            Some(_) if self.respecialize(exit) => Flow::Reload,
            Some(parent) => match self.record_side(parent) {
                Ok(AfterRecording::Continue) => Flow::Reload,
                Ok(AfterRecording::Finished) => Flow::Finished,
                Err(error) => Interp::raise(error),
            },
            None => match self.rt.jit.installed.get(exit.trace as usize).cloned() {
                Some(exited) => self.after_exit(&exited, exit.snapshot),
                // The exit may have left the interpreter in another frame.
                None => Flow::Reload,
            },
        }
    }
}
