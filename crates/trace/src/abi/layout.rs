//! Where compiled code finds the fields of the VM's objects it accesses inline.
//!
//! Rust does not promise the layout of the VM's objects, so the VM measures it once on
//! real objects and passes the result with every compile request; without a layout the
//! backend calls helpers instead of inlining.

/// Byte offsets from a value's payload (the pointer an object slot holds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NativeLayout {
    /// The list's borrow flag (0 when not borrowed).
    pub list_borrow: i32,
    /// The list's item pointer and length.
    pub list_items: i32,
    pub list_len: i32,
    /// The iterator's kind byte, and its value for a range iterator.
    pub iter_kind: i32,
    pub range_kind: u8,
    /// A range iterator's next value, items left and step.
    pub range_next: i32,
    pub range_remaining: i32,
    pub range_step: i32,
    /// Any object's strong reference count (a machine word; every object the payload
    /// points at keeps it at the same offset).
    pub strong_count: i32,
    /// A function's code: the word holding it, and what to add to that word for the
    /// code's identity (what `guard_code` compares with).
    pub function_code: i32,
    pub code_identity: i64,
}
