//! A generator of random well-typed traces, each with the frame state it is entered
//! with, read from an `arbitrary::Unstructured` (a fuzzer's bytes or a seed's).
//!
//! A trace has the recorder's shape: `entry` reads every used frame slot
//! (`load_slot`) and unboxes the numbers, and jumps into `loop`, whose parameters carry
//! one value per slot; `loop` checks its list parameters (`guard_list`), computes with
//! random ops, checks random conditions (`guard_true` / `guard_false` on comparisons
//! of loop-carried values, so branches flip after some iterations), reads and writes
//! lists and globals, steps iterators, and ends with the `burn_fuel` a backward jump
//! has. Every exit names a random snapshot writing random values (of any type; unboxed
//! ones are boxed) into random slots. Frame values mostly match what the trace checks,
//! and sometimes do not, so entry guards fail too. A third of the cases also get a
//! side trace on one of the exits ([`side`]).
//!
//! Invariants (the contract of the trace IR that the verifier does not check, and that
//! a recorder keeps):
//! - The trace passes `verify`.
//! - List ops (`list_len`, `list_get`, `list_set`, `list_append`) take only values a
//!   `guard_list` earlier in the same iteration has checked.
//! - Every snapshot of `loop` lists every parameter's slot. (A side trace that
//!   closes the loop passes parameters in registers without writing their slots, so
//!   the frame's copy is stale inside the loop.)
//! - `entry` only loads and unboxes, so the root's `param_slots` are known and a side
//!   trace may jump straight into its loop.
//! - `guard_code` does not occur (it needs a function object of a live code object).
//!   Snapshots may rebuild inlined frames of made-up callees (`callee0`, …), listing
//!   every local of each; the harness gives them stand-in code objects.
//! - The fuel keeps a compiled run under its cap of objects made per run (range and
//!   iterator creation, and list stores that may drop the last reference to an
//!   object): past it, compiled code exits early by design, where the evaluator goes on.
//!
//! When the bytes run out, every choice is the first one, so any input gives a trace.

use arbitrary::Unstructured;
use tracelift_interp::trace::{
    Anchor, Block, CodeRef, InlinedFrame, Inst, Op, SnapEntry, SnapValue, Snapshot, SnapshotId,
    Trace, Type, ValueId,
};
use tracelift_syntax::ast::CmpOp;

use tracelift_interp::jit::harness::TraceRunner;

use super::{EntryValue, TraceSpec};

mod side;

/// The most frame slots a case has.
const MAX_SLOTS: usize = 10;
/// The most globals a case has.
const MAX_GLOBALS: usize = 3;
/// The most ops `loop` has before its `burn_fuel`.
const MAX_BODY_OPS: usize = 60;
/// The most inlined callees a trace's snapshots rebuild frames of.
const MAX_CALLEES: u64 = 2;
/// The most steps a case may take.
const MAX_FUEL: u64 = 3000;
/// Objects a compiled run may make before it exits (`MAX_TRACE_ALLOCATIONS` in the
/// native helpers, with a margin).
const ALLOCATION_CAP: u64 = 4000;

/// What the generator knows about a value: its IR type, refined for objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Int,
    Float,
    Bool,
    /// An object of unknown type.
    Obj,
    /// An object a `guard_list` has checked.
    List,
    /// An object that should be a range iterator (unchecked: ops on it check).
    RangeIter,
    /// An object that should be a list iterator.
    ListIter,
    /// An object that should be a range.
    Range,
}

impl Kind {
    fn ty(self) -> Type {
        match self {
            Kind::Int => Type::Int,
            Kind::Float => Type::Float,
            Kind::Bool => Type::Bool,
            _ => Type::Obj,
        }
    }
}

/// Generates one case from `u` (see the module docs).
pub fn trace_spec(u: &mut Unstructured<'_>) -> TraceSpec {
    Generator {
        u,
        next_value: 0,
        callee_locals: Vec::new(),
    }
    .spec()
}

