//! The fast way for a trace to call a function that has a compiled entry trace
//! (`JitParams::trace_functions`): the callee's machine code runs on a frame of its
//! own straight from the `call_py` helper, and when it returns through its `leave`
//! at a `return` no interpreter is made at all, only the return value is read from
//! the exit. Any other exit (a guard without a side trace, a spent step slice, an
//! error) goes on in a nested run from that exit, as `nested.rs` runs any call.
//!
//! The callee's frame is a value stack of its own (from the spare stacks), which
//! nothing resizes while the callee runs. Its compiled code reaches the VM through
//! the caller's interpreter (its context names it), so the frames of direct calls
//! in progress are counted in `JitState::direct_depth` for the recursion limit.

use std::rc::Rc;

use super::interp::{Flow, Interp};
use super::nested::NestedCall;
use crate::bytecode::{Code, Instr};
use crate::jit::abi::{call_compiled, leave_compiled, ExitCode, RawSlot};
use crate::jit::{InstalledTrace, LoopKey};
use crate::value::Value;

impl Interp<'_> {
    /// The compiled entry trace of the function `code`, if calls of it can run it
    /// directly.
    pub(super) fn direct_entry(&self, code: &Code) -> Option<(Rc<InstalledTrace>, *const u8)> {
        let jit = &self.rt.jit;
        if !jit.params.trace_functions || !jit.compiles() {
            return None;
        }
        let key = LoopKey {
            code: code.id,
            pc: 0,
        };
        let trace = jit.loops.get(key)?.trace.clone()?;
        let entry = trace.native_entry()?;
        // Only a tree that inlines no call: an exit then rebuilds just the callee's
        // frame, which the caller's depth check already allowed for.
        (trace.tree_inline_depth.get() == 0).then_some((trace, entry))
    }

    /// Calls the function `code` with `args` (its exact parameters) through its
    /// compiled entry trace. `depth` is the depth of the caller (counting itself),
    /// `added` the frames this call adds to `JitState::direct_depth` while it runs
    /// (the caller's inlined frames and the callee's).
    pub(super) fn call_directly(
        &mut self,
        code: &Rc<Code>,
        args: &[Value],
        (depth, added): (usize, usize),
        (trace, entry): (Rc<InstalledTrace>, *const u8),
    ) -> NestedCall {
        let jit = &mut self.rt.jit;
        let mut frame = jit.spare_stacks.pop().unwrap_or_default();
        frame.extend(args.iter().cloned());
        frame.resize(code.local_count(), Value::Unbound);
        let floor = jit.deferred.raise_floor();
        jit.suspended += 1;
        jit.direct_depth += added;
        jit.stats.trace_entries += 1;
        jit.entry_clock += 1;
        trace.last_entered.set(jit.entry_clock);

        let interp_ptr: *mut Interp<'_> = self;
        // SAFETY: `entry` is live (no tree is freed while `suspended` is non-zero);
        // `frame` holds the callee's locals and nothing resizes it until the call
        // returns; this interpreter is reached only through the context meanwhile.
        let code_word =
            unsafe { call_compiled(interp_ptr, entry, frame.as_mut_ptr() as *mut RawSlot) };
        let exit = code_word.map(ExitCode::decode);
        let returned = exit.and_then(|exit| self.returned_value(code, exit));

        let jit = &mut self.rt.jit;
        jit.direct_depth -= added;
        let call = match (returned, exit) {
            (Some(value), _) => {
                jit.free_kept_objects();
                NestedCall::Returned(value)
            }
            (None, Some(exit)) => {
                let stack = std::mem::take(&mut frame);
                self.go_on_after_exit(code, stack, depth, exit)
            }
            // No compiler after all: nothing ran; the interpreter makes the call.
            (None, None) => NestedCall::NotMade,
        };
        frame.clear();
        let jit = &mut self.rt.jit;
        jit.deferred.lower_floor(floor);
        jit.suspended -= 1;
        jit.keep_spare_stack(frame);
        call
    }

    /// The value a function's trace returned, if `exit` is its `leave` at a `return`
    /// of its own frame (the value is on top of the stack the snapshot describes);
    /// the exit is counted as taken.
    fn returned_value(&mut self, code: &Code, exit: ExitCode) -> Option<Value> {
        let jit = &self.rt.jit;
        if exit.fuel || jit.pending_error.is_some() || jit.pending_panic.is_some() {
            return None;
        }
        let exited = jit.installed.get(exit.trace as usize)?;
        if !exited.leaves_through(exit.snapshot) {
            return None;
        }
        let snapshot = exited.trace.snapshots.get(exit.snapshot as usize)?;
        let at_return = matches!(
            code.instrs.get(snapshot.pc as usize).map(|cell| cell.get()),
            Some(Instr::ReturnValue)
        );
        if !snapshot.inlined.is_empty() || !at_return || snapshot.stack_depth == 0 {
            return None;
        }
        let top = (code.local_count() + snapshot.stack_depth as usize - 1) as u32;
        let index = snapshot
            .entries
            .iter()
            .position(|entry| entry.slot == top)?;
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
    fn go_on_after_exit(
        &mut self,
        code: &Rc<Code>,
        stack: Vec<Value>,
        depth: usize,
        exit: ExitCode,
    ) -> NestedCall {
        let (call, _) = self.run_nested(code.clone(), stack, depth, |nested| {
            let exit = leave_compiled(nested, exit)?;
            match nested.after_native_exit(exit) {
                Flow::Finished => Ok(()),
                Flow::Raise(error) => Err(*error),
                _ => nested.dispatch(),
            }
        });
        call
    }
}
