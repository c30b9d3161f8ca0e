//! Trace filetests: each `tests/traces/NAME.py` runs with the trace evaluator at hot
//! threshold 2, and everything the tracing tier recorded (each trace's text, or where
//! and why a recording aborted, then the trace after the optimizer) must equal
//! `NAME.trace`, followed by the program's stdout. Programs that also have a
//! `NAME.clif` run compiled (`on`) too, and the Cranelift IR of every compiled
//! (optimized) trace must equal it, with addresses (exit slots, code objects, the root
//! trace's entry) written `ADDR`.
//! Programs named `functions_*` run with hot functions traced from their entry
//! (`JitParams::trace_functions`).
//! `UPDATE_EXPECT=1 cargo test -p tracelift --test traces` rewrites the expectations.

use std::path::{Path, PathBuf};

use tracelift::{JitMode, JitParams, OptDump, Vm};
use tracelift_trace::print::mask_addresses;

fn trace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/traces")
}

/// The recordings and output of one program, as the expectation file holds them:
/// the traces in mode `eval`, or the compiled traces' IR in mode `on`.
fn record(path: &Path, mode: JitMode) -> String {
    let source = std::fs::read_to_string(path).expect("read program");
    let mut vm = Vm::new();
    let output = vm.capture_output();
    vm.set_jit_mode(mode);
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("?");
    vm.set_jit_params(JitParams {
        hot_threshold: 2,
        min_compile_work: 0,
        peel_min_run: 0,
        trace_functions: name.starts_with("functions_"),
        ..JitParams::default()
    });
    if mode == JitMode::On {
        vm.set_dump_code(true, false);
    } else {
        vm.set_dump_traces(true);
        vm.set_dump_opt(OptDump::Result);
    }
    let outcome = vm.run_named(&source, name);
    let mut text = mask_addresses(&vm.jit_dumps().concat());
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
    check_filetests(JitMode::Eval, "trace");
}

#[test]
fn compiled_traces_match_their_clif() {
    check_filetests(JitMode::On, "clif");
}

/// Runs every program that has a `.EXTENSION` expectation (every program, for
/// `trace`) in `mode` and compares.
fn check_filetests(mode: JitMode, extension: &str) {
    let mut programs: Vec<PathBuf> = std::fs::read_dir(trace_dir())
        .expect("tests/traces exists")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .filter(|path| extension == "trace" || path.with_extension(extension).exists())
        .collect();
    programs.sort();
    assert!(!programs.is_empty(), "no trace filetests found");
    let bless = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut mismatches = Vec::new();
    for program in &programs {
        let actual = record(program, mode);
        let expected_path = program.with_extension(extension);
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
