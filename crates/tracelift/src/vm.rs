//! [`Vm`]: one embedded interpreter with its globals, output, limits and JIT mode.

use std::io::Write;
use std::path::Path;

use tracelift_interp::dis::disassemble;
use tracelift_interp::{Runtime, Value};
use tracelift_syntax::SyntaxError;

use crate::host::raw_host_function;
use crate::{
    Background, Error, ErrorKind, FromValue, IntoArgs, IntoHostFunction, IntoValue, JitMode,
    JitParams, JitStats, OptDump, OutputBuffer,
};
use tracelift_interp::jit::abi::TraceCompiler;

/// An embedded interpreter.
///
/// It is cheap to create, owns everything it runs, and never panics or aborts on any
/// script: every failure comes back as an [`Error`]. Scripts print to standard output
/// unless [`Vm::set_output`] or [`Vm::capture_output`] redirects them.
pub struct Vm {
    runtime: Runtime,
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}

impl Vm {
    /// A VM printing to standard output, with CPython's recursion limit (1000), no step
    /// budget and the JIT on (hot loops are compiled to machine code).
    pub fn new() -> Vm {
        Vm::with_output(std::io::stdout())
    }

    /// A VM whose `print` writes to `output`.
    pub fn with_output(output: impl Write + 'static) -> Vm {
        let mut runtime = Runtime::new(Box::new(output));
        runtime.jit.mode = JitMode::On;
        Vm { runtime }
    }

    /// Sends `print` output to `output` from now on.
    pub fn set_output(&mut self, output: impl Write + 'static) {
        self.runtime.set_output(Box::new(output));
    }

    /// Sends `print` output to a new in-memory buffer and returns a handle to read it.
    pub fn capture_output(&mut self) -> OutputBuffer {
        let buffer = OutputBuffer::new();
        self.set_output(buffer.clone());
        buffer
    }

    /// Runs source text as a module named `<string>`.
    pub fn run(&mut self, source: &str) -> Result<(), Error> {
        self.run_named(source, "<string>")
    }

    /// Runs source text, naming it `filename` in tracebacks.
    pub fn run_named(&mut self, source: &str, filename: &str) -> Result<(), Error> {
        let code = self
            .runtime
            .compile(source, filename)
            .map_err(|error| Error::from_syntax(error, filename, source))?;
        self.prepare_jit();
        let result = self.runtime.run_code(code);
        self.after_run();
        result.map(drop).map_err(|error| self.exception(error))
    }

    /// Runs raw source bytes (as read from a file), decoding them as CPython does:
    /// UTF-8 with an optional byte-order mark.
    pub fn run_bytes(&mut self, bytes: &[u8], filename: &str) -> Result<(), Error> {
        let source = decode_source(bytes, filename)
            .map_err(|error| Error::from_syntax(error, filename, ""))?;
        self.run_named(&source, filename)
    }

