//! The one path from a recorded trace to a running one, and back out: every trace
//! (a root, a side trace, a trace the harness runs) goes through [`JitState::install`]:
//! optimize, compile, link, register, keep the code within its budget. Freeing trees
//! is here too, with the VM's bookkeeping around a [`TraceCompiler`] (stats, dumps,
//! the exit buffer).

use std::rc::Rc;

use super::abi::{
    self, layout_probe, CompileError, CompileRequest, CompiledCode, CompilerFactory, ExitSlots,
    FunctionTree, ParentExit, SideTraceLink, TraceCompiler,
};
use super::{
    FunctionEntry, InstalledTrace, JitMode, JitState, LoopKey, OptDump, Pass, PassSet, Recorded,
};

/// What [`JitState::compile`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Compiled {
    /// The code is attached to the trace.
    Attached,
    /// The compiler's thread compiles it (`background.rs`).
    Started,
}

/// Stores side trace `side`'s entry in the slot of the exit of `from` it starts at.
pub(super) fn link_exit(side: &InstalledTrace, from: &InstalledTrace) {
    let entry = side.native_entry().unwrap_or(std::ptr::null());
    let snapshot = side.parent.map_or(u32::MAX, |parent| parent.snapshot) as usize;
    if let Some(slot) = from.exit_slots.get(snapshot) {
        slot.store(entry as usize, std::sync::atomic::Ordering::Release);
    }
}

/// Where a trace being installed goes.
pub(crate) enum Placement<'a> {
    /// The root trace of the loop at `at` (`None` for a trace run on its own, as the
    /// harness does), whose header has `header_depth` operand stack entries.
    Root {
        at: Option<LoopKey>,
        header_depth: u32,
    },
    /// A side trace from `parent`'s exit: `from` is the trace that exit belongs to,
    /// `root` the root of its tree, and `target` the root it enters at its close when
    /// that is not its own (it reached another compiled loop).
    Side {
        parent: ParentExit,
        from: &'a InstalledTrace,
        root: &'a InstalledTrace,
        target: Option<&'a InstalledTrace>,
        /// Compile it with the backend's quick tier (`CompileRequest::quick`).
        quick: bool,
    },
}

impl JitState {
    /// Installs a recorded trace: optimizes it, compiles it and links it into its tree
    /// in mode `on`, registers it (with its loop, or under its root), and frees the
    /// coldest trees if the code budget is exceeded. On a compile error nothing is
    /// installed.
    pub(crate) fn install(
        &mut self,
        recorded: Recorded,
        placement: Placement<'_>,
    ) -> Result<Rc<InstalledTrace>, CompileError> {
        let passes = match placement {
            Placement::Root { at: Some(key), .. } if !self.goes_round_long(key) => {
                self.params.opt.without(Pass::Peel)
            }
            _ => self.params.opt,
        };
        let recorded = self.optimize(recorded, passes);
        let number = self.installed.len() as u32;
        let (parent, header_depth) = match &placement {
            Placement::Root { header_depth, .. } => (None, *header_depth),
            Placement::Side { parent, root, .. } => (Some(*parent), root.header_depth),
        };
        let installed = Rc::new(InstalledTrace::new(recorded, number, parent, header_depth));
        self.make_pending_compiler();
        if self.compiles() {
            let background = self.compiles_in_background();
            let compiled = match &placement {
                Placement::Root { .. } => {
                    self.compile(&installed, None, &installed, false, background)?
                }
                Placement::Side {
                    from,
                    root,
                    target,
                    quick,
                    ..
                } => self.compile_side(&installed, from, root, *target, *quick, background)?,
            };
            if compiled == Compiled::Started {
                self.installed.push(installed.clone());
                self.await_compile(installed.clone(), placement);
                return Ok(installed);
            }
        }
        self.installed.push(installed.clone());
        self.register(&installed, placement);
        Ok(installed)
    }

    /// Makes a trace whose code is attached (or that runs evaluated) reachable: a
    /// root becomes its loop's trace, a side trace deepens its tree's inlining; then
    /// the coldest trees are freed if the code budget is exceeded.
    pub(super) fn register(&mut self, installed: &Rc<InstalledTrace>, placement: Placement<'_>) {
        match placement {
            Placement::Root { at: Some(key), .. } => {
                self.loops.entry(key).trace = Some(installed.clone());
            }
            Placement::Root { at: None, .. } => {}
            Placement::Side { root, .. } => {
                let depth = root.tree_inline_depth.get();
                let depth = depth.max(installed.trace.inline_depth());
                root.tree_inline_depth.set(depth);
            }
        }
        self.epoch += 1;
        self.enforce_code_budget(installed.root);
    }

