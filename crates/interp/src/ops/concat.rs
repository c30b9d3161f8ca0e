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
    if !b.as_str().is_empty() {
        if let Some(unique) = Rc::get_mut(&mut a) {
            unique.push_str(b.as_str())?;
            return Ok(Value::Str(a));
        }
    }
    concat_str(&a, b)
}
