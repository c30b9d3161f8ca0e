//! The trace-level oracle: runs one [`TraceSpec`] in every tier of [`TRACE_TIERS`] and
//! compares each tier's [`TraceOutcome`] (where the interpreter resumes, every frame
//! slot and global after the exit, the error raised there) with the first tier's, the
//! trace evaluator's. A difference, a refusal to compile, or a panic is a
//! [`TraceDivergence`], whose `Display` ends with a ready-to-paste regression test.
//!
//! Invariants:
//! - Every tier runs the case on fresh objects (`TraceSpec::case`).
//! - A generated trace is one the tiers must accept: a compiler's refusal is reported,
//!   not skipped (a trace the recorder could make would be refused too).
//! - Adding a tier is adding a row: a name, a compiler, and the optimizer passes its
//!   traces are installed through (the VM's own install path optimizes them, the
//!   root first, then the side trace hanging off the optimized root's exit).
//! - The optimizer must keep a trace's meaning: the oracle compares exit states, not
//!   traces, so a rewrite may renumber values, but a side trace's
//!   `parent_snapshot` must still name the same exit.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use tracelift_interp::jit::harness::{TraceOutcome, TraceRunner};
use tracelift_trace::abi::TraceCompiler;

use super::TraceSpec;
use tracelift_interp::jit::PassSet;

/// Makes a tier's compiler (`None`: the evaluator); `Err` when this build or machine
/// lacks it.
pub type MakeCompiler = fn() -> Result<Option<Box<dyn TraceCompiler>>, String>;

/// One way to run a trace: a name for reports, how to make its runner, and the
/// optimizer passes each trace is installed through.
pub struct TraceTier {
    pub name: &'static str,
    pub compiler: MakeCompiler,
    pub passes: PassSet,
}

/// The compiler of the native tiers.
fn native() -> Result<Option<Box<dyn TraceCompiler>>, String> {
    let backend = tracelift_backend::Backend::new(tracelift_interp::jit::helper_table())?;
    Ok(Some(Box::new(backend) as Box<dyn TraceCompiler>))
}

/// Every tier the trace oracle compares, the reference (traces as generated,
/// evaluated) first.
pub static TRACE_TIERS: &[TraceTier] = &[
    TraceTier {
        name: "evaluator",
        compiler: || Ok(None),
        passes: PassSet::NONE,
    },
    TraceTier {
        name: "native",
        compiler: native,
        passes: PassSet::NONE,
    },
    // Every pass but `resume`, which moves exits back to earlier snapshots: the
    // interpreter's re-run makes that the same program, but not the same exit state,
    // which is what this oracle compares (the program oracle covers `resume`).
    TraceTier {
        name: "optimized, evaluated",
        compiler: || Ok(None),
        passes: PassSet::SAME_EXITS,
    },
    TraceTier {
        name: "optimized, native",
        compiler: native,
        passes: PassSet::SAME_EXITS,
    },
];

/// One runner per available tier, made once and reused across cases (a native
/// runner's compiler and trampoline are built once).
pub struct TraceOracle {
    runners: Vec<(&'static TraceTier, TraceRunner)>,
}

impl Default for TraceOracle {
    fn default() -> Self {
        TraceOracle::new()
    }
}

impl TraceOracle {
    /// Runners for every tier this build has.
    pub fn new() -> TraceOracle {
        let runners = TRACE_TIERS
            .iter()
            .filter_map(|tier| {
                let compiler = (tier.compiler)().ok()?;
                Some((tier, TraceRunner::new(compiler).optimized(tier.passes)))
            })
            .collect();
        TraceOracle { runners }
    }

    /// What the reference tier (the evaluator) saw the last case do beyond its
    /// outcome: its first exit, how often its side trace ran and closed the loop.
    pub fn report(&self) -> tracelift_interp::jit::harness::RunReport {
        self.runners
            .first()
            .map(|(_, runner)| runner.report())
            .unwrap_or_default()
    }

    /// The names of the tiers that run.
    pub fn tiers(&self) -> Vec<&'static str> {
        self.runners.iter().map(|(tier, _)| tier.name).collect()
    }

    /// Runs `spec` in every tier; the reference outcome when all agree.
    pub fn compare(&mut self, spec: &TraceSpec) -> Result<TraceOutcome, Box<TraceDivergence>> {
        for trace in std::iter::once(&spec.trace).chain(&spec.side) {
            if let Err(error) = tracelift_trace::verify::verify(trace) {
                let detail = format!("the generator made an invalid trace: {error}");
                return Err(TraceDivergence::new(
                    spec,
                    "verifier",
                    "rejected the trace",
                    detail,
                ));
            }
        }
        let mut reference: Option<(&'static str, TraceOutcome)> = None;
        for (tier, runner) in &mut self.runners {
            let name = tier.name;
            let result = catch_unwind(AssertUnwindSafe(|| runner.run(&spec.case())));
            let outcome = match result {
                Ok(Ok(outcome)) => outcome,
                Ok(Err(refused)) => {
                    let detail = format!("{}: {}", refused.reason, refused.detail);
                    return Err(TraceDivergence::new(
                        spec,
                        name,
                        "refused the trace",
                        detail,
                    ));
                }
                Err(payload) => {
                    let message = crate::oracle::panic_message(payload.as_ref());
                    return Err(TraceDivergence::new(spec, name, "panicked", message));
                }
            };
            match &reference {
                None => reference = Some((name, outcome)),
                Some((reference_name, expected)) => {
                    if *expected != outcome {
                        let detail = format!("{reference_name}:\n{expected}{name}:\n{outcome}");
                        return Err(TraceDivergence::new(spec, name, "differs", detail));
                    }
                }
            }
        }
        Ok(reference
            .map(|(_, outcome)| outcome)
            .unwrap_or(TraceOutcome {
                pc: 0,
                inlined: Vec::new(),
                frame: Vec::new(),
                globals: Vec::new(),
                error: None,
            }))
    }
}

/// Two tiers disagreeing on a trace case.
#[derive(Debug)]
pub struct TraceDivergence {
    pub spec: TraceSpec,
    pub tier: &'static str,
    /// `differs`, `refused the trace` or `panicked`.
    pub what: &'static str,
    pub detail: String,
}

impl TraceDivergence {
    fn new(spec: &TraceSpec, tier: &'static str, what: &'static str, detail: String) -> Box<Self> {
        Box::new(TraceDivergence {
            spec: spec.clone(),
            tier,
            what,
            detail,
        })
    }
}

impl fmt::Display for TraceDivergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "tier `{}` {} on this trace case:", self.tier, self.what)?;
        writeln!(f, "{}", self.detail.trim_end())?;
        writeln!(
            f,
            "\nregression test (for crates/testkit/tests/trace_oracle.rs):\n"
        )?;
        write!(f, "{}", self.spec.to_rust_test("trace_regression"))
    }
}

/// Panics with the divergence's report if the tiers disagree on `spec`. Regression
/// tests call this.
pub fn assert_tiers_agree(spec: &TraceSpec) {
    if let Err(divergence) = TraceOracle::new().compare(spec) {
        panic!("{divergence}");
    }
}
