//! Going back to the recorder's state before an instruction the interpreter then
//! deoptimised.
//!
//! The recorder records each instruction before the interpreter executes it, so a
//! specialised instruction is recorded as typed code (`int_mul`) from the types its
//! operands have now. The interpreter may still decline it: a small-int product that
//! does not fit in 64 bits deoptimises, and the instruction is rewritten to its
//! generic form. Recording used to end there (`guard_fails`), and a loop whose
//! arithmetic overflows on some iterations (a hash or a random-number generator
//! working modulo 2**32) was recorded again and again and never compiled. Now the
//! recorder forgets what the instruction recorded and records its generic form, which
//! the interpreter then executes.

use std::collections::BTreeMap;

use super::{InlinedSym, Recorder, Sym};

/// What the recorder had before an instruction: only what recording one
/// instruction may change.
pub(crate) struct Mark {
    body: usize,
    snapshots: usize,
    next_value: u32,
    slots: Vec<Option<Sym>>,
    depth: usize,
    inlined: Vec<InlinedSym>,
    params: BTreeMap<u32, Sym>,
    known_lists: usize,
    exit_loads: usize,
    path_len: u64,
}

impl Recorder {
    /// The state to go back to if the interpreter deoptimises the instruction about
    /// to be recorded.
    pub(crate) fn mark(&self) -> Mark {
        Mark {
            body: self.body.len(),
            snapshots: self.snapshots.len(),
            next_value: self.next_value,
            slots: self.slots.clone(),
            depth: self.depth,
            inlined: self.inlined.clone(),
            params: self.params.clone(),
            known_lists: self.known_lists.len(),
            exit_loads: self.exit_loads.len(),
            path_len: self.path_len,
        }
    }

    /// Forgets everything recorded since `mark` (the instruction's code, snapshots,
    /// values and the loop parameters it introduced); the instruction is recorded
    /// again in its generic form.
    pub(crate) fn rewind(&mut self, mark: Mark) {
        self.body.truncate(mark.body);
        self.snapshots.truncate(mark.snapshots);
        self.next_value = mark.next_value;
        self.slots = mark.slots;
        self.depth = mark.depth;
        self.inlined = mark.inlined;
        self.params = mark.params;
        self.known_lists.truncate(mark.known_lists);
        self.exit_loads.truncate(mark.exit_loads);
        self.path_len = mark.path_len;
        self.instr_snapshot = None;
    }
}
