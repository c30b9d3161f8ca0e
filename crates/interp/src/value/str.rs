//! `str` objects: UTF-8 text with O(1) length, indexing and slicing whatever the content.
//!
//! # Representation
//! A [`StrObj`] keeps its text as UTF-8 (so printing, comparing, searching and
//! splitting work on bytes with `memchr`-class searches) plus the number of characters
//! and, for non-ASCII text only, a table of *marks*: the byte offset of every
//! [`STRIDE`]-th character. Finding the byte offset of character `i` is then one table
//! read and a walk over fewer than `STRIDE` characters, so indexing, slicing and
//! `find`'s character positions cost O(1) (bounded by `STRIDE`) on any text. ASCII text
//! (`char_count == text.len()`) needs no table and allocates none; a non-ASCII string
//! of fewer than `STRIDE` characters needs none either. The table costs 8 bytes per
//! `STRIDE` characters (at most a quarter of the text's size).
//!
//! Ordering by UTF-8 bytes is ordering by code points, which is Python's string order,
//! so comparison is `memcmp`.
//!
//! Text of up to 30 bytes is stored inside the object (`str_text.rs`), so most strings
//! are a single allocation.
//!
//! # Growth
//! Longer text is a `String` whose capacity may exceed its length: when the interpreter
//! holds the only reference to a string, `s += t` appends in place
//! ([`StrObj::push_str`]), extending the marks, so building a string by repeated `+=`
//! is amortised linear. A string with other references is never changed.

use super::str_marks::Marks;
use super::str_text::Text;
use super::work;
use crate::exception::PyErr;
use crate::memory;

/// Characters between two marks. Indexing walks at most `STRIDE - 1` characters.
pub const STRIDE: usize = 32;

/// An immutable (except for in-place growth of an unshared string) Unicode string.
///
/// Its footprint (box, heap text, marks) is charged to the memory accountant when it is
/// made and credited back when it is freed; growth in place charges the difference.
#[derive(Debug)]
pub struct StrObj {
    text: Text,
    char_count: usize,
    /// `marks[k]` is the byte offset of character `(k + 1) * STRIDE`, for every such
    /// character; empty (and unallocated) for ASCII text.
    marks: Marks,
}

// A short string's `Rc` box (two counts and the object) is one 64-byte cache line.
const _: () = assert!(std::mem::size_of::<StrObj>() + 2 * std::mem::size_of::<usize>() == 64);

