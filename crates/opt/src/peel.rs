//! Loop peeling, and with it invariant code motion (after LuaJIT's LOOP pass).
//!
//! A root trace's `loop` is copied once: `loop` becomes the first iteration (still
//! the target of `entry` and of side traces, with all its parameters), and ends by
//! jumping to the copy, `body`, which jumps back to itself. A parameter is
//! *invariant* when `loop`'s jump passes it back unchanged at its own position; in
//! `body` it is `loop`'s parameter itself, and `body` has parameters only for the
//! others. Then the other selected passes run again over `loop` and `body` as one
//! scope (`rewrite::Rewriter::enter_steady`): an instruction of `body` equal to one
//! of `loop` on the same values goes, which hoists it out of the steady state.
//!
//! Soundness rests on the passes' own rules: pure ops, type guards and checked
//! arithmetic of the same values give the same result and cannot leave; a heap read
//! of `loop` stands for one of `body` only if nothing in `body` may change it
//! (`loads.rs`); ops with effects never merge. Every instruction of `body` that may
//! leave names its own snapshot, a copy of the one its original names with `body`'s
//! values, numbered after the trace's snapshots (no side trace exists while a root
//! trace is optimized, so new numbers are free); unused copies are dropped again.
//!
//! It does not peel: side traces (they run once), a trace already peeled, one that
//! ends by leaving, one with `str_append` (verifier rule 10 follows one loop's
//! lineage), and one where peeling removes less than a tenth of the work from `body`
//! (then the trace stays as it was: peeling that pays little only doubles code size
//! and compile time).

use std::collections::{HashMap, HashSet};

use tracelift_trace::{Block, Op, SnapshotId, Trace, ValueId};

use crate::{Pass, PassSet};

/// Peels `trace` and runs the other passes of `passes` over the result, if that
/// removes work from the steady state; otherwise leaves `trace` as it is.
pub(crate) fn run(trace: &mut Trace, passes: PassSet) {
    if !applies(trace) {
        return;
    }
    let original = trace.clone();
    copy_loop(trace);
    for pass in passes.passes().filter(|pass| *pass != Pass::Peel) {
        pass.run(trace, passes);
    }
    if !pays(trace) {
        *trace = original;
        return;
    }
    drop_unused_snapshots(trace, original.snapshots.len());
}

/// Whether `trace` is a root trace peeling can apply to (see the module docs).
fn applies(trace: &Trace) -> bool {
    trace.side.is_none()
        && trace.steady.is_none()
        && trace.leaves_through().is_none()
        && !trace
            .insts()
            .any(|inst| matches!(inst.op, Op::StrAppend { .. }))
}

/// Whether `body` does enough less than `loop` to pay for a second copy of the
/// loop's code: at least a tenth of `loop`'s instructions that are not constants
/// (constants cost nothing in the compiled loop) are gone from it. (In `nbody`'s
/// inner loop two of 71 go, and the peeled loop ran slightly more instructions.)
/// Or `body` no longer checks a range iterator's bounds (`ranges.rs`): that guard is
/// a dozen machine instructions, and the recorder emits it only for loops meant to
/// be peeled, where the bounds it proves drop the counter's checks.
fn pays(trace: &Trace) -> bool {
    let range_guards = |block: &Block| {
        block
            .insts
            .iter()
            .filter(|inst| matches!(inst.op, Op::GuardRangeIterWithin { .. }))
            .count()
    };
    if let Some(steady) = &trace.steady {
        if range_guards(steady) < range_guards(&trace.body) {
            return true;
        }
    }
    let work = |block: &Block| {
        block
            .insts
            .iter()
            .filter(|inst| !is_constant(&inst.op))
            .count()
    };
    let whole = work(&trace.body);
    trace.steady.as_ref().is_some_and(|steady| {
        let saved = whole.saturating_sub(work(steady));
        saved > 0 && saved * 10 >= whole
    })
}

