//! The contract between the VM and compiled traces, as types and numbers only (this
//! crate has no `unsafe` and knows neither the interpreter nor Cranelift).
//!
//! Compiled code and the VM meet at three places, all `#[repr(C)]` or `extern "C"`:
//! - **Entry**: the backend's trampoline, [`Trampoline`] (`extern "C" fn(entry, frame,
//!   ctx) -> exit`), calls a trace's entry (a function in the backend's own calling
//!   convention) with a pointer to the frame's first slot and a [`NativeContext`].
//! - **Exits**: an exit block writes the values its snapshot lists, in order (the
//!   frame's entries, then each inlined frame's), as value slots into
//!   `ctx.exit_values`, and returns an [`ExitCode`]. The VM rebuilds the frames.
//! - **Helpers** ([`helpers`]): `extern "C"` functions of the VM that compiled code
//!   calls for what it does not inline, declared once in [`for_each_helper!`]
//!   (crate::for_each_helper) with their exact Rust signatures. The VM's list of
//!   addresses and the backend's signatures both come from that table.
//!
//! A value slot is 16 bytes: a tag byte ([`tag`]) at offset 0 and an 8-byte payload at
//! offset 8; ints are `i64`, floats their `f64` bits, bools a byte, and heap objects a
//! pointer whose pointee layout is the VM's (what compiled code may read of it is
//! measured at run time and passed in as [`NativeLayout`]).

mod compiler;
pub mod helpers;
mod layout;

pub use compiler::{
    CloseRangeGuard, CompileError, CompileRequest, CompiledCode, DumpRequest, ExitSlots,
    FunctionTree, SideTraceLink, TraceCompiler,
};
pub use helpers::{AbiType, Helper, HelperTable};
pub use layout::NativeLayout;

/// Tag numbers of the value slot (its first byte).
pub mod tag {
    pub const UNBOUND: u8 = 0;
    pub const NONE: u8 = 1;
    pub const BOOL: u8 = 2;
    pub const INT: u8 = 3;
    pub const FLOAT: u8 = 4;
    /// Tags up to this one are immediates: the value owns no heap reference.
    pub const LAST_IMMEDIATE: u8 = FLOAT;
    pub const BIG_INT: u8 = 5;
    pub const STR: u8 = 6;
    pub const LIST: u8 = 7;
    pub const TUPLE: u8 = 8;
    pub const RANGE: u8 = 9;
    pub const FUNCTION: u8 = 10;
    pub const BUILTIN: u8 = 11;
    pub const HOST_FUNCTION: u8 = 12;
    pub const METHOD: u8 = 13;
    pub const ITER: u8 = 14;
}

/// The size of one value slot, and where its parts are.
pub const SLOT_SIZE: i32 = 16;
pub const TAG_OFFSET: i32 = 0;
pub const PAYLOAD_OFFSET: i32 = 8;

/// One value slot as raw bytes, without ownership (compiled code writes borrowed
/// values in this shape).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C, align(8))]
pub struct RawSlot(pub [u64; 2]);

const _: () = assert!(std::mem::size_of::<RawSlot>() == SLOT_SIZE as usize);

/// What compiled code reads of the VM while it runs. Its field offsets are part of
/// the contract ([`NativeContext::EXIT_VALUES_OFFSET`] and friends).
#[repr(C)]
pub struct NativeContext {
    /// Where exit blocks write their snapshot's values, one slot each. The one field
    /// a helper may change while the trace runs (`tl_call_py`, whose nested run may
    /// compile traces that need a larger buffer), so compiled code reads it afresh
    /// at every exit.
    pub exit_values: *mut RawSlot,
    /// The interpreter's steps left in the current slice; `burn_fuel` decrements it
    /// inline and leaves the trace when it is zero (the interpreter takes the step).
    pub slice: *mut u64,
    /// The interpreter (type-erased): helpers that need the runtime reach it here.
    pub interp: *mut (),
    /// How many objects the VM keeps alive for the running trace (objects it made or
    /// let go of: borrowed copies may still point at them). A root trace's loop reads
    /// it at its backward jump and, past [`RECYCLE_AT`], hands its object parameters
    /// to the frame and frees the rest, so a loop that makes an object every iteration
    /// does not keep them all until it exits.
    pub deferred_len: *const u64,
    /// The runtime's global slots (a value slot each, indexed by global number): the
    /// array does not move while compiled code runs, since only compiling code adds
    /// globals.
    pub globals: *mut RawSlot,
    /// The frames of calls compiled code is inside (the VM's count of direct calls):
    /// a compiled call of a function's own tree adds one while it runs, so the
    /// recursion limit counts it wherever the VM looks.
    pub call_depth: *mut u64,
    /// A compiled call is made only while `*call_depth` is below this (the VM works
    /// it out at entry from the recursion limit and the frames below); otherwise the
    /// call goes through `tl_call_py`, which raises `RecursionError` where CPython
    /// would.
    pub call_depth_cap: u64,
    /// A compiled call is made only while the native stack pointer is above this
    /// address, so compiled recursion always leaves the VM room to run.
    pub stack_floor: u64,
    /// Where a function tree's `leave` at a `return` also writes the value returned
    /// (its exit code has [`ExitCode::returned`]): a compiled caller reads it here.
    pub returned: RawSlot,
}

