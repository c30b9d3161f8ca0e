//! tracelift's test kit: the generators and oracles that the tests, the fuzz targets
//! (`fuzz/`) and `cargo xtask fuzz` / `fuzz-cpython` share.
//!
//! - [`generate`]: random programs inside the subset, shaped to stress the tracing JIT,
//!   read from an `arbitrary::Unstructured` (a fuzzer's bytes or a seed's, [`seed`]).
//! - [`oracle`]: runs a program in every tier (interpreter, trace evaluator, native
//!   code when built) and reports a [`Divergence`] with a ready-to-paste test.
//! - [`cpython`]: compares a program's run with `python3`'s (xtask only).
//! - [`traces`]: random well-typed traces with entry frame states, and the oracle that
//!   runs each in every trace tier (evaluator, native code) and compares the exits.
//! - [`robust`]: arbitrary bytes through the front end and the VM, which must never panic.
//!
//! Fuzz targets stay a few lines over these functions, as in wasmtime's
//! `crates/fuzzing`: everything a target does also runs from a fixed seed in `cargo test`.

#![forbid(unsafe_code)]

pub mod cpython;
pub mod generate;
pub mod oracle;
pub mod robust;
pub mod seed;
pub mod traces;

pub use oracle::{check, run_case, Divergence};
pub use seed::program_for_seed;
