//! Port of `benches/programs/collatz.py`: the longest Collatz chain starting below a
//! limit. Every value stays positive, so `%` and `/` are Python's `%` and `//`.

fn longest_chain(limit: i64) -> (i64, i64, i64) {
    let mut best_start = 1;
    let mut best_steps = 0;
    let mut total_steps = 0;
    for start in 1..limit {
        let mut n = start;
        let mut steps = 0;
        while n != 1 {
            if n % 2 == 0 {
                n /= 2;
            } else {
                n = 3 * n + 1;
            }
            steps += 1;
        }
        total_steps += steps;
        if steps > best_steps {
            best_steps = steps;
            best_start = start;
        }
    }
    (best_start, best_steps, total_steps)
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    let (best_start, best_steps, total_steps) = longest_chain(150000);
    format!("{best_start} {best_steps} {total_steps}\n")
}
