//! `cargo xtask peers [--runs N] [--out FILE]`: tracelift against its peers on the
//! benchmark programs.
//!
//! Builds `tracelift` and the native Rust ports (`benches/src`, binary `native`) in release
//! mode, then for every `benches/programs/NAME.py` and every system that is installed —
//! tracelift with the JIT on (optimizer on, and off with `--opt none`) and off, `python3`, `pypy3`, `lua5.4` and `luajit` (on
//! `benches/lua/NAME.lua`), and native Rust:
//! 1. runs the system once and checks that it succeeds and prints exactly
//!    `benches/programs/NAME.stdout` (or, without that file, what `python3` prints). For
//!    tracelift with the JIT on this run also writes `--jit-stats`, and the stats must show
//!    `traces_compiled` > 0: a JIT that compiled nothing is not being measured;
//! 2. times every system that passed with ONE `hyperfine` invocation (so they share the
//!    machine's state), reading the medians from its `--export-json` file.
//!
//! It prints a markdown table — one row per program, the median seconds of each system and
//! its time relative to tracelift with the JIT on — followed by the reason for every
//! failure and the version of every peer, and writes the same text to `--out FILE`.
//!
//! Invariants: a system that fails or prints something else is reported, never timed; a
//! peer that is not installed is skipped with a note, never required (hyperfine is); the
//! command exits non-zero when any run failed, after printing and writing the table.

use crate::util::{build_release, file_name, hyperfine, json_numbers, python_env, python_files};
use crate::util::{quote, require_hyperfine, run_hyperfine, stem, tool_version, workspace_root};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What `cargo xtask peers` was asked to do.
pub struct Options {
    /// Timed runs per system and program (after one warmup run).
    pub runs: u32,
    /// Where to write the table as well, if anywhere.
    pub out: Option<PathBuf>,
}

/// Parses `peers`' options: `--out FILE` (or `--out=FILE`) here, `--runs N` through the
/// same parser `bench` uses.
pub fn parse_options(rest: &[String]) -> Result<Options> {
    let mut out = None;
    let mut others = Vec::new();
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        if arg == "--out" {
            out = Some(PathBuf::from(
                iter.next().context("`--out` needs a file name")?,
            ));
        } else if let Some(value) = arg.strip_prefix("--out=") {
            out = Some(PathBuf::from(value));
        } else {
            others.push(arg.clone());
        }
    }
    Ok(Options {
        runs: crate::parse_runs(&others)?,
        out,
    })
}

/// One system under comparison. The table's columns follow [`System::ALL`]'s order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum System {
    TraceliftJitOn,
    /// The JIT on with the optimizer off (`--opt none`): what the optimizer is worth.
    TraceliftOptOff,
    TraceliftJitOff,
    Python3,
    Pypy3,
    Lua54,
    LuaJit,
    Native,
}

impl System {
    const ALL: [System; 8] = [
        System::TraceliftJitOn,
        System::TraceliftOptOff,
        System::TraceliftJitOff,
        System::Python3,
        System::Pypy3,
        System::Lua54,
        System::LuaJit,
        System::Native,
    ];

