//! Which tier runs hot loops: [`JitMode`], as `--jit` and `TRACELIFT_JIT` name it.

use std::fmt;
use std::str::FromStr;

/// Which tier runs hot loops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum JitMode {
    /// Interpreter only.
    #[default]
    Off,
    /// Record hot loops and run their traces with the evaluator (no machine code).
    Eval,
    /// Record hot loops and compile their traces to machine code with the installed
    /// [`native::TraceCompiler`] (without one, traces are evaluated as in `Eval`).
    On,
}

impl JitMode {
    /// The names `TRACELIFT_JIT` / `--jit` accept.
    pub const NAMES: &'static [&'static str] = &["off", "eval", "on"];

    /// The mode's name as `TRACELIFT_JIT` spells it.
    pub fn name(self) -> &'static str {
        match self {
            JitMode::Off => "off",
            JitMode::Eval => "eval",
            JitMode::On => "on",
        }
    }
}

impl FromStr for JitMode {
    type Err = String;

    fn from_str(text: &str) -> Result<JitMode, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "off" | "0" | "false" => Ok(JitMode::Off),
            "eval" => Ok(JitMode::Eval),
            "on" | "1" | "true" => Ok(JitMode::On),
            other => Err(format!(
                "unknown JIT mode '{other}' (this build supports: {})",
                JitMode::NAMES.join(", ")
            )),
        }
    }
}

impl fmt::Display for JitMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
