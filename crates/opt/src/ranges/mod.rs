//! Integer ranges: bounds of int values, and the checks they make unnecessary.
//!
//! The pass walks each scope forward and keeps, for int values, an interval every
//! value it can take lies in, and for range iterators an interval every item still
//! to come lies in. Sources:
//! - `const_int c` is `[c, c]`; `list_len` is `[0, 2**59]` (a list's items are 16
//!   bytes and Rust caps an allocation at `isize::MAX` bytes).
//! - `guard_range_iter_within lo hi` on an iterator, once passed, bounds every item it
//!   yields from then on: advancing a range iterator only drops items, so the fact
//!   holds for that value for good, and `range_iter_next` of it is in `[lo, hi]`.
//!   The recorder puts it in `loop` (side traces enter `loop` with iterators `entry`
//!   never saw), only for loops the VM will peel: there it runs once per entry or
//!   close of a side trace, and its copy in `body` goes by the rule below.
//! - Int arithmetic of bounded values: `int_add`, `int_sub`, `int_mul` (checked: a
//!   result exists only if it fits, so the exact interval is clipped to i64),
//!   `int_add_fits`/`int_sub_fits` (bounded only when the operands prove the result
//!   fits, since they wrap otherwise), `int_and` with a non-negative operand
//!   (`[0, its upper bound]`), `int_mod` by a positive divisor (`[0, divisor - 1]`:
//!   Python's remainder takes the divisor's sign).
//! - A branch guard of an `int_cmp` that passed narrows both operands for the rest of
//!   the scope (`guard_true (int_cmp < a, b)`: `a <= max(b) - 1`, `b >= min(a) + 1`;
//!   `guard_false` narrows by the opposite comparison; `!=` narrows nothing). An
//!   operand with no bounds yet counts as all of i64, so `while i < n: i += 1` needs
//!   no overflow check: `i < n` makes `i` at most `2**63 - 2`.
//!
//! Rules (each with text tests in `tests/passes/ranges_*.trace`):
//! - `int_add`/`int_sub` whose operands' intervals prove the exact result fits in an
//!   i64 becomes `int_add_fits`/`int_sub_fits` (no overflow check, no snapshot): it
//!   could not have left the trace.
//! - `list_get`/`list_set` whose index is proved `>= 0` becomes
//!   `list_get_nonneg`/`list_set_nonneg`, which skip the counting from the end (a
//!   no-op for such an index) and keep the bounds check.
//! - `guard_range_iter_within` on an iterator already known to keep within its
//!   interval cannot leave and goes (in a peeled trace, `body`'s copy of `loop`'s).
//! - Bounds checks (`indexes.rs`, which also adds the guards): `list_get`/`list_set`
//!   (any form) at an item of a range iterator plus a constant, taken after a
//!   `guard_range_iter_indexes` of that iterator and list covering the constant,
//!   with no op that may resize a list between (nor anywhere in a peeled `body`),
//!   becomes `list_get_in_range`/`list_set_in_range`; a second such guard the first
//!   implies goes.
//!
//! It never fires on what it cannot prove: an iterator with no guard (a range made in
//! the trace, a side trace's), an int read from a slot or an object, or arithmetic
//! whose bounds may pass i64. Nothing is moved and no snapshot changes.

use std::collections::HashMap;

use tracelift_trace::{Cmp, Inst, Op, Trace, ValueId};

use crate::rewrite::{forward, Action, Rewriter};

/// The largest length a list can have: `isize::MAX` bytes of 16-byte items.
const MAX_LIST_LEN: i64 = 1 << 59;

mod indexes;

pub(crate) fn run(trace: &mut Trace) {
    indexes::add_guards(trace);
    forward(trace, &mut Ranges::default());
}

/// Every value lies in `lo..=hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Interval {
    lo: i64,
    hi: i64,
}

impl Interval {
    /// The interval of exact results `lo..=hi` (i128), if it fits in an i64.
    fn exact(lo: i128, hi: i128) -> Option<Interval> {
        Some(Interval {
            lo: i64::try_from(lo).ok()?,
            hi: i64::try_from(hi).ok()?,
        })
    }

