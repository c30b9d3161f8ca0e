//! State held in registers through a peeled trace's steady-state `body`: the range
//! iterator the loop advances (its `remaining` count and `next` item) and the step
//! budget's slice counter. Elsewhere each `range_iter_next` and `burn_fuel` loads its
//! field, changes it and stores it back on every iteration; in the body they only
//! change variables, and the fields are written back on the way out, at the top of
//! every exit block the body's instructions lead to (before a linked side trace or
//! the VM could look at them).
//!
//! Only what nothing else in the body can see is held:
//! - the iterator: exactly one iterator op in the body, a `range_iter_next` of a
//!   value the body does not define (the same object every iteration), already
//!   checked to be a range iterator on the way in; no other instruction takes it
//!   (snapshots may name it: their exits write it back first); and no list op in the
//!   body, where the two extra registers cost more in spills than they save;
//! - both: no call in the body (`call_py`, `call_native`, ...), since a nested run
//!   counts steps on the slice and a host function may do anything;
//! - the body's snapshots are its own (no instruction outside the body names one),
//!   so every exit that writes back leaves from the body, where the variables are
//!   defined.
//!
//! Measured with cachegrind (instructions, whole runs, against holding nothing):
//! float_series -17%, nested_short_inner -9%, fib_iter -7%, spectral_norm -6%,
//! sieve -4.5%, matmul -2.5%. Holding the slice costs a little in bodies that spill
//! heavily and leave through side traces often (a bubble sort: +1%).

use std::collections::HashSet;

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder, Value};
use cranelift_frontend::Variable;
use tracelift_trace::abi::{CompileError, NativeContext};
use tracelift_trace::{Block, Effects, Inst, Op, SnapshotId, ValueId};

use super::{trusted, Lowered, Lowering};

const I64: types::Type = types::I64;

/// What the steady-state body holds in variables instead of memory.
#[derive(Default)]
pub(crate) struct Held {
    iter: Option<HeldIter>,
    slice: Option<HeldSlice>,
    /// The snapshots of the body's instructions: their exits write the state back.
    snapshots: HashSet<SnapshotId>,
}

/// A range iterator's moving fields, held.
struct HeldIter {
    value: ValueId,
    /// The iterator object's address.
    object: Value,
    remaining: Variable,
    next: Variable,
    /// Its step, which never changes.
    step: Value,
}

/// The step budget's slice counter, held.
struct HeldSlice {
    address: Value,
    left: Variable,
}

impl Lowering<'_, '_> {
    /// Just before jumping into the steady-state `body`: loads what the body may hold
    /// into variables (see the module header for when).
    pub(crate) fn hold_for_body(&mut self, body: &Block) -> Result<(), CompileError> {
        let trace = self.request.trace;
        let calls = body
            .insts
            .iter()
            .any(|inst| inst.op.signature().effects.contains(Effects::CALL));
        let snapshots: HashSet<SnapshotId> =
            body.insts.iter().filter_map(|inst| inst.snapshot).collect();
        let shared = trace
            .entry
            .insts
            .iter()
            .chain(&trace.body.insts)
            .any(|inst| inst.snapshot.is_some_and(|id| snapshots.contains(&id)));
        if calls || shared {
            return Ok(());
        }
        let iter = match held_iterator(body) {
            Some(value) => self.hold_iterator(value)?,
            None => None,
        };
        let slice = if body.insts.iter().any(|inst| inst.op == Op::BurnFuel {}) {
            let address = self.context_field(NativeContext::SLICE_OFFSET);
            let left = self.builder.declare_var(I64);
            let loaded = self.builder.ins().load(I64, trusted(), address, 0);
            self.builder.def_var(left, loaded);
            Some(HeldSlice { address, left })
        } else {
            None
        };
        self.held = Held {
            iter,
            slice,
            snapshots,
        };
        Ok(())
    }

    /// Loads the range iterator `value`'s fields, if the inline path knows where they
    /// are and the iterator was checked on the way in.
    fn hold_iterator(&mut self, value: ValueId) -> Result<Option<HeldIter>, CompileError> {
        let Some(layout) = self.layout else {
            return Ok(None);
        };
        if !self.known_range_iters.contains(&value) {
            return Ok(None);
        }
        let Lowered::Obj { payload, .. } = self.get(value)? else {
            return Ok(None);
        };
        let remaining = self.builder.declare_var(I64);
        let next = self.builder.declare_var(I64);
        let ins = self.builder.ins();
        let loaded_remaining = ins.load(I64, trusted(), payload, layout.range_remaining);
        let loaded_next = self
            .builder
            .ins()
            .load(I64, trusted(), payload, layout.range_next);
        let step = self
            .builder
            .ins()
            .load(I64, trusted(), payload, layout.range_step);
        self.builder.def_var(remaining, loaded_remaining);
        self.builder.def_var(next, loaded_next);
        Ok(Some(HeldIter {
            value,
            object: payload,
            remaining,
            next,
            step,
        }))
    }

