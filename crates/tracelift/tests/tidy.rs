//! House rules checked as an ordinary test: every Rust file opens with a `//!` comment
//! saying what it is for, and no file grows past the size where it should be split.

use std::path::{Path, PathBuf};

/// Files longer than this must be split (the style guide's prompt is ~800 lines; a
/// little slack keeps the check about real growth, not a few lines).
const MAX_LINES: usize = 900;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != ".git" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_rust_file_has_a_module_doc_and_a_reasonable_size() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["crates", "xtask", "fuzz", "benches"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {} Rust files", files.len());
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        if !text.trim_start().starts_with("//!") {
            problems.push(format!("{}: no `//!` header", file.display()));
        }
        let lines = text.lines().count();
        if lines > MAX_LINES {
            problems.push(format!("{}: {lines} lines (split it)", file.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
