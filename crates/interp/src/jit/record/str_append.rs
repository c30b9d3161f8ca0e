//! Recording `s += t` on a string local as `str_append`, which compiled code runs in
//! place (amortised linear string building, as in the interpreter).
//!
//! The op is recorded only where verifier rule 10 can hold: in a root trace, in the
//! trace's own frame (not an inlined call), for `s += t` or `s = s + t` whose result
//! goes straight back into the local `s`, when the left operand is that local's
//! string as the loop carries it (its parameter, or what an earlier `str_append` of
//! the same local made). Everything else about the rule (no other use of the string,
//! no other variable getting it at the loop's jump) is only known when the loop
//! closes, and a trace that breaks it aborts there. Every other string `+=` (on a
//! global, in a side trace, in an inlined call) aborts as `string_building`, so the
//! interpreter, which appends in place, runs it.

use super::context::{Context, Step};
use super::{RealFrame, Recorder};
use crate::bytecode::Instr;
use crate::jit::Abort;
use tracelift_trace::{Op, Trace};

impl Context<'_, '_> {
    /// `s += t` on two strings whose result is stored back into the variable `s`.
    pub(super) fn str_append(&mut self) -> Step {
        match self.recorder.appendable_slot(self.real) {
            Some(slot) => self.generic(2, Op::StrAppend { slot }),
            None => Step::Abort(Abort::StringBuilding),
        }
    }
}

impl Recorder {
    /// The local whose string the `+` about to run may grow in place, if the
    /// recording allows it (see the module docs).
    fn appendable_slot(&mut self, real: &RealFrame<'_>) -> Option<u32> {
        if self.side.is_some() || !self.inlined.is_empty() {
            return None;
        }
        let slot = match self.code.instrs.get(self.pc as usize + 1)?.get() {
            Instr::StoreFast(slot) => slot,
            Instr::StoreFastLoadFast(slot, _) => u32::from(slot),
            _ => return None,
        };
        let left = self.peek(real, 1).ok()?;
        let param = self.params.get(&slot).map(|param| param.value);
        let grown_before = self
            .body
            .iter()
            .any(|inst| inst.result == Some(left.value) && inst.op == (Op::StrAppend { slot }));
        (param == Some(left.value) || grown_before).then_some(slot)
    }
}

/// Whether a finished trace keeps rule 10; a recording that breaks it aborts as
/// `string_building` rather than as an invalid trace.
pub(super) fn check(trace: &Trace) -> Result<(), Abort> {
    tracelift_trace::verify::check_str_appends(trace).map_err(|_| Abort::StringBuilding)
}
