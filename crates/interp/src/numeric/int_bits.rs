//! `int` bitwise operators: `<< >> & | ^`, with Python's infinite two's complement semantics.
//!
//! Shifts by a negative count raise `ValueError: negative shift count`. A right shift floors
//! (it is `a // 2**b`), so shifting a negative value by a huge count gives -1. A left shift
//! whose result would exceed [`MAX_INT_BITS`] raises `OverflowError: too many digits in
//! integer` instead of allocating (see `limits.rs`); shifting zero always gives zero.

use super::error::NumError;
use super::int::{big_cow, Int, IntRef};
use super::limits::MAX_INT_BITS;

/// The error for a negative shift count.
fn negative_shift() -> NumError {
    NumError::value("negative shift count")
}

/// `a << b`.
///
/// Errors: `ValueError: negative shift count`; `OverflowError: too many digits in integer`
/// when the result would exceed [`MAX_INT_BITS`].
#[inline]
pub fn int_lshift(a: IntRef, b: IntRef) -> Result<Int, NumError> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if (0..64).contains(&y) {
            // Shifting by less than 64 never panics; the round trip detects lost bits.
            let shifted = x << y;
            if shifted >> y == x {
                return Ok(Int::Small(shifted));
            }
        }
    }
    int_lshift_big(a, b)
}

#[cold]
fn int_lshift_big(a: IntRef, b: IntRef) -> Result<Int, NumError> {
    if b.sign().is_lt() {
        return Err(negative_shift());
    }
    if a.is_zero() {
        return Ok(Int::Small(0));
    }
    super::limits::room_for_bits(
        a.bit_length() as f64 + b.to_u64().map_or(f64::INFINITY, |e| e as f64),
    )?;
    let count = match b.to_i64().and_then(|c| u64::try_from(c).ok()) {
        Some(count) if count <= MAX_INT_BITS => count,
        _ => return Err(NumError::int_too_large()),
    };
    if a.bit_length().saturating_add(count) > MAX_INT_BITS {
        return Err(NumError::int_too_large());
    }
    let count = usize::try_from(count).map_err(|_| NumError::int_too_large())?;
    Ok(Int::from_bigint(&*big_cow(a) << count))
}

/// `a >> b`, flooring (an arithmetic shift).
///
/// Errors: `ValueError: negative shift count`.
#[inline]
pub fn int_rshift(a: IntRef, b: IntRef) -> Result<Int, NumError> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if y >= 0 {
            // Counts of 63 and more leave only the sign: 0 or -1.
            return Ok(Int::Small(x >> y.min(63)));
        }
        return Err(negative_shift());
    }
    int_rshift_big(a, b)
}

#[cold]
fn int_rshift_big(a: IntRef, b: IntRef) -> Result<Int, NumError> {
    if b.sign().is_lt() {
        return Err(negative_shift());
    }
    let negative = a.sign().is_lt();
    let count = b.to_u64().unwrap_or(u64::MAX);
    if count >= a.bit_length() {
        // Every bit of the magnitude is shifted out; the floor is 0 or -1.
        return Ok(Int::Small(if negative { -1 } else { 0 }));
    }
    // `count` is below the bit length of a value in memory, so it fits in a usize.
    let count = usize::try_from(count).unwrap_or(usize::MAX);
    // num-bigint's right shift of a negative BigInt rounds toward negative infinity.
    Ok(Int::from_bigint(&*big_cow(a) >> count))
}

/// `a & b`.
#[inline]
pub fn int_and(a: IntRef, b: IntRef) -> Int {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => Int::Small(x & y),
        _ => Int::from_bigint(&*big_cow(a) & &*big_cow(b)),
    }
}

/// `a | b`.
#[inline]
pub fn int_or(a: IntRef, b: IntRef) -> Int {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => Int::Small(x | y),
        _ => Int::from_bigint(&*big_cow(a) | &*big_cow(b)),
    }
}

/// `a ^ b`.
#[inline]
pub fn int_xor(a: IntRef, b: IntRef) -> Int {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => Int::Small(x ^ y),
        _ => Int::from_bigint(&*big_cow(a) ^ &*big_cow(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::error::NumErrorKind;

    fn big(text: &str) -> Int {
        Int::from_bigint(text.parse().expect("a decimal int"))
    }

    #[test]
    fn left_shift_results_are_capped() {
        let one = IntRef::Small(1);
        let cap = i64::try_from(MAX_INT_BITS).expect("the cap fits in i64");
        // The largest allowed result has exactly MAX_INT_BITS bits.
        let largest = int_lshift(one, IntRef::Small(cap - 1)).expect("within the cap");
        assert_eq!(largest.as_ref().bit_length(), MAX_INT_BITS);
        for count in [cap, i64::MAX] {
            let error = int_lshift(one, IntRef::Small(count)).expect_err("past the cap");
            assert_eq!(error.kind, NumErrorKind::Overflow);
            assert_eq!(error.message, "too many digits in integer");
        }
        let huge_count = big("1267650600228229401496703205376");
        assert!(int_lshift(one, huge_count.as_ref()).is_err());
    }

    #[test]
    fn shifting_zero_and_by_huge_counts() {
        let huge_count = big("1267650600228229401496703205376");
        let zero = IntRef::Small(0);
        assert_eq!(int_lshift(zero, huge_count.as_ref()), Ok(Int::Small(0)));
        assert_eq!(
            int_rshift(IntRef::Small(-7), huge_count.as_ref()),
            Ok(Int::Small(-1))
        );
        assert_eq!(
            int_rshift(IntRef::Small(7), huge_count.as_ref()),
            Ok(Int::Small(0))
        );
        let negative = IntRef::Small(-1);
        assert_eq!(
            int_lshift(zero, negative).map_err(|e| e.message),
            Err("negative shift count".to_string())
        );
    }
}
