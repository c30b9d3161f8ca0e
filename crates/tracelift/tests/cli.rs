//! The `tracelift` command as a user runs it: whole stdout, stderr and exit status for
//! `run` and `dis`, option/environment twins, and the errors a command line can cause.

use std::path::{Path, PathBuf};
use std::process::Command;

fn tracelift() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tracelift"))
}

/// Writes `source` to a fresh file in a per-test directory and returns its path.
fn script(test: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tracelift-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("prog.py");
    std::fs::write(&path, source).expect("write script");
    path
}

/// (exit status, stdout, stderr) with the script's directory replaced by `DIR`.
fn run(command: &mut Command, path: &Path) -> (i32, String, String) {
    let output = command.output().expect("run tracelift");
    let dir = path.parent().unwrap().display().to_string();
    let clean = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&dir, "DIR");
    (
        output.status.code().unwrap_or(-1),
        clean(&output.stdout),
        clean(&output.stderr),
    )
}

#[test]
fn run_prints_like_python_and_reports_errors_with_a_traceback() {
    let path = script(
        "run",
        "def f(x):\n    return 10 // x\nprint(f(5))\nprint(f(0))\n",
    );
    let (status, stdout, stderr) = run(tracelift().arg("run").arg(&path), &path);
    assert_eq!(status, 1);
    assert_eq!(stdout, "2\n");
    assert_eq!(
        stderr,
        "Traceback (most recent call last):\n  File \"DIR/prog.py\", line 4, in <module>\n    print(f(0))\n  File \"DIR/prog.py\", line 2, in f\n    return 10 // x\nZeroDivisionError: integer division or modulo by zero\n"
    );
}

#[test]
fn syntax_errors_show_the_line_and_a_caret() {
    let path = script("syntax", "x = 1\nif x\n    print(x)\n");
    let (status, stdout, stderr) = run(tracelift().arg("run").arg(&path), &path);
    assert_eq!((status, stdout.as_str()), (1, ""));
    assert_eq!(
        stderr,
        "  File \"DIR/prog.py\", line 2\n    if x\n        ^\nSyntaxError: expected ':'\n"
    );
}

