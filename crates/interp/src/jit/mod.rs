//! The tracing tier: hot-loop detection, recording loops into `tracelift_trace` IR,
//! installing traces (compiled by the embedder's [`abi::TraceCompiler`] in mode `on`),
//! and running them with the evaluator.
//!
//! Modes ([`JitMode`]): `off` interprets only; `eval` counts loop iterations at each
//! `JumpBackward`, records a loop once it is hot, and from then on runs it with the
//! trace evaluator (`eval.rs`), which exits back to the interpreter through snapshots;
//! `on` compiles the traces instead. Every tunable is in [`JitParams`]; what happened
//! is counted in [`JitStats`].
//!
//! The rooms: `calls.rs` (calls a trace makes without inlining), `callees.rs` (the
//! entry traces of functions called directly, remembered), `deferred.rs`
//! (objects kept alive for a running compiled trace), `loops.rs` (per-loop counters and backoff), `record/` (the recorder),
//! `install.rs` (the one path from a recorded trace to a running one, and freeing),
//! `background.rs` (compiles on the backend's thread: pending traces, collecting them),
//! `installed.rs` (a trace in use), `operators.rs` (the interpreter's operators in
//! the trace IR's terms), `eval.rs` (the evaluator), `exit.rs` (rebuilding
//! frames at an exit), `abi/` (the VM's half of the compiled-code contract: helpers,
//! entering compiled code, the layout probe), `harness.rs` (one trace on a made-up
//! frame, for the trace oracle).

pub mod abi;
mod abort;
mod background;
mod callees;
mod calls;
mod deferred;
mod eval;
mod exit;
pub mod harness;
mod install;
mod installed;
mod loops;
mod mode;
pub(crate) mod operators;
mod params;
mod quiet;
mod record;
mod side_worth;
mod state;
mod stats;
mod worth;

pub use abi::helpers::helper_table;
pub use abort::Abort;
pub(crate) use callees::{Callee, LoopAfter};
pub use deferred::Deferred;
pub(crate) use eval::{evaluate, run_trace, TraceEnd};
pub(crate) use install::Placement;
pub use installed::{InstalledTrace, Recorded};
pub use loops::{FunctionEntry, LoopKey, LoopState, LoopTable};
pub use mode::JitMode;
pub use params::{Background, JitParams, Pass, PassSet};
pub use quiet::QuietLoop;
pub(crate) use record::{type_of, RealFrame, RecordStep, Recorder, SideStart};
pub use side_worth::ExitOutlook;
pub use state::{JitState, OptDump};
pub use stats::JitStats;
pub use worth::{iteration_len, LoopOutlook};
