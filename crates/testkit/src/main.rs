//! `tracelift-testkit`: long runs of the generators and oracles, for `cargo xtask
//! fuzz-cpython` and for soaking the oracle without cargo-fuzz (build it `--release`).
//!
//! ```text
//! tracelift-testkit oracle  [--seconds N] [--count N] [--seed S]
//! tracelift-testkit cpython [--seconds N] [--count N] [--seed S]
//! tracelift-testkit show SEED
//! tracelift-testkit traces [--seconds N] [--count N] [--seed S]
//! tracelift-testkit show-trace SEED
//! ```
//!
//! `oracle` runs the programs of consecutive seeds through every tier; `cpython` runs
//! them under tracelift's interpreter and `python3`. Both stop at the first of
//! `--seconds` (default 60) and `--count`, start at `--seed` (default: from the clock,
//! printed so a run can be repeated), print what the programs did (how many ended in
//! each way, how many the front end rejected) and every divergence, and exit with
//! status 1 if there was one. `show` prints the program of one seed.
//! `traces` runs the trace cases of consecutive seeds through every trace tier
//! (`traces::oracle`), and `show-trace` prints one seed's case as a regression test.

#![forbid(unsafe_code)]

mod trace_command;

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use tracelift::JitStats;
use tracelift_testkit::cpython::{compare_with_cpython, python3_available, Verdict};
use tracelift_testkit::oracle::{available_tiers, compare, FUEL};
use tracelift_testkit::program_for_seed;
use tracelift_testkit::seed::program_and_bytes_used;

/// The most divergences printed in full (all are counted).
pub(crate) const MAX_SHOWN: usize = 10;

