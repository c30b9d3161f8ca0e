//! Compiling on the backend's thread (`JitParams::compile_in_background`): traces
//! whose compile is in progress, and collecting finished ones at a safe point.
//!
//! `install` optimizes a trace, gives it its number and its place in
//! `JitState::installed`, and hands the compile to the compiler
//! (`TraceCompiler::start`); the trace then waits here, with no code and reachable
//! from nowhere. Its loop is *compiling* (`LoopState::compiling`): arrivals neither
//! record it again nor enter anything, so the interpreter keeps running it; a side
//! trace's exit is not recorded again while its trace compiles
//! ([`JitState::compiling_from`]). No other loop or exit is recorded while a compile
//! is in progress ([`JitState::defers_recording`]): one compile at a time, the
//! interpreter running meanwhile.
//!
//! The interpreter collects finished compiles at loop headers
//! ([`JitState::collect_compiles`], every [`COLLECT_EVERY`] arrivals while something
//! is pending and no recording is in progress): there no compiled code of this interpreter runs, and
//! freeing code over the budget is left to `enforce_code_budget`'s own rule (never
//! while a trace is suspended in a nested call). A root becomes its loop's trace. A
//! side trace is linked only if the traces its code jumps to are still there (its
//! parent, its root, the root it enters): a tree freed while it compiled (evicted,
//! respecialized) means the code names freed code, so it is freed unlinked, never
//! having run. A compile that failed counts as it would have in the foreground
//! (`compile:REASON` for the loop, with backoff; `side:compile:REASON`).

use std::rc::Rc;

use super::abi::{CompileError, CompiledCode};
use super::install::{link_exit, Placement};
use super::{Abort, InstalledTrace, JitState, LoopKey};
use crate::jit::Background;

/// Arrivals at loop headers between two looks for finished compiles (about a tenth
/// of a millisecond of interpreting; a compile takes about a millisecond).
const COLLECT_EVERY: u32 = 256;

/// A trace whose compile is in progress.
#[derive(Debug)]
pub(crate) struct Pending {
    trace: Rc<InstalledTrace>,
    goes: Goes,
}

/// Where a pending trace goes once compiled (a [`Placement`] that owns its traces).
#[derive(Debug)]
enum Goes {
    Root {
        at: Option<LoopKey>,
        header_depth: u32,
    },
    Side {
        from: Rc<InstalledTrace>,
        root: Rc<InstalledTrace>,
        target: Option<Rc<InstalledTrace>>,
        quick: bool,
    },
}

impl JitState {
    /// Whether compiles now go to the compiler's thread: asked for, and no dump of
    /// the compiler's or the recorder's work is being kept (dumps come out in the
    /// order things happened, which a background compile would change).
    pub(super) fn compiles_in_background(&self) -> bool {
        self.params.compile_in_background != Background::Off
            && !self.dump_traces
            && self.dump_code == super::abi::DumpRequest::default()
            && self.dump_opt == super::OptDump::Off
    }

    /// Counts down an arrival at a loop header; whether it is time to collect
    /// finished compiles. Polling the compiler at every header costs as much as a
    /// short loop's iteration, so it is done every [`COLLECT_EVERY`] arrivals (at
    /// the next one in `Background::Lockstep`); with nothing pending this is one
    /// test of a field.
    #[inline(always)]
    pub fn collect_due(&mut self) -> bool {
        if self.collect_in == 0 {
            return false;
        }
        self.collect_in -= 1;
        self.collect_in == 0
    }

    /// Whether a hot loop or exit waits to be recorded until the compiles in
    /// progress are in: a recording that reaches a loop whose trace is still
    /// compiling aborts (`inner_loop`, `side:uncompiled_loop`) and backs off
    /// exponentially, so trees formed far later than in the foreground (fannkuch's
    /// exits went unlinked for most of the run), and a recording competes with the
    /// compile for the machine. Not in `Background::Lockstep`, whose runs go as in
    /// the foreground.
    pub(crate) fn defers_recording(&self) -> bool {
        !self.pending.is_empty() && self.params.compile_in_background == Background::On
    }

    /// Whether any compile is in progress.
    pub fn compiles_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Sets the countdown to the next collection: none with nothing pending.
    pub(crate) fn schedule_collect(&mut self) {
        self.collect_in = match (self.pending.is_empty(), self.params.compile_in_background) {
            (true, _) => 0,
            (false, Background::Lockstep) => 1,
            (false, _) => COLLECT_EVERY,
        };
    }