/// Generates one case from raw bytes (a fuzzer's input).
pub fn trace_spec_from_bytes(data: &[u8]) -> TraceSpec {
    trace_spec(&mut Unstructured::new(data))
}

struct Generator<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    next_value: u32,
    /// The locals of each inlined callee (`codes[i]` of the trace) snapshots may
    /// rebuild frames of.
    callee_locals: Vec<usize>,
}

/// The state of `loop` while it is generated.
struct Body {
    insts: Vec<Inst>,
    /// Values usable as arguments, with what is known of them (a value may be listed
    /// twice, once refined: an object and, after its guard, a list).
    pool: Vec<(ValueId, Kind)>,
    snapshots: Vec<Snapshot>,
    /// The snapshot exits use until the next one is made.
    current: Option<SnapshotId>,
    /// Objects the ops so far may make per iteration (for the fuel cap).
    allocations: u64,
    /// Slots every snapshot lists (see the module docs), with a value to list.
    inherited: Vec<(u32, ValueId)>,
}

impl Generator<'_, '_> {
    fn pick(&mut self, len: usize) -> usize {
        if len <= 1 {
            return 0;
        }
        self.u.choose_index(len).unwrap_or(0)
    }

    fn chance(&mut self, numerator: u8, denominator: u8) -> bool {
        self.u.ratio(numerator, denominator).unwrap_or(false)
    }

    fn range(&mut self, low: u64, high: u64) -> u64 {
        self.u.int_in_range(low..=high).unwrap_or(low)
    }

    fn value(&mut self) -> ValueId {
        self.next_value += 1;
        ValueId(self.next_value - 1)
    }

