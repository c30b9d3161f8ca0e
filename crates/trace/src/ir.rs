//! The data of a trace: values, instructions, blocks and snapshots.

use std::fmt;

use super::ops::Op;

/// An SSA value of a trace; printed `%N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ValueId(pub u32);

impl fmt::Display for ValueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "%{}", self.0)
    }
}

/// A snapshot of a trace; printed `snapN`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SnapshotId(pub u32);

impl fmt::Display for SnapshotId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "snap{}", self.0)
    }
}

/// The type of a trace value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// An unboxed i64 (a Python int known to fit).
    Int,
    /// An unboxed f64.
    Float,
    /// An unboxed bool.
    Bool,
    /// A boxed value of any Python type (a frame slot as it is in memory).
    Obj,
}

impl Type {
    pub const ALL: [Type; 4] = [Type::Int, Type::Float, Type::Bool, Type::Obj];

    pub fn name(self) -> &'static str {
        match self {
            Type::Int => "int",
            Type::Float => "float",
            Type::Bool => "bool",
            Type::Obj => "obj",
        }
    }

    pub fn from_name(name: &str) -> Option<Type> {
        Type::ALL.into_iter().find(|ty| ty.name() == name)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a trace starts: the loop header it was recorded at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub filename: String,
    /// The source line of the loop header.
    pub line: u32,
    /// The function (`<module>` at module level).
    pub function: String,
    /// The bytecode index of the loop header (the target of its `JumpBackward`).
    pub pc: u32,
}

/// One instruction: `result = op immediates args [snapshot]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Inst {
    /// The value defined, if the op produces one; its type is the op's result type.
    pub result: Option<ValueId>,
    pub op: Op,
    pub args: Vec<ValueId>,
    /// Where the interpreter resumes if this instruction leaves the trace.
    pub snapshot: Option<SnapshotId>,
    /// The source line of the bytecode this instruction came from (0 if none).
    pub line: u32,
}

/// A block: parameters, instructions, and the arguments of its closing jump (to
/// `loop`, or in a peeled trace from `loop` and `body` to `body`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    /// Block parameters with their types (`loop` and `body`; `entry` has none).
    pub params: Vec<(ValueId, Type)>,
    pub insts: Vec<Inst>,
    /// The values passed to the jump target's parameters by the closing jump.
    pub jump_args: Vec<ValueId>,
}

/// What a snapshot says about one frame slot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SnapValue {
    /// The slot holds this trace value (boxed on exit if unboxed).
    Value(ValueId),
    /// The slot is empty (an unassigned local).
    Unbound,
}

/// One slot of a snapshot: `slot N = value`. Slots number locals first, then the
/// operand stack, as in the interpreter frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SnapEntry {
    pub slot: u32,
    pub value: SnapValue,
}

/// The interpreter state to rebuild when a trace exits.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The bytecode index the interpreter resumes at (in the trace's own frame; with
    /// inlined frames, the instruction after the outermost inlined call).
    pub pc: u32,
    /// The height of the operand stack at `pc` (slots at or above `locals + stack`
    /// are not part of the frame).
    pub stack_depth: u32,
    /// Slots whose value differs from the frame in memory, in slot order.
    pub entries: Vec<SnapEntry>,
    /// Frames of inlined calls to rebuild on top, outermost first.
    pub inlined: Vec<InlinedFrame>,
}

impl Snapshot {
    /// Every entry of every frame (this one's, then the inlined ones').
    pub fn all_entries(&self) -> impl Iterator<Item = &SnapEntry> {
        let inlined = self.inlined.iter().flat_map(|frame| &frame.entries);
        self.entries.iter().chain(inlined)
    }

    /// [`Snapshot::all_entries`], to change.
    pub fn all_entries_mut(&mut self) -> impl Iterator<Item = &mut SnapEntry> {
        let inlined = self.inlined.iter_mut().flat_map(|frame| &mut frame.entries);
        self.entries.iter_mut().chain(inlined)
    }

