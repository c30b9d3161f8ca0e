//! The tier-1 interpreter: the dispatch loop, frames, and error unwinding.
//!
//! All frames of one run share a single value stack. A frame's locals start at its
//! `base` (the callee's arguments are already there when it is entered, so passing
//! arguments copies nothing) and its operand stack follows them. The function object
//! being called sits just below `base` and is removed on return.
//!
//! Each instruction executes as its uop sequence (see [`crate::bytecode::instr`]) on
//! the [`Interp`], which implements every uop in `uops.rs`. A uop that deoptimises
//! leaves all state untouched; the loop then rewrites the instruction to its generic
//! form and runs it again.

use std::rc::Rc;
use std::time::Instant;

use crate::bytecode::Code;
use crate::exception::{ExcKind, PyErr, TracebackEntry};
use crate::uop::FlowControl;
use crate::value::Value;

use super::Runtime;

/// Drops a value with the common cases inline: nothing to do for immediates, a
/// reference-count decrement for lists, strings and tuples; other kinds take the
/// out-of-line drop glue.
#[inline(always)]
pub(crate) fn discard(value: Value) {
    if value.is_immediate() {
        std::mem::forget(value);
        return;
    }
    match value {
        Value::List(list) => drop(list),
        Value::Str(text) => drop(text),
        Value::Tuple(items) => drop(items),
        other => drop(other),
    }
}

/// Stores `value` into `slot`, dropping what was there.
///
/// When the old value is an immediate, the new one is written in place without first
/// moving the old one out: `mem::replace` would build the new value in a temporary and
/// copy it as one 16-byte unit, which stalls on store forwarding (the temporary was
/// written as a tag byte and a payload word) on every typed arithmetic result.
#[inline(always)]
pub(crate) fn overwrite(slot: &mut Value, value: Value) {
    if slot.is_immediate() {
        // SAFETY: `slot` is a valid, initialised `Value` that owns nothing (its tag is
        // an immediate's), so overwriting it without running its destructor leaks
        // nothing, and `ptr::write` leaves `slot` holding the valid `value`.
        unsafe { std::ptr::write(slot, value) };
    } else {
        discard(std::mem::replace(slot, value));
    }
}

/// How many steps run between two checks for an interrupt (a few microseconds).
pub(super) const STEP_SLICE: u64 = 10_000;

/// A caller's saved position.
pub(crate) struct Frame {
    pub code: Rc<Code>,
    pub pc: usize,
    pub base: usize,
}

/// What a uop tells the dispatch loop.
pub(crate) enum Flow {
    /// Go on with the next uop, or the next instruction.
    Next,
    /// A guard failed or a typed action does not apply: nothing was changed, run the
    /// generic form of the instruction instead.
    Deopt,
    /// An exception was raised.
    Raise(Box<PyErr>),
    /// The current frame changed (a call or a return): the loop reloads its code.
    Reload,
    /// The loop whose header is this pc became hot: record it.
    Record(u32),
    /// The function just entered became hot: record it from its entry.
    RecordFunction,
    /// The entry frame returned; the value is in `Interp::result`.
    Finished,
}

impl FlowControl for Flow {
    #[inline(always)]
    fn next() -> Flow {
        Flow::Next
    }

    #[inline(always)]
    fn is_next(&self) -> bool {
        matches!(self, Flow::Next)
    }
}

/// One run of the interpreter: from an entry code object until it returns.
pub(crate) struct Interp<'rt> {
    pub rt: &'rt mut Runtime,
    pub stack: Vec<Value>,
    /// The callers of the current frame, outermost first.
    pub frames: Vec<Frame>,
    pub code: Rc<Code>,
    /// The index of the next instruction.
    pub pc: usize,
    /// The index of the instruction being executed (for quickening).
    pub current: usize,
    pub base: usize,
    /// Steps left in the current slice; when it runs out, the slow path checks for an
    /// interrupt and takes the next slice from `fuel_after_slice`.
    pub slice: u64,
    /// Steps left after the current slice (`None`: unlimited).
    pub fuel_after_slice: Option<u64>,
    /// How many slices this run has taken (with `slice`, how many steps it took).
    pub slices_taken: u64,
    /// When the host's time limit runs out (checked between slices).
    pub deadline: Option<Instant>,
    pub result: Value,
    /// Set while a recording executes instructions: a backward jump a side trace
    /// records through (an enclosing loop's) then just jumps, without counting or
    /// entering traces.
    pub recording: bool,
    /// How many traces in a row were entered straight after another's `leave`
    /// (bounded, so a chain of them cannot grow the native stack).
    pub leave_hops: u8,
    /// For a nested run (a trace's `call_py`): the Python frames of the runs it is
    /// nested in, which count toward the recursion limit.
    pub depth_base: usize,
}