    /// The column header, also hyperfine's command name.
    fn name(self) -> &'static str {
        match self {
            System::TraceliftJitOn => "tracelift JIT on",
            System::TraceliftOptOff => "tracelift opt none",
            System::TraceliftJitOff => "tracelift JIT off",
            System::Python3 => "python3",
            System::Pypy3 => "pypy3",
            System::Lua54 => "lua5.4",
            System::LuaJit => "luajit",
            System::Native => "native",
        }
    }

    /// For a peer found on `PATH`: its program and the argument that prints its version.
    /// `None` for the systems this command builds itself.
    fn peer_program(self) -> Option<(&'static str, &'static str)> {
        match self {
            System::Python3 => Some(("python3", "--version")),
            System::Pypy3 => Some(("pypy3", "--version")),
            System::Lua54 => Some(("lua5.4", "-v")),
            System::LuaJit => Some(("luajit", "-v")),
            System::TraceliftJitOn
            | System::TraceliftOptOff
            | System::TraceliftJitOff
            | System::Native => None,
        }
    }

    /// The command line running program `name` from `benches/programs/`, or why there is
    /// none. With `stats`, tracelift with the JIT on also writes its counters there.
    fn argv(
        self,
        builds: &Builds,
        name: &str,
        stats: Option<&Path>,
    ) -> Result<Vec<String>, String> {
        let python_file = format!("{name}.py");
        let tracelift = |mode: &str, opt: &str| {
            let mut argv = vec![path_text(&builds.tracelift), "run".into(), "--jit".into()];
            argv.push(mode.into());
            argv.extend(["--opt".into(), opt.into()]);
            if let Some(stats) = stats {
                argv.extend(["--jit-stats".into(), path_text(stats)]);
            }
            argv.push(python_file.clone());
            argv
        };
        let lua = |program: &str| {
            let file = format!("../lua/{name}.lua");
            if builds.programs_dir.join(&file).is_file() {
                Ok(vec![program.to_string(), file])
            } else {
                Err(format!("no Lua port benches/lua/{name}.lua"))
            }
        };
        match self {
            System::TraceliftJitOn => Ok(tracelift("on", "all")),
            System::TraceliftOptOff => Ok(tracelift("on", "none")),
            System::TraceliftJitOff => Ok(tracelift("off", "none")),
            System::Python3 => Ok(vec!["python3".into(), python_file]),
            System::Pypy3 => Ok(vec!["pypy3".into(), python_file]),
            System::Lua54 => lua("lua5.4"),
            System::LuaJit => lua("luajit"),
            System::Native => Ok(vec![path_text(&builds.native), name.to_string()]),
        }
    }
}

/// What the runs need: the freshly built binaries and the programs' directory.
struct Builds {
    tracelift: PathBuf,
    native: PathBuf,
    programs_dir: PathBuf,
}

/// One cell of the table.
enum Cell {
    /// Printed the expected result; not timed yet.
    Checked,
    /// The median of the timed runs, in seconds.
    Timed(f64),
    /// Why the system was not timed.
    Failed(String),
}

pub fn run(options: Options) -> Result<()> {
    require_hyperfine()?;
    let mut systems = Vec::new();
    let mut notes = Vec::new();
    for system in System::ALL {
        match system.peer_program() {
            None => systems.push(system),
            Some((program, version_arg)) => match tool_version(program, version_arg) {
                Some(version) => {
                    // Lua and LuaJIT follow their version with a copyright line.
                    let version = match version.find("Copyright") {
                        Some(end) => version[..end].trim_end_matches([' ', '-']),
                        None => &version,
                    };
                    notes.push(format!("{}: {version}", system.name()));
                    systems.push(system);
                }
                None => notes.push(format!(
                    "{}: not installed, skipped (see benches/README.md)",
                    system.name()
                )),
            },
        }
    }
    let paths = build_release(
        &["tracelift", "tracelift-benches"],
        &["tracelift", "native"],
    )?;
    let programs_dir = workspace_root().join("benches").join("programs");
    let builds = Builds {
        tracelift: paths[0].clone(),
        native: paths[1].clone(),
        programs_dir,
    };
    let programs = python_files(&builds.programs_dir)?;
    if programs.is_empty() {
        bail!("no benchmark programs in {}", builds.programs_dir.display());
    }
    let scratch = std::env::temp_dir();
    let json = scratch.join(format!("tracelift-peers-{}.json", std::process::id()));
    let stats = scratch.join(format!("tracelift-peers-{}-stats.json", std::process::id()));

    let mut rows = Vec::new();
    for path in &programs {
        let name = stem(path).to_string();
        println!("==> {name}");
        let mut cells = check_program(&builds, &systems, path, &stats);
        time_program(&builds, &systems, &name, options.runs, &json, &mut cells)?;
        rows.push((name, cells));
    }
    let _ = std::fs::remove_file(&json);
    let _ = std::fs::remove_file(&stats);

    let report = report(&systems, &rows, &notes, options.runs);
    println!();
    println!("{report}");
    if let Some(out) = &options.out {
        std::fs::write(out, &report).with_context(|| format!("writing {}", out.display()))?;
        println!("(table written to {})", out.display());
    }
    let failed = rows
        .iter()
        .flat_map(|(_, cells)| cells)
        .filter(|cell| matches!(cell, Cell::Failed(_)))
        .count();
    if failed > 0 {
        bail!("{failed} run(s) failed or printed the wrong result (reasons under the table)");
    }
    Ok(())
}

