//! The interpreter's side of the tracing tier: counting loop arrivals, recording a hot
//! loop while executing it, and entering a loop's trace.
//!
//! Recording runs in its own instruction loop ([`Interp::record_loop`]) so that the
//! ordinary dispatch loop carries no per-instruction recording check.

use std::rc::Rc;

use super::interp::{Flow, Interp};
use crate::exception::PyErr;
use crate::jit::{run_trace, Abort, RealFrame, RecordStep, Recorder};
use crate::trace::Trace;

/// How a recording ended (the trace, or why not), and how the dispatch loop goes on.
pub(crate) type Recording = (Result<Box<Trace>, Abort>, AfterRecording);

/// What the dispatch loop does after a recording.
pub(crate) enum AfterRecording {
    /// Go on at `pc` (the code may have changed).
    Continue,
    /// The entry frame returned during the recording.
    Finished,
}

impl Interp<'_> {
    /// At a loop's backward jump with the JIT on: enter its trace, or count the
    /// arrival and start recording once the loop is hot.
    #[inline(never)]
    pub(super) fn loop_header(&mut self, target: u32) -> Flow {
        self.pc = target as usize;
        if self.recording {
            return Flow::Next;
        }
        let code = self.code.clone();
        let trace = {
            let mut loops = code.loops.borrow_mut();
            let state = loops.entry(target).or_default();
            if state.trace.is_none() {
                let params = self.rt.jit.params;
                if state.arrive(&params) {
                    if !state.seen_hot {
                        state.seen_hot = true;
                        self.rt.jit.stats.loops_hot += 1;
                    }
                    return Flow::Record(target);
                }
                return Flow::Next;
            }
            state.trace.clone()
        };
        let Some(trace) = trace else {
            return Flow::Next;
        };
        // An exit may rebuild inlined frames; near the recursion limit the interpreter
        // runs the loop itself, so RecursionError is raised where it belongs.
        let depth_after_exit = self.frames.len() + 1 + trace.tree_inline_depth.get();
        if depth_after_exit + 1 > self.rt.limits.recursion_limit {
            return Flow::Next;
        }
        if self.rt.jit.compiles() {
            return self.enter_native(target, &trace);
        }
        self.rt.jit.stats.trace_entries += 1;
        match run_trace(self, &trace) {
            // The exit may have left the interpreter in another frame.
            Ok(()) => Flow::Reload,
            Err(error) => Interp::raise(error),
        }
    }

    /// Executes instructions from the loop header while recording them, until the
    /// loop closes (the trace is installed) or the recording aborts.
    pub(super) fn record_loop(&mut self, anchor: u32) -> Result<AfterRecording, PyErr> {
        let code = self.code.clone();
        let locals = code.local_count();
        let header_depth = self.stack.len().saturating_sub(self.base + locals);
        let max_insts = self.rt.jit.params.max_trace_insts;
        let mut recorder = Recorder::new(code.clone(), anchor, header_depth, max_insts);
        let (end, after) = self.drive_recording(&mut recorder)?;
        match end {
            Ok(trace) => {
                self.rt.jit.stats.traces_recorded += 1;
                self.dump_recorded(&trace, anchor);
                let number = self.rt.jit.installed.len() as u32;
                let mut installed = crate::jit::InstalledTrace::new(*trace, number, None);
                installed.header_depth = header_depth as u32;
                let installed = Rc::new(installed);
                if self.rt.jit.compiles() {
                    if let Err(error) = self.rt.jit.compile(&installed, None) {
                        self.compile_failed(&code, anchor, error);
                        return Ok(after);
                    }
                }
                let mut loops = code.loops.borrow_mut();
                loops.entry(anchor).or_default().trace = Some(installed.clone());
                self.rt.jit.installed.push(installed);
                self.rt.jit.enforce_code_budget(number);
            }
            Err(reason) => {
                let retry_soon = reason == Abort::LeftLoop && recorder.is_empty();
                self.give_up(&code, anchor, reason);
                if retry_soon {
                    self.retry_at_next_arrival(&code, anchor);
                }
            }
        }
        Ok(after)
    }

    /// Runs the interpreter one instruction at a time, recording each before it
    /// executes, until the recorder closes the trace or gives up. Returns the trace
    /// or the abort reason, and how the dispatch loop goes on; an error the program
    /// raised meanwhile is returned after the abort is counted.
    pub(super) fn drive_recording(&mut self, recorder: &mut Recorder) -> Result<Recording, PyErr> {
        loop {
            // Inlined calls are really executed while recording: fetch from the code
            // of the frame the interpreter is in.
            let current = self.code.clone();
            let Some(cell) = current.instrs.get(self.pc) else {
                return Ok((Err(Abort::LeftLoop), AfterRecording::Continue));
            };
            let instr = cell.get();
            let real = RealFrame {
                slots: self.stack.get(self.base..).unwrap_or(&[]),
            };
            match recorder.record(real, instr, self.pc as u32) {
                RecordStep::Continue => {}
                RecordStep::Closed(trace) => return Ok((Ok(trace), AfterRecording::Continue)),
                RecordStep::Aborted(reason) => return Ok((Err(reason), AfterRecording::Continue)),
            }
            self.pc += 1;
            self.recording = true;
            let flow = instr.execute(self);
            self.recording = false;
            let end = match flow {
                Flow::Next | Flow::Reload => continue,
                Flow::Deopt => {
                    cell.set(instr.generic());
                    self.pc -= 1;
                    (Abort::GuardFails, AfterRecording::Continue)
                }
                Flow::Raise(error) => {
                    self.abort_recording(recorder, Abort::ErrorRaised);
                    return Err(*error);
                }
                Flow::Record(_) => (Abort::InnerLoop, AfterRecording::Continue),
                Flow::Finished => (Abort::LeftLoop, AfterRecording::Finished),
            };
            return Ok((Err(end.0), end.1));
        }
    }

    /// Counts an abort whose recording ended by an exception (the caller cannot, as
    /// the error propagates).
    fn abort_recording(&mut self, recorder: &Recorder, reason: Abort) {
        match recorder.side_parent() {
            None => {
                let (code, anchor) = recorder.anchor();
                self.give_up(&code, anchor, reason);
            }
            Some(parent) => self.side_trace_failed(parent, reason),
        }
    }

    /// Keeps the text of a finished recording when dumps are on.
    pub(super) fn dump_recorded(&mut self, trace: &Trace, anchor: u32) {
        if self.rt.jit.dump_traces {
            let mut text = crate::trace::print::print(trace);
            text.push_str(&format!(
                "ended: the loop closed (jump back to pc {anchor})\n"
            ));
            self.rt.jit.dumps.push(text);
        }
    }

    /// Undoes the backoff of the last abort: the recording ended before it began (the
    /// loop was on its last iteration), so the loop is recorded at its next arrival.
    fn retry_at_next_arrival(&mut self, code: &crate::bytecode::Code, anchor: u32) {
        let threshold = self.rt.jit.params.hot_threshold;
        let mut loops = code.loops.borrow_mut();
        let state = loops.entry(anchor).or_default();
        state.aborts = state.aborts.saturating_sub(1);
        state.counter = threshold.saturating_sub(1);
        // The next arrival must trigger the recording, whatever the decay does.
        state.arrivals_since_decay = 0;
    }

    /// Counts an abort and backs the loop off before it is recorded again.
    pub(super) fn give_up(&mut self, code: &crate::bytecode::Code, anchor: u32, reason: Abort) {
        *self.rt.jit.stats.aborts.entry(reason.name()).or_default() += 1;
        if self.rt.jit.dump_traces {
            let text = format!(
                "abort at {}:{} in {} (pc {}): {reason} (while recording pc {}, line {})\n",
                code.filename,
                code.line_at(anchor as usize),
                code.name,
                anchor,
                self.pc,
                code.line_at(self.pc)
            );
            self.rt.jit.dumps.push(text);
        }
        let mut loops = code.loops.borrow_mut();
        let state = loops.entry(anchor).or_default();
        state.aborts = state.aborts.saturating_add(1);
        state.counter = 0;
    }
}
