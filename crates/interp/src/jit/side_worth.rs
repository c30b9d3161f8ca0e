//! Whether a side trace can pay for its compile: the cost model for exits.
//!
//! A hot exit used to get a side trace after `hot_exit_threshold` takes, whatever
//! was left of the run. Short programs with branchy loops paid for it: a loop whose
//! 18 exits each went hot at 20 takes compiled 18 side traces (10 ms) and took each
//! a few dozen times more, four times the instructions of the same program
//! interpreted (`hot_float_pow_edges`).
//!
//! Measured here (callgrind, release build): compiling a side trace of `ops` ops
//! takes about 50 + 20 x `ops` microseconds, some 200,000 + 80,000 x `ops` machine
//! instructions (half that in the backend's quick tier); an exit taken without a
//! side trace costs about 500 + 100 x `ops` instructions more than the side trace
//! would (the exit, the interpreted path back to a loop header, the entry again:
//! 1,400 on a 10-op path, 5,000 on mandelbrot's 43-op one). In the units of
//! `JitParams::min_compile_work`, interpreted steps of about 35 instructions where
//! one small trace's compile is about 100,000 of them: a side trace costs
//! `min_compile_work * (ops + 2.5) / 43` steps to compile and saves `14 + 3 x ops`
//! steps each time its exit is taken, so it pays after some 700 takes. An exit of
//! a trace running a call from compiled code (`vm/direct_call.rs`) costs a nested
//! run of the interpreter on top, some 40 steps more (3,000 instructions a take on
//! `hot_short_loop_call_raises`).
//!
//! How often the exit will be taken is a guess. It is taken at the rate measured
//! since its first take, for as many steps again as the run has taken so far (the
//! longer a program has run, the longer it is likely to go on), or, when longer,
//! for the items its root loop's iterator has left (one step each at least), or for
//! as many times the run so far as a `for` loop around the root's has items left
//! for each arrival it has had (at `for y in range(300)`'s tenth row, 29 times
//! what the run took so far: without it, mandelbrot compiled its escape exit's side
//! trace only after 1,280 takes, and ran 4% more instructions). An
//! exit judged not worth it is counted (`side:not_worth_compiling`) and asked again
//! after twice as many takes, as a failed side trace is, so a wrong guess costs a
//! bounded number of recordings and at most about a compile's worth of interpreted
//! exits. `min_compile_work` 0 (tests and fuzzers) compiles every hot exit.

use super::JitParams;

/// Steps an exit taken without a side trace costs over the side trace's run, besides
/// [`EXIT_STEPS_PER_OP`] per op of the path.
const EXIT_STEPS: u64 = 14;

/// Steps an exit taken without a side trace costs per op of its path.
const EXIT_STEPS_PER_OP: u64 = 3;

/// Steps more an exit costs when it leaves a call made from compiled code, which a
/// nested run then finishes.
const NESTED_EXIT_STEPS: u64 = 40;

/// Twice the side trace's ops whose compile costs one `min_compile_work`.
const HALF_OPS_PER_COMPILE_WORK: u64 = 86;

/// Fixed compile cost of a side trace, in half ops.
const COMPILE_BASE_HALF_OPS: u64 = 5;

/// What the VM knows of a hot exit once a side trace from it is recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitOutlook {
    /// Times the exit was taken.
    pub taken: u64,
    /// Steps since the exit was first taken.
    pub steps_since_first: u64,
    /// Steps the run has taken so far.
    pub run_steps: u64,
    /// Items the root loop's iterator has left, if it is one that knows.
    pub remaining: Option<u64>,
    /// Of the `for` loops around the root's in its frame, the one with the most
    /// left for what it has done: its items left and its arrivals so far.
    pub enclosing: Option<(u64, u64)>,
    /// The recorded side trace's ops.
    pub ops: u64,
    /// Whether it would be compiled with the backend's quick tier.
    pub quick: bool,
    /// Whether the exit left a call made from compiled code (a nested run goes on
    /// from it).
    pub in_call: bool,
}

impl ExitOutlook {
    /// Takes of the exit expected from now on.
    pub fn takes_ahead(&self) -> u64 {
        let around = self.enclosing.map_or(0, |(left, arrivals)| {
            let steps = u128::from(self.run_steps) * u128::from(left) / u128::from(arrivals.max(1));
            u64::try_from(steps).unwrap_or(u64::MAX)
        });
        let horizon = self.run_steps.max(self.remaining.unwrap_or(0)).max(around);
        let takes = u128::from(self.taken) * u128::from(horizon)
            / u128::from(self.steps_since_first.max(1));
        u64::try_from(takes).unwrap_or(u64::MAX)
    }

