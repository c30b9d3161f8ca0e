//! [`Deferred`]: the objects the VM keeps alive for a running compiled trace.
//!
//! Compiled code holds values as borrowed bits. An object a trace makes (a helper's
//! result) or lets go of (the old value of a slot it overwrote) may still be pointed
//! at by such bits, so its last reference waits here until no borrowed copy can
//! survive: when the trace returns to the VM, when a side trace closes (its values
//! are in the frame), or when a loop recycles at its backward jump (it hands its
//! object parameters to the frame first). The count is kept in a plain field so
//! compiled code can read it (`NativeContext::deferred_len`).

use crate::value::Value;

/// Objects kept alive until the running trace can no longer point at them.
#[derive(Debug, Default)]
pub struct Deferred {
    items: Vec<Value>,
    /// Always `items.len()`, where compiled code can read it.
    len: u64,
}

impl Deferred {
    pub fn push(&mut self, value: Value) {
        self.items.push(value);
        self.len = self.items.len() as u64;
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Frees every object kept (each drop may free others it owned); returns how
    /// many there were.
    pub fn free_all(&mut self) -> usize {
        let items = std::mem::take(&mut self.items);
        let count = items.len();
        self.len = 0;
        drop(items);
        count
    }

    /// Where the count lives, for the context of a compiled trace.
    pub fn len_address(&self) -> *const u64 {
        &self.len
    }
}