/// Whether `byte` starts a character (is not a UTF-8 continuation byte).
#[inline(always)]
fn starts_char(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

/// The `Rc` box of a string: the object and the two reference counts.
const BOX_BYTES: usize =
    memory::allocation(std::mem::size_of::<StrObj>() + 2 * std::mem::size_of::<usize>());

impl Default for StrObj {
    fn default() -> StrObj {
        StrObj::made(Text::default(), 0, Marks::default())
    }
}

impl Drop for StrObj {
    fn drop(&mut self) {
        memory::credit(self.footprint());
    }
}

impl StrObj {
    /// Every string is made here, which charges its footprint.
    #[inline]
    fn made(text: Text, char_count: usize, marks: Marks) -> StrObj {
        let made = StrObj {
            text,
            char_count,
            marks,
        };
        memory::charge(made.footprint());
        made
    }

    /// The bytes this string owns, box included (what the memory accountant counts).
    #[inline]
    pub fn footprint(&self) -> usize {
        BOX_BYTES + memory::allocation(self.text.heap_bytes()) + self.marks.heap_bytes()
    }

    pub fn new(text: String) -> StrObj {
        if text.is_ascii() {
            return StrObj::ascii(text);
        }
        StrObj::non_ascii(Text::from_string(text))
    }

    /// A string of `text`, scanned for its length and marks.
    fn non_ascii(text: Text) -> StrObj {
        let mut made = StrObj::made(text, 0, Marks::default());
        let before = made.footprint();
        made.index_from(0);
        memory::charge(made.footprint() - before);
        made
    }

    /// A string the caller knows to be ASCII (e.g. a piece of ASCII text).
    pub fn ascii(text: String) -> StrObj {
        debug_assert!(text.is_ascii());
        let char_count = text.len();
        StrObj::made(Text::from_string(text), char_count, Marks::default())
    }

    /// A copy of `piece`, which is part of a string that is `ascii` or not: a piece of
    /// ASCII text needs no scan.
    pub fn piece(piece: &str, ascii: bool) -> StrObj {
        if ascii || piece.is_ascii() {
            StrObj::made(Text::from_str(piece), piece.len(), Marks::default())
        } else {
            StrObj::non_ascii(Text::from_str(piece))
        }
    }

    /// Whether this string owns nothing beyond its box (inline text, no marks), so
    /// its box can be reused for another string (`str_pool.rs`).
    #[inline]
    pub(super) fn recyclable(&self) -> bool {
        matches!(self.text, Text::Inline { .. }) && self.marks.is_unallocated()
    }

    /// Puts `text` in the place of this recyclable string, whose footprint was already
    /// credited when it was pooled (`text`'s was charged when it was made).
    #[inline]
    pub(super) fn refill(&mut self, text: StrObj) {
        debug_assert!(self.recyclable());
        // The old string owns no buffer, so forgetting it leaks nothing, and its
        // `Drop` would credit its footprint a second time.
        std::mem::forget(std::mem::replace(self, text));
    }

    /// Makes this recyclable string (whose footprint was credited when it was pooled)
    /// the ASCII text `text`, written in place; `false` (nothing changed) if `text`
    /// does not fit inline.
    #[inline]
    pub(super) fn overwrite_ascii(&mut self, text: &str) -> bool {
        debug_assert!(self.recyclable() && text.is_ascii());
        if !self.text.overwrite_inline(text) {
            return false;
        }
        self.char_count = text.len();
        memory::charge(self.footprint());
        true
    }

    /// Like [`StrObj::piece`] for text the caller already owns.
    pub fn piece_owned(text: String, ascii: bool) -> StrObj {
        if ascii {
            StrObj::ascii(text)
        } else {
            StrObj::new(text)
        }
    }

    /// Counts characters from byte `from` (a character boundary, with
    /// `self.char_count` characters before it and marks up to it) to the end, adding
    /// the marks that fall in that part.
    fn index_from(&mut self, from: usize) {
        let mut chars = self.char_count;
        for (offset, &byte) in self.text.as_str().as_bytes()[from..].iter().enumerate() {
            if starts_char(byte) {
                if chars.is_multiple_of(STRIDE) && chars > 0 {
                    self.marks.push(from + offset);
                }
                chars += 1;
            }
        }
        self.char_count = chars;
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// The length in characters (Python's `len`).
    #[inline]
    pub fn char_count(&self) -> usize {
        self.char_count
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_count == self.text.len()
    }

    /// The byte offset where character `index` starts (`text.len()` for an index at or
    /// past the end).
    pub fn byte_offset(&self, index: usize) -> usize {
        if self.is_ascii() {
            return index.min(self.text.len());
        }
        if index >= self.char_count {
            return self.text.len();
        }
        let block = index / STRIDE;
        let (mut at, end, chars) = self.block(block);
        let mut left = index % STRIDE;
        if end - at == chars {
            // An all-ASCII block (as most of mostly-ASCII text is): no walk.
            return at + left;
        }
        let bytes = self.text.as_str().as_bytes();
        work::count_char_steps(left);
        while left > 0 {
            at += 1;
            if starts_char(bytes[at]) {
                left -= 1;
            }
        }
        at
    }

    /// Block `block` of a non-ASCII string (characters `block * STRIDE` up to the next
    /// mark): its first byte, its end byte and its number of characters.
    fn block(&self, block: usize) -> (usize, usize, usize) {
        let start = if block == 0 { 0 } else { self.marks[block - 1] };
        let end = self.marks.get(block).copied().unwrap_or(self.text.len());
        let chars = STRIDE.min(self.char_count - block * STRIDE);
        (start, end, chars)
    }

    /// The character index of the character starting at byte `offset` (a character
    /// boundary, or `text.len()`).
    pub fn char_index(&self, offset: usize) -> usize {
        if self.is_ascii() {
            return offset;
        }
        // The last mark at or before `offset`, then a count of the characters between.
        let block = self.marks.partition_point(|&mark| mark <= offset);
        let (start, end, chars) = self.block(block);
        if end - start == chars {
            return block * STRIDE + (offset - start);
        }
        let between = &self.text.as_str().as_bytes()[start..offset];
        work::count_char_steps(between.len());
        block * STRIDE + between.iter().filter(|&&byte| starts_char(byte)).count()
    }

    /// The character at `index` (already normalised to `0..char_count`).
    pub fn char_at(&self, index: usize) -> Option<char> {
        if index >= self.char_count {
            return None;
        }
        if self.is_ascii() {
            return Some(self.as_str().as_bytes()[index] as char);
        }
        self.as_str()[self.byte_offset(index)..].chars().next()
    }

    /// The text of characters `start..stop` (clamped to the length).
    pub fn char_range(&self, start: usize, stop: usize) -> &str {
        let stop = stop.min(self.char_count);
        let start = start.min(stop);
        &self.as_str()[self.byte_offset(start)..self.byte_offset(stop)]
    }

    /// Appends `more` in place (the caller holds the only reference). The text's
    /// buffer grows geometrically, so repeated appends cost amortised linear time.
    /// `MemoryError` (and the string unchanged) when the growth does not fit the
    /// memory limit or the allocation is refused.
    #[inline]
    pub fn push_str(&mut self, more: &str) -> Result<(), PyErr> {
        // The common case, ASCII into room already allocated, changes no footprint.
        if self.text.capacity() - self.text.len() >= more.len()
            && self.is_ascii()
            && more.is_ascii()
        {
            work::count_bytes_copied(more.len());
            self.text.push_str(more);
            self.char_count += more.len();
            return Ok(());
        }
        self.push_str_accounted(more)
    }

    /// [`StrObj::push_str`] when the buffer grows or the marks may: charges the growth.
    #[inline(never)]
    fn push_str_accounted(&mut self, more: &str) -> Result<(), PyErr> {
        let old_len = self.text.len();
        let was_ascii = self.is_ascii();
        let before = self.footprint();
        if self.text.capacity() - old_len < more.len() {
            // Growing may move the whole text (counted, so tests see the amortised
            // cost, not just the appended bytes).
            self.text.try_reserve(more.len())?;
            work::count_bytes_copied(old_len);
        }
        work::count_bytes_copied(more.len());
        self.text.push_str(more);
        if was_ascii && more.is_ascii() {
            self.char_count += more.len();
        } else {
            if was_ascii {
                // The ASCII prefix's marks are at multiples of STRIDE.
                self.marks
                    .extend((1..).map(|k| k * STRIDE).take_while(|&at| at < old_len));
            }
            self.index_from(old_len);
        }
        memory::charge(self.footprint() - before);
        Ok(())
    }

    /// The bytes appending `more` bytes in place would newly allocate (0 when they fit
    /// the buffer).
    pub fn growth_for(&self, more: usize) -> usize {
        self.text.growth_for(more)
    }

    /// `left + right` as a new string; `MemoryError` when it does not fit.
    pub fn concat(left: &StrObj, right: &StrObj) -> Result<StrObj, PyErr> {
        let len = left.text.len().saturating_add(right.text.len());
        let mut text = Text::default();
        text.try_reserve(len)?;
        text.push_str(left.as_str());
        work::count_bytes_copied(left.text.len());
        let marks = Marks::try_clone(&left.marks)?;
        let mut made = StrObj::made(text, left.char_count, marks);
        made.push_str(right.as_str())?;
        Ok(made)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character's byte offset and back, compared with a plain walk.
    fn check_offsets(text: &str) {
        let obj = StrObj::new(text.to_string());
        let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
        assert_eq!(obj.char_count(), starts.len());
        for (index, &at) in starts.iter().enumerate() {
            assert_eq!(obj.byte_offset(index), at, "{text:?} [{index}]");
            assert_eq!(obj.char_index(at), index, "{text:?} @{at}");
            assert_eq!(obj.char_at(index), text[at..].chars().next());
        }
        assert_eq!(obj.byte_offset(starts.len()), text.len());
        assert_eq!(obj.char_index(text.len()), starts.len());
        assert_eq!(obj.char_at(starts.len()), None);
    }

    #[test]
    fn offsets_match_a_plain_walk() {
        check_offsets("");
        check_offsets("plain ascii");
        check_offsets(&"x".repeat(100));
        check_offsets(&"é".repeat(100));
        check_offsets(&"aé€😀".repeat(50));
        check_offsets(&format!("{}€{}", "a".repeat(64), "b".repeat(64)));
    }

    #[test]
    fn push_str_keeps_the_marks_of_a_fresh_string() {
        let pieces = ["abc", "é", &"x".repeat(40), "€😀", "", &"ü".repeat(70), "z"];
        let mut grown = StrObj::new(String::new());
        let mut plain = String::new();
        for piece in pieces {
            grown.push_str(piece).expect("no limit");
            plain.push_str(piece);
            let fresh = StrObj::new(plain.clone());
            assert_eq!(grown.char_count, fresh.char_count);
            assert_eq!(grown.marks, fresh.marks);
        }
        check_offsets(&plain);
    }

    #[test]
    fn concat_matches_a_fresh_string() {
        let left = StrObj::new("é".repeat(45));
        let right = StrObj::new("a".repeat(30) + "€");
        let joined = StrObj::concat(&left, &right).expect("no limit");
        let fresh = StrObj::new(format!("{}{}", left.as_str(), right.as_str()));
        assert_eq!(joined.as_str(), fresh.as_str());
        assert_eq!(joined.char_count, fresh.char_count);
        assert_eq!(joined.marks, fresh.marks);
    }

    #[test]
    fn char_range_clamps() {
        let obj = StrObj::new("aé€😀b".to_string());
        assert_eq!(obj.char_range(1, 4), "é€😀");
        assert_eq!(obj.char_range(3, 99), "😀b");
        assert_eq!(obj.char_range(4, 2), "");
    }
}
