//! The oracle on a fixed-seed batch of generated programs: every program must behave the
//! same in every tier (stdout, error, final globals, fuel left). The batch is split into
//! shards so the test runner spreads it over the cores. Regression tests for
//! divergences found by fuzzing go at the end of this file (a divergence prints one
//! ready to paste).
//!
//! The same batch checks the generator: no program may be rejected by the front end,
//! and enough of them must actually run traces, or the fuzzer would test little.

use tracelift_testkit::oracle::{compare, FUEL};
use tracelift_testkit::program_for_seed;

/// Seeds in the batch. Measured on the 2-core development machine, debug build: with
/// four tiers (interpreter, eval at thresholds 1 and 2, native at threshold 1), 400
/// programs in 4 shards took 25 s of wall time with both cores busy (46 s of CPU);
/// with the fifth tier (native, side traces at the first exit) the whole test binary
/// took 102 s of wall time while a fuzzing campaign kept one core busy.
const SEEDS: u64 = 400;
const SHARDS: u64 = 4;

/// What a shard saw: programs whose JIT tiers entered a trace, out of how many.
struct ShardReport {
    programs: u64,
    traced: u64,
}

fn run_shard(shard: u64) -> ShardReport {
    let mut problems = Vec::new();
    let mut report = ShardReport {
        programs: 0,
        traced: 0,
    };
    for seed in (shard..SEEDS).step_by(SHARDS as usize) {
        let source = program_for_seed(seed);
        report.programs += 1;
        match compare(&source, FUEL) {
            Ok(outcomes) => {
                let (_, reference) = &outcomes[0];
                if reference.rejected() {
                    let ending = reference.ending.as_ref().map(|e| e.report.clone());
                    problems.push(format!(
                        "seed {seed}: the generated program was rejected: {ending:?}\n{source}"
                    ));
                }
                if outcomes[1..].iter().any(|(_, o)| o.jit.trace_entries > 0) {
                    report.traced += 1;
                }
            }
            Err(divergence) => problems.push(format!("seed {seed}: {divergence}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    // Most generated programs have a hot loop the recorder can trace; a generator change
    // that loses them would leave the oracle comparing interpreters with themselves.
    assert!(
        report.traced * 2 >= report.programs,
        "only {} of {} programs entered a trace",
        report.traced,
        report.programs
    );
    report
}

#[test]
fn generated_programs_agree_in_every_tier_shard_0() {
    run_shard(0);
}

#[test]
fn generated_programs_agree_in_every_tier_shard_1() {
    run_shard(1);
}

#[test]
fn generated_programs_agree_in_every_tier_shard_2() {
    run_shard(2);
}

#[test]
fn generated_programs_agree_in_every_tier_shard_3() {
    run_shard(3);
}

/// The oracle itself notices a difference: a tier that prints something else is a
/// divergence whose report holds a regression test with the program in it.
#[test]
fn a_divergence_prints_a_ready_to_paste_regression_test() {
    use tracelift_testkit::oracle::{run_tier, Tier};
    static DEFAULTS: Tier = Tier {
        name: "test tier",
        configure: |_| Ok(()),
    };
    let source = "x = 1\nprint(x)\n";
    let outcome = run_tier(&DEFAULTS, source, FUEL).unwrap();
    assert_eq!(outcome.stdout, "1\n");
    assert_eq!(outcome.globals, [("x".to_string(), "1".to_string())]);

    let divergence = tracelift_testkit::Divergence {
        source: "print(\"#\")\n".to_string(),
        reference: "interpreter",
        tier: "eval, threshold 1",
        field: "stdout",
        expected: "line 1: \"#\\n\"".to_string(),
        actual: "line 1: \"?\\n\"".to_string(),
    };
    let text = divergence.to_string();
    assert!(text.starts_with("tier `eval, threshold 1` differs from `interpreter` in stdout:"));
    // The raw string uses enough `#`s for a source containing `"#`.
    assert!(
        text.contains("tracelift_testkit::check(\n        r##\"print(\"#\")\n\"##,\n    );"),
        "{text}"
    );
}

/// Function values compare by name, not address, and errors compare whole.
#[test]
fn outcomes_hold_errors_and_normalised_globals() {
    let outcomes = compare(
        "def f(x):\n    return x\ng = f\nfor i in range(10):\n    y = 10 // (5 - i)\n",
        FUEL,
    )
    .unwrap();
    let (_, reference) = &outcomes[0];
    let ending = reference.ending.as_ref().unwrap();
    assert_eq!(ending.type_name, "ZeroDivisionError");
    assert_eq!(ending.message, "integer division or modulo by zero");
    assert!(reference
        .globals
        .contains(&("g".to_string(), "<function f>".to_string())));
}

// ----- Regression tests for divergences found by fuzzing (none yet). -----
