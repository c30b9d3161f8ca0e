//! Python calls a running trace makes (`call_py`): the callee runs in a nested run of
//! the interpreter, with a value stack of its own.
//!
//! A trace calls a Python function it does not inline (a recursive call, one past the
//! inlining depth, one that fills parameters from defaults, one whose loop has a
//! trace) by suspending in a helper while a new [`Interp`] runs the callee (or, for a
//! callee with a compiled entry trace, its traces run directly: `direct_call.rs`). The nested run enters the callee's own
//! traces, so every level of a recursion runs compiled. Its stack is its own, so the
//! caller's frame, which compiled code reads and writes in place, never moves. What
//! the two runs share stays consistent:
//! - the recursion limit: the nested run starts at the caller's depth (`depth_base`),
//!   inlined frames included, so `RecursionError` comes at CPython's depth;
//! - the step budget and the time limit: the caller's slice, remaining fuel and
//!   deadline pass to the nested run and back;
//! - the objects the caller's traces keep alive (the floor of `Deferred`), and code
//!   memory (no tree is freed while a trace is suspended, `JitState::suspended`);
//! - the native stack: every level uses some, so a call is not made here when less
//!   than [`MIN_NATIVE_STACK`] is left (nor near the recursion limit): the trace exits
//!   and the interpreter makes the call in its own frame stack.

use std::any::Any;
use std::rc::Rc;

use super::interp::{Flow, Interp, STEP_SLICE};
use super::recording::AfterRecording;
use crate::bytecode::Code;
use crate::exception::PyErr;
use crate::value::Value;

/// Native stack a nested run must have left to start: enough for the interpreter's
/// and a trace's frames down to the next check.
pub(crate) const MIN_NATIVE_STACK: usize = 256 * 1024;

/// How a nested call went.
pub(crate) enum NestedCall {
    Returned(Value),
    Raised(PyErr),
    /// Not made (near the recursion limit, or short of native stack): nothing
    /// happened, and the interpreter must make the call.
    NotMade,
    /// A host function panicked inside the nested run; the panic goes on unwinding
    /// once the caller is back in a state where it can.
    Panicked(Box<dyn Any + Send>),
}

impl Interp<'_> {
    /// Calls the Python function `callee` with `args` from a trace running in this
    /// interpreter's current frame, `inline_depth` inlined frames deep.
    pub(crate) fn call_nested(
        &mut self,
        callee: &Value,
        args: &[Value],
        inline_depth: usize,
    ) -> NestedCall {
        // The callee comes on top of the caller's depth.
        let depth = self.calling_depth(inline_depth);
        if depth + 1 > self.rt.limits.recursion_limit || !native_stack_left() {
            return NestedCall::NotMade;
        }
        // A function called with exactly its parameters is entered directly, its
        // frame the nested run's first; any other call goes through the stub that
        // makes it (defaults, errors), whose frame stands for the caller's.
        let direct = match callee {
            Value::Function(function) if function.code.param_count as usize == args.len() => {
                Some(&function.code)
            }
            _ => None,
        };
        if let Some(code) = direct {
            // The step the call costs, taken (or raised) at the call, as the
            // interpreter's `enter_function` does before the callee's frame exists.
            if let Err(error) = self.burn_fuel() {
                return NestedCall::Raised(error);
            }
            // A callee with a compiled entry trace runs without a nested run.
            if let Some(compiled) = self.direct_entry(code) {
                let added = inline_depth + 1;
                match self.call_directly(code, args, (depth, added), compiled) {
                    NestedCall::NotMade => {}
                    call => return call,
                }
            }
        }
        self.call_in_nested_run(callee, args, depth, direct)
    }

    /// The depth of a trace running in this interpreter's current frame,
    /// `inline_depth` inlined frames deep: the frames below this run, this run's,
    /// those of the direct calls in progress, the inlined ones and its own.
    pub(crate) fn calling_depth(&self, inline_depth: usize) -> usize {
        self.depth_base + self.frames.len() + self.rt.jit.direct_depth + inline_depth + 1
    }

    /// The count of direct calls in progress (`JitState::direct_depth`) below which
    /// compiled code running in this interpreter's current frame may make a call
    /// compiled (`NativeContext::call_depth_cap`): `call_nested` makes a call from
    /// a trace with no inlined frame while `calling_depth(0) + 1` is within the
    /// recursion limit.
    pub(crate) fn compiled_call_depth_cap(&self) -> usize {
        let without_direct = self.calling_depth(0) - self.rt.jit.direct_depth;
        self.rt
            .limits
            .recursion_limit
            .saturating_sub(without_direct)
    }

    /// `call_nested` for a call that does not run its callee's traces directly: a
    /// nested run makes it (`direct` is the callee's code when it is entered with
    /// exactly its parameters).
    #[inline(never)]
    fn call_in_nested_run(
        &mut self,
        callee: &Value,
        args: &[Value],
        depth: usize,
        direct: Option<&Rc<Code>>,
    ) -> NestedCall {
        let jit = &mut self.rt.jit;
        let floor = jit.deferred.raise_floor();
        jit.suspended += 1;
        let mut stack = jit.spare_stacks.pop().unwrap_or_default();
        let (code, depth_base) = match direct {
            Some(code) => {
                stack.extend(args.iter().cloned());
                stack.resize(code.local_count(), Value::Unbound);
                (Rc::clone(code), depth)
            }
            None => {
                stack.push(callee.clone());
                stack.extend(args.iter().cloned());
                (jit.call_stub(args.len()), depth - 1)
            }
        };
        let direct = direct.is_some();

        let (call, mut stack) = self.run_nested(code, stack, depth_base, |nested| match direct {
            true => nested.run_entered_function(),
            false => nested.dispatch(),
        });
        stack.clear();

        let jit = &mut self.rt.jit;
        jit.deferred.lower_floor(floor);
        jit.suspended -= 1;
        jit.keep_spare_stack(stack);
        call
    }
}

