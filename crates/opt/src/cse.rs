//! Common subexpression elimination.
//!
//! Rules:
//! - A pure op (`classify::Class::Pure`) equal to an earlier one in the same scope
//!   (same op, same immediates, same arguments) is that one's result.
//! - A checked op (`Class::Checked`: type and branch guards, arithmetic that leaves
//!   on overflow or a zero divisor) equal to an earlier one cannot leave, since the
//!   earlier one passed on the same values: it goes, and its result is the earlier
//!   result.
//! - Nothing else merges: ops that read the heap, globals or iterators, or make
//!   objects, may see different state the second time.
//!
//! Float constants are equal only with the same bits (`0.0` is not `-0.0`).

use std::collections::HashMap;

use tracelift_trace::{Inst, ValueId};

use crate::classify::{class, op_key, Class};
use crate::rewrite::{forward, merge_with_earlier, Action, Rewriter};

pub(crate) fn run(trace: &mut tracelift_trace::Trace) {
    forward(trace, &mut Cse::default());
}

/// What makes two instructions equal: the op with its immediates, and the arguments.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    op: String,
    args: Vec<ValueId>,
}

#[derive(Default)]
struct Cse {
    /// Earlier instructions of this scope, with their result.
    seen: HashMap<Key, Option<ValueId>>,
}

impl Rewriter for Cse {
    fn enter_scope(&mut self) {
        self.seen.clear();
    }

    fn visit(&mut self, inst: &mut Inst) -> Action {
        if !matches!(class(&inst.op), Class::Pure | Class::Checked) {
            return Action::Keep;
        }
        let key = Key {
            op: op_key(&inst.op),
            args: inst.args.clone(),
        };
        merge_with_earlier(&mut self.seen, key, inst.result)
    }
}
