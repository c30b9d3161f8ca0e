//! Python's `repr()` (and `str()`) of a `float`.
//!
//! The digits are the shortest ones that round-trip and, among those, the nearest to the
//! exact value, ties to even, as CPython's `_Py_dg_dtoa` mode 0 picks them. Rust's `{:e}`
//! gives a shortest round-tripping string but breaks exact ties upward (it prints
//! `-96198686559437.13` for the float whose exact value is `-96198686559437.125`, where
//! CPython prints `.12`), so the digits are re-rounded exactly (`{:.N$e}`, which rounds half
//! to even) and the result is used when it still round-trips. This file then lays them out as CPython's `float_repr` does (`format_float_short`
//! with mode `'r'`): positional notation when the decimal exponent is in `-4..16`, with at
//! least one digit after the point (`1.0`, `0.0001`, `123456789012345.0`), and scientific
//! notation otherwise, with a signed exponent of at least two digits (`1e+16`, `1.5e-07`).
//! Infinities and NaN print as `inf`, `-inf` and `nan`; negative zero as `-0.0`.

/// `repr(x)` for a Python `float`.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let scientific = shortest_scientific(x.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::with_capacity(digits.len() + 8);
    if x.is_sign_negative() {
        out.push('-');
    }
    if (-4..16).contains(&exponent) {
        layout_positional(&digits, exponent, &mut out);
    } else {
        layout_scientific(&digits, exponent, &mut out);
    }
    out
}

/// The shortest round-tripping digits of a finite nonnegative `x` as `d.ddde±x` (`1.5e-7`,
/// `0e0`, `1e16`), choosing the nearest such digits with ties to even.
fn shortest_scientific(x: f64) -> String {
    let shortest = format!("{x:e}");
    let mantissa = shortest
        .split_once('e')
        .map_or(shortest.as_str(), |(m, _)| m);
    let significant = mantissa.chars().filter(char::is_ascii_digit).count();
    // The same number of significant digits, correctly rounded with ties to even.
    let nearest = format!(
        "{x:.precision$e}",
        precision = significant.saturating_sub(1)
    );
    if nearest != shortest && nearest.parse::<f64>() == Ok(x) {
        nearest
    } else {
        shortest
    }
}

/// Writes `0.ddd`, `dd.dd` or `ddd00.0` for digits `d1 d2 ...` meaning `d1.d2... * 10**exponent`.
fn layout_positional(digits: &str, exponent: i64, out: &mut String) {
    // The number of digits before the decimal point (CPython's `decpt`).
    let point = exponent + 1;
    let count = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    if point <= 0 {
        out.push_str("0.");
        for _ in 0..-point {
            out.push('0');
        }
        out.push_str(digits);
    } else if point < count {
        let split = usize::try_from(point).unwrap_or(0);
        let (whole, fraction) = digits.split_at(split.min(digits.len()));
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    } else {
        out.push_str(digits);
        for _ in 0..(point - count) {
            out.push('0');
        }
        out.push_str(".0");
    }
}

/// Writes `d.ddde+XX` (or `de-XX` for a single digit).
fn layout_scientific(digits: &str, exponent: i64, out: &mut String) {
    let mut chars = digits.chars();
    if let Some(first) = chars.next() {
        out.push(first);
    }
    let rest = chars.as_str();
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
    out.push('e');
    out.push(if exponent < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exponent.unsigned_abs()));
}
