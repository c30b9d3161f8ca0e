//! The `tracelift` command: `tracelift run FILE.py` behaves like `python3 FILE.py` for
//! the subset (stdout, stderr, exit status); `tracelift dis FILE.py` lists bytecode
//! and uops. Every option has an environment-variable twin (`TRACELIFT_JIT`, ...).

#![forbid(unsafe_code)]

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tracelift::{Background, JitMode, JitParams, OptDump, PassSet, Vm};

#[derive(Parser)]
#[command(
    name = "tracelift",
    version,
    about = "A Python-subset interpreter with a tracing JIT"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a script, like `python3 FILE`.
    Run {
        file: PathBuf,
        #[command(flatten)]
        options: RunOptions,
    },
    /// Print each function's bytecode with source lines and each instruction's uops.
    Dis { file: PathBuf },
}

#[derive(Args)]
struct RunOptions {
    /// Execution tier for hot loops.
    #[arg(long, env = "TRACELIFT_JIT", default_value = "on", value_parser = parse_jit_mode)]
    jit: JitMode,
    /// Stop with an error after this many steps (loop iterations and calls).
    #[arg(long, env = "TRACELIFT_FUEL")]
    fuel: Option<u64>,
    /// Bytes of heap the script's values may own before MemoryError (a number with an
    /// optional K, M or G suffix: 512M).
    #[arg(long, env = "TRACELIFT_MEMORY_LIMIT", value_parser = parse_bytes)]
    memory_limit: Option<usize>,
    /// Stop with an error after this many seconds (a decimal number: 0.5).
    #[arg(long, env = "TRACELIFT_TIME_LIMIT", value_parser = parse_seconds)]
    time_limit: Option<std::time::Duration>,
    /// The deepest stack of Python frames before RecursionError.
    #[arg(long, env = "TRACELIFT_RECURSION_LIMIT", default_value_t = 1000)]
    recursion_limit: usize,
    /// Loop iterations before a loop is recorded (the JIT's hot threshold).
    #[arg(long, env = "TRACELIFT_JIT_THRESHOLD")]
    jit_threshold: Option<u32>,
    /// Interpreter steps a hot loop must have ahead for it to be compiled, and the
    /// unit side traces are weighed in (0: compile every hot loop and side trace); a
    /// loop about to end stays interpreted.
    #[arg(long, env = "TRACELIFT_JIT_MIN_WORK")]
    jit_min_work: Option<u32>,
    /// Iterations a loop must go round on average each time it is entered for the
    /// optimizer to peel its first iteration off (0: peel every loop where it removes
    /// work)
    #[arg(long, env = "TRACELIFT_JIT_PEEL_MIN_RUN")]
    jit_peel_min_run: Option<u32>,
    /// Exits of a compiled trace taken before a side trace is recorded from one.
    #[arg(long, env = "TRACELIFT_JIT_HOT_EXIT")]
    jit_hot_exit: Option<u32>,
    /// Side traces from exits taken on average less than once per this many steps
    /// are compiled quickly rather than well (0: never).
    #[arg(long, env = "TRACELIFT_JIT_QUICK_STEPS")]
    jit_quick_steps: Option<u64>,
    /// Bytes of machine code kept; past it the least recently entered traces are freed.
    #[arg(long, env = "TRACELIFT_JIT_CODE_BUDGET")]
    jit_code_budget: Option<usize>,
    /// Trace hot functions without a loop from their entry, each once its calls so
    /// far, times half its length, reach the minimum work, so recursion runs compiled at
    /// every level, as native calls (`on`, the default), or not (`off`).
    #[arg(long, env = "TRACELIFT_JIT_FUNCTIONS", value_parser = parse_on_off)]
    jit_functions: Option<bool>,
    /// Compile traces on a thread of their own while the interpreter goes on running
    /// the loop (`on`), on the interpreter's thread (`off`), or on their own thread but
    /// waiting for each at the next loop header (`lockstep`, runs that go the same
    /// way every time). Dumps of traces or code always compile on the interpreter's
    /// thread.
    #[arg(long, env = "TRACELIFT_JIT_BACKGROUND", value_parser = parse_background)]
    jit_background: Option<Background>,
    /// Optimizer passes every trace goes through: `none`, `all`, or a comma-separated
    /// list of pass names (resume, fold, unpack, guards, loads, ranges, cse, dce, peel).
    #[arg(long, env = "TRACELIFT_OPT", value_parser = parse_passes)]
    opt: Option<PassSet>,
    /// Write the tracing tier's counters as JSON to this file when the run ends.
    #[arg(long, env = "TRACELIFT_JIT_STATS")]
    jit_stats: Option<PathBuf>,
    /// What to dump, comma-separated: `trace` (each recorded trace, or why a recording
    /// aborted), `opt` (each trace after the optimizer), `opt-passes` (each trace after
    /// every optimizer pass, and the result), `clif` (each compiled trace's Cranelift
    /// IR), `asm` (its machine code); on stderr when the run ends.
    #[arg(long, env = "TRACELIFT_DUMP", value_parser = parse_dump)]
    dump: Option<Dumps>,
    /// Write /tmp/perf-PID.map so `perf report` names compiled trace frames.
    #[arg(long, env = "TRACELIFT_PERF_MAP", action = clap::ArgAction::SetTrue,
          value_parser = clap::builder::BoolishValueParser::new())]
    perf_map: bool,
    /// With --dump: write one file per recording to this directory instead.
    #[arg(long, env = "TRACELIFT_DUMP_DIR")]
    dump_dir: Option<PathBuf>,
}

