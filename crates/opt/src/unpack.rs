//! Allocation removal for tuples built only to be unpacked (`a, b = b, a + b` when the
//! compiler builds the tuple): the unpacking reads the items the tuple was built from.
//!
//! Rules:
//! - `guard_sequence_len N t`, where `t = build_tuple` of exactly `N` items, cannot
//!   leave and goes (another length always leaves, and stays).
//! - `sequence_item I t`, where `t = build_tuple` with an item `I`, is that item.
//!
//! The tuple itself is left for `dce`, which removes it when no remaining instruction
//! and no snapshot a remaining instruction names still refers to it; when an exit
//! still needs the tuple (it is on the operand stack there), it stays and is built.

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
}

impl Rewriter for Unpack {
    fn enter_scope(&mut self) {
        self.tuples.clear();
    }

    fn visit(&mut self, inst: &mut Inst) -> Action {
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
