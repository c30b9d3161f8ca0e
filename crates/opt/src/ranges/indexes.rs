//! Bounds checks of lists indexed by a range counter (the second half of `ranges`).
//!
//! A peeled loop `for i in range(n): t += a[i]` compares `i` with `len(a)` every
//! iteration. When no op of the loop may change the length of any list, one check at
//! the top of `loop` does for all of them: `guard_range_iter_indexes lo hi %it, %a`
//! passes only if every item `x` still to come of the iterator has `0 <= x + lo` and
//! `x + hi < len(a)`; advancing the iterator only drops items and the length stays, so
//! from then on `a[x + c]` (`lo <= c <= hi`) of every later item `x` is in range, and
//! `ranges` turns such accesses into `list_get_in_range`/`list_set_in_range`.
//!
//! [`add_guards`] puts that guard right after `loop`'s `guard_range_iter_within` (with
//! its snapshot: the `ForIter`, before the iterator advances, so leaving there changes
//! nothing) for each list the steady state indexes by the counter plus constants,
//! only when:
//! - the trace is peeled (the guard runs once per entry of `loop`, not per iteration),
//!   and the iterator and the list are parameters of `loop` that `body` does not
//!   change (so the guard can see them before anything else happens);
//! - no op of `loop` or `body` may change a list's length ([`may_resize`]: appends,
//!   generic ops, calls and everything else that may write the heap, but for item
//!   stores, boxes and fresh objects);
//! - the recorder's guard says the items are not negative (a loop over negative
//!   items would fail the new guard at once), and no branch on the counter comes
//!   before the access (`if i < m: a[i]` may index only some items; a guard that
//!   fails whenever the loop is entered or a side trace closes into it would send
//!   every iteration through an exit).
//!
//! The guard may exit where the trace did not before (when some later item would be
//! out of range, or after a branch the recording did not take): the interpreter then
//! resumes at the `ForIter` with nothing changed, which is always sound.

use std::collections::{HashMap, HashSet};

use tracelift_trace::{Effects, Inst, Op, Trace, ValueId};

/// The largest offset (either way) a guard takes, so compiled code can add it to a
/// length or negate it without overflow.
pub(super) const MAX_OFFSET: i64 = 1 << 32;

/// Whether `op` may change the length of some list. Conservative: everything that
/// may call out or write the heap, but for stores of items and new objects.
pub(super) fn may_resize(op: &Op) -> bool {
    let effects = op.signature().effects;
    if effects.contains(Effects::CALL) {
        return true;
    }
    if !effects.contains(Effects::WRITES_HEAP) {
        return false;
    }
    !matches!(
        op,
        Op::ListSet {}
            | Op::ListSetNonneg {}
            | Op::ListSetInRange {}
            | Op::BoxInt {}
            | Op::BoxFloat {}
            | Op::RangeNew {}
            | Op::RangeGetIter {}
            | Op::RangeIterNew {}
            | Op::ListGetIter {}
            | Op::RangeIterNext {}
            | Op::ListIterNext {}
            | Op::BuildList {}
            | Op::BuildTuple {}
    )
}

/// Adds the guards of the module docs to a peeled root trace's `loop`.
pub(super) fn add_guards(trace: &mut Trace) {
    let Some(steady) = &trace.steady else {
        return;
    };
    let first = &trace.body;
    if trace.side.is_some()
        || first
            .insts
            .iter()
            .chain(&steady.insts)
            .any(|inst| may_resize(&inst.op))
    {
        return;
    }
    let params: HashSet<ValueId> = first.params.iter().map(|(value, _)| *value).collect();
    let variant: HashSet<ValueId> = steady.params.iter().map(|(value, _)| *value).collect();
    let consts: HashMap<ValueId, i64> = first
        .insts
        .iter()
        .chain(&steady.insts)
        .filter_map(|inst| match (inst.op, inst.result) {
            (Op::ConstInt { value }, Some(result)) => Some((result, value)),
            _ => None,
        })
        .collect();
    let mut added: Vec<(usize, Inst)> = Vec::new();
    for (at, guard) in first.insts.iter().enumerate() {
        let (Op::GuardRangeIterWithin { lo, .. }, [iter]) = (guard.op, &guard.args[..]) else {
            continue;
        };
        if lo < 0 || !params.contains(iter) || variant.contains(iter) {
            continue;
        }
        for (list, (lo, hi)) in indexed(&steady.insts, *iter, &params, &consts) {
            added.push((
                at + 1,
                Inst {
                    result: None,
                    op: Op::GuardRangeIterIndexes { lo, hi },
                    args: vec![*iter, list],
                    snapshot: guard.snapshot,
                    line: guard.line,
                },
            ));
        }
    }
    // Backwards, so each position still counts from the original instructions and
    // guards at the same position keep their order.
    for (at, inst) in added.into_iter().rev() {
        trace.body.insts.insert(at, inst);
    }
}

/// The lists (parameters of `loop`) that `body` indexes by an item of `iter` plus
/// constants, with the least and greatest constant, before any branch on the counter.
fn indexed(
    body: &[Inst],
    iter: ValueId,
    params: &HashSet<ValueId>,
    consts: &HashMap<ValueId, i64>,
) -> Vec<(ValueId, (i64, i64))> {
    let mut offsets: HashMap<ValueId, i64> = HashMap::new();
    let mut compares: HashSet<ValueId> = HashSet::new();
    let mut lists: Vec<(ValueId, (i64, i64))> = Vec::new();
    for inst in body {
        let shifted = |value: &ValueId, by: Option<&i64>, sign: i64| {
            let base = offsets.get(value)?;
            base.checked_add(by?.checked_mul(sign)?)
        };
        let offset = match (inst.op, &inst.args[..]) {
            (Op::RangeIterNext {}, [it]) if *it == iter => Some(0),
            (Op::IntAdd {} | Op::IntAddFits {}, [a, b]) => {
                shifted(a, consts.get(b), 1).or_else(|| shifted(b, consts.get(a), 1))
            }
            (Op::IntSub {} | Op::IntSubFits {}, [a, b]) => shifted(a, consts.get(b), -1),
            (Op::IntCmp { .. }, [a, b]) => {
                if offsets.contains_key(a) || offsets.contains_key(b) {
                    compares.extend(inst.result);
                }
                None
            }
            (Op::GuardTrue {} | Op::GuardFalse {}, [condition]) => {
                if compares.contains(condition) {
                    break;
                }
                None
            }
            (
                Op::ListGet {} | Op::ListGetNonneg {} | Op::ListSet {} | Op::ListSetNonneg {},
                [list, index, ..],
            ) => {
                let offset = offsets.get(index).copied();
                if let (Some(offset), true) = (offset, params.contains(list)) {
                    match lists.iter_mut().find(|(known, _)| known == list) {
                        Some((_, (lo, hi))) => {
                            *lo = (*lo).min(offset);
                            *hi = (*hi).max(offset);
                        }
                        None => lists.push((*list, (offset, offset))),
                    }
                }
                None
            }
            _ => None,
        };
        if let (Some(offset), Some(result)) = (offset, inst.result) {
            if offset.abs() <= MAX_OFFSET {
                offsets.insert(result, offset);
            }
        }
    }
    lists
}
