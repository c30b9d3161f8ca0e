//! Port of `benches/programs/fib_iter.py`: iterative Fibonacci modulo a prime, repeated.

fn fib_mod(n: i64, m: i64) -> i64 {
    let mut a = 0;
    let mut b = 1;
    for _ in 0..n {
        (a, b) = (b, (a + b) % m);
    }
    a
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    let mut checksum: i64 = 0;
    for rep in 0..1400 {
        checksum = (checksum * 31 + fib_mod(10000 + rep, 1000000007)) % 1000000007;
    }
    format!("{checksum}\n")
}
