//! A deterministic text form of the AST, for snapshot tests and debugging dumps.
//!
//! Statements print one per line, indented by nesting; expressions print as compact
//! S-expressions: `(+ a (* b 2))`, `(compare a < b <= c)`, `(call print x :sep "")`,
//! `([] xs (slice 1 _ _))`. [`dump_with_spans`] adds `@line:col-line:col` to every
//! statement and expression. The walk recurses, which is safe because the parser bounds
//! the height of every tree it builds.

use std::fmt::Write;

use crate::ast::{BoolOp, Expr, ExprKind, Module, Span, Stmt, StmtKind, UnaryOp};

/// The module as text, without spans.
pub fn dump(module: &Module) -> String {
    Dumper::new(false).module(module)
}

/// The module as text, with the span of every statement and expression.
pub fn dump_with_spans(module: &Module) -> String {
    Dumper::new(true).module(module)
}

/// One expression as text, without spans.
pub fn dump_expr(expr: &Expr) -> String {
    let mut dumper = Dumper::new(false);
    dumper.expr(expr);
    dumper.out
}

struct Dumper {
    out: String,
    spans: bool,
}

impl Dumper {
    fn new(spans: bool) -> Dumper {
        Dumper {
            out: String::new(),
            spans,
        }
    }

    fn module(mut self, module: &Module) -> String {
        self.block(&module.body, 0);
        self.out
    }

    fn span(&mut self, span: Span) {
        if self.spans {
            let _ = write!(
                self.out,
                "@{}:{}-{}:{}",
                span.line, span.col, span.end_line, span.end_col
            );
        }
    }

    fn block(&mut self, body: &[Stmt], indent: usize) {
        for stmt in body {
            self.stmt(stmt, indent);
        }
    }

