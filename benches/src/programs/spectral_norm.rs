//! Port of `benches/programs/spectral_norm.py`: the spectral norm of the infinite matrix
//! A(i, j) = 1 / ((i+j)(i+j+1)/2 + i + 1).
//!
//! As in Python, `eval_a` computes the denominator in integers and divides a float by it;
//! `x ** 0.5` becomes `sqrt` (see the note in `nbody.rs`). `out` has `v`'s length, so
//! iterating it is Python's `for i in range(n)`.

use crate::pyfmt::{py_repr, py_round};

fn eval_a(i: usize, j: usize) -> f64 {
    1.0 / ((i + j) * (i + j + 1) / 2 + i + 1) as f64
}

fn mul_av(v: &[f64], out: &mut [f64]) {
    for (i, slot) in out.iter_mut().enumerate() {
        let mut s = 0.0;
        for (j, &vj) in v.iter().enumerate() {
            s += eval_a(i, j) * vj;
        }
        *slot = s;
    }
}

fn mul_atv(v: &[f64], out: &mut [f64]) {
    for (i, slot) in out.iter_mut().enumerate() {
        let mut s = 0.0;
        for (j, &vj) in v.iter().enumerate() {
            s += eval_a(j, i) * vj;
        }
        *slot = s;
    }
}

fn mul_atav(v: &[f64], out: &mut [f64], tmp: &mut [f64]) {
    mul_av(v, tmp);
    mul_atv(tmp, out);
}

fn spectral_norm(n: usize) -> f64 {
    let mut u = vec![1.0; n];
    let mut v = vec![0.0; n];
    let mut tmp = vec![0.0; n];
    for _ in 0..10 {
        mul_atav(&u, &mut v, &mut tmp);
        mul_atav(&v, &mut u, &mut tmp);
    }
    let mut vbv = 0.0;
    let mut vv = 0.0;
    for (&ui, &vi) in u.iter().zip(&v) {
        vbv += ui * vi;
        vv += vi * vi;
    }
    (vbv / vv).sqrt()
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    format!("{}\n", py_repr(py_round(spectral_norm(320), 9)))
}
