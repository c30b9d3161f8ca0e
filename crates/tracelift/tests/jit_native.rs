//! Compiled traces as a host sees them: side traces are recorded from hot exits and
//! linked, traces are freed and recorded again, and none of it changes what a program
//! prints. Stats are compared whole, minus the fields that depend on the machine
//! (compile times, code size).

use tracelift::{JitMode, JitParams, Vm};

fn vm(params: JitParams) -> (Vm, tracelift::OutputBuffer) {
    let mut vm = Vm::new();
    let output = vm.capture_output();
    vm.set_jit_mode(JitMode::On);
    vm.set_jit_params(params);
    (vm, output)
}

/// Runs `source` with `params`, checks that it prints what the interpreter prints,
/// and gives its stable stats.
fn stats_of_run(params: JitParams, source: &str) -> String {
    let (mut vm, output) = vm(params);
    vm.run(source).unwrap();
    assert_eq!(output.text(), interpreted(source));
    stable_stats(&vm)
}

/// The stats JSON without its machine-dependent members, one member per line.
fn stable_stats(vm: &Vm) -> String {
    let json = vm.jit_stats_json();
    let json = json.trim();
    let mut out = String::new();
    let mut depth = 0;
    let mut member = String::new();
    // Split the top-level object into members (nested objects stay on one line).
    for character in json.chars().skip(1).take(json.len().saturating_sub(2)) {
        match character {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ => {}
        }
        if character == ',' && depth == 0 {
            push_member(&mut out, &member);
            member.clear();
        } else {
            member.push(character);
        }
    }
    push_member(&mut out, &member);
    out
}

fn push_member(out: &mut String, member: &str) {
    let member = member.trim();
    // The memory peak counts script values per thread, so it depends on what else
    // the test harness ran on this test's thread (the hostile suite checks limits).
    let machine_dependent = [
        "\"compile_time_us",
        "\"optimize_time_us",
        "\"code_bytes",
        "\"memory_peak_bytes",
    ];
    if !machine_dependent.iter().any(|key| member.starts_with(key)) {
        out.push_str(member);
        out.push('\n');
    }
}

/// The output of `source` with the JIT off, for comparison.
fn interpreted(source: &str) -> String {
    let mut vm = Vm::new();
    let output = vm.capture_output();
    vm.set_jit_mode(JitMode::Off);
    vm.run(source).unwrap();
    output.text()
}

const ALTERNATING: &str = "\
def split(n):
    evens = 0
    odds = 0
    i = 0
    while i < n:
        if i % 2 == 0:
            evens += i
        else:
            odds += 1
        i += 1
    return evens, odds
print(split(10000))
";

