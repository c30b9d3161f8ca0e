//! Rust closures registered as script builtins, with typed arguments and results.
//!
//! `vm.register("hypot", |x: f64, y: f64| (x * x + y * y).sqrt())` makes `hypot`
//! callable from scripts. Arguments convert with [`FromValue`]; a wrong count or type
//! raises `TypeError` in the script, like a Python builtin would. The closure may
//! return any [`IntoValue`] type, or a `Result` whose `Err(String)` raises
//! `RuntimeError` with that message.

use std::rc::Rc;

use tracelift_interp::value::HostFunction;
use tracelift_interp::{ExcKind, PyErr, Value};

use crate::{Error, FromValue, IntoValue};

/// What a host closure may return.
pub trait HostReturn {
    /// The returned value, or the exception to raise in the script.
    fn into_result(self) -> Result<Value, PyErr>;
}

impl<T: IntoValue> HostReturn for T {
    fn into_result(self) -> Result<Value, PyErr> {
        Ok(self.into_value())
    }
}

impl<T: IntoValue> HostReturn for Result<T, String> {
    fn into_result(self) -> Result<Value, PyErr> {
        self.map(IntoValue::into_value)
            .map_err(|message| PyErr::new(ExcKind::RuntimeError, message))
    }
}

impl<T: IntoValue> HostReturn for Result<T, Error> {
    fn into_result(self) -> Result<Value, PyErr> {
        self.map(IntoValue::into_value).map_err(|error| {
            let kind = match error.kind() {
                crate::ErrorKind::Exception(kind) => kind,
                _ => ExcKind::RuntimeError,
            };
            PyErr::new(kind, error.message().to_string())
        })
    }
}

/// A Rust closure that can become a script builtin. `Args` is the tuple of its
/// argument types; it is inferred, so callers never name it.
pub trait IntoHostFunction<Args> {
    /// Wraps the closure as the builtin `name`.
    fn into_host_function(self, name: &str) -> Rc<HostFunction>;
}

/// Converts argument `position` of host function `name`.
fn argument<T: FromValue>(name: &str, args: &[Value], position: usize) -> Result<T, PyErr> {
    let value = args.get(position).unwrap_or(&Value::None);
    T::from_value(value).map_err(|error| {
        PyErr::type_error(format!(
            "{name}() argument {}: {}",
            position + 1,
            error.message()
        ))
    })
}

fn check_arity(name: &str, args: &[Value], expected: usize) -> Result<(), PyErr> {
    if args.len() == expected {
        return Ok(());
    }
    let plural = if expected == 1 { "" } else { "s" };
    let given = if args.len() == 1 { "was" } else { "were" };
    Err(PyErr::type_error(format!(
        "{name}() takes {expected} positional argument{plural} but {} {given} given",
        args.len()
    )))
}

macro_rules! host_function_arity {
    ($count:literal $(, $arg:ident : $position:literal)*) => {
        impl<F, R, $($arg),*> IntoHostFunction<($($arg,)*)> for F
        where
            F: Fn($($arg),*) -> R + 'static,
            R: HostReturn,
            $($arg: FromValue,)*
        {
            #[allow(unused_variables)]
            fn into_host_function(self, name: &str) -> Rc<HostFunction> {
                let owned_name = name.to_string();
                Rc::new(HostFunction {
                    name: name.to_string(),
                    func: Box::new(move |args: &[Value]| {
                        check_arity(&owned_name, args, $count)?;
                        (self)($(argument::<$arg>(&owned_name, args, $position)?),*).into_result()
                    }),
                })
            }
        }
    };
}

host_function_arity!(0);
host_function_arity!(1, A: 0);
host_function_arity!(2, A: 0, B: 1);
host_function_arity!(3, A: 0, B: 1, C: 2);
host_function_arity!(4, A: 0, B: 1, C: 2, D: 3);

/// A host function taking the raw argument values, for any arity.
pub(crate) fn raw_host_function(
    name: &str,
    func: impl Fn(&[Value]) -> Result<Value, String> + 'static,
) -> Rc<HostFunction> {
    Rc::new(HostFunction {
        name: name.to_string(),
        func: Box::new(move |args: &[Value]| {
            func(args).map_err(|message| PyErr::new(ExcKind::RuntimeError, message))
        }),
    })
}
