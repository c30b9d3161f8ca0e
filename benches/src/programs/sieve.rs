//! Port of `benches/programs/sieve.py`: the sieve of Eratosthenes on a `Vec<bool>` of
//! flags, repeated.

fn sieve(n: usize) -> (i64, usize) {
    let mut flags = vec![true; n + 1];
    flags[0] = false;
    flags[1] = false;
    let mut i = 2;
    while i * i <= n {
        if flags[i] {
            let mut j = i * i;
            while j <= n {
                flags[j] = false;
                j += i;
            }
        }
        i += 1;
    }
    let mut count = 0;
    let mut last = 0;
    for (k, &flag) in flags.iter().enumerate() {
        if flag {
            count += 1;
            last = k;
        }
    }
    (count, last)
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    let mut total = 0;
    let (mut count, mut last) = (0, 0);
    for rep in 0..20 {
        (count, last) = sieve(400000 + rep);
        total += count;
    }
    format!("{total} {count} {last}\n")
}