#[test]
fn an_exit_taken_every_other_iteration_gets_a_linked_side_trace() {
    let (mut vm, output) = vm(JitParams {
        hot_threshold: 3,
        min_compile_work: 0,
        hot_exit_threshold: 5,
        ..JitParams::default()
    });
    vm.run(ALTERNATING).unwrap();
    assert_eq!(output.text(), interpreted(ALTERNATING));
    assert_eq!(output.text(), "(24995000, 5000)\n");
    // The branch exit (snap2) is taken 5 times, then its side trace runs the other
    // half of the iterations inside machine code. The other exits are the loop's end
    // (snap0) and one at the backward jump (snap5) when the interpreter's 10,000-step
    // slice runs out: the interpreter takes that step and checks for an interrupt.
    expect_test::expect![[r#"
        "loops_hot": 1
        "traces_recorded": 2
        "aborts": {}
        "blacklisted": 0
        "not_worth_compiling": 0
        "respecialized": 0
        "exits_taken": 7
        "trace_entries": 7
        "traces_compiled": 2
        "side_traces": 1
        "quick_compiles": 0
        "traces_freed": 0
        "kept_objects_peak": 0
        "nested_runs": 0
        "direct_calls": 0
        "exits_per_trace": [{"trace": "<string>:5 in split (pc 6)", "exits": {"snap0": 1, "snap2": 5, "snap5": 1}}, {"trace": "<string>:5 in split (pc 6)", "exits": {}}]
    "#]]
    .assert_eq(&stable_stats(&vm));
}

#[test]
fn without_side_traces_every_other_iteration_exits() {
    let (mut vm, output) = vm(JitParams {
        hot_threshold: 3,
        min_compile_work: 0,
        hot_exit_threshold: u32::MAX,
        ..JitParams::default()
    });
    vm.run(ALTERNATING).unwrap();
    assert_eq!(output.text(), "(24995000, 5000)\n");
    expect_test::expect![[r#"
        "loops_hot": 1
        "traces_recorded": 1
        "aborts": {}
        "blacklisted": 0
        "not_worth_compiling": 0
        "respecialized": 0
        "exits_taken": 5000
        "trace_entries": 5000
        "traces_compiled": 1
        "side_traces": 0
        "quick_compiles": 0
        "traces_freed": 0
        "kept_objects_peak": 0
        "nested_runs": 0
        "direct_calls": 0
        "exits_per_trace": [{"trace": "<string>:5 in split (pc 6)", "exits": {"snap0": 1, "snap2": 4998, "snap5": 1}}]
    "#]]
    .assert_eq(&stable_stats(&vm));
}

const TWO_LOOPS: &str = "\
def first(n):
    total = 0
    for k in range(n):
        total += k
    return total

def second(n):
    total = 0.0
    for k in range(n):
        total += k * 0.5
    return total

results = []
for round in range(4):
    results.append(first(50) + second(50))
print(results)
";

#[test]
fn past_the_code_budget_cold_traces_are_freed_and_recorded_again() {
    // A budget of one byte keeps only the trace compiled last.
    let stats = stats_of_run(
        JitParams {
            hot_threshold: 2,
            min_compile_work: 0,
            code_budget_bytes: 1,
            ..JitParams::default()
        },
        TWO_LOOPS,
    );
    expect_test::expect![[r#"
        "loops_hot": 4
        "traces_recorded": 8
        "aborts": {}
        "blacklisted": 0
        "not_worth_compiling": 0
        "respecialized": 0
        "exits_taken": 8
        "trace_entries": 8
        "traces_compiled": 8
        "side_traces": 0
        "quick_compiles": 0
        "traces_freed": 4
        "kept_objects_peak": 6
        "nested_runs": 4
        "direct_calls": 0
        "exits_per_trace": [{"trace": "<string>:3 in first (pc 6)", "exits": {"snap0": 1}}, {"trace": "<string>:9 in second (pc 6)", "exits": {"snap0": 1}}, {"trace": "<string>:3 in first (pc 6)", "exits": {"snap0": 1}}, {"trace": "<string>:9 in second (pc 6)", "exits": {"snap0": 2}}, {"trace": "<string>:14 in <module> (pc 10)", "exits": {"snap0": 1}}, {"trace": "<string>:3 in first (pc 6)", "exits": {"snap0": 1}}, {"trace": "<string>:8 in second (pc 0)", "exits": {}}, {"trace": "<string>:9 in second (pc 6)", "exits": {"snap0": 1}}]
    "#]]
    .assert_eq(&stats);
}

#[test]
fn within_the_code_budget_traces_are_kept() {
    let (mut vm, output) = vm(JitParams {
        hot_threshold: 2,
        min_compile_work: 0,
        ..JitParams::default()
    });
    vm.run(TWO_LOOPS).unwrap();
    assert_eq!(output.text(), interpreted(TWO_LOOPS));
    // Each function's loop, the module's loop, which calls both functions with
    // `call_py` (their loops have traces), and each function's prologue (its entry
    // trace, which leaves at its loop's header).
    let stats = vm.jit_stats();
    assert_eq!(
        (
            stats.traces_compiled,
            stats.traces_freed,
            stats.trace_entries
        ),
        (5, 0, 9)
    );
}

#[test]
fn clif_and_asm_dumps_name_each_trace() {
    let (mut vm, output) = vm(JitParams {
        hot_threshold: 2,
        min_compile_work: 0,
        ..JitParams::default()
    });
    vm.set_dump_code(true, true);
    vm.run("t = 0\nfor k in range(10):\n    t += k\nprint(t)\n")
        .unwrap();
    assert_eq!(output.text(), "45\n");
    let dumps = vm.jit_dumps();
    // A root trace is two functions: its entry, and its loop (which side traces
    // enter with the loop's values as arguments); IR and assembly for each.
    let heads: Vec<&str> = dumps
        .iter()
        .filter_map(|dump| dump.lines().next())
        .collect();
    assert_eq!(
        heads,
        [
            "clif of trace0 <string>:2 in <module> (pc 6):",
            "asm of trace0 <string>:2 in <module> (pc 6):",
            "clif of trace0 <string>:2 in <module> (pc 6) loop:",
            "asm of trace0 <string>:2 in <module> (pc 6) loop:",
        ]
    );
    assert!(
        dumps[0].contains("function u0:0(i64, i64) -> i64 tail {"),
        "{}",
        dumps[0]
    );
    assert!(
        dumps[2].contains("return_call") || dumps[0].contains("return_call"),
        "{}",
        dumps[0]
    );
    assert!(dumps[3].contains("ret"), "{}", dumps[3]);
}

const SIBLING_LOOPS: &str = "\
def f(n):
    t = 0
    for r in range(n):
        for i in range(50):
            t += i
        for j in range(30):
            t -= j
    return t
print(f(4000))
";

/// The second line of each side trace's dump (what it is a side trace of and where
/// it closes), and the lines saying a side trace was not made or not compiled.
fn side_trace_lines(vm: &Vm) -> Vec<String> {
    vm.jit_dumps()
        .iter()
        .filter_map(|dump| match dump.starts_with("side trace from") {
            true => dump.lines().next(),
            false => dump.lines().nth(1),
        })
        .filter(|line| line.starts_with("side trace"))
        .map(str::to_string)
        .collect()
}

#[test]
fn side_traces_of_a_short_run_are_not_worth_compiling() {
    // The same loops, but 400 outer iterations: each exit is taken about 400 times
    // in all, and a side trace would cost more to compile than those takes cost.
    let short = SIBLING_LOOPS.replace("f(4000)", "f(400)");
    let (mut vm, output) = vm(JitParams::default());
    vm.set_dump_traces(true);
    vm.run(&short).unwrap();
    assert_eq!(output.text(), interpreted(&short));
    expect_test::expect![[r#"
        [
            "side trace from trace0 snap4 aborted: uncompiled_loop",
            "side trace of trace1 snap4, closing at snap10, entering trace0",
            "side trace from trace1 snap4 not compiled yet: about 522 takes ahead save 35496 interpreted steps, fewer than its compile's 47674",
            "side trace of trace0 snap4, closing at snap8, entering trace1",
            "side trace from trace0 snap4 not compiled yet: about 509 takes ahead save 30031 interpreted steps, fewer than its compile's 40697",
            "side trace of trace1 snap4, closing at snap10, entering trace0",
            "side trace from trace1 snap4 not compiled yet: about 529 takes ahead save 35972 interpreted steps, fewer than its compile's 47674",
        ]
    "#]].assert_debug_eq(&side_trace_lines(&vm));
    expect_test::expect![[r#"
        "loops_hot": 3
        "traces_recorded": 5
        "aborts": {"left_loop": 1, "side:not_worth_compiling": 3, "side:uncompiled_loop": 1}
        "blacklisted": 0
        "not_worth_compiling": 551
        "respecialized": 0
        "exits_taken": 114
        "trace_entries": 114
        "traces_compiled": 2
        "side_traces": 0
        "quick_compiles": 0
        "traces_freed": 0
        "kept_objects_peak": 0
        "nested_runs": 0
        "direct_calls": 0
        "exits_per_trace": [{"trace": "<string>:4 in f (pc 12)", "exits": {"snap4": 66, "snap6": 1}}, {"trace": "<string>:6 in f (pc 22)", "exits": {"snap4": 47}}]
    "#]].assert_eq(&stable_stats(&vm));
}

#[test]
fn a_side_trace_that_reaches_another_compiled_loop_enters_its_trace() {
    let (mut vm, output) = vm(JitParams::default());
    vm.set_dump_traces(true);
    vm.run(SIBLING_LOOPS).unwrap();
    assert_eq!(output.text(), interpreted(SIBLING_LOOPS));
    // Each inner loop's exit gets a side trace that runs the rest of the outer
    // iteration and ends at the other inner loop's backward jump, entering its trace:
    // the nest runs in machine code with a handful of exits. With 4,000 outer
    // iterations ahead, each is worth compiling at once.
    expect_test::expect![[r#"
        [
            "side trace from trace0 snap4 aborted: uncompiled_loop",
            "side trace of trace1 snap4, closing at snap10, entering trace0",
            "side trace of trace0 snap4, closing at snap8, entering trace1",
        ]
    "#]]
    .assert_debug_eq(&side_trace_lines(&vm));
    expect_test::expect![[r#"
        "loops_hot": 3
        "traces_recorded": 4
        "aborts": {"left_loop": 1, "side:uncompiled_loop": 1}
        "blacklisted": 0
        "not_worth_compiling": 551
        "respecialized": 0
        "exits_taken": 92
        "trace_entries": 92
        "traces_compiled": 4
        "side_traces": 2
        "quick_compiles": 0
        "traces_freed": 0
        "kept_objects_peak": 16
        "nested_runs": 0
        "direct_calls": 0
        "exits_per_trace": [{"trace": "<string>:4 in f (pc 12)", "exits": {"snap0": 1, "snap2": 1, "snap4": 40, "snap6": 18}}, {"trace": "<string>:6 in f (pc 22)", "exits": {"snap4": 20, "snap6": 11}}, {"trace": "<string>:6 in f (pc 22)", "exits": {"snap2": 1}}, {"trace": "<string>:4 in f (pc 12)", "exits": {}}]
    "#]]
    .assert_eq(&stable_stats(&vm));
}

const SPLIT_EVERY_ITERATION: &str = "\
text = 'a b c d e f g h'
count = 0
for i in range(300):
    pieces = text.split(' ')
    count += len(pieces)
print(count)
";

#[test]
fn a_loop_that_makes_a_list_every_iteration_frees_them_as_it_goes() {
    let stats = stats_of_run(
        JitParams {
            hot_threshold: 1,
            min_compile_work: 0,
            ..JitParams::default()
        },
        SPLIT_EVERY_ITERATION,
    );
    // Each iteration makes a list the loop drops the next; the loop frees them at its
    // backward jump once 16 are kept beyond its one live object (the iterator), so
    // at most 17 wait at once instead of all 300 until the loop exits.
    expect_test::expect![[r#"
        "loops_hot": 1
        "traces_recorded": 1
        "aborts": {}
        "blacklisted": 0
        "not_worth_compiling": 0
        "respecialized": 0
        "exits_taken": 1
        "trace_entries": 1
        "traces_compiled": 1
        "side_traces": 0
        "quick_compiles": 0
        "traces_freed": 0
        "kept_objects_peak": 17
        "nested_runs": 0
        "direct_calls": 0
        "exits_per_trace": [{"trace": "<string>:3 in <module> (pc 8)", "exits": {"snap0": 1}}]
    "#]]
    .assert_eq(&stats);
}

#[test]
fn swapping_globals_of_mixed_kinds_in_a_compiled_loop_prints_as_interpreted() {
    let source = "\
a = 1
b = 'x'
for i in range(100):
    a, b = b, a
    c = len
print(a, b, c('abc'))
";
    let (mut vm, output) = vm(JitParams {
        hot_threshold: 1,
        min_compile_work: 0,
        ..JitParams::default()
    });
    vm.run(source).unwrap();
    assert_eq!(output.text(), interpreted(source));
    expect_test::expect![[r#"
        1 x 3
    "#]]
    .assert_eq(&output.text());
}

const BIG_ON_EVERY_CALL: &str = "\
def factorial(n):
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result
digits = 0
for n in range(100, 400, 20):
    digits += len(str(factorial(n)))
print(digits)
";

#[test]
fn a_variable_that_changes_type_on_every_entry_is_recorded_again_as_an_object() {
    // `result` is a small int on entry to the loop and a big int soon after: the
    // root's entry check fails on every later entry. The tree is recorded again
    // with `result` read as an object, instead of a chain of side traces that each
    // jump back to the failing check.
    let (mut vm, output) = vm(JitParams {
        hot_threshold: 2,
        min_compile_work: 0,
        ..JitParams::default()
    });
    vm.set_dump_traces(true);
    vm.run(BIG_ON_EVERY_CALL).unwrap();
    assert_eq!(output.text(), interpreted(BIG_ON_EVERY_CALL));
    let summary: Vec<String> = vm
        .jit_dumps()
        .iter()
        .flat_map(|dump| dump.lines().take(2).map(str::to_string))
        .filter(|line| !line.starts_with("entry:") && !line.starts_with("  "))
        .collect();
    expect_test::expect![[r#"
        [
            "trace at <string>:3 in factorial (pc 8)",
            "respecialized <string>:3 in factorial (pc 8): entry check failed 20 times; now read as objects: result",
            "trace at <string>:3 in factorial (pc 8)",
            "trace at <string>:7 in <module> (pc 10)",
            "trace at <string>:2 in factorial (pc 0)",
        ]
    "#]].assert_debug_eq(&summary);
    expect_test::expect![[r#"
        "loops_hot": 3
        "traces_recorded": 4
        "aborts": {}
        "blacklisted": 0
        "not_worth_compiling": 0
        "respecialized": 1
        "exits_taken": 59
        "trace_entries": 59
        "traces_compiled": 4
        "side_traces": 0
        "quick_compiles": 0
        "traces_freed": 1
        "kept_objects_peak": 19
        "nested_runs": 13
        "direct_calls": 11
        "exits_per_trace": [{"trace": "<string>:3 in factorial (pc 8)", "exits": {"snap1": 1, "snap3": 20}}, {"trace": "<string>:3 in factorial (pc 8)", "exits": {"snap3": 11, "snap4": 15}}, {"trace": "<string>:7 in <module> (pc 10)", "exits": {"snap0": 1}}, {"trace": "<string>:2 in factorial (pc 0)", "exits": {"snap4": 11}}]
    "#]].assert_eq(&stable_stats(&vm));
}

const SHORT_INNER: &str = "\
def fib_small(n):
    a = 0
    b = 1
    for i in range(n):
        a, b = b, a + b
    return a
checksum = 0
for rep in range(5000):
    checksum = (checksum + fib_small(20 + rep % 7)) % 1000003
print(checksum)
";

#[test]
fn a_short_loop_called_from_a_trace_runs_without_a_nested_interpreter() {
    let stats = stats_of_run(
        JitParams {
            min_compile_work: 0,
            ..JitParams::default()
        },
        SHORT_INNER,
    );
    // Once `fib_small`'s loop has a trace, its calls count arrivals at its entry,
    // and its prologue gets an entry trace that leaves at the loop's header. From
    // then on the outer trace's `call_py` runs the prologue's trace, then the
    // loop's, whose exit side trace leaves at the `return` with the result: a
    // direct call, with nested interpreters only for the calls before that.
    expect_test::expect![[r#"
        "loops_hot": 3
        "traces_recorded": 5
        "aborts": {}
        "blacklisted": 0
        "not_worth_compiling": 0
        "respecialized": 0
        "exits_taken": 9930
        "trace_entries": 9930
        "traces_compiled": 5
        "side_traces": 2
        "quick_compiles": 0
        "traces_freed": 0
        "kept_objects_peak": 18
        "nested_runs": 81
        "direct_calls": 4900
        "exits_per_trace": [{"trace": "<string>:4 in fib_small (pc 8)", "exits": {"snap3": 20, "snap4": 20, "snap6": 11}}, {"trace": "<string>:4 in fib_small (pc 8)", "exits": {"snap1": 4978}}, {"trace": "<string>:8 in <module> (pc 8)", "exits": {"snap0": 1}}, {"trace": "<string>:2 in fib_small (pc 0)", "exits": {"snap3": 4900}}, {"trace": "<string>:4 in fib_small (pc 8)", "exits": {}}]
    "#]]
    .assert_eq(&stats);
}

/// A small function an interpreted loop calls, and a recursive one.
const SMALL_AND_RECURSIVE: &str = "\
def double(x):
    return x + x

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

total = 0
for i in range(30000):
    total += double(i)
print(total, fib(20))
";

#[test]
fn a_hot_function_without_a_loop_is_compiled_only_once_its_calls_pay() {
    let stats = stats_of_run(
        JitParams {
            trace_functions: true,
            ..JitParams::default()
        },
        SMALL_AND_RECURSIVE,
    );
    // `double` is hot after 50 calls, but 50 calls of a 5-instruction function
    // are far from `min_compile_work`: the loop becomes hot, its trace inlines the
    // call, and `double` is never compiled on its own. `fib` (16 instructions, of
    // which a call runs about half) is asked every 50 calls until about 12,500
    // calls stand for as many to come; then its entry trace and the base case's
    // side trace compile. The calls that reach the compiled tree from the
    // interpreter are direct calls; below them, the recursion runs as compiled
    // calls of the tree's own entry, which no counter sees: of the 21,891 calls,
    // only the direct calls and the exits' counts are left in the stats.
    expect_test::expect![[r#"
        "loops_hot": 3
        "traces_recorded": 3
        "aborts": {}
        "blacklisted": 0
        "not_worth_compiling": 250
        "respecialized": 0
        "exits_taken": 58
        "trace_entries": 58
        "traces_compiled": 3
        "side_traces": 1
        "quick_compiles": 0
        "traces_freed": 0
        "kept_objects_peak": 1
        "nested_runs": 0
        "direct_calls": 3
        "exits_per_trace": [{"trace": "<string>:10 in <module> (pc 10)", "exits": {"snap9": 1, "snap11": 5}}, {"trace": "<string>:5 in fib (pc 0)", "exits": {"snap0": 20, "snap1": 25}}, {"trace": "<string>:5 in fib (pc 0)", "exits": {"snap8": 7}}]
    "#]]
    .assert_eq(&stats);
}

/// Peeled loops (their steady state keeps the step budget in a register) inside a
/// loop that prints as it goes.
const NESTED_SUMS: &str = "\
t = 0
for r in range(60):
    for i in range(500):
        t += i
    print(r, t)
";

/// The output and error of `source` with `fuel` steps, in `mode`.
fn with_fuel(source: &str, mode: JitMode, fuel: u64) -> (String, Option<String>, Option<u64>) {
    let mut vm = Vm::new();
    let output = vm.capture_output();
    vm.set_jit_mode(mode);
    vm.set_jit_params(JitParams {
        min_compile_work: 0,
        peel_min_run: 0,
        ..JitParams::default()
    });
    vm.set_fuel(Some(fuel));
    let error = vm.run(source).err().map(|error| error.report().to_string());
    (output.text(), error, vm.fuel())
}

#[test]
fn the_step_budget_runs_out_at_the_same_step_inside_a_compiled_steady_state() {
    for fuel in [1_200, 9_999, 17_345, 25_000, 29_999] {
        let compiled = with_fuel(NESTED_SUMS, JitMode::On, fuel);
        assert_eq!(
            compiled,
            with_fuel(NESTED_SUMS, JitMode::Off, fuel),
            "fuel {fuel}"
        );
        assert!(compiled.1.is_some(), "fuel {fuel} runs out");
    }
}

const WHILE_LOOPS: &str = "\
i = 0
t = 0
while i < LIMIT:
    t += i % 7
    i += 1
print(t)
def inner(n):
    k = 0
    s = 0
    while k < n:
        j = 0
        while j < 3:
            s += j
            j += 1
        k += 1
    return s
print(inner(60))
";

/// Runs `WHILE_LOOPS` with `limit` iterations of its module-level loop, checks its
/// output, and gives the first line of each recorded trace's dump and how many
/// times a hot loop was left interpreted.
fn while_loops(limit: u32) -> String {
    let dumps = dumps_of_default_run(&WHILE_LOOPS.replace("LIMIT", &limit.to_string()));
    let mut summary = String::new();
    for dump in &dumps {
        if let Some(line) = dump
            .lines()
            .next()
            .filter(|line| line.starts_with("trace at"))
        {
            summary.push_str(line);
            summary.push('\n');
        }
    }
    let left = dumps
        .iter()
        .filter(|dump| dump.starts_with("not compiled yet"))
        .count();
    summary.push_str(&format!("not compiled yet: {left} times\n"));
    summary
}

/// Runs `source` with the default parameters and trace dumps on, checks that it
/// prints what the interpreter prints, and gives the dumps.
fn dumps_of_default_run(source: &str) -> Vec<String> {
    let (mut vm, output) = vm(JitParams::default());
    vm.set_dump_traces(true);
    vm.run(source).unwrap();
    assert_eq!(output.text(), interpreted(source));
    vm.jit_dumps().to_vec()
}

#[test]
fn a_short_while_loop_stays_interpreted() {
    // A module-level `while` loop of 1,500 iterations: its past arrivals, taken for
    // as many to come, never reach a compile's worth. The inner `while` of
    // `inner`, inside another loop, is compiled when hot (the outer loop's tree
    // waits for it).
    expect_test::expect![[r#"
        trace at <string>:12 in inner (pc 8)
        trace at <string>:12 in inner (pc 8)
        not compiled yet: 30 times
    "#]]
    .assert_eq(&while_loops(1_500));
}

#[test]
fn a_long_while_loop_is_compiled_once_its_arrivals_pay() {
    expect_test::expect![[r#"
        trace at <string>:3 in <module> (pc 4)
        trace at <string>:12 in inner (pc 8)
        trace at <string>:12 in inner (pc 8)
        not compiled yet: 142 times
    "#]]
    .assert_eq(&while_loops(30_000));
}

const BRANCHY_LOOP: &str = "\
counts = [0, 0, 0, 0]
for i in range(LIMIT):
    k = i % 4
    if k == 0:
        counts[0] += 1
    elif k == 1:
        counts[1] += 2
    elif k == 2:
        counts[2] += 3
    else:
        counts[3] += 4
print(counts)
";

/// Runs `BRANCHY_LOOP` for `limit` iterations, checks its output, and gives the
/// first line of each recorded trace's dump (and the line naming a side trace's
/// parent) and every line saying a recorded loop was not compiled, with how many
/// times a hot loop was left unrecorded.
fn branchy_loop(limit: u32) -> String {
    let dumps = dumps_of_default_run(&BRANCHY_LOOP.replace("LIMIT", &limit.to_string()));
    let mut summary = String::new();
    let mut left = 0;
    for dump in &dumps {
        let first = dump.lines().next().unwrap_or_default();
        if first.starts_with("trace at") {
            let side = dump
                .lines()
                .nth(1)
                .filter(|line| line.starts_with("side trace of"));
            for line in std::iter::once(first).chain(side) {
                summary.push_str(line);
                summary.push('\n');
            }
        } else if first.starts_with("not compiled:") {
            summary.push_str(dump);
        } else if first.starts_with("not compiled yet") {
            left += 1;
        }
    }
    summary.push_str(&format!("not compiled yet: {left} times\n"));
    summary
}

#[test]
fn a_branchy_loop_is_judged_by_the_path_it_runs() {
    // Its body has 51 instructions, an iteration runs 25 of them. Taken as the
    // body, 3,000 iterations would pay for the compile; once an iteration is
    // taken halfway between the recorded path and the body (38), they do not, so
    // the trace is dropped and the loop is judged so from then on, without being
    // recorded again. At 5,000 iterations they pay.
    expect_test::expect![[r#"
        trace at <string>:2 in <module> (pc 10)
        not compiled: <string>:2 in <module> (pc 10): one iteration ran 25 of the body's 51 instructions; taking 38 for each, about 113962 interpreted steps to save, fewer than its compile's 120000
        not compiled yet: 59 times
    "#]]
    .assert_eq(&branchy_loop(3_000));
}

#[test]
fn a_branchy_loop_long_enough_for_its_path_is_compiled() {
    expect_test::expect![[r#"
        trace at <string>:2 in <module> (pc 10)
        trace at <string>:2 in <module> (pc 10)
        side trace of trace0 snap4, closing at snap7
        trace at <string>:2 in <module> (pc 10)
        side trace of trace0 snap6, closing at snap7
        trace at <string>:2 in <module> (pc 10)
        side trace of trace0 snap20, closing at snap7
        not compiled yet: 0 times
    "#]]
    .assert_eq(&branchy_loop(5_000));
}

/// A function whose loop is its first statement: the loop's header is the
/// function's entry.
const WHILE_AT_ENTRY: &str = "\
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
s = 0
for i in range(1, 60):
    for j in range(1, 60):
        s += gcd(i, j)
print(s)
";

#[test]
fn a_function_whose_loop_is_its_entry_runs_its_trace_from_the_call() {
    // Once `gcd`'s loop has a trace (and its exit at the loop's end a side trace
    // that returns), the calls the inner `for` loop's trace makes run that trace
    // directly on a frame of their own (`direct_calls`), not in a nested run of
    // the interpreter each (there were 3,411 nested runs before): the calls made
    // before, the interpreter made.
    let stats = stats_of_run(
        JitParams {
            min_compile_work: 0,
            ..JitParams::default()
        },
        WHILE_AT_ENTRY,
    );
    expect_test::expect![[r#"
        "loops_hot": 2
        "traces_recorded": 4
        "aborts": {}
        "blacklisted": 0
        "not_worth_compiling": 0
        "respecialized": 0
        "exits_taken": 3478
        "trace_entries": 3478
        "traces_compiled": 4
        "side_traces": 2
        "quick_compiles": 0
        "traces_freed": 0
        "kept_objects_peak": 18
        "nested_runs": 0
        "direct_calls": 3411
        "exits_per_trace": [{"trace": "<string>:2 in gcd (pc 0)", "exits": {"snap0": 20}}, {"trace": "<string>:2 in gcd (pc 0)", "exits": {"snap1": 3436}}, {"trace": "<string>:7 in <module> (pc 16)", "exits": {"snap0": 20, "snap7": 1}}, {"trace": "<string>:7 in <module> (pc 16)", "exits": {"snap2": 1}}]
    "#]]
    .assert_eq(&stats);
}
