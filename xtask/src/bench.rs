//! `cargo xtask bench [--runs N] [--group programs|idioms]`: tracelift with the JIT off
//! and on against CPython, side by side.
//!
//! A group is a directory of programs: `programs` (`benches/programs/`, the hot-loop
//! benchmarks, the default) or `idioms` (`benches/idioms/`, everyday code: string
//! building, join, split, character iteration and indexing, slicing, list membership,
//! appends, tuple swaps, calls, big ints, int/str conversion). Builds `tracelift` in
//! release mode, then for every `NAME.py` of the group:
//! 1. runs it once under each engine and checks all print the same stdout (a benchmark
//!    that computes something else is not a benchmark), also against `NAME.stdout` when
//!    that file exists;
//! 2. times the three commands with one `hyperfine` invocation (so they share the
//!    machine's state), reading the medians from hyperfine's `--export-json` file.
//!
//! It prints a markdown table of medians and the ratios to python3 (with their
//! geometric means), with the exact commands. Absolute times drift on shared machines; only ratios measured in the same
//! run are meaningful.

use crate::util::workspace_root;
use crate::util::{build_release, file_name, hyperfine, python3, python_env, python_files};
use crate::util::{quote, require_hyperfine, require_python3, run_hyperfine, stem};
use anyhow::{bail, Result};
use std::path::Path;
use std::process::{Command, Stdio};

/// One benchmark's outcome: the three medians in seconds, or why it was not timed.
enum Outcome {
    Timed { off: f64, on: f64, python: f64 },
    Failed(String),
}

/// The JIT modes timed, in column order.
const MODES: [&str; 2] = ["off", "on"];

/// The benchmark groups: directories under `benches/`.
pub const GROUPS: [&str; 2] = ["programs", "idioms"];

pub fn run(runs: u32, group: &str) -> Result<()> {
    if !GROUPS.contains(&group) {
        bail!(
            "unknown benchmark group `{group}` (one of {})",
            GROUPS.join(", ")
        );
    }
    require_hyperfine()?;
    require_python3()?;
    let tracelift = build_release(&["tracelift"], &["tracelift"])?.remove(0);
    let python = python3_executable()?;

    let dir = workspace_root().join("benches").join(group);
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
            Ok(()) => time_pair(&tracelift, &python, &dir, path, runs, &json)?,
            Err(why) => Outcome::Failed(why),
        };
        rows.push((name, outcome));
    }
    let _ = std::fs::remove_file(&json);

    println!();
    println!("{}", markdown_table(&rows, runs, group));
    let failed = rows
        .iter()
        .filter(|(_, outcome)| matches!(outcome, Outcome::Failed(_)))
        .count();
    if failed > 0 {
        bail!("{failed} benchmark(s) failed");
    }
    Ok(())
}

/// `tracelift run --jit MODE FILE`, from the benchmark directory.
fn tracelift_command(tracelift: &Path, dir: &Path, mode: &str, file: &str) -> Command {
    let mut command = Command::new(tracelift);
    command
        .args(["run", "--jit", mode, file])
        .env_remove("TRACELIFT_JIT")
        .current_dir(dir)
        .stdin(Stdio::null());
    command
}

/// Runs every engine once; `Err` describes the first disagreement.
fn check_outputs(tracelift: &Path, dir: &Path, path: &Path) -> Result<(), String> {
    let file = file_name(path);
    let theirs = python3()
        .arg(&file)
        .current_dir(dir)
        .output()
        .map_err(|err| format!("could not run python3: {err}"))?;
    if !theirs.status.success() {
        return Err(format!("python3 failed ({})", theirs.status));
    }
    for mode in MODES {
        let ours = tracelift_command(tracelift, dir, mode, &file)
            .output()
            .map_err(|err| format!("could not run tracelift: {err}"))?;
        if !ours.status.success() {
            let stderr = String::from_utf8_lossy(&ours.stderr);
            let last = stderr.lines().last().unwrap_or("");
            return Err(format!(
                "tracelift --jit {mode} failed ({}): {last}",
                ours.status
            ));
        }
        if ours.stdout != theirs.stdout {
            return Err(format!(
                "tracelift --jit {mode} and python3 print different stdout"
            ));
        }
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

/// The interpreter `python3` runs, by its real path: `python3` on `PATH` may be a
/// version manager's shell script (pyenv), whose own start-up would be timed too.
fn python3_executable() -> Result<String> {
    let output = python3()
        .args(["-c", "import sys; print(sys.executable)"])
        .output()?;
    let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if !output.status.success() || path.is_empty() {
        bail!("python3 could not report its executable");
    }
    Ok(path)
}

/// Times the three commands in one hyperfine run and returns their medians.
fn time_pair(
    tracelift: &Path,
    python: &str,
    dir: &Path,
    path: &Path,
    runs: u32,
    json: &Path,
) -> Result<Outcome> {
    let file = file_name(path);
    let binary = quote(&tracelift.to_string_lossy());
    let mut command = hyperfine(dir, runs, json);
    python_env(&mut command).env_remove("TRACELIFT_JIT");
    for mode in MODES {
        command.args(["--command-name", &format!("jit {mode}")]);
    }
    command.args(["--command-name", "python3"]);
    for mode in MODES {
        command.arg(format!("{binary} run --jit {mode} {file}"));
    }
    command.arg(format!("{} {file}", quote(python)));
    Ok(match run_hyperfine(command, json, 3)? {
        Ok(medians) => Outcome::Timed {
            off: medians[0],
            on: medians[1],
            python: medians[2],
        },
        Err(why) => Outcome::Failed(why),
    })
}

fn markdown_table(rows: &[(String, Outcome)], runs: u32, group: &str) -> String {
    let mut table = format!(
        "benches/{group}: median of {runs} runs, seconds (ratio to python3); \
         commands: `tracelift run --jit off NAME.py`, `tracelift run --jit on NAME.py`, \
         `python3 NAME.py` (python3 by its real path, no shim)\n\n\
         | program | jit off | jit on | python3 |\n\
         |---|---:|---:|---:|\n"
    );
    for (name, outcome) in rows {
        let line = match outcome {
            Outcome::Timed { off, on, python } => format!(
                "| {name} | {off:.3} ({:.2}x) | {on:.3} ({:.2}x) | {python:.3} |\n",
                off / python,
                on / python
            ),
            Outcome::Failed(why) => format!("| {name} | - | - | FAILED: {why} |\n"),
        };
        table.push_str(&line);
    }
    if let Some((off, on)) = geomean_ratios(rows) {
        table.push_str(&format!(
            "| geomean of the ratios | ({off:.2}x) | ({on:.2}x) | |\n"
        ));
    }
    table
}

/// The geometric means of the off/python3 and on/python3 ratios over the timed rows
/// (the target is stated for the first); `None` if no row was timed.
fn geomean_ratios(rows: &[(String, Outcome)]) -> Option<(f64, f64)> {
    let ratios: Vec<(f64, f64)> = rows
        .iter()
        .filter_map(|(_, outcome)| match outcome {
            Outcome::Timed { off, on, python } => Some((off / python, on / python)),
            Outcome::Failed(_) => None,
        })
        .collect();
    if ratios.is_empty() {
        return None;
    }
    let count = ratios.len() as f64;
    let mean = |pick: fn(&(f64, f64)) -> f64| {
        (ratios.iter().map(|pair| pick(pair).ln()).sum::<f64>() / count).exp()
    };
    Some((mean(|pair| pair.0), mean(|pair| pair.1)))
}