impl<'rt> Interp<'rt> {
    /// A run of `code` with `stack` as its initial operand stack.
    pub fn new(rt: &'rt mut Runtime, code: Rc<Code>, stack: Vec<Value>) -> Interp<'rt> {
        let fuel = rt.limits.fuel;
        let deadline = rt
            .limits
            .time
            .and_then(|limit| Instant::now().checked_add(limit));
        let mut stack = stack;
        stack.reserve(256);
        Interp {
            rt,
            stack,
            frames: Vec::new(),
            code,
            pc: 0,
            current: 0,
            base: 0,
            slice: 0,
            fuel_after_slice: fuel,
            slices_taken: 0,
            deadline,
            result: Value::None,
            recording: false,
            leave_hops: 0,
            depth_base: 0,
        }
    }

    /// Runs until the entry frame returns or an exception escapes it.
    pub fn run(mut self) -> Result<Value, PyErr> {
        let outcome = self.dispatch();
        if let Some(after) = self.fuel_after_slice {
            self.rt.limits.fuel = Some(after + self.slice);
        }
        match outcome {
            Ok(()) => Ok(std::mem::replace(&mut self.result, Value::None)),
            Err(error) => {
                let error = self.add_traceback(error);
                // Free the frames' values before returning: their drop may be large.
                self.stack.clear();
                Err(error)
            }
        }
    }

    pub(super) fn dispatch(&mut self) -> Result<(), PyErr> {
        loop {
            // The current code and its instructions stay in locals (registers) while
            // the frame runs; a call or return (`Flow::Reload`) switches to the new
            // frame's code.
            let code = self.code.clone();
            let instrs: &[std::cell::Cell<crate::bytecode::Instr>] = &code.instrs;
            loop {
                let Some(cell) = instrs.get(self.pc) else {
                    return Err(PyErr::new(
                        ExcKind::RuntimeError,
                        "internal error: ran past the end of the code",
                    ));
                };
                self.current = self.pc;
                self.pc += 1;
                match crate::bytecode::Instr::execute_in(cell, self) {
                    Flow::Next => {}
                    Flow::Reload => break,
                    Flow::Record(anchor) => match self.record_loop(anchor, false)? {
                        super::recording::AfterRecording::Continue => break,
                        super::recording::AfterRecording::Finished => return Ok(()),
                    },
                    Flow::RecordFunction => match self.record_loop(0, true)? {
                        super::recording::AfterRecording::Continue => break,
                        super::recording::AfterRecording::Finished => return Ok(()),
                    },
                    Flow::Deopt => {
                        cell.set(cell.get().generic());
                        self.pc = self.current;
                    }
                    Flow::Raise(error) => return Err(*error),
                    Flow::Finished => return Ok(()),
                }
            }
        }
    }

    /// Makes a new frame of `code`, whose slots start at `base`, the current one; the
    /// caller is saved to resume at the current `pc`. (Calls and trace exits that
    /// rebuild inlined frames both enter frames this way.)
    pub fn push_frame(&mut self, code: Rc<Code>, base: usize) {
        let caller = std::mem::replace(&mut self.code, code);
        self.frames.push(Frame {
            code: caller,
            pc: self.pc,
            base: self.base,
        });
        self.base = base;
    }

    /// Records where each live frame was, outermost first.
    pub(super) fn add_traceback(&self, mut error: PyErr) -> PyErr {
        let saved = self
            .frames
            .iter()
            .map(|frame| (&frame.code, frame.pc.saturating_sub(1)));
        let entries: Vec<TracebackEntry> = saved
            .chain(std::iter::once((&self.code, self.current)))
            .filter(|(code, _)| !code.filename.is_empty())
            .map(|(code, at)| TracebackEntry {
                filename: code.filename.clone(),
                line: code.line_at(at),
                function: code.name.clone(),
            })
            .collect();
        error.add_outer_frames(entries.into_iter());
        error
    }

    // Stack helpers. The compiler keeps the stack balanced, so these never see an
    // empty stack in a correct program; they avoid panicking even if one does.

    #[inline(always)]
    pub fn push(&mut self, value: Value) {
        // Growing is a call: taking it out of line keeps the value in registers on
        // the common path instead of spilling it around the call.
        if self.stack.len() == self.stack.capacity() {
            self.push_growing(value);
            return;
        }
        self.stack.push(value);
    }

    #[cold]
    #[inline(never)]
    fn push_growing(&mut self, value: Value) {
        self.stack.push(value);
    }

    #[inline(always)]
    pub fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or_else(|| Value::None)
    }

