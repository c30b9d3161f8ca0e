//! Python's `repr()` of a `str`, as CPython 3.11's `unicode_repr` builds it.
//!
//! The quote is `'` unless the string contains `'` and no `"`. Backslash and the chosen
//! quote are escaped; `\t`, `\n` and `\r` use their short escapes; other ASCII control
//! characters and DEL become `\xNN`; non-ASCII characters stay as they are when Python
//! considers them printable (`str.isprintable()`, from the generated table in
//! `unicode_tables.rs`, exact for Unicode 14.0 as in CPython 3.11) and are otherwise escaped as
//! `\xNN`, `\uNNNN` or `\UNNNNNNNN` by size. Nothing is approximated.

use std::fmt::Write;

use super::unicode::is_printable;

/// `repr(s)` for a Python `str`.
pub fn py_str_repr(s: &str) -> String {
    py_str_repr_truncated(s, usize::MAX)
}

/// The first `max_chars` characters of `repr(s)`, as C's `%.200R` format gives them (used by
/// `int()`'s error message). The quote is still chosen from the whole string, and the work
/// done is proportional to the output, not to `s`.
pub fn py_str_repr_truncated(s: &str, max_chars: usize) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len().min(max_chars).saturating_add(2));
    let mut emitted = 0usize;
    // Appends the pieces of one character's representation until the budget runs out.
    let mut push = |piece: &str, out: &mut String| -> bool {
        for c in piece.chars() {
            if emitted >= max_chars {
                return false;
            }
            out.push(c);
            emitted += 1;
        }
        true
    };
    let mut buffer = String::with_capacity(12);
    if !push(quote.encode_utf8(&mut [0; 4]), &mut out) {
        return out;
    }
    for c in s.chars() {
        buffer.clear();
        escape_char(c, quote, &mut buffer);
        if !push(&buffer, &mut out) {
            return out;
        }
    }
    push(quote.encode_utf8(&mut [0; 4]), &mut out);
    out
}

/// Appends the representation of one character inside a string quoted with `quote`.
fn escape_char(c: char, quote: char, out: &mut String) {
    let code = u32::from(c);
    match c {
        '\\' => out.push_str("\\\\"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        _ if c == quote => {
            out.push('\\');
            out.push(c);
        }
        _ if code < 0x20 || code == 0x7f => {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\x{code:02x}");
        }
        _ if code < 0x7f || is_printable(c) => out.push(c),
        _ if code <= 0xff => {
            let _ = write!(out, "\\x{code:02x}");
        }
        _ if code <= 0xffff => {
            let _ = write!(out, "\\u{code:04x}");
        }
        _ => {
            let _ = write!(out, "\\U{code:08x}");
        }
    }
}
