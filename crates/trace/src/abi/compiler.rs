//! What the VM asks of a code generator: [`TraceCompiler`], the request it compiles
//! from, and what it hands back. A code generator may also compile in the background
//! ([`TraceCompiler::start`], [`TraceCompiler::finished`]): the VM goes on
//! interpreting and collects the code at a point where no compiled code runs.

use std::any::Any;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use super::helpers::Identity;
use super::{NativeLayout, RawSlot, Trampoline};
use crate::{SnapEntry, Trace, Type};

/// Which text dumps a compile should produce.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DumpRequest {
    /// The backend's IR (Cranelift's CLIF).
    pub ir: bool,
    /// The machine code as assembly.
    pub asm: bool,
}

/// A side trace's link to the trace tree it belongs to.
#[derive(Clone, Copy, Debug)]
pub struct SideTraceLink<'a> {
    /// The parent's exit, whose values `load_exit` reads (its frame's entries, in order).
    pub parent_entries: &'a [SnapEntry],
    /// The type of each of those values in the parent (`Trace::entry_types`): an
    /// `unbox_int`, `unbox_float` or `unbox_bool` of an exit value the parent had as
    /// that type cannot fail, and checks nothing.
    pub parent_types: &'a [Option<Type>],
    /// The entry of the root trace the side trace tail-calls when it closes the loop.
    pub root_entry: *const u8,
    /// The root's loop, entered with the loop parameters as arguments (null if there
    /// is none to enter that way): a side trace that has each parameter's value in
    /// hand jumps here, skipping the round trip through the frame.
    pub root_loop: *const u8,
    /// The frame slot and type of each of the root's loop parameters.
    pub root_params: &'a [(u32, Type)],
    /// The root loop's range guard (`Trace::range_guard`), which its loop function
    /// leaves to its callers: a side trace that jumps into the loop runs it first,
    /// unless `skip` (`range_guard.rs`). `None` when the loop has none, or the side
    /// trace enters another root from the top.
    pub range_guard: Option<CloseRangeGuard>,
}

/// The range guard a side trace runs before it jumps into its root's loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CloseRangeGuard {
    /// The guard's bounds (`guard_range_iter_within lo hi`).
    pub lo: i64,
    pub hi: i64,
    /// The frame slot of the iterator it checks.
    pub slot: u32,
    /// Whether the side trace passes the iterator that passed it before (then it is
    /// not run).
    pub skip: bool,
}

/// What a backend needs to know of a trace in a function's entry tree (a function
/// without a loop, traced from its entry), for two things:
/// - the tree's `leave` at a `return` of the function's own frame writes the value
///   returned into `NativeContext::returned` too, and its exit code says so
///   (`ExitCode::returned`);
/// - a `call_py` of the function itself from the tree's own frame (depth 0, its
///   callee checked by `guard_code` against `code`, with exactly `params`
///   arguments) may run as a compiled call: a frame of `frame_slots` value slots on
///   the native stack, and a native call of the tree's root entry, with the VM
///   reached only when the callee leaves anywhere but at a `return`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionTree {
    /// The index in `trace.codes` of the function, if the trace names it (else it
    /// makes no call of itself).
    pub code: Option<u32>,
    pub params: u32,
    pub frame_slots: u32,
    /// The root trace's entry (as an address; zero while the root itself is being
    /// compiled, which calls its own entry).
    pub root_entry: usize,
    /// The address of the tree's inlining depth (a `usize` the VM keeps as long as
    /// the tree's code): a compiled call is made only while it is zero.
    pub inline_depth_at: usize,
    /// If the trace's `leave` is at a `return` of the function's own frame: the index
    /// among that snapshot's entries of the value returned.
    pub returns: Option<u32>,
}

/// Where a trace's exit slots are: `count` `AtomicUsize`s from address `base`, one
/// per snapshot, each zero or the entry of the side trace linked to that exit.
/// Compiled code loads them and tail-calls through them; a backend only embeds their
/// addresses, so they travel as plain numbers (a request may go to another thread).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExitSlots {
    pub base: usize,
    pub count: usize,
}

