//! The VM's half of the compiled-code contract (`tracelift_trace::abi` is the
//! contract itself): the helpers compiled code calls (`helpers.rs`, and
//! `generic_helpers.rs` for the generic ops, `str_append.rs` for `s += t`), entering a trace through the
//! trampoline and reading what its exit wrote, and the measurement of the object
//! layout that inline code relies on.
//!
//! Object values inside compiled code are *borrowed* 16-byte slots: the frame, a list
//! or a global owns them. A helper that would drop the last owner of an object while a
//! trace runs moves it to `deferred` instead ([`release`](helpers::release)), so every
//! borrowed slot a trace holds stays valid until control returns to the VM.

mod compiled_call;
mod generic_helpers;
pub mod helpers;
pub mod layout_probe;
mod run;
mod str_append;

pub(crate) use run::{call_compiled, leave_compiled, run_native};

pub use tracelift_trace::abi::{
    CompileError, CompileRequest, CompiledCode, DumpRequest, ExitCode, ExitSlots, FunctionTree,
    NativeContext, RawSlot, SideTraceLink, TraceCompiler, Trampoline,
};

const _: () = assert!(std::mem::size_of::<RawSlot>() == std::mem::size_of::<crate::value::Value>());

/// A borrowed bit copy of `value`, as compiled code holds objects (the owner of
/// `value` must keep it alive as long as the copy is used).
pub fn borrowed_bits(value: &crate::value::Value) -> RawSlot {
    // SAFETY: `RawSlot` and `Value` have the same size (asserted above) and `RawSlot`
    // is plain bits with no invalid patterns; reading a valid value's bytes is sound.
    unsafe { std::ptr::read(value as *const crate::value::Value as *const RawSlot) }
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

/// Makes the trace compiler; run when the first trace is compiled.
pub type CompilerFactory = Box<dyn FnOnce() -> Result<Box<dyn TraceCompiler>, String>>;

/// The code generator mode `on` compiles with: installed, or still to be made when the
/// first trace is compiled (so a run that compiles nothing never pays for making one,
/// about 0.2M instructions of a `print(1)` that runs 0.56M without it), or failed to
/// be made (then traces are evaluated, as with no compiler at all).
#[derive(Default)]
pub struct CompilerSlot {
    pub(crate) installed: Option<Box<dyn TraceCompiler>>,
    pub(crate) pending: Option<CompilerFactory>,
    pub(crate) error: Option<String>,
}

impl CompilerSlot {
    /// Whether traces are to be compiled: a compiler is installed or can be made.
    pub fn available(&self) -> bool {
        self.installed.is_some() || self.pending.is_some()
    }

    /// Why the compiler could not be made, once making it was tried and failed.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

impl std::fmt::Debug for CompilerSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.installed.is_some() {
            "CompilerSlot(installed)"
        } else if self.pending.is_some() {
            "CompilerSlot(pending)"
        } else {
            "CompilerSlot(none)"
        })
    }
}
