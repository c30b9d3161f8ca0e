//! Complexity traps in compiled code: a loop that builds a string with `s += t` runs
//! as a compiled trace (`str_append`), and the bytes it copies grow linearly with the
//! number of appends, as in the interpreter (`crates/interp/tests/complexity.rs`).
//! Counted with the debug-build work counters of `tracelift_interp::value::work`,
//! never timed; a return to copying the string at every append (16x from n to 4n)
//! fails here.
#![cfg(debug_assertions)]

use tracelift::{JitMode, JitParams, Vm};
use tracelift_interp::value::work::counts;

/// Builds a string of `n` appends in a compiled loop; the bytes copied, what it
/// printed, and the tracing tier's abort reasons and compiled trace count.
fn build(n: usize) -> (u64, String, String) {
    let mut vm = Vm::new();
    let output = vm.capture_output();
    vm.set_jit_mode(JitMode::On);
    vm.set_jit_params(JitParams {
        hot_threshold: 2,
        min_compile_work: 0,
        ..JitParams::default()
    });
    let source = format!(
        "def build(n, unit):\n    s = ''\n    for i in range(n):\n        s += unit\n        \
         s = s + str(i % 10)\n    return s\ns = build({n}, 'abcdefghij')\nprint(len(s), s[-12:])\n"
    );
    let before = counts();
    vm.run(&source).expect("runs");
    let copied = counts().since(before).bytes_copied;
    let stats = vm.jit_stats_json();
    let compiled = stats
        .split("\"aborts\": ")
        .nth(1)
        .and_then(|rest| rest.split(", \"blacklisted\"").next())
        .unwrap_or("?")
        .to_string();
    let traces = stats
        .split("\"traces_compiled\": ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap_or("?");
    (
        copied,
        output.text(),
        format!("aborts {compiled}, traces {traces}"),
    )
}

#[test]
fn building_a_string_in_a_compiled_loop_is_linear() {
    let (small, small_out, small_stats) = build(1000);
    let (large, large_out, large_stats) = build(4000);
    assert_eq!(
        [small_out.as_str(), large_out.as_str()],
        ["11000 8abcdefghij9\n", "44000 8abcdefghij9\n"]
    );
    assert_eq!(
        [small_stats.as_str(), large_stats.as_str()],
        ["aborts {}, traces 1", "aborts {}, traces 1"]
    );
    assert!(
        small > 0 && large <= 5 * small,
        "bytes copied: {small} at n = 1000, {large} at 4n"
    );
}
