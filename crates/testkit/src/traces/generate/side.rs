//! Side traces for generated cases: a trace that starts at one of the root's exits
//! and ends by closing the root's loop, so a case is a two-trace tree.
//!
//! A side trace has the recorder's shape: `entry` reads every value the exit wrote
//! with `load_exit` (mostly unboxing it as the root had it) and a few other slots with
//! `load_slot`; `loop` runs once with random ops, passes a backward jump
//! (`burn_fuel`), and ends at its `close` snapshot, at the root's loop header.
//!
//! Invariants, beyond those of the root (see the parent module):
//! - Every snapshot of the side trace, `close` included, lists each slot the exit
//!   listed: compiled, the exit's values were never written to the frame, so a slot
//!   a snapshot leaves out would show its value from before the exit.
//! - `close` lists only frame locals, each with a value (never `unbound`).

use std::collections::HashMap;

use tracelift_trace::{
    Block, Op, SideTrace, SnapEntry, SnapValue, Snapshot, SnapshotId, Trace, Type, ValueId,
};

use super::{inst, Body, Generator, Kind};

/// The most ops a side trace's body has before its `burn_fuel`.
const MAX_SIDE_OPS: u64 = 20;

impl Generator<'_, '_> {
    /// A side trace hanging off one of `root`'s exits (mostly `taken`, the one the
    /// root leaves through on the case's frame), and the objects it may make per run
    /// (for the fuel cap); `None` when the root has no exit.
    pub(super) fn side_trace(
        &mut self,
        root: &Trace,
        slots: usize,
        globals: usize,
        taken: Option<u32>,
    ) -> Option<(Trace, u64)> {
        // As in the VM, only exits that rebuild no inlined frame get side traces.
        let own_frame = |snapshot: &u32| {
            root.snapshots
                .get(*snapshot as usize)
                .is_some_and(|exit| exit.inlined.is_empty())
        };
        let mut exits: Vec<u32> = root
            .insts()
            .filter_map(|inst| inst.snapshot)
            .map(|snapshot| snapshot.0)
            .filter(own_frame)
            .collect();
        exits.sort_unstable();
        exits.dedup();
        if exits.is_empty() {
            return None;
        }
        // Branch guards flip after some iterations, so their exits are the ones taken
        // most: a side trace hangs off one of them two times in three.
        let branches: Vec<u32> = root
            .body
            .insts
            .iter()
            .filter(|inst| matches!(inst.op, Op::GuardTrue {} | Op::GuardFalse {}))
            .filter_map(|inst| inst.snapshot)
            .map(|snapshot| snapshot.0)
            .filter(own_frame)
            .collect();
        let link = if let Some(taken) = taken.filter(|taken| own_frame(taken) && self.chance(3, 4))
        {
            taken
        } else if !branches.is_empty() && self.chance(2, 3) {
            branches[self.pick(branches.len())]
        } else {
            exits[self.pick(exits.len())]
        };
        let exit = root.snapshots.get(link as usize)?;
        let types = value_types(root);

        let entry_snapshot = Some(SnapshotId(0));
        let mut entry = Block::default();
        let mut pool = Vec::new();
        let mut inherited = Vec::new();
        let mut to_unbox = Vec::new();
        for (index, listed) in exit.entries.iter().enumerate() {
            let loaded = self.value();
            let op = Op::LoadExit {
                index: index as u32,
            };
            entry.insts.push(inst(Some(loaded), op, vec![], None));
            inherited.push((listed.slot, loaded));
            pool.push((loaded, Kind::Obj));
            let had = match listed.value {
                SnapValue::Value(value) => types.get(&value).copied(),
                SnapValue::Unbound => None,
            };
            let kind = match had {
                Some(Type::Int) => Kind::Int,
                Some(Type::Float) => Kind::Float,
                Some(Type::Bool) => Kind::Bool,
                _ => continue,
            };
            if self.chance(3, 4) {
                to_unbox.push((loaded, kind));
            }
        }
        // Unboxes may leave through the entry snapshot, which lists every value read
        // above: they come after all the reads.
        for (loaded, kind) in to_unbox {
            let unboxed = self.unbox(&mut entry, loaded, kind, entry_snapshot);
            pool.push((unboxed, kind));
        }
        // A few slots the exit did not write, read from the frame.
        for slot in 0..slots as u32 {
            if exit.entries.iter().any(|listed| listed.slot == slot) || !self.chance(1, 3) {
                continue;
            }
            let loaded = self.value();
            let op = Op::LoadSlot { slot };
            entry.insts.push(inst(Some(loaded), op, vec![], None));
            pool.push((loaded, Kind::Obj));
            let kind = [Kind::Int, Kind::Float, Kind::Bool, Kind::Obj][self.pick(4)];
            if kind != Kind::Obj {
                let unboxed = self.unbox(&mut entry, loaded, kind, entry_snapshot);
                pool.push((unboxed, kind));
            }
        }
        // Leaving at entry is leaving where the parent's exit would have.
        let entry_exit = Snapshot {
            pc: exit.pc,
            stack_depth: exit.stack_depth,
            entries: inherited
                .iter()
                .map(|&(slot, value)| SnapEntry {
                    slot,
                    value: SnapValue::Value(value),
                })
                .collect(),
            inlined: Vec::new(),
        };

        let mut body = Body {
            insts: Vec::new(),
            pool,
            snapshots: vec![entry_exit],
            current: None,
            allocations: 0,
            inherited,
            // A side trace never grows a string in place (verifier rule 10).
            grown: Vec::new(),
        };
        let ops = self.range(0, MAX_SIDE_OPS);
        for _ in 0..ops {
            self.op(&mut body, slots, globals);
        }
        let backward_jump = self.snapshot(&mut body, slots);
        // Some side traces end by leaving (as one that reached its frame's return
        // does), through the snapshot the close would have taken.
        let close = if self.chance(1, 6) {
            body.insts
                .push(inst(None, Op::Leave {}, vec![], Some(backward_jump)));
            backward_jump
        } else {
            body.insts
                .push(inst(None, Op::BurnFuel {}, vec![], Some(backward_jump)));
            self.close(&mut body, root, slots)
        };
        let mut trace = Trace {
            anchor: root.anchor.clone(),
            steady: None,
            entry,
            body: Block {
                params: Vec::new(),
                insts: body.insts,
                jump_args: Vec::new(),
            },
            snapshots: body.snapshots,
            codes: root.codes.clone(),
            // The root's constants, then the side trace's own.
            consts: self.consts.clone(),
            side: Some(SideTrace {
                parent_trace: 0,
                parent_snapshot: link,
                close,
                enters: None,
            }),
        };
        trace.renumber();
        Some((trace, body.allocations))
    }

