//! Typed conversions between Rust values and script values.
//!
//! | Rust | Python |
//! |---|---|
//! | `i64`, `i32`, `u32`, `usize` | `int` (a `bool` converts too, as in Python) |
//! | `f64` | `float` (an `int` converts too) |
//! | `bool` | `bool` |
//! | `String`, `&str` | `str` |
//! | `Vec<T>` | `list` (from a list or a tuple) |
//! | `(A,)` .. `(A, B, C, D)` | `tuple` (from a tuple or a list) |
//! | `Option<T>` | `None` or `T` |
//! | `()` | `None` |
//! | [`Value`] | anything |

use tracelift_interp::Value;

use crate::{Error, ErrorKind};

/// Converts a script value into a Rust value.
pub trait FromValue: Sized {
    /// Converts, or fails with an error of kind [`ErrorKind::Conversion`].
    fn from_value(value: &Value) -> Result<Self, Error>;
}

/// Converts a Rust value into a script value.
pub trait IntoValue {
    /// The script value for `self`.
    fn into_value(self) -> Value;
}

fn mismatch(expected: &str, value: &Value) -> Error {
    Error::other(
        ErrorKind::Conversion,
        format!("expected {expected}, got '{}'", value.type_name()),
    )
}

/// An int or bool as an i64 (big ints do not fit).
fn small_int(value: &Value) -> Option<i64> {
    match value {
        Value::Int(small) => Some(*small),
        Value::Bool(flag) => Some(*flag as i64),
        _ => None,
    }
}

macro_rules! int_conversions {
    ($($ty:ty),*) => {$(
        impl FromValue for $ty {
            fn from_value(value: &Value) -> Result<Self, Error> {
                let small = small_int(value).ok_or_else(|| match value {
                    Value::BigInt(_) => Error::other(
                        ErrorKind::Conversion,
                        format!("int too large to convert to {}", stringify!($ty)),
                    ),
                    other => mismatch("int", other),
                })?;
                <$ty>::try_from(small).map_err(|_| {
                    Error::other(
                        ErrorKind::Conversion,
                        format!("int {small} does not fit in {}", stringify!($ty)),
                    )
                })
            }
        }

        impl IntoValue for $ty {
            fn into_value(self) -> Value {
                match i64::try_from(self) {
                    Ok(small) => Value::Int(small),
                    Err(_) => Value::from_bigint(num_bigint::BigInt::from(self)),
                }
            }
        }
    )*};
}

int_conversions!(i64, i32, u32, usize, u64);

impl FromValue for f64 {
    fn from_value(value: &Value) -> Result<Self, Error> {
        match value {
            Value::Float(float) => Ok(*float),
            other => match other.as_int() {
                Some(int) => tracelift_interp::numeric::int_to_f64(int)
                    .map_err(|error| Error::other(ErrorKind::Conversion, error.message)),
                None => Err(mismatch("float", other)),
            },
        }
    }
}

impl IntoValue for f64 {
    fn into_value(self) -> Value {
        Value::Float(self)
    }
}

impl FromValue for bool {
    fn from_value(value: &Value) -> Result<Self, Error> {
        match value {
            Value::Bool(flag) => Ok(*flag),
            other => Err(mismatch("bool", other)),
        }
    }
}

impl IntoValue for bool {
    fn into_value(self) -> Value {
        Value::Bool(self)
    }
}

impl FromValue for String {
    fn from_value(value: &Value) -> Result<Self, Error> {
        match value {
            Value::Str(text) => Ok(text.as_str().to_string()),
            other => Err(mismatch("str", other)),
        }
    }
}

impl IntoValue for String {
    fn into_value(self) -> Value {
        Value::str(self)
    }
}

impl IntoValue for &str {
    fn into_value(self) -> Value {
        Value::str(self)
    }
}

impl FromValue for Value {
    fn from_value(value: &Value) -> Result<Self, Error> {
        Ok(value.clone())
    }
}

impl IntoValue for Value {
    fn into_value(self) -> Value {
        self
    }
}

impl FromValue for () {
    fn from_value(value: &Value) -> Result<Self, Error> {
        match value {
            Value::None => Ok(()),
            other => Err(mismatch("None", other)),
        }
    }
}

impl IntoValue for () {
    fn into_value(self) -> Value {
        Value::None
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: &Value) -> Result<Self, Error> {
        match value {
            Value::None => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self) -> Value {
        match self {
            Some(inner) => inner.into_value(),
            None => Value::None,
        }
    }
}

/// The items of a list or tuple.
fn sequence_items(value: &Value, expected: &str) -> Result<Vec<Value>, Error> {
    match value {
        Value::List(list) => Ok(list.snapshot()),
        Value::Tuple(items) => Ok(items.to_vec()),
        other => Err(mismatch(expected, other)),
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(value: &Value) -> Result<Self, Error> {
        sequence_items(value, "list")?
            .iter()
            .map(T::from_value)
            .collect()
    }
}

impl<T: IntoValue> IntoValue for Vec<T> {
    fn into_value(self) -> Value {
        Value::list(self.into_iter().map(IntoValue::into_value).collect())
    }
}

/// Arguments for [`crate::Vm::call`]: a tuple of convertible values, `()` for none, or
/// a `Vec<Value>`.
pub trait IntoArgs {
    /// The argument values, in order.
    fn into_args(self) -> Vec<Value>;
}

impl IntoArgs for Vec<Value> {
    fn into_args(self) -> Vec<Value> {
        self
    }
}

impl IntoArgs for () {
    fn into_args(self) -> Vec<Value> {
        Vec::new()
    }
}

macro_rules! tuple_conversions {
    ($len:literal: $($name:ident),+) => {
        impl<$($name: FromValue),+> FromValue for ($($name,)+) {
            fn from_value(value: &Value) -> Result<Self, Error> {
                let items = sequence_items(value, "tuple")?;
                if items.len() != $len {
                    return Err(Error::other(
                        ErrorKind::Conversion,
                        format!("expected a tuple of {} items, got {}", $len, items.len()),
                    ));
                }
                let mut items = items.iter();
                Ok(($(
                    $name::from_value(items.next().unwrap_or(&Value::None))?,
                )+))
            }
        }

        impl<$($name: IntoValue),+> IntoValue for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_value(self) -> Value {
                let ($($name,)+) = self;
                Value::tuple(vec![$($name.into_value()),+])
            }
        }

        impl<$($name: IntoValue),+> IntoArgs for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_args(self) -> Vec<Value> {
                let ($($name,)+) = self;
                vec![$($name.into_value()),+]
            }
        }
    };
}

tuple_conversions!(1: A);
tuple_conversions!(2: A, B);
tuple_conversions!(3: A, B, C);
tuple_conversions!(4: A, B, C, D);
