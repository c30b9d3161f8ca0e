//! The one-character strings of Latin-1 (code points 0 to 255), made once per thread
//! and shared, as CPython caches them: `s[i]` and `for c in s` over such text allocate
//! nothing, and `s[i] is s[j]` holds for equal Latin-1 characters as in CPython.
//!
//! The table is leaked when it is made (256 small strings per thread that uses it,
//! never freed, like CPython's immortal single-character strings), so the thread-local
//! slot holds a plain `&'static` reference: reading it is one TLS load, with no lazy
//! initialisation state or destructor registration to check on every `s[i]`.

use std::cell::Cell;
use std::rc::Rc;

use super::{StrObj, Value};

thread_local! {
    static LATIN1: Cell<Option<&'static [Value]>> = const { Cell::new(None) };
}

/// The shared string of `character` if it is Latin-1 (the caller clones it: a
/// `Value::clone` copies the slot's 16 bytes at once, where building an
/// `Option<Value>` here wrote it piecewise and stalled the caller's read).
#[inline(always)]
pub fn latin1(character: char) -> Option<&'static Value> {
    let code = character as u32;
    if code >= 256 {
        return None;
    }
    let table = LATIN1.with(Cell::get).unwrap_or_else(make_table);
    table.get(code as usize)
}

#[cold]
fn make_table() -> &'static [Value] {
    let table: Box<[Value]> = (0..=255u8)
        .map(|code| Value::Str(Rc::new(StrObj::new(char::from(code).to_string()))))
        .collect();
    let table: &'static [Value] = Box::leak(table);
    LATIN1.with(|slot| slot.set(Some(table)));
    table
}
