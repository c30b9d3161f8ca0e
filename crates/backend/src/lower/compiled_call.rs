//! Compiled calls: a `call_py` of a function tree's own function (recursion, see
//! `FunctionTree`) runs as a native call of the tree's root entry, with the VM out of
//! the way unless the callee leaves anywhere but at a `return` of an immediate.
//!
//! The call is made compiled only when the VM's own call would be made at once: a
//! step is left in the slice (it takes it, as the interpreter's call does), the
//! frames of calls in progress (`NativeContext::call_depth`) are below the cap the VM
//! worked out from the recursion limit, the native stack pointer is above
//! `NativeContext::stack_floor`, the objects kept for the trace leave room for what
//! the call may keep, and the tree inlines no call (an exit would have to rebuild
//! frames the cap did not allow for). Otherwise `tl_call_py` makes it, and raises
//! `RecursionError` or takes a new slice exactly as before.
//!
//! The callee's frame is a stack slot of the caller: the arguments, each with a
//! reference of the frame's own (a frame owns its values), then unbound locals; the
//! callee only reads it (no trace of a function tree closes a loop, which would
//! write its frame: `lower_loop` and `lower_side` refuse such a trace), so after a
//! return the frame still holds the arguments the caller has in hand. The
//! objects the call's snapshot lists get a reference of the caller's, as
//! `tl_call_py` takes them, since the callee could otherwise free them.
//!
//! When the callee returns an immediate (`ExitCode::returned`, the value in
//! `NativeContext::returned`), compiled code frees what the callee kept
//! (`tl_free_callee_kept`, only if it kept anything), drops the frame's references
//! and its own, and goes on. Anything else, an exit, a spent slice, an error or an
//! object returned, goes to `tl_finish_call`, which finishes the call in the VM the
//! way a direct call does (`vm/direct_call.rs`) and answers like `tl_call_py`.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types, Block, InstBuilder, InstructionData, Opcode, StackSlotData, StackSlotKind, Value,
};
use cranelift_module::Module;
use tracelift_trace::abi::tag::{BUILTIN, LAST_IMMEDIATE, UNBOUND};
use tracelift_trace::abi::{
    CompileError, ExitCode, FunctionTree, Helper, NativeContext, MAX_TRACE_ALLOCATIONS,
    SLOT_SIZE as SLOT,
};
use tracelift_trace::{Inst, Op, ValueId};

use super::{trusted, unsupported, Lowered, Lowering};

const I8: types::Type = types::I8;
const I32: types::Type = types::I32;
const I64: types::Type = types::I64;

/// A `call_py` that may run compiled: its callee's function tree.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CompiledCall {
    tree: FunctionTree,
    /// The index in `trace.codes` of the function (what `guard_code` checked).
    code: u32,
}

impl Lowering<'_, '_> {
    /// Whether `inst`, a `call_py` from `depth` inlined frames deep, calls the
    /// trace's own function tree with exactly its parameters, its callee checked by
    /// an earlier `guard_code`, and can be made compiled (the VM measured the
    /// reference count's place).
    pub(crate) fn compiled_call_of(&self, inst: &Inst, depth: u32) -> Option<CompiledCall> {
        self.layout?;
        let tree = self.request.function?;
        let (code, callee) = (tree.code?, inst.args.first()?);
        if depth != 0 || inst.args.len() != tree.params as usize + 1 {
            return None;
        }
        let mut checked = false;
        for earlier in self.request.trace.insts() {
            if std::ptr::eq(earlier, inst) {
                break;
            }
            checked |= matches!(earlier.op, Op::GuardCode { code: guarded } if guarded == code)
                && earlier.args.first() == Some(callee);
        }
        checked.then_some(CompiledCall { tree, code })
    }

