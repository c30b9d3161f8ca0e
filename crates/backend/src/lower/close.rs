//! The end of a side trace: it has reached its root's loop header, so it writes its
//! state into the interpreter frame (which the root reads on entry) and tail-calls
//! the root. The trace tree runs on without returning to the VM.

use cranelift_codegen::ir::{types, InstBuilder};
use tracelift_interp::jit::native::CompileError;

use super::{unsupported, Lowering};

impl Lowering<'_, '_> {
    pub(crate) fn close_side_trace(&mut self) -> Result<(), CompileError> {
        let side = self
            .request
            .side
            .ok_or_else(|| unsupported("a side trace without its link"))?;
        let close = self
            .request
            .trace
            .side
            .as_ref()
            .map(|side| side.close)
            .ok_or_else(|| unsupported("a side trace without a closing snapshot"))?;
        self.write_snapshot(close)?;
        let (ctx, frame) = (self.ctx, self.frame);
        let number = self
            .builder
            .ins()
            .iconst(types::I32, i64::from(self.request.number));
        let snapshot = self.builder.ins().iconst(types::I32, i64::from(close.0));
        self.call_helper(
            "tl_flush_frame",
            &[types::I64, types::I64, types::I32, types::I32],
            &[],
            &[ctx, frame, number, snapshot],
        )?;
        let root = self
            .builder
            .ins()
            .iconst(types::I64, side.root_entry as i64);
        self.tail_call(root);
        Ok(())
    }
}
