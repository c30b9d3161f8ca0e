//! Project automation, run as `cargo xtask <command>` (the alias lives in
//! `.cargo/config.toml`).
//!
//! Commands:
//! - `bless [FILTER]`: regenerates the expected `.stdout` / `.status` files of the
//!   conformance programs in `tests/conformance/` by running CPython (`python3`), the
//!   oracle. Hand-written expectations in `tests/conformance/unsupported/` are never
//!   touched.
//! - `gen-inputs`: rewrites the generated bad-input programs (`tests/conformance/bad_*.py`),
//!   whose bytes are awkward to keep in an editor (invalid UTF-8, NUL, 10,000 parentheses).
//! - `ci`: formatting, clippy, build, tests and doctests, stopping at the first failure.
//! - `bench [--runs N] [--group programs|idioms]`: times the group's programs
//!   (`benches/programs/*.py` or the everyday idioms in `benches/idioms/*.py`) under
//!   `tracelift` with the JIT off and on and under `python3`, side by side with
//!   `hyperfine`, and prints a markdown table of medians and ratios to python3.
//! - `peers [--runs N] [--out FILE]`: times `benches/programs/*.py` under tracelift (JIT on
//!   and off), `python3`, `pypy3`, `lua5.4`, `luajit` and native Rust, whichever are
//!   installed, after checking they all print the expected result (see `peers.rs`).
//! - `fuzz TARGET [--seconds N] [--asan]`, `fuzz-seeds [--seconds N]`, `fuzz-traces
//!   [--seconds N]`, `fuzz-cpython [--seconds N]`: run a cargo-fuzz target, the oracle
//!   over seeded programs or seeded trace cases, or the programs against `python3`; `fuzz-check`: check that the fuzz targets compile (see `fuzz.rs` and
//!   `fuzz/README.md`).
//!
//! Invariant: every command exits non-zero when anything it checks fails, so it can gate CI.

#![forbid(unsafe_code)]

mod bench;
mod bless;
mod ci;
mod fuzz;
mod inputs;
mod peers;
mod util;

use anyhow::{bail, Context, Result};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  bless [FILTER]     run python3 on tests/conformance/*.py (names containing FILTER)
                     and rewrite their .stdout and .status files
  gen-inputs         regenerate the bad-input programs tests/conformance/bad_*.py
  ci                 fmt --check, clippy -D warnings, build, tests, doctests
  bench [--runs N] [--group programs|idioms]
                     time benches/GROUP/*.py: tracelift (JIT off, on) vs python3
  peers [--runs N] [--out FILE]
                     time benches/programs/*.py under tracelift (JIT on, off), python3,
                     pypy3, lua5.4, luajit and native Rust; markdown table to stdout/FILE
  fuzz TARGET [--seconds N] [--asan]
                     run a cargo-fuzz target (program_diff, trace_diff, parse_robust) for N s
  fuzz-seeds [--seconds N]
                     seeded generated programs through every tier (no cargo-fuzz needed)
  fuzz-traces [--seconds N]
                     seeded generated traces, evaluator against native code
  fuzz-cpython [--seconds N]
                     seeded generated programs under tracelift and python3, compared
  fuzz-check         check that the fuzz targets compile (stable, no cargo-fuzz)
  help               print this message";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        bail!("no command given");
    };
    match command.as_str() {
        "bless" => {
            let filter = match rest {
                [] => None,
                [filter] => Some(filter.as_str()),
                _ => bail!("bless takes at most one FILTER argument\n\n{USAGE}"),
            };
            bless::run(filter)
        }
        "gen-inputs" => {
            expect_no_args("gen-inputs", rest)?;
            inputs::run()
        }
        "ci" => {
            expect_no_args("ci", rest)?;
            ci::run()
        }
        "bench" => {
            let (runs, group) = parse_bench_options(rest)?;
            bench::run(runs, &group)
        }
        "peers" => peers::run(peers::parse_options(rest)?),
        "fuzz" => match rest.split_first() {
            Some((target, options)) => {
                let (seconds, asan) = fuzz::parse_options(options)?;
                fuzz::run(target, seconds, asan)
            }
            None => bail!(
                "fuzz needs a TARGET ({})\n\n{USAGE}",
                fuzz::TARGETS.join(", ")
            ),
        },
        "fuzz-seeds" => fuzz::seeds(fuzz::parse_seconds(rest)?),
        "fuzz-traces" => fuzz::traces(fuzz::parse_seconds(rest)?),
        "fuzz-cpython" => fuzz::cpython(fuzz::parse_seconds(rest)?),
        "fuzz-check" => {
            expect_no_args("fuzz-check", rest)?;
            fuzz::check_targets_compile()
        }
        "help" | "-h" | "--help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

fn expect_no_args(command: &str, rest: &[String]) -> Result<()> {
    if !rest.is_empty() {
        bail!("`{command}` takes no arguments (got {rest:?})\n\n{USAGE}");
    }
    Ok(())
}

/// Parses `bench`'s options (and what `peers` leaves of its own): only `--runs N` (or
/// `--runs=N`), default 10.
/// `[--runs N] [--group NAME]` of `bench`.
fn parse_bench_options(rest: &[String]) -> Result<(u32, String)> {
    let mut group = "programs".to_string();
    let mut others = Vec::new();
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        if arg == "--group" {
            group = iter.next().context("`--group` needs a name")?.clone();
        } else if let Some(value) = arg.strip_prefix("--group=") {
            group = value.to_string();
        } else {
            others.push(arg.clone());
        }
    }
    Ok((parse_runs(&others)?, group))
}

fn parse_runs(rest: &[String]) -> Result<u32> {
    let mut runs = 10;
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        let value = if arg == "--runs" {
            iter.next().context("`--runs` needs a number")?.as_str()
        } else if let Some(value) = arg.strip_prefix("--runs=") {
            value
        } else {
            bail!("unknown option `{arg}`\n\n{USAGE}");
        };
        runs = value
            .parse()
            .with_context(|| format!("`--runs` expects a positive number, got `{value}`"))?;
        if runs == 0 {
            bail!("`--runs` must be at least 1");
        }
    }
    Ok(runs)
}
