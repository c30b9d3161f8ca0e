//! The numeric core of tracelift: Python 3.11's `int` and `float` semantics, exactly.
//!
//! CPython 3.11 is the oracle for every result and every error message here. The interpreter
//! and the constant folder both call these functions, so they agree by construction.
//!
//! Code map (one concept per file):
//! - `int.rs`: [`Int`] (`Small(i64)` or `Big(BigInt)`), the borrowed [`IntRef`], [`IntOrFloat`].
//! - `int_arith.rs`: `+ - * // % divmod`, unary `- ~ abs`, comparison.
//! - `int_pow.rs`: `int ** int`.
//! - `int_bits.rs`: `<< >> & | ^`.
//! - `int_float.rs`: correctly rounded `int / int` and `float(int)`, exact `int` vs `float`
//!   comparison, `int(float)`.
//! - `int_str.rs`: `str(int)` and `int(str, base)` with the 4300-digit limit.
//! - `float_arith.rs`: `float` `/ // % divmod **` with Python's (not C's) rules.
//! - `float_repr.rs`, `float_parse.rs`: `repr(float)` and `float(str)`.
//! - `round.rs`: `round()` for floats and ints.
//! - `str_repr.rs`: `repr(str)`, needed by error messages and printing.
//! - `unicode.rs`, `unicode_tables.rs`: the character classes CPython uses for the above.
//! - `error.rs`: [`NumError`], the Python exception a failed operation raises.
//! - `limits.rs`: the digit limit and the size cap on `**` and `<<` results.
//!
//! **Invariants.** An [`Int`] is `Big` only when its value does not fit in an `i64`. No
//! function panics on any input (no unchecked arithmetic, no indexing that can fail) and no
//! function allocates more than about [`limits::MAX_INT_BITS`] bits for a result: where
//! CPython would try to build an absurdly large int, these functions raise `OverflowError`.
//! The module refers only to itself and to `num-bigint`, `num-traits` and `num-integer`.

mod error;
mod float_arith;
mod float_parse;
mod float_repr;
mod int;
mod int_arith;
mod int_bits;
mod int_float;
mod int_pow;
mod int_str;
pub mod limits;
mod round;
mod str_repr;
mod unicode;
mod unicode_tables;

#[cfg(test)]
mod tests;

pub use error::{NumError, NumErrorKind};
pub use float_arith::{float_divmod, float_floordiv, float_mod, float_pow, float_truediv};
pub use float_parse::float_from_str;
pub use float_repr::float_repr;
pub use int::{Int, IntOrFloat, IntRef};
pub use int_arith::{
    int_abs, int_add, int_cmp, int_divmod, int_floordiv, int_invert, int_mod, int_mul, int_neg,
    int_sub,
};
pub use int_bits::{int_and, int_lshift, int_or, int_rshift, int_xor};
pub use int_float::{f64_to_int, int_cmp_f64, int_to_f64, int_truediv};
pub use int_pow::int_pow;
pub use int_str::{int_from_str, int_to_decimal_string, small_int_decimal, SMALL_DECIMAL_MAX};
pub use round::{float_round, int_round};
pub use str_repr::{py_str_repr, py_str_repr_truncated};