    fn spec(&mut self) -> TraceSpec {
        let slots = self.range(1, MAX_SLOTS as u64) as usize;
        let global_count = self.range(0, MAX_GLOBALS as u64) as usize;
        let kinds: Vec<Option<Kind>> = (0..slots).map(|_| self.slot_kind()).collect();
        let callees = self.range(0, MAX_CALLEES);
        self.callee_locals = (0..callees).map(|_| self.range(0, 3) as usize).collect();
        let mut frame = Vec::new();
        for (slot, kind) in kinds.iter().enumerate() {
            let matches = self.pick(10) != 0;
            let value = match kind {
                Some(kind) if matches => self.entry_value(*kind, slot),
                _ => self.any_entry_value(slot),
            };
            frame.push(value);
        }
        let globals: Vec<EntryValue> = (0..global_count)
            .map(|_| {
                let kind = [Kind::Int, Kind::Float, Kind::List, Kind::Obj][self.pick(4)];
                match self.pick(8) {
                    0 => EntryValue::Unbound,
                    1 => EntryValue::RangeBuiltin,
                    _ => self.entry_value(kind, slots),
                }
            })
            .collect();

        let mut snapshots = vec![Snapshot {
            pc: 0,
            stack_depth: 0,
            entries: Vec::new(),
            inlined: Vec::new(),
        }];
        let entry_snapshot = Some(SnapshotId(0));
        let mut entry = Block::default();
        let mut params = Vec::new();
        let mut param_slots = Vec::new();
        for (slot, kind) in kinds.iter().enumerate() {
            let Some(kind) = *kind else { continue };
            param_slots.push(slot as u32);
            let loaded = self.value();
            entry.insts.push(inst(
                Some(loaded),
                Op::LoadSlot { slot: slot as u32 },
                vec![],
                None,
            ));
            let checked = match kind {
                Kind::Int | Kind::Float | Kind::Bool => {
                    let unboxed = self.value();
                    let op = match kind {
                        Kind::Int => Op::UnboxInt {},
                        Kind::Float => Op::UnboxFloat {},
                        _ => Op::UnboxBool {},
                    };
                    entry
                        .insts
                        .push(inst(Some(unboxed), op, vec![loaded], entry_snapshot));
                    unboxed
                }
                _ => loaded,
            };
            entry.jump_args.push(checked);
            params.push((self.value(), kind));
        }

        let mut body = Body {
            insts: Vec::new(),
            pool: params.clone(),
            snapshots: Vec::new(),
            current: None,
            allocations: 0,
            inherited: param_slots
                .iter()
                .zip(&params)
                .map(|(&slot, &(value, _))| (slot, value))
                .collect(),
        };
        // Snapshots of `loop` are numbered after `entry`'s.
        body.snapshots.append(&mut snapshots);
        // As the recorder does, the loop checks list parameters before using them.
        for &(param, kind) in &params {
            if kind == Kind::List {
                self.emit_any(&mut body, slots, Op::GuardList {}, vec![param], Kind::Obj);
            }
        }
        let ops = self.range(0, MAX_BODY_OPS as u64) as usize;
        for _ in 0..ops {
            self.op(&mut body, slots, global_count);
        }
        let fuel_exit = self.snapshot(&mut body, slots);
        body.insts
            .push(inst(None, Op::BurnFuel {}, vec![], Some(fuel_exit)));
        let jump_args = params
            .iter()
            .map(|&(param, kind)| self.carried(&body, param, kind))
            .collect();

        let root_allocations = body.allocations;
        let mut trace = Trace {
            anchor: Anchor {
                filename: "<trace case>".into(),
                line: 1,
                function: "<trace case>".into(),
                pc: 0,
            },
            entry,
            body: Block {
                params: params
                    .iter()
                    .map(|&(value, kind)| (value, kind.ty()))
                    .collect(),
                insts: body.insts,
                jump_args,
            },
            snapshots: body.snapshots,
            codes: self.callee_refs(),
            side: None,
        };
        trace.renumber();
        let side = if self.chance(1, 3) {
            let taken = first_exit(&trace, &frame, &globals);
            self.side_trace(&trace, slots, global_count, taken)
        } else {
            None
        };
        let side_allocations = side.as_ref().map_or(0, |(_, allocations)| *allocations);
        let per_step = (root_allocations + side_allocations).max(1);
        let fuel = self
            .range(1, MAX_FUEL)
            .min(ALLOCATION_CAP / per_step)
            .max(1);
        TraceSpec {
            trace,
            side: side.map(|(side, _)| side),
            frame,
            globals,
            fuel,
        }
    }

    /// What `entry` checks a slot to be; `None` leaves the slot unread.
    fn slot_kind(&mut self) -> Option<Kind> {
        const KINDS: [Option<Kind>; 12] = [
            Some(Kind::Int),
            Some(Kind::Int),
            Some(Kind::Int),
            Some(Kind::Float),
            Some(Kind::Float),
            Some(Kind::Bool),
            Some(Kind::List),
            Some(Kind::List),
            Some(Kind::RangeIter),
            Some(Kind::ListIter),
            Some(Kind::Obj),
            None,
        ];
        KINDS[self.pick(KINDS.len())]
    }

    fn int_constant(&mut self) -> i64 {
        const INTERESTING: [i64; 14] = [
            0,
            1,
            -1,
            2,
            3,
            7,
            63,
            64,
            100,
            i64::MAX,
            i64::MIN,
            1 << 32,
            -(1 << 62),
            i64::MAX - 1,
        ];
        if self.chance(1, 2) {
            INTERESTING[self.pick(INTERESTING.len())]
        } else {
            self.range(0, 2000) as i64 - 1000
        }
    }

    fn float_constant(&mut self) -> f64 {
        const INTERESTING: [f64; 12] = [
            0.0,
            -0.0,
            1.0,
            0.5,
            -2.5,
            3.0,
            1e308,
            -1e-310,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            0.1,
        ];
        if self.chance(1, 2) {
            INTERESTING[self.pick(INTERESTING.len())]
        } else {
            (self.range(0, 4000) as f64 - 2000.0) / 8.0
        }
    }

