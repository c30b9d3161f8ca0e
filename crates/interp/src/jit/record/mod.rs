//! The recorder: turns the instructions the interpreter executes during one loop
//! iteration into a trace.
//!
//! It runs just *before* each instruction executes and receives that instruction's
//! uops (a [`UopVisitor`]), already specialised by quickening. It keeps a symbolic
//! copy of the frame: for every slot (locals, then operand stack) the SSA value that
//! holds it, if the trace has touched it. Guards read the real values (in every
//! typed instruction the guards come first, so the real stack still matches the
//! symbolic one) to decide what to record; a guard that would fail aborts.
//!
//! Every frame slot below the header's stack depth that the iteration touches becomes
//! a loop parameter, loaded and unboxed in `entry`. So a snapshot can always rebuild
//! the frame: slots touched by now map to their current value, and slots touched only
//! later in the iteration (whose memory is stale after the first iteration) map to
//! their parameter, filled in when the loop closes.

use std::collections::BTreeMap;
use std::rc::Rc;

mod builtin_calls;
mod context;
mod mixed_compare;
mod other_loops;
mod rewind;
mod side;
mod str_append;
mod visit;

use super::{Abort, LoopKey, LoopTable, Recorded};
use crate::bytecode::{Code, Instr};
use crate::value::Value;
use context::{Context, Step};
use tracelift_trace::{
    Anchor, Block, Cmp, CodeRef, InlinedFrame, Inst, Op, SnapEntry, SnapValue, Snapshot,
    SnapshotId, Trace, Type, ValueId,
};

/// What recording one instruction led to.
pub(crate) enum RecordStep {
    Continue,
    Closed(Box<Recorded>),
    Aborted(Abort),
}

/// A symbolic value: an SSA value and its type.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Sym {
    value: ValueId,
    ty: Type,
}

/// A snapshot as recorded: the touched slots at the start of its instruction. The
/// parameters of slots touched later are added when the loop closes.
struct PendingSnapshot {
    pc: u32,
    stack_depth: u32,
    slots: BTreeMap<u32, ValueId>,
    inlined: Vec<InlinedFrame>,
}

/// The frame of a call the trace inlines: it exists only symbolically, so every slot
/// is known (`None` is an unassigned local).
#[derive(Clone)]
struct InlinedSym {
    code: Rc<Code>,
    /// Its index in the trace's code table.
    code_index: u32,
    slots: Vec<Option<Sym>>,
    depth: usize,
    /// The pc of the call instruction in the frame below.
    call_pc: u32,
}

/// Where a side trace's recording starts: a hot exit of a compiled trace.
#[derive(Clone, Debug)]
pub(crate) struct SideStart {
    pub parent: crate::jit::abi::ParentExit,
    /// The exit's snapshot: where the trace's own frame resumes, and the values the
    /// exit wrote for it (read by `load_exit`).
    pub pc: u32,
    pub entries: Vec<SnapEntry>,
    /// The inlined frames the exit rebuilt (the interpreter resumed in the innermost),
    /// each with the live code object it runs: the side trace starts inside them.
    pub inlined: Vec<(InlinedFrame, Rc<Code>)>,
}

/// How many calls deep a trace inlines.
const MAX_INLINE_DEPTH: usize = 3;

