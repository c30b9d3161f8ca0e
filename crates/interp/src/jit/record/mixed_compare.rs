//! Comparisons of a float with an int constant (`if pos > 50:`, `while err >= 0:`),
//! recorded as float comparisons.
//!
//! The interpreter runs such a comparison generically (its operands are of two
//! types), and so would the trace: both boxed, a helper call, and a guard on the
//! bool it returns. Python compares a float and an int exactly; for an int a double
//! holds exactly (at most 2**53 in magnitude) that is comparing the float with the
//! int's double, NaN included (every comparison false but `!=`). So the recorder
//! emits the constant as a float and a `float_cmp`, whose bool result is typed. A
//! float that is an object (an item read from a list) is unboxed first, with a guard
//! that leaves where a later item is not a float.

use super::context::{Context, Step};
use super::{Recorder, Sym};
use crate::value::Value;
use tracelift_trace::{Cmp, Op, Type};

/// The largest int magnitude a double holds exactly, with every int below it.
const EXACT_IN_DOUBLE: u64 = 1 << 53;

impl Context<'_, '_> {
    /// Records the comparison `cmp` of the two top values as a `float_cmp` when one
    /// is a float (unboxed, or an object that is a float now, unboxed with a guard:
    /// an item read from a list) and the other an int constant a double holds
    /// exactly; `None` (nothing recorded) otherwise.
    pub(super) fn float_with_int_constant(&mut self, cmp: Cmp) -> Option<Step> {
        let right = self.recorder.peek(self.real, 0).ok()?;
        let left = self.recorder.peek(self.real, 1).ok()?;
        let exact = |recorder: &Recorder, sym: Sym| {
            recorder
                .int_constant(sym)
                .filter(|value| value.unsigned_abs() <= EXACT_IN_DOUBLE)
        };
        let real = self.real;
        let is_float = |sym: Sym, depth: usize| match sym.ty {
            Type::Float => true,
            Type::Obj => matches!(real.peek(depth), Value::Float(_)),
            _ => false,
        };
        let (constant, float_on_left) = match (left.ty, right.ty) {
            (_, Type::Int) if is_float(left, 1) => (exact(self.recorder, right)?, true),
            (Type::Int, _) if is_float(right, 0) => (exact(self.recorder, left)?, false),
            _ => return None,
        };
        Some(self.with(|recorder, real| {
            let right = recorder.pop(real)?;
            let left = recorder.pop(real)?;
            let float = if float_on_left { left } else { right };
            let float = recorder.unboxed_as(float, Type::Float)?;
            let as_float = recorder.emit(
                Op::ConstFloat {
                    value: constant as f64,
                },
                &[],
            );
            let (left, right) = match float_on_left {
                true => (float, as_float),
                false => (as_float, float),
            };
            let result = recorder.emit(Op::FloatCmp { op: cmp }, &[left, right]);
            recorder.push(result);
            Ok(())
        }))
    }
}

impl Recorder {
    /// The value of `sym` if the trace made it with `const_int`.
    fn int_constant(&self, sym: Sym) -> Option<i64> {
        let defined = self
            .body
            .iter()
            .rev()
            .find(|inst| inst.result == Some(sym.value))?;
        match defined.op {
            Op::ConstInt { value } => Some(value),
            _ => None,
        }
    }
}
