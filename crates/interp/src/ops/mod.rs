//! The generic operations: Python's full semantics for any operand types.
//!
//! These are the slow paths behind the generic uops (`binary_generic`,
//! `compare_generic`, `subscript_generic`, ...). Typed uops are fast special cases of
//! them and must agree with them on every input they accept; constant folding and the
//! trace evaluator call these same functions.

pub mod arith;
pub mod compare;
pub mod concat;
pub mod sequence;

pub use arith::{binary_op, unary_op};
pub use compare::{compare_op, contains, values_equal};
pub use sequence::{get_item, get_iter, length, set_item, slice, unpack};