fn parse_jit_mode(text: &str) -> Result<JitMode, String> {
    text.parse()
}

/// `on` or `off` (also `true` or `false`).
fn parse_on_off(text: &str) -> Result<bool, String> {
    match text {
        "on" | "true" => Ok(true),
        "off" | "false" => Ok(false),
        other => Err(format!("expected on or off, not {other:?}")),
    }
}

fn parse_background(text: &str) -> Result<Background, String> {
    text.parse()
}

fn parse_passes(text: &str) -> Result<PassSet, String> {
    text.parse()
}

/// A byte count: digits with an optional `K`, `M` or `G` suffix (powers of 1024).
fn parse_bytes(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().last() {
        Some((at, suffix)) if suffix.is_ascii_alphabetic() => {
            let unit = match suffix.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                _ => return Err(format!("unknown unit '{suffix}' (use K, M or G)")),
            };
            (&text[..at], unit)
        }
        _ => (text, 1),
    };
    let count: usize = digits
        .parse()
        .map_err(|_| format!("'{text}' is not a byte count (like 64M)"))?;
    count
        .checked_mul(unit)
        .ok_or_else(|| format!("'{text}' is too large"))
}

/// A positive number of seconds.
fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number of seconds"))?;
    std::time::Duration::try_from_secs_f64(seconds)
        .map_err(|_| format!("'{text}' is not a number of seconds"))
}

/// Which dumps `--dump` asked for.
#[derive(Clone, Copy, Debug, Default)]
struct Dumps {
    trace: bool,
    opt: OptDump,
    clif: bool,
    asm: bool,
}

fn parse_dump(text: &str) -> Result<Dumps, String> {
    let mut dumps = Dumps::default();
    for word in text
        .split(',')
        .map(str::trim)
        .filter(|word| !word.is_empty())
    {
        match word {
            "trace" => dumps.trace = true,
            "opt" if dumps.opt == OptDump::Off => dumps.opt = OptDump::Result,
            "opt" => {}
            "opt-passes" => dumps.opt = OptDump::EachPass,
            "clif" => dumps.clif = true,
            "asm" => dumps.asm = true,
            other => {
                return Err(format!(
                    "unknown dump '{other}' (choose from: trace, opt, opt-passes, clif, asm)"
                ))
            }
        }
    }
    Ok(dumps)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { file, options } => run(&file, &options),
        Command::Dis { file } => dis(&file),
    }
}

