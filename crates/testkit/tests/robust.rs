//! The `parse_robust` fuzz target's body on fixed inputs: random bytes, and generated
//! programs cut short or with bytes changed (nearly valid programs reach deeper into the
//! parser and compiler than random bytes do). None may panic.

use tracelift_testkit::program_for_seed;
use tracelift_testkit::robust::run_arbitrary_bytes;
use tracelift_testkit::seed::{seed_bytes, SplitMix64};

#[test]
fn random_bytes_never_panic() {
    for seed in 0..40 {
        let bytes = seed_bytes(seed);
        run_arbitrary_bytes(&bytes[..(seed as usize * 37) % 600]);
    }
}

/// Bytes that open, close or change tokens.
const LEXER_BYTES: &[u8] = b"():,[]\n \t'\"#=-0e.\\x";

#[test]
fn damaged_programs_never_panic() {
    let mut rng = SplitMix64::new(99);
    for seed in 0..25 {
        let program = program_for_seed(seed).into_bytes();
        // Cut short at a random point.
        let cut = rng.next_u64() as usize % program.len();
        run_arbitrary_bytes(&program[..cut]);
        // A few bytes replaced by characters that matter to the lexer.
        let mut damaged = program.clone();
        for _ in 0..3 {
            let at = rng.next_u64() as usize % damaged.len();
            damaged[at] = LEXER_BYTES[rng.next_u64() as usize % LEXER_BYTES.len()];
        }
        run_arbitrary_bytes(&damaged);
    }
}
