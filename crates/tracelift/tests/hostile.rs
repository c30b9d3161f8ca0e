//! Hostile scripts: each one tries to take the host down (memory, big ints, nesting,
//! recursion), and must instead end with a clean error and exit status 1, identically
//! with the JIT off, evaluated and compiled (at hot threshold 1, so the allocating
//! loops run as traces). Every run happens under `ulimit -v` (an address-space cap
//! well above the memory limit), so a missing check makes the allocation fail and the
//! process abort, which fails the test, instead of exhausting the machine running it.
//! Outputs are compared whole: status, stdout and the full traceback.

#![cfg(target_os = "linux")]

use std::path::PathBuf;
use std::process::Command;

/// The script's memory limit.
const MEMORY_LIMIT: &str = "16M";
/// The address-space cap of the process (KiB): the binary, its stack and the JIT's
/// code need a few tens of MiB, the script's values at most the memory limit.
const ADDRESS_SPACE_KIB: u32 = 256 * 1024;

fn script(name: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tracelift-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, source).expect("write script");
    path
}

/// Runs `source` in one mode under the address-space cap, with `options` after
/// `run`: "status N\n--- stdout\n...--- stderr\n...", the file's directory as `DIR`.
fn run_mode(name: &str, source: &str, mode: &str, options: &[&str]) -> String {
    let path = script(name, source);
    let command = format!(
        "ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" run --jit {mode} --jit-threshold 1 --jit-min-work 0 {} \"$1\"",
        options.join(" ")
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(command)
        .arg(env!("CARGO_BIN_EXE_tracelift"))
        .arg(&path)
        .output()
        .expect("run bash");
    let dir = path.parent().unwrap().display().to_string();
    let clean = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&dir, "DIR");
    let status = match output.status.code() {
        Some(code) => code.to_string(),
        None => format!("killed by a signal: {:?}", output.status),
    };
    format!(
        "status {status}\n--- stdout\n{}--- stderr\n{}",
        clean(&output.stdout),
        clean(&output.stderr)
    )
}

/// The outcome of `source` under the memory limit, the same in modes off, eval and on.
fn outcome_with(name: &str, source: &str, options: &[&str]) -> String {
    let off = run_mode(name, source, "off", options);
    for mode in ["eval", "on"] {
        let other = run_mode(name, source, mode, options);
        assert_eq!(other, off, "mode {mode} differs from off");
    }
    off
}

fn outcome(name: &str, source: &str) -> String {
    outcome_with(name, source, &["--memory-limit", MEMORY_LIMIT])
}

/// Under a smaller limit, for scripts whose every step is slow in a debug build
/// (string building in the interpreter, multiplying big ints).
fn outcome_small(name: &str, source: &str) -> String {
    outcome_with(name, source, &["--memory-limit", "1M"])
}

#[test]
fn a_list_of_huge_lists() {
    let source = "print('start')\nbig = []\nfor i in range(100):\n    big.append([0] * 10**8)\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        start
        --- stderr
        Traceback (most recent call last):
          File "DIR/huge_lists.py", line 4, in <module>
            big.append([0] * 10**8)
        MemoryError
    "#]]
    .assert_eq(&outcome("huge_lists", source));
}

#[test]
fn string_doubling() {
    let source = "s = 'x'\nwhile True:\n    s = s + s\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/doubling.py", line 3, in <module>
            s = s + s
        MemoryError
    "#]]
    .assert_eq(&outcome("doubling", source));
}

#[test]
fn string_building_in_a_hot_loop() {
    let global = "s = ''\ni = 0\nwhile True:\n    s += str(i)\n    i += 1\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/building.py", line 4, in <module>
            s += str(i)
        MemoryError
    "#]]
    .assert_eq(&outcome_small("building", global));
    let local = "def build():\n    s = ''\n    for i in range(10**9):\n        s += str(i)\n    return s\nbuild()\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/building_local.py", line 6, in <module>
            build()
          File "DIR/building_local.py", line 4, in build
            s += str(i)
        MemoryError
    "#]]
    .assert_eq(&outcome_small("building_local", local));
}

#[test]
fn appends_in_an_endless_loop() {
    let source = "xs = []\nwhile True:\n    xs.append(len(xs))\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/appends.py", line 3, in <module>
            xs.append(len(xs))
        MemoryError
    "#]]
    .assert_eq(&outcome("appends", source));
}

