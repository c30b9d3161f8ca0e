//! `cargo xtask ci`: the checks a change must pass, in order, stopping at the first failure.
//!
//! 1. `cargo fmt --all --check`
//! 2. `cargo clippy --workspace --all-targets -- -D warnings`
//! 3. `cargo build --workspace --all-targets`
//! 4. `cargo nextest run --workspace` when cargo-nextest is installed, else
//!    `cargo test --workspace`
//! 5. `cargo test --workspace --doc` (nextest does not run doctests)
//! 6. the fuzz targets still compile (`cargo xtask fuzz-check`: a `cargo check` of the
//!    separate `fuzz/` workspace, which needs neither cargo-fuzz nor nightly)
//!
//! All steps share one target directory (cargo's default, or `CARGO_TARGET_DIR` if the
//! caller set it), so later steps reuse what earlier ones built.

use crate::util::{cargo, run_step};
use anyhow::Result;
use std::process::{Command, Stdio};

pub fn run() -> Result<()> {
    let mut steps: Vec<Vec<&str>> = vec![
        vec!["fmt", "--all", "--check"],
        vec![
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        vec!["build", "--workspace", "--all-targets"],
    ];
    if nextest_installed() {
        steps.push(vec!["nextest", "run", "--workspace"]);
    } else {
        println!("(cargo-nextest is not installed: running the tests with `cargo test`)");
        steps.push(vec!["test", "--workspace"]);
    }
    steps.push(vec!["test", "--workspace", "--doc"]);

    let total = steps.len() + 1;
    for (index, args) in steps.iter().enumerate() {
        let description = format!("[{}/{total}] cargo {}", index + 1, args.join(" "));
        let mut command = cargo();
        command.args(args);
        run_step(&description, command)?;
    }
    println!("[{total}/{total}] the fuzz targets compile");
    crate::fuzz::check_targets_compile()?;
    println!("ci: all {total} steps passed");
    Ok(())
}

/// Whether `cargo nextest` is available (the subcommand answers `--version`).
fn nextest_installed() -> bool {
    let mut command: Command = cargo();
    command
        .args(["nextest", "--version"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command.status().is_ok_and(|status| status.success())
}
