//! The embedding API, exercised as a host program would use it.

use tracelift::{ErrorKind, ExcKind, JitMode, JitParams, Value, Vm};

fn vm_with_output() -> (Vm, tracelift::OutputBuffer) {
    let mut vm = Vm::new();
    let output = vm.capture_output();
    (vm, output)
}

#[test]
fn runs_source_and_captures_print_output() {
    let (mut vm, output) = vm_with_output();
    vm.run("print('hi', 1, 2.5, None, [1, 'a'], sep='|')\nprint(end='')\n")
        .unwrap();
    assert_eq!(output.text(), "hi|1|2.5|None|[1, 'a']\n");
}

#[test]
fn calls_script_functions_with_typed_conversions() {
    let (mut vm, _) = vm_with_output();
    vm.run(
        "def stats(xs):\n    return min(xs), max(xs), sum(xs) / len(xs)\n\
         def echo(x):\n    return x\n",
    )
    .unwrap();
    let (low, high, mean): (i64, i64, f64) = vm.call("stats", (vec![3, 1, 2],)).unwrap();
    assert_eq!((low, high, mean), (1, 3, 2.0));
    let text: String = vm.call("echo", ("héllo",)).unwrap();
    assert_eq!(text, "héllo");
    let flag: bool = vm.call("echo", (true,)).unwrap();
    assert!(flag);
    let nothing: Option<i64> = vm.call("echo", (Value::None,)).unwrap();
    assert_eq!(nothing, None);
    let some: Option<i64> = vm.call("echo", (Some(5),)).unwrap();
    assert_eq!(some, Some(5));
    let nested: Vec<(String, f64)> = vm.call("echo", (vec![("a".to_string(), 1.5)],)).unwrap();
    assert_eq!(nested, vec![("a".to_string(), 1.5)]);
    let big: Value = vm.call("echo", (u64::MAX,)).unwrap();
    let big: Result<i64, _> = tracelift::FromValue::from_value(&big);
    assert_eq!(big.unwrap_err().kind(), ErrorKind::Conversion);
}

#[test]
fn reads_and_sets_globals() {
    let (mut vm, output) = vm_with_output();
    vm.set("limit", 3);
    vm.run("total = 0\nfor i in range(limit):\n    total += i\nprint(total)\n")
        .unwrap();
    assert_eq!(vm.get::<i64>("total").unwrap(), 3);
    assert_eq!(output.text(), "3\n");
    assert!(vm.get::<i64>("nope").is_err());
    let names: Vec<String> = vm.globals().into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["limit", "total", "i"]);
}

#[test]
fn registered_host_functions_are_builtins_with_checked_arguments() {
    let (mut vm, output) = vm_with_output();
    vm.register("add", |a: i64, b: i64| a + b);
    vm.register("fail", |message: String| -> Result<i64, String> {
        Err(message)
    });
    vm.register_raw("count", |args: &[Value]| Ok(Value::Int(args.len() as i64)));
    vm.run("print(add(2, 3), count(1, 2, 3))\n").unwrap();
    assert_eq!(output.text(), "5 3\n");
    let error = vm.run("add(1)\n").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Exception(ExcKind::TypeError));
    assert_eq!(
        error.message(),
        "add() takes 2 positional arguments but 1 was given"
    );
    let error = vm.run("add(1, 'x')\n").unwrap_err();
    assert_eq!(error.message(), "add() argument 2: expected int, got 'str'");
    let error = vm.run("fail('boom')\n").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Exception(ExcKind::RuntimeError));
    assert_eq!(error.message(), "boom");
    // A script can shadow a host function with its own global.
    vm.run("def add(a, b):\n    return 'shadowed'\nprint(add(1, 2))\n")
        .unwrap();
    assert_eq!(output.text(), "5 3\nshadowed\n");
}

