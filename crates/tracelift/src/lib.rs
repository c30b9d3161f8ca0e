//! tracelift: a Python-subset interpreter with a tracing JIT tier, for embedding in
//! Rust programs.
//!
//! ```
//! use tracelift::Vm;
//!
//! let mut vm = Vm::new();
//! let output = vm.capture_output();
//! vm.run("def area(w, h):\n    return w * h\nprint(area(3, 4))\n").unwrap();
//! assert_eq!(output.text(), "12\n");
//! let doubled: i64 = vm.call("area", (21, 2)).unwrap();
//! assert_eq!(doubled, 42);
//! ```
//!
//! A [`Vm`] owns its globals, its output and its limits; several can live in one
//! process (each on the thread that created it). Scripts get no file or network
//! access: they can reach the host only through the functions it registers.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod convert;
mod error;
mod host;
mod output;
mod vm;

pub use convert::{FromValue, IntoArgs, IntoValue};
pub use error::{Error, ErrorKind};
pub use host::{HostReturn, IntoHostFunction};
pub use output::OutputBuffer;
pub use tracelift_interp::jit::{Background, JitMode, JitParams, JitStats, OptDump, Pass, PassSet};
pub use tracelift_interp::{ExcKind, InterruptHandle, Value};
pub use vm::Vm;
