//! Global variables, read and written in place: the context points at the runtime's
//! array of global slots, a value slot per global number.
//!
//! A load reads the slot; only an empty one (a name that falls back to a builtin, or
//! is unbound) calls `tl_load_global`, which finds the builtin or exits. A store is
//! inline when the old and the new value are immediates, else `tl_store_slot` moves
//! the references (the old value, if it was the last one, is kept until no borrowed
//! copy can point at it).

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{I32, I64, I8};
use cranelift_codegen::ir::InstBuilder;

use tracelift_trace::abi::tag::UNBOUND;
use tracelift_trace::abi::{CompileError, Helper, NativeContext, SLOT_SIZE as SLOT};
use tracelift_trace::Inst;

use super::{trusted, Lowered, Lowering};

impl Lowering<'_, '_> {
    /// `load_global`: the slot's value, or its builtin through the helper.
    pub(crate) fn load_global(
        &mut self,
        inst: &Inst,
        global: u32,
    ) -> Result<Lowered, CompileError> {
        let globals = self.context_field(NativeContext::GLOBALS_OFFSET);
        let offset = global as i32 * SLOT;
        let tag = self.builder.ins().load(I8, trusted(), globals, offset);
        let payload = self.builder.ins().load(I64, trusted(), globals, offset + 8);
        let empty = self
            .builder
            .ins()
            .icmp_imm_u(IntCC::Equal, tag, i64::from(UNBOUND));
        let fallback = self.builder.create_block();
        let done = self.builder.create_block();
        self.builder.append_block_param(done, I8);
        self.builder.append_block_param(done, I64);
        self.builder.set_cold_block(fallback);
        self.builder
            .ins()
            .brif(empty, fallback, &[], done, &[tag.into(), payload.into()]);
        self.builder.switch_to_block(fallback);
        self.builder.seal_block(fallback);
        let out = self.stack_slot();
        let ctx = self.ctx;
        let number = self.builder.ins().iconst(I32, i64::from(global));
        self.call_checked(inst, Helper::LoadGlobal, &[ctx, number, out])?;
        let tag = self.builder.ins().load(I8, trusted(), out, 0);
        let payload = self.builder.ins().load(I64, trusted(), out, 8);
        self.builder.ins().jump(done, &[tag.into(), payload.into()]);
        self.builder.switch_to_block(done);
        self.builder.seal_block(done);
        let params = self.builder.block_params(done);
        Ok(Lowered::Obj {
            tag: params[0],
            payload: params[1],
        })
    }

    /// `store_global`: a new reference to the value into the slot.
    pub(crate) fn store_global(&mut self, global: u32, value: Lowered) -> Result<(), CompileError> {
        let globals = self.context_field(NativeContext::GLOBALS_OFFSET);
        self.store_owned(globals, global as i32 * SLOT, value)
    }
}