/// The number of objects kept for a running trace past which a loop frees them at
/// its next backward jump.
pub const RECYCLE_AT: u64 = 16;

impl NativeContext {
    pub const EXIT_VALUES_OFFSET: i32 = std::mem::offset_of!(NativeContext, exit_values) as i32;
    pub const SLICE_OFFSET: i32 = std::mem::offset_of!(NativeContext, slice) as i32;
    pub const GLOBALS_OFFSET: i32 = std::mem::offset_of!(NativeContext, globals) as i32;
    pub const DEFERRED_LEN_OFFSET: i32 = std::mem::offset_of!(NativeContext, deferred_len) as i32;
    pub const CALL_DEPTH_OFFSET: i32 = std::mem::offset_of!(NativeContext, call_depth) as i32;
    pub const CALL_DEPTH_CAP_OFFSET: i32 =
        std::mem::offset_of!(NativeContext, call_depth_cap) as i32;
    pub const STACK_FLOOR_OFFSET: i32 = std::mem::offset_of!(NativeContext, stack_floor) as i32;
    pub const RETURNED_OFFSET: i32 = std::mem::offset_of!(NativeContext, returned) as i32;
}

/// The most objects one trace run may keep (`NativeContext::deferred_len`) before it
/// exits and the VM frees what it let go of; a compiled call is made only with room
/// for what it keeps.
pub const MAX_TRACE_ALLOCATIONS: u64 = 4096;

/// What a trace returns when it exits: `(trace number << 32) | snapshot`, with bit 31
/// set when the exit was for a spent step-budget slice and bit 30 when it is a
/// function tree's `leave` at a `return` (the value is in
/// [`NativeContext::returned`]). The trace number is the VM's; with side traces
/// linked, the exit may be taken in another trace than the one entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitCode {
    pub trace: u32,
    pub snapshot: u32,
    /// The exit was taken because the slice ran out, not because a guard failed.
    pub fuel: bool,
    /// The exit is a function tree's `leave` at a `return` of its own frame, and
    /// wrote the value returned into [`NativeContext::returned`].
    pub returned: bool,
}

impl ExitCode {
    const FUEL: u32 = 1 << 31;
    /// The bit of [`ExitCode::returned`] in the encoded word.
    pub const RETURNED: u64 = 1 << 30;

    pub fn encode(self) -> u64 {
        let fuel = if self.fuel { ExitCode::FUEL } else { 0 };
        let returned = if self.returned { ExitCode::RETURNED } else { 0 };
        (u64::from(self.trace) << 32) | u64::from(self.snapshot | fuel) | returned
    }

    pub fn decode(code: u64) -> ExitCode {
        ExitCode {
            trace: (code >> 32) as u32,
            snapshot: code as u32 & !ExitCode::FUEL & !(ExitCode::RETURNED as u32),
            fuel: code as u32 & ExitCode::FUEL != 0,
            returned: code & ExitCode::RETURNED != 0,
        }
    }
}

/// The platform-convention function the VM calls to run a trace: it calls `entry`
/// (in the traces' convention) with `frame` and `ctx` and returns its [`ExitCode`].
pub type Trampoline =
    unsafe extern "C" fn(entry: *const u8, frame: *mut RawSlot, ctx: *mut NativeContext) -> u64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_round_trip() {
        for exit in [
            ExitCode {
                trace: 0,
                snapshot: 0,
                fuel: false,
                returned: false,
            },
            ExitCode {
                trace: 7,
                snapshot: 12,
                fuel: true,
                returned: false,
            },
            ExitCode {
                trace: 9,
                snapshot: 3,
                fuel: false,
                returned: true,
            },
            ExitCode {
                trace: u32::MAX,
                snapshot: (1 << 30) - 1,
                fuel: true,
                returned: true,
            },
        ] {
            assert_eq!(ExitCode::decode(exit.encode()), exit);
        }
    }
}
