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

mod visit;

use super::Abort;
use crate::bytecode::{Code, Instr};
use crate::trace::{
    Anchor, Block, Inst, Op, SnapEntry, SnapValue, Snapshot, SnapshotId, Trace, Type, ValueId,
};
use crate::value::Value;
use visit::{Context, Step};

/// What recording one instruction led to.
pub(crate) enum RecordStep {
    Continue,
    Closed(Trace),
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
}

/// The state of one recording.
pub(crate) struct Recorder {
    code: Rc<Code>,
    anchor_pc: u32,
    locals: usize,
    /// The operand stack depth at the loop header (e.g. 1 for a `for` iterator).
    header_depth: usize,
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
}

/// What the recorder may observe of the real frame before an instruction runs.
pub(crate) struct RealFrame<'a> {
    /// The frame's locals and operand stack (from its base up).
    pub slots: &'a [Value],
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
        let locals = code.local_count();
        Recorder {
            code,
            anchor_pc,
            locals,
            header_depth,
            max_insts: max_insts as usize,
            slots: vec![None; locals + header_depth],
            depth: header_depth,
            params: BTreeMap::new(),
            body: Vec::new(),
            snapshots: Vec::new(),
            next_value: 0,
            pc: anchor_pc,
            line: 0,
            start: (Vec::new(), header_depth),
            instr_snapshot: None,
            known_lists: Vec::new(),
        }
    }

    /// Whether nothing has been recorded yet (an abort now says nothing about the
    /// loop's body, e.g. the recording began on the loop's last iteration).
    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.params.is_empty()
    }

    /// Records `instr` (at `pc`) before the interpreter executes it.
    pub fn record(&mut self, real: RealFrame<'_>, instr: Instr, pc: u32) -> RecordStep {
        self.pc = pc;
        self.line = self.code.line_at(pc as usize);
        self.start = (self.slots.clone(), self.depth);
        self.instr_snapshot = None;
        let mut context = Context {
            recorder: self,
            real: &real,
        };
        match instr.execute(&mut context) {
            Step::Next if self.body.len() > self.max_insts => RecordStep::Aborted(Abort::TooLong),
            Step::Next => RecordStep::Continue,
            Step::Close => match self.close() {
                Ok(trace) => RecordStep::Closed(trace),
                Err(abort) => RecordStep::Aborted(abort),
            },
            Step::Abort(abort) => RecordStep::Aborted(abort),
        }
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
        let pending = PendingSnapshot {
            pc: self.pc,
            stack_depth: *depth as u32,
            slots: slots
                .iter()
                .take(live)
                .enumerate()
                .filter_map(|(slot, sym)| sym.map(|sym| (slot as u32, sym.value)))
                .collect(),
        };
        self.snapshots.push(pending);
        let id = SnapshotId(self.snapshots.len() as u32 - 1);
        self.instr_snapshot = Some(id);
        id
    }

    /// The symbolic value of frame slot `slot`, creating a loop parameter (typed as
    /// the real value is) on first use.
    fn read_slot(&mut self, real: &RealFrame<'_>, slot: usize) -> Result<Sym, Abort> {
        if let Some(Some(sym)) = self.slots.get(slot) {
            return Ok(*sym);
        }
        if slot >= self.locals + self.header_depth {
            return Err(Abort::Unsupported("stack_underflow"));
        }
        let ty = match real.slots.get(slot) {
            Some(Value::Unbound) | None => return Err(Abort::UnboundLocal),
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
        if slot < self.locals + self.header_depth && !self.params.contains_key(&(slot as u32)) {
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

    fn push(&mut self, sym: Sym) {
        let slot = self.locals + self.depth;
        self.depth += 1;
        if slot >= self.slots.len() {
            self.slots.resize(slot + 1, None);
        }
        self.slots[slot] = Some(sym);
    }

    fn peek(&mut self, real: &RealFrame<'_>, depth: usize) -> Result<Sym, Abort> {
        let slot = (self.locals + self.depth)
            .checked_sub(depth + 1)
            .ok_or(Abort::Unsupported("stack_underflow"))?;
        self.read_slot(real, slot)
    }

    fn pop(&mut self, real: &RealFrame<'_>) -> Result<Sym, Abort> {
        let sym = self.peek(real, 0)?;
        self.depth -= 1;
        Ok(sym)
    }

    fn replace(&mut self, depth: usize, sym: Sym) {
        let slot = self.locals + self.depth - 1 - depth;
        self.write_slot(slot, sym);
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
    fn close(&mut self) -> Result<Trace, Abort> {
        if self.depth != self.header_depth {
            return Err(Abort::Unsupported("stack_depth_at_loop_end"));
        }
        let mut jump_args = Vec::new();
        for (&slot, param) in &self.params {
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
            let loaded = self.new_value();
            entry.insts.push(Inst {
                result: Some(loaded),
                op: Op::LoadSlot { slot: *slot },
                args: Vec::new(),
                snapshot: None,
                line: 0,
            });
            let unbox = match param.ty {
                Type::Int => Some(Op::UnboxInt {}),
                Type::Float => Some(Op::UnboxFloat {}),
                Type::Bool => Some(Op::UnboxBool {}),
                Type::Obj => None,
            };
            let value = match unbox {
                Some(op) => {
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
                None => loaded,
            };
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
            pc: self.anchor_pc,
            stack_depth: self.header_depth as u32,
            entries: Vec::new(),
        });
        let code = &self.code;
        let trace = Trace {
            anchor: Anchor {
                filename: code.filename.to_string(),
                line: code.line_at(self.anchor_pc as usize),
                function: code.name.to_string(),
                pc: self.anchor_pc,
            },
            entry,
            body: Block {
                params: params.iter().map(|(_, sym)| (sym.value, sym.ty)).collect(),
                insts: std::mem::take(&mut self.body),
                jump_args,
            },
            snapshots,
        };
        let mut trace = trace;
        trace.renumber();
        crate::trace::verify::verify(&trace).map_err(|_| Abort::InvalidTrace)?;
        Ok(trace)
    }
}

/// The trace type of a real value.
fn type_of(value: &Value) -> Type {
    match value {
        Value::Int(_) => Type::Int,
        Value::Float(_) => Type::Float,
        Value::Bool(_) => Type::Bool,
        _ => Type::Obj,
    }
}
