//! Compiling expressions. Each leaves exactly one value on the stack.
//!
//! `and`/`or` and chained comparisons short-circuit with the `JumpIf...OrPop`
//! instructions, returning an operand as Python does; a negated numeric literal is
//! folded into one constant (`-5`), which is also what CPython's compiler does.

use num_traits::ToPrimitive;
use tracelift_syntax::ast::{BoolOp, Expr, ExprKind, UnaryOp};
use tracelift_syntax::SyntaxError;

use super::CodeBuilder;
use crate::bytecode::{ArithOp, Instr, MethodSite};
use crate::value::{MethodName, Value};

/// The most arguments one call may pass (CPython's old limit, which keeps every
/// argument count in a byte).
const MAX_ARGUMENTS: usize = 255;

impl CodeBuilder<'_> {
    pub(super) fn compile_expr(&mut self, expr: &Expr) -> Result<(), SyntaxError> {
        self.set_line(expr.span);
        match &expr.kind {
            ExprKind::Int(int) => {
                let value = match int.to_i64() {
                    Some(small) => Value::Int(small),
                    None => {
                        Value::BigInt(std::rc::Rc::new(crate::value::BigIntObj::new(int.clone())))
                    }
                };
                self.load_const(value);
            }
            ExprKind::Float(float) => self.load_const(Value::Float(*float)),
            ExprKind::Str(text) => self.load_const(Value::str(text.as_str())),
            ExprKind::Bool(flag) => self.load_const(Value::Bool(*flag)),
            ExprKind::None => self.load_const(Value::None),
            ExprKind::Name(name) => self.compile_load_name(name),
            ExprKind::UnaryOp { op, operand } => match (op, &operand.kind) {
                (UnaryOp::Neg, ExprKind::Int(int)) => {
                    self.load_const(Value::from_bigint(-int.clone()))
                }
                (UnaryOp::Neg, ExprKind::Float(float)) => self.load_const(Value::Float(-float)),
                _ => {
                    self.compile_expr(operand)?;
                    self.set_line(expr.span);
                    self.emit(Instr::Unary(*op));
                }
            },
            ExprKind::BinOp { left, op, right } => {
                self.compile_expr(left)?;
                self.compile_expr(right)?;
                self.set_line(expr.span);
                self.emit(Instr::Binary(ArithOp::binary(*op)));
            }
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                for (position, value) in values.iter().enumerate() {
                    self.compile_expr(value)?;
                    if position + 1 < values.len() {
                        jumps.push(self.emit(match op {
                            BoolOp::And => Instr::JumpIfFalseOrPop(0),
                            BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for jump in jumps {
                    self.patch_to_here(jump);
                }
            }
            ExprKind::Compare { left, ops } => self.compile_compare(expr, left, ops)?,
            ExprKind::IfExp { test, body, orelse } => {
                self.compile_expr(test)?;
                let to_else = self.emit(Instr::PopJumpIfFalse(0));
                self.compile_expr(body)?;
                let to_end = self.emit(Instr::Jump(0));
                self.patch_to_here(to_else);
                self.compile_expr(orelse)?;
                self.patch_to_here(to_end);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.compile_call(expr, func, args, keywords)?,
            ExprKind::Attribute { value, attr } => {
                self.compile_expr(value)?;
                self.set_line(expr.span);
                let site = self.method_site(attr, 0);
                self.emit(Instr::LoadAttr(site));
            }
            ExprKind::Subscript { value, index } => {
                self.compile_expr(value)?;
                if let ExprKind::Slice { lower, upper, step } = &index.kind {
                    for part in [lower, upper] {
                        match part {
                            Some(part) => self.compile_expr(part)?,
                            None => self.load_const(Value::None),
                        }
                    }
                    if let Some(step) = step {
                        self.compile_expr(step)?;
                    }
                    self.set_line(expr.span);
                    self.emit(Instr::Slice(step.is_some()));
                } else {
                    self.compile_expr(index)?;
                    self.set_line(expr.span);
                    self.emit(Instr::Subscript);
                }
            }
            ExprKind::Slice { .. } => {
                return Err(self.error("invalid syntax", expr.span));
            }
            ExprKind::List(items) => {
                for item in items {
                    self.compile_expr(item)?;
                }
                self.set_line(expr.span);
                self.emit(Instr::BuildList(items.len() as u32));
            }
            ExprKind::Tuple(items) => {
                for item in items {
                    self.compile_expr(item)?;
                }
                self.set_line(expr.span);
                self.emit(Instr::BuildTuple(items.len() as u32));
            }
        }
        Ok(())
    }

    /// Compiles `test` for a branch: emits code that jumps when the truth of `test` is
    /// `jump_when` and falls through otherwise; returns the jumps to patch with the
    /// target. `and`, `or` and `not` become branches rather than values (a condition
    /// only observes truthiness), and a single comparison fuses with its branch.
    pub(super) fn compile_condition(
        &mut self,
        test: &Expr,
        jump_when: bool,
    ) -> Result<Vec<usize>, SyntaxError> {
        self.set_line(test.span);
        match &test.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => self.compile_condition(operand, !jump_when),
            ExprKind::BoolOp { op, values } => {
                // `a and b` jumps-when-false if any operand is false; jumps-when-true
                // only if all are true (the last decides), and symmetrically for `or`.
                let short_circuits_on = matches!(op, BoolOp::Or);
                let (last, rest) = match values.split_last() {
                    Some(split) => split,
                    None => return Ok(Vec::new()),
                };
                let mut jumps = Vec::new();
                let mut skips = Vec::new();
                for value in rest {
                    if short_circuits_on == jump_when {
                        jumps.extend(self.compile_condition(value, jump_when)?);
                    } else {
                        skips.extend(self.compile_condition(value, !jump_when)?);
                    }
                }
                jumps.extend(self.compile_condition(last, jump_when)?);
                for skip in skips {
                    self.patch_to_here(skip);
                }
                Ok(jumps)
            }
            ExprKind::Compare { left, ops } if ops.len() == 1 && !jump_when => {
                let (op, right) = &ops[0];
                self.compile_expr(left)?;
                self.compile_expr(right)?;
                self.set_line(test.span);
                Ok(vec![self.emit(Instr::CompareJumpIfFalse(*op, 0))])
            }
            _ => {
                self.compile_expr(test)?;
                self.set_line(test.span);
                Ok(vec![self.emit(if jump_when {
                    Instr::PopJumpIfTrue(0)
                } else {
                    Instr::PopJumpIfFalse(0)
                })])
            }
        }
    }

    pub(super) fn compile_load_name(&mut self, name: &str) {
        match self.scope.slot(name) {
            Some(slot) => self.emit(Instr::LoadFast(slot)),
            None => {
                let global = self.globals.intern(name);
                self.emit(Instr::LoadGlobal(global))
            }
        };
    }

    /// `a < b` compiles to one `Compare`; a chain `a < b < c` keeps the middle operand
    /// with `DupTop`/`RotThree`, short-circuits with `JumpIfFalseOrPop` and cleans the
    /// leftover operand off the stack on the short-circuit path.
    fn compile_compare(
        &mut self,
        expr: &Expr,
        left: &Expr,
        ops: &[(tracelift_syntax::ast::CmpOp, Expr)],
    ) -> Result<(), SyntaxError> {
        self.compile_expr(left)?;
        let mut cleanup_jumps = Vec::new();
        for (position, (op, right)) in ops.iter().enumerate() {
            self.compile_expr(right)?;
            self.set_line(expr.span);
            let is_last = position + 1 == ops.len();
            if !is_last {
                self.emit(Instr::DupTop);
                self.emit(Instr::RotThree);
            }
            self.emit(Instr::Compare(*op));
            if !is_last {
                cleanup_jumps.push(self.emit(Instr::JumpIfFalseOrPop(0)));
            }
        }
        if !cleanup_jumps.is_empty() {
            let to_end = self.emit(Instr::Jump(0));
            for jump in cleanup_jumps {
                self.patch_to_here(jump);
            }
            self.emit(Instr::RotTwo);
            self.emit(Instr::PopTop);
            self.patch_to_here(to_end);
        }
        Ok(())
    }

    fn compile_call(
        &mut self,
        expr: &Expr,
        func: &Expr,
        args: &[Expr],
        keywords: &[tracelift_syntax::ast::Keyword],
    ) -> Result<(), SyntaxError> {
        if args.len() + keywords.len() > MAX_ARGUMENTS {
            return Err(self.error("more than 255 arguments", expr.span));
        }
        if let ExprKind::Attribute { value, attr } = &func.kind {
            if let Some(keyword) = keywords.first() {
                return Err(SyntaxError::unsupported(
                    "a keyword argument to a method",
                    keyword.span.line,
                    keyword.span.col,
                ));
            }
            self.compile_expr(value)?;
            for arg in args {
                self.compile_expr(arg)?;
            }
            self.set_line(expr.span);
            let site = self.method_site(attr, args.len());
            self.emit(Instr::CallMethod(site));
            return Ok(());
        }
        self.compile_expr(func)?;
        for arg in args {
            self.compile_expr(arg)?;
        }
        for keyword in keywords {
            self.compile_expr(&keyword.value)?;
        }
        self.set_line(expr.span);
        let argc = (args.len() + keywords.len()) as u32;
        if keywords.is_empty() {
            self.emit(Instr::Call(argc));
        } else {
            let names = keywords
                .iter()
                .map(|keyword| Value::str(keyword.name.as_str()))
                .collect();
            let kwnames = u16::try_from(self.constant(Value::tuple(names)))
                .map_err(|_| self.error("too many constants in one code object", expr.span))?;
            self.emit(Instr::CallKw(argc as u16, kwnames));
        }
        Ok(())
    }

    fn method_site(&mut self, attr: &str, argc: usize) -> MethodSite {
        MethodSite {
            method: MethodName::from_name(attr),
            name: self.name_index(attr),
            argc: argc as u8,
        }
    }
}