    /// `range_iter_next` of the held iterator, in variables; `None` for any other.
    pub(crate) fn held_range_iter_next(
        &mut self,
        inst: &Inst,
    ) -> Result<Option<Lowered>, CompileError> {
        let Some(held) = &self.held.iter else {
            return Ok(None);
        };
        if inst.args.first() != Some(&held.value) {
            return Ok(None);
        }
        let (remaining_var, next_var, step) = (held.remaining, held.next, held.step);
        let remaining = self.builder.use_var(remaining_var);
        let exhausted = self.builder.ins().icmp_imm_u(IntCC::Equal, remaining, 0);
        self.exit_if(inst, exhausted)?;
        let left = self.builder.ins().iadd_imm_s(remaining, -1);
        self.builder.def_var(remaining_var, left);
        let current = self.builder.use_var(next_var);
        let next = self.builder.ins().iadd(current, step);
        self.builder.def_var(next_var, next);
        Ok(Some(Lowered::Int(current)))
    }

    /// The variable holding the step budget's slice counter, when the body holds it
    /// (`burn_fuel` then changes it instead of memory).
    pub(crate) fn held_slice(&self) -> Option<Variable> {
        self.held.slice.as_ref().map(|held| held.left)
    }

    /// At the top of the exit block of `snapshot`: writes what the body holds back
    /// to memory, if the exit leaves from the body.
    pub(crate) fn write_back_held(&mut self, snapshot: SnapshotId) {
        if !self.held.snapshots.contains(&snapshot) {
            return;
        }
        if let (Some(held), Some(layout)) = (&self.held.iter, self.layout) {
            let (object, remaining_var, next_var) = (held.object, held.remaining, held.next);
            let remaining = self.builder.use_var(remaining_var);
            let next = self.builder.use_var(next_var);
            let ins = self.builder.ins();
            ins.store(trusted(), remaining, object, layout.range_remaining);
            self.builder
                .ins()
                .store(trusted(), next, object, layout.range_next);
        }
        if let Some(held) = &self.held.slice {
            let (address, left_var) = (held.address, held.left);
            let left = self.builder.use_var(left_var);
            self.builder.ins().store(trusted(), left, address, 0);
        }
    }
}

/// The iterator a body may hold: the argument of its one iterator op, a
/// `range_iter_next` of a value the body does not define and no other of its
/// instructions takes (its snapshots may name it: their exits write it back first).
fn held_iterator(body: &Block) -> Option<ValueId> {
    let mut iterator_ops = body.insts.iter().filter(|inst| {
        matches!(
            inst.op,
            Op::RangeGetIter {}
                | Op::RangeIterNew {}
                | Op::ListGetIter {}
                | Op::RangeIterNext {}
                | Op::GuardRangeIterWithin { .. }
                | Op::RangeIterDone {}
                | Op::ListIterDone {}
                | Op::ListIterNext {}
                | Op::GetIter {}
                | Op::IterNext {}
                | Op::IterDone {}
        )
    });
    // Registers are scarce in a body that works on lists: there, holding the
    // iterator's two fields made the register allocator spill more than the loads
    // and stores it saved (matmul, bubble sorts, stencils: 1.7% to 4.8% more
    // instructions), while the loops without lists gained (float_series 9%).
    if body
        .insts
        .iter()
        .any(|inst| inst.op.name().starts_with("list_"))
    {
        return None;
    }
    let only = iterator_ops.next()?;
    if iterator_ops.next().is_some() || !matches!(only.op, Op::RangeIterNext {}) {
        return None;
    }
    let value = *only.args.first()?;
    let defined_in_body = body.params.iter().any(|(param, _)| *param == value)
        || body.insts.iter().any(|inst| inst.result == Some(value));
    let uses = body
        .insts
        .iter()
        .filter(|inst| inst.args.contains(&value))
        .count();
    (!defined_in_body && uses == 1).then_some(value)
}
