//! Robustness of the front end and the runtime against arbitrary bytes: whatever the
//! input, decoding, parsing, compiling, disassembling and running it end in a value or
//! an error, never a panic. The `parse_robust` fuzz target is this function; the tests
//! run it on fixed inputs.
//!
//! Each run gets [`ROBUST_FUEL`] steps, so an input that happens to be a valid endless
//! loop ends; a single step can still be slow (`10 ** 10 ** 7`), which is what
//! libFuzzer's `-timeout` is for.

use tracelift::{JitMode, JitParams, Vm};

/// Steps each run of a fuzzed input may take.
pub const ROBUST_FUEL: u64 = 10_000;

/// Feeds `data` to the VM as a program: disassembles it, then runs it in the
/// interpreter and in the trace evaluator at hot threshold 1. Panics only if the VM
/// panics (which is the bug this looks for).
pub fn run_arbitrary_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = Vm::with_output(std::io::sink()).disassemble(&text, "<fuzz>");
    for mode in [JitMode::Off, JitMode::Eval] {
        let mut vm = Vm::with_output(std::io::sink());
        vm.set_jit_mode(mode);
        vm.set_jit_params(JitParams {
            hot_threshold: 1,
            min_compile_work: 0,
            peel_min_run: 0,
            ..JitParams::default()
        });
        vm.set_fuel(Some(ROBUST_FUEL));
        let _ = vm.run_bytes(data, "<fuzz>");
    }
}
