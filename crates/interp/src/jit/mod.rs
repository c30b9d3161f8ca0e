//! The tracing tier: hot-loop detection, recording loops into [`crate::trace`] IR,
//! and running traces with the evaluator.
//!
//! Modes ([`JitMode`]): `off` interprets only; `eval` counts loop iterations at each
//! `JumpBackward`, records a loop once it is hot, and from then on runs it with the
//! trace evaluator (`eval.rs`), which exits back to the interpreter through snapshots.
//! Every tunable is in [`JitParams`]; what happened is counted in [`JitStats`].

mod abort;
mod eval;
mod exit;
pub mod harness;
pub mod native;
mod record;
mod stats;

use std::fmt;
use std::str::FromStr;

pub use abort::Abort;
pub(crate) use eval::{evaluate, run_trace, TraceEnd};
pub(crate) use record::{RealFrame, RecordStep, Recorder, SideStart};
pub use stats::JitStats;

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

/// The tunables of the tracing tier, with their defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JitParams {
    /// Iterations of a loop (arrivals at its `JumpBackward`) before it is recorded.
    /// Default 50; tests and fuzzers use 1.
    pub hot_threshold: u32,
    /// The most trace instructions one recording may emit before it aborts as too
    /// long. Default 1000.
    pub max_trace_insts: u32,
    /// After an abort, a loop waits this many times longer (doubling per abort, up to
    /// `max_backoff_shift` doublings) before it is recorded again. Default 1 (that is,
    /// twice the threshold after the first abort).
    pub backoff_base: u32,
    /// The most doublings of the wait after repeated aborts. Default 10.
    pub max_backoff_shift: u32,
    /// The backoff decays: every this many arrivals at a loop, one past abort is
    /// forgiven, so a loop whose trouble was transient is retried sooner than pure
    /// doubling allows. Default 10,000.
    pub backoff_decay_arrivals: u32,
    /// Times a compiled trace's exit is taken before a side trace is recorded from it.
    /// Default 10.
    pub hot_exit_threshold: u32,
    /// Bytes of machine code the VM keeps; past it, the least recently entered trace
    /// trees are freed (and recorded again if their loops are still hot). Default 64 MiB.
    pub code_budget_bytes: usize,
}

impl JitParams {
    /// How many arrivals a loop with `aborts` past aborts waits before it is recorded.
    pub fn wait(&self, aborts: u32) -> u32 {
        let shift = aborts
            .saturating_mul(self.backoff_base)
            .min(self.max_backoff_shift)
            .min(31);
        self.hot_threshold.max(1).saturating_mul(1 << shift)
    }
}

impl Default for JitParams {
    fn default() -> Self {
        JitParams {
            hot_threshold: 50,
            max_trace_insts: 1000,
            backoff_base: 1,
            max_backoff_shift: 10,
            backoff_decay_arrivals: 10_000,
            hot_exit_threshold: 10,
            code_budget_bytes: 64 << 20,
        }
    }
}

/// Per-runtime JIT state.
#[derive(Debug, Default)]
pub struct JitState {
    pub mode: JitMode,
    pub params: JitParams,
    pub stats: JitStats,
    /// Whether to keep a text dump of each recording in `dumps`.
    pub dump_traces: bool,
    /// One entry per recording, in order: the trace's text, or the line where and
    /// why it aborted.
    pub dumps: Vec<String>,
    /// Every trace recorded, in order (for per-exit statistics); a trace's index here
    /// is its number.
    pub installed: Vec<std::rc::Rc<InstalledTrace>>,
    /// The code generator for mode `on`, installed by the embedder.
    pub compiler: native::CompilerSlot,
    /// The compiler's entry trampoline (cached when the compiler is installed).
    pub trampoline: Option<native::Trampoline>,
    /// Which dumps each compile produces (into `dumps`).
    pub dump_code: native::DumpRequest,
    /// Where exit blocks write snapshot values; as long as the largest snapshot of
    /// any compiled trace.
    pub exit_buffer: Vec<native::RawSlot>,
    /// Objects whose last owner a running trace dropped (see `native::helpers`).
    pub deferred: Vec<crate::value::Value>,
    /// A clock for "least recently entered": bumped at every trace entry.
    pub entry_clock: u64,
}

impl Drop for JitState {
    /// Code memory is not freed by dropping its module: give it back explicitly.
    fn drop(&mut self) {
        self.free_all();
    }
}

impl JitState {
    /// The counters as a JSON object, including the exits taken per trace.
    pub fn stats_json(&self) -> String {
        let traces: Vec<String> = self
            .installed
            .iter()
            .map(|installed| {
                let exits: Vec<String> = installed
                    .exits
                    .iter()
                    .enumerate()
                    .filter(|(_, count)| count.get() > 0)
                    .map(|(snapshot, count)| format!("\"snap{snapshot}\": {}", count.get()))
                    .collect();
                format!(
                    "{{\"trace\": \"{}\", \"exits\": {{{}}}}}",
                    json_escape(&installed.location()),
                    exits.join(", ")
                )
            })
            .collect();
        let mut members = self.stats.json_fields();
        members.push(format!("\"exits_per_trace\": [{}]", traces.join(", ")));
        stats::json_object(&members)
    }
}

/// Escapes text for a JSON string.
fn json_escape(text: &str) -> String {
    let mut out = String::new();
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            control if (control as u32) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", control as u32));
            }
            other => out.push(other),
        }
    }
    out
}

