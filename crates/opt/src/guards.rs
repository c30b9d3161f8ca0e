//! Type propagation and guard elimination: a guard an earlier op already proved goes.
//!
//! Facts are kept per value, for the current scope, in the order the trace runs:
//! - `box_int x` (`box_float`, `box_bool`) is an object known to hold `x`: unboxing
//!   it with the matching op is `x` and cannot leave. Unboxing it as another type
//!   always leaves, and stays.
//! - After `r = unbox_int o` passed, `o` is known to hold `r`: a later `unbox_int o`
//!   is `r`.
//! - `const_bool b` is `b`; after `guard_true c` passed, `c` is true (after
//!   `guard_false c`, false). A guard of a known bool that holds goes; one that
//!   cannot hold stays (it always leaves, as recorded).
//! - `build_list` makes a list, and after `guard_list o` passed `o` is one: a later
//!   `guard_list o` goes. The same for `guard_code o` with the same code and for
//!   `guard_range_builtin o` (a value's type and a function's code never change).

use std::collections::{HashMap, HashSet};

use tracelift_trace::{Inst, Op, Type, ValueId};

use crate::rewrite::{forward, Action, Rewriter};

pub(crate) fn run(trace: &mut tracelift_trace::Trace) {
    forward(trace, &mut Guards::default());
}

/// A guard that passed on a value, by the guard's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Proven {
    List,
    Code(u32),
    RangeBuiltin,
}

#[derive(Default)]
struct Guards {
    /// Objects known to hold an unboxed value of a type.
    boxed: HashMap<ValueId, (Type, ValueId)>,
    /// Bools known to be true or false.
    bools: HashMap<ValueId, bool>,
    /// Guards that passed, per value.
    proven: HashSet<(ValueId, Proven)>,
}

impl Rewriter for Guards {
    fn enter_scope(&mut self) {
        self.boxed.clear();
        self.bools.clear();
        self.proven.clear();
    }

    fn visit(&mut self, inst: &mut Inst) -> Action {
        let arg = inst.args.first().copied();
        match (inst.op, arg, inst.result) {
            (Op::ConstBool { value }, _, Some(result)) => {
                self.bools.insert(result, value);
                Action::Keep
            }
            (Op::BoxInt {}, Some(value), Some(result)) => self.boxes(result, Type::Int, value),
            (Op::BoxFloat {}, Some(value), Some(result)) => self.boxes(result, Type::Float, value),
            (Op::BoxBool {}, Some(value), Some(result)) => self.boxes(result, Type::Bool, value),
            (Op::UnboxInt {}, Some(object), Some(result)) => self.unbox(object, Type::Int, result),
            (Op::UnboxFloat {}, Some(object), Some(result)) => {
                self.unbox(object, Type::Float, result)
            }
            (Op::UnboxBool {}, Some(object), Some(result)) => {
                self.unbox(object, Type::Bool, result)
            }
            (Op::GuardTrue {} | Op::GuardFalse {}, Some(condition), _) => {
                let wanted = matches!(inst.op, Op::GuardTrue {});
                match self.bools.get(&condition) {
                    Some(known) if *known == wanted => Action::Drop,
                    Some(_) => Action::Keep,
                    None => {
                        self.bools.insert(condition, wanted);
                        Action::Keep
                    }
                }
            }
            (Op::BuildList {}, _, Some(result)) => {
                self.proven.insert((result, Proven::List));
                Action::Keep
            }
            (Op::GuardList {}, Some(object), _) => self.guard(object, Proven::List),
            (Op::GuardCode { code }, Some(object), _) => self.guard(object, Proven::Code(code)),
            (Op::GuardRangeBuiltin {}, Some(object), _) => self.guard(object, Proven::RangeBuiltin),
            _ => Action::Keep,
        }
    }
}

impl Guards {
    fn boxes(&mut self, object: ValueId, ty: Type, value: ValueId) -> Action {
        self.boxed.insert(object, (ty, value));
        Action::Keep
    }

    fn unbox(&mut self, object: ValueId, ty: Type, result: ValueId) -> Action {
        match self.boxed.get(&object) {
            Some((known, value)) if *known == ty => Action::Replace(*value),
            // Another type: this unbox always leaves the trace, as recorded.
            Some(_) => Action::Keep,
            None => {
                self.boxed.insert(object, (ty, result));
                Action::Keep
            }
        }
    }

    fn guard(&mut self, object: ValueId, proven: Proven) -> Action {
        if self.proven.insert((object, proven)) {
            Action::Keep
        } else {
            Action::Drop
        }
    }
}