    /// Appends an unbox of `object` to `block`; the unboxed value.
    fn unbox(
        &mut self,
        block: &mut Block,
        object: ValueId,
        kind: Kind,
        snapshot: Option<SnapshotId>,
    ) -> ValueId {
        let op = match kind {
            Kind::Int => Op::UnboxInt {},
            Kind::Float => Op::UnboxFloat {},
            _ => Op::UnboxBool {},
        };
        let unboxed = self.value();
        block
            .insts
            .push(inst(Some(unboxed), op, vec![object], snapshot));
        unboxed
    }

    /// The `close` snapshot: the frame at the root's loop header. It lists the
    /// inherited slots and, mostly, the root's parameter slots with values of the
    /// parameter's type (so compiled code can jump straight into the root's loop).
    fn close(&mut self, body: &mut Body, root: &Trace, slots: usize) -> SnapshotId {
        let params = root.param_slots().unwrap_or_default();
        let mut entries = Vec::new();
        for slot in 0..slots as u32 {
            let inherited = body
                .inherited
                .iter()
                .find(|(listed, _)| *listed == slot)
                .map(|(_, value)| *value);
            let param = params.iter().find(|(listed, _)| *listed == slot);
            if inherited.is_none() && param.is_none() && !self.chance(1, 3) {
                continue;
            }
            let typed = match param {
                Some(&(_, ty)) if self.chance(3, 4) => match ty {
                    Type::Int => self.operand(body, Kind::Int),
                    Type::Float => self.operand(body, Kind::Float),
                    Type::Bool => self.operand(body, Kind::Bool),
                    Type::Obj => Some(self.any_obj(body)),
                },
                _ => None,
            };
            let value = match (typed, inherited) {
                (Some(value), _) => value,
                (None, Some(value)) if self.chance(1, 2) => value,
                _ => self.any_value(body),
            };
            entries.push(SnapEntry {
                slot,
                value: SnapValue::Value(value),
            });
        }
        let id = SnapshotId(body.snapshots.len() as u32);
        body.snapshots.push(Snapshot {
            pc: root.anchor.pc,
            stack_depth: 0,
            entries,
            inlined: Vec::new(),
        });
        id
    }

    /// Any value of the pool, or a fresh `None`.
    fn any_value(&mut self, body: &mut Body) -> ValueId {
        if body.pool.is_empty() {
            return self.any_obj(body);
        }
        body.pool[self.pick(body.pool.len())].0
    }
}

/// The type of every value `trace` defines.
fn value_types(trace: &Trace) -> HashMap<ValueId, Type> {
    let params = trace.body.params.iter().copied();
    let results = trace
        .insts()
        .filter_map(|inst| Some((inst.result?, inst.op.signature().result?)));
    params.chain(results).collect()
}