    /// Interpreted steps the side trace is expected to save.
    pub fn steps_saved(&self) -> u64 {
        let fixed = match self.in_call {
            true => EXIT_STEPS + NESTED_EXIT_STEPS,
            false => EXIT_STEPS,
        };
        let per_take = fixed.saturating_add(self.ops.saturating_mul(EXIT_STEPS_PER_OP));
        self.takes_ahead().saturating_mul(per_take)
    }

    /// What compiling the side trace costs, in interpreted steps.
    pub fn compile_cost(&self, params: &JitParams) -> u64 {
        let half_ops = self
            .ops
            .saturating_mul(2)
            .saturating_add(COMPILE_BASE_HALF_OPS);
        let cost =
            u64::from(params.min_compile_work).saturating_mul(half_ops) / HALF_OPS_PER_COMPILE_WORK;
        match self.quick {
            true => cost / 2,
            false => cost,
        }
    }

    /// Whether compiling the side trace now is expected to pay.
    pub fn worth_compiling(&self, params: &JitParams) -> bool {
        self.steps_saved() >= self.compile_cost(params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlook(taken: u64, since: u64, run: u64, remaining: Option<u64>) -> ExitOutlook {
        ExitOutlook {
            taken,
            steps_since_first: since,
            run_steps: run,
            remaining,
            enclosing: None,
            ops: 15,
            quick: false,
            in_call: false,
        }
    }

    #[test]
    fn an_exit_taken_every_other_step_in_a_long_run_pays() {
        let params = JitParams::default();
        // 20 takes in 40 steps, 100,000 steps run: 50,000 takes ahead.
        let hot = outlook(20, 40, 100_000, None);
        assert_eq!(hot.takes_ahead(), 50_000);
        assert!(hot.worth_compiling(&params));
    }

    #[test]
    fn an_exit_of_a_short_run_does_not_pay_until_the_run_goes_on() {
        let params = JitParams::default();
        // 20 takes in 400 steps of a run 1,000 steps long: 50 takes ahead, 2,950
        // steps saved (59 a take) against 40,697 to compile.
        let short = outlook(20, 400, 1_000, None);
        assert_eq!(short.steps_saved(), 2_950);
        assert_eq!(short.compile_cost(&params), 40_697);
        assert!(!short.worth_compiling(&params));
        // The same exit once the run is 13 and 14 times longer.
        assert!(!outlook(20, 400, 13_000, None).worth_compiling(&params));
        assert!(outlook(20, 400, 14_000, None).worth_compiling(&params));
        // The quick tier costs half.
        let quick = ExitOutlook {
            quick: true,
            ..outlook(20, 400, 7_000, None)
        };
        assert!(quick.worth_compiling(&params));
        // An exit from a call compiled code made costs more a take, so it pays sooner.
        let in_call = ExitOutlook {
            in_call: true,
            ..outlook(20, 400, 10_000, None)
        };
        assert!(in_call.worth_compiling(&params));
        assert!(!outlook(20, 400, 10_000, None).worth_compiling(&params));
    }

    #[test]
    fn a_long_iterator_ahead_makes_an_early_exit_pay() {
        let params = JitParams::default();
        assert!(!outlook(20, 400, 1_000, Some(100)).worth_compiling(&params));
        assert!(outlook(20, 400, 1_000, Some(1_000_000)).worth_compiling(&params));
    }

    #[test]
    fn an_outer_loop_with_much_left_makes_an_early_exit_pay() {
        let params = JitParams::default();
        let early = outlook(20, 400, 1_000, None);
        // Ten rows done of three hundred: 29 times the run so far ahead.
        let rows = ExitOutlook {
            enclosing: Some((290, 10)),
            ..early
        };
        assert_eq!(rows.takes_ahead(), 1_450);
        assert!(rows.worth_compiling(&params));
        // The last rows: less ahead than the run so far.
        let last = ExitOutlook {
            enclosing: Some((2, 298)),
            ..early
        };
        assert_eq!(last.takes_ahead(), 50);
        assert!(!last.worth_compiling(&params));
    }

    #[test]
    fn a_bigger_side_trace_needs_more_takes() {
        let params = JitParams::default();
        let small = outlook(20, 400, 15_000, None);
        assert!(small.worth_compiling(&params));
        let big = ExitOutlook { ops: 300, ..small };
        assert!(!big.worth_compiling(&params));
    }

    #[test]
    fn with_the_model_off_every_hot_exit_is_compiled() {
        let eager = JitParams {
            min_compile_work: 0,
            ..JitParams::default()
        };
        assert!(outlook(1, u64::MAX, 0, None).worth_compiling(&eager));
    }
}