    /// A value of `kind` for frame slot `slot` (or a global, with `slot` the slot count).
    fn entry_value(&mut self, kind: Kind, slot: usize) -> EntryValue {
        match kind {
            Kind::Int => EntryValue::Int(self.int_constant()),
            Kind::Float => EntryValue::Float(self.float_constant()),
            Kind::Bool => EntryValue::Bool(self.chance(1, 2)),
            Kind::List => {
                if slot > 0 && self.chance(1, 4) {
                    return EntryValue::SameAs(self.pick(slot));
                }
                EntryValue::List(self.list_items())
            }
            Kind::RangeIter => {
                let start = self.range(0, 20) as i64 - 10;
                let len = self.range(0, 5000) as i64;
                let step = [1, 1, 2, -1, 3][self.pick(5)];
                EntryValue::RangeIter(start, start + step * len, step)
            }
            Kind::ListIter => {
                let items = self.list_items();
                let index = self.pick(items.len() + 1);
                EntryValue::ListIter(Box::new(EntryValue::List(items)), index)
            }
            Kind::Range => {
                let stop = self.range(0, 100) as i64;
                EntryValue::Range(0, stop, 1)
            }
            Kind::Obj => self.any_entry_value(slot),
        }
    }

    fn list_items(&mut self) -> Vec<EntryValue> {
        let len = self.range(0, 8) as usize;
        (0..len)
            .map(|_| match self.pick(6) {
                0 => EntryValue::Float(self.float_constant()),
                1 => EntryValue::Bool(self.chance(1, 2)),
                2 => EntryValue::PyNone,
                _ => EntryValue::Int(self.int_constant()),
            })
            .collect()
    }

    /// A value of any type, for a slot whose check should fail (or an `obj` slot).
    fn any_entry_value(&mut self, slot: usize) -> EntryValue {
        match self.pick(9) {
            0 => EntryValue::Unbound,
            1 => EntryValue::PyNone,
            2 => EntryValue::BigInt(i128::from(i64::MAX) + 1 + self.range(0, 100) as i128),
            3 => EntryValue::Range(0, self.range(0, 10) as i64, 1),
            4 => EntryValue::RangeBuiltin,
            5 => self.entry_value(Kind::List, slot),
            6 => self.entry_value(Kind::Float, slot),
            7 => self.entry_value(Kind::Bool, slot),
            _ => self.entry_value(Kind::Int, slot),
        }
    }

    /// A value of `kind` from the pool, preferring recent ones; `None` if there is none.
    fn operand(&mut self, body: &Body, kind: Kind) -> Option<ValueId> {
        let candidates: Vec<ValueId> = body
            .pool
            .iter()
            .filter(|(_, known)| *known == kind)
            .map(|(value, _)| *value)
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let recent = candidates.len().min(4);
        let index = if self.chance(2, 3) {
            candidates.len() - 1 - self.pick(recent)
        } else {
            self.pick(candidates.len())
        };
        Some(candidates[index])
    }

    /// Any object from the pool (of any refined kind), or a fresh constant `None`.
    fn any_obj(&mut self, body: &mut Body) -> ValueId {
        let candidates: Vec<ValueId> = body
            .pool
            .iter()
            .filter(|(_, kind)| kind.ty() == Type::Obj)
            .map(|(value, _)| *value)
            .collect();
        if candidates.is_empty() || self.chance(1, 10) {
            return self.emit(body, Op::ConstNone {}, vec![], Kind::Obj);
        }
        candidates[self.pick(candidates.len())]
    }

    /// A value of `kind` (an unboxed type), made a constant when the pool has none or
    /// by chance.
    fn scalar(&mut self, body: &mut Body, kind: Kind) -> ValueId {
        if !self.chance(1, 4) {
            if let Some(value) = self.operand(body, kind) {
                return value;
            }
        }
        let op = match kind {
            Kind::Int => Op::ConstInt {
                value: self.int_constant(),
            },
            Kind::Float => Op::ConstFloat {
                value: self.float_constant(),
            },
            _ => Op::ConstBool {
                value: self.chance(1, 2),
            },
        };
        self.emit(body, op, vec![], kind)
    }

