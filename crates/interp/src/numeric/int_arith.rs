//! `int` arithmetic: `+ - * // % divmod`, unary `- ~ abs` and comparison.
//!
//! Each function tries the `i64` fast path first (checked arithmetic, `#[inline]`) and falls
//! back to `BigInt` only when an operand is big or the small result overflows; big results
//! that fit in an `i64` are demoted again by [`Int::from_bigint`]. Division and modulo floor
//! toward negative infinity as in Python, and `-2**63 // -1` is exact.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;

use super::error::NumError;
use super::int::{big_cow, Int, IntRef};

/// `a + b`.
#[inline]
pub fn int_add(a: IntRef, b: IntRef) -> Int {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if let Some(sum) = x.checked_add(y) {
            return Int::Small(sum);
        }
    }
    int_add_big(a, b)
}

#[cold]
fn int_add_big(a: IntRef, b: IntRef) -> Int {
    Int::from_bigint(&*big_cow(a) + &*big_cow(b))
}

/// `a - b`.
#[inline]
pub fn int_sub(a: IntRef, b: IntRef) -> Int {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if let Some(diff) = x.checked_sub(y) {
            return Int::Small(diff);
        }
    }
    int_sub_big(a, b)
}

#[cold]
fn int_sub_big(a: IntRef, b: IntRef) -> Int {
    Int::from_bigint(&*big_cow(a) - &*big_cow(b))
}

/// `a * b`.
#[inline]
pub fn int_mul(a: IntRef, b: IntRef) -> Int {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if let Some(product) = x.checked_mul(y) {
            return Int::Small(product);
        }
    }
    int_mul_big(a, b)
}

#[cold]
fn int_mul_big(a: IntRef, b: IntRef) -> Int {
    Int::from_bigint(&*big_cow(a) * &*big_cow(b))
}

/// The message of `//` and `divmod()` by zero.
const DIV_BY_ZERO: &str = "integer division or modulo by zero";

/// Floor division of two `i64`s, `None` only for `i64::MIN // -1` (whose result is 2**63).
/// The caller has ruled out a zero divisor.
#[inline]
fn small_floordiv(x: i64, y: i64) -> Option<i64> {
    let quotient = x.checked_div(y)?;
    // Truncating division rounds toward zero; step down when the exact quotient was negative
    // and inexact. `wrapping_rem` cannot overflow here because `checked_div` succeeded.
    if x.wrapping_rem(y) != 0 && ((x < 0) != (y < 0)) {
        Some(quotient - 1)
    } else {
        Some(quotient)
    }
}

/// Floor modulo of two `i64`s: the result has the sign of the divisor. Never overflows
/// (`i64::MIN % -1` is 0). The caller has ruled out a zero divisor.
#[inline]
fn small_mod(x: i64, y: i64) -> i64 {
    let remainder = x.wrapping_rem(y);
    if remainder != 0 && ((remainder < 0) != (y < 0)) {
        // |remainder| < |y| and they have opposite signs, so the sum cannot overflow.
        remainder + y
    } else {
        remainder
    }
}

/// `a // b`, flooring toward negative infinity.
///
/// Errors: `ZeroDivisionError: integer division or modulo by zero`.
#[inline]
pub fn int_floordiv(a: IntRef, b: IntRef) -> Result<Int, NumError> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if y == 0 {
            return Err(NumError::zero_division(DIV_BY_ZERO));
        }
        if let Some(quotient) = small_floordiv(x, y) {
            return Ok(Int::Small(quotient));
        }
    }
    int_floordiv_big(a, b)
}

#[cold]
fn int_floordiv_big(a: IntRef, b: IntRef) -> Result<Int, NumError> {
    if b.is_zero() {
        return Err(NumError::zero_division(DIV_BY_ZERO));
    }
    Ok(Int::from_bigint(big_cow(a).div_floor(&big_cow(b))))
}

/// `a % b`; the result has the sign of `b` (or is zero).
///
/// Errors: `ZeroDivisionError: integer modulo by zero`.
#[inline]
pub fn int_mod(a: IntRef, b: IntRef) -> Result<Int, NumError> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if y == 0 {
            return Err(NumError::zero_division("integer modulo by zero"));
        }
        return Ok(Int::Small(small_mod(x, y)));
    }
    int_mod_big(a, b)
}

#[cold]
fn int_mod_big(a: IntRef, b: IntRef) -> Result<Int, NumError> {
    if b.is_zero() {
        return Err(NumError::zero_division("integer modulo by zero"));
    }
    Ok(Int::from_bigint(big_cow(a).mod_floor(&big_cow(b))))
}

/// `divmod(a, b)`: `(a // b, a % b)`.
///
/// Errors: `ZeroDivisionError: integer division or modulo by zero`.
#[inline]
pub fn int_divmod(a: IntRef, b: IntRef) -> Result<(Int, Int), NumError> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if y == 0 {
            return Err(NumError::zero_division(DIV_BY_ZERO));
        }
        if let Some(quotient) = small_floordiv(x, y) {
            return Ok((Int::Small(quotient), Int::Small(small_mod(x, y))));
        }
    }
    int_divmod_big(a, b)
}

#[cold]
fn int_divmod_big(a: IntRef, b: IntRef) -> Result<(Int, Int), NumError> {
    if b.is_zero() {
        return Err(NumError::zero_division(DIV_BY_ZERO));
    }
    let (quotient, remainder): (BigInt, BigInt) = big_cow(a).div_mod_floor(&big_cow(b));
    Ok((Int::from_bigint(quotient), Int::from_bigint(remainder)))
}

/// `-a`.
#[inline]
pub fn int_neg(a: IntRef) -> Int {
    match a {
        IntRef::Small(x) => match x.checked_neg() {
            Some(negated) => Int::Small(negated),
            None => Int::from_bigint(-BigInt::from(x)),
        },
        IntRef::Big(b) => Int::from_bigint(-b),
    }
}

/// `~a`, which is `-a - 1` (two's complement bitwise not).
#[inline]
pub fn int_invert(a: IntRef) -> Int {
    match a {
        // `!x` is `-x - 1` in two's complement and never overflows.
        IntRef::Small(x) => Int::Small(!x),
        IntRef::Big(b) => Int::from_bigint(-b - 1),
    }
}

/// `abs(a)`.
#[inline]
pub fn int_abs(a: IntRef) -> Int {
    match a {
        IntRef::Small(x) => match x.checked_abs() {
            Some(magnitude) => Int::Small(magnitude),
            None => Int::from_bigint(BigInt::from(x.unsigned_abs())),
        },
        IntRef::Big(b) => Int::from_bigint(b.magnitude().clone().into()),
    }
}

/// Compares two ints.
#[inline]
pub fn int_cmp(a: IntRef, b: IntRef) -> Ordering {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => x.cmp(&y),
        _ => big_cow(a).cmp(&big_cow(b)),
    }
}