    /// The exact results clipped to i64: what a checked op that did not leave yields.
    fn clipped(lo: i128, hi: i128) -> Interval {
        let clip = |value: i128| value.clamp(i64::MIN.into(), i64::MAX.into()) as i64;
        Interval {
            lo: clip(lo),
            hi: clip(hi),
        }
    }

    fn within(self, other: Interval) -> bool {
        other.lo <= self.lo && self.hi <= other.hi
    }
}

#[derive(Default)]
struct Ranges {
    /// Bounds of int values of the scope.
    ints: HashMap<ValueId, Interval>,
    /// Bounds of the items still to come of range iterators that passed a guard.
    iters: HashMap<ValueId, Interval>,
    /// `int_cmp` results of the scope: the comparison and its operands.
    cmps: HashMap<ValueId, (Cmp, ValueId, ValueId)>,
    /// Int values that are an item of a range iterator plus a constant: the
    /// iterator, the constant, and when the item was taken (`seen`'s count).
    counters: HashMap<ValueId, (ValueId, i64, usize)>,
    /// `guard_range_iter_indexes` passed since no list was last resized: for each
    /// iterator, the list, the offsets and when the guard passed.
    indexes: HashMap<ValueId, Vec<(ValueId, i64, i64, usize)>>,
    /// Instructions visited in the scope (orders items after guards).
    seen: usize,
}

impl Rewriter for Ranges {
    fn enter_scope(&mut self) {
        self.ints.clear();
        self.iters.clear();
        self.cmps.clear();
        self.counters.clear();
        self.indexes.clear();
    }

    /// `body` repeats: a list it may resize may have another length by the time any
    /// of its accesses runs again.
    fn enter_steady(&mut self, body: &[Inst]) {
        if body.iter().any(|inst| indexes::may_resize(&inst.op)) {
            self.indexes.clear();
        }
    }

