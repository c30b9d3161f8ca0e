//! What the tracing tier knows of each loop the interpreter counts: arrivals, aborts
//! and their backoff, and the loop's trace once it has one. The table lives in the
//! JIT state, keyed by code object and header pc (code objects know nothing of the
//! JIT).

use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::{Abort, InstalledTrace, JitParams};
use crate::bytecode::CodeId;

/// A loop header: the code object it is in and its pc (the target of its
/// `JumpBackward`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LoopKey {
    pub code: CodeId,
    pub pc: u32,
}

/// Every loop's state, by header.
#[derive(Debug, Default)]
pub struct LoopTable {
    /// Looked up at every backward jump the interpreter takes with the JIT on, so
    /// hashed with a fast non-keyed hash (the keys are the VM's own numbers).
    loops: FxHashMap<LoopKey, LoopState>,
}

impl LoopTable {
    /// The state of a loop, made fresh on first use.
    pub fn entry(&mut self, key: LoopKey) -> &mut LoopState {
        self.loops.entry(key).or_default()
    }

    pub fn get(&self, key: LoopKey) -> Option<&LoopState> {
        self.loops.get(&key)
    }

    /// Every loop's state.
    pub fn states_mut(&mut self) -> impl Iterator<Item = &mut LoopState> {
        self.loops.values_mut()
    }
}

/// The state of one loop header.
#[derive(Debug, Default)]
pub struct LoopState {
    /// Arrivals since the last recording attempt.
    pub counter: u32,
    /// Arrivals since the loop was first seen (what its past says of its future, for
    /// `jit/worth.rs`).
    pub arrivals: u32,
    /// Frame slots (bit `n` for slot `n`) whose type changed between entries of the
    /// loop's trace: its recordings read them as objects (`vm/respecialize.rs`).
    pub generic_slots: u64,
    /// How many times the loop's tree was freed to be recorded with more generic
    /// slots.
    pub respecializations: u32,
    /// Runs of arrivals at this loop ended so far (`quiet.rs`), and their arrivals.
    pub runs: u32,
    pub run_arrivals: u32,
    /// Whether a recording of an enclosing loop stopped at this one for want of its
    /// trace: it is then compiled whatever its own outlook (`jit/worth.rs`).
    pub wanted: bool,
    /// Instructions the loop's last recording ran in its iteration, when fewer than
    /// its body has: the cost model's length of an iteration from then on.
    pub recorded_path: Option<u64>,
    /// Failed recordings not yet forgiven (for the backoff).
    pub aborts: u32,
    /// Arrivals since an abort was last forgiven (for the decay).
    pub arrivals_since_decay: u32,
    /// Whether the loop was counted in `loops_hot`.
    pub seen_hot: bool,
    /// The reason of the last failed recording, and how many in a row failed for it.
    pub last_abort: Option<Abort>,
    pub same_aborts: u32,
    /// Left to the interpreter after `JitParams::blacklist_after` aborts in a row for
    /// one reason (until the blacklist is reset).
    pub blacklisted: bool,
    /// The loop's trace, once recorded (and compiled, in mode `on`).
    pub trace: Option<Rc<InstalledTrace>>,
    /// Whether the loop's trace is being compiled on the compiler's thread
    /// (`background.rs`): the interpreter runs the loop and records nothing.
    pub compiling: bool,
    /// At pc 0 of a function: what its entry is to the JIT (a function without a
    /// loop is traced from its entry; the state's trace is then that function's).
    pub function: FunctionEntry,
    /// At pc 0 of a function: the calls its code was last let make uncounted
    /// (`Code::quiet_calls`).
    pub quiet_granted: u32,
}

/// What the JIT makes of a function's entry (the state at its code's pc 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FunctionEntry {
    /// No call of it was counted yet (or the code is a module's).
    #[default]
    Unseen,
    /// It has no loop: calls count toward recording it from its entry.
    Traced,
    /// It has a loop whose header is pc 0: its loops are traced, its entry never.
    HasLoop,
    /// It has loops, none at pc 0: once one of them has a trace, its entry is traced
    /// from pc 0 to that loop's header (its prologue), where the trace leaves and the
    /// loop's trace is entered (`vm/function_entry.rs`, `vm/direct_call.rs`). The
    /// state's trace is then that entry trace.
    Prologue,
}

impl LoopState {
    /// Whether the state holds a loop's trace (not a function's entry trace).
    pub fn has_loop_trace(&self) -> bool {
        self.trace.is_some() && !self.is_function_entry()
    }

    /// Whether the state's trace (if any) is a function's entry trace.
    pub fn is_function_entry(&self) -> bool {
        matches!(
            self.function,
            FunctionEntry::Traced | FunctionEntry::Prologue
        )
    }

