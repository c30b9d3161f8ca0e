//! Whether compiling a hot loop can pay for itself: the tracing tier's cost model.
//!
//! Compiling a trace with Cranelift costs about as much as a hundred thousand
//! interpreted steps, and what compiled code saves is the interpreter's overhead per
//! step, not the work a step does (a `split` or `join` costs the same either way). A
//! loop that is about to end would pay the compile and never earn it back: the JIT
//! would make the program slower than the interpreter alone.
//!
//! The model needs to know how much interpreting lies ahead, which in general it
//! cannot. It guesses from what it has: the loop's past arrivals, which stand for as
//! many to come (so an inner loop, entered again and again by an outer one, becomes
//! worth it as its arrivals add up, and one entered a few times never does), plus,
//! for a `for` loop, the items its iterator has left, each taken as the length of
//! the loop's body in instructions. A `while` loop that no other loop of its code
//! encloses has only its arrivals to go by: it is compiled once it has run about
//! `min_compile_work` steps, so a short one (1,500 iterations over a shrinking list,
//! `hot_error_index_late`, ran 3.8 times the interpreter's instructions when
//! compiled at its 50th) stays interpreted, and a long one pays at most that much
//! more before it compiles. A `while` loop inside another loop is compiled when hot
//! (`remaining` unknown): the trees of the loops around it wait for its trace
//! (their side traces never unroll it), and made to wait for their arrivals to add
//! up, fannkuch's inner loops cost it 80% more instructions. So is an inner loop an
//! enclosing loop's recording stopped at: the enclosing trace needs it, and its
//! work is part of the enclosing loop's. The price of waiting is bounded: a loop
//! that is left alone runs fewer interpreted steps than `min_compile_work`.
//!
//! A compile's cost grows with the trace: past a body of 30 instructions it is taken
//! in proportion to the body's length (`compile_cost`). Short programs whose loops
//! have long, branchy bodies gained the most: `hot_type_change` ran 59.5M
//! instructions before, 29.9M after (15.8M interpreted), `hot_branch_flip` 20.1M
//! before, 12.1M after; no benchmark or unseen program moved by more than 1%.

use super::JitParams;

/// The instructions an iteration of a loop whose body has `body_len` is taken to
/// run: the body's length, or, once a recording of the loop ran `recorded_path`
/// instructions (inlined calls' included), halfway between that and the body's
/// length, if the path was shorter. A branchy body runs a part of its
/// instructions each iteration (`hot_fn_list`'s `if`/`elif` chain, 29 of 55), so
/// its length overstates the work ahead; one recorded iteration is one sample,
/// though, and other iterations may take longer branches (a bubble sort's swap):
/// taken as the whole iteration, a 10-instruction path of a 24-instruction body
/// kept the sort interpreted 4,200 steps longer than its swaps warranted.
pub fn iteration_len(body_len: u64, recorded_path: Option<u64>) -> u64 {
    match recorded_path {
        Some(path) if path < body_len => (path + body_len).div_ceil(2),
        _ => body_len,
    }
}

/// What the interpreter knows of a hot loop when it could record it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoopOutlook {
    /// Items the loop has left besides those its arrivals stand for: a `for` loop's
    /// iterator's, 0 for a `while` loop judged by its arrivals alone, `None` when
    /// nothing can be said (the loop is compiled when hot).
    pub remaining: Option<u64>,
    /// Arrivals at the loop's header so far, over the whole run.
    pub arrivals: u64,
    /// Instructions from the loop's header to its backward jump.
    pub body_len: u64,
    /// Whether an enclosing loop's recording stopped at this loop for want of its
    /// trace (`LoopState::wanted`).
    pub wanted: bool,
}

impl LoopOutlook {
    /// The interpreter steps expected ahead of the loop, if anything can be said.
    pub fn work_ahead(&self) -> Option<u64> {
        let remaining = self.remaining?;
        Some(
            remaining
                .saturating_add(self.arrivals)
                .saturating_mul(self.body_len.max(1)),
        )
    }

    /// What compiling the loop costs, in interpreted steps: `min_compile_work`, and
    /// in proportion to the body's length past 30 instructions (a longer body makes
    /// a longer trace, and a compile costs about 26 microseconds per op more).
    pub fn compile_cost(&self, params: &JitParams) -> u64 {
        let work = u64::from(params.min_compile_work);
        (work.saturating_mul(self.body_len.saturating_add(10)) / 40).max(work)
    }

