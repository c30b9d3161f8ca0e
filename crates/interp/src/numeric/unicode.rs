//! Character classes CPython uses when parsing numbers and printing strings.
//!
//! `int()` and `float()` first rewrite their argument as CPython's
//! `_PyUnicode_TransformDecimalAndSpaceToASCII` does: ASCII characters stay as they are,
//! non-ASCII whitespace becomes a space, non-ASCII decimal digits become ASCII digits, and
//! every other non-ASCII character becomes `?` (which no number accepts). After that, only
//! the C-locale whitespace ` \t\n\v\f\r` is skipped, so `'\x1c'` is not whitespace to `int()`
//! although `'\x1c'.isspace()` is true.

use super::unicode_tables::{DECIMAL_ZEROS, NON_PRINTABLE};

/// The decimal value (0 to 9) of a non-ASCII Unicode decimal digit, as `unicodedata.decimal`.
fn non_ascii_decimal_value(c: char) -> Option<u8> {
    let code = u32::from(c);
    // Find the last run that starts at or before `code`.
    let index = DECIMAL_ZEROS.partition_point(|&zero| zero <= code);
    let zero = *DECIMAL_ZEROS.get(index.checked_sub(1)?)?;
    let offset = code - zero;
    if offset < 10 {
        u8::try_from(offset).ok()
    } else {
        None
    }
}

/// Maps one character of a numeric literal to ASCII the way CPython does before parsing.
pub(super) fn numeric_char_to_ascii(c: char) -> u8 {
    if c.is_ascii() {
        // An ASCII char's code is its byte.
        return u8::try_from(u32::from(c)).unwrap_or(b'?');
    }
    if c.is_whitespace() {
        // Rust's White_Space and Python's isspace() agree on every non-ASCII code point.
        return b' ';
    }
    match non_ascii_decimal_value(c) {
        Some(value) => b'0' + value,
        None => b'?',
    }
}

/// Rewrites a numeric literal as ASCII bytes, one byte per character (see the module doc).
pub(super) fn numeric_text_to_ascii(s: &str) -> Vec<u8> {
    s.chars().map(numeric_char_to_ascii).collect()
}

/// C's `isspace` in the C locale, which is what CPython's `Py_ISSPACE` tests.
pub(super) fn is_c_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Strips C-locale whitespace from both ends of a byte string.
pub(super) fn trim_c_space(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| !is_c_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !is_c_space(b))
        .map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or(&[])
}

/// Python's `str.isprintable()` for one character.
pub(super) fn is_printable(c: char) -> bool {
    let code = u32::from(c);
    if code < 0x80 {
        return (0x20..0x7f).contains(&code);
    }
    let index = NON_PRINTABLE.partition_point(|&(start, _)| start <= code);
    match index.checked_sub(1).and_then(|i| NON_PRINTABLE.get(i)) {
        Some(&(_, end)) => code > end,
        None => true,
    }
}
