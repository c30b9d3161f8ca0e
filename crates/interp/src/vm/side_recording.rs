//! Side traces: when an exit of a compiled trace is hot, the interpreter (which has
//! just resumed at the exit's pc) records from there back to the loop header, and
//! the side trace is installed and linked to that exit.

use std::sync::atomic::Ordering;

use super::interp::Interp;
use super::recording::AfterRecording;
use crate::bytecode::Code;
use crate::exception::PyErr;
use crate::jit::abi::{ExitCode, ParentExit};
use crate::jit::{
    Abort, ExitOutlook, InstalledTrace, LoopKey, Placement, Recorded, Recorder, SideStart,
};

impl Interp<'_> {
    /// Whether the exit just taken is hot enough to record a side trace from: nothing
    /// is linked to it yet (nor compiling for it), and it was taken
    /// `hot_exit_threshold` times, doubling after each failed attempt (never a
    /// permanent blacklist). Not while compiles are in progress in the background
    /// (`JitState::defers_recording`): the exit stays hot and is recorded once they
    /// are in.
    pub(super) fn hot_exit(&self, exit: ExitCode) -> Option<ParentExit> {
        if exit.fuel || !self.rt.jit.may_record() || self.rt.jit.defers_recording() {
            return None;
        }
        let installed = self.rt.jit.installed.get(exit.trace as usize)?;
        if installed.leaves_through(exit.snapshot) {
            return None;
        }
        let index = exit.snapshot as usize;
        installed.trace.snapshots.get(index)?;
        if installed.exit_slots.get(index)?.load(Ordering::Acquire) != 0
            || self.rt.jit.compiling_from(exit.trace, exit.snapshot)
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
    pub(super) fn record_side(&mut self, parent: ParentExit) -> Result<AfterRecording, PyErr> {
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
        if let Some(reason) = self.rt.jit.tree_is_full(root.number) {
            self.side_trace_failed(parent, reason);
            return Ok(AfterRecording::Continue);
        }
        // The exit rebuilt the frames of the calls it was inside, and the interpreter
        // resumed in the innermost: the trace's own frame is below them.
        let inlined = snapshot.inlined.len();
        let code = match inlined {
            0 => self.code.clone(),
            _ => match self
                .frames
                .len()
                .checked_sub(inlined)
                .and_then(|at| self.frames.get(at))
            {
                Some(frame) => frame.code.clone(),
                None => return Ok(AfterRecording::Continue),
            },
        };
        let mut frames = Vec::with_capacity(inlined);
        for frame in &snapshot.inlined {
            let Some(callee) = from.code(frame.code) else {
                return Ok(AfterRecording::Continue);
            };
            frames.push((frame.clone(), callee.clone()));
        }
        let function_tree = self.is_function_entry_tree(&root, &code);
        let entry_depth = snapshot.stack_depth as usize;
        let start = SideStart {
            parent,
            pc: snapshot.pc,
            entries: snapshot.entries.clone(),
            inlined: frames,
        };
        let mut recorder = Recorder::new_side(
            code,
            root.trace.anchor.pc,
            root.header_depth as usize,
            entry_depth,
            jit.params.max_trace_insts,
            start,
        );
        if function_tree {
            recorder.leave_at_traced_loops();
        }
        let (end, after) = self.drive_recording(&mut recorder)?;
        match end {
            Ok(recorded) => {
                self.rt.jit.stats.traces_recorded += 1;
                self.dump_recorded(&recorded.trace, root.trace.anchor.pc);
                let outlook = self.exit_outlook(&from, &root, index, &recorded.trace);
                match outlook.worth_compiling(&self.rt.jit.params) {
                    true => self.install_side(*recorded, parent, &from, &root),
                    false => self.side_not_worth_compiling(parent, outlook),
                }
            }
            Err(reason) => {
                self.want_inner_loop(&recorder);
                self.side_trace_failed(parent, reason);
            }
        }
        Ok(after)
    }

    /// Whether `root` is the entry trace of the function `code` (the frame a side
    /// trace of it is recorded in): its side traces end where it does.
    fn is_function_entry_tree(&self, root: &InstalledTrace, code: &Code) -> bool {
        let key = LoopKey {
            code: code.id,
            pc: 0,
        };
        root.trace.anchor.pc == 0
            && self.rt.jit.loops.get(key).is_some_and(|state| {
                state.is_function_entry()
                    && state
                        .trace
                        .as_ref()
                        .is_some_and(|trace| trace.number == root.number)
            })
    }

    /// Installs a recorded side trace (unless the tree would pass its size cap):
    /// compiled and linked to its parent's exit.
    fn install_side(
        &mut self,
        recorded: Recorded,
        parent: ParentExit,
        from: &InstalledTrace,
        root: &InstalledTrace,
    ) {
        // The trace it jumps to at its close: its tree's root, or another loop's
        // (entered from the top, through the frame).
        let enters = recorded.trace.side.and_then(|side| side.enters);
        let target = match enters {
            Some(number) => match self.rt.jit.installed.get(number as usize) {
                Some(target) => Some(target.clone()),
                None => return,
            },
            None => None,
        };
        let tree_insts = self.rt.jit.tree_insts(root.number);
        if tree_insts + recorded.trace.insts().count() > self.rt.jit.params.max_tree_insts as usize
        {
            self.side_trace_failed(parent, Abort::TreeTooLarge);
            return;
        }
        let placement = Placement::Side {
            parent,
            from,
            root,
            target: target.as_deref(),
            quick: self.exit_is_seldom(from, parent.snapshot),
        };
        if let Err(error) = self.rt.jit.install(recorded, placement) {
            self.side_trace_failed(parent, Abort::CompileFailed(error.reason));
        }
    }

    /// Whether exit `snapshot` of `from` was taken on average less than once per
    /// `JitParams::quick_exit_steps` steps since its first time: its side trace will
    /// run as seldom, and is compiled quickly rather than well.
    pub(super) fn exit_is_seldom(&self, from: &InstalledTrace, snapshot: u32) -> bool {
        let every = self.rt.jit.params.quick_exit_steps;
        let index = snapshot as usize;
        let (Some(first), Some(taken)) = (
            from.first_exit_step
                .get(index)
                .and_then(|first| first.get()),
            from.exits.get(index).map(|count| count.get()),
        ) else {
            return false;
        };
        let steps = self.steps_taken().saturating_sub(first);
        every > 0 && taken > 1 && steps / (taken - 1) >= every
    }

    /// Counts a recorded side trace left uncompiled by the cost model, and says why
    /// in the trace dump; its exit is asked again after twice as many takes.
    fn side_not_worth_compiling(&mut self, parent: ParentExit, outlook: ExitOutlook) {
        if self.rt.jit.dump_traces {
            let text = format!(
                "side trace from trace{} snap{} not compiled yet: about {} takes ahead \
                 save {} interpreted steps, fewer than its compile's {}\n",
                parent.trace,
                parent.snapshot,
                outlook.takes_ahead(),
                outlook.steps_saved(),
                outlook.compile_cost(&self.rt.jit.params),
            );
            self.rt.jit.dumps.push(text);
        }
        self.count_side_abort(Abort::NotWorthCompiling);
    }

    /// Counts a side trace that was not made (as `side:REASON`).
    pub(super) fn side_trace_failed(&mut self, parent: ParentExit, reason: Abort) {
        if self.rt.jit.dump_traces {
            self.rt.jit.dumps.push(format!(
                "side trace from trace{} snap{} aborted: {reason}\n",
                parent.trace, parent.snapshot
            ));
        }
        self.count_side_abort(reason);
    }

    /// Counts a side trace not made for `reason` (as `side:REASON`).
    fn count_side_abort(&mut self, reason: Abort) {
        let name = format!("side:{}", reason.name());
        *self.rt.jit.stats.aborts.entry(name).or_default() += 1;
    }
}