    /// Reads and runs a script file; tracebacks name it by `path` as given.
    pub fn run_file(&mut self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|error| {
            Error::other(
                ErrorKind::Io,
                format!("can't open file '{}': {error}", path.display()),
            )
        })?;
        self.run_bytes(&bytes, &path.display().to_string())
    }

    /// Calls the global function `name` with `args` and converts its result.
    pub fn call<R: FromValue>(&mut self, name: &str, args: impl IntoArgs) -> Result<R, Error> {
        let globals = &self.runtime.globals;
        let callee = globals
            .slot_of(name)
            .and_then(|slot| globals.load(slot).cloned());
        let callee = callee.ok_or_else(|| {
            Error::other(
                ErrorKind::Conversion,
                format!("name '{name}' is not defined"),
            )
        })?;
        self.call_value(&callee, args)
    }

    /// Calls any callable script value.
    pub fn call_value<R: FromValue>(
        &mut self,
        callee: &Value,
        args: impl IntoArgs,
    ) -> Result<R, Error> {
        self.prepare_jit();
        let result = self.runtime.call(callee, args.into_args());
        self.after_run();
        let value = result.map_err(|error| self.exception(error))?;
        R::from_value(&value)
    }

    /// The value of global `name`, if it is bound (builtins are not globals).
    pub fn global(&self, name: &str) -> Option<Value> {
        self.runtime.globals.get(name).cloned()
    }

    /// The value of global `name`, converted.
    pub fn get<T: FromValue>(&self, name: &str) -> Result<T, Error> {
        let value = self.global(name).ok_or_else(|| {
            Error::other(
                ErrorKind::Conversion,
                format!("name '{name}' is not defined"),
            )
        })?;
        T::from_value(&value)
    }

    /// Binds global `name` to `value`.
    pub fn set(&mut self, name: &str, value: impl IntoValue) {
        let slot = self.runtime.globals.intern(name);
        self.runtime.globals.store(slot, value.into_value());
    }

    /// The bound globals, in the order they were first named.
    pub fn globals(&self) -> Vec<(String, Value)> {
        self.runtime
            .globals
            .iter()
            .map(|(name, value)| (name.to_string(), value.clone()))
            .collect()
    }

    /// Makes the Rust closure `function` callable from scripts as `name`, with typed
    /// arguments (see [`IntoHostFunction`]). A script may still rebind the name.
    pub fn register<Args>(&mut self, name: &str, function: impl IntoHostFunction<Args>) {
        let host = function.into_host_function(name);
        self.runtime
            .globals
            .set_fallback(name, Value::HostFunction(host));
    }

    /// Registers a host function that takes the raw argument values (any count).
    pub fn register_raw(
        &mut self,
        name: &str,
        function: impl Fn(&[Value]) -> Result<Value, String> + 'static,
    ) {
        let host = raw_host_function(name, function);
        self.runtime
            .globals
            .set_fallback(name, Value::HostFunction(host));
    }

    /// Limits the steps (loop iterations and calls) scripts may still take; `None`
    /// removes the limit. Running out raises an error of kind
    /// [`ErrorKind::FuelExhausted`].
    pub fn set_fuel(&mut self, fuel: Option<u64>) {
        self.runtime.limits.fuel = fuel;
    }

    /// A handle that can stop this VM's running script from any thread (for
    /// timeouts): the script ends with an error of kind [`ErrorKind::Interrupted`]
    /// within a few microseconds of the request.
    pub fn interrupt_handle(&self) -> crate::InterruptHandle {
        self.runtime.interrupt.clone()
    }

    /// Limits the bytes of heap the script's values may own (strings, lists, tuples,
    /// big ints and the other objects, each with its buffers); `None` removes the
    /// limit. An operation that would pass it raises `MemoryError` where it allocates,
    /// in every tier, and the run ends with an error of kind
    /// `ErrorKind::Exception(ExcKind::MemoryError)`; the VM stays usable (the failed
    /// run's temporaries are freed, globals it bound keep their values, as in
    /// CPython). The count covers every script value on the calling thread, so VMs
    /// that share a thread share it.
    pub fn set_memory_limit(&mut self, bytes: Option<usize>) {
        self.runtime.limits.memory = bytes;
    }

    /// The memory limit, if one is set.
    pub fn memory_limit(&self) -> Option<usize> {
        self.runtime.limits.memory
    }

    /// Bytes owned by the script values alive on this thread now.
    pub fn memory_used(&self) -> usize {
        tracelift_interp::memory::used()
    }

    /// The most bytes of script values alive at once during this VM's runs.
    pub fn memory_peak(&self) -> usize {
        self.runtime.memory_peak
    }

    /// Limits the wall-clock time of each run (each `run*` or `call*`), checked
    /// between slices of 10,000 steps, in every tier; `None` removes the limit.
    /// Running out raises an error of kind [`ErrorKind::TimeLimitExceeded`].
    pub fn set_time_limit(&mut self, limit: Option<std::time::Duration>) {
        self.runtime.limits.time = limit;
    }

    /// The time limit of each run, if one is set.
    pub fn time_limit(&self) -> Option<std::time::Duration> {
        self.runtime.limits.time
    }

    /// The steps left, if a budget is set.
    pub fn fuel(&self) -> Option<u64> {
        self.runtime.limits.fuel
    }

    /// Sets the deepest stack of Python frames; deeper calls raise `RecursionError`.
    /// Frames live on the heap, so a high limit cannot overflow the native stack.
    pub fn set_recursion_limit(&mut self, limit: usize) {
        self.runtime.limits.recursion_limit = limit.max(1);
    }

    /// The current recursion limit.
    pub fn recursion_limit(&self) -> usize {
        self.runtime.limits.recursion_limit
    }

    /// Chooses the execution tier for hot loops.
    pub fn set_jit_mode(&mut self, mode: JitMode) {
        self.runtime.jit.mode = mode;
    }

    /// Arranges for mode `on` to make its code generator when the first trace is
    /// compiled (so a run that compiles nothing never pays for one): the backend
    /// itself, or with `JitParams::compile_in_background` the backend on a compile
    /// thread of its own.
    fn prepare_jit(&mut self) {
        let jit = &mut self.runtime.jit;
        if jit.mode != JitMode::On || jit.compiler.available() || jit.compiler.error().is_some() {
            return;
        }
        let background = jit.params.compile_in_background;
        jit.set_compiler_factory(Box::new(move || make_compiler(background, false)));
    }

    /// At the end of a run: flushes the output and installs the traces compiled in the
    /// background that are ready (waits for them in `Background::Lockstep`, so such a
    /// run ends as a foreground run would, every trace it recorded compiled).
    fn after_run(&mut self) {
        self.runtime.flush_output();
        if self.runtime.jit.compiles_pending() {
            self.runtime.jit.collect_compiles(false);
        }
    }

    /// Writes `/tmp/perf-PID.map` as traces are compiled, so `perf report` names
    /// trace frames. Fails when the file cannot be created or the host has no code
    /// generator. Set the JIT parameters first: this makes the code generator.
    pub fn enable_perf_map(&mut self) -> Result<(), String> {
        let compiler = make_compiler(self.runtime.jit.params.compile_in_background, true)?;
        self.runtime.jit.set_compiler(compiler);
        Ok(())
    }

    /// Waits for the traces being compiled in the background
    /// (`JitParams::compile_in_background`) and installs them, as the next loop
    /// header the interpreter reaches would once each is ready.
    pub fn finish_compiles(&mut self) {
        self.runtime.jit.collect_compiles(true);
    }

    /// Keeps the backend's IR (`ir`) and machine code (`asm`) of every compiled trace
    /// as text, read with [`Vm::jit_dumps`].
    pub fn set_dump_code(&mut self, ir: bool, asm: bool) {
        self.runtime.jit.dump_code = tracelift_interp::jit::abi::DumpRequest { ir, asm };
    }

    /// Why mode `on` has no code generator on this host, if it has none (known once
    /// a trace was to be compiled: the code generator is made then).
    pub fn backend_error(&self) -> Option<&str> {
        self.runtime.jit.compiler.error()
    }

    /// The execution tier in use.
    pub fn jit_mode(&self) -> JitMode {
        self.runtime.jit.mode
    }

    /// Sets the tracing tier's tunables (hot threshold, trace length, backoff).
    pub fn set_jit_params(&mut self, params: JitParams) {
        self.runtime.jit.params = params;
    }

    /// The tracing tier's tunables.
    pub fn jit_params(&self) -> JitParams {
        self.runtime.jit.params
    }

    /// Forgets every loop's failed recordings, so blacklisted loops (those whose
    /// recordings failed `JitParams::blacklist_after` times in a row for one reason,
    /// counted as `blacklisted` in the stats) are recorded again when next hot.
    pub fn reset_jit_blacklist(&mut self) {
        self.runtime.jit.reset_blacklist();
    }

    /// Keeps a text dump of every recording (the trace, or where and why it
    /// aborted), read with [`Vm::jit_dumps`].
    pub fn set_dump_traces(&mut self, enabled: bool) {
        self.runtime.jit.dump_traces = enabled;
    }

    /// Keeps a text dump of every trace after optimisation ([`OptDump::Result`]), or
    /// after each optimizer pass too ([`OptDump::EachPass`]), in [`Vm::jit_dumps`].
    pub fn set_dump_opt(&mut self, dump: OptDump) {
        self.runtime.jit.dump_opt = dump;
    }

    /// The dumps kept since [`Vm::set_dump_traces`] was enabled, one per recording.
    pub fn jit_dumps(&self) -> &[String] {
        &self.runtime.jit.dumps
    }

    /// The tracing tier's counters as a JSON object, with the exits each trace took
    /// and the peak memory of script values (`memory_peak_bytes`, see
    /// [`Vm::memory_peak`]); what `--jit-stats` writes.
    pub fn jit_stats_json(&self) -> String {
        self.runtime.jit.stats_json(self.runtime.memory_peak)
    }

    /// What the tracing tier did so far (loops found hot, traces recorded, aborts by
    /// reason, trace entries and exits).
    pub fn jit_stats(&self) -> &JitStats {
        &self.runtime.jit.stats
    }

    /// Compiles `source` and lists its bytecode with source lines and the uops of each
    /// instruction (what `tracelift dis` prints).
    pub fn disassemble(&mut self, source: &str, filename: &str) -> Result<String, Error> {
        let code = self
            .runtime
            .compile(source, filename)
            .map_err(|error| Error::from_syntax(error, filename, source))?;
        Ok(disassemble(&code, &self.runtime.globals, source))
    }

    /// Flushes the script output.
    pub fn flush(&mut self) {
        self.runtime.flush_output();
    }

    fn exception(&self, error: tracelift_interp::PyErr) -> Error {
        let report = self.runtime.render_error(&error);
        Error::from_exception(error, report)
    }
}

