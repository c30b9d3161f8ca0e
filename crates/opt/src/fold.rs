//! Constant folding and algebraic identities.
//!
//! Rules (each with text tests in `tests/passes/fold_*.trace`):
//! - An int op whose operands are all constants (`int_add_fits` and `int_sub_fits`
//!   too, when the result fits) becomes `const_int`, computed by
//!   `tracelift_trace::arith` (the functions the evaluator and the interpreter's fast
//!   paths run); where that answers `None` (overflow, a zero divisor, a negative
//!   shift) the op stays and leaves the trace as before.
//! - `int_cmp`, `float_cmp` and `bool_not` of constants become `const_bool`;
//!   `float_add`, `float_sub`, `float_mul`, `float_neg`, `int_to_float`, and
//!   `float_div` by a non-zero constant become `const_float`, computed by the same
//!   single IEEE operation the evaluator performs (no other float op is folded:
//!   their Python rules live in the interpreter).
//! - Int identities that can neither overflow nor raise: `x + 0`, `0 + x`, `x - 0`,
//!   `x * 1`, `1 * x`, `x // 1`, `x | 0`, `x ^ 0`, `x & -1`, `x << 0`, `x >> 0` are
//!   `x`; `x * 0`, `0 * x`, `x % 1`, `x & 0` are `0`; `x - x` and `x ^ x` are 0;
//!   `int_cmp` of a value with itself is its truth for equal operands;
//!   `bool_not (bool_not x)` is `x`. No float identity is used: `x + 0.0` is not
//!   `x` for `-0.0`, and NaN payloads are not promised.

use std::collections::HashMap;

use tracelift_trace::{arith, Inst, Op, ValueId};

use crate::rewrite::{forward, Action, Rewriter};

pub(crate) fn run(trace: &mut tracelift_trace::Trace) {
    forward(trace, &mut Fold::default());
}

/// A constant a value is known to be.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Const {
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// What an op folds to.
enum Folded {
    Const(Const),
    Value(ValueId),
}

#[derive(Default)]
struct Fold {
    consts: HashMap<ValueId, Const>,
    /// `bool_not` results and their operand.
    nots: HashMap<ValueId, ValueId>,
}

impl Rewriter for Fold {
    fn enter_scope(&mut self) {
        self.consts.clear();
        self.nots.clear();
    }

    fn visit(&mut self, inst: &mut Inst) -> Action {
        let known = match inst.op {
            Op::ConstInt { value } => Some(Const::Int(value)),
            Op::ConstFloat { value } => Some(Const::Float(value)),
            Op::ConstBool { value } => Some(Const::Bool(value)),
            _ => None,
        };
        if let (Some(known), Some(result)) = (known, inst.result) {
            self.consts.insert(result, known);
            return Action::Keep;
        }
        let Some(result) = inst.result else {
            return Action::Keep;
        };
        match self.fold(inst) {
            None => {
                if let (Op::BoolNot {}, [operand]) = (inst.op, inst.args.as_slice()) {
                    self.nots.insert(result, *operand);
                }
                Action::Keep
            }
            Some(Folded::Value(value)) => Action::Replace(value),
            Some(Folded::Const(constant)) => {
                inst.op = match constant {
                    Const::Int(value) => Op::ConstInt { value },
                    Const::Float(value) => Op::ConstFloat { value },
                    Const::Bool(value) => Op::ConstBool { value },
                };
                inst.args.clear();
                inst.snapshot = None;
                self.consts.insert(result, constant);
                Action::Keep
            }
        }
    }
}

impl Fold {
    fn int(&self, value: ValueId) -> Option<i64> {
        match self.consts.get(&value)? {
            Const::Int(value) => Some(*value),
            _ => None,
        }
    }

    fn float(&self, value: ValueId) -> Option<f64> {
        match self.consts.get(&value)? {
            Const::Float(value) => Some(*value),
            _ => None,
        }
    }

    fn bool(&self, value: ValueId) -> Option<bool> {
        match self.consts.get(&value)? {
            Const::Bool(value) => Some(*value),
            _ => None,
        }
    }

