//! Work counters for complexity tests: how many bytes string building copied, how
//! many characters indexing walked, how many strings were made (and how many of them
//! needed a new box from the allocator) and how many references were taken.
//!
//! They count in debug builds only (release builds compile every call to nothing),
//! per thread, so a test can run a program on its thread and compare the counts for
//! inputs of size n and 4n: a linear operation shows about 4x, a quadratic one 16x.
//! Counting work rather than time makes these tests deterministic.

use std::cell::Cell;

/// A snapshot of the counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkCounts {
    /// Bytes copied into string buffers by concatenation and in-place appends,
    /// including moving the old text when an append grows the buffer.
    pub bytes_copied: u64,
    /// Characters walked (or bytes scanned) to turn a character index into a byte
    /// offset or back.
    pub char_steps: u64,
    /// `str` objects allocated.
    pub str_allocs: u64,
    /// Of those, the ones that needed a new box (the others reused a pooled one).
    pub str_boxes: u64,
    /// Strong references taken by cloning a heap value.
    pub retains: u64,
}

impl WorkCounts {
    /// The work done since `earlier`.
    pub fn since(self, earlier: WorkCounts) -> WorkCounts {
        WorkCounts {
            bytes_copied: self.bytes_copied - earlier.bytes_copied,
            char_steps: self.char_steps - earlier.char_steps,
            str_allocs: self.str_allocs - earlier.str_allocs,
            str_boxes: self.str_boxes - earlier.str_boxes,
            retains: self.retains - earlier.retains,
        }
    }
}

thread_local! {
    static COUNTS: Cell<WorkCounts> = const {
        Cell::new(WorkCounts {
            bytes_copied: 0,
            char_steps: 0,
            str_allocs: 0,
            str_boxes: 0,
            retains: 0,
        })
    };
}

/// The counters of this thread (all zero in release builds).
pub fn counts() -> WorkCounts {
    COUNTS.with(Cell::get)
}

#[inline(always)]
fn bump(update: impl FnOnce(&mut WorkCounts)) {
    if cfg!(debug_assertions) {
        COUNTS.with(|cell| {
            let mut counts = cell.get();
            update(&mut counts);
            cell.set(counts);
        });
    }
}

#[inline(always)]
pub(crate) fn count_bytes_copied(bytes: usize) {
    bump(|counts| counts.bytes_copied += bytes as u64);
}

#[inline(always)]
pub(crate) fn count_char_steps(steps: usize) {
    bump(|counts| counts.char_steps += steps as u64);
}

#[inline(always)]
pub(crate) fn count_str_alloc() {
    bump(|counts| counts.str_allocs += 1);
}

#[inline(always)]
pub(crate) fn count_str_box() {
    bump(|counts| counts.str_boxes += 1);
}

#[inline(always)]
pub(crate) fn count_retain() {
    bump(|counts| counts.retains += 1);
}