    fn visit(&mut self, inst: &mut Inst) -> Action {
        self.seen += 1;
        if indexes::may_resize(&inst.op) {
            self.indexes.clear();
        }
        if let Some(action) = self.index_facts(inst) {
            return action;
        }
        let args = inst.args.clone();
        let bounds = |value: &ValueId| self.ints.get(value).copied();
        let known = match (inst.op, args.as_slice()) {
            (Op::ConstInt { value }, []) => Some(Interval {
                lo: value,
                hi: value,
            }),
            (Op::ListLen {}, [_]) => Some(Interval {
                lo: 0,
                hi: MAX_LIST_LEN,
            }),
            (Op::GuardRangeIterWithin { lo, hi }, [iter]) => {
                let guard = Interval { lo, hi };
                match self.iters.get(iter) {
                    Some(earlier) if earlier.within(guard) => return Action::Drop,
                    Some(earlier) => {
                        let both = Interval {
                            lo: earlier.lo.max(lo),
                            hi: earlier.hi.min(hi),
                        };
                        self.iters.insert(*iter, both);
                    }
                    None => {
                        self.iters.insert(*iter, guard);
                    }
                }
                None
            }
            (Op::RangeIterNext {}, [iter]) => self.iters.get(iter).copied(),
            (Op::IntCmp { op }, [a, b]) => {
                if let Some(result) = inst.result {
                    self.cmps.insert(result, (op, *a, *b));
                }
                None
            }
            (Op::GuardTrue {} | Op::GuardFalse {}, [condition]) => {
                if let Some(&(op, a, b)) = self.cmps.get(condition) {
                    let holds = if inst.op == (Op::GuardTrue {}) {
                        op
                    } else {
                        opposite(op)
                    };
                    self.narrow(holds, a, b);
                }
                None
            }
            (Op::IntAdd {} | Op::IntAddFits {}, [a, b]) => {
                let (a, b) = (bounds(a), bounds(b));
                let sum = a.zip(b).map(|(a, b)| {
                    (
                        i128::from(a.lo) + i128::from(b.lo),
                        i128::from(a.hi) + i128::from(b.hi),
                    )
                });
                self.arithmetic(inst, sum, Op::IntAddFits {})
            }
            (Op::IntSub {} | Op::IntSubFits {}, [a, b]) => {
                let (a, b) = (bounds(a), bounds(b));
                let difference = a.zip(b).map(|(a, b)| {
                    (
                        i128::from(a.lo) - i128::from(b.hi),
                        i128::from(a.hi) - i128::from(b.lo),
                    )
                });
                self.arithmetic(inst, difference, Op::IntSubFits {})
            }
            (Op::IntMul {}, [a, b]) => bounds(a).zip(bounds(b)).map(|(a, b)| {
                let corners = [
                    i128::from(a.lo) * i128::from(b.lo),
                    i128::from(a.lo) * i128::from(b.hi),
                    i128::from(a.hi) * i128::from(b.lo),
                    i128::from(a.hi) * i128::from(b.hi),
                ];
                let lo = corners.iter().copied().min().unwrap_or(0);
                let hi = corners.iter().copied().max().unwrap_or(0);
                Interval::clipped(lo, hi)
            }),
            (Op::IntAnd {}, [a, b]) => {
                let upper = |value: Option<Interval>| value.filter(|v| v.lo >= 0).map(|v| v.hi);
                match (upper(bounds(a)), upper(bounds(b))) {
                    (Some(x), Some(y)) => Some(Interval {
                        lo: 0,
                        hi: x.min(y),
                    }),
                    (Some(x), None) | (None, Some(x)) => Some(Interval { lo: 0, hi: x }),
                    (None, None) => None,
                }
            }
            (Op::IntMod {}, [_, b]) => {
                bounds(b)
                    .filter(|divisor| divisor.lo > 0)
                    .map(|divisor| Interval {
                        lo: 0,
                        hi: divisor.hi - 1,
                    })
            }
            (Op::ListGet {}, [_, index]) => {
                if bounds(index).is_some_and(|index| index.lo >= 0) {
                    inst.op = Op::ListGetNonneg {};
                }
                None
            }
            (Op::ListSet {}, [_, index, _]) => {
                if bounds(index).is_some_and(|index| index.lo >= 0) {
                    inst.op = Op::ListSetNonneg {};
                }
                None
            }
            _ => None,
        };
        if let (Some(known), Some(result)) = (known, inst.result) {
            self.ints.insert(result, known);
        }
        Action::Keep
    }
}

/// The comparison that holds when `op` does not.
fn opposite(op: Cmp) -> Cmp {
    match op {
        Cmp::Eq => Cmp::Ne,
        Cmp::Ne => Cmp::Eq,
        Cmp::Lt => Cmp::Ge,
        Cmp::Le => Cmp::Gt,
        Cmp::Gt => Cmp::Le,
        Cmp::Ge => Cmp::Lt,
    }
}

