//! The fast way for a trace to call a function that has a compiled entry trace (a
//! function without a loop under `JitParams::trace_functions`, or a function's
//! prologue, `vm/function_entry.rs`): the callee's machine code runs on a frame of
//! its own straight from the `call_py` helper, and when it returns through its
//! `leave` at a `return` no interpreter is made at all, only the return value is
//! read from the exit. A prologue's trace leaves at its loop's header instead: the
//! exit's values are written into the frame and the loop's trace runs on it, whose
//! exit side trace returns the same way. Any other exit (a guard without a side
//! trace, a spent step slice, an error) goes on in a nested run from that exit, as
//! `nested.rs` runs any call.
//!
//! The callee's frame is pushed on `JitState::direct_stack`, whose slots never move
//! (`jit/callees.rs`); the callee's entry, and the loop trace a prologue leaves
//! into, are remembered in `JitState::callees` for the epoch, so a call looks
//! nothing up in the loop table. Its compiled code reaches the VM through the
//! caller's interpreter (its context names it), so the frames of direct calls in
//! progress are counted in `JitState::direct_depth` for the recursion limit.

use std::rc::Rc;

use super::interp::{Flow, Interp};
use super::nested::NestedCall;
use crate::bytecode::Code;
use crate::jit::abi::{call_compiled, leave_compiled, ExitCode};
use crate::jit::{Callee, FunctionEntry, InstalledTrace, JitState, LoopAfter, LoopKey};
use crate::value::Value;
use tracelift_trace::Snapshot;

