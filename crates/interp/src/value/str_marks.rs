//! The marks of a string (`StrObj`): byte offsets of every `STRIDE`-th character,
//! kept behind one pointer that is null for ASCII text.
//!
//! Most strings a program makes are ASCII and short, and have no marks. A `Vec` in
//! the object would cost them 24 bytes each; one pointer costs 8, which makes the
//! whole `Rc` box of a short string one 64-byte cache line (split pieces, `str(i)`,
//! dictionary-style keys are freed and made by the thousand).

use std::ops::Deref;

use crate::memory;

/// Byte offsets, in order; no allocation while empty.
///
/// The `Vec` is boxed on purpose (against clippy's `box_collection`): the object holds
/// one pointer instead of three words, and the marks still grow in amortised constant
/// time as a string grows in place.
#[derive(Debug, Default)]
#[allow(clippy::box_collection)]
pub struct Marks(Option<Box<Vec<usize>>>);

impl Marks {
    /// Appends the mark `at`.
    pub fn push(&mut self, at: usize) {
        self.0.get_or_insert_with(Box::default).push(at);
    }

    /// Appends `marks`, allocating only if there are any.
    pub fn extend(&mut self, marks: impl IntoIterator<Item = usize>) {
        for at in marks {
            self.push(at);
        }
    }

    /// A copy of `marks`; `MemoryError` when the allocation is refused.
    pub fn try_clone(marks: &[usize]) -> Result<Marks, crate::exception::PyErr> {
        if marks.is_empty() {
            return Ok(Marks::default());
        }
        let mut copy = Vec::new();
        copy.try_reserve_exact(marks.len())
            .map_err(|_| memory::memory_error())?;
        copy.extend_from_slice(marks);
        Ok(Marks(Some(Box::new(copy))))
    }

    /// Whether the marks own no allocation.
    pub fn is_unallocated(&self) -> bool {
        self.0.is_none()
    }

    /// The bytes the marks own on the heap (what the memory accountant counts).
    pub fn heap_bytes(&self) -> usize {
        self.0.as_ref().map_or(0, |marks| {
            memory::allocation(std::mem::size_of::<Vec<usize>>())
                + memory::buffer::<usize>(marks.capacity())
        })
    }
}

impl Deref for Marks {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl PartialEq for Marks {
    fn eq(&self, other: &Marks) -> bool {
        **self == **other
    }
}