    /// Whether the root trace of the loop at `key` will be optimized with both `peel`
    /// and `ranges`, so its recording should bound its range counter
    /// (`Recorder::range_guards`).
    pub(crate) fn peels_with_ranges(&mut self, key: LoopKey) -> bool {
        self.params.opt.contains(Pass::Peel)
            && self.params.opt.contains(Pass::Ranges)
            && self.goes_round_long(key)
    }

    /// Whether the loop at `key` goes round long enough each time it is entered for
    /// peeling its first iteration off to pay (`JitParams::peel_min_run`). A loop entered for
    /// a few iterations at a time (fannkuch's inner loops, 1 to 9) gains little in
    /// its steady state, and its peeled iteration's exits want side traces of their
    /// own: peeled, fannkuch ran 10% more instructions with 1.7 times the code.
    fn goes_round_long(&mut self, key: LoopKey) -> bool {
        let state = self.loops.entry(key);
        self.quiet.mean_run(key, state) >= self.params.peel_min_run
    }

    /// The optimizer's place on the install path: every trace (root, side, harness)
    /// runs as the passes of `JitParams::opt` leave it, and the installed trace is the
    /// optimized one, so exits report (and side traces start from) its snapshots.
    /// In mode `on` its time is counted (`JitStats::optimize_time_us`) as part of
    /// compiling; evaluated traces are not timed, so their stats stay deterministic.
    fn optimize(&mut self, recorded: Recorded, passes: PassSet) -> Recorded {
        if passes.is_empty() {
            return recorded;
        }
        let Recorded {
            trace,
            codes,
            consts,
            function,
        } = recorded;
        let started = std::time::Instant::now();
        let each_pass = self.dump_opt == OptDump::EachPass;
        let mut pass_dumps = Vec::new();
        let trace = tracelift_opt::optimize_with(trace, passes, |pass, trace| {
            if each_pass {
                let text = tracelift_trace::print::print(trace);
                pass_dumps.push(format!("after pass {pass}:\n{text}"));
            }
        });
        if self.compiles() {
            self.stats.optimize_time_us += started.elapsed().as_micros() as u64;
        }
        self.dumps.extend(pass_dumps);
        if self.dump_opt != OptDump::Off {
            let text = tracelift_trace::print::print(&trace);
            self.dumps.push(format!("optimized ({passes}):\n{text}"));
        }
        Recorded {
            trace,
            codes,
            consts,
            function,
        }
    }

    /// Installs the code generator that mode `on` compiles traces with.
    pub fn set_compiler(&mut self, compiler: Box<dyn TraceCompiler>) {
        self.trampoline = Some(compiler.trampoline());
        self.compiler.installed = Some(compiler);
        self.compiler.pending = None;
        self.compiler.error = None;
    }

    /// Has mode `on` make its code generator with `factory` when the first trace is
    /// compiled (a compiler already installed is kept).
    pub fn set_compiler_factory(&mut self, factory: CompilerFactory) {
        if self.compiler.installed.is_none() {
            self.compiler.pending = Some(factory);
        }
    }

    /// Whether recorded traces are compiled (mode `on` with a compiler installed or
    /// still to be made).
    pub fn compiles(&self) -> bool {
        self.mode == JitMode::On && self.compiler.available()
    }

    /// Makes the compiler if it is still to be made (a failure is kept in
    /// `CompilerSlot::error`, and traces are evaluated from then on, this one too).
    fn make_pending_compiler(&mut self) {
        if self.compiler.installed.is_none() {
            if let Some(factory) = self.compiler.pending.take() {
                match factory() {
                    Ok(compiler) => self.set_compiler(compiler),
                    Err(error) => self.compiler.error = Some(error),
                }
            }
        }
    }