impl Interp<'_> {
    /// The machine code of the function `code`'s entry trace, if calls of it can
    /// run it directly; its tree counts as entered now. Remembered in
    /// `JitState::callees` for the epoch, so most calls do not look in the loop
    /// table.
    pub(super) fn direct_entry(&mut self, code: &Code) -> Option<*const u8> {
        let jit = &mut self.rt.jit;
        if !jit.compiles() {
            return None;
        }
        let trace_functions = jit.params.trace_functions;
        if let Some(callee) = jit.callees.find(code.id, jit.epoch) {
            if callee.traced && !trace_functions {
                return None;
            }
            jit.entry_clock += 1;
            callee.trace.last_entered.set(jit.entry_clock);
            return Some(callee.entry);
        }
        let key = LoopKey {
            code: code.id,
            pc: 0,
        };
        let state = jit.loops.get(key)?;
        let trace = state.trace.clone()?;
        let traced = match state.function {
            FunctionEntry::Traced => true,
            FunctionEntry::Prologue => false,
            // A loop whose header is the function's entry (`while` as its first
            // statement): the loop's trace runs from the call, as it would at the
            // loop's first backward jump, if it reads nothing but the arguments (a
            // local the loop carries is still unbound at the call, and would fail
            // the trace's entry check at every call).
            FunctionEntry::HasLoop if reads_only_arguments(&trace, code) => false,
            FunctionEntry::HasLoop | FunctionEntry::Unseen => return None,
        };
        let entry = trace.native_entry()?;
        // Only a tree that inlines no call: an exit then rebuilds just the callee's
        // frame, which the caller's depth check already allowed for.
        if trace.tree_inline_depth.get() != 0 {
            return None;
        }
        if traced && !trace_functions {
            return None;
        }
        jit.entry_clock += 1;
        trace.last_entered.set(jit.entry_clock);
        jit.callees.remember(Callee {
            code: code.id,
            epoch: jit.epoch,
            traced,
            trace,
            entry,
            then: None,
        });
        Some(entry)
    }

    /// Calls the function `code` with `args` (its exact parameters) through its
    /// compiled entry trace. `depth` is the depth of the caller (counting itself),
    /// `added` the frames this call adds to `JitState::direct_depth` while it runs
    /// (the caller's inlined frames and the callee's).
    #[inline]
    pub(super) fn call_directly(
        &mut self,
        code: &Rc<Code>,
        args: &[Value],
        (depth, added): (usize, usize),
        entry: *const u8,
    ) -> NestedCall {
        let jit = &mut self.rt.jit;
        let locals = code.local_count();
        let Some(base) = jit.direct_stack.open_frame(args, locals) else {
            return NestedCall::NotMade;
        };
        let floor = jit.deferred.raise_floor();
        jit.suspended += 1;
        jit.direct_depth += added;
        jit.stats.direct_calls += 1;
        jit.stats.trace_entries += 1;

        let slice_before = self.slice;
        let mut exit = self.run_on_frame(entry, base);
        let mut returned = exit.and_then(|exit| self.returned_value(code, exit));
        // An entry trace that left at its loop's header (its prologue ran): the
        // frame takes the exit's values, and the loop's trace runs on it.
        if let (None, Some(left)) = (&returned, exit) {
            if let Some(entry) = self.enter_loop_after(code, left, base) {
                exit = self.run_on_frame(entry, base).or(Some(left));
                returned = exit.and_then(|exit| self.returned_value(code, exit));
            }
        }
        let compiled_steps = slice_before.saturating_sub(self.slice);

        let jit = &mut self.rt.jit;
        jit.direct_depth -= added;
        let call = match (returned, exit) {
            (Some(value), _) => {
                jit.direct_stack.close_frame(base);
                jit.free_kept_objects();
                jit.last_nested_steps = compiled_steps;
                NestedCall::Returned(value)
            }
            (None, Some(exit)) => {
                let call = self.go_on_after_exit(code, base, depth, exit);
                self.rt.jit.last_nested_steps += compiled_steps;
                call
            }
            // No compiler after all: nothing ran; the interpreter makes the call.
            (None, None) => {
                jit.direct_stack.close_frame(base);
                NestedCall::NotMade
            }
        };
        let jit = &mut self.rt.jit;
        jit.deferred.lower_floor(floor);
        jit.suspended -= 1;
        call
    }

    /// Runs compiled code at `entry` on the callee's frame, at `base` in the direct
    /// stack; the exit it left through (`None` without a compiler).
    #[inline]
    fn run_on_frame(&mut self, entry: *const u8, base: usize) -> Option<ExitCode> {
        let frame = self.rt.jit.direct_stack.frame_address(base);
        let interp_ptr: *mut Interp<'_> = self;
        // SAFETY: `entry` is live (no tree is freed while `suspended` is non-zero,
        // and the caller raised it); `frame` holds the callee's locals and the
        // operand stack the trace's header has, in the direct stack, whose slots
        // never move (`DirectStack`) and which nothing shrinks below the frame
        // until the call returns; this interpreter is reached only through the
        // context meanwhile.
        let code_word = unsafe { call_compiled(interp_ptr, entry, frame) };
        code_word.map(ExitCode::decode)
    }

    /// If `exit` is a function's entry trace leaving at the header of a loop of its
    /// own frame whose trace can run here (compiled, at that header's stack depth,
    /// inlining no call): writes the exit's values into `frame`, counts the exit,
    /// counts the entry of the loop's trace and gives its machine code. The values
    /// the exit borrowed stay alive: nothing is freed until the call is over.
    fn enter_loop_after(&mut self, code: &Code, exit: ExitCode, base: usize) -> Option<*const u8> {
        let (target, entry) = loop_after(&mut self.rt.jit, code, exit)?;
        let exited = plain_leave(&self.rt.jit, exit)?.0.clone();
        let snapshot = exited.trace.snapshots.get(exit.snapshot as usize)?;
        let jit = &mut self.rt.jit;
        let frame = jit
            .direct_stack
            .grow_frame(base, code.local_count() + snapshot.stack_depth as usize)?;
        // The values a slot held are dropped only once every new reference is
        // taken: a value the exit borrowed may be owned by a slot it overwrites.
        let buffer = jit.exit_buffer.as_ptr();
        let mut replaced: smallvec::SmallVec<[Value; 4]> = smallvec::SmallVec::new();
        for (index, entry) in snapshot.entries.iter().enumerate() {
            let Some(place) = frame.get_mut(entry.slot as usize) else {
                continue;
            };
            // SAFETY: `index` is within the buffer (checked above); the exit block
            // wrote a valid (borrowed) value into each of the snapshot's slots, whose
            // owner (the frame, a constant, or `deferred`) is alive (what it held is
            // in `replaced`); cloning takes a reference of our own.
            let value = unsafe { (*(buffer.add(index) as *const Value)).clone() };
            let old = std::mem::replace(place, value);
            if !old.is_immediate() {
                replaced.push(old);
            }
        }
        drop(replaced);
        if let Some(count) = exited.exits.get(exit.snapshot as usize) {
            count.set(count.get() + 1);
        }
        let jit = &mut self.rt.jit;
        jit.stats.exits_taken += 1;
        jit.stats.trace_entries += 1;
        jit.entry_clock += 1;
        target.last_entered.set(jit.entry_clock);
        Some(entry)
    }

    /// The value a function's trace returned, if `exit` is its `leave` at a `return`
    /// of its own frame (the value is on top of the stack the snapshot describes);
    /// the exit is counted as taken.
    #[inline(always)]
    fn returned_value(&mut self, code: &Code, exit: ExitCode) -> Option<Value> {
        let jit = &self.rt.jit;
        if exit.fuel || jit.pending_error.is_some() || jit.pending_panic.is_some() {
            return None;
        }
        let exited = jit.installed.get(exit.trace as usize)?;
        let index = exited.return_index(code, exit.snapshot)? as usize;
        let buffer = &jit.exit_buffer;
        if index >= buffer.len() {
            return None;
        }
        // SAFETY: the exit block wrote a valid (borrowed) value into each of the
        // snapshot's slots; its owner (the callee's frame, a constant, or `deferred`)
        // is alive until the caller frees them, and cloning takes a reference of our
        // own first.
        let value = unsafe { (*(buffer.as_ptr().add(index) as *const Value)).clone() };
        if let Some(count) = exited.exits.get(exit.snapshot as usize) {
            count.set(count.get() + 1);
        }
        self.rt.jit.stats.exits_taken += 1;
        Some(value)
    }

    /// A direct call whose trace left elsewhere than at its return: the callee's
    /// frame (`stack`) becomes the first of a nested run, rebuilt from the exit,
    /// which runs the rest of the call.
    #[cold]
    #[inline(never)]
    fn go_on_after_exit(
        &mut self,
        code: &Rc<Code>,
        base: usize,
        depth: usize,
        exit: ExitCode,
    ) -> NestedCall {
        let jit = &mut self.rt.jit;
        let mut stack = jit.spare_stacks.pop().unwrap_or_default();
        jit.direct_stack.take_frame(base, &mut stack);
        self.go_on_in_nested_run(code, stack, depth, exit)
    }

    /// Runs the rest of a call of `code` whose compiled code left through `exit`, in
    /// a nested run whose first frame is the callee's (`stack`), at `depth`.
    fn go_on_in_nested_run(
        &mut self,
        code: &Rc<Code>,
        stack: Vec<Value>,
        depth: usize,
        exit: ExitCode,
    ) -> NestedCall {
        let (call, mut stack) = self.run_nested(code.clone(), stack, depth, |nested| {
            let exit = leave_compiled(nested, exit)?;
            match nested.after_native_exit(exit) {
                Flow::Finished => Ok(()),
                Flow::Raise(error) => Err(*error),
                _ => nested.dispatch(),
            }
        });
        stack.clear();
        self.rt.jit.keep_spare_stack(stack);
        call
    }

    /// Finishes a compiled call of `code` (`jit/abi/compiled_call.rs`) that
    /// compiled code could not: its callee left through `exit`, on the frame
    /// `stack`, having kept for its run what `deferred` holds past the `kept`
    /// objects kept before the call; `returned` is the object it returned, if it
    /// did. As `call_directly` goes on after its callee's trace.
    #[cold]
    #[inline(never)]
    pub(crate) fn finish_compiled_call(
        &mut self,
        code: &Rc<Code>,
        stack: Vec<Value>,
        exit: ExitCode,
        (kept, returned): (usize, Option<Value>),
    ) -> NestedCall {
        let jit = &mut self.rt.jit;
        let floor = jit.deferred.raise_floor_past(kept);
        jit.suspended += 1;
        let call = match returned {
            Some(value) => {
                drop(stack);
                self.rt.jit.free_kept_objects();
                NestedCall::Returned(value)
            }
            None => {
                let depth = self.calling_depth(0);
                self.go_on_in_nested_run(code, stack, depth, exit)
            }
        };
        let jit = &mut self.rt.jit;
        jit.deferred.lower_floor(floor);
        jit.suspended -= 1;
        call
    }
}

