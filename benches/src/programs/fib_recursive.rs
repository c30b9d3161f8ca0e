//! Port of `benches/programs/fib_recursive.py`: doubly recursive Fibonacci, a hot
//! function with no loop in it.

fn fib(n: i64) -> i64 {
    if n < 2 {
        return n;
    }
    fib(n - 1) + fib(n - 2)
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    // `black_box` keeps the argument opaque, so the recursion runs here rather than being
    // folded into a constant at compile time, as it is in every other system.
    format!("{}\n", fib(std::hint::black_box(34)))
}
