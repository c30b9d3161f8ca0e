//! The `round()` builtin for `float` and `int`.
//!
//! `round(x)` rounds half to even and returns an `int`. `round(x, n)` for a float returns the
//! float nearest to the decimal value obtained by rounding the exact binary value of `x` to
//! `n` decimal places, half to even, exactly as CPython's `double_round` does with
//! `_Py_dg_dtoa` mode 3 followed by `_Py_dg_strtod` (so `round(2.675, 2)` is `2.67`, because
//! 2.675 is really 2.67499999...). Here the same is done with exact `BigUint` arithmetic:
//! `N = round_half_even(x * 10**n)`, then `N / 10**n` correctly rounded. `round(i, n)` for an
//! int with `n < 0` rounds to a multiple of `10**-n`, half to even.

use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{Pow, Zero};

use super::error::NumError;
use super::int::{big_cow, Int, IntOrFloat, IntRef};
use super::int_float::{f64_to_int, ratio_to_f64};

/// CPython's `NDIGITS_MAX`: rounding to more places than this returns `x` unchanged.
const NDIGITS_MAX: i64 = 323;
/// CPython's `NDIGITS_MIN`: rounding to fewer places than this gives a signed zero.
const NDIGITS_MIN: i64 = -308;

/// `round(x)` (with `ndigits` `None`, an `int`) or `round(x, ndigits)` (a `float`).
///
/// Errors: for `None`, `OverflowError: cannot convert float infinity to integer` and
/// `ValueError: cannot convert float NaN to integer`; for `Some`, `OverflowError: rounded
/// value too large to represent` when rounding up leaves the float range
/// (`round(1.7976931348623157e308, -308)`).
///
/// A Python `ndigits` outside the `i64` range should be clamped to `i64::MIN`/`i64::MAX` by
/// the caller, as CPython clamps it to `Py_ssize_t`; the result is the same.
pub fn float_round(x: f64, ndigits: Option<i64>) -> Result<IntOrFloat, NumError> {
    let Some(ndigits) = ndigits else {
        return f64_to_int(x.round_ties_even()).map(IntOrFloat::Int);
    };
    if !x.is_finite() || x == 0.0 || ndigits > NDIGITS_MAX {
        return Ok(IntOrFloat::Float(x));
    }
    if ndigits < NDIGITS_MIN {
        // A zero with the sign of x.
        return Ok(IntOrFloat::Float(0.0 * x));
    }
    let magnitude = round_decimal(x.abs(), ndigits)
        .ok_or_else(|| NumError::overflow("rounded value too large to represent"))?;
    Ok(IntOrFloat::Float(if x < 0.0 {
        -magnitude
    } else {
        magnitude
    }))
}

/// Rounds a finite positive `x` to `ndigits` decimal places (`-308..=323`), or `None` when
/// the result overflows.
fn round_decimal(x: f64, ndigits: i64) -> Option<f64> {
    // x == mantissa * 2**exponent exactly.
    let bits = x.to_bits();
    let biased = i64::try_from((bits >> 52) & 0x7ff).ok()?;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    if exponent >= 0 && ndigits >= 0 {
        // An integer rounded to a nonnegative number of places is itself.
        return Some(x);
    }
    let ten = BigUint::from(10u8);
    let places = u32::try_from(ndigits.unsigned_abs()).ok()?;
    let power_of_ten: BigUint = Pow::pow(&ten, places);
    let shift = usize::try_from(exponent.unsigned_abs()).ok()?;
    // x * 10**ndigits == numerator / denominator.
    let mut numerator = BigUint::from(mantissa);
    let mut denominator = BigUint::from(1u8);
    if exponent >= 0 {
        numerator <<= shift;
    } else {
        denominator <<= shift;
    }
    if ndigits >= 0 {
        numerator *= &power_of_ten;
    } else {
        denominator *= &power_of_ten;
    }
    let rounded = div_round_half_even(&numerator, &denominator);
    if ndigits >= 0 {
        ratio_to_f64(&rounded, &power_of_ten)
    } else {
        ratio_to_f64(&(rounded * power_of_ten), &BigUint::from(1u8))
    }
}

/// `numerator / denominator` rounded to the nearest integer, ties to even.
fn div_round_half_even(numerator: &BigUint, denominator: &BigUint) -> BigUint {
    let (quotient, remainder) = numerator.div_rem(denominator);
    let twice = remainder << 1u8;
    if twice > *denominator || (twice == *denominator && quotient.is_odd()) {
        quotient + 1u8
    } else {
        quotient
    }
}

/// `round(a, ndigits)` for an int: `a` itself when `ndigits >= 0`, otherwise the nearest
/// multiple of `10**-ndigits`, ties to the even multiple (`round(1250, -2) == 1200`).
///
/// When `10**-ndigits` exceeds twice `|a|` the result is 0 without building the power; CPython
/// builds it, so `round(5, -10**18)` hangs there and is `0` here.
pub fn int_round(a: IntRef, ndigits: i64) -> Int {
    if ndigits >= 0 {
        return a.to_owned_int();
    }
    let places = ndigits.unsigned_abs();
    if let (IntRef::Small(x), Ok(places)) = (a, u32::try_from(places)) {
        if places <= 18 {
            // 10**18 < 2**63 and the rounded result stays below 2**64, so i128 is plenty.
            let unit = 10i128.pow(places);
            let value = i128::from(x);
            let (mut quotient, remainder) = (value.div_euclid(unit), value.rem_euclid(unit));
            if 2 * remainder > unit || (2 * remainder == unit && quotient % 2 != 0) {
                quotient += 1;
            }
            let rounded = quotient * unit;
            return match i64::try_from(rounded) {
                Ok(small) => Int::Small(small),
                Err(_) => Int::from_bigint(BigInt::from(rounded)),
            };
        }
    }
    // 10**places > 2**(3 * places) > 2 * |a| once 3 * places > bit_length + 1: the nearest
    // multiple is 0. This also keeps absurd `ndigits` from building a huge power of ten.
    if places > a.bit_length() / 3 + 2 {
        return Int::Small(0);
    }
    let Ok(places) = u32::try_from(places) else {
        return Int::Small(0);
    };
    let unit: BigInt = Pow::pow(&BigInt::from(10u8), places);
    let value = big_cow(a);
    let (mut quotient, remainder) = value.div_mod_floor(&unit);
    let twice: BigInt = remainder << 1u8;
    if twice > unit || (twice == unit && quotient.is_odd()) {
        quotient += 1u8;
    }
    if quotient.is_zero() {
        return Int::Small(0);
    }
    Int::from_bigint(quotient * unit)
}
