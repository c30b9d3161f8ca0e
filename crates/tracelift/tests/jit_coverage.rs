//! Every instruction of the instruction table records and runs compiled: for each,
//! a hot loop that executes it runs in mode `on` at threshold 1, and the whole table
//! of what the tracing tier did (traces compiled and entered, aborts by reason) must
//! equal the expectation. An instruction added to the table fails this test until it
//! has a loop here. The only aborts left are named shapes of the program
//! (`method_value`, `def_in_loop`): the recorder has no abort for a missing uop.
//! `UPDATE_EXPECT=1 cargo test -p tracelift --test jit_coverage` rewrites it.

use tracelift::{JitMode, JitParams, Vm};
use tracelift_interp::bytecode::Instr;

/// One loop per instruction, run 30 times. `n` counts iterations; each program
/// prints what it computed, which must match the interpreter's output.
const LOOPS: &[(&str, &str)] = &[
    ("Nop", "t = 0\nfor i in range(30):\n    pass\n    t += i\nprint(t)"),
    ("LoadFast", "def f():\n    t = 0\n    for i in range(30):\n        x = i\n        t = t + x\n    return t\nprint(f())"),
    ("StoreFast", "def f():\n    t = 0\n    for i in range(30):\n        t = i\n    return t\nprint(f())"),
    ("LoadFastLoadFast", "def f():\n    t = 0\n    for i in range(30):\n        t = t + i\n    return t\nprint(f())"),
    ("LoadFastLoadConst", "def f():\n    t = 0\n    for i in range(30):\n        t = i + 1\n    return t\nprint(f())"),
    ("StoreFastLoadFast", "def f():\n    t = 0\n    for i in range(30):\n        x = i\n        t += x\n    return t\nprint(f())"),
    ("LoadConst", "t = 0\nfor i in range(30):\n    t = 5\nprint(t)"),
    ("LoadGlobal", "g = 3\nt = 0\nfor i in range(30):\n    t = t + g\nprint(t)"),
    ("StoreGlobal", "t = 0\nfor i in range(30):\n    t = i\nprint(t)"),
    ("PopTop", "xs = []\nfor i in range(30):\n    xs.append(i)\nprint(len(xs))"),
    ("DupTop", "t = 0\nfor i in range(30):\n    a = b = i\n    t += a + b\nprint(t)"),
    ("DupTopTwo", "xs = [0, 0]\nfor i in range(30):\n    xs[i % 2] += i\nprint(xs)"),
    ("RotTwo", "t = 0\nfor i in range(30):\n    if 0 < i < 20:\n        t += 1\nprint(t)"),
    ("RotThree", "xs = [0, 0]\nfor i in range(30):\n    xs[i % 2] += i\nprint(xs)"),
    ("Swap", "a = 1\nb = 2\nfor i in range(30):\n    a, b = b, a\nprint(a, b)"),
    ("Binary", "t = 1\nfor i in range(30):\n    t = t * 10**6\nprint(t % 1000003)"),
    ("BinaryIntInt", "t = 0\nfor i in range(30):\n    t = t + i % 7\nprint(t)"),
    ("BinaryAddInt", "t = 0\nfor i in range(30):\n    t = t + i\nprint(t)"),
    ("BinarySubInt", "t = 0\nfor i in range(30):\n    t = t - i\nprint(t)"),
    ("BinaryMulInt", "t = 1\nfor i in range(30):\n    t = (t * 3) % 1000\nprint(t)"),
    ("BinaryAddFloat", "t = 0.0\nfor i in range(30):\n    t = t + 0.5\nprint(t)"),
    ("BinarySubFloat", "t = 0.0\nfor i in range(30):\n    t = t - 0.5\nprint(t)"),
    ("BinaryMulFloat", "t = 1.0\nfor i in range(30):\n    t = t * 1.5\nprint(t)"),
    ("BinaryDivFloat", "t = 1.0\nfor i in range(30):\n    t = t / 1.5\nprint(t)"),
    ("BinaryFloatFloat", "t = 100.0\nfor i in range(30):\n    t = t // 1.1\nprint(t)"),
    ("BinaryFloatInt", "t = 1.0\nfor i in range(30):\n    t = t + i\nprint(t)"),
    ("BinaryIntFloat", "t = 0.0\nfor i in range(30):\n    t = i * 0.25\nprint(t)"),
    ("Unary", "t = 1.0\ns = 0.0\nfor i in range(30):\n    t = -t\n    s += t\nprint(s)"),
    ("Compare", "t = 0\nfor i in range(30):\n    b = i < 10\n    t += b\nprint(t)"),
    ("CompareIntInt", "t = 0\nfor i in range(30):\n    b = i < 10\n    t += b\nprint(t)"),
    ("CompareFloatFloat", "t = 0\nx = 0.0\nfor i in range(30):\n    x += 0.5\n    b = x < 3.0\n    t += b\nprint(t)"),
    ("CompareStrStr", "s = 'abcabc'\nt = 0\nfor i in range(30):\n    b = s[i % 6] == 'b'\n    t += b\nprint(t)"),
    ("CompareStrStrJumpIfFalse", "s = 'abcabc'\nt = 0\nfor i in range(30):\n    if s[i % 6] != 'c':\n        t += 1\nprint(t)"),
    ("CompareJumpIfFalse", "t = 0\nfor i in range(30):\n    if i is not None:\n        t += 1\nprint(t)"),
    ("CompareIntIntJumpIfFalse", "t = 0\nfor i in range(30):\n    if i < 100:\n        t += 1\nprint(t)"),
    ("CompareFloatFloatJumpIfFalse", "t = 0\nx = 0.0\nfor i in range(30):\n    x += 1.0\n    if x < 100.0:\n        t += 1\nprint(t)"),
    ("Jump", "t = 0\nfor i in range(30):\n    if i >= 0:\n        t += 1\n    else:\n        t -= 1\nprint(t)"),
    ("JumpBackward", "t = 0\ni = 0\nwhile i < 30:\n    i += 1\n    t += i\nprint(t)"),
    ("PopJumpIfFalse", "t = 0\nfor i in range(30):\n    if i:\n        t += 1\nprint(t)"),
    ("PopJumpIfTrue", "t = 0\nfor i in range(30):\n    if not (i > 100):\n        t += 1\nprint(t)"),
    ("JumpIfFalseOrPop", "t = 0\nfor i in range(30):\n    t += (i and 2)\nprint(t)"),
    ("JumpIfTrueOrPop", "t = 0\nfor i in range(30):\n    t += (i or 2)\nprint(t)"),
    ("GetIter", "t = 0\nfor i in range(30):\n    for c in 'ab':\n        t += 1\nprint(t)"),
    ("ForIter", "t = 0\nfor x in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) * 3:\n    t += x\nprint(t)"),
    ("ForIterRange", "t = 0\nfor i in range(30):\n    t += i\nprint(t)"),
    ("ForIterStr", "t = 0\nfor c in 'abcdefghijklmnopqrstuvwxyz0123':\n    if c < 'm':\n        t += 1\nprint(t)"),
    ("ForIterList", "t = 0\nfor x in list(range(30)):\n    t += x\nprint(t)"),
    ("BuildList", "t = 0\nfor i in range(30):\n    xs = [i, i]\n    t += len(xs)\nprint(t)"),
    ("BuildTuple", "t = 0\nfor i in range(30):\n    p = (i, i + 1)\n    t += p[1]\nprint(t)"),
    ("UnpackSequence", "t = 0\nfor i in range(30):\n    a, b, c = i, 2, 3\n    t += a + b + c\nprint(t)"),
    ("Subscript", "xs = (1, 2, 3)\nt = 0\nfor i in range(30):\n    t += xs[i % 3]\nprint(t)"),
    ("SubscriptStrInt", "s = 'abcdefghij'\nt = ''\nfor i in range(30):\n    t = s[i % 10]\nprint(t)"),
    ("SubscriptListInt", "xs = list(range(10))\nt = 0\nfor i in range(30):\n    t += xs[i % 10]\nprint(t)"),
    ("StoreSubscript", "xs = [0] * 10\nfor i in range(30):\n    xs[i % 10] = 'x'\nprint(xs)"),
    ("StoreSubscriptListInt", "xs = [0] * 10\nfor i in range(30):\n    xs[i % 10] = i\nprint(xs)"),
    ("Slice", "s = 'abcdefghij'\nt = 0\nfor i in range(30):\n    t += len(s[1:i % 10])\nprint(t)"),
    ("Call", "t = 0\nfor i in range(30):\n    t += abs(-i)\nprint(t)"),
    ("CallPyExact", "def f(x):\n    return x + 1\nt = 0\nfor i in range(30):\n    t = f(t)\nprint(t)"),
    ("CallKw", "for i in range(30):\n    print(i, end=' ')\nprint()"),
    ("CallMethod", "t = 0\nfor i in range(30):\n    t += len('a,b'.split(','))\nprint(t)"),
    ("CallListAppend", "xs = []\nfor i in range(30):\n    xs.append(i)\nprint(len(xs))"),
    ("LoadAttr", "xs = []\nfor i in range(30):\n    add = xs.append\n    add(i)\nprint(len(xs))"),
    ("ReturnValue", "def f(x):\n    return x * 2\nt = 0\nfor i in range(30):\n    t += f(i)\nprint(t)"),
    ("MakeFunction", "t = 0\nfor i in range(30):\n    def g():\n        return 1\n    t += g()\nprint(t)"),
    ("RaiseAssertion", "t = 0\nfor i in range(30):\n    assert i >= 0, 'negative'\n    t += i\nprint(t)"),
];

