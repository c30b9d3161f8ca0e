//! What direct calls (`vm/direct_call.rs`) keep: [`Callees`], the compiled entries
//! of the functions traces call directly, remembered so that a call does not look
//! its callee up in the loop table, nor a prologue's exit its loop's trace; and
//! [`DirectStack`], the value stack their frames live on.
//!
//! **Invariant:** an entry holds only for the `JitState::epoch` it was made in. Every
//! change that could make an answer wrong (installing a trace, which may compile a
//! root, add a side trace that inlines calls or replace a loop's trace; freeing a
//! tree) bumps the epoch, so a stale entry is never used. What can change without a
//! new epoch (the mode, `JitParams::trace_functions`) is checked at every use.

use std::rc::Rc;

use super::abi::RawSlot;
use super::InstalledTrace;
use crate::bytecode::CodeId;
use crate::value::Value;

/// How many callees are remembered (calls usually go to one or two functions).
const CALLEES: usize = 4;

/// A function whose entry trace calls can run directly.
#[derive(Debug)]
pub(crate) struct Callee {
    pub code: CodeId,
    pub epoch: u64,
    /// A function without a loop (usable only with `JitParams::trace_functions`),
    /// rather than a prologue.
    pub traced: bool,
    /// Its entry trace (a root whose tree inlines no call) and machine code.
    pub trace: Rc<InstalledTrace>,
    pub entry: *const u8,
    /// For a prologue: the loop trace it was last seen to leave into.
    pub then: Option<LoopAfter>,
}

/// A prologue's exit at its loop's header, and the loop's trace it goes on in.
#[derive(Debug)]
pub(crate) struct LoopAfter {
    /// The exit (trace number and snapshot) it holds for.
    pub exit: (u32, u32),
    pub trace: Rc<InstalledTrace>,
    pub entry: *const u8,
}

/// The last few callees (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct Callees {
    entries: [Option<Callee>; CALLEES],
    /// The entry the next new callee replaces.
    next: usize,
}

impl Callees {
    /// The callee remembered for `code`, if it holds in `epoch`.
    #[inline]
    pub fn find(&mut self, code: CodeId, epoch: u64) -> Option<&mut Callee> {
        self.entries
            .iter_mut()
            .flatten()
            .find(|callee| callee.code == code && callee.epoch == epoch)
    }

    /// Remembers `callee`, in place of the stale entry for its code or of the
    /// oldest.
    pub fn remember(&mut self, callee: Callee) {
        let same = self
            .entries
            .iter()
            .position(|entry| entry.as_ref().is_some_and(|old| old.code == callee.code));
        let index = same.unwrap_or_else(|| {
            let index = self.next;
            self.next = (self.next + 1) % CALLEES;
            index
        });
        self.entries[index] = Some(callee);
    }

    /// Forgets every callee (their traces may be freed).
    pub fn clear(&mut self) {
        self.entries = Default::default();
    }
}

/// Slots of the direct stack (16 bytes each): a deeper recursion of direct calls
/// goes on in nested runs.
const DIRECT_STACK_SLOTS: usize = 1 << 16;

/// The value stack the frames of direct calls in progress live on, innermost last.
///
/// **Invariant:** its slots never move. It is allocated once at its full size, and
/// a frame that would not fit is refused (the call is made by a nested run), so no
/// push reallocates while compiled code holds the address of a frame below.
#[derive(Debug, Default)]
pub(crate) struct DirectStack {
    slots: Vec<Value>,
}

impl DirectStack {
    /// Pushes a frame of `locals` slots, `args` first and the others unbound: its
    /// base, or `None` if it does not fit.
    #[inline]
    pub fn open_frame(&mut self, args: &[Value], locals: usize) -> Option<usize> {
        if self.slots.capacity() == 0 {
            self.slots.reserve_exact(DIRECT_STACK_SLOTS);
        }
        let base = self.slots.len();
        if locals > self.slots.capacity() - base || args.len() > locals {
            return None;
        }
        for arg in args {
            self.slots.push(arg.clone());
        }
        while self.slots.len() < base + locals {
            self.slots.push(Value::Unbound);
        }
        Some(base)
    }

    /// The address of the frame at `base`, for compiled code.
    #[inline]
    pub fn frame_address(&mut self, base: usize) -> *mut RawSlot {
        self.slots.as_mut_ptr().wrapping_add(base) as *mut RawSlot
    }

    /// The frame at `base` (the innermost), made `len` slots long (new ones
    /// unbound); `None` if it does not fit.
    pub fn grow_frame(&mut self, base: usize, len: usize) -> Option<&mut [Value]> {
        if base > self.slots.len() || len > self.slots.capacity() - base {
            return None;
        }
        self.slots.resize(base + len, Value::Unbound);
        self.slots.get_mut(base..)
    }

    /// Pops the frame at `base` (and anything above it).
    #[inline]
    pub fn close_frame(&mut self, base: usize) {
        while self.slots.len() > base {
            match self.slots.pop() {
                // An immediate owns nothing: no drop glue to run.
                Some(value) if value.is_immediate() => std::mem::forget(value),
                value => drop(value),
            }
        }
    }

    /// Pops the frame at `base`, moving its values to the end of `into`.
    pub fn take_frame(&mut self, base: usize, into: &mut Vec<Value>) {
        if base <= self.slots.len() {
            into.extend(self.slots.drain(base..));
        }
    }
}
