//! Comparisons the interpreter has not specialised yet: computed with Python's full
//! semantics, and the instruction quickened to a typed form for the operand types seen
//! (`CompareIntInt`, `CompareFloatFloat`, their fused branches).

use tracelift_syntax::ast::CmpOp;

use super::interp::{Flow, Interp};
use crate::bytecode::Instr;
use crate::ops;
use crate::value::Value;

/// Whether `op` is one of the six value comparisons the typed forms implement (not
/// `is` or `in`).
fn is_ordering(op: CmpOp) -> bool {
    matches!(
        op,
        CmpOp::Eq | CmpOp::NotEq | CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE
    )
}

impl Interp<'_> {
    /// Any comparison but string equality: computed by the runtime, and the
    /// instruction quickened to a typed form when both operands are ints or floats.
    /// Out of line, so the typed forms' dispatch does not pay for its registers.
    #[inline(never)]
    pub(super) fn compare_and_quicken(&mut self, op: CmpOp) -> Flow {
        let (left, right) = (self.peek(1), self.peek(0));
        let fused_target = match self.code.instrs.get(self.current).map(|cell| cell.get()) {
            Some(Instr::CompareJumpIfFalse(_, target)) => Some(target),
            _ => None,
        };
        let specialised = match (left, right, fused_target) {
            (Value::Int(_), Value::Int(_), None) if is_ordering(op) => {
                Some(Instr::CompareIntInt(op))
            }
            (Value::Int(_), Value::Int(_), Some(target)) if is_ordering(op) => {
                Some(Instr::CompareIntIntJumpIfFalse(op, target))
            }
            (Value::Float(_), Value::Float(_), None) if is_ordering(op) => {
                Some(Instr::CompareFloatFloat(op))
            }
            (Value::Float(_), Value::Float(_), Some(target)) if is_ordering(op) => {
                Some(Instr::CompareFloatFloatJumpIfFalse(op, target))
            }
            _ => None,
        };
        let result = match ops::compare_op(left, right, op) {
            Ok(result) => result,
            Err(error) => return Interp::raise(error),
        };
        if let Some(instr) = specialised {
            self.quicken(instr);
        }
        self.replace_top(2, result);
        Flow::Next
    }
}
