//! Conformance: every program in `tests/conformance/` (and its `unsupported/` folder) must
//! behave under the `tracelift` CLI exactly as its checked-in expectations say.
//!
//! For `NAME.py` the expectations are `NAME.stdout` (the whole stdout, byte for byte) and
//! `NAME.status` (`exit: N`, then `stderr: <last line of stderr>` when N != 0). Top-level
//! expectations are produced by CPython 3.11 through `cargo xtask bless`; those in
//! `unsupported/` are written by hand, because CPython runs those programs but tracelift
//! must reject them.
//!
//! Each program runs as `tracelift run NAME.py` (or `run unsupported/NAME.py`) with
//! `tests/conformance` as the working directory, `TRACELIFT_JIT=off`, `TRACELIFT_OPT=all`,
//! and whatever extra environment the calling test adds (see [`run_suite`]), so the same
//! corpus can check the JIT at other settings, with the optimizer on and off. Every mismatch is collected and reported at the end, one block
//! per program with the first differing stdout lines.
//!
//! Invariants: the suite fails when it finds no program (never a vacuous pass) and when an
//! expectation file is missing; a program that runs longer than the timeout is killed and
//! reported. `TRACELIFT_CONFORMANCE_FILTER=text` runs only the programs whose path
//! contains `text`; `TRACELIFT_CONFORMANCE_TIMEOUT=secs` changes the timeout (default 60).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The interpreter alone, with the JIT switched off.
#[test]
fn conformance_interpreter() {
    run_suite(&[]);
}

