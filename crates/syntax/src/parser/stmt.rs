//! Statements: simple statements (separated by `;`), assignments, and the compound
//! statements `if` / `elif` / `else`, `while`, `for` and `def`, with their blocks.
//!
//! `elif` chains are built without recursion and desugared into an `If` nested as the only
//! statement of `orelse`. A block either follows its header on the same line or is an
//! indented suite; each indented suite counts in the parser's nesting depth.

use super::expr::PREC_BIT_OR;
use super::{PResult, Parser};
use crate::ast::{BinOp, Expr, ExprKind, Param, Span, Stmt, StmtKind};
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::token::{Keyword, Punct, TokenKind};

impl Parser {
    /// One statement at the start of a line; simple statements may add several.
    pub(super) fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        match self.kind() {
            TokenKind::Keyword(Keyword::If) => self.if_statement(out),
            TokenKind::Keyword(Keyword::While) => self.while_statement(out),
            TokenKind::Keyword(Keyword::For) => self.for_statement(out),
            TokenKind::Keyword(Keyword::Def) => self.function_def(out),
            _ => self.other_statement(out),
        }
    }

    /// A statement that does not open a block, or an error at a statement's start.
    fn other_statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let span = self.span();
        let is_match = matches!(self.kind(), TokenKind::Name(name) if name == "match")
            && self.is_match_statement();
        match self.kind() {
            TokenKind::Indent => Err(Box::new(
                SyntaxError::new("unexpected indent", span.line, span.col.saturating_sub(1))
                    .with_kind(SyntaxErrorKind::IndentationError),
            )),
            TokenKind::Punct(Punct::At) => self.unsupported("a decorator ('@')", span),
            TokenKind::Name(_) if is_match => self.unsupported("'match'", span),
            _ => self.simple_statements(out),
        }
    }

    /// Whether a line starting with the soft keyword `match` is a match statement: an
    /// expression statement or assignment cannot end with a colon.
    fn is_match_statement(&self) -> bool {
        let rest = &self.tokens[self.pos..];
        if matches!(
            rest.get(1).map(|token| &token.kind),
            Some(TokenKind::Punct(Punct::Equal | Punct::Colon | Punct::Dot))
        ) {
            return false;
        }
        let line_end = rest
            .iter()
            .position(|token| {
                matches!(
                    token.kind,
                    TokenKind::Newline | TokenKind::EndMarker | TokenKind::Error
                )
            })
            .unwrap_or(rest.len());
        line_end > 0 && rest[line_end - 1].kind == TokenKind::Punct(Punct::Colon)
    }

    /// `simple (';' simple)* [';'] NEWLINE`.
    fn simple_statements(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let stmt = self.simple_statement()?;
            out.push(stmt);
            if !self.eat_punct(Punct::Semicolon) || self.at_newline() {
                break;
            }
        }
        if !self.at_newline() {
            return self.invalid_syntax();
        }
        self.bump();
        Ok(())
    }

    fn at_newline(&mut self) -> bool {
        matches!(self.kind(), TokenKind::Newline)
    }

    fn simple_statement(&mut self) -> PResult<Stmt> {
        let start = self.span();
        let TokenKind::Keyword(keyword) = *self.kind() else {
            return self.assignment_or_expression();
        };
        let kind = match keyword {
            Keyword::Pass | Keyword::Break | Keyword::Continue => {
                self.bump();
                match keyword {
                    Keyword::Pass => StmtKind::Pass,
                    Keyword::Break => StmtKind::Break,
                    _ => StmtKind::Continue,
                }
            }
            Keyword::Return => {
                self.bump();
                if self.at_newline() || self.at_punct(Punct::Semicolon) {
                    StmtKind::Return(None)
                } else {
                    StmtKind::Return(Some(self.star_expressions()?.expr_value()))
                }
            }
            Keyword::Global => {
                self.bump();
                let mut names = Vec::new();
                loop {
                    let TokenKind::Name(name) = self.kind().clone() else {
                        return self.invalid_syntax();
                    };
                    names.push(name);
                    self.bump();
                    if !self.eat_punct(Punct::Comma) {
                        break;
                    }
                }
                StmtKind::Global(names)
            }
            Keyword::Assert => {
                self.bump();
                let test = self.expr()?.expr_value();
                let msg = if self.eat_punct(Punct::Comma) {
                    Some(self.expr()?.expr_value())
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Keyword::Class
            | Keyword::Try
            | Keyword::With
            | Keyword::Async
            | Keyword::Del
            | Keyword::Import
            | Keyword::From
            | Keyword::Raise
            | Keyword::Nonlocal => {
                return self.unsupported(&format!("'{}'", keyword.as_str()), start);
            }
            _ => return self.assignment_or_expression(),
        };
        let span = self.span_from(start);
        Ok(Stmt { kind, span })
    }

    /// An expression statement, `t1 = t2 = value`, or `target op= value`.
    fn assignment_or_expression(&mut self) -> PResult<Stmt> {
        let start = self.span();
        let first = self.star_expressions()?.expr_value();
        let aug_op = match self.kind() {
            TokenKind::Punct(punct) => augmented_op(*punct),
            _ => None,
        };
        if let Some(op) = aug_op {
            self.check_aug_target(&first)?;
            self.bump();
            let value = self.star_expressions()?.expr_value();
            let span = self.span_from(start);
            let kind = StmtKind::AugAssign {
                target: first,
                op,
                value,
            };
            return Ok(Stmt { kind, span });
        }
        match self.kind() {
            TokenKind::Punct(Punct::Equal) => {
                let mut targets = vec![first];
                let value = loop {
                    self.bump();
                    let next = self.star_expressions()?.expr_value();
                    if !self.at_punct(Punct::Equal) {
                        break next;
                    }
                    targets.push(next);
                };
                let sole = targets.len() == 1;
                for target in &targets {
                    self.check_target(target, sole)?;
                }
                let span = self.span_from(start);
                Ok(Stmt {
                    kind: StmtKind::Assign { targets, value },
                    span,
                })
            }
            TokenKind::Punct(Punct::Colon) => {
                let span = self.span();
                self.unsupported("a variable annotation", span)
            }
            TokenKind::Punct(Punct::AtEqual) => {
                let span = self.span();
                self.unsupported("the '@' operator", span)
            }
            kind => {
                if let ExprKind::Name(name) = &first.kind {
                    if (name == "print" || name == "exec") && kind.starts_expression() {
                        return self.error_at(
                            format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
                            first.span,
                        );
                    }
                }
                let span = self.span_from(start);
                Ok(Stmt {
                    kind: StmtKind::Expr(first),
                    span,
                })
            }
        }
    }

    /// The `:` after a compound statement's header. CPython says `expected ':'` when the
    /// line ends there (or always, for `def` and `else`), and `invalid syntax` otherwise.
    fn expect_colon(&mut self, forced: bool) -> PResult<()> {
        if self.eat_punct(Punct::Colon) {
            return Ok(());
        }
        if forced || self.at_newline() {
            let span = self.span();
            return self.error_at("expected ':'", span);
        }
        self.invalid_syntax()
    }

    /// The condition of `if`, `elif` or `while`.
    fn condition(&mut self) -> PResult<Box<Expr>> {
        let test = self.expr()?.expr;
        if self.at_punct(Punct::Equal) {
            return self.error_at(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                test.span,
            );
        }
        Ok(test)
    }

    /// The block after a header's colon: statements on the same line, or an indented
    /// suite. `header` names the statement for CPython's missing-block message.
    fn block(&mut self, header: &'static str, header_span: Span) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if !self.at_newline() {
            self.simple_statements(&mut body)?;
            return Ok(body);
        }
        let newline = self.span();
        self.bump();
        if !matches!(self.kind(), TokenKind::Indent) {
            return self.missing_block(header, header_span, newline);
        }
        let indent = self.span();
        self.enter_block(indent)?;
        self.bump();
        loop {
            match self.kind() {
                TokenKind::Dedent => {
                    self.bump();
                    break;
                }
                TokenKind::EndMarker => break,
                _ => self.statement(&mut body)?,
            }
        }
        self.leave();
        Ok(body)
    }

    /// CPython's error for a header followed by a line that is not indented.
    fn missing_block<T>(&mut self, header: &str, header_span: Span, newline: Span) -> PResult<T> {
        let at = match self.kind() {
            TokenKind::EndMarker => newline,
            _ => self.span(),
        };
        Err(Box::new(
            SyntaxError::new(
                format!(
                    "expected an indented block after {header} on line {}",
                    header_span.line
                ),
                at.line,
                at.col,
            )
            .with_kind(SyntaxErrorKind::IndentationError),
        ))
    }

    /// The span of a compound statement from `start` to the end of its last block.
    fn compound_span(&self, start: Span, last_block: &[Stmt]) -> Span {
        match last_block.last() {
            Some(last) => Span {
                line: start.line,
                col: start.col,
                end_line: last.span.end_line,
                end_col: last.span.end_col,
            },
            None => self.span_from(start),
        }
    }

    /// An optional `else:` block after `if`, `while` or `for`.
    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if !self.at_keyword(Keyword::Else) {
            return Ok(Vec::new());
        }
        let span = self.span();
        self.bump();
        self.expect_colon(true)?;
        self.block("'else' statement", span)
    }

    fn if_statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let mut clauses = Vec::new();
        loop {
            self.if_clause(&mut clauses)?;
            if !self.at_keyword(Keyword::Elif) {
                break;
            }
        }
        let orelse = self.else_block()?;
        self.finish_if(clauses, orelse, out);
        Ok(())
    }

    /// `if test: block` or `elif test: block`.
    fn if_clause(&mut self, clauses: &mut Vec<Clause>) -> PResult<()> {
        let start = self.span();
        let header = if clauses.is_empty() {
            "'if' statement"
        } else {
            "'elif' statement"
        };
        self.bump();
        let test = self.condition()?;
        self.expect_colon(false)?;
        let body = self.block(header, start)?;
        clauses.push(Clause { start, test, body });
        Ok(())
    }

    /// Folds `if` / `elif` clauses into nested `If` statements.
    fn finish_if(&self, mut clauses: Vec<Clause>, mut orelse: Vec<Stmt>, out: &mut Vec<Stmt>) {
        let last_block = match clauses.last() {
            Some(clause) if orelse.is_empty() => &clause.body,
            _ => &orelse,
        };
        let end = self.compound_span(Span::default(), last_block);
        while let Some(Clause { start, test, body }) = clauses.pop() {
            let span = Span {
                line: start.line,
                col: start.col,
                ..end
            };
            let stmt = Stmt {
                kind: StmtKind::If {
                    test: *test,
                    body,
                    orelse,
                },
                span,
            };
            if clauses.is_empty() {
                out.push(stmt);
                return;
            }
            orelse = vec![stmt];
        }
    }

    fn while_statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let start = self.span();
        self.bump();
        let test = self.condition()?;
        self.expect_colon(false)?;
        let body = self.block("'while' statement", start)?;
        let orelse = self.else_block()?;
        let span = self.compound_span(start, if orelse.is_empty() { &body } else { &orelse });
        out.push(Stmt {
            kind: StmtKind::While {
                test: *test,
                body,
                orelse,
            },
            span,
        });
        Ok(())
    }

    fn for_statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let start = self.span();
        self.bump();
        let target = self.for_target()?;
        let iter = self.star_expressions()?.expr;
        self.expect_colon(false)?;
        let body = self.block("'for' statement", start)?;
        let orelse = self.else_block()?;
        let span = self.compound_span(start, if orelse.is_empty() { &body } else { &orelse });
        out.push(Stmt {
            kind: StmtKind::For {
                target: *target,
                iter: *iter,
                body,
                orelse,
            },
            span,
        });
        Ok(())
    }

    /// The targets of a `for` through the `in`: expressions at `|` level (so that `in`
    /// is not taken as a comparison), a tuple if there are commas.
    fn for_target(&mut self) -> PResult<Box<Expr>> {
        let first = self.binary(PREC_BIT_OR)?;
        let target = if self.at_punct(Punct::Comma) {
            let target_start = first.expr.span;
            let mut elements = vec![first];
            while self.eat_punct(Punct::Comma) {
                if self.at_keyword(Keyword::In) {
                    break;
                }
                elements.push(self.binary(PREC_BIT_OR)?);
            }
            let span = self.span_from(target_start);
            self.sequence(elements, span, ExprKind::Tuple)?.expr
        } else {
            first.expr
        };
        self.check_target(&target, false)?;
        if !self.at_keyword(Keyword::In) {
            return self.invalid_syntax();
        }
        self.bump();
        Ok(target)
    }

    fn function_def(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let start = self.span();
        self.bump();
        let TokenKind::Name(name) = self.kind().clone() else {
            return self.invalid_syntax();
        };
        if self.function_depth > 0 {
            return self.unsupported("a nested function definition", start);
        }
        self.bump();
        if !self.eat_punct(Punct::LParen) {
            let span = self.span();
            return self.error_at("expected '('", span);
        }
        let params = self.parameters()?;
        if self.at_punct(Punct::Arrow) {
            let span = self.span();
            return self.unsupported("a return annotation ('->')", span);
        }
        self.expect_colon(true)?;
        self.function_depth += 1;
        let body = self.block("function definition", start)?;
        self.function_depth -= 1;
        let span = self.compound_span(start, &body);
        out.push(Stmt {
            kind: StmtKind::FunctionDef { name, params, body },
            span,
        });
        Ok(())
    }

    /// The parameter list after `(`, through `)`.
    fn parameters(&mut self) -> PResult<Vec<Param>> {
        let mut params: Vec<Param> = Vec::new();
        while !self.at_punct(Punct::RParen) {
            let span = self.span();
            let name = match self.kind() {
                TokenKind::Name(name) => name.clone(),
                TokenKind::Punct(Punct::Star) => return self.unsupported("a '*' parameter", span),
                TokenKind::Punct(Punct::DoubleStar) => {
                    return self.unsupported("a '**' parameter", span)
                }
                TokenKind::Punct(Punct::Slash) => {
                    return self.unsupported("a positional-only marker ('/')", span)
                }
                _ => return self.invalid_syntax(),
            };
            self.bump();
            if self.at_punct(Punct::Colon) {
                let span = self.span();
                return self.unsupported("a parameter annotation", span);
            }
            let default = if self.eat_punct(Punct::Equal) {
                Some(self.expr()?.expr_value())
            } else {
                None
            };
            if default.is_none() && params.iter().any(|param| param.default.is_some()) {
                return self.error_at("non-default argument follows default argument", span);
            }
            if params.iter().any(|param| param.name == name) {
                self.defer(SyntaxError::new(
                    format!("duplicate argument '{name}' in function definition"),
                    span.line,
                    span.col,
                ));
            }
            params.push(Param {
                name,
                default,
                span,
            });
            if !self.eat_punct(Punct::Comma) {
                break;
            }
        }
        if !self.eat_punct(Punct::RParen) {
            return self.invalid_syntax();
        }
        Ok(params)
    }
}

/// The operator of an augmented assignment token.
fn augmented_op(punct: Punct) -> Option<BinOp> {
    Some(match punct {
        Punct::PlusEqual => BinOp::Add,
        Punct::MinusEqual => BinOp::Sub,
        Punct::StarEqual => BinOp::Mul,
        Punct::SlashEqual => BinOp::Div,
        Punct::DoubleSlashEqual => BinOp::FloorDiv,
        Punct::PercentEqual => BinOp::Mod,
        Punct::DoubleStarEqual => BinOp::Pow,
        Punct::LeftShiftEqual => BinOp::LShift,
        Punct::RightShiftEqual => BinOp::RShift,
        Punct::AmperEqual => BinOp::BitAnd,
        Punct::VBarEqual => BinOp::BitOr,
        Punct::CircumflexEqual => BinOp::BitXor,
        _ => return None,
    })
}

/// One `if` or `elif` clause before the chain is folded.
struct Clause {
    start: Span,
    test: Box<Expr>,
    body: Vec<Stmt>,
}
