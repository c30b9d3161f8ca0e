//! The peephole pass: fuses common instruction pairs into superinstructions, so a hot
//! loop needs fewer dispatches (CPython 3.11 does the same with `LOAD_FAST__LOAD_FAST`
//! and friends).
//!
//! A pair is fused only when no jump lands on its second instruction; jump targets are
//! renumbered afterwards. A superinstruction's uops are exactly the uops of the pair,
//! so fusing never changes meaning.

use std::collections::HashSet;

use crate::bytecode::Instr;

/// The superinstruction for `first` followed by `second`, if there is one.
fn fused(first: Instr, second: Instr) -> Option<Instr> {
    // Superinstructions carry two 16-bit operands; larger indices stay unfused.
    let narrow = |index: u32| u16::try_from(index).ok();
    Some(match (first, second) {
        (Instr::LoadFast(a), Instr::LoadFast(b)) => Instr::LoadFastLoadFast(narrow(a)?, narrow(b)?),
        (Instr::LoadFast(slot), Instr::LoadConst(index)) => {
            Instr::LoadFastLoadConst(narrow(slot)?, narrow(index)?)
        }
        (Instr::StoreFast(store), Instr::LoadFast(load)) => {
            Instr::StoreFastLoadFast(narrow(store)?, narrow(load)?)
        }
        (Instr::Compare(op), Instr::PopJumpIfFalse(target)) => {
            Instr::CompareJumpIfFalse(op, target)
        }
        _ => return None,
    })
}

/// Fuses pairs in `instrs` (with `lines`, one source line per instruction).
pub fn fuse(instrs: Vec<Instr>, lines: Vec<u32>) -> (Vec<Instr>, Vec<u32>) {
    let targets: HashSet<u32> = instrs
        .iter()
        .filter_map(|instr| instr.jump_target())
        .collect();
    let mut out = Vec::with_capacity(instrs.len());
    let mut out_lines = Vec::with_capacity(instrs.len());
    // `new_index[old]` is where old instruction `old` (or its pair) went; one extra
    // entry maps "just past the end".
    let mut new_index = vec![0u32; instrs.len() + 1];
    let mut at = 0;
    while at < instrs.len() {
        new_index[at] = out.len() as u32;
        let pair = instrs
            .get(at + 1)
            .filter(|_| !targets.contains(&(at as u32 + 1)))
            .and_then(|&second| fused(instrs[at], second));
        out_lines.push(lines.get(at).copied().unwrap_or(0));
        match pair {
            Some(instr) => {
                out.push(instr);
                new_index[at + 1] = out.len() as u32 - 1;
                at += 2;
            }
            None => {
                out.push(instrs[at]);
                at += 1;
            }
        }
    }
    new_index[instrs.len()] = out.len() as u32;
    for instr in &mut out {
        if let Some(target) = instr.jump_target() {
            let mapped = new_index.get(target as usize).copied().unwrap_or(target);
            *instr = instr.with_jump_target(mapped);
        }
    }
    (out, out_lines)
}
