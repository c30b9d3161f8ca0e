//! Exact conversions and comparisons between `int` and `float`, and `int / int`.
//!
//! Every `int` to `float` result is correctly rounded (round half to even on the exact value),
//! including the quotient of two huge ints, following CPython's `long_true_divide`: scale the
//! dividend so that the integer quotient has 55 or 56 significant bits, remember whether
//! anything nonzero was discarded, round once to the precision of the result (53 bits, fewer
//! for subnormals), and scale back by a power of two, which is exact. `int`/`float`
//! comparisons never go through a lossy conversion.

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

use super::error::NumError;
use super::int::{Int, IntRef};

/// `DBL_MANT_DIG`: significant bits of an `f64`.
const MANT_DIG: i64 = 53;
/// `DBL_MAX_EXP`: 2**DBL_MAX_EXP is the first power of two too large for an `f64`.
const MAX_EXP: i64 = 1024;
/// `DBL_MIN_EXP`: 2**(DBL_MIN_EXP - 1) is the smallest normal `f64`.
const MIN_EXP: i64 = -1021;
/// 2**53: every integer of magnitude up to this is exactly an `f64`.
const EXACT_LIMIT: i64 = 1 << 53;
/// 2**63 as an `f64` (exact): floats in `[-2**63, 2**63)` truncate to an `i64`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// Multiplies `x` by 2**`exp`.
///
/// Exact whenever the true result is representable and `x` is a normal number below 2**64
/// with `exp >= -1100`, which is how this module calls it: the first step keeps the
/// intermediate value normal, and the second multiplies by a normal power of two.
fn ldexp(mut x: f64, mut exp: i64) -> f64 {
    while exp > 1023 {
        x *= f64::from_bits(2046 << 52);
        exp -= 1023;
    }
    while exp < -1022 {
        x *= f64::from_bits(1 << 52);
        exp += 1022;
    }
    // Now -1022 <= exp <= 1023, so the biased exponent is in 1..=2046.
    let biased = u64::try_from(exp + 1023).unwrap_or(1023);
    x * f64::from_bits(biased << 52)
}

/// The correctly rounded value of `a / b` for nonnegative `a` and positive `b`, or `None`
/// when it overflows (rounds to 2**1024 or more). Tiny quotients round to subnormals or zero.
pub(super) fn ratio_to_f64(a: &BigUint, b: &BigUint) -> Option<f64> {
    if a.is_zero() {
        return Some(0.0);
    }
    let a_bits = i64::try_from(a.bits()).unwrap_or(i64::MAX);
    let b_bits = i64::try_from(b.bits()).unwrap_or(i64::MAX);
    let diff = a_bits.saturating_sub(b_bits);
    // 2**(diff - 1) < a / b < 2**(diff + 1).
    if diff > MAX_EXP {
        return None;
    }
    if diff < MIN_EXP - MANT_DIG - 1 {
        // a / b < 2**-1075, half the smallest subnormal: it rounds to zero.
        return Some(0.0);
    }
    // Choose the scale so that the quotient has at least 55 significant bits (two more than
    // the result keeps), or enough to reach below the subnormal precision.
    let shift = diff.max(MIN_EXP) - MANT_DIG - 2;
    let mut inexact = false;
    let scaled: BigUint = if shift < 0 {
        a << shift.unsigned_abs()
    } else {
        let count = shift.unsigned_abs();
        // Bits shifted out are remembered as a sticky bit.
        inexact = a.trailing_zeros().is_some_and(|zeros| zeros < count);
        a >> count
    };
    let quotient = if b == &BigUint::from(1u8) {
        scaled
    } else {
        let (quotient, remainder) = scaled.div_rem(b);
        inexact |= !remainder.is_zero();
        quotient
    };
    // The quotient is below 2**57 by the choice of `shift`.
    let mut q = quotient.to_u64()?;
    let q_bits = i64::from(64 - q.leading_zeros());
    // Round away `extra_bits` low bits (2 or more), half to even, with the sticky bit.
    let extra_bits = q_bits.max(MIN_EXP - shift) - MANT_DIG;
    let extra_bits = u32::try_from(extra_bits)
        .ok()
        .filter(|&e| (2..60).contains(&e))?;
    let mask: u64 = 1 << (extra_bits - 1);
    // `3 * mask - 1` covers the bits below the half bit and the last kept bit, so a half
    // rounds up only when it is not a tie or when the kept part is odd.
    q |= u64::from(inexact);
    if (q & mask) != 0 && (q & (3 * mask - 1)) != 0 {
        q += mask;
    }
    q &= !(2 * mask - 1);
    // `q` now has at most 53 significant bits, so the conversion is exact.
    let dx = q as f64;
    if shift + q_bits >= MAX_EXP && (shift + q_bits > MAX_EXP || dx == ldexp(1.0, q_bits)) {
        return None;
    }
    Some(ldexp(dx, shift))
}

