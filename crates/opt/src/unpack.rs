//! Allocation removal for objects built only to be taken apart: tuples built only to
//! be unpacked (`a, b = b, a + b` when the compiler builds the tuple), whose unpacking
//! reads the items the tuple was built from, and ranges built only to be iterated
//! (`for i in range(n)`), whose iterator is made without the range.
//!
//! Rules:
//! - `guard_sequence_len N t`, where `t = build_tuple` of exactly `N` items, cannot
//!   leave and goes (another length always leaves, and stays).
//! - `sequence_item I t`, where `t = build_tuple` with an item `I`, is that item.
//! - `range_get_iter r` right after `r = range_new a, b, c` becomes `range_iter_new a,
//!   b, c` with `range_new`'s snapshot. It may leave where `range_get_iter` could not
//!   (a zero step), so it leaves through the state before the call to `range`, from
//!   which the interpreter makes the call and raises; nothing ran between the two, so
//!   nothing runs twice. Not when anything stands between them.
//!
//! The tuple or range itself is left for `dce`, which removes it when no remaining
//! instruction and no snapshot a remaining instruction names still refers to it;
//! when an exit still needs it (it is on the operand stack there), it stays and is
//! built.

use std::collections::HashMap;

use tracelift_trace::{Inst, Op, ValueId};

use crate::rewrite::{forward, Action, Rewriter};

pub(crate) fn run(trace: &mut tracelift_trace::Trace) {
    forward(trace, &mut Unpack::default());
}

#[derive(Default)]
struct Unpack {
    /// Tuples built in the current scope, with their items.
    tuples: HashMap<ValueId, Vec<ValueId>>,
    /// The previous instruction, if it was a `range_new`.
    range_just_made: Option<Inst>,
}

impl Rewriter for Unpack {
    fn enter_scope(&mut self) {
        self.tuples.clear();
        self.range_just_made = None;
    }

    fn visit(&mut self, inst: &mut Inst) -> Action {
        let range_just_made = self.range_just_made.take();
        if let Op::RangeNew {} = inst.op {
            self.range_just_made = Some(inst.clone());
        }
        if let (Op::RangeGetIter {}, Some(range)) = (inst.op, range_just_made) {
            if range.result.is_some() && inst.args.first() == range.result.as_ref() {
                inst.op = Op::RangeIterNew {};
                inst.args = range.args;
                inst.snapshot = range.snapshot;
            }
            return Action::Keep;
        }
        let items = inst.args.first().and_then(|tuple| self.tuples.get(tuple));
        match inst.op {
            Op::BuildTuple {} => {
                if let Some(result) = inst.result {
                    self.tuples.insert(result, inst.args.clone());
                }
                Action::Keep
            }
            Op::GuardSequenceLen { count } => match items {
                Some(items) if items.len() == count as usize => Action::Drop,
                _ => Action::Keep,
            },
            Op::SequenceItem { index } => match items.and_then(|items| items.get(index as usize)) {
                Some(item) => Action::Replace(*item),
                None => Action::Keep,
            },
            _ => Action::Keep,
        }
    }
}
