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
    /// Times a trace left through a snapshot.
    pub exits_taken: u64,
    /// Times the interpreter entered a trace.
    pub trace_entries: u64,
}

impl JitStats {
    /// The counters as a JSON object (keys in a fixed order).
    pub fn to_json(&self) -> String {
        let aborts: Vec<String> = self
            .aborts
            .iter()
            .map(|(reason, count)| format!("\"{reason}\": {count}"))
            .collect();
        format!(
            "{{\"loops_hot\": {}, \"traces_recorded\": {}, \"aborts\": {{{}}}, \"exits_taken\": {}, \"trace_entries\": {}}}\n",
            self.loops_hot,
            self.traces_recorded,
            aborts.join(", "),
            self.exits_taken,
            self.trace_entries
        )
    }
}
