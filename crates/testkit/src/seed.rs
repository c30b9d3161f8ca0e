//! Fixed seeds to generated programs: a seed fills a byte buffer from a tiny RNG, and the
//! generator reads that buffer through `arbitrary::Unstructured`, exactly as it reads a
//! fuzzer's input. So `cargo test`, the xtask loops and cargo-fuzz share one generator.
//!
//! The RNG is SplitMix64 written out here (ten lines) rather than `rand`, `rand_chacha` or
//! `fastrand`: a seed named in a test or a bug report must give the same program for as
//! long as the generator itself is unchanged, and a stream defined by this file cannot
//! change under a dependency upgrade (`rand`'s `StdRng` documents that it may). The
//! buffer needs no statistical quality beyond "every byte value is likely", which
//! SplitMix64 has, and no cryptographic quality at all.

use arbitrary::Unstructured;

/// Bytes drawn per seed: more than any generated program consumes (a program that runs
/// out of bytes simply ends early, taking the simplest choice everywhere).
pub const SEED_BYTES: usize = 16 * 1024;

/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit counter passed through a mixing
/// function. Deterministic for a seed, on every platform.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// The generator whose first output depends on `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut mixed = self.state;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        mixed ^ (mixed >> 31)
    }

    /// Fills `buffer` with random bytes.
    pub fn fill(&mut self, buffer: &mut [u8]) {
        for chunk in buffer.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

/// The byte buffer a seed stands for.
pub fn seed_bytes(seed: u64) -> Vec<u8> {
    let mut buffer = vec![0; SEED_BYTES];
    SplitMix64::new(seed).fill(&mut buffer);
    buffer
}

/// The program a seed stands for.
pub fn program_for_seed(seed: u64) -> String {
    program_and_bytes_used(seed).0
}

/// The program a seed stands for and how many of the seed's bytes it consumed (a
/// fuzzer's inputs need about that many to reach programs of the same size).
pub fn program_and_bytes_used(seed: u64) -> (String, usize) {
    let bytes = seed_bytes(seed);
    let mut input = Unstructured::new(&bytes);
    let program = crate::generate::program(&mut input);
    (program, SEED_BYTES - input.len())
}

/// The trace case a seed stands for (the trace generator reads the same bytes).
pub fn trace_for_seed(seed: u64) -> crate::traces::TraceSpec {
    let bytes = seed_bytes(seed);
    crate::traces::generate::trace_spec(&mut Unstructured::new(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_of_a_seed_never_changes() {
        // The reference values of SplitMix64 seeded with 1234567.
        let mut rng = SplitMix64::new(1_234_567);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(
            first,
            [
                6_457_827_717_110_365_317,
                3_203_168_211_198_807_973,
                9_817_491_932_198_370_423
            ]
        );
    }

    #[test]
    fn a_seed_always_gives_the_same_program() {
        assert_eq!(program_for_seed(7), program_for_seed(7));
        assert_ne!(program_for_seed(7), program_for_seed(8));
    }
}