impl Ranges {
    /// Learns and uses what `guard_range_iter_indexes` proves (`indexes.rs`): drops
    /// such a guard an earlier one implies, records counters, and turns an access at
    /// a counter the guard covers into its form without a bounds check. `Some` when
    /// the instruction is decided.
    fn index_facts(&mut self, inst: &mut Inst) -> Option<Action> {
        let constant = |ints: &HashMap<ValueId, Interval>, value: &ValueId| {
            ints.get(value)
                .filter(|known| known.lo == known.hi)
                .map(|known| known.lo)
        };
        let seen = self.seen;
        let counter = match (inst.op, inst.args.as_slice()) {
            (Op::GuardRangeIterIndexes { lo, hi }, &[iter, list]) => {
                let guards = self.indexes.entry(iter).or_default();
                if guards
                    .iter()
                    .any(|&(known, a, b, _)| known == list && a <= lo && hi <= b)
                {
                    return Some(Action::Drop);
                }
                guards.push((list, lo, hi, seen));
                None
            }
            (Op::RangeIterNext {}, &[iter]) => Some((iter, 0, seen)),
            (Op::IntAdd {} | Op::IntAddFits {}, [a, b]) => {
                let by = |x: &ValueId, y: &ValueId| {
                    let (iter, offset, at) = *self.counters.get(x)?;
                    Some((iter, offset.checked_add(constant(&self.ints, y)?)?, at))
                };
                by(a, b).or_else(|| by(b, a))
            }
            (Op::IntSub {} | Op::IntSubFits {}, [a, b]) => {
                self.counters.get(a).and_then(|&(iter, offset, at)| {
                    Some((iter, offset.checked_sub(constant(&self.ints, b)?)?, at))
                })
            }
            (
                Op::ListGet {} | Op::ListGetNonneg {} | Op::ListSet {} | Op::ListSetNonneg {},
                [list, index, ..],
            ) => {
                let &(iter, offset, at) = self.counters.get(index)?;
                let covered = self
                    .indexes
                    .get(&iter)?
                    .iter()
                    .any(|&(known, lo, hi, when)| {
                        known == *list && lo <= offset && offset <= hi && when < at
                    });
                if covered {
                    inst.op = match inst.op {
                        Op::ListGet {} | Op::ListGetNonneg {} => Op::ListGetInRange {},
                        _ => Op::ListSetInRange {},
                    };
                    return Some(Action::Keep);
                }
                None
            }
            _ => None,
        };
        if let (Some(counter), Some(result)) = (counter, inst.result) {
            self.counters.insert(result, counter);
        }
        None
    }

    /// Narrows the bounds of `a` and `b` by `a OP b`, which holds from here on. (If
    /// the bounds leave no value, the guard can never pass and nothing after it runs.)
    fn narrow(&mut self, op: Cmp, a: ValueId, b: ValueId) {
        let all = Interval {
            lo: i64::MIN,
            hi: i64::MAX,
        };
        let x = self.ints.get(&a).copied().unwrap_or(all);
        let y = self.ints.get(&b).copied().unwrap_or(all);
        // `a <= b - strict` (`strict` 1 for `<`, 0 for `<=`).
        let below = |x: Interval, y: Interval, strict: i64| {
            (
                Interval {
                    lo: x.lo,
                    hi: x.hi.min(y.hi.saturating_sub(strict)),
                },
                Interval {
                    lo: y.lo.max(x.lo.saturating_add(strict)),
                    hi: y.hi,
                },
            )
        };
        let (x, y) = match op {
            Cmp::Lt => below(x, y, 1),
            Cmp::Le => below(x, y, 0),
            Cmp::Gt => {
                let (y, x) = below(y, x, 1);
                (x, y)
            }
            Cmp::Ge => {
                let (y, x) = below(y, x, 0);
                (x, y)
            }
            Cmp::Eq => {
                let both = Interval {
                    lo: x.lo.max(y.lo),
                    hi: x.hi.min(y.hi),
                };
                (both, both)
            }
            Cmp::Ne => return,
        };
        for (value, bounds) in [(a, x), (b, y)] {
            if bounds != all {
                self.ints.insert(value, bounds);
            }
        }
    }

    /// The bounds of an add or subtract with exact results in `exact` (if both
    /// operands are bounded), turning a checked one into `unchecked` when the exact
    /// results all fit.
    fn arithmetic(
        &self,
        inst: &mut Inst,
        exact: Option<(i128, i128)>,
        unchecked: Op,
    ) -> Option<Interval> {
        let (lo, hi) = exact?;
        let checked = matches!(inst.op, Op::IntAdd {} | Op::IntSub {});
        match Interval::exact(lo, hi) {
            Some(fits) => {
                if checked {
                    inst.op = unchecked;
                    inst.snapshot = None;
                }
                Some(fits)
            }
            // A checked op that did not leave yields an exact result; an unchecked
            // one whose bounds may overflow could have wrapped: nothing is known.
            None => checked.then(|| Interval::clipped(lo, hi)),
        }
    }
}
