//! `float(str)`: parsing text as CPython 3.11's `PyFloat_FromString` does.
//!
//! Steps: map Unicode digits and spaces to ASCII (see `unicode.rs`); strip C whitespace from
//! both ends; check and remove underscores, each of which must sit between two digits; accept
//! an optional sign followed by `inf`, `infinity` or `nan` in any case, or by a decimal
//! literal `digits[.digits][e[sign]digits]` with at least one mantissa digit (`1.`, `.5`).
//! The validated text is then converted by Rust's correctly rounded `str::parse::<f64>`, so
//! `1e500` is `inf` and `1e-500` is `0.0` as in CPython. Hexadecimal is rejected, like CPython.

use super::error::NumError;
use super::str_repr::py_str_repr;
use super::unicode::{numeric_text_to_ascii, trim_c_space};

/// `float(s)`.
///
/// Errors: `ValueError: could not convert string to float: 'x'`, with the Python `repr` of
/// the whole original string.
pub fn float_from_str(s: &str) -> Result<f64, NumError> {
    parse(s).ok_or_else(|| {
        NumError::value(format!(
            "could not convert string to float: {}",
            py_str_repr(s)
        ))
    })
}

/// The parse itself; `None` means the text is not a float literal.
fn parse(s: &str) -> Option<f64> {
    let ascii = numeric_text_to_ascii(s);
    let trimmed = trim_c_space(&ascii);
    let cleaned = remove_underscores(trimmed)?;
    let (negative, body) = match cleaned.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, cleaned.as_slice()),
    };
    let magnitude = if body.eq_ignore_ascii_case(b"inf") || body.eq_ignore_ascii_case(b"infinity") {
        f64::INFINITY
    } else if body.eq_ignore_ascii_case(b"nan") {
        f64::NAN
    } else if is_decimal_literal(body) {
        // Only ASCII digits, '.', 'e', 'E', '+' and '-' remain, so this is valid UTF-8.
        std::str::from_utf8(body).ok()?.parse::<f64>().ok()?
    } else {
        return None;
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Removes underscores, or returns `None` when one is not between two ASCII digits.
fn remove_underscores(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut previous: u8 = 0;
    for &byte in bytes {
        if byte == b'_' {
            if !previous.is_ascii_digit() {
                return None;
            }
        } else {
            if previous == b'_' && !byte.is_ascii_digit() {
                return None;
            }
            out.push(byte);
        }
        previous = byte;
    }
    if previous == b'_' {
        return None;
    }
    Some(out)
}

/// Whether `bytes` is `digits[.digits][(e|E)[+|-]digits]` with a mantissa digit somewhere.
fn is_decimal_literal(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let integer_digits = take_digits(&mut rest);
    let mut fraction_digits = 0;
    if let Some((b'.', after)) = rest.split_first() {
        rest = after;
        fraction_digits = take_digits(&mut rest);
    }
    if integer_digits + fraction_digits == 0 {
        return false;
    }
    if let Some((b'e' | b'E', after)) = rest.split_first() {
        rest = after;
        if let Some((b'+' | b'-', after)) = rest.split_first() {
            rest = after;
        }
        if take_digits(&mut rest) == 0 {
            return false;
        }
    }
    rest.is_empty()
}

/// Skips leading ASCII digits of `rest` and returns how many there were.
fn take_digits(rest: &mut &[u8]) -> usize {
    let count = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    *rest = rest.get(count..).unwrap_or(&[]);
    count
}
