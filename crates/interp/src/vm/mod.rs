//! The runtime: global state shared by everything a host runs in one VM (globals,
//! output, limits, the source of each file for tracebacks), and the entry points that
//! compile and run code or call a function.
//!
//! Execution itself happens in [`interp`]: a loop over bytecode whose Python-to-Python
//! calls push frames on a heap-allocated stack, so script recursion never grows the
//! native stack, and the recursion limit is a plain counter.

mod call;
mod compare;
pub(crate) use call::call_native;
mod direct_call;
mod function_entry;
mod inplace;
pub(crate) mod interp;
mod loop_header;
mod native_entry;
mod nested;
pub(crate) use nested::{NestedCall, MIN_NATIVE_STACK};
mod exit_outlook;
mod recording;
mod respecialize;
mod side_recording;
mod typed;
mod uops;

pub(crate) use interp::Interp;

use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tracelift_syntax::SyntaxError;

use crate::bytecode::Code;
use crate::compiler::compile_module;
use crate::exception::PyErr;
use crate::globals::Globals;
use crate::value::Value;

/// The default recursion limit, CPython's.
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// Bounds that keep an untrusted script from hanging or exhausting the host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Steps left (one per loop iteration and per call); `None` is unlimited.
    pub fuel: Option<u64>,
    /// The deepest stack of Python frames, counting the module's.
    pub recursion_limit: usize,
    /// Bytes of heap the script's values may own (see [`crate::memory`]); `None` is
    /// unlimited. Past it the allocating operation raises `MemoryError`.
    pub memory: Option<usize>,
    /// Wall-clock time each run (a module, or a call from the host) may take; checked
    /// between slices of steps. `None` is unlimited.
    pub time: Option<std::time::Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            fuel: None,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            memory: None,
            time: None,
        }
    }
}

/// A handle that stops a running script from any thread: the script raises an error
/// of kind `Interrupted` at its next loop iteration or call.
#[derive(Clone, Debug, Default)]
pub struct InterruptHandle {
    requested: Arc<AtomicBool>,
}

impl InterruptHandle {
    /// Asks the script to stop as soon as possible.
    pub fn interrupt(&self) {
        self.requested.store(true, Ordering::Relaxed);
    }

    /// Consumes a pending request, if any.
    pub(crate) fn take(&self) -> bool {
        self.requested.swap(false, Ordering::Relaxed)
    }
}

/// Everything one VM owns.
pub struct Runtime {
    pub globals: Globals,
    pub limits: Limits,
    /// The tracing tier's mode, tunables and counters.
    pub jit: crate::jit::JitState,
    pub interrupt: InterruptHandle,
    /// The most bytes of script values live at once during this runtime's runs.
    pub memory_peak: usize,
    output: Box<dyn Write>,
    sources: HashMap<Rc<str>, Rc<str>>,
}

impl Runtime {
    /// A runtime whose `print` writes to `output`.
    pub fn new(output: Box<dyn Write>) -> Runtime {
        Runtime {
            globals: Globals::default(),
            limits: Limits::default(),
            jit: crate::jit::JitState::default(),
            interrupt: InterruptHandle::default(),
            memory_peak: 0,
            output,
            sources: HashMap::new(),
        }
    }

    pub fn set_output(&mut self, output: Box<dyn Write>) {
        let _ = self.output.flush();
        self.output = output;
    }

    pub fn output(&mut self) -> &mut dyn Write {
        &mut *self.output
    }

    pub fn flush_output(&mut self) {
        let _ = self.output.flush();
    }

    /// Parses and compiles a module; its source is kept for tracebacks.
    pub fn compile(&mut self, source: &str, filename: &str) -> Result<Rc<Code>, SyntaxError> {
        let module = tracelift_syntax::parse_module(source)?;
        let code = compile_module(&module, filename, &mut self.globals)?;
        self.sources.insert(filename.into(), source.into());
        Ok(code)
    }

    /// Runs a compiled module body.
    pub fn run_code(&mut self, code: Rc<Code>) -> Result<Value, PyErr> {
        self.run_accounted(code, Vec::new())
    }

    /// Runs `code` from `stack` with this runtime's memory limit installed, recording
    /// the peak of script values the run saw.
    fn run_accounted(&mut self, code: Rc<Code>, stack: Vec<Value>) -> Result<Value, PyErr> {
        let mut account = crate::memory::MemoryAccount {
            limit: self.limits.memory,
            peak: self.memory_peak,
        };
        let entered = account.enter();
        let result = Interp::new(self, code, stack).run();
        account.leave(entered);
        self.memory_peak = account.peak;
        result
    }

    /// Calls any callable value with positional arguments.
    pub fn call(&mut self, callee: &Value, args: Vec<Value>) -> Result<Value, PyErr> {
        let trampoline = Rc::new(Code::call_stub(args.len() as u32));
        let mut stack = Vec::with_capacity(args.len() + 1);
        stack.push(callee.clone());
        stack.extend(args);
        self.run_accounted(trampoline, stack)
    }

    /// The text of line `line` of a file this runtime compiled.
    pub fn source_line(&self, filename: &str, line: u32) -> Option<String> {
        let source = self.sources.get(filename)?;
        source
            .lines()
            .nth(line.checked_sub(1)? as usize)
            .map(str::to_string)
    }

    /// CPython's report of an uncaught exception, quoting lines this runtime knows.
    pub fn render_error(&self, error: &PyErr) -> String {
        error.render(&|filename, line| self.source_line(filename, line))
    }
}
