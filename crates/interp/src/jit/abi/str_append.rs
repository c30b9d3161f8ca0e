//! The helper behind `str_append`: `s += t` on strings in compiled code, in place when
//! the variable's string has no other reference, through the interpreter's own
//! functions (`ops::concat`).
//!
//! Compiled code holds the string as borrowed bits; its one reference belongs to the
//! frame slot of the variable or to `deferred`. Verifier rule 10 makes sure no other
//! value of the trace names it, so when its reference count is one, growing it in
//! place is what the interpreter would do and nothing else can see it change. The
//! result is then the same string, still owned where it was. Otherwise the result is
//! a new string (or, for an empty operand, the other operand), which `deferred` keeps
//! with a reference of its own, so the result never shares a string whose only
//! reference someone else holds: the next append copies it once, then grows the copy.
//!
//! # Safety
//! As for all helpers (see `helpers.rs`): compiled code passes its own context,
//! pointers to initialised value slots, and a writable out slot.

use std::mem::ManuallyDrop;
use std::rc::Rc;

use tracelift_trace::abi::helpers::{EXIT, OK};

use super::helpers::{interp, keep_created, value, write_borrowed};
use super::{NativeContext, RawSlot};
use crate::ops::concat;
use crate::value::{StrObj, Value};

/// `str_append`: `a += b` for two strings into `out`; `EXIT`, having changed nothing,
/// unless both are strings, where the interpreter raises, or past the allocation cap.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_str_append(
    ctx: *mut NativeContext,
    a: *const RawSlot,
    b: *const RawSlot,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and value slots.
    let (interp, left_value, right_value) = unsafe { (interp(ctx), value(a), value(b)) };
    let (Value::Str(left), Value::Str(right)) = (left_value, right_value) else {
        return EXIT;
    };
    if concat::check_append(left, right).is_err() {
        return EXIT;
    }
    if !Rc::ptr_eq(left, right) {
        // SAFETY: `left` is a valid `Rc`; the copy stands in for the owner's reference
        // during the call and is never dropped (`ManuallyDrop`), so the count is as
        // it was whatever happens. `Rc::get_mut` inside sees the true count, and the
        // string it may change is not `right` (checked above).
        let mut owned: ManuallyDrop<Rc<StrObj>> =
            ManuallyDrop::new(unsafe { std::ptr::read(left) });
        match concat::append_in_place(&mut owned, right) {
            Ok(true) => {
                // SAFETY: `out` is writable; the string is the one `a` names, still
                // owned where it was.
                unsafe { write_borrowed(out, left_value) };
                return OK;
            }
            Ok(false) => {}
            Err(_) => return EXIT,
        }
    }
    match concat::concat_str(left, right) {
        // SAFETY: `out` is writable; `deferred` keeps a reference of the result's own.
        Ok(result) => unsafe { keep_created(interp, result, out) },
        Err(_) => EXIT,
    }
}
