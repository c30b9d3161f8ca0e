//! Native Rust versions of the benchmark programs in `benches/programs/*.py`: the
//! physical limit the tracing JIT is measured against (see `benches/README.md`).
//!
//! Each module in [`programs`] ports one Python program with the same algorithm, loop
//! structure, data layout (lists become `Vec`s) and sizes, and returns exactly what the
//! Python program prints, byte for byte (checked by `tests/native_stdout.rs` against
//! `benches/programs/NAME.stdout`). [`pyfmt`] reproduces Python's `round` and float
//! `repr` where a program prints floats.
//!
//! Invariant: [`PROGRAMS`] has one entry per `benches/programs/*.py`, under its file stem.

#![forbid(unsafe_code)]

pub mod programs;
pub mod pyfmt;

/// A native program: runs the whole benchmark and returns its stdout.
pub type Program = fn() -> String;

/// Every native program, by the stem of the Python file it ports, sorted by name.
pub const PROGRAMS: &[(&str, Program)] = &[
    ("call_heavy", programs::call_heavy::run),
    ("collatz", programs::collatz::run),
    ("fannkuch", programs::fannkuch::run),
    ("fib_iter", programs::fib_iter::run),
    ("fib_recursive", programs::fib_recursive::run),
    ("float_series", programs::float_series::run),
    ("int_loop_sum", programs::int_loop_sum::run),
    ("mandelbrot", programs::mandelbrot::run),
    ("matmul", programs::matmul::run),
    ("nbody", programs::nbody::run),
    ("nested_short_inner", programs::nested_short_inner::run),
    ("sieve", programs::sieve::run),
    ("spectral_norm", programs::spectral_norm::run),
];

/// The native program porting `benches/programs/NAME.py`, if there is one.
pub fn program(name: &str) -> Option<Program> {
    PROGRAMS
        .iter()
        .find(|(candidate, _)| *candidate == name)
        .map(|(_, run)| *run)
}