    /// Compiles `installed` (a root trace, or a side trace with its `side` link, in
    /// the tree of `root`) and attaches its code, or with `background` hands it to
    /// the compiler's thread (`background.rs` attaches it later). On failure nothing
    /// changes and the caller drops the trace.
    fn compile(
        &mut self,
        installed: &InstalledTrace,
        side: Option<SideTraceLink<'_>>,
        root: &InstalledTrace,
        quick: bool,
        background: bool,
    ) -> Result<Compiled, CompileError> {
        let function = self.function_tree(installed, root);
        let Some(compiler) = self.compiler.installed.as_mut() else {
            return Err(CompileError {
                reason: "no_compiler",
                detail: "no trace compiler is installed".into(),
            });
        };
        let code_identities: Vec<*const u8> = installed
            .codes
            .iter()
            .map(|code| Rc::as_ptr(code) as *const u8)
            .collect();
        let const_values: Vec<_> = installed.consts.iter().map(abi::borrowed_bits).collect();
        let request = CompileRequest {
            trace: &installed.trace,
            number: installed.number,
            exit_slots: ExitSlots::of(&installed.exit_slots),
            side,
            code_identities: &code_identities,
            const_values: &const_values,
            layout: layout_probe::layout(),
            function,
            dump: self.dump_code,
            quick,
            symbol: format!("trace{} {}", installed.number, installed.location()),
        };
        let started = std::time::Instant::now();
        if background && compiler.start(installed.number.into(), &request) {
            self.stats.background_compiles += 1;
            self.stats.compile_stall_us += started.elapsed().as_micros() as u64;
            return Ok(Compiled::Started);
        }
        let compiled = compiler.compile(&request);
        self.stats.compile_stall_us += started.elapsed().as_micros() as u64;
        self.attach(installed, compiled?, quick);
        Ok(Compiled::Attached)
    }

    /// What the backend needs to know of `installed` if its tree, rooted at `root`,
    /// is a loopless function's entry tree (`FunctionTree`): where its `leave`
    /// returns, and how to make a compiled call of the function.
    fn function_tree(
        &self,
        installed: &InstalledTrace,
        root: &InstalledTrace,
    ) -> Option<FunctionTree> {
        let function = root.function.as_ref()?;
        let key = LoopKey {
            code: function.id,
            pc: 0,
        };
        if self.loops.get(key)?.function != FunctionEntry::Traced {
            return None;
        }
        let root_entry = match std::ptr::eq(installed, root) {
            true => 0,
            false => root.native_entry()? as usize,
        };
        Some(FunctionTree {
            code: (installed.codes.iter())
                .position(|code| code.id == function.id)
                .map(|index| index as u32),
            params: function.param_count,
            frame_slots: function.local_count() as u32,
            root_entry,
            inline_depth_at: root.tree_inline_depth.as_ptr() as usize,
            returns: installed.leave_returns(function),
        })
    }

    /// Attaches compiled code to its trace, counting it, and makes the exit buffer
    /// large enough for its snapshots.
    pub(super) fn attach(
        &mut self,
        installed: &InstalledTrace,
        compiled: CompiledCode,
        quick: bool,
    ) {
        self.stats.traces_compiled += 1;
        if installed.parent.is_some() {
            self.stats.side_traces += 1;
        }
        if quick {
            self.stats.quick_compiles += 1;
        }
        self.stats
            .compile_times_us
            .push(compiled.compile_time.as_micros() as u64);
        self.stats.code_bytes += compiled.code_bytes as u64;
        self.dumps.extend(compiled.dumps.iter().cloned());
        let needed = installed
            .trace
            .snapshots
            .iter()
            .map(|snapshot| {
                let inlined: usize = snapshot
                    .inlined
                    .iter()
                    .map(|frame| frame.entries.len())
                    .sum();
                snapshot.entries.len() + inlined
            })
            .max()
            .unwrap_or(0);
        if self.exit_buffer.len() < needed {
            self.exit_buffer.resize(needed, Default::default());
        }
        *installed.native.borrow_mut() = Some(compiled);
    }

    /// The entry of exit `snapshot` of `trace` that holds the iterator its root's
    /// range guard passed (at the guard's slot `slot`), following side traces back
    /// to the root (`tracelift_trace`'s `range_guard.rs`).
    fn checked_iter_entry(&self, trace: &InstalledTrace, snapshot: u32, slot: u32) -> Option<u32> {
        let id = tracelift_trace::SnapshotId(snapshot);
        match &trace.parent {
            None => trace.trace.checked_iter_entry_of_root(id, slot),
            Some(parent) => {
                let from = self.installed.get(parent.trace as usize)?;
                let entry = self.checked_iter_entry(from, parent.snapshot, slot)?;
                trace.trace.checked_iter_entry_of_side(entry, id, slot)
            }
        }
    }