    fn line_start(&mut self, indent: usize) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
    }

    fn stmt(&mut self, stmt: &Stmt, indent: usize) {
        self.line_start(indent);
        match &stmt.kind {
            StmtKind::FunctionDef { name, params, body } => {
                let _ = write!(self.out, "def {name}(");
                for (index, param) in params.iter().enumerate() {
                    if index > 0 {
                        self.out.push_str(", ");
                    }
                    self.out.push_str(&param.name);
                    if let Some(default) = &param.default {
                        self.out.push('=');
                        self.expr(default);
                    }
                }
                self.out.push(')');
                self.stmt_end(stmt.span);
                self.block(body, indent + 1);
            }
            StmtKind::Return(value) => {
                self.out.push_str("return");
                if let Some(value) = value {
                    self.out.push(' ');
                    self.expr(value);
                }
                self.stmt_end(stmt.span);
            }
            StmtKind::If { test, body, orelse } => {
                self.out.push_str("if ");
                self.expr(test);
                self.stmt_end(stmt.span);
                self.block(body, indent + 1);
                self.orelse(orelse, indent);
            }
            StmtKind::While { test, body, orelse } => {
                self.out.push_str("while ");
                self.expr(test);
                self.stmt_end(stmt.span);
                self.block(body, indent + 1);
                self.orelse(orelse, indent);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.out.push_str("for ");
                self.expr(target);
                self.out.push_str(" in ");
                self.expr(iter);
                self.stmt_end(stmt.span);
                self.block(body, indent + 1);
                self.orelse(orelse, indent);
            }
            StmtKind::Break => self.simple("break", stmt.span),
            StmtKind::Continue => self.simple("continue", stmt.span),
            StmtKind::Pass => self.simple("pass", stmt.span),
            StmtKind::Assign { targets, value } => {
                self.out.push_str("assign ");
                for target in targets {
                    self.expr(target);
                    self.out.push_str(" = ");
                }
                self.expr(value);
                self.stmt_end(stmt.span);
            }
            StmtKind::AugAssign { target, op, value } => {
                self.out.push_str("augassign ");
                self.expr(target);
                let _ = write!(self.out, " {}= ", op.symbol());
                self.expr(value);
                self.stmt_end(stmt.span);
            }
            StmtKind::Global(names) => {
                let _ = write!(self.out, "global {}", names.join(" "));
                self.stmt_end(stmt.span);
            }
            StmtKind::Assert { test, msg } => {
                self.out.push_str("assert ");
                self.expr(test);
                if let Some(msg) = msg {
                    self.out.push(' ');
                    self.expr(msg);
                }
                self.stmt_end(stmt.span);
            }
            StmtKind::Expr(expr) => {
                self.out.push_str("expr ");
                self.expr(expr);
                self.stmt_end(stmt.span);
            }
        }
    }

    fn simple(&mut self, word: &str, span: Span) {
        self.out.push_str(word);
        self.stmt_end(span);
    }

    fn stmt_end(&mut self, span: Span) {
        if self.spans {
            self.out.push(' ');
        }
        self.span(span);
        self.out.push('\n');
    }

    fn orelse(&mut self, orelse: &[Stmt], indent: usize) {
        if orelse.is_empty() {
            return;
        }
        self.line_start(indent);
        self.out.push_str("else\n");
        self.block(orelse, indent + 1);
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Int(value) => {
                let _ = write!(self.out, "{value}");
            }
            ExprKind::Float(value) => {
                let _ = write!(self.out, "{value:?}");
            }
            ExprKind::Str(value) => {
                let _ = write!(self.out, "{value:?}");
            }
            ExprKind::Bool(value) => self.out.push_str(if *value { "True" } else { "False" }),
            ExprKind::None => self.out.push_str("None"),
            ExprKind::Name(name) => self.out.push_str(name),
            ExprKind::UnaryOp { op, operand } => {
                let word = match op {
                    UnaryOp::Neg => "neg",
                    UnaryOp::Pos => "pos",
                    UnaryOp::Not => "not",
                    UnaryOp::Invert => "invert",
                };
                self.node(word, [operand.as_ref()]);
            }
            ExprKind::BinOp { left, op, right } => {
                self.node(op.symbol(), [left.as_ref(), right.as_ref()]);
            }
            ExprKind::BoolOp { op, values } => {
                let word = match op {
                    BoolOp::And => "and",
                    BoolOp::Or => "or",
                };
                self.node(word, values);
            }
            ExprKind::Compare { left, ops } => {
                self.out.push_str("(compare ");
                self.expr(left);
                for (op, right) in ops {
                    let _ = write!(self.out, " {} ", op.symbol());
                    self.expr(right);
                }
                self.out.push(')');
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.node("if", [test.as_ref(), body.as_ref(), orelse.as_ref()]);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.out.push_str("(call ");
                self.expr(func);
                for arg in args {
                    self.out.push(' ');
                    self.expr(arg);
                }
                for keyword in keywords {
                    let _ = write!(self.out, " :{} ", keyword.name);
                    self.expr(&keyword.value);
                }
                self.out.push(')');
            }
            ExprKind::Attribute { value, attr } => {
                self.out.push_str("(. ");
                self.expr(value);
                let _ = write!(self.out, " {attr})");
            }
            ExprKind::Subscript { value, index } => {
                self.node("[]", [value.as_ref(), index.as_ref()]);
            }
            ExprKind::Slice { lower, upper, step } => {
                self.out.push_str("(slice");
                for part in [lower, upper, step] {
                    self.out.push(' ');
                    match part {
                        Some(part) => self.expr(part),
                        None => self.out.push('_'),
                    }
                }
                self.out.push(')');
            }
            ExprKind::List(elements) => self.node("list", elements),
            ExprKind::Tuple(elements) => self.node("tuple", elements),
        }
        self.span(expr.span);
    }

    fn node<'a>(&mut self, word: &str, children: impl IntoIterator<Item = &'a Expr>) {
        self.out.push('(');
        self.out.push_str(word);
        for child in children {
            self.out.push(' ');
            self.expr(child);
        }
        self.out.push(')');
    }
}