/// Runs every system once on the program at `path`: a passing system's cell is
/// [`Cell::Checked`], a failing one's says why.
fn check_program(builds: &Builds, systems: &[System], path: &Path, stats: &Path) -> Vec<Cell> {
    let name = stem(path);
    let outputs: Vec<Result<Vec<u8>, String>> = systems
        .iter()
        .map(|&system| {
            let stats = (system == System::TraceliftJitOn).then_some(stats);
            if let Some(stats) = stats {
                // A stale file from an earlier run must not pass for this run's stats.
                let _ = std::fs::remove_file(stats);
            }
            let argv = system.argv(builds, name, stats)?;
            run_once(&builds.programs_dir, &argv)
        })
        .collect();
    let expected_path = path.with_extension("stdout");
    let (expected, source) = match std::fs::read(&expected_path) {
        Ok(expected) => (Some(expected), file_name(&expected_path)),
        Err(_) => {
            let python = systems.iter().position(|&s| s == System::Python3);
            let output = python.and_then(|index| outputs[index].as_ref().ok());
            (output.cloned(), "what python3 prints".to_string())
        }
    };
    systems
        .iter()
        .zip(outputs)
        .map(|(system, output)| {
            let cell = match (output, &expected) {
                (Err(why), _) => Cell::Failed(why),
                (Ok(_), None) => Cell::Failed("nothing to compare with".to_string()),
                (Ok(stdout), Some(expected)) if stdout != *expected => Cell::Failed(format!(
                    "stdout differs from {source}: {}",
                    first_difference(&stdout, expected)
                )),
                // The stats are this program's: the file was removed before the run.
                (Ok(_), Some(_)) if *system == System::TraceliftJitOn => {
                    match check_traces_compiled(stats) {
                        Ok(()) => Cell::Checked,
                        Err(why) => Cell::Failed(why),
                    }
                }
                (Ok(_), Some(_)) => Cell::Checked,
            };
            let verdict = match &cell {
                Cell::Failed(why) => format!("FAILED: {why}"),
                Cell::Checked | Cell::Timed(_) => "ok".to_string(),
            };
            println!("    {:<18} {verdict}", system.name());
            cell
        })
        .collect()
}

/// Runs `argv` once from `dir` and returns its stdout, or why it failed.
fn run_once(dir: &Path, argv: &[String]) -> Result<Vec<u8>, String> {
    let (program, args) = argv.split_first().expect("a command line has a program");
    let output = clean_env(Command::new(program).args(args))
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|err| format!("could not run {program}: {err}"))?;
    if !output.status.success() {
        // A command-line error (clap) says `error: ...` first and a hint last; an uncaught
        // exception ends with `Kind: message`.
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let line = lines
            .iter()
            .find(|line| line.starts_with("error:"))
            .or(lines.last())
            .copied()
            .unwrap_or("(no stderr)");
        let status = match output.status.code() {
            Some(code) => format!("exit status {code}"),
            None => output.status.to_string(),
        };
        return Err(shorten(&format!("{status}: {line}")));
    }
    Ok(output.stdout)
}

/// Checks the stats tracelift wrote with the JIT on report at least one compiled trace.
fn check_traces_compiled(stats: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(stats)
        .map_err(|err| format!("no JIT stats written to {}: {err}", stats.display()))?;
    let counts = json_numbers(&text, "traces_compiled").map_err(|err| format!("{err:#}"))?;
    match counts.first() {
        None => Err("no traces compiled (the JIT stats have no `traces_compiled`)".to_string()),
        Some(&count) if count <= 0.0 => Err("no traces compiled".to_string()),
        Some(_) => Ok(()),
    }
}

