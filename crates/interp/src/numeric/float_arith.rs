//! `float` arithmetic with Python's semantics rather than C's: `/ // % divmod **`.
//!
//! `//`, `%` and `divmod` follow CPython's `float_divmod`: the remainder comes from `fmod`
//! (Rust's `%` on `f64`), takes the sign of the divisor, and a zero remainder or quotient gets
//! its sign fixed explicitly; the quotient is `(a - mod) / b` rounded to the nearby integer.
//! `**` follows CPython's `float_pow` case analysis and then the C library's `pow`.
//! `+`, `-`, `*` and comparisons are plain IEEE operations and need no function here.

use super::error::NumError;

/// `a / b`.
///
/// Errors: `ZeroDivisionError: float division by zero`.
#[inline]
pub fn float_truediv(a: f64, b: f64) -> Result<f64, NumError> {
    if b == 0.0 {
        return Err(NumError::zero_division("float division by zero"));
    }
    Ok(a / b)
}

/// `a % b`: the result has the sign of `b`.
///
/// Errors: `ZeroDivisionError: float modulo`.
#[inline]
pub fn float_mod(a: f64, b: f64) -> Result<f64, NumError> {
    if b == 0.0 {
        return Err(NumError::zero_division("float modulo"));
    }
    Ok(python_mod(a, b))
}

/// The remainder of CPython's `float_rem`, for a nonzero `b`.
#[inline]
fn python_mod(a: f64, b: f64) -> f64 {
    let remainder = a % b;
    if remainder != 0.0 {
        // Give the remainder the sign of the divisor.
        if (b < 0.0) != (remainder < 0.0) {
            remainder + b
        } else {
            remainder
        }
    } else {
        // A zero remainder takes the sign of the divisor.
        0.0f64.copysign(b)
    }
}

/// The `(floor quotient, remainder)` pair of CPython's `float_divmod`, for a nonzero `b`.
fn python_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut remainder = a % b;
    // `a - remainder` is an exact multiple of `b` up to rounding.
    let mut quotient = (a - remainder) / b;
    if remainder != 0.0 {
        if (b < 0.0) != (remainder < 0.0) {
            remainder += b;
            quotient -= 1.0;
        }
    } else {
        remainder = 0.0f64.copysign(b);
    }
    let floor_quotient = if quotient != 0.0 {
        // Snap the quotient to the integer it approximates.
        let floored = quotient.floor();
        if quotient - floored > 0.5 {
            floored + 1.0
        } else {
            floored
        }
    } else {
        // A zero quotient takes the sign of the true quotient.
        0.0f64.copysign(a / b)
    };
    (floor_quotient, remainder)
}

/// `a // b`.
///
/// Errors: `ZeroDivisionError: float floor division by zero`.
#[inline]
pub fn float_floordiv(a: f64, b: f64) -> Result<f64, NumError> {
    if b == 0.0 {
        return Err(NumError::zero_division("float floor division by zero"));
    }
    Ok(python_divmod(a, b).0)
}

/// `divmod(a, b)`.
///
/// Errors: `ZeroDivisionError: float divmod()`.
#[inline]
pub fn float_divmod(a: f64, b: f64) -> Result<(f64, f64), NumError> {
    if b == 0.0 {
        return Err(NumError::zero_division("float divmod()"));
    }
    Ok(python_divmod(a, b))
}

/// Whether `x` is an odd integer: CPython's `DOUBLE_IS_ODD_INTEGER`, `fmod(fabs(x), 2.0) == 1.0`
/// (false for infinities and NaN, whose `fmod` is NaN).
#[inline]
fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `a ** b` with CPython's `float_pow` rules.
///
/// Errors: `ZeroDivisionError: 0.0 cannot be raised to a negative power`; `ValueError:
/// complex numbers are not supported` where CPython would return a complex number (a negative
/// base with a non-integer exponent); `OverflowError: (34, 'Numerical result out of range')`
/// when the result overflows. Underflow quietly gives zero, as in CPython.
pub fn float_pow(a: f64, b: f64) -> Result<f64, NumError> {
    if b == 0.0 {
        // x ** 0 is 1, even for 0 and NaN.
        return Ok(1.0);
    }
    if a.is_nan() {
        return Ok(a);
    }
    if b.is_nan() {
        return Ok(if a == 1.0 { 1.0 } else { b });
    }
    if b.is_infinite() {
        let magnitude = a.abs();
        return Ok(if magnitude == 1.0 {
            1.0
        } else if (b > 0.0) == (magnitude > 1.0) {
            f64::INFINITY
        } else {
            0.0
        });
    }
    if a.is_infinite() {
        let odd = is_odd_integer(b);
        return Ok(if b > 0.0 {
            if odd {
                a
            } else {
                a.abs()
            }
        } else if odd {
            0.0f64.copysign(a)
        } else {
            0.0
        });
    }
    if a == 0.0 {
        if b < 0.0 {
            return Err(NumError::zero_to_negative_power());
        }
        // 0 ** odd keeps the sign of zero.
        return Ok(if is_odd_integer(b) { a } else { 0.0 });
    }
    let mut base = a;
    let mut negate = false;
    if base < 0.0 {
        if b != b.floor() {
            return Err(NumError::value("complex numbers are not supported"));
        }
        base = -base;
        negate = is_odd_integer(b);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let result = base.powf(b);
    if result.is_infinite() {
        return Err(NumError::overflow("(34, 'Numerical result out of range')"));
    }
    Ok(if negate { -result } else { result })
}
