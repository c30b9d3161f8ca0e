//! String concatenation: `a + b` makes a new string; `a += b` appends in place when
//! the caller owns the only reference to `a` (the interpreter arranges that for
//! `s += t` on a local or global, see `vm/inplace.rs`), so building a string by
//! repeated `+=` costs amortised linear time instead of copying it every time.

use std::rc::Rc;

use tracelift_syntax::ast::BinOp;

use super::arith::{binary_op, check_len};
use crate::bytecode::ArithOp;
use crate::exception::PyErr;
use crate::value::{StrObj, Value};

/// `a + b` for strings (the caller has checked the length). An empty operand gives
/// the other one back, as in CPython. `MemoryError` past the memory limit.
pub fn concat_str(a: &Rc<StrObj>, b: &Rc<StrObj>) -> Result<Value, PyErr> {
    if b.as_str().is_empty() {
        return Ok(Value::Str(a.clone()));
    }
    if a.as_str().is_empty() {
        return Ok(Value::Str(b.clone()));
    }
    Ok(Value::from_str_obj(StrObj::concat(a, b)?))
}

/// `left += right` owning the reference `left`: two strings are appended in place
/// when no one else holds `left`; anything else is [`binary_op`]'s `+=`.
pub fn add_owned(left: Value, right: &Value) -> Result<Value, PyErr> {
    match (left, right) {
        (Value::Str(a), Value::Str(b)) => {
            check_len(a.as_str().len() + b.as_str().len())?;
            append_str(a, b)
        }
        (left, right) => binary_op(&left, right, ArithOp::inplace(BinOp::Add)),
    }
}

/// `a += b` for strings, owning the reference `a` (the caller has checked the
/// length): appends in place when no one else holds `a`, else concatenates.
/// `MemoryError` past the memory limit (an in-place append then leaves `a` as it was).
pub fn append_str(mut a: Rc<StrObj>, b: &Rc<StrObj>) -> Result<Value, PyErr> {
    if append_in_place(&mut a, b)? {
        return Ok(Value::Str(a));
    }
    concat_str(&a, b)
}

/// Appends `b` to `a` in place if `a` is the only reference to its string and `b` is
/// not empty: `Ok(true)`; `Ok(false)`, changing nothing, otherwise. `MemoryError`
/// (with `a` as it was) when the growth does not fit.
pub fn append_in_place(a: &mut Rc<StrObj>, b: &StrObj) -> Result<bool, PyErr> {
    if b.as_str().is_empty() {
        return Ok(false);
    }
    match Rc::get_mut(a) {
        Some(unique) => unique.push_str(b.as_str()).map(|()| true),
        None => Ok(false),
    }
}

/// What `s += t` on two strings checks before it changes anything (the interpreter
/// before it lets go of the variable, a trace before it appends): the length, and room
/// for growing in place or for a copy, whichever is larger, so both ways of doing it
/// fail at the same place.
pub fn check_append(left: &StrObj, right: &StrObj) -> Result<(), PyErr> {
    let total = left.as_str().len() + right.as_str().len();
    check_len(total)?;
    crate::memory::room_for(left.growth_for(right.as_str().len()).max(total))
}
