//! Port of `benches/programs/matmul.py`: nested-loop matrix multiplication on a `Vec` of
//! row `Vec`s (Python's list of lists).

use crate::pyfmt::{py_repr, py_round};

fn make_matrix(n: usize, seed: i64) -> Vec<Vec<f64>> {
    let mut m = Vec::new();
    let mut x = seed;
    for _ in 0..n {
        let mut row = Vec::new();
        for _ in 0..n {
            x = (x * 1103515245 + 12345) % 2147483648;
            row.push((x % 1000) as f64 / 100.0 - 5.0);
        }
        m.push(row);
    }
    m
}

fn matmul(a: &[Vec<f64>], b: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let p = b[0].len();
    let mut c = Vec::new();
    // Python indexes `range(n)`, `range(inner)` and `range(p)`; iterating the same rows and
    // columns in the same order lets Rust drop the bounds checks, as a native port would.
    for ai in a {
        let mut row = vec![0.0; p];
        for (&aik, bk) in ai.iter().zip(b) {
            for (cell, &bkj) in row.iter_mut().zip(bk) {
                *cell += aik * bkj;
            }
        }
        c.push(row);
    }
    c
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    let n = 170;
    let a = make_matrix(n, 1);
    let b = make_matrix(n, 2);
    let c = matmul(&a, &b);
    let c = matmul(&c, &a);
    let mut trace = 0.0;
    let mut total = 0.0;
    for (i, row) in c.iter().enumerate() {
        trace += row[i];
        for &cell in row {
            total += cell;
        }
    }
    format!(
        "{} {}\n",
        py_repr(py_round(trace, 6)),
        py_repr(py_round(total, 6))
    )
}
