//! The typed uops that work on the top stack slots in place, after their guards:
//! small-int and float arithmetic, list items read and stored by int index, and the
//! pops of slots a guard has proven to be immediates.
//!
//! Each matches the slots it needs with one slice pattern (the guards before it test
//! the same slots, so the checks are shared), deoptimises before changing anything
//! when it does not apply, and shortens the stack with `set_len` where the cut slots
//! own nothing or were moved out, rather than popping each through a temporary.

use super::interp::{discard, Flow, Interp};
use crate::ops::sequence::normalize_index;
use crate::value::Value;

impl Interp<'_> {
    /// A typed int operator on the two top values; deoptimises when they are not both
    /// small ints or `apply` has no small-int result.
    #[inline(always)]
    pub(super) fn small_int_binary(&mut self, apply: impl Fn(i64, i64) -> Option<i64>) -> Flow {
        let [.., Value::Int(a), Value::Int(b)] = self.stack.as_mut_slice() else {
            return Flow::Deopt;
        };
        match apply(*a, *b) {
            Some(result) => {
                // The left operand's slot holds an int: only its payload changes.
                *a = result;
                self.drop_immediate_top();
                Flow::Next
            }
            None => Flow::Deopt,
        }
    }

    /// A typed float operator on the two top values; deoptimises when they are not
    /// both floats or `apply` declines (division by zero).
    #[inline(always)]
    pub(super) fn float_binary(&mut self, apply: impl Fn(f64, f64) -> Option<f64>) -> Flow {
        let [.., Value::Float(a), Value::Float(b)] = self.stack.as_mut_slice() else {
            return Flow::Deopt;
        };
        match apply(*a, *b) {
            Some(result) => {
                // The left operand's slot holds a float: only its payload changes.
                *a = result;
                self.drop_immediate_top();
                Flow::Next
            }
            None => Flow::Deopt,
        }
    }

    #[inline(always)]
    pub(super) fn typed_list_get(&mut self) -> Flow {
        let len = self.stack.len();
        let [.., Value::List(list), Value::Int(index)] = self.stack.as_slice() else {
            return Flow::Deopt;
        };
        let item = {
            let Some(items) = list.try_items() else {
                return Flow::Deopt;
            };
            match normalize_index(*index, items.len()) {
                Some(at) => items[at].clone(),
                None => return Flow::Deopt,
            }
        };
        // SAFETY: the top value is an int (matched above), an immediate that owns
        // nothing, so shortening the stack past it without dropping it leaks nothing.
        unsafe { self.stack.set_len(len - 1) };
        if let Some(slot) = self.stack.last_mut() {
            // The slot held the list: drop that reference without a dispatch on kinds.
            match std::mem::replace(slot, item) {
                Value::List(list) => drop(list),
                other => discard(other),
            }
        }
        Flow::Next
    }

    #[inline(always)]
    pub(super) fn typed_list_set(&mut self) -> Flow {
        let len = self.stack.len();
        let old = {
            let [.., value, Value::List(list), Value::Int(index)] = self.stack.as_slice() else {
                return Flow::Deopt;
            };
            let Some(mut items) = list.try_items_fixed_mut() else {
                return Flow::Deopt;
            };
            let Some(at) = normalize_index(*index, items.len()) else {
                return Flow::Deopt;
            };
            // SAFETY: this moves the value out of its stack slot into the list; the
            // slot is cut off the stack below without being dropped, so the value is
            // owned exactly once (nothing in between can panic or unwind).
            let value = unsafe { std::ptr::read(value) };
            let old = std::mem::replace(&mut items[at], value);
            drop(items);
            old
        };
        // SAFETY: the three top slots are the value (moved into the list above), the
        // list and an int index. The list's reference moves into `container`, the int
        // owns nothing, so shortening the stack past all three without dropping them
        // leaves every value owned exactly once.
        let container = unsafe {
            let container = std::ptr::read(self.stack.as_ptr().add(len - 2));
            self.stack.set_len(len - 3);
            container
        };
        discard(container);
        // Freed only after the borrow ended: its destructor may reach other lists.
        discard(old);
        Flow::Next
    }

    /// Pops the top of stack, which a guard has proven to be an immediate.
    #[inline(always)]
    pub(super) fn drop_immediate_top(&mut self) {
        let len = self.stack.len();
        if len > 0 {
            // SAFETY: the caller has proven the top value an immediate, which owns
            // nothing: shortening the stack past it without dropping it leaks nothing.
            unsafe { self.stack.set_len(len - 1) };
        }
    }

    /// Pops the two top values, which guards have proven to be immediates.
    #[inline(always)]
    pub(super) fn drop_two_immediates(&mut self) {
        let len = self.stack.len();
        if len >= 2 {
            // SAFETY: the caller has proven both top values immediates, which own
            // nothing: shortening the stack past them without dropping them leaks
            // nothing.
            unsafe { self.stack.set_len(len - 2) };
        }
    }
}