/// Decodes source bytes as CPython does for a file without an encoding declaration.
pub(crate) fn decode_source(bytes: &[u8], filename: &str) -> Result<String, SyntaxError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => {
            let at = error.valid_up_to();
            let line = bytes[..at].iter().filter(|&&byte| byte == b'\n').count() as u32 + 1;
            let byte = bytes.get(at).copied().unwrap_or(0);
            Err(SyntaxError::new(
                format!(
                    "Non-UTF-8 code starting with '\\x{byte:02x}' in file {filename} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details"
                ),
                line,
                0,
            ))
        }
    }
}

/// A code generator for this host: on a compile thread of its own unless
/// `background` is off, writing the perf map with `perf_map`.
fn make_compiler(background: Background, perf_map: bool) -> Result<Box<dyn TraceCompiler>, String> {
    let helpers = tracelift_interp::jit::helper_table();
    if background != Background::Off {
        let compiler = tracelift_backend::BackgroundBackend::new(helpers, perf_map)?;
        return Ok(Box::new(compiler));
    }
    let mut backend = tracelift_backend::Backend::new(helpers)?;
    if perf_map {
        backend
            .enable_perf_map()
            .map_err(|error| format!("can't create the perf map: {error}"))?;
    }
    Ok(Box::new(backend))
}