/// The state of one recording.
pub(crate) struct Recorder {
    code: Rc<Code>,
    anchor_pc: u32,
    /// Frame slots (bit `n` for slot `n`) read as objects whatever their type now:
    /// the loop's earlier trace failed its entry check on them (`LoopState::
    /// generic_slots`), so their type changes between entries.
    pub generic_slots: u64,
    /// Whether to bound the loop's range counter with `guard_range_iter_within` (a
    /// root loop the VM will peel with the `ranges` pass: see `record/visit.rs`).
    pub range_guards: bool,
    locals: usize,
    /// The operand stack depth at the loop header (e.g. 1 for a `for` iterator).
    header_depth: usize,
    /// The operand stack depth where recording starts (the header's, for a loop).
    entry_depth: usize,
    /// For a side trace: the exit it starts from.
    side: Option<SideStart>,
    /// Whether any instruction was recorded yet, and how many were (inlined ones too).
    recorded_any: bool,
    pub path_len: u64,
    /// For a side trace that reached another compiled loop's backward jump: that
    /// loop's header pc, header depth and root trace.
    close_at: Option<(u32, usize, u32)>,
    /// Whether the recording ended with `leave` (at its frame's return, or at a
    /// traced loop inside an inlined call) rather than at a loop header.
    leaving: bool,
    /// Whether this records a function from its entry (pc 0) to its return, rather
    /// than a loop.
    function_entry: bool,
    /// An inner loop without a trace that ended the recording (`LoopState::wanted`).
    pub needs_loop: Option<LoopKey>,
    /// Whether it ends with `leave` at a traced loop's header in its own frame (a
    /// function's entry trace, or a side trace of one).
    leaves_at_loops: bool,
    /// The argument count of a call just recorded as `call_py`: the interpreter must
    /// make it in a nested run, as the trace will (see [`Recorder::take_nested_call`]).
    nested_call: Option<usize>,
    max_insts: usize,
    slots: Vec<Option<Sym>>,
    depth: usize,
    /// Loop parameters by slot.
    params: BTreeMap<u32, Sym>,
    body: Vec<Inst>,
    snapshots: Vec<PendingSnapshot>,
    next_value: u32,
    /// The instruction being recorded, its line, the symbolic frame at its start and
    /// its snapshot once one was needed.
    pc: u32,
    line: u32,
    start: (Vec<Option<Sym>>, usize),
    instr_snapshot: Option<SnapshotId>,
    /// Values already checked to be lists (their guard need not repeat).
    known_lists: Vec<ValueId>,
    /// Inlined calls in progress, outermost first, and as they were when the current
    /// instruction began.
    inlined: Vec<InlinedSym>,
    start_inlined: Vec<InlinedSym>,
    /// Code objects of inlined callees (the trace's code table).
    codes: Vec<Rc<Code>>,
    /// Object constants the trace uses (the trace's constant table).
    consts: Vec<Value>,
    /// For a side trace that starts inside inlined frames: the exit value (by its
    /// index in the exit) each of their slots holds, loaded in `entry`.
    exit_loads: Vec<(u32, ValueId)>,
}

/// What the recorder may observe of the real VM before an instruction runs.
pub(crate) struct RealFrame<'a> {
    /// The frame's locals and operand stack (from its base up).
    pub slots: &'a [Value],
    /// Every loop's state (which loops have compiled traces a side trace may enter).
    pub loops: &'a LoopTable,
}

impl RealFrame<'_> {
    fn peek(&self, depth: usize) -> &Value {
        self.slots
            .len()
            .checked_sub(depth + 1)
            .and_then(|at| self.slots.get(at))
            .unwrap_or(&Value::Unbound)
    }
}

impl Recorder {
    pub fn new(code: Rc<Code>, anchor_pc: u32, header_depth: usize, max_insts: u32) -> Recorder {
        Recorder::starting_at(code, anchor_pc, header_depth, header_depth, max_insts, None)
    }

    /// A recorder for a function from its entry, where the interpreter has just
    /// entered its frame, until that frame returns.
    pub fn new_function(code: Rc<Code>, max_insts: u32) -> Recorder {
        let mut recorder = Recorder::new(code, 0, 0, max_insts);
        recorder.function_entry = true;
        recorder.leaves_at_loops = true;
        recorder
    }

    /// Makes a side trace of a function's entry trace end where its root does.
    pub fn leave_at_traced_loops(&mut self) {
        self.leaves_at_loops = true;
    }

    /// The argument count of the call the last instruction recorded as `call_py`,
    /// once: the interpreter makes that call in a nested run instead of executing
    /// the instruction, so the callee runs as it will under the trace.
    pub fn take_nested_call(&mut self) -> Option<usize> {
        self.nested_call.take()
    }

