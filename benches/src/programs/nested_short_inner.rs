//! Port of `benches/programs/nested_short_inner.py`: a function with a short loop (about
//! 60 iterations), called from a long outer loop.

fn fib_small(n: i64) -> i64 {
    let mut a = 0;
    let mut b = 1;
    for _ in 0..n {
        (a, b) = (b, a + b);
    }
    a
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    let mut checksum: i64 = 0;
    for rep in 0..1000000 {
        checksum = (checksum + fib_small(50 + rep % 20)) % 1000000007;
    }
    format!("{checksum}\n")
}
