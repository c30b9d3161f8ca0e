//! Fuzz target: arbitrary bytes as a program. Decoding, parsing, compiling,
//! disassembling and running it (with fuel, in the interpreter and the trace evaluator)
//! must end in a result or an error, never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tracelift_testkit::robust::run_arbitrary_bytes(data);
});