/// Whether `trace`, a loop's at the entry of the function `code`, reads only the
/// function's arguments when it is entered (at the header's stack depth, 0).
fn reads_only_arguments(trace: &InstalledTrace, code: &Code) -> bool {
    trace.header_depth == 0
        && trace.trace.entry.insts.iter().all(|inst| match inst.op {
            tracelift_trace::Op::LoadSlot { slot } => slot < code.param_count,
            _ => true,
        })
}

/// The trace `exit` left and the snapshot it left through, if the exit is a `leave`
/// in the trace's own frame with nothing else to do (not a spent step slice, no
/// error or panic waiting, no inlined frame to rebuild).
fn plain_leave(jit: &JitState, exit: ExitCode) -> Option<(&Rc<InstalledTrace>, &Snapshot)> {
    if exit.fuel || jit.pending_error.is_some() || jit.pending_panic.is_some() {
        return None;
    }
    let exited = jit.installed.get(exit.trace as usize)?;
    if !exited.leaves_through(exit.snapshot) {
        return None;
    }
    let snapshot = exited.trace.snapshots.get(exit.snapshot as usize)?;
    snapshot.inlined.is_empty().then_some((exited, snapshot))
}

/// The loop trace a prologue's `exit` goes on in, and its machine code: one compiled
/// at the header the exit leaves at, at that header's stack depth, inlining no
/// call. Remembered with the callee for the epoch.
fn loop_after(
    jit: &mut JitState,
    code: &Code,
    exit: ExitCode,
) -> Option<(Rc<InstalledTrace>, *const u8)> {
    let epoch = jit.epoch;
    let known = jit.callees.find(code.id, epoch).and_then(|callee| {
        let then = callee.then.as_ref()?;
        (then.exit == (exit.trace, exit.snapshot)).then(|| (then.trace.clone(), then.entry))
    });
    if known.is_some() {
        return known;
    }
    let (_, snapshot) = plain_leave(jit, exit)?;
    let key = LoopKey {
        code: code.id,
        pc: snapshot.pc,
    };
    let state = jit.loops.get(key)?;
    if !state.has_loop_trace() {
        return None;
    }
    let target = state.trace.clone()?;
    let entry = target.native_entry()?;
    let fits = target.header_depth == snapshot.stack_depth
        && target.tree_inline_depth.get() == 0
        && snapshot.entries.len() <= jit.exit_buffer.len();
    if !fits {
        return None;
    }
    if let Some(callee) = jit.callees.find(code.id, epoch) {
        callee.then = Some(LoopAfter {
            exit: (exit.trace, exit.snapshot),
            trace: target.clone(),
            entry,
        });
    }
    Some((target, entry))
}
