//! The bytecode compiler: AST to [`Code`] objects, one per function and one for the
//! module.
//!
//! It resolves every name to a local slot or a global slot (see [`scope`]), lays out
//! loops so that every iteration passes one `JumpBackward` to the loop header (where the
//! interpreter counts iterations), and records the source line of each instruction.
//! Errors it finds are `SyntaxError`s, reported like the parser's.

mod expr;
mod peephole;
mod scope;
mod stmt;

use std::cell::Cell;
use std::rc::Rc;

use tracelift_syntax::ast::{Module, Span};
use tracelift_syntax::SyntaxError;

use crate::bytecode::{Code, Instr};
use crate::globals::Globals;
use crate::value::Value;
use scope::Scope;

/// Compiles a module body against the runtime's global table.
pub fn compile_module(
    module: &Module,
    filename: &str,
    globals: &mut Globals,
) -> Result<Rc<Code>, SyntaxError> {
    let mut builder = CodeBuilder::new(
        globals,
        filename.into(),
        "<module>".into(),
        1,
        Scope::module(),
    );
    builder.compile_body(&module.body)?;
    builder.emit_return_none(last_line(&module.body));
    Ok(Rc::new(builder.finish(0)))
}

fn last_line(body: &[tracelift_syntax::ast::Stmt]) -> u32 {
    body.last()
        .map_or(1, |stmt| stmt.span.end_line.max(stmt.span.line))
}

/// Where `break` and `continue` go inside the innermost loop.
struct LoopContext {
    header: u32,
    /// Jumps to patch with the loop's end.
    break_jumps: Vec<usize>,
    /// `for` loops keep their iterator on the stack; `break` must pop it.
    has_iterator: bool,
}

/// Builds one code object.
struct CodeBuilder<'g> {
    globals: &'g mut Globals,
    filename: Rc<str>,
    name: Rc<str>,
    first_line: u32,
    scope: Scope,
    instrs: Vec<Instr>,
    lines: Vec<u32>,
    consts: Vec<Value>,
    names: Vec<Rc<str>>,
    functions: Vec<Rc<Code>>,
    loops: Vec<LoopContext>,
    line: u32,
}

impl<'g> CodeBuilder<'g> {
    fn new(
        globals: &'g mut Globals,
        filename: Rc<str>,
        name: Rc<str>,
        first_line: u32,
        scope: Scope,
    ) -> Self {
        CodeBuilder {
            globals,
            filename,
            name,
            first_line,
            scope,
            instrs: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            functions: Vec::new(),
            loops: Vec::new(),
            line: first_line,
        }
    }

    fn finish(self, param_count: u32) -> Code {
        let (instrs, lines) = peephole::fuse(self.instrs, self.lines);
        Code {
            name: self.name,
            filename: self.filename,
            first_line: self.first_line,
            instrs: instrs.into_iter().map(Cell::new).collect(),
            lines: lines.into_boxed_slice(),
            consts: self.consts,
            names: self.names,
            functions: self.functions,
            param_count,
            local_names: self.scope.local_names,
            id: crate::bytecode::CodeId::fresh(),
            quiet_calls: std::cell::Cell::new(0),
        }
    }

    /// Appends an instruction at the current line; returns its index.
    fn emit(&mut self, instr: Instr) -> usize {
        self.instrs.push(instr);
        self.lines.push(self.line);
        self.instrs.len() - 1
    }

    fn here(&self) -> u32 {
        self.instrs.len() as u32
    }

    /// Points the jump at `at` to the current position.
    fn patch_to_here(&mut self, at: usize) {
        let target = self.here();
        self.patch(at, target);
    }

    fn patch_all_to_here(&mut self, jumps: Vec<usize>) {
        for jump in jumps {
            self.patch_to_here(jump);
        }
    }

    fn patch(&mut self, at: usize, target: u32) {
        self.instrs[at] = self.instrs[at].with_jump_target(target);
    }

    fn set_line(&mut self, span: Span) {
        if span.line > 0 {
            self.line = span.line;
        }
    }

    /// The index of a constant, reusing an identical one.
    fn constant(&mut self, value: Value) -> u32 {
        let existing = self
            .consts
            .iter()
            .position(|known| same_constant(known, &value));
        match existing {
            Some(index) => index as u32,
            None => {
                self.consts.push(value);
                self.consts.len() as u32 - 1
            }
        }
    }

    fn load_const(&mut self, value: Value) {
        let index = self.constant(value);
        self.emit(Instr::LoadConst(index));
    }

    fn name_index(&mut self, name: &str) -> u16 {
        if let Some(index) = self.names.iter().position(|known| &**known == name) {
            return index as u16;
        }
        self.names.push(name.into());
        (self.names.len() - 1) as u16
    }

    fn emit_return_none(&mut self, line: u32) {
        self.line = line;
        self.load_const(Value::None);
        self.emit(Instr::ReturnValue);
    }

    fn error(&self, message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError::new(message, span.line, span.col)
    }
}

/// Whether two constants can share a slot: same type and same value (floats by bits,
/// so `0.0` and `-0.0` stay apart).
fn same_constant(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::None, Value::None) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Int(a), Value::Int(b)) => a == b,
        (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
        (Value::Str(a), Value::Str(b)) => a.as_str() == b.as_str(),
        _ => false,
    }
}