impl LoopState {
    /// Counts an arrival at the loop header; whether to record the loop now.
    pub fn arrive(&mut self, params: &JitParams) -> bool {
        self.counter = self.counter.saturating_add(1);
        if self.aborts > 0 {
            self.arrivals_since_decay += 1;
            if self.arrivals_since_decay >= params.backoff_decay_arrivals.max(1) {
                self.arrivals_since_decay = 0;
                self.aborts -= 1;
            }
        }
        if self.counter >= params.wait(self.aborts) {
            self.counter = 0;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The arrival at which each recording attempt happens, for a loop that aborts
    /// every time it is recorded.
    fn attempts(params: &JitParams, arrivals: u32) -> Vec<u32> {
        let mut state = LoopState::default();
        let mut at = Vec::new();
        for arrival in 1..=arrivals {
            if state.arrive(params) {
                at.push(arrival);
                state.aborts += 1;
            }
        }
        at
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let params = JitParams {
            hot_threshold: 2,
            max_backoff_shift: 3,
            backoff_decay_arrivals: u32::MAX,
            ..JitParams::default()
        };
        // Waits of 2, 4, 8, 16, then 16 forever: never a permanent blacklist.
        assert_eq!(attempts(&params, 100), [2, 6, 14, 30, 46, 62, 78, 94]);
    }

    #[test]
    fn backoff_decays_so_a_long_penalty_ends_sooner() {
        let params = JitParams {
            hot_threshold: 2,
            backoff_decay_arrivals: 10,
            ..JitParams::default()
        };
        // Six aborts would mean a wait of 2 << 6 = 128 arrivals; forgiving one abort
        // every 10 arrivals brings the wait down to 16 by arrival 30, when the loop is
        // recorded again.
        let mut state = LoopState {
            aborts: 6,
            ..LoopState::default()
        };
        let first_attempt = (1..=128).find(|_| state.arrive(&params));
        assert_eq!(first_attempt, Some(30));
        assert_eq!(state.aborts, 3);
    }
}

/// Per-loop state, kept on the loop's code object by header pc.
#[derive(Debug, Default)]
pub struct LoopState {
    /// Arrivals since the last recording attempt.
    pub counter: u32,
    /// Failed recordings not yet forgiven (for the backoff).
    pub aborts: u32,
    /// Arrivals since an abort was last forgiven (for the decay).
    pub arrivals_since_decay: u32,
    /// Whether the loop was counted in `loops_hot`.
    pub seen_hot: bool,
    /// The loop's trace, once recorded.
    pub trace: Option<std::rc::Rc<InstalledTrace>>,
}

/// A recorded trace in use: its IR, how often each exit was taken, and its machine
/// code once compiled.
#[derive(Debug)]
pub struct InstalledTrace {
    pub trace: crate::trace::Trace,
    /// The index in `JitState::installed`.
    pub number: u32,
    /// Exits taken, per snapshot (`exits[n]` counts `snapN`).
    pub exits: Vec<std::cell::Cell<u64>>,
    /// Per snapshot: the entry of the side trace linked to that exit, or zero.
    /// Compiled exit blocks load their slot and tail-call through it.
    pub exit_slots: Box<[std::sync::atomic::AtomicUsize]>,
    /// Side traces that were tried from each exit (recorded or aborted), for backoff.
    pub side_attempts: Vec<std::cell::Cell<u32>>,
    /// The machine code, in mode `on`; `None` once freed.
    pub native: std::cell::RefCell<Option<native::CompiledCode>>,
    /// For a side trace: the root trace and exit it hangs off.
    pub parent: Option<native::ParentExit>,
    /// The root's number (its own for a root trace).
    pub root: u32,
    /// `JitState::entry_clock` at the last entry into this trace's tree (roots only).
    pub last_entered: std::cell::Cell<u64>,
    /// The operand stack depth at the loop header (where side traces end).
    pub header_depth: u32,
    /// For a root: the most inlined frames an exit of any trace in its tree rebuilds
    /// (the recursion-limit check on entry uses it).
    pub tree_inline_depth: std::cell::Cell<usize>,
}

impl InstalledTrace {
    pub fn new(
        trace: crate::trace::Trace,
        number: u32,
        parent: Option<native::ParentExit>,
    ) -> InstalledTrace {
        let snapshots = trace.snapshots.len();
        let inline_depth = trace.inline_depth();
        InstalledTrace {
            trace,
            number,
            exits: (0..snapshots).map(|_| Default::default()).collect(),
            exit_slots: (0..snapshots).map(|_| Default::default()).collect(),
            side_attempts: (0..snapshots).map(|_| Default::default()).collect(),
            native: Default::default(),
            root: parent.map_or(number, |parent| parent.root),
            parent,
            last_entered: Default::default(),
            header_depth: 0,
            tree_inline_depth: std::cell::Cell::new(inline_depth),
        }
    }

    /// The compiled entry, if the trace is compiled and not freed.
    pub fn native_entry(&self) -> Option<*const u8> {
        self.native.borrow().as_ref().map(|code| code.entry)
    }

    /// The compiled loop's own entry (parameters as arguments), or null.
    pub fn native_loop_entry(&self) -> *const u8 {
        self.native
            .borrow()
            .as_ref()
            .map_or(std::ptr::null(), |code| code.loop_entry)
    }

    /// Where the trace's loop is, as dumps and stats name it.
    pub fn location(&self) -> String {
        let anchor = &self.trace.anchor;
        format!(
            "{}:{} in {} (pc {})",
            anchor.filename, anchor.line, anchor.function, anchor.pc
        )
    }
}
