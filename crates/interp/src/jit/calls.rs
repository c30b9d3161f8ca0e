//! What a trace does at a call it does not inline: `call_native`, `call_native_kw`
//! and `call_method` run the callee exactly as the interpreter's call would
//! (`vm::call_native`, `builtins::call_method`), and `call_py` runs a Python function
//! in a nested run of the interpreter (`vm/nested.rs`), for the evaluator and for
//! compiled code's helpers alike.
//!
//! A call may have effects (printing, mutating a list) before it raises, so a call
//! that raised is never performed again: its error is kept in
//! `JitState::pending_error`, the trace exits through the call's snapshot, and the VM
//! raises the error there, as the interpreter would have at that instruction.

use std::rc::Rc;

use tracelift_trace::Op;

use crate::exception::PyErr;
use crate::value::{MethodName, Value};
use crate::vm::{Interp, NestedCall, Runtime};

/// How a call from a trace went.
pub(crate) enum TraceCall {
    /// The callee returned this value.
    Returned(Value),
    /// The callee raised: the error is pending, and the trace must exit.
    Raised,
    /// The call was not made (a Python function, which only the interpreter calls
    /// from here): the trace must exit, and the interpreter makes the call.
    NotMade,
}

/// Performs the call `op` (one of the call ops) with its arguments as the trace
/// holds them.
pub(crate) fn call_from_trace(rt: &mut Runtime, op: Op, args: &[Value]) -> TraceCall {
    let result = match (op, args) {
        (Op::CallNative {}, [callee, rest @ ..]) => call(rt, callee, rest, &[]),
        (Op::CallNativeKw {}, [callee, names, rest @ ..]) => match keyword_names(names) {
            Some(names) => call(rt, callee, rest, &names),
            None => return TraceCall::NotMade,
        },
        (Op::CallMethod { name }, [receiver, rest @ ..]) => {
            let method = MethodName::from_name(name.as_str());
            Some(crate::builtins::call_method(
                receiver,
                method,
                name.as_str(),
                rest,
            ))
        }
        _ => None,
    };
    finish(rt, result)
}

/// `call_method` from compiled code, whose method name comes as its symbol's words:
/// the method `receiver` has by that name, called with `args`.
pub(crate) fn call_method_named(
    rt: &mut Runtime,
    words: [u64; 3],
    receiver: &Value,
    args: &[Value],
) -> TraceCall {
    let Some((method, name)) = method_named(rt, words) else {
        return TraceCall::NotMade;
    };
    let result = crate::builtins::call_method(receiver, method, &name, args);
    finish(rt, Some(result))
}

/// The method a symbol's words name, decoded once per name and kept in
/// `JitState::method_names`: decoding and matching the name on every call cost more
/// than many of the methods themselves.
fn method_named(rt: &mut Runtime, words: [u64; 3]) -> Option<(MethodName, Rc<str>)> {
    let known = &mut rt.jit.method_names;
    if let Some((_, method, name)) = known.iter().find(|(known, ..)| *known == words) {
        return Some((*method, name.clone()));
    }
    let name: Rc<str> = tracelift_trace::Symbol::from_words(words)?.as_str().into();
    let method = MethodName::from_name(&name);
    if known.len() < 64 {
        known.push((words, method, name.clone()));
    }
    Some((method, name))
}

/// A call's outcome as the trace sees it; an error becomes pending.
fn finish(rt: &mut Runtime, result: Option<Result<Value, PyErr>>) -> TraceCall {
    match result {
        None => TraceCall::NotMade,
        Some(Ok(value)) => TraceCall::Returned(value),
        Some(Err(error)) => {
            rt.jit.pending_error = Some(error);
            TraceCall::Raised
        }
    }
}

/// `call_py`: calls the first of `args` with the others; a Python function runs in a
/// nested run of the interpreter, `depth` inlined frames above the interpreter's
/// current frame.
#[inline]
pub(crate) fn call_python(interp: &mut Interp<'_>, depth: u32, args: &[Value]) -> TraceCall {
    let [callee, rest @ ..] = args else {
        return TraceCall::NotMade;
    };
    if !matches!(callee, Value::Function(_)) {
        return call_from_trace(interp.rt, Op::CallNative {}, args);
    }
    match interp.call_nested(callee, rest, depth as usize) {
        NestedCall::Returned(value) => TraceCall::Returned(value),
        NestedCall::Raised(error) => {
            interp.rt.jit.pending_error = Some(error);
            TraceCall::Raised
        }
        NestedCall::NotMade => TraceCall::NotMade,
        // The nested run put the shared state back before returning this.
        NestedCall::Panicked(panic) => std::panic::resume_unwind(panic),
    }
}

/// Calls a native callee; `None` for a Python function.
fn call(
    rt: &mut Runtime,
    callee: &Value,
    args: &[Value],
    kwnames: &[Rc<str>],
) -> Option<Result<Value, PyErr>> {
    match callee {
        Value::Function(_) => None,
        callee => Some(crate::vm::call_native(rt, callee, args, kwnames)),
    }
}

/// The names of a call's keyword arguments, from the tuple constant the trace holds.
fn keyword_names(names: &Value) -> Option<Vec<Rc<str>>> {
    let Value::Tuple(names) = names else {
        return None;
    };
    names
        .iter()
        .map(|name| match name {
            Value::Str(text) => Some(Rc::from(text.as_str())),
            _ => None,
        })
        .collect()
}
