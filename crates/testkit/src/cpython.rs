//! CPython as a third oracle: runs a program under `python3` and compares its stdout,
//! exit status and final exception line with tracelift's interpreter. Used by
//! `cargo xtask fuzz-cpython`; no test needs Python.
//!
//! Invariants:
//! - A program that ran out of fuel in tracelift is skipped (CPython has no fuel, so
//!   the two runs would not stop at the same point); so is one CPython did not finish
//!   within [`PYTHON_TIMEOUT`].
//! - `python3` runs isolated (`-I`: no `PYTHON*` variables, no user site directory) and
//!   without `site` (`-S`), so the environment cannot change its behaviour.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::oracle::{run_tier, Outcome, TIERS};

/// How long one CPython run may take before it is abandoned (and the case skipped).
pub const PYTHON_TIMEOUT: Duration = Duration::from_secs(20);

/// What comparing one program with CPython found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Same stdout, exit status and exception line.
    Agree,
    /// Not compared, and why.
    Skipped(String),
    /// A difference: what differs, then CPython's side and tracelift's.
    Differ {
        /// `stdout`, `exit status`, `exception` or `panic`.
        field: &'static str,
        /// CPython's side.
        python: String,
        /// tracelift's side.
        tracelift: String,
        /// How each run ended: the last line of CPython's stderr and of tracelift's
        /// report (empty on success), to group differences by cause.
        endings: (String, String),
    },
}

impl Verdict {
    /// For a difference, a key that groups differences with the same cause: the field
    /// and both endings, with digits blanked.
    pub fn signature(&self) -> Option<String> {
        let Verdict::Differ {
            field,
            endings: (python, tracelift),
            ..
        } = self
        else {
            return None;
        };
        let blank = |text: &str| text.replace(|c: char| c.is_ascii_digit(), "#");
        Some(format!(
            "{field} | python3: {} | tracelift: {}",
            blank(python),
            blank(tracelift)
        ))
    }
}

/// Whether `python3` can be run here.
pub fn python3_available() -> bool {
    Command::new("python3")
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// What a CPython run printed and how it exited.
struct PythonRun {
    stdout: String,
    stderr: String,
    status: i32,
}

/// Runs `source` under tracelift's interpreter (with `fuel`) and under `python3`, and
/// compares them. `Err` only when `python3` could not be run at all.
pub fn compare_with_cpython(source: &str, fuel: u64) -> Result<Verdict, String> {
    let ours = run_tier(&TIERS[0], source, fuel)?;
    if ours.ran_out_of_fuel() {
        return Ok(Verdict::Skipped("tracelift ran out of fuel".to_string()));
    }
    if let Some(panic) = &ours.panic {
        return Ok(Verdict::Differ {
            field: "panic",
            python: String::new(),
            tracelift: panic.clone(),
            endings: (String::new(), "panic".to_string()),
        });
    }
    let Some(python) = run_python(source)? else {
        return Ok(Verdict::Skipped(format!(
            "python3 took longer than {PYTHON_TIMEOUT:?}"
        )));
    };
    Ok(verdict(&python, &ours))
}

/// Compares a CPython run with tracelift's outcome.
fn verdict(python: &PythonRun, ours: &Outcome) -> Verdict {
    let our_report = ours.ending.as_ref().map_or("", |ending| &ending.report);
    let endings = (
        last_line(&python.stderr).to_string(),
        last_line(our_report).to_string(),
    );
    if python.stdout != ours.stdout {
        return Verdict::Differ {
            field: "stdout",
            python: first_differing_line(&python.stdout, &ours.stdout),
            tracelift: first_differing_line(&ours.stdout, &python.stdout),
            endings,
        };
    }
    let our_status = if ours.ending.is_some() { 1 } else { 0 };
    if python.status != our_status {
        return Verdict::Differ {
            field: "exit status",
            python: format!("{} ({})", python.status, endings.0),
            tracelift: format!("{our_status}"),
            endings,
        };
    }
    if ours.ending.is_some() && endings.0 != endings.1 {
        return Verdict::Differ {
            field: "exception",
            python: endings.0.clone(),
            tracelift: endings.1.clone(),
            endings,
        };
    }
    Verdict::Agree
}

/// The last non-empty line of `text`.
fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("")
}

/// The first line of `text` that differs from `other`'s line at the same place.
fn first_differing_line(text: &str, other: &str) -> String {
    let mut others = other.lines();
    for (number, line) in text.lines().enumerate() {
        if others.next() != Some(line) {
            return format!("line {}: {line:?}", number + 1);
        }
    }
    format!("(ends after {} lines)", text.lines().count())
}

/// Runs `source` as a file under `python3 -I -S`; `None` if it timed out.
fn run_python(source: &str) -> Result<Option<PythonRun>, String> {
    let path = scratch_file();
    std::fs::write(&path, source).map_err(|error| format!("writing {path:?}: {error}"))?;
    let result = run_python_file(&path);
    let _ = std::fs::remove_file(&path);
    result
}

/// A file name no other run (in this or another process) uses at the same time.
fn scratch_file() -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let serial = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!(
        "tracelift-cpython-{}-{serial}.py",
        std::process::id()
    ))
}

fn run_python_file(path: &PathBuf) -> Result<Option<PythonRun>, String> {
    let mut child = Command::new("python3")
        .args(["-I", "-S"])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("could not run python3: {error}"))?;
    // Read both pipes on threads so a program printing a lot cannot block on a full one.
    let mut stdout_pipe = child.stdout.take().expect("stdout is piped");
    let mut stderr_pipe = child.stderr.take().expect("stderr is piped");
    let stdout_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout_pipe.read_to_end(&mut bytes);
        bytes
    });
    let stderr_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > PYTHON_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(error) => return Err(format!("waiting for python3: {error}")),
        }
    };
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    Ok(status.map(|status| PythonRun {
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        status: status.code().unwrap_or(-1),
    }))
}