#[test]
fn errors_carry_kind_message_line_and_cpython_report() {
    let (mut vm, output) = vm_with_output();
    let error = vm
        .run_named(
            "print('before')\ndef f(x):\n    return 1 // x\nf(0)\n",
            "calc.py",
        )
        .unwrap_err();
    assert_eq!(output.text(), "before\n");
    assert_eq!(
        error.kind(),
        ErrorKind::Exception(ExcKind::ZeroDivisionError)
    );
    assert_eq!(error.line(), Some(3));
    assert_eq!(
        error.report(),
        "Traceback (most recent call last):\n  File \"calc.py\", line 4, in <module>\n    f(0)\n  File \"calc.py\", line 3, in f\n    return 1 // x\nZeroDivisionError: integer division or modulo by zero\n"
    );
    let error = vm.run_named("x = (1,\n", "bad.py").unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Syntax(_)));
    assert_eq!(error.line(), Some(1));
}

#[test]
fn fuel_stops_endless_loops_and_recursion_limit_is_settable() {
    let (mut vm, _) = vm_with_output();
    vm.set_fuel(Some(1000));
    let error = vm.run("while True:\n    pass\n").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::FuelExhausted);
    assert_eq!(vm.fuel(), Some(0));
    vm.set_fuel(None);
    vm.set_recursion_limit(50);
    let error = vm
        .run("def down(n):\n    return down(n + 1)\ndown(0)\n")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Exception(ExcKind::RecursionError));
    vm.set_recursion_limit(100_000);
    vm.run(
        "def down(n):\n    if n == 0:\n        return 0\n    return down(n - 1)\nx = down(50000)\n",
    )
    .unwrap();
}

#[test]
fn another_thread_can_interrupt_a_running_script() {
    let (mut vm, output) = vm_with_output();
    let handle = vm.interrupt_handle();
    let interrupter = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        handle.interrupt();
    });
    let error = vm
        .run(
            "print('started')
n = 0
while True:
    n += 1
",
        )
        .unwrap_err();
    interrupter.join().unwrap();
    assert_eq!(error.kind(), ErrorKind::Interrupted);
    assert_eq!(error.line(), Some(3));
    // The request is consumed: the VM runs normally afterwards.
    vm.run(
        "print('again', n > 0)
",
    )
    .unwrap();
    assert_eq!(output.text(), "started\nagain True\n");
}

#[test]
fn fuel_is_counted_exactly_across_runs() {
    let (mut vm, _) = vm_with_output();
    vm.set_fuel(Some(25_000));
    // One step per loop iteration: 10 iterations leave 24,990.
    vm.run("for i in range(10):\n    pass\n").unwrap();
    assert_eq!(vm.fuel(), Some(24_990));
    let error = vm.run("while True:\n    pass\n").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::FuelExhausted);
    assert_eq!(vm.fuel(), Some(0));
}

#[test]
fn deep_recursion_never_overflows_a_small_native_stack() {
    let result = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let (mut vm, output) = vm_with_output();
            vm.set_recursion_limit(200_000);
            vm.run(
                "def depth(n):\n    if n == 0:\n        return 0\n    return 1 + depth(n - 1)\nprint(depth(100000))\n",
            )
            .unwrap();
            let error = vm
                .run("def forever(n):\n    return forever(n + 1)\nforever(0)\n")
                .unwrap_err();
            (output.text(), error.report().lines().last().unwrap_or("").to_string())
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(result.0, "100000\n");
    assert_eq!(result.1, "RecursionError: maximum recursion depth exceeded");
}

#[test]
fn independent_vms_do_not_share_state() {
    let (mut first, first_output) = vm_with_output();
    let (mut second, second_output) = vm_with_output();
    first.run("x = 1\n").unwrap();
    second.run("x = 2\n").unwrap();
    first.run("print(x)\n").unwrap();
    second.run("print(x)\n").unwrap();
    assert_eq!(first_output.text(), "1\n");
    assert_eq!(second_output.text(), "2\n");
    let threads: Vec<_> = (0..2)
        .map(|n| {
            std::thread::spawn(move || {
                let (mut vm, output) = vm_with_output();
                vm.run(&format!("print(sum(range({n} * 10)))\n")).unwrap();
                output.text()
            })
        })
        .collect();
    let printed: Vec<String> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(printed, ["0\n", "45\n"]);
}

