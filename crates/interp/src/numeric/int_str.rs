//! Conversions between `int` and text: `str(int)` and `int(str, base)`.
//!
//! Both enforce CPython 3.11's default limit of 4300 decimal digits ([`MAX_STR_DIGITS`]);
//! bases that are powers of two are not limited when parsing, as in CPython. Parsing follows
//! CPython's `PyLong_FromString` step by step, including the order of its checks (so
//! `int('1' * 5000 + 'x')` reports the digit limit, not the bad literal), and its error
//! message shows at most 200 characters of the string's `repr`, like C's `%.200R`.

use num_bigint::{BigInt, BigUint, Sign};

use super::error::NumError;
use super::int::{Int, IntRef};
use super::limits::MAX_STR_DIGITS;
use super::str_repr::py_str_repr_truncated;
use super::unicode::{is_c_space, numeric_text_to_ascii};

/// The ValueError for converting an int of more than [`MAX_STR_DIGITS`] digits to text.
fn too_many_digits_to_str() -> NumError {
    NumError::value(format!(
        "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; \
         use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// The longest decimal text of an `i64` (`-9223372036854775808`).
pub const SMALL_DECIMAL_MAX: usize = 20;

/// `str(x)` of a machine int, written into `buffer` without allocating: the digits are
/// produced from the right end, so the text is the buffer's tail.
pub fn small_int_decimal(x: i64, buffer: &mut [u8; SMALL_DECIMAL_MAX]) -> &str {
    let mut rest = x.unsigned_abs();
    let mut start = SMALL_DECIMAL_MAX;
    loop {
        start -= 1;
        buffer[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if x < 0 {
        start -= 1;
        buffer[start] = b'-';
    }
    // Only ASCII digits and '-' were written, so the tail is valid UTF-8.
    std::str::from_utf8(&buffer[start..]).unwrap_or_default()
}

/// `str(a)`: the decimal text of an int.
///
/// Errors: `ValueError: Exceeds the limit (4300 digits) for integer string conversion; use
/// sys.set_int_max_str_digits() to increase the limit` for more than 4300 digits (the sign
/// does not count).
pub fn int_to_decimal_string(a: IntRef) -> Result<String, NumError> {
    match a {
        IntRef::Small(x) => Ok(small_int_decimal(x, &mut [0; SMALL_DECIMAL_MAX]).to_owned()),
        IntRef::Big(b) => {
            // 2**14290 > 10**4301, so such a value certainly has too many digits; refuse it
            // before doing quadratic work.
            if b.bits() > 14_290 {
                return Err(too_many_digits_to_str());
            }
            let text = b.to_string();
            let digits = text.len() - usize::from(text.starts_with('-'));
            if digits > MAX_STR_DIGITS {
                return Err(too_many_digits_to_str());
            }
            Ok(text)
        }
    }
}

/// The value of an ASCII digit or letter in bases up to 36, or 37 for anything else (as
/// CPython's `_PyLong_DigitValue`).
#[inline]
fn digit_value(byte: u8) -> u32 {
    match byte {
        b'0'..=b'9' => u32::from(byte - b'0'),
        b'a'..=b'z' => u32::from(byte - b'a') + 10,
        b'A'..=b'Z' => u32::from(byte - b'A') + 10,
        _ => 37,
    }
}

/// Why [`parse_int`] failed.
enum ParseFailure {
    /// Not an int literal in this base.
    Invalid,
    /// More than [`MAX_STR_DIGITS`] digits in a base that is not a power of two.
    TooManyDigits(usize),
}

/// `int(s, base)` for a `str` argument.
///
/// `base` is 0 (guess from the prefix, as for literals) or 2 to 36. Leading and trailing
/// whitespace, one sign, a `0x`/`0o`/`0b` prefix matching the base and single underscores
/// between digits are accepted; Unicode decimal digits count as digits.
///
/// Errors (all `ValueError`): `int() base must be >= 2 and <= 36, or 0`; `invalid literal for
/// int() with base 10: '12a'`; `Exceeds the limit (4300 digits) for integer string
/// conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit`.
pub fn int_from_str(s: &str, base: u32) -> Result<Int, NumError> {
    if base == 1 || base > 36 {
        return Err(NumError::value("int() base must be >= 2 and <= 36, or 0"));
    }
    match parse_int(&numeric_text_to_ascii(s), base) {
        Ok(value) => Ok(value),
        Err(ParseFailure::Invalid) => Err(NumError::value(format!(
            "invalid literal for int() with base {base}: {}",
            py_str_repr_truncated(s, 200)
        ))),
        Err(ParseFailure::TooManyDigits(digits)) => Err(NumError::value(format!(
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: \
             value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        ))),
    }
}

/// Parses the ASCII-mapped text; the checks come in CPython's order.
fn parse_int(text: &[u8], mut base: u32) -> Result<Int, ParseFailure> {
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let mut pos = 0;
    while is_c_space(at(pos)) {
        pos += 1;
    }
    let negative = match at(pos) {
        b'+' => {
            pos += 1;
            false
        }
        b'-' => {
            pos += 1;
            true
        }
        _ => false,
    };
    // With base 0 a leading zero not followed by a prefix is an old-style octal literal,
    // which is only allowed when its value is zero.
    let mut only_zero_allowed = false;
    if base == 0 {
        base = match (at(pos), at(pos + 1).to_ascii_lowercase()) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            (b'0', _) => {
                only_zero_allowed = true;
                10
            }
            _ => 10,
        };
    }
    let prefix = at(pos + 1).to_ascii_lowercase();
    if at(pos) == b'0'
        && ((base == 16 && prefix == b'x')
            || (base == 8 && prefix == b'o')
            || (base == 2 && prefix == b'b'))
    {
        pos += 2;
        // One underscore may follow the prefix.
        if at(pos) == b'_' {
            pos += 1;
        }
    }
    if at(pos) == b'_' {
        return Err(ParseFailure::Invalid);
    }
    // Scan digits and single underscores between them.
    let mut digits: Vec<u8> = Vec::new();
    let mut previous = 0u8;
    while pos < text.len() && (digit_value(at(pos)) < base || at(pos) == b'_') {
        let byte = at(pos);
        if byte == b'_' {
            if previous == b'_' {
                return Err(ParseFailure::Invalid);
            }
        } else {
            digits.push(byte);
        }
        previous = byte;
        pos += 1;
    }
    if previous == b'_' {
        return Err(ParseFailure::Invalid);
    }
    if !base.is_power_of_two() && digits.len() > MAX_STR_DIGITS {
        return Err(ParseFailure::TooManyDigits(digits.len()));
    }
    let value = digits_to_int(&digits, base, negative).ok_or(ParseFailure::Invalid)?;
    if only_zero_allowed && !value.as_ref().is_zero() {
        return Err(ParseFailure::Invalid);
    }
    if digits.is_empty() {
        return Err(ParseFailure::Invalid);
    }
    while is_c_space(at(pos)) {
        pos += 1;
    }
    if pos != text.len() {
        return Err(ParseFailure::Invalid);
    }
    Ok(value)
}

/// The value of validated digits in `base` (zero for no digits), negated if asked.
fn digits_to_int(digits: &[u8], base: u32, negative: bool) -> Option<Int> {
    // Twelve digits in base 36 stay below 2**63, so short inputs never allocate.
    if digits.len() <= 12 {
        let mut value: i64 = 0;
        for &byte in digits {
            value = value * i64::from(base) + i64::from(digit_value(byte));
        }
        return Some(Int::Small(if negative { -value } else { value }));
    }
    let magnitude = BigUint::parse_bytes(digits, base)?;
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Some(Int::from_bigint(BigInt::from_biguint(sign, magnitude)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::Pow;

    fn power_of_ten(exponent: u32) -> Int {
        Int::from_bigint(Pow::pow(BigInt::from(10u8), exponent))
    }

    #[test]
    fn decimal_digit_limit_counts_digits_not_the_sign() {
        let limit_message = "Exceeds the limit (4300 digits) for integer string conversion; \
                             use sys.set_int_max_str_digits() to increase the limit";
        // 10**4300 - 1 has exactly 4300 digits and converts, with or without a sign.
        let nines = super::super::int_sub(power_of_ten(4300).as_ref(), IntRef::Small(1));
        let text = int_to_decimal_string(nines.as_ref()).expect("4300 digits are allowed");
        assert_eq!(text.len(), 4300);
        let negative = super::super::int_neg(nines.as_ref());
        assert_eq!(
            int_to_decimal_string(negative.as_ref()).map(|t| t.len()),
            Ok(4301)
        );
        for exponent in [4300, 5000, 100_000] {
            let error = int_to_decimal_string(power_of_ten(exponent).as_ref())
                .expect_err("more than 4300 digits");
            assert_eq!(error.message, limit_message);
        }
    }

    #[test]
    fn small_decimal_matches_rust_formatting_at_the_edges() {
        let edges = [
            0,
            1,
            -1,
            9,
            10,
            -10,
            99,
            100,
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
        ];
        for x in edges {
            assert_eq!(
                small_int_decimal(x, &mut [0; SMALL_DECIMAL_MAX]),
                x.to_string()
            );
        }
    }

    #[test]
    fn invalid_literal_shows_at_most_200_chars_of_repr() {
        let text = "x".repeat(300);
        let error = int_from_str(&text, 10).expect_err("not a number");
        let shown = error
            .message
            .strip_prefix("invalid literal for int() with base 10: ")
            .expect("the prefix");
        assert_eq!(shown.chars().count(), 200);
        assert_eq!(shown, format!("'{}", "x".repeat(199)));
    }

    #[test]
    fn small_literals_in_every_base() {
        for base in 2..=36u32 {
            let digit = char::from_digit(base - 1, base).expect("a digit");
            let text: String = std::iter::repeat_n(digit, 12).collect();
            let expected = i64::from(base).pow(12) - 1;
            assert_eq!(
                int_from_str(&text, base),
                Ok(Int::Small(expected)),
                "base {base}"
            );
        }
    }
}
