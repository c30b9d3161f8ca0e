//! Recording a hot loop while executing it, and what happens to the recording: it is
//! installed, or the abort is counted and the loop backs off.
//!
//! Recording runs in its own instruction loop ([`Interp::drive_recording`]) so that
//! the ordinary dispatch loop carries no per-instruction recording check. Side traces
//! are recorded by the same loop (`side_recording.rs`).

use tracelift_trace::Trace;

use super::interp::{Flow, Interp};
use crate::bytecode::Code;
use crate::exception::PyErr;
use crate::jit::abi::CompileError;
use crate::jit::{
    Abort, FunctionEntry, LoopKey, Placement, RealFrame, RecordStep, Recorded, Recorder,
};
use crate::value::Value;
use crate::vm::NestedCall;

/// The fewest steps (calls and loop iterations, the callee's own call included) a
/// call must take while recording for a trace to make it in a nested run: below it,
/// the nested run's fixed cost (a new interpreter, the objects kept across the call)
/// is more than a compiled caller saves.
const MIN_NESTED_STEPS: u64 = 8;

/// How a recording ended (the trace, or why not), and how the dispatch loop goes on.
pub(crate) type Recording = (Result<Box<Recorded>, Abort>, AfterRecording);

/// What the dispatch loop does after a recording.
pub(crate) enum AfterRecording {
    /// Go on at `pc` (the code may have changed).
    Continue,
    /// The entry frame returned during the recording.
    Finished,
}