/// CPython's wording when the script cannot be read, and its exit status 2.
fn read_script(file: &PathBuf) -> Result<Vec<u8>, ExitCode> {
    std::fs::read(file).map_err(|error| {
        let errno = error.raw_os_error().unwrap_or(0);
        let reason = error.to_string();
        let reason = reason.split(" (os error").next().unwrap_or(&reason);
        eprintln!(
            "tracelift: can't open file '{}': [Errno {errno}] {reason}",
            file.display()
        );
        ExitCode::from(2)
    })
}

fn run(file: &PathBuf, options: &RunOptions) -> ExitCode {
    let bytes = match read_script(file) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    let stdout = BufWriter::with_capacity(1 << 16, std::io::stdout());
    let mut vm = Vm::with_output(stdout);
    vm.set_jit_mode(options.jit);
    vm.set_fuel(options.fuel);
    vm.set_recursion_limit(options.recursion_limit);
    vm.set_memory_limit(options.memory_limit);
    vm.set_time_limit(options.time_limit);
    let defaults = vm.jit_params();
    vm.set_jit_params(JitParams {
        hot_threshold: options.jit_threshold.unwrap_or(defaults.hot_threshold),
        min_compile_work: options.jit_min_work.unwrap_or(defaults.min_compile_work),
        peel_min_run: options.jit_peel_min_run.unwrap_or(defaults.peel_min_run),
        hot_exit_threshold: options.jit_hot_exit.unwrap_or(defaults.hot_exit_threshold),
        quick_exit_steps: options.jit_quick_steps.unwrap_or(defaults.quick_exit_steps),
        code_budget_bytes: options
            .jit_code_budget
            .unwrap_or(defaults.code_budget_bytes),
        opt: options.opt.unwrap_or(defaults.opt),
        trace_functions: options.jit_functions.unwrap_or(defaults.trace_functions),
        compile_in_background: options
            .jit_background
            .unwrap_or(defaults.compile_in_background),
        ..defaults
    });
    let dumps = options.dump.unwrap_or_default();
    vm.set_dump_traces(dumps.trace);
    vm.set_dump_opt(dumps.opt);
    vm.set_dump_code(dumps.clif, dumps.asm);
    if options.perf_map {
        if let Err(error) = vm.enable_perf_map() {
            eprintln!("tracelift: {error}");
        }
    }
    let outcome = vm.run_bytes(&bytes, &file.display().to_string());
    vm.flush();
    write_dumps(&vm, options);
    if let Some(path) = &options.jit_stats {
        if let Err(error) = std::fs::write(path, vm.jit_stats_json()) {
            eprintln!(
                "tracelift: can't write JIT stats to '{}': {error}",
                path.display()
            );
        }
    }
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let mut stderr = std::io::stderr().lock();
            let _ = stderr.write_all(error.report().as_bytes());
            ExitCode::from(1)
        }
    }
}

/// Shows the recordings' dumps: on stderr, or one file each in `--dump-dir`.
fn write_dumps(vm: &Vm, options: &RunOptions) {
    if options.dump.is_none() {
        return;
    }
    match &options.dump_dir {
        Some(dir) => {
            let written = std::fs::create_dir_all(dir).and_then(|()| {
                vm.jit_dumps()
                    .iter()
                    .enumerate()
                    .try_for_each(|(index, dump)| {
                        std::fs::write(dir.join(format!("trace-{index:03}.txt")), dump)
                    })
            });
            if let Err(error) = written {
                eprintln!(
                    "tracelift: can't write dumps to '{}': {error}",
                    dir.display()
                );
            }
        }
        None => {
            let mut stderr = std::io::stderr().lock();
            for dump in vm.jit_dumps() {
                let _ = stderr.write_all(dump.as_bytes());
            }
        }
    }
}

fn dis(file: &PathBuf) -> ExitCode {
    let bytes = match read_script(file) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    let filename = file.display().to_string();
    let source = String::from_utf8_lossy(&bytes);
    let mut vm = Vm::new();
    match vm.disassemble(&source, &filename) {
        Ok(listing) => {
            print!("{listing}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{}", error.report());
            ExitCode::from(1)
        }
    }
}