#[test]
fn dis_lists_bytecode_with_lines_and_uops() {
    let path = script("dis", "total = 0\nfor i in range(3):\n    total += i\n");
    let (status, stdout, stderr) = run(tracelift().arg("dis").arg(&path), &path);
    assert_eq!((status, stderr.as_str()), (0, ""));
    expect_test::expect![[r#"
        code <module> (line 1, 0 params, locals: [])
             1 | total = 0
                  0 LoadConst                    0 (0)                ; load_const index=0
                  1 StoreGlobal                  0 (total)            ; store_global global=0
             2 | for i in range(3):
                  2 LoadGlobal                   1 (range)            ; load_global global=1
                  3 LoadConst                    1 (3)                ; load_const index=1
                  4 Call                         1                    ; call argc=1
                  5 GetIter                                           ; get_iter
                  6 ForIter                      -> 13                ; for_iter target=13
                  7 StoreGlobal                  2 (i)                ; store_global global=2
             3 | total += i
                  8 LoadGlobal                   0 (total)            ; load_global global=0
                  9 LoadGlobal                   2 (i)                ; load_global global=2
                 10 Binary                       +=                   ; binary_generic op=+=
                 11 StoreGlobal                  0 (total)            ; store_global global=0
             2 | for i in range(3):
                 12 JumpBackward                 -> 6                 ; jump_backward target=6
             3 | total += i
                 13 LoadConst                    2 (None)             ; load_const index=2
                 14 ReturnValue                                       ; return_value

    "#]]
    .assert_eq(&stdout);
}

#[test]
fn options_have_environment_twins() {
    let path = script("twins", "n = 0\nwhile True:\n    n += 1\n");
    for command in [
        tracelift().args(["run", "--fuel", "100"]).arg(&path),
        tracelift()
            .arg("run")
            .arg(&path)
            .env("TRACELIFT_FUEL", "100"),
    ] {
        let (status, _, stderr) = run(command, &path);
        assert_eq!(status, 1);
        assert_eq!(
            stderr.lines().last(),
            Some("FuelExhausted: the script ran out of its step budget")
        );
    }
    let path = script("recursion", "def f(n):\n    return f(n + 1)\nf(0)\n");
    for command in [
        tracelift()
            .args(["run", "--recursion-limit", "50"])
            .arg(&path),
        tracelift()
            .arg("run")
            .arg(&path)
            .env("TRACELIFT_RECURSION_LIMIT", "50"),
    ] {
        let (status, _, stderr) = run(command, &path);
        assert_eq!(status, 1);
        assert!(
            stderr.contains("[Previous line repeated 46 more times]"),
            "{stderr}"
        );
    }
    let path = script("jit", "print('ok')\n");
    for command in [
        tracelift().args(["run", "--jit", "off"]).arg(&path),
        tracelift()
            .arg("run")
            .arg(&path)
            .env("TRACELIFT_JIT", "off"),
    ] {
        assert_eq!(run(command, &path), (0, "ok\n".to_string(), String::new()));
    }
}

#[test]
fn command_line_mistakes_exit_with_status_2() {
    let path = script("mistakes", "print('never')\n");
    let (status, stdout, stderr) =
        run(tracelift().args(["run", "--jit", "warp"]).arg(&path), &path);
    assert_eq!((status, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("unknown JIT mode 'warp' (this build supports: off, eval, on)"),
        "{stderr}"
    );
    let missing = path.with_file_name("missing.py");
    let (status, _, stderr) = run(tracelift().arg("run").arg(&missing), &path);
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "tracelift: can't open file 'DIR/missing.py': [Errno 2] No such file or directory\n"
    );
}

#[test]
fn jit_stats_are_written_as_json_with_exits_per_trace() {
    let path = script(
        "stats",
        "def count(n):\n    hits = 0\n    for k in range(n):\n        if k % 4 == 0:\n            hits += 1\n    return hits\nprint(count(40))\n",
    );
    let stats = path.with_file_name("stats.json");
    // The flags and their environment twins write the same stats (compared here, so
    // the expectation below is checked, and blessed, once).
    let mut written = Vec::new();
    for command in [
        tracelift()
            .args([
                "run",
                "--jit",
                "eval",
                "--jit-threshold",
                "2",
                "--jit-min-work",
                "0",
                "--jit-stats",
            ])
            .arg(&stats)
            .arg(&path),
        tracelift()
            .arg("run")
            .arg(&path)
            .env("TRACELIFT_JIT", "eval")
            .env("TRACELIFT_JIT_THRESHOLD", "2")
            .env("TRACELIFT_JIT_MIN_WORK", "0")
            .env("TRACELIFT_JIT_STATS", &stats),
    ] {
        assert_eq!(run(command, &path), (0, "10\n".to_string(), String::new()));
        let json = std::fs::read_to_string(&stats).expect("stats written");
        let dir = path.parent().unwrap().display().to_string();
        written.push(json.replace(&dir, "DIR"));
    }
    assert_eq!(written[0], written[1]);
    expect_test::expect![[r#"
        {"loops_hot": 1, "traces_recorded": 1, "aborts": {}, "blacklisted": 0, "not_worth_compiling": 0, "respecialized": 0, "exits_taken": 10, "trace_entries": 10, "traces_compiled": 0, "side_traces": 0, "quick_compiles": 0, "compile_time_us_total": 0, "compile_time_us_median": 0, "optimize_time_us_total": 0, "code_bytes": 0, "traces_freed": 0, "kept_objects_peak": 0, "nested_runs": 0, "direct_calls": 0, "exits_per_trace": [{"trace": "DIR/prog.py:3 in count (pc 6)", "exits": {"snap0": 1, "snap2": 9}}], "memory_peak_bytes": 240}
    "#]]
    .assert_eq(&written[0]);
}

#[test]
fn perf_map_names_each_compiled_function_of_each_trace() {
    let path = script(
        "perfmap",
        "total = 0\nfor i in range(100):\n    total += i\nprint(total)\n",
    );
    for env in [None, Some("1")] {
        let mut command = tracelift();
        command
            .arg("run")
            .args(["--jit-threshold", "2", "--jit-min-work", "0"]);
        match env {
            None => command.arg("--perf-map"),
            Some(value) => command.env("TRACELIFT_PERF_MAP", value),
        };
        let child = command
            .arg(&path)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("run tracelift");
        let map = PathBuf::from(format!("/tmp/perf-{}.map", child.id()));
        let output = child.wait_with_output().expect("wait");
        assert_eq!(String::from_utf8_lossy(&output.stdout), "4950\n");
        let text = std::fs::read_to_string(&map).expect("perf map written");
        let _ = std::fs::remove_file(&map);
        // `ADDRESS SIZE NAME`, hex: the trace's entry, then its loop.
        let names: Vec<&str> = text
            .lines()
            .map(|line| {
                let mut words = line.splitn(3, ' ');
                let address = words.next().unwrap_or("");
                let size = words.next().unwrap_or("");
                assert!(usize::from_str_radix(address, 16).is_ok(), "{line}");
                assert!(
                    usize::from_str_radix(size, 16).is_ok_and(|size| size > 0),
                    "{line}"
                );
                words.next().unwrap_or("")
            })
            .collect();
        let dir = path.parent().unwrap().display().to_string();
        let names: Vec<String> = names.iter().map(|name| name.replace(&dir, "DIR")).collect();
        assert_eq!(
            names,
            [
                "trace0 DIR/prog.py:2 in <module> (pc 6)",
                "trace0 DIR/prog.py:2 in <module> (pc 6) loop"
            ]
        );
    }
}

/// `--opt` (and `TRACELIFT_OPT`) chooses the optimizer's passes, and `--dump
/// opt-passes` shows the trace after each of them and after all, with line notes;
/// an unknown pass is a command-line mistake.
#[test]
fn opt_chooses_passes_and_dump_shows_each() {
    let path = script(
        "opt",
        "def count(n):\n    i = 0\n    while i < n:\n        i = i + 1 + 0\n    return i\nprint(count(5))\n",
    );
    for command in [
        tracelift()
            .args(["run", "--jit-threshold", "2", "--jit-min-work", "0"])
            .args(["--dump", "opt-passes"])
            .args(["--opt", "fold,dce"])
            .arg(&path),
        tracelift()
            .args(["run", "--jit-threshold", "2", "--jit-min-work", "0"])
            .args(["--dump", "opt-passes"])
            .arg(&path)
            .env("TRACELIFT_OPT", "dce, fold"),
    ] {
        let (status, stdout, stderr) = run(command, &path);
        assert_eq!((status, stdout.as_str()), (0, "5\n"));
        let headers: Vec<&str> = stderr
            .lines()
            .filter(|line| line.starts_with("after pass") || line.starts_with("optimized"))
            .collect();
        assert_eq!(
            headers,
            [
                "after pass fold:",
                "after pass dce:",
                "optimized (fold,dce):"
            ]
        );
        let optimized = stderr.split("optimized (fold,dce):\n").nth(1).unwrap_or("");
        expect_test::expect![[r#"
            trace at DIR/prog.py:3 in count (pc 2)
            entry:
              %0:obj = load_slot 0
              %1:int = unbox_int %0 [snap4]            ; line 3
              %2:obj = load_slot 1
              %3:int = unbox_int %2 [snap4]            ; line 3
              jump loop(%1, %3)
            loop(%4:int, %5:int):
              %6:bool = int_cmp < %5, %4               ; line 3
              guard_true %6 [snap0]                    ; line 3
              %7:int = const_int 1                     ; line 4
              %8:int = int_add %5, %7 [snap1]          ; line 4
              burn_fuel [snap3]                        ; line 3
              jump loop(%4, %8)
            snap0: pc 3, stack 2: 0=%4 1=%5 2=%5 3=%4
            snap1: pc 5, stack 2: 0=%4 1=%5 2=%5 3=%7
            snap2: pc 7, stack 2: 0=%4 1=%5 2=%8 3=unbound
            snap3: pc 9, stack 0: 0=%4 1=%8
            snap4: pc 2, stack 0:
        "#]]
        .assert_eq(optimized);
    }
    let (status, _, stderr) = run(
        tracelift().args(["run", "--opt", "fold,nope"]).arg(&path),
        &path,
    );
    assert_eq!(status, 2);
    assert!(
        stderr.contains("unknown optimizer pass 'nope' (choose none, all, or from: resume, fold,"),
        "{stderr}"
    );
}

/// The lines of a `trace` dump that say what became of each hot loop: recorded, or
/// left to the interpreter for now.
fn recording_decisions(dump: &str) -> Vec<&str> {
    dump.lines()
        .filter(|line| line.starts_with("not compiled yet") || line.starts_with("trace "))
        .collect()
}

/// A hot loop about to end stays interpreted (the dump says why, each time it is
/// hot), a long one is compiled, and `--jit-min-work 0` compiles every hot loop.
#[test]
fn jit_min_work_leaves_a_loop_about_to_end_to_the_interpreter() {
    let path = script(
        "minwork",
        "t = 0\nfor i in range(160):\n    t += i\nfor j in range(200000):\n    t -= j\nprint(t)\n",
    );
    let (status, stdout, stderr) = run(
        tracelift()
            .args(["run", "--jit", "eval", "--dump", "trace"])
            .arg(&path),
        &path,
    );
    assert_eq!((status, stdout.as_str()), (0, "-19999887280\n"));
    let summary = recording_decisions(&stderr);
    expect_test::expect![[r#"
        [
            "not compiled yet: DIR/prog.py:2 in <module> (pc 6): about 1120 interpreted steps to save, fewer than its compile's 100000",
            "not compiled yet: DIR/prog.py:2 in <module> (pc 6): about 1120 interpreted steps to save, fewer than its compile's 100000",
            "not compiled yet: DIR/prog.py:2 in <module> (pc 6): about 1120 interpreted steps to save, fewer than its compile's 100000",
            "trace at DIR/prog.py:4 in <module> (pc 17)",
        ]
    "#]].assert_debug_eq(&summary);
    let (status, _, stderr) = run(
        tracelift()
            .args(["run", "--jit", "eval", "--dump", "trace"])
            .env("TRACELIFT_JIT_MIN_WORK", "0")
            .arg(&path),
        &path,
    );
    assert_eq!(status, 0);
    let summary = recording_decisions(&stderr);
    expect_test::expect![[r#"
        [
            "trace at DIR/prog.py:2 in <module> (pc 6)",
            "trace at DIR/prog.py:4 in <module> (pc 17)",
        ]
    "#]]
    .assert_debug_eq(&summary);
}
