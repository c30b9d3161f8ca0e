//! `cargo xtask bench [--runs N]`: tracelift (JIT off) against CPython, side by side.
//!
//! Builds `tracelift` in release mode, then for every `benches/programs/NAME.py`:
//! 1. runs it once under each engine and checks both print the same stdout (a benchmark
//!    that computes something else is not a benchmark), also against `NAME.stdout` when
//!    that file exists;
//! 2. times both with one `hyperfine` invocation (so they share the machine's state),
//!    reading the medians from hyperfine's `--export-json` file.
//!
//! It prints a markdown table of medians and the ratio tracelift / python3. Absolute times
//! drift on shared machines; only ratios measured in the same run are meaningful.

use crate::util::workspace_root;
use crate::util::{build_release, file_name, hyperfine, python3, python_env, python_files};
use crate::util::{quote, require_hyperfine, require_python3, run_hyperfine, stem};
use anyhow::{bail, Result};
use std::path::Path;
use std::process::{Command, Stdio};

/// One benchmark's outcome: the two medians in seconds, or why it was not timed.
enum Outcome {
    Timed { tracelift: f64, python: f64 },
    Failed(String),
}

pub fn run(runs: u32) -> Result<()> {
    require_hyperfine()?;
    require_python3()?;
    let tracelift = build_release(&["tracelift"], &["tracelift"])?.remove(0);

    let dir = workspace_root().join("benches").join("programs");
    let programs = python_files(&dir)?;
    if programs.is_empty() {
        bail!("no benchmark programs in {}", dir.display());
    }
    let json = std::env::temp_dir().join(format!("tracelift-bench-{}.json", std::process::id()));

    let mut rows = Vec::new();
    for path in &programs {
        let name = stem(path).to_string();
        println!("==> {name}");
        let outcome = match check_outputs(&tracelift, &dir, path) {
            Ok(()) => time_pair(&tracelift, &dir, path, runs, &json)?,
            Err(why) => Outcome::Failed(why),
        };
        rows.push((name, outcome));
    }
    let _ = std::fs::remove_file(&json);

    println!();
    println!("{}", markdown_table(&rows, runs));
    let failed = rows
        .iter()
        .filter(|(_, outcome)| matches!(outcome, Outcome::Failed(_)))
        .count();
    if failed > 0 {
        bail!("{failed} benchmark(s) failed");
    }
    Ok(())
}

/// `tracelift run FILE` with the JIT off, from the benchmark directory.
fn tracelift_command(tracelift: &Path, dir: &Path, file: &str) -> Command {
    let mut command = Command::new(tracelift);
    command
        .args(["run", file])
        .env("TRACELIFT_JIT", "off")
        .current_dir(dir)
        .stdin(Stdio::null());
    command
}

/// Runs both engines once; `Err` describes the first disagreement.
fn check_outputs(tracelift: &Path, dir: &Path, path: &Path) -> Result<(), String> {
    let file = file_name(path);
    let ours = tracelift_command(tracelift, dir, &file)
        .output()
        .map_err(|err| format!("could not run tracelift: {err}"))?;
    let theirs = python3()
        .arg(&file)
        .current_dir(dir)
        .output()
        .map_err(|err| format!("could not run python3: {err}"))?;
    if !theirs.status.success() {
        return Err(format!("python3 failed ({})", theirs.status));
    }
    if !ours.status.success() {
        let stderr = String::from_utf8_lossy(&ours.stderr);
        let last = stderr.lines().last().unwrap_or("");
        return Err(format!("tracelift failed ({}): {last}", ours.status));
    }
    if ours.stdout != theirs.stdout {
        return Err("tracelift and python3 print different stdout".to_string());
    }
    let expected_path = path.with_extension("stdout");
    if let Ok(expected) = std::fs::read(&expected_path) {
        if expected != theirs.stdout {
            return Err(format!(
                "python3 no longer prints {}",
                file_name(&expected_path)
            ));
        }
    }
    Ok(())
}

/// Times both engines in one hyperfine run and returns their medians.
fn time_pair(tracelift: &Path, dir: &Path, path: &Path, runs: u32, json: &Path) -> Result<Outcome> {
    let file = file_name(path);
    let ours = format!("{} run {file}", quote(&tracelift.to_string_lossy()));
    let theirs = format!("python3 {file}");
    let mut command = hyperfine(dir, runs, json);
    // Both commands inherit this; python3 ignores it.
    python_env(&mut command).env("TRACELIFT_JIT", "off");
    command
        .args(["--command-name", "tracelift", "--command-name", "python3"])
        .args([&ours, &theirs]);
    Ok(match run_hyperfine(command, json, 2)? {
        Ok(medians) => Outcome::Timed {
            tracelift: medians[0],
            python: medians[1],
        },
        Err(why) => Outcome::Failed(why),
    })
}

fn markdown_table(rows: &[(String, Outcome)], runs: u32) -> String {
    let mut table = format!(
        "median of {runs} runs, seconds; tracelift with TRACELIFT_JIT=off\n\n\
         | program | tracelift | python3 | tracelift / python3 |\n\
         |---|---:|---:|---:|\n"
    );
    for (name, outcome) in rows {
        let line = match outcome {
            Outcome::Timed { tracelift, python } => format!(
                "| {name} | {tracelift:.3} | {python:.3} | {:.2}x |\n",
                tracelift / python
            ),
            Outcome::Failed(why) => format!("| {name} | - | - | FAILED: {why} |\n"),
        };
        table.push_str(&line);
    }
    table
}
