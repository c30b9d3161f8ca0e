//! Trace filetests: each `tests/traces/NAME.py` runs with the trace evaluator at hot
//! threshold 2, and everything the tracing tier recorded (each trace's text, or where
//! and why a recording aborted) must equal `NAME.trace`, followed by the program's
//! stdout. `UPDATE_EXPECT=1 cargo test -p tracelift --test traces` rewrites the
//! expectations.

use std::path::{Path, PathBuf};

use tracelift::{JitMode, JitParams, Vm};

fn trace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/traces")
}

/// The recordings and output of one program, as the expectation file holds them.
fn record(path: &Path) -> String {
    let source = std::fs::read_to_string(path).expect("read program");
    let mut vm = Vm::new();
    let output = vm.capture_output();
    vm.set_jit_mode(JitMode::Eval);
    vm.set_jit_params(JitParams {
        hot_threshold: 2,
        ..JitParams::default()
    });
    vm.set_dump_traces(true);
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("?");
    let outcome = vm.run_named(&source, name);
    let mut text = vm.jit_dumps().concat();
    text.push_str("-- stdout --\n");
    text.push_str(&output.text());
    if let Err(error) = outcome {
        text.push_str("-- error --\n");
        text.push_str(error.report());
    }
    text
}

#[test]
fn recorded_traces_match_their_expectations() {
    let mut programs: Vec<PathBuf> = std::fs::read_dir(trace_dir())
        .expect("tests/traces exists")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    programs.sort();
    assert!(!programs.is_empty(), "no trace filetests found");
    let bless = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut mismatches = Vec::new();
    for program in &programs {
        let actual = record(program);
        let expected_path = program.with_extension("trace");
        if bless {
            std::fs::write(&expected_path, &actual).expect("write expectation");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            mismatches.push(format!(
                "{}:\n--- expected ---\n{expected}--- actual ---\n{actual}",
                program.display()
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