    /// Whether recording and compiling the loop now is expected to pay.
    pub fn worth_compiling(&self, params: &JitParams) -> bool {
        self.wanted
            || self
                .work_ahead()
                .is_none_or(|work| work >= self.compile_cost(params))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlook(remaining: Option<u64>, arrivals: u64, body_len: u64) -> LoopOutlook {
        LoopOutlook {
            remaining,
            arrivals,
            body_len,
            wanted: false,
        }
    }

    #[test]
    fn a_recorded_path_shorter_than_the_body_shortens_an_iteration_halfway() {
        assert_eq!(iteration_len(55, None), 55);
        assert_eq!(iteration_len(55, Some(29)), 42);
        assert_eq!(iteration_len(24, Some(10)), 17);
        // A path through inlined calls, longer than the body, changes nothing.
        assert_eq!(iteration_len(20, Some(80)), 20);
    }

    #[test]
    fn a_loop_about_to_end_is_not_compiled_and_a_long_one_is() {
        let params = JitParams::default();
        // `for rep in range(2000)` with a 20-instruction body, hot at arrival 50.
        assert_eq!(outlook(Some(1950), 50, 20).work_ahead(), Some(40_000));
        assert!(!outlook(Some(1950), 50, 20).worth_compiling(&params));
        // The same loop over a million items.
        assert!(outlook(Some(999_950), 50, 20).worth_compiling(&params));
        // Exactly the minimum is enough.
        assert!(outlook(Some(4_950), 50, 20).worth_compiling(&params));
        assert!(!outlook(Some(4_949), 50, 20).worth_compiling(&params));
    }

    #[test]
    fn an_inner_loop_becomes_worth_it_as_its_arrivals_add_up() {
        let params = JitParams::default();
        // Ten trips per entry, a 10-instruction body: worth it after 10,000 arrivals.
        assert!(!outlook(Some(5), 9_000, 10).worth_compiling(&params));
        assert!(outlook(Some(5), 9_995, 10).worth_compiling(&params));
    }

    #[test]
    fn a_loop_an_enclosing_recording_needs_is_compiled_whatever_it_has_left() {
        let params = JitParams::default();
        let alone = outlook(Some(3), 100, 10);
        assert!(!alone.worth_compiling(&params));
        let wanted = LoopOutlook {
            wanted: true,
            ..alone
        };
        assert!(wanted.worth_compiling(&params));
    }

    #[test]
    fn a_loop_entered_a_few_times_never_pays() {
        // `for k in range(2, n + 1)` in a function called ten times, n about 1,100,
        // with a 6-instruction body: 11,000 arrivals in all.
        let params = JitParams::default();
        assert!(!outlook(Some(1_000), 10_000, 6).worth_compiling(&params));
    }

    #[test]
    fn a_longer_body_costs_more_to_compile() {
        let params = JitParams::default();
        assert_eq!(outlook(Some(0), 0, 6).compile_cost(&params), 100_000);
        assert_eq!(outlook(Some(0), 0, 30).compile_cost(&params), 100_000);
        assert_eq!(outlook(Some(0), 0, 70).compile_cost(&params), 200_000);
        // 3,000 iterations of a 40-instruction body: 120,000 steps, short of the
        // 125,000 its compile costs.
        assert!(!outlook(Some(2_950), 50, 40).worth_compiling(&params));
        assert!(outlook(Some(3_075), 50, 40).worth_compiling(&params));
    }

    #[test]
    fn a_while_loop_is_compiled_once_its_past_pays() {
        let params = JitParams::default();
        // An outermost `while` loop with a 20-instruction body: worth it at its
        // 5,000th arrival.
        assert!(!outlook(Some(0), 50, 20).worth_compiling(&params));
        assert!(!outlook(Some(0), 4_999, 20).worth_compiling(&params));
        assert!(outlook(Some(0), 5_000, 20).worth_compiling(&params));
        // One nothing can be said of is compiled when hot.
        assert!(outlook(None, 50, 1).worth_compiling(&params));
    }

    #[test]
    fn with_the_model_off_every_hot_loop_is_compiled() {
        let eager = JitParams {
            min_compile_work: 0,
            ..JitParams::default()
        };
        assert!(outlook(Some(0), 1, 1).worth_compiling(&eager));
        assert!(outlook(None, 1, 1).worth_compiling(&eager));
    }
}
