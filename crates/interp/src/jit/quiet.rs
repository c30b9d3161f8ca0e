//! Arrivals at a loop that cannot change anything but its counters, taken without a
//! look at the loop table.
//!
//! With the JIT on, every backward jump the interpreter takes is an arrival at a loop
//! header: a hash lookup of the loop's state, its counters bumped, and the check for
//! a trace to enter. For a loop that stays interpreted (cold, left to the interpreter
//! by the cost model, or blacklisted) that was about 150 instructions per iteration
//! on top of the interpreter's own, so the JIT made such loops slower than with the
//! JIT off. CPython keeps a countdown in the jump's inline cache; here the JIT state
//! keeps one for the loop it last arrived at without entering a trace: how many
//! more arrivals can pass before the next one could do anything (become hot, or
//! forgive an abort). Those arrivals only count down, and their sum is credited to
//! the loop's state when the interpreter next looks at the table, so the state reads
//! exactly as if every arrival had been counted.
//!
//! The countdown belongs to a loop with no trace. A loop gets a trace only by a
//! recording the table look starts, so the countdown is over by then, or when its
//! compile on the compiler's thread is collected (`background.rs`), which cuts the
//! countdown short; the embedding API's blacklist reset forgets it.
//!
//! The same record measures **runs**: arrivals at one loop with no other loop's in
//! between. For an innermost loop a run is one entry's iterations, so the mean run
//! (`LoopState::mean_run`) says whether the loop goes round many times each time it
//! is entered, which is when peeling its first iteration off pays (`install.rs`).

use super::{JitParams, LoopKey, LoopState, LoopTable};
use crate::bytecode::CodeId;

/// Arrivals a blacklisted loop (or one whose trace is compiling) passes between looks
/// at its state.
const BLACKLISTED_QUIET: u32 = 1 << 20;

/// The loop last arrived at, the arrivals that may pass unseen, and its current run.
/// Its key is kept as two plain fields: this is read at every backward jump.
#[derive(Clone, Copy, Debug)]
pub struct QuietLoop {
    code: CodeId,
    pc: u32,
    /// Arrivals that may still pass without a look at the table (0: none).
    countdown: u32,
    /// The countdown it started from: the arrivals passed are the difference.
    started: u32,
    /// Arrivals of the current run counted so far (those passed excluded).
    run: u32,
}

impl Default for QuietLoop {
    fn default() -> Self {
        QuietLoop {
            code: CodeId::NONE,
            pc: 0,
            countdown: 0,
            started: 0,
            run: 0,
        }
    }
}

impl QuietLoop {
    /// Whether this arrival at `pc` of `code` can pass unseen (and counts it if so).
    #[inline(always)]
    pub fn pass(&mut self, code: CodeId, pc: u32) -> bool {
        if self.countdown != 0 && self.pc == pc && self.code == code {
            self.countdown -= 1;
            return true;
        }
        false
    }

    /// At an arrival at `key` that looks at the table: credits the arrivals passed
    /// to their loop's state, and ends that loop's run if `key` is another loop.
    pub fn settle(&mut self, loops: &mut LoopTable, key: LoopKey) {
        let passed = self.started - self.countdown;
        self.run = self.run.saturating_add(passed);
        let last = self.key();
        if last != Some(key) {
            self.end(loops);
        } else if passed > 0 {
            loops.entry(key).credit_quiet(passed);
        }
        *self = QuietLoop {
            code: key.code,
            pc: key.pc,
            countdown: 0,
            started: 0,
            run: self.run.saturating_add(1),
        };
    }

    /// Ends the countdown: the next arrival looks at the table (a trace was
    /// installed). The arrivals passed stay to be credited.
    pub fn cut(&mut self) {
        self.started -= self.countdown;
        self.countdown = 0;
    }

    /// Credits the arrivals passed and ends the current run (for the blacklist
    /// reset, which may change what arrivals do).
    pub fn forget(&mut self, loops: &mut LoopTable) {
        self.run = self.run.saturating_add(self.started - self.countdown);
        self.end(loops);
        *self = QuietLoop::default();
    }

    /// Credits the last loop with what passed and its run.
    fn end(&mut self, loops: &mut LoopTable) {
        let passed = self.started - self.countdown;
        if let Some(last) = self.key() {
            let state = loops.entry(last);
            if passed > 0 {
                state.credit_quiet(passed);
            }
            state.runs = state.runs.saturating_add(1);
            state.run_arrivals = state.run_arrivals.saturating_add(self.run);
        }
        self.run = 0;
    }

    fn key(&self) -> Option<LoopKey> {
        (self.code != CodeId::NONE).then_some(LoopKey {
            code: self.code,
            pc: self.pc,
        })
    }

    /// After an arrival at `key` (the one [`QuietLoop::settle`] was given) that left
    /// the interpreter running the loop: the arrivals that can pass before the next
    /// one that matters.
    pub fn start(&mut self, state: &LoopState, params: &JitParams) {
        let countdown = state.quiet_arrivals(params);
        self.countdown = countdown;
        self.started = countdown;
    }

    /// The mean run of the loop at `key`, counting its run in progress.
    pub fn mean_run(&self, key: LoopKey, state: &LoopState) -> u32 {
        let (mut runs, mut arrivals) = (state.runs, state.run_arrivals);
        if self.key() == Some(key) {
            runs += 1;
            arrivals = arrivals.saturating_add(self.run + self.started - self.countdown);
        }
        arrivals.checked_div(runs).unwrap_or(0)
    }
}

