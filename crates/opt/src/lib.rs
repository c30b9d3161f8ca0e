//! The trace optimizer of tracelift: passes that rewrite a recorded [`Trace`] into one
//! that does the same with less work, between recording and compiling.
//!
//! Each pass is one file and one [`Pass`]; [`optimize`] runs the selected ones in a
//! fixed order (the order of [`Pass::ALL`]) and, in debug and test builds, runs the
//! trace verifier after every pass and checks that the pass kept the snapshots' shape
//! (below), panicking with the pass's name and the trace if it broke an invariant. A [`PassSet`] says which passes run: `none`, `all`, or a comma
//! list of names, as `JitParams`, `--opt` and `TRACELIFT_OPT` spell it.
//!
//! What every pass keeps (the invariants the VM and the backend rely on):
//! - **Meaning.** The optimized trace leaves through the same exits with the same
//!   frame state, raises the same errors at the same instructions, and burns the same
//!   fuel. The one exception is `resume`, which moves a check's exit back to an
//!   earlier snapshot from which the interpreter, running the pure instructions in
//!   between again, reaches the very state the check's own snapshot held: the exit
//!   state differs, the program's behaviour does not. The program oracle checks it;
//!   the trace oracle, which compares exit states, runs [`PassSet::SAME_EXITS`]. An op that may leave the trace is removed only when it provably cannot
//!   leave (an identical op already passed, or its operands prove it), never because
//!   its result is unused. Floats are folded only with the very IEEE operation the
//!   evaluator and the backend perform; ints only with `tracelift_trace::arith`.
//! - **Snapshots.** No snapshot is added, removed or renumbered, and no snapshot
//!   entry is added or removed: side traces name exits by number and read exit values
//!   by position. (`peel`, which runs on root traces only, before any side trace
//!   exists, appends the snapshots of its `body` after the others.) A pass may only replace a value in a snapshot by an equal value of
//!   the same type. A snapshot no remaining instruction names may have entries whose
//!   values were removed: those become `unbound` (nothing can leave through it).
//! - **Scopes.** A root trace's `loop` is compiled as a function of its own whose only
//!   inputs are its parameters, so nothing in `loop` (arguments, snapshots, the jump)
//!   may come to name a value of `entry`. Passes therefore look for equal values in
//!   the same block only, except that a peeled trace's `body` is in `loop`'s scope
//!   (both are that function; `loop` runs first), with heap facts cut by everything
//!   `body` may write (`rewrite::Rewriter::enter_steady`); a side trace runs `entry`
//!   and `loop` once, in one function, so there `entry`'s values stay visible in
//!   `loop`.
//! - **Shape.** `entry` keeps loading and unboxing exactly the parameters' slots (side
//!   traces close into the loop by that shape), and the loop keeps its parameters;
//!   peeling keeps `loop` the target of `entry` and side traces, with every parameter.
//!
//! The result is renumbered (`Trace::renumber`), so dumps read top to bottom.

#![forbid(unsafe_code)]

mod classify;
mod cse;
mod dce;
mod fold;
mod guards;
mod loads;
mod peel;
mod ranges;
mod resume;
mod rewrite;
mod unpack;

use std::fmt;

use tracelift_trace::Trace;

/// One optimization pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pass {
    /// Checks between two side effects share one snapshot, the first after the
    /// earlier effect (`resume.rs`).
    Resume,
    /// Constant folding and algebraic identities (`fold.rs`).
    Fold,
    /// Tuples built only to be unpacked are read from their items (`unpack.rs`).
    Unpack,
    /// Type propagation and guard elimination (`guards.rs`).
    Guards,
    /// Heap reads repeated with no write between, and items read back after a store
    /// (`loads.rs`).
    Loads,
    /// Integer ranges: overflow checks and negative-index handling that bounds of
    /// the values prove unnecessary, and bounds checks of lists indexed by a range
    /// counter (`ranges/`).
    Ranges,
    /// Common subexpressions: pure ops, and repeated guards and checked arithmetic
    /// (`cse.rs`).
    Cse,
    /// Dead code: unused results of ops with no effect (`dce.rs`).
    Dce,
    /// Loop peeling: the loop's first iteration is copied off, and the other passes
    /// run again over both, which hoists invariant work out of the steady state
    /// (`peel.rs`). It runs last, since it runs the others itself.
    Peel,
}

