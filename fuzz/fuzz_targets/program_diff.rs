//! Fuzz target: the fuzzer's bytes choose a generated program (`tracelift_testkit::
//! generate`), which runs in every tier of the oracle; a divergence between tiers (or a
//! panic in any) is a crash whose message holds a ready-to-paste regression test.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = tracelift_testkit::generate::program_from_bytes(data);
    tracelift_testkit::check(&source);
});
