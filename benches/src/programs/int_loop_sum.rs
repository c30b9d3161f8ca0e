//! Port of `benches/programs/int_loop_sum.py`: a tight integer loop with a modulo and a
//! branch, inside a function.

fn run_loop(n: i64) -> i64 {
    let mut total = 0;
    let mut i = 0;
    while i < n {
        if i % 3 == 0 {
            total += i;
        } else {
            total -= 1;
        }
        i += 1;
    }
    total
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    let mut checksum: i64 = 0;
    for _rep in 0..5 {
        checksum += run_loop(1500000).rem_euclid(1000000007);
    }
    format!("{checksum}\n")
}