/// Times the systems whose check passed with one hyperfine run and fills in their cells.
fn time_program(
    builds: &Builds,
    systems: &[System],
    name: &str,
    runs: u32,
    json: &Path,
    cells: &mut [Cell],
) -> Result<()> {
    let passed: Vec<usize> = (0..systems.len())
        .filter(|&index| matches!(cells[index], Cell::Checked))
        .collect();
    if passed.is_empty() {
        return Ok(());
    }
    let mut command = hyperfine(&builds.programs_dir, runs, json);
    clean_env(&mut command);
    for &index in &passed {
        let system = systems[index];
        let argv = system
            .argv(builds, name, None)
            .expect("the check built this command line already");
        let line: Vec<String> = argv.iter().map(|word| quote(word)).collect();
        command
            .args(["--command-name", system.name()])
            .arg(line.join(" "));
    }
    match run_hyperfine(command, json, passed.len())? {
        Ok(medians) => {
            for (&index, median) in passed.iter().zip(medians) {
                cells[index] = Cell::Timed(median);
            }
        }
        Err(why) => {
            for &index in &passed {
                cells[index] = Cell::Failed(why.clone());
            }
        }
    }
    Ok(())
}

/// Environment variables that would change what a run does or costs (tracelift's own
/// settings, Lua start-up code); the Python ones are handled by [`python_env`].
const ENV_TO_CLEAR: &[&str] = &[
    "TRACELIFT_JIT",
    "TRACELIFT_JIT_THRESHOLD",
    "TRACELIFT_JIT_MIN_WORK",
    "TRACELIFT_JIT_QUICK_STEPS",
    "TRACELIFT_JIT_STATS",
    "TRACELIFT_DUMP",
    "TRACELIFT_DUMP_DIR",
    "TRACELIFT_FUEL",
    "TRACELIFT_RECURSION_LIMIT",
    "LUA_INIT",
    "LUA_INIT_5_4",
];

/// Gives a run (or hyperfine, whose runs inherit it) a predictable environment.
fn clean_env(command: &mut Command) -> &mut Command {
    for var in ENV_TO_CLEAR {
        command.env_remove(var);
    }
    python_env(command)
}

/// Where two outputs first differ, by line, for a failure reason.
fn first_difference(actual: &[u8], expected: &[u8]) -> String {
    let actual = String::from_utf8_lossy(actual);
    let expected = String::from_utf8_lossy(expected);
    let mut actual_lines = actual.lines();
    let mut expected_lines = expected.lines();
    for number in 1.. {
        match (actual_lines.next(), expected_lines.next()) {
            (Some(got), Some(want)) if got == want => continue,
            (None, None) => return "they differ only in line endings".to_string(),
            (got, want) => {
                return shorten(&format!(
                    "line {number} is {:?}, expected {:?}",
                    got.unwrap_or("<end of output>"),
                    want.unwrap_or("<end of output>")
                ))
            }
        }
    }
    unreachable!("the loop returns once either output ends")
}

/// Cuts a failure reason to a length that still fits a report line.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 160;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_string(),
    }
}