impl Pass {
    /// Every pass, in the order they run.
    pub const ALL: [Pass; 9] = [
        Pass::Resume,
        Pass::Fold,
        Pass::Unpack,
        Pass::Guards,
        Pass::Loads,
        Pass::Ranges,
        Pass::Cse,
        Pass::Dce,
        Pass::Peel,
    ];

    /// The pass as `--opt` names it.
    pub fn name(self) -> &'static str {
        match self {
            Pass::Resume => "resume",
            Pass::Fold => "fold",
            Pass::Unpack => "unpack",
            Pass::Guards => "guards",
            Pass::Loads => "loads",
            Pass::Ranges => "ranges",
            Pass::Cse => "cse",
            Pass::Dce => "dce",
            Pass::Peel => "peel",
        }
    }

    pub fn from_name(name: &str) -> Option<Pass> {
        Pass::ALL.into_iter().find(|pass| pass.name() == name)
    }

    /// Runs the pass over `trace`; `peel` runs the other passes of `passes` over its
    /// copy.
    pub fn run(self, trace: &mut Trace, passes: PassSet) {
        match self {
            Pass::Peel => peel::run(trace, passes),
            Pass::Resume => resume::run(trace),
            Pass::Fold => fold::run(trace),
            Pass::Guards => guards::run(trace),
            Pass::Loads => loads::run(trace),
            Pass::Ranges => ranges::run(trace),
            Pass::Unpack => unpack::run(trace),
            Pass::Cse => cse::run(trace),
            Pass::Dce => dce::run(trace),
        }
    }

    fn bit(self) -> u16 {
        1 << Pass::ALL.iter().position(|pass| *pass == self).unwrap_or(0)
    }
}

impl fmt::Display for Pass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which passes run. Prints and parses as `none`, `all`, or the names of its passes
/// separated by commas (in pipeline order).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PassSet(u16);

impl PassSet {
    pub const NONE: PassSet = PassSet(0);
    pub const ALL: PassSet = PassSet((1 << Pass::ALL.len()) - 1);
    /// Every pass that leaves each exit's state as it was: all but `resume` (the
    /// first pass, bit 0), for oracles that compare exit states.
    pub const SAME_EXITS: PassSet = PassSet(PassSet::ALL.0 & !1);

    pub fn contains(self, pass: Pass) -> bool {
        self.0 & pass.bit() != 0
    }

    pub fn with(self, pass: Pass) -> PassSet {
        PassSet(self.0 | pass.bit())
    }

    pub fn without(self, pass: Pass) -> PassSet {
        PassSet(self.0 & !pass.bit())
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The passes of the set, in the order they run.
    pub fn passes(self) -> impl Iterator<Item = Pass> {
        Pass::ALL
            .into_iter()
            .filter(move |pass| self.contains(*pass))
    }
}

/// The default is every pass: the oracles run the optimized tiers on every change.
impl Default for PassSet {
    fn default() -> Self {
        PassSet::ALL
    }
}

impl std::str::FromStr for PassSet {
    type Err = String;

    fn from_str(text: &str) -> Result<PassSet, String> {
        match text.trim() {
            "none" | "" => return Ok(PassSet::NONE),
            "all" => return Ok(PassSet::ALL),
            _ => {}
        }
        text.split(',')
            .map(str::trim)
            .filter(|word| !word.is_empty())
            .try_fold(PassSet::NONE, |set, word| {
                let pass = Pass::from_name(word).ok_or_else(|| {
                    let names: Vec<&str> = Pass::ALL.iter().map(|pass| pass.name()).collect();
                    format!(
                        "unknown optimizer pass '{word}' (choose none, all, or from: {})",
                        names.join(", ")
                    )
                })?;
                Ok(set.with(pass))
            })
    }
}

impl fmt::Display for PassSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("none");
        }
        if *self == PassSet::ALL {
            return f.write_str("all");
        }
        let names: Vec<&str> = self.passes().map(Pass::name).collect();
        f.write_str(&names.join(","))
    }
}

