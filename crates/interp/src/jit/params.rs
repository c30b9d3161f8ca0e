//! Every tunable of the tracing tier, with its default: [`JitParams`].

pub use tracelift_opt::{Pass, PassSet};

/// The tunables of the tracing tier, with their defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JitParams {
    /// Iterations of a loop (arrivals at its `JumpBackward`) before it is recorded.
    /// Default 50; tests and fuzzers use 1.
    pub hot_threshold: u32,
    /// The interpreter steps a hot loop must have ahead of it for compiling it to pay
    /// (see `jit/worth.rs`): a `for` loop whose iterator will run out sooner, or an
    /// outermost `while` loop whose past arrivals are fewer, is left to the
    /// interpreter, and asked again each time it is hot; a body longer than 30
    /// instructions needs proportionally more. Side traces are costed in the same
    /// unit (`jit/side_worth.rs`). Default 100,000: compiling one small trace costs
    /// about 4.5M instructions, and a compiled step saves about 35 over an
    /// interpreted one (`str_join`: 9M instructions more with the JIT on, for its two
    /// loops of 1,000 and 2,000 iterations). 0 compiles every hot loop and side trace
    /// (tests and fuzzers).
    pub min_compile_work: u32,
    /// The mean number of iterations a loop must go round each time it is entered
    /// (its mean run of arrivals, `jit/quiet.rs`) for its root trace to be peeled
    /// (the optimizer's `peel` pass); 0 peels every loop the pass finds worth it.
    pub peel_min_run: u32,
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
    /// Default 20: against 10, fannkuch compiles 15 traces instead of 20 and executes
    /// 4.5% fewer instructions in all, and no benchmark program executes more.
    pub hot_exit_threshold: u32,
    /// A side trace whose exit was taken on average less than once per this many
    /// steps (from its first time to the time it became hot) is compiled with the
    /// backend's quick tier (`CompileRequest::quick`): it runs seldom, so compile
    /// time costs more than its code's speed saves. 0 compiles every trace well.
    /// Default 1,000: mandelbrot's side traces at the end of a row (an exit every
    /// ~10,000 steps) and after a pixel that never escapes (120 steps or more) go
    /// quick, the one after a pixel that escapes (every few dozen steps) does not.
    pub quick_exit_steps: u64,
    /// A loop whose recordings abort this many times in a row for the same reason is
    /// blacklisted: left to the interpreter until `JitState::reset_blacklist`. Its
    /// failures cost a bounded number of recordings. Default 8.
    pub blacklist_after: u32,
    /// The most side traces one trace tree may have; an exit past it is not recorded
    /// (`side:too_many_side_traces`). Default 100.
    pub max_side_traces: u32,
    /// The most trace instructions one tree (root and side traces) may hold; a side
    /// trace that would pass it is not installed (`side:tree_too_large`). Default 20,000.
    pub max_tree_insts: u32,
    /// Bytes of machine code the VM keeps; past it, the least recently entered trace
    /// trees are freed (and recorded again if their loops are still hot). Default 64 MiB.
    pub code_budget_bytes: usize,
    /// Which optimizer passes every installed trace goes through (`tracelift_opt`):
    /// `PassSet::NONE` installs traces as recorded. Default: all of them.
    pub opt: PassSet,
    /// Whether hot functions without a loop are traced from their entry (recursion
    /// then runs compiled at every level: a call of the function from its own tree is
    /// a compiled call, anything else a direct call, `vm/direct_call.rs`). Such a
    /// function is compiled only once its calls so far, times half its length in
    /// instructions, reach `min_compile_work` (`vm/function_entry.rs`), so a small
    /// function an interpreted loop calls is left for the loop's trace to inline.
    /// Default on: `fib(34)` runs 3,047M instructions with it, 11,351M without;
    /// spectral_norm, whose small `eval_a` is compiled and entered from the
    /// interpreter before its callers' loops are hot, runs 1.6% more (387M against 381M).
    pub trace_functions: bool,
    /// Where traces are compiled (`jit/background.rs`): on the VM's thread, or on the
    /// backend's compile thread while the interpreter goes on running the loop.
    /// Default off, so runs (and their stats and dumps) are the same every time; the
    /// command line turns it on. Dumps of compiled code always compile in the
    /// foreground.
    pub compile_in_background: Background,
}

/// Where the VM compiles traces ([`JitParams::compile_in_background`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Background {
    /// On the VM's thread, as soon as a trace is recorded.
    #[default]
    Off,
    /// On the compile thread; the VM installs the code at the first loop header it
    /// reaches after the compile finished, interpreting until then.
    On,
    /// On the compile thread, but the VM waits for it at the next loop header: runs
    /// go exactly the same way every time (for tests of the background path).
    Lockstep,
}

impl std::str::FromStr for Background {
    type Err = String;

    fn from_str(text: &str) -> Result<Background, String> {
        match text {
            "off" | "false" | "0" | "no" => Ok(Background::Off),
            "on" | "true" | "1" | "yes" => Ok(Background::On),
            "lockstep" => Ok(Background::Lockstep),
            other => Err(format!(
                "unknown background compile setting '{other}' (choose from: on, off, lockstep)"
            )),
        }
    }
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
            min_compile_work: 100_000,
            peel_min_run: 16,
            max_trace_insts: 1000,
            backoff_base: 1,
            max_backoff_shift: 10,
            backoff_decay_arrivals: 10_000,
            hot_exit_threshold: 20,
            quick_exit_steps: 1_000,
            blacklist_after: 8,
            max_side_traces: 100,
            max_tree_insts: 20_000,
            code_budget_bytes: 64 << 20,
            opt: PassSet::ALL,
            trace_functions: true,
            compile_in_background: Background::Off,
        }
    }
}