    /// A recorder for a side trace of the loop at `anchor_pc`, starting at a hot exit
    /// where the operand stack is `entry_depth` deep.
    pub fn new_side(
        code: Rc<Code>,
        anchor_pc: u32,
        header_depth: usize,
        entry_depth: usize,
        max_insts: u32,
        start: SideStart,
    ) -> Recorder {
        let inlined = start.inlined.clone();
        let mut recorder = Recorder::starting_at(
            code,
            anchor_pc,
            header_depth,
            entry_depth,
            max_insts,
            Some(start.clone()),
        );
        recorder.pc = start.pc;
        // Each rebuilt frame becomes an inlined call in progress, its slots the values
        // the exit wrote (loaded in `entry`, after the frame's own).
        let mut index = start.entries.len() as u32;
        let mut caller_pc = start.pc;
        for (frame, code) in inlined {
            let code_index = recorder.code_index(&code);
            let mut slots = vec![None; code.local_count() + frame.stack_depth as usize];
            for entry in &frame.entries {
                if let (SnapValue::Value(_), Some(slot)) =
                    (entry.value, slots.get_mut(entry.slot as usize))
                {
                    let sym = Sym {
                        value: recorder.new_value(),
                        ty: Type::Obj,
                    };
                    recorder.exit_loads.push((index, sym.value));
                    *slot = Some(sym);
                }
                index += 1;
            }
            recorder.inlined.push(InlinedSym {
                code,
                code_index,
                slots,
                depth: frame.stack_depth as usize,
                call_pc: caller_pc.saturating_sub(1),
            });
            caller_pc = frame.pc;
            recorder.pc = frame.pc;
        }
        recorder
    }

    fn starting_at(
        code: Rc<Code>,
        anchor_pc: u32,
        header_depth: usize,
        entry_depth: usize,
        max_insts: u32,
        side: Option<SideStart>,
    ) -> Recorder {
        let locals = code.local_count();
        Recorder {
            code,
            anchor_pc,
            generic_slots: 0,
            range_guards: false,
            locals,
            header_depth,
            entry_depth,
            side,
            recorded_any: false,
            path_len: 0,
            close_at: None,
            leaving: false,
            function_entry: false,
            needs_loop: None,
            leaves_at_loops: false,
            nested_call: None,
            max_insts: max_insts as usize,
            slots: vec![None; locals + entry_depth],
            depth: entry_depth,
            params: BTreeMap::new(),
            body: Vec::new(),
            snapshots: Vec::new(),
            next_value: 0,
            pc: anchor_pc,
            line: 0,
            start: (Vec::new(), entry_depth),
            instr_snapshot: None,
            known_lists: Vec::new(),
            inlined: Vec::new(),
            start_inlined: Vec::new(),
            codes: Vec::new(),
            consts: Vec::new(),
            exit_loads: Vec::new(),
        }
    }

    /// For a side trace, the exit it starts from.
    pub fn side_parent(&self) -> Option<crate::jit::abi::ParentExit> {
        self.side.as_ref().map(|side| side.parent)
    }

    /// The loop being recorded: its code and header pc.
    pub fn anchor(&self) -> (Rc<Code>, u32) {
        (self.code.clone(), self.anchor_pc)
    }

