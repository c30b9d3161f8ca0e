//! A generator of random well-typed traces, each with the frame state it is entered
//! with, read from an `arbitrary::Unstructured` (a fuzzer's bytes or a seed's).
//!
//! A trace has the recorder's shape: `entry` reads every used frame slot
//! (`load_slot`) and unboxes the numbers, and jumps into `loop`, whose parameters carry
//! one value per slot; `loop` checks its list parameters (`guard_list`), computes with
//! random ops, checks random conditions (`guard_true` / `guard_false` on comparisons
//! of loop-carried values, so branches flip after some iterations), reads and writes
//! lists and globals, steps iterators, checks callees as a recorded call does
//! (`guard_code` on a function of one of the trace's inlined callees, from a slot or a
//! global, or on any object; `guard_range_builtin`), runs generic ops on objects
//! ([`generic`]: arithmetic, comparisons, subscripts, slices, iteration, list and
//! tuple displays and unpacking, calls of builtins and bound methods, object
//! constants), and ends with the `burn_fuel` a backward jump has. Every exit names a random snapshot writing random values (of any
//! type; unboxed ones are boxed) into random slots, and some rebuild frames of inlined
//! callees. Frame values and globals (numbers, big ints, lists, strs, tuples, ranges,
//! iterators, functions, builtins, bound methods) mostly match what the trace checks,
//! and sometimes do not (a function of another code object, say), so guards fail
//! too. A third of the
//! cases also get a side trace on one of the exits ([`side`]), which alone has
//! `load_exit`. Every op of the trace IR's table occurs in some case (a test of the
//! fixed-seed batch checks it).
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
//! - The trace's `codes` are made-up callees (`callee0`, …), for which each case gets
//!   stand-in code objects (`harness::stand_in_codes`) that its functions
//!   (`EntryValue::Function`) run. Snapshots rebuilding their inlined frames list
//!   every local of each.
//! - The fuel keeps a compiled run under its cap of objects made per run (range and
//!   iterator creation, list stores that may drop the last reference to an object,
//!   and every generic op with an object result): past it, compiled code exits early
//!   by design, where the evaluator goes on.
//! - No value grows geometrically from one iteration to the next (see [`generic`]).
//! - The trace's `consts` are `repr` texts the harness reads back (strs, ints,
//!   tuples of them); a side trace's are its root's, then its own.
//!
//! When the bytes run out, every choice is the first one, so any input gives a trace.

use arbitrary::Unstructured;
use tracelift_trace::{
    Anchor, Block, CodeRef, InlinedFrame, Inst, Op, SnapEntry, SnapValue, Snapshot, SnapshotId,
    Trace, Type, ValueId,
};

use tracelift_interp::jit::harness::TraceRunner;

use super::{EntryValue, TraceSpec};

mod frame;
mod generic;
mod ops;
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
    /// An object that should be a Python function running the trace's `codes[N]`
    /// (unchecked: `guard_code` checks it).
    Callee(u32),
    /// The kinds below are what generic ops take (see [`generic`]). Each is a hint,
    /// never checked, and each but `Grown` is small: its length (and for numbers, its
    /// digits) is bounded by the case's constants, so ops that build bigger values
    /// (`+`, `*`, `join`) take only these, and values they make are `Grown`. A loop
    /// that fed such a result back into such an op would double it each time.
    ///
    /// A small str.
    Str,
    /// A small tuple, of `len` items if known.
    Tuple(Option<u8>),
    /// A new list of `len` items (`build_list`), unchecked by `guard_list`.
    NewList(u8),
    /// A boxed number: an int (small or big), float or bool of bounded size.
    Number,
    /// A result of a generic op that may be large (any type): used only where its
    /// size does not compound.
    Grown,
    /// An iterator of any kind (`get_iter`).
    Iter,
    /// A str slot that `str_append` grows: its string is the variable's alone
    /// (verifier rule 10), so its values never join the pool, no other op takes them,
    /// snapshots list only the newest, and the loop carries the newest back to it.
    Text,
    /// The builtin function `generic::NATIVES[N]`.
    Native(u8),
    /// The bound method `generic::BOUND[N]`.
    Bound(u8),
}

