//! `int_add` and `int_sub`: the sum or difference of two ints, leaving through the
//! op's snapshot when it does not fit in 64 bits (the interpreter then makes a big
//! int).
//!
//! With a constant operand the check is a compare of the other operand against the
//! bound it must not pass (`x + 1` overflows only when `x` is `i64::MAX`), which
//! Cranelift fuses with the branch to the exit (`cmp; jg`), and the sum needs no
//! flags (`lea`). Otherwise the add sets the overflow flag, and Cranelift 0.135
//! materialises it before branching on it (`add; seto; test; jnz`). Counters
//! (`i += 1`, `hi -= 1`, `n - 1`) are the common case.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use tracelift_trace::abi::CompileError;
use tracelift_trace::Inst;

use super::{Lowered, Lowering};

/// Which of the two ops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AddOrSub {
    Add,
    Sub,
}

/// How `x + c` (or `x - c`) goes wrong for the constant `c`: the condition on `x`
/// under which it overflows, as a comparison with a constant, or `None` when it
/// never does (`c` is 0).
fn overflow_bound(op: AddOrSub, c: i64) -> Option<(IntCC, i64)> {
    match (op, c.signum()) {
        (_, 0) => None,
        // x + c > MAX, x - (-c) > MAX
        (AddOrSub::Add, 1) => Some((IntCC::SignedGreaterThan, i64::MAX - c)),
        (AddOrSub::Sub, -1) => Some((IntCC::SignedGreaterThan, i64::MAX.wrapping_add(c))),
        // x + c < MIN, x - c < MIN
        (AddOrSub::Add, _) => Some((IntCC::SignedLessThan, i64::MIN - c)),
        (AddOrSub::Sub, _) => Some((IntCC::SignedLessThan, i64::MIN + c)),
    }
}

impl Lowering<'_, '_> {
    /// `int_add` or `int_sub`, exiting on overflow.
    pub(crate) fn lower_int_add_sub(
        &mut self,
        inst: &Inst,
        op: AddOrSub,
    ) -> Result<Lowered, CompileError> {
        let (a, b) = (self.int(inst, 0)?, self.int(inst, 1)?);
        let constant = |index: usize| {
            inst.args
                .get(index)
                .and_then(|arg| self.int_constants.get(arg))
                .copied()
        };
        // `x + c`, `c + x` and `x - c` (`c - x` overflows at `x` = MIN too, and is
        // left to the flags).
        let by_constant = match (op, constant(0), constant(1)) {
            (_, _, Some(c)) => Some((a, c)),
            (AddOrSub::Add, Some(c), None) => Some((b, c)),
            _ => None,
        };
        let Some((x, c)) = by_constant else {
            let ins = self.builder.ins();
            let (result, overflow) = match op {
                AddOrSub::Add => ins.sadd_overflow(a, b),
                AddOrSub::Sub => ins.ssub_overflow(a, b),
            };
            self.exit_if(inst, overflow)?;
            return Ok(Lowered::Int(result));
        };
        if let Some((cc, bound)) = overflow_bound(op, c) {
            let overflow = self.builder.ins().icmp_imm_s(cc, x, bound);
            self.exit_if(inst, overflow)?;
        }
        let ins = self.builder.ins();
        let result: Value = match op {
            AddOrSub::Add => ins.iadd_imm_s(x, c),
            AddOrSub::Sub => ins.iadd_imm_s(x, c.wrapping_neg()),
        };
        Ok(Lowered::Int(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `x op c` overflows, by the bound, for every edge `x`.
    fn overflows_by_bound(op: AddOrSub, x: i64, c: i64) -> bool {
        overflow_bound(op, c).is_some_and(|(cc, bound)| match cc {
            IntCC::SignedGreaterThan => x > bound,
            IntCC::SignedLessThan => x < bound,
            _ => unreachable!("only these two are made"),
        })
    }

    #[test]
    fn the_bound_says_overflow_exactly_when_the_checked_op_does() {
        let edges = [
            i64::MIN,
            i64::MIN + 1,
            i64::MIN + 2,
            -3,
            -2,
            -1,
            0,
            1,
            2,
            3,
            i64::MAX - 2,
            i64::MAX - 1,
            i64::MAX,
        ];
        for &x in &edges {
            for &c in &edges {
                assert_eq!(
                    overflows_by_bound(AddOrSub::Add, x, c),
                    x.checked_add(c).is_none(),
                    "{x} + {c}"
                );
                assert_eq!(
                    overflows_by_bound(AddOrSub::Sub, x, c),
                    x.checked_sub(c).is_none(),
                    "{x} - {c}"
                );
            }
        }
    }
}
