//! The trace verifier. It checks, and reports the first violation of:
//!
//! 1. SSA: every value is defined once (as an instruction result or a `loop` or
//!    `body` parameter) and used only after its definition; `entry`'s values are
//!    visible in `loop`, and both in a peeled trace's `body`, never the other way
//!    round.
//! 2. Types: each instruction has as many arguments as its op takes (at least its
//!    fixed ones, for an op with further arguments), of the op's types.
//! 3. Exits: an op that may leave the trace names a snapshot, and only such ops do;
//!    the snapshot exists.
//! 4. Snapshots: at every instruction that names it, every value a snapshot refers to
//!    is already defined; its slots are listed in increasing order without repeats.
//! 5. Blocks: `entry` has no parameters; both blocks end by jumping to `loop` with one
//!    argument per parameter, of the parameter's type (a side trace's `loop` runs once
//!    and ends at its `close` snapshot, which exists, instead). In a peeled trace
//!    (only a root trace is peeled) `loop` and `body` both end by jumping to `body`,
//!    with one argument per `body` parameter, of its type.
//! 6. Frame reads: `load_slot` and `load_exit` appear only in `entry` (inside the
//!    loop and `body`, slots live in SSA values).
//! 7. Code and constant references: `guard_code` and inlined frames name existing
//!    entries of `codes`, `const_obj` an existing entry of `consts`; every frame of a
//!    snapshot (inlined ones too) obeys rule 4.
//! 8. `leave` ends a trace: it may only be the last instruction of `loop` (whose jump
//!    is then never taken), and a peeled trace has none.
//! 9. Parameter slots: in a root trace whose `entry` only loads and unboxes the
//!    slots of `loop`'s parameters, every snapshot an instruction of `loop` or
//!    `body` names lists each of those slots. (A side trace closing the loop passes parameters in
//!    registers without writing their slots, so inside the loop the frame's copy
//!    may be stale.)
//! 10. String growth: `str_append` grows only a string its variable alone holds (the
//!     rule's parts are listed in `verify_str_append.rs`); a peeled trace has none.

use std::fmt;

use super::ir::{Block, Inst, SnapValue, Trace, Type, ValueId};
use super::ops::Op;
pub use super::verify_str_append::check as check_str_appends;

/// A violated invariant, with where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// `entry`, `loop`, `entry jump`, `loop jump` or `snapN`, with an instruction
    /// index where there is one.
    pub location: String,
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for VerifyError {}

/// Checks every invariant listed in the module docs.
pub fn verify(trace: &Trace) -> Result<(), VerifyError> {
    let mut checker = Checker {
        trace,
        types: Vec::new(),
    };
    if !trace.entry.params.is_empty() {
        return Err(error("entry", "the entry block takes no parameters"));
    }
    checker.block("entry", &trace.entry, false)?;
    // `entry`'s jump is checked against `loop`'s parameters, which it defines.
    for &(value, ty) in &trace.body.params {
        checker.define(&"loop", value, ty)?;
    }
    checker.jump(
        &"entry jump",
        "loop",
        &trace.entry.jump_args,
        &trace.body.params,
    )?;
    checker.block("loop", &trace.body, true)?;
    let last = trace.body.insts.len().saturating_sub(1);
    let misplaced_leave = trace.entry.insts.iter().any(is_leave)
        || trace.body.insts.iter().take(last).any(is_leave)
        || (trace.steady.is_some() && trace.insts().any(is_leave));
    if misplaced_leave {
        return Err(error(
            "leave",
            "leave ends a trace: only the last instruction of loop may be one",
        ));
    }
    match (trace.side, &trace.steady) {
        (None, None) => checker.jump(
            &"loop jump",
            "loop",
            &trace.body.jump_args,
            &trace.body.params,
        )?,
        (None, Some(steady)) => {
            for &(value, ty) in &steady.params {
                checker.define(&"body", value, ty)?;
            }
            checker.jump(&"loop jump", "body", &trace.body.jump_args, &steady.params)?;
            checker.block("body", steady, true)?;
            checker.jump(&"body jump", "body", &steady.jump_args, &steady.params)?;
            if trace
                .insts()
                .any(|inst| matches!(inst.op, Op::StrAppend { .. }))
            {
                return Err(error("body", "a peeled trace has no str_append"));
            }
        }
        (Some(_), Some(_)) => return Err(error("body", "a side trace is not peeled")),
        (Some(side), None) => {
            if !trace.body.jump_args.is_empty() {
                return Err(error(
                    "loop jump",
                    "a side trace ends at its close, not a jump",
                ));
            }
            if trace.snapshots.get(side.close.0 as usize).is_none() {
                return Err(error("side", format!("{} does not exist", side.close)));
            }
        }
    }
    checker.snapshot_slots()?;
    checker.parameter_slots()?;
    check_str_appends(trace)
}