impl Kind {
    /// Whether the kind is one of generic ops, which no op checks: a frame slot of
    /// one always holds such a value (a mislabelled one could break the size bounds).
    fn is_unchecked(self) -> bool {
        matches!(
            self,
            Kind::Str
                | Kind::Tuple(_)
                | Kind::NewList(_)
                | Kind::Number
                | Kind::Grown
                | Kind::Iter
                | Kind::Native(_)
                | Kind::Bound(_)
        )
    }

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
        global_kinds: Vec::new(),
        consts: Vec::new(),
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
    /// For each global, what it is meant to hold at entry (a callee's function, a
    /// builtin, a bound method; `Obj` for anything else).
    global_kinds: Vec<Kind>,
    /// The object constants (`repr` text) `const_obj` names; a side trace has its
    /// root's and its own.
    consts: Vec<String>,
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
    /// The `Kind::Text` slots, each with its string as it is now.
    grown: Vec<(u32, ValueId)>,
}

impl Body {
    /// The string of `Kind::Text` slot `slot` as it is now.
    fn grown_value(&self, slot: u32) -> Option<ValueId> {
        self.grown
            .iter()
            .find(|(grown, _)| *grown == slot)
            .map(|(_, value)| *value)
    }
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
        let callees = self.range(0, MAX_CALLEES);
        self.callee_locals = (0..callees).map(|_| self.range(0, 3) as usize).collect();
        let kinds: Vec<Option<Kind>> = (0..slots).map(|_| self.slot_kind()).collect();
        let mut frame = Vec::new();
        for (slot, kind) in kinds.iter().enumerate() {
            // Only the kinds some op checks are sometimes wrong (see `Kind::Str`).
            let matches = self.pick(10) != 0 || kind.is_some_and(Kind::is_unchecked);
            let value = match kind {
                Some(kind) if matches => self.entry_value(*kind, slot),
                _ => self.any_entry_value(slot),
            };
            frame.push(value);
        }
        let mut globals = Vec::new();
        for _ in 0..global_count {
            let kind = match self.pick(7) {
                0 => Kind::Int,
                1 => Kind::Float,
                2 => Kind::List,
                3 => Kind::Obj,
                4 | 5 => self.native_kind(),
                _ => self.callee_kind(),
            };
            let value = match self.pick(8) {
                0 => EntryValue::Unbound,
                1 => EntryValue::RangeBuiltin,
                _ => self.entry_value(kind, slots),
            };
            let known = match (kind, &value) {
                (Kind::Callee(_), EntryValue::Function(_))
                | (Kind::Native(_), EntryValue::Builtin(_))
                | (Kind::Bound(_), EntryValue::Method(..)) => kind,
                _ => Kind::Obj,
            };
            self.global_kinds.push(known);
            globals.push(value);
        }

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
            pool: params
                .iter()
                .copied()
                .filter(|&(_, kind)| kind != Kind::Text)
                .collect(),
            snapshots: Vec::new(),
            current: None,
            allocations: 0,
            inherited: param_slots
                .iter()
                .zip(&params)
                .map(|(&slot, &(value, _))| (slot, value))
                .collect(),
            grown: param_slots
                .iter()
                .zip(&params)
                .filter(|(_, &(_, kind))| kind == Kind::Text)
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
        // Some traces end by leaving (as one that reached a traced loop inside an
        // inlined call does) instead of going round.
        let leaves = self.chance(1, 6);
        let end = self.snapshot(&mut body, slots);
        let end_op = if leaves {
            Op::Leave {}
        } else {
            Op::BurnFuel {}
        };
        body.insts.push(inst(None, end_op, vec![], Some(end)));
        let jump_args = params
            .iter()
            .zip(&param_slots)
            .map(|(&(param, kind), &slot)| match kind {
                Kind::Text => body.grown_value(slot).unwrap_or(param),
                _ => self.carried(&body, param, kind),
            })
            .collect();

        let root_allocations = body.allocations;
        let mut trace = Trace {
            anchor: Anchor {
                filename: "<trace case>".into(),
                line: 1,
                function: "<trace case>".into(),
                pc: 0,
            },
            steady: None,
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
            consts: self.consts.clone(),
            side: None,
        };
        trace.renumber();
        let side = if self.chance(1, 3) {
            let taken = first_exit(&trace, &frame, &globals);
            // The final `leave` is never linked: nothing hangs off it.
            let end = trace.body.insts.last().and_then(|inst| inst.snapshot);
            let at_leave = leaves && end.map(|id| id.0) == taken;
            if at_leave {
                None
            } else {
                self.side_trace(&trace, slots, global_count, taken)
            }
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

    /// A value of `kind` from the pool, preferring recent ones; `None` if there is none.
    fn operand(&mut self, body: &Body, kind: Kind) -> Option<ValueId> {
        self.operand_where(body, |known| known == kind)
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
            })
            .collect()
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
        runner.report().first_exit
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
