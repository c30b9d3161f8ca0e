//! Port of `benches/programs/float_series.py`: the Leibniz series for pi, a float sum
//! whose sign flips every term.
//!
//! Python divides the float `sign` by the int `2 * k + 1`; that int converts to a double
//! exactly, so `as f64` gives every term the same value.

use crate::pyfmt::{py_repr, py_round};

fn leibniz(n: i64) -> f64 {
    let mut total = 0.0;
    let mut sign = 1.0;
    for k in 0..n {
        total += sign / (2 * k + 1) as f64;
        sign = -sign;
    }
    4.0 * total
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    format!("{}\n", py_repr(py_round(leibniz(10000000), 9)))
}
