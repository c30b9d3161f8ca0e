//! Compiling statements: assignments, control flow, loops and function definitions.
//!
//! Loop layout: the header is the loop's first instruction, and every path back to it
//! (the end of the body, `continue`) is a `JumpBackward`, so the interpreter sees each
//! iteration at one place. A `for` loop keeps its iterator on the stack while it runs;
//! `ForIter` pops it when exhausted and `break` pops it before leaving.

use std::rc::Rc;

use tracelift_syntax::ast::{Expr, ExprKind, Param, Stmt, StmtKind};
use tracelift_syntax::SyntaxError;

use super::{last_line, CodeBuilder, LoopContext, Scope};
use crate::bytecode::{ArithOp, Instr};
use crate::value::Value;

impl CodeBuilder<'_> {
    pub(super) fn compile_body(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        for stmt in body {
            self.compile_stmt(stmt)?;
        }
        Ok(())
    }

    fn compile_stmt(&mut self, stmt: &Stmt) -> Result<(), SyntaxError> {
        self.set_line(stmt.span);
        match &stmt.kind {
            StmtKind::Expr(expr) => {
                if !is_constant(expr) {
                    self.compile_expr(expr)?;
                    self.emit(Instr::PopTop);
                }
            }
            StmtKind::Assign { targets, value } if is_parallel_assignment(targets, value) => {
                // `a, b = b, a + b`: evaluate the values left to right, then store
                // them left to right without building a tuple (as CPython does).
                let (ExprKind::Tuple(names) | ExprKind::List(names)) = &targets[0].kind else {
                    return Ok(());
                };
                let ExprKind::Tuple(values) = &value.kind else {
                    return Ok(());
                };
                for value in values {
                    self.compile_expr(value)?;
                }
                self.set_line(stmt.span);
                self.emit(Instr::Swap(values.len() as u8 - 1));
                for name in names {
                    self.compile_store(name)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.compile_expr(value)?;
                for (position, target) in targets.iter().enumerate() {
                    if position + 1 < targets.len() {
                        self.emit(Instr::DupTop);
                    }
                    self.compile_store(target)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                self.compile_aug_assign(target, ArithOp::inplace(*op), value)?
            }
            StmtKind::If { test, body, orelse } => {
                let to_else = self.compile_condition(test, false)?;
                self.compile_body(body)?;
                if orelse.is_empty() {
                    self.patch_all_to_here(to_else);
                } else {
                    let to_end = self.emit(Instr::Jump(0));
                    self.patch_all_to_here(to_else);
                    self.compile_body(orelse)?;
                    self.patch_to_here(to_end);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let header = self.here();
                let to_else = self.compile_condition(test, false)?;
                self.compile_loop_body(header, false, body, stmt)?;
                self.patch_all_to_here(to_else);
                self.finish_loop(orelse)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.compile_expr(iter)?;
                self.set_line(stmt.span);
                self.emit(Instr::GetIter);
                let header = self.here();
                let to_else = self.emit(Instr::ForIter(0));
                self.compile_store(target)?;
                self.compile_loop_body(header, true, body, stmt)?;
                self.patch_to_here(to_else);
                self.finish_loop(orelse)?;
            }
            StmtKind::Break => {
                let Some(context) = self.loops.last() else {
                    return Err(self.error("'break' outside loop", stmt.span));
                };
                if context.has_iterator {
                    self.emit(Instr::PopTop);
                }
                let jump = self.emit(Instr::Jump(0));
                if let Some(context) = self.loops.last_mut() {
                    context.break_jumps.push(jump);
                }
            }
            StmtKind::Continue => {
                let Some(context) = self.loops.last() else {
                    return Err(self.error("'continue' not properly in loop", stmt.span));
                };
                let header = context.header;
                self.emit(Instr::JumpBackward(header));
            }
            StmtKind::Pass | StmtKind::Global(_) => {}
            StmtKind::Return(value) => {
                if !self.scope.is_function() {
                    return Err(self.error("'return' outside function", stmt.span));
                }
                match value {
                    Some(value) => self.compile_expr(value)?,
                    None => self.load_const(Value::None),
                }
                self.emit(Instr::ReturnValue);
            }
            StmtKind::Assert { test, msg } => {
                let to_end = self.compile_condition(test, true)?;
                if let Some(msg) = msg {
                    self.compile_expr(msg)?;
                }
                self.set_line(stmt.span);
                self.emit(Instr::RaiseAssertion(msg.is_some()));
                self.patch_all_to_here(to_end);
            }
            StmtKind::FunctionDef { name, params, body } => {
                self.compile_function_def(stmt, name, params, body)?
            }
        }
        Ok(())
    }

    /// Compiles a loop body with `break`/`continue` bound to this loop, ending with the
    /// jump back to the header. The loop's break jumps stay pending in `self.loops`
    /// until [`Self::finish_loop`].
    fn compile_loop_body(
        &mut self,
        header: u32,
        has_iterator: bool,
        body: &[Stmt],
        stmt: &Stmt,
    ) -> Result<(), SyntaxError> {
        self.loops.push(LoopContext {
            header,
            break_jumps: Vec::new(),
            has_iterator,
        });
        self.compile_body(body)?;
        self.set_line(stmt.span);
        self.emit(Instr::JumpBackward(header));
        Ok(())
    }

    /// Compiles the `else` block of the innermost loop and patches its breaks past it.
    fn finish_loop(&mut self, orelse: &[Stmt]) -> Result<(), SyntaxError> {
        let context = self.loops.pop();
        self.compile_body(orelse)?;
        for jump in context
            .map(|context| context.break_jumps)
            .unwrap_or_default()
        {
            self.patch_to_here(jump);
        }
        Ok(())
    }

    fn compile_aug_assign(
        &mut self,
        target: &Expr,
        op: ArithOp,
        value: &Expr,
    ) -> Result<(), SyntaxError> {
        match &target.kind {
            ExprKind::Name(name) => {
                self.compile_load_name(name);
                self.compile_expr(value)?;
                self.set_line(target.span);
                self.emit(Instr::Binary(op));
                self.compile_store_name(name);
            }
            ExprKind::Subscript {
                value: container,
                index,
            } if !matches!(index.kind, ExprKind::Slice { .. }) => {
                self.compile_expr(container)?;
                self.compile_expr(index)?;
                self.emit(Instr::DupTopTwo);
                self.emit(Instr::Subscript);
                self.compile_expr(value)?;
                self.set_line(target.span);
                self.emit(Instr::Binary(op));
                self.emit(Instr::RotThree);
                self.emit(Instr::StoreSubscript);
            }
            _ => return Err(self.unsupported_target(target)),
        }
        Ok(())
    }

    /// Stores the top of stack into an assignment target.
    pub(super) fn compile_store(&mut self, target: &Expr) -> Result<(), SyntaxError> {
        match &target.kind {
            ExprKind::Name(name) => self.compile_store_name(name),
            ExprKind::Subscript { value, index } => {
                if matches!(index.kind, ExprKind::Slice { .. }) {
                    return Err(SyntaxError::unsupported(
                        "assignment to a slice",
                        target.span.line,
                        target.span.col,
                    ));
                }
                self.compile_expr(value)?;
                self.compile_expr(index)?;
                self.set_line(target.span);
                self.emit(Instr::StoreSubscript);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                self.set_line(target.span);
                self.emit(Instr::UnpackSequence(items.len() as u32));
                for item in items {
                    self.compile_store(item)?;
                }
            }
            _ => return Err(self.unsupported_target(target)),
        }
        Ok(())
    }

    fn unsupported_target(&self, target: &Expr) -> SyntaxError {
        let what = match target.kind {
            ExprKind::Attribute { .. } => "assignment to an attribute",
            _ => "this kind of assignment target",
        };
        SyntaxError::unsupported(what, target.span.line, target.span.col)
    }

    pub(super) fn compile_store_name(&mut self, name: &str) {
        match self.scope.slot(name) {
            Some(slot) => self.emit(Instr::StoreFast(slot)),
            None => {
                let global = self.globals.intern(name);
                self.emit(Instr::StoreGlobal(global))
            }
        };
    }

    fn compile_function_def(
        &mut self,
        stmt: &Stmt,
        name: &str,
        params: &[Param],
        body: &[Stmt],
    ) -> Result<(), SyntaxError> {
        if self.scope.is_function() {
            return Err(SyntaxError::unsupported(
                "a nested function definition",
                stmt.span.line,
                stmt.span.col,
            ));
        }
        let mut default_count: u16 = 0;
        for param in params {
            if let Some(default) = &param.default {
                self.compile_expr(default)?;
                default_count += 1;
            }
        }
        let scope = Scope::function(params, body)?;
        let mut builder = CodeBuilder::new(
            self.globals,
            self.filename.clone(),
            name.into(),
            stmt.span.line,
            scope,
        );
        builder.compile_body(body)?;
        builder.emit_return_none(last_line(body));
        let code = Rc::new(builder.finish(params.len() as u32));
        self.functions.push(code);
        self.set_line(stmt.span);
        let index = u16::try_from(self.functions.len() - 1)
            .map_err(|_| self.error("too many functions in one module", stmt.span))?;
        self.emit(Instr::MakeFunction(index, default_count));
        self.compile_store_name(name);
        Ok(())
    }
}

/// Whether `targets = value` is `t1, t2[, t3] = v1, v2[, v3]` with plain targets of
/// the same count, which compiles without a temporary tuple. With two values one swap
/// reverses them; with three, swapping the outer two does.
fn is_parallel_assignment(targets: &[Expr], value: &Expr) -> bool {
    let [target] = targets else {
        return false;
    };
    let (ExprKind::Tuple(names) | ExprKind::List(names)) = &target.kind else {
        return false;
    };
    let ExprKind::Tuple(values) = &value.kind else {
        return false;
    };
    (2..=3).contains(&names.len())
        && names.len() == values.len()
        && names
            .iter()
            .all(|name| matches!(name.kind, ExprKind::Name(_) | ExprKind::Subscript { .. }))
}

/// A statement that is only a literal (a docstring) has no effect to compile.
fn is_constant(expr: &Expr) -> bool {
    matches!(
        expr.kind,
        ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::None
    )
}
