//! The interpreter's side of compiled traces: the contract between the VM and machine
//! code, without depending on any code generator.
//!
//! A backend (the `tracelift-backend` crate, on Cranelift) implements
//! [`TraceCompiler`]; the facade installs it in [`crate::jit::JitState`]. Compiled code
//! and the VM meet at three places, all `#[repr(C)]` or `extern "C"`:
//! - **Entry**: the backend's trampoline, `extern "C" fn(entry, frame, ctx) -> exit`,
//!   calls a trace's entry (a function of the backend's own calling convention) with a
//!   pointer to the frame's first slot and a [`NativeContext`].
//! - **Exits**: an exit block writes the values its snapshot lists, in order (the
//!   frame's entries, then each inlined frame's), as [`Value`](crate::value::Value)
//!   slots into `ctx.exit_values`, and returns [`ExitCode`]. The VM then rebuilds the
//!   frames exactly as the trace evaluator does (`jit/exit.rs`).
//! - **Helpers** (`helpers.rs`): `extern "C"` functions compiled code calls for what is
//!   not inlined. They never panic and never run Python code; they return a status and
//!   the trace exits when it is not OK.
//!
//! Object values inside compiled code are *borrowed* 16-byte slots: the frame, a list
//! or a global owns them. A helper that would drop the last owner of an object while a
//! trace runs moves it to `deferred` instead ([`release`](helpers::release)), so every
//! borrowed slot a trace holds stays valid until control returns to the VM.

pub mod helpers;
mod install;
pub mod layout;
mod run;

pub(crate) use run::run_native;

use std::any::Any;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use crate::trace::{SnapEntry, Trace};

/// What compiled code reads of the VM while it runs. Field offsets are part of the
/// backend contract ([`NativeContext::EXIT_VALUES_OFFSET`] and friends).
#[repr(C)]
pub struct NativeContext {
    /// Where exit blocks write their snapshot's values, one 16-byte slot each.
    pub exit_values: *mut RawSlot,
    /// The interpreter's steps left in the current slice; `burn_fuel` decrements it
    /// inline and leaves the trace when it is zero (the interpreter takes the step).
    pub slice: *mut u64,
    /// The interpreter (type-erased): helpers that need the runtime reach it here.
    pub interp: *mut (),
}

impl NativeContext {
    pub const EXIT_VALUES_OFFSET: i32 = std::mem::offset_of!(NativeContext, exit_values) as i32;
    pub const SLICE_OFFSET: i32 = std::mem::offset_of!(NativeContext, slice) as i32;
}

/// One value slot as raw bytes: the layout of a [`Value`](crate::value::Value), without
/// its ownership (compiled code writes borrowed values here).
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(8))]
pub struct RawSlot(pub [u64; 2]);

const _: () = assert!(std::mem::size_of::<RawSlot>() == std::mem::size_of::<crate::value::Value>());

/// What a trace returns when it exits: `(trace number << 32) | snapshot`, with bit 31
/// set when the exit was for a spent step-budget slice. The trace number indexes
/// [`crate::jit::JitState::installed`]; with side traces linked, the exit may be
/// taken in another trace than the one entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitCode {
    pub trace: u32,
    pub snapshot: u32,
    /// The exit was taken because the slice ran out, not because a guard failed.
    pub fuel: bool,
}

impl ExitCode {
    const FUEL: u32 = 1 << 31;

    pub fn encode(self) -> u64 {
        let fuel = if self.fuel { ExitCode::FUEL } else { 0 };
        (u64::from(self.trace) << 32) | u64::from(self.snapshot | fuel)
    }

    pub fn decode(code: u64) -> ExitCode {
        ExitCode {
            trace: (code >> 32) as u32,
            snapshot: code as u32 & !ExitCode::FUEL,
            fuel: code as u32 & ExitCode::FUEL != 0,
        }
    }
}

/// The platform-convention function the VM calls to run a trace: it calls `entry`
/// (in the traces' convention) with `frame` and `ctx` and returns its [`ExitCode`].
pub type Trampoline =
    unsafe extern "C" fn(entry: *const u8, frame: *mut RawSlot, ctx: *mut NativeContext) -> u64;

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
    /// The root trace's entry, which the side trace tail-calls when it closes the loop.
    pub root_entry: *const u8,
    /// The root's loop, entered with the loop parameters as arguments (null if the
    /// root has none): a side trace that has each parameter's value in hand jumps
    /// here, skipping the round trip through the frame.
    pub root_loop: *const u8,
    /// The frame slot and type of each of the root's loop parameters.
    pub root_params: &'a [(u32, crate::trace::Type)],
}

/// Everything a backend needs to compile one trace.
pub struct CompileRequest<'a> {
    pub trace: &'a Trace,
    /// The trace's number in `JitState::installed` (exits return it).
    pub number: u32,
    /// One slot per snapshot: zero, or the entry of the side trace linked to that exit
    /// (compiled code loads it and tail-calls through it).
    pub exit_slots: &'a [AtomicUsize],
    pub side: Option<SideTraceLink<'a>>,
    pub dump: DumpRequest,
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
    /// A short name for the stats (`unsupported_op`, `verifier`, `codegen`).
    pub reason: &'static str,
    pub detail: String,
}

/// Where a side trace hangs in its tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParentExit {
    /// The trace whose exit the side trace starts at.
    pub trace: u32,
    pub snapshot: u32,
    /// The root of the tree (whose loop the side trace closes).
    pub root: u32,
}

/// The installed [`TraceCompiler`], if any.
#[derive(Default)]
pub struct CompilerSlot(pub Option<Box<dyn TraceCompiler>>);

impl std::fmt::Debug for CompilerSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "CompilerSlot(installed)"
        } else {
            "CompilerSlot(none)"
        })
    }
}

/// A code generator for traces (implemented outside this crate).
pub trait TraceCompiler {
    /// The platform-convention entry the VM calls traces through.
    fn trampoline(&self) -> Trampoline;

    fn compile(&mut self, request: &CompileRequest<'_>) -> Result<CompiledCode, CompileError>;

    /// Frees a trace's code. The VM calls it only when the trace is unlinked and no
    /// native frame can be inside it (compiled code never outlives a VM call into it).
    fn free(&mut self, code: CompiledCode);
}
