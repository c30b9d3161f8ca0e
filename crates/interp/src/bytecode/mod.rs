//! Bytecode: code objects and the operands their instructions carry.
//!
//! One [`Code`] per function (and one for the module). Locals live in indexed slots of
//! the frame; globals are resolved at compile time to slots of the runtime's global
//! table, so a global access is an array index, and a later JIT guards on the value in
//! the slot rather than on a name lookup. Instructions sit in `Cell`s so the
//! interpreter can quicken them in place (see [`instr`]).

pub mod instr;

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use instr::Instr;
use tracelift_syntax::ast::BinOp;

use crate::value::{MethodName, Value};

/// A compiled function or module body.
#[derive(Debug)]
pub struct Code {
    /// The function name, or `<module>`.
    pub name: Rc<str>,
    pub filename: Rc<str>,
    /// The line of the `def` (1 for a module).
    pub first_line: u32,
    /// The instructions; the interpreter rewrites them between generic and
    /// specialised forms, never changing their meaning.
    pub instrs: Box<[Cell<Instr>]>,
    /// The source line of each instruction.
    pub lines: Box<[u32]>,
    pub consts: Vec<Value>,
    /// Attribute and keyword names used by the instructions.
    pub names: Vec<Rc<str>>,
    /// Code of the functions defined in this body, for `MakeFunction`.
    pub functions: Vec<Rc<Code>>,
    /// The number of parameters; they are the first local slots.
    pub param_count: u32,
    /// The name of each local slot.
    pub local_names: Vec<Rc<str>>,
    /// Names this code object in tables kept outside it (the tracing tier's loops).
    pub id: CodeId,
    /// Calls the interpreter may still make without counting them with the tracing
    /// tier, which sets this countdown when it knows the next calls change nothing
    /// but a counter (as CPython keeps a warmup counter on its code objects); the
    /// tier adds the calls made meanwhile to its count at the next one it sees.
    pub quiet_calls: Cell<u32>,
}

/// A code object's identity, unique in the process (never reused, unlike an address).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodeId(u64);

impl CodeId {
    /// An identity no code object has (never returned by [`CodeId::fresh`]).
    pub const NONE: CodeId = CodeId(u64::MAX);

    /// An identity no other code object has.
    pub fn fresh() -> CodeId {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        CodeId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl Code {
    /// A nameless code object that calls the callee below `argc` arguments on its
    /// stack and returns the result: how a host, or a trace's nested call, starts a
    /// run at a call. Tracebacks skip it (its file name is empty).
    pub fn call_stub(argc: u32) -> Code {
        Code {
            name: "<host>".into(),
            filename: "".into(),
            first_line: 0,
            instrs: vec![Instr::Call(argc).into(), Instr::ReturnValue.into()].into(),
            lines: vec![0, 0].into(),
            consts: Vec::new(),
            names: Vec::new(),
            functions: Vec::new(),
            param_count: 0,
            local_names: Vec::new(),
            id: CodeId::fresh(),
            quiet_calls: Cell::new(0),
        }
    }

    /// Whether the code has a loop (a backward jump).
    pub fn has_loop(&self) -> bool {
        self.instrs
            .iter()
            .any(|instr| matches!(instr.get(), Instr::JumpBackward(_)))
    }

    /// If the instruction at `pc` heads a `for` loop, the pc its loop exits to.
    pub fn for_loop_end(&self, pc: usize) -> Option<usize> {
        match self.instrs.get(pc)?.get().generic() {
            Instr::ForIter(end) => Some(end as usize),
            _ => None,
        }
    }

    /// Whether the loop whose header is at `header` lies inside another loop of this
    /// code (one whose backward jump goes to an earlier header, from after it).
    pub fn is_enclosed(&self, header: usize) -> bool {
        self.instrs.iter().enumerate().any(|(at, instr)| {
            matches!(instr.get(), Instr::JumpBackward(outer) if (outer as usize) < header && at > header)
        })
    }

    pub fn local_count(&self) -> usize {
        self.local_names.len()
    }

    /// The source line of the instruction at `pc` (the first line if out of range).
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.first_line)
    }
}

/// A binary operator, and whether it came from an augmented assignment (`+=` extends a
/// list in place where `+` builds a new one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ArithOp {
    pub op: BinOp,
    pub inplace: bool,
}

impl ArithOp {
    pub fn binary(op: BinOp) -> ArithOp {
        ArithOp { op, inplace: false }
    }

    pub fn inplace(op: BinOp) -> ArithOp {
        ArithOp { op, inplace: true }
    }
}

impl fmt::Display for ArithOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.op.symbol())?;
        if self.inplace {
            f.write_str("=")?;
        }
        Ok(())
    }
}

/// A method call or lookup site: the resolved method, the index of its name in
/// [`Code::names`] (for error messages) and the number of arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MethodSite {
    pub method: MethodName,
    pub name: u16,
    pub argc: u8,
}
