//! The Cranelift backend of tracelift: compiles traces to machine code.
//!
//! [`Backend`] implements [`TraceCompiler`]: the VM hands it a recorded trace and gets
//! back an entry address. Each trace gets its own `JITModule` (so its code memory can
//! be freed on its own), compiled for the host ISA; one more module holds the VM's
//! entry trampoline. How a trace becomes IR is in `lower/`; the contract with the VM
//! (context layout, helpers, exit codes) is `tracelift_trace::abi`.
//! [`BackgroundBackend`] (`worker.rs`) runs a `Backend` on a compile thread of its own.
//!
//! Architecture invariant: this crate depends on `tracelift-trace` and Cranelift only,
//! never on the interpreter. What it needs of the VM arrives as data: the helper
//! addresses when the backend is made, the object layout and code identities with
//! each compile request.

mod isa;
mod lower;
mod perf_map;
mod trampoline;
mod worker;

use std::time::Instant;

use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use lower::Part;
use tracelift_trace::abi::{
    CompileError, CompileRequest, CompiledCode, HelperTable, TraceCompiler, Trampoline,
};

pub use perf_map::PerfMap;
pub use worker::BackgroundBackend;

/// Compiles traces for the host, and owns the entry trampoline's code.
pub struct Backend {
    isa: OwnedTargetIsa,
    /// The same host, configured to compile quickly rather than well.
    quick_isa: OwnedTargetIsa,
    /// The VM's helpers, which every trace module may import.
    helpers: HelperTable,
    trampoline: Trampoline,
    /// Keeps the trampoline's code alive; freed when the backend is dropped.
    trampoline_module: Option<JITModule>,
    perf_map: Option<PerfMap>,
    /// Cranelift's working memory, kept from one compile to the next so that each
    /// function does not allocate it (the register allocator's most of all) anew.
    /// Boxed: a `Context` is large, and a VM may live on a small native stack.
    contexts: Box<Contexts>,
}

/// The contexts a function is built and compiled in; cleared before each use.
#[derive(Default)]
struct Contexts {
    codegen: Option<Box<Context>>,
    builder: FunctionBuilderContext,
}

impl Backend {
    /// A backend for this machine linking traces against `helpers`, or why there
    /// cannot be one (an unsupported host).
    pub fn new(helpers: HelperTable) -> Result<Backend, String> {
        let isa = isa::host_isa(false)?;
        let mut module = new_module(isa.clone(), &helpers);
        let trampoline = trampoline::build(&mut module)?;
        Ok(Backend {
            isa,
            quick_isa: isa::host_isa(true)?,
            helpers,
            trampoline,
            trampoline_module: Some(module),
            perf_map: None,
            contexts: Box::default(),
        })
    }

    /// Writes each compiled trace's address, size and name to `/tmp/perf-PID.map`,
    /// so `perf report` names trace frames.
    pub fn enable_perf_map(&mut self) -> std::io::Result<()> {
        self.perf_map = Some(PerfMap::open()?);
        Ok(())
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        if let Some(module) = self.trampoline_module.take() {
            // SAFETY: the backend is going away with the VM that owns it, after the
            // VM freed its traces; nothing can call the trampoline any more.
            unsafe { module.free_memory() };
        }
    }
}

/// A module for one trace (or the trampoline), with the helpers it may import.
fn new_module(isa: OwnedTargetIsa, helpers: &HelperTable) -> JITModule {
    let mut builder = JITBuilder::with_isa(isa, default_libcall_names());
    for (name, address) in helpers.symbols() {
        builder.symbol(name, address);
    }
    JITModule::new(builder)
}

fn codegen_error(what: &str, error: impl std::fmt::Debug) -> CompileError {
    CompileError {
        reason: "codegen",
        detail: format!("{what}: {error:?}"),
    }
}

impl TraceCompiler for Backend {
    fn trampoline(&self) -> Trampoline {
        self.trampoline
    }