/// Traces recorded at the first arrival at a loop header and run by the evaluator.
#[test]
fn conformance_trace_evaluator_threshold_1() {
    run_suite(&[
        ("TRACELIFT_JIT", "eval"),
        ("TRACELIFT_JIT_THRESHOLD", "1"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
    ]);
}

/// Recording at the second arrival (after one fully interpreted iteration).
#[test]
fn conformance_trace_evaluator_threshold_2() {
    run_suite(&[
        ("TRACELIFT_JIT", "eval"),
        ("TRACELIFT_JIT_THRESHOLD", "2"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
    ]);
}

/// The evaluator on traces as recorded (the optimizer off).
#[test]
fn conformance_trace_evaluator_threshold_1_optimizer_off() {
    run_suite(&[
        ("TRACELIFT_JIT", "eval"),
        ("TRACELIFT_JIT_THRESHOLD", "1"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
        ("TRACELIFT_OPT", "none"),
    ]);
}

/// A later threshold, so loops are recorded mid-way through their iterations.
#[test]
fn conformance_trace_evaluator_threshold_7() {
    run_suite(&[
        ("TRACELIFT_JIT", "eval"),
        ("TRACELIFT_JIT_THRESHOLD", "7"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
    ]);
}

/// Compiled traces, recorded at the first arrival at a loop header, with a side trace
/// recorded at the first exit taken from any exit.
#[test]
fn conformance_compiled_threshold_1() {
    run_suite(&[
        ("TRACELIFT_JIT", "on"),
        ("TRACELIFT_JIT_THRESHOLD", "1"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
        ("TRACELIFT_JIT_HOT_EXIT", "1"),
    ]);
}

/// Compiled traces as recorded (the optimizer off), side traces at the first exit.
#[test]
fn conformance_compiled_threshold_1_optimizer_off() {
    run_suite(&[
        ("TRACELIFT_JIT", "on"),
        ("TRACELIFT_JIT_THRESHOLD", "1"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
        ("TRACELIFT_JIT_HOT_EXIT", "1"),
        ("TRACELIFT_OPT", "none"),
    ]);
}

/// Hot functions not traced from their entry (every other tier traces them, the
/// default): compiled, every recursive call a nested run.
#[test]
fn conformance_compiled_threshold_1_functions_not_traced() {
    run_suite(&[
        ("TRACELIFT_JIT", "on"),
        ("TRACELIFT_JIT_THRESHOLD", "1"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
        ("TRACELIFT_JIT_HOT_EXIT", "1"),
        ("TRACELIFT_JIT_FUNCTIONS", "off"),
    ]);
}

/// Hot functions not traced from their entry, evaluated.
#[test]
fn conformance_trace_evaluator_threshold_1_functions_not_traced() {
    run_suite(&[
        ("TRACELIFT_JIT", "eval"),
        ("TRACELIFT_JIT_THRESHOLD", "1"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
        ("TRACELIFT_JIT_FUNCTIONS", "off"),
    ]);
}

/// Compiled traces, recorded at the second arrival.
#[test]
fn conformance_compiled_threshold_2() {
    run_suite(&[
        ("TRACELIFT_JIT", "on"),
        ("TRACELIFT_JIT_THRESHOLD", "2"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
        ("TRACELIFT_JIT_HOT_EXIT", "2"),
    ]);
}

/// Compiled traces recorded mid-way through loops.
#[test]
fn conformance_compiled_threshold_7() {
    run_suite(&[
        ("TRACELIFT_JIT", "on"),
        ("TRACELIFT_JIT_THRESHOLD", "7"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
        ("TRACELIFT_JIT_HOT_EXIT", "7"),
    ]);
}

/// Compiled on the compile thread (`--jit-background on`), side traces at the first
/// exit: the interpreter runs loops while their traces compile, and installs them at
/// whatever loop header it reaches once they are ready.
#[test]
fn conformance_compiled_in_the_background_threshold_1() {
    run_suite(&[
        ("TRACELIFT_JIT", "on"),
        ("TRACELIFT_JIT_BACKGROUND", "on"),
        ("TRACELIFT_JIT_THRESHOLD", "1"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
        ("TRACELIFT_JIT_HOT_EXIT", "1"),
    ]);
}

/// Compiled on the compile thread, each trace installed at the next loop header
/// (`lockstep`): every trace of the foreground runs, by way of the background path.
#[test]
fn conformance_compiled_in_lockstep_threshold_2() {
    run_suite(&[
        ("TRACELIFT_JIT", "on"),
        ("TRACELIFT_JIT_BACKGROUND", "lockstep"),
        ("TRACELIFT_JIT_THRESHOLD", "2"),
        ("TRACELIFT_JIT_MIN_WORK", "0"),
        ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
        ("TRACELIFT_JIT_HOT_EXIT", "2"),
    ]);
}

/// Runs every conformance program with `TRACELIFT_JIT=off` plus `extra_env` (later entries
/// win, so `("TRACELIFT_JIT", "eval")` overrides the default), and panics with a report of
/// every program whose stdout, exit status or last stderr line differs from its expectations.
fn run_suite(extra_env: &[(&str, &str)]) {
    let binary = tracelift_binary();
    let dir = conformance_dir();
    let mut programs = discover_programs(&dir);
    assert!(
        !programs.is_empty(),
        "no conformance programs found in {}: the suite must not pass vacuously",
        dir.display()
    );
    if let Ok(filter) = std::env::var("TRACELIFT_CONFORMANCE_FILTER") {
        programs.retain(|program| program.contains(&filter));
        assert!(
            !programs.is_empty(),
            "TRACELIFT_CONFORMANCE_FILTER={filter} matches no program"
        );
    }
    let timeout = Duration::from_secs(
        std::env::var("TRACELIFT_CONFORMANCE_TIMEOUT")
            .ok()
            .and_then(|secs| secs.parse().ok())
            .unwrap_or(60),
    );

    let mut env: Vec<(&str, &str)> = vec![("TRACELIFT_JIT", "off"), ("TRACELIFT_OPT", "all")];
    env.extend_from_slice(extra_env);

    let failures = for_each_program(&programs, |program| {
        check_program(&binary, &dir, program, &env, timeout)
    });
    let mut failures = failures;
    if failures.is_empty() {
        return;
    }
    failures.sort();
    let env_text: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut message = format!(
        "{} of {} conformance programs failed (env: {})\n",
        failures.len(),
        programs.len(),
        env_text.join(" ")
    );
    for (program, report) in &failures {
        message.push_str(&format!("\n=== {program}\n{report}"));
    }
    message.push_str("\nfailing programs:\n");
    for (program, _) in &failures {
        message.push_str(&format!("  {program}\n"));
    }
    panic!("{message}");
}

/// The `tracelift` binary cargo built for this test.
/// Runs `check` on every program on a few threads; the programs it reported on.
fn for_each_program(
    programs: &[String],
    check: impl Fn(&str) -> Result<(), String> + Sync,
) -> Vec<(String, String)> {
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(program) = programs.get(index) else {
                    break;
                };
                if let Err(report) = check(program) {
                    failures.lock().unwrap().push((program.clone(), report));
                }
            });
        }
    });
    failures.into_inner().unwrap()
}

/// The differential test: every program gives byte-identical stdout, the whole of
/// stderr (tracebacks included) and the same exit status with the JIT off, with the
/// trace evaluator and compiled, the two JIT tiers at their most aggressive (every
/// loop recorded at its first arrival, every exit linked at its first use), each with
/// the optimizer on and off.
#[test]
fn compiled_evaluated_and_interpreted_runs_agree_byte_for_byte() {
    let binary = tracelift_binary();
    let dir = conformance_dir();
    let programs = discover_programs(&dir);
    assert!(!programs.is_empty(), "no conformance programs found");
    let timeout = Duration::from_secs(60);
    let names = ["eval", "eval, optimizer off", "on", "on, optimizer off"];
    let tiers: [&[(&str, &str)]; 5] = [
        &[("TRACELIFT_JIT", "off")],
        &[
            ("TRACELIFT_JIT", "eval"),
            ("TRACELIFT_JIT_THRESHOLD", "1"),
            ("TRACELIFT_JIT_MIN_WORK", "0"),
            ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
            ("TRACELIFT_OPT", "all"),
        ],
        &[
            ("TRACELIFT_JIT", "eval"),
            ("TRACELIFT_JIT_THRESHOLD", "1"),
            ("TRACELIFT_JIT_MIN_WORK", "0"),
            ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
            ("TRACELIFT_OPT", "none"),
        ],
        &[
            ("TRACELIFT_JIT", "on"),
            ("TRACELIFT_JIT_THRESHOLD", "1"),
            ("TRACELIFT_JIT_MIN_WORK", "0"),
            ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
            ("TRACELIFT_JIT_HOT_EXIT", "1"),
            ("TRACELIFT_OPT", "all"),
        ],
        &[
            ("TRACELIFT_JIT", "on"),
            ("TRACELIFT_JIT_THRESHOLD", "1"),
            ("TRACELIFT_JIT_MIN_WORK", "0"),
            ("TRACELIFT_JIT_PEEL_MIN_RUN", "0"),
            ("TRACELIFT_JIT_HOT_EXIT", "1"),
            ("TRACELIFT_OPT", "none"),
        ],
    ];
    let mut failures = for_each_program(&programs, |program| {
        let outcomes = tiers
            .iter()
            .map(|env| run_program(&binary, &dir, program, env, timeout))
            .collect::<Result<Vec<_>, _>>()?;
        let describe = |outcome: &Outcome| {
            format!(
                "status {:?}, timed out {}\n--- stdout ---\n{}--- stderr ---\n{}",
                outcome.exit,
                outcome.timed_out,
                String::from_utf8_lossy(&outcome.stdout),
                String::from_utf8_lossy(&outcome.stderr)
            )
        };
        let reference = describe(&outcomes[0]);
        for (tier, outcome) in names.iter().zip(&outcomes[1..]) {
            let text = describe(outcome);
            if text != reference {
                return Err(format!("off:\n{reference}\n{tier}:\n{text}"));
            }
        }
        Ok(())
    });
    failures.sort();
    let reports: Vec<String> = failures
        .iter()
        .map(|(program, report)| format!("== {program}\n{report}"))
        .collect();
    assert!(failures.is_empty(), "{}", reports.join("\n"));
}

fn tracelift_binary() -> PathBuf {
    // `option_env!` keeps this file compiling while the binary target does not exist yet;
    // the suite then fails instead of passing.
    match option_env!("CARGO_BIN_EXE_tracelift") {
        Some(path) => PathBuf::from(path),
        None => panic!("the `tracelift` binary target does not exist, so nothing can be run"),
    }
}

fn conformance_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance");
    dir.canonicalize()
        .unwrap_or_else(|err| panic!("cannot open {}: {err}", dir.display()))
}

/// The programs, as paths relative to `dir` with `/` separators: `NAME.py` for the
/// top level, then `unsupported/NAME.py`, each group sorted.
fn discover_programs(dir: &Path) -> Vec<String> {
    let mut programs = Vec::new();
    for (folder, prefix) in [
        (dir.to_path_buf(), ""),
        (dir.join("unsupported"), "unsupported/"),
    ] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.path())
            .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "py"))
            .filter_map(|path| path.file_name()?.to_str().map(str::to_string))
            .collect();
        names.sort();
        programs.extend(names.into_iter().map(|name| format!("{prefix}{name}")));
    }
    programs
}

/// What a program is expected to do, from its `.status` file.
struct ExpectedStatus {
    exit: i32,
    /// The last stderr line; `None` exactly when `exit` is 0.
    stderr_last: Option<String>,
}

fn parse_status(text: &str) -> Result<ExpectedStatus, String> {
    let mut lines = text.lines();
    let exit = lines
        .next()
        .and_then(|line| line.strip_prefix("exit: "))
        .and_then(|code| code.trim().parse().ok())
        .ok_or_else(|| format!("malformed .status (first line must be `exit: N`): {text:?}"))?;
    let stderr_last = match lines.next() {
        Some(line) => Some(
            line.strip_prefix("stderr: ")
                .ok_or_else(|| format!("malformed .status (second line): {line:?}"))?
                .to_string(),
        ),
        None => None,
    };
    if (exit == 0) != stderr_last.is_none() {
        return Err(format!(
            "malformed .status: a `stderr:` line is required exactly when exit != 0: {text:?}"
        ));
    }
    Ok(ExpectedStatus { exit, stderr_last })
}

/// What a program actually did.
struct Outcome {
    /// `None` when the process was killed by a signal or by the timeout.
    exit: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    timed_out: bool,
}

/// Runs one program and compares it with its expectations; `Err` holds the report.
fn check_program(
    binary: &Path,
    dir: &Path,
    program: &str,
    env: &[(&str, &str)],
    timeout: Duration,
) -> Result<(), String> {
    let stem = program.strip_suffix(".py").expect("programs end in .py");
    let read = |ext: &str| {
        let path = dir.join(format!("{stem}.{ext}"));
        std::fs::read(&path).map_err(|err| {
            format!(
                "cannot read {}: {err} (run `cargo xtask bless`, or write it by hand in unsupported/)\n",
                path.display()
            )
        })
    };
    let expected_stdout = read("stdout")?;
    let expected_status = parse_status(&String::from_utf8_lossy(&read("status")?))?;

    let outcome = run_program(binary, dir, program, env, timeout)?;
    let stderr = String::from_utf8_lossy(&outcome.stderr);
    let stderr_last = stderr
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .map(|line| line.trim_end().to_string());

    let mut report = String::new();
    if outcome.timed_out {
        report.push_str(&format!(
            "killed after the {}s timeout\n",
            timeout.as_secs()
        ));
    }
    if outcome.exit != Some(expected_status.exit) {
        let actual = match outcome.exit {
            Some(code) => code.to_string(),
            None => "none (killed by a signal: crash or timeout)".to_string(),
        };
        report.push_str(&format!(
            "exit status: expected {}, got {actual}\n",
            expected_status.exit
        ));
    }
    match &expected_status.stderr_last {
        Some(expected) if stderr_last.as_deref() != Some(expected.as_str()) => {
            report.push_str(&format!(
                "last stderr line:\n  expected: {expected}\n  actual:   {}\n",
                stderr_last.as_deref().unwrap_or("(stderr is empty)")
            ));
        }
        None if outcome.exit != Some(0) => {
            report.push_str(&format!(
                "last stderr line: {}\n",
                stderr_last.as_deref().unwrap_or("(stderr is empty)")
            ));
        }
        _ => {}
    }
    if outcome.stdout != expected_stdout {
        report.push_str(&stdout_diff(stem, &expected_stdout, &outcome.stdout));
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(report)
    }
}

/// Runs `tracelift run PROGRAM` and collects its output, killing it after `timeout`.
fn run_program(
    binary: &Path,
    dir: &Path,
    program: &str,
    env: &[(&str, &str)],
    timeout: Duration,
) -> Result<Outcome, String> {
    let mut child = Command::new(binary)
        .arg("run")
        .arg(program)
        .current_dir(dir)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot start {}: {err}\n", binary.display()))?;
    // Drain both pipes on their own threads so a chatty program cannot block on a full pipe.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout is piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr is piped")));

    let deadline = Instant::now() + timeout;
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                timed_out = true;
                let _ = child.kill();
                break child
                    .wait()
                    .map_err(|err| format!("wait failed: {err}\n"))?;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(err) => return Err(format!("wait failed: {err}\n")),
        }
    };
    Ok(Outcome {
        exit: if timed_out { None } else { status.code() },
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        timed_out,
    })
}

