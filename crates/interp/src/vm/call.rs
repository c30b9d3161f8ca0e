//! Calls: entering Python functions (argument checks, defaults, the recursion limit)
//! and calling builtins, host functions and bound methods.

use std::rc::Rc;

use super::interp::{Flow, Interp};
use crate::bytecode::Instr;
use crate::exception::{ExcKind, PyErr};
use crate::value::{FunctionObj, Value};

impl Interp<'_> {
    /// Calls the callee below `argc` values, the last `kwnames.len()` of which are
    /// keyword arguments with those names.
    pub(super) fn call_value(&mut self, argc: usize, kwnames: &[Rc<str>]) -> Flow {
        let callee = self.peek(argc).clone();
        match callee {
            Value::Function(function) => {
                if let Some(name) = kwnames.first() {
                    return Interp::raise(PyErr::type_error(format!(
                        "{}() got keyword argument '{}': keyword arguments to user functions are not supported",
                        function.name(),
                        name
                    )));
                }
                if function.code.param_count as usize == argc {
                    self.quicken(Instr::CallPyExact(argc as u32));
                }
                self.enter_function(function, argc)
            }
            Value::Builtin(builtin) => {
                let at = self.stack.len() - argc;
                let (positional, keywords) = self.stack[at..].split_at(argc - kwnames.len());
                let keywords: Vec<(Rc<str>, Value)> = kwnames
                    .iter()
                    .cloned()
                    .zip(keywords.iter().cloned())
                    .collect();
                // The arguments stay on the stack: the builtin borrows them in place
                // (the stack and the runtime are disjoint fields).
                let result = crate::builtins::call_builtin(self.rt, builtin, positional, &keywords);
                self.finish_native_call(argc, result)
            }
            Value::HostFunction(host) => {
                if let Some(name) = kwnames.first() {
                    return Interp::raise(PyErr::type_error(format!(
                        "{}() takes no keyword arguments (got '{}')",
                        host.name, name
                    )));
                }
                let at = self.stack.len() - argc;
                let result = (host.func)(&self.stack[at..]);
                self.finish_native_call(argc, result)
            }
            Value::Method(bound) => {
                if !kwnames.is_empty() {
                    return Interp::raise(PyErr::type_error(format!(
                        "{}() takes no keyword arguments",
                        bound.method.name()
                    )));
                }
                let args = self.pop_n(argc);
                let name: Rc<str> = bound.method.name().into();
                let result =
                    crate::builtins::call_method(&bound.receiver, bound.method, &name, &args);
                self.finish_native_call(0, result)
            }
            other => Interp::raise(PyErr::type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }

    /// Replaces the callee and its `argc` arguments by the result of a native call.
    fn finish_native_call(&mut self, argc: usize, result: Result<Value, PyErr>) -> Flow {
        match result {
            Ok(value) => {
                self.replace_top(argc + 1, value);
                Flow::Next
            }
            Err(error) => Interp::raise(error),
        }
    }

    /// Enters `function` with the `argc` arguments on top of the stack.
    pub(super) fn enter_function(&mut self, function: Rc<FunctionObj>, argc: usize) -> Flow {
        let code = function.code.clone();
        let params = code.param_count as usize;
        let defaults = function.defaults.len();
        if argc > params || argc + defaults < params {
            return Interp::raise(arity_error(&function, argc));
        }
        // The frames of this run plus the current one, plus the one being entered.
        if self.frames.len() + 2 > self.rt.limits.recursion_limit {
            return Interp::raise(PyErr::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        if let Err(error) = self.burn_fuel() {
            return Interp::raise(error);
        }
        let base = self.stack.len() - argc;
        if argc < params {
            let missing = params - argc;
            self.stack
                .extend(function.defaults[defaults - missing..].iter().cloned());
        }
        self.stack.resize(base + code.local_count(), Value::Unbound);
        self.push_frame(code, base);
        self.pc = 0;
        Flow::Reload
    }
}

/// CPython's message for a call with the wrong number of positional arguments.
fn arity_error(function: &FunctionObj, argc: usize) -> PyErr {
    let code = &function.code;
    let params = code.param_count as usize;
    let required = params - function.defaults.len();
    let name = function.name();
    if argc > params {
        let plural = |count: usize| if count == 1 { "" } else { "s" };
        let takes = if required == params {
            format!("{params} positional argument{}", plural(params))
        } else {
            format!("from {required} to {params} positional arguments")
        };
        let given = if argc == 1 { "was" } else { "were" };
        return PyErr::type_error(format!("{name}() takes {takes} but {argc} {given} given"));
    }
    let missing: Vec<String> = code.local_names[argc..required]
        .iter()
        .map(|name| format!("'{name}'"))
        .collect();
    let list = match missing.len() {
        1 => missing[0].clone(),
        2 => format!("{} and {}", missing[0], missing[1]),
        _ => {
            let (last, rest) = missing
                .split_last()
                .map_or((String::new(), &[][..]), |(l, r)| (l.clone(), r));
            format!("{}, and {}", rest.join(", "), last)
        }
    };
    let plural = if missing.len() == 1 { "" } else { "s" };
    PyErr::type_error(format!(
        "{name}() missing {} required positional argument{plural}: {list}",
        missing.len()
    ))
}
