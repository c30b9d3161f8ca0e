//! `int ** int`.
//!
//! A nonnegative exponent gives an exact `int`, computed by square-and-multiply in `i64`
//! until it overflows and then in `BigInt`. A negative exponent gives a `float`, as in
//! CPython, which converts both operands to `float` and uses `float ** float`. Results whose
//! size would exceed [`MAX_INT_BITS`] raise `OverflowError: too many digits in integer`
//! before any work is done (CPython would try; see `limits.rs`).

use num_bigint::BigInt;
use num_traits::{Pow, ToPrimitive};

use super::error::NumError;
use super::float_arith::float_pow;
use super::int::{big_cow, Int, IntOrFloat, IntRef};
use super::int_float::int_to_f64;
use super::limits::MAX_INT_BITS;

/// `a ** b`.
///
/// Errors: for `b < 0`, those of [`int_to_f64`] and [`float_pow`] (`0 ** -1` raises
/// `ZeroDivisionError: 0.0 cannot be raised to a negative power`); `OverflowError: too many
/// digits in integer` past [`MAX_INT_BITS`].
#[inline]
pub fn int_pow(a: IntRef, b: IntRef) -> Result<IntOrFloat, NumError> {
    if let (IntRef::Small(base), IntRef::Small(exponent)) = (a, b) {
        if let Ok(exponent) = u32::try_from(exponent) {
            if let Some(power) = small_pow(base, exponent) {
                return Ok(IntOrFloat::Int(Int::Small(power)));
            }
        }
    }
    int_pow_slow(a, b)
}

/// `base ** exponent` in `i64`, or `None` on overflow.
#[inline]
fn small_pow(base: i64, mut exponent: u32) -> Option<i64> {
    let mut result: i64 = 1;
    let mut square = base;
    loop {
        if exponent & 1 == 1 {
            result = result.checked_mul(square)?;
        }
        exponent >>= 1;
        if exponent == 0 {
            return Some(result);
        }
        square = square.checked_mul(square)?;
    }
}

#[cold]
fn int_pow_slow(a: IntRef, b: IntRef) -> Result<IntOrFloat, NumError> {
    if b.sign().is_lt() {
        let base = int_to_f64(a)?;
        let exponent = int_to_f64(b)?;
        return float_pow(base, exponent).map(IntOrFloat::Float);
    }
    // 0, 1 and -1 raised to any power stay small, however large the exponent.
    if let Some(base) = a.to_i64() {
        if (-1..=1).contains(&base) {
            let odd = match b {
                IntRef::Small(e) => e & 1 == 1,
                IntRef::Big(e) => e.bit(0),
            };
            let power = match base {
                0 if b.is_zero() => 1,
                0 => 0,
                -1 if odd => -1,
                _ => 1,
            };
            return Ok(IntOrFloat::Int(Int::Small(power)));
        }
    }
    // |a| >= 2 from here on, so the result has about b * log2|a| bits.
    super::limits::room_for_bits(
        b.to_u64().map_or(f64::INFINITY, |e| e as f64) * approx_log2_abs(a),
    )?;
    let exponent = match b.to_u64() {
        Some(e) if e <= MAX_INT_BITS => e,
        _ => return Err(NumError::int_too_large()),
    };
    let estimated_bits = exponent as f64 * approx_log2_abs(a);
    if estimated_bits > MAX_INT_BITS as f64 {
        return Err(NumError::int_too_large());
    }
    let exponent = u32::try_from(exponent).map_err(|_| NumError::int_too_large())?;
    let power: BigInt = Pow::pow(&*big_cow(a), exponent);
    Ok(IntOrFloat::Int(Int::from_bigint(power)))
}

/// An approximation of log2(|a|) good to a few parts per billion, for size estimates.
fn approx_log2_abs(a: IntRef) -> f64 {
    let bits = a.bit_length();
    match a {
        IntRef::Small(x) => (x.unsigned_abs() as f64).log2(),
        IntRef::Big(b) => {
            // Keep the top 64 bits and account for the rest as a power of two.
            let dropped = bits.saturating_sub(64);
            let top = (b.magnitude() >> dropped).to_f64().unwrap_or(f64::MAX);
            top.log2() + dropped as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::error::NumErrorKind;

    #[test]
    fn huge_powers_are_refused_not_attempted() {
        let huge = Int::from_bigint(BigInt::from(10u8).pow(30u32));
        for (base, exponent) in [
            (Int::Small(2), Int::Small(1 << 40)),
            (Int::Small(3), Int::Small(11_000_000)),
            (Int::Small(-2), huge.clone()),
            (huge.clone(), Int::Small(1 << 20)),
        ] {
            let error = int_pow(base.as_ref(), exponent.as_ref()).expect_err("past the cap");
            assert_eq!(error.kind, NumErrorKind::Overflow);
            assert_eq!(error.message, "too many digits in integer");
        }
    }

    #[test]
    fn trivial_bases_with_huge_exponents() {
        let huge = Int::from_bigint(BigInt::from(10u8).pow(30u32) + 1u8);
        let cases = [(0, 0), (1, 1), (-1, -1)];
        for (base, expected) in cases {
            let result = int_pow(IntRef::Small(base), huge.as_ref());
            assert_eq!(result, Ok(IntOrFloat::Int(Int::Small(expected))));
        }
    }
}
