//! Recycled string boxes: the boxes of small strings freed with a list, kept per thread
//! and reused for the next small strings made.
//!
//! `text.split(" ")` in a loop makes a list of many short strings and frees the previous
//! one: two trips through the allocator per piece, and glibc's small-chunk caches hold
//! only a few chunks per size, so most pieces went through its slow paths (measured:
//! over half the instructions of the `str_split` idiom were in `malloc` and `free`).
//! CPython's small-object allocator avoids that; here a flat list being freed hands
//! the boxes of its strings that nobody else references, that keep their text inline
//! and that have no marks, to this pool, and [`boxed`] puts the next new string into
//! such a box instead of allocating one.
//!
//! **Invariants.** A pooled box holds an empty-footprint string (inline text, no
//! marks: [`StrObj::recyclable`]), is referenced by the pool only (no strong or weak
//! reference elsewhere), and its footprint was credited to the memory accountant when
//! it was pooled, so the count covers exactly the strings the program can reach. The
//! pool holds at most [`CAPACITY`] boxes. They are outside the count, but each was a
//! live, counted string a moment before, so the pool never raises resident memory
//! past a peak the limit already allowed; it keeps what glibc's free lists would
//! otherwise keep. The capacity covers compiled loops too, which keep up to about 17
//! of the lists they make alive between recycles (`jit/deferred.rs`). When the pool is
//! torn down with its thread, each box is charged back before it is freed, so freeing
//! credits what was charged.

use std::cell::RefCell;
use std::rc::Rc;

use super::str_text::INLINE;
use super::{work, StrObj, Value};
use crate::memory;

/// The most boxes kept (each is one small allocation of about a hundred bytes, so at
/// most about 3 MiB).
pub const CAPACITY: usize = 32768;

/// The pooled boxes; their footprints are not in the memory count.
struct Pool(Vec<Rc<StrObj>>);

impl Drop for Pool {
    fn drop(&mut self) {
        for boxed in self.0.drain(..) {
            // Freeing credits the footprint, which pooling already credited.
            memory::charge(boxed.footprint());
            drop(boxed);
        }
    }
}

thread_local! {
    static POOL: RefCell<Pool> = const { RefCell::new(Pool(Vec::new())) };
}

/// `text` in a box of its own: a pooled one when there is one, else a new one.
#[inline]
pub(super) fn boxed(text: StrObj) -> Rc<StrObj> {
    let reused = POOL.try_with(|pool| pool.try_borrow_mut().ok()?.0.pop());
    if let Ok(Some(mut boxed)) = reused {
        // Always `Some` by the pool's invariant.
        if let Some(slot) = Rc::get_mut(&mut boxed) {
            slot.refill(text);
            return boxed;
        }
    }
    work::count_str_box();
    Rc::new(text)
}

/// A string of the ASCII `text`, written straight into a pooled box when there is
/// one and the text fits inline (split pieces, `str(i)`), else made as usual.
#[inline]
pub(super) fn boxed_ascii(text: &str) -> Rc<StrObj> {
    if text.len() <= INLINE {
        let reused = POOL.try_with(|pool| pool.try_borrow_mut().ok()?.0.pop());
        if let Ok(Some(mut boxed)) = reused {
            // Always unshared and inline by the pool's invariant.
            if Rc::get_mut(&mut boxed).is_some_and(|slot| slot.overwrite_ascii(text)) {
                return boxed;
            }
        }
    }
    work::count_str_box();
    Rc::new(StrObj::piece(text, true))
}

/// Frees the items of a flat list, keeping the boxes of recyclable strings.
pub(super) fn free_items(items: Vec<Value>) {
    let _ = POOL.try_with(|pool| {
        let Ok(mut pool) = pool.try_borrow_mut() else {
            return;
        };
        let pool = &mut pool.0;
        for item in items {
            if pool.len() == CAPACITY {
                break;
            }
            if let Value::Str(mut boxed) = item {
                match Rc::get_mut(&mut boxed) {
                    Some(text) if text.recyclable() => {
                        memory::credit(text.footprint());
                        pool.push(boxed);
                    }
                    _ => drop(boxed),
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pooling and reusing boxes keeps the memory count exact, and a reused box holds
    /// the new text.
    #[test]
    fn recycling_keeps_the_count_exact() {
        let before = memory::used();
        let items: Vec<Value> = (0..10)
            .map(|i| Value::from_str_obj(StrObj::new(format!("piece {i}"))))
            .collect();
        let shared = items[3].clone();
        let long = Value::from_str_obj(StrObj::new("x".repeat(100)));
        let mut with_long = items;
        with_long.push(long);
        let made = memory::used();
        assert!(made > before);
        drop(Value::list(with_long));
        // Nine boxes: not the shared string, not the one with heap text.
        let pooled = POOL.with(|pool| pool.borrow().0.len());
        assert_eq!(pooled, 9);
        drop(shared);
        let again = Value::from_str_obj(StrObj::new("again".to_string()));
        assert!(matches!(&again, Value::Str(text) if text.as_str() == "again"));
        assert_eq!(POOL.with(|pool| pool.borrow().0.len()), 8);
        drop(again);
        assert_eq!(memory::used(), before);
    }
}
