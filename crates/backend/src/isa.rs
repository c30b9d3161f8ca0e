//! The target: the host's instruction set with the flags traces need.
//!
//! `preserve_frame_pointers` is required by tail calls (`return_call*`) and lets
//! profilers unwind through trace frames; `is_pic` must stay off for in-memory code;
//! the IR verifier runs in debug and test builds only (it adds about half to compile
//! time).
//!
//! Two tiers: traces are compiled for speed (`opt_level=speed` and the backtracking
//! register allocator), except side traces the VM expects to run seldom
//! (`CompileRequest::quick`), which skip the optimizer (`opt_level=none`) and
//! allocate registers in a single pass: about half the compile time, for code that
//! runs slower (measured with callgrind on mandelbrot, whose per-row side traces
//! run 300 times: 34M compile instructions for all its traces before, 16M with
//! every side trace quick; the same for every side trace of fannkuch or call_heavy,
//! whose side traces are hot, made them execute 15-25% more instructions in all).

use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};

/// The host ISA configured for traces (`quick`: for the quick tier), or why it
/// cannot be (an unsupported host).
pub fn host_isa(quick: bool) -> Result<OwnedTargetIsa, String> {
    let mut flags = settings::builder();
    let verifier = if cfg!(debug_assertions) {
        "true"
    } else {
        "false"
    };
    for (name, value) in [
        ("opt_level", if quick { "none" } else { "speed" }),
        (
            "regalloc_algorithm",
            if quick { "single_pass" } else { "backtracking" },
        ),
        ("preserve_frame_pointers", "true"),
        ("is_pic", "false"),
        ("enable_verifier", verifier),
    ] {
        flags
            .set(name, value)
            .map_err(|error| format!("cranelift flag {name}={value}: {error}"))?;
    }
    let builder = cranelift_codegen::isa::lookup(target_lexicon::Triple::host())
        .map_err(|error| format!("no code generator for this host: {error}"))?;
    builder
        .finish(settings::Flags::new(flags))
        .map_err(|error| format!("cannot configure the host ISA: {error}"))
}