impl ExitSlots {
    /// The addresses of `slots`, which must stay where they are as long as code
    /// compiled with them may run.
    pub fn of(slots: &[AtomicUsize]) -> ExitSlots {
        ExitSlots {
            base: slots.as_ptr() as usize,
            count: slots.len(),
        }
    }

    /// The address of the slot of snapshot `index`.
    pub fn address(&self, index: usize) -> Option<usize> {
        (index < self.count).then(|| self.base + index * std::mem::size_of::<AtomicUsize>())
    }
}

/// Everything a backend needs to compile one trace.
pub struct CompileRequest<'a> {
    pub trace: &'a Trace,
    /// The trace's number (its exits return it).
    pub number: u32,
    /// The trace's exit slots (compiled code loads one at an exit and tail-calls the
    /// side trace there if it is not zero).
    pub exit_slots: ExitSlots,
    pub side: Option<SideTraceLink<'a>>,
    /// The identity of each code object in `trace.codes` (what `guard_code` compares a
    /// function's code with), in order.
    pub code_identities: &'a [Identity],
    /// The bits of each of `trace.consts`, in order (borrowed: the VM keeps the
    /// objects alive as long as the code).
    pub const_values: &'a [RawSlot],
    /// Where the VM's objects keep the fields inline code reads; `None` makes the
    /// backend call helpers instead.
    pub layout: Option<NativeLayout>,
    pub dump: DumpRequest,
    /// Set when the trace belongs to a function's entry tree (see [`FunctionTree`]).
    pub function: Option<FunctionTree>,
    /// Compile quickly rather than well: for a side trace the VM expects to run
    /// rarely (its exit was taken seldom), where compile time would cost more than
    /// slower code.
    pub quick: bool,
    /// A name for profilers and dumps (`trace3 fib.py:4 in run`).
    pub symbol: String,
}

/// A compiled trace, owned by the VM until it is freed.
pub struct CompiledCode {
    pub entry: *const u8,
    /// A root trace's loop, entered with its parameters (null for a side trace).
    pub loop_entry: *const u8,
    pub code_bytes: usize,
    pub compile_time: Duration,
    /// Requested dumps, as text.
    pub dumps: Vec<String>,
    /// The backend's handle on the code memory, given back to [`TraceCompiler::free`].
    pub memory: Box<dyn Any>,
}

impl std::fmt::Debug for CompiledCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledCode")
            .field("entry", &self.entry)
            .field("code_bytes", &self.code_bytes)
            .finish_non_exhaustive()
    }
}

/// Why a trace was not compiled; the loop stays with the interpreter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// A short name for the stats (`unsupported`, `verifier`, `codegen`).
    pub reason: &'static str,
    pub detail: String,
}

/// A code generator for traces (implemented by `tracelift-backend`).
pub trait TraceCompiler {
    /// The platform-convention entry the VM calls traces through.
    fn trampoline(&self) -> Trampoline;

    fn compile(&mut self, request: &CompileRequest<'_>) -> Result<CompiledCode, CompileError>;

    /// Frees a trace's code. The VM calls it only when the trace is unlinked and no
    /// native frame can be inside it.
    fn free(&mut self, code: CompiledCode);

    /// Starts compiling `request` off the VM's thread, to be collected under `ticket`
    /// from [`TraceCompiler::finished`]; false if this compiler only compiles in the
    /// foreground (the VM then calls [`TraceCompiler::compile`]). Everything the
    /// request borrows is copied: the VM may change or drop it at once.
    fn start(&mut self, ticket: u64, request: &CompileRequest<'_>) -> bool {
        let _ = (ticket, request);
        false
    }

    /// A compile [`TraceCompiler::start`] began that has finished, with its ticket:
    /// the first ready one, or with `wait`, the first to finish. `None` when none is
    /// ready (or, with `wait`, none is in progress). Never blocks without `wait`.
    fn finished(&mut self, wait: bool) -> Option<(u64, Result<CompiledCode, CompileError>)> {
        let _ = wait;
        None
    }
}
