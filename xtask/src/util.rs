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

/// The first non-empty lines of what `program arg` prints (stdout, else stderr) joined
/// with spaces, if it starts and exits successfully: a tool's version, for reports.
pub fn tool_version(program: &str, arg: &str) -> Option<String> {
    let output = Command::new(program)
        .arg(arg)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = if output.stdout.trim_ascii().is_empty() {
        &output.stderr
    } else {
        &output.stdout
    };
    let text = String::from_utf8_lossy(text);
    Some(
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
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
    python_env(&mut command).stdin(Stdio::null());
    command
}

/// Gives `command` (a Python, or a tool such as hyperfine that starts Pythons) the
/// predictable environment described at [`python3`].
pub fn python_env(command: &mut Command) -> &mut Command {
    for var in PYTHON_ENV_TO_CLEAR {
        command.env_remove(var);
    }
    command
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
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

/// Fails with an install hint unless `hyperfine` runs.
pub fn require_hyperfine() -> Result<()> {
    if !tool_works("hyperfine", ["--version"]) {
        bail!(
            "hyperfine was not found on PATH: install it (Debian: `apt-get install hyperfine`, \
             or `cargo install hyperfine`) and retry"
        );
    }
    Ok(())
}

/// Builds the given binaries of the given packages with `cargo build --release` and
/// returns their paths in the target directory, in the order of `bins`.
pub fn build_release(packages: &[&str], bins: &[&str]) -> Result<Vec<PathBuf>> {
    let mut build = cargo();
    build.args(["build", "--release"]);
    for package in packages {
        build.args(["-p", package]);
    }
    for bin in bins {
        build.args(["--bin", bin]);
    }
    let description = format!(
        "cargo build --release -p {} --bin {}",
        packages.join(" -p "),
        bins.join(" --bin ")
    );
    run_step(&description, build)?;
    let mut paths = Vec::new();
    for bin in bins {
        let path = target_dir()
            .join("release")
            .join(format!("{bin}{}", std::env::consts::EXE_SUFFIX));
        if !path.is_file() {
            bail!("the release build did not produce {}", path.display());
        }
        paths.push(path);
    }
    Ok(paths)
}

/// A `hyperfine` command that runs from `dir` without a shell, one warmup and `runs` timed
/// runs per command, exporting its results to `json`. Add `--command-name NAME` pairs and
/// the commands, then run it with [`run_hyperfine`].
pub fn hyperfine(dir: &Path, runs: u32, json: &Path) -> Command {
    let mut command = Command::new("hyperfine");
    command
        .current_dir(dir)
        .stdin(Stdio::null())
        .args(["--shell=none", "--warmup", "1", "--style", "basic"])
        .args(["--runs", &runs.to_string()])
        .arg("--export-json")
        .arg(json);
    command
}

/// Runs a command made by [`hyperfine`] and returns the medians (seconds) of its
/// `expected` commands in order; `Ok(Err(why))` when hyperfine itself failed (a command
/// exited non-zero, say), which callers report instead of stopping.
pub fn run_hyperfine(
    mut command: Command,
    json: &Path,
    expected: usize,
) -> Result<Result<Vec<f64>, String>> {
    let status = command.status().context("could not start hyperfine")?;
    if !status.success() {
        return Ok(Err(format!("hyperfine failed ({status})")));
    }
    let text = std::fs::read_to_string(json)
        .with_context(|| format!("reading hyperfine's export {}", json.display()))?;
    let medians = json_numbers(&text, "median")?;
    if medians.len() != expected {
        bail!(
            "expected {expected} results in hyperfine's export, found {}",
            medians.len()
        );
    }
    Ok(Ok(medians))
}

/// The numeric values of every `"key": <number>` member in `json`, in order of appearance.
///
/// Good enough for the flat, known shapes read here (hyperfine's export, where `"median"`
/// appears once per result and nowhere else; tracelift's stats), and keeps xtask free of a
/// JSON dependency.
pub fn json_numbers(json: &str, key: &str) -> Result<Vec<f64>> {
    let quoted = format!("\"{key}\"");
    let mut values = Vec::new();
    for (index, _) in json.match_indices(&quoted) {
        let rest = json[index + quoted.len()..].trim_start();
        let rest = rest
            .strip_prefix(':')
            .with_context(|| format!("malformed JSON: `{quoted}` without `:`"))?
            .trim_start();
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+')))
            .unwrap_or(rest.len());
        let value = rest[..end]
            .parse()
            .with_context(|| format!("malformed number `{}` for {quoted}", &rest[..end]))?;
        values.push(value);
    }
    Ok(values)
}

/// The file name of `path` (empty if it has none), lossily as UTF-8.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Quotes a path for hyperfine's `--shell=none` word splitting when it contains spaces.
pub fn quote(text: &str) -> String {
    if text.contains(char::is_whitespace) {
        format!("'{text}'")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::json_numbers;

    #[test]
    fn reads_numbers_in_order() {
        let json = r#"{"results":[{"command":"a","mean":0.5,"median":0.25,"times":[1]},
            {"command":"b","median" : 1.5e-1,"max":2}]}"#;
        assert_eq!(json_numbers(json, "median").unwrap(), vec![0.25, 0.15]);
        assert_eq!(json_numbers(json, "max").unwrap(), vec![2.0]);
        assert!(json_numbers(json, "min").unwrap().is_empty());
        assert!(json_numbers(r#"{"median" 1}"#, "median").is_err());
    }
}
