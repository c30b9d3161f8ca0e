//! Verifier rule 10: `str_append` grows only a string that its variable alone holds.
//!
//! Compiled code holds objects as borrowed bit copies, so a string's reference count
//! does not say how many trace values point at it: `t = s` in a loop is a second
//! name for the same value with no reference of its own. `str_append { slot }` may
//! append in place, so the trace must be such that no value but the variable's own
//! can see the string change. The values of slot `slot`'s *lineage* are the loop
//! parameter of that slot (read from the frame, which owns it) and the results of
//! the `str_append`s of that slot (each either the same string grown, or a new one
//! the VM keeps with a reference of its own). The rule:
//!
//! a. `str_append` appears only in `loop` of a root trace, whose `entry` reads the
//!    parameter of `slot` with `load_slot { slot }` and uses it for nothing else;
//! b. its first argument is of the lineage of `slot`;
//! c. no instruction takes a lineage value as an argument except as the first
//!    argument of a `str_append` of that slot;
//! d. `loop`'s jump passes a lineage value for the parameter of `slot`, and for no
//!    other parameter;
//! e. no snapshot named after a `str_append` (by a later instruction of `loop`)
//!    lists its first argument, which may have changed.
//!
//! So when a `str_append` runs, its first argument is reachable only through the
//! variable (the frame slot or the VM's list of kept objects owns it, and nothing else
//! in the trace names it), and the append is unobservable but for the result.

use std::collections::{HashMap, HashSet};

use super::ir::{Inst, SnapValue, Trace, ValueId};
use super::ops::Op;
use super::verify::VerifyError;

/// Checks rule 10 (see the module docs).
pub fn check(trace: &Trace) -> Result<(), VerifyError> {
    if let Some((index, _)) = appends(&trace.entry.insts).next() {
        return Err(error(
            "entry",
            index,
            &trace.entry.insts[index],
            "str_append is only allowed in loop",
        ));
    }
    let appends: Vec<(usize, u32)> = appends(&trace.body.insts).collect();
    if appends.is_empty() {
        return Ok(());
    }
    if trace.side.is_some() {
        let index = appends[0].0;
        return Err(error(
            "loop",
            index,
            &trace.body.insts[index],
            "a side trace cannot grow a string in place",
        ));
    }
    let slots: HashSet<u32> = appends.iter().map(|&(_, slot)| slot).collect();
    // The lineage of every grown slot: its parameter, then each append's result.
    let mut lineage: HashMap<ValueId, u32> = HashMap::new();
    for &slot in &slots {
        let param = parameter_of_slot(trace, slot).ok_or_else(|| {
            let index = appends
                .iter()
                .find(|&&(_, grown)| grown == slot)
                .map_or(0, |&(index, _)| index);
            error(
                "loop",
                index,
                &trace.body.insts[index],
                format!("slot {slot} is not a loop parameter that entry only reads (load_slot)"),
            )
        })?;
        lineage.insert(param, slot);
    }
    for (index, inst) in trace.body.insts.iter().enumerate() {
        let error = |message: String| error("loop", index, inst, message);
        for (position, arg) in inst.args.iter().enumerate() {
            let Some(&slot) = lineage.get(arg) else {
                continue;
            };
            match inst.op {
                Op::StrAppend { slot: grown } if grown == slot && position == 0 => {}
                Op::StrAppend { .. } if position == 0 => {
                    return Err(error(format!("{arg} is the string of slot {slot}")));
                }
                _ => {
                    return Err(error(format!(
                        "{arg}, a string str_append may grow, is used elsewhere"
                    )))
                }
            }
        }
        if let Op::StrAppend { slot } = inst.op {
            if lineage.get(&inst.args[0]) != Some(&slot) {
                return Err(error(format!(
                    "{} is not the string of slot {slot}",
                    inst.args[0]
                )));
            }
            if let Some(result) = inst.result {
                lineage.insert(result, slot);
            }
        }
    }
    check_jump(trace, &lineage)?;
    check_later_snapshots(trace, &appends)
}

/// The index and slot of every `str_append` of a block.
fn appends(insts: &[Inst]) -> impl Iterator<Item = (usize, u32)> + '_ {
    insts
        .iter()
        .enumerate()
        .filter_map(|(index, inst)| match inst.op {
            Op::StrAppend { slot } => Some((index, slot)),
            _ => None,
        })
}

/// The loop parameter `entry` fills with `load_slot { slot }` as it is (rule a: the
/// loaded value is used for nothing but that jump argument).
fn parameter_of_slot(trace: &Trace, slot: u32) -> Option<ValueId> {
    let entry = &trace.entry;
    let loaded = entry.insts.iter().find_map(|inst| match inst.op {
        Op::LoadSlot { slot: read } if read == slot => inst.result,
        _ => None,
    })?;
    if entry.insts.iter().any(|inst| inst.args.contains(&loaded)) {
        return None;
    }
    let mut positions = entry.jump_args.iter().enumerate();
    let (position, _) = positions.find(|(_, arg)| **arg == loaded)?;
    if entry.jump_args.iter().filter(|arg| **arg == loaded).count() != 1 {
        return None;
    }
    trace.body.params.get(position).map(|(value, _)| *value)
}

/// Rule d: the grown slot's parameter receives a value of its lineage, and no other
/// parameter receives one.
fn check_jump(trace: &Trace, lineage: &HashMap<ValueId, u32>) -> Result<(), VerifyError> {
    for ((param, _), arg) in trace.body.params.iter().zip(&trace.body.jump_args) {
        let own = lineage.get(param).copied();
        let passed = lineage.get(arg).copied();
        if own.is_some() && passed != own {
            return Err(jump_error(format!(
                "the parameter of a grown slot receives {arg}, not its string"
            )));
        }
        if own.is_none() && passed.is_some() {
            return Err(jump_error(format!(
                "{arg}, a string str_append may grow, also goes to {param}"
            )));
        }
    }
    Ok(())
}

/// Rule e: after a `str_append`, no snapshot lists its first argument.
fn check_later_snapshots(trace: &Trace, appends: &[(usize, u32)]) -> Result<(), VerifyError> {
    let insts = &trace.body.insts;
    for &(index, _) in appends {
        let grown = insts[index].args[0];
        for (later_index, later) in insts.iter().enumerate().skip(index + 1) {
            let Some(snapshot) = later
                .snapshot
                .and_then(|id| trace.snapshots.get(id.0 as usize))
            else {
                continue;
            };
            if snapshot
                .all_entries()
                .any(|entry| entry.value == SnapValue::Value(grown))
            {
                return Err(error(
                    "loop",
                    later_index,
                    later,
                    format!(
                        "its snapshot lists {grown}, which a str_append before it may have grown"
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn error(block: &str, index: usize, inst: &Inst, message: impl Into<String>) -> VerifyError {
    VerifyError {
        location: format!("{block} inst {index} ({})", inst.op.name()),
        message: message.into(),
    }
}

fn jump_error(message: String) -> VerifyError {
    VerifyError {
        location: "loop jump".into(),
        message,
    }
}
