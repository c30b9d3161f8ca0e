//! Traces compiled on the compile thread (`JitParams::compile_in_background`): the
//! benchmark programs (at smaller sizes) print what they print with the JIT off; in
//! `Background::Lockstep` a run goes exactly as in the foreground (its stats compared
//! whole, minus the machine-dependent members); traces compiled in the background
//! are installed and run; dumps compile in the foreground; and a VM dropped while
//! compiles are in progress goes away cleanly.

use tracelift::{Background, JitMode, JitParams, Vm};

/// Benchmark programs with their sizes cut down (the text to replace, and by what),
/// so a debug build runs each in well under a second.
const PROGRAMS: &[(&str, &[(&str, &str)])] = &[
    (
        "spectral_norm",
        &[("spectral_norm(320)", "spectral_norm(24)")],
    ),
    (
        "mandelbrot",
        &[("mandelbrot(400, 300, 120)", "mandelbrot(30, 20, 40)")],
    ),
    ("matmul", &[("n = 170", "n = 12")]),
    ("fannkuch", &[("fannkuch(9)", "fannkuch(6)")]),
    ("nbody", &[("0.01, 150000)", "0.01, 1500)")]),
    ("call_heavy", &[("run(3000000)", "run(6000)")]),
    (
        "fib_iter",
        &[("range(1400)", "range(6)"), ("10000 + rep", "300 + rep")],
    ),
    (
        "sieve",
        &[("range(20)", "range(3)"), ("400000 + rep", "3000 + rep")],
    ),
];

/// The source of benchmark program `name` at its test size.
fn program(name: &str, cuts: &[(&str, &str)]) -> String {
    let path = format!(
        "{}/../../benches/programs/{name}.py",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut source = std::fs::read_to_string(&path).expect("the benchmark program");
    for (from, to) in cuts {
        assert!(source.contains(from), "{name}.py no longer has `{from}`");
        source = source.replace(from, to);
    }
    source
}

/// Parameters that compile every hot loop and link side traces early, so even the
/// small runs make trees.
fn params(background: Background) -> JitParams {
    JitParams {
        hot_threshold: 2,
        min_compile_work: 0,
        hot_exit_threshold: 2,
        peel_min_run: 0,
        compile_in_background: background,
        ..JitParams::default()
    }
}

/// Runs `source` in a new VM (the JIT off with `None`); its output and the VM.
fn run(source: &str, params: Option<JitParams>) -> (String, Vm) {
    let mut vm = Vm::new();
    let output = vm.capture_output();
    match params {
        Some(params) => {
            vm.set_jit_mode(JitMode::On);
            vm.set_jit_params(params);
        }
        None => vm.set_jit_mode(JitMode::Off),
    }
    vm.run(source).expect("the program runs");
    (output.text(), vm)
}

/// The stats JSON one member per line, without the members that depend on the
/// machine or on where compiles ran (times, code size, the background counters).
fn stable_stats(vm: &Vm) -> String {
    let json = vm.jit_stats_json();
    let json = json.trim();
    let inner = &json[1..json.len() - 1];
    let mut members = Vec::new();
    let (mut depth, mut member) = (0, String::new());
    for character in inner.chars() {
        match character {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            ',' if depth == 0 => {
                members.push(std::mem::take(&mut member));
                continue;
            }
            _ => {}
        }
        member.push(character);
    }
    members.push(member);
    let varies = [
        "\"compile_time_us",
        "\"optimize_time_us",
        "\"code_bytes",
        "\"memory_peak_bytes",
        "\"background_compiles",
        "\"compile_stall_us",
        "\"compiles_discarded",
    ];
    members
        .iter()
        .map(|member| member.trim())
        .filter(|member| !varies.iter().any(|key| member.starts_with(key)))
        .map(|member| format!("{member}\n"))
        .collect()
}

#[test]
fn benchmark_programs_print_the_same_compiled_in_the_background() {
    for (name, cuts) in PROGRAMS {
        let source = program(name, cuts);
        let (expected, _) = run(&source, None);
        let (printed, vm) = run(&source, Some(params(Background::On)));
        assert_eq!(printed, expected, "{name}: compiled in the background");
        assert!(vm.jit_stats().loops_hot > 0, "{name}: no loop got hot");
    }
}

#[test]
fn benchmark_programs_in_lockstep_run_exactly_as_in_the_foreground() {
    for (name, cuts) in PROGRAMS {
        let source = program(name, cuts);
        let (expected, _) = run(&source, None);
        let (foreground, vm) = run(&source, Some(params(Background::Off)));
        let (lockstep, background) = run(&source, Some(params(Background::Lockstep)));
        assert_eq!(foreground, expected, "{name}: compiled in the foreground");
        assert_eq!(lockstep, expected, "{name}: compiled in lockstep");
        let stats = background.jit_stats();
        assert!(
            stats.traces_compiled > 0 && stats.trace_entries > 0,
            "{name}"
        );
        assert_eq!(stats.background_compiles, stats.traces_compiled, "{name}");
        assert_eq!(vm.jit_stats().background_compiles, 0, "{name}");
        assert_eq!(
            stable_stats(&background),
            stable_stats(&vm),
            "{name}: the stats"
        );
    }
}

const NESTED: &str = "\
def table(n):
    total = 0
    for i in range(n):
        for j in range(n):
            if (i + j) % 3 == 0:
                total += i * j
            else:
                total -= 1
    return total
";

#[test]
fn traces_compiled_in_the_background_are_installed_and_run() {
    let mut vm = Vm::new();
    let output = vm.capture_output();
    vm.set_jit_mode(JitMode::On);
    vm.set_jit_params(params(Background::On));
    vm.run(NESTED).unwrap();
    let first: i64 = vm.call("table", (40,)).unwrap();
    // Whatever finished during the call is in; wait for the rest.
    vm.finish_compiles();
    let compiled = vm.jit_stats().traces_compiled;
    assert!(compiled > 0);
    assert_eq!(vm.jit_stats().background_compiles, compiled);
    let entries = vm.jit_stats().trace_entries;
    let second: i64 = vm.call("table", (40,)).unwrap();
    assert_eq!(first, second);
    assert!(vm.jit_stats().trace_entries > entries, "the traces ran");
    assert_eq!(output.text(), "");
    let (interpreted, _) = run(&format!("{NESTED}print(table(40))\n"), None);
    assert_eq!(interpreted, format!("{first}\n"));
    let json = vm.jit_stats_json();
    assert!(
        json.contains("\"background_compiles\": ") && json.contains("\"compile_stall_us_total\": ")
    );
}

#[test]
fn dumps_compile_in_the_foreground() {
    let source = format!("{NESTED}print(table(30))\n");
    let mut vm = Vm::new();
    let output = vm.capture_output();
    vm.set_jit_mode(JitMode::On);
    vm.set_jit_params(params(Background::On));
    vm.set_dump_traces(true);
    vm.run(&source).unwrap();
    let (expected, _) = run(&source, None);
    assert_eq!(output.text(), expected);
    assert!(vm.jit_stats().traces_compiled > 0);
    assert_eq!(vm.jit_stats().background_compiles, 0);
    assert!(!vm.jit_stats_json().contains("background_compiles"));
}

#[test]
fn a_vm_dropped_while_traces_compile_goes_away_cleanly() {
    let source = format!("{NESTED}print(table(20))\n");
    let (expected, _) = run(&source, None);
    for _ in 0..8 {
        // Dropped as soon as the run ends, usually with compiles still queued.
        let (printed, vm) = run(&source, Some(params(Background::On)));
        assert_eq!(printed, expected);
        drop(vm);
    }
}