    /// Whether nothing has been recorded yet (an abort now says nothing about the
    /// loop's body, e.g. the recording began on the loop's last iteration).
    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.params.is_empty()
    }

    /// Records `instr` (at `pc`) before the interpreter executes it.
    pub fn record(&mut self, real: RealFrame<'_>, instr: Instr, pc: u32) -> RecordStep {
        // A side trace that left the loop closes when it comes back to the header,
        // by whatever path (an enclosing loop's next iteration).
        let back_at_header = pc == self.anchor_pc && self.inlined.is_empty();
        if back_at_header && self.side.is_some() && self.recorded_any {
            return match self.close() {
                Ok(trace) => RecordStep::Closed(Box::new(trace)),
                Err(abort) => RecordStep::Aborted(abort),
            };
        }
        self.recorded_any = true;
        self.path_len += 1;
        self.pc = pc;
        self.line = self.current_code().line_at(pc as usize);
        self.start = (self.slots.clone(), self.depth);
        self.start_inlined = self.inlined.clone();
        self.instr_snapshot = None;
        // A loop inside a call the trace inlined that already has a trace: the trace
        // ends here, leaving with the call's frame rebuilt, and the VM enters that
        // loop's trace (its header is where the interpreter resumes). A function's
        // entry trace ends so at its own frame's loops too.
        let leaves_here = !self.inlined.is_empty() || self.leaves_at_loops;
        if leaves_here && self.has_trace_in(real.loops, self.current_code(), pc) {
            return self.leave_here();
        }
        let mut context = Context {
            recorder: self,
            real: &real,
            computed_top: None,
        };
        match instr.execute(&mut context) {
            Step::Next if self.body.len() > self.max_insts => RecordStep::Aborted(Abort::TooLong),
            Step::Next => RecordStep::Continue,
            Step::Close => match self.close() {
                Ok(trace) => RecordStep::Closed(Box::new(trace)),
                Err(abort) => RecordStep::Aborted(abort),
            },
            Step::Abort(abort) => RecordStep::Aborted(abort),
        }
    }

    /// Whether a call of `code` can be inlined here: not recursive, and not past the
    /// inlining depth (such calls are made by `call_py` instead).
    fn can_inline(&self, code: &Rc<Code>) -> bool {
        let recursive = Rc::ptr_eq(code, &self.code)
            || self
                .inlined
                .iter()
                .any(|frame| Rc::ptr_eq(&frame.code, code));
        self.inlined.len() < MAX_INLINE_DEPTH && !recursive
    }

    /// Ends the recording before the current instruction with `leave`: the trace
    /// exits through a snapshot of the frame (and inlined frames) as they are here.
    fn leave_here(&mut self) -> RecordStep {
        self.emit(Op::Leave {}, &[]);
        self.leaving = true;
        match self.close() {
            Ok(trace) => RecordStep::Closed(Box::new(trace)),
            Err(abort) => RecordStep::Aborted(abort),
        }
    }

    /// Whether the `+` being recorded appends to a string held in a local (or a
    /// global) and stores the result back into it (`s += t`, `s = s + t`): the
    /// interpreter grows such a string in place, and a trace must either record
    /// `str_append`, which does too (`str_append.rs`), or leave it to the
    /// interpreter, since copying it every time would be quadratic.
    fn grows_local_str(&self, real: &RealFrame<'_>) -> bool {
        if !matches!(real.peek(1), Value::Str(_)) {
            return false;
        }
        let next = self.current_code().instrs.get(self.pc as usize + 1);
        let (locals, depth) = self.frame_shape();
        let left_at = (locals + depth).checked_sub(2);
        let slots = match self.inlined.last() {
            Some(frame) => &frame.slots,
            None => &self.slots,
        };
        let held = |slot: usize| slots.get(slot).copied().flatten().map(|sym| sym.value);
        let target = match next.map(|cell| cell.get()) {
            Some(Instr::StoreFast(slot)) => slot as usize,
            Some(Instr::StoreFastLoadFast(slot, _)) => slot as usize,
            // `g += t` on a global: the left operand was loaded from that global in
            // this trace (the interpreter grows it in place too).
            Some(Instr::StoreGlobal(global)) => {
                let Some(left) = left_at.and_then(held) else {
                    return false;
                };
                return self.body.iter().any(|inst| {
                    inst.result == Some(left)
                        && matches!(inst.op, Op::LoadGlobal { global: loaded } if loaded == global)
                });
            }
            _ => return false,
        };
        matches!(
            (held(target), left_at.and_then(held)),
            (Some(local), Some(left)) if local == left
        )
    }

    /// The code of the frame being recorded (a callee's inside an inlined call).
    fn current_code(&self) -> &Rc<Code> {
        self.inlined.last().map_or(&self.code, |frame| &frame.code)
    }

    /// Enters an inlined call of `code` with `argc` arguments from the current stack
    /// (the callee stays below them, as in a real call).
    fn enter_call(
        &mut self,
        real: &RealFrame<'_>,
        code: Rc<Code>,
        argc: usize,
    ) -> Result<(), Abort> {
        if !self.can_inline(&code) {
            return Err(Abort::CallTooDeep);
        }
        let code_index = self.code_index(&code);
        let mut args = Vec::with_capacity(argc);
        for _ in 0..argc {
            args.push(self.pop(real)?);
        }
        args.reverse();
        let mut slots: Vec<Option<Sym>> = args.into_iter().map(Some).collect();
        slots.resize(code.local_count(), None);
        self.inlined.push(InlinedSym {
            code,
            code_index,
            slots,
            depth: 0,
            call_pc: self.pc,
        });
        Ok(())
    }

    /// Returns from the innermost inlined call with `result`.
    fn leave_call(&mut self, result: Sym) -> Result<(), Abort> {
        self.inlined.pop().ok_or(Abort::LeftLoop)?;
        // The callee object below the arguments goes; the result takes its place.
        self.replace(0, result);
        Ok(())
    }

    /// The index of `code` in the trace's code table (added if new).
    fn code_index(&mut self, code: &Rc<Code>) -> u32 {
        if let Some(index) = self.codes.iter().position(|known| Rc::ptr_eq(known, code)) {
            return index as u32;
        }
        self.codes.push(code.clone());
        self.codes.len() as u32 - 1
    }

    /// The index of the object `constant` in the trace's constant table (added if
    /// new).
    fn const_index(&mut self, constant: &Value) -> u32 {
        if let Some(index) = self.consts.iter().position(|known| known.is_same(constant)) {
            return index as u32;
        }
        self.consts.push(constant.clone());
        self.consts.len() as u32 - 1
    }

    fn new_value(&mut self) -> ValueId {
        let value = ValueId(self.next_value);
        self.next_value += 1;
        value
    }

    /// Appends an instruction to the loop body; returns its result.
    fn emit(&mut self, op: Op, args: &[Sym]) -> Sym {
        let signature = op.signature();
        let result = signature.result.map(|_| self.new_value());
        let snapshot = signature.needs_snapshot.then(|| self.snapshot());
        self.body.push(Inst {
            result,
            op,
            args: args.iter().map(|sym| sym.value).collect(),
            snapshot,
            line: self.line,
        });
        Sym {
            value: result.unwrap_or(ValueId(u32::MAX)),
            ty: signature.result.unwrap_or(Type::Obj),
        }
    }

    /// The snapshot of the current instruction: the frame as it was when it began.
    fn snapshot(&mut self) -> SnapshotId {
        if let Some(id) = self.instr_snapshot {
            return id;
        }
        let (slots, depth) = &self.start;
        let live = self.locals + depth;
        let frames = &self.start_inlined;
        // Each frame resumes after its call; the innermost at this instruction.
        let resume = |index: usize| frames.get(index).map_or(self.pc, |frame| frame.call_pc + 1);
        let inlined = frames
            .iter()
            .enumerate()
            .map(|(index, frame)| InlinedFrame {
                code: frame.code_index,
                pc: resume(index + 1),
                stack_depth: frame.depth as u32,
                entries: frame
                    .slots
                    .iter()
                    .take(frame.code.local_count() + frame.depth)
                    .enumerate()
                    .map(|(slot, sym)| SnapEntry {
                        slot: slot as u32,
                        value: sym.map_or(SnapValue::Unbound, |sym| SnapValue::Value(sym.value)),
                    })
                    .collect(),
            })
            .collect();
        let pending = PendingSnapshot {
            pc: resume(0),
            stack_depth: *depth as u32,
            slots: slots
                .iter()
                .take(live)
                .enumerate()
                .filter_map(|(slot, sym)| sym.map(|sym| (slot as u32, sym.value)))
                .collect(),
            inlined,
        };
        self.snapshots.push(pending);
        let id = SnapshotId(self.snapshots.len() as u32 - 1);
        self.instr_snapshot = Some(id);
        id
    }

    /// The symbolic value of frame slot `slot`, creating a loop parameter (typed as
    /// the real value is) on first use.
    fn read_slot(&mut self, real: &RealFrame<'_>, slot: usize) -> Result<Sym, Abort> {
        if let Some(frame) = self.inlined.last() {
            // An inlined frame is fully known: an empty local is unassigned.
            return match frame.slots.get(slot) {
                Some(Some(sym)) => Ok(*sym),
                _ => Err(Abort::UnboundLocal),
            };
        }
        if let Some(Some(sym)) = self.slots.get(slot) {
            return Ok(*sym);
        }
        if slot >= self.locals + self.entry_depth {
            return Err(Abort::StackUnderflow);
        }
        let generic = slot < 64 && self.generic_slots & (1 << slot) != 0;
        let ty = match real.slots.get(slot) {
            Some(Value::Unbound) | None => return Err(Abort::UnboundLocal),
            Some(_) if generic => Type::Obj,
            Some(value) => type_of(value),
        };
        let sym = Sym {
            value: self.new_value(),
            ty,
        };
        self.params.insert(slot as u32, sym);
        self.slots[slot] = Some(sym);
        Ok(sym)
    }

    /// Sets frame slot `slot`, making it a loop parameter if it is part of the frame
    /// at the header.
    fn write_slot(&mut self, slot: usize, sym: Sym) {
        if let Some(frame) = self.inlined.last_mut() {
            if slot >= frame.slots.len() {
                frame.slots.resize(slot + 1, None);
            }
            frame.slots[slot] = Some(sym);
            return;
        }
        // A loop's slots written in the iteration are carried around it; a side
        // trace or a function's entry trace does not loop: only slots it reads are.
        let loops = self.side.is_none() && !self.function_entry;
        let carried = loops && slot < self.locals + self.header_depth;
        if carried && !self.params.contains_key(&(slot as u32)) {
            let param = Sym {
                value: self.new_value(),
                ty: sym.ty,
            };
            self.params.insert(slot as u32, param);
        }
        if slot >= self.slots.len() {
            self.slots.resize(slot + 1, None);
        }
        self.slots[slot] = Some(sym);
    }

    /// The current frame's local count and operand stack depth.
    fn frame_shape(&self) -> (usize, usize) {
        match self.inlined.last() {
            Some(frame) => (frame.code.local_count(), frame.depth),
            None => (self.locals, self.depth),
        }
    }

    fn set_depth(&mut self, depth: usize) {
        match self.inlined.last_mut() {
            Some(frame) => frame.depth = depth,
            None => self.depth = depth,
        }
    }

    fn push(&mut self, sym: Sym) {
        let (locals, depth) = self.frame_shape();
        self.set_depth(depth + 1);
        self.write_slot(locals + depth, sym);
    }

    fn peek(&mut self, real: &RealFrame<'_>, depth: usize) -> Result<Sym, Abort> {
        let (locals, current) = self.frame_shape();
        let slot = (locals + current)
            .checked_sub(depth + 1)
            .ok_or(Abort::StackUnderflow)?;
        self.read_slot(real, slot)
    }

    fn pop(&mut self, real: &RealFrame<'_>) -> Result<Sym, Abort> {
        let sym = self.peek(real, 0)?;
        let (_, depth) = self.frame_shape();
        self.set_depth(depth - 1);
        Ok(sym)
    }

    fn replace(&mut self, depth: usize, sym: Sym) {
        let (locals, current) = self.frame_shape();
        self.write_slot(locals + current - 1 - depth, sym);
    }

    /// The truth value of `sym` as a bool: comparisons with zero for numbers, and
    /// Python's truthiness (`truthy`) for any other object.
    fn truth(&mut self, sym: Sym) -> Sym {
        match sym.ty {
            Type::Bool => sym,
            Type::Int => {
                let zero = self.emit(Op::ConstInt { value: 0 }, &[]);
                self.emit(Op::IntCmp { op: Cmp::Ne }, &[sym, zero])
            }
            Type::Float => {
                let zero = self.emit(Op::ConstFloat { value: 0.0 }, &[]);
                self.emit(Op::FloatCmp { op: Cmp::Ne }, &[sym, zero])
            }
            Type::Obj => self.emit(Op::Truthy {}, &[sym]),
        }
    }

    /// A value as an object (boxing unboxed numbers), for heap stores.
    fn boxed(&mut self, sym: Sym) -> Sym {
        match sym.ty {
            Type::Int => self.emit(Op::BoxInt {}, &[sym]),
            Type::Float => self.emit(Op::BoxFloat {}, &[sym]),
            Type::Bool => self.emit(Op::BoxBool {}, &[sym]),
            Type::Obj => sym,
        }
    }

    /// Ends the recording at the backward jump to the header: builds `entry`, the
    /// loop parameters and the final snapshots.
    fn close(&mut self) -> Result<Recorded, Abort> {
        if !self.inlined.is_empty() && !self.leaving {
            return Err(Abort::InnerLoop);
        }
        let header_depth = self
            .close_at
            .map_or(self.header_depth, |(_, depth, _)| depth);
        if self.depth != header_depth && !self.leaving {
            return Err(Abort::StackDepthAtLoopEnd);
        }
        if let Some(side) = self.side.clone() {
            return self.close_side(side);
        }
        let mut jump_args = Vec::new();
        for (&slot, param) in &self.params {
            if self.leaving {
                // The jump back is never taken: the parameters pass themselves.
                jump_args.push(param.value);
                continue;
            }
            let current = self.slots[slot as usize].ok_or(Abort::TypeUnstable)?;
            if current.ty != param.ty {
                return Err(Abort::TypeUnstable);
            }
            jump_args.push(current.value);
        }
        // The entry reads each parameter's slot and checks its type.
        let entry_snapshot = SnapshotId(self.snapshots.len() as u32);
        let mut entry = Block::default();
        let params: Vec<(u32, Sym)> = self
            .params
            .iter()
            .map(|(&slot, &sym)| (slot, sym))
            .collect();
        for (slot, param) in &params {
            let loaded = self.load_in_entry(&mut entry, Op::LoadSlot { slot: *slot });
            let value = self.unboxed_param(&mut entry, loaded, param.ty, entry_snapshot);
            entry.jump_args.push(value);
        }
        let mut snapshots: Vec<Snapshot> = self
            .snapshots
            .iter()
            .map(|pending| {
                let live = self.locals as u32 + pending.stack_depth;
                let mut slots = pending.slots.clone();
                for (&slot, param) in &self.params {
                    if slot < live {
                        slots.entry(slot).or_insert(param.value);
                    }
                }
                Snapshot {
                    inlined: pending.inlined.clone(),
                    pc: pending.pc,
                    stack_depth: pending.stack_depth,
                    entries: slots
                        .into_iter()
                        .map(|(slot, value)| SnapEntry {
                            slot,
                            value: SnapValue::Value(value),
                        })
                        .collect(),
                }
            })
            .collect();
        snapshots.push(Snapshot {
            inlined: Vec::new(),
            pc: self.anchor_pc,
            stack_depth: self.header_depth as u32,
            entries: Vec::new(),
        });
        self.build_trace(entry, params, jump_args, snapshots, None)
    }

    /// At the loop's backward jump, before its step: gives each loop parameter's slot
    /// the parameter's type again. A value that became an object (the result of a
    /// generic op) is checked and unboxed for the next iteration (exiting at the jump
    /// if it is not of that type); a number where an object was is boxed.
    fn match_param_types(&mut self) -> Result<(), Abort> {
        let params: Vec<(u32, Sym)> = self
            .params
            .iter()
            .map(|(&slot, &sym)| (slot, sym))
            .collect();
        for (slot, param) in params {
            let current = self.slots[slot as usize].ok_or(Abort::TypeUnstable)?;
            let converted = match (current.ty, param.ty) {
                (have, want) if have == want => continue,
                (Type::Obj, Type::Int) => self.emit(Op::UnboxInt {}, &[current]),
                (Type::Obj, Type::Float) => self.emit(Op::UnboxFloat {}, &[current]),
                (Type::Obj, Type::Bool) => self.emit(Op::UnboxBool {}, &[current]),
                (_, Type::Obj) => self.boxed(current),
                _ => return Err(Abort::TypeUnstable),
            };
            self.slots[slot as usize] = Some(converted);
        }
        Ok(())
    }

    /// Appends a frame or exit read to `entry`; its value.
    fn load_in_entry(&mut self, entry: &mut Block, op: Op) -> ValueId {
        let loaded = self.new_value();
        entry.insts.push(Inst {
            result: Some(loaded),
            op,
            args: Vec::new(),
            snapshot: None,
            line: 0,
        });
        loaded
    }

    /// Checks a parameter's type in `entry` (exiting through `entry_snapshot` if it
    /// is not what was recorded); the value the loop receives.
    fn unboxed_param(
        &mut self,
        entry: &mut Block,
        loaded: ValueId,
        ty: Type,
        entry_snapshot: SnapshotId,
    ) -> ValueId {
        let op = match ty {
            Type::Int => Op::UnboxInt {},
            Type::Float => Op::UnboxFloat {},
            Type::Bool => Op::UnboxBool {},
            Type::Obj => return loaded,
        };
        let unboxed = self.new_value();
        entry.insts.push(Inst {
            result: Some(unboxed),
            op,
            args: vec![loaded],
            snapshot: Some(entry_snapshot),
            line: self.code.line_at(self.anchor_pc as usize),
        });
        unboxed
    }

    /// Assembles, renumbers and verifies the finished trace.
    fn build_trace(
        &mut self,
        entry: Block,
        params: Vec<(u32, Sym)>,
        jump_args: Vec<ValueId>,
        snapshots: Vec<Snapshot>,
        side: Option<tracelift_trace::SideTrace>,
    ) -> Result<Recorded, Abort> {
        // Peeling, which makes the range guard pay (`record/visit.rs`), never applies
        // to a trace that leaves or grows a string in place: such a trace keeps none.
        let unpeelable = self.body.iter().any(|inst| {
            matches!(
                inst.op,
                tracelift_trace::Op::StrAppend { .. } | tracelift_trace::Op::Leave {}
            )
        });
        if unpeelable {
            self.body.retain(|inst| {
                !matches!(inst.op, tracelift_trace::Op::GuardRangeIterWithin { .. })
            });
        }
        let code = &self.code;
        let mut trace = Trace {
            anchor: Anchor {
                filename: code.filename.to_string(),
                line: code.line_at(self.anchor_pc as usize),
                function: code.name.to_string(),
                pc: self.anchor_pc,
            },
            steady: None,
            entry,
            body: Block {
                params: params.iter().map(|(_, sym)| (sym.value, sym.ty)).collect(),
                insts: std::mem::take(&mut self.body),
                jump_args,
            },
            snapshots,
            side,
            codes: self
                .codes
                .iter()
                .map(|code| CodeRef {
                    name: code.name.to_string(),
                    filename: code.filename.to_string(),
                    line: code.first_line,
                })
                .collect(),
            consts: self
                .consts
                .iter()
                .map(|constant| {
                    crate::value::repr::repr(constant).unwrap_or_else(|_| "<constant>".into())
                })
                .collect(),
        };
        trace.renumber();
        str_append::check(&trace)?;
        tracelift_trace::verify::verify(&trace).map_err(|_| Abort::InvalidTrace)?;
        Ok(Recorded {
            trace,
            codes: self.codes.clone(),
            consts: self.consts.clone(),
            function: self.function_entry.then(|| self.code.clone()),
        })
    }
}

/// The trace type of a real value.
pub(crate) fn type_of(value: &Value) -> Type {
    match value {
        Value::Int(_) => Type::Int,
        Value::Float(_) => Type::Float,
        Value::Bool(_) => Type::Bool,
        _ => Type::Obj,
    }
}