impl LoopState {
    /// How many arrivals from now can only bump this loop's counters: none if it has
    /// a trace to enter; otherwise those before it becomes hot or an abort is
    /// forgiven.
    pub fn quiet_arrivals(&self, params: &JitParams) -> u32 {
        if self.trace.is_some() {
            return 0;
        }
        if self.blacklisted || self.compiling {
            return BLACKLISTED_QUIET;
        }
        let before_hot = params
            .wait(self.aborts)
            .saturating_sub(self.counter)
            .saturating_sub(1);
        if self.aborts == 0 {
            return before_hot;
        }
        let before_decay = params
            .backoff_decay_arrivals
            .max(1)
            .saturating_sub(self.arrivals_since_decay)
            .saturating_sub(1);
        before_hot.min(before_decay)
    }

    /// Counts `arrivals` that passed quietly, as [`LoopState::arrive`] would have.
    pub fn credit_quiet(&mut self, arrivals: u32) {
        if self.blacklisted || self.compiling {
            return;
        }
        self.counter = self.counter.saturating_add(arrivals);
        self.arrivals = self.arrivals.saturating_add(arrivals);
        if self.aborts > 0 {
            self.arrivals_since_decay = self.arrivals_since_decay.saturating_add(arrivals);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether each of `arrivals` arrivals is hot, counting them one by one.
    fn hot_arrivals(state: &mut LoopState, params: &JitParams, arrivals: u32) -> Vec<u32> {
        (1..=arrivals)
            .filter(|_| {
                let hot = state.arrive(params);
                if hot {
                    state.aborts += 1;
                }
                hot
            })
            .collect()
    }

    /// The same, letting quiet arrivals pass and crediting them as the VM does.
    fn hot_arrivals_quietly(state: &mut LoopState, params: &JitParams, arrivals: u32) -> Vec<u32> {
        let key = LoopKey {
            code: CodeId::fresh(),
            pc: 3,
        };
        let mut quiet = QuietLoop::default();
        let mut table = LoopTable::default();
        *table.entry(key) = std::mem::take(state);
        let mut hot = Vec::new();
        for arrival in 1..=arrivals {
            if quiet.pass(key.code, key.pc) {
                continue;
            }
            quiet.settle(&mut table, key);
            let state = table.entry(key);
            if state.arrive(params) {
                state.aborts += 1;
                hot.push(arrival);
            }
            quiet.start(table.entry(key), params);
        }
        quiet.forget(&mut table);
        *state = std::mem::take(table.entry(key));
        hot
    }

    #[test]
    fn quiet_arrivals_change_nothing_a_loop_would_do() {
        let params = JitParams {
            hot_threshold: 7,
            backoff_decay_arrivals: 40,
            ..JitParams::default()
        };
        let (mut one_by_one, mut quietly) = (LoopState::default(), LoopState::default());
        let expected = hot_arrivals(&mut one_by_one, &params, 2_000);
        assert_eq!(hot_arrivals_quietly(&mut quietly, &params, 2_000), expected);
        assert_eq!(
            (quietly.counter, quietly.arrivals, quietly.aborts),
            (one_by_one.counter, one_by_one.arrivals, one_by_one.aborts)
        );
        assert_eq!(
            quietly.arrivals_since_decay,
            one_by_one.arrivals_since_decay
        );
    }

    #[test]
    fn a_fresh_loop_waits_for_its_threshold_and_a_blacklisted_one_long() {
        let params = JitParams::default();
        let mut state = LoopState::default();
        assert_eq!(state.quiet_arrivals(&params), params.hot_threshold - 1);
        state.blacklisted = true;
        assert_eq!(state.quiet_arrivals(&params), BLACKLISTED_QUIET);
        // A blacklisted loop's counters stand still, quiet or not.
        state.credit_quiet(10);
        assert_eq!(state.arrivals, 0);
    }

    #[test]
    fn runs_are_arrivals_at_one_loop_with_no_other_between() {
        let params = JitParams::default();
        let (inner, outer) = (
            LoopKey {
                code: CodeId::fresh(),
                pc: 3,
            },
            LoopKey {
                code: CodeId::fresh(),
                pc: 9,
            },
        );
        let mut quiet = QuietLoop::default();
        let mut table = LoopTable::default();
        // Ten entries of an inner loop going round 200 times, then 7 more arrivals.
        let arrivals = (0..10)
            .flat_map(|_| std::iter::repeat_n(inner, 200).chain([outer]))
            .chain(std::iter::repeat_n(inner, 7));
        for key in arrivals {
            if quiet.pass(key.code, key.pc) {
                continue;
            }
            quiet.settle(&mut table, key);
            table.entry(key).arrive(&params);
            quiet.start(table.entry(key), &params);
        }
        let mean = quiet.mean_run(inner, table.entry(inner));
        assert_eq!(mean, (10 * 200 + 7) / 11);
        assert_eq!(quiet.mean_run(outer, table.entry(outer)), 1);
        // The arrivals that passed quietly are all credited once the record is let go.
        quiet.forget(&mut table);
        assert_eq!(table.entry(inner).arrivals, 2007);
        assert_eq!(table.entry(inner).run_arrivals, 2007);
    }
}