pub(crate) struct Options {
    pub(crate) seconds: u64,
    pub(crate) count: u64,
    pub(crate) seed: u64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.split_first() {
        Some((command, rest)) if command == "show" => show(rest),
        Some((command, rest)) if command == "show-trace" => trace_command::show_trace(rest),
        Some((command, rest)) if command == "traces" => parse(rest).map(|options| trace_command::traces(&options)),
        Some((command, rest)) if command == "oracle" => parse(rest).map(|options| oracle(&options)),
        Some((command, rest)) if command == "cpython" => parse(rest).and_then(|options| cpython(&options)),
        _ => Err("usage: tracelift-testkit (oracle|cpython|traces) [--seconds N] [--count N] [--seed S] | show SEED | show-trace SEED".to_string()),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse(rest: &[String]) -> Result<Options, String> {
    let clock = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() << 20);
    let mut options = Options {
        seconds: 60,
        count: u64::MAX,
        seed: clock,
    };
    let mut iter = rest.iter();
    while let Some(flag) = iter.next() {
        let value = iter
            .next()
            .ok_or_else(|| format!("`{flag}` needs a number"))?;
        let number: u64 = value
            .parse()
            .map_err(|_| format!("`{flag}` expects a number, got `{value}`"))?;
        match flag.as_str() {
            "--seconds" => options.seconds = number,
            "--count" => options.count = number,
            "--seed" => options.seed = number,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(options)
}

fn show(rest: &[String]) -> Result<bool, String> {
    let [seed] = rest else {
        return Err("usage: tracelift-testkit show SEED".to_string());
    };
    let seed: u64 = seed
        .parse()
        .map_err(|_| format!("SEED must be a number, got `{seed}`"))?;
    let (program, used) = program_and_bytes_used(seed);
    print!("{program}");
    eprintln!("(seed {seed}: {used} of its bytes used)");
    Ok(true)
}

/// Seeds from `options.seed` on, until the time or the count runs out. A watchdog
/// thread names on stderr any seed still running after `SLOW_SECONDS` (a hang in a
/// tier never reaches the deadline check between programs).
pub(crate) fn seeds(options: &Options) -> impl Iterator<Item = u64> + '_ {
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let current = Arc::new(AtomicU64::new(u64::MAX));
    let watched = Arc::clone(&current);
    std::thread::spawn(move || watchdog(&watched));
    (options.seed..)
        .take(usize::try_from(options.count).unwrap_or(usize::MAX))
        .take_while(move |_| Instant::now() < deadline)
        .inspect(move |&seed| current.store(seed, Ordering::Relaxed))
}

/// Seconds after which a running program is reported as slow.
const SLOW_SECONDS: u64 = 20;

fn watchdog(current: &AtomicU64) {
    let mut last = (u64::MAX, Instant::now(), false);
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let seed = current.load(Ordering::Relaxed);
        if seed != last.0 {
            last = (seed, Instant::now(), false);
        } else if !last.2 && last.1.elapsed() > Duration::from_secs(SLOW_SECONDS) {
            eprintln!("warning: seed {seed} is still running after {SLOW_SECONDS} s");
            last.2 = true;
        }
    }
}

fn oracle(options: &Options) -> bool {
    let tiers: Vec<&str> = available_tiers().iter().map(|tier| tier.name).collect();
    println!(
        "oracle: seeds from {} for {} s, tiers: {}",
        options.seed,
        options.seconds,
        tiers.join(", ")
    );
    let started = Instant::now();
    let (mut runs, mut endings, mut divergences) = (0u64, BTreeMap::new(), 0usize);
    let mut jit = JitTotals::default();
    let mut progress = Instant::now();
    for seed in seeds(options) {
        runs += 1;
        if progress.elapsed() > Duration::from_secs(60) {
            progress = Instant::now();
            println!("... {runs} programs, {divergences} divergences");
        }
        match compare(&program_for_seed(seed), FUEL) {
            Ok(outcomes) => {
                let ending = match &outcomes[0].1.ending {
                    None => "success".to_string(),
                    Some(ending) if ending.rejected => format!("rejected: {}", ending.message),
                    Some(ending) => ending.type_name.clone(),
                };
                *endings.entry(ending).or_insert(0u64) += 1;
                for (_, outcome) in &outcomes[1..] {
                    jit.add(&outcome.jit);
                }
            }
            Err(divergence) => {
                divergences += 1;
                if divergences <= MAX_SHOWN {
                    println!("\n=== divergence (seed {seed}) ===\n{divergence}");
                }
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "\noracle: {runs} programs in {elapsed:.0} s ({:.0}/s), {divergences} divergences",
        runs as f64 / elapsed.max(1e-9)
    );
    println!("how the programs ended (interpreter):");
    for (ending, count) in &endings {
        println!("  {count:>8}  {ending}");
    }
    jit.print();
    divergences == 0
}

/// The tracing tier's counters summed over the JIT tiers of every run.
#[derive(Default)]
struct JitTotals {
    runs: u64,
    runs_with_traces: u64,
    traces_recorded: u64,
    trace_entries: u64,
    exits_taken: u64,
    aborts: BTreeMap<String, u64>,
}

impl JitTotals {
    fn add(&mut self, stats: &JitStats) {
        self.runs += 1;
        self.runs_with_traces += u64::from(stats.trace_entries > 0);
        self.traces_recorded += stats.traces_recorded;
        self.trace_entries += stats.trace_entries;
        self.exits_taken += stats.exits_taken;
        for (reason, count) in &stats.aborts {
            *self.aborts.entry(reason.clone()).or_insert(0) += count;
        }
    }

    fn print(&self) {
        println!(
            "JIT tiers: {} runs, {} entered a trace; {} traces recorded, {} entries, {} exits",
            self.runs,
            self.runs_with_traces,
            self.traces_recorded,
            self.trace_entries,
            self.exits_taken
        );
        for (reason, count) in &self.aborts {
            println!("  {count:>8}  aborted: {reason}");
        }
    }
}

fn cpython(options: &Options) -> Result<bool, String> {
    if !python3_available() {
        return Err("python3 was not found on PATH".to_string());
    }
    println!(
        "fuzz-cpython: seeds from {} for {} s",
        options.seed, options.seconds
    );
    let started = Instant::now();
    let (mut runs, mut agreed, mut skipped) = (0u64, 0u64, 0u64);
    // Differences grouped by cause: count, first seed.
    let mut causes: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for seed in seeds(options) {
        runs += 1;
        let source = program_for_seed(seed);
        let verdict = compare_with_cpython(&source, FUEL)?;
        match &verdict {
            Verdict::Agree => agreed += 1,
            Verdict::Skipped(_) => skipped += 1,
            Verdict::Differ {
                field,
                python,
                tracelift,
                ..
            } => {
                let signature = verdict.signature().unwrap_or_default();
                let entry = causes.entry(signature.clone()).or_insert((0, seed));
                entry.0 += 1;
                if entry.0 == 1 && causes.len() <= MAX_SHOWN {
                    println!(
                        "\n=== differs from CPython in {field} (seed {seed}) ===\n  cause:     {signature}\n  python3:   {python}\n  tracelift: {tracelift}\n--- program ---\n{source}"
                    );
                }
            }
        }
    }
    let differ: u64 = causes.values().map(|(count, _)| count).sum();
    println!(
        "\nfuzz-cpython: {runs} programs in {:.0} s: {agreed} agree, {skipped} skipped (fuel or timeout), {differ} differ",
        started.elapsed().as_secs_f64()
    );
    for (signature, (count, seed)) in &causes {
        println!("  {count:>6}  (first: seed {seed})  {signature}");
    }
    Ok(differ == 0)
}
