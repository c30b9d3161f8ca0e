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
