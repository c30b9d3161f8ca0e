//! The `int` representation: a small `i64` or a heap `BigInt`, plus a borrowed view.
//!
//! Invariant: an [`Int`] is `Big` only when its value does not fit in an `i64`, so two equal
//! values always have the same variant and the small fast paths see every value that fits.
//! [`Int::from_bigint`] is the only way a `BigInt` becomes an `Int` and it restores the
//! invariant; the arithmetic functions build `Int::Big` directly only for values they know
//! are outside the `i64` range.

use std::cmp::Ordering;

use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};

/// A Python `int`: arbitrary precision, small values inline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Int {
    /// A value that fits in an `i64`.
    Small(i64),
    /// A value outside the `i64` range (never one that fits; see the module doc).
    Big(BigInt),
}

/// A borrowed view of an [`Int`], which is what the numeric functions take.
///
/// The interpreter can build one without cloning a big value. A `Big` view holding a value
/// that fits in an `i64` is tolerated by every function (results are still normalized),
/// but it misses the fast paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntRef<'a> {
    /// A value that fits in an `i64`.
    Small(i64),
    /// A borrowed big value.
    Big(&'a BigInt),
}

/// The result of an operation that yields an `int` or a `float` depending on its operands,
/// such as `**` (a negative exponent gives a float) or `round()`.
#[derive(Clone, Debug, PartialEq)]
pub enum IntOrFloat {
    /// An `int` result.
    Int(Int),
    /// A `float` result.
    Float(f64),
}

impl Int {
    /// Turns a `BigInt` into an `Int`, choosing `Small` whenever the value fits in an `i64`.
    pub fn from_bigint(b: BigInt) -> Int {
        match b.to_i64() {
            Some(small) => Int::Small(small),
            None => Int::Big(b),
        }
    }

    /// Borrows this value as an [`IntRef`].
    #[inline]
    pub fn as_ref(&self) -> IntRef<'_> {
        match self {
            Int::Small(v) => IntRef::Small(*v),
            Int::Big(b) => IntRef::Big(b),
        }
    }

    /// The value as an `i64`, if it fits.
    #[inline]
    pub fn to_i64(&self) -> Option<i64> {
        match self {
            Int::Small(v) => Some(*v),
            Int::Big(b) => b.to_i64(),
        }
    }

    /// The value as a `BigInt`, cloned when it is already big.
    pub fn to_bigint(&self) -> BigInt {
        self.as_ref().to_bigint()
    }
}

impl From<i64> for Int {
    #[inline]
    fn from(v: i64) -> Int {
        Int::Small(v)
    }
}

impl From<BigInt> for Int {
    fn from(b: BigInt) -> Int {
        Int::from_bigint(b)
    }
}

impl<'a> From<&'a Int> for IntRef<'a> {
    #[inline]
    fn from(v: &'a Int) -> IntRef<'a> {
        v.as_ref()
    }
}

impl From<i64> for IntRef<'_> {
    #[inline]
    fn from(v: i64) -> Self {
        IntRef::Small(v)
    }
}

impl IntRef<'_> {
    /// The value as a freshly allocated `BigInt`.
    pub fn to_bigint(&self) -> BigInt {
        match self {
            IntRef::Small(v) => BigInt::from(*v),
            IntRef::Big(b) => (*b).clone(),
        }
    }

    /// The value as an owned, normalized [`Int`].
    pub fn to_owned_int(&self) -> Int {
        match self {
            IntRef::Small(v) => Int::Small(*v),
            IntRef::Big(b) => Int::from_bigint((*b).clone()),
        }
    }

    /// The value as an `i64`, if it fits.
    #[inline]
    pub fn to_i64(&self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(*v),
            IntRef::Big(b) => b.to_i64(),
        }
    }

    /// The value as a `u64`, if it is nonnegative and fits.
    #[inline]
    pub fn to_u64(&self) -> Option<u64> {
        match self {
            IntRef::Small(v) => u64::try_from(*v).ok(),
            IntRef::Big(b) => b.to_u64(),
        }
    }

    /// Whether the value is zero.
    #[inline]
    pub fn is_zero(&self) -> bool {
        match self {
            IntRef::Small(v) => *v == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }

    /// The sign of the value, as its ordering against zero.
    #[inline]
    pub fn sign(&self) -> Ordering {
        match self {
            IntRef::Small(v) => v.cmp(&0),
            IntRef::Big(b) => match b.sign() {
                Sign::Minus => Ordering::Less,
                Sign::NoSign => Ordering::Equal,
                Sign::Plus => Ordering::Greater,
            },
        }
    }

    /// The number of bits of the magnitude (`int.bit_length()`): 0 for zero.
    pub fn bit_length(&self) -> u64 {
        match self {
            IntRef::Small(v) => u64::from(64 - v.unsigned_abs().leading_zeros()),
            IntRef::Big(b) => b.bits(),
        }
    }
}

/// Borrows a big operand as a `BigInt` without cloning it, or builds one from a small one.
pub(super) fn big_cow<'a>(v: IntRef<'a>) -> std::borrow::Cow<'a, BigInt> {
    match v {
        IntRef::Small(s) => std::borrow::Cow::Owned(BigInt::from(s)),
        IntRef::Big(b) => std::borrow::Cow::Borrowed(b),
    }
}
