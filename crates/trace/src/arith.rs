//! Python's arithmetic on small ints (`i64`), as typed trace ops compute it: the one
//! definition the interpreter's fast paths, the trace evaluator and constant folding
//! share. Each function answers `None` where the result is not a small int or the
//! operation raises; the caller then leaves the fast path (the interpreter computes the
//! exact result or raises).

pub fn add(a: i64, b: i64) -> Option<i64> {
    a.checked_add(b)
}

pub fn sub(a: i64, b: i64) -> Option<i64> {
    a.checked_sub(b)
}

pub fn mul(a: i64, b: i64) -> Option<i64> {
    a.checked_mul(b)
}

/// `a // b`, floored toward negative infinity.
pub fn floor_div(a: i64, b: i64) -> Option<i64> {
    let quotient = a.checked_div(b)?;
    let remainder = a.checked_rem(b)?;
    Some(if remainder != 0 && ((remainder < 0) != (b < 0)) {
        quotient - 1
    } else {
        quotient
    })
}

/// `a % b`, with the divisor's sign.
pub fn modulo(a: i64, b: i64) -> Option<i64> {
    let remainder = a.checked_rem(b)?;
    Some(if remainder != 0 && ((remainder < 0) != (b < 0)) {
        remainder + b
    } else {
        remainder
    })
}

/// `a << b`: `None` for a negative count or when bits would be lost.
pub fn shl(a: i64, b: i64) -> Option<i64> {
    if !(0..64).contains(&b) {
        return None;
    }
    let shifted = a << b;
    (shifted >> b == a).then_some(shifted)
}

/// `a >> b`, arithmetic: `None` for a negative count.
pub fn shr(a: i64, b: i64) -> Option<i64> {
    (b >= 0).then(|| a >> b.min(63))
}

/// `-a`: `None` for `-(-2**63)`.
pub fn neg(a: i64) -> Option<i64> {
    a.checked_neg()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_division_and_modulo_follow_the_divisors_sign() {
        assert_eq!(floor_div(7, -2), Some(-4));
        assert_eq!(modulo(7, -2), Some(-1));
        assert_eq!(floor_div(-7, 2), Some(-4));
        assert_eq!(modulo(-7, 2), Some(1));
        assert_eq!(floor_div(i64::MIN, -1), None);
        assert_eq!(modulo(1, 0), None);
    }

    #[test]
    fn shifts_leave_the_fast_path_when_bits_are_lost() {
        assert_eq!(shl(1, 62), Some(1 << 62));
        assert_eq!(shl(1, 63), None);
        assert_eq!(shl(-1, 63), Some(i64::MIN));
        assert_eq!(shl(1, -1), None);
        assert_eq!(shr(-5, 100), Some(-1));
        assert_eq!(shr(5, -1), None);
    }
}
