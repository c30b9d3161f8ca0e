//! Closing a side trace: the recording started at a hot exit of a compiled trace and
//! has reached the root's loop header.
//!
//! Until the side trace closes, the interpreter frame in memory is as it was when the
//! root trace was entered; the values the exit changed exist only in the exit buffer.
//! So the side trace's `entry` reads every value of the parent's exit (`load_exit`),
//! frame slots it reads that the exit did not change come from memory (`load_slot`),
//! and every snapshot lists the parent's values for the slots the side trace has not
//! touched. Its last snapshot (`close`) is the frame at the loop header, which the
//! compiled side trace writes to memory before it jumps to the root.

use std::collections::BTreeMap;

use super::{Recorder, SideStart, Sym};
use crate::jit::{Abort, Recorded};
use tracelift_trace::{
    Block, InlinedFrame, Inst, Op, SideTrace, SnapEntry, SnapValue, Snapshot, SnapshotId, ValueId,
};

impl Recorder {
    pub(super) fn close_side(&mut self, side: SideStart) -> Result<Recorded, Abort> {
        let mut entry = Block::default();
        // The parent's exit values, by slot.
        let mut inherited: BTreeMap<u32, ValueId> = BTreeMap::new();
        for (index, parent_entry) in side.entries.iter().enumerate() {
            let index = index as u32;
            let loaded = self.load_in_entry(&mut entry, Op::LoadExit { index });
            inherited.insert(parent_entry.slot, loaded);
        }
        // The slots of the inlined frames the exit rebuilt, which the recording read
        // as these values from the start.
        for &(index, value) in &self.exit_loads {
            entry.insts.push(Inst {
                result: Some(value),
                op: Op::LoadExit { index },
                args: Vec::new(),
                snapshot: None,
                line: 0,
            });
        }
        let loaded_at: BTreeMap<u32, ValueId> = self.exit_loads.iter().copied().collect();
        let mut exit_index = side.entries.len() as u32;
        let parent_inlined: Vec<InlinedFrame> = side
            .inlined
            .iter()
            .map(|(frame, code)| InlinedFrame {
                code: self
                    .codes
                    .iter()
                    .position(|known| std::rc::Rc::ptr_eq(known, code))
                    .unwrap_or(0) as u32,
                pc: frame.pc,
                stack_depth: frame.stack_depth,
                entries: frame
                    .entries
                    .iter()
                    .map(|parent_entry| {
                        let value = match loaded_at.get(&exit_index) {
                            Some(value) => SnapValue::Value(*value),
                            None => SnapValue::Unbound,
                        };
                        exit_index += 1;
                        SnapEntry {
                            slot: parent_entry.slot,
                            value,
                        }
                    })
                    .collect(),
            })
            .collect();
        let pending_count = self.snapshots.len() as u32;
        let entry_snapshot = SnapshotId(pending_count);
        let close_snapshot = SnapshotId(pending_count + 1);
        let params: Vec<(u32, Sym)> = self
            .params
            .iter()
            .map(|(&slot, &sym)| (slot, sym))
            .collect();
        for (slot, param) in &params {
            let loaded = match inherited.get(slot) {
                Some(value) => *value,
                None => self.load_in_entry(&mut entry, Op::LoadSlot { slot: *slot }),
            };
            let value = self.unboxed_param(&mut entry, loaded, param.ty, entry_snapshot);
            entry.jump_args.push(value);
        }
        let with_inherited = |slots: &BTreeMap<u32, ValueId>, live: u32| {
            let mut all = slots.clone();
            for (&slot, &value) in &inherited {
                if slot < live {
                    all.entry(slot).or_insert(value);
                }
            }
            entries(all)
        };
        let mut snapshots: Vec<Snapshot> = self
            .snapshots
            .iter()
            .map(|pending| Snapshot {
                inlined: pending.inlined.clone(),
                pc: pending.pc,
                stack_depth: pending.stack_depth,
                entries: with_inherited(&pending.slots, self.locals as u32 + pending.stack_depth),
            })
            .collect();
        // Where `entry`'s checks leave: exactly the parent's exit.
        snapshots.push(Snapshot {
            inlined: parent_inlined,
            pc: side.pc,
            stack_depth: self.entry_depth as u32,
            entries: entries(inherited.clone()),
        });
        if self.leaving {
            // It ends through the `leave`'s snapshot, not at a header.
            let left_through = self.body.last().and_then(|inst| inst.snapshot);
            let link = SideTrace {
                parent_trace: side.parent.trace,
                parent_snapshot: side.parent.snapshot,
                close: left_through.ok_or(Abort::InvalidTrace)?,
                enters: None,
            };
            return self.build_trace(entry, params, Vec::new(), snapshots, Some(link));
        }
        let (close_pc, close_depth, enters) = match self.close_at {
            Some((pc, depth, root)) => (pc, depth, Some(root)),
            None => (self.anchor_pc, self.header_depth, None),
        };
        let header_live = (self.locals + close_depth) as u32;
        let touched: BTreeMap<u32, ValueId> = self
            .slots
            .iter()
            .take(header_live as usize)
            .enumerate()
            .filter_map(|(slot, sym)| sym.map(|sym| (slot as u32, sym.value)))
            .collect();
        snapshots.push(Snapshot {
            inlined: Vec::new(),
            pc: close_pc,
            stack_depth: close_depth as u32,
            entries: with_inherited(&touched, header_live),
        });
        let link = SideTrace {
            parent_trace: side.parent.trace,
            parent_snapshot: side.parent.snapshot,
            close: close_snapshot,
            enters,
        };
        self.build_trace(entry, params, Vec::new(), snapshots, Some(link))
    }
}

fn entries(slots: BTreeMap<u32, ValueId>) -> Vec<SnapEntry> {
    slots
        .into_iter()
        .map(|(slot, value)| SnapEntry {
            slot,
            value: SnapValue::Value(value),
        })
        .collect()
}