/// What the tracing tier did with one loop, and whether the JIT changed its output.
fn summary(name: &str, program: &str) -> String {
    let run = |mode: JitMode| {
        let mut vm = Vm::new();
        let output = vm.capture_output();
        vm.set_jit_mode(mode);
        vm.set_jit_params(JitParams {
            hot_threshold: 1,
            min_compile_work: 0,
            ..JitParams::default()
        });
        let result = vm
            .run(&format!("{program}\n"))
            .map_err(|error| error.to_string());
        (output.text(), result, vm.jit_stats().clone())
    };
    let (off_output, off_result, _) = run(JitMode::Off);
    let (on_output, on_result, stats) = run(JitMode::On);
    let same = if (&off_output, &off_result) == (&on_output, &on_result) {
        "same output"
    } else {
        "OUTPUT DIFFERS"
    };
    let aborts: Vec<String> = stats
        .aborts
        .iter()
        .map(|(reason, count)| format!("{reason} x{count}"))
        .collect();
    let entered = if stats.trace_entries > 0 {
        "entered"
    } else {
        "never entered"
    };
    format!(
        "{name}: {} compiled, {entered}, aborts [{}], {same}\n",
        stats.traces_compiled,
        aborts.join(", ")
    )
}

#[test]
fn every_instruction_has_a_loop_here() {
    let mut covered: Vec<&str> = LOOPS.iter().map(|(name, _)| *name).collect();
    let mut table: Vec<&str> = Instr::NAMES.to_vec();
    covered.sort_unstable();
    table.sort_unstable();
    assert_eq!(covered, table);
}

