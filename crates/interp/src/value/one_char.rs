//! The one-character strings of Latin-1 (code points 0 to 255), made once per thread
//! and shared, as CPython caches them: `s[i]` and `for c in s` over such text allocate
//! nothing, and `s[i] is s[j]` holds for equal Latin-1 characters as in CPython.

use std::rc::Rc;

use super::{StrObj, Value};

thread_local! {
    static LATIN1: Box<[Value]> = (0..=255u8)
        .map(|code| Value::Str(Rc::new(StrObj::new(char::from(code).to_string()))))
        .collect();
}

/// The shared string of `character` if it is Latin-1.
#[inline]
pub fn latin1(character: char) -> Option<Value> {
    let code = character as u32;
    if code < 256 {
        LATIN1.with(|table| Some(table[code as usize].clone()))
    } else {
        None
    }
}
