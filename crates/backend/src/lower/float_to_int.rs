//! `float_to_int` (`int(x)` of a float): truncation toward zero, leaving the trace
//! where the result is not a 64-bit int. Both bounds are exact doubles (-2**63 and
//! 2**63), every double in between truncates to an int that fits, and NaN fails
//! both comparisons, so the saturating conversion after the check never saturates.

use cranelift_codegen::ir::condcodes::FloatCC;
use cranelift_codegen::ir::{types, InstBuilder};
use tracelift_trace::abi::CompileError;
use tracelift_trace::Inst;

use super::{Lowered, Lowering};

/// 2**63, the first double past the 64-bit ints.
const TWO_TO_63: f64 = 9_223_372_036_854_775_808.0;

impl Lowering<'_, '_> {
    pub(crate) fn float_to_int(&mut self, inst: &Inst) -> Result<Lowered, CompileError> {
        let a = self.float(inst, 0)?;
        let builder = &mut self.builder;
        let low = builder.ins().f64const(-TWO_TO_63);
        let high = builder.ins().f64const(TWO_TO_63);
        let above_low = builder.ins().fcmp(FloatCC::GreaterThanOrEqual, a, low);
        let below_high = builder.ins().fcmp(FloatCC::LessThan, a, high);
        let fits = builder.ins().band(above_low, below_high);
        self.exit_unless(inst, fits)?;
        Ok(Lowered::Int(
            self.builder.ins().fcvt_to_sint_sat(types::I64, a),
        ))
    }
}