    /// Lowers `inst` as a compiled call where it can be made, else through
    /// `tl_call_py`; the value returned.
    pub(crate) fn compiled_call(
        &mut self,
        inst: &Inst,
        call: CompiledCall,
    ) -> Result<Lowered, CompileError> {
        let held = self.held_across(inst)?;
        let join = self.builder.create_block();
        let tag = self.builder.append_block_param(join, I8);
        let payload = self.builder.append_block_param(join, I64);
        let native = self.builder.create_block();
        let slow = self.builder.create_block();
        self.builder.set_cold_block(slow);

        let slice = self.context_field(NativeContext::SLICE_OFFSET);
        let depth_at = self.context_field(NativeContext::CALL_DEPTH_OFFSET);
        let kept_at = self.context_field(NativeContext::DEFERRED_LEN_OFFSET);
        let steps = self.builder.ins().load(I64, trusted(), slice, 0);
        let depth = self.builder.ins().load(I64, trusted(), depth_at, 0);
        let kept = self.builder.ins().load(I64, trusted(), kept_at, 0);
        self.branch_if_callable(call, (steps, depth, kept), held.len(), (native, slow))?;

        self.builder.switch_to_block(slow);
        self.builder.seal_block(slow);
        let Lowered::Obj { tag: t, payload: p } = self.call_py_helper(inst, 0)? else {
            return Err(unsupported("call_py answers an object"));
        };
        self.builder.ins().jump(join, &[t.into(), p.into()]);

        self.builder.switch_to_block(native);
        self.builder.seal_block(native);
        let one_less = self.builder.ins().iadd_imm_s(steps, -1);
        self.builder.ins().store(trusted(), one_less, slice, 0);
        let deeper = self.builder.ins().iadd_imm_s(depth, 1);
        self.builder.ins().store(trusted(), deeper, depth_at, 0);
        for value in &held {
            let lowered = self.get(*value)?;
            let (tag, payload) = self.boxed(lowered);
            self.take_reference(tag, payload);
        }
        let frame = self.callee_frame(inst, call.tree)?;
        let code = self.call_root_entry(call.tree, frame)?;
        self.builder.ins().store(trusted(), depth, depth_at, 0);

        let returned = self
            .builder
            .ins()
            .band_imm_u(code, ExitCode::RETURNED as i64);
        let check_value = self.builder.create_block();
        let finish = self.builder.create_block();
        self.builder.set_cold_block(finish);
        self.builder
            .ins()
            .brif(returned, check_value, &[], finish, &[]);
        self.builder.switch_to_block(check_value);
        self.builder.seal_block(check_value);
        let ctx = self.ctx;
        let value_tag = self
            .builder
            .ins()
            .load(I8, trusted(), ctx, NativeContext::RETURNED_OFFSET);
        let immediate = self.builder.ins().icmp_imm_u(
            IntCC::UnsignedLessThanOrEqual,
            value_tag,
            i64::from(LAST_IMMEDIATE),
        );
        let done = self.builder.create_block();
        self.builder.ins().brif(immediate, done, &[], finish, &[]);

        self.builder.switch_to_block(done);
        self.builder.seal_block(done);
        let value_payload =
            self.builder
                .ins()
                .load(I64, trusted(), ctx, NativeContext::RETURNED_OFFSET + 8);
        self.free_callee_kept(kept_at, kept)?;
        // The frame holds what it was given: no trace of a function tree writes its
        // frame (none closes a loop, `lower_loop` and `lower_side` see to it).
        for value in inst.args[1..].iter().chain(&held) {
            let lowered = self.get(*value)?;
            let (tag, payload) = self.boxed(lowered);
            self.drop_reference(tag, payload)?;
        }
        self.builder
            .ins()
            .jump(join, &[value_tag.into(), value_payload.into()]);

        self.builder.switch_to_block(finish);
        self.builder.seal_block(finish);
        let (t, p) = self.finish_in_vm(inst, call, code, frame, &held, kept)?;
        self.builder.ins().jump(join, &[t.into(), p.into()]);

        self.builder.switch_to_block(join);
        self.builder.seal_block(join);
        Ok(Lowered::Obj { tag, payload })
    }