    /// Appends an op that cannot exit; its result joins the pool as `kind`.
    fn emit(&mut self, body: &mut Body, op: Op, args: Vec<ValueId>, kind: Kind) -> ValueId {
        let result = self.value();
        body.insts.push(inst(Some(result), op, args, None));
        body.pool.push((result, kind));
        result
    }

    /// Appends an op, with a snapshot if it may exit; its result (if it has one) joins
    /// the pool as `kind`.
    fn emit_any(
        &mut self,
        body: &mut Body,
        slots: usize,
        op: Op,
        args: Vec<ValueId>,
        kind: Kind,
    ) -> Option<ValueId> {
        let snapshot = op
            .signature()
            .needs_snapshot
            .then(|| self.snapshot(body, slots));
        let result = op.signature().result.map(|_| self.value());
        body.insts.push(inst(result, op, args, snapshot));
        if let Some(result) = result {
            body.pool.push((result, kind));
        }
        result
    }

    /// The snapshot for the next exit: the current one, or (by chance) a new one.
    fn snapshot(&mut self, body: &mut Body, slots: usize) -> SnapshotId {
        if let Some(current) = body.current {
            if self.chance(1, 2) {
                return current;
            }
        }
        let stack_depth = [0, 0, 0, 1, 2][self.pick(5)];
        let mut entries = Vec::new();
        for slot in 0..slots + stack_depth {
            let inherited = body
                .inherited
                .iter()
                .find(|(listed, _)| *listed as usize == slot)
                .map(|(_, value)| *value);
            if inherited.is_none() && !self.chance(1, 2) {
                continue;
            }
            let value = match inherited {
                Some(value) if self.chance(1, 2) => SnapValue::Value(value),
                _ if body.pool.is_empty() => SnapValue::Unbound,
                None if self.chance(1, 12) => SnapValue::Unbound,
                _ => SnapValue::Value(body.pool[self.pick(body.pool.len())].0),
            };
            entries.push(SnapEntry {
                slot: slot as u32,
                value,
            });
        }
        let inlined = if !self.callee_locals.is_empty() && self.chance(1, 5) {
            let depth = self.range(1, 2);
            (0..depth).map(|_| self.inlined_frame(body)).collect()
        } else {
            Vec::new()
        };
        let id = SnapshotId(body.snapshots.len() as u32);
        body.snapshots.push(Snapshot {
            pc: self.range(1, 60) as u32,
            stack_depth: stack_depth as u32,
            entries,
            inlined,
        });
        body.current = Some(id);
        id
    }

    /// A frame of an inlined call for a snapshot to rebuild: every local of its
    /// callee (and its operand stack) listed, with random values.
    fn inlined_frame(&mut self, body: &Body) -> InlinedFrame {
        let code = self.pick(self.callee_locals.len());
        let stack_depth = self.range(0, 1) as usize;
        let entries = (0..self.callee_locals[code] + stack_depth)
            .map(|slot| SnapEntry {
                slot: slot as u32,
                value: if body.pool.is_empty() || self.chance(1, 6) {
                    SnapValue::Unbound
                } else {
                    SnapValue::Value(body.pool[self.pick(body.pool.len())].0)
                },
            })
            .collect();
        InlinedFrame {
            code: code as u32,
            pc: self.range(1, 40) as u32,
            stack_depth: stack_depth as u32,
            entries,
        }
    }

    /// The trace's `codes`: one per inlined callee (live code objects are made by
    /// the harness).
    fn callee_refs(&self) -> Vec<CodeRef> {
        (0..self.callee_locals.len())
            .map(|index| CodeRef {
                name: format!("callee{index}"),
                filename: "callees.py".into(),
                line: index as u32 + 1,
                code: None,
            })
            .collect()
    }