    /// Every value the snapshot names, in entry order.
    pub fn values(&self) -> impl Iterator<Item = ValueId> + '_ {
        self.all_entries().filter_map(|entry| match entry.value {
            SnapValue::Value(value) => Some(value),
            SnapValue::Unbound => None,
        })
    }

    /// Every value the snapshot names, to rename.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut ValueId> {
        self.all_entries_mut()
            .filter_map(|entry| match &mut entry.value {
                SnapValue::Value(value) => Some(value),
                SnapValue::Unbound => None,
            })
    }
}

/// A frame of an inlined call, as a snapshot rebuilds it. It does not exist in
/// memory, so every one of its slots is listed (unassigned locals as `unbound`).
#[derive(Clone, Debug, PartialEq)]
pub struct InlinedFrame {
    /// Which code object (an index into [`Trace::codes`]).
    pub code: u32,
    /// Where this frame resumes (for all but the innermost, after its own call).
    pub pc: u32,
    pub stack_depth: u32,
    pub entries: Vec<SnapEntry>,
}

/// A code object a trace refers to (a callee it inlined), by name. The live code
/// object stays with the installed trace in the VM, at the same index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRef {
    pub name: String,
    pub filename: String,
    pub line: u32,
}

/// What makes a side trace one: where it starts and how it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SideTrace {
    /// The trace and exit it starts at (its `load_exit`s read that exit's values).
    pub parent_trace: u32,
    pub parent_snapshot: u32,
    /// The frame state at the loop header where the side trace ends: written to the
    /// frame before it jumps to that loop's trace.
    pub close: SnapshotId,
    /// The root trace it jumps to when that is not its own tree's root: it reached
    /// the backward jump of another compiled loop (an enclosing loop's sibling).
    pub enters: Option<u32>,
}

/// A recorded loop (a root trace), or a path from a hot exit back to its root's
/// loop header (a side trace: `side` is set, `body` runs once and does not loop).
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub anchor: Anchor,
    /// Reads and checks the frame at trace entry; jumps into `loop`.
    pub entry: Block,
    /// One iteration; jumps back to itself (or, once peeled, on to `steady`).
    pub body: Block,
    /// A peeled root trace's steady-state loop, printed `body` (the optimizer's `peel`
    /// pass makes it): `loop` is then the first iteration, which ends by jumping here,
    /// and this block repeats the iteration with parameters only for the values that
    /// change from one iteration to the next. It may name `loop`'s values (both are
    /// one function), and jumps back to itself. `loop` stays the target of `entry` and
    /// of side traces, with all its parameters.
    pub steady: Option<Block>,
    pub snapshots: Vec<Snapshot>,
    /// Code objects of inlined callees, referred to by index.
    pub codes: Vec<CodeRef>,
    /// Object constants (`const_obj`), referred to by index, as Python's `repr`
    /// writes them. The objects themselves stay with the installed trace in the VM.
    pub consts: Vec<String>,
    pub side: Option<SideTrace>,
}

impl Trace {
    /// All instructions in order: `entry`'s, then `loop`'s, then `body`'s.
    pub fn insts(&self) -> impl Iterator<Item = &Inst> {
        let steady = self.steady.iter().flat_map(|block| &block.insts);
        self.entry
            .insts
            .iter()
            .chain(&self.body.insts)
            .chain(steady)
    }

    /// The type of the value each of `snapshot`'s own frame entries names, in order
    /// (`None` for an unbound slot): an exit through it writes an int, a float or a
    /// bool with that type's own tag.
    pub fn entry_types(&self, snapshot: &Snapshot) -> Vec<Option<Type>> {
        let steady = self.steady.iter().flat_map(|block| &block.params);
        let mut types: std::collections::HashMap<ValueId, Type> =
            self.body.params.iter().chain(steady).copied().collect();
        for inst in self.insts() {
            if let (Some(result), Some(ty)) = (inst.result, inst.op.signature().result) {
                types.insert(result, ty);
            }
        }
        snapshot
            .entries
            .iter()
            .map(|entry| match entry.value {
                SnapValue::Value(value) => types.get(&value).copied(),
                SnapValue::Unbound => None,
            })
            .collect()
    }

    /// The parameters `loop`'s closing jump assigns: `body`'s once peeled, else its own.
    pub fn loop_jump_params(&self) -> &[(ValueId, Type)] {
        match &self.steady {
            Some(steady) => &steady.params,
            None => &self.body.params,
        }
    }

