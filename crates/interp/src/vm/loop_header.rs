//! What the interpreter does at a loop's backward jump with the JIT on: collect
//! traces compiled in the background, count the arrival (and start recording once
//! the loop is hot), or enter the loop's trace, compiled or evaluated.

use super::interp::{Flow, Interp};
use crate::jit::{iteration_len, run_trace, InstalledTrace, LoopKey, LoopOutlook, TraceEnd};
use crate::value::Value;

impl Interp<'_> {
    /// At a loop's backward jump with the JIT on: enter its trace, or count the
    /// arrival and start recording once the loop is hot. An arrival that can only
    /// count (`jit/quiet.rs`) stays in the dispatch loop.
    #[inline(always)]
    pub(super) fn loop_header(&mut self, target: u32) -> Flow {
        self.pc = target as usize;
        if self.recording {
            return Flow::Next;
        }
        if self.rt.jit.collect_due() {
            self.collect_compiles();
        }
        if self.rt.jit.quiet.pass(self.code.id, target) {
            return Flow::Next;
        }
        self.arrive_at_header(LoopKey {
            code: self.code.id,
            pc: target,
        })
    }

    /// Installs the traces the compiler's thread has finished (`jit/background.rs`):
    /// a loop header is a safe point, where no compiled code of this interpreter
    /// runs. Not while a recording is in progress (a nested run's header), which
    /// must see the traces as they were when it began.
    #[cold]
    #[inline(never)]
    fn collect_compiles(&mut self) {
        match self.rt.jit.recording_active {
            false => self.rt.jit.collect_compiles(false),
            true => self.rt.jit.schedule_collect(),
        }
    }

    /// An arrival at a loop's header that looks at the loop's state.
    #[inline(never)]
    fn arrive_at_header(&mut self, key: LoopKey) -> Flow {
        let target = key.pc;
        let jit = &mut self.rt.jit;
        jit.quiet.settle(&mut jit.loops, key);
        let flow = match self.arrive_at(key, Flow::Record(target)) {
            Flow::Record(_) if !self.worth_compiling(key) => Flow::Next,
            flow => flow,
        };
        if matches!(flow, Flow::Next) {
            let jit = &mut self.rt.jit;
            if let Some(state) = jit.loops.get(key) {
                jit.quiet.start(state, &jit.params);
            }
        }
        flow
    }

    /// Whether the hot loop at `key` (whose backward jump is being executed) has
    /// enough ahead of it for a compile to pay (`jit/worth.rs`). When not, the loop
    /// is asked again the next time it is hot, and the dump says why.
    #[cold]
    fn worth_compiling(&mut self, key: LoopKey) -> bool {
        let body_len = (self.current as u64 + 1).saturating_sub(key.pc.into());
        let state = self.rt.jit.loops.get(key);
        let path = state.and_then(|state| state.recorded_path);
        let outlook = self.loop_outlook(key, iteration_len(body_len, path));
        if outlook.worth_compiling(&self.rt.jit.params) {
            return true;
        }
        self.not_worth_compiling_yet(key, outlook);
        false
    }

    /// After a hot loop's recording, stopped at its backward jump (`self.pc`):
    /// whether the compile still pays now that an iteration is known to have run
    /// `path_len` instructions, if that is fewer than the body has
    /// (`jit::iteration_len`). When it does not pay, the trace is dropped and the
    /// loop is judged so from then on (`LoopState::recorded_path`): it is recorded
    /// again once that pays, not each time it is hot.
    #[cold]
    pub(super) fn recorded_path_pays(&mut self, key: LoopKey, path_len: u64) -> bool {
        let body_len = (self.pc as u64 + 1).saturating_sub(key.pc.into());
        if path_len >= body_len {
            return true;
        }
        self.rt.jit.loops.entry(key).recorded_path = Some(path_len);
        let outlook = self.loop_outlook(key, iteration_len(body_len, Some(path_len)));
        if outlook.worth_compiling(&self.rt.jit.params) {
            return true;
        }
        let reason = crate::jit::Abort::NotWorthCompiling.name();
        *self.rt.jit.stats.aborts.entry(reason).or_default() += 1;
        if self.rt.jit.dump_traces {
            let text = format!(
                "not compiled: {}:{} in {} (pc {}): one iteration ran {path_len} of the \
                 body's {body_len} instructions; taking {} for each, about {} \
                 interpreted steps to save, fewer than its compile's {}\n",
                self.code.filename,
                self.code.line_at(key.pc as usize),
                self.code.name,
                key.pc,
                outlook.body_len,
                outlook.work_ahead().unwrap_or_default(),
                outlook.compile_cost(&self.rt.jit.params)
            );
            self.rt.jit.dumps.push(text);
        }
        false
    }

    /// What the cost model knows of the hot loop at `key`, whose backward jump is
    /// being executed, one iteration taken as `body_len` instructions.
    fn loop_outlook(&mut self, key: LoopKey, body_len: u64) -> LoopOutlook {
        let is_for_loop = self.code.for_loop_end(key.pc as usize).is_some();
        let remaining = match self.stack.last() {
            Some(Value::Iter(iter)) if is_for_loop => Some(iter.remaining_hint()),
            // A `while` loop: judged by its arrivals alone when no loop of its code
            // encloses it.
            _ if !is_for_loop && !self.code.is_enclosed(key.pc as usize) => Some(0),
            _ => None,
        };
        let state = self.rt.jit.loops.entry(key);
        LoopOutlook {
            remaining,
            arrivals: state.arrivals.into(),
            body_len,
            wanted: state.wanted,
        }
    }

    /// Counts a hot loop or function entry at `key` left interpreted by the cost
    /// model for now, and says why in the trace dump.
    #[cold]
    pub(super) fn not_worth_compiling_yet(&mut self, key: LoopKey, outlook: LoopOutlook) {
        self.rt.jit.stats.not_worth_compiling += 1;
        if self.rt.jit.dump_traces {
            let text = format!(
                "not compiled yet: {}:{} in {} (pc {}): about {} interpreted steps to \
                 save, fewer than its compile's {}\n",
                self.code.filename,
                self.code.line_at(key.pc as usize),
                self.code.name,
                key.pc,
                outlook.work_ahead().unwrap_or_default(),
                outlook.compile_cost(&self.rt.jit.params)
            );
            self.rt.jit.dumps.push(text);
        }
    }

    /// At a loop's header, or a traced function's entry (`key`), in the current
    /// frame: enter its trace, or count the arrival and answer `record` once it is
    /// hot (`Flow::Next` otherwise).
    pub(super) fn arrive_at(&mut self, key: LoopKey, record: Flow) -> Flow {
        let jit = &mut self.rt.jit;
        let defer = jit.defers_recording();
        let state = jit.loops.entry(key);
        let Some(trace) = state.trace.clone() else {
            if state.arrive(&jit.params) {
                if !state.seen_hot {
                    state.seen_hot = true;
                    jit.stats.loops_hot += 1;
                }
                if defer {
                    // At the next arrival, once the compile is in.
                    state.counter = jit.params.wait(state.aborts).saturating_sub(1);
                    return Flow::Next;
                }
                return record;
            }
            return Flow::Next;
        };
        // An exit may rebuild inlined frames; near the recursion limit the interpreter
        // runs the loop itself, so RecursionError is raised where it belongs.
        let depth_after_exit =
            self.depth_base + self.frames.len() + 1 + trace.tree_inline_depth.get();
        if depth_after_exit + 1 > self.rt.limits.recursion_limit {
            return Flow::Next;
        }
        if self.rt.jit.compiles() {
            return self.enter_native(key, &trace);
        }
        self.rt.jit.stats.trace_entries += 1;
        match run_trace(self, &trace) {
            Ok(TraceEnd::Exited(snapshot)) => self.after_exit(&trace, snapshot.0),
            // The exit may have left the interpreter in another frame.
            Ok(TraceEnd::Closed) => Flow::Reload,
            Err(error) => Interp::raise(error),
        }
    }

    /// After a trace exited (the interpreter may be in another frame now): if the exit
    /// was the trace's final `leave` at a `return` (a function's trace), returns; at
    /// the header of a loop that has a trace (a loop inside a call the trace inlined,
    /// whose frame the exit rebuilt), enters that trace at once, as the loop's
    /// backward jump would; otherwise the interpreter goes on from the exit.
    pub(super) fn after_exit(&mut self, exited: &InstalledTrace, snapshot: u32) -> Flow {
        if !exited.leaves_through(snapshot) {
            return Flow::Reload;
        }
        // A function's trace leaves at its `return`: return at once.
        let resume = self.code.instrs.get(self.pc).map(|cell| cell.get());
        if matches!(resume, Some(crate::bytecode::Instr::ReturnValue)) {
            self.current = self.pc;
            return crate::uop::UopVisitor::return_value(self);
        }
        if self.leave_hops >= MAX_LEAVE_HOPS {
            return Flow::Reload;
        }
        let header = self.pc as u32;
        let key = LoopKey {
            code: self.code.id,
            pc: header,
        };
        let traced = self
            .rt
            .jit
            .loops
            .get(key)
            .is_some_and(|state| state.has_loop_trace());
        if !traced {
            return Flow::Reload;
        }
        self.leave_hops += 1;
        let flow = self.loop_header(header);
        self.leave_hops -= 1;
        match flow {
            // The frame changed since the dispatch loop last loaded it.
            Flow::Next => Flow::Reload,
            other => other,
        }
    }
}

/// The most traces entered in a row, each straight after the previous one's `leave`.
const MAX_LEAVE_HOPS: u8 = 4;
