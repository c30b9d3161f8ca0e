//! Size limits of the numeric core, in one place.
//!
//! CPython 3.11 refuses to convert between `int` and decimal text past 4300 digits (see
//! `sys.set_int_max_str_digits`); this crate enforces the same default, which cannot be
//! changed here. CPython has no practical bound on the size of an `int` result and would try
//! to compute `2 ** 10**12` or `1 << 10**15`, hanging or raising `MemoryError`; this crate caps
//! the results of `**` and `<<` at [`MAX_INT_BITS`] and raises an `OverflowError` instead,
//! which is a deliberate deviation for programs that build ints of megabytes.

/// CPython 3.11's default `sys.get_int_max_str_digits()`: the most decimal digits an `int`
/// may have when it is converted to or from decimal text.
pub const MAX_STR_DIGITS: usize = 4300;

/// The largest `int` (in bits of magnitude) that `**` and `<<` will build: 2**24 bits, about
/// 5 million decimal digits or 2 MiB. Larger results raise `OverflowError: too many digits
/// in integer`. (Computing `3 ** 10**7`, just under the cap, takes CPython 2 seconds and an
/// unoptimized build of this crate about 10; `3 ** (4 * 10**7)` takes CPython 17 seconds.)
pub const MAX_INT_BITS: u64 = 1 << 24;

/// `MemoryError` unless an int of about `bits` bits fits the host's memory limit.
/// Checked before [`MAX_INT_BITS`], so a result past the memory limit is a
/// `MemoryError` (as in CPython); without a limit the cap answers as before, whatever
/// the machine (results under the cap are at most 2 MiB).
pub(crate) fn room_for_bits(bits: f64) -> Result<(), super::NumError> {
    let bytes = if bits.is_finite() && bits < (usize::MAX / 2) as f64 {
        (bits / 8.0) as usize
    } else {
        usize::MAX
    };
    crate::memory::room_for(bytes).map_err(|_| super::NumError::memory())
}
