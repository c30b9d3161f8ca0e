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
//! - `bench [--runs N]`: times `benches/programs/*.py` under `tracelift` (JIT off) and
//!   `python3` side by side with `hyperfine`, and prints a markdown table of medians.
//!
//! Invariant: every command exits non-zero when anything it checks fails, so it can gate CI.

mod bench;
mod bless;
mod ci;
mod inputs;
mod util;

use anyhow::{bail, Context, Result};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  bless [FILTER]     run python3 on tests/conformance/*.py (names containing FILTER)
                     and rewrite their .stdout and .status files
  gen-inputs         regenerate the bad-input programs tests/conformance/bad_*.py
  ci                 fmt --check, clippy -D warnings, build, tests, doctests
  bench [--runs N]   time benches/programs/*.py: tracelift (JIT off) vs python3
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
        "bench" => bench::run(parse_runs(rest)?),
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

/// Parses `bench`'s options: only `--runs N` (or `--runs=N`), default 10.
fn parse_runs(rest: &[String]) -> Result<u32> {
    let mut runs = 10;
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        let value = if arg == "--runs" {
            iter.next().context("`--runs` needs a number")?.as_str()
        } else if let Some(value) = arg.strip_prefix("--runs=") {
            value
        } else {
            bail!("unknown bench option `{arg}`\n\n{USAGE}");
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
