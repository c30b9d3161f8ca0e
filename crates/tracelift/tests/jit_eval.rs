//! The tracing tier's contracts as a host sees them: traces never change output,
//! fuel or interrupt behaviour, and the stats say what happened.

use tracelift::{ErrorKind, JitMode, JitParams, Vm};

fn vm(mode: JitMode) -> (Vm, tracelift::OutputBuffer) {
    let mut vm = Vm::new();
    let output = vm.capture_output();
    vm.set_jit_mode(mode);
    vm.set_jit_params(JitParams {
        hot_threshold: 1,
        min_compile_work: 0,
        ..JitParams::default()
    });
    (vm, output)
}

const LOOPS: &str = "\
def work(n):
    total = 0
    i = 0
    while i < n:
        if i % 7 == 3:
            total += i * 2
        else:
            total -= 1
        i += 1
    return total

grid = [0.0] * 50
for step in range(40):
    for k in range(50):
        grid[k] = grid[k] * 0.5 + k
print(work(2000), grid[49])
";

#[test]
fn traces_consume_exactly_the_fuel_the_interpreter_does() {
    let mut remaining = Vec::new();
    for mode in [JitMode::Off, JitMode::Eval, JitMode::On] {
        let (mut vm, output) = vm(mode);
        vm.set_fuel(Some(1_000_000));
        vm.run(LOOPS).unwrap();
        remaining.push((output.text(), vm.fuel()));
    }
    assert_eq!(remaining[0], remaining[1]);
    assert_eq!(remaining[0], remaining[2]);
    // What CPython 3.11 prints for LOOPS.
    assert_eq!(remaining[0].0, "570572 97.99999999991087\n");

    // Running out of fuel inside a trace stops at the same step, with the same output
    // and the same report as in the interpreter.
    let mut outcomes = Vec::new();
    for mode in [JitMode::Off, JitMode::Eval, JitMode::On] {
        let (mut vm, output) = vm(mode);
        vm.set_fuel(Some(1_500));
        let error = vm.run_named(LOOPS, "loops.py").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::FuelExhausted);
        outcomes.push((output.text(), error.report().to_string()));
    }
    assert_eq!(outcomes[0], outcomes[1]);
    assert_eq!(outcomes[0], outcomes[2]);
}

#[test]
fn an_interrupt_stops_a_script_inside_a_trace() {
    for mode in [JitMode::Eval, JitMode::On] {
        let (mut vm, _) = vm(mode);
        let handle = vm.interrupt_handle();
        let interrupter = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            handle.interrupt();
        });
        let error = vm.run("n = 0\nwhile True:\n    n += 1\n").unwrap_err();
        interrupter.join().unwrap();
        assert_eq!(error.kind(), ErrorKind::Interrupted, "{mode}");
        assert_eq!(vm.jit_stats().traces_recorded, 1, "{mode}");
        assert!(vm.get::<i64>("n").unwrap() > 0, "{mode}");
    }
}

#[test]
fn stats_count_recordings_entries_exits_and_aborts() {
    let (mut vm, output) = vm(JitMode::Eval);
    // The second loop looks a method up without calling it, a shape traces leave to
    // the interpreter (`method_value`).
    vm.run("s = 0\nfor i in range(100):\n    s += i\nwords = []\nfor i in range(3):\n    add = words.append\n    add(str(i))\nprint(s, words)\n")
        .unwrap();
    assert_eq!(output.text(), "4950 ['0', '1', '2']\n");
    expect_test::expect![[r#"
        {"loops_hot": 2, "traces_recorded": 1, "aborts": {"left_loop": 1, "method_value": 1}, "blacklisted": 0, "not_worth_compiling": 0, "respecialized": 0, "exits_taken": 1, "trace_entries": 1, "traces_compiled": 0, "side_traces": 0, "quick_compiles": 0, "compile_time_us_total": 0, "compile_time_us_median": 0, "optimize_time_us_total": 0, "code_bytes": 0, "traces_freed": 0, "kept_objects_peak": 0, "nested_runs": 0, "direct_calls": 0}
    "#]].assert_eq(&vm.jit_stats().to_json());
}

#[test]
fn a_loop_that_keeps_failing_is_blacklisted_until_reset() {
    let (mut vm, output) = vm(JitMode::Eval);
    vm.set_jit_params(JitParams {
        hot_threshold: 1,
        min_compile_work: 0,
        blacklist_after: 3,
        backoff_base: 0,
        ..JitParams::default()
    });
    vm.set_dump_traces(true);
    // Every recording of this loop aborts as `method_value`: three in a row, then the
    // loop is left to the interpreter however long it runs.
    let program = "def run(n):\n    xs = []\n    for i in range(n):\n        add = xs.append\n        add(i)\n    return len(xs)\nprint(run(1000))\n";
    vm.run(program).unwrap();
    let first = vm.jit_stats().clone();
    vm.reset_jit_blacklist();
    vm.run("print(run(10))\n").unwrap();
    assert_eq!(output.text(), "1000\n10\n");
    let lines: Vec<String> = vm
        .jit_dumps()
        .iter()
        .map(|dump| dump.trim_end().to_string())
        .collect();
    expect_test::expect![[r#"
        {"method_value": 3} blacklisted 1
        {"method_value": 6} blacklisted 2
        abort at <string>:3 in run (pc 6): method_value (while recording pc 8, line 4)
        abort at <string>:3 in run (pc 6): method_value (while recording pc 8, line 4)
        abort at <string>:3 in run (pc 6): method_value (while recording pc 8, line 4)
        blacklisted <string>:3 in run (pc 6): 3 aborts in a row for method_value; the interpreter runs it
        abort at <string>:3 in run (pc 6): method_value (while recording pc 8, line 4)
        abort at <string>:3 in run (pc 6): method_value (while recording pc 8, line 4)
        abort at <string>:3 in run (pc 6): method_value (while recording pc 8, line 4)
        blacklisted <string>:3 in run (pc 6): 3 aborts in a row for method_value; the interpreter runs it"#]]
    .assert_eq(&format!(
        "{:?} blacklisted {}\n{:?} blacklisted {}\n{}",
        first.aborts,
        first.blacklisted,
        vm.jit_stats().aborts,
        vm.jit_stats().blacklisted,
        lines.join("\n")
    ));
}