    /// Goes on to `native` if the VM's call would be made at once (see the module
    /// docs): a step left, depth and native stack to spare, room for what it may
    /// keep, and a tree that inlines no call; else to `slow`. One compare and branch
    /// each, which x64 fuses (`cmp; jcc`): combining the five flags into one took
    /// a `setcc` and an `and` each, 16 instructions a call where these take 10.
    fn branch_if_callable(
        &mut self,
        call: CompiledCall,
        (steps, depth, kept): (Value, Value, Value),
        held: usize,
        (native, slow): (Block, Block),
    ) -> Result<(), CompileError> {
        let needed = held as u64 + u64::from(call.tree.frame_slots) + 1;
        let room = MAX_TRACE_ALLOCATIONS
            .checked_sub(needed)
            .ok_or_else(|| unsupported("a call that may keep too many objects"))?;
        let has_step = self.builder.ins().icmp_imm_s(IntCC::NotEqual, steps, 0);
        self.branch_away(has_step, false, slow);
        let cap = self.context_field(NativeContext::CALL_DEPTH_CAP_OFFSET);
        let shallow = self.builder.ins().icmp(IntCC::UnsignedLessThan, depth, cap);
        self.branch_away(shallow, false, slow);
        let floor = self.context_field(NativeContext::STACK_FLOOR_OFFSET);
        let stack = self.builder.ins().get_stack_pointer(I64);
        let stack_left = self
            .builder
            .ins()
            .icmp(IntCC::UnsignedGreaterThan, stack, floor);
        self.branch_away(stack_left, false, slow);
        let kept_ok = self
            .builder
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, kept, room as i64);
        self.branch_away(kept_ok, false, slow);
        let inlining_at = self
            .builder
            .ins()
            .iconst(I64, call.tree.inline_depth_at as i64);
        let inlining = self.builder.ins().load(I64, trusted(), inlining_at, 0);
        let no_inlining = self.builder.ins().icmp_imm_s(IntCC::Equal, inlining, 0);
        self.builder.ins().brif(no_inlining, native, &[], slow, &[]);
        Ok(())
    }

    /// The callee's frame in a stack slot: the arguments (each with a reference of
    /// the frame's own), then unbound locals. Its address.
    fn callee_frame(&mut self, inst: &Inst, tree: FunctionTree) -> Result<Value, CompileError> {
        let area = self.builder.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            tree.frame_slots.max(1) * SLOT as u32,
            3,
        ));
        let frame = self.builder.ins().stack_addr(I64, area, 0);
        let args: Vec<ValueId> = inst.args[1..].to_vec();
        for (slot, arg) in args.iter().enumerate() {
            let lowered = self.get(*arg)?;
            let (tag, payload) = self.boxed(lowered);
            self.take_reference(tag, payload);
            self.store_slot(Lowered::Obj { tag, payload }, frame, slot as i32 * SLOT);
        }
        let unbound = self.builder.ins().iconst(I8, i64::from(UNBOUND));
        for slot in args.len()..tree.frame_slots as usize {
            self.builder
                .ins()
                .store(trusted(), unbound, frame, slot as i32 * SLOT);
        }
        Ok(frame)
    }

    /// Calls the tree's root entry on `frame`; its exit code.
    fn call_root_entry(&mut self, tree: FunctionTree, frame: Value) -> Result<Value, CompileError> {
        let ctx = self.ctx;
        let call = match (tree.root_entry, self.own_entry) {
            (0, Some(own)) => {
                let callee = self.module.declare_func_in_func(own, self.builder.func);
                self.builder.ins().call(callee, &[frame, ctx])
            }
            (0, None) => return Err(unsupported("a compiled call without the root's entry")),
            (address, _) => {
                let signature = self
                    .builder
                    .import_signature(crate::trampoline::trace_signature());
                let target = self.builder.ins().iconst(I64, address as i64);
                self.builder
                    .ins()
                    .call_indirect(signature, target, &[frame, ctx])
            }
        };
        self.builder
            .inst_results(call)
            .first()
            .copied()
            .ok_or_else(|| unsupported("a trace entry answers no exit code"))
    }

    /// If the callee kept objects (`deferred_len` is not `kept` any more), frees them.
    fn free_callee_kept(&mut self, kept_at: Value, kept: Value) -> Result<(), CompileError> {
        let now = self.builder.ins().load(I64, trusted(), kept_at, 0);
        let more = self.builder.ins().icmp(IntCC::NotEqual, now, kept);
        let free = self.builder.create_block();
        let next = self.builder.create_block();
        self.builder.set_cold_block(free);
        self.builder.ins().brif(more, free, &[], next, &[]);
        self.builder.switch_to_block(free);
        self.builder.seal_block(free);
        let ctx = self.ctx;
        self.call_helper(Helper::FreeCalleeKept, &[ctx, kept])?;
        self.builder.ins().jump(next, &[]);
        self.builder.switch_to_block(next);
        self.builder.seal_block(next);
        Ok(())
    }

    /// `tl_finish_call` for a callee that did not return an immediate; leaves as
    /// `tl_call_py`'s answer says. The value returned.
    fn finish_in_vm(
        &mut self,
        inst: &Inst,
        call: CompiledCall,
        code: Value,
        frame: Value,
        held: &[ValueId],
        kept: Value,
    ) -> Result<(Value, Value), CompileError> {
        let (keep, count) = self.keep_area(held)?;
        let callee = (u64::from(self.request.number) << 32) | u64::from(call.code);
        let callee = self.builder.ins().iconst(I64, callee as i64);
        let slots = self
            .builder
            .ins()
            .iconst(I32, i64::from(call.tree.frame_slots));
        let count = self.builder.ins().iconst(I32, count as i64);
        let out = self.stack_slot();
        let ctx = self.ctx;
        let status = self
            .call_helper(
                Helper::FinishCall,
                &[ctx, code, callee, frame, slots, keep, count, kept, out],
            )?
            .ok_or_else(|| unsupported("tl_finish_call answers no status"))?;
        self.after_call(inst, status)?;
        let Lowered::Obj { tag, payload } = self.load_slot(out, 0) else {
            return Err(unsupported("an out slot loads as an object"));
        };
        Ok((tag, payload))
    }

    /// Whether `tag` is a constant that is not a counted object's (a boxed int,
    /// float or bool): then there is no reference to take or drop, and no code for it.
    fn never_counted(&self, tag: Value) -> bool {
        let dfg = &self.builder.func.dfg;
        let Some(inst) = dfg.value_def(tag).inst() else {
            return false;
        };
        match dfg.insts[inst] {
            InstructionData::UnaryImm {
                opcode: Opcode::Iconst,
                imm,
            } => {
                let tag = imm.bits();
                tag <= i64::from(LAST_IMMEDIATE) || tag == i64::from(BUILTIN)
            }
            _ => false,
        }
    }

    /// Whether a slot's tag is a counted object's (not an immediate, not a builtin).
    fn is_counted(&mut self, tag: Value) -> Value {
        let ins = self.builder.ins();
        let object = ins.icmp_imm_u(IntCC::UnsignedGreaterThan, tag, i64::from(LAST_IMMEDIATE));
        let builtin = self
            .builder
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, i64::from(BUILTIN));
        self.builder.ins().band_not(object, builtin)
    }

    /// Takes one more reference to the object `(tag, payload)`, if it is counted.
    fn take_reference(&mut self, tag: Value, payload: Value) {
        let Some(layout) = self.layout else {
            return;
        };
        if self.never_counted(tag) {
            return;
        }
        let counted = self.is_counted(tag);
        let take = self.builder.create_block();
        let next = self.builder.create_block();
        self.builder.ins().brif(counted, take, &[], next, &[]);
        self.builder.switch_to_block(take);
        self.builder.seal_block(take);
        let count = self
            .builder
            .ins()
            .load(I64, trusted(), payload, layout.strong_count);
        let count = self.builder.ins().iadd_imm_s(count, 1);
        self.builder
            .ins()
            .store(trusted(), count, payload, layout.strong_count);
        self.builder.ins().jump(next, &[]);
        self.builder.switch_to_block(next);
        self.builder.seal_block(next);
    }

    /// Drops a reference `take_reference` took (or a frame owned): inline unless it
    /// is the last, which `tl_drop_last_reference` lets go of as the VM would.
    fn drop_reference(&mut self, tag: Value, payload: Value) -> Result<(), CompileError> {
        let Some(layout) = self.layout else {
            return Ok(());
        };
        if self.never_counted(tag) {
            return Ok(());
        }
        let counted = self.is_counted(tag);
        let count_block = self.builder.create_block();
        let next = self.builder.create_block();
        self.builder
            .ins()
            .brif(counted, count_block, &[], next, &[]);
        self.builder.switch_to_block(count_block);
        self.builder.seal_block(count_block);
        let count = self
            .builder
            .ins()
            .load(I64, trusted(), payload, layout.strong_count);
        let last = self.builder.ins().icmp_imm_s(IntCC::Equal, count, 1);
        let last_block: Block = self.builder.create_block();
        let fewer = self.builder.create_block();
        self.builder.set_cold_block(last_block);
        self.builder.ins().brif(last, last_block, &[], fewer, &[]);
        self.builder.switch_to_block(fewer);
        self.builder.seal_block(fewer);
        let count = self.builder.ins().iadd_imm_s(count, -1);
        self.builder
            .ins()
            .store(trusted(), count, payload, layout.strong_count);
        self.builder.ins().jump(next, &[]);
        self.builder.switch_to_block(last_block);
        self.builder.seal_block(last_block);
        let slot = self.stack_slot();
        self.store_slot(Lowered::Obj { tag, payload }, slot, 0);
        let ctx = self.ctx;
        self.call_helper(Helper::DropLastReference, &[ctx, slot])?;
        self.builder.ins().jump(next, &[]);
        self.builder.switch_to_block(next);
        self.builder.seal_block(next);
        Ok(())
    }
}