    /// One random op (or a short idiom) appended to `loop`.
    fn op(&mut self, body: &mut Body, slots: usize, globals: usize) {
        match self.pick(16) {
            0..=2 => self.int_arith(body, slots),
            3 => {
                self.float_arith(body, slots);
            }
            4 | 5 => self.branch(body, slots),
            6 => self.counted_exit(body, slots),
            7 | 8 => self.list_op(body, slots),
            9 => self.iterator_op(body, slots),
            10 => self.conversion(body, slots),
            11 => self.global_op(body, slots, globals),
            12 => self.range_op(body, slots),
            13 => {
                let snapshot = self.snapshot(body, slots);
                body.insts
                    .push(inst(None, Op::BurnFuel {}, vec![], Some(snapshot)));
            }
            14 => {
                // A slot changes: later snapshots get a fresh chance to list it.
                body.current = None;
            }
            _ => {
                let flag = self.scalar(body, Kind::Bool);
                self.emit(body, Op::BoolNot {}, vec![flag], Kind::Bool);
            }
        }
    }

    fn int_arith(&mut self, body: &mut Body, slots: usize) {
        let a = self.scalar(body, Kind::Int);
        let b = self.scalar(body, Kind::Int);
        let (op, exits) = match self.pick(12) {
            0 => (Op::IntAdd {}, true),
            1 => (Op::IntSub {}, true),
            2 => (Op::IntMul {}, true),
            3 => (Op::IntFloorDiv {}, true),
            4 => (Op::IntMod {}, true),
            5 => (Op::IntAnd {}, false),
            6 => (Op::IntOr {}, false),
            7 => (Op::IntXor {}, false),
            8 => (Op::IntShl {}, true),
            9 => (Op::IntShr {}, true),
            10 => {
                self.emit_any(body, slots, Op::IntNeg {}, vec![a], Kind::Int);
                return;
            }
            _ => {
                let op = self.cmp_op();
                self.emit(body, Op::IntCmp { op }, vec![a, b], Kind::Bool);
                return;
            }
        };
        if exits {
            self.emit_any(body, slots, op, vec![a, b], Kind::Int);
        } else {
            self.emit(body, op, vec![a, b], Kind::Int);
        }
    }

    /// A float op; its result if it may exit (the others join the pool only).
    fn float_arith(&mut self, body: &mut Body, slots: usize) -> Option<ValueId> {
        let a = self.scalar(body, Kind::Float);
        let b = self.scalar(body, Kind::Float);
        let _ = match self.pick(10) {
            0 => self.emit(body, Op::FloatAdd {}, vec![a, b], Kind::Float),
            1 => self.emit(body, Op::FloatSub {}, vec![a, b], Kind::Float),
            2 => self.emit(body, Op::FloatMul {}, vec![a, b], Kind::Float),
            3 => self.emit(body, Op::FloatNeg {}, vec![a], Kind::Float),
            4 => {
                let op = self.cmp_op();
                self.emit(body, Op::FloatCmp { op }, vec![a, b], Kind::Bool)
            }
            5 => {
                let int = self.scalar(body, Kind::Int);
                self.emit(body, Op::IntToFloat {}, vec![int], Kind::Float)
            }
            choice => {
                let op = match choice {
                    6 => Op::FloatDiv {},
                    7 => Op::FloatFloorDiv {},
                    8 => Op::FloatMod {},
                    _ => Op::FloatPow {},
                };
                return self.emit_any(body, slots, op, vec![a, b], Kind::Float);
            }
        };
        None
    }

    fn cmp_op(&mut self) -> CmpOp {
        CmpOp::ORDERINGS[self.pick(CmpOp::ORDERINGS.len())]
    }

    /// A guard on a condition: a branch that went the recorded way.
    fn branch(&mut self, body: &mut Body, slots: usize) {
        let flag = self.scalar(body, Kind::Bool);
        let op = if self.chance(1, 2) {
            Op::GuardTrue {}
        } else {
            Op::GuardFalse {}
        };
        self.emit_any(body, slots, op, vec![flag], Kind::Obj);
    }