fn is_leave(inst: &Inst) -> bool {
    matches!(inst.op, Op::Leave {})
}

fn error(location: impl fmt::Display, message: impl Into<String>) -> VerifyError {
    VerifyError {
        location: location.to_string(),
        message: message.into(),
    }
}

/// Where in a block an instruction is, written out only for an error.
struct InstAt<'a> {
    block: &'a str,
    index: usize,
    op: &'static str,
}

impl fmt::Display for InstAt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} inst {} ({})", self.block, self.index, self.op)
    }
}

struct Checker<'a> {
    trace: &'a Trace,
    /// The type of every value defined so far, by number.
    types: Vec<Option<Type>>,
}

impl Checker<'_> {
    fn define(
        &mut self,
        location: &dyn fmt::Display,
        value: ValueId,
        ty: Type,
    ) -> Result<(), VerifyError> {
        let index = value.0 as usize;
        if self.types.len() <= index {
            self.types.resize(index + 1, None);
        }
        if self.types[index].replace(ty).is_some() {
            return Err(error(location, format!("{value} is defined twice")));
        }
        Ok(())
    }

    /// The type `value` was defined with, if it was.
    fn defined(&self, value: ValueId) -> Option<Type> {
        self.types.get(value.0 as usize).copied().flatten()
    }

    fn type_of(&self, location: &dyn fmt::Display, value: ValueId) -> Result<Type, VerifyError> {
        self.defined(value)
            .ok_or_else(|| error(location, format!("{value} is used before it is defined")))
    }

    fn block(&mut self, name: &str, block: &Block, is_loop: bool) -> Result<(), VerifyError> {
        for (index, inst) in block.insts.iter().enumerate() {
            // Formatted only for an error: the recorder verifies every trace it
            // builds, and formatting each instruction's location took a third of
            // that (8M of gauss's 17M verifying instructions, callgrind).
            let location = InstAt {
                block: name,
                index,
                op: inst.op.name(),
            };
            if is_loop && matches!(inst.op, Op::LoadSlot { .. } | Op::LoadExit { .. }) {
                return Err(error(
                    location,
                    "frame and exit reads are only allowed in entry",
                ));
            }
            self.inst(&location, inst)?;
        }
        Ok(())
    }

    fn inst(&mut self, location: &dyn fmt::Display, inst: &Inst) -> Result<(), VerifyError> {
        let signature = inst.op.signature();
        let arity_ok = match signature.rest {
            None => inst.args.len() == signature.args.len(),
            Some(_) => inst.args.len() >= signature.args.len(),
        };
        if !arity_ok {
            let more = if signature.rest.is_some() {
                " or more"
            } else {
                ""
            };
            return Err(error(
                location,
                format!(
                    "takes {}{more} arguments, has {}",
                    signature.args.len(),
                    inst.args.len()
                ),
            ));
        }
        let rest = std::iter::repeat(signature.rest.unwrap_or(Type::Obj));
        let expected_types = signature.args.iter().copied().chain(rest);
        for (position, (&arg, expected)) in inst.args.iter().zip(expected_types).enumerate() {
            let actual = self.type_of(location, arg)?;
            if actual != expected {
                return Err(error(
                    location,
                    format!(
                        "argument {} ({arg}) is {actual}, expected {expected}",
                        position + 1
                    ),
                ));
            }
        }
        match (inst.snapshot, signature.needs_snapshot) {
            (None, true) => return Err(error(location, "may exit but names no snapshot")),
            (Some(_), false) => return Err(error(location, "never exits but names a snapshot")),
            (Some(snapshot), true) => {
                let Some(snap) = self.trace.snapshots.get(snapshot.0 as usize) else {
                    return Err(error(location, format!("{snapshot} does not exist")));
                };
                for frame in &snap.inlined {
                    if frame.code as usize >= self.trace.codes.len() {
                        return Err(error(
                            location,
                            format!(
                                "{snapshot} inlines code{}, which does not exist",
                                frame.code
                            ),
                        ));
                    }
                }
                let inlined = snap.inlined.iter().flat_map(|frame| &frame.entries);
                for entry in snap.entries.iter().chain(inlined) {
                    if let SnapValue::Value(value) = entry.value {
                        if self.defined(value).is_none() {
                            return Err(error(
                                location,
                                format!("{snapshot} refers to {value}, not defined here"),
                            ));
                        }
                    }
                }
            }
            (None, false) => {}
        }
        if let Op::GuardCode { code } = inst.op {
            if code as usize >= self.trace.codes.len() {
                return Err(error(location, format!("code{code} does not exist")));
            }
        }
        if let Op::ConstObj { index } = inst.op {
            if index as usize >= self.trace.consts.len() {
                return Err(error(location, format!("const{index} does not exist")));
            }
        }
        match (inst.result, signature.result) {
            (Some(value), Some(ty)) => self.define(location, value, ty),
            (None, None) => Ok(()),
            (None, Some(_)) => Err(error(location, "its value has no name")),
            (Some(value), None) => Err(error(location, format!("yields no value, not {value}"))),
        }
    }

    fn jump(
        &self,
        location: &dyn fmt::Display,
        target: &str,
        args: &[ValueId],
        params: &[(ValueId, Type)],
    ) -> Result<(), VerifyError> {
        if args.len() != params.len() {
            return Err(error(
                location,
                format!(
                    "{target} takes {} arguments, given {}",
                    params.len(),
                    args.len()
                ),
            ));
        }
        for (&arg, &(param, expected)) in args.iter().zip(params) {
            let actual = self.type_of(location, arg)?;
            if actual != expected {
                return Err(error(
                    location,
                    format!("{arg} is {actual}, but {param} is {expected}"),
                ));
            }
        }
        Ok(())
    }

    fn parameter_slots(&self) -> Result<(), VerifyError> {
        let trace = self.trace;
        let (None, Some(params)) = (trace.side, trace.param_slots()) else {
            return Ok(());
        };
        let loop_insts = trace
            .body
            .insts
            .iter()
            .enumerate()
            .map(|inst| ("loop", inst));
        let steady = trace
            .steady
            .iter()
            .flat_map(|block| block.insts.iter().enumerate());
        for (block, (index, inst)) in loop_insts.chain(steady.map(|inst| ("body", inst))) {
            let Some(snapshot) = inst.snapshot else {
                continue;
            };
            let Some(snap) = trace.snapshots.get(snapshot.0 as usize) else {
                continue;
            };
            for (slot, _) in &params {
                if !snap.entries.iter().any(|entry| entry.slot == *slot) {
                    return Err(error(
                        InstAt {
                            block,
                            index,
                            op: inst.op.name(),
                        },
                        format!(
                            "{snapshot} does not list slot {slot}, which holds a loop parameter"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn snapshot_slots(&self) -> Result<(), VerifyError> {
        for (index, snapshot) in self.trace.snapshots.iter().enumerate() {
            let frames = std::iter::once(&snapshot.entries)
                .chain(snapshot.inlined.iter().map(|frame| &frame.entries));
            let ordered = frames
                .into_iter()
                .all(|entries| entries.windows(2).all(|pair| pair[0].slot < pair[1].slot));
            if !ordered {
                return Err(error(
                    format!("snap{index}"),
                    "slots must be listed in increasing order, each once",
                ));
            }
        }
        Ok(())
    }
}
