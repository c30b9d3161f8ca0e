//! `s += t` (and `s = s + t`) on strings in place: the interpreter's half of amortised
//! linear string building.
//!
//! When `x += y` runs, `x` is referenced twice: by its variable and by the operand
//! stack. If the very next instruction stores the result back into that same variable
//! (`StoreFast` of the local, `StoreGlobal` of the global it was loaded from, which is
//! how `x += y` and `x = x + y` compile), the variable's reference is dropped first;
//! the operand is
//! then often the only reference, and [`ops::concat::add_owned`] appends in place
//! instead of copying the whole string. CPython 3.11 does the same
//! (`BINARY_OP_INPLACE_ADD_UNICODE`). Nothing can observe the variable in between: the
//! store is the next instruction, and the append cannot fail on a limit (the length
//! and the memory the append or the copy needs are checked before the variable is
//! touched; only an allocation the operating system refuses can fail after it, and the
//! program then ends with `MemoryError` anyway).

use std::rc::Rc;

use super::interp::{discard, Flow, Interp};
use crate::bytecode::Instr;
use crate::ops;
use crate::value::Value;

impl Interp<'_> {
    /// `left + right` or `left += right` for two strings on top of the stack (strings
    /// are immutable, so the two mean the same).
    pub(super) fn str_inplace_add(&mut self) -> Flow {
        let (Value::Str(left), Value::Str(right)) = (self.peek(1), self.peek(0)) else {
            return Flow::Deopt;
        };
        if let Err(error) = ops::concat::check_append(left, right) {
            return Interp::raise(error);
        }
        let target = Rc::as_ptr(left);
        let holds_target =
            |value: &Value| matches!(value, Value::Str(text) if Rc::as_ptr(text) == target);
        match self.code.instrs.get(self.pc).map(|cell| cell.get()) {
            Some(Instr::StoreFast(slot)) => self.release_local(slot as usize, holds_target),
            Some(Instr::StoreFastLoadFast(slot, _)) => {
                self.release_local(slot as usize, holds_target)
            }
            Some(Instr::StoreGlobal(global))
                if self.rt.globals.load(global).is_some_and(holds_target) =>
            {
                if let Some(old) = self.rt.globals.replace(global, Value::Unbound) {
                    discard(old);
                }
            }
            _ => {}
        }
        let right = self.pop();
        let left = self.pop();
        match ops::concat::add_owned(left, &right) {
            Ok(result) => {
                self.push(result);
                Flow::Next
            }
            Err(error) => Interp::raise(error),
        }
    }

    /// Empties local `slot` (about to be stored to) if it holds the target string.
    fn release_local(&mut self, slot: usize, holds_target: impl Fn(&Value) -> bool) {
        if let Some(place) = self.stack.get_mut(self.base + slot) {
            if holds_target(place) {
                discard(std::mem::replace(place, Value::Unbound));
            }
        }
    }
}