/// `float(a)`, correctly rounded.
///
/// Errors: `OverflowError: int too large to convert to float`.
#[inline]
pub fn int_to_f64(a: IntRef) -> Result<f64, NumError> {
    match a {
        // Integer-to-float `as` casts round to nearest, ties to even.
        IntRef::Small(x) => Ok(x as f64),
        IntRef::Big(b) => {
            let magnitude = ratio_to_f64(b.magnitude(), &BigUint::from(1u8))
                .ok_or_else(NumError::int_to_float_overflow)?;
            Ok(if b.sign() == Sign::Minus {
                -magnitude
            } else {
                magnitude
            })
        }
    }
}

/// `a / b`: the correctly rounded quotient.
///
/// Errors: `ZeroDivisionError: division by zero`; `OverflowError: integer division result
/// too large for a float`.
#[inline]
pub fn int_truediv(a: IntRef, b: IntRef) -> Result<f64, NumError> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if y == 0 {
            return Err(NumError::zero_division("division by zero"));
        }
        if x.unsigned_abs() <= EXACT_LIMIT.unsigned_abs()
            && y.unsigned_abs() <= EXACT_LIMIT.unsigned_abs()
        {
            // Both operands are exact floats and IEEE division is correctly rounded.
            return Ok(x as f64 / y as f64);
        }
    }
    int_truediv_big(a, b)
}

#[cold]
fn int_truediv_big(a: IntRef, b: IntRef) -> Result<f64, NumError> {
    if b.is_zero() {
        return Err(NumError::zero_division("division by zero"));
    }
    let negative = a.sign().is_lt() != b.sign().is_lt();
    let magnitude = ratio_to_f64(&magnitude_of(a), &magnitude_of(b))
        .ok_or_else(|| NumError::overflow("integer division result too large for a float"))?;
    Ok(if negative { -magnitude } else { magnitude })
}

/// The absolute value of an int as a `BigUint`.
fn magnitude_of(a: IntRef) -> BigUint {
    match a {
        IntRef::Small(x) => BigUint::from(x.unsigned_abs()),
        IntRef::Big(b) => b.magnitude().clone(),
    }
}

/// Compares an int with a float exactly: `None` when `b` is NaN.
///
/// `2**53 + 1 > 2.0**53` is true here although both convert to the same float.
#[inline]
pub fn int_cmp_f64(a: IntRef, b: f64) -> Option<Ordering> {
    if let IntRef::Small(x) = a {
        if x.unsigned_abs() <= EXACT_LIMIT.unsigned_abs() {
            // `x` converts exactly; NaN compares as None and infinities compare correctly.
            return (x as f64).partial_cmp(&b);
        }
    }
    int_cmp_f64_slow(a, b)
}

fn int_cmp_f64_slow(a: IntRef, b: f64) -> Option<Ordering> {
    if b.is_nan() {
        return None;
    }
    if b.is_infinite() {
        return Some(if b > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    // Compare with the integer part first; if equal, the fractional part decides.
    let whole = b.trunc();
    let fraction = b - whole;
    let whole_int = f64_to_int(whole).ok()?;
    let by_whole = super::int_arith::int_cmp(a, whole_int.as_ref());
    if by_whole != Ordering::Equal {
        return Some(by_whole);
    }
    Some(0.0f64.partial_cmp(&fraction).unwrap_or(Ordering::Equal))
}

/// `int(f)`: truncation toward zero, exact for huge floats.
///
/// Errors: `OverflowError: cannot convert float infinity to integer`; `ValueError: cannot
/// convert float NaN to integer`.
#[inline]
pub fn f64_to_int(f: f64) -> Result<Int, NumError> {
    // -2**63 <= f < 2**63: the truncated value fits and the cast is exact.
    if (-TWO_POW_63..TWO_POW_63).contains(&f) {
        return Ok(Int::Small(f as i64));
    }
    f64_to_int_big(f)
}

#[cold]
fn f64_to_int_big(f: f64) -> Result<Int, NumError> {
    if f.is_nan() {
        return Err(NumError::float_nan_to_int());
    }
    if f.is_infinite() {
        return Err(NumError::float_infinity_to_int());
    }
    // |f| >= 2**63, so it is a normal float and an integer: mantissa * 2**exponent with a
    // positive exponent.
    let bits = f.to_bits();
    let biased = i64::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let mantissa = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let exponent = usize::try_from(biased - 1075).unwrap_or(0);
    let magnitude = BigInt::from(mantissa) << exponent;
    Ok(Int::from_bigint(if f < 0.0 {
        -magnitude
    } else {
        magnitude
    }))
}
