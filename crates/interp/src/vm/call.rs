//! Calls: entering Python functions (argument checks, defaults, the recursion limit)
//! and calling builtins, host functions and bound methods.

use std::rc::Rc;

use super::interp::{Flow, Interp};
use crate::bytecode::Instr;
use crate::exception::{ExcKind, PyErr};
use crate::value::{FunctionObj, Value};

/// Calls a callee that runs no Python code (a builtin, a host function or a bound
/// method) with `args`, the last `kwnames.len()` of which are keyword arguments with
/// those names. The interpreter's calls and a trace's `call_native` both come here.
pub(crate) fn call_native(
    rt: &mut super::Runtime,
    callee: &Value,
    args: &[Value],
    kwnames: &[Rc<str>],
) -> Result<Value, PyErr> {
    match callee {
        Value::Builtin(builtin) => {
            let (positional, keywords) = args.split_at(args.len().saturating_sub(kwnames.len()));
            let keywords: Vec<(Rc<str>, Value)> = kwnames
                .iter()
                .cloned()
                .zip(keywords.iter().cloned())
                .collect();
            crate::builtins::call_builtin(rt, *builtin, positional, &keywords)
        }
        Value::HostFunction(host) => match kwnames.first() {
            Some(name) => Err(PyErr::type_error(format!(
                "{}() takes no keyword arguments (got '{}')",
                host.name, name
            ))),
            None => (host.func)(args),
        },
        Value::Method(bound) => {
            if !kwnames.is_empty() {
                return Err(PyErr::type_error(format!(
                    "{}() takes no keyword arguments",
                    bound.method.name()
                )));
            }
            let name = bound.method.name();
            crate::builtins::call_method(&bound.receiver, bound.method, name, args)
        }
        other => Err(PyErr::type_error(format!(
            "'{}' object is not callable",
            other.type_name()
        ))),
    }
}

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
            callee => {
                // The arguments stay on the stack: the callee borrows them in place
                // (the stack and the runtime are disjoint fields).
                let at = self.stack.len() - argc;
                let result = call_native(self.rt, &callee, &self.stack[at..], kwnames);
                self.finish_native_call(argc, result)
            }
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
        if self.depth_base + self.frames.len() + 2 > self.rt.limits.recursion_limit {
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
        if self.rt.jit.params.trace_functions
            && self.rt.jit.mode != crate::jit::JitMode::Off
            && !self.recording
        {
            // A call the tracing tier said it need not see (`Code::quiet_calls`).
            let quiet = self.code.quiet_calls.get();
            if quiet > 0 {
                self.code.quiet_calls.set(quiet - 1);
                return Flow::Reload;
            }
            return self.function_entry(true);
        }
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
