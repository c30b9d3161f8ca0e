//! `cargo xtask bless [FILTER]`: records CPython's behaviour as the expected behaviour.
//!
//! For every `tests/conformance/NAME.py` (top level only; `unsupported/` holds
//! hand-written expectations for programs CPython would accept), runs `python3 NAME.py`
//! with `tests/conformance` as the working directory and writes:
//! - `NAME.stdout`: the exact stdout bytes;
//! - `NAME.status`: `exit: N`, then, only when N != 0, `stderr: <last line of stderr>`,
//!   with the absolute path of `tests/conformance/` removed (CPython spells the program's
//!   path out in a few messages; tracelift is expected to print `NAME.py` there).
//!
//! Invariant: the files are written only from a real CPython run, never edited by hand,
//! so `git diff` after a bless shows exactly what the oracle changed its mind about.

use crate::util::{python3, python_files, require_python3, stem, workspace_root};
use anyhow::{bail, Context, Result};
use std::path::Path;

/// The expectations of one program, as stored next to it.
struct Expectation {
    stdout: Vec<u8>,
    status: String,
}

pub fn run(filter: Option<&str>) -> Result<()> {
    let version = require_python3()?;
    let dir = workspace_root().join("tests").join("conformance");
    let programs: Vec<_> = python_files(&dir)?
        .into_iter()
        .filter(|path| filter.is_none_or(|filter| stem(path).contains(filter)))
        .collect();
    if programs.is_empty() {
        bail!(
            "no program in {} matches {}",
            dir.display(),
            filter.map_or("(no filter)".to_string(), |f| format!("`{f}`"))
        );
    }
    println!("blessing {} programs with {version}", programs.len());

    let (mut changed, mut failing, mut noisy) = (Vec::new(), 0, Vec::new());
    for path in &programs {
        let name = stem(path);
        let (expectation, stderr) = run_oracle(&dir, path)?;
        if !expectation.status.starts_with("exit: 0") {
            failing += 1;
        } else if !stderr.trim().is_empty() {
            noisy.push(name.to_string());
        }
        let stdout_changed =
            write_if_changed(&dir.join(format!("{name}.stdout")), &expectation.stdout)?;
        let status_path = dir.join(format!("{name}.status"));
        let status_changed = write_if_changed(&status_path, expectation.status.as_bytes())?;
        if stdout_changed || status_changed {
            changed.push(name.to_string());
        }
    }

    for name in &changed {
        println!("  updated {name}");
    }
    for name in &noisy {
        println!("  warning: {name} exits 0 but writes to stderr (warnings?)");
    }
    report_orphans(&dir)?;
    println!(
        "blessed {} programs ({} exit non-zero), {} expectation sets changed",
        programs.len(),
        failing,
        changed.len()
    );
    Ok(())
}

/// Runs CPython on one program and turns what it did into an expectation.
fn run_oracle(dir: &Path, path: &Path) -> Result<(Expectation, String)> {
    let file_name = path.file_name().expect("a file has a name");
    let output = python3()
        .arg(file_name)
        .current_dir(dir)
        .output()
        .with_context(|| format!("running python3 {}", path.display()))?;
    let Some(code) = output.status.code() else {
        bail!("python3 {} was killed ({})", path.display(), output.status);
    };
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let mut status = format!("exit: {code}\n");
    if code != 0 {
        let last = stderr.lines().rev().find(|line| !line.trim().is_empty());
        let Some(last) = last else {
            bail!(
                "python3 {} exited {code} with an empty stderr",
                path.display()
            );
        };
        // CPython names the file by its absolute path in a few messages (a non-UTF-8
        // source); strip the directory so the expectation does not depend on the checkout.
        let prefix = format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR);
        let last = last.trim_end().replace(&prefix, "");
        status.push_str(&format!("stderr: {last}\n"));
    }
    let expectation = Expectation {
        stdout: output.stdout,
        status,
    };
    Ok((expectation, stderr))
}

/// Writes `contents` to `path` unless it already holds exactly that; returns whether it wrote.
fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))?;
    Ok(true)
}

/// Warns about `.stdout` / `.status` files whose program no longer exists.
fn report_orphans(dir: &Path) -> Result<()> {
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_expectation = path
            .extension()
            .is_some_and(|ext| ext == "stdout" || ext == "status");
        if is_expectation && !path.with_extension("py").exists() {
            orphans.push(path);
        }
    }
    orphans.sort();
    for path in orphans {
        println!("  warning: {} has no program next to it", path.display());
    }
    Ok(())
}