    /// Keeps `trace`, whose compile the compiler's thread started, until it is
    /// collected; its loop (a root's) waits for it meanwhile.
    pub(super) fn await_compile(&mut self, trace: Rc<InstalledTrace>, placement: Placement<'_>) {
        let installed = |number: u32| self.installed.get(number as usize).cloned();
        let goes = match placement {
            Placement::Root { at, header_depth } => {
                if let Some(key) = at {
                    self.loops.entry(key).compiling = true;
                }
                Goes::Root { at, header_depth }
            }
            Placement::Side {
                from,
                root,
                target,
                quick,
                ..
            } => match (installed(from.number), installed(root.number)) {
                (Some(from), Some(root)) => Goes::Side {
                    from,
                    root,
                    target: target.and_then(|target| installed(target.number)),
                    quick,
                },
                // Not reachable: every trace a side trace names is installed.
                _ => return,
            },
        };
        self.pending.push(Pending { trace, goes });
        self.schedule_collect();
    }

    /// Whether exit `snapshot` of trace `number` has a side trace compiling.
    pub fn compiling_from(&self, number: u32, snapshot: u32) -> bool {
        self.pending.iter().any(|pending| {
            pending
                .trace
                .parent
                .is_some_and(|parent| parent.trace == number && parent.snapshot == snapshot)
        })
    }

    /// Installs every compile that has finished (waiting for each in progress in
    /// `Background::Lockstep`, or with `all`). Call only where no compiled code of
    /// this interpreter runs and no recording is in progress.
    pub fn collect_compiles(&mut self, all: bool) {
        let wait = all || self.params.compile_in_background == Background::Lockstep;
        while !self.pending.is_empty() {
            let Some(compiler) = self.compiler.installed.as_mut() else {
                break;
            };
            let started = std::time::Instant::now();
            let finished = compiler.finished(wait);
            let Some((ticket, result)) = finished else {
                self.stats.compile_stall_us += started.elapsed().as_micros() as u64;
                break;
            };
            let at = self
                .pending
                .iter()
                .position(|pending| u64::from(pending.trace.number) == ticket);
            match (at, result) {
                (Some(at), result) => {
                    let pending = self.pending.swap_remove(at);
                    self.finish(pending, result);
                }
                // A ticket the VM does not know: nothing can reach its code.
                (None, Ok(code)) => compiler.free(code),
                (None, Err(_)) => {}
            }
            self.stats.compile_stall_us += started.elapsed().as_micros() as u64;
        }
        self.schedule_collect();
    }

    /// Installs one finished compile, or counts its failure.
    fn finish(&mut self, pending: Pending, result: Result<CompiledCode, CompileError>) {
        let Pending { trace, goes } = pending;
        match goes {
            Goes::Root { at, header_depth } => {
                if let Some(key) = at {
                    self.loops.entry(key).compiling = false;
                }
                // The loop's arrivals passed unseen while it compiled; the next one
                // must see its trace, or count toward recording it again.
                self.quiet.cut();
                match result {
                    Ok(code) => {
                        self.attach(&trace, code, false);
                        self.register(&trace, Placement::Root { at, header_depth });
                    }
                    Err(error) => {
                        let reason = Abort::CompileFailed(error.reason);
                        *self.stats.aborts.entry(reason.name()).or_default() += 1;
                        if let Some(key) = at {
                            self.back_off(key, reason);
                        }
                    }
                }
            }
            Goes::Side {
                from,
                root,
                target,
                quick,
            } => {
                let code = match result {
                    Ok(code) => code,
                    Err(error) => {
                        let reason = Abort::CompileFailed(error.reason);
                        let name = format!("side:{}", reason.name());
                        *self.stats.aborts.entry(name).or_default() += 1;
                        return;
                    }
                };
                self.attach(&trace, code, quick);
                let alive = |installed: &InstalledTrace| installed.native.borrow().is_some();
                let parent = trace.parent;
                let alive = alive(&from) && alive(&root) && target.as_deref().is_none_or(alive);
                let (true, Some(parent)) = (alive, parent) else {
                    // Its tree was freed while it compiled: the code jumps to freed
                    // code, and was never linked.
                    self.stats.compiles_discarded += 1;
                    self.free_unlinked(&trace);
                    return;
                };
                link_exit(&trace, &from);
                let placement = Placement::Side {
                    parent,
                    from: &from,
                    root: &root,
                    target: target.as_deref(),
                    quick,
                };
                self.register(&trace, placement);
            }
        }
    }

    /// Frees the code of a trace no exit slot names.
    fn free_unlinked(&mut self, trace: &InstalledTrace) {
        let code = trace.native.borrow_mut().take();
        if let (Some(code), Some(compiler)) = (code, self.compiler.installed.as_mut()) {
            compiler.free(code);
            self.stats.traces_freed += 1;
        }
    }

    /// Counts a failed recording (or compile) of the loop at `key` and backs it off;
    /// whether the loop is now blacklisted.
    pub(crate) fn back_off(&mut self, key: LoopKey, reason: Abort) -> bool {
        let params = self.params;
        let state = self.loops.entry(key);
        state.aborts = state.aborts.saturating_add(1);
        state.counter = 0;
        if state.note_abort(reason, &params) {
            self.stats.blacklisted += 1;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests;