    fn fold(&self, inst: &Inst) -> Option<Folded> {
        let args = inst.args.as_slice();
        let int_op: Option<fn(i64, i64) -> Option<i64>> = match inst.op {
            Op::IntAdd {} | Op::IntAddFits {} => Some(arith::add),
            Op::IntSub {} | Op::IntSubFits {} => Some(arith::sub),
            Op::IntMul {} => Some(arith::mul),
            Op::IntFloorDiv {} => Some(arith::floor_div),
            Op::IntMod {} => Some(arith::modulo),
            Op::IntShl {} => Some(arith::shl),
            Op::IntShr {} => Some(arith::shr),
            Op::IntAnd {} => Some(|a, b| Some(a & b)),
            Op::IntOr {} => Some(|a, b| Some(a | b)),
            Op::IntXor {} => Some(|a, b| Some(a ^ b)),
            _ => None,
        };
        if let (Some(op), [a, b]) = (int_op, args) {
            if let (Some(x), Some(y)) = (self.int(*a), self.int(*b)) {
                return op(x, y).map(|value| Folded::Const(Const::Int(value)));
            }
            return self.int_identity(inst.op, *a, *b);
        }
        let float_op: Option<fn(f64, f64) -> f64> = match inst.op {
            Op::FloatAdd {} => Some(|a, b| a + b),
            Op::FloatSub {} => Some(|a, b| a - b),
            Op::FloatMul {} => Some(|a, b| a * b),
            Op::FloatDiv {} => Some(|a, b| a / b),
            _ => None,
        };
        if let (Some(op), [a, b]) = (float_op, args) {
            let (x, y) = (self.float(*a)?, self.float(*b)?);
            // A zero divisor leaves the trace (the interpreter raises).
            if matches!(inst.op, Op::FloatDiv {}) && y == 0.0 {
                return None;
            }
            return Some(Folded::Const(Const::Float(op(x, y))));
        }
        let constant = match (inst.op, args) {
            (Op::IntNeg {}, [a]) => Const::Int(arith::neg(self.int(*a)?)?),
            (Op::IntCmp { op }, [a, b]) => {
                if a == b {
                    return Some(Folded::Const(Const::Bool(
                        op.holds(Some(std::cmp::Ordering::Equal)),
                    )));
                }
                Const::Bool(op.holds(Some(self.int(*a)?.cmp(&self.int(*b)?))))
            }
            (Op::FloatCmp { op }, [a, b]) => {
                Const::Bool(op.holds(self.float(*a)?.partial_cmp(&self.float(*b)?)))
            }
            (Op::FloatNeg {}, [a]) => Const::Float(-self.float(*a)?),
            (Op::IntToFloat {}, [a]) => Const::Float(self.int(*a)? as f64),
            (Op::BoolNot {}, [a]) => {
                if let Some(inner) = self.nots.get(a) {
                    return Some(Folded::Value(*inner));
                }
                Const::Bool(!self.bool(*a)?)
            }
            _ => return None,
        };
        Some(Folded::Const(constant))
    }

    /// `x OP c` or `c OP x` that is `x` or a constant whatever `x` is.
    fn int_identity(&self, op: Op, a: ValueId, b: ValueId) -> Option<Folded> {
        let zero = || Some(Folded::Const(Const::Int(0)));
        let same = |value| Some(Folded::Value(value));
        let (left, right) = (self.int(a), self.int(b));
        match (op, left, right) {
            (Op::IntAdd {} | Op::IntAddFits {}, _, Some(0)) => same(a),
            (Op::IntAdd {} | Op::IntAddFits {}, Some(0), _) => same(b),
            (Op::IntSub {} | Op::IntSubFits {}, _, Some(0)) => same(a),
            (Op::IntSub {} | Op::IntSubFits {} | Op::IntXor {}, _, _) if a == b => zero(),
            (Op::IntMul {}, _, Some(1)) => same(a),
            (Op::IntMul {}, Some(1), _) => same(b),
            (Op::IntMul {}, _, Some(0)) | (Op::IntMul {}, Some(0), _) => zero(),
            (Op::IntFloorDiv {}, _, Some(1)) => same(a),
            (Op::IntMod {}, _, Some(1)) => zero(),
            (Op::IntAnd {}, _, Some(0)) | (Op::IntAnd {}, Some(0), _) => zero(),
            (Op::IntAnd {}, _, Some(-1)) => same(a),
            (Op::IntAnd {}, Some(-1), _) => same(b),
            (Op::IntOr {} | Op::IntXor {}, _, Some(0)) => same(a),
            (Op::IntOr {} | Op::IntXor {}, Some(0), _) => same(b),
            (Op::IntShl {} | Op::IntShr {}, _, Some(0)) => same(a),
            _ => None,
        }
    }
}
