//! [`Deferred`]: the objects the VM keeps alive for a running compiled trace.
//!
//! Compiled code holds values as borrowed bits. An object a trace makes (a helper's
//! result) or lets go of (the old value of a slot it overwrote) may still be pointed
//! at by such bits, so its last reference waits here until no borrowed copy can
//! survive: when the trace returns to the VM, when a side trace closes (its values
//! are in the frame), or when a loop recycles at its backward jump (it hands its
//! object parameters to the frame first). The count is kept in a plain field so
//! compiled code can read it (`NativeContext::deferred_len`).
//!
//! A trace that calls a Python function (`call_py`) runs the callee in a nested run
//! of the interpreter, which may run traces of its own while the caller's are
//! suspended. The nested run raises the *floor* first: it frees only what was kept
//! above it, never the objects the suspended callers still point at.

use crate::value::{SpareBoxes, Value};

/// Objects kept alive until the running trace can no longer point at them.
#[derive(Debug, Default)]
pub struct Deferred {
    items: Vec<Value>,
    /// Always `len()` (the count above the floor), where compiled code can read it.
    len: u64,
    /// How many of the first items belong to suspended callers of a nested run:
    /// freeing stops there.
    floor: usize,
}

impl Deferred {
    pub fn push(&mut self, value: Value) {
        self.items.push(value);
        self.len = self.len() as u64;
    }

    /// How many objects the running trace (above the floor) keeps.
    pub fn len(&self) -> usize {
        self.items.len() - self.floor
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Frees every object kept above the floor (each drop may free others it
    /// owned), keeping the boxes `spare` wants; returns how many there were.
    #[inline]
    pub fn free_all(&mut self, spare: &mut SpareBoxes) -> usize {
        let count = self.items.len() - self.floor;
        if count == 0 {
            return 0;
        }
        while self.items.len() > self.floor {
            if let Some(value) = self.items.pop() {
                spare.free(value);
            }
        }
        self.len = 0;
        count
    }

    /// Starts a nested run: what is kept now stays kept until [`Deferred::lower_floor`].
    /// Returns the floor to restore.
    pub fn raise_floor(&mut self) -> usize {
        self.len = 0;
        std::mem::replace(&mut self.floor, self.items.len())
    }

    /// [`Deferred::raise_floor`] for a compiled call's callee, which started when
    /// `kept` objects were kept above the floor: what it kept since is above the
    /// new floor. Returns the floor to restore.
    pub fn raise_floor_past(&mut self, kept: usize) -> usize {
        let floor = (self.floor + kept).min(self.items.len());
        self.len = (self.items.len() - floor) as u64;
        std::mem::replace(&mut self.floor, floor)
    }

    /// Ends a nested run (whose own objects were freed when it returned to the VM):
    /// the caller's objects are freeable again.
    pub fn lower_floor(&mut self, floor: usize) {
        self.floor = floor.min(self.items.len());
        self.len = self.len() as u64;
    }

    /// Where the count lives, for the context of a compiled trace.
    pub fn len_address(&self) -> *const u64 {
        &self.len
    }
}
