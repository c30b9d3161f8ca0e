//! Port of `benches/programs/call_heavy.py`: a loop whose work is mostly calls to small
//! functions of one to three arguments.
//!
//! The functions are ordinary Rust functions; the compiler inlines them, which is what
//! native code gets for free and what a JIT has to earn. Every value stays non-negative, so
//! `%` is Python's.

fn square(x: i64) -> i64 {
    x * x
}

fn parity(n: i64) -> i64 {
    n % 2
}

fn clamp(x: i64, lo: i64, hi: i64) -> i64 {
    if x < lo {
        return lo;
    }
    if x > hi {
        return hi;
    }
    x
}

fn add3(a: i64, b: i64, c: i64) -> i64 {
    a + b + c
}

fn mix(h: i64, v: i64) -> i64 {
    (h * 31 + v) % 1000000007
}

fn run_loop(n: i64) -> i64 {
    let mut h = 0;
    for i in 0..n {
        let x = clamp(i % 1000 - 100, 0, 800);
        let y = add3(x, square(i % 50), parity(i));
        h = mix(h, y);
    }
    h
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    format!("{}\n", run_loop(3000000))
}