    fn compile(&mut self, request: &CompileRequest<'_>) -> Result<CompiledCode, CompileError> {
        let started = Instant::now();
        let isa = if request.quick {
            &self.quick_isa
        } else {
            &self.isa
        };
        let mut module = new_module(isa.clone(), &self.helpers);
        let mut built = Built::default();
        let contexts = &mut *self.contexts;
        let name = format!("trace{}", request.number);
        let (entry_id, loop_id) = if request.side.is_some() {
            (
                define(
                    &mut module,
                    contexts,
                    request,
                    Part::Side,
                    &name,
                    &mut built,
                )?,
                None,
            )
        } else {
            let loop_signature = trampoline::loop_signature(
                &request
                    .trace
                    .body
                    .params
                    .iter()
                    .map(|(_, ty)| *ty)
                    .collect::<Vec<_>>(),
            );
            let loop_name = format!("{name}_loop");
            let loop_id = module
                .declare_function(&loop_name, Linkage::Local, &loop_signature)
                .map_err(|error| codegen_error("declaring the loop", error))?;
            let entry_id = define(
                &mut module,
                contexts,
                request,
                Part::Entry { loop_fn: loop_id },
                &name,
                &mut built,
            )?;
            define(
                &mut module,
                contexts,
                request,
                Part::Loop { entry_fn: entry_id },
                &loop_name,
                &mut built,
            )?;
            (entry_id, Some(loop_id))
        };
        module
            .finalize_definitions()
            .map_err(|error| codegen_error("finalizing", error))?;
        let entry = module.get_finalized_function(entry_id);
        let loop_entry = loop_id.map_or(std::ptr::null(), |id| module.get_finalized_function(id));
        if let Some(map) = &mut self.perf_map {
            map.record(entry, built.sizes[0], &request.symbol);
            if let Some(size) = built.sizes.get(1) {
                map.record(loop_entry, *size, &format!("{} loop", request.symbol));
            }
        }
        Ok(CompiledCode {
            entry,
            loop_entry,
            code_bytes: built.sizes.iter().sum(),
            compile_time: started.elapsed(),
            dumps: built.dumps,
            memory: Box::new(module),
        })
    }

    fn free(&mut self, code: CompiledCode) {
        free_code(code);
    }
}

/// Gives a trace's code memory back (for [`Backend`] and [`BackgroundBackend`]).
fn free_code(code: CompiledCode) {
    if let Ok(module) = code.memory.downcast::<JITModule>() {
        // SAFETY: the VM frees a trace only after unlinking it from every exit
        // slot and outside any call into compiled code, so nothing can still run
        // or reach this module's code.
        unsafe { module.free_memory() };
    }
}

/// What the functions of one compile produced: their sizes and dumps, in order.
#[derive(Default)]
struct Built {
    sizes: Vec<usize>,
    dumps: Vec<String>,
}

/// Lowers, declares (if not yet) and compiles one function of a trace.
fn define(
    module: &mut JITModule,
    contexts: &mut Contexts,
    request: &CompileRequest<'_>,
    part: Part,
    name: &str,
    built: &mut Built,
) -> Result<cranelift_module::FuncId, CompileError> {
    let context = contexts
        .codegen
        .get_or_insert_with(|| Box::new(module.make_context()));
    // Cleared before each use: a failed compile leaves it as it was.
    module.clear_context(context);
    let builder = FunctionBuilder::new(&mut context.func, &mut contexts.builder);
    if let Err(error) = lower::lower_trace(builder, module, request, part) {
        // Only a finished function empties the builder's context, and a new builder
        // needs an empty one.
        contexts.builder = FunctionBuilderContext::new();
        return Err(error);
    }
    let label = match part {
        Part::Loop { .. } => format!("{} loop", request.symbol),
        Part::Entry { .. } | Part::Side => request.symbol.clone(),
    };
    if request.dump.ir {
        built
            .dumps
            .push(format!("clif of {label}:\n{}", context.func.display()));
    }
    context.set_disasm(request.dump.asm);
    let id = module
        .declare_function(name, Linkage::Local, &context.func.signature)
        .map_err(|error| codegen_error("declaring the trace", error))?;
    module
        .define_function(id, context)
        .map_err(|error| define_error(context, error))?;
    let compiled = context.compiled_code();
    built
        .sizes
        .push(compiled.map_or(0, |code| code.code_info().total_size as usize));
    if request.dump.asm {
        let asm = compiled
            .and_then(|code| code.vcode.clone())
            .unwrap_or_default();
        built.dumps.push(format!("asm of {label}:\n{asm}"));
    }
    Ok(id)
}

/// A compile error with the verifier's full report when it has one.
fn define_error(context: &Context, error: cranelift_module::ModuleError) -> CompileError {
    match &error {
        cranelift_module::ModuleError::Compilation(cranelift_codegen::CodegenError::Verifier(
            errors,
        )) => CompileError {
            reason: "verifier",
            detail: cranelift_codegen::print_errors::pretty_verifier_error(
                &context.func,
                None,
                errors.clone(),
            ),
        },
        _ => codegen_error("compiling the trace", error),
    }
}