/// A unified-looking diff around the first line where the two stdouts differ.
fn stdout_diff(stem: &str, expected: &[u8], actual: &[u8]) -> String {
    const CONTEXT: usize = 2;
    const SHOWN: usize = 4;
    let expected_text = String::from_utf8_lossy(expected);
    let actual_text = String::from_utf8_lossy(actual);
    let expected_lines: Vec<&str> = expected_text.split_inclusive('\n').collect();
    let actual_lines: Vec<&str> = actual_text.split_inclusive('\n').collect();
    let first = expected_lines
        .iter()
        .zip(&actual_lines)
        .position(|(e, a)| e != a)
        .unwrap_or(expected_lines.len().min(actual_lines.len()));

    let mut diff = format!(
        "stdout differs at line {} ({} expected lines, {} actual):\n--- {stem}.stdout\n+++ actual stdout\n@@ line {} @@\n",
        first + 1,
        expected_lines.len(),
        actual_lines.len(),
        first + 1
    );
    let show = |prefix: char, line: &str| {
        let line = line.strip_suffix('\n').map_or_else(
            || format!("{line}\u{23ce}(no newline at end)"),
            str::to_string,
        );
        let mut shown: String = line.chars().take(200).collect();
        if shown.len() < line.len() {
            shown.push_str("...");
        }
        format!("{prefix}{shown}\n")
    };
    for line in &expected_lines[first.saturating_sub(CONTEXT)..first] {
        diff.push_str(&show(' ', line));
    }
    for line in expected_lines.iter().skip(first).take(SHOWN) {
        diff.push_str(&show('-', line));
    }
    for line in actual_lines.iter().skip(first).take(SHOWN) {
        diff.push_str(&show('+', line));
    }
    if expected_lines.len() <= first && actual_lines.len() <= first {
        diff.push_str("(the outputs differ only in bytes that are not valid UTF-8)\n");
    }
    diff
}