    /// Pops and drops the top value, without a call into drop glue for immediates.
    #[inline(always)]
    pub fn pop_discard(&mut self) {
        if let Some(value) = self.stack.pop() {
            discard(value);
        }
    }

    /// The value `depth` below the top (0 is the top).
    #[inline(always)]
    pub fn peek(&self, depth: usize) -> &Value {
        // Below the bottom, the index wraps to a huge one that `get` refuses.
        let at = self.stack.len().wrapping_sub(depth + 1);
        self.stack.get(at).unwrap_or(&Value::None)
    }

    /// The value `depth` below the top (0 is the top), if the stack is that deep.
    /// Guards test through this, with a branch rather than the select `peek` needs,
    /// so the typed action after them can reuse their checks.
    #[inline(always)]
    pub fn slot(&self, depth: u8) -> Option<&Value> {
        let at = self.stack.len().checked_sub(depth as usize + 1)?;
        self.stack.get(at)
    }

    #[inline(always)]
    pub fn peek_mut(&mut self, depth: usize) -> Option<&mut Value> {
        let len = self.stack.len();
        let at = len.checked_sub(depth + 1)?;
        self.stack.get_mut(at)
    }

    /// Removes the top `count` values, returning them in stack order.
    pub fn pop_n(&mut self, count: usize) -> Vec<Value> {
        let at = self.stack.len().saturating_sub(count);
        self.stack.split_off(at)
    }

    /// Replaces the top `count` values by `value`.
    #[inline(always)]
    pub fn replace_top(&mut self, count: usize, value: Value) {
        for _ in 1..count {
            self.pop_discard();
        }
        match self.stack.last_mut() {
            Some(slot) if count > 0 => overwrite(slot, value),
            _ => self.stack.push(value),
        }
    }

    /// Rewrites the executing instruction (quickening).
    #[inline(always)]
    pub fn quicken(&self, instr: crate::bytecode::Instr) {
        if let Some(cell) = self.code.instrs.get(self.current) {
            cell.set(instr);
        }
    }

    pub fn raise(error: PyErr) -> Flow {
        Flow::Raise(Box::new(error))
    }

    /// Uses one step (a loop iteration or a call). The common case is a decrement;
    /// every [`STEP_SLICE`] steps the slow path checks for an interrupt and the budget.
    #[inline(always)]
    pub fn burn_fuel(&mut self) -> Result<(), PyErr> {
        if self.slice == 0 {
            return self.next_slice();
        }
        self.slice -= 1;
        Ok(())
    }

    /// About how many steps this run has taken (exact while slices are whole; a
    /// nested run counts from its own start).
    pub fn steps_taken(&self) -> u64 {
        (self.slices_taken + 1)
            .saturating_mul(STEP_SLICE)
            .saturating_sub(self.slice)
    }

    #[cold]
    #[inline(never)]
    fn next_slice(&mut self) -> Result<(), PyErr> {
        if self.rt.interrupt.take() {
            return Err(PyErr::new(
                ExcKind::Interrupted,
                "the host interrupted the script",
            ));
        }
        if self
            .deadline
            .is_some_and(|deadline| Instant::now() >= deadline)
        {
            return Err(PyErr::new(
                ExcKind::TimeLimitExceeded,
                "the script ran out of its time limit",
            ));
        }
        if crate::memory::over_limit() {
            return Err(crate::memory::memory_error());
        }
        let granted = match self.fuel_after_slice {
            None => STEP_SLICE,
            Some(0) => {
                return Err(PyErr::new(
                    ExcKind::FuelExhausted,
                    "the script ran out of its step budget",
                ))
            }
            Some(left) => {
                let granted = left.min(STEP_SLICE);
                self.fuel_after_slice = Some(left - granted);
                granted
            }
        };
        // This step is the first of the new slice.
        self.slice = granted - 1;
        self.slices_taken += 1;
        Ok(())
    }
}
