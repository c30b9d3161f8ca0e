//! Python's float printing, so the native programs print what CPython prints:
//! [`py_round`] is `round(x, digits)` and [`py_repr`] is `repr(x)` (what `print` shows).
//!
//! Both rest on Rust's float formatting being exact: `{:.N}` rounds the exact binary
//! value to N decimals (as CPython's `round` does through its correctly rounded dtoa), and
//! `{}` / `{:e}` print the shortest digits that read back as the same float (as `repr`
//! does).

/// Python's `round(x, digits)` for a float and a non-negative `digits`.
pub fn py_round(x: f64, digits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.digits$}")
        .parse()
        .expect("Rust parses the floats it prints")
}

/// Python's `repr(x)` for a float: the shortest round-tripping digits, positional between
/// 1e-4 and 1e16 (always with a `.`), scientific with a signed two-digit exponent outside.
pub fn py_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific
        .split_once('e')
        .expect("`{:e}` always writes an exponent");
    let exponent: i32 = exponent.parse().expect("the exponent is an integer");
    // CPython's float_repr_style 'r' switches to scientific notation when the decimal
    // point would sit more than 16 digits right of the first digit, or 4 or more zeros
    // would follow the point: exactly when the scientific exponent is outside -4..16.
    if (-4..16).contains(&exponent) {
        let positional = format!("{x}");
        if positional.contains('.') {
            positional
        } else {
            format!("{positional}.0")
        }
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::{py_repr, py_round};

    #[test]
    fn repr_matches_cpython() {
        // Each pair is (value, what CPython 3.11 prints for it).
        let cases = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (-13943.532177, "-13943.532177"),
            (0.1, "0.1"),
            (1e-4, "0.0001"),
            (1e-5, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (-1.2345e300, "-1.2345e+300"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
        ];
        for (value, expected) in cases {
            assert_eq!(py_repr(value), expected, "repr({value:?})");
        }
    }

    #[test]
    fn round_matches_cpython() {
        // Each triple is (value, digits, what CPython 3.11 prints for round(value, digits)).
        let cases = [
            (1.2742240150001, 9, "1.274224015"),
            (2.675, 2, "2.67"),
            (0.125, 2, "0.12"),
            (0.375, 2, "0.38"),
            (-0.0000001, 6, "-0.0"),
            (5.0, 3, "5.0"),
        ];
        for (value, digits, expected) in cases {
            assert_eq!(
                py_repr(py_round(value, digits)),
                expected,
                "round({value:?}, {digits})"
            );
        }
    }
}