/// The markdown table with the failure reasons and peer versions under it.
fn report(systems: &[System], rows: &[(String, Vec<Cell>)], notes: &[String], runs: u32) -> String {
    let base = systems.iter().position(|&s| s == System::TraceliftJitOn);
    let mut text = format!(
        "`cargo xtask peers --runs {runs}`: median wall-clock seconds of {runs} runs after one \
         warmup (hyperfine); in parentheses, the time relative to tracelift JIT on (below 1x \
         is faster than it; omitted where tracelift JIT on failed).\n\n| program |"
    );
    for system in systems {
        text.push_str(&format!(" {} |", system.name()));
    }
    text.push_str("\n|---|");
    text.push_str(&"---:|".repeat(systems.len()));
    text.push('\n');
    let mut failures: Vec<Failure> = Vec::new();
    for (name, cells) in rows {
        let base_time = match base.map(|index| &cells[index]) {
            Some(Cell::Timed(seconds)) => Some(*seconds),
            _ => None,
        };
        text.push_str(&format!("| {name} |"));
        for (system, cell) in systems.iter().zip(cells) {
            let shown = match (cell, base_time) {
                (Cell::Timed(seconds), Some(base)) if *system != System::TraceliftJitOn => {
                    format!(
                        "{} ({})",
                        seconds_text(*seconds),
                        ratio_text(seconds / base)
                    )
                }
                (Cell::Timed(seconds), _) => seconds_text(*seconds),
                // Only when timing stopped early on an error: nothing to show.
                (Cell::Checked, _) => "-".to_string(),
                (Cell::Failed(why), _) => {
                    record_failure(&mut failures, system.name(), why, name);
                    "failed".to_string()
                }
            };
            text.push_str(&format!(" {shown} |"));
        }
        text.push('\n');
    }
    if !failures.is_empty() {
        text.push_str("\nFailures (not timed):\n");
        for (system, why, programs) in failures {
            let programs = if programs.len() == rows.len() && rows.len() > 1 {
                "every program".to_string()
            } else {
                programs.join(", ")
            };
            text.push_str(&format!("- {system} ({programs}): {why}\n"));
        }
    }
    text.push_str("\nPeers:\n");
    for note in notes {
        text.push_str(&format!("- {note}\n"));
    }
    text
}

/// A failure reason of one system and the programs it happened on.
type Failure<'a> = (&'static str, &'a str, Vec<&'a str>);

/// Adds `program` to the failures, listing a reason a system gave more than once once.
fn record_failure<'a>(
    failures: &mut Vec<Failure<'a>>,
    system: &'static str,
    why: &'a str,
    program: &'a str,
) {
    match failures
        .iter_mut()
        .find(|(other, other_why, _)| *other == system && *other_why == why)
    {
        Some((_, _, programs)) => programs.push(program),
        None => failures.push((system, why, vec![program])),
    }
}

/// Seconds with four significant-ish digits: `2.292`, `0.4838`, `0.0021`.
fn seconds_text(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.3}")
    } else {
        format!("{seconds:.4}")
    }
}

fn ratio_text(ratio: f64) -> String {
    if ratio >= 0.1 {
        format!("{ratio:.2}x")
    } else {
        format!("{ratio:.3}x")
    }
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::{first_difference, report, shorten, Cell, System};

    #[test]
    fn reports_where_outputs_differ() {
        assert_eq!(
            first_difference(b"1\n2\n", b"1\n3\n"),
            "line 2 is \"2\", expected \"3\""
        );
        assert_eq!(
            first_difference(b"1\n", b"1\n2\n"),
            "line 2 is \"<end of output>\", expected \"2\""
        );
        assert_eq!(
            first_difference(b"1\r\n", b"1\n"),
            "they differ only in line endings"
        );
        assert_eq!(shorten(&"x".repeat(200)).len(), 163);
    }

    #[test]
    fn table_has_ratios_to_jit_on_and_lists_failures() {
        let systems = [System::TraceliftJitOn, System::Python3, System::Native];
        let rows = vec![
            (
                "a".to_string(),
                vec![Cell::Timed(0.5), Cell::Timed(1.0), Cell::Timed(0.01)],
            ),
            (
                "b".to_string(),
                vec![
                    Cell::Failed("no traces compiled".into()),
                    Cell::Timed(2.0),
                    Cell::Timed(0.02),
                ],
            ),
        ];
        let text = report(&systems, &rows, &["python3: Python 3.11.7".into()], 3);
        let table: Vec<&str> = text.lines().skip(2).take(4).collect();
        assert_eq!(
            table,
            [
                "| program | tracelift JIT on | python3 | native |",
                "|---|---:|---:|---:|",
                "| a | 0.5000 | 1.000 (2.00x) | 0.0100 (0.020x) |",
                "| b | failed | 2.000 | 0.0200 |",
            ]
        );
        assert!(text.contains("- tracelift JIT on (b): no traces compiled\n"));
        assert!(text.ends_with("Peers:\n- python3: Python 3.11.7\n"));
    }
}
