//! The target: the host's instruction set with the flags traces need.
//!
//! `preserve_frame_pointers` is required by tail calls (`return_call*`) and lets
//! profilers unwind through trace frames; `is_pic` must stay off for in-memory code;
//! the IR verifier runs in debug and test builds only (it adds about half to compile
//! time).

use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};

/// The host ISA configured for traces, or why it cannot be (an unsupported host).
pub fn host_isa() -> Result<OwnedTargetIsa, String> {
    let mut flags = settings::builder();
    let verifier = if cfg!(debug_assertions) {
        "true"
    } else {
        "false"
    };
    for (name, value) in [
        ("opt_level", "speed"),
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
