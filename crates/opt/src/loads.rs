//! Redundant heap reads and store-to-load forwarding, within one scope.
//!
//! Rules:
//! - `list_len`, `list_get`, `guard_sequence_len`, `sequence_item` and `load_global`
//!   equal to an earlier one (same op, immediates and arguments) with no heap write
//!   between them read the same state: the later one cannot leave and is the earlier
//!   result.
//! - After `list_set l, i, v` passed, `list_get l, i` (the same list and index values)
//!   is `v`, until the next heap write; after `list_set_nonneg l, i, v` so is
//!   `list_get_nonneg l, i` (`list_get_nonneg` and `list_get` are cached apart: a
//!   `list_get` that passed may have counted a negative index from the end).
//! - Heap writes clear what is known (alias analysis by effects): any op whose effects
//!   include writing the heap, a global or a local, a call or output clobbers every
//!   cached read, except ops that only make fresh objects or box immediates
//!   (`classify::Class::Unobserved`), which no earlier read can see, and
//!   `range_iter_next`/`list_iter_next`, which move only their iterator. `list_set`
//!   changes no length, so it keeps cached lengths, and keeps cached items of the same
//!   list value at constant indices of the same sign that differ from its own
//!   constant index; any other item may be the one it wrote (two list values may be
//!   the same list, and `-1` may be `2`). It keeps cached globals too.
//! - A peeled trace's `body` repeats, so a read of the first iteration (`loop`) can
//!   stand for one in `body` only if no instruction anywhere in `body` may change it
//!   (iteration k's last instructions run before iteration k+1's first): on entering
//!   `body`, every instruction of `body` clobbers as above, before any is visited.
//!
//! Nothing is moved and no write is removed, so snapshots always see the heap as the
//! interpreter would.

use std::collections::HashMap;

use tracelift_trace::{Effects, Inst, Op, ValueId};

use crate::classify::{class, op_key, Class};
use crate::rewrite::{forward, merge_with_earlier, Action, Rewriter};

pub(crate) fn run(trace: &mut tracelift_trace::Trace) {
    forward(trace, &mut Loads::default());
}

/// A cached read: the op's name and immediates, and its arguments.
type ReadKey = (String, Vec<ValueId>);

#[derive(Default)]
struct Loads {
    /// Reads since the last clobber, with their result (`None` for a guard).
    reads: HashMap<ReadKey, Option<ValueId>>,
    /// Int constants of the scope (to tell list indices apart).
    ints: HashMap<ValueId, i64>,
}

impl Rewriter for Loads {
    fn enter_scope(&mut self) {
        self.reads.clear();
        self.ints.clear();
    }

    fn enter_steady(&mut self, body: &[Inst]) {
        for inst in body {
            if let (Op::ConstInt { value }, Some(result)) = (inst.op, inst.result) {
                self.ints.insert(result, value);
            }
        }
        for inst in body {
            match (inst.op, &inst.args[..]) {
                (Op::ListSet {} | Op::ListSetNonneg {}, &[list, index, _]) => {
                    self.list_set(list, index)
                }
                _ if clobbers(&inst.op) => self.reads.clear(),
                _ => {}
            }
        }
    }

    fn visit(&mut self, inst: &mut Inst) -> Action {
        match inst.op {
            Op::ConstInt { value } => {
                if let Some(result) = inst.result {
                    self.ints.insert(result, value);
                }
                Action::Keep
            }
            Op::ListLen {}
            | Op::LoadGlobal { .. }
            | Op::ListGet {}
            | Op::ListGetNonneg {}
            | Op::GuardSequenceLen { .. }
            | Op::SequenceItem { .. } => {
                let key = read_key(inst.op, &inst.args);
                merge_with_earlier(&mut self.reads, key, inst.result)
            }
            Op::ListSet {} | Op::ListSetNonneg {} => {
                if let [list, index, value] = inst.args[..] {
                    self.list_set(list, index);
                    let key = read_key(Op::ListGet {}, &[list, index]);
                    self.reads.insert(key, Some(value));
                    // A store that passed with a non-negative index wrote item `index`
                    // itself, which `list_get_nonneg` reads; after `list_set` the index
                    // may have been negative, which `list_get_nonneg` would leave at.
                    if inst.op == (Op::ListSetNonneg {}) {
                        let key = read_key(Op::ListGetNonneg {}, &[list, index]);
                        self.reads.insert(key, Some(value));
                    }
                }
                Action::Keep
            }
            _ => {
                if clobbers(&inst.op) {
                    self.reads.clear();
                }
                Action::Keep
            }
        }
    }
}

impl Loads {
    /// Forgets the item reads `list_set list, index` may have changed.
    fn list_set(&mut self, list: ValueId, index: ValueId) {
        let written = self.ints.get(&index).copied();
        let ints = &self.ints;
        let item_reads = [Op::ListGet {}.name(), Op::ListGetNonneg {}.name()];
        self.reads.retain(|(op, args), _| {
            if !item_reads.contains(&op.as_str()) {
                // A store changes no length and no global; `sequence_item` may read a
                // list's item.
                return op == Op::ListLen {}.name()
                    || op.starts_with("guard_sequence_len")
                    || op.starts_with(Op::LoadGlobal { global: 0 }.name());
            }
            let (Some(&other_list), Some(other_index)) = (args.first(), args.get(1)) else {
                return false;
            };
            let read = ints.get(other_index).copied();
            match (written, read) {
                (Some(a), Some(b)) => other_list == list && a != b && (a < 0) == (b < 0),
                _ => false,
            }
        });
    }
}

/// Whether `op` may change what a heap read sees. Advancing a range or list
/// iterator writes only the iterator's position, which no cached read reads (they
/// read lists, tuples and globals).
fn clobbers(op: &Op) -> bool {
    if class(op) != Class::Effect || matches!(op, Op::RangeIterNext {} | Op::ListIterNext {}) {
        return false;
    }
    let writes = [
        Effects::WRITES_HEAP,
        Effects::WRITES_GLOBAL,
        Effects::WRITES_LOCAL,
        Effects::CALL,
        Effects::IO,
    ];
    let effects = op.signature().effects;
    writes.iter().any(|flag| effects.contains(*flag))
}

fn read_key(op: Op, args: &[ValueId]) -> ReadKey {
    (op_key(&op), args.to_vec())
}