    /// Compiles side trace `side`, which starts at its parent exit (an exit of
    /// `from`) and ends at `root`'s loop header: it jumps into `root`'s loop, or, when
    /// `target` is given, enters that root's trace from the top. Then links it to the
    /// exit, so compiled code reaches it without returning to the VM (once its code is
    /// there: a compile started in the background is linked when collected).
    fn compile_side(
        &mut self,
        side: &InstalledTrace,
        from: &InstalledTrace,
        root: &InstalledTrace,
        target: Option<&InstalledTrace>,
        quick: bool,
        background: bool,
    ) -> Result<Compiled, CompileError> {
        let failed = |reason, detail: String| CompileError { reason, detail };
        let snapshot = side.parent.map_or(u32::MAX, |parent| parent.snapshot) as usize;
        let exit = from.trace.snapshots.get(snapshot).ok_or_else(|| {
            failed(
                "no_parent_exit",
                format!("the parent has no snap{snapshot}"),
            )
        })?;
        let root_entry = target.unwrap_or(root).native_entry().ok_or_else(|| {
            failed(
                "root_not_compiled",
                "the trace it closes into has no code".into(),
            )
        })?;
        let root_params = root.trace.param_slots();
        let root_loop = match (&root_params, target) {
            (Some(_), None) => root.native_loop_entry(),
            _ => std::ptr::null(),
        };
        let checked = match (&side.parent, root.trace.range_guard_slot()) {
            (Some(parent), Some(slot)) if target.is_none() => {
                self.checked_iter_entry(from, parent.snapshot, slot)
            }
            _ => None,
        };
        let parent_types = from.trace.entry_types(exit);
        let link = SideTraceLink {
            parent_entries: &exit.entries,
            parent_types: &parent_types,
            root_entry,
            root_loop,
            root_params: root_params.as_deref().unwrap_or(&[]),
            range_guard: match target {
                None => side.trace.close_range_guard(&root.trace, checked),
                Some(_) => None,
            },
        };
        let compiled = self.compile(side, Some(link), root, quick, background)?;
        if compiled == Compiled::Attached {
            link_exit(side, from);
        }
        Ok(compiled)
    }

    /// Frees every trace's machine code (the VM is going away).
    pub(crate) fn free_all(&mut self) {
        let roots: Vec<u32> = self
            .installed
            .iter()
            .filter(|installed| installed.parent.is_none())
            .map(|installed| installed.number)
            .collect();
        for root in roots {
            self.free_tree(root);
        }
    }

    /// Bytes of machine code currently held.
    pub fn live_code_bytes(&self) -> usize {
        self.installed
            .iter()
            .filter_map(|installed| {
                installed
                    .native
                    .borrow()
                    .as_ref()
                    .map(|code| code.code_bytes)
            })
            .sum()
    }

    /// Frees least recently entered trace trees (never `keep`'s) until the live code
    /// fits the budget. Called only between trace runs, so no native frame is inside
    /// the code being freed.
    pub(crate) fn enforce_code_budget(&mut self, keep: u32) {
        // A trace suspended in a nested call may be in any tree: wait until it
        // returns (the next install after that frees what is over the budget).
        if self.suspended > 0 {
            return;
        }
        while self.live_code_bytes() > self.params.code_budget_bytes {
            let coldest = self
                .installed
                .iter()
                .filter(|installed| installed.parent.is_none() && installed.number != keep)
                .filter(|installed| installed.native.borrow().is_some())
                .min_by_key(|installed| installed.last_entered.get())
                .map(|installed| installed.number);
            match coldest {
                Some(root) => self.free_tree(root),
                None => break,
            }
        }
    }

    /// Frees the machine code of the tree rooted at `root`: its side traces are
    /// unlinked first, then every trace's code is given back to the compiler. The
    /// root's loop notices at its next arrival and is recorded again when hot.
    pub(crate) fn free_tree(&mut self, root: u32) {
        self.epoch += 1;
        self.callees.clear();
        // The tree, and side traces of other trees that jump into this root.
        let enters = |installed: &InstalledTrace| {
            installed.trace.side.and_then(|side| side.enters) == Some(root)
        };
        let members: Vec<_> = self
            .installed
            .iter()
            .filter(|installed| installed.root == root || enters(installed))
            .cloned()
            .collect();
        for member in &members {
            for slot in member.exit_slots.iter() {
                slot.store(0, std::sync::atomic::Ordering::Release);
            }
            // Unlink it from its parent's exit (which may belong to another tree).
            if let Some(parent) = member.parent {
                let slot = self
                    .installed
                    .get(parent.trace as usize)
                    .and_then(|parent_trace| parent_trace.exit_slots.get(parent.snapshot as usize));
                if let Some(slot) = slot {
                    slot.store(0, std::sync::atomic::Ordering::Release);
                }
            }
        }
        for member in &members {
            let code = member.native.borrow_mut().take();
            if let (Some(code), Some(compiler)) = (code, self.compiler.installed.as_mut()) {
                compiler.free(code);
                self.stats.traces_freed += 1;
            }
        }
    }
}
