//! Dead code elimination: an op whose result nothing needs, and whose class
//! (`classify`) says it changes nothing anyone can see (`Pure`, `Unobserved`), goes.
//!
//! Uses are: arguments of the instructions that stay, every jump's arguments, the
//! entries of every snapshot an instruction that stays names (inlined frames
//! included), and a side trace's `close` snapshot. Ops that may leave the trace stay
//! even when unused (their exit is behaviour), except the fresh objects of
//! `Unobserved`, and a `range_new` right before a `range_iter_new` of the same bounds
//! and snapshot (`unpack`'s fused iterator), which leaves exactly where and when the
//! range would.
//!
//! A snapshot no instruction names any more (its guard went) may list values that
//! are gone: those entries become `unbound`. Its number and its slots stay, so the
//! exits of the trace keep their numbers; nothing can leave through it.

use std::collections::HashSet;

use tracelift_trace::{Inst, Op, SnapValue, Snapshot, SnapshotId, Trace, ValueId};

use crate::classify::{class, Class};

pub(crate) fn run(trace: &mut Trace) {
    let steady_jump = trace.steady.iter().flat_map(|block| &block.jump_args);
    let mut live: HashSet<ValueId> = trace
        .entry
        .jump_args
        .iter()
        .chain(&trace.body.jump_args)
        .chain(steady_jump)
        .copied()
        .collect();
    let mut named: HashSet<SnapshotId> = HashSet::new();
    if let Some(side) = trace.side {
        name_snapshot(&trace.snapshots, side.close, &mut named, &mut live);
    }
    // Last block first: `body`'s uses may reach back into `loop`, and a side trace's
    // `loop`'s into `entry`.
    let steady = trace.steady.iter_mut();
    for block in steady.chain([&mut trace.body, &mut trace.entry]) {
        let mut kept = Vec::with_capacity(block.insts.len());
        for inst in std::mem::take(&mut block.insts).into_iter().rev() {
            let removable = matches!(class(&inst.op), Class::Pure | Class::Unobserved);
            let used = inst.result.is_some_and(|result| live.contains(&result));
            if (removable || range_made_again(&inst, kept.last())) && !used {
                continue;
            }
            live.extend(inst.args.iter().copied());
            if let Some(snapshot) = inst.snapshot {
                name_snapshot(&trace.snapshots, snapshot, &mut named, &mut live);
            }
            kept.push(inst);
        }
        kept.reverse();
        block.insts = kept;
    }
    let defined: HashSet<ValueId> = trace
        .insts()
        .filter_map(|inst| inst.result)
        .chain(trace.body.params.iter().map(|(value, _)| *value))
        .chain(
            trace
                .steady
                .iter()
                .flat_map(|block| &block.params)
                .map(|(value, _)| *value),
        )
        .collect();
    for (index, snapshot) in trace.snapshots.iter_mut().enumerate() {
        if named.contains(&SnapshotId(index as u32)) {
            continue;
        }
        for entry in snapshot.all_entries_mut() {
            if let SnapValue::Value(value) = entry.value {
                if !defined.contains(&value) {
                    entry.value = SnapValue::Unbound;
                }
            }
        }
    }
}

/// Whether `inst` is a `range_new` whose work `next` repeats: a `range_iter_new` of
/// the same bounds that leaves through the same snapshot (so for the same reasons).
fn range_made_again(inst: &Inst, next: Option<&Inst>) -> bool {
    matches!(
        (inst.op, next),
        (Op::RangeNew {}, Some(next)) if next.op == (Op::RangeIterNew {})
            && next.args == inst.args
            && next.snapshot == inst.snapshot
    )
}

/// Marks `snapshot` as named and the values it lists as used.
fn name_snapshot(
    snapshots: &[Snapshot],
    snapshot: SnapshotId,
    named: &mut HashSet<SnapshotId>,
    live: &mut HashSet<ValueId>,
) {
    if !named.insert(snapshot) {
        return;
    }
    if let Some(snapshot) = snapshots.get(snapshot.0 as usize) {
        live.extend(snapshot.values());
    }
}
