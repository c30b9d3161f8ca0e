//! The trace IR and the compiled-code contract of tracelift.
//!
//! This crate is what the three stages of the tracing tier share: the interpreter
//! records hot loops into [`Trace`]s, the optimizer (`tracelift-opt`) rewrites them,
//! and the backend (`tracelift-backend`) compiles them against the [`abi`]. It depends
//! on no other crate of the project and on no code generator.
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
//! The ops come from one table, [`for_each_op!`]; [`print`] writes a trace as stable
//! text, [`parse`] reads it back (for tests), and [`verify`] checks every invariant
//! listed in its docs.
//!
//! Architecture invariant: no `unsafe` here, and no dependency on any project crate.

#![forbid(unsafe_code)]

pub mod abi;
pub mod arith;
mod cmp;
mod effects;
mod ir;
mod operators;
mod ops;
pub mod parse;
pub mod print;
mod range_guard;
pub mod verify;
mod verify_str_append;

pub use cmp::Cmp;
pub use effects::Effects;
pub use ir::{
    Anchor, Block, CodeRef, InlinedFrame, Inst, SideTrace, SnapEntry, SnapValue, Snapshot,
    SnapshotId, Trace, Type, ValueId,
};
pub use operators::{Arith, BinaryOperator, Comparison, Symbol, UnaryOperator};
pub use ops::{Immediate, Op, OpKind, OpSignature};
pub use range_guard::RangeGuard;
