//! The interpreter's side of compiled traces: entering a loop's machine code, and
//! what happens after it exits: a hot exit gets a side trace, recorded from the
//! exit's state and linked to it; a freed trace is forgotten and its loop recorded
//! again when hot.

use std::rc::Rc;

use std::sync::atomic::Ordering;

use super::interp::{Flow, Interp};
use super::recording::AfterRecording;
use crate::bytecode::Code;
use crate::exception::PyErr;
use crate::jit::native::{run_native, CompileError, ExitCode, ParentExit};
use crate::jit::{Abort, InstalledTrace, Recorder, SideStart};

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
            Ok(exit) => match self.hot_exit(exit) {
                Some(parent) => match self.record_side(parent) {
                    Ok(AfterRecording::Continue) => Flow::Reload,
                    Ok(AfterRecording::Finished) => Flow::Finished,
                    Err(error) => Interp::raise(error),
                },
                // The exit may have left the interpreter in another frame.
                None => Flow::Reload,
            },
            Err(error) => Interp::raise(error),
        }
    }

    /// Whether the exit just taken is hot enough to record a side trace from: it
    /// resumes in the trace's own frame (no inlined frames to rebuild), nothing is
    /// linked to it yet, and it was taken `hot_exit_threshold` times, doubling after
    /// each failed attempt (never a permanent blacklist).
    fn hot_exit(&self, exit: ExitCode) -> Option<ParentExit> {
        if exit.fuel {
            return None;
        }
        let installed = self.rt.jit.installed.get(exit.trace as usize)?;
        let index = exit.snapshot as usize;
        let snapshot = installed.trace.snapshots.get(index)?;
        if !snapshot.inlined.is_empty()
            || installed.exit_slots.get(index)?.load(Ordering::Acquire) != 0
        {
            return None;
        }
        let attempts = installed.side_attempts.get(index)?.get().min(20);
        let needed = u64::from(self.rt.jit.params.hot_exit_threshold.max(1)) << attempts;
        (installed.exits.get(index)?.get() >= needed).then_some(ParentExit {
            trace: exit.trace,
            snapshot: exit.snapshot,
            root: installed.root,
        })
    }

    /// Records a side trace from the exit the interpreter has just left through (it
    /// is at the exit's pc, in the root trace's frame), compiles it and links it to
    /// that exit.
    fn record_side(&mut self, parent: ParentExit) -> Result<AfterRecording, PyErr> {
        let jit = &self.rt.jit;
        let (Some(from), Some(root)) = (
            jit.installed.get(parent.trace as usize).cloned(),
            jit.installed.get(parent.root as usize).cloned(),
        ) else {
            return Ok(AfterRecording::Continue);
        };
        let index = parent.snapshot as usize;
        let (Some(snapshot), Some(attempts)) = (
            from.trace.snapshots.get(index),
            from.side_attempts.get(index),
        ) else {
            return Ok(AfterRecording::Continue);
        };
        attempts.set(attempts.get() + 1);
        let code = self.code.clone();
        let entry_depth = self
            .stack
            .len()
            .saturating_sub(self.base + code.local_count());
        let start = SideStart {
            parent,
            pc: snapshot.pc,
            entries: snapshot.entries.clone(),
        };
        let mut recorder = Recorder::new_side(
            code,
            root.trace.anchor.pc,
            root.header_depth as usize,
            entry_depth,
            jit.params.max_trace_insts,
            start,
        );
        let (end, after) = self.drive_recording(&mut recorder)?;
        match end {
            Ok(trace) => {
                self.rt.jit.stats.traces_recorded += 1;
                self.dump_recorded(&trace, root.trace.anchor.pc);
                self.install_side(*trace, parent, &from, &root);
            }
            Err(reason) => self.side_trace_failed(parent, reason),
        }
        Ok(after)
    }

    /// Compiles a recorded side trace and links it to its parent's exit.
    fn install_side(
        &mut self,
        trace: crate::trace::Trace,
        parent: ParentExit,
        from: &InstalledTrace,
        root: &InstalledTrace,
    ) {
        // The trace it jumps to at its close: its tree's root, or another loop's
        // (entered from the top, through the frame).
        let enters = trace.side.and_then(|side| side.enters);
        let target = match enters {
            Some(number) => match self.rt.jit.installed.get(number as usize) {
                Some(target) => Some(target.clone()),
                None => return,
            },
            None => None,
        };
        let number = self.rt.jit.installed.len() as u32;
        let mut installed = InstalledTrace::new(trace, number, Some(parent));
        installed.header_depth = root.header_depth;
        let installed = Rc::new(installed);
        let compiled = self
            .rt
            .jit
            .compile_side(&installed, from, root, target.as_deref());
        if let Err(error) = compiled {
            self.side_trace_failed(parent, Abort::CompileFailed(error.reason));
            return;
        }
        let depth = root
            .tree_inline_depth
            .get()
            .max(installed.trace.inline_depth());
        root.tree_inline_depth.set(depth);
        self.rt.jit.installed.push(installed);
        self.rt.jit.enforce_code_budget(parent.root);
    }

    /// Counts a side trace that was not made (as `side:REASON`).
    pub(super) fn side_trace_failed(&mut self, parent: ParentExit, reason: Abort) {
        let name = format!("side:{}", reason.name());
        if self.rt.jit.dump_traces {
            self.rt.jit.dumps.push(format!(
                "side trace from trace{} snap{} aborted: {reason}\n",
                parent.trace, parent.snapshot
            ));
        }
        *self.rt.jit.stats.aborts.entry(name).or_default() += 1;
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
