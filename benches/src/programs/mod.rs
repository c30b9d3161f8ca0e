//! One module per benchmark program, each a port of `benches/programs/NAME.py` with a
//! `run() -> String` returning what the Python program prints.
//!
//! Python ints become `i64` (every benchmark stays far below 2^63) and `%` on values that
//! could be negative becomes `rem_euclid`, Python's floored modulo.

pub mod call_heavy;
pub mod collatz;
pub mod fannkuch;
pub mod fib_iter;
pub mod fib_recursive;
pub mod float_series;
pub mod int_loop_sum;
pub mod mandelbrot;
pub mod matmul;
pub mod nbody;
pub mod nested_short_inner;
pub mod sieve;
pub mod spectral_norm;