    /// The idiom of a counted loop: `i + step`, compared with a bound, guarded; the
    /// guard fails after a number of iterations.
    fn counted_exit(&mut self, body: &mut Body, slots: usize) {
        let counter = self.scalar(body, Kind::Int);
        let value = [1, 1, 2, -1, 3, 1 << 40][self.pick(6)];
        let step = self.emit(body, Op::ConstInt { value }, vec![], Kind::Int);
        let Some(next) = self.emit_any(body, slots, Op::IntAdd {}, vec![counter, step], Kind::Int)
        else {
            return;
        };
        let value = self.range(0, 3000) as i64 - 500;
        let bound = self.emit(body, Op::ConstInt { value }, vec![], Kind::Int);
        let op = self.cmp_op();
        let flag = self.emit(body, Op::IntCmp { op }, vec![next, bound], Kind::Bool);
        let guard = if self.chance(1, 2) {
            Op::GuardTrue {}
        } else {
            Op::GuardFalse {}
        };
        self.emit_any(body, slots, guard, vec![flag], Kind::Obj);
    }

    fn list_op(&mut self, body: &mut Body, slots: usize) {
        let list = match self.operand(body, Kind::List) {
            Some(list) if !self.chance(1, 5) => list,
            _ => {
                // Check some object is a list; from here on it is one.
                let object = self.any_obj(body);
                self.emit_any(body, slots, Op::GuardList {}, vec![object], Kind::Obj);
                body.pool.push((object, Kind::List));
                object
            }
        };
        match self.pick(5) {
            0 => {
                self.emit_any(body, slots, Op::ListLen {}, vec![list], Kind::Int);
            }
            1 | 2 => {
                let index = self.scalar(body, Kind::Int);
                self.emit_any(body, slots, Op::ListGet {}, vec![list, index], Kind::Obj);
            }
            3 => {
                let index = self.scalar(body, Kind::Int);
                let item = self.boxed_operand(body);
                body.allocations += 1;
                self.emit_any(
                    body,
                    slots,
                    Op::ListSet {},
                    vec![list, index, item],
                    Kind::Obj,
                );
            }
            _ => {
                let item = self.boxed_operand(body);
                body.insts
                    .push(inst(None, Op::ListAppend {}, vec![list, item], None));
            }
        }
    }

    /// An object to store: a boxed scalar or an object from the pool.
    fn boxed_operand(&mut self, body: &mut Body) -> ValueId {
        match self.pick(4) {
            0 => {
                let int = self.scalar(body, Kind::Int);
                self.emit(body, Op::BoxInt {}, vec![int], Kind::Obj)
            }
            1 => {
                let float = self.scalar(body, Kind::Float);
                self.emit(body, Op::BoxFloat {}, vec![float], Kind::Obj)
            }
            2 => {
                let flag = self.scalar(body, Kind::Bool);
                self.emit(body, Op::BoxBool {}, vec![flag], Kind::Obj)
            }
            _ => self.any_obj(body),
        }
    }

    fn iterator_op(&mut self, body: &mut Body, slots: usize) {
        let (kind, next, done) = if self.chance(1, 2) {
            (Kind::RangeIter, Op::RangeIterNext {}, Op::RangeIterDone {})
        } else {
            (Kind::ListIter, Op::ListIterNext {}, Op::ListIterDone {})
        };
        let iter = match self.operand(body, kind) {
            Some(iter) if !self.chance(1, 8) => iter,
            _ => self.any_obj(body),
        };
        let result = if kind == Kind::RangeIter {
            Kind::Int
        } else {
            Kind::Obj
        };
        if self.chance(1, 6) {
            self.emit_any(body, slots, done, vec![iter], Kind::Obj);
        } else {
            self.emit_any(body, slots, next, vec![iter], result);
        }
    }

