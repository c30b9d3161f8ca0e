//! The entry trampoline: the one function with the platform calling convention that
//! the VM calls. Traces use Cranelift's `tail` convention (so they can tail-call
//! each other and their side traces), which Rust cannot call directly; the trampoline
//! makes an ordinary call into the trace and returns its exit code.

use cranelift_codegen::ir::{types, AbiParam, InstBuilder, Signature};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::JITModule;
use cranelift_module::{Linkage, Module};
use tracelift_trace::abi::Trampoline;
use tracelift_trace::Type;

/// The signature every trace entry has: `(frame, ctx) -> exit code`, tail convention.
pub fn trace_signature() -> Signature {
    let mut signature = Signature::new(CallConv::Tail);
    signature.params.push(AbiParam::new(types::I64));
    signature.params.push(AbiParam::new(types::I64));
    signature.returns.push(AbiParam::new(types::I64));
    signature
}

/// The Cranelift types a value of trace type `ty` travels in as an argument (an
/// object is its tag byte and payload word).
pub fn abi_types(ty: Type) -> &'static [types::Type] {
    match ty {
        Type::Int => &[types::I64],
        Type::Float => &[types::F64],
        Type::Bool => &[types::I8],
        Type::Obj => &[types::I8, types::I64],
    }
}

/// The signature of a root trace's loop: `(frame, ctx, parameters...) -> exit code`,
/// tail convention; side traces jump to it with the parameters in registers.
pub fn loop_signature(params: &[Type]) -> Signature {
    let mut signature = trace_signature();
    for ty in params {
        for abi in abi_types(*ty) {
            signature.params.push(AbiParam::new(*abi));
        }
    }
    signature
}

/// Compiles the trampoline `extern "C" fn(entry, frame, ctx) -> exit` into `module`.
pub fn build(module: &mut JITModule) -> Result<Trampoline, String> {
    let call_conv = module.isa().default_call_conv();
    let mut signature = Signature::new(call_conv);
    for _ in 0..3 {
        signature.params.push(AbiParam::new(types::I64));
    }
    signature.returns.push(AbiParam::new(types::I64));
    let id = module
        .declare_function("tracelift_trampoline", Linkage::Local, &signature)
        .map_err(|error| format!("declaring the trampoline: {error}"))?;
    let mut context = module.make_context();
    context.func.signature = signature;
    let mut builder_context = FunctionBuilderContext::new();
    let mut builder = FunctionBuilder::new(&mut context.func, &mut builder_context);
    let block = builder.create_block();
    builder.append_block_params_for_function_params(block);
    builder.switch_to_block(block);
    builder.seal_block(block);
    let params = builder.block_params(block).to_vec();
    let trace = builder.import_signature(trace_signature());
    let call = builder
        .ins()
        .call_indirect(trace, params[0], &[params[1], params[2]]);
    let exit = builder.inst_results(call)[0];
    builder.ins().return_(&[exit]);
    builder.finalize(module.isa().frontend_config());
    module
        .define_function(id, &mut context)
        .map_err(|error| format!("compiling the trampoline: {error:?}"))?;
    module
        .finalize_definitions()
        .map_err(|error| format!("finalizing the trampoline: {error}"))?;
    let code = module.get_finalized_function(id);
    // SAFETY: `code` is the function just compiled with the platform convention and
    // exactly this signature (three pointer-sized integers in, one out), and `module`
    // keeps it alive for as long as the backend that owns both exists.
    Ok(unsafe { std::mem::transmute::<*const u8, Trampoline>(code) })
}
