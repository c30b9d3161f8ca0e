//! Lowering of the generic ops: each is a call to the VM's helper that runs the
//! interpreter's own generic function on boxed values (spilled to stack slots for the
//! helper to borrow), leaving through the op's snapshot when the helper answers
//! `EXIT`. Object constants are embedded as the bits the VM passed for them.

use cranelift_codegen::ir::{types, InstBuilder, Value};
use tracelift_trace::abi::{CompileError, Helper};
use tracelift_trace::Inst;

use super::{unsupported, Lowered, Lowering};

const I8: types::Type = types::I8;
const I32: types::Type = types::I32;
const I64: types::Type = types::I64;

impl Lowering<'_, '_> {
    /// `const_obj`: the bits the VM passed for constant `index`.
    pub(crate) fn const_obj(&mut self, index: u32) -> Result<Lowered, CompileError> {
        let bits = self
            .request
            .const_values
            .get(index as usize)
            .ok_or_else(|| unsupported("const_obj names a constant the request lacks"))?;
        let tag = self.builder.ins().iconst(I8, (bits.0[0] & 0xff) as i64);
        let payload = self.builder.ins().iconst(I64, bits.0[1] as i64);
        Ok(Lowered::Obj { tag, payload })
    }

    /// `truthy`: the helper's answer as a bool.
    pub(crate) fn truthy(&mut self, inst: &Inst) -> Result<Lowered, CompileError> {
        let object = self.spilled(inst, 0)?;
        let truth = self
            .call_helper(Helper::Truthy, &[object])?
            .ok_or_else(|| unsupported("tl_truthy answers nothing"))?;
        Ok(Lowered::Bool(self.builder.ins().ireduce(I8, truth)))
    }

    /// A generic op with no result: `helper(ctx, args...)`, exiting unless `OK`
    /// (`store_subscript`), or `helper(args...)` without the context (`iter_done`).
    pub(crate) fn generic_effect(
        &mut self,
        inst: &Inst,
        helper: Helper,
        with_ctx: bool,
    ) -> Result<(), CompileError> {
        let mut args: Vec<Value> = Vec::new();
        if with_ctx {
            args.push(self.ctx);
        }
        for position in 0..inst.args.len() {
            args.push(self.spilled(inst, position)?);
        }
        self.call_checked(inst, helper, &args)
    }

    /// Calls a generic helper `(ctx, [op,] args..., out) -> status` on the op's
    /// arguments, exiting unless it answers `OK`; the object it wrote.
    pub(crate) fn generic_call(
        &mut self,
        inst: &Inst,
        helper: Helper,
        op: Option<u32>,
    ) -> Result<Lowered, CompileError> {
        let ctx = self.ctx;
        let mut args: Vec<Value> = vec![ctx];
        if let Some(op) = op {
            args.push(self.builder.ins().iconst(I32, i64::from(op)));
        }
        for position in 0..inst.args.len() {
            args.push(self.spilled(inst, position)?);
        }
        let out = self.stack_slot();
        args.push(out);
        self.call_checked(inst, helper, &args)?;
        Ok(self.load_slot(out, 0))
    }
}