#[test]
fn huge_repetitions() {
    let source = "print('list')\nxs = [1, 2] * 10**9\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        list
        --- stderr
        Traceback (most recent call last):
          File "DIR/repeat_list.py", line 2, in <module>
            xs = [1, 2] * 10**9
        MemoryError
    "#]]
    .assert_eq(&outcome("repeat_list", source));
    let source = "s = 'abc' * 10**10\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/repeat_str.py", line 1, in <module>
            s = 'abc' * 10**10
        MemoryError
    "#]]
    .assert_eq(&outcome("repeat_str", source));
}

#[test]
fn huge_big_int_powers_shifts_and_products() {
    let source = "x = 2 ** 10**10\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/pow.py", line 1, in <module>
            x = 2 ** 10**10
        MemoryError
    "#]]
    .assert_eq(&outcome("pow", source));
    let source = "x = 1 << 10**12\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/shift.py", line 1, in <module>
            x = 1 << 10**12
        MemoryError
    "#]]
    .assert_eq(&outcome("shift", source));
    let source = "x = 3\nwhile True:\n    x = x * x\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/squares.py", line 3, in <module>
            x = x * x
        MemoryError
    "#]]
    .assert_eq(&outcome_small("squares", source));
}

#[test]
fn deep_nesting_of_lists_and_tuples() {
    let source = "x = []\nwhile True:\n    x = [x]\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/nest_lists.py", line 3, in <module>
            x = [x]
        MemoryError
    "#]]
    .assert_eq(&outcome("nest_lists", source));
    let source = "t = ()\nwhile True:\n    t = (t, t)\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/nest_tuples.py", line 3, in <module>
            t = (t, t)
        MemoryError
    "#]]
    .assert_eq(&outcome("nest_tuples", source));
}

#[test]
fn deep_recursion() {
    let source = "def f(n):\n    return f(n + 1) + [n]\nf(0)\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/recursion.py", line 3, in <module>
            f(0)
          File "DIR/recursion.py", line 2, in f
            return f(n + 1) + [n]
          File "DIR/recursion.py", line 2, in f
            return f(n + 1) + [n]
          File "DIR/recursion.py", line 2, in f
            return f(n + 1) + [n]
          [Previous line repeated 996 more times]
        RecursionError: maximum recursion depth exceeded
    "#]]
    .assert_eq(&outcome("recursion", source));
}

#[test]
fn allocating_loops_compiled_by_the_jit() {
    // A hot function whose loop builds lists, tuples and strings (compiled at once
    // in mode `on`), called until the results no longer fit.
    let source = "\
def rows(n):
    out = []
    for i in range(n):
        out.append([i, (i, i + 1), str(i) + 'x'])
    return out

kept = []
print('go')
while True:
    kept.append(rows(1000))
";
    expect_test::expect![[r#"
        status 1
        --- stdout
        go
        --- stderr
        Traceback (most recent call last):
          File "DIR/hot_rows.py", line 10, in <module>
            kept.append(rows(1000))
          File "DIR/hot_rows.py", line 4, in rows
            out.append([i, (i, i + 1), str(i) + 'x'])
        MemoryError
    "#]]
    .assert_eq(&outcome("hot_rows", source));
}

#[test]
fn without_a_limit_a_refused_allocation_is_still_a_memory_error() {
    // No --memory-limit: the operating system (here `ulimit -v`) refuses, and the
    // fallible allocations turn that into MemoryError instead of an abort.
    let source = "print('start')\nbig = []\nfor i in range(100):\n    big.append([0] * 10**8)\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        start
        --- stderr
        Traceback (most recent call last):
          File "DIR/unlimited_lists.py", line 4, in <module>
            big.append([0] * 10**8)
        MemoryError
    "#]]
    .assert_eq(&outcome_with("unlimited_lists", source, &[]));
    let source = "s = 'x' * 10**6\nwhile True:\n    s = s + s\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        --- stderr
        Traceback (most recent call last):
          File "DIR/unlimited_doubling.py", line 3, in <module>
            s = s + s
        MemoryError
    "#]]
    .assert_eq(&outcome_with("unlimited_doubling", source, &[]));
}

#[test]
fn an_endless_loop_stops_at_the_time_limit() {
    let source = "print('spinning')\nn = 0\nwhile True:\n    n += 1\n";
    expect_test::expect![[r#"
        status 1
        --- stdout
        spinning
        --- stderr
        Traceback (most recent call last):
          File "DIR/spin.py", line 3, in <module>
            while True:
        TimeLimitExceeded: the script ran out of its time limit
    "#]]
    .assert_eq(&outcome_with("spin", source, &["--time-limit", "0.2"]));
}
