//! Criterion benchmarks of the hot-loop programs (`benches/programs/*.py`): each one run
//! through the `tracelift` library ([`tracelift::Vm`]) with the JIT off and with the JIT
//! on, and its native Rust port (`tracelift_benches::PROGRAMS`) as the floor.
//!
//! Run with `cargo bench -p tracelift-benches` (a few minutes: ten samples per variant);
//! `cargo bench -p tracelift-benches -- nbody` runs one program.
//!
//! Invariant: a variant is timed only after one run printed exactly `NAME.stdout`. A JIT
//! mode this build does not know (`"on"` before the Cranelift backend lands) or a run that
//! fails is skipped with a message on stderr, never timed and never a panic.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use tracelift::{JitMode, Vm};

/// The JIT modes compared: the benchmark's name for it and the name `JitMode` parses.
const JIT_VARIANTS: &[(&str, &str)] = &[("tracelift_jit_off", "off"), ("tracelift_jit_on", "on")];

/// One benchmark program: its name, source and expected stdout.
struct Program {
    name: String,
    source: String,
    expected: String,
}

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs")
}

/// Every `benches/programs/NAME.py` that has a `NAME.stdout`, sorted by name.
fn programs() -> Vec<Program> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(programs_dir())
        .expect("benches/programs exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    paths.sort();
    let mut programs = Vec::new();
    for path in paths {
        let name = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("UTF-8 program names")
            .to_string();
        let source = std::fs::read_to_string(&path).expect("readable program");
        match std::fs::read_to_string(path.with_extension("stdout")) {
            Ok(expected) => programs.push(Program {
                name,
                source,
                expected,
            }),
            Err(err) => eprintln!("skipping {name}: no {name}.stdout ({err})"),
        }
    }
    programs
}

/// Runs `program` in a fresh VM (so no globals or traces carry over between iterations)
/// and returns what it printed, with the VM for its stats.
fn run_tracelift(program: &Program, mode: JitMode) -> Result<(String, Vm), String> {
    let mut vm = Vm::new();
    vm.set_jit_mode(mode);
    let output = vm.capture_output();
    vm.run_named(&program.source, &format!("{}.py", program.name))
        .map_err(|err| err.to_string())?;
    Ok((output.text(), vm))
}

/// The `traces_compiled` counter of a stats JSON, if it has one.
fn traces_compiled(stats_json: &str) -> Option<u64> {
    let key = "\"traces_compiled\":";
    let rest = stats_json[stats_json.find(key)? + key.len()..].trim_start();
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// Checks one tracelift variant before it is timed; `Err` says why it is skipped.
fn check_tracelift(program: &Program, mode: JitMode, jit_name: &str) -> Result<(), String> {
    let (printed, vm) = run_tracelift(program, mode)?;
    if printed != program.expected {
        return Err(format!(
            "printed {printed:?}, expected {:?}",
            program.expected
        ));
    }
    if jit_name != "off" && traces_compiled(&vm.jit_stats_json()).unwrap_or(0) == 0 {
        eprintln!(
            "warning: {} with the JIT {jit_name} compiled no traces; timing it anyway",
            program.name
        );
    }
    Ok(())
}

fn hot_loops(c: &mut Criterion) {
    let mut modes = Vec::new();
    for &(bench_name, jit_name) in JIT_VARIANTS {
        match jit_name.parse::<JitMode>() {
            Ok(mode) => modes.push((bench_name, jit_name, mode)),
            Err(err) => eprintln!("skipping {bench_name} for every program: {err}"),
        }
    }
    for program in programs() {
        let mut group = c.benchmark_group(program.name.as_str());
        // Each run takes from milliseconds (native) to about a second (JIT off): flat
        // sampling with ten samples keeps the whole suite to minutes.
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(10));
        for &(bench_name, jit_name, mode) in &modes {
            if let Err(why) = check_tracelift(&program, mode, jit_name) {
                eprintln!("skipping {}/{bench_name}: {why}", program.name);
                continue;
            }
            group.bench_function(bench_name, |bencher| {
                bencher.iter(|| black_box(run_tracelift(&program, mode)));
            });
        }
        match tracelift_benches::program(&program.name) {
            Some(native) if native() == program.expected => {
                group.bench_function("native", |bencher| bencher.iter(|| black_box(native())));
            }
            Some(_) => eprintln!("skipping {}/native: it prints something else", program.name),
            None => eprintln!("skipping {}/native: no native port", program.name),
        }
        group.finish();
    }
}

criterion_group!(benches, hot_loops);
criterion_main!(benches);
