//! Pass filetests: trace text in, optimized trace text out, with no interpreter.
//!
//! Each `tests/passes/NAME.trace` starts with a line `;; passes: LIST` (as `--opt`
//! spells it) and any further `;;` comment lines, then a trace in the text form of
//! `tracelift_trace::print` (optionally followed by `;; side trace` and a side trace,
//! which is optimized on its own). The input must verify; the optimized trace must
//! verify and equal `NAME.out`. `UPDATE_EXPECT=1 cargo test -p tracelift-opt --test
//! passes` rewrites the expectations.

use std::path::{Path, PathBuf};

use tracelift_opt::{optimize, PassSet};
use tracelift_trace::parse::parse;
use tracelift_trace::print::print;
use tracelift_trace::verify::verify;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/passes")
}

/// The optimized text of one case file.
fn run_case(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read the case");
    let passes: PassSet = text
        .lines()
        .find_map(|line| line.strip_prefix(";; passes:"))
        .unwrap_or_else(|| panic!("{}: no `;; passes:` line", path.display()))
        .parse()
        .expect("a pass list");
    let mut out = String::new();
    for part in text.split("\n;; side trace\n") {
        let source: String = part
            .lines()
            .filter(|line| !line.starts_with(";;"))
            .map(|line| format!("{line}\n"))
            .collect();
        let trace = parse(&source).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        verify(&trace).unwrap_or_else(|error| panic!("{}: input: {error}", path.display()));
        let optimized = optimize(trace, passes);
        verify(&optimized).unwrap_or_else(|error| panic!("{}: output: {error}", path.display()));
        if !out.is_empty() {
            out.push_str(";; side trace\n");
        }
        out.push_str(&print(&optimized));
    }
    out
}

#[test]
fn pass_filetests() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("the cases directory")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "trace"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "found only {} cases", paths.len());
    for path in paths {
        let actual = run_case(&path);
        expect_test::expect_file![path.with_extension("out")].assert_eq(&actual);
    }
}
