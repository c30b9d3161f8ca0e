//! `float_pow` without the interpreter's case analysis where C's `pow` is the
//! answer: a finite positive base and a finite exponent give `pow(a, b)` unless it
//! overflowed, which is what `float_pow` (and CPython) compute for them. Anything
//! else (a zero, negative, infinite or NaN operand, an infinite result) goes to the
//! full helper, which leaves through the op's snapshot where the interpreter raises.

use cranelift_codegen::ir::condcodes::FloatCC;
use cranelift_codegen::ir::{types, InstBuilder};
use tracelift_trace::abi::{CompileError, Helper};
use tracelift_trace::Inst;

use super::{unsupported, Lowered, Lowering};

impl Lowering<'_, '_> {
    pub(crate) fn float_pow(&mut self, inst: &Inst) -> Result<Lowered, CompileError> {
        let (a, b) = (self.float(inst, 0)?, self.float(inst, 1)?);
        let builder = &mut self.builder;
        let zero = builder.ins().f64const(0.0);
        let infinity = builder.ins().f64const(f64::INFINITY);
        let positive = builder.ins().fcmp(FloatCC::GreaterThan, a, zero);
        let finite_base = builder.ins().fcmp(FloatCC::LessThan, a, infinity);
        let magnitude = builder.ins().fabs(b);
        // False for a NaN exponent too.
        let finite_exponent = builder.ins().fcmp(FloatCC::LessThan, magnitude, infinity);
        let base_ok = builder.ins().band(positive, finite_base);
        let plain = builder.ins().band(base_ok, finite_exponent);

        let fast = self.builder.create_block();
        let slow = self.builder.create_block();
        let done = self.builder.create_block();
        let result = self.builder.append_block_param(done, types::F64);
        self.builder.set_cold_block(slow);
        self.builder.ins().brif(plain, fast, &[], slow, &[]);

        self.builder.switch_to_block(fast);
        self.builder.seal_block(fast);
        let power = self
            .call_helper(Helper::Pow, &[a, b])?
            .ok_or_else(|| unsupported("tl_pow answers no value"))?;
        let finite = self.builder.ins().fcmp(FloatCC::LessThan, power, infinity);
        self.builder
            .ins()
            .brif(finite, done, &[power.into()], slow, &[]);

        self.builder.switch_to_block(slow);
        self.builder.seal_block(slow);
        let Lowered::Float(general) = self.float_helper(inst, Helper::FloatPow)? else {
            return Err(unsupported("float_pow's helper gave no float"));
        };
        self.builder.ins().jump(done, &[general.into()]);

        self.builder.switch_to_block(done);
        self.builder.seal_block(done);
        Ok(Lowered::Float(result))
    }
}
