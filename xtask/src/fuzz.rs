//! Fuzzing commands, over the targets in `fuzz/` and the `tracelift-testkit` binary:
//!
//! - `cargo xtask fuzz TARGET [--seconds N] [--asan]`: runs one cargo-fuzz target for N
//!   seconds (default 60) with its corpus in `fuzz/corpus/TARGET`; crashes land in
//!   `fuzz/artifacts/TARGET`. Needs `cargo install cargo-fuzz`. Builds on stable Rust
//!   with `--sanitizer none`, or with `--asan` under AddressSanitizer, which needs
//!   `RUSTC_BOOTSTRAP=1` on stable (see `fuzz/README.md`).
//! - `cargo xtask fuzz-seeds [--seconds N]`: no cargo-fuzz needed; a release build runs
//!   the programs of consecutive seeds through the oracle in every tier.
//! - `cargo xtask fuzz-traces [--seconds N]`: the same for seeded trace cases, run in
//!   the trace evaluator and as native code and compared.
//! - `cargo xtask fuzz-cpython [--seconds N]`: the same programs under tracelift's
//!   interpreter and `python3`, compared (stdout, exit status, exception line).
//! - [`check_targets_compile`]: for CI, type-checks the fuzz targets without cargo-fuzz,
//!   nightly or a C++ build.
//!
//! Invariant: each command fails (non-zero exit) when it finds a divergence or a crash.

use crate::util::{cargo, run_step, target_dir, tool_works, workspace_root};
use anyhow::{bail, Context, Result};
use std::path::Path;

/// The cargo-fuzz targets in `fuzz/fuzz_targets/`.
pub const TARGETS: &[&str] = &["program_diff", "trace_diff", "parse_robust"];

/// Seconds a fuzzing command runs unless told otherwise.
const DEFAULT_SECONDS: u64 = 60;

/// Parses `[--seconds N]` (or `--seconds=N`).
pub fn parse_seconds(rest: &[String]) -> Result<u64> {
    let (seconds, asan) = parse_options(rest)?;
    if asan {
        bail!("`--asan` applies only to `cargo xtask fuzz TARGET`");
    }
    Ok(seconds)
}

/// Parses `[--seconds N] [--asan]`.
pub fn parse_options(rest: &[String]) -> Result<(u64, bool)> {
    let mut seconds = DEFAULT_SECONDS;
    let mut asan = false;
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        if arg == "--asan" {
            asan = true;
            continue;
        }
        let value = if arg == "--seconds" {
            iter.next().context("`--seconds` needs a number")?.as_str()
        } else if let Some(value) = arg.strip_prefix("--seconds=") {
            value
        } else {
            bail!("unknown option `{arg}` (expected `--seconds N`)");
        };
        seconds = value
            .parse()
            .with_context(|| format!("`--seconds` expects a number, got `{value}`"))?;
    }
    Ok((seconds, asan))
}

/// `cargo xtask fuzz TARGET --seconds N [--asan]`.
pub fn run(target: &str, seconds: u64, asan: bool) -> Result<()> {
    if !TARGETS.contains(&target) {
        bail!(
            "unknown fuzz target `{target}` (targets: {})",
            TARGETS.join(", ")
        );
    }
    if !tool_works("cargo-fuzz", ["fuzz", "--version"]) {
        bail!(
            "cargo-fuzz is not installed: run `cargo install cargo-fuzz` (it builds on stable \
             Rust in about a minute), or use `cargo xtask fuzz-seeds` which needs nothing"
        );
    }
    let fuzz_dir = workspace_root().join("fuzz");
    let corpus = fuzz_dir.join("corpus").join(target);
    std::fs::create_dir_all(&corpus).with_context(|| format!("creating {}", corpus.display()))?;
    if target != "parse_robust" {
        seed_corpus(&corpus)?;
    }
    let mut command = cargo();
    command.args(["fuzz", "run", "--fuzz-dir"]).arg(&fuzz_dir);
    if asan {
        // `-Zsanitizer=address` on a stable compiler; its own target directory, so the
        // two builds do not rebuild each other.
        command
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["--sanitizer", "address", "--target-dir"])
            .arg(fuzz_dir.join("target").join("asan"));
    } else {
        command.args(["--sanitizer", "none"]);
    }
    command.arg(target).arg(&corpus).args([
        "--",
        &format!("-max_total_time={seconds}"),
        // One generated program runs in about a tenth of a second; a minute means
        // a hang in some tier.
        "-timeout=60",
        "-rss_limit_mb=4096",
        "-max_len=4096",
        "-print_final_stats=1",
    ]);
    run_step(
        &format!(
            "cargo fuzz run {target} for {seconds} s (corpus {})",
            corpus.display()
        ),
        command,
    )
}

