//! The bytes of a string: short text inline, longer text in a growable `String`.
//!
//! Most strings a program makes are short (split pieces, `str(i)`, single characters,
//! dictionary-style keys). Keeping up to [`INLINE`] bytes inside the string object
//! itself means such a string is one allocation (the `Rc` box) instead of two, which
//! halves the allocator traffic of `split`, `str()` and slicing. Text that outgrows the
//! inline buffer moves to a `String`, whose capacity grows geometrically for in-place
//! appends.

/// The longest text kept inline (the enum is then 32 bytes, like a `String` and a tag).
pub const INLINE: usize = 30;

#[derive(Debug)]
pub enum Text {
    /// Invariant: `bytes[..len]` is valid UTF-8 (it is only ever copied from a `str`).
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(String),
}

const _: () = assert!(std::mem::size_of::<Text>() <= 32);

impl Default for Text {
    fn default() -> Text {
        Text::Inline {
            len: 0,
            bytes: [0; INLINE],
        }
    }
}

impl Text {
    /// A copy of `text`, inline when it fits.
    pub fn from_str(text: &str) -> Text {
        if text.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            Text::Inline {
                len: text.len() as u8,
                bytes,
            }
        } else {
            Text::Heap(text.to_owned())
        }
    }

    /// `text`, moved inline when it fits (freeing its buffer), else kept as it is.
    pub fn from_string(text: String) -> Text {
        if text.len() <= INLINE {
            Text::from_str(&text)
        } else {
            Text::Heap(text)
        }
    }

    /// Replaces inline text with `text` (at most [`INLINE`] bytes), written in place;
    /// `false` (nothing changed) if this text is not inline or `text` does not fit.
    /// Filling an existing object avoids building a `Text` and moving it, whose
    /// partial writes then whole-word reads stall the CPU's store forwarding.
    #[inline]
    pub fn overwrite_inline(&mut self, text: &str) -> bool {
        match self {
            Text::Inline { len, bytes } if text.len() <= INLINE => {
                bytes[..text.len()].copy_from_slice(text.as_bytes());
                *len = text.len() as u8;
                true
            }
            _ => false,
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Text::Inline { len, bytes } => {
                let bytes = &bytes[..*len as usize];
                // SAFETY: inline bytes are only ever written by copying a whole `str`
                // (`from_str`) or appending one after such bytes (`push_str`), so
                // `bytes[..len]` is valid UTF-8.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            Text::Heap(text) => text,
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        match self {
            Text::Inline { len, .. } => *len as usize,
            Text::Heap(text) => text.len(),
        }
    }

    /// How many bytes fit before the text must move.
    #[inline]
    pub fn capacity(&self) -> usize {
        match self {
            Text::Inline { .. } => INLINE,
            Text::Heap(text) => text.capacity(),
        }
    }

    /// Bytes of the heap buffer (none for inline text).
    #[inline]
    pub fn heap_bytes(&self) -> usize {
        match self {
            Text::Inline { .. } => 0,
            Text::Heap(text) => text.capacity(),
        }
    }

    /// The buffer size growing by `more` bytes moves to (`None`: no growth needed, or
    /// a size past `usize`).
    fn grown_capacity(&self, more: usize) -> Option<usize> {
        let len = self.len();
        if self.capacity() - len >= more {
            return None;
        }
        Some(
            len.checked_add(more)?
                .max(2 * self.capacity())
                .max(2 * INLINE),
        )
    }

    /// The bytes appending `more` would newly allocate.
    #[inline]
    pub fn growth_for(&self, more: usize) -> usize {
        if self.capacity() - self.len() >= more {
            return 0;
        }
        match self.grown_capacity(more) {
            Some(wanted) => wanted - self.heap_bytes(),
            None => usize::MAX,
        }
    }

    /// Makes room for `more` bytes the way [`Text::push_str`] would grow, under the
    /// memory limit and without aborting when the allocation is refused.
    pub fn try_reserve(&mut self, more: usize) -> Result<(), crate::exception::PyErr> {
        use crate::memory;
        let len = self.len();
        if self.capacity() - len >= more {
            return Ok(());
        }
        let wanted = self.grown_capacity(more).ok_or_else(memory::memory_error)?;
        memory::room_for(wanted - self.heap_bytes())?;
        match self {
            Text::Inline { .. } => {
                let mut text = String::new();
                text.try_reserve_exact(wanted)
                    .map_err(|_| memory::memory_error())?;
                text.push_str(self.as_str());
                *self = Text::Heap(text);
            }
            Text::Heap(text) => text
                .try_reserve_exact(wanted - len)
                .map_err(|_| memory::memory_error())?,
        }
        Ok(())
    }

    /// Appends `more`, moving to (or growing) a heap buffer when it does not fit; a
    /// heap buffer at least doubles, so repeated appends are amortised linear.
    pub fn push_str(&mut self, more: &str) {
        match self {
            Text::Inline { len, bytes } if *len as usize + more.len() <= INLINE => {
                let at = *len as usize;
                bytes[at..at + more.len()].copy_from_slice(more.as_bytes());
                *len += more.len() as u8;
            }
            Text::Inline { .. } => {
                let old = self.as_str();
                let mut text = String::with_capacity((old.len() + more.len()).max(2 * INLINE));
                text.push_str(old);
                text.push_str(more);
                *self = Text::Heap(text);
            }
            Text::Heap(text) => text.push_str(more),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_cross_from_inline_to_heap() {
        let mut text = Text::from_str("é");
        let mut plain = String::from("é");
        for piece in ["abc", "€€€€€€", "", "😀", &"x".repeat(40), "z"] {
            text.push_str(piece);
            plain.push_str(piece);
            assert_eq!(text.as_str(), plain);
            assert_eq!(text.len(), plain.len());
        }
        assert!(matches!(text, Text::Heap(_)));
        assert!(matches!(
            Text::from_string("short".into()),
            Text::Inline { .. }
        ));
        assert_eq!(Text::from_str(&"y".repeat(31)).as_str(), "y".repeat(31));
    }
}