fn is_constant(op: &Op) -> bool {
    matches!(
        op,
        Op::ConstInt { .. }
            | Op::ConstFloat { .. }
            | Op::ConstBool { .. }
            | Op::ConstNone {}
            | Op::ConstObj { .. }
    )
}

/// Copies `loop` into a new `body` block: fresh values, fresh snapshots, invariant
/// parameters and constants replaced by `loop`'s own.
fn copy_loop(trace: &mut Trace) {
    let params = trace.body.params.clone();
    let jump_args = trace.body.jump_args.clone();
    let invariant: Vec<bool> = params
        .iter()
        .zip(&jump_args)
        .map(|((param, _), arg)| param == arg)
        .collect();
    let mut next_value = trace
        .insts()
        .filter_map(|inst| inst.result)
        .chain(params.iter().map(|(value, _)| *value))
        .map(|value| value.0 + 1)
        .max()
        .unwrap_or(0);
    let mut fresh = || {
        next_value += 1;
        ValueId(next_value - 1)
    };
    let mut renamed: HashMap<ValueId, ValueId> = HashMap::new();
    let mut steady = Block::default();
    for ((param, ty), invariant) in params.iter().zip(&invariant) {
        if !*invariant {
            let copy = fresh();
            renamed.insert(*param, copy);
            steady.params.push((copy, *ty));
        }
    }
    let mut snapshots: HashMap<SnapshotId, SnapshotId> = HashMap::new();
    for inst in &trace.body.insts {
        // A constant is the first iteration's (the passes would merge it anyway, but
        // `loads` runs before `cse` and compares arguments by value).
        if let (true, Some(result)) = (is_constant(&inst.op), inst.result) {
            renamed.insert(result, result);
            continue;
        }
        let mut copy = inst.clone();
        for arg in &mut copy.args {
            *arg = renamed.get(arg).copied().unwrap_or(*arg);
        }
        if let Some(result) = inst.result {
            let value = fresh();
            renamed.insert(result, value);
            copy.result = Some(value);
        }
        if let Some(snapshot) = inst.snapshot {
            let id = *snapshots.entry(snapshot).or_insert_with(|| {
                let mut snap = trace.snapshots[snapshot.0 as usize].clone();
                for value in snap.values_mut() {
                    *value = renamed.get(value).copied().unwrap_or(*value);
                }
                trace.snapshots.push(snap);
                SnapshotId(trace.snapshots.len() as u32 - 1)
            });
            copy.snapshot = Some(id);
        }
        steady.insts.push(copy);
    }
    let variant_args = jump_args.iter().zip(&invariant).filter(|(_, inv)| !**inv);
    trace.body.jump_args = variant_args.clone().map(|(arg, _)| *arg).collect();
    steady.jump_args = variant_args
        .map(|(arg, _)| renamed.get(arg).copied().unwrap_or(*arg))
        .collect();
    trace.steady = Some(steady);
}

/// Drops the snapshots numbered from `first_new` on that no instruction names (the
/// copies whose instruction went), renumbering the rest of the new ones.
fn drop_unused_snapshots(trace: &mut Trace, first_new: usize) {
    let named: HashSet<SnapshotId> = trace.insts().filter_map(|inst| inst.snapshot).collect();
    let mut renumbered: HashMap<SnapshotId, SnapshotId> = HashMap::new();
    let mut kept = Vec::new();
    for (index, snapshot) in trace.snapshots.drain(first_new..).enumerate() {
        let old = SnapshotId((first_new + index) as u32);
        if named.contains(&old) {
            renumbered.insert(old, SnapshotId((first_new + kept.len()) as u32));
            kept.push(snapshot);
        }
    }
    trace.snapshots.extend(kept);
    if let Some(steady) = &mut trace.steady {
        for inst in &mut steady.insts {
            if let Some(snapshot) = &mut inst.snapshot {
                *snapshot = renumbered.get(snapshot).copied().unwrap_or(*snapshot);
            }
        }
    }
}