impl Interp<'_> {
    /// Runs `body` on a new interpreter whose first frame runs `code` on `stack`,
    /// with `depth_base` frames below it, this run's step budget and deadline, and
    /// no direct calls counted outside its base; hands the budget back and frees
    /// what the nested run's traces kept. The call's outcome, and its value stack.
    pub(super) fn run_nested(
        &mut self,
        code: Rc<Code>,
        stack: Vec<Value>,
        depth_base: usize,
        body: impl FnOnce(&mut Interp<'_>) -> Result<(), PyErr>,
    ) -> (NestedCall, Vec<Value>) {
        self.rt.jit.stats.nested_runs += 1;
        let outer_direct = std::mem::replace(&mut self.rt.jit.direct_depth, 0);
        let mut nested = Interp::new(&mut *self.rt, code, stack);
        nested.depth_base = depth_base;
        nested.slice = self.slice;
        nested.fuel_after_slice = self.fuel_after_slice;
        nested.deadline = self.deadline;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(&mut nested)));
        let call = match outcome {
            Ok(Ok(())) => NestedCall::Returned(std::mem::replace(&mut nested.result, Value::None)),
            Ok(Err(error)) => NestedCall::Raised(nested.add_traceback(error)),
            Err(panic) => NestedCall::Panicked(panic),
        };
        // Steps the call took (each slice's first step counted with its grant).
        let steps = (nested.slices_taken * STEP_SLICE + self.slice).saturating_sub(nested.slice);
        self.slice = nested.slice;
        self.fuel_after_slice = nested.fuel_after_slice;
        let stack = std::mem::take(&mut nested.stack);
        drop(nested);
        let jit = &mut self.rt.jit;
        jit.direct_depth = outer_direct;
        jit.last_nested_steps = steps;
        // The nested run freed its own kept objects when its traces returned; an
        // error or a panic may have left some.
        jit.free_kept_objects();
        (call, stack)
    }

    /// Runs a function whose frame this run starts in (its arguments in place, the
    /// call's step taken) as a call would: its trace, or its instructions.
    fn run_entered_function(&mut self) -> Result<(), PyErr> {
        let flow = match self.rt.jit.mode != crate::jit::JitMode::Off {
            true => self.function_entry(false),
            false => Flow::Reload,
        };
        match flow {
            Flow::Finished => Ok(()),
            Flow::Raise(error) => Err(*error),
            Flow::RecordFunction => match self.record_loop(0, true)? {
                AfterRecording::Finished => Ok(()),
                AfterRecording::Continue => self.dispatch(),
            },
            _ => self.dispatch(),
        }
    }
}

/// Whether the native stack has room for another nested run (unknown: no).
fn native_stack_left() -> bool {
    stacker::remaining_stack().is_some_and(|left| left >= MIN_NATIVE_STACK)
}
