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
        json_object(&self.json_fields())
    }

    /// The counters as JSON `"key": value` members, in a fixed order.
    pub fn json_fields(&self) -> Vec<String> {
        let aborts: Vec<String> = self
            .aborts
            .iter()
            .map(|(reason, count)| format!("\"{reason}\": {count}"))
            .collect();
        vec![
            format!("\"loops_hot\": {}", self.loops_hot),
            format!("\"traces_recorded\": {}", self.traces_recorded),
            format!("\"aborts\": {{{}}}", aborts.join(", ")),
            format!("\"exits_taken\": {}", self.exits_taken),
            format!("\"trace_entries\": {}", self.trace_entries),
        ]
    }
}

/// A JSON object from its members, on one line.
pub(crate) fn json_object(members: &[String]) -> String {
    format!("{{{}}}\n", members.join(", "))
}