/// Puts random inputs of `SEED_INPUT_BYTES` into an empty corpus. A generated program
/// or trace reads a few hundred bytes of its input; libFuzzer on its own starts from inputs of a
/// few bytes and lengthens them slowly, so it would spend its first minutes on tiny
/// programs.
fn seed_corpus(corpus: &Path) -> Result<()> {
    let empty = std::fs::read_dir(corpus)
        .with_context(|| format!("reading {}", corpus.display()))?
        .next()
        .is_none();
    if !empty {
        return Ok(());
    }
    // SplitMix64, as in `tracelift_testkit::seed` (any random bytes would do).
    let mut state: u64 = 0x7472_6163_656c_6966;
    for index in 0..SEED_INPUTS {
        let bytes: Vec<u8> = (0..SEED_INPUT_BYTES / 8)
            .flat_map(|_| {
                state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut mixed = state;
                mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                (mixed ^ (mixed >> 31)).to_le_bytes()
            })
            .collect();
        let path = corpus.join(format!("seed-{index:02}"));
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// Inputs `seed_corpus` writes, and their size.
const SEED_INPUTS: usize = 32;
const SEED_INPUT_BYTES: usize = 1024;

/// Runs the `tracelift-testkit` binary (release build) with `args`.
fn testkit(description: &str, args: &[&str]) -> Result<()> {
    let mut command = cargo();
    command.args([
        "run",
        "--quiet",
        "--release",
        "--package",
        "tracelift-testkit",
        "--",
    ]);
    command.args(args);
    run_step(description, command)
}

/// `cargo xtask fuzz-seeds --seconds N`: the oracle over seeded programs.
pub fn seeds(seconds: u64) -> Result<()> {
    let seconds = seconds.to_string();
    testkit(
        "tracelift-testkit oracle",
        &["oracle", "--seconds", &seconds],
    )
}

/// `cargo xtask fuzz-traces --seconds N`: the trace oracle over seeded trace cases.
pub fn traces(seconds: u64) -> Result<()> {
    let seconds = seconds.to_string();
    testkit(
        "tracelift-testkit traces",
        &["traces", "--seconds", &seconds],
    )
}

/// `cargo xtask fuzz-cpython --seconds N`: seeded programs under tracelift and python3.
pub fn cpython(seconds: u64) -> Result<()> {
    if !tool_works("python3", ["--version"]) {
        bail!("python3 was not found on PATH: fuzz-cpython compares with CPython 3.11");
    }
    let seconds = seconds.to_string();
    testkit(
        "tracelift-testkit cpython",
        &["cpython", "--seconds", &seconds],
    )
}

/// Checks that every fuzz target still compiles against the current test kit, the
/// cheapest way that needs neither cargo-fuzz nor nightly: `cargo check` of the `fuzz/`
/// workspace (its own, not a member of ours), in `<target>/fuzz-check`.
/// `CUSTOM_LIBFUZZER_PATH` points libfuzzer-sys's build script at a library that a
/// check never links, so it skips compiling libFuzzer's C++ sources.
pub fn check_targets_compile() -> Result<()> {
    let root = workspace_root();
    let mut command = cargo();
    command
        .args(["check", "--quiet", "--bins", "--manifest-path"])
        .arg(root.join("fuzz").join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir().join("fuzz-check"))
        .env(
            "CUSTOM_LIBFUZZER_PATH",
            "/nonexistent/libfuzzer-not-linked-by-check.a",
        );
    run_step("cargo check --manifest-path fuzz/Cargo.toml", command)
}