    /// The instructions that run on every iteration after the first: `body`'s in a
    /// peeled trace, else `loop`'s.
    pub fn steady_insts(&self) -> &[Inst] {
        match &self.steady {
            Some(steady) => &steady.insts,
            None => &self.body.insts,
        }
    }

    /// The frame slot and type of each loop parameter, in order: what `entry` loads
    /// (and unboxes) for it. `None` if `entry` does not have that shape.
    pub fn param_slots(&self) -> Option<Vec<(u32, Type)>> {
        let defined: std::collections::HashMap<ValueId, &Inst> = self
            .entry
            .insts
            .iter()
            .filter_map(|inst| Some((inst.result?, inst)))
            .collect();
        let slot_of = |value: ValueId| -> Option<u32> {
            let inst = defined.get(&value)?;
            match inst.op {
                Op::LoadSlot { slot } => Some(slot),
                Op::UnboxInt {} | Op::UnboxFloat {} | Op::UnboxBool {} => {
                    match defined.get(inst.args.first()?)?.op {
                        Op::LoadSlot { slot } => Some(slot),
                        _ => None,
                    }
                }
                _ => None,
            }
        };
        self.entry
            .jump_args
            .iter()
            .zip(&self.body.params)
            .map(|(arg, (_, ty))| Some((slot_of(*arg)?, *ty)))
            .collect()
    }

    /// Whether `snapshot` is where `entry`'s checks exit: the frame at entry did not
    /// have the types the trace was recorded for.
    pub fn is_entry_snapshot(&self, snapshot: SnapshotId) -> bool {
        self.entry
            .insts
            .iter()
            .any(|inst| inst.snapshot == Some(snapshot))
    }

    /// The snapshot of the trace's final `leave`, if it ends by leaving (rather than
    /// by jumping back to a loop header).
    pub fn leaves_through(&self) -> Option<SnapshotId> {
        let last = self.body.insts.last()?;
        match last.op {
            Op::Leave {} => last.snapshot,
            _ => None,
        }
    }

    /// The most inlined frames any exit rebuilds.
    pub fn inline_depth(&self) -> usize {
        self.snapshots
            .iter()
            .map(|snapshot| snapshot.inlined.len())
            .max()
            .unwrap_or(0)
    }

    /// Renumbers values in definition order (`entry`'s results, `loop`'s parameters,
    /// `loop`'s results, then `body`'s parameters and results), so printed traces read top to bottom. A recorder creates
    /// parameters lazily and numbers them as it meets them; this is the canonical form.
    pub fn renumber(&mut self) {
        let mut order: Vec<ValueId> = self
            .entry
            .insts
            .iter()
            .filter_map(|inst| inst.result)
            .collect();
        order.extend(self.body.params.iter().map(|(value, _)| *value));
        order.extend(self.body.insts.iter().filter_map(|inst| inst.result));
        if let Some(steady) = &self.steady {
            order.extend(steady.params.iter().map(|(value, _)| *value));
            order.extend(steady.insts.iter().filter_map(|inst| inst.result));
        }
        // Indexed by the old number (they are dense: the recorder and the passes
        // number values from 0), not hashed: the recorder renumbers every trace.
        let len = order
            .iter()
            .map(|value| value.0 as usize + 1)
            .max()
            .unwrap_or(0);
        let mut renamed: Vec<Option<ValueId>> = vec![None; len];
        for (index, old) in order.into_iter().enumerate() {
            renamed[old.0 as usize] = Some(ValueId(index as u32));
        }
        let rename = |value: &mut ValueId| {
            if let Some(Some(new)) = renamed.get(value.0 as usize) {
                *value = *new;
            }
        };
        let steady = self.steady.iter_mut();
        for block in [&mut self.entry, &mut self.body].into_iter().chain(steady) {
            for (value, _) in &mut block.params {
                rename(value);
            }
            for inst in &mut block.insts {
                inst.result.iter_mut().for_each(rename);
                inst.args.iter_mut().for_each(rename);
            }
            block.jump_args.iter_mut().for_each(rename);
        }
        for snapshot in &mut self.snapshots {
            snapshot.values_mut().for_each(rename);
        }
    }
}
