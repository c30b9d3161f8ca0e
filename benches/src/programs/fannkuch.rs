//! Port of `benches/programs/fannkuch.py`: pancake flips over every permutation of n
//! items, visited in lexicographic order.
//!
//! Positions are `usize` (the items double as positions: the first item names how far to
//! flip). Python swaps through a temporary; `swap` and `reverse` on slices are the same
//! moves, written as native code writes them.

fn fannkuch(n: usize) -> (i64, i64, i64) {
    let mut perm: Vec<usize> = (0..n).collect();
    let mut work = vec![0; n];
    let mut count = 0;
    let mut max_flips = 0;
    let mut checksum = 0;
    loop {
        work.copy_from_slice(&perm);
        let mut flips = 0;
        let mut first = work[0];
        while first != 0 {
            work[..=first].reverse();
            flips += 1;
            first = work[0];
        }
        count += 1;
        if flips > max_flips {
            max_flips = flips;
        }
        checksum = (checksum * 31 + flips) % 1000000007;
        // Step to the next permutation: find the rightmost ascent, swap its left end with
        // the rightmost larger item, and reverse the tail after it.
        let mut i = n - 1;
        while i > 0 && perm[i - 1] > perm[i] {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        // The ascent's left end is at `i - 1` (Python's `i`, kept non-negative here).
        let left = i - 1;
        let mut j = n - 1;
        while perm[j] < perm[left] {
            j -= 1;
        }
        perm.swap(left, j);
        perm[i..].reverse();
    }
    (count, max_flips, checksum)
}

/// Runs the benchmark and returns its stdout.
pub fn run() -> String {
    let (count, max_flips, checksum) = fannkuch(9);
    format!("{count} {max_flips} {checksum}\n")
}
