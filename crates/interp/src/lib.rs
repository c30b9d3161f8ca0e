//! The tracelift interpreter: bytecode compiler, values, the uop table and the tier-1
//! interpreter.
//!
//! Data flow: source → [`tracelift_syntax`] AST → [`compiler`] → [`bytecode::Code`] →
//! [`vm`] executes each instruction as its sequence of [`uop`]s.
//!
//! Architecture invariant: this crate never depends on Cranelift or any code
//! generator; the JIT tiers consume the uop definitions from here.

pub mod builtins;
pub mod bytecode;
pub mod compiler;
pub mod dis;
pub mod exception;
pub mod globals;
pub mod jit;
pub mod memory;
pub mod numeric;
pub mod ops;
pub mod uop;
pub mod value;
pub mod vm;

pub use exception::{ExcKind, PyErr, TracebackEntry};
pub use value::Value;
pub use vm::{InterruptHandle, Limits, Runtime};
