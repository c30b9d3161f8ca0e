//! The trace IR: what the tracing tier records a hot loop into, and what the trace
//! evaluator, the optimizer and the Cranelift backend consume.
//!
//! A trace is linear SSA in two blocks. `entry` reads the interpreter frame's slots
//! (checking and unboxing their types) and jumps into `loop`; `loop` takes the
//! loop-carried values as block parameters, runs one iteration, and jumps back to
//! itself. Values are typed: unboxed `int` (i64), `float`, `bool`, or `obj` (any boxed
//! Python value). Every instruction that may leave the trace (a guard, an overflow
//! check, an index out of range) names a [`Snapshot`]: the pc where the interpreter
//! resumes and the value of each frame slot that differs from the frame in memory.
//! Locals live in SSA values inside the trace and reach the frame only through
//! snapshots at exits.
//!
//! [`print`] writes a trace as stable text, [`parse`] reads it back (for tests), and
//! [`verify`] checks every invariant listed in its docs.

mod ir;
mod ops;
pub mod parse;
pub mod print;
pub mod verify;

pub use ir::{
    Anchor, Block, CodeRef, InlinedFrame, Inst, SideTrace, SnapEntry, SnapValue, Snapshot,
    SnapshotId, Trace, Type, ValueId,
};
pub use ops::{Op, OpSignature};
