//! [`InstalledTrace`]: a trace the VM runs, with what it needs beside the IR (the live
//! code objects it names, exit counters and link slots, its machine code).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::AtomicUsize;

use tracelift_trace::Trace;

use super::abi;
use crate::bytecode::Code;
use crate::value::Value;

/// A recorded trace and the live objects it names (`codes[i]` is the code object of
/// `trace.codes[i]`, `consts[i]` the object of `trace.consts[i]`): what a recording
/// produces and the install path takes.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub trace: Trace,
    pub codes: Vec<Rc<Code>>,
    pub consts: Vec<Value>,
    /// For a function's entry trace: the function (its own frame runs it).
    pub function: Option<Rc<Code>>,
}

/// A trace in use: its IR, how often each exit was taken, and its machine code once
/// compiled.
#[derive(Debug)]
pub struct InstalledTrace {
    pub trace: Trace,
    /// The live code object of each of `trace.codes`, at the same index.
    pub codes: Vec<Rc<Code>>,
    /// The object of each of `trace.consts`, at the same index (compiled code holds
    /// borrowed copies, so they live as long as the trace).
    pub consts: Vec<Value>,
    /// The index in `JitState::installed`.
    pub number: u32,
    /// Exits taken, per snapshot (`exits[n]` counts `snapN`).
    pub exits: Vec<Cell<u64>>,
    /// Per snapshot: the VM's step count when that exit was first taken (how often
    /// an exit is taken decides how its side trace is compiled).
    pub first_exit_step: Vec<Cell<Option<u64>>>,
    /// Per snapshot: the entry of the side trace linked to that exit, or zero.
    /// Compiled exit blocks load their slot and tail-call through it.
    pub exit_slots: Box<[AtomicUsize]>,
    /// Side traces that were tried from each exit (recorded or aborted), for backoff.
    pub side_attempts: Vec<Cell<u32>>,
    /// The machine code, in mode `on`; `None` once freed.
    pub native: RefCell<Option<abi::CompiledCode>>,
    /// For a side trace: the root trace and exit it hangs off.
    pub parent: Option<abi::ParentExit>,
    /// The root's number (its own for a root trace).
    pub root: u32,
    /// `JitState::entry_clock` at the last entry into this trace's tree (roots only).
    pub last_entered: Cell<u64>,
    /// The operand stack depth at the loop header (where side traces end).
    pub header_depth: u32,
    /// For a root: the most inlined frames an exit of any trace in its tree rebuilds
    /// (the recursion-limit check on entry uses it).
    pub tree_inline_depth: Cell<usize>,
    /// For the root of a function's entry tree: the function.
    pub function: Option<Rc<Code>>,
    /// The snapshot of the trace's final `leave`, if it ends with one.
    leave: Option<u32>,
    /// Once a direct call asked (`return_index`): where in the exit buffer that
    /// `leave` writes the value a `return` of the trace's own frame returns, or
    /// `None` when it leaves elsewhere.
    returns: Cell<Option<Option<u32>>>,
}

impl InstalledTrace {
    /// Whether exit `snapshot` is the trace's end (its final `leave`), which the VM
    /// goes on from instead of recording a side trace.
    pub fn leaves_through(&self, snapshot: u32) -> bool {
        self.leave == Some(snapshot)
    }

    /// If exit `snapshot` is the trace's `leave` at a `return` of its own frame
    /// (whose code is `code`, the same at every call): the index in the exit buffer
    /// of the value returned, the top of the stack the snapshot describes. Worked
    /// out at the first call and kept.
    pub fn return_index(&self, code: &Code, snapshot: u32) -> Option<u32> {
        if self.leave != Some(snapshot) {
            return None;
        }
        if let Some(known) = self.returns.get() {
            return known;
        }
        let index = self
            .trace
            .snapshots
            .get(snapshot as usize)
            .and_then(|snapshot| returned_entry(code, snapshot));
        self.returns.set(Some(index));
        index
    }

    /// If the trace ends with a `leave` at a `return` of `code`'s frame: the index
    /// among that snapshot's entries of the value returned.
    pub fn leave_returns(&self, code: &Code) -> Option<u32> {
        self.return_index(code, self.leave?)
    }

    pub fn new(
        recorded: Recorded,
        number: u32,
        parent: Option<abi::ParentExit>,
        header_depth: u32,
    ) -> InstalledTrace {
        let Recorded {
            trace,
            codes,
            consts,
            function,
        } = recorded;
        let snapshots = trace.snapshots.len();
        let inline_depth = trace.inline_depth();
        let leave = trace.leaves_through().map(|id| id.0);
        InstalledTrace {
            trace,
            codes,
            consts,
            number,
            exits: (0..snapshots).map(|_| Default::default()).collect(),
            first_exit_step: (0..snapshots).map(|_| Default::default()).collect(),
            exit_slots: (0..snapshots).map(|_| Default::default()).collect(),
            side_attempts: (0..snapshots).map(|_| Default::default()).collect(),
            native: Default::default(),
            root: parent.map_or(number, |parent| parent.root),
            parent,
            last_entered: Default::default(),
            header_depth,
            tree_inline_depth: Cell::new(inline_depth),
            function,
            leave,
            returns: Cell::new(None),
        }
    }

    /// The compiled entry, if the trace is compiled and not freed.
    pub fn native_entry(&self) -> Option<*const u8> {
        self.native.borrow().as_ref().map(|code| code.entry)
    }

    /// The compiled loop's own entry (parameters as arguments), or null.
    pub fn native_loop_entry(&self) -> *const u8 {
        self.native
            .borrow()
            .as_ref()
            .map_or(std::ptr::null(), |code| code.loop_entry)
    }

    /// The live code object of `trace.codes[index]`.
    pub fn code(&self, index: u32) -> Option<&Rc<Code>> {
        self.codes.get(index as usize)
    }

    /// The object of `trace.consts[index]`.
    pub fn constant(&self, index: u32) -> Option<&Value> {
        self.consts.get(index as usize)
    }

    /// Where the trace's loop is, as dumps and stats name it.
    pub fn location(&self) -> String {
        let anchor = &self.trace.anchor;
        format!(
            "{}:{} in {} (pc {})",
            anchor.filename, anchor.line, anchor.function, anchor.pc
        )
    }
}

/// The index among `snapshot`'s entries of the value a `return` returns, if the
/// snapshot is at a `return` of `code`'s frame (no inlined frame on top) and lists
/// the top of its stack.
fn returned_entry(code: &Code, snapshot: &tracelift_trace::Snapshot) -> Option<u32> {
    let at_return = matches!(
        code.instrs.get(snapshot.pc as usize).map(|cell| cell.get()),
        Some(crate::bytecode::Instr::ReturnValue)
    );
    if !at_return || snapshot.stack_depth == 0 || !snapshot.inlined.is_empty() {
        return None;
    }
    let top = (code.local_count() + snapshot.stack_depth as usize - 1) as u32;
    let index = snapshot
        .entries
        .iter()
        .position(|entry| entry.slot == top)?;
    Some(index as u32)
}
