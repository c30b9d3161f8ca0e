//! Fuzz target: the fuzzer's bytes choose a random well-typed trace and the frame it
//! is entered with (`tracelift_testkit::traces::generate`), which runs in every trace
//! tier; a difference in the exit state (or a refusal, or a panic) is a crash whose
//! message holds a ready-to-paste regression test.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tracelift_testkit::traces::generate::trace_spec_from_bytes;
use tracelift_testkit::traces::oracle::TraceOracle;

thread_local! {
    /// One oracle per fuzzing thread: its compiler and trampoline are built once.
    static ORACLE: std::cell::RefCell<TraceOracle> = std::cell::RefCell::new(TraceOracle::new());
}

fuzz_target!(|data: &[u8]| {
    let spec = trace_spec_from_bytes(data);
    ORACLE.with(|oracle| {
        if let Err(divergence) = oracle.borrow_mut().compare(&spec) {
            panic!("{divergence}");
        }
    });
});