/// A function that grows a list of strings until the memory limit stops it.
const GROW: &str = "def grow():\n    xs = []\n    while True:\n        xs.append('ab' * 50)\n";

#[test]
fn the_memory_limit_raises_memory_error_in_every_tier_and_the_vm_stays_usable() {
    for mode in [JitMode::Off, JitMode::Eval, JitMode::On] {
        let (mut vm, output) = vm_with_output();
        vm.set_jit_mode(mode);
        vm.set_jit_params(JitParams {
            hot_threshold: 1,
            min_compile_work: 0,
            ..vm.jit_params()
        });
        let limit = 4 << 20;
        vm.set_memory_limit(Some(limit));
        assert_eq!(vm.memory_limit(), Some(limit));
        vm.run(GROW).unwrap();
        let error = vm.run("grow()\n").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Exception(ExcKind::MemoryError));
        assert_eq!((error.line(), error.message()), (Some(4), ""), "{mode:?}");
        // The failed run's values are freed: a second run ends at the same count.
        let used = vm.memory_used();
        let peak = vm.memory_peak();
        assert!(
            peak > limit - (64 << 10) && peak <= limit,
            "{mode:?}: {peak}"
        );
        assert!(used < 64 << 10, "{mode:?}: {used} bytes still counted");
        let error = vm.run("grow()\n").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Exception(ExcKind::MemoryError));
        assert_eq!(vm.memory_used(), used, "{mode:?}");
        vm.run("print(len('ab' * 1000))\n").unwrap();
        assert_eq!(output.text(), "2000\n");
    }
}

#[test]
fn globals_keep_their_values_after_memory_error_until_rebound() {
    let (mut vm, _) = vm_with_output();
    vm.set_memory_limit(Some(2 << 20));
    let before = vm.memory_used();
    let error = vm
        .run("xs = []\nwhile True:\n    xs.append('ab' * 50)\n")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Exception(ExcKind::MemoryError));
    assert!(vm.memory_used() > 1 << 20, "the list is still bound to xs");
    vm.run("xs = None\n").unwrap();
    assert!(vm.memory_used() - before < 4096, "{}", vm.memory_used());
    vm.run("ys = len(['ab'] * 1000)\n").unwrap();
    assert_eq!(vm.get::<i64>("ys").unwrap(), 1000);
}

#[test]
fn values_returned_to_the_host_are_counted_out_when_dropped() {
    let (mut vm, _) = vm_with_output();
    vm.set_memory_limit(Some(1 << 20));
    vm.run("def make(n):\n    return list(range(n))\n").unwrap();
    let _: Vec<i64> = vm.call("make", (1000,)).unwrap();
    let used = vm.memory_used();
    // Each call's list (16 KB) dies outside the run; without exact credits the count
    // would grow by it every time and pass the 1 MB limit within a hundred calls.
    for _ in 0..500 {
        let items: Vec<i64> = vm.call("make", (1000,)).unwrap();
        assert_eq!(items.len(), 1000);
    }
    assert_eq!(vm.memory_used(), used);
}

#[test]
fn the_time_limit_stops_a_run_and_applies_to_each_run() {
    let (mut vm, output) = vm_with_output();
    vm.set_time_limit(Some(std::time::Duration::from_millis(50)));
    assert_eq!(vm.time_limit(), Some(std::time::Duration::from_millis(50)));
    let error = vm
        .run("print('spin')\nn = 0\nwhile True:\n    n += 1\n")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TimeLimitExceeded);
    assert_eq!(
        error.to_string(),
        "TimeLimitExceeded: the script ran out of its time limit (line 3)"
    );
    // A new run gets the whole limit again.
    vm.run("print(sum(range(1000)))\n").unwrap();
    assert_eq!(output.text(), "spin\n499500\n");
}