    /// At a function's entry: counts the calls made uncounted since this state let
    /// `quiet_granted` of them pass, `left` of which were not made.
    pub fn take_quiet_calls(&mut self, left: u32) {
        let made = self.quiet_granted.saturating_sub(left);
        self.quiet_granted = 0;
        self.counter = self.counter.saturating_add(made);
        self.arrivals = self.arrivals.saturating_add(made);
    }

    /// At a function's entry: lets pass uncounted (and remembers, for
    /// `take_quiet_calls`) as many of the next calls as would do nothing but count an
    /// arrival (`arrive` answering no: no trace to enter, no recording due, no
    /// backoff to decay); how many.
    pub fn grant_quiet_calls(&mut self, params: &JitParams) -> u32 {
        let must_see =
            self.trace.is_some() || self.blacklisted || self.compiling || self.aborts > 0;
        self.quiet_granted = match must_see {
            true => 0,
            false => params
                .wait(0)
                .saturating_sub(self.counter)
                .saturating_sub(1),
        };
        self.quiet_granted
    }

    /// Counts an arrival at the loop header; whether to record the loop now.
    pub fn arrive(&mut self, params: &JitParams) -> bool {
        if self.blacklisted || self.compiling {
            return false;
        }
        self.counter = self.counter.saturating_add(1);
        self.arrivals = self.arrivals.saturating_add(1);
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

    /// Counts a failed recording; whether the loop is now blacklisted (the same
    /// reason `blacklist_after` times in a row).
    pub fn note_abort(&mut self, reason: Abort, params: &JitParams) -> bool {
        if self.last_abort == Some(reason) {
            self.same_aborts = self.same_aborts.saturating_add(1);
        } else {
            self.last_abort = Some(reason);
            self.same_aborts = 1;
        }
        if !self.blacklisted && self.same_aborts >= params.blacklist_after.max(1) {
            self.blacklisted = true;
            return true;
        }
        false
    }

    /// Forgets the loop's failures: it is recorded again when hot.
    pub fn reset_failures(&mut self) {
        self.blacklisted = false;
        self.last_abort = None;
        self.same_aborts = 0;
        self.aborts = 0;
        self.counter = 0;
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
    fn the_same_abort_in_a_row_blacklists_until_reset() {
        let params = JitParams {
            hot_threshold: 1,
            blacklist_after: 3,
            ..JitParams::default()
        };
        let mut state = LoopState::default();
        let reasons = [
            Abort::TooLong,
            Abort::InnerLoop,
            Abort::InnerLoop,
            Abort::TooLong,
            Abort::TooLong,
            Abort::TooLong,
        ];
        let blacklisted: Vec<bool> = reasons
            .iter()
            .map(|reason| state.note_abort(*reason, &params))
            .collect();
        // Only three in a row for one reason count; the change of reason starts over.
        assert_eq!(blacklisted, [false, false, false, false, false, true]);
        assert!(!(0..100).any(|_| state.arrive(&params)));
        state.reset_failures();
        assert!(state.arrive(&params));
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

    /// The calls at which a function's entry is due for recording, and its arrivals
    /// after the last call, counting every call (`quiet: false`) or letting the
    /// calls `grant_quiet_calls` grants pass uncounted as the interpreter does. The
    /// first recording aborts, the later ones are not worth compiling.
    fn function_recordings(params: &JitParams, calls: u32, quiet: bool) -> (Vec<u32>, u32) {
        let mut state = LoopState::default();
        let mut quiet_calls = 0u32;
        let mut at = Vec::new();
        for call in 1..=calls {
            if quiet_calls > 0 {
                quiet_calls -= 1;
                continue;
            }
            state.take_quiet_calls(std::mem::take(&mut quiet_calls));
            if state.arrive(params) {
                at.push(call);
                if at.len() == 1 {
                    state.aborts += 1;
                }
            }
            if quiet {
                quiet_calls = state.grant_quiet_calls(params);
            }
        }
        state.take_quiet_calls(quiet_calls);
        (at, state.arrivals)
    }

    #[test]
    fn quiet_calls_change_nothing_the_count_decides() {
        let params = JitParams {
            hot_threshold: 7,
            backoff_decay_arrivals: 10,
            ..JitParams::default()
        };
        let counted = function_recordings(&params, 200, false);
        // Recorded at 7; the abort doubles the wait, but at arrival 17 the decay has
        // forgiven it and the 10 arrivals since are past 7; then every 7.
        let expected: Vec<u32> = [7].into_iter().chain((17..=200).step_by(7)).collect();
        assert_eq!(counted.0, expected);
        assert_eq!(counted.1, 200);
        assert_eq!(function_recordings(&params, 200, true), counted);
    }
}