impl fmt::Debug for PassSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PassSet({self})")
    }
}

/// Runs the passes of `passes` over `trace`, in pipeline order. With no passes the
/// trace comes back untouched (not even renumbered).
pub fn optimize(trace: Trace, passes: PassSet) -> Trace {
    optimize_with(trace, passes, |_, _| {})
}

/// [`optimize`], calling `after` with each pass and the trace it left (for per-pass
/// dumps). The verifier checks the trace after every pass in debug builds.
pub fn optimize_with(
    mut trace: Trace,
    passes: PassSet,
    mut after: impl FnMut(Pass, &Trace),
) -> Trace {
    if passes.is_empty() {
        return trace;
    }
    let shape = cfg!(debug_assertions).then(|| snapshot_shape(&trace));
    for pass in passes.passes() {
        pass.run(&mut trace, passes);
        if let Some(shape) = &shape {
            let verified = tracelift_trace::verify::verify(&trace).map_err(|e| e.to_string());
            let now = snapshot_shape(&trace);
            let appended = pass == Pass::Peel && now.len() >= shape.len();
            let kept = if *shape == now || (appended && *shape == now[..shape.len()]) {
                Ok(())
            } else {
                Err("the snapshots' numbers, frames or slots changed".to_string())
            };
            if let Err(error) = verified.and(kept) {
                panic!(
                    "optimizer pass `{pass}` broke the trace: {error}\n{}",
                    tracelift_trace::print::print(&trace)
                );
            }
        }
        after(pass, &trace);
    }
    trace.renumber();
    trace
}

/// One frame of a snapshot: its code (`u32::MAX` for the trace's own), resume pc,
/// stack depth and slots.
type FrameShape = (u32, u32, u32, Vec<u32>);

/// What a pass must not change about the snapshots: their number, and for each its
/// resume point and the slots of each of its frames (side traces name exits by number
/// and read exit values by position).
fn snapshot_shape(trace: &Trace) -> Vec<Vec<FrameShape>> {
    trace
        .snapshots
        .iter()
        .map(|snapshot| {
            let slots = |entries: &[tracelift_trace::SnapEntry]| {
                entries.iter().map(|entry| entry.slot).collect::<Vec<u32>>()
            };
            let own = (
                u32::MAX,
                snapshot.pc,
                snapshot.stack_depth,
                slots(&snapshot.entries),
            );
            let inlined = snapshot.inlined.iter().map(|frame| {
                (
                    frame.code,
                    frame.pc,
                    frame.stack_depth,
                    slots(&frame.entries),
                )
            });
            std::iter::once(own).chain(inlined).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_exits_is_every_pass_but_resume() {
        assert_eq!(PassSet::SAME_EXITS, PassSet::ALL.without(Pass::Resume));
        assert_eq!(
            PassSet::SAME_EXITS.to_string(),
            "fold,unpack,guards,loads,ranges,cse,dce,peel"
        );
    }

    #[test]
    fn pass_sets_parse_and_print() {
        let cases = [
            "none",
            "all",
            "fold",
            "cse,dce",
            "dce, fold",
            "",
            "fold,nope",
        ];
        let printed: Vec<String> = cases
            .iter()
            .map(|text| match text.parse::<PassSet>() {
                Ok(set) => format!("{text:?} -> {set}"),
                Err(error) => format!("{text:?} -> error: {error}"),
            })
            .collect();
        assert_eq!(
            printed,
            [
                "\"none\" -> none",
                "\"all\" -> all",
                "\"fold\" -> fold",
                "\"cse,dce\" -> cse,dce",
                "\"dce, fold\" -> fold,dce",
                "\"\" -> none",
                "\"fold,nope\" -> error: unknown optimizer pass 'nope' (choose none, all, \
                 or from: resume, fold, unpack, guards, loads, ranges, cse, dce, peel)",
            ]
        );
        let every: PassSet = "resume,fold,unpack,guards,loads,ranges,cse,dce,peel"
            .parse()
            .unwrap();
        assert_eq!(every, PassSet::ALL);
    }
}
