//! Which execution tier runs hot loops.

use std::fmt;
use std::str::FromStr;

/// The JIT mode, set with `TRACELIFT_JIT` / `--jit` or [`crate::Vm::set_jit_mode`].
///
/// Only the interpreter exists so far; the tracing tiers add their modes here, so
/// that the name a user gives is checked in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum JitMode {
    /// Interpreter only.
    #[default]
    Off,
}

impl JitMode {
    /// The names `TRACELIFT_JIT` / `--jit` accept.
    pub const NAMES: &'static [&'static str] = &["off"];

    /// The mode's name as `TRACELIFT_JIT` spells it.
    pub fn name(self) -> &'static str {
        match self {
            JitMode::Off => "off",
        }
    }
}

impl FromStr for JitMode {
    type Err = String;

    fn from_str(text: &str) -> Result<JitMode, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "off" | "0" | "false" => Ok(JitMode::Off),
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