impl Interp<'_> {
    /// Executes instructions from the loop header (or, for `function`, from the
    /// entry of the function just called, `anchor` 0) while recording them, until
    /// the loop closes or the function returns (the trace is installed) or the
    /// recording aborts.
    pub(super) fn record_loop(
        &mut self,
        anchor: u32,
        function: bool,
    ) -> Result<AfterRecording, PyErr> {
        // Not inside another recording's nested calls: that one is recorded first.
        if !self.rt.jit.may_record() {
            return Ok(AfterRecording::Continue);
        }
        let code = self.code.clone();
        let locals = code.local_count();
        let header_depth = self.stack.len().saturating_sub(self.base + locals);
        let max_insts = self.rt.jit.params.max_trace_insts;
        let mut recorder = match function {
            true => Recorder::new_function(code.clone(), max_insts),
            false => Recorder::new(code.clone(), anchor, header_depth, max_insts),
        };
        recorder.generic_slots = self
            .rt
            .jit
            .loops
            .get(LoopKey {
                code: code.id,
                pc: anchor,
            })
            .map_or(0, |state| state.generic_slots);
        let key = LoopKey {
            code: code.id,
            pc: anchor,
        };
        recorder.range_guards = !function && self.rt.jit.peels_with_ranges(key);
        let (end, after) = self.drive_recording(&mut recorder)?;
        match end {
            Ok(recorded) => {
                self.rt.jit.stats.traces_recorded += 1;
                self.dump_recorded(&recorded.trace, anchor);
                if !function && !self.recorded_path_pays(key, recorder.path_len) {
                    return Ok(after);
                }
                let placement = Placement::Root {
                    at: Some(LoopKey {
                        code: code.id,
                        pc: anchor,
                    }),
                    header_depth: header_depth as u32,
                };
                if let Err(error) = self.rt.jit.install(*recorded, placement) {
                    self.compile_failed(&code, anchor, error);
                }
            }
            Err(reason) => {
                let retry_soon = reason == Abort::LeftLoop && recorder.is_empty();
                self.want_inner_loop(&recorder);
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
        self.rt.jit.recording_active = true;
        let recording = self.record_instructions(recorder);
        self.rt.jit.recording_active = false;
        recording
    }

    /// The loop of [`Interp::drive_recording`].
    fn record_instructions(&mut self, recorder: &mut Recorder) -> Result<Recording, PyErr> {
        loop {
            // Inlined calls are really executed while recording: fetch from the code
            // of the frame the interpreter is in.
            let current = self.code.clone();
            let Some(cell) = current.instrs.get(self.pc) else {
                return Ok((Err(Abort::LeftLoop), AfterRecording::Continue));
            };
            let mut instr = cell.get();
            // A specialised instruction the interpreter may yet decline: the recording
            // can go back to here and take its generic form (`record/rewind.rs`).
            let mut mark = (instr.generic() != instr).then(|| recorder.mark());
            let mut step = recorder.record(self.real_frame(), instr, self.pc as u32);
            let declined = matches!(step, RecordStep::Aborted(Abort::GuardFails));
            if let Some(before) = mark.take_if(|_| declined) {
                // Its operands are not of the types it was specialised for (the
                // interpreter would decline it too): both take the generic form.
                recorder.rewind(before);
                instr = instr.generic();
                cell.set(instr);
                step = recorder.record(self.real_frame(), instr, self.pc as u32);
            }
            match step {
                RecordStep::Continue => {}
                RecordStep::Closed(trace) => return Ok((Ok(trace), AfterRecording::Continue)),
                RecordStep::Aborted(reason) => return Ok((Err(reason), AfterRecording::Continue)),
            }
            if let Some(argc) = recorder.take_nested_call() {
                let direct = self.runs_directly(argc);
                match self.call_while_recording(argc) {
                    Ok(true) if direct || self.nested_call_pays() => continue,
                    Ok(true) => return Ok((Err(Abort::CallTooCheap), AfterRecording::Continue)),
                    Ok(false) => return Ok((Err(Abort::CallTooDeep), AfterRecording::Continue)),
                    Err(error) => {
                        self.abort_recording(recorder, Abort::ErrorRaised);
                        return Err(error);
                    }
                }
            }
            // Quickening rewrites the instruction at `current`, as in the dispatch loop.
            self.current = self.pc;
            self.pc += 1;
            self.recording = true;
            let flow = instr.execute(self);
            self.recording = false;
            let end = match flow {
                Flow::Next | Flow::Reload => continue,
                Flow::Deopt => {
                    cell.set(instr.generic());
                    self.pc -= 1;
                    match mark {
                        Some(mark) => {
                            recorder.rewind(mark);
                            continue;
                        }
                        None => (Abort::GuardFails, AfterRecording::Continue),
                    }
                }
                Flow::Raise(error) => {
                    self.abort_recording(recorder, Abort::ErrorRaised);
                    return Err(*error);
                }
                Flow::Record(_) | Flow::RecordFunction => {
                    (Abort::InnerLoop, AfterRecording::Continue)
                }
                Flow::Finished => (Abort::LeftLoop, AfterRecording::Finished),
            };
            return Ok((Err(end.0), end.1));
        }
    }

    /// What the recorder may see of the frame the interpreter is in.
    fn real_frame(&self) -> RealFrame<'_> {
        RealFrame {
            slots: self.stack.get(self.base..).unwrap_or(&[]),
            loops: &self.rt.jit.loops,
        }
    }

    /// Makes the call at `pc` (the callee below `argc` arguments) in a nested run, as
    /// the trace being recorded will (`call_py`), and goes past it: whether the call
    /// was made (if not, nothing happened, and the interpreter makes it itself).
    fn call_while_recording(&mut self, argc: usize) -> Result<bool, PyErr> {
        let at = self.stack.len().saturating_sub(argc + 1);
        let callee = self.stack.get(at).cloned().unwrap_or(Value::None);
        let args: Vec<Value> = self.stack.get(at + 1..).unwrap_or(&[]).to_vec();
        // Inlined calls are real frames while recording: the depth is all counted.
        let result = match self.call_nested(&callee, &args, 0) {
            NestedCall::Returned(value) => Ok(value),
            NestedCall::Raised(error) => Err(error),
            NestedCall::NotMade => return Ok(false),
            NestedCall::Panicked(panic) => {
                self.rt.jit.recording_active = false;
                std::panic::resume_unwind(panic)
            }
        };
        self.current = self.pc;
        self.pc += 1;
        let value = result?;
        self.replace_top(argc + 1, value);
        Ok(true)
    }

    /// Whether the call about to be made (the callee below `argc` arguments) will run
    /// without an interpreter once a trace makes it, however short: a function with
    /// a traced loop whose entry gets a prologue trace, called with exactly its
    /// parameters (`vm/direct_call.rs`).
    fn runs_directly(&self, argc: usize) -> bool {
        let at = self.stack.len().saturating_sub(argc + 1);
        let Some(Value::Function(function)) = self.stack.get(at) else {
            return false;
        };
        let code = &function.code;
        code.param_count as usize == argc
            && super::function_entry::entry_kind(code) == FunctionEntry::Prologue
            && super::function_entry::has_traced_loop(&self.rt.jit.loops, code)
    }

    /// Whether the nested call just made while recording is worth making from the
    /// trace: it took `MIN_NESTED_STEPS` steps, or hot functions are traced, so the
    /// call can run the callee's trace directly (`vm/direct_call.rs`).
    fn nested_call_pays(&self) -> bool {
        let jit = &self.rt.jit;
        jit.params.trace_functions || jit.last_nested_steps >= MIN_NESTED_STEPS
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

    /// After a recording that stopped at an inner loop without a trace: that loop is
    /// compiled the next time it is hot, whatever the cost model would say of it
    /// alone, since the enclosing loop's trace cannot be built without it.
    pub(super) fn want_inner_loop(&mut self, recorder: &Recorder) {
        if let Some(key) = recorder.needs_loop {
            self.rt.jit.loops.entry(key).wanted = true;
        }
    }

    /// Keeps the text of a finished recording when dumps are on.
    pub(super) fn dump_recorded(&mut self, trace: &Trace, anchor: u32) {
        if self.rt.jit.dump_traces {
            let mut text = tracelift_trace::print::print(trace);
            let leaves = trace
                .leaves_through()
                .and_then(|id| Some((id, trace.snapshots.get(id.0 as usize)?)));
            let ended = match leaves {
                Some((id, snapshot)) => format!(
                    "ended: leaves through {id} (the interpreter resumes at pc {})\n",
                    snapshot
                        .inlined
                        .last()
                        .map_or(snapshot.pc, |frame| frame.pc)
                ),
                None => format!("ended: the loop closed (jump back to pc {anchor})\n"),
            };
            text.push_str(&ended);
            self.rt.jit.dumps.push(text);
        }
    }

    /// Undoes the backoff of the last abort: the recording ended before it began (the
    /// loop was on its last iteration), so the loop is recorded at its next arrival.
    fn retry_at_next_arrival(&mut self, code: &Code, anchor: u32) {
        let threshold = self.rt.jit.params.hot_threshold;
        let state = self.rt.jit.loops.entry(LoopKey {
            code: code.id,
            pc: anchor,
        });
        state.aborts = state.aborts.saturating_sub(1);
        state.counter = threshold.saturating_sub(1);
        // The next arrival must trigger the recording, whatever the decay does.
        state.arrivals_since_decay = 0;
    }

    /// Counts an abort and backs the loop off before it is recorded again.
    pub(super) fn give_up(&mut self, code: &Code, anchor: u32, reason: Abort) {
        *self.rt.jit.stats.aborts.entry(reason.name()).or_default() += 1;
        if self.rt.jit.dump_traces {
            let text = format!(
                "abort at {}: {reason} (while recording pc {}, line {})\n",
                loop_location(code, anchor),
                self.pc,
                code.line_at(self.pc)
            );
            self.rt.jit.dumps.push(text);
        }
        let key = LoopKey {
            code: code.id,
            pc: anchor,
        };
        if self.rt.jit.back_off(key, reason) && self.rt.jit.dump_traces {
            let text = format!(
                "blacklisted {}: {} aborts in a row for {reason}; the interpreter runs it\n",
                loop_location(code, anchor),
                self.rt.jit.params.blacklist_after
            );
            self.rt.jit.dumps.push(text);
        }
    }

    /// A recorded trace did not compile: counted and dumped like an abort, and the
    /// loop backs off before it is recorded again.
    pub(super) fn compile_failed(&mut self, code: &Code, anchor: u32, error: CompileError) {
        if self.rt.jit.dump_traces {
            let text = format!(
                "compile failed at {}: {}: {}\n",
                loop_location(code, anchor),
                error.reason,
                error.detail
            );
            self.rt.jit.dumps.push(text);
        }
        self.give_up(code, anchor, Abort::CompileFailed(error.reason));
    }
}

/// A loop as dumps name it: `file:line in function (pc N)`, its header's.
fn loop_location(code: &Code, anchor: u32) -> String {
    format!(
        "{}:{} in {} (pc {anchor})",
        code.filename,
        code.line_at(anchor as usize),
        code.name
    )
}
