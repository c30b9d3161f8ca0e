//! Non-recursive destruction of nested containers.
//!
//! Dropping `[[[...]]]` nested 100,000 deep would recurse once per level in the
//! compiler-generated drop glue and overflow the native stack. Like CPython's
//! "trashcan", a list or tuple that is about to be freed moves its items into a
//! thread-local queue instead, and the outermost drop empties the queue in a loop.

use std::cell::{Cell, RefCell};

use super::{ListObj, Value};

thread_local! {
    static PENDING: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    static DRAINING: Cell<bool> = const { Cell::new(false) };
}

/// Hands the items of a container being freed to the queue, then (if no outer drop is
/// already doing it) frees queued values one at a time.
pub(super) fn defer_items(items: Vec<Value>) {
    // A container of ints, floats and the like (the common case) owns nothing but its
    // buffer: forgetting immediates leaks nothing and skips a drop call per item.
    if items.iter().all(Value::is_immediate) {
        items.into_iter().for_each(std::mem::forget);
        return;
    }
    // Only containers can nest; a flat container frees its items directly, keeping
    // the boxes of its small strings for reuse.
    if !items
        .iter()
        .any(|item| matches!(item, Value::List(_) | Value::Tuple(_)))
    {
        super::str_pool::free_items(items);
        return;
    }
    let queued = PENDING.try_with(|pending| match pending.try_borrow_mut() {
        Ok(mut pending) => {
            pending.extend(items);
            None
        }
        Err(_) => Some(()),
    });
    if !matches!(queued, Ok(None)) {
        // The queue is gone (thread teardown); items drop normally from here.
        return;
    }
    if DRAINING.with(|draining| draining.replace(true)) {
        return;
    }
    loop {
        let next = PENDING.with(|pending| pending.borrow_mut().pop());
        match next {
            Some(value) => drop(value),
            None => break,
        }
    }
    DRAINING.with(|draining| draining.set(false));
}

impl Drop for ListObj {
    fn drop(&mut self) {
        defer_items(self.take_items());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropping_deeply_nested_lists_and_tuples_does_not_overflow_a_small_stack() {
        let handle = std::thread::Builder::new()
            .stack_size(128 * 1024)
            .spawn(|| {
                let mut nested = Value::list(vec![]);
                for _ in 0..200_000 {
                    nested = Value::list(vec![nested]);
                }
                drop(nested);
                let mut nested = Value::tuple(vec![]);
                for _ in 0..200_000 {
                    nested = Value::tuple(vec![nested]);
                }
                drop(nested);
                "dropped"
            })
            .expect("spawn test thread");
        assert_eq!(handle.join().expect("thread finished"), "dropped");
    }
}
