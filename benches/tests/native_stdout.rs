//! Every benchmark program has a native port and a Lua port, and the native port prints
//! exactly the Python program's recorded stdout (`benches/programs/NAME.stdout`).
//!
//! The Lua ports are checked by `cargo xtask peers` (the tests never need Lua installed);
//! here only their presence is checked, so a new program cannot silently lack one.

use std::path::{Path, PathBuf};

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs")
}

/// The stems of `benches/programs/*.py`, sorted.
fn python_programs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(programs_dir())
        .expect("benches/programs exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .map(|path| {
            path.file_stem()
                .and_then(|stem| stem.to_str())
                .expect("UTF-8 program names")
                .to_string()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn every_program_has_a_native_and_a_lua_port() {
    let native: Vec<&str> = tracelift_benches::PROGRAMS
        .iter()
        .map(|(name, _)| *name)
        .collect();
    assert_eq!(
        native,
        python_programs(),
        "PROGRAMS vs benches/programs/*.py"
    );
    let lua_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lua");
    for name in python_programs() {
        let lua = lua_dir.join(format!("{name}.lua"));
        assert!(lua.is_file(), "missing Lua port {}", lua.display());
    }
}

#[test]
fn native_ports_print_the_recorded_stdout() {
    for (name, run) in tracelift_benches::PROGRAMS {
        let expected_path = programs_dir().join(format!("{name}.stdout"));
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|err| panic!("reading {}: {err}", expected_path.display()));
        assert_eq!(run(), expected, "native {name}");
    }
}
