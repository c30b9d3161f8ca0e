//! What the tracing tier did during a run, written as JSON at exit on request
//! (`TRACELIFT_JIT_STATS=PATH` / `--jit-stats PATH`).

use std::collections::BTreeMap;

/// Counters of the tracing tier.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JitStats {
    /// Loops that reached the hot threshold (each counted once).
    pub loops_hot: u64,
    /// Recordings that produced a trace.
    pub traces_recorded: u64,
    /// Recordings abandoned, by reason.
    pub aborts: BTreeMap<String, u64>,
    /// Loops left to the interpreter after failing the same way too often.
    pub blacklisted: u64,
    /// Times a hot loop was not recorded because it had too little left to run for a
    /// compile to pay (`JitParams::min_compile_work`).
    pub not_worth_compiling: u64,
    /// Trees freed because their loop's variables changed type between entries, to
    /// be recorded again with those variables generic (`vm/respecialize.rs`).
    pub respecialized: u64,
    /// Times a trace left through a snapshot.
    pub exits_taken: u64,
    /// Times the interpreter entered a trace.
    pub trace_entries: u64,
    /// Traces compiled to machine code (roots and side traces).
    pub traces_compiled: u64,
    /// Of those, side traces (linked to a hot exit of another trace).
    pub side_traces: u64,
    /// Of those, compiled with the backend's quick tier (side traces from exits
    /// taken seldom, `JitParams::quick_exit_steps`).
    pub quick_compiles: u64,
    /// The time each compile took, in microseconds, in order.
    pub compile_times_us: Vec<u64>,
    /// Time the optimizer spent on traces that were then compiled, in microseconds
    /// (part of the cost of compiling; not in `compile_times_us`, which is the
    /// backend's).
    pub optimize_time_us: u64,
    /// Of the compiles, those done on the compiler's thread
    /// (`JitParams::compile_in_background`); `compile_times_us` is the thread's time.
    pub background_compiles: u64,
    /// Time the VM's own thread spent on compiles, in microseconds: compiling in the
    /// foreground, and handing traces to the compiler's thread and collecting them
    /// in the background (the optimizer's time is `optimize_time_us`).
    pub compile_stall_us: u64,
    /// Side traces compiled in the background whose tree was freed meanwhile: their
    /// code was freed unlinked.
    pub compiles_discarded: u64,
    /// Machine code produced, in bytes (including code freed since).
    pub code_bytes: u64,
    /// Compiled traces whose code was freed (evicted or invalidated).
    pub traces_freed: u64,
    /// The most objects the VM kept alive at once for running compiled code (made or
    /// let go of by it, waiting until no borrowed copy can point at them).
    pub kept_objects_peak: u64,
    /// Nested interpreters made (`vm/nested.rs`): for calls traces make (`call_py`),
    /// including direct calls an exit sent back to an interpreter, and for such
    /// calls while recording.
    pub nested_runs: u64,
    /// Calls from traces that ran the callee's compiled entry trace directly
    /// (`vm/direct_call.rs`), with no nested interpreter unless an exit needed one.
    pub direct_calls: u64,
}

impl JitStats {
    /// The counters as a JSON object (keys in a fixed order).
    pub fn to_json(&self) -> String {
        json_object(&self.json_fields())
    }

    /// The counters as JSON `"key": value` members, in a fixed order.
    pub fn json_fields(&self) -> Vec<String> {
        let aborts: Vec<String> = self
            .aborts
            .iter()
            .map(|(reason, count)| format!("\"{reason}\": {count}"))
            .collect();
        let mut fields = vec![
            format!("\"loops_hot\": {}", self.loops_hot),
            format!("\"traces_recorded\": {}", self.traces_recorded),
            format!("\"aborts\": {{{}}}", aborts.join(", ")),
            format!("\"blacklisted\": {}", self.blacklisted),
            format!("\"not_worth_compiling\": {}", self.not_worth_compiling),
            format!("\"respecialized\": {}", self.respecialized),
            format!("\"exits_taken\": {}", self.exits_taken),
            format!("\"trace_entries\": {}", self.trace_entries),
            format!("\"traces_compiled\": {}", self.traces_compiled),
            format!("\"side_traces\": {}", self.side_traces),
            format!("\"quick_compiles\": {}", self.quick_compiles),
            format!(
                "\"compile_time_us_total\": {}",
                self.compile_times_us.iter().sum::<u64>()
            ),
            format!(
                "\"compile_time_us_median\": {}",
                self.compile_time_us_median()
            ),
            format!("\"optimize_time_us_total\": {}", self.optimize_time_us),
            format!("\"code_bytes\": {}", self.code_bytes),
            format!("\"traces_freed\": {}", self.traces_freed),
            format!("\"kept_objects_peak\": {}", self.kept_objects_peak),
            format!("\"nested_runs\": {}", self.nested_runs),
            format!("\"direct_calls\": {}", self.direct_calls),
        ];
        // Only for runs that compiled in the background, so the stats of every
        // other run read as they always have.
        if self.background_compiles > 0 {
            fields.extend([
                format!("\"background_compiles\": {}", self.background_compiles),
                format!("\"compile_stall_us_total\": {}", self.compile_stall_us),
                format!("\"compiles_discarded\": {}", self.compiles_discarded),
            ]);
        }
        fields
    }
}

impl JitStats {
    /// The median compile time (the lower middle of an even count), 0 with none.
    pub fn compile_time_us_median(&self) -> u64 {
        let mut times = self.compile_times_us.clone();
        times.sort_unstable();
        times
            .get(times.len().saturating_sub(1) / 2)
            .copied()
            .unwrap_or(0)
    }
}

/// A JSON object from its members, on one line.
pub(crate) fn json_object(members: &[String]) -> String {
    format!("{{{}}}\n", members.join(", "))
}

/// Escapes text for a JSON string.
pub(crate) fn json_escape(text: &str) -> String {
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
