//! Helpers shared by the xtask commands: locating the workspace and running tools.

use anyhow::{bail, Context, Result};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root, which is the parent of this crate's manifest directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// The `cargo` that launched us (cargo sets `CARGO` for `cargo run`), or plain `cargo`.
pub fn cargo() -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(program);
    command.current_dir(workspace_root());
    command
}

/// The target directory cargo uses: `CARGO_TARGET_DIR` if set, else `<root>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        }
        None => workspace_root().join("target"),
    }
}

/// Whether `program args...` can be started and exits successfully (output discarded).
pub fn tool_works<I, S>(program: &str, args: I) -> bool
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Prints `==> description`, runs the command with inherited stdio, and fails if it fails.
pub fn run_step(description: &str, mut command: Command) -> Result<()> {
    println!("==> {description}");
    let status = command
        .status()
        .with_context(|| format!("could not start `{description}`"))?;
    if !status.success() {
        bail!("`{description}` failed ({status})");
    }
    Ok(())
}

/// The `.py` files directly inside `dir` (not in subfolders), sorted by name.
pub fn python_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "py") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The file name of `path` without its extension, as UTF-8.
pub fn stem(path: &Path) -> &str {
    path.file_stem()
        .and_then(OsStr::to_str)
        .expect("program file names are UTF-8")
}

/// Environment variables that would make CPython behave differently from a plain run
/// (optimizations, warnings, a different digit limit, a changed hash seed, site hooks).
const PYTHON_ENV_TO_CLEAR: &[&str] = &[
    "PYTHONSTARTUP",
    "PYTHONOPTIMIZE",
    "PYTHONWARNINGS",
    "PYTHONINTMAXSTRDIGITS",
    "PYTHONHASHSEED",
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONDEVMODE",
    "PYTHONUTF8",
    "PYTHONSAFEPATH",
    "PYTHONINSPECT",
    "PYTHONUNBUFFERED",
    "PYTHONNODEBUGRANGES",
    "PYTHONRECURSIONLIMIT",
];

/// A `python3` command with a predictable environment: UTF-8 stdout whatever the locale,
/// no bytecode files written next to the programs, none of the tuning variables above.
pub fn python3() -> Command {
    let mut command = Command::new("python3");
    for var in PYTHON_ENV_TO_CLEAR {
        command.env_remove(var);
    }
    command
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null());
    command
}

/// The CPython release the checked-in expectations come from.
pub const ORACLE_VERSION: &str = "Python 3.11.7";

/// Fails with a clear message unless `python3` runs; returns its version line.
pub fn require_python3() -> Result<String> {
    let output = match python3().arg("--version").output() {
        Ok(output) => output,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            bail!("python3 was not found on PATH: CPython 3.11 is the oracle, install it first")
        }
        Err(err) => return Err(err).context("could not run `python3 --version`"),
    };
    if !output.status.success() {
        bail!("`python3 --version` failed ({})", output.status);
    }
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if version != ORACLE_VERSION {
        eprintln!(
            "warning: the expectations are recorded with {ORACLE_VERSION} but python3 is \
             `{version}`; some messages differ even between 3.11 patch releases (a NUL byte \
             in the source, for one), so check `git diff` before keeping the result"
        );
    }
    Ok(version)
}