#[test]
fn every_instruction_records_and_runs_compiled() {
    let table: String = LOOPS
        .iter()
        .map(|(name, program)| summary(name, program))
        .collect();
    expect_test::expect![[r#"
        Nop: 1 compiled, entered, aborts [], same output
        LoadFast: 1 compiled, entered, aborts [], same output
        StoreFast: 1 compiled, entered, aborts [], same output
        LoadFastLoadFast: 1 compiled, entered, aborts [], same output
        LoadFastLoadConst: 1 compiled, entered, aborts [], same output
        StoreFastLoadFast: 1 compiled, entered, aborts [], same output
        LoadConst: 1 compiled, entered, aborts [], same output
        LoadGlobal: 1 compiled, entered, aborts [], same output
        StoreGlobal: 1 compiled, entered, aborts [], same output
        PopTop: 1 compiled, entered, aborts [], same output
        DupTop: 1 compiled, entered, aborts [], same output
        DupTopTwo: 1 compiled, entered, aborts [], same output
        RotTwo: 1 compiled, entered, aborts [], same output
        RotThree: 1 compiled, entered, aborts [], same output
        Swap: 1 compiled, entered, aborts [], same output
        Binary: 2 compiled, entered, aborts [], same output
        BinaryIntInt: 1 compiled, entered, aborts [], same output
        BinaryAddInt: 1 compiled, entered, aborts [], same output
        BinarySubInt: 1 compiled, entered, aborts [], same output
        BinaryMulInt: 1 compiled, entered, aborts [], same output
        BinaryAddFloat: 1 compiled, entered, aborts [], same output
        BinarySubFloat: 1 compiled, entered, aborts [], same output
        BinaryMulFloat: 1 compiled, entered, aborts [], same output
        BinaryDivFloat: 1 compiled, entered, aborts [], same output
        BinaryFloatFloat: 1 compiled, entered, aborts [], same output
        BinaryFloatInt: 1 compiled, entered, aborts [], same output
        BinaryIntFloat: 1 compiled, entered, aborts [], same output
        Unary: 1 compiled, entered, aborts [], same output
        Compare: 1 compiled, entered, aborts [], same output
        CompareIntInt: 1 compiled, entered, aborts [], same output
        CompareFloatFloat: 1 compiled, entered, aborts [], same output
        CompareStrStr: 1 compiled, entered, aborts [], same output
        CompareStrStrJumpIfFalse: 1 compiled, entered, aborts [], same output
        CompareJumpIfFalse: 1 compiled, entered, aborts [], same output
        CompareIntIntJumpIfFalse: 1 compiled, entered, aborts [], same output
        CompareFloatFloatJumpIfFalse: 1 compiled, entered, aborts [], same output
        Jump: 1 compiled, entered, aborts [], same output
        JumpBackward: 1 compiled, entered, aborts [], same output
        PopJumpIfFalse: 1 compiled, entered, aborts [], same output
        PopJumpIfTrue: 1 compiled, entered, aborts [], same output
        JumpIfFalseOrPop: 1 compiled, entered, aborts [], same output
        JumpIfTrueOrPop: 1 compiled, entered, aborts [], same output
        GetIter: 2 compiled, entered, aborts [inner_loop x4], same output
        ForIter: 1 compiled, entered, aborts [], same output
        ForIterRange: 1 compiled, entered, aborts [], same output
        ForIterStr: 1 compiled, entered, aborts [], same output
        ForIterList: 1 compiled, entered, aborts [], same output
        BuildList: 1 compiled, entered, aborts [], same output
        BuildTuple: 1 compiled, entered, aborts [], same output
        UnpackSequence: 1 compiled, entered, aborts [], same output
        Subscript: 1 compiled, entered, aborts [], same output
        SubscriptStrInt: 1 compiled, entered, aborts [], same output
        SubscriptListInt: 1 compiled, entered, aborts [], same output
        StoreSubscript: 1 compiled, entered, aborts [], same output
        StoreSubscriptListInt: 1 compiled, entered, aborts [], same output
        Slice: 1 compiled, entered, aborts [], same output
        Call: 1 compiled, entered, aborts [], same output
        CallPyExact: 2 compiled, entered, aborts [], same output
        CallKw: 1 compiled, entered, aborts [], same output
        CallMethod: 1 compiled, entered, aborts [], same output
        CallListAppend: 1 compiled, entered, aborts [], same output
        LoadAttr: 0 compiled, never entered, aborts [method_value x4], same output
        ReturnValue: 2 compiled, entered, aborts [], same output
        MakeFunction: 1 compiled, entered, aborts [def_in_loop x4], same output
        RaiseAssertion: 1 compiled, entered, aborts [], same output
    "#]]
    .assert_eq(&table);
}