    fn conversion(&mut self, body: &mut Body, slots: usize) {
        match self.pick(6) {
            0..=2 => {
                self.boxed_operand(body);
            }
            choice => {
                let object = self.any_obj(body);
                let (op, kind) = match choice {
                    3 => (Op::UnboxInt {}, Kind::Int),
                    4 => (Op::UnboxFloat {}, Kind::Float),
                    _ => (Op::UnboxBool {}, Kind::Bool),
                };
                self.emit_any(body, slots, op, vec![object], kind);
            }
        }
    }

    fn global_op(&mut self, body: &mut Body, slots: usize, globals: usize) {
        // A global the case did not set is unbound: loading it exits.
        let global = self.pick(globals + 1) as u32;
        if self.chance(1, 2) {
            self.emit_any(body, slots, Op::LoadGlobal { global }, vec![], Kind::Obj);
        } else {
            let value = self.boxed_operand(body);
            body.insts
                .push(inst(None, Op::StoreGlobal { global }, vec![value], None));
        }
    }

    /// `range(...)` and `iter(...)`: a guarded builtin, a new range, new iterators.
    fn range_op(&mut self, body: &mut Body, slots: usize) {
        match self.pick(4) {
            0 => {
                let callee = self.any_obj(body);
                self.emit_any(
                    body,
                    slots,
                    Op::GuardRangeBuiltin {},
                    vec![callee],
                    Kind::Obj,
                );
            }
            1 => {
                let start = self.scalar(body, Kind::Int);
                let stop = self.scalar(body, Kind::Int);
                let step = self.scalar(body, Kind::Int);
                body.allocations += 1;
                self.emit_any(
                    body,
                    slots,
                    Op::RangeNew {},
                    vec![start, stop, step],
                    Kind::Range,
                );
            }
            2 => {
                let range = match self.operand(body, Kind::Range) {
                    Some(range) if !self.chance(1, 6) => range,
                    _ => self.any_obj(body),
                };
                body.allocations += 1;
                self.emit_any(
                    body,
                    slots,
                    Op::RangeGetIter {},
                    vec![range],
                    Kind::RangeIter,
                );
            }
            _ => {
                let list = match self.operand(body, Kind::List) {
                    Some(list) if !self.chance(1, 6) => list,
                    _ => self.any_obj(body),
                };
                body.allocations += 1;
                self.emit_any(body, slots, Op::ListGetIter {}, vec![list], Kind::ListIter);
            }
        }
    }

    /// The value a loop parameter of `kind` gets next iteration: mostly one computed in
    /// this iteration, else the parameter itself.
    fn carried(&mut self, body: &Body, param: ValueId, kind: Kind) -> ValueId {
        if self.chance(1, 4) {
            return param;
        }
        self.operand(body, kind).unwrap_or(param)
    }
}

thread_local! {
    /// The evaluator that finds which exit a root trace takes (made once per thread).
    static EVALUATOR: std::cell::RefCell<TraceRunner> = std::cell::RefCell::new(TraceRunner::new(None));
}

/// The exit `trace` first leaves through when evaluated on this frame, if it leaves
/// without raising: the exit a side trace is most useful on (the VM records side
/// traces on the exits taken).
fn first_exit(trace: &Trace, frame: &[EntryValue], globals: &[EntryValue]) -> Option<u32> {
    let spec = TraceSpec {
        trace: trace.clone(),
        side: None,
        frame: frame.to_vec(),
        globals: globals.to_vec(),
        fuel: MAX_FUEL,
    };
    EVALUATOR.with(|runner| {
        let mut runner = runner.borrow_mut();
        runner.run(&spec.case()).ok()?;
        runner.side_runs().first_exit
    })
}

fn inst(result: Option<ValueId>, op: Op, args: Vec<ValueId>, snapshot: Option<SnapshotId>) -> Inst {
    Inst {
        result,
        op,
        args,
        snapshot,
        line: 0,
    }
}
