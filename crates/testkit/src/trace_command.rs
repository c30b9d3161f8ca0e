//! The binary's `traces` and `show-trace` commands (part of `main.rs`, not the
//! library): long runs of the trace-level oracle over consecutive seeds.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use tracelift_testkit::seed::trace_for_seed;
use tracelift_testkit::traces::oracle::TraceOracle;

use crate::{seeds, Options, MAX_SHOWN};

/// `traces`: every seed's trace case through every trace tier; whether all agreed.
pub fn traces(options: &Options) -> bool {
    let mut oracle = TraceOracle::new();
    println!(
        "traces: seeds from {} for {} s, tiers: {}",
        options.seed,
        options.seconds,
        oracle.tiers().join(", ")
    );
    let started = Instant::now();
    let (mut runs, mut divergences) = (0u64, 0usize);
    let mut endings: BTreeMap<String, u64> = BTreeMap::new();
    let mut kinds: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let (mut trees, mut side_entered, mut side_closed) = (0u64, 0u64, 0u64);
    let mut rebuilt_frames = 0u64;
    let mut progress = Instant::now();
    for seed in seeds(options) {
        runs += 1;
        if progress.elapsed() > Duration::from_secs(60) {
            progress = Instant::now();
            println!("... {runs} traces, {divergences} divergences");
        }
        let spec = trace_for_seed(seed);
        trees += u64::from(spec.side.is_some());
        match oracle.compare(&spec) {
            Ok(outcome) => {
                rebuilt_frames += u64::from(!outcome.inlined.is_empty());
                let side = oracle.report();
                side_entered += u64::from(side.side_entered > 0);
                side_closed += u64::from(side.side_closed > 0);
                let ending = match &outcome.error {
                    Some(error) => error.split(':').next().unwrap_or("").to_string(),
                    None if outcome.pc == 0 => "left at the loop header (pc 0)".to_string(),
                    None => "left inside the loop".to_string(),
                };
                *endings.entry(ending).or_default() += 1;
            }
            Err(divergence) => {
                // A tier that panicked may have left its runner half-way: start afresh.
                oracle = TraceOracle::new();
                divergences += 1;
                let first = divergence.detail.lines().next().unwrap_or("").to_string();
                let kind = format!("{} {}: {first}", divergence.tier, divergence.what);
                kinds.entry(kind).or_insert((0, seed)).0 += 1;
                if divergences <= MAX_SHOWN {
                    println!("\n=== divergence (seed {seed}) ===\n{divergence}");
                }
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "\ntraces: {runs} trace cases in {elapsed:.0} s ({:.0}/s), {divergences} divergences",
        runs as f64 / elapsed.max(1e-9)
    );
    println!(
        "trees (a side trace on one exit): {trees}; their side trace ran in {side_entered}, \
         closed the loop in {side_closed}"
    );
    println!("exits that rebuilt inlined frames: {rebuilt_frames}");
    println!("how the cases ended (evaluator):");
    for (ending, count) in &endings {
        println!("  {count:>8}  {ending}");
    }
    if !kinds.is_empty() {
        println!("divergences by kind:");
        for (kind, (count, seed)) in &kinds {
            println!("  {count:>6}  (first: seed {seed})  {kind}");
        }
    }
    divergences == 0
}

/// `show-trace SEED`: the trace case of one seed, as a regression test.
pub fn show_trace(rest: &[String]) -> Result<bool, String> {
    let [seed] = rest else {
        return Err("usage: tracelift-testkit show-trace SEED".to_string());
    };
    let seed: u64 = seed
        .parse()
        .map_err(|_| format!("SEED must be a number, got `{seed}`"))?;
    print!(
        "{}",
        trace_for_seed(seed).to_rust_test(&format!("trace_seed_{seed}"))
    );
    Ok(true)
}
